/* oa2-client-secret-post.h: the client_secret_post authentication method
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include "oa2-client-auth.h"

G_BEGIN_DECLS

#define OA2_TYPE_CLIENT_SECRET_POST (oa2_client_secret_post_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2ClientSecretPost, oa2_client_secret_post, OA2, CLIENT_SECRET_POST, OA2ClientAuth)

/**
 * OA2ClientSecretPostClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.ClientSecretPost]. The type is final: it has nothing to
 * override.
 */

OA2_AVAILABLE_IN_ALL
OA2ClientSecretPost *oa2_client_secret_post_new (const char *client_id,
                                          const char *client_secret) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
