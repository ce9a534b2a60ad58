/* oa2-test-thread-server.h: a SoupServer with the test's own handler, in
 * its own thread
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A SoupServer on 127.0.0.1:0 whose every request goes to @callback, run
 * by a thread of its own with its own main context: blocking client calls
 * in the test thread can reach it, and the handler runs in that thread
 * (it locks whatever it shares with the test). Freeing it stops the loop,
 * closes the server and joins the thread; after that @callback is never
 * called again, so @user_data may be freed next. With @certificate it
 * serves https; @request_client_certificates also asks every client for a
 * certificate and accepts any, leaving the judging to the test. */
typedef struct _OA2TestThreadServer OA2TestThreadServer;

OA2TestThreadServer *oa2_test_thread_server_new         (SoupServerCallback   callback,
                                                         gpointer             user_data);
OA2TestThreadServer *oa2_test_thread_server_new_full    (SoupServerCallback   callback,
                                                         gpointer             user_data,
                                                         GTlsCertificate     *certificate,
                                                         gboolean             request_client_certificates);
void                 oa2_test_thread_server_free        (OA2TestThreadServer *server);
guint                oa2_test_thread_server_get_port    (OA2TestThreadServer *server);
/* The server thread's context, for sources a handler adds (delays). */
GMainContext        *oa2_test_thread_server_get_context (OA2TestThreadServer *server);
/* http(s)://127.0.0.1:PORT followed by @path. */
char                *oa2_test_thread_server_uri         (OA2TestThreadServer *server,
                                                         const char          *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OA2TestThreadServer, oa2_test_thread_server_free)

G_END_DECLS
