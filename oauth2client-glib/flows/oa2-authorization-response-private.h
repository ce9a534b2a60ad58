/* oa2-authorization-response-private.h: building a validated response
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-authorization-response.h"

G_BEGIN_DECLS

/* @params (name → value, both owned by the table) is taken; the rest is
 * what the request that the response answers knew. */
OA2AuthorizationResponse *oa2_authorization_response_new (GHashTable *params,
                                                          const char *redirect_uri,
                                                          const char *code_verifier,
                                                          const char *nonce,
                                                          gint64      max_age,
                                                          const char *scope);

G_END_DECLS
