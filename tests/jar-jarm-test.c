/* jar-jarm-test.c: request objects (JAR, RFC 9101), signed and encrypted,
 * in the URI and pushed; signed and encrypted authorization responses
 * (JARM) with every refusal, against an in-process server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-test-server.h"
#include "oa2-jose-test-utils.h"

#include <string.h>

#include "oa2-client-assertion-private.h"

#define ENDPOINT "https://as.example/authorize"
#define REDIRECT "http://127.0.0.1:8400/cb"
#define ISSUER "https://as.example"
#define CLIENT_ID "c1"
#define NOW 1700000000

/* Keys made once: RSA generation is slow. */
static OA2Jwk *client_key;      /* ES256, signs request objects */
static OA2Jwk *server_key;      /* ES256, signs JARM responses */
static OA2Jwk *other_key;       /* ES256, a key the server does not have */
static OA2Jwk *server_enc_key;  /* RSA-OAEP-256, the server's encryption key */
static OA2Jwk *client_enc_key;  /* ECDH-ES, the client's decryption key */

static char *
fixed_jti (void)
{
  return g_strdup ("jti-1");
}

static OA2AuthorizationRequest *
new_request (void)
{
  g_autoptr(GError) error = NULL;
  OA2AuthorizationRequest *request = oa2_authorization_request_new (ENDPOINT, CLIENT_ID, REDIRECT, "openid email",
                                                                    &error);

  g_assert_no_error (error);
  oa2_authorization_request_set_issuer (request, ISSUER);
  g_assert_true (oa2_authorization_request_set_state (request, "st-1", &error));
  oa2_authorization_request_set_nonce (request, "n-1");
  return request;
}

/* The query parameters of @uri. */
static GHashTable *
query_of (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);

  g_assert_nonnull (parsed);
  return g_uri_parse_params (g_uri_get_query (parsed), -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
}

static OA2Jwt *
verified (const char *compact,
          OA2Jwk     *key,
          const char *alg)
{
  const char *algs[] = { alg, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) public_key = oa2_jwk_dup_public (key);
  OA2Jwt *jwt = oa2_jwt_new_from_compact (compact, &error);

  g_assert_no_error (error);
  g_assert_true (oa2_jwt_verify (jwt, public_key, algs, &error));
  g_assert_no_error (error);
  return jwt;
}

/* The claims, exactly: every parameter with its JSON type, then the JWT's. */
static void
test_request_object_claims (void)
{
  g_autoptr(OA2AuthorizationRequest) request = new_request ();
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(OA2Jwt) jwt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *challenge = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *claims = NULL;

  oa2_test_freeze_clock (NOW);
  _oa2_client_assertion_set_jti_func_for_testing (fixed_jti);
  oa2_authorization_request_set_max_age (request, 600);
  g_assert_true (oa2_authorization_request_set_claims (request, "{\"id_token\":{\"acr\":null}}", &error));
  oa2_authorization_request_add_resource (request, "https://api.example/a");
  oa2_authorization_request_add_resource (request, "https://api.example/b");
  g_assert_true (oa2_authorization_request_set_parameter (request, "ext", "x y", &error));
  g_assert_true (oa2_authorization_request_set_request_object_key (request, client_key, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_authorization_request_get_request_object_alg (request), ==, "ES256");

  uri = oa2_authorization_request_dup_uri (request, &error);
  g_assert_no_error (error);
  /* RFC 9101 §5 plus OIDC Core §6.1: client_id, request, response_type, scope. */
  query = query_of (uri);
  g_assert_cmpuint (g_hash_table_size (query), ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (query, "client_id"), ==, CLIENT_ID);
  g_assert_cmpstr (g_hash_table_lookup (query, "response_type"), ==, "code");
  g_assert_cmpstr (g_hash_table_lookup (query, "scope"), ==, "openid email");

  jwt = verified (g_hash_table_lookup (query, "request"), client_key, "ES256");
  g_assert_cmpstr (oa2_jwt_get_typ (jwt), ==, "oauth-authz-req+jwt");
  g_assert_cmpstr (oa2_jwt_get_kid (jwt), ==, oa2_jwk_get_kid (client_key));
  challenge = oa2_authorization_request_dup_code_challenge (request);
  expected = g_strdup_printf ("{\"response_type\":\"code\",\"client_id\":\"c1\",\"redirect_uri\":\"" REDIRECT "\","
                              "\"scope\":\"openid email\",\"state\":\"st-1\",\"nonce\":\"n-1\","
                              "\"code_challenge\":\"%s\",\"code_challenge_method\":\"S256\",\"max_age\":600,"
                              "\"claims\":{\"id_token\":{\"acr\":null}},"
                              "\"resource\":[\"https://api.example/a\",\"https://api.example/b\"],\"ext\":\"x y\","
                              "\"iss\":\"c1\",\"aud\":\"" ISSUER "\",\"iat\":%d,\"nbf\":%d,\"exp\":%d,"
                              "\"jti\":\"jti-1\"}", challenge, NOW, NOW, NOW + 300);
  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), oa2_jwt_get_claims (jwt));

    claims = json_to_string (node, FALSE);
  }
  g_assert_cmpstr (claims, ==, expected);

  _oa2_client_assertion_set_jti_func_for_testing (NULL);
  oa2_test_thaw_clock ();
}

