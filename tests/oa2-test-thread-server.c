/* oa2-test-thread-server.c: a SoupServer with the test's own handler, in
 * its own thread
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-thread-server.h"

struct _OA2TestThreadServer {
  GThread            *thread;
  GMainContext       *context;
  GMainLoop          *loop;
  SoupServer         *soup;
  SoupServerCallback  callback;
  gpointer            user_data;
  GTlsCertificate    *certificate;   /* NULL: plain http */
  gboolean            request_client_certificates;
  guint               port;

  GMutex              lock;
  GCond               ready;
  gboolean            started;
};

/* The client certificates of the tests are self-signed. */
static gboolean
accept_any_certificate (SoupServerMessage    *msg,
                        GTlsCertificate      *certificate,
                        GTlsCertificateFlags  errors)
{
  return TRUE;
}

static void
on_request_started (SoupServer        *soup,
                    SoupServerMessage *msg)
{
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_any_certificate), NULL);
}

static gpointer
server_thread (gpointer data)
{
  OA2TestThreadServer *server = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (server->context);

  server->soup = soup_server_new ("tls-certificate", server->certificate, NULL);
  soup_server_add_handler (server->soup, NULL, server->callback, server->user_data, NULL);
  if (server->request_client_certificates)
    {
      soup_server_set_tls_auth_mode (server->soup, G_TLS_AUTHENTICATION_REQUESTED);
      g_signal_connect (server->soup, "request-started", G_CALLBACK (on_request_started), NULL);
    }
  if (!soup_server_listen_local (server->soup, 0,
                                 SOUP_SERVER_LISTEN_IPV4_ONLY |
                                 (server->certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0),
                                 &error))
    g_error ("test server cannot listen: %s", error->message);
  uris = soup_server_get_uris (server->soup);
  server->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_mutex_lock (&server->lock);
  server->started = TRUE;
  g_cond_signal (&server->ready);
  g_mutex_unlock (&server->lock);

  g_main_loop_run (server->loop);

  soup_server_disconnect (server->soup);
  g_clear_object (&server->soup);
  /* Let pending sources (delays, closed connections) run to completion,
   * while the handler's data still lives. */
  while (g_main_context_iteration (server->context, FALSE))
    ;
  g_main_context_pop_thread_default (server->context);
  return NULL;
}

OA2TestThreadServer *
oa2_test_thread_server_new_full (SoupServerCallback  callback,
                                 gpointer            user_data,
                                 GTlsCertificate    *certificate,
                                 gboolean            request_client_certificates)
{
  OA2TestThreadServer *server = g_new0 (OA2TestThreadServer, 1);

  server->callback = callback;
  server->user_data = user_data;
  server->certificate = certificate != NULL ? g_object_ref (certificate) : NULL;
  server->request_client_certificates = request_client_certificates;
  g_mutex_init (&server->lock);
  g_cond_init (&server->ready);
  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);

  server->thread = g_thread_new ("oa2-test-thread-server", server_thread, server);
  g_mutex_lock (&server->lock);
  while (!server->started)
    g_cond_wait (&server->ready, &server->lock);
  g_mutex_unlock (&server->lock);
  return server;
}

OA2TestThreadServer *
oa2_test_thread_server_new (SoupServerCallback callback,
                            gpointer           user_data)
{
  return oa2_test_thread_server_new_full (callback, user_data, NULL, FALSE);
}

static gboolean
quit_loop (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

void
oa2_test_thread_server_free (OA2TestThreadServer *server)
{
  g_main_context_invoke (server->context, quit_loop, server->loop);
  g_thread_join (server->thread);
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_clear_object (&server->certificate);
  g_mutex_clear (&server->lock);
  g_cond_clear (&server->ready);
  g_free (server);
}

guint
oa2_test_thread_server_get_port (OA2TestThreadServer *server)
{
  return server->port;
}

GMainContext *
oa2_test_thread_server_get_context (OA2TestThreadServer *server)
{
  return server->context;
}

char *
oa2_test_thread_server_uri (OA2TestThreadServer *server,
                            const char          *path)
{
  return g_strdup_printf ("%s://127.0.0.1:%u%s", server->certificate != NULL ? "https" : "http",
                          server->port, path);
}
