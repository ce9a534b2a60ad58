/* oa2-token-store-private.h: helpers shared by the token stores
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-token-store.h"

G_BEGIN_DECLS

/* The largest stored token a store reads back. */
#define OA2_TOKEN_STORE_MAX_SIZE (256 * 1024)

char *oa2_token_store_key_string (const char *issuer,
                                  const char *client_id,
                                  const char *account);

G_END_DECLS
