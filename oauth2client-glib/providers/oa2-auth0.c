/* oa2-auth0.c: Auth0 presets
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "oa2-auth0.h"
#include "oa2-client-credentials-auth.h"
#include "oa2-provider-private.h"

/* Auth0's regional domains: {tenant}.{region}.auth0.com. */
static const char *const regions[] = { "us", "eu", "au", "jp", "uk", "ca" };

static gboolean
is_region (const char *label)
{
  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    if (g_ascii_strcasecmp (label, regions[i]) == 0)
      return TRUE;
  return FALSE;
}

/**
 * oa2_auth0_tenant_url:
 * @tenant: the tenant: a name (`mytenant`), a name and region
 *   (`mytenant.eu`), a full domain (`mytenant.eu.auth0.com`, or a custom
 *   domain such as `login.example.com`), or an https URL of one of these
 * @error: return location for a #GError
 *
 * Gets the URL of an Auth0 tenant, as Auth0's endpoints hang under it:
 * `mytenant` is `https://mytenant.auth0.com` (a tenant of the US region
 * made before regions had names), `mytenant.eu` is
 * `https://mytenant.eu.auth0.com`; a domain that ends in `.auth0.com`, or
 * that is not a name and region, is taken as it is (a custom domain).
 * Plain http is accepted for loopback addresses only, for tests.
 *
 * ```c
 * url = oa2_auth0_tenant_url ("mytenant.eu", &error);   // https://mytenant.eu.auth0.com
 * ```
 *
 * ```python
 * OA2.auth0_tenant_url('mytenant.eu')
 * ```
 *
 * Returns: (transfer full): the URL, without a trailing slash, or %NULL
 *   with @error set to %OA2_ERROR_INVALID_ARGUMENT (or
 *   %OA2_ERROR_INSECURE_TRANSPORT for plain http elsewhere)
 */
char *
oa2_auth0_tenant_url (const char  *tenant,
                      GError     **error)
{
  g_autofree char *base = NULL;
  g_autoptr(GUri) uri = NULL;
  g_auto(GStrv) labels = NULL;
  const char *host;
  guint count;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  base = oa2_provider_parse_base (tenant, "tenant", FALSE, error);
  if (base == NULL)
    return NULL;
  uri = g_uri_parse (base, G_URI_FLAGS_ENCODED, NULL);
  host = g_uri_get_host (uri);
  labels = g_strsplit (host, ".", -1);
  count = g_strv_length (labels);
  if (g_hostname_is_ip_address (host) || g_str_has_suffix (host, ".auth0.com") ||
      (count > 1 && !(count == 2 && is_region (labels[1]))) || g_ascii_strcasecmp (host, "localhost") == 0)
    return g_steal_pointer (&base);
  {
    g_autoptr(GUri) full = NULL;
    g_autofree char *domain = g_strconcat (host, ".auth0.com", NULL);

    full = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL, domain, g_uri_get_port (uri), "",
                        NULL, NULL);
    return g_uri_to_string (full);
  }
}

/**
 * oa2_auth0_client_new:
 * @tenant: the tenant, as [func@OA2.auth0_tenant_url] takes it
 * @client_auth: how the client authenticates (its client ID, and secret
 *   or key)
 * @error: return location for a #GError
 *
 * Makes a client of an Auth0 tenant, with Auth0's fixed endpoints under
 * the tenant URL `T`, without a network request:
 *
 * | endpoint | URL |
 * |---|---|
 * | issuer | `T/` (with the trailing slash Auth0's ID tokens carry) |
 * | token | `T/oauth/token` |
 * | authorization | `T/authorize` |
 * | revocation | `T/oauth/revoke` (refresh tokens only) |
 * | userinfo | `T/userinfo` |
 * | JWKS | `T/.well-known/jwks.json` |
 * | device authorization | `T/oauth/device/code` |
 * | pushed authorization | `T/oauth/par` |
 * | end session | `T/oidc/logout` |
 *
 * Auth0 has no introspection endpoint. It names the API a token is for
 * with the `audience` parameter, not `resource`: pass it among the extra
 * parameters of a grant (a token without one is meant for the userinfo
 * endpoint only).
 *
 * ```c
 * auth = oa2_client_secret_post_new ("client-id", secret);
 * client = oa2_auth0_client_new ("mytenant.eu", OA2_CLIENT_AUTH (auth), &error);
 * ```
 *
 * ```python
 * client = OA2.auth0_client_new('mytenant.eu', OA2.ClientSecretPost.new('client-id', secret))
 * ```
 *
 * Returns: (transfer full): the client, or %NULL with @error set as
 *   [func@OA2.auth0_tenant_url] sets it
 */
