/* token-exchange-issued-test.c: the token exchange that issues a token of
 * any type (RFC 8693 §2.2.1, token_type N_A) against an in-process server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "oa2-test-utils.h"
#include "oa2-test-server.h"

#define URN "urn:ietf:params:oauth:token-type:"
#define URN_ENC "urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3A"
#define GRANT "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange"
#define ISSUED_JWT "eyJhbGciOiJFUzI1NiJ9.eyJhdWQiOiJiYWNrZW5kIn0.c2ln"
#define N_A_RESPONSE "{\"access_token\":\"" ISSUED_JWT "\",\"token_type\":\"N_A\"," \
  "\"issued_token_type\":\"" URN "jwt\",\"expires_in\":60,\"scope\":\"read\",\"x-ext\":\"e\",\"n\":3}"

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
  oa2_test_server_respond (f->server, 200, "application/json", N_A_RESPONSE);
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
  g_autofree char *dpop = oa2_test_server_dup_last_header (f->server, "DPoP");

  g_assert_cmpstr (last_body, ==, body);
  g_assert_cmpstr (authorization, ==, "Basic YzE6czNjcmV0");
  g_assert_null (dpop);
}

static void
assert_n_a_token (OA2IssuedToken *token)
{
  g_auto(GStrv) names = NULL;
  gint64 remaining;

  g_assert_true (OA2_IS_ISSUED_TOKEN (token));
  g_assert_cmpstr (oa2_issued_token_get_token (token), ==, ISSUED_JWT);
  g_assert_cmpstr (oa2_issued_token_get_token_type (token), ==, "N_A");
  g_assert_cmpstr (oa2_issued_token_get_issued_token_type (token), ==, URN "jwt");
  g_assert_false (oa2_issued_token_is_access_token (token));
  g_assert_cmpstr (oa2_issued_token_get_scope (token), ==, "read");
  g_assert_null (oa2_issued_token_get_refresh_token (token));
  g_assert_nonnull (oa2_issued_token_get_expires_at (token));
  remaining = g_date_time_to_unix (oa2_issued_token_get_expires_at (token)) - g_get_real_time () / G_USEC_PER_SEC;
  g_assert_cmpint (remaining, >=, 55);
  g_assert_cmpint (remaining, <=, 61);
  g_assert_cmpstr (oa2_issued_token_get_string_member (token, "x-ext"), ==, "e");
  g_assert_nonnull (oa2_issued_token_get_member (token, "n"));
  g_assert_null (oa2_issued_token_get_string_member (token, "n"));
  g_assert_null (oa2_issued_token_get_member (token, "access_token"));
  names = oa2_issued_token_dup_member_names (token);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "x-ext");
  g_assert_cmpstr (names[1], ==, "n");
}

static void
test_n_a (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(OA2TokenExchangeRequest) request = oa2_token_exchange_request_new ("sub-at", "access_token");
  const char *resources[] = { "https://api.example/a", NULL };
  g_autoptr(GHashTable) extra = oa2_test_params ("x", "y", NULL);
  g_autoptr(OA2IssuedToken) token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected =
    GRANT "&subject_token=sub-at&subject_token_type=" URN_ENC "access_token"
    "&requested_token_type=" URN_ENC "jwt&audience=backend&scope=read"
    "&resource=https%3A%2F%2Fapi.example%2Fa&x=y";
  g_autofree char *expires = NULL;

  oa2_token_exchange_request_set_requested_token_type (request, "jwt");
  oa2_token_exchange_request_set_audience (request, "backend");

  token = oa2_client_token_exchange_issued (f->client, request, "read", resources, extra, NULL, &error);
  g_assert_no_error (error);
  assert_last_body (f, expected);
  assert_n_a_token (token);
  g_object_get (token, "token", &expires, NULL);
  g_assert_cmpstr (expires, ==, ISSUED_JWT);
  g_clear_object (&token);

  oa2_client_token_exchange_issued_async (f->client, request, "read", resources, extra, NULL,
                                          oa2_test_store_result, &result);
  token = oa2_client_token_exchange_issued_finish (f->client, oa2_test_wait_result (&result), &error);
  g_assert_no_error (error);
  assert_last_body (f, expected);
  assert_n_a_token (token);
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 2);
}

/* An access token comes back the same way, its type as sent. */
static void
test_bearer (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(OA2TokenExchangeRequest) request = oa2_token_exchange_request_new ("s", "jwt");
  g_autoptr(OA2IssuedToken) token = NULL;
  g_autoptr(GError) error = NULL;

  oa2_test_server_respond (f->server, 200, "application/json",
                           "{\"access_token\":\"at-1\",\"token_type\":\"bearer\",\"refresh_token\":\"rt-1\","
                           "\"issued_token_type\":\"" URN "access_token\"}");
  token = oa2_client_token_exchange_issued (f->client, request, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_last_body (f, GRANT "&subject_token=s&subject_token_type=" URN_ENC "jwt");
  g_assert_cmpstr (oa2_issued_token_get_token (token), ==, "at-1");
  g_assert_cmpstr (oa2_issued_token_get_token_type (token), ==, "bearer");
  g_assert_true (oa2_issued_token_is_access_token (token));
  g_assert_cmpstr (oa2_issued_token_get_refresh_token (token), ==, "rt-1");
  g_assert_null (oa2_issued_token_get_expires_at (token));
  g_assert_null (oa2_issued_token_get_scope (token));
}

/* The Bearer method still refuses N_A, and says where to go instead. */
static void
test_bearer_method_points_here (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(OA2TokenExchangeRequest) request = oa2_token_exchange_request_new ("s", "jwt");
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  token = oa2_client_token_exchange (f->client, request, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_TOKEN_TYPE);
  g_assert_nonnull (strstr (error->message, "oa2_client_token_exchange_issued()"));
  g_clear_error (&error);

  oa2_client_token_exchange_async (f->client, request, NULL, NULL, NULL, NULL, NULL,
                                   oa2_test_store_result, &result);
  token = oa2_client_token_exchange_finish (f->client, oa2_test_wait_result (&result), &error);
  g_assert_null (token);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_TOKEN_TYPE);
  g_assert_nonnull (strstr (error->message, "oa2_client_token_exchange_issued()"));
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
    /* RFC 8693 §2.2.1 requires issued_token_type. */
    { 200, "{\"access_token\":\"x\",\"token_type\":\"N_A\"}", 0, OA2_ERROR_MISSING_MEMBER },
    { 200, "{\"access_token\":\"x\",\"token_type\":\"N_A\",\"issued_token_type\":null}", 0, OA2_ERROR_MISSING_MEMBER },
    { 200, "{\"access_token\":\"x\",\"token_type\":\"N_A\",\"issued_token_type\":7}", 0, OA2_ERROR_INVALID_MEMBER },
    { 200, "{\"access_token\":\"x\",\"token_type\":\"N_A\",\"issued_token_type\":\"\"}", 0, OA2_ERROR_INVALID_MEMBER },
    { 200, "{\"token_type\":\"N_A\",\"issued_token_type\":\"" URN "jwt\"}", 0, OA2_ERROR_MISSING_MEMBER },
    { 200, "{\"access_token\":\"x\",\"issued_token_type\":\"" URN "jwt\"}", 0, OA2_ERROR_MISSING_MEMBER },
    { 200, "{\"access_token\":5,\"token_type\":\"N_A\",\"issued_token_type\":\"" URN "jwt\"}", 0, OA2_ERROR_INVALID_MEMBER },
    { 200, "{\"access_token\":\"\",\"token_type\":\"N_A\",\"issued_token_type\":\"" URN "jwt\"}", 0, OA2_ERROR_INVALID_MEMBER },
    { 200, "{\"access_token\":\"a\\nb\",\"token_type\":\"N_A\",\"issued_token_type\":\"" URN "jwt\"}", 0, OA2_ERROR_MALFORMED_TOKEN },
    { 200, "{\"access_token\":\"x\",\"token_type\":\"N_A\",\"refresh_token\":\"r\\u00e9\",\"issued_token_type\":\"" URN "jwt\"}", 0, OA2_ERROR_MALFORMED_TOKEN },
    { 200, "{\"access_token\":\"x\",\"token_type\":\"N_A\",\"scope\":[],\"issued_token_type\":\"" URN "jwt\"}", 0, OA2_ERROR_INVALID_MEMBER },
    { 200, "{\"access_token\":\"x\",\"token_type\":\"N_A\",\"expires_in\":-1,\"issued_token_type\":\"" URN "jwt\"}", 0, OA2_ERROR_INVALID_MEMBER },
    { 200, "{\"access_token\":\"x\",\"token_type\":\"N_A\",\"expires_in\":\"soon\",\"issued_token_type\":\"" URN "jwt\"}", 0, OA2_ERROR_INVALID_MEMBER },
    { 200, "[]", 0, OA2_ERROR_INVALID_JSON },
    { 400, "{\"error\":\"invalid_grant\",\"error_description\":\"bad subject\"}", 1, OA2_OAUTH_ERROR_INVALID_GRANT },
    { 400, "{\"error\":\"invalid_target\"}", 1, OA2_OAUTH_ERROR_INVALID_TARGET },
  };
  g_autoptr(OA2TokenExchangeRequest) request = oa2_token_exchange_request_new ("s", "access_token");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GQuark domain = cases[i].domain == 0 ? OA2_ERROR : OA2_OAUTH_ERROR;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      OA2IssuedToken *token;

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].body);
      oa2_test_server_respond (f->server, cases[i].status, "application/json", cases[i].body);
      token = oa2_client_token_exchange_issued (f->client, request, NULL, NULL, NULL, NULL, &error);
      g_assert_null (token);
      g_assert_error (error, domain, cases[i].code);
      g_clear_error (&error);

      oa2_client_token_exchange_issued_async (f->client, request, NULL, NULL, NULL, NULL,
                                              oa2_test_store_result, &result);
      token = oa2_client_token_exchange_issued_finish (f->client, oa2_test_wait_result (&result), &error);
      g_assert_null (token);
      g_assert_error (error, domain, cases[i].code);
    }
}

