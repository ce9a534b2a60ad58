/* oa2-desktop-sign-in.c: the whole sign-in of a desktop app, in the
 * system browser, back through a loopback receiver
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2DesktopSignIn:
 *
 * Signs a person in from a desktop app in one call: the authorization-code
 * flow of a native app (RFC 8252) with PKCE, state and nonce, in the
 * system browser, back through an [class@OA2.LoopbackReceiver].
 *
 * [method@OA2.DesktopSignIn.run_async]
 *
 * 1. opens a loopback port, whose address is the redirect URI;
 * 2. builds the [class@OA2.AuthorizationRequest] with
 *    [method@OA2.Client.new_authorization_request] (a new `state`, `nonce`
 *    and PKCE `S256` verifier), lets [signal@OA2.DesktopSignIn::prepare-request]
 *    add to it, and pushes it first (RFC 9126) when
 *    [property@OA2.DesktopSignIn:pushed] is set;
 * 3. opens the browser on the request's URI with
 *    g_app_info_launch_default_for_uri_async(), which goes through the
 *    OpenURI portal inside Flatpak; or, when the environment variable
 *    `OA2_BROWSER` names a command, runs that command with the URI as its
 *    last argument;
 * 4. waits for the browser to come back, checks the response (state,
 *    RFC 9207 `iss`, error responses) with
 *    [method@OA2.Client.validate_authorization_callback_async], so that
 *    signed responses (JARM) are verified with the server's keys;
 * 5. exchanges the code, and validates the ID token (signature, issuer,
 *    audience, nonce, `c_hash`…) as every token response is.
 *
 * ```c
 * g_autoptr(OA2DesktopSignIn) sign_in = oa2_desktop_sign_in_new (client, "openid email");
 *
 * oa2_desktop_sign_in_run_async (sign_in, cancellable, on_signed_in, self);
 * ```
 *
 * ```python
 * sign_in = OA2.DesktopSignIn.new(client, "openid email")
 * sign_in.run_async(None, on_signed_in)
 * ```
 *
 * The token that the callback gets holds the validated ID token
 * ([method@OA2.BearerToken.get_validated_id_token]). The redirect URI
 * must be registered with the server as `http://127.0.0.1/callback` (any
 * port; the path is the receiver's [property@OA2.LoopbackReceiver:path]).
 */

#include "config.h"

#include "oa2-authorization-request.h"
#include "oa2-browser-private.h"
#include "oa2-client-authorization.h"
#include "oa2-client-request-object.h"
#include "oa2-desktop-sign-in.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-loopback-receiver-private.h"

struct _OA2DesktopSignIn
{
  GObject              parent_instance;

  OA2Client           *client;
  char                *scope;
  OA2LoopbackReceiver *receiver;
  OA2DPoPKey          *dpop_key;
  gboolean             pushed;
  gboolean             encrypt_request_object;
  gboolean             open_browser;
  GAppLaunchContext   *launch_context;
  char                *authorization_uri;

  gboolean             running;
};

