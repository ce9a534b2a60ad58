/* oa2-jwt-bearer.h: assertions for the JWT bearer grant
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "oa2-jwk.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

OA2_AVAILABLE_IN_ALL
char *oa2_jwt_sign_bearer_assertion (OA2Jwk              *key,
                                     const char          *alg,
                                     const char          *issuer,
                                     const char          *subject,
                                     const char * const  *audience,
                                     guint                lifetime,
                                     JsonObject          *extra_claims,
                                     GError             **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
