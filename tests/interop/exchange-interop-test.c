/* exchange-interop-test.c: token exchange (RFC 8693), signed
 * introspection responses (RFC 9701) and CIBA (poll, and ping over https)
 * against the real provider, with the clients, grant and test routes of
 * provider.mjs's wt-exchange and CIBA blocks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <oauth2client-glib/oauth2client-glib.h>

#include <glib/gstdio.h>
#include <string.h>

#include "oa2-provider.h"
#include "oa2-test-tls.h"

#define EXCHANGE_SECRET "exchange-secret-0123456789"
#define INTROSPECT_JWT_SECRET "introspect-jwt-secret-0123456789"
#define ACCESS_TOKEN_URN "urn:ietf:params:oauth:token-type:access_token"
#define CIBA_SECRET "ciba-secret-0123456789"
#define CIBA_PING_SECRET "ciba-ping-secret-0123456789"

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

static OA2Client *
discovered_client_of (OA2Provider *of,
                      const char  *client_id,
                      const char  *secret)
{
  g_autoptr(OA2ClientAuth) auth = OA2_CLIENT_AUTH (oa2_client_secret_basic_new (client_id, secret));
  g_autoptr(GError) error = NULL;
  OA2Client *client;

  client = oa2_client_new_from_issuer (oa2_provider_get_issuer (of), OA2_DISCOVERY_KIND_OPENID, auth,
                                       NULL, NULL, &error);
  g_assert_no_error (error);
  return client;
}

static OA2Client *
discovered_client (const char *client_id,
                   const char *secret)
{
  g_autoptr(OA2ClientAuth) auth = OA2_CLIENT_AUTH (oa2_client_secret_basic_new (client_id, secret));
  g_autoptr(GError) error = NULL;
  OA2Client *client;

  client = oa2_client_new_from_issuer (oa2_provider_get_issuer (provider), OA2_DISCOVERY_KIND_OPENID, auth,
                                       NULL, NULL, &error);
  g_assert_no_error (error);
  return client;
}

/* A client-credentials token is exchanged for another, sync and async,
 * with an audience and an actor; the new one is active, the exchange of a
 * revoked one is refused, and so is a type the server does not take. */
