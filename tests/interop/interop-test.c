/* interop-test.c: the grants against a real OpenID provider
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <oauth2client-glib/oauth2client-glib.h>

#include <glib/gstdio.h>

#include "oa2-provider.h"
#include "oa2-test-tls.h"
#include "oa2-test-softhsm.h"

#define BASIC_SECRET "basic s3cr:t/+%&"
#define POST_SECRET "post-secret-0123456789"
#define SECRET_JWT_SECRET "secret-jwt-0123456789abcdef0123456789abcdef"
#define DPOP_SECRET "dpop-secret-0123456789"
#define DPOP_NONCE_SECRET "dpop-nonce-secret-0123456789"
#define REDIRECT_URI "http://127.0.0.1:53682/callback"

static OA2Provider *provider;
/* Started by the first mutual-TLS test, with the certificates in mtls_dir. */
static OA2Provider *mtls_provider;
static char *mtls_dir;
/* A SoftHSM2 token whose keys provider.mjs registers; NULL when SoftHSM2
 * is missing on a developer's machine. */
static OA2TestToken *softhsm;

typedef enum {
  AUTH_BASIC,
  AUTH_POST,
  AUTH_NONE,
} AuthKind;

static const char * const auth_names[] = { "client-secret-basic", "client-secret-post", "none" };

static OA2Client *
client_for (AuthKind kind)
{
  g_autofree char *token_endpoint = oa2_provider_endpoint (provider, "/token");
  g_autofree char *jwks_uri = oa2_provider_endpoint (provider, "/jwks");
  g_autoptr(OA2ClientAuth) auth = NULL;

  switch (kind)
    {
    case AUTH_BASIC:
      auth = OA2_CLIENT_AUTH (oa2_client_secret_basic_new ("oa2-basic", BASIC_SECRET));
      break;
    case AUTH_POST:
      auth = OA2_CLIENT_AUTH (oa2_client_secret_post_new ("oa2-post", POST_SECRET));
      break;
    case AUTH_NONE:
      auth = OA2_CLIENT_AUTH (oa2_public_app_new ("oa2-public"));
      break;
    }
  /* An OpenID client: the provider's ID tokens are validated with its
   * keys (RS256, the registration default). */
  return g_object_new (OA2_TYPE_CLIENT, "token-endpoint", token_endpoint, "client-auth", auth,
                       "issuer", oa2_provider_get_issuer (provider), "jwks-uri", jwks_uri, NULL);
}

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
test_client_credentials (gconstpointer data)
{
  AuthKind kind = GPOINTER_TO_INT (data);
  g_autoptr(OA2Client) client = client_for (kind);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) async_token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", "https://api.example/resource");

  token = oa2_client_client_credentials (client, "api:read", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_token_type (token), ==, "Bearer");
  g_assert_cmpstr (oa2_bearer_token_get_scope (token), ==, "api:read");
  g_assert_cmpint (oa2_bearer_token_get_expires_in (token), >, 590);
  g_assert_cmpint (oa2_bearer_token_get_expires_in (token), <=, 600);
  g_assert_true (oa2_bearer_token_authorize_message (token, msg, &error));
  g_assert_no_error (error);

  oa2_client_client_credentials_async (client, "api:read api:write", NULL, NULL, NULL, NULL, store_result, &result);
  async_token = oa2_client_client_credentials_finish (client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_scope (async_token), ==, "api:read api:write");
  g_assert_cmpstr (oa2_bearer_token_get_access_token (async_token), !=,
                   oa2_bearer_token_get_access_token (token));
}

/* The private key of client-keys.json for @alg: fixed test keys whose
 * public halves the provider registered. */
static OA2Jwk *
client_key (const char *alg)
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

      if (g_strcmp0 (json_object_get_string_member (object, "alg"), alg) == 0)
        {
          OA2Jwk *key = oa2_jwk_new_from_json_object (object, &error);

          g_assert_no_error (error);
          return key;
        }
    }
  g_assert_not_reached ();
}

/* client_secret_jwt and private_key_jwt, end to end: the provider verifies
 * each assertion, and refuses a replayed jti, so two grants in a row also
 * prove that every request signs a new one. */
static void
test_client_assertion (gconstpointer data)
{
  const char *alg = data;
  g_autofree char *token_endpoint = oa2_provider_endpoint (provider, "/token");
  g_autoptr(OA2ClientAuth) auth = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) async_token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (alg, "HS256"))
    {
      auth = OA2_CLIENT_AUTH (oa2_client_secret_jwt_new ("oa2-secret-jwt", SECRET_JWT_SECRET, NULL, &error));
    }
  else
    {
      g_autoptr(OA2Jwk) key = client_key (alg);
      g_autofree char *client_id = g_strconcat ("oa2-private-key-jwt-", alg, NULL);

      auth = OA2_CLIENT_AUTH (oa2_private_key_jwt_new (client_id, key, NULL, &error));
    }
  g_assert_no_error (error);
  client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", token_endpoint, "client-auth", auth,
                         "issuer", oa2_provider_get_issuer (provider), NULL);

  token = oa2_client_client_credentials (client, "api:read", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_token_type (token), ==, "Bearer");
  g_assert_cmpstr (oa2_bearer_token_get_scope (token), ==, "api:read");

  oa2_client_client_credentials_async (client, "api:read api:write", NULL, NULL, NULL, NULL, store_result, &result);
  async_token = oa2_client_client_credentials_finish (client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_scope (async_token), ==, "api:read api:write");
}

/* A key the provider does not know for the client: invalid_client. */
static void
test_client_assertion_wrong_key (void)
{
  g_autofree char *token_endpoint = oa2_provider_endpoint (provider, "/token");
  g_autoptr(OA2Jwk) key = oa2_jwk_generate ("ES256", NULL);
  g_autoptr(OA2PrivateKeyJwt) auth = oa2_private_key_jwt_new ("oa2-private-key-jwt-ES256", key, NULL, NULL);
  g_autoptr(OA2Client) client = oa2_client_new (token_endpoint, OA2_CLIENT_AUTH (auth));
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = oa2_client_client_credentials (client, "api:read", NULL, NULL, NULL, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_CLIENT);
}

/* The JWT bearer grant: provider.mjs registers it, for an assertion that
 * the client signed about itself with its registered key. */
