/* oa2-token-exchange-auth.c: tokens exchanged for another handler's (RFC 8693)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2TokenExchangeAuth:
 *
 * An auth handler whose tokens come from a token exchange (RFC 8693): a
 * service that calls a backend on behalf of a user exchanges the user's
 * token (the subject) for one meant for the backend (the audience). The
 * subject token comes from another handler, so that it is fresh too: on
 * first use, and whenever its own token is about to expire or is refused
 * with `invalid_token`, this handler ensures the subject's token and
 * exchanges it with [method@OA2.Client.token_exchange].
 *
 * ```c
 * user = oa2_access_token_auth_new (client, user_token);
 * backend = oa2_token_exchange_auth_new (client, OA2_AUTH (user), "backend", NULL);
 * api = oa2_api_client_new ("https://backend.example/", OA2_AUTH (backend), &error);
 * ```
 *
 * ```python
 * backend = OA2.TokenExchangeAuth.new(client, user_auth, 'backend', None)
 * ```
 *
 * When the subject's handler cannot give a token (its user has to sign in
 * again), the exchange fails with its error, %OA2_ERROR_SIGN_IN_REQUIRED
 * included, and this handler drops its token too.
 */

#include "config.h"

#include "oa2-client-token-exchange.h"
#include "oa2-token-exchange-auth.h"

struct _OA2TokenExchangeAuth
{
  OA2Auth    parent_instance;

  OA2Client *client;
  OA2Auth   *subject;
  char      *audience;
  char      *scope;
};

G_DEFINE_FINAL_TYPE (OA2TokenExchangeAuth, oa2_token_exchange_auth, OA2_TYPE_AUTH)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_SUBJECT,
  PROP_AUDIENCE,
  PROP_SCOPE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static OA2TokenExchangeRequest *
make_request (OA2TokenExchangeAuth *self,
              OA2BearerToken       *subject_token)
{
  OA2TokenExchangeRequest *request = oa2_token_exchange_request_new_for_bearer_token (subject_token);

  if (self->audience != NULL)
    oa2_token_exchange_request_set_audience (request, self->audience);
  return request;
}

static OA2BearerToken *
renew (OA2Auth         *auth,
       OA2BearerToken  *current,
       GCancellable    *cancellable,
       GError         **error)
{
  OA2TokenExchangeAuth *self = OA2_TOKEN_EXCHANGE_AUTH (auth);
  g_autoptr(OA2BearerToken) subject_token = NULL;
  g_autoptr(OA2TokenExchangeRequest) request = NULL;

  subject_token = oa2_auth_ensure_token (self->subject, cancellable, error);
  if (subject_token == NULL)
    return NULL;
  request = make_request (self, subject_token);
  return oa2_client_token_exchange (self->client, request, self->scope, NULL, NULL, NULL, cancellable, error);
}

static void
on_exchanged (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  OA2BearerToken *token = oa2_client_token_exchange_finish (OA2_CLIENT (source), result, &error);

  if (token == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, g_object_unref);
}

