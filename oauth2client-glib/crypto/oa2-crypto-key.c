/* oa2-crypto-key.c: keys, built once and checked once
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every way to make a key (JWK parameters, generation, PEM/DER through
 * GnuTLS) ends in one of the four validating constructors, so there is one
 * implementation of the rules. The Nettle structures are prepared there and
 * never again.
 *
 * Wiping. The private halves live in three kinds of storage:
 *  - GMP integers (RSA d, p, q, dp, dq, qi; scratch values during the
 *    checks). Before mpz_clear() we zero all _mp_alloc limbs at _mp_d: GMP
 *    documents these fields ("Integer Internals" in its manual), and the
 *    public mpz_limbs_*() calls only reach the mpz_size() limbs in use.
 *    Secret integers are sized before the value is written, so that GMP
 *    does not leave an unwiped copy behind a realloc().
 *  - Nettle's ecc_scalar, whose limbs (ecc_size() of them for the three NIST
 *    curves, where the group order and the field have the same size) are
 *    zeroed before ecc_scalar_clear().
 *  - Byte buffers (OKP d, oct k), held in oa2_secret_bytes_new_take() GBytes
 *    that wipe themselves when their last reference goes.
 * What this cannot reach: GMP's internal scratch space in the arithmetic
 * of the import checks and of Nettle's key generation, and copies inside
 * GnuTLS, which zeroes its own key structures when they are freed.
 */

#include "config.h"

#include <string.h>

#include <gmp.h>
#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include <gnutls/x509.h>
#include <nettle/bignum.h>
#include <nettle/curve25519.h>
#include <nettle/curve448.h>
#include <nettle/ecc-curve.h>
#include <nettle/ecc.h>
#include <nettle/ecdsa.h>
#include <nettle/eddsa.h>
#include <nettle/rsa.h>

#include "oa2-crypto-pkcs11-private.h"
#include "oa2-crypto-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-secret-private.h"

/* Largest symmetric key that oa2_crypto_key_generate() makes. */
#define OA2_OCT_MAX_BITS 8192

struct _OA2CryptoKey {
  gatomicrefcount ref_count;
  OA2Kty kty;
  OA2Curve curve;
  gboolean is_private;
  guint bits;

  /* RSA, prepared once. */
  gboolean rsa_pub_init;
  gboolean rsa_priv_init;
  struct rsa_public_key rsa_pub;
  struct rsa_private_key rsa_priv;

  /* EC: the point and, for a private key, the scalar. */
  gboolean ec_pub_init;
  gboolean ec_priv_init;
  struct ecc_point ec_pub;
  struct ecc_scalar ec_priv;

  /* EC x and y at the curve's size; OKP x. */
  GBytes *x;
  GBytes *y;
  /* OKP d and oct k, in self-wiping buffers. */
  GBytes *d;
  GBytes *k;

  /* A key whose private half stays in a PKCS#11 token: is_private is TRUE
   * (it signs), the Nettle private structures are never set up, and
   * oa2-crypto-pkcs11.c signs through this. */
  OA2CryptoToken *token;
};

typedef struct {
  OA2Kty kty;
  gsize size;   /* bytes of a coordinate, a scalar or an OKP key */
  guint bits;
  const struct ecc_curve *(*nettle_curve) (void);
} CurveInfo;

static const CurveInfo curve_infos[] = {
  [OA2_CURVE_P256] = { OA2_KTY_EC, 32, 256, nettle_get_secp_256r1 },
  [OA2_CURVE_P384] = { OA2_KTY_EC, 48, 384, nettle_get_secp_384r1 },
  [OA2_CURVE_P521] = { OA2_KTY_EC, 66, 521, nettle_get_secp_521r1 },
  [OA2_CURVE_ED25519] = { OA2_KTY_OKP, ED25519_KEY_SIZE, 8 * ED25519_KEY_SIZE, NULL },
  [OA2_CURVE_ED448] = { OA2_KTY_OKP, ED448_KEY_SIZE, 8 * ED448_KEY_SIZE, NULL },
  [OA2_CURVE_X25519] = { OA2_KTY_OKP, CURVE25519_SIZE, 8 * CURVE25519_SIZE, NULL },
  [OA2_CURVE_X448] = { OA2_KTY_OKP, CURVE448_SIZE, 8 * CURVE448_SIZE, NULL },
};

static const CurveInfo *
curve_info (OA2Curve curve,
            OA2Kty   kty)
{
  if (curve == OA2_CURVE_NONE || (guint) curve >= G_N_ELEMENTS (curve_infos))
    return NULL;
  if (curve_infos[curve].kty != kty)
    return NULL;
  return &curve_infos[curve];
}

/* Nettle's randomness callback for key generation. */
static void
random_key_func (void    *ctx,
                 size_t   length,
                 uint8_t *dst)
{
  oa2_crypto_random (dst, length);
}

/* Zeroes every allocated limb of @x, then frees it; see the top of the
 * file. */
static void
mpz_wipe_clear (mpz_t x)
{
  if (x->_mp_alloc > 0)
    oa2_secret_wipe (x->_mp_d, (gsize) x->_mp_alloc * sizeof (mp_limb_t));
  mpz_clear (x);
}

/* Initialises @x with room for @bits, so that later writes up to that size
 * do not reallocate. */
static void
mpz_init_sized (mpz_t x,
                gsize bits)
{
  mpz_init2 (x, MAX (bits, 64) + 64);
}

/* Reads unsigned big-endian @bytes into a freshly initialised @x. */
static void
mpz_set_bytes (mpz_t   x,
               GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  mpz_realloc2 (x, MAX (len, 8) * 8 + 64);
  nettle_mpz_set_str_256_u (x, len, data);
}

static GBytes *
new_bytes (const guint8 *data,
           gsize         len,
           gboolean      secret)
{
  guint8 *copy = g_malloc (MAX (len, 1));

  if (len > 0)
    memcpy (copy, data, len);
  return secret ? oa2_secret_bytes_new_take (copy, len) : g_bytes_new_take (copy, len);
}

/* @x as unsigned big-endian bytes: the minimal length when @size is 0 (as
 * JWK wants RSA integers, RFC 7518 §2), else exactly @size. */
static GBytes *
mpz_to_bytes (const mpz_t x,
              gsize       size,
              gboolean    secret)
{
  gsize len = size > 0 ? size : nettle_mpz_sizeinbase_256_u (x);
  guint8 *buffer = g_malloc (MAX (len, 1));

  nettle_mpz_get_str_256 (len, buffer, x);
  return secret ? oa2_secret_bytes_new_take (buffer, len) : g_bytes_new_take (buffer, len);
}

