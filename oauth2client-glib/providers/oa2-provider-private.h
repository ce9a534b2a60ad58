/* oa2-provider-private.h: what the vendor presets share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-client.h"

G_BEGIN_DECLS

/* The origin (scheme://host[:port], no trailing slash) of a host name or
 * URL a caller gave for a vendor's server: a bare host means https; a URL
 * must be https, or http to a loopback host (tests); no query, fragment
 * or user information. @what names the argument in errors. */
char      *oa2_provider_parse_base       (const char    *value,
                                          const char    *what,
                                          gboolean       keep_path,
                                          GError       **error);

/* Whether @value is a single URL path segment of letters, digits and
 * -._~ (realm names, tenant IDs). */
gboolean   oa2_provider_check_segment    (const char    *value,
                                          const char    *what,
                                          GError       **error);

G_END_DECLS
