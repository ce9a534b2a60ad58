/* oa2-client.h: an OAuth 2.x client of one authorization server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "oa2-bearer-token.h"
#include "oa2-client-auth.h"
#include "oa2-dpop-key.h"
#include "oa2-server-metadata.h"
#include "oa2-types.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

/**
 * OA2DPoPKeyGenerator:
 * @alg: the algorithm [property@OA2.Client:dpop-alg] names
 * @user_data: (closure): the data given with the function
 *
 * Makes the DPoP key for one token request; see
 * [method@OA2.Client.set_dpop_key_generator].
 *
 * Returns: (transfer full) (nullable): the key, or %NULL to fail the request
 *   with %OA2_ERROR_FAILED
 */
typedef OA2DPoPKey * (*OA2DPoPKeyGenerator) (const char *alg,
                                             gpointer    user_data);

#define OA2_TYPE_CLIENT (oa2_client_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_DERIVABLE_TYPE (OA2Client, oa2_client, OA2, CLIENT, GObject)

/**
 * OA2ClientClass:
 * @parent_class: the parent class
 * @parse_token_response: builds the token from a successful token response;
 *   the default validates it with [ctor@OA2.BearerToken.new_from_response].
 *   A `DPoP` answer to a request with a DPoP key does not come here: it is
 *   validated with [ctor@OA2.DPoPToken.new_from_response]
 * @on_token_error: turns a token error response into a #GError; the
 *   default maps the standard codes to %OA2_OAUTH_ERROR with
 *   [func@OA2.OAuthError.new]. An implementation that returns %NULL gets
 *   the default mapping.
 *
 * The class of [class@OA2.Client]. Subclass it to accommodate a server's
 * quirks: non-standard token responses or error codes.
 */

/**
 * OA2ClientClass::parse_token_response:
 * @self: a client
 * @response: the JSON object of a successful token response
 * @error: return location for a #GError
 *
 * Builds the token from a successful token response.
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */

/**
 * OA2ClientClass::on_token_error:
 * @self: a client
 * @http_status: the HTTP status of the response
 * @response: the JSON object of the error response
 *
 * Turns a token error response into the error the grant fails with, such
 * as a vendor's code mapped to a standard one with
 * [func@OA2.OAuthError.new].
 *
 * Returns: (transfer full) (nullable): the error, or %NULL for the
 *   default mapping
 */
struct _OA2ClientClass
{
  GObjectClass parent_class;

  OA2BearerToken * (*parse_token_response) (OA2Client   *self,
                                            JsonObject  *response,
                                            GError     **error);
  GError *         (*on_token_error)       (OA2Client   *self,
                                            guint        http_status,
                                            JsonObject  *response);

  /*< private >*/
  gpointer padding[12];
};

OA2_AVAILABLE_IN_ALL
OA2Client       *oa2_client_new                   (const char     *token_endpoint,
                                                   OA2ClientAuth  *client_auth) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2Client       *oa2_client_new_with_secret       (const char     *token_endpoint,
                                                   const char     *client_id,
                                                   const char     *client_secret) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2Client       *oa2_client_new_public            (const char     *token_endpoint,
                                                   const char     *client_id) G_GNUC_WARN_UNUSED_RESULT;

