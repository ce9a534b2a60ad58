/* oa2-client-discovery.c: a client made from the server's metadata
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The metadata document tells the client every endpoint, so a wrong one
 * would send credentials to whoever wrote it. Hence the one rule of both
 * specifications (OpenID Connect Discovery §4.3, RFC 8414 §3.3): the
 * document's issuer is the issuer the client asked about, byte for byte;
 * and a document fetched from a URI rather than an issuer must live where
 * its own issuer's metadata lives.
 */

#include "config.h"

#include "oa2-client-discovery.h"
#include "oa2-error.h"
#include "oa2-error-private.h"
#include "oa2-i18n-private.h"
#include "oa2-response-private.h"
#include "oa2-transport-private.h"
#include "oa2-uri-private.h"

/* Issuers in messages come from servers: bounded and sanitized. */
#define MAX_SHOWN_ISSUER_CHARS 256

/**
 * oa2_client_new_from_server_metadata: (constructor)
 * @metadata: the server's metadata
 * @client_auth: (nullable): how the client authenticates
 * @session: (nullable): the session for the client's requests, or %NULL
 *   for a new one
 *
 * Creates a client of the server that @metadata describes: every endpoint,
 * the issuer and the mutual-TLS aliases come from it, and
 * [property@OA2.Client:server-metadata] keeps it. Use it for a document
 * stored earlier with [method@OA2.ServerMetadata.to_json]; to fetch one,
 * see [ctor@OA2.Client.new_from_issuer].
 *
 * Returns: (transfer full): a new client, or %NULL with
 *   %OA2_ERROR_MISSING_MEMBER when the metadata has no `token_endpoint`
 */
OA2Client *
oa2_client_new_from_server_metadata (OA2ServerMetadata  *metadata,
                                     OA2ClientAuth      *client_auth,
                                     SoupSession        *session,
                                     GError            **error)
{
  g_return_val_if_fail (OA2_IS_SERVER_METADATA (metadata), NULL);
  g_return_val_if_fail (client_auth == NULL || OA2_IS_CLIENT_AUTH (client_auth), NULL);
  g_return_val_if_fail (session == NULL || SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (oa2_server_metadata_get_token_endpoint (metadata) == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_MISSING_MEMBER,
                           _("The server metadata has no “token_endpoint”"));
      return NULL;
    }

  return g_object_new (OA2_TYPE_CLIENT,
                       "server-metadata", metadata,
                       "client-auth", client_auth,
                       "session", session,
                       NULL);
}

/* One discovery, sync or async. */
typedef struct {
  char          *uri;               /* where the document is */
  char          *expected_issuer;   /* NULL: fetched from a discovery URI */
  OA2ClientAuth *client_auth;
  SoupSession   *session;
} Discovery;

static void
discovery_free (gpointer data)
{
  Discovery *discovery = data;

  g_free (discovery->uri);
  g_free (discovery->expected_issuer);
  g_clear_object (&discovery->client_auth);
  g_clear_object (&discovery->session);
  g_free (discovery);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Discovery, discovery_free)

/* Checks the caller's arguments before any request: NULL with @error set
 * when the issuer or the URI could never give a trustworthy document. */
static Discovery *
discovery_new (const char        *issuer,
               OA2DiscoveryKind   kind,
               const char        *discovery_uri,
               OA2ClientAuth     *client_auth,
               SoupSession       *session,
               GError           **error)
{
  g_autoptr(Discovery) discovery = g_new0 (Discovery, 1);

  if (issuer != NULL)
    {
      discovery->uri = oa2_server_metadata_discovery_uri (issuer, kind, error);
      if (discovery->uri == NULL)
        return NULL;
      discovery->expected_issuer = g_strdup (issuer);
    }
  else
    {
      g_autoptr(GUri) parsed = oa2_uri_parse_endpoint (discovery_uri, error);

      if (parsed == NULL)
        return NULL;
      discovery->uri = g_strdup (discovery_uri);
    }

  discovery->client_auth = client_auth != NULL ? g_object_ref (client_auth) : NULL;
  /* The client gets the session that fetched its metadata, and with it
   * the connection that is already open. */
  discovery->session = session != NULL
    ? g_object_ref (session)
    : soup_session_new_with_options ("user-agent", "oauth2client-glib/" PACKAGE_VERSION, NULL);
  return g_steal_pointer (&discovery);
}

