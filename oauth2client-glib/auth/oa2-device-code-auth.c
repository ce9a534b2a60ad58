/* oa2-device-code-auth.c: tokens from a device-flow sign-in, then refreshed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2DeviceCodeAuth:
 *
 * An auth handler for a device without a browser (RFC 8628): it holds the
 * [class@OA2.DeviceAuthorizationResponse] of
 * [method@OA2.Client.authorize_device] and, on first use, polls the token
 * endpoint through an [class@OA2.TokenPoller] (interval, `slow_down`,
 * expiry) until the user has approved the device on another one. From
 * then on it refreshes the token with its refresh token whenever it is
 * about to expire or a resource server refuses it.
 *
 * Show the user the response's verification URI and user code before the
 * first call that needs a token: that call waits for the approval.
 * However many callers need the first token, there is one poll. A user
 * who denies (`access_denied`) or lets the code expire fails the poll with
 * the server's error; after that the handler has no token to refresh and
 * fails with %OA2_ERROR_SIGN_IN_REQUIRED. A transport error or a
 * cancellation leaves the device code for the next attempt.
 *
 * ```c
 * device = oa2_client_authorize_device (client, "openid offline_access", NULL, NULL, NULL, &error);
 * g_print ("Visit %s and enter %s\n", oa2_device_authorization_response_get_verification_uri (device),
 *          oa2_device_authorization_response_get_user_code (device));
 * auth = oa2_device_code_auth_new (client, device, NULL);
 * oa2_auth_ensure_token_async (OA2_AUTH (auth), NULL, on_signed_in, NULL);
 * ```
 *
 * ```python
 * auth = OA2.DeviceCodeAuth.new(client, device, None)
 * auth.ensure_token_async(None, on_signed_in)
 * ```
 */

#include "config.h"

#include "oa2-device-code-auth.h"
#include "oa2-auth-private.h"
#include "oa2-token-poller.h"
#include "oa2-error-private.h"

struct _OA2DeviceCodeAuth
{
  OA2Auth                   parent_instance;

  OA2Client                *client;
  OA2DeviceAuthorizationResponse *response;
  OA2DPoPKey               *dpop_key;
  OA2TokenPoller           *poller;       /* made at construction */
  gint                      code_taken;   /* atomic: one poll at a time */
};

G_DEFINE_FINAL_TYPE (OA2DeviceCodeAuth, oa2_device_code_auth, OA2_TYPE_AUTH)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_RESPONSE,
  PROP_DPOP_KEY,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

/* Whether this renewal polls with the device code (and takes it). */
static gboolean
take_code (OA2DeviceCodeAuth *self,
           OA2BearerToken           *current)
{
  return current == NULL && g_atomic_int_compare_and_exchange (&self->code_taken, 0, 1);
}

/* A refused device code needs a new sign-in; one whose poll was cut
 * short (transport error, cancellation) may be polled again. */
