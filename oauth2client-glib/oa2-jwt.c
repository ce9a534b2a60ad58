/* oa2-jwt.c: JSON Web Signatures and Tokens in compact form
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2Jwt:
 *
 * A signed JSON Web Token (RFC 7519), or any JSON Web Signature in compact
 * serialization (RFC 7515 §7.1), parsed but not trusted until
 * [method@OA2.Jwt.verify] succeeds.
 *
 * Parsing refuses tokens larger than %OA2_JWT_MAX_SIZE, base64url that is
 * not canonical, headers that are not JSON objects or nest too deeply, and
 * `crit` extensions this library does not implement. Verification refuses
 * unsigned tokens (`alg` `none`) unless the caller lists `none` among the
 * allowed algorithms, an HMAC algorithm with a public key (and a public-key
 * algorithm with a symmetric key), and a key whose type, curve or `alg`
 * disagrees with the token.
 *
 * ```c
 * const char *algs[] = { "ES256", NULL };
 * g_autoptr(OA2Jwt) jwt = oa2_jwt_new_from_compact (token, &error);
 * if (jwt != NULL &&
 *     oa2_jwt_verify (jwt, key, algs, &error) &&
 *     oa2_jwt_validate_claims (jwt, "https://issuer.example", "my-client", 30, &error))
 *   g_print ("subject: %s\n", oa2_jwt_get_string_claim (jwt, "sub"));
 * ```
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "oa2-base64url-private.h"
#include "oa2-clock-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-jose-private.h"
#include "oa2-json-private.h"
#include "oa2-jwk-private.h"
#include "oa2-jwt.h"

struct _OA2Jwt
{
  GObject     parent_instance;

  char       *compact;
  gsize       signing_input_len;   /* "header.payload" */
  JsonObject *header;
  GBytes     *payload;
  JsonObject *claims;              /* NULL when the payload is not a JSON object */
  GBytes     *signature;
  char       *alg;
};

G_DEFINE_FINAL_TYPE (OA2Jwt, oa2_jwt, G_TYPE_OBJECT)

static void
oa2_jwt_finalize (GObject *object)
{
  OA2Jwt *self = OA2_JWT (object);

  g_free (self->compact);
  g_clear_pointer (&self->header, json_object_unref);
  g_clear_pointer (&self->payload, g_bytes_unref);
  g_clear_pointer (&self->claims, json_object_unref);
  g_clear_pointer (&self->signature, g_bytes_unref);
  g_free (self->alg);

  G_OBJECT_CLASS (oa2_jwt_parent_class)->finalize (object);
}

static void
oa2_jwt_class_init (OA2JwtClass *klass)
{
  oa2_i18n_init ();
  G_OBJECT_CLASS (klass)->finalize = oa2_jwt_finalize;
}

static void
oa2_jwt_init (OA2Jwt *self)
{
}

/**
 * oa2_jwt_new_from_compact:
 * @compact: a JWS in compact serialization: `header.payload.signature`
 *
 * Parses a token without verifying it. The claims are available when the
 * payload is a JSON object.
 *
 * Returns: (transfer full): the token, or %NULL with @error set to
 *   %OA2_ERROR_MALFORMED_TOKEN, or %OA2_ERROR_UNSUPPORTED_ALGORITHM for an
 *   `alg` this library does not implement
 */