static OA2TransportConfig
discovery_config (Discovery *discovery)
{
  OA2TransportConfig config = {
    .session = discovery->session,
    .timeout_seconds = OA2_TRANSPORT_DEFAULT_TIMEOUT_SECONDS,
    .max_response_size = OA2_TRANSPORT_DEFAULT_MAX_RESPONSE_SIZE,
  };

  return config;
}

static OA2HttpRequest *
discovery_request (Discovery *discovery)
{
  /* Translators: the name of an endpoint, the subject of sentences such as
   * "The %s did not answer within %u seconds" */
  return oa2_http_request_new ("GET", discovery->uri, _("discovery endpoint"));
}

static gboolean
check_issuer (Discovery          *discovery,
              OA2ServerMetadata  *metadata,
              GError            **error)
{
  const char *issuer = oa2_server_metadata_get_issuer (metadata);
  g_autofree char *shown = oa2_error_sanitize_server_text (issuer, MAX_SHOWN_ISSUER_CHARS);

  if (discovery->expected_issuer != NULL)
    {
      g_autofree char *expected = NULL;

      if (g_strcmp0 (issuer, discovery->expected_issuer) == 0)
        return TRUE;
      expected = oa2_error_sanitize_server_text (discovery->expected_issuer, MAX_SHOWN_ISSUER_CHARS);
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
                   /* Translators: both %s are issuer URIs */
                   _("The server metadata names the issuer “%s” instead of “%s”"), shown, expected);
      return FALSE;
    }

  if (oa2_server_metadata_is_discovery_uri_of (discovery->uri, issuer))
    return TRUE;
  g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
               /* Translators: %s is an issuer URI */
               _("The server metadata names the issuer “%s”, whose metadata is not published where it was "
                 "fetched from"), shown);
  return FALSE;
}

static OA2Client *
client_from_response (Discovery              *discovery,
                      const OA2HttpResponse  *response,
                      GError                **error)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(OA2ServerMetadata) metadata = NULL;
  gboolean is_error;

  body = oa2_response_read_json (response, _("discovery endpoint"), &is_error, error);
  if (body == NULL)
    return NULL;
  if (is_error)
    {
      g_propagate_error (error, oa2_response_oauth_error_from_json (body, response->status));
      return NULL;
    }

  metadata = oa2_server_metadata_new_from_json_object (body, error);
  if (metadata == NULL || !check_issuer (discovery, metadata, error))
    return NULL;
  return oa2_client_new_from_server_metadata (metadata, discovery->client_auth, discovery->session, error);
}

static OA2Client *
discover (Discovery     *discovery,
          GCancellable  *cancellable,
          GError       **error)
{
  OA2TransportConfig config = discovery_config (discovery);
  g_autoptr(OA2HttpResponse) response = NULL;

  response = oa2_transport_send (&config, discovery_request (discovery), NULL, cancellable, error);
  if (response == NULL)
    return NULL;
  return client_from_response (discovery, response, error);
}

static void
on_discovery_response (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(OA2HttpResponse) response = NULL;
  OA2Client *client;
  GError *error = NULL;

  response = oa2_transport_send_finish (result, &error);
  if (response != NULL)
    client = client_from_response (g_task_get_task_data (task), response, &error);
  else
    client = NULL;

  if (client == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, client, g_object_unref);
}

