/* client-test.c: every grant and every failure, against an in-process server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-test-server.h"

#define TOKEN_JSON "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"s\"}"

typedef struct {
  OA2TestServer *server;
  OA2Client     *client;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *token_uri = NULL;
  g_autoptr(OA2ClientSecretPost) auth = oa2_client_secret_post_new ("c1", "s1");

  f->server = oa2_test_server_new ();
  oa2_test_server_respond (f->server, 200, "application/json", TOKEN_JSON);
  token_uri = oa2_test_server_uri (f->server, "/token");
  f->client = oa2_client_new (token_uri, OA2_CLIENT_AUTH (auth));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&f->client));
  g_clear_pointer (&f->server, oa2_test_server_free);
}

/* One grant call in both flavours, so every test can run each. */
typedef OA2BearerToken *(*GrantSync) (OA2Client *client, GCancellable *cancellable, GError **error);
typedef void (*GrantAsync) (OA2Client *client, GCancellable *cancellable, GAsyncReadyCallback cb, gpointer data);
typedef OA2BearerToken *(*GrantFinish) (OA2Client *client, GAsyncResult *result, GError **error);

typedef struct {
  const char  *name;
  GrantSync    sync;
  GrantAsync   async;
  GrantFinish  finish;
  const char  *expected_body;   /* client_secret_post with c1/s1 */
  const char  *task_name;
} Grant;

static const char *resources[] = { "https://rs.example/", NULL };

