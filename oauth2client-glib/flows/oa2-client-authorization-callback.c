/* oa2-client-authorization-callback.c: the authorization response an
 * OA2Client's request led to, validated in any response mode: JARM (the
 * OpenID JWT Secured Authorization Response Mode) responses are decrypted
 * and checked with the server's keys, the others go to OA2AuthorizationRequest
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "oa2-authorization-request-private.h"
#include "oa2-client-auth-secret-private.h"
#include "oa2-client-authorization.h"
#include "oa2-client-endpoint-private.h"
#include "oa2-client-id-token-private.h"
#include "oa2-client-jarm-private.h"
#include "oa2-client-jwt-response-private.h"
#include "oa2-client-private.h"
#include "oa2-error-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-jwks-check-private.h"
#include "oa2-jwt.h"
#include "oa2-secret-private.h"
#include "oa2-server-metadata.h"

/* One validation: a snapshot of the settings, so that a change while it
 * runs does not mix two configurations. */
typedef struct {
  OA2AuthorizationRequest *request;
  char                    *issuer;
  char                    *client_id;
  char                    *signed_alg;
  char                    *encrypted_alg;
  char                    *encrypted_enc;
  char                   **supported_algs;   /* NULL: not known */
  OA2Jwks                 *decryption_keys;
  OA2Jwks                 *server_jwks;
  OA2Jwk                  *secret_key;
  char                    *jwks_uri;
  guint                    leeway;
  OA2TransportConfig       config;
  OA2Jwt                  *jwt;
} Jarm;

static void
jarm_free (gpointer data)
{
  Jarm *j = data;

  g_clear_object (&j->request);
  g_free (j->issuer);
  g_free (j->client_id);
  g_free (j->signed_alg);
  g_free (j->encrypted_alg);
  g_free (j->encrypted_enc);
  g_strfreev (j->supported_algs);
  g_clear_object (&j->decryption_keys);
  g_clear_object (&j->server_jwks);
  g_clear_object (&j->secret_key);
  g_free (j->jwks_uri);
  g_clear_object (&j->config.session);
  g_clear_object (&j->jwt);
  g_free (j);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Jarm, jarm_free)

static Jarm *
jarm_new (OA2Client                *self,
          OA2AuthorizationRequest  *request,
          GError                  **error)
{
  g_autoptr(Jarm) j = g_new0 (Jarm, 1);
  OA2ServerMetadata *metadata = oa2_client_get_server_metadata (self);
  GError *key_error = NULL;

  j->request = g_object_ref (request);
  /* The request's issuer is the one its response must name (it is the
   * client's, unless the application set another on purpose). */
  j->issuer = g_strdup (oa2_authorization_request_get_issuer (request));
  j->client_id = g_strdup (oa2_authorization_request_get_client_id (request));
  if (j->issuer == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("Validating a JARM response needs the server’s issuer"));
      return NULL;
    }
  oa2_client_jarm_dup_settings (self, &j->signed_alg, &j->encrypted_alg, &j->encrypted_enc);
  if (metadata != NULL && oa2_server_metadata_get_authorization_signing_alg_values_supported (metadata) != NULL)
    j->supported_algs =
      g_strdupv ((char **) oa2_server_metadata_get_authorization_signing_alg_values_supported (metadata));
  j->decryption_keys = oa2_client_dup_id_token_decryption_keys (self);
  j->server_jwks = oa2_client_dup_server_jwks (self);
  j->jwks_uri = g_strdup (oa2_client_get_jwks_uri (self));
  j->leeway = oa2_client_get_id_token_leeway (self);
  j->config = oa2_client_get_transport_config (self);
  if (j->config.session != NULL)
    g_object_ref (j->config.session);
  j->secret_key = oa2_client_auth_dup_secret_key (oa2_client_get_client_auth (self), &key_error);
  g_clear_error (&key_error);
  return g_steal_pointer (&j);
}

