/* providers-test.c: the vendor presets (Auth0, PingFederate, Keycloak,
 * Microsoft Entra ID): every endpoint URL exactly, the tenant and realm
 * rules, bad arguments with their error codes, and the Auth0 Management
 * API client's token request (its audience) and call against an
 * in-process server (no internet)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-test-server.h"

#include <string.h>

static OA2ClientAuth *
auth_new (void)
{
  return OA2_CLIENT_AUTH (oa2_client_secret_post_new ("c1", "s1"));
}

typedef struct {
  const char *property;
  const char *expected;   /* NULL: unset */
} Endpoint;

static void
check_endpoints (OA2Client      *client,
                 const Endpoint *endpoints,
                 gsize           count)
{
  for (gsize i = 0; i < count; i++)
    {
      g_autofree char *value = NULL;

      g_object_get (client, endpoints[i].property, &value, NULL);
      if (g_strcmp0 (value, endpoints[i].expected) != 0)
        g_error ("%s: expected %s, got %s", endpoints[i].property, endpoints[i].expected, value);
    }
}

/* ---------------------------------------------------------------------- */

static void
test_auth0_tenant_url (void)
{
  const struct {
    const char *tenant;
    const char *url;
  } cases[] = {
    { "mytenant", "https://mytenant.auth0.com" },
    { "mytenant.eu", "https://mytenant.eu.auth0.com" },
    { "mytenant.au", "https://mytenant.au.auth0.com" },
    { "mytenant.eu.auth0.com", "https://mytenant.eu.auth0.com" },
    { "https://mytenant.eu.auth0.com/", "https://mytenant.eu.auth0.com" },
    { "https://mytenant.us", "https://mytenant.us.auth0.com" },
    { "login.example.com", "https://login.example.com" },
    { "id.example", "https://id.example" },
    { "http://127.0.0.1:8080", "http://127.0.0.1:8080" },
  };
  const struct {
    const char *tenant;
    int         code;
  } bad[] = {
    { "", OA2_ERROR_INVALID_ARGUMENT },
    { "my tenant", OA2_ERROR_INVALID_ARGUMENT },
    { "https://mytenant.eu.auth0.com/x", OA2_ERROR_INVALID_ARGUMENT },
    { "https://mytenant.eu.auth0.com/?a=b", OA2_ERROR_INVALID_ARGUMENT },
    { "https://user@mytenant.auth0.com", OA2_ERROR_INVALID_ARGUMENT },
    { "http://mytenant.eu.auth0.com", OA2_ERROR_INSECURE_TRANSPORT },
    { "ftp://mytenant.auth0.com", OA2_ERROR_INVALID_ARGUMENT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = oa2_auth0_tenant_url (cases[i].tenant, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (url, ==, cases[i].url);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = oa2_auth0_tenant_url (bad[i].tenant, &error);
      g_autoptr(OA2ClientAuth) auth = auth_new ();
      g_autoptr(OA2Client) client = NULL;
      g_autoptr(OA2ApiClient) api = NULL;

      g_assert_null (url);
      g_assert_error (error, OA2_ERROR, bad[i].code);
      g_clear_error (&error);
      client = oa2_auth0_client_new (bad[i].tenant, auth, &error);
      g_assert_null (client);
      g_assert_error (error, OA2_ERROR, bad[i].code);
      g_clear_error (&error);
      api = oa2_auth0_management_api_client_new (bad[i].tenant, auth, &error);
      g_assert_null (api);
      g_assert_error (error, OA2_ERROR, bad[i].code);
    }
}

static void
test_auth0_client (void)
{
  g_autoptr(OA2ClientAuth) auth = auth_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Client) client = oa2_auth0_client_new ("mytenant.eu", auth, &error);
  const Endpoint endpoints[] = {
    { "issuer", "https://mytenant.eu.auth0.com/" },
    { "token-endpoint", "https://mytenant.eu.auth0.com/oauth/token" },
    { "authorization-endpoint", "https://mytenant.eu.auth0.com/authorize" },
    { "revocation-endpoint", "https://mytenant.eu.auth0.com/oauth/revoke" },
    { "introspection-endpoint", NULL },
    { "userinfo-endpoint", "https://mytenant.eu.auth0.com/userinfo" },
    { "jwks-uri", "https://mytenant.eu.auth0.com/.well-known/jwks.json" },
    { "device-authorization-endpoint", "https://mytenant.eu.auth0.com/oauth/device/code" },
    { "pushed-authorization-request-endpoint", "https://mytenant.eu.auth0.com/oauth/par" },
    { "end-session-endpoint", "https://mytenant.eu.auth0.com/oidc/logout" },
    { "backchannel-authentication-endpoint", NULL },
  };

  g_assert_no_error (error);
  check_endpoints (client, endpoints, G_N_ELEMENTS (endpoints));
  g_assert_true (oa2_client_get_client_auth (client) == auth);
}

/* The Management API: a client-credentials token with the audience, then
 * the call under /api/v2/. */
static void
test_auth0_management_api (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autofree char *origin = oa2_test_server_uri (server, "");
  g_autoptr(OA2ClientAuth) auth = auth_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2ApiClient) api = oa2_auth0_management_api_client_new (origin, auth, &error);
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autofree char *base = NULL;
  g_autofree char *token_body = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *authorization = NULL;
  OA2Client *client;

  g_assert_no_error (error);
  base = g_strconcat (origin, "/api/v2/", NULL);
  g_assert_cmpstr (oa2_api_client_get_base_url (api), ==, base);
  g_assert_true (OA2_IS_CLIENT_CREDENTIALS_AUTH (oa2_api_client_get_auth (api)));
  client = oa2_client_credentials_auth_get_client (OA2_CLIENT_CREDENTIALS_AUTH (oa2_api_client_get_auth (api)));
  {
    g_autofree char *token_uri = g_strconcat (origin, "/oauth/token", NULL);

    g_assert_cmpstr (oa2_client_get_token_endpoint (client), ==, token_uri);
  }

  oa2_test_server_queue_response (server, 200, "application/json",
                                  "{\"access_token\":\"mgmt-at\",\"token_type\":\"Bearer\",\"expires_in\":86400}",
                                  NULL, NULL);
  oa2_test_server_respond (server, 200, "application/json", "[{\"user_id\":\"auth0|1\"}]");
  response = oa2_api_client_get (api, "users", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 200);
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 2);

  token_body = oa2_test_server_dup_body (server, 0);
  escaped = g_uri_escape_string (base, NULL, FALSE);
  expected = g_strdup_printf ("grant_type=client_credentials&audience=%s&client_id=c1&client_secret=s1", escaped);
  g_assert_cmpstr (token_body, ==, expected);
  path = oa2_test_server_dup_last_path (server);
  g_assert_cmpstr (path, ==, "/api/v2/users");
  authorization = oa2_test_server_dup_last_header (server, "Authorization");
  g_assert_cmpstr (authorization, ==, "Bearer mgmt-at");
}

