/* oa2-error-private.h: building errors that carry server details
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-error.h"

G_BEGIN_DECLS

GError *oa2_error_new_unexpected_status (guint        status,
                                         const char  *what);
char   *oa2_error_sanitize_server_text  (const char  *text,
                                         gsize        max_chars);

G_END_DECLS