OA2_AVAILABLE_IN_ALL
const char      *oa2_client_get_token_endpoint                           (OA2Client *self);
OA2_AVAILABLE_IN_ALL
const char      *oa2_client_get_authorization_endpoint                   (OA2Client *self);
OA2_AVAILABLE_IN_ALL
const char      *oa2_client_get_revocation_endpoint                      (OA2Client *self);
OA2_AVAILABLE_IN_ALL
const char      *oa2_client_get_introspection_endpoint                   (OA2Client *self);
OA2_AVAILABLE_IN_ALL
const char      *oa2_client_get_userinfo_endpoint                        (OA2Client *self);
OA2_AVAILABLE_IN_ALL
const char      *oa2_client_get_pushed_authorization_request_endpoint    (OA2Client *self);
OA2_AVAILABLE_IN_ALL
const char      *oa2_client_get_device_authorization_endpoint            (OA2Client *self);
OA2_AVAILABLE_IN_ALL
const char      *oa2_client_get_backchannel_authentication_endpoint      (OA2Client *self);
OA2_AVAILABLE_IN_ALL
const char      *oa2_client_get_jwks_uri                                 (OA2Client *self);
OA2_AVAILABLE_IN_ALL
const char      *oa2_client_get_end_session_endpoint                     (OA2Client *self);
OA2_AVAILABLE_IN_ALL
const char      *oa2_client_get_issuer                                   (OA2Client *self);
OA2_AVAILABLE_IN_ALL
OA2ServerMetadata *oa2_client_get_server_metadata                        (OA2Client *self);
OA2_AVAILABLE_IN_ALL
OA2ClientAuth   *oa2_client_get_client_auth       (OA2Client      *self);
OA2_AVAILABLE_IN_ALL
const char      *oa2_client_get_client_id         (OA2Client      *self);
OA2_AVAILABLE_IN_ALL
SoupSession     *oa2_client_get_session           (OA2Client      *self);
OA2_AVAILABLE_IN_ALL
guint            oa2_client_get_timeout           (OA2Client      *self);
OA2_AVAILABLE_IN_ALL
void             oa2_client_set_timeout           (OA2Client      *self,
                                                   guint           seconds);
OA2_AVAILABLE_IN_ALL
guint            oa2_client_get_max_response_size (OA2Client      *self);
OA2_AVAILABLE_IN_ALL
void             oa2_client_set_max_response_size (OA2Client      *self,
                                                   guint           bytes);
OA2_AVAILABLE_IN_ALL
gboolean         oa2_client_get_allow_missing_token_type (OA2Client *self);
OA2_AVAILABLE_IN_ALL
void             oa2_client_set_allow_missing_token_type (OA2Client *self,
                                                          gboolean   allow);