static void
test_ping_federate (void)
{
  g_autoptr(OA2ClientAuth) auth = auth_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Client) client = oa2_ping_federate_client_new ("sso.example.com:9031", auth, &error);
  g_autoptr(OA2Client) with_path = NULL;
  g_autoptr(OA2Client) insecure = NULL;
  const Endpoint endpoints[] = {
    { "issuer", "https://sso.example.com:9031" },
    { "token-endpoint", "https://sso.example.com:9031/as/token.oauth2" },
    { "authorization-endpoint", "https://sso.example.com:9031/as/authorization.oauth2" },
    { "pushed-authorization-request-endpoint", "https://sso.example.com:9031/as/par.oauth2" },
    { "revocation-endpoint", "https://sso.example.com:9031/as/revoke_token.oauth2" },
    { "introspection-endpoint", "https://sso.example.com:9031/as/introspect.oauth2" },
    { "userinfo-endpoint", "https://sso.example.com:9031/idp/userinfo.openid" },
    { "jwks-uri", "https://sso.example.com:9031/pf/JWKS" },
    { "device-authorization-endpoint", "https://sso.example.com:9031/as/device_authz.oauth2" },
    { "backchannel-authentication-endpoint", "https://sso.example.com:9031/as/bc-auth.ciba" },
    { "end-session-endpoint", "https://sso.example.com:9031/idp/startSLO.ping" },
  };

  g_assert_no_error (error);
  check_endpoints (client, endpoints, G_N_ELEMENTS (endpoints));

  with_path = oa2_ping_federate_client_new ("https://sso.example.com/pf/", auth, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_client_get_token_endpoint (with_path), ==, "https://sso.example.com/pf/as/token.oauth2");

  insecure = oa2_ping_federate_client_new ("http://sso.example.com", auth, &error);
  g_assert_null (insecure);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INSECURE_TRANSPORT);
}

