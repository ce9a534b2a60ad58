/* oa2-test-raw-server.h: a TCP listener that answers with fixed bytes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A listener on 127.0.0.1:0, in its own thread so that blocking client
 * calls can reach it. It reads each request (headers and a
 * Content-Length body), writes @reply verbatim, closes the connection,
 * and counts the connections it accepted. It plays what SoupServer cannot:
 * a server that lies about its body's length, or a proxy that must never
 * be reached. */
typedef struct _OA2TestRawServer OA2TestRawServer;

OA2TestRawServer *oa2_test_raw_server_new             (const char       *reply);
void              oa2_test_raw_server_free            (OA2TestRawServer *server);
char             *oa2_test_raw_server_uri             (OA2TestRawServer *server,
                                                       const char       *path);
guint             oa2_test_raw_server_get_connections (OA2TestRawServer *server);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OA2TestRawServer, oa2_test_raw_server_free)

G_END_DECLS
