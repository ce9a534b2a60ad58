/* oa2-client-endpoint.c: the request path shared by every grant and
 * endpoint of OA2Client, sync and async
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Where a request goes (its endpoint or the endpoint's mutual-TLS alias),
 * the client's transport settings, and the hooks that authenticate the
 * client and prove possession of a DPoP key on every attempt, with the
 * one retry for a DPoP nonce.
 */

#include "config.h"

#include "oa2-client-assertion-private.h"
#include "oa2-client-endpoint-private.h"
#include "oa2-client-instance-private.h"
#include "oa2-client-mtls-private.h"
#include "oa2-dpop-nonces-private.h"
#include "oa2-json-private.h"
#include "oa2-response-private.h"
#include "oa2-secret-private.h"

static OA2TransportConfig
transport_config (OA2Client *self)
{
  OA2ClientPrivate *priv = oa2_client_get_private (self);
  OA2TransportConfig config = {
    .session = priv->session,
    .timeout_seconds = oa2_client_get_timeout (self),
    .max_response_size = oa2_client_get_max_response_size (self),
  };

  return config;
}

/* What each attempt needs to authenticate the client and, with DPoP, to
 * prove possession of the key. */
typedef struct {
  OA2ClientAuth *auth;
  char          *issuer;
  OA2DPoPKey    *dpop_key;
  OA2DPoPNonces *nonces;      /* the session's, with dpop_key */
} AttemptAuth;

static void
attempt_auth_free (gpointer data)
{
  AttemptAuth *attempt_auth = data;

  g_clear_object (&attempt_auth->auth);
  g_free (attempt_auth->issuer);
  g_clear_object (&attempt_auth->dpop_key);
  g_clear_pointer (&attempt_auth->nonces, oa2_dpop_nonces_unref);
  g_free (attempt_auth);
}

/* Client credentials and DPoP proofs are produced per attempt: neither a
 * private_key_jwt assertion nor a proof may be replayed on a retry. */
static gboolean
authenticate_attempt (OA2HttpAttempt  *attempt,
                      guint            attempt_number,
                      gpointer         user_data,
                      GError         **error)
{
  AttemptAuth *attempt_auth = user_data;

  if (attempt_auth == NULL)
    return TRUE;

  if (attempt_auth->auth != NULL)
    {
      g_autoptr(GHashTable) params = NULL;

      params = oa2_client_auth_authenticate_for_issuer (attempt_auth->auth, attempt->method, attempt->uri,
                                                        attempt_auth->issuer, attempt->headers, error);
      if (params == NULL)
        return FALSE;
      oa2_form_set_all (attempt->form, params);
    }

  if (attempt_auth->dpop_key != NULL)
    {
      g_autoptr(OA2SecretText) proof = NULL;
      g_autofree char *nonce = oa2_dpop_nonces_dup (attempt_auth->nonces, attempt->endpoint);

      /* No access token yet: a proof for the token endpoint has no ath.
       * The nonce is the one the server sent last, on the first attempt
       * too, and after a use_dpop_nonce answer the one it just sent. */
      proof = oa2_dpop_key_make_proof (attempt_auth->dpop_key, attempt->method, attempt->uri,
                                       NULL, nonce, error);
      if (proof == NULL)
        return FALSE;
      soup_message_headers_replace (attempt->headers,
                                    oa2_dpop_key_get_proof_header (attempt_auth->dpop_key), proof);
    }
  return TRUE;
}

/* RFC 9449 §8: a server that wants a nonce in the proof answers 400 with
 * use_dpop_nonce and the nonce in DPoP-Nonce, which the transport has
 * already remembered. The request is sent once more, with a new proof
 * and a new client assertion; the transport allows no third attempt. */
