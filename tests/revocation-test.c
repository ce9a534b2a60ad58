/* revocation-test.c: token revocation (RFC 7009) against an in-process
 * server: the exact requests, and how each answer maps to a result
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-jose-test-utils.h"
#include "oa2-test-server.h"

#define ISSUER "https://issuer.example"

typedef struct {
  OA2TestServer *server;
  char          *revoke_uri;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = oa2_test_server_new ();
  f->revoke_uri = oa2_test_server_uri (f->server, "/revoke");
  oa2_test_server_respond (f->server, 200, "application/json", "{}");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_free (f->revoke_uri);
  oa2_test_server_free (f->server);
}

static OA2Client *
new_client (Fixture       *f,
            OA2ClientAuth *auth)
{
  return g_object_new (OA2_TYPE_CLIENT, "token-endpoint", "https://issuer.example/token",
                       "revocation-endpoint", f->revoke_uri, "client-auth", auth, "issuer", ISSUER, NULL);
}

static OA2BearerToken *
new_token (const char *refresh_token)
{
  g_autoptr(JsonObject) response = json_object_new ();
  OA2BearerToken *token;
  GError *error = NULL;

  json_object_set_string_member (response, "access_token", "at-1");
  json_object_set_string_member (response, "token_type", "Bearer");
  if (refresh_token != NULL)
    json_object_set_string_member (response, "refresh_token", refresh_token);
  token = oa2_bearer_token_new_from_response (response, &error);
  g_assert_no_error (error);
  return token;
}

static void
assert_last_request (Fixture    *f,
                     const char *body,
                     const char *authorization)
{
  g_autofree char *method = oa2_test_server_dup_last_method (f->server);
  g_autofree char *path = oa2_test_server_dup_last_path (f->server);
  g_autofree char *last_body = oa2_test_server_dup_last_body (f->server);
  g_autofree char *content_type = oa2_test_server_dup_last_header (f->server, "Content-Type");
  g_autofree char *last_authorization = oa2_test_server_dup_last_header (f->server, "Authorization");
  g_autofree char *dpop = oa2_test_server_dup_last_header (f->server, "DPoP");

  g_assert_cmpstr (method, ==, "POST");
  g_assert_cmpstr (path, ==, "/revoke");
  g_assert_cmpstr (content_type, ==, "application/x-www-form-urlencoded");
  g_assert_cmpstr (last_body, ==, body);
  g_assert_cmpstr (last_authorization, ==, authorization);
  g_assert_null (dpop);
}

static void
test_basic (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(OA2ClientSecretBasic) auth = oa2_client_secret_basic_new ("c1", "s3cret");
  g_autoptr(OA2Client) client = new_client (f, OA2_CLIENT_AUTH (auth));
  g_autoptr(OA2BearerToken) token = new_token ("rt-1");
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_true (oa2_client_revoke_token (client, "tok en&1", NULL, NULL, &error));
  g_assert_no_error (error);
  /* base64("c1:s3cret") */
  assert_last_request (f, "token=tok+en%261", "Basic YzE6czNjcmV0");

  g_assert_true (oa2_client_revoke_access_token (client, token, NULL, &error));
  g_assert_no_error (error);
  assert_last_request (f, "token=at-1&token_type_hint=access_token", "Basic YzE6czNjcmV0");

  g_assert_true (oa2_client_revoke_refresh_token (client, token, NULL, &error));
  g_assert_no_error (error);
  assert_last_request (f, "token=rt-1&token_type_hint=refresh_token", "Basic YzE6czNjcmV0");

  oa2_client_revoke_token_async (client, "t2", "urn:example:hint", NULL, oa2_test_store_result, &result);
  g_assert_true (oa2_client_revoke_token_finish (client, oa2_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  assert_last_request (f, "token=t2&token_type_hint=urn%3Aexample%3Ahint", "Basic YzE6czNjcmV0");

  oa2_client_revoke_access_token_async (client, token, NULL, oa2_test_store_result, &result);
  g_assert_true (oa2_client_revoke_access_token_finish (client, oa2_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  assert_last_request (f, "token=at-1&token_type_hint=access_token", "Basic YzE6czNjcmV0");

  oa2_client_revoke_refresh_token_async (client, token, NULL, oa2_test_store_result, &result);
  g_assert_true (oa2_client_revoke_refresh_token_finish (client, oa2_test_wait_result (&result), &error));
  g_assert_no_error (error);
  assert_last_request (f, "token=rt-1&token_type_hint=refresh_token", "Basic YzE6czNjcmV0");
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 6);
}

static void
test_post (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(OA2ClientSecretPost) auth = oa2_client_secret_post_new ("c1", "s3cret");
  g_autoptr(OA2Client) client = new_client (f, OA2_CLIENT_AUTH (auth));
  g_autoptr(GError) error = NULL;

  g_assert_true (oa2_client_revoke_token (client, "at-1", "access_token", NULL, &error));
  g_assert_no_error (error);
  assert_last_request (f, "token=at-1&token_type_hint=access_token&client_id=c1&client_secret=s3cret", NULL);
}

static void
test_private_key_jwt (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_generate ("ES256");
  g_autoptr(OA2PrivateKeyJwt) auth = oa2_private_key_jwt_new ("c1", key, "ES256", NULL);
  g_autoptr(OA2Client) client = new_client (f, OA2_CLIENT_AUTH (auth));
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(OA2Jwt) jwt = NULL;
  g_autofree char *body = NULL;

  g_assert_true (oa2_client_revoke_token (client, "at-1", NULL, NULL, &error));
  g_assert_no_error (error);
  body = oa2_test_server_dup_last_body (f->server);
  form = soup_form_decode (body);
  g_assert_cmpuint (g_hash_table_size (form), ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (form, "token"), ==, "at-1");
  g_assert_cmpstr (g_hash_table_lookup (form, "client_id"), ==, "c1");
  g_assert_cmpstr (g_hash_table_lookup (form, "client_assertion_type"), ==,
                   "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
  jwt = oa2_jwt_new_from_compact (g_hash_table_lookup (form, "client_assertion"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_jwt_get_string_claim (jwt, "iss"), ==, "c1");
  g_assert_cmpstr (oa2_jwt_get_string_claim (jwt, "sub"), ==, "c1");
}

/* RFC 7009 §2.2: the body of a success answer does not matter. */
static void
test_success_bodies (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(OA2Client) with_endpoint = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2PublicApp) auth = oa2_public_app_new ("c1");

  with_endpoint = new_client (f, OA2_CLIENT_AUTH (auth));
  oa2_test_server_respond (f->server, 200, "text/html", "<p>ok</p>");
  g_assert_true (oa2_client_revoke_token (with_endpoint, "at-1", NULL, NULL, &error));
  g_assert_no_error (error);
  assert_last_request (f, "token=at-1&client_id=c1", NULL);
  oa2_test_server_respond (f->server, 200, "application/json", "{\"error\":\"ignored\"}");
  g_assert_true (oa2_client_revoke_token (with_endpoint, "at-1", NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(OA2ClientSecretBasic) auth = oa2_client_secret_basic_new ("c1", "s3cret");
  g_autoptr(OA2Client) client = new_client (f, OA2_CLIENT_AUTH (auth));
  g_autoptr(OA2Client) no_endpoint = oa2_client_new ("https://issuer.example/token", OA2_CLIENT_AUTH (auth));
  g_autoptr(OA2BearerToken) no_refresh = new_token (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;

  oa2_test_server_respond (f->server, 400, "application/json",
                           "{\"error\":\"unsupported_token_type\",\"error_description\":\"no such type\"}");
  g_assert_false (oa2_client_revoke_token (client, "at-1", "weird", NULL, &error));
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_UNSUPPORTED_TOKEN_TYPE);
  g_assert_nonnull (strstr (error->message, "no such type"));
  g_clear_error (&error);

  oa2_test_server_respond (f->server, 401, "application/json", "{\"error\":\"invalid_client\"}");
  oa2_client_revoke_token_async (client, "at-1", NULL, NULL, oa2_test_store_result, &result);
  g_assert_false (oa2_client_revoke_token_finish (client, oa2_test_wait_result (&result), &error));
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_CLIENT);
  g_clear_error (&error);
  g_clear_object (&result);

  /* RFC 7009 §2.2.1: 503 asks the client to try later; without an error
   * body, it is an unexpected status like any other. */
  oa2_test_server_respond (f->server, 503, "text/plain", "busy");
  g_assert_false (oa2_client_revoke_token (client, "at-1", NULL, NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNEXPECTED_STATUS);
  g_clear_error (&error);
  oa2_test_server_respond (f->server, 404, "application/json", "{\"detail\":\"nope\"}");
  g_assert_false (oa2_client_revoke_token (client, "at-1", NULL, NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNEXPECTED_STATUS);
  g_clear_error (&error);
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 4);

  /* Bad input fails before any request. */
  g_assert_false (oa2_client_revoke_token (no_endpoint, "at-1", NULL, NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (oa2_client_revoke_token (client, "", NULL, NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (oa2_client_revoke_token (client, "at-1", "", NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (oa2_client_revoke_refresh_token (client, no_refresh, NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_NO_REFRESH_TOKEN);
  g_clear_error (&error);
  oa2_client_revoke_refresh_token_async (client, no_refresh, NULL, oa2_test_store_result, &result);
  g_assert_false (oa2_client_revoke_refresh_token_finish (client, oa2_test_wait_result (&result), &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_NO_REFRESH_TOKEN);
  g_clear_error (&error);
  g_clear_object (&result);
  oa2_client_revoke_access_token_async (no_endpoint, no_refresh, NULL, oa2_test_store_result, &result);
  g_assert_false (oa2_client_revoke_access_token_finish (no_endpoint, oa2_test_wait_result (&result), &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 4);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(OA2ClientSecretBasic) auth = oa2_client_secret_basic_new ("c1", "s3cret");
  g_autoptr(OA2Client) client = new_client (f, OA2_CLIENT_AUTH (auth));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;

  g_cancellable_cancel (cancellable);
  oa2_client_revoke_token_async (client, "at-1", NULL, cancellable, oa2_test_store_result, &result);
  g_assert_false (oa2_client_revoke_token_finish (client, oa2_test_wait_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
}

int
main (int   argc,
      char *argv[])
{
  oa2_test_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/oa2/revocation/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("basic", test_basic);
  ADD ("post", test_post);
  ADD ("private-key-jwt", test_private_key_jwt);
  ADD ("success-bodies", test_success_bodies);
  ADD ("errors", test_errors);
  ADD ("cancelled", test_cancelled);
#undef ADD

  return g_test_run ();
}
