/* oa2-token-poller-backchannel.h: a token poller for CIBA's poll mode
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include "oa2-backchannel-authentication-response.h"
#include "oa2-token-poller.h"

G_BEGIN_DECLS

OA2_AVAILABLE_IN_ALL
OA2TokenPoller *oa2_token_poller_new_for_backchannel (OA2Client                            *client,
                                                      OA2BackchannelAuthenticationResponse *response,
                                                      OA2DPoPKey                           *dpop_key) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
