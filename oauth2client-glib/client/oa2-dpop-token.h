/* oa2-dpop-token.h: an access token bound to a DPoP key (RFC 9449)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "oa2-bearer-token.h"
#include "oa2-dpop-key.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

#define OA2_TYPE_DPOP_TOKEN (oa2_dpop_token_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2DPoPToken, oa2_dpop_token, OA2, DPOP_TOKEN, OA2BearerToken)

/**
 * OA2DPoPTokenClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.DPoPToken]. The type is final.
 */

OA2_AVAILABLE_IN_ALL
OA2DPoPToken *oa2_dpop_token_new                 (const char     *access_token,
                                                  GDateTime      *expires_at,
                                                  OA2DPoPKey     *dpop_key,
                                                  GError        **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2DPoPToken *oa2_dpop_token_new_from_response   (JsonObject     *response,
                                                  OA2DPoPKey     *dpop_key,
                                                  GError        **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2DPoPToken *oa2_dpop_token_new_from_json       (const char     *json,
                                                  GError        **error) G_GNUC_WARN_UNUSED_RESULT;

OA2_AVAILABLE_IN_ALL
OA2DPoPKey   *oa2_dpop_token_get_dpop_key        (OA2DPoPToken   *self);
OA2_AVAILABLE_IN_ALL
char         *oa2_dpop_token_make_proof          (OA2DPoPToken   *self,
                                                  const char     *method,
                                                  const char     *uri,
                                                  GError        **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
gboolean      oa2_dpop_token_retry_with_nonce    (OA2DPoPToken   *self,
                                                  SoupMessage    *msg,
                                                  GError        **error);

G_END_DECLS