/* What the steps of oa2-jwt-response.c say of a JARM response. */
static OA2JwtResponseTexts
jarm_texts (void)
{
  return (OA2JwtResponseTexts) {
    .what = _("JARM response"),
    .unexpected_encryption = _("The JARM response is encrypted, but the client does not expect encrypted "
                               "responses (authorization-encrypted-response-alg)"),
    /* Translators: %s is a JWE algorithm such as RSA-OAEP-256 */
    .missing_encryption = _("The JARM response is not encrypted, but the client expects it encrypted with “%s”"),
    .not_object = _("The JARM response’s payload is not a JSON object"),
    .unsigned_token = _("The JARM response is not signed (alg “none”)"),
    .no_secret = _("The JARM response is signed with HMAC, but the client authentication holds no "
                   "client secret to verify it with"),
    .no_server_keys = _("The client has no keys of the server to verify the JARM response with (jwks-uri)"),
  };
}

/* Opens the `response` JWT: decrypted when it is encrypted, parsed, its
 * algorithm checked against the allow-list. */
static gboolean
jarm_open (Jarm        *j,
           const char  *response,
           GError     **error)
{
  OA2JwtResponseTexts texts = jarm_texts ();
  g_autoptr(OA2SecretText) text = NULL;
  gboolean decrypted;
  const char *alg;

  text = oa2_jwt_response_open (response, j->decryption_keys, j->encrypted_alg, j->encrypted_enc, &texts,
                                &decrypted, error);
  if (text == NULL)
    return FALSE;
  j->jwt = oa2_jwt_response_parse (text, &texts, error);
  if (j->jwt == NULL)
    return FALSE;
  alg = oa2_jwt_get_alg (j->jwt);
  if (strcmp (alg, j->signed_alg) != 0 ||
      (j->supported_algs != NULL && !g_strv_contains ((const char * const *) j->supported_algs, alg)))
    {
      g_autofree char *shown = oa2_error_sanitize_name (alg);

      g_set_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM,
                   /* Translators: %s is a JWS algorithm such as RS256 */
                   _("The JARM response is signed with “%s”, which the client does not accept "
                     "(authorization-signed-response-alg and the server’s supported algorithms)"), shown);
      return FALSE;
    }
  return TRUE;
}

static gboolean
uses_fetched_keys (Jarm *j)
{
  return oa2_jwt_response_uses_fetched_keys (j->signed_alg, j->jwks_uri);
}

/* The claims JARM adds around the response parameters (JARM §2.1): they
 * are checked here and are not parameters of the response. */
static gboolean
is_jwt_claim (const char *name)
{
  static const char * const names[] = { "aud", "exp", "iat", "nbf", "jti" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i]))
      return TRUE;
  return FALSE;
}

/* The signature with @jwks (or the client secret), the JWT claims, then
 * the checks of every authorization response on the claims. */
static OA2AuthorizationResponse *
jarm_finish (Jarm     *j,
             OA2Jwks  *jwks,
             GError  **error)
{
  OA2JwtResponseTexts texts = jarm_texts ();
  JsonObject *claims;
  const char *iss;
  GHashTable *params;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (!oa2_jwt_response_verify (j->jwt, j->signed_alg, j->secret_key, jwks, &texts, error))
    return NULL;

  /* JARM §2.4: iss is exactly the issuer, aud holds the client, exp is
   * required. */
  claims = oa2_jwt_get_claims (j->jwt);
  iss = oa2_jwt_get_string_claim (j->jwt, "iss");
  if (iss == NULL || strcmp (iss, j->issuer) != 0)
    {
      g_autofree char *shown = iss != NULL ? oa2_error_sanitize_name (iss) : NULL;

      if (iss == NULL)
        g_set_error_literal (error, OA2_ERROR, OA2_ERROR_ISSUER_MISMATCH, _("The JARM response has no “iss”"));
      else
        g_set_error (error, OA2_ERROR, OA2_ERROR_ISSUER_MISMATCH,
                     /* Translators: %s is a server's issuer URI */
                     _("The JARM response comes from another server (“%s”)"), shown);
      return NULL;
    }
  if (!json_object_has_member (claims, "exp"))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM, _("The JARM response has no “exp”"));
      return NULL;
    }
  if (!json_object_has_member (claims, "aud"))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM, _("The JARM response has no “aud”"));
      return NULL;
    }
  if (!oa2_jwt_validate_claims (j->jwt, NULL, j->client_id, j->leeway, error))
    return NULL;

  /* The parameters are the string claims; anything else cannot be an
   * authorization response parameter. */
  params = oa2_authorization_request_new_params ();
  json_object_iter_init (&iter, claims);
  while (json_object_iter_next (&iter, &name, &node))
    if (!is_jwt_claim (name) && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
      g_hash_table_insert (params, g_strdup (name), g_strdup (json_node_get_string (node)));
  return oa2_authorization_request_validate_params (j->request, params, error);
}

