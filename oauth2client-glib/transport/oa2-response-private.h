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

G_END_DECLS
