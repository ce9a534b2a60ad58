/* oa2-bearer-token.h: an access token and the response it came in
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "oa2-types.h"
#include "oa2-id-token.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

#define OA2_TYPE_BEARER_TOKEN (oa2_bearer_token_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_DERIVABLE_TYPE (OA2BearerToken, oa2_bearer_token, OA2, BEARER_TOKEN, GObject)

/**
 * OA2BearerTokenClass:
 * @parent_class: the parent class
 * @authorize_message: stamps the credentials of the token on a message; see
 *   [method@OA2.BearerToken.authorize_message]
 *
 * The class of [class@OA2.BearerToken]. Subclasses (such as DPoP-bound
 * tokens) override @authorize_message to add their own headers, chaining up
 * for the checks and the `Authorization` header.
 */
struct _OA2BearerTokenClass
{
  GObjectClass parent_class;

  gboolean (*authorize_message) (OA2BearerToken  *self,
                                 SoupMessage     *msg,
                                 GError         **error);

  /*< private >*/
  gpointer padding[8];
};

OA2_AVAILABLE_IN_ALL
OA2BearerToken *oa2_bearer_token_new                  (const char      *access_token,
                                                       GDateTime       *expires_at,
                                                       GError         **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2BearerToken *oa2_bearer_token_new_from_response    (JsonObject      *response,
                                                       GError         **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2BearerToken *oa2_bearer_token_new_from_json        (const char      *json,
                                                       GError         **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
char           *oa2_bearer_token_to_json              (OA2BearerToken  *self) G_GNUC_WARN_UNUSED_RESULT;

OA2_AVAILABLE_IN_ALL
const char     *oa2_bearer_token_get_access_token     (OA2BearerToken  *self);
OA2_AVAILABLE_IN_ALL
const char     *oa2_bearer_token_get_token_type       (OA2BearerToken  *self);
OA2_AVAILABLE_IN_ALL
GDateTime      *oa2_bearer_token_get_expires_at       (OA2BearerToken  *self);
OA2_AVAILABLE_IN_ALL
const char     *oa2_bearer_token_get_refresh_token    (OA2BearerToken  *self);
OA2_AVAILABLE_IN_ALL
const char     *oa2_bearer_token_get_scope            (OA2BearerToken  *self);
OA2_AVAILABLE_IN_ALL
const char     *oa2_bearer_token_get_id_token         (OA2BearerToken  *self);

OA2_AVAILABLE_IN_ALL
gboolean        oa2_bearer_token_is_expired           (OA2BearerToken  *self,
                                                       guint            leeway_seconds);
OA2_AVAILABLE_IN_ALL
gint64          oa2_bearer_token_get_expires_in       (OA2BearerToken  *self);

OA2_AVAILABLE_IN_ALL
JsonNode       *oa2_bearer_token_get_member           (OA2BearerToken  *self,
                                                       const char      *name);
OA2_AVAILABLE_IN_ALL
const char     *oa2_bearer_token_get_string_member    (OA2BearerToken  *self,
                                                       const char      *name);
OA2_AVAILABLE_IN_ALL
const char     *oa2_bearer_token_get_issued_token_type (OA2BearerToken *self);
OA2_AVAILABLE_IN_ALL
gboolean        oa2_bearer_token_get_int_member       (OA2BearerToken  *self,
                                                       const char      *name,
                                                       gint64          *out_value);
OA2_AVAILABLE_IN_ALL
gboolean        oa2_bearer_token_get_boolean_member   (OA2BearerToken  *self,
                                                       const char      *name,
                                                       gboolean        *out_value);
OA2_AVAILABLE_IN_ALL
char          **oa2_bearer_token_dup_member_names     (OA2BearerToken  *self) G_GNUC_WARN_UNUSED_RESULT;

OA2_AVAILABLE_IN_ALL
char           *oa2_bearer_token_dup_authorization_header (OA2BearerToken *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
gboolean        oa2_bearer_token_authorize_message    (OA2BearerToken  *self,
                                                       SoupMessage     *msg,
                                                       GError         **error);

OA2_AVAILABLE_IN_ALL
OA2IdToken     *oa2_bearer_token_get_validated_id_token (OA2BearerToken *self);

G_END_DECLS
