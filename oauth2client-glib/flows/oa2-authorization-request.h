/* oa2-authorization-request.h: an authorization request (RFC 6749 §4.1.1,
 * OpenID Connect Core §3.1.2.1) and its PKCE secret
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "oa2-authorization-response.h"
#include "oa2-dpop-key.h"
#include "oa2-jwk.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

/**
 * OA2PkceMethod:
 * @OA2_PKCE_METHOD_S256: `S256`: the challenge is the SHA-256 hash of the
 *   verifier (the default, and the one RFC 9700 asks for)
 * @OA2_PKCE_METHOD_PLAIN: `plain`: the challenge is the verifier itself, for
 *   servers that know nothing else
 * @OA2_PKCE_METHOD_NONE: no PKCE at all, for servers that refuse it
 *
 * The PKCE code challenge method (RFC 7636 §4.2) of an
 * [class@OA2.AuthorizationRequest].
 */
typedef enum /*< underscore_name=oa2_pkce_method >*/ {
  OA2_PKCE_METHOD_S256,
  OA2_PKCE_METHOD_PLAIN,
  OA2_PKCE_METHOD_NONE,
} OA2PkceMethod;

#define OA2_TYPE_AUTHORIZATION_REQUEST (oa2_authorization_request_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2AuthorizationRequest, oa2_authorization_request, OA2, AUTHORIZATION_REQUEST, GObject)

/**
 * OA2AuthorizationRequestClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.AuthorizationRequest]. The type is final: it has nothing to
 * override.
 */