OA2Client *
oa2_auth0_client_new (const char     *tenant,
                      OA2ClientAuth  *client_auth,
                      GError        **error)
{
  g_autofree char *t = NULL;
  g_autofree char *issuer = NULL, *token = NULL, *authorize = NULL, *revoke = NULL, *userinfo = NULL;
  g_autofree char *jwks = NULL, *device = NULL, *par = NULL, *logout = NULL;

  g_return_val_if_fail (OA2_IS_CLIENT_AUTH (client_auth), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  t = oa2_auth0_tenant_url (tenant, error);
  if (t == NULL)
    return NULL;
  issuer = g_strconcat (t, "/", NULL);
  token = g_strconcat (t, "/oauth/token", NULL);
  authorize = g_strconcat (t, "/authorize", NULL);
  revoke = g_strconcat (t, "/oauth/revoke", NULL);
  userinfo = g_strconcat (t, "/userinfo", NULL);
  jwks = g_strconcat (t, "/.well-known/jwks.json", NULL);
  device = g_strconcat (t, "/oauth/device/code", NULL);
  par = g_strconcat (t, "/oauth/par", NULL);
  logout = g_strconcat (t, "/oidc/logout", NULL);
  return g_object_new (OA2_TYPE_CLIENT, "client-auth", client_auth, "issuer", issuer, "token-endpoint", token,
                       "authorization-endpoint", authorize, "revocation-endpoint", revoke,
                       "userinfo-endpoint", userinfo, "jwks-uri", jwks, "device-authorization-endpoint", device,
                       "pushed-authorization-request-endpoint", par, "end-session-endpoint", logout, NULL);
}

/**
 * oa2_auth0_management_api_client_new:
 * @tenant: the tenant, as [func@OA2.auth0_tenant_url] takes it
 * @client_auth: how the client authenticates: a machine-to-machine
 *   application that the Management API authorizes
 * @error: return location for a #GError
 *
 * Makes an API client of the Auth0 Management API of a tenant: its base
 * URL is `T/api/v2/`, and its tokens come from the client credentials
 * grant ([class@OA2.ClientCredentialsAuth]) with the `audience` Auth0
 * requires for it, `T/api/v2/` too. Tokens are renewed as they expire.
 *
 * ```c
 * api = oa2_auth0_management_api_client_new ("mytenant.eu", OA2_CLIENT_AUTH (auth), &error);
 * response = oa2_api_client_get (api, "users", NULL, NULL, &error);
 * ```
 *
 * ```python
 * api = OA2.auth0_management_api_client_new('mytenant.eu', auth)
 * users = api.get('users', None, None).dup_json()
 * ```
 *
 * Returns: (transfer full): the API client, or %NULL with @error set as
 *   [func@OA2.auth0_tenant_url] sets it
 */
OA2ApiClient *
oa2_auth0_management_api_client_new (const char     *tenant,
                                     OA2ClientAuth  *client_auth,
                                     GError        **error)
{
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2ClientCredentialsAuth) auth = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *t = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (OA2_IS_CLIENT_AUTH (client_auth), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  client = oa2_auth0_client_new (tenant, client_auth, error);
  if (client == NULL)
    return NULL;
  t = oa2_auth0_tenant_url (tenant, NULL);
  base = g_strconcat (t, "/api/v2/", NULL);
  /* The handler keeps a reference to the table: it owns its strings. */
  params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (params, g_strdup ("audience"), g_strdup (base));
  auth = oa2_client_credentials_auth_new_full (client, NULL, NULL, params, NULL);
  return oa2_api_client_new (base, OA2_AUTH (auth), error);
}