static OA2BearerToken *cc_sync (OA2Client *c, GCancellable *x, GError **e)
{ g_autoptr(GHashTable) p = oa2_test_params ("audience", "aud", NULL); return oa2_client_client_credentials (c, "read write", resources, p, NULL, x, e); }
static void cc_async (OA2Client *c, GCancellable *x, GAsyncReadyCallback cb, gpointer d)
{ g_autoptr(GHashTable) p = oa2_test_params ("audience", "aud", NULL); oa2_client_client_credentials_async (c, "read write", resources, p, NULL, x, cb, d); }
static OA2BearerToken *code_sync (OA2Client *c, GCancellable *x, GError **e)
{ return oa2_client_authorization_code (c, "the-code", "http://127.0.0.1:5555/cb", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", NULL, NULL, NULL, x, e); }
static void code_async (OA2Client *c, GCancellable *x, GAsyncReadyCallback cb, gpointer d)
{ oa2_client_authorization_code_async (c, "the-code", "http://127.0.0.1:5555/cb", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", NULL, NULL, NULL, x, cb, d); }
static OA2BearerToken *refresh_sync (OA2Client *c, GCancellable *x, GError **e)
{ return oa2_client_refresh_token (c, "rt-old", NULL, NULL, NULL, NULL, x, e); }
static void refresh_async (OA2Client *c, GCancellable *x, GAsyncReadyCallback cb, gpointer d)
{ oa2_client_refresh_token_async (c, "rt-old", NULL, NULL, NULL, NULL, x, cb, d); }
static OA2BearerToken *password_sync (OA2Client *c, GCancellable *x, GError **e)
{ return oa2_client_resource_owner_password (c, "alice", "p@ss word", "openid", NULL, NULL, NULL, x, e); }
static void password_async (OA2Client *c, GCancellable *x, GAsyncReadyCallback cb, gpointer d)
{ oa2_client_resource_owner_password_async (c, "alice", "p@ss word", "openid", NULL, NULL, NULL, x, cb, d); }
static OA2BearerToken *jwt_bearer_sync (OA2Client *c, GCancellable *x, GError **e)
{ return oa2_client_jwt_bearer (c, "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln", "api:read", resources, NULL, NULL, x, e); }
static void jwt_bearer_async (OA2Client *c, GCancellable *x, GAsyncReadyCallback cb, gpointer d)
{ oa2_client_jwt_bearer_async (c, "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln", "api:read", resources, NULL, NULL, x, cb, d); }
/* Its standard base64 would hold '+', '/' and padding, which base64url
 * without padding (RFC 7522 §2.1) must not. */
#define SAML_XML "<saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_a1\">" \
                 "<saml:Subject>alice?~</saml:Subject></saml:Assertion>\n"
static OA2BearerToken *saml2_bearer_sync (OA2Client *c, GCancellable *x, GError **e)
{ g_autoptr(GBytes) a = g_bytes_new_static (SAML_XML, strlen (SAML_XML)); g_autoptr(GHashTable) p = oa2_test_params ("audience", "aud", NULL);
  return oa2_client_saml2_bearer (c, a, "api:read", resources, p, NULL, x, e); }
static void saml2_bearer_async (OA2Client *c, GCancellable *x, GAsyncReadyCallback cb, gpointer d)
{ g_autoptr(GBytes) a = g_bytes_new_static (SAML_XML, strlen (SAML_XML)); g_autoptr(GHashTable) p = oa2_test_params ("audience", "aud", NULL);
  oa2_client_saml2_bearer_async (c, a, "api:read", resources, p, NULL, x, cb, d); }
static OA2BearerToken *any_sync (OA2Client *c, GCancellable *x, GError **e)
{ g_autoptr(GHashTable) p = oa2_test_params ("grant_type", "urn:example:grant", "thing", "1", NULL); return oa2_client_token_request (c, p, NULL, NULL, x, e); }
static void any_async (OA2Client *c, GCancellable *x, GAsyncReadyCallback cb, gpointer d)
{ g_autoptr(GHashTable) p = oa2_test_params ("grant_type", "urn:example:grant", "thing", "1", NULL); oa2_client_token_request_async (c, p, NULL, NULL, x, cb, d); }

static const Grant grants[] = {
  { "client-credentials", cc_sync, cc_async, oa2_client_client_credentials_finish,
    "grant_type=client_credentials&scope=read+write&resource=https%3A%2F%2Frs.example%2F&audience=aud"
    "&client_id=c1&client_secret=s1",
    "oa2_client_client_credentials_async" },
  { "authorization-code", code_sync, code_async, oa2_client_authorization_code_finish,
    "grant_type=authorization_code&code=the-code&redirect_uri=http%3A%2F%2F127.0.0.1%3A5555%2Fcb"
    "&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk&client_id=c1&client_secret=s1",
    "oa2_client_authorization_code_async" },
  { "refresh-token", refresh_sync, refresh_async, oa2_client_refresh_token_finish,
    "grant_type=refresh_token&refresh_token=rt-old&client_id=c1&client_secret=s1",
    "oa2_client_refresh_token_async" },
  { "password", password_sync, password_async, oa2_client_resource_owner_password_finish,
    "grant_type=password&username=alice&password=p%40ss+word&scope=openid&client_id=c1&client_secret=s1",
    "oa2_client_resource_owner_password_async" },
  /* RFC 7523 §2.1 */
  { "jwt-bearer", jwt_bearer_sync, jwt_bearer_async, oa2_client_jwt_bearer_finish,
    "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"
    "&assertion=eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln&scope=api%3Aread"
    "&resource=https%3A%2F%2Frs.example%2F&client_id=c1&client_secret=s1",
    "oa2_client_jwt_bearer_async" },
  /* RFC 7522 §2.1 */
  { "saml2-bearer", saml2_bearer_sync, saml2_bearer_async, oa2_client_saml2_bearer_finish,
    "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Asaml2-bearer"
    "&assertion=PHNhbWw6QXNzZXJ0aW9uIHhtbG5zOnNhbWw9InVybjpvYXNpczpuYW1lczp0YzpTQU1MOjIuMDphc3NlcnRpb24iIElEPSJfYTEiPjxzYW1sOlN1YmplY3Q"
    "-YWxpY2U_fjwvc2FtbDpTdWJqZWN0Pjwvc2FtbDpBc3NlcnRpb24-Cg"
    "&scope=api%3Aread&resource=https%3A%2F%2Frs.example%2F&audience=aud&client_id=c1&client_secret=s1",
    "oa2_client_saml2_bearer_async" },
  { "token-request", any_sync, any_async, oa2_client_token_request_finish,
    "grant_type=urn%3Aexample%3Agrant&thing=1&client_id=c1&client_secret=s1",
    "oa2_client_token_request_async" },
};

static OA2BearerToken *
run_grant (Fixture      *f,
           const Grant  *grant,
           gboolean      async,
           GCancellable *cancellable,
           GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (!async)
    return grant->sync (f->client, cancellable, error);
  grant->async (f->client, cancellable, oa2_test_store_result, &result);
  oa2_test_wait_result (&result);
  return grant->finish (f->client, result, error);
}

typedef struct {
  const Grant *grant;
  gboolean     async;
} Case;

static void
assert_request (Fixture    *f,
                const char *expected_body)
{
  g_autofree char *method = oa2_test_server_dup_last_method (f->server);
  g_autofree char *path = oa2_test_server_dup_last_path (f->server);
  g_autofree char *body = oa2_test_server_dup_last_body (f->server);
  g_autofree char *content_type = oa2_test_server_dup_last_header (f->server, "Content-Type");
  g_autofree char *accept = oa2_test_server_dup_last_header (f->server, "Accept");

  g_assert_cmpstr (method, ==, "POST");
  g_assert_cmpstr (path, ==, "/token");
  g_assert_cmpstr (content_type, ==, "application/x-www-form-urlencoded");
  g_assert_cmpstr (accept, ==, "application/json");
  g_assert_cmpstr (body, ==, expected_body);
}

static void
test_grant_request (Fixture       *f,
                    gconstpointer  data)
{
  const Case *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = run_grant (f, c->grant, c->async, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "at-1");
  assert_request (f, c->grant->expected_body);
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 1);
  g_assert_finalize_object (g_steal_pointer (&token));
}

/* Every task is named after the call that made it, for debuggers and
 * profilers. */
static void
test_grant_task_name (Fixture       *f,
                      gconstpointer  data)
{
  const Case *c = data;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  c->grant->async (f->client, NULL, oa2_test_store_result, &result);
  oa2_test_wait_result (&result);
  g_assert_cmpstr (g_task_get_name (G_TASK (result)), ==, c->grant->task_name);
  token = c->grant->finish (f->client, result, &error);
  g_assert_no_error (error);
}

/* Cancelled before it starts: nothing is sent. */
static void
test_grant_cancel_before (Fixture       *f,
                          gconstpointer  data)
{
  const Case *c = data;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = NULL;

  g_cancellable_cancel (cancellable);
  token = run_grant (f, c->grant, c->async, cancellable, &error);
  g_assert_null (token);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 0);
}

static gpointer
cancel_when_hit (gpointer user_data)
{
  gpointer *pair = user_data;

  while (oa2_test_server_get_hits (pair[0]) == 0)
    g_usleep (1000);
  g_usleep (20000);
  g_cancellable_cancel (pair[1]);
  return NULL;
}

/* Cancelled while the server is thinking: the call returns at once with
 * G_IO_ERROR_CANCELLED, not after the server's answer or the timeout. The
 * cancellation comes from another thread, as it would for a blocking call. */
static void
test_grant_cancel_during (Fixture       *f,
                          gconstpointer  data)
{
  const Case *c = data;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  gpointer pair[2] = { f->server, cancellable };
  gint64 start = g_get_monotonic_time ();
  GThread *canceller;

  oa2_test_server_set_delay (f->server, 10000);
  canceller = g_thread_new ("canceller", cancel_when_hit, pair);
  token = run_grant (f, c->grant, c->async, cancellable, &error);
  g_thread_join (canceller);

  g_assert_null (token);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

typedef struct {
  const char *name;
  guint       status;
  const char *content_type;
  const char *body;
  GQuark    (*domain) (void);
  int         code;
} Failure;

static GQuark io_error_quark (void) { return G_IO_ERROR; }

static const Failure failures[] = {
  { "invalid-request", 400, "application/json", "{\"error\":\"invalid_request\",\"error_description\":\"d\",\"error_uri\":\"https://u\"}", oa2_oauth_error_quark, OA2_OAUTH_ERROR_INVALID_REQUEST },
  { "invalid-client", 401, "application/json", "{\"error\":\"invalid_client\",\"error_description\":\"d\",\"error_uri\":\"https://u\"}", oa2_oauth_error_quark, OA2_OAUTH_ERROR_INVALID_CLIENT },
  { "invalid-grant", 400, "application/json", "{\"error\":\"invalid_grant\",\"error_description\":\"d\",\"error_uri\":\"https://u\"}", oa2_oauth_error_quark, OA2_OAUTH_ERROR_INVALID_GRANT },
  { "unauthorized-client", 400, "application/json", "{\"error\":\"unauthorized_client\",\"error_description\":\"d\",\"error_uri\":\"https://u\"}", oa2_oauth_error_quark, OA2_OAUTH_ERROR_UNAUTHORIZED_CLIENT },
  { "unsupported-grant-type", 400, "application/json", "{\"error\":\"unsupported_grant_type\",\"error_description\":\"d\",\"error_uri\":\"https://u\"}", oa2_oauth_error_quark, OA2_OAUTH_ERROR_UNSUPPORTED_GRANT_TYPE },
  { "invalid-scope", 400, "application/json", "{\"error\":\"invalid_scope\",\"error_description\":\"d\",\"error_uri\":\"https://u\"}", oa2_oauth_error_quark, OA2_OAUTH_ERROR_INVALID_SCOPE },
  { "unknown-code", 400, "application/json", "{\"error\":\"quota_exceeded\",\"error_description\":\"d\",\"error_uri\":\"https://u\"}", oa2_oauth_error_quark, OA2_OAUTH_ERROR_OTHER },
  { "error-with-200", 200, "application/json", "{\"error\":\"invalid_grant\",\"error_description\":\"d\",\"error_uri\":\"https://u\"}", oa2_oauth_error_quark, OA2_OAUTH_ERROR_INVALID_GRANT },
  { "non-json", 200, "application/json", "access_token=x&token_type=bearer", oa2_error_quark, OA2_ERROR_INVALID_JSON },
  { "html-error-page", 502, "text/html", "<html><h1>Bad Gateway</h1></html>", oa2_error_quark, OA2_ERROR_UNEXPECTED_STATUS },
  { "html-200", 200, "text/html; charset=utf-8", "<html>Sign in</html>", oa2_error_quark, OA2_ERROR_UNEXPECTED_CONTENT_TYPE },
  { "empty-body", 200, "application/json", "", oa2_error_quark, OA2_ERROR_EMPTY_RESPONSE },
  { "no-access-token", 200, "application/json", "{\"token_type\":\"Bearer\",\"expires_in\":60}", oa2_error_quark, OA2_ERROR_MISSING_MEMBER },
  { "access-token-number", 200, "application/json", "{\"access_token\":1,\"token_type\":\"Bearer\"}", oa2_error_quark, OA2_ERROR_INVALID_MEMBER },
  { "scope-array", 200, "application/json", "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"scope\":[\"a\"]}", oa2_error_quark, OA2_ERROR_INVALID_MEMBER },
  { "expires-in-negative", 200, "application/json", "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":-60}", oa2_error_quark, OA2_ERROR_INVALID_MEMBER },
  { "expires-in-absurd", 200, "application/json", "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":1e300}", oa2_error_quark, OA2_ERROR_INVALID_MEMBER },
  { "token-type-unknown", 200, "application/json", "{\"access_token\":\"a\",\"token_type\":\"N_A\"}", oa2_error_quark, OA2_ERROR_UNSUPPORTED_TOKEN_TYPE },
  { "token-type-missing", 200, "application/json", "{\"access_token\":\"a\",\"expires_in\":60}", oa2_error_quark, OA2_ERROR_MISSING_MEMBER },
  { "body-over-cap", 200, "application/json", NULL, oa2_error_quark, OA2_ERROR_RESPONSE_TOO_LARGE },
  { "server-too-slow", 200, "application/json", TOKEN_JSON, io_error_quark, G_IO_ERROR_TIMED_OUT },
};

typedef struct {
  const Failure *failure;
  gboolean       async;
} FailureCase;

static void
test_failure (Fixture       *f,
              gconstpointer  data)
{
  const FailureCase *c = data;
  const Failure *failure = c->failure;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autofree char *big = NULL;

  if (failure->body == NULL)
    {
      /* A valid token response, only too big for the configured cap. */
      g_autofree char *padding = g_strnfill (2000, 'x');
      big = g_strdup_printf ("{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"pad\":\"%s\"}", padding);
      oa2_client_set_max_response_size (f->client, 1024);
    }
  oa2_test_server_respond (f->server, failure->status, failure->content_type,
                           failure->body != NULL ? failure->body : big);
  if (failure->domain == io_error_quark)
    {
      oa2_client_set_timeout (f->client, 1);
      oa2_test_server_set_delay (f->server, 4000);
    }

  token = run_grant (f, &grants[0], c->async, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, failure->domain (), failure->code);
  if (error->domain == OA2_OAUTH_ERROR)
    {
      g_assert_cmpstr (oa2_error_get_description (error), ==, "d");
      g_assert_cmpstr (oa2_error_get_uri (error), ==, "https://u");
      g_assert_cmpuint (oa2_error_get_http_status (error), ==, failure->status);
      g_assert_nonnull (strstr (error->message, "; error_description=\"d\"; error_uri=\"https://u\"]"));
      g_assert_true (g_str_has_prefix (strchr (error->message, '['), failure->status == 200 ? "[HTTP 200; "
                                                                                             : "[HTTP 4"));
    }
  else if (error->code == OA2_ERROR_UNEXPECTED_STATUS)
    {
      g_assert_cmpuint (oa2_error_get_http_status (error), ==, failure->status);
      g_assert_true (g_str_has_suffix (error->message, " [HTTP 502]"));
    }
}

static void
test_connection_refused (gconstpointer data)
{
  g_autofree char *uri = oa2_test_closed_port_uri ("/token");
  g_autoptr(OA2Client) client = oa2_client_new_with_secret (uri, "c1", "s1");
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  if (GPOINTER_TO_INT (data))
    {
      oa2_client_client_credentials_async (client, NULL, NULL, NULL, NULL, NULL, oa2_test_store_result, &result);
      token = oa2_client_client_credentials_finish (client, oa2_test_wait_result (&result), &error);
    }
  else
    token = oa2_client_client_credentials (client, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static void
test_insecure_endpoint (void)
{
  g_autoptr(OA2Client) client = oa2_client_new_with_secret ("http://as.example/token", "c1", "s1");
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = oa2_client_client_credentials (client, NULL, NULL, NULL, NULL, NULL, &error);

  g_assert_null (token);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INSECURE_TRANSPORT);
}

/* client_secret_basic through the whole path: header, and no credentials
 * in the body. */
static void
test_basic_on_the_wire (Fixture *f, gconstpointer data)
{
  g_autofree char *uri = oa2_test_server_uri (f->server, "/token");
  g_autoptr(OA2ClientSecretBasic) auth = oa2_client_secret_basic_new ("oa2-basic", "basic s3cr:t/+%&");
  g_autoptr(OA2Client) client = oa2_client_new (uri, OA2_CLIENT_AUTH (auth));
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = oa2_client_client_credentials (client, "s", NULL, NULL, NULL, NULL, &error);
  g_autofree char *authorization = oa2_test_server_dup_last_header (f->server, "Authorization");
  g_autofree char *body = oa2_test_server_dup_last_body (f->server);

  g_assert_no_error (error);
  g_assert_cmpstr (authorization, ==, "Basic b2EyLWJhc2ljOmJhc2ljK3MzY3IlM0F0JTJGJTJCJTI1JTI2");
  g_assert_cmpstr (body, ==, "grant_type=client_credentials&scope=s");
}

static void
test_public_on_the_wire (Fixture *f, gconstpointer data)
{
  g_autofree char *uri = oa2_test_server_uri (f->server, "/token");
  g_autoptr(OA2Client) client = oa2_client_new_public (uri, "app");
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = oa2_client_refresh_token (client, "rt", NULL, NULL, NULL, NULL, NULL, &error);
  g_autofree char *authorization = oa2_test_server_dup_last_header (f->server, "Authorization");
  g_autofree char *body = oa2_test_server_dup_last_body (f->server);

  g_assert_no_error (error);
  g_assert_null (authorization);
  g_assert_cmpstr (body, ==, "grant_type=refresh_token&refresh_token=rt&client_id=app");
}

/* RFC 6749 §6: a refresh without a new refresh token keeps the old one;
 * a new one replaces it. */
static void
test_refresh_token_carried (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) kept = NULL;
  g_autoptr(OA2BearerToken) rotated = NULL;

  kept = oa2_client_refresh_token (f->client, "rt-old", NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_refresh_token (kept), ==, "rt-old");

  oa2_test_server_respond (f->server, 200, "application/json",
                           "{\"access_token\":\"at-2\",\"token_type\":\"Bearer\",\"refresh_token\":\"rt-new\"}");
  rotated = oa2_client_refresh_token (f->client, "rt-old", NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_refresh_token (rotated), ==, "rt-new");
}

static void
test_no_refresh_token (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OA2BearerToken) token = NULL;

  oa2_client_refresh_token_async (f->client, NULL, NULL, NULL, NULL, NULL, NULL, oa2_test_store_result, &result);
  token = oa2_client_refresh_token_finish (f->client, oa2_test_wait_result (&result), &error);
  g_assert_null (token);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_NO_REFRESH_TOKEN);
  g_assert_true (oa2_error_requires_interaction (error));
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 0);
}

