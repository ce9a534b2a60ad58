/* oa2-client-introspection.c: token introspection (RFC 7662), with JWT
 * responses (RFC 9701)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "oa2-client-endpoint-private.h"
#include "oa2-client-introspection.h"
#include "oa2-client-jwt-response-private.h"
#include "oa2-client-private.h"
#include "oa2-error-private.h"
#include "oa2-error.h"
#include "oa2-form-private.h"
#include "oa2-i18n-private.h"
#include "oa2-jwks-check-private.h"
#include "oa2-jwt.h"
#include "oa2-token-request-private.h"

/* Translators: the name of an endpoint, the subject of sentences such as
 * "The %s did not answer within %u seconds" */
#define INTROSPECTION_ENDPOINT_LABEL N_("introspection endpoint")

/* RFC 9701 §4 and §5: the media type asked for and answered with, and the
 * typ of the JWT, which keeps it apart from access and ID tokens. */
#define JWT_MEDIA_TYPE "application/token-introspection+jwt"
#define JWT_TYP "token-introspection+jwt"

/* What a JWT response is checked against, taken when the request is made
 * so that a client changed meanwhile does not mix settings. */
typedef struct {
  gboolean            jwt;
  char               *issuer;
  char               *client_id;
  char               *jwks_uri;
  OA2Jwks            *server_jwks;
  OA2TransportConfig  config;
  OA2Jwt             *response_jwt;
} Introspection;

static void
introspection_free (gpointer data)
{
  Introspection *in = data;

  g_free (in->issuer);
  g_free (in->client_id);
  g_free (in->jwks_uri);
  g_clear_object (&in->server_jwks);
  g_clear_object (&in->config.session);
  g_clear_object (&in->response_jwt);
  g_free (in);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Introspection, introspection_free)

static Introspection *
introspection_new (OA2Client              *self,
                   OA2IntrospectionFlags   flags,
                   GError                **error)
{
  g_autoptr(Introspection) in = g_new0 (Introspection, 1);

  in->jwt = (flags & OA2_INTROSPECTION_FLAGS_JWT_RESPONSE) != 0;
  if (!in->jwt)
    return g_steal_pointer (&in);

  /* RFC 9701 §5: the response names the server as iss and this client as
   * aud, and is signed with a key of the server's. */
  in->issuer = g_strdup (oa2_client_get_issuer (self));
  in->client_id = g_strdup (oa2_client_get_client_id (self));
  in->jwks_uri = g_strdup (oa2_client_get_jwks_uri (self));
  in->server_jwks = oa2_client_dup_server_jwks (self);
  in->config = oa2_client_get_transport_config (self);
  if (in->config.session != NULL)
    g_object_ref (in->config.session);
  if (in->issuer == NULL || in->client_id == NULL || (in->jwks_uri == NULL && in->server_jwks == NULL))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           in->issuer == NULL ? _("A JWT introspection response needs the client’s issuer") :
                           in->client_id == NULL ? _("The client has no client identifier") :
                           _("A JWT introspection response needs the server’s keys or JWKS URI"));
      return NULL;
    }
  return g_steal_pointer (&in);
}

static OA2HttpRequest *
introspection_http_request (OA2Client      *self,
                            const char     *token,
                            const char     *token_type_hint,
                            Introspection  *in,
                            GError        **error)
{
  const char *endpoint = oa2_client_get_introspection_endpoint (self);
  OA2HttpRequest *request;
  OA2Form *form;

  if (endpoint == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The client has no introspection endpoint"));
      return NULL;
    }

  /* RFC 7662 §2.1, with the client authentication of every attempt (the
   * server must know who asks). No DPoP proof: RFC 9449 defines none for
   * this endpoint; it reports a token's binding in cnf instead. */
  form = oa2_token_hint_form (token, token_type_hint, _("There is no token to introspect"), error);
  if (form == NULL)
    return NULL;
  request = oa2_client_new_endpoint_request (self, "introspection_endpoint", endpoint,
                                             _(INTROSPECTION_ENDPOINT_LABEL), form);
  if (in->jwt)
    soup_message_headers_replace (request->headers, "Accept", JWT_MEDIA_TYPE);
  return request;
}

/* A JSON answer: the response, or the server's error. */
static OA2IntrospectionResponse *
read_json_response (const OA2HttpResponse  *response,
                    GError                **error)
{
  g_autoptr(JsonObject) body = oa2_client_read_endpoint_json (response, _(INTROSPECTION_ENDPOINT_LABEL), FALSE,
                                                              error);

  return body != NULL ? oa2_introspection_response_new_from_json (body, error) : NULL;
}

