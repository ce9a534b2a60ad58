/* oa2-dpop-key.c: a key that makes DPoP proofs (RFC 9449)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2DPoPKey:
 *
 * A private key that proves possession of itself to a server (DPoP,
 * RFC 9449). Each call of [method@OA2.DPoPKey.make_proof] signs a new
 * proof: a JWT of type `dpop+jwt` whose header carries the key's public
 * JWK, and whose claims name the request (`htm`, `htu`), a random `jti`,
 * the time (`iat`) and, when given, the hash of the access token (`ath`)
 * and the server's nonce.
 *
 * Binding tokens to the key (a DPoP token type, the client's DPoP
 * settings and the nonce retry) is not in this version.
 *
 * ```c
 * g_autoptr(OA2DPoPKey) key = oa2_dpop_key_generate (NULL, &error);   // ES256
 * g_autofree char *proof =
 *   oa2_dpop_key_make_proof (key, "GET", "https://api.example.com/items",
 *                            access_token, NULL, &error);
 * ```
 *
 * ```python
 * key = OA2.DPoPKey.generate('EdDSA')
 * proof = key.make_proof('GET', 'https://api.example.com/items', access_token, None)
 * ```
 *
 * The key and its settings (not the jti and iat functions) survive
 * [method@OA2.DPoPKey.to_json] and [ctor@OA2.DPoPKey.new_from_json]; that
 * JSON holds the private key.
 */

#include "config.h"

#include <string.h>

#include "oa2-base64url-private.h"
#include "oa2-clock-private.h"
#include "oa2-crypto-private.h"
#include "oa2-dpop-key.h"
#include "oa2-error-private.h"
#include "oa2-i18n-private.h"
#include "oa2-json-private.h"
#include "oa2-jwk-private.h"
#include "oa2-jwt.h"
#include "oa2-secret-private.h"

/* RFC 9449 §4.2: "typ", and the header names of RFC 9449 §4.1 and §7.1. */
#define DEFAULT_TYP "dpop+jwt"
#define DEFAULT_PROOF_HEADER "DPoP"
#define DEFAULT_TOKEN_HEADER "Authorization"
#define DEFAULT_ALG "ES256"
/* 128 bits: far above the 96 that RFC 9449 §11.1 asks of a jti. */
#define JTI_BYTES 16

struct _OA2DPoPKey
{
  GObject parent_instance;

  OA2Jwk *signing_key;     /* the private key, without a kid */
  JsonObject *public_jwk;  /* the RFC 7638 members of its public half */
  char *alg;
  char *typ;
  char *proof_header;
  char *token_header;

  OA2DPoPJtiFunc jti_func;
  gpointer jti_data;
  GDestroyNotify jti_destroy;
  OA2DPoPIatFunc iat_func;
  gpointer iat_data;
  GDestroyNotify iat_destroy;
};

G_DEFINE_FINAL_TYPE (OA2DPoPKey, oa2_dpop_key, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ALG,
  PROP_PROOF_TYP,
  PROP_PROOF_HEADER,
  PROP_TOKEN_HEADER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wipe_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  oa2_json_wipe_strings (node);
}

static void
oa2_dpop_key_finalize (GObject *object)
{
  OA2DPoPKey *self = OA2_DPOP_KEY (object);

  oa2_dpop_key_set_jti_func (self, NULL, NULL, NULL);
  oa2_dpop_key_set_iat_func (self, NULL, NULL, NULL);
  g_clear_object (&self->signing_key);
  g_clear_pointer (&self->public_jwk, json_object_unref);
  g_free (self->alg);
  g_free (self->typ);
  g_free (self->proof_header);
  g_free (self->token_header);

  G_OBJECT_CLASS (oa2_dpop_key_parent_class)->finalize (object);
}

