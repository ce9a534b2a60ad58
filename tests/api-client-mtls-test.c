/* api-client-mtls-test.c: OA2ApiClient and certificate-bound tokens
 * (RFC 8705 §3) against an in-process https server that asks every client
 * for a certificate: the certificate of a tls_client_auth client goes with
 * every API request by default (the renewal's retry included), a
 * certificate set on the API client replaces it, NULL presents none, a
 * plain http base URL with a certificate is refused, children inherit it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <glib/gstdio.h>
#include <unistd.h>

#include "oa2-test-server.h"
#include "oa2-test-tls.h"
#include "oa2-test-utils.h"

#define TOKEN_1 "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}"
#define TOKEN_2 "{\"access_token\":\"at-2\",\"token_type\":\"Bearer\",\"expires_in\":3600}"

typedef struct {
  OA2TestServer    *server;    /* the token endpoint at /token, the API under /api/ */
  GTlsDatabase     *database;
  SoupSession      *session;
  GTlsCertificate  *certificate;
  GTlsCertificate  *other;
} Fixture;

static GTlsCertificate *
certificate_new (const char *common_name)
{
  g_autofree char *certificate_pem = NULL;
  g_autofree char *key_pem = NULL;
  g_autofree char *pem = NULL;
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate;

  oa2_test_tls_client_pem (common_name, &certificate_pem, &key_pem);
  pem = g_strconcat (certificate_pem, key_pem, NULL);
  certificate = g_tls_certificate_new_from_pem (pem, -1, &error);
  g_assert_no_error (error);
  return certificate;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = oa2_test_server_new_https_mtls ();
  f->database = oa2_test_server_new_tls_database (f->server);
  f->session = soup_session_new_with_options ("tls-database", f->database, NULL);
  f->certificate = certificate_new ("oa2 test client");
  f->other = certificate_new ("oa2 other client");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->certificate);
  g_clear_object (&f->other);
  g_clear_object (&f->session);
  g_clear_object (&f->database);
  oa2_test_server_free (f->server);
}

/* A client that authenticates with @f's certificate. */
static OA2Client *
mtls_client (Fixture *f)
{
  g_autofree char *uri = oa2_test_server_uri (f->server, "/token");
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2TlsClientAuth) auth = oa2_tls_client_auth_new ("mtls-client", OA2_TLS_CLIENT_AUTH_METHOD_PKI,
                                                              f->certificate, &error);

  g_assert_no_error (error);
  return g_object_new (OA2_TYPE_CLIENT, "token-endpoint", uri, "client-auth", auth, "session", f->session, NULL);
}

static OA2ApiClient *
api_for (Fixture *f,
         OA2Auth *auth)
{
  g_autofree char *base = oa2_test_server_uri (f->server, "/api/");
  g_autoptr(GError) error = NULL;
  OA2ApiClient *api = oa2_api_client_new_with_session (base, auth, f->session, &error);

  g_assert_no_error (error);
  return api;
}

static OA2ApiResponse *
get (OA2ApiClient  *api,
     const char    *path,
     gboolean       async,
     GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (!async)
    return oa2_api_client_get (api, path, NULL, NULL, error);
  oa2_api_client_get_async (api, path, NULL, NULL, oa2_test_store_result, &result);
  return oa2_api_client_get_finish (api, oa2_test_wait_result (&result), error);
}

static void
assert_presented (Fixture         *f,
                  guint            index,
                  GTlsCertificate *expected)
{
  g_autoptr(GTlsCertificate) seen = oa2_test_server_dup_peer_certificate (f->server, index);

  if (expected == NULL)
    g_assert_null (seen);
  else
    g_assert_true (seen != NULL && g_tls_certificate_is_same (seen, expected));
}

/* The default: the client's certificate goes to the token endpoint and
 * with every API request, the one after the renewal that a refused token
 * causes too, each on a connection closed after it. */
