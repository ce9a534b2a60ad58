/* oa2-dpop-token-private.h: OA2DPoPToken inside the library
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-dpop-nonces-private.h"
#include "oa2-dpop-token.h"
#include "oa2-http-private.h"

G_BEGIN_DECLS

/* The member of the stored form that holds the key. */
#define OA2_DPOP_TOKEN_STORED_KEY "dpop_key"

OA2DPoPToken *oa2_dpop_token_new_from_stored (JsonObject     *response,
                                              GDateTime      *expires_at,
                                              GError        **error);
void          oa2_dpop_token_store_key       (OA2DPoPToken   *self,
                                              JsonObject     *stored);
void          oa2_dpop_token_set_nonces      (OA2DPoPToken   *self,
                                              OA2DPoPNonces  *nonces);
/* Remembers the DPoP-Nonce of a response from @uri's origin for the
 * token's next proof there; FALSE when it carries none (or a bad one). */
gboolean      oa2_dpop_token_remember_nonce  (OA2DPoPToken       *self,
                                              GUri               *uri,
                                              SoupMessageHeaders *response_headers);
/* Stamps one attempt of a request to a resource with @token, of either
 * kind: the token, and for a DPoP token a new proof for the attempt's
 * method and URL with the origin's last nonce. */
gboolean      oa2_bearer_token_stamp_attempt (OA2BearerToken     *token,
                                              OA2HttpAttempt     *attempt,
                                              GError            **error);

G_END_DECLS
