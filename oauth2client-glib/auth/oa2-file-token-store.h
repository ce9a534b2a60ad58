/* oa2-file-token-store.h: tokens kept in files readable by their owner alone
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

#define OA2_TYPE_FILE_TOKEN_STORE (oa2_file_token_store_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2FileTokenStore, oa2_file_token_store, OA2, FILE_TOKEN_STORE, GObject)

/**
 * OA2FileTokenStoreClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.FileTokenStore]. The type is final.
 */

OA2_AVAILABLE_IN_ALL
OA2FileTokenStore *oa2_file_token_store_new           (const char        *directory) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
const char        *oa2_file_token_store_get_directory (OA2FileTokenStore *self);

G_END_DECLS
