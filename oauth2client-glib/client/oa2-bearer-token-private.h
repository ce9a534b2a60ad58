/* oa2-bearer-token-private.h: what OA2DPoPToken needs of its parent
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-bearer-token.h"
#include "oa2-id-token.h"

G_BEGIN_DECLS

void     oa2_bearer_token_invalidate    (OA2BearerToken  *self,
                                         GError          *error);
gboolean oa2_bearer_token_parse_stored  (const char      *json,
                                         JsonObject     **out_response,
                                         GDateTime      **out_expires_at,
                                         GError         **error);

/* The client attaches the ID token it validated from the response. */
void     oa2_bearer_token_set_validated_id_token (OA2BearerToken *self,
                                                  OA2IdToken     *id_token);

/* RFC 6749 §5.1's expires_in: a whole number of seconds, at most a
 * hundred years; a string of digits is accepted. */
gboolean oa2_bearer_token_parse_expires_in (JsonNode  *node,
                                            gint64    *out_seconds,
                                            GError   **error);

G_END_DECLS
