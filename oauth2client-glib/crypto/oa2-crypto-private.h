/* oa2-crypto-private.h: the one module that touches Nettle and GnuTLS
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Keys, signatures and the CSPRNG. Nothing public exposes these types; the
 * JOSE layer (OA2Jwk, OA2Jwt) speaks JWK/JWS and calls down here. The JWE
 * primitives are in oa2-crypto-jwe-private.h and work on raw key material.
 *
 * Errors are OA2_ERROR codes: INVALID_KEY for malformed or weak material,
 * KEY_MISMATCH when a key does not fit an algorithm, UNSUPPORTED_ALGORITHM,
 * INVALID_SIGNATURE.
 */

#pragma once

#include <glib.h>
#include <nettle/ecc.h>
#include <nettle/rsa.h>

G_BEGIN_DECLS

typedef enum {
  OA2_KTY_RSA,
  OA2_KTY_EC,
  OA2_KTY_OKP,
  OA2_KTY_OCT,
} OA2Kty;

typedef enum {
  OA2_CURVE_NONE,
  OA2_CURVE_P256,
  OA2_CURVE_P384,
  OA2_CURVE_P521,
  OA2_CURVE_ED25519,
  OA2_CURVE_ED448,
  OA2_CURVE_X25519,
  OA2_CURVE_X448,
} OA2Curve;

/* JWS "alg" values (RFC 7518 §3, RFC 8037, and the fully-specified
 * Ed25519 and Ed448 of RFC 9864 §2.2, each of which names its curve). */
typedef enum {
  OA2_SIG_HS256,
  OA2_SIG_HS384,
  OA2_SIG_HS512,
  OA2_SIG_RS256,
  OA2_SIG_RS384,
  OA2_SIG_RS512,
  OA2_SIG_PS256,
  OA2_SIG_PS384,
  OA2_SIG_PS512,
  OA2_SIG_ES256,
  OA2_SIG_ES384,
  OA2_SIG_ES512,
  OA2_SIG_EDDSA,
  OA2_SIG_ED25519,
  OA2_SIG_ED448,
  OA2_SIG_INVALID,
} OA2SigAlg;

typedef enum {
  OA2_DIGEST_SHA1,
  OA2_DIGEST_SHA256,
  OA2_DIGEST_SHA384,
  OA2_DIGEST_SHA512,
} OA2Digest;

#define OA2_RSA_MIN_BITS 2048
#define OA2_RSA_MAX_BITS 16384
/* The public exponent, capped as BoringSSL caps it (e = 65537 has 17). */
#define OA2_RSA_MAX_EXPONENT_BITS 33

/* Names and lookups: "P-256" <-> OA2_CURVE_P256, "RS256" <-> OA2_SIG_RS256. */
const char *oa2_curve_to_string      (OA2Curve      curve);
OA2Curve    oa2_curve_from_string    (const char   *name);   /* OA2_CURVE_NONE if unknown */
const char *oa2_sig_alg_to_string    (OA2SigAlg     alg);
OA2SigAlg   oa2_sig_alg_from_string  (const char   *name);   /* OA2_SIG_INVALID if unknown; never "none" */
gsize       oa2_digest_size          (OA2Digest     digest);

/* CSPRNG: gnutls_rnd (GNUTLS_RND_KEY). Aborts only if GnuTLS cannot give
 * randomness at all, which leaves no safe way on. */
void        oa2_crypto_random        (gpointer      buffer,
                                      gsize         len);

void        oa2_crypto_digest        (OA2Digest     digest,
                                      const guint8 *data,
                                      gsize         len,
                                      guint8       *out);   /* oa2_digest_size() bytes */

/* SHAKE256 (FIPS 202) with @out_len bytes of output: Ed448's hash, which
 * OpenID Connect's at_hash and c_hash use for Ed448 signatures. */
void        oa2_crypto_shake256      (const guint8 *data,
                                      gsize         len,
                                      guint8       *out,
                                      gsize         out_len);

/* Constant-time comparison of two equal-length buffers. */
gboolean    oa2_crypto_equal         (const guint8 *a,
                                      const guint8 *b,
                                      gsize         len);

/* A key: immutable once built, reference-counted, private material wiped
 * when the last reference goes. Nettle structures are set up once, when
 * the key is built, never per operation. */
typedef struct _OA2CryptoKey OA2CryptoKey;

/* Parameters are unsigned big-endian integers, as base64url-decoded from a
 * JWK (RFC 7518 §6); any "private" parameter may be NULL for a public key.
 * Validation: RSA n of OA2_RSA_MIN_BITS..OA2_RSA_MAX_BITS bits, e odd,
 * >= 3 and of at most OA2_RSA_MAX_EXPONENT_BITS bits, private parts
 * consistent with n (p*q == n when p, q are given; a private RSA key
 * needs d, p, q, dp, dq, qi, as Nettle does); EC point on
 * its curve, coordinates of the curve's exact size, scalar in [1, n-1] and
 * matching the point; OKP x of the curve's size and, with d, equal to the
 * public key derived from d; oct any non-empty k. */
