/* device-test.c: the device authorization grant (RFC 8628) and the token
 * poller against an in-process server: the exact requests, the polling
 * sequences with their waits and request counts, and the error mapping
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-test-server.h"
#include "oa2-token-poller-private.h"

#define NOW 1700000000
/* One poller "second" in these tests, in milliseconds. */
#define UNIT_MS 40

#define DEVICE_RESPONSE \
  "{\"device_code\":\"dc-1\",\"user_code\":\"WDJB-MJHT\"," \
  "\"verification_uri\":\"https://issuer.example/device\"," \
  "\"verification_uri_complete\":\"https://issuer.example/device?user_code=WDJB-MJHT\"," \
  "\"expires_in\":600,\"interval\":1}"
#define POLL_BODY \
  "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=dc-1&client_id=c1"
#define TOKEN_RESPONSE "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":60}"
#define PENDING "{\"error\":\"authorization_pending\"}"
#define SLOW_DOWN "{\"error\":\"slow_down\"}"

typedef struct {
  OA2TestServer *server;
  char          *token_uri;
  char          *device_uri;
  OA2Client     *client;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  oa2_test_freeze_clock (NOW);
  f->server = oa2_test_server_new ();
  f->token_uri = oa2_test_server_uri (f->server, "/token");
  f->device_uri = oa2_test_server_uri (f->server, "/device");
  f->client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", f->token_uri,
                            "device-authorization-endpoint", f->device_uri,
                            "client-auth", oa2_public_app_new ("c1"), NULL);
  g_object_unref (oa2_client_get_client_auth (f->client));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  g_free (f->token_uri);
  g_free (f->device_uri);
  oa2_test_server_free (f->server);
  oa2_test_thaw_clock ();
}

static OA2DeviceAuthorizationResponse *
device_response (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  OA2DeviceAuthorizationResponse *response;

  response = oa2_device_authorization_response_new_from_json (json_node_get_object (node), &error);
  g_assert_no_error (error);
  return response;
}

static OA2TokenPoller *
new_poller (Fixture    *f,
            const char *json)
{
  g_autoptr(OA2DeviceAuthorizationResponse) response = device_response (json);
  OA2TokenPoller *poller = oa2_token_poller_new_for_device (f->client, response, NULL);

  oa2_token_poller_set_time_unit_for_testing (poller, UNIT_MS);
  return poller;
}

/* Every request the server saw was the same device code poll. */
static void
assert_poll_bodies (Fixture *f,
                    guint    count)
{
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, count);
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *body = oa2_test_server_dup_body (f->server, i);

      g_assert_cmpstr (body, ==, POLL_BODY);
    }
}

/* The wait before request @index (from @start, or from the request
 * before) lasted at least @units poller seconds, and not much more. */
static void
assert_wait (Fixture *f,
             gint64   start,
             guint    index,
             guint    units)
{
  gint64 from = index == 0 ? start : oa2_test_server_get_arrival_time (f->server, index - 1);
  gint64 waited_ms = (oa2_test_server_get_arrival_time (f->server, index) - from) / 1000;

  g_assert_cmpint (waited_ms, >=, (gint64) units * UNIT_MS - 2);
  /* Generous: the machine is shared (and valgrind slow), but a missed
   * interval would be a whole UNIT_MS early or many late. */
  g_assert_cmpint (waited_ms, <, (gint64) units * UNIT_MS + 10 * UNIT_MS);
}

/* authorize_device: the request and the parsed answer */

