/* client-assertion-test.c: client_secret_jwt and private_key_jwt (RFC 7523
 * §2.2): the exact header and claims, a new jti on every attempt, and each
 * construction error
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-client-assertion-private.h"
#include "oa2-jose-test-utils.h"
#include "oa2-test-server.h"
#include "oa2-test-utils.h"
#include "oa2-transport-private.h"

#define NOW 1700000000
#define TOKEN_JSON "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}"
#define SECRET_32 "0123456789abcdef0123456789abcdef"

static guint jti_counter;

static char *
counting_jti (void)
{
  return g_strdup_printf ("jti-%u", ++jti_counter);
}

static void
freeze (void)
{
  oa2_test_freeze_clock (NOW);
  jti_counter = 0;
  _oa2_client_assertion_set_jti_func_for_testing (counting_jti);
}

static void
thaw (void)
{
  oa2_test_thaw_clock ();
  _oa2_client_assertion_set_jti_func_for_testing (NULL);
}

/* Sends a client credentials request with @auth and returns the form the
 * server received. */
static GHashTable *
request_form (OA2ClientAuth *auth,
              const char    *issuer,
              char         **out_token_uri)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autofree char *token_uri = oa2_test_server_uri (server, "/token");
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  oa2_test_server_respond (server, 200, "application/json", TOKEN_JSON);
  client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", token_uri, "client-auth", auth,
                         "issuer", issuer, NULL);
  token = oa2_client_client_credentials (client, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  body = oa2_test_server_dup_last_body (server);
  if (out_token_uri != NULL)
    *out_token_uri = g_steal_pointer (&token_uri);
  return soup_form_decode (body);
}

/* Checks the form's members, verifies its assertion with @verify_key and
 * returns it for the header and claims checks. */
static OA2Jwt *
check_form (GHashTable *form,
            OA2Jwk     *verify_key,
            const char *alg)
{
  const char * const algs[] = { alg, NULL };
  g_autoptr(OA2Jwt) jwt = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_hash_table_size (form), ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (form, "grant_type"), ==, "client_credentials");
  g_assert_cmpstr (g_hash_table_lookup (form, "client_id"), ==, "c1");
  g_assert_cmpstr (g_hash_table_lookup (form, "client_assertion_type"), ==,
                   "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
  jwt = oa2_jwt_new_from_compact (g_hash_table_lookup (form, "client_assertion"), &error);
  g_assert_no_error (error);
  oa2_jwt_verify (jwt, verify_key, algs, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&jwt);
}

static void
assert_json_equal (JsonObject *object,
                   const char *expected)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *actual = json_to_string (node, FALSE);

  g_assert_cmpstr (actual, ==, expected);
}

static void
test_private_key_jwt_claims (gconstpointer data)
{
  const char *alg = data;
  g_autoptr(OA2Jwk) key = g_str_equal (alg, "RS256") ? g_object_ref (oa2_test_rsa_jwk ())
                                                       : oa2_test_jwk_generate (alg);
  g_autoptr(OA2Jwk) public_key = oa2_jwk_dup_public (key);
  g_autoptr(OA2PrivateKeyJwt) auth = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(OA2Jwt) jwt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *header = NULL;

  freeze ();
  auth = oa2_private_key_jwt_new ("c1", key, alg, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_client_auth_get_method_name (OA2_CLIENT_AUTH (auth)), ==, "private_key_jwt");
  g_assert_cmpstr (oa2_private_key_jwt_get_alg (auth), ==, alg);
  g_assert_true (oa2_private_key_jwt_get_key (auth) == key);

  /* The issuer, when the client knows it, is the audience. */
  form = request_form (OA2_CLIENT_AUTH (auth), "https://issuer.example", NULL);
  jwt = check_form (form, public_key, alg);
  if (oa2_jwk_get_kid (key) != NULL)
    header = g_strdup_printf ("{\"alg\":\"%s\",\"kid\":\"%s\"}", alg, oa2_jwk_get_kid (key));
  else
    header = g_strdup_printf ("{\"alg\":\"%s\"}", alg);
  assert_json_equal (oa2_jwt_get_protected_header (jwt), header);
  assert_json_equal (oa2_jwt_get_claims (jwt),
                     "{\"iss\":\"c1\",\"sub\":\"c1\",\"aud\":\"https://issuer.example\",\"jti\":\"jti-1\","
                     "\"iat\":1700000000,\"exp\":1700000060}");
  thaw ();
}

