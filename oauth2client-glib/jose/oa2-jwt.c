/* oa2-jwt.c: JSON Web Signatures and Tokens; the compact form, and what
 * every serialization shares (oa2-jwt-json.c has the JSON ones)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2Jwt:
 *
 * A signed JSON Web Token (RFC 7519), or any JSON Web Signature (RFC 7515),
 * parsed but not trusted until [method@OA2.Jwt.verify] succeeds.
 *
 * One `OA2Jwt` holds one signature: a token in compact serialization
 * (RFC 7515 §7.1, [ctor@OA2.Jwt.new_from_compact]), or one signature of a
 * JSON serialization (RFC 7515 §7.2, [func@OA2.Jwt.parse_json_serialization]).
 * Its JOSE header is the union of the protected header and, in a JSON
 * serialization, of the unprotected one; the header getters read that
 * union, and only [method@OA2.Jwt.get_protected_header] tells which members
 * the signature covers.
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
 *
 * ```python
 * jwt = OA2.Jwt.new_from_compact(token)
 * jwt.verify(key, ['ES256'])
 * jwt.validate_claims('https://issuer.example', 'my-client', 30)
 * print('subject:', jwt.get_string_claim('sub'))
 * ```
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "oa2-base64url-private.h"
#include "oa2-clock-private.h"
#include "oa2-error-private.h"
#include "oa2-i18n-private.h"
#include "oa2-jose-private.h"
#include "oa2-json-private.h"
#include "oa2-jwk-private.h"
#include "oa2-jwt-private.h"
#include "oa2-jwt.h"

struct _OA2Jwt
{
  GObject     parent_instance;

  char       *compact;             /* NULL when the token has no compact form */
  char       *json_signing_input;  /* the signing input when there is no compact form */
  const char *signing_input;       /* "protected.payload": in compact or json_signing_input */
  gsize       signing_input_len;
  JsonObject *header;              /* the JOSE header: protected and unprotected members */
  JsonObject *protected_header;    /* NULL when it is header (no unprotected header) */
  JsonObject *unprotected_header;  /* NULL when there is none */
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
  g_free (self->json_signing_input);
  g_clear_pointer (&self->header, json_object_unref);
  g_clear_pointer (&self->protected_header, json_object_unref);
  g_clear_pointer (&self->unprotected_header, json_object_unref);
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
  const char *alg;

  g_return_val_if_fail (compact != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!oa2_jose_split_compact (compact, 3, parts, lengths, error))
    return NULL;

  self = g_object_new (OA2_TYPE_JWT, NULL);
  self->compact = g_strndup (compact, lengths[0] + lengths[1] + lengths[2] + 2);
  self->signing_input = self->compact;
  self->signing_input_len = lengths[0] + 1 + lengths[1];

  self->header = oa2_jose_parse_json_part (compact, lengths[0], N_("header"), error);
  if (self->header == NULL || !oa2_jwt_read_alg (self->header, &alg, error))
    return NULL;
  self->alg = g_strdup (alg);
  if (!oa2_jose_check_crit (self->header, error))
    return NULL;

  if (!oa2_jwt_decode_payload (parts[1], lengths[1], &self->payload, &self->claims, error))
    return NULL;
  self->signature = oa2_jwt_decode_signature (alg, parts[2], (gssize) lengths[2], error);
  if (self->signature == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
oa2_jwt_read_alg (JsonObject  *header,
                  const char **out_alg,
                  GError     **error)
{
  g_autoptr(GError) type_error = NULL;
  const char *alg;

  if (!oa2_json_get_string (header, "alg", TRUE, &alg, &type_error))
    return oa2_jose_malformed (error, _("its header has no “alg” string"));
  if (strcmp (alg, "none") != 0 && oa2_sig_alg_from_string (alg) == OA2_SIG_INVALID)
    {
      g_autofree char *shown = oa2_error_sanitize_name (alg);

      g_set_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM,
                   /* Translators: %s is a JOSE algorithm name */
                   _("The token’s algorithm “%s” is not supported"), shown);
      return FALSE;
    }
  *out_alg = alg;
  return TRUE;
}

