/* ciba-test.c: Client Initiated Backchannel Authentication (OpenID CIBA)
 * against an in-process server: the authentication request (plain and
 * signed), its answer, the CIBA grant, polling it, and the ping checks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-jose-test-utils.h"
#include "oa2-test-server.h"
#include "oa2-token-poller-private.h"

#define NOW 1700000000
#define ISSUER "https://issuer.example"
/* One poller "second" in these tests, in milliseconds. */
#define UNIT_MS 40

#define BC_RESPONSE "{\"auth_req_id\":\"ar-1\",\"expires_in\":120,\"interval\":1}"
#define GRANT_BODY "grant_type=urn%3Aopenid%3Aparams%3Agrant-type%3Aciba&auth_req_id=ar-1"
#define TOKEN_RESPONSE "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":60}"
#define PENDING "{\"error\":\"authorization_pending\"}"
#define SLOW_DOWN "{\"error\":\"slow_down\"}"

typedef struct {
  OA2TestServer *server;
  OA2Client     *client;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *token_uri = NULL;
  g_autofree char *bc_uri = NULL;
  g_autoptr(OA2ClientSecretBasic) auth = oa2_client_secret_basic_new ("c1", "s3cret");

  oa2_test_freeze_clock (NOW);
  f->server = oa2_test_server_new ();
  token_uri = oa2_test_server_uri (f->server, "/token");
  bc_uri = oa2_test_server_uri (f->server, "/bc-authorize");
  oa2_test_server_respond (f->server, 200, "application/json", BC_RESPONSE);
  f->client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", token_uri,
                            "backchannel-authentication-endpoint", bc_uri, "issuer", ISSUER,
                            "client-auth", auth, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  oa2_test_server_free (f->server);
  oa2_test_thaw_clock ();
}

static void
assert_last_request (Fixture    *f,
                     const char *path,
                     const char *body)
{
  g_autofree char *last_path = oa2_test_server_dup_last_path (f->server);
  g_autofree char *last_body = oa2_test_server_dup_last_body (f->server);
  g_autofree char *authorization = oa2_test_server_dup_last_header (f->server, "Authorization");

  g_assert_cmpstr (last_path, ==, path);
  g_assert_cmpstr (last_body, ==, body);
  /* base64("c1:s3cret") */
  g_assert_cmpstr (authorization, ==, "Basic YzE6czNjcmV0");
}

