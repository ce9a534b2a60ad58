/* oa2-locked-string-private.h: string settings read and written under a mutex
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  oa2_locked_string_replace (GMutex      *lock,
                                     char       **field,
                                     const char  *value);
char     *oa2_locked_string_dup     (GMutex      *lock,
                                     char       **field);

G_END_DECLS