static void
oa2_dpop_key_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  OA2DPoPKey *self = OA2_DPOP_KEY (object);

  switch (prop_id)
    {
    case PROP_ALG:
      g_value_set_string (value, self->alg);
      break;
    case PROP_PROOF_TYP:
      g_value_set_string (value, self->typ);
      break;
    case PROP_PROOF_HEADER:
      g_value_set_string (value, self->proof_header);
      break;
    case PROP_TOKEN_HEADER:
      g_value_set_string (value, self->token_header);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_dpop_key_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  OA2DPoPKey *self = OA2_DPOP_KEY (object);

  switch (prop_id)
    {
    case PROP_PROOF_TYP:
      oa2_dpop_key_set_proof_typ (self, g_value_get_string (value));
      break;
    case PROP_PROOF_HEADER:
      oa2_dpop_key_set_proof_header (self, g_value_get_string (value));
      break;
    case PROP_TOKEN_HEADER:
      oa2_dpop_key_set_token_header (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_dpop_key_class_init (OA2DPoPKeyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = oa2_dpop_key_finalize;
  object_class->get_property = oa2_dpop_key_get_property;
  object_class->set_property = oa2_dpop_key_set_property;

  /**
   * OA2DPoPKey:alg: (getter get_alg)
   *
   * The JWS algorithm of the proofs, such as `ES256`.
   */
  properties[PROP_ALG] =
    g_param_spec_string ("alg", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * OA2DPoPKey:proof-typ: (getter get_proof_typ) (setter set_proof_typ)
   *
   * The `typ` of the proofs' header: `dpop+jwt` (RFC 9449 §4.2). Only a
   * test of a server's checks has a reason to change it.
   */
  properties[PROP_PROOF_TYP] =
    g_param_spec_string ("proof-typ", NULL, NULL, DEFAULT_TYP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2DPoPKey:proof-header: (getter get_proof_header) (setter set_proof_header)
   *
   * The name of the HTTP header that carries a proof: `DPoP`.
   */
  properties[PROP_PROOF_HEADER] =
    g_param_spec_string ("proof-header", NULL, NULL, DEFAULT_PROOF_HEADER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2DPoPKey:token-header: (getter get_token_header) (setter set_token_header)
   *
   * The name of the HTTP header that carries a DPoP-bound access token:
   * `Authorization`.
   */
  properties[PROP_TOKEN_HEADER] =
    g_param_spec_string ("token-header", NULL, NULL, DEFAULT_TOKEN_HEADER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
oa2_dpop_key_init (OA2DPoPKey *self)
{
  self->typ = g_strdup (DEFAULT_TYP);
  self->proof_header = g_strdup (DEFAULT_PROOF_HEADER);
  self->token_header = g_strdup (DEFAULT_TOKEN_HEADER);
}

/* g_set_str() is GLib 2.76. */
static gboolean
replace_string (char       **inout,
                const char  *value)
{
  if (g_strcmp0 (*inout, value) == 0)
    return FALSE;
  g_free (*inout);
  *inout = g_strdup (value);
  return TRUE;
}

/* RFC 9110 §5.6.2: a token, as header names and methods are. */
static gboolean
is_http_token (const char *text)
{
  static const char tchar_symbols[] = "!#$%&'*+-.^_`|~";

  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr (tchar_symbols, *p) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* The asymmetric JWS algorithms: the ones a DPoP proof may use (RFC 9449
 * §4.2 refuses MACs). */
static gboolean
check_proof_alg (const char  *alg,
                 GError     **error)
{
  OA2SigAlg sig_alg = oa2_sig_alg_from_string (alg);

  if (sig_alg == OA2_SIG_INVALID || sig_alg == OA2_SIG_HS256 || sig_alg == OA2_SIG_HS384 ||
      sig_alg == OA2_SIG_HS512)
    {
      g_autofree char *shown = oa2_error_sanitize_name (alg);

      g_set_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM,
                   /* Translators: %s is a JOSE algorithm name such as "HS256" */
                   _("DPoP proofs need an asymmetric signature algorithm, not “%s”"), shown);
      return FALSE;
    }
  return TRUE;
}

/* The key without its kid, so that a proof's header is typ, alg and jwk
 * alone, and the RFC 7638 members of its public half for that jwk. */
static gboolean
take_key (OA2DPoPKey  *self,
          OA2Jwk      *private_key,
          GError     **error)
{
  static const char * const public_members[] = { "kty", "crv", "x", "y", "n", "e", NULL };
  g_autoptr(JsonObject) public_object = oa2_jwk_to_json_object (private_key, FALSE);

  /* The same key material, shared (it is immutable): no JSON copy of the
   * private key, and it works for a key held in a PKCS#11 token. */
  self->signing_key = oa2_jwk_dup_without_kid (private_key);

  self->public_jwk = json_object_new ();
  for (guint i = 0; public_members[i] != NULL; i++)
    {
      if (json_object_has_member (public_object, public_members[i]))
        json_object_set_member (self->public_jwk, public_members[i],
                                json_object_dup_member (public_object, public_members[i]));
    }
  return TRUE;
}

/**
 * oa2_dpop_key_new:
 * @private_key: a private asymmetric key (RSA, EC or OKP Ed25519/Ed448)
 * @alg: (nullable): the proofs' algorithm, such as `ES256`; %NULL for the
 *   key's own `alg`
 * @error: return location for a #GError
 *
 * Wraps a private key to make DPoP proofs with. Everything that would make
 * a proof fail is refused here: a public key or a symmetric (HMAC) key
 * (%OA2_ERROR_KEY_MISMATCH), no algorithm at all
 * (%OA2_ERROR_INVALID_ARGUMENT), an algorithm that is not an asymmetric
 * signature algorithm (%OA2_ERROR_UNSUPPORTED_ALGORITHM), and one that
 * does not fit the key or differs from the key's own `alg`
 * (%OA2_ERROR_KEY_MISMATCH).
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 */
OA2DPoPKey *
oa2_dpop_key_new (OA2Jwk      *private_key,
                  const char  *alg,
                  GError     **error)
{
  g_autoptr(OA2DPoPKey) self = NULL;
  const char *key_alg;

  g_return_val_if_fail (OA2_IS_JWK (private_key), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (strcmp (oa2_jwk_get_kty (private_key), "oct") == 0)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH,
                           _("A DPoP key must be an asymmetric key, not a symmetric one"));
      return NULL;
    }
  if (!oa2_jwk_is_private (private_key))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH,
                           _("A DPoP key must be a private key"));
      return NULL;
    }

  key_alg = oa2_jwk_get_alg (private_key);
  if (alg == NULL)
    alg = key_alg;
  if (alg == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("No algorithm was given and the key names none"));
      return NULL;
    }
  if (!check_proof_alg (alg, error))
    return NULL;
  if (key_alg != NULL && strcmp (key_alg, alg) != 0)
    {
      g_autofree char *shown = oa2_error_sanitize_name (key_alg);

      g_set_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH,
                   /* Translators: both %s are JOSE algorithm names */
                   _("The key is for “%s”, not for “%s”"), shown, alg);
      return NULL;
    }
  if (!oa2_jwk_check_alg (private_key, alg, error) ||
      !oa2_jwk_check_usage (private_key, "sig", "sign", error))
    return NULL;

  self = g_object_new (OA2_TYPE_DPOP_KEY, NULL);
  self->alg = g_strdup (alg);
  if (!take_key (self, private_key, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * oa2_dpop_key_generate:
 * @alg: (nullable): the proofs' algorithm: `ES256` (the default for
 *   %NULL), `ES384`, `ES512`, `RS256`…`PS512`, `EdDSA`, `Ed25519` or
 *   `Ed448`
 * @error: return location for a #GError
 *
 * Generates a new key for @alg from the system's CSPRNG, as
 * [func@OA2.Jwk.generate] does.
 *
 * Returns: (transfer full): the key, or %NULL with @error set to
 *   %OA2_ERROR_UNSUPPORTED_ALGORITHM for a symmetric or unknown algorithm
 */
OA2DPoPKey *
oa2_dpop_key_generate (const char  *alg,
                       GError     **error)
{
  g_autoptr(OA2Jwk) key = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (alg == NULL)
    alg = DEFAULT_ALG;
  if (!check_proof_alg (alg, error))
    return NULL;
  key = oa2_jwk_generate (alg, error);
  if (key == NULL)
    return NULL;
  return oa2_dpop_key_new (key, alg, error);
}

static gboolean
read_setting (JsonObject  *object,
              const char  *name,
              gboolean     is_header,
              char       **inout_value,
              GError     **error)
{
  const char *value = NULL;

  if (!oa2_json_get_string (object, name, FALSE, &value, error))
    return FALSE;
  if (value == NULL)
    return TRUE;
  if (*value == '\0' || (is_header && !is_http_token (value)))
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
                   /* Translators: %s is a JSON member name such as "typ" */
                   _("The DPoP key’s “%s” is not valid"), name);
      return FALSE;
    }
  replace_string (inout_value, value);
  return TRUE;
}

/**
 * oa2_dpop_key_new_from_json:
 * @json: what [method@OA2.DPoPKey.to_json] made
 * @error: return location for a #GError
 *
 * Restores a key and its settings.
 *
 * Returns: (transfer full): the key, or %NULL with @error set: an
 *   %OA2_ERROR domain code for JSON that is not a DPoP key, or any error
 *   of [ctor@OA2.DPoPKey.new]
 */
OA2DPoPKey *
oa2_dpop_key_new_from_json (const char  *json,
                            GError     **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(OA2Jwk) private_key = NULL;
  g_autoptr(OA2DPoPKey) self = NULL;
  const char *alg = NULL;
  JsonNode *jwk;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = oa2_json_parse_object (json, strlen (json), error);
  if (object == NULL)
    return NULL;
  jwk = json_object_get_member (object, "jwk");
  if (jwk == NULL || !JSON_NODE_HOLDS_OBJECT (jwk))
    {
      wipe_object (object);
      g_set_error (error, OA2_ERROR, OA2_ERROR_MISSING_MEMBER,
                   /* Translators: %s is a JSON member name */
                   _("The DPoP key has no “%s” object"), "jwk");
      return NULL;
    }
  private_key = oa2_jwk_new_from_json_object (json_node_get_object (jwk), error);
  if (private_key == NULL || !oa2_json_get_string (object, "alg", TRUE, &alg, error))
    {
      wipe_object (object);
      return NULL;
    }
  self = oa2_dpop_key_new (private_key, alg, error);
  if (self == NULL ||
      !read_setting (object, "typ", FALSE, &self->typ, error) ||
      !read_setting (object, "proof_header", TRUE, &self->proof_header, error) ||
      !read_setting (object, "token_header", TRUE, &self->token_header, error))
    {
      wipe_object (object);
      return NULL;
    }
  wipe_object (object);
  return g_steal_pointer (&self);
}

/**
 * oa2_dpop_key_to_json:
 * @self: a key
 *
 * Serializes the key for storage: the private JWK (`jwk`), `alg`, `typ`,
 * `proof_header` and `token_header`. The result holds the private key:
 * keep it where only its owner can read it, and wipe it after use. The
 * jti and iat functions are not part of it.
 *
 * A key held in a PKCS#11 token ([method@OA2.Jwk.is_in_token]) cannot be
 * stored this way, since its private half cannot leave the token: keep its
 * `pkcs11:` URI and open it again instead.
 *
 * Returns: (transfer full): a JSON object
 */
char *
oa2_dpop_key_to_json (OA2DPoPKey *self)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  char *json;

  g_return_val_if_fail (OA2_IS_DPOP_KEY (self), NULL);

  json_object_set_object_member (object, "jwk", oa2_jwk_to_json_object (self->signing_key, TRUE));
  json_object_set_string_member (object, "alg", self->alg);
  json_object_set_string_member (object, "typ", self->typ);
  json_object_set_string_member (object, "proof_header", self->proof_header);
  json_object_set_string_member (object, "token_header", self->token_header);
  node = json_node_init_object (json_node_alloc (), object);
  json = oa2_json_to_string (node);
  oa2_json_wipe_strings (node);
  return json;
}

/**
 * oa2_dpop_key_get_alg: (get-property alg)
 * @self: a key
 *
 * Gets the algorithm of the proofs.
 *
 * Returns: (transfer none): a JWS `alg`
 */
const char *
oa2_dpop_key_get_alg (OA2DPoPKey *self)
{
  g_return_val_if_fail (OA2_IS_DPOP_KEY (self), NULL);

  return self->alg;
}

/**
 * oa2_dpop_key_dup_public_jwk:
 * @self: a key
 *
 * Gets the public half of the key as it appears in a proof's `jwk` header:
 * its RFC 7638 members alone.
 *
 * Returns: (transfer full): the public key
 */
OA2Jwk *
oa2_dpop_key_dup_public_jwk (OA2DPoPKey *self)
{
  g_autoptr(GError) error = NULL;
  OA2Jwk *key;

  g_return_val_if_fail (OA2_IS_DPOP_KEY (self), NULL);

  key = oa2_jwk_new_from_json_object (self->public_jwk, &error);
  g_assert_no_error (error);
  return key;
}

/**
 * oa2_dpop_key_dup_thumbprint:
 * @self: a key
 *
 * Computes the key's RFC 7638 thumbprint, the `jkt` of RFC 9449: a token
 * bound to the key names it in `cnf.jkt`, and an authorization request
 * sends it as `dpop_jkt`.
 *
 * Returns: (transfer full): the base64url SHA-256 thumbprint
 */
char *
oa2_dpop_key_dup_thumbprint (OA2DPoPKey *self)
{
  g_return_val_if_fail (OA2_IS_DPOP_KEY (self), NULL);

  return oa2_jwk_dup_thumbprint (self->signing_key);
}

/**
 * oa2_dpop_key_get_proof_typ: (get-property proof-typ)
 * @self: a key
 *
 * Gets the `typ` of the proofs.
 *
 * Returns: (transfer none): the `typ` of the proofs
 */
const char *
oa2_dpop_key_get_proof_typ (OA2DPoPKey *self)
{
  g_return_val_if_fail (OA2_IS_DPOP_KEY (self), NULL);

  return self->typ;
}

/**
 * oa2_dpop_key_set_proof_typ: (set-property proof-typ)
 * @self: a key
 * @typ: (nullable): the `typ` of the proofs; %NULL for `dpop+jwt`
 *
 * Changes the `typ` of the proofs, to test a server's checks.
 */
void
oa2_dpop_key_set_proof_typ (OA2DPoPKey *self,
                            const char *typ)
{
  g_return_if_fail (OA2_IS_DPOP_KEY (self));
  g_return_if_fail (typ == NULL || *typ != '\0');

  if (typ == NULL)
    typ = DEFAULT_TYP;
  if (replace_string (&self->typ, typ))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROOF_TYP]);
}