gboolean
oa2_jwt_decode_payload (const char  *encoded,
                        gsize        len,
                        GBytes     **out_payload,
                        JsonObject **out_claims,
                        GError     **error)
{
  g_autoptr(GBytes) payload = oa2_base64url_decode (encoded, (gssize) len);
  g_autoptr(JsonObject) claims = NULL;
  const char *data;
  gsize size;

  if (payload == NULL)
    return oa2_jose_malformed (error, _("its payload is not base64url"));
  /* A payload that looks like JSON must be a JSON object within limits;
   * any other payload is opaque bytes, as RFC 7515 allows. */
  data = g_bytes_get_data (payload, &size);
  if (size > 0 && data[0] == '{')
    {
      claims = oa2_jose_parse_json (data, size, N_("payload"), error);
      if (claims == NULL)
        return FALSE;
    }
  *out_payload = g_steal_pointer (&payload);
  *out_claims = g_steal_pointer (&claims);
  return TRUE;
}

GBytes *
oa2_jwt_decode_signature (const char  *alg,
                          const char  *encoded,
                          gssize       len,
                          GError     **error)
{
  g_autoptr(GBytes) signature = oa2_base64url_decode (encoded, len);

  if (signature == NULL)
    {
      oa2_jose_malformed (error, _("its signature is not base64url"));
      return NULL;
    }
  if (strcmp (alg, "none") == 0 && g_bytes_get_size (signature) != 0)
    {
      oa2_jose_malformed (error, _("it is unsigned but carries a signature"));
      return NULL;
    }
  return g_steal_pointer (&signature);
}

OA2Jwt *
oa2_jwt_new_from_parts (const char *protected_b64,
                        JsonObject *protected_header,
                        JsonObject *unprotected_header,
                        JsonObject *header,
                        const char *alg,
                        const char *payload_b64,
                        GBytes     *payload,
                        JsonObject *claims,
                        const char *signature_b64,
                        GBytes     *signature)
{
  OA2Jwt *self = g_object_new (OA2_TYPE_JWT, NULL);

  g_assert ((protected_b64 != NULL) == (protected_header != NULL));
  g_assert (protected_header != NULL || unprotected_header != NULL);

  if (unprotected_header == NULL)
    {
      /* The protected header is the whole header: a compact form exists. */
      g_assert (header == protected_header);
      self->compact = g_strjoin (".", protected_b64, payload_b64, signature_b64, NULL);
      self->signing_input = self->compact;
    }
  else
    {
      self->json_signing_input = g_strconcat (protected_b64 != NULL ? protected_b64 : "", ".", payload_b64, NULL);
      self->signing_input = self->json_signing_input;
      if (protected_header != NULL)
        self->protected_header = json_object_ref (protected_header);
      else
        {
          self->protected_header = json_object_new ();
          json_object_seal (self->protected_header);
        }
      self->unprotected_header = json_object_ref (unprotected_header);
    }
  self->signing_input_len = (protected_b64 != NULL ? strlen (protected_b64) : 0) + 1 + strlen (payload_b64);
  self->header = json_object_ref (header);
  self->alg = g_strdup (alg);
  self->payload = g_bytes_ref (payload);
  self->claims = claims != NULL ? json_object_ref (claims) : NULL;
  self->signature = g_bytes_ref (signature);
  return self;
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
                            (const guint8 *) self->signing_input, self->signing_input_len,
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

/* A string member of @object, or NULL. */
static const char *
header_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * oa2_jwt_check_typ:
 * @self: a token
 * @expected: the type the token must declare, such as `dpop+jwt`
 *
 * Checks the token's `typ` header, which tells tokens of different purposes
 * apart (RFC 8725 §3.11). The comparison ignores case and an
 * `application/` prefix. Only a `typ` that the signature covers counts:
 * one in the unprotected header of a JSON serialization is refused.
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
  g_autofree char *shown = NULL;

  g_return_val_if_fail (OA2_IS_JWT (self), FALSE);
  g_return_val_if_fail (expected != NULL, FALSE);

  typ = header_string (oa2_jwt_get_protected_header (self), "typ");
  if (typ != NULL && g_ascii_strcasecmp (strip_application (typ), strip_application (expected)) == 0)
    return TRUE;
  if (typ == NULL && oa2_jwt_get_typ (self) != NULL)
    {
      shown = oa2_error_sanitize_name (oa2_jwt_get_typ (self));
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM,
                   /* Translators: %s is a media type such as "dpop+jwt" */
                   _("The token’s type “%s” is in its unprotected header, which the signature does not cover"),
                   shown);
      return FALSE;
    }
  shown = oa2_error_sanitize_name (typ != NULL ? typ : "");
  g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM,
               /* Translators: both %s are media types such as "dpop+jwt" */
               _("The token is of type “%s”, not “%s”"), shown, expected);
  return FALSE;
}

