/* oa2-client-userinfo.c: the UserInfo endpoint (OpenID Connect Core §5.3)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "oa2-locked-string-private.h"
#include "oa2-bearer-token-private.h"
#include "oa2-client-auth-secret-private.h"
#include "oa2-client-id-token-private.h"
#include "oa2-client-jwt-response-private.h"
#include "oa2-client-private.h"
#include "oa2-client-userinfo-private.h"
#include "oa2-dpop-token-private.h"
#include "oa2-error-private.h"
#include "oa2-i18n-private.h"
#include "oa2-client-endpoint-private.h"
#include "oa2-client-mtls-private.h"
#include "oa2-jwt.h"
#include "oa2-json-private.h"
#include "oa2-jwks-check-private.h"
#include "oa2-response-private.h"
#include "oa2-secret-private.h"
#include "oa2-transport-private.h"

struct _OA2ClientUserinfo {
  GMutex  lock;
  char   *signed_alg;     /* NULL: plain JSON is expected */
  char   *encrypted_alg;  /* NULL: the response must not be encrypted */
  char   *encrypted_enc;  /* NULL: A128CBC-HS256 */
};

enum {
  PROP_SIGNED_ALG,
  PROP_ENCRYPTED_ALG,
  PROP_ENCRYPTED_ENC,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];
static guint first_prop;

G_STATIC_ASSERT (N_PROPS == OA2_CLIENT_USERINFO_N_PROPS);

OA2ClientUserinfo *
oa2_client_userinfo_state_new (void)
{
  OA2ClientUserinfo *state = g_new0 (OA2ClientUserinfo, 1);

  g_mutex_init (&state->lock);
  return state;
}

void
oa2_client_userinfo_state_free (OA2ClientUserinfo *state)
{
  g_mutex_clear (&state->lock);
  g_free (state->signed_alg);
  g_free (state->encrypted_alg);
  g_free (state->encrypted_enc);
  g_free (state);
}

static void
set_string (OA2Client   *self,
            char       **field,
            const char  *value,
            guint        prop)
{
  if (oa2_locked_string_replace (&oa2_client_get_userinfo_state (self)->lock, field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static char *
dup_string (OA2Client  *self,
            char      **field)
{
  return oa2_locked_string_dup (&oa2_client_get_userinfo_state (self)->lock, field);
}

/**
 * oa2_client_dup_userinfo_signed_response_alg: (get-property userinfo-signed-response-alg)
 * @self: a client
 *
 * Gets [property@OA2.Client:userinfo-signed-response-alg].
 *
 * Returns: (transfer full) (nullable): the algorithm, or %NULL
 */
char *
oa2_client_dup_userinfo_signed_response_alg (OA2Client *self)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  return dup_string (self, &oa2_client_get_userinfo_state (self)->signed_alg);
}

/**
 * oa2_client_set_userinfo_signed_response_alg: (set-property userinfo-signed-response-alg)
 * @self: a client
 * @alg: (nullable): a JWS algorithm, or %NULL
 *
 * Sets [property@OA2.Client:userinfo-signed-response-alg].
 */
void
oa2_client_set_userinfo_signed_response_alg (OA2Client  *self,
                                             const char *alg)
{
  g_return_if_fail (OA2_IS_CLIENT (self));
  set_string (self, &oa2_client_get_userinfo_state (self)->signed_alg, alg, PROP_SIGNED_ALG);
}

/**
 * oa2_client_dup_userinfo_encrypted_response_alg: (get-property userinfo-encrypted-response-alg)
 * @self: a client
 *
 * Gets [property@OA2.Client:userinfo-encrypted-response-alg].
 *
 * Returns: (transfer full) (nullable): the algorithm, or %NULL
 */
char *
oa2_client_dup_userinfo_encrypted_response_alg (OA2Client *self)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  return dup_string (self, &oa2_client_get_userinfo_state (self)->encrypted_alg);
}

/**
 * oa2_client_set_userinfo_encrypted_response_alg: (set-property userinfo-encrypted-response-alg)
 * @self: a client
 * @alg: (nullable): a JWE key management algorithm, or %NULL
 *
 * Sets [property@OA2.Client:userinfo-encrypted-response-alg].
 */
void
oa2_client_set_userinfo_encrypted_response_alg (OA2Client  *self,
                                                const char *alg)
{
  g_return_if_fail (OA2_IS_CLIENT (self));
  set_string (self, &oa2_client_get_userinfo_state (self)->encrypted_alg, alg, PROP_ENCRYPTED_ALG);
}

/**
 * oa2_client_dup_userinfo_encrypted_response_enc: (get-property userinfo-encrypted-response-enc)
 * @self: a client
 *
 * Gets [property@OA2.Client:userinfo-encrypted-response-enc].
 *
 * Returns: (transfer full) (nullable): the content encryption, or %NULL
 */
char *
oa2_client_dup_userinfo_encrypted_response_enc (OA2Client *self)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  return dup_string (self, &oa2_client_get_userinfo_state (self)->encrypted_enc);
}

