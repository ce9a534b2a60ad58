/* oa2-token-store-checks.h: what every OA2TokenStore must do
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-test-utils.h"

G_BEGIN_DECLS

void oa2_test_token_store_round_trips (OA2TokenStore *store);

G_END_DECLS
