/* oa2-client-device.c: the device authorization grant (RFC 8628)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Two requests: the device authorization request (§3.1) to its own
 * endpoint, and the device code grant (§3.4) through the one token
 * request path. Polling the second until the user has answered is the
 * job of OA2TokenPoller (flows/).
 */

#include "config.h"

#include "oa2-client-device.h"
#include "oa2-client-endpoint-private.h"
#include "oa2-client-private.h"
#include "oa2-error-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-token-request-private.h"

/* Translators: the name of an endpoint, the subject of sentences such as
 * "The %s did not answer within %u seconds" */
#define DEVICE_ENDPOINT_LABEL N_("device authorization endpoint")

static OA2HttpRequest *
device_http_request (OA2Client           *self,
                     const char          *scope,
                     const char * const  *resources,
                     GHashTable          *extra_params,
                     GError             **error)
{
  const char *endpoint = oa2_client_get_device_authorization_endpoint (self);
  OA2Form *form;

  if (endpoint == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The client has no device authorization endpoint"));
      return NULL;
    }
  form = oa2_device_authorization_form (scope, resources, extra_params, error);
  if (form == NULL)
    return NULL;
  /* Client authentication on every attempt, as at the token endpoint
   * (§3.1 refers to RFC 6749 §2.3); no DPoP proof, which RFC 9449 defines
   * only for the token request that follows. */
  return oa2_client_new_endpoint_request (self, "device_authorization_endpoint", endpoint,
                                          _(DEVICE_ENDPOINT_LABEL), form);
}

static OA2DeviceAuthorizationResponse *
read_device_response (const OA2HttpResponse  *response,
                      GError                **error)
{
  g_autoptr(JsonObject) body = oa2_client_read_endpoint_json (response, _(DEVICE_ENDPOINT_LABEL), TRUE, error);

  return body != NULL ? oa2_device_authorization_response_new_from_json (body, error) : NULL;
}

/**
 * oa2_client_authorize_device:
 * @self: a client with [property@OA2.Client:device-authorization-endpoint]
 * @scope: (nullable): the space-separated scope to ask for
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707), sent as repeated `resource` parameters
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Starts the device authorization grant (RFC 8628 §3.1): asks the server
 * for a device code and a user code. Show the user the user code and the
 * verification URI, then poll for the token with a [class@OA2.TokenPoller]
 * ([ctor@OA2.TokenPoller.new_for_device]). The request carries the
 * client's authentication; a public client sends its `client_id`.
 *
 * This call blocks; [method@OA2.Client.authorize_device_async] is its
 * asynchronous twin.
 *
 * Returns: (transfer full): the server's answer, or %NULL with @error set:
 *   %OA2_OAUTH_ERROR when the server refused (`invalid_client`,
 *   `invalid_scope`…); %OA2_ERROR_INVALID_ARGUMENT when the client has no
 *   device authorization endpoint or @scope or @resources are malformed;
 *   the errors of [ctor@OA2.DeviceAuthorizationResponse.new_from_json] for
 *   a malformed answer; or a transport error
 */
OA2DeviceAuthorizationResponse *
oa2_client_authorize_device (OA2Client           *self,
                             const char          *scope,
                             const char * const  *resources,
                             GHashTable          *extra_params,
                             GCancellable        *cancellable,
                             GError             **error)
{
  OA2HttpRequest *http_request;
  g_autoptr(OA2HttpResponse) response = NULL;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  http_request = device_http_request (self, scope, resources, extra_params, error);
  if (http_request == NULL)
    return NULL;
  response = oa2_client_send_endpoint_request (self, http_request, NULL, cancellable, error);
  if (response == NULL)
    return NULL;
  return read_device_response (response, error);
}

static void
on_device_response (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(OA2HttpResponse) response = NULL;
  OA2DeviceAuthorizationResponse *device = NULL;
  GError *error = NULL;

  response = oa2_transport_send_finish (result, &error);
  if (response != NULL)
    device = read_device_response (response, &error);
  if (device == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, device, g_object_unref);
}

/**
 * oa2_client_authorize_device_async:
 * @self: a client with [property@OA2.Client:device-authorization-endpoint]
 * @scope: (nullable): the space-separated scope to ask for
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the server has answered
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of
 * [method@OA2.Client.authorize_device]. The arguments are copied;
 * @callback runs in the thread-default main context of this call. Finish
 * with [method@OA2.Client.authorize_device_finish].
 */
void
oa2_client_authorize_device_async (OA2Client           *self,
                                   const char          *scope,
                                   const char * const  *resources,
                                   GHashTable          *extra_params,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OA2HttpRequest *http_request;
  GError *error = NULL;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, oa2_client_authorize_device_async);
  g_task_set_name (task, "oa2_client_authorize_device_async");

  http_request = device_http_request (self, scope, resources, extra_params, &error);
  if (http_request == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  oa2_client_send_endpoint_request_async (self, http_request, NULL, cancellable, on_device_response,
                                          g_steal_pointer (&task));
}

/**
 * oa2_client_authorize_device_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.authorize_device_async].
 *
 * Returns: (transfer full): the server's answer, or %NULL with @error set
 *   as [method@OA2.Client.authorize_device] describes
 */
OA2DeviceAuthorizationResponse *
oa2_client_authorize_device_finish (OA2Client     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == oa2_client_authorize_device_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * oa2_client_device_code:
 * @self: a client
 * @device_code: the device code of
 *   [property@OA2.DeviceAuthorizationResponse:device-code]
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
 * Sends one device access token request (RFC 8628 §3.4). Until the user
 * has answered, the server refuses it with
 * %OA2_OAUTH_ERROR_AUTHORIZATION_PENDING or %OA2_OAUTH_ERROR_SLOW_DOWN;
 * a [class@OA2.TokenPoller] repeats it at the right pace and is what most
 * applications want.
 *
 * This call blocks; [method@OA2.Client.device_code_async] is its
 * asynchronous twin.
 *
 * Returns: (transfer full): the token, or %NULL with @error set:
 *   %OA2_OAUTH_ERROR with the server's code (`authorization_pending`,
 *   `slow_down`, `access_denied`, `expired_token`…);
 *   %OA2_ERROR_INVALID_ARGUMENT for an empty device code; or the errors of
 *   any token request
 */
OA2BearerToken *
oa2_client_device_code (OA2Client           *self,
                        const char          *device_code,
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

  form = oa2_token_form_device_code (device_code, resources, extra_params, error);
  if (form == NULL)
    return NULL;
  return oa2_client_send_token_request (self, form, dpop_key, NULL, cancellable, error);
}

/**
 * oa2_client_device_code_async:
 * @self: a client
 * @device_code: the device code
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens])
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token arrives or the request fails
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.Client.device_code]. The
 * arguments are copied; @callback runs in the thread-default main context
 * of this call. Finish with [method@OA2.Client.device_code_finish].
 */
void
oa2_client_device_code_async (OA2Client           *self,
                              const char          *device_code,
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

  form = oa2_token_form_device_code (device_code, resources, extra_params, &error);
  if (form == NULL)
    {
      g_task_report_error (self, callback, user_data, oa2_client_device_code_async, error);
      return;
    }
  oa2_client_send_token_request_async (self, form, dpop_key, NULL, oa2_client_device_code_async,
                                       cancellable, callback, user_data);
}

/**
 * oa2_client_device_code_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.device_code_async].
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_device_code_finish (OA2Client     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return oa2_client_send_token_request_finish (self, result, oa2_client_device_code_async, error);
}
