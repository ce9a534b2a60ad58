/* authorization-interop-test.c: the authorization-code flow through
 * OA2AuthorizationRequest against a real OpenID provider, with the scripted
 * login: PKCE with every client authentication, RFC 9207 iss, pushed
 * requests (RFC 9126), dpop_jkt, request objects (JAR, signed and
 * encrypted), JARM (signed and encrypted), encrypted ID tokens, UserInfo
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <glib/gstdio.h>

#include <oauth2client-glib/oauth2client-glib.h>

#include "oa2-provider.h"
#include "oa2-test-tls.h"

#define BASIC_SECRET "basic s3cr:t/+%&"
#define POST_SECRET "post-secret-0123456789"
#define CODE_SECRET_JWT_SECRET "code-secret-jwt-0123456789abcdef0123456789abcdef"
#define REDIRECT_URI "http://127.0.0.1:53682/callback"

static OA2Provider *provider;
/* Started by the first mutual-TLS test, with the certificates in mtls_dir. */
static OA2Provider *mtls_provider;
static char *mtls_dir;

static void
store_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* A key of one of the provider's fixture files (client-keys.json,
 * client-enc-keys.json), whose public halves it registered. */
static OA2Jwk *
fixture_key (const char *file,
             const char *alg)
{
  g_autofree char *path = g_build_filename (g_getenv ("OA2_PROVIDER_DIR"), file, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *keys;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  keys = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "keys");
  for (guint i = 0; i < json_array_get_length (keys); i++)
    {
      JsonObject *object = json_array_get_object_element (keys, i);

      if (g_strcmp0 (json_object_get_string_member (object, "alg"), alg) == 0)
        {
          OA2Jwk *key = oa2_jwk_new_from_json_object (object, &error);

          g_assert_no_error (error);
          return key;
        }
    }
  g_assert_not_reached ();
}

static OA2Client *
client_for (const char *client_id)
{
  g_autofree char *token_endpoint = oa2_provider_endpoint (provider, "/token");
  g_autofree char *authorization_endpoint = oa2_provider_endpoint (provider, "/auth");
  g_autofree char *par_endpoint = oa2_provider_endpoint (provider, "/request");
  g_autofree char *jwks_uri = oa2_provider_endpoint (provider, "/jwks");
  g_autofree char *userinfo_endpoint = oa2_provider_endpoint (provider, "/me");
  g_autoptr(OA2ClientAuth) auth = NULL;
  g_autoptr(GError) error = NULL;
  OA2Client *client;

  if (g_str_equal (client_id, "oa2-basic"))
    auth = OA2_CLIENT_AUTH (oa2_client_secret_basic_new (client_id, BASIC_SECRET));
  else if (g_str_equal (client_id, "oa2-post"))
    auth = OA2_CLIENT_AUTH (oa2_client_secret_post_new (client_id, POST_SECRET));
  else if (g_str_equal (client_id, "oa2-code-secret-jwt"))
    auth = OA2_CLIENT_AUTH (oa2_client_secret_jwt_new (client_id, CODE_SECRET_JWT_SECRET, "HS256", &error));
  else if (g_str_equal (client_id, "oa2-code-private-key-jwt"))
    {
      g_autoptr(OA2Jwk) key = fixture_key ("client-keys.json", "ES256");

      auth = OA2_CLIENT_AUTH (oa2_private_key_jwt_new (client_id, key, "ES256", &error));
    }
  else
    auth = OA2_CLIENT_AUTH (oa2_public_app_new (client_id));
  g_assert_no_error (error);

  /* The provider advertises authorization_response_iss_parameter_supported:
   * set here as discovery would. */
  client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", token_endpoint, "client-auth", auth,
                         "authorization-endpoint", authorization_endpoint,
                         "pushed-authorization-request-endpoint", par_endpoint,
                         "userinfo-endpoint", userinfo_endpoint,
                         "issuer", oa2_provider_get_issuer (provider), "jwks-uri", jwks_uri,
                         "authorization-response-iss-parameter-supported", TRUE, NULL);

  /* The registrations of the JAR / JARM block of provider.mjs. */
  if (g_str_equal (client_id, "oa2-jarm"))
    oa2_client_set_authorization_signed_response_alg (client, "ES256");
  if (g_str_equal (client_id, "oa2-jarm-encrypted") || g_str_equal (client_id, "oa2-id-token-encrypted"))
    {
      g_autoptr(OA2Jwk) key = fixture_key ("client-enc-keys.json", "ECDH-ES");
      g_autoptr(OA2Jwks) keys = oa2_jwks_new (&key, 1);

      oa2_client_set_id_token_decryption_keys (client, keys);
      if (g_str_equal (client_id, "oa2-jarm-encrypted"))
        oa2_client_set_authorization_encrypted_response_alg (client, "ECDH-ES");
      else
        oa2_client_set_id_token_encrypted_response_alg (client, "ECDH-ES");
    }
  return client;
}