G_DEFINE_FINAL_TYPE (OA2DesktopSignIn, oa2_desktop_sign_in, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_SCOPE,
  PROP_RECEIVER,
  PROP_DPOP_KEY,
  PROP_PUSHED,
  PROP_ENCRYPT_REQUEST_OBJECT,
  PROP_OPEN_BROWSER,
  PROP_LAUNCH_CONTEXT,
  PROP_AUTHORIZATION_URI,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_PREPARE_REQUEST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One run */

typedef struct {
  OA2AuthorizationRequest *request;
  OA2DPoPKey              *dpop_key;
  GCancellable            *browser_watch;   /* cancelled when the receive ends */
  GError                  *browser_error;   /* why the browser never came back */
  gboolean                 received;
} Run;

static void
run_free (Run *run)
{
  g_clear_object (&run->request);
  g_clear_object (&run->dpop_key);
  g_cancellable_cancel (run->browser_watch);
  g_clear_object (&run->browser_watch);
  g_clear_error (&run->browser_error);
  g_free (run);
}

static void
run_return_error (GTask  *task,
                  GError *error)
{
  OA2DesktopSignIn *self = g_task_get_source_object (task);

  self->running = FALSE;
  oa2_loopback_receiver_stop (self->receiver);
  g_task_return_error (task, error);
}

static void
on_exchanged (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OA2DesktopSignIn *self = g_task_get_source_object (task);
  GError *error = NULL;
  OA2BearerToken *token = oa2_client_exchange_authorization_response_finish (OA2_CLIENT (source), result, &error);

  self->running = FALSE;
  if (token == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, g_object_unref);
}

static void
on_received (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OA2DesktopSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  response = oa2_loopback_receiver_receive_finish (OA2_LOOPBACK_RECEIVER (source), result, &error);
  run->received = TRUE;
  g_cancellable_cancel (run->browser_watch);
  if (response == NULL)
    {
      /* Stopped because the browser failed: say that instead. */
      if (run->browser_error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
        {
          g_clear_error (&error);
          error = g_steal_pointer (&run->browser_error);
        }
      run_return_error (task, error);
      return;
    }
  cancellable = g_task_get_cancellable (task);
  oa2_client_exchange_authorization_response_async (self->client, response, run->dpop_key, cancellable,
                                                    on_exchanged, g_steal_pointer (&task));
}

/* The browser cannot come back any more: end the wait with @error. */
static void
browser_failed (GTask  *task,
                GError *error)
{
  OA2DesktopSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  if (run->received || run->browser_error != NULL)
    {
      g_error_free (error);
      return;
    }
  run->browser_error = error;
  oa2_loopback_receiver_stop (self->receiver);
}

static void
on_browser_exited (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GSubprocess *process = G_SUBPROCESS (source);
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_wait_finish (process, result, &error))
    return;   /* cancelled: the receive ended first */

  /* A launcher that hands the address to a running browser exits at once
   * with 0; a browser command that fails or dies will never come back. */
  if (g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0)
    return;
  browser_failed (task, g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                     /* Translators: %s is an environment variable, %d an exit status */
                                     _("The browser command of %s failed (status %d) before the sign-in ended"),
                                     OA2_BROWSER_ENV,
                                     g_subprocess_get_if_exited (process) ?
                                       g_subprocess_get_exit_status (process) :
                                       128 + g_subprocess_get_term_sig (process)));
}

static void
on_browser_opened (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GSubprocess) process = NULL;
  GError *error = NULL;

  if (!oa2_browser_open_finish (result, &process, &error))
    {
      browser_failed (task, error);
      return;
    }
  if (process != NULL)
    g_subprocess_wait_async (process, run->browser_watch, on_browser_exited, g_steal_pointer (&task));
}

static void
wait_for_browser (GTask *task)
{
  OA2DesktopSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *uri = oa2_authorization_request_dup_uri (run->request, &error);

  if (uri == NULL)
    {
      run_return_error (task, error);
      return;
    }
  g_free (self->authorization_uri);
  self->authorization_uri = g_strdup (uri);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHORIZATION_URI]);

  /* Waiting before the browser starts: no answer can come too early. */
  oa2_loopback_receiver_receive_async (self->receiver, run->request, g_task_get_cancellable (task),
                                       on_received, g_object_ref (task));
  if (self->open_browser)
    oa2_browser_open_async (uri, self->launch_context, g_task_get_cancellable (task), on_browser_opened,
                            g_object_ref (task));
}

static void
on_pushed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!oa2_client_pushed_authorization_request_finish (OA2_CLIENT (source), result, &error))
    {
      run_return_error (task, error);
      return;
    }
  wait_for_browser (task);
}

/* Takes @task. */
static void
push_or_wait (GTask *task)
{
  OA2DesktopSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  if (self->pushed)
    oa2_client_pushed_authorization_request_async (self->client, run->request, run->dpop_key,
                                                   g_task_get_cancellable (task), on_pushed, task);
  else
    {
      wait_for_browser (task);
      g_object_unref (task);
    }
}

static void
on_encrypted (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!oa2_client_encrypt_request_object_finish (OA2_CLIENT (source), result, &error))
    {
      run_return_error (task, error);
      g_object_unref (task);
      return;
    }
  push_or_wait (task);
}

static gboolean
scope_has_openid (const char *scope)
{
  g_auto(GStrv) scopes = scope != NULL ? g_strsplit (scope, " ", -1) : NULL;

  return scopes != NULL && g_strv_contains ((const char * const *) scopes, "openid");
}

/* GObject */