static void
test_default_from_client_auth (Fixture       *f,
                               gconstpointer  data)
{
  gboolean async = GPOINTER_TO_INT (data);
  g_autoptr(OA2Client) client = mtls_client (f);
  g_autoptr(OA2ClientCredentialsAuth) auth = oa2_client_credentials_auth_new (client, NULL);
  g_autoptr(OA2ApiClient) api = api_for (f, OA2_AUTH (auth));
  g_autoptr(GTlsCertificate) configured = oa2_api_client_dup_tls_client_certificate (api);
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *connection = NULL;
  g_autofree char *path = NULL;

  g_assert_true (configured == f->certificate);

  oa2_test_server_queue_response (f->server, 200, "application/json", TOKEN_1, NULL, NULL);
  oa2_test_server_queue_response (f->server, 401, "application/json", "{}", "WWW-Authenticate",
                                  "Bearer error=\"invalid_token\"");
  oa2_test_server_queue_response (f->server, 200, "application/json", TOKEN_2, NULL, NULL);
  oa2_test_server_respond (f->server, 200, "application/json", "{\"ok\":true}");

  response = get (api, "things", async, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 200);
  /* token, API (refused), token, API */
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 4);
  for (guint i = 0; i < 4; i++)
    assert_presented (f, i, f->certificate);
  path = oa2_test_server_dup_last_path (f->server);
  g_assert_cmpstr (path, ==, "/api/things");
  authorization = oa2_test_server_dup_last_header (f->server, "Authorization");
  g_assert_cmpstr (authorization, ==, "Bearer at-2");
  connection = oa2_test_server_dup_last_header (f->server, "Connection");
  g_assert_cmpstr (connection, ==, "close");

  /* the next request, with the token it has */
  g_clear_object (&response);
  response = get (api, "more", async, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 5);
  assert_presented (f, 4, f->certificate);
}

/* A certificate set on the API client replaces the client's; NULL
 * presents none, to the API only: the token endpoint still gets the
 * client's. */
static void
test_explicit (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(OA2Client) client = mtls_client (f);
  g_autoptr(OA2ClientCredentialsAuth) auth = oa2_client_credentials_auth_new (client, NULL);
  g_autoptr(OA2ApiClient) api = api_for (f, OA2_AUTH (auth));
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  oa2_test_server_queue_response (f->server, 200, "application/json", TOKEN_1, NULL, NULL);
  oa2_api_client_set_tls_client_certificate (api, NULL);
  response = get (api, "none", FALSE, &error);
  g_assert_no_error (error);
  assert_presented (f, 0, f->certificate);
  assert_presented (f, 1, NULL);

  oa2_api_client_set_tls_client_certificate (api, f->other);
  g_clear_object (&response);
  response = get (api, "other", TRUE, &error);
  g_assert_no_error (error);
  assert_presented (f, 2, f->other);
}

/* Without an auth handler nothing is presented unless told; told, the
 * certificate is. Set as a property at construction, NULL too, the value
 * given wins over the default. */
static void
test_without_client (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(OA2ApiClient) api = api_for (f, NULL);
  g_autoptr(OA2ApiClient) constructed = NULL;
  g_autoptr(OA2Client) client = mtls_client (f);
  g_autoptr(OA2ClientCredentialsAuth) mtls_auth = oa2_client_credentials_auth_new (client, NULL);
  g_autoptr(GTlsCertificate) none = NULL;
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = oa2_test_server_uri (f->server, "/api/");

  none = oa2_api_client_dup_tls_client_certificate (api);
  g_assert_null (none);
  response = get (api, "a", FALSE, &error);
  g_assert_no_error (error);
  assert_presented (f, 0, NULL);

  oa2_api_client_set_tls_client_certificate (api, f->certificate);
  g_clear_object (&response);
  response = get (api, "b", FALSE, &error);
  g_assert_no_error (error);
  assert_presented (f, 1, f->certificate);

  g_object_set (api, "tls-client-certificate", f->other, NULL);
  g_clear_object (&response);
  response = get (api, "c", TRUE, &error);
  g_assert_no_error (error);
  assert_presented (f, 2, f->other);

  constructed = g_object_new (OA2_TYPE_API_CLIENT, "base-url", base, "auth", mtls_auth, "session", f->session,
                              "tls-client-certificate", NULL, NULL);
  none = oa2_api_client_dup_tls_client_certificate (constructed);
  g_assert_null (none);
  g_clear_object (&constructed);
  constructed = g_object_new (OA2_TYPE_API_CLIENT, "base-url", base, "auth", mtls_auth, "session", f->session,
                              "tls-client-certificate", f->other, NULL);
  none = oa2_api_client_dup_tls_client_certificate (constructed);
  g_assert_true (none == f->other);
  g_clear_object (&none);
}

/* A certificate goes over https only: with a plain http base URL the
 * request fails and nothing reaches the API. */
