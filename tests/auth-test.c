/* auth-test.c: auth handlers (OA2Auth, OA2AccessTokenAuth,
 * OA2ClientCredentialsAuth) against an in-process token endpoint and
 * resource server: single-flight renewal, its error reaching every caller,
 * one caller's cancellation, token-changed, leeway, sign-in required, and
 * the one renewal after a 401 invalid_token
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-test-server.h"
#include "oa2-test-thread-server.h"

#include <string.h>

#define NOW G_GINT64_CONSTANT (1700000000)
#define CALLERS 200
#define NEW_TOKEN_RESPONSE \
  "{\"access_token\":\"new-at\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"rt-2\"}"

/* ---------------------------------------------------------------------- */
/* A resource server in its own thread: 200 for the access token it
 * accepts, else 401 with an invalid_token challenge. */

typedef struct {
  OA2TestThreadServer *server;
  GMutex        lock;
  char         *accepted;     /* the Authorization value it takes */
  guint         hits;
  char         *last_authorization;
} Resource;

static void
resource_handle (SoupServer        *soup,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Resource *resource = user_data;
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                            "Authorization");

  g_mutex_lock (&resource->lock);
  resource->hits++;
  g_free (resource->last_authorization);
  resource->last_authorization = g_strdup (authorization);
  if (g_strcmp0 (authorization, resource->accepted) == 0)
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{\"ok\":true}", 11);
    }
  else
    {
      soup_server_message_set_status (msg, 401, NULL);
      soup_message_headers_append (soup_server_message_get_response_headers (msg), "WWW-Authenticate",
                                   "Bearer realm=\"api\", error=\"invalid_token\", "
                                   "error_description=\"The access token expired\"");
    }
  g_mutex_unlock (&resource->lock);
}

static Resource *
resource_new (const char *accepted)
{
  Resource *resource = g_new0 (Resource, 1);

  g_mutex_init (&resource->lock);
  resource->accepted = g_strdup (accepted);
  resource->server = oa2_test_thread_server_new (resource_handle, resource);
  return resource;
}

static void
resource_free (Resource *resource)
{
  oa2_test_thread_server_free (resource->server);
  g_free (resource->accepted);
  g_free (resource->last_authorization);
  g_mutex_clear (&resource->lock);
  g_free (resource);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Resource, resource_free)

static char *
resource_uri (Resource   *resource,
              const char *path)
{
  return oa2_test_thread_server_uri (resource->server, path);
}

static guint
resource_hits (Resource *resource)
{
  guint hits;

  g_mutex_lock (&resource->lock);
  hits = resource->hits;
  g_mutex_unlock (&resource->lock);
  return hits;
}

/* ---------------------------------------------------------------------- */
/* Helpers */

/* A token issued at NOW - 3600 that expired at NOW - 60 (or that expires
 * in @expires_in seconds from NOW, when it is positive). */
static OA2BearerToken *
make_token (const char *access_token,
            gint64      expires_in,
            const char *refresh_token)
{
  g_autoptr(JsonObject) response = json_object_new ();
  g_autoptr(GError) error = NULL;
  OA2BearerToken *token;

  oa2_test_freeze_clock (expires_in > 0 ? NOW : NOW - 3600);
  json_object_set_string_member (response, "access_token", access_token);
  json_object_set_string_member (response, "token_type", "Bearer");
  json_object_set_int_member (response, "expires_in", expires_in > 0 ? expires_in : 3540);
  if (refresh_token != NULL)
    json_object_set_string_member (response, "refresh_token", refresh_token);
  token = oa2_bearer_token_new_from_response (response, &error);
  g_assert_no_error (error);
  oa2_test_freeze_clock (NOW);
  return token;
}

typedef struct {
  guint           count;
  OA2BearerToken *last;   /* borrowed: compared, never used */
  gboolean        last_was_null;
  GThread        *thread;
} Changes;

static void
on_token_changed (OA2Auth        *auth,
                  OA2BearerToken *token,
                  Changes        *changes)
{
  changes->count++;
  changes->last = token;
  changes->last_was_null = token == NULL;
  changes->thread = g_thread_self ();
}

static OA2Client *
client_for (OA2TestServer *server)
{
  g_autofree char *uri = oa2_test_server_uri (server, "/token");

  return oa2_client_new_with_secret (uri, "c1", "s1");
}

typedef struct {
  GAsyncResult *results[CALLERS];
} Results;

