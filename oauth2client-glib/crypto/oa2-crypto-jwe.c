/* oa2-crypto-jwe.c: the primitives of JSON Web Encryption
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Written from RFC 7516, RFC 7518, RFC 8037, RFC 8017 (EME-OAEP), RFC 3394,
 * RFC 7748 and NIST SP 800-56A, over Nettle's documented interfaces.
 *
 * Rules that hold throughout this file:
 *
 * - Every buffer that holds key material or plaintext is wiped before it
 *   is freed, and every such result is a GBytes from
 *   oa2_secret_bytes_new_take(), so that it is wiped when it goes.
 * - Every failure to decrypt, unwrap or authenticate is the same
 *   OA2_ERROR_DECRYPTION_FAILED with the same message (decryption_failed()),
 *   whichever check failed.
 * - Checks on secret data (OAEP unpadding, CBC padding) run in constant
 *   time: they accumulate masks and branch only once, on the combined
 *   result. Tags are compared with oa2_crypto_equal().
 */

#include "config.h"

#include <string.h>

#include <nettle/aes.h>
#include <nettle/bignum.h>
#include <nettle/cbc.h>
#include <nettle/curve25519.h>
#include <nettle/curve448.h>
#include <nettle/gcm.h>
#include <nettle/hmac.h>
#include <nettle/nettle-meta.h>
#include <nettle/nist-keywrap.h>
#include <nettle/sha1.h>
#include <nettle/sha2.h>

#include "oa2-crypto-jwe-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-secret-private.h"

/* Room for any hash context this file uses (SHA-384 shares SHA-512's). */
typedef union {
  struct sha1_ctx   sha1;
  struct sha256_ctx sha256;
  struct sha512_ctx sha512;
} HashCtx;

typedef union {
  struct aes128_ctx aes128;
  struct aes192_ctx aes192;
  struct aes256_ctx aes256;
} AesCtx;

/* RFC 3394 §2.2.3.1 default initial value. */
static const guint8 keywrap_default_iv[8] = {
  0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6,
};

/* ---------------------------------------------------------------------- */
/* Errors */

static gpointer
decryption_failed (GError **error)
{
  oa2_i18n_init ();
  /* One message for every cause: which check failed must not show. */
  g_set_error_literal (error, OA2_ERROR, OA2_ERROR_DECRYPTION_FAILED,
                       _("The encrypted data could not be decrypted: the key is wrong or the data was altered"));
  return NULL;
}

/* @message is marked with N_() and translated here, once the domain is
 * bound. */
static gpointer
invalid_key (GError     **error,
             const char  *message)
{
  oa2_i18n_init ();
  g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY, _(message));
  return NULL;
}

/* Sizes in messages: %u of a clamped guint, since no size format may
 * appear inside a translatable string. */
static guint
size_for_message (gsize size)
{
  return (guint) MIN (size, (gsize) G_MAXUINT);
}

/* ---------------------------------------------------------------------- */
/* Small helpers */

/* GBytes may hold NULL for an empty buffer; Nettle and memcpy() want a
 * valid pointer even for zero bytes. */
static const guint8 *
bytes_get (GBytes *bytes,
           gsize  *len)
{
  static const guint8 empty[1] = { 0 };
  const guint8 *data = NULL;
  gsize size = 0;

  if (bytes != NULL)
    data = g_bytes_get_data (bytes, &size);
  *len = size;
  return data != NULL ? data : empty;
}

static void
random_func (void    *ctx,
             size_t   len,
             uint8_t *dst)
{
  oa2_crypto_random (dst, len);
}

static void
put_be32 (guint8  *out,
          guint32  value)
{
  out[0] = (guint8) (value >> 24);
  out[1] = (guint8) (value >> 16);
  out[2] = (guint8) (value >> 8);
  out[3] = (guint8) value;
}

static void
put_be64 (guint8  *out,
          guint64  value)
{
  put_be32 (out, (guint32) (value >> 32));
  put_be32 (out + 4, (guint32) value);
}

/* Wipes the limbs of @z that hold its value, then clears it. GMP offers no
 * way to wipe limbs it frees when it reallocates; the secret values here
 * are written once, at their final size, so that it does not. */
static void
mpz_wipe_clear (mpz_t z)
{
  size_t n = mpz_size (z);

  if (n > 0)
    oa2_secret_wipe (mpz_limbs_modify (z, n), n * sizeof (mp_limb_t));
  mpz_clear (z);
}

/* Constant-time masks: all ones or all zeros, with no branch. */
static inline guint
ct_is_zero (guint x)
{
  /* The top bit of x | -x is set exactly when x != 0. */
  return ((~(x | (0u - x))) >> (sizeof (guint) * 8 - 1)) * G_MAXUINT;
}

static inline guint
ct_eq (guint a,
       guint b)
{
  return ct_is_zero (a ^ b);
}

