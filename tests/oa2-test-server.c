/* oa2-test-server.c: an in-process HTTP server for exact request checks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-server.h"

#include <glib/gstdio.h>
#include <string.h>

#include "oa2-test-thread-server.h"
#include "oa2-test-tls.h"

struct _OA2TestServer {
  OA2TestThreadServer *thread;
  char         *ca_file;

  GMutex        lock;
  /* the configured answer */
  guint         status;
  char         *content_type;
  GBytes       *body;
  gboolean      chunked;
  GPtrArray    *extra_headers;   /* name, value, name, value… */
  guint         delay_ms;
  /* what arrived */
  guint         hits;
  char         *last_method;
  char         *last_path;
  char         *last_body;
  SoupMessageHeaders *last_headers;
  GTlsCertificate *last_peer_certificate;
  guint         last_client_port;   /* tells connections apart */
  /* answers given once each, in order, before the configured one: for
   * polling sequences */
  GQueue        queued;
  /* every request's body and monotonic arrival time, in order */
  GPtrArray    *bodies;
  GArray       *arrival_times;
  /* the certificate each request's connection presented, or NULL */
  GPtrArray    *peer_certificates;
};

typedef struct {
  guint  status;
  char  *content_type;
  char  *body;
  char  *header_name;    /* NULL: none */
  char  *header_value;
} Queued;

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
queued_free (gpointer data)
{
  Queued *queued = data;

  g_free (queued->content_type);
  g_free (queued->body);
  g_free (queued->header_name);
  g_free (queued->header_value);
  g_free (queued);
}

typedef struct {
  SoupServerMessage *msg;
  GSource           *source;
} Delayed;

static gboolean
unpause_delayed (gpointer user_data)
{
  Delayed *delayed = user_data;

  soup_server_message_unpause (delayed->msg);
  return G_SOURCE_REMOVE;
}

static void
delayed_free (gpointer user_data)
{
  Delayed *delayed = user_data;

  g_source_unref (delayed->source);
  g_free (delayed);
}

static void
on_finished_cancel_delay (SoupServerMessage *msg,
                          Delayed           *delayed)
{
  g_source_destroy (delayed->source);
}

static void
handle (SoupServer        *soup_server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  OA2TestServer *server = user_data;
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) flattened = soup_message_body_flatten (request_body);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  Queued *queued;
  gint64 now = g_get_monotonic_time ();
  guint delay;

  g_mutex_lock (&server->lock);
  server->hits++;
  g_ptr_array_add (server->bodies, g_strndup (g_bytes_get_data (flattened, NULL), g_bytes_get_size (flattened)));
  g_array_append_val (server->arrival_times, now);
  g_free (server->last_method);
  server->last_method = g_strdup (soup_server_message_get_method (msg));
  g_free (server->last_path);
  server->last_path = g_strdup (path);
  g_free (server->last_body);
  server->last_body = g_strndup (g_bytes_get_data (flattened, NULL), g_bytes_get_size (flattened));
  g_clear_pointer (&server->last_headers, soup_message_headers_unref);
  server->last_headers = soup_message_headers_ref (soup_server_message_get_request_headers (msg));
  g_set_object (&server->last_peer_certificate, soup_server_message_get_tls_peer_certificate (msg));
  g_ptr_array_add (server->peer_certificates, server->last_peer_certificate != NULL
                                              ? g_object_ref (server->last_peer_certificate) : NULL);
  server->last_client_port = g_inet_socket_address_get_port (
    G_INET_SOCKET_ADDRESS (soup_server_message_get_remote_address (msg)));

  queued = g_queue_pop_head (&server->queued);
  if (queued != NULL)
    {
      soup_server_message_set_status (msg, queued->status, NULL);
      if (queued->header_name != NULL)
        soup_message_headers_append (response_headers, queued->header_name, queued->header_value);
      soup_server_message_set_response (msg, queued->content_type, SOUP_MEMORY_COPY,
                                        queued->body, strlen (queued->body));
      queued_free (queued);
      g_mutex_unlock (&server->lock);
      return;
    }

  soup_server_message_set_status (msg, server->status, NULL);
  for (guint i = 0; i + 1 < server->extra_headers->len; i += 2)
    soup_message_headers_append (response_headers, server->extra_headers->pdata[i],
                                 server->extra_headers->pdata[i + 1]);
  if (server->chunked)
    {
      soup_message_headers_set_encoding (response_headers, SOUP_ENCODING_CHUNKED);
      if (server->content_type != NULL)
        soup_message_headers_replace (response_headers, "Content-Type", server->content_type);
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), server->body);
      soup_message_body_complete (soup_server_message_get_response_body (msg));
    }
  else if (server->content_type != NULL)
    soup_server_message_set_response (msg, server->content_type, SOUP_MEMORY_COPY,
                                      g_bytes_get_data (server->body, NULL),
                                      g_bytes_get_size (server->body));
  else
    soup_message_body_append_bytes (soup_server_message_get_response_body (msg), server->body);
  delay = server->delay_ms;
  g_mutex_unlock (&server->lock);

  if (delay > 0)
    {
      Delayed *delayed = g_new0 (Delayed, 1);

      delayed->msg = msg;   /* the handler below lives no longer than msg */
      delayed->source = g_timeout_source_new (delay);
      g_source_set_callback (delayed->source, unpause_delayed, delayed, NULL);
      g_source_attach (delayed->source, oa2_test_thread_server_get_context (server->thread));
      g_signal_connect_data (msg, "finished", G_CALLBACK (on_finished_cancel_delay), delayed,
                             (GClosureNotify) (void (*) (void)) delayed_free, 0);
      soup_server_message_pause (msg);
    }
}

