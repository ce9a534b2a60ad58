/* oa2-dpop-key.h: a key that makes DPoP proofs (RFC 9449)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "oa2-jwk.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

/**
 * OA2DPoPJtiFunc:
 * @user_data: (closure): the data given with the function
 *
 * Makes the `jti` of a DPoP proof, in place of the library's random one.
 * Only test servers need this: a `jti` must never repeat.
 *
 * Returns: (transfer full): a non-empty identifier
 */
typedef char * (*OA2DPoPJtiFunc) (gpointer user_data);

/**
 * OA2DPoPIatFunc:
 * @user_data: (closure): the data given with the function
 *
 * Gives the `iat` of a DPoP proof, in seconds since the Unix epoch, in
 * place of the current time; for tests with a frozen clock.
 *
 * Returns: the time of issue
 */
typedef gint64 (*OA2DPoPIatFunc) (gpointer user_data);

#define OA2_TYPE_DPOP_KEY (oa2_dpop_key_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2DPoPKey, oa2_dpop_key, OA2, DPOP_KEY, GObject)

/**
 * OA2DPoPKeyClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.DPoPKey]. The type is final: it has nothing to
 * override.
 */

OA2_AVAILABLE_IN_ALL
OA2DPoPKey *oa2_dpop_key_new                (OA2Jwk          *private_key,
                                             const char      *alg,
                                             GError         **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2DPoPKey *oa2_dpop_key_generate           (const char      *alg,
                                             GError         **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2DPoPKey *oa2_dpop_key_new_from_json      (const char      *json,
                                             GError         **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
char       *oa2_dpop_key_to_json            (OA2DPoPKey      *self) G_GNUC_WARN_UNUSED_RESULT;

OA2_AVAILABLE_IN_ALL
const char *oa2_dpop_key_get_alg            (OA2DPoPKey      *self);
OA2_AVAILABLE_IN_ALL
OA2Jwk     *oa2_dpop_key_dup_public_jwk     (OA2DPoPKey      *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
char       *oa2_dpop_key_dup_thumbprint     (OA2DPoPKey      *self) G_GNUC_WARN_UNUSED_RESULT;

OA2_AVAILABLE_IN_ALL
const char *oa2_dpop_key_get_proof_typ      (OA2DPoPKey      *self);
OA2_AVAILABLE_IN_ALL
void        oa2_dpop_key_set_proof_typ      (OA2DPoPKey      *self,
                                             const char      *typ);
OA2_AVAILABLE_IN_ALL
const char *oa2_dpop_key_get_proof_header   (OA2DPoPKey      *self);
OA2_AVAILABLE_IN_ALL
void        oa2_dpop_key_set_proof_header   (OA2DPoPKey      *self,
                                             const char      *name);
OA2_AVAILABLE_IN_ALL
const char *oa2_dpop_key_get_token_header   (OA2DPoPKey      *self);
OA2_AVAILABLE_IN_ALL
void        oa2_dpop_key_set_token_header   (OA2DPoPKey      *self,
                                             const char      *name);
OA2_AVAILABLE_IN_ALL
void        oa2_dpop_key_set_jti_func       (OA2DPoPKey      *self,
                                             OA2DPoPJtiFunc   func,
                                             gpointer         user_data,
                                             GDestroyNotify   destroy);
OA2_AVAILABLE_IN_ALL
void        oa2_dpop_key_set_iat_func       (OA2DPoPKey      *self,
                                             OA2DPoPIatFunc   func,
                                             gpointer         user_data,
                                             GDestroyNotify   destroy);

OA2_AVAILABLE_IN_ALL
char       *oa2_dpop_key_make_proof         (OA2DPoPKey      *self,
                                             const char      *method,
                                             const char      *uri,
                                             const char      *access_token,
                                             const char      *nonce,
                                             GError         **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