/* For a, b < 2^31. */
static inline guint
ct_lt (guint a,
       guint b)
{
  return ((a - b) >> (sizeof (guint) * 8 - 1)) * G_MAXUINT;
}

static const struct nettle_hash *
digest_hash (OA2Digest digest)
{
  switch (digest)
    {
    case OA2_DIGEST_SHA1:
      return &nettle_sha1;
    case OA2_DIGEST_SHA256:
      return &nettle_sha256;
    case OA2_DIGEST_SHA384:
      return &nettle_sha384;
    case OA2_DIGEST_SHA512:
      return &nettle_sha512;
    default:
      return NULL;
    }
}

/* ---------------------------------------------------------------------- */
/* "enc" values */

typedef struct {
  const char                 *name;
  gsize                       key_size;   /* CEK */
  gsize                       iv_size;
  gsize                       tag_size;
  const struct nettle_aead   *gcm;        /* GCM: the AEAD */
  const struct nettle_cipher *cipher;     /* CBC-HS: AES with half the CEK */
  const struct nettle_hash   *hash;       /* CBC-HS: the HMAC hash */
} EncInfo;

static const EncInfo enc_table[] = {
  [OA2_ENC_A128GCM]       = { "A128GCM", 16, 12, 16, &nettle_gcm_aes128, NULL, NULL },
  [OA2_ENC_A192GCM]       = { "A192GCM", 24, 12, 16, &nettle_gcm_aes192, NULL, NULL },
  [OA2_ENC_A256GCM]       = { "A256GCM", 32, 12, 16, &nettle_gcm_aes256, NULL, NULL },
  [OA2_ENC_A128CBC_HS256] = { "A128CBC-HS256", 32, 16, 16, NULL, &nettle_aes128, &nettle_sha256 },
  [OA2_ENC_A192CBC_HS384] = { "A192CBC-HS384", 48, 16, 24, NULL, &nettle_aes192, &nettle_sha384 },
  [OA2_ENC_A256CBC_HS512] = { "A256CBC-HS512", 64, 16, 32, NULL, &nettle_aes256, &nettle_sha512 },
};

static const EncInfo *
enc_info (OA2Enc enc)
{
  if ((guint) enc >= G_N_ELEMENTS (enc_table))
    return NULL;
  return &enc_table[enc];
}

const char *
oa2_enc_to_string (OA2Enc enc)
{
  const EncInfo *info = enc_info (enc);

  return info != NULL ? info->name : NULL;
}

OA2Enc
oa2_enc_from_string (const char *name)
{
  if (name == NULL)
    return OA2_ENC_INVALID;
  for (guint i = 0; i < OA2_ENC_INVALID; i++)
    {
      if (strcmp (name, enc_info (i)->name) == 0)
        return i;
    }
  return OA2_ENC_INVALID;
}

gsize
oa2_enc_key_size (OA2Enc enc)
{
  const EncInfo *info = enc_info (enc);

  return info != NULL ? info->key_size : 0;
}

gsize
oa2_enc_iv_size (OA2Enc enc)
{
  const EncInfo *info = enc_info (enc);

  return info != NULL ? info->iv_size : 0;
}

gsize
oa2_enc_tag_size (OA2Enc enc)
{
  const EncInfo *info = enc_info (enc);

  return info != NULL ? info->tag_size : 0;
}

/* Sizes of caller-supplied keys and IVs are the caller's to get right:
 * INVALID_KEY, never DECRYPTION_FAILED. */
static gboolean
check_cek_and_iv (const EncInfo  *info,
                  gsize           cek_len,
                  gsize           iv_len,
                  GError        **error)
{
  if (cek_len != info->key_size)
    {
      oa2_i18n_init ();
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                   /* Translators: %s is a JWE algorithm such as A128GCM; the numbers are sizes in bytes */
                   _("The content encryption key for %s must have %u bytes, not %u"),
                   info->name, size_for_message (info->key_size), size_for_message (cek_len));
      return FALSE;
    }
  if (iv_len != info->iv_size)
    {
      oa2_i18n_init ();
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                   /* Translators: %s is a JWE algorithm such as A128GCM; the numbers are sizes in bytes */
                   _("The initialization vector for %s must have %u bytes, not %u"),
                   info->name, size_for_message (info->iv_size), size_for_message (iv_len));
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* AES-GCM (RFC 7518 §5.3) */

static void
gcm_run (const EncInfo *info,
         const guint8  *key,
         const guint8  *iv,
         const guint8  *aad,
         gsize          aad_len,
         const guint8  *in,
         gsize          len,
         guint8        *out,
         gboolean       encrypt,
         guint8        *tag)
{
  const struct nettle_aead *aead = info->gcm;
  gpointer ctx = g_malloc0 (aead->context_size);

  /* GCM keys both directions with the encryption key schedule. */
  aead->set_encrypt_key (ctx, key);
  aead->set_nonce (ctx, iv);   /* GCM_IV_SIZE (96-bit) nonce */
  if (aad_len > 0)
    aead->update (ctx, aad_len, aad);
  if (len > 0)
    (encrypt ? aead->encrypt : aead->decrypt) (ctx, len, out, in);
  aead->digest (ctx, GCM_DIGEST_SIZE, tag);

  oa2_secret_wipe (ctx, aead->context_size);
  g_free (ctx);
}

