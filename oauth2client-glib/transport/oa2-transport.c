/* oa2-transport.c: the only code that does I/O
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every request the library makes goes through oa2_transport_send_async():
 * it enforces the endpoint URI rule (and sends loopback http only where no
 * proxy intervenes), the timeout, the response size cap and the announced
 * body length, traces the exchange with secrets redacted, and runs the
 * per-attempt and retry hooks. The asynchronous and the blocking variant are two small
 * drivers over the same steps, so both flavours share every rule; the
 * blocking one uses libsoup's own blocking API, which is safe from any
 * thread.
 */

#include "config.h"

#include "oa2-dpop-nonces-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-redact-private.h"
#include "oa2-secret-private.h"
#include "oa2-transport-private.h"
#include "oa2-uri-private.h"

#define READ_CHUNK_SIZE (64 * 1024)
#define FIRST_READ_SIZE (4 * 1024)
#define MIN_READ_SIZE 256

/* One exchange (all its attempts), shared by both drivers. */
typedef struct {
  OA2TransportConfig config;
  OA2HttpRequest    *request;
  OA2TransportHooks  hooks;
  guint              attempt;

  SoupMessage       *msg;
  GInputStream      *stream;
  OA2SecretBuffer    body;               /* the stream reads into it in place */

  GCancellable      *io_cancellable;   /* cancelled by the caller or the timeout */
  GCancellable      *caller_cancellable;
  gulong             caller_cancelled_id;
  GSource           *timeout_source;
  struct Watchdog   *watchdog;
  goffset            expected_length;  /* of the body as read, or -1 */
  gboolean           tracing;          /* G_MESSAGES_DEBUG asks for the exchange */
} Exchange;

/* What the timeout touches, reference-counted, because the timeout may
 * still be firing on the watchdog thread while the exchange is freed. */
typedef struct Watchdog {
  GCancellable *io_cancellable;
  gint          fired;      /* atomic */
  gint64        deadline;   /* monotonic µs; a blocking call's, while armed */
  GList         link;       /* in the watch list while armed */
  gboolean      armed;      /* under watch_lock */
} Watchdog;

static void
watchdog_clear (gpointer data)
{
  Watchdog *watchdog = data;

  g_object_unref (watchdog->io_cancellable);
}

static void
watchdog_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, watchdog_clear);
}

static void
watchdog_fire (Watchdog *watchdog)
{
  g_atomic_int_set (&watchdog->fired, TRUE);
  g_cancellable_cancel (watchdog->io_cancellable);
}

/* The timeouts of blocking calls: one process-wide thread watches their
 * deadlines, so that a timeout fires even while the call occupies the
 * caller's thread and its main context. A blocking call arms its watchdog
 * before it sends and disarms it when done. Both are a locked list
 * operation; the thread is woken only when a deadline earlier than every
 * other arrives (a timer source on a main context of that thread would
 * wake it twice per request). An asynchronous call needs no thread: its
 * timeout is a source on the main context it runs on. Either way the
 * timeout only cancels; each driver notices the cancellation. */
static GMutex watch_lock;
static GCond  watch_cond;
static GQueue watch_list = G_QUEUE_INIT;   /* earliest deadline first; each holds a reference */

/* The deadline the thread sleeps until, G_MAXINT64 for none. */
static gint64 watch_wake_at = G_MAXINT64;

static gpointer
watch_thread (gpointer data)
{
  g_mutex_lock (&watch_lock);
  for (;;)
    {
      Watchdog *first = g_queue_peek_head (&watch_list);

      if (first == NULL)
        {
          watch_wake_at = G_MAXINT64;
          g_cond_wait (&watch_cond, &watch_lock);
        }
      else if (g_get_monotonic_time () < first->deadline)
        {
          watch_wake_at = first->deadline;
          g_cond_wait_until (&watch_cond, &watch_lock, first->deadline);
        }
      else
        {
          g_queue_unlink (&watch_list, &first->link);
          first->armed = FALSE;
          g_mutex_unlock (&watch_lock);
          watchdog_fire (first);
          watchdog_unref (first);
          g_mutex_lock (&watch_lock);
        }
    }
  return NULL;
}

