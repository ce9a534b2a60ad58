/* oa2-clock.c: the one source of "now"
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "oa2-clock-private.h"

static gint64
real_now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Every expiry decision reads the time through here, so that tests can
 * freeze or advance the clock instead of sleeping. */
static OA2NowFunc now_func = real_now_seconds;

gint64
oa2_clock_now_seconds (void)
{
  OA2NowFunc func = g_atomic_pointer_get (&now_func);

  return func ();
}

void
_oa2_clock_set_now_func_for_testing (OA2NowFunc func)
{
  g_atomic_pointer_set (&now_func, func != NULL ? func : real_now_seconds);
}
