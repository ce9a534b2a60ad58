/* oa2-authorization-request-private.h: what the client's PAR call needs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-authorization-request.h"
#include "oa2-form-private.h"

G_BEGIN_DECLS

/* Every parameter of the request, in the order the URI has them, for a
 * pushed authorization request (RFC 9126 §2.1). */
OA2Form *oa2_authorization_request_to_form   (OA2AuthorizationRequest  *self,
                                              GError                  **error);
/* Records the server's answer to the push: from now on the URI carries
 * client_id and request_uri alone. */
void     oa2_authorization_request_set_pushed (OA2AuthorizationRequest *self,
                                               const char              *request_uri,
                                               gint64                   expires_at);

G_END_DECLS
