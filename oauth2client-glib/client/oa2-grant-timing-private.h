/* oa2-grant-timing-private.h: the timing members of the responses that
 * start a polled grant (device authorization, RFC 8628 §3.2; CIBA
 * backchannel authentication, CIBA §7.3)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The longest polling interval either response may ask for. */
#define OA2_GRANT_MAX_INTERVAL_SECONDS 3600

/* Reads `expires_in` (required, whole seconds in [1, @max_expires_in])
 * into *@out_expires_at, counted from now, and `interval` (whole seconds
 * in [1, OA2_GRANT_MAX_INTERVAL_SECONDS]) into *@inout_interval when the
 * server sent it (else *@inout_interval, the grant's default, stays).
 * A member of the wrong type or out of range is
 * %OA2_ERROR_INVALID_MEMBER with @invalid_member_format (%s: its name),
 * a missing `expires_in` %OA2_ERROR_MISSING_MEMBER with @no_expires_in:
 * each response keeps its own messages. */
gboolean oa2_grant_timing_read (JsonObject  *response,
                                guint        max_expires_in,
                                const char  *invalid_member_format,
                                const char  *no_expires_in,
                                guint       *inout_interval,
                                GDateTime  **out_expires_at,
                                GError     **error);

G_END_DECLS
