/* loopback-receiver-test.c: OA2LoopbackReceiver against requests made in
 * the same process: what it ignores, what ends the wait, its pages, and
 * where it listens
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <string.h>

#include "oa2-test-utils.h"

typedef struct {
  OA2LoopbackReceiver     *receiver;
  OA2AuthorizationRequest *request;
  SoupSession             *session;
  GAsyncResult            *result;
} Fixture;

typedef struct {
  guint   status;
  char   *body;
  SoupMessageHeaders *headers;
} Answer;

static void
answer_clear (Answer *answer)
{
  g_free (answer->body);
  g_clear_pointer (&answer->headers, soup_message_headers_unref);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  fixture->receiver = oa2_loopback_receiver_new ();
  g_assert_true (oa2_loopback_receiver_listen (fixture->receiver, &error));
  g_assert_no_error (error);
  fixture->request = oa2_authorization_request_new ("https://as.example/authorize", "app",
                                                    oa2_loopback_receiver_get_redirect_uri (fixture->receiver),
                                                    "openid", &error);
  g_assert_no_error (error);
  fixture->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->result);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->request);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (fixture->receiver);
}

static void
on_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* One request to the receiver, the main context running meanwhile. */
static Answer
fetch (Fixture    *fixture,
       const char *method,
       const char *path_and_query)
{
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u%s",
                                          oa2_loopback_receiver_get_port (fixture->receiver), path_and_query);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  Answer answer = { 0 };

  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL, on_sent, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  body = soup_session_send_and_read_finish (fixture->session, result, &error);
  g_assert_no_error (error);
  answer.status = soup_message_get_status (msg);
  answer.body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  answer.headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return answer;
}

static char *
callback_query (Fixture *fixture, const char *extra)
{
  g_autofree char *state = g_uri_escape_string (oa2_authorization_request_get_state (fixture->request), NULL, TRUE);

  return g_strdup_printf ("/callback?state=%s&%s", state, extra);
}

static void
start_receive (Fixture *fixture, GCancellable *cancellable)
{
  oa2_loopback_receiver_receive_async (fixture->receiver, fixture->request, cancellable,
                                       oa2_test_store_result, &fixture->result);
}

static OA2AuthorizationResponse *
finish_receive (Fixture *fixture, GError **error)
{
  oa2_test_wait_result (&fixture->result);
  return oa2_loopback_receiver_receive_finish (fixture->receiver, fixture->result, error);
}

/* Whether something listens on this TCP port of 127.0.0.1. */
static gboolean
port_open (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) port, NULL, &error);
  if (connection == NULL)
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  return connection != NULL;
}

/* Lets the receiver close its port once the last page went out. */
static void
wait_port_closed (guint port)
{
  for (int i = 0; i < 200 && port_open (port); i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10000);
    }
  g_assert_false (port_open (port));
}

static void
assert_fixed_page (Answer *answer)
{
  g_assert_cmpstr (soup_message_headers_get_content_type (answer->headers, NULL), ==, "text/html");
  g_assert_cmpstr (soup_message_headers_get_one (answer->headers, "Cache-Control"), ==, "no-store");
  g_assert_cmpstr (soup_message_headers_get_one (answer->headers, "Referrer-Policy"), ==, "no-referrer");
  g_assert_nonnull (strstr (soup_message_headers_get_one (answer->headers, "Content-Security-Policy"),
                            "default-src 'none'"));
  g_assert_null (soup_message_headers_get_one (answer->headers, "Server"));
  g_assert_true (g_str_has_prefix (answer->body, "<!DOCTYPE html>"));
  g_assert_null (strstr (answer->body, "<script"));
}

static void
test_redirect_uri (Fixture *fixture, gconstpointer data)
{
  guint port = oa2_loopback_receiver_get_port (fixture->receiver);
  g_autofree char *expected = g_strdup_printf ("http://127.0.0.1:%u/callback", port);
  g_autofree char *uri = NULL;
  guint prop_port = 0;

  g_assert_cmpuint (port, >, 0);
  g_assert_cmpstr (oa2_loopback_receiver_get_redirect_uri (fixture->receiver), ==, expected);
  g_object_get (fixture->receiver, "redirect-uri", &uri, "port", &prop_port, NULL);
  g_assert_cmpstr (uri, ==, expected);
  g_assert_cmpuint (prop_port, ==, port);
  g_assert_cmpuint (oa2_loopback_receiver_get_timeout (fixture->receiver), ==, OA2_LOOPBACK_RECEIVER_DEFAULT_TIMEOUT);
  /* Listening again is harmless and keeps the port. */
  g_assert_true (oa2_loopback_receiver_listen (fixture->receiver, NULL));
  g_assert_cmpuint (oa2_loopback_receiver_get_port (fixture->receiver), ==, port);
}

