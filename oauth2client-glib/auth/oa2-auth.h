/* oa2-auth.h: a token provider that renews its token before it expires
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "oa2-bearer-token.h"
#include "oa2-types.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

#define OA2_TYPE_AUTH (oa2_auth_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_DERIVABLE_TYPE (OA2Auth, oa2_auth, OA2, AUTH, GObject)

/**
 * OA2AuthClass:
 * @parent_class: the parent class
 * @renew: gets a new token, blocking
 * @renew_async: starts getting a new token
 * @renew_finish: finishes @renew_async
 *
 * The class of [class@OA2.Auth]. A subclass implements the three renewal
 * functions; the base class calls them only when a token is needed, never
 * twice at a time for callers of the same kind (see [class@OA2.Auth]).
 */

/**
 * OA2AuthClass::renew:
 * @self: an auth handler
 * @current: (nullable): the token being replaced, or %NULL if there is none
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets a new token, for example with the refresh token of @current.
 * Return %OA2_ERROR_SIGN_IN_REQUIRED when only the user can help: the
 * handler then drops its token.
 *
 * Returns: (transfer full): the new token, or %NULL with @error set
 */

/**
 * OA2AuthClass::renew_async:
 * @self: an auth handler
 * @current: (nullable): the token being replaced, or %NULL if there is none
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token arrives or renewal fails
 * @user_data: data for @callback
 *
 * Starts getting a new token; the asynchronous twin of @renew.
 */

/**
 * OA2AuthClass::renew_finish:
 * @self: an auth handler
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes @renew_async.
 *
 * Returns: (transfer full): the new token, or %NULL with @error set
 */
struct _OA2AuthClass
{
  GObjectClass parent_class;

  OA2BearerToken * (*renew)        (OA2Auth              *self,
                                    OA2BearerToken       *current,
                                    GCancellable         *cancellable,
                                    GError              **error);
  void             (*renew_async)  (OA2Auth              *self,
                                    OA2BearerToken       *current,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
  OA2BearerToken * (*renew_finish) (OA2Auth              *self,
                                    GAsyncResult         *result,
                                    GError              **error);

  /*< private >*/
  gpointer padding[12];
};

OA2_AVAILABLE_IN_ALL
OA2BearerToken *oa2_auth_dup_token              (OA2Auth              *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void            oa2_auth_set_token              (OA2Auth              *self,
                                                 OA2BearerToken       *token);
OA2_AVAILABLE_IN_ALL
guint           oa2_auth_get_leeway             (OA2Auth              *self);
OA2_AVAILABLE_IN_ALL
void            oa2_auth_set_leeway             (OA2Auth              *self,
                                                 guint                 seconds);

OA2_AVAILABLE_IN_ALL
OA2BearerToken *oa2_auth_ensure_token           (OA2Auth              *self,
                                                 GCancellable         *cancellable,
                                                 GError              **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void            oa2_auth_ensure_token_async     (OA2Auth              *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
OA2_AVAILABLE_IN_ALL
OA2BearerToken *oa2_auth_ensure_token_finish    (OA2Auth              *self,
                                                 GAsyncResult         *result,
                                                 GError              **error) G_GNUC_WARN_UNUSED_RESULT;

OA2_AVAILABLE_IN_ALL
gboolean        oa2_auth_authorize_message      (OA2Auth              *self,
                                                 SoupMessage          *msg,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
OA2_AVAILABLE_IN_ALL
void            oa2_auth_authorize_message_async (OA2Auth             *self,
                                                  SoupMessage         *msg,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
OA2_AVAILABLE_IN_ALL
gboolean        oa2_auth_authorize_message_finish (OA2Auth            *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);

OA2_AVAILABLE_IN_ALL
gboolean        oa2_auth_retry_message          (OA2Auth              *self,
                                                 SoupMessage          *msg,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
OA2_AVAILABLE_IN_ALL
void            oa2_auth_retry_message_async    (OA2Auth              *self,
                                                 SoupMessage          *msg,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
OA2_AVAILABLE_IN_ALL
gboolean        oa2_auth_retry_message_finish   (OA2Auth              *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
