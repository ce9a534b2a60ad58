/* oa2-crypto-sign.c: JWS signatures and MACs over Nettle
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * This file sees keys only through oa2-crypto-private.h: the prepared
 * Nettle structures for RSA and EC, the raw bytes for OKP and oct.
 *
 * Randomness comes from gnutls_rnd(): GNUTLS_RND_KEY for the ECDSA nonce,
 * whose disclosure would disclose the key, GNUTLS_RND_RANDOM for RSA
 * blinding and PSS salts.
 */

#include "config.h"

#include <string.h>

#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include <nettle/bignum.h>
#include <nettle/dsa.h>
#include <nettle/ecc.h>
#include <nettle/ecdsa.h>
#include <nettle/eddsa.h>
#include <nettle/hmac.h>
#include <nettle/memops.h>
#include <nettle/rsa.h>
#include <nettle/sha2.h>

#include "oa2-crypto-pkcs11-private.h"
#include "oa2-crypto-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-secret-private.h"

typedef enum {
  FAMILY_HMAC,
  FAMILY_RSA_PKCS1,
  FAMILY_RSA_PSS,
  FAMILY_ECDSA,
  FAMILY_EDDSA,
} Family;

typedef struct {
  Family family;
  OA2Digest digest;   /* unused for EdDSA */
  OA2Curve curve;     /* ECDSA, and the EdDSA names that fix their curve */
} AlgInfo;

static const AlgInfo alg_infos[] = {
  [OA2_SIG_HS256] = { FAMILY_HMAC, OA2_DIGEST_SHA256, OA2_CURVE_NONE },
  [OA2_SIG_HS384] = { FAMILY_HMAC, OA2_DIGEST_SHA384, OA2_CURVE_NONE },
  [OA2_SIG_HS512] = { FAMILY_HMAC, OA2_DIGEST_SHA512, OA2_CURVE_NONE },
  [OA2_SIG_RS256] = { FAMILY_RSA_PKCS1, OA2_DIGEST_SHA256, OA2_CURVE_NONE },
  [OA2_SIG_RS384] = { FAMILY_RSA_PKCS1, OA2_DIGEST_SHA384, OA2_CURVE_NONE },
  [OA2_SIG_RS512] = { FAMILY_RSA_PKCS1, OA2_DIGEST_SHA512, OA2_CURVE_NONE },
  [OA2_SIG_PS256] = { FAMILY_RSA_PSS, OA2_DIGEST_SHA256, OA2_CURVE_NONE },
  [OA2_SIG_PS384] = { FAMILY_RSA_PSS, OA2_DIGEST_SHA384, OA2_CURVE_NONE },
  [OA2_SIG_PS512] = { FAMILY_RSA_PSS, OA2_DIGEST_SHA512, OA2_CURVE_NONE },
  [OA2_SIG_ES256] = { FAMILY_ECDSA, OA2_DIGEST_SHA256, OA2_CURVE_P256 },
  [OA2_SIG_ES384] = { FAMILY_ECDSA, OA2_DIGEST_SHA384, OA2_CURVE_P384 },
  [OA2_SIG_ES512] = { FAMILY_ECDSA, OA2_DIGEST_SHA512, OA2_CURVE_P521 },
  [OA2_SIG_EDDSA] = { FAMILY_EDDSA, OA2_DIGEST_SHA512, OA2_CURVE_NONE },
  [OA2_SIG_ED25519] = { FAMILY_EDDSA, OA2_DIGEST_SHA512, OA2_CURVE_ED25519 },
  [OA2_SIG_ED448] = { FAMILY_EDDSA, OA2_DIGEST_SHA512, OA2_CURVE_ED448 },
};

static const AlgInfo *
alg_info (OA2SigAlg alg)
{
  if ((guint) alg >= G_N_ELEMENTS (alg_infos))
    return NULL;
  return &alg_infos[alg];
}

/* The DigestInfo prefix of SHA-384 (RFC 8017 §9.2, note 1), for RS384,
 * which Nettle has no ready-made function for. */
static const guint8 sha384_digest_info_prefix[] = {
  0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
  0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30,
};

/* The group orders n of the NIST curves (FIPS 186-4 §D.1.2), big-endian at
 * the coordinate size, to refuse r or s outside [1, n-1] before Nettle
 * sees them. */