/**
 * oa2_dpop_key_get_proof_header: (get-property proof-header)
 * @self: a key
 *
 * Gets the name of the header that carries a proof.
 *
 * Returns: (transfer none): the name of the header that carries a proof
 */
const char *
oa2_dpop_key_get_proof_header (OA2DPoPKey *self)
{
  g_return_val_if_fail (OA2_IS_DPOP_KEY (self), NULL);

  return self->proof_header;
}

/**
 * oa2_dpop_key_set_proof_header: (set-property proof-header)
 * @self: a key
 * @name: (nullable): an HTTP header name; %NULL for `DPoP`
 *
 * Changes the name of the header that carries a proof.
 */
void
oa2_dpop_key_set_proof_header (OA2DPoPKey *self,
                               const char *name)
{
  g_return_if_fail (OA2_IS_DPOP_KEY (self));
  g_return_if_fail (name == NULL || is_http_token (name));

  if (name == NULL)
    name = DEFAULT_PROOF_HEADER;
  if (replace_string (&self->proof_header, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROOF_HEADER]);
}

/**
 * oa2_dpop_key_get_token_header: (get-property token-header)
 * @self: a key
 *
 * Gets the name of the header that carries a DPoP-bound token.
 *
 * Returns: (transfer none): the name of the header that carries the token
 */
