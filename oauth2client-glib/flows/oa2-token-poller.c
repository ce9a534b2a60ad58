/* oa2-token-poller.c: repeating a token request until the user has
 * answered (device flow, CIBA poll mode)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every way of running a poller goes through the same two functions:
 * check_expiry() before a request or a wait, and judge() after an answer.
 * The asynchronous loop waits with a timeout source on the caller's main
 * context; the blocking one sleeps on the cancellable's file descriptor.
 */

#include "config.h"

#include "oa2-clock-private.h"
#include "oa2-client-device.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-secret-private.h"
#include "oa2-token-poller-private.h"
#include "oa2-token-poller.h"
#include "oa2-token-request-private.h"

/**
 * OA2TokenPoller:
 *
 * Repeats one token request until the user has answered on another
 * device: the device code grant (RFC 8628 §3.4–3.5) after
 * [method@OA2.Client.authorize_device], or a CIBA grant in poll mode.
 *
 * The poller waits [property@OA2.TokenPoller:interval] seconds before
 * each request, on a timeout of the main loop (no thread). It keeps
 * polling while the server answers `authorization_pending`, adds five
 * seconds to the interval for good on `slow_down`, waits at least as long
 * as a `Retry-After` header asks on HTTP 503 or 429, and stops on a token,
 * on any other error (`access_denied`, `expired_token`, a transport error,
 * cancellation), or when the next request would fall after
 * [property@OA2.TokenPoller:expires-at]
 * (%OA2_ERROR_AUTHORIZATION_EXPIRED). So polling always ends.
 *
 * [method@OA2.TokenPoller.poll_async] runs the whole loop;
 * [method@OA2.TokenPoller.poll] is its blocking twin. An application that
 * runs its own timer calls [method@OA2.TokenPoller.poll_once] each time
 * and schedules the next call after
 * [method@OA2.TokenPoller.get_next_delay] seconds.
 *
 * ```c
 * g_autoptr(OA2TokenPoller) poller =
 *   oa2_token_poller_new_for_device (client, device_response, NULL);
 * oa2_token_poller_poll_async (poller, cancellable, on_token, NULL);
 * ```
 *
 * ```python
 * poller = OA2.TokenPoller.new_for_device(client, device_response, None)
 * token = poller.poll(None)   # blocks; poll_async() in an application
 * ```
 *
 * The request is any token request: a grant that polls passes its
 * parameters to [ctor@OA2.TokenPoller.new]. A poller runs one poll at a
 * time and belongs to the thread that uses it, as the client's
 * asynchronous calls do. See the [device flow page](device-flow.html).
 */
struct _OA2TokenPoller
{
  GObject         parent_instance;

  OA2Client      *client;
  GHashTable     *params;          /* values are credentials: wiped */
  char          **resources;
  OA2DPoPKey     *dpop_key;
  guint           interval;        /* seconds */
  GDateTime      *expires_at;
  guint           requests;
  guint           next_delay;      /* seconds before the next request */
  gboolean        busy;

  /* Tests shrink time: one second lasts ms_per_second ms, and "now" runs
   * at that speed from origin_*. */
  guint           ms_per_second;
  gint64          origin_clock_ms;
  gint64          origin_monotonic_ms;
};

