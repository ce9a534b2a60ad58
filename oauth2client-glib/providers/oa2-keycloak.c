/* oa2-keycloak.c: Keycloak presets
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "oa2-keycloak.h"
#include "oa2-provider-private.h"

/**
 * oa2_keycloak_issuer:
 * @server_url: the Keycloak server, such as `https://sso.example.com`;
 *   with its path prefix if it has one (`https://sso.example.com/auth`
 *   for Keycloak before version 17, or a server started with
 *   `--http-relative-path`)
 * @realm: the realm
 * @error: return location for a #GError
 *
 * Gets the issuer of a Keycloak realm, `{server_url}/realms/{realm}`: the
 * URL [ctor@OA2.Client.new_from_issuer] discovers the realm's metadata
 * from, when the preset's fixed paths are not wanted.
 *
 * ```c
 * issuer = oa2_keycloak_issuer ("https://sso.example.com", "acme", &error);
 * ```
 *
 * ```python
 * issuer = OA2.keycloak_issuer('https://sso.example.com', 'acme')
 * ```
 *
 * Returns: (transfer full): the issuer, or %NULL with @error set:
 *   %OA2_ERROR_INVALID_ARGUMENT for a realm that is not a plain name or a
 *   server URL with a query or fragment, %OA2_ERROR_INSECURE_TRANSPORT
 *   for plain http to a host that is not a loopback address
 */
char *
oa2_keycloak_issuer (const char  *server_url,
                     const char  *realm,
                     GError     **error)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  base = oa2_provider_parse_base (server_url, "server URL", TRUE, error);
  if (base == NULL || !oa2_provider_check_segment (realm, "realm", error))
    return NULL;
  return g_strconcat (base, "/realms/", realm, NULL);
}

/**
 * oa2_keycloak_client_new:
 * @server_url: the Keycloak server, as [func@OA2.keycloak_issuer] takes it
 * @realm: the realm
 * @client_auth: how the client authenticates
 * @error: return location for a #GError
 *
 * Makes a client of a Keycloak realm, with Keycloak's fixed endpoint
 * paths under the realm's issuer `I` (`{server_url}/realms/{realm}`),
 * without a network request; `P` is `I/protocol/openid-connect`:
 *
 * | endpoint | URL |
 * |---|---|
 * | issuer | `I` |
 * | token | `P/token` |
 * | authorization | `P/auth` |
 * | pushed authorization | `P/ext/par/request` |
 * | revocation | `P/revoke` |
 * | introspection | `P/token/introspect` |
 * | userinfo | `P/userinfo` |
 * | JWKS | `P/certs` |
 * | device authorization | `P/auth/device` |
 * | backchannel authentication (CIBA) | `P/ext/ciba/auth` |
 * | end session | `P/logout` |
 *
 * The realm's features decide which of these answer (device flow, CIBA
 * and PAR are per-client settings). A client with a secret is often
 * configured for `client_secret_basic` in Keycloak's console ("Client
 * Authenticator: Client Id and Secret" accepts both).
 *
 * ```c
 * client = oa2_keycloak_client_new ("https://sso.example.com", "acme", OA2_CLIENT_AUTH (auth), &error);
 * ```
 *
 * ```python
 * client = OA2.keycloak_client_new('https://sso.example.com', 'acme', auth)
 * ```
 *
 * Returns: (transfer full): the client, or %NULL with @error set as
 *   [func@OA2.keycloak_issuer] sets it
 */
OA2Client *
oa2_keycloak_client_new (const char     *server_url,
                         const char     *realm,
                         OA2ClientAuth  *client_auth,
                         GError        **error)
{
  g_autofree char *issuer = NULL;
  g_autofree char *token = NULL, *authorize = NULL, *par = NULL, *revoke = NULL, *introspect = NULL;
  g_autofree char *userinfo = NULL, *jwks = NULL, *device = NULL, *ciba = NULL, *logout = NULL;
  const char *p;

  g_return_val_if_fail (OA2_IS_CLIENT_AUTH (client_auth), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  issuer = oa2_keycloak_issuer (server_url, realm, error);
  if (issuer == NULL)
    return NULL;
  p = "/protocol/openid-connect";
  token = g_strconcat (issuer, p, "/token", NULL);
  authorize = g_strconcat (issuer, p, "/auth", NULL);
  par = g_strconcat (issuer, p, "/ext/par/request", NULL);
  revoke = g_strconcat (issuer, p, "/revoke", NULL);
  introspect = g_strconcat (issuer, p, "/token/introspect", NULL);
  userinfo = g_strconcat (issuer, p, "/userinfo", NULL);
  jwks = g_strconcat (issuer, p, "/certs", NULL);
  device = g_strconcat (issuer, p, "/auth/device", NULL);
  ciba = g_strconcat (issuer, p, "/ext/ciba/auth", NULL);
  logout = g_strconcat (issuer, p, "/logout", NULL);
  return g_object_new (OA2_TYPE_CLIENT, "client-auth", client_auth, "issuer", issuer, "token-endpoint", token,
                       "authorization-endpoint", authorize, "pushed-authorization-request-endpoint", par,
                       "revocation-endpoint", revoke, "introspection-endpoint", introspect,
                       "userinfo-endpoint", userinfo, "jwks-uri", jwks, "device-authorization-endpoint", device,
                       "backchannel-authentication-endpoint", ciba, "end-session-endpoint", logout, NULL);
}
