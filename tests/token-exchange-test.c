/* token-exchange-test.c: the token exchange grant (RFC 8693) against an
 * in-process server: exact requests, type names, and the response checks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-jose-test-utils.h"
#include "oa2-test-server.h"
#include "oa2-id-token-private.h"

#define URN "urn:ietf:params:oauth:token-type:"
#define URN_ENC "urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3A"
#define GRANT "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange"
#define ISSUED "{\"access_token\":\"new-at\",\"token_type\":\"Bearer\",\"expires_in\":60," \
  "\"issued_token_type\":\"" URN "access_token\"}"

typedef struct {
  OA2TestServer *server;
  OA2Client     *client;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *token_uri = NULL;
  g_autoptr(OA2ClientSecretBasic) auth = oa2_client_secret_basic_new ("c1", "s3cret");

  f->server = oa2_test_server_new ();
  token_uri = oa2_test_server_uri (f->server, "/token");
  oa2_test_server_respond (f->server, 200, "application/json", ISSUED);
  f->client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", token_uri, "client-auth", auth, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_object_unref (f->client);
  oa2_test_server_free (f->server);
}

static void
assert_last_body (Fixture    *f,
                  const char *body)
{
  g_autofree char *last_body = oa2_test_server_dup_last_body (f->server);
  g_autofree char *authorization = oa2_test_server_dup_last_header (f->server, "Authorization");
  g_autofree char *path = oa2_test_server_dup_last_path (f->server);

  g_assert_cmpstr (path, ==, "/token");
  g_assert_cmpstr (last_body, ==, body);
  g_assert_cmpstr (authorization, ==, "Basic YzE6czNjcmV0");
}

static void
test_urn_mapping (void)
{
  const char *names[] = { "access_token", "refresh_token", "id_token", "jwt", "saml1", "saml2" };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *expected = g_strconcat (URN, names[i], NULL);

      g_assert_cmpstr (oa2_token_type_urn (names[i]), ==, expected);
    }
  g_assert_null (oa2_token_type_urn ("Access_Token"));
  g_assert_null (oa2_token_type_urn (URN "jwt"));
  g_assert_null (oa2_token_type_urn (""));
}

static void
test_minimal (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(OA2TokenExchangeRequest) request = oa2_token_exchange_request_new ("sub tok&1", "jwt");
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = oa2_client_token_exchange (f->client, request, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_last_body (f, GRANT "&subject_token=sub+tok%261&subject_token_type=" URN_ENC "jwt");
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "new-at");
  g_assert_cmpstr (oa2_bearer_token_get_issued_token_type (token), ==, URN "access_token");
  g_assert_cmpstr (oa2_token_exchange_request_get_subject_token_type (request), ==, "jwt");
}

static void
test_full (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(OA2TokenExchangeRequest) request =
    oa2_token_exchange_request_new ("s1", "urn:example:custom-type");
  const char *resources[] = { "https://api.example/a", "https://api.example/b", NULL };
  g_autoptr(GHashTable) extra = oa2_test_params ("x", "y", NULL);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected =
    GRANT "&subject_token=s1&subject_token_type=urn%3Aexample%3Acustom-type"
    "&actor_token=a1&actor_token_type=" URN_ENC "saml2"
    "&requested_token_type=" URN_ENC "refresh_token"
    "&audience=urn%3Aexample%3Abackend&scope=read+write"
    "&resource=https%3A%2F%2Fapi.example%2Fa&resource=https%3A%2F%2Fapi.example%2Fb&x=y";

  oa2_token_exchange_request_set_actor_token (request, "a1", "saml2");
  oa2_token_exchange_request_set_requested_token_type (request, "refresh_token");
  oa2_token_exchange_request_set_audience (request, "urn:example:backend");
  g_assert_cmpstr (oa2_token_exchange_request_get_actor_token_type (request), ==, "saml2");
  g_assert_cmpstr (oa2_token_exchange_request_get_requested_token_type (request), ==, "refresh_token");
  g_assert_cmpstr (oa2_token_exchange_request_get_audience (request), ==, "urn:example:backend");

  token = oa2_client_token_exchange (f->client, request, "read write", resources, extra, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  assert_last_body (f, expected);
  g_clear_object (&token);

  oa2_client_token_exchange_async (f->client, request, "read write", resources, extra, NULL, NULL,
                                   oa2_test_store_result, &result);
  token = oa2_client_token_exchange_finish (f->client, oa2_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_issued_token_type (token), ==, URN "access_token");
  assert_last_body (f, expected);
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 2);
}

/* The type follows from the object: an access token, an ID token. */
static void
test_inferred (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(OA2BearerToken) subject = NULL;
  g_autoptr(OA2Jwt) jwt = NULL;
  g_autoptr(OA2IdToken) id_token = NULL;
  g_autoptr(OA2TokenExchangeRequest) request = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  subject = oa2_bearer_token_new ("at-1", NULL, &error);
  g_assert_no_error (error);
  jwt = oa2_jwt_new_from_compact ("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1MSJ9.", &error);
  g_assert_no_error (error);
  id_token = oa2_id_token_new_validated (jwt, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1MSJ9.");

  request = oa2_token_exchange_request_new_for_bearer_token (subject);
  g_assert_cmpstr (oa2_token_exchange_request_get_subject_token_type (request), ==, "access_token");
  oa2_token_exchange_request_set_actor_id_token (request, id_token);
  g_assert_cmpstr (oa2_token_exchange_request_get_actor_token_type (request), ==, "id_token");
  token = oa2_client_token_exchange (f->client, request, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_last_body (f, GRANT "&subject_token=at-1&subject_token_type=" URN_ENC "access_token"
                    "&actor_token=eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1MSJ9.&actor_token_type=" URN_ENC "id_token");
  g_clear_object (&token);
  g_clear_object (&request);

  request = oa2_token_exchange_request_new_for_id_token (id_token);
  oa2_token_exchange_request_set_actor_bearer_token (request, subject);
  token = oa2_client_token_exchange (f->client, request, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_last_body (f, GRANT "&subject_token=eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1MSJ9.&subject_token_type=" URN_ENC
                    "id_token&actor_token=at-1&actor_token_type=" URN_ENC "access_token");
}

/* Every bad argument is an error before anything is sent, in both
 * flavours. */
static void
test_bad_arguments (Fixture       *f,
                    gconstpointer  data)
{
  struct {
    const char *subject, *subject_type, *actor, *actor_type, *requested, *audience, *scope, *resource;
    const char *message;
  } cases[] = {
    { "", "jwt", NULL, NULL, NULL, NULL, NULL, NULL, "subject token is empty" },
    { "s", "", NULL, NULL, NULL, NULL, NULL, NULL, "subject token has no token type" },
    { "s", "bogus", NULL, NULL, NULL, NULL, NULL, NULL, "“bogus”" },
    { "s", "urn:with space", NULL, NULL, NULL, NULL, NULL, NULL, "neither a URI" },
    { "s", "jwt", "", "jwt", NULL, NULL, NULL, NULL, "actor token is empty" },
    { "s", "jwt", "a", NULL, NULL, NULL, NULL, NULL, "actor token has no token type" },
    { "s", "jwt", "a", "nope", NULL, NULL, NULL, NULL, "“nope”" },
    { "s", "jwt", NULL, "jwt", NULL, NULL, NULL, NULL, "without an actor token" },
    { "s", "jwt", NULL, NULL, "Access_Token", NULL, NULL, NULL, "requested token" },
    { "s", "jwt", NULL, NULL, NULL, "", NULL, NULL, "audience is empty" },
    { "s", "jwt", NULL, NULL, NULL, NULL, "a  b", NULL, "empty scope token" },
    { "s", "jwt", NULL, NULL, NULL, NULL, NULL, "relative/path", "resource" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OA2TokenExchangeRequest) request =
        oa2_token_exchange_request_new (cases[i].subject, cases[i].subject_type);
      const char *resources[] = { cases[i].resource, NULL };
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      OA2BearerToken *token;

      oa2_token_exchange_request_set_actor_token (request, cases[i].actor, cases[i].actor_type);
      oa2_token_exchange_request_set_requested_token_type (request, cases[i].requested);
      oa2_token_exchange_request_set_audience (request, cases[i].audience);

      token = oa2_client_token_exchange (f->client, request, cases[i].scope, resources, NULL, NULL, NULL, &error);
      g_assert_null (token);
      g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
      oa2_test_assert_message_contains (error, cases[i].message);
      g_clear_error (&error);

      oa2_client_token_exchange_async (f->client, request, cases[i].scope, resources, NULL, NULL, NULL,
                                       oa2_test_store_result, &result);
      token = oa2_client_token_exchange_finish (f->client, oa2_test_wait_result (&result), &error);
      g_assert_null (token);
      g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
    }
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 0);
}

static void
test_responses (Fixture       *f,
                gconstpointer  data)
{
  struct {
    guint status;
    const char *body;
    GQuark domain;
    int code;
  } cases[] = {
    { 200, "{\"access_token\":\"x\",\"token_type\":\"Bearer\"}", 0, OA2_ERROR_MISSING_MEMBER },
    { 200, "{\"access_token\":\"x\",\"token_type\":\"Bearer\",\"issued_token_type\":7}", 0, OA2_ERROR_INVALID_MEMBER },
    { 200, "{\"access_token\":\"x\",\"token_type\":\"Bearer\",\"issued_token_type\":\"\"}", 0, OA2_ERROR_INVALID_MEMBER },
    /* RFC 8693 §2.2.1: N_A marks a token that is not an access token. */
    { 200, "{\"access_token\":\"x\",\"token_type\":\"N_A\",\"issued_token_type\":\"" URN "jwt\"}", 0,
      OA2_ERROR_UNSUPPORTED_TOKEN_TYPE },
    { 400, "{\"error\":\"invalid_grant\",\"error_description\":\"bad subject\"}", 1, OA2_OAUTH_ERROR_INVALID_GRANT },
    { 400, "{\"error\":\"invalid_target\"}", 1, OA2_OAUTH_ERROR_INVALID_TARGET },
  };
  g_autoptr(OA2TokenExchangeRequest) request = oa2_token_exchange_request_new ("s", "access_token");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GQuark domain = cases[i].domain == 0 ? OA2_ERROR : OA2_OAUTH_ERROR;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      OA2BearerToken *token;

      oa2_test_server_respond (f->server, cases[i].status, "application/json", cases[i].body);
      token = oa2_client_token_exchange (f->client, request, NULL, NULL, NULL, NULL, NULL, &error);
      g_assert_null (token);
      g_assert_error (error, domain, cases[i].code);
      g_clear_error (&error);

      oa2_client_token_exchange_async (f->client, request, NULL, NULL, NULL, NULL, NULL,
                                       oa2_test_store_result, &result);
      token = oa2_client_token_exchange_finish (f->client, oa2_test_wait_result (&result), &error);
      g_assert_null (token);
      g_assert_error (error, domain, cases[i].code);
    }
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(OA2TokenExchangeRequest) request = oa2_token_exchange_request_new ("s", "access_token");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  OA2BearerToken *token;

  g_cancellable_cancel (cancellable);
  oa2_client_token_exchange_async (f->client, request, NULL, NULL, NULL, NULL, cancellable,
                                   oa2_test_store_result, &result);
  token = oa2_client_token_exchange_finish (f->client, oa2_test_wait_result (&result), &error);
  g_assert_null (token);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  oa2_test_init (&argc, &argv);

  g_test_add_func ("/oa2/token-exchange/urn-mapping", test_urn_mapping);
#define ADD(path, func) g_test_add ("/oa2/token-exchange/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("minimal", test_minimal);
  ADD ("full", test_full);
  ADD ("inferred", test_inferred);
  ADD ("bad-arguments", test_bad_arguments);
  ADD ("responses", test_responses);
  ADD ("cancelled", test_cancelled);
#undef ADD

  return g_test_run ();
}
