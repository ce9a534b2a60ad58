/* tls-client-auth-test.c: mutual-TLS client authentication (RFC 8705):
 * the certificate reaches the server on a connection of its own, the body
 * carries client_id and nothing secret, the mTLS endpoint aliases are
 * used, and each construction error
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <glib/gstdio.h>

#include "oa2-client-mtls-private.h"
#include "oa2-crypto-x509-private.h"
#include "oa2-error.h"
#include "oa2-test-server.h"
#include "oa2-test-tls.h"
#include "oa2-test-utils.h"

#define TOKEN_JSON "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}"

typedef struct {
  OA2TestServer    *server;
  GTlsDatabase     *database;
  SoupSession      *session;
  char             *certificate_pem;
  char             *key_pem;
  GTlsCertificate  *certificate;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *pem = NULL;
  g_autoptr(GError) error = NULL;

  f->server = oa2_test_server_new_https_mtls ();
  oa2_test_server_respond (f->server, 200, "application/json", TOKEN_JSON);
  f->database = oa2_test_server_new_tls_database (f->server);
  f->session = soup_session_new_with_options ("tls-database", f->database, NULL);
  oa2_test_tls_client_pem ("oa2 test client", &f->certificate_pem, &f->key_pem);
  pem = g_strconcat (f->certificate_pem, f->key_pem, NULL);
  f->certificate = g_tls_certificate_new_from_pem (pem, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->certificate);
  g_free (f->certificate_pem);
  g_free (f->key_pem);
  g_clear_object (&f->session);
  g_clear_object (&f->database);
  oa2_test_server_free (f->server);
}

static OA2ClientAuth *
tls_auth (Fixture                *f,
          OA2TlsClientAuthMethod  method)
{
  g_autoptr(GError) error = NULL;
  OA2TlsClientAuth *auth = oa2_tls_client_auth_new ("mtls-client", method, f->certificate, &error);

  g_assert_no_error (error);
  g_assert_nonnull (auth);
  return OA2_CLIENT_AUTH (auth);
}

static OA2Client *
client_for (Fixture       *f,
            OA2ClientAuth *auth,
            const char    *path)
{
  g_autofree char *uri = oa2_test_server_uri (f->server, path);

  return g_object_new (OA2_TYPE_CLIENT, "token-endpoint", uri, "client-auth", auth,
                       "session", f->session, NULL);
}

static OA2BearerToken *
client_credentials (OA2Client  *client,
                    gboolean    async,
                    GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (!async)
    return oa2_client_client_credentials (client, NULL, NULL, NULL, NULL, NULL, error);
  oa2_client_client_credentials_async (client, NULL, NULL, NULL, NULL, NULL, oa2_test_store_result, &result);
  oa2_test_wait_result (&result);
  return oa2_client_client_credentials_finish (client, result, error);
}

/* The server saw our certificate; the body holds client_id and no
 * credential; nothing went into headers. */
static void
test_certificate_presented (Fixture       *f,
                            gconstpointer  data)
{
  gboolean async = GPOINTER_TO_INT (data);
  g_autoptr(OA2ClientAuth) auth = tls_auth (f, OA2_TLS_CLIENT_AUTH_METHOD_PKI);
  g_autoptr(OA2Client) client = client_for (f, auth, "/token");
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GTlsCertificate) seen = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autofree char *body = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *connection = NULL;
  g_autoptr(GError) error = NULL;

  token = client_credentials (client, async, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "at-1");

  seen = oa2_test_server_dup_last_peer_certificate (f->server);
  g_assert_nonnull (seen);
  g_assert_true (g_tls_certificate_is_same (seen, f->certificate));

  body = oa2_test_server_dup_last_body (f->server);
  form = soup_form_decode (body);
  g_assert_cmpuint (g_hash_table_size (form), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (form, "grant_type"), ==, "client_credentials");
  g_assert_cmpstr (g_hash_table_lookup (form, "client_id"), ==, "mtls-client");
  authorization = oa2_test_server_dup_last_header (f->server, "Authorization");
  g_assert_null (authorization);
  /* the connection ends with the response */
  connection = oa2_test_server_dup_last_header (f->server, "Connection");
  g_assert_cmpstr (connection, ==, "close");
}