static gboolean
is_jwt_response (const OA2HttpResponse *response)
{
  const char *type = soup_message_headers_get_content_type (response->headers, NULL);

  return type != NULL && g_ascii_strcasecmp (type, JWT_MEDIA_TYPE) == 0;
}

/* The first half of reading a JWT answer: errors come as JSON (RFC 9701
 * §5 keeps RFC 7662's error responses), success as a JWT that is parsed
 * here (with its typ) and verified once the keys are at hand. */
static gboolean
open_jwt_response (Introspection          *in,
                   const OA2HttpResponse  *response,
                   GError                **error)
{
  g_autofree char *compact = NULL;
  gsize len;
  const char *data;

  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status) || !is_jwt_response (response))
    {
      g_autoptr(OA2IntrospectionResponse) unexpected = read_json_response (response, error);

      if (unexpected != NULL)
        g_set_error (error, OA2_ERROR, OA2_ERROR_UNEXPECTED_CONTENT_TYPE,
                     /* Translators: the first %s names a server endpoint, the second is a media type */
                     _("The %s answered with plain JSON instead of “%s”"),
                     _(INTROSPECTION_ENDPOINT_LABEL), JWT_MEDIA_TYPE);
      return FALSE;
    }

  data = g_bytes_get_data (response->body, &len);
  compact = g_strstrip (g_strndup (data != NULL ? data : "", len));
  in->response_jwt = oa2_jwt_new_from_compact (compact, error);
  if (in->response_jwt == NULL)
    return FALSE;
  return oa2_jwt_check_typ (in->response_jwt, JWT_TYP, error);
}

/* The second half: the signature with @jwks, the claims, and the
 * token_introspection claim that is the response (RFC 9701 §5). */
static OA2IntrospectionResponse *
finish_jwt_response (Introspection  *in,
                     OA2Jwks        *jwks,
                     GError        **error)
{
  JsonObject *claims;
  JsonNode *node;

  if (!oa2_jwt_verify_with_jwks (in->response_jwt, jwks, NULL, OA2_JWKS_KEY_POLICY_SINGLE, error))
    return NULL;
  /* A minute of clock skew, as for the other signed answers. */
  if (!oa2_jwt_validate_claims (in->response_jwt, in->issuer, in->client_id, 60, error))
    return NULL;
  claims = oa2_jwt_get_claims (in->response_jwt);
  if (!json_object_has_member (claims, "iat"))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM,
                           _("The introspection response JWT has no “iat”"));
      return NULL;
    }
  node = json_object_get_member (claims, "token_introspection");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, OA2_ERROR, node == NULL ? OA2_ERROR_MISSING_MEMBER : OA2_ERROR_INVALID_MEMBER,
                           _("The introspection response JWT has no “token_introspection” object"));
      return NULL;
    }
  return oa2_introspection_response_new_from_json (json_node_get_object (node), error);
}

/* The check with the server's fetched keys, for oa2_jwks_cache_check(). */
static gpointer
check_with_keys (OA2Jwks  *jwks,
                 gpointer  data,
                 GError  **error)
{
  return finish_jwt_response (data, jwks, error);
}

/**
 * oa2_client_introspect_token:
 * @self: a client with [property@OA2.Client:introspection-endpoint]
 * @token: the token to introspect
 * @token_type_hint: (nullable): `access_token`, `refresh_token` or another
 *   registered hint, or %NULL for none
 * @flags: %OA2_INTROSPECTION_FLAGS_JWT_RESPONSE to ask for a signed answer
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Asks the server about @token (RFC 7662): whether it is active and, if
 * so, its scope, client, subject, expiry, binding (`cnf`) and whatever
 * else the server tells. The request carries the client's authentication
 * as a token request does (a fresh assertion on every attempt, the TLS
 * certificate and mutual-TLS alias when the authentication has one).
 *
 * With %OA2_INTROSPECTION_FLAGS_JWT_RESPONSE the request asks for
 * `application/token-introspection+jwt` (RFC 9701) and only a JWT answer
 * is accepted: of `typ` `token-introspection+jwt`, signed with a key of
 * [property@OA2.Client:server-jwks] or else of the set at
 * [property@OA2.Client:jwks-uri] (cached with the ID-token keys, fetched
 * again once for an unknown key), with [property@OA2.Client:issuer] as
 * `iss`, the client identifier among its `aud`, an `iat`, and the
 * response in its `token_introspection` claim. Encrypted responses are
 * not supported.
 *
 * This call blocks; [method@OA2.Client.introspect_token_async] is its
 * asynchronous twin.
 *
 * Returns: (transfer full): the response (check
 *   [method@OA2.IntrospectionResponse.get_active] first), or %NULL with
 *   @error set: %OA2_OAUTH_ERROR when the server sent an error response;
 *   %OA2_ERROR_INVALID_ARGUMENT when the client lacks the endpoint (or,
 *   for a JWT answer, its issuer, client identifier or the server's keys)
 *   or @token is empty; %OA2_ERROR_UNEXPECTED_CONTENT_TYPE for a plain
 *   JSON answer to a JWT request; the errors of [method@OA2.Jwt.verify],
 *   [method@OA2.Jwt.check_typ] and [method@OA2.Jwt.validate_claims] for a
 *   JWT that fails its checks; or the errors of
 *   [ctor@OA2.IntrospectionResponse.new_from_json] and the transport
 */
