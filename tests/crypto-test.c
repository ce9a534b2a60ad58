/* crypto-test.c: keys, signatures and MACs of the private crypto module
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Known answers from the RFCs (FIPS 180 "abc", RFC 4231, RFC 8032 §7.1
 * and §7.4, RFC 7748, RFC 7515 A.2 and A.3), round trips of every
 * algorithm with generated keys, every refusal, and PEM/DER fixtures made
 * at test time with GnuTLS, which also cross-checks the signatures both
 * ways.
 */

#include "oa2-test-utils.h"
#include "oa2-jose-test-utils.h"

#include <string.h>

#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/x509.h>
#include <nettle/bignum.h>
#include <nettle/ecc-curve.h>

#include "oa2-crypto-private.h"

/* Helpers */

static GBytes *
bytes_concat (GBytes *a,
              GBytes *b)
{
  GByteArray *array = g_byte_array_new ();

  g_byte_array_append (array, g_bytes_get_data (a, NULL), g_bytes_get_size (a));
  g_byte_array_append (array, g_bytes_get_data (b, NULL), g_bytes_get_size (b));
  return g_byte_array_free_to_bytes (array);
}

/* @call must report into refusal_error. */
#define ASSERT_REFUSED(call, code) \
  G_STMT_START { \
    GError *refusal_error = NULL; \
    gpointer refused = (call); \
    g_assert_null (refused); \
    g_assert_error (refusal_error, OA2_ERROR, (code)); \
    g_clear_error (&refusal_error); \
  } G_STMT_END

/* The same, with a message that contains @part. */
#define ASSERT_REFUSED_WITH(call, code, part) \
  G_STMT_START { \
    GError *refusal_error = NULL; \
    gpointer refused = (call); \
    g_assert_null (refused); \
    g_assert_error (refusal_error, OA2_ERROR, (code)); \
    oa2_test_assert_message_contains (refusal_error, (part)); \
    g_clear_error (&refusal_error); \
  } G_STMT_END

static gboolean
verify_bytes (OA2CryptoKey  *key,
              OA2SigAlg      alg,
              GBytes        *data,
              GBytes        *signature,
              GError       **error)
{
  return oa2_crypto_verify (key, alg, g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                            g_bytes_get_data (signature, NULL), g_bytes_get_size (signature), error);
}

static GBytes *
sign_bytes (OA2CryptoKey  *key,
            OA2SigAlg      alg,
            GBytes        *data,
            GError       **error)
{
  return oa2_crypto_sign (key, alg, g_bytes_get_data (data, NULL), g_bytes_get_size (data), error);
}

/* Asserts that the signature does not verify, with @code and, if given, a
 * message containing @message_part. */
static void
assert_verify_fails (OA2CryptoKey *key,
                     OA2SigAlg     alg,
                     GBytes       *data,
                     GBytes       *signature,
                     gint          code,
                     const char   *message_part)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (verify_bytes (key, alg, data, signature, &error));
  g_assert_error (error, OA2_ERROR, code);
  oa2_test_assert_message_contains (error, message_part);
}

static void
assert_verifies (OA2CryptoKey *key,
                 OA2SigAlg     alg,
                 GBytes       *data,
                 GBytes       *signature)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (verify_bytes (key, alg, data, signature, &error));
  g_assert_no_error (error);
}

/* Vectors */

/* RFC 7515 A.2 (RS256) and A.3 (ES256): the keys and tokens are
 * oa2_test_rfc7515_a2_key, oa2_test_rfc7515_a2 and the like. */

/* A member of the RFC 7515 A.2 key, decoded. */
static GBytes *
a2_param (const char *name)
{
  return oa2_test_jwk_param (oa2_test_rfc7515_a2_key, name);
}

/* A member of the RFC 7515 A.3 key, decoded. */
static GBytes *
a3_param (const char *name)
{
  return oa2_test_jwk_param (oa2_test_rfc7515_a3_key, name);
}

/* The signing input of the JWS @token: all before its last ".". */
static GBytes *
jws_signing_input (const char *token)
{
  return g_bytes_new (token, strrchr (token, '.') - token);
}

/* The signature of the JWS @token, decoded. */
static GBytes *
jws_signature (const char *token)
{
  return oa2_test_b64u_decode (strrchr (token, '.') + 1);
}

static OA2CryptoKey *
a2_key (gboolean with_private)
{
  g_autoptr(GBytes) n = a2_param ("n"), e = a2_param ("e"), d = a2_param ("d"), p = a2_param ("p");
  g_autoptr(GBytes) q = a2_param ("q"), dp = a2_param ("dp"), dq = a2_param ("dq"), qi = a2_param ("qi");
  g_autoptr(GError) error = NULL;
  OA2CryptoKey *key;

  if (with_private)
    key = oa2_crypto_key_new_rsa (n, e, d, p, q, dp, dq, qi, &error);
  else
    key = oa2_crypto_key_new_rsa (n, e, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  return key;
}

static OA2CryptoKey *
a3_key (gboolean with_private)
{
  g_autoptr(GBytes) x = a3_param ("x"), y = a3_param ("y"), d = a3_param ("d");
  g_autoptr(GError) error = NULL;
  OA2CryptoKey *key = oa2_crypto_key_new_ec (OA2_CURVE_P256, x, y, with_private ? d : NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (key);
  return key;
}

static OA2CryptoKey *
generate (OA2Kty   kty,
          OA2Curve curve,
          guint    bits)
{
  g_autoptr(GError) error = NULL;
  OA2CryptoKey *key = oa2_crypto_key_generate (kty, curve, bits, &error);

  g_assert_no_error (error);
  g_assert_nonnull (key);
  return key;
}

/* RSA key generation is slow (more so under valgrind): one for the run. */
static OA2CryptoKey *shared_rsa_key;

static OA2CryptoKey *
generated_rsa_key (void)
{
  if (shared_rsa_key == NULL)
    shared_rsa_key = generate (OA2_KTY_RSA, OA2_CURVE_NONE, 2048);
  return shared_rsa_key;
}

/* Names, digests, randomness */

static void
test_names (void)
{
  for (guint alg = 0; alg < OA2_SIG_INVALID; alg++)
    {
      const char *name = oa2_sig_alg_to_string (alg);

      g_assert_nonnull (name);
      g_assert_cmpint (oa2_sig_alg_from_string (name), ==, alg);
    }
  g_assert_null (oa2_sig_alg_to_string (OA2_SIG_INVALID));
  g_assert_cmpstr (oa2_sig_alg_to_string (OA2_SIG_EDDSA), ==, "EdDSA");
  g_assert_cmpint (oa2_sig_alg_from_string ("Ed25519"), ==, OA2_SIG_ED25519);
  g_assert_cmpint (oa2_sig_alg_from_string ("Ed448"), ==, OA2_SIG_ED448);
  g_assert_cmpint (oa2_sig_alg_from_string ("ed25519"), ==, OA2_SIG_INVALID);
  g_assert_cmpint (oa2_sig_alg_from_string ("none"), ==, OA2_SIG_INVALID);
  g_assert_cmpint (oa2_sig_alg_from_string ("rs256"), ==, OA2_SIG_INVALID);
  g_assert_cmpint (oa2_sig_alg_from_string (""), ==, OA2_SIG_INVALID);
  g_assert_cmpint (oa2_sig_alg_from_string (NULL), ==, OA2_SIG_INVALID);

  for (guint curve = OA2_CURVE_P256; curve <= OA2_CURVE_X448; curve++)
    {
      const char *name = oa2_curve_to_string (curve);

      g_assert_nonnull (name);
      g_assert_cmpint (oa2_curve_from_string (name), ==, curve);
    }
  g_assert_cmpstr (oa2_curve_to_string (OA2_CURVE_P521), ==, "P-521");
  g_assert_cmpstr (oa2_curve_to_string (OA2_CURVE_ED25519), ==, "Ed25519");
  g_assert_null (oa2_curve_to_string (OA2_CURVE_NONE));
  g_assert_cmpint (oa2_curve_from_string ("P-224"), ==, OA2_CURVE_NONE);
  g_assert_cmpint (oa2_curve_from_string ("secp256r1"), ==, OA2_CURVE_NONE);
  g_assert_cmpint (oa2_curve_from_string (NULL), ==, OA2_CURVE_NONE);

  g_assert_cmpuint (oa2_digest_size (OA2_DIGEST_SHA1), ==, 20);
  g_assert_cmpuint (oa2_digest_size (OA2_DIGEST_SHA256), ==, 32);
  g_assert_cmpuint (oa2_digest_size (OA2_DIGEST_SHA384), ==, 48);
  g_assert_cmpuint (oa2_digest_size (OA2_DIGEST_SHA512), ==, 64);
}

/* FIPS 180-4 examples: the digests of "abc". */
static void
test_digest_abc (void)
{
  static const struct {
    OA2Digest digest;
    const char *hex;
  } vectors[] = {
    { OA2_DIGEST_SHA1, "a9993e364706816aba3e25717850c26c9cd0d89d" },
    { OA2_DIGEST_SHA256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
    { OA2_DIGEST_SHA384, "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded163"
                         "1a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7" },
    { OA2_DIGEST_SHA512, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                         "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(GBytes) expected = oa2_test_hex_decode (vectors[i].hex);
      guint8 out[64];

      oa2_crypto_digest (vectors[i].digest, (const guint8 *) "abc", 3, out);
      g_assert_cmpmem (out, oa2_digest_size (vectors[i].digest),
                       g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
    }
}

static void
test_equal (void)
{
  guint8 a[40], b[40];

  memset (a, 0x5a, sizeof a);
  memcpy (b, a, sizeof b);
  g_assert_true (oa2_crypto_equal (a, b, sizeof a));
  b[0] ^= 1;
  g_assert_false (oa2_crypto_equal (a, b, sizeof a));
  b[0] ^= 1;
  b[39] ^= 0x80;
  g_assert_false (oa2_crypto_equal (a, b, sizeof a));
  g_assert_true (oa2_crypto_equal (a, b, 39));
  g_assert_true (oa2_crypto_equal (NULL, NULL, 0));
}

static void
test_random (void)
{
  guint8 a[32] = { 0 }, b[32] = { 0 }, zero[32] = { 0 };

  oa2_crypto_random (a, sizeof a);
  oa2_crypto_random (b, sizeof b);
  g_assert_false (memcmp (a, b, sizeof a) == 0);
  g_assert_false (memcmp (a, zero, sizeof a) == 0);
  oa2_crypto_random (NULL, 0);
}

/* HMAC (RFC 4231) */

static const OA2SigAlg hmac_algs[] = { OA2_SIG_HS256, OA2_SIG_HS384, OA2_SIG_HS512 };

/* Test cases 1 (20-byte key) and 2 ("Jefe"): both keys are shorter than
 * every HS* hash output (32, 48, 64 bytes), so every HS* algorithm must
 * refuse them, with the RFC's own MAC too. */
static void
test_hmac_rfc4231_short_keys (void)
{
  static const struct {
    const char *key_hex;
    const char *data;
    const char *macs[3];
  } cases[] = {
    { "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There",
      { "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c"
        "faea9ea9076ede7f4af152e8b2fa9cb6",
        "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
        "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854" } },
    { "4a656665", "what do ya want for nothing?",
      { "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
        "8e2240ca5e69e2c78b3239ecfab21649",
        "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
        "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737" } },
  };

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GBytes) k = oa2_test_hex_decode (cases[c].key_hex);
      g_autoptr(GBytes) data = oa2_test_bytes_new_str (cases[c].data);
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2CryptoKey) key = oa2_crypto_key_new_oct (k, &error);

      g_assert_no_error (error);
      for (gsize i = 0; i < G_N_ELEMENTS (hmac_algs); i++)
        {
          g_autoptr(GBytes) mac = oa2_test_hex_decode (cases[c].macs[i]);

          g_assert_false (oa2_crypto_key_check_alg (key, hmac_algs[i], FALSE, &error));
          g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
          g_clear_error (&error);
          ASSERT_REFUSED (sign_bytes (key, hmac_algs[i], data, &refusal_error), OA2_ERROR_KEY_MISMATCH);
          assert_verify_fails (key, hmac_algs[i], data, mac, OA2_ERROR_KEY_MISMATCH, "at least");
        }
    }
}

/* Test cases 6 and 7: a 131-byte key, longer than every hash output and
 * than the block size. */
static void
test_hmac_rfc4231_long_keys (void)
{
  static const struct {
    const char *data;
    const char *macs[3];
  } cases[] = {
    { "Test Using Larger Than Block-Size Key - Hash Key First",
      { "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
        "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c6"
        "0c2ef6ab4030fe8296248df163f44952",
        "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
        "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598" } },
    { "This is a test using a larger than block-size key and a larger than "
      "block-size data. The key needs to be hashed before being used by the HMAC algorithm.",
      { "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
        "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5"
        "a678cc31e799176d3860e6110c46523e",
        "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944"
        "b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58" } },
  };
  guint8 raw_key[131];
  g_autoptr(GBytes) k = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2CryptoKey) key = NULL;

  memset (raw_key, 0xaa, sizeof raw_key);
  k = g_bytes_new (raw_key, sizeof raw_key);
  key = oa2_crypto_key_new_oct (k, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_crypto_key_get_bits (key), ==, 8 * 131);

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GBytes) data = oa2_test_bytes_new_str (cases[c].data);
      g_autoptr(GBytes) other_data = oa2_test_bytes_flip (data, 0, 0x20);

      for (gsize i = 0; i < G_N_ELEMENTS (hmac_algs); i++)
        {
          g_autoptr(GBytes) expected = oa2_test_hex_decode (cases[c].macs[i]);
          g_autoptr(GBytes) mac = sign_bytes (key, hmac_algs[i], data, &error);
          g_autoptr(GBytes) flipped = oa2_test_bytes_flip (expected, g_bytes_get_size (expected) - 1, 0x01);
          g_autoptr(GBytes) truncated = oa2_test_bytes_slice (expected, 0, g_bytes_get_size (expected) - 1);

          g_assert_no_error (error);
          oa2_test_assert_bytes_equal (mac, expected);
          assert_verifies (key, hmac_algs[i], data, expected);
          assert_verify_fails (key, hmac_algs[i], other_data, expected, OA2_ERROR_INVALID_SIGNATURE, NULL);
          assert_verify_fails (key, hmac_algs[i], data, flipped, OA2_ERROR_INVALID_SIGNATURE, NULL);
          assert_verify_fails (key, hmac_algs[i], data, truncated, OA2_ERROR_INVALID_SIGNATURE, NULL);
        }
    }
}