OA2CryptoKey *oa2_crypto_key_new_rsa      (GBytes        *n,
                                           GBytes        *e,
                                           GBytes        *d,
                                           GBytes        *p,
                                           GBytes        *q,
                                           GBytes        *dp,
                                           GBytes        *dq,
                                           GBytes        *qi,
                                           GError       **error);
OA2CryptoKey *oa2_crypto_key_new_ec       (OA2Curve       curve,
                                           GBytes        *x,
                                           GBytes        *y,
                                           GBytes        *d,
                                           GError       **error);
OA2CryptoKey *oa2_crypto_key_new_okp      (OA2Curve       curve,
                                           GBytes        *x,
                                           GBytes        *d,
                                           GError       **error);
OA2CryptoKey *oa2_crypto_key_new_oct      (GBytes        *k,
                                           GError       **error);

/* RSA: bits (>= 2048), EC/OKP: curve, oct: bits (>= 128). */
OA2CryptoKey *oa2_crypto_key_generate     (OA2Kty         kty,
                                           OA2Curve       curve,
                                           guint          bits,
                                           GError       **error);

/* PEM or DER: PKCS#1, PKCS#8 (unencrypted), SPKI public keys, X.509
 * certificates (their public key), through GnuTLS. */
OA2CryptoKey *oa2_crypto_key_new_from_pem (const guint8  *data,
                                           gsize          len,
                                           GError       **error);

OA2CryptoKey *oa2_crypto_key_ref          (OA2CryptoKey  *key);
void          oa2_crypto_key_unref        (OA2CryptoKey  *key);
OA2Kty        oa2_crypto_key_get_kty      (OA2CryptoKey  *key);
OA2Curve      oa2_crypto_key_get_curve    (OA2CryptoKey  *key);
gboolean      oa2_crypto_key_is_private   (OA2CryptoKey  *key);
guint         oa2_crypto_key_get_bits     (OA2CryptoKey  *key);   /* RSA modulus / oct key / curve size */
OA2CryptoKey *oa2_crypto_key_dup_public   (OA2CryptoKey  *key);   /* NULL for oct */

/* The JWK parameter @name ("n", "e", "d", "p", "q", "dp", "dq", "qi", "x",
 * "y", "k") as unsigned big-endian bytes (EC/OKP coordinates and scalars
 * at the curve's fixed size), or NULL if the key has none. */
GBytes       *oa2_crypto_key_dup_param    (OA2CryptoKey  *key,
                                           const char    *name);

/* For the JWE primitives; NULL when the key is not of that kind/half. */
const struct rsa_public_key  *oa2_crypto_key_get_rsa_public  (OA2CryptoKey *key);
const struct rsa_private_key *oa2_crypto_key_get_rsa_private (OA2CryptoKey *key);
const struct ecc_point       *oa2_crypto_key_get_ec_public   (OA2CryptoKey *key);
const struct ecc_scalar      *oa2_crypto_key_get_ec_private  (OA2CryptoKey *key);

/* Checks that @key can do @alg, for signing or for verifying: RS/PS need RSA
 * (a private key to sign), ES256/384/512 need EC P-256/384/521, EdDSA needs
 * OKP Ed25519 or Ed448, Ed25519 and Ed448 that curve alone, HS* need oct with k at least as long as the hash.
 * An HMAC algorithm with any non-oct key, or an asymmetric one with an oct
 * key, is OA2_ERROR_KEY_MISMATCH. */
gboolean      oa2_crypto_key_check_alg    (OA2CryptoKey  *key,
                                           OA2SigAlg      alg,
                                           gboolean       for_signing,
                                           GError       **error);

/* JWS signatures: ES* in the JOSE r||s form (RFC 7518 §3.4), each half the
 * curve's fixed size; RSA ones the modulus size. verify refuses ES
 * signatures of the wrong length and with r or s zero or >= the group
 * order before calling Nettle, and compares MACs in constant time. */
GBytes       *oa2_crypto_sign             (OA2CryptoKey  *key,
                                           OA2SigAlg      alg,
                                           const guint8  *data,
                                           gsize          len,
                                           GError       **error);
gboolean      oa2_crypto_verify           (OA2CryptoKey  *key,
                                           OA2SigAlg      alg,
                                           const guint8  *data,
                                           gsize          len,
                                           const guint8  *signature,
                                           gsize          signature_len,
                                           GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OA2CryptoKey, oa2_crypto_key_unref)

G_END_DECLS