static void
watchdog_arm (Watchdog *watchdog,
              guint     timeout_seconds)
{
  static gsize started;
  GList *before;

  if (g_once_init_enter (&started))
    {
      g_thread_unref (g_thread_new ("oa2-watchdog", watch_thread, NULL));
      g_once_init_leave (&started, 1);
    }

  watchdog->deadline = g_get_monotonic_time () + (gint64) timeout_seconds * G_USEC_PER_SEC;
  watchdog->link.data = g_atomic_rc_box_acquire (watchdog);
  g_mutex_lock (&watch_lock);
  watchdog->armed = TRUE;
  /* Calls mostly share one timeout, so a new deadline is mostly the last. */
  for (before = watch_list.tail;
       before != NULL && ((Watchdog *) before->data)->deadline > watchdog->deadline;
       before = before->prev)
    ;
  if (before == NULL)
    g_queue_push_head_link (&watch_list, &watchdog->link);
  else
    g_queue_insert_after_link (&watch_list, before, &watchdog->link);
  /* Sleeping until a later deadline, or none, the thread must look again;
   * one that sleeps until an earlier one finds this deadline then. */
  if (watchdog->deadline < watch_wake_at)
    {
      watch_wake_at = watchdog->deadline;
      g_cond_signal (&watch_cond);
    }
  g_mutex_unlock (&watch_lock);
}

/* The thread, woken early at a deadline that is gone, looks again. */
static void
watchdog_disarm (Watchdog *watchdog)
{
  gboolean armed;

  g_mutex_lock (&watch_lock);
  armed = watchdog->armed;
  if (armed)
    {
      g_queue_unlink (&watch_list, &watchdog->link);
      watchdog->armed = FALSE;
    }
  g_mutex_unlock (&watch_lock);
  if (armed)
    watchdog_unref (watchdog);
}

static gboolean
on_timeout (gpointer user_data)
{
  watchdog_fire (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *cancellable,
                     GCancellable *io_cancellable)
{
  g_cancellable_cancel (io_cancellable);
}

static gboolean
tracing (void)
{
  return !g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN);
}

static Exchange *
exchange_new (const OA2TransportConfig *config,
              OA2HttpRequest           *request,
              const OA2TransportHooks  *hooks,
              GCancellable             *cancellable,
              GMainContext             *timeout_context,
              gboolean                  blocking)
{
  Exchange *exchange = g_new0 (Exchange, 1);

  exchange->config = *config;
  g_object_ref (exchange->config.session);
  exchange->request = request;
  exchange->tracing = tracing ();
  if (hooks != NULL)
    exchange->hooks = *hooks;
  exchange->io_cancellable = g_cancellable_new ();
  exchange->watchdog = g_atomic_rc_box_new0 (Watchdog);
  exchange->watchdog->io_cancellable = g_object_ref (exchange->io_cancellable);

  if (cancellable != NULL)
    {
      exchange->caller_cancellable = g_object_ref (cancellable);
      exchange->caller_cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                             exchange->io_cancellable, NULL);
    }

  if (exchange->config.timeout_seconds > 0 && blocking)
    watchdog_arm (exchange->watchdog, exchange->config.timeout_seconds);
  else if (exchange->config.timeout_seconds > 0)
    {
      /* Millisecond precision: the seconds variant may fire up to a second
       * late, and a timeout is a promise to the caller. */
      exchange->timeout_source = g_timeout_source_new (exchange->config.timeout_seconds * 1000);
      g_source_set_callback (exchange->timeout_source, on_timeout,
                             g_atomic_rc_box_acquire (exchange->watchdog), watchdog_unref);
      g_source_set_static_name (exchange->timeout_source, "[oa2] request timeout");
      g_source_attach (exchange->timeout_source, timeout_context);
    }

  return exchange;
}

