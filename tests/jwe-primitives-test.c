/* jwe-primitives-test.c: the JWE primitives on the RFC vectors, round
 * trips and every refusal
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-jose-test-utils.h"

#include <string.h>

#include <nettle/aes.h>
#include <nettle/bignum.h>
#include <nettle/cbc.h>
#include <nettle/curve25519.h>
#include <nettle/curve448.h>
#include <nettle/ecc-curve.h>
#include <nettle/hmac.h>
#include <nettle/nettle-meta.h>
#include <nettle/sha1.h>
#include <nettle/sha2.h>

#include "oa2-crypto-jwe-private.h"

/* ---------------------------------------------------------------------- */
/* Helpers */

static GBytes *
random_bytes (gsize len)
{
  guint8 *data = g_malloc (len > 0 ? len : 1);

  oa2_crypto_random (data, len);
  return g_bytes_new_take (data, len);
}

static void
random_func (void    *ctx,
             size_t   len,
             uint8_t *dst)
{
  oa2_crypto_random (dst, len);
}

/* Every decryption failure must carry the same code and message. */
static char *decryption_message;

static void
assert_decryption_failed (GError **error)
{
  g_assert_error (*error, OA2_ERROR, OA2_ERROR_DECRYPTION_FAILED);
  if (decryption_message == NULL)
    decryption_message = g_strdup ((*error)->message);
  else
    g_assert_cmpstr ((*error)->message, ==, decryption_message);
  g_clear_error (error);
}

static void
assert_invalid_key (GError **error)
{
  g_assert_error (*error, OA2_ERROR, OA2_ERROR_INVALID_KEY);
  g_clear_error (error);
}

/* ---------------------------------------------------------------------- */
/* RSA keys from JWK parameters */

typedef struct {
  struct rsa_public_key  pub;
  struct rsa_private_key priv;
} TestRsaKey;

/* @z set to the big-endian number @bytes, which it takes. */
static void
set_mpz_take (mpz_t   z,
              GBytes *bytes)
{
  nettle_mpz_set_str_256_u (z, g_bytes_get_size (bytes), g_bytes_get_data (bytes, NULL));
  g_bytes_unref (bytes);
}

/* The Nettle RSA key pair of the private JWK text @jwk_json. */
static TestRsaKey *
test_rsa_key_new (const char *jwk_json)
{
  TestRsaKey *key = g_new0 (TestRsaKey, 1);

  rsa_public_key_init (&key->pub);
  rsa_private_key_init (&key->priv);
  set_mpz_take (key->pub.n, oa2_test_jwk_param (jwk_json, "n"));
  set_mpz_take (key->pub.e, oa2_test_jwk_param (jwk_json, "e"));
  set_mpz_take (key->priv.d, oa2_test_jwk_param (jwk_json, "d"));
  set_mpz_take (key->priv.p, oa2_test_jwk_param (jwk_json, "p"));
  set_mpz_take (key->priv.q, oa2_test_jwk_param (jwk_json, "q"));
  set_mpz_take (key->priv.a, oa2_test_jwk_param (jwk_json, "dp"));
  set_mpz_take (key->priv.b, oa2_test_jwk_param (jwk_json, "dq"));
  set_mpz_take (key->priv.c, oa2_test_jwk_param (jwk_json, "qi"));
  g_assert_true (rsa_public_key_prepare (&key->pub));
  g_assert_true (rsa_private_key_prepare (&key->priv));
  g_assert_cmpuint (key->pub.size, ==, key->priv.size);
  return key;
}

static void
test_rsa_key_free (TestRsaKey *key)
{
  rsa_public_key_clear (&key->pub);
  rsa_private_key_clear (&key->priv);
  g_free (key);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestRsaKey, test_rsa_key_free)

/* ---------------------------------------------------------------------- */
/* RFC vectors */

static const guint8 a1_cek[] = {
  177, 161, 244, 128, 84, 143, 225, 115, 63, 180, 3, 255, 107, 154, 212, 246,
  138, 7, 110, 91, 112, 46, 34, 105, 47, 130, 203, 46, 122, 234, 64, 252,
};

/* RFC 7516 A.2 and A.3 share the CEK, IV, plaintext and ciphertext. */
static const guint8 a2_cek[] = {
  4, 211, 31, 197, 84, 157, 252, 254, 11, 100, 157, 250, 63, 170, 106, 206,
  107, 124, 212, 45, 111, 107, 9, 219, 200, 177, 0, 240, 143, 156, 44, 207,
};

/* The protected header of the compact JWE @compact, which is its AAD
 * (RFC 7516 §5.1 step 14). */
static GBytes *
aad_of (const char *compact)
{
  return g_bytes_new (compact, strcspn (compact, "."));
}

/* The parts of an RFC 7516 token, decoded, and its AAD. */
typedef struct {
  GBytes *aad, *encrypted_key, *iv, *ciphertext, *tag;
} RfcToken;

static RfcToken *
rfc_token_new (const char *compact)
{
  RfcToken *token = g_new0 (RfcToken, 1);

  token->aad = aad_of (compact);
  token->encrypted_key = oa2_test_jwe_get_part (compact, 1);
  token->iv = oa2_test_jwe_get_part (compact, 2);
  token->ciphertext = oa2_test_jwe_get_part (compact, 3);
  token->tag = oa2_test_jwe_get_part (compact, 4);
  return token;
}

static void
rfc_token_free (RfcToken *token)
{
  g_bytes_unref (token->aad);
  g_bytes_unref (token->encrypted_key);
  g_bytes_unref (token->iv);
  g_bytes_unref (token->ciphertext);
  g_bytes_unref (token->tag);
  g_free (token);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RfcToken, rfc_token_free)

/* The content of @token, with the @cek its key gave: it decrypts to
 * @plaintext, which encrypts again, with the RFC's IV, to the RFC's
 * ciphertext and tag. */
static void
assert_rfc7516_content (OA2Enc      enc,
                        GBytes     *cek,
                        RfcToken   *token,
                        const char *plaintext)
{
  g_autoptr(GBytes) expected_plaintext = oa2_test_bytes_new_str (plaintext);
  g_autoptr(GBytes) decrypted = NULL;
  g_autoptr(GBytes) ciphertext = NULL;
  g_autoptr(GBytes) tag = NULL;
  g_autoptr(GError) error = NULL;

  decrypted = oa2_jwe_decrypt_content (enc, cek, token->iv, token->aad, token->ciphertext, token->tag, &error);
  g_assert_no_error (error);
  oa2_test_assert_bytes_equal (decrypted, expected_plaintext);

  g_assert_true (oa2_jwe_encrypt_content (enc, cek, token->iv, token->aad, expected_plaintext,
                                          &ciphertext, &tag, &error));
  g_assert_no_error (error);
  oa2_test_assert_bytes_equal (ciphertext, token->ciphertext);
  oa2_test_assert_bytes_equal (tag, token->tag);
}