static void
store_indexed (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static void
wait_all (Results *results)
{
  for (guint i = 0; i < CALLERS; i++)
    oa2_test_wait_result (&results->results[i]);
}

static void
results_clear (Results *results)
{
  for (guint i = 0; i < CALLERS; i++)
    g_clear_object (&results->results[i]);
}

/* ---------------------------------------------------------------------- */
/* Single flight */

static void
test_concurrent_renewal (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2BearerToken) expired = make_token ("old-at", 0, "rt-1");
  g_autoptr(OA2AccessTokenAuth) auth = oa2_access_token_auth_new (client, expired);
  g_autoptr(OA2BearerToken) first = NULL;
  g_autoptr(OA2BearerToken) current = NULL;
  g_autofree char *body = NULL;
  Changes changes = { 0 };
  Results results = { { 0 } };

  oa2_test_server_respond (server, 200, "application/json", NEW_TOKEN_RESPONSE);
  oa2_test_server_set_delay (server, 200);
  g_signal_connect (auth, "token-changed", G_CALLBACK (on_token_changed), &changes);

  for (guint i = 0; i < CALLERS; i++)
    oa2_auth_ensure_token_async (OA2_AUTH (auth), NULL, store_indexed, &results.results[i]);
  wait_all (&results);

  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);
  body = oa2_test_server_dup_last_body (server);
  g_assert_cmpstr (body, ==, "grant_type=refresh_token&refresh_token=rt-1&client_id=c1&client_secret=s1");
  for (guint i = 0; i < CALLERS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2BearerToken) token = oa2_auth_ensure_token_finish (OA2_AUTH (auth), results.results[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "new-at");
      if (first == NULL)
        first = g_object_ref (token);
      g_assert_true (token == first);   /* one token, shared */
    }
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_true (changes.last == first);
  current = oa2_auth_dup_token (OA2_AUTH (auth));
  g_assert_true (current == first);
  g_assert_cmpstr (oa2_bearer_token_get_refresh_token (current), ==, "rt-2");

  /* Fresh now: no request. */
  results_clear (&results);
  for (guint i = 0; i < 3; i++)
    oa2_auth_ensure_token_async (OA2_AUTH (auth), NULL, store_indexed, &results.results[i]);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(OA2BearerToken) token = NULL;

      oa2_test_wait_result (&results.results[i]);
      token = oa2_auth_ensure_token_finish (OA2_AUTH (auth), results.results[i], NULL);
      g_assert_true (token == first);
    }
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);
  g_assert_cmpuint (changes.count, ==, 1);
  results_clear (&results);
  oa2_test_thaw_clock ();
}

static void
test_failed_renewal_reaches_all (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2BearerToken) expired = make_token ("old-at", 0, "rt-1");
  g_autoptr(OA2AccessTokenAuth) auth = oa2_access_token_auth_new (client, expired);
  g_autoptr(OA2BearerToken) current = NULL;
  Changes changes = { 0 };
  Results results = { { 0 } };

  oa2_test_server_respond (server, 503, "application/json",
                           "{\"error\":\"temporarily_unavailable\",\"error_description\":\"busy\"}");
  oa2_test_server_set_delay (server, 200);
  g_signal_connect (auth, "token-changed", G_CALLBACK (on_token_changed), &changes);

  for (guint i = 0; i < CALLERS; i++)
    oa2_auth_ensure_token_async (OA2_AUTH (auth), NULL, store_indexed, &results.results[i]);
  wait_all (&results);

  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);
  for (guint i = 0; i < CALLERS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2BearerToken) token = oa2_auth_ensure_token_finish (OA2_AUTH (auth), results.results[i], &error);

      g_assert_null (token);
      g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_TEMPORARILY_UNAVAILABLE);
      g_assert_cmpstr (oa2_error_get_description (error), ==, "busy");
      g_assert_cmpuint (oa2_error_get_http_status (error), ==, 503);
    }
  /* A transient failure keeps the token for the next try. */
  g_assert_cmpuint (changes.count, ==, 0);
  current = oa2_auth_dup_token (OA2_AUTH (auth));
  g_assert_true (current == expired);
  results_clear (&results);

  /* The next caller starts a new renewal. */
  oa2_test_server_respond (server, 200, "application/json", NEW_TOKEN_RESPONSE);
  oa2_auth_ensure_token_async (OA2_AUTH (auth), NULL, store_indexed, &results.results[0]);
  oa2_test_wait_result (&results.results[0]);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(OA2BearerToken) token = oa2_auth_ensure_token_finish (OA2_AUTH (auth), results.results[0], &error);

    g_assert_no_error (error);
    g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "new-at");
  }
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 2);
  g_assert_cmpuint (changes.count, ==, 1);
  results_clear (&results);
  oa2_test_thaw_clock ();
}