G_DEFINE_FINAL_TYPE (OA2TokenPoller, oa2_token_poller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_INTERVAL,
  PROP_EXPIRES_AT,
  PROP_REQUESTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum {
  POLL_DONE,     /* a token */
  POLL_AGAIN,    /* not yet: wait next_delay */
  POLL_STOP,     /* a final error */
} PollOutcome;

static void
oa2_token_poller_finalize (GObject *object)
{
  OA2TokenPoller *self = OA2_TOKEN_POLLER (object);

  g_clear_object (&self->client);
  g_clear_pointer (&self->params, g_hash_table_unref);
  g_strfreev (self->resources);
  g_clear_object (&self->dpop_key);
  g_clear_pointer (&self->expires_at, g_date_time_unref);
  G_OBJECT_CLASS (oa2_token_poller_parent_class)->finalize (object);
}

static void
oa2_token_poller_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OA2TokenPoller *self = OA2_TOKEN_POLLER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_EXPIRES_AT:
      g_value_set_boxed (value, self->expires_at);
      break;
    case PROP_REQUESTS:
      g_value_set_uint (value, self->requests);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_token_poller_class_init (OA2TokenPollerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = oa2_token_poller_finalize;
  object_class->get_property = oa2_token_poller_get_property;

  /**
   * OA2TokenPoller:client:
   *
   * The client that sends the token requests.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, OA2_TYPE_CLIENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * OA2TokenPoller:interval:
   *
   * The least number of seconds between two requests: the server's
   * interval, plus %OA2_TOKEN_POLLER_SLOW_DOWN_SECONDS for each
   * `slow_down` answer so far. Notified when it grows.
   */
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 1, G_MAXUINT, OA2_DEVICE_DEFAULT_INTERVAL,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * OA2TokenPoller:expires-at:
   *
   * When the grant expires; the poller sends no request at or after it.
   */
  properties[PROP_EXPIRES_AT] =
    g_param_spec_boxed ("expires-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * OA2TokenPoller:requests:
   *
   * How many token requests the poller has sent.
   */
  properties[PROP_REQUESTS] =
    g_param_spec_uint ("requests", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
oa2_token_poller_init (OA2TokenPoller *self)
{
  self->ms_per_second = 1000;
}

/**
 * oa2_token_poller_new:
 * @client: the client that sends the requests
 * @params: (element-type utf8 utf8): the token request to repeat: every
 *   parameter including `grant_type`, such as
 *   `urn:openid:params:grant-type:ciba` and `auth_req_id`; copied
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707), sent as repeated `resource` parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key per request, with
 *   [property@OA2.Client:dpop-bound-access-tokens])
 * @interval: the server's polling interval in seconds; 0 for the default
 *   of %OA2_DEVICE_DEFAULT_INTERVAL
 * @expires_at: when the grant expires, from the server's `expires_in`
 *
 * Makes a poller for any grant that polls the token endpoint. The request
 * goes through [method@OA2.Client.token_request_async], with the client's
 * authentication and its ID-token checks. For the device flow,
 * [ctor@OA2.TokenPoller.new_for_device] is shorter.
 *
 * Returns: (transfer full): a new poller
 */
OA2TokenPoller *
oa2_token_poller_new (OA2Client          *client,
                      GHashTable         *params,
                      const char * const *resources,
                      OA2DPoPKey         *dpop_key,
                      guint               interval,
                      GDateTime          *expires_at)
{
  OA2TokenPoller *self;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (OA2_IS_CLIENT (client), NULL);
  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (g_hash_table_lookup (params, "grant_type") != NULL, NULL);
  g_return_val_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key), NULL);
  g_return_val_if_fail (expires_at != NULL, NULL);

  self = g_object_new (OA2_TYPE_TOKEN_POLLER, NULL);
  self->client = g_object_ref (client);
  self->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) oa2_secret_free);
  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (self->params, g_strdup (key), g_strdup (value));
  self->resources = g_strdupv ((char **) resources);
  self->dpop_key = dpop_key != NULL ? g_object_ref (dpop_key) : NULL;
  self->interval = interval > 0 ? interval : OA2_DEVICE_DEFAULT_INTERVAL;
  self->next_delay = self->interval;
  self->expires_at = g_date_time_ref (expires_at);
  return self;
}

/**
 * oa2_token_poller_new_for_device:
 * @client: the client that asked for @response
 * @response: the answer of [method@OA2.Client.authorize_device]
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key per request, with
 *   [property@OA2.Client:dpop-bound-access-tokens])
 *
 * Makes a poller for the device code grant (RFC 8628 §3.4) with the
 * response's device code, interval and expiry.
 *
 * Returns: (transfer full): a new poller
 */
OA2TokenPoller *
oa2_token_poller_new_for_device (OA2Client                      *client,
                                 OA2DeviceAuthorizationResponse *response,
                                 OA2DPoPKey                     *dpop_key)
{
  g_autoptr(GHashTable) params = NULL;

  g_return_val_if_fail (OA2_IS_CLIENT (client), NULL);
  g_return_val_if_fail (OA2_IS_DEVICE_AUTHORIZATION_RESPONSE (response), NULL);

  params = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (params, "grant_type", OA2_GRANT_TYPE_DEVICE_CODE);
  g_hash_table_insert (params, "device_code",
                       (gpointer) oa2_device_authorization_response_get_device_code (response));
  return oa2_token_poller_new (client, params, NULL, dpop_key,
                               oa2_device_authorization_response_get_interval (response),
                               oa2_device_authorization_response_get_expires_at (response));
}