static gpointer
check_with_keys (OA2Jwks  *jwks,
                 gpointer  data,
                 GError  **error)
{
  return jarm_finish (data, jwks, error);
}

/* The first steps, without I/O: either the response (a mode other than
 * JARM's, or an error the server could not sign), or the opened JARM
 * response in *@out_jarm, or an error. */
static OA2AuthorizationResponse *
start_validation (OA2Client                *self,
                  OA2AuthorizationRequest  *request,
                  const char               *uri,
                  GHashTable               *params,
                  Jarm                    **out_jarm,
                  GError                  **error)
{
  g_autoptr(GHashTable) parsed = NULL;
  g_autoptr(Jarm) j = NULL;
  const char *response;

  *out_jarm = NULL;
  if ((uri == NULL) == (params == NULL))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("Validate either the redirect URI or the response parameters, not both"));
      return NULL;
    }
  if (!oa2_authorization_request_is_jarm (request))
    return uri != NULL ? oa2_authorization_request_validate_callback (request, uri, error) :
                         oa2_authorization_request_validate_callback_params (request, params, error);

  if (uri != NULL)
    {
      parsed = oa2_authorization_request_parse_callback (request, uri, error);
      if (parsed == NULL)
        return NULL;
      params = parsed;
    }
  response = g_hash_table_lookup (params, "response");
  if (response == NULL)
    {
      GHashTable *copy;
      GHashTableIter iter;
      gpointer name, value;

      /* An error the server sent unsigned (JARM §2.4 asks for a JWT, yet
       * a server may fail before it can make one): it still goes through
       * the state check, and can only ever fail. */
      if (g_hash_table_lookup (params, "error") == NULL)
        {
          g_set_error_literal (error, OA2_ERROR, OA2_ERROR_MISSING_MEMBER,
                               _("The JARM response has no “response” parameter"));
          return NULL;
        }
      copy = oa2_authorization_request_new_params ();
      g_hash_table_iter_init (&iter, params);
      while (g_hash_table_iter_next (&iter, &name, &value))
        if (name != NULL && value != NULL && !g_str_equal (name, "code"))
          g_hash_table_insert (copy, g_strdup (name), g_strdup (value));
      return oa2_authorization_request_validate_params (request, copy, error);
    }

  j = jarm_new (self, request, error);
  if (j == NULL || !jarm_open (j, response, error))
    return NULL;
  *out_jarm = g_steal_pointer (&j);
  return NULL;
}