static void
exchange_free (Exchange *exchange)
{
  if (exchange->timeout_source != NULL)
    {
      g_source_destroy (exchange->timeout_source);
      g_source_unref (exchange->timeout_source);
    }
  watchdog_disarm (exchange->watchdog);
  watchdog_unref (exchange->watchdog);
  if (exchange->caller_cancelled_id != 0)
    g_cancellable_disconnect (exchange->caller_cancellable, exchange->caller_cancelled_id);
  g_clear_object (&exchange->caller_cancellable);
  g_clear_object (&exchange->io_cancellable);
  g_clear_object (&exchange->stream);
  g_clear_object (&exchange->msg);
  /* A body abandoned half-way may hold part of a token. */
  oa2_secret_buffer_clear (&exchange->body);
  oa2_http_request_unref (exchange->request);
  if (exchange->hooks.user_data_free != NULL)
    exchange->hooks.user_data_free (exchange->hooks.user_data);
  g_clear_object (&exchange->config.session);
  g_free (exchange);
}

static void
trace_request (SoupMessage          *msg,
               const OA2HttpRequest *request,
               OA2Form              *sent_form)
{
  g_autofree char *uri = NULL;
  g_autofree char *headers = NULL;
  g_autofree char *form = NULL;

  /* User information and queries may carry credentials: never shown. */
  uri = oa2_uri_to_display (soup_message_get_uri (msg));
  headers = oa2_redact_headers (soup_message_get_request_headers (msg));
  /* A raw body is an API's business and may hold anything: its size only. */
  if (sent_form != NULL)
    form = oa2_redact_form (sent_form);
  else if (request->body != NULL)
    form = g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes)", g_bytes_get_size (request->body));
  else if (request->body_stream != NULL && request->body_length >= 0)
    form = g_strdup_printf ("(stream of %" G_GOFFSET_FORMAT " bytes)", request->body_length);
  else if (request->body_stream != NULL)
    form = g_strdup ("(stream, chunked)");
  else
    form = g_strdup ("(none)");
  g_debug ("> %s %s%s\n  body: %s", request->method, uri, headers, form);
}

static void
trace_response (const OA2HttpResponse *response)
{
  g_autofree char *headers = NULL;
  g_autofree char *body = NULL;

  headers = oa2_redact_headers (response->headers);
  /* A streamed body is the caller's to read: not read here. */
  body = response->stream != NULL
         ? g_strdup ("(streamed)")
         : oa2_redact_body (response->body, soup_message_headers_get_content_type (response->headers, NULL));
  g_debug ("< %u%s\n  body: %s", response->status, headers, body);
}

/* A cancelled I/O operation is the caller's cancellation unless the
 * watchdog fired first; then it is a timeout, reported as such. */
static GError *
exchange_outcome_error (Exchange *exchange,
                        GError   *error)
{
  if (g_atomic_int_get (&exchange->watchdog->fired) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_cancellable_is_cancelled (exchange->caller_cancellable))
    {
      g_clear_error (&error);
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           g_dngettext (GETTEXT_PACKAGE,
                                        /* Translators: %s names a server endpoint, %u is a number of seconds */
                                        "The %s did not answer within %u second",
                                        "The %s did not answer within %u seconds",
                                        exchange->config.timeout_seconds),
                           exchange->request->endpoint_name, exchange->config.timeout_seconds);
    }
  return error;
}

static GError *
too_large_error (Exchange *exchange)
{
  g_autofree char *limit = g_format_size_full (exchange->config.max_response_size, G_FORMAT_SIZE_IEC_UNITS);

  return g_error_new (OA2_ERROR, OA2_ERROR_RESPONSE_TOO_LARGE,
                      /* Translators: the first %s names a server endpoint, the second is a size such as “1.0 MiB” */
                      _("The %s sent a response larger than %s"),
                      exchange->request->endpoint_name, limit);
}

/* libsoup gives each connection it makes an interaction of its own,
 * which answers a server's request for a client certificate by emitting
 * SoupMessage::request-certificate. Nothing handles that signal on the
 * library's messages (a certificate to present is set on the connection
 * below), and for a blocking request sent from a callback of the main
 * loop, the interaction waits for that main loop, which waits for the
 * request: forever. Without it, a server that asks for a certificate
 * without requiring one gets none, which is what the unhandled signal
 * gives too. An interaction the application gave the session stays. */
