/* oa2-jwt-response-private.h: the steps every JWT the server sends the
 * client goes through (ID tokens, UserInfo and JARM responses): decrypted
 * with the client's keys when it is a JWE, parsed, refused unsigned,
 * verified with the client secret (HS*) or the server's keys; no I/O
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-jwk.h"
#include "oa2-jwks.h"
#include "oa2-jwt.h"

G_BEGIN_DECLS

/* What each kind of response says when a step refuses it: every caller
 * keeps its own messages (and so its own translations). A NULL member is
 * for a step that caller does not use. */
typedef struct {
  const char *what;                   /* names the response in the two decryption
                                       * messages below, when they are NULL */
  const char *no_decryption_keys;     /* a JWE, but no decryption keys */
  const char *decryption_prefix;      /* put before a decryption error, as is */
  const char *unexpected_encryption;  /* a JWE, but none is expected */
  const char *missing_encryption;     /* format, %s: the expected JWE algorithm */
  const char *parse_prefix;           /* put before a parse error, as is; NULL: none */
  const char *not_object;             /* the payload is not a JSON object */
  const char *unsigned_token;         /* alg "none" */
  const char *no_secret;              /* HS*, but no client secret */
  const char *no_server_keys;         /* no keys of the server */
} OA2JwtResponseTexts;

/* Whether @compact has the five parts of a JWE compact serialization. */
gboolean oa2_jwt_response_is_jwe            (const char                 *compact);

/* Decrypts @compact with each of @keys in turn (the AEAD tag tells the
 * right one), with @alg (NULL: any) and @enc (NULL: A128CBC-HS256). */
GBytes  *oa2_jwt_response_decrypt_with_keys (const char                 *compact,
                                             OA2Jwks                    *keys,
                                             const char                 *alg,
                                             const char                 *enc,
                                             const OA2JwtResponseTexts  *texts,
                                             GError                    **error);

/* oa2_jwt_response_decrypt_with_keys() with the messages that name @what. */
GBytes  *oa2_jwt_response_decrypt           (const char                 *compact,
                                             OA2Jwks                    *keys,
                                             const char                 *alg,
                                             const char                 *enc,
                                             const char                 *what,
                                             GError                    **error);

/* The compact JWS (or, for an encrypted-only response, the plaintext)
 * inside @compact: decrypted when it is a JWE and @encrypted_alg is set,
 * refused when exactly one of the two holds. *@out_decrypted says
 * whether it was decrypted. */
char    *oa2_jwt_response_open              (const char                 *compact,
                                             OA2Jwks                    *decryption_keys,
                                             const char                 *encrypted_alg,
                                             const char                 *encrypted_enc,
                                             const OA2JwtResponseTexts  *texts,
                                             gboolean                   *out_decrypted,
                                             GError                    **error);

/* Parses a compact JWS whose payload must be a JSON object and whose alg
 * must not be `none`; the caller checks the alg against its allow-list. */
OA2Jwt  *oa2_jwt_response_parse             (const char                 *compact,
                                             const OA2JwtResponseTexts  *texts,
                                             GError                    **error);

/* Verifies @jwt's signature with @alg: the client secret @secret_key for
 * HS*, never a key of the server's public set; else one key of @jwks. */
gboolean oa2_jwt_response_verify            (OA2Jwt                     *jwt,
                                             const char                 *alg,
                                             OA2Jwk                     *secret_key,
                                             OA2Jwks                    *jwks,
                                             const OA2JwtResponseTexts  *texts,
                                             GError                    **error);

/* Whether the signature of a response signed with @alg is checked with
 * the keys fetched from @jwks_uri (through the JWKS cache). */
gboolean oa2_jwt_response_uses_fetched_keys (const char *alg,
                                             const char *jwks_uri);

G_END_DECLS
