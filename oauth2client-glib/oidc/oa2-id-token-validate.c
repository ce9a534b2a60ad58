/* oa2-id-token-validate.c: the rules an ID token must pass (OpenID Connect
 * Core §3.1.3.7, §3.3.2.11, §12.2), without I/O
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "oa2-base64url-private.h"
#include "oa2-clock-private.h"
#include "oa2-jwt-response-private.h"
#include "oa2-crypto-private.h"
#include "oa2-error.h"
#include "oa2-error-private.h"
#include "oa2-i18n-private.h"
#include "oa2-id-token-private.h"
#include "oa2-jwk-private.h"

/* What the steps of oa2-jwt-response.c say of an ID token. */
static OA2JwtResponseTexts
id_token_texts (void)
{
  return (OA2JwtResponseTexts) {
    .no_decryption_keys = _("The ID token is encrypted, but the client has no ID-token decryption keys"),
    .decryption_prefix = _("The encrypted ID token: "),
    .unexpected_encryption = _("The ID token is encrypted, but the client does not expect encrypted ID tokens "
                               "(id-token-encrypted-response-alg)"),
    /* Translators: %s is a JWE algorithm such as RSA-OAEP-256 */
    .missing_encryption = _("The ID token is not encrypted, but the client expects ID tokens encrypted with “%s”"),
    .parse_prefix = _("The ID token: "),
    .not_object = _("The ID token’s payload is not a JSON object"),
    .unsigned_token = _("The ID token is not signed (alg “none”), and unsigned ID tokens are refused"),
  };
}

OA2Jwt *
oa2_id_token_open (const char            *compact,
                   const OA2IdTokenCheck *check,
                   gboolean              *out_needs_jwks,
                   GError               **error)
{
  OA2JwtResponseTexts texts = id_token_texts ();
  g_autoptr(OA2Jwt) jwt = NULL;
  g_autofree char *inner = NULL;
  gboolean decrypted;
  const char *alg;

  *out_needs_jwks = FALSE;

  inner = oa2_jwt_response_open (compact, check->decryption_keys, check->encrypted_alg,
                                 check->encrypted_enc, &texts, &decrypted, error);
  if (inner == NULL)
    return NULL;
  jwt = oa2_jwt_response_parse (inner, &texts, error);
  if (jwt == NULL)
    return NULL;

  alg = oa2_jwt_get_alg (jwt);
  if (g_strcmp0 (alg, check->signed_alg) != 0)
    {
      g_autofree char *safe = oa2_error_sanitize_name (alg);

      g_set_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM,
                   /* Translators: both %s are JWS algorithms such as RS256 */
                   _("The ID token is signed with “%s”, but the client accepts only “%s” "
                     "(id-token-signed-response-alg)"),
                   safe, check->signed_alg);
      return NULL;
    }
  if (check->supported_algs != NULL && check->supported_algs[0] != NULL &&
      !g_strv_contains (check->supported_algs, alg))
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM,
                   /* Translators: %s is a JWS algorithm such as RS256 */
                   _("The ID token is signed with “%s”, which the server does not list among its ID-token "
                     "signing algorithms (id-token-signing-alg-values-supported)"),
                   alg);
      return NULL;
    }

  *out_needs_jwks = !g_str_has_prefix (alg, "HS");
  return g_steal_pointer (&jwt);
}