static void
test_request_bodies (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(OA2BackchannelAuthenticationRequest) request =
    oa2_backchannel_authentication_request_new ("openid email");
  g_autoptr(OA2BackchannelAuthenticationResponse) pending = NULL;
  g_autoptr(GHashTable) extra = oa2_test_params ("x", "y", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) expected_expiry = g_date_time_new_from_unix_utc (NOW + 120);

  oa2_backchannel_authentication_request_set_login_hint (request, "alice@example.com");
  pending = oa2_client_backchannel_authentication_request (f->client, request, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_last_request (f, "/bc-authorize", "scope=openid+email&login_hint=alice%40example.com");
  g_assert_cmpstr (oa2_backchannel_authentication_response_get_auth_req_id (pending), ==, "ar-1");
  g_assert_cmpuint (oa2_backchannel_authentication_response_get_interval (pending), ==, 1);
  g_assert_true (g_date_time_equal (oa2_backchannel_authentication_response_get_expires_at (pending),
                                    expected_expiry));
  g_assert_false (oa2_backchannel_authentication_response_is_expired (pending));
  g_assert_cmpint (json_node_get_int (oa2_backchannel_authentication_response_get_member (pending, "expires_in")),
                   ==, 120);
  /* The credential lives in the wiped property only. */
  g_assert_null (oa2_backchannel_authentication_response_get_member (pending, "auth_req_id"));
  g_clear_object (&pending);

  oa2_backchannel_authentication_request_set_login_hint (request, NULL);
  oa2_backchannel_authentication_request_set_id_token_hint (request, "eyJ.x.y");
  oa2_backchannel_authentication_request_set_binding_message (request, "W4SCT");
  oa2_backchannel_authentication_request_set_user_code (request, "1234");
  oa2_backchannel_authentication_request_set_requested_expiry (request, 300);
  oa2_backchannel_authentication_request_set_acr_values (request, "urn:acr:1 urn:acr:2");
  oa2_backchannel_authentication_request_set_client_notification_token (request, "cnt-8f3");
  g_assert_cmpstr (oa2_backchannel_authentication_request_get_binding_message (request), ==, "W4SCT");
  g_assert_cmpstr (oa2_backchannel_authentication_request_get_scope (request), ==, "openid email");
  oa2_client_backchannel_authentication_request_async (f->client, request, extra, NULL, oa2_test_store_result,
                                                       &result);
  pending = oa2_client_backchannel_authentication_request_finish (f->client, oa2_test_wait_result (&result),
                                                                 &error);
  g_assert_no_error (error);
  assert_last_request (f, "/bc-authorize",
                       "scope=openid+email&client_notification_token=cnt-8f3&acr_values=urn%3Aacr%3A1+urn%3Aacr%3A2"
                       "&id_token_hint=eyJ.x.y&binding_message=W4SCT&user_code=1234&requested_expiry=300&x=y");
  g_clear_object (&pending);
  g_clear_object (&result);

  oa2_backchannel_authentication_request_set_id_token_hint (request, NULL);
  oa2_backchannel_authentication_request_set_login_hint_token (request, "lht");
  oa2_backchannel_authentication_request_set_requested_expiry (request, 0);
  oa2_backchannel_authentication_request_set_binding_message (request, NULL);
  oa2_backchannel_authentication_request_set_user_code (request, NULL);
  oa2_backchannel_authentication_request_set_acr_values (request, NULL);
  oa2_backchannel_authentication_request_set_client_notification_token (request, NULL);
  pending = oa2_client_backchannel_authentication_request (f->client, request, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_last_request (f, "/bc-authorize", "scope=openid+email&login_hint_token=lht");
}

/* CIBA §7.1.1: one `request` parameter, a JWT with every parameter and
 * iss, aud, iat, nbf, exp, jti. */
static void
test_signed_request (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_generate ("ES256");
  g_autoptr(OA2Jwk) public_key = oa2_jwk_dup_public (key);
  g_autoptr(OA2BackchannelAuthenticationRequest) request = oa2_backchannel_authentication_request_new ("openid");
  g_autoptr(OA2BackchannelAuthenticationResponse) pending = NULL;
  g_autoptr(OA2Jwt) jwt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *compact = NULL;
  const char *algs[] = { "ES256", NULL };
  JsonObject *claims;

  oa2_backchannel_authentication_request_set_login_hint (request, "alice");
  oa2_backchannel_authentication_request_set_requested_expiry (request, 90);
  oa2_backchannel_authentication_request_set_signing_key (request, key, NULL);
  pending = oa2_client_backchannel_authentication_request (f->client, request, NULL, NULL, &error);
  g_assert_no_error (error);

  body = oa2_test_server_dup_last_body (f->server);
  g_assert_true (g_str_has_prefix (body, "request="));
  g_assert_null (strchr (body, '&'));
  compact = g_uri_unescape_string (body + strlen ("request="), NULL);
  jwt = oa2_jwt_new_from_compact (compact, &error);
  g_assert_no_error (error);
  g_assert_true (oa2_jwt_verify (jwt, public_key, algs, &error));
  g_assert_no_error (error);
  claims = oa2_jwt_get_claims (jwt);
  g_assert_cmpstr (json_object_get_string_member (claims, "iss"), ==, "c1");
  g_assert_cmpstr (json_object_get_string_member (claims, "aud"), ==, ISSUER);
  g_assert_cmpint (json_object_get_int_member (claims, "iat"), ==, NOW);
  g_assert_cmpint (json_object_get_int_member (claims, "nbf"), ==, NOW);
  g_assert_cmpint (json_object_get_int_member (claims, "exp"), ==, NOW + 300);
  g_assert_cmpuint (strlen (json_object_get_string_member (claims, "jti")), >=, 22);
  g_assert_cmpstr (json_object_get_string_member (claims, "scope"), ==, "openid");
  g_assert_cmpstr (json_object_get_string_member (claims, "login_hint"), ==, "alice");
  g_assert_cmpint (json_object_get_int_member (claims, "requested_expiry"), ==, 90);
}

static void
test_request_errors (Fixture       *f,
                     gconstpointer  data)
{
  struct {
    const char *scope, *login_hint, *id_token_hint, *binding_message;
    const char *message;
  } cases[] = {
    { "email", "alice", NULL, NULL, "openid" },
    { "openid", NULL, NULL, NULL, "exactly one" },
    { "openid", "alice", "eyJ", NULL, "exactly one" },
    { "openid", "", NULL, NULL, "empty" },
    { "openid", "alice", NULL, "", "empty" },
  };
  g_autoptr(OA2Client) bare = oa2_client_new ("https://issuer.example/token", NULL);
  g_autoptr(OA2BackchannelAuthenticationRequest) good = oa2_backchannel_authentication_request_new ("openid");
  g_autoptr(GError) error = NULL;
  OA2BackchannelAuthenticationResponse *pending;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OA2BackchannelAuthenticationRequest) request =
        oa2_backchannel_authentication_request_new (cases[i].scope);
      g_autoptr(GAsyncResult) result = NULL;

      oa2_backchannel_authentication_request_set_login_hint (request, cases[i].login_hint);
      oa2_backchannel_authentication_request_set_id_token_hint (request, cases[i].id_token_hint);
      oa2_backchannel_authentication_request_set_binding_message (request, cases[i].binding_message);
      pending = oa2_client_backchannel_authentication_request (f->client, request, NULL, NULL, &error);
      g_assert_null (pending);
      g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
      oa2_test_assert_message_contains (error, cases[i].message);
      g_clear_error (&error);

      oa2_client_backchannel_authentication_request_async (f->client, request, NULL, NULL, oa2_test_store_result,
                                                           &result);
      pending = oa2_client_backchannel_authentication_request_finish (f->client, oa2_test_wait_result (&result),
                                                                     &error);
      g_assert_null (pending);
      g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }

  oa2_backchannel_authentication_request_set_login_hint (good, "alice");
  pending = oa2_client_backchannel_authentication_request (bare, good, NULL, NULL, &error);
  g_assert_null (pending);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  oa2_test_assert_message_contains (error, "backchannel authentication endpoint");
  g_clear_error (&error);
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 0);
}