/* A subclass that knows a vendor's quirks: it maps a vendor error code and
 * accepts a token type the vendor misspells. */
typedef struct { OA2Client parent_instance; } VendorClient;
typedef struct { OA2ClientClass parent_class; } VendorClientClass;
static GType vendor_client_get_type (void);
G_DEFINE_TYPE (VendorClient, vendor_client, OA2_TYPE_CLIENT)

static OA2BearerToken *
vendor_parse_token_response (OA2Client *self, JsonObject *response, GError **error)
{
  if (g_strcmp0 (json_object_get_string_member_with_default (response, "token_type", NULL), "BearerToken") == 0)
    json_object_set_string_member (response, "token_type", "Bearer");
  return OA2_CLIENT_CLASS (vendor_client_parent_class)->parse_token_response (self, response, error);
}

/* GLib's rule: the error is the return value; NULL asks for the default. */
static GError *
vendor_on_token_error (OA2Client *self, guint status, JsonObject *response)
{
  if (g_strcmp0 (json_object_get_string_member_with_default (response, "error", NULL), "bad_verification_code") == 0)
    return oa2_oauth_error_new ("invalid_grant", "translated from the vendor's code", NULL, status);
  return NULL;
}

static void
vendor_client_class_init (VendorClientClass *klass)
{
  OA2_CLIENT_CLASS (klass)->parse_token_response = vendor_parse_token_response;
  OA2_CLIENT_CLASS (klass)->on_token_error = vendor_on_token_error;
}