OA2Jwt *
oa2_jwt_new_from_compact (const char  *compact,
                          GError     **error)
{
  g_autoptr(OA2Jwt) self = NULL;
  const char *parts[3];
  gsize lengths[3];
  const char *dot1, *dot2;
  gsize len;
  const char *alg;
  g_autoptr(GError) type_error = NULL;
  const char *payload_data;
  gsize payload_len;

  g_return_val_if_fail (compact != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!oa2_jose_split_compact (compact, 3, parts, lengths, error))
    return NULL;
  len = strlen (compact);
  dot1 = parts[1] - 1;
  dot2 = parts[2] - 1;

  self = g_object_new (OA2_TYPE_JWT, NULL);
  self->compact = g_strndup (compact, len);
  self->signing_input_len = (gsize) (dot2 - compact);

  self->header = oa2_jose_parse_json_part (compact, (gsize) (dot1 - compact), _("header"), error);
  if (self->header == NULL)
    return NULL;
  if (!oa2_json_get_string (self->header, "alg", TRUE, &alg, &type_error))
    {
      oa2_jose_malformed (error, _("its header has no “alg” string"));
      return NULL;
    }
  if (strcmp (alg, "none") != 0 && oa2_sig_alg_from_string (alg) == OA2_SIG_INVALID)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM,
                   /* Translators: %s is a JOSE algorithm name */
                   _("The token’s algorithm “%s” is not supported"), alg);
      return NULL;
    }
  self->alg = g_strdup (alg);
  if (!oa2_jose_check_crit (self->header, error))
    return NULL;

  self->payload = oa2_base64url_decode (dot1 + 1, dot2 - dot1 - 1);
  if (self->payload == NULL)
    {
      oa2_jose_malformed (error, _("its payload is not base64url"));
      return NULL;
    }
  /* A payload that looks like JSON must be a JSON object within limits;
   * any other payload is opaque bytes, as RFC 7515 allows. */
  payload_data = g_bytes_get_data (self->payload, &payload_len);
  if (payload_len > 0 && payload_data[0] == '{')
    {
      self->claims = oa2_jose_parse_json (payload_data, payload_len, _("payload"), error);
      if (self->claims == NULL)
        return NULL;
    }

  self->signature = oa2_base64url_decode (dot2 + 1, -1);
  if (self->signature == NULL)
    {
      oa2_jose_malformed (error, _("its signature is not base64url"));
      return NULL;
    }
  if (strcmp (alg, "none") == 0 && g_bytes_get_size (self->signature) != 0)
    {
      oa2_jose_malformed (error, _("it is unsigned but carries a signature"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

static gboolean
alg_allowed (const char          *alg,
             const char * const  *allowed_algs)
{
  return allowed_algs == NULL ? strcmp (alg, "none") != 0 : g_strv_contains (allowed_algs, alg);
}

/**
 * oa2_jwt_verify:
 * @self: a token
 * @key: (nullable): the key to verify with; %NULL only for an unsigned
 *   token that @allowed_algs explicitly allows
 * @allowed_algs: (nullable) (array zero-terminated=1): the algorithms to
 *   accept, such as `{ "RS256", "ES256", NULL }`; %NULL accepts every
 *   signing algorithm but never `none`
 *
 * Verifies the token's signature with @key. A key whose `use` is not
 * `sig`, or whose `key_ops` lack `verify`, is refused.
 *
 * Returns: %TRUE if the signature is valid; otherwise %FALSE with @error set:
 *   %OA2_ERROR_UNSECURED_TOKEN for an unsigned token not explicitly allowed,
 *   %OA2_ERROR_UNSUPPORTED_ALGORITHM for an algorithm not in @allowed_algs,
 *   %OA2_ERROR_KEY_MISMATCH when @key does not fit the algorithm,
 *   %OA2_ERROR_INVALID_SIGNATURE when the signature does not verify
 */
gboolean
oa2_jwt_verify (OA2Jwt              *self,
                OA2Jwk              *key,
                const char * const  *allowed_algs,
                GError             **error)
{
  OA2SigAlg alg;

  g_return_val_if_fail (OA2_IS_JWT (self), FALSE);
  g_return_val_if_fail (key == NULL || OA2_IS_JWK (key), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (strcmp (self->alg, "none") == 0)
    {
      if (allowed_algs != NULL && g_strv_contains (allowed_algs, "none"))
        return TRUE;
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_UNSECURED_TOKEN,
                           _("The token is not signed, and unsigned tokens are not allowed"));
      return FALSE;
    }
  if (!alg_allowed (self->alg, allowed_algs))
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM,
                   /* Translators: %s is a JOSE algorithm name */
                   _("The token is signed with “%s”, which is not allowed here"), self->alg);
      return FALSE;
    }
  if (key == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("No key was given to verify the token with"));
      return FALSE;
    }
  if (oa2_jwk_get_alg (key) != NULL && strcmp (oa2_jwk_get_alg (key), self->alg) != 0)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH,
                   /* Translators: both %s are JOSE algorithm names */
                   _("The key is for “%s” but the token is signed with “%s”"),
                   oa2_jwk_get_alg (key), self->alg);
      return FALSE;
    }

  alg = oa2_sig_alg_from_string (self->alg);
  if (!oa2_jwk_check_usage (key, "sig", "verify", error) ||
      !oa2_crypto_key_check_alg (oa2_jwk_get_crypto_key (key), alg, FALSE, error))
    return FALSE;
  return oa2_crypto_verify (oa2_jwk_get_crypto_key (key), alg,
                            (const guint8 *) self->compact, self->signing_input_len,
                            g_bytes_get_data (self->signature, NULL), g_bytes_get_size (self->signature),
                            error);
}