static void
test_cancel_one_waiter (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2ClientCredentialsAuth) auth = oa2_client_credentials_auth_new (client, "api");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) cancelled = NULL;
  Results results = { { 0 } };
  Changes changes = { 0 };
  const guint victim = 7;

  oa2_test_server_respond (server, 200, "application/json", NEW_TOKEN_RESPONSE);
  oa2_test_server_set_delay (server, 300);
  g_signal_connect (auth, "token-changed", G_CALLBACK (on_token_changed), &changes);

  for (guint i = 0; i < CALLERS; i++)
    oa2_auth_ensure_token_async (OA2_AUTH (auth), i == victim ? cancellable : NULL,
                                 store_indexed, &results.results[i]);
  g_cancellable_cancel (cancellable);

  /* The cancelled caller completes first, while the renewal goes on. */
  oa2_test_wait_result (&results.results[victim]);
  for (guint i = 0; i < CALLERS; i++)
    if (i != victim)
      g_assert_null (results.results[i]);
  cancelled = oa2_auth_ensure_token_finish (OA2_AUTH (auth), results.results[victim], &error);
  g_assert_null (cancelled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  wait_all (&results);
  for (guint i = 0; i < CALLERS; i++)
    if (i != victim)
      {
        g_autoptr(GError) other_error = NULL;
        g_autoptr(OA2BearerToken) token = oa2_auth_ensure_token_finish (OA2_AUTH (auth), results.results[i],
                                                                        &other_error);

        g_assert_no_error (other_error);
        g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "new-at");
      }
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);
  g_assert_cmpuint (changes.count, ==, 1);
  results_clear (&results);
}

/* When every caller gives up, the renewal is cancelled, and the next
 * caller starts a new one. */
static void
test_cancel_every_waiter (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2ClientCredentialsAuth) auth = oa2_client_credentials_auth_new (client, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;
  Results results = { { 0 } };

  oa2_test_server_respond (server, 200, "application/json", NEW_TOKEN_RESPONSE);
  oa2_test_server_set_delay (server, 500);

  for (guint i = 0; i < 3; i++)
    oa2_auth_ensure_token_async (OA2_AUTH (auth), cancellable, store_indexed, &results.results[i]);
  g_cancellable_cancel (cancellable);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) cancel_error = NULL;
      g_autoptr(OA2BearerToken) none = NULL;

      oa2_test_wait_result (&results.results[i]);
      none = oa2_auth_ensure_token_finish (OA2_AUTH (auth), results.results[i], &cancel_error);
      g_assert_error (cancel_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }

  oa2_test_server_set_delay (server, 0);
  token = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "new-at");
  results_clear (&results);
}

typedef struct {
  OA2Auth        *auth;
  OA2BearerToken *token;
} ThreadCall;

static gpointer
ensure_in_thread (gpointer data)
{
  ThreadCall *call = data;
  g_autoptr(GError) error = NULL;

  call->token = oa2_auth_ensure_token (call->auth, NULL, &error);
  g_assert_no_error (error);
  return NULL;
}

/* Blocking callers on several threads share one renewal too, and
 * token-changed comes in the main context of the handler's thread. */
