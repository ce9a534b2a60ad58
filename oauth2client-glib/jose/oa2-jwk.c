/* oa2-jwk.c: a JSON Web Key
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2Jwk:
 *
 * A JSON Web Key (RFC 7517): an RSA, elliptic-curve (P-256, P-384, P-521),
 * octet key pair (Ed25519, Ed448, X25519, X448) or symmetric key, with its
 * `kid`, `alg`, `use` and `key_ops`.
 *
 * Keys are validated when they are built: RSA moduli of at least 2048 bits,
 * points on their curve, private halves that match their public halves,
 * and an `alg`, when present, that fits the key. They are immutable, and
 * private material is wiped from memory when the last reference goes.
 *
 * ```c
 * g_autoptr(OA2Jwk) key = oa2_jwk_generate ("ES256", &error);
 * g_autofree char *public_json = oa2_jwk_to_json (key, FALSE);
 * ```
 *
 * ```python
 * key = OA2.Jwk.generate('ES256')
 * public_json = key.to_json(False)
 * kid = key.dup_thumbprint()
 * ```
 */

#include "config.h"

#include <string.h>

#include "oa2-base64url-private.h"
#include "oa2-crypto-jwe-private.h"
#include "oa2-crypto-pkcs11-private.h"
#include "oa2-error-private.h"
#include "oa2-i18n-private.h"
#include "oa2-json-private.h"
#include "oa2-jwk-private.h"
#include "oa2-secret-private.h"

struct _OA2Jwk
{
  GObject       parent_instance;

  OA2CryptoKey *key;
  char         *kid;
  char         *alg;
  char         *use;
  char        **key_ops;
  JsonObject   *metadata;   /* x5c, x5t, x5t#S256, x5u: public, kept for export */
};