static void
oa2_desktop_sign_in_dispose (GObject *object)
{
  OA2DesktopSignIn *self = OA2_DESKTOP_SIGN_IN (object);

  if (self->receiver != NULL)
    oa2_loopback_receiver_stop (self->receiver);
  g_clear_object (&self->receiver);
  g_clear_object (&self->client);
  g_clear_object (&self->dpop_key);
  g_clear_object (&self->launch_context);

  G_OBJECT_CLASS (oa2_desktop_sign_in_parent_class)->dispose (object);
}

static void
oa2_desktop_sign_in_finalize (GObject *object)
{
  OA2DesktopSignIn *self = OA2_DESKTOP_SIGN_IN (object);

  g_free (self->scope);
  g_free (self->authorization_uri);

  G_OBJECT_CLASS (oa2_desktop_sign_in_parent_class)->finalize (object);
}

static void
oa2_desktop_sign_in_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  OA2DesktopSignIn *self = OA2_DESKTOP_SIGN_IN (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_SCOPE:
      g_value_set_string (value, self->scope);
      break;
    case PROP_RECEIVER:
      g_value_set_object (value, self->receiver);
      break;
    case PROP_DPOP_KEY:
      g_value_set_object (value, self->dpop_key);
      break;
    case PROP_PUSHED:
      g_value_set_boolean (value, self->pushed);
      break;
    case PROP_ENCRYPT_REQUEST_OBJECT:
      g_value_set_boolean (value, self->encrypt_request_object);
      break;
    case PROP_OPEN_BROWSER:
      g_value_set_boolean (value, self->open_browser);
      break;
    case PROP_LAUNCH_CONTEXT:
      g_value_set_object (value, self->launch_context);
      break;
    case PROP_AUTHORIZATION_URI:
      g_value_set_string (value, self->authorization_uri);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_desktop_sign_in_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  OA2DesktopSignIn *self = OA2_DESKTOP_SIGN_IN (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_SCOPE:
      oa2_desktop_sign_in_set_scope (self, g_value_get_string (value));
      break;
    case PROP_DPOP_KEY:
      oa2_desktop_sign_in_set_dpop_key (self, g_value_get_object (value));
      break;
    case PROP_PUSHED:
      oa2_desktop_sign_in_set_pushed (self, g_value_get_boolean (value));
      break;
    case PROP_ENCRYPT_REQUEST_OBJECT:
      oa2_desktop_sign_in_set_encrypt_request_object (self, g_value_get_boolean (value));
      break;
    case PROP_OPEN_BROWSER:
      oa2_desktop_sign_in_set_open_browser (self, g_value_get_boolean (value));
      break;
    case PROP_LAUNCH_CONTEXT:
      oa2_desktop_sign_in_set_launch_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_desktop_sign_in_constructed (GObject *object)
{
  OA2DesktopSignIn *self = OA2_DESKTOP_SIGN_IN (object);

  G_OBJECT_CLASS (oa2_desktop_sign_in_parent_class)->constructed (object);
  g_return_if_fail (OA2_IS_CLIENT (self->client));
}

static void
oa2_desktop_sign_in_class_init (OA2DesktopSignInClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  oa2_i18n_init ();

  object_class->constructed = oa2_desktop_sign_in_constructed;
  object_class->dispose = oa2_desktop_sign_in_dispose;
  object_class->finalize = oa2_desktop_sign_in_finalize;
  object_class->get_property = oa2_desktop_sign_in_get_property;
  object_class->set_property = oa2_desktop_sign_in_set_property;

  /**
   * OA2DesktopSignIn:client:
   *
   * The client that signs the person in: its authorization and token
   * endpoints, client authentication, issuer and ID-token settings
   * (best from discovery, [ctor@OA2.Client.new_from_discovery]).
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, OA2_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2DesktopSignIn:scope:
   *
   * The scope to ask for, space-separated; `openid` by default. With
   * `openid`, the answer must hold an ID token, and it is validated.
   */
  properties[PROP_SCOPE] =
    g_param_spec_string ("scope", NULL, NULL, "openid",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2DesktopSignIn:receiver:
   *
   * The loopback receiver, to set its path, address family or timeout
   * before the run.
   */
  properties[PROP_RECEIVER] =
    g_param_spec_object ("receiver", NULL, NULL, OA2_TYPE_LOOPBACK_RECEIVER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * OA2DesktopSignIn:dpop-key:
   *
   * A DPoP key (RFC 9449) to bind the code (`dpop_jkt`) and the token
   * to, or %NULL.
   */
  properties[PROP_DPOP_KEY] =
    g_param_spec_object ("dpop-key", NULL, NULL, OA2_TYPE_DPOP_KEY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2DesktopSignIn:pushed:
   *
   * Whether to push the request to the server first (RFC 9126), so that
   * the browser carries only a `request_uri`. The client needs a pushed
   * authorization request endpoint.
   */
  properties[PROP_PUSHED] =
    g_param_spec_boolean ("pushed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2DesktopSignIn:encrypt-request-object:
   *
   * Whether to encrypt the request object to a key from the server's set
   * (RFC 9101 §6.1), with [method@OA2.Client.encrypt_request_object_async]
   * and the algorithms it picks. The request gets its signing key from a
   * [signal@OA2.DesktopSignIn::prepare-request] handler, with
   * [method@OA2.AuthorizationRequest.set_request_object_key]; the
   * encryption comes after the handler, before the push.
   */
  properties[PROP_ENCRYPT_REQUEST_OBJECT] =
    g_param_spec_boolean ("encrypt-request-object", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2DesktopSignIn:open-browser:
   *
   * Whether the run opens the browser itself, %TRUE by default. Set it to
   * %FALSE to show [property@OA2.DesktopSignIn:authorization-uri] some
   * other way.
   */
  properties[PROP_OPEN_BROWSER] =
    g_param_spec_boolean ("open-browser", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2DesktopSignIn:launch-context:
   *
   * The launch context for the browser, such as a GTK app's
   * `gdk_display_get_app_launch_context()`, for startup notification and
   * focus; or %NULL.
   */
  properties[PROP_LAUNCH_CONTEXT] =
    g_param_spec_object ("launch-context", NULL, NULL, G_TYPE_APP_LAUNCH_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2DesktopSignIn:authorization-uri:
   *
   * The address the browser is sent to; set, and notified, during the
   * run, just before the browser opens.
   */
  properties[PROP_AUTHORIZATION_URI] =
    g_param_spec_string ("authorization-uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OA2DesktopSignIn::prepare-request:
   * @self: the sign-in
   * @request: the authorization request, with its redirect URI, state,
   *   nonce and PKCE verifier set
   *
   * Emitted during the run before the request is pushed or its URI is
   * built, to set more of it: a `prompt`, a `login_hint`, `max_age`, a
   * resource or any other parameter; a `response_mode`, JARM's
   * `query.jwt`, `form_post.jwt` or `jwt` included (the receiver validates
   * with the client); a request-object key
   * ([method@OA2.AuthorizationRequest.set_request_object_key]), so that
   * the parameters travel signed (JAR, RFC 9101), pushed as well when
   * [property@OA2.DesktopSignIn:pushed] is set.
   */
  signals[SIGNAL_PREPARE_REQUEST] =
    g_signal_new ("prepare-request", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, OA2_TYPE_AUTHORIZATION_REQUEST);
}

static void
oa2_desktop_sign_in_init (OA2DesktopSignIn *self)
{
  self->scope = g_strdup ("openid");
  self->open_browser = TRUE;
  self->receiver = oa2_loopback_receiver_new ();
}

/**
 * oa2_desktop_sign_in_new:
 * @client: the client
 * @scope: (nullable): the scope, space-separated; %NULL for `openid`
 *
 * Creates a sign-in for @client.
 *
 * Returns: (transfer full): the sign-in
 */
OA2DesktopSignIn *
oa2_desktop_sign_in_new (OA2Client  *client,
                         const char *scope)
{
  g_return_val_if_fail (OA2_IS_CLIENT (client), NULL);

  return g_object_new (OA2_TYPE_DESKTOP_SIGN_IN, "client", client,
                       "scope", scope != NULL ? scope : "openid", NULL);
}

/**
 * oa2_desktop_sign_in_get_client:
 * @self: a sign-in
 *
 * Gets [property@OA2.DesktopSignIn:client].
 *
 * Returns: (transfer none): the client
 */
OA2Client *
oa2_desktop_sign_in_get_client (OA2DesktopSignIn *self)
{
  g_return_val_if_fail (OA2_IS_DESKTOP_SIGN_IN (self), NULL);
  return self->client;
}

/**
 * oa2_desktop_sign_in_get_scope:
 * @self: a sign-in
 *
 * Gets [property@OA2.DesktopSignIn:scope].
 *
 * Returns: (nullable): the scope
 */
const char *
oa2_desktop_sign_in_get_scope (OA2DesktopSignIn *self)
{
  g_return_val_if_fail (OA2_IS_DESKTOP_SIGN_IN (self), NULL);
  return self->scope;
}

/**
 * oa2_desktop_sign_in_set_scope:
 * @self: a sign-in
 * @scope: (nullable): the scope, space-separated, or %NULL for none
 *
 * Sets [property@OA2.DesktopSignIn:scope].
 */
void
oa2_desktop_sign_in_set_scope (OA2DesktopSignIn *self,
                               const char       *scope)
{
  g_return_if_fail (OA2_IS_DESKTOP_SIGN_IN (self));

  if (g_strcmp0 (self->scope, scope) == 0)
    return;
  g_free (self->scope);
  self->scope = g_strdup (scope);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPE]);
}

/**
 * oa2_desktop_sign_in_get_receiver:
 * @self: a sign-in
 *
 * Gets [property@OA2.DesktopSignIn:receiver].
 *
 * Returns: (transfer none): the loopback receiver
 */
OA2LoopbackReceiver *
oa2_desktop_sign_in_get_receiver (OA2DesktopSignIn *self)
{
  g_return_val_if_fail (OA2_IS_DESKTOP_SIGN_IN (self), NULL);
  return self->receiver;
}

/**
 * oa2_desktop_sign_in_get_dpop_key:
 * @self: a sign-in
 *
 * Gets [property@OA2.DesktopSignIn:dpop-key].
 *
 * Returns: (transfer none) (nullable): the DPoP key
 */
OA2DPoPKey *
oa2_desktop_sign_in_get_dpop_key (OA2DesktopSignIn *self)
{
  g_return_val_if_fail (OA2_IS_DESKTOP_SIGN_IN (self), NULL);
  return self->dpop_key;
}

/**
 * oa2_desktop_sign_in_set_dpop_key:
 * @self: a sign-in
 * @dpop_key: (nullable): a DPoP key, or %NULL
 *
 * Sets [property@OA2.DesktopSignIn:dpop-key].
 */
void
oa2_desktop_sign_in_set_dpop_key (OA2DesktopSignIn *self,
                                  OA2DPoPKey       *dpop_key)
{
  g_return_if_fail (OA2_IS_DESKTOP_SIGN_IN (self));
  g_return_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key));

  if (g_set_object (&self->dpop_key, dpop_key))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DPOP_KEY]);
}

/**
 * oa2_desktop_sign_in_get_pushed:
 * @self: a sign-in
 *
 * Gets [property@OA2.DesktopSignIn:pushed].
 *
 * Returns: whether the request is pushed first
 */
gboolean
oa2_desktop_sign_in_get_pushed (OA2DesktopSignIn *self)
{
  g_return_val_if_fail (OA2_IS_DESKTOP_SIGN_IN (self), FALSE);
  return self->pushed;
}

/**
 * oa2_desktop_sign_in_set_pushed:
 * @self: a sign-in
 * @pushed: whether to push the request first (RFC 9126)
 *
 * Sets [property@OA2.DesktopSignIn:pushed].
 */
void
oa2_desktop_sign_in_set_pushed (OA2DesktopSignIn *self,
                                gboolean          pushed)
{
  g_return_if_fail (OA2_IS_DESKTOP_SIGN_IN (self));

  pushed = !!pushed;
  if (self->pushed == pushed)
    return;
  self->pushed = pushed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUSHED]);
}

/**
 * oa2_desktop_sign_in_get_encrypt_request_object:
 * @self: a sign-in
 *
 * Gets [property@OA2.DesktopSignIn:encrypt-request-object].
 *
 * Returns: whether the request object is encrypted to the server
 */
gboolean
oa2_desktop_sign_in_get_encrypt_request_object (OA2DesktopSignIn *self)
{
  g_return_val_if_fail (OA2_IS_DESKTOP_SIGN_IN (self), FALSE);
  return self->encrypt_request_object;
}

/**
 * oa2_desktop_sign_in_set_encrypt_request_object:
 * @self: a sign-in
 * @encrypt: whether to encrypt the request object to the server
 *
 * Sets [property@OA2.DesktopSignIn:encrypt-request-object].
 */
void
oa2_desktop_sign_in_set_encrypt_request_object (OA2DesktopSignIn *self,
                                                gboolean          encrypt)
{
  g_return_if_fail (OA2_IS_DESKTOP_SIGN_IN (self));

  encrypt = !!encrypt;
  if (self->encrypt_request_object == encrypt)
    return;
  self->encrypt_request_object = encrypt;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENCRYPT_REQUEST_OBJECT]);
}