/**
 * oa2_jwt_verify_with_jwks:
 * @self: a token
 * @jwks: the keys of the token's issuer
 * @allowed_algs: (nullable) (array zero-terminated=1): the algorithms to
 *   accept; see [method@OA2.Jwt.verify]
 * @policy: what to do when several keys fit
 *
 * Verifies the token with the key of @jwks that it names (`kid`) or, when
 * it names none, with the one key that fits its algorithm. When several
 * keys fit, @policy decides: refuse, or try each.
 *
 * Returns: %TRUE if a key verifies the signature; otherwise %FALSE with
 *   @error set, to %OA2_ERROR_NO_MATCHING_KEY when no key (or more than one,
 *   with %OA2_JWKS_KEY_POLICY_SINGLE) fits
 */
gboolean
oa2_jwt_verify_with_jwks (OA2Jwt              *self,
                          OA2Jwks             *jwks,
                          const char * const  *allowed_algs,
                          OA2JwksKeyPolicy     policy,
                          GError             **error)
{
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GError) last_error = NULL;

  g_return_val_if_fail (OA2_IS_JWT (self), FALSE);
  g_return_val_if_fail (OA2_IS_JWKS (jwks), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Unsigned tokens and disallowed algorithms are refused before any key
   * is looked at. */
  if (strcmp (self->alg, "none") == 0 || !alg_allowed (self->alg, allowed_algs))
    return oa2_jwt_verify (self, NULL, allowed_algs, error);

  candidates = oa2_jwks_select (jwks, oa2_jwt_get_kid (self), self->alg, "sig");
  if (candidates->len == 0)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_NO_MATCHING_KEY,
                   /* Translators: %s is a JOSE algorithm name */
                   _("No key of the key set fits the token (algorithm “%s”)"), self->alg);
      return FALSE;
    }
  if (candidates->len > 1 && policy == OA2_JWKS_KEY_POLICY_SINGLE)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_NO_MATCHING_KEY,
                   /* Translators: %u is a number of keys */
                   _("%u keys of the key set fit the token, and the policy is not to guess which one signed it"),
                   candidates->len);
      return FALSE;
    }

  for (guint i = 0; i < candidates->len; i++)
    {
      g_clear_error (&last_error);
      if (oa2_jwt_verify (self, candidates->pdata[i], allowed_algs, &last_error))
        return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&last_error));
  return FALSE;
}

/* A NumericDate (RFC 7519 §2): a JSON number, possibly fractional. */
static gboolean
read_time_claim (OA2Jwt      *self,
                 const char  *name,
                 gboolean    *out_present,
                 gint64      *out_seconds,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (self->claims, name);
  double value;

  *out_present = FALSE;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    value = (double) json_node_get_int (node);
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    value = json_node_get_double (node);
  else
    value = NAN;
  if (!isfinite (value) || value < 0 || value > 253402300799.0 /* year 9999 */)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM,
                   /* Translators: %s is a claim name such as "exp" */
                   _("The claim “%s” is not a valid time"), name);
      return FALSE;
    }
  *out_present = TRUE;
  *out_seconds = (gint64) floor (value);
  return TRUE;
}

