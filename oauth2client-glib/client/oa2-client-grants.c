/* oa2-client-grants.c: the grants of OA2Client that obtain tokens at the
 * token endpoint (RFC 6749 §4, RFC 7523), each blocking and as an
 * _async/_finish pair
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each builds its form (oa2-token-request.c) and hands it to the one
 * token request path (oa2-client-token-request.c).
 */

#include "config.h"

#include "oa2-client.h"
#include "oa2-client-private.h"
#include "oa2-dpop-token.h"
#include "oa2-token-request-private.h"

/* The public grants: no expectations beyond the client's settings. */
static void
send_token_request_async (OA2Client           *self,
                          OA2Form             *form,
                          GError              *build_error,
                          const char          *carried_refresh_token,
                          gpointer             source_tag,
                          const char          *task_name,
                          OA2DPoPKey          *given_dpop_key,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  oa2_client_send_token_request_full_async (self, form, build_error, carried_refresh_token, source_tag,
                                            task_name, given_dpop_key, NULL, cancellable, callback, user_data);
}

/**
 * oa2_client_token_request:
 * @self: a client
 * @params: (element-type utf8 utf8): every request parameter, including
 *   `grant_type`
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707), sent as repeated `resource` parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a token request for any grant type (RFC 6749 §4.5), such as a
 * server's extension grant. Client authentication is added by the client;
 * do not put credentials in @params.
 *
 * This call blocks; [method@OA2.Client.token_request_async] is its asynchronous
 * twin.
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_token_request (OA2Client *self,
                          GHashTable *params,
                          const char * const *resources,
                          OA2DPoPKey *dpop_key,
                          GCancellable *cancellable,
                          GError **error)
{
  OA2Form *form;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  form = oa2_token_form_from_params (params, resources, error);
  if (form == NULL)
    return NULL;
  return oa2_client_send_token_request_full (self, form, NULL, dpop_key, NULL, cancellable, error);
}

/**
 * oa2_client_token_request_async:
 * @self: a client
 * @params: (element-type utf8 utf8): every request parameter, including
 *   `grant_type`
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707), sent as repeated `resource` parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token arrives or the request fails
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.Client.token_request]. The
 * arguments are copied; @callback runs in the thread-default main context
 * of this call. Finish with [method@OA2.Client.token_request_finish].
 */
void
oa2_client_token_request_async (OA2Client *self,
                                GHashTable *params,
                                const char * const *resources,
                                OA2DPoPKey *dpop_key,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  OA2Form *form;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  form = oa2_token_form_from_params (params, resources, &error);
  send_token_request_async (self, form, g_steal_pointer (&error), NULL,
                            oa2_client_token_request_async, G_STRFUNC, dpop_key, cancellable, callback, user_data);
}

/**
 * oa2_client_token_request_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.token_request_async].
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_token_request_finish (OA2Client *self,
                                 GAsyncResult *result,
                                 GError **error)
{
  return oa2_client_send_token_request_finish (self, result, oa2_client_token_request_async, error);
}

/**
 * oa2_client_client_credentials:
 * @self: a client
 * @scope: (nullable): the space-separated scope to ask for
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707), sent as repeated `resource` parameters
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters, such
 *   as `audience`
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets a token for the client itself with the client credentials grant
 * (RFC 6749 §4.4).
 *
 * This call blocks; [method@OA2.Client.client_credentials_async] is its asynchronous
 * twin.
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_client_credentials (OA2Client *self,
                               const char *scope,
                               const char * const *resources,
                               GHashTable *extra_params,
                               OA2DPoPKey *dpop_key,
                               GCancellable *cancellable,
                               GError **error)
{
  OA2Form *form;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  form = oa2_token_form_client_credentials (scope, resources, extra_params, error);
  if (form == NULL)
    return NULL;
  return oa2_client_send_token_request_full (self, form, NULL, dpop_key, NULL, cancellable, error);
}

/**
 * oa2_client_client_credentials_async:
 * @self: a client
 * @scope: (nullable): the space-separated scope to ask for
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707), sent as repeated `resource` parameters
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters, such
 *   as `audience`
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token arrives or the request fails
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.Client.client_credentials]. The
 * arguments are copied; @callback runs in the thread-default main context
 * of this call. Finish with [method@OA2.Client.client_credentials_finish].
 */
void
oa2_client_client_credentials_async (OA2Client *self,
                                     const char *scope,
                                     const char * const *resources,
                                     GHashTable *extra_params,
                                     OA2DPoPKey *dpop_key,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  OA2Form *form;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  form = oa2_token_form_client_credentials (scope, resources, extra_params, &error);
  send_token_request_async (self, form, g_steal_pointer (&error), NULL,
                            oa2_client_client_credentials_async, G_STRFUNC, dpop_key, cancellable, callback, user_data);
}

