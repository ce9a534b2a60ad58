/* oa2-client-jarm.h: the JARM settings of an OA2Client: how its signed
 * (and encrypted) authorization responses are protected
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "oa2-client.h"

G_BEGIN_DECLS

OA2_AVAILABLE_IN_ALL
char       *oa2_client_dup_authorization_signed_response_alg    (OA2Client  *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void        oa2_client_set_authorization_signed_response_alg    (OA2Client  *self,
                                                                 const char *alg);
OA2_AVAILABLE_IN_ALL
char       *oa2_client_dup_authorization_encrypted_response_alg (OA2Client  *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void        oa2_client_set_authorization_encrypted_response_alg (OA2Client  *self,
                                                                 const char *alg);
OA2_AVAILABLE_IN_ALL
char       *oa2_client_dup_authorization_encrypted_response_enc (OA2Client  *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void        oa2_client_set_authorization_encrypted_response_enc (OA2Client  *self,
                                                                 const char *enc);

G_END_DECLS
