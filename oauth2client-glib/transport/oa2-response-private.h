/* oa2-response-private.h: reading a JSON answer from an OAuth endpoint
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "oa2-http-private.h"

G_BEGIN_DECLS

JsonObject *oa2_response_read_json           (const OA2HttpResponse  *response,
                                              const char             *endpoint_name,
                                              gboolean               *out_is_error,
                                              GError                **error);
GError     *oa2_response_oauth_error_from_json (JsonObject           *body,
                                                guint                 http_status);
/* The response's Retry-After in seconds from now, when it has a valid one. */
gboolean    oa2_response_get_retry_after      (const OA2HttpResponse *response,
                                               guint                 *out_seconds);
/* Records it on @error (of the library's domains), so that a poller can
 * honour it after the error has left the token path. */
void        oa2_response_record_retry_after   (const OA2HttpResponse *response,
                                               GError                *error);

G_END_DECLS
