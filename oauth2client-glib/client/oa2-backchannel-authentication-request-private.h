/* oa2-backchannel-authentication-request-private.h: the form of a CIBA
 * authentication request
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-backchannel-authentication-request.h"
#include "oa2-form-private.h"

G_BEGIN_DECLS

/* CIBA §10.1 */
#define OA2_GRANT_TYPE_CIBA "urn:openid:params:grant-type:ciba"

/* The parameters of CIBA §7.1 and @extra_params; with a signing key, one
 * `request` parameter instead (§7.1.1), a JWT from @client_id (iss) to
 * @issuer (aud). NULL with @error set on a bad request. */
OA2Form *oa2_backchannel_authentication_request_to_form (OA2BackchannelAuthenticationRequest  *self,
                                                         const char                           *client_id,
                                                         const char                           *issuer,
                                                         GHashTable                           *extra_params,
                                                         GError                              **error);

G_END_DECLS