static OA2CryptoKey *
key_new (OA2Kty   kty,
         OA2Curve curve)
{
  OA2CryptoKey *key = g_new0 (OA2CryptoKey, 1);

  g_atomic_ref_count_init (&key->ref_count);
  key->kty = kty;
  key->curve = curve;
  return key;
}

static void
key_free (OA2CryptoKey *key)
{
  if (key->rsa_pub_init)
    rsa_public_key_clear (&key->rsa_pub);
  if (key->rsa_priv_init)
    {
      mpz_wipe_clear (key->rsa_priv.d);
      mpz_wipe_clear (key->rsa_priv.p);
      mpz_wipe_clear (key->rsa_priv.q);
      mpz_wipe_clear (key->rsa_priv.a);
      mpz_wipe_clear (key->rsa_priv.b);
      mpz_wipe_clear (key->rsa_priv.c);
      oa2_secret_wipe (&key->rsa_priv, sizeof key->rsa_priv);
    }
  if (key->ec_pub_init)
    ecc_point_clear (&key->ec_pub);
  if (key->ec_priv_init)
    {
      oa2_secret_wipe (key->ec_priv.p, (gsize) ecc_size (key->ec_priv.ecc) * sizeof (mp_limb_t));
      ecc_scalar_clear (&key->ec_priv);
    }
  g_clear_pointer (&key->x, g_bytes_unref);
  g_clear_pointer (&key->y, g_bytes_unref);
  g_clear_pointer (&key->d, g_bytes_unref);
  g_clear_pointer (&key->k, g_bytes_unref);
  g_clear_pointer (&key->token, oa2_crypto_token_free);
  g_free (key);
}

OA2CryptoKey *
oa2_crypto_key_ref (OA2CryptoKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  g_atomic_ref_count_inc (&key->ref_count);
  return key;
}

void
oa2_crypto_key_unref (OA2CryptoKey *key)
{
  g_return_if_fail (key != NULL);

  if (g_atomic_ref_count_dec (&key->ref_count))
    key_free (key);
}

/* RSA */

static gboolean
rsa_set_private (OA2CryptoKey  *key,
                 GBytes        *d,
                 GBytes        *p,
                 GBytes        *q,
                 GBytes        *dp,
                 GBytes        *dq,
                 GBytes        *qi,
                 GError       **error)
{
  struct rsa_private_key *priv = &key->rsa_priv;
  const struct rsa_public_key *pub = &key->rsa_pub;
  gsize bits = mpz_sizeinbase (pub->n, 2);
  mpz_t t, u;
  gboolean matches, consistent;

  rsa_private_key_init (priv);
  key->rsa_priv_init = TRUE;
  mpz_set_bytes (priv->d, d);
  mpz_set_bytes (priv->p, p);
  mpz_set_bytes (priv->q, q);
  mpz_set_bytes (priv->a, dp);
  mpz_set_bytes (priv->b, dq);
  mpz_set_bytes (priv->c, qi);

  /* These checks run once, on material the caller already holds, with
   * GMP's ordinary (not side-channel silent) arithmetic. */
  mpz_init_sized (t, 2 * bits);
  mpz_init_sized (u, 2 * bits);

  matches = mpz_cmp_ui (priv->p, 1) > 0 && mpz_cmp_ui (priv->q, 1) > 0;
  if (matches)
    {
      mpz_mul (t, priv->p, priv->q);
      matches = mpz_cmp (t, pub->n) == 0;
    }

  /* dp = d mod (p-1), e·dp = 1 mod (p-1); likewise for q; qi·q = 1 mod p. */
  consistent = matches && mpz_sgn (priv->d) > 0 && mpz_cmp (priv->d, pub->n) < 0;
  if (consistent)
    {
      mpz_sub_ui (t, priv->p, 1);
      mpz_mod (u, priv->d, t);
      consistent = mpz_cmp (u, priv->a) == 0;
      mpz_mul (u, pub->e, priv->a);
      mpz_mod (u, u, t);
      consistent = consistent && mpz_cmp_ui (u, 1) == 0;
    }
  if (consistent)
    {
      mpz_sub_ui (t, priv->q, 1);
      mpz_mod (u, priv->d, t);
      consistent = mpz_cmp (u, priv->b) == 0;
      mpz_mul (u, pub->e, priv->b);
      mpz_mod (u, u, t);
      consistent = consistent && mpz_cmp_ui (u, 1) == 0;
    }
  if (consistent)
    {
      consistent = mpz_sgn (priv->c) > 0 && mpz_cmp (priv->c, priv->p) < 0;
      mpz_mul (u, priv->c, priv->q);
      mpz_mod (u, u, priv->p);
      consistent = consistent && mpz_cmp_ui (u, 1) == 0;
    }

  mpz_wipe_clear (t);
  mpz_wipe_clear (u);

  if (!matches)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                           _("The RSA private key does not match its public key: p·q is not n"));
      return FALSE;
    }
  if (!consistent || !rsa_private_key_prepare (priv) || priv->size != pub->size)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                           _("The RSA private key is inconsistent: “d”, “dp”, “dq” and “qi” do not fit its primes"));
      return FALSE;
    }
  key->is_private = TRUE;
  return TRUE;
}

OA2CryptoKey *
oa2_crypto_key_new_rsa (GBytes  *n,
                        GBytes  *e,
                        GBytes  *d,
                        GBytes  *p,
                        GBytes  *q,
                        GBytes  *dp,
                        GBytes  *dq,
                        GBytes  *qi,
                        GError **error)
{
  g_autoptr(OA2CryptoKey) key = NULL;
  gboolean any_private = d != NULL || p != NULL || q != NULL || dp != NULL || dq != NULL || qi != NULL;
  gboolean all_private = d != NULL && p != NULL && q != NULL && dp != NULL && dq != NULL && qi != NULL;
  gsize bits;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n == NULL || e == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                           _("An RSA key needs its modulus “n” and its exponent “e”"));
      return NULL;
    }
  if (any_private && !all_private)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                           _("An RSA private key needs all of “d”, “p”, “q”, “dp”, “dq” and “qi”"));
      return NULL;
    }
  /* Refuse absurd sizes before GMP reads them. */
  if (g_bytes_get_size (n) > OA2_RSA_MAX_BITS / 8 + 1 || g_bytes_get_size (e) > OA2_RSA_MAX_BITS / 8 + 1)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                   /* Translators: %u is a number of bits */
                   _("The RSA modulus or exponent is longer than %u bits"), (guint) OA2_RSA_MAX_BITS);
      return NULL;
    }

  key = key_new (OA2_KTY_RSA, OA2_CURVE_NONE);
  rsa_public_key_init (&key->rsa_pub);
  key->rsa_pub_init = TRUE;
  mpz_set_bytes (key->rsa_pub.n, n);
  mpz_set_bytes (key->rsa_pub.e, e);

  bits = mpz_sgn (key->rsa_pub.n) > 0 ? mpz_sizeinbase (key->rsa_pub.n, 2) : 0;
  if (bits < OA2_RSA_MIN_BITS || bits > OA2_RSA_MAX_BITS)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                   /* Translators: all three are numbers of bits */
                   _("The RSA modulus has %u bits; it must have between %u and %u"),
                   (guint) bits, (guint) OA2_RSA_MIN_BITS, (guint) OA2_RSA_MAX_BITS);
      return NULL;
    }
  if (mpz_even_p (key->rsa_pub.n))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                           _("The RSA modulus is even"));
      return NULL;
    }
  /* Each verification costs a multiplication per bit of e: a long one
   * (the review's had 16383 bits) makes it hundreds of times slower. */
  if (mpz_cmp_ui (key->rsa_pub.e, 3) < 0 || mpz_even_p (key->rsa_pub.e) ||
      mpz_sizeinbase (key->rsa_pub.e, 2) > OA2_RSA_MAX_EXPONENT_BITS)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                   /* Translators: %u is a number of bits */
                   _("The RSA exponent “e” must be odd, at least 3 and at most %u bits long"),
                   (guint) OA2_RSA_MAX_EXPONENT_BITS);
      return NULL;
    }
  if (!rsa_public_key_prepare (&key->rsa_pub))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                           _("The RSA public key is invalid"));
      return NULL;
    }
  key->bits = bits;

  if (all_private && !rsa_set_private (key, d, p, q, dp, dq, qi, error))
    return NULL;
  return g_steal_pointer (&key);
}

