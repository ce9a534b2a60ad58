/* oa2-client-discovery.h: a client made from the server's metadata
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "oa2-client.h"
#include "oa2-client-auth.h"
#include "oa2-server-metadata.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

OA2_AVAILABLE_IN_ALL
OA2Client *oa2_client_new_from_server_metadata (OA2ServerMetadata    *metadata,
                                                OA2ClientAuth        *client_auth,
                                                SoupSession          *session,
                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2Client *oa2_client_new_from_issuer          (const char           *issuer,
                                                OA2DiscoveryKind      kind,
                                                OA2ClientAuth        *client_auth,
                                                SoupSession          *session,
                                                GCancellable         *cancellable,
                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void       oa2_client_new_from_issuer_async    (const char           *issuer,
                                                OA2DiscoveryKind      kind,
                                                OA2ClientAuth        *client_auth,
                                                SoupSession          *session,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
OA2_AVAILABLE_IN_ALL
OA2Client *oa2_client_new_from_issuer_finish   (GAsyncResult         *result,
                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2Client *oa2_client_new_from_discovery       (const char           *discovery_uri,
                                                OA2ClientAuth        *client_auth,
                                                SoupSession          *session,
                                                GCancellable         *cancellable,
                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void       oa2_client_new_from_discovery_async (const char           *discovery_uri,
                                                OA2ClientAuth        *client_auth,
                                                SoupSession          *session,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
OA2_AVAILABLE_IN_ALL
OA2Client *oa2_client_new_from_discovery_finish (GAsyncResult        *result,
                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
