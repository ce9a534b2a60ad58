/* oa2-client-id-token-private.h: what oa2-client.c needs of the ID-token
 * half of OA2Client
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-client-id-token.h"
#include "oa2-id-token-expectations-private.h"

G_BEGIN_DECLS

/* The ID-token settings and key cache of one client. */
typedef struct _OA2ClientIdToken OA2ClientIdToken;

OA2ClientIdToken *oa2_client_id_token_new   (void);
void              oa2_client_id_token_free  (OA2ClientIdToken *state);

/* How many properties it installs. */
#define OA2_CLIENT_ID_TOKEN_N_PROPS 7

/* Its properties, installed by OA2Client's class_init with ids from
 * @first_prop_id on; get/set return FALSE for an id that is not theirs. */
void     oa2_client_id_token_install_properties (GObjectClass *object_class,
                                                 guint         first_prop_id);
gboolean oa2_client_id_token_get_property       (GObject      *object,
                                                 guint         prop_id,
                                                 GValue       *value);
gboolean oa2_client_id_token_set_property       (GObject      *object,
                                                 guint         prop_id,
                                                 const GValue *value);

/* Validates the ID token that @token carries, when it carries one and the
 * client is an OpenID client (it has an issuer), and attaches the result
 * to @token ([method@OA2.BearerToken.get_validated_id_token]). A token
 * without an ID token passes unless @expectations requires one. */
gboolean oa2_client_validate_token_response        (OA2Client                    *self,
                                                    OA2BearerToken               *token,
                                                    const OA2IdTokenExpectations *expectations,
                                                    GCancellable                 *cancellable,
                                                    GError                      **error);
/* @expectations must live until the callback. */
void     oa2_client_validate_token_response_async  (OA2Client                    *self,
                                                    OA2BearerToken               *token,
                                                    const OA2IdTokenExpectations *expectations,
                                                    GCancellable                 *cancellable,
                                                    GAsyncReadyCallback           callback,
                                                    gpointer                      user_data);
gboolean oa2_client_validate_token_response_finish (OA2Client                    *self,
                                                    GAsyncResult                 *result,
                                                    GError                      **error);

/* The cache of the server's keys (jwks-uri), shared by everything the
 * client verifies with them. */
struct _OA2JwksCache *oa2_client_id_token_get_jwks_cache (OA2Client *self);

G_END_DECLS
