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
 *
 * The aliases are a setting of the client
 * ([property@OA2.Client:mtls-endpoint-aliases]), filled from the server's
 * metadata when the client is discovered.
 */

#include "config.h"

#include "oa2-client-instance-private.h"
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

static GHashTable *
copy_aliases (GHashTable *aliases)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer name, uri;

  if (aliases == NULL)
    return copy;
  g_hash_table_iter_init (&iter, aliases);
  while (g_hash_table_iter_next (&iter, &name, &uri))
    if (name != NULL && uri != NULL)
      g_hash_table_insert (copy, g_strdup (name), g_strdup (uri));
  return copy;
}

GHashTable *
oa2_client_ref_mtls_endpoint_aliases (OA2Client *self)
{
  OA2ClientPrivate *priv = oa2_client_get_private (self);
  GHashTable *aliases;

  g_mutex_lock (&priv->lock);
  aliases = priv->mtls_endpoint_aliases != NULL ? g_hash_table_ref (priv->mtls_endpoint_aliases) : NULL;
  g_mutex_unlock (&priv->lock);
  return aliases;
}

/**
 * oa2_client_dup_mtls_endpoint_aliases: (get-property mtls-endpoint-aliases)
 * @self: a client
 *
 * Gets a copy of [property@OA2.Client:mtls-endpoint-aliases].
 *
 * Returns: (transfer full) (element-type utf8 utf8): the endpoint names
 *   and their mutual-TLS URIs, possibly none
 */
GHashTable *
oa2_client_dup_mtls_endpoint_aliases (OA2Client *self)
{
  g_autoptr(GHashTable) aliases = NULL;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);

  aliases = oa2_client_ref_mtls_endpoint_aliases (self);
  return copy_aliases (aliases);
}

/**
 * oa2_client_set_mtls_endpoint_aliases: (set-property mtls-endpoint-aliases)
 * @self: a client
 * @aliases: (nullable) (element-type utf8 utf8): endpoint names, as in
 *   server metadata (`token_endpoint`, `revocation_endpoint`…), mapped to
 *   their mutual-TLS URIs, or %NULL for none
 *
 * Sets [property@OA2.Client:mtls-endpoint-aliases], as the server's
 * metadata lists them. The table is copied. Requests already under way
 * are not affected.
 */
void
oa2_client_set_mtls_endpoint_aliases (OA2Client  *self,
                                      GHashTable *aliases)
{
  OA2ClientPrivate *priv;
  GHashTable *old;

  g_return_if_fail (OA2_IS_CLIENT (self));
  priv = oa2_client_get_private (self);

  g_mutex_lock (&priv->lock);
  old = priv->mtls_endpoint_aliases;
  priv->mtls_endpoint_aliases = aliases != NULL && g_hash_table_size (aliases) > 0 ? copy_aliases (aliases) : NULL;
  g_mutex_unlock (&priv->lock);

  if (old == NULL && priv->mtls_endpoint_aliases == NULL)
    return;
  g_clear_pointer (&old, g_hash_table_unref);
  oa2_client_notify_property (self, PROP_MTLS_ENDPOINT_ALIASES);
}
