/* oa2-test-raw-server.c: a TCP listener that answers with fixed bytes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-raw-server.h"

#include <stdlib.h>
#include <string.h>

#define MAX_REQUEST_SIZE (64 * 1024)

struct _OA2TestRawServer {
  GSocket      *listener;
  guint         port;
  char         *reply;
  GCancellable *stop;
  GThread      *thread;
  gint          connections;   /* atomic */
};

/* The announced body length, or 0. */
static gsize
request_body_length (const char *headers)
{
  g_auto(GStrv) lines = g_strsplit (headers, "\r\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_ascii_strncasecmp (lines[i], "Content-Length:", 15) == 0)
      return strtoul (lines[i] + 15, NULL, 10);
  return 0;
}

/* Reads the whole request, so that closing the socket afterwards does not
 * reset the connection before the client has read the reply. */
static void
read_request (GSocket *connection)
{
  g_autoptr(GString) request = g_string_new (NULL);
  const char *end = NULL;
  gsize wanted = 0;

  while (request->len < MAX_REQUEST_SIZE)
    {
      char buffer[4096];
      gssize n = g_socket_receive (connection, buffer, sizeof buffer, NULL, NULL);

      if (n <= 0)
        return;
      g_string_append_len (request, buffer, n);
      if (end == NULL && (end = strstr (request->str, "\r\n\r\n")) != NULL)
        {
          g_autofree char *headers = g_strndup (request->str, end - request->str);

          wanted = (end - request->str) + 4 + request_body_length (headers);
        }
      if (end != NULL && request->len >= wanted)
        return;
    }
}

static void
write_reply (GSocket    *connection,
             const char *reply)
{
  gsize len = strlen (reply);

  for (gsize sent = 0; sent < len;)
    {
      gssize n = g_socket_send (connection, reply + sent, len - sent, NULL, NULL);

      if (n <= 0)
        return;
      sent += n;
    }
}

static gpointer
serve (gpointer user_data)
{
  OA2TestRawServer *server = user_data;

  for (;;)
    {
      g_autoptr(GSocket) connection = g_socket_accept (server->listener, server->stop, NULL);

      if (connection == NULL)
        return NULL;
      g_atomic_int_inc (&server->connections);
      /* A client that stalls must not keep the server from stopping. */
      g_socket_set_timeout (connection, 10);
      read_request (connection);
      if (server->reply != NULL)
        write_reply (connection, server->reply);
      g_socket_shutdown (connection, FALSE, TRUE, NULL);
      g_socket_close (connection, NULL);
    }
}

/* @reply: the bytes sent back, or %NULL to close without answering */
OA2TestRawServer *
oa2_test_raw_server_new (const char *reply)
{
  OA2TestRawServer *server = g_new0 (OA2TestRawServer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  server->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (server->listener, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (server->listener, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (server->listener, &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  server->reply = g_strdup (reply);
  server->stop = g_cancellable_new ();
  server->thread = g_thread_new ("oa2-raw-server", serve, server);
  return server;
}

void
oa2_test_raw_server_free (OA2TestRawServer *server)
{
  g_cancellable_cancel (server->stop);
  g_thread_join (server->thread);
  g_socket_close (server->listener, NULL);
  g_object_unref (server->listener);
  g_object_unref (server->stop);
  g_free (server->reply);
  g_free (server);
}

char *
oa2_test_raw_server_uri (OA2TestRawServer *server,
                         const char       *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", server->port, path);
}

guint
oa2_test_raw_server_get_connections (OA2TestRawServer *server)
{
  return g_atomic_int_get (&server->connections);
}
