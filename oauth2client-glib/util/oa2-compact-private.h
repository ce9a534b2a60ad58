/* oa2-compact-private.h: the compact text form of requests_oauth2client's
 * serializers (JSON, raw DEFLATE, base64url without padding)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The largest JSON text a compact form may inflate to. A token with an ID
 * token and a DPoP key is a few KiB; the cap stops a small input that
 * inflates to gigabytes (a "zip bomb") after this many bytes. */
#define OA2_COMPACT_MAX_INFLATED (256 * 1024)

void        oa2_compact_append_json (GString      *out,
                                     JsonNode     *node);
char       *oa2_compact_encode      (const char   *json,
                                     gsize         len);
JsonObject *oa2_compact_decode      (const char   *text,
                                     gsize         max_inflated,
                                     GError      **error);

G_END_DECLS
