/* oa2-transport.c: the only code that does I/O
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every request the library makes goes through oa2_transport_send_async():
 * it enforces the endpoint URI rule, the timeout and the response size cap,
 * traces the exchange with secrets redacted, and runs the per-attempt and
 * retry hooks. The synchronous variant drives the same code on a private
 * main context, so both flavours share every rule.
 */

#include "config.h"

#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-redact-private.h"
#include "oa2-secret-private.h"
#include "oa2-transport-private.h"
#include "oa2-uri-private.h"

#define READ_CHUNK_SIZE (64 * 1024)

typedef struct {
  OA2TransportConfig config;
  OA2HttpRequest    *request;
  OA2TransportHooks  hooks;
  guint              attempt;

  SoupMessage       *msg;
  GInputStream      *stream;
  GByteArray        *body;

  GCancellable      *io_cancellable;   /* cancelled by the caller or the timeout */
  GCancellable      *caller_cancellable;
  gulong             caller_cancelled_id;
  GSource           *timeout_source;
  gboolean           timed_out;
} SendState;

static void
send_state_free (SendState *state)
{
  if (state->caller_cancelled_id != 0)
    g_cancellable_disconnect (state->caller_cancellable, state->caller_cancelled_id);
  g_clear_object (&state->caller_cancellable);
  if (state->timeout_source != NULL)
    {
      g_source_destroy (state->timeout_source);
      g_source_unref (state->timeout_source);
    }
  g_clear_object (&state->io_cancellable);
  g_clear_object (&state->stream);
  g_clear_object (&state->msg);
  g_clear_pointer (&state->body, g_byte_array_unref);
  oa2_http_request_free (state->request);
  if (state->hooks.user_data_free != NULL)
    state->hooks.user_data_free (state->hooks.user_data);
  g_clear_object (&state->config.session);
  g_free (state);
}

static gboolean
tracing (void)
{
  return !g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN);
}

static void
trace_request (SoupMessage          *msg,
               const OA2HttpRequest *attempt)
{
  g_autofree char *uri = NULL;
  g_autofree char *headers = NULL;
  g_autofree char *form = NULL;

  if (!tracing ())
    return;
  /* Queries may carry tokens; the trace never shows them. */
  uri = g_uri_to_string_partial (soup_message_get_uri (msg),
                                 G_URI_HIDE_PASSWORD | G_URI_HIDE_QUERY);
  headers = oa2_redact_headers (soup_message_get_request_headers (msg));
  form = attempt->form != NULL ? oa2_redact_form (attempt->form) : g_strdup ("(none)");
  g_debug ("> %s %s%s\n  body: %s", attempt->method, uri, headers, form);
}

static void
trace_response (const OA2HttpResponse *response)
{
  g_autofree char *headers = NULL;
  g_autofree char *body = NULL;

  if (!tracing ())
    return;
  headers = oa2_redact_headers (response->headers);
  body = oa2_redact_body (response->body);
  g_debug ("< %u%s\n  body: %s", response->status, headers, body);
}

/* A cancelled I/O operation is the caller's cancellation unless our own
 * timer fired first; then it is a timeout, reported as such. */
static void
return_error (GTask  *task,
              GError *error)
{
  SendState *state = g_task_get_task_data (task);

  if (state->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_cancellable_is_cancelled (state->caller_cancellable))
    {
      g_clear_error (&error);
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           /* Translators: %s names a server endpoint, %u is a number of seconds */
                           g_dngettext (GETTEXT_PACKAGE,
                                        "The %s did not answer within %u second",
                                        "The %s did not answer within %u seconds",
                                        state->config.timeout_seconds),
                           state->request->endpoint_name, state->config.timeout_seconds);
    }
  g_task_return_error (task, error);
}

static GError *
too_large_error (SendState *state)
{
  return g_error_new (OA2_ERROR, OA2_ERROR_RESPONSE_TOO_LARGE,
                      /* Translators: %s names a server endpoint; the number is a size limit in bytes */
                      _("The %s sent a response larger than %" G_GSIZE_FORMAT " bytes"),
                      state->request->endpoint_name, state->config.max_response_size);
}

static void start_attempt (GTask *task);

static void
finish_attempt (GTask *task)
{
  SendState *state = g_task_get_task_data (task);
  guint len = state->body->len;
  guint8 *data = g_byte_array_free (g_steal_pointer (&state->body), FALSE);
  /* Token responses are secrets: the buffer is wiped when released. */
  g_autoptr(GBytes) body = oa2_secret_bytes_new_take (data, len);
  OA2HttpResponse *response;

  response = oa2_http_response_new (soup_message_get_status (state->msg),
                                    soup_message_get_response_headers (state->msg),
                                    body);
  trace_response (response);
  g_clear_object (&state->stream);
  g_clear_object (&state->msg);

  if (state->hooks.should_retry != NULL && state->attempt < OA2_TRANSPORT_MAX_ATTEMPTS &&
      state->hooks.should_retry (response, state->attempt, state->hooks.user_data))
    {
      oa2_http_response_free (response);
      start_attempt (task);
      return;
    }

  g_task_return_pointer (task, response, (GDestroyNotify) oa2_http_response_free);
}

