/* oa2-client-credentials-auth.c: tokens of the client itself (RFC 6749 §4.4)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2ClientCredentialsAuth:
 *
 * An auth handler for a service that calls APIs as itself: it gets a token
 * with the client credentials grant ([method@OA2.Client.client_credentials])
 * on first use, and a new one the same way whenever the token is about to
 * expire or a resource server refuses it with `invalid_token`.
 *
 * The scope, resource indicators (RFC 8707) and extra parameters of every
 * request are fixed when the handler is made. With a DPoP key the tokens
 * are bound to it (RFC 9449); without one, a client with
 * [property@OA2.Client:dpop-bound-access-tokens] binds each token to a new
 * key, and the handler's [method@OA2.Auth.authorize_message] sends the
 * proofs either way.
 *
 * ```c
 * auth = oa2_client_credentials_auth_new (client, "api:read");
 * if (!oa2_auth_authorize_message (OA2_AUTH (auth), msg, NULL, &error))
 *   return FALSE;
 * ```
 *
 * ```python
 * auth = OA2.ClientCredentialsAuth.new(client, 'api:read')
 * token = auth.ensure_token(None)
 * ```
 */

#include "config.h"

#include "oa2-client-credentials-auth.h"

struct _OA2ClientCredentialsAuth
{
  OA2Auth      parent_instance;

  OA2Client   *client;
  char        *scope;
  char       **resources;
  GHashTable  *extra_params;
  OA2DPoPKey  *dpop_key;
};

G_DEFINE_FINAL_TYPE (OA2ClientCredentialsAuth, oa2_client_credentials_auth, OA2_TYPE_AUTH)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_SCOPE,
  PROP_RESOURCES,
  PROP_EXTRA_PARAMS,
  PROP_DPOP_KEY,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static OA2BearerToken *
renew (OA2Auth         *auth,
       OA2BearerToken  *current,
       GCancellable    *cancellable,
       GError         **error)
{
  OA2ClientCredentialsAuth *self = OA2_CLIENT_CREDENTIALS_AUTH (auth);

  return oa2_client_client_credentials (self->client, self->scope, (const char * const *) self->resources,
                                        self->extra_params, self->dpop_key, cancellable, error);
}

static void
on_token (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  OA2BearerToken *token = oa2_client_client_credentials_finish (OA2_CLIENT (source), result, &error);

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
  OA2ClientCredentialsAuth *self = OA2_CLIENT_CREDENTIALS_AUTH (auth);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, renew_async);
  oa2_client_client_credentials_async (self->client, self->scope, (const char * const *) self->resources,
                                       self->extra_params, self->dpop_key, cancellable, on_token, task);
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
oa2_client_credentials_auth_finalize (GObject *object)
{
  OA2ClientCredentialsAuth *self = OA2_CLIENT_CREDENTIALS_AUTH (object);

  g_clear_object (&self->client);
  g_free (self->scope);
  g_strfreev (self->resources);
  g_clear_pointer (&self->extra_params, g_hash_table_unref);
  g_clear_object (&self->dpop_key);

  G_OBJECT_CLASS (oa2_client_credentials_auth_parent_class)->finalize (object);
}

static void
oa2_client_credentials_auth_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  OA2ClientCredentialsAuth *self = OA2_CLIENT_CREDENTIALS_AUTH (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_SCOPE:
      g_value_set_string (value, self->scope);
      break;
    case PROP_RESOURCES:
      g_value_set_boxed (value, self->resources);
      break;
    case PROP_EXTRA_PARAMS:
      g_value_set_boxed (value, self->extra_params);
      break;
    case PROP_DPOP_KEY:
      g_value_set_object (value, self->dpop_key);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A copy: the caller's table may change after the handler is made. */
static GHashTable *
copy_params (GHashTable *params)
{
  GHashTable *copy;
  GHashTableIter iter;
  gpointer name, value;

  if (params == NULL)
    return NULL;
  copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &name, &value))
    g_hash_table_insert (copy, g_strdup (name), g_strdup (value));
  return copy;
}