/**
 * oa2_client_client_credentials_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.client_credentials_async].
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_client_credentials_finish (OA2Client *self,
                                      GAsyncResult *result,
                                      GError **error)
{
  return oa2_client_send_token_request_finish (self, result, oa2_client_client_credentials_async, error);
}

/**
 * oa2_client_authorization_code:
 * @self: a client
 * @code: the authorization code from the redirect
 * @redirect_uri: (nullable): the redirect URI of the authorization request,
 *   which the server requires when the request had one
 * @code_verifier: (nullable): the PKCE code verifier (RFC 7636)
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Exchanges an authorization code for tokens (RFC 6749 §4.1.3).
 *
 * This call blocks; [method@OA2.Client.authorization_code_async] is its asynchronous
 * twin.
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_authorization_code (OA2Client *self,
                               const char *code,
                               const char *redirect_uri,
                               const char *code_verifier,
                               const char * const *resources,
                               GHashTable *extra_params,
                               OA2DPoPKey *dpop_key,
                               GCancellable *cancellable,
                               GError **error)
{
  OA2Form *form;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  form = oa2_token_form_authorization_code (code, redirect_uri, code_verifier, resources, extra_params, error);
  if (form == NULL)
    return NULL;
  return oa2_client_send_token_request_full (self, form, NULL, dpop_key, NULL, cancellable, error);
}

/**
 * oa2_client_authorization_code_async:
 * @self: a client
 * @code: the authorization code from the redirect
 * @redirect_uri: (nullable): the redirect URI of the authorization request,
 *   which the server requires when the request had one
 * @code_verifier: (nullable): the PKCE code verifier (RFC 7636)
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token arrives or the request fails
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.Client.authorization_code]. The
 * arguments are copied; @callback runs in the thread-default main context
 * of this call. Finish with [method@OA2.Client.authorization_code_finish].
 */
void
oa2_client_authorization_code_async (OA2Client *self,
                                     const char *code,
                                     const char *redirect_uri,
                                     const char *code_verifier,
                                     const char * const *resources,
                                     GHashTable *extra_params,
                                     OA2DPoPKey *dpop_key,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  OA2Form *form;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  form = oa2_token_form_authorization_code (code, redirect_uri, code_verifier, resources, extra_params, &error);
  send_token_request_async (self, form, g_steal_pointer (&error), NULL,
                            oa2_client_authorization_code_async, G_STRFUNC, dpop_key, cancellable, callback, user_data);
}

/**
 * oa2_client_authorization_code_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.authorization_code_async].
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_authorization_code_finish (OA2Client *self,
                                      GAsyncResult *result,
                                      GError **error)
{
  return oa2_client_send_token_request_finish (self, result, oa2_client_authorization_code_async, error);
}

/**
 * oa2_client_refresh_token:
 * @self: a client
 * @refresh_token: (nullable): the refresh token; %NULL fails with
 *   %OA2_ERROR_NO_REFRESH_TOKEN
 * @scope: (nullable): a narrower scope to ask for, or %NULL for the
 *   original scope
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets a new access token with a refresh token (RFC 6749 §6).
 *
 * When the server does not issue a new refresh token, the returned token
 * carries @refresh_token on, so that it can be stored and used again. When
 * it does, the old one must be discarded.
 *
 * To renew a DPoP-bound token, give the key it is bound to
 * ([method@OA2.DPoPToken.get_dpop_key]) as @dpop_key: a server binds the
 * refresh token of a public client to that key.
 *
 * This call blocks; [method@OA2.Client.refresh_token_async] is its asynchronous
 * twin.
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_refresh_token (OA2Client *self,
                          const char *refresh_token,
                          const char *scope,
                          const char * const *resources,
                          GHashTable *extra_params,
                          OA2DPoPKey *dpop_key,
                          GCancellable *cancellable,
                          GError **error)
{
  OA2Form *form;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  form = oa2_token_form_refresh_token (refresh_token, scope, resources, extra_params, error);
  if (form == NULL)
    return NULL;
  return oa2_client_send_token_request_full (self, form, refresh_token, dpop_key, NULL, cancellable, error);
}

/**
 * oa2_client_refresh_token_async:
 * @self: a client
 * @refresh_token: (nullable): the refresh token; %NULL fails with
 *   %OA2_ERROR_NO_REFRESH_TOKEN
 * @scope: (nullable): a narrower scope to ask for, or %NULL for the
 *   original scope
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token arrives or the request fails
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.Client.refresh_token]. The
 * arguments are copied; @callback runs in the thread-default main context
 * of this call. Finish with [method@OA2.Client.refresh_token_finish].
 */