static gboolean
audience_matches (JsonNode   *aud,
                  const char *audience)
{
  if (JSON_NODE_HOLDS_VALUE (aud) && json_node_get_value_type (aud) == G_TYPE_STRING)
    return strcmp (json_node_get_string (aud), audience) == 0;
  if (JSON_NODE_HOLDS_ARRAY (aud))
    {
      JsonArray *array = json_node_get_array (aud);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING &&
              strcmp (json_node_get_string (element), audience) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

/**
 * oa2_jwt_validate_claims:
 * @self: a verified token
 * @issuer: (nullable): the `iss` the token must have, or %NULL not to check
 * @audience: (nullable): a value the token's `aud` (a string or an array)
 *   must contain, or %NULL not to check
 * @leeway_seconds: how much clock skew to tolerate
 *
 * Checks the registered claims (RFC 7519 §4.1): the token has not expired
 * (`exp`), is already valid (`nbf`), was not issued in the future (`iat`),
 * and, when asked for, comes from @issuer for @audience. Time claims are
 * checked whenever present and must be numbers.
 *
 * Returns: %TRUE if the claims pass; otherwise %FALSE with @error set to
 *   %OA2_ERROR_INVALID_CLAIM (or %OA2_ERROR_MALFORMED_TOKEN when the payload
 *   is not a JSON object)
 */
gboolean
oa2_jwt_validate_claims (OA2Jwt      *self,
                         const char  *issuer,
                         const char  *audience,
                         guint        leeway_seconds,
                         GError     **error)
{
  gint64 now = oa2_clock_now_seconds ();
  gint64 leeway = leeway_seconds;
  gboolean present;
  gint64 when;
  JsonNode *aud;

  g_return_val_if_fail (OA2_IS_JWT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->claims == NULL)
    return oa2_jose_malformed (error, _("its payload is not a JSON object of claims"));

  if (!read_time_claim (self, "exp", &present, &when, error))
    return FALSE;
  if (present && now - leeway >= when)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM, _("The token has expired"));
      return FALSE;
    }
  if (!read_time_claim (self, "nbf", &present, &when, error))
    return FALSE;
  if (present && now + leeway < when)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM, _("The token is not valid yet"));
      return FALSE;
    }
  if (!read_time_claim (self, "iat", &present, &when, error))
    return FALSE;
  if (present && now + leeway < when)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM,
                           _("The token claims to be issued in the future"));
      return FALSE;
    }

  if (issuer != NULL && g_strcmp0 (oa2_jwt_get_string_claim (self, "iss"), issuer) != 0)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM,
                   /* Translators: %s is the issuer the caller expected */
                   _("The token was not issued by “%s”"), issuer);
      return FALSE;
    }
  aud = json_object_get_member (self->claims, "aud");
  if (audience != NULL && (aud == NULL || !audience_matches (aud, audience)))
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM,
                   /* Translators: %s is the audience the caller expected */
                   _("The token is not meant for “%s”"), audience);
      return FALSE;
    }
  return TRUE;
}

/* RFC 7515 §4.1.9: "application/" may be left out, and media types
 * compare case-insensitively. */
static const char *
strip_application (const char *type)
{
  return g_ascii_strncasecmp (type, "application/", 12) == 0 ? type + 12 : type;
}

/**
 * oa2_jwt_check_typ:
 * @self: a token
 * @expected: the type the token must declare, such as `dpop+jwt`
 *
 * Checks the token's `typ` header, which tells tokens of different purposes
 * apart (RFC 8725 §3.11). The comparison ignores case and an
 * `application/` prefix.
 *
 * Returns: %TRUE if the type matches; otherwise %FALSE with @error set to
 *   %OA2_ERROR_INVALID_CLAIM
 */
gboolean
oa2_jwt_check_typ (OA2Jwt      *self,
                   const char  *expected,
                   GError     **error)
{
  const char *typ;

  g_return_val_if_fail (OA2_IS_JWT (self), FALSE);
  g_return_val_if_fail (expected != NULL, FALSE);

  typ = oa2_jwt_get_typ (self);
  if (typ != NULL && g_ascii_strcasecmp (strip_application (typ), strip_application (expected)) == 0)
    return TRUE;
  g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM,
               /* Translators: both %s are media types such as "dpop+jwt" */
               _("The token is of type “%s”, not “%s”"), typ != NULL ? typ : "", expected);
  return FALSE;
}

