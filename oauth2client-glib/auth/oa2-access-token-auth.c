/* oa2-access-token-auth.c: an existing token, refreshed when it expires
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2AccessTokenAuth:
 *
 * An auth handler for a token the application already has: one it got from
 * a sign-in, or restored from storage. While the token is fresh, the
 * handler gives it out; when it expires (or a resource server refuses it
 * with `invalid_token`), the handler refreshes it with its refresh token
 * through [method@OA2.Client.refresh_token], with the key it is bound to
 * for a [class@OA2.DPoPToken].
 *
 * A token without a refresh token cannot be renewed: once it expires, and
 * when the server refuses the refresh token (`invalid_grant`: revoked,
 * expired or already used), the handler drops the token and fails with
 * %OA2_ERROR_SIGN_IN_REQUIRED. Sign the user in again, and give the new
 * token to [method@OA2.Auth.set_token].
 *
 * ```c
 * auth = oa2_access_token_auth_new (client, stored_token);
 * g_signal_connect (auth, "token-changed", G_CALLBACK (save_token), NULL);
 * ```
 *
 * ```python
 * auth = OA2.AccessTokenAuth.new(client, stored_token)
 * auth.connect('token-changed', lambda auth, token: save(token))
 * ```
 */

#include "config.h"

#include "oa2-access-token-auth.h"
#include "oa2-auth-private.h"

struct _OA2AccessTokenAuth
{
  OA2Auth    parent_instance;

  OA2Client *client;
};

G_DEFINE_FINAL_TYPE (OA2AccessTokenAuth, oa2_access_token_auth, OA2_TYPE_AUTH)

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static OA2BearerToken *
renew (OA2Auth         *auth,
       OA2BearerToken  *current,
       GCancellable    *cancellable,
       GError         **error)
{
  OA2AccessTokenAuth *self = OA2_ACCESS_TOKEN_AUTH (auth);

  return oa2_auth_refresh (self->client, current, cancellable, error);
}

static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  OA2BearerToken *token = oa2_auth_refresh_finish (result, &error);

  if (token == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, g_object_unref);
}

static void
renew_async (OA2Auth             *auth,
             OA2BearerToken      *current,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  OA2AccessTokenAuth *self = OA2_ACCESS_TOKEN_AUTH (auth);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, renew_async);
  oa2_auth_refresh_async (self->client, current, cancellable, on_refreshed, task);
}

static OA2BearerToken *
renew_finish (OA2Auth       *auth,
              GAsyncResult  *result,
              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, auth), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
oa2_access_token_auth_finalize (GObject *object)
{
  OA2AccessTokenAuth *self = OA2_ACCESS_TOKEN_AUTH (object);

  g_clear_object (&self->client);

  G_OBJECT_CLASS (oa2_access_token_auth_parent_class)->finalize (object);
}

static void
oa2_access_token_auth_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  OA2AccessTokenAuth *self = OA2_ACCESS_TOKEN_AUTH (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_access_token_auth_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  OA2AccessTokenAuth *self = OA2_ACCESS_TOKEN_AUTH (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_access_token_auth_constructed (GObject *object)
{
  OA2AccessTokenAuth *self = OA2_ACCESS_TOKEN_AUTH (object);

  G_OBJECT_CLASS (oa2_access_token_auth_parent_class)->constructed (object);

  /* Without a client there is nothing to refresh with: a programming error
   * that bindings' generic constructors can make. */
  if (self->client == NULL)
    g_critical ("OA2AccessTokenAuth needs a client (the “client” property)");
}

static void
oa2_access_token_auth_class_init (OA2AccessTokenAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OA2AuthClass *auth_class = OA2_AUTH_CLASS (klass);

  object_class->constructed = oa2_access_token_auth_constructed;
  object_class->finalize = oa2_access_token_auth_finalize;
  object_class->get_property = oa2_access_token_auth_get_property;
  object_class->set_property = oa2_access_token_auth_set_property;
  auth_class->renew = renew;
  auth_class->renew_async = renew_async;
  auth_class->renew_finish = renew_finish;

  /**
   * OA2AccessTokenAuth:client: (getter get_client)
   *
   * The client that refreshes the token: the one that obtained it.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, OA2_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
oa2_access_token_auth_init (OA2AccessTokenAuth *self)
{
}

/**
 * oa2_access_token_auth_new:
 * @client: the client that obtained @token, to refresh it with
 * @token: (nullable): the token, or %NULL to set one later with
 *   [method@OA2.Auth.set_token]
 *
 * Makes an auth handler for an existing token.
 *
 * Returns: (transfer full): the handler
 */
OA2AccessTokenAuth *
oa2_access_token_auth_new (OA2Client      *client,
                           OA2BearerToken *token)
{
  g_return_val_if_fail (OA2_IS_CLIENT (client), NULL);
  g_return_val_if_fail (token == NULL || OA2_IS_BEARER_TOKEN (token), NULL);

  return g_object_new (OA2_TYPE_ACCESS_TOKEN_AUTH, "client", client, "token", token, NULL);
}

/**
 * oa2_access_token_auth_get_client: (get-property client)
 * @self: an auth handler
 *
 * Gets the client that refreshes the token.
 *
 * Returns: (transfer none): the client
 */
OA2Client *
oa2_access_token_auth_get_client (OA2AccessTokenAuth *self)
{
  g_return_val_if_fail (OA2_IS_ACCESS_TOKEN_AUTH (self), NULL);

  return self->client;
}