static void
test_private_key_jwt_settings (void)
{
  g_autoptr(OA2Jwk) generated = oa2_test_jwk_generate ("ES256");
  /* Without kid and alg: the algorithm comes from the argument, and the
   * header has no kid. */
  g_autoptr(OA2Jwk) key = oa2_test_jwk_without (generated, TRUE, "kid", "alg", NULL);
  g_autoptr(OA2Jwk) public_key = oa2_jwk_dup_public (key);
  const char *audience[] = { "https://a.example", "https://b.example", NULL };
  g_autoptr(OA2PrivateKeyJwt) auth = NULL;
  g_autoptr(OA2PrivateKeyJwt) one_aud = NULL;
  g_autoptr(OA2PrivateKeyJwt) defaults = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(OA2Jwt) jwt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token_uri = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) read_audience = NULL;
  guint lifetime;
  gboolean not_before;

  freeze ();
  auth = g_initable_new (OA2_TYPE_PRIVATE_KEY_JWT, NULL, &error, "client-id", "c1", "key", key,
                         "alg", "ES256", "audience", audience, "lifetime", 30, "not-before", TRUE, NULL);
  g_assert_no_error (error);
  g_object_get (auth, "audience", &read_audience, "lifetime", &lifetime, "not-before", &not_before, NULL);
  g_assert_cmpstrv (read_audience, audience);
  g_assert_cmpuint (lifetime, ==, 30);
  g_assert_true (not_before);

  /* A configured audience wins over the issuer; several are an array. */
  form = request_form (OA2_CLIENT_AUTH (auth), "https://issuer.example", NULL);
  jwt = check_form (form, public_key, "ES256");
  assert_json_equal (oa2_jwt_get_protected_header (jwt), "{\"alg\":\"ES256\"}");
  assert_json_equal (oa2_jwt_get_claims (jwt),
                     "{\"iss\":\"c1\",\"sub\":\"c1\",\"aud\":[\"https://a.example\",\"https://b.example\"],"
                     "\"jti\":\"jti-1\",\"iat\":1700000000,\"nbf\":1700000000,\"exp\":1700000030}");
  g_clear_object (&jwt);
  g_clear_pointer (&form, g_hash_table_unref);

  /* Without an audience or an issuer: the endpoint the request goes to. */
  defaults = oa2_private_key_jwt_new ("c1", key, "ES256", &error);
  g_assert_no_error (error);
  form = request_form (OA2_CLIENT_AUTH (defaults), NULL, &token_uri);
  jwt = check_form (form, public_key, "ES256");
  expected = g_strdup_printf ("{\"iss\":\"c1\",\"sub\":\"c1\",\"aud\":\"%s\",\"jti\":\"jti-2\","
                              "\"iat\":1700000000,\"exp\":1700000060}", token_uri);
  assert_json_equal (oa2_jwt_get_claims (jwt), expected);
  g_clear_object (&jwt);
  g_clear_pointer (&form, g_hash_table_unref);

  /* One configured audience is a string. */
  one_aud = g_initable_new (OA2_TYPE_PRIVATE_KEY_JWT, NULL, &error, "client-id", "c1", "key", key,
                            "alg", "ES256", "audience", (const char *[]) { "https://a.example", NULL }, NULL);
  g_assert_no_error (error);
  form = request_form (OA2_CLIENT_AUTH (one_aud), "https://issuer.example", NULL);
  jwt = check_form (form, public_key, "ES256");
  assert_json_equal (oa2_jwt_get_claims (jwt),
                     "{\"iss\":\"c1\",\"sub\":\"c1\",\"aud\":\"https://a.example\",\"jti\":\"jti-3\","
                     "\"iat\":1700000000,\"exp\":1700000060}");
  thaw ();
}