static void
test_authorize_request (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(OA2DeviceAuthorizationResponse) response = NULL;
  g_autoptr(GHashTable) extra = oa2_test_params ("acr_values", "urn:acr:1", NULL);
  const char * const resources[] = { "https://api.example/", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL, *path = NULL, *dpop = NULL;
  g_autoptr(GDateTime) expires_at = NULL;
  guint interval = 0;
  char *user_code = NULL;

  oa2_test_server_respond (f->server, 200, "application/json", DEVICE_RESPONSE);
  response = oa2_client_authorize_device (f->client, "openid offline_access", resources, extra, NULL, &error);
  g_assert_no_error (error);
  body = oa2_test_server_dup_last_body (f->server);
  path = oa2_test_server_dup_last_path (f->server);
  dpop = oa2_test_server_dup_last_header (f->server, "DPoP");
  g_assert_cmpstr (path, ==, "/device");
  g_assert_cmpstr (body, ==, "scope=openid+offline_access&resource=https%3A%2F%2Fapi.example%2F"
                             "&acr_values=urn%3Aacr%3A1&client_id=c1");
  g_assert_null (dpop);

  g_assert_cmpstr (oa2_device_authorization_response_get_device_code (response), ==, "dc-1");
  g_assert_cmpstr (oa2_device_authorization_response_get_user_code (response), ==, "WDJB-MJHT");
  g_assert_cmpstr (oa2_device_authorization_response_get_verification_uri (response), ==,
                   "https://issuer.example/device");
  g_assert_cmpstr (oa2_device_authorization_response_get_verification_uri_complete (response), ==,
                   "https://issuer.example/device?user_code=WDJB-MJHT");
  g_assert_cmpint (g_date_time_to_unix (oa2_device_authorization_response_get_expires_at (response)), ==,
                   NOW + 600);
  g_assert_cmpuint (oa2_device_authorization_response_get_interval (response), ==, 1);
  g_assert_false (oa2_device_authorization_response_is_expired (response));
  g_object_get (response, "user-code", &user_code, "interval", &interval, "expires-at", &expires_at, NULL);
  g_assert_cmpstr (user_code, ==, "WDJB-MJHT");
  g_assert_cmpuint (interval, ==, 1);
  g_assert_cmpint (g_date_time_to_unix (expires_at), ==, NOW + 600);
  g_free (user_code);
  oa2_test_freeze_clock (NOW + 600);
  g_assert_true (oa2_device_authorization_response_is_expired (response));
}

static void
test_authorize_async (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(OA2ClientSecretBasic) auth = oa2_client_secret_basic_new ("c2", "s3cret");
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2DeviceAuthorizationResponse) response = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL, *authorization = NULL;

  client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", f->token_uri,
                         "device-authorization-endpoint", f->device_uri, "client-auth", auth, NULL);
  /* No interval, no complete URI: the defaults. */
  oa2_test_server_respond (f->server, 200, "application/json",
                           "{\"device_code\":\"dc-2\",\"user_code\":\"U2\","
                           "\"verification_uri\":\"https://issuer.example/d\",\"expires_in\":1800}");
  oa2_client_authorize_device_async (client, NULL, NULL, NULL, NULL, oa2_test_store_result, &result);
  response = oa2_client_authorize_device_finish (client, oa2_test_wait_result (&result), &error);
  g_assert_no_error (error);
  body = oa2_test_server_dup_last_body (f->server);
  authorization = oa2_test_server_dup_last_header (f->server, "Authorization");
  g_assert_cmpstr (body, ==, "");
  g_assert_cmpstr (authorization, ==, "Basic YzI6czNjcmV0");
  g_assert_cmpuint (oa2_device_authorization_response_get_interval (response), ==, OA2_DEVICE_DEFAULT_INTERVAL);
  g_assert_null (oa2_device_authorization_response_get_verification_uri_complete (response));
  g_assert_cmpint (g_date_time_to_unix (oa2_device_authorization_response_get_expires_at (response)), ==,
                   NOW + 1800);
}

typedef struct {
  const char *json;
  GQuark      (*domain) (void);
  int         code;
} BadResponse;