/* A key exactly as long as the hash output is enough; one byte less is
 * not. */
static void
test_hmac_key_length_rule (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (hmac_algs); i++)
    {
      gsize size = 32 + 16 * i;
      g_autofree guint8 *raw = g_malloc (size);
      g_autoptr(GBytes) exact = NULL, short_key = NULL;
      g_autoptr(OA2CryptoKey) exact_key = NULL, short_oct = NULL;
      g_autoptr(GError) error = NULL;

      memset (raw, 0x42, size);
      exact = g_bytes_new (raw, size);
      short_key = g_bytes_new (raw, size - 1);
      exact_key = oa2_crypto_key_new_oct (exact, &error);
      g_assert_no_error (error);
      short_oct = oa2_crypto_key_new_oct (short_key, &error);
      g_assert_no_error (error);
      g_assert_true (oa2_crypto_key_check_alg (exact_key, hmac_algs[i], TRUE, &error));
      g_assert_no_error (error);
      g_assert_false (oa2_crypto_key_check_alg (short_oct, hmac_algs[i], TRUE, &error));
      g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
    }
}

/* EdDSA and X25519/X448 known answers */

/* RFC 8032 §7.1, TEST 1: the empty message. */
static void
test_ed25519_rfc8032 (void)
{
  g_autoptr(GBytes) d = oa2_test_hex_decode ("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  g_autoptr(GBytes) x = oa2_test_hex_decode ("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  g_autoptr(GBytes) expected = oa2_test_hex_decode ("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                                                    "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) other = oa2_test_bytes_new_str ("x");
  g_autoptr(GBytes) wrong_x = oa2_test_bytes_flip (x, 0, 0x01);
  g_autoptr(GBytes) signature = NULL, param = NULL;
  g_autoptr(OA2CryptoKey) key = NULL, public_key = NULL;
  g_autoptr(GError) error = NULL;

  /* The public key derived from d is the RFC's; another x is refused. */
  key = oa2_crypto_key_new_okp (OA2_CURVE_ED25519, x, d, &error);
  g_assert_no_error (error);
  g_assert_cmpint (oa2_crypto_key_get_kty (key), ==, OA2_KTY_OKP);
  g_assert_cmpint (oa2_crypto_key_get_curve (key), ==, OA2_CURVE_ED25519);
  g_assert_true (oa2_crypto_key_is_private (key));
  g_assert_cmpuint (oa2_crypto_key_get_bits (key), ==, 256);
  ASSERT_REFUSED_WITH (oa2_crypto_key_new_okp (OA2_CURVE_ED25519, wrong_x, d, &refusal_error),
                       OA2_ERROR_INVALID_KEY, "does not match");

  param = oa2_crypto_key_dup_param (key, "x");
  oa2_test_assert_bytes_equal (param, x);
  g_clear_pointer (&param, g_bytes_unref);
  param = oa2_crypto_key_dup_param (key, "d");
  oa2_test_assert_bytes_equal (param, d);
  g_clear_pointer (&param, g_bytes_unref);
  g_assert_null (oa2_crypto_key_dup_param (key, "y"));

  signature = oa2_crypto_sign (key, OA2_SIG_EDDSA, NULL, 0, &error);
  g_assert_no_error (error);
  oa2_test_assert_bytes_equal (signature, expected);
  assert_verifies (key, OA2_SIG_EDDSA, empty, expected);
  assert_verify_fails (key, OA2_SIG_EDDSA, other, expected, OA2_ERROR_INVALID_SIGNATURE, NULL);

  public_key = oa2_crypto_key_dup_public (key);
  g_assert_false (oa2_crypto_key_is_private (public_key));
  g_assert_null (oa2_crypto_key_dup_param (public_key, "d"));
  assert_verifies (public_key, OA2_SIG_EDDSA, empty, expected);
  ASSERT_REFUSED (oa2_crypto_sign (public_key, OA2_SIG_EDDSA, NULL, 0, &refusal_error),
                  OA2_ERROR_KEY_MISMATCH);

  /* RFC 9864's fully-specified Ed25519 is the same signature; Ed448 is
   * refused with this key, signing or verifying. */
  g_clear_pointer (&signature, g_bytes_unref);
  signature = oa2_crypto_sign (key, OA2_SIG_ED25519, NULL, 0, &error);
  g_assert_no_error (error);
  oa2_test_assert_bytes_equal (signature, expected);
  assert_verifies (public_key, OA2_SIG_ED25519, empty, expected);
  ASSERT_REFUSED_WITH (oa2_crypto_sign (key, OA2_SIG_ED448, NULL, 0, &refusal_error),
                       OA2_ERROR_KEY_MISMATCH, "Ed448 needs an OKP key on the curve Ed448");
  assert_verify_fails (public_key, OA2_SIG_ED448, empty, expected, OA2_ERROR_KEY_MISMATCH, "curve Ed448");
}

/* RFC 8032 §7.4: the Ed448 vectors without a context. JWS EdDSA is pure
 * Ed448 with an empty context (RFC 8037 §3.1), so "1 octet (with
 * context)" and the Ed448ph ones do not apply. The hex is split at 64
 * digits, not at the RFC's line breaks. */
typedef struct {
  const char *name;
  const char *secret_key;   /* "d" */
  const char *public_key;   /* "x" */
  const char *message;
  const char *signature;
} Ed448Vector;

static const Ed448Vector ed448_vectors[] = {
  {
    "blank",
    "6c82a562cb808d10d632be89c8513ebf6c929f34ddfa8c9f63c9960ef6e348a3"
    "528c8a3fcc2f044e39a3fc5b94492f8f032e7549a20098f95b",
    "5fd7449b59b461fd2ce787ec616ad46a1da1342485a70e1f8a0ea75d80e96778"
    "edf124769b46c7061bd6783df1e50f6cd1fa1abeafe8256180",
    "",
    "533a37f6bbe457251f023c0d88f976ae2dfb504a843e34d2074fd823d41a591f"
    "2b233f034f628281f2fd7a22ddd47d7828c59bd0a21bfd3980ff0d2028d4b18a"
    "9df63e006c5d1c2d345b925d8dc00b4104852db99ac5c7cdda8530a113a0f4db"
    "b61149f05a7363268c71d95808ff2e652600",
  },
  {
    "1-octet",
    "c4eab05d357007c632f3dbb48489924d552b08fe0c353a0d4a1f00acda2c463a"
    "fbea67c5e8d2877c5e3bc397a659949ef8021e954e0a12274e",
    "43ba28f430cdff456ae531545f7ecd0ac834a55d9358c0372bfa0c6c6798c086"
    "6aea01eb00742802b8438ea4cb82169c235160627b4c3a9480",
    "03",
    "26b8f91727bd62897af15e41eb43c377efb9c610d48f2335cb0bd0087810f435"
    "2541b143c4b981b7e18f62de8ccdf633fc1bf037ab7cd779805e0dbcc0aae1cb"
    "cee1afb2e027df36bc04dcecbf154336c19f0af7e0a6472905e799f1953d2a0f"
    "f3348ab21aa4adafd1d234441cf807c03a00",
  },
  {
    "11-octets",
    "cd23d24f714274e744343237b93290f511f6425f98e64459ff203e8985083ffd"
    "f60500553abc0e05cd02184bdb89c4ccd67e187951267eb328",
    "dcea9e78f35a1bf3499a831b10b86c90aac01cd84b67a0109b55a36e9328b1e3"
    "65fce161d71ce7131a543ea4cb5f7e9f1d8b00696447001400",
    "0c3e544074ec63b0265e0c",
    "1f0a8888ce25e8d458a21130879b840a9089d999aaba039eaf3e3afa090a09d3"
    "89dba82c4ff2ae8ac5cdfb7c55e94d5d961a29fe0109941e00b8dbdeea6d3b05"
    "1068df7254c0cdc129cbe62db2dc957dbb47b51fd3f213fb8698f064774250a5"
    "028961c9bf8ffd973fe5d5c206492b140e00",
  },
  {
    "12-octets",
    "258cdd4ada32ed9c9ff54e63756ae582fb8fab2ac721f2c8e676a72768513d93"
    "9f63dddb55609133f29adf86ec9929dccb52c1c5fd2ff7e21b",
    "3ba16da0c6f2cc1f30187740756f5e798d6bc5fc015d7c63cc9510ee3fd44adc"
    "24d8e968b6e46e6f94d19b945361726bd75e149ef09817f580",
    "64a65f3cdedcdd66811e2915",
    "7eeeab7c4e50fb799b418ee5e3197ff6bf15d43a14c34389b59dd1a7b1b85b4a"
    "e90438aca634bea45e3a2695f1270f07fdcdf7c62b8efeaf00b45c2c96ba457e"
    "b1a8bf075a3db28e5c24f6b923ed4ad747c3c9e03c7079efb87cb110d3a99861"
    "e72003cbae6d6b8b827e4e6c143064ff3c00",
  },
  {
    "13-octets",
    "7ef4e84544236752fbb56b8f31a23a10e42814f5f55ca037cdcc11c64c9a3b29"
    "49c1bb60700314611732a6c2fea98eebc0266a11a93970100e",
    "b3da079b0aa493a5772029f0467baebee5a8112d9d3a22532361da294f7bb381"
    "5c5dc59e176b4d9f381ca0938e13c6c07b174be65dfa578e80",
    "64a65f3cdedcdd66811e2915e7",
    "6a12066f55331b6c22acd5d5bfc5d71228fbda80ae8dec26bdd306743c5027cb"
    "4890810c162c027468675ecf645a83176c0d7323a2ccde2d80efe5a1268e8aca"
    "1d6fbc194d3f77c44986eb4ab4177919ad8bec33eb47bbb5fc6e28196fd1caf5"
    "6b4e7e0ba5519234d047155ac727a1053100",
  },
  {
    "64-octets",
    "d65df341ad13e008567688baedda8e9dcdc17dc024974ea5b4227b6530e339bf"
    "f21f99e68ca6968f3cca6dfe0fb9f4fab4fa135d5542ea3f01",
    "df9705f58edbab802c7f8363cfe5560ab1c6132c20a9f1dd163483a26f8ac53a"
    "39d6808bf4a1dfbd261b099bb03b3fb50906cb28bd8a081f00",
    "bd0f6a3747cd561bdddf4640a332461a4a30a12a434cd0bf40d766d9c6d458e5"
    "512204a30c17d1f50b5079631f64eb3112182da3005835461113718d1a5ef944",
    "554bc2480860b49eab8532d2a533b7d578ef473eeb58c98bb2d0e1ce488a98b1"
    "8dfde9b9b90775e67f47d4a1c3482058efc9f40d2ca033a0801b63d45b3b722e"
    "f552bad3b4ccb667da350192b61c508cf7b6b5adadc2c8d9a446ef003fb05cba"
    "5f30e88e36ec2703b349ca229c2670833900",
  },
  {
    "256-octets",
    "2ec5fe3c17045abdb136a5e6a913e32ab75ae68b53d2fc149b77e504132d3756"
    "9b7e766ba74a19bd6162343a21c8590aa9cebca9014c636df5",
    "79756f014dcfe2079f5dd9e718be4171e2ef2486a08f25186f6bff43a9936b9b"
    "fe12402b08ae65798a3d81e22e9ec80e7690862ef3d4ed3a00",
    "15777532b0bdd0d1389f636c5f6b9ba734c90af572877e2d272dd078aa1e567c"
    "fa80e12928bb542330e8409f3174504107ecd5efac61ae7504dabe2a602ede89"
    "e5cca6257a7c77e27a702b3ae39fc769fc54f2395ae6a1178cab4738e543072f"
    "c1c177fe71e92e25bf03e4ecb72f47b64d0465aaea4c7fad372536c8ba516a60"
    "39c3c2a39f0e4d832be432dfa9a706a6e5c7e19f397964ca4258002f7c0541b5"
    "90316dbc5622b6b2a6fe7a4abffd96105eca76ea7b98816af0748c10df048ce0"
    "12d901015a51f189f3888145c03650aa23ce894c3bd889e030d565071c59f409"
    "a9981b51878fd6fc110624dcbcde0bf7a69ccce38fabdf86f3bef6044819de11",
    "c650ddbb0601c19ca11439e1640dd931f43c518ea5bea70d3dcde5f4191fe53f"
    "00cf966546b72bcc7d58be2b9badef28743954e3a44a23f880e8d4f1cfce2d7a"
    "61452d26da05896f0a50da66a239a8a188b6d825b3305ad77b73fbac0836ecc6"
    "0987fd08527c1a8e80d5823e65cafe2a3d00",
  },
  {
    "1023-octets",
    "872d093780f5d3730df7c212664b37b8a0f24f56810daa8382cd4fa3f77634ec"
    "44dc54f1c2ed9bea86fafb7632d8be199ea165f5ad55dd9ce8",
    "a81b2e8a70a5ac94ffdbcc9badfc3feb0801f258578bb114ad44ece1ec0e799d"
    "a08effb81c5d685c0c56f64eecaef8cdf11cc38737838cf400",
    "6ddf802e1aae4986935f7f981ba3f0351d6273c0a0c22c9c0e8339168e675412"
    "a3debfaf435ed651558007db4384b650fcc07e3b586a27a4f7a00ac8a6fec2cd"
    "86ae4bf1570c41e6a40c931db27b2faa15a8cedd52cff7362c4e6e23daec0fbc"
    "3a79b6806e316efcc7b68119bf46bc76a26067a53f296dafdbdc11c77f7777e9"
    "72660cf4b6a9b369a6665f02e0cc9b6edfad136b4fabe723d2813db3136cfde9"
    "b6d044322fee2947952e031b73ab5c603349b307bdc27bc6cb8b8bbd7bd32321"
    "9b8033a581b59eadebb09b3c4f3d2277d4f0343624acc817804728b25ab79717"
    "2b4c5c21a22f9c7839d64300232eb66e53f31c723fa37fe387c7d3e50bdf9813"
    "a30e5bb12cf4cd930c40cfb4e1fc622592a49588794494d56d24ea4b40c89fc0"
    "596cc9ebb961c8cb10adde976a5d602b1c3f85b9b9a001ed3c6a4d3b1437f520"
    "96cd1956d042a597d561a596ecd3d1735a8d570ea0ec27225a2c4aaff26306d1"
    "526c1af3ca6d9cf5a2c98f47e1c46db9a33234cfd4d81f2c98538a09ebe76998"
    "d0d8fd25997c7d255c6d66ece6fa56f11144950f027795e653008f4bd7ca2dee"
    "85d8e90f3dc315130ce2a00375a318c7c3d97be2c8ce5b6db41a6254ff264fa6"
    "155baee3b0773c0f497c573f19bb4f4240281f0b1f4f7be857a4e59d416c06b4"
    "c50fa09e1810ddc6b1467baeac5a3668d11b6ecaa901440016f389f80acc4db9"
    "77025e7f5924388c7e340a732e554440e76570f8dd71b7d640b3450d1fd5f041"
    "0a18f9a3494f707c717b79b4bf75c98400b096b21653b5d217cf3565c9597456"
    "f70703497a078763829bc01bb1cbc8fa04eadc9a6e3f6699587a9e75c94e5bab"
    "0036e0b2e711392cff0047d0d6b05bd2a588bc109718954259f1d86678a579a3"
    "120f19cfb2963f177aeb70f2d4844826262e51b80271272068ef5b3856fa8535"
    "aa2a88b2d41f2a0e2fda7624c2850272ac4a2f561f8f2f7a318bfd5caf969614"
    "9e4ac824ad3460538fdc25421beec2cc6818162d06bbed0c40a387192349db67"
    "a118bada6cd5ab0140ee273204f628aad1c135f770279a651e24d8c14d75a605"
    "9d76b96a6fd857def5e0b354b27ab937a5815d16b5fae407ff18222c6d1ed263"
    "be68c95f32d908bd895cd76207ae726487567f9a67dad79abec316f683b17f2d"
    "02bf07e0ac8b5bc6162cf94697b3c27cd1fea49b27f23ba2901871962506520c"
    "392da8b6ad0d99f7013fbc06c2c17a569500c8a7696481c1cd33e9b14e40b82e"
    "79a5f5db82571ba97bae3ad3e0479515bb0e2b0f3bfcd1fd33034efc6245eddd"
    "7ee2086ddae2600d8ca73e214e8c2b0bdb2b047c6a464a562ed77b73d2d841c4"
    "b34973551257713b753632efba348169abc90a68f42611a40126d7cb21b58695"
    "568186f7e569d2ff0f9e745d0487dd2eb997cafc5abf9dd102e62ff66cba87",
    "e301345a41a39a4d72fff8df69c98075a0cc082b802fc9b2b6bc503f926b65bd"
    "df7f4c8f1cb49f6396afc8a70abe6d8aef0db478d4c6b2970076c6a0484fe76d"
    "76b3a97625d79f1ce240e7c576750d295528286f719b413de9ada3e8eb78ed57"
    "3603ce30d8bb761785dc30dbc320869e1a00",
  },
};

static void
test_ed448_rfc8032 (gconstpointer user_data)
{
  const Ed448Vector *vector = user_data;
  /* Another vector's public key: a valid point, but not this key's. */
  const Ed448Vector *other = &ed448_vectors[(vector - ed448_vectors + 1) % G_N_ELEMENTS (ed448_vectors)];
  g_autoptr(GBytes) d = oa2_test_hex_decode (vector->secret_key);
  g_autoptr(GBytes) x = oa2_test_hex_decode (vector->public_key);
  g_autoptr(GBytes) message = oa2_test_hex_decode (vector->message);
  g_autoptr(GBytes) expected = oa2_test_hex_decode (vector->signature);
  g_autoptr(GBytes) other_x = oa2_test_hex_decode (other->public_key);
  g_autoptr(GBytes) wrong_x = oa2_test_bytes_flip (x, 0, 0x01);
  g_autoptr(GBytes) zero = g_bytes_new ("", 1);
  g_autoptr(GBytes) longer = NULL, changed = NULL, bad_r = NULL, bad_s = NULL, truncated = NULL;
  g_autoptr(GBytes) signature = NULL, param = NULL;
  g_autoptr(OA2CryptoKey) key = NULL, public_key = NULL, verifier = NULL, other_verifier = NULL;
  g_autoptr(GError) error = NULL;
  gsize message_len = g_bytes_get_size (message);

  g_assert_cmpuint (g_bytes_get_size (d), ==, 57);
  g_assert_cmpuint (g_bytes_get_size (x), ==, 57);
  g_assert_cmpuint (g_bytes_get_size (expected), ==, 114);

  /* The key takes "x" only if it is the public key derived from "d"
   * (RFC 8032 §5.2.5), so accepting the RFC's pair and refusing a
   * one-bit change of it, or another vector's key, shows that the
   * derived public key is the RFC's. */
  key = oa2_crypto_key_new_okp (OA2_CURVE_ED448, x, d, &error);
  g_assert_no_error (error);
  g_assert_cmpint (oa2_crypto_key_get_kty (key), ==, OA2_KTY_OKP);
  g_assert_cmpint (oa2_crypto_key_get_curve (key), ==, OA2_CURVE_ED448);
  g_assert_true (oa2_crypto_key_is_private (key));
  g_assert_cmpuint (oa2_crypto_key_get_bits (key), ==, 456);
  ASSERT_REFUSED_WITH (oa2_crypto_key_new_okp (OA2_CURVE_ED448, wrong_x, d, &refusal_error),
                       OA2_ERROR_INVALID_KEY, "does not match");
  ASSERT_REFUSED_WITH (oa2_crypto_key_new_okp (OA2_CURVE_ED448, other_x, d, &refusal_error),
                       OA2_ERROR_INVALID_KEY, "does not match");
  /* The same bytes are no Ed25519 or X448 key: the sizes differ. */
  ASSERT_REFUSED (oa2_crypto_key_new_okp (OA2_CURVE_ED25519, x, d, &refusal_error), OA2_ERROR_INVALID_KEY);
  ASSERT_REFUSED (oa2_crypto_key_new_okp (OA2_CURVE_X448, x, d, &refusal_error), OA2_ERROR_INVALID_KEY);

  param = oa2_crypto_key_dup_param (key, "x");
  oa2_test_assert_bytes_equal (param, x);
  g_clear_pointer (&param, g_bytes_unref);
  param = oa2_crypto_key_dup_param (key, "d");
  oa2_test_assert_bytes_equal (param, d);

  /* Ed448 is deterministic: the signature is the RFC's, byte for byte. */
  signature = sign_bytes (key, OA2_SIG_EDDSA, message, &error);
  g_assert_no_error (error);
  oa2_test_assert_bytes_equal (signature, expected);

  /* It verifies with the private key, its public half and a key made
   * from "x" alone, as a verifier gets it. */
  public_key = oa2_crypto_key_dup_public (key);
  verifier = oa2_crypto_key_new_okp (OA2_CURVE_ED448, x, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (oa2_crypto_key_is_private (verifier));
  assert_verifies (key, OA2_SIG_EDDSA, message, expected);
  assert_verifies (public_key, OA2_SIG_EDDSA, message, expected);
  assert_verifies (verifier, OA2_SIG_EDDSA, message, expected);
  ASSERT_REFUSED (sign_bytes (verifier, OA2_SIG_EDDSA, message, &refusal_error), OA2_ERROR_KEY_MISMATCH);

  /* Neither the message with one bit changed (the empty one has none)
   * or one zero byte longer, nor the signature with one bit changed in R
   * or in S, nor another vector's public key, verifies. */
  if (message_len > 0)
    {
      changed = oa2_test_bytes_flip (message, message_len - 1, 0x01);
      assert_verify_fails (verifier, OA2_SIG_EDDSA, changed, expected, OA2_ERROR_INVALID_SIGNATURE,
                           "does not verify");
    }
  longer = bytes_concat (message, zero);
  assert_verify_fails (verifier, OA2_SIG_EDDSA, longer, expected, OA2_ERROR_INVALID_SIGNATURE, "does not verify");
  bad_r = oa2_test_bytes_flip (expected, 0, 0x01);
  bad_s = oa2_test_bytes_flip (expected, 57, 0x01);
  assert_verify_fails (verifier, OA2_SIG_EDDSA, message, bad_r, OA2_ERROR_INVALID_SIGNATURE, "does not verify");
  assert_verify_fails (verifier, OA2_SIG_EDDSA, message, bad_s, OA2_ERROR_INVALID_SIGNATURE, "does not verify");
  other_verifier = oa2_crypto_key_new_okp (OA2_CURVE_ED448, other_x, NULL, &error);
  g_assert_no_error (error);
  assert_verify_fails (other_verifier, OA2_SIG_EDDSA, message, expected, OA2_ERROR_INVALID_SIGNATURE,
                       "does not verify");

  /* A signature one byte short is refused for its length, before any
   * arithmetic. */
  truncated = oa2_test_bytes_slice (expected, 0, 113);
  assert_verify_fails (verifier, OA2_SIG_EDDSA, message, truncated, OA2_ERROR_INVALID_SIGNATURE, "114 bytes");

  /* RFC 9864's fully-specified Ed448 is the same signature; Ed25519 is
   * refused with this key, signing or verifying. */
  g_clear_pointer (&signature, g_bytes_unref);
  signature = sign_bytes (key, OA2_SIG_ED448, message, &error);
  g_assert_no_error (error);
  oa2_test_assert_bytes_equal (signature, expected);
  assert_verifies (verifier, OA2_SIG_ED448, message, expected);
  ASSERT_REFUSED_WITH (sign_bytes (key, OA2_SIG_ED25519, message, &refusal_error),
                       OA2_ERROR_KEY_MISMATCH, "Ed25519 needs an OKP key on the curve Ed25519");
  assert_verify_fails (verifier, OA2_SIG_ED25519, message, expected, OA2_ERROR_KEY_MISMATCH, "curve Ed25519");
}

/* RFC 7748 §6.1 and §6.2: Alice's keys. X25519 and X448 keys are OKP keys
 * for key agreement; they cannot sign. */
static void
test_x25519_x448_rfc7748 (void)
{
  static const struct {
    OA2Curve curve;
    const char *d;
    const char *x;
  } vectors[] = {
    { OA2_CURVE_X25519, "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
      "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a" },
    { OA2_CURVE_X448, "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf5"
                      "74a9419744897391006382a6f127ab1d9ac2d8c0a598726b",
      "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bb"
      "c836647241d953d40c5b12da88120d53177f80e532c41fa0" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(GBytes) d = oa2_test_hex_decode (vectors[i].d), x = oa2_test_hex_decode (vectors[i].x);
      g_autoptr(GBytes) wrong_x = oa2_test_bytes_flip (x, 5, 0x10);
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2CryptoKey) key = oa2_crypto_key_new_okp (vectors[i].curve, x, d, &error);
      g_autoptr(OA2CryptoKey) generated = NULL;
      g_autoptr(GBytes) param = NULL;

      g_assert_no_error (error);
      g_assert_true (oa2_crypto_key_is_private (key));
      ASSERT_REFUSED (oa2_crypto_key_new_okp (vectors[i].curve, wrong_x, d, &refusal_error),
                      OA2_ERROR_INVALID_KEY);
      g_assert_false (oa2_crypto_key_check_alg (key, OA2_SIG_EDDSA, FALSE, &error));
      g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
      ASSERT_REFUSED (oa2_crypto_sign (key, OA2_SIG_EDDSA, (const guint8 *) "m", 1, &refusal_error),
                      OA2_ERROR_KEY_MISMATCH);
      ASSERT_REFUSED (oa2_crypto_sign (key, OA2_SIG_ED25519, (const guint8 *) "m", 1, &refusal_error),
                      OA2_ERROR_KEY_MISMATCH);
      ASSERT_REFUSED (oa2_crypto_sign (key, OA2_SIG_ED448, (const guint8 *) "m", 1, &refusal_error),
                      OA2_ERROR_KEY_MISMATCH);

      generated = generate (OA2_KTY_OKP, vectors[i].curve, 0);
      g_assert_cmpint (oa2_crypto_key_get_curve (generated), ==, vectors[i].curve);
      g_assert_true (oa2_crypto_key_is_private (generated));
      param = oa2_crypto_key_dup_param (generated, "d");
      g_assert_cmpuint (g_bytes_get_size (param), ==, g_bytes_get_size (d));
      g_assert_null (oa2_crypto_key_get_ec_public (generated));
    }
}

/* RSA and ECDSA known answers (RFC 7515) */

static void
test_rsa_rfc7515_a2 (void)
{
  static const char * const params[] = { "n", "e", "d", "p", "q", "dp", "dq", "qi" };
  g_autoptr(OA2CryptoKey) key = a2_key (TRUE);
  g_autoptr(OA2CryptoKey) public_key = NULL;
  g_autoptr(GBytes) input = jws_signing_input (oa2_test_rfc7515_a2);
  g_autoptr(GBytes) expected = jws_signature (oa2_test_rfc7515_a2);
  g_autoptr(GBytes) other_input = oa2_test_bytes_flip (input, 3, 0x01);
  g_autoptr(GBytes) signature = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (oa2_crypto_key_get_kty (key), ==, OA2_KTY_RSA);
  g_assert_cmpint (oa2_crypto_key_get_curve (key), ==, OA2_CURVE_NONE);
  g_assert_cmpuint (oa2_crypto_key_get_bits (key), ==, 2048);
  g_assert_true (oa2_crypto_key_is_private (key));
  g_assert_nonnull (oa2_crypto_key_get_rsa_public (key));
  g_assert_nonnull (oa2_crypto_key_get_rsa_private (key));
  g_assert_null (oa2_crypto_key_get_ec_public (key));
  g_assert_cmpuint (oa2_crypto_key_get_rsa_public (key)->size, ==, 256);

  for (gsize i = 0; i < G_N_ELEMENTS (params); i++)
    {
      g_autoptr(GBytes) value = a2_param (params[i]);
      g_autoptr(GBytes) param = oa2_crypto_key_dup_param (key, params[i]);

      g_assert_nonnull (param);
      oa2_test_assert_bytes_equal (param, value);
    }
  g_assert_null (oa2_crypto_key_dup_param (key, "x"));

  /* PKCS #1 v1.5 is deterministic: the RFC's exact bytes. */
  signature = sign_bytes (key, OA2_SIG_RS256, input, &error);
  g_assert_no_error (error);
  oa2_test_assert_bytes_equal (signature, expected);
  assert_verifies (key, OA2_SIG_RS256, input, expected);
  assert_verify_fails (key, OA2_SIG_RS256, other_input, expected, OA2_ERROR_INVALID_SIGNATURE, NULL);
  /* The same key with another hash or padding. */
  assert_verify_fails (key, OA2_SIG_RS512, input, expected, OA2_ERROR_INVALID_SIGNATURE, NULL);
  assert_verify_fails (key, OA2_SIG_PS256, input, expected, OA2_ERROR_INVALID_SIGNATURE, NULL);

  public_key = oa2_crypto_key_dup_public (key);
  g_assert_false (oa2_crypto_key_is_private (public_key));
  g_assert_null (oa2_crypto_key_get_rsa_private (public_key));
  g_assert_null (oa2_crypto_key_dup_param (public_key, "d"));
  g_assert_cmpuint (oa2_crypto_key_get_bits (public_key), ==, 2048);
  assert_verifies (public_key, OA2_SIG_RS256, input, expected);
  ASSERT_REFUSED (sign_bytes (public_key, OA2_SIG_RS256, input, &refusal_error), OA2_ERROR_KEY_MISMATCH);

  /* The public copy of a public key is the key itself. */
  {
    g_autoptr(OA2CryptoKey) again = oa2_crypto_key_dup_public (public_key);
    g_assert_true (again == public_key);
  }
}

static void
test_ecdsa_rfc7515_a3 (void)
{
  g_autoptr(OA2CryptoKey) key = a3_key (TRUE);
  g_autoptr(OA2CryptoKey) public_key = a3_key (FALSE);
  g_autoptr(GBytes) input = jws_signing_input (oa2_test_rfc7515_a3);
  g_autoptr(GBytes) expected = jws_signature (oa2_test_rfc7515_a3);
  g_autoptr(GBytes) d = a3_param ("d");
  g_autoptr(GBytes) other_input = oa2_test_bytes_flip (input, 10, 0x04);
  g_autoptr(GBytes) signature = NULL, again = NULL, param = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (oa2_crypto_key_get_kty (key), ==, OA2_KTY_EC);
  g_assert_cmpint (oa2_crypto_key_get_curve (key), ==, OA2_CURVE_P256);
  g_assert_cmpuint (oa2_crypto_key_get_bits (key), ==, 256);
  g_assert_nonnull (oa2_crypto_key_get_ec_public (key));
  g_assert_nonnull (oa2_crypto_key_get_ec_private (key));
  g_assert_null (oa2_crypto_key_get_ec_private (public_key));
  g_assert_null (oa2_crypto_key_get_rsa_public (key));
  param = oa2_crypto_key_dup_param (key, "d");
  oa2_test_assert_bytes_equal (param, d);

  assert_verifies (key, OA2_SIG_ES256, input, expected);
  assert_verifies (public_key, OA2_SIG_ES256, input, expected);
  assert_verify_fails (public_key, OA2_SIG_ES256, other_input, expected, OA2_ERROR_INVALID_SIGNATURE,
                       "does not verify");

  /* ECDSA signatures are randomised: two differ, both verify. */
  signature = sign_bytes (key, OA2_SIG_ES256, input, &error);
  g_assert_no_error (error);
  again = sign_bytes (key, OA2_SIG_ES256, input, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (signature), ==, 64);
  g_assert_false (g_bytes_equal (signature, again));
  assert_verifies (public_key, OA2_SIG_ES256, input, signature);
  assert_verifies (public_key, OA2_SIG_ES256, input, again);
}

/* The range checks on r and s, and the signature length, on P-256 with the
 * RFC key and on P-384 and P-521 with generated ones. The boundary is
 * exact: r = n is "out of range", r = n-1 reaches Nettle (and fails). */
static void
test_ecdsa_malformed_signatures (void)
{
  static const struct {
    OA2Curve curve;
    OA2SigAlg alg;
    const char *order;
  } curves[] = {
    { OA2_CURVE_P256, OA2_SIG_ES256, OA2_TEST_P256_ORDER_HEX },
    { OA2_CURVE_P384, OA2_SIG_ES384, OA2_TEST_P384_ORDER_HEX },
    { OA2_CURVE_P521, OA2_SIG_ES512, OA2_TEST_P521_ORDER_HEX },
  };
  g_autoptr(GBytes) data = oa2_test_bytes_new_str ("payload");

  for (gsize c = 0; c < G_N_ELEMENTS (curves); c++)
    {
      g_autoptr(OA2CryptoKey) key = c == 0 ? a3_key (TRUE) : generate (OA2_KTY_EC, curves[c].curve, 0);
      g_autoptr(GBytes) order = oa2_test_hex_decode (curves[c].order);
      gsize size = g_bytes_get_size (order);
      g_autoptr(GBytes) good = NULL, r = NULL, s = NULL, zero = NULL, order_minus_1 = NULL, all_ones = NULL;
      g_autoptr(GBytes) sig = NULL;
      g_autofree guint8 *buffer = g_malloc0 (size);
      g_autoptr(GError) error = NULL;

      good = sign_bytes (key, curves[c].alg, data, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (good), ==, 2 * size);
      assert_verifies (key, curves[c].alg, data, good);
      r = g_bytes_new_from_bytes (good, 0, size);
      s = g_bytes_new_from_bytes (good, size, size);
      zero = g_bytes_new (buffer, size);
      order_minus_1 = oa2_test_bytes_flip (order, size - 1, 0x01);   /* n is odd */
      memset (buffer, 0xff, size);
      all_ones = g_bytes_new (buffer, size);

#define CHECK_SIG(first, second, part) \
      G_STMT_START { \
        g_autoptr(GBytes) candidate = bytes_concat ((first), (second)); \
        assert_verify_fails (key, curves[c].alg, data, candidate, OA2_ERROR_INVALID_SIGNATURE, (part)); \
      } G_STMT_END

      CHECK_SIG (zero, s, "out of range");
      CHECK_SIG (r, zero, "out of range");
      CHECK_SIG (order, s, "out of range");
      CHECK_SIG (r, order, "out of range");
      CHECK_SIG (all_ones, s, "out of range");
      CHECK_SIG (order_minus_1, s, "does not verify");
      CHECK_SIG (r, order_minus_1, "does not verify");
#undef CHECK_SIG

      /* Wrong lengths: truncated, one byte more, empty, and DER. */
      sig = oa2_test_bytes_slice (good, 0, 2 * size - 1);
      assert_verify_fails (key, curves[c].alg, data, sig, OA2_ERROR_INVALID_SIGNATURE, "bytes");
      g_clear_pointer (&sig, g_bytes_unref);
      sig = bytes_concat (good, zero);
      assert_verify_fails (key, curves[c].alg, data, sig, OA2_ERROR_INVALID_SIGNATURE, "bytes");
      g_clear_pointer (&sig, g_bytes_unref);
      sig = g_bytes_new (NULL, 0);
      assert_verify_fails (key, curves[c].alg, data, sig, OA2_ERROR_INVALID_SIGNATURE, "bytes");
    }
}

/* The test's group orders are right: Nettle takes n-1 as a scalar, not n. */
static void
test_ec_group_orders (void)
{
  static const struct {
    const struct ecc_curve *(*curve) (void);
    const char *order;
  } curves[] = {
    { nettle_get_secp_256r1, OA2_TEST_P256_ORDER_HEX },
    { nettle_get_secp_384r1, OA2_TEST_P384_ORDER_HEX },
    { nettle_get_secp_521r1, OA2_TEST_P521_ORDER_HEX },
  };

  for (gsize c = 0; c < G_N_ELEMENTS (curves); c++)
    {
      g_autoptr(GBytes) order = oa2_test_hex_decode (curves[c].order);
      struct ecc_scalar scalar;
      mpz_t z;

      mpz_init (z);
      nettle_mpz_set_str_256_u (z, g_bytes_get_size (order), g_bytes_get_data (order, NULL));
      ecc_scalar_init (&scalar, curves[c].curve ());
      g_assert_false (ecc_scalar_set (&scalar, z));
      mpz_sub_ui (z, z, 1);
      g_assert_true (ecc_scalar_set (&scalar, z));
      ecc_scalar_clear (&scalar);
      mpz_clear (z);
    }
}

/* Refusals of key material */

/* The key of these parameters is refused, with a message that contains
 * @part (if not NULL). Macros, so that a failure names the case's line. */
#define ASSERT_RSA_REFUSED(n, e, d, p, q, dp, dq, qi, part) \
  ASSERT_REFUSED_WITH (oa2_crypto_key_new_rsa ((n), (e), (d), (p), (q), (dp), (dq), (qi), &refusal_error), \
                       OA2_ERROR_INVALID_KEY, (part))
#define ASSERT_EC_REFUSED(curve, x, y, d, part) \
  ASSERT_REFUSED_WITH (oa2_crypto_key_new_ec ((curve), (x), (y), (d), &refusal_error), OA2_ERROR_INVALID_KEY, (part))

static void
test_rsa_invalid_keys (void)
{
  g_autoptr(GBytes) n = a2_param ("n"), e = a2_param ("e"), d = a2_param ("d"), p = a2_param ("p");
  g_autoptr(GBytes) q = a2_param ("q"), dp = a2_param ("dp"), dq = a2_param ("dq"), qi = a2_param ("qi");
  g_autoptr(GBytes) short_n = oa2_test_bytes_slice (n, 0, 128);   /* 1024 bits, odd or not */
  g_autoptr(GBytes) even_n = oa2_test_bytes_flip (n, 255, 0x01);
  g_autoptr(GBytes) even_e = oa2_test_hex_decode ("010000");
  g_autoptr(GBytes) one = oa2_test_hex_decode ("01");
  g_autoptr(GBytes) bad_p = oa2_test_bytes_flip (p, 127, 0x02);   /* p·q != n */
  g_autoptr(GBytes) bad_qi = oa2_test_bytes_flip (qi, 100, 0x10);
  g_autoptr(GBytes) other_e = oa2_test_hex_decode ("010003");
  g_autoptr(GBytes) leading_zero_n = NULL;
  g_autoptr(OA2CryptoKey) padded = NULL;
  g_autoptr(GError) error = NULL;

  ASSERT_RSA_REFUSED (short_n, e, NULL, NULL, NULL, NULL, NULL, NULL, "1024 bits");
  ASSERT_REFUSED (oa2_crypto_key_generate (OA2_KTY_RSA, OA2_CURVE_NONE, 1024, &refusal_error), OA2_ERROR_INVALID_KEY);
  ASSERT_REFUSED (oa2_crypto_key_generate (OA2_KTY_RSA, OA2_CURVE_NONE, 2047, &refusal_error), OA2_ERROR_INVALID_KEY);
  ASSERT_RSA_REFUSED (even_n, e, NULL, NULL, NULL, NULL, NULL, NULL, "even");
  ASSERT_RSA_REFUSED (n, even_e, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
  ASSERT_RSA_REFUSED (n, one, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
  ASSERT_RSA_REFUSED (NULL, e, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
  /* A private half that does not belong to n. */
  ASSERT_RSA_REFUSED (n, e, d, bad_p, q, dp, dq, qi, "does not match its public key");
  /* Consistent primes, inconsistent CRT parameters. */
  ASSERT_RSA_REFUSED (n, e, d, p, q, dq, dp, qi, "inconsistent");
  ASSERT_RSA_REFUSED (n, e, d, q, p, dp, dq, qi, NULL);
  ASSERT_RSA_REFUSED (n, e, d, p, q, dp, dq, bad_qi, "inconsistent");
  /* d, dp and dq agree with each other, but not with this e. */
  ASSERT_RSA_REFUSED (n, other_e, d, p, q, dp, dq, qi, "inconsistent");
  ASSERT_RSA_REFUSED (n, e, p, p, q, dp, dq, qi, NULL);
  /* Incomplete private halves. */
  ASSERT_RSA_REFUSED (n, e, d, NULL, NULL, NULL, NULL, NULL, NULL);
  ASSERT_RSA_REFUSED (n, e, d, p, q, dp, dq, NULL, NULL);

  /* A modulus with a leading zero byte is read for its value. */
  {
    g_autoptr(GBytes) zero = oa2_test_hex_decode ("00");
    g_autoptr(GBytes) canonical = NULL;

    leading_zero_n = bytes_concat (zero, n);
    padded = oa2_crypto_key_new_rsa (leading_zero_n, e, NULL, NULL, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (oa2_crypto_key_get_bits (padded), ==, 2048);
    canonical = oa2_crypto_key_dup_param (padded, "n");
    oa2_test_assert_bytes_equal (canonical, n);
  }
}

static void
test_ec_invalid_keys (void)
{
  g_autoptr(GBytes) x = a3_param ("x"), y = a3_param ("y"), d = a3_param ("d");
  g_autoptr(GBytes) off_curve_y = oa2_test_bytes_flip (y, 31, 0x01);
  g_autoptr(GBytes) short_x = oa2_test_bytes_slice (x, 0, 31);
  g_autoptr(GBytes) zero = oa2_test_hex_decode ("00");
  g_autoptr(GBytes) long_x = bytes_concat (zero, x);
  g_autoptr(GBytes) p256_p = oa2_test_hex_decode ("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
  g_autoptr(GBytes) other_d = oa2_test_bytes_flip (d, 31, 0x01);
  g_autoptr(GBytes) zero_d = oa2_test_hex_decode ("0000000000000000000000000000000000000000000000000000000000000000");
  g_autoptr(GBytes) order_d = oa2_test_hex_decode (OA2_TEST_P256_ORDER_HEX);
  g_autoptr(GBytes) short_d = oa2_test_bytes_slice (d, 0, 31);

  ASSERT_EC_REFUSED (OA2_CURVE_P256, x, off_curve_y, NULL, "not on the curve");
  ASSERT_EC_REFUSED (OA2_CURVE_P256, x, off_curve_y, d, NULL);
  ASSERT_EC_REFUSED (OA2_CURVE_P256, short_x, y, NULL, "32 bytes");
  ASSERT_EC_REFUSED (OA2_CURVE_P256, long_x, y, NULL, NULL);
  /* A coordinate not below the field prime. */
  ASSERT_EC_REFUSED (OA2_CURVE_P256, p256_p, y, NULL, NULL);
  ASSERT_EC_REFUSED (OA2_CURVE_P256, x, NULL, NULL, NULL);
  /* The point of another scalar; 0; n; the wrong size. */
  ASSERT_EC_REFUSED (OA2_CURVE_P256, x, y, other_d, "does not match");
  ASSERT_EC_REFUSED (OA2_CURVE_P256, x, y, zero_d, "group order");
  ASSERT_EC_REFUSED (OA2_CURVE_P256, x, y, order_d, "group order");
  ASSERT_EC_REFUSED (OA2_CURVE_P256, x, y, short_d, NULL);
  /* A P-256 point is not a P-384 one; no EC key on an OKP curve. */
  ASSERT_EC_REFUSED (OA2_CURVE_P384, x, y, NULL, NULL);
  ASSERT_EC_REFUSED (OA2_CURVE_ED25519, x, y, NULL, NULL);
  ASSERT_EC_REFUSED (OA2_CURVE_NONE, x, y, NULL, NULL);
  ASSERT_REFUSED (oa2_crypto_key_generate (OA2_KTY_EC, OA2_CURVE_X25519, 0, &refusal_error), OA2_ERROR_INVALID_KEY);
}

static void
test_okp_oct_invalid_keys (void)
{
  g_autoptr(GBytes) k32 = oa2_test_hex_decode ("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  g_autoptr(GBytes) k31 = oa2_test_bytes_slice (k32, 0, 31);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(OA2CryptoKey) oct = NULL;
  g_autoptr(GBytes) k = NULL;

  ASSERT_REFUSED (oa2_crypto_key_new_okp (OA2_CURVE_ED25519, k31, NULL, &refusal_error), OA2_ERROR_INVALID_KEY);
  ASSERT_REFUSED (oa2_crypto_key_new_okp (OA2_CURVE_ED25519, k32, k31, &refusal_error), OA2_ERROR_INVALID_KEY);
  ASSERT_REFUSED (oa2_crypto_key_new_okp (OA2_CURVE_ED448, k32, NULL, &refusal_error), OA2_ERROR_INVALID_KEY);
  ASSERT_REFUSED (oa2_crypto_key_new_okp (OA2_CURVE_ED25519, NULL, k32, &refusal_error), OA2_ERROR_INVALID_KEY);
  ASSERT_REFUSED (oa2_crypto_key_new_okp (OA2_CURVE_P256, k32, NULL, &refusal_error), OA2_ERROR_INVALID_KEY);
  ASSERT_REFUSED (oa2_crypto_key_generate (OA2_KTY_OKP, OA2_CURVE_P256, 0, &refusal_error), OA2_ERROR_INVALID_KEY);

  ASSERT_REFUSED (oa2_crypto_key_new_oct (empty, &refusal_error), OA2_ERROR_INVALID_KEY);
  ASSERT_REFUSED (oa2_crypto_key_new_oct (NULL, &refusal_error), OA2_ERROR_INVALID_KEY);
  ASSERT_REFUSED (oa2_crypto_key_generate (OA2_KTY_OCT, OA2_CURVE_NONE, 120, &refusal_error), OA2_ERROR_INVALID_KEY);
  ASSERT_REFUSED (oa2_crypto_key_generate (OA2_KTY_OCT, OA2_CURVE_NONE, 260, &refusal_error), OA2_ERROR_INVALID_KEY);

  oct = generate (OA2_KTY_OCT, OA2_CURVE_NONE, 256);
  g_assert_cmpint (oa2_crypto_key_get_kty (oct), ==, OA2_KTY_OCT);
  g_assert_cmpuint (oa2_crypto_key_get_bits (oct), ==, 256);
  g_assert_true (oa2_crypto_key_is_private (oct));
  g_assert_null (oa2_crypto_key_dup_public (oct));
  k = oa2_crypto_key_dup_param (oct, "k");
  g_assert_cmpuint (g_bytes_get_size (k), ==, 32);
  g_assert_null (oa2_crypto_key_dup_param (oct, "x"));
}

/* Keys that do not fit the algorithm */

static void
test_key_mismatch (void)
{
  g_autoptr(OA2CryptoKey) ec = a3_key (TRUE);
  g_autoptr(OA2CryptoKey) rsa = a2_key (TRUE);
  g_autoptr(OA2CryptoKey) oct = generate (OA2_KTY_OCT, OA2_CURVE_NONE, 512);
  g_autoptr(OA2CryptoKey) x25519 = generate (OA2_KTY_OKP, OA2_CURVE_X25519, 0);
  g_autoptr(OA2CryptoKey) ed25519 = generate (OA2_KTY_OKP, OA2_CURVE_ED25519, 0);
  g_autoptr(GBytes) data = oa2_test_bytes_new_str ("payload");
  g_autoptr(GBytes) ec_signature = NULL, mac = NULL;
  g_autoptr(GError) error = NULL;
  static const struct {
    int key;
    OA2SigAlg alg;
  } mismatches[] = {
    { 0, OA2_SIG_HS256 }, { 0, OA2_SIG_HS512 }, { 0, OA2_SIG_RS256 }, { 0, OA2_SIG_PS256 },
    { 0, OA2_SIG_ES384 }, { 0, OA2_SIG_ES512 }, { 0, OA2_SIG_EDDSA },
    { 1, OA2_SIG_HS256 }, { 1, OA2_SIG_ES256 }, { 1, OA2_SIG_EDDSA },
    { 2, OA2_SIG_ES256 }, { 2, OA2_SIG_RS256 }, { 2, OA2_SIG_PS512 }, { 2, OA2_SIG_EDDSA },
    { 3, OA2_SIG_EDDSA }, { 3, OA2_SIG_ES256 }, { 3, OA2_SIG_HS256 },
    { 4, OA2_SIG_ES256 }, { 4, OA2_SIG_HS256 }, { 4, OA2_SIG_RS256 },
  };
  OA2CryptoKey *keys[] = { ec, rsa, oct, x25519, ed25519 };

  for (gsize i = 0; i < G_N_ELEMENTS (mismatches); i++)
    {
      OA2CryptoKey *key = keys[mismatches[i].key];
      g_autoptr(GBytes) fake = g_bytes_new_static ("0123456789012345678901234567890123456789012345678901234567890123", 64);

      g_assert_false (oa2_crypto_key_check_alg (key, mismatches[i].alg, FALSE, &error));
      g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
      g_clear_error (&error);
      ASSERT_REFUSED (sign_bytes (key, mismatches[i].alg, data, &refusal_error), OA2_ERROR_KEY_MISMATCH);
      assert_verify_fails (key, mismatches[i].alg, data, fake, OA2_ERROR_KEY_MISMATCH, NULL);
    }

  /* HMAC with the bytes of a public key as the secret: the classic
   * confusion (RFC 8725 §2.1) stays a key mismatch. */
  ec_signature = sign_bytes (ec, OA2_SIG_ES256, data, &error);
  g_assert_no_error (error);
  assert_verify_fails (ec, OA2_SIG_HS256, data, ec_signature, OA2_ERROR_KEY_MISMATCH, NULL);

  /* Unknown algorithms. */
  g_assert_false (oa2_crypto_key_check_alg (ec, OA2_SIG_INVALID, FALSE, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  g_clear_error (&error);
  ASSERT_REFUSED (sign_bytes (oct, OA2_SIG_INVALID, data, &refusal_error), OA2_ERROR_UNSUPPORTED_ALGORITHM);
  ASSERT_REFUSED (sign_bytes (oct, (OA2SigAlg) 99, data, &refusal_error), OA2_ERROR_UNSUPPORTED_ALGORITHM);
  mac = sign_bytes (oct, OA2_SIG_HS256, data, &error);
  g_assert_no_error (error);
  assert_verify_fails (oct, OA2_SIG_INVALID, data, mac, OA2_ERROR_UNSUPPORTED_ALGORITHM, NULL);
}

/* Round trips of every algorithm with generated keys */

typedef struct {
  OA2SigAlg alg;
  OA2Kty kty;
  OA2Curve curve;
  guint bits;
  gsize signature_size;
  gboolean randomised;
} RoundTrip;

static const RoundTrip round_trips[] = {
  { OA2_SIG_HS256, OA2_KTY_OCT, OA2_CURVE_NONE, 512, 32, FALSE },
  { OA2_SIG_HS384, OA2_KTY_OCT, OA2_CURVE_NONE, 512, 48, FALSE },
  { OA2_SIG_HS512, OA2_KTY_OCT, OA2_CURVE_NONE, 512, 64, FALSE },
  { OA2_SIG_RS256, OA2_KTY_RSA, OA2_CURVE_NONE, 2048, 256, FALSE },
  { OA2_SIG_RS384, OA2_KTY_RSA, OA2_CURVE_NONE, 2048, 256, FALSE },
  { OA2_SIG_RS512, OA2_KTY_RSA, OA2_CURVE_NONE, 2048, 256, FALSE },
  { OA2_SIG_PS256, OA2_KTY_RSA, OA2_CURVE_NONE, 2048, 256, TRUE },
  { OA2_SIG_PS384, OA2_KTY_RSA, OA2_CURVE_NONE, 2048, 256, TRUE },
  { OA2_SIG_PS512, OA2_KTY_RSA, OA2_CURVE_NONE, 2048, 256, TRUE },
  { OA2_SIG_ES256, OA2_KTY_EC, OA2_CURVE_P256, 0, 64, TRUE },
  { OA2_SIG_ES384, OA2_KTY_EC, OA2_CURVE_P384, 0, 96, TRUE },
  { OA2_SIG_ES512, OA2_KTY_EC, OA2_CURVE_P521, 0, 132, TRUE },
  { OA2_SIG_EDDSA, OA2_KTY_OKP, OA2_CURVE_ED25519, 0, 64, FALSE },
  { OA2_SIG_EDDSA, OA2_KTY_OKP, OA2_CURVE_ED448, 0, 114, FALSE },
};

/* The same key, rebuilt from its JWK parameters. */
static OA2CryptoKey *
rebuild_from_params (OA2CryptoKey *key)
{
  g_autoptr(GError) error = NULL;
  OA2CryptoKey *copy = NULL;

#define P(name) g_autoptr(GBytes) param_##name = oa2_crypto_key_dup_param (key, #name)
  switch (oa2_crypto_key_get_kty (key))
    {
    case OA2_KTY_RSA:
      {
        P (n); P (e); P (d); P (p); P (q); P (dp); P (dq); P (qi);
        copy = oa2_crypto_key_new_rsa (param_n, param_e, param_d, param_p, param_q,
                                       param_dp, param_dq, param_qi, &error);
      }
      break;
    case OA2_KTY_EC:
      {
        P (x); P (y); P (d);
        copy = oa2_crypto_key_new_ec (oa2_crypto_key_get_curve (key), param_x, param_y, param_d, &error);
      }
      break;
    case OA2_KTY_OKP:
      {
        P (x); P (d);
        copy = oa2_crypto_key_new_okp (oa2_crypto_key_get_curve (key), param_x, param_d, &error);
      }
      break;
    case OA2_KTY_OCT:
      {
        P (k);
        copy = oa2_crypto_key_new_oct (param_k, &error);
      }
      break;
    default:
      g_assert_not_reached ();
    }
#undef P
  g_assert_no_error (error);
  return copy;
}

static void
test_round_trip (gconstpointer user_data)
{
  const RoundTrip *rt = user_data;
  g_autoptr(OA2CryptoKey) key = NULL, other = NULL, public_key = NULL, rebuilt = NULL;
  g_autoptr(GBytes) data = oa2_test_bytes_new_str ("{\"iss\":\"https://as.example\",\"sub\":\"alice\"}");
  g_autoptr(GBytes) other_data = oa2_test_bytes_flip (data, 5, 0x01);
  g_autoptr(GBytes) signature = NULL, again = NULL, flipped = NULL, truncated = NULL, empty_sig = NULL;
  g_autoptr(GError) error = NULL;

  if (rt->kty == OA2_KTY_RSA)
    {
      key = oa2_crypto_key_ref (generated_rsa_key ());
      other = a2_key (TRUE);
    }
  else
    {
      key = generate (rt->kty, rt->curve, rt->bits);
      other = generate (rt->kty, rt->curve, rt->bits);
    }
  g_assert_true (oa2_crypto_key_check_alg (key, rt->alg, TRUE, &error));
  g_assert_no_error (error);
  if (rt->kty == OA2_KTY_RSA)
    g_assert_cmpuint (oa2_crypto_key_get_bits (key), ==, rt->bits);

  signature = sign_bytes (key, rt->alg, data, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (signature), ==, rt->signature_size);
  assert_verifies (key, rt->alg, data, signature);

  again = sign_bytes (key, rt->alg, data, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (signature, again) == !rt->randomised);
  assert_verifies (key, rt->alg, data, again);

  if (rt->kty != OA2_KTY_OCT)
    {
      public_key = oa2_crypto_key_dup_public (key);
      g_assert_false (oa2_crypto_key_is_private (public_key));
      g_assert_cmpint (oa2_crypto_key_get_curve (public_key), ==, rt->curve);
      assert_verifies (public_key, rt->alg, data, signature);
      ASSERT_REFUSED (sign_bytes (public_key, rt->alg, data, &refusal_error), OA2_ERROR_KEY_MISMATCH);
      g_assert_false (oa2_crypto_key_check_alg (public_key, rt->alg, TRUE, &error));
      g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
      g_clear_error (&error);
      g_assert_true (oa2_crypto_key_check_alg (public_key, rt->alg, FALSE, &error));
      g_assert_no_error (error);
    }

  rebuilt = rebuild_from_params (key);
  assert_verifies (rebuilt, rt->alg, data, signature);

  flipped = oa2_test_bytes_flip (signature, rt->signature_size / 2, 0x40);
  truncated = oa2_test_bytes_slice (signature, 0, rt->signature_size - 1);
  empty_sig = g_bytes_new (NULL, 0);
  assert_verify_fails (key, rt->alg, other_data, signature, OA2_ERROR_INVALID_SIGNATURE, NULL);
  assert_verify_fails (key, rt->alg, data, flipped, OA2_ERROR_INVALID_SIGNATURE, NULL);
  /* Wrong lengths are refused as such, before any arithmetic. */
  assert_verify_fails (key, rt->alg, data, truncated, OA2_ERROR_INVALID_SIGNATURE, "bytes");
  assert_verify_fails (key, rt->alg, data, empty_sig, OA2_ERROR_INVALID_SIGNATURE, "bytes");
  assert_verify_fails (other, rt->alg, data, signature, OA2_ERROR_INVALID_SIGNATURE, NULL);

  /* The empty message signs too. */
  g_clear_pointer (&signature, g_bytes_unref);
  signature = oa2_crypto_sign (key, rt->alg, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (oa2_crypto_verify (key, rt->alg, NULL, 0, g_bytes_get_data (signature, NULL),
                                    g_bytes_get_size (signature), &error));
  g_assert_no_error (error);
}

/* PEM and DER, with fixtures made by GnuTLS */

static GBytes *
datum_to_bytes (gnutls_datum_t *datum)
{
  GBytes *bytes = g_bytes_new (datum->data, datum->size);

  gnutls_free (datum->data);
  datum->data = NULL;
  return bytes;
}

/* @value without leading zero bytes, left-padded to @size. */
static GBytes *
fixed_size (const guint8 *value,
            gsize         len,
            gsize         size)
{
  guint8 *out = g_malloc0 (size);

  while (len > size && *value == 0)
    {
      value++;
      len--;
    }
  g_assert_cmpuint (len, <=, size);
  memcpy (out + size - len, value, len);
  return g_bytes_new_take (out, size);
}

static GBytes *
export_private (gnutls_x509_privkey_t   xkey,
                gboolean                pkcs8,
                gnutls_x509_crt_fmt_t   format,
                const char             *password)
{
  gnutls_datum_t out = { NULL, 0 };
  int ret;

  if (pkcs8)
    ret = gnutls_x509_privkey_export2_pkcs8 (xkey, format, password,
                                             password != NULL ? GNUTLS_PKCS_PBES2_AES_256 : GNUTLS_PKCS_PLAIN,
                                             &out);
  else
    ret = gnutls_x509_privkey_export2 (xkey, format, &out);
  g_assert_cmpint (ret, ==, 0);
  return datum_to_bytes (&out);
}

static gnutls_privkey_t
abstract_privkey (gnutls_x509_privkey_t xkey)
{
  gnutls_privkey_t privkey;

  g_assert_cmpint (gnutls_privkey_init (&privkey), ==, 0);
  g_assert_cmpint (gnutls_privkey_import_x509 (privkey, xkey, 0), ==, 0);
  return privkey;
}

static gnutls_pubkey_t
abstract_pubkey (gnutls_x509_privkey_t xkey)
{
  gnutls_privkey_t privkey = abstract_privkey (xkey);
  gnutls_pubkey_t pubkey;

  g_assert_cmpint (gnutls_pubkey_init (&pubkey), ==, 0);
  g_assert_cmpint (gnutls_pubkey_import_privkey (pubkey, privkey, 0, 0), ==, 0);
  gnutls_privkey_deinit (privkey);
  return pubkey;
}

static GBytes *
export_public (gnutls_x509_privkey_t  xkey,
               gnutls_x509_crt_fmt_t  format)
{
  gnutls_pubkey_t pubkey = abstract_pubkey (xkey);
  gnutls_datum_t out = { NULL, 0 };

  g_assert_cmpint (gnutls_pubkey_export2 (pubkey, format, &out), ==, 0);
  gnutls_pubkey_deinit (pubkey);
  return datum_to_bytes (&out);
}

/* A self-signed certificate for @xkey. */
static GBytes *
export_certificate (gnutls_x509_privkey_t  xkey,
                    gnutls_digest_algorithm_t digest,
                    gnutls_x509_crt_fmt_t  format)
{
  gnutls_x509_crt_t crt;
  gnutls_datum_t out = { NULL, 0 };
  static const guint8 serial[] = { 0x01, 0x23 };
  time_t now = time (NULL);

  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_version (crt, 3), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_serial (crt, serial, sizeof serial), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_activation_time (crt, now - 3600), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_expiration_time (crt, now + 86400), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_dn (crt, "CN=oauth2client-glib test", NULL), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_key (crt, xkey), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_sign2 (crt, crt, xkey, digest, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_export2 (crt, format, &out), ==, 0);
  gnutls_x509_crt_deinit (crt);
  return datum_to_bytes (&out);
}

static OA2CryptoKey *
import_ok (GBytes *pem)
{
  g_autoptr(GError) error = NULL;
  OA2CryptoKey *key = oa2_crypto_key_new_from_pem (g_bytes_get_data (pem, NULL), g_bytes_get_size (pem), &error);

  g_assert_no_error (error);
  g_assert_nonnull (key);
  return key;
}

static void
import_refused (GBytes     *pem,
                const char *message_part)
{
  g_autoptr(GError) error = NULL;
  OA2CryptoKey *key = oa2_crypto_key_new_from_pem (g_bytes_get_data (pem, NULL), g_bytes_get_size (pem), &error);

  g_assert_null (key);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY);
  oa2_test_assert_message_contains (error, message_part);
}

static void
assert_same_params (OA2CryptoKey *a,
                    OA2CryptoKey *b)
{
  static const char * const names[] = { "n", "e", "d", "p", "q", "dp", "dq", "qi", "x", "y", "k" };

  g_assert_cmpint (oa2_crypto_key_get_kty (a), ==, oa2_crypto_key_get_kty (b));
  g_assert_cmpint (oa2_crypto_key_get_curve (a), ==, oa2_crypto_key_get_curve (b));
  g_assert_cmpuint (oa2_crypto_key_get_bits (a), ==, oa2_crypto_key_get_bits (b));
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GBytes) pa = oa2_crypto_key_dup_param (a, names[i]);
      g_autoptr(GBytes) pb = oa2_crypto_key_dup_param (b, names[i]);

      /* A public key has a subset of a private key's parameters. */
      if (pa != NULL && pb != NULL)
        oa2_test_assert_bytes_equal (pa, pb);
    }
}

/* Our signature verifies with GnuTLS, and GnuTLS's with ours. @half is the
 * size of r and s for ECDSA, 0 otherwise. */
static void
check_interop (gnutls_x509_privkey_t   xkey,
               OA2CryptoKey           *key,
               OA2SigAlg               alg,
               gnutls_sign_algorithm_t gnutls_alg,
               gsize                   half)
{
  g_autoptr(GBytes) data = oa2_test_bytes_new_str ("interoperable payload");
  gnutls_datum_t gdata = { (unsigned char *) g_bytes_get_data (data, NULL), g_bytes_get_size (data) };
  gnutls_pubkey_t pubkey = abstract_pubkey (xkey);
  gnutls_privkey_t privkey = abstract_privkey (xkey);
  g_autoptr(GBytes) ours = NULL, theirs = NULL;
  gnutls_datum_t gsig = { NULL, 0 };
  g_autoptr(GError) error = NULL;

  ours = sign_bytes (key, alg, data, &error);
  g_assert_no_error (error);
  if (half > 0)
    {
      const guint8 *raw = g_bytes_get_data (ours, NULL);
      gsize r_start = 0, s_start = 0;
      gnutls_datum_t r, s;

      while (r_start < half - 1 && raw[r_start] == 0)
        r_start++;
      while (s_start < half - 1 && raw[half + s_start] == 0)
        s_start++;
      r.data = (unsigned char *) raw + r_start;
      r.size = half - r_start;
      s.data = (unsigned char *) raw + half + s_start;
      s.size = half - s_start;
      g_assert_cmpint (gnutls_encode_rs_value (&gsig, &r, &s), ==, 0);
    }
  else
    {
      gsig.data = gnutls_malloc (g_bytes_get_size (ours));
      gsig.size = g_bytes_get_size (ours);
      memcpy (gsig.data, g_bytes_get_data (ours, NULL), gsig.size);
    }
  g_assert_cmpint (gnutls_pubkey_verify_data2 (pubkey, gnutls_alg, 0, &gdata, &gsig), >=, 0);
  gnutls_free (gsig.data);
  gsig.data = NULL;

  g_assert_cmpint (gnutls_privkey_sign_data2 (privkey, gnutls_alg, 0, &gdata, &gsig), ==, 0);
  if (half > 0)
    {
      gnutls_datum_t r = { NULL, 0 }, s = { NULL, 0 };
      g_autoptr(GBytes) rb = NULL, sb = NULL;

      g_assert_cmpint (gnutls_decode_rs_value (&gsig, &r, &s), ==, 0);
      rb = fixed_size (r.data, r.size, half);
      sb = fixed_size (s.data, s.size, half);
      theirs = bytes_concat (rb, sb);
      gnutls_free (r.data);
      gnutls_free (s.data);
    }
  else
    theirs = g_bytes_new (gsig.data, gsig.size);
  gnutls_free (gsig.data);
  assert_verifies (key, alg, data, theirs);

  gnutls_pubkey_deinit (pubkey);
  gnutls_privkey_deinit (privkey);
}

typedef struct {
  const char *name;
  gnutls_pk_algorithm_t algorithm;
  gnutls_ecc_curve_t gnutls_curve;   /* GNUTLS_ECC_CURVE_INVALID for RSA */
  OA2Kty kty;
  OA2Curve curve;
  OA2SigAlg alg;                     /* OA2_SIG_INVALID: cannot sign */
  gnutls_sign_algorithm_t gnutls_alg;
  gnutls_digest_algorithm_t cert_digest;
  gsize half;
} PemCase;

static const PemCase pem_cases[] = {
  { "rsa", GNUTLS_PK_RSA, GNUTLS_ECC_CURVE_INVALID, OA2_KTY_RSA, OA2_CURVE_NONE,
    OA2_SIG_RS256, GNUTLS_SIGN_RSA_SHA256, GNUTLS_DIG_SHA256, 0 },
  { "p256", GNUTLS_PK_ECDSA, GNUTLS_ECC_CURVE_SECP256R1, OA2_KTY_EC, OA2_CURVE_P256,
    OA2_SIG_ES256, GNUTLS_SIGN_ECDSA_SHA256, GNUTLS_DIG_SHA256, 32 },
  { "p384", GNUTLS_PK_ECDSA, GNUTLS_ECC_CURVE_SECP384R1, OA2_KTY_EC, OA2_CURVE_P384,
    OA2_SIG_ES384, GNUTLS_SIGN_ECDSA_SHA384, GNUTLS_DIG_SHA384, 48 },
  { "p521", GNUTLS_PK_ECDSA, GNUTLS_ECC_CURVE_SECP521R1, OA2_KTY_EC, OA2_CURVE_P521,
    OA2_SIG_ES512, GNUTLS_SIGN_ECDSA_SHA512, GNUTLS_DIG_SHA512, 66 },
  { "ed25519", GNUTLS_PK_EDDSA_ED25519, GNUTLS_ECC_CURVE_ED25519, OA2_KTY_OKP, OA2_CURVE_ED25519,
    OA2_SIG_EDDSA, GNUTLS_SIGN_EDDSA_ED25519, GNUTLS_DIG_SHA512, 0 },
  { "ed448", GNUTLS_PK_EDDSA_ED448, GNUTLS_ECC_CURVE_ED448, OA2_KTY_OKP, OA2_CURVE_ED448,
    OA2_SIG_EDDSA, GNUTLS_SIGN_EDDSA_ED448, GNUTLS_DIG_SHAKE_256, 0 },
  { "x25519", GNUTLS_PK_ECDH_X25519, GNUTLS_ECC_CURVE_X25519, OA2_KTY_OKP, OA2_CURVE_X25519,
    OA2_SIG_INVALID, GNUTLS_SIGN_UNKNOWN, GNUTLS_DIG_UNKNOWN, 0 },
  { "x448", GNUTLS_PK_ECDH_X448, GNUTLS_ECC_CURVE_X448, OA2_KTY_OKP, OA2_CURVE_X448,
    OA2_SIG_INVALID, GNUTLS_SIGN_UNKNOWN, GNUTLS_DIG_UNKNOWN, 0 },
};

/* The RFC 7515 A.2 key as a GnuTLS key, to spare a key generation. */
static gnutls_x509_privkey_t
gnutls_a2_key (void)
{
  const char *names[] = { "n", "e", "d", "p", "q", "qi", "dp", "dq" };
  GBytes *bytes[G_N_ELEMENTS (names)];
  gnutls_datum_t datums[G_N_ELEMENTS (names)];
  gnutls_x509_privkey_t xkey;

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      bytes[i] = a2_param (names[i]);
      datums[i].data = (unsigned char *) g_bytes_get_data (bytes[i], NULL);
      datums[i].size = g_bytes_get_size (bytes[i]);
    }
  g_assert_cmpint (gnutls_x509_privkey_init (&xkey), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_import_rsa_raw2 (xkey, &datums[0], &datums[1], &datums[2],
                                                        &datums[3], &datums[4], &datums[5],
                                                        &datums[6], &datums[7]), ==, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    g_bytes_unref (bytes[i]);
  return xkey;
}

/* The key's own parameters, as GnuTLS reports them, against ours. */
static void
check_gnutls_params (gnutls_x509_privkey_t  xkey,
                     const PemCase         *pc,
                     OA2CryptoKey          *key)
{
  if (pc->kty == OA2_KTY_RSA)
    {
      g_autoptr(OA2CryptoKey) a2 = a2_key (TRUE);

      assert_same_params (key, a2);
    }
  else
    {
      gnutls_ecc_curve_t curve;
      gnutls_datum_t x = { NULL, 0 }, y = { NULL, 0 }, k = { NULL, 0 };
      g_autoptr(GBytes) px = oa2_crypto_key_dup_param (key, "x");
      g_autoptr(GBytes) pd = oa2_crypto_key_dup_param (key, "d");
      g_autoptr(GBytes) gx = NULL, gk = NULL;
      gsize size = g_bytes_get_size (px);

      g_assert_cmpint (gnutls_x509_privkey_export_ecc_raw (xkey, &curve, &x, &y, &k), ==, 0);
      g_assert_cmpint (curve, ==, pc->gnutls_curve);
      gx = fixed_size (x.data, x.size, size);
      gk = fixed_size (k.data, k.size, size);
      oa2_test_assert_bytes_equal (px, gx);
      oa2_test_assert_bytes_equal (pd, gk);
      if (pc->kty == OA2_KTY_EC)
        {
          g_autoptr(GBytes) py = oa2_crypto_key_dup_param (key, "y");
          g_autoptr(GBytes) gy = fixed_size (y.data, y.size, size);

          oa2_test_assert_bytes_equal (py, gy);
        }
      gnutls_free (x.data);
      gnutls_free (y.data);
      gnutls_free (k.data);
    }
}

static void
test_pem (gconstpointer user_data)
{
  const PemCase *pc = user_data;
  gnutls_x509_privkey_t xkey = NULL;
  g_autoptr(OA2CryptoKey) reference = NULL;
  GBytes *privates[4], *publics[2];
  gsize n_privates;

  if (pc->kty == OA2_KTY_RSA)
    xkey = gnutls_a2_key ();
  else
    {
      int ret;

      g_assert_cmpint (gnutls_x509_privkey_init (&xkey), ==, 0);
      ret = gnutls_x509_privkey_generate (xkey, pc->algorithm, GNUTLS_CURVE_TO_BITS (pc->gnutls_curve), 0);
      if (ret < 0)
        {
          g_autofree char *why = g_strdup_printf ("GnuTLS cannot make %s keys: %s", pc->name, gnutls_strerror (ret));
          gnutls_x509_privkey_deinit (xkey);
          g_test_skip (why);
          return;
        }
    }

  /* PKCS #8 and the native form (PKCS #1, SEC 1), in PEM and DER. OKP
   * keys have only PKCS #8 (RFC 8410); GnuTLS's native form for them is an
   * "UNKNOWN" block of its own. */
  privates[0] = export_private (xkey, TRUE, GNUTLS_X509_FMT_PEM, NULL);
  privates[1] = export_private (xkey, TRUE, GNUTLS_X509_FMT_DER, NULL);
  n_privates = 2;
  if (pc->kty != OA2_KTY_OKP)
    {
      privates[n_privates++] = export_private (xkey, FALSE, GNUTLS_X509_FMT_PEM, NULL);
      privates[n_privates++] = export_private (xkey, FALSE, GNUTLS_X509_FMT_DER, NULL);
    }
  publics[0] = export_public (xkey, GNUTLS_X509_FMT_PEM);
  publics[1] = export_public (xkey, GNUTLS_X509_FMT_DER);

  reference = import_ok (privates[0]);
  g_assert_cmpint (oa2_crypto_key_get_kty (reference), ==, pc->kty);
  g_assert_cmpint (oa2_crypto_key_get_curve (reference), ==, pc->curve);
  g_assert_true (oa2_crypto_key_is_private (reference));
  check_gnutls_params (xkey, pc, reference);

  for (gsize i = 0; i < n_privates; i++)
    {
      g_autoptr(OA2CryptoKey) key = import_ok (privates[i]);

      g_assert_true (oa2_crypto_key_is_private (key));
      assert_same_params (key, reference);
      g_bytes_unref (privates[i]);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (publics); i++)
    {
      g_autoptr(OA2CryptoKey) key = import_ok (publics[i]);

      g_assert_false (oa2_crypto_key_is_private (key));
      assert_same_params (key, reference);
      g_bytes_unref (publics[i]);
    }

  if (pc->alg != OA2_SIG_INVALID)
    {
      gnutls_x509_crt_fmt_t formats[] = { GNUTLS_X509_FMT_PEM, GNUTLS_X509_FMT_DER };

      for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
        {
          g_autoptr(GBytes) cert = export_certificate (xkey, pc->cert_digest, formats[i]);
          g_autoptr(OA2CryptoKey) key = import_ok (cert);

          g_assert_false (oa2_crypto_key_is_private (key));
          assert_same_params (key, reference);
        }
      check_interop (xkey, reference, pc->alg, pc->gnutls_alg, pc->half);
    }

  if (pc->kty == OA2_KTY_RSA)
    {
      static const struct {
        OA2SigAlg alg;
        gnutls_sign_algorithm_t gnutls_alg;
      } rsa_algs[] = {
        { OA2_SIG_RS384, GNUTLS_SIGN_RSA_SHA384 },
        { OA2_SIG_RS512, GNUTLS_SIGN_RSA_SHA512 },
        { OA2_SIG_PS256, GNUTLS_SIGN_RSA_PSS_RSAE_SHA256 },
        { OA2_SIG_PS384, GNUTLS_SIGN_RSA_PSS_RSAE_SHA384 },
        { OA2_SIG_PS512, GNUTLS_SIGN_RSA_PSS_RSAE_SHA512 },
      };
      g_autoptr(GBytes) input = jws_signing_input (oa2_test_rfc7515_a2);
      g_autoptr(GBytes) expected = jws_signature (oa2_test_rfc7515_a2);
      g_autoptr(GBytes) signature = NULL;
      g_autoptr(GError) error = NULL;

      for (gsize i = 0; i < G_N_ELEMENTS (rsa_algs); i++)
        check_interop (xkey, reference, rsa_algs[i].alg, rsa_algs[i].gnutls_alg, 0);

      /* The key read from PEM signs the RFC's exact bytes. */
      signature = sign_bytes (reference, OA2_SIG_RS256, input, &error);
      g_assert_no_error (error);
      oa2_test_assert_bytes_equal (signature, expected);
    }

  /* Encrypted private keys are refused, with a message that says so. */
  {
    g_autoptr(GBytes) pem = export_private (xkey, TRUE, GNUTLS_X509_FMT_PEM, "secret");
    g_autoptr(GBytes) der = export_private (xkey, TRUE, GNUTLS_X509_FMT_DER, "secret");

    import_refused (pem, "Encrypted");
    import_refused (der, "Encrypted");
  }

  gnutls_x509_privkey_deinit (xkey);
}

static GBytes *
pem_wrap (const char *label,
          GBytes     *der)
{
  g_autofree char *b64 = g_base64_encode (g_bytes_get_data (der, NULL), g_bytes_get_size (der));
  GString *pem = g_string_new (NULL);

  g_string_append_printf (pem, "-----BEGIN %s-----\n", label);
  for (const char *c = b64; *c != '\0'; c += MIN (strlen (c), 64))
    g_string_append_printf (pem, "%.64s\n", c);
  g_string_append_printf (pem, "-----END %s-----\n", label);
  return g_string_free_to_bytes (pem);
}

/* Formats GnuTLS does not write for us, and garbage. */
static void
test_pem_other_forms (void)
{
  g_autoptr(GBytes) n = a2_param ("n");
  g_autoptr(OA2CryptoKey) a2 = a2_key (FALSE);

  /* PKCS #1 RSAPublicKey: SEQUENCE { INTEGER n, INTEGER e }, by hand. */
  {
    static const guint8 head[] = { 0x30, 0x82, 0x01, 0x0a, 0x02, 0x82, 0x01, 0x01, 0x00 };
    static const guint8 tail[] = { 0x02, 0x03, 0x01, 0x00, 0x01 };
    GByteArray *array = g_byte_array_new ();
    g_autoptr(GBytes) der = NULL, pem = NULL;
    g_autoptr(OA2CryptoKey) from_pem = NULL, from_der = NULL;

    g_byte_array_append (array, head, sizeof head);
    g_byte_array_append (array, g_bytes_get_data (n, NULL), g_bytes_get_size (n));
    g_byte_array_append (array, tail, sizeof tail);
    der = g_byte_array_free_to_bytes (array);
    pem = pem_wrap ("RSA PUBLIC KEY", der);
    from_pem = import_ok (pem);
    from_der = import_ok (der);
    assert_same_params (from_pem, a2);
    assert_same_params (from_der, a2);
    g_assert_false (oa2_crypto_key_is_private (from_pem));
  }

  /* OpenSSL's "EC PARAMETERS" block before a SEC 1 "EC PRIVATE KEY". */
  {
    gnutls_x509_privkey_t xkey;
    g_autoptr(GBytes) sec1 = NULL, params = NULL, both = NULL;
    g_autoptr(OA2CryptoKey) key = NULL, reference = NULL;

    g_assert_cmpint (gnutls_x509_privkey_init (&xkey), ==, 0);
    g_assert_cmpint (gnutls_x509_privkey_generate (xkey, GNUTLS_PK_ECDSA,
                                                   GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0), ==, 0);
    sec1 = export_private (xkey, FALSE, GNUTLS_X509_FMT_PEM, NULL);
    params = oa2_test_bytes_new_str ("-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n");
    both = bytes_concat (params, sec1);
    key = import_ok (both);
    reference = import_ok (sec1);
    assert_same_params (key, reference);
    g_assert_true (oa2_crypto_key_is_private (key));
    gnutls_x509_privkey_deinit (xkey);
  }

  /* A 1024-bit RSA key is read, then refused by the same rules as a JWK. */
  {
    gnutls_x509_privkey_t xkey;
    g_autoptr(GBytes) pem = NULL;

    g_assert_cmpint (gnutls_x509_privkey_init (&xkey), ==, 0);
    if (gnutls_x509_privkey_generate (xkey, GNUTLS_PK_RSA, 1024, 0) == 0)
      {
        pem = export_private (xkey, TRUE, GNUTLS_X509_FMT_PEM, NULL);
        import_refused (pem, "1024 bits");
      }
    gnutls_x509_privkey_deinit (xkey);
  }

  /* Garbage. */
  {
    static const char * const garbage[][2] = {
      { "hello, world", "not a PEM or DER" },
      { "-----BEGIN DSA PARAMETERS-----\nAAAA\n-----END DSA PARAMETERS-----\n", "not supported" },
      { "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n", "PRIVATE KEY" },
      { "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "PUBLIC KEY" },
      { "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "CERTIFICATE" },
      { "-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----\n", "RSA PUBLIC KEY" },
      { "-----BEGIN rsa key-----\nAAAA\n", "malformed" },
      { "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n"
        "-----END RSA PRIVATE KEY-----\n", "Encrypted" },
    };
    g_autoptr(GError) error = NULL;

    for (gsize i = 0; i < G_N_ELEMENTS (garbage); i++)
      {
        g_autoptr(GBytes) data = oa2_test_bytes_new_str (garbage[i][0]);

        import_refused (data, garbage[i][1]);
      }
    g_assert_null (oa2_crypto_key_new_from_pem ((const guint8 *) "", 0, &error));
    g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY);
  }
}

static GBytes *
mpz_bytes (const mpz_t x)
{
  gsize len = nettle_mpz_sizeinbase_256_u (x);
  guint8 *data = g_malloc (len);

  nettle_mpz_get_str_256 (len, data, x);
  return g_bytes_new_take (data, len);
}

/* The RFC 7515 A.2 key with the first exponent of 41 bits that fits its
 * primes, and the d, dp and dq that go with it (from GMP): a consistent
 * private key that only the exponent cap refuses. */
static void
big_exponent_a2_key (GBytes **e,
                     GBytes **d,
                     GBytes **dp,
                     GBytes **dq)
{
  g_autoptr(GBytes) p = a2_param ("p"), q = a2_param ("q");
  mpz_t mp, mq, phi, me, md, t;

  nettle_mpz_init_set_str_256_u (mp, g_bytes_get_size (p), g_bytes_get_data (p, NULL));
  nettle_mpz_init_set_str_256_u (mq, g_bytes_get_size (q), g_bytes_get_data (q, NULL));
  mpz_inits (phi, me, md, t, NULL);
  mpz_sub_ui (mp, mp, 1);
  mpz_sub_ui (mq, mq, 1);
  mpz_mul (phi, mp, mq);
  mpz_setbit (me, 40);
  mpz_add_ui (me, me, 1);
  for (mpz_gcd (t, me, phi); mpz_cmp_ui (t, 1) != 0; mpz_gcd (t, me, phi))
    mpz_add_ui (me, me, 2);
  g_assert_cmpuint (mpz_sizeinbase (me, 2), ==, 41);
  g_assert_true (mpz_invert (md, me, phi));
  *e = mpz_bytes (me);
  *d = mpz_bytes (md);
  mpz_mod (t, md, mp);
  *dp = mpz_bytes (t);
  mpz_mod (t, md, mq);
  *dq = mpz_bytes (t);
  mpz_clears (mp, mq, phi, me, md, t, NULL);
}

static void
import_refused_both (gnutls_x509_privkey_t  xkey,
                     GBytes              *(*export) (gnutls_x509_privkey_t, gnutls_x509_crt_fmt_t),
                     const char            *message_part)
{
  g_autoptr(GBytes) pem = export (xkey, GNUTLS_X509_FMT_PEM);
  g_autoptr(GBytes) der = export (xkey, GNUTLS_X509_FMT_DER);

  import_refused (pem, message_part);
  import_refused (der, message_part);
}

static GBytes *
export_pkcs1 (gnutls_x509_privkey_t xkey,
              gnutls_x509_crt_fmt_t format)
{
  return export_private (xkey, FALSE, format, NULL);
}

static GBytes *
export_pkcs8 (gnutls_x509_privkey_t xkey,
              gnutls_x509_crt_fmt_t format)
{
  return export_private (xkey, TRUE, format, NULL);
}

static GBytes *
export_x509 (gnutls_x509_privkey_t xkey,
             gnutls_x509_crt_fmt_t format)
{
  return export_certificate (xkey, GNUTLS_DIG_SHA256, format);
}

/* The exponent cap (odd, at least 3, at most 33 bits) holds for every way
 * an RSA key comes in: raw parameters (JWK), PKCS #1 and PKCS #8 private
 * keys, SPKI and PKCS #1 public keys and X.509 certificates, in PEM and
 * DER. */
static void
test_rsa_exponent_cap (void)
{
  g_autoptr(GBytes) n = a2_param ("n"), p = a2_param ("p"), q = a2_param ("q"), qi = a2_param ("qi");
  g_autoptr(GBytes) e = NULL, d = NULL, dp = NULL, dq = NULL;
  g_autoptr(GBytes) three = oa2_test_hex_decode ("03");
  g_autoptr(GBytes) e33 = oa2_test_hex_decode ("01ffffffff");
  g_autoptr(GBytes) e34 = oa2_test_hex_decode ("0200000001");
  g_autoptr(OA2CryptoKey) small = NULL, largest = NULL;
  g_autoptr(GError) error = NULL;

  small = oa2_crypto_key_new_rsa (n, three, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  largest = oa2_crypto_key_new_rsa (n, e33, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  ASSERT_RSA_REFUSED (n, e34, NULL, NULL, NULL, NULL, NULL, NULL, "exponent");

  big_exponent_a2_key (&e, &d, &dp, &dq);
  ASSERT_RSA_REFUSED (n, e, NULL, NULL, NULL, NULL, NULL, NULL, "exponent");
  ASSERT_RSA_REFUSED (n, e, d, p, q, dp, dq, qi, "exponent");

  /* GnuTLS takes the key and writes it in each form. */
  {
    GBytes *parts[] = { n, e, d, p, q, qi, dp, dq };
    gnutls_datum_t datums[G_N_ELEMENTS (parts)];
    gnutls_x509_privkey_t xkey;

    for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
      {
        datums[i].data = (unsigned char *) g_bytes_get_data (parts[i], NULL);
        datums[i].size = g_bytes_get_size (parts[i]);
      }
    g_assert_cmpint (gnutls_x509_privkey_init (&xkey), ==, 0);
    g_assert_cmpint (gnutls_x509_privkey_import_rsa_raw2 (xkey, &datums[0], &datums[1], &datums[2], &datums[3],
                                                          &datums[4], &datums[5], &datums[6], &datums[7]), ==, 0);
    import_refused_both (xkey, export_pkcs1, "exponent");
    import_refused_both (xkey, export_pkcs8, "exponent");
    import_refused_both (xkey, export_public, "exponent");
    import_refused_both (xkey, export_x509, "exponent");
    gnutls_x509_privkey_deinit (xkey);
  }

  /* PKCS #1 RSAPublicKey, by hand: SEQUENCE { INTEGER n, INTEGER e }. */
  {
    static const guint8 head[] = { 0x30, 0x82, 0x01, 0x0d, 0x02, 0x82, 0x01, 0x01, 0x00 };
    static const guint8 e_head[] = { 0x02, 0x06 };
    GByteArray *array = g_byte_array_new ();
    g_autoptr(GBytes) der = NULL, pem = NULL;

    g_assert_cmpuint (g_bytes_get_size (e), ==, 6);
    g_byte_array_append (array, head, sizeof head);
    g_byte_array_append (array, g_bytes_get_data (n, NULL), g_bytes_get_size (n));
    g_byte_array_append (array, e_head, sizeof e_head);
    g_byte_array_append (array, g_bytes_get_data (e, NULL), g_bytes_get_size (e));
    der = g_byte_array_free_to_bytes (array);
    pem = pem_wrap ("RSA PUBLIC KEY", der);
    import_refused (pem, "exponent");
    import_refused (der, "exponent");
  }
}

int
main (int    argc,
      char **argv)
{
  int ret;

  oa2_test_init (&argc, &argv);

  g_test_add_func ("/crypto/names", test_names);
  g_test_add_func ("/crypto/digest/abc", test_digest_abc);
  g_test_add_func ("/crypto/equal", test_equal);
  g_test_add_func ("/crypto/random", test_random);
  g_test_add_func ("/crypto/hmac/rfc4231-short-keys", test_hmac_rfc4231_short_keys);
  g_test_add_func ("/crypto/hmac/rfc4231-long-keys", test_hmac_rfc4231_long_keys);
  g_test_add_func ("/crypto/hmac/key-length-rule", test_hmac_key_length_rule);
  g_test_add_func ("/crypto/eddsa/rfc8032-ed25519", test_ed25519_rfc8032);
  for (gsize i = 0; i < G_N_ELEMENTS (ed448_vectors); i++)
    {
      g_autofree char *path = g_strdup_printf ("/crypto/eddsa/rfc8032-ed448/%s", ed448_vectors[i].name);
      g_test_add_data_func (path, &ed448_vectors[i], test_ed448_rfc8032);
    }
  g_test_add_func ("/crypto/okp/rfc7748-x25519-x448", test_x25519_x448_rfc7748);
  g_test_add_func ("/crypto/rsa/rfc7515-a2", test_rsa_rfc7515_a2);
  g_test_add_func ("/crypto/ecdsa/rfc7515-a3", test_ecdsa_rfc7515_a3);
  g_test_add_func ("/crypto/ecdsa/malformed-signatures", test_ecdsa_malformed_signatures);
  g_test_add_func ("/crypto/ecdsa/group-orders", test_ec_group_orders);
  g_test_add_func ("/crypto/invalid/rsa", test_rsa_invalid_keys);
  g_test_add_func ("/crypto/invalid/ec", test_ec_invalid_keys);
  g_test_add_func ("/crypto/invalid/okp-oct", test_okp_oct_invalid_keys);
  g_test_add_func ("/crypto/key-mismatch", test_key_mismatch);
  for (gsize i = 0; i < G_N_ELEMENTS (round_trips); i++)
    {
      g_autofree char *path = g_strdup_printf ("/crypto/round-trip/%s%s%s",
                                               oa2_sig_alg_to_string (round_trips[i].alg),
                                               round_trips[i].alg == OA2_SIG_EDDSA ? "-" : "",
                                               round_trips[i].alg == OA2_SIG_EDDSA
                                                 ? oa2_curve_to_string (round_trips[i].curve) : "");
      g_test_add_data_func (path, &round_trips[i], test_round_trip);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (pem_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/crypto/pem/%s", pem_cases[i].name);
      g_test_add_data_func (path, &pem_cases[i], test_pem);
    }
  g_test_add_func ("/crypto/pem/other-forms", test_pem_other_forms);
  g_test_add_func ("/crypto/invalid/rsa-exponent", test_rsa_exponent_cap);

  ret = g_test_run ();
  g_clear_pointer (&shared_rsa_key, oa2_crypto_key_unref);
  return ret;
}
