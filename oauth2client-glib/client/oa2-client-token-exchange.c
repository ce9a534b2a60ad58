/* oa2-client-token-exchange.c: the token exchange grant (RFC 8693)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "oa2-client-private.h"
#include "oa2-client-token-exchange.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-issued-token-private.h"
#include "oa2-token-exchange-request-private.h"
#include "oa2-token-request-private.h"

static OA2Form *
token_exchange_form (OA2TokenExchangeRequest  *request,
                     const char               *scope,
                     const char * const       *resources,
                     GHashTable               *extra_params,
                     GError                  **error)
{
  OA2Form *form = oa2_token_exchange_request_to_form (request, error);

  if (form == NULL)
    return NULL;
  return oa2_token_form_finish (form, scope, resources, extra_params, error);
}

/* RFC 8693 §2.2.1 makes issued_token_type required: without it the
 * caller could not tell an access token from, say, a JWT meant for
 * another party. */
static gboolean
check_issued_token_type (OA2BearerToken  *token,
                         GError         **error)
{
  JsonNode *node = oa2_bearer_token_get_member (token, "issued_token_type");

  if (node == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_MISSING_MEMBER,
                           _("The token exchange response has no “issued_token_type”"));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      *json_node_get_string (node) == '\0')
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
                           _("The token exchange response’s “issued_token_type” is not a non-empty string"));
      return FALSE;
    }
  return TRUE;
}

/* A token that is not an access token (N_A) or of a type this library
 * cannot use fails the Bearer path; the message says where it can be had. */
static void
point_to_issued (GError *error)
{
  char *message;

  if (error == NULL || !g_error_matches (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_TOKEN_TYPE))
    return;
  /* Translators: %s is an error message ending in a full stop or not;
   * oa2_client_token_exchange_issued() is a function name, keep it */
  message = g_strdup_printf (_("%s (oa2_client_token_exchange_issued() returns tokens of any type)"),
                             error->message);
  g_free (error->message);
  error->message = message;
}

/**
 * oa2_client_token_exchange:
 * @self: a client
 * @request: the tokens to present and what to ask for
 * @scope: (nullable): the space-separated scope to ask for
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707), the URIs of the services the new token is for
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Exchanges the tokens of @request for a new token (RFC 8693): the grant
 * `urn:ietf:params:oauth:grant-type:token-exchange` with the subject and
 * actor tokens, their types, `requested_token_type` and `audience`, then
 * @scope, each resource and @extra_params. The client authenticates as
 * for any grant.
 *
 * The response must say which type of token it carries;
 * [method@OA2.BearerToken.get_issued_token_type] reads it. The issued
 * token must be usable as an access token (`token_type` `Bearer`, or
 * `DPoP` when bound): a response with `token_type` `N_A`, which RFC 8693
 * uses for tokens that are not access tokens, fails with
 * %OA2_ERROR_UNSUPPORTED_TOKEN_TYPE; [method@OA2.Client.token_exchange_issued]
 * returns such tokens.
 *
 * This call blocks; [method@OA2.Client.token_exchange_async] is its
 * asynchronous twin.
 *
 * Returns: (transfer full): the token, or %NULL with @error set:
 *   %OA2_ERROR_INVALID_ARGUMENT for an empty token, a type that is
 *   neither a URI nor a short name, or an actor token type without an
 *   actor token; %OA2_ERROR_MISSING_MEMBER when the response has no
 *   `issued_token_type`; the server's error (such as
 *   %OA2_OAUTH_ERROR_INVALID_GRANT or %OA2_OAUTH_ERROR_INVALID_TARGET);
 *   or any error of a token request
 */
OA2BearerToken *
oa2_client_token_exchange (OA2Client                *self,
                           OA2TokenExchangeRequest  *request,
                           const char               *scope,
                           const char * const       *resources,
                           GHashTable               *extra_params,
                           OA2DPoPKey               *dpop_key,
                           GCancellable             *cancellable,
                           GError                  **error)
{
  g_autoptr(OA2BearerToken) token = NULL;
  OA2Form *form;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (OA2_IS_TOKEN_EXCHANGE_REQUEST (request), NULL);
  g_return_val_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  form = token_exchange_form (request, scope, resources, extra_params, error);
  if (form == NULL)
    return NULL;
  token = oa2_client_send_token_request (self, form, dpop_key, NULL, cancellable, error);
  if (token == NULL)
    point_to_issued (error != NULL ? *error : NULL);
  if (token == NULL || !check_issued_token_type (token, error))
    return NULL;
  return g_steal_pointer (&token);
}

static void
on_token_exchanged (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(OA2BearerToken) token = NULL;
  GError *error = NULL;

  token = oa2_client_send_token_request_finish (OA2_CLIENT (source), result, on_token_exchanged, &error);
  if (token == NULL)
    point_to_issued (error);
  if (token == NULL || !check_issued_token_type (token, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&token), g_object_unref);
}

/**
 * oa2_client_token_exchange_async:
 * @self: a client
 * @request: the tokens to present and what to ask for
 * @scope: (nullable): the space-separated scope to ask for
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token arrives or the request fails
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.Client.token_exchange].
 * The request is read at once, so it may change afterwards; @callback
 * runs in the thread-default main context of this call. Finish with
 * [method@OA2.Client.token_exchange_finish].
 */