static OA2AuthorizationRequest *
new_request (OA2Client *client)
{
  g_autoptr(GError) error = NULL;
  OA2AuthorizationRequest *request =
    oa2_client_new_authorization_request (client, REDIRECT_URI, "openid offline_access", &error);

  g_assert_no_error (error);
  /* oidc-provider grants offline_access only with prompt=consent. */
  oa2_authorization_request_set_prompt (request, "consent");
  return request;
}

/* Signs alice in through the request's URI and validates the redirect. */
static OA2AuthorizationResponse *
sign_in (OA2AuthorizationRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = oa2_authorization_request_dup_uri (request, &error);
  g_autofree char *callback = NULL;
  OA2AuthorizationResponse *response;

  g_assert_no_error (error);
  callback = oa2_provider_login (provider, uri);
  response = oa2_authorization_request_validate_callback (request, callback, &error);
  g_assert_no_error (error);
  /* RFC 9207: the provider says who it is, and it was checked. */
  g_assert_cmpstr (oa2_authorization_response_get_issuer (response), ==, oa2_provider_get_issuer (provider));
  return response;
}

/* Code and PKCE with each client authentication method, then refresh. */
static void
test_code (gconstpointer data)
{
  g_autoptr(OA2Client) client = client_for (data);
  g_autoptr(OA2AuthorizationRequest) request = new_request (client);
  g_autoptr(OA2AuthorizationResponse) response = sign_in (request);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) refreshed = NULL;
  g_autoptr(OA2BearerToken) replayed = NULL;
  g_autoptr(JsonObject) claims = NULL;
  g_autoptr(GError) error = NULL;

  token = oa2_client_exchange_authorization_response (client, response, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (oa2_bearer_token_get_id_token (token));
  g_assert_nonnull (oa2_bearer_token_get_refresh_token (token));

  claims = oa2_client_userinfo (client, token, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (claims, "sub"), ==, "alice");

  refreshed = oa2_client_refresh_token (client, oa2_bearer_token_get_refresh_token (token), NULL, NULL, NULL,
                                        NULL, NULL, &error);
  g_assert_no_error (error);

  /* A code is good for one exchange. */
  replayed = oa2_client_exchange_authorization_response (client, response, NULL, NULL, &error);
  g_assert_null (replayed);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_GRANT);
}

/* A restart between the redirect out and the redirect back: the request
 * is saved as JSON and restored, and its verifier still redeems the code;
 * the exchange runs asynchronously. */
