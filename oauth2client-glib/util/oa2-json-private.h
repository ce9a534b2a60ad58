/* oa2-json-private.h: parsing untrusted JSON with type checks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deeper documents are refused. */
#define OA2_JSON_MAX_DEPTH 32
/* Objects with more members are refused: json-glib hashes member names
 * with g_str_hash(), on which crafted names collide, and each insertion
 * then costs as much as the members before it. */
#define OA2_JSON_MAX_MEMBERS 1024

JsonNode   *oa2_json_parse               (const char   *data,
                                          gsize         len);
JsonObject *oa2_json_parse_object        (const char   *data,
                                          gsize         len,
                                          GError      **error);
gboolean    oa2_json_get_string          (JsonObject   *object,
                                          const char   *name,
                                          gboolean      required,
                                          const char  **out_value,
                                          GError      **error);
char       *oa2_json_to_string           (JsonNode     *node);
void        oa2_json_wipe_strings        (JsonNode     *node);
char       *oa2_json_object_to_string    (JsonObject   *object);

G_END_DECLS