static void read_next_chunk (GTask *task);

static void
on_chunk_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendState *state = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      return_error (task, error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      finish_attempt (task);
      return;
    }

  g_byte_array_append (state->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  if (state->body->len > state->config.max_response_size)
    {
      g_task_return_error (task, too_large_error (state));
      return;
    }

  read_next_chunk (task);
}

static void
read_next_chunk (GTask *task)
{
  SendState *state = g_task_get_task_data (task);
  /* Ask for one byte more than the cap allows, so an oversized body is
   * detected without reading it all. */
  gsize want = MIN ((gsize) READ_CHUNK_SIZE, state->config.max_response_size + 1 - state->body->len);

  g_input_stream_read_bytes_async (state->stream, want, G_PRIORITY_DEFAULT,
                                   state->io_cancellable, on_chunk_read, g_object_ref (task));
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendState *state = g_task_get_task_data (task);
  GError *error = NULL;
  goffset declared;

  state->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (state->stream == NULL)
    {
      return_error (task, error);
      return;
    }

  declared = soup_message_headers_get_content_length (soup_message_get_response_headers (state->msg));
  if (declared > 0 && (guint64) declared > state->config.max_response_size)
    {
      g_task_return_error (task, too_large_error (state));
      return;
    }

  state->body = g_byte_array_new ();
  read_next_chunk (task);
}

static void
start_attempt (GTask *task)
{
  SendState *state = g_task_get_task_data (task);
  g_autoptr(OA2HttpRequest) attempt = oa2_http_request_copy (state->request);
  g_autoptr(GUri) uri = NULL;
  SoupMessageHeadersIter iter;
  const char *name, *value;
  GError *error = NULL;

  state->attempt++;

  if (state->hooks.prepare != NULL &&
      !state->hooks.prepare (attempt, state->attempt, state->hooks.user_data, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  uri = oa2_uri_parse_endpoint (attempt->uri, &error);
  if (uri == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  state->msg = soup_message_new_from_uri (attempt->method, uri);
  /* OAuth endpoints answer directly; following a redirect could carry
   * credentials somewhere else, so a 3xx is reported, not followed. */
  soup_message_add_flags (state->msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_iter_init (&iter, attempt->headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_replace (soup_message_get_request_headers (state->msg), name, value);
  if (attempt->form != NULL)
    {
      g_autoptr(GBytes) body = oa2_form_encode (attempt->form);
      soup_message_set_request_body_from_bytes (state->msg, "application/x-www-form-urlencoded", body);
    }

  trace_request (state->msg, attempt);
  soup_session_send_async (state->config.session, state->msg, G_PRIORITY_DEFAULT,
                           state->io_cancellable, on_sent, g_object_ref (task));
}

static void
on_caller_cancelled (GCancellable *cancellable,
                     GCancellable *io_cancellable)
{
  g_cancellable_cancel (io_cancellable);
}

static gboolean
on_timeout (gpointer user_data)
{
  SendState *state = user_data;

  state->timed_out = TRUE;
  g_cancellable_cancel (state->io_cancellable);
  return G_SOURCE_CONTINUE;   /* destroyed with the state */
}

void
oa2_transport_send_async (const OA2TransportConfig *config,
                          OA2HttpRequest           *request,
                          const OA2TransportHooks  *hooks,
                          GCancellable             *cancellable,
                          GAsyncReadyCallback       callback,
                          gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  SendState *state;

  g_return_if_fail (config != NULL && SOUP_IS_SESSION (config->session));
  g_return_if_fail (request != NULL);

  state = g_new0 (SendState, 1);
  state->config = *config;
  g_object_ref (state->config.session);
  state->request = request;
  if (hooks != NULL)
    state->hooks = *hooks;
  state->io_cancellable = g_cancellable_new ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, oa2_transport_send_async);
  g_task_set_task_data (task, state, (GDestroyNotify) send_state_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (cancellable != NULL)
    {
      state->caller_cancellable = g_object_ref (cancellable);
      state->caller_cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                          state->io_cancellable, NULL);
    }

  if (state->config.timeout_seconds > 0)
    {
      state->timeout_source = g_timeout_source_new_seconds (state->config.timeout_seconds);
      g_source_set_callback (state->timeout_source, on_timeout, state, NULL);
      g_source_set_static_name (state->timeout_source, "[oa2] request timeout");
      g_source_attach (state->timeout_source, g_task_get_context (task));
    }

  start_attempt (task);
}

OA2HttpResponse *
oa2_transport_send_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == oa2_transport_send_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs the asynchronous path on a private main context, so that a blocking
 * call never dispatches the application's other sources and the timeout
 * and size rules are the same code. */
OA2HttpResponse *
oa2_transport_send (const OA2TransportConfig  *config,
                    OA2HttpRequest            *request,
                    const OA2TransportHooks   *hooks,
                    GCancellable              *cancellable,
                    GError                   **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;

  g_main_context_push_thread_default (context);
  oa2_transport_send_async (config, request, hooks, cancellable, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);

  return oa2_transport_send_finish (result, error);
}
