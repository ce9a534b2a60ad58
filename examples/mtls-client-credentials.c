/* mtls-client-credentials.c: authenticate with a client certificate
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The client credentials grant (RFC 6749 §4.4) with mutual-TLS client
 * authentication (RFC 8705): the client proves who it is in the TLS
 * handshake with its certificate and private key, and sends only its
 * client_id. The server usually binds the token to the certificate; the
 * example prints the certificate's thumbprint (x5t#S256), which is what
 * the token's "cnf" claim then holds. The token itself is never printed.
 *
 *   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
 *   export OA2_EXAMPLE_MTLS_TOKEN_ENDPOINT=https://mtls.as.example.com/token   # if the server has one
 *   export OA2_EXAMPLE_CLIENT_ID=my-client
 *   export OA2_EXAMPLE_TLS_METHOD=self_signed_tls_client_auth   # default: tls_client_auth
 *   export OA2_EXAMPLE_CA_FILE=ca.pem                            # to trust a CA of your own
 *   ./mtls-client-credentials client.pem client-key.pem
 */

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <oauth2client-glib/oauth2client-glib.h>

static int
fail (const GError *error)
{
  g_printerr ("mtls-client-credentials: %s\n  (error domain %s, code %d)\n",
              error->message, g_quark_to_string (error->domain), error->code);
  return EXIT_FAILURE;
}

/* RFC 8705 §3.1: base64url of the SHA-256 of the DER certificate. */
static char *
thumbprint (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  char *text;

  g_object_get (certificate, "certificate", &der, NULL);
  g_checksum_update (checksum, der->data, der->len);
  g_checksum_get_digest (checksum, digest, &len);
  text = g_base64_encode (digest, len);
  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  text[strcspn (text, "=")] = '\0';
  return text;
}

int
main (int    argc,
      char **argv)
{
  const char *endpoint = g_getenv ("OA2_EXAMPLE_TOKEN_ENDPOINT");
  const char *mtls_endpoint = g_getenv ("OA2_EXAMPLE_MTLS_TOKEN_ENDPOINT");
  const char *client_id = g_getenv ("OA2_EXAMPLE_CLIENT_ID");
  const char *method_name = g_getenv ("OA2_EXAMPLE_TLS_METHOD");
  const char *ca_file = g_getenv ("OA2_EXAMPLE_CA_FILE");
  OA2TlsClientAuthMethod method = OA2_TLS_CLIENT_AUTH_METHOD_PKI;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2TlsClientAuth) auth = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *x5t = NULL;

  setlocale (LC_ALL, "");
  g_log_writer_default_set_use_stderr (TRUE);

  if (argc < 2 || argc > 3 || endpoint == NULL || client_id == NULL)
    {
      g_printerr ("usage: mtls-client-credentials CERT-FILE [KEY-FILE], with OA2_EXAMPLE_TOKEN_ENDPOINT and "
                  "OA2_EXAMPLE_CLIENT_ID set\n");
      return 2;
    }
  if (g_strcmp0 (method_name, "self_signed_tls_client_auth") == 0)
    method = OA2_TLS_CLIENT_AUTH_METHOD_SELF_SIGNED;

  /* A certificate without its private key, or with another one, fails
   * here, before any request. Without KEY-FILE, the certificate file holds
   * the key too. */
  auth = oa2_tls_client_auth_new_from_files (client_id, method, argv[1], argc == 3 ? argv[2] : NULL, &error);
  if (auth == NULL)
    return fail (error);

  if (ca_file != NULL)
    {
      g_autoptr(GTlsDatabase) database = g_tls_file_database_new (ca_file, &error);

      if (database == NULL)
        return fail (error);
      session = soup_session_new_with_options ("tls-database", database, NULL);
    }
  client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", endpoint, "client-auth", auth,
                         "session", session, NULL);
  /* The server's mtls_endpoint_aliases (RFC 8705 §5): requests that
   * present the certificate go there. */
  if (mtls_endpoint != NULL)
    {
      g_autoptr(GHashTable) aliases = g_hash_table_new (g_str_hash, g_str_equal);

      g_hash_table_insert (aliases, "token_endpoint", (char *) mtls_endpoint);
      oa2_client_set_mtls_endpoint_aliases (client, aliases);
    }

  token = oa2_client_client_credentials (client, g_getenv ("OA2_EXAMPLE_SCOPE"), NULL, NULL, NULL, NULL, &error);
  if (token == NULL)
    return fail (error);

  subject = g_tls_certificate_get_subject_name (oa2_tls_client_auth_get_certificate (auth));
  x5t = thumbprint (oa2_tls_client_auth_get_certificate (auth));
  g_print ("authentication: %s\n", oa2_client_auth_get_method_name (OA2_CLIENT_AUTH (auth)));
  g_print ("certificate:    %s\n", subject);
  g_print ("x5t#S256:       %s\n", x5t);
  g_print ("token type:     %s\n", oa2_bearer_token_get_token_type (token));
  g_print ("scope:          %s\n", oa2_bearer_token_get_scope (token) != NULL ? oa2_bearer_token_get_scope (token)
                                                                              : "(as requested)");
  return EXIT_SUCCESS;
}
