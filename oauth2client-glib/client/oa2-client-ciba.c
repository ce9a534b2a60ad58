/* oa2-client-ciba.c: Client Initiated Backchannel Authentication (OpenID
 * CIBA): the authentication request and the CIBA grant
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Two requests: the authentication request (§7.1) to the backchannel
 * authentication endpoint, and the CIBA grant (§10.1) through the one
 * token request path. Polling the second in poll mode is the job of
 * OA2TokenPoller (flows/); in ping mode the server's notification says
 * when to send it once.
 */

#include "config.h"

#include "oa2-backchannel-authentication-request-private.h"
#include "oa2-client-ciba.h"
#include "oa2-client-endpoint-private.h"
#include "oa2-client-private.h"
#include "oa2-error-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-token-request-private.h"

/* Translators: the name of an endpoint, the subject of sentences such as
 * "The %s did not answer within %u seconds" */
#define BACKCHANNEL_ENDPOINT_LABEL N_("backchannel authentication endpoint")

static OA2HttpRequest *
backchannel_http_request (OA2Client                            *self,
                          OA2BackchannelAuthenticationRequest  *request,
                          GHashTable                           *extra_params,
                          GError                              **error)
{
  const char *endpoint = oa2_client_get_backchannel_authentication_endpoint (self);
  OA2Form *form;

  if (endpoint == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The client has no backchannel authentication endpoint"));
      return NULL;
    }
  form = oa2_backchannel_authentication_request_to_form (request, oa2_client_get_client_id (self),
                                                         oa2_client_get_issuer (self), extra_params, error);
  if (form == NULL)
    return NULL;
  /* CIBA §7.1: the client authenticates as at the token endpoint, with a
   * fresh assertion per attempt; no DPoP proof, which belongs to the
   * token request that follows. */
  return oa2_client_new_endpoint_request (self, "backchannel_authentication_endpoint", endpoint,
                                          _(BACKCHANNEL_ENDPOINT_LABEL), form);
}

static OA2BackchannelAuthenticationResponse *
read_backchannel_response (const OA2HttpResponse  *response,
                           GError                **error)
{
  g_autoptr(JsonObject) body = oa2_client_read_endpoint_json (response, _(BACKCHANNEL_ENDPOINT_LABEL), FALSE,
                                                              error);

  return body != NULL ? oa2_backchannel_authentication_response_new_from_json (body, error) : NULL;
}

/**
 * oa2_client_backchannel_authentication_request:
 * @self: a client with
 *   [property@OA2.Client:backchannel-authentication-endpoint]
 * @request: what to ask for, and about which user
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Starts a Client Initiated Backchannel Authentication (OpenID CIBA
 * §7.1): asks the server to authenticate the user that @request names on
 * the user's own device. The request carries the client's
 * authentication, or is a signed request object when @request has a
 * signing key. Then get the token: in poll mode with a
 * [class@OA2.TokenPoller] ([ctor@OA2.TokenPoller.new_for_backchannel]),
 * in ping mode with [method@OA2.Client.ciba] once the server has notified
 * the client.
 *
 * This call blocks;
 * [method@OA2.Client.backchannel_authentication_request_async] is its
 * asynchronous twin.
 *
 * Returns: (transfer full): the server's answer, or %NULL with @error set:
 *   %OA2_OAUTH_ERROR when the server refused (`unknown_user_id`,
 *   `invalid_binding_message`, `expired_login_hint_token`,
 *   `missing_user_code`, `access_denied`…);
 *   %OA2_ERROR_INVALID_ARGUMENT when the client has no backchannel
 *   authentication endpoint, the scope lacks `openid`, the request does
 *   not have exactly one hint, or a parameter is empty; the errors of
 *   [ctor@OA2.BackchannelAuthenticationResponse.new_from_json] for a
 *   malformed answer; or a transport error
 */