static void
test_jwt_bearer (void)
{
  g_autofree char *token_endpoint = oa2_provider_endpoint (provider, "/token");
  const char *audience[] = { oa2_provider_get_issuer (provider), NULL };
  const char *client_id = "oa2-private-key-jwt-ES256";
  g_autoptr(OA2Jwk) key = client_key ("ES256");
  g_autoptr(OA2Jwk) stranger = oa2_jwk_generate ("ES256", NULL);
  g_autoptr(OA2PrivateKeyJwt) auth = oa2_private_key_jwt_new (client_id, key, NULL, NULL);
  g_autoptr(OA2Client) client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", token_endpoint,
                                              "client-auth", auth, "issuer", audience[0], NULL);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *assertion = NULL;
  g_autofree char *forged = NULL;

  assertion = oa2_jwt_sign_bearer_assertion (key, NULL, client_id, client_id, audience, 0, NULL, &error);
  g_assert_no_error (error);
  token = oa2_client_jwt_bearer (client, assertion, "api:read", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_token_type (token), ==, "Bearer");
  g_assert_cmpstr (oa2_bearer_token_get_scope (token), ==, "api:read");
  g_clear_object (&token);

  /* Signed by a key the provider does not know for the client. */
  forged = oa2_jwt_sign_bearer_assertion (stranger, NULL, client_id, client_id, audience, 0, NULL, &error);
  g_assert_no_error (error);
  token = oa2_client_jwt_bearer (client, forged, "api:read", NULL, NULL, NULL, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_GRANT);
}

/* The SAML 2.0 bearer grant: provider.mjs registers it (wt-saml2 block)
 * and, not verifying SAML, takes an assertion whose XML holds its test
 * marker; so this proves the encoding (base64url without padding, which the
 * provider checks) and the client authentication that goes with it. */
