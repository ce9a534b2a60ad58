/* transport-test.c: timeout, size cap, retries and tracing of the one I/O path
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-test-raw-server.h"
#include "oa2-test-server.h"

#include "oa2-transport-private.h"

typedef struct {
  OA2TestServer *server;
  SoupSession   *session;
  char          *uri;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->server = oa2_test_server_new ();
  f->session = soup_session_new ();
  f->uri = oa2_test_server_uri (f->server, "/token");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_free (f->uri);
  /* libsoup drops its last references to the session from idle callbacks
   * of finished async requests. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (g_steal_pointer (&f->session));
  g_clear_pointer (&f->server, oa2_test_server_free);
}

static OA2HttpRequest *
form_request (const char *uri)
{
  OA2HttpRequest *request = oa2_http_request_new ("POST", uri, "token endpoint");

  request->form = oa2_form_new ();
  oa2_form_add (request->form, "grant_type", "client_credentials");
  oa2_form_add (request->form, "client_secret", "hunter2");
  return request;
}

/* Sends one request, blocking or asynchronously; the asynchronous one is
 * a named task, so that it can be told apart in a debugger or sysprof. */
static OA2HttpResponse *
send_request (const OA2TransportConfig  *config,
              const char                *uri,
              const OA2TransportHooks   *hooks,
              gboolean                   async,
              GError                   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (!async)
    return oa2_transport_send (config, form_request (uri), hooks, NULL, error);
  oa2_transport_send_async (config, form_request (uri), hooks, NULL, oa2_test_store_result, &result);
  oa2_test_wait_result (&result);
  g_assert_cmpstr (g_task_get_name (G_TASK (result)), ==, "oa2_transport_send_async");
  return oa2_transport_send_finish (result, error);
}

static OA2HttpResponse *
send (Fixture                   *f,
      const OA2TransportConfig  *config,
      const OA2TransportHooks   *hooks,
      gboolean                   async,
      GError                   **error)
{
  return send_request (config, f->uri, hooks, async, error);
}

static void
test_timeout (Fixture *f, gconstpointer data)
{
  OA2TransportConfig config = { f->session, 1, 1024 * 1024 };
  gboolean async = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2HttpResponse) response = NULL;
  gint64 start = g_get_monotonic_time ();

  oa2_test_server_set_delay (f->server, 5000);
  response = send (f, &config, NULL, async, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpstr (error->message, ==, "The token endpoint did not answer within 1 second");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
}

/* Whether a thread of this process bears @name (Linux). */
static gboolean
thread_exists (const char *name)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *tid;

  g_assert_nonnull (dir);
  while ((tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/task", tid, "comm", NULL);
      g_autofree char *comm = NULL;

      if (g_file_get_contents (path, &comm, NULL, NULL) && g_strcmp0 (g_strchomp (comm), name) == 0)
        return TRUE;
    }
  return FALSE;
}

/* An asynchronous request times out on the main context that was the
 * thread-default one when it started, and needs no thread for it: only
 * the blocking calls, which occupy their caller's thread, use the
 * watchdog thread. Run in a subprocess, where no earlier test started
 * that thread. */
