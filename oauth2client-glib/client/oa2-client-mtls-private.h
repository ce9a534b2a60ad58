/* oa2-client-mtls-private.h: which URI a request of a mutual-TLS client
 * goes to (RFC 8705 §5)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The URI for the endpoint named @name in server metadata
 * ("token_endpoint", "revocation_endpoint"…), whose ordinary URI is
 * @uri: its alias in @aliases (may be NULL) when the request presents a
 * client certificate and the server has one, else @uri. The one rule for
 * every request the client makes. */
const char *oa2_client_mtls_endpoint (GHashTable *aliases,
                                      const char *name,
                                      const char *uri,
                                      gboolean    presents_certificate);

G_END_DECLS