/* The header members the caller adds: no "crit" (no extension is
 * implemented), protected and unprotected members disjoint, and an
 * unprotected "alg" that is the algorithm used. */
static gboolean
check_extra_headers (JsonObject  *protected_extra,
                     JsonObject  *unprotected_header,
                     const char  *alg,
                     GError     **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if ((protected_extra != NULL && json_object_has_member (protected_extra, "crit")) ||
      (unprotected_header != NULL && json_object_has_member (unprotected_header, "crit")))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The header cannot name critical extensions (“crit”): none is implemented"));
      return FALSE;
    }
  if (unprotected_header == NULL)
    return TRUE;

  json_object_iter_init (&iter, unprotected_header);
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (protected_extra != NULL && json_object_has_member (protected_extra, name))
        {
          g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                       /* Translators: %s is a JOSE header member such as "kid" */
                       _("The header member “%s” cannot be both protected and unprotected"), name);
          return FALSE;
        }
      if (strcmp (name, "alg") == 0 &&
          (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
           strcmp (json_node_get_string (node), alg) != 0))
        {
          g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                       /* Translators: %s is a JOSE algorithm name */
                       _("The unprotected header’s “alg” must be “%s”, the algorithm of the signature"), alg);
          return FALSE;
        }
    }
  return TRUE;
}

const char *
oa2_jwt_signing_alg (OA2Jwk      *key,
                     const char  *alg,
                     GError     **error)
{
  if (alg == NULL)
    alg = oa2_jwk_get_alg (key);
  if (alg == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("No algorithm was given and the key names none"));
      return NULL;
    }
  if (oa2_sig_alg_from_string (alg) == OA2_SIG_INVALID)
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
      !oa2_crypto_key_check_alg (oa2_jwk_get_crypto_key (key), oa2_sig_alg_from_string (alg), TRUE, error))
    return NULL;
  return alg;
}

