/* oa2-client-private.h: the token request path of OA2Client, for the
 * library's own flows
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-client.h"
#include "oa2-client-id-token-private.h"
#include "oa2-form-private.h"
#include "oa2-id-token-expectations-private.h"

G_BEGIN_DECLS

/* Sends the token request @form (owned by the call, freed in every case)
 * with the client's authentication and, when @dpop_key is given or the
 * client asks for bound tokens, a DPoP proof; parses the response and
 * validates the ID token it carries against the client's settings and
 * @expectations (NULL: nothing beyond the client's settings). Every public
 * grant goes through this path. */
OA2BearerToken *oa2_client_send_token_request        (OA2Client                    *self,
                                                      OA2Form                      *form,
                                                      OA2DPoPKey                   *dpop_key,
                                                      const OA2IdTokenExpectations *expectations,
                                                      GCancellable                 *cancellable,
                                                      GError                      **error);

/* The asynchronous twin. @expectations is copied. @source_tag names the
 * public function the task belongs to, and the same tag must be given to
 * oa2_client_send_token_request_finish(); a caller that fails before
 * calling this reports with g_task_report_error() and that tag. */
void            oa2_client_send_token_request_async  (OA2Client                    *self,
                                                      OA2Form                      *form,
                                                      OA2DPoPKey                   *dpop_key,
                                                      const OA2IdTokenExpectations *expectations,
                                                      gpointer                      source_tag,
                                                      GCancellable                 *cancellable,
                                                      GAsyncReadyCallback           callback,
                                                      gpointer                      user_data);
OA2BearerToken *oa2_client_send_token_request_finish (OA2Client                    *self,
                                                      GAsyncResult                 *result,
                                                      gpointer                      source_tag,
                                                      GError                      **error);

/* The path itself, for the public grants (oa2-client-grants.c):
 * @carried_refresh_token (may be NULL) is the refresh token a refresh
 * request sent, which the token keeps when the server sends no new one
 * (RFC 6749 §6). The async one takes @form NULL with @build_error, the
 * error building the request failed with, reported through @callback;
 * @task_name (a static string) names the task. Finish it with
 * oa2_client_send_token_request_finish(). */
OA2BearerToken *oa2_client_send_token_request_full       (OA2Client                     *self,
                                                          OA2Form                       *form,
                                                          const char                    *carried_refresh_token,
                                                          OA2DPoPKey                    *given_dpop_key,
                                                          const OA2IdTokenExpectations  *expectations,
                                                          GCancellable                  *cancellable,
                                                          GError                       **error);
void            oa2_client_send_token_request_full_async (OA2Client                    *self,
                                                          OA2Form                      *form,
                                                          GError                       *build_error,
                                                          const char                   *carried_refresh_token,
                                                          gpointer                      source_tag,
                                                          const char                   *task_name,
                                                          OA2DPoPKey                   *given_dpop_key,
                                                          const OA2IdTokenExpectations *expectations,
                                                          GCancellable                 *cancellable,
                                                          GAsyncReadyCallback           callback,
                                                          gpointer                      user_data);

/* A token request whose answer is not an OA2BearerToken, such as the
 * token exchange that issues an OA2IssuedToken: @form (owned by the call)
 * goes to the token endpoint with the client's authentication and no DPoP
 * proof; the result is the successful JSON body, unparsed, or NULL with the
 * server's error mapped as for every grant. The async one is finished
 * with oa2_client_send_token_request_raw_finish(), whose task carries
 * @source_tag. */
JsonObject *oa2_client_send_token_request_raw        (OA2Client            *self,
                                                      OA2Form              *form,
                                                      GCancellable         *cancellable,
                                                      GError              **error);
void        oa2_client_send_token_request_raw_async  (OA2Client            *self,
                                                      OA2Form              *form,
                                                      gpointer              source_tag,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
JsonObject *oa2_client_send_token_request_raw_finish (OA2Client            *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

/* The ID-token settings and key cache (oa2-client-id-token.c). */
OA2ClientIdToken *oa2_client_get_id_token_state (OA2Client *self);

G_END_DECLS