static void
test_async_timeout_without_thread (void)
{
  g_autoptr(OA2TestServer) server = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2HttpResponse) response = NULL;
  g_autofree char *uri = NULL;
  OA2TransportConfig config = { NULL, 1, 1024 };

  if (!g_file_test ("/proc/self/task", G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("needs /proc/self/task to list threads");
      return;
    }
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  server = oa2_test_server_new ();
  uri = oa2_test_server_uri (server, "/token");
  session = soup_session_new ();
  config.session = session;
  context = g_main_context_new ();

  /* The server answers after 5 s: a timeout source attached anywhere but
   * to @context would let the answer arrive first. */
  oa2_test_server_set_delay (server, 5000);
  g_main_context_push_thread_default (context);
  oa2_transport_send_async (&config, form_request (uri), NULL, NULL, oa2_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  response = oa2_transport_send_finish (result, &error);
  g_main_context_pop_thread_default (context);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_false (thread_exists ("oa2-watchdog"));

  /* The thread is found when it runs: a blocking call starts it. */
  g_clear_error (&error);
  oa2_test_server_set_delay (server, 0);
  response = oa2_transport_send (&config, form_request (uri), NULL, NULL, &error);
  g_assert_no_error (error);
  /* The new thread names itself once it runs, which may be after the call
   * returned: wait for it, for at most 10 s. */
  for (guint i = 0; i < 1000 && !thread_exists ("oa2-watchdog"); i++)
    g_usleep (10 * G_TIME_SPAN_MILLISECOND);
  g_assert_true (thread_exists ("oa2-watchdog"));
}

static void
test_size_cap (Fixture *f, gconstpointer data)
{
  OA2TransportConfig config = { f->session, 30, 4096 };
  gboolean async = GPOINTER_TO_INT (data) & 1;
  gboolean chunked = GPOINTER_TO_INT (data) & 2;
  g_autofree char *big = g_strnfill (4097, ' ');
  g_autofree char *fits = g_strnfill (4096, ' ');
  g_autoptr(GBytes) big_bytes = g_bytes_new (big, 4097);
  g_autoptr(GBytes) fits_bytes = g_bytes_new (fits, 4096);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2HttpResponse) response = NULL;
  g_autoptr(OA2HttpResponse) ok = NULL;

  oa2_test_server_respond_bytes (f->server, 200, "application/json", big_bytes, chunked);
  response = send (f, &config, NULL, async, &error);
  g_assert_null (response);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_RESPONSE_TOO_LARGE);
  g_clear_error (&error);

  /* Exactly at the cap is fine. */
  oa2_test_server_respond_bytes (f->server, 200, "application/json", fits_bytes, chunked);
  ok = send (f, &config, NULL, async, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (ok->body), ==, 4096);
}

/* Bodies far larger than the first read, with an announced length and
 * chunked, arrive whole and unchanged as the reads grow. */
static void
test_large_body (Fixture *f, gconstpointer data)
{
  OA2TransportConfig config = { f->session, 30, 1024 * 1024 };
  gboolean async = GPOINTER_TO_INT (data) & 1;
  gboolean chunked = GPOINTER_TO_INT (data) & 2;
  gsize sizes[] = { 1, 255, 256, 257, 4095, 4096, 4097, 65536, 300001, 1024 * 1024 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree guint8 *data_in = g_malloc (MAX (sizes[i], 1));
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2HttpResponse) response = NULL;

      for (gsize j = 0; j < sizes[i]; j++)
        data_in[j] = (guint8) (j * 7 + j / 251);
      body = g_bytes_new (data_in, sizes[i]);
      oa2_test_server_respond_bytes (f->server, 200, "application/json", body, chunked);
      response = send (f, &config, NULL, async, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (response->body, body));
    }
}

typedef struct {
  const char *uri;
  SoupSession *session;
  GError *error;
} SlowCall;

static gpointer
slow_call_thread (gpointer data)
{
  SlowCall *call = data;
  OA2TransportConfig config = { call->session, 20, 1024 };
  OA2HttpResponse *response = oa2_transport_send (&config, form_request (call->uri), NULL, NULL, &call->error);

  g_clear_pointer (&response, oa2_http_response_free);
  return NULL;
}

/* Blocking calls share one watchdog thread: a call with a short timeout,
 * made while that thread waits for the later deadline of another call,
 * still times out on time, and the other call is left alone. */
static void
test_sync_earlier_deadline (void)
{
  g_autoptr(OA2TestServer) slow = oa2_test_server_new ();
  g_autoptr(OA2TestServer) slower = oa2_test_server_new ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *slow_uri = oa2_test_server_uri (slow, "/token");
  g_autofree char *slower_uri = oa2_test_server_uri (slower, "/token");
  OA2TransportConfig config = { session, 1, 1024 };
  SlowCall call = { slow_uri, session, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2HttpResponse) response = NULL;
  GThread *thread;
  gint64 start;

  oa2_test_server_set_delay (slow, 3000);
  oa2_test_server_set_delay (slower, 5000);
  thread = g_thread_new ("slow-call", slow_call_thread, &call);
  g_usleep (300 * G_TIME_SPAN_MILLISECOND);

  start = g_get_monotonic_time ();
  response = oa2_transport_send (&config, form_request (slower_uri), NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2500 * G_TIME_SPAN_MILLISECOND);

  g_thread_join (thread);
  g_assert_no_error (call.error);
}