void
oa2_client_refresh_token_async (OA2Client *self,
                                const char *refresh_token,
                                const char *scope,
                                const char * const *resources,
                                GHashTable *extra_params,
                                OA2DPoPKey *dpop_key,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  OA2Form *form;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  form = oa2_token_form_refresh_token (refresh_token, scope, resources, extra_params, &error);
  send_token_request_async (self, form, g_steal_pointer (&error), refresh_token,
                            oa2_client_refresh_token_async, G_STRFUNC, dpop_key, cancellable, callback, user_data);
}

/**
 * oa2_client_refresh_token_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.refresh_token_async].
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_refresh_token_finish (OA2Client *self,
                                 GAsyncResult *result,
                                 GError **error)
{
  return oa2_client_send_token_request_finish (self, result, oa2_client_refresh_token_async, error);
}

/**
 * oa2_client_resource_owner_password:
 * @self: a client
 * @username: the resource owner's user name
 * @password: the resource owner's password
 * @scope: (nullable): the space-separated scope to ask for
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets a token with the resource owner's password (RFC 6749 §4.3).
 *
 * **Warning:** this grant hands the user's password to the client and is
 * deprecated by the OAuth 2.0 Security Best Current Practice. Use it only
 * with servers that offer nothing else.
 *
 * This call blocks; [method@OA2.Client.resource_owner_password_async] is its asynchronous
 * twin.
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_resource_owner_password (OA2Client *self,
                                    const char *username,
                                    const char *password,
                                    const char *scope,
                                    const char * const *resources,
                                    GHashTable *extra_params,
                                    OA2DPoPKey *dpop_key,
                                    GCancellable *cancellable,
                                    GError **error)
{
  OA2Form *form;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  form = oa2_token_form_password (username, password, scope, resources, extra_params, error);
  if (form == NULL)
    return NULL;
  return oa2_client_send_token_request_full (self, form, NULL, dpop_key, NULL, cancellable, error);
}

/**
 * oa2_client_resource_owner_password_async:
 * @self: a client
 * @username: the resource owner's user name
 * @password: the resource owner's password
 * @scope: (nullable): the space-separated scope to ask for
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token arrives or the request fails
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.Client.resource_owner_password]. The
 * arguments are copied; @callback runs in the thread-default main context
 * of this call. Finish with [method@OA2.Client.resource_owner_password_finish].
 */
void
oa2_client_resource_owner_password_async (OA2Client *self,
                                          const char *username,
                                          const char *password,
                                          const char *scope,
                                          const char * const *resources,
                                          GHashTable *extra_params,
                                          OA2DPoPKey *dpop_key,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  OA2Form *form;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  form = oa2_token_form_password (username, password, scope, resources, extra_params, &error);
  send_token_request_async (self, form, g_steal_pointer (&error), NULL,
                            oa2_client_resource_owner_password_async, G_STRFUNC, dpop_key, cancellable, callback, user_data);
}

/**
 * oa2_client_resource_owner_password_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.resource_owner_password_async].
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_resource_owner_password_finish (OA2Client *self,
                                           GAsyncResult *result,
                                           GError **error)
{
  return oa2_client_send_token_request_finish (self, result, oa2_client_resource_owner_password_async, error);
}

/**
 * oa2_client_jwt_bearer:
 * @self: a client
 * @assertion: the JWT to present, in compact form; for an [class@OA2.Jwt],
 *   [method@OA2.Jwt.get_compact]
 * @scope: (nullable): the space-separated scope to ask for
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets a token with the JWT bearer grant (RFC 7523 §2.1): the assertion,
 * issued by a party the server trusts or signed by the client with
 * [func@OA2.Jwt.sign_bearer_assertion], stands for the grant. The client
 * authenticates as well when it has a [property@OA2.Client:client-auth].
 *
 * This call blocks; [method@OA2.Client.jwt_bearer_async] is its
 * asynchronous twin.
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_jwt_bearer (OA2Client           *self,
                       const char          *assertion,
                       const char          *scope,
                       const char * const  *resources,
                       GHashTable          *extra_params,
                       OA2DPoPKey          *dpop_key,
                       GCancellable        *cancellable,
                       GError             **error)
{
  OA2Form *form;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  form = oa2_token_form_jwt_bearer (assertion, scope, resources, extra_params, error);
  if (form == NULL)
    return NULL;
  return oa2_client_send_token_request_full (self, form, NULL, dpop_key, NULL, cancellable, error);
}

/**
 * oa2_client_jwt_bearer_async:
 * @self: a client
 * @assertion: the JWT to present, in compact form
 * @scope: (nullable): the space-separated scope to ask for
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token arrives or the request fails
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.Client.jwt_bearer]. The
 * arguments are copied; @callback runs in the thread-default main context
 * of this call. Finish with [method@OA2.Client.jwt_bearer_finish].
 */