G_DEFINE_FINAL_TYPE (OA2Jwk, oa2_jwk, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KTY,
  PROP_KID,
  PROP_ALG,
  PROP_USE,
  PROP_CRV,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static const char * const kty_names[] = {
  [OA2_KTY_RSA] = "RSA", [OA2_KTY_EC] = "EC", [OA2_KTY_OKP] = "OKP", [OA2_KTY_OCT] = "oct",
};

static const char * const metadata_members[] = { "x5c", "x5t", "x5t#S256", "x5u" };

/* RFC 7517 §4.3 defines eight key operations and forbids duplicates. A
 * longer list is refused before its values are compared with each other,
 * which would cost the square of its length. */
#define MAX_KEY_OPS 8

/* JWE key management algorithms (RFC 7518 §4) and what they need. */
typedef struct {
  const char *name;
  OA2Kty      kty;
  guint       oct_bits;   /* for AES key wrap; 0: any length */
} JweAlg;

static const JweAlg jwe_algs[] = {
  { "RSA-OAEP", OA2_KTY_RSA, 0 },
  { "RSA-OAEP-256", OA2_KTY_RSA, 0 },
  { "RSA1_5", OA2_KTY_RSA, 0 },
  { "ECDH-ES", OA2_KTY_EC, 0 },
  { "ECDH-ES+A128KW", OA2_KTY_EC, 0 },
  { "ECDH-ES+A192KW", OA2_KTY_EC, 0 },
  { "ECDH-ES+A256KW", OA2_KTY_EC, 0 },
  { "A128KW", OA2_KTY_OCT, 128 },
  { "A192KW", OA2_KTY_OCT, 192 },
  { "A256KW", OA2_KTY_OCT, 256 },
  { "dir", OA2_KTY_OCT, 0 },
};

static void
oa2_jwk_finalize (GObject *object)
{
  OA2Jwk *self = OA2_JWK (object);

  g_clear_pointer (&self->key, oa2_crypto_key_unref);
  g_free (self->kid);
  g_free (self->alg);
  g_free (self->use);
  g_strfreev (self->key_ops);
  g_clear_pointer (&self->metadata, json_object_unref);

  G_OBJECT_CLASS (oa2_jwk_parent_class)->finalize (object);
}

static void
oa2_jwk_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  OA2Jwk *self = OA2_JWK (object);

  switch (prop_id)
    {
    case PROP_KTY:
      g_value_set_string (value, oa2_jwk_get_kty (self));
      break;
    case PROP_KID:
      g_value_set_string (value, self->kid);
      break;
    case PROP_ALG:
      g_value_set_string (value, self->alg);
      break;
    case PROP_USE:
      g_value_set_string (value, self->use);
      break;
    case PROP_CRV:
      g_value_set_string (value, oa2_jwk_get_crv (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_jwk_class_init (OA2JwkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  oa2_i18n_init ();

  object_class->finalize = oa2_jwk_finalize;
  object_class->get_property = oa2_jwk_get_property;

  /**
   * OA2Jwk:kty: (getter get_kty)
   *
   * The key type: `RSA`, `EC`, `OKP` or `oct`.
   */
  properties[PROP_KTY] =
    g_param_spec_string ("kty", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Jwk:kid: (getter get_kid)
   *
   * The key identifier, or %NULL.
   */
  properties[PROP_KID] =
    g_param_spec_string ("kid", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Jwk:alg: (getter get_alg)
   *
   * The algorithm the key is meant for, or %NULL.
   */
  properties[PROP_ALG] =
    g_param_spec_string ("alg", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Jwk:use: (getter get_use)
   *
   * The intended use, `sig` or `enc`, or %NULL.
   */
  properties[PROP_USE] =
    g_param_spec_string ("use", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Jwk:crv: (getter get_crv)
   *
   * The curve of an `EC` or `OKP` key, such as `P-256` or `Ed25519`, or
   * %NULL for other key types.
   */
  properties[PROP_CRV] =
    g_param_spec_string ("crv", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
oa2_jwk_init (OA2Jwk *self)
{
}

static gboolean
invalid_key (GError     **error,
             const char  *member,
             const char  *problem)
{
  g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
               /* Translators: the first %s is a JWK member such as "n", the second says what is wrong with it */
               _("The key’s “%s” %s"), member, problem);
  return FALSE;
}

/* A base64url-encoded key parameter; absent is fine unless @required. */
static gboolean
read_param (JsonObject  *object,
            const char  *name,
            gboolean     required,
            GBytes     **out,
            GError     **error)
{
  const char *text;
  g_autoptr(GError) type_error = NULL;

  *out = NULL;
  if (!oa2_json_get_string (object, name, required, &text, &type_error))
    return invalid_key (error, name, type_error->code == OA2_ERROR_MISSING_MEMBER
                                     ? _("is missing") : _("is not a string"));
  if (text == NULL)
    return TRUE;
  *out = oa2_base64url_decode (text, -1);
  if (*out == NULL || g_bytes_get_size (*out) == 0)
    {
      g_clear_pointer (out, g_bytes_unref);
      return invalid_key (error, name, _("is not base64url without padding"));
    }
  return TRUE;
}

static OA2CryptoKey *
crypto_key_from_json (JsonObject  *object,
                      OA2Kty       kty,
                      GError     **error)
{
  g_autoptr(GBytes) a = NULL, b = NULL, d = NULL, p = NULL, q = NULL, dp = NULL, dq = NULL, qi = NULL;
  const char *crv_name;
  OA2Curve curve;
  g_autoptr(GError) type_error = NULL;

  switch (kty)
    {
    case OA2_KTY_RSA:
      if (json_object_has_member (object, "oth"))
        {
          invalid_key (error, "oth", _("(more than two primes) is not supported"));
          return NULL;
        }
      if (!read_param (object, "n", TRUE, &a, error) || !read_param (object, "e", TRUE, &b, error) ||
          !read_param (object, "d", FALSE, &d, error) || !read_param (object, "p", d != NULL, &p, error) ||
          !read_param (object, "q", d != NULL, &q, error) || !read_param (object, "dp", d != NULL, &dp, error) ||
          !read_param (object, "dq", d != NULL, &dq, error) || !read_param (object, "qi", d != NULL, &qi, error))
        return NULL;
      return oa2_crypto_key_new_rsa (a, b, d, p, q, dp, dq, qi, error);

    case OA2_KTY_EC:
    case OA2_KTY_OKP:
      if (!oa2_json_get_string (object, "crv", TRUE, &crv_name, &type_error))
        {
          invalid_key (error, "crv", type_error->code == OA2_ERROR_MISSING_MEMBER ? _("is missing")
                                                                                  : _("is not a string"));
          return NULL;
        }
      curve = oa2_curve_from_string (crv_name);
      if (curve == OA2_CURVE_NONE ||
          (kty == OA2_KTY_EC) != (curve == OA2_CURVE_P256 || curve == OA2_CURVE_P384 || curve == OA2_CURVE_P521))
        {
          invalid_key (error, "crv", _("names a curve this key type does not have"));
          return NULL;
        }
      if (!read_param (object, "x", TRUE, &a, error) ||
          (kty == OA2_KTY_EC && !read_param (object, "y", TRUE, &b, error)) ||
          !read_param (object, "d", FALSE, &d, error))
        return NULL;
      return kty == OA2_KTY_EC ? oa2_crypto_key_new_ec (curve, a, b, d, error)
                               : oa2_crypto_key_new_okp (curve, a, d, error);

    case OA2_KTY_OCT:
    default:
      if (!read_param (object, "k", TRUE, &a, error))
        return NULL;
      return oa2_crypto_key_new_oct (a, error);
    }
}

static gboolean
read_metadata (OA2Jwk      *self,
               JsonObject  *object,
               GError     **error)
{
  const char *kid, *alg, *use;
  g_autoptr(GError) type_error = NULL;
  JsonNode *ops;

  if (!oa2_json_get_string (object, "kid", FALSE, &kid, &type_error))
    return invalid_key (error, "kid", _("is not a string"));
  if (!oa2_json_get_string (object, "alg", FALSE, &alg, &type_error))
    return invalid_key (error, "alg", _("is not a string"));
  if (!oa2_json_get_string (object, "use", FALSE, &use, &type_error))
    return invalid_key (error, "use", _("is not a string"));

  ops = json_object_get_member (object, "key_ops");
  if (ops != NULL && !JSON_NODE_HOLDS_NULL (ops))
    {
      JsonArray *array = JSON_NODE_HOLDS_ARRAY (ops) ? json_node_get_array (ops) : NULL;
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

      if (array != NULL && json_array_get_length (array) > MAX_KEY_OPS)
        return invalid_key (error, "key_ops", _("lists more than the eight operations of RFC 7517"));
      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *op;

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            {
              array = NULL;
              break;
            }
          op = json_node_get_string (element);
          for (guint j = 0; j < names->len; j++)
            if (strcmp (names->pdata[j], op) == 0)
              return invalid_key (error, "key_ops", _("lists an operation twice"));
          g_ptr_array_add (names, g_strdup (op));
        }
      if (array == NULL)
        return invalid_key (error, "key_ops", _("is not an array of strings"));
      g_ptr_array_add (names, NULL);
      self->key_ops = (char **) g_ptr_array_steal (names, NULL);
    }

  self->kid = g_strdup (kid);
  self->alg = g_strdup (alg);
  self->use = g_strdup (use);

  for (guint i = 0; i < G_N_ELEMENTS (metadata_members); i++)
    {
      JsonNode *node = json_object_get_member (object, metadata_members[i]);

      if (node == NULL)
        continue;
      if (self->metadata == NULL)
        self->metadata = json_object_new ();
      json_object_set_member (self->metadata, metadata_members[i], json_node_copy (node));
    }

  if (self->alg != NULL && !oa2_jwk_check_alg (self, self->alg, error))
    return FALSE;
  return TRUE;
}

static OA2Jwk *
jwk_new (OA2CryptoKey *key)
{
  OA2Jwk *self = g_object_new (OA2_TYPE_JWK, NULL);

  self->key = key;
  return self;
}

/**
 * oa2_jwk_new_from_json_object:
 * @object: a JWK as a JSON object
 *
 * Builds a key from its JWK form (RFC 7517 §4, RFC 7518 §6, RFC 8037 §2)
 * and validates it. Multi-prime RSA keys (`oth`) are not supported, nor
 * RSA exponents longer than 33 bits. A `key_ops` list holds at most the
 * eight operations of RFC 7517, each once; values that RFC 7517 does not
 * define are kept, and allow nothing this library does.
 *
 * Returns: (transfer full): the key, or %NULL with @error set, usually to
 *   %OA2_ERROR_INVALID_KEY naming the offending member
 */
OA2Jwk *
oa2_jwk_new_from_json_object (JsonObject  *object,
                              GError     **error)
{
  g_autoptr(OA2Jwk) self = NULL;
  g_autoptr(GError) type_error = NULL;
  OA2CryptoKey *key;
  const char *kty_name;
  guint kty;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!oa2_json_get_string (object, "kty", TRUE, &kty_name, &type_error))
    {
      invalid_key (error, "kty", type_error->code == OA2_ERROR_MISSING_MEMBER ? _("is missing")
                                                                              : _("is not a string"));
      return NULL;
    }
  for (kty = 0; kty < G_N_ELEMENTS (kty_names); kty++)
    if (strcmp (kty_names[kty], kty_name) == 0)
      break;
  if (kty == G_N_ELEMENTS (kty_names))
    {
      g_autofree char *shown = oa2_error_sanitize_name (kty_name);

      g_set_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM,
                   /* Translators: %s is a JWK key type such as "RSA" */
                   _("The key type “%s” is not supported"), shown);
      return NULL;
    }

  key = crypto_key_from_json (object, (OA2Kty) kty, error);
  if (key == NULL)
    return NULL;
  self = jwk_new (key);
  if (!read_metadata (self, object, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * oa2_jwk_new_from_json:
 * @json: a JWK as JSON text
 *
 * Parses and validates a key; see [ctor@OA2.Jwk.new_from_json_object].
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 */
OA2Jwk *
oa2_jwk_new_from_json (const char  *json,
                       GError     **error)
{
  g_autoptr(JsonObject) object = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  object = oa2_json_parse_object (json, strlen (json), NULL);
  if (object == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                           _("The key is not a JSON object"));
      return NULL;
    }
  return oa2_jwk_new_from_json_object (object, error);
}

/**
 * oa2_jwk_new_from_pem:
 * @pem: a key in PEM: PKCS#1 or PKCS#8 (unencrypted) private key, SPKI
 *   public key, or an X.509 certificate (its public key)
 *
 * Imports an RSA, EC (P-256, P-384, P-521) or OKP (Ed25519, Ed448, X25519,
 * X448) key. Its `kid` is its RFC 7638 thumbprint.
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 */
OA2Jwk *
oa2_jwk_new_from_pem (const char  *pem,
                      GError     **error)
{
  OA2CryptoKey *key;
  OA2Jwk *self;

  g_return_val_if_fail (pem != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  key = oa2_crypto_key_new_from_pem ((const guint8 *) pem, strlen (pem), error);
  if (key == NULL)
    return NULL;
  self = jwk_new (key);
  self->kid = oa2_jwk_dup_thumbprint (self);
  return self;
}

/**
 * oa2_jwk_generate:
 * @alg: the algorithm the key is for: a JWS `alg` (`RS256`, `PS256`,
 *   `ES256`, `ES384`, `ES512`, `EdDSA`, `Ed25519`, `Ed448`, `HS256`…) or
 *   a JWE `alg` (`RSA-OAEP-256`, `ECDH-ES`, `A128KW`…)
 *
 * Generates a new private key for @alg from the system's CSPRNG: RSA keys
 * of 2048 bits, the curve the algorithm names (Ed25519 for `EdDSA` and
 * `Ed25519`, Ed448 for `Ed448`, P-256 for `ECDH-ES`), or a symmetric key as long as the algorithm needs. The
 * key's `alg` and `use` are set, and its `kid` is its RFC 7638 thumbprint.
 *
 * Returns: (transfer full): the key, or %NULL with @error set to
 *   %OA2_ERROR_UNSUPPORTED_ALGORITHM
 */
OA2Jwk *
oa2_jwk_generate (const char  *alg,
                  GError     **error)
{
  static const struct { const char *alg; OA2Kty kty; OA2Curve curve; guint bits; const char *use; } recipes[] = {
    { "HS256", OA2_KTY_OCT, OA2_CURVE_NONE, 256, "sig" },
    { "HS384", OA2_KTY_OCT, OA2_CURVE_NONE, 384, "sig" },
    { "HS512", OA2_KTY_OCT, OA2_CURVE_NONE, 512, "sig" },
    { "RS256", OA2_KTY_RSA, OA2_CURVE_NONE, 2048, "sig" },
    { "RS384", OA2_KTY_RSA, OA2_CURVE_NONE, 2048, "sig" },
    { "RS512", OA2_KTY_RSA, OA2_CURVE_NONE, 2048, "sig" },
    { "PS256", OA2_KTY_RSA, OA2_CURVE_NONE, 2048, "sig" },
    { "PS384", OA2_KTY_RSA, OA2_CURVE_NONE, 2048, "sig" },
    { "PS512", OA2_KTY_RSA, OA2_CURVE_NONE, 2048, "sig" },
    { "ES256", OA2_KTY_EC, OA2_CURVE_P256, 0, "sig" },
    { "ES384", OA2_KTY_EC, OA2_CURVE_P384, 0, "sig" },
    { "ES512", OA2_KTY_EC, OA2_CURVE_P521, 0, "sig" },
    { "EdDSA", OA2_KTY_OKP, OA2_CURVE_ED25519, 0, "sig" },
    { "Ed25519", OA2_KTY_OKP, OA2_CURVE_ED25519, 0, "sig" },
    { "Ed448", OA2_KTY_OKP, OA2_CURVE_ED448, 0, "sig" },
    { "RSA-OAEP", OA2_KTY_RSA, OA2_CURVE_NONE, 2048, "enc" },
    { "RSA-OAEP-256", OA2_KTY_RSA, OA2_CURVE_NONE, 2048, "enc" },
    { "ECDH-ES", OA2_KTY_EC, OA2_CURVE_P256, 0, "enc" },
    { "ECDH-ES+A128KW", OA2_KTY_EC, OA2_CURVE_P256, 0, "enc" },
    { "ECDH-ES+A192KW", OA2_KTY_EC, OA2_CURVE_P256, 0, "enc" },
    { "ECDH-ES+A256KW", OA2_KTY_EC, OA2_CURVE_P256, 0, "enc" },
    { "A128KW", OA2_KTY_OCT, OA2_CURVE_NONE, 128, "enc" },
    { "A192KW", OA2_KTY_OCT, OA2_CURVE_NONE, 192, "enc" },
    { "A256KW", OA2_KTY_OCT, OA2_CURVE_NONE, 256, "enc" },
  };
  OA2CryptoKey *key;
  OA2Jwk *self;

  g_return_val_if_fail (alg != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (recipes); i++)
    {
      if (strcmp (recipes[i].alg, alg) != 0)
        continue;
      key = oa2_crypto_key_generate (recipes[i].kty, recipes[i].curve, recipes[i].bits, error);
      if (key == NULL)
        return NULL;
      self = jwk_new (key);
      self->alg = g_strdup (alg);
      self->use = g_strdup (recipes[i].use);
      self->kid = oa2_jwk_dup_thumbprint (self);
      return self;
    }

  g_set_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM,
               /* Translators: %s is a JOSE algorithm name such as "RS256" */
               _("Cannot generate a key for the algorithm “%s”"), alg);
  return NULL;
}

OA2CryptoKey *
oa2_jwk_get_crypto_key (OA2Jwk *self)
{
  return self->key;
}

OA2Jwk *
oa2_jwk_new_for_crypto_key (OA2CryptoKey *key,
                            const char   *alg)
{
  OA2Jwk *self = jwk_new (key);

  self->alg = g_strdup (alg);
  self->kid = oa2_jwk_dup_thumbprint (self);
  return self;
}

OA2Jwk *
oa2_jwk_dup_without_kid (OA2Jwk *self)
{
  OA2Jwk *copy = jwk_new (oa2_crypto_key_ref (self->key));

  copy->alg = g_strdup (self->alg);
  copy->use = g_strdup (self->use);
  copy->key_ops = g_strdupv (self->key_ops);
  copy->metadata = self->metadata != NULL ? json_object_ref (self->metadata) : NULL;
  return copy;
}

/**
 * oa2_jwk_get_kty: (get-property kty)
 * @self: a key
 *
 * Gets the key type.
 *
 * Returns: (transfer none): `RSA`, `EC`, `OKP` or `oct`
 */
const char *
oa2_jwk_get_kty (OA2Jwk *self)
{
  g_return_val_if_fail (OA2_IS_JWK (self), NULL);

  return kty_names[oa2_crypto_key_get_kty (self->key)];
}

/**
 * oa2_jwk_get_kid: (get-property kid)
 * @self: a key
 *
 * Gets the key identifier.
 *
 * Returns: (transfer none) (nullable): the `kid`, or %NULL
 */
const char *
oa2_jwk_get_kid (OA2Jwk *self)
{
  g_return_val_if_fail (OA2_IS_JWK (self), NULL);

  return self->kid;
}

/**
 * oa2_jwk_get_alg: (get-property alg)
 * @self: a key
 *
 * Gets the algorithm the key is meant for.
 *
 * Returns: (transfer none) (nullable): the `alg`, or %NULL
 */
const char *
oa2_jwk_get_alg (OA2Jwk *self)
{
  g_return_val_if_fail (OA2_IS_JWK (self), NULL);

  return self->alg;
}

/**
 * oa2_jwk_get_use: (get-property use)
 * @self: a key
 *
 * Gets the intended use of the key.
 *
 * Returns: (transfer none) (nullable): the `use`, or %NULL
 */
const char *
oa2_jwk_get_use (OA2Jwk *self)
{
  g_return_val_if_fail (OA2_IS_JWK (self), NULL);

  return self->use;
}

/**
 * oa2_jwk_get_crv: (get-property crv)
 * @self: a key
 *
 * Gets the curve of an `EC` or `OKP` key.
 *
 * Returns: (transfer none) (nullable): the `crv`, or %NULL
 */
const char *
oa2_jwk_get_crv (OA2Jwk *self)
{
  OA2Curve curve;

  g_return_val_if_fail (OA2_IS_JWK (self), NULL);

  curve = oa2_crypto_key_get_curve (self->key);
  return curve == OA2_CURVE_NONE ? NULL : oa2_curve_to_string (curve);
}

/**
 * oa2_jwk_is_private:
 * @self: a key
 *
 * Tells whether the key has its private half (always, for a symmetric key).
 *
 * Returns: %TRUE for a private or symmetric key
 */
gboolean
oa2_jwk_is_private (OA2Jwk *self)
{
  g_return_val_if_fail (OA2_IS_JWK (self), FALSE);

  return oa2_crypto_key_is_private (self->key);
}

/**
 * oa2_jwk_get_bits:
 * @self: a key
 *
 * Gets the size of the key: the RSA modulus, the curve, or the symmetric
 * key, in bits.
 *
 * Returns: the size in bits
 */
guint
oa2_jwk_get_bits (OA2Jwk *self)
{
  g_return_val_if_fail (OA2_IS_JWK (self), 0);

  return oa2_crypto_key_get_bits (self->key);
}

/**
 * oa2_jwk_dup_public:
 * @self: a key
 *
 * Gets the public half of the key, with the same `kid`, `alg`, `use` and
 * `key_ops`.
 *
 * Returns: (transfer full) (nullable): the public key (@self again when it
 *   is public already), or %NULL for a symmetric key, which has none
 */
OA2Jwk *
oa2_jwk_dup_public (OA2Jwk *self)
{
  OA2CryptoKey *public_key;
  OA2Jwk *copy;

  g_return_val_if_fail (OA2_IS_JWK (self), NULL);

  if (oa2_crypto_key_get_kty (self->key) == OA2_KTY_OCT)
    return NULL;
  if (!oa2_crypto_key_is_private (self->key))
    return g_object_ref (self);

  public_key = oa2_crypto_key_dup_public (self->key);
  copy = jwk_new (public_key);
  copy->kid = g_strdup (self->kid);
  copy->alg = g_strdup (self->alg);
  copy->use = g_strdup (self->use);
  copy->key_ops = g_strdupv (self->key_ops);
  copy->metadata = self->metadata != NULL ? json_object_ref (self->metadata) : NULL;
  return copy;
}

/* RFC 7638 §3.2: the required members, in lexicographic order. */
static const char * const *
required_members (OA2Kty kty)
{
  static const char * const rsa[] = { "e", "kty", "n", NULL };
  static const char * const ec[] = { "crv", "kty", "x", "y", NULL };
  static const char * const okp[] = { "crv", "kty", "x", NULL };
  static const char * const oct[] = { "k", "kty", NULL };

  switch (kty)
    {
    case OA2_KTY_RSA: return rsa;
    case OA2_KTY_EC: return ec;
    case OA2_KTY_OKP: return okp;
    case OA2_KTY_OCT:
    default: return oct;
    }
}

static char *
dup_member_value (OA2Jwk     *self,
                  const char *name)
{
  g_autoptr(GBytes) param = NULL;

  if (strcmp (name, "kty") == 0)
    return g_strdup (oa2_jwk_get_kty (self));
  if (strcmp (name, "crv") == 0)
    return g_strdup (oa2_jwk_get_crv (self));
  param = oa2_crypto_key_dup_param (self->key, name);
  return param != NULL ? oa2_base64url_encode_bytes (param) : NULL;
}

/**
 * oa2_jwk_dup_thumbprint:
 * @self: a key
 *
 * Computes the key's RFC 7638 thumbprint with SHA-256: the same for a
 * private key and its public half.
 *
 * Returns: (transfer full): the thumbprint, base64url-encoded
 */
char *
oa2_jwk_dup_thumbprint (OA2Jwk *self)
{
  const char * const *members;
  char *values[4];
  gsize len = 2;
  GString *json;
  guint8 digest[32];

  g_return_val_if_fail (OA2_IS_JWK (self), NULL);

  /* An oct key's thumbprint input holds the key itself: every copy is
   * wiped, and the input is sized in advance so that it never outgrows a
   * block. Values are base64url or fixed names: nothing to escape. */
  members = required_members (oa2_crypto_key_get_kty (self->key));
  for (guint i = 0; members[i] != NULL; i++)
    {
      values[i] = dup_member_value (self, members[i]);
      len += (i > 0) + strlen (members[i]) + strlen (values[i]) + 5;
    }
  json = g_string_sized_new (len);
  g_string_append_c (json, '{');
  for (guint i = 0; members[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      g_string_append_c (json, '"');
      g_string_append (json, members[i]);
      g_string_append (json, "\":\"");
      g_string_append (json, values[i]);
      g_string_append_c (json, '"');
      oa2_secret_free (values[i]);
    }
  g_string_append_c (json, '}');
  oa2_crypto_digest (OA2_DIGEST_SHA256, (const guint8 *) json->str, json->len, digest);
  oa2_secret_wipe (json->str, json->len);
  g_string_free (json, TRUE);
  return oa2_base64url_encode (digest, sizeof digest);
}

/**
 * oa2_jwk_dup_thumbprint_uri:
 * @self: a key
 *
 * Gives the key's thumbprint as a URI (RFC 9278), such as
 * `urn:ietf:params:oauth:jwk-thumbprint:sha-256:NzbLsXh8…`.
 *
 * Returns: (transfer full): the thumbprint URI
 */
char *
oa2_jwk_dup_thumbprint_uri (OA2Jwk *self)
{
  g_autofree char *thumbprint = oa2_jwk_dup_thumbprint (self);

  return g_strconcat ("urn:ietf:params:oauth:jwk-thumbprint:sha-256:", thumbprint, NULL);
}

/**
 * oa2_jwk_to_json_object:
 * @self: a key
 * @include_private: whether to include the private members
 *
 * Exports the key as a JWK. Without @include_private, only the public
 * members are written; a symmetric key then has no `k`.
 *
 * The private half of a key held in a hardware token (see
 * [method@OA2.Jwk.is_in_token]) cannot be exported: asking for it is a
 * programming error, warned about, and only the public members are
 * written.
 *
 * **Warning:** with @include_private, the result holds the private key.
 *
 * Returns: (transfer full): the JWK
 */
JsonObject *
oa2_jwk_to_json_object (OA2Jwk   *self,
                        gboolean  include_private)
{
  static const char * const params[] = { "crv", "n", "e", "x", "y", "d", "p", "q", "dp", "dq", "qi", "k" };
  static const char * const private_params[] = { "d", "p", "q", "dp", "dq", "qi", "k" };
  JsonObject *object;

  g_return_val_if_fail (OA2_IS_JWK (self), NULL);

  if (include_private && oa2_crypto_key_is_in_token (self->key))
    {
      g_warning ("The private half of a key held in a PKCS#11 token cannot be exported; "
                 "only its public members are written");
      include_private = FALSE;
    }

  object = json_object_new ();
  json_object_set_string_member (object, "kty", oa2_jwk_get_kty (self));
  for (guint i = 0; i < G_N_ELEMENTS (params); i++)
    {
      /* json-glib keeps its own copy: this one may be a private value. */
      g_autoptr(OA2SecretText) value = NULL;

      if (!include_private && g_strv_contains (private_params, params[i]))
        continue;
      value = dup_member_value (self, params[i]);
      if (value != NULL)
        json_object_set_string_member (object, params[i], value);
    }
  if (self->kid != NULL)
    json_object_set_string_member (object, "kid", self->kid);
  if (self->use != NULL)
    json_object_set_string_member (object, "use", self->use);
  if (self->key_ops != NULL)
    {
      JsonArray *ops = json_array_new ();

      for (guint i = 0; self->key_ops[i] != NULL; i++)
        json_array_add_string_element (ops, self->key_ops[i]);
      json_object_set_array_member (object, "key_ops", ops);
    }
  if (self->alg != NULL)
    json_object_set_string_member (object, "alg", self->alg);
  if (self->metadata != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      json_object_iter_init (&iter, self->metadata);
      while (json_object_iter_next (&iter, &name, &node))
        json_object_set_member (object, name, json_node_copy (node));
    }
  return object;
}

/**
 * oa2_jwk_to_json:
 * @self: a key
 * @include_private: whether to include the private members
 *
 * Exports the key as JWK text; see [method@OA2.Jwk.to_json_object].
 *
 * Returns: (transfer full): the JWK
 */
char *
oa2_jwk_to_json (OA2Jwk   *self,
                 gboolean  include_private)
{
  g_autoptr(JsonObject) object = oa2_jwk_to_json_object (self, include_private);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  char *text = oa2_json_object_to_string (object);

  /* The object is freed here, and it may hold the private key. */
  if (include_private)
    oa2_json_wipe_strings (node);
  return text;
}

/* RFC 7517 §4.2 and §4.3: a key marked for one use, or for a list of
 * operations, is not used for anything else. */
gboolean
oa2_jwk_check_usage (OA2Jwk      *self,
                     const char  *use,
                     const char  *operation,
                     GError     **error)
{
  if (self->use != NULL && strcmp (self->use, use) != 0)
    {
      g_autofree char *shown = oa2_error_sanitize_name (self->use);

      g_set_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH,
                   /* Translators: both %s are JWK "use" values, "sig" or "enc" */
                   _("The key is for “%s”, not for “%s”"), shown, use);
      return FALSE;
    }
  if (self->key_ops != NULL && !g_strv_contains ((const char * const *) self->key_ops, operation))
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH,
                   /* Translators: %s is a JWK key operation such as "verify" */
                   _("The key’s “key_ops” do not allow “%s”"), operation);
      return FALSE;
    }
  return TRUE;
}

gboolean
oa2_jwk_check_alg (OA2Jwk      *self,
                   const char  *alg,
                   GError     **error)
{
  OA2SigAlg sig_alg = oa2_sig_alg_from_string (alg);
  OA2Kty kty = oa2_crypto_key_get_kty (self->key);
  OA2Curve curve = oa2_crypto_key_get_curve (self->key);
  g_autofree char *shown = NULL;

  if (sig_alg != OA2_SIG_INVALID)
    return oa2_crypto_key_check_alg (self->key, sig_alg, FALSE, error);

  /* A direct-encryption key may name its content encryption algorithm
   * (RFC 7520 §5.6 does): a symmetric key of exactly that size. */
  if (oa2_enc_from_string (alg) != OA2_ENC_INVALID)
    {
      if (kty == OA2_KTY_OCT && oa2_crypto_key_get_bits (self->key) == 8 * oa2_enc_key_size (oa2_enc_from_string (alg)))
        return TRUE;
      g_set_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH,
                   _("A key of type “%s” cannot be used with “%s”"), oa2_jwk_get_kty (self), alg);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (jwe_algs); i++)
    {
      gboolean fits;

      if (strcmp (jwe_algs[i].name, alg) != 0)
        continue;
      if (jwe_algs[i].kty == OA2_KTY_EC)
        fits = kty == OA2_KTY_EC || (kty == OA2_KTY_OKP && (curve == OA2_CURVE_X25519 || curve == OA2_CURVE_X448));
      else
        fits = kty == jwe_algs[i].kty &&
               (jwe_algs[i].oct_bits == 0 || oa2_crypto_key_get_bits (self->key) == jwe_algs[i].oct_bits);
      if (!fits)
        g_set_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH,
                     /* Translators: the first %s is a key type such as "RSA", the second an algorithm name */
                     _("A key of type “%s” cannot be used with “%s”"), oa2_jwk_get_kty (self), alg);
      return fits;
    }

  /* An unknown name may come from a key set: quoted safely. */
  shown = oa2_error_sanitize_name (alg);
  g_set_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM,
               /* Translators: %s is a JOSE algorithm name */
               _("The algorithm “%s” is not supported"), shown);
  return FALSE;
}

/**
 * oa2_jwk_supports_alg:
 * @self: a key
 * @alg: a JWS or JWE `alg`
 *
 * Tells whether the key can be used with @alg: the right key type, curve
 * and size (an HMAC key at least as long as the hash, an AES key-wrap key
 * of exactly the algorithm's size).
 *
 * Returns: %TRUE if it can
 */
gboolean
oa2_jwk_supports_alg (OA2Jwk     *self,
                      const char *alg)
{
  g_return_val_if_fail (OA2_IS_JWK (self), FALSE);
  g_return_val_if_fail (alg != NULL, FALSE);

  return oa2_jwk_check_alg (self, alg, NULL);
}
