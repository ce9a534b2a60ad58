/* oa2-client-secret-basic.h: the client_secret_basic authentication method
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include "oa2-client-auth.h"

G_BEGIN_DECLS

#define OA2_TYPE_CLIENT_SECRET_BASIC (oa2_client_secret_basic_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2ClientSecretBasic, oa2_client_secret_basic, OA2, CLIENT_SECRET_BASIC, OA2ClientAuth)

/**
 * OA2ClientSecretBasicClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.ClientSecretBasic]. The type is final: it has nothing to
 * override.
 */

OA2_AVAILABLE_IN_ALL
OA2ClientSecretBasic *oa2_client_secret_basic_new (const char *client_id,
                                            const char *client_secret) G_GNUC_WARN_UNUSED_RESULT;

OA2_AVAILABLE_IN_ALL
gboolean oa2_client_secret_basic_get_encode_credentials (OA2ClientSecretBasic *self);
OA2_AVAILABLE_IN_ALL
void     oa2_client_secret_basic_set_encode_credentials (OA2ClientSecretBasic *self,
                                                         gboolean              encode);

G_END_DECLS
