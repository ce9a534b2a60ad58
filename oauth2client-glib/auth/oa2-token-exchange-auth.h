/* oa2-token-exchange-auth.h: tokens exchanged for another handler's (RFC 8693)
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

#define OA2_TYPE_TOKEN_EXCHANGE_AUTH (oa2_token_exchange_auth_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2TokenExchangeAuth, oa2_token_exchange_auth, OA2, TOKEN_EXCHANGE_AUTH, OA2Auth)

/**
 * OA2TokenExchangeAuthClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.TokenExchangeAuth]. The type is final.
 */

OA2_AVAILABLE_IN_ALL
OA2TokenExchangeAuth *oa2_token_exchange_auth_new          (OA2Client            *client,
                                                            OA2Auth              *subject,
                                                            const char           *audience,
                                                            const char           *scope) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2Client            *oa2_token_exchange_auth_get_client   (OA2TokenExchangeAuth *self);
OA2_AVAILABLE_IN_ALL
OA2Auth              *oa2_token_exchange_auth_get_subject  (OA2TokenExchangeAuth *self);
OA2_AVAILABLE_IN_ALL
const char           *oa2_token_exchange_auth_get_audience (OA2TokenExchangeAuth *self);
OA2_AVAILABLE_IN_ALL
const char           *oa2_token_exchange_auth_get_scope    (OA2TokenExchangeAuth *self);

G_END_DECLS
