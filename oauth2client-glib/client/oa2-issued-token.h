/* oa2-issued-token.h: a token a token exchange issued, of any type
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "oa2-version-macros.h"

G_BEGIN_DECLS

#define OA2_TYPE_ISSUED_TOKEN (oa2_issued_token_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2IssuedToken, oa2_issued_token, OA2, ISSUED_TOKEN, GObject)

/**
 * OA2IssuedTokenClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.IssuedToken].
 */

OA2_AVAILABLE_IN_ALL
const char *oa2_issued_token_get_token             (OA2IssuedToken *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_issued_token_get_issued_token_type (OA2IssuedToken *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_issued_token_get_token_type        (OA2IssuedToken *self);
OA2_AVAILABLE_IN_ALL
GDateTime  *oa2_issued_token_get_expires_at        (OA2IssuedToken *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_issued_token_get_scope             (OA2IssuedToken *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_issued_token_get_refresh_token     (OA2IssuedToken *self);
OA2_AVAILABLE_IN_ALL
gboolean    oa2_issued_token_is_access_token       (OA2IssuedToken *self);

OA2_AVAILABLE_IN_ALL
JsonNode   *oa2_issued_token_get_member            (OA2IssuedToken *self,
                                                    const char     *name);
OA2_AVAILABLE_IN_ALL
const char *oa2_issued_token_get_string_member     (OA2IssuedToken *self,
                                                    const char     *name);
OA2_AVAILABLE_IN_ALL
char      **oa2_issued_token_dup_member_names      (OA2IssuedToken *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
