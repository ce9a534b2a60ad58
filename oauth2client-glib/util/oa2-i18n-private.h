/* oa2-i18n-private.h: lazy binding of the gettext domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "config.h"

#include <glib/gi18n-lib.h>

G_BEGIN_DECLS

void oa2_i18n_init (void);

G_END_DECLS
