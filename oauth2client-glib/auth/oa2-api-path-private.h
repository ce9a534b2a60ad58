/* oa2-api-path-private.h: API paths under a base URL, and nowhere else
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A base URL made canonical: absolute, with a host, no user information,
 * query or fragment, its path ending in '/'. */
char *oa2_api_base_url_normalize (const char          *base_url,
                                  GError             **error);
/* @path under @base (as normalized): a relative reference whose segments
 * stay below the base; percent-encodes what must be; then @query, encoded.
 * Refuses what would leave the base with OA2_ERROR_OUTSIDE_BASE_URL. */
char *oa2_api_path_resolve       (const char          *base,
                                  const char          *path,
                                  GHashTable          *query,
                                  GError             **error);
char *oa2_api_path_join_segments (const char * const  *segments);

G_END_DECLS