static void
test_sync_threads (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2BearerToken) expired = make_token ("old-at", 0, "rt-1");
  g_autoptr(OA2AccessTokenAuth) auth = oa2_access_token_auth_new (client, expired);
  ThreadCall calls[8] = { { 0 } };
  GThread *threads[8];
  Changes changes = { 0 };

  oa2_test_server_respond (server, 200, "application/json", NEW_TOKEN_RESPONSE);
  oa2_test_server_set_delay (server, 200);
  g_signal_connect (auth, "token-changed", G_CALLBACK (on_token_changed), &changes);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      calls[i].auth = OA2_AUTH (auth);
      threads[i] = g_thread_new ("ensure", ensure_in_thread, &calls[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (calls[i].token == calls[0].token);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_clear_object (&calls[i].token);

  /* Not emitted in the worker threads: here, once this context runs. */
  g_assert_cmpuint (changes.count, ==, 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_true (changes.thread == g_thread_self ());
  oa2_test_thaw_clock ();
}

/* ---------------------------------------------------------------------- */
/* Leeway */

static void
test_leeway (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2BearerToken) token = make_token ("soon-at", 30, "rt-1");
  g_autoptr(OA2AccessTokenAuth) auth = oa2_access_token_auth_new (client, token);
  g_autoptr(OA2BearerToken) got = NULL;
  g_autoptr(OA2BearerToken) renewed = NULL;
  g_autoptr(GError) error = NULL;
  guint leeway = 0;

  oa2_test_server_respond (server, 200, "application/json", NEW_TOKEN_RESPONSE);
  g_assert_cmpuint (oa2_auth_get_leeway (OA2_AUTH (auth)), ==, 20);
  g_object_get (auth, "leeway", &leeway, NULL);
  g_assert_cmpuint (leeway, ==, 20);

  /* 30 s left, 20 s leeway: the token is still good. */
  got = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (got == token);
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 0);

  /* 25 s left: still good; 15 s left: within the leeway, renewed. */
  oa2_test_freeze_clock (NOW + 5);
  g_clear_object (&got);
  got = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (got == token);
  oa2_test_freeze_clock (NOW + 15);
  renewed = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (renewed), ==, "new-at");
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);

  /* A longer leeway renews earlier. */
  oa2_auth_set_leeway (OA2_AUTH (auth), 3600);
  g_clear_object (&got);
  got = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 2);
  oa2_test_thaw_clock ();
}

/* ---------------------------------------------------------------------- */
/* Sign-in required */

static void
test_invalid_grant (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2BearerToken) expired = make_token ("old-at", 0, "rt-1");
  g_autoptr(OA2AccessTokenAuth) auth = oa2_access_token_auth_new (client, expired);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) current = NULL;
  g_autoptr(GError) error = NULL;
  Changes changes = { 0 };

  oa2_test_server_respond (server, 400, "application/json",
                           "{\"error\":\"invalid_grant\",\"error_description\":\"Refresh token revoked\"}");
  g_signal_connect (auth, "token-changed", G_CALLBACK (on_token_changed), &changes);

  token = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, &error);
  g_assert_null (token);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_SIGN_IN_REQUIRED);
  g_assert_true (oa2_error_requires_interaction (error));
  g_assert_cmpstr (oa2_error_get_server_code (error), ==, "invalid_grant");
  g_assert_cmpstr (oa2_error_get_description (error), ==, "Refresh token revoked");
  g_assert_cmpuint (oa2_error_get_http_status (error), ==, 400);
  g_assert_cmpstr (error->message, ==,
                   "Sign-in required: the server no longer accepts the refresh token "
                   "[HTTP 400; error=\"invalid_grant\"; error_description=\"Refresh token revoked\"]");

  /* The stale token is gone, and the application was told. */
  current = oa2_auth_dup_token (OA2_AUTH (auth));
  g_assert_null (current);
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_true (changes.last_was_null);

  /* Nothing to refresh now: no request. */
  g_clear_error (&error);
  token = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_SIGN_IN_REQUIRED);
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);
  oa2_test_thaw_clock ();
}

static void
test_invalid_grant_async (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2BearerToken) expired = make_token ("old-at", 0, "rt-1");
  g_autoptr(OA2AccessTokenAuth) auth = oa2_access_token_auth_new (client, expired);
  g_autoptr(OA2BearerToken) current = NULL;
  Results results = { { 0 } };
  Changes changes = { 0 };

  oa2_test_server_respond (server, 400, "application/json", "{\"error\":\"invalid_grant\"}");
  oa2_test_server_set_delay (server, 100);
  g_signal_connect (auth, "token-changed", G_CALLBACK (on_token_changed), &changes);

  for (guint i = 0; i < 10; i++)
    oa2_auth_ensure_token_async (OA2_AUTH (auth), NULL, store_indexed, &results.results[i]);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2BearerToken) token = NULL;

      oa2_test_wait_result (&results.results[i]);
      token = oa2_auth_ensure_token_finish (OA2_AUTH (auth), results.results[i], &error);
      g_assert_error (error, OA2_ERROR, OA2_ERROR_SIGN_IN_REQUIRED);
    }
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);
  current = oa2_auth_dup_token (OA2_AUTH (auth));
  g_assert_null (current);
  g_assert_cmpuint (changes.count, ==, 1);
  results_clear (&results);
  oa2_test_thaw_clock ();
}

