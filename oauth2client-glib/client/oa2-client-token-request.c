/* oa2-client-token-request.c: OA2Client's token request path, the one
 * every grant goes through, sync and async
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Build, send, parse: the grant's form goes to the token endpoint with
 * the client's authentication and, for a DPoP-bound token, a proof; the
 * answer becomes a token through the class's parse_token_response and
 * on_token_error, and any ID token it carries is validated before the
 * caller sees it.
 */

#include "config.h"

#include "oa2-client-endpoint-private.h"
#include "oa2-client-instance-private.h"
#include "oa2-client-private.h"
#include "oa2-dpop-nonces-private.h"
#include "oa2-dpop-token-private.h"
#include "oa2-error-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-json-private.h"
#include "oa2-response-private.h"
#include "oa2-secret-private.h"

/* A copy of @response with one more member: @response itself stays as the
 * server sent it, for whoever else reads it. */
static JsonObject *
response_with_member (JsonObject *response,
                      const char *name,
                      const char *value)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, response);
  while (json_object_iter_next (&iter, &member, &node))
    json_object_set_member (copy, member, json_node_copy (node));
  json_object_set_string_member (copy, name, value);
  return copy;
}

OA2BearerToken *
oa2_client_real_parse_token_response (OA2Client   *self,
                                      JsonObject  *response,
                                      GError     **error)
{
  g_autoptr(JsonObject) typed = NULL;

  if (oa2_client_get_allow_missing_token_type (self) &&
      !json_object_has_member (response, "token_type"))
    typed = response_with_member (response, "token_type", "Bearer");
  return oa2_bearer_token_new_from_response (typed != NULL ? typed : response, error);
}

GError *
oa2_client_real_on_token_error (OA2Client  *self,
                                guint       http_status,
                                JsonObject *response)
{
  return oa2_response_oauth_error_from_json (response, http_status);
}

static OA2HttpRequest *
token_http_request (OA2Client *self,
                    OA2Form   *form)
{
  OA2ClientPrivate *priv = oa2_client_get_private (self);

  /* Translators: the name of an endpoint, the subject of sentences such as
   * "The %s did not answer within %u seconds" */
  return oa2_client_new_endpoint_request (self, "token_endpoint", priv->token_endpoint, _("token endpoint"), form);
}

/* RFC 9449 §5: a request with a proof must get a DPoP token back. A
 * server that ignores the proof answers Bearer, or (against RFC 6749)
 * nothing; either is an error unless the application accepts unbound
 * tokens, and then the answer goes through the usual parser. Returns a
 * DPoP token, or NULL with @error set, or NULL and no error for the usual
 * parser, with *@inout_body given a token_type when it had none. */
static OA2BearerToken *
dpop_token_from_response (OA2Client    *self,
                          JsonObject  **inout_body,
                          OA2DPoPKey   *dpop_key,
                          GError      **error)
{
  OA2ClientPrivate *priv = oa2_client_get_private (self);
  const char *token_type = NULL;
  OA2DPoPToken *token;

  if (!oa2_json_get_string (*inout_body, "token_type", FALSE, &token_type, error))
    return NULL;

  if (token_type != NULL && g_ascii_strcasecmp (token_type, "DPoP") == 0)
    {
      g_autoptr(OA2DPoPNonces) nonces = oa2_dpop_nonces_for_session (priv->session);

      token = oa2_dpop_token_new_from_response (*inout_body, dpop_key, error);
      if (token == NULL)
        return NULL;
      /* The token's resource servers and this client's authorization
       * server share the session's nonces. */
      oa2_dpop_token_set_nonces (token, nonces);
      return OA2_BEARER_TOKEN (token);
    }

  if (!oa2_client_get_allow_dpop_downgrade (self))
    {
      if (token_type == NULL)
        g_set_error_literal (error, OA2_ERROR, OA2_ERROR_TOKEN_TYPE_MISMATCH,
                             _("The server did not say which type of token it issued, where a DPoP-bound "
                               "token was asked for"));
      else
        {
          g_autofree char *safe = oa2_error_sanitize_name (token_type);

          g_set_error (error, OA2_ERROR, OA2_ERROR_TOKEN_TYPE_MISMATCH,
                       /* Translators: %s is a token type such as "Bearer" */
                       _("The server issued a token of type “%s” where a DPoP-bound token was asked for"),
                       safe);
        }
      return NULL;
    }

  if (token_type == NULL)
    {
      JsonObject *typed = response_with_member (*inout_body, "token_type", "Bearer");

      json_object_unref (*inout_body);
      *inout_body = typed;
    }
  return NULL;
}

