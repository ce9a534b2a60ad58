/* oa2-desktop-sign-in.h: the whole sign-in of a desktop app, in the
 * system browser, back through a loopback receiver
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "oa2-bearer-token.h"
#include "oa2-client.h"
#include "oa2-dpop-key.h"
#include "oa2-loopback-receiver.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

#define OA2_TYPE_DESKTOP_SIGN_IN (oa2_desktop_sign_in_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2DesktopSignIn, oa2_desktop_sign_in, OA2, DESKTOP_SIGN_IN, GObject)

/**
 * OA2DesktopSignInClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.DesktopSignIn]. The type is final: it has
 * nothing to override.
 */

OA2_AVAILABLE_IN_ALL
OA2DesktopSignIn    *oa2_desktop_sign_in_new                (OA2Client          *client,
                                                             const char         *scope) G_GNUC_WARN_UNUSED_RESULT;

OA2_AVAILABLE_IN_ALL
OA2Client           *oa2_desktop_sign_in_get_client         (OA2DesktopSignIn   *self);
OA2_AVAILABLE_IN_ALL
const char          *oa2_desktop_sign_in_get_scope          (OA2DesktopSignIn   *self);
OA2_AVAILABLE_IN_ALL
void                 oa2_desktop_sign_in_set_scope          (OA2DesktopSignIn   *self,
                                                             const char         *scope);
OA2_AVAILABLE_IN_ALL
OA2LoopbackReceiver *oa2_desktop_sign_in_get_receiver       (OA2DesktopSignIn   *self);
OA2_AVAILABLE_IN_ALL
OA2DPoPKey          *oa2_desktop_sign_in_get_dpop_key       (OA2DesktopSignIn   *self);
OA2_AVAILABLE_IN_ALL
void                 oa2_desktop_sign_in_set_dpop_key       (OA2DesktopSignIn   *self,
                                                             OA2DPoPKey         *dpop_key);
OA2_AVAILABLE_IN_ALL
gboolean             oa2_desktop_sign_in_get_pushed         (OA2DesktopSignIn   *self);
OA2_AVAILABLE_IN_ALL
void                 oa2_desktop_sign_in_set_pushed         (OA2DesktopSignIn   *self,
                                                             gboolean            pushed);
OA2_AVAILABLE_IN_ALL
gboolean             oa2_desktop_sign_in_get_encrypt_request_object (OA2DesktopSignIn *self);
OA2_AVAILABLE_IN_ALL
void                 oa2_desktop_sign_in_set_encrypt_request_object (OA2DesktopSignIn *self,
                                                                     gboolean          encrypt);
OA2_AVAILABLE_IN_ALL
gboolean             oa2_desktop_sign_in_get_open_browser   (OA2DesktopSignIn   *self);
OA2_AVAILABLE_IN_ALL
void                 oa2_desktop_sign_in_set_open_browser   (OA2DesktopSignIn   *self,
                                                             gboolean            open_browser);
OA2_AVAILABLE_IN_ALL
GAppLaunchContext   *oa2_desktop_sign_in_get_launch_context (OA2DesktopSignIn   *self);
OA2_AVAILABLE_IN_ALL
void                 oa2_desktop_sign_in_set_launch_context (OA2DesktopSignIn   *self,
                                                             GAppLaunchContext  *launch_context);
OA2_AVAILABLE_IN_ALL
const char          *oa2_desktop_sign_in_get_authorization_uri (OA2DesktopSignIn *self);

OA2_AVAILABLE_IN_ALL
OA2BearerToken      *oa2_desktop_sign_in_run                (OA2DesktopSignIn     *self,
                                                             GCancellable         *cancellable,
                                                             GError              **error);
OA2_AVAILABLE_IN_ALL
void                 oa2_desktop_sign_in_run_async          (OA2DesktopSignIn     *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
OA2_AVAILABLE_IN_ALL
OA2BearerToken      *oa2_desktop_sign_in_run_finish         (OA2DesktopSignIn     *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

G_END_DECLS
