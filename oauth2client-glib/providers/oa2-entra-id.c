/* oa2-entra-id.c: Microsoft Entra ID presets
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "oa2-entra-id.h"
#include "oa2-provider-private.h"

#define DEFAULT_AUTHORITY "https://login.microsoftonline.com"
/* The tenant of personal Microsoft accounts: the issuer of their tokens. */
#define CONSUMERS_TENANT_ID "9188040d-6c67-4c5b-b112-36a304b66dad"

/**
 * oa2_entra_id_client_new:
 * @tenant: the directory: a tenant ID (a GUID), a domain
 *   (`contoso.onmicrosoft.com`), or `common`, `organizations` or
 *   `consumers`
 * @client_auth: how the client (the app registration) authenticates
 * @error: return location for a #GError
 *
 * Makes a client of Microsoft Entra ID (formerly Azure AD) for a tenant,
 * with the fixed v2.0 endpoints under `https://login.microsoftonline.com/{tenant}`
 * (`A` below), without a network request:
 *
 * | endpoint | URL |
 * |---|---|
 * | issuer | `A/v2.0` for a tenant ID; none for the others (see below) |
 * | token | `A/oauth2/v2.0/token` |
 * | authorization | `A/oauth2/v2.0/authorize` |
 * | device authorization | `A/oauth2/v2.0/devicecode` |
 * | JWKS | `A/discovery/v2.0/keys` |
 * | end session | `A/oauth2/v2.0/logout` |
 * | userinfo | `https://graph.microsoft.com/oidc/userinfo` |
 *
 * Its quirks:
 *
 * - The issuer of the tokens is `https://login.microsoftonline.com/{tenant ID}/v2.0`,
 *   with the tenant's ID, never its domain nor `common`. For a tenant ID
 *   the client expects that issuer; for `consumers` the issuer of
 *   personal accounts (tenant `9188040d-6c67-4c5b-b112-36a304b66dad`); for
 *   a domain, `common` and `organizations` the issuer depends on the
 *   user's tenant and the client has none: set
 *   [property@OA2.Client:issuer] once the tenant ID is known, and check
 *   the ID token's `tid` and `iss` yourself in multi-tenant apps.
 * - v2.0 names the API with scopes (`api://…/.default`,
 *   `https://graph.microsoft.com/User.Read`), not with `resource`; a
 *   refresh token comes only with the `offline_access` scope.
 * - Entra ID has no revocation nor introspection endpoint, and its access
 *   tokens for Microsoft Graph are not meant to be validated by anyone
 *   but Graph.
 * - Sovereign clouds have their own authority host: see
 *   [func@OA2.entra_id_client_new_for_authority].
 *
 * ```c
 * client = oa2_entra_id_client_new ("00000000-1111-2222-3333-444444444444", OA2_CLIENT_AUTH (auth), &error);
 * ```
 *
 * ```python
 * client = OA2.entra_id_client_new('organizations', OA2.PublicApp.new(app_id))
 * ```
 *
 * Returns: (transfer full): the client, or %NULL with @error set to
 *   %OA2_ERROR_INVALID_ARGUMENT for a tenant that is not a plain name
 */
OA2Client *
oa2_entra_id_client_new (const char     *tenant,
                         OA2ClientAuth  *client_auth,
                         GError        **error)
{
  return oa2_entra_id_client_new_for_authority (DEFAULT_AUTHORITY, tenant, client_auth, error);
}

static gboolean
is_guid (const char *text)
{
  static const guint8 groups[] = { 8, 4, 4, 4, 12 };
  const char *p = text;

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      for (guint j = 0; j < groups[i]; j++, p++)
        if (!g_ascii_isxdigit (*p))
          return FALSE;
      if (i + 1 < G_N_ELEMENTS (groups) && *p++ != '-')
        return FALSE;
    }
  return *p == '\0';
}

/**
 * oa2_entra_id_client_new_for_authority:
 * @authority: the authority host, such as
 *   `https://login.microsoftonline.us` (US Government) or
 *   `https://login.partner.microsoftonline.cn` (China)
 * @tenant: the directory, as [func@OA2.entra_id_client_new] takes it
 * @client_auth: how the client authenticates
 * @error: return location for a #GError
 *
 * Makes a client of Microsoft Entra ID as [func@OA2.entra_id_client_new]
 * does, on another authority host (a national cloud). The userinfo
 * endpoint is left unset: each cloud has its own Graph host.
 *
 * ```c
 * client = oa2_entra_id_client_new_for_authority ("https://login.microsoftonline.us", tenant_id,
 *                                                 OA2_CLIENT_AUTH (auth), &error);
 * ```
 *
 * ```python
 * client = OA2.entra_id_client_new_for_authority('https://login.microsoftonline.us', tenant_id, auth)
 * ```
 *
 * Returns: (transfer full): the client, or %NULL with @error set to
 *   %OA2_ERROR_INVALID_ARGUMENT (or %OA2_ERROR_INSECURE_TRANSPORT for an
 *   http authority that is not a loopback address)
 */
OA2Client *
oa2_entra_id_client_new_for_authority (const char     *authority,
                                       const char     *tenant,
                                       OA2ClientAuth  *client_auth,
                                       GError        **error)
{
  g_autofree char *host = NULL, *a = NULL, *issuer = NULL;
  g_autofree char *token = NULL, *authorize = NULL, *device = NULL, *jwks = NULL, *logout = NULL;
  gboolean is_default;

  g_return_val_if_fail (OA2_IS_CLIENT_AUTH (client_auth), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  host = oa2_provider_parse_base (authority, "authority", FALSE, error);
  if (host == NULL || !oa2_provider_check_segment (tenant, "tenant", error))
    return NULL;
  is_default = strcmp (host, DEFAULT_AUTHORITY) == 0;
  a = g_strconcat (host, "/", tenant, NULL);
  if (is_guid (tenant))
    issuer = g_strconcat (a, "/v2.0", NULL);
  else if (g_ascii_strcasecmp (tenant, "consumers") == 0)
    issuer = g_strconcat (host, "/" CONSUMERS_TENANT_ID "/v2.0", NULL);
  token = g_strconcat (a, "/oauth2/v2.0/token", NULL);
  authorize = g_strconcat (a, "/oauth2/v2.0/authorize", NULL);
  device = g_strconcat (a, "/oauth2/v2.0/devicecode", NULL);
  jwks = g_strconcat (a, "/discovery/v2.0/keys", NULL);
  logout = g_strconcat (a, "/oauth2/v2.0/logout", NULL);
  return g_object_new (OA2_TYPE_CLIENT, "client-auth", client_auth, "issuer", issuer, "token-endpoint", token,
                       "authorization-endpoint", authorize, "device-authorization-endpoint", device,
                       "jwks-uri", jwks, "end-session-endpoint", logout,
                       "userinfo-endpoint", is_default ? "https://graph.microsoft.com/oidc/userinfo" : NULL,
                       NULL);
}
