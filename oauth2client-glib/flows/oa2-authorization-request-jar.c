/* oa2-authorization-request-jar.c: the parameters of an authorization
 * request in a signed, and optionally encrypted, request object (JAR,
 * RFC 9101)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "oa2-authorization-request-private.h"
#include "oa2-client-assertion-private.h"
#include "oa2-clock-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-json-private.h"
#include "oa2-jwe.h"
#include "oa2-jwt.h"
#include "oa2-jwt-private.h"

/* How long a request object is good for. The server reads it when the
 * browser arrives (or when it is pushed), seconds after it is made; five
 * minutes leave room for a slow browser start and stay well inside the
 * hour that FAPI 2.0 allows between nbf and exp. */
#define REQUEST_OBJECT_LIFETIME 300

/* RFC 9101 §10.8: the typ that tells a request object from other JWTs. */
#define REQUEST_OBJECT_TYP "oauth-authz-req+jwt"

/* RFC 7516 §4.1.2 and OIDC Registration §2: the content encryption when
 * none is named. */
#define DEFAULT_ENC "A128CBC-HS256"

gboolean
oa2_authorization_request_uses_request_object (OA2AuthorizationRequest *self)
{
  return self->request_object_alg != NULL;
}

void
oa2_authorization_request_jar_clear (OA2AuthorizationRequest *self)
{
  g_clear_object (&self->request_object_key);
  g_clear_pointer (&self->request_object_alg, g_free);
  g_clear_pointer (&self->request_object_key_id, g_free);
  g_clear_object (&self->request_object_encryption_key);
  g_clear_pointer (&self->request_object_encryption_alg, g_free);
  g_clear_pointer (&self->request_object_encryption_enc, g_free);
}

/**
 * oa2_authorization_request_set_request_object_key:
 * @self: a request
 * @key: (nullable): the client's private key (or, for `HS256`, `HS384`
 *   and `HS512`, a symmetric key made from its secret), or %NULL to send
 *   the parameters in the URI again
 * @alg: (nullable): the JWS algorithm, or %NULL for the key's own `alg`
 * @error: return location for a #GError
 *
 * Sends the request's parameters in a request object signed with @key
 * (JAR, RFC 9101): a JWT of `typ` `oauth-authz-req+jwt` whose claims are
 * every parameter of the request, plus `iss` (the client identifier),
 * `aud` (the issuer, see [method@OA2.AuthorizationRequest.set_issuer]),
 * `iat`, `nbf`, `exp` (five minutes later) and a random `jti`. A new one
 * is made for every URI and every push.
 *
 * The URI then carries `client_id`, `request`, and `response_type` and
 * `scope` again: RFC 9101 §5 needs only the first two, but OpenID Connect
 * Core §6.1 asks for the other two outside the object as well, and a
 * server that follows RFC 9101 reads only the object. A pushed request
 * ([method@OA2.Client.pushed_authorization_request]) sends only the object
 * and the client authentication (RFC 9126 §3).
 *
 * The key stays in memory only: [method@OA2.AuthorizationRequest.to_json]
 * saves its thumbprint, and a restored request validates its response but
 * needs the key again to make a URI.
 *
 * Returns: %TRUE, or %FALSE with @error set: %OA2_ERROR_INVALID_ARGUMENT
 *   for a public key or no algorithm, %OA2_ERROR_UNSUPPORTED_ALGORITHM,
 *   %OA2_ERROR_KEY_MISMATCH, %OA2_ERROR_INVALID_KEY
 */
