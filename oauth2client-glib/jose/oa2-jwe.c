/* oa2-jwe.c: JSON Web Encryption in compact form
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Key management (RFC 7518 §4) on top of the primitives of
 * oa2-crypto-jwe.c: direct keys, AES key wrap, RSA-OAEP, ECDH-ES with and
 * without key wrap, and RSA1_5 decryption only when the caller lists it.
 */

#include "config.h"

#include <string.h>

#include "oa2-base64url-private.h"
#include "oa2-crypto-jwe-private.h"
#include "oa2-crypto-pkcs11-private.h"
#include "oa2-error-private.h"
#include "oa2-i18n-private.h"
#include "oa2-jose-private.h"
#include "oa2-json-private.h"
#include "oa2-jwe.h"
#include "oa2-jwk-private.h"
#include "oa2-secret-private.h"

static GBytes *random_bytes (gsize len);

typedef enum {
  MODE_DIRECT,
  MODE_KEY_WRAP,
  MODE_RSA_OAEP,
  MODE_RSA1_5,
  MODE_ECDH_DIRECT,
  MODE_ECDH_KEY_WRAP,
} Mode;

typedef struct {
  const char *name;
  Mode        mode;
  gsize       kek_len;    /* AES key wrap key, for KW modes */
  OA2Digest   digest;     /* for RSA-OAEP */
} KeyManagement;

static const KeyManagement key_managements[] = {
  { "dir", MODE_DIRECT, 0, 0 },
  { "A128KW", MODE_KEY_WRAP, 16, 0 },
  { "A192KW", MODE_KEY_WRAP, 24, 0 },
  { "A256KW", MODE_KEY_WRAP, 32, 0 },
  { "RSA-OAEP", MODE_RSA_OAEP, 0, OA2_DIGEST_SHA1 },
  { "RSA-OAEP-256", MODE_RSA_OAEP, 0, OA2_DIGEST_SHA256 },
  { "RSA1_5", MODE_RSA1_5, 0, 0 },
  { "ECDH-ES", MODE_ECDH_DIRECT, 0, 0 },
  { "ECDH-ES+A128KW", MODE_ECDH_KEY_WRAP, 16, 0 },
  { "ECDH-ES+A192KW", MODE_ECDH_KEY_WRAP, 24, 0 },
  { "ECDH-ES+A256KW", MODE_ECDH_KEY_WRAP, 32, 0 },
};

static const KeyManagement *
find_key_management (const char  *alg,
                     GError     **error)
{
  g_autofree char *shown = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (key_managements); i++)
    if (strcmp (key_managements[i].name, alg) == 0)
      return &key_managements[i];
  shown = oa2_error_sanitize_name (alg);
  g_set_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM,
               /* Translators: %s is a JWE algorithm name */
               _("The key management algorithm “%s” is not supported"), shown);
  return NULL;
}

/* The JWK key_ops value (RFC 7517 §4.3) that a key management mode
 * performs with the recipient's key. */
static const char *
key_operation (const KeyManagement *km,
               gboolean             encrypting)
{
  switch (km->mode)
    {
    case MODE_DIRECT:
      return encrypting ? "encrypt" : "decrypt";
    case MODE_KEY_WRAP:
    case MODE_RSA_OAEP:
    case MODE_RSA1_5:
      return encrypting ? "wrapKey" : "unwrapKey";
    case MODE_ECDH_DIRECT:
    case MODE_ECDH_KEY_WRAP:
    default:
      return "deriveKey";
    }
}

/* The key must fit the algorithm and be meant for it: its own "alg", when
 * it has one, is the token's key management algorithm (or, for a direct
 * key, its content encryption algorithm). */
static gboolean
check_key (OA2Jwk               *key,
           const KeyManagement  *km,
           const char           *alg,
           const char           *enc_name,
           gboolean              encrypting,
           GError              **error)
{
  const char *key_alg = oa2_jwk_get_alg (key);

  if (key_alg != NULL && strcmp (key_alg, alg) != 0 &&
      !(km->mode == MODE_DIRECT && strcmp (key_alg, enc_name) == 0))
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH,
                   /* Translators: both %s are JOSE algorithm names */
                   _("The key is for “%s” but the token uses “%s”"), key_alg, alg);
      return FALSE;
    }
  if (km->mode == MODE_DIRECT && key_alg != NULL && strcmp (key_alg, enc_name) == 0)
    return oa2_jwk_check_usage (key, "enc", key_operation (km, encrypting), error);
  return oa2_jwk_check_alg (key, alg, error) &&
         oa2_jwk_check_usage (key, "enc", key_operation (km, encrypting), error);
}