static void
test_authorize_errors (Fixture       *f,
                       gconstpointer  data)
{
  static const BadResponse cases[] = {
    { "{\"user_code\":\"u\",\"verification_uri\":\"https://a/\",\"expires_in\":5}",
      oa2_error_quark, OA2_ERROR_MISSING_MEMBER },
    { "{\"device_code\":\"d\",\"verification_uri\":\"https://a/\",\"expires_in\":5}",
      oa2_error_quark, OA2_ERROR_MISSING_MEMBER },
    { "{\"device_code\":\"d\",\"user_code\":\"u\",\"expires_in\":5}",
      oa2_error_quark, OA2_ERROR_MISSING_MEMBER },
    { "{\"device_code\":\"d\",\"user_code\":\"u\",\"verification_uri\":\"https://a/\"}",
      oa2_error_quark, OA2_ERROR_MISSING_MEMBER },
    { "{\"device_code\":\"d\",\"user_code\":\"u\",\"verification_uri\":\"https://a/\",\"expires_in\":-1}",
      oa2_error_quark, OA2_ERROR_INVALID_MEMBER },
    { "{\"device_code\":\"d\",\"user_code\":\"u\",\"verification_uri\":\"https://a/\",\"expires_in\":\"5\"}",
      oa2_error_quark, OA2_ERROR_INVALID_MEMBER },
    { "{\"device_code\":\"d\",\"user_code\":\"u\",\"verification_uri\":\"https://a/\",\"expires_in\":5.5}",
      oa2_error_quark, OA2_ERROR_INVALID_MEMBER },
    { "{\"device_code\":\"d\",\"user_code\":\"u\",\"verification_uri\":\"https://a/\",\"expires_in\":5,"
      "\"interval\":0}", oa2_error_quark, OA2_ERROR_INVALID_MEMBER },
    { "{\"device_code\":\"d\",\"user_code\":\"u\",\"verification_uri\":\"https://a/\",\"expires_in\":5,"
      "\"interval\":99999}", oa2_error_quark, OA2_ERROR_INVALID_MEMBER },
    { "{\"device_code\":\"d\",\"user_code\":\"u\",\"verification_uri\":\"javascript:alert(1)\",\"expires_in\":5}",
      oa2_error_quark, OA2_ERROR_INVALID_MEMBER },
    { "{\"device_code\":\"d\",\"user_code\":\"u\",\"verification_uri\":\"https://a/\",\"expires_in\":5,"
      "\"verification_uri_complete\":\"not a uri\"}", oa2_error_quark, OA2_ERROR_INVALID_MEMBER },
    { "{\"device_code\":\"d\",\"user_code\":\"u\\u001b[2J\",\"verification_uri\":\"https://a/\",\"expires_in\":5}",
      oa2_error_quark, OA2_ERROR_INVALID_MEMBER },
    /* Found by fuzz-device-response: a space, no host. */
    { "{\"device_code\":\"d\",\"user_code\":\"u\",\"verification_uri\":\"https: 9199device?us\",\"expires_in\":5}",
      oa2_error_quark, OA2_ERROR_INVALID_MEMBER },
    { "{\"device_code\":\"d\",\"user_code\":\"u\",\"verification_uri\":\"https:///device\",\"expires_in\":5}",
      oa2_error_quark, OA2_ERROR_INVALID_MEMBER },
    { "{\"device_code\":\"d\",\"user_code\":\"u\",\"verification_uri\":\"https://a/\\u0007\",\"expires_in\":5}",
      oa2_error_quark, OA2_ERROR_INVALID_MEMBER },
    { "{\"device_code\":\"\",\"user_code\":\"u\",\"verification_uri\":\"https://a/\",\"expires_in\":5}",
      oa2_error_quark, OA2_ERROR_INVALID_MEMBER },
    { "{\"device_code\":7,\"user_code\":\"u\",\"verification_uri\":\"https://a/\",\"expires_in\":5}",
      oa2_error_quark, OA2_ERROR_INVALID_MEMBER },
    { "[]", oa2_error_quark, OA2_ERROR_INVALID_JSON },
    { "{\"error\":\"invalid_scope\",\"error_description\":\"no\"}", oa2_oauth_error_quark,
      OA2_OAUTH_ERROR_INVALID_SCOPE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OA2DeviceAuthorizationResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].json);
      oa2_test_server_respond (f->server, g_str_has_prefix (cases[i].json, "{\"error") ? 400 : 200,
                               "application/json", cases[i].json);
      response = oa2_client_authorize_device (f->client, NULL, NULL, NULL, NULL, &error);
      g_assert_null (response);
      g_assert_error (error, cases[i].domain (), cases[i].code);
    }

  /* Google's spelling. */
  {
    g_autoptr(OA2DeviceAuthorizationResponse) response = NULL;
    g_autoptr(GError) error = NULL;

    oa2_test_server_respond (f->server, 200, "application/json",
                             "{\"device_code\":\"d\",\"user_code\":\"u\","
                             "\"verification_url\":\"https://www.google.com/device\",\"expires_in\":5.0}");
    response = oa2_client_authorize_device (f->client, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (oa2_device_authorization_response_get_verification_uri (response), ==,
                     "https://www.google.com/device");
  }

  /* Bad arguments never reach the server. */
  {
    g_autoptr(OA2Client) client = oa2_client_new_public (f->token_uri, "c1");
    g_autoptr(GError) error = NULL;
    guint hits = oa2_test_server_get_hits (f->server);

    g_assert_null (oa2_client_authorize_device (client, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    g_assert_null (oa2_client_authorize_device (f->client, "bad\"scope", NULL, NULL, NULL, &error));
    g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
    g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, hits);
  }
}

/* The device code grant itself */

static void
test_device_code_grant (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) token2 = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPKey) key = NULL;
  g_autofree char *body = NULL, *dpop = NULL;

  oa2_test_server_respond (f->server, 200, "application/json", TOKEN_RESPONSE);
  token = oa2_client_device_code (f->client, "dc-1", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "at-1");
  body = oa2_test_server_dup_last_body (f->server);
  g_assert_cmpstr (body, ==, POLL_BODY);
  g_clear_pointer (&body, g_free);

  /* With a DPoP key: a proof on the request, a DPoP token back. */
  key = oa2_dpop_key_generate ("ES256", &error);
  g_assert_no_error (error);
  oa2_test_server_respond (f->server, 200, "application/json",
                           "{\"access_token\":\"at-2\",\"token_type\":\"DPoP\",\"expires_in\":60}");
  oa2_client_device_code_async (f->client, "dc-1", NULL, NULL, key, NULL, oa2_test_store_result, &result);
  token2 = oa2_client_device_code_finish (f->client, oa2_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (OA2_IS_DPOP_TOKEN (token2));
  dpop = oa2_test_server_dup_last_header (f->server, "DPoP");
  g_assert_nonnull (dpop);
  body = oa2_test_server_dup_last_body (f->server);
  g_assert_cmpstr (body, ==, POLL_BODY);
  g_clear_object (&result);

  /* Pending is an OAuth error of its own. */
  oa2_test_server_respond (f->server, 400, "application/json", PENDING);
  g_clear_object (&token);
  token = oa2_client_device_code (f->client, "dc-1", NULL, NULL, NULL, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_AUTHORIZATION_PENDING);
  g_clear_error (&error);

  /* An empty device code is refused here, sync and async. */
  g_assert_null (oa2_client_device_code (f->client, "", NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  oa2_client_device_code_async (f->client, NULL, NULL, NULL, NULL, NULL, oa2_test_store_result, &result);
  g_assert_null (oa2_client_device_code_finish (f->client, oa2_test_wait_result (&result), &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 3);
}

/* The poller */

static void
queue_sequence (Fixture *f)
{
  oa2_test_server_queue_response (f->server, 400, "application/json", PENDING, NULL, NULL);
  oa2_test_server_queue_response (f->server, 400, "application/json", PENDING, NULL, NULL);
  oa2_test_server_queue_response (f->server, 400, "application/json", SLOW_DOWN, NULL, NULL);
  oa2_test_server_respond (f->server, 200, "application/json", TOKEN_RESPONSE);
}

static void
on_interval_notify (GObject    *object,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_poll_sequence_async (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(OA2TokenPoller) poller = new_poller (f, DEVICE_RESPONSE);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;
  gint64 start;

  queue_sequence (f);
  g_signal_connect (poller, "notify::interval", G_CALLBACK (on_interval_notify), &notified);
  g_assert_cmpuint (oa2_token_poller_get_interval (poller), ==, 1);
  start = g_get_monotonic_time ();
  oa2_token_poller_poll_async (poller, NULL, oa2_test_store_result, &result);
  token = oa2_token_poller_poll_finish (poller, oa2_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "at-1");

  assert_poll_bodies (f, 4);
  g_assert_cmpuint (oa2_token_poller_get_requests (poller), ==, 4);
  /* interval, interval, interval, then interval + 5 after slow_down */
  assert_wait (f, start, 0, 1);
  assert_wait (f, start, 1, 1);
  assert_wait (f, start, 2, 1);
  assert_wait (f, start, 3, 6);
  g_assert_cmpuint (oa2_token_poller_get_interval (poller), ==, 6);
  g_assert_cmpuint (notified, ==, 1);
}

static void
test_poll_sequence_sync (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(OA2TokenPoller) poller = new_poller (f, DEVICE_RESPONSE);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  queue_sequence (f);
  start = g_get_monotonic_time ();
  token = oa2_token_poller_poll (poller, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "at-1");
  assert_poll_bodies (f, 4);
  assert_wait (f, start, 0, 1);
  assert_wait (f, start, 1, 1);
  assert_wait (f, start, 2, 1);
  assert_wait (f, start, 3, 6);
}

/* A final answer after two pending ones: the server's error, unchanged,
 * after three requests; sync and async alike. */
static void
check_final_error (Fixture    *f,
                   guint       status,
                   const char *json,
                   GQuark      domain,
                   int         code)
{
  for (int async = 0; async < 2; async++)
    {
      g_autoptr(OA2TokenPoller) poller = new_poller (f, DEVICE_RESPONSE);
      g_autoptr(OA2BearerToken) token = NULL;
      g_autoptr(GError) error = NULL;
      guint hits = oa2_test_server_get_hits (f->server);

      oa2_test_server_queue_response (f->server, 400, "application/json", PENDING, NULL, NULL);
      oa2_test_server_queue_response (f->server, 400, "application/json", PENDING, NULL, NULL);
      oa2_test_server_respond (f->server, status, "application/json", json);
      if (async)
        {
          g_autoptr(GAsyncResult) result = NULL;

          oa2_token_poller_poll_async (poller, NULL, oa2_test_store_result, &result);
          token = oa2_token_poller_poll_finish (poller, oa2_test_wait_result (&result), &error);
        }
      else
        token = oa2_token_poller_poll (poller, NULL, &error);
      g_assert_null (token);
      g_assert_error (error, domain, code);
      g_assert_cmpuint (oa2_test_server_get_hits (f->server) - hits, ==, 3);
      g_assert_cmpuint (oa2_token_poller_get_requests (poller), ==, 3);
    }
}

static void
test_poll_expired_token (Fixture       *f,
                         gconstpointer  data)
{
  check_final_error (f, 400, "{\"error\":\"expired_token\"}", OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_EXPIRED_TOKEN);
}

static void
test_poll_denied (Fixture       *f,
                  gconstpointer  data)
{
  check_final_error (f, 400, "{\"error\":\"access_denied\",\"error_description\":\"The user said no\"}",
                     OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_ACCESS_DENIED);
}

static void
test_poll_error_mapping (Fixture       *f,
                         gconstpointer  data)
{
  check_final_error (f, 400, "{\"error\":\"invalid_grant\"}", OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_GRANT);
  check_final_error (f, 401, "{\"error\":\"invalid_client\"}", OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_CLIENT);
  check_final_error (f, 400, "{\"error\":\"x_vendor\"}", OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_OTHER);
  /* A 500 is not "come back later": only 503 and 429 are. */
  check_final_error (f, 500, "oops", OA2_ERROR, OA2_ERROR_UNEXPECTED_STATUS);
  check_final_error (f, 200, "{\"token_type\":\"Bearer\"}", OA2_ERROR, OA2_ERROR_MISSING_MEMBER);
}

/* expires_in 3 with interval 1: requests at 1 and 2; the next would fall
 * at 3, when the code is dead, so the poller stops without sending it.
 * Slower "seconds" than elsewhere: a request's round trip must stay well
 * within one of them for the count to be exact. */
#define EXPIRY_UNIT_MS 250
static void
test_poll_local_expiry (Fixture       *f,
                        gconstpointer  data)
{
  const char *json = "{\"device_code\":\"dc-1\",\"user_code\":\"U\","
                     "\"verification_uri\":\"https://issuer.example/device\",\"expires_in\":3,\"interval\":1}";

  oa2_test_server_respond (f->server, 400, "application/json", PENDING);
  for (int async = 0; async < 2; async++)
    {
      g_autoptr(OA2TokenPoller) poller = new_poller (f, json);
      g_autoptr(OA2BearerToken) token = NULL;
      g_autoptr(GError) error = NULL;
      guint hits = oa2_test_server_get_hits (f->server);

      oa2_token_poller_set_time_unit_for_testing (poller, EXPIRY_UNIT_MS);
      if (async)
        {
          g_autoptr(GAsyncResult) result = NULL;

          oa2_token_poller_poll_async (poller, NULL, oa2_test_store_result, &result);
          token = oa2_token_poller_poll_finish (poller, oa2_test_wait_result (&result), &error);
        }
      else
        token = oa2_token_poller_poll (poller, NULL, &error);
      g_assert_null (token);
      g_assert_error (error, OA2_ERROR, OA2_ERROR_AUTHORIZATION_EXPIRED);
      g_assert_cmpuint (oa2_test_server_get_hits (f->server) - hits, ==, 2);
    }

  /* A code that has already expired is never sent. */
  {
    g_autoptr(OA2TokenPoller) poller = new_poller (f, json);
    g_autoptr(GError) error = NULL;
    guint hits = oa2_test_server_get_hits (f->server);

    oa2_test_freeze_clock (NOW + 3);
    oa2_token_poller_set_time_unit_for_testing (poller, UNIT_MS);
    g_assert_null (oa2_token_poller_poll_once (poller, NULL, &error));
    g_assert_error (error, OA2_ERROR, OA2_ERROR_AUTHORIZATION_EXPIRED);
    g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, hits);
  }
}

static gboolean
cancel_now (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

typedef struct {
  OA2TestServer *server;
  GCancellable  *cancellable;
} CancelAfterFirst;

/* Cancels once the first request has arrived: the poller is then waiting
 * for the second. */
static gboolean
cancel_after_first_request (gpointer user_data)
{
  CancelAfterFirst *data = user_data;

  if (oa2_test_server_get_hits (data->server) < 1)
    return G_SOURCE_CONTINUE;
  g_cancellable_cancel (data->cancellable);
  return G_SOURCE_REMOVE;
}

static void
test_poll_cancel_while_waiting (Fixture       *f,
                                gconstpointer  data)
{
  /* interval 5: the poller waits 5 units before each request. */
  const char *json = "{\"device_code\":\"dc-1\",\"user_code\":\"U\","
                     "\"verification_uri\":\"https://issuer.example/device\",\"expires_in\":600,\"interval\":5}";

  oa2_test_server_respond (f->server, 400, "application/json", PENDING);

  /* Cancelled during the first wait: no request at all, and at once. */
  {
    g_autoptr(OA2TokenPoller) poller = new_poller (f, json);
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    gint64 start = g_get_monotonic_time ();

    oa2_token_poller_poll_async (poller, cancellable, oa2_test_store_result, &result);
    g_timeout_add (UNIT_MS, cancel_now, cancellable);
    g_assert_null (oa2_token_poller_poll_finish (poller, oa2_test_wait_result (&result), &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * UNIT_MS * 1000);
    g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 0);
  }

  /* Cancelled during the second wait: one request. */
  {
    g_autoptr(OA2TokenPoller) poller = new_poller (f, json);
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    CancelAfterFirst cancel = { f->server, cancellable };

    oa2_token_poller_poll_async (poller, cancellable, oa2_test_store_result, &result);
    g_timeout_add (5, cancel_after_first_request, &cancel);
    g_assert_null (oa2_token_poller_poll_finish (poller, oa2_test_wait_result (&result), &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 1);
    g_assert_cmpuint (oa2_token_poller_get_requests (poller), ==, 1);
  }

  /* The blocking poll, cancelled from another thread while it sleeps. */
  {
    g_autoptr(OA2TokenPoller) poller = new_poller (f, json);
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GError) error = NULL;
    g_autoptr(GMainContext) context = g_main_context_new ();
    GSource *source = g_timeout_source_new (UNIT_MS);
    GThread *thread;

    /* A context of its own, run by a thread: the test's default one is
     * blocked in the poll. */
    g_source_set_callback (source, cancel_now, cancellable, NULL);
    g_source_attach (source, context);
    g_source_unref (source);
    thread = g_thread_new ("canceller", (GThreadFunc) (void (*) (void)) g_main_context_iteration, context);
    g_assert_null (oa2_token_poller_poll (poller, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_thread_join (thread);
    g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 1);
  }
}

static void
test_poll_retry_after (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GDateTime) later = g_date_time_new_from_unix_utc (NOW + 4);
  g_autofree char *http_date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  g_autoptr(OA2TokenPoller) poller = new_poller (f, DEVICE_RESPONSE);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  /* 503 with seconds, 503 with a date (4 s from the frozen clock), a
   * JSON temporarily_unavailable without Retry-After (the interval), and
   * a 429 with seconds. */
  oa2_test_server_queue_response (f->server, 503, "text/html", "<h1>busy</h1>", "Retry-After", "3");
  oa2_test_server_queue_response (f->server, 503, "text/html", "<h1>busy</h1>", "Retry-After", http_date);
  oa2_test_server_queue_response (f->server, 503, "application/json", "{\"error\":\"temporarily_unavailable\"}",
                                  NULL, NULL);
  oa2_test_server_queue_response (f->server, 429, "text/plain", "slow", "Retry-After", "2");
  oa2_test_server_respond (f->server, 200, "application/json", TOKEN_RESPONSE);
  start = g_get_monotonic_time ();
  oa2_token_poller_poll_async (poller, NULL, oa2_test_store_result, &result);
  token = oa2_token_poller_poll_finish (poller, oa2_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  assert_poll_bodies (f, 5);
  assert_wait (f, start, 0, 1);
  assert_wait (f, start, 1, 3);
  assert_wait (f, start, 2, 4);
  assert_wait (f, start, 3, 1);
  assert_wait (f, start, 4, 2);
  /* Retry-After does not change the interval; slow_down does. */
  g_assert_cmpuint (oa2_token_poller_get_interval (poller), ==, 1);
}

static void
test_retry_after_on_errors (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  oa2_test_server_respond (f->server, 503, "text/html", "busy");
  oa2_test_server_add_response_header (f->server, "Retry-After", "120");
  g_assert_null (oa2_client_device_code (f->client, "dc-1", NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNEXPECTED_STATUS);
  g_assert_cmpint (oa2_error_get_http_status (error), ==, 503);
  g_assert_cmpint (oa2_error_get_retry_after (error), ==, 120);
  g_clear_error (&error);

  /* Copies keep it. */
  {
    g_autoptr(GError) copy = NULL;

    g_assert_null (oa2_client_device_code (f->client, "dc-1", NULL, NULL, NULL, NULL, &error));
    copy = g_error_copy (error);
    g_assert_cmpint (oa2_error_get_retry_after (copy), ==, 120);
    g_clear_error (&error);
  }

  /* No header, or a bad one: -1. */
  oa2_test_server_respond (f->server, 400, "application/json", PENDING);
  g_assert_null (oa2_client_device_code (f->client, "dc-1", NULL, NULL, NULL, NULL, &error));
  g_assert_cmpint (oa2_error_get_retry_after (error), ==, 120);   /* the header is still configured */
  g_clear_error (&error);
  {
    g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");

    g_assert_cmpint (oa2_error_get_retry_after (other), ==, -1);
  }
  {
    g_autoptr(OA2TestServer) server = oa2_test_server_new ();
    g_autofree char *uri = oa2_test_server_uri (server, "/token");
    g_autoptr(OA2Client) client = oa2_client_new_public (uri, "c1");

    oa2_test_server_respond (server, 400, "application/json", PENDING);
    g_assert_null (oa2_client_device_code (client, "dc-1", NULL, NULL, NULL, NULL, &error));
    g_assert_cmpint (oa2_error_get_retry_after (error), ==, -1);
    g_clear_error (&error);
    oa2_test_server_add_response_header (server, "Retry-After", "soon");
    g_assert_null (oa2_client_device_code (client, "dc-1", NULL, NULL, NULL, NULL, &error));
    g_assert_cmpint (oa2_error_get_retry_after (error), ==, -1);
    g_clear_error (&error);
  }
  /* A date in the past means no wait; a huge number the longest one. */
  {
    g_autoptr(OA2TestServer) server = oa2_test_server_new ();
    g_autofree char *uri = oa2_test_server_uri (server, "/token");
    g_autoptr(OA2Client) client = oa2_client_new_public (uri, "c1");

    oa2_test_server_respond (server, 503, "text/plain", "busy");
    oa2_test_server_add_response_header (server, "Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT");
    g_assert_null (oa2_client_device_code (client, "dc-1", NULL, NULL, NULL, NULL, &error));
    g_assert_cmpint (oa2_error_get_retry_after (error), ==, 0);
    g_clear_error (&error);
  }
  {
    g_autoptr(OA2TestServer) server = oa2_test_server_new ();
    g_autofree char *uri = oa2_test_server_uri (server, "/token");
    g_autoptr(OA2Client) client = oa2_client_new_public (uri, "c1");

    oa2_test_server_respond (server, 503, "text/plain", "busy");
    oa2_test_server_add_response_header (server, "Retry-After", "99999999999999999999999");
    g_assert_null (oa2_client_device_code (client, "dc-1", NULL, NULL, NULL, NULL, &error));
    g_assert_cmpint (oa2_error_get_retry_after (error), ==, G_MAXINT - 1);
  }
}

static void
test_poll_once (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(OA2TokenPoller) poller = new_poller (f, DEVICE_RESPONSE);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  oa2_test_server_queue_response (f->server, 400, "application/json", PENDING, NULL, NULL);
  oa2_test_server_queue_response (f->server, 400, "application/json", SLOW_DOWN, NULL, NULL);
  oa2_test_server_queue_response (f->server, 503, "text/plain", "x", "Retry-After", "30");
  oa2_test_server_respond (f->server, 200, "application/json", TOKEN_RESPONSE);

  /* Not yet: NULL without an error. */
  g_assert_null (oa2_token_poller_poll_once (poller, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_token_poller_get_next_delay (poller), ==, 1);
  oa2_token_poller_poll_once_async (poller, NULL, oa2_test_store_result, &result);
  g_assert_null (oa2_token_poller_poll_once_finish (poller, oa2_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (oa2_token_poller_get_interval (poller), ==, 6);
  g_assert_cmpuint (oa2_token_poller_get_next_delay (poller), ==, 6);
  g_assert_null (oa2_token_poller_poll_once (poller, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_token_poller_get_next_delay (poller), ==, 30);
  oa2_token_poller_poll_once_async (poller, NULL, oa2_test_store_result, &result);
  token = oa2_token_poller_poll_once_finish (poller, oa2_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  /* No waiting in poll_once: four requests, back to back. */
  assert_poll_bodies (f, 4);
  g_assert_cmpuint (oa2_token_poller_get_requests (poller), ==, 4);
}

static void
test_poll_busy (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(OA2TokenPoller) poller = new_poller (f, DEVICE_RESPONSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GError) error = NULL;

  oa2_test_server_respond (f->server, 400, "application/json", PENDING);
  oa2_token_poller_poll_async (poller, cancellable, oa2_test_store_result, &result);
  g_assert_null (oa2_token_poller_poll_once (poller, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_clear_error (&error);
  oa2_token_poller_poll_async (poller, NULL, oa2_test_store_result, &result2);
  g_assert_null (oa2_token_poller_poll_finish (poller, oa2_test_wait_result (&result2), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_clear_error (&error);
  g_cancellable_cancel (cancellable);
  g_assert_null (oa2_token_poller_poll_finish (poller, oa2_test_wait_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  /* Free again once finished: a cancelled poll can be restarted. */
  g_assert_null (oa2_token_poller_poll_once (poller, NULL, &error));
  g_assert_no_error (error);
}

/* The poller is not device-specific: any grant's parameters (here a CIBA
 * request) are repeated as given. */
static void
test_poll_generic (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GHashTable) params = oa2_test_params ("grant_type", "urn:openid:params:grant-type:ciba",
                                                  "auth_req_id", "ar-1", NULL);
  g_autoptr(GDateTime) expires_at = g_date_time_new_from_unix_utc (NOW + 120);
  const char * const resources[] = { "https://api.example/", NULL };
  g_autoptr(OA2TokenPoller) poller = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  poller = oa2_token_poller_new (f->client, params, resources, NULL, 0, expires_at);
  g_assert_cmpuint (oa2_token_poller_get_interval (poller), ==, OA2_DEVICE_DEFAULT_INTERVAL);
  g_assert_true (oa2_token_poller_get_client (poller) == f->client);
  g_assert_cmpint (g_date_time_to_unix (oa2_token_poller_get_expires_at (poller)), ==, NOW + 120);
  oa2_token_poller_set_time_unit_for_testing (poller, 5);
  oa2_test_server_queue_response (f->server, 400, "application/json", PENDING, NULL, NULL);
  oa2_test_server_respond (f->server, 200, "application/json", TOKEN_RESPONSE);
  token = oa2_token_poller_poll (poller, NULL, &error);
  g_assert_no_error (error);
  body = oa2_test_server_dup_body (f->server, 1);
  g_assert_true (g_str_has_prefix (body, "grant_type=urn%3Aopenid%3Aparams%3Agrant-type%3Aciba&"));
  g_assert_nonnull (strstr (body, "auth_req_id=ar-1"));
  g_assert_nonnull (strstr (body, "resource=https%3A%2F%2Fapi.example%2F"));
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  oa2_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/device/authorize/request", test_authorize_request);
  ADD ("/device/authorize/async", test_authorize_async);
  ADD ("/device/authorize/errors", test_authorize_errors);
  ADD ("/device/grant", test_device_code_grant);
  ADD ("/device/poll/sequence-async", test_poll_sequence_async);
  ADD ("/device/poll/sequence-sync", test_poll_sequence_sync);
  ADD ("/device/poll/expired-token", test_poll_expired_token);
  ADD ("/device/poll/denied", test_poll_denied);
  ADD ("/device/poll/error-mapping", test_poll_error_mapping);
  ADD ("/device/poll/local-expiry", test_poll_local_expiry);
  ADD ("/device/poll/cancel-while-waiting", test_poll_cancel_while_waiting);
  ADD ("/device/poll/retry-after", test_poll_retry_after);
  ADD ("/device/poll/retry-after-on-errors", test_retry_after_on_errors);
  ADD ("/device/poll/once", test_poll_once);
  ADD ("/device/poll/busy", test_poll_busy);
  ADD ("/device/poll/generic", test_poll_generic);
#undef ADD

  return g_test_run ();
}