static void
test_saml2_bearer (void)
{
  static const char good[] =
    "<saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_i1\">"
    "<saml:Issuer>oa2-interop-saml2-test-marker</saml:Issuer><saml:Subject>alice?~</saml:Subject>"
    "</saml:Assertion>";
  static const char other[] = "<saml:Assertion ID=\"_i2\"><saml:Issuer>someone else</saml:Issuer></saml:Assertion>";
  g_autofree char *token_endpoint = oa2_provider_endpoint (provider, "/token");
  g_autoptr(OA2ClientSecretPost) auth = oa2_client_secret_post_new ("oa2-saml2-bearer", "saml2-secret-0123456789");
  g_autoptr(OA2ClientSecretPost) wrong = oa2_client_secret_post_new ("oa2-saml2-bearer", "not-it");
  g_autoptr(OA2Client) client = oa2_client_new (token_endpoint, OA2_CLIENT_AUTH (auth));
  g_autoptr(OA2Client) stranger = oa2_client_new (token_endpoint, OA2_CLIENT_AUTH (wrong));
  g_autoptr(GBytes) good_bytes = g_bytes_new_static (good, strlen (good));
  g_autoptr(GBytes) other_bytes = g_bytes_new_static (other, strlen (other));
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  token = oa2_client_saml2_bearer (client, good_bytes, "api:read", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_token_type (token), ==, "Bearer");
  g_assert_cmpstr (oa2_bearer_token_get_scope (token), ==, "api:read");
  g_clear_object (&token);

  oa2_client_saml2_bearer_async (client, good_bytes, NULL, NULL, NULL, NULL, NULL, store_result, &result);
  token = oa2_client_saml2_bearer_finish (client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (oa2_bearer_token_get_access_token (token));
  g_clear_object (&token);

  token = oa2_client_saml2_bearer (client, other_bytes, "api:read", NULL, NULL, NULL, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_GRANT);
  g_clear_error (&error);

  token = oa2_client_saml2_bearer (stranger, good_bytes, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_CLIENT);
}

/* The provider holds each client to its registered method, so a client
 * that used the wrong one, or got the encoding wrong, fails here. */
static void
test_client_credentials_refused (void)
{
  g_autofree char *token_endpoint = oa2_provider_endpoint (provider, "/token");
  g_autoptr(OA2ClientSecretPost) wrong_method = oa2_client_secret_post_new ("oa2-basic", BASIC_SECRET);
  g_autoptr(OA2ClientSecretBasic) raw = oa2_client_secret_basic_new ("oa2-basic", BASIC_SECRET);
  g_autoptr(OA2ClientSecretPost) wrong_secret = oa2_client_secret_post_new ("oa2-post", "not-it");
  OA2ClientAuth *auths[] = { OA2_CLIENT_AUTH (wrong_method), OA2_CLIENT_AUTH (raw), OA2_CLIENT_AUTH (wrong_secret) };

  oa2_client_secret_basic_set_encode_credentials (raw, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (auths); i++)
    {
      g_autoptr(OA2Client) client = oa2_client_new (token_endpoint, auths[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2BearerToken) token = oa2_client_client_credentials (client, "api:read", NULL, NULL, NULL, NULL, &error);

      g_assert_null (token);
      g_assert_nonnull (error);
      g_assert_true (error->domain == OA2_OAUTH_ERROR);
      g_assert_true (error->code == OA2_OAUTH_ERROR_INVALID_CLIENT || error->code == OA2_OAUTH_ERROR_INVALID_REQUEST);
      g_assert_cmpuint (oa2_error_get_http_status (error), >=, 400);
    }
}

static char *
random_urlsafe (gsize n_bytes)
{
  g_autofree guint8 *bytes = g_new (guint8, n_bytes);
  g_autofree char *b64 = NULL;

  for (gsize i = 0; i < n_bytes; i++)
    bytes[i] = g_random_int_range (0, 256);
  b64 = g_base64_encode (bytes, n_bytes);
  g_strdelimit (b64, "+", '-');
  g_strdelimit (b64, "/", '_');
  return g_strndup (b64, strcspn (b64, "="));
}

static char *
s256 (const char *verifier)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  g_autofree char *b64 = NULL;

  g_checksum_update (checksum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (checksum, digest, &len);
  b64 = g_base64_encode (digest, len);
  g_strdelimit (b64, "+", '-');
  g_strdelimit (b64, "/", '_');
  return g_strndup (b64, strcspn (b64, "="));
}

/* Signs alice in (scripted) and returns the authorization code. The
 * authorization request builder arrives in a later issue; this is the
 * minimal request by hand. */
static char *
authorize (const char *client_id,
           const char *verifier)
{
  g_autofree char *challenge = s256 (verifier);
  g_autofree char *state = random_urlsafe (16);
  g_autofree char *authorize_uri = oa2_provider_endpoint (provider, "/auth");
  g_autofree char *uri = NULL;
  g_autofree char *callback = NULL;
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autofree char *escaped_redirect = g_uri_escape_string (REDIRECT_URI, NULL, FALSE);

  uri = g_strdup_printf ("%s?response_type=code&client_id=%s&redirect_uri=%s"
                         "&scope=openid%%20offline_access&prompt=consent&state=%s&nonce=n-%s"
                         "&code_challenge=%s&code_challenge_method=S256",
                         authorize_uri, client_id, escaped_redirect, state, state, challenge);
  callback = oa2_provider_login (provider, uri);
  parsed = g_uri_parse (callback, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_assert_nonnull (parsed);
  query = g_uri_parse_params (g_uri_get_query (parsed), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_cmpstr (g_hash_table_lookup (query, "state"), ==, state);
  g_assert_nonnull (g_hash_table_lookup (query, "code"));
  return g_strdup (g_hash_table_lookup (query, "code"));
}

/* The provider's ID token was validated (signature with its jwks_uri
 * keys, issuer, audience, times) and carries the scripted user. */
static void
check_id_token (OA2BearerToken *token,
                const char     *client_id)
{
  OA2IdToken *id_token = oa2_bearer_token_get_validated_id_token (token);

  g_assert_nonnull (id_token);
  g_assert_cmpstr (oa2_id_token_get_issuer (id_token), ==, oa2_provider_get_issuer (provider));
  g_assert_true (g_strv_contains (oa2_id_token_get_audience (id_token), client_id));
  g_assert_nonnull (oa2_id_token_get_subject (id_token));
  g_assert_cmpstr (oa2_id_token_get_alg (id_token), ==, "RS256");
}

/* Code exchange, then refresh (blocking and asynchronous) with each client
 * authentication method. */
static void
test_code_and_refresh (gconstpointer data)
{
  AuthKind kind = GPOINTER_TO_INT (data);
  const char *client_ids[] = { "oa2-basic", "oa2-post", "oa2-public" };
  g_autoptr(OA2Client) client = client_for (kind);
  g_autofree char *verifier = random_urlsafe (48);
  g_autofree char *code = authorize (client_ids[kind], verifier);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) refreshed = NULL;
  g_autoptr(OA2BearerToken) refreshed_async = NULL;
  g_autoptr(OA2BearerToken) replayed = NULL;
  g_autoptr(OA2BearerToken) restored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *stored = NULL;

  token = oa2_client_authorization_code (client, code, REDIRECT_URI, verifier, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (oa2_bearer_token_get_refresh_token (token));
  g_assert_nonnull (oa2_bearer_token_get_id_token (token));
  g_assert_cmpint (oa2_bearer_token_get_expires_in (token), >, 3500);
  check_id_token (token, client_ids[kind]);

  /* Stored and restored, as an application would across restarts. */
  stored = oa2_bearer_token_to_json (token);
  restored = oa2_bearer_token_new_from_json (stored, &error);
  g_assert_no_error (error);

  refreshed = oa2_client_refresh_token (client, oa2_bearer_token_get_refresh_token (restored),
                                        NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (refreshed), !=, oa2_bearer_token_get_access_token (token));
  g_assert_nonnull (oa2_bearer_token_get_refresh_token (refreshed));

  oa2_client_refresh_token_async (client, oa2_bearer_token_get_refresh_token (refreshed), NULL, NULL, NULL, NULL, NULL,
                                  store_result, &result);
  refreshed_async = oa2_client_refresh_token_finish (client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (oa2_bearer_token_get_access_token (refreshed_async));

  /* Renewed from the token itself: the provider's new ID token continues
   * the original one (OIDC Core §12.2), blocking and asynchronous. */
  {
    g_autoptr(OA2BearerToken) current = g_object_ref (kind == AUTH_NONE ? refreshed_async : token);
    g_autoptr(OA2BearerToken) renewed = NULL;
    g_autoptr(OA2BearerToken) renewed_async = NULL;
    g_autoptr(GAsyncResult) renew_result = NULL;

    renewed = oa2_client_refresh (client, current, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    check_id_token (renewed, client_ids[kind]);
    g_assert_cmpstr (oa2_id_token_get_subject (oa2_bearer_token_get_validated_id_token (renewed)), ==,
                     oa2_id_token_get_subject (oa2_bearer_token_get_validated_id_token (token)));
    oa2_client_refresh_async (client, renewed, NULL, NULL, NULL, NULL, store_result, &renew_result);
    renewed_async = oa2_client_refresh_finish (client, wait_result (&renew_result), &error);
    g_assert_no_error (error);
    check_id_token (renewed_async, client_ids[kind]);
  }

  if (kind == AUTH_NONE)
    {
      /* The public client's refresh tokens rotate: the first one is spent. */
      replayed = oa2_client_refresh_token (client, oa2_bearer_token_get_refresh_token (token),
                                           NULL, NULL, NULL, NULL, NULL, &error);
      g_assert_null (replayed);
      g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_GRANT);
      g_assert_true (oa2_error_requires_interaction (error));
    }
  else
    g_assert_cmpstr (oa2_bearer_token_get_refresh_token (refreshed), ==, oa2_bearer_token_get_refresh_token (token));
}

/* ID tokens signed with ES256 and EdDSA (Ed25519), for clients registered
 * with that id_token_signed_response_alg: validated at the code exchange
 * and on refresh, with continuity. */
static void
test_id_token_alg (gconstpointer data)
{
  const char *alg = data;
  g_autofree char *client_id = g_strconcat ("oa2-public-", alg, NULL);
  g_autofree char *token_endpoint = oa2_provider_endpoint (provider, "/token");
  g_autofree char *jwks_uri = oa2_provider_endpoint (provider, "/jwks");
  g_autoptr(OA2PublicApp) auth = oa2_public_app_new (client_id);
  g_autoptr(OA2Client) client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", token_endpoint,
                                              "client-auth", auth, "issuer", oa2_provider_get_issuer (provider),
                                              "jwks-uri", jwks_uri, "id-token-signed-response-alg", alg, NULL);
  g_autofree char *verifier = random_urlsafe (48);
  g_autofree char *code = authorize (client_id, verifier);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) renewed = NULL;
  g_autoptr(OA2Client) rs256_only = NULL;
  g_autoptr(GError) error = NULL;

  token = oa2_client_authorization_code (client, code, REDIRECT_URI, verifier, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_id_token_get_alg (oa2_bearer_token_get_validated_id_token (token)), ==, alg);
  renewed = oa2_client_refresh (client, token, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_id_token_get_alg (oa2_bearer_token_get_validated_id_token (renewed)), ==, alg);

  /* A client that expects RS256 (the default) refuses them. */
  rs256_only = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", token_endpoint, "client-auth", auth,
                             "issuer", oa2_provider_get_issuer (provider), "jwks-uri", jwks_uri, NULL);
  g_clear_object (&token);
  token = oa2_client_refresh (rs256_only, renewed, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  g_assert_null (token);
}

static void
test_code_replay_refused (void)
{
  g_autoptr(OA2Client) client = client_for (AUTH_NONE);
  g_autofree char *verifier = random_urlsafe (48);
  g_autofree char *code = authorize ("oa2-public", verifier);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) again = NULL;
  g_autoptr(OA2BearerToken) wrong_verifier = NULL;
  g_autofree char *other = random_urlsafe (48);

  wrong_verifier = oa2_client_authorization_code (client, code, REDIRECT_URI, other, NULL, NULL, NULL, NULL, &error);
  g_assert_null (wrong_verifier);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_GRANT);
  g_clear_error (&error);

  code = (g_free (code), authorize ("oa2-public", verifier));
  token = oa2_client_authorization_code (client, code, REDIRECT_URI, verifier, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  again = oa2_client_authorization_code (client, code, REDIRECT_URI, verifier, NULL, NULL, NULL, NULL, &error);
  g_assert_null (again);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_GRANT);
}

/* private_key_jwt with a key that never leaves its PKCS#11 token: the
 * provider knows only the public JWK that main() read from the token. */
static void
test_pkcs11_client_assertion (gconstpointer data)
{
  const char *alg = data;
  g_autofree char *token_endpoint = oa2_provider_endpoint (provider, "/token");
  g_autofree char *client_id = g_strconcat ("oa2-pkcs11-", alg, NULL);
  g_autofree char *uri = NULL;
  g_autoptr(OA2Jwk) key = NULL;
  g_autoptr(OA2PrivateKeyJwt) auth = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2BearerToken) access_token = NULL;
  g_autoptr(OA2BearerToken) async_token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (softhsm == NULL)
    {
      g_test_skip ("SoftHSM2 is not installed");
      return;
    }
  uri = g_strconcat (g_str_equal (alg, "ES256") ? softhsm->ec_uri : softhsm->rsa_uri,
                     "?pin-value=" OA2_TEST_TOKEN_PIN, NULL);
  key = oa2_jwk_new_from_pkcs11_uri (uri, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (oa2_jwk_is_in_token (key));
  auth = oa2_private_key_jwt_new (client_id, key, alg, &error);
  g_assert_no_error (error);
  client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", token_endpoint, "client-auth", auth,
                         "issuer", oa2_provider_get_issuer (provider), NULL);

  access_token = oa2_client_client_credentials (client, "api:read", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_token_type (access_token), ==, "Bearer");

  oa2_client_client_credentials_async (client, "api:read", NULL, NULL, NULL, NULL, store_result, &result);
  async_token = oa2_client_client_credentials_finish (client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_scope (async_token), ==, "api:read");
}

