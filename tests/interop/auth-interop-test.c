/* auth-interop-test.c: OA2ClientCredentialsAuth against a real OpenID
 * provider and the protected resource of its auth-handler block
 * (provider/provider.mjs): Bearer, DPoP, DPoP with the resource's nonce,
 * one renewal after the token is revoked (401 invalid_token), and one token
 * request for many concurrent callers; OA2ApiClient and the SoupAuth
 * drop-in calling it; OA2DeviceCodeAuth after an approval.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <oauth2client-glib/oauth2client-glib.h>

#include "oa2-provider.h"

#define POST_SECRET "post-secret-0123456789"
#define DPOP_SECRET "dpop-secret-0123456789"
#define DPOP_NONCE_SECRET "dpop-nonce-secret-0123456789"
#define EXCHANGE_SECRET "exchange-secret-0123456789"

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

static void
count_token_request (SoupSession *session,
                     SoupMessage *msg,
                     guint       *count)
{
  if (g_str_has_suffix (g_uri_get_path (soup_message_get_uri (msg)), "/token"))
    (*count)++;
}

static OA2Client *
discovered_client (const char *client_id,
                   const char *secret)
{
  g_autoptr(OA2ClientAuth) auth = OA2_CLIENT_AUTH (oa2_client_secret_post_new (client_id, secret));
  g_autoptr(GError) error = NULL;
  OA2Client *client;

  client = oa2_client_new_from_issuer (oa2_provider_get_issuer (provider), OA2_DISCOVERY_KIND_OPENID, auth,
                                       NULL, NULL, &error);
  g_assert_no_error (error);
  return client;
}

/* Sends @msg as an application does: stamp, send, and send once more if
 * the handler says so. Returns the JSON body of the answer. */
static JsonObject *
call_resource (OA2Auth     *auth,
               SoupSession *session,
               SoupMessage *msg,
               gboolean    *out_retried)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (oa2_auth_authorize_message (auth, msg, NULL, &error));
  g_assert_no_error (error);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  *out_retried = oa2_auth_retry_message (auth, msg, NULL, &error);
  g_assert_no_error (error);
  if (*out_retried)
    {
      g_clear_pointer (&body, g_bytes_unref);
      body = soup_session_send_and_read (session, msg, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_bearer_and_revocation (void)
{
  g_autoptr(OA2Client) client = discovered_client ("oa2-post", POST_SECRET);
  g_autoptr(OA2ClientCredentialsAuth) auth = oa2_client_credentials_auth_new (client, "api:read");
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = oa2_provider_endpoint (provider, "/test/resource");
  g_autoptr(SoupMessage) first = soup_message_new ("GET", uri);
  g_autoptr(SoupMessage) second = soup_message_new ("GET", uri);
  g_autoptr(SoupMessage) third = soup_message_new ("POST", uri);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) renewed = NULL;
  g_autoptr(GError) error = NULL;
  gboolean retried = TRUE;
  guint requests = 0;

  g_signal_connect (oa2_client_get_session (client), "request-queued", G_CALLBACK (count_token_request), &requests);

  answer = call_resource (OA2_AUTH (auth), session, first, &retried);
  g_assert_false (retried);
  g_assert_cmpstr (json_object_get_string_member (answer, "client_id"), ==, "oa2-post");
  g_assert_cmpstr (json_object_get_string_member (answer, "scheme"), ==, "Bearer");
  g_assert_cmpstr (json_object_get_string_member (answer, "scope"), ==, "api:read");
  g_clear_pointer (&answer, json_object_unref);
  answer = call_resource (OA2_AUTH (auth), session, second, &retried);
  g_assert_false (retried);
  g_assert_cmpuint (requests, ==, 1);

  /* The server forgets the token before it expires: one renewal. */
  token = oa2_auth_dup_token (OA2_AUTH (auth));
  g_assert_true (oa2_client_revoke_access_token (client, token, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&answer, json_object_unref);
  answer = call_resource (OA2_AUTH (auth), session, third, &retried);
  g_assert_true (retried);
  g_assert_cmpuint (requests, ==, 2);
  renewed = oa2_auth_dup_token (OA2_AUTH (auth));
  g_assert_true (renewed != token);
  g_assert_cmpstr (json_object_get_string_member (answer, "scheme"), ==, "Bearer");
}

/* Bound tokens, sync and async; the nonce client also meets the
 * resource's nonce, once. */
static void
test_dpop (gconstpointer data)
{
  const char *client_id = data;
  gboolean nonce = g_str_equal (client_id, "oa2-dpop-nonce");
  g_autoptr(OA2Client) client = discovered_client (client_id, nonce ? DPOP_NONCE_SECRET : DPOP_SECRET);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPKey) key = oa2_dpop_key_generate ("ES256", &error);
  g_autoptr(OA2ClientCredentialsAuth) auth = oa2_client_credentials_auth_new_full (client, "api:read", NULL,
                                                                                  NULL, key);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = oa2_provider_endpoint (provider, "/test/resource");
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(SoupMessage) again = soup_message_new ("POST", uri);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  gboolean retried = FALSE;

  g_assert_no_error (error);
  answer = call_resource (OA2_AUTH (auth), session, msg, &retried);
  g_assert_true (retried == nonce);
  g_assert_cmpstr (json_object_get_string_member (answer, "client_id"), ==, client_id);
  g_assert_cmpstr (json_object_get_string_member (answer, "scheme"), ==, "DPoP");
  token = oa2_auth_dup_token (OA2_AUTH (auth));
  g_assert_true (OA2_IS_DPOP_TOKEN (token));
  g_assert_true (oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (token)) == key);

  /* The nonce is remembered: no second 401. */
  g_clear_pointer (&answer, json_object_unref);
  answer = call_resource (OA2_AUTH (auth), session, again, &retried);
  g_assert_false (retried);
}

