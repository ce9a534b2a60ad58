/* oa2-client-device.h: the device authorization grant (RFC 8628)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "oa2-bearer-token.h"
#include "oa2-client.h"
#include "oa2-device-authorization-response.h"
#include "oa2-dpop-key.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

OA2_AVAILABLE_IN_ALL
OA2DeviceAuthorizationResponse *oa2_client_authorize_device        (OA2Client           *self,
                                                                    const char          *scope,
                                                                    const char * const  *resources,
                                                                    GHashTable          *extra_params,
                                                                    GCancellable        *cancellable,
                                                                    GError             **error);
OA2_AVAILABLE_IN_ALL
void                            oa2_client_authorize_device_async  (OA2Client           *self,
                                                                    const char          *scope,
                                                                    const char * const  *resources,
                                                                    GHashTable          *extra_params,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
OA2_AVAILABLE_IN_ALL
OA2DeviceAuthorizationResponse *oa2_client_authorize_device_finish (OA2Client           *self,
                                                                    GAsyncResult        *result,
                                                                    GError             **error);

OA2_AVAILABLE_IN_ALL
OA2BearerToken *oa2_client_device_code        (OA2Client           *self,
                                               const char          *device_code,
                                               const char * const  *resources,
                                               GHashTable          *extra_params,
                                               OA2DPoPKey          *dpop_key,
                                               GCancellable        *cancellable,
                                               GError             **error);
OA2_AVAILABLE_IN_ALL
void            oa2_client_device_code_async  (OA2Client           *self,
                                               const char          *device_code,
                                               const char * const  *resources,
                                               GHashTable          *extra_params,
                                               OA2DPoPKey          *dpop_key,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
OA2_AVAILABLE_IN_ALL
OA2BearerToken *oa2_client_device_code_finish (OA2Client           *self,
                                               GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