/* EC */

static const char *
curve_name (OA2Curve curve)
{
  const char *name = oa2_curve_to_string (curve);

  return name != NULL ? name : "?";
}

OA2CryptoKey *
oa2_crypto_key_new_ec (OA2Curve  curve,
                       GBytes   *x,
                       GBytes   *y,
                       GBytes   *d,
                       GError  **error)
{
  const CurveInfo *info = curve_info (curve, OA2_KTY_EC);
  g_autoptr(OA2CryptoKey) key = NULL;
  const struct ecc_curve *ecc;
  mpz_t mx, my;
  gboolean on_curve;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (info == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                           _("An EC key must be on the curve P-256, P-384 or P-521"));
      return NULL;
    }
  if (x == NULL || y == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                           _("An EC key needs both coordinates “x” and “y”"));
      return NULL;
    }
  if (g_bytes_get_size (x) != info->size || g_bytes_get_size (y) != info->size)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                   /* Translators: %s is a curve such as "P-256", %u a number of bytes */
                   _("The coordinates of a %s key must be %u bytes long"),
                   curve_name (curve), (guint) info->size);
      return NULL;
    }
  if (d != NULL && g_bytes_get_size (d) != info->size)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                   /* Translators: %s is a curve such as "P-256", %u a number of bytes */
                   _("The private key “d” of a %s key must be %u bytes long"),
                   curve_name (curve), (guint) info->size);
      return NULL;
    }

  key = key_new (OA2_KTY_EC, curve);
  key->bits = info->bits;
  ecc = info->nettle_curve ();
  ecc_point_init (&key->ec_pub, ecc);
  key->ec_pub_init = TRUE;

  mpz_init (mx);
  mpz_init (my);
  mpz_set_bytes (mx, x);
  mpz_set_bytes (my, y);
  /* Fails for coordinates outside [0, p) and for points off the curve. */
  on_curve = ecc_point_set (&key->ec_pub, mx, my);
  if (!on_curve)
    {
      mpz_clear (mx);
      mpz_clear (my);
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                   /* Translators: %s is a curve such as "P-256" */
                   _("The point (x, y) is not on the curve %s"), curve_name (curve));
      return NULL;
    }
  /* Copies, not references: the caller's bytes may be a slice of a larger
   * buffer (a whole JWK, "d" included) that a reference would keep alive. */
  key->x = new_bytes (g_bytes_get_data (x, NULL), info->size, FALSE);
  key->y = new_bytes (g_bytes_get_data (y, NULL), info->size, FALSE);

  if (d != NULL)
    {
      struct ecc_point derived;
      mpz_t md;
      gboolean in_range, matches = FALSE;

      ecc_scalar_init (&key->ec_priv, ecc);
      key->ec_priv_init = TRUE;
      mpz_init_sized (md, 8 * info->size);
      mpz_set_bytes (md, d);
      /* Fails unless 0 < d < the group order. */
      in_range = ecc_scalar_set (&key->ec_priv, md);
      mpz_wipe_clear (md);

      if (in_range)
        {
          mpz_t dx, dy;

          mpz_init (dx);
          mpz_init (dy);
          ecc_point_init (&derived, ecc);
          ecc_point_mul_g (&derived, &key->ec_priv);
          ecc_point_get (&derived, dx, dy);
          matches = mpz_cmp (dx, mx) == 0 && mpz_cmp (dy, my) == 0;
          ecc_point_clear (&derived);
          mpz_clear (dx);
          mpz_clear (dy);
        }
      mpz_clear (mx);
      mpz_clear (my);
      if (!in_range)
        {
          g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                               _("The EC private key “d” is not between 1 and the group order"));
          return NULL;
        }
      if (!matches)
        {
          g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                               _("The EC private key “d” does not match the point (x, y)"));
          return NULL;
        }
      key->is_private = TRUE;
    }
  else
    {
      mpz_clear (mx);
      mpz_clear (my);
    }

  return g_steal_pointer (&key);
}

/* OKP */

static void
okp_derive_public (OA2Curve      curve,
                   const guint8 *priv,
                   guint8       *pub)
{
  switch (curve)
    {
    case OA2_CURVE_ED25519:
      ed25519_sha512_public_key (pub, priv);
      break;
    case OA2_CURVE_ED448:
      ed448_shake256_public_key (pub, priv);
      break;
    case OA2_CURVE_X25519:
      curve25519_mul_g (pub, priv);
      break;
    case OA2_CURVE_X448:
      curve448_mul_g (pub, priv);
      break;
    default:
      g_assert_not_reached ();
    }
}

