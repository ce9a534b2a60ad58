/* oa2-client-userinfo.h: the UserInfo endpoint (OpenID Connect Core §5.3)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "oa2-bearer-token.h"
#include "oa2-client.h"

G_BEGIN_DECLS

OA2_AVAILABLE_IN_ALL
char       *oa2_client_dup_userinfo_signed_response_alg    (OA2Client            *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void        oa2_client_set_userinfo_signed_response_alg    (OA2Client            *self,
                                                            const char           *alg);
OA2_AVAILABLE_IN_ALL
char       *oa2_client_dup_userinfo_encrypted_response_alg (OA2Client            *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void        oa2_client_set_userinfo_encrypted_response_alg (OA2Client            *self,
                                                            const char           *alg);
OA2_AVAILABLE_IN_ALL
char       *oa2_client_dup_userinfo_encrypted_response_enc (OA2Client            *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void        oa2_client_set_userinfo_encrypted_response_enc (OA2Client            *self,
                                                            const char           *enc);

OA2_AVAILABLE_IN_ALL
JsonObject *oa2_client_userinfo        (OA2Client            *self,
                                        OA2BearerToken       *token,
                                        GCancellable         *cancellable,
                                        GError              **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void        oa2_client_userinfo_async  (OA2Client            *self,
                                        OA2BearerToken       *token,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
OA2_AVAILABLE_IN_ALL
JsonObject *oa2_client_userinfo_finish (OA2Client            *self,
                                        GAsyncResult         *result,
                                        GError              **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