static gboolean
not_allowed (GError     **error,
             const char  *what)
{
  g_autofree char *shown = oa2_error_sanitize_name (what);

  g_set_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM,
               /* Translators: %s is a JWE algorithm name */
               _("The token uses “%s”, which is not allowed here"), shown);
  return FALSE;
}

/* The ECDH-ES shared secret of one side's private key and the other's
 * public key, on the same curve. */
static GBytes *
shared_secret (OA2CryptoKey  *private_key,
               OA2CryptoKey  *public_key,
               GError       **error)
{
  OA2Curve curve = oa2_crypto_key_get_curve (private_key);

  if (oa2_crypto_key_get_curve (public_key) != curve ||
      oa2_crypto_key_get_kty (public_key) != oa2_crypto_key_get_kty (private_key))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH,
                           _("The ephemeral key is not on the recipient key’s curve"));
      return NULL;
    }
  if (curve == OA2_CURVE_X25519 || curve == OA2_CURVE_X448)
    {
      g_autoptr(GBytes) d = oa2_crypto_key_dup_param (private_key, "d");
      g_autoptr(GBytes) x = oa2_crypto_key_dup_param (public_key, "x");

      return curve == OA2_CURVE_X25519 ? oa2_jwe_ecdh_x25519 (d, x, error) : oa2_jwe_ecdh_x448 (d, x, error);
    }
  return oa2_jwe_ecdh_nist (oa2_crypto_key_get_ec_private (private_key),
                            oa2_crypto_key_get_ec_public (public_key), error);
}

/* RFC 7518 §4.6.1.1: the ephemeral public key, read from its "kty", "crv",
 * "x" and "y" alone. Other members are left unread: "kid", "use" or a
 * "key_ops" list of any length mean nothing here, and reading them as a
 * JWK's would let an unauthenticated header spend our time. A private "d"
 * is refused, never read. */
static OA2Jwk *
read_epk (JsonObject  *header,
          GError     **error)
{
  static const char * const members[] = { "kty", "crv", "x", "y" };
  JsonNode *node = json_object_get_member (header, "epk");
  g_autoptr(JsonObject) public_members = NULL;
  JsonObject *epk;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      oa2_jose_malformed (error, _("it has no ephemeral public key (“epk”)"));
      return NULL;
    }
  epk = json_node_get_object (node);
  if (json_object_has_member (epk, "d"))
    {
      oa2_jose_malformed (error, _("its ephemeral key is not a public key"));
      return NULL;
    }
  public_members = json_object_new ();
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      JsonNode *member = json_object_get_member (epk, members[i]);

      if (member != NULL)
        json_object_set_member (public_members, members[i], json_node_copy (member));
    }
  return oa2_jwk_new_from_json_object (public_members, error);
}

/* apu and apv are base64url in the header and raw in the KDF. */
static gboolean
read_party_info (JsonObject  *header,
                 const char  *name,
                 GBytes     **out,
                 GError     **error)
{
  const char *text;
  g_autoptr(GError) type_error = NULL;

  *out = NULL;
  if (!oa2_json_get_string (header, name, FALSE, &text, &type_error))
    return oa2_jose_malformed (error, type_error->message);
  if (text == NULL)
    return TRUE;
  *out = oa2_base64url_decode (text, -1);
  if (*out == NULL)
    {
      /* Translators: %s is a JWE header member such as "apu" */
      g_autofree char *why = g_strdup_printf (_("its “%s” is not base64url"), name);
      return oa2_jose_malformed (error, why);
    }
  return TRUE;
}

static GBytes *
derive_key (GBytes      *z,
            const char  *alg_id,
            gsize        len,
            JsonObject  *header,
            GError     **error)
{
  g_autoptr(GBytes) apu = NULL;
  g_autoptr(GBytes) apv = NULL;

  if (!read_party_info (header, "apu", &apu, error) || !read_party_info (header, "apv", &apv, error))
    return NULL;
  return oa2_jwe_concat_kdf (z, alg_id, len, apu, apv);
}