const char *
oa2_dpop_key_get_token_header (OA2DPoPKey *self)
{
  g_return_val_if_fail (OA2_IS_DPOP_KEY (self), NULL);

  return self->token_header;
}

/**
 * oa2_dpop_key_set_token_header: (set-property token-header)
 * @self: a key
 * @name: (nullable): an HTTP header name; %NULL for `Authorization`
 *
 * Changes the name of the header that carries a DPoP-bound access token.
 */
void
oa2_dpop_key_set_token_header (OA2DPoPKey *self,
                               const char *name)
{
  g_return_if_fail (OA2_IS_DPOP_KEY (self));
  g_return_if_fail (name == NULL || is_http_token (name));

  if (name == NULL)
    name = DEFAULT_TOKEN_HEADER;
  if (replace_string (&self->token_header, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN_HEADER]);
}

/**
 * oa2_dpop_key_set_jti_func:
 * @self: a key
 * @func: (nullable) (scope notified) (closure user_data) (destroy destroy):
 *   makes each proof's `jti`; %NULL for 128 random bits from the CSPRNG
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data when @func is replaced or the key
 *   is finalized
 *
 * Replaces the random `jti` of the proofs, for tests of a server.
 */
void
oa2_dpop_key_set_jti_func (OA2DPoPKey     *self,
                           OA2DPoPJtiFunc  func,
                           gpointer        user_data,
                           GDestroyNotify  destroy)
{
  GDestroyNotify old_destroy;
  gpointer old_data;

  g_return_if_fail (OA2_IS_DPOP_KEY (self));

  old_destroy = self->jti_destroy;
  old_data = self->jti_data;
  self->jti_func = func;
  self->jti_data = user_data;
  self->jti_destroy = destroy;
  if (old_destroy != NULL)
    old_destroy (old_data);
}

