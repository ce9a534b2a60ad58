/* loopback-jarm-test.c: signed authorization responses (JARM) through the
 * loopback receiver and the one-call desktop sign-in, checked with the
 * server's keys from an in-process server; what still ends the wait and
 * what does not; the modes a loopback receiver cannot take; a request
 * object (JAR) from the prepare-request signal
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "oa2-test-utils.h"
#include "oa2-test-server.h"

#define ENDPOINT "https://as.example/authorize"
#define ISSUER "https://as.example"
#define CLIENT_ID "app"

static OA2Jwk *server_key;   /* ES256: signs the responses */
static OA2Jwk *other_key;    /* ES256: a key the server does not have */
static OA2Jwk *client_key;   /* ES256: signs request objects */

typedef struct {
  OA2TestServer           *server;     /* the server's key set, then its token endpoint */
  OA2Client               *client;
  OA2LoopbackReceiver     *receiver;
  OA2AuthorizationRequest *request;
  SoupSession             *session;
  GAsyncResult            *result;
} Fixture;

static char *
jwks_json (OA2Jwk *key)
{
  g_autofree char *json = oa2_jwk_to_json (key, FALSE);

  return g_strdup_printf ("{\"keys\":[%s]}", json);
}

static OA2Client *
new_client (OA2TestServer *server)
{
  g_autofree char *jwks = oa2_test_server_uri (server, "/jwks");
  g_autofree char *token = oa2_test_server_uri (server, "/token");
  g_autoptr(OA2ClientAuth) auth = OA2_CLIENT_AUTH (oa2_client_secret_post_new (CLIENT_ID, "s3cret"));

  return g_object_new (OA2_TYPE_CLIENT, "token-endpoint", token, "client-auth", auth,
                       "authorization-endpoint", ENDPOINT, "issuer", ISSUER, "jwks-uri", jwks,
                       "authorization-signed-response-alg", "ES256", NULL);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *jwks = jwks_json (server_key);

  f->server = oa2_test_server_new ();
  oa2_test_server_respond (f->server, 200, "application/json", jwks);
  f->client = new_client (f->server);
  f->receiver = oa2_loopback_receiver_new ();
  oa2_loopback_receiver_set_client (f->receiver, f->client);
  g_assert_true (oa2_loopback_receiver_get_client (f->receiver) == f->client);
  g_assert_true (oa2_loopback_receiver_listen (f->receiver, &error));
  g_assert_no_error (error);
  f->request = oa2_client_new_authorization_request (f->client, oa2_loopback_receiver_get_redirect_uri (f->receiver),
                                                     "openid", &error);
  g_assert_no_error (error);
  oa2_authorization_request_set_response_mode (f->request, data != NULL ? data : "query.jwt");
  f->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->result);
  g_clear_object (&f->session);
  g_clear_object (&f->request);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (f->receiver);
  g_clear_object (&f->client);
  g_clear_pointer (&f->server, oa2_test_server_free);
}

/* A response JWT as the server makes it: iss, aud, exp around @state and
 * the other pairs. */
static char *
jarm_jwt (OA2Jwk     *key,
          const char *state,
          const char *first_name,
          ...)
{
  g_autoptr(JsonObject) claims = json_object_new ();
  g_autoptr(GError) error = NULL;
  const char *name = first_name;
  va_list args;
  char *jwt;

  json_object_set_string_member (claims, "iss", ISSUER);
  json_object_set_string_member (claims, "aud", CLIENT_ID);
  json_object_set_int_member (claims, "exp", g_get_real_time () / G_USEC_PER_SEC + 600);
  if (state != NULL)
    json_object_set_string_member (claims, "state", state);
  va_start (args, first_name);
  while (name != NULL)
    {
      json_object_set_string_member (claims, name, va_arg (args, const char *));
      name = va_arg (args, const char *);
    }
  va_end (args);
  jwt = oa2_jwt_sign_claims (claims, key, "ES256", NULL, &error);
  g_assert_no_error (error);
  return jwt;
}

static void
on_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* One redirect to the receiver (a GET with @query, or a POST of @form),
 * the main context running meanwhile; returns the status. */
static guint
redirect (SoupSession         *session,
          OA2LoopbackReceiver *receiver,
          const char          *query,
          const char          *form,
          char               **out_body)
{
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u/callback%s%s",
                                          oa2_loopback_receiver_get_port (receiver),
                                          query != NULL ? "?" : "", query != NULL ? query : "");
  g_autoptr(SoupMessage) msg = soup_message_new (form != NULL ? "POST" : "GET", uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (form != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));

      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
    }
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_sent, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  body = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);
  if (out_body != NULL)
    *out_body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  return soup_message_get_status (msg);
}

static char *
response_param (const char *jwt)
{
  g_autofree char *escaped = g_uri_escape_string (jwt, NULL, TRUE);

  return g_strdup_printf ("response=%s", escaped);
}