static GBytes *
decrypt_cek (const KeyManagement  *km,
             OA2Jwk               *key,
             const char           *enc_name,
             OA2Enc                enc,
             JsonObject           *header,
             GBytes               *encrypted_key,
             GError              **error)
{
  OA2CryptoKey *crypto = oa2_jwk_get_crypto_key (key);
  gboolean direct = km->mode == MODE_DIRECT || km->mode == MODE_ECDH_DIRECT;
  g_autoptr(GBytes) kek = NULL;
  g_autoptr(GBytes) z = NULL;
  g_autoptr(OA2Jwk) epk = NULL;

  if (direct != (g_bytes_get_size (encrypted_key) == 0))
    {
      oa2_jose_malformed (error, direct ? _("it carries an encrypted key with direct key agreement")
                                        : _("its encrypted key is empty"));
      return NULL;
    }
  if (km->mode != MODE_DIRECT && km->mode != MODE_KEY_WRAP && !oa2_jwk_is_private (key))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH,
                           _("Decrypting needs the private key"));
      return NULL;
    }
  /* Key agreement and RSA decryption are not done in a token: its private
   * half cannot be reached here, and GnuTLS offers no JWE unwrapping. */
  if (oa2_crypto_key_is_in_token (crypto))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH,
                           _("A key held in a PKCS#11 token signs only; it cannot decrypt"));
      return NULL;
    }

  switch (km->mode)
    {
    case MODE_DIRECT:
      {
        g_autoptr(GBytes) k = oa2_crypto_key_dup_param (crypto, "k");

        if (g_bytes_get_size (k) != oa2_enc_key_size (enc))
          {
            g_set_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH,
                         /* Translators: %s is a JWE content encryption algorithm */
                         _("The key is not the size that “%s” needs"), enc_name);
            return NULL;
          }
        return g_steal_pointer (&k);
      }
    case MODE_KEY_WRAP:
      kek = oa2_crypto_key_dup_param (crypto, "k");
      return oa2_jwe_aes_key_unwrap (kek, encrypted_key, error);
    case MODE_RSA_OAEP:
      return oa2_jwe_rsa_oaep_decrypt (oa2_crypto_key_get_rsa_public (crypto),
                                       oa2_crypto_key_get_rsa_private (crypto),
                                       km->digest, encrypted_key, error);
    case MODE_RSA1_5:
      return oa2_jwe_rsa1_5_decrypt (oa2_crypto_key_get_rsa_public (crypto),
                                     oa2_crypto_key_get_rsa_private (crypto),
                                     encrypted_key, oa2_enc_key_size (enc), error);
    case MODE_ECDH_DIRECT:
    case MODE_ECDH_KEY_WRAP:
    default:
      epk = read_epk (header, error);
      if (epk == NULL)
        return NULL;
      z = shared_secret (crypto, oa2_jwk_get_crypto_key (epk), error);
      if (z == NULL)
        return NULL;
      if (km->mode == MODE_ECDH_DIRECT)
        return derive_key (z, enc_name, oa2_enc_key_size (enc), header, error);
      kek = derive_key (z, km->name, km->kek_len, header, error);
      return kek != NULL ? oa2_jwe_aes_key_unwrap (kek, encrypted_key, error) : NULL;
    }
}

static gboolean
read_part (const char  *part,
           gsize        len,
           const char  *what,
           GBytes     **out,
           GError     **error)
{
  *out = oa2_base64url_decode (part, (gssize) len);
  if (*out == NULL)
    {
      /* Translators: %s is a part of a token, such as "initialization vector" */
      g_autofree char *why = g_strdup_printf (_("its %s is not base64url"), what);
      return oa2_jose_malformed (error, why);
    }
  return TRUE;
}

