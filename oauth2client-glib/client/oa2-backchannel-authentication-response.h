/* oa2-backchannel-authentication-response.h: what a backchannel
 * authentication endpoint answers (OpenID CIBA §7.3)
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
 * OA2_BACKCHANNEL_DEFAULT_INTERVAL:
 *
 * The polling interval in seconds when the server names none (CIBA §7.3).
 */
#define OA2_BACKCHANNEL_DEFAULT_INTERVAL 5

#define OA2_TYPE_BACKCHANNEL_AUTHENTICATION_RESPONSE (oa2_backchannel_authentication_response_get_type ())

OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2BackchannelAuthenticationResponse, oa2_backchannel_authentication_response,
                      OA2, BACKCHANNEL_AUTHENTICATION_RESPONSE, GObject)

/**
 * OA2BackchannelAuthenticationResponseClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.BackchannelAuthenticationResponse]. The type is
 * final.
 */

OA2_AVAILABLE_IN_ALL
OA2BackchannelAuthenticationResponse *oa2_backchannel_authentication_response_new_from_json
                                                         (JsonObject  *response,
                                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
const char *oa2_backchannel_authentication_response_get_auth_req_id (OA2BackchannelAuthenticationResponse *self);
OA2_AVAILABLE_IN_ALL
GDateTime  *oa2_backchannel_authentication_response_get_expires_at  (OA2BackchannelAuthenticationResponse *self);
OA2_AVAILABLE_IN_ALL
guint       oa2_backchannel_authentication_response_get_interval    (OA2BackchannelAuthenticationResponse *self);
OA2_AVAILABLE_IN_ALL
gboolean    oa2_backchannel_authentication_response_is_expired      (OA2BackchannelAuthenticationResponse *self);
OA2_AVAILABLE_IN_ALL
JsonNode   *oa2_backchannel_authentication_response_get_member      (OA2BackchannelAuthenticationResponse *self,
                                                                     const char                           *name);

G_END_DECLS
