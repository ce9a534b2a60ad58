/* oa2-client-jarm.h: signed authorization responses (JARM), checked with
 * the server's keys
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
char       *oa2_client_dup_authorization_signed_response_alg    (OA2Client  *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void        oa2_client_set_authorization_signed_response_alg    (OA2Client  *self,
                                                                 const char *alg);
OA2_AVAILABLE_IN_ALL
char       *oa2_client_dup_authorization_encrypted_response_alg (OA2Client  *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void        oa2_client_set_authorization_encrypted_response_alg (OA2Client  *self,
                                                                 const char *alg);
OA2_AVAILABLE_IN_ALL
char       *oa2_client_dup_authorization_encrypted_response_enc (OA2Client  *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void        oa2_client_set_authorization_encrypted_response_enc (OA2Client  *self,
                                                                 const char *enc);

OA2_AVAILABLE_IN_ALL
OA2AuthorizationResponse *oa2_client_validate_authorization_callback        (OA2Client                *self,
                                                                             OA2AuthorizationRequest  *request,
                                                                             const char               *uri,
                                                                             GHashTable               *params,
                                                                             GCancellable             *cancellable,
                                                                             GError                  **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void                      oa2_client_validate_authorization_callback_async  (OA2Client                *self,
                                                                             OA2AuthorizationRequest  *request,
                                                                             const char               *uri,
                                                                             GHashTable               *params,
                                                                             GCancellable             *cancellable,
                                                                             GAsyncReadyCallback       callback,
                                                                             gpointer                  user_data);
OA2_AVAILABLE_IN_ALL
OA2AuthorizationResponse *oa2_client_validate_authorization_callback_finish (OA2Client                *self,
                                                                             GAsyncResult             *result,
                                                                             GError                  **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
