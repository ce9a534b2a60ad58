/* grant-auth-test.c: the auth handlers whose first token comes from a
 * sign-in (OA2AuthorizationCodeAuth, OA2DeviceCodeAuth) against an
 * in-process token endpoint: the exact requests, one code redemption or
 * one poll for many concurrent callers, refresh afterwards, and the
 * errors (a refused code: sign-in required; a denied device; a transport
 * error that leaves the code for the next attempt)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-test-server.h"

#include <string.h>

#define CALLERS 20
#define REDIRECT "http://127.0.0.1:8400/callback"
#define TOKEN_WITH_RT \
  "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"rt-1\"}"
#define REFRESHED \
  "{\"access_token\":\"at-2\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"rt-2\"}"
#define DEVICE_RESPONSE \
  "{\"device_code\":\"dc-1\",\"user_code\":\"WDJB-MJHT\"," \
  "\"verification_uri\":\"https://issuer.example/device\",\"expires_in\":600,\"interval\":1}"
#define PENDING "{\"error\":\"authorization_pending\"}"

static OA2Client *
client_for (OA2TestServer *server)
{
  g_autofree char *token_uri = oa2_test_server_uri (server, "/token");
  g_autofree char *device_uri = oa2_test_server_uri (server, "/device");
  OA2Client *client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", token_uri,
                                    "device-authorization-endpoint", device_uri,
                                    "client-auth", oa2_public_app_new ("c1"), NULL);

  g_object_unref (oa2_client_get_client_auth (client));
  return client;
}

/* A validated response with the code "the-code", for a request with PKCE. */
static OA2AuthorizationResponse *
code_response (OA2AuthorizationRequest **out_request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2AuthorizationRequest) request =
    oa2_authorization_request_new ("https://issuer.example/authorize", "c1", REDIRECT, "api", &error);
  g_autofree char *callback = NULL;
  OA2AuthorizationResponse *response;

  g_assert_no_error (error);
  callback = g_strdup_printf (REDIRECT "?code=the-code&state=%s", oa2_authorization_request_get_state (request));
  response = oa2_authorization_request_validate_callback (request, callback, &error);
  g_assert_no_error (error);
  *out_request = g_steal_pointer (&request);
  return response;
}

static void
ensure_concurrently (OA2Auth        *auth,
                     OA2BearerToken *tokens[CALLERS],
                     GError         *errors[CALLERS])
{
  GAsyncResult *results[CALLERS] = { NULL, };

  for (guint i = 0; i < CALLERS; i++)
    oa2_auth_ensure_token_async (auth, NULL, oa2_test_store_result, &results[i]);
  for (guint i = 0; i < CALLERS; i++)
    {
      oa2_test_wait_result (&results[i]);
      tokens[i] = oa2_auth_ensure_token_finish (auth, results[i], &errors[i]);
      g_object_unref (results[i]);
    }
}

/* ---------------------------------------------------------------------- */