/**
 * oa2_dpop_key_set_iat_func:
 * @self: a key
 * @func: (nullable) (scope notified) (closure user_data) (destroy destroy):
 *   gives each proof's `iat`; %NULL for the current time
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data when @func is replaced or the key
 *   is finalized
 *
 * Replaces the clock of the proofs, for tests with a frozen clock.
 */
void
oa2_dpop_key_set_iat_func (OA2DPoPKey     *self,
                           OA2DPoPIatFunc  func,
                           gpointer        user_data,
                           GDestroyNotify  destroy)
{
  GDestroyNotify old_destroy;
  gpointer old_data;

  g_return_if_fail (OA2_IS_DPOP_KEY (self));

  old_destroy = self->iat_destroy;
  old_data = self->iat_data;
  self->iat_func = func;
  self->iat_data = user_data;
  self->iat_destroy = destroy;
  if (old_destroy != NULL)
    old_destroy (old_data);
}

/* RFC 9449 §4.3: the target URI without query and fragment, normalized as
 * RFC 3986 §6.2.2 and §6.2.3 say: GUri lowers the scheme, drops a default
 * port, makes an empty path "/", removes dot segments and normalizes
 * percent-encoding; the host is lowered here, and user information left
 * out, as it is no part of an HTTP target URI (RFC 9110 §4.2.4). */