static void
start_receive (Fixture *f)
{
  oa2_loopback_receiver_receive_async (f->receiver, f->request, NULL, oa2_test_store_result, &f->result);
}

static OA2AuthorizationResponse *
finish_receive (Fixture *f, GError **error)
{
  oa2_test_wait_result (&f->result);
  return oa2_loopback_receiver_receive_finish (f->receiver, f->result, error);
}

/* query.jwt: a forged response, one without `response`, and a signed one
 * for another state keep the wait going; the signed one ends it. The
 * pages never hold anything the redirect carried. */
static void
test_query_jwt (Fixture *f, gconstpointer data)
{
  const char *state = oa2_authorization_request_get_state (f->request);
  g_autofree char *forged = jarm_jwt (other_key, state, "code", "forged-code", NULL);
  g_autofree char *stale = jarm_jwt (server_key, "another-state", "code", "stale-code", NULL);
  g_autofree char *good = jarm_jwt (server_key, state, "code", "c-1", NULL);
  g_autofree char *q_forged = response_param (forged);
  g_autofree char *q_stale = response_param (stale);
  g_autofree char *q_good = response_param (good);
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *page = NULL;

  start_receive (f);
  g_assert_cmpuint (redirect (f->session, f->receiver, q_forged, NULL, &page), ==, 400);
  g_assert_null (strstr (page, "forged"));
  g_clear_pointer (&page, g_free);
  g_assert_cmpuint (redirect (f->session, f->receiver, "code=plain&state=x", NULL, NULL), ==, 400);
  g_assert_cmpuint (redirect (f->session, f->receiver, q_stale, NULL, NULL), ==, 400);
  g_assert_null (f->result);
  g_assert_cmpuint (redirect (f->session, f->receiver, q_good, NULL, &page), ==, 200);
  g_assert_null (strstr (page, "c-1"));
  response = finish_receive (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_authorization_response_get_code (response), ==, "c-1");
  /* The key set was fetched once, and once more for the forged kid. */
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), <=, 2);
}

/* form_post.jwt: the signed response comes as a POST. */
static void
test_form_post_jwt (Fixture *f, gconstpointer data)
{
  const char *state = oa2_authorization_request_get_state (f->request);
  g_autofree char *good = jarm_jwt (server_key, state, "code", "posted", NULL);
  g_autofree char *form = response_param (good);
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  start_receive (f);
  g_assert_cmpuint (redirect (f->session, f->receiver, form, NULL, NULL), ==, 405);
  g_assert_cmpuint (redirect (f->session, f->receiver, NULL, form, NULL), ==, 200);
  response = finish_receive (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_authorization_response_get_code (response), ==, "posted");
}

/* A verified response that carries an error ends the wait with it, as an
 * unsigned one does. */
static void
test_signed_error (Fixture *f, gconstpointer data)
{
  const char *state = oa2_authorization_request_get_state (f->request);
  g_autofree char *jwt = jarm_jwt (server_key, state, "error", "access_denied", NULL);
  g_autofree char *query = response_param (jwt);
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  start_receive (f);
  g_assert_cmpuint (redirect (f->session, f->receiver, query, NULL, NULL), ==, 400);
  response = finish_receive (f, &error);
  g_assert_null (response);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_ACCESS_DENIED);
}

/* Nothing but a forged response: the timeout says why it was refused. */
static void
test_timeout_tells (Fixture *f, gconstpointer data)
{
  const char *state = oa2_authorization_request_get_state (f->request);
  g_autofree char *forged = jarm_jwt (other_key, state, "code", "x", NULL);
  g_autofree char *query = response_param (forged);
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  oa2_loopback_receiver_set_timeout (f->receiver, 1);
  start_receive (f);
  g_assert_cmpuint (redirect (f->session, f->receiver, query, NULL, NULL), ==, 400);
  response = finish_receive (f, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "could not be verified"));
}