static void
test_code_once_then_refresh (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2AuthorizationRequest) request = NULL;
  g_autoptr(OA2AuthorizationResponse) response = code_response (&request);
  g_autoptr(OA2AuthorizationCodeAuth) auth = oa2_authorization_code_auth_new (client, response, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) refreshed = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *body = NULL;
  g_autofree char *refresh_body = NULL;
  OA2BearerToken *tokens[CALLERS];
  GError *errors[CALLERS] = { NULL, };

  g_assert_true (oa2_authorization_code_auth_get_client (auth) == client);
  g_assert_true (oa2_authorization_code_auth_get_response (auth) == response);
  g_assert_null (oa2_authorization_code_auth_get_dpop_key (auth));

  oa2_test_server_set_delay (server, 50);
  oa2_test_server_respond (server, 200, "application/json", TOKEN_WITH_RT);
  ensure_concurrently (OA2_AUTH (auth), tokens, errors);
  for (guint i = 0; i < CALLERS; i++)
    {
      g_assert_no_error (errors[i]);
      g_assert_true (tokens[i] == tokens[0]);
      g_object_unref (tokens[i]);
    }
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);
  body = oa2_test_server_dup_body (server, 0);
  expected = g_strdup_printf ("grant_type=authorization_code&code=the-code&redirect_uri=%s&code_verifier=%s&client_id=c1",
                              "http%3A%2F%2F127.0.0.1%3A8400%2Fcallback",
                              oa2_authorization_request_get_code_verifier (request));
  g_assert_cmpstr (body, ==, expected);

  /* Later renewals refresh; the code is never sent again. */
  oa2_test_server_respond (server, 200, "application/json", REFRESHED);
  oa2_auth_set_leeway (OA2_AUTH (auth), 7200);
  refreshed = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (refreshed), ==, "at-2");
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 2);
  refresh_body = oa2_test_server_dup_body (server, 1);
  g_assert_cmpstr (refresh_body, ==, "grant_type=refresh_token&refresh_token=rt-1&client_id=c1");
}

static void
test_code_refused (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2AuthorizationRequest) request = NULL;
  g_autoptr(OA2AuthorizationResponse) response = code_response (&request);
  g_autoptr(OA2AuthorizationCodeAuth) auth = oa2_authorization_code_auth_new (client, response, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;
  OA2BearerToken *token;

  oa2_test_server_respond (server, 400, "application/json", "{\"error\":\"invalid_grant\"}");
  token = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, &error);
  g_assert_null (token);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_SIGN_IN_REQUIRED);

  /* The code is spent: no second request. */
  token = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, &again);
  g_assert_null (token);
  g_assert_error (again, OA2_ERROR, OA2_ERROR_SIGN_IN_REQUIRED);
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);
}

/* A token endpoint that cannot be reached leaves the code for later. */
static void
test_code_transport_error (void)
{
  g_autofree char *closed = oa2_test_closed_port_uri ("/token");
  g_autoptr(OA2Client) client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", closed,
                                              "client-auth", oa2_public_app_new ("c1"), NULL);
  g_autoptr(OA2AuthorizationRequest) request = NULL;
  g_autoptr(OA2AuthorizationResponse) response = code_response (&request);
  g_autoptr(OA2AuthorizationCodeAuth) auth = oa2_authorization_code_auth_new (client, response, NULL);
  g_autoptr(GError) error = NULL;
  OA2BearerToken *token;

  g_object_unref (oa2_client_get_client_auth (client));
  token = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, &error);
  g_assert_null (token);
  g_assert_true (error->domain != OA2_OAUTH_ERROR);
  g_assert_false (g_error_matches (error, OA2_ERROR, OA2_ERROR_SIGN_IN_REQUIRED));
  g_clear_error (&error);
  token = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, &error);
  g_assert_null (token);
  g_assert_false (g_error_matches (error, OA2_ERROR, OA2_ERROR_SIGN_IN_REQUIRED));
}