static void
on_subject_token (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  OA2TokenExchangeAuth *self = g_task_get_source_object (task);
  g_autoptr(OA2BearerToken) subject_token = NULL;
  g_autoptr(OA2TokenExchangeRequest) request = NULL;
  GError *error = NULL;

  subject_token = oa2_auth_ensure_token_finish (OA2_AUTH (source), result, &error);
  if (subject_token == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  request = make_request (self, subject_token);
  oa2_client_token_exchange_async (self->client, request, self->scope, NULL, NULL, NULL,
                                   g_task_get_cancellable (task), on_exchanged, task);
}

static void
renew_async (OA2Auth             *auth,
             OA2BearerToken      *current,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  OA2TokenExchangeAuth *self = OA2_TOKEN_EXCHANGE_AUTH (auth);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, renew_async);
  oa2_auth_ensure_token_async (self->subject, cancellable, on_subject_token, task);
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
oa2_token_exchange_auth_finalize (GObject *object)
{
  OA2TokenExchangeAuth *self = OA2_TOKEN_EXCHANGE_AUTH (object);

  g_clear_object (&self->client);
  g_clear_object (&self->subject);
  g_free (self->audience);
  g_free (self->scope);

  G_OBJECT_CLASS (oa2_token_exchange_auth_parent_class)->finalize (object);
}

static void
oa2_token_exchange_auth_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  OA2TokenExchangeAuth *self = OA2_TOKEN_EXCHANGE_AUTH (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_SUBJECT:
      g_value_set_object (value, self->subject);
      break;
    case PROP_AUDIENCE:
      g_value_set_string (value, self->audience);
      break;
    case PROP_SCOPE:
      g_value_set_string (value, self->scope);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_token_exchange_auth_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  OA2TokenExchangeAuth *self = OA2_TOKEN_EXCHANGE_AUTH (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_SUBJECT:
      self->subject = g_value_dup_object (value);
      break;
    case PROP_AUDIENCE:
      self->audience = g_value_dup_string (value);
      break;
    case PROP_SCOPE:
      self->scope = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_token_exchange_auth_constructed (GObject *object)
{
  OA2TokenExchangeAuth *self = OA2_TOKEN_EXCHANGE_AUTH (object);

  G_OBJECT_CLASS (oa2_token_exchange_auth_parent_class)->constructed (object);

  if (self->client == NULL || self->subject == NULL)
    g_critical ("OA2TokenExchangeAuth needs a client and a subject handler");
}

static void
oa2_token_exchange_auth_class_init (OA2TokenExchangeAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OA2AuthClass *auth_class = OA2_AUTH_CLASS (klass);

  object_class->constructed = oa2_token_exchange_auth_constructed;
  object_class->finalize = oa2_token_exchange_auth_finalize;
  object_class->get_property = oa2_token_exchange_auth_get_property;
  object_class->set_property = oa2_token_exchange_auth_set_property;
  auth_class->renew = renew;
  auth_class->renew_async = renew_async;
  auth_class->renew_finish = renew_finish;

  /**
   * OA2TokenExchangeAuth:client: (getter get_client)
   *
   * The client that sends the token exchange requests.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, OA2_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2TokenExchangeAuth:subject: (getter get_subject)
   *
   * The handler whose token is exchanged (the subject token).
   */
  properties[PROP_SUBJECT] =
    g_param_spec_object ("subject", NULL, NULL, OA2_TYPE_AUTH,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2TokenExchangeAuth:audience: (getter get_audience)
   *
   * The `audience` to ask a token for, or %NULL.
   */
  properties[PROP_AUDIENCE] =
    g_param_spec_string ("audience", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2TokenExchangeAuth:scope: (getter get_scope)
   *
   * The scope to ask for, or %NULL.
   */
  properties[PROP_SCOPE] =
    g_param_spec_string ("scope", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
oa2_token_exchange_auth_init (OA2TokenExchangeAuth *self)
{
}

/**
 * oa2_token_exchange_auth_new:
 * @client: the client that sends the token exchange requests
 * @subject: the handler whose token is exchanged
 * @audience: (nullable): the `audience` to ask a token for, or %NULL
 * @scope: (nullable): the scope to ask for, or %NULL
 *
 * Makes an auth handler that exchanges @subject's token for its own.
 *
 * Returns: (transfer full): the handler
 */
OA2TokenExchangeAuth *
oa2_token_exchange_auth_new (OA2Client  *client,
                             OA2Auth    *subject,
                             const char *audience,
                             const char *scope)
{
  g_return_val_if_fail (OA2_IS_CLIENT (client), NULL);
  g_return_val_if_fail (OA2_IS_AUTH (subject), NULL);

  return g_object_new (OA2_TYPE_TOKEN_EXCHANGE_AUTH, "client", client, "subject", subject,
                       "audience", audience, "scope", scope, NULL);
}

/**
 * oa2_token_exchange_auth_get_client: (get-property client)
 * @self: an auth handler
 *
 * Gets the client that sends the token exchange requests.
 *
 * Returns: (transfer none): the client
 */
OA2Client *
oa2_token_exchange_auth_get_client (OA2TokenExchangeAuth *self)
{
  g_return_val_if_fail (OA2_IS_TOKEN_EXCHANGE_AUTH (self), NULL);

  return self->client;
}

/**
 * oa2_token_exchange_auth_get_subject: (get-property subject)
 * @self: an auth handler
 *
 * Gets the handler whose token is exchanged.
 *
 * Returns: (transfer none): the subject's handler
 */
OA2Auth *
oa2_token_exchange_auth_get_subject (OA2TokenExchangeAuth *self)
{
  g_return_val_if_fail (OA2_IS_TOKEN_EXCHANGE_AUTH (self), NULL);

  return self->subject;
}

/**
 * oa2_token_exchange_auth_get_audience: (get-property audience)
 * @self: an auth handler
 *
 * Gets the audience the handler asks a token for.
 *
 * Returns: (nullable): the audience, or %NULL
 */
const char *
oa2_token_exchange_auth_get_audience (OA2TokenExchangeAuth *self)
{
  g_return_val_if_fail (OA2_IS_TOKEN_EXCHANGE_AUTH (self), NULL);

  return self->audience;
}

/**
 * oa2_token_exchange_auth_get_scope: (get-property scope)
 * @self: an auth handler
 *
 * Gets the scope the handler asks for.
 *
 * Returns: (nullable): the scope, or %NULL
 */
const char *
oa2_token_exchange_auth_get_scope (OA2TokenExchangeAuth *self)
{
  g_return_val_if_fail (OA2_IS_TOKEN_EXCHANGE_AUTH (self), NULL);

  return self->scope;
}