gboolean
oa2_authorization_request_set_request_object_key (OA2AuthorizationRequest  *self,
                                                  OA2Jwk                   *key,
                                                  const char               *alg,
                                                  GError                  **error)
{
  const char *checked;

  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), FALSE);
  g_return_val_if_fail (key == NULL || OA2_IS_JWK (key), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (key == NULL)
    {
      g_clear_object (&self->request_object_key);
      g_clear_pointer (&self->request_object_alg, g_free);
      g_clear_pointer (&self->request_object_key_id, g_free);
      oa2_authorization_request_notify (self, OA2_AUTHORIZATION_REQUEST_PROP_REQUEST_OBJECT_ALG);
      return TRUE;
    }
  if (!oa2_jwk_is_private (key) && g_strcmp0 (oa2_jwk_get_kty (key), "oct") != 0)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("A request object is signed with a private key, and this key is public"));
      return FALSE;
    }
  checked = oa2_jwt_signing_alg (key, alg, error);
  if (checked == NULL)
    return FALSE;

  g_set_object (&self->request_object_key, key);
  g_free (self->request_object_alg);
  self->request_object_alg = g_strdup (checked);
  g_free (self->request_object_key_id);
  /* The thumbprint of a symmetric key is a hash of the secret itself,
   * which a weak client secret would not survive: none is kept. */
  self->request_object_key_id = g_strcmp0 (oa2_jwk_get_kty (key), "oct") != 0 ? oa2_jwk_dup_thumbprint (key) : NULL;
  oa2_authorization_request_notify (self, OA2_AUTHORIZATION_REQUEST_PROP_REQUEST_OBJECT_ALG);
  return TRUE;
}

/**
 * oa2_authorization_request_get_request_object_alg: (get-property request-object-alg)
 * @self: a request
 *
 * Gets the algorithm request objects are signed with.
 *
 * Returns: (nullable): the JWS algorithm, or %NULL when the parameters go
 *   in the URI
 */
const char *
oa2_authorization_request_get_request_object_alg (OA2AuthorizationRequest *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->request_object_alg;
}

/* The key management algorithm for a key that names none. */
static const char *
default_encryption_alg (OA2Jwk *key)
{
  const char *kty = oa2_jwk_get_kty (key);

  if (oa2_jwk_get_alg (key) != NULL)
    return oa2_jwk_get_alg (key);
  if (g_strcmp0 (kty, "RSA") == 0)
    return "RSA-OAEP-256";
  if (g_strcmp0 (kty, "EC") == 0 || g_strcmp0 (kty, "OKP") == 0)
    return "ECDH-ES";
  return NULL;
}

/**
 * oa2_authorization_request_set_request_object_encryption:
 * @self: a request with a request-object key
 *   (see [method@OA2.AuthorizationRequest.set_request_object_key])
 * @key: (nullable): the server's public encryption key, or %NULL to send
 *   the request object signed only
 * @alg: (nullable): the JWE key management algorithm, or %NULL for the
 *   key's `alg`, else `RSA-OAEP-256` for an RSA key and `ECDH-ES` for an
 *   elliptic-curve one
 * @enc: (nullable): the JWE content encryption, or %NULL for
 *   `A128CBC-HS256`
 * @error: return location for a #GError
 *
 * Encrypts the signed request object to the server (RFC 9101 §4, a nested
 * JWT with `cty` `JWT`), so that the browser and its history see none of
 * the parameters. [method@OA2.Client.encrypt_request_object] picks the
 * key from the server's key set.
 *
 * Returns: %TRUE, or %FALSE with @error set: %OA2_ERROR_INVALID_ARGUMENT
 *   when no algorithm fits the key, %OA2_ERROR_UNSUPPORTED_ALGORITHM,
 *   %OA2_ERROR_KEY_MISMATCH or %OA2_ERROR_INVALID_KEY
 */