static JsonObject *
oa2_client_read_token_response (OA2Client              *self,
                                const OA2HttpResponse  *response,
                                GError                **error)
{
  OA2ClientClass *klass = OA2_CLIENT_GET_CLASS (self);
  g_autoptr(JsonObject) body = NULL;
  GError *local_error = NULL;
  gboolean is_error;

  body = oa2_response_read_json (response, _("token endpoint"), &is_error, &local_error);
  if (body == NULL)
    {
      /* A 503 page without an OAuth body may still say when to come back. */
      oa2_response_record_retry_after (response, local_error);
      g_propagate_error (error, local_error);
      return NULL;
    }

  if (is_error)
    {
      GError *mapped = klass->on_token_error (self, response->status, body);

      if (mapped == NULL)
        mapped = oa2_response_oauth_error_from_json (body, response->status);
      oa2_response_record_retry_after (response, mapped);
      g_propagate_error (error, mapped);
      return NULL;
    }
  return g_steal_pointer (&body);
}

static OA2BearerToken *
token_from_response (OA2Client                     *self,
                     const OA2HttpResponse         *response,
                     const char                    *carried_refresh_token,
                     OA2DPoPKey                    *dpop_key,
                     const OA2IdTokenExpectations  *expectations,
                     GError                       **error)
{
  OA2ClientClass *klass = OA2_CLIENT_GET_CLASS (self);
  g_autoptr(JsonObject) body = NULL;
  OA2BearerToken *token;
  GError *local_error = NULL;

  body = oa2_client_read_token_response (self, response, error);
  if (body == NULL)
    return NULL;

  /* RFC 6749 §6: without a new refresh token, the old one stays valid. */
  if (carried_refresh_token != NULL && !json_object_has_member (body, "refresh_token"))
    {
      JsonObject *with_refresh = response_with_member (body, "refresh_token", carried_refresh_token);

      json_object_unref (body);
      body = with_refresh;
    }

  if (dpop_key != NULL)
    {
      token = dpop_token_from_response (self, &body, dpop_key, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (token != NULL)
        return token;
    }

  token = klass->parse_token_response (self, body, error);
  if (token == NULL && error != NULL && *error == NULL)
    g_set_error_literal (error, OA2_ERROR, OA2_ERROR_FAILED,
                         _("The client’s token response parser returned no token and no error"));
  /* An override may have built the token generically, as bindings do,
   * without an access token or with an invalid one. */
  if (token != NULL && !g_initable_init (G_INITABLE (token), NULL, error))
    g_clear_object (&token);
  return token;
}

OA2BearerToken *
oa2_client_send_token_request_full (OA2Client                     *self,
                                    OA2Form                       *form,
                                    const char                    *carried_refresh_token,
                                    OA2DPoPKey                    *given_dpop_key,
                                    const OA2IdTokenExpectations  *expectations,
                                    GCancellable                  *cancellable,
                                    GError                       **error)
{
  OA2TransportConfig config = oa2_client_get_transport_config (self);
  OA2TransportHooks hooks;
  g_autoptr(OA2HttpResponse) response = NULL;
  g_autoptr(OA2DPoPKey) dpop_key = NULL;
  OA2BearerToken *token;

  if (!oa2_client_resolve_dpop_key (self, given_dpop_key, &dpop_key, error))
    {
      oa2_form_free (form);
      return NULL;
    }
  hooks = oa2_client_get_endpoint_hooks (self, dpop_key);
  response = oa2_transport_send (&config, token_http_request (self, form), &hooks, cancellable, error);
  if (response == NULL)
    return NULL;
  token = token_from_response (self, response, carried_refresh_token, dpop_key, expectations, error);
  /* Every ID token is validated before the caller sees the token. */
  if (token != NULL && !oa2_client_validate_token_response (self, token, expectations, cancellable, error))
    g_clear_object (&token);
  return token;
}

/* What the response of an asynchronous token request is read with. The
 * expectations are copied: the caller's strings may be gone by the time
 * the response arrives. */
typedef struct {
  char                   *carried_refresh_token;
  OA2DPoPKey             *dpop_key;
  gboolean                has_expectations;
  OA2IdTokenExpectations  expectations;   /* its strings owned */
  OA2BearerToken         *token;          /* while its ID token is validated */
} TokenTaskData;

static void
token_task_data_set_expectations (TokenTaskData                *task_data,
                                  const OA2IdTokenExpectations *expectations)
{
  if (expectations == NULL)
    return;
  task_data->has_expectations = TRUE;
  task_data->expectations = *expectations;
  task_data->expectations.nonce = g_strdup (expectations->nonce);
  task_data->expectations.code = g_strdup (expectations->code);
  task_data->expectations.previous_id_token = g_strdup (expectations->previous_id_token);
}

static void
token_task_data_free (gpointer data)
{
  TokenTaskData *task_data = data;

  oa2_secret_free (task_data->carried_refresh_token);
  g_clear_object (&task_data->dpop_key);
  g_clear_object (&task_data->token);
  g_free ((char *) task_data->expectations.nonce);
  /* The code is a credential until the exchange has used it. */
  oa2_secret_free ((char *) task_data->expectations.code);
  oa2_secret_free ((char *) task_data->expectations.previous_id_token);
  g_free (task_data);
}

static void
on_token_validated (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TokenTaskData *task_data = g_task_get_task_data (task);
  OA2BearerToken *token = g_steal_pointer (&task_data->token);
  GError *error = NULL;

  if (!oa2_client_validate_token_response_finish (OA2_CLIENT (source), result, &error))
    {
      g_object_unref (token);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, token, g_object_unref);
}

static void
on_token_response (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OA2Client *self = g_task_get_source_object (task);
  TokenTaskData *task_data = g_task_get_task_data (task);
  g_autoptr(OA2HttpResponse) response = NULL;
  OA2BearerToken *token;
  GCancellable *cancellable;
  GError *error = NULL;

  response = oa2_transport_send_finish (result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  token = token_from_response (self, response, task_data->carried_refresh_token, task_data->dpop_key,
                               task_data->has_expectations ? &task_data->expectations : NULL, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The expectations live in the task data, which lives as long as the
   * task this validation completes. */
  task_data->token = token;
  cancellable = g_task_get_cancellable (task);
  oa2_client_validate_token_response_async (self, token,
                                            task_data->has_expectations ? &task_data->expectations : NULL,
                                            cancellable, on_token_validated, g_steal_pointer (&task));
}

/* @form is NULL when building the request failed with @build_error; the
 * error is then reported through the callback like any other. The task is
 * named after the public function (@task_name, a static string), for
 * debuggers and profilers. A key the client generates is made here, in
 * the caller's thread. */
void
oa2_client_send_token_request_full_async (OA2Client                    *self,
                                          OA2Form                      *form,
                                          GError                       *build_error,
                                          const char                   *carried_refresh_token,
                                          gpointer                      source_tag,
                                          const char                   *task_name,
                                          OA2DPoPKey                   *given_dpop_key,
                                          const OA2IdTokenExpectations *expectations,
                                          GCancellable                 *cancellable,
                                          GAsyncReadyCallback           callback,
                                          gpointer                      user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  TokenTaskData *task_data = g_new0 (TokenTaskData, 1);
  OA2TransportConfig config;
  OA2TransportHooks hooks;
  GError *error = NULL;

  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, task_name);
  task_data->carried_refresh_token = g_strdup (carried_refresh_token);
  token_task_data_set_expectations (task_data, expectations);
  g_task_set_task_data (task, task_data, token_task_data_free);

  if (form == NULL)
    {
      g_task_return_error (task, build_error);
      return;
    }
  if (!oa2_client_resolve_dpop_key (self, given_dpop_key, &task_data->dpop_key, &error))
    {
      oa2_form_free (form);
      g_task_return_error (task, error);
      return;
    }

  config = oa2_client_get_transport_config (self);
  hooks = oa2_client_get_endpoint_hooks (self, task_data->dpop_key);
  oa2_transport_send_async (&config, token_http_request (self, form), &hooks, cancellable,
                            on_token_response, g_steal_pointer (&task));
}

static OA2BearerToken *
send_token_request_finish (OA2Client     *self,
                           GAsyncResult  *result,
                           gpointer       source_tag,
                           GError       **error)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The entry point of oa2-client-private.h, for the library's flows. */
OA2BearerToken *
oa2_client_send_token_request (OA2Client                     *self,
                               OA2Form                       *form,
                               OA2DPoPKey                    *dpop_key,
                               const OA2IdTokenExpectations  *expectations,
                               GCancellable                  *cancellable,
                               GError                       **error)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (form != NULL, NULL);
  g_return_val_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return oa2_client_send_token_request_full (self, form, NULL, dpop_key, expectations, cancellable, error);
}

void
oa2_client_send_token_request_async (OA2Client                    *self,
                                     OA2Form                      *form,
                                     OA2DPoPKey                   *dpop_key,
                                     const OA2IdTokenExpectations *expectations,
                                     gpointer                      source_tag,
                                     GCancellable                 *cancellable,
                                     GAsyncReadyCallback           callback,
                                     gpointer                      user_data)
{
  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (form != NULL);
  g_return_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key));

  oa2_client_send_token_request_full_async (self, form, NULL, NULL, source_tag,
                                            "oa2_client_send_token_request_async", dpop_key, expectations,
                                            cancellable, callback, user_data);
}