static void
test_no_refresh_token (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2BearerToken) expired = make_token ("old-at", 0, NULL);
  g_autoptr(OA2AccessTokenAuth) auth = oa2_access_token_auth_new (client, expired);
  g_autoptr(OA2AccessTokenAuth) empty = oa2_access_token_auth_new (client, NULL);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) current = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  token = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, &error);
  g_assert_null (token);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_SIGN_IN_REQUIRED);
  g_assert_cmpstr (error->message, ==,
                   "Sign-in required: the access token has expired and there is no refresh token");
  g_assert_null (oa2_error_get_server_code (error));
  current = oa2_auth_dup_token (OA2_AUTH (auth));
  g_assert_null (current);

  g_clear_error (&error);
  oa2_auth_ensure_token_async (OA2_AUTH (empty), NULL, oa2_test_store_result, &result);
  token = oa2_auth_ensure_token_finish (OA2_AUTH (empty), oa2_test_wait_result (&result), &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_SIGN_IN_REQUIRED);
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 0);
  oa2_test_thaw_clock ();
}

/* set_token: a restored token replaces the current one and is announced;
 * the one given at construction is not a change. */
static void
test_set_token (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2BearerToken) first = make_token ("first-at", 600, NULL);
  g_autoptr(OA2BearerToken) second = make_token ("second-at", 600, NULL);
  g_autoptr(OA2AccessTokenAuth) auth = oa2_access_token_auth_new (client, first);
  g_autoptr(OA2BearerToken) got = NULL;
  g_autoptr(OA2BearerToken) property = NULL;
  Changes changes = { 0 };

  g_signal_connect (auth, "token-changed", G_CALLBACK (on_token_changed), &changes);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (changes.count, ==, 0);

  oa2_auth_set_token (OA2_AUTH (auth), second);
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_true (changes.last == second);
  oa2_auth_set_token (OA2_AUTH (auth), second);
  g_assert_cmpuint (changes.count, ==, 1);
  got = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, NULL);
  g_assert_true (got == second);
  g_object_get (auth, "token", &property, NULL);
  g_assert_true (property == second);
  g_assert_true (oa2_access_token_auth_get_client (auth) == client);
  oa2_test_thaw_clock ();
}

/* ---------------------------------------------------------------------- */
/* Messages */

static void
test_authorize_and_retry (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(Resource) resource = resource_new ("Bearer new-at");
  g_autoptr(OA2Client) client = client_for (server);
  /* Not expired by its own clock, yet the resource server refuses it. */
  g_autoptr(OA2BearerToken) token = make_token ("revoked-at", 600, "rt-1");
  g_autoptr(OA2AccessTokenAuth) auth = oa2_access_token_auth_new (client, token);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = resource_uri (resource, "/api/things");
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  oa2_test_server_respond (server, 200, "application/json", NEW_TOKEN_RESPONSE);

  g_assert_true (oa2_auth_authorize_message (OA2_AUTH (auth), msg, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_request_headers (msg), "Authorization"), ==,
                   "Bearer revoked-at");
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 401);

  g_assert_true (oa2_auth_retry_message (OA2_AUTH (auth), msg, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_request_headers (msg), "Authorization"), ==,
                   "Bearer new-at");
  g_clear_pointer (&body, g_bytes_unref);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpuint (resource_hits (resource), ==, 2);

  /* A 200 asks for nothing. */
  g_assert_false (oa2_auth_retry_message (OA2_AUTH (auth), msg, NULL, &error));
  g_assert_no_error (error);
  oa2_test_thaw_clock ();
}

/* A server that refuses every token: one renewal per message, then the
 * 401 is the caller's. */