static void
test_code_restored (void)
{
  g_autoptr(OA2Client) client = client_for ("oa2-public");
  g_autoptr(OA2AuthorizationRequest) request = new_request (client);
  g_autoptr(OA2AuthorizationRequest) restored = NULL;
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = oa2_authorization_request_dup_uri (request, &error);
  g_autofree char *saved = oa2_authorization_request_to_json (request);
  g_autofree char *callback = NULL;

  g_clear_object (&request);
  callback = oa2_provider_login (provider, uri);
  restored = oa2_authorization_request_new_from_json (saved, &error);
  g_assert_no_error (error);
  response = oa2_authorization_request_validate_callback (restored, callback, &error);
  g_assert_no_error (error);

  oa2_client_exchange_authorization_response_async (client, response, NULL, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  token = oa2_client_exchange_authorization_response_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (oa2_bearer_token_get_access_token (token));
}

/* A callback that answers another request, or names another issuer, is
 * refused before the code is used. */
static void
test_callback_refused (void)
{
  g_autoptr(OA2Client) client = client_for ("oa2-public");
  g_autoptr(OA2AuthorizationRequest) request = new_request (client);
  g_autoptr(OA2AuthorizationRequest) other = new_request (client);
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = oa2_authorization_request_dup_uri (request, &error);
  g_autofree char *callback = oa2_provider_login (provider, uri);

  response = oa2_authorization_request_validate_callback (other, callback, &error);
  g_assert_null (response);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_STATE_MISMATCH);
  g_clear_error (&error);

  oa2_authorization_request_set_issuer (request, "https://elsewhere.example");
  response = oa2_authorization_request_validate_callback (request, callback, &error);
  g_assert_null (response);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_ISSUER_MISMATCH);
}

/* Where the authorization endpoint redirects a browser without a session:
 * login.mjs signs in, and refuses error redirects, so this asks alone. */
static char *
redirect_of (const char *uri)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (SOUP_STATUS_IS_REDIRECTION (soup_message_get_status (msg)));
  return g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location"));
}

/* An error the provider sends back: prompt=none without a session. */
static void
test_error_response (void)
{
  g_autoptr(OA2Client) client = client_for ("oa2-public");
  g_autoptr(OA2AuthorizationRequest) request = new_request (client);
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *callback = NULL;

  oa2_authorization_request_set_prompt (request, "none");
  uri = oa2_authorization_request_dup_uri (request, &error);
  callback = redirect_of (uri);
  response = oa2_authorization_request_validate_callback (request, callback, &error);
  g_assert_null (response);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_LOGIN_REQUIRED);
}

/* Pushed (RFC 9126) with client authentication: the browser gets only
 * client_id and request_uri. */
static void
test_par (gconstpointer data)
{
  g_autoptr(OA2Client) client = client_for (data);
  g_autoptr(OA2AuthorizationRequest) request = new_request (client);
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  g_assert_true (oa2_client_pushed_authorization_request (client, request, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (oa2_authorization_request_get_request_uri (request),
                                   "urn:ietf:params:oauth:request_uri:"));
  uri = oa2_authorization_request_dup_uri (request, &error);
  g_assert_null (strstr (uri, "code_challenge"));
  g_assert_null (strstr (uri, "state="));

  response = sign_in (request);
  token = oa2_client_exchange_authorization_response (client, response, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (oa2_bearer_token_get_id_token (token));
}

/* A wrong secret at the PAR endpoint is the server's invalid_client. */
static void
test_par_refused (void)
{
  g_autofree char *par_endpoint = oa2_provider_endpoint (provider, "/request");
  g_autofree char *authorization_endpoint = oa2_provider_endpoint (provider, "/auth");
  g_autoptr(OA2ClientAuth) auth = OA2_CLIENT_AUTH (oa2_client_secret_post_new ("oa2-post", "wrong"));
  g_autoptr(OA2Client) client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", par_endpoint,
                                              "client-auth", auth,
                                              "authorization-endpoint", authorization_endpoint,
                                              "pushed-authorization-request-endpoint", par_endpoint, NULL);
  g_autoptr(OA2AuthorizationRequest) request = new_request (client);
  g_autoptr(GError) error = NULL;

  g_assert_false (oa2_client_pushed_authorization_request (client, request, NULL, NULL, &error));
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_CLIENT);
}

/* dpop_jkt (RFC 9449 §10): the code is bound to the key, so the exchange
 * with that key gives a DPoP-bound token and another key is refused. */
