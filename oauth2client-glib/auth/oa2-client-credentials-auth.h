/* oa2-client-credentials-auth.h: tokens of the client itself (RFC 6749 §4.4)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include "oa2-auth.h"
#include "oa2-client.h"
#include "oa2-dpop-key.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

#define OA2_TYPE_CLIENT_CREDENTIALS_AUTH (oa2_client_credentials_auth_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2ClientCredentialsAuth, oa2_client_credentials_auth, OA2, CLIENT_CREDENTIALS_AUTH, OA2Auth)

/**
 * OA2ClientCredentialsAuthClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.ClientCredentialsAuth]. The type is final.
 */

OA2_AVAILABLE_IN_ALL
OA2ClientCredentialsAuth *oa2_client_credentials_auth_new          (OA2Client                *client,
                                                                    const char               *scope) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2ClientCredentialsAuth *oa2_client_credentials_auth_new_full     (OA2Client                *client,
                                                                    const char               *scope,
                                                                    const char * const       *resources,
                                                                    GHashTable               *extra_params,
                                                                    OA2DPoPKey               *dpop_key) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2Client                *oa2_client_credentials_auth_get_client   (OA2ClientCredentialsAuth *self);
OA2_AVAILABLE_IN_ALL
const char               *oa2_client_credentials_auth_get_scope    (OA2ClientCredentialsAuth *self);
OA2_AVAILABLE_IN_ALL
const char * const       *oa2_client_credentials_auth_get_resources (OA2ClientCredentialsAuth *self);
OA2_AVAILABLE_IN_ALL
OA2DPoPKey               *oa2_client_credentials_auth_get_dpop_key (OA2ClientCredentialsAuth *self);

G_END_DECLS