void
oa2_client_jwt_bearer_async (OA2Client           *self,
                             const char          *assertion,
                             const char          *scope,
                             const char * const  *resources,
                             GHashTable          *extra_params,
                             OA2DPoPKey          *dpop_key,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  OA2Form *form;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  form = oa2_token_form_jwt_bearer (assertion, scope, resources, extra_params, &error);
  send_token_request_async (self, form, g_steal_pointer (&error), NULL,
                            oa2_client_jwt_bearer_async, G_STRFUNC, dpop_key, cancellable, callback, user_data);
}

/**
 * oa2_client_jwt_bearer_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.jwt_bearer_async].
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_jwt_bearer_finish (OA2Client     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return oa2_client_send_token_request_finish (self, result, oa2_client_jwt_bearer_async, error);
}

/* What oa2_client_refresh() takes from the token it renews: the refresh
 * token, the DPoP key of a bound token, and the ID token a new one must
 * continue (OIDC Core §12.2). */
static OA2DPoPKey *
refresh_dpop_key (OA2BearerToken *token)
{
  return OA2_IS_DPOP_TOKEN (token) ? oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (token)) : NULL;
}

static OA2IdTokenExpectations
refresh_expectations (OA2BearerToken *token)
{
  OA2IdTokenExpectations expectations = OA2_ID_TOKEN_EXPECTATIONS_INIT;

  expectations.previous_id_token = oa2_bearer_token_get_id_token (token);
  return expectations;
}

/**
 * oa2_client_refresh:
 * @self: a client
 * @token: the token to renew, which carries a refresh token
 * @scope: (nullable): a narrower scope to ask for, or %NULL for the
 *   original scope
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Renews @token with its refresh token (RFC 6749 §6), as
 * [method@OA2.Client.refresh_token] does, and with what else the token
 * knows: a [class@OA2.DPoPToken] is renewed with the key it is bound to,
 * and when @token carries an ID token, a new ID token must keep its
 * issuer, subject, audience and `auth_time` (OpenID Connect Core §12.2);
 * one that does not fails with %OA2_ERROR_INVALID_CLAIM.
 *
 * This call blocks; [method@OA2.Client.refresh_async] is its asynchronous
 * twin.
 *
 * Returns: (transfer full): the new token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_refresh (OA2Client           *self,
                    OA2BearerToken      *token,
                    const char          *scope,
                    const char * const  *resources,
                    GHashTable          *extra_params,
                    GCancellable        *cancellable,
                    GError             **error)
{
  OA2IdTokenExpectations expectations;
  const char *refresh_token;
  OA2Form *form;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (OA2_IS_BEARER_TOKEN (token), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  refresh_token = oa2_bearer_token_get_refresh_token (token);
  form = oa2_token_form_refresh_token (refresh_token, scope, resources, extra_params, error);
  if (form == NULL)
    return NULL;
  expectations = refresh_expectations (token);
  return oa2_client_send_token_request_full (self, form, refresh_token, refresh_dpop_key (token), &expectations,
                                             cancellable, error);
}

/**
 * oa2_client_refresh_async:
 * @self: a client
 * @token: the token to renew, which carries a refresh token
 * @scope: (nullable): a narrower scope to ask for, or %NULL for the
 *   original scope
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token arrives or the request fails
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.Client.refresh]. Finish
 * with [method@OA2.Client.refresh_finish].
 */
void
oa2_client_refresh_async (OA2Client           *self,
                          OA2BearerToken      *token,
                          const char          *scope,
                          const char * const  *resources,
                          GHashTable          *extra_params,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  OA2IdTokenExpectations expectations;
  const char *refresh_token;
  OA2Form *form;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (OA2_IS_BEARER_TOKEN (token));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  refresh_token = oa2_bearer_token_get_refresh_token (token);
  form = oa2_token_form_refresh_token (refresh_token, scope, resources, extra_params, &error);
  expectations = refresh_expectations (token);
  oa2_client_send_token_request_full_async (self, form, g_steal_pointer (&error), refresh_token,
                                            oa2_client_refresh_async, G_STRFUNC, refresh_dpop_key (token),
                                            &expectations, cancellable, callback, user_data);
}

/**
 * oa2_client_refresh_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.refresh_async].
 *
 * Returns: (transfer full): the new token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_refresh_finish (OA2Client     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return oa2_client_send_token_request_finish (self, result, oa2_client_refresh_async, error);
}
