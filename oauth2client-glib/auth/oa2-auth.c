/* oa2-auth.c: a token provider that renews its token before it expires
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2Auth:
 *
 * An auth handler: it holds an access token, gives it out while it is
 * fresh and gets a new one when it is not, so that an application calls
 * APIs without thinking about tokens.
 *
 * [method@OA2.Auth.ensure_token] returns the current token unless it
 * expires within [property@OA2.Auth:leeway] seconds (20 by default), and
 * renews it otherwise. [method@OA2.Auth.authorize_message] does that and
 * stamps a [class@Soup.Message] with the token: `Authorization` and, for a
 * [class@OA2.DPoPToken], a fresh DPoP proof per attempt.
 * [method@OA2.Auth.retry_message] handles the 401 of a resource server:
 * `invalid_token` (the server no longer takes the token, though it has not
 * expired by its clock) renews the token once and stamps the message again;
 * `use_dpop_nonce` stamps it again with the nonce.
 *
 * ```c
 * if (!oa2_auth_authorize_message (auth, msg, cancellable, &error))
 *   return FALSE;
 * body = soup_session_send_and_read (session, msg, cancellable, &error);
 * if (body != NULL && oa2_auth_retry_message (auth, msg, cancellable, &error))
 *   {
 *     g_bytes_unref (body);
 *     body = soup_session_send_and_read (session, msg, cancellable, &error);
 *   }
 * ```
 *
 * ```python
 * auth = OA2.ClientCredentialsAuth.new(client, 'api:read')
 * auth.authorize_message(msg, None)
 * body = session.send_and_read(msg, None)
 * if auth.retry_message(msg, None):
 *     body = session.send_and_read(msg, None)
 * ```
 *
 * ## One renewal at a time
 *
 * However many callers need a token at once, there is one renewal:
 * asynchronous callers that arrive while one is in flight wait for it, and
 * its token, or its error, reaches every one of them. Cancelling the
 * #GCancellable of one caller completes that caller at once with
 * %G_IO_ERROR_CANCELLED and leaves the renewal and the other callers as
 * they were. When the last waiting caller is cancelled, the renewal is
 * cancelled too, since nobody wants its result; the next caller starts a
 * new one. A token that arrives nonetheless (the server had answered
 * already) is kept, since the server may have rotated the refresh token.
 *
 * Blocking callers ([method@OA2.Auth.ensure_token]) on several threads
 * likewise share one blocking renewal. A blocking call does not wait for
 * an asynchronous renewal in flight, whose main context it cannot run.
 *
 * ## Signing in again
 *
 * When the token cannot be renewed without the user (the server answers
 * the refresh token with `invalid_grant`, or there is no refresh token),
 * the handler drops its token, emits [signal@OA2.Auth::token-changed] with
 * %NULL and fails with %OA2_ERROR_SIGN_IN_REQUIRED.
 *
 * ## Threads
 *
 * The handler may be used from any thread. Asynchronous calls complete in
 * the thread-default main context of the thread that starts them.
 * [signal@OA2.Auth::token-changed] and the notification of
 * [property@OA2.Auth:token] are emitted in the thread-default main context
 * of the thread that made the handler, whichever thread renewed the token.
 *
 * The subclasses are [class@OA2.AccessTokenAuth],
 * [class@OA2.ClientCredentialsAuth] and [class@OA2.TokenExchangeAuth].
 */

#include "config.h"

#include <string.h>

#include "oa2-auth.h"
#include "oa2-auth-private.h"
#include "oa2-dpop-nonces-private.h"
#include "oa2-dpop-token.h"
#include "oa2-error-private.h"
#include "oa2-i18n-private.h"

#define DEFAULT_LEEWAY_SECONDS 20
#define STAMP_KEY "oa2-auth-stamp"

/* One renewal in flight and the asynchronous callers waiting for it. */
typedef struct
{
  OA2Auth        *auth;          /* strong: a renewal keeps its handler */
  OA2BearerToken *stale;         /* the token it replaces, or NULL */
  GCancellable   *cancellable;   /* its own: no caller's cancellation reaches it */
  GPtrArray      *waiters;       /* GTask, each holding a Waiter */
} Flight;

/* The task data of one asynchronous caller. */
typedef struct
{
  Flight  *flight;         /* NULL once the flight completed it; under the lock */
  GSource *cancel_source;  /* watches the caller's cancellable, or NULL */
} Waiter;

/* What a handler leaves on a message it stamped. */
typedef struct
{
  OA2Auth        *auth;
  OA2BearerToken *token;
  gboolean        renewed;   /* one renewal per message, so no loop */
} Stamp;