static OA2TestServer *
server_new (GTlsCertificate *certificate,
            char            *ca_file,
            gboolean         request_client_certificates)
{
  OA2TestServer *server = g_new0 (OA2TestServer, 1);

  server->ca_file = ca_file;
  g_mutex_init (&server->lock);
  server->extra_headers = g_ptr_array_new_with_free_func (g_free);
  g_queue_init (&server->queued);
  server->bodies = g_ptr_array_new_with_free_func (g_free);
  server->arrival_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  server->peer_certificates = g_ptr_array_new_with_free_func (unref_if_set);
  server->status = 200;
  server->content_type = g_strdup ("application/json");
  server->body = g_bytes_new_static ("{}", 2);

  /* Last: the handler may run from here on. */
  server->thread = oa2_test_thread_server_new_full (handle, server, certificate, request_client_certificates);
  g_clear_object (&certificate);
  return server;
}

OA2TestServer *
oa2_test_server_new (void)
{
  return server_new (NULL, NULL, FALSE);
}

OA2TestServer *
oa2_test_server_new_https (void)
{
  char *ca_file = NULL;
  GTlsCertificate *certificate = oa2_test_tls_certificate_new (&ca_file);

  return server_new (certificate, ca_file, FALSE);
}

OA2TestServer *
oa2_test_server_new_https_mtls (void)
{
  char *ca_file = NULL;
  GTlsCertificate *certificate = oa2_test_tls_certificate_new (&ca_file);

  return server_new (certificate, ca_file, TRUE);
}

/* Free it before the server, which deletes the file it reads. */
GTlsDatabase *
oa2_test_server_new_tls_database (OA2TestServer *server)
{
  g_autoptr(GError) error = NULL;
  GTlsDatabase *database;

  g_assert_nonnull (server->ca_file);
  database = g_tls_file_database_new (server->ca_file, &error);
  g_assert_no_error (error);
  return database;
}

void
oa2_test_server_free (OA2TestServer *server)
{
  /* First: no handler runs after it. */
  oa2_test_thread_server_free (server->thread);
  if (server->ca_file != NULL)
    g_unlink (server->ca_file);
  g_free (server->ca_file);
  g_free (server->content_type);
  g_bytes_unref (server->body);
  g_ptr_array_unref (server->extra_headers);
  g_queue_clear_full (&server->queued, queued_free);
  g_ptr_array_unref (server->bodies);
  g_array_unref (server->arrival_times);
  g_ptr_array_unref (server->peer_certificates);
  g_free (server->last_method);
  g_free (server->last_path);
  g_free (server->last_body);
  g_clear_pointer (&server->last_headers, soup_message_headers_unref);
  g_clear_object (&server->last_peer_certificate);
  g_mutex_clear (&server->lock);
  g_free (server);
}

char *
oa2_test_server_uri (OA2TestServer *server,
                     const char    *path)
{
  return oa2_test_thread_server_uri (server->thread, path);
}

void
oa2_test_server_respond_bytes (OA2TestServer *server,
                               guint          status,
                               const char    *content_type,
                               GBytes        *body,
                               gboolean       chunked)
{
  g_mutex_lock (&server->lock);
  server->status = status;
  g_free (server->content_type);
  server->content_type = g_strdup (content_type);
  g_bytes_unref (server->body);
  server->body = g_bytes_ref (body);
  server->chunked = chunked;
  g_mutex_unlock (&server->lock);
}