/* A fresh jti for every URI, from the CSPRNG. */
static void
test_request_object_fresh (void)
{
  g_autoptr(OA2AuthorizationRequest) request = new_request ();
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(GHashTable) qa = NULL;
  g_autoptr(GHashTable) qb = NULL;
  g_autoptr(OA2Jwt) ja = NULL;
  g_autoptr(OA2Jwt) jb = NULL;

  g_assert_true (oa2_authorization_request_set_request_object_key (request, client_key, "ES256", &error));
  a = oa2_authorization_request_dup_uri (request, &error);
  b = oa2_authorization_request_dup_uri (request, &error);
  g_assert_no_error (error);
  qa = query_of (a);
  qb = query_of (b);
  ja = verified (g_hash_table_lookup (qa, "request"), client_key, "ES256");
  jb = verified (g_hash_table_lookup (qb, "request"), client_key, "ES256");
  g_assert_cmpuint (strlen (oa2_jwt_get_string_claim (ja, "jti")), >=, 22);
  g_assert_cmpstr (oa2_jwt_get_string_claim (ja, "jti"), !=, oa2_jwt_get_string_claim (jb, "jti"));
}

/* Encrypted to the server: a nested JWT whose plaintext verifies. */
static void
test_request_object_encrypted (void)
{
  g_autoptr(OA2AuthorizationRequest) request = new_request ();
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(OA2Jwt) jwt = NULL;
  g_autoptr(GBytes) plaintext = NULL;
  g_autoptr(JsonObject) header = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *inner = NULL;
  const char *algs[] = { "RSA-OAEP-256", NULL };
  const char *encs[] = { "A256GCM", NULL };
  gsize len;
  const char *data;

  g_assert_true (oa2_authorization_request_set_request_object_key (request, client_key, NULL, &error));
  g_assert_true (oa2_authorization_request_set_request_object_encryption (request, server_enc_key, NULL, "A256GCM",
                                                                          &error));
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_authorization_request_get_request_object_encryption_alg (request), ==, "RSA-OAEP-256");
  uri = oa2_authorization_request_dup_uri (request, &error);
  g_assert_no_error (error);
  /* Nothing of the request is readable in the URI but what OIDC asks. */
  g_assert_null (strstr (uri, "st-1"));
  g_assert_null (strstr (uri, "redirect_uri"));
  query = query_of (uri);
  plaintext = oa2_jwe_decrypt (g_hash_table_lookup (query, "request"), server_enc_key, algs, encs, &header, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (header, "cty"), ==, "JWT");
  data = g_bytes_get_data (plaintext, &len);
  inner = g_strndup (data, len);
  jwt = verified (inner, client_key, "ES256");
  g_assert_cmpstr (oa2_jwt_get_string_claim (jwt, "state"), ==, "st-1");
  g_assert_cmpstr (oa2_jwt_get_string_claim (jwt, "aud"), ==, ISSUER);
}

/* By reference (RFC 9101 §5.2): the application serves the object, the
 * URI names it. */
