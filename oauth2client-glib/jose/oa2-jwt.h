/* oa2-jwt.h: JSON Web Signatures and Tokens, compact and JSON serializations
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "oa2-jwk.h"
#include "oa2-jwks.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

/**
 * OA2_JWT_MAX_SIZE:
 *
 * The largest token, in bytes, that the library parses: a compact
 * serialization, or the whole text of a JSON serialization.
 */
#define OA2_JWT_MAX_SIZE (64 * 1024)

#define OA2_TYPE_JWT (oa2_jwt_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2Jwt, oa2_jwt, OA2, JWT, GObject)

/**
 * OA2JwtClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.Jwt]. The type is final: it has nothing to
 * override.
 */

OA2_AVAILABLE_IN_ALL
OA2Jwt      *oa2_jwt_new_from_compact         (const char           *compact,
                                               GError              **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
GPtrArray   *oa2_jwt_parse_json_serialization (const char           *json,
                                               GError              **error);
OA2_AVAILABLE_IN_ALL
char        *oa2_jwt_sign_claims              (JsonObject           *claims,
                                               OA2Jwk               *key,
                                               const char           *alg,
                                               JsonObject           *header,
                                               GError              **error);
OA2_AVAILABLE_IN_ALL
char        *oa2_jwt_sign_payload             (GBytes               *payload,
                                               OA2Jwk               *key,
                                               const char           *alg,
                                               JsonObject           *header,
                                               GError              **error);
OA2_AVAILABLE_IN_ALL
char        *oa2_jwt_sign_json                (GBytes               *payload,
                                               OA2Jwk               *key,
                                               const char           *alg,
                                               JsonObject           *protected_header,
                                               JsonObject           *unprotected_header,
                                               GError              **error);
OA2_AVAILABLE_IN_ALL
char        *oa2_jwt_add_json_signature       (const char           *json_serialization,
                                               OA2Jwk               *key,
                                               const char           *alg,
                                               JsonObject           *protected_header,
                                               JsonObject           *unprotected_header,
                                               GError              **error);

OA2_AVAILABLE_IN_ALL
gboolean     oa2_jwt_verify                   (OA2Jwt               *self,
                                               OA2Jwk               *key,
                                               const char * const   *allowed_algs,
                                               GError              **error);
OA2_AVAILABLE_IN_ALL
gboolean     oa2_jwt_verify_with_jwks         (OA2Jwt               *self,
                                               OA2Jwks              *jwks,
                                               const char * const   *allowed_algs,
                                               OA2JwksKeyPolicy      policy,
                                               GError              **error);
OA2_AVAILABLE_IN_ALL
gboolean     oa2_jwt_validate_claims          (OA2Jwt               *self,
                                               const char           *issuer,
                                               const char           *audience,
                                               guint                 leeway_seconds,
                                               GError              **error);
OA2_AVAILABLE_IN_ALL
gboolean     oa2_jwt_check_typ                (OA2Jwt               *self,
                                               const char           *expected,
                                               GError              **error);

OA2_AVAILABLE_IN_ALL
const char  *oa2_jwt_get_alg                  (OA2Jwt               *self);
OA2_AVAILABLE_IN_ALL
const char  *oa2_jwt_get_kid                  (OA2Jwt               *self);
OA2_AVAILABLE_IN_ALL
const char  *oa2_jwt_get_typ                  (OA2Jwt               *self);
OA2_AVAILABLE_IN_ALL
JsonObject  *oa2_jwt_get_header               (OA2Jwt               *self);
OA2_AVAILABLE_IN_ALL
JsonObject  *oa2_jwt_get_protected_header     (OA2Jwt               *self);
OA2_AVAILABLE_IN_ALL
JsonObject  *oa2_jwt_get_unprotected_header   (OA2Jwt               *self);
OA2_AVAILABLE_IN_ALL
const char  *oa2_jwt_get_header_string        (OA2Jwt               *self,
                                               const char           *name);
OA2_AVAILABLE_IN_ALL
GBytes      *oa2_jwt_get_payload              (OA2Jwt               *self);
OA2_AVAILABLE_IN_ALL
JsonObject  *oa2_jwt_get_claims               (OA2Jwt               *self);
OA2_AVAILABLE_IN_ALL
JsonNode    *oa2_jwt_get_claim                (OA2Jwt               *self,
                                               const char           *name);
OA2_AVAILABLE_IN_ALL
const char  *oa2_jwt_get_string_claim         (OA2Jwt               *self,
                                               const char           *name);
OA2_AVAILABLE_IN_ALL
gboolean     oa2_jwt_get_int_claim            (OA2Jwt               *self,
                                               const char           *name,
                                               gint64               *out_value);
OA2_AVAILABLE_IN_ALL
const char  *oa2_jwt_get_compact              (OA2Jwt               *self);

G_END_DECLS