/* Makes the token and hands the public JWKs of its keys to provider.mjs,
 * through the environment it inherits. */
static void
setup_token (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL, *module = oa2_test_softhsm_find_module (&why);
  g_autoptr(JsonArray) keys = json_array_new ();
  g_autoptr(JsonObject) jwks = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  const char *algs[] = { "ES256", "RS256" };

  if (module == NULL)
    {
      if (g_getenv ("CI") != NULL)
        g_error ("SoftHSM2 is needed for the PKCS#11 interop test: %s", why);
      g_printerr ("# PKCS#11 interop test skipped: %s\n", why);
      return;
    }
  softhsm = oa2_test_token_new (NULL, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (algs); i++)
    {
      g_autofree char *uri = g_strconcat (i == 0 ? softhsm->ec_uri : softhsm->rsa_uri,
                                          "?pin-value=" OA2_TEST_TOKEN_PIN, NULL);
      g_autoptr(OA2Jwk) key = oa2_jwk_new_from_pkcs11_uri (uri, NULL, NULL, NULL, NULL, &error);
      JsonObject *public_jwk;

      g_assert_no_error (error);
      public_jwk = oa2_jwk_to_json_object (key, FALSE);
      json_object_set_string_member (public_jwk, "alg", algs[i]);
      json_array_add_object_element (keys, public_jwk);
    }
  json_object_set_array_member (jwks, "keys", json_array_ref (keys));
  node = json_node_init_object (json_node_alloc (), jwks);
  json = json_to_string (node, FALSE);
  g_setenv ("OA2_PROVIDER_PKCS11_JWKS", json, TRUE);
}

/* RFC 7662: what the provider knows about a token, asked as the client
 * that holds it. */
static JsonObject *
introspect (const char *client_id,
            const char *client_secret,
            const char *token)
{
  g_autofree char *endpoint = oa2_provider_endpoint (provider, "/token/introspection");
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *form = NULL;

  form = soup_form_encode ("token", token, "client_id", client_id, "client_secret", client_secret, NULL);
  msg = soup_message_new_from_encoded_form ("POST", endpoint, g_steal_pointer (&form));
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
count_request (SoupSession *session,
               SoupMessage *msg,
               guint       *count)
{
  ++*count;
}

/* The token's cnf.jkt, as the provider recorded it, is the key's
 * thumbprint; the token is active, of type DPoP, and @holder's. Asked as
 * @client_id. */
static void
assert_bound (const char     *client_id,
              const char     *client_secret,
              const char     *holder,
              OA2BearerToken *token,
              OA2DPoPKey     *key)
{
  g_autoptr(JsonObject) info = introspect (client_id, client_secret, oa2_bearer_token_get_access_token (token));
  g_autofree char *thumbprint = oa2_dpop_key_dup_thumbprint (key);
  JsonObject *cnf;

  g_assert_true (OA2_IS_DPOP_TOKEN (token));
  g_assert_cmpstr (oa2_bearer_token_get_token_type (token), ==, "DPoP");
  g_assert_true (oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (token)) == key);
  g_assert_true (json_object_get_boolean_member (info, "active"));
  g_assert_cmpstr (json_object_get_string_member (info, "token_type"), ==, "DPoP");
  g_assert_cmpstr (json_object_get_string_member (info, "client_id"), ==, holder);
  cnf = json_object_get_object_member (info, "cnf");
  g_assert_nonnull (cnf);
  g_assert_cmpstr (json_object_get_string_member (cnf, "jkt"), ==, thumbprint);
}

/* DPoP-bound tokens (RFC 9449) with client_credentials, from a client
 * whose tokens must be bound (data: "oa2-dpop") or that must also use the
 * server's nonce ("oa2-dpop-nonce"); the key's algorithm is in the test
 * path. Sync with a per-call key, then async with a generated one. */