/**
 * oa2_desktop_sign_in_get_open_browser:
 * @self: a sign-in
 *
 * Gets [property@OA2.DesktopSignIn:open-browser].
 *
 * Returns: whether the run opens the browser
 */
gboolean
oa2_desktop_sign_in_get_open_browser (OA2DesktopSignIn *self)
{
  g_return_val_if_fail (OA2_IS_DESKTOP_SIGN_IN (self), FALSE);
  return self->open_browser;
}

/**
 * oa2_desktop_sign_in_set_open_browser:
 * @self: a sign-in
 * @open_browser: whether the run opens the browser
 *
 * Sets [property@OA2.DesktopSignIn:open-browser].
 */
void
oa2_desktop_sign_in_set_open_browser (OA2DesktopSignIn *self,
                                      gboolean          open_browser)
{
  g_return_if_fail (OA2_IS_DESKTOP_SIGN_IN (self));

  open_browser = !!open_browser;
  if (self->open_browser == open_browser)
    return;
  self->open_browser = open_browser;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN_BROWSER]);
}

/**
 * oa2_desktop_sign_in_get_launch_context:
 * @self: a sign-in
 *
 * Gets [property@OA2.DesktopSignIn:launch-context].
 *
 * Returns: (transfer none) (nullable): the launch context
 */
