/* oa2-dpop-key-compact-private.h: the private JWK of a DPoP key as the
 * reference library's serializers hold it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "oa2-dpop-key.h"

G_BEGIN_DECLS

JsonObject *oa2_dpop_key_dup_compact_jwk      (OA2DPoPKey   *self);
OA2DPoPKey *oa2_dpop_key_new_from_compact_jwk (JsonObject   *jwk,
                                               const char   *alg,
                                               GError      **error);

G_END_DECLS