static void
test_dpop (gconstpointer data)
{
  const char *client_id = data;
  const char *secret = g_str_equal (client_id, "oa2-dpop") ? DPOP_SECRET : DPOP_NONCE_SECRET;
  gboolean nonce = !g_str_equal (client_id, "oa2-dpop");
  const char *alg = strrchr (g_test_get_path (), '/') + 1;
  g_autofree char *token_endpoint = oa2_provider_endpoint (provider, "/token");
  g_autoptr(OA2ClientAuth) auth = OA2_CLIENT_AUTH (oa2_client_secret_post_new (client_id, secret));
  g_autoptr(OA2Client) client = oa2_client_new (token_endpoint, auth);
  g_autoptr(OA2DPoPKey) key = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) generated = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint requests = 0;

  g_signal_connect (oa2_client_get_session (client), "request-queued", G_CALLBACK (count_request), &requests);

  key = oa2_dpop_key_generate (alg, &error);
  g_assert_no_error (error);
  token = oa2_client_client_credentials (client, "api:read", NULL, NULL, key, NULL, &error);
  g_assert_no_error (error);
  assert_bound (client_id, secret, client_id, token, key);
  /* A server that wants a nonce is asked twice: the first proof has none. */
  g_assert_cmpuint (requests, ==, nonce ? 2 : 1);

  oa2_client_set_dpop_bound_access_tokens (client, TRUE);
  oa2_client_set_dpop_alg (client, alg);
  oa2_client_client_credentials_async (client, "api:read", NULL, NULL, NULL, NULL, store_result, &result);
  generated = oa2_client_client_credentials_finish (client, wait_result (&result), &error);
  g_assert_no_error (error);
  assert_bound (client_id, secret, client_id, generated, oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (generated)));
  g_assert_cmpstr (oa2_dpop_key_get_alg (oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (generated))), ==, alg);
}

/* A DPoP-bound token whose key never leaves its PKCS#11 token, from the
 * client that also wants the server's nonce: the provider binds the token
 * to the thumbprint of the token-held key. */
static void
test_pkcs11_dpop (void)
{
  g_autofree char *token_endpoint = oa2_provider_endpoint (provider, "/token");
  g_autoptr(OA2ClientAuth) auth = OA2_CLIENT_AUTH (oa2_client_secret_post_new ("oa2-dpop-nonce",
                                                                               DPOP_NONCE_SECRET));
  g_autoptr(OA2Client) client = oa2_client_new (token_endpoint, auth);
  g_autofree char *uri = NULL;
  g_autoptr(OA2Jwk) jwk = NULL;
  g_autoptr(OA2DPoPKey) key = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  if (softhsm == NULL)
    {
      g_test_skip ("SoftHSM2 is not installed");
      return;
    }
  uri = g_strconcat (softhsm->ec_uri, "?pin-value=" OA2_TEST_TOKEN_PIN, NULL);
  jwk = oa2_jwk_new_from_pkcs11_uri (uri, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  key = oa2_dpop_key_new (jwk, NULL, &error);
  g_assert_no_error (error);
  token = oa2_client_client_credentials (client, "api:read", NULL, NULL, key, NULL, &error);
  g_assert_no_error (error);
  assert_bound ("oa2-dpop-nonce", DPOP_NONCE_SECRET, "oa2-dpop-nonce", token, key);
}

/* A public client's DPoP tokens through the code flow: the refresh token
 * is bound to the key too (RFC 9449 §5), so only the same key, taken from
 * the stored token, renews it. */
static void
test_dpop_code_and_refresh (void)
{
  g_autoptr(OA2Client) client = client_for (AUTH_NONE);
  g_autofree char *verifier = random_urlsafe (48);
  g_autofree char *code = authorize ("oa2-public", verifier);
  g_autoptr(OA2DPoPKey) key = oa2_dpop_key_generate ("ES256", NULL);
  g_autoptr(OA2DPoPKey) other_key = oa2_dpop_key_generate ("ES256", NULL);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) restored = NULL;
  g_autoptr(OA2BearerToken) refused = NULL;
  g_autoptr(OA2BearerToken) refreshed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  OA2DPoPKey *stored_key;

  token = oa2_client_authorization_code (client, code, REDIRECT_URI, verifier, NULL, NULL, key, NULL, &error);
  g_assert_no_error (error);
  assert_bound ("oa2-post", POST_SECRET, "oa2-public", token, key);
  g_assert_nonnull (oa2_bearer_token_get_refresh_token (token));

  stored = oa2_bearer_token_to_json (token);
  restored = oa2_bearer_token_new_from_json (stored, &error);
  g_assert_no_error (error);
  g_assert_true (OA2_IS_DPOP_TOKEN (restored));
  stored_key = oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (restored));

  refused = oa2_client_refresh_token (client, oa2_bearer_token_get_refresh_token (restored),
                                      NULL, NULL, NULL, other_key, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_GRANT);
  g_clear_error (&error);

  refreshed = oa2_client_refresh_token (client, oa2_bearer_token_get_refresh_token (restored),
                                        NULL, NULL, NULL, stored_key, NULL, &error);
  g_assert_no_error (error);
  assert_bound ("oa2-post", POST_SECRET, "oa2-public", refreshed, stored_key);
}

/* UserInfo after a scripted sign-in with openid: its sub is the ID
 * token's; then with a DPoP-bound token, sent with a proof (blocking and
 * asynchronous). */
static void
test_userinfo (void)
{
  g_autofree char *token_endpoint = oa2_provider_endpoint (provider, "/token");
  g_autofree char *jwks_uri = oa2_provider_endpoint (provider, "/jwks");
  g_autofree char *userinfo_endpoint = oa2_provider_endpoint (provider, "/me");
  g_autoptr(OA2PublicApp) auth = oa2_public_app_new ("oa2-public");
  g_autoptr(OA2Client) client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", token_endpoint,
                                              "userinfo-endpoint", userinfo_endpoint, "client-auth", auth,
                                              "issuer", oa2_provider_get_issuer (provider),
                                              "jwks-uri", jwks_uri, NULL);
  g_autofree char *verifier = random_urlsafe (48);
  g_autofree char *code = authorize ("oa2-public", verifier);
  g_autofree char *dpop_verifier = random_urlsafe (48);
  g_autofree char *dpop_code = authorize ("oa2-public", dpop_verifier);
  g_autoptr(OA2DPoPKey) key = oa2_dpop_key_generate ("ES256", NULL);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) bound = NULL;
  g_autoptr(JsonObject) claims = NULL;
  g_autoptr(JsonObject) bound_claims = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *sub;

  token = oa2_client_authorization_code (client, code, REDIRECT_URI, verifier, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  sub = oa2_id_token_get_subject (oa2_bearer_token_get_validated_id_token (token));
  claims = oa2_client_userinfo (client, token, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (claims, "sub"), ==, sub);

  bound = oa2_client_authorization_code (client, dpop_code, REDIRECT_URI, dpop_verifier, NULL, NULL, key, NULL,
                                         &error);
  g_assert_no_error (error);
  g_assert_true (OA2_IS_DPOP_TOKEN (bound));
  oa2_client_userinfo_async (client, bound, NULL, store_result, &result);
  bound_claims = oa2_client_userinfo_finish (client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (bound_claims, "sub"), ==, sub);
}

