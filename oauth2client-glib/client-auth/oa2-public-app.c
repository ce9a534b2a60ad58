/* oa2-public-app.c: the none authentication method, for public clients
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2PublicApp:
 *
 * Identifies a public client, which has no secret (RFC 6749 §2.1, method
 * `none`): only `client_id` goes into the request body. Desktop and mobile
 * applications are public clients; they rely on PKCE instead of a secret.
 *
 * ```c
 * g_autoptr(OA2PublicApp) auth = oa2_public_app_new ("my-app");
 * g_autoptr(OA2Client) client =
 *   oa2_client_new ("https://as.example.com/token", OA2_CLIENT_AUTH (auth));
 * // the same as oa2_client_new_public ("https://as.example.com/token", "my-app")
 * token = oa2_client_authorization_code (client, code, redirect_uri, code_verifier,
 *                                        NULL, NULL, NULL, NULL, &error);
 * ```
 *
 * ```python
 * client = OA2.Client.new('https://as.example.com/token', OA2.PublicApp.new('my-app'))
 * token = client.authorization_code(code, redirect_uri, code_verifier)
 * ```
 */

#include "config.h"

#include "oa2-public-app.h"

struct _OA2PublicApp
{
  OA2ClientAuth parent_instance;
};

G_DEFINE_FINAL_TYPE (OA2PublicApp, oa2_public_app, OA2_TYPE_CLIENT_AUTH)

static GHashTable *
oa2_public_app_authenticate (OA2ClientAuth       *auth,
                             const char          *method,
                             const char          *uri,
                             SoupMessageHeaders  *headers,
                             GError             **error)
{
  GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_hash_table_insert (params, g_strdup ("client_id"), g_strdup (oa2_client_auth_get_client_id (auth)));
  return params;
}

static const char *
oa2_public_app_get_method_name (OA2ClientAuth *auth)
{
  return "none";
}

static void
oa2_public_app_class_init (OA2PublicAppClass *klass)
{
  OA2ClientAuthClass *auth_class = OA2_CLIENT_AUTH_CLASS (klass);

  auth_class->authenticate = oa2_public_app_authenticate;
  auth_class->get_method_name = oa2_public_app_get_method_name;
}

static void
oa2_public_app_init (OA2PublicApp *self)
{
}

/**
 * oa2_public_app_new:
 * @client_id: the client identifier
 *
 * Creates the authentication of a public client.
 *
 * Returns: (transfer full): a new client authentication
 */
OA2PublicApp *
oa2_public_app_new (const char *client_id)
{
  g_return_val_if_fail (client_id != NULL && *client_id != '\0', NULL);

  return g_object_new (OA2_TYPE_PUBLIC_APP, "client-id", client_id, NULL);
}
