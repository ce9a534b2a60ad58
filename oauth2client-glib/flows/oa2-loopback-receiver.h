/* oa2-loopback-receiver.h: the redirect receiver of a native app on a
 * loopback address (RFC 8252 §7.3)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "oa2-authorization-request.h"
#include "oa2-authorization-response.h"
#include "oa2-client.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

/**
 * OA2_LOOPBACK_RECEIVER_DEFAULT_TIMEOUT:
 *
 * How long, in seconds, an [class@OA2.LoopbackReceiver] waits for the
 * redirect unless told otherwise: five minutes, time enough to type a
 * password and pass a second factor.
 */
#define OA2_LOOPBACK_RECEIVER_DEFAULT_TIMEOUT 300

#define OA2_TYPE_LOOPBACK_RECEIVER (oa2_loopback_receiver_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2LoopbackReceiver, oa2_loopback_receiver, OA2, LOOPBACK_RECEIVER, GObject)

/**
 * OA2LoopbackReceiverClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.LoopbackReceiver]. The type is final: it has
 * nothing to override.
 */

OA2_AVAILABLE_IN_ALL
OA2LoopbackReceiver *oa2_loopback_receiver_new              (void) G_GNUC_WARN_UNUSED_RESULT;

OA2_AVAILABLE_IN_ALL
gboolean    oa2_loopback_receiver_listen                    (OA2LoopbackReceiver  *self,
                                                             GError              **error);
OA2_AVAILABLE_IN_ALL
void        oa2_loopback_receiver_stop                      (OA2LoopbackReceiver  *self);

OA2_AVAILABLE_IN_ALL
const char *oa2_loopback_receiver_get_redirect_uri          (OA2LoopbackReceiver  *self);
OA2_AVAILABLE_IN_ALL
guint       oa2_loopback_receiver_get_port                  (OA2LoopbackReceiver  *self);

OA2_AVAILABLE_IN_ALL
const char *oa2_loopback_receiver_get_path                  (OA2LoopbackReceiver  *self);
OA2_AVAILABLE_IN_ALL
gboolean    oa2_loopback_receiver_set_path                  (OA2LoopbackReceiver  *self,
                                                             const char           *path,
                                                             GError              **error);
OA2_AVAILABLE_IN_ALL
gboolean    oa2_loopback_receiver_get_ipv6                  (OA2LoopbackReceiver  *self);
OA2_AVAILABLE_IN_ALL
void        oa2_loopback_receiver_set_ipv6                  (OA2LoopbackReceiver  *self,
                                                             gboolean              ipv6);
OA2_AVAILABLE_IN_ALL
guint       oa2_loopback_receiver_get_timeout               (OA2LoopbackReceiver  *self);
OA2_AVAILABLE_IN_ALL
void        oa2_loopback_receiver_set_timeout               (OA2LoopbackReceiver  *self,
                                                             guint                 timeout);

OA2_AVAILABLE_IN_ALL
OA2Client  *oa2_loopback_receiver_get_client                (OA2LoopbackReceiver  *self);
OA2_AVAILABLE_IN_ALL
void        oa2_loopback_receiver_set_client                (OA2LoopbackReceiver  *self,
                                                             OA2Client            *client);

OA2_AVAILABLE_IN_ALL
void        oa2_loopback_receiver_receive_async             (OA2LoopbackReceiver      *self,
                                                             OA2AuthorizationRequest  *request,
                                                             GCancellable             *cancellable,
                                                             GAsyncReadyCallback       callback,
                                                             gpointer                  user_data);
OA2_AVAILABLE_IN_ALL
OA2AuthorizationResponse *oa2_loopback_receiver_receive_finish (OA2LoopbackReceiver  *self,
                                                                GAsyncResult         *result,
                                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