static void
test_token_exchange (void)
{
  g_autoptr(OA2Client) client = discovered_client ("oa2-exchange", EXCHANGE_SECRET);
  g_autoptr(OA2BearerToken) subject = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2TokenExchangeRequest) request = NULL;
  g_autoptr(OA2IntrospectionResponse) info = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  subject = oa2_client_client_credentials (client, "api:read", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  request = oa2_token_exchange_request_new_for_bearer_token (subject);
  oa2_token_exchange_request_set_audience (request, "urn:example:backend");
  oa2_token_exchange_request_set_requested_token_type (request, "access_token");
  token = oa2_client_token_exchange (client, request, "api:read", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_issued_token_type (token), ==, ACCESS_TOKEN_URN);
  g_assert_cmpstr (oa2_bearer_token_get_token_type (token), ==, "Bearer");
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), !=, oa2_bearer_token_get_access_token (subject));
  g_assert_cmpstr (oa2_bearer_token_get_scope (token), ==, "api:read");

  info = oa2_client_introspect_token (client, oa2_bearer_token_get_access_token (token), NULL,
                                      OA2_INTROSPECTION_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (oa2_introspection_response_get_active (info));
  g_clear_object (&token);

  oa2_token_exchange_request_set_actor_bearer_token (request, subject);
  oa2_client_token_exchange_async (client, request, NULL, NULL, NULL, NULL, NULL, store_result, &result);
  token = oa2_client_token_exchange_finish (client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_issued_token_type (token), ==, ACCESS_TOKEN_URN);
  g_clear_object (&token);
  g_clear_object (&request);

  /* A type the provider does not exchange. */
  request = oa2_token_exchange_request_new (oa2_bearer_token_get_access_token (subject), "jwt");
  token = oa2_client_token_exchange (client, request, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  g_clear_object (&request);

  /* A revoked subject token buys nothing. */
  g_assert_true (oa2_client_revoke_access_token (client, subject, NULL, &error));
  g_assert_no_error (error);
  request = oa2_token_exchange_request_new_for_bearer_token (subject);
  token = oa2_client_token_exchange (client, request, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_GRANT);
}

/* RFC 8693 §2.2.1 (provider.mjs's wt-exchangena block): asking for a JWT
 * gets one back as token_type N_A, which only the issued-token method
 * takes; it asks for an access token the same way. */
static void
test_token_exchange_issued (void)
{
  g_autoptr(OA2Client) client = discovered_client ("oa2-exchange", EXCHANGE_SECRET);
  g_autoptr(OA2BearerToken) subject = NULL;
  g_autoptr(OA2BearerToken) bearer = NULL;
  g_autoptr(OA2IssuedToken) issued = NULL;
  g_autoptr(OA2TokenExchangeRequest) request = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree guchar *payload = NULL;
  g_autofree char *payload_text = NULL;
  g_autoptr(JsonNode) claims = NULL;
  gsize payload_len;
  gint64 remaining;

  subject = oa2_client_client_credentials (client, "api:read", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  request = oa2_token_exchange_request_new_for_bearer_token (subject);
  oa2_token_exchange_request_set_requested_token_type (request, "jwt");
  oa2_token_exchange_request_set_audience (request, "urn:example:partner");
  issued = oa2_client_token_exchange_issued (client, request, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_issued_token_get_token_type (issued), ==, "N_A");
  g_assert_false (oa2_issued_token_is_access_token (issued));
  g_assert_cmpstr (oa2_issued_token_get_issued_token_type (issued), ==, "urn:ietf:params:oauth:token-type:jwt");
  g_assert_nonnull (oa2_issued_token_get_expires_at (issued));
  remaining = g_date_time_to_unix (oa2_issued_token_get_expires_at (issued)) - g_get_real_time () / G_USEC_PER_SEC;
  g_assert_cmpint (remaining, >, 200);
  g_assert_cmpint (remaining, <=, 300);

  /* A compact JWS for the partner, not validated by the library. */
  parts = g_strsplit (oa2_issued_token_get_token (issued), ".", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  payload_text = g_strdup (parts[1]);
  g_strdelimit (payload_text, "-", '+');
  g_strdelimit (payload_text, "_", '/');
  {
    g_autofree char *padded = g_strnfill ((4 - strlen (payload_text) % 4) % 4, '=');
    g_autofree char *b64 = g_strconcat (payload_text, padded, NULL);

    payload = g_base64_decode (b64, &payload_len);
  }
  claims = json_from_string ((const char *) payload, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (claims), "aud"), ==, "urn:example:partner");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (claims), "iss"), ==,
                   oa2_provider_get_issuer (provider));
  g_clear_object (&issued);

  /* The Bearer method refuses it, naming the other. */
  bearer = oa2_client_token_exchange (client, request, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_null (bearer);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_TOKEN_TYPE);
  g_assert_nonnull (strstr (error->message, "oa2_client_token_exchange_issued()"));
  g_clear_error (&error);

  /* An access token, asynchronously. */
  oa2_token_exchange_request_set_requested_token_type (request, "access_token");
  oa2_client_token_exchange_issued_async (client, request, "api:read", NULL, NULL, NULL, store_result, &result);
  issued = oa2_client_token_exchange_issued_finish (client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_issued_token_get_token_type (issued), ==, "Bearer");
  g_assert_true (oa2_issued_token_is_access_token (issued));
  g_assert_cmpstr (oa2_issued_token_get_issued_token_type (issued), ==, ACCESS_TOKEN_URN);
  g_assert_cmpstr (oa2_issued_token_get_scope (issued), ==, "api:read");
}

/* RFC 9701: a client registered with introspection_signed_response_alg
 * gets a signed JWT, verified with the provider's keys from discovery;
 * before and after revocation. */