static void
test_plain_http_refused (Fixture       *f,
                         gconstpointer  data)
{
  gboolean async = GPOINTER_TO_INT (data);
  g_autoptr(OA2TestServer) plain = oa2_test_server_new ();
  g_autofree char *base = oa2_test_server_uri (plain, "/api/");
  g_autoptr(OA2ApiClient) api = NULL;
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  api = oa2_api_client_new (base, NULL, &error);
  g_assert_no_error (error);
  oa2_api_client_set_tls_client_certificate (api, f->certificate);
  response = get (api, "things", async, &error);
  g_assert_null (response);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INSECURE_TRANSPORT);
  g_assert_nonnull (strstr (error->message, "https"));
  g_assert_cmpuint (oa2_test_server_get_hits (plain), ==, 0);

  /* without the certificate it goes */
  g_clear_error (&error);
  oa2_api_client_set_tls_client_certificate (api, NULL);
  response = get (api, "things", async, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_test_server_get_hits (plain), ==, 1);
}

/* A child has the certificate its parent had when it was made, NULL
 * included; what is set on either afterwards stays its own. */
static void
test_child_inherits (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(OA2Client) client = mtls_client (f);
  g_autoptr(OA2ClientCredentialsAuth) auth = oa2_client_credentials_auth_new (client, NULL);
  g_autoptr(OA2ApiClient) api = api_for (f, OA2_AUTH (auth));
  g_autoptr(OA2ApiClient) child = NULL;
  g_autoptr(OA2ApiClient) bare_child = NULL;
  g_autoptr(GTlsCertificate) seen = NULL;
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  oa2_api_client_set_tls_client_certificate (api, f->other);
  child = oa2_api_client_new_child (api, "v2", &error);
  g_assert_no_error (error);
  seen = oa2_api_client_dup_tls_client_certificate (child);
  g_assert_true (seen == f->other);
  g_clear_object (&seen);

  oa2_test_server_queue_response (f->server, 200, "application/json", TOKEN_1, NULL, NULL);
  response = get (child, "things", FALSE, &error);
  g_assert_no_error (error);
  path = oa2_test_server_dup_last_path (f->server);
  g_assert_cmpstr (path, ==, "/api/v2/things");
  assert_presented (f, 0, f->certificate);  /* the token endpoint: the client's */
  assert_presented (f, 1, f->other);

  oa2_api_client_set_tls_client_certificate (api, NULL);
  seen = oa2_api_client_dup_tls_client_certificate (child);
  g_assert_true (seen == f->other);
  g_clear_object (&seen);
  bare_child = oa2_api_client_new_child (api, "v3", &error);
  g_assert_no_error (error);
  seen = oa2_api_client_dup_tls_client_certificate (bare_child);
  g_assert_null (seen);
}

/* A database that trusts the CAs of both file databases. */
static GTlsDatabase *
database_of_both (GTlsDatabase  *one,
                  GTlsDatabase  *other,
                  char         **out_path)
{
  g_autofree char *one_file = NULL;
  g_autofree char *other_file = NULL;
  g_autofree char *one_pem = NULL;
  g_autofree char *other_pem = NULL;
  g_autofree char *joined = NULL;
  char *path = NULL;
  g_autoptr(GError) error = NULL;
  GTlsDatabase *database;
  int fd;

  g_object_get (one, "anchors", &one_file, NULL);
  g_object_get (other, "anchors", &other_file, NULL);
  g_assert_true (g_file_get_contents (one_file, &one_pem, NULL, NULL));
  g_assert_true (g_file_get_contents (other_file, &other_pem, NULL, NULL));
  joined = g_strconcat (one_pem, "\n", other_pem, NULL);
  fd = g_file_open_tmp ("oa2-mtls-ca-XXXXXX.pem", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, joined, -1, NULL));
  database = g_tls_file_database_new (path, &error);
  g_assert_no_error (error);
  *out_path = path;   /* read when first needed: removed after the test */
  return database;
}

/* A redirect on the origin carries the token and the certificate; one to
 * another origin carries neither. */