/**
 * oa2_client_validate_authorization_callback:
 * @self: a client
 * @request: the request that the response answers
 * @uri: (nullable): the URI the browser was redirected to, or %NULL when
 *   @params are given
 * @params: (nullable) (element-type utf8 utf8): the parameters of a
 *   `form_post` or `form_post.jwt` body, or %NULL when @uri is given
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Validates the authorization response for @request in any response mode,
 * including the JWT Secured Authorization Response Modes (JARM: `jwt`,
 * `query.jwt`, `fragment.jwt` and `form_post.jwt`); for the other modes it
 * is [method@OA2.AuthorizationRequest.validate_callback] (or
 * [method@OA2.AuthorizationRequest.validate_callback_params]).
 *
 * A JARM `response` is decrypted when it is encrypted (with
 * [property@OA2.Client:id-token-decryption-keys]; encryption is expected
 * exactly when [property@OA2.Client:authorization-encrypted-response-alg]
 * is set); its algorithm must be
 * [property@OA2.Client:authorization-signed-response-alg] and one the
 * server's metadata lists; its signature is verified with the server's
 * keys ([property@OA2.Client:jwks-uri], cached, fetched once more for an
 * unknown key; or [property@OA2.Client:server-jwks]), or the client
 * secret for HMAC; its `iss` must be the request's issuer exactly, its
 * `aud` must contain the client identifier, and it must not have expired
 * ([property@OA2.Client:id-token-leeway] of clock skew). Then its claims
 * go through the checks of
 * [method@OA2.AuthorizationRequest.validate_callback]: `state`, `iss`, an
 * `error` the server sent, `code`. A response without `response` that
 * carries an `error` is checked as a plain error response.
 *
 * This call blocks when it fetches the server's keys;
 * [method@OA2.Client.validate_authorization_callback_async] is its
 * asynchronous twin.
 *
 * Returns: (transfer full): the response, or %NULL with @error set:
 *   %OA2_ERROR_INVALID_ARGUMENT (both or neither of @uri and @params; no
 *   issuer), %OA2_ERROR_MISSING_MEMBER (no `response`),
 *   %OA2_ERROR_UNSUPPORTED_ALGORITHM, %OA2_ERROR_UNSECURED_TOKEN,
 *   %OA2_ERROR_MALFORMED_TOKEN, %OA2_ERROR_DECRYPTION_FAILED,
 *   %OA2_ERROR_INVALID_SIGNATURE, %OA2_ERROR_NO_MATCHING_KEY,
 *   %OA2_ERROR_ISSUER_MISMATCH, %OA2_ERROR_INVALID_CLAIM (`aud`, `exp`),
 *   the errors of [method@OA2.AuthorizationRequest.validate_callback], or
 *   those of fetching the keys
 */
OA2AuthorizationResponse *
oa2_client_validate_authorization_callback (OA2Client                *self,
                                            OA2AuthorizationRequest  *request,
                                            const char               *uri,
                                            GHashTable               *params,
                                            GCancellable             *cancellable,
                                            GError                  **error)
{
  g_autoptr(Jarm) j = NULL;
  GError *local_error = NULL;
  OA2AuthorizationResponse *response;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (request), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  response = start_validation (self, request, uri, params, &j, &local_error);
  if (j == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return response;
    }
  return oa2_client_check_signed (self, uses_fetched_keys (j), j->jwks_uri, &j->config, j->server_jwks,
                                  check_with_keys, j, cancellable, error);
}

/**
 * oa2_client_validate_authorization_callback_async:
 * @self: a client
 * @request: the request that the response answers
 * @uri: (nullable): the redirect URI, or %NULL when @params are given
 * @params: (nullable) (element-type utf8 utf8): the parameters of a form
 *   body, or %NULL when @uri is given
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the response is validated or
 *   refused
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of
 * [method@OA2.Client.validate_authorization_callback]; the arguments are
 * read before this call returns. Finish with
 * [method@OA2.Client.validate_authorization_callback_finish].
 */
void
oa2_client_validate_authorization_callback_async (OA2Client                *self,
                                                  OA2AuthorizationRequest  *request,
                                                  const char               *uri,
                                                  GHashTable               *params,
                                                  GCancellable             *cancellable,
                                                  GAsyncReadyCallback       callback,
                                                  gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  OA2AuthorizationResponse *response;
  GError *error = NULL;
  Jarm *j = NULL;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (OA2_IS_AUTHORIZATION_REQUEST (request));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, oa2_client_validate_authorization_callback_async);
  response = start_validation (self, request, uri, params, &j, &error);
  if (j == NULL)
    {
      if (response != NULL)
        g_task_return_pointer (task, response, g_object_unref);
      else
        g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, j, jarm_free);
  /* j lives in the task, which the check holds. */
  oa2_client_check_signed_async (self, g_steal_pointer (&task), uses_fetched_keys (j), j->jwks_uri, &j->config,
                                 j->server_jwks, check_with_keys, j);
}

/**
 * oa2_client_validate_authorization_callback_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.validate_authorization_callback_async].
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2AuthorizationResponse *
oa2_client_validate_authorization_callback_finish (OA2Client     *self,
                                                   GAsyncResult  *result,
                                                   GError       **error)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == oa2_client_validate_authorization_callback_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
