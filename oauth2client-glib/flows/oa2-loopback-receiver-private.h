/* oa2-loopback-receiver-private.h: what OA2DesktopSignIn asks of the
 * loopback receiver before it opens the browser
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-loopback-receiver.h"

G_BEGIN_DECLS

/* Whether the receiver can take the response to @request: not in a
 * fragment (a browser keeps it), JARM only with a client (the keys).
 * OA2_ERROR_INVALID_ARGUMENT otherwise. */
gboolean oa2_loopback_receiver_check_request (OA2LoopbackReceiver      *self,
                                             OA2AuthorizationRequest  *request,
                                             GError                  **error);

G_END_DECLS