static const guint8 p256_order[32] = {
  0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
};
static const guint8 p384_order[48] = {
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xc7, 0x63, 0x4d, 0x81, 0xf4, 0x37, 0x2d, 0xdf,
  0x58, 0x1a, 0x0d, 0xb2, 0x48, 0xb0, 0xa7, 0x7a, 0xec, 0xec, 0x19, 0x6a, 0xcc, 0xc5, 0x29, 0x73,
};
static const guint8 p521_order[66] = {
  0x01, 0xff,
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfa,
  0x51, 0x86, 0x87, 0x83, 0xbf, 0x2f, 0x96, 0x6b, 0x7f, 0xcc, 0x01, 0x48, 0xf7, 0x09, 0xa5, 0xd0,
  0x3b, 0xb5, 0xc9, 0xb8, 0x89, 0x9c, 0x47, 0xae, 0xbb, 0x6f, 0xb7, 0x1e, 0x91, 0x38, 0x64, 0x09,
};

static const guint8 *
ec_order (OA2Curve  curve,
          gsize    *size)
{
  switch (curve)
    {
    case OA2_CURVE_P256:
      *size = sizeof p256_order;
      return p256_order;
    case OA2_CURVE_P384:
      *size = sizeof p384_order;
      return p384_order;
    case OA2_CURVE_P521:
      *size = sizeof p521_order;
      return p521_order;
    default:
      g_assert_not_reached ();
    }
}

/* Nettle's randomness callback; @ctx is the gnutls_rnd_level_t. */
static void
random_func (void    *ctx,
             size_t   length,
             uint8_t *dst)
{
  int ret = gnutls_rnd ((gnutls_rnd_level_t) GPOINTER_TO_INT (ctx), dst, length);

  if (ret < 0)
    g_error ("GnuTLS cannot produce random bytes: %s", gnutls_strerror (ret));
}

gboolean
oa2_crypto_key_check_alg (OA2CryptoKey  *key,
                          OA2SigAlg      alg,
                          gboolean       for_signing,
                          GError       **error)
{
  const AlgInfo *info = alg_info (alg);
  const char *name = oa2_sig_alg_to_string (alg);
  OA2Kty kty;
  OA2Curve curve;

  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (info == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM,
                           _("The signature algorithm is not supported"));
      return FALSE;
    }

  kty = oa2_crypto_key_get_kty (key);
  curve = oa2_crypto_key_get_curve (key);
  switch (info->family)
    {
    case FAMILY_HMAC:
      if (kty != OA2_KTY_OCT)
        {
          g_set_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH,
                       /* Translators: %s is a JWS algorithm such as "HS256" */
                       _("%s needs a symmetric key, not a public-key pair"), name);
          return FALSE;
        }
      if (oa2_crypto_key_get_bits (key) < 8 * oa2_digest_size (info->digest))
        {
          g_set_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH,
                       /* Translators: %s is a JWS algorithm such as "HS256"; the %u are numbers of bits */
                       _("%s needs a key of at least %u bits; this one has %u"), name,
                       (guint) (8 * oa2_digest_size (info->digest)), oa2_crypto_key_get_bits (key));
          return FALSE;
        }
      return TRUE;

    case FAMILY_RSA_PKCS1:
    case FAMILY_RSA_PSS:
      if (kty != OA2_KTY_RSA)
        {
          g_set_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH,
                       /* Translators: %s is a JWS algorithm such as "RS256" */
                       _("%s needs an RSA key"), name);
          return FALSE;
        }
      break;

    case FAMILY_ECDSA:
      if (kty != OA2_KTY_EC || curve != info->curve)
        {
          g_set_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH,
                       /* Translators: the first %s is a JWS algorithm such as "ES256", the second a curve such as "P-256" */
                       _("%s needs an EC key on the curve %s"), name, oa2_curve_to_string (info->curve));
          return FALSE;
        }
      break;

    case FAMILY_EDDSA:
      /* A fully-specified name (RFC 9864) fixes the curve, which is the
       * point of it: Ed25519 never takes an Ed448 key, nor the reverse. */
      if (info->curve != OA2_CURVE_NONE && (kty != OA2_KTY_OKP || curve != info->curve))
        {
          g_set_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH,
                       /* Translators: the first %s is a JWS algorithm such as "Ed25519", the second a curve such as "Ed25519" */
                       _("%s needs an OKP key on the curve %s"), name, oa2_curve_to_string (info->curve));
          return FALSE;
        }
      if (kty != OA2_KTY_OKP || (curve != OA2_CURVE_ED25519 && curve != OA2_CURVE_ED448))
        {
          g_set_error_literal (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH,
                               _("EdDSA needs an Ed25519 or Ed448 key"));
          return FALSE;
        }
      break;

    default:
      g_assert_not_reached ();
    }

  if (for_signing && !oa2_crypto_key_is_private (key))
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH,
                   /* Translators: %s is a JWS algorithm such as "RS256" */
                   _("Signing with %s needs a private key"), name);
      return FALSE;
    }
  return TRUE;
}