static void
test_connection_refused (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  OA2TransportConfig config = { session, 30, 1024 };
  g_autofree char *uri = oa2_test_closed_port_uri ("/token");

  for (int async = 0; async < 2; async++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2HttpResponse) response = send_request (&config, uri, NULL, async, &error);

      g_assert_null (response);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
    }
}

/* Credentials never go to plain http on the network, and nothing is sent. */
static void
test_insecure_refused (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  OA2TransportConfig config = { session, 30, 1024 };
  const struct { const char *uri; OA2Error code; } cases[] = {
    { "http://as.example/token", OA2_ERROR_INSECURE_TRANSPORT },
    { "http://10.0.0.1/token", OA2_ERROR_INSECURE_TRANSPORT },
    { "ftp://as.example/token", OA2_ERROR_INVALID_ARGUMENT },
    { "/token", OA2_ERROR_INVALID_ARGUMENT },
    { "https://as.example/token#frag", OA2_ERROR_INVALID_ARGUMENT },
    { "", OA2_ERROR_INVALID_ARGUMENT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2HttpResponse) response = oa2_transport_send (&config, form_request (cases[i].uri), NULL, NULL, &error);

      g_assert_null (response);
      g_assert_error (error, OA2_ERROR, (gint) cases[i].code);
    }
}

/* A server that announces more than it sends and closes the connection
 * has not sent the whole answer, even when the part that arrived happens
 * to be complete JSON; one that sends what it announced is fine. */
static void
test_truncated_body (gconstpointer data)
{
  static const char body[] = "{\"access_token\":\"AT\",\"token_type\":\"Bearer\"}";
  const struct { gsize declared; gboolean complete; } cases[] = {
    { 100, FALSE },
    { sizeof body - 1, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *reply = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                                                "Content-Type: application/json\r\n"
                                                "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                                "Connection: close\r\n"
                                                "\r\n%s", cases[i].declared, body);
      g_autoptr(OA2TestRawServer) server = oa2_test_raw_server_new (reply);
      g_autoptr(SoupSession) session = soup_session_new ();
      OA2TransportConfig config = { session, 30, 1024 };
      g_autofree char *uri = oa2_test_raw_server_uri (server, "/token");
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2HttpResponse) response = send_request (&config, uri, NULL, GPOINTER_TO_INT (data), &error);

      g_assert_cmpuint (oa2_test_raw_server_get_connections (server), ==, 1);
      if (cases[i].complete)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (g_bytes_get_size (response->body), ==, sizeof body - 1);
        }
      else
        {
          g_assert_null (response);
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
          g_assert_cmpstr (error->message, ==,
                           "The token endpoint closed the connection after 43 bytes of the 100 bytes it announced");
        }
    }
}

/* Plain http is allowed to a loopback host because the traffic stays on
 * the machine; through a proxy it would not, so such a request is refused
 * unless the session's proxy resolver sends it direct. The proxy here is
 * a listener that counts connections and answers like a server. */