static gboolean
is_libsoup_interaction (GTlsInteraction *interaction)
{
  return interaction != NULL && g_strcmp0 (G_OBJECT_TYPE_NAME (interaction), "SoupTlsInteraction") == 0;
}

/* Called on a new https connection of a message, just before its TLS
 * handshake; @certificate is the one it presents, or NULL. */
static void
on_network_event (SoupMessage        *msg,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  GTlsCertificate    *certificate)
{
  static const char * const http1_only[] = { "http/1.1", NULL };

  if (event != G_SOCKET_CLIENT_TLS_HANDSHAKING || !G_IS_TLS_CLIENT_CONNECTION (connection))
    return;
  if (is_libsoup_interaction (g_tls_connection_get_interaction (G_TLS_CONNECTION (connection))))
    g_tls_connection_set_interaction (G_TLS_CONNECTION (connection), NULL);
  if (certificate == NULL)
    return;
  /* libsoup 3.2 hands the message's certificate over only when the
   * server asks for one. Set on the connection before the handshake, it
   * also becomes part of glib-networking's key for TLS session
   * resumption: this connection neither resumes a session made without
   * the certificate (a resumed TLS 1.3 handshake carries none, so the
   * server would see no certificate) nor leaves one behind that a
   * connection without the certificate could resume. */
  g_tls_connection_set_certificate (G_TLS_CONNECTION (connection), certificate);
  /* HTTP/2 would let other requests of the session share the connection
   * while it is open; HTTP/1.1 with "Connection: close" ends it with the
   * response. */
  g_tls_connection_set_advertised_protocols (G_TLS_CONNECTION (connection), http1_only);
}

static void
release_certificate (gpointer  certificate,
                     GClosure *closure)
{
  if (certificate != NULL)
    g_object_unref (certificate);
}

/* Mutual TLS (RFC 8705): the certificate is presented on a connection of
 * its own, never on one from the session's pool, which may have been made
 * without it or with another, and the connection is closed after the
 * response, so that no request without the certificate reuses it. That
 * costs a handshake per request, which token requests can afford. */
static gboolean
exchange_present_certificate (Exchange         *exchange,
                              GTlsCertificate  *certificate,
                              GError          **error)
{
  SoupMessage *msg = exchange->msg;
  GUri *uri = soup_message_get_uri (msg);

  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0)
    {
      g_autofree char *text = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO | G_URI_HIDE_QUERY |
                                                            G_URI_HIDE_FRAGMENT);

      g_set_error (error, OA2_ERROR, OA2_ERROR_INSECURE_TRANSPORT,
                   /* Translators: %s is a URI */
                   _("A client certificate can only be presented over https, and “%s” is not an https URI"),
                   text);
      return FALSE;
    }

  soup_message_add_flags (msg, SOUP_MESSAGE_NEW_CONNECTION);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Connection", "close");
  soup_message_set_tls_client_certificate (msg, certificate);
  return TRUE;
}

/* Step 1 of an attempt: a message made from the request, stamped by the
 * hook, checked against the endpoint rule. The request itself is never
 * changed, so every attempt starts from it as it was given; the hook works
 * on the message's own headers and on a copy of the form. */