/**
 * oa2_jwt_sign_payload:
 * @payload: the bytes to sign
 * @key: a private or symmetric key
 * @alg: (nullable): the algorithm, or %NULL for the key's own `alg`
 * @header: (nullable): more header members, such as `typ`; they cannot
 *   replace `alg` nor name critical extensions (`crit`)
 *
 * Signs @payload into a compact JWS. The header holds `alg`, the key's
 * `kid` when it has one (unless @header gives another), and @header's
 * members.
 *
 * Returns: (transfer full): the compact JWS, or %NULL with @error set
 */
char *
oa2_jwt_sign_payload (GBytes      *payload,
                      OA2Jwk      *key,
                      const char  *alg,
                      JsonObject  *header,
                      GError     **error)
{
  g_autoptr(JsonObject) protected_header = NULL;
  g_autoptr(GBytes) signature = NULL;
  g_autofree char *header_json = NULL;
  g_autofree char *header_b64 = NULL;
  g_autofree char *payload_b64 = NULL;
  g_autofree char *signature_b64 = NULL;
  g_autofree char *signing_input = NULL;
  OA2SigAlg sig_alg;

  g_return_val_if_fail (payload != NULL, NULL);
  g_return_val_if_fail (OA2_IS_JWK (key), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (alg == NULL)
    alg = oa2_jwk_get_alg (key);
  if (alg == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("No algorithm was given and the key names none"));
      return NULL;
    }
  sig_alg = oa2_sig_alg_from_string (alg);
  if (sig_alg == OA2_SIG_INVALID)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM,
                   _("The algorithm “%s” is not supported"), alg);
      return NULL;
    }
  if (oa2_jwk_get_alg (key) != NULL && strcmp (oa2_jwk_get_alg (key), alg) != 0)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH,
                   _("The key is for “%s” but the token is signed with “%s”"), oa2_jwk_get_alg (key), alg);
      return NULL;
    }
  if (!oa2_jwk_check_usage (key, "sig", "sign", error) ||
      !oa2_crypto_key_check_alg (oa2_jwk_get_crypto_key (key), sig_alg, TRUE, error))
    return NULL;
  if (header != NULL && json_object_has_member (header, "crit"))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The header cannot name critical extensions (“crit”): none is implemented"));
      return NULL;
    }

  {
    static const char * const reserved[] = { "alg", NULL };

    protected_header = oa2_jose_new_header (alg, NULL, oa2_jwk_get_kid (key), header, reserved);
  }

  header_json = oa2_json_object_to_string (protected_header);
  header_b64 = oa2_base64url_encode ((const guint8 *) header_json, strlen (header_json));
  payload_b64 = oa2_base64url_encode_bytes (payload);
  signing_input = g_strconcat (header_b64, ".", payload_b64, NULL);
  signature = oa2_crypto_sign (oa2_jwk_get_crypto_key (key), sig_alg,
                               (const guint8 *) signing_input, strlen (signing_input), error);
  if (signature == NULL)
    return NULL;
  signature_b64 = oa2_base64url_encode_bytes (signature);
  return g_strconcat (signing_input, ".", signature_b64, NULL);
}

/**
 * oa2_jwt_sign_claims:
 * @claims: the claims
 * @key: a private or symmetric key
 * @alg: (nullable): the algorithm, or %NULL for the key's own `alg`
 * @header: (nullable): more header members, such as `typ`
 *
 * Signs a JSON Web Token; see [func@OA2.Jwt.sign_payload].
 *
 * Returns: (transfer full): the compact JWT, or %NULL with @error set
 */
char *
oa2_jwt_sign_claims (JsonObject  *claims,
                     OA2Jwk      *key,
                     const char  *alg,
                     JsonObject  *header,
                     GError     **error)
{
  g_autofree char *json = NULL;
  g_autoptr(GBytes) payload = NULL;
  gsize len;

  g_return_val_if_fail (claims != NULL, NULL);

  json = oa2_json_object_to_string (claims);
  /* strlen() first: the order in which arguments are evaluated is
   * unspecified, and the steal empties the pointer. */
  len = strlen (json);
  payload = g_bytes_new_take (g_steal_pointer (&json), len);
  return oa2_jwt_sign_payload (payload, key, alg, header, error);
}

/**
 * oa2_jwt_get_alg:
 * @self: a token
 *
 * Gets the token's algorithm.
 *
 * Returns: (transfer none): the `alg`, such as `RS256`, or `none`
 */