static void
set_bad_signature (GError     **error,
                   OA2SigAlg    alg)
{
  g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_SIGNATURE,
               /* Translators: %s is a JWS algorithm such as "RS256" */
               _("The %s signature does not verify"), oa2_sig_alg_to_string (alg));
}

static void
set_bad_signature_length (GError     **error,
                          OA2SigAlg    alg,
                          gsize        expected,
                          gsize        actual)
{
  g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_SIGNATURE,
               /* Translators: %s is a JWS algorithm such as "ES256"; the %u are numbers of bytes */
               _("A signature with %s must have %u bytes; this one has %u"), oa2_sig_alg_to_string (alg),
               (guint) expected, (guint) MIN (actual, G_MAXUINT));
}

/* HMAC */

static void
hmac_compute (OA2Digest     digest,
              GBytes       *k,
              const guint8 *data,
              gsize         len,
              guint8       *mac)
{
  union {
    struct hmac_sha256_ctx sha256;
    struct hmac_sha512_ctx sha512;
  } ctx;
  gsize key_len;
  const guint8 *key_data = g_bytes_get_data (k, &key_len);

  switch (digest)
    {
    case OA2_DIGEST_SHA256:
      hmac_sha256_set_key (&ctx.sha256, key_len, key_data);
      hmac_sha256_update (&ctx.sha256, len, data);
      hmac_sha256_digest (&ctx.sha256, SHA256_DIGEST_SIZE, mac);
      break;
    case OA2_DIGEST_SHA384:
      hmac_sha384_set_key (&ctx.sha512, key_len, key_data);
      hmac_sha384_update (&ctx.sha512, len, data);
      hmac_sha384_digest (&ctx.sha512, SHA384_DIGEST_SIZE, mac);
      break;
    case OA2_DIGEST_SHA512:
      hmac_sha512_set_key (&ctx.sha512, key_len, key_data);
      hmac_sha512_update (&ctx.sha512, len, data);
      hmac_sha512_digest (&ctx.sha512, SHA512_DIGEST_SIZE, mac);
      break;
    case OA2_DIGEST_SHA1:
    default:
      g_assert_not_reached ();
    }
  /* The context holds the key's inner and outer hash states. */
  oa2_secret_wipe (&ctx, sizeof ctx);
}

/* RSA */

static int
rsa_pkcs1_sha384_sign (const struct rsa_public_key  *pub,
                       const struct rsa_private_key *priv,
                       const guint8                 *digest,
                       mpz_t                         s)
{
  guint8 digest_info[sizeof sha384_digest_info_prefix + SHA384_DIGEST_SIZE];

  memcpy (digest_info, sha384_digest_info_prefix, sizeof sha384_digest_info_prefix);
  memcpy (digest_info + sizeof sha384_digest_info_prefix, digest, SHA384_DIGEST_SIZE);
  return rsa_pkcs1_sign_tr (pub, priv, GINT_TO_POINTER (GNUTLS_RND_RANDOM), random_func,
                            sizeof digest_info, digest_info, s);
}

static int
rsa_pkcs1_sha384_verify (const struct rsa_public_key *pub,
                         const guint8                *digest,
                         const mpz_t                  s)
{
  guint8 digest_info[sizeof sha384_digest_info_prefix + SHA384_DIGEST_SIZE];

  memcpy (digest_info, sha384_digest_info_prefix, sizeof sha384_digest_info_prefix);
  memcpy (digest_info + sizeof sha384_digest_info_prefix, digest, SHA384_DIGEST_SIZE);
  return rsa_pkcs1_verify (pub, sizeof digest_info, digest_info, s);
}

