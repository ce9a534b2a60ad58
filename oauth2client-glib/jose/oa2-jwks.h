/* oa2-jwks.h: a JSON Web Key Set
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "oa2-jwk.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

/**
 * OA2JwksKeyPolicy:
 * @OA2_JWKS_KEY_POLICY_SINGLE: use the one key that fits; refuse with
 *   %OA2_ERROR_NO_MATCHING_KEY when several do
 * @OA2_JWKS_KEY_POLICY_TRY_ALL: try every key that fits until one verifies
 *
 * What to do when a token names no key (`kid`), or names one that several
 * keys of a set share, and more than one key fits its algorithm.
 */
typedef enum /*< underscore_name=oa2_jwks_key_policy >*/ {
  OA2_JWKS_KEY_POLICY_SINGLE,
  OA2_JWKS_KEY_POLICY_TRY_ALL,
} OA2JwksKeyPolicy;

#define OA2_TYPE_JWKS (oa2_jwks_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2Jwks, oa2_jwks, OA2, JWKS, GObject)

/**
 * OA2JwksClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.Jwks]. The type is final: it has nothing to
 * override.
 */

OA2_AVAILABLE_IN_ALL
OA2Jwks    *oa2_jwks_new                  (OA2Jwk * const *keys,
                                           gsize           n_keys) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2Jwks    *oa2_jwks_new_from_json        (const char     *json,
                                           GError        **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2Jwks    *oa2_jwks_new_from_json_object (JsonObject     *object,
                                           GError        **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
guint       oa2_jwks_get_n_keys           (OA2Jwks        *self);
OA2_AVAILABLE_IN_ALL
OA2Jwk     *oa2_jwks_get_key              (OA2Jwks        *self,
                                           guint           index);
OA2_AVAILABLE_IN_ALL
OA2Jwk     *oa2_jwks_lookup_kid           (OA2Jwks        *self,
                                           const char     *kid);
OA2_AVAILABLE_IN_ALL
GPtrArray  *oa2_jwks_select               (OA2Jwks        *self,
                                           const char     *kid,
                                           const char     *alg,
                                           const char     *use);
OA2_AVAILABLE_IN_ALL
char       *oa2_jwks_to_json              (OA2Jwks        *self,
                                           gboolean        include_private) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