OA2BearerToken *
oa2_client_send_token_request_finish (OA2Client     *self,
                                      GAsyncResult  *result,
                                      gpointer       source_tag,
                                      GError       **error)
{
  return send_token_request_finish (self, result, source_tag, error);
}

JsonObject *
oa2_client_send_token_request_raw (OA2Client     *self,
                                   OA2Form       *form,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  g_autoptr(OA2HttpResponse) response = NULL;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (form != NULL, NULL);

  response = oa2_client_send_endpoint_request (self, token_http_request (self, form), NULL, cancellable, error);
  if (response == NULL)
    return NULL;
  return oa2_client_read_token_response (self, response, error);
}

static void
on_raw_token_response (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OA2Client *self = g_task_get_source_object (task);
  g_autoptr(OA2HttpResponse) response = NULL;
  JsonObject *body;
  GError *error = NULL;

  response = oa2_transport_send_finish (result, &error);
  body = response != NULL ? oa2_client_read_token_response (self, response, &error) : NULL;
  if (body == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, body, (GDestroyNotify) json_object_unref);
}

void
oa2_client_send_token_request_raw_async (OA2Client           *self,
                                         OA2Form             *form,
                                         gpointer             source_tag,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (form != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, "oa2_client_send_token_request_raw_async");
  oa2_client_send_endpoint_request_async (self, token_http_request (self, form), NULL, cancellable,
                                          on_raw_token_response, g_steal_pointer (&task));
}

JsonObject *
oa2_client_send_token_request_raw_finish (OA2Client     *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