static void
oa2_client_credentials_auth_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  OA2ClientCredentialsAuth *self = OA2_CLIENT_CREDENTIALS_AUTH (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_SCOPE:
      self->scope = g_value_dup_string (value);
      break;
    case PROP_RESOURCES:
      self->resources = g_value_dup_boxed (value);
      break;
    case PROP_EXTRA_PARAMS:
      self->extra_params = copy_params (g_value_get_boxed (value));
      break;
    case PROP_DPOP_KEY:
      self->dpop_key = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_client_credentials_auth_constructed (GObject *object)
{
  OA2ClientCredentialsAuth *self = OA2_CLIENT_CREDENTIALS_AUTH (object);

  G_OBJECT_CLASS (oa2_client_credentials_auth_parent_class)->constructed (object);

  if (self->client == NULL)
    g_critical ("OA2ClientCredentialsAuth needs a client (the “client” property)");
}

static void
oa2_client_credentials_auth_class_init (OA2ClientCredentialsAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OA2AuthClass *auth_class = OA2_AUTH_CLASS (klass);

  object_class->constructed = oa2_client_credentials_auth_constructed;
  object_class->finalize = oa2_client_credentials_auth_finalize;
  object_class->get_property = oa2_client_credentials_auth_get_property;
  object_class->set_property = oa2_client_credentials_auth_set_property;
  auth_class->renew = renew;
  auth_class->renew_async = renew_async;
  auth_class->renew_finish = renew_finish;

  /**
   * OA2ClientCredentialsAuth:client: (getter get_client)
   *
   * The client that requests the tokens.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, OA2_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2ClientCredentialsAuth:scope: (getter get_scope)
   *
   * The scope to ask for, or %NULL for the server's default.
   */
  properties[PROP_SCOPE] =
    g_param_spec_string ("scope", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2ClientCredentialsAuth:resources: (getter get_resources)
   *
   * The resource indicators (RFC 8707) to send, or %NULL for none.
   */
  properties[PROP_RESOURCES] =
    g_param_spec_boxed ("resources", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2ClientCredentialsAuth:extra-params:
   *
   * More parameters of every token request (a #GHashTable of strings), or
   * %NULL for none.
   */
  properties[PROP_EXTRA_PARAMS] =
    g_param_spec_boxed ("extra-params", NULL, NULL, G_TYPE_HASH_TABLE,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2ClientCredentialsAuth:dpop-key: (getter get_dpop_key)
   *
   * The DPoP key to bind every token to, or %NULL for the client's
   * default (see [property@OA2.Client:dpop-bound-access-tokens]).
   */
  properties[PROP_DPOP_KEY] =
    g_param_spec_object ("dpop-key", NULL, NULL, OA2_TYPE_DPOP_KEY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
oa2_client_credentials_auth_init (OA2ClientCredentialsAuth *self)
{
}

/**
 * oa2_client_credentials_auth_new:
 * @client: the client that requests the tokens
 * @scope: (nullable): the scope to ask for, or %NULL for the server's default
 *
 * Makes an auth handler that gets its tokens with the client credentials
 * grant.
 *
 * Returns: (transfer full): the handler
 */
OA2ClientCredentialsAuth *
oa2_client_credentials_auth_new (OA2Client  *client,
                                 const char *scope)
{
  return oa2_client_credentials_auth_new_full (client, scope, NULL, NULL, NULL);
}

/**
 * oa2_client_credentials_auth_new_full:
 * @client: the client that requests the tokens
 * @scope: (nullable): the scope to ask for, or %NULL for the server's default
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters of
 *   every token request; copied
 * @dpop_key: (nullable): a DPoP key to bind the tokens to, or %NULL for the
 *   client's default
 *
 * Makes an auth handler that gets its tokens with the client credentials
 * grant, with every option of [method@OA2.Client.client_credentials].
 *
 * Returns: (transfer full): the handler
 */
OA2ClientCredentialsAuth *
oa2_client_credentials_auth_new_full (OA2Client          *client,
                                      const char         *scope,
                                      const char * const *resources,
                                      GHashTable         *extra_params,
                                      OA2DPoPKey         *dpop_key)
{
  g_return_val_if_fail (OA2_IS_CLIENT (client), NULL);
  g_return_val_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key), NULL);

  return g_object_new (OA2_TYPE_CLIENT_CREDENTIALS_AUTH,
                       "client", client, "scope", scope, "resources", resources,
                       "extra-params", extra_params, "dpop-key", dpop_key, NULL);
}

/**
 * oa2_client_credentials_auth_get_client: (get-property client)
 * @self: an auth handler
 *
 * Gets the client that requests the tokens.
 *
 * Returns: (transfer none): the client
 */
OA2Client *
oa2_client_credentials_auth_get_client (OA2ClientCredentialsAuth *self)
{
  g_return_val_if_fail (OA2_IS_CLIENT_CREDENTIALS_AUTH (self), NULL);

  return self->client;
}

/**
 * oa2_client_credentials_auth_get_scope: (get-property scope)
 * @self: an auth handler
 *
 * Gets the scope the handler asks for.
 *
 * Returns: (nullable): the scope, or %NULL for the server's default
 */
const char *
oa2_client_credentials_auth_get_scope (OA2ClientCredentialsAuth *self)
{
  g_return_val_if_fail (OA2_IS_CLIENT_CREDENTIALS_AUTH (self), NULL);

  return self->scope;
}

/**
 * oa2_client_credentials_auth_get_resources: (get-property resources)
 * @self: an auth handler
 *
 * Gets the resource indicators the handler sends.
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the
 *   resource indicators, or %NULL for none
 */
const char * const *
oa2_client_credentials_auth_get_resources (OA2ClientCredentialsAuth *self)
{
  g_return_val_if_fail (OA2_IS_CLIENT_CREDENTIALS_AUTH (self), NULL);

  return (const char * const *) self->resources;
}

/**
 * oa2_client_credentials_auth_get_dpop_key: (get-property dpop-key)
 * @self: an auth handler
 *
 * Gets the DPoP key the tokens are bound to.
 *
 * Returns: (nullable) (transfer none): the key, or %NULL for the client's
 *   default
 */
OA2DPoPKey *
oa2_client_credentials_auth_get_dpop_key (OA2ClientCredentialsAuth *self)
{
  g_return_val_if_fail (OA2_IS_CLIENT_CREDENTIALS_AUTH (self), NULL);

  return self->dpop_key;
}