static void
test_request_uri (void)
{
  g_autoptr(OA2AuthorizationRequest) request = new_request ();
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(OA2Jwt) jwt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *object = NULL;
  g_autofree char *uri = NULL;

  object = oa2_authorization_request_dup_request_object (request, &error);
  g_assert_null (object);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (oa2_authorization_request_set_request_object_key (request, client_key, NULL, &error));
  object = oa2_authorization_request_dup_request_object (request, &error);
  g_assert_no_error (error);
  jwt = verified (object, client_key, "ES256");
  g_assert_cmpstr (oa2_jwt_get_string_claim (jwt, "state"), ==, "st-1");

  oa2_authorization_request_set_request_uri (request, "https://client.example/ro/1");
  g_assert_cmpstr (oa2_authorization_request_get_request_uri (request), ==, "https://client.example/ro/1");
  g_assert_null (oa2_authorization_request_get_request_uri_expires_at (request));
  uri = oa2_authorization_request_dup_uri (request, &error);
  g_assert_cmpstr (uri, ==, ENDPOINT "?client_id=c1&request_uri=https%3A%2F%2Fclient.example%2Fro%2F1");
  response = oa2_authorization_request_validate_callback (request, REDIRECT "?code=c&state=st-1", &error);
  g_assert_no_error (error);
  oa2_authorization_request_set_request_uri (request, NULL);
  g_assert_null (oa2_authorization_request_get_request_uri (request));
}