#define CALLERS 50

/* Many callers at once, one token request; then each message is sent. */
static void
test_concurrent_async (void)
{
  g_autoptr(OA2Client) client = discovered_client ("oa2-dpop", DPOP_SECRET);
  g_autoptr(OA2ClientCredentialsAuth) auth = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = oa2_provider_endpoint (provider, "/test/resource");
  SoupMessage *messages[CALLERS];
  GAsyncResult *results[CALLERS] = { NULL };
  guint requests = 0;

  oa2_client_set_dpop_bound_access_tokens (client, TRUE);
  auth = oa2_client_credentials_auth_new (client, NULL);
  g_signal_connect (oa2_client_get_session (client), "request-queued", G_CALLBACK (count_token_request), &requests);
  for (guint i = 0; i < CALLERS; i++)
    {
      messages[i] = soup_message_new ("GET", uri);
      oa2_auth_authorize_message_async (OA2_AUTH (auth), messages[i], NULL, store_result, &results[i]);
    }
  for (guint i = 0; i < CALLERS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = NULL;

      g_assert_true (oa2_auth_authorize_message_finish (OA2_AUTH (auth), wait_result (&results[i]), &error));
      g_assert_no_error (error);
      body = soup_session_send_and_read (session, messages[i], NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (soup_message_get_status (messages[i]), ==, 200);
      g_object_unref (results[i]);
      g_object_unref (messages[i]);
    }
  g_assert_cmpuint (requests, ==, 1);
}

/* OA2ApiClient calls the resource with Bearer, DPoP, and DPoP with the
 * resource's nonce; each sync and async. */
static void
test_api_client (gconstpointer data)
{
  const char *client_id = data;
  gboolean dpop = !g_str_equal (client_id, "oa2-post");
  const char *secret = g_str_equal (client_id, "oa2-post") ? POST_SECRET
                       : g_str_equal (client_id, "oa2-dpop") ? DPOP_SECRET : DPOP_NONCE_SECRET;
  g_autoptr(OA2Client) client = discovered_client (client_id, secret);
  g_autoptr(OA2ClientCredentialsAuth) auth = NULL;
  g_autofree char *base = oa2_provider_endpoint (provider, "/test");
  g_autoptr(OA2ApiClient) api = NULL;
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(OA2ApiResponse) again = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint requests = 0;

  oa2_client_set_dpop_bound_access_tokens (client, dpop);
  auth = oa2_client_credentials_auth_new (client, "api:read");
  g_signal_connect (oa2_client_get_session (client), "request-queued", G_CALLBACK (count_token_request), &requests);
  api = oa2_api_client_new (base, OA2_AUTH (auth), &error);
  g_assert_no_error (error);

  response = oa2_api_client_get (api, "resource", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 200);
  json = oa2_api_response_dup_json (response, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "client_id"), ==, client_id);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "scheme"), ==,
                   dpop ? "DPoP" : "Bearer");

  oa2_api_client_post_async (api, "resource", NULL, NULL, NULL, store_result, &result);
  again = oa2_api_client_post_finish (api, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (again), ==, 200);
  /* One token; the nonce client's token endpoint wants its nonce first. */
  g_assert_cmpuint (requests, ==, g_str_equal (client_id, "oa2-dpop-nonce") ? 2 : 1);
}