/**
 * oa2_jwe_decrypt:
 * @compact: a JWE in compact serialization (five parts)
 * @key: the recipient's key: private for RSA and ECDH-ES, symmetric for
 *   `dir` and AES key wrap
 * @allowed_algs: (nullable) (array zero-terminated=1): the key management
 *   algorithms to accept; %NULL accepts all but `RSA1_5`, which is only
 *   accepted when listed, because its padding invites oracle attacks
 * @allowed_encs: (nullable) (array zero-terminated=1): the content
 *   encryption algorithms to accept; %NULL accepts all
 * @out_header: (out) (optional) (transfer full): the protected header
 *
 * Decrypts a JWE (RFC 7516). Supported: `alg` `dir`, `A128KW`, `A192KW`,
 * `A256KW`, `RSA-OAEP`, `RSA-OAEP-256`, `ECDH-ES` and `ECDH-ES+A*KW` (P-256,
 * P-384, P-521, X25519, X448), and `RSA1_5` on request; `enc` `A128GCM`,
 * `A192GCM`, `A256GCM`, `A128CBC-HS256`, `A192CBC-HS384`, `A256CBC-HS512`.
 * Compressed content (`zip`) is not supported.
 *
 * Returns: (transfer full): the plaintext, or %NULL with @error set:
 *   %OA2_ERROR_DECRYPTION_FAILED when the key is wrong or the token was
 *   tampered with, %OA2_ERROR_MALFORMED_TOKEN,
 *   %OA2_ERROR_UNSUPPORTED_ALGORITHM or %OA2_ERROR_KEY_MISMATCH
 */
GBytes *
oa2_jwe_decrypt (const char          *compact,
                 OA2Jwk              *key,
                 const char * const  *allowed_algs,
                 const char * const  *allowed_encs,
                 JsonObject         **out_header,
                 GError             **error)
{
  const char *parts[5];
  gsize lengths[5];
  g_autoptr(JsonObject) header = NULL;
  g_autoptr(GBytes) encrypted_key = NULL, iv = NULL, ciphertext = NULL, tag = NULL;
  g_autoptr(GBytes) cek = NULL;
  g_autoptr(GBytes) aad = NULL;
  g_autoptr(GError) type_error = NULL;
  const KeyManagement *km;
  const char *alg, *enc_name;
  OA2Enc enc;
  GBytes *plaintext;

  g_return_val_if_fail (compact != NULL, NULL);
  g_return_val_if_fail (OA2_IS_JWK (key), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!oa2_jose_split_compact (compact, 5, parts, lengths, error))
    return NULL;
  header = oa2_jose_parse_json_part (parts[0], lengths[0], N_("header"), error);
  if (header == NULL)
    return NULL;
  if (!oa2_json_get_string (header, "alg", TRUE, &alg, &type_error) ||
      !oa2_json_get_string (header, "enc", TRUE, &enc_name, &type_error))
    {
      oa2_jose_malformed (error, _("its header has no “alg” and “enc” strings"));
      return NULL;
    }
  if (!oa2_jose_check_crit (header, error))
    return NULL;
  if (json_object_has_member (header, "zip"))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM,
                           _("Compressed encrypted tokens (“zip”) are not supported"));
      return NULL;
    }

  if (allowed_algs != NULL ? !g_strv_contains (allowed_algs, alg) : strcmp (alg, "RSA1_5") == 0)
    {
      not_allowed (error, alg);
      return NULL;
    }
  if (allowed_encs != NULL && !g_strv_contains (allowed_encs, enc_name))
    {
      not_allowed (error, enc_name);
      return NULL;
    }
  km = find_key_management (alg, error);
  if (km == NULL)
    return NULL;
  enc = oa2_enc_from_string (enc_name);
  if (enc == OA2_ENC_INVALID)
    {
      g_autofree char *shown = oa2_error_sanitize_name (enc_name);

      g_set_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM,
                   /* Translators: %s is a JWE content encryption algorithm */
                   _("The content encryption algorithm “%s” is not supported"), shown);
      return NULL;
    }
  if (!check_key (key, km, alg, enc_name, FALSE, error))
    return NULL;

  if (!read_part (parts[1], lengths[1], _("encrypted key"), &encrypted_key, error) ||
      !read_part (parts[2], lengths[2], _("initialization vector"), &iv, error) ||
      !read_part (parts[3], lengths[3], _("ciphertext"), &ciphertext, error) ||
      !read_part (parts[4], lengths[4], _("authentication tag"), &tag, error))
    return NULL;

  /* Sizes come from the token: a wrong one is a malformed token, not a
   * bad key. */
  if (g_bytes_get_size (iv) != oa2_enc_iv_size (enc) || g_bytes_get_size (tag) != oa2_enc_tag_size (enc))
    {
      oa2_jose_malformed (error, _("its initialization vector or authentication tag has the wrong size"));
      return NULL;
    }

  cek = decrypt_cek (km, key, enc_name, enc, header, encrypted_key, error);
  if (cek == NULL)
    return NULL;
  /* An unwrapped key of the wrong size must fail like any other wrong key
   * (RFC 7516 §11.5): carry on with a random key of the right size, and
   * let the authentication tag fail. */
  if (g_bytes_get_size (cek) != oa2_enc_key_size (enc))
    {
      g_bytes_unref (cek);
      cek = random_bytes (oa2_enc_key_size (enc));
    }

  /* RFC 7516 §5.2 step 14: the AAD is the encoded protected header. */
  aad = g_bytes_new (parts[0], lengths[0]);
  plaintext = oa2_jwe_decrypt_content (enc, cek, iv, aad, ciphertext, tag, error);
  if (plaintext != NULL && out_header != NULL)
    *out_header = g_steal_pointer (&header);
  return plaintext;
}

