/* oa2-id-token-private.h: building an OA2IdToken, and validating ID tokens
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-id-token.h"
#include "oa2-id-token-expectations-private.h"
#include "oa2-jwt.h"

G_BEGIN_DECLS

/* @jwt's signature and claims have been checked; @compact is the form the
 * server sent (a JWE when the token was encrypted). */
OA2IdToken *oa2_id_token_new_validated (OA2Jwt     *jwt,
                                        const char *compact);

/* What the client knows when it validates: its settings and the request's.
 * Strings are borrowed. */
typedef struct {
  const char         *issuer;          /* required */
  const char         *client_id;       /* required */
  const char         *signed_alg;      /* the expected JWS alg */
  const char * const *supported_algs;  /* the server's list, or NULL: unknown */
  const char         *encrypted_alg;   /* NULL: ID tokens must not be encrypted */
  const char         *encrypted_enc;   /* NULL: A128CBC-HS256 */
  OA2Jwks            *decryption_keys; /* with encrypted_alg */
  OA2Jwk             *secret_key;      /* the client secret as an oct key, or NULL */
  guint               leeway;          /* seconds */
  const char         *access_token;    /* for at_hash, or NULL */
  const char         *previous_id_token; /* the one being refreshed, or NULL */
  const OA2IdTokenExpectations *expectations; /* or NULL */
} OA2IdTokenCheck;

/* Step 1, no I/O: decrypts when encrypted, parses, checks the algorithm.
 * Sets *out_needs_jwks when the signature must be checked with the
 * server's keys (else with check->secret_key). */
OA2Jwt     *oa2_id_token_open          (const char            *compact,
                                        const OA2IdTokenCheck *check,
                                        gboolean              *out_needs_jwks,
                                        GError               **error);
/* Step 2: the signature, with the server's keys (kid rules) or the
 * client secret. Fails with OA2_ERROR_NO_MATCHING_KEY when no key fits,
 * which the caller may answer with one refetch of the keys. */
gboolean    oa2_id_token_verify        (OA2Jwt                *jwt,
                                        OA2Jwks               *jwks,
                                        const OA2IdTokenCheck *check,
                                        OA2Jwk               **out_key,
                                        GError               **error);
/* Step 3: the claims (OIDC Core §3.1.3.7, §12.2); @key is the one that
 * verified the signature (its curve picks the hash for EdDSA). */
gboolean    oa2_id_token_check_claims  (OA2Jwt                *jwt,
                                        OA2Jwk                *key,
                                        const OA2IdTokenCheck *check,
                                        GError               **error);

G_END_DECLS
