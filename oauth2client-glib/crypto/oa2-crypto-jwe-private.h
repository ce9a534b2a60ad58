/* oa2-crypto-jwe-private.h: the primitives of JSON Web Encryption
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Content encryption (RFC 7518 §5), key wrapping and key agreement
 * (RFC 7518 §4) over Nettle, on raw key material and Nettle structures, so
 * that this file depends on no JOSE type. Every failure to decrypt, unwrap
 * or authenticate is OA2_ERROR_DECRYPTION_FAILED with one message that
 * does not say which check failed (no padding or tag oracle); bad sizes of
 * caller-supplied keys are OA2_ERROR_INVALID_KEY.
 */

#pragma once

#include <glib.h>
#include <nettle/ecc.h>
#include <nettle/rsa.h>

#include "oa2-crypto-private.h"

G_BEGIN_DECLS

/* JWE "enc" values. */
typedef enum {
  OA2_ENC_A128GCM,
  OA2_ENC_A192GCM,
  OA2_ENC_A256GCM,
  OA2_ENC_A128CBC_HS256,
  OA2_ENC_A192CBC_HS384,
  OA2_ENC_A256CBC_HS512,
  OA2_ENC_INVALID,
} OA2Enc;

const char *oa2_enc_to_string       (OA2Enc        enc);
OA2Enc      oa2_enc_from_string     (const char   *name);
gsize       oa2_enc_key_size        (OA2Enc        enc);   /* CEK bytes: 16/24/32, 32/48/64 */
gsize       oa2_enc_iv_size         (OA2Enc        enc);   /* 12 for GCM, 16 for CBC */
gsize       oa2_enc_tag_size        (OA2Enc        enc);   /* 16, 16/24/32 */

/* Authenticated encryption of @plaintext with @aad (the ASCII of the
 * protected header, RFC 7516 §5.1 step 14). Outputs ciphertext and tag. */
gboolean    oa2_jwe_encrypt_content (OA2Enc         enc,
                                     GBytes        *cek,
                                     GBytes        *iv,
                                     GBytes        *aad,
                                     GBytes        *plaintext,
                                     GBytes       **out_ciphertext,
                                     GBytes       **out_tag,
                                     GError       **error);
GBytes     *oa2_jwe_decrypt_content (OA2Enc         enc,
                                     GBytes        *cek,
                                     GBytes        *iv,
                                     GBytes        *aad,
                                     GBytes        *ciphertext,
                                     GBytes        *tag,
                                     GError       **error);

/* AES key wrap (RFC 3394) with a 16-, 24- or 32-byte KEK. */
GBytes     *oa2_jwe_aes_key_wrap    (GBytes        *kek,
                                     GBytes        *cek,
                                     GError       **error);
GBytes     *oa2_jwe_aes_key_unwrap  (GBytes        *kek,
                                     GBytes        *wrapped,
                                     GError       **error);

/* RSAES-OAEP (RFC 8017 §7.1) with SHA-1 (RSA-OAEP) or SHA-256
 * (RSA-OAEP-256) and MGF1 of the same hash, empty label. Decryption uses
 * Nettle's blinded, side-channel-silent rsa_compute_root_tr() and checks
 * the padding in constant time. */
GBytes     *oa2_jwe_rsa_oaep_encrypt (const struct rsa_public_key  *pub,
                                      OA2Digest                     digest,
                                      GBytes                       *cek,
                                      GError                      **error);
GBytes     *oa2_jwe_rsa_oaep_decrypt (const struct rsa_public_key  *pub,
                                      const struct rsa_private_key *priv,
                                      OA2Digest                     digest,
                                      GBytes                       *encrypted,
                                      GError                      **error);

/* RSAES-PKCS1-v1_5 decryption for the RSA1_5 opt-in only, with the
 * RFC 7516 §11.5 countermeasure built in: Nettle's rsa_sec_decrypt() into
 * a buffer prefilled with a random CEK of @cek_len bytes, so that a bad
 * padding yields a random key (and a failed tag later), never a distinct
 * error or timing. It fails only for an @encrypted of the wrong size. */
GBytes     *oa2_jwe_rsa1_5_decrypt   (const struct rsa_public_key  *pub,
                                      const struct rsa_private_key *priv,
                                      GBytes                       *encrypted,
                                      gsize                         cek_len,
                                      GError                      **error);

/* ECDH-ES key agreement (RFC 7518 §4.6): the shared secret Z of a private
 * scalar and a public point on the same NIST curve, or of X25519/X448 raw
 * keys; the public point must be on the curve (checked by the caller's key
 * import) and the result must not be the point at infinity / all zero. */
GBytes     *oa2_jwe_ecdh_nist        (const struct ecc_scalar      *priv,
                                      const struct ecc_point       *pub,
                                      GError                      **error);
GBytes     *oa2_jwe_ecdh_x25519      (GBytes                       *priv,
                                      GBytes                       *pub,
                                      GError                      **error);
GBytes     *oa2_jwe_ecdh_x448        (GBytes                       *priv,
                                      GBytes                       *pub,
                                      GError                      **error);

/* Concat KDF (NIST SP 800-56A §5.8.1, RFC 7518 §4.6.2) with SHA-256:
 * keydatalen bits of key for @alg_id ("A128GCM" for direct agreement, or
 * "ECDH-ES+A128KW"…), with PartyUInfo/PartyVInfo from apu/apv (may be
 * NULL = empty). */
GBytes     *oa2_jwe_concat_kdf       (GBytes                       *z,
                                      const char                   *alg_id,
                                      gsize                         key_len,
                                      GBytes                       *apu,
                                      GBytes                       *apv);

G_END_DECLS