static void
vendor_client_init (VendorClient *self)
{
}

static void
test_subclass_hooks (Fixture *f, gconstpointer data)
{
  g_autofree char *uri = oa2_test_server_uri (f->server, "/token");
  g_autoptr(OA2Client) client = g_object_new (vendor_client_get_type (), "token-endpoint", uri, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) refused = NULL;
  g_autoptr(OA2BearerToken) other = NULL;

  oa2_test_server_respond (f->server, 200, "application/json", "{\"access_token\":\"a\",\"token_type\":\"BearerToken\"}");
  token = oa2_client_client_credentials (client, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_token_type (token), ==, "Bearer");

  oa2_test_server_respond (f->server, 200, "application/json", "{\"error\":\"bad_verification_code\"}");
  refused = oa2_client_client_credentials (client, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_GRANT);
  g_assert_cmpstr (oa2_error_get_description (error), ==, "translated from the vendor's code");
  g_clear_error (&error);

  /* Codes the subclass leaves alone get the standard mapping. */
  oa2_test_server_respond (f->server, 400, "application/json", "{\"error\":\"invalid_scope\"}");
  other = oa2_client_client_credentials (client, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_SCOPE);
}

/* A parser that builds the token generically, as a binding would, and
 * forgets the access token: the grant fails with the token's own error. */