/* OA2ApiClient follows the provider's redirects: to the resource on the
 * same origin with the token (and for DPoP a new proof for the resource's
 * URL, which the resource checks), and to another origin (localhost for
 * 127.0.0.1) with no credentials, which the resource answers with a bare
 * 401 challenge. */
static void
test_api_client_redirects (gconstpointer data)
{
  const char *client_id = data;
  gboolean dpop = !g_str_equal (client_id, "oa2-post");
  g_autoptr(OA2Client) client = discovered_client (client_id, dpop ? DPOP_SECRET : POST_SECRET);
  g_autoptr(OA2ClientCredentialsAuth) auth = NULL;
  g_autofree char *base = oa2_provider_endpoint (provider, "/test");
  g_autofree char *resource = oa2_provider_endpoint (provider, "/test/resource");
  g_autoptr(OA2ApiClient) api = NULL;
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(OA2ApiResponse) away = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *challenge;

  oa2_client_set_dpop_bound_access_tokens (client, dpop);
  auth = oa2_client_credentials_auth_new (client, "api:read");
  api = oa2_api_client_new (base, OA2_AUTH (auth), &error);
  g_assert_no_error (error);

  response = oa2_api_client_get (api, "moved", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 200);
  g_assert_cmpstr (oa2_api_response_get_uri (response), ==, resource);
  json = oa2_api_response_dup_json (response, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "scheme"), ==,
                   dpop ? "DPoP" : "Bearer");

  oa2_api_client_request_async (api, "POST", "moved-away", NULL, NULL, NULL, OA2_API_REQUEST_NO_RAISE_FOR_STATUS,
                                NULL, store_result, &result);
  away = oa2_api_client_request_finish (api, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (away), ==, 401);
  g_assert_true (g_str_has_prefix (oa2_api_response_get_uri (away), "http://localhost:"));
  challenge = soup_message_headers_get_one (oa2_api_response_get_headers (away), "WWW-Authenticate");
  g_assert_nonnull (challenge);
  g_assert_null (strstr (challenge, "error="));
}

/* The SoupAuth drop-in on a session the test owns: the first token after
 * the bare request's 401, the nonce of the DPoP client's resource, and one
 * renewal after revocation with the POST body sent again. */
static void
test_soup_auth (gconstpointer data)
{
  const char *client_id = data;
  gboolean dpop = !g_str_equal (client_id, "oa2-post");
  const char *secret = g_str_equal (client_id, "oa2-post") ? POST_SECRET : DPOP_NONCE_SECRET;
  g_autoptr(OA2Client) client = discovered_client (client_id, secret);
  g_autoptr(OA2ClientCredentialsAuth) auth = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *base = oa2_provider_endpoint (provider, "/test/");
  g_autofree char *uri = oa2_provider_endpoint (provider, "/test/resource");
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = NULL;

  oa2_client_set_dpop_bound_access_tokens (client, dpop);
  auth = oa2_client_credentials_auth_new (client, "api:read");
  g_assert_true (oa2_soup_auth_install (session, OA2_AUTH (auth), base, &error));
  g_assert_no_error (error);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
      g_autoptr(GBytes) body = g_bytes_new_static ("{\"n\":1}", 7);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;

      if (round == 1)
        {
          /* The server forgets the token before it expires. */
          token = oa2_auth_dup_token (OA2_AUTH (auth));
          g_assert_true (oa2_client_revoke_access_token (client, token, NULL, &error));
          g_assert_no_error (error);
        }
      oa2_soup_auth_set_request_body (msg, "application/json", body);
      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, store_result, &result);
      answer = soup_session_send_and_read_finish (session, wait_result (&result), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer),
                                                 &error));
      object = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpstr (json_object_get_string_member (object, "client_id"), ==, client_id);
      g_assert_cmpstr (json_object_get_string_member (object, "scheme"), ==, dpop ? "DPoP" : "Bearer");
    }
  {
    g_autoptr(OA2BearerToken) renewed = oa2_auth_dup_token (OA2_AUTH (auth));

    g_assert_true (renewed != token);
  }
}