static void
test_loopback_http_not_proxied (Fixture *f, gconstpointer data)
{
  gboolean async = GPOINTER_TO_INT (data);
  g_autoptr(OA2TestRawServer) proxy = oa2_test_raw_server_new ("HTTP/1.1 200 OK\r\n"
                                                               "Content-Type: application/json\r\n"
                                                               "Content-Length: 2\r\n"
                                                               "\r\n{}");
  g_autofree char *proxy_uri = oa2_test_raw_server_uri (proxy, "");
  const char * const direct_hosts[] = { "127.0.0.1", NULL };
  g_autoptr(GProxyResolver) everything_proxied = g_simple_proxy_resolver_new (proxy_uri, NULL);
  g_autoptr(GProxyResolver) loopback_direct = g_simple_proxy_resolver_new (proxy_uri, (char **) direct_hosts);
  g_autoptr(SoupSession) proxied_session = soup_session_new_with_options ("proxy-resolver", everything_proxied, NULL);
  g_autoptr(SoupSession) direct_session = soup_session_new_with_options ("proxy-resolver", loopback_direct, NULL);
  OA2TransportConfig proxied = { proxied_session, 30, 1024 };
  OA2TransportConfig direct = { direct_session, 30, 1024 };
  g_autoptr(GUri) server_uri = g_uri_parse (f->uri, G_URI_FLAGS_NONE, NULL);
  guint port = g_uri_get_port (server_uri);
  g_autofree char *https_uri = g_strdup_printf ("https://127.0.0.1:%u/token", port);
  const char * const hosts[] = { "127.0.0.1", "localhost", "[::1]" };
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2HttpResponse) response = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    {
      g_autofree char *uri = g_strdup_printf ("http://%s:%u/token", hosts[i], port);

      g_autofree char *message = g_strdup_printf ("Refusing to send credentials to “%s” through a proxy: plain http "
                                                  "is only allowed directly to a loopback address; exclude it from "
                                                  "the proxy, or use https", uri);

      response = send_request (&proxied, uri, NULL, async, &error);
      g_assert_null (response);
      g_assert_error (error, OA2_ERROR, OA2_ERROR_INSECURE_TRANSPORT);
      g_assert_cmpstr (error->message, ==, message);
      g_clear_error (&error);
    }
  g_assert_cmpuint (oa2_test_raw_server_get_connections (proxy), ==, 0);
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 0);

  /* A resolver that answers direct:// for the host lets the request go. */
  response = send_request (&direct, f->uri, NULL, async, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
  g_clear_pointer (&response, oa2_http_response_free);
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 1);
  g_assert_cmpuint (oa2_test_raw_server_get_connections (proxy), ==, 0);

  /* The listener does see what goes through the proxy: https may. */
  response = send_request (&proxied, https_uri, NULL, async, &error);
  g_assert_null (response);
  g_assert_nonnull (error);
  g_assert_cmpuint (oa2_test_raw_server_get_connections (proxy), ==, 1);
}

/* The https rule over real TLS: a token request to a server whose
 * certificate the session trusts succeeds; without the test CA, the TLS
 * error comes back unchanged; plain http to a host that is not loopback is
 * refused before anything is sent. */
static void
test_https (gconstpointer data)
{
  gboolean async = GPOINTER_TO_INT (data);
  g_autoptr(OA2TestServer) server = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(SoupSession) trusting_session = NULL;
  g_autoptr(SoupSession) default_session = NULL;
  g_autoptr(GUri) server_uri = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *not_loopback_uri = NULL;
  g_autofree char *grant = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2HttpResponse) response = NULL;
  OA2TransportConfig trusting = { NULL, 30, 1024 };
  OA2TransportConfig untrusting = { NULL, 30, 1024 };

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("no TLS backend");
      return;
    }
  server = oa2_test_server_new_https ();
  database = oa2_test_server_new_tls_database (server);
  trusting_session = soup_session_new_with_options ("tls-database", database, NULL);
  default_session = soup_session_new ();
  trusting.session = trusting_session;
  untrusting.session = default_session;
  uri = oa2_test_server_uri (server, "/token");
  server_uri = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  g_assert_cmpstr (g_uri_get_scheme (server_uri), ==, "https");
  oa2_test_server_respond (server, 200, "application/json",
                           "{\"access_token\":\"AT\",\"token_type\":\"Bearer\"}");

  response = send_request (&trusting, uri, NULL, async, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
  g_clear_pointer (&response, oa2_http_response_free);
  grant = oa2_test_server_dup_last_body (server);
  g_assert_nonnull (strstr (grant, "grant_type=client_credentials"));
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);

  /* The system's trust store does not know the test CA. */
  response = send_request (&untrusting, uri, NULL, async, &error);
  g_assert_null (response);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_clear_error (&error);
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);

  not_loopback_uri = g_strdup_printf ("http://oa2-test.invalid:%d/token", g_uri_get_port (server_uri));
  response = send_request (&trusting, not_loopback_uri, NULL, async, &error);
  g_assert_null (response);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INSECURE_TRANSPORT);
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);
}

typedef struct {
  guint prepared;
  guint inspected;
} RetryState;

static gboolean
prepare_counting (OA2HttpAttempt *attempt, guint n, gpointer user_data, GError **error)
{
  RetryState *state = user_data;
  g_autofree char *value = g_strdup_printf ("attempt-%u", n);

  state->prepared++;
  soup_message_headers_replace (attempt->headers, "X-Attempt", value);
  return TRUE;
}