static GError *
code_failed (OA2DeviceCodeAuth *self,
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
  OA2DeviceCodeAuth *self = OA2_DEVICE_CODE_AUTH (auth);
  GError *local_error = NULL;
  OA2BearerToken *token;

  if (!take_code (self, current))
    return oa2_auth_refresh (self->client, current, cancellable, error);
  token = oa2_token_poller_poll (self->poller, cancellable, &local_error);
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
on_polled (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OA2DeviceCodeAuth *self = g_task_get_source_object (task);
  GError *error = NULL;
  OA2BearerToken *token;

  token = oa2_token_poller_poll_finish (OA2_TOKEN_POLLER (source), result, &error);
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
  OA2DeviceCodeAuth *self = OA2_DEVICE_CODE_AUTH (auth);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, renew_async);
  if (!take_code (self, current))
    oa2_auth_refresh_async (self->client, current, cancellable, on_refreshed, task);
  else
    oa2_token_poller_poll_async (self->poller, cancellable, on_polled, task);
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
oa2_device_code_auth_finalize (GObject *object)
{
  OA2DeviceCodeAuth *self = OA2_DEVICE_CODE_AUTH (object);

  g_clear_object (&self->client);
  g_clear_object (&self->response);
  g_clear_object (&self->dpop_key);
  g_clear_object (&self->poller);

  G_OBJECT_CLASS (oa2_device_code_auth_parent_class)->finalize (object);
}

static void
oa2_device_code_auth_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  OA2DeviceCodeAuth *self = OA2_DEVICE_CODE_AUTH (object);

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
oa2_device_code_auth_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  OA2DeviceCodeAuth *self = OA2_DEVICE_CODE_AUTH (object);

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
oa2_device_code_auth_constructed (GObject *object)
{
  OA2DeviceCodeAuth *self = OA2_DEVICE_CODE_AUTH (object);

  G_OBJECT_CLASS (oa2_device_code_auth_parent_class)->constructed (object);

  if (self->client == NULL || self->response == NULL)
    {
      g_critical ("OA2DeviceCodeAuth needs a client and a device authorization response");
      return;
    }
  self->poller = oa2_token_poller_new_for_device (self->client, self->response, self->dpop_key);
}

static void
oa2_device_code_auth_class_init (OA2DeviceCodeAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OA2AuthClass *auth_class = OA2_AUTH_CLASS (klass);

  object_class->constructed = oa2_device_code_auth_constructed;
  object_class->finalize = oa2_device_code_auth_finalize;
  object_class->get_property = oa2_device_code_auth_get_property;
  object_class->set_property = oa2_device_code_auth_set_property;
  auth_class->renew = renew;
  auth_class->renew_async = renew_async;
  auth_class->renew_finish = renew_finish;

  /**
   * OA2DeviceCodeAuth:client: (getter get_client)
   *
   * The client that polls for the first token and refreshes the tokens.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, OA2_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2DeviceCodeAuth:response: (getter get_response)
   *
   * The device authorization response whose device code gives the first
   * token.
   */
  properties[PROP_RESPONSE] =
    g_param_spec_object ("response", NULL, NULL, OA2_TYPE_DEVICE_AUTHORIZATION_RESPONSE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2DeviceCodeAuth:dpop-key: (getter get_dpop_key)
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
oa2_device_code_auth_init (OA2DeviceCodeAuth *self)
{
}

/**
 * oa2_device_code_auth_new:
 * @client: the client that polls for the first token and refreshes the tokens
 * @response: the response of [method@OA2.Client.authorize_device]
 * @dpop_key: (nullable): the DPoP key to bind the first token to, or %NULL
 *
 * Makes an auth handler whose first token comes from polling with
 * @response's device code.
 *
 * Returns: (transfer full): the handler
 */
OA2DeviceCodeAuth *
oa2_device_code_auth_new (OA2Client                *client,
                                 OA2DeviceAuthorizationResponse *response,
                                 OA2DPoPKey               *dpop_key)
{
  g_return_val_if_fail (OA2_IS_CLIENT (client), NULL);
  g_return_val_if_fail (OA2_IS_DEVICE_AUTHORIZATION_RESPONSE (response), NULL);
  g_return_val_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key), NULL);

  return g_object_new (OA2_TYPE_DEVICE_CODE_AUTH, "client", client, "response", response,
                       "dpop-key", dpop_key, NULL);
}

/**
 * oa2_device_code_auth_get_client: (get-property client)
 * @self: an auth handler
 *
 * Gets the client that polls for the first token and refreshes the tokens.
 *
 * Returns: (transfer none): the client
 */
OA2Client *
oa2_device_code_auth_get_client (OA2DeviceCodeAuth *self)
{
  g_return_val_if_fail (OA2_IS_DEVICE_CODE_AUTH (self), NULL);

  return self->client;
}

/**
 * oa2_device_code_auth_get_response: (get-property response)
 * @self: an auth handler
 *
 * Gets the device authorization response whose device code gives the
 * first token.
 *
 * Returns: (transfer none): the response
 */
OA2DeviceAuthorizationResponse *
oa2_device_code_auth_get_response (OA2DeviceCodeAuth *self)
{
  g_return_val_if_fail (OA2_IS_DEVICE_CODE_AUTH (self), NULL);

  return self->response;
}

/**
 * oa2_device_code_auth_get_dpop_key: (get-property dpop-key)
 * @self: an auth handler
 *
 * Gets the DPoP key the first token is bound to.
 *
 * Returns: (transfer none) (nullable): the key, or %NULL
 */
OA2DPoPKey *
oa2_device_code_auth_get_dpop_key (OA2DeviceCodeAuth *self)
{
  g_return_val_if_fail (OA2_IS_DEVICE_CODE_AUTH (self), NULL);

  return self->dpop_key;
}
