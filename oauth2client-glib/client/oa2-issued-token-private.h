/* oa2-issued-token-private.h: building an OA2IssuedToken from a response
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-issued-token.h"

G_BEGIN_DECLS

/* Validates a successful token exchange response (RFC 8693 §2.2.1) and
 * builds the token; @response is only read. */
OA2IssuedToken *oa2_issued_token_new_from_response (JsonObject  *response,
                                                    GError     **error);

G_END_DECLS