static gboolean
exchange_begin_attempt (Exchange  *exchange,
                        GError   **error)
{
  const OA2HttpRequest *request = exchange->request;
  OA2HttpAttempt attempt = { request->method, request->uri, NULL, NULL, NULL };
  g_autoptr(OA2Form) form = NULL;
  g_autoptr(GUri) uri = NULL;
  SoupMessageHeadersIter iter;
  const char *name, *value;

  exchange->attempt++;
  g_clear_object (&exchange->msg);
  g_clear_object (&exchange->stream);

  if (g_cancellable_set_error_if_cancelled (exchange->io_cancellable, error))
    return FALSE;

  uri = request->endpoint != NULL ? g_uri_ref (request->endpoint) : oa2_uri_parse_endpoint (request->uri, error);
  if (uri == NULL)
    return FALSE;

  attempt.endpoint = uri;
  exchange->msg = soup_message_new_from_uri (request->method, uri);
  /* OAuth endpoints answer directly; following a redirect could carry
   * credentials somewhere else, so a 3xx is reported, not followed. */
  soup_message_add_flags (exchange->msg, SOUP_MESSAGE_NO_REDIRECT);
  attempt.headers = soup_message_get_request_headers (exchange->msg);
  soup_message_headers_iter_init (&iter, request->headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_append (attempt.headers, name, value);
  if (request->form != NULL)
    attempt.form = form = oa2_form_copy (request->form);

  if (exchange->hooks.prepare != NULL &&
      !exchange->hooks.prepare (&attempt, exchange->attempt, exchange->hooks.user_data, error))
    return FALSE;

  if (form != NULL)
    {
      g_autoptr(GBytes) body = oa2_form_encode (form);
      soup_message_set_request_body_from_bytes (exchange->msg, "application/x-www-form-urlencoded", body);
    }
  else if (request->body != NULL)
    soup_message_set_request_body_from_bytes (exchange->msg, request->content_type, request->body);
  else if (request->body_stream != NULL)
    soup_message_set_request_body (exchange->msg, request->content_type, request->body_stream,
                                   request->body_length);
  if (request->tls_certificate != NULL &&
      !exchange_present_certificate (exchange, request->tls_certificate, error))
    return FALSE;
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0)
    g_signal_connect_data (exchange->msg, "network-event", G_CALLBACK (on_network_event),
                           request->tls_certificate != NULL ? g_object_ref (request->tls_certificate) : NULL,
                           release_certificate, 0);

  if (exchange->tracing)
    trace_request (exchange->msg, request, form);
  return TRUE;
}

/* GIO's fallback resolver, used where no proxy configuration exists (and
 * chosen with GIO_USE_PROXY_RESOLVER=dummy), answers direct:// for every
 * URI without looking at it: asking it would cost a lookup per request
 * and could not change the answer. */
static gboolean
resolver_is_always_direct (GProxyResolver *resolver)
{
  return g_strcmp0 (G_OBJECT_TYPE_NAME (resolver), "GDummyProxyResolver") == 0;
}

/* Plain http is admitted only to a loopback host, because the traffic
 * stays on this machine; sent through a proxy, it would cross the network
 * in clear. libsoup 3.2 cannot bypass the session's proxy for one message,
 * and the session may be the caller's, so such a request goes only where
 * the session's resolver answers direct://. Returns the URI to ask the
 * resolver about, or NULL when there is nothing to check. */
static char *
exchange_route_to_check (Exchange *exchange)
{
  GUri *uri = soup_message_get_uri (exchange->msg);
  GProxyResolver *resolver;

  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0)
    return NULL;
  resolver = soup_session_get_proxy_resolver (exchange->config.session);
  if (resolver == NULL || resolver_is_always_direct (resolver))
    return NULL;
  /* What GLib's socket client asks the resolver: scheme, host and port. */
  return g_uri_join (G_URI_FLAGS_NONE, "http", NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : 80, "", NULL, NULL);
}

/* Every answer must be direct: GLib tries the next proxy when a direct
 * connection fails. */
static gboolean
exchange_route_is_direct (Exchange           *exchange,
                          const char * const *proxies,
                          GError            **error)
{
  g_autofree char *text = NULL;

  for (guint i = 0; proxies[i] != NULL; i++)
    if (g_ascii_strcasecmp (proxies[i], "direct://") != 0)
      {
        text = g_uri_to_string_partial (soup_message_get_uri (exchange->msg),
                                        G_URI_HIDE_USERINFO | G_URI_HIDE_QUERY | G_URI_HIDE_FRAGMENT);
        g_set_error (error, OA2_ERROR, OA2_ERROR_INSECURE_TRANSPORT,
                     /* Translators: %s is a URI */
                     _("Refusing to send credentials to “%s” through a proxy: plain http is only allowed "
                       "directly to a loopback address; exclude it from the proxy, or use https"),
                     text);
        return FALSE;
      }
  return TRUE;
}

/* Whether the caller reads this response's body itself: a success it
 * asked to stream. A failure status is read whole, so that its error
 * body is capped and reported as for any request. */