static void
test_client_secret_jwt_claims (gconstpointer data)
{
  const char *alg = data;
  /* As long as the hash: 32, 48 or 64 bytes. */
  gsize length = g_str_equal (alg, "HS256") ? 32 : g_str_equal (alg, "HS384") ? 48 : 64;
  g_autofree char *secret = g_strnfill (length, 's');
  g_autofree char *k = oa2_test_b64u_encode (secret, length);
  g_autofree char *jwk_json = g_strdup_printf ("{\"kty\":\"oct\",\"k\":\"%s\"}", k);
  g_autoptr(OA2Jwk) verify_key = oa2_test_jwk_parse (jwk_json);
  g_autoptr(OA2ClientSecretJwt) auth = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(OA2Jwt) jwt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *header = g_strdup_printf ("{\"alg\":\"%s\"}", alg);

  freeze ();
  /* HS256 is the default. */
  auth = oa2_client_secret_jwt_new ("c1", secret, g_str_equal (alg, "HS256") ? NULL : alg, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_client_auth_get_method_name (OA2_CLIENT_AUTH (auth)), ==, "client_secret_jwt");
  g_assert_cmpstr (oa2_client_secret_jwt_get_alg (auth), ==, alg);

  form = request_form (OA2_CLIENT_AUTH (auth), "https://issuer.example", NULL);
  jwt = check_form (form, verify_key, alg);
  assert_json_equal (oa2_jwt_get_protected_header (jwt), header);
  assert_json_equal (oa2_jwt_get_claims (jwt),
                     "{\"iss\":\"c1\",\"sub\":\"c1\",\"aud\":\"https://issuer.example\",\"jti\":\"jti-1\","
                     "\"iat\":1700000000,\"exp\":1700000060}");
  thaw ();
}

/* The transport calls the prepare hook before each attempt; recording the
 * assertion of each shows that a retry carries a new one. */
typedef struct {
  OA2ClientAuth *auth;
  GPtrArray     *jtis;
} RetryData;

static gboolean
prepare_attempt (OA2HttpAttempt  *attempt,
                 guint            attempt_number,
                 gpointer         user_data,
                 GError         **error)
{
  RetryData *data = user_data;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(OA2Jwt) jwt = NULL;

  params = oa2_client_auth_authenticate_for_issuer (data->auth, attempt->method, attempt->uri,
                                                    "https://issuer.example", attempt->headers, error);
  if (params == NULL)
    return FALSE;
  jwt = oa2_jwt_new_from_compact (g_hash_table_lookup (params, "client_assertion"), error);
  g_assert_nonnull (jwt);
  g_ptr_array_add (data->jtis, g_strdup (oa2_jwt_get_string_claim (jwt, "jti")));
  oa2_form_set_all (attempt->form, params);
  return TRUE;
}

static gboolean
retry_once (const OA2HttpResponse *response,
            guint                  attempt_number,
            gpointer               user_data)
{
  return attempt_number == 1;
}

static void
test_new_jti_per_attempt (void)
{
  g_autoptr(OA2ClientSecretJwt) auth = oa2_client_secret_jwt_new ("c1", SECRET_32, NULL, NULL);
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GPtrArray) jtis = g_ptr_array_new_with_free_func (g_free);
  RetryData data = { OA2_CLIENT_AUTH (auth), jtis };
  OA2TransportConfig config = { session, 30, 1024 * 1024 };
  OA2TransportHooks hooks = { prepare_attempt, retry_once, &data, NULL };
  g_autoptr(OA2HttpRequest) request = NULL;
  g_autoptr(OA2HttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) last_form = NULL;
  g_autoptr(OA2Jwt) last = NULL;
  g_autofree char *token_uri = oa2_test_server_uri (server, "/token");
  g_autofree char *body = NULL;

  /* The real CSPRNG jti and clock: two attempts in the same second still
   * differ. */
  oa2_test_server_respond (server, 400, "application/json", "{\"error\":\"invalid_request\"}");
  request = oa2_http_request_new ("POST", token_uri, "token endpoint");
  request->form = oa2_form_new ();
  oa2_form_add (request->form, "grant_type", "client_credentials");
  response = oa2_transport_send (&config, g_steal_pointer (&request), &hooks, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 2);
  g_assert_cmpuint (jtis->len, ==, 2);
  g_assert_cmpuint (strlen (jtis->pdata[0]), ==, 22);
  g_assert_cmpstr (jtis->pdata[0], !=, jtis->pdata[1]);

  /* The second attempt sent its own assertion. */
  body = oa2_test_server_dup_last_body (server);
  last_form = soup_form_decode (body);
  last = oa2_jwt_new_from_compact (g_hash_table_lookup (last_form, "client_assertion"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_jwt_get_string_claim (last, "jti"), ==, jtis->pdata[1]);
}

static void
assert_construction_error (GObject    *object,
                           GError     *error,
                           gint        code,
                           const char *message_part)
{
  g_assert_null (object);
  g_assert_error (error, OA2_ERROR, code);
  oa2_test_assert_message_contains (error, message_part);
}