static gboolean
retry_for_dpop_nonce (const OA2HttpResponse *response,
                      guint                  attempt_number,
                      gpointer               user_data)
{
  AttemptAuth *attempt_auth = user_data;
  g_autoptr(JsonObject) body = NULL;
  const char *code = NULL;

  if (attempt_auth == NULL || attempt_auth->dpop_key == NULL ||
      response->status != SOUP_STATUS_BAD_REQUEST ||
      !oa2_dpop_nonce_is_valid (soup_message_headers_get_one (response->headers, "DPoP-Nonce")) ||
      !oa2_http_response_is_json (response))
    return FALSE;

  body = oa2_json_parse_object (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body),
                                NULL);
  if (body == NULL)
    return FALSE;
  return oa2_json_get_string (body, "error", FALSE, &code, NULL) && g_strcmp0 (code, "use_dpop_nonce") == 0;
}

static OA2TransportHooks
token_request_hooks (OA2Client  *self,
                     OA2DPoPKey *dpop_key)
{
  OA2ClientPrivate *priv = oa2_client_get_private (self);
  OA2TransportHooks hooks = { .prepare = authenticate_attempt, .should_retry = retry_for_dpop_nonce };

  if (priv->client_auth != NULL || dpop_key != NULL)
    {
      AttemptAuth *attempt_auth = g_new0 (AttemptAuth, 1);

      if (priv->client_auth != NULL)
        attempt_auth->auth = g_object_ref (priv->client_auth);
      attempt_auth->issuer = g_strdup (priv->issuer);
      if (dpop_key != NULL)
        {
          attempt_auth->dpop_key = g_object_ref (dpop_key);
          attempt_auth->nonces = oa2_dpop_nonces_for_session (priv->session);
        }
      hooks.user_data = attempt_auth;
      hooks.user_data_free = attempt_auth_free;
    }
  return hooks;
}

OA2HttpRequest *
oa2_client_new_endpoint_request (OA2Client  *self,
                                 const char *name,
                                 const char *endpoint,
                                 const char *label,
                                 OA2Form    *form)
{
  OA2ClientPrivate *priv = oa2_client_get_private (self);
  GTlsCertificate *certificate = NULL;
  g_autoptr(GHashTable) aliases = oa2_client_ref_mtls_endpoint_aliases (self);
  OA2HttpRequest *request;
  const char *uri;

  if (priv->client_auth != NULL)
    certificate = oa2_client_auth_get_tls_certificate (priv->client_auth);
  uri = oa2_client_mtls_endpoint (aliases, name, endpoint, certificate != NULL);

  request = oa2_http_request_new ("POST", uri, label);
  request->form = form;
  g_set_object (&request->tls_certificate, certificate);
  return request;
}

OA2TransportConfig
oa2_client_get_transport_config (OA2Client *self)
{
  return transport_config (self);
}

OA2TransportHooks
oa2_client_get_endpoint_hooks (OA2Client  *self,
                               OA2DPoPKey *dpop_key)
{
  return token_request_hooks (self, dpop_key);
}

OA2HttpResponse *
oa2_client_send_endpoint_request (OA2Client       *self,
                                  OA2HttpRequest  *request,
                                  OA2DPoPKey      *dpop_key,
                                  GCancellable    *cancellable,
                                  GError         **error)
{
  OA2TransportConfig config = transport_config (self);
  OA2TransportHooks hooks = token_request_hooks (self, dpop_key);

  return oa2_transport_send (&config, request, &hooks, cancellable, error);
}

void
oa2_client_send_endpoint_request_async (OA2Client           *self,
                                        OA2HttpRequest      *request,
                                        OA2DPoPKey          *dpop_key,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  OA2TransportConfig config = transport_config (self);
  OA2TransportHooks hooks = token_request_hooks (self, dpop_key);

  oa2_transport_send_async (&config, request, &hooks, cancellable, callback, user_data);
}

JsonObject *
oa2_client_read_endpoint_json (const OA2HttpResponse  *response,
                               const char             *label,
                               gboolean                record_retry_after,
                               GError                **error)
{
  g_autoptr(JsonObject) body = NULL;
  gboolean is_error;

  body = oa2_response_read_json (response, label, &is_error, error);
  if (body == NULL)
    return NULL;
  if (is_error)
    {
      GError *mapped = oa2_response_oauth_error_from_json (body, response->status);

      if (record_retry_after)
        oa2_response_record_retry_after (response, mapped);
      g_propagate_error (error, mapped);
      return NULL;
    }
  return g_steal_pointer (&body);
}