static gboolean
exchange_streams_body (Exchange *exchange)
{
  return exchange->config.stream_response && soup_message_get_status (exchange->msg) < 400;
}

/* Step 2: the headers arrived; refuse a body announced larger than the cap
 * before reading any of it. */
static gboolean
exchange_headers_received (Exchange      *exchange,
                           GInputStream  *stream,
                           GError       **error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (exchange->msg);
  goffset declared;

  exchange->stream = stream;
  if (exchange_streams_body (exchange))
    return TRUE;
  declared = soup_message_headers_get_content_length (headers);
  if (declared > 0 && (guint64) declared > exchange->config.max_response_size)
    {
      g_propagate_error (error, too_large_error (exchange));
      return FALSE;
    }
  oa2_secret_buffer_clear (&exchange->body);
  exchange->expected_length = -1;
  if (declared >= 0 && soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    {
      const char *coding = soup_message_headers_get_one (headers, "Content-Encoding");

      if (coding == NULL || g_ascii_strcasecmp (coding, "identity") == 0)
        exchange->expected_length = declared;
    }
  return TRUE;
}

/* Ask for at least one byte more than the cap allows, so an oversized body
 * is detected without reading it all. Never ask for a handful of bytes:
 * libsoup's chunked decoder needs room for a chunk-size line. Reads grow
 * with the body, from a small first one, and a body of announced length
 * gets room for that length and the end of the stream: a short response
 * costs a small block, not a read chunk the allocator must map and give
 * back for every request. */
static gsize
exchange_next_read_size (Exchange *exchange)
{
  gsize remaining = exchange->config.max_response_size + 1 - exchange->body.len;
  gsize size = CLAMP (exchange->body.len, (gsize) FIRST_READ_SIZE, (gsize) READ_CHUNK_SIZE);

  if (exchange->expected_length >= 0 && (guint64) exchange->expected_length >= exchange->body.len)
    size = MIN (size, (gsize) (exchange->expected_length - exchange->body.len) + MIN_READ_SIZE);
  return MAX (MIN (size, remaining), (gsize) MIN_READ_SIZE);
}

/* Step 3, before each read: room at the end of the body for the next
 * chunk. The stream reads straight into it, so that no copy of a chunk is
 * left behind in freed memory. */
static guint8 *
exchange_read_buffer (Exchange *exchange,
                      gsize    *count)
{
  *count = exchange_next_read_size (exchange);
  return oa2_secret_buffer_reserve (&exchange->body, *count);
}

/* Step 3, after each read: returns FALSE with @error set past the cap. */
static gboolean
exchange_chunk_read (Exchange  *exchange,
                     gsize      n_read,
                     GError   **error)
{
  exchange->body.len += n_read;
  if (exchange->body.len > exchange->config.max_response_size)
    {
      g_propagate_error (error, too_large_error (exchange));
      return FALSE;
    }
  return TRUE;
}

/* Whether the response carries a body at all (RFC 9110 §6.4.1), as
 * libsoup decides when it frames the response. */
static gboolean
response_has_body (SoupMessage *msg)
{
  guint status = soup_message_get_status (msg);

  return soup_message_get_method (msg) != SOUP_METHOD_HEAD &&
         status != SOUP_STATUS_NO_CONTENT && status != SOUP_STATUS_NOT_MODIFIED;
}

/* Step 4: the stream ended. libsoup 3.2 lets a body framed by
 * Content-Length end early when the server closes the connection (it
 * tolerates servers that announce a wrong length), and a cut-off body can
 * still parse, so the length that arrived is compared with the one
 * announced. A content coding changes the length; its decoder checks
 * those bodies. */
static gboolean
exchange_body_complete (Exchange  *exchange,
                        GError   **error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (exchange->msg);
  const char *coding = soup_message_headers_get_one (headers, "Content-Encoding");
  goffset declared = soup_message_headers_get_content_length (headers);
  g_autofree char *received_text = NULL;
  g_autofree char *declared_text = NULL;

  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH ||
      (coding != NULL && g_ascii_strcasecmp (coding, "identity") != 0) ||
      !response_has_body (exchange->msg) ||
      (guint64) exchange->body.len >= (guint64) declared)
    return TRUE;

  /* The error libsoup itself reports when a kept-alive connection ends
   * early, so that callers handle one condition one way. */
  received_text = g_format_size_full (exchange->body.len, G_FORMAT_SIZE_IEC_UNITS);
  declared_text = g_format_size_full (declared, G_FORMAT_SIZE_IEC_UNITS);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
               /* Translators: the first %s names a server endpoint, the others are sizes such as “45 bytes” */
               _("The %s closed the connection after %s of the %s it announced"),
               exchange->request->endpoint_name, received_text, declared_text);
  return FALSE;
}