static void
test_request_object_errors (void)
{
  g_autoptr(OA2AuthorizationRequest) request = new_request ();
  g_autoptr(OA2Jwk) public_key = oa2_jwk_dup_public (client_key);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  /* A public key cannot sign. */
  g_assert_false (oa2_authorization_request_set_request_object_key (request, public_key, NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  /* An algorithm the key is not for. */
  g_assert_false (oa2_authorization_request_set_request_object_key (request, client_key, "RS256", &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  g_clear_error (&error);
  g_assert_null (oa2_authorization_request_get_request_object_alg (request));
  /* An encryption algorithm the key does not take. */
  g_assert_false (oa2_authorization_request_set_request_object_encryption (request, server_enc_key, "ECDH-ES", NULL,
                                                                           &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == OA2_ERROR);
  g_clear_error (&error);
  g_assert_false (oa2_authorization_request_set_request_object_encryption (request, server_enc_key, NULL, "A1GCM",
                                                                           &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  g_clear_error (&error);

  /* No issuer, no audience. */
  g_assert_true (oa2_authorization_request_set_request_object_key (request, client_key, NULL, &error));
  oa2_authorization_request_set_issuer (request, NULL);
  uri = oa2_authorization_request_dup_uri (request, &error);
  g_assert_null (uri);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* NULL goes back to plain parameters. */
  g_assert_true (oa2_authorization_request_set_request_object_key (request, NULL, NULL, &error));
  uri = oa2_authorization_request_dup_uri (request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (uri, "state=st-1"));
}

/* The private key is never saved; a restored request validates its
 * response but needs the key again for a URI. */
static void
test_request_object_json (void)
{
  g_autoptr(OA2AuthorizationRequest) request = new_request ();
  g_autoptr(OA2AuthorizationRequest) restored = NULL;
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *d = g_strdup_printf ("\"d\"");

  g_assert_true (oa2_authorization_request_set_request_object_key (request, client_key, NULL, &error));
  g_assert_true (oa2_authorization_request_set_request_object_encryption (request, server_enc_key, NULL, NULL,
                                                                          &error));
  json = oa2_authorization_request_to_json (request);
  g_assert_null (strstr (json, d));
  g_assert_nonnull (strstr (json, "\"request_object\""));

  restored = oa2_authorization_request_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_authorization_request_get_request_object_alg (restored), ==, "ES256");
  g_assert_cmpstr (oa2_authorization_request_get_request_object_encryption_alg (restored), ==, "RSA-OAEP-256");
  uri = oa2_authorization_request_dup_uri (restored, &error);
  g_assert_null (uri);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  response = oa2_authorization_request_validate_callback (restored, REDIRECT "?code=c&state=st-1", &error);
  g_assert_no_error (error);

  g_assert_true (oa2_authorization_request_set_request_object_key (restored, client_key, NULL, &error));
  uri = oa2_authorization_request_dup_uri (restored, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (uri, "request=ey"));

  /* A symmetric key leaves no thumbprint behind: it would be a hash of
   * the secret. */
  {
    g_autoptr(OA2Jwk) hmac_key = oa2_jwk_generate ("HS256", NULL);
    g_autofree char *hmac_json = NULL;

    g_assert_true (oa2_authorization_request_set_request_object_key (request, hmac_key, NULL, &error));
    hmac_json = oa2_authorization_request_to_json (request);
    g_assert_null (strstr (hmac_json, "key_thumbprint"));
    g_assert_null (strstr (hmac_json, oa2_jwk_get_kid (hmac_key)));
  }
}

/* ---------------------------------------------------------------------- */
/* With a client and a server: PAR, key selection, JARM. */

typedef struct {
  OA2TestServer *server;
  OA2Client     *client;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *par = NULL;
  g_autofree char *jwks = NULL;
  g_autoptr(OA2ClientAuth) auth = OA2_CLIENT_AUTH (oa2_client_secret_post_new (CLIENT_ID, "s3cret"));

  f->server = oa2_test_server_new ();
  par = oa2_test_server_uri (f->server, "/par");
  jwks = oa2_test_server_uri (f->server, "/jwks");
  f->client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", par, "client-auth", auth,
                            "authorization-endpoint", ENDPOINT, "pushed-authorization-request-endpoint", par,
                            "issuer", ISSUER, "jwks-uri", jwks, "authorization-signed-response-alg", "ES256",
                            NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_pointer (&f->server, oa2_test_server_free);
  oa2_test_thaw_clock ();
}

static OA2AuthorizationRequest *
client_request (Fixture    *f,
                const char *mode)
{
  g_autoptr(GError) error = NULL;
  OA2AuthorizationRequest *request = oa2_client_new_authorization_request (f->client, REDIRECT, "openid", &error);

  g_assert_no_error (error);
  g_assert_true (oa2_authorization_request_set_state (request, "st-1", &error));
  oa2_authorization_request_set_response_mode (request, mode);
  return request;
}

/* Pushed: the body carries the object and the client authentication. */
static void
test_par (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(OA2AuthorizationRequest) request = client_request (f, NULL);
  g_autoptr(GHashTable) body = NULL;
  g_autoptr(OA2Jwt) jwt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *uri = NULL;

  g_assert_true (oa2_authorization_request_set_request_object_key (request, client_key, NULL, &error));
  oa2_test_server_respond (f->server, 201, "application/json",
                           "{\"request_uri\":\"urn:ietf:params:oauth:request_uri:r1\",\"expires_in\":60}");
  g_assert_true (oa2_client_pushed_authorization_request (f->client, request, NULL, NULL, &error));
  g_assert_no_error (error);
  text = oa2_test_server_dup_last_body (f->server);
  body = g_uri_parse_params (text, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
  g_assert_cmpuint (g_hash_table_size (body), ==, 3);
  g_assert_cmpstr (g_hash_table_lookup (body, "client_id"), ==, CLIENT_ID);
  g_assert_cmpstr (g_hash_table_lookup (body, "client_secret"), ==, "s3cret");
  jwt = verified (g_hash_table_lookup (body, "request"), client_key, "ES256");
  g_assert_cmpstr (oa2_jwt_get_string_claim (jwt, "state"), ==, "st-1");
  uri = oa2_authorization_request_dup_uri (request, &error);
  g_assert_cmpstr (uri, ==, ENDPOINT "?client_id=c1&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Ar1");
}

static char *
jwks_json (OA2Jwk *first, ...)
{
  g_autoptr(GString) out = g_string_new ("{\"keys\":[");
  va_list args;
  OA2Jwk *key = first;

  va_start (args, first);
  while (key != NULL)
    {
      g_autofree char *json = oa2_jwk_to_json (key, FALSE);

      if (key != first)
        g_string_append_c (out, ',');
      g_string_append (out, json);
      key = va_arg (args, OA2Jwk *);
    }
  va_end (args);
  g_string_append (out, "]}");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The server's encryption key from its set: the signing key is skipped. */
static void
test_encrypt_from_jwks (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(OA2AuthorizationRequest) request = client_request (f, NULL);
  g_autoptr(OA2AuthorizationRequest) unsigned_request = client_request (f, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *jwks = jwks_json (server_key, server_enc_key, NULL);
  g_autofree char *sig_only = jwks_json (server_key, NULL);

  g_assert_false (oa2_client_encrypt_request_object (f->client, unsigned_request, NULL, NULL, NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (oa2_authorization_request_set_request_object_key (request, client_key, NULL, &error));
  oa2_test_server_respond (f->server, 200, "application/json", jwks);
  g_assert_true (oa2_client_encrypt_request_object (f->client, request, NULL, "A128GCM", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_authorization_request_get_request_object_encryption_alg (request), ==, "RSA-OAEP-256");

  /* A set with signing keys only, in a new client: no key fits, one
   * refetch, then the error. */
  g_clear_object (&f->client);
  fixture_setup (f, NULL);
  oa2_test_server_respond (f->server, 200, "application/json", sig_only);
  oa2_client_encrypt_request_object_async (f->client, request, NULL, NULL, NULL, oa2_test_store_result, &result);
  g_assert_false (oa2_client_encrypt_request_object_finish (f->client, oa2_test_wait_result (&result), &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_NO_MATCHING_KEY);
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 2);
}

/* A JARM response: the server's claims around the response parameters. */
static char *
jarm_response (OA2Jwk     *key,
               const char *alg,
               const char *iss,
               const char *aud,
               gint64      exp,
               const char *first_name,
               ...)
{
  g_autoptr(JsonObject) claims = json_object_new ();
  g_autoptr(GError) error = NULL;
  va_list args;
  const char *name = first_name;
  char *jwt;

  if (iss != NULL)
    json_object_set_string_member (claims, "iss", iss);
  if (aud != NULL)
    json_object_set_string_member (claims, "aud", aud);
  if (exp != 0)
    json_object_set_int_member (claims, "exp", exp);
  va_start (args, first_name);
  while (name != NULL)
    {
      json_object_set_string_member (claims, name, va_arg (args, const char *));
      name = va_arg (args, const char *);
    }
  va_end (args);
  jwt = oa2_jwt_sign_claims (claims, key, alg, NULL, &error);
  g_assert_no_error (error);
  return jwt;
}

static char *
redirect_with (const char *response,
               char        separator)
{
  return g_strdup_printf (REDIRECT "%cresponse=%s", separator, response);
}

static OA2AuthorizationResponse *
validate (Fixture                 *f,
          OA2AuthorizationRequest *request,
          const char              *uri,
          GError                 **error)
{
  return oa2_client_validate_authorization_callback (f->client, request, uri, NULL, NULL, error);
}

static void
test_jarm_accept (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(OA2AuthorizationRequest) request = client_request (f, "query.jwt");
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *jwks = jwks_json (server_key, NULL);
  g_autofree char *jwt = jarm_response (server_key, "ES256", ISSUER, CLIENT_ID, NOW + 600, "code", "c-1",
                                        "state", "st-1", "iss", ISSUER, NULL);
  g_autofree char *uri = redirect_with (jwt, '?');
  g_autofree char *fragment = redirect_with (jwt, '#');
  g_autoptr(GHashTable) form = oa2_test_params ("response", jwt, NULL);

  oa2_test_freeze_clock (NOW);
  oa2_test_server_respond (f->server, 200, "application/json", jwks);
  response = validate (f, request, uri, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_authorization_response_get_code (response), ==, "c-1");
  g_assert_cmpstr (oa2_authorization_response_get_issuer (response), ==, ISSUER);
  g_clear_object (&response);

  /* Asynchronously, the keys cached: one fetch in all. */
  oa2_client_validate_authorization_callback_async (f->client, request, uri, NULL, NULL, oa2_test_store_result,
                                                    &result);
  response = oa2_client_validate_authorization_callback_finish (f->client, oa2_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_authorization_response_get_code (response), ==, "c-1");
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 1);
  g_clear_object (&response);

  /* fragment.jwt reads the fragment; form_post.jwt the form. */
  oa2_authorization_request_set_response_mode (request, "fragment.jwt");
  response = validate (f, request, fragment, &error);
  g_assert_no_error (error);
  g_clear_object (&response);
  oa2_authorization_request_set_response_mode (request, "form_post.jwt");
  response = oa2_client_validate_authorization_callback (f->client, request, NULL, form, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&response);
  response = validate (f, request, uri, &error);
  g_assert_null (response);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* A mode other than JARM's is the request's own check, no keys. */
  oa2_authorization_request_set_response_mode (request, NULL);
  response = validate (f, request, REDIRECT "?code=c-2&state=st-1&iss=" ISSUER, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_authorization_response_get_code (response), ==, "c-2");
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 1);
}

/* Encrypted to the client, signed by the server. */
static void
test_jarm_encrypted (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(OA2AuthorizationRequest) request = client_request (f, "jwt");
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(OA2Jwks) decryption_keys = oa2_jwks_new ((OA2Jwk *[]) { client_enc_key }, 1);
  g_autoptr(OA2Jwk) client_public = oa2_jwk_dup_public (client_enc_key);
  g_autoptr(GError) error = NULL;
  g_autofree char *jwks = jwks_json (server_key, NULL);
  g_autofree char *jwt = jarm_response (server_key, "ES256", ISSUER, CLIENT_ID, NOW + 600, "code", "c-1",
                                        "state", "st-1", NULL);
  g_autoptr(GBytes) plaintext = g_bytes_new (jwt, strlen (jwt));
  g_autofree char *jwe = oa2_jwe_encrypt (plaintext, client_public, "ECDH-ES", "A128CBC-HS256", NULL, &error);
  g_autofree char *uri = redirect_with (jwe, '?');
  g_autofree char *plain_uri = redirect_with (jwt, '?');

  g_assert_no_error (error);
  oa2_test_freeze_clock (NOW);
  oa2_test_server_respond (f->server, 200, "application/json", jwks);

  /* Not expected encrypted: refused. */
  response = validate (f, request, uri, &error);
  g_assert_null (response);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  g_clear_error (&error);

  oa2_client_set_authorization_encrypted_response_alg (f->client, "ECDH-ES");
  /* Expected, but no keys to decrypt with. */
  response = validate (f, request, uri, &error);
  g_assert_null (response);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_NO_MATCHING_KEY);
  g_clear_error (&error);

  oa2_client_set_id_token_decryption_keys (f->client, decryption_keys);
  response = validate (f, request, uri, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_authorization_response_get_code (response), ==, "c-1");

  /* Expected encrypted, came signed only: refused. */
  g_clear_object (&response);
  response = validate (f, request, plain_uri, &error);
  g_assert_null (response);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM);
}

/* Every refusal, with its code. */
static void
test_jarm_reject (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(OA2AuthorizationRequest) request = client_request (f, "query.jwt");
  g_autofree char *jwks = jwks_json (server_key, NULL);
  g_autoptr(OA2Jwk) hmac_key = oa2_jwk_generate ("HS256", NULL);
  struct {
    const char *what;
    char       *jwt;
    GQuark      domain;
    int         code;
  } cases[] = {
    { "signed by another key with the same kid", NULL, OA2_ERROR, OA2_ERROR_INVALID_SIGNATURE },
    { "wrong iss", jarm_response (server_key, "ES256", "https://evil.example", CLIENT_ID, NOW + 600, "code", "c",
                                  "state", "st-1", NULL), OA2_ERROR, OA2_ERROR_ISSUER_MISMATCH },
    { "no iss", jarm_response (server_key, "ES256", NULL, CLIENT_ID, NOW + 600, "code", "c", "state", "st-1", NULL),
      OA2_ERROR, OA2_ERROR_ISSUER_MISMATCH },
    { "wrong aud", jarm_response (server_key, "ES256", ISSUER, "c2", NOW + 600, "code", "c", "state", "st-1", NULL),
      OA2_ERROR, OA2_ERROR_INVALID_CLAIM },
    { "no aud", jarm_response (server_key, "ES256", ISSUER, NULL, NOW + 600, "code", "c", "state", "st-1", NULL),
      OA2_ERROR, OA2_ERROR_INVALID_CLAIM },
    { "expired", jarm_response (server_key, "ES256", ISSUER, CLIENT_ID, NOW - 120, "code", "c", "state", "st-1",
                                NULL), OA2_ERROR, OA2_ERROR_INVALID_CLAIM },
    { "no exp", jarm_response (server_key, "ES256", ISSUER, CLIENT_ID, 0, "code", "c", "state", "st-1", NULL),
      OA2_ERROR, OA2_ERROR_INVALID_CLAIM },
    { "alg not allowed", jarm_response (hmac_key, "HS256", ISSUER, CLIENT_ID, NOW + 600, "code", "c",
                                        "state", "st-1", NULL), OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM },
    { "state mismatch", jarm_response (server_key, "ES256", ISSUER, CLIENT_ID, NOW + 600, "code", "c",
                                       "state", "st-2", NULL), OA2_ERROR, OA2_ERROR_STATE_MISMATCH },
    { "error inside", jarm_response (server_key, "ES256", ISSUER, CLIENT_ID, NOW + 600, "error", "access_denied",
                                     "error_description", "no", "state", "st-1", NULL),
      OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_ACCESS_DENIED },
    { "no code", jarm_response (server_key, "ES256", ISSUER, CLIENT_ID, NOW + 600, "state", "st-1", NULL),
      OA2_ERROR, OA2_ERROR_MISSING_MEMBER },
    { "not a JWT", g_strdup ("e30.e30"), OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN },
  };

  /* A token signed by a key the server does not have, under the
   * server key's kid: the signature fails. */
  {
    g_autoptr(JsonObject) header = json_object_new ();
    g_autoptr(JsonObject) claims = json_object_new ();
    g_autoptr(OA2Jwk) without_kid = oa2_test_jwk_without (other_key, TRUE, "kid", NULL);

    json_object_set_string_member (header, "kid", oa2_jwk_get_kid (server_key));
    json_object_set_string_member (claims, "iss", ISSUER);
    json_object_set_string_member (claims, "aud", CLIENT_ID);
    json_object_set_int_member (claims, "exp", NOW + 600);
    json_object_set_string_member (claims, "code", "c");
    json_object_set_string_member (claims, "state", "st-1");
    cases[0].jwt = oa2_jwt_sign_claims (claims, without_kid, "ES256", header, NULL);
  }

  oa2_test_freeze_clock (NOW);
  oa2_test_server_respond (f->server, 200, "application/json", jwks);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uri = redirect_with (cases[i].jwt, '?');
      g_autoptr(OA2AuthorizationResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[i].what);
      response = validate (f, request, uri, &error);
      g_assert_null (response);
      g_assert_error (error, cases[i].domain, cases[i].code);
      g_free (cases[i].jwt);
    }

  /* No response parameter at all; a plain error still checks state. */
  {
    g_autoptr(OA2AuthorizationResponse) response = NULL;
    g_autoptr(GError) error = NULL;

    response = validate (f, request, REDIRECT "?code=c&state=st-1", &error);
    g_assert_error (error, OA2_ERROR, OA2_ERROR_MISSING_MEMBER);
    g_clear_error (&error);
    response = validate (f, request, REDIRECT "?error=access_denied&state=st-2", &error);
    g_assert_error (error, OA2_ERROR, OA2_ERROR_STATE_MISMATCH);
    g_clear_error (&error);
    response = validate (f, request, REDIRECT "?error=access_denied&state=st-1", &error);
    g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_ACCESS_DENIED);
    g_clear_error (&error);
    /* Both or neither of uri and params. */
    response = oa2_client_validate_authorization_callback (f->client, request, NULL, NULL, NULL, &error);
    g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  }
}

/* The server lists its JARM algorithms: another one is refused even when
 * the client would take it. */
static void
test_jarm_server_algs (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(OA2ServerMetadata) metadata = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2AuthorizationRequest) request = NULL;
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(OA2Jwks) jwks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *jwks_text = jwks_json (server_key, NULL);
  g_autofree char *jwt = jarm_response (server_key, "ES256", ISSUER, CLIENT_ID, NOW + 600, "code", "c",
                                        "state", "st-1", NULL);
  g_autofree char *uri = redirect_with (jwt, '?');
  g_autoptr(OA2ClientAuth) auth = OA2_CLIENT_AUTH (oa2_public_app_new (CLIENT_ID));

  metadata = oa2_server_metadata_new_from_json (
    "{\"issuer\":\"" ISSUER "\",\"token_endpoint\":\"" ISSUER "/token\","
    "\"authorization_endpoint\":\"" ENDPOINT "\",\"authorization_signing_alg_values_supported\":[\"PS256\"]}",
    &error);
  g_assert_no_error (error);
  client = oa2_client_new_from_server_metadata (metadata, auth, NULL, &error);
  g_assert_no_error (error);
  /* The server's keys given, not fetched. */
  jwks = oa2_jwks_new_from_json (jwks_text, &error);
  oa2_client_set_server_jwks (client, jwks);
  oa2_client_set_authorization_signed_response_alg (client, "ES256");
  request = oa2_client_new_authorization_request (client, REDIRECT, "openid", &error);
  g_assert_true (oa2_authorization_request_set_state (request, "st-1", &error));
  oa2_authorization_request_set_response_mode (request, "jwt");

  oa2_test_freeze_clock (NOW);
  response = oa2_client_validate_authorization_callback (client, request, uri, NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM);
}

/* Key rotation: an unknown kid fetches the set once more, and only once. */
static void
test_jarm_unknown_kid (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(OA2AuthorizationRequest) request = client_request (f, "query.jwt");
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_set = jwks_json (server_key, NULL);
  g_autofree char *new_set = jwks_json (server_key, other_key, NULL);
  g_autofree char *old_jwt = jarm_response (server_key, "ES256", ISSUER, CLIENT_ID, NOW + 6000, "code", "c-1",
                                            "state", "st-1", NULL);
  g_autofree char *new_jwt = jarm_response (other_key, "ES256", ISSUER, CLIENT_ID, NOW + 6000, "code", "c-2",
                                            "state", "st-1", NULL);
  g_autofree char *old_uri = redirect_with (old_jwt, '?');
  g_autofree char *new_uri = redirect_with (new_jwt, '?');

  oa2_test_freeze_clock (NOW);
  oa2_test_server_respond (f->server, 200, "application/json", old_set);
  response = validate (f, request, old_uri, &error);
  g_assert_no_error (error);
  g_clear_object (&response);
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 1);

  /* The server rotated: one refetch finds the new key. */
  oa2_test_server_respond (f->server, 200, "application/json", new_set);
  response = validate (f, request, new_uri, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_authorization_response_get_code (response), ==, "c-2");
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 2);
  g_clear_object (&response);

  /* A kid nobody has: refused, and no new fetch within the rate limit. */
  oa2_test_server_respond (f->server, 200, "application/json", old_set);
  {
    g_autoptr(OA2Jwk) stranger = oa2_jwk_generate ("ES256", NULL);
    g_autofree char *jwt = jarm_response (stranger, "ES256", ISSUER, CLIENT_ID, NOW + 6000, "code", "c-3",
                                          "state", "st-1", NULL);
    g_autofree char *uri = redirect_with (jwt, '?');

    response = validate (f, request, uri, &error);
    g_assert_null (response);
    g_assert_error (error, OA2_ERROR, OA2_ERROR_NO_MATCHING_KEY);
    g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 2);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  oa2_test_init (&argc, &argv);

  client_key = oa2_jwk_generate ("ES256", NULL);
  server_key = oa2_jwk_generate ("ES256", NULL);
  other_key = oa2_jwk_generate ("ES256", NULL);
  server_enc_key = oa2_jwk_generate ("RSA-OAEP-256", NULL);
  client_enc_key = oa2_jwk_generate ("ECDH-ES", NULL);

  g_test_add_func ("/oa2/jar/claims", test_request_object_claims);
  g_test_add_func ("/oa2/jar/fresh", test_request_object_fresh);
  g_test_add_func ("/oa2/jar/encrypted", test_request_object_encrypted);
  g_test_add_func ("/oa2/jar/errors", test_request_object_errors);
  g_test_add_func ("/oa2/jar/request-uri", test_request_uri);
  g_test_add_func ("/oa2/jar/json", test_request_object_json);
  g_test_add ("/oa2/jar/par", Fixture, NULL, fixture_setup, test_par, fixture_teardown);
  g_test_add ("/oa2/jar/encrypt-from-jwks", Fixture, NULL, fixture_setup, test_encrypt_from_jwks, fixture_teardown);
  g_test_add ("/oa2/jarm/accept", Fixture, NULL, fixture_setup, test_jarm_accept, fixture_teardown);
  g_test_add ("/oa2/jarm/encrypted", Fixture, NULL, fixture_setup, test_jarm_encrypted, fixture_teardown);
  g_test_add ("/oa2/jarm/reject", Fixture, NULL, fixture_setup, test_jarm_reject, fixture_teardown);
  g_test_add ("/oa2/jarm/server-algs", Fixture, NULL, fixture_setup, test_jarm_server_algs, fixture_teardown);
  g_test_add ("/oa2/jarm/unknown-kid", Fixture, NULL, fixture_setup, test_jarm_unknown_kid, fixture_teardown);

  status = g_test_run ();
  g_clear_object (&client_key);
  g_clear_object (&server_key);
  g_clear_object (&other_key);
  g_clear_object (&server_enc_key);
  g_clear_object (&client_enc_key);
  return status;
}
