/* oa2-crypto.c: names, the CSPRNG, digests and constant-time comparison
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include <nettle/memops.h>
#include <nettle/sha1.h>
#include <nettle/sha2.h>
#include <nettle/sha3.h>

#include "oa2-crypto-private.h"
#include "oa2-secret-private.h"

/* Indexed by OA2Curve; NULL for OA2_CURVE_NONE. The JOSE names (RFC 7518
 * §6.2.1.1, RFC 8037 §2). */
static const char * const curve_names[] = {
  [OA2_CURVE_NONE] = NULL,
  [OA2_CURVE_P256] = "P-256",
  [OA2_CURVE_P384] = "P-384",
  [OA2_CURVE_P521] = "P-521",
  [OA2_CURVE_ED25519] = "Ed25519",
  [OA2_CURVE_ED448] = "Ed448",
  [OA2_CURVE_X25519] = "X25519",
  [OA2_CURVE_X448] = "X448",
};

/* Indexed by OA2SigAlg. "none" is deliberately absent: an unsecured JWS is
 * the JOSE layer's business, never an algorithm of this module. */
static const char * const sig_alg_names[] = {
  [OA2_SIG_HS256] = "HS256",
  [OA2_SIG_HS384] = "HS384",
  [OA2_SIG_HS512] = "HS512",
  [OA2_SIG_RS256] = "RS256",
  [OA2_SIG_RS384] = "RS384",
  [OA2_SIG_RS512] = "RS512",
  [OA2_SIG_PS256] = "PS256",
  [OA2_SIG_PS384] = "PS384",
  [OA2_SIG_PS512] = "PS512",
  [OA2_SIG_ES256] = "ES256",
  [OA2_SIG_ES384] = "ES384",
  [OA2_SIG_ES512] = "ES512",
  [OA2_SIG_EDDSA] = "EdDSA",
  [OA2_SIG_ED25519] = "Ed25519",
  [OA2_SIG_ED448] = "Ed448",
  [OA2_SIG_INVALID] = NULL,
};

const char *
oa2_curve_to_string (OA2Curve curve)
{
  if ((guint) curve >= G_N_ELEMENTS (curve_names))
    return NULL;
  return curve_names[curve];
}

OA2Curve
oa2_curve_from_string (const char *name)
{
  if (name == NULL)
    return OA2_CURVE_NONE;
  for (guint i = 0; i < G_N_ELEMENTS (curve_names); i++)
    {
      if (curve_names[i] != NULL && strcmp (curve_names[i], name) == 0)
        return (OA2Curve) i;
    }
  return OA2_CURVE_NONE;
}

const char *
oa2_sig_alg_to_string (OA2SigAlg alg)
{
  if ((guint) alg >= G_N_ELEMENTS (sig_alg_names))
    return NULL;
  return sig_alg_names[alg];
}

/* Case-sensitive, as JOSE "alg" values are (RFC 7515 §4.1.1). */
OA2SigAlg
oa2_sig_alg_from_string (const char *name)
{
  if (name == NULL)
    return OA2_SIG_INVALID;
  for (guint i = 0; i < G_N_ELEMENTS (sig_alg_names); i++)
    {
      if (sig_alg_names[i] != NULL && strcmp (sig_alg_names[i], name) == 0)
        return (OA2SigAlg) i;
    }
  return OA2_SIG_INVALID;
}

gsize
oa2_digest_size (OA2Digest digest)
{
  switch (digest)
    {
    case OA2_DIGEST_SHA1:
      return SHA1_DIGEST_SIZE;
    case OA2_DIGEST_SHA256:
      return SHA256_DIGEST_SIZE;
    case OA2_DIGEST_SHA384:
      return SHA384_DIGEST_SIZE;
    case OA2_DIGEST_SHA512:
      return SHA512_DIGEST_SIZE;
    default:
      g_return_val_if_reached (0);
    }
}

void
oa2_crypto_random (gpointer buffer,
                   gsize    len)
{
  int ret;

  if (len == 0)
    return;
  g_return_if_fail (buffer != NULL);

  ret = gnutls_rnd (GNUTLS_RND_KEY, buffer, len);
  if (ret < 0)
    g_error ("GnuTLS cannot produce random bytes: %s", gnutls_strerror (ret));
}

void
oa2_crypto_digest (OA2Digest     digest,
                   const guint8 *data,
                   gsize         len,
                   guint8       *out)
{
  g_return_if_fail (data != NULL || len == 0);
  g_return_if_fail (out != NULL);

  switch (digest)
    {
    case OA2_DIGEST_SHA1:
      {
        struct sha1_ctx ctx;

        sha1_init (&ctx);
        sha1_update (&ctx, len, data);
        sha1_digest (&ctx, SHA1_DIGEST_SIZE, out);
        oa2_secret_wipe (&ctx, sizeof ctx);
      }
      break;
    case OA2_DIGEST_SHA256:
      {
        struct sha256_ctx ctx;

        sha256_init (&ctx);
        sha256_update (&ctx, len, data);
        sha256_digest (&ctx, SHA256_DIGEST_SIZE, out);
        oa2_secret_wipe (&ctx, sizeof ctx);
      }
      break;
    case OA2_DIGEST_SHA384:
      {
        struct sha384_ctx ctx;

        sha384_init (&ctx);
        sha384_update (&ctx, len, data);
        sha384_digest (&ctx, SHA384_DIGEST_SIZE, out);
        oa2_secret_wipe (&ctx, sizeof ctx);
      }
      break;
    case OA2_DIGEST_SHA512:
      {
        struct sha512_ctx ctx;

        sha512_init (&ctx);
        sha512_update (&ctx, len, data);
        sha512_digest (&ctx, SHA512_DIGEST_SIZE, out);
        oa2_secret_wipe (&ctx, sizeof ctx);
      }
      break;
    default:
      g_return_if_reached ();
    }
}

/* Nettle's memeql_sec() touches every byte whatever the contents, so the
 * time taken says nothing about where the buffers differ. */
gboolean
oa2_crypto_equal (const guint8 *a,
                  const guint8 *b,
                  gsize         len)
{
  if (len == 0)
    return TRUE;
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return memeql_sec (a, b, len) != 0;
}

void
oa2_crypto_shake256 (const guint8 *data,
                     gsize         len,
                     guint8       *out,
                     gsize         out_len)
{
  struct sha3_256_ctx ctx;

  g_return_if_fail (data != NULL || len == 0);
  g_return_if_fail (out != NULL);

  sha3_256_init (&ctx);
  sha3_256_update (&ctx, len, data);
  sha3_256_shake (&ctx, out_len, out);
  oa2_secret_wipe (&ctx, sizeof ctx);
}