/* A client registered for bound tokens gets none without a proof. */
static void
test_dpop_required (void)
{
  g_autofree char *token_endpoint = oa2_provider_endpoint (provider, "/token");
  g_autoptr(OA2ClientAuth) auth = OA2_CLIENT_AUTH (oa2_client_secret_post_new ("oa2-dpop", DPOP_SECRET));
  g_autoptr(OA2Client) client = oa2_client_new (token_endpoint, auth);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = oa2_client_client_credentials (client, "api:read", NULL, NULL, NULL, NULL, &error);
  g_assert_null (token);
  g_assert_true (error != NULL && error->domain == OA2_OAUTH_ERROR);
}

/* The provider with its https listener for mutual TLS (RFC 8705). */
static OA2Provider *
ensure_mtls_provider (void)
{
  g_autoptr(GError) error = NULL;

  if (mtls_provider != NULL)
    return mtls_provider;
  mtls_dir = g_dir_make_tmp ("oa2-interop-mtls-XXXXXX", &error);
  g_assert_no_error (error);
  oa2_test_tls_write_mtls_dir (mtls_dir);
  mtls_provider = oa2_provider_start_mtls (mtls_dir);
  return mtls_provider;
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

static char *
mtls_file (const char *name)
{
  return g_build_filename (mtls_dir, name, NULL);
}

/* RFC 8705 §3.1: base64url SHA-256 of the DER certificate. */
static char *
certificate_thumbprint (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  char *text;

  g_object_get (certificate, "certificate", &der, NULL);
  g_checksum_update (checksum, der->data, der->len);
  g_checksum_get_digest (checksum, digest, &digest_len);
  text = g_base64_encode (digest, digest_len);
  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  if (strchr (text, '=') != NULL)
    *strchr (text, '=') = '\0';
  return text;
}

/* The provider's introspection of @access_token (RFC 7662), asked by
 * oa2-post, which any token may be introspected by. */
static JsonObject *
introspect_at (OA2Provider *at,
               const char  *access_token)
{
  g_autofree char *uri = oa2_provider_endpoint (at, "/token/introspection");
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_hash_table_insert (form, "token", (char *) access_token);
  g_hash_table_insert (form, "client_id", "oa2-post");
  g_hash_table_insert (form, "client_secret", POST_SECRET);
  msg = soup_message_new_from_encoded_form ("POST", uri, soup_form_encode_hash (form));
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static OA2Client *
mtls_client (OA2ClientAuth *auth,
             gboolean       with_aliases)
{
  OA2Provider *at = ensure_mtls_provider ();
  g_autofree char *token_endpoint = oa2_provider_endpoint (at, "/token");
  g_autofree char *ca_file = mtls_file ("ca.pem");
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GError) error = NULL;
  OA2Client *client;

  database = g_tls_file_database_new (ca_file, &error);
  g_assert_no_error (error);
  session = soup_session_new_with_options ("tls-database", database, NULL);
  client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", token_endpoint, "client-auth", auth,
                         "issuer", oa2_provider_get_issuer (at), "session", session, NULL);
  if (with_aliases)
    {
      g_autoptr(GHashTable) aliases = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

      g_hash_table_insert (aliases, "token_endpoint",
                           g_strconcat (oa2_provider_get_mtls_base (at), "/token", NULL));
      oa2_client_set_mtls_endpoint_aliases (client, aliases);
    }
  return client;
}

/* Both RFC 8705 methods, end to end: the token is bound to the
 * certificate (cnf x5t#S256), as the provider's introspection says. */
static void
test_mtls (gconstpointer data)
{
  gboolean self_signed = GPOINTER_TO_INT (data);
  g_autofree char *certificate_file = NULL;
  g_autofree char *key_file = NULL;
  g_autoptr(OA2TlsClientAuth) auth = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *thumbprint = NULL;

  ensure_mtls_provider ();
  certificate_file = mtls_file (self_signed ? "self-signed.pem" : "pki-client.pem");
  key_file = mtls_file (self_signed ? "self-signed-key.pem" : "pki-client-key.pem");
  auth = oa2_tls_client_auth_new_from_files (self_signed ? "oa2-mtls-self-signed" : "oa2-mtls-pki",
                                             self_signed ? OA2_TLS_CLIENT_AUTH_METHOD_SELF_SIGNED
                                                         : OA2_TLS_CLIENT_AUTH_METHOD_PKI,
                                             certificate_file, key_file, &error);
  g_assert_no_error (error);
  thumbprint = certificate_thumbprint (oa2_tls_client_auth_get_certificate (auth));
  client = mtls_client (OA2_CLIENT_AUTH (auth), TRUE);

  for (guint async = 0; async < 2; async++)
    {
      g_autoptr(OA2BearerToken) token = NULL;
      g_autoptr(JsonObject) introspection = NULL;
      JsonObject *cnf;

      if (async)
        {
          g_autoptr(GAsyncResult) result = NULL;

          oa2_client_client_credentials_async (client, "api:read", NULL, NULL, NULL, NULL, store_result, &result);
          token = oa2_client_client_credentials_finish (client, wait_result (&result), &error);
        }
      else
        token = oa2_client_client_credentials (client, "api:read", NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (oa2_bearer_token_get_token_type (token), ==, "Bearer");

      introspection = introspect_at (mtls_provider, oa2_bearer_token_get_access_token (token));
      g_assert_true (json_object_get_boolean_member (introspection, "active"));
      g_assert_cmpstr (json_object_get_string_member (introspection, "client_id"), ==,
                       oa2_client_auth_get_client_id (OA2_CLIENT_AUTH (auth)));
      cnf = json_object_get_object_member (introspection, "cnf");
      g_assert_nonnull (cnf);
      g_assert_cmpstr (json_object_get_string_member (cnf, "x5t#S256"), ==, thumbprint);
    }
}

/* A certificate the provider does not know for the client (for
 * tls_client_auth, one no trusted CA issued), and the plain-http
 * endpoint, where no certificate can be presented. */
static void
test_mtls_refused (void)
{
  static const struct {
    const char             *client_id;
    OA2TlsClientAuthMethod  method;
    const char             *certificate;
    const char             *key;
  } cases[] = {
    { "oa2-mtls-self-signed", OA2_TLS_CLIENT_AUTH_METHOD_SELF_SIGNED, "pki-client.pem", "pki-client-key.pem" },
    { "oa2-mtls-pki", OA2_TLS_CLIENT_AUTH_METHOD_PKI, "self-signed.pem", "self-signed-key.pem" },
  };

  ensure_mtls_provider ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *certificate_file = mtls_file (cases[i].certificate);
      g_autofree char *key_file = mtls_file (cases[i].key);
      g_autoptr(OA2TlsClientAuth) wrong = NULL;
      g_autoptr(OA2Client) client = NULL;
      g_autoptr(OA2Client) without_aliases = NULL;
      g_autoptr(OA2BearerToken) token = NULL;
      g_autoptr(GError) error = NULL;

      wrong = oa2_tls_client_auth_new_from_files (cases[i].client_id, cases[i].method, certificate_file, key_file,
                                                  &error);
      g_assert_no_error (error);
      client = mtls_client (OA2_CLIENT_AUTH (wrong), TRUE);
      token = oa2_client_client_credentials (client, "api:read", NULL, NULL, NULL, NULL, &error);
      g_assert_null (token);
      g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_CLIENT);
      g_clear_error (&error);

      without_aliases = mtls_client (OA2_CLIENT_AUTH (wrong), FALSE);
      token = oa2_client_client_credentials (without_aliases, "api:read", NULL, NULL, NULL, NULL, &error);
      g_assert_null (token);
      g_assert_error (error, OA2_ERROR, OA2_ERROR_INSECURE_TRANSPORT);
    }
}

