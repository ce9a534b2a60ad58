/* oa2-token-store-auth.h: an auth handler that keeps its token in a store
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include "oa2-auth.h"
#include "oa2-token-store.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

OA2_AVAILABLE_IN_ALL
void     oa2_auth_attach_store_async  (OA2Auth              *self,
                                       OA2TokenStore        *store,
                                       const char           *issuer,
                                       const char           *client_id,
                                       const char           *account,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
OA2_AVAILABLE_IN_ALL
gboolean oa2_auth_attach_store_finish (OA2Auth              *self,
                                       GAsyncResult         *result,
                                       GError              **error);
OA2_AVAILABLE_IN_ALL
gboolean oa2_auth_attach_store        (OA2Auth              *self,
                                       OA2TokenStore        *store,
                                       const char           *issuer,
                                       const char           *client_id,
                                       const char           *account,
                                       GCancellable         *cancellable,
                                       GError              **error);
OA2_AVAILABLE_IN_ALL
void     oa2_auth_wait_for_store      (OA2Auth              *self);

G_END_DECLS