gboolean
oa2_id_token_verify (OA2Jwt                *jwt,
                     OA2Jwks               *jwks,
                     const OA2IdTokenCheck *check,
                     OA2Jwk               **out_key,
                     GError               **error)
{
  const char *algs[] = { oa2_jwt_get_alg (jwt), NULL };
  const char *kid = oa2_jwt_get_kid (jwt);
  g_autoptr(GPtrArray) candidates = NULL;
  OA2Jwk *key;

  *out_key = NULL;

  if (g_str_has_prefix (algs[0], "HS"))
    {
      /* OIDC Core §10.1: HMAC ID tokens are keyed with the client secret;
       * never with a key of the server's set, which would be public. */
      if (check->secret_key == NULL)
        {
          g_set_error_literal (error, OA2_ERROR, OA2_ERROR_NO_MATCHING_KEY,
                               _("The ID token is signed with HMAC, but the client authentication holds no "
                                 "client secret to verify it with"));
          return FALSE;
        }
      key = check->secret_key;
    }
  else
    {
      if (jwks == NULL)
        {
          g_set_error_literal (error, OA2_ERROR, OA2_ERROR_NO_MATCHING_KEY,
                               _("The client has no keys of the server to verify the ID token with (jwks-uri)"));
          return FALSE;
        }
      candidates = oa2_jwks_select (jwks, kid, algs[0], "sig");
      /* A symmetric key in the server's set is never used: only public
       * keys can be in a set anybody may fetch. */
      for (guint i = candidates->len; i > 0; i--)
        if (strcmp (oa2_jwk_get_kty (candidates->pdata[i - 1]), "oct") == 0)
          g_ptr_array_remove_index (candidates, i - 1);
      if (candidates->len == 0)
        {
          if (kid != NULL)
            {
              g_autofree char *safe = oa2_error_sanitize_name (kid);

              g_set_error (error, OA2_ERROR, OA2_ERROR_NO_MATCHING_KEY,
                           /* Translators: %s is a key identifier */
                           _("The server has no key “%s” for the ID token’s algorithm"), safe);
            }
          else
            g_set_error (error, OA2_ERROR, OA2_ERROR_NO_MATCHING_KEY,
                         /* Translators: %s is a JWS algorithm such as RS256 */
                         _("The server has no key for the ID token’s algorithm “%s”"), algs[0]);
          return FALSE;
        }
      if (candidates->len > 1)
        {
          /* Without a kid, only a single fitting key is unambiguous. */
          g_set_error (error, OA2_ERROR, OA2_ERROR_NO_MATCHING_KEY,
                       /* Translators: %u is a number of keys */
                       _("The ID token names no key (kid), and %u keys of the server fit it"),
                       candidates->len);
          return FALSE;
        }
      key = candidates->pdata[0];
    }

  if (!oa2_jwt_verify (jwt, key, algs, error))
    {
      g_prefix_error (error, "%s", _("The ID token’s signature: "));
      return FALSE;
    }
  *out_key = g_object_ref (key);
  return TRUE;
}

/* A macro, so that the compiler checks each message's format. */
#define claim_error(error, message, claim) \
  (g_set_error ((error), OA2_ERROR, OA2_ERROR_INVALID_CLAIM, (message), (claim)), FALSE)

static gboolean
get_required_string (OA2Jwt      *jwt,
                     const char  *claim,
                     const char **out,
                     GError     **error)
{
  JsonNode *node = oa2_jwt_get_claim (jwt, claim);

  if (node == NULL)
    /* Translators: %s is a claim name such as "iss" */
    return claim_error (error, _("The ID token has no “%s” claim"), claim);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      *json_node_get_string (node) == '\0')
    /* Translators: %s is a claim name such as "iss" */
    return claim_error (error, _("The ID token’s “%s” claim is not a non-empty string"), claim);
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_optional_string (OA2Jwt      *jwt,
                     const char  *claim,
                     const char **out,
                     GError     **error)
{
  *out = NULL;
  if (oa2_jwt_get_claim (jwt, claim) == NULL)
    return TRUE;
  return get_required_string (jwt, claim, out, error);
}

/* A NumericDate, required or not; -1 when absent. */
static gboolean
get_time (OA2Jwt      *jwt,
          const char  *claim,
          gboolean     required,
          gint64      *out,
          GError     **error)
{
  *out = -1;
  if (oa2_jwt_get_claim (jwt, claim) == NULL)
    {
      if (!required)
        return TRUE;
      /* Translators: %s is a claim name such as "exp" */
      return claim_error (error, _("The ID token has no “%s” claim"), claim);
    }
  if (!oa2_jwt_get_int_claim (jwt, claim, out) || *out < 0)
    /* Translators: %s is a claim name such as "exp" */
    return claim_error (error, _("The ID token’s “%s” claim is not a time"), claim);
  return TRUE;
}