static void
test_keycloak (void)
{
  g_autoptr(OA2ClientAuth) auth = auth_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Client) client = oa2_keycloak_client_new ("https://sso.example.com", "acme", auth, &error);
  g_autofree char *old_issuer = NULL;
  const char *p = "https://sso.example.com/realms/acme/protocol/openid-connect";
  g_autofree char *token = g_strconcat (p, "/token", NULL);
  g_autofree char *authorize = g_strconcat (p, "/auth", NULL);
  g_autofree char *par = g_strconcat (p, "/ext/par/request", NULL);
  g_autofree char *revoke = g_strconcat (p, "/revoke", NULL);
  g_autofree char *introspect = g_strconcat (p, "/token/introspect", NULL);
  g_autofree char *userinfo = g_strconcat (p, "/userinfo", NULL);
  g_autofree char *jwks = g_strconcat (p, "/certs", NULL);
  g_autofree char *device = g_strconcat (p, "/auth/device", NULL);
  g_autofree char *ciba = g_strconcat (p, "/ext/ciba/auth", NULL);
  g_autofree char *logout = g_strconcat (p, "/logout", NULL);
  const Endpoint endpoints[] = {
    { "issuer", "https://sso.example.com/realms/acme" },
    { "token-endpoint", token },
    { "authorization-endpoint", authorize },
    { "pushed-authorization-request-endpoint", par },
    { "revocation-endpoint", revoke },
    { "introspection-endpoint", introspect },
    { "userinfo-endpoint", userinfo },
    { "jwks-uri", jwks },
    { "device-authorization-endpoint", device },
    { "backchannel-authentication-endpoint", ciba },
    { "end-session-endpoint", logout },
  };
  const char *bad_realms[] = { "", "a/b", "..", "a b", "a?b", NULL };

  g_assert_no_error (error);
  check_endpoints (client, endpoints, G_N_ELEMENTS (endpoints));

  /* Keycloak before 17: the /auth prefix is part of the server URL. */
  old_issuer = oa2_keycloak_issuer ("sso.example.com/auth/", "master", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (old_issuer, ==, "https://sso.example.com/auth/realms/master");

  for (guint i = 0; bad_realms[i] != NULL; i++)
    {
      g_autoptr(OA2Client) none = oa2_keycloak_client_new ("https://sso.example.com", bad_realms[i], auth, &error);

      g_assert_null (none);
      g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
  {
    g_autofree char *none = oa2_keycloak_issuer ("https://sso.example.com#x", "acme", &error);

    g_assert_null (none);
    g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  }
}

static void
test_entra_id (void)
{
  g_autoptr(OA2ClientAuth) auth = auth_new ();
  g_autoptr(GError) error = NULL;
  const char *tid = "00000000-1111-2222-3333-444444444444";
  g_autoptr(OA2Client) client = oa2_entra_id_client_new (tid, auth, &error);
  g_autoptr(OA2Client) common = NULL;
  g_autoptr(OA2Client) consumers = NULL;
  g_autoptr(OA2Client) us = NULL;
  g_autoptr(OA2Client) bad = NULL;
  const Endpoint endpoints[] = {
    { "issuer", "https://login.microsoftonline.com/00000000-1111-2222-3333-444444444444/v2.0" },
    { "token-endpoint", "https://login.microsoftonline.com/00000000-1111-2222-3333-444444444444/oauth2/v2.0/token" },
    { "authorization-endpoint",
      "https://login.microsoftonline.com/00000000-1111-2222-3333-444444444444/oauth2/v2.0/authorize" },
    { "device-authorization-endpoint",
      "https://login.microsoftonline.com/00000000-1111-2222-3333-444444444444/oauth2/v2.0/devicecode" },
    { "jwks-uri", "https://login.microsoftonline.com/00000000-1111-2222-3333-444444444444/discovery/v2.0/keys" },
    { "end-session-endpoint",
      "https://login.microsoftonline.com/00000000-1111-2222-3333-444444444444/oauth2/v2.0/logout" },
    { "userinfo-endpoint", "https://graph.microsoft.com/oidc/userinfo" },
    { "revocation-endpoint", NULL },
    { "introspection-endpoint", NULL },
  };

  g_assert_no_error (error);
  check_endpoints (client, endpoints, G_N_ELEMENTS (endpoints));

  common = oa2_entra_id_client_new ("common", auth, &error);
  g_assert_no_error (error);
  g_assert_null (oa2_client_get_issuer (common));
  g_assert_cmpstr (oa2_client_get_token_endpoint (common), ==,
                   "https://login.microsoftonline.com/common/oauth2/v2.0/token");

  consumers = oa2_entra_id_client_new ("consumers", auth, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_client_get_issuer (consumers), ==,
                   "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0");

  us = oa2_entra_id_client_new_for_authority ("https://login.microsoftonline.us", tid, auth, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_client_get_issuer (us), ==,
                   "https://login.microsoftonline.us/00000000-1111-2222-3333-444444444444/v2.0");
  g_assert_null (oa2_client_get_userinfo_endpoint (us));

  bad = oa2_entra_id_client_new ("a/b", auth, &error);
  g_assert_null (bad);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  bad = oa2_entra_id_client_new_for_authority ("http://login.microsoftonline.com", tid, auth, &error);
  g_assert_null (bad);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INSECURE_TRANSPORT);
}

int
main (int   argc,
      char *argv[])
{
  oa2_test_init (&argc, &argv);

  g_test_add_func ("/providers/auth0/tenant-url", test_auth0_tenant_url);
  g_test_add_func ("/providers/auth0/client", test_auth0_client);
  g_test_add_func ("/providers/auth0/management-api", test_auth0_management_api);
  g_test_add_func ("/providers/ping-federate", test_ping_federate);
  g_test_add_func ("/providers/keycloak", test_keycloak);
  g_test_add_func ("/providers/entra-id", test_entra_id);

  return g_test_run ();
}
