/* oa2-client-ciba.h: Client Initiated Backchannel Authentication (OpenID
 * CIBA): the authentication request and the CIBA grant
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "oa2-backchannel-authentication-request.h"
#include "oa2-backchannel-authentication-response.h"
#include "oa2-bearer-token.h"
#include "oa2-client.h"
#include "oa2-dpop-key.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

OA2_AVAILABLE_IN_ALL
OA2BackchannelAuthenticationResponse *oa2_client_backchannel_authentication_request
                                                      (OA2Client                           *self,
                                                       OA2BackchannelAuthenticationRequest *request,
                                                       GHashTable                          *extra_params,
                                                       GCancellable                        *cancellable,
                                                       GError                             **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void oa2_client_backchannel_authentication_request_async
                                                      (OA2Client                           *self,
                                                       OA2BackchannelAuthenticationRequest *request,
                                                       GHashTable                          *extra_params,
                                                       GCancellable                        *cancellable,
                                                       GAsyncReadyCallback                  callback,
                                                       gpointer                             user_data);
OA2_AVAILABLE_IN_ALL
OA2BackchannelAuthenticationResponse *oa2_client_backchannel_authentication_request_finish
                                                      (OA2Client                           *self,
                                                       GAsyncResult                        *result,
                                                       GError                             **error) G_GNUC_WARN_UNUSED_RESULT;

OA2_AVAILABLE_IN_ALL
OA2BearerToken *oa2_client_ciba        (OA2Client           *self,
                                        const char          *auth_req_id,
                                        const char * const  *resources,
                                        GHashTable          *extra_params,
                                        OA2DPoPKey          *dpop_key,
                                        GCancellable        *cancellable,
                                        GError             **error);
OA2_AVAILABLE_IN_ALL
void            oa2_client_ciba_async  (OA2Client           *self,
                                        const char          *auth_req_id,
                                        const char * const  *resources,
                                        GHashTable          *extra_params,
                                        OA2DPoPKey          *dpop_key,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
OA2_AVAILABLE_IN_ALL
OA2BearerToken *oa2_client_ciba_finish (OA2Client           *self,
                                        GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
