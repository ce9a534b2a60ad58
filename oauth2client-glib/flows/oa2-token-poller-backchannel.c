/* oa2-token-poller-backchannel.c: a token poller for CIBA's poll mode
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The poller itself knows no grant (oa2-token-poller.c); this is CIBA's
 * convenience constructor beside the device flow's.
 */

#include "config.h"

#include "oa2-backchannel-authentication-request-private.h"
#include "oa2-token-poller-backchannel.h"

/**
 * oa2_token_poller_new_for_backchannel:
 * @client: the client that sent the backchannel authentication request
 * @response: the answer of
 *   [method@OA2.Client.backchannel_authentication_request]
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key per request, with
 *   [property@OA2.Client:dpop-bound-access-tokens])
 *
 * Makes a poller for the CIBA grant in poll mode (CIBA §7.3, §10.1) with
 * the response's `auth_req_id`, interval and expiry. It waits the
 * interval before each request, adds five seconds on `slow_down`, goes on
 * while the server answers `authorization_pending`, and stops on a token,
 * `access_denied`, `expired_token` or the expiry.
 *
 * Returns: (transfer full): a new poller
 */
OA2TokenPoller *
oa2_token_poller_new_for_backchannel (OA2Client                            *client,
                                      OA2BackchannelAuthenticationResponse *response,
                                      OA2DPoPKey                           *dpop_key)
{
  g_autoptr(GHashTable) params = NULL;

  g_return_val_if_fail (OA2_IS_CLIENT (client), NULL);
  g_return_val_if_fail (OA2_IS_BACKCHANNEL_AUTHENTICATION_RESPONSE (response), NULL);

  params = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (params, "grant_type", OA2_GRANT_TYPE_CIBA);
  g_hash_table_insert (params, "auth_req_id",
                       (gpointer) oa2_backchannel_authentication_response_get_auth_req_id (response));
  return oa2_token_poller_new (client, params, NULL, dpop_key,
                               oa2_backchannel_authentication_response_get_interval (response),
                               oa2_backchannel_authentication_response_get_expires_at (response));
}
