/* oa2-backchannel-authentication-request.h: what a CIBA authentication
 * request asks for (OpenID CIBA §7.1)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "oa2-jwk.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

#define OA2_TYPE_BACKCHANNEL_AUTHENTICATION_REQUEST (oa2_backchannel_authentication_request_get_type ())

OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2BackchannelAuthenticationRequest, oa2_backchannel_authentication_request,
                      OA2, BACKCHANNEL_AUTHENTICATION_REQUEST, GObject)

/**
 * OA2BackchannelAuthenticationRequestClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.BackchannelAuthenticationRequest]. The type is
 * final.
 */

OA2_AVAILABLE_IN_ALL
OA2BackchannelAuthenticationRequest *oa2_backchannel_authentication_request_new (const char *scope) G_GNUC_WARN_UNUSED_RESULT;

OA2_AVAILABLE_IN_ALL
void        oa2_backchannel_authentication_request_set_login_hint               (OA2BackchannelAuthenticationRequest *self,
                                                                                 const char                          *login_hint);
OA2_AVAILABLE_IN_ALL
void        oa2_backchannel_authentication_request_set_login_hint_token         (OA2BackchannelAuthenticationRequest *self,
                                                                                 const char                          *login_hint_token);
OA2_AVAILABLE_IN_ALL
void        oa2_backchannel_authentication_request_set_id_token_hint            (OA2BackchannelAuthenticationRequest *self,
                                                                                 const char                          *id_token_hint);
OA2_AVAILABLE_IN_ALL
void        oa2_backchannel_authentication_request_set_binding_message          (OA2BackchannelAuthenticationRequest *self,
                                                                                 const char                          *binding_message);
OA2_AVAILABLE_IN_ALL
void        oa2_backchannel_authentication_request_set_user_code                (OA2BackchannelAuthenticationRequest *self,
                                                                                 const char                          *user_code);
OA2_AVAILABLE_IN_ALL
void        oa2_backchannel_authentication_request_set_requested_expiry         (OA2BackchannelAuthenticationRequest *self,
                                                                                 guint                                seconds);
OA2_AVAILABLE_IN_ALL
void        oa2_backchannel_authentication_request_set_acr_values               (OA2BackchannelAuthenticationRequest *self,
                                                                                 const char                          *acr_values);
OA2_AVAILABLE_IN_ALL
void        oa2_backchannel_authentication_request_set_client_notification_token (OA2BackchannelAuthenticationRequest *self,
                                                                                 const char                          *token);
OA2_AVAILABLE_IN_ALL
void        oa2_backchannel_authentication_request_set_signing_key              (OA2BackchannelAuthenticationRequest *self,
                                                                                 OA2Jwk                              *key,
                                                                                 const char                          *alg);
OA2_AVAILABLE_IN_ALL
const char *oa2_backchannel_authentication_request_get_scope                    (OA2BackchannelAuthenticationRequest *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_backchannel_authentication_request_get_binding_message          (OA2BackchannelAuthenticationRequest *self);

OA2_AVAILABLE_IN_ALL
gboolean    oa2_backchannel_check_notification_token (const char *authorization,
                                                      const char *expected_token);
OA2_AVAILABLE_IN_ALL
char       *oa2_backchannel_parse_ping               (GBytes     *body,
                                                      GError    **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
