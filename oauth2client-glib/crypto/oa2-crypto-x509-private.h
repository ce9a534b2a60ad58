/* oa2-crypto-x509-private.h: checks on X.509 client certificates
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @key_der (PKCS#8 or PKCS#1 DER, as GTlsCertificate:private-key
 * gives it) is the private half of the public key in @certificate_der:
 * TRUE, FALSE with OA2_ERROR_KEY_MISMATCH, or FALSE with
 * OA2_ERROR_INVALID_KEY when either cannot be read. Any key type GnuTLS
 * reads works, not only those the JOSE layer signs with. */
gboolean oa2_crypto_x509_key_matches (const guint8  *certificate_der,
                                      gsize          certificate_len,
                                      const guint8  *key_der,
                                      gsize          key_len,
                                      GError       **error);

G_END_DECLS