static GBytes *
rsa_sign (OA2CryptoKey   *key,
          const AlgInfo  *info,
          const guint8   *digest,
          GError        **error)
{
  const struct rsa_public_key *pub = oa2_crypto_key_get_rsa_public (key);
  const struct rsa_private_key *priv = oa2_crypto_key_get_rsa_private (key);
  void *rnd = GINT_TO_POINTER (GNUTLS_RND_RANDOM);
  gsize digest_len = oa2_digest_size (info->digest);
  guint8 *signature;
  mpz_t s;
  int ok = 0;

  mpz_init (s);
  if (info->family == FAMILY_RSA_PSS)
    {
      /* RFC 7518 §3.5: a salt as long as the hash. */
      guint8 salt[SHA512_DIGEST_SIZE];

      random_func (rnd, digest_len, salt);
      switch (info->digest)
        {
        case OA2_DIGEST_SHA256:
          ok = rsa_pss_sha256_sign_digest_tr (pub, priv, rnd, random_func, digest_len, salt, digest, s);
          break;
        case OA2_DIGEST_SHA384:
          ok = rsa_pss_sha384_sign_digest_tr (pub, priv, rnd, random_func, digest_len, salt, digest, s);
          break;
        case OA2_DIGEST_SHA512:
          ok = rsa_pss_sha512_sign_digest_tr (pub, priv, rnd, random_func, digest_len, salt, digest, s);
          break;
        case OA2_DIGEST_SHA1:
        default:
          g_assert_not_reached ();
        }
    }
  else
    {
      switch (info->digest)
        {
        case OA2_DIGEST_SHA256:
          ok = rsa_sha256_sign_digest_tr (pub, priv, rnd, random_func, digest, s);
          break;
        case OA2_DIGEST_SHA384:
          ok = rsa_pkcs1_sha384_sign (pub, priv, digest, s);
          break;
        case OA2_DIGEST_SHA512:
          ok = rsa_sha512_sign_digest_tr (pub, priv, rnd, random_func, digest, s);
          break;
        case OA2_DIGEST_SHA1:
        default:
          g_assert_not_reached ();
        }
    }

  if (!ok)
    {
      mpz_clear (s);
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_FAILED,
                           _("The RSA signature could not be computed"));
      return NULL;
    }
  signature = g_malloc (pub->size);
  nettle_mpz_get_str_256 (pub->size, signature, s);
  mpz_clear (s);
  return g_bytes_new_take (signature, pub->size);
}

static gboolean
rsa_verify (OA2CryptoKey   *key,
            OA2SigAlg       alg,
            const AlgInfo  *info,
            const guint8   *digest,
            const guint8   *signature,
            gsize           signature_len,
            GError        **error)
{
  const struct rsa_public_key *pub = oa2_crypto_key_get_rsa_public (key);
  gsize digest_len = oa2_digest_size (info->digest);
  mpz_t s;
  int ok = 0;

  /* RFC 8017 §8.2.2 step 1, §8.1.2 step 1: exactly the modulus size. */
  if (signature_len != pub->size)
    {
      set_bad_signature_length (error, alg, pub->size, signature_len);
      return FALSE;
    }

  mpz_init (s);
  nettle_mpz_set_str_256_u (s, signature_len, signature);
  /* Nettle refuses s >= n itself. */
  switch (info->digest)
    {
    case OA2_DIGEST_SHA256:
      ok = info->family == FAMILY_RSA_PSS ? rsa_pss_sha256_verify_digest (pub, digest_len, digest, s)
                                          : rsa_sha256_verify_digest (pub, digest, s);
      break;
    case OA2_DIGEST_SHA384:
      ok = info->family == FAMILY_RSA_PSS ? rsa_pss_sha384_verify_digest (pub, digest_len, digest, s)
                                          : rsa_pkcs1_sha384_verify (pub, digest, s);
      break;
    case OA2_DIGEST_SHA512:
      ok = info->family == FAMILY_RSA_PSS ? rsa_pss_sha512_verify_digest (pub, digest_len, digest, s)
                                          : rsa_sha512_verify_digest (pub, digest, s);
      break;
    case OA2_DIGEST_SHA1:
    default:
      g_assert_not_reached ();
    }
  mpz_clear (s);

  if (!ok)
    {
      set_bad_signature (error, alg);
      return FALSE;
    }
  return TRUE;
}