OA2CryptoKey *
oa2_crypto_key_new_okp (OA2Curve  curve,
                        GBytes   *x,
                        GBytes   *d,
                        GError  **error)
{
  const CurveInfo *info = curve_info (curve, OA2_KTY_OKP);
  g_autoptr(OA2CryptoKey) key = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (info == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                           _("An OKP key must be on the curve Ed25519, Ed448, X25519 or X448"));
      return NULL;
    }
  if (x == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                           _("An OKP key needs its public key “x”"));
      return NULL;
    }
  if (g_bytes_get_size (x) != info->size || (d != NULL && g_bytes_get_size (d) != info->size))
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                   /* Translators: %s is a curve such as "Ed25519", %u a number of bytes */
                   _("The keys “x” and “d” of a %s key must be %u bytes long"),
                   curve_name (curve), (guint) info->size);
      return NULL;
    }

  if (d != NULL)
    {
      guint8 derived[ED448_KEY_SIZE];

      G_STATIC_ASSERT (ED448_KEY_SIZE >= ED25519_KEY_SIZE &&
                       ED448_KEY_SIZE >= CURVE25519_SIZE &&
                       ED448_KEY_SIZE >= CURVE448_SIZE);
      okp_derive_public (curve, g_bytes_get_data (d, NULL), derived);
      if (!oa2_crypto_equal (derived, g_bytes_get_data (x, NULL), info->size))
        {
          g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                               _("The OKP public key “x” does not match the private key “d”"));
          return NULL;
        }
    }

  key = key_new (OA2_KTY_OKP, curve);
  key->bits = info->bits;
  key->x = new_bytes (g_bytes_get_data (x, NULL), info->size, FALSE);
  if (d != NULL)
    {
      key->d = new_bytes (g_bytes_get_data (d, NULL), info->size, TRUE);
      key->is_private = TRUE;
    }
  return g_steal_pointer (&key);
}

/* oct */

OA2CryptoKey *
oa2_crypto_key_new_oct (GBytes  *k,
                        GError **error)
{
  OA2CryptoKey *key;
  gsize len;
  const guint8 *data;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (k == NULL || g_bytes_get_size (k) == 0)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                           _("A symmetric key “k” cannot be empty"));
      return NULL;
    }
  data = g_bytes_get_data (k, &len);
  if (len > G_MAXUINT / 8)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                           _("The symmetric key “k” is too long"));
      return NULL;
    }
  key = key_new (OA2_KTY_OCT, OA2_CURVE_NONE);
  key->bits = 8 * len;
  key->k = new_bytes (data, len, TRUE);
  /* A symmetric key is secret through and through. */
  key->is_private = TRUE;
  return key;
}

/* Generation */

static OA2CryptoKey *
generate_rsa (guint    bits,
              GError **error)
{
  struct rsa_public_key pub;
  struct rsa_private_key priv;
  g_autoptr(GBytes) n = NULL, e = NULL, d = NULL, p = NULL, q = NULL;
  g_autoptr(GBytes) dp = NULL, dq = NULL, qi = NULL;
  gboolean ok;

  if (bits < OA2_RSA_MIN_BITS || bits > OA2_RSA_MAX_BITS)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                   /* Translators: all three are numbers of bits */
                   _("Cannot make an RSA key of %u bits; it must have between %u and %u"),
                   bits, (guint) OA2_RSA_MIN_BITS, (guint) OA2_RSA_MAX_BITS);
      return NULL;
    }

  rsa_public_key_init (&pub);
  rsa_private_key_init (&priv);
  mpz_realloc2 (priv.d, bits + 64);
  mpz_realloc2 (priv.p, bits / 2 + 64);
  mpz_realloc2 (priv.q, bits / 2 + 64);
  mpz_realloc2 (priv.a, bits / 2 + 64);
  mpz_realloc2 (priv.b, bits / 2 + 64);
  mpz_realloc2 (priv.c, bits / 2 + 64);
  mpz_set_ui (pub.e, 65537);
  ok = rsa_generate_keypair (&pub, &priv, NULL, random_key_func, NULL, NULL, bits, 0);
  if (ok)
    {
      n = mpz_to_bytes (pub.n, 0, FALSE);
      e = mpz_to_bytes (pub.e, 0, FALSE);
      d = mpz_to_bytes (priv.d, 0, TRUE);
      p = mpz_to_bytes (priv.p, 0, TRUE);
      q = mpz_to_bytes (priv.q, 0, TRUE);
      dp = mpz_to_bytes (priv.a, 0, TRUE);
      dq = mpz_to_bytes (priv.b, 0, TRUE);
      qi = mpz_to_bytes (priv.c, 0, TRUE);
    }
  rsa_public_key_clear (&pub);
  mpz_wipe_clear (priv.d);
  mpz_wipe_clear (priv.p);
  mpz_wipe_clear (priv.q);
  mpz_wipe_clear (priv.a);
  mpz_wipe_clear (priv.b);
  mpz_wipe_clear (priv.c);

  if (!ok)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_FAILED,
                           _("Nettle could not generate an RSA key"));
      return NULL;
    }
  return oa2_crypto_key_new_rsa (n, e, d, p, q, dp, dq, qi, error);
}

static OA2CryptoKey *
generate_ec (OA2Curve         curve,
             const CurveInfo *info,
             GError         **error)
{
  const struct ecc_curve *ecc = info->nettle_curve ();
  struct ecc_point pub;
  struct ecc_scalar priv;
  mpz_t mx, my, md;
  g_autoptr(GBytes) x = NULL, y = NULL, d = NULL;

  ecc_point_init (&pub, ecc);
  ecc_scalar_init (&priv, ecc);
  ecdsa_generate_keypair (&pub, &priv, NULL, random_key_func);

  mpz_init (mx);
  mpz_init (my);
  mpz_init_sized (md, 8 * info->size);
  ecc_point_get (&pub, mx, my);
  ecc_scalar_get (&priv, md);
  x = mpz_to_bytes (mx, info->size, FALSE);
  y = mpz_to_bytes (my, info->size, FALSE);
  d = mpz_to_bytes (md, info->size, TRUE);
  mpz_clear (mx);
  mpz_clear (my);
  mpz_wipe_clear (md);
  ecc_point_clear (&pub);
  oa2_secret_wipe (priv.p, (gsize) ecc_size (ecc) * sizeof (mp_limb_t));
  ecc_scalar_clear (&priv);

  return oa2_crypto_key_new_ec (curve, x, y, d, error);
}

static OA2CryptoKey *
generate_okp (OA2Curve         curve,
              const CurveInfo *info,
              GError         **error)
{
  guint8 *priv = g_malloc (info->size);
  guint8 *pub = g_malloc (info->size);
  g_autoptr(GBytes) d = NULL, x = NULL;

  /* Any string of the right size is a valid EdDSA seed or X25519/X448
   * scalar (RFC 8032 §5.1.5, §5.2.5; RFC 7748 §5). */
  oa2_crypto_random (priv, info->size);
  okp_derive_public (curve, priv, pub);
  d = oa2_secret_bytes_new_take (priv, info->size);
  x = g_bytes_new_take (pub, info->size);
  return oa2_crypto_key_new_okp (curve, x, d, error);
}