/**
 * oa2_client_set_userinfo_encrypted_response_enc: (set-property userinfo-encrypted-response-enc)
 * @self: a client
 * @enc: (nullable): a JWE content encryption algorithm, or %NULL
 *
 * Sets [property@OA2.Client:userinfo-encrypted-response-enc].
 */
void
oa2_client_set_userinfo_encrypted_response_enc (OA2Client  *self,
                                                const char *enc)
{
  g_return_if_fail (OA2_IS_CLIENT (self));
  set_string (self, &oa2_client_get_userinfo_state (self)->encrypted_enc, enc, PROP_ENCRYPTED_ENC);
}

void
oa2_client_userinfo_install_properties (GObjectClass *object_class,
                                        guint         first_prop_id)
{
  first_prop = first_prop_id;

  /**
   * OA2Client:userinfo-signed-response-alg: (getter dup_userinfo_signed_response_alg) (setter set_userinfo_signed_response_alg)
   *
   * The JWS algorithm of signed UserInfo responses (the client's registered
   * `userinfo_signed_response_alg`), or %NULL when the server answers with
   * plain JSON. When set, a response that is not a JWT signed with this
   * algorithm is refused (%OA2_ERROR_UNEXPECTED_CONTENT_TYPE or
   * %OA2_ERROR_UNSUPPORTED_ALGORITHM), and the signature is checked with
   * the server's keys ([property@OA2.Client:jwks-uri] or
   * [property@OA2.Client:server-jwks]; `HS256`, `HS384` and `HS512` with
   * the client secret), `iss` with [property@OA2.Client:issuer] and `aud`
   * with the client identifier. `none` is always refused.
   */
  properties[PROP_SIGNED_ALG] =
    g_param_spec_string ("userinfo-signed-response-alg", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:userinfo-encrypted-response-alg: (getter dup_userinfo_encrypted_response_alg) (setter set_userinfo_encrypted_response_alg)
   *
   * The JWE key management algorithm of encrypted UserInfo responses (the
   * client's registered `userinfo_encrypted_response_alg`), or %NULL when
   * they are not encrypted. Encrypted responses are decrypted with
   * [property@OA2.Client:id-token-decryption-keys]; a signed response
   * inside (nested) is then checked as
   * [property@OA2.Client:userinfo-signed-response-alg] says. When set, a
   * response that is not encrypted is refused, and when not set, an
   * encrypted one is; both with %OA2_ERROR_UNSUPPORTED_ALGORITHM.
   */
  properties[PROP_ENCRYPTED_ALG] =
    g_param_spec_string ("userinfo-encrypted-response-alg", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:userinfo-encrypted-response-enc: (getter dup_userinfo_encrypted_response_enc) (setter set_userinfo_encrypted_response_enc)
   *
   * The JWE content encryption of encrypted UserInfo responses, or %NULL
   * for `A128CBC-HS256`, the registration default.
   */
  properties[PROP_ENCRYPTED_ENC] =
    g_param_spec_string ("userinfo-encrypted-response-enc", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  for (guint i = 0; i < N_PROPS; i++)
    g_object_class_install_property (object_class, first_prop_id + i, properties[i]);
}

gboolean
oa2_client_userinfo_get_property (GObject *object,
                                  guint    prop_id,
                                  GValue  *value)
{
  OA2Client *self = OA2_CLIENT (object);

  if (prop_id < first_prop || prop_id >= first_prop + N_PROPS)
    return FALSE;
  switch (prop_id - first_prop)
    {
    case PROP_SIGNED_ALG:
      g_value_take_string (value, oa2_client_dup_userinfo_signed_response_alg (self));
      break;
    case PROP_ENCRYPTED_ALG:
      g_value_take_string (value, oa2_client_dup_userinfo_encrypted_response_alg (self));
      break;
    case PROP_ENCRYPTED_ENC:
      g_value_take_string (value, oa2_client_dup_userinfo_encrypted_response_enc (self));
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

gboolean
oa2_client_userinfo_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value)
{
  OA2Client *self = OA2_CLIENT (object);

  if (prop_id < first_prop || prop_id >= first_prop + N_PROPS)
    return FALSE;
  switch (prop_id - first_prop)
    {
    case PROP_SIGNED_ALG:
      oa2_client_set_userinfo_signed_response_alg (self, g_value_get_string (value));
      break;
    case PROP_ENCRYPTED_ALG:
      oa2_client_set_userinfo_encrypted_response_alg (self, g_value_get_string (value));
      break;
    case PROP_ENCRYPTED_ENC:
      oa2_client_set_userinfo_encrypted_response_enc (self, g_value_get_string (value));
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

/* One request: a snapshot of the settings, so that a change while it
 * runs does not mix two configurations. */
typedef struct {
  OA2BearerToken     *token;
  char               *endpoint;
  char               *expected_sub;   /* the ID token's, or NULL */
  char               *issuer;
  char               *client_id;
  char               *signed_alg;
  char               *encrypted_alg;
  char               *encrypted_enc;
  OA2Jwks            *decryption_keys;
  OA2Jwks            *server_jwks;
  OA2Jwk             *secret_key;
  char               *jwks_uri;
  OA2TransportConfig  config;
  OA2Jwt             *jwt;            /* a signed response, while its keys are fetched */
  GTlsCertificate    *certificate;    /* the client's, for mutual TLS, or NULL */
} Userinfo;

static void
userinfo_free (gpointer data)
{
  Userinfo *u = data;

  g_clear_object (&u->token);
  g_free (u->endpoint);
  g_free (u->expected_sub);
  g_free (u->issuer);
  g_free (u->client_id);
  g_free (u->signed_alg);
  g_free (u->encrypted_alg);
  g_free (u->encrypted_enc);
  g_clear_object (&u->decryption_keys);
  g_clear_object (&u->server_jwks);
  g_clear_object (&u->secret_key);
  g_free (u->jwks_uri);
  g_clear_object (&u->config.session);
  g_clear_object (&u->jwt);
  g_clear_object (&u->certificate);
  g_free (u);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Userinfo, userinfo_free)

/* What the steps of oa2-jwt-response.c say of a UserInfo response. */
static OA2JwtResponseTexts
userinfo_texts (void)
{
  return (OA2JwtResponseTexts) {
    .what = _("UserInfo response"),
    .unexpected_encryption = _("The UserInfo response is encrypted, but the client does not expect encrypted "
                               "responses (userinfo-encrypted-response-alg)"),
    /* Translators: %s is a JWE algorithm such as RSA-OAEP-256 */
    .missing_encryption = _("The UserInfo response is not encrypted, but the client expects it encrypted with "
                            "“%s”"),
    .not_object = _("The signed UserInfo response’s payload is not a JSON object"),
    .unsigned_token = _("The UserInfo response is not signed (alg “none”)"),
    .no_secret = _("The UserInfo response is signed with HMAC, but the client authentication holds "
                   "no client secret to verify it with"),
    .no_server_keys = _("The client has no keys of the server to verify the UserInfo response with "
                        "(jwks-uri)"),
  };
}

/* The subject the response must name: that of the token's ID token, from
 * its validation when there was one, else read from the stored ID token
 * (a restored token), which the client may have to decrypt. */
static gboolean
expected_subject (OA2Client       *self,
                  OA2BearerToken  *token,
                  char           **out_sub,
                  GError         **error)
{
  OA2IdToken *validated = oa2_bearer_token_get_validated_id_token (token);
  const char *compact = oa2_bearer_token_get_id_token (token);
  g_autoptr(OA2Jwt) jwt = NULL;
  g_autofree char *inner = NULL;
  const char *sub;

  *out_sub = NULL;
  if (validated != NULL)
    {
      *out_sub = g_strdup (oa2_id_token_get_subject (validated));
      return TRUE;
    }
  if (compact == NULL)
    return TRUE;
  if (oa2_jwt_response_is_jwe (compact))
    {
      g_autoptr(OA2Jwks) keys = oa2_client_dup_id_token_decryption_keys (self);
      g_autofree char *alg = oa2_client_dup_id_token_encrypted_response_alg (self);
      g_autofree char *enc = oa2_client_dup_id_token_encrypted_response_enc (self);
      g_autoptr(GBytes) plaintext = oa2_jwt_response_decrypt (compact, keys, alg, enc, _("ID token"), error);

      if (plaintext == NULL)
        return FALSE;
      inner = g_strndup (g_bytes_get_data (plaintext, NULL), g_bytes_get_size (plaintext));
      compact = inner;
    }
  jwt = oa2_jwt_new_from_compact (compact, error);
  if (jwt == NULL)
    return FALSE;
  sub = oa2_jwt_get_string_claim (jwt, "sub");
  if (sub == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_MISSING_MEMBER,
                           _("The token’s ID token has no subject (“sub”) to compare the UserInfo response with"));
      return FALSE;
    }
  *out_sub = g_strdup (sub);
  return TRUE;
}

static Userinfo *
userinfo_new (OA2Client       *self,
              OA2BearerToken  *token,
              GError         **error)
{
  OA2ClientUserinfo *state = oa2_client_get_userinfo_state (self);
  g_autoptr(Userinfo) u = g_new0 (Userinfo, 1);
  GError *key_error = NULL;

  u->token = g_object_ref (token);
  if (oa2_client_get_userinfo_endpoint (self) == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The client has no UserInfo endpoint (userinfo-endpoint)"));
      return NULL;
    }
  /* RFC 8705 §3: a client that authenticates with a certificate gets
   * tokens bound to it, which are good only over a connection that
   * presents it: the request does, at the server's mTLS alias. */
  if (oa2_client_get_client_auth (self) != NULL)
    g_set_object (&u->certificate, oa2_client_auth_get_tls_certificate (oa2_client_get_client_auth (self)));
  {
    g_autoptr(GHashTable) aliases = oa2_client_dup_mtls_endpoint_aliases (self);

    u->endpoint = g_strdup (oa2_client_mtls_endpoint (aliases, "userinfo_endpoint",
                                                      oa2_client_get_userinfo_endpoint (self),
                                                      u->certificate != NULL));
  }
  if (!g_initable_init (G_INITABLE (token), NULL, error) ||
      !expected_subject (self, token, &u->expected_sub, error))
    return NULL;

  u->issuer = g_strdup (oa2_client_get_issuer (self));
  u->client_id = g_strdup (oa2_client_get_client_id (self));
  u->jwks_uri = g_strdup (oa2_client_get_jwks_uri (self));
  u->decryption_keys = oa2_client_dup_id_token_decryption_keys (self);
  u->server_jwks = oa2_client_dup_server_jwks (self);
  u->secret_key = oa2_client_auth_dup_secret_key (oa2_client_get_client_auth (self), &key_error);
  g_clear_error (&key_error);
  u->config = oa2_client_get_transport_config (self);
  g_object_ref (u->config.session);

  g_mutex_lock (&state->lock);
  u->signed_alg = g_strdup (state->signed_alg);
  u->encrypted_alg = g_strdup (state->encrypted_alg);
  u->encrypted_enc = g_strdup (state->encrypted_enc);
  g_mutex_unlock (&state->lock);
  return g_steal_pointer (&u);
}

/* Each attempt gets the token and, for a DPoP token, a new proof for
 * this request (htm, htu, ath, and the nonce the server sent last). */
static gboolean
prepare_attempt (OA2HttpAttempt  *attempt,
                 guint            attempt_number,
                 gpointer         user_data,
                 GError         **error)
{
  Userinfo *u = user_data;

  return oa2_bearer_token_stamp_attempt (u->token, attempt, error);
}

/* RFC 9449 §8.2: the nonce of any answer is kept for the token's next
 * proof. Returns whether @response carried one. */
static gboolean
remember_nonce (Userinfo              *u,
                const OA2HttpResponse *response)
{
  g_autoptr(GUri) uri = NULL;

  if (!OA2_IS_DPOP_TOKEN (u->token))
    return FALSE;
  uri = g_uri_parse (u->endpoint, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  return uri != NULL && oa2_dpop_token_remember_nonce (OA2_DPOP_TOKEN (u->token), uri, response->headers);
}

/* RFC 9449 §9: a server that asks for a nonce and sends one gets one
 * more attempt; the transport allows no more than that, and does not ask
 * after the last attempt. */
static gboolean
should_retry (const OA2HttpResponse *response,
              guint                  attempt_number,
              gpointer               user_data)
{
  return remember_nonce (user_data, response) && response->status == SOUP_STATUS_UNAUTHORIZED &&
         oa2_dpop_challenge_wants_nonce (soup_message_headers_get_list (response->headers, "WWW-Authenticate"));
}

static OA2HttpRequest *
userinfo_request (Userinfo           *u,
                  OA2TransportHooks  *out_hooks)
{
  OA2HttpRequest *request;

  /* Translators: the name of an endpoint, the subject of sentences such as
   * "The %s did not answer within %u seconds" */
  request = oa2_http_request_new ("GET", u->endpoint, _("UserInfo endpoint"));
  soup_message_headers_replace (request->headers, "Accept", "application/json, application/jwt");
  g_set_object (&request->tls_certificate, u->certificate);
  *out_hooks = (OA2TransportHooks) {
    .prepare = prepare_attempt,
    .should_retry = should_retry,
    .user_data = u,
  };
  return request;
}

/* RFC 6750 §3: a refused token comes back as 401 (or 403) with the error
 * in the challenge; the body, if any, carries nothing standard. */
static GError *
error_from_status (const OA2HttpResponse *response)
{
  const char *challenges = soup_message_headers_get_list (response->headers, "WWW-Authenticate");
  const char *schemes[] = { "DPoP", "Bearer" };

  if (challenges != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
      {
        g_autofree char *code = oa2_www_authenticate_dup_param (challenges, schemes[i], "error");
        g_autofree char *description = NULL;
        g_autofree char *uri = NULL;

        if (code == NULL)
          continue;
        description = oa2_www_authenticate_dup_param (challenges, schemes[i], "error_description");
        uri = oa2_www_authenticate_dup_param (challenges, schemes[i], "error_uri");
        return oa2_oauth_error_new (code, description, uri, response->status);
      }
  return oa2_error_new_unexpected_status (response->status, _("UserInfo endpoint"));
}

static gboolean
is_media_type (const OA2HttpResponse *response,
               const char            *type)
{
  const char *content_type = soup_message_headers_get_content_type (response->headers, NULL);

  return content_type != NULL && g_ascii_strcasecmp (content_type, type) == 0;
}

/* OIDC Core §5.3.2: a signed response carries iss and aud. */
static gboolean
check_jwt_claims (Userinfo  *u,
                  OA2Jwt    *jwt,
                  GError   **error)
{
  const char *iss = oa2_jwt_get_string_claim (jwt, "iss");
  JsonNode *aud = oa2_jwt_get_claim (jwt, "aud");
  gboolean aud_ok = FALSE;

  if (u->issuer == NULL || g_strcmp0 (iss, u->issuer) != 0)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM,
                           _("The signed UserInfo response names another issuer (“iss”) than the client’s"));
      return FALSE;
    }
  if (aud != NULL && JSON_NODE_HOLDS_VALUE (aud) && json_node_get_value_type (aud) == G_TYPE_STRING)
    aud_ok = g_strcmp0 (json_node_get_string (aud), u->client_id) == 0;
  else if (aud != NULL && JSON_NODE_HOLDS_ARRAY (aud))
    {
      JsonArray *array = json_node_get_array (aud);

      for (guint i = 0; i < json_array_get_length (array) && !aud_ok; i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          aud_ok = JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING &&
                   g_strcmp0 (json_node_get_string (element), u->client_id) == 0;
        }
    }
  if (!aud_ok)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM,
                           _("The signed UserInfo response is not meant for this client (“aud”)"));
      return FALSE;
    }
  return TRUE;
}

/* The claims, once they are known to come from the server and to be about
 * the user of the token. */
static JsonObject *
check_claims (Userinfo    *u,
              JsonObject  *claims,
              GError     **error)
{
  const char *sub = NULL;

  if (!oa2_json_get_string (claims, "sub", TRUE, &sub, error))
    return NULL;
  if (u->expected_sub != NULL && strcmp (sub, u->expected_sub) != 0)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM,
                           _("The UserInfo response is about another user (“sub”) than the token’s ID token"));
      return NULL;
    }
  return json_object_ref (claims);
}

/* Checks the signature of u->jwt with @jwks and returns its claims. */
static JsonObject *
finish_jwt (Userinfo  *u,
            OA2Jwks   *jwks,
            GError   **error)
{
  OA2JwtResponseTexts texts = userinfo_texts ();

  if (!oa2_jwt_response_verify (u->jwt, u->signed_alg, u->secret_key, jwks, &texts, error))
    return NULL;
  if (!check_jwt_claims (u, u->jwt, error))
    return NULL;
  return check_claims (u, oa2_jwt_get_claims (u->jwt), error);
}

static gboolean
uses_fetched_keys (Userinfo *u)
{
  return u->jwt != NULL && oa2_jwt_response_uses_fetched_keys (u->signed_alg, u->jwks_uri);
}

/* Reads the response. Returns the claims; or NULL with @error set; or
 * NULL without error when u->jwt waits for the server's keys. */
static JsonObject *
read_response (Userinfo               *u,
               const OA2HttpResponse  *response,
               GError                **error)
{
  OA2JwtResponseTexts texts = userinfo_texts ();
  g_autofree char *text = NULL;
  g_autofree char *compact = NULL;
  g_autoptr(JsonObject) object = NULL;
  gboolean decrypted;
  gsize len;
  const char *data;

  /* The last answer is never shown to should_retry(). */
  remember_nonce (u, response);
  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      g_propagate_error (error, error_from_status (response));
      return NULL;
    }

  if (oa2_http_response_is_json (response))
    {
      if (u->signed_alg != NULL || u->encrypted_alg != NULL)
        {
          g_set_error_literal (error, OA2_ERROR, OA2_ERROR_UNEXPECTED_CONTENT_TYPE,
                               _("The UserInfo endpoint answered with plain JSON, but the client expects a signed "
                                 "or encrypted response (application/jwt)"));
          return NULL;
        }
      data = g_bytes_get_data (response->body, &len);
      object = oa2_json_parse_object (data, len, error);
      if (object == NULL)
        return NULL;
      return check_claims (u, object, error);
    }
  if (!is_media_type (response, "application/jwt"))
    {
      g_autofree char *shown =
        oa2_error_sanitize_name (soup_message_headers_get_content_type (response->headers, NULL));

      g_set_error (error, OA2_ERROR, OA2_ERROR_UNEXPECTED_CONTENT_TYPE,
                   /* Translators: %s is a media type such as text/html */
                   _("The UserInfo endpoint answered with “%s” instead of JSON or a JWT"),
                   shown != NULL ? shown : "");
      return NULL;
    }

  data = g_bytes_get_data (response->body, &len);
  text = g_strstrip (g_strndup (data != NULL ? data : "", len));
  compact = oa2_jwt_response_open (text, u->decryption_keys, u->encrypted_alg, u->encrypted_enc, &texts,
                                   &decrypted, error);
  if (compact == NULL)
    return NULL;
  /* Encrypted only: the plaintext is the JSON object itself. */
  if (decrypted && u->signed_alg == NULL)
    {
      object = oa2_json_parse_object (compact, strlen (compact), error);
      if (object == NULL)
        return NULL;
      return check_claims (u, object, error);
    }

  if (u->signed_alg == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM,
                           _("The UserInfo response is signed, but the client expects plain JSON "
                             "(userinfo-signed-response-alg)"));
      return NULL;
    }
  u->jwt = oa2_jwt_response_parse (compact, &texts, error);
  if (u->jwt == NULL)
    return NULL;
  if (strcmp (oa2_jwt_get_alg (u->jwt), u->signed_alg) != 0)
    {
      g_autofree char *shown = oa2_error_sanitize_name (oa2_jwt_get_alg (u->jwt));

      g_set_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM,
                   /* Translators: both %s are JWS algorithms such as RS256 */
                   _("The UserInfo response is signed with “%s”, not with “%s” as the client expects"),
                   shown, u->signed_alg);
      return NULL;
    }
  if (uses_fetched_keys (u))
    return NULL;
  return finish_jwt (u, u->server_jwks, error);
}