/* ECDSA */

static GBytes *
ecdsa_sign_jose (OA2CryptoKey  *key,
                 const AlgInfo *info,
                 const guint8  *digest)
{
  const struct ecc_scalar *priv = oa2_crypto_key_get_ec_private (key);
  struct dsa_signature sig;
  gsize size;
  guint8 *signature;

  ec_order (info->curve, &size);
  dsa_signature_init (&sig);
  ecdsa_sign (priv, GINT_TO_POINTER (GNUTLS_RND_KEY), random_func,
              oa2_digest_size (info->digest), digest, &sig);
  /* RFC 7518 §3.4: r and s, each at the fixed size of the curve. */
  signature = g_malloc (2 * size);
  nettle_mpz_get_str_256 (size, signature, sig.r);
  nettle_mpz_get_str_256 (size, signature + size, sig.s);
  dsa_signature_clear (&sig);
  return g_bytes_new_take (signature, 2 * size);
}

/* 0 < value < order, both big-endian of @size bytes. The signature is
 * public, so an ordinary comparison will do. */
static gboolean
ec_scalar_in_range (const guint8 *value,
                    const guint8 *order,
                    gsize         size)
{
  gboolean nonzero = FALSE;

  for (gsize i = 0; i < size; i++)
    nonzero = nonzero || value[i] != 0;
  return nonzero && memcmp (value, order, size) < 0;
}

static gboolean
ecdsa_verify_jose (OA2CryptoKey   *key,
                   OA2SigAlg       alg,
                   const AlgInfo  *info,
                   const guint8   *digest,
                   const guint8   *signature,
                   gsize           signature_len,
                   GError        **error)
{
  const struct ecc_point *pub = oa2_crypto_key_get_ec_public (key);
  struct dsa_signature sig;
  gsize size;
  const guint8 *order = ec_order (info->curve, &size);
  int ok;

  if (signature_len != 2 * size)
    {
      set_bad_signature_length (error, alg, 2 * size, signature_len);
      return FALSE;
    }
  if (!ec_scalar_in_range (signature, order, size) ||
      !ec_scalar_in_range (signature + size, order, size))
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_SIGNATURE,
                   /* Translators: %s is a JWS algorithm such as "ES256" */
                   _("The %s signature is malformed: r or s is out of range"),
                   oa2_sig_alg_to_string (alg));
      return FALSE;
    }

  dsa_signature_init (&sig);
  nettle_mpz_set_str_256_u (sig.r, size, signature);
  nettle_mpz_set_str_256_u (sig.s, size, signature + size);
  ok = ecdsa_verify (pub, oa2_digest_size (info->digest), digest, &sig);
  dsa_signature_clear (&sig);

  if (!ok)
    {
      set_bad_signature (error, alg);
      return FALSE;
    }
  return TRUE;
}

/* EdDSA: pure Ed25519 and Ed448 over the message itself (RFC 8037 §3.1). */

static gsize
eddsa_signature_size (OA2Curve curve)
{
  return curve == OA2_CURVE_ED448 ? ED448_SIGNATURE_SIZE : ED25519_SIGNATURE_SIZE;
}

static GBytes *
eddsa_sign (OA2CryptoKey *key,
            const guint8 *data,
            gsize         len)
{
  OA2Curve curve = oa2_crypto_key_get_curve (key);
  g_autoptr(GBytes) x = oa2_crypto_key_dup_param (key, "x");
  g_autoptr(GBytes) d = oa2_crypto_key_dup_param (key, "d");
  gsize size = eddsa_signature_size (curve);
  guint8 *signature = g_malloc (size);

  if (curve == OA2_CURVE_ED448)
    ed448_shake256_sign (g_bytes_get_data (x, NULL), g_bytes_get_data (d, NULL), len, data, signature);
  else
    ed25519_sha512_sign (g_bytes_get_data (x, NULL), g_bytes_get_data (d, NULL), len, data, signature);
  return g_bytes_new_take (signature, size);
}

