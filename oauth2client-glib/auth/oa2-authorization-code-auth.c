/* oa2-authorization-code-auth.c: tokens from a user's sign-in, then refreshed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2AuthorizationCodeAuth:
 *
 * An auth handler for a user who signed in through the browser: it holds
 * the [class@OA2.AuthorizationResponse] that
 * [method@OA2.AuthorizationRequest.validate_callback] returned, redeems
 * its code on first use ([method@OA2.Client.exchange_authorization_response],
 * with the request's redirect URI and PKCE verifier, and the ID token
 * checked against the request), and from then on refreshes the token with
 * its refresh token whenever it is about to expire or a resource server
 * refuses it.
 *
 * The code is redeemed once, however many callers need the first token
 * at the same time (they share the one renewal of [class@OA2.Auth]). A
 * code the server refuses (`invalid_grant`) fails with
 * %OA2_ERROR_SIGN_IN_REQUIRED: the user has to sign in again. A transport
 * error leaves the code for the next attempt.
 *
 * ```c
 * response = oa2_authorization_request_validate_callback (request, callback_uri, &error);
 * auth = oa2_authorization_code_auth_new (client, response, NULL);
 * api = oa2_api_client_new ("https://api.example.com/", OA2_AUTH (auth), &error);
 * ```
 *
 * ```python
 * response = request.validate_callback(callback_uri)
 * auth = OA2.AuthorizationCodeAuth.new(client, response, None)
 * token = auth.ensure_token(None)
 * ```
 */

#include "config.h"

#include "oa2-authorization-code-auth.h"
#include "oa2-auth-private.h"
#include "oa2-client-authorization.h"
#include "oa2-error-private.h"

struct _OA2AuthorizationCodeAuth
{
  OA2Auth                   parent_instance;

  OA2Client                *client;
  OA2AuthorizationResponse *response;
  OA2DPoPKey               *dpop_key;
  gint                      code_taken;   /* atomic: the code is redeemed once */
};

G_DEFINE_FINAL_TYPE (OA2AuthorizationCodeAuth, oa2_authorization_code_auth, OA2_TYPE_AUTH)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_RESPONSE,
  PROP_DPOP_KEY,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

/* Whether this renewal redeems the code (and takes it). */
static gboolean
take_code (OA2AuthorizationCodeAuth *self,
           OA2BearerToken           *current)
{
  return current == NULL && g_atomic_int_compare_and_exchange (&self->code_taken, 0, 1);
}

/* A refused code needs a new sign-in; a code that never reached the
 * server may be tried again. */
static GError *
code_failed (OA2AuthorizationCodeAuth *self,
             GError                   *error)
{
  GError *mapped;

  if (error->domain != OA2_OAUTH_ERROR && error->domain != OA2_ERROR)
    {
      g_atomic_int_set (&self->code_taken, 0);
      return error;
    }
  if (!g_error_matches (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_GRANT))
    return error;
  mapped = oa2_error_new_sign_in_required (error);
  g_error_free (error);
  return mapped;
}