/* OA2DeviceCodeAuth: the user approves (the provider's test route), the
 * handler's first ensure_token polls and gets the token, the next renewal
 * refreshes it. */
static void
test_device_code_auth (void)
{
  g_autoptr(OA2ClientAuth) public_auth = OA2_CLIENT_AUTH (oa2_public_app_new ("oa2-device"));
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2DeviceAuthorizationResponse) device = NULL;
  g_autoptr(OA2DeviceCodeAuth) auth = NULL;
  g_autoptr(OA2BearerToken) first = NULL;
  g_autoptr(OA2BearerToken) second = NULL;
  g_autofree char *uri = oa2_provider_endpoint (provider, "/test/device-decision");
  g_autofree char *body = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  g_autoptr(GBytes) request_body = NULL;
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;

  client = oa2_client_new_from_issuer (oa2_provider_get_issuer (provider), OA2_DISCOVERY_KIND_OPENID, public_auth,
                                       NULL, NULL, &error);
  g_assert_no_error (error);
  device = oa2_client_authorize_device (client, "openid offline_access", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  auth = oa2_device_code_auth_new (client, device, NULL);
  body = g_strdup_printf ("user_code=%s&decision=approve", oa2_device_authorization_response_get_user_code (device));
  request_body = g_bytes_new (body, strlen (body));
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", request_body);
  response = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 204);

  first = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (oa2_bearer_token_get_refresh_token (first));
  oa2_auth_set_leeway (OA2_AUTH (auth), 1000000);
  second = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (second), !=, oa2_bearer_token_get_access_token (first));
}

/* A user's token with a refresh token, from the device flow, approved by
 * the provider's test route (the device-flow block of provider.mjs). */
static OA2BearerToken *
signed_in_token (OA2Client *client)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DeviceAuthorizationResponse) device = NULL;
  g_autofree char *uri = oa2_provider_endpoint (provider, "/test/device-decision");
  g_autofree char *body = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  g_autoptr(GBytes) request_body = NULL;
  g_autoptr(GBytes) response = NULL;
  OA2BearerToken *token;

  device = oa2_client_authorize_device (client, "openid offline_access", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  body = g_strdup_printf ("user_code=%s&decision=approve", oa2_device_authorization_response_get_user_code (device));
  request_body = g_bytes_new (body, strlen (body));
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", request_body);
  response = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 204);
  token = oa2_client_device_code (client, oa2_device_authorization_response_get_device_code (device),
                                  NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (oa2_bearer_token_get_refresh_token (token));
  return token;
}