OA2_AVAILABLE_IN_ALL
GHashTable      *oa2_client_dup_mtls_endpoint_aliases    (OA2Client  *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void             oa2_client_set_mtls_endpoint_aliases    (OA2Client  *self,
                                                          GHashTable *aliases);

OA2_AVAILABLE_IN_ALL
gboolean         oa2_client_get_authorization_response_iss_parameter_supported (OA2Client *self);
OA2_AVAILABLE_IN_ALL
void             oa2_client_set_authorization_response_iss_parameter_supported (OA2Client *self,
                                                                                gboolean   supported);

OA2_AVAILABLE_IN_ALL
gboolean         oa2_client_get_dpop_bound_access_tokens (OA2Client *self);
OA2_AVAILABLE_IN_ALL
void             oa2_client_set_dpop_bound_access_tokens (OA2Client *self,
                                                          gboolean   bound);
OA2_AVAILABLE_IN_ALL
char            *oa2_client_dup_dpop_alg          (OA2Client      *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void             oa2_client_set_dpop_alg          (OA2Client      *self,
                                                   const char     *alg);
OA2_AVAILABLE_IN_ALL
gboolean         oa2_client_get_allow_dpop_downgrade (OA2Client   *self);
OA2_AVAILABLE_IN_ALL
void             oa2_client_set_allow_dpop_downgrade (OA2Client   *self,
                                                      gboolean     allow);
OA2_AVAILABLE_IN_ALL
void             oa2_client_set_dpop_key_generator (OA2Client           *self,
                                                    OA2DPoPKeyGenerator  func,
                                                    gpointer             user_data,
                                                    GDestroyNotify       destroy);

OA2_AVAILABLE_IN_ALL
OA2BearerToken  *oa2_client_token_request (OA2Client            *self,
                                           GHashTable           *params,
                                           const char * const   *resources,
                                           OA2DPoPKey           *dpop_key,
                                           GCancellable         *cancellable,
                                           GError              **error);
OA2_AVAILABLE_IN_ALL
void            oa2_client_token_request_async (OA2Client            *self,
                                                GHashTable           *params,
                                                const char * const   *resources,
                                                OA2DPoPKey           *dpop_key,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
OA2_AVAILABLE_IN_ALL
OA2BearerToken  *oa2_client_token_request_finish (OA2Client            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
OA2_AVAILABLE_IN_ALL
OA2BearerToken  *oa2_client_client_credentials (OA2Client            *self,
                                                const char           *scope,
                                                const char * const   *resources,
                                                GHashTable           *extra_params,
                                                OA2DPoPKey           *dpop_key,
                                                GCancellable         *cancellable,
                                                GError              **error);
OA2_AVAILABLE_IN_ALL
void            oa2_client_client_credentials_async (OA2Client            *self,
                                                     const char           *scope,
                                                     const char * const   *resources,
                                                     GHashTable           *extra_params,
                                                     OA2DPoPKey           *dpop_key,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
OA2_AVAILABLE_IN_ALL
OA2BearerToken  *oa2_client_client_credentials_finish (OA2Client            *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
OA2_AVAILABLE_IN_ALL
OA2BearerToken  *oa2_client_authorization_code (OA2Client            *self,
                                                const char           *code,
                                                const char           *redirect_uri,
                                                const char           *code_verifier,
                                                const char * const   *resources,
                                                GHashTable           *extra_params,
                                                OA2DPoPKey           *dpop_key,
                                                GCancellable         *cancellable,
                                                GError              **error);
OA2_AVAILABLE_IN_ALL
void            oa2_client_authorization_code_async (OA2Client            *self,
                                                     const char           *code,
                                                     const char           *redirect_uri,
                                                     const char           *code_verifier,
                                                     const char * const   *resources,
                                                     GHashTable           *extra_params,
                                                     OA2DPoPKey           *dpop_key,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
OA2_AVAILABLE_IN_ALL
OA2BearerToken  *oa2_client_authorization_code_finish (OA2Client            *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
OA2_AVAILABLE_IN_ALL
OA2BearerToken  *oa2_client_refresh_token (OA2Client            *self,
                                           const char           *refresh_token,
                                           const char           *scope,
                                           const char * const   *resources,
                                           GHashTable           *extra_params,
                                           OA2DPoPKey           *dpop_key,
                                           GCancellable         *cancellable,
                                           GError              **error);
OA2_AVAILABLE_IN_ALL
void            oa2_client_refresh_token_async (OA2Client            *self,
                                                const char           *refresh_token,
                                                const char           *scope,
                                                const char * const   *resources,
                                                GHashTable           *extra_params,
                                                OA2DPoPKey           *dpop_key,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
OA2_AVAILABLE_IN_ALL
OA2BearerToken  *oa2_client_refresh_token_finish (OA2Client            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
OA2_AVAILABLE_IN_ALL
OA2BearerToken  *oa2_client_resource_owner_password (OA2Client            *self,
                                                     const char           *username,
                                                     const char           *password,
                                                     const char           *scope,
                                                     const char * const   *resources,
                                                     GHashTable           *extra_params,
                                                     OA2DPoPKey           *dpop_key,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
OA2_AVAILABLE_IN_ALL
void            oa2_client_resource_owner_password_async (OA2Client            *self,
                                                          const char           *username,
                                                          const char           *password,
                                                          const char           *scope,
                                                          const char * const   *resources,
                                                          GHashTable           *extra_params,
                                                          OA2DPoPKey           *dpop_key,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
OA2_AVAILABLE_IN_ALL
OA2BearerToken  *oa2_client_resource_owner_password_finish (OA2Client            *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
OA2_AVAILABLE_IN_ALL
OA2BearerToken  *oa2_client_jwt_bearer       (OA2Client            *self,
                                              const char           *assertion,
                                              const char           *scope,
                                              const char * const   *resources,
                                              GHashTable           *extra_params,
                                              OA2DPoPKey           *dpop_key,
                                              GCancellable         *cancellable,
                                              GError              **error);
OA2_AVAILABLE_IN_ALL
void            oa2_client_jwt_bearer_async  (OA2Client            *self,
                                              const char           *assertion,
                                              const char           *scope,
                                              const char * const   *resources,
                                              GHashTable           *extra_params,
                                              OA2DPoPKey           *dpop_key,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
OA2_AVAILABLE_IN_ALL
OA2BearerToken  *oa2_client_jwt_bearer_finish (OA2Client            *self,
                                              GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
