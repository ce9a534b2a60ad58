/* id-token-test.c: ID-token validation on token responses (OIDC Core
 * §3.1.3.7), against an in-process token endpoint and jwks_uri
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-test-server.h"

#include "oa2-client-private.h"
#include "oa2-token-request-private.h"

#define VERIFIER "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
#define TOKEN_JSON "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}"

/* The entry point of the library's flows sends the form it is given, with
 * the client's authentication, in both flavours, and takes the
 * expectations of the authorization request (copied by the async one). */
static void
test_entry_point (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autofree char *token_uri = oa2_test_server_uri (server, "/token");
  g_autoptr(OA2Client) client = oa2_client_new_with_secret (token_uri, "c1", "s1");
  OA2IdTokenExpectations expectations = OA2_ID_TOKEN_EXPECTATIONS_INIT;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *nonce = g_strdup ("n-0S6_WzA2Mj");
  g_autoptr(GAsyncResult) result = NULL;
  OA2Form *form;

  g_assert_null (expectations.nonce);
  g_assert_cmpint (expectations.max_age, ==, -1);

  oa2_test_server_respond (server, 200, "application/json", TOKEN_JSON);
  form = oa2_token_form_authorization_code ("the-code", "http://127.0.0.1:5555/cb", VERIFIER, NULL, NULL, &error);
  g_assert_no_error (error);
  expectations.nonce = nonce;
  expectations.max_age = 300;
  token = oa2_client_send_token_request (client, form, NULL, &expectations, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "at-1");
  body = oa2_test_server_dup_last_body (server);
  g_assert_cmpstr (body, ==, "grant_type=authorization_code&code=the-code&redirect_uri=http%3A%2F%2F127.0.0.1%3A5555%2Fcb"
                   "&code_verifier=" VERIFIER "&client_id=c1&client_secret=s1");
  g_clear_object (&token);

  form = oa2_token_form_authorization_code ("the-code", "http://127.0.0.1:5555/cb", VERIFIER, NULL, NULL, &error);
  g_assert_no_error (error);
  oa2_client_send_token_request_async (client, form, NULL, &expectations, test_entry_point, NULL,
                                       oa2_test_store_result, &result);
  /* The async call copied what it needs. */
  memset (nonce, 'x', strlen (nonce));
  token = oa2_client_send_token_request_finish (client, oa2_test_wait_result (&result), test_entry_point, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "at-1");
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 2);
}

int
main (int argc, char **argv)
{
  oa2_test_init (&argc, &argv);

  g_test_add_func ("/id-token/entry-point", test_entry_point);

  return g_test_run ();
}
