/* oa2-client-authorization.c: the authorization-code flow of an OA2Client:
 * its requests, pushed requests (RFC 9126) and the code exchange
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "oa2-authorization-request-private.h"
#include "oa2-client-authorization.h"
#include "oa2-client-endpoint-private.h"
#include "oa2-client-private.h"
#include "oa2-clock-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-json-private.h"
#include "oa2-token-request-private.h"

/**
 * oa2_client_new_authorization_request:
 * @self: a client with [property@OA2.Client:authorization-endpoint] and a
 *   client identifier
 * @redirect_uri: (nullable): where the server sends the browser back, or
 *   %NULL for the one registered
 * @scope: (nullable): the space-separated scope, such as `openid email`
 * @error: return location for a #GError
 *
 * Makes an authorization request to the client's authorization endpoint,
 * with its `client_id`, a new `state`, `nonce` and PKCE `S256` verifier,
 * and the issuer checks of [property@OA2.Client:issuer] and
 * [property@OA2.Client:authorization-response-iss-parameter-supported].
 * Set its other parameters, then open its URI
 * ([method@OA2.AuthorizationRequest.dup_uri]) in the browser, or push it
 * first with [method@OA2.Client.pushed_authorization_request].
 *
 * Returns: (transfer full): the request, or %NULL with @error set
 *   (%OA2_ERROR_INVALID_ARGUMENT when the client has no authorization
 *   endpoint or client identifier, or the errors of
 *   [ctor@OA2.AuthorizationRequest.new])
 */
OA2AuthorizationRequest *
oa2_client_new_authorization_request (OA2Client   *self,
                                      const char  *redirect_uri,
                                      const char  *scope,
                                      GError     **error)
{
  OA2AuthorizationRequest *request;
  const char *endpoint;
  const char *client_id;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  endpoint = oa2_client_get_authorization_endpoint (self);
  client_id = oa2_client_get_client_id (self);
  if (endpoint == NULL || client_id == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           endpoint == NULL ?
                           _("The client has no authorization endpoint") :
                           _("The client has no client identifier"));
      return NULL;
    }

  request = oa2_authorization_request_new (endpoint, client_id, redirect_uri, scope, error);
  if (request == NULL)
    return NULL;
  oa2_authorization_request_set_issuer (request, oa2_client_get_issuer (self));
  oa2_authorization_request_set_require_issuer (request,
                                                oa2_client_get_authorization_response_iss_parameter_supported (self));
  return request;
}

/* Pushed authorization requests (RFC 9126). */

/* Translators: the name of an endpoint, the subject of sentences such as
 * "The %s did not answer within %u seconds" */
#define PAR_ENDPOINT_LABEL N_("pushed authorization request endpoint")

static OA2HttpRequest *
par_http_request (OA2Client                *self,
                  OA2AuthorizationRequest  *request,
                  GError                  **error)
{
  const char *endpoint = oa2_client_get_pushed_authorization_request_endpoint (self);
  OA2Form *form;

  if (endpoint == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The client has no pushed authorization request endpoint"));
      return NULL;
    }
  if (oa2_authorization_request_get_request_uri (request) != NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The authorization request was pushed already"));
      return NULL;
    }
  /* RFC 9126 §2.1: the request's parameters, then the client
   * authentication on each attempt, which replaces client_id rather than
   * repeating it. */
  form = oa2_authorization_request_to_form (request, TRUE, error);
  if (form == NULL)
    return NULL;
  return oa2_client_new_endpoint_request (self, "pushed_authorization_request_endpoint", endpoint,
                                          _(PAR_ENDPOINT_LABEL), form);
}

static gboolean
read_par_response (OA2Client                *self,
                   OA2AuthorizationRequest  *request,
                   const OA2HttpResponse    *response,
                   GError                  **error)
{
  g_autoptr(JsonObject) body = NULL;
  const char *request_uri = NULL;
  JsonNode *expires_in;

  body = oa2_client_read_endpoint_json (response, _(PAR_ENDPOINT_LABEL), FALSE, error);
  if (body == NULL)
    return FALSE;

  /* RFC 9126 §2.2: both members are required. */
  if (!oa2_json_get_string (body, "request_uri", TRUE, &request_uri, error))
    return FALSE;
  if (*request_uri == '\0')
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
                           _("The pushed authorization response has an empty “request_uri”"));
      return FALSE;
    }
  expires_in = json_object_get_member (body, "expires_in");
  if (expires_in == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_MISSING_MEMBER,
                           _("The pushed authorization response has no “expires_in”"));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (expires_in) || json_node_get_value_type (expires_in) != G_TYPE_INT64 ||
      json_node_get_int (expires_in) <= 0 || json_node_get_int (expires_in) > G_MAXINT32)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
                           _("The pushed authorization response’s “expires_in” is not a positive integer"));
      return FALSE;
    }

  oa2_authorization_request_set_pushed (request, request_uri,
                                        oa2_clock_now_seconds () + json_node_get_int (expires_in));
  return TRUE;
}

