/* oa2-crypto-x509.c: checks on X.509 client certificates
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "oa2-crypto-private.h"
#include "oa2-crypto-x509-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"

/* The SHA-256 key identifier of a SubjectPublicKeyInfo: equal exactly
 * when the public keys are. */
#define KEY_ID_SIZE 32

gboolean
oa2_crypto_x509_key_matches (const guint8  *certificate_der,
                             gsize          certificate_len,
                             const guint8  *key_der,
                             gsize          key_len,
                             GError       **error)
{
  gnutls_x509_crt_t certificate = NULL;
  gnutls_x509_privkey_t key = NULL;
  gnutls_datum_t datum;
  guint8 certificate_id[KEY_ID_SIZE], key_id[KEY_ID_SIZE];
  size_t certificate_id_size = sizeof certificate_id, key_id_size = sizeof key_id;
  gboolean matches = FALSE;
  int ret;

  if (gnutls_x509_crt_init (&certificate) < 0 || gnutls_x509_privkey_init (&key) < 0)
    goto out;

  datum.data = (unsigned char *) certificate_der;
  datum.size = certificate_len;
  ret = gnutls_x509_crt_import (certificate, &datum, GNUTLS_X509_FMT_DER);
  if (ret >= 0)
    ret = gnutls_x509_crt_get_key_id (certificate, GNUTLS_KEYID_USE_SHA256, certificate_id, &certificate_id_size);
  if (ret < 0)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                   /* Translators: %s is GnuTLS's explanation */
                   _("Cannot read the client certificate: %s"), gnutls_strerror (ret));
      goto out;
    }

  datum.data = (unsigned char *) key_der;
  datum.size = key_len;
  ret = gnutls_x509_privkey_import2 (key, &datum, GNUTLS_X509_FMT_DER, NULL, GNUTLS_PKCS_PLAIN);
  if (ret >= 0)
    ret = gnutls_x509_privkey_get_key_id (key, GNUTLS_KEYID_USE_SHA256, key_id, &key_id_size);
  if (ret < 0)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                   /* Translators: %s is GnuTLS's explanation */
                   _("Cannot read the private key of the client certificate: %s"), gnutls_strerror (ret));
      goto out;
    }

  matches = certificate_id_size == key_id_size &&
            oa2_crypto_equal (certificate_id, key_id, key_id_size);
  if (!matches)
    g_set_error_literal (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH,
                         _("The private key does not belong to the client certificate"));

out:
  if (key != NULL)
    gnutls_x509_privkey_deinit (key);
  if (certificate != NULL)
    gnutls_x509_crt_deinit (certificate);
  return matches;
}