void
oa2_client_token_exchange_async (OA2Client                *self,
                                 OA2TokenExchangeRequest  *request,
                                 const char               *scope,
                                 const char * const       *resources,
                                 GHashTable               *extra_params,
                                 OA2DPoPKey               *dpop_key,
                                 GCancellable             *cancellable,
                                 GAsyncReadyCallback       callback,
                                 gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  OA2Form *form;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (OA2_IS_TOKEN_EXCHANGE_REQUEST (request));
  g_return_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, oa2_client_token_exchange_async);
  g_task_set_name (task, "oa2_client_token_exchange_async");

  form = token_exchange_form (request, scope, resources, extra_params, &error);
  if (form == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  oa2_client_send_token_request_async (self, form, dpop_key, NULL, on_token_exchanged, cancellable,
                                       on_token_exchanged, g_steal_pointer (&task));
}

/**
 * oa2_client_token_exchange_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.token_exchange_async].
 *
 * Returns: (transfer full): the token, or %NULL with @error set as
 *   [method@OA2.Client.token_exchange] describes
 */
OA2BearerToken *
oa2_client_token_exchange_finish (OA2Client     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == oa2_client_token_exchange_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * oa2_client_token_exchange_issued:
 * @self: a client
 * @request: the tokens to present and what to ask for
 * @scope: (nullable): the space-separated scope to ask for
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707), the URIs of the services the new token is for
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Exchanges the tokens of @request for a new token of any type (RFC 8693):
 * the same request as [method@OA2.Client.token_exchange], but the answer
 * may be a token that is not an access token, such as an ID token, a SAML
 * assertion or a JWT for another party. The server then says `token_type`
 * `N_A` (RFC 8693 §2.2.1); a `Bearer` or `DPoP` answer is returned the
 * same way. Call [method@OA2.TokenExchangeRequest.set_requested_token_type]
 * to say which type you want.
 *
 * The request carries no DPoP proof; for a DPoP-bound access token use
 * [method@OA2.Client.token_exchange]. The issued token is not validated:
 * an ID token issued here is not the ID token of a sign-in (it has no
 * nonce to match), so the caller validates it for its purpose.
 *
 * This call blocks; [method@OA2.Client.token_exchange_issued_async] is its
 * asynchronous twin.
 *
 * Returns: (transfer full): the issued token, or %NULL with @error set:
 *   %OA2_ERROR_INVALID_ARGUMENT for a request
 *   [method@OA2.Client.token_exchange] refuses;
 *   %OA2_ERROR_MISSING_MEMBER when the response has no `access_token`,
 *   `token_type` or `issued_token_type`; %OA2_ERROR_INVALID_MEMBER for a
 *   member of the wrong type or an invalid `expires_in`;
 *   %OA2_ERROR_MALFORMED_TOKEN for a token with characters outside
 *   printable ASCII; the server's error; or any error of a token request
 */
OA2IssuedToken *
oa2_client_token_exchange_issued (OA2Client                *self,
                                  OA2TokenExchangeRequest  *request,
                                  const char               *scope,
                                  const char * const       *resources,
                                  GHashTable               *extra_params,
                                  GCancellable             *cancellable,
                                  GError                  **error)
{
  g_autoptr(JsonObject) body = NULL;
  OA2Form *form;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (OA2_IS_TOKEN_EXCHANGE_REQUEST (request), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  form = token_exchange_form (request, scope, resources, extra_params, error);
  if (form == NULL)
    return NULL;
  body = oa2_client_send_token_request_raw (self, form, cancellable, error);
  if (body == NULL)
    return NULL;
  return oa2_issued_token_new_from_response (body, error);
}

static void
on_token_issued (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) body = NULL;
  OA2IssuedToken *token = NULL;
  GError *error = NULL;

  body = oa2_client_send_token_request_raw_finish (OA2_CLIENT (source), result, &error);
  if (body != NULL)
    token = oa2_issued_token_new_from_response (body, &error);
  if (token == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, g_object_unref);
}

/**
 * oa2_client_token_exchange_issued_async:
 * @self: a client
 * @request: the tokens to present and what to ask for
 * @scope: (nullable): the space-separated scope to ask for
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token arrives or the request fails
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of
 * [method@OA2.Client.token_exchange_issued]. The request is read at once,
 * so it may change afterwards; @callback runs in the thread-default main
 * context of this call. Finish with
 * [method@OA2.Client.token_exchange_issued_finish].
 */
void
oa2_client_token_exchange_issued_async (OA2Client                *self,
                                        OA2TokenExchangeRequest  *request,
                                        const char               *scope,
                                        const char * const       *resources,
                                        GHashTable               *extra_params,
                                        GCancellable             *cancellable,
                                        GAsyncReadyCallback       callback,
                                        gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  OA2Form *form;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (OA2_IS_TOKEN_EXCHANGE_REQUEST (request));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, oa2_client_token_exchange_issued_async);
  g_task_set_name (task, "oa2_client_token_exchange_issued_async");

  form = token_exchange_form (request, scope, resources, extra_params, &error);
  if (form == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  oa2_client_send_token_request_raw_async (self, form, on_token_issued, cancellable,
                                           on_token_issued, g_steal_pointer (&task));
}

/**
 * oa2_client_token_exchange_issued_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.token_exchange_issued_async].
 *
 * Returns: (transfer full): the issued token, or %NULL with @error set as
 *   [method@OA2.Client.token_exchange_issued] describes
 */
OA2IssuedToken *
oa2_client_token_exchange_issued_finish (OA2Client     *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == oa2_client_token_exchange_issued_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