GAppLaunchContext *
oa2_desktop_sign_in_get_launch_context (OA2DesktopSignIn *self)
{
  g_return_val_if_fail (OA2_IS_DESKTOP_SIGN_IN (self), NULL);
  return self->launch_context;
}

/**
 * oa2_desktop_sign_in_set_launch_context:
 * @self: a sign-in
 * @launch_context: (nullable): a launch context, or %NULL
 *
 * Sets [property@OA2.DesktopSignIn:launch-context].
 */
void
oa2_desktop_sign_in_set_launch_context (OA2DesktopSignIn  *self,
                                        GAppLaunchContext *launch_context)
{
  g_return_if_fail (OA2_IS_DESKTOP_SIGN_IN (self));
  g_return_if_fail (launch_context == NULL || G_IS_APP_LAUNCH_CONTEXT (launch_context));

  if (g_set_object (&self->launch_context, launch_context))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAUNCH_CONTEXT]);
}

/**
 * oa2_desktop_sign_in_get_authorization_uri:
 * @self: a sign-in
 *
 * Gets [property@OA2.DesktopSignIn:authorization-uri].
 *
 * Returns: (nullable): the address the browser is sent to, or %NULL
 *   before a run reached that point
 */
const char *
oa2_desktop_sign_in_get_authorization_uri (OA2DesktopSignIn *self)
{
  g_return_val_if_fail (OA2_IS_DESKTOP_SIGN_IN (self), NULL);
  return self->authorization_uri;
}

