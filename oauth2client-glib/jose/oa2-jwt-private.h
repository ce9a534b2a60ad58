/* oa2-jwt-private.h: what the compact and the JSON serializations of a
 * JWS share (oa2-jwt.c, oa2-jwt-json.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-jwk.h"
#include "oa2-jwt.h"

G_BEGIN_DECLS

/* Parsing: each rule once, for every serialization. */

/* The "alg" of the JOSE header @header: a string naming "none" or an
 * algorithm the library implements (else OA2_ERROR_UNSUPPORTED_ALGORITHM);
 * points into @header. */
gboolean  oa2_jwt_read_alg            (JsonObject   *header,
                                       const char  **out_alg,
                                       GError      **error);
/* Decodes the base64url payload; one that starts with '{' must be a JSON
 * object, returned as the claims (else *out_claims is NULL). */
gboolean  oa2_jwt_decode_payload      (const char   *encoded,
                                       gsize         len,
                                       GBytes      **out_payload,
                                       JsonObject  **out_claims,
                                       GError      **error);
/* Decodes the base64url signature; an unsigned token (@alg "none")
 * carries none. */
GBytes   *oa2_jwt_decode_signature    (const char   *alg,
                                       const char   *encoded,
                                       gssize        len,
                                       GError      **error);

/* A token made of the checked parts of one signature of a JSON
 * serialization. @protected_b64 is the "protected" member as written (NULL
 * when absent), @protected_header its decoded object; @unprotected_header
 * the "header" member (NULL when absent); @header their union, which holds
 * @alg. Every object and bytes is referenced, not taken. The signing input
 * is @protected_b64 (or "") '.' @payload_b64; the token has a compact form
 * when it has a protected header and no unprotected one. */
OA2Jwt   *oa2_jwt_new_from_parts      (const char   *protected_b64,
                                       JsonObject   *protected_header,
                                       JsonObject   *unprotected_header,
                                       JsonObject   *header,
                                       const char   *alg,
                                       const char   *payload_b64,
                                       GBytes       *payload,
                                       JsonObject   *claims,
                                       const char   *signature_b64,
                                       GBytes       *signature);

/* The algorithm a signature with @key would use (@alg, else the key's
 * "alg"), after every check signing makes: an algorithm is known, it is
 * the key's own when the key names one, the key's "use"/"key_ops" allow
 * signing, and the key can sign with it (private, the right type and
 * curve, an HMAC key as long as the hash). Points to @alg or into @key. */
const char *oa2_jwt_signing_alg       (OA2Jwk       *key,
                                       const char   *alg,
                                       GError      **error);

/* Signing: the key and algorithm checks, the header rule and the
 * signature, for every serialization. The algorithm is @alg or the key's;
 * the protected header holds "alg" and the key's "kid" (each unless
 * @unprotected_header has it), then the members of @protected_extra (but
 * "alg"); @protected_extra and @unprotected_header must be disjoint and
 * without "crit", and an "alg" in @unprotected_header must be the
 * algorithm. Signs ASCII(protected '.' @payload_b64). *out_protected_b64
 * is NULL when the protected header is empty. */
gboolean  oa2_jwt_sign_parts          (const char   *payload_b64,
                                       OA2Jwk       *key,
                                       const char   *alg,
                                       JsonObject   *protected_extra,
                                       JsonObject   *unprotected_header,
                                       char        **out_protected_b64,
                                       char        **out_signature_b64,
                                       GError      **error);

G_END_DECLS
