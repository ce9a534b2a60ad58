/* oa2-device-code-auth.h: tokens from a device-flow sign-in, then refreshed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include "oa2-auth.h"
#include "oa2-client.h"
#include "oa2-device-authorization-response.h"
#include "oa2-dpop-key.h"

G_BEGIN_DECLS

#define OA2_TYPE_DEVICE_CODE_AUTH (oa2_device_code_auth_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2DeviceCodeAuth, oa2_device_code_auth, OA2, DEVICE_CODE_AUTH, OA2Auth)

/**
 * OA2DeviceCodeAuthClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.DeviceCodeAuth]. The type is final.
 */

OA2_AVAILABLE_IN_ALL
OA2DeviceCodeAuth              *oa2_device_code_auth_new          (OA2Client                      *client,
                                                                   OA2DeviceAuthorizationResponse *response,
                                                                   OA2DPoPKey                     *dpop_key) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2Client                      *oa2_device_code_auth_get_client   (OA2DeviceCodeAuth              *self);
OA2_AVAILABLE_IN_ALL
OA2DeviceAuthorizationResponse *oa2_device_code_auth_get_response (OA2DeviceCodeAuth              *self);
OA2_AVAILABLE_IN_ALL
OA2DPoPKey                     *oa2_device_code_auth_get_dpop_key (OA2DeviceCodeAuth              *self);

G_END_DECLS
