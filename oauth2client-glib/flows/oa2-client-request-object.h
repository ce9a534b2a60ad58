/* oa2-client-request-object.h: request objects (JAR) encrypted to a key
 * from the server's set
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "oa2-authorization-request.h"
#include "oa2-client.h"

G_BEGIN_DECLS

OA2_AVAILABLE_IN_ALL
gboolean oa2_client_encrypt_request_object        (OA2Client                *self,
                                                   OA2AuthorizationRequest  *request,
                                                   const char               *alg,
                                                   const char               *enc,
                                                   GCancellable             *cancellable,
                                                   GError                  **error);
OA2_AVAILABLE_IN_ALL
void     oa2_client_encrypt_request_object_async  (OA2Client                *self,
                                                   OA2AuthorizationRequest  *request,
                                                   const char               *alg,
                                                   const char               *enc,
                                                   GCancellable             *cancellable,
                                                   GAsyncReadyCallback       callback,
                                                   gpointer                  user_data);
OA2_AVAILABLE_IN_ALL
gboolean oa2_client_encrypt_request_object_finish (OA2Client                *self,
                                                   GAsyncResult             *result,
                                                   GError                  **error);

G_END_DECLS