static void
discover_async (Discovery           *discovery,
                GError              *error,
                gpointer             source_tag,
                const char          *task_name,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  OA2TransportConfig config;

  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, task_name);
  if (discovery == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_set_task_data (task, discovery, discovery_free);
  config = discovery_config (discovery);
  oa2_transport_send_async (&config, discovery_request (discovery), NULL, cancellable,
                            on_discovery_response, g_steal_pointer (&task));
}

static OA2Client *
discover_finish (GAsyncResult  *result,
                 gpointer       source_tag,
                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * oa2_client_new_from_issuer: (constructor)
 * @issuer: the issuer identifier of the server, such as
 *   `https://accounts.example.com`
 * @kind: where the server publishes its metadata: OpenID Connect
 *   Discovery or RFC 8414
 * @client_auth: (nullable): how the client authenticates
 * @session: (nullable): the session for the discovery request and the
 *   client's requests, or %NULL for a new one
 * @cancellable: (nullable): a #GCancellable
 *
 * Fetches the metadata of the server with @issuer from the URI that
 * [func@OA2.ServerMetadata.discovery_uri] builds, checks that it names
 * @issuer exactly, and creates a client from it as
 * [ctor@OA2.Client.new_from_server_metadata] does. The request asks for
 * JSON, carries no credentials, and has the default timeout and response
 * size limit of [class@OA2.Client].
 *
 * Returns: (transfer full): a new client, or %NULL with @error set:
 *   %OA2_ERROR_INVALID_MEMBER when the document names another issuer or
 *   has a member of the wrong type, the errors of
 *   [ctor@OA2.ServerMetadata.new_from_json], or those of any request
 */
OA2Client *
oa2_client_new_from_issuer (const char        *issuer,
                            OA2DiscoveryKind   kind,
                            OA2ClientAuth     *client_auth,
                            SoupSession       *session,
                            GCancellable      *cancellable,
                            GError           **error)
{
  g_autoptr(Discovery) discovery = NULL;

  g_return_val_if_fail (issuer != NULL, NULL);
  g_return_val_if_fail (kind == OA2_DISCOVERY_KIND_OPENID || kind == OA2_DISCOVERY_KIND_RFC8414, NULL);
  g_return_val_if_fail (client_auth == NULL || OA2_IS_CLIENT_AUTH (client_auth), NULL);
  g_return_val_if_fail (session == NULL || SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  discovery = discovery_new (issuer, kind, NULL, client_auth, session, error);
  if (discovery == NULL)
    return NULL;
  return discover (discovery, cancellable, error);
}

/**
 * oa2_client_new_from_issuer_async:
 * @issuer: the issuer identifier of the server
 * @kind: where the server publishes its metadata
 * @client_auth: (nullable): how the client authenticates
 * @session: (nullable): the session for the discovery request and the
 *   client's requests, or %NULL for a new one
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the client is ready
 * @user_data: data for @callback
 *
 * Starts what [ctor@OA2.Client.new_from_issuer] does, without blocking.
 * Finish with [ctor@OA2.Client.new_from_issuer_finish].
 */
void
oa2_client_new_from_issuer_async (const char          *issuer,
                                  OA2DiscoveryKind     kind,
                                  OA2ClientAuth       *client_auth,
                                  SoupSession         *session,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GError *error = NULL;
  Discovery *discovery;

  g_return_if_fail (issuer != NULL);
  g_return_if_fail (kind == OA2_DISCOVERY_KIND_OPENID || kind == OA2_DISCOVERY_KIND_RFC8414);
  g_return_if_fail (client_auth == NULL || OA2_IS_CLIENT_AUTH (client_auth));
  g_return_if_fail (session == NULL || SOUP_IS_SESSION (session));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  discovery = discovery_new (issuer, kind, NULL, client_auth, session, &error);
  discover_async (discovery, error, oa2_client_new_from_issuer_async, "oa2_client_new_from_issuer_async",
                  cancellable, callback, user_data);
}

/**
 * oa2_client_new_from_issuer_finish: (constructor)
 * @result: the result given to the callback
 *
 * Finishes [func@OA2.Client.new_from_issuer_async].
 *
 * Returns: (transfer full): a new client, or %NULL with @error set
 */
OA2Client *
oa2_client_new_from_issuer_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return discover_finish (result, oa2_client_new_from_issuer_async, error);
}

/**
 * oa2_client_new_from_discovery: (constructor)
 * @discovery_uri: the URI of the server's metadata document
 * @client_auth: (nullable): how the client authenticates
 * @session: (nullable): the session for the discovery request and the
 *   client's requests, or %NULL for a new one
 * @cancellable: (nullable): a #GCancellable
 *
 * Fetches the metadata document at @discovery_uri and creates a client
 * from it as [ctor@OA2.Client.new_from_server_metadata] does. The issuer
 * is the document's, and @discovery_uri must be where that issuer's
 * metadata is published, by either kind of
 * [func@OA2.ServerMetadata.discovery_uri]; a document found anywhere else
 * is refused. When you know the issuer, prefer
 * [ctor@OA2.Client.new_from_issuer].
 *
 * Returns: (transfer full): a new client, or %NULL with @error set:
 *   %OA2_ERROR_INVALID_MEMBER when @discovery_uri is not the metadata URI
 *   of the document's issuer, or as for [ctor@OA2.Client.new_from_issuer]
 */
OA2Client *
oa2_client_new_from_discovery (const char     *discovery_uri,
                               OA2ClientAuth  *client_auth,
                               SoupSession    *session,
                               GCancellable   *cancellable,
                               GError        **error)
{
  g_autoptr(Discovery) discovery = NULL;

  g_return_val_if_fail (discovery_uri != NULL, NULL);
  g_return_val_if_fail (client_auth == NULL || OA2_IS_CLIENT_AUTH (client_auth), NULL);
  g_return_val_if_fail (session == NULL || SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  discovery = discovery_new (NULL, OA2_DISCOVERY_KIND_OPENID, discovery_uri, client_auth, session, error);
  if (discovery == NULL)
    return NULL;
  return discover (discovery, cancellable, error);
}

/**
 * oa2_client_new_from_discovery_async:
 * @discovery_uri: the URI of the server's metadata document
 * @client_auth: (nullable): how the client authenticates
 * @session: (nullable): the session for the discovery request and the
 *   client's requests, or %NULL for a new one
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the client is ready
 * @user_data: data for @callback
 *
 * Starts what [ctor@OA2.Client.new_from_discovery] does, without
 * blocking. Finish with [ctor@OA2.Client.new_from_discovery_finish].
 */
void
oa2_client_new_from_discovery_async (const char          *discovery_uri,
                                     OA2ClientAuth       *client_auth,
                                     SoupSession         *session,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GError *error = NULL;
  Discovery *discovery;

  g_return_if_fail (discovery_uri != NULL);
  g_return_if_fail (client_auth == NULL || OA2_IS_CLIENT_AUTH (client_auth));
  g_return_if_fail (session == NULL || SOUP_IS_SESSION (session));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  discovery = discovery_new (NULL, OA2_DISCOVERY_KIND_OPENID, discovery_uri, client_auth, session, &error);
  discover_async (discovery, error, oa2_client_new_from_discovery_async, "oa2_client_new_from_discovery_async",
                  cancellable, callback, user_data);
}

/**
 * oa2_client_new_from_discovery_finish: (constructor)
 * @result: the result given to the callback
 *
 * Finishes [func@OA2.Client.new_from_discovery_async].
 *
 * Returns: (transfer full): a new client, or %NULL with @error set
 */
OA2Client *
oa2_client_new_from_discovery_finish (GAsyncResult  *result,
                                      GError       **error)
{
  return discover_finish (result, oa2_client_new_from_discovery_async, error);
}