/* The check with the server's fetched keys, for oa2_jwks_cache_check(). */
static gpointer
check_with_keys (OA2Jwks  *jwks,
                 gpointer  data,
                 GError  **error)
{
  return finish_jwt (data, jwks, error);
}

static gboolean
check_token (OA2BearerToken  *token,
             GError         **error)
{
  if (token == NULL || !OA2_IS_BEARER_TOKEN (token))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT, _("UserInfo needs an access token"));
      return FALSE;
    }
  return TRUE;
}

/**
 * oa2_client_userinfo:
 * @self: a client
 * @token: an access token the server issued with the `openid` scope; an
 *   [class@OA2.DPoPToken] is sent with a fresh proof
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Asks [property@OA2.Client:userinfo-endpoint] for the claims about the
 * user the token was issued for (OpenID Connect Core §5.3), with a GET and
 * `Authorization: Bearer …`, or `Authorization: DPoP …` and a new `DPoP`
 * proof for a bound token; a server that asks for a DPoP nonce (401,
 * `WWW-Authenticate: DPoP error="use_dpop_nonce"` and `DPoP-Nonce`) gets
 * one more request with it, never more.
 *
 * The response is JSON, or a JWT when the client expects one
 * ([property@OA2.Client:userinfo-signed-response-alg],
 * [property@OA2.Client:userinfo-encrypted-response-alg]): it is decrypted,
 * and its signature, issuer and audience are checked. The claims must name
 * a subject (`sub`), and when @token carries an ID token, the same one as
 * the ID token: another is refused with %OA2_ERROR_INVALID_CLAIM, for the
 * response would be about someone else.
 *
 * Returns: (transfer full): the claims, or %NULL with @error set:
 *   %OA2_OAUTH_ERROR with the `error` of the `WWW-Authenticate` challenge
 *   when the server refuses the token (and the HTTP status, see
 *   [func@OA2.Error.get_http_status]), %OA2_ERROR_UNEXPECTED_STATUS for
 *   another failure status, %OA2_ERROR_UNEXPECTED_CONTENT_TYPE,
 *   %OA2_ERROR_INVALID_JSON, %OA2_ERROR_MISSING_MEMBER without `sub`,
 *   %OA2_ERROR_INVALID_CLAIM, and the errors of the signature and
 *   decryption checks
 */