/* What a loopback receiver cannot take, refused at once. */
static void
test_refused_modes (Fixture *f, gconstpointer data)
{
  const char *fragment_modes[] = { "fragment", "fragment.jwt" };
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (fragment_modes); i++)
    {
      oa2_authorization_request_set_response_mode (f->request, fragment_modes[i]);
      start_receive (f);
      response = finish_receive (f, &error);
      g_assert_null (response);
      g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (strstr (error->message, "fragment"));
      g_clear_error (&error);
      g_clear_object (&f->result);
    }

  /* jwt for a response type that returns a token means fragment.jwt. */
  oa2_authorization_request_set_response_mode (f->request, "jwt");
  oa2_authorization_request_set_response_type (f->request, "code id_token");
  start_receive (f);
  response = finish_receive (f, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_clear_object (&f->result);

  /* JARM without a client, which has the keys. */
  oa2_authorization_request_set_response_type (f->request, "code");
  oa2_loopback_receiver_set_client (f->receiver, NULL);
  start_receive (f);
  response = finish_receive (f, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "client"));
  g_clear_error (&error);
  g_clear_object (&f->result);

  /* The port is still open for a receive that can work. */
  oa2_loopback_receiver_set_client (f->receiver, f->client);
  oa2_authorization_request_set_response_mode (f->request, "jwt");
  {
    const char *state = oa2_authorization_request_get_state (f->request);
    g_autofree char *jwt = jarm_jwt (server_key, state, "code", "c-jwt", NULL);
    g_autofree char *query = response_param (jwt);

    start_receive (f);
    g_assert_cmpuint (redirect (f->session, f->receiver, query, NULL, NULL), ==, 200);
    response = finish_receive (f, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (oa2_authorization_response_get_code (response), ==, "c-jwt");
  }
}

/* The one-call sign-in: a request object signed with a key from the
 * prepare-request signal, a query.jwt response, and the code exchanged. */

typedef struct {
  OA2AuthorizationRequest *request;
  SoupSession             *session;
  char                    *code_sent;
} SignIn;

static void
on_prepare_request (OA2DesktopSignIn        *sign_in,
                    OA2AuthorizationRequest *request,
                    gpointer                 user_data)
{
  SignIn *s = user_data;
  g_autoptr(GError) error = NULL;

  oa2_authorization_request_set_response_mode (request, "query.jwt");
  g_assert_true (oa2_authorization_request_set_request_object_key (request, client_key, NULL, &error));
  g_assert_no_error (error);
  s->request = g_object_ref (request);
}

/* The browser: the address carries the request object alone; then the
 * server's signed answer comes back to the receiver. */
static gboolean
browse (gpointer user_data)
{
  OA2DesktopSignIn *sign_in = user_data;
  SignIn *s = g_object_get_data (G_OBJECT (sign_in), "test-sign-in");
  const char *uri = oa2_desktop_sign_in_get_authorization_uri (sign_in);
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GHashTable) query = g_uri_parse_params (g_uri_get_query (parsed), -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
  g_autoptr(OA2Jwt) object = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *good = NULL;
  g_autofree char *q = NULL;
  const char *state = oa2_authorization_request_get_state (s->request);

  g_assert_nonnull (g_hash_table_lookup (query, "request"));
  g_assert_null (g_hash_table_lookup (query, "state"));
  object = oa2_jwt_new_from_compact (g_hash_table_lookup (query, "request"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_jwt_get_string_claim (object, "response_mode"), ==, "query.jwt");
  g_assert_cmpstr (oa2_jwt_get_string_claim (object, "state"), ==, state);

  forged = jarm_jwt (other_key, state, "code", "forged", NULL);
  q = response_param (forged);
  g_assert_cmpuint (redirect (s->session, oa2_desktop_sign_in_get_receiver (sign_in), q, NULL, NULL), ==, 400);
  g_free (q);
  good = jarm_jwt (server_key, state, "code", "c-sign-in", NULL);
  q = response_param (good);
  g_assert_cmpuint (redirect (s->session, oa2_desktop_sign_in_get_receiver (sign_in), q, NULL, NULL), ==, 200);
  return G_SOURCE_REMOVE;
}

static void
on_authorization_uri (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, browse, g_object_ref (object), g_object_unref);
}