static void
test_retry_once (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(Resource) resource = resource_new ("Bearer nothing-is-accepted");
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2ClientCredentialsAuth) auth = oa2_client_credentials_auth_new (client, NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = resource_uri (resource, "/api");
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(SoupMessage) unstamped = soup_message_new ("GET", uri);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  oa2_test_server_respond (server, 200, "application/json", NEW_TOKEN_RESPONSE);
  g_assert_true (oa2_auth_authorize_message (OA2_AUTH (auth), msg, NULL, &error));
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (oa2_auth_retry_message (OA2_AUTH (auth), msg, NULL, &error));
  g_clear_pointer (&body, g_bytes_unref);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
  g_assert_false (oa2_auth_retry_message (OA2_AUTH (auth), msg, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 2);

  /* A message the handler did not stamp is not its business. */
  g_clear_pointer (&body, g_bytes_unref);
  body = soup_session_send_and_read (session, unstamped, NULL, &error);
  g_assert_false (oa2_auth_retry_message (OA2_AUTH (auth), unstamped, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 2);
}

typedef struct {
  SoupMessage  *msg;
  GAsyncResult *result;
} AsyncMessage;

/* Messages refused the same token share one renewal. */
static void
test_retry_async_shared (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(Resource) resource = resource_new ("Bearer new-at");
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2BearerToken) token = make_token ("revoked-at", 600, "rt-1");
  g_autoptr(OA2AccessTokenAuth) auth = oa2_access_token_auth_new (client, token);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = resource_uri (resource, "/api");
  AsyncMessage messages[20] = { { 0 } };
  Changes changes = { 0 };

  oa2_test_server_respond (server, 200, "application/json", NEW_TOKEN_RESPONSE);
  oa2_test_server_set_delay (server, 100);
  g_signal_connect (auth, "token-changed", G_CALLBACK (on_token_changed), &changes);

  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      g_autoptr(GError) error = NULL;

      messages[i].msg = soup_message_new ("GET", uri);
      oa2_auth_authorize_message_async (OA2_AUTH (auth), messages[i].msg, NULL, oa2_test_store_result,
                                        &messages[i].result);
      g_assert_true (oa2_auth_authorize_message_finish (OA2_AUTH (auth),
                                                        oa2_test_wait_result (&messages[i].result), &error));
      g_assert_no_error (error);
      g_clear_object (&messages[i].result);
      g_bytes_unref (soup_session_send_and_read (session, messages[i].msg, NULL, &error));
      g_assert_cmpuint (soup_message_get_status (messages[i].msg), ==, 401);
    }
  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    oa2_auth_retry_message_async (OA2_AUTH (auth), messages[i].msg, NULL, oa2_test_store_result,
                                  &messages[i].result);
  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (oa2_auth_retry_message_finish (OA2_AUTH (auth),
                                                    oa2_test_wait_result (&messages[i].result), &error));
      g_assert_no_error (error);
      g_bytes_unref (soup_session_send_and_read (session, messages[i].msg, NULL, &error));
      g_assert_cmpuint (soup_message_get_status (messages[i].msg), ==, 200);
      g_clear_object (&messages[i].result);
      g_clear_object (&messages[i].msg);
    }
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);
  g_assert_cmpuint (changes.count, ==, 1);
  oa2_test_thaw_clock ();
}

/* A refused refresh during the retry: sign-in required, no second send. */
static void
test_retry_sign_in_required (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(Resource) resource = resource_new ("Bearer new-at");
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2BearerToken) token = make_token ("revoked-at", 600, "rt-1");
  g_autoptr(OA2AccessTokenAuth) auth = oa2_access_token_auth_new (client, token);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = resource_uri (resource, "/api");
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) current = NULL;

  oa2_test_server_respond (server, 400, "application/json", "{\"error\":\"invalid_grant\"}");
  g_assert_true (oa2_auth_authorize_message (OA2_AUTH (auth), msg, NULL, &error));
  g_bytes_unref (soup_session_send_and_read (session, msg, NULL, &error));
  g_assert_no_error (error);
  oa2_auth_retry_message_async (OA2_AUTH (auth), msg, NULL, oa2_test_store_result, &result);
  g_assert_false (oa2_auth_retry_message_finish (OA2_AUTH (auth), oa2_test_wait_result (&result), &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_SIGN_IN_REQUIRED);
  current = oa2_auth_dup_token (OA2_AUTH (auth));
  g_assert_null (current);
  oa2_test_thaw_clock ();
}

/* A session that follows redirects: the token must not follow one to
 * another origin (a DPoP proof neither). */