static gboolean
retry_always (const OA2HttpResponse *response, guint n, gpointer user_data)
{
  RetryState *state = user_data;

  state->inspected++;
  return TRUE;
}

/* A response inspector may ask for one more attempt, never more; each
 * attempt is prepared afresh. */
static void
test_bounded_retry (Fixture *f, gconstpointer data)
{
  OA2TransportConfig config = { f->session, 30, 1024 };
  RetryState state = { 0, 0 };
  OA2TransportHooks hooks = { prepare_counting, retry_always, &state, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2HttpResponse) response = send (f, &config, &hooks, GPOINTER_TO_INT (data), &error);
  g_autofree char *last_attempt = oa2_test_server_dup_last_header (f->server, "X-Attempt");

  g_assert_no_error (error);
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, OA2_TRANSPORT_MAX_ATTEMPTS);
  g_assert_cmpuint (state.prepared, ==, OA2_TRANSPORT_MAX_ATTEMPTS);
  g_assert_cmpuint (state.inspected, ==, OA2_TRANSPORT_MAX_ATTEMPTS - 1);
  g_assert_cmpstr (last_attempt, ==, "attempt-2");
}

static gboolean
prepare_failing (OA2HttpAttempt *attempt, guint n, gpointer user_data, GError **error)
{
  g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT, "no key");
  return FALSE;
}

static void
test_prepare_error (Fixture *f, gconstpointer data)
{
  OA2TransportConfig config = { f->session, 30, 1024 };
  OA2TransportHooks hooks = { prepare_failing, NULL, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2HttpResponse) response = send (f, &config, &hooks, GPOINTER_TO_INT (data), &error);

  g_assert_null (response);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 0);
}

/* A redirect is reported, not followed: credentials stay where they were
 * meant to go. */
static void
test_redirect_not_followed (Fixture *f, gconstpointer data)
{
  OA2TransportConfig config = { f->session, 30, 1024 };
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2HttpResponse) response = NULL;

  oa2_test_server_respond (f->server, 302, "text/plain", "");
  oa2_test_server_add_response_header (f->server, "Location", "https://evil.example/collect");
  response = send (f, &config, NULL, GPOINTER_TO_INT (data), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 302);
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 1);
}

/* Sync and async calls take turns on one session and its kept-alive
 * connection. */
static void
test_sync_async_interleaved (Fixture *f, gconstpointer data)
{
  OA2TransportConfig config = { f->session, 30, 1024 };

  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2HttpResponse) response = send (f, &config, NULL, i % 2, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (response->status, ==, 200);
    }
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 6);
}

/* G_MESSAGES_DEBUG=OA2 shows the exchange, never a secret. */
static void
test_trace_redacted (Fixture *f, gconstpointer data)
{
  OA2TransportConfig config = { f->session, 30, 4096 };
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2HttpRequest) request = form_request (f->uri);
  g_autoptr(OA2HttpResponse) response = NULL;

  soup_message_headers_replace (request->headers, "Authorization", "Basic c2VjcmV0OnNlY3JldA==");
  oa2_test_server_respond (f->server, 200, "application/json",
                           "{\"access_token\":\"AT-SECRET\",\"refresh_token\":\"RT-SECRET\","
                           "\"id_token\":\"ID-SECRET\",\"token_type\":\"Bearer\",\"scope\":\"visible\"}");
  oa2_test_server_add_response_header (f->server, "Set-Cookie", "session=COOKIE-SECRET");
  oa2_test_trace_begin ();
  response = oa2_transport_send (&config, g_steal_pointer (&request), NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_nonnull (strstr (oa2_test_trace_text (), "POST http://127.0.0.1:"));
  g_assert_nonnull (strstr (oa2_test_trace_text (), "grant_type=client_credentials"));
  g_assert_nonnull (strstr (oa2_test_trace_text (), "visible"));
  g_assert_nonnull (strstr (oa2_test_trace_text (), "client_secret=[redacted]"));
  g_assert_null (strstr (oa2_test_trace_text (), "hunter2"));
  g_assert_null (strstr (oa2_test_trace_text (), "c2VjcmV0"));
  g_assert_null (strstr (oa2_test_trace_text (), "AT-SECRET"));
  g_assert_null (strstr (oa2_test_trace_text (), "RT-SECRET"));
  g_assert_null (strstr (oa2_test_trace_text (), "ID-SECRET"));
  g_assert_null (strstr (oa2_test_trace_text (), "COOKIE-SECRET"));

  /* Secrets in arrays, and in form-encoded answers, are hidden too. */
  g_clear_pointer (&response, oa2_http_response_free);
  oa2_test_server_respond (f->server, 200, "application/json",
                           "[{\"access_token\":\"ARRAY-SECRET\",\"error\":\"shown-error\"}]");
  response = oa2_transport_send (&config, form_request (f->uri), NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&response, oa2_http_response_free);
  oa2_test_server_respond (f->server, 200, "application/x-www-form-urlencoded",
                           "access_token=FORM-SECRET&token_type=bearer&refresh_token=FORM-RT");
  response = oa2_transport_send (&config, form_request (f->uri), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (oa2_test_trace_text (), "shown-error"));
  g_assert_nonnull (strstr (oa2_test_trace_text (), "token_type=bearer"));
  g_assert_null (strstr (oa2_test_trace_text (), "ARRAY-SECRET"));
  g_assert_null (strstr (oa2_test_trace_text (), "FORM-SECRET"));
  g_assert_null (strstr (oa2_test_trace_text (), "FORM-RT"));
  oa2_test_trace_end ();
}