/* RFC 8252 §8.3: the port is bound to the loopback address only, not to
 * every interface; /proc/net/tcp shows the local address of each socket. */
static void
test_loopback_only (Fixture *fixture, gconstpointer data)
{
  guint port = oa2_loopback_receiver_get_port (fixture->receiver);
  g_autofree char *table = NULL;
  g_autofree char *needle = NULL;
  g_autofree char *any = NULL;

  g_assert_true (g_file_get_contents ("/proc/net/tcp", &table, NULL, NULL));
  needle = g_strdup_printf (" 0100007F:%04X 00000000:0000 0A ", port);
  any = g_strdup_printf (" 00000000:%04X 00000000:0000 0A ", port);
  g_assert_nonnull (strstr (table, needle));
  g_assert_null (strstr (table, any));
  g_clear_pointer (&table, g_free);
  /* Nor on IPv6's any address. */
  if (g_file_get_contents ("/proc/net/tcp6", &table, NULL, NULL))
    {
      g_autofree char *any6 = g_strdup_printf (" 00000000000000000000000000000000:%04X ", port);

      g_assert_null (strstr (table, any6));
    }
}

static void
test_success (Fixture *fixture, gconstpointer data)
{
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = callback_query (fixture, "code=the-code-123");
  guint port = oa2_loopback_receiver_get_port (fixture->receiver);
  Answer answer;

  start_receive (fixture, NULL);
  answer = fetch (fixture, "GET", query);
  g_assert_cmpuint (answer.status, ==, 200);
  assert_fixed_page (&answer);
  g_assert_nonnull (strstr (answer.body, "Signed in"));
  g_assert_null (strstr (answer.body, "the-code-123"));
  answer_clear (&answer);

  response = finish_receive (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_authorization_response_get_code (response), ==, "the-code-123");
  g_assert_cmpstr (oa2_authorization_response_get_redirect_uri (response), ==,
                   oa2_loopback_receiver_get_redirect_uri (fixture->receiver));
  g_assert_cmpstr (oa2_authorization_response_get_code_verifier (response), ==,
                   oa2_authorization_request_get_code_verifier (fixture->request));
  /* Done: the port closes once the page went out. */
  wait_port_closed (port);
}

/* Requests that are not the redirect are answered and ignored. */
static void
test_ignored (Fixture *fixture, gconstpointer data)
{
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = callback_query (fixture, "code=abc");
  Answer answer;

  start_receive (fixture, NULL);

  answer = fetch (fixture, "GET", "/favicon.ico");
  g_assert_cmpuint (answer.status, ==, 404);
  assert_fixed_page (&answer);
  answer_clear (&answer);

  answer = fetch (fixture, "GET", "/other?code=abc");
  g_assert_cmpuint (answer.status, ==, 404);
  answer_clear (&answer);

  answer = fetch (fixture, "POST", query);
  g_assert_cmpuint (answer.status, ==, 405);
  g_assert_cmpstr (soup_message_headers_get_one (answer.headers, "Allow"), ==, "GET");
  answer_clear (&answer);

  answer = fetch (fixture, "HEAD", query);
  g_assert_cmpuint (answer.status, ==, 405);
  answer_clear (&answer);

  /* The right path without any response: a prefetch, or a reload. */
  answer = fetch (fixture, "GET", "/callback");
  g_assert_cmpuint (answer.status, ==, 400);
  answer_clear (&answer);

  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (fixture->result);

  answer = fetch (fixture, "GET", query);
  g_assert_cmpuint (answer.status, ==, 200);
  answer_clear (&answer);
  response = finish_receive (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_authorization_response_get_code (response), ==, "abc");
}

/* A response to another request (its state is not ours) must not end
 * the wait, or any page could cut the sign-in short. */
static void
test_wrong_state (Fixture *fixture, gconstpointer data)
{
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = callback_query (fixture, "code=good");
  Answer answer;

  start_receive (fixture, NULL);
  answer = fetch (fixture, "GET", "/callback?state=forged&code=evil");
  g_assert_cmpuint (answer.status, ==, 400);
  assert_fixed_page (&answer);
  g_assert_nonnull (strstr (answer.body, "Sign-in failed"));
  g_assert_null (strstr (answer.body, "forged"));
  answer_clear (&answer);
  answer = fetch (fixture, "GET", "/callback?error=access_denied");
  g_assert_cmpuint (answer.status, ==, 400);
  answer_clear (&answer);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (fixture->result);

  answer = fetch (fixture, "GET", query);
  g_assert_cmpuint (answer.status, ==, 200);
  answer_clear (&answer);
  response = finish_receive (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_authorization_response_get_code (response), ==, "good");
}