static void
test_cross_origin_redirect (gconstpointer data)
{
  gboolean dpop = GPOINTER_TO_INT (data);
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(OA2TestServer) origin = oa2_test_server_new ();
  g_autoptr(Resource) other = resource_new (NULL);
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPKey) key = dpop ? oa2_dpop_key_generate ("ES256", &error) : NULL;
  g_autoptr(OA2ClientCredentialsAuth) auth = oa2_client_credentials_auth_new_full (client, NULL, NULL, NULL, key);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = oa2_test_server_uri (origin, "/api");
  g_autofree char *target = resource_uri (other, "/steal");
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *seen_at_origin = NULL;

  g_assert_no_error (error);
  oa2_test_server_respond (server, 200, "application/json",
                           dpop ? "{\"access_token\":\"at-1\",\"token_type\":\"DPoP\",\"expires_in\":3600}"
                                : "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
  oa2_test_server_respond (origin, 302, "text/plain", "");
  oa2_test_server_add_response_header (origin, "Location", target);

  g_assert_true (oa2_auth_authorize_message (OA2_AUTH (auth), msg, NULL, &error));
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  seen_at_origin = oa2_test_server_dup_last_header (origin, "Authorization");
  g_assert_cmpstr (seen_at_origin, ==, dpop ? "DPoP at-1" : "Bearer at-1");
  g_assert_cmpuint (resource_hits (other), ==, 1);
  g_assert_null (other->last_authorization);
  g_assert_null (soup_message_headers_get_one (soup_message_get_request_headers (msg), "DPoP"));
}

/* ---------------------------------------------------------------------- */
/* Client credentials */

static void
test_client_credentials_request (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(GHashTable) extra = oa2_test_params ("audience", "https://api.example", NULL);
  const char *resources[] = { "https://api.example/", NULL };
  g_autoptr(OA2ClientCredentialsAuth) auth =
    oa2_client_credentials_auth_new_full (client, "read write", resources, extra, NULL);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", "https://api.example/things");

  /* The handler copied the table. */
  g_hash_table_insert (extra, g_strdup ("later"), g_strdup ("ignored"));
  oa2_test_server_respond (server, 200, "application/json",
                           "{\"access_token\":\"cc-at\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
  token = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "cc-at");
  body = oa2_test_server_dup_last_body (server);
  g_assert_cmpstr (body, ==,
                   "grant_type=client_credentials&scope=read+write&resource=https%3A%2F%2Fapi.example%2F"
                   "&audience=https%3A%2F%2Fapi.example&client_id=c1&client_secret=s1");
  again = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, &error);
  g_assert_true (again == token);
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);

  g_assert_cmpstr (oa2_client_credentials_auth_get_scope (auth), ==, "read write");
  g_assert_cmpstrv (oa2_client_credentials_auth_get_resources (auth), resources);
  g_assert_null (oa2_client_credentials_auth_get_dpop_key (auth));
  g_assert_true (oa2_client_credentials_auth_get_client (auth) == client);

  g_assert_true (oa2_auth_authorize_message (OA2_AUTH (auth), msg, NULL, &error));
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_request_headers (msg), "Authorization"), ==,
                   "Bearer cc-at");
}

static void
test_client_credentials_dpop (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPKey) key = oa2_dpop_key_generate ("ES256", &error);
  g_autoptr(OA2ClientCredentialsAuth) auth = NULL;
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", "https://api.example/things?x=1");
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *proof_header = NULL;
  const char *proof;

  g_assert_no_error (error);
  auth = oa2_client_credentials_auth_new_full (client, NULL, NULL, NULL, key);
  oa2_test_server_respond (server, 200, "application/json",
                           "{\"access_token\":\"dpop-at\",\"token_type\":\"DPoP\",\"expires_in\":3600}");

  oa2_auth_authorize_message_async (OA2_AUTH (auth), msg, NULL, oa2_test_store_result, &result);
  g_assert_true (oa2_auth_authorize_message_finish (OA2_AUTH (auth), oa2_test_wait_result (&result), &error));
  g_assert_no_error (error);
  proof_header = oa2_test_server_dup_last_header (server, "DPoP");
  g_assert_nonnull (proof_header);   /* the token request carried a proof */
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_request_headers (msg), "Authorization"), ==,
                   "DPoP dpop-at");
  proof = soup_message_headers_get_one (soup_message_get_request_headers (msg), "DPoP");
  g_assert_nonnull (proof);
  g_assert_cmpstr (proof, !=, proof_header);
  {
    g_autoptr(OA2BearerToken) token = oa2_auth_dup_token (OA2_AUTH (auth));

    g_assert_true (OA2_IS_DPOP_TOKEN (token));
    g_assert_true (oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (token)) == key);
  }
}

/* ---------------------------------------------------------------------- */
/* Token exchange */

