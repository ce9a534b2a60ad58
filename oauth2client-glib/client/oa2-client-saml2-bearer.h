/* oa2-client-saml2-bearer.h: the SAML 2.0 bearer assertion grant (RFC 7522)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "oa2-bearer-token.h"
#include "oa2-client.h"
#include "oa2-dpop-key.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

OA2_AVAILABLE_IN_ALL
OA2BearerToken *oa2_client_saml2_bearer        (OA2Client            *self,
                                                GBytes               *assertion,
                                                const char           *scope,
                                                const char * const   *resources,
                                                GHashTable           *extra_params,
                                                OA2DPoPKey           *dpop_key,
                                                GCancellable         *cancellable,
                                                GError              **error);
OA2_AVAILABLE_IN_ALL
void            oa2_client_saml2_bearer_async  (OA2Client            *self,
                                                GBytes               *assertion,
                                                const char           *scope,
                                                const char * const   *resources,
                                                GHashTable           *extra_params,
                                                OA2DPoPKey           *dpop_key,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
OA2_AVAILABLE_IN_ALL
OA2BearerToken *oa2_client_saml2_bearer_finish (OA2Client            *self,
                                                GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