typedef struct { OA2Client parent_instance; } CarelessClient;
typedef struct { OA2ClientClass parent_class; } CarelessClientClass;
static GType careless_client_get_type (void);
G_DEFINE_TYPE (CarelessClient, careless_client, OA2_TYPE_CLIENT)

static OA2BearerToken *
careless_parse_token_response (OA2Client *self, JsonObject *response, GError **error)
{
  return g_object_new (OA2_TYPE_BEARER_TOKEN, "scope", "forgot-the-token", NULL);
}

static void
careless_client_class_init (CarelessClientClass *klass)
{
  OA2_CLIENT_CLASS (klass)->parse_token_response = careless_parse_token_response;
}

static void
careless_client_init (CarelessClient *self)
{
}

static void
test_invalid_parsed_token (Fixture *f, gconstpointer data)
{
  g_autofree char *uri = oa2_test_server_uri (f->server, "/token");
  g_autoptr(OA2Client) client = g_object_new (careless_client_get_type (), "token-endpoint", uri, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = oa2_client_client_credentials (client, NULL, NULL, NULL, NULL, NULL, &error);
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_null (token);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  oa2_client_client_credentials_async (client, NULL, NULL, NULL, NULL, NULL, oa2_test_store_result, &result);
  token = oa2_client_client_credentials_finish (client, oa2_test_wait_result (&result), &error);
  g_assert_null (token);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* RFC 6749 §5.1 requires token_type. A server that leaves it out is
 * refused, unless the client is told to take such tokens as Bearer tokens;
 * a refresh carries the old refresh token on through the same path. */
static void
test_allow_missing_token_type (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) refused = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) refreshed = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  guint notified = 0;

  g_signal_connect (f->client, "notify::allow-missing-token-type", G_CALLBACK (count_notify), &notified);
  oa2_test_server_respond (f->server, 200, "application/json", "{\"access_token\":\"untyped\",\"expires_in\":60}");

  g_assert_false (oa2_client_get_allow_missing_token_type (f->client));
  refused = oa2_client_client_credentials (f->client, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_MISSING_MEMBER);
  g_assert_cmpstr (error->message, ==, "The response has no “token_type”");
  g_clear_error (&error);

  oa2_client_set_allow_missing_token_type (f->client, TRUE);
  oa2_client_set_allow_missing_token_type (f->client, TRUE);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (oa2_client_get_allow_missing_token_type (f->client));

  token = oa2_client_client_credentials (f->client, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "untyped");
  g_assert_cmpstr (oa2_bearer_token_get_token_type (token), ==, "Bearer");

  oa2_client_refresh_token_async (f->client, "rt-old", NULL, NULL, NULL, NULL, NULL, oa2_test_store_result, &result);
  refreshed = oa2_client_refresh_token_finish (f->client, oa2_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_token_type (refreshed), ==, "Bearer");
  g_assert_cmpstr (oa2_bearer_token_get_refresh_token (refreshed), ==, "rt-old");

  /* Only a missing type is taken as Bearer, never another one. */
  oa2_test_server_respond (f->server, 200, "application/json", "{\"access_token\":\"a\",\"token_type\":\"MAC\"}");
  g_clear_object (&token);
  token = oa2_client_client_credentials (f->client, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_TOKEN_TYPE);

  g_object_set (f->client, "allow-missing-token-type", FALSE, NULL);
  g_assert_cmpuint (notified, ==, 2);
}