gboolean
oa2_authorization_request_set_request_object_encryption (OA2AuthorizationRequest  *self,
                                                         OA2Jwk                   *key,
                                                         const char               *alg,
                                                         const char               *enc,
                                                         GError                  **error)
{
  g_autoptr(GBytes) probe = NULL;
  g_autoptr(OA2Jwk) public_key = NULL;
  g_autofree char *encrypted = NULL;

  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), FALSE);
  g_return_val_if_fail (key == NULL || OA2_IS_JWK (key), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (key == NULL)
    {
      g_clear_object (&self->request_object_encryption_key);
      g_clear_pointer (&self->request_object_encryption_alg, g_free);
      g_clear_pointer (&self->request_object_encryption_enc, g_free);
      oa2_authorization_request_notify (self, OA2_AUTHORIZATION_REQUEST_PROP_REQUEST_OBJECT_ENCRYPTION_ALG);
      return TRUE;
    }
  if (alg == NULL)
    alg = default_encryption_alg (key);
  if (alg == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("No key management algorithm was given and the key suggests none"));
      return FALSE;
    }
  if (enc == NULL)
    enc = DEFAULT_ENC;
  /* Only the public half is kept: it is all encryption needs, and it can
   * be saved. */
  public_key = g_strcmp0 (oa2_jwk_get_kty (key), "oct") == 0 ? g_object_ref (key) : oa2_jwk_dup_public (key);
  /* One encryption of nothing checks key, alg and enc together, with the
   * JWE code's own errors, now rather than when the URI is made. */
  probe = g_bytes_new_static ("{}", 2);
  encrypted = oa2_jwe_encrypt (probe, public_key, alg, enc, NULL, error);
  if (encrypted == NULL)
    return FALSE;

  g_set_object (&self->request_object_encryption_key, public_key);
  g_free (self->request_object_encryption_alg);
  self->request_object_encryption_alg = g_strdup (alg);
  g_free (self->request_object_encryption_enc);
  self->request_object_encryption_enc = g_strdup (enc);
  oa2_authorization_request_notify (self, OA2_AUTHORIZATION_REQUEST_PROP_REQUEST_OBJECT_ENCRYPTION_ALG);
  return TRUE;
}

/**
 * oa2_authorization_request_get_request_object_encryption_alg: (get-property request-object-encryption-alg)
 * @self: a request
 *
 * Gets the key management algorithm request objects are encrypted with.
 *
 * Returns: (nullable): the JWE algorithm, or %NULL when they are not
 *   encrypted
 */
const char *
oa2_authorization_request_get_request_object_encryption_alg (OA2AuthorizationRequest *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->request_object_encryption_alg;
}

/* The claims: every parameter, with the JSON types the specifications
 * give them (max_age a number, claims an object, authorization_details an
 * array, a repeated resource an array), then the JWT's own. */
static JsonObject *
claims_of (OA2AuthorizationRequest  *self,
           OA2Form                  *form,
           GError                  **error)
{
  g_autoptr(JsonObject) claims = json_object_new ();
  g_autofree char *jti = oa2_client_assertion_new_jti ();
  gint64 now = oa2_clock_now_seconds ();
  guint n = oa2_form_get_n_fields (form);

  for (guint i = 0; i < n; i++)
    {
      const char *name = oa2_form_get_name (form, i);
      const char *value = oa2_form_get_value (form, i);

      if (g_str_equal (name, "max_age"))
        json_object_set_int_member (claims, name, self->max_age);
      else if (g_str_equal (name, "claims") || g_str_equal (name, "authorization_details"))
        {
          g_autoptr(JsonNode) node = json_from_string (value, NULL);

          /* The setters checked the text: it parses. */
          json_object_set_member (claims, name, g_steal_pointer (&node));
        }
      else if (g_str_equal (name, "resource") && self->resources->len > 2)
        {
          if (!json_object_has_member (claims, name))
            {
              JsonArray *array = json_array_new ();

              for (guint r = 0; self->resources->pdata[r] != NULL; r++)
                json_array_add_string_element (array, self->resources->pdata[r]);
              json_object_set_array_member (claims, name, array);
            }
        }
      else
        json_object_set_string_member (claims, name, value);
    }

  json_object_set_string_member (claims, "iss", self->client_id);
  json_object_set_string_member (claims, "aud", self->issuer);
  json_object_set_int_member (claims, "iat", now);
  json_object_set_int_member (claims, "nbf", now);
  json_object_set_int_member (claims, "exp", now + REQUEST_OBJECT_LIFETIME);
  json_object_set_string_member (claims, "jti", jti);
  return g_steal_pointer (&claims);
}

