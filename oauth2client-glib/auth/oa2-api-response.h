/* oa2-api-response.h: what an API answered
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "oa2-version-macros.h"

G_BEGIN_DECLS

#define OA2_TYPE_API_RESPONSE (oa2_api_response_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2ApiResponse, oa2_api_response, OA2, API_RESPONSE, GObject)

/**
 * OA2ApiResponseClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.ApiResponse]. The type is final.
 */

OA2_AVAILABLE_IN_ALL
guint               oa2_api_response_get_status    (OA2ApiResponse  *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_api_response_get_reason    (OA2ApiResponse  *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_api_response_get_uri       (OA2ApiResponse  *self);
OA2_AVAILABLE_IN_ALL
SoupMessageHeaders *oa2_api_response_get_headers   (OA2ApiResponse  *self);
OA2_AVAILABLE_IN_ALL
GBytes             *oa2_api_response_get_body      (OA2ApiResponse  *self);
OA2_AVAILABLE_IN_ALL
GInputStream       *oa2_api_response_get_stream    (OA2ApiResponse  *self);
OA2_AVAILABLE_IN_ALL
char               *oa2_api_response_dup_text      (OA2ApiResponse  *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
JsonNode           *oa2_api_response_dup_json      (OA2ApiResponse  *self,
                                                    GError         **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
