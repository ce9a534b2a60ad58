/* exchange-interop-test.c: token exchange (RFC 8693) and signed
 * introspection responses (RFC 9701) against the real provider, with the
 * clients and the grant of provider.mjs's wt-exchange block
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <oauth2client-glib/oauth2client-glib.h>

#include "oa2-provider.h"

#define EXCHANGE_SECRET "exchange-secret-0123456789"
#define INTROSPECT_JWT_SECRET "introspect-jwt-secret-0123456789"
#define ACCESS_TOKEN_URN "urn:ietf:params:oauth:token-type:access_token"

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

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/oa2/interop/token-exchange", test_token_exchange);
  g_test_add_func ("/oa2/interop/introspection/jwt", test_jwt_introspection);

  provider = oa2_provider_start ();
  status = g_test_run ();
  oa2_provider_stop (provider);
  return status;
}