/* ---------------------------------------------------------------------- */
/* AES_CBC_HMAC_SHA2 (RFC 7518 §5.2) */

/* The tag: the first T_LEN bytes of HMAC(MAC_KEY, A || IV || E || AL),
 * AL the length of A in bits as a 64-bit big-endian integer. */
static void
cbc_hmac_tag (const EncInfo *info,
              const guint8  *mac_key,
              const guint8  *aad,
              gsize          aad_len,
              const guint8  *iv,
              const guint8  *ciphertext,
              gsize          ciphertext_len,
              guint8        *tag)
{
  const struct nettle_hash *hash = info->hash;
  HashCtx outer, inner, state;
  guint8 al[8];

  put_be64 (al, (guint64) aad_len * 8);
  hmac_set_key (&outer, &inner, &state, hash, info->key_size / 2, mac_key);
  hmac_update (&state, hash, aad_len, aad);
  hmac_update (&state, hash, info->iv_size, iv);
  hmac_update (&state, hash, ciphertext_len, ciphertext);
  hmac_update (&state, hash, sizeof al, al);
  /* Nettle truncates a digest to the length asked for. */
  hmac_digest (&outer, &inner, &state, hash, info->tag_size, tag);

  oa2_secret_wipe (&outer, sizeof outer);
  oa2_secret_wipe (&inner, sizeof inner);
  oa2_secret_wipe (&state, sizeof state);
}

static guint8 *
cbc_hmac_encrypt (const EncInfo *info,
                  const guint8  *cek,
                  const guint8  *iv,
                  const guint8  *aad,
                  gsize          aad_len,
                  const guint8  *plaintext,
                  gsize          plaintext_len,
                  gsize         *out_len,
                  guint8        *tag)
{
  const gsize half = info->key_size / 2;
  const struct nettle_cipher *cipher = info->cipher;
  gsize pad = AES_BLOCK_SIZE - plaintext_len % AES_BLOCK_SIZE;   /* 1..16 */
  gsize padded_len = plaintext_len + pad;
  guint8 *padded = g_malloc (padded_len);
  guint8 *ciphertext = g_malloc (padded_len);
  guint8 chain[AES_BLOCK_SIZE];
  AesCtx aes;

  /* PKCS #7 padding. */
  if (plaintext_len > 0)
    memcpy (padded, plaintext, plaintext_len);
  memset (padded + plaintext_len, (int) pad, pad);

  cipher->set_encrypt_key (&aes, cek + half);   /* ENC_KEY: the second half */
  memcpy (chain, iv, AES_BLOCK_SIZE);
  cbc_encrypt (&aes, cipher->encrypt, AES_BLOCK_SIZE, chain, padded_len, ciphertext, padded);
  cbc_hmac_tag (info, cek, aad, aad_len, iv, ciphertext, padded_len, tag);   /* MAC_KEY: the first */

  oa2_secret_wipe (&aes, sizeof aes);
  oa2_secret_wipe (padded, padded_len);
  g_free (padded);
  *out_len = padded_len;
  return ciphertext;
}

static guint8 *
cbc_hmac_decrypt (const EncInfo *info,
                  const guint8  *cek,
                  const guint8  *iv,
                  const guint8  *aad,
                  gsize          aad_len,
                  const guint8  *ciphertext,
                  gsize          ciphertext_len,
                  const guint8  *tag,
                  gsize          tag_len,
                  gsize         *out_len)
{
  const gsize half = info->key_size / 2;
  const struct nettle_cipher *cipher = info->cipher;
  guint8 expected[SHA512_DIGEST_SIZE];
  guint8 chain[AES_BLOCK_SIZE];
  guint8 *plaintext;
  guint good, pad;
  AesCtx aes;

  /* Lengths are public: refusing them early tells nothing secret. */
  if (tag_len != info->tag_size || ciphertext_len == 0 || ciphertext_len % AES_BLOCK_SIZE != 0)
    return NULL;

  /* Authenticate first; nothing is decrypted unless the tag matches. */
  cbc_hmac_tag (info, cek, aad, aad_len, iv, ciphertext, ciphertext_len, expected);
  if (!oa2_crypto_equal (expected, tag, tag_len))
    return NULL;

  plaintext = g_malloc (ciphertext_len);
  cipher->set_decrypt_key (&aes, cek + half);
  memcpy (chain, iv, AES_BLOCK_SIZE);
  cbc_decrypt (&aes, cipher->decrypt, AES_BLOCK_SIZE, chain, ciphertext_len, plaintext, ciphertext);
  oa2_secret_wipe (&aes, sizeof aes);

  /* PKCS #7: the last byte P is 1..16 and the last P bytes all equal P,
   * checked over the whole last block without an early exit. */
  pad = plaintext[ciphertext_len - 1];
  good = ~ct_is_zero (pad) & ct_lt (pad, AES_BLOCK_SIZE + 1);
  for (guint i = 0; i < AES_BLOCK_SIZE; i++)
    {
      guint in_pad = ct_lt (i, pad);

      good &= ~in_pad | ct_eq (plaintext[ciphertext_len - 1 - i], pad);
    }

  if (good == 0)
    {
      oa2_secret_wipe (plaintext, ciphertext_len);
      g_free (plaintext);
      return NULL;
    }
  *out_len = ciphertext_len - pad;
  return plaintext;
}

