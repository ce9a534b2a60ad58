/* oa2-client-id-token.h: OA2Client's ID-token settings and validation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include "oa2-client.h"
#include "oa2-id-token.h"
#include "oa2-jwks.h"

G_BEGIN_DECLS

/**
 * OA2_CLIENT_DEFAULT_ID_TOKEN_LEEWAY:
 *
 * The default of [property@OA2.Client:id-token-leeway], in seconds.
 */
#define OA2_CLIENT_DEFAULT_ID_TOKEN_LEEWAY 60

OA2_AVAILABLE_IN_ALL
char       *oa2_client_dup_id_token_signed_response_alg        (OA2Client          *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void        oa2_client_set_id_token_signed_response_alg        (OA2Client          *self,
                                                                const char         *alg);
OA2_AVAILABLE_IN_ALL
char      **oa2_client_dup_id_token_signing_alg_values_supported (OA2Client        *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void        oa2_client_set_id_token_signing_alg_values_supported (OA2Client        *self,
                                                                  const char * const *algs);
OA2_AVAILABLE_IN_ALL
char       *oa2_client_dup_id_token_encrypted_response_alg     (OA2Client          *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void        oa2_client_set_id_token_encrypted_response_alg     (OA2Client          *self,
                                                                const char         *alg);
OA2_AVAILABLE_IN_ALL
char       *oa2_client_dup_id_token_encrypted_response_enc     (OA2Client          *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void        oa2_client_set_id_token_encrypted_response_enc     (OA2Client          *self,
                                                                const char         *enc);
OA2_AVAILABLE_IN_ALL
OA2Jwks    *oa2_client_dup_id_token_decryption_keys            (OA2Client          *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void        oa2_client_set_id_token_decryption_keys            (OA2Client          *self,
                                                                OA2Jwks            *keys);
OA2_AVAILABLE_IN_ALL
OA2Jwks    *oa2_client_dup_server_jwks                         (OA2Client          *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void        oa2_client_set_server_jwks                         (OA2Client          *self,
                                                                OA2Jwks            *jwks);
OA2_AVAILABLE_IN_ALL
guint       oa2_client_get_id_token_leeway                     (OA2Client          *self);
OA2_AVAILABLE_IN_ALL
void        oa2_client_set_id_token_leeway                     (OA2Client          *self,
                                                                guint               seconds);

OA2_AVAILABLE_IN_ALL
OA2IdToken *oa2_client_validate_id_token        (OA2Client            *self,
                                                 const char           *id_token,
                                                 const char           *nonce,
                                                 gint64                max_age,
                                                 GCancellable         *cancellable,
                                                 GError              **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void        oa2_client_validate_id_token_async  (OA2Client            *self,
                                                 const char           *id_token,
                                                 const char           *nonce,
                                                 gint64                max_age,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
OA2_AVAILABLE_IN_ALL
OA2IdToken *oa2_client_validate_id_token_finish (OA2Client            *self,
                                                 GAsyncResult         *result,
                                                 GError              **error) G_GNUC_WARN_UNUSED_RESULT;

OA2_AVAILABLE_IN_ALL
OA2BearerToken *oa2_client_refresh        (OA2Client            *self,
                                           OA2BearerToken       *token,
                                           const char           *scope,
                                           const char * const   *resources,
                                           GHashTable           *extra_params,
                                           GCancellable         *cancellable,
                                           GError              **error);
OA2_AVAILABLE_IN_ALL
void            oa2_client_refresh_async  (OA2Client            *self,
                                           OA2BearerToken       *token,
                                           const char           *scope,
                                           const char * const   *resources,
                                           GHashTable           *extra_params,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
OA2_AVAILABLE_IN_ALL
OA2BearerToken *oa2_client_refresh_finish (OA2Client            *self,
                                           GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