/* A connection that presented the certificate is never reused by a
 * request without one, and a pooled connection without the certificate
 * is never used to present it. */
static void
test_connection_not_shared (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(OA2ClientAuth) auth = tls_auth (f, OA2_TLS_CLIENT_AUTH_METHOD_SELF_SIGNED);
  g_autoptr(OA2Client) mtls_client = client_for (f, auth, "/token");
  g_autofree char *uri = oa2_test_server_uri (f->server, "/plain");
  g_autoptr(GError) error = NULL;
  guint plain_port = 0;

  /* mTLS first, so that its connection would be the only one in the
   * pool if it were kept; then a request without the certificate, which
   * leaves a pooled connection behind for the next mTLS request to
   * (wrongly) take */
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(OA2BearerToken) token = NULL;
      g_autoptr(GTlsCertificate) seen = NULL;
      g_autoptr(GTlsCertificate) seen_plain = NULL;
      guint mtls_port;

      token = client_credentials (mtls_client, round == 1, &error);
      g_assert_no_error (error);
      seen = oa2_test_server_dup_last_peer_certificate (f->server);
      g_assert_nonnull (seen);
      g_assert_true (g_tls_certificate_is_same (seen, f->certificate));
      mtls_port = oa2_test_server_get_last_client_port (f->server);
      g_assert_cmpuint (mtls_port, !=, plain_port);

      /* an idempotent request, which libsoup sends on a pooled
       * connection when it has one */
      body = soup_session_send_and_read (f->session, msg, NULL, &error);
      g_assert_no_error (error);
      seen_plain = oa2_test_server_dup_last_peer_certificate (f->server);
      g_assert_null (seen_plain);
      plain_port = oa2_test_server_get_last_client_port (f->server);
      g_assert_cmpuint (plain_port, !=, mtls_port);
    }
}

/* RFC 8705 §5: the alias of the token endpoint, for a client that
 * presents a certificate, and only for one. */
static void
test_endpoint_alias (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(OA2ClientAuth) auth = tls_auth (f, OA2_TLS_CLIENT_AUTH_METHOD_PKI);
  g_autoptr(OA2ClientSecretPost) post = oa2_client_secret_post_new ("post-client", "s3cret");
  g_autoptr(OA2Client) client = client_for (f, auth, "/token");
  g_autoptr(OA2Client) plain_client = client_for (f, OA2_CLIENT_AUTH (post), "/token");
  g_autoptr(GHashTable) aliases = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *alias = oa2_test_server_uri (f->server, "/mtls/token");
  g_autoptr(GError) error = NULL;

  g_hash_table_insert (aliases, "token_endpoint", alias);
  g_hash_table_insert (aliases, "revocation_endpoint", "https://mtls.invalid/revoke");
  oa2_client_set_mtls_endpoint_aliases (client, aliases);
  oa2_client_set_mtls_endpoint_aliases (plain_client, aliases);

  for (guint async = 0; async < 2; async++)
    {
      g_autoptr(OA2BearerToken) token = client_credentials (client, async, &error);
      g_autoptr(OA2BearerToken) plain_token = NULL;
      g_autofree char *path = NULL;
      g_autofree char *plain_path = NULL;
      g_autoptr(GTlsCertificate) seen = NULL;

      g_assert_no_error (error);
      path = oa2_test_server_dup_last_path (f->server);
      g_assert_cmpstr (path, ==, "/mtls/token");
      seen = oa2_test_server_dup_last_peer_certificate (f->server);
      g_assert_nonnull (seen);

      plain_token = client_credentials (plain_client, async, &error);
      g_assert_no_error (error);
      plain_path = oa2_test_server_dup_last_path (f->server);
      g_assert_cmpstr (plain_path, ==, "/token");
    }
}

/* RFC 8705 §3: UserInfo with a token of a certificate-authenticated
 * client goes to the alias and presents the certificate the token is
 * bound to. */