static char *
make_request_object (OA2AuthorizationRequest  *self,
                     OA2Form                  *form,
                     GError                  **error)
{
  g_autoptr(JsonObject) claims = NULL;
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(JsonObject) jwe_header = NULL;
  g_autoptr(GBytes) signed_bytes = NULL;
  char *signed_jwt;
  char *encrypted;

  if (self->request_object_key == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The request object’s signing key is not set: a restored request needs it again "
                             "to make a URI"));
      return NULL;
    }
  /* RFC 9101 §4: aud is the issuer; without one there is no audience the
   * server would accept. */
  if (self->issuer == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("A request object needs the server’s issuer as its audience"));
      return NULL;
    }

  claims = claims_of (self, form, error);
  if (claims == NULL)
    return NULL;
  json_object_set_string_member (header, "typ", REQUEST_OBJECT_TYP);
  signed_jwt = oa2_jwt_sign_claims (claims, self->request_object_key, self->request_object_alg, header, error);
  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), claims);

    /* The claims hold the state, nonce and PKCE challenge. */
    oa2_json_wipe_strings (node);
  }
  if (signed_jwt == NULL || self->request_object_encryption_key == NULL)
    return signed_jwt;

  /* RFC 7519 §5.2: cty JWT says the plaintext is itself a JWT. */
  jwe_header = json_object_new ();
  json_object_set_string_member (jwe_header, "cty", "JWT");
  signed_bytes = g_bytes_new_take (signed_jwt, strlen (signed_jwt));
  encrypted = oa2_jwe_encrypt (signed_bytes, self->request_object_encryption_key,
                               self->request_object_encryption_alg, self->request_object_encryption_enc,
                               jwe_header, error);
  return encrypted;
}

OA2Form *
oa2_authorization_request_jar_form (OA2AuthorizationRequest  *self,
                                    OA2Form                  *form,
                                    gboolean                  pushed,
                                    GError                  **error)
{
  g_autofree char *request_object = make_request_object (self, form, error);
  OA2Form *out;

  if (request_object == NULL)
    return NULL;
  out = oa2_form_new ();
  oa2_form_add (out, "client_id", self->client_id);
  oa2_form_add (out, "request", request_object);
  if (!pushed)
    {
      /* OIDC Core §6.1: response_type, and scope with openid, outside
       * the object too; the object's are the ones that count. */
      oa2_form_add (out, "response_type", self->response_type);
      if (self->scope != NULL)
        oa2_form_add (out, "scope", self->scope);
    }
  return out;
}

/**
 * oa2_authorization_request_dup_request_object:
 * @self: a request with a request-object key
 *   ([method@OA2.AuthorizationRequest.set_request_object_key])
 * @error: return location for a #GError
 *
 * Makes a new request object of the request's parameters, as
 * [method@OA2.AuthorizationRequest.dup_uri] would put in the URI: signed,
 * and encrypted when the request says so. An application that publishes
 * its request objects itself (RFC 9101 §5.2) serves this text at a URL of
 * its own and gives that URL to
 * [method@OA2.AuthorizationRequest.set_request_uri].
 *
 * Returns: (transfer full): the request object, or %NULL with @error set:
 *   %OA2_ERROR_INVALID_ARGUMENT without a key or an issuer, or the errors
 *   of signing and encrypting it
 */
char *
oa2_authorization_request_dup_request_object (OA2AuthorizationRequest  *self,
                                              GError                  **error)
{
  g_autoptr(OA2Form) form = NULL;

  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!oa2_authorization_request_uses_request_object (self))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The request has no request-object key"));
      return NULL;
    }
  form = oa2_authorization_request_to_form (self, TRUE, error);
  if (form == NULL)
    return NULL;
  return g_strdup (oa2_form_lookup (form, "request"));
}

