/* crypto-test.c: keys, signatures and MACs of the private crypto module
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Known answers from the RFCs (FIPS 180 "abc", RFC 4231, RFC 8032, RFC
 * 7748, RFC 7515 A.2 and A.3), round trips of every algorithm with
 * generated keys, every refusal, and PEM/DER fixtures made at test time
 * with GnuTLS, which also cross-checks the signatures both ways.
 */

#include "oa2-test-utils.h"
#include "oa2-jose-test-utils.h"

#include <string.h>

#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/x509.h>
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

  ret = g_test_run ();
  g_clear_pointer (&shared_rsa_key, oa2_crypto_key_unref);
  return ret;
}
