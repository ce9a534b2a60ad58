/* device-interop-test.c: the device authorization grant (RFC 8628) and
 * the token poller against a real OpenID provider. The provider's
 * test-only route (the device-flow block of provider/provider.mjs) plays
 * the user who approves or denies the user code on another device.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <oauth2client-glib/oauth2client-glib.h>

#include "oa2-provider.h"

#define DEVICE_BASIC_SECRET "device-secret-0123456789"

static OA2Provider *provider;

static void
store_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* A client made by discovery: the device authorization endpoint comes
 * from the provider's metadata. */
static OA2Client *
discovered_client (const char *client_id)
{
  g_autoptr(OA2ClientAuth) auth = NULL;
  g_autoptr(GError) error = NULL;
  OA2Client *client;

  if (g_str_equal (client_id, "oa2-device-basic"))
    auth = OA2_CLIENT_AUTH (oa2_client_secret_basic_new (client_id, DEVICE_BASIC_SECRET));
  else
    auth = OA2_CLIENT_AUTH (oa2_public_app_new (client_id));
  client = oa2_client_new_from_issuer (oa2_provider_get_issuer (provider), OA2_DISCOVERY_KIND_OPENID, auth,
                                       NULL, NULL, &error);
  g_assert_no_error (error);
  return client;
}

/* The user's answer on the other device. */
static void
decide (const char *user_code,
        const char *decision)
{
  g_autofree char *uri = oa2_provider_endpoint (provider, "/test/device-decision");
  g_autofree char *body = g_strdup_printf ("user_code=%s&decision=%s", user_code, decision);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  g_autoptr(GBytes) request_body = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", request_body);
  response = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 204);
}

static OA2DeviceAuthorizationResponse *
authorize (OA2Client *client)
{
  g_autoptr(GError) error = NULL;
  OA2DeviceAuthorizationResponse *device;
  g_autofree char *expected_uri = oa2_provider_endpoint (provider, "/device");

  device = oa2_client_authorize_device (client, "openid offline_access", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_device_authorization_response_get_verification_uri (device), ==, expected_uri);
  g_assert_nonnull (strstr (oa2_device_authorization_response_get_verification_uri_complete (device),
                            oa2_device_authorization_response_get_user_code (device)));
  /* The provider's block sends interval 1 (see provider.mjs). */
  g_assert_cmpuint (oa2_device_authorization_response_get_interval (device), ==, 1);
  g_assert_false (oa2_device_authorization_response_is_expired (device));
  return device;
}

/* Pending first (the user has not answered), then approved: a token with
 * a validated ID token and a refresh token, through the polling loop on
 * the main loop. */
static void
test_approved (gconstpointer data)
{
  const char *client_id = data;
  g_autoptr(OA2Client) client = discovered_client (client_id);
  g_autoptr(OA2DeviceAuthorizationResponse) device = authorize (client);
  g_autoptr(OA2TokenPoller) poller = oa2_token_poller_new_for_device (client, device, NULL);
  g_autoptr(OA2BearerToken) pending = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Before the user answers: one request, "not yet". */
  pending = oa2_token_poller_poll_once (poller, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (pending);

  decide (oa2_device_authorization_response_get_user_code (device), "approve");
  oa2_token_poller_poll_async (poller, NULL, store_result, &result);
  token = oa2_token_poller_poll_finish (poller, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_token_type (token), ==, "Bearer");
  g_assert_nonnull (oa2_bearer_token_get_refresh_token (token));
  g_assert_nonnull (oa2_bearer_token_get_id_token (token));
  g_assert_cmpuint (oa2_token_poller_get_requests (poller), ==, 2);
}

static void
test_denied (void)
{
  g_autoptr(OA2Client) client = discovered_client ("oa2-device");
  g_autoptr(OA2DeviceAuthorizationResponse) device = authorize (client);
  g_autoptr(OA2TokenPoller) poller = oa2_token_poller_new_for_device (client, device, NULL);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  decide (oa2_device_authorization_response_get_user_code (device), "deny");
  token = oa2_token_poller_poll (poller, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_ACCESS_DENIED);
  g_assert_cmpuint (oa2_token_poller_get_requests (poller), ==, 1);

  /* The code is used up: the grant answers invalid_grant now. */
  g_clear_error (&error);
  g_assert_null (oa2_client_device_code (client, oa2_device_authorization_response_get_device_code (device),
                                         NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_GRANT);
}

/* The asynchronous authorization request, and a DPoP-bound token. */
static void
test_async_dpop (void)
{
  g_autoptr(OA2Client) client = discovered_client ("oa2-device");
  g_autoptr(OA2DeviceAuthorizationResponse) device = NULL;
  g_autoptr(OA2TokenPoller) poller = NULL;
  g_autoptr(OA2DPoPKey) key = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  oa2_client_authorize_device_async (client, "openid", NULL, NULL, NULL, store_result, &result);
  device = oa2_client_authorize_device_finish (client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  key = oa2_dpop_key_generate ("ES256", &error);
  g_assert_no_error (error);
  poller = oa2_token_poller_new_for_device (client, device, key);
  decide (oa2_device_authorization_response_get_user_code (device), "approve");
  oa2_token_poller_poll_async (poller, NULL, store_result, &result);
  token = oa2_token_poller_poll_finish (poller, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (OA2_IS_DPOP_TOKEN (token));
  g_assert_cmpstr (oa2_bearer_token_get_token_type (token), ==, "DPoP");
}

/* A client the provider does not allow the device grant: oidc-provider
 * says invalid_request (RFC 8628 §3.2 leaves the code to RFC 6749). */
static void
test_refused_client (void)
{
  g_autoptr(OA2Client) client = discovered_client ("oa2-public");
  g_autoptr(GError) error = NULL;

  g_assert_null (oa2_client_authorize_device (client, "openid", NULL, NULL, NULL, &error));
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_REQUEST);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  provider = oa2_provider_start ();

  g_test_add_data_func ("/oa2/interop/device/approved/none", "oa2-device", test_approved);
  g_test_add_data_func ("/oa2/interop/device/approved/client-secret-basic", "oa2-device-basic", test_approved);
  g_test_add_func ("/oa2/interop/device/denied", test_denied);
  g_test_add_func ("/oa2/interop/device/async-dpop", test_async_dpop);
  g_test_add_func ("/oa2/interop/device/refused-client", test_refused_client);

  status = g_test_run ();
  oa2_provider_stop (provider);
  return status;
}