/* An error response to this request ends the wait with the server's
 * error; the page repeats none of it. */
static void
test_error_response (Fixture *fixture, gconstpointer data)
{
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query =
    callback_query (fixture, "error=access_denied&error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  guint port = oa2_loopback_receiver_get_port (fixture->receiver);
  Answer answer;

  start_receive (fixture, NULL);
  answer = fetch (fixture, "GET", query);
  g_assert_cmpuint (answer.status, ==, 400);
  assert_fixed_page (&answer);
  g_assert_nonnull (strstr (answer.body, "Sign-in failed"));
  g_assert_null (strstr (answer.body, "alert"));
  g_assert_null (strstr (answer.body, "access_denied"));
  answer_clear (&answer);

  response = finish_receive (fixture, &error);
  g_assert_null (response);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_ACCESS_DENIED);
  wait_port_closed (port);
}

/* The right state but no code: the wait ends with that error. */
static void
test_missing_code (Fixture *fixture, gconstpointer data)
{
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = callback_query (fixture, "x=y");
  Answer answer;

  start_receive (fixture, NULL);
  answer = fetch (fixture, "GET", query);
  g_assert_cmpuint (answer.status, ==, 400);
  answer_clear (&answer);
  response = finish_receive (fixture, &error);
  g_assert_null (response);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_MISSING_MEMBER);
}

/* RFC 9207: a response from another server ends the wait. */
static void
test_issuer_mismatch (Fixture *fixture, gconstpointer data)
{
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = callback_query (fixture, "code=abc&iss=https%3A%2F%2Fevil.example");
  Answer answer;

  oa2_authorization_request_set_issuer (fixture->request, "https://as.example");
  start_receive (fixture, NULL);
  answer = fetch (fixture, "GET", query);
  g_assert_cmpuint (answer.status, ==, 400);
  answer_clear (&answer);
  response = finish_receive (fixture, &error);
  g_assert_null (response);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_ISSUER_MISMATCH);
}

/* form_post (OAuth 2.0 Form Post Response Mode): the response comes as a
 * POST, and a GET is the wrong method. */
static void
test_form_post (Fixture *fixture, gconstpointer data)
{
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u/callback",
                                          oa2_loopback_receiver_get_port (fixture->receiver));
  g_autofree char *state = g_uri_escape_string (oa2_authorization_request_get_state (fixture->request), NULL, TRUE);
  g_autofree char *body = g_strdup_printf ("state=%s&code=posted", state);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  Answer answer;

  oa2_authorization_request_set_response_mode (fixture->request, "form_post");
  start_receive (fixture, NULL);
  answer = fetch (fixture, "GET", "/callback?code=x");
  g_assert_cmpuint (answer.status, ==, 405);
  g_assert_cmpstr (soup_message_headers_get_one (answer.headers, "Allow"), ==, "POST");
  answer_clear (&answer);

  msg = soup_message_new ("POST", uri);
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL, on_sent, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  page = soup_session_send_and_read_finish (fixture->session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  response = finish_receive (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_authorization_response_get_code (response), ==, "posted");
}

static void
test_timeout (Fixture *fixture, gconstpointer data)
{
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  guint port = oa2_loopback_receiver_get_port (fixture->receiver);
  gint64 started = g_get_monotonic_time ();

  oa2_loopback_receiver_set_timeout (fixture->receiver, 1);
  start_receive (fixture, NULL);
  response = finish_receive (fixture, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 900 * 1000);
  g_assert_false (port_open (port));
}