void
oa2_test_server_respond (OA2TestServer *server,
                         guint          status,
                         const char    *content_type,
                         const char    *body)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  oa2_test_server_respond_bytes (server, status, content_type, bytes, FALSE);
}

void
oa2_test_server_add_response_header (OA2TestServer *server,
                                     const char    *name,
                                     const char    *value)
{
  g_mutex_lock (&server->lock);
  g_ptr_array_add (server->extra_headers, g_strdup (name));
  g_ptr_array_add (server->extra_headers, g_strdup (value));
  g_mutex_unlock (&server->lock);
}

void
oa2_test_server_set_delay (OA2TestServer *server,
                           guint          milliseconds)
{
  g_mutex_lock (&server->lock);
  server->delay_ms = milliseconds;
  g_mutex_unlock (&server->lock);
}

void
oa2_test_server_queue_response (OA2TestServer *server,
                                guint          status,
                                const char    *content_type,
                                const char    *body,
                                const char    *header_name,
                                const char    *header_value)
{
  Queued *queued = g_new0 (Queued, 1);

  queued->status = status;
  queued->content_type = g_strdup (content_type);
  queued->body = g_strdup (body);
  queued->header_name = g_strdup (header_name);
  queued->header_value = g_strdup (header_value);
  g_mutex_lock (&server->lock);
  g_queue_push_tail (&server->queued, queued);
  g_mutex_unlock (&server->lock);
}

char *
oa2_test_server_dup_body (OA2TestServer *server,
                          guint          index)
{
  char *copy;

  g_mutex_lock (&server->lock);
  g_assert_cmpuint (index, <, server->bodies->len);
  copy = g_strdup (server->bodies->pdata[index]);
  g_mutex_unlock (&server->lock);
  return copy;
}

gint64
oa2_test_server_get_arrival_time (OA2TestServer *server,
                                  guint          index)
{
  gint64 time;

  g_mutex_lock (&server->lock);
  g_assert_cmpuint (index, <, server->arrival_times->len);
  time = g_array_index (server->arrival_times, gint64, index);
  g_mutex_unlock (&server->lock);
  return time;
}

guint
oa2_test_server_get_hits (OA2TestServer *server)
{
  guint hits;

  g_mutex_lock (&server->lock);
  hits = server->hits;
  g_mutex_unlock (&server->lock);
  return hits;
}

#define DEFINE_DUP(what)                                  \
  char *                                                  \
  oa2_test_server_dup_last_##what (OA2TestServer *server) \
  {                                                       \
    char *copy;                                           \
    g_mutex_lock (&server->lock);                         \
    copy = g_strdup (server->last_##what);                \
    g_mutex_unlock (&server->lock);                       \
    return copy;                                          \
  }

DEFINE_DUP (method)
DEFINE_DUP (path)
DEFINE_DUP (body)

char *
oa2_test_server_dup_last_header (OA2TestServer *server,
                                 const char    *name)
{
  char *copy = NULL;

  g_mutex_lock (&server->lock);
  if (server->last_headers != NULL)
    copy = g_strdup (soup_message_headers_get_one (server->last_headers, name));
  g_mutex_unlock (&server->lock);
  return copy;
}

/* NULL when the last request's connection presented no certificate. */
GTlsCertificate *
oa2_test_server_dup_last_peer_certificate (OA2TestServer *server)
{
  GTlsCertificate *certificate;

  g_mutex_lock (&server->lock);
  certificate = server->last_peer_certificate != NULL ? g_object_ref (server->last_peer_certificate) : NULL;
  g_mutex_unlock (&server->lock);
  return certificate;
}

/* NULL when request @index's connection presented no certificate. */
GTlsCertificate *
oa2_test_server_dup_peer_certificate (OA2TestServer *server,
                                      guint          index)
{
  GTlsCertificate *certificate;

  g_mutex_lock (&server->lock);
  g_assert_cmpuint (index, <, server->peer_certificates->len);
  certificate = server->peer_certificates->pdata[index];
  if (certificate != NULL)
    g_object_ref (certificate);
  g_mutex_unlock (&server->lock);
  return certificate;
}

guint
oa2_test_server_get_last_client_port (OA2TestServer *server)
{
  guint port;

  g_mutex_lock (&server->lock);
  port = server->last_client_port;
  g_mutex_unlock (&server->lock);
  return port;
}

/* A loopback URI on a port that was just free: connecting to it is
 * refused. */
char *
oa2_test_closed_port_uri (const char *path)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_assert_nonnull (socket);
  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return g_strdup_printf ("http://127.0.0.1:%u%s", port, path);
}