/* Constructors cannot be called for nothing: ignoring what they return
 * leaks, and GCC says so at compile time. (Clang has no way to ask.) */
static void
test_warn_unused_result (void)
{
#if defined(__GNUC__) && !defined(__clang__)
  g_assert_true (__builtin_has_attribute (oa2_client_new, warn_unused_result));
  g_assert_true (__builtin_has_attribute (oa2_client_new_with_secret, warn_unused_result));
  g_assert_true (__builtin_has_attribute (oa2_client_new_public, warn_unused_result));
  g_assert_true (__builtin_has_attribute (oa2_bearer_token_new, warn_unused_result));
  g_assert_true (__builtin_has_attribute (oa2_bearer_token_new_from_response, warn_unused_result));
  g_assert_true (__builtin_has_attribute (oa2_bearer_token_new_from_json, warn_unused_result));
  g_assert_true (__builtin_has_attribute (oa2_bearer_token_to_json, warn_unused_result));
  g_assert_true (__builtin_has_attribute (oa2_bearer_token_dup_member_names, warn_unused_result));
  g_assert_true (__builtin_has_attribute (oa2_bearer_token_dup_authorization_header, warn_unused_result));
#else
  g_test_skip ("only GCC can ask whether a function has an attribute");
#endif
}

static void
test_properties (void)
{
  g_autoptr(OA2Client) client = g_object_new (OA2_TYPE_CLIENT,
                                              "token-endpoint", "https://as.example/token",
                                              "issuer", "https://as.example",
                                              "revocation-endpoint", "https://as.example/revoke",
                                              NULL);

  g_assert_cmpstr (oa2_client_get_token_endpoint (client), ==, "https://as.example/token");
  g_assert_cmpstr (oa2_client_get_issuer (client), ==, "https://as.example");
  g_assert_cmpstr (oa2_client_get_revocation_endpoint (client), ==, "https://as.example/revoke");
  g_assert_null (oa2_client_get_userinfo_endpoint (client));
  g_assert_null (oa2_client_get_client_auth (client));
  g_assert_null (oa2_client_get_client_id (client));
  g_assert_true (SOUP_IS_SESSION (oa2_client_get_session (client)));
  g_assert_cmpuint (oa2_client_get_timeout (client), ==, 30);
  g_assert_cmpuint (oa2_client_get_max_response_size (client), ==, 1024 * 1024);
  g_assert_false (oa2_client_get_allow_missing_token_type (client));
}