static void
test_dpop_jkt (void)
{
  g_autoptr(OA2Client) client = client_for ("oa2-public");
  g_autoptr(OA2AuthorizationRequest) request = new_request (client);
  g_autoptr(OA2DPoPKey) key = oa2_dpop_key_generate ("ES256", NULL);
  g_autoptr(OA2DPoPKey) other_key = oa2_dpop_key_generate ("ES256", NULL);
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(OA2BearerToken) refused = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  oa2_authorization_request_set_dpop_key (request, key);
  response = sign_in (request);

  refused = oa2_client_exchange_authorization_response (client, response, other_key, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_GRANT);
  g_clear_error (&error);

  /* The provider spends a code on any attempt: a new sign-in. */
  g_clear_object (&response);
  g_clear_object (&request);
  request = new_request (client);
  oa2_authorization_request_set_dpop_key (request, key);
  response = sign_in (request);
  token = oa2_client_exchange_authorization_response (client, response, key, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (OA2_IS_DPOP_TOKEN (token));
  g_assert_true (oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (token)) == key);
}

/* PAR with a DPoP proof (RFC 9449 §10.1): the pushed request binds the
 * code to the proof's key. */
static void
test_par_dpop (void)
{
  g_autoptr(OA2Client) client = client_for ("oa2-post");
  g_autoptr(OA2AuthorizationRequest) request = new_request (client);
  g_autoptr(OA2DPoPKey) key = oa2_dpop_key_generate ("ES256", NULL);
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (oa2_client_pushed_authorization_request (client, request, key, NULL, &error));
  g_assert_no_error (error);
  response = sign_in (request);
  token = oa2_client_exchange_authorization_response (client, response, key, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (OA2_IS_DPOP_TOKEN (token));
  g_assert_cmpstr (oa2_bearer_token_get_token_type (token), ==, "DPoP");
}

/* The whole flow after the redirect: the exchange (ID token validated),
 * UserInfo about the same user, a refresh. */
static void
exchange_and_use (OA2Client                *client,
                  OA2AuthorizationResponse *response)
{
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) refreshed = NULL;
  g_autoptr(JsonObject) claims = NULL;
  g_autoptr(GError) error = NULL;

  token = oa2_client_exchange_authorization_response (client, response, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (oa2_bearer_token_get_id_token (token));
  claims = oa2_client_userinfo (client, token, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (claims, "sub"), ==, "alice");
  refreshed = oa2_client_refresh_token (client, oa2_bearer_token_get_refresh_token (token), NULL, NULL, NULL,
                                        NULL, NULL, &error);
  g_assert_no_error (error);
}

/* JAR: the parameters in a request object signed with the client's ES256
 * key; encrypted to the provider's key from its JWKS when asked; in the
 * URI or pushed. */
static void
test_jar (gconstpointer data)
{
  const char *variant = data;
  g_autoptr(OA2Client) client = client_for ("oa2-jar");
  g_autoptr(OA2AuthorizationRequest) request = new_request (client);
  g_autoptr(OA2Jwk) key = fixture_key ("client-keys.json", "ES256");
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  g_assert_true (oa2_authorization_request_set_request_object_key (request, key, "ES256", &error));
  g_assert_no_error (error);
  if (strstr (variant, "encrypted") != NULL)
    {
      g_assert_true (oa2_client_encrypt_request_object (client, request, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  if (strstr (variant, "par") != NULL)
    {
      g_assert_true (oa2_client_pushed_authorization_request (client, request, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  else
    {
      uri = oa2_authorization_request_dup_uri (request, &error);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (uri, "request=ey"));
      g_assert_null (strstr (uri, "code_challenge"));
    }
  response = sign_in (request);
  exchange_and_use (client, response);
}

/* JARM: the provider signs the response (query.jwt, and jwt, which is
 * query.jwt for code), or signs and encrypts it to the client. */
static void
test_jarm (gconstpointer data)
{
  const char *client_id = data;
  g_autoptr(OA2Client) client = client_for (client_id);
  g_autoptr(OA2AuthorizationRequest) request = new_request (client);
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(OA2AuthorizationResponse) refused = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *callback = NULL;

  oa2_authorization_request_set_response_mode (request, g_str_equal (client_id, "oa2-jarm") ? "query.jwt" : "jwt");
  uri = oa2_authorization_request_dup_uri (request, &error);
  g_assert_no_error (error);
  callback = oa2_provider_login (provider, uri);
  g_assert_nonnull (strstr (callback, "response="));

  /* The request alone has no keys: it sends the caller to the client. */
  refused = oa2_authorization_request_validate_callback (request, callback, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  oa2_client_validate_authorization_callback_async (client, request, callback, NULL, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  response = oa2_client_validate_authorization_callback_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_authorization_response_get_issuer (response), ==, oa2_provider_get_issuer (provider));
  exchange_and_use (client, response);
}

/* An ID token signed, then encrypted to the client's ECDH-ES key. */
static void
test_id_token_encrypted (void)
{
  g_autoptr(OA2Client) client = client_for ("oa2-id-token-encrypted");
  g_autoptr(OA2AuthorizationRequest) request = new_request (client);
  g_autoptr(OA2AuthorizationResponse) response = sign_in (request);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  exchange_and_use (client, response);
  /* Without the decryption setting the same kind of token is refused. */
  g_clear_object (&response);
  g_clear_object (&request);
  request = new_request (client);
  response = sign_in (request);
  oa2_client_set_id_token_encrypted_response_alg (client, NULL);
  token = oa2_client_exchange_authorization_response (client, response, NULL, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM);
}

/* The code flow with both RFC 8705 methods: the sign-in on the provider's
 * plain listener; the exchange, UserInfo (the token is bound to the
 * certificate) and the refresh at its mutual-TLS aliases with the client
 * certificate. */
static void
test_code_mtls (gconstpointer data)
{
  gboolean self_signed = GPOINTER_TO_INT (data);
  const char *client_id = self_signed ? "oa2-mtls-self-signed-code" : "oa2-mtls-pki-code";
  g_autoptr(GError) error = NULL;
  g_autofree char *certificate_file = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *ca_file = NULL;
  g_autofree char *token_endpoint = NULL;
  g_autofree char *authorization_endpoint = NULL;
  g_autofree char *jwks_uri = NULL;
  g_autofree char *userinfo_endpoint = NULL;
  g_autofree char *login_uri = NULL;
  g_autoptr(JsonObject) claims = NULL;
  g_autofree char *callback = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(OA2TlsClientAuth) auth = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(GHashTable) aliases = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(OA2AuthorizationRequest) request = NULL;
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) refreshed = NULL;

  if (mtls_provider == NULL)
    {
      mtls_dir = g_dir_make_tmp ("oa2-authz-mtls-XXXXXX", &error);
      g_assert_no_error (error);
      oa2_test_tls_write_mtls_dir (mtls_dir);
      mtls_provider = oa2_provider_start_mtls (mtls_dir);
    }
  certificate_file = g_build_filename (mtls_dir, self_signed ? "self-signed.pem" : "pki-client.pem", NULL);
  key_file = g_build_filename (mtls_dir, self_signed ? "self-signed-key.pem" : "pki-client-key.pem", NULL);
  ca_file = g_build_filename (mtls_dir, "ca.pem", NULL);
  auth = oa2_tls_client_auth_new_from_files (client_id, self_signed ? OA2_TLS_CLIENT_AUTH_METHOD_SELF_SIGNED
                                                                    : OA2_TLS_CLIENT_AUTH_METHOD_PKI,
                                             certificate_file, key_file, &error);
  g_assert_no_error (error);
  database = g_tls_file_database_new (ca_file, &error);
  g_assert_no_error (error);
  session = soup_session_new_with_options ("tls-database", database, NULL);
  token_endpoint = oa2_provider_endpoint (mtls_provider, "/token");
  authorization_endpoint = oa2_provider_endpoint (mtls_provider, "/auth");
  jwks_uri = oa2_provider_endpoint (mtls_provider, "/jwks");
  userinfo_endpoint = oa2_provider_endpoint (mtls_provider, "/me");
  client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", token_endpoint, "client-auth", auth,
                         "authorization-endpoint", authorization_endpoint, "jwks-uri", jwks_uri,
                         "userinfo-endpoint", userinfo_endpoint,
                         "issuer", oa2_provider_get_issuer (mtls_provider), "session", session,
                         "authorization-response-iss-parameter-supported", TRUE, NULL);
  g_hash_table_insert (aliases, "token_endpoint", g_strconcat (oa2_provider_get_mtls_base (mtls_provider), "/token",
                                                               NULL));
  g_hash_table_insert (aliases, "userinfo_endpoint", g_strconcat (oa2_provider_get_mtls_base (mtls_provider), "/me",
                                                                  NULL));
  oa2_client_set_mtls_endpoint_aliases (client, aliases);

  request = new_request (client);
  login_uri = oa2_authorization_request_dup_uri (request, &error);
  g_assert_no_error (error);
  callback = oa2_provider_login (mtls_provider, login_uri);
  response = oa2_authorization_request_validate_callback (request, callback, &error);
  g_assert_no_error (error);
  token = oa2_client_exchange_authorization_response (client, response, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (oa2_bearer_token_get_id_token (token));
  claims = oa2_client_userinfo (client, token, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (claims, "sub"), ==, "alice");
  refreshed = oa2_client_refresh_token (client, oa2_bearer_token_get_refresh_token (token), NULL, NULL, NULL,
                                        NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
stop_mtls_provider (void)
{
  const char * const files[] = { "ca.pem", "server.pem", "server-key.pem", "pki-client.pem", "pki-client-key.pem",
                                 "self-signed.pem", "self-signed-key.pem" };

  if (mtls_provider == NULL)
    return;
  oa2_provider_stop (mtls_provider);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (mtls_dir, files[i], NULL);

      g_unlink (path);
    }
  g_rmdir (mtls_dir);
  g_free (mtls_dir);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/oa2/interop/authorization/code/client-secret-basic", "oa2-basic", test_code);
  g_test_add_data_func ("/oa2/interop/authorization/code/client-secret-post", "oa2-post", test_code);
  g_test_add_data_func ("/oa2/interop/authorization/code/none", "oa2-public", test_code);
  g_test_add_data_func ("/oa2/interop/authorization/code/client-secret-jwt", "oa2-code-secret-jwt", test_code);
  g_test_add_data_func ("/oa2/interop/authorization/code/private-key-jwt", "oa2-code-private-key-jwt", test_code);
  g_test_add_func ("/oa2/interop/authorization/code/restored", test_code_restored);
  g_test_add_func ("/oa2/interop/authorization/callback-refused", test_callback_refused);
  g_test_add_func ("/oa2/interop/authorization/error-response", test_error_response);
  g_test_add_data_func ("/oa2/interop/authorization/par/client-secret-basic", "oa2-basic", test_par);
  g_test_add_data_func ("/oa2/interop/authorization/par/none", "oa2-public", test_par);
  g_test_add_func ("/oa2/interop/authorization/par/refused", test_par_refused);
  g_test_add_func ("/oa2/interop/authorization/dpop-jkt", test_dpop_jkt);
  g_test_add_func ("/oa2/interop/authorization/par-dpop", test_par_dpop);
  g_test_add_data_func ("/oa2/interop/authorization/jar/signed", "signed", test_jar);
  g_test_add_data_func ("/oa2/interop/authorization/jar/signed-encrypted", "encrypted", test_jar);
  g_test_add_data_func ("/oa2/interop/authorization/jar/par", "par", test_jar);
  g_test_add_data_func ("/oa2/interop/authorization/jar/par-encrypted", "par encrypted", test_jar);
  g_test_add_data_func ("/oa2/interop/authorization/jarm/signed", "oa2-jarm", test_jarm);
  g_test_add_data_func ("/oa2/interop/authorization/jarm/encrypted", "oa2-jarm-encrypted", test_jarm);
  g_test_add_func ("/oa2/interop/authorization/id-token-encrypted", test_id_token_encrypted);
  g_test_add_data_func ("/oa2/interop/authorization/code/tls-client-auth", GINT_TO_POINTER (FALSE), test_code_mtls);
  g_test_add_data_func ("/oa2/interop/authorization/code/self-signed-tls-client-auth", GINT_TO_POINTER (TRUE),
                        test_code_mtls);

  provider = oa2_provider_start ();
  status = g_test_run ();
  oa2_provider_stop (provider);
  stop_mtls_provider ();
  return status;
}
