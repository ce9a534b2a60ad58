/* oa2-clock-private.h: the one source of "now"
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gint64 (*OA2NowFunc) (void);

gint64 oa2_clock_now_seconds              (void);
void   _oa2_clock_set_now_func_for_testing (OA2NowFunc func);

G_END_DECLS