static void
test_private_key_jwt_errors (void)
{
  g_autoptr(OA2Jwk) es256 = oa2_test_jwk_generate ("ES256");
  g_autoptr(OA2Jwk) es256_public = oa2_jwk_dup_public (es256);
  g_autoptr(OA2Jwk) no_alg = oa2_test_jwk_without (es256, TRUE, "alg", NULL);
  g_autoptr(OA2Jwk) hs256 = oa2_test_jwk_generate ("HS256");
  struct {
    OA2Jwk     *key;
    const char *alg;
    gint        code;
    const char *message_part;
  } cases[] = {
    { es256_public, NULL, OA2_ERROR_KEY_MISMATCH, "needs a private key" },
    { no_alg, NULL, OA2_ERROR_INVALID_ARGUMENT, "No algorithm was given" },
    { no_alg, "RS256", OA2_ERROR_KEY_MISMATCH, "RS256 needs an RSA key" },
    { no_alg, "ES384", OA2_ERROR_KEY_MISMATCH, "ES384 needs an EC key on the curve P-384" },
    { es256, "ES384", OA2_ERROR_KEY_MISMATCH, "The key is for “ES256”" },
    { no_alg, "none", OA2_ERROR_UNSUPPORTED_ALGORITHM, "“none” is not supported" },
    { hs256, NULL, OA2_ERROR_KEY_MISMATCH, "not a symmetric key" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2PrivateKeyJwt) auth = oa2_private_key_jwt_new ("c1", cases[i].key, cases[i].alg, &error);

      assert_construction_error (G_OBJECT (auth), error, cases[i].code, cases[i].message_part);
    }
}

static void
test_client_secret_jwt_errors (void)
{
  struct {
    const char *secret;
    const char *alg;
    gint        code;
    const char *message_part;
  } cases[] = {
    { "0123456789abcdef0123456789abcde", NULL, OA2_ERROR_KEY_MISMATCH, "HS256 needs a key of at least 256 bits; this one has 248" },
    { SECRET_32, "HS384", OA2_ERROR_KEY_MISMATCH, "HS384 needs a key of at least 384 bits" },
    { SECRET_32, "RS256", OA2_ERROR_KEY_MISMATCH, "RS256 needs an RSA key" },
    { SECRET_32, "HS1", OA2_ERROR_UNSUPPORTED_ALGORITHM, "“HS1” is not supported" },
    { "", NULL, OA2_ERROR_INVALID_ARGUMENT, "needs a client secret" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2ClientSecretJwt) auth = oa2_client_secret_jwt_new ("c1", cases[i].secret, cases[i].alg, &error);

      assert_construction_error (G_OBJECT (auth), error, cases[i].code, cases[i].message_part);
    }
}

/* Bindings construct with properties and never call init(): the object
 * exists, init() reports the error, and so does every request, before
 * anything is sent. */