/**
 * oa2_authorization_request_set_request_uri:
 * @self: a request
 * @request_uri: (nullable): the absolute URI where the server fetches the
 *   request object, or %NULL to send the parameters again
 *
 * Sends the request by reference (RFC 9101 §5.2): the URI then carries
 * only `client_id` and @request_uri, as after a push, and the server
 * fetches the object (see
 * [method@OA2.AuthorizationRequest.dup_request_object]) from there. The
 * request validates its response as before.
 */
void
oa2_authorization_request_set_request_uri (OA2AuthorizationRequest *self,
                                           const char              *request_uri)
{
  g_return_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self));
  oa2_authorization_request_set_pushed (self, request_uri, 0);
}

void
oa2_authorization_request_jar_save (OA2AuthorizationRequest *self,
                                    JsonBuilder             *builder)
{
  if (self->request_object_alg == NULL)
    return;
  /* The private key is never written: the saved text is only as secret
   * as the state and verifier in it, and a restored request has no need
   * to sign (its URI was opened already). The thumbprint and algorithm
   * say that a URI needs the key again. The server's encryption key is
   * public. */
  json_builder_set_member_name (builder, "request_object");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "alg");
  json_builder_add_string_value (builder, self->request_object_alg);
  if (self->request_object_key_id != NULL)
    {
      json_builder_set_member_name (builder, "key_thumbprint");
      json_builder_add_string_value (builder, self->request_object_key_id);
    }
  if (self->request_object_encryption_key != NULL &&
      g_strcmp0 (oa2_jwk_get_kty (self->request_object_encryption_key), "oct") != 0)
    {
      JsonNode *key = json_node_new (JSON_NODE_OBJECT);

      /* The node takes the object, the builder the node. */
      json_node_take_object (key, oa2_jwk_to_json_object (self->request_object_encryption_key, FALSE));
      json_builder_set_member_name (builder, "encryption_key");
      json_builder_add_value (builder, key);
      json_builder_set_member_name (builder, "encryption_alg");
      json_builder_add_string_value (builder, self->request_object_encryption_alg);
      json_builder_set_member_name (builder, "encryption_enc");
      json_builder_add_string_value (builder, self->request_object_encryption_enc);
    }
  json_builder_end_object (builder);
}

gboolean
oa2_authorization_request_jar_restore (OA2AuthorizationRequest  *self,
                                       JsonObject               *object,
                                       GError                  **error)
{
  JsonNode *node = json_object_get_member (object, "request_object");
  JsonObject *saved;
  JsonNode *key_node;
  const char *alg = NULL, *thumbprint = NULL, *encryption_alg = NULL, *encryption_enc = NULL;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    goto invalid;
  saved = json_node_get_object (node);
  if (!oa2_json_get_string (saved, "alg", TRUE, &alg, NULL) ||
      !oa2_json_get_string (saved, "key_thumbprint", FALSE, &thumbprint, NULL) ||
      !oa2_json_get_string (saved, "encryption_alg", FALSE, &encryption_alg, NULL) ||
      !oa2_json_get_string (saved, "encryption_enc", FALSE, &encryption_enc, NULL))
    goto invalid;
  self->request_object_alg = g_strdup (alg);
  self->request_object_key_id = g_strdup (thumbprint);

  key_node = json_object_get_member (saved, "encryption_key");
  if (key_node != NULL)
    {
      g_autoptr(OA2Jwk) key = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (key_node) || encryption_alg == NULL || encryption_enc == NULL)
        goto invalid;
      key = oa2_jwk_new_from_json_object (json_node_get_object (key_node), NULL);
      if (key == NULL || oa2_jwk_is_private (key) ||
          !oa2_authorization_request_set_request_object_encryption (self, key, encryption_alg, encryption_enc, NULL))
        goto invalid;
    }
  return TRUE;

invalid:
  g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
               /* Translators: %s is a member name such as "state" */
               _("The saved authorization request has an invalid “%s”"), "request_object");
  return FALSE;
}