/* The resource refuses @token from now on, without revoking its grant. */
static void
refuse (OA2BearerToken *token)
{
  g_autofree char *uri = oa2_provider_endpoint (provider, "/test/refuse-token");
  g_autofree char *body = g_strdup_printf ("token=%s", oa2_bearer_token_get_access_token (token));
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

static void
count_change (OA2Auth        *auth,
              OA2BearerToken *token,
              guint          *count)
{
  (*count)++;
}

/* OA2AccessTokenAuth with a real refresh token: the access token refused
 * by the resource, one refresh (the public client's refresh token
 * rotates) and the call goes through; then the grant revoked: sign-in
 * required. */
static void
test_access_token_auth (void)
{
  g_autoptr(OA2ClientAuth) public_app = OA2_CLIENT_AUTH (oa2_public_app_new ("oa2-device"));
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Client) client = oa2_client_new_from_issuer (oa2_provider_get_issuer (provider),
                                                            OA2_DISCOVERY_KIND_OPENID, public_app, NULL, NULL,
                                                            &error);
  g_autoptr(OA2BearerToken) first = signed_in_token (client);
  g_autoptr(OA2AccessTokenAuth) auth = oa2_access_token_auth_new (client, first);
  g_autofree char *base = oa2_provider_endpoint (provider, "/test");
  g_autoptr(OA2ApiClient) api = oa2_api_client_new (base, OA2_AUTH (auth), &error);
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(OA2BearerToken) renewed = NULL;
  g_autoptr(OA2BearerToken) dropped = NULL;
  guint changes = 0;

  g_assert_no_error (error);
  g_signal_connect (auth, "token-changed", G_CALLBACK (count_change), &changes);
  response = oa2_api_client_get (api, "resource", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 0);

  refuse (first);
  g_clear_object (&response);
  response = oa2_api_client_get (api, "resource", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 200);
  g_assert_cmpuint (changes, ==, 1);
  renewed = oa2_auth_dup_token (OA2_AUTH (auth));
  g_assert_cmpstr (oa2_bearer_token_get_refresh_token (renewed), !=, oa2_bearer_token_get_refresh_token (first));

  /* The grant is gone (revoking the refresh token revokes it): only the
   * user can help now. */
  g_assert_true (oa2_client_revoke_refresh_token (client, renewed, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&response);
  response = oa2_api_client_get (api, "resource", NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_SIGN_IN_REQUIRED);
  g_assert_cmpstr (oa2_error_get_server_code (error), ==, "invalid_grant");
  dropped = oa2_auth_dup_token (OA2_AUTH (auth));
  g_assert_null (dropped);
  g_assert_cmpuint (changes, ==, 2);
}

/* OA2TokenExchangeAuth: the subject is a client-credentials handler; its
 * token is exchanged (the token exchange block of provider.mjs), the
 * exchanged token calls the resource, and once the resource refuses it,
 * it is exchanged again with the subject's token. */
static void
test_token_exchange_auth (void)
{
  g_autoptr(OA2ClientAuth) basic = OA2_CLIENT_AUTH (oa2_client_secret_basic_new ("oa2-exchange", EXCHANGE_SECRET));
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Client) client = oa2_client_new_from_issuer (oa2_provider_get_issuer (provider),
                                                            OA2_DISCOVERY_KIND_OPENID, basic, NULL, NULL, &error);
  g_autoptr(OA2ClientCredentialsAuth) subject = oa2_client_credentials_auth_new (client, "api:read");
  g_autoptr(OA2TokenExchangeAuth) backend = oa2_token_exchange_auth_new (client, OA2_AUTH (subject), "backend",
                                                                         "api:read");
  g_autofree char *base = oa2_provider_endpoint (provider, "/test");
  g_autoptr(OA2ApiClient) api = NULL;
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(OA2BearerToken) exchanged = NULL;
  g_autoptr(OA2BearerToken) again = NULL;
  guint requests = 0;

  g_assert_no_error (error);
  g_signal_connect (oa2_client_get_session (client), "request-queued", G_CALLBACK (count_token_request), &requests);
  api = oa2_api_client_new (base, OA2_AUTH (backend), &error);
  g_assert_no_error (error);
  response = oa2_api_client_get (api, "resource", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (requests, ==, 2);   /* the subject's token, then the exchange */

  exchanged = oa2_auth_dup_token (OA2_AUTH (backend));
  refuse (exchanged);
  g_clear_object (&response);
  response = oa2_api_client_get (api, "resource", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 200);
  g_assert_cmpuint (requests, ==, 3);   /* one more exchange, the subject still fresh */
  again = oa2_auth_dup_token (OA2_AUTH (backend));
  g_assert_true (again != exchanged);
}

/* Streamed bodies through OA2ApiClient: a chunked upload and a streamed
 * answer. A body stream is sent once: the DPoP nonce client's first upload
 * gets use_dpop_nonce, reported, and the next carries the nonce; a token
 * the resource refuses is renewed and reported, and the next upload
 * carries the new token. */
static void
read_stream_json (OA2ApiResponse *response,
                  const char     *client_id,
                  const char     *scheme)
{
  g_autoptr(GByteArray) all = g_byte_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GInputStream *stream = oa2_api_response_get_stream (response);
  guint8 buffer[4096];
  gssize n;
  JsonObject *object;

  g_assert_nonnull (stream);
  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, &error)) > 0)
    g_byte_array_append (all, buffer, (guint) n);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, (const char *) all->data, all->len, &error));
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "client_id"), ==, client_id);
  g_assert_cmpstr (json_object_get_string_member (object, "scheme"), ==, scheme);
}

static OA2ApiResponse *
upload (OA2ApiClient  *api,
        GError       **error)
{
  g_autofree char *data = g_strnfill (64 * 1024, 'x');
  g_autoptr(GInputStream) body = g_memory_input_stream_new_from_data (g_steal_pointer (&data), 64 * 1024, g_free);

  return oa2_api_client_request_stream (api, "POST", "resource", NULL, body, -1, "application/octet-stream",
                                        OA2_API_REQUEST_STREAM_RESPONSE, NULL, error);
}

