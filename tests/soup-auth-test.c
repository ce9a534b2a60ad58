/* soup-auth-test.c: the SoupAuth drop-in (OA2SoupAuthBearer, OA2SoupAuthDPoP,
 * oa2_soup_auth_install) on a session the test owns, against an in-process
 * token endpoint and resource server: renewal after a 401, the DPoP nonce
 * retry, the POST body sent again, no credentials for another origin or
 * another path, a renewal that fails, and bad install arguments
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-test-request-log.h"

#include <string.h>

/* Both servers run in the test's main context: the session is used
 * asynchronously, as the drop-in requires. */

typedef struct {
  SoupServer *soup;
  guint       port;
  OA2TestRequestLog *seen;   /* every request but /token */
  guint       token_hits;
  guint       token_status;  /* 200, or an error status */
  const char *token_body;
  char       *accepted;      /* the Authorization the API takes */
  char       *want_nonce;    /* the DPoP nonce the API wants in proofs */
  char       *other_origin;  /* where /api/elsewhere redirects */
} Server;

static char *
proof_payload (const char *proof)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *b64 = NULL;
  g_autofree guchar *raw = NULL;
  gsize len, i;

  if (proof == NULL)
    return NULL;
  parts = g_strsplit (proof, ".", 3);
  if (g_strv_length (parts) != 3)
    return NULL;
  b64 = g_strdup (parts[1]);
  for (i = 0; b64[i] != '\0'; i++)
    b64[i] = b64[i] == '-' ? '+' : b64[i] == '_' ? '/' : b64[i];
  b64 = g_realloc (b64, i + 4);
  while (i % 4 != 0)
    b64[i++] = '=';
  b64[i] = '\0';
  raw = g_base64_decode (b64, &len);
  return g_strndup ((const char *) raw, len);
}

static void
handle (SoupServer        *soup,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  Server *server = user_data;
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  g_autofree char *payload = NULL;
  const OA2TestRequest *seen;
  const char *authorization;

  if (g_str_equal (path, "/token"))
    {
      server->token_hits++;
      soup_server_message_set_status (msg, server->token_status, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        server->token_body, strlen (server->token_body));
      return;
    }

  seen = oa2_test_request_log_add (server->seen, msg);
  authorization = oa2_test_request_header (seen, "Authorization");

  if (g_str_equal (path, "/api/elsewhere"))
    {
      soup_server_message_set_redirect (msg, 302, server->other_origin);
      return;
    }
  if (authorization == NULL)
    {
      soup_server_message_set_status (msg, 401, NULL);
      soup_message_headers_replace (response_headers, "WWW-Authenticate",
                                    server->want_nonce != NULL ? "DPoP algs=\"ES256\"" : "Bearer realm=\"api\"");
      return;
    }
  if (g_strcmp0 (authorization, server->accepted) != 0)
    {
      soup_server_message_set_status (msg, 401, NULL);
      soup_message_headers_replace (response_headers, "WWW-Authenticate",
                                    g_str_has_prefix (authorization, "DPoP ")
                                    ? "DPoP error=\"invalid_token\""
                                    : "Bearer realm=\"api\", error=\"invalid_token\"");
      return;
    }
  payload = proof_payload (oa2_test_request_header (seen, "DPoP"));
  if (server->want_nonce != NULL)
    {
      g_autofree char *member = g_strdup_printf ("\"nonce\":\"%s\"", server->want_nonce);

      if (payload == NULL || strstr (payload, member) == NULL)
        {
          soup_server_message_set_status (msg, 401, NULL);
          soup_message_headers_replace (response_headers, "WWW-Authenticate", "DPoP error=\"use_dpop_nonce\"");
          soup_message_headers_replace (response_headers, "DPoP-Nonce", server->want_nonce);
          return;
        }
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, seen->body, strlen (seen->body));
}