static char *
normalize_htu (const char  *uri,
               GError     **error)
{
  g_autoptr(GUri) parsed = NULL;
  g_autofree char *host = NULL;
  const char *scheme;

  parsed = g_uri_parse (uri, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED_PATH | G_URI_FLAGS_ENCODED_QUERY |
                        G_URI_FLAGS_ENCODED_FRAGMENT | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  scheme = parsed != NULL ? g_uri_get_scheme (parsed) : NULL;
  if (parsed == NULL || (strcmp (scheme, "https") != 0 && strcmp (scheme, "http") != 0) ||
      g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0')
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("A DPoP proof needs an absolute http or https URI"));
      return NULL;
    }
  host = g_ascii_strdown (g_uri_get_host (parsed), -1);
  return g_uri_join (G_URI_FLAGS_ENCODED_PATH | G_URI_FLAGS_SCHEME_NORMALIZE, scheme, NULL, host,
                     g_uri_get_port (parsed), g_uri_get_path (parsed), NULL, NULL);
}

/* RFC 9449 §8.1: NQCHAR, %x21 / %x23-5B / %x5D-7E. */
static gboolean
is_nonce (const char *nonce)
{
  if (*nonce == '\0')
    return FALSE;
  for (const guchar *p = (const guchar *) nonce; *p != '\0'; p++)
    {
      if (*p < 0x21 || *p > 0x7e || *p == '"' || *p == '\\')
        return FALSE;
    }
  return TRUE;
}