typedef struct
{
  GMutex          lock;        /* token, flight, leeway */
  GMutex          renew_lock;  /* held through a blocking renewal */
  OA2BearerToken *token;
  guint           leeway;
  Flight         *flight;      /* the asynchronous renewal callers may join */
  GMainContext   *context;     /* where token-changed is emitted */
  GThread        *thread;      /* the thread that made the handler */
  gboolean        constructed; /* a token given at construction is no change */
} OA2AuthPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (OA2Auth, oa2_auth, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TOKEN,
  PROP_LEEWAY,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_TOKEN_CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------------- */
/* The token and its change */

typedef struct
{
  OA2Auth        *auth;
  OA2BearerToken *token;
} Change;

static void
change_free (gpointer data)
{
  Change *change = data;

  g_object_unref (change->auth);
  g_clear_object (&change->token);
  g_free (change);
}

static gboolean
emit_change (gpointer data)
{
  Change *change = data;

  g_signal_emit (change->auth, signals[SIGNAL_TOKEN_CHANGED], 0, change->token);
  g_object_notify_by_pspec (G_OBJECT (change->auth), properties[PROP_TOKEN]);
  return G_SOURCE_REMOVE;
}

/* Runs at once in the handler's own thread or context, else there, later.
 * Not g_main_context_invoke(): another thread without a context of its
 * own would acquire the global default one and emit the signal itself. */
static void
announce_change (OA2Auth        *self,
                 OA2BearerToken *token)
{
  OA2AuthPrivate *priv = oa2_auth_get_instance_private (self);
  Change *change = g_new0 (Change, 1);
  g_autoptr(GMainContext) current = g_main_context_ref_thread_default ();

  change->auth = g_object_ref (self);
  change->token = token != NULL ? g_object_ref (token) : NULL;
  if (g_main_context_is_owner (priv->context) ||
      (g_thread_self () == priv->thread && current == priv->context))
    {
      emit_change (change);
      change_free (change);
    }
  else
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, emit_change, change, change_free);
      g_source_set_static_name (source, "[oa2] token-changed");
      g_source_attach (source, priv->context);
      g_source_unref (source);
    }
}

/* Under the lock. Returns whether the token changed. */
static gboolean
replace_token_locked (OA2Auth        *self,
                      OA2BearerToken *token)
{
  OA2AuthPrivate *priv = oa2_auth_get_instance_private (self);

  if (priv->token == token)
    return FALSE;
  g_clear_object (&priv->token);
  priv->token = token != NULL ? g_object_ref (token) : NULL;
  return TRUE;
}

/* Under the lock: the current token if callers may use it, else NULL. A
 * token the resource server refused (@refused) is not fresh, whatever its
 * expiry says. */
static OA2BearerToken *
dup_fresh_token_locked (OA2Auth        *self,
                        OA2BearerToken *refused)
{
  OA2AuthPrivate *priv = oa2_auth_get_instance_private (self);

  if (priv->token == NULL || priv->token == refused ||
      oa2_bearer_token_is_expired (priv->token, priv->leeway))
    return NULL;
  return g_object_ref (priv->token);
}

/* The current token when it needs no renewal, else NULL: lets a caller
 * that holds a fresh token go on without a round through the main loop. */
OA2BearerToken *
oa2_auth_dup_fresh_token (OA2Auth *self)
{
  OA2AuthPrivate *priv = oa2_auth_get_instance_private (self);
  OA2BearerToken *token;

  g_mutex_lock (&priv->lock);
  token = dup_fresh_token_locked (self, NULL);
  g_mutex_unlock (&priv->lock);
  return token;
}

/* What a renewal that replaced @stale ended with, under the lock: a new
 * token, unless someone set another one meanwhile; for a sign-in error, no
 * token. Returns whether the token changed. */