static OA2CryptoKey *
generate_oct (guint    bits,
              GError **error)
{
  g_autoptr(GBytes) k = NULL;
  guint8 *buffer;

  if (bits < 128 || bits > OA2_OCT_MAX_BITS || bits % 8 != 0)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                   /* Translators: the first %u is a number of bits asked for; the others bounds in bits */
                   _("Cannot make a symmetric key of %u bits; it must be a whole number of bytes, from %u to %u bits"),
                   bits, 128u, (guint) OA2_OCT_MAX_BITS);
      return NULL;
    }
  buffer = g_malloc (bits / 8);
  oa2_crypto_random (buffer, bits / 8);
  k = oa2_secret_bytes_new_take (buffer, bits / 8);
  return oa2_crypto_key_new_oct (k, error);
}

OA2CryptoKey *
oa2_crypto_key_generate (OA2Kty     kty,
                         OA2Curve   curve,
                         guint      bits,
                         GError   **error)
{
  const CurveInfo *info;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (kty)
    {
    case OA2_KTY_RSA:
      return generate_rsa (bits, error);

    case OA2_KTY_EC:
    case OA2_KTY_OKP:
      info = curve_info (curve, kty);
      if (info == NULL)
        {
          g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                       /* Translators: %s is a curve name such as "Ed25519", or "?" */
                       _("Cannot make a key of this type on the curve %s"), curve_name (curve));
          return NULL;
        }
      return kty == OA2_KTY_EC ? generate_ec (curve, info, error) : generate_okp (curve, info, error);

    case OA2_KTY_OCT:
      return generate_oct (bits, error);

    default:
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                           _("Unknown key type"));
      return NULL;
    }
}

/* PEM and DER, through GnuTLS */

/* Moves a GnuTLS-allocated datum into a GBytes, wiping the original. */
static GBytes *
datum_take (gnutls_datum_t *datum,
            gboolean        secret)
{
  GBytes *bytes = new_bytes (datum->data, datum->size, secret);

  if (datum->data != NULL)
    {
      if (secret)
        oa2_secret_wipe (datum->data, datum->size);
      gnutls_free (datum->data);
    }
  datum->data = NULL;
  datum->size = 0;
  return bytes;
}

/* Like datum_take(), at exactly @size bytes: GnuTLS may drop leading zero
 * bytes of a coordinate or add one; NULL if the value does not fit. */
static GBytes *
datum_take_fixed (gnutls_datum_t *datum,
                  gsize           size,
                  gboolean        secret)
{
  const guint8 *data = datum->data;
  gsize len = datum->size;
  GBytes *bytes = NULL;

  while (len > size && *data == 0)
    {
      data++;
      len--;
    }
  if (len <= size && (data != NULL || len == 0))
    {
      guint8 *buffer = g_malloc0 (MAX (size, 1));

      if (len > 0)
        memcpy (buffer + size - len, data, len);
      bytes = secret ? oa2_secret_bytes_new_take (buffer, size) : g_bytes_new_take (buffer, size);
    }
  if (datum->data != NULL)
    {
      if (secret)
        oa2_secret_wipe (datum->data, datum->size);
      gnutls_free (datum->data);
    }
  datum->data = NULL;
  datum->size = 0;
  return bytes;
}

static OA2Curve
curve_from_gnutls (gnutls_ecc_curve_t curve)
{
  switch (curve)
    {
    case GNUTLS_ECC_CURVE_SECP256R1:
      return OA2_CURVE_P256;
    case GNUTLS_ECC_CURVE_SECP384R1:
      return OA2_CURVE_P384;
    case GNUTLS_ECC_CURVE_SECP521R1:
      return OA2_CURVE_P521;
    case GNUTLS_ECC_CURVE_ED25519:
      return OA2_CURVE_ED25519;
    case GNUTLS_ECC_CURVE_ED448:
      return OA2_CURVE_ED448;
    case GNUTLS_ECC_CURVE_X25519:
      return OA2_CURVE_X25519;
    case GNUTLS_ECC_CURVE_X448:
      return OA2_CURVE_X448;
    default:
      return OA2_CURVE_NONE;
    }
}

static gboolean
check_pk_algorithm (int       algorithm,
                    GError  **error)
{
  const char *name;

  switch (algorithm)
    {
    case GNUTLS_PK_RSA:
    case GNUTLS_PK_ECDSA:
    case GNUTLS_PK_EDDSA_ED25519:
    case GNUTLS_PK_EDDSA_ED448:
    case GNUTLS_PK_ECDH_X25519:
    case GNUTLS_PK_ECDH_X448:
      return TRUE;
    case GNUTLS_PK_RSA_PSS:
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                           _("RSA keys restricted to RSA-PSS are not supported; use a plain RSA key"));
      return FALSE;
    default:
      name = algorithm >= 0 ? gnutls_pk_algorithm_get_name (algorithm) : NULL;
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                   /* Translators: %s is a public-key algorithm such as "DSA" */
                   _("Keys of type %s are not supported"), name != NULL ? name : "?");
      return FALSE;
    }
}

static OA2CryptoKey *
key_from_ecc_params (gnutls_ecc_curve_t  gcurve,
                     gnutls_datum_t     *x,
                     gnutls_datum_t     *y,
                     gnutls_datum_t     *k,
                     GError            **error)
{
  OA2Curve curve = curve_from_gnutls (gcurve);
  const CurveInfo *info = curve != OA2_CURVE_NONE ? &curve_infos[curve] : NULL;
  g_autoptr(GBytes) xb = NULL, yb = NULL, kb = NULL;
  const char *name;

  if (info == NULL)
    {
      name = gnutls_ecc_curve_get_name (gcurve);
      gnutls_free (x->data);
      gnutls_free (y->data);
      if (k != NULL && k->data != NULL)
        {
          oa2_secret_wipe (k->data, k->size);
          gnutls_free (k->data);
        }
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                   /* Translators: %s is an elliptic curve such as "SECP224R1" */
                   _("Keys on the curve %s are not supported"), name != NULL ? name : "?");
      return NULL;
    }

  xb = datum_take_fixed (x, info->size, FALSE);
  yb = info->kty == OA2_KTY_EC ? datum_take_fixed (y, info->size, FALSE) : datum_take (y, FALSE);
  if (k != NULL)
    kb = datum_take_fixed (k, info->size, TRUE);
  if (xb == NULL || yb == NULL || (k != NULL && kb == NULL))
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                   /* Translators: %s is a curve such as "P-256" */
                   _("The %s key has parameters of the wrong size"), curve_name (curve));
      return NULL;
    }
  if (info->kty == OA2_KTY_EC)
    return oa2_crypto_key_new_ec (curve, xb, yb, kb, error);
  return oa2_crypto_key_new_okp (curve, xb, kb, error);
}

