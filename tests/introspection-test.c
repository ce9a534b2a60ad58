/* introspection-test.c: token introspection (RFC 7662) and its JWT
 * responses (RFC 9701) against an in-process server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-jose-test-utils.h"
#include "oa2-test-server.h"

#define ISSUER "https://issuer.example"
#define JWT_TYPE "application/token-introspection+jwt"

#define FULL_RESPONSE \
  "{\"active\":true,\"scope\":\"read write\",\"client_id\":\"c1\",\"username\":\"jdoe\"," \
  "\"token_type\":\"DPoP\",\"exp\":1900000000,\"iat\":1800000000,\"nbf\":1800000001," \
  "\"sub\":\"u-1\",\"aud\":[\"https://rs.example\",\"other\"],\"iss\":\"" ISSUER "\"," \
  "\"jti\":\"j-1\",\"cnf\":{\"jkt\":\"abc\"},\"x_ext\":{\"level\":3}}"

typedef struct {
  OA2TestServer *server;
  char          *uri;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = oa2_test_server_new ();
  f->uri = oa2_test_server_uri (f->server, "/introspect");
  oa2_test_server_respond (f->server, 200, "application/json", FULL_RESPONSE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_free (f->uri);
  oa2_test_server_free (f->server);
}

static OA2Client *
new_client (Fixture       *f,
            OA2ClientAuth *auth)
{
  return g_object_new (OA2_TYPE_CLIENT, "token-endpoint", "https://issuer.example/token",
                       "introspection-endpoint", f->uri, "client-auth", auth, "issuer", ISSUER, NULL);
}

static void
assert_last_request (Fixture    *f,
                     const char *body,
                     const char *authorization,
                     const char *accept)
{
  g_autofree char *method = oa2_test_server_dup_last_method (f->server);
  g_autofree char *path = oa2_test_server_dup_last_path (f->server);
  g_autofree char *last_body = oa2_test_server_dup_last_body (f->server);
  g_autofree char *content_type = oa2_test_server_dup_last_header (f->server, "Content-Type");
  g_autofree char *last_authorization = oa2_test_server_dup_last_header (f->server, "Authorization");
  g_autofree char *last_accept = oa2_test_server_dup_last_header (f->server, "Accept");

  g_assert_cmpstr (method, ==, "POST");
  g_assert_cmpstr (path, ==, "/introspect");
  g_assert_cmpstr (content_type, ==, "application/x-www-form-urlencoded");
  g_assert_cmpstr (last_body, ==, body);
  g_assert_cmpstr (last_authorization, ==, authorization);
  g_assert_cmpstr (last_accept, ==, accept);
}

static void
check_full (OA2IntrospectionResponse *r)
{
  const char * const *aud;
  JsonObject *cnf;
  JsonNode *ext;

  g_assert_true (oa2_introspection_response_get_active (r));
  g_assert_cmpstr (oa2_introspection_response_get_scope (r), ==, "read write");
  g_assert_cmpstr (oa2_introspection_response_get_client_id (r), ==, "c1");
  g_assert_cmpstr (oa2_introspection_response_get_username (r), ==, "jdoe");
  g_assert_cmpstr (oa2_introspection_response_get_token_type (r), ==, "DPoP");
  g_assert_cmpint (oa2_introspection_response_get_exp (r), ==, 1900000000);
  g_assert_cmpint (oa2_introspection_response_get_iat (r), ==, 1800000000);
  g_assert_cmpint (oa2_introspection_response_get_nbf (r), ==, 1800000001);
  g_assert_cmpstr (oa2_introspection_response_get_sub (r), ==, "u-1");
  g_assert_cmpstr (oa2_introspection_response_get_iss (r), ==, ISSUER);
  g_assert_cmpstr (oa2_introspection_response_get_jti (r), ==, "j-1");
  aud = oa2_introspection_response_get_aud (r);
  g_assert_nonnull (aud);
  g_assert_cmpstr (aud[0], ==, "https://rs.example");
  g_assert_cmpstr (aud[1], ==, "other");
  g_assert_null (aud[2]);
  cnf = oa2_introspection_response_get_cnf (r);
  g_assert_nonnull (cnf);
  g_assert_cmpstr (json_object_get_string_member (cnf, "jkt"), ==, "abc");
  ext = oa2_introspection_response_get_member (r, "x_ext");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (ext));
  g_assert_null (oa2_introspection_response_get_member (r, "absent"));
  g_assert_true (json_object_has_member (oa2_introspection_response_get_json (r), "x_ext"));
}

static void
test_basic (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(OA2ClientSecretBasic) auth = oa2_client_secret_basic_new ("c1", "s3cret");
  g_autoptr(OA2Client) client = new_client (f, OA2_CLIENT_AUTH (auth));
  g_autoptr(OA2IntrospectionResponse) r = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  r = oa2_client_introspect_token (client, "at-1", "access_token", OA2_INTROSPECTION_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  check_full (r);
  assert_last_request (f, "token=at-1&token_type_hint=access_token", "Basic YzE6czNjcmV0", "application/json");
  g_clear_object (&r);

  oa2_test_server_respond (f->server, 200, "application/json", "{\"active\":false}");
  oa2_client_introspect_token_async (client, "at 2", NULL, OA2_INTROSPECTION_FLAGS_NONE, NULL,
                                     oa2_test_store_result, &result);
  r = oa2_client_introspect_token_finish (client, oa2_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_false (oa2_introspection_response_get_active (r));
  g_assert_null (oa2_introspection_response_get_scope (r));
  g_assert_null (oa2_introspection_response_get_aud (r));
  g_assert_null (oa2_introspection_response_get_cnf (r));
  g_assert_cmpint (oa2_introspection_response_get_exp (r), ==, 0);
  assert_last_request (f, "token=at+2", "Basic YzE6czNjcmV0", "application/json");
}

static void
test_post_and_jwt_auth (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(OA2ClientSecretPost) post = oa2_client_secret_post_new ("c1", "s3cret");
  g_autoptr(OA2Client) client = new_client (f, OA2_CLIENT_AUTH (post));
  g_autoptr(OA2Jwk) key = oa2_test_jwk_generate ("ES256");
  g_autoptr(OA2PrivateKeyJwt) pkj = oa2_private_key_jwt_new ("c1", key, "ES256", NULL);
  g_autoptr(OA2Client) jwt_client = new_client (f, OA2_CLIENT_AUTH (pkj));
  g_autoptr(OA2IntrospectionResponse) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(OA2Jwt) assertion = NULL;
  g_autofree char *body = NULL;

  r = oa2_client_introspect_token (client, "rt-1", "refresh_token", OA2_INTROSPECTION_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  assert_last_request (f, "token=rt-1&token_type_hint=refresh_token&client_id=c1&client_secret=s3cret", NULL,
                       "application/json");
  g_clear_object (&r);

  r = oa2_client_introspect_token (jwt_client, "at-1", NULL, OA2_INTROSPECTION_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  body = oa2_test_server_dup_last_body (f->server);
  form = soup_form_decode (body);
  g_assert_cmpuint (g_hash_table_size (form), ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (form, "token"), ==, "at-1");
  g_assert_cmpstr (g_hash_table_lookup (form, "client_assertion_type"), ==,
                   "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
  assertion = oa2_jwt_new_from_compact (g_hash_table_lookup (form, "client_assertion"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_jwt_get_string_claim (assertion, "sub"), ==, "c1");
}

static void
test_bad_responses (Fixture       *f,
                    gconstpointer  data)
{
  static const struct {
    guint       status;
    const char *type;
    const char *body;
    GQuark      domain;
    int         code;
  } cases[] = {
    { 200, "application/json", "{\"scope\":\"x\"}", 0, OA2_ERROR_MISSING_MEMBER },
    { 200, "application/json", "{\"active\":\"true\"}", 0, OA2_ERROR_INVALID_MEMBER },
    { 200, "application/json", "{\"active\":true,\"exp\":\"soon\"}", 0, OA2_ERROR_INVALID_MEMBER },
    { 200, "application/json", "{\"active\":true,\"aud\":[1]}", 0, OA2_ERROR_INVALID_MEMBER },
    { 200, "application/json", "{\"active\":true,\"aud\":3}", 0, OA2_ERROR_INVALID_MEMBER },
    { 200, "application/json", "{\"active\":true,\"cnf\":\"x\"}", 0, OA2_ERROR_INVALID_MEMBER },
    { 200, "application/json", "{\"active\":true,\"sub\":7}", 0, OA2_ERROR_INVALID_MEMBER },
    { 200, "text/html", "<p>hi</p>", 0, OA2_ERROR_UNEXPECTED_CONTENT_TYPE },
    { 500, "text/plain", "oops", 0, OA2_ERROR_UNEXPECTED_STATUS },
    { 401, "application/json", "{\"error\":\"invalid_client\"}", 1, OA2_OAUTH_ERROR_INVALID_CLIENT },
  };
  g_autoptr(OA2ClientSecretBasic) auth = oa2_client_secret_basic_new ("c1", "s3cret");
  g_autoptr(OA2Client) client = new_client (f, OA2_CLIENT_AUTH (auth));
  g_autoptr(OA2Client) no_endpoint = oa2_client_new ("https://issuer.example/token", OA2_CLIENT_AUTH (auth));
  g_autoptr(OA2IntrospectionResponse) r = NULL;
  GError *error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GQuark domain = cases[i].domain ? OA2_OAUTH_ERROR : OA2_ERROR;

      oa2_test_server_respond (f->server, cases[i].status, cases[i].type, cases[i].body);
      r = oa2_client_introspect_token (client, "at-1", NULL, OA2_INTROSPECTION_FLAGS_NONE, NULL, &error);
      g_assert_null (r);
      g_assert_error (error, domain, cases[i].code);
      g_clear_error (&error);
    }

  r = oa2_client_introspect_token (no_endpoint, "at-1", NULL, OA2_INTROSPECTION_FLAGS_NONE, NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  r = oa2_client_introspect_token (client, "", NULL, OA2_INTROSPECTION_FLAGS_NONE, NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  r = oa2_client_introspect_token (client, "at-1", "", OA2_INTROSPECTION_FLAGS_NONE, NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  /* A JWT answer needs the server's keys (the client has no jwks_uri). */
  r = oa2_client_introspect_token (client, "at-1", NULL, OA2_INTROSPECTION_FLAGS_JWT_RESPONSE, NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, G_N_ELEMENTS (cases));
}

