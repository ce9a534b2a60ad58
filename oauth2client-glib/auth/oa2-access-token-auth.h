/* oa2-access-token-auth.h: an existing token, refreshed when it expires
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include "oa2-auth.h"
#include "oa2-client.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

#define OA2_TYPE_ACCESS_TOKEN_AUTH (oa2_access_token_auth_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2AccessTokenAuth, oa2_access_token_auth, OA2, ACCESS_TOKEN_AUTH, OA2Auth)

/**
 * OA2AccessTokenAuthClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.AccessTokenAuth]. The type is final.
 */

OA2_AVAILABLE_IN_ALL
OA2AccessTokenAuth *oa2_access_token_auth_new        (OA2Client          *client,
                                                      OA2BearerToken     *token) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2Client          *oa2_access_token_auth_get_client (OA2AccessTokenAuth *self);

G_END_DECLS
