/* oa2-authorization-response.h: a validated authorization response
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "oa2-version-macros.h"

G_BEGIN_DECLS

#define OA2_TYPE_AUTHORIZATION_RESPONSE (oa2_authorization_response_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2AuthorizationResponse, oa2_authorization_response, OA2, AUTHORIZATION_RESPONSE, GObject)

/**
 * OA2AuthorizationResponseClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.AuthorizationResponse]. The type is final: it has nothing to
 * override.
 */

OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_response_get_code          (OA2AuthorizationResponse *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_response_get_state         (OA2AuthorizationResponse *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_response_get_issuer        (OA2AuthorizationResponse *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_response_get_redirect_uri  (OA2AuthorizationResponse *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_response_get_code_verifier (OA2AuthorizationResponse *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_response_get_nonce         (OA2AuthorizationResponse *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_response_get_scope         (OA2AuthorizationResponse *self);
OA2_AVAILABLE_IN_ALL
gint64      oa2_authorization_response_get_max_age       (OA2AuthorizationResponse *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_response_get_parameter     (OA2AuthorizationResponse *self,
                                                          const char               *name);

G_END_DECLS