static Server *
server_new (void)
{
  Server *server = g_new0 (Server, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  server->seen = oa2_test_request_log_new ();
  server->token_status = 200;
  server->token_body = "{\"access_token\":\"fresh\",\"token_type\":\"Bearer\",\"expires_in\":3600}";
  server->accepted = g_strdup ("Bearer fresh");
  server->soup = soup_server_new (NULL, NULL);
  soup_server_add_handler (server->soup, NULL, handle, server, NULL);
  soup_server_listen_local (server->soup, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server->soup);
  server->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

static void
server_free (Server *server)
{
  soup_server_disconnect (server->soup);
  g_object_unref (server->soup);

  oa2_test_request_log_free (server->seen);
  g_free (server->accepted);
  g_free (server->want_nonce);
  g_free (server->other_origin);
  g_free (server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Server, server_free)

static char *
server_uri (Server     *server,
            const char *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", server->port, path);
}

static const OA2TestRequest *
server_seen (Server *server,
             guint   index)
{
  return oa2_test_request_log_get (server->seen, index);
}

/* A client-credentials handler on @server's token endpoint, holding
 * @access_token (a Bearer token valid for an hour) unless it is NULL. */
static OA2Auth *
auth_for (Server     *server,
          const char *access_token,
          OA2DPoPKey *key)
{
  g_autofree char *token_uri = server_uri (server, "/token");
  g_autoptr(OA2Client) client = oa2_client_new_with_secret (token_uri, "c1", "s1");
  OA2Auth *auth = OA2_AUTH (oa2_client_credentials_auth_new_full (client, NULL, NULL, NULL, key));

  if (access_token != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) later = g_date_time_add_hours (now, 1);
      g_autoptr(OA2BearerToken) token = oa2_bearer_token_new (access_token, later, &error);

      g_assert_no_error (error);
      oa2_auth_set_token (auth, token);
    }
  return auth;
}

static SoupSession *
session_for (Server     *server,
             OA2Auth    *auth,
             const char *base_path)
{
  SoupSession *session = soup_session_new ();
  g_autofree char *base = server_uri (server, base_path);
  g_autoptr(GError) error = NULL;

  g_assert_true (oa2_soup_auth_install (session, auth, base, &error));
  g_assert_no_error (error);
  return session;
}

/* Sends @msg asynchronously, as the drop-in requires, and waits. */
static char *
send_and_read (SoupSession *session,
               SoupMessage *msg)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, oa2_test_store_result, &result);
  oa2_test_wait_result (&result);
  body = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static SoupMessage *
post_message (Server     *server,
              const char *path,
              const char *text)
{
  g_autofree char *uri = server_uri (server, path);
  SoupMessage *msg = soup_message_new ("POST", uri);
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));

  oa2_soup_auth_set_request_body (msg, "text/plain", body);
  return msg;
}

/* ---------------------------------------------------------------------- */

static void
test_valid_token_sent (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(OA2Auth) auth = auth_for (server, "fresh", NULL);
  g_autoptr(SoupSession) session = session_for (server, auth, "/api/");
  g_autofree char *uri = server_uri (server, "/api/items");
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autofree char *body = send_and_read (session, msg);

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpuint (oa2_test_request_log_get_count (server->seen), ==, 1);
  g_assert_cmpstr (oa2_test_request_header (server_seen (server, 0), "Authorization"), ==, "Bearer fresh");
  g_assert_null (oa2_test_request_header (server_seen (server, 0), "DPoP"));
  g_assert_cmpuint (server->token_hits, ==, 0);
}

/* The server refuses a token that has not expired by the client's clock:
 * one renewal, and the POST goes again, with its body. */
static void
test_renewal_after_401_replays_body (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(OA2Auth) auth = auth_for (server, "stale", NULL);
  g_autoptr(SoupSession) session = session_for (server, auth, "/api");
  g_autoptr(SoupMessage) msg = post_message (server, "/api/items", "{\"name\":\"x\"}");
  g_autofree char *body = send_and_read (session, msg);
  g_autoptr(OA2BearerToken) token = oa2_auth_dup_token (auth);
  g_autoptr(SoupMessage) again = post_message (server, "/api/items", "second");
  g_autofree char *body2 = NULL;

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (body, ==, "{\"name\":\"x\"}");
  g_assert_cmpuint (server->token_hits, ==, 1);
  g_assert_cmpuint (oa2_test_request_log_get_count (server->seen), ==, 2);
  g_assert_cmpstr (oa2_test_request_header (server_seen (server, 0), "Authorization"), ==, "Bearer stale");
  g_assert_cmpstr (server_seen (server, 0)->body, ==, "{\"name\":\"x\"}");
  g_assert_cmpstr (oa2_test_request_header (server_seen (server, 1), "Authorization"), ==, "Bearer fresh");
  g_assert_cmpstr (server_seen (server, 1)->body, ==, "{\"name\":\"x\"}");
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "fresh");

  /* The next message gets the new token at once. */
  body2 = send_and_read (session, again);
  g_assert_cmpuint (soup_message_get_status (again), ==, 200);
  g_assert_cmpuint (oa2_test_request_log_get_count (server->seen), ==, 3);
  g_assert_cmpstr (oa2_test_request_header (server_seen (server, 2), "Authorization"), ==, "Bearer fresh");
  g_assert_cmpuint (server->token_hits, ==, 1);
}