static gboolean
audience_list (OA2Jwt   *jwt,
               GStrv    *out,
               GError  **error)
{
  JsonNode *node = oa2_jwt_get_claim (jwt, "aud");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node == NULL)
    return claim_error (error, _("The ID token has no “%s” claim"), "aud");
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_strv_builder_add (builder, json_node_get_string (node));
  else if (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0)
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            return claim_error (error, _("The ID token’s “%s” claim is not a string or a list of strings"),
                                "aud");
          g_strv_builder_add (builder, json_node_get_string (element));
        }
    }
  else
    return claim_error (error, _("The ID token’s “%s” claim is not a string or a list of strings"), "aud");
  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* The hash of at_hash and c_hash (§3.1.3.6, §3.3.2.11): the one of the
 * signature algorithm; for EdDSA, the one of the curve (Ed25519's
 * SHA-512, Ed448's SHAKE256 with 114 bytes of output). Returns the left
 * half of the hash, base64url-encoded. */
static char *
left_half_hash (const char  *alg,
                OA2Jwk      *key,
                const char  *value,
                GError     **error)
{
  guint8 digest[114];
  gsize size;
  const char *crv = key != NULL ? oa2_jwk_get_crv (key) : NULL;

  if (g_str_has_suffix (alg, "256") && !g_str_equal (alg, "EdDSA"))
    {
      oa2_crypto_digest (OA2_DIGEST_SHA256, (const guint8 *) value, strlen (value), digest);
      size = oa2_digest_size (OA2_DIGEST_SHA256);
    }
  else if (g_str_has_suffix (alg, "384"))
    {
      oa2_crypto_digest (OA2_DIGEST_SHA384, (const guint8 *) value, strlen (value), digest);
      size = oa2_digest_size (OA2_DIGEST_SHA384);
    }
  else if (g_str_has_suffix (alg, "512") || g_str_equal (alg, "Ed25519") ||
           (g_str_equal (alg, "EdDSA") && g_strcmp0 (crv, "Ed25519") == 0))
    {
      oa2_crypto_digest (OA2_DIGEST_SHA512, (const guint8 *) value, strlen (value), digest);
      size = oa2_digest_size (OA2_DIGEST_SHA512);
    }
  else if (g_str_equal (alg, "Ed448") || (g_str_equal (alg, "EdDSA") && g_strcmp0 (crv, "Ed448") == 0))
    {
      size = sizeof digest;
      oa2_crypto_shake256 ((const guint8 *) value, strlen (value), digest, size);
    }
  else
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM,
                   /* Translators: %s is a JWS algorithm such as RS256 */
                   _("No hash is defined for the ID token’s at_hash and c_hash with “%s”"), alg);
      return NULL;
    }
  return oa2_base64url_encode (digest, size / 2);
}

static gboolean
check_hash (OA2Jwt      *jwt,
            OA2Jwk      *key,
            const char  *claim,
            const char  *value,
            GError     **error)
{
  const char *given = NULL;
  g_autofree char *expected = NULL;

  if (!get_optional_string (jwt, claim, &given, error))
    return FALSE;
  if (given == NULL || value == NULL)
    return TRUE;
  expected = left_half_hash (oa2_jwt_get_alg (jwt), key, value, error);
  if (expected == NULL)
    return FALSE;
  if (strlen (given) != strlen (expected) ||
      !oa2_crypto_equal ((const guint8 *) given, (const guint8 *) expected, strlen (expected)))
    /* Translators: %s is a claim name: at_hash or c_hash */
    return claim_error (error, _("The ID token’s “%s” claim does not match the token it covers"), claim);
  return TRUE;
}

static gboolean
same_string_sets (const char * const *a,
                  const char * const *b)
{
  if (g_strv_length ((GStrv) a) != g_strv_length ((GStrv) b))
    return FALSE;
  for (guint i = 0; a[i] != NULL; i++)
    if (!g_strv_contains (b, a[i]))
      return FALSE;
  return TRUE;
}

/* §12.2: a refreshed ID token speaks of the same authentication. The
 * previous token was validated when it was received; it is read here,
 * not verified again. */
static gboolean
check_continuity (OA2Jwt                *jwt,
                  const char * const    *audience,
                  const OA2IdTokenCheck *check,
                  GError               **error)
{
  g_autoptr(OA2Jwt) previous = NULL;
  g_auto(GStrv) previous_audience = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *names[] = { "iss", "sub", "azp" };
  gint64 old_time, new_time;

  if (check->previous_id_token == NULL || oa2_jwt_response_is_jwe (check->previous_id_token))
    return TRUE;
  previous = oa2_jwt_new_from_compact (check->previous_id_token, &local_error);
  if (previous == NULL || oa2_jwt_get_claims (previous) == NULL)
    return TRUE;   /* nothing to compare with; the new token stands on its own */

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *old_value = oa2_jwt_get_string_claim (previous, names[i]);
      const char *new_value = oa2_jwt_get_string_claim (jwt, names[i]);

      if ((old_value != NULL || i < 2) && g_strcmp0 (old_value, new_value) != 0)
        /* Translators: %s is a claim name such as "sub" */
        return claim_error (error, _("The refreshed ID token’s “%s” claim differs from the original ID token’s"),
                            names[i]);
    }
  if (audience_list (previous, &previous_audience, NULL) &&
      !same_string_sets ((const char * const *) previous_audience, audience))
    return claim_error (error, _("The refreshed ID token’s “%s” claim differs from the original ID token’s"),
                        "aud");
  if (oa2_jwt_get_int_claim (jwt, "auth_time", &new_time) &&
      (!oa2_jwt_get_int_claim (previous, "auth_time", &old_time) || old_time != new_time))
    return claim_error (error, _("The refreshed ID token’s “%s” claim differs from the original ID token’s"),
                        "auth_time");
  return TRUE;
}