/* Step 5: the whole body arrived, or the caller takes it as a stream.
 * Returns the response, or NULL when the response inspector asked for
 * another attempt. */
static OA2HttpResponse *
exchange_end_attempt (Exchange *exchange)
{
  /* Token responses are secrets: the buffer is wiped when released. */
  g_autoptr(GBytes) body = oa2_secret_buffer_steal (&exchange->body);
  OA2HttpResponse *response;
  gboolean retry;

  response = oa2_http_response_new (soup_message_get_status (exchange->msg),
                                    soup_message_get_response_headers (exchange->msg),
                                    body);
  if (exchange_streams_body (exchange))
    response->stream = g_steal_pointer (&exchange->stream);
  if (exchange->tracing)
    trace_response (response);

  /* RFC 9449 §8.2: a server may send a new nonce on any response. */
  if (soup_message_headers_get_one (response->headers, "DPoP-Nonce") != NULL)
    {
      g_autoptr(OA2DPoPNonces) nonces = oa2_dpop_nonces_for_session (exchange->config.session);

      oa2_dpop_nonces_remember (nonces, soup_message_get_uri (exchange->msg), response->headers);
    }

  /* The inspector runs on every response, since it may record state (a
   * nonce). A body stream was consumed by the first attempt and cannot
   * be sent again, and a streamed response is a success, which no
   * inspector retries: neither is retried. */
  retry = exchange->hooks.should_retry != NULL && exchange->attempt < OA2_TRANSPORT_MAX_ATTEMPTS &&
          exchange->hooks.should_retry (response, exchange->attempt, exchange->hooks.user_data);
  if (retry && exchange->request->body_stream == NULL && response->stream == NULL)
    {
      oa2_http_response_free (response);
      return NULL;
    }
  return response;
}

/* The asynchronous driver. */

static void async_begin_attempt (GTask *task);
static void async_read_next_chunk (GTask *task);

static void
async_fail (GTask  *task,
            GError *error)
{
  g_task_return_error (task, exchange_outcome_error (g_task_get_task_data (task), error));
}

static void
on_chunk_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Exchange *exchange = g_task_get_task_data (task);
  OA2HttpResponse *response;
  GError *error = NULL;
  gssize n_read;

  n_read = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  if (n_read < 0)
    {
      async_fail (task, error);
      return;
    }

  if (n_read > 0)
    {
      if (!exchange_chunk_read (exchange, (gsize) n_read, &error))
        async_fail (task, error);
      else
        async_read_next_chunk (task);
      return;
    }

  if (!exchange_body_complete (exchange, &error))
    {
      async_fail (task, error);
      return;
    }
  response = exchange_end_attempt (exchange);
  if (response == NULL)
    async_begin_attempt (task);
  else
    g_task_return_pointer (task, response, (GDestroyNotify) oa2_http_response_free);
}

static void
async_read_next_chunk (GTask *task)
{
  Exchange *exchange = g_task_get_task_data (task);
  gsize count;
  guint8 *buffer = exchange_read_buffer (exchange, &count);

  g_input_stream_read_async (exchange->stream, buffer, count, G_PRIORITY_DEFAULT,
                             exchange->io_cancellable, on_chunk_read, g_object_ref (task));
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Exchange *exchange = g_task_get_task_data (task);
  GInputStream *stream;
  GError *error = NULL;

  stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (stream == NULL || !exchange_headers_received (exchange, stream, &error))
    {
      async_fail (task, error);
      return;
    }
  if (exchange_streams_body (exchange))
    g_task_return_pointer (task, exchange_end_attempt (exchange), (GDestroyNotify) oa2_http_response_free);
  else
    async_read_next_chunk (task);
}