/* A body the strict JSON parser refuses cannot be redacted member by
 * member (a repeated member, a trailing comma, an escaped NUL): its text is
 * never shown either. */
static void
test_trace_refused_json (Fixture *f, gconstpointer data)
{
  static const char * const bodies[] = {
    "{\"access_token\":\"DUP-SECRET\",\"access_token\":\"x\",\"token_type\":\"Bearer\"}",
    " [{\"refresh_token\":\"COMMA-SECRET\"},]",
    "{\"id_token\":\"NUL-SECRET\",\"x\":\"\\u0000\"}",
  };
  OA2TransportConfig config = { f->session, 30, 4096 };

  oa2_test_trace_begin ();
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2HttpResponse) response = NULL;

      oa2_test_server_respond (f->server, 200, "application/json", bodies[i]);
      response = oa2_transport_send (&config, form_request (f->uri), NULL, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_null (strstr (oa2_test_trace_text (), "DUP-SECRET"));
  g_assert_null (strstr (oa2_test_trace_text (), "COMMA-SECRET"));
  g_assert_null (strstr (oa2_test_trace_text (), "NUL-SECRET"));
  oa2_test_trace_end ();
}

typedef struct {
  OA2TransportConfig  config;
  const char         *uri;
  GMainLoop          *loop;
  guint               status;
} InLoop;

static gboolean
send_blocking_from_loop (gpointer user_data)
{
  InLoop *in_loop = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2HttpResponse) response = send_request (&in_loop->config, in_loop->uri, NULL, FALSE, &error);

  g_assert_no_error (error);
  in_loop->status = response->status;
  g_main_loop_quit (in_loop->loop);
  return G_SOURCE_REMOVE;
}

/* A server may ask for a client certificate without requiring one. A
 * blocking request that has none to give, made from a callback of the
 * running main loop (a GTK signal handler, a GLib.idle_add in a script),
 * goes on without one: libsoup's own TLS interaction would wait for that
 * main loop, which waits for the request. Run in a subprocess, so that
 * a hang fails the test instead of stalling the suite. */
static void
test_certificate_requested_blocking_in_loop (void)
{
  g_autoptr(OA2TestServer) server = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *uri = NULL;
  InLoop in_loop = { { NULL, 30, 1024 }, NULL, NULL, 0 };

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("no TLS backend");
      return;
    }
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  server = oa2_test_server_new_https_mtls ();
  database = oa2_test_server_new_tls_database (server);
  session = soup_session_new_with_options ("tls-database", database, NULL);
  uri = oa2_test_server_uri (server, "/token");
  oa2_test_server_respond (server, 200, "application/json", "{\"access_token\":\"AT\",\"token_type\":\"Bearer\"}");
  loop = g_main_loop_new (NULL, FALSE);
  in_loop.config.session = session;
  in_loop.uri = uri;
  in_loop.loop = loop;
  g_idle_add (send_blocking_from_loop, &in_loop);
  g_main_loop_run (loop);
  g_assert_cmpuint (in_loop.status, ==, 200);
  g_assert_null (oa2_test_server_dup_last_peer_certificate (server));
}