static void
test_response_errors (Fixture       *f,
                      gconstpointer  data)
{
  struct {
    guint status;
    const char *body;
    gboolean oauth;
    int code;
  } cases[] = {
    { 200, "{\"expires_in\":120}", FALSE, OA2_ERROR_MISSING_MEMBER },
    { 200, "{\"auth_req_id\":\"\",\"expires_in\":120}", FALSE, OA2_ERROR_INVALID_MEMBER },
    { 200, "{\"auth_req_id\":7,\"expires_in\":120}", FALSE, OA2_ERROR_INVALID_MEMBER },
    { 200, "{\"auth_req_id\":\"a\"}", FALSE, OA2_ERROR_MISSING_MEMBER },
    { 200, "{\"auth_req_id\":\"a\",\"expires_in\":0}", FALSE, OA2_ERROR_INVALID_MEMBER },
    { 200, "{\"auth_req_id\":\"a\",\"expires_in\":1.5}", FALSE, OA2_ERROR_INVALID_MEMBER },
    { 200, "{\"auth_req_id\":\"a\",\"expires_in\":99999999}", FALSE, OA2_ERROR_INVALID_MEMBER },
    { 200, "{\"auth_req_id\":\"a\",\"expires_in\":60,\"interval\":\"5\"}", FALSE, OA2_ERROR_INVALID_MEMBER },
    { 400, "{\"error\":\"unknown_user_id\"}", TRUE, OA2_OAUTH_ERROR_UNKNOWN_USER_ID },
    { 400, "{\"error\":\"invalid_binding_message\"}", TRUE, OA2_OAUTH_ERROR_INVALID_BINDING_MESSAGE },
    { 400, "{\"error\":\"expired_login_hint_token\"}", TRUE, OA2_OAUTH_ERROR_EXPIRED_LOGIN_HINT_TOKEN },
    { 400, "{\"error\":\"missing_user_code\"}", TRUE, OA2_OAUTH_ERROR_MISSING_USER_CODE },
    { 403, "{\"error\":\"access_denied\"}", TRUE, OA2_OAUTH_ERROR_ACCESS_DENIED },
    { 401, "{\"error\":\"invalid_client\"}", TRUE, OA2_OAUTH_ERROR_INVALID_CLIENT },
  };
  g_autoptr(OA2BackchannelAuthenticationRequest) request = oa2_backchannel_authentication_request_new ("openid");
  g_autoptr(OA2BackchannelAuthenticationResponse) pending = NULL;
  g_autoptr(GError) error = NULL;

  oa2_backchannel_authentication_request_set_login_hint (request, "alice");
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GQuark domain = cases[i].oauth ? OA2_OAUTH_ERROR : OA2_ERROR;
      OA2BackchannelAuthenticationResponse *refused;

      oa2_test_server_respond (f->server, cases[i].status, "application/json", cases[i].body);
      refused = oa2_client_backchannel_authentication_request (f->client, request, NULL, NULL, &error);
      g_assert_null (refused);
      g_assert_error (error, domain, cases[i].code);
      g_clear_error (&error);
    }

  /* No interval: CIBA §7.3's five seconds. */
  oa2_test_server_respond (f->server, 200, "application/json", "{\"auth_req_id\":\"a\",\"expires_in\":60}");
  pending = oa2_client_backchannel_authentication_request (f->client, request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_backchannel_authentication_response_get_interval (pending), ==,
                    OA2_BACKCHANNEL_DEFAULT_INTERVAL);
}

