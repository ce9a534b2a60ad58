/* oa2-test-server.h: an in-process HTTP server for exact request checks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A SoupServer on 127.0.0.1:0 running in its own thread and main context,
 * so that blocking client calls in the test thread can reach it. It
 * answers every request with the configured response and records the
 * last request. The https one serves a certificate for 127.0.0.1, ::1 and
 * localhost from a CA made for it, which only the database that
 * oa2_test_server_new_tls_database() returns trusts. The mtls one also
 * asks every client for a certificate, accepts any, and records the one
 * each request's connection presented. */
typedef struct _OA2TestServer OA2TestServer;

OA2TestServer *oa2_test_server_new                (void);
OA2TestServer *oa2_test_server_new_https          (void);
OA2TestServer *oa2_test_server_new_https_mtls     (void);
GTlsDatabase  *oa2_test_server_new_tls_database   (OA2TestServer *server);
void           oa2_test_server_free               (OA2TestServer *server);
char          *oa2_test_server_uri                (OA2TestServer *server,
                                                   const char    *path);
void           oa2_test_server_respond            (OA2TestServer *server,
                                                   guint          status,
                                                   const char    *content_type,
                                                   const char    *body);
void           oa2_test_server_respond_bytes      (OA2TestServer *server,
                                                   guint          status,
                                                   const char    *content_type,
                                                   GBytes        *body,
                                                   gboolean       chunked);
void           oa2_test_server_add_response_header (OA2TestServer *server,
                                                   const char    *name,
                                                   const char    *value);
void           oa2_test_server_set_delay          (OA2TestServer *server,
                                                   guint          milliseconds);
/* Queued answers are given once each, in order, before the configured
 * one; each may carry one extra header (NULL name: none). */
void           oa2_test_server_queue_response     (OA2TestServer *server,
                                                   guint          status,
                                                   const char    *content_type,
                                                   const char    *body,
                                                   const char    *header_name,
                                                   const char    *header_value);
guint          oa2_test_server_get_hits           (OA2TestServer *server);
/* The body and the g_get_monotonic_time() arrival of request @index
 * (from 0), for sequences of requests. */
char          *oa2_test_server_dup_body           (OA2TestServer *server,
                                                   guint          index);
gint64         oa2_test_server_get_arrival_time   (OA2TestServer *server,
                                                   guint          index);
char          *oa2_test_server_dup_last_method    (OA2TestServer *server);
char          *oa2_test_server_dup_last_path      (OA2TestServer *server);
char          *oa2_test_server_dup_last_body      (OA2TestServer *server);
char          *oa2_test_server_dup_last_header    (OA2TestServer *server,
                                                   const char    *name);
GTlsCertificate *oa2_test_server_dup_last_peer_certificate (OA2TestServer *server);
GTlsCertificate *oa2_test_server_dup_peer_certificate (OA2TestServer *server,
                                                       guint          index);
guint          oa2_test_server_get_last_client_port (OA2TestServer *server);
char          *oa2_test_closed_port_uri           (const char    *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OA2TestServer, oa2_test_server_free)

G_END_DECLS