static gboolean
settle_locked (OA2Auth        *self,
               OA2BearerToken *stale,
               OA2BearerToken *renewed,
               const GError   *error)
{
  OA2AuthPrivate *priv = oa2_auth_get_instance_private (self);

  if (priv->token != stale)
    return FALSE;
  if (renewed != NULL)
    return replace_token_locked (self, renewed);
  if (g_error_matches (error, OA2_ERROR, OA2_ERROR_SIGN_IN_REQUIRED))
    return replace_token_locked (self, NULL);
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Blocking renewal */

static OA2BearerToken *
ensure_token_sync (OA2Auth        *self,
                   OA2BearerToken *refused,
                   GCancellable   *cancellable,
                   GError        **error)
{
  OA2AuthPrivate *priv = oa2_auth_get_instance_private (self);
  g_autoptr(OA2BearerToken) current = NULL;
  g_autoptr(OA2BearerToken) renewed = NULL;
  g_autoptr(GError) local_error = NULL;
  OA2BearerToken *token;
  gboolean changed;

  g_mutex_lock (&priv->lock);
  token = dup_fresh_token_locked (self, refused);
  g_mutex_unlock (&priv->lock);
  if (token != NULL)
    return token;

  /* Threads that arrive during a renewal wait here, then find its token. */
  g_mutex_lock (&priv->renew_lock);
  g_mutex_lock (&priv->lock);
  token = dup_fresh_token_locked (self, refused);
  current = priv->token != NULL ? g_object_ref (priv->token) : NULL;
  g_mutex_unlock (&priv->lock);
  if (token != NULL)
    {
      g_mutex_unlock (&priv->renew_lock);
      return token;
    }

  renewed = OA2_AUTH_GET_CLASS (self)->renew (self, current, cancellable, &local_error);
  g_return_val_if_fail ((renewed != NULL) != (local_error != NULL), NULL);

  g_mutex_lock (&priv->lock);
  changed = settle_locked (self, current, renewed, local_error);
  g_mutex_unlock (&priv->lock);
  g_mutex_unlock (&priv->renew_lock);

  if (changed)
    announce_change (self, renewed);
  if (renewed == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&renewed);
}

/* ---------------------------------------------------------------------- */
/* Asynchronous renewal, shared */

static void
waiter_free (gpointer data)
{
  Waiter *waiter = data;

  /* The flight destroyed the source before completing the task. */
  g_assert (waiter->cancel_source == NULL);
  g_free (waiter);
}

static void
flight_free (Flight *flight)
{
  g_object_unref (flight->auth);
  g_clear_object (&flight->stale);
  g_object_unref (flight->cancellable);
  g_ptr_array_unref (flight->waiters);
  g_free (flight);
}

static void
on_renewed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Flight *flight = user_data;
  OA2Auth *self = flight->auth;
  OA2AuthPrivate *priv = oa2_auth_get_instance_private (self);
  g_autoptr(OA2BearerToken) renewed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) waiters = NULL;
  gboolean changed;

  renewed = OA2_AUTH_GET_CLASS (self)->renew_finish (self, result, &error);
  if ((renewed == NULL) == (error == NULL))
    {
      g_critical ("%s's renew_finish returned %s", G_OBJECT_TYPE_NAME (self),
                  renewed == NULL ? "neither a token nor an error" : "a token and an error");
      g_clear_object (&renewed);
      g_clear_error (&error);
      error = g_error_new_literal (OA2_ERROR, OA2_ERROR_FAILED, _("The token could not be renewed"));
    }

  g_mutex_lock (&priv->lock);
  if (priv->flight == flight)
    priv->flight = NULL;
  changed = settle_locked (self, flight->stale, renewed, error);
  waiters = g_steal_pointer (&flight->waiters);
  flight->waiters = g_ptr_array_new ();
  for (guint i = 0; i < waiters->len; i++)
    {
      Waiter *waiter = g_task_get_task_data (waiters->pdata[i]);

      waiter->flight = NULL;
    }
  g_mutex_unlock (&priv->lock);

  if (changed)
    announce_change (self, renewed);

  /* First every source, so that a callback that cancels another caller's
   * cancellable cannot complete that caller a second time. */
  for (guint i = 0; i < waiters->len; i++)
    {
      Waiter *waiter = g_task_get_task_data (waiters->pdata[i]);

      if (waiter->cancel_source != NULL)
        {
          g_source_destroy (waiter->cancel_source);
          g_clear_pointer (&waiter->cancel_source, g_source_unref);
        }
    }
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = waiters->pdata[i];

      if (renewed != NULL)
        g_task_return_pointer (task, g_object_ref (renewed), g_object_unref);
      else
        g_task_return_error (task, g_error_copy (error));
    }

  flight_free (flight);
}

/* One caller gives up: it completes now; the renewal goes on for the
 * others, or stops when nobody is left waiting. */
static gboolean
on_waiter_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  GTask *task = user_data;
  Waiter *waiter = g_task_get_task_data (task);
  OA2Auth *self = g_task_get_source_object (task);
  OA2AuthPrivate *priv = oa2_auth_get_instance_private (self);
  g_autoptr(GCancellable) abandon = NULL;
  Flight *flight;

  g_mutex_lock (&priv->lock);
  flight = waiter->flight;
  if (flight == NULL)
    {
      /* The flight completes this task itself. */
      g_mutex_unlock (&priv->lock);
      return G_SOURCE_REMOVE;
    }
  waiter->flight = NULL;
  g_object_ref (task);
  g_ptr_array_remove (flight->waiters, task);
  if (flight->waiters->len == 0)
    {
      if (priv->flight == flight)
        priv->flight = NULL;
      abandon = g_object_ref (flight->cancellable);
    }
  g_mutex_unlock (&priv->lock);

  g_clear_pointer (&waiter->cancel_source, g_source_unref);
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);
  if (abandon != NULL)
    {
      g_debug ("Every caller gave up: cancelling the token renewal");
      g_cancellable_cancel (abandon);
    }
  return G_SOURCE_REMOVE;
}