static void
test_ciba_grant (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *resources[] = { "https://api.example/", NULL };

  oa2_test_server_respond (f->server, 200, "application/json", TOKEN_RESPONSE);
  token = oa2_client_ciba (f->client, "ar-1", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "at-1");
  assert_last_request (f, "/token", GRANT_BODY);
  g_clear_object (&token);

  oa2_client_ciba_async (f->client, "ar-1", resources, NULL, NULL, NULL, oa2_test_store_result, &result);
  token = oa2_client_ciba_finish (f->client, oa2_test_wait_result (&result), &error);
  g_assert_no_error (error);
  assert_last_request (f, "/token", GRANT_BODY "&resource=https%3A%2F%2Fapi.example%2F");
  g_clear_object (&token);
  g_clear_object (&result);

  token = oa2_client_ciba (f->client, "", NULL, NULL, NULL, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  oa2_client_ciba_async (f->client, NULL, NULL, NULL, NULL, NULL, oa2_test_store_result, &result);
  token = oa2_client_ciba_finish (f->client, oa2_test_wait_result (&result), &error);
  g_assert_null (token);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  oa2_test_server_respond (f->server, 400, "application/json", "{\"error\":\"expired_token\"}");
  token = oa2_client_ciba (f->client, "ar-1", NULL, NULL, NULL, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_EXPIRED_TOKEN);
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 3);
}

static OA2TokenPoller *
new_poller (Fixture *f)
{
  g_autoptr(JsonNode) node = json_from_string (BC_RESPONSE, NULL);
  g_autoptr(OA2BackchannelAuthenticationResponse) pending = NULL;
  g_autoptr(GError) error = NULL;
  OA2TokenPoller *poller;

  pending = oa2_backchannel_authentication_response_new_from_json (json_node_get_object (node), &error);
  g_assert_no_error (error);
  poller = oa2_token_poller_new_for_backchannel (f->client, pending, NULL);
  oa2_token_poller_set_time_unit_for_testing (poller, UNIT_MS);
  return poller;
}

/* Poll mode through the shared poller: pending, pending, slow_down, a
 * token; four identical requests, the last after the longer wait. */
static void
test_poll (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(OA2TokenPoller) poller = new_poller (f);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, waited_ms;

  oa2_test_server_queue_response (f->server, 400, "application/json", PENDING, NULL, NULL);
  oa2_test_server_queue_response (f->server, 400, "application/json", PENDING, NULL, NULL);
  oa2_test_server_queue_response (f->server, 400, "application/json", SLOW_DOWN, NULL, NULL);
  oa2_test_server_respond (f->server, 200, "application/json", TOKEN_RESPONSE);
  g_assert_cmpuint (oa2_token_poller_get_interval (poller), ==, 1);
  start = g_get_monotonic_time ();
  oa2_token_poller_poll_async (poller, NULL, oa2_test_store_result, &result);
  token = oa2_token_poller_poll_finish (poller, oa2_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "at-1");
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *body = oa2_test_server_dup_body (f->server, i);

      g_assert_cmpstr (body, ==, GRANT_BODY);
    }
  waited_ms = (oa2_test_server_get_arrival_time (f->server, 3) - oa2_test_server_get_arrival_time (f->server, 2))
              / 1000;
  g_assert_cmpint (waited_ms, >=, 6 * UNIT_MS - 2);
  g_assert_cmpint ((oa2_test_server_get_arrival_time (f->server, 0) - start) / 1000, >=, UNIT_MS - 2);
  g_assert_cmpuint (oa2_token_poller_get_interval (poller), ==, 6);
}

