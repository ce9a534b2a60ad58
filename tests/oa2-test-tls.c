/* oa2-test-tls.c: a test CA and a server certificate, made at test time
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Made afresh by every test run, so that no checked-in certificate can
 * expire; ECDSA P-256 keys, because they are generated in a moment.
 */

#include "oa2-test-tls.h"

#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#define CHECK(call) g_assert_cmpint ((call), ==, GNUTLS_E_SUCCESS)

static gnutls_x509_privkey_t
new_key (void)
{
  gnutls_x509_privkey_t key;

  CHECK (gnutls_x509_privkey_init (&key));
  CHECK (gnutls_x509_privkey_generate (key, GNUTLS_PK_ECDSA,
                                       GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0));
  return key;
}

/* A certificate for @key, valid from an hour ago for a day. */
static gnutls_x509_crt_t
new_certificate (gnutls_x509_privkey_t  key,
                 const char            *common_name,
                 guint8                 serial)
{
  gnutls_x509_crt_t crt;
  time_t now = time (NULL);
  guint8 key_id[64];
  size_t key_id_size = sizeof key_id;

  CHECK (gnutls_x509_crt_init (&crt));
  CHECK (gnutls_x509_crt_set_version (crt, 3));
  CHECK (gnutls_x509_crt_set_serial (crt, &serial, 1));
  CHECK (gnutls_x509_crt_set_activation_time (crt, now - 3600));
  CHECK (gnutls_x509_crt_set_expiration_time (crt, now + 24 * 3600));
  CHECK (gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0, common_name, strlen (common_name)));
  CHECK (gnutls_x509_crt_set_key (crt, key));
  CHECK (gnutls_x509_crt_get_key_id (crt, 0, key_id, &key_id_size));
  CHECK (gnutls_x509_crt_set_subject_key_id (crt, key_id, key_id_size));
  return crt;
}

static char *
export_certificate (gnutls_x509_crt_t crt)
{
  gnutls_datum_t pem = { NULL, 0 };
  char *text;

  CHECK (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &pem));
  text = g_strndup ((const char *) pem.data, pem.size);
  gnutls_free (pem.data);
  return text;
}

static char *
export_key (gnutls_x509_privkey_t key)
{
  gnutls_datum_t pem = { NULL, 0 };
  char *text;

  CHECK (gnutls_x509_privkey_export2_pkcs8 (key, GNUTLS_X509_FMT_PEM, NULL, GNUTLS_PKCS_PLAIN, &pem));
  text = g_strndup ((const char *) pem.data, pem.size);
  gnutls_free (pem.data);
  return text;
}

/* Returns the certificate, with its private key, of a server on
 * 127.0.0.1, ::1 and localhost, issued by a new CA. The CA's certificate
 * goes to a new file, named in @ca_file, for g_tls_file_database_new():
 * GIO reads trust anchors only from files, and reads them again later, so
 * the caller deletes the file when it no longer needs the database. */
GTlsCertificate *
oa2_test_tls_certificate_new (char **ca_file)
{
  static const guint8 ipv4_loopback[4] = { 127, 0, 0, 1 };
  static const guint8 ipv6_loopback[16] = { [15] = 1 };
  gnutls_x509_privkey_t ca_key = new_key ();
  gnutls_x509_privkey_t server_key = new_key ();
  gnutls_x509_crt_t ca = new_certificate (ca_key, "oauth2client-glib test CA", 1);
  gnutls_x509_crt_t server = new_certificate (server_key, "localhost", 2);
  guint8 ca_key_id[64];
  size_t ca_key_id_size = sizeof ca_key_id;
  g_autofree char *ca_pem = NULL;
  g_autofree char *server_pem = NULL;
  g_autofree char *server_key_pem = NULL;
  g_autofree char *chain_pem = NULL;
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate;
  int fd;

  CHECK (gnutls_x509_crt_set_basic_constraints (ca, 1, 0));
  CHECK (gnutls_x509_crt_set_key_usage (ca, GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN));
  CHECK (gnutls_x509_crt_sign2 (ca, ca, ca_key, GNUTLS_DIG_SHA256, 0));

  CHECK (gnutls_x509_crt_set_basic_constraints (server, 0, -1));
  CHECK (gnutls_x509_crt_set_key_usage (server, GNUTLS_KEY_DIGITAL_SIGNATURE));
  CHECK (gnutls_x509_crt_set_key_purpose_oid (server, GNUTLS_KP_TLS_WWW_SERVER, 0));
  CHECK (gnutls_x509_crt_set_subject_alt_name (server, GNUTLS_SAN_DNSNAME, "localhost", strlen ("localhost"),
                                               GNUTLS_FSAN_APPEND));
  CHECK (gnutls_x509_crt_set_subject_alt_name (server, GNUTLS_SAN_IPADDRESS, ipv4_loopback,
                                               sizeof ipv4_loopback, GNUTLS_FSAN_APPEND));
  CHECK (gnutls_x509_crt_set_subject_alt_name (server, GNUTLS_SAN_IPADDRESS, ipv6_loopback,
                                               sizeof ipv6_loopback, GNUTLS_FSAN_APPEND));
  CHECK (gnutls_x509_crt_get_subject_key_id (ca, ca_key_id, &ca_key_id_size, NULL));
  CHECK (gnutls_x509_crt_set_authority_key_id (server, ca_key_id, ca_key_id_size));
  CHECK (gnutls_x509_crt_sign2 (server, ca, ca_key, GNUTLS_DIG_SHA256, 0));

  ca_pem = export_certificate (ca);
  fd = g_file_open_tmp ("oa2-test-ca-XXXXXX.pem", ca_file, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);
  g_file_set_contents (*ca_file, ca_pem, -1, &error);
  g_assert_no_error (error);

  server_pem = export_certificate (server);
  server_key_pem = export_key (server_key);
  chain_pem = g_strconcat (server_pem, server_key_pem, NULL);
  certificate = g_tls_certificate_new_from_pem (chain_pem, -1, &error);
  g_assert_no_error (error);

  gnutls_x509_crt_deinit (server);
  gnutls_x509_crt_deinit (ca);
  gnutls_x509_privkey_deinit (server_key);
  gnutls_x509_privkey_deinit (ca_key);
  return certificate;
}