/**
 * oa2_desktop_sign_in_run_async:
 * @self: a sign-in
 * @cancellable: (nullable): a #GCancellable, to give up (the user closed
 *   the app's sign-in dialog)
 * @callback: (scope async): called when the person signed in, or the
 *   sign-in failed
 * @user_data: data for @callback
 *
 * Runs the whole sign-in (see [class@OA2.DesktopSignIn]). @callback runs
 * in the thread-default main context of this call. Finish with
 * [method@OA2.DesktopSignIn.run_finish]. One run at a time.
 */
void
oa2_desktop_sign_in_run_async (OA2DesktopSignIn    *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Run *run;

  g_return_if_fail (OA2_IS_DESKTOP_SIGN_IN (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, oa2_desktop_sign_in_run_async);
  g_task_set_name (task, "[oauth2client-glib] desktop sign-in");
  if (self->running)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("This sign-in is already running"));
      return;
    }

  /* An OpenID sign-in is worth nothing without a validated ID token, and
   * only a client that knows its issuer validates one. */
  if (scope_has_openid (self->scope) && oa2_client_get_issuer (self->client) == NULL)
    {
      g_task_return_new_error (task, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                               _("The client has no issuer, so the ID token could not be validated: "
                                 "make the client from discovery, or set its issuer and keys"));
      return;
    }

  run = g_new0 (Run, 1);
  run->browser_watch = g_cancellable_new ();
  run->dpop_key = self->dpop_key != NULL ? g_object_ref (self->dpop_key) : NULL;
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  self->running = TRUE;

  /* The client has the server's keys: it validates the response, JARM's
   * signed ones too. */
  oa2_loopback_receiver_set_client (self->receiver, self->client);
  if (!oa2_loopback_receiver_listen (self->receiver, &error))
    {
      run_return_error (task, error);
      return;
    }
  run->request = oa2_client_new_authorization_request (self->client,
                                                       oa2_loopback_receiver_get_redirect_uri (self->receiver),
                                                       self->scope, &error);
  if (run->request == NULL)
    {
      run_return_error (task, error);
      return;
    }
  /* RFC 9449 §10: only this key redeems the code. */
  if (run->dpop_key != NULL)
    oa2_authorization_request_set_dpop_key (run->request, run->dpop_key);
  g_signal_emit (self, signals[SIGNAL_PREPARE_REQUEST], 0, run->request);
  /* A handler that found the request wanting cancels: no browser opens;
   * nor does it for a response the receiver could never take. */
  if (g_cancellable_set_error_if_cancelled (cancellable, &error) ||
      !oa2_loopback_receiver_check_request (self->receiver, run->request, &error))
    {
      run_return_error (task, error);
      return;
    }

  if (self->encrypt_request_object)
    oa2_client_encrypt_request_object_async (self->client, run->request, NULL, NULL, cancellable,
                                             on_encrypted, g_steal_pointer (&task));
  else
    push_or_wait (g_steal_pointer (&task));
}