/* Denied on the authentication device: the poller stops with the
 * server's access_denied. */
static void
test_poll_denied (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(OA2TokenPoller) poller = new_poller (f);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  oa2_test_server_queue_response (f->server, 400, "application/json", PENDING, NULL, NULL);
  oa2_test_server_respond (f->server, 403, "application/json", "{\"error\":\"access_denied\"}");
  token = oa2_token_poller_poll (poller, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_ACCESS_DENIED);
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 2);
}

static void
test_notification_token (void)
{
  g_assert_true (oa2_backchannel_check_notification_token ("Bearer cnt-8f3", "cnt-8f3"));
  g_assert_true (oa2_backchannel_check_notification_token ("bearer cnt-8f3", "cnt-8f3"));
  g_assert_false (oa2_backchannel_check_notification_token ("Bearer cnt-8f4", "cnt-8f3"));
  g_assert_false (oa2_backchannel_check_notification_token ("Bearer cnt-8f", "cnt-8f3"));
  g_assert_false (oa2_backchannel_check_notification_token ("Bearer cnt-8f3x", "cnt-8f3"));
  g_assert_false (oa2_backchannel_check_notification_token ("Basic cnt-8f3", "cnt-8f3"));
  g_assert_false (oa2_backchannel_check_notification_token ("cnt-8f3", "cnt-8f3"));
  g_assert_false (oa2_backchannel_check_notification_token ("Bearer ", ""));
  g_assert_false (oa2_backchannel_check_notification_token (NULL, "cnt-8f3"));
}

static void
test_parse_ping (void)
{
  struct {
    const char *body;
    int code;
  } bad[] = {
    { "", OA2_ERROR_EMPTY_RESPONSE },
    { "{", OA2_ERROR_INVALID_JSON },
    { "[]", OA2_ERROR_INVALID_JSON },
    { "{}", OA2_ERROR_MISSING_MEMBER },
    { "{\"auth_req_id\":5}", OA2_ERROR_INVALID_MEMBER },
    { "{\"auth_req_id\":\"\"}", OA2_ERROR_INVALID_MEMBER },
  };
  g_autoptr(GBytes) good = g_bytes_new_static ("{\"auth_req_id\":\"ar-1\"}", 22);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = oa2_backchannel_parse_ping (good, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "ar-1");
  {
    /* An empty GBytes may have no buffer at all (found by fuzz-backchannel). */
    g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);

    g_assert_null (oa2_backchannel_parse_ping (empty, &error));
    g_assert_error (error, OA2_ERROR, OA2_ERROR_EMPTY_RESPONSE);
    g_clear_error (&error);
  }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (bad[i].body, strlen (bad[i].body));
      char *none = oa2_backchannel_parse_ping (body, &error);

      g_assert_null (none);
      g_assert_error (error, OA2_ERROR, bad[i].code);
      g_clear_error (&error);
    }
}

int
main (int   argc,
      char *argv[])
{
  oa2_test_init (&argc, &argv);

  g_test_add_func ("/oa2/ciba/notification-token", test_notification_token);
  g_test_add_func ("/oa2/ciba/parse-ping", test_parse_ping);
#define ADD(path, func) g_test_add ("/oa2/ciba/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("request-bodies", test_request_bodies);
  ADD ("signed-request", test_signed_request);
  ADD ("request-errors", test_request_errors);
  ADD ("response-errors", test_response_errors);
  ADD ("grant", test_ciba_grant);
  ADD ("poll", test_poll);
  ADD ("poll-denied", test_poll_denied);
#undef ADD

  return g_test_run ();
}
