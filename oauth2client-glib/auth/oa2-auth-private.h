/* oa2-auth-private.h: what the auth handlers share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-auth.h"
#include "oa2-client.h"

G_BEGIN_DECLS

/* The refresh-token renewal of every handler that has one: refuses a token
 * without a refresh token, and turns the server's invalid_grant into
 * OA2_ERROR_SIGN_IN_REQUIRED. A DPoP-bound token is refreshed with its own
 * key, as RFC 9449 §5 requires for public clients. */
OA2BearerToken *oa2_auth_refresh        (OA2Client            *client,
                                         OA2BearerToken       *current,
                                         GCancellable         *cancellable,
                                         GError              **error);
void            oa2_auth_refresh_async  (OA2Client            *client,
                                         OA2BearerToken       *current,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
OA2BearerToken *oa2_auth_refresh_finish (GAsyncResult         *result,
                                         GError              **error);

/* ensure_token for a caller whose request the resource server refused
 * @refused with invalid_token: it is not fresh, whatever its expiry says;
 * callers refused the same token share one renewal. */
OA2BearerToken *oa2_auth_ensure_token_refusing        (OA2Auth              *self,
                                                       OA2BearerToken       *refused,
                                                       GCancellable         *cancellable,
                                                       GError              **error);
void            oa2_auth_ensure_token_refusing_async  (OA2Auth              *self,
                                                       OA2BearerToken       *refused,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
OA2BearerToken *oa2_auth_ensure_token_refusing_finish (OA2Auth              *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
/* RFC 6750 §3.1, RFC 9449 §7.1: a challenge that refuses the token. */
OA2BearerToken *oa2_auth_dup_fresh_token              (OA2Auth              *self);
gboolean        oa2_auth_challenge_refuses_token      (const char           *www_authenticate);

G_END_DECLS
