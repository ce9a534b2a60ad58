/* oa2-memory-token-store.h: tokens kept in the memory of the process
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

#define OA2_TYPE_MEMORY_TOKEN_STORE (oa2_memory_token_store_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2MemoryTokenStore, oa2_memory_token_store, OA2, MEMORY_TOKEN_STORE, GObject)

/**
 * OA2MemoryTokenStoreClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.MemoryTokenStore]. The type is final.
 */

OA2_AVAILABLE_IN_ALL
OA2MemoryTokenStore *oa2_memory_token_store_new (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