void
oa2_token_poller_set_time_unit_for_testing (OA2TokenPoller *self,
                                            guint           ms_per_second)
{
  g_return_if_fail (OA2_IS_TOKEN_POLLER (self));
  g_return_if_fail (ms_per_second > 0);

  self->ms_per_second = ms_per_second;
  self->origin_clock_ms = oa2_clock_now_seconds () * 1000;
  self->origin_monotonic_ms = g_get_monotonic_time () / 1000;
}

/**
 * oa2_token_poller_get_client:
 * @self: a poller
 *
 * Gets [property@OA2.TokenPoller:client].
 *
 * Returns: (transfer none): the client
 */
OA2Client *
oa2_token_poller_get_client (OA2TokenPoller *self)
{
  g_return_val_if_fail (OA2_IS_TOKEN_POLLER (self), NULL);

  return self->client;
}

/**
 * oa2_token_poller_get_interval:
 * @self: a poller
 *
 * Gets [property@OA2.TokenPoller:interval].
 *
 * Returns: the interval in seconds
 */
guint
oa2_token_poller_get_interval (OA2TokenPoller *self)
{
  g_return_val_if_fail (OA2_IS_TOKEN_POLLER (self), 0);

  return self->interval;
}

/**
 * oa2_token_poller_get_expires_at:
 * @self: a poller
 *
 * Gets [property@OA2.TokenPoller:expires-at].
 *
 * Returns: (transfer none): when the grant expires
 */
GDateTime *
oa2_token_poller_get_expires_at (OA2TokenPoller *self)
{
  g_return_val_if_fail (OA2_IS_TOKEN_POLLER (self), NULL);

  return self->expires_at;
}

/**
 * oa2_token_poller_get_requests:
 * @self: a poller
 *
 * Gets [property@OA2.TokenPoller:requests].
 *
 * Returns: the number of token requests sent so far
 */
guint
oa2_token_poller_get_requests (OA2TokenPoller *self)
{
  g_return_val_if_fail (OA2_IS_TOKEN_POLLER (self), 0);

  return self->requests;
}

/**
 * oa2_token_poller_get_next_delay:
 * @self: a poller
 *
 * Gets how many seconds to wait before the next request: the interval,
 * or longer after a `Retry-After`. An application that calls
 * [method@OA2.TokenPoller.poll_once] from its own timer schedules the
 * next call this far ahead.
 *
 * Returns: the delay in seconds
 */
guint
oa2_token_poller_get_next_delay (OA2TokenPoller *self)
{
  g_return_val_if_fail (OA2_IS_TOKEN_POLLER (self), 0);

  return self->next_delay;
}

/* The library's clock, or the test's faster one, in milliseconds. */
static gint64
now_ms (OA2TokenPoller *self)
{
  if (self->ms_per_second == 1000)
    return oa2_clock_now_seconds () * 1000;
  return self->origin_clock_ms +
         (g_get_monotonic_time () / 1000 - self->origin_monotonic_ms) * 1000 / self->ms_per_second;
}

/* The next wait in milliseconds of the poller's time; a Retry-After of
 * weeks would not fit a guint, but no wait reaches past the expiry. */
static guint
next_delay_ms (OA2TokenPoller *self)
{
  return (guint) MIN ((guint64) self->next_delay * self->ms_per_second, G_MAXUINT);
}

/* A request sent @delay seconds from now would be too late: the server
 * would only answer expired_token. */
static gboolean
check_expiry (OA2TokenPoller  *self,
              guint            delay,
              GError         **error)
{
  if (now_ms (self) + (gint64) delay * 1000 < g_date_time_to_unix (self->expires_at) * 1000)
    return TRUE;
  g_set_error_literal (error, OA2_ERROR, OA2_ERROR_AUTHORIZATION_EXPIRED,
                       _("The authorization request expired before the user answered it"));
  return FALSE;
}

static gboolean
is_unavailable (const GError *error)
{
  guint status = oa2_error_get_http_status (error);

  return status == SOUP_STATUS_SERVICE_UNAVAILABLE || status == 429 /* Too Many Requests */ ||
         g_error_matches (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_TEMPORARILY_UNAVAILABLE);
}

