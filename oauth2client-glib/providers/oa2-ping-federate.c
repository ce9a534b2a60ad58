/* oa2-ping-federate.c: PingFederate presets
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "oa2-ping-federate.h"
#include "oa2-provider-private.h"

/**
 * oa2_ping_federate_client_new:
 * @base_url: the PingFederate server, such as `https://sso.example.com`
 *   or `sso.example.com:9031` (the runtime port; https is assumed)
 * @client_auth: how the client authenticates
 * @error: return location for a #GError
 *
 * Makes a client of a PingFederate server, with PingFederate's fixed
 * endpoint paths under its base URL `B`, without a network request:
 *
 * | endpoint | URL |
 * |---|---|
 * | issuer | `B` (PingFederate's default issuer is its base URL; a server configured with another one needs [property@OA2.Client:issuer] set again, or discovery) |
 * | token | `B/as/token.oauth2` |
 * | authorization | `B/as/authorization.oauth2` |
 * | pushed authorization | `B/as/par.oauth2` |
 * | revocation | `B/as/revoke_token.oauth2` |
 * | introspection | `B/as/introspect.oauth2` |
 * | userinfo | `B/idp/userinfo.openid` |
 * | JWKS | `B/pf/JWKS` |
 * | device authorization | `B/as/device_authz.oauth2` |
 * | backchannel authentication (CIBA) | `B/as/bc-auth.ciba` |
 * | end session | `B/idp/startSLO.ping` |
 *
 * ```c
 * client = oa2_ping_federate_client_new ("https://sso.example.com:9031", OA2_CLIENT_AUTH (auth), &error);
 * ```
 *
 * ```python
 * client = OA2.ping_federate_client_new('https://sso.example.com:9031', auth)
 * ```
 *
 * Returns: (transfer full): the client, or %NULL with @error set:
 *   %OA2_ERROR_INVALID_ARGUMENT for a base URL with a query or fragment,
 *   %OA2_ERROR_INSECURE_TRANSPORT for plain http to a host that is not a
 *   loopback address
 */
OA2Client *
oa2_ping_federate_client_new (const char     *base_url,
                              OA2ClientAuth  *client_auth,
                              GError        **error)
{
  g_autofree char *b = NULL;
  g_autofree char *token = NULL, *authorize = NULL, *par = NULL, *revoke = NULL, *introspect = NULL;
  g_autofree char *userinfo = NULL, *jwks = NULL, *device = NULL, *ciba = NULL, *logout = NULL;

  g_return_val_if_fail (OA2_IS_CLIENT_AUTH (client_auth), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  b = oa2_provider_parse_base (base_url, "base URL", TRUE, error);
  if (b == NULL)
    return NULL;
  token = g_strconcat (b, "/as/token.oauth2", NULL);
  authorize = g_strconcat (b, "/as/authorization.oauth2", NULL);
  par = g_strconcat (b, "/as/par.oauth2", NULL);
  revoke = g_strconcat (b, "/as/revoke_token.oauth2", NULL);
  introspect = g_strconcat (b, "/as/introspect.oauth2", NULL);
  userinfo = g_strconcat (b, "/idp/userinfo.openid", NULL);
  jwks = g_strconcat (b, "/pf/JWKS", NULL);
  device = g_strconcat (b, "/as/device_authz.oauth2", NULL);
  ciba = g_strconcat (b, "/as/bc-auth.ciba", NULL);
  logout = g_strconcat (b, "/idp/startSLO.ping", NULL);
  return g_object_new (OA2_TYPE_CLIENT, "client-auth", client_auth, "issuer", b, "token-endpoint", token,
                       "authorization-endpoint", authorize, "pushed-authorization-request-endpoint", par,
                       "revocation-endpoint", revoke, "introspection-endpoint", introspect,
                       "userinfo-endpoint", userinfo, "jwks-uri", jwks, "device-authorization-endpoint", device,
                       "backchannel-authentication-endpoint", ciba, "end-session-endpoint", logout, NULL);
}
