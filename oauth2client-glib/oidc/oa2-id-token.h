/* oa2-id-token.h: a validated OpenID Connect ID token
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "oa2-version-macros.h"

G_BEGIN_DECLS

#define OA2_TYPE_ID_TOKEN (oa2_id_token_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2IdToken, oa2_id_token, OA2, ID_TOKEN, GObject)

/**
 * OA2IdTokenClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.IdToken]. The type is final.
 */

OA2_AVAILABLE_IN_ALL
const char         *oa2_id_token_get_issuer            (OA2IdToken *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_id_token_get_subject           (OA2IdToken *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_id_token_get_audience          (OA2IdToken *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_id_token_get_authorized_party  (OA2IdToken *self);
OA2_AVAILABLE_IN_ALL
gint64              oa2_id_token_get_expiration        (OA2IdToken *self);
OA2_AVAILABLE_IN_ALL
gint64              oa2_id_token_get_issued_at         (OA2IdToken *self);
OA2_AVAILABLE_IN_ALL
gint64              oa2_id_token_get_not_before        (OA2IdToken *self);
OA2_AVAILABLE_IN_ALL
gint64              oa2_id_token_get_auth_time         (OA2IdToken *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_id_token_get_nonce             (OA2IdToken *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_id_token_get_acr               (OA2IdToken *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_id_token_get_amr               (OA2IdToken *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_id_token_get_at_hash           (OA2IdToken *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_id_token_get_c_hash            (OA2IdToken *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_id_token_get_alg               (OA2IdToken *self);
OA2_AVAILABLE_IN_ALL
JsonNode           *oa2_id_token_get_claim             (OA2IdToken *self,
                                                        const char *name);
OA2_AVAILABLE_IN_ALL
JsonObject         *oa2_id_token_get_claims            (OA2IdToken *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_id_token_get_compact           (OA2IdToken *self);

G_END_DECLS
