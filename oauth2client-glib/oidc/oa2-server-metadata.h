/* oa2-server-metadata.h: what an authorization server says about itself
 * (RFC 8414, OpenID Connect Discovery)
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

/**
 * OA2DiscoveryKind:
 * @OA2_DISCOVERY_KIND_OPENID: OpenID Connect Discovery §4:
 *   `/.well-known/openid-configuration` appended to the issuer
 * @OA2_DISCOVERY_KIND_RFC8414: OAuth 2.0 Authorization Server Metadata
 *   (RFC 8414 §3.1): `/.well-known/oauth-authorization-server` inserted
 *   between the issuer's host and its path
 *
 * Where a server's metadata document is found, given its issuer.
 */
typedef enum /*< underscore_name=oa2_discovery_kind >*/ {
  OA2_DISCOVERY_KIND_OPENID,
  OA2_DISCOVERY_KIND_RFC8414,
} OA2DiscoveryKind;

#define OA2_TYPE_SERVER_METADATA (oa2_server_metadata_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2ServerMetadata, oa2_server_metadata, OA2, SERVER_METADATA, GObject)

/**
 * OA2ServerMetadataClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.ServerMetadata]. The type is final.
 */

OA2_AVAILABLE_IN_ALL
OA2ServerMetadata  *oa2_server_metadata_new_from_json        (const char        *json,
                                                              GError           **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2ServerMetadata  *oa2_server_metadata_new_from_json_object (JsonObject        *object,
                                                              GError           **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
char               *oa2_server_metadata_to_json              (OA2ServerMetadata *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
char               *oa2_server_metadata_discovery_uri        (const char        *issuer,
                                                              OA2DiscoveryKind   kind,
                                                              GError           **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
gboolean            oa2_server_metadata_is_discovery_uri_of  (const char        *uri,
                                                              const char        *issuer);

OA2_AVAILABLE_IN_ALL
JsonNode           *oa2_server_metadata_get_member           (OA2ServerMetadata *self,
                                                              const char        *name);
OA2_AVAILABLE_IN_ALL
char              **oa2_server_metadata_dup_member_names     (OA2ServerMetadata *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
GHashTable         *oa2_server_metadata_dup_mtls_endpoint_aliases (OA2ServerMetadata *self) G_GNUC_WARN_UNUSED_RESULT;

OA2_AVAILABLE_IN_ALL
const char         *oa2_server_metadata_get_issuer (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_server_metadata_get_authorization_endpoint (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_server_metadata_get_token_endpoint (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_server_metadata_get_userinfo_endpoint (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_server_metadata_get_jwks_uri (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_server_metadata_get_registration_endpoint (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_server_metadata_get_revocation_endpoint (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_server_metadata_get_introspection_endpoint (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_server_metadata_get_end_session_endpoint (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_server_metadata_get_check_session_iframe (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_server_metadata_get_device_authorization_endpoint (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_server_metadata_get_backchannel_authentication_endpoint (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_server_metadata_get_pushed_authorization_request_endpoint (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_server_metadata_get_service_documentation (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_server_metadata_get_op_policy_uri (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_server_metadata_get_op_tos_uri (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char         *oa2_server_metadata_get_signed_metadata (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_scopes_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_response_types_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_response_modes_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_grant_types_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_acr_values_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_subject_types_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_token_endpoint_auth_methods_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_token_endpoint_auth_signing_alg_values_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_id_token_signing_alg_values_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_id_token_encryption_alg_values_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_id_token_encryption_enc_values_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_userinfo_signing_alg_values_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_userinfo_encryption_alg_values_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_userinfo_encryption_enc_values_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_request_object_signing_alg_values_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_request_object_encryption_alg_values_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_request_object_encryption_enc_values_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_display_values_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_claim_types_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_claims_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_claims_locales_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_ui_locales_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_revocation_endpoint_auth_methods_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_revocation_endpoint_auth_signing_alg_values_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_introspection_endpoint_auth_methods_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_introspection_endpoint_auth_signing_alg_values_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_code_challenge_methods_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_dpop_signing_alg_values_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_backchannel_token_delivery_modes_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_backchannel_authentication_request_signing_alg_values_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_authorization_signing_alg_values_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_authorization_encryption_alg_values_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_authorization_encryption_enc_values_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_introspection_signing_alg_values_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_introspection_encryption_alg_values_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_introspection_encryption_enc_values_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_authorization_details_types_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
const char * const *oa2_server_metadata_get_prompt_values_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
gboolean            oa2_server_metadata_get_claims_parameter_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
gboolean            oa2_server_metadata_get_request_parameter_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
gboolean            oa2_server_metadata_get_request_uri_parameter_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
gboolean            oa2_server_metadata_get_require_request_uri_registration (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
gboolean            oa2_server_metadata_get_require_signed_request_object (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
gboolean            oa2_server_metadata_get_authorization_response_iss_parameter_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
gboolean            oa2_server_metadata_get_require_pushed_authorization_requests (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
gboolean            oa2_server_metadata_get_tls_client_certificate_bound_access_tokens (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
gboolean            oa2_server_metadata_get_frontchannel_logout_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
gboolean            oa2_server_metadata_get_frontchannel_logout_session_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
gboolean            oa2_server_metadata_get_backchannel_logout_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
gboolean            oa2_server_metadata_get_backchannel_logout_session_supported (OA2ServerMetadata *self);
OA2_AVAILABLE_IN_ALL
gboolean            oa2_server_metadata_get_backchannel_user_code_parameter_supported (OA2ServerMetadata *self);

G_END_DECLS
