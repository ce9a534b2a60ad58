/* oa2-version-info.h: the version of the library at run time
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include "oa2-version-macros.h"

G_BEGIN_DECLS

OA2_AVAILABLE_IN_ALL
guint oa2_get_major_version (void);
OA2_AVAILABLE_IN_ALL
guint oa2_get_minor_version (void);
OA2_AVAILABLE_IN_ALL
guint oa2_get_micro_version (void);

G_END_DECLS