OA2_AVAILABLE_IN_ALL
OA2AuthorizationRequest *oa2_authorization_request_new           (const char  *authorization_endpoint,
                                                                  const char  *client_id,
                                                                  const char  *redirect_uri,
                                                                  const char  *scope,
                                                                  GError     **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2AuthorizationRequest *oa2_authorization_request_new_from_json (const char  *json,
                                                                  GError     **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
char       *oa2_authorization_request_to_json             (OA2AuthorizationRequest *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
char       *oa2_authorization_request_dup_uri             (OA2AuthorizationRequest  *self,
                                                           GError                  **error) G_GNUC_WARN_UNUSED_RESULT;

OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_request_get_authorization_endpoint (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_request_get_client_id       (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_request_get_redirect_uri    (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_request_get_scope           (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
void        oa2_authorization_request_set_scope           (OA2AuthorizationRequest *self,
                                                           const char              *scope);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_request_get_response_type   (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
void        oa2_authorization_request_set_response_type   (OA2AuthorizationRequest *self,
                                                           const char              *response_type);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_request_get_state           (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
gboolean    oa2_authorization_request_set_state           (OA2AuthorizationRequest  *self,
                                                           const char               *state,
                                                           GError                  **error);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_request_get_nonce           (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
void        oa2_authorization_request_set_nonce           (OA2AuthorizationRequest *self,
                                                           const char              *nonce);
OA2_AVAILABLE_IN_ALL
OA2PkceMethod oa2_authorization_request_get_pkce_method   (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
void        oa2_authorization_request_set_pkce_method     (OA2AuthorizationRequest *self,
                                                           OA2PkceMethod            method);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_request_get_code_verifier   (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
gboolean    oa2_authorization_request_set_code_verifier   (OA2AuthorizationRequest  *self,
                                                           const char               *code_verifier,
                                                           GError                  **error);
OA2_AVAILABLE_IN_ALL
char       *oa2_authorization_request_dup_code_challenge  (OA2AuthorizationRequest *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_request_get_prompt          (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
void        oa2_authorization_request_set_prompt          (OA2AuthorizationRequest *self,
                                                           const char              *prompt);
OA2_AVAILABLE_IN_ALL
gint64      oa2_authorization_request_get_max_age         (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
void        oa2_authorization_request_set_max_age         (OA2AuthorizationRequest *self,
                                                           gint64                   max_age);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_request_get_login_hint      (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
void        oa2_authorization_request_set_login_hint      (OA2AuthorizationRequest *self,
                                                           const char              *login_hint);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_request_get_id_token_hint   (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
void        oa2_authorization_request_set_id_token_hint   (OA2AuthorizationRequest *self,
                                                           const char              *id_token_hint);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_request_get_ui_locales      (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
void        oa2_authorization_request_set_ui_locales      (OA2AuthorizationRequest *self,
                                                           const char              *ui_locales);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_request_get_acr_values      (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
void        oa2_authorization_request_set_acr_values      (OA2AuthorizationRequest *self,
                                                           const char              *acr_values);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_request_get_claims          (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
gboolean    oa2_authorization_request_set_claims          (OA2AuthorizationRequest  *self,
                                                           const char               *claims,
                                                           GError                  **error);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_request_get_authorization_details (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
gboolean    oa2_authorization_request_set_authorization_details (OA2AuthorizationRequest  *self,
                                                                 const char               *authorization_details,
                                                                 GError                  **error);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_request_get_response_mode   (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
void        oa2_authorization_request_set_response_mode   (OA2AuthorizationRequest *self,
                                                           const char              *response_mode);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_request_get_dpop_jkt        (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
void        oa2_authorization_request_set_dpop_jkt        (OA2AuthorizationRequest *self,
                                                           const char              *dpop_jkt);
OA2_AVAILABLE_IN_ALL
void        oa2_authorization_request_set_dpop_key        (OA2AuthorizationRequest *self,
                                                           OA2DPoPKey              *dpop_key);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_authorization_request_get_resources (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
void        oa2_authorization_request_add_resource        (OA2AuthorizationRequest *self,
                                                           const char              *resource);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_request_get_parameter       (OA2AuthorizationRequest *self,
                                                           const char              *name);
OA2_AVAILABLE_IN_ALL
gboolean    oa2_authorization_request_set_parameter       (OA2AuthorizationRequest  *self,
                                                           const char               *name,
                                                           const char               *value,
                                                           GError                  **error);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_request_get_issuer          (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
void        oa2_authorization_request_set_issuer          (OA2AuthorizationRequest *self,
                                                           const char              *issuer);
OA2_AVAILABLE_IN_ALL
gboolean    oa2_authorization_request_get_require_issuer  (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
void        oa2_authorization_request_set_require_issuer  (OA2AuthorizationRequest *self,
                                                           gboolean                 require);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_request_get_request_uri     (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
GDateTime  *oa2_authorization_request_get_request_uri_expires_at (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
gboolean    oa2_authorization_request_set_request_object_key (OA2AuthorizationRequest  *self,
                                                              OA2Jwk                   *key,
                                                              const char               *alg,
                                                              GError                  **error);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_request_get_request_object_alg (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
gboolean    oa2_authorization_request_set_request_object_encryption (OA2AuthorizationRequest  *self,
                                                                     OA2Jwk                   *key,
                                                                     const char               *alg,
                                                                     const char               *enc,
                                                                     GError                  **error);
OA2_AVAILABLE_IN_ALL
const char *oa2_authorization_request_get_request_object_encryption_alg (OA2AuthorizationRequest *self);
OA2_AVAILABLE_IN_ALL
char       *oa2_authorization_request_dup_request_object  (OA2AuthorizationRequest  *self,
                                                           GError                  **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void        oa2_authorization_request_set_request_uri     (OA2AuthorizationRequest *self,
                                                           const char              *request_uri);

OA2_AVAILABLE_IN_ALL
OA2AuthorizationResponse *oa2_authorization_request_validate_callback        (OA2AuthorizationRequest  *self,
                                                                              const char               *uri,
                                                                              GError                  **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2AuthorizationResponse *oa2_authorization_request_validate_callback_params (OA2AuthorizationRequest  *self,
                                                                              GHashTable               *params,
                                                                              GError                  **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
