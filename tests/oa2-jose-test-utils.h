/* oa2-jose-test-utils.h: helpers and RFC vectors shared by the JOSE and
 * crypto tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The helpers decode with GLib and JSON-GLib only, never with the library,
 * so that what they give a test is an independent reading of the RFCs.
 */

#pragma once

#include <oauth2client-glib/oauth2client-glib.h>

G_BEGIN_DECLS

/* ---------------------------------------------------------------------- */
/* Encodings and bytes */

/* Base64url (unpadded, read leniently) and hex, for RFC text and tokens. */
GBytes     *oa2_test_b64u_decode        (const char    *text);
char       *oa2_test_b64u_encode        (const void    *data,
                                         gsize          len);
char       *oa2_test_b64u_encode_str    (const char    *text);
GBytes     *oa2_test_hex_decode         (const char    *text);

/* The bytes of a string; a copy with one byte XORed; a part of bytes. */
GBytes     *oa2_test_bytes_new_str      (const char    *text);
GBytes     *oa2_test_bytes_flip         (GBytes        *bytes,
                                         gsize          index,
                                         guint8         mask);
GBytes     *oa2_test_bytes_slice        (GBytes        *bytes,
                                         gsize          offset,
                                         gsize          len);

/* @actual is not NULL and holds the bytes of @expected; a macro, so that
 * a failure names the caller's line. */
#define oa2_test_assert_bytes_equal(actual, expected) \
  G_STMT_START { \
    GBytes *oa2_test_actual_ = (actual); \
    GBytes *oa2_test_expected_ = (expected); \
    g_assert_nonnull (oa2_test_actual_); \
    g_assert_cmpmem (g_bytes_get_data (oa2_test_actual_, NULL), g_bytes_get_size (oa2_test_actual_), \
                     g_bytes_get_data (oa2_test_expected_, NULL), g_bytes_get_size (oa2_test_expected_)); \
  } G_STMT_END

/* An error was set, and its message says @part (if not NULL). */
void        oa2_test_assert_message_contains (const GError *error,
                                              const char   *part);

/* ---------------------------------------------------------------------- */
/* JSON and JWKs */

/* JSON text that must be an object. */
JsonObject *oa2_test_json_object_parse  (const char    *json);
/* A key parameter ("n", "x", "k"…) of JWK text, decoded without the
 * library: for building keys from the RFC vectors by other means. */
GBytes     *oa2_test_jwk_param          (const char    *jwk_json,
                                         const char    *member);
/* A key the library must take, or make. */
OA2Jwk     *oa2_test_jwk_parse          (const char    *json);
OA2Jwk     *oa2_test_jwk_generate       (const char    *alg);
/* @key again without the members named, say "alg" and "use", so that it
 * serves several algorithms. */
OA2Jwk     *oa2_test_jwk_without        (OA2Jwk        *key,
                                         gboolean       include_private,
                                         const char    *first_member,
                                         ...) G_GNUC_NULL_TERMINATED;
/* A JWK "key_ops" array of @n distinct made-up values ("op0", "op1"…),
 * as JSON text: the review's hostile list, at 1 MiB for 120,000. */
char       *oa2_test_key_ops_json       (guint          n);
/* One generated RSA private key without "alg" and "use" for the whole
 * run (RSA keys are slow to make; not a new reference), and its end. */
OA2Jwk     *oa2_test_rsa_jwk            (void);
void        oa2_test_rsa_jwk_clear      (void);

/* ---------------------------------------------------------------------- */
/* Compact serializations, which must have @n_parts parts */

char       *oa2_test_compact_replace_part (const char *compact,
                                           guint       n_parts,
                                           guint       index,
                                           const char *part);
GBytes     *oa2_test_compact_get_part     (const char *compact,
                                           guint       n_parts,
                                           guint       index);
char       *oa2_test_compact_flip_bit     (const char *compact,
                                           guint       n_parts,
                                           guint       index,
                                           gssize      offset,
                                           guint       bit);

/* The same for a JWS, which has three parts, and a JWE, which has five. */
#define oa2_test_jws_replace_part(compact, index, part) oa2_test_compact_replace_part ((compact), 3, (index), (part))
#define oa2_test_jws_get_part(compact, index) oa2_test_compact_get_part ((compact), 3, (index))
#define oa2_test_jws_flip_bit(compact, index, offset, bit) \
  oa2_test_compact_flip_bit ((compact), 3, (index), (offset), (bit))
#define oa2_test_jwe_replace_part(compact, index, part) oa2_test_compact_replace_part ((compact), 5, (index), (part))
#define oa2_test_jwe_get_part(compact, index) oa2_test_compact_get_part ((compact), 5, (index))
#define oa2_test_jwe_flip_bit(compact, index, offset, bit) \
  oa2_test_compact_flip_bit ((compact), 5, (index), (offset), (bit))

