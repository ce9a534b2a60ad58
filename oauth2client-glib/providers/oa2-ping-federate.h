/* oa2-ping-federate.h: PingFederate presets
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include "oa2-client-auth.h"
#include "oa2-client.h"

G_BEGIN_DECLS

OA2_AVAILABLE_IN_ALL
OA2Client *oa2_ping_federate_client_new (const char     *base_url,
                                         OA2ClientAuth  *client_auth,
                                         GError        **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