static void
test_token_exchange (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2BearerToken) user_token = make_token ("user-at", 600, NULL);
  g_autoptr(OA2AccessTokenAuth) user = oa2_access_token_auth_new (client, user_token);
  g_autoptr(OA2TokenExchangeAuth) backend = oa2_token_exchange_auth_new (client, OA2_AUTH (user), "backend", "read");
  g_autoptr(OA2BearerToken) expired_user_token = make_token ("expired-user-at", 0, NULL);
  g_autoptr(OA2BearerToken) current = NULL;
  g_autofree char *body = NULL;
  Results results = { { 0 } };

  oa2_test_server_respond (server, 200, "application/json",
                           "{\"access_token\":\"backend-at\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                           "\"issued_token_type\":\"urn:ietf:params:oauth:token-type:access_token\"}");
  oa2_test_server_set_delay (server, 100);
  for (guint i = 0; i < 20; i++)
    oa2_auth_ensure_token_async (OA2_AUTH (backend), NULL, store_indexed, &results.results[i]);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2BearerToken) token = NULL;

      oa2_test_wait_result (&results.results[i]);
      token = oa2_auth_ensure_token_finish (OA2_AUTH (backend), results.results[i], &error);
      g_assert_no_error (error);
      g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "backend-at");
    }
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);
  body = oa2_test_server_dup_last_body (server);
  g_assert_nonnull (strstr (body, "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange"));
  g_assert_nonnull (strstr (body, "subject_token=user-at"));
  g_assert_nonnull (strstr (body, "subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token"));
  g_assert_nonnull (strstr (body, "audience=backend"));
  g_assert_nonnull (strstr (body, "scope=read"));
  g_assert_true (oa2_token_exchange_auth_get_subject (backend) == OA2_AUTH (user));
  g_assert_true (oa2_token_exchange_auth_get_client (backend) == client);
  g_assert_cmpstr (oa2_token_exchange_auth_get_audience (backend), ==, "backend");
  g_assert_cmpstr (oa2_token_exchange_auth_get_scope (backend), ==, "read");
  results_clear (&results);

  /* The user's token expires without a refresh token: the exchange cannot
   * happen, and this handler's token goes too. */
  oa2_auth_set_token (OA2_AUTH (user), expired_user_token);
  oa2_test_freeze_clock (NOW + 7200);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(OA2BearerToken) token = oa2_auth_ensure_token (OA2_AUTH (backend), NULL, &error);

    g_assert_null (token);
    g_assert_error (error, OA2_ERROR, OA2_ERROR_SIGN_IN_REQUIRED);
  }
  current = oa2_auth_dup_token (OA2_AUTH (backend));
  g_assert_null (current);
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);
  oa2_test_thaw_clock ();
}

int
main (int   argc,
      char *argv[])
{
  oa2_test_init (&argc, &argv);

  g_test_add_func ("/auth/single-flight/concurrent", test_concurrent_renewal);
  g_test_add_func ("/auth/single-flight/failure-reaches-all", test_failed_renewal_reaches_all);
  g_test_add_func ("/auth/single-flight/cancel-one", test_cancel_one_waiter);
  g_test_add_func ("/auth/single-flight/cancel-every", test_cancel_every_waiter);
  g_test_add_func ("/auth/single-flight/threads", test_sync_threads);
  g_test_add_func ("/auth/leeway", test_leeway);
  g_test_add_func ("/auth/sign-in-required/invalid-grant", test_invalid_grant);
  g_test_add_func ("/auth/sign-in-required/invalid-grant-async", test_invalid_grant_async);
  g_test_add_func ("/auth/sign-in-required/no-refresh-token", test_no_refresh_token);
  g_test_add_func ("/auth/set-token", test_set_token);
  g_test_add_func ("/auth/message/retry-invalid-token", test_authorize_and_retry);
  g_test_add_func ("/auth/message/retry-once", test_retry_once);
  g_test_add_func ("/auth/message/retry-async-shared", test_retry_async_shared);
  g_test_add_func ("/auth/message/retry-sign-in-required", test_retry_sign_in_required);
  g_test_add_data_func ("/auth/message/cross-origin-redirect/bearer", GINT_TO_POINTER (FALSE),
                        test_cross_origin_redirect);
  g_test_add_data_func ("/auth/message/cross-origin-redirect/dpop", GINT_TO_POINTER (TRUE),
                        test_cross_origin_redirect);
  g_test_add_func ("/auth/client-credentials/request", test_client_credentials_request);
  g_test_add_func ("/auth/token-exchange", test_token_exchange);
  g_test_add_func ("/auth/client-credentials/dpop", test_client_credentials_dpop);

  return g_test_run ();
}
