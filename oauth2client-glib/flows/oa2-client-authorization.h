/* oa2-client-authorization.h: the authorization-code flow of an OA2Client:
 * its requests, pushed requests (RFC 9126), the validation of the
 * response in any mode (JARM included) and the code exchange
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include "oa2-authorization-request.h"
#include "oa2-authorization-response.h"
#include "oa2-client.h"

G_BEGIN_DECLS

OA2_AVAILABLE_IN_ALL
OA2AuthorizationRequest *oa2_client_new_authorization_request (OA2Client   *self,
                                                               const char  *redirect_uri,
                                                               const char  *scope,
                                                               GError     **error) G_GNUC_WARN_UNUSED_RESULT;

OA2_AVAILABLE_IN_ALL
gboolean        oa2_client_pushed_authorization_request        (OA2Client                *self,
                                                                OA2AuthorizationRequest  *request,
                                                                OA2DPoPKey               *dpop_key,
                                                                GCancellable             *cancellable,
                                                                GError                  **error);
OA2_AVAILABLE_IN_ALL
void            oa2_client_pushed_authorization_request_async  (OA2Client                *self,
                                                                OA2AuthorizationRequest  *request,
                                                                OA2DPoPKey               *dpop_key,
                                                                GCancellable             *cancellable,
                                                                GAsyncReadyCallback       callback,
                                                                gpointer                  user_data);
OA2_AVAILABLE_IN_ALL
gboolean        oa2_client_pushed_authorization_request_finish (OA2Client                *self,
                                                                GAsyncResult             *result,
                                                                GError                  **error);

OA2_AVAILABLE_IN_ALL
OA2BearerToken *oa2_client_exchange_authorization_response        (OA2Client                 *self,
                                                                   OA2AuthorizationResponse  *response,
                                                                   OA2DPoPKey                *dpop_key,
                                                                   GCancellable              *cancellable,
                                                                   GError                   **error);
OA2_AVAILABLE_IN_ALL
void            oa2_client_exchange_authorization_response_async  (OA2Client                 *self,
                                                                   OA2AuthorizationResponse  *response,
                                                                   OA2DPoPKey                *dpop_key,
                                                                   GCancellable              *cancellable,
                                                                   GAsyncReadyCallback        callback,
                                                                   gpointer                   user_data);
OA2_AVAILABLE_IN_ALL
OA2BearerToken *oa2_client_exchange_authorization_response_finish (OA2Client                 *self,
                                                                   GAsyncResult              *result,
                                                                   GError                   **error);

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