static char *
make_jti (OA2DPoPKey *self)
{
  guint8 random[JTI_BYTES];

  if (self->jti_func != NULL)
    return self->jti_func (self->jti_data);
  oa2_crypto_random (random, sizeof random);
  return oa2_base64url_encode (random, sizeof random);
}

/**
 * oa2_dpop_key_make_proof:
 * @self: a key
 * @method: the request's HTTP method, such as `POST`
 * @uri: the request's URI; its query and fragment are left out
 * @access_token: (nullable): the access token the request presents, for
 *   the `ath` claim
 * @nonce: (nullable): the server's latest `DPoP-Nonce`
 * @error: return location for a #GError
 *
 * Signs a new DPoP proof for one request (RFC 9449 §4.2): the header is
 * `typ` (`dpop+jwt`), `alg` and `jwk` (the public key); the claims are a
 * fresh `jti`, `htm` (@method), `htu` (@uri without query and fragment,
 * normalized), `iat`, then `ath` (the base64url SHA-256 of @access_token)
 * and `nonce` when given. A proof is a credential for its request: send it
 * once and never log it.
 *
 * Returns: (transfer full): the proof, a compact JWS; or %NULL with @error
 *   set to %OA2_ERROR_INVALID_ARGUMENT for a method that is no HTTP token,
 *   a URI that is not absolute http or https, a nonce outside RFC 9449's
 *   characters, or an empty jti from the jti function
 */
char *
oa2_dpop_key_make_proof (OA2DPoPKey  *self,
                         const char  *method,
                         const char  *uri,
                         const char  *access_token,
                         const char  *nonce,
                         GError     **error)
{
  g_autoptr(JsonObject) header = NULL;
  g_autoptr(JsonObject) claims = NULL;
  g_autofree char *htu = NULL;
  g_autofree char *jti = NULL;

  g_return_val_if_fail (OA2_IS_DPOP_KEY (self), NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!is_http_token (method))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The HTTP method of a DPoP proof is not a valid method name"));
      return NULL;
    }
  if (nonce != NULL && !is_nonce (nonce))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The DPoP nonce has characters that RFC 9449 does not allow"));
      return NULL;
    }
  htu = normalize_htu (uri, error);
  if (htu == NULL)
    return NULL;
  jti = make_jti (self);
  if (jti == NULL || *jti == '\0')
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The jti function gave no identifier"));
      return NULL;
    }

  header = json_object_new ();
  json_object_set_string_member (header, "typ", self->typ);
  json_object_set_object_member (header, "jwk", json_object_ref (self->public_jwk));

  claims = json_object_new ();
  json_object_set_string_member (claims, "jti", jti);
  json_object_set_string_member (claims, "htm", method);
  json_object_set_string_member (claims, "htu", htu);
  json_object_set_int_member (claims, "iat",
                              self->iat_func != NULL ? self->iat_func (self->iat_data) : oa2_clock_now_seconds ());
  if (access_token != NULL)
    {
      guint8 digest[32];
      g_autofree char *ath = NULL;

      oa2_crypto_digest (OA2_DIGEST_SHA256, (const guint8 *) access_token, strlen (access_token), digest);
      ath = oa2_base64url_encode (digest, sizeof digest);
      json_object_set_string_member (claims, "ath", ath);
    }
  if (nonce != NULL)
    json_object_set_string_member (claims, "nonce", nonce);

  return oa2_jwt_sign_claims (claims, self->signing_key, self->alg, header, error);
}