gboolean
oa2_id_token_check_claims (OA2Jwt                *jwt,
                           OA2Jwk                *key,
                           const OA2IdTokenCheck *check,
                           GError               **error)
{
  const OA2IdTokenExpectations *expectations = check->expectations;
  const char *iss, *sub, *azp, *nonce;
  g_auto(GStrv) audience = NULL;
  gint64 now = oa2_clock_now_seconds ();
  gint64 leeway = check->leeway;
  gint64 exp, iat, nbf, auth_time;

  if (!get_required_string (jwt, "iss", &iss, error))
    return FALSE;
  if (strcmp (iss, check->issuer) != 0)
    return claim_error (error, _("The ID token’s “%s” claim is not the client’s issuer"), "iss");

  if (!get_required_string (jwt, "sub", &sub, error))
    return FALSE;

  if (!audience_list (jwt, &audience, error))
    return FALSE;
  if (!g_strv_contains ((const char * const *) audience, check->client_id))
    return claim_error (error, _("The ID token’s “%s” claim does not contain the client’s identifier"), "aud");

  /* §3.1.3.7 items 4 and 5: another audience must not be able to pass
   * the token off as its own without naming the authorized party. */
  if (!get_optional_string (jwt, "azp", &azp, error))
    return FALSE;
  if (azp == NULL && g_strv_length (audience) > 1)
    return claim_error (error, _("The ID token has several audiences but no “%s” claim"), "azp");
  if (azp != NULL && strcmp (azp, check->client_id) != 0)
    return claim_error (error, _("The ID token’s “%s” claim is not the client’s identifier"), "azp");

  if (!get_time (jwt, "exp", TRUE, &exp, error) ||
      !get_time (jwt, "iat", TRUE, &iat, error) ||
      !get_time (jwt, "nbf", FALSE, &nbf, error) ||
      !get_time (jwt, "auth_time", FALSE, &auth_time, error))
    return FALSE;
  if (now - leeway >= exp)
    return claim_error (error, _("The ID token has expired (claim “%s”)"), "exp");
  if (iat > now + leeway)
    return claim_error (error, _("The ID token’s “%s” claim is in the future"), "iat");
  if (nbf >= 0 && nbf > now + leeway)
    return claim_error (error, _("The ID token is not valid yet (claim “%s”)"), "nbf");

  if (!get_optional_string (jwt, "nonce", &nonce, error))
    return FALSE;
  if (expectations != NULL && expectations->nonce != NULL)
    {
      if (nonce == NULL)
        return claim_error (error, _("The ID token has no “%s” claim, but the authorization request sent one"),
                            "nonce");
      if (strlen (nonce) != strlen (expectations->nonce) ||
          !oa2_crypto_equal ((const guint8 *) nonce, (const guint8 *) expectations->nonce, strlen (nonce)))
        return claim_error (error, _("The ID token’s “%s” claim is not the one of the authorization request"),
                            "nonce");
    }

  if (expectations != NULL && expectations->max_age >= 0)
    {
      if (auth_time < 0)
        return claim_error (error, _("The ID token has no “%s” claim, but the authorization request sent max_age"),
                            "auth_time");
      if (now - auth_time > expectations->max_age + leeway)
        return claim_error (error, _("The ID token’s “%s” claim is older than the max_age of the authorization "
                                     "request"), "auth_time");
    }

  if (!check_hash (jwt, key, "at_hash", check->access_token, error) ||
      !check_hash (jwt, key, "c_hash", expectations != NULL ? expectations->code : NULL, error))
    return FALSE;

  return check_continuity (jwt, (const char * const *) audience, check, error);
}