/**
 * oa2_client_pushed_authorization_request:
 * @self: a client with [property@OA2.Client:pushed-authorization-request-endpoint]
 * @request: the request to push, made with
 *   [method@OA2.Client.new_authorization_request]
 * @dpop_key: (nullable): a DPoP key (RFC 9449 §10.1) to bind the
 *   authorization code to, or %NULL for none
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends the request's parameters straight to the server (RFC 9126), with
 * the client's authentication (a fresh assertion on every attempt) and,
 * with @dpop_key, a DPoP proof, retried once when the server asks for a
 * DPoP nonce. The server answers with a `request_uri`, and from then on
 * [method@OA2.AuthorizationRequest.dup_uri] gives the short URI that
 * carries only `client_id` and `request_uri`; the request validates the
 * response as before. Redeem the code with the same @dpop_key.
 *
 * This call blocks; [method@OA2.Client.pushed_authorization_request_async]
 * is its asynchronous twin.
 *
 * Returns: %TRUE, or %FALSE with @error set: %OA2_OAUTH_ERROR for an error
 *   the server sent, %OA2_ERROR otherwise
 */
gboolean
oa2_client_pushed_authorization_request (OA2Client                *self,
                                         OA2AuthorizationRequest  *request,
                                         OA2DPoPKey               *dpop_key,
                                         GCancellable             *cancellable,
                                         GError                  **error)
{
  OA2HttpRequest *http_request;
  g_autoptr(OA2HttpResponse) response = NULL;

  g_return_val_if_fail (OA2_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (request), FALSE);
  g_return_val_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  http_request = par_http_request (self, request, error);
  if (http_request == NULL)
    return FALSE;
  response = oa2_client_send_endpoint_request (self, http_request, dpop_key, cancellable, error);
  if (response == NULL)
    return FALSE;
  return read_par_response (self, request, response, error);
}