static void
test_jwt_introspection (void)
{
  g_autoptr(OA2Client) client = discovered_client ("oa2-introspect-jwt", INTROSPECT_JWT_SECRET);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2IntrospectionResponse) info = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  token = oa2_client_client_credentials (client, "api:write", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  info = oa2_client_introspect_token (client, oa2_bearer_token_get_access_token (token), "access_token",
                                      OA2_INTROSPECTION_FLAGS_JWT_RESPONSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (oa2_introspection_response_get_active (info));
  g_assert_cmpstr (oa2_introspection_response_get_client_id (info), ==, "oa2-introspect-jwt");
  g_assert_cmpstr (oa2_introspection_response_get_scope (info), ==, "api:write");
  g_clear_object (&info);

  g_assert_true (oa2_client_revoke_access_token (client, token, NULL, &error));
  g_assert_no_error (error);
  oa2_client_introspect_token_async (client, oa2_bearer_token_get_access_token (token), NULL,
                                     OA2_INTROSPECTION_FLAGS_JWT_RESPONSE, NULL, store_result, &result);
  info = oa2_client_introspect_token_finish (client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_false (oa2_introspection_response_get_active (info));
}

/* The user's answer on the authentication device: the provider's test
 * route, sent asynchronously, because in ping mode the provider notifies
 * this process's server before it answers. */
typedef struct {
  gboolean done;
  guint    status;
} Decision;

static void
on_decided (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Decision *decision = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  g_assert_no_error (error);
  decision->status = soup_message_get_status (soup_session_get_async_result_message (SOUP_SESSION (source),
                                                                                     result));
  decision->done = TRUE;
}

static void
decide_async (OA2Provider *of,
              const char  *binding_message,
              const char  *decision_name,
              Decision    *decision)
{
  static SoupSession *session;
  g_autofree char *uri = oa2_provider_endpoint (of, "/test/ciba-decision");
  g_autofree char *form = g_strdup_printf ("binding_message=%s&decision=%s", binding_message, decision_name);
  SoupMessage *msg = soup_message_new ("POST", uri);
  g_autoptr(GBytes) body = g_bytes_new (form, strlen (form));

  if (session == NULL)
    session = soup_session_new ();
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_decided, decision);
  g_object_unref (msg);
}

static void
decide (OA2Provider *of,
        const char  *binding_message,
        const char  *decision_name)
{
  Decision decision = { 0 };

  decide_async (of, binding_message, decision_name, &decision);
  while (!decision.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (decision.status, ==, 204);
}

static OA2BackchannelAuthenticationResponse *
start_ciba (OA2Client  *client,
            const char *login_hint,
            const char *binding_message,
            const char *notification_token)
{
  g_autoptr(OA2BackchannelAuthenticationRequest) request = oa2_backchannel_authentication_request_new ("openid");
  g_autoptr(GError) error = NULL;
  OA2BackchannelAuthenticationResponse *pending;

  oa2_backchannel_authentication_request_set_login_hint (request, login_hint);
  oa2_backchannel_authentication_request_set_binding_message (request, binding_message);
  oa2_backchannel_authentication_request_set_requested_expiry (request, 120);
  oa2_backchannel_authentication_request_set_client_notification_token (request, notification_token);
  pending = oa2_client_backchannel_authentication_request (client, request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_backchannel_authentication_response_get_interval (pending), ==, 1);
  return pending;
}

/* Poll mode: pending until the user approves on the authentication
 * device, then the token, its ID token validated against the provider's
 * keys, through the shared poller; sync and async. */
static void
test_ciba_poll_approved (void)
{
  g_autoptr(OA2Client) client = discovered_client ("oa2-ciba", CIBA_SECRET);
  g_autoptr(OA2BackchannelAuthenticationResponse) pending = start_ciba (client, "alice", "poll-ok-1", NULL);
  g_autoptr(OA2TokenPoller) poller = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  OA2IdToken *id_token;

  token = oa2_client_ciba (client, oa2_backchannel_authentication_response_get_auth_req_id (pending), NULL, NULL,
                           NULL, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_AUTHORIZATION_PENDING);
  g_clear_error (&error);

  decide (provider, "poll-ok-1", "approve");
  poller = oa2_token_poller_new_for_backchannel (client, pending, NULL);
  token = oa2_token_poller_poll (poller, NULL, &error);
  g_assert_no_error (error);
  id_token = oa2_bearer_token_get_validated_id_token (token);
  g_assert_nonnull (id_token);
  g_assert_cmpstr (oa2_id_token_get_subject (id_token), ==, "alice");
  g_clear_object (&token);
  g_clear_object (&poller);
  g_clear_object (&pending);

  /* Async, with the approval while the poller waits. */
  pending = start_ciba (client, "bob", "poll-ok-2", NULL);
  poller = oa2_token_poller_new_for_backchannel (client, pending, NULL);
  oa2_token_poller_poll_async (poller, NULL, store_result, &result);
  decide (provider, "poll-ok-2", "approve");
  token = oa2_token_poller_poll_finish (poller, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_id_token_get_subject (oa2_bearer_token_get_validated_id_token (token)), ==, "bob");
  g_assert_cmpuint (oa2_token_poller_get_requests (poller), >=, 1);
}

/* Denied on the authentication device: the poller ends with
 * access_denied; and what the provider refuses up front. */
static void
test_ciba_poll_denied (void)
{
  g_autoptr(OA2Client) client = discovered_client ("oa2-ciba", CIBA_SECRET);
  g_autoptr(OA2BackchannelAuthenticationResponse) pending = start_ciba (client, "alice", "poll-no-1", NULL);
  g_autoptr(OA2BackchannelAuthenticationRequest) request = oa2_backchannel_authentication_request_new ("openid");
  g_autoptr(OA2TokenPoller) poller = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;
  OA2BackchannelAuthenticationResponse *refused;

  decide (provider, "poll-no-1", "deny");
  poller = oa2_token_poller_new_for_backchannel (client, pending, NULL);
  token = oa2_token_poller_poll (poller, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_ACCESS_DENIED);
  g_clear_error (&error);

  oa2_backchannel_authentication_request_set_login_hint (request, "nobody");
  refused = oa2_client_backchannel_authentication_request (client, request, NULL, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_UNKNOWN_USER_ID);
  g_clear_error (&error);

  oa2_backchannel_authentication_request_set_login_hint (request, "alice");
  oa2_backchannel_authentication_request_set_binding_message (request, "far too long for the device");
  refused = oa2_client_backchannel_authentication_request (client, request, NULL, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_BINDING_MESSAGE);
}

/* The fixed ES256 test key of provider/client-keys.json, whose public half
 * oa2-ciba-signed is registered with. */
static OA2Jwk *
client_es256_key (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("OA2_PROVIDER_DIR"), "client-keys.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *keys;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  keys = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "keys");
  for (guint i = 0; i < json_array_get_length (keys); i++)
    {
      JsonObject *object = json_array_get_object_element (keys, i);

      if (g_strcmp0 (json_object_get_string_member (object, "alg"), "ES256") == 0)
        {
          OA2Jwk *key = oa2_jwk_new_from_json_object (object, &error);

          g_assert_no_error (error);
          return key;
        }
    }
  g_assert_not_reached ();
}

/* CIBA §7.1.1: the request as a signed request object, which the provider
 * verifies with the client's registered key; a request signed with
 * another key is refused. */
static void
test_ciba_signed_request (void)
{
  g_autoptr(OA2Client) client = discovered_client ("oa2-ciba-signed", "ciba-signed-secret-0123456789");
  g_autoptr(OA2BackchannelAuthenticationRequest) request = oa2_backchannel_authentication_request_new ("openid");
  g_autoptr(OA2BackchannelAuthenticationResponse) pending = NULL;
  g_autoptr(OA2TokenPoller) poller = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2Jwk) key = client_es256_key ();
  g_autoptr(OA2Jwk) other = NULL;
  g_autoptr(GError) error = NULL;

  other = oa2_jwk_generate ("ES256", &error);
  g_assert_no_error (error);

  oa2_backchannel_authentication_request_set_login_hint (request, "dave");
  oa2_backchannel_authentication_request_set_binding_message (request, "signed-1");
  oa2_backchannel_authentication_request_set_requested_expiry (request, 120);
  oa2_backchannel_authentication_request_set_signing_key (request, key, NULL);
  pending = oa2_client_backchannel_authentication_request (client, request, NULL, NULL, &error);
  g_assert_no_error (error);
  decide (provider, "signed-1", "approve");
  poller = oa2_token_poller_new_for_backchannel (client, pending, NULL);
  token = oa2_token_poller_poll (poller, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_id_token_get_subject (oa2_bearer_token_get_validated_id_token (token)), ==, "dave");
  g_clear_object (&pending);

  oa2_backchannel_authentication_request_set_signing_key (request, other, NULL);
  pending = oa2_client_backchannel_authentication_request (client, request, NULL, NULL, &error);
  g_assert_null (pending);
  /* node-oidc-provider says invalid_request ("could not validate Request Object"). */
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_REQUEST);
}