static gboolean
eddsa_verify (OA2CryptoKey  *key,
              OA2SigAlg      alg,
              const guint8  *data,
              gsize          len,
              const guint8  *signature,
              gsize          signature_len,
              GError       **error)
{
  OA2Curve curve = oa2_crypto_key_get_curve (key);
  g_autoptr(GBytes) x = oa2_crypto_key_dup_param (key, "x");
  gsize size = eddsa_signature_size (curve);
  int ok;

  if (signature_len != size)
    {
      set_bad_signature_length (error, alg, size, signature_len);
      return FALSE;
    }
  if (curve == OA2_CURVE_ED448)
    ok = ed448_shake256_verify (g_bytes_get_data (x, NULL), len, data, signature);
  else
    ok = ed25519_sha512_verify (g_bytes_get_data (x, NULL), len, data, signature);

  if (!ok)
    {
      set_bad_signature (error, alg);
      return FALSE;
    }
  return TRUE;
}

/* Entry points */

GBytes *
oa2_crypto_sign (OA2CryptoKey  *key,
                 OA2SigAlg      alg,
                 const guint8  *data,
                 gsize          len,
                 GError       **error)
{
  const AlgInfo *info;
  guint8 digest[SHA512_DIGEST_SIZE];

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!oa2_crypto_key_check_alg (key, alg, TRUE, error))
    return NULL;
  if (data == NULL)
    data = (const guint8 *) "";
  /* A key whose private half is in a token signs there. */
  if (oa2_crypto_key_is_in_token (key))
    return oa2_crypto_token_sign (key, alg, data, len, error);
  info = alg_info (alg);

  switch (info->family)
    {
    case FAMILY_HMAC:
      {
        g_autoptr(GBytes) k = oa2_crypto_key_dup_param (key, "k");
        gsize size = oa2_digest_size (info->digest);
        guint8 *mac = g_malloc (size);

        hmac_compute (info->digest, k, data, len, mac);
        return g_bytes_new_take (mac, size);
      }
    case FAMILY_RSA_PKCS1:
    case FAMILY_RSA_PSS:
      oa2_crypto_digest (info->digest, data, len, digest);
      return rsa_sign (key, info, digest, error);
    case FAMILY_ECDSA:
      oa2_crypto_digest (info->digest, data, len, digest);
      return ecdsa_sign_jose (key, info, digest);
    case FAMILY_EDDSA:
      return eddsa_sign (key, data, len);
    default:
      g_assert_not_reached ();
    }
}

gboolean
oa2_crypto_verify (OA2CryptoKey  *key,
                   OA2SigAlg      alg,
                   const guint8  *data,
                   gsize          len,
                   const guint8  *signature,
                   gsize          signature_len,
                   GError       **error)
{
  const AlgInfo *info;
  guint8 digest[SHA512_DIGEST_SIZE];

  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (signature != NULL || signature_len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!oa2_crypto_key_check_alg (key, alg, FALSE, error))
    return FALSE;
  if (data == NULL)
    data = (const guint8 *) "";
  if (signature == NULL)
    signature = (const guint8 *) "";
  info = alg_info (alg);

  switch (info->family)
    {
    case FAMILY_HMAC:
      {
        g_autoptr(GBytes) k = oa2_crypto_key_dup_param (key, "k");
        gsize size = oa2_digest_size (info->digest);
        guint8 mac[SHA512_DIGEST_SIZE];
        gboolean equal;

        /* The length of a MAC is public; its bytes are compared in
         * constant time. */
        if (signature_len != size)
          {
            set_bad_signature_length (error, alg, size, signature_len);
            return FALSE;
          }
        hmac_compute (info->digest, k, data, len, mac);
        equal = memeql_sec (mac, signature, size) != 0;
        oa2_secret_wipe (mac, sizeof mac);
        if (!equal)
          {
            set_bad_signature (error, alg);
            return FALSE;
          }
        return TRUE;
      }
    case FAMILY_RSA_PKCS1:
    case FAMILY_RSA_PSS:
      oa2_crypto_digest (info->digest, data, len, digest);
      return rsa_verify (key, alg, info, digest, signature, signature_len, error);
    case FAMILY_ECDSA:
      oa2_crypto_digest (info->digest, data, len, digest);
      return ecdsa_verify_jose (key, alg, info, digest, signature, signature_len, error);
    case FAMILY_EDDSA:
      return eddsa_verify (key, alg, data, len, signature, signature_len, error);
    default:
      g_assert_not_reached ();
    }
}
