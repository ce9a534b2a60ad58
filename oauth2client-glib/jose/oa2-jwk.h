/* oa2-jwk.h: a JSON Web Key
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "oa2-types.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

#define OA2_TYPE_JWK (oa2_jwk_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2Jwk, oa2_jwk, OA2, JWK, GObject)

/**
 * OA2JwkClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.Jwk]. The type is final: it has nothing to
 * override.
 */

OA2_AVAILABLE_IN_ALL
OA2Jwk     *oa2_jwk_new_from_json         (const char   *json,
                                           GError      **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2Jwk     *oa2_jwk_new_from_json_object  (JsonObject   *object,
                                           GError      **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2Jwk     *oa2_jwk_new_from_pem          (const char   *pem,
                                           GError      **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2Jwk     *oa2_jwk_generate              (const char   *alg,
                                           GError      **error) G_GNUC_WARN_UNUSED_RESULT;

OA2_AVAILABLE_IN_ALL
const char *oa2_jwk_get_kty               (OA2Jwk       *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_jwk_get_kid               (OA2Jwk       *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_jwk_get_alg               (OA2Jwk       *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_jwk_get_use               (OA2Jwk       *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_jwk_get_crv               (OA2Jwk       *self);
OA2_AVAILABLE_IN_ALL
gboolean    oa2_jwk_is_private            (OA2Jwk       *self);
OA2_AVAILABLE_IN_ALL
guint       oa2_jwk_get_bits              (OA2Jwk       *self);

OA2_AVAILABLE_IN_ALL
OA2Jwk     *oa2_jwk_dup_public            (OA2Jwk       *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
char       *oa2_jwk_dup_thumbprint        (OA2Jwk       *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
char       *oa2_jwk_dup_thumbprint_uri    (OA2Jwk       *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
JsonObject *oa2_jwk_to_json_object        (OA2Jwk       *self,
                                           gboolean      include_private) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
char       *oa2_jwk_to_json               (OA2Jwk       *self,
                                           gboolean      include_private) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
gboolean    oa2_jwk_supports_alg          (OA2Jwk       *self,
                                           const char   *alg);

G_END_DECLS
