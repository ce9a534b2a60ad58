/* oa2-token-poller-private.h: what tests change in a poller
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-token-poller.h"

G_BEGIN_DECLS

/* Makes one second of the poller's waits and of its clock last
 * @ms_per_second milliseconds (1000 by default), so that a test of a
 * 5-second interval takes 5 × @ms_per_second ms. The poller's "now" then
 * runs at the same speed from the moment of this call, so expiry is
 * reached after the same number of polls as in real time. Call before the
 * first poll. */
void oa2_token_poller_set_time_unit_for_testing (OA2TokenPoller *self,
                                                 guint           ms_per_second);

G_END_DECLS
