/* oa2-token-poller.h: repeating a token request until the user has
 * answered (device flow, CIBA poll mode)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The API in short (the gi-docgen comments in oa2-token-poller.c say it in
 * full):
 *
 *   A poller holds ONE token request to repeat: an OA2Client, the request
 *   parameters including "grant_type" (for the device flow
 *   {grant_type: urn:ietf:params:oauth:grant-type:device_code,
 *   device_code: …}; for CIBA {grant_type: urn:openid:params:grant-type:ciba,
 *   auth_req_id: …}), optional resource indicators and DPoP key, the
 *   interval the server asked for (seconds) and the time the grant
 *   expires. Nothing in it is specific to one grant:
 *
 *     oa2_token_poller_new (client, params, resources, dpop_key,
 *                           interval, expires_at)
 *     oa2_token_poller_new_for_device (client, device_response, dpop_key)
 *
 *   A grant adds its own convenience constructor beside
 *   new_for_device() (CIBA: new_for_backchannel()) and nothing else.
 *
 *   Running it:
 *     poll_async()/poll_finish(), poll()   wait `interval`, send, judge, repeat
 *                                          until a token or a final error
 *     poll_once(), poll_once_async()/_finish()
 *                                          exactly one request, no waiting,
 *                                          for applications with their own
 *                                          timer; returns the token, or NULL
 *                                          with no error ("not yet: call again
 *                                          after get_next_delay() seconds"),
 *                                          or NULL with a final error
 *
 *   How each answer is judged (one function, shared by all of the above):
 *     a token                               → done
 *     authorization_pending                 → again after `interval`
 *     slow_down                             → interval += 5 s (for good), again
 *     HTTP 503/429 or temporarily_unavailable → again after
 *                                             max(interval, Retry-After)
 *     anything else (access_denied, expired_token, transport errors,
 *     cancellation)                         → final error, as sent
 *     the next poll would fall at or after expires-at
 *                                          → OA2_ERROR_AUTHORIZATION_EXPIRED
 *
 *   Waits are main-loop timeout sources in the thread-default context of
 *   poll_async() (no thread); poll() blocks the calling thread only.
 *   Tests shrink time with oa2_token_poller_set_time_unit_for_testing()
 *   (oa2-token-poller-private.h).
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "oa2-bearer-token.h"
#include "oa2-client.h"
#include "oa2-device-authorization-response.h"
#include "oa2-dpop-key.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

/**
 * OA2_TOKEN_POLLER_SLOW_DOWN_SECONDS:
 *
 * How many seconds a `slow_down` answer adds to the interval (RFC 8628
 * §3.5, CIBA §11).
 */
#define OA2_TOKEN_POLLER_SLOW_DOWN_SECONDS 5

#define OA2_TYPE_TOKEN_POLLER (oa2_token_poller_get_type ())

OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2TokenPoller, oa2_token_poller, OA2, TOKEN_POLLER, GObject)

/**
 * OA2TokenPollerClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.TokenPoller]. The type is final.
 */

OA2_AVAILABLE_IN_ALL
OA2TokenPoller *oa2_token_poller_new              (OA2Client                      *client,
                                                   GHashTable                     *params,
                                                   const char * const             *resources,
                                                   OA2DPoPKey                     *dpop_key,
                                                   guint                           interval,
                                                   GDateTime                      *expires_at) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2TokenPoller *oa2_token_poller_new_for_device   (OA2Client                      *client,
                                                   OA2DeviceAuthorizationResponse *response,
                                                   OA2DPoPKey                     *dpop_key) G_GNUC_WARN_UNUSED_RESULT;

OA2_AVAILABLE_IN_ALL
OA2Client      *oa2_token_poller_get_client       (OA2TokenPoller *self);
OA2_AVAILABLE_IN_ALL
guint           oa2_token_poller_get_interval     (OA2TokenPoller *self);
OA2_AVAILABLE_IN_ALL
GDateTime      *oa2_token_poller_get_expires_at   (OA2TokenPoller *self);
OA2_AVAILABLE_IN_ALL
guint           oa2_token_poller_get_requests     (OA2TokenPoller *self);
OA2_AVAILABLE_IN_ALL
guint           oa2_token_poller_get_next_delay   (OA2TokenPoller *self);

OA2_AVAILABLE_IN_ALL
OA2BearerToken *oa2_token_poller_poll             (OA2TokenPoller       *self,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
OA2_AVAILABLE_IN_ALL
void            oa2_token_poller_poll_async       (OA2TokenPoller       *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
OA2_AVAILABLE_IN_ALL
OA2BearerToken *oa2_token_poller_poll_finish      (OA2TokenPoller       *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

OA2_AVAILABLE_IN_ALL
OA2BearerToken *oa2_token_poller_poll_once        (OA2TokenPoller       *self,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
OA2_AVAILABLE_IN_ALL
void            oa2_token_poller_poll_once_async  (OA2TokenPoller       *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
OA2_AVAILABLE_IN_ALL
OA2BearerToken *oa2_token_poller_poll_once_finish (OA2TokenPoller       *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