const char *
oa2_jwt_get_alg (OA2Jwt *self)
{
  g_return_val_if_fail (OA2_IS_JWT (self), NULL);

  return self->alg;
}

/**
 * oa2_jwt_get_header_string:
 * @self: a token
 * @name: a header member
 *
 * Gets a string member of the token's header.
 *
 * Returns: (transfer none) (nullable): the value, or %NULL when absent or
 *   not a string
 */
const char *
oa2_jwt_get_header_string (OA2Jwt     *self,
                           const char *name)
{
  JsonNode *node;

  g_return_val_if_fail (OA2_IS_JWT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  node = json_object_get_member (self->header, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * oa2_jwt_get_kid:
 * @self: a token
 *
 * Gets the identifier of the key the token says it was signed with.
 *
 * Returns: (transfer none) (nullable): the `kid`, or %NULL
 */
const char *
oa2_jwt_get_kid (OA2Jwt *self)
{
  return oa2_jwt_get_header_string (self, "kid");
}

/**
 * oa2_jwt_get_typ:
 * @self: a token
 *
 * Gets the token's declared type.
 *
 * Returns: (transfer none) (nullable): the `typ`, or %NULL
 */
const char *
oa2_jwt_get_typ (OA2Jwt *self)
{
  return oa2_jwt_get_header_string (self, "typ");
}

/**
 * oa2_jwt_get_header:
 * @self: a token
 *
 * Gets the token's protected header.
 *
 * Returns: (transfer none): the header
 */
JsonObject *
oa2_jwt_get_header (OA2Jwt *self)
{
  g_return_val_if_fail (OA2_IS_JWT (self), NULL);

  return self->header;
}

/**
 * oa2_jwt_get_payload:
 * @self: a token
 *
 * Gets the token's payload, as signed.
 *
 * Returns: (transfer none): the payload
 */
GBytes *
oa2_jwt_get_payload (OA2Jwt *self)
{
  g_return_val_if_fail (OA2_IS_JWT (self), NULL);

  return self->payload;
}

/**
 * oa2_jwt_get_claims:
 * @self: a token
 *
 * Gets the token's claims.
 *
 * Returns: (transfer none) (nullable): the claims, or %NULL when the
 *   payload is not a JSON object
 */
JsonObject *
oa2_jwt_get_claims (OA2Jwt *self)
{
  g_return_val_if_fail (OA2_IS_JWT (self), NULL);

  return self->claims;
}

/**
 * oa2_jwt_get_claim:
 * @self: a token
 * @name: a claim name
 *
 * Gets a claim.
 *
 * Returns: (transfer none) (nullable): the claim, or %NULL
 */
JsonNode *
oa2_jwt_get_claim (OA2Jwt     *self,
                   const char *name)
{
  g_return_val_if_fail (OA2_IS_JWT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return self->claims != NULL ? json_object_get_member (self->claims, name) : NULL;
}

/**
 * oa2_jwt_get_string_claim:
 * @self: a token
 * @name: a claim name
 *
 * Gets a string claim.
 *
 * Returns: (transfer none) (nullable): the value, or %NULL when absent or
 *   not a string
 */
const char *
oa2_jwt_get_string_claim (OA2Jwt     *self,
                          const char *name)
{
  JsonNode *node = oa2_jwt_get_claim (self, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * oa2_jwt_get_int_claim:
 * @self: a token
 * @name: a claim name
 * @out_value: (out) (optional): where to store the value
 *
 * Gets an integer claim.
 *
 * Returns: %TRUE if the claim is present and an integer
 */
gboolean
oa2_jwt_get_int_claim (OA2Jwt     *self,
                       const char *name,
                       gint64     *out_value)
{
  JsonNode *node = oa2_jwt_get_claim (self, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  if (out_value != NULL)
    *out_value = json_node_get_int (node);
  return TRUE;
}

/**
 * oa2_jwt_get_compact:
 * @self: a token
 *
 * Gets the token as it was parsed.
 *
 * Returns: (transfer none): the compact serialization
 */
const char *
oa2_jwt_get_compact (OA2Jwt *self)
{
  g_return_val_if_fail (OA2_IS_JWT (self), NULL);

  return self->compact;
}
