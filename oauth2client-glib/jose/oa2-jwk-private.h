/* oa2-jwk-private.h: what the JOSE layer needs of a JWK
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-crypto-private.h"
#include "oa2-jwk.h"

G_BEGIN_DECLS

OA2CryptoKey *oa2_jwk_get_crypto_key (OA2Jwk      *self);
/* A key around @key (taken), its kid the RFC 7638 thumbprint, as
 * oa2_jwk_new_from_pem() gives, and @alg (nullable); for keys that are not
 * read from JSON. */
OA2Jwk       *oa2_jwk_new_for_crypto_key (OA2CryptoKey *key,
                                          const char   *alg);
/* The same key with the same members but no kid; shares the key material,
 * so it works for token-held keys, which JSON cannot copy. */
OA2Jwk       *oa2_jwk_dup_without_kid (OA2Jwk      *self);
/* Whether @self may be used with @alg (a JWS or JWE "alg"), with the
 * reason when not; the one rule behind oa2_jwk_supports_alg(). */
gboolean      oa2_jwk_check_alg      (OA2Jwk      *self,
                                      const char  *alg,
                                      GError     **error);

/* Whether @self's "use" (when set) is @use and its "key_ops" (when set)
 * include @operation ("sign", "verify", "encrypt", "decrypt", "wrapKey",
 * "unwrapKey", "deriveKey"). */
gboolean      oa2_jwk_check_usage    (OA2Jwk      *self,
                                      const char  *use,
                                      const char  *operation,
                                      GError     **error);

G_END_DECLS
