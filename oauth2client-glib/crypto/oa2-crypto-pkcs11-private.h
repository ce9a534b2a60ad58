/* oa2-crypto-pkcs11-private.h: private keys that stay in a PKCS#11 token
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A token-held key is an OA2CryptoKey like any other: its public half is
 * read from the token once, when the key is opened, and serves the JWK
 * members, thumbprints and verification; its private half is a GnuTLS
 * abstract key (gnutls_privkey_t) that signs inside the token. The private
 * parameters are never read: oa2_crypto_key_dup_param() has none to give.
 */

#pragma once

#include <gnutls/abstract.h>

#include "oa2-crypto-private.h"

G_BEGIN_DECLS

/* What the token said when it asked for a PIN. */
typedef enum {
  OA2_CRYPTO_PIN_RETRY     = 1 << 0,   /* the previous PIN was wrong */
  OA2_CRYPTO_PIN_COUNT_LOW = 1 << 1,   /* few attempts remain */
  OA2_CRYPTO_PIN_FINAL_TRY = 1 << 2,   /* one attempt remains */
} OA2CryptoPinFlags;

/* Asked for a PIN when the token needs a login (and again, with RETRY,
 * after a wrong one, at most OA2_CRYPTO_PIN_MAX_ATTEMPTS times in all).
 * Returns a newly allocated PIN, which the caller wipes and frees, or NULL
 * to give up. It may run in any thread that opens or uses the key. */
typedef char * (*OA2CryptoPinFunc) (const char        *token_label,
                                    guint              attempt,
                                    OA2CryptoPinFlags  flags,
                                    gpointer           user_data);

/* A real card locks its PIN after three wrong ones: never spend them all
 * in one call. */
#define OA2_CRYPTO_PIN_MAX_ATTEMPTS 3

/* Opens the private key that @uri (RFC 7512) names. The URI's pin-value,
 * or the file its pin-source names, is tried first, then @pin_func; with
 * neither, a token that needs a login fails. @pin_func and @pin_data stay
 * with the key, for tokens that ask again later; @pin_destroy frees
 * @pin_data when the key goes (and on failure). Blocks while the token
 * answers. Errors: KEY_NOT_FOUND (no such token or object),
 * TOKEN_LOGIN_FAILED (no PIN or a wrong one), INVALID_KEY (not a pkcs11:
 * URI, or an unreadable one), UNSUPPORTED_ALGORITHM (a key type this
 * library cannot sign with through GnuTLS, such as EdDSA). */
OA2CryptoKey *oa2_crypto_key_new_from_pkcs11   (const char        *uri,
                                                OA2CryptoPinFunc   pin_func,
                                                gpointer           pin_data,
                                                GDestroyNotify     pin_destroy,
                                                GError           **error);

gboolean      oa2_crypto_key_is_in_token       (OA2CryptoKey      *key);

/* Loads a PKCS#11 module for every later oa2_crypto_key_new_from_pkcs11().
 * Before the first key is opened, the first module added replaces
 * p11-kit's configured ones; later, it joins them. Process-wide. */
gboolean      oa2_crypto_pkcs11_add_module     (const char        *path,
                                                GError           **error);

/* @uri without its query (pin-value, pin-source, module-*) and without any
 * pin-* path attribute: what messages may show. */
char         *oa2_crypto_pkcs11_uri_for_display (const char       *uri);

/* For oa2-crypto-sign.c: the signature of @data with @alg, made in the
 * token, in JOSE form (ECDSA r‖s at the curve's size). */
GBytes       *oa2_crypto_token_sign            (OA2CryptoKey      *key,
                                                OA2SigAlg          alg,
                                                const guint8      *data,
                                                gsize              len,
                                                GError           **error);

/* The public key GnuTLS read from a token, checked like any other. */
OA2CryptoKey *oa2_crypto_key_new_from_gnutls_pubkey (gnutls_pubkey_t  pubkey,
                                                     GError         **error);

/* The token side of a key, owned by it (oa2-crypto-key.c frees it). */
typedef struct _OA2CryptoToken OA2CryptoToken;

void          oa2_crypto_token_free            (OA2CryptoToken    *token);
OA2CryptoToken *oa2_crypto_key_get_token       (OA2CryptoKey      *key);
/* Takes @token; @key must be a public key just built for it. */
void          oa2_crypto_key_set_token         (OA2CryptoKey      *key,
                                                OA2CryptoToken    *token);

G_END_DECLS