/* RFC 9701 §5: a signed response with the introspection as a claim. */
static char *
sign_response (OA2Jwk     *key,
               const char *typ,
               const char *iss,
               const char *aud,
               const char *introspection)
{
  g_autoptr(JsonObject) claims = json_object_new ();
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *node;
  char *compact;

  json_object_set_string_member (claims, "iss", iss);
  json_object_set_string_member (claims, "aud", aud);
  json_object_set_int_member (claims, "iat", g_get_real_time () / G_USEC_PER_SEC);
  if (introspection != NULL)
    {
      node = json_from_string (introspection, &error);
      g_assert_no_error (error);
      json_object_set_member (claims, "token_introspection", node);
    }
  json_object_set_string_member (header, "typ", typ);
  compact = oa2_jwt_sign_claims (claims, key, "ES256", header, &error);
  g_assert_no_error (error);
  return compact;
}

static void
test_jwt_response (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(OA2ClientSecretBasic) auth = oa2_client_secret_basic_new ("c1", "s3cret");
  g_autoptr(OA2Client) client = new_client (f, OA2_CLIENT_AUTH (auth));
  g_autoptr(OA2Jwk) key = oa2_test_jwk_generate ("ES256");
  g_autoptr(OA2Jwk) other = oa2_test_jwk_generate ("ES256");
  g_autoptr(OA2Jwk) public_key = oa2_jwk_dup_public (key);
  g_autoptr(OA2Jwks) jwks = oa2_jwks_new (&public_key, 1);
  g_autoptr(OA2IntrospectionResponse) r = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *good = sign_response (key, "token-introspection+jwt", ISSUER, "c1", FULL_RESPONSE);
  struct {
    char       *compact;
    const char *type;
    int         code;
  } bad[] = {
    { oa2_test_jws_flip_bit (good, 2, 5, 0), JWT_TYPE, OA2_ERROR_INVALID_SIGNATURE },
    /* Another key (of another kid): not among the server's. */
    { sign_response (other, "token-introspection+jwt", ISSUER, "c1", FULL_RESPONSE), JWT_TYPE,
      OA2_ERROR_NO_MATCHING_KEY },
    { sign_response (key, "at+jwt", ISSUER, "c1", FULL_RESPONSE), JWT_TYPE, OA2_ERROR_INVALID_CLAIM },
    { sign_response (key, "token-introspection+jwt", "https://evil.example", "c1", FULL_RESPONSE), JWT_TYPE,
      OA2_ERROR_INVALID_CLAIM },
    { sign_response (key, "token-introspection+jwt", ISSUER, "c2", FULL_RESPONSE), JWT_TYPE,
      OA2_ERROR_INVALID_CLAIM },
    { sign_response (key, "token-introspection+jwt", ISSUER, "c1", NULL), JWT_TYPE, OA2_ERROR_MISSING_MEMBER },
    { sign_response (key, "token-introspection+jwt", ISSUER, "c1", "{\"scope\":\"x\"}"), JWT_TYPE,
      OA2_ERROR_MISSING_MEMBER },
    { g_strdup (FULL_RESPONSE), "application/json", OA2_ERROR_UNEXPECTED_CONTENT_TYPE },
    { g_strdup ("not.a.jwt"), JWT_TYPE, OA2_ERROR_MALFORMED_TOKEN },
  };

  oa2_client_set_server_jwks (client, jwks);
  oa2_test_server_respond (f->server, 200, JWT_TYPE, good);
  r = oa2_client_introspect_token (client, "at-1", "access_token", OA2_INTROSPECTION_FLAGS_JWT_RESPONSE, NULL,
                                   &error);
  g_assert_no_error (error);
  check_full (r);
  assert_last_request (f, "token=at-1&token_type_hint=access_token", "Basic YzE6czNjcmV0", JWT_TYPE);
  g_clear_object (&r);

  oa2_client_introspect_token_async (client, "at-1", NULL, OA2_INTROSPECTION_FLAGS_JWT_RESPONSE, NULL,
                                     oa2_test_store_result, &result);
  r = oa2_client_introspect_token_finish (client, oa2_test_wait_result (&result), &error);
  g_assert_no_error (error);
  check_full (r);
  g_clear_object (&r);
  g_clear_object (&result);

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      GError *local_error = NULL;

      oa2_test_server_respond (f->server, 200, bad[i].type, bad[i].compact);
      r = oa2_client_introspect_token (client, "at-1", NULL, OA2_INTROSPECTION_FLAGS_JWT_RESPONSE, NULL,
                                       &local_error);
      g_assert_null (r);
      g_assert_error (local_error, OA2_ERROR, bad[i].code);
      g_clear_error (&local_error);

      oa2_client_introspect_token_async (client, "at-1", NULL, OA2_INTROSPECTION_FLAGS_JWT_RESPONSE, NULL,
                                         oa2_test_store_result, &result);
      r = oa2_client_introspect_token_finish (client, oa2_test_wait_result (&result), &local_error);
      g_assert_null (r);
      g_assert_error (local_error, OA2_ERROR, bad[i].code);
      g_clear_error (&local_error);
      g_clear_object (&result);
      g_free (bad[i].compact);
    }

  /* Errors still come as JSON. */
  oa2_test_server_respond (f->server, 400, "application/json", "{\"error\":\"invalid_request\"}");
  r = oa2_client_introspect_token (client, "at-1", NULL, OA2_INTROSPECTION_FLAGS_JWT_RESPONSE, NULL, &error);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_REQUEST);
}