/* ---------------------------------------------------------------------- */
/* Vectors used by more than one test */

/* RFC 7515 A.2 (RSA) and A.3 (P-256): the keys and the tokens. */
extern const char oa2_test_rfc7515_a2_key[];
extern const char oa2_test_rfc7515_a2[];
extern const char oa2_test_rfc7515_a3_key[];
extern const char oa2_test_rfc7515_a3[];

/* The public point of RFC 7515 A.3, as members of a JWK's JSON text. */
#define OA2_TEST_RFC7515_A3_XY \
  "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\"," \
  "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\""

/* RFC 7516 A.1 (RSA-OAEP, A256GCM), A.2 (RSA1_5, A128CBC-HS256) and A.3
 * (A128KW, A128CBC-HS256): the RSA keys, the tokens and the plaintexts;
 * A.2 and A.3 share theirs. */
extern const char oa2_test_rfc7516_a1_key[];
extern const char oa2_test_rfc7516_a1[];
extern const char oa2_test_rfc7516_a1_plaintext[];
extern const char oa2_test_rfc7516_a2_key[];
extern const char oa2_test_rfc7516_a2[];
extern const char oa2_test_rfc7516_a3[];
extern const char oa2_test_rfc7516_a3_plaintext[];

/* RFC 7520 §3, Figures 1 to 5: the keys of the JOSE cookbook. */
extern const char oa2_test_rfc7520_ec_public[];
extern const char oa2_test_rfc7520_ec_private[];
extern const char oa2_test_rfc7520_rsa_public[];
extern const char oa2_test_rfc7520_rsa_private[];
extern const char oa2_test_rfc7520_hmac_key[];

/* RFC 7520 Figure 7 (the payload of §4, UTF-8 text) and Figure 8 (its
 * base64url), and the compact tokens of §4.1 to §4.4: Figures 13 (RS256),
 * 20 (PS384), 27 (ES512) and 34 (HS256). */
extern const char oa2_test_rfc7520_payload[];
extern const char oa2_test_rfc7520_payload_b64[];
extern const char oa2_test_rfc7520_4_1[];
extern const char oa2_test_rfc7520_4_2[];
extern const char oa2_test_rfc7520_4_3[];
extern const char oa2_test_rfc7520_4_4[];

/* The modulus of RFC 7520 Figures 3 and 4. */
#define OA2_TEST_RFC7520_RSA_N \
  "n4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8_KuKPEHLd4rHVTeT" \
  "-O-XV2jRojdNhxJWTDvNd7nqQ0VEiZQHz_AJmSCpMaJMRBSFKrKb2wqV" \
  "wGU_NsYOYL-QtiWN2lbzcEe6XC0dApr5ydQLrHqkHHig3RBordaZ6Aj-" \
  "oBHqFEHYpPe7Tpe-OfVfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJlsde" \
  "3uhGqC0ZCuEHg8lhzwOHrtIQbS0FVbb9k3-tVTU4fg_3L_vniUFAKwuC" \
  "LqKnS2BYwdq_mzSnbLY7h_qixoR7jig3__kRhuaxwUkRz5iaiQkqgc5g" \
  "HdrNP5zw"

/* RFC 8037 A.1 (the Ed25519 private key) and A.2 (its public key). */
extern const char oa2_test_rfc8037_a1[];
extern const char oa2_test_rfc8037_a2[];

/* RFC 7748 §6.1: Bob's X25519 key, and Alice's (the ephemeral key of
 * RFC 8037 A.6). */
extern const char oa2_test_x25519_bob[];
extern const char oa2_test_x25519_alice[];

/* A 1024-bit RSA public key, made for these tests: too short to be taken. */
extern const char oa2_test_rsa_1024[];
#define OA2_TEST_RSA_1024_N \
  "2_LZDeGdIk279LknOQEw4P_QbBJbFbiNoeIkG0sXpwtq4hAUohFMqpUpbJm-wjxk" \
  "stL9F10mOTkaB2fC5YaizYjjxXruVesKqU1Ti8qvOxHkrXmyD1--Nrp_Ggu-GItQ" \
  "YVEOk0PBCT2GVru7f43TROJY9pvgPRJGDnORRKY5OJc"

/* The group orders of P-256, P-384 and P-521 (FIPS 186-4 §D.1.2),
 * big-endian hex. */
#define OA2_TEST_P256_ORDER_HEX \
  "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"
#define OA2_TEST_P384_ORDER_HEX \
  "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973"
#define OA2_TEST_P521_ORDER_HEX \
  "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff" \
  "fa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409"

G_END_DECLS
