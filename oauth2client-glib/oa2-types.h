/* oa2-types.h: forward declarations of the public types
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _OA2BearerToken OA2BearerToken;
typedef struct _OA2Client OA2Client;
typedef struct _OA2ClientAuth OA2ClientAuth;

G_END_DECLS
