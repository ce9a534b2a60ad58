/* oa2-error-private.h: building errors that carry server details
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-error.h"

G_BEGIN_DECLS

/* Where a server-chosen name (an algorithm, a key type, a header or member
 * name, a media type) is quoted in a message or a trace, it is cut to this
 * many characters. */
#define OA2_SERVER_NAME_MAX_CHARS 64

GError *oa2_error_new_unexpected_status (guint        status,
                                         const char  *what);
/* Records the server's Retry-After, in seconds, on an error of either
 * domain; errors of other domains are left alone. */
void    oa2_error_set_retry_after       (GError      *error,
                                         guint        seconds);
GError *oa2_error_new_sign_in_required  (const GError *cause);
GError *oa2_error_new_api_status        (guint         status,
                                         const char   *reason,
                                         const char   *body_excerpt);
char   *oa2_error_sanitize_server_text  (const char  *text,
                                         gsize        max_chars);
char   *oa2_error_sanitize_name         (const char  *name);

G_END_DECLS