static void
async_send (GTask *task)
{
  Exchange *exchange = g_task_get_task_data (task);

  soup_session_send_async (exchange->config.session, exchange->msg, G_PRIORITY_DEFAULT,
                           exchange->io_cancellable, on_sent, g_object_ref (task));
}

static void
on_route_looked_up (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_auto(GStrv) proxies = NULL;
  GError *error = NULL;

  proxies = g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (source), result, &error);
  if (proxies == NULL ||
      !exchange_route_is_direct (g_task_get_task_data (task), (const char * const *) proxies, &error))
    async_fail (task, error);
  else
    async_send (task);
}

static void
async_begin_attempt (GTask *task)
{
  Exchange *exchange = g_task_get_task_data (task);
  g_autofree char *route = NULL;
  GError *error = NULL;

  if (!exchange_begin_attempt (exchange, &error))
    {
      async_fail (task, error);
      return;
    }
  route = exchange_route_to_check (exchange);
  if (route != NULL)
    g_proxy_resolver_lookup_async (soup_session_get_proxy_resolver (exchange->config.session), route,
                                   exchange->io_cancellable, on_route_looked_up, g_object_ref (task));
  else
    async_send (task);
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

  g_return_if_fail (config != NULL && SOUP_IS_SESSION (config->session));
  g_return_if_fail (request != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, oa2_transport_send_async);
  g_task_set_task_data (task, exchange_new (config, request, hooks, cancellable, g_task_get_context (task), FALSE),
                        (GDestroyNotify) exchange_free);

  if (g_task_return_error_if_cancelled (task))
    return;
  async_begin_attempt (task);
}

OA2HttpResponse *
oa2_transport_send_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == oa2_transport_send_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The blocking driver: the same steps over libsoup's blocking API. */
static OA2HttpResponse *
sync_run (Exchange  *exchange,
          GError   **error)
{
  for (;;)
    {
      OA2HttpResponse *response;
      GInputStream *stream;
      g_autofree char *route = NULL;

      if (!exchange_begin_attempt (exchange, error))
        return NULL;

      route = exchange_route_to_check (exchange);
      if (route != NULL)
        {
          g_auto(GStrv) proxies = g_proxy_resolver_lookup (soup_session_get_proxy_resolver (exchange->config.session),
                                                           route, exchange->io_cancellable, error);

          if (proxies == NULL || !exchange_route_is_direct (exchange, (const char * const *) proxies, error))
            return NULL;
        }

      stream = soup_session_send (exchange->config.session, exchange->msg, exchange->io_cancellable, error);
      if (stream == NULL || !exchange_headers_received (exchange, stream, error))
        return NULL;

      for (; !exchange_streams_body (exchange);)
        {
          gsize count;
          guint8 *buffer = exchange_read_buffer (exchange, &count);
          gssize n_read = g_input_stream_read (exchange->stream, buffer, count, exchange->io_cancellable, error);

          if (n_read < 0)
            return NULL;
          if (n_read == 0)
            {
              if (!exchange_body_complete (exchange, error))
                return NULL;
              break;
            }
          if (!exchange_chunk_read (exchange, (gsize) n_read, error))
            return NULL;
        }

      response = exchange_end_attempt (exchange);
      if (response != NULL)
        return response;
    }
}

OA2HttpResponse *
oa2_transport_send (const OA2TransportConfig  *config,
                    OA2HttpRequest            *request,
                    const OA2TransportHooks   *hooks,
                    GCancellable              *cancellable,
                    GError                   **error)
{
  Exchange *exchange;
  OA2HttpResponse *response;
  GError *local_error = NULL;

  g_return_val_if_fail (config != NULL && SOUP_IS_SESSION (config->session), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  exchange = exchange_new (config, request, hooks, cancellable, NULL, TRUE);
  response = sync_run (exchange, &local_error);
  if (response == NULL)
    g_propagate_error (error, exchange_outcome_error (exchange, local_error));
  exchange_free (exchange);
  return response;
}