typedef struct {
  SoupSession *session;
  SoupMessage *msg;
  char        *body;
  gint         done;
} Blocking;

static gpointer
blocking_send (gpointer data)
{
  Blocking *blocking = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read (blocking->session, blocking->msg, NULL, &error);

  g_assert_no_error (error);
  blocking->body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_atomic_int_set (&blocking->done, 1);
  g_main_context_wakeup (NULL);
  return NULL;
}

/* A blocking send from a thread whose context nobody runs there: a
 * blocking renewal, and the message goes again with its body. */
static void
test_blocking_send (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(OA2Auth) auth = auth_for (server, "stale", NULL);
  g_autoptr(SoupSession) session = session_for (server, auth, "/api/");
  g_autoptr(SoupMessage) msg = post_message (server, "/api/items", "blocking-body");
  Blocking blocking = { session, msg, NULL, 0 };
  GThread *thread = g_thread_new ("blocking-send", blocking_send, &blocking);

  while (!g_atomic_int_get (&blocking.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (blocking.body, ==, "blocking-body");
  g_assert_cmpuint (server->token_hits, ==, 1);
  g_assert_cmpuint (oa2_test_request_log_get_count (server->seen), ==, 2);
  g_assert_cmpstr (oa2_test_request_header (server_seen (server, 1), "Authorization"), ==, "Bearer fresh");
  g_free (blocking.body);
}

/* No token yet: the bare request's 401 gets one. */
static void
test_first_token_after_bare_401 (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(OA2Auth) auth = auth_for (server, NULL, NULL);
  g_autoptr(SoupSession) session = session_for (server, auth, "/api/");
  g_autoptr(SoupMessage) msg = post_message (server, "/api/items", "payload");
  g_autofree char *body = send_and_read (session, msg);

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpuint (server->token_hits, ==, 1);
  g_assert_cmpuint (oa2_test_request_log_get_count (server->seen), ==, 2);
  g_assert_null (oa2_test_request_header (server_seen (server, 0), "Authorization"));
  g_assert_cmpstr (oa2_test_request_header (server_seen (server, 1), "Authorization"), ==, "Bearer fresh");
  g_assert_cmpstr (server_seen (server, 1)->body, ==, "payload");
}

/* The renewed token is refused too: one renewal, then the caller gets
 * the 401. */
static void
test_one_renewal_per_message (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(OA2Auth) auth = auth_for (server, "stale", NULL);
  g_autoptr(SoupSession) session = session_for (server, auth, "/api/");
  g_autofree char *uri = server_uri (server, "/api/items");
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autofree char *body = NULL;

  g_free (server->accepted);
  server->accepted = g_strdup ("Bearer never");
  body = send_and_read (session, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
  g_assert_cmpuint (server->token_hits, ==, 1);
  g_assert_cmpuint (oa2_test_request_log_get_count (server->seen), ==, 2);
}

/* The token endpoint fails: the message completes with its 401. */
static void
test_failed_renewal (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(OA2Auth) auth = auth_for (server, "stale", NULL);
  g_autoptr(SoupSession) session = session_for (server, auth, "/api/");
  g_autofree char *uri = server_uri (server, "/api/items");
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autofree char *body = NULL;

  server->token_status = 400;
  server->token_body = "{\"error\":\"invalid_client\"}";
  body = send_and_read (session, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
  g_assert_cmpuint (server->token_hits, ==, 1);
  g_assert_cmpuint (oa2_test_request_log_get_count (server->seen), ==, 1);
}

/* DPoP: the first request goes bare, its 401 gets a DPoP-bound token,
 * the server asks for a nonce, and the third attempt carries a proof with
 * it; each attempt has its own proof, and the POST body every time. */
static void
test_dpop_nonce_retry (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPKey) key = oa2_dpop_key_generate ("ES256", &error);
  g_autoptr(OA2Auth) auth = auth_for (server, NULL, key);
  g_autoptr(SoupSession) session = session_for (server, auth, "/api/");
  g_autoptr(SoupMessage) msg = post_message (server, "/api/items", "dpop-body");
  g_autoptr(SoupMessage) again = post_message (server, "/api/items", "dpop-2");
  g_autofree char *body = NULL, *body2 = NULL;
  g_autofree char *p1 = NULL, *p2 = NULL, *p3 = NULL;

  g_assert_no_error (error);
  server->token_body = "{\"access_token\":\"bound\",\"token_type\":\"DPoP\",\"expires_in\":3600}";
  g_free (server->accepted);
  server->accepted = g_strdup ("DPoP bound");
  server->want_nonce = g_strdup ("n-1");

  body = send_and_read (session, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (body, ==, "dpop-body");
  g_assert_cmpuint (server->token_hits, ==, 1);
  g_assert_cmpuint (oa2_test_request_log_get_count (server->seen), ==, 3);
  g_assert_null (oa2_test_request_header (server_seen (server, 0), "Authorization"));
  g_assert_null (oa2_test_request_header (server_seen (server, 0), "DPoP"));
  for (guint i = 1; i < 3; i++)
    {
      g_assert_cmpstr (oa2_test_request_header (server_seen (server, i), "Authorization"), ==, "DPoP bound");
      g_assert_cmpstr (server_seen (server, i)->body, ==, "dpop-body");
    }
  p2 = proof_payload (oa2_test_request_header (server_seen (server, 1), "DPoP"));
  p3 = proof_payload (oa2_test_request_header (server_seen (server, 2), "DPoP"));
  g_assert_nonnull (p2);
  g_assert_nonnull (strstr (p2, "\"htm\":\"POST\""));
  g_assert_null (strstr (p2, "\"nonce\""));
  g_assert_nonnull (strstr (p3, "\"nonce\":\"n-1\""));
  g_assert_nonnull (strstr (p3, "\"ath\""));
  g_assert_cmpstr (oa2_test_request_header (server_seen (server, 1), "DPoP"), !=, oa2_test_request_header (server_seen (server, 2), "DPoP"));

  /* The nonce is remembered: the next message goes through at once. */
  body2 = send_and_read (session, again);
  g_assert_cmpuint (soup_message_get_status (again), ==, 200);
  g_assert_cmpuint (oa2_test_request_log_get_count (server->seen), ==, 4);
  p1 = proof_payload (oa2_test_request_header (server_seen (server, 3), "DPoP"));
  g_assert_nonnull (strstr (p1, "\"nonce\":\"n-1\""));
}

/* A DPoP token held before the first send: the preloaded Bearer object
 * stamps it, and the DPoP challenge reaches an object libsoup makes. */
static void
test_dpop_nonce_with_token (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPKey) key = oa2_dpop_key_generate ("ES256", &error);
  g_autoptr(OA2Auth) auth = auth_for (server, NULL, key);
  g_autoptr(SoupSession) session = session_for (server, auth, "/api/");
  g_autoptr(SoupMessage) msg = post_message (server, "/api/items", "b");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 1);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autofree char *body = NULL, *p2 = NULL;

  g_assert_no_error (error);
  token = OA2_BEARER_TOKEN (oa2_dpop_token_new ("bound", later, key, &error));
  g_assert_no_error (error);
  oa2_auth_set_token (auth, token);
  g_free (server->accepted);
  server->accepted = g_strdup ("DPoP bound");
  server->want_nonce = g_strdup ("n-2");

  body = send_and_read (session, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (body, ==, "b");
  g_assert_cmpuint (oa2_test_request_log_get_count (server->seen), ==, 2);
  g_assert_cmpuint (server->token_hits, ==, 0);
  p2 = proof_payload (oa2_test_request_header (server_seen (server, 1), "DPoP"));
  g_assert_nonnull (strstr (p2, "\"nonce\":\"n-2\""));
}

/* A redirect to another origin takes neither token nor proof along; nor
 * do messages to another origin or to a path outside the base. */
static void
test_no_credentials_elsewhere (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(Server) other = server_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPKey) key = oa2_dpop_key_generate ("ES256", &error);
  g_autoptr(OA2Auth) auth = auth_for (server, NULL, key);
  g_autoptr(SoupSession) session = session_for (server, auth, "/api/");
  g_autofree char *elsewhere = server_uri (server, "/api/elsewhere");
  g_autofree char *outside = server_uri (server, "/apix/items");
  g_autofree char *other_uri = server_uri (other, "/api/items");
  g_autoptr(SoupMessage) redirected = soup_message_new ("GET", elsewhere);
  g_autoptr(SoupMessage) msg2 = soup_message_new ("GET", outside);
  g_autoptr(SoupMessage) msg3 = soup_message_new ("GET", other_uri);
  g_autofree char *b1 = NULL, *b2 = NULL, *b3 = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 1);

  g_assert_no_error (error);
  token = OA2_BEARER_TOKEN (oa2_dpop_token_new ("bound", later, key, &error));
  g_assert_no_error (error);
  oa2_auth_set_token (auth, token);
  g_free (server->accepted);
  server->accepted = g_strdup ("DPoP bound");
  server->other_origin = server_uri (other, "/api/landing");
  g_free (other->accepted);
  other->accepted = g_strdup ("DPoP bound");

  b1 = send_and_read (session, redirected);
  g_assert_cmpuint (oa2_test_request_log_get_count (server->seen), ==, 1);
  g_assert_cmpstr (oa2_test_request_header (server_seen (server, 0), "Authorization"), ==, "DPoP bound");
  g_assert_nonnull (oa2_test_request_header (server_seen (server, 0), "DPoP"));
  g_assert_cmpuint (oa2_test_request_log_get_count (other->seen), ==, 1);
  g_assert_cmpstr (server_seen (other, 0)->path, ==, "/api/landing");
  g_assert_null (oa2_test_request_header (server_seen (other, 0), "Authorization"));
  g_assert_null (oa2_test_request_header (server_seen (other, 0), "DPoP"));
  /* The other origin's challenge gets nothing either. */
  g_assert_cmpuint (soup_message_get_status (redirected), ==, 401);

  b2 = send_and_read (session, msg2);
  g_assert_cmpuint (oa2_test_request_log_get_count (server->seen), ==, 2);
  g_assert_cmpstr (server_seen (server, 1)->path, ==, "/apix/items");
  g_assert_null (oa2_test_request_header (server_seen (server, 1), "Authorization"));
  g_assert_null (oa2_test_request_header (server_seen (server, 1), "DPoP"));

  b3 = send_and_read (session, msg3);
  g_assert_cmpuint (oa2_test_request_log_get_count (other->seen), ==, 2);
  g_assert_null (oa2_test_request_header (server_seen (other, 1), "Authorization"));
  g_assert_null (oa2_test_request_header (server_seen (other, 1), "DPoP"));
  g_assert_cmpuint (server->token_hits, ==, 0);
  g_assert_cmpuint (other->token_hits, ==, 0);
}

static void
test_install_errors (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(OA2Auth) auth = auth_for (server, "fresh", NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  const struct {
    const char *base;
    int         code;
  } cases[] = {
    { "http://api.example.com/v1/", OA2_ERROR_INSECURE_TRANSPORT },
    { "ftp://api.example.com/", OA2_ERROR_INVALID_ARGUMENT },
    { "https://api.example.com/v1/#x", OA2_ERROR_INVALID_ARGUMENT },
    { "https://api.example.com/v1/?a=b", OA2_ERROR_INVALID_ARGUMENT },
    { "/relative/", OA2_ERROR_INVALID_ARGUMENT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (oa2_soup_auth_install (session, auth, cases[i].base, &error));
      g_assert_error (error, OA2_ERROR, cases[i].code);
    }
  g_assert_false (soup_session_has_feature (session, OA2_TYPE_SOUP_AUTH_BEARER));
}

static void
test_types (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(OA2Auth) auth = auth_for (server, "fresh", NULL);
  g_autoptr(SoupSession) session = session_for (server, auth, "/api/");
  g_autoptr(SoupAuth) unbound = g_object_new (OA2_TYPE_SOUP_AUTH_DPOP, "authority", "h:1", NULL);

  g_assert_true (soup_session_has_feature (session, OA2_TYPE_SOUP_AUTH_BEARER));
  g_assert_true (soup_session_has_feature (session, OA2_TYPE_SOUP_AUTH_DPOP));
  g_assert_cmpstr (soup_auth_get_scheme_name (unbound), ==, "DPoP");
  g_assert_null (oa2_soup_auth_bearer_get_auth (OA2_SOUP_AUTH_BEARER (unbound)));
  g_assert_false (soup_auth_is_authenticated (unbound));
  g_assert_false (soup_auth_can_authenticate (unbound));
}

int
main (int   argc,
      char *argv[])
{
  oa2_test_init (&argc, &argv);

  g_test_add_func ("/soup-auth/valid-token", test_valid_token_sent);
  g_test_add_func ("/soup-auth/renewal-after-401", test_renewal_after_401_replays_body);
  g_test_add_func ("/soup-auth/first-token", test_first_token_after_bare_401);
  g_test_add_func ("/soup-auth/blocking-send", test_blocking_send);
  g_test_add_func ("/soup-auth/one-renewal-per-message", test_one_renewal_per_message);
  g_test_add_func ("/soup-auth/failed-renewal", test_failed_renewal);
  g_test_add_func ("/soup-auth/dpop-nonce", test_dpop_nonce_retry);
  g_test_add_func ("/soup-auth/dpop-nonce-with-token", test_dpop_nonce_with_token);
  g_test_add_func ("/soup-auth/no-credentials-elsewhere", test_no_credentials_elsewhere);
  g_test_add_func ("/soup-auth/install-errors", test_install_errors);
  g_test_add_func ("/soup-auth/types", test_types);

  return g_test_run ();
}