static OA2DeviceAuthorizationResponse *
authorize_device (OA2TestServer *server,
                  OA2Client     *client)
{
  g_autoptr(GError) error = NULL;
  OA2DeviceAuthorizationResponse *device;

  oa2_test_server_queue_response (server, 200, "application/json", DEVICE_RESPONSE, NULL, NULL);
  device = oa2_client_authorize_device (client, "api", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return device;
}

static void
test_device_one_poll (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2DeviceAuthorizationResponse) device = authorize_device (server, client);
  g_autoptr(OA2DeviceCodeAuth) auth = oa2_device_code_auth_new (client, device, NULL);
  g_autoptr(OA2BearerToken) refreshed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *poll1 = NULL, *poll2 = NULL, *refresh_body = NULL, *path = NULL;
  OA2BearerToken *tokens[CALLERS];
  GError *errors[CALLERS] = { NULL, };

  g_assert_true (oa2_device_code_auth_get_client (auth) == client);
  g_assert_true (oa2_device_code_auth_get_response (auth) == device);
  g_assert_null (oa2_device_code_auth_get_dpop_key (auth));

  oa2_test_server_queue_response (server, 400, "application/json", PENDING, NULL, NULL);
  oa2_test_server_respond (server, 200, "application/json", TOKEN_WITH_RT);
  ensure_concurrently (OA2_AUTH (auth), tokens, errors);
  for (guint i = 0; i < CALLERS; i++)
    {
      g_assert_no_error (errors[i]);
      g_assert_true (tokens[i] == tokens[0]);
      g_object_unref (tokens[i]);
    }
  /* The device authorization, then two polls for every caller. */
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 3);
  poll1 = oa2_test_server_dup_body (server, 1);
  poll2 = oa2_test_server_dup_body (server, 2);
  g_assert_cmpstr (poll1, ==,
                   "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=dc-1&client_id=c1");
  g_assert_cmpstr (poll2, ==, poll1);

  oa2_test_server_respond (server, 200, "application/json", REFRESHED);
  oa2_auth_set_leeway (OA2_AUTH (auth), 7200);
  refreshed = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (refreshed), ==, "at-2");
  refresh_body = oa2_test_server_dup_body (server, 3);
  g_assert_cmpstr (refresh_body, ==, "grant_type=refresh_token&refresh_token=rt-1&client_id=c1");
  path = oa2_test_server_dup_last_path (server);
  g_assert_cmpstr (path, ==, "/token");
}

static void
test_device_denied (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2DeviceAuthorizationResponse) device = authorize_device (server, client);
  g_autoptr(OA2DeviceCodeAuth) auth = oa2_device_code_auth_new (client, device, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;
  OA2BearerToken *token;

  oa2_test_server_respond (server, 400, "application/json", "{\"error\":\"access_denied\"}");
  oa2_auth_ensure_token_async (OA2_AUTH (auth), NULL, oa2_test_store_result, &result);
  token = oa2_auth_ensure_token_finish (OA2_AUTH (auth), oa2_test_wait_result (&result), &error);
  g_assert_null (token);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_ACCESS_DENIED);

  token = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, &again);
  g_assert_null (token);
  g_assert_error (again, OA2_ERROR, OA2_ERROR_SIGN_IN_REQUIRED);
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 2);
}

/* Cancelling the only caller cancels the poll; the next caller polls
 * again with the same device code. */
static void
test_device_cancel_then_again (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2DeviceAuthorizationResponse) device = authorize_device (server, client);
  g_autoptr(OA2DeviceCodeAuth) auth = oa2_device_code_auth_new (client, device, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  OA2BearerToken *none;

  oa2_test_server_respond (server, 200, "application/json", TOKEN_WITH_RT);
  oa2_auth_ensure_token_async (OA2_AUTH (auth), cancellable, oa2_test_store_result, &result);
  g_cancellable_cancel (cancellable);
  none = oa2_auth_ensure_token_finish (OA2_AUTH (auth), oa2_test_wait_result (&result), &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  /* The caller completes at once; the cancelled poll winds down after. */
  {
    gint64 until = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }

  token = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "at-1");
}

int
main (int   argc,
      char *argv[])
{
  oa2_test_init (&argc, &argv);

  g_test_add_func ("/grant-auth/code/once-then-refresh", test_code_once_then_refresh);
  g_test_add_func ("/grant-auth/code/refused", test_code_refused);
  g_test_add_func ("/grant-auth/code/transport-error", test_code_transport_error);
  g_test_add_func ("/grant-auth/device/one-poll", test_device_one_poll);
  g_test_add_func ("/grant-auth/device/denied", test_device_denied);
  g_test_add_func ("/grant-auth/device/cancel-then-again", test_device_cancel_then_again);

  return g_test_run ();
}