/* Ping mode over https: the provider notifies this process's https
 * endpoint, which checks the bearer client notification token in
 * constant time and reads auth_req_id; then one CIBA token request. */
typedef struct {
  char *expected_token;
  char *auth_req_id;
  guint pings;
  guint refused;
} PingEndpoint;

static void
on_ping (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  PingEndpoint *endpoint = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(GError) error = NULL;

  if (!oa2_backchannel_check_notification_token (soup_message_headers_get_one (headers, "Authorization"),
                                                 endpoint->expected_token))
    {
      endpoint->refused++;
      soup_server_message_set_status (msg, 401, NULL);
      return;
    }
  g_free (endpoint->auth_req_id);
  endpoint->auth_req_id = oa2_backchannel_parse_ping (bytes, &error);
  g_assert_no_error (error);
  endpoint->pings++;
  soup_server_message_set_status (msg, 204, NULL);
}

static void
test_ciba_ping (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("oa2-ciba-ping-XXXXXX", &error);
  g_autofree char *cert_file = NULL, *key_file = NULL, *ping_uri = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2BackchannelAuthenticationResponse) pending = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  const char * const files[] = { "ca.pem", "server.pem", "server-key.pem", "pki-client.pem", "pki-client-key.pem",
                                 "self-signed.pem", "self-signed-key.pem" };
  PingEndpoint endpoint = { .expected_token = "cnt-Vh2x8sQ4pL0mZ7" };
  Decision decision = { 0 };
  OA2Provider *ping_provider;

  g_assert_no_error (error);
  oa2_test_tls_write_mtls_dir (dir);
  cert_file = g_build_filename (dir, "server.pem", NULL);
  key_file = g_build_filename (dir, "server-key.pem", NULL);
  certificate = g_tls_certificate_new_from_files (cert_file, key_file, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, "/ciba-ping", on_ping, &endpoint, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  ping_uri = g_strdup_printf ("https://127.0.0.1:%d/ciba-ping", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  g_setenv ("OA2_PROVIDER_CIBA_PING_ENDPOINT", ping_uri, TRUE);
  ping_provider = oa2_provider_start_mtls (dir);
  g_unsetenv ("OA2_PROVIDER_CIBA_PING_ENDPOINT");

  client = discovered_client_of (ping_provider, "oa2-ciba-ping", CIBA_PING_SECRET);
  pending = start_ciba (client, "carol", "ping-ok-1", endpoint.expected_token);

  decide_async (ping_provider, "ping-ok-1", "approve", &decision);
  while (!decision.done || endpoint.pings == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (decision.status, ==, 204);
  g_assert_cmpuint (endpoint.pings, ==, 1);
  g_assert_cmpuint (endpoint.refused, ==, 0);
  g_assert_cmpstr (endpoint.auth_req_id, ==, oa2_backchannel_authentication_response_get_auth_req_id (pending));

  token = oa2_client_ciba (client, endpoint.auth_req_id, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_id_token_get_subject (oa2_bearer_token_get_validated_id_token (token)), ==, "carol");

  oa2_provider_stop (ping_provider);
  g_free (endpoint.auth_req_id);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/oa2/interop/token-exchange", test_token_exchange);
  g_test_add_func ("/oa2/interop/token-exchange/issued", test_token_exchange_issued);
  g_test_add_func ("/oa2/interop/introspection/jwt", test_jwt_introspection);
  g_test_add_func ("/oa2/interop/ciba/poll/approved", test_ciba_poll_approved);
  g_test_add_func ("/oa2/interop/ciba/poll/denied", test_ciba_poll_denied);
  g_test_add_func ("/oa2/interop/ciba/signed-request", test_ciba_signed_request);
  g_test_add_func ("/oa2/interop/ciba/ping", test_ciba_ping);

  provider = oa2_provider_start ();
  status = g_test_run ();
  oa2_provider_stop (provider);
  return status;
}