static OA2CryptoKey *
key_from_privkey (gnutls_privkey_t   privkey,
                  GError           **error)
{
  int algorithm = gnutls_privkey_get_pk_algorithm (privkey, NULL);
  int ret;

  if (!check_pk_algorithm (algorithm, error))
    return NULL;

  if (algorithm == GNUTLS_PK_RSA)
    {
      gnutls_datum_t m = { 0 }, e = { 0 }, d = { 0 }, p = { 0 }, q = { 0 };
      gnutls_datum_t u = { 0 }, e1 = { 0 }, e2 = { 0 };
      g_autoptr(GBytes) nb = NULL, eb = NULL, db = NULL, pb = NULL, qb = NULL;
      g_autoptr(GBytes) dpb = NULL, dqb = NULL, qib = NULL;

      ret = gnutls_privkey_export_rsa_raw2 (privkey, &m, &e, &d, &p, &q, &u, &e1, &e2,
                                            GNUTLS_EXPORT_FLAG_NO_LZ);
      if (ret < 0)
        {
          g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                       /* Translators: %s is GnuTLS's explanation */
                       _("Cannot read the RSA key: %s"), gnutls_strerror (ret));
          return NULL;
        }
      nb = datum_take (&m, FALSE);
      eb = datum_take (&e, FALSE);
      db = datum_take (&d, TRUE);
      pb = datum_take (&p, TRUE);
      qb = datum_take (&q, TRUE);
      /* GnuTLS's coefficient u is q⁻¹ mod p, PKCS #1's qInv. */
      qib = datum_take (&u, TRUE);
      dpb = datum_take (&e1, TRUE);
      dqb = datum_take (&e2, TRUE);
      return oa2_crypto_key_new_rsa (nb, eb, db, pb, qb, dpb, dqb, qib, error);
    }
  else
    {
      gnutls_ecc_curve_t gcurve = GNUTLS_ECC_CURVE_INVALID;
      gnutls_datum_t x = { 0 }, y = { 0 }, k = { 0 };

      ret = gnutls_privkey_export_ecc_raw2 (privkey, &gcurve, &x, &y, &k, GNUTLS_EXPORT_FLAG_NO_LZ);
      if (ret < 0)
        {
          g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                       /* Translators: %s is GnuTLS's explanation */
                       _("Cannot read the elliptic-curve key: %s"), gnutls_strerror (ret));
          return NULL;
        }
      return key_from_ecc_params (gcurve, &x, &y, &k, error);
    }
}

OA2CryptoKey *
oa2_crypto_key_new_from_gnutls_pubkey (gnutls_pubkey_t   pubkey,
                                       GError          **error)
{
  int algorithm = gnutls_pubkey_get_pk_algorithm (pubkey, NULL);
  int ret;

  if (!check_pk_algorithm (algorithm, error))
    return NULL;

  if (algorithm == GNUTLS_PK_RSA)
    {
      gnutls_datum_t m = { 0 }, e = { 0 };
      g_autoptr(GBytes) nb = NULL, eb = NULL;

      ret = gnutls_pubkey_export_rsa_raw2 (pubkey, &m, &e, GNUTLS_EXPORT_FLAG_NO_LZ);
      if (ret < 0)
        {
          g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                       /* Translators: %s is GnuTLS's explanation */
                       _("Cannot read the RSA key: %s"), gnutls_strerror (ret));
          return NULL;
        }
      nb = datum_take (&m, FALSE);
      eb = datum_take (&e, FALSE);
      return oa2_crypto_key_new_rsa (nb, eb, NULL, NULL, NULL, NULL, NULL, NULL, error);
    }
  else
    {
      gnutls_ecc_curve_t gcurve = GNUTLS_ECC_CURVE_INVALID;
      gnutls_datum_t x = { 0 }, y = { 0 };

      ret = gnutls_pubkey_export_ecc_raw2 (pubkey, &gcurve, &x, &y, GNUTLS_EXPORT_FLAG_NO_LZ);
      if (ret < 0)
        {
          g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                       /* Translators: %s is GnuTLS's explanation */
                       _("Cannot read the elliptic-curve key: %s"), gnutls_strerror (ret));
          return NULL;
        }
      return key_from_ecc_params (gcurve, &x, &y, NULL, error);
    }
}

/* The import_*() functions return NULL and leave @error unset when GnuTLS
 * cannot parse the data at all (*gnutls_error says why), so that DER input
 * can try the next format; a parsed key that fails the checks sets @error. */

static OA2CryptoKey *
import_private (const gnutls_datum_t   *datum,
                gnutls_x509_crt_fmt_t   format,
                int                    *gnutls_error,
                GError                **error)
{
  gnutls_privkey_t privkey = NULL;
  OA2CryptoKey *key = NULL;
  int ret;

  ret = gnutls_privkey_init (&privkey);
  if (ret >= 0)
    /* GNUTLS_PKCS_PLAIN: never ask for a password; an encrypted key fails
     * with GNUTLS_E_DECRYPTION_FAILED. */
    ret = gnutls_privkey_import_x509_raw (privkey, datum, format, NULL, GNUTLS_PKCS_PLAIN);
  if (ret >= 0)
    key = key_from_privkey (privkey, error);
  *gnutls_error = ret;
  gnutls_privkey_deinit (privkey);
  return key;
}

static OA2CryptoKey *
import_public (const gnutls_datum_t   *datum,
               gnutls_x509_crt_fmt_t   format,
               int                    *gnutls_error,
               GError                **error)
{
  gnutls_pubkey_t pubkey = NULL;
  OA2CryptoKey *key = NULL;
  int ret;

  ret = gnutls_pubkey_init (&pubkey);
  if (ret >= 0)
    ret = gnutls_pubkey_import (pubkey, datum, format);
  if (ret >= 0)
    key = oa2_crypto_key_new_from_gnutls_pubkey (pubkey, error);
  *gnutls_error = ret;
  gnutls_pubkey_deinit (pubkey);
  return key;
}

static OA2CryptoKey *
import_certificate (const gnutls_datum_t   *datum,
                    gnutls_x509_crt_fmt_t   format,
                    int                    *gnutls_error,
                    GError                **error)
{
  gnutls_x509_crt_t crt = NULL;
  gnutls_pubkey_t pubkey = NULL;
  OA2CryptoKey *key = NULL;
  int ret;

  ret = gnutls_x509_crt_init (&crt);
  if (ret >= 0)
    ret = gnutls_x509_crt_import (crt, datum, format);
  if (ret >= 0)
    ret = gnutls_pubkey_init (&pubkey);
  if (ret >= 0)
    ret = gnutls_pubkey_import_x509 (pubkey, crt, 0);
  if (ret >= 0)
    key = oa2_crypto_key_new_from_gnutls_pubkey (pubkey, error);
  *gnutls_error = ret;
  if (pubkey != NULL)
    gnutls_pubkey_deinit (pubkey);
  gnutls_x509_crt_deinit (crt);
  return key;
}

