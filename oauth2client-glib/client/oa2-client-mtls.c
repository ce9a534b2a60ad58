/* oa2-client-mtls.c: which URI a request of a mutual-TLS client goes to
 * (RFC 8705 §5)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A server may serve mutual TLS on other hosts than its ordinary
 * endpoints, so that browsers and other clients never get a certificate
 * request there, and lists those in its `mtls_endpoint_aliases` metadata.
 * A client that presents a certificate, to authenticate or to have its
 * tokens bound to it, must use an alias whenever one exists for the
 * endpoint; other requests keep to the ordinary endpoints. A DPoP key
 * changes nothing here: the certificate decides.
 */

#include "config.h"

#include "oa2-client-mtls-private.h"

const char *
oa2_client_mtls_endpoint (GHashTable *aliases,
                          const char *name,
                          const char *uri,
                          gboolean    presents_certificate)
{
  const char *alias;

  if (!presents_certificate || aliases == NULL)
    return uri;
  alias = g_hash_table_lookup (aliases, name);
  return alias != NULL && *alias != '\0' ? alias : uri;
}