static void
test_api_client_stream (gconstpointer data)
{
  const char *client_id = data;
  gboolean dpop = !g_str_equal (client_id, "oa2-post");
  const char *secret = dpop ? DPOP_NONCE_SECRET : POST_SECRET;
  g_autoptr(OA2Client) client = discovered_client (client_id, secret);
  g_autoptr(OA2ClientCredentialsAuth) auth = NULL;
  g_autofree char *base = oa2_provider_endpoint (provider, "/test");
  g_autoptr(OA2ApiClient) api = NULL;
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(OA2BearerToken) refused = NULL;
  g_autoptr(GError) error = NULL;

  oa2_client_set_dpop_bound_access_tokens (client, dpop);
  auth = oa2_client_credentials_auth_new (client, "api:read");
  api = oa2_api_client_new (base, OA2_AUTH (auth), &error);
  g_assert_no_error (error);

  response = upload (api, &error);
  if (dpop)
    {
      g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_USE_DPOP_NONCE);
      g_assert_null (response);
      g_clear_error (&error);
      response = upload (api, &error);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 200);
  read_stream_json (response, client_id, dpop ? "DPoP" : "Bearer");
  g_clear_object (&response);

  refused = oa2_auth_dup_token (OA2_AUTH (auth));
  refuse (refused);
  response = upload (api, &error);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_TOKEN);
  g_assert_null (response);
  g_clear_error (&error);
  response = upload (api, &error);
  /* The provider's token endpoint and resource share an origin but not a
   * nonce: the renewal's token response left the token endpoint's nonce
   * for that origin, so the resource asks for its own once more. */
  if (dpop && g_error_matches (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_USE_DPOP_NONCE))
    {
      g_clear_error (&error);
      response = upload (api, &error);
    }
  g_assert_no_error (error);
  read_stream_json (response, client_id, dpop ? "DPoP" : "Bearer");
  {
    g_autoptr(OA2BearerToken) renewed = oa2_auth_dup_token (OA2_AUTH (auth));

    g_assert_cmpstr (oa2_bearer_token_get_access_token (renewed), !=, oa2_bearer_token_get_access_token (refused));
  }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  provider = oa2_provider_start ();

  g_test_add_func ("/oa2/interop/auth/client-credentials/bearer-and-revocation", test_bearer_and_revocation);
  g_test_add_data_func ("/oa2/interop/auth/client-credentials/dpop", "oa2-dpop", test_dpop);
  g_test_add_data_func ("/oa2/interop/auth/client-credentials/dpop-nonce", "oa2-dpop-nonce", test_dpop);
  g_test_add_func ("/oa2/interop/auth/client-credentials/concurrent-async", test_concurrent_async);
  g_test_add_func ("/oa2/interop/auth/access-token/refresh-then-sign-in", test_access_token_auth);
  g_test_add_func ("/oa2/interop/auth/token-exchange", test_token_exchange_auth);
  g_test_add_data_func ("/oa2/interop/auth/api-client/bearer", "oa2-post", test_api_client);
  g_test_add_data_func ("/oa2/interop/auth/soup-auth/bearer", "oa2-post", test_soup_auth);
  g_test_add_data_func ("/oa2/interop/auth/soup-auth/dpop-nonce", "oa2-dpop-nonce", test_soup_auth);
  g_test_add_func ("/oa2/interop/auth/device-code-auth", test_device_code_auth);
  g_test_add_data_func ("/oa2/interop/auth/api-client/dpop", "oa2-dpop", test_api_client);
  g_test_add_data_func ("/oa2/interop/auth/api-client/dpop-nonce", "oa2-dpop-nonce", test_api_client);
  g_test_add_data_func ("/oa2/interop/auth/api-client/stream-bearer", "oa2-post", test_api_client_stream);
  g_test_add_data_func ("/oa2/interop/auth/api-client/stream-dpop-nonce", "oa2-dpop-nonce", test_api_client_stream);
  g_test_add_data_func ("/oa2/interop/auth/api-client/redirects-bearer", "oa2-post", test_api_client_redirects);
  g_test_add_data_func ("/oa2/interop/auth/api-client/redirects-dpop", "oa2-dpop", test_api_client_redirects);

  status = g_test_run ();
  oa2_provider_stop (provider);
  return status;
}