/* The keys from the client's jwks_uri, through the shared cache. */
static void
test_jwt_response_jwks_uri (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(OA2TestServer) keys_server = oa2_test_server_new ();
  g_autofree char *jwks_uri = oa2_test_server_uri (keys_server, "/jwks");
  g_autoptr(OA2ClientSecretBasic) auth = oa2_client_secret_basic_new ("c1", "s3cret");
  g_autoptr(OA2Jwk) key = oa2_test_jwk_generate ("ES256");
  g_autoptr(OA2Jwk) public_key = oa2_jwk_dup_public (key);
  g_autoptr(OA2Jwks) jwks = oa2_jwks_new (&public_key, 1);
  g_autofree char *jwks_json = oa2_jwks_to_json (jwks, FALSE);
  g_autofree char *good = sign_response (key, "token-introspection+jwt", ISSUER, "c1", FULL_RESPONSE);
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2IntrospectionResponse) r = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", "https://issuer.example/token",
                         "introspection-endpoint", f->uri, "client-auth", auth, "issuer", ISSUER,
                         "jwks-uri", jwks_uri, NULL);
  oa2_test_server_respond (keys_server, 200, "application/json", jwks_json);
  oa2_test_server_respond (f->server, 200, JWT_TYPE, good);

  oa2_client_introspect_token_async (client, "at-1", NULL, OA2_INTROSPECTION_FLAGS_JWT_RESPONSE, NULL,
                                     oa2_test_store_result, &result);
  r = oa2_client_introspect_token_finish (client, oa2_test_wait_result (&result), &error);
  g_assert_no_error (error);
  check_full (r);
  g_clear_object (&r);
  r = oa2_client_introspect_token (client, "at-1", NULL, OA2_INTROSPECTION_FLAGS_JWT_RESPONSE, NULL, &error);
  g_assert_no_error (error);
  check_full (r);
  /* Cached: one fetch for both. */
  g_assert_cmpuint (oa2_test_server_get_hits (keys_server), ==, 1);
}

static void
test_from_json (void)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(OA2IntrospectionResponse) r = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string ("{\"active\":true,\"aud\":\"https://rs.example\"}", &error);
  const char * const *aud;

  g_assert_no_error (error);
  object = json_node_dup_object (node);
  json_node_unref (node);
  r = oa2_introspection_response_new_from_json (object, &error);
  g_assert_no_error (error);
  aud = oa2_introspection_response_get_aud (r);
  g_assert_cmpstr (aud[0], ==, "https://rs.example");
  g_assert_null (aud[1]);
}

int
main (int   argc,
      char *argv[])
{
  oa2_test_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/oa2/introspection/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("basic", test_basic);
  ADD ("post-and-jwt-auth", test_post_and_jwt_auth);
  ADD ("bad-responses", test_bad_responses);
  ADD ("jwt-response", test_jwt_response);
  ADD ("jwt-response-jwks-uri", test_jwt_response_jwks_uri);
#undef ADD
  g_test_add_func ("/oa2/introspection/from-json", test_from_json);

  return g_test_run ();
}