/* RFC 8705 §3 end to end (wt-mtlsapi): OA2ApiClient with client
 * credentials of a certificate-authenticated client presents the
 * certificate by default, and the provider's resource, which checks the
 * token's x5t#S256 against the certificate of the connection, answers;
 * with the property set to NULL, the same token is refused. */
static void
test_mtls_api_client (gconstpointer data)
{
  gboolean self_signed = GPOINTER_TO_INT (data);
  g_autofree char *certificate_file = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *base = NULL;
  g_autofree char *thumbprint = NULL;
  g_autoptr(OA2TlsClientAuth) auth = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2ClientCredentialsAuth) handler = NULL;
  g_autoptr(OA2ApiClient) api = NULL;
  g_autoptr(OA2ApiClient) bare = NULL;
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(GTlsCertificate) presented = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  JsonObject *object;

  ensure_mtls_provider ();
  certificate_file = mtls_file (self_signed ? "self-signed.pem" : "pki-client.pem");
  key_file = mtls_file (self_signed ? "self-signed-key.pem" : "pki-client-key.pem");
  auth = oa2_tls_client_auth_new_from_files (self_signed ? "oa2-mtls-self-signed" : "oa2-mtls-pki",
                                             self_signed ? OA2_TLS_CLIENT_AUTH_METHOD_SELF_SIGNED
                                                         : OA2_TLS_CLIENT_AUTH_METHOD_PKI,
                                             certificate_file, key_file, &error);
  g_assert_no_error (error);
  thumbprint = certificate_thumbprint (oa2_tls_client_auth_get_certificate (auth));
  client = mtls_client (OA2_CLIENT_AUTH (auth), TRUE);
  handler = oa2_client_credentials_auth_new (client, "api:read");
  base = g_strconcat (oa2_provider_get_mtls_base (mtls_provider), "/test/", NULL);
  api = oa2_api_client_new_with_session (base, OA2_AUTH (handler), oa2_client_get_session (client), &error);
  g_assert_no_error (error);
  presented = oa2_api_client_dup_tls_client_certificate (api);
  g_assert_true (presented == oa2_tls_client_auth_get_certificate (auth));

  response = oa2_api_client_get (api, "bound-resource", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 200);
  json = oa2_api_response_dup_json (response, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (object, "client_id"), ==,
                   oa2_client_auth_get_client_id (OA2_CLIENT_AUTH (auth)));
  g_assert_true (json_object_get_boolean_member (object, "bound"));
  g_assert_cmpstr (json_object_get_string_member (object, "presented"), ==, thumbprint);

  g_clear_object (&response);
  oa2_api_client_get_async (api, "bound-resource", NULL, NULL, store_result, &result);
  response = oa2_api_client_get_finish (api, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 200);

  /* Without the certificate the bound token is refused (after the one
   * renewal a refused token gets, whose token is bound as well). */
  bare = oa2_api_client_new_child (api, "", &error);
  g_assert_no_error (error);
  oa2_api_client_set_tls_client_certificate (bare, NULL);
  g_clear_object (&response);
  response = oa2_api_client_get (bare, "bound-resource", NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_TOKEN);
  g_assert_nonnull (strstr (error->message, "without its certificate"));
}

/* Discovery of the real provider, by OpenID Connect Discovery §4 and by
 * RFC 8414 §3.1 (the provider serves both documents; its issuer has no
 * path, so the two URIs differ only in the well-known name): each client
 * gets a token with the discovered token endpoint. */
static void
check_discovered (OA2Client *client)
{
  g_autofree char *token_endpoint = oa2_provider_endpoint (provider, "/token");
  g_autofree char *jwks_uri = oa2_provider_endpoint (provider, "/jwks");
  OA2ServerMetadata *metadata = oa2_client_get_server_metadata (client);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = NULL;

  g_assert_cmpstr (oa2_client_get_issuer (client), ==, oa2_provider_get_issuer (provider));
  g_assert_cmpstr (oa2_client_get_token_endpoint (client), ==, token_endpoint);
  g_assert_cmpstr (oa2_client_get_jwks_uri (client), ==, jwks_uri);
  g_assert_nonnull (oa2_client_get_authorization_endpoint (client));
  g_assert_nonnull (oa2_client_get_userinfo_endpoint (client));
  g_assert_nonnull (metadata);
  g_assert_nonnull (oa2_server_metadata_get_id_token_signing_alg_values_supported (metadata));
  g_assert_true (g_strv_contains (oa2_server_metadata_get_grant_types_supported (metadata), "client_credentials"));

  token = oa2_client_client_credentials (client, "api:read", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_scope (token), ==, "api:read");
}