static void
test_sign_in (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(OA2Client) client = new_client (server);
  g_autoptr(OA2DesktopSignIn) sign_in = oa2_desktop_sign_in_new (client, "api");
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *jwks = jwks_json (server_key);
  g_autofree char *body = NULL;
  g_autofree char *last_path = NULL;
  g_autoptr(GHashTable) form = NULL;
  SignIn s = { 0 };

  s.session = soup_session_new ();
  /* The key set (once more for the forged kid), then the token. */
  oa2_test_server_queue_response (server, 200, "application/json", jwks, NULL, NULL);
  oa2_test_server_queue_response (server, 200, "application/json", jwks, NULL, NULL);
  oa2_test_server_respond (server, 200, "application/json",
                           "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":60}");
  oa2_desktop_sign_in_set_open_browser (sign_in, FALSE);
  g_object_set_data (G_OBJECT (sign_in), "test-sign-in", &s);
  g_signal_connect (sign_in, "prepare-request", G_CALLBACK (on_prepare_request), &s);
  g_signal_connect (sign_in, "notify::authorization-uri", G_CALLBACK (on_authorization_uri), NULL);
  g_assert_true (oa2_loopback_receiver_get_client (oa2_desktop_sign_in_get_receiver (sign_in)) == NULL);

  oa2_desktop_sign_in_run_async (sign_in, NULL, oa2_test_store_result, &result);
  token = oa2_desktop_sign_in_run_finish (sign_in, oa2_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "at-1");
  g_assert_true (oa2_loopback_receiver_get_client (oa2_desktop_sign_in_get_receiver (sign_in)) == client);

  /* The code of the signed response was the one exchanged. */
  last_path = oa2_test_server_dup_last_path (server);
  g_assert_cmpstr (last_path, ==, "/token");
  body = oa2_test_server_dup_last_body (server);
  form = g_uri_parse_params (body, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
  g_assert_cmpstr (g_hash_table_lookup (form, "code"), ==, "c-sign-in");
  g_assert_cmpstr (g_hash_table_lookup (form, "grant_type"), ==, "authorization_code");

  g_clear_object (&s.request);
  g_clear_object (&s.session);
}

/* encrypt-request-object: with no encryption key in the server's set, the
 * run ends with that error before any browser opens. */
static void
test_sign_in_encrypt_no_key (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(OA2Client) client = new_client (server);
  g_autoptr(OA2DesktopSignIn) sign_in = oa2_desktop_sign_in_new (client, "api");
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *jwks = jwks_json (server_key);
  SignIn s = { 0 };

  oa2_test_server_respond (server, 200, "application/json", jwks);
  oa2_desktop_sign_in_set_open_browser (sign_in, FALSE);
  g_assert_false (oa2_desktop_sign_in_get_encrypt_request_object (sign_in));
  g_object_set (sign_in, "encrypt-request-object", TRUE, NULL);
  g_assert_true (oa2_desktop_sign_in_get_encrypt_request_object (sign_in));
  g_signal_connect (sign_in, "prepare-request", G_CALLBACK (on_prepare_request), &s);

  oa2_desktop_sign_in_run_async (sign_in, NULL, oa2_test_store_result, &result);
  token = oa2_desktop_sign_in_run_finish (sign_in, oa2_test_wait_result (&result), &error);
  g_assert_null (token);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_NO_MATCHING_KEY);
  g_assert_null (oa2_desktop_sign_in_get_authorization_uri (sign_in));
  g_clear_object (&s.request);
}

/* A fragment mode ends the run before the request's address is made and
 * before any browser opens. */
static void
on_prepare_fragment (OA2DesktopSignIn        *sign_in,
                     OA2AuthorizationRequest *request,
                     gpointer                 user_data)
{
  oa2_authorization_request_set_response_mode (request, user_data);
}

static void
test_sign_in_fragment_refused (void)
{
  const char *modes[] = { "fragment", "fragment.jwt" };

  g_setenv ("OA2_BROWSER", "false", TRUE);
  for (gsize i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(OA2TestServer) server = oa2_test_server_new ();
      g_autoptr(OA2Client) client = new_client (server);
      g_autoptr(OA2DesktopSignIn) sign_in = oa2_desktop_sign_in_new (client, "api");
      g_autoptr(OA2BearerToken) token = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      g_signal_connect (sign_in, "prepare-request", G_CALLBACK (on_prepare_fragment), (gpointer) modes[i]);
      oa2_desktop_sign_in_run_async (sign_in, NULL, oa2_test_store_result, &result);
      token = oa2_desktop_sign_in_run_finish (sign_in, oa2_test_wait_result (&result), &error);
      g_assert_null (token);
      g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
      g_assert_null (oa2_desktop_sign_in_get_authorization_uri (sign_in));
      g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 0);
    }
  g_unsetenv ("OA2_BROWSER");
}

int
main (int argc, char *argv[])
{
  int status;

  oa2_test_init (&argc, &argv);
  server_key = oa2_jwk_generate ("ES256", NULL);
  other_key = oa2_jwk_generate ("ES256", NULL);
  client_key = oa2_jwk_generate ("ES256", NULL);

#define ADD(path, mode, func) \
  g_test_add ("/oa2/loopback-jarm/" path, Fixture, mode, fixture_set_up, func, fixture_tear_down)
  ADD ("query-jwt", "query.jwt", test_query_jwt);
  ADD ("form-post-jwt", "form_post.jwt", test_form_post_jwt);
  ADD ("signed-error", "query.jwt", test_signed_error);
  ADD ("timeout-tells", "query.jwt", test_timeout_tells);
  ADD ("refused-modes", "query.jwt", test_refused_modes);
#undef ADD
  g_test_add_func ("/oa2/loopback-jarm/sign-in", test_sign_in);
  g_test_add_func ("/oa2/loopback-jarm/sign-in-encrypt-no-key", test_sign_in_encrypt_no_key);
  g_test_add_func ("/oa2/loopback-jarm/sign-in-fragment-refused", test_sign_in_fragment_refused);

  status = g_test_run ();
  g_clear_object (&server_key);
  g_clear_object (&other_key);
  g_clear_object (&client_key);
  return status;
}