static void
ensure_token_async (OA2Auth             *self,
                    OA2BearerToken      *refused,
                    GCancellable        *cancellable,
                    gpointer             source_tag,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  OA2AuthPrivate *priv = oa2_auth_get_instance_private (self);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  OA2BearerToken *token;
  Flight *start = NULL;
  Waiter *waiter;

  g_task_set_source_tag (task, source_tag);

  g_mutex_lock (&priv->lock);
  token = dup_fresh_token_locked (self, refused);
  if (token != NULL)
    {
      g_mutex_unlock (&priv->lock);
      g_task_return_pointer (task, token, g_object_unref);
      return;
    }

  if (priv->flight == NULL)
    {
      start = g_new0 (Flight, 1);
      start->auth = g_object_ref (self);
      start->stale = priv->token != NULL ? g_object_ref (priv->token) : NULL;
      start->cancellable = g_cancellable_new ();
      start->waiters = g_ptr_array_new_with_free_func (g_object_unref);
      priv->flight = start;
    }

  waiter = g_new0 (Waiter, 1);
  waiter->flight = priv->flight;
  g_task_set_task_data (task, waiter, waiter_free);
  g_ptr_array_add (priv->flight->waiters, g_object_ref (task));
  if (cancellable != NULL)
    {
      /* Attached under the lock, so that the flight finds it; it runs in
       * the caller's main context, never before this returns. */
      waiter->cancel_source = g_cancellable_source_new (cancellable);
      g_task_attach_source (task, waiter->cancel_source, (GSourceFunc) (void (*) (void)) on_waiter_cancelled);
    }
  g_mutex_unlock (&priv->lock);

  if (start != NULL)
    OA2_AUTH_GET_CLASS (self)->renew_async (self, start->stale, start->cancellable, on_renewed, start);
}

