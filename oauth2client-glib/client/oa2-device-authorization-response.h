/* oa2-device-authorization-response.h: what a device authorization
 * endpoint answers (RFC 8628 §3.2)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "oa2-version-macros.h"

G_BEGIN_DECLS

/**
 * OA2_DEVICE_DEFAULT_INTERVAL:
 *
 * The polling interval in seconds when the server names none (RFC 8628
 * §3.2).
 */
#define OA2_DEVICE_DEFAULT_INTERVAL 5

#define OA2_TYPE_DEVICE_AUTHORIZATION_RESPONSE (oa2_device_authorization_response_get_type ())

OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2DeviceAuthorizationResponse, oa2_device_authorization_response,
                      OA2, DEVICE_AUTHORIZATION_RESPONSE, GObject)

/**
 * OA2DeviceAuthorizationResponseClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.DeviceAuthorizationResponse]. The type is final.
 */

OA2_AVAILABLE_IN_ALL
OA2DeviceAuthorizationResponse *oa2_device_authorization_response_new_from_json (JsonObject  *response,
                                                                                 GError     **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
const char *oa2_device_authorization_response_get_device_code               (OA2DeviceAuthorizationResponse *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_device_authorization_response_get_user_code                 (OA2DeviceAuthorizationResponse *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_device_authorization_response_get_verification_uri          (OA2DeviceAuthorizationResponse *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_device_authorization_response_get_verification_uri_complete (OA2DeviceAuthorizationResponse *self);
OA2_AVAILABLE_IN_ALL
GDateTime  *oa2_device_authorization_response_get_expires_at                (OA2DeviceAuthorizationResponse *self);
OA2_AVAILABLE_IN_ALL
guint       oa2_device_authorization_response_get_interval                  (OA2DeviceAuthorizationResponse *self);
OA2_AVAILABLE_IN_ALL
gboolean    oa2_device_authorization_response_is_expired                    (OA2DeviceAuthorizationResponse *self);
OA2_AVAILABLE_IN_ALL
JsonNode   *oa2_device_authorization_response_get_member                    (OA2DeviceAuthorizationResponse *self,
                                                                             const char                     *name);

G_END_DECLS
