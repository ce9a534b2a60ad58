/* oa2-public-app.h: the none authentication method, for public clients
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include "oa2-client-auth.h"

G_BEGIN_DECLS

#define OA2_TYPE_PUBLIC_APP (oa2_public_app_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2PublicApp, oa2_public_app, OA2, PUBLIC_APP, OA2ClientAuth)

/**
 * OA2PublicAppClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.PublicApp]. The type is final: it has nothing to
 * override.
 */

OA2_AVAILABLE_IN_ALL
OA2PublicApp *oa2_public_app_new (const char *client_id) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
