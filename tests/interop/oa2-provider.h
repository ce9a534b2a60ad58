/* oa2-provider.h: the local OpenID provider, started and stopped by tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _OA2Provider OA2Provider;

OA2Provider *oa2_provider_start          (void);
OA2Provider *oa2_provider_start_mtls     (const char  *mtls_dir);
const char  *oa2_provider_get_mtls_base  (OA2Provider *provider);
void         oa2_provider_stop           (OA2Provider *provider);
const char  *oa2_provider_get_issuer     (OA2Provider *provider);
char        *oa2_provider_endpoint       (OA2Provider *provider,
                                          const char  *path);
char        *oa2_provider_login          (OA2Provider *provider,
                                          const char  *authorization_uri);

G_END_DECLS