static void
test_property_construction_error (void)
{
  g_autoptr(OA2Jwk) es256 = oa2_test_jwk_generate ("ES256");
  g_autoptr(OA2Jwk) es256_public = oa2_jwk_dup_public (es256);
  g_autoptr(OA2PrivateKeyJwt) auth = g_object_new (OA2_TYPE_PRIVATE_KEY_JWT, "client-id", "c1",
                                                   "key", es256_public, NULL);
  g_autoptr(OA2ClientSecretJwt) no_secret = g_object_new (OA2_TYPE_CLIENT_SECRET_JWT, "client-id", "c1", NULL);
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autofree char *token_uri = oa2_test_server_uri (server, "/token");
  g_autoptr(OA2Client) client = oa2_client_new (token_uri, OA2_CLIENT_AUTH (auth));
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (g_initable_init (G_INITABLE (auth), NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  g_clear_error (&error);
  g_assert_false (g_initable_init (G_INITABLE (no_secret), NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  token = oa2_client_client_credentials (client, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 0);
}

/* The trace shows that an assertion was sent, never the assertion. */
static void
test_trace_hides_assertion (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_generate ("ES256");
  g_autoptr(OA2PrivateKeyJwt) auth = oa2_private_key_jwt_new ("c1", key, NULL, NULL);
  g_autoptr(GHashTable) form = NULL;
  const char *assertion;

  oa2_test_trace_begin ();
  form = request_form (OA2_CLIENT_AUTH (auth), NULL, NULL);
  assertion = g_hash_table_lookup (form, "client_assertion");
  g_assert_nonnull (strstr (oa2_test_trace_text (), "client_assertion_type=urn"));
  g_assert_null (strstr (oa2_test_trace_text (), assertion));
  /* Not even its header, which is the same for every assertion. */
  g_assert_null (strstr (oa2_test_trace_text (), "eyJ"));
  oa2_test_trace_end ();
}

/* The JWT bearer grant's assertion (RFC 7523 §2.1, §3): the same claims
 * as a client assertion, with the issuer and subject apart, and the
 * caller's claims after them. */
static void
test_jwt_bearer_assertion (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_generate ("ES256");
  g_autoptr(OA2Jwk) public_key = oa2_jwk_dup_public (key);
  g_autoptr(JsonObject) extra = oa2_test_json_object_parse ("{\"scope\":\"api:read\",\"act\":{\"sub\":\"svc\"}}");
  const char *audience[] = { "https://as.example", NULL };
  const char * const algs[] = { "ES256", NULL };
  g_autofree char *assertion = NULL;
  g_autofree char *header = NULL;
  g_autoptr(OA2Jwt) jwt = NULL;
  g_autoptr(GError) error = NULL;

  freeze ();
  assertion = oa2_jwt_sign_bearer_assertion (key, NULL, "my-client", "alice@example.com", audience, 0,
                                             extra, &error);
  g_assert_no_error (error);
  jwt = oa2_jwt_new_from_compact (assertion, &error);
  g_assert_no_error (error);
  g_assert_true (oa2_jwt_verify (jwt, public_key, algs, &error));
  header = g_strdup_printf ("{\"alg\":\"ES256\",\"kid\":\"%s\"}", oa2_jwk_get_kid (key));
  assert_json_equal (oa2_jwt_get_protected_header (jwt), header);
  assert_json_equal (oa2_jwt_get_claims (jwt),
                     "{\"iss\":\"my-client\",\"sub\":\"alice@example.com\",\"aud\":\"https://as.example\","
                     "\"jti\":\"jti-1\",\"iat\":1700000000,\"exp\":1700000060,"
                     "\"scope\":\"api:read\",\"act\":{\"sub\":\"svc\"}}");
  g_clear_pointer (&assertion, g_free);
  g_clear_object (&jwt);

  /* A lifetime of its own. */
  assertion = oa2_jwt_sign_bearer_assertion (key, NULL, "my-client", "alice", audience, 300, NULL, &error);
  g_assert_no_error (error);
  jwt = oa2_jwt_new_from_compact (assertion, &error);
  g_assert_no_error (error);
  assert_json_equal (oa2_jwt_get_claims (jwt),
                     "{\"iss\":\"my-client\",\"sub\":\"alice\",\"aud\":\"https://as.example\","
                     "\"jti\":\"jti-2\",\"iat\":1700000000,\"exp\":1700000300}");
  thaw ();
}

static void
test_jwt_bearer_assertion_errors (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_generate ("ES256");
  g_autoptr(OA2Jwk) public_key = oa2_jwk_dup_public (key);
  g_autoptr(JsonObject) reserved = oa2_test_json_object_parse ("{\"exp\":1}");
  const char *audience[] = { "https://as.example", NULL };
  const char *no_audience[] = { NULL };
  g_autoptr(GError) error = NULL;
  char *assertion;

  assertion = oa2_jwt_sign_bearer_assertion (key, NULL, "c1", "alice", audience, 0, reserved, &error);
  g_assert_null (assertion);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  oa2_test_assert_message_contains (error, "The claim “exp” of an assertion is set by the library");
  g_clear_error (&error);

  assertion = oa2_jwt_sign_bearer_assertion (key, NULL, "c1", "alice", no_audience, 0, NULL, &error);
  g_assert_null (assertion);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  assertion = oa2_jwt_sign_bearer_assertion (key, NULL, "", "alice", audience, 0, NULL, &error);
  g_assert_null (assertion);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  assertion = oa2_jwt_sign_bearer_assertion (public_key, NULL, "c1", "alice", audience, 0, NULL, &error);
  g_assert_null (assertion);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
}

/* The grant refuses to send without an assertion. */
static void
test_jwt_bearer_grant_needs_assertion (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autofree char *token_uri = oa2_test_server_uri (server, "/token");
  g_autoptr(OA2Client) client = oa2_client_new (token_uri, NULL);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = oa2_client_jwt_bearer (client, "", NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  oa2_test_assert_message_contains (error, "No assertion was given");
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 0);
}

/* The SAML 2.0 bearer grant (RFC 7522 §2.1) refuses a missing or empty
 * assertion before sending anything, in both flavours. */
static void
test_saml2_bearer_grant_needs_assertion (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autofree char *token_uri = oa2_test_server_uri (server, "/token");
  g_autoptr(OA2Client) client = oa2_client_new (token_uri, NULL);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  GBytes *inputs[] = { NULL, empty };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(OA2BearerToken) token = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      token = oa2_client_saml2_bearer (client, inputs[i], NULL, NULL, NULL, NULL, NULL, &error);
      g_assert_null (token);
      g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
      oa2_test_assert_message_contains (error, "No SAML assertion was given");
      g_clear_error (&error);

      oa2_client_saml2_bearer_async (client, inputs[i], NULL, NULL, NULL, NULL, NULL, oa2_test_store_result, &result);
      oa2_test_wait_result (&result);
      token = oa2_client_saml2_bearer_finish (client, result, &error);
      g_assert_null (token);
      g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
    }
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 0);
}

/* The encoded assertion is a credential: the trace of the request shows
 * the grant type, never the assertion. */
static void
test_saml2_bearer_trace_hides_assertion (void)
{
  static const char xml[] = "<saml:Assertion ID=\"_trace\">bob</saml:Assertion>";
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autofree char *token_uri = oa2_test_server_uri (server, "/token");
  g_autoptr(OA2Client) client = oa2_client_new (token_uri, NULL);
  g_autoptr(GBytes) assertion = g_bytes_new_static (xml, strlen (xml));
  g_autofree char *encoded = g_base64_encode ((const guchar *) xml, strlen (xml));
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  oa2_test_server_respond (server, 200, "application/json", "{\"access_token\":\"at\",\"token_type\":\"Bearer\"}");
  oa2_test_trace_begin ();
  token = oa2_client_saml2_bearer (client, assertion, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (oa2_test_trace_text (), "saml2-bearer"));
  /* The first 24 characters: the same in base64 and base64url here. */
  encoded[24] = '\0';
  g_assert_null (strstr (oa2_test_trace_text (), encoded));
  g_assert_null (strstr (oa2_test_trace_text (), "_trace"));
  oa2_test_trace_end ();
}

int
main (int argc, char **argv)
{
  int ret;

  g_setenv ("G_MESSAGES_DEBUG", "OA2", TRUE);
  oa2_test_init (&argc, &argv);
  oa2_test_trace_install ();

  g_test_add_data_func ("/oa2/client-assertion/private-key-jwt/ES256", "ES256", test_private_key_jwt_claims);
  g_test_add_data_func ("/oa2/client-assertion/private-key-jwt/RS256", "RS256", test_private_key_jwt_claims);
  g_test_add_data_func ("/oa2/client-assertion/private-key-jwt/PS256", "PS256", test_private_key_jwt_claims);
  g_test_add_data_func ("/oa2/client-assertion/private-key-jwt/EdDSA", "EdDSA", test_private_key_jwt_claims);
  g_test_add_func ("/oa2/client-assertion/private-key-jwt/settings", test_private_key_jwt_settings);
  g_test_add_data_func ("/oa2/client-assertion/client-secret-jwt/HS256", "HS256", test_client_secret_jwt_claims);
  g_test_add_data_func ("/oa2/client-assertion/client-secret-jwt/HS384", "HS384", test_client_secret_jwt_claims);
  g_test_add_data_func ("/oa2/client-assertion/client-secret-jwt/HS512", "HS512", test_client_secret_jwt_claims);
  g_test_add_func ("/oa2/client-assertion/new-jti-per-attempt", test_new_jti_per_attempt);
  g_test_add_func ("/oa2/client-assertion/private-key-jwt/errors", test_private_key_jwt_errors);
  g_test_add_func ("/oa2/client-assertion/client-secret-jwt/errors", test_client_secret_jwt_errors);
  g_test_add_func ("/oa2/client-assertion/property-construction-error", test_property_construction_error);
  g_test_add_func ("/oa2/client-assertion/trace-hides-assertion", test_trace_hides_assertion);
  g_test_add_func ("/oa2/client-assertion/jwt-bearer/assertion", test_jwt_bearer_assertion);
  g_test_add_func ("/oa2/client-assertion/jwt-bearer/assertion-errors", test_jwt_bearer_assertion_errors);
  g_test_add_func ("/oa2/client-assertion/jwt-bearer/needs-assertion", test_jwt_bearer_grant_needs_assertion);
  g_test_add_func ("/oa2/client-assertion/saml2-bearer/needs-assertion", test_saml2_bearer_grant_needs_assertion);
  g_test_add_func ("/oa2/client-assertion/saml2-bearer/trace-hides-assertion", test_saml2_bearer_trace_hides_assertion);

  ret = g_test_run ();
  oa2_test_rsa_jwk_clear ();
  return ret;
}