JsonObject *
oa2_client_userinfo (OA2Client       *self,
                     OA2BearerToken  *token,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autoptr(Userinfo) u = NULL;
  g_autoptr(OA2HttpResponse) response = NULL;
  g_autoptr(GError) local_error = NULL;
  OA2TransportHooks hooks;
  JsonObject *claims;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_token (token, error))
    return NULL;
  u = userinfo_new (self, token, error);
  if (u == NULL)
    return NULL;
  response = oa2_transport_send (&u->config, userinfo_request (u, &hooks), &hooks, cancellable, error);
  if (response == NULL)
    return NULL;
  claims = read_response (u, response, &local_error);
  if (claims != NULL || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return claims;
    }

  return oa2_jwks_cache_check (oa2_client_id_token_get_jwks_cache (self), u->jwks_uri, &u->config,
                               check_with_keys, u, cancellable, error);
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  JsonObject *claims = oa2_jwks_cache_check_finish (result, &error);

  if (claims == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, claims, (GDestroyNotify) json_object_unref);
}

static void
on_response (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OA2Client *self = g_task_get_source_object (task);
  Userinfo *u = g_task_get_task_data (task);
  g_autoptr(OA2HttpResponse) response = NULL;
  GError *error = NULL;
  JsonObject *claims;

  response = oa2_transport_send_finish (result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  claims = read_response (u, response, &error);
  if (claims != NULL)
    g_task_return_pointer (task, claims, (GDestroyNotify) json_object_unref);
  else if (error != NULL)
    g_task_return_error (task, error);
  else
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      /* u lives in the task, which the callback holds. */
      oa2_jwks_cache_check_async (oa2_client_id_token_get_jwks_cache (self), u->jwks_uri, &u->config,
                                  check_with_keys, u, (GDestroyNotify) json_object_unref,
                                  cancellable, on_checked, g_steal_pointer (&task));
    }
}

/**
 * oa2_client_userinfo_async:
 * @self: a client
 * @token: an access token; see [method@OA2.Client.userinfo]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the claims are known
 * @user_data: data for @callback
 *
 * Asks the UserInfo endpoint for the claims about the token's user without
 * blocking; see [method@OA2.Client.userinfo].
 */
void
oa2_client_userinfo_async (OA2Client           *self,
                           OA2BearerToken      *token,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OA2TransportHooks hooks;
  OA2HttpRequest *request;
  GError *error = NULL;
  Userinfo *u;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, oa2_client_userinfo_async);
  if (!check_token (token, &error) || (u = userinfo_new (self, token, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, u, userinfo_free);
  request = userinfo_request (u, &hooks);
  oa2_transport_send_async (&u->config, request, &hooks, cancellable, on_response, g_steal_pointer (&task));
}

/**
 * oa2_client_userinfo_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.userinfo_async].
 *
 * Returns: (transfer full): the claims, or %NULL with @error set as
 *   [method@OA2.Client.userinfo] sets it
 */
JsonObject *
oa2_client_userinfo_finish (OA2Client     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == oa2_client_userinfo_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