static void
on_par_response (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(OA2HttpResponse) response = NULL;
  GError *error = NULL;

  response = oa2_transport_send_finish (result, &error);
  if (response == NULL ||
      !read_par_response (g_task_get_source_object (task), g_task_get_task_data (task), response, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * oa2_client_pushed_authorization_request_async:
 * @self: a client
 * @request: the request to push
 * @dpop_key: (nullable): a DPoP key to bind the authorization code to
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the server has answered
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of
 * [method@OA2.Client.pushed_authorization_request]; @callback runs in the
 * thread-default main context of this call. Finish with
 * [method@OA2.Client.pushed_authorization_request_finish].
 */
void
oa2_client_pushed_authorization_request_async (OA2Client                *self,
                                               OA2AuthorizationRequest  *request,
                                               OA2DPoPKey               *dpop_key,
                                               GCancellable             *cancellable,
                                               GAsyncReadyCallback       callback,
                                               gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  OA2HttpRequest *http_request;
  GError *error = NULL;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (OA2_IS_AUTHORIZATION_REQUEST (request));
  g_return_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, oa2_client_pushed_authorization_request_async);
  g_task_set_name (task, "oa2_client_pushed_authorization_request_async");
  g_task_set_task_data (task, g_object_ref (request), g_object_unref);

  http_request = par_http_request (self, request, &error);
  if (http_request == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  oa2_client_send_endpoint_request_async (self, http_request, dpop_key, cancellable, on_par_response,
                                          g_steal_pointer (&task));
}

/**
 * oa2_client_pushed_authorization_request_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.pushed_authorization_request_async].
 *
 * Returns: %TRUE when the request was pushed, or %FALSE with @error set
 */
gboolean
oa2_client_pushed_authorization_request_finish (OA2Client     *self,
                                                GAsyncResult  *result,
                                                GError       **error)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == oa2_client_pushed_authorization_request_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The code exchange. */

/* What the ID token in the answer must match: the nonce and max_age of
 * the request, and the code for c_hash; with the openid scope, there must
 * be one (OIDC Core §3.1.3.3). */
static OA2IdTokenExpectations
expectations_of (OA2AuthorizationResponse *response)
{
  OA2IdTokenExpectations expectations = OA2_ID_TOKEN_EXPECTATIONS_INIT;
  const char *scope = oa2_authorization_response_get_scope (response);
  g_auto(GStrv) scopes = scope != NULL ? g_strsplit (scope, " ", -1) : NULL;

  expectations.id_token_required = scopes != NULL && g_strv_contains ((const char * const *) scopes, "openid");
  expectations.nonce = oa2_authorization_response_get_nonce (response);
  expectations.max_age = oa2_authorization_response_get_max_age (response);
  expectations.code = oa2_authorization_response_get_code (response);
  return expectations;
}

static OA2Form *
exchange_form (OA2AuthorizationResponse  *response,
               GError                   **error)
{
  return oa2_token_form_authorization_code (oa2_authorization_response_get_code (response),
                                            oa2_authorization_response_get_redirect_uri (response),
                                            oa2_authorization_response_get_code_verifier (response),
                                            NULL, NULL, error);
}

/**
 * oa2_client_exchange_authorization_response:
 * @self: a client
 * @response: a response that
 *   [method@OA2.AuthorizationRequest.validate_callback] returned
 * @dpop_key: (nullable): the DPoP key to bind the token to: the one the
 *   request's `dpop_jkt` or pushed request named, if any; or %NULL (a new
 *   key, with [property@OA2.Client:dpop-bound-access-tokens])
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Redeems the authorization code (RFC 6749 §4.1.3) with the redirect URI
 * and PKCE verifier of the request it answers, as
 * [method@OA2.Client.authorization_code] does. An ID token in the answer
 * is checked against the request: its nonce, and its `auth_time` against
 * the request's `max_age`.
 *
 * This call blocks;
 * [method@OA2.Client.exchange_authorization_response_async] is its
 * asynchronous twin.
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_exchange_authorization_response (OA2Client                 *self,
                                            OA2AuthorizationResponse  *response,
                                            OA2DPoPKey                *dpop_key,
                                            GCancellable              *cancellable,
                                            GError                   **error)
{
  OA2IdTokenExpectations expectations;
  OA2Form *form;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_RESPONSE (response), NULL);
  g_return_val_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  form = exchange_form (response, error);
  if (form == NULL)
    return NULL;
  expectations = expectations_of (response);
  return oa2_client_send_token_request (self, form, dpop_key, &expectations, cancellable, error);
}

/**
 * oa2_client_exchange_authorization_response_async:
 * @self: a client
 * @response: a validated authorization response
 * @dpop_key: (nullable): the DPoP key to bind the token to, or %NULL
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token arrives or the request fails
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of
 * [method@OA2.Client.exchange_authorization_response]; @callback runs in
 * the thread-default main context of this call. Finish with
 * [method@OA2.Client.exchange_authorization_response_finish].
 */
void
oa2_client_exchange_authorization_response_async (OA2Client                 *self,
                                                  OA2AuthorizationResponse  *response,
                                                  OA2DPoPKey                *dpop_key,
                                                  GCancellable              *cancellable,
                                                  GAsyncReadyCallback        callback,
                                                  gpointer                   user_data)
{
  OA2IdTokenExpectations expectations;
  GError *error = NULL;
  OA2Form *form;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (OA2_IS_AUTHORIZATION_RESPONSE (response));
  g_return_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  form = exchange_form (response, &error);
  if (form == NULL)
    {
      g_task_report_error (self, callback, user_data, oa2_client_exchange_authorization_response_async, error);
      return;
    }
  expectations = expectations_of (response);
  oa2_client_send_token_request_async (self, form, dpop_key, &expectations,
                                       oa2_client_exchange_authorization_response_async, cancellable,
                                       callback, user_data);
}

/**
 * oa2_client_exchange_authorization_response_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.exchange_authorization_response_async].
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_exchange_authorization_response_finish (OA2Client     *self,
                                                   GAsyncResult  *result,
                                                   GError       **error)
{
  return oa2_client_send_token_request_finish (self, result, oa2_client_exchange_authorization_response_async,
                                               error);
}