/* The one place that decides what an answer means (RFC 8628 §3.5, CIBA
 * §11). Takes @token or *@inout_error; on POLL_AGAIN the error is
 * cleared and next_delay is set; on POLL_STOP *@inout_error is the final
 * error. */
static PollOutcome
judge (OA2TokenPoller  *self,
       OA2BearerToken  *token,
       GError         **inout_error)
{
  GError *error = *inout_error;

  if (token != NULL)
    return POLL_DONE;

  if (g_error_matches (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_AUTHORIZATION_PENDING))
    self->next_delay = self->interval;
  else if (g_error_matches (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_SLOW_DOWN))
    {
      /* "for this and all subsequent requests" */
      self->interval += OA2_TOKEN_POLLER_SLOW_DOWN_SECONDS;
      self->next_delay = self->interval;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
    }
  else if (is_unavailable (error))
    {
      int retry_after = oa2_error_get_retry_after (error);

      self->next_delay = MAX (self->interval, retry_after > 0 ? (guint) retry_after : 0);
    }
  else
    return POLL_STOP;

  g_clear_error (inout_error);
  if (!check_expiry (self, self->next_delay, inout_error))
    return POLL_STOP;
  return POLL_AGAIN;
}

static gboolean
refuse_if_busy (OA2TokenPoller  *self,
                GError         **error)
{
  if (!self->busy)
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                       _("The poller is already polling"));
  return TRUE;
}

static void
count_request (OA2TokenPoller *self)
{
  self->requests++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUESTS]);
}