static OA2BearerToken *
renew (OA2Auth         *auth,
       OA2BearerToken  *current,
       GCancellable    *cancellable,
       GError         **error)
{
  OA2AuthorizationCodeAuth *self = OA2_AUTHORIZATION_CODE_AUTH (auth);
  GError *local_error = NULL;
  OA2BearerToken *token;

  if (!take_code (self, current))
    return oa2_auth_refresh (self->client, current, cancellable, error);
  token = oa2_client_exchange_authorization_response (self->client, self->response, self->dpop_key,
                                                      cancellable, &local_error);
  if (token == NULL)
    g_propagate_error (error, code_failed (self, local_error));
  return token;
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
on_exchanged (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OA2AuthorizationCodeAuth *self = g_task_get_source_object (task);
  GError *error = NULL;
  OA2BearerToken *token;

  token = oa2_client_exchange_authorization_response_finish (OA2_CLIENT (source), result, &error);
  if (token == NULL)
    g_task_return_error (task, code_failed (self, error));
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
  OA2AuthorizationCodeAuth *self = OA2_AUTHORIZATION_CODE_AUTH (auth);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, renew_async);
  if (!take_code (self, current))
    oa2_auth_refresh_async (self->client, current, cancellable, on_refreshed, task);
  else
    oa2_client_exchange_authorization_response_async (self->client, self->response, self->dpop_key,
                                                      cancellable, on_exchanged, task);
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
oa2_authorization_code_auth_finalize (GObject *object)
{
  OA2AuthorizationCodeAuth *self = OA2_AUTHORIZATION_CODE_AUTH (object);

  g_clear_object (&self->client);
  g_clear_object (&self->response);
  g_clear_object (&self->dpop_key);

  G_OBJECT_CLASS (oa2_authorization_code_auth_parent_class)->finalize (object);
}

static void
oa2_authorization_code_auth_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  OA2AuthorizationCodeAuth *self = OA2_AUTHORIZATION_CODE_AUTH (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_RESPONSE:
      g_value_set_object (value, self->response);
      break;
    case PROP_DPOP_KEY:
      g_value_set_object (value, self->dpop_key);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_authorization_code_auth_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  OA2AuthorizationCodeAuth *self = OA2_AUTHORIZATION_CODE_AUTH (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_RESPONSE:
      self->response = g_value_dup_object (value);
      break;
    case PROP_DPOP_KEY:
      self->dpop_key = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_authorization_code_auth_constructed (GObject *object)
{
  OA2AuthorizationCodeAuth *self = OA2_AUTHORIZATION_CODE_AUTH (object);

  G_OBJECT_CLASS (oa2_authorization_code_auth_parent_class)->constructed (object);

  if (self->client == NULL || self->response == NULL)
    g_critical ("OA2AuthorizationCodeAuth needs a client and an authorization response");
}

static void
oa2_authorization_code_auth_class_init (OA2AuthorizationCodeAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OA2AuthClass *auth_class = OA2_AUTH_CLASS (klass);

  object_class->constructed = oa2_authorization_code_auth_constructed;
  object_class->finalize = oa2_authorization_code_auth_finalize;
  object_class->get_property = oa2_authorization_code_auth_get_property;
  object_class->set_property = oa2_authorization_code_auth_set_property;
  auth_class->renew = renew;
  auth_class->renew_async = renew_async;
  auth_class->renew_finish = renew_finish;

  /**
   * OA2AuthorizationCodeAuth:client: (getter get_client)
   *
   * The client that redeems the code and refreshes the tokens.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, OA2_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationCodeAuth:response: (getter get_response)
   *
   * The validated authorization response whose code gives the first token.
   */
  properties[PROP_RESPONSE] =
    g_param_spec_object ("response", NULL, NULL, OA2_TYPE_AUTHORIZATION_RESPONSE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationCodeAuth:dpop-key: (getter get_dpop_key)
   *
   * The DPoP key the first token is bound to, or %NULL; refreshes use
   * the key of the token they refresh.
   */
  properties[PROP_DPOP_KEY] =
    g_param_spec_object ("dpop-key", NULL, NULL, OA2_TYPE_DPOP_KEY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
oa2_authorization_code_auth_init (OA2AuthorizationCodeAuth *self)
{
}

/**
 * oa2_authorization_code_auth_new:
 * @client: the client that redeems the code and refreshes the tokens
 * @response: the response that [method@OA2.AuthorizationRequest.validate_callback]
 *   returned
 * @dpop_key: (nullable): the DPoP key to bind the first token to (the one
 *   the request's `dpop_jkt` named, if any), or %NULL
 *
 * Makes an auth handler whose first token comes from @response's code.
 *
 * Returns: (transfer full): the handler
 */
OA2AuthorizationCodeAuth *
oa2_authorization_code_auth_new (OA2Client                *client,
                                 OA2AuthorizationResponse *response,
                                 OA2DPoPKey               *dpop_key)
{
  g_return_val_if_fail (OA2_IS_CLIENT (client), NULL);
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_RESPONSE (response), NULL);
  g_return_val_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key), NULL);

  return g_object_new (OA2_TYPE_AUTHORIZATION_CODE_AUTH, "client", client, "response", response,
                       "dpop-key", dpop_key, NULL);
}

/**
 * oa2_authorization_code_auth_get_client: (get-property client)
 * @self: an auth handler
 *
 * Gets the client that redeems the code and refreshes the tokens.
 *
 * Returns: (transfer none): the client
 */
OA2Client *
oa2_authorization_code_auth_get_client (OA2AuthorizationCodeAuth *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_CODE_AUTH (self), NULL);

  return self->client;
}

/**
 * oa2_authorization_code_auth_get_response: (get-property response)
 * @self: an auth handler
 *
 * Gets the authorization response whose code gives the first token.
 *
 * Returns: (transfer none): the response
 */
OA2AuthorizationResponse *
oa2_authorization_code_auth_get_response (OA2AuthorizationCodeAuth *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_CODE_AUTH (self), NULL);

  return self->response;
}

/**
 * oa2_authorization_code_auth_get_dpop_key: (get-property dpop-key)
 * @self: an auth handler
 *
 * Gets the DPoP key the first token is bound to.
 *
 * Returns: (transfer none) (nullable): the key, or %NULL
 */
OA2DPoPKey *
oa2_authorization_code_auth_get_dpop_key (OA2AuthorizationCodeAuth *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_CODE_AUTH (self), NULL);

  return self->dpop_key;
}