static void
test_redirects (Fixture       *f,
                gconstpointer  data)
{
  gboolean async = GPOINTER_TO_INT (data);
  g_autoptr(OA2TestServer) elsewhere = oa2_test_server_new_https_mtls ();
  g_autofree char *elsewhere_uri = oa2_test_server_uri (elsewhere, "/landing");
  g_autoptr(GTlsDatabase) elsewhere_database = oa2_test_server_new_tls_database (elsewhere);
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(OA2Client) client = mtls_client (f);
  g_autoptr(OA2ClientCredentialsAuth) auth = oa2_client_credentials_auth_new (client, NULL);
  g_autofree char *base = oa2_test_server_uri (f->server, "/api/");
  g_autoptr(OA2ApiClient) api = NULL;
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(GTlsCertificate) seen = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GTlsDatabase) both = NULL;
  g_autofree char *both_file = NULL;

  /* one session that trusts both servers' CAs */
  both = database_of_both (f->database, elsewhere_database, &both_file);
  session = soup_session_new_with_options ("tls-database", both, NULL);
  api = oa2_api_client_new_with_session (base, OA2_AUTH (auth), session, &error);
  g_assert_no_error (error);

  oa2_test_server_queue_response (f->server, 200, "application/json", TOKEN_1, NULL, NULL);
  oa2_test_server_queue_response (f->server, 302, "text/plain", "", "Location", "/api/moved");
  oa2_test_server_queue_response (f->server, 302, "text/plain", "", "Location", elsewhere_uri);
  response = get (api, "start", async, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 200);
  /* token, start, moved: all with the certificate */
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 3);
  for (guint i = 0; i < 3; i++)
    assert_presented (f, i, f->certificate);
  path = oa2_test_server_dup_last_path (f->server);
  g_assert_cmpstr (path, ==, "/api/moved");
  /* the other origin: neither token nor certificate */
  g_assert_cmpuint (oa2_test_server_get_hits (elsewhere), ==, 1);
  seen = oa2_test_server_dup_last_peer_certificate (elsewhere);
  g_assert_null (seen);
  authorization = oa2_test_server_dup_last_header (elsewhere, "Authorization");
  g_assert_null (authorization);
  g_unlink (both_file);
}

static void
count_notify (guint *count)
{
  (*count)++;
}

/* The property notifies once per change, and reads back as set. */
static void
test_property (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(OA2ApiClient) api = api_for (f, NULL);
  g_autoptr(GTlsCertificate) read = NULL;
  guint notified = 0;

  g_signal_connect_swapped (api, "notify::tls-client-certificate", G_CALLBACK (count_notify), &notified);
  oa2_api_client_set_tls_client_certificate (api, f->certificate);
  oa2_api_client_set_tls_client_certificate (api, f->certificate);
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (api, "tls-client-certificate", &read, NULL);
  g_assert_true (read == f->certificate);
  g_object_set (api, "tls-client-certificate", NULL, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_clear_object (&read);
  read = oa2_api_client_dup_tls_client_certificate (api);
  g_assert_null (read);
}

int
main (int    argc,
      char **argv)
{
  oa2_test_init (&argc, &argv);

  g_test_add ("/api-client-mtls/default-from-client-auth", Fixture, GINT_TO_POINTER (FALSE), fixture_setup,
              test_default_from_client_auth, fixture_teardown);
  g_test_add ("/api-client-mtls/default-from-client-auth-async", Fixture, GINT_TO_POINTER (TRUE), fixture_setup,
              test_default_from_client_auth, fixture_teardown);
  g_test_add ("/api-client-mtls/explicit", Fixture, NULL, fixture_setup, test_explicit, fixture_teardown);
  g_test_add ("/api-client-mtls/without-client", Fixture, NULL, fixture_setup, test_without_client,
              fixture_teardown);
  g_test_add ("/api-client-mtls/plain-http-refused", Fixture, GINT_TO_POINTER (FALSE), fixture_setup,
              test_plain_http_refused, fixture_teardown);
  g_test_add ("/api-client-mtls/plain-http-refused-async", Fixture, GINT_TO_POINTER (TRUE), fixture_setup,
              test_plain_http_refused, fixture_teardown);
  g_test_add ("/api-client-mtls/child-inherits", Fixture, NULL, fixture_setup, test_child_inherits,
              fixture_teardown);
  g_test_add ("/api-client-mtls/redirects", Fixture, GINT_TO_POINTER (FALSE), fixture_setup, test_redirects,
              fixture_teardown);
  g_test_add ("/api-client-mtls/redirects-async", Fixture, GINT_TO_POINTER (TRUE), fixture_setup, test_redirects,
              fixture_teardown);
  g_test_add ("/api-client-mtls/property", Fixture, NULL, fixture_setup, test_property, fixture_teardown);

  return g_test_run ();
}