/* A PKCS #1 RSAPublicKey (RFC 8017 §A.1.1), which GnuTLS does not import
 * on its own; Nettle parses it. */
static OA2CryptoKey *
import_pkcs1_public_der (const guint8  *der,
                         gsize          len,
                         gboolean      *parsed,
                         GError       **error)
{
  struct rsa_public_key pub;
  OA2CryptoKey *key = NULL;

  rsa_public_key_init (&pub);
  *parsed = rsa_keypair_from_der (&pub, NULL, OA2_RSA_MAX_BITS, len, der);
  if (*parsed)
    {
      g_autoptr(GBytes) n = mpz_to_bytes (pub.n, 0, FALSE);
      g_autoptr(GBytes) e = mpz_to_bytes (pub.e, 0, FALSE);

      key = oa2_crypto_key_new_rsa (n, e, NULL, NULL, NULL, NULL, NULL, NULL, error);
    }
  rsa_public_key_clear (&pub);
  return key;
}

static void
set_unreadable_error (GError     **error,
                      const char  *what,
                      int          gnutls_error)
{
  if (gnutls_error == GNUTLS_E_DECRYPTION_FAILED)
    g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                         _("Encrypted private keys are not supported; decrypt the key first"));
  else
    g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                 /* Translators: the first %s is what was read, such as "PRIVATE KEY"; the second GnuTLS's explanation */
                 _("Cannot read the PEM block “%s”: %s"), what, gnutls_strerror (gnutls_error));
}

/* memmem(), which is a GNU extension. */
static const guint8 *
find_bytes (const guint8 *haystack,
            gsize         haystack_len,
            const char   *needle,
            gsize         needle_len)
{
  if (needle_len == 0 || haystack_len < needle_len)
    return NULL;
  for (gsize i = 0; i <= haystack_len - needle_len; i++)
    {
      if (haystack[i] == (guint8) needle[0] && memcmp (haystack + i, needle, needle_len) == 0)
        return haystack + i;
    }
  return NULL;
}

/* The label of the first "-----BEGIN label-----" line: NULL when there is
 * none (not PEM), "" when it is malformed. The "EC PARAMETERS" block that
 * OpenSSL writes before an "EC PRIVATE KEY" is skipped. */
static char *
pem_label (const guint8 *data,
           gsize         len)
{
  static const char begin[] = "-----BEGIN ";
  const guint8 *start = data;
  gsize rest = len;

  while ((start = find_bytes (start, rest, begin, strlen (begin))) != NULL)
    {
      const guint8 *end;

      start += strlen (begin);
      rest = len - (gsize) (start - data);
      end = find_bytes (start, MIN (rest, 64), "-----", 5);
      if (end == NULL)
        return g_strdup ("");
      for (const guint8 *c = start; c < end; c++)
        {
          if (!g_ascii_isupper (*c) && !g_ascii_isdigit (*c) && *c != ' ')
            return g_strdup ("");
        }
      if ((gsize) (end - start) != strlen ("EC PARAMETERS") ||
          memcmp (start, "EC PARAMETERS", strlen ("EC PARAMETERS")) != 0)
        return g_strndup ((const char *) start, (gsize) (end - start));
    }
  return find_bytes (data, len, "-----BEGIN", 10) != NULL ? g_strdup ("") : NULL;
}

static OA2CryptoKey *
import_pem (const gnutls_datum_t  *datum,
            const char            *label,
            GError               **error)
{
  OA2CryptoKey *key = NULL;
  GError *local_error = NULL;
  int gnutls_error = 0;

  /* PKCS #8 encryption has its own label; the legacy OpenSSL one is a
   * header inside the PKCS #1 or SEC 1 block. */
  if (strcmp (label, "ENCRYPTED PRIVATE KEY") == 0 ||
      ((strcmp (label, "RSA PRIVATE KEY") == 0 || strcmp (label, "EC PRIVATE KEY") == 0) &&
       find_bytes (datum->data, datum->size, "Proc-Type: 4,ENCRYPTED", 22) != NULL))
    {
      set_unreadable_error (error, label, GNUTLS_E_DECRYPTION_FAILED);
      return NULL;
    }

  if (strcmp (label, "PRIVATE KEY") == 0 || strcmp (label, "RSA PRIVATE KEY") == 0 ||
      strcmp (label, "EC PRIVATE KEY") == 0)
    key = import_private (datum, GNUTLS_X509_FMT_PEM, &gnutls_error, &local_error);
  else if (strcmp (label, "PUBLIC KEY") == 0)
    key = import_public (datum, GNUTLS_X509_FMT_PEM, &gnutls_error, &local_error);
  else if (strcmp (label, "CERTIFICATE") == 0 || strcmp (label, "X509 CERTIFICATE") == 0)
    key = import_certificate (datum, GNUTLS_X509_FMT_PEM, &gnutls_error, &local_error);
  else if (strcmp (label, "RSA PUBLIC KEY") == 0)
    {
      gnutls_datum_t der = { NULL, 0 };
      gboolean parsed = FALSE;

      gnutls_error = gnutls_pem_base64_decode2 ("RSA PUBLIC KEY", datum, &der);
      if (gnutls_error >= 0)
        {
          key = import_pkcs1_public_der (der.data, der.size, &parsed, &local_error);
          gnutls_free (der.data);
          if (!parsed)
            gnutls_error = GNUTLS_E_ASN1_DER_ERROR;
        }
    }
  else if (*label == '\0')
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                           _("The PEM data is malformed"));
      return NULL;
    }
  else
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                   /* Translators: %s is the label of a PEM block, such as "DSA PARAMETERS" */
                   _("PEM blocks of type “%s” are not supported"), label);
      return NULL;
    }

  if (key != NULL)
    return key;
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  else
    set_unreadable_error (error, label, gnutls_error);
  return NULL;
}

/* DER carries no label: try each structure in turn. */
static OA2CryptoKey *
import_der (const gnutls_datum_t  *datum,
            GError               **error)
{
  OA2CryptoKey *key;
  GError *local_error = NULL;
  int private_error = 0, other_error = 0;
  gboolean parsed = FALSE;

  key = import_private (datum, GNUTLS_X509_FMT_DER, &private_error, &local_error);
  if (key == NULL && local_error == NULL)
    key = import_public (datum, GNUTLS_X509_FMT_DER, &other_error, &local_error);
  if (key == NULL && local_error == NULL)
    key = import_certificate (datum, GNUTLS_X509_FMT_DER, &other_error, &local_error);
  if (key == NULL && local_error == NULL)
    key = import_pkcs1_public_der (datum->data, datum->size, &parsed, &local_error);

  if (key != NULL)
    return key;
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (private_error == GNUTLS_E_DECRYPTION_FAILED)
    set_unreadable_error (error, "", GNUTLS_E_DECRYPTION_FAILED);
  else
    g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                         _("The data is not a PEM or DER key or certificate that can be read"));
  return NULL;
}