static void
test_discovery (void)
{
  const char *issuer = oa2_provider_get_issuer (provider);
  g_autoptr(OA2ClientAuth) auth = OA2_CLIENT_AUTH (oa2_client_secret_basic_new ("oa2-basic", BASIC_SECRET));
  g_autofree char *uri = oa2_server_metadata_discovery_uri (issuer, OA2_DISCOVERY_KIND_OPENID, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2Client) async_client = NULL;
  g_autoptr(OA2Client) by_uri = NULL;
  g_autoptr(OA2Client) rfc8414 = NULL;

  client = oa2_client_new_from_issuer (issuer, OA2_DISCOVERY_KIND_OPENID, auth, NULL, NULL, &error);
  g_assert_no_error (error);
  check_discovered (client);

  oa2_client_new_from_issuer_async (issuer, OA2_DISCOVERY_KIND_OPENID, auth, NULL, NULL, store_result, &result);
  async_client = oa2_client_new_from_issuer_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  check_discovered (async_client);

  by_uri = oa2_client_new_from_discovery (uri, auth, NULL, NULL, &error);
  g_assert_no_error (error);
  check_discovered (by_uri);

  rfc8414 = oa2_client_new_from_issuer (issuer, OA2_DISCOVERY_KIND_RFC8414, auth, NULL, NULL, &error);
  g_assert_no_error (error);
  check_discovered (rfc8414);
}

/* RFC 7662 and RFC 7009 through the library: a discovered client's token
 * is active, is revoked, and is inactive afterwards, sync and async. */
static void
test_revoke_and_introspect (void)
{
  g_autoptr(OA2ClientAuth) auth = OA2_CLIENT_AUTH (oa2_client_secret_basic_new ("oa2-basic", BASIC_SECRET));
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2IntrospectionResponse) info = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  client = oa2_client_new_from_issuer (oa2_provider_get_issuer (provider), OA2_DISCOVERY_KIND_OPENID, auth,
                                       NULL, NULL, &error);
  g_assert_no_error (error);
  token = oa2_client_client_credentials (client, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  info = oa2_client_introspect_token (client, oa2_bearer_token_get_access_token (token), "access_token",
                                      OA2_INTROSPECTION_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (oa2_introspection_response_get_active (info));
  g_assert_cmpstr (oa2_introspection_response_get_client_id (info), ==, "oa2-basic");
  g_assert_cmpint (oa2_introspection_response_get_exp (info), >, 0);
  g_clear_object (&info);

  g_assert_true (oa2_client_revoke_access_token (client, token, NULL, &error));
  g_assert_no_error (error);

  oa2_client_introspect_token_async (client, oa2_bearer_token_get_access_token (token), NULL,
                                     OA2_INTROSPECTION_FLAGS_NONE, NULL, store_result, &result);
  info = oa2_client_introspect_token_finish (client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_false (oa2_introspection_response_get_active (info));

  /* RFC 7009 §2.2: an unknown token is no error. */
  g_assert_true (oa2_client_revoke_token (client, "not-a-token", NULL, NULL, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/oa2/interop/client-credentials/client-secret-basic", GINT_TO_POINTER (AUTH_BASIC),
                        test_client_credentials);
  g_test_add_data_func ("/oa2/interop/client-credentials/client-secret-post", GINT_TO_POINTER (AUTH_POST),
                        test_client_credentials);
  g_test_add_func ("/oa2/interop/client-credentials/refused", test_client_credentials_refused);
  g_test_add_data_func ("/oa2/interop/client-credentials/client-secret-jwt", "HS256", test_client_assertion);
  g_test_add_data_func ("/oa2/interop/client-credentials/private-key-jwt/RS256", "RS256", test_client_assertion);
  g_test_add_data_func ("/oa2/interop/client-credentials/private-key-jwt/ES256", "ES256", test_client_assertion);
  g_test_add_data_func ("/oa2/interop/client-credentials/private-key-jwt/EdDSA", "EdDSA", test_client_assertion);
  g_test_add_func ("/oa2/interop/client-credentials/private-key-jwt/wrong-key", test_client_assertion_wrong_key);
  g_test_add_func ("/oa2/interop/jwt-bearer", test_jwt_bearer);
  g_test_add_func ("/oa2/interop/saml2-bearer", test_saml2_bearer);
  g_test_add_func ("/oa2/interop/discovery", test_discovery);
  g_test_add_func ("/oa2/interop/revoke-and-introspect", test_revoke_and_introspect);
  g_test_add_data_func ("/oa2/interop/client-credentials/private-key-jwt/pkcs11-ES256", "ES256",
                        test_pkcs11_client_assertion);
  g_test_add_data_func ("/oa2/interop/client-credentials/private-key-jwt/pkcs11-RS256", "RS256",
                        test_pkcs11_client_assertion);
  for (AuthKind kind = AUTH_BASIC; kind <= AUTH_NONE; kind++)
    {
      g_autofree char *path = g_strdup_printf ("/oa2/interop/code-and-refresh/%s", auth_names[kind]);
      g_test_add_data_func (path, GINT_TO_POINTER (kind), test_code_and_refresh);
    }
  g_test_add_func ("/oa2/interop/code-replay-refused", test_code_replay_refused);
  g_test_add_data_func ("/oa2/interop/id-token/ES256", "ES256", test_id_token_alg);
  g_test_add_data_func ("/oa2/interop/id-token/EdDSA", "EdDSA", test_id_token_alg);
  g_test_add_data_func ("/oa2/interop/dpop/client-credentials/ES256", "oa2-dpop", test_dpop);
  g_test_add_data_func ("/oa2/interop/dpop/client-credentials/EdDSA", "oa2-dpop", test_dpop);
  g_test_add_data_func ("/oa2/interop/dpop/nonce/ES256", "oa2-dpop-nonce", test_dpop);
  g_test_add_data_func ("/oa2/interop/dpop/nonce/Ed25519", "oa2-dpop-nonce", test_dpop);
  g_test_add_func ("/oa2/interop/dpop/required", test_dpop_required);
  g_test_add_func ("/oa2/interop/dpop/code-and-refresh", test_dpop_code_and_refresh);
  g_test_add_func ("/oa2/interop/userinfo", test_userinfo);
  g_test_add_data_func ("/oa2/interop/mtls/tls-client-auth", GINT_TO_POINTER (FALSE), test_mtls);
  g_test_add_data_func ("/oa2/interop/mtls/self-signed-tls-client-auth", GINT_TO_POINTER (TRUE), test_mtls);
  g_test_add_func ("/oa2/interop/mtls/refused", test_mtls_refused);
  g_test_add_data_func ("/oa2/interop/mtls/api-client/tls-client-auth", GINT_TO_POINTER (FALSE),
                        test_mtls_api_client);
  g_test_add_data_func ("/oa2/interop/mtls/api-client/self-signed-tls-client-auth", GINT_TO_POINTER (TRUE),
                        test_mtls_api_client);
  g_test_add_func ("/oa2/interop/dpop/pkcs11-ES256", test_pkcs11_dpop);

  setup_token ();
  provider = oa2_provider_start ();
  status = g_test_run ();
  oa2_provider_stop (provider);
  stop_mtls_provider ();
  g_clear_pointer (&softhsm, oa2_test_token_free);
  return status;
}
