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
  g_clear_object (&f->client);
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
} Grant;

static const char *resources[] = { "https://rs.example/", NULL };

static OA2BearerToken *cc_sync (OA2Client *c, GCancellable *x, GError **e)
{ g_autoptr(GHashTable) p = oa2_test_params ("audience", "aud", NULL); return oa2_client_client_credentials (c, "read write", resources, p, x, e); }
static void cc_async (OA2Client *c, GCancellable *x, GAsyncReadyCallback cb, gpointer d)
{ g_autoptr(GHashTable) p = oa2_test_params ("audience", "aud", NULL); oa2_client_client_credentials_async (c, "read write", resources, p, x, cb, d); }
static OA2BearerToken *code_sync (OA2Client *c, GCancellable *x, GError **e)
{ return oa2_client_authorization_code (c, "the-code", "http://127.0.0.1:5555/cb", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", NULL, NULL, x, e); }
static void code_async (OA2Client *c, GCancellable *x, GAsyncReadyCallback cb, gpointer d)
{ oa2_client_authorization_code_async (c, "the-code", "http://127.0.0.1:5555/cb", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", NULL, NULL, x, cb, d); }
static OA2BearerToken *refresh_sync (OA2Client *c, GCancellable *x, GError **e)
{ return oa2_client_refresh_token (c, "rt-old", NULL, NULL, NULL, x, e); }
static void refresh_async (OA2Client *c, GCancellable *x, GAsyncReadyCallback cb, gpointer d)
{ oa2_client_refresh_token_async (c, "rt-old", NULL, NULL, NULL, x, cb, d); }
static OA2BearerToken *password_sync (OA2Client *c, GCancellable *x, GError **e)
{ return oa2_client_resource_owner_password (c, "alice", "p@ss word", "openid", NULL, NULL, x, e); }
static void password_async (OA2Client *c, GCancellable *x, GAsyncReadyCallback cb, gpointer d)
{ oa2_client_resource_owner_password_async (c, "alice", "p@ss word", "openid", NULL, NULL, x, cb, d); }
static OA2BearerToken *any_sync (OA2Client *c, GCancellable *x, GError **e)
{ g_autoptr(GHashTable) p = oa2_test_params ("grant_type", "urn:example:grant", "thing", "1", NULL); return oa2_client_token_request (c, p, x, e); }
static void any_async (OA2Client *c, GCancellable *x, GAsyncReadyCallback cb, gpointer d)
{ g_autoptr(GHashTable) p = oa2_test_params ("grant_type", "urn:example:grant", "thing", "1", NULL); oa2_client_token_request_async (c, p, x, cb, d); }

static const Grant grants[] = {
  { "client-credentials", cc_sync, cc_async, oa2_client_client_credentials_finish,
    "grant_type=client_credentials&scope=read+write&resource=https%3A%2F%2Frs.example%2F&audience=aud"
    "&client_id=c1&client_secret=s1" },
  { "authorization-code", code_sync, code_async, oa2_client_authorization_code_finish,
    "grant_type=authorization_code&code=the-code&redirect_uri=http%3A%2F%2F127.0.0.1%3A5555%2Fcb"
    "&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk&client_id=c1&client_secret=s1" },
  { "refresh-token", refresh_sync, refresh_async, oa2_client_refresh_token_finish,
    "grant_type=refresh_token&refresh_token=rt-old&client_id=c1&client_secret=s1" },
  { "password", password_sync, password_async, oa2_client_resource_owner_password_finish,
    "grant_type=password&username=alice&password=p%40ss+word&scope=openid&client_id=c1&client_secret=s1" },
  { "token-request", any_sync, any_async, oa2_client_token_request_finish,
    "grant_type=urn%3Aexample%3Agrant&thing=1&client_id=c1&client_secret=s1" },
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
        g_test_add (before, Fixture, c, fixture_setup, test_grant_cancel_before, fixture_teardown);
        g_test_add (during, Fixture, c, fixture_setup, test_grant_cancel_during, fixture_teardown);
      }

  return g_test_run ();
}
