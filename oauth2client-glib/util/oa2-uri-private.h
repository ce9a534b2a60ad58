/* oa2-uri-private.h: which URIs may carry credentials
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean oa2_uri_is_loopback_host   (const char  *host);
gboolean oa2_uri_may_carry_credentials (GUri       *uri,
                                     GError    **error);
GUri    *oa2_uri_parse_endpoint     (const char  *uri,
                                     GError     **error);
char    *oa2_uri_to_display         (GUri        *uri);
char    *oa2_uri_string_to_display  (const char  *uri);
/* The port, or the scheme's when none is given. */
int      oa2_uri_get_port_or_default (GUri       *uri);
gboolean oa2_uri_same_origin        (GUri        *a,
                                     GUri        *b);

G_END_DECLS
