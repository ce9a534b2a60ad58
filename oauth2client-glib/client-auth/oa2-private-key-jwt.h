/* oa2-private-key-jwt.h: the private_key_jwt authentication method
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include "oa2-client-auth.h"
#include "oa2-jwk.h"

G_BEGIN_DECLS

#define OA2_TYPE_PRIVATE_KEY_JWT (oa2_private_key_jwt_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2PrivateKeyJwt, oa2_private_key_jwt, OA2, PRIVATE_KEY_JWT, OA2ClientAuth)

/**
 * OA2PrivateKeyJwtClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.PrivateKeyJwt]. The type is final: it has nothing to
 * override.
 */

OA2_AVAILABLE_IN_ALL
OA2PrivateKeyJwt *oa2_private_key_jwt_new     (const char        *client_id,
                                               OA2Jwk            *key,
                                               const char        *alg,
                                               GError           **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2Jwk           *oa2_private_key_jwt_get_key (OA2PrivateKeyJwt  *self);
OA2_AVAILABLE_IN_ALL
const char       *oa2_private_key_jwt_get_alg (OA2PrivateKeyJwt  *self);

G_END_DECLS
