/* oa2-token-exchange-request-private.h: the form of a token exchange
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-form-private.h"
#include "oa2-token-exchange-request.h"

G_BEGIN_DECLS

/* RFC 8693 §2.1 */
#define OA2_GRANT_TYPE_TOKEN_EXCHANGE "urn:ietf:params:oauth:grant-type:token-exchange"

/* The URN for a short type name, or @type itself when it is a URI; NULL
 * with @error set otherwise. @what names the token in the message. */
char    *oa2_token_exchange_resolve_type    (const char               *type,
                                             const char               *what,
                                             GError                  **error);

/* grant_type, the tokens with their types, requested_token_type and
 * audience, or NULL with @error set. */
OA2Form *oa2_token_exchange_request_to_form (OA2TokenExchangeRequest  *self,
                                             GError                  **error);

G_END_DECLS
