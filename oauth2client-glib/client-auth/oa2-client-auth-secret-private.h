/* oa2-client-auth-secret-private.h: the client secret of the methods that
 * hold one, as a key for HMAC ID tokens (OpenID Connect Core §10.1)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-client-auth.h"
#include "oa2-jwk.h"

G_BEGIN_DECLS

/* The client secret as an oct key, or NULL (and no error) when @auth holds
 * no secret: only client_secret_basic, client_secret_post and
 * client_secret_jwt do. */
OA2Jwk     *oa2_client_auth_dup_secret_key     (OA2ClientAuth  *auth,
                                                GError        **error);

/* An oct JWK of @secret's bytes; the intermediate copies are wiped. */
OA2Jwk     *oa2_client_auth_key_from_secret    (const char     *secret,
                                                GError        **error);

/* Each secret-holding method's own secret or key. */
const char *oa2_client_secret_post_peek_secret  (OA2ClientAuth  *auth);
const char *oa2_client_secret_basic_peek_secret (OA2ClientAuth  *auth);
OA2Jwk     *oa2_client_secret_jwt_peek_key      (OA2ClientAuth  *auth);

G_END_DECLS