int
main (int argc, char **argv)
{
  oa2_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (grants); i++)
    for (guint a = 0; a < 2; a++)
      {
        static Case cases[G_N_ELEMENTS (grants) * 2];
        Case *c = &cases[i * 2 + a];
        g_autofree char *request = g_strdup_printf ("/oa2/client/%s/%s/request", grants[i].name, a ? "async" : "sync");
        g_autofree char *before = g_strdup_printf ("/oa2/client/%s/%s/cancel-before", grants[i].name, a ? "async" : "sync");
        g_autofree char *during = g_strdup_printf ("/oa2/client/%s/%s/cancel-during", grants[i].name, a ? "async" : "sync");

        c->grant = &grants[i];
        c->async = a;
        g_test_add (request, Fixture, c, fixture_setup, test_grant_request, fixture_teardown);
        if (a)
          {
            g_autofree char *task_name = g_strdup_printf ("/oa2/client/%s/async/task-name", grants[i].name);
            g_test_add (task_name, Fixture, c, fixture_setup, test_grant_task_name, fixture_teardown);
          }
        g_test_add (before, Fixture, c, fixture_setup, test_grant_cancel_before, fixture_teardown);
        g_test_add (during, Fixture, c, fixture_setup, test_grant_cancel_during, fixture_teardown);
      }

  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    for (guint a = 0; a < 2; a++)
      {
        static FailureCase failure_cases[G_N_ELEMENTS (failures) * 2];
        FailureCase *c = &failure_cases[i * 2 + a];
        g_autofree char *path = g_strdup_printf ("/oa2/client/failure/%s/%s", a ? "async" : "sync", failures[i].name);

        c->failure = &failures[i];
        c->async = a;
        g_test_add (path, Fixture, c, fixture_setup, test_failure, fixture_teardown);
      }
  g_test_add_data_func ("/oa2/client/failure/sync/connection-refused", GINT_TO_POINTER (FALSE), test_connection_refused);
  g_test_add_data_func ("/oa2/client/failure/async/connection-refused", GINT_TO_POINTER (TRUE), test_connection_refused);
  g_test_add_func ("/oa2/client/failure/insecure-endpoint", test_insecure_endpoint);
  g_test_add ("/oa2/client/basic-on-the-wire", Fixture, NULL, fixture_setup, test_basic_on_the_wire, fixture_teardown);
  g_test_add ("/oa2/client/public-on-the-wire", Fixture, NULL, fixture_setup, test_public_on_the_wire, fixture_teardown);
  g_test_add ("/oa2/client/refresh-token-carried", Fixture, NULL, fixture_setup, test_refresh_token_carried, fixture_teardown);
  g_test_add ("/oa2/client/no-refresh-token", Fixture, NULL, fixture_setup, test_no_refresh_token, fixture_teardown);
  g_test_add ("/oa2/client/subclass-hooks", Fixture, NULL, fixture_setup, test_subclass_hooks, fixture_teardown);
  g_test_add ("/oa2/client/invalid-parsed-token", Fixture, NULL, fixture_setup, test_invalid_parsed_token,
              fixture_teardown);
  g_test_add ("/oa2/client/allow-missing-token-type", Fixture, NULL, fixture_setup, test_allow_missing_token_type,
              fixture_teardown);
  g_test_add_func ("/oa2/client/properties", test_properties);
  g_test_add_func ("/oa2/client/warn-unused-result", test_warn_unused_result);

  return g_test_run ();
}
