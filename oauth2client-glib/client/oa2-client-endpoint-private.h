/* oa2-client-endpoint-private.h: the client's request path, for the
 * endpoints that live in files of their own (oa2-client-*.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-client.h"
#include "oa2-transport-private.h"

G_BEGIN_DECLS

/* A POST of @form (taken) to the endpoint that server metadata calls
 * @name ("pushed_authorization_request_endpoint"…), at @endpoint or its
 * mutual-TLS alias; @label names it in messages. */
OA2HttpRequest     *oa2_client_new_endpoint_request (OA2Client  *self,
                                                     const char *name,
                                                     const char *endpoint,
                                                     const char *label,
                                                     OA2Form    *form);
OA2TransportConfig  oa2_client_get_transport_config (OA2Client  *self);
/* Client authentication and, with @dpop_key, a DPoP proof on every
 * attempt, and the one retry for a DPoP nonce: as for token requests. */
OA2TransportHooks   oa2_client_get_endpoint_hooks   (OA2Client  *self,
                                                     OA2DPoPKey *dpop_key);

/* Sends @request (taken) with the client's transport settings and the
 * endpoint hooks above; the async one finishes with
 * oa2_transport_send_finish(). */
OA2HttpResponse    *oa2_client_send_endpoint_request       (OA2Client            *self,
                                                            OA2HttpRequest       *request,
                                                            OA2DPoPKey           *dpop_key,
                                                            GCancellable         *cancellable,
                                                            GError              **error);
void                oa2_client_send_endpoint_request_async (OA2Client            *self,
                                                            OA2HttpRequest       *request,
                                                            OA2DPoPKey           *dpop_key,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);

/* The JSON object an endpoint (named by @label in messages) answered
 * with, or NULL with @error set: the server's error as %OA2_OAUTH_ERROR
 * (its Retry-After recorded when @record_retry_after), or why the answer
 * could not be read. */
JsonObject         *oa2_client_read_endpoint_json          (const OA2HttpResponse  *response,
                                                            const char             *label,
                                                            gboolean                record_retry_after,
                                                            GError                **error);

G_END_DECLS
