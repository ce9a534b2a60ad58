/* oa2-transport-private.h: the only code that does I/O
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "oa2-http-private.h"

G_BEGIN_DECLS

#define OA2_TRANSPORT_DEFAULT_TIMEOUT_SECONDS 30
#define OA2_TRANSPORT_DEFAULT_MAX_RESPONSE_SIZE (1024 * 1024)
/* One request plus at most one retry that a response inspector asked for. */
#define OA2_TRANSPORT_MAX_ATTEMPTS 2

typedef struct {
  SoupSession *session;
  guint        timeout_seconds;
  gsize        max_response_size;
  /* Hand a success response over with its body unread, in
   * OA2HttpResponse.stream, without the size cap; a status of 400 or
   * more is read whole, within the cap, as always. */
  gboolean     stream_response;
} OA2TransportConfig;

/* Called before every attempt on that attempt's headers and form, so that
 * credentials that must not be replayed (client assertions, DPoP proofs)
 * are made anew each time. */
typedef gboolean (*OA2TransportPrepareFunc) (OA2HttpAttempt  *attempt,
                                             guint            attempt_number,
                                             gpointer         user_data,
                                             GError         **error);
/* Inspects a complete response and says whether to send the request again
 * (for instance after a use_dpop_nonce error). It may record state, such
 * as a nonce, for the next prepare call. */
typedef gboolean (*OA2TransportRetryFunc)   (const OA2HttpResponse *response,
                                             guint                  attempt_number,
                                             gpointer               user_data);

typedef struct {
  OA2TransportPrepareFunc prepare;
  OA2TransportRetryFunc   should_retry;
  gpointer                user_data;
  GDestroyNotify          user_data_free;
} OA2TransportHooks;

/* Both take over the caller's reference to @request. */
void             oa2_transport_send_async  (const OA2TransportConfig  *config,
                                            OA2HttpRequest            *request,
                                            const OA2TransportHooks   *hooks,
                                            GCancellable              *cancellable,
                                            GAsyncReadyCallback        callback,
                                            gpointer                   user_data);
OA2HttpResponse *oa2_transport_send_finish (GAsyncResult              *result,
                                            GError                   **error);
OA2HttpResponse *oa2_transport_send        (const OA2TransportConfig  *config,
                                            OA2HttpRequest            *request,
                                            const OA2TransportHooks   *hooks,
                                            GCancellable              *cancellable,
                                            GError                   **error);

G_END_DECLS