/* One request and its judgement, blocking. */
static PollOutcome
poll_once_sync (OA2TokenPoller  *self,
                GCancellable    *cancellable,
                OA2BearerToken **out_token,
                GError         **error)
{
  GError *local_error = NULL;
  PollOutcome outcome;

  if (!check_expiry (self, 0, error))
    return POLL_STOP;
  count_request (self);
  *out_token = oa2_client_token_request (self->client, self->params, (const char * const *) self->resources,
                                         self->dpop_key, cancellable, &local_error);
  outcome = judge (self, *out_token, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return outcome;
}

/**
 * oa2_token_poller_poll_once:
 * @self: a poller
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends the token request once, without waiting first, and judges the
 * answer as the polling loop does. For applications that run their own
 * timer: on %NULL without an error, call again after
 * [method@OA2.TokenPoller.get_next_delay] seconds.
 *
 * This call blocks; [method@OA2.TokenPoller.poll_once_async] is its
 * asynchronous twin.
 *
 * Returns: (transfer full) (nullable): the token; or %NULL without an
 *   error when the user has not answered yet (`authorization_pending`,
 *   `slow_down`, a server briefly unavailable); or %NULL with @error set
 *   to the final error: the server's (%OA2_OAUTH_ERROR_ACCESS_DENIED,
 *   %OA2_OAUTH_ERROR_EXPIRED_TOKEN…), %OA2_ERROR_AUTHORIZATION_EXPIRED
 *   when the grant has expired or will have by the next request,
 *   %G_IO_ERROR_PENDING while another poll of @self runs, or a transport
 *   error
 */
OA2BearerToken *
oa2_token_poller_poll_once (OA2TokenPoller  *self,
                            GCancellable    *cancellable,
                            GError         **error)
{
  OA2BearerToken *token = NULL;

  g_return_val_if_fail (OA2_IS_TOKEN_POLLER (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (refuse_if_busy (self, error))
    return NULL;
  self->busy = TRUE;
  poll_once_sync (self, cancellable, &token, error);
  self->busy = FALSE;
  return token;
}

/* Sleeps @ms, or less when @cancellable fires (then FALSE with @error). */
static gboolean
sleep_cancellable (guint          ms,
                   GCancellable  *cancellable,
                   GError       **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) ms * 1000;
  GPollFD pollfd;
  gboolean has_fd = cancellable != NULL && g_cancellable_make_pollfd (cancellable, &pollfd);
  gboolean ok = TRUE;

  for (;;)
    {
      gint64 remaining;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      remaining = deadline - g_get_monotonic_time ();
      if (remaining <= 0)
        break;
      if (has_fd)
        g_poll (&pollfd, 1, (gint) MIN ((remaining + 999) / 1000, G_MAXINT));
      else
        g_usleep ((gulong) remaining);
    }
  if (has_fd)
    g_cancellable_release_fd (cancellable);
  return ok;
}

/**
 * oa2_token_poller_poll:
 * @self: a poller
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Polls until the user has answered: waits
 * [property@OA2.TokenPoller:interval] seconds, sends the token request,
 * and repeats while the server says to, as the class description
 * explains.
 *
 * This call blocks the calling thread for as long as the user takes;
 * [method@OA2.TokenPoller.poll_async] is its asynchronous twin, for
 * anything with a user interface.
 *
 * Returns: (transfer full): the token, or %NULL with @error set: the
 *   server's final error (%OA2_OAUTH_ERROR_ACCESS_DENIED,
 *   %OA2_OAUTH_ERROR_EXPIRED_TOKEN…), %OA2_ERROR_AUTHORIZATION_EXPIRED,
 *   %G_IO_ERROR_CANCELLED, %G_IO_ERROR_PENDING while another poll of
 *   @self runs, or a transport error
 */
OA2BearerToken *
oa2_token_poller_poll (OA2TokenPoller  *self,
                       GCancellable    *cancellable,
                       GError         **error)
{
  OA2BearerToken *token = NULL;

  g_return_val_if_fail (OA2_IS_TOKEN_POLLER (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (refuse_if_busy (self, error))
    return NULL;
  self->busy = TRUE;
  for (;;)
    {
      if (!check_expiry (self, self->next_delay, error) ||
          !sleep_cancellable (next_delay_ms (self), cancellable, error))
        break;
      if (poll_once_sync (self, cancellable, &token, error) != POLL_AGAIN)
        break;
    }
  self->busy = FALSE;
  return token;
}

/* The asynchronous ways: a GTask whose source object is the poller. */

typedef struct {
  GSource *wait;      /* while waiting */
  GSource *cancel;    /* while waiting, with a cancellable */
  gboolean loop;      /* poll_async, not poll_once_async */
} PollData;

static void
stop_waiting (PollData *data)
{
  if (data->wait != NULL)
    {
      g_source_destroy (data->wait);
      g_clear_pointer (&data->wait, g_source_unref);
    }
  if (data->cancel != NULL)
    {
      g_source_destroy (data->cancel);
      g_clear_pointer (&data->cancel, g_source_unref);
    }
}

static void
poll_data_free (gpointer user_data)
{
  PollData *data = user_data;

  stop_waiting (data);
  g_free (data);
}

static void
return_token (GTask          *task,
              OA2BearerToken *token,
              GError         *error)
{
  OA2TokenPoller *self = g_task_get_source_object (task);

  /* Not busy any more before the callback runs, so that it may poll
   * again. */
  self->busy = FALSE;
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, g_object_unref);
}

static void start_wait (GTask *task);

static void
on_response (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OA2TokenPoller *self = g_task_get_source_object (task);
  PollData *data = g_task_get_task_data (task);
  OA2BearerToken *token;
  GError *error = NULL;

  token = oa2_client_token_request_finish (OA2_CLIENT (source), result, &error);
  switch (judge (self, token, &error))
    {
    case POLL_AGAIN:
      if (data->loop)
        start_wait (g_steal_pointer (&task));
      else
        return_token (task, NULL, NULL);
      break;
    case POLL_DONE:
    case POLL_STOP:
    default:
      return_token (task, token, error);
      break;
    }
}

static void
send_request (GTask *task)
{
  OA2TokenPoller *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!check_expiry (self, 0, &error))
    {
      return_token (task, NULL, error);
      g_object_unref (task);
      return;
    }
  count_request (self);
  oa2_client_token_request_async (self->client, self->params, (const char * const *) self->resources,
                                  self->dpop_key, g_task_get_cancellable (task), on_response, task);
}

static gboolean
on_wait_over (gpointer user_data)
{
  GTask *task = user_data;

  stop_waiting (g_task_get_task_data (task));
  send_request (g_object_ref (task));
  return G_SOURCE_REMOVE;
}

static gboolean
on_cancelled_while_waiting (GCancellable *cancellable,
                            gpointer      user_data)
{
  g_autoptr(GTask) task = g_object_ref (user_data);
  GError *error = NULL;

  stop_waiting (g_task_get_task_data (task));
  g_cancellable_set_error_if_cancelled (cancellable, &error);
  return_token (task, NULL, error);
  return G_SOURCE_REMOVE;
}

/* Takes @task. */
static void
start_wait (GTask *task)
{
  OA2TokenPoller *self = g_task_get_source_object (task);
  PollData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  if (!check_expiry (self, self->next_delay, &error))
    {
      return_token (task, NULL, error);
      g_object_unref (task);
      return;
    }

  /* Each source holds a reference on the task until it is destroyed;
   * whichever fires first destroys both. */
  data->wait = g_timeout_source_new (next_delay_ms (self));
  g_source_set_static_name (data->wait, "[oa2] token poller wait");
  g_source_set_priority (data->wait, g_task_get_priority (task));
  g_source_set_callback (data->wait, on_wait_over, g_object_ref (task), g_object_unref);
  g_source_attach (data->wait, g_task_get_context (task));
  if (cancellable != NULL)
    {
      data->cancel = g_cancellable_source_new (cancellable);
      g_source_set_static_name (data->cancel, "[oa2] token poller cancel");
      g_source_set_callback (data->cancel, (GSourceFunc) (void (*) (void)) on_cancelled_while_waiting,
                             g_object_ref (task), g_object_unref);
      g_source_attach (data->cancel, g_task_get_context (task));
    }
  g_object_unref (task);
}

static GTask *
new_poll_task (OA2TokenPoller      *self,
               gboolean             loop,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  PollData *data = g_new0 (PollData, 1);

  data->loop = loop;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, poll_data_free);
  return task;
}

/**
 * oa2_token_poller_poll_async:
 * @self: a poller
 * @cancellable: (nullable): a #GCancellable; cancelling it stops the
 *   polling at once, also during a wait
 * @callback: (scope async): called when polling has ended
 * @user_data: data for @callback
 *
 * Starts polling as [method@OA2.TokenPoller.poll] does, without blocking:
 * the waits are timeouts on the thread-default main context of this call,
 * where @callback runs too. Finish with
 * [method@OA2.TokenPoller.poll_finish].
 */
void
oa2_token_poller_poll_async (OA2TokenPoller      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  GError *error = NULL;

  g_return_if_fail (OA2_IS_TOKEN_POLLER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = new_poll_task (self, TRUE, oa2_token_poller_poll_async, cancellable, callback, user_data);
  g_task_set_name (task, "oa2_token_poller_poll_async");
  if (refuse_if_busy (self, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  self->busy = TRUE;
  start_wait (task);
}

/**
 * oa2_token_poller_poll_finish:
 * @self: a poller
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.TokenPoller.poll_async].
 *
 * Returns: (transfer full): the token, or %NULL with @error set as
 *   [method@OA2.TokenPoller.poll] describes
 */
OA2BearerToken *
oa2_token_poller_poll_finish (OA2TokenPoller  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (OA2_IS_TOKEN_POLLER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == oa2_token_poller_poll_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * oa2_token_poller_poll_once_async:
 * @self: a poller
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the server has answered
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of
 * [method@OA2.TokenPoller.poll_once]: one request, no wait. Finish with
 * [method@OA2.TokenPoller.poll_once_finish].
 */
void
oa2_token_poller_poll_once_async (OA2TokenPoller      *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  GError *error = NULL;

  g_return_if_fail (OA2_IS_TOKEN_POLLER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = new_poll_task (self, FALSE, oa2_token_poller_poll_once_async, cancellable, callback, user_data);
  g_task_set_name (task, "oa2_token_poller_poll_once_async");
  if (refuse_if_busy (self, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  self->busy = TRUE;
  send_request (task);
}

/**
 * oa2_token_poller_poll_once_finish:
 * @self: a poller
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.TokenPoller.poll_once_async].
 *
 * Returns: (transfer full) (nullable): the token; %NULL without an error
 *   when the user has not answered yet; or %NULL with @error set, as
 *   [method@OA2.TokenPoller.poll_once] describes
 */
OA2BearerToken *
oa2_token_poller_poll_once_finish (OA2TokenPoller  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (OA2_IS_TOKEN_POLLER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == oa2_token_poller_poll_once_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
