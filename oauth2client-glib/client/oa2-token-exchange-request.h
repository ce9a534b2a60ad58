/* oa2-token-exchange-request.h: what a token exchange (RFC 8693) presents
 * and asks for
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "oa2-bearer-token.h"
#include "oa2-id-token.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

#define OA2_TYPE_TOKEN_EXCHANGE_REQUEST (oa2_token_exchange_request_get_type ())

OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2TokenExchangeRequest, oa2_token_exchange_request, OA2, TOKEN_EXCHANGE_REQUEST, GObject)

/**
 * OA2TokenExchangeRequestClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.TokenExchangeRequest]. The type is final.
 */

OA2_AVAILABLE_IN_ALL
OA2TokenExchangeRequest *oa2_token_exchange_request_new                   (const char              *subject_token,
                                                                           const char              *subject_token_type) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2TokenExchangeRequest *oa2_token_exchange_request_new_for_bearer_token  (OA2BearerToken          *token) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2TokenExchangeRequest *oa2_token_exchange_request_new_for_id_token      (OA2IdToken              *id_token) G_GNUC_WARN_UNUSED_RESULT;

OA2_AVAILABLE_IN_ALL
void        oa2_token_exchange_request_set_actor_token          (OA2TokenExchangeRequest *self,
                                                                 const char              *actor_token,
                                                                 const char              *actor_token_type);
OA2_AVAILABLE_IN_ALL
void        oa2_token_exchange_request_set_actor_bearer_token   (OA2TokenExchangeRequest *self,
                                                                 OA2BearerToken          *token);
OA2_AVAILABLE_IN_ALL
void        oa2_token_exchange_request_set_actor_id_token       (OA2TokenExchangeRequest *self,
                                                                 OA2IdToken              *id_token);
OA2_AVAILABLE_IN_ALL
void        oa2_token_exchange_request_set_requested_token_type (OA2TokenExchangeRequest *self,
                                                                 const char              *token_type);
OA2_AVAILABLE_IN_ALL
void        oa2_token_exchange_request_set_audience             (OA2TokenExchangeRequest *self,
                                                                 const char              *audience);

OA2_AVAILABLE_IN_ALL
const char *oa2_token_exchange_request_get_subject_token_type   (OA2TokenExchangeRequest *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_token_exchange_request_get_actor_token_type     (OA2TokenExchangeRequest *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_token_exchange_request_get_requested_token_type (OA2TokenExchangeRequest *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_token_exchange_request_get_audience             (OA2TokenExchangeRequest *self);

OA2_AVAILABLE_IN_ALL
const char *oa2_token_type_urn (const char *name);

G_END_DECLS