static void
test_userinfo_alias (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(OA2ClientAuth) auth = tls_auth (f, OA2_TLS_CLIENT_AUTH_METHOD_PKI);
  g_autofree char *token_endpoint = oa2_test_server_uri (f->server, "/token");
  g_autofree char *endpoint = oa2_test_server_uri (f->server, "/userinfo");
  g_autoptr(OA2Client) client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", token_endpoint,
                                              "userinfo-endpoint", endpoint, "client-auth", auth,
                                              "session", f->session, NULL);
  g_autoptr(GHashTable) aliases = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *alias = oa2_test_server_uri (f->server, "/mtls/userinfo");
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(JsonObject) claims = NULL;
  g_autoptr(GTlsCertificate) seen = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  token = client_credentials (client, FALSE, &error);
  g_assert_no_error (error);
  g_hash_table_insert (aliases, "userinfo_endpoint", alias);
  oa2_client_set_mtls_endpoint_aliases (client, aliases);
  oa2_test_server_respond (f->server, 200, "application/json", "{\"sub\":\"alice\"}");
  claims = oa2_client_userinfo (client, token, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (claims, "sub"), ==, "alice");
  path = oa2_test_server_dup_last_path (f->server);
  g_assert_cmpstr (path, ==, "/mtls/userinfo");
  seen = oa2_test_server_dup_last_peer_certificate (f->server);
  g_assert_nonnull (seen);
  g_assert_true (g_tls_certificate_is_same (seen, f->certificate));
}

/* With a DPoP key as well (RFC 9449), the proof names the alias the
 * request went to, and the certificate is still presented. */
static void
test_alias_with_dpop (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(OA2ClientAuth) auth = tls_auth (f, OA2_TLS_CLIENT_AUTH_METHOD_PKI);
  g_autoptr(OA2Client) client = client_for (f, auth, "/token");
  g_autoptr(GHashTable) aliases = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *alias = oa2_test_server_uri (f->server, "/mtls/token");
  g_autoptr(OA2DPoPKey) key = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GTlsCertificate) seen = NULL;
  g_autoptr(OA2Jwt) proof = NULL;
  g_autofree char *proof_text = NULL;
  g_autoptr(GError) error = NULL;

  oa2_test_server_respond (f->server, 200, "application/json",
                           "{\"access_token\":\"at-1\",\"token_type\":\"DPoP\",\"expires_in\":3600}");
  g_hash_table_insert (aliases, "token_endpoint", alias);
  oa2_client_set_mtls_endpoint_aliases (client, aliases);
  key = oa2_dpop_key_generate (NULL, &error);
  g_assert_no_error (error);

  token = oa2_client_client_credentials (client, NULL, NULL, NULL, key, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (OA2_IS_DPOP_TOKEN (token));
  seen = oa2_test_server_dup_last_peer_certificate (f->server);
  g_assert_true (seen != NULL && g_tls_certificate_is_same (seen, f->certificate));
  proof_text = oa2_test_server_dup_last_header (f->server, "DPoP");
  g_assert_nonnull (proof_text);
  proof = oa2_jwt_new_from_compact (proof_text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_jwt_get_string_claim (proof, "htu"), ==, alias);
}