OA2BackchannelAuthenticationResponse *
oa2_client_backchannel_authentication_request (OA2Client                            *self,
                                               OA2BackchannelAuthenticationRequest  *request,
                                               GHashTable                           *extra_params,
                                               GCancellable                         *cancellable,
                                               GError                              **error)
{
  OA2HttpRequest *http_request;
  g_autoptr(OA2HttpResponse) response = NULL;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (OA2_IS_BACKCHANNEL_AUTHENTICATION_REQUEST (request), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  http_request = backchannel_http_request (self, request, extra_params, error);
  if (http_request == NULL)
    return NULL;
  response = oa2_client_send_endpoint_request (self, http_request, NULL, cancellable, error);
  if (response == NULL)
    return NULL;
  return read_backchannel_response (response, error);
}

static void
on_backchannel_response (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(OA2HttpResponse) response = NULL;
  OA2BackchannelAuthenticationResponse *pending = NULL;
  GError *error = NULL;

  response = oa2_transport_send_finish (result, &error);
  if (response != NULL)
    pending = read_backchannel_response (response, &error);
  if (pending == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pending, g_object_unref);
}

/**
 * oa2_client_backchannel_authentication_request_async:
 * @self: a client
 * @request: what to ask for, and about which user
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the server has answered
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of
 * [method@OA2.Client.backchannel_authentication_request]. The request is
 * read at once; @callback runs in the thread-default main context of this
 * call. Finish with
 * [method@OA2.Client.backchannel_authentication_request_finish].
 */
void
oa2_client_backchannel_authentication_request_async (OA2Client                           *self,
                                                     OA2BackchannelAuthenticationRequest *request,
                                                     GHashTable                          *extra_params,
                                                     GCancellable                        *cancellable,
                                                     GAsyncReadyCallback                  callback,
                                                     gpointer                             user_data)
{
  g_autoptr(GTask) task = NULL;
  OA2HttpRequest *http_request;
  GError *error = NULL;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (OA2_IS_BACKCHANNEL_AUTHENTICATION_REQUEST (request));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, oa2_client_backchannel_authentication_request_async);
  g_task_set_name (task, "oa2_client_backchannel_authentication_request_async");

  http_request = backchannel_http_request (self, request, extra_params, &error);
  if (http_request == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  oa2_client_send_endpoint_request_async (self, http_request, NULL, cancellable, on_backchannel_response,
                                          g_steal_pointer (&task));
}

/**
 * oa2_client_backchannel_authentication_request_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.backchannel_authentication_request_async].
 *
 * Returns: (transfer full): the server's answer, or %NULL with @error set
 *   as [method@OA2.Client.backchannel_authentication_request] describes
 */
OA2BackchannelAuthenticationResponse *
oa2_client_backchannel_authentication_request_finish (OA2Client     *self,
                                                      GAsyncResult  *result,
                                                      GError       **error)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        oa2_client_backchannel_authentication_request_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* CIBA §10.1: the grant type and the request identifier, then the tail
 * every grant shares. */
static OA2Form *
ciba_form (const char          *auth_req_id,
           const char * const  *resources,
           GHashTable          *extra_params,
           GError             **error)
{
  OA2Form *form;

  if (auth_req_id == NULL || *auth_req_id == '\0')
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The authentication request identifier (auth_req_id) is empty"));
      return NULL;
    }
  form = oa2_form_new ();
  oa2_form_add (form, "grant_type", OA2_GRANT_TYPE_CIBA);
  oa2_form_add (form, "auth_req_id", auth_req_id);
  return oa2_token_form_finish (form, NULL, resources, extra_params, error);
}

/**
 * oa2_client_ciba:
 * @self: a client
 * @auth_req_id: the request identifier of
 *   [property@OA2.BackchannelAuthenticationResponse:auth-req-id]
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens])
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends one token request with the CIBA grant
 * (`urn:openid:params:grant-type:ciba`, CIBA §10.1). Until the user has
 * answered, the server refuses it with
 * %OA2_OAUTH_ERROR_AUTHORIZATION_PENDING or %OA2_OAUTH_ERROR_SLOW_DOWN;
 * in poll mode a [class@OA2.TokenPoller] repeats it at the right pace. In
 * ping mode, call this once the notification has come. The ID token of
 * the response is validated as on every token response.
 *
 * This call blocks; [method@OA2.Client.ciba_async] is its asynchronous
 * twin.
 *
 * Returns: (transfer full): the token, or %NULL with @error set: the
 *   server's error (`authorization_pending`, `slow_down`,
 *   `access_denied`, `expired_token`…) in %OA2_OAUTH_ERROR,
 *   %OA2_ERROR_INVALID_ARGUMENT for an empty @auth_req_id, or any error
 *   of a token request
 */
OA2BearerToken *
oa2_client_ciba (OA2Client           *self,
                 const char          *auth_req_id,
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

  form = ciba_form (auth_req_id, resources, extra_params, error);
  if (form == NULL)
    return NULL;
  return oa2_client_send_token_request (self, form, dpop_key, NULL, cancellable, error);
}

/**
 * oa2_client_ciba_async:
 * @self: a client
 * @auth_req_id: the request identifier
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key to bind the token to,
 *   or %NULL
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token arrives or the request fails
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.Client.ciba]. Finish
 * with [method@OA2.Client.ciba_finish].
 */
void
oa2_client_ciba_async (OA2Client           *self,
                       const char          *auth_req_id,
                       const char * const  *resources,
                       GHashTable          *extra_params,
                       OA2DPoPKey          *dpop_key,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GError *error = NULL;
  OA2Form *form;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  form = ciba_form (auth_req_id, resources, extra_params, &error);
  if (form == NULL)
    {
      g_task_report_error (self, callback, user_data, oa2_client_ciba_async, error);
      return;
    }
  oa2_client_send_token_request_async (self, form, dpop_key, NULL, oa2_client_ciba_async, cancellable,
                                       callback, user_data);
}

/**
 * oa2_client_ciba_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.ciba_async].
 *
 * Returns: (transfer full): the token, or %NULL with @error set as
 *   [method@OA2.Client.ciba] describes
 */
OA2BearerToken *
oa2_client_ciba_finish (OA2Client     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return oa2_client_send_token_request_finish (self, result, oa2_client_ciba_async, error);
}
