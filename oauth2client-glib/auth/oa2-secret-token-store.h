/* oa2-secret-token-store.h: tokens kept in the Secret Service (libsecret)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include "oa2-token-store.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

#define OA2_TYPE_SECRET_TOKEN_STORE (oa2_secret_token_store_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2SecretTokenStore, oa2_secret_token_store, OA2, SECRET_TOKEN_STORE, GObject)

/**
 * OA2SecretTokenStoreClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.SecretTokenStore]. The type is final.
 */

OA2_AVAILABLE_IN_ALL
OA2SecretTokenStore *oa2_secret_token_store_new          (void) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
gboolean       oa2_secret_token_store_is_supported (void);

G_END_DECLS