OA2IntrospectionResponse *
oa2_client_introspect_token (OA2Client              *self,
                             const char             *token,
                             const char             *token_type_hint,
                             OA2IntrospectionFlags   flags,
                             GCancellable           *cancellable,
                             GError                **error)
{
  g_autoptr(Introspection) in = NULL;
  g_autoptr(OA2HttpResponse) response = NULL;
  OA2HttpRequest *http_request;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  in = introspection_new (self, flags, error);
  if (in == NULL)
    return NULL;
  http_request = introspection_http_request (self, token, token_type_hint, in, error);
  if (http_request == NULL)
    return NULL;
  response = oa2_client_send_endpoint_request (self, http_request, NULL, cancellable, error);
  if (response == NULL)
    return NULL;
  if (!in->jwt)
    return read_json_response (response, error);

  if (!open_jwt_response (in, response, error))
    return NULL;
  return oa2_client_check_signed (self, in->server_jwks == NULL, in->jwks_uri, &in->config, in->server_jwks,
                                  check_with_keys, in, cancellable, error);
}

static void
on_introspection_response (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OA2Client *self = g_task_get_source_object (task);
  Introspection *in = g_task_get_task_data (task);
  g_autoptr(OA2HttpResponse) response = NULL;
  OA2IntrospectionResponse *introspection;
  GError *error = NULL;

  response = oa2_transport_send_finish (result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (in->jwt)
    {
      if (!open_jwt_response (in, response, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      /* in lives in the task, which the check holds. */
      oa2_client_check_signed_async (self, g_steal_pointer (&task), in->server_jwks == NULL, in->jwks_uri,
                                     &in->config, in->server_jwks, check_with_keys, in);
      return;
    }
  else
    introspection = read_json_response (response, &error);

  if (introspection == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, introspection, g_object_unref);
}

/**
 * oa2_client_introspect_token_async:
 * @self: a client
 * @token: the token to introspect
 * @token_type_hint: (nullable): the token's type hint, or %NULL
 * @flags: how to introspect
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the answer is read and checked
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.Client.introspect_token];
 * @callback runs in the thread-default main context of this call. Finish
 * with [method@OA2.Client.introspect_token_finish].
 */
void
oa2_client_introspect_token_async (OA2Client              *self,
                                   const char             *token,
                                   const char             *token_type_hint,
                                   OA2IntrospectionFlags   flags,
                                   GCancellable           *cancellable,
                                   GAsyncReadyCallback     callback,
                                   gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  OA2HttpRequest *http_request;
  Introspection *in;
  GError *error = NULL;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, oa2_client_introspect_token_async);
  g_task_set_name (task, "oa2_client_introspect_token_async");

  in = introspection_new (self, flags, &error);
  if (in == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, in, introspection_free);
  http_request = introspection_http_request (self, token, token_type_hint, in, &error);
  if (http_request == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  oa2_client_send_endpoint_request_async (self, http_request, NULL, cancellable, on_introspection_response,
                                          g_steal_pointer (&task));
}

/**
 * oa2_client_introspect_token_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.introspect_token_async].
 *
 * Returns: (transfer full): the response, or %NULL with @error set as
 *   [method@OA2.Client.introspect_token] describes
 */
OA2IntrospectionResponse *
oa2_client_introspect_token_finish (OA2Client     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == oa2_client_introspect_token_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
