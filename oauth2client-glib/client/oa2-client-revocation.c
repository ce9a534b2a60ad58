/* oa2-client-revocation.c: token revocation (RFC 7009)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "oa2-client-endpoint-private.h"
#include "oa2-client-revocation.h"
#include "oa2-error-private.h"
#include "oa2-error.h"
#include "oa2-form-private.h"
#include "oa2-i18n-private.h"
#include "oa2-response-private.h"
#include "oa2-token-request-private.h"

/* Translators: the name of an endpoint, the subject of sentences such as
 * "The %s did not answer within %u seconds" */
#define REVOCATION_ENDPOINT_LABEL N_("revocation endpoint")

static OA2HttpRequest *
revocation_http_request (OA2Client   *self,
                         const char  *token,
                         const char  *token_type_hint,
                         GError     **error)
{
  const char *endpoint = oa2_client_get_revocation_endpoint (self);
  OA2Form *form;

  if (endpoint == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The client has no revocation endpoint"));
      return NULL;
    }

  /* RFC 7009 §2.1: the token and its hint, then the client authentication
   * that every attempt adds afresh, as at the token endpoint. No DPoP
   * proof: RFC 9449 defines none for this endpoint, which authenticates
   * the client, not the key. */
  form = oa2_token_hint_form (token, token_type_hint, _("There is no token to revoke"), error);
  if (form == NULL)
    return NULL;
  return oa2_client_new_endpoint_request (self, "revocation_endpoint", endpoint,
                                          _(REVOCATION_ENDPOINT_LABEL), form);
}

/* RFC 7009 §2.2: any success status means the token is no longer valid,
 * whatever the body (usually none, so it is not read). An error body is
 * the server's reason (§2.2.1: unsupported_token_type, invalid_client…);
 * anything else is an unexpected status. */
static gboolean
read_revocation_response (const OA2HttpResponse  *response,
                          GError                **error)
{
  g_autoptr(JsonObject) body = NULL;
  gboolean is_error;

  if (SOUP_STATUS_IS_SUCCESSFUL (response->status))
    return TRUE;

  body = oa2_response_read_json (response, _(REVOCATION_ENDPOINT_LABEL), &is_error, error);
  if (body == NULL)
    return FALSE;
  if (is_error)
    g_propagate_error (error, oa2_response_oauth_error_from_json (body, response->status));
  else
    g_propagate_error (error, oa2_error_new_unexpected_status (response->status, _(REVOCATION_ENDPOINT_LABEL)));
  return FALSE;
}

/**
 * oa2_client_revoke_token:
 * @self: a client with [property@OA2.Client:revocation-endpoint]
 * @token: the access or refresh token to revoke
 * @token_type_hint: (nullable): `access_token`, `refresh_token` or another
 *   registered hint that helps the server find the token, or %NULL for none
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Asks the server to revoke @token (RFC 7009). The request carries the
 * client's authentication as a token request does: a fresh assertion on
 * every attempt, and the client's TLS certificate with the endpoint's
 * mutual-TLS alias when the authentication presents one.
 *
 * The server answers success both when it revoked the token and when the
 * token was already invalid or unknown (RFC 7009 §2.2), so %TRUE means
 * only that the token is no longer usable.
 *
 * This call blocks; [method@OA2.Client.revoke_token_async] is its
 * asynchronous twin.
 *
 * Returns: %TRUE when the server answered with a success status, or
 *   %FALSE with @error set: %OA2_OAUTH_ERROR when the server sent an
 *   error response (`unsupported_token_type`, `invalid_client`…, with its
 *   description); %OA2_ERROR_UNEXPECTED_STATUS when it answered another
 *   status without an error body; %OA2_ERROR_INVALID_ARGUMENT when the
 *   client has no revocation endpoint or @token is empty; or a transport
 *   error
 */
