/* oa2-client-revocation.h: token revocation (RFC 7009)
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
#include "oa2-version-macros.h"

G_BEGIN_DECLS

OA2_AVAILABLE_IN_ALL
gboolean oa2_client_revoke_token                (OA2Client            *self,
                                                 const char           *token,
                                                 const char           *token_type_hint,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
OA2_AVAILABLE_IN_ALL
void     oa2_client_revoke_token_async          (OA2Client            *self,
                                                 const char           *token,
                                                 const char           *token_type_hint,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
OA2_AVAILABLE_IN_ALL
gboolean oa2_client_revoke_token_finish         (OA2Client            *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

OA2_AVAILABLE_IN_ALL
gboolean oa2_client_revoke_access_token         (OA2Client            *self,
                                                 OA2BearerToken       *token,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
OA2_AVAILABLE_IN_ALL
void     oa2_client_revoke_access_token_async   (OA2Client            *self,
                                                 OA2BearerToken       *token,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
OA2_AVAILABLE_IN_ALL
gboolean oa2_client_revoke_access_token_finish  (OA2Client            *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

OA2_AVAILABLE_IN_ALL
gboolean oa2_client_revoke_refresh_token        (OA2Client            *self,
                                                 OA2BearerToken       *token,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
OA2_AVAILABLE_IN_ALL
void     oa2_client_revoke_refresh_token_async  (OA2Client            *self,
                                                 OA2BearerToken       *token,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
OA2_AVAILABLE_IN_ALL
gboolean oa2_client_revoke_refresh_token_finish (OA2Client            *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
