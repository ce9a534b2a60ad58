/* oa2-authorization-code-auth.h: tokens from a user's sign-in, then refreshed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include "oa2-auth.h"
#include "oa2-authorization-response.h"
#include "oa2-client.h"
#include "oa2-dpop-key.h"

G_BEGIN_DECLS

#define OA2_TYPE_AUTHORIZATION_CODE_AUTH (oa2_authorization_code_auth_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2AuthorizationCodeAuth, oa2_authorization_code_auth, OA2, AUTHORIZATION_CODE_AUTH, OA2Auth)

/**
 * OA2AuthorizationCodeAuthClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.AuthorizationCodeAuth]. The type is final.
 */

OA2_AVAILABLE_IN_ALL
OA2AuthorizationCodeAuth *oa2_authorization_code_auth_new          (OA2Client                *client,
                                                                    OA2AuthorizationResponse *response,
                                                                    OA2DPoPKey               *dpop_key) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2Client                *oa2_authorization_code_auth_get_client   (OA2AuthorizationCodeAuth *self);
OA2_AVAILABLE_IN_ALL
OA2AuthorizationResponse *oa2_authorization_code_auth_get_response (OA2AuthorizationCodeAuth *self);
OA2_AVAILABLE_IN_ALL
OA2DPoPKey               *oa2_authorization_code_auth_get_dpop_key (OA2AuthorizationCodeAuth *self);

G_END_DECLS
