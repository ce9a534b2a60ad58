/* oa2-token-store.h: where tokens are kept between runs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "oa2-bearer-token.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

#define OA2_TYPE_TOKEN_STORE (oa2_token_store_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_INTERFACE (OA2TokenStore, oa2_token_store, OA2, TOKEN_STORE, GObject)

/**
 * OA2TokenStoreInterface:
 * @g_iface: the parent interface
 * @load_async: starts reading the token kept under a key
 * @load_finish: finishes @load_async: the token, or %NULL (without an
 *   error) when there is none
 * @save_async: starts keeping a token under a key, replacing the one there
 * @save_finish: finishes @save_async
 * @clear_async: starts forgetting the token kept under a key; forgetting
 *   a key that holds nothing succeeds
 * @clear_finish: finishes @clear_async
 *
 * The virtual methods of [iface@OA2.TokenStore]. The key (issuer, client
 * ID, account) has been checked before they are called. Each operation
 * completes on the thread-default main context current when it started;
 * the synchronous wrappers rely on that.
 */
struct _OA2TokenStoreInterface
{
  GTypeInterface g_iface;

  void             (*load_async)   (OA2TokenStore        *self,
                                    const char           *issuer,
                                    const char           *client_id,
                                    const char           *account,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
  OA2BearerToken * (*load_finish)  (OA2TokenStore        *self,
                                    GAsyncResult         *result,
                                    GError              **error);
  void             (*save_async)   (OA2TokenStore        *self,
                                    const char           *issuer,
                                    const char           *client_id,
                                    const char           *account,
                                    OA2BearerToken       *token,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
  gboolean         (*save_finish)  (OA2TokenStore        *self,
                                    GAsyncResult         *result,
                                    GError              **error);
  void             (*clear_async)  (OA2TokenStore        *self,
                                    const char           *issuer,
                                    const char           *client_id,
                                    const char           *account,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
  gboolean         (*clear_finish) (OA2TokenStore        *self,
                                    GAsyncResult         *result,
                                    GError              **error);

  /*< private >*/
  gpointer padding[8];
};

OA2_AVAILABLE_IN_ALL
void            oa2_token_store_load_async   (OA2TokenStore        *self,
                                              const char           *issuer,
                                              const char           *client_id,
                                              const char           *account,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
OA2_AVAILABLE_IN_ALL
OA2BearerToken *oa2_token_store_load_finish  (OA2TokenStore        *self,
                                              GAsyncResult         *result,
                                              GError              **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2BearerToken *oa2_token_store_load         (OA2TokenStore        *self,
                                              const char           *issuer,
                                              const char           *client_id,
                                              const char           *account,
                                              GCancellable         *cancellable,
                                              GError              **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void            oa2_token_store_save_async   (OA2TokenStore        *self,
                                              const char           *issuer,
                                              const char           *client_id,
                                              const char           *account,
                                              OA2BearerToken       *token,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
OA2_AVAILABLE_IN_ALL
gboolean        oa2_token_store_save_finish  (OA2TokenStore        *self,
                                              GAsyncResult         *result,
                                              GError              **error);
OA2_AVAILABLE_IN_ALL
gboolean        oa2_token_store_save         (OA2TokenStore        *self,
                                              const char           *issuer,
                                              const char           *client_id,
                                              const char           *account,
                                              OA2BearerToken       *token,
                                              GCancellable         *cancellable,
                                              GError              **error);
OA2_AVAILABLE_IN_ALL
void            oa2_token_store_clear_async  (OA2TokenStore        *self,
                                              const char           *issuer,
                                              const char           *client_id,
                                              const char           *account,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
OA2_AVAILABLE_IN_ALL
gboolean        oa2_token_store_clear_finish (OA2TokenStore        *self,
                                              GAsyncResult         *result,
                                              GError              **error);
OA2_AVAILABLE_IN_ALL
gboolean        oa2_token_store_clear        (OA2TokenStore        *self,
                                              const char           *issuer,
                                              const char           *client_id,
                                              const char           *account,
                                              GCancellable         *cancellable,
                                              GError              **error);

G_END_DECLS