/* A bad request fails before anything is sent. */
static void
test_bad_request (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(OA2TokenExchangeRequest) request = oa2_token_exchange_request_new ("s", "bogus");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  OA2IssuedToken *token;

  token = oa2_client_token_exchange_issued (f->client, request, NULL, NULL, NULL, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  oa2_client_token_exchange_issued_async (f->client, request, NULL, NULL, NULL, NULL,
                                          oa2_test_store_result, &result);
  token = oa2_client_token_exchange_issued_finish (f->client, oa2_test_wait_result (&result), &error);
  g_assert_null (token);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 0);
}

/* The issued token is a credential: the trace shows the exchange, not it. */
static void
test_not_traced (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(OA2TokenExchangeRequest) request = oa2_token_exchange_request_new ("sub-at", "access_token");
  g_autoptr(OA2IssuedToken) token = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("G_MESSAGES_DEBUG", "OA2", TRUE);
  oa2_test_trace_begin ();
  token = oa2_client_token_exchange_issued (f->client, request, NULL, NULL, NULL, NULL, &error);
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_assert_no_error (error);
  g_assert_nonnull (strstr (oa2_test_trace_text (), "/token"));
  g_assert_null (strstr (oa2_test_trace_text (), ISSUED_JWT));
  g_assert_null (strstr (oa2_test_trace_text (), "eyJhdWQiOiJiYWNrZW5kIn0"));
  oa2_test_trace_end ();
}

int
main (int   argc,
      char *argv[])
{
  oa2_test_init (&argc, &argv);
  oa2_test_trace_install ();

#define ADD(path, func) g_test_add ("/oa2/token-exchange-issued/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("n-a", test_n_a);
  ADD ("bearer", test_bearer);
  ADD ("bearer-method-points-here", test_bearer_method_points_here);
  ADD ("responses", test_responses);
  ADD ("bad-request", test_bad_request);
  ADD ("not-traced", test_not_traced);
#undef ADD

  return g_test_run ();
}