static OA2BearerToken *
ensure_token_finish (OA2Auth       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------------- */
/* GObject */

static void
oa2_auth_constructed (GObject *object)
{
  OA2AuthPrivate *priv = oa2_auth_get_instance_private (OA2_AUTH (object));

  G_OBJECT_CLASS (oa2_auth_parent_class)->constructed (object);
  priv->constructed = TRUE;
}

static void
oa2_auth_finalize (GObject *object)
{
  OA2Auth *self = OA2_AUTH (object);
  OA2AuthPrivate *priv = oa2_auth_get_instance_private (self);

  g_clear_object (&priv->token);
  g_main_context_unref (priv->context);
  g_mutex_clear (&priv->lock);
  g_mutex_clear (&priv->renew_lock);

  G_OBJECT_CLASS (oa2_auth_parent_class)->finalize (object);
}

static void
oa2_auth_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  OA2Auth *self = OA2_AUTH (object);

  switch (prop_id)
    {
    case PROP_TOKEN:
      g_value_take_object (value, oa2_auth_dup_token (self));
      break;
    case PROP_LEEWAY:
      g_value_set_uint (value, oa2_auth_get_leeway (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_auth_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  OA2Auth *self = OA2_AUTH (object);

  switch (prop_id)
    {
    case PROP_TOKEN:
      oa2_auth_set_token (self, g_value_get_object (value));
      break;
    case PROP_LEEWAY:
      oa2_auth_set_leeway (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static OA2BearerToken *
oa2_auth_real_renew (OA2Auth         *self,
                     OA2BearerToken  *current,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_set_error (error, OA2_ERROR, OA2_ERROR_FAILED,
               "%s does not implement OA2AuthClass.renew", G_OBJECT_TYPE_NAME (self));
  return NULL;
}

static void
oa2_auth_real_renew_async (OA2Auth             *self,
                           OA2BearerToken      *current,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_task_report_new_error (self, callback, user_data, oa2_auth_real_renew_async,
                           OA2_ERROR, OA2_ERROR_FAILED,
                           "%s does not implement OA2AuthClass.renew_async", G_OBJECT_TYPE_NAME (self));
}

static OA2BearerToken *
oa2_auth_real_renew_finish (OA2Auth       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
oa2_auth_class_init (OA2AuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = oa2_auth_constructed;
  object_class->finalize = oa2_auth_finalize;
  object_class->get_property = oa2_auth_get_property;
  object_class->set_property = oa2_auth_set_property;
  klass->renew = oa2_auth_real_renew;
  klass->renew_async = oa2_auth_real_renew_async;
  klass->renew_finish = oa2_auth_real_renew_finish;

  /**
   * OA2Auth:token: (getter dup_token) (setter set_token)
   *
   * The current token, or %NULL before the first one or after the user has
   * to sign in again. It may have expired: call
   * [method@OA2.Auth.ensure_token] for one that has not. Setting it (a
   * token restored from storage) replaces the current one.
   */
  properties[PROP_TOKEN] =
    g_param_spec_object ("token", NULL, NULL, OA2_TYPE_BEARER_TOKEN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Auth:leeway: (getter get_leeway) (setter set_leeway)
   *
   * How many seconds before its expiry a token is renewed, 20 by default,
   * so that a token does not expire on its way to the server.
   */
  properties[PROP_LEEWAY] =
    g_param_spec_uint ("leeway", NULL, NULL, 0, G_MAXINT32, DEFAULT_LEEWAY_SECONDS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OA2Auth::token-changed:
   * @self: the auth handler
   * @token: (nullable): the new token, or %NULL when the handler dropped
   *   its token and the user has to sign in again
   *
   * Emitted when the token changes: renewed, set, or dropped. Store the
   * token here to use it again after a restart (it is a secret: keep it
   * in the Secret Service). Emitted in the thread-default main context of
   * the thread that made the handler.
   */
  signals[SIGNAL_TOKEN_CHANGED] =
    g_signal_new ("token-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, OA2_TYPE_BEARER_TOKEN);
}

static void
oa2_auth_init (OA2Auth *self)
{
  OA2AuthPrivate *priv = oa2_auth_get_instance_private (self);

  g_mutex_init (&priv->lock);
  g_mutex_init (&priv->renew_lock);
  priv->leeway = DEFAULT_LEEWAY_SECONDS;
  priv->context = g_main_context_ref_thread_default ();
  priv->thread = g_thread_self ();
}

/* ---------------------------------------------------------------------- */
/* Public API */

/**
 * oa2_auth_dup_token: (get-property token)
 * @self: an auth handler
 *
 * Gets the current token, which may have expired; see
 * [property@OA2.Auth:token].
 *
 * Returns: (transfer full) (nullable): the token, or %NULL
 */
OA2BearerToken *
oa2_auth_dup_token (OA2Auth *self)
{
  OA2AuthPrivate *priv;
  OA2BearerToken *token;

  g_return_val_if_fail (OA2_IS_AUTH (self), NULL);
  priv = oa2_auth_get_instance_private (self);

  g_mutex_lock (&priv->lock);
  token = priv->token != NULL ? g_object_ref (priv->token) : NULL;
  g_mutex_unlock (&priv->lock);
  return token;
}

/**
 * oa2_auth_set_token: (set-property token)
 * @self: an auth handler
 * @token: (nullable): a token, or %NULL to drop the current one
 *
 * Replaces the current token, for example with one restored from storage.
 * A renewal in flight still completes its callers, but its token does not
 * replace this one.
 */
void
oa2_auth_set_token (OA2Auth        *self,
                    OA2BearerToken *token)
{
  OA2AuthPrivate *priv;
  gboolean changed;

  g_return_if_fail (OA2_IS_AUTH (self));
  g_return_if_fail (token == NULL || OA2_IS_BEARER_TOKEN (token));
  priv = oa2_auth_get_instance_private (self);

  g_mutex_lock (&priv->lock);
  changed = replace_token_locked (self, token);
  g_mutex_unlock (&priv->lock);
  if (changed && priv->constructed)
    announce_change (self, token);
}

/**
 * oa2_auth_get_leeway: (get-property leeway)
 * @self: an auth handler
 *
 * Gets [property@OA2.Auth:leeway].
 *
 * Returns: the leeway in seconds
 */
guint
oa2_auth_get_leeway (OA2Auth *self)
{
  OA2AuthPrivate *priv;
  guint leeway;

  g_return_val_if_fail (OA2_IS_AUTH (self), 0);
  priv = oa2_auth_get_instance_private (self);

  g_mutex_lock (&priv->lock);
  leeway = priv->leeway;
  g_mutex_unlock (&priv->lock);
  return leeway;
}

/**
 * oa2_auth_set_leeway: (set-property leeway)
 * @self: an auth handler
 * @seconds: how many seconds before its expiry a token is renewed
 *
 * Sets [property@OA2.Auth:leeway].
 */
void
oa2_auth_set_leeway (OA2Auth *self,
                     guint    seconds)
{
  OA2AuthPrivate *priv;
  gboolean changed;

  g_return_if_fail (OA2_IS_AUTH (self));
  g_return_if_fail (seconds <= G_MAXINT32);
  priv = oa2_auth_get_instance_private (self);

  g_mutex_lock (&priv->lock);
  changed = priv->leeway != seconds;
  priv->leeway = seconds;
  g_mutex_unlock (&priv->lock);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEEWAY]);
}

/**
 * oa2_auth_ensure_token:
 * @self: an auth handler
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets a token that does not expire within [property@OA2.Auth:leeway]
 * seconds: the current one, or a new one. Blocking callers on several
 * threads share one renewal. This call blocks when it renews;
 * [method@OA2.Auth.ensure_token_async] is its asynchronous twin.
 *
 * Returns: (transfer full): the token, or %NULL with @error set: the
 *   renewal's error, %OA2_ERROR_SIGN_IN_REQUIRED when only the user can
 *   help
 */
OA2BearerToken *
oa2_auth_ensure_token (OA2Auth       *self,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (OA2_IS_AUTH (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return ensure_token_sync (self, NULL, cancellable, error);
}

/**
 * oa2_auth_ensure_token_async:
 * @self: an auth handler
 * @cancellable: (nullable): a #GCancellable, for this call only
 * @callback: (scope async): called with the token or the error
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.Auth.ensure_token]. Calls
 * made while a renewal is in flight wait for it and get its token or its
 * error. Cancelling @cancellable completes this call with
 * %G_IO_ERROR_CANCELLED and no other: the renewal goes on while another
 * call waits for it. @callback runs in the thread-default main context of
 * this call.
 */
void
oa2_auth_ensure_token_async (OA2Auth             *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (OA2_IS_AUTH (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  ensure_token_async (self, NULL, cancellable, oa2_auth_ensure_token_async, callback, user_data);
}

/**
 * oa2_auth_ensure_token_finish:
 * @self: an auth handler
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Auth.ensure_token_async].
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_auth_ensure_token_finish (OA2Auth       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (OA2_IS_AUTH (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == oa2_auth_ensure_token_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return ensure_token_finish (self, result, error);
}

/* ---------------------------------------------------------------------- */
/* Messages */

static void
stamp_free (gpointer data)
{
  Stamp *stamp = data;

  g_object_unref (stamp->auth);
  g_object_unref (stamp->token);
  g_free (stamp);
}

static gboolean
stamp_message (OA2Auth         *self,
               SoupMessage     *msg,
               OA2BearerToken  *token,
               gboolean         renewed,
               GError         **error)
{
  Stamp *stamp;

  if (!oa2_bearer_token_authorize_message (token, msg, error))
    return FALSE;
  stamp = g_new0 (Stamp, 1);
  stamp->auth = g_object_ref (self);
  stamp->token = g_object_ref (token);
  stamp->renewed = renewed;
  g_object_set_data_full (G_OBJECT (msg), STAMP_KEY, stamp, stamp_free);
  return TRUE;
}

/**
 * oa2_auth_authorize_message:
 * @self: an auth handler
 * @msg: a message to a resource server
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Ensures a fresh token, as [method@OA2.Auth.ensure_token] does, and
 * stamps @msg with it, as [method@OA2.BearerToken.authorize_message]
 * does: `Authorization`, and a DPoP proof for a [class@OA2.DPoPToken],
 * made again for each attempt libsoup sends. After the response, call
 * [method@OA2.Auth.retry_message]. This call blocks when it renews;
 * [method@OA2.Auth.authorize_message_async] is its asynchronous twin.
 *
 * Returns: %TRUE if @msg is stamped; %FALSE with @error set, @msg
 *   unchanged
 */
gboolean
oa2_auth_authorize_message (OA2Auth       *self,
                            SoupMessage   *msg,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(OA2BearerToken) token = NULL;

  g_return_val_if_fail (OA2_IS_AUTH (self), FALSE);
  g_return_val_if_fail (SOUP_IS_MESSAGE (msg), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  token = ensure_token_sync (self, NULL, cancellable, error);
  return token != NULL && stamp_message (self, msg, token, FALSE, error);
}

typedef struct
{
  SoupMessage *msg;
  gboolean     renewed;
} StampJob;

static void
stamp_job_free (gpointer data)
{
  StampJob *job = data;

  g_object_unref (job->msg);
  g_free (job);
}

static void
on_token_for_stamp (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OA2Auth *self = OA2_AUTH (source);
  StampJob *job = g_task_get_task_data (task);
  g_autoptr(OA2BearerToken) token = NULL;
  GError *error = NULL;

  token = ensure_token_finish (self, result, &error);
  if (token == NULL || !stamp_message (self, job->msg, token, job->renewed, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
stamp_async (OA2Auth             *self,
             SoupMessage         *msg,
             OA2BearerToken      *refused,
             GCancellable        *cancellable,
             gpointer             source_tag,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  StampJob *job = g_new0 (StampJob, 1);

  g_task_set_source_tag (task, source_tag);
  job->msg = g_object_ref (msg);
  job->renewed = refused != NULL;
  g_task_set_task_data (task, job, stamp_job_free);
  ensure_token_async (self, refused, cancellable, stamp_async, on_token_for_stamp, task);
}

/**
 * oa2_auth_authorize_message_async:
 * @self: an auth handler
 * @msg: a message to a resource server
 * @cancellable: (nullable): a #GCancellable, for this call only
 * @callback: (scope async): called when @msg is stamped or stamping failed
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.Auth.authorize_message],
 * which shares a renewal as [method@OA2.Auth.ensure_token_async] does.
 * @callback runs in the thread-default main context of this call.
 */
void
oa2_auth_authorize_message_async (OA2Auth             *self,
                                  SoupMessage         *msg,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (OA2_IS_AUTH (self));
  g_return_if_fail (SOUP_IS_MESSAGE (msg));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  stamp_async (self, msg, NULL, cancellable, oa2_auth_authorize_message_async, callback, user_data);
}

/**
 * oa2_auth_authorize_message_finish:
 * @self: an auth handler
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Auth.authorize_message_async].
 *
 * Returns: %TRUE if the message is stamped; %FALSE with @error set
 */
gboolean
oa2_auth_authorize_message_finish (OA2Auth       *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (OA2_IS_AUTH (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == oa2_auth_authorize_message_async, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* RFC 6750 §3.1 and RFC 9449 §7.1: the resource server refused the token
 * itself, in a Bearer or a DPoP challenge. */
gboolean
oa2_auth_challenge_refuses_token (const char *challenges)
{
  const char *schemes[] = { "Bearer", "DPoP" };

  if (challenges == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autofree char *code = oa2_www_authenticate_dup_param (challenges, schemes[i], "error");

      if (g_strcmp0 (code, "invalid_token") == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
refuses_token (SoupMessage *msg)
{
  return oa2_auth_challenge_refuses_token (
    soup_message_headers_get_list (soup_message_get_response_headers (msg), "WWW-Authenticate"));
}

OA2BearerToken *
oa2_auth_ensure_token_refusing (OA2Auth         *self,
                                OA2BearerToken  *refused,
                                GCancellable    *cancellable,
                                GError         **error)
{
  return ensure_token_sync (self, refused, cancellable, error);
}

void
oa2_auth_ensure_token_refusing_async (OA2Auth             *self,
                                      OA2BearerToken      *refused,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  ensure_token_async (self, refused, cancellable, oa2_auth_ensure_token_refusing_async, callback, user_data);
}

OA2BearerToken *
oa2_auth_ensure_token_refusing_finish (OA2Auth       *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return ensure_token_finish (self, result, error);
}

typedef enum {
  RETRY_NO,
  RETRY_READY,     /* stamped again: send it */
  RETRY_FAILED,    /* error set */
  RETRY_RENEW,     /* renew the stamped token, then stamp again */
} RetryStep;

/* What a response asks for, without I/O. */
static RetryStep
retry_step (OA2Auth      *self,
            SoupMessage  *msg,
            Stamp       **out_stamp,
            GError      **error)
{
  Stamp *stamp = g_object_get_data (G_OBJECT (msg), STAMP_KEY);

  if (soup_message_get_status (msg) != SOUP_STATUS_UNAUTHORIZED || stamp == NULL || stamp->auth != self)
    return RETRY_NO;
  *out_stamp = stamp;

  /* A nonce first: the token itself may still be good. */
  if (OA2_IS_DPOP_TOKEN (stamp->token))
    {
      GError *local_error = NULL;

      if (oa2_dpop_token_retry_with_nonce (OA2_DPOP_TOKEN (stamp->token), msg, &local_error))
        return RETRY_READY;
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return RETRY_FAILED;
        }
    }
  if (stamp->renewed || !refuses_token (msg))
    return RETRY_NO;
  return RETRY_RENEW;
}

/**
 * oa2_auth_retry_message:
 * @self: an auth handler
 * @msg: a message that [method@OA2.Auth.authorize_message] stamped, sent
 *   and answered
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Handles the resource server's 401 to @msg, and tells whether to send
 * @msg again:
 *
 * - `WWW-Authenticate` with `error="invalid_token"` (RFC 6750 §3.1):
 *   the server refused the token although its expiry had not come. The
 *   token is renewed (once per message; callers whose messages were
 *   refused the same token share one renewal) and @msg stamped again.
 * - a DPoP challenge with `error="use_dpop_nonce"` and a `DPoP-Nonce`
 *   (RFC 9449 §9): @msg is stamped again with a proof that carries the
 *   nonce, as [method@OA2.DPoPToken.retry_with_nonce] does.
 *
 * Any other response, a second `invalid_token` for the same message, or a
 * message this handler did not stamp, gives %FALSE without an error: the
 * response is the caller's to handle. This call blocks when it renews;
 * [method@OA2.Auth.retry_message_async] is its asynchronous twin.
 *
 * Returns: %TRUE if @msg is stamped again and ready to be sent; %FALSE,
 *   with @error set only when renewing or stamping failed (for example
 *   %OA2_ERROR_SIGN_IN_REQUIRED)
 */
gboolean
oa2_auth_retry_message (OA2Auth       *self,
                        SoupMessage   *msg,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(OA2BearerToken) refused = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  Stamp *stamp = NULL;

  g_return_val_if_fail (OA2_IS_AUTH (self), FALSE);
  g_return_val_if_fail (SOUP_IS_MESSAGE (msg), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (retry_step (self, msg, &stamp, error))
    {
    case RETRY_NO:
    case RETRY_FAILED:
      return FALSE;
    case RETRY_READY:
      return TRUE;
    case RETRY_RENEW:
      break;
    }

  refused = g_object_ref (stamp->token);
  token = ensure_token_sync (self, refused, cancellable, error);
  return token != NULL && stamp_message (self, msg, token, TRUE, error);
}

/**
 * oa2_auth_retry_message_async:
 * @self: an auth handler
 * @msg: a message that [method@OA2.Auth.authorize_message_async] stamped,
 *   sent and answered
 * @cancellable: (nullable): a #GCancellable, for this call only
 * @callback: (scope async): called when the answer is known
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.Auth.retry_message].
 * @callback runs in the thread-default main context of this call.
 */
void
oa2_auth_retry_message_async (OA2Auth             *self,
                              SoupMessage         *msg,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Stamp *stamp = NULL;
  RetryStep step;

  g_return_if_fail (OA2_IS_AUTH (self));
  g_return_if_fail (SOUP_IS_MESSAGE (msg));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  step = retry_step (self, msg, &stamp, &error);
  if (step != RETRY_RENEW)
    {
      task = g_task_new (self, cancellable, callback, user_data);
      g_task_set_source_tag (task, oa2_auth_retry_message_async);
      if (step == RETRY_FAILED)
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, step == RETRY_READY);
      return;
    }
  stamp_async (self, msg, stamp->token, cancellable, oa2_auth_retry_message_async, callback, user_data);
}

/**
 * oa2_auth_retry_message_finish:
 * @self: an auth handler
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Auth.retry_message_async].
 *
 * Returns: %TRUE if the message is stamped again and ready to be sent;
 *   %FALSE, with @error set only when renewing or stamping failed
 */
gboolean
oa2_auth_retry_message_finish (OA2Auth       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (OA2_IS_AUTH (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == oa2_auth_retry_message_async, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------------- */
/* Refresh, for the handlers that have a refresh token */

static gboolean
check_refreshable (OA2BearerToken  *current,
                   GError         **error)
{
  if (current != NULL && oa2_bearer_token_get_refresh_token (current) != NULL)
    return TRUE;
  g_propagate_error (error, oa2_error_new_sign_in_required (NULL));
  return FALSE;
}

static GError *
map_refresh_error (GError *error)
{
  if (!g_error_matches (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_GRANT))
    return error;
  g_debug ("The server refused the refresh token: sign-in required");
  {
    GError *mapped = oa2_error_new_sign_in_required (error);

    g_error_free (error);
    return mapped;
  }
}

static OA2DPoPKey *
key_of (OA2BearerToken *token)
{
  return OA2_IS_DPOP_TOKEN (token) ? oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (token)) : NULL;
}

OA2BearerToken *
oa2_auth_refresh (OA2Client       *client,
                  OA2BearerToken  *current,
                  GCancellable    *cancellable,
                  GError         **error)
{
  GError *local_error = NULL;
  OA2BearerToken *token;

  if (!check_refreshable (current, error))
    return NULL;
  token = oa2_client_refresh_token (client, oa2_bearer_token_get_refresh_token (current), NULL, NULL,
                                    NULL, key_of (current), cancellable, &local_error);
  if (token == NULL)
    g_propagate_error (error, map_refresh_error (local_error));
  return token;
}

static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  OA2BearerToken *token;

  token = oa2_client_refresh_token_finish (OA2_CLIENT (source), result, &error);
  if (token == NULL)
    g_task_return_error (task, map_refresh_error (error));
  else
    g_task_return_pointer (task, token, g_object_unref);
}

void
oa2_auth_refresh_async (OA2Client           *client,
                        OA2BearerToken      *current,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (client, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, oa2_auth_refresh_async);
  if (!check_refreshable (current, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  oa2_client_refresh_token_async (client, oa2_bearer_token_get_refresh_token (current), NULL, NULL,
                                  NULL, key_of (current), cancellable, on_refreshed,
                                  g_steal_pointer (&task));
}

OA2BearerToken *
oa2_auth_refresh_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == oa2_auth_refresh_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