/* ---------------------------------------------------------------------- */
/* Content encryption */

gboolean
oa2_jwe_encrypt_content (OA2Enc    enc,
                         GBytes   *cek,
                         GBytes   *iv,
                         GBytes   *aad,
                         GBytes   *plaintext,
                         GBytes  **out_ciphertext,
                         GBytes  **out_tag,
                         GError  **error)
{
  const EncInfo *info = enc_info (enc);
  const guint8 *cek_data, *iv_data, *aad_data, *pt_data;
  gsize cek_len, iv_len, aad_len, pt_len;
  guint8 tag[SHA512_DIGEST_SIZE];
  guint8 *ciphertext;
  gsize ciphertext_len;

  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (cek != NULL, FALSE);
  g_return_val_if_fail (iv != NULL, FALSE);
  g_return_val_if_fail (plaintext != NULL, FALSE);
  g_return_val_if_fail (out_ciphertext != NULL && out_tag != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cek_data = bytes_get (cek, &cek_len);
  iv_data = bytes_get (iv, &iv_len);
  aad_data = bytes_get (aad, &aad_len);
  pt_data = bytes_get (plaintext, &pt_len);

  if (!check_cek_and_iv (info, cek_len, iv_len, error))
    return FALSE;

  if (info->gcm != NULL)
    {
      ciphertext_len = pt_len;
      ciphertext = g_malloc (ciphertext_len);
      gcm_run (info, cek_data, iv_data, aad_data, aad_len, pt_data, pt_len, ciphertext, TRUE, tag);
    }
  else
    {
      ciphertext = cbc_hmac_encrypt (info, cek_data, iv_data, aad_data, aad_len,
                                     pt_data, pt_len, &ciphertext_len, tag);
    }

  *out_ciphertext = g_bytes_new_take (ciphertext, ciphertext_len);
  *out_tag = g_bytes_new (tag, info->tag_size);
  return TRUE;
}

GBytes *
oa2_jwe_decrypt_content (OA2Enc    enc,
                         GBytes   *cek,
                         GBytes   *iv,
                         GBytes   *aad,
                         GBytes   *ciphertext,
                         GBytes   *tag,
                         GError  **error)
{
  const EncInfo *info = enc_info (enc);
  const guint8 *cek_data, *iv_data, *aad_data, *ct_data, *tag_data;
  gsize cek_len, iv_len, aad_len, ct_len, tag_len;
  guint8 *plaintext;
  gsize plaintext_len = 0;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (cek != NULL, NULL);
  g_return_val_if_fail (iv != NULL, NULL);
  g_return_val_if_fail (ciphertext != NULL, NULL);
  g_return_val_if_fail (tag != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  cek_data = bytes_get (cek, &cek_len);
  iv_data = bytes_get (iv, &iv_len);
  aad_data = bytes_get (aad, &aad_len);
  ct_data = bytes_get (ciphertext, &ct_len);
  tag_data = bytes_get (tag, &tag_len);

  if (!check_cek_and_iv (info, cek_len, iv_len, error))
    return NULL;

  if (info->gcm != NULL)
    {
      guint8 expected[GCM_DIGEST_SIZE];

      if (tag_len != GCM_DIGEST_SIZE)
        return decryption_failed (error);

      /* GCM's tag covers the ciphertext, so Nettle computes it while it
       * decrypts; the plaintext stays here until the tag matched. */
      plaintext = g_malloc (ct_len);
      plaintext_len = ct_len;
      gcm_run (info, cek_data, iv_data, aad_data, aad_len, ct_data, ct_len, plaintext, FALSE, expected);
      if (!oa2_crypto_equal (expected, tag_data, GCM_DIGEST_SIZE))
        {
          oa2_secret_wipe (plaintext, plaintext_len);
          g_free (plaintext);
          return decryption_failed (error);
        }
    }
  else
    {
      plaintext = cbc_hmac_decrypt (info, cek_data, iv_data, aad_data, aad_len,
                                    ct_data, ct_len, tag_data, tag_len, &plaintext_len);
      if (plaintext == NULL)
        return decryption_failed (error);
    }

  /* The buffer may be larger than the plaintext (CBC padding); the whole
   * buffer is wiped when the GBytes goes, so wrap it all and hand out a
   * slice. */
  if (plaintext_len == ct_len)
    return oa2_secret_bytes_new_take (plaintext, plaintext_len);
  else
    {
      g_autoptr(GBytes) whole = oa2_secret_bytes_new_take (plaintext, ct_len);

      return g_bytes_new_from_bytes (whole, 0, plaintext_len);
    }
}

/* ---------------------------------------------------------------------- */
/* AES key wrap (RFC 3394; RFC 7518 §4.4) */

static gboolean
check_kek (gsize    kek_len,
           GError **error)
{
  if (kek_len == 16 || kek_len == 24 || kek_len == 32)
    return TRUE;
  oa2_i18n_init ();
  g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                   /* Translators: the numbers are sizes in bytes; %s, if any, is a key type such as X25519 */
               _("An AES key wrap key must have 16, 24 or 32 bytes, not %u"),
               size_for_message (kek_len));
  return FALSE;
}

GBytes *
oa2_jwe_aes_key_wrap (GBytes  *kek,
                      GBytes  *cek,
                      GError **error)
{
  const guint8 *kek_data, *cek_data;
  gsize kek_len, cek_len, out_len;
  guint8 *out;
  AesCtx aes;

  g_return_val_if_fail (kek != NULL, NULL);
  g_return_val_if_fail (cek != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  kek_data = bytes_get (kek, &kek_len);
  cek_data = bytes_get (cek, &cek_len);

  if (!check_kek (kek_len, error))
    return NULL;
  if (cek_len < 16 || cek_len % 8 != 0)
    {
      oa2_i18n_init ();
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                   /* Translators: the numbers are sizes in bytes; %s, if any, is a key type such as X25519 */
                   _("AES key wrap needs a key of at least 16 bytes in a multiple of 8, not %u bytes"),
                   size_for_message (cek_len));
      return NULL;
    }

  out_len = cek_len + 8;
  out = g_malloc (out_len);
  switch (kek_len)
    {
    case 16:
      aes128_set_encrypt_key (&aes.aes128, kek_data);
      aes128_keywrap (&aes.aes128, keywrap_default_iv, out_len, out, cek_data);
      break;
    case 24:
      aes192_set_encrypt_key (&aes.aes192, kek_data);
      aes192_keywrap (&aes.aes192, keywrap_default_iv, out_len, out, cek_data);
      break;
    default:
      aes256_set_encrypt_key (&aes.aes256, kek_data);
      aes256_keywrap (&aes.aes256, keywrap_default_iv, out_len, out, cek_data);
      break;
    }
  oa2_secret_wipe (&aes, sizeof aes);

  /* The wrapped key is not secret. */
  return g_bytes_new_take (out, out_len);
}

GBytes *
oa2_jwe_aes_key_unwrap (GBytes  *kek,
                        GBytes  *wrapped,
                        GError **error)
{
  const guint8 *kek_data, *wrapped_data;
  gsize kek_len, wrapped_len, out_len;
  guint8 *out;
  AesCtx aes;
  int ok;

  g_return_val_if_fail (kek != NULL, NULL);
  g_return_val_if_fail (wrapped != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  kek_data = bytes_get (kek, &kek_len);
  wrapped_data = bytes_get (wrapped, &wrapped_len);

  if (!check_kek (kek_len, error))
    return NULL;
  if (wrapped_len < 24 || wrapped_len % 8 != 0)
    return decryption_failed (error);

  out_len = wrapped_len - 8;
  out = g_malloc (out_len);
  switch (kek_len)
    {
    case 16:
      aes128_set_decrypt_key (&aes.aes128, kek_data);
      ok = aes128_keyunwrap (&aes.aes128, keywrap_default_iv, out_len, out, wrapped_data);
      break;
    case 24:
      aes192_set_decrypt_key (&aes.aes192, kek_data);
      ok = aes192_keyunwrap (&aes.aes192, keywrap_default_iv, out_len, out, wrapped_data);
      break;
    default:
      aes256_set_decrypt_key (&aes.aes256, kek_data);
      ok = aes256_keyunwrap (&aes.aes256, keywrap_default_iv, out_len, out, wrapped_data);
      break;
    }
  oa2_secret_wipe (&aes, sizeof aes);

  if (!ok)
    {
      oa2_secret_wipe (out, out_len);
      g_free (out);
      return decryption_failed (error);
    }
  return oa2_secret_bytes_new_take (out, out_len);
}

/* ---------------------------------------------------------------------- */
/* RSAES-OAEP (RFC 8017 §7.1) */

/* XORs MGF1(seed) (RFC 8017 B.2.1) into @out. */
static void
mgf1_xor (const struct nettle_hash *hash,
          const guint8             *seed,
          gsize                     seed_len,
          guint8                   *out,
          gsize                     out_len)
{
  guint8 block[SHA512_DIGEST_SIZE];
  guint8 counter[4];
  HashCtx ctx;

  for (guint32 c = 0; out_len > 0; c++)
    {
      gsize n = MIN (out_len, (gsize) hash->digest_size);

      put_be32 (counter, c);
      hash->init (&ctx);
      hash->update (&ctx, seed_len, seed);
      hash->update (&ctx, sizeof counter, counter);
      hash->digest (&ctx, hash->digest_size, block);
      for (gsize i = 0; i < n; i++)
        out[i] ^= block[i];
      out += n;
      out_len -= n;
    }
  oa2_secret_wipe (block, sizeof block);
  oa2_secret_wipe (&ctx, sizeof ctx);
}

/* lHash: the hash of the empty label. */
static void
oaep_label_hash (OA2Digest  digest,
                 guint8    *out)
{
  static const guint8 empty[1] = { 0 };

  oa2_crypto_digest (digest, empty, 0, out);
}

GBytes *
oa2_jwe_rsa_oaep_encrypt (const struct rsa_public_key  *pub,
                          OA2Digest                     digest,
                          GBytes                       *cek,
                          GError                      **error)
{
  const struct nettle_hash *hash = digest_hash (digest);
  const guint8 *msg;
  gsize msg_len, k, h_len, db_len;
  guint8 *em, *seed, *db, *out;
  mpz_t m, c;

  g_return_val_if_fail (pub != NULL, NULL);
  g_return_val_if_fail (hash != NULL, NULL);
  g_return_val_if_fail (cek != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  msg = bytes_get (cek, &msg_len);
  k = pub->size;
  h_len = hash->digest_size;

  if (k < 2 * h_len + 2)
    return invalid_key (error, N_("The RSA key is too small for RSA-OAEP with this hash"));
  if (msg_len > k - 2 * h_len - 2)
    {
      oa2_i18n_init ();
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                   /* Translators: the numbers are sizes in bytes; %s, if any, is a key type such as X25519 */
                   _("A key of %u bytes is too long to encrypt with this RSA key and RSA-OAEP hash"),
                   size_for_message (msg_len));
      return NULL;
    }

  /* EM = 0x00 || maskedSeed || maskedDB, DB = lHash || PS || 0x01 || M */
  db_len = k - h_len - 1;
  em = g_malloc0 (k);
  seed = em + 1;
  db = em + 1 + h_len;
  oaep_label_hash (digest, db);
  db[db_len - msg_len - 1] = 0x01;
  if (msg_len > 0)
    memcpy (db + db_len - msg_len, msg, msg_len);
  oa2_crypto_random (seed, h_len);
  mgf1_xor (hash, seed, h_len, db, db_len);   /* maskedDB */
  mgf1_xor (hash, db, db_len, seed, h_len);   /* maskedSeed */

  /* c = m^e mod n: public data, no need for a side-channel-silent power. */
  mpz_init (c);
  nettle_mpz_init_set_str_256_u (m, k, em);
  mpz_powm (c, m, pub->e, pub->n);

  out = g_malloc (k);
  nettle_mpz_get_str_256 (k, out, c);

  mpz_wipe_clear (m);
  mpz_clear (c);
  oa2_secret_wipe (em, k);
  g_free (em);
  return g_bytes_new_take (out, k);
}

GBytes *
oa2_jwe_rsa_oaep_decrypt (const struct rsa_public_key  *pub,
                          const struct rsa_private_key *priv,
                          OA2Digest                     digest,
                          GBytes                       *encrypted,
                          GError                      **error)
{
  const struct nettle_hash *hash = digest_hash (digest);
  guint8 l_hash[SHA512_DIGEST_SIZE];
  const guint8 *ciphertext;
  gsize ciphertext_len, k, h_len, db_len;
  guint8 *em, *seed, *db;
  guint good, looking, invalid, sep_index, diff;
  GBytes *result = NULL;
  mpz_t c, m;

  g_return_val_if_fail (pub != NULL, NULL);
  g_return_val_if_fail (priv != NULL, NULL);
  g_return_val_if_fail (hash != NULL, NULL);
  g_return_val_if_fail (encrypted != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ciphertext = bytes_get (encrypted, &ciphertext_len);
  k = pub->size;
  h_len = hash->digest_size;

  /* Public facts (lengths, c < n): refusing them early tells nothing. */
  if (ciphertext_len != k || k < 2 * h_len + 2)
    return decryption_failed (error);

  nettle_mpz_init_set_str_256_u (c, ciphertext_len, ciphertext);
  if (mpz_cmp (c, pub->n) >= 0)
    {
      mpz_clear (c);
      return decryption_failed (error);
    }

  /* m = c^d mod n, blinded, and checked against c after the CRT. */
  mpz_init (m);
  if (!rsa_compute_root_tr (pub, priv, NULL, random_func, m, c))
    {
      mpz_wipe_clear (m);
      mpz_clear (c);
      return decryption_failed (error);
    }
  mpz_clear (c);

  em = g_malloc (k);
  nettle_mpz_get_str_256 (k, em, m);
  mpz_wipe_clear (m);

  /* From here to the single check below, nothing branches on or indexes
   * memory by the decrypted data. */
  seed = em + 1;
  db = em + 1 + h_len;
  db_len = k - h_len - 1;
  mgf1_xor (hash, db, db_len, seed, h_len);   /* seed */
  mgf1_xor (hash, seed, h_len, db, db_len);   /* DB */

  oaep_label_hash (digest, l_hash);
  diff = 0;
  for (gsize i = 0; i < h_len; i++)
    diff |= db[i] ^ l_hash[i];
  good = ct_is_zero (em[0]) & ct_is_zero (diff);

  /* DB = lHash || PS (zeros) || 0x01 || M: find the first 0x01, and flag
   * any other non-zero byte before it. */
  looking = G_MAXUINT;
  invalid = 0;
  sep_index = 0;
  for (gsize i = h_len; i < db_len; i++)
    {
      guint is_one = ct_eq (db[i], 0x01);
      guint is_zero = ct_is_zero (db[i]);
      guint found = looking & is_one;

      sep_index = (sep_index & ~found) | ((guint) i & found);
      invalid |= looking & ~is_zero & ~is_one;
      looking &= ~is_one;
    }
  good &= ~looking & ~invalid;

  if (good != 0)
    {
      gsize msg_len = db_len - sep_index - 1;
      guint8 *msg = g_malloc (msg_len > 0 ? msg_len : 1);

      if (msg_len > 0)
        memcpy (msg, db + sep_index + 1, msg_len);
      result = oa2_secret_bytes_new_take (msg, msg_len);
    }

  oa2_secret_wipe (em, k);
  g_free (em);
  if (result == NULL)
    return decryption_failed (error);
  return result;
}

/* ---------------------------------------------------------------------- */
/* RSAES-PKCS1-v1_5 with the RFC 7516 §11.5 countermeasure */

GBytes *
oa2_jwe_rsa1_5_decrypt (const struct rsa_public_key  *pub,
                        const struct rsa_private_key *priv,
                        GBytes                       *encrypted,
                        gsize                         cek_len,
                        GError                      **error)
{
  const guint8 *ciphertext;
  gsize ciphertext_len;
  guint8 *cek;
  mpz_t c;

  g_return_val_if_fail (pub != NULL, NULL);
  g_return_val_if_fail (priv != NULL, NULL);
  g_return_val_if_fail (encrypted != NULL, NULL);
  g_return_val_if_fail (cek_len > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ciphertext = bytes_get (encrypted, &ciphertext_len);
  if (ciphertext_len != pub->size)
    return decryption_failed (error);

  /* A random CEK that rsa_sec_decrypt() overwrites, without a branch,
   * only when the padding is valid and the message has cek_len bytes; its
   * result is deliberately ignored. */
  cek = g_malloc (cek_len);
  oa2_crypto_random (cek, cek_len);
  nettle_mpz_init_set_str_256_u (c, ciphertext_len, ciphertext);
  (void) rsa_sec_decrypt (pub, priv, NULL, random_func, cek_len, cek, c);
  mpz_clear (c);

  return oa2_secret_bytes_new_take (cek, cek_len);
}

/* ---------------------------------------------------------------------- */
/* ECDH-ES (RFC 7518 §4.6, RFC 8037 §3.2) */

GBytes *
oa2_jwe_ecdh_nist (const struct ecc_scalar  *priv,
                   const struct ecc_point   *pub,
                   GError                  **error)
{
  const struct ecc_curve *curve;
  struct ecc_point r;
  gsize size;
  guint8 *z;
  mpz_t x, y;
  gboolean infinity;

  g_return_val_if_fail (priv != NULL, NULL);
  g_return_val_if_fail (pub != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  curve = pub->ecc;
  if (priv->ecc != curve)
    return invalid_key (error, N_("The keys of an ECDH key agreement are not on the same curve"));

  ecc_point_init (&r, curve);
  ecc_point_mul (&r, priv, pub);
  mpz_init (x);
  mpz_init (y);
  ecc_point_get (&r, x, y);
  oa2_secret_wipe (r.p, 2 * ecc_size (curve) * sizeof (mp_limb_t));
  ecc_point_clear (&r);

  /* Nettle gives the point at infinity as (0, 0), which is not on any of
   * these curves. */
  infinity = mpz_sgn (x) == 0 && mpz_sgn (y) == 0;
  size = (ecc_bit_size (curve) + 7) / 8;
  z = g_malloc (size);
  nettle_mpz_get_str_256 (size, z, x);
  mpz_wipe_clear (x);
  mpz_wipe_clear (y);

  if (infinity)
    {
      oa2_secret_wipe (z, size);
      g_free (z);
      return invalid_key (error, N_("The public key of an ECDH key agreement is not valid: the shared secret is zero"));
    }
  return oa2_secret_bytes_new_take (z, size);
}

typedef void (*MontgomeryMul) (uint8_t       *q,
                               const uint8_t *n,
                               const uint8_t *p);

static GBytes *
ecdh_montgomery (const char     *name,
                 MontgomeryMul   mul,
                 gsize           size,
                 GBytes         *priv,
                 GBytes         *pub,
                 GError        **error)
{
  const guint8 *priv_data, *pub_data;
  gsize priv_len, pub_len;
  guint8 acc = 0;
  guint8 *z;

  priv_data = bytes_get (priv, &priv_len);
  pub_data = bytes_get (pub, &pub_len);
  if (priv_len != size || pub_len != size)
    {
      oa2_i18n_init ();
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                   /* Translators: the numbers are sizes in bytes; %s, if any, is a key type such as X25519 */
                   _("An %s key must have %u bytes"), name, size_for_message (size));
      return NULL;
    }

  z = g_malloc (size);
  mul (z, priv_data, pub_data);

  /* RFC 7748 §6: an all-zero result means a low-order public point. */
  for (gsize i = 0; i < size; i++)
    acc |= z[i];
  if (acc == 0)
    {
      g_free (z);
      return invalid_key (error, N_("The public key of an ECDH key agreement is not valid: the shared secret is zero"));
    }
  return oa2_secret_bytes_new_take (z, size);
}

GBytes *
oa2_jwe_ecdh_x25519 (GBytes  *priv,
                     GBytes  *pub,
                     GError **error)
{
  g_return_val_if_fail (priv != NULL, NULL);
  g_return_val_if_fail (pub != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return ecdh_montgomery ("X25519", curve25519_mul, CURVE25519_SIZE, priv, pub, error);
}

GBytes *
oa2_jwe_ecdh_x448 (GBytes  *priv,
                   GBytes  *pub,
                   GError **error)
{
  g_return_val_if_fail (priv != NULL, NULL);
  g_return_val_if_fail (pub != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return ecdh_montgomery ("X448", curve448_mul, CURVE448_SIZE, priv, pub, error);
}

/* ---------------------------------------------------------------------- */
/* Concat KDF (NIST SP 800-56A §5.8.1; RFC 7518 §4.6.2) */

static void
sha256_update_prefixed (struct sha256_ctx *ctx,
                        const guint8      *data,
                        gsize              len)
{
  guint8 prefix[4];

  put_be32 (prefix, (guint32) len);
  sha256_update (ctx, sizeof prefix, prefix);
  sha256_update (ctx, len, data);
}

GBytes *
oa2_jwe_concat_kdf (GBytes     *z,
                    const char *alg_id,
                    gsize       key_len,
                    GBytes     *apu,
                    GBytes     *apv)
{
  const guint8 *z_data, *apu_data, *apv_data;
  gsize z_len, apu_len, apv_len, alg_len, done = 0;
  guint8 block[SHA256_DIGEST_SIZE];
  guint8 counter[4], supp_pub[4];
  struct sha256_ctx ctx;
  guint8 *out;

  g_return_val_if_fail (z != NULL, NULL);
  g_return_val_if_fail (alg_id != NULL, NULL);
  g_return_val_if_fail (key_len > 0 && key_len <= G_MAXUINT32 / 8, NULL);

  z_data = bytes_get (z, &z_len);
  apu_data = bytes_get (apu, &apu_len);
  apv_data = bytes_get (apv, &apv_len);
  alg_len = strlen (alg_id);
  g_return_val_if_fail (alg_len <= G_MAXUINT32 && apu_len <= G_MAXUINT32 && apv_len <= G_MAXUINT32, NULL);

  /* SuppPubInfo: keydatalen in bits; SuppPrivInfo: empty. */
  put_be32 (supp_pub, (guint32) (key_len * 8));

  out = g_malloc (key_len);
  for (guint32 count = 1; done < key_len; count++)
    {
      gsize n = MIN (key_len - done, (gsize) SHA256_DIGEST_SIZE);

      put_be32 (counter, count);
      sha256_init (&ctx);
      sha256_update (&ctx, sizeof counter, counter);
      sha256_update (&ctx, z_len, z_data);
      sha256_update_prefixed (&ctx, (const guint8 *) alg_id, alg_len);   /* AlgorithmID */
      sha256_update_prefixed (&ctx, apu_data, apu_len);                  /* PartyUInfo */
      sha256_update_prefixed (&ctx, apv_data, apv_len);                  /* PartyVInfo */
      sha256_update (&ctx, sizeof supp_pub, supp_pub);
      sha256_digest (&ctx, SHA256_DIGEST_SIZE, block);
      memcpy (out + done, block, n);
      done += n;
    }

  oa2_secret_wipe (block, sizeof block);
  oa2_secret_wipe (&ctx, sizeof ctx);
  return oa2_secret_bytes_new_take (out, key_len);
}