/**
 * oa2_desktop_sign_in_run_finish:
 * @self: a sign-in
 * @result: the #GAsyncResult passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.DesktopSignIn.run_async].
 *
 * Returns: (transfer full): the token, its ID token validated, or %NULL
 *   with @error set: an %OA2_OAUTH_ERROR from the server (such as
 *   `access_denied` when the person declined), an %OA2_ERROR from the
 *   checks (%OA2_ERROR_INVALID_ARGUMENT at once for an `openid` scope
 *   and a client without an issuer, whose ID token nothing could
 *   validate), %G_IO_ERROR_TIMED_OUT when the browser did not come back in
 *   time, %G_IO_ERROR_CANCELLED, or the error of opening the browser
 */
OA2BearerToken *
oa2_desktop_sign_in_run_finish (OA2DesktopSignIn  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (OA2_IS_DESKTOP_SIGN_IN (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == oa2_desktop_sign_in_run_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/**
 * oa2_desktop_sign_in_run:
 * @self: a sign-in
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Runs the whole sign-in, as [method@OA2.DesktopSignIn.run_async] does,
 * and blocks until it ends, for command-line tools and scripts. It runs a
 * main context of its own: a GUI app should use the asynchronous call, so
 * that its window stays alive while the person signs in.
 *
 * Returns: (transfer full): the token, or %NULL with @error set (see
 *   [method@OA2.DesktopSignIn.run_finish])
 */
OA2BearerToken *
oa2_desktop_sign_in_run (OA2DesktopSignIn  *self,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  OA2BearerToken *token;

  g_return_val_if_fail (OA2_IS_DESKTOP_SIGN_IN (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  oa2_desktop_sign_in_run_async (self, cancellable, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  token = oa2_desktop_sign_in_run_finish (self, result, error);
  /* Let the last page reach the browser, then close the port, which
   * lives in this context. */
  while (g_main_context_pending (context))
    g_main_context_iteration (context, FALSE);
  oa2_loopback_receiver_stop (self->receiver);
  g_main_context_pop_thread_default (context);
  return token;
}