/* A self-signed client certificate (RFC 8705 §2.2) for @common_name and
 * its private key, each as PEM. */
void
oa2_test_tls_client_pem (const char  *common_name,
                         char       **certificate_pem,
                         char       **key_pem)
{
  static guint8 serial = 10;
  gnutls_x509_privkey_t key = new_key ();
  gnutls_x509_crt_t crt = new_certificate (key, common_name, serial++);

  CHECK (gnutls_x509_crt_set_basic_constraints (crt, 0, -1));
  CHECK (gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_DIGITAL_SIGNATURE));
  CHECK (gnutls_x509_crt_set_key_purpose_oid (crt, GNUTLS_KP_TLS_WWW_CLIENT, 0));
  CHECK (gnutls_x509_crt_sign2 (crt, crt, key, GNUTLS_DIG_SHA256, 0));

  *certificate_pem = export_certificate (crt);
  *key_pem = export_key (key);
  gnutls_x509_crt_deinit (crt);
  gnutls_x509_privkey_deinit (key);
}

/* A new private key of no certificate, as PEM. */
char *
oa2_test_tls_key_pem (void)
{
  gnutls_x509_privkey_t key = new_key ();
  char *pem = export_key (key);

  gnutls_x509_privkey_deinit (key);
  return pem;
}

static void
write_pem (const char *dir,
           const char *name,
           char       *pem)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, pem, -1, &error);
  g_assert_no_error (error);
  g_free (pem);
}

/* The certificates of a mutual-TLS test against a server run elsewhere
 * (the interop provider), as PEM files in @dir: ca.pem, the CA that
 * issued server.pem (127.0.0.1, key server-key.pem) and pki-client.pem
 * (CN=oa2-mtls-pki, key pki-client-key.pem); and self-signed.pem
 * (CN=oa2-mtls-self-signed, key self-signed-key.pem). */
void
oa2_test_tls_write_mtls_dir (const char *dir)
{
  static const guint8 ipv4_loopback[4] = { 127, 0, 0, 1 };
  gnutls_x509_privkey_t ca_key = new_key ();
  gnutls_x509_privkey_t server_key = new_key ();
  gnutls_x509_privkey_t client_key = new_key ();
  gnutls_x509_crt_t ca = new_certificate (ca_key, "oauth2client-glib mTLS test CA", 1);
  gnutls_x509_crt_t server = new_certificate (server_key, "127.0.0.1", 2);
  gnutls_x509_crt_t client = new_certificate (client_key, "oa2-mtls-pki", 3);
  char *self_signed_pem = NULL;
  char *self_signed_key_pem = NULL;

  CHECK (gnutls_x509_crt_set_basic_constraints (ca, 1, 0));
  CHECK (gnutls_x509_crt_set_key_usage (ca, GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN));
  CHECK (gnutls_x509_crt_sign2 (ca, ca, ca_key, GNUTLS_DIG_SHA256, 0));

  CHECK (gnutls_x509_crt_set_basic_constraints (server, 0, -1));
  CHECK (gnutls_x509_crt_set_key_usage (server, GNUTLS_KEY_DIGITAL_SIGNATURE));
  CHECK (gnutls_x509_crt_set_key_purpose_oid (server, GNUTLS_KP_TLS_WWW_SERVER, 0));
  CHECK (gnutls_x509_crt_set_subject_alt_name (server, GNUTLS_SAN_IPADDRESS, ipv4_loopback,
                                               sizeof ipv4_loopback, GNUTLS_FSAN_APPEND));
  CHECK (gnutls_x509_crt_sign2 (server, ca, ca_key, GNUTLS_DIG_SHA256, 0));

  CHECK (gnutls_x509_crt_set_basic_constraints (client, 0, -1));
  CHECK (gnutls_x509_crt_set_key_usage (client, GNUTLS_KEY_DIGITAL_SIGNATURE));
  CHECK (gnutls_x509_crt_set_key_purpose_oid (client, GNUTLS_KP_TLS_WWW_CLIENT, 0));
  CHECK (gnutls_x509_crt_sign2 (client, ca, ca_key, GNUTLS_DIG_SHA256, 0));

  write_pem (dir, "ca.pem", export_certificate (ca));
  write_pem (dir, "server.pem", export_certificate (server));
  write_pem (dir, "server-key.pem", export_key (server_key));
  write_pem (dir, "pki-client.pem", export_certificate (client));
  write_pem (dir, "pki-client-key.pem", export_key (client_key));
  oa2_test_tls_client_pem ("oa2-mtls-self-signed", &self_signed_pem, &self_signed_key_pem);
  write_pem (dir, "self-signed.pem", self_signed_pem);
  write_pem (dir, "self-signed-key.pem", self_signed_key_pem);

  gnutls_x509_crt_deinit (client);
  gnutls_x509_crt_deinit (server);
  gnutls_x509_crt_deinit (ca);
  gnutls_x509_privkey_deinit (client_key);
  gnutls_x509_privkey_deinit (server_key);
  gnutls_x509_privkey_deinit (ca_key);
}