gboolean
oa2_jwt_sign_parts (const char  *payload_b64,
                    OA2Jwk      *key,
                    const char  *alg,
                    JsonObject  *protected_extra,
                    JsonObject  *unprotected_header,
                    char       **out_protected_b64,
                    char       **out_signature_b64,
                    GError     **error)
{
  static const char * const reserved[] = { "alg", NULL };
  g_autoptr(JsonObject) protected_header = NULL;
  g_autoptr(GBytes) signature = NULL;
  g_autofree char *protected_b64 = NULL;
  g_autofree char *signing_input = NULL;
  OA2SigAlg sig_alg;

  alg = oa2_jwt_signing_alg (key, alg, error);
  if (alg == NULL || !check_extra_headers (protected_extra, unprotected_header, alg, error))
    return FALSE;
  sig_alg = oa2_sig_alg_from_string (alg);

  /* "alg" and "kid" first; a member the caller leaves unprotected is not
   * protected as well. */
  protected_header = oa2_jose_new_header (alg, NULL, oa2_jwk_get_kid (key), protected_extra, reserved);
  if (unprotected_header != NULL)
    {
      if (json_object_has_member (unprotected_header, "alg"))
        json_object_remove_member (protected_header, "alg");
      if (json_object_has_member (unprotected_header, "kid"))
        json_object_remove_member (protected_header, "kid");
    }
  if (json_object_get_size (protected_header) > 0)
    {
      g_autofree char *protected_json = oa2_json_object_to_string (protected_header);

      protected_b64 = oa2_base64url_encode ((const guint8 *) protected_json, strlen (protected_json));
    }

  signing_input = g_strconcat (protected_b64 != NULL ? protected_b64 : "", ".", payload_b64, NULL);
  signature = oa2_crypto_sign (oa2_jwk_get_crypto_key (key), sig_alg,
                               (const guint8 *) signing_input, strlen (signing_input), error);
  if (signature == NULL)
    return FALSE;
  *out_protected_b64 = g_steal_pointer (&protected_b64);
  *out_signature_b64 = oa2_base64url_encode_bytes (signature);
  return TRUE;
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
  g_autofree char *payload_b64 = NULL;
  g_autofree char *protected_b64 = NULL;
  g_autofree char *signature_b64 = NULL;

  g_return_val_if_fail (payload != NULL, NULL);
  g_return_val_if_fail (OA2_IS_JWK (key), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  payload_b64 = oa2_base64url_encode_bytes (payload);
  if (!oa2_jwt_sign_parts (payload_b64, key, alg, header, NULL, &protected_b64, &signature_b64, error))
    return NULL;
  /* Without an unprotected header, "alg" is protected: never empty. */
  return g_strjoin (".", protected_b64, payload_b64, signature_b64, NULL);
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
 * Gets the token's algorithm, from its JOSE header. In a JSON
 * serialization it may come from the unprotected header; verification
 * checks it against your allow-list either way.
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
 * Gets a string member of the token's JOSE header: the protected header
 * and, in a JSON serialization, the unprotected one, whose members the
 * signature does not cover (see [method@OA2.Jwt.get_protected_header]).
 *
 * Returns: (transfer none) (nullable): the value, or %NULL when absent or
 *   not a string
 */
const char *
oa2_jwt_get_header_string (OA2Jwt     *self,
                           const char *name)
{
  g_return_val_if_fail (OA2_IS_JWT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return header_string (self->header, name);
}

/**
 * oa2_jwt_get_kid:
 * @self: a token
 *
 * Gets the identifier of the key the token says it was signed with, from
 * its JOSE header (protected or, in a JSON serialization, unprotected). It
 * is a hint for choosing a key, not a claim the signature proves.
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
 * Gets the token's declared type, from its JOSE header (protected or, in a
 * JSON serialization, unprotected). [method@OA2.Jwt.check_typ] accepts only
 * a protected one.
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
 * Gets the token's JOSE header (RFC 7515 §4): the members of its protected
 * header and, for a signature of a JSON serialization, those of its
 * unprotected header, which the signature does not cover. For a token in
 * compact form it is the protected header.
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
 * oa2_jwt_get_protected_header:
 * @self: a token
 *
 * Gets the token's protected header: the members the signature covers.
 * For a token in compact form it is the whole header; for a signature of
 * a JSON serialization without a `protected` member it is empty.
 *
 * Returns: (transfer none): the protected header
 */
JsonObject *
oa2_jwt_get_protected_header (OA2Jwt *self)
{
  g_return_val_if_fail (OA2_IS_JWT (self), NULL);

  return self->protected_header != NULL ? self->protected_header : self->header;
}

/**
 * oa2_jwt_get_unprotected_header:
 * @self: a token
 *
 * Gets the unprotected header of a signature of a JSON serialization (its
 * `header` member). The signature does not cover these members: anyone
 * who handles the token can change them.
 *
 * Returns: (transfer none) (nullable): the unprotected header, or %NULL
 *   when there is none, as for a token in compact form
 */
JsonObject *
oa2_jwt_get_unprotected_header (OA2Jwt *self)
{
  g_return_val_if_fail (OA2_IS_JWT (self), NULL);

  return self->unprotected_header;
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
 * Gets the token in compact serialization: as it was parsed by
 * [ctor@OA2.Jwt.new_from_compact], or, for a signature of a JSON
 * serialization, its protected header, payload and signature joined with
 * dots. A signature with an unprotected header, or without a protected
 * one, has no compact form.
 *
 * Returns: (transfer none) (nullable): the compact serialization, or %NULL
 *   when the token has none
 */
const char *
oa2_jwt_get_compact (OA2Jwt *self)
{
  g_return_val_if_fail (OA2_IS_JWT (self), NULL);

  return self->compact;
}