OA2CryptoKey *
oa2_crypto_key_new_from_pem (const guint8  *data,
                             gsize          len,
                             GError       **error)
{
  g_autofree char *label = NULL;
  gnutls_datum_t datum;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len == 0 || len > G_MAXUINT)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                           len == 0 ? _("The key data is empty") : _("The key data is too large"));
      return NULL;
    }

  datum.data = (unsigned char *) data;
  datum.size = (unsigned int) len;
  label = pem_label (data, len);
  if (label == NULL)
    return import_der (&datum, error);
  return import_pem (&datum, label, error);
}

/* Accessors */

OA2Kty
oa2_crypto_key_get_kty (OA2CryptoKey *key)
{
  g_return_val_if_fail (key != NULL, OA2_KTY_OCT);

  return key->kty;
}

OA2Curve
oa2_crypto_key_get_curve (OA2CryptoKey *key)
{
  g_return_val_if_fail (key != NULL, OA2_CURVE_NONE);

  return key->curve;
}

gboolean
oa2_crypto_key_is_private (OA2CryptoKey *key)
{
  g_return_val_if_fail (key != NULL, FALSE);

  return key->is_private;
}

guint
oa2_crypto_key_get_bits (OA2CryptoKey *key)
{
  g_return_val_if_fail (key != NULL, 0);

  return key->bits;
}

OA2CryptoKey *
oa2_crypto_key_dup_public (OA2CryptoKey *key)
{
  g_autoptr(GBytes) n = NULL, e = NULL;
  g_autoptr(GError) error = NULL;
  OA2CryptoKey *copy = NULL;

  g_return_val_if_fail (key != NULL, NULL);

  if (key->kty == OA2_KTY_OCT)
    return NULL;
  if (!key->is_private)
    return oa2_crypto_key_ref (key);

  /* A token key's public structures are those of a public key already. */
  switch (key->kty)
    {
    case OA2_KTY_RSA:
      n = mpz_to_bytes (key->rsa_pub.n, 0, FALSE);
      e = mpz_to_bytes (key->rsa_pub.e, 0, FALSE);
      copy = oa2_crypto_key_new_rsa (n, e, NULL, NULL, NULL, NULL, NULL, NULL, &error);
      break;
    case OA2_KTY_EC:
      copy = oa2_crypto_key_new_ec (key->curve, key->x, key->y, NULL, &error);
      break;
    case OA2_KTY_OKP:
      copy = oa2_crypto_key_new_okp (key->curve, key->x, NULL, &error);
      break;
    case OA2_KTY_OCT:
    default:
      g_assert_not_reached ();
    }

  /* The public half of a key that passed the checks passes them again. */
  if (copy == NULL)
    g_critical ("Cannot copy the public half of a key: %s", error->message);
  return copy;
}

GBytes *
oa2_crypto_key_dup_param (OA2CryptoKey *key,
                          const char   *name)
{
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  switch (key->kty)
    {
    case OA2_KTY_RSA:
      if (strcmp (name, "n") == 0)
        return mpz_to_bytes (key->rsa_pub.n, 0, FALSE);
      if (strcmp (name, "e") == 0)
        return mpz_to_bytes (key->rsa_pub.e, 0, FALSE);
      if (!key->rsa_priv_init)
        return NULL;
      if (strcmp (name, "d") == 0)
        return mpz_to_bytes (key->rsa_priv.d, 0, TRUE);
      if (strcmp (name, "p") == 0)
        return mpz_to_bytes (key->rsa_priv.p, 0, TRUE);
      if (strcmp (name, "q") == 0)
        return mpz_to_bytes (key->rsa_priv.q, 0, TRUE);
      if (strcmp (name, "dp") == 0)
        return mpz_to_bytes (key->rsa_priv.a, 0, TRUE);
      if (strcmp (name, "dq") == 0)
        return mpz_to_bytes (key->rsa_priv.b, 0, TRUE);
      if (strcmp (name, "qi") == 0)
        return mpz_to_bytes (key->rsa_priv.c, 0, TRUE);
      return NULL;

    case OA2_KTY_EC:
      if (strcmp (name, "x") == 0)
        return g_bytes_ref (key->x);
      if (strcmp (name, "y") == 0)
        return g_bytes_ref (key->y);
      if (key->ec_priv_init && strcmp (name, "d") == 0)
        {
          gsize size = curve_infos[key->curve].size;
          GBytes *d;
          mpz_t md;

          mpz_init_sized (md, 8 * size);
          ecc_scalar_get (&key->ec_priv, md);
          d = mpz_to_bytes (md, size, TRUE);
          mpz_wipe_clear (md);
          return d;
        }
      return NULL;

    case OA2_KTY_OKP:
      if (strcmp (name, "x") == 0)
        return g_bytes_ref (key->x);
      if (key->d != NULL && strcmp (name, "d") == 0)
        return g_bytes_ref (key->d);
      return NULL;

    case OA2_KTY_OCT:
      if (strcmp (name, "k") == 0)
        return g_bytes_ref (key->k);
      return NULL;

    default:
      return NULL;
    }
}

const struct rsa_public_key *
oa2_crypto_key_get_rsa_public (OA2CryptoKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return key->kty == OA2_KTY_RSA ? &key->rsa_pub : NULL;
}

const struct rsa_private_key *
oa2_crypto_key_get_rsa_private (OA2CryptoKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return key->kty == OA2_KTY_RSA && key->rsa_priv_init ? &key->rsa_priv : NULL;
}

const struct ecc_point *
oa2_crypto_key_get_ec_public (OA2CryptoKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return key->kty == OA2_KTY_EC ? &key->ec_pub : NULL;
}

const struct ecc_scalar *
oa2_crypto_key_get_ec_private (OA2CryptoKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return key->kty == OA2_KTY_EC && key->ec_priv_init ? &key->ec_priv : NULL;
}

/* Token-held keys */

OA2CryptoToken *
oa2_crypto_key_get_token (OA2CryptoKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return key->token;
}

void
oa2_crypto_key_set_token (OA2CryptoKey   *key,
                          OA2CryptoToken *token)
{
  g_return_if_fail (key != NULL && !key->is_private && key->token == NULL);
  g_return_if_fail (key->kty == OA2_KTY_RSA || key->kty == OA2_KTY_EC);

  key->token = token;
  key->is_private = TRUE;
}

gboolean
oa2_crypto_key_is_in_token (OA2CryptoKey *key)
{
  g_return_val_if_fail (key != NULL, FALSE);

  return key->token != NULL;
}