int
main (int argc, char **argv)
{
  g_setenv ("G_MESSAGES_DEBUG", "OA2", TRUE);
  oa2_test_init (&argc, &argv);
  oa2_test_trace_install ();

  for (int async = 0; async < 2; async++)
    {
      const char *flavour = async ? "async" : "sync";
      g_autofree char *p1 = g_strdup_printf ("/oa2/transport/%s/timeout", flavour);
      g_autofree char *p2 = g_strdup_printf ("/oa2/transport/%s/size-cap-content-length", flavour);
      g_autofree char *p3 = g_strdup_printf ("/oa2/transport/%s/size-cap-chunked", flavour);
      g_autofree char *p4 = g_strdup_printf ("/oa2/transport/%s/bounded-retry", flavour);
      g_autofree char *p5 = g_strdup_printf ("/oa2/transport/%s/prepare-error", flavour);
      g_autofree char *p6 = g_strdup_printf ("/oa2/transport/%s/redirect-not-followed", flavour);
      g_autofree char *p7 = g_strdup_printf ("/oa2/transport/%s/loopback-http-not-proxied", flavour);

      g_test_add (p1, Fixture, GINT_TO_POINTER (async), fixture_setup, test_timeout, fixture_teardown);
      g_test_add (p2, Fixture, GINT_TO_POINTER (async), fixture_setup, test_size_cap, fixture_teardown);
      g_test_add (p3, Fixture, GINT_TO_POINTER (async | 2), fixture_setup, test_size_cap, fixture_teardown);
      {
        g_autofree char *large_cl = g_strdup_printf ("/oa2/transport/%s/large-body-content-length", flavour);
        g_autofree char *large_chunked = g_strdup_printf ("/oa2/transport/%s/large-body-chunked", flavour);

        g_test_add (large_cl, Fixture, GINT_TO_POINTER (async), fixture_setup, test_large_body, fixture_teardown);
        g_test_add (large_chunked, Fixture, GINT_TO_POINTER (async | 2), fixture_setup, test_large_body, fixture_teardown);
      }
      g_test_add (p4, Fixture, GINT_TO_POINTER (async), fixture_setup, test_bounded_retry, fixture_teardown);
      g_test_add (p5, Fixture, GINT_TO_POINTER (async), fixture_setup, test_prepare_error, fixture_teardown);
      g_test_add (p6, Fixture, GINT_TO_POINTER (async), fixture_setup, test_redirect_not_followed, fixture_teardown);
      g_test_add (p7, Fixture, GINT_TO_POINTER (async), fixture_setup, test_loopback_http_not_proxied, fixture_teardown);
    }
  g_test_add_func ("/oa2/transport/connection-refused", test_connection_refused);
  g_test_add_func ("/oa2/transport/insecure-refused", test_insecure_refused);
  g_test_add_data_func ("/oa2/transport/sync/https", GINT_TO_POINTER (FALSE), test_https);
  g_test_add_data_func ("/oa2/transport/async/https", GINT_TO_POINTER (TRUE), test_https);
  g_test_add_func ("/oa2/transport/async/timeout-without-thread", test_async_timeout_without_thread);
  g_test_add_func ("/oa2/transport/sync/certificate-requested-in-main-loop",
                   test_certificate_requested_blocking_in_loop);
  g_test_add_func ("/oa2/transport/sync/earlier-deadline", test_sync_earlier_deadline);
  g_test_add_data_func ("/oa2/transport/sync/truncated-body", GINT_TO_POINTER (FALSE), test_truncated_body);
  g_test_add_data_func ("/oa2/transport/async/truncated-body", GINT_TO_POINTER (TRUE), test_truncated_body);
  g_test_add ("/oa2/transport/sync-async-interleaved", Fixture, NULL, fixture_setup,
              test_sync_async_interleaved, fixture_teardown);
  g_test_add ("/oa2/transport/trace-redacted", Fixture, NULL, fixture_setup,
              test_trace_redacted, fixture_teardown);
  g_test_add ("/oa2/transport/trace-refused-json", Fixture, NULL, fixture_setup,
              test_trace_refused_json, fixture_teardown);

  return g_test_run ();
}