static GBytes *
random_bytes (gsize len)
{
  guint8 *data = g_malloc (len);

  oa2_crypto_random (data, len);
  return oa2_secret_bytes_new_take (data, len);
}

/**
 * oa2_jwe_encrypt:
 * @plaintext: what to encrypt
 * @key: the recipient's key: public (or private) for RSA-OAEP and
 *   ECDH-ES, symmetric for `dir` and AES key wrap
 * @alg: (nullable): the key management algorithm, or %NULL for the key's
 *   own `alg`
 * @enc: the content encryption algorithm, such as `A256GCM`
 * @header: (nullable): more header members, such as `cty`, `apu` or
 *   `apv`; they cannot replace `alg`, `enc` or `epk`, nor ask for `zip` or
 *   `crit`
 *
 * Encrypts @plaintext into a compact JWE for the holder of @key, with a
 * fresh content key and IV from the system's CSPRNG (and a fresh ephemeral
 * key for ECDH-ES). `RSA1_5` is not offered for encryption.
 *
 * Returns: (transfer full): the compact JWE, or %NULL with @error set
 */
char *
oa2_jwe_encrypt (GBytes      *plaintext,
                 OA2Jwk      *key,
                 const char  *alg,
                 const char  *enc_name,
                 JsonObject  *header,
                 GError     **error)
{
  OA2CryptoKey *crypto;
  const KeyManagement *km;
  OA2Enc enc;
  g_autoptr(JsonObject) protected_header = NULL;
  g_autoptr(GBytes) cek = NULL, encrypted_key = NULL, iv = NULL, aad = NULL, ciphertext = NULL, tag = NULL;
  g_autofree char *header_json = NULL, *header_b64 = NULL;
  g_autofree char *ek_b64 = NULL, *iv_b64 = NULL, *ct_b64 = NULL, *tag_b64 = NULL;

  g_return_val_if_fail (plaintext != NULL, NULL);
  g_return_val_if_fail (OA2_IS_JWK (key), NULL);
  g_return_val_if_fail (enc_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (alg == NULL)
    alg = oa2_jwk_get_alg (key);
  if (alg == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("No algorithm was given and the key names none"));
      return NULL;
    }
  km = find_key_management (alg, error);
  if (km == NULL)
    return NULL;
  if (km->mode == MODE_RSA1_5)
    {
      not_allowed (error, alg);
      return NULL;
    }
  enc = oa2_enc_from_string (enc_name);
  if (enc == OA2_ENC_INVALID)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM,
                   _("The content encryption algorithm “%s” is not supported"), enc_name);
      return NULL;
    }
  if (!check_key (key, km, alg, enc_name, TRUE, error))
    return NULL;
  if (header != NULL && (json_object_has_member (header, "zip") || json_object_has_member (header, "crit")))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The header cannot ask for compression (“zip”) or critical extensions (“crit”): neither is implemented"));
      return NULL;
    }
  crypto = oa2_jwk_get_crypto_key (key);

  {
    static const char * const reserved[] = { "alg", "enc", "epk", NULL };

    protected_header = oa2_jose_new_header (alg, enc_name, oa2_jwk_get_kid (key), header, reserved);
  }

  switch (km->mode)
    {
    case MODE_DIRECT:
      cek = oa2_crypto_key_dup_param (crypto, "k");
      if (g_bytes_get_size (cek) != oa2_enc_key_size (enc))
        {
          g_set_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH,
                       _("The key is not the size that “%s” needs"), enc_name);
          return NULL;
        }
      encrypted_key = g_bytes_new (NULL, 0);
      break;
    case MODE_KEY_WRAP:
      {
        g_autoptr(GBytes) kek = oa2_crypto_key_dup_param (crypto, "k");

        cek = random_bytes (oa2_enc_key_size (enc));
        encrypted_key = oa2_jwe_aes_key_wrap (kek, cek, error);
        break;
      }
    case MODE_RSA_OAEP:
      cek = random_bytes (oa2_enc_key_size (enc));
      encrypted_key = oa2_jwe_rsa_oaep_encrypt (oa2_crypto_key_get_rsa_public (crypto), km->digest, cek, error);
      break;
    case MODE_ECDH_DIRECT:
    case MODE_ECDH_KEY_WRAP:
    default:
      {
        g_autoptr(OA2CryptoKey) ephemeral = NULL;
        g_autoptr(OA2CryptoKey) ephemeral_public = NULL;
        g_autoptr(OA2CryptoKey) recipient = NULL;
        g_autoptr(GBytes) z = NULL;
        g_autoptr(GBytes) kek = NULL;

        ephemeral = oa2_crypto_key_generate (oa2_crypto_key_get_kty (crypto), oa2_crypto_key_get_curve (crypto), 0,
                                             error);
        if (ephemeral == NULL)
          return NULL;
        recipient = oa2_crypto_key_is_private (crypto) ? oa2_crypto_key_dup_public (crypto)
                                                       : oa2_crypto_key_ref (crypto);
        z = shared_secret (ephemeral, recipient, error);
        if (z == NULL)
          return NULL;
        ephemeral_public = oa2_crypto_key_dup_public (ephemeral);
        {
          g_autoptr(GBytes) x = oa2_crypto_key_dup_param (ephemeral_public, "x");
          g_autoptr(GBytes) y = oa2_crypto_key_dup_param (ephemeral_public, "y");
          JsonObject *epk_object = json_object_new ();
          g_autofree char *x_b64 = oa2_base64url_encode_bytes (x);

          json_object_set_string_member (epk_object, "kty", oa2_jwk_get_kty (key));
          json_object_set_string_member (epk_object, "crv", oa2_jwk_get_crv (key));
          json_object_set_string_member (epk_object, "x", x_b64);
          if (y != NULL)
            {
              g_autofree char *y_b64 = oa2_base64url_encode_bytes (y);
              json_object_set_string_member (epk_object, "y", y_b64);
            }
          json_object_set_object_member (protected_header, "epk", epk_object);
        }
        if (km->mode == MODE_ECDH_DIRECT)
          {
            cek = derive_key (z, enc_name, oa2_enc_key_size (enc), protected_header, error);
            encrypted_key = cek != NULL ? g_bytes_new (NULL, 0) : NULL;
          }
        else
          {
            kek = derive_key (z, km->name, km->kek_len, protected_header, error);
            cek = random_bytes (oa2_enc_key_size (enc));
            encrypted_key = kek != NULL ? oa2_jwe_aes_key_wrap (kek, cek, error) : NULL;
          }
        break;
      }
    }
  if (encrypted_key == NULL)
    return NULL;

  header_json = oa2_json_object_to_string (protected_header);
  header_b64 = oa2_base64url_encode ((const guint8 *) header_json, strlen (header_json));
  aad = g_bytes_new (header_b64, strlen (header_b64));
  iv = random_bytes (oa2_enc_iv_size (enc));
  if (!oa2_jwe_encrypt_content (enc, cek, iv, aad, plaintext, &ciphertext, &tag, error))
    return NULL;

  ek_b64 = oa2_base64url_encode_bytes (encrypted_key);
  iv_b64 = oa2_base64url_encode_bytes (iv);
  ct_b64 = oa2_base64url_encode_bytes (ciphertext);
  tag_b64 = oa2_base64url_encode_bytes (tag);
  return g_strjoin (".", header_b64, ek_b64, iv_b64, ct_b64, tag_b64, NULL);
}
