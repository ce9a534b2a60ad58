/* oa2-base64url-private.h: base64url without padding (RFC 7515 §2)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char   *oa2_base64url_encode       (const guint8  *data,
                                    gsize          len);
char   *oa2_base64url_encode_bytes (GBytes        *bytes);
GBytes *oa2_base64url_decode       (const char    *text,
                                    gssize         len);

G_END_DECLS
