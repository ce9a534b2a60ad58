/* oa2-client-secret-jwt.h: the client_secret_jwt authentication method
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include "oa2-client-auth.h"

G_BEGIN_DECLS

#define OA2_TYPE_CLIENT_SECRET_JWT (oa2_client_secret_jwt_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2ClientSecretJwt, oa2_client_secret_jwt, OA2, CLIENT_SECRET_JWT, OA2ClientAuth)

/**
 * OA2ClientSecretJwtClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.ClientSecretJwt]. The type is final: it has nothing to
 * override.
 */

OA2_AVAILABLE_IN_ALL
OA2ClientSecretJwt *oa2_client_secret_jwt_new     (const char          *client_id,
                                                   const char          *client_secret,
                                                   const char          *alg,
                                                   GError             **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
const char         *oa2_client_secret_jwt_get_alg (OA2ClientSecretJwt  *self);

G_END_DECLS