gboolean
oa2_client_revoke_token (OA2Client     *self,
                         const char    *token,
                         const char    *token_type_hint,
                         GCancellable  *cancellable,
                         GError       **error)
{
  OA2HttpRequest *http_request;
  g_autoptr(OA2HttpResponse) response = NULL;

  g_return_val_if_fail (OA2_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  http_request = revocation_http_request (self, token, token_type_hint, error);
  if (http_request == NULL)
    return FALSE;
  response = oa2_client_send_endpoint_request (self, http_request, NULL, cancellable, error);
  if (response == NULL)
    return FALSE;
  return read_revocation_response (response, error);
}

static void
on_revocation_response (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(OA2HttpResponse) response = NULL;
  GError *error = NULL;

  response = oa2_transport_send_finish (result, &error);
  if (response == NULL || !read_revocation_response (response, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
revoke_async (OA2Client           *self,
              const char          *token,
              const char          *token_type_hint,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OA2HttpRequest *http_request;
  GError *error = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, "oa2_client_revoke_token_async");

  http_request = revocation_http_request (self, token, token_type_hint, &error);
  if (http_request == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  oa2_client_send_endpoint_request_async (self, http_request, NULL, cancellable, on_revocation_response,
                                          g_steal_pointer (&task));
}

static gboolean
revoke_finish (OA2Client     *self,
               GAsyncResult  *result,
               gpointer       source_tag,
               GError       **error)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * oa2_client_revoke_token_async:
 * @self: a client
 * @token: the token to revoke
 * @token_type_hint: (nullable): the token's type hint, or %NULL
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the server has answered
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.Client.revoke_token];
 * @callback runs in the thread-default main context of this call. Finish
 * with [method@OA2.Client.revoke_token_finish].
 */
void
oa2_client_revoke_token_async (OA2Client           *self,
                               const char          *token,
                               const char          *token_type_hint,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  revoke_async (self, token, token_type_hint, oa2_client_revoke_token_async, cancellable, callback, user_data);
}

/**
 * oa2_client_revoke_token_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.revoke_token_async].
 *
 * Returns: %TRUE when the token is revoked, or %FALSE with @error set as
 *   [method@OA2.Client.revoke_token] describes
 */
gboolean
oa2_client_revoke_token_finish (OA2Client     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return revoke_finish (self, result, oa2_client_revoke_token_async, error);
}

/* The access or refresh token of @token, or NULL with @error set. */
static const char *
token_of (OA2BearerToken  *token,
          gboolean         refresh,
          GError         **error)
{
  const char *value;

  if (!refresh)
    return oa2_bearer_token_get_access_token (token);
  value = oa2_bearer_token_get_refresh_token (token);
  if (value == NULL)
    g_set_error_literal (error, OA2_ERROR, OA2_ERROR_NO_REFRESH_TOKEN,
                         _("The token has no refresh token to revoke"));
  return value;
}

/**
 * oa2_client_revoke_access_token:
 * @self: a client with [property@OA2.Client:revocation-endpoint]
 * @token: the token whose access token to revoke
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Revokes the access token of @token, with the hint `access_token`, as
 * [method@OA2.Client.revoke_token] does. To revoke an access token held
 * only as a string, call that function with the hint.
 *
 * Returns: %TRUE when the token is revoked, or %FALSE with @error set as
 *   [method@OA2.Client.revoke_token] describes
 */
gboolean
oa2_client_revoke_access_token (OA2Client       *self,
                                OA2BearerToken  *token,
                                GCancellable    *cancellable,
                                GError         **error)
{
  g_return_val_if_fail (OA2_IS_BEARER_TOKEN (token), FALSE);

  return oa2_client_revoke_token (self, token_of (token, FALSE, NULL), "access_token", cancellable, error);
}

/**
 * oa2_client_revoke_access_token_async:
 * @self: a client
 * @token: the token whose access token to revoke
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the server has answered
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of
 * [method@OA2.Client.revoke_access_token]. Finish with
 * [method@OA2.Client.revoke_access_token_finish].
 */
void
oa2_client_revoke_access_token_async (OA2Client           *self,
                                      OA2BearerToken      *token,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (OA2_IS_BEARER_TOKEN (token));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  revoke_async (self, token_of (token, FALSE, NULL), "access_token", oa2_client_revoke_access_token_async,
                cancellable, callback, user_data);
}

/**
 * oa2_client_revoke_access_token_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.revoke_access_token_async].
 *
 * Returns: %TRUE when the token is revoked, or %FALSE with @error set
 */
gboolean
oa2_client_revoke_access_token_finish (OA2Client     *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return revoke_finish (self, result, oa2_client_revoke_access_token_async, error);
}

/**
 * oa2_client_revoke_refresh_token:
 * @self: a client with [property@OA2.Client:revocation-endpoint]
 * @token: the token whose refresh token to revoke
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Revokes the refresh token of @token, with the hint `refresh_token`, as
 * [method@OA2.Client.revoke_token] does; servers commonly revoke the
 * access tokens of the same grant with it (RFC 7009 §2.1).
 *
 * Returns: %TRUE when the token is revoked, or %FALSE with @error set:
 *   %OA2_ERROR_NO_REFRESH_TOKEN when @token has no refresh token, or as
 *   [method@OA2.Client.revoke_token] describes
 */
gboolean
oa2_client_revoke_refresh_token (OA2Client       *self,
                                 OA2BearerToken  *token,
                                 GCancellable    *cancellable,
                                 GError         **error)
{
  const char *refresh_token;

  g_return_val_if_fail (OA2_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (OA2_IS_BEARER_TOKEN (token), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  refresh_token = token_of (token, TRUE, error);
  if (refresh_token == NULL)
    return FALSE;
  return oa2_client_revoke_token (self, refresh_token, "refresh_token", cancellable, error);
}

/**
 * oa2_client_revoke_refresh_token_async:
 * @self: a client
 * @token: the token whose refresh token to revoke
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the server has answered
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of
 * [method@OA2.Client.revoke_refresh_token]. Finish with
 * [method@OA2.Client.revoke_refresh_token_finish].
 */
void
oa2_client_revoke_refresh_token_async (OA2Client           *self,
                                       OA2BearerToken      *token,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  const char *refresh_token;
  GError *error = NULL;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (OA2_IS_BEARER_TOKEN (token));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  refresh_token = token_of (token, TRUE, &error);
  if (refresh_token == NULL)
    {
      g_task_report_error (self, callback, user_data, oa2_client_revoke_refresh_token_async, error);
      return;
    }
  revoke_async (self, refresh_token, "refresh_token", oa2_client_revoke_refresh_token_async,
                cancellable, callback, user_data);
}

/**
 * oa2_client_revoke_refresh_token_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.revoke_refresh_token_async].
 *
 * Returns: %TRUE when the token is revoked, or %FALSE with @error set
 */
gboolean
oa2_client_revoke_refresh_token_finish (OA2Client     *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return revoke_finish (self, result, oa2_client_revoke_refresh_token_async, error);
}
