/* oa2-bearer-token-compact.h: a token in requests_oauth2client's compact
 * serialized form
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include "oa2-bearer-token.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

OA2_AVAILABLE_IN_ALL
OA2BearerToken *oa2_bearer_token_new_from_compact (const char      *compact,
                                                   GError         **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
char           *oa2_bearer_token_to_compact       (OA2BearerToken  *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