static void
test_enc_names (void)
{
  static const struct {
    OA2Enc enc;
    const char *name;
    gsize key, iv, tag;
  } table[] = {
    { OA2_ENC_A128GCM, "A128GCM", 16, 12, 16 },
    { OA2_ENC_A192GCM, "A192GCM", 24, 12, 16 },
    { OA2_ENC_A256GCM, "A256GCM", 32, 12, 16 },
    { OA2_ENC_A128CBC_HS256, "A128CBC-HS256", 32, 16, 16 },
    { OA2_ENC_A192CBC_HS384, "A192CBC-HS384", 48, 16, 24 },
    { OA2_ENC_A256CBC_HS512, "A256CBC-HS512", 64, 16, 32 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_assert_cmpstr (oa2_enc_to_string (table[i].enc), ==, table[i].name);
      g_assert_cmpint (oa2_enc_from_string (table[i].name), ==, table[i].enc);
      g_assert_cmpuint (oa2_enc_key_size (table[i].enc), ==, table[i].key);
      g_assert_cmpuint (oa2_enc_iv_size (table[i].enc), ==, table[i].iv);
      g_assert_cmpuint (oa2_enc_tag_size (table[i].enc), ==, table[i].tag);
    }
  g_assert_cmpint (oa2_enc_from_string ("a128gcm"), ==, OA2_ENC_INVALID);
  g_assert_cmpint (oa2_enc_from_string ("A128CBC+HS256"), ==, OA2_ENC_INVALID);
  g_assert_cmpint (oa2_enc_from_string (""), ==, OA2_ENC_INVALID);
  g_assert_cmpint (oa2_enc_from_string (NULL), ==, OA2_ENC_INVALID);
  g_assert_null (oa2_enc_to_string (OA2_ENC_INVALID));
  g_assert_cmpuint (oa2_enc_key_size (OA2_ENC_INVALID), ==, 0);
}

/* RFC 7516 A.1: RSA-OAEP and A256GCM. */
static void
test_rfc7516_a1 (void)
{
  g_autoptr(TestRsaKey) key = test_rsa_key_new (oa2_test_rfc7516_a1_key);
  g_autoptr(RfcToken) token = rfc_token_new (oa2_test_rfc7516_a1);
  g_autoptr(GBytes) expected_cek = g_bytes_new_static (a1_cek, sizeof a1_cek);
  g_autoptr(GBytes) cek = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (key->pub.size, ==, 256);
  cek = oa2_jwe_rsa_oaep_decrypt (&key->pub, &key->priv, OA2_DIGEST_SHA1, token->encrypted_key, &error);
  g_assert_no_error (error);
  oa2_test_assert_bytes_equal (cek, expected_cek);
  assert_rfc7516_content (OA2_ENC_A256GCM, cek, token, oa2_test_rfc7516_a1_plaintext);
}

/* RFC 7516 A.2: RSA1_5 and A128CBC-HS256. */
static void
test_rfc7516_a2 (void)
{
  g_autoptr(TestRsaKey) key = test_rsa_key_new (oa2_test_rfc7516_a2_key);
  g_autoptr(RfcToken) token = rfc_token_new (oa2_test_rfc7516_a2);
  GBytes *encrypted_key = token->encrypted_key, *iv = token->iv, *aad = token->aad;
  GBytes *ciphertext = token->ciphertext, *tag = token->tag;
  g_autoptr(GBytes) expected_cek = g_bytes_new_static (a2_cek, sizeof a2_cek);
  g_autoptr(GBytes) expected_plaintext = oa2_test_bytes_new_str (oa2_test_rfc7516_a3_plaintext);
  g_autoptr(GBytes) cek = NULL;
  g_autoptr(GBytes) plaintext = NULL;
  g_autoptr(GBytes) tampered = NULL;
  g_autoptr(GBytes) random_cek = NULL;
  g_autoptr(GBytes) random_cek2 = NULL;
  g_autoptr(GBytes) short_key = NULL;
  g_autoptr(GBytes) wrong_len = NULL;
  g_autoptr(GError) error = NULL;

  cek = oa2_jwe_rsa1_5_decrypt (&key->pub, &key->priv, encrypted_key, 32, &error);
  g_assert_no_error (error);
  oa2_test_assert_bytes_equal (cek, expected_cek);

  plaintext = oa2_jwe_decrypt_content (OA2_ENC_A128CBC_HS256, cek, iv, aad, ciphertext, tag, &error);
  g_assert_no_error (error);
  oa2_test_assert_bytes_equal (plaintext, expected_plaintext);

  /* The countermeasure: a bad padding or a CEK of another length gives a
   * random key of the asked length, not an error, and not the same key
   * twice; the content's tag then fails. */
  tampered = oa2_test_bytes_flip (encrypted_key, 17, 0x40);
  random_cek = oa2_jwe_rsa1_5_decrypt (&key->pub, &key->priv, tampered, 32, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (random_cek), ==, 32);
  g_assert_false (g_bytes_equal (random_cek, expected_cek));
  random_cek2 = oa2_jwe_rsa1_5_decrypt (&key->pub, &key->priv, tampered, 32, &error);
  g_assert_no_error (error);
  g_assert_false (g_bytes_equal (random_cek, random_cek2));
  g_clear_pointer (&plaintext, g_bytes_unref);
  plaintext = oa2_jwe_decrypt_content (OA2_ENC_A128CBC_HS256, random_cek, iv, aad, ciphertext, tag, &error);
  g_assert_null (plaintext);
  assert_decryption_failed (&error);

  short_key = oa2_jwe_rsa1_5_decrypt (&key->pub, &key->priv, encrypted_key, 16, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (short_key), ==, 16);
  g_assert_false (memcmp (g_bytes_get_data (short_key, NULL), a2_cek, 16) == 0);

  /* The one failure: an encrypted key of the wrong size. */
  wrong_len = oa2_test_bytes_slice (encrypted_key, 1, 255);
  g_assert_null (oa2_jwe_rsa1_5_decrypt (&key->pub, &key->priv, wrong_len, 32, &error));
  assert_decryption_failed (&error);
}

/* RFC 7516 A.3: A128KW and A128CBC-HS256. */
static void
test_rfc7516_a3 (void)
{
  g_autoptr(GBytes) kek = oa2_test_b64u_decode ("GawgguFyGrWKav7AX4VKUg");
  g_autoptr(RfcToken) token = rfc_token_new (oa2_test_rfc7516_a3);
  g_autoptr(GBytes) expected_cek = g_bytes_new_static (a2_cek, sizeof a2_cek);
  g_autoptr(GBytes) cek = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  g_autoptr(GError) error = NULL;

  cek = oa2_jwe_aes_key_unwrap (kek, token->encrypted_key, &error);
  g_assert_no_error (error);
  oa2_test_assert_bytes_equal (cek, expected_cek);

  wrapped = oa2_jwe_aes_key_wrap (kek, cek, &error);
  g_assert_no_error (error);
  oa2_test_assert_bytes_equal (wrapped, token->encrypted_key);

  assert_rfc7516_content (OA2_ENC_A128CBC_HS256, cek, token, oa2_test_rfc7516_a3_plaintext);
}

/* RFC 3394 §4.1 and §4.6. */
static void
test_rfc3394 (void)
{
  static const struct {
    const char *kek, *key, *wrapped;
  } vectors[] = {
    { "000102030405060708090A0B0C0D0E0F",
      "00112233445566778899AABBCCDDEEFF",
      "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5" },
    { "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F",
      "00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F",
      "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(GBytes) kek = oa2_test_hex_decode (vectors[i].kek);
      g_autoptr(GBytes) key = oa2_test_hex_decode (vectors[i].key);
      g_autoptr(GBytes) expected = oa2_test_hex_decode (vectors[i].wrapped);
      g_autoptr(GBytes) wrapped = NULL;
      g_autoptr(GBytes) unwrapped = NULL;
      g_autoptr(GError) error = NULL;

      wrapped = oa2_jwe_aes_key_wrap (kek, key, &error);
      g_assert_no_error (error);
      oa2_test_assert_bytes_equal (wrapped, expected);
      unwrapped = oa2_jwe_aes_key_unwrap (kek, expected, &error);
      g_assert_no_error (error);
      oa2_test_assert_bytes_equal (unwrapped, key);
    }
}

/* ---------------------------------------------------------------------- */
/* ECDH-ES */

typedef struct {
  struct ecc_scalar d;
  struct ecc_point  q;
} TestEcKey;

static TestEcKey *
test_ec_key_new (const struct ecc_curve *curve,
                 const char             *x,
                 const char             *y,
                 const char             *d)
{
  TestEcKey *key = g_new0 (TestEcKey, 1);

  ecc_scalar_init (&key->d, curve);
  ecc_point_init (&key->q, curve);
  if (x == NULL)
    {
      ecc_scalar_random (&key->d, NULL, random_func);
      ecc_point_mul_g (&key->q, &key->d);
    }
  else
    {
      mpz_t zx, zy, zd;

      mpz_init (zx);
      mpz_init (zy);
      mpz_init (zd);
      set_mpz_take (zx, oa2_test_b64u_decode (x));
      set_mpz_take (zy, oa2_test_b64u_decode (y));
      set_mpz_take (zd, oa2_test_b64u_decode (d));
      g_assert_true (ecc_point_set (&key->q, zx, zy));
      g_assert_true (ecc_scalar_set (&key->d, zd));
      mpz_clear (zx);
      mpz_clear (zy);
      mpz_clear (zd);
    }
  return key;
}

static void
test_ec_key_free (TestEcKey *key)
{
  ecc_scalar_clear (&key->d);
  ecc_point_clear (&key->q);
  g_free (key);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestEcKey, test_ec_key_free)

/* RFC 7518 Appendix C. */
static void
test_rfc7518_appendix_c (void)
{
  static const guint8 expected_z[] = {
    158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191, 132, 38, 156,
    251, 49, 110, 163, 218, 128, 106, 72, 246, 218, 167, 121, 140, 254, 144, 196,
  };
  static const guint8 expected_key[] = {
    86, 170, 141, 234, 248, 35, 109, 32, 92, 34, 40, 205, 113, 167, 16, 26,
  };
  g_autoptr(TestEcKey) alice = test_ec_key_new (nettle_get_secp_256r1 (),
                                                "gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0",
                                                "SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps",
                                                "0_NxaRPUMQoAJt50Gz8YiTr8gRTwyEaCumd-MToTmIo");
  g_autoptr(TestEcKey) bob = test_ec_key_new (nettle_get_secp_256r1 (),
                                              "weNJy2HscCSM6AEDTDg04biOvhFhyyWvOHQfeF_PxMQ",
                                              "e8lnCO-AlStT-NJVX-crhB7QRYhiix03illJOVAOyck",
                                              "VEmDZpDXXK8p8N0Cndsxs924q6nS1RXFASRl6BfUqdw");
  g_autoptr(GBytes) z_expected = g_bytes_new_static (expected_z, sizeof expected_z);
  g_autoptr(GBytes) key_expected = g_bytes_new_static (expected_key, sizeof expected_key);
  g_autoptr(GBytes) apu = oa2_test_b64u_decode ("QWxpY2U");
  g_autoptr(GBytes) apv = oa2_test_b64u_decode ("Qm9i");
  g_autoptr(GBytes) z_sender = NULL;
  g_autoptr(GBytes) z_recipient = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpmem (g_bytes_get_data (apu, NULL), g_bytes_get_size (apu), "Alice", 5);
  g_assert_cmpmem (g_bytes_get_data (apv, NULL), g_bytes_get_size (apv), "Bob", 3);

  z_sender = oa2_jwe_ecdh_nist (&alice->d, &bob->q, &error);
  g_assert_no_error (error);
  oa2_test_assert_bytes_equal (z_sender, z_expected);
  z_recipient = oa2_jwe_ecdh_nist (&bob->d, &alice->q, &error);
  g_assert_no_error (error);
  oa2_test_assert_bytes_equal (z_recipient, z_expected);

  key = oa2_jwe_concat_kdf (z_recipient, "A128GCM", 16, apu, apv);
  oa2_test_assert_bytes_equal (key, key_expected);
}

/* The KDF over several rounds, against a direct computation; NULL
 * PartyUInfo/PartyVInfo are empty ones. */
static void
test_concat_kdf_rounds (void)
{
  g_autoptr(GBytes) z = random_bytes (66);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) key = oa2_jwe_concat_kdf (z, "ECDH-ES+A256KW", 70, NULL, NULL);
  g_autoptr(GBytes) key_empty = oa2_jwe_concat_kdf (z, "ECDH-ES+A256KW", 70, empty, empty);
  g_autoptr(GBytes) key_short = oa2_jwe_concat_kdf (z, "ECDH-ES+A256KW", 32, NULL, NULL);
  static const guint8 alg_prefixed[] = "\0\0\0\016ECDH-ES+A256KW\0\0\0\0\0\0\0\0\0\0\002\060";
  guint8 expected[96];

  for (guint32 count = 1; count <= 3; count++)
    {
      struct sha256_ctx ctx;
      guint8 counter[4] = { 0, 0, 0, (guint8) count };

      sha256_init (&ctx);
      sha256_update (&ctx, 4, counter);
      sha256_update (&ctx, g_bytes_get_size (z), g_bytes_get_data (z, NULL));
      /* AlgorithmID, empty PartyUInfo and PartyVInfo, 560 bits. */
      sha256_update (&ctx, sizeof alg_prefixed - 1, alg_prefixed);
      sha256_digest (&ctx, SHA256_DIGEST_SIZE, expected + 32 * (count - 1));
    }
  g_assert_cmpmem (g_bytes_get_data (key, NULL), g_bytes_get_size (key), expected, 70);
  oa2_test_assert_bytes_equal (key_empty, key);
  /* keydatalen is part of the input: a shorter key is not a prefix. */
  g_assert_cmpuint (g_bytes_get_size (key_short), ==, 32);
  g_assert_false (memcmp (g_bytes_get_data (key_short, NULL), expected, 32) == 0);
}

static void
test_ecdh_nist_round_trip (void)
{
  const struct ecc_curve *curves[] = {
    nettle_get_secp_256r1 (), nettle_get_secp_384r1 (), nettle_get_secp_521r1 (),
  };
  const gsize sizes[] = { 32, 48, 66 };

  for (guint i = 0; i < G_N_ELEMENTS (curves); i++)
    {
      g_autoptr(TestEcKey) a = test_ec_key_new (curves[i], NULL, NULL, NULL);
      g_autoptr(TestEcKey) b = test_ec_key_new (curves[i], NULL, NULL, NULL);
      g_autoptr(TestEcKey) other = test_ec_key_new (curves[(i + 1) % 3], NULL, NULL, NULL);
      g_autoptr(GBytes) z1 = NULL;
      g_autoptr(GBytes) z2 = NULL;
      g_autoptr(GError) error = NULL;

      z1 = oa2_jwe_ecdh_nist (&a->d, &b->q, &error);
      g_assert_no_error (error);
      z2 = oa2_jwe_ecdh_nist (&b->d, &a->q, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (z1), ==, sizes[i]);
      oa2_test_assert_bytes_equal (z1, z2);

      g_assert_null (oa2_jwe_ecdh_nist (&a->d, &other->q, &error));
      assert_invalid_key (&error);
    }
}

/* RFC 7748 §6.1 and §6.2, and the low-order points of §6. */
static void
test_rfc7748 (void)
{
  static const struct {
    GBytes *(*agree) (GBytes *, GBytes *, GError **);
    gsize size;
    const char *a_priv, *a_pub, *b_priv, *b_pub, *shared;
  } vectors[] = {
    { oa2_jwe_ecdh_x25519, 32,
      "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
      "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
      "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb",
      "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
      "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742" },
    { oa2_jwe_ecdh_x448, 56,
      "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b",
      "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0",
      "1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d",
      "3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609",
      "07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c24403085d59a449a5037514a879d" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(GBytes) a_priv = oa2_test_hex_decode (vectors[i].a_priv);
      g_autoptr(GBytes) a_pub = oa2_test_hex_decode (vectors[i].a_pub);
      g_autoptr(GBytes) b_priv = oa2_test_hex_decode (vectors[i].b_priv);
      g_autoptr(GBytes) b_pub = oa2_test_hex_decode (vectors[i].b_pub);
      g_autoptr(GBytes) shared = oa2_test_hex_decode (vectors[i].shared);
      g_autoptr(GBytes) z1 = NULL;
      g_autoptr(GBytes) z2 = NULL;
      g_autoptr(GBytes) zero = NULL;
      g_autoptr(GBytes) one = NULL;
      g_autoptr(GBytes) short_pub = NULL;
      g_autoptr(GError) error = NULL;
      guint8 *buf;

      z1 = vectors[i].agree (a_priv, b_pub, &error);
      g_assert_no_error (error);
      oa2_test_assert_bytes_equal (z1, shared);
      z2 = vectors[i].agree (b_priv, a_pub, &error);
      g_assert_no_error (error);
      oa2_test_assert_bytes_equal (z2, shared);

      /* u = 0 and u = 1 are of low order: the result is all zero. */
      zero = g_bytes_new_take (g_malloc0 (vectors[i].size), vectors[i].size);
      g_assert_null (vectors[i].agree (a_priv, zero, &error));
      assert_invalid_key (&error);
      buf = g_malloc0 (vectors[i].size);
      buf[0] = 1;
      one = g_bytes_new_take (buf, vectors[i].size);
      g_assert_null (vectors[i].agree (a_priv, one, &error));
      assert_invalid_key (&error);

      short_pub = oa2_test_bytes_slice (b_pub, 0, vectors[i].size - 1);
      g_assert_null (vectors[i].agree (a_priv, short_pub, &error));
      assert_invalid_key (&error);
      g_assert_null (vectors[i].agree (short_pub, b_pub, &error));
      assert_invalid_key (&error);
    }
}

/* ---------------------------------------------------------------------- */
/* Content encryption: round trips and refusals */

static const OA2Enc all_encs[] = {
  OA2_ENC_A128GCM, OA2_ENC_A192GCM, OA2_ENC_A256GCM,
  OA2_ENC_A128CBC_HS256, OA2_ENC_A192CBC_HS384, OA2_ENC_A256CBC_HS512,
};

static void
test_content_round_trip (void)
{
  const gsize lengths[] = { 0, 1, 15, 16, 17, 31, 32, 33, 1000 };

  for (guint e = 0; e < G_N_ELEMENTS (all_encs); e++)
    {
      OA2Enc enc = all_encs[e];

      for (guint l = 0; l < G_N_ELEMENTS (lengths); l++)
        {
          g_autoptr(GBytes) cek = random_bytes (oa2_enc_key_size (enc));
          g_autoptr(GBytes) iv = random_bytes (oa2_enc_iv_size (enc));
          g_autoptr(GBytes) aad = random_bytes (l * 3 % 50);
          g_autoptr(GBytes) plaintext = random_bytes (lengths[l]);
          g_autoptr(GBytes) ciphertext = NULL;
          g_autoptr(GBytes) tag = NULL;
          g_autoptr(GBytes) decrypted = NULL;
          g_autoptr(GError) error = NULL;

          g_assert_true (oa2_jwe_encrypt_content (enc, cek, iv, aad, plaintext, &ciphertext, &tag, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (g_bytes_get_size (tag), ==, oa2_enc_tag_size (enc));
          if (oa2_enc_iv_size (enc) == 12)
            g_assert_cmpuint (g_bytes_get_size (ciphertext), ==, lengths[l]);
          else
            g_assert_cmpuint (g_bytes_get_size (ciphertext), ==, (lengths[l] / 16 + 1) * 16);

          decrypted = oa2_jwe_decrypt_content (enc, cek, iv, aad, ciphertext, tag, &error);
          g_assert_no_error (error);
          oa2_test_assert_bytes_equal (decrypted, plaintext);
        }
    }
}

static void
test_content_refusals (void)
{
  for (guint e = 0; e < G_N_ELEMENTS (all_encs); e++)
    {
      OA2Enc enc = all_encs[e];
      gsize key_size = oa2_enc_key_size (enc);
      gsize iv_size = oa2_enc_iv_size (enc);
      gsize tag_size = oa2_enc_tag_size (enc);
      g_autoptr(GBytes) cek = random_bytes (key_size);
      g_autoptr(GBytes) other_cek = random_bytes (key_size);
      g_autoptr(GBytes) iv = random_bytes (iv_size);
      g_autoptr(GBytes) aad = aad_of (oa2_test_rfc7516_a1);
      g_autoptr(GBytes) plaintext = oa2_test_bytes_new_str (oa2_test_rfc7516_a1_plaintext);
      g_autoptr(GBytes) ciphertext = NULL;
      g_autoptr(GBytes) tag = NULL;
      g_autoptr(GError) error = NULL;
      struct {
        GBytes *cek, *iv, *aad, *ciphertext, *tag;
      } cases[12];
      guint n = 0;

      g_assert_true (oa2_jwe_encrypt_content (enc, cek, iv, aad, plaintext, &ciphertext, &tag, &error));
      g_assert_no_error (error);

#define CASE(c, i, a, ct, t) \
      cases[n].cek = (c); cases[n].iv = (i); cases[n].aad = (a); \
      cases[n].ciphertext = (ct); cases[n].tag = (t); n++

      CASE (g_bytes_ref (cek), g_bytes_ref (iv), g_bytes_ref (aad),
            oa2_test_bytes_flip (ciphertext, 0, 0x01), g_bytes_ref (tag));
      CASE (g_bytes_ref (cek), g_bytes_ref (iv), g_bytes_ref (aad),
            oa2_test_bytes_flip (ciphertext, g_bytes_get_size (ciphertext) - 1, 0x80), g_bytes_ref (tag));
      CASE (g_bytes_ref (cek), g_bytes_ref (iv), g_bytes_ref (aad), g_bytes_ref (ciphertext),
            oa2_test_bytes_flip (tag, 0, 0x01));
      CASE (g_bytes_ref (cek), g_bytes_ref (iv), g_bytes_ref (aad), g_bytes_ref (ciphertext),
            oa2_test_bytes_flip (tag, tag_size - 1, 0x80));
      CASE (g_bytes_ref (cek), oa2_test_bytes_flip (iv, 3, 0x10), g_bytes_ref (aad),
            g_bytes_ref (ciphertext), g_bytes_ref (tag));
      CASE (g_bytes_ref (cek), g_bytes_ref (iv), oa2_test_bytes_flip (aad, 5, 0x20),
            g_bytes_ref (ciphertext), g_bytes_ref (tag));
      CASE (g_bytes_ref (cek), g_bytes_ref (iv), NULL, g_bytes_ref (ciphertext), g_bytes_ref (tag));
      CASE (g_bytes_ref (other_cek), g_bytes_ref (iv), g_bytes_ref (aad), g_bytes_ref (ciphertext), g_bytes_ref (tag));
      CASE (g_bytes_ref (cek), g_bytes_ref (iv), g_bytes_ref (aad), g_bytes_ref (ciphertext),
            oa2_test_bytes_slice (tag, 0, tag_size - 1));
      CASE (g_bytes_ref (cek), g_bytes_ref (iv), g_bytes_ref (aad),
            oa2_test_bytes_slice (ciphertext, 0, g_bytes_get_size (ciphertext) - 1), g_bytes_ref (tag));
      CASE (g_bytes_ref (cek), g_bytes_ref (iv), g_bytes_ref (aad), g_bytes_new (NULL, 0), g_bytes_ref (tag));
#undef CASE

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GBytes) result = oa2_jwe_decrypt_content (enc, cases[i].cek, cases[i].iv, cases[i].aad,
                                                              cases[i].ciphertext, cases[i].tag, &error);

          g_assert_null (result);
          assert_decryption_failed (&error);
          g_bytes_unref (cases[i].cek);
          g_bytes_unref (cases[i].iv);
          g_clear_pointer (&cases[i].aad, g_bytes_unref);
          g_bytes_unref (cases[i].ciphertext);
          g_bytes_unref (cases[i].tag);
        }

      /* Wrong sizes of caller-supplied CEK and IV: INVALID_KEY, both ways. */
      {
        g_autoptr(GBytes) short_cek = oa2_test_bytes_slice (cek, 0, key_size - 1);
        g_autoptr(GBytes) long_cek = random_bytes (key_size + 8);
        g_autoptr(GBytes) short_iv = oa2_test_bytes_slice (iv, 0, iv_size - 1);
        g_autoptr(GBytes) long_iv = random_bytes (iv_size == 12 ? 16 : 12);
        g_autoptr(GBytes) ct2 = NULL;
        g_autoptr(GBytes) tag2 = NULL;

        g_assert_null (oa2_jwe_decrypt_content (enc, short_cek, iv, aad, ciphertext, tag, &error));
        assert_invalid_key (&error);
        g_assert_null (oa2_jwe_decrypt_content (enc, long_cek, iv, aad, ciphertext, tag, &error));
        assert_invalid_key (&error);
        g_assert_null (oa2_jwe_decrypt_content (enc, cek, short_iv, aad, ciphertext, tag, &error));
        assert_invalid_key (&error);
        g_assert_null (oa2_jwe_decrypt_content (enc, cek, long_iv, aad, ciphertext, tag, &error));
        assert_invalid_key (&error);
        g_assert_false (oa2_jwe_encrypt_content (enc, short_cek, iv, aad, plaintext, &ct2, &tag2, &error));
        assert_invalid_key (&error);
        g_assert_false (oa2_jwe_encrypt_content (enc, cek, long_iv, aad, plaintext, &ct2, &tag2, &error));
        assert_invalid_key (&error);
        g_assert_null (ct2);
        g_assert_null (tag2);
      }
    }
}

/* A CBC ciphertext whose tag is right but whose padding is not: the same
 * error as a bad tag. Built here with Nettle directly. */
static void
test_cbc_bad_padding (void)
{
  static const struct {
    guint8 last;       /* the last byte */
    guint8 before;     /* the byte before it */
  } paddings[] = {
    { 0x00, 0x00 },    /* pad 0 */
    { 0x11, 0x11 },    /* pad 17 > block size */
    { 0xff, 0xff },
    { 0x02, 0x03 },    /* inconsistent */
    { 0x10, 0x10 },    /* pad 16, but the block is not all 0x10 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (paddings); i++)
    {
      g_autoptr(GBytes) cek = random_bytes (32);
      g_autoptr(GBytes) iv = random_bytes (16);
      g_autoptr(GBytes) aad = aad_of (oa2_test_rfc7516_a2);
      g_autoptr(GBytes) ciphertext = NULL;
      g_autoptr(GBytes) tag = NULL;
      g_autoptr(GError) error = NULL;
      const guint8 *key = g_bytes_get_data (cek, NULL);
      guint8 block[32], ct[32], chain[16], digest[SHA256_DIGEST_SIZE], al[8] = { 0 };
      struct aes128_ctx aes;
      struct hmac_sha256_ctx hmac;
      gsize aad_len = g_bytes_get_size (aad);

      memset (block, 'x', sizeof block);
      block[31] = paddings[i].last;
      block[30] = paddings[i].before;
      aes128_set_encrypt_key (&aes, key + 16);
      memcpy (chain, g_bytes_get_data (iv, NULL), 16);
      cbc_encrypt (&aes, nettle_aes128.encrypt, 16, chain, sizeof block, ct, block);

      al[6] = (guint8) ((aad_len * 8) >> 8);
      al[7] = (guint8) (aad_len * 8);
      hmac_sha256_set_key (&hmac, 16, key);
      hmac_sha256_update (&hmac, aad_len, g_bytes_get_data (aad, NULL));
      hmac_sha256_update (&hmac, 16, g_bytes_get_data (iv, NULL));
      hmac_sha256_update (&hmac, sizeof ct, ct);
      hmac_sha256_update (&hmac, sizeof al, al);
      hmac_sha256_digest (&hmac, SHA256_DIGEST_SIZE, digest);

      ciphertext = g_bytes_new (ct, sizeof ct);
      tag = g_bytes_new (digest, 16);
      g_assert_null (oa2_jwe_decrypt_content (OA2_ENC_A128CBC_HS256, cek, iv, aad, ciphertext, tag, &error));
      assert_decryption_failed (&error);
    }

  /* The same construction with a valid padding decrypts: the test above
   * fails for the padding alone. */
  {
    g_autoptr(GBytes) cek = random_bytes (32);
    g_autoptr(GBytes) iv = random_bytes (16);
    g_autoptr(GBytes) plaintext = g_bytes_new_static ("0123456789abcdef0123456789abcd", 30);
    g_autoptr(GBytes) ciphertext = NULL;
    g_autoptr(GBytes) tag = NULL;
    g_autoptr(GBytes) decrypted = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (oa2_jwe_encrypt_content (OA2_ENC_A128CBC_HS256, cek, iv, NULL, plaintext,
                                            &ciphertext, &tag, &error));
    decrypted = oa2_jwe_decrypt_content (OA2_ENC_A128CBC_HS256, cek, iv, NULL, ciphertext, tag, &error);
    g_assert_no_error (error);
    oa2_test_assert_bytes_equal (decrypted, plaintext);
  }
}

/* ---------------------------------------------------------------------- */
/* Key wrap: round trips and refusals */

static void
test_key_wrap (void)
{
  const gsize kek_sizes[] = { 16, 24, 32 };
  const gsize key_sizes[] = { 16, 24, 32, 48, 64 };

  for (guint i = 0; i < G_N_ELEMENTS (kek_sizes); i++)
    {
      for (guint j = 0; j < G_N_ELEMENTS (key_sizes); j++)
        {
          g_autoptr(GBytes) kek = random_bytes (kek_sizes[i]);
          g_autoptr(GBytes) other_kek = random_bytes (kek_sizes[i]);
          g_autoptr(GBytes) key = random_bytes (key_sizes[j]);
          g_autoptr(GBytes) wrapped = NULL;
          g_autoptr(GBytes) unwrapped = NULL;
          g_autoptr(GBytes) tampered = NULL;
          g_autoptr(GBytes) truncated = NULL;
          g_autoptr(GError) error = NULL;

          wrapped = oa2_jwe_aes_key_wrap (kek, key, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (g_bytes_get_size (wrapped), ==, key_sizes[j] + 8);
          unwrapped = oa2_jwe_aes_key_unwrap (kek, wrapped, &error);
          g_assert_no_error (error);
          oa2_test_assert_bytes_equal (unwrapped, key);

          g_assert_null (oa2_jwe_aes_key_unwrap (other_kek, wrapped, &error));
          assert_decryption_failed (&error);
          tampered = oa2_test_bytes_flip (wrapped, key_sizes[j], 0x04);
          g_assert_null (oa2_jwe_aes_key_unwrap (kek, tampered, &error));
          assert_decryption_failed (&error);
          truncated = oa2_test_bytes_slice (wrapped, 0, g_bytes_get_size (wrapped) - 8);
          if (g_bytes_get_size (truncated) >= 24)
            {
              g_assert_null (oa2_jwe_aes_key_unwrap (kek, truncated, &error));
              assert_decryption_failed (&error);
            }
        }
    }

  /* Wrapped input of an impossible length. */
  {
    g_autoptr(GBytes) kek = random_bytes (16);
    g_autoptr(GBytes) short_wrapped = random_bytes (16);
    g_autoptr(GBytes) odd_wrapped = random_bytes (25);
    g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
    g_autoptr(GError) error = NULL;

    g_assert_null (oa2_jwe_aes_key_unwrap (kek, short_wrapped, &error));
    assert_decryption_failed (&error);
    g_assert_null (oa2_jwe_aes_key_unwrap (kek, odd_wrapped, &error));
    assert_decryption_failed (&error);
    g_assert_null (oa2_jwe_aes_key_unwrap (kek, empty, &error));
    assert_decryption_failed (&error);
  }

  /* KEKs and keys of the wrong size. */
  {
    const gsize bad_kek_sizes[] = { 0, 8, 15, 17, 20, 31, 33, 64 };
    const gsize bad_key_sizes[] = { 0, 8, 15, 17, 20 };
    g_autoptr(GBytes) key = random_bytes (32);
    g_autoptr(GBytes) kek = random_bytes (16);
    g_autoptr(GBytes) wrapped = random_bytes (40);
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (bad_kek_sizes); i++)
      {
        g_autoptr(GBytes) bad = random_bytes (bad_kek_sizes[i]);

        g_assert_null (oa2_jwe_aes_key_wrap (bad, key, &error));
        assert_invalid_key (&error);
        g_assert_null (oa2_jwe_aes_key_unwrap (bad, wrapped, &error));
        assert_invalid_key (&error);
      }
    for (guint i = 0; i < G_N_ELEMENTS (bad_key_sizes); i++)
      {
        g_autoptr(GBytes) bad = random_bytes (bad_key_sizes[i]);

        g_assert_null (oa2_jwe_aes_key_wrap (kek, bad, &error));
        assert_invalid_key (&error);
      }
  }
}

/* ---------------------------------------------------------------------- */
/* RSA-OAEP: round trips and refusals */

static void
test_oaep_round_trip (void)
{
  g_autoptr(TestRsaKey) key = test_rsa_key_new (oa2_test_rfc7516_a1_key);
  const OA2Digest digests[] = { OA2_DIGEST_SHA1, OA2_DIGEST_SHA256, OA2_DIGEST_SHA384, OA2_DIGEST_SHA512 };
  const gsize hash_sizes[] = { 20, 32, 48, 64 };

  for (guint d = 0; d < G_N_ELEMENTS (digests); d++)
    {
      gsize max_len = key->pub.size - 2 * hash_sizes[d] - 2;
      const gsize lengths[] = { 0, 1, 16, 32, 64, max_len };

      for (guint l = 0; l < G_N_ELEMENTS (lengths); l++)
        {
          g_autoptr(GBytes) cek = random_bytes (lengths[l]);
          g_autoptr(GBytes) encrypted = NULL;
          g_autoptr(GBytes) encrypted2 = NULL;
          g_autoptr(GBytes) decrypted = NULL;
          g_autoptr(GError) error = NULL;

          encrypted = oa2_jwe_rsa_oaep_encrypt (&key->pub, digests[d], cek, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (g_bytes_get_size (encrypted), ==, key->pub.size);
          decrypted = oa2_jwe_rsa_oaep_decrypt (&key->pub, &key->priv, digests[d], encrypted, &error);
          g_assert_no_error (error);
          oa2_test_assert_bytes_equal (decrypted, cek);

          /* Randomized: the same key encrypts differently each time. */
          encrypted2 = oa2_jwe_rsa_oaep_encrypt (&key->pub, digests[d], cek, &error);
          g_assert_no_error (error);
          g_assert_false (g_bytes_equal (encrypted, encrypted2));

          /* Another hash does not decrypt it. */
          g_assert_null (oa2_jwe_rsa_oaep_decrypt (&key->pub, &key->priv, digests[(d + 1) % 4],
                                                   encrypted, &error));
          assert_decryption_failed (&error);
        }

      /* One byte too many for the key. */
      {
        g_autoptr(GBytes) too_long = random_bytes (max_len + 1);
        g_autoptr(GError) error = NULL;

        g_assert_null (oa2_jwe_rsa_oaep_encrypt (&key->pub, digests[d], too_long, &error));
        assert_invalid_key (&error);
      }
    }
}

typedef enum {
  OAEP_VALID,
  OAEP_FIRST_BYTE,        /* Y != 0 */
  OAEP_LABEL_HASH,        /* lHash' != lHash */
  OAEP_NO_SEPARATOR,      /* PS runs to the end */
  OAEP_PS_NOT_ZERO,       /* a non-zero byte in PS */
  OAEP_SEPARATOR_TWO,     /* 0x02 instead of 0x01 */
} OaepFault;

static void
test_mgf1_xor (const struct nettle_hash *hash,
               const guint8             *seed,
               gsize                     seed_len,
               guint8                   *out,
               gsize                     out_len)
{
  guint8 block[SHA512_DIGEST_SIZE];
  struct sha512_ctx ctx;   /* large enough for the SHA-1 and SHA-256 ones */

  for (guint32 c = 0; out_len > 0; c++)
    {
      guint8 counter[4] = { (guint8) (c >> 24), (guint8) (c >> 16), (guint8) (c >> 8), (guint8) c };
      gsize n = MIN (out_len, (gsize) hash->digest_size);

      hash->init (&ctx);
      hash->update (&ctx, seed_len, seed);
      hash->update (&ctx, 4, counter);
      hash->digest (&ctx, hash->digest_size, block);
      for (gsize i = 0; i < n; i++)
        out[i] ^= block[i];
      out += n;
      out_len -= n;
    }
}

/* An RSA-OAEP encryption of a 32-byte key with SHA-1, with @fault built
 * into the encoded message, made here independently of the library. */
static GBytes *
oaep_encrypt_with_fault (const struct rsa_public_key *pub,
                         OaepFault                    fault)
{
  const struct nettle_hash *hash = &nettle_sha1;
  gsize k = pub->size, h_len = 20, db_len = k - h_len - 1, msg_len = 32;
  guint8 *em = g_malloc0 (k);
  guint8 *seed = em + 1, *db = em + 1 + h_len;
  guint8 *out = g_malloc (k);
  mpz_t m, c;

  {
    struct sha1_ctx ctx;   /* lHash: SHA-1 of the empty label */

    sha1_init (&ctx);
    sha1_digest (&ctx, SHA1_DIGEST_SIZE, db);
  }
  db[db_len - msg_len - 1] = 0x01;
  oa2_crypto_random (db + db_len - msg_len, msg_len);
  switch (fault)
    {
    case OAEP_VALID:
      break;
    case OAEP_FIRST_BYTE:
      em[0] = 0x01;
      break;
    case OAEP_LABEL_HASH:
      db[7] ^= 0x01;
      break;
    case OAEP_NO_SEPARATOR:
      memset (db + h_len, 0, db_len - h_len);
      break;
    case OAEP_PS_NOT_ZERO:
      db[h_len + 10] = 0x07;   /* a 0x01 there would be a valid separator */
      break;
    case OAEP_SEPARATOR_TWO:
      db[db_len - msg_len - 1] = 0x02;
      break;
    }
  oa2_crypto_random (seed, h_len);
  test_mgf1_xor (hash, seed, h_len, db, db_len);
  test_mgf1_xor (hash, db, db_len, seed, h_len);

  nettle_mpz_init_set_str_256_u (m, k, em);
  mpz_init (c);
  g_assert_cmpint (mpz_cmp (m, pub->n), <, 0);
  mpz_powm (c, m, pub->e, pub->n);
  nettle_mpz_get_str_256 (k, out, c);
  mpz_clear (m);
  mpz_clear (c);
  g_free (em);
  return g_bytes_new_take (out, k);
}

static void
test_oaep_refusals (void)
{
  g_autoptr(TestRsaKey) key = test_rsa_key_new (oa2_test_rfc7516_a1_key);
  g_autoptr(GError) error = NULL;

  for (OaepFault fault = OAEP_VALID; fault <= OAEP_SEPARATOR_TWO; fault++)
    {
      g_autoptr(GBytes) encrypted = oaep_encrypt_with_fault (&key->pub, fault);
      g_autoptr(GBytes) decrypted = oa2_jwe_rsa_oaep_decrypt (&key->pub, &key->priv, OA2_DIGEST_SHA1,
                                                              encrypted, &error);

      if (fault == OAEP_VALID)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (g_bytes_get_size (decrypted), ==, 32);
        }
      else
        {
          g_assert_null (decrypted);
          assert_decryption_failed (&error);
        }
    }

  /* Random and tampered ciphertexts, wrong lengths, c >= n. */
  {
    g_autoptr(GBytes) cek = random_bytes (32);
    g_autoptr(GBytes) good = oa2_jwe_rsa_oaep_encrypt (&key->pub, OA2_DIGEST_SHA256, cek, &error);
    g_autoptr(GBytes) tampered = oa2_test_bytes_flip (good, 100, 0x01);
    g_autoptr(GBytes) short_ct = oa2_test_bytes_slice (good, 1, 255);
    g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
    guint8 *all_ff = g_malloc (key->pub.size);
    g_autoptr(GBytes) too_big = NULL;
    g_autoptr(GBytes) long_ct = NULL;
    guint8 *longer = g_malloc0 (key->pub.size + 1);

    memset (all_ff, 0xff, key->pub.size);
    too_big = g_bytes_new_take (all_ff, key->pub.size);
    memcpy (longer + 1, g_bytes_get_data (good, NULL), key->pub.size);
    long_ct = g_bytes_new_take (longer, key->pub.size + 1);

    g_assert_no_error (error);
    g_assert_null (oa2_jwe_rsa_oaep_decrypt (&key->pub, &key->priv, OA2_DIGEST_SHA256, tampered, &error));
    assert_decryption_failed (&error);
    g_assert_null (oa2_jwe_rsa_oaep_decrypt (&key->pub, &key->priv, OA2_DIGEST_SHA256, short_ct, &error));
    assert_decryption_failed (&error);
    g_assert_null (oa2_jwe_rsa_oaep_decrypt (&key->pub, &key->priv, OA2_DIGEST_SHA256, long_ct, &error));
    assert_decryption_failed (&error);
    g_assert_null (oa2_jwe_rsa_oaep_decrypt (&key->pub, &key->priv, OA2_DIGEST_SHA256, empty, &error));
    assert_decryption_failed (&error);
    g_assert_null (oa2_jwe_rsa_oaep_decrypt (&key->pub, &key->priv, OA2_DIGEST_SHA256, too_big, &error));
    assert_decryption_failed (&error);

    for (guint i = 0; i < 20; i++)
      {
        g_autoptr(GBytes) raw = random_bytes (key->pub.size);
        g_autoptr(GBytes) noise = NULL;
        g_autoptr(GBytes) result = NULL;

        /* Keep it below n (n starts with 0xa1). */
        noise = oa2_test_bytes_flip (raw, 0, ((const guint8 *) g_bytes_get_data (raw, NULL))[0] & 0x80);
        result = oa2_jwe_rsa_oaep_decrypt (&key->pub, &key->priv, OA2_DIGEST_SHA1, noise, &error);
        g_assert_null (result);
        assert_decryption_failed (&error);
      }
  }
}

int
main (int    argc,
      char **argv)
{
  int ret;

  oa2_test_init (&argc, &argv);

  g_test_add_func ("/jwe/enc/names", test_enc_names);
  g_test_add_func ("/jwe/rfc7516/a1-rsa-oaep-a256gcm", test_rfc7516_a1);
  g_test_add_func ("/jwe/rfc7516/a2-rsa1_5-a128cbc-hs256", test_rfc7516_a2);
  g_test_add_func ("/jwe/rfc7516/a3-a128kw-a128cbc-hs256", test_rfc7516_a3);
  g_test_add_func ("/jwe/rfc3394/key-wrap", test_rfc3394);
  g_test_add_func ("/jwe/rfc7518/appendix-c-ecdh-es", test_rfc7518_appendix_c);
  g_test_add_func ("/jwe/rfc7748/x25519-x448", test_rfc7748);
  g_test_add_func ("/jwe/concat-kdf/rounds", test_concat_kdf_rounds);
  g_test_add_func ("/jwe/ecdh/nist-round-trip", test_ecdh_nist_round_trip);
  g_test_add_func ("/jwe/content/round-trip", test_content_round_trip);
  g_test_add_func ("/jwe/content/refusals", test_content_refusals);
  g_test_add_func ("/jwe/content/cbc-bad-padding", test_cbc_bad_padding);
  g_test_add_func ("/jwe/key-wrap/round-trip-and-refusals", test_key_wrap);
  g_test_add_func ("/jwe/rsa-oaep/round-trip", test_oaep_round_trip);
  g_test_add_func ("/jwe/rsa-oaep/refusals", test_oaep_refusals);

  ret = g_test_run ();
  g_free (decryption_message);
  return ret;
}
