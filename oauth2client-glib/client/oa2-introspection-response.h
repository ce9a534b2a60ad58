/* oa2-introspection-response.h: what the server says of a token
 * (RFC 7662 §2.2)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "oa2-version-macros.h"

G_BEGIN_DECLS

#define OA2_TYPE_INTROSPECTION_RESPONSE (oa2_introspection_response_get_type ())

OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2IntrospectionResponse, oa2_introspection_response, OA2, INTROSPECTION_RESPONSE, GObject)

/**
 * OA2IntrospectionResponseClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.IntrospectionResponse]. The type is final.
 */

OA2_AVAILABLE_IN_ALL
OA2IntrospectionResponse *oa2_introspection_response_new_from_json (JsonObject               *response,
                                                                    GError                  **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
gboolean                  oa2_introspection_response_get_active     (OA2IntrospectionResponse *self);
OA2_AVAILABLE_IN_ALL
const char               *oa2_introspection_response_get_scope      (OA2IntrospectionResponse *self);
OA2_AVAILABLE_IN_ALL
const char               *oa2_introspection_response_get_client_id  (OA2IntrospectionResponse *self);
OA2_AVAILABLE_IN_ALL
const char               *oa2_introspection_response_get_username   (OA2IntrospectionResponse *self);
OA2_AVAILABLE_IN_ALL
const char               *oa2_introspection_response_get_token_type (OA2IntrospectionResponse *self);
OA2_AVAILABLE_IN_ALL
gint64                    oa2_introspection_response_get_exp        (OA2IntrospectionResponse *self);
OA2_AVAILABLE_IN_ALL
gint64                    oa2_introspection_response_get_iat        (OA2IntrospectionResponse *self);
OA2_AVAILABLE_IN_ALL
gint64                    oa2_introspection_response_get_nbf        (OA2IntrospectionResponse *self);
OA2_AVAILABLE_IN_ALL
const char               *oa2_introspection_response_get_sub        (OA2IntrospectionResponse *self);
OA2_AVAILABLE_IN_ALL
const char * const       *oa2_introspection_response_get_aud        (OA2IntrospectionResponse *self);
OA2_AVAILABLE_IN_ALL
const char               *oa2_introspection_response_get_iss        (OA2IntrospectionResponse *self);
OA2_AVAILABLE_IN_ALL
const char               *oa2_introspection_response_get_jti        (OA2IntrospectionResponse *self);
OA2_AVAILABLE_IN_ALL
JsonObject               *oa2_introspection_response_get_cnf        (OA2IntrospectionResponse *self);
OA2_AVAILABLE_IN_ALL
JsonNode                 *oa2_introspection_response_get_member     (OA2IntrospectionResponse *self,
                                                                    const char               *name);
OA2_AVAILABLE_IN_ALL
JsonObject               *oa2_introspection_response_get_json       (OA2IntrospectionResponse *self);

G_END_DECLS