static gboolean
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture *fixture, gconstpointer data)
{
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  guint port = oa2_loopback_receiver_get_port (fixture->receiver);

  start_receive (fixture, cancellable);
  g_timeout_add (50, cancel_soon, cancellable);
  response = finish_receive (fixture, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (port_open (port));

  /* Cancelled before it starts. */
  g_clear_object (&fixture->result);
  g_clear_error (&error);
  g_assert_true (oa2_loopback_receiver_listen (fixture->receiver, &error));
  g_clear_object (&fixture->request);
  fixture->request = oa2_authorization_request_new ("https://as.example/authorize", "app",
                                                    oa2_loopback_receiver_get_redirect_uri (fixture->receiver),
                                                    "openid", &error);
  start_receive (fixture, cancellable);
  response = finish_receive (fixture, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_stop (Fixture *fixture, gconstpointer data)
{
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  start_receive (fixture, NULL);
  oa2_loopback_receiver_stop (fixture->receiver);
  response = finish_receive (fixture, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  oa2_loopback_receiver_stop (fixture->receiver);
}

static void
test_not_waiting (Fixture *fixture, gconstpointer data)
{
  g_autofree char *query = callback_query (fixture, "code=abc");
  Answer answer = fetch (fixture, "GET", query);

  g_assert_cmpuint (answer.status, ==, 503);
  assert_fixed_page (&answer);
  answer_clear (&answer);
}

static void
test_bad_calls (Fixture *fixture, gconstpointer data)
{
  g_autoptr(OA2LoopbackReceiver) idle = oa2_loopback_receiver_new ();
  g_autoptr(OA2AuthorizationRequest) other = NULL;
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* The path of a listening receiver is fixed. */
  g_assert_false (oa2_loopback_receiver_set_path (fixture->receiver, "/other", &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* Not listening. */
  oa2_loopback_receiver_receive_async (idle, fixture->request, NULL, oa2_test_store_result, &result);
  oa2_test_wait_result (&result);
  response = oa2_loopback_receiver_receive_finish (idle, result, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_object (&result);
  g_clear_error (&error);

  /* Another redirect URI. */
  other = oa2_authorization_request_new ("https://as.example/authorize", "app",
                                         "http://127.0.0.1:1/callback", "openid", &error);
  g_assert_no_error (error);
  oa2_loopback_receiver_receive_async (fixture->receiver, other, NULL, oa2_test_store_result, &result);
  oa2_test_wait_result (&result);
  response = oa2_loopback_receiver_receive_finish (fixture->receiver, result, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_object (&result);
  g_clear_error (&error);

  /* Two at once. */
  start_receive (fixture, NULL);
  oa2_loopback_receiver_receive_async (fixture->receiver, fixture->request, NULL, oa2_test_store_result, &result);
  oa2_test_wait_result (&result);
  response = oa2_loopback_receiver_receive_finish (fixture->receiver, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_clear_error (&error);
  oa2_loopback_receiver_stop (fixture->receiver);
  response = finish_receive (fixture, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_clear_error (&error);

  /* The path: only before listening, and only a plain one. */
  g_assert_false (oa2_loopback_receiver_set_path (idle, "callback", &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (oa2_loopback_receiver_set_path (idle, "/a?b", &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (oa2_loopback_receiver_set_path (idle, "/a b", &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (oa2_loopback_receiver_set_path (idle, "/oauth/done", &error));
  g_assert_no_error (error);
  g_assert_true (oa2_loopback_receiver_listen (idle, &error));
  g_assert_true (g_str_has_suffix (oa2_loopback_receiver_get_redirect_uri (idle), "/oauth/done"));
  oa2_loopback_receiver_stop (idle);
}

/* ::1, when the machine has IPv6 on its loopback interface. */
static void
test_ipv6 (void)
{
  g_autoptr(OA2LoopbackReceiver) receiver = oa2_loopback_receiver_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  oa2_loopback_receiver_set_ipv6 (receiver, TRUE);
  g_assert_true (oa2_loopback_receiver_get_ipv6 (receiver));
  if (!oa2_loopback_receiver_listen (receiver, &error))
    {
      g_test_skip_printf ("no IPv6 loopback here: %s", error->message);
      return;
    }
  expected = g_strdup_printf ("http://[::1]:%u/callback", oa2_loopback_receiver_get_port (receiver));
  g_assert_cmpstr (oa2_loopback_receiver_get_redirect_uri (receiver), ==, expected);
  oa2_loopback_receiver_stop (receiver);
}

int
main (int argc, char **argv)
{
  oa2_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/oa2/loopback-receiver/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("redirect-uri", test_redirect_uri);
  ADD ("loopback-only", test_loopback_only);
  ADD ("success", test_success);
  ADD ("ignored", test_ignored);
  ADD ("wrong-state", test_wrong_state);
  ADD ("error-response", test_error_response);
  ADD ("missing-code", test_missing_code);
  ADD ("issuer-mismatch", test_issuer_mismatch);
  ADD ("form-post", test_form_post);
  ADD ("timeout", test_timeout);
  ADD ("cancel", test_cancel);
  ADD ("stop", test_stop);
  ADD ("not-waiting", test_not_waiting);
  ADD ("bad-calls", test_bad_calls);
#undef ADD
  g_test_add_func ("/oa2/loopback-receiver/ipv6", test_ipv6);

  return g_test_run ();
}
