/* oa2-browser-private.h: sending the user's browser to an address
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The environment variable that names a browser command instead of the
 * desktop's default handler (docs/desktop-sign-in.md). */
#define OA2_BROWSER_ENV "OA2_BROWSER"

void     oa2_browser_open_async  (const char           *uri,
                                  GAppLaunchContext    *launch_context,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
gboolean oa2_browser_open_finish (GAsyncResult         *result,
                                  GSubprocess         **out_process,
                                  GError              **error);

G_END_DECLS