/* The one rule, as a pure function. */
static void
test_endpoint_rule (void)
{
  g_autoptr(GHashTable) aliases = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (aliases, "token_endpoint", "https://mtls.as.example/token");
  g_hash_table_insert (aliases, "introspection_endpoint", "");

  g_assert_cmpstr (oa2_client_mtls_endpoint (aliases, "token_endpoint", "https://as.example/token", TRUE),
                   ==, "https://mtls.as.example/token");
  g_assert_cmpstr (oa2_client_mtls_endpoint (aliases, "token_endpoint", "https://as.example/token", FALSE),
                   ==, "https://as.example/token");
  /* no alias for that endpoint, or an empty one: the ordinary URI */
  g_assert_cmpstr (oa2_client_mtls_endpoint (aliases, "revocation_endpoint", "https://as.example/revoke", TRUE),
                   ==, "https://as.example/revoke");
  g_assert_cmpstr (oa2_client_mtls_endpoint (aliases, "introspection_endpoint", "https://as.example/i", TRUE),
                   ==, "https://as.example/i");
  g_assert_cmpstr (oa2_client_mtls_endpoint (NULL, "token_endpoint", "https://as.example/token", TRUE),
                   ==, "https://as.example/token");
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_aliases_property (void)
{
  g_autoptr(OA2Client) client = oa2_client_new ("https://as.example/token", NULL);
  g_autoptr(GHashTable) aliases = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) copy = NULL;
  g_autoptr(GHashTable) from_property = NULL;
  g_autoptr(GHashTable) none = NULL;
  guint notified = 0;

  g_signal_connect (client, "notify::mtls-endpoint-aliases", G_CALLBACK (count_notify), &notified);
  none = oa2_client_dup_mtls_endpoint_aliases (client);
  g_assert_cmpuint (g_hash_table_size (none), ==, 0);
  oa2_client_set_mtls_endpoint_aliases (client, NULL);
  g_assert_cmpuint (notified, ==, 0);

  g_hash_table_insert (aliases, "token_endpoint", "https://mtls.as.example/token");
  oa2_client_set_mtls_endpoint_aliases (client, aliases);
  g_assert_cmpuint (notified, ==, 1);
  /* copied: later changes to the caller's table do not leak in */
  g_hash_table_insert (aliases, "userinfo_endpoint", "https://mtls.as.example/me");
  copy = oa2_client_dup_mtls_endpoint_aliases (client);
  g_assert_cmpuint (g_hash_table_size (copy), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (copy, "token_endpoint"), ==, "https://mtls.as.example/token");

  g_object_set (client, "mtls-endpoint-aliases", aliases, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_object_get (client, "mtls-endpoint-aliases", &from_property, NULL);
  g_assert_cmpuint (g_hash_table_size (from_property), ==, 2);

  oa2_client_set_mtls_endpoint_aliases (client, NULL);
  g_assert_cmpuint (notified, ==, 3);
}

static void
test_accessors (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(OA2ClientAuth) pki = tls_auth (f, OA2_TLS_CLIENT_AUTH_METHOD_PKI);
  g_autoptr(OA2ClientAuth) self_signed = tls_auth (f, OA2_TLS_CLIENT_AUTH_METHOD_SELF_SIGNED);
  g_autoptr(OA2PublicApp) public_app = oa2_public_app_new ("public");
  g_autoptr(GTlsCertificate) from_property = NULL;
  OA2TlsClientAuthMethod method;

  g_assert_cmpstr (oa2_client_auth_get_method_name (pki), ==, "tls_client_auth");
  g_assert_cmpstr (oa2_client_auth_get_method_name (self_signed), ==, "self_signed_tls_client_auth");
  g_assert_true (oa2_client_auth_get_tls_certificate (pki) == f->certificate);
  g_assert_true (oa2_tls_client_auth_get_certificate (OA2_TLS_CLIENT_AUTH (pki)) == f->certificate);
  g_assert_cmpint (oa2_tls_client_auth_get_method (OA2_TLS_CLIENT_AUTH (self_signed)), ==,
                   OA2_TLS_CLIENT_AUTH_METHOD_SELF_SIGNED);
  g_object_get (pki, "certificate", &from_property, "method", &method, NULL);
  g_assert_true (from_property == f->certificate);
  g_assert_cmpint (method, ==, OA2_TLS_CLIENT_AUTH_METHOD_PKI);
  /* the other methods present none */
  g_assert_null (oa2_client_auth_get_tls_certificate (OA2_CLIENT_AUTH (public_app)));
}

static char *
write_temp (const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("oa2-mtls-XXXXXX.pem", &path, &error);

  g_assert_no_error (error);
  g_close (fd, NULL);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* Each construction error, with its code, from every constructor. */
static void
test_construction_errors (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *other_key = oa2_test_tls_key_pem ();
  g_autofree char *mismatched_pem = g_strconcat (f->certificate_pem, other_key, NULL);
  g_autofree char *certificate_file = write_temp (f->certificate_pem);
  g_autofree char *key_file = write_temp (f->key_pem);
  g_autofree char *other_key_file = write_temp (other_key);
  g_autofree char *missing_file = g_build_filename (g_get_tmp_dir (), "oa2-mtls-no-such-file.pem", NULL);
  g_autoptr(GTlsCertificate) no_key = NULL;
  g_autoptr(GTlsCertificate) mismatched = NULL;
  g_autoptr(OA2TlsClientAuth) auth = NULL;
  g_autoptr(OA2TlsClientAuth) from_files = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GError) error = NULL;

  /* a certificate without its private key */
  no_key = g_tls_certificate_new_from_pem (f->certificate_pem, -1, &error);
  g_assert_no_error (error);
  auth = oa2_tls_client_auth_new ("c", OA2_TLS_CLIENT_AUTH_METHOD_PKI, no_key, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY);
  g_assert_null (auth);
  g_clear_error (&error);
  auth = oa2_tls_client_auth_new_from_pem ("c", OA2_TLS_CLIENT_AUTH_METHOD_PKI, f->certificate_pem, -1, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY);
  g_assert_null (auth);
  g_clear_error (&error);
  auth = oa2_tls_client_auth_new_from_files ("c", OA2_TLS_CLIENT_AUTH_METHOD_PKI, certificate_file, NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY);
  g_assert_null (auth);
  g_clear_error (&error);

  /* a private key of another certificate */
  mismatched = g_tls_certificate_new_from_pem (mismatched_pem, -1, &error);
  g_assert_no_error (error);
  auth = oa2_tls_client_auth_new ("c", OA2_TLS_CLIENT_AUTH_METHOD_SELF_SIGNED, mismatched, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  g_assert_null (auth);
  g_clear_error (&error);
  auth = oa2_tls_client_auth_new_from_files ("c", OA2_TLS_CLIENT_AUTH_METHOD_PKI, certificate_file,
                                             other_key_file, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  g_assert_null (auth);
  g_clear_error (&error);

  /* files that cannot be read keep their own error */
  auth = oa2_tls_client_auth_new_from_files ("c", OA2_TLS_CLIENT_AUTH_METHOD_PKI, missing_file, key_file, &error);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_null (auth);
  g_clear_error (&error);
  auth = oa2_tls_client_auth_new_from_files ("c", OA2_TLS_CLIENT_AUTH_METHOD_PKI, certificate_file, missing_file,
                                             &error);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_null (auth);
  g_clear_error (&error);
  /* PEM without a certificate */
  auth = oa2_tls_client_auth_new_from_pem ("c", OA2_TLS_CLIENT_AUTH_METHOD_PKI, f->key_pem, -1, &error);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_assert_null (auth);
  g_clear_error (&error);

  /* the good files */
  from_files = oa2_tls_client_auth_new_from_files ("c", OA2_TLS_CLIENT_AUTH_METHOD_PKI, certificate_file, key_file,
                                                   &error);
  g_assert_no_error (error);
  g_assert_true (g_tls_certificate_is_same (oa2_tls_client_auth_get_certificate (from_files), f->certificate));

  /* built with properties, as bindings do: the error comes from init()
   * and from every request, and no certificate is presented */
  auth = g_object_new (OA2_TYPE_TLS_CLIENT_AUTH, "client-id", "c", NULL);
  g_assert_false (g_initable_init (G_INITABLE (auth), NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  params = oa2_client_auth_authenticate (OA2_CLIENT_AUTH (auth), "POST", "https://as.example/token", headers,
                                         &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_assert_null (params);
  g_clear_error (&error);
  g_assert_null (oa2_client_auth_get_tls_certificate (OA2_CLIENT_AUTH (auth)));
  g_clear_object (&auth);

  auth = g_object_new (OA2_TYPE_TLS_CLIENT_AUTH, "client-id", "c", "certificate", no_key, NULL);
  g_assert_false (g_initable_init (G_INITABLE (auth), NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY);
  g_clear_error (&error);

  g_unlink (certificate_file);
  g_unlink (key_file);
  g_unlink (other_key_file);
}

/* The private check under construction: DER that GnuTLS cannot read is
 * OA2_ERROR_INVALID_KEY, a key of another certificate KEY_MISMATCH. */
static void
test_key_match_check (Fixture       *f,
                      gconstpointer  data)
{
  static const guint8 garbage[] = { 0x30, 0x03, 0x02, 0x01, 0x00 };
  g_autofree char *other_pem = oa2_test_tls_key_pem ();
  g_autofree char *other_chain = g_strconcat (f->certificate_pem, other_pem, NULL);
  g_autoptr(GTlsCertificate) other = NULL;
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GByteArray) key = NULL;
  g_autoptr(GByteArray) other_key = NULL;
  g_autoptr(GError) error = NULL;

  other = g_tls_certificate_new_from_pem (other_chain, -1, &error);
  g_assert_no_error (error);
  g_object_get (f->certificate, "certificate", &der, "private-key", &key, NULL);
  g_object_get (other, "private-key", &other_key, NULL);

  g_assert_true (oa2_crypto_x509_key_matches (der->data, der->len, key->data, key->len, &error));
  g_assert_no_error (error);
  g_assert_false (oa2_crypto_x509_key_matches (der->data, der->len, other_key->data, other_key->len, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  g_clear_error (&error);
  g_assert_false (oa2_crypto_x509_key_matches (garbage, sizeof garbage, key->data, key->len, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY);
  g_clear_error (&error);
  g_assert_false (oa2_crypto_x509_key_matches (der->data, der->len, garbage, sizeof garbage, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY);
}

/* A client certificate goes only over https. */
static void
test_plain_http_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(OA2TestServer) plain = oa2_test_server_new ();
  g_autofree char *uri = oa2_test_server_uri (plain, "/token");
  g_autoptr(OA2ClientAuth) auth = tls_auth (f, OA2_TLS_CLIENT_AUTH_METHOD_PKI);
  g_autoptr(OA2Client) client = oa2_client_new (uri, auth);

  for (guint async = 0; async < 2; async++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2BearerToken) token = client_credentials (client, async, &error);

      g_assert_error (error, OA2_ERROR, OA2_ERROR_INSECURE_TRANSPORT);
      g_assert_null (token);
    }
  g_assert_cmpuint (oa2_test_server_get_hits (plain), ==, 0);
}

int
main (int argc, char **argv)
{
  oa2_test_init (&argc, &argv);

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("no TLS backend");
      return g_test_run ();
    }

  g_test_add ("/tls-client-auth/accessors", Fixture, NULL, fixture_setup, test_accessors, fixture_teardown);
  g_test_add ("/tls-client-auth/key-match-check", Fixture, NULL, fixture_setup, test_key_match_check,
              fixture_teardown);
  g_test_add ("/tls-client-auth/construction-errors", Fixture, NULL, fixture_setup, test_construction_errors,
              fixture_teardown);
  g_test_add ("/tls-client-auth/certificate-presented/sync", Fixture, GINT_TO_POINTER (FALSE), fixture_setup,
              test_certificate_presented, fixture_teardown);
  g_test_add ("/tls-client-auth/certificate-presented/async", Fixture, GINT_TO_POINTER (TRUE), fixture_setup,
              test_certificate_presented, fixture_teardown);
  g_test_add ("/tls-client-auth/connection-not-shared", Fixture, NULL, fixture_setup, test_connection_not_shared,
              fixture_teardown);
  g_test_add ("/tls-client-auth/endpoint-alias", Fixture, NULL, fixture_setup, test_endpoint_alias,
              fixture_teardown);
  g_test_add ("/tls-client-auth/endpoint-alias/dpop", Fixture, NULL, fixture_setup, test_alias_with_dpop,
              fixture_teardown);
  g_test_add ("/tls-client-auth/plain-http-refused", Fixture, NULL, fixture_setup, test_plain_http_refused,
              fixture_teardown);
  g_test_add ("/tls-client-auth/userinfo-alias", Fixture, NULL, fixture_setup, test_userinfo_alias,
              fixture_teardown);
  g_test_add_func ("/tls-client-auth/endpoint-rule", test_endpoint_rule);
  g_test_add_func ("/tls-client-auth/aliases-property", test_aliases_property);
  return g_test_run ();
}
