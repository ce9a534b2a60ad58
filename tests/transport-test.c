/* transport-test.c: timeout, size cap, retries and tracing of the one I/O path
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
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

static OA2HttpResponse *
send (Fixture  *f,
      const OA2TransportConfig *config,
      const OA2TransportHooks  *hooks,
      gboolean  async,
      GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (!async)
    return oa2_transport_send (config, form_request (f->uri), hooks, NULL, error);
  oa2_transport_send_async (config, form_request (f->uri), hooks, NULL, oa2_test_store_result, &result);
  oa2_test_wait_result (&result);
  return oa2_transport_send_finish (result, error);
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

static void
test_connection_refused (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  OA2TransportConfig config = { session, 30, 1024 };
  g_autofree char *uri = oa2_test_closed_port_uri ("/token");
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OA2HttpResponse) response = NULL;

  response = oa2_transport_send (&config, form_request (uri), NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_clear_error (&error);

  oa2_transport_send_async (&config, form_request (uri), NULL, NULL, oa2_test_store_result, &result);
  response = oa2_transport_send_finish (oa2_test_wait_result (&result), &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
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

typedef struct {
  guint prepared;
  guint inspected;
} RetryState;

static gboolean
prepare_counting (OA2HttpRequest *attempt, guint n, gpointer user_data, GError **error)
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
prepare_failing (OA2HttpRequest *attempt, guint n, gpointer user_data, GError **error)
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

static GString *trace;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  const char *domain = NULL, *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
        domain = fields[i].value;
      else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
        message = fields[i].value;
    }
  if (trace != NULL && g_strcmp0 (domain, "OA2") == 0 && message != NULL)
    g_string_append_printf (trace, "%s\n", message);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
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
  trace = g_string_new (NULL);
  response = oa2_transport_send (&config, g_steal_pointer (&request), NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_nonnull (strstr (trace->str, "POST http://127.0.0.1:"));
  g_assert_nonnull (strstr (trace->str, "grant_type=client_credentials"));
  g_assert_nonnull (strstr (trace->str, "visible"));
  g_assert_nonnull (strstr (trace->str, "client_secret=[redacted]"));
  g_assert_null (strstr (trace->str, "hunter2"));
  g_assert_null (strstr (trace->str, "c2VjcmV0"));
  g_assert_null (strstr (trace->str, "AT-SECRET"));
  g_assert_null (strstr (trace->str, "RT-SECRET"));
  g_assert_null (strstr (trace->str, "ID-SECRET"));
  g_assert_null (strstr (trace->str, "COOKIE-SECRET"));

  /* Secrets in arrays, and in form-encoded answers, are hidden too. */
  g_clear_pointer (&response, oa2_http_response_free);
  oa2_test_server_respond (f->server, 200, "application/json",
                           "[{\"access_token\":\"ARRAY-SECRET\",\"note\":\"shown\"}]");
  response = oa2_transport_send (&config, form_request (f->uri), NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&response, oa2_http_response_free);
  oa2_test_server_respond (f->server, 200, "text/plain",
                           "access_token=FORM-SECRET&token_type=bearer&refresh_token=FORM-RT");
  response = oa2_transport_send (&config, form_request (f->uri), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (trace->str, "shown"));
  g_assert_nonnull (strstr (trace->str, "token_type=bearer"));
  g_assert_null (strstr (trace->str, "ARRAY-SECRET"));
  g_assert_null (strstr (trace->str, "FORM-SECRET"));
  g_assert_null (strstr (trace->str, "FORM-RT"));
  g_string_free (g_steal_pointer (&trace), TRUE);
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

  trace = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2HttpResponse) response = NULL;

      oa2_test_server_respond (f->server, 200, "application/json", bodies[i]);
      response = oa2_transport_send (&config, form_request (f->uri), NULL, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_null (strstr (trace->str, "DUP-SECRET"));
  g_assert_null (strstr (trace->str, "COMMA-SECRET"));
  g_assert_null (strstr (trace->str, "NUL-SECRET"));
  g_string_free (g_steal_pointer (&trace), TRUE);
}

int
main (int argc, char **argv)
{
  g_setenv ("G_MESSAGES_DEBUG", "OA2", TRUE);
  oa2_test_init (&argc, &argv);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  for (int async = 0; async < 2; async++)
    {
      const char *flavour = async ? "async" : "sync";
      g_autofree char *p1 = g_strdup_printf ("/oa2/transport/%s/timeout", flavour);
      g_autofree char *p2 = g_strdup_printf ("/oa2/transport/%s/size-cap-content-length", flavour);
      g_autofree char *p3 = g_strdup_printf ("/oa2/transport/%s/size-cap-chunked", flavour);
      g_autofree char *p4 = g_strdup_printf ("/oa2/transport/%s/bounded-retry", flavour);
      g_autofree char *p5 = g_strdup_printf ("/oa2/transport/%s/prepare-error", flavour);
      g_autofree char *p6 = g_strdup_printf ("/oa2/transport/%s/redirect-not-followed", flavour);

      g_test_add (p1, Fixture, GINT_TO_POINTER (async), fixture_setup, test_timeout, fixture_teardown);
      g_test_add (p2, Fixture, GINT_TO_POINTER (async), fixture_setup, test_size_cap, fixture_teardown);
      g_test_add (p3, Fixture, GINT_TO_POINTER (async | 2), fixture_setup, test_size_cap, fixture_teardown);
      g_test_add (p4, Fixture, GINT_TO_POINTER (async), fixture_setup, test_bounded_retry, fixture_teardown);
      g_test_add (p5, Fixture, GINT_TO_POINTER (async), fixture_setup, test_prepare_error, fixture_teardown);
      g_test_add (p6, Fixture, GINT_TO_POINTER (async), fixture_setup, test_redirect_not_followed, fixture_teardown);
    }
  g_test_add_func ("/oa2/transport/connection-refused", test_connection_refused);
  g_test_add_func ("/oa2/transport/insecure-refused", test_insecure_refused);
  g_test_add ("/oa2/transport/sync-async-interleaved", Fixture, NULL, fixture_setup,
              test_sync_async_interleaved, fixture_teardown);
  g_test_add ("/oa2/transport/trace-redacted", Fixture, NULL, fixture_setup,
              test_trace_redacted, fixture_teardown);
  g_test_add ("/oa2/transport/trace-refused-json", Fixture, NULL, fixture_setup,
              test_trace_refused_json, fixture_teardown);

  return g_test_run ();
}
