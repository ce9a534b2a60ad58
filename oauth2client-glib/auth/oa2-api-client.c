/* oa2-api-client.c: calls to one API with a token that renews itself:
 * the object, its construction and its settings
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A call goes through oa2-api-client-call.c; the public request methods
 * are in oa2-api-client-methods.c.
 */

/**
 * OA2ApiClient:
 *
 * A client of one API: a base URL, an auth handler ([class@OA2.Auth]) and
 * a [class@Soup.Session]. Each request names a path under the base URL;
 * the client gets a fresh token from the handler, stamps it on every
 * attempt (`Authorization`, and a new DPoP proof for a [class@OA2.DPoPToken]),
 * sends the request through the library's transport (timeout, response size
 * limit, redacted traces), and returns an [class@OA2.ApiResponse].
 *
 * ```c
 * g_autoptr(OA2ApiClient) api = oa2_api_client_new ("https://api.example.com/v1/", OA2_AUTH (auth), &error);
 * g_autoptr(OA2ApiResponse) response = oa2_api_client_get (api, "things", NULL, NULL, &error);
 * ```
 *
 * ```python
 * api = OA2.ApiClient.new('https://api.example.com/v1/', auth)
 * things = api.get('things', {'limit': '10'}, None).dup_json()
 * ```
 *
 * Requests that need a token at the same moment share one renewal (see
 * [class@OA2.Auth]). A 401 whose challenge says `invalid_token` renews the
 * token once and sends the request again; a DPoP `use_dpop_nonce` sends it
 * again with the server's nonce.
 *
 * ## Streamed bodies
 *
 * [method@OA2.ApiClient.request_stream] sends a body read from a
 * #GInputStream, of known length or chunked, without holding it in
 * memory; %OA2_API_REQUEST_STREAM_RESPONSE hands a success's body over
 * as a stream ([method@OA2.ApiResponse.get_stream]). A body stream is
 * sent once and never again, so a request with one is not retried: the
 * token is renewed before sending when it is near expiry, as for every
 * request, but a 401 `invalid_token` renews the token and is then
 * reported (the next request carries the new token), and a DPoP
 * `use_dpop_nonce` records the nonce and is reported. The caller opens
 * its stream again and repeats the request.
 *
 * ## Paths
 *
 * A path is relative to the base URL (a leading `/` too: "/things" is
 * the base URL followed by "things"); characters a path may not hold are
 * percent-encoded, and what is encoded already stays so.
 * [func@OA2.ApiClient.build_path] makes a path of segments, each encoded
 * whole (`/` included). A path that would leave the base URL fails with
 * %OA2_ERROR_OUTSIDE_BASE_URL: an absolute URL, `//host`, a `.` or `..`
 * segment (also as `%2e`), a backslash (also `%5c`), a query or fragment
 * (give query parameters instead), an encoded NUL.
 *
 * ## Status and redirects
 *
 * With [property@OA2.ApiClient:raise-for-status] (the default), a status
 * of 400 or more fails: with %OA2_OAUTH_ERROR when a 401 or 403 carries a
 * `WWW-Authenticate` error, else with %OA2_ERROR_UNEXPECTED_STATUS, whose
 * message holds the status, its reason and the start of the body.
 * %OA2_API_REQUEST_NO_RAISE_FOR_STATUS returns such a response instead.
 *
 * Redirects (301, 302, 303, 307 and 308 with a `Location`) are followed,
 * as browsers and Python requests follow them, up to 10 in a row; the
 * next one fails with %OA2_ERROR_TOO_MANY_REDIRECTS. The `Location` is
 * resolved against the URL that answered. A 303 is fetched with GET
 * (HEAD stays HEAD), and a 301 or 302 turns a POST into a GET; the body is
 * then dropped. A 307 or 308 sends the same method and body again, except
 * a body read from a stream ([method@OA2.ApiClient.request_stream]),
 * which cannot be sent twice: such a redirect is returned as the
 * response. The response's [method@OA2.ApiResponse.get_uri] is the URL
 * that answered last.
 *
 * Credentials go only where the application sent them. A redirect on the
 * origin (scheme, host and port) of the URL the request was made for
 * carries the token, with a new DPoP proof for its URL and method, and
 * the default headers. A redirect to another origin is followed without
 * them: no `Authorization`, no DPoP proof, none of the headers set with
 * [method@OA2.ApiClient.set_default_header], which may hold an API key;
 * and once a chain has left the origin, no later redirect carries them,
 * even one that comes back. A redirect from https to plain http, to plain
 * http on a host that is not loopback, or to a scheme other than http and
 * https, fails with %OA2_ERROR_INSECURE_TRANSPORT. A 3xx without a
 * `Location` (or with one that is no URL) is returned as it is.
 *
 * [property@OA2.ApiClient:follow-redirects] set to %FALSE, or
 * %OA2_API_REQUEST_NO_FOLLOW_REDIRECTS for one request, returns every
 * redirect as the response.
 *
 * ## Certificate-bound tokens
 *
 * A client that authenticates with a certificate (RFC 8705
 * `tls_client_auth` or `self_signed_tls_client_auth`, see
 * [class@OA2.TlsClientAuth]) may get access tokens bound to it; a
 * resource server then takes such a token only over a TLS connection on
 * which the client presents the same certificate (RFC 8705 §3). Whether a
 * token is bound cannot be told from the token response, so an API client
 * presents, by default, the certificate that its auth handler's
 * [class@OA2.Client] authenticates with
 * ([method@OA2.ClientAuth.get_tls_certificate]):
 * [property@OA2.ApiClient:tls-client-certificate] takes it when the API
 * client is made. Set that property to present another certificate, or to
 * %NULL to present none.
 *
 * A request with a certificate goes on a new connection, closed after the
 * response (`Connection: close`), so that no request without the
 * certificate shares it: each costs a TLS handshake. It needs https: with
 * a plain http base URL, every request fails with
 * %OA2_ERROR_INSECURE_TRANSPORT and is not sent. A redirect presents it
 * where it carries the token, on the request's origin, and not elsewhere.
 */


#include "config.h"

#include "oa2-api-client.h"
#include "oa2-api-client-private.h"
#include "oa2-api-path-private.h"
#include "oa2-access-token-auth.h"
#include "oa2-authorization-code-auth.h"
#include "oa2-client-credentials-auth.h"
#include "oa2-device-code-auth.h"
#include "oa2-token-exchange-auth.h"
#include "oa2-error-private.h"
#include "oa2-i18n-private.h"
#include "oa2-transport-private.h"

#define DEFAULT_MAX_RESPONSE_SIZE (16 * 1024 * 1024)

G_DEFINE_FINAL_TYPE (OA2ApiClient, oa2_api_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_AUTH,
  PROP_SESSION,
  PROP_TIMEOUT,
  PROP_RAISE_FOR_STATUS,
  PROP_MAX_RESPONSE_SIZE,
  PROP_FOLLOW_REDIRECTS,
  PROP_TLS_CLIENT_CERTIFICATE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------------- */
/* GObject */

/* The OA2Client behind the library's own auth handlers; an application's
 * OA2Auth subclass has none that the API client could know of. */
static OA2Client *
auth_get_client (OA2Auth *auth)
{
  if (OA2_IS_CLIENT_CREDENTIALS_AUTH (auth))
    return oa2_client_credentials_auth_get_client (OA2_CLIENT_CREDENTIALS_AUTH (auth));
  if (OA2_IS_AUTHORIZATION_CODE_AUTH (auth))
    return oa2_authorization_code_auth_get_client (OA2_AUTHORIZATION_CODE_AUTH (auth));
  if (OA2_IS_DEVICE_CODE_AUTH (auth))
    return oa2_device_code_auth_get_client (OA2_DEVICE_CODE_AUTH (auth));
  if (OA2_IS_TOKEN_EXCHANGE_AUTH (auth))
    return oa2_token_exchange_auth_get_client (OA2_TOKEN_EXCHANGE_AUTH (auth));
  if (OA2_IS_ACCESS_TOKEN_AUTH (auth))
    return oa2_access_token_auth_get_client (OA2_ACCESS_TOKEN_AUTH (auth));
  return NULL;
}

/* RFC 8705 §3: the tokens of a client that authenticates with a
 * certificate may be bound to it, and the token response does not say
 * whether they are: presenting it is what makes such a token usable. */
static GTlsCertificate *
auth_get_tls_certificate (OA2Auth *auth)
{
  OA2Client *client = auth != NULL ? auth_get_client (auth) : NULL;
  OA2ClientAuth *client_auth = client != NULL ? oa2_client_get_client_auth (client) : NULL;

  return client_auth != NULL ? oa2_client_auth_get_tls_certificate (client_auth) : NULL;
}

static void
oa2_api_client_constructed (GObject *object)
{
  OA2ApiClient *self = OA2_API_CLIENT (object);

  G_OBJECT_CLASS (oa2_api_client_parent_class)->constructed (object);

  if (self->session == NULL)
    self->session = soup_session_new ();
  /* The default; a value given to g_object_new() is set after this. */
  g_set_object (&self->tls_certificate, auth_get_tls_certificate (self->auth));
  if (self->given_base_url == NULL)
    self->init_error = g_error_new_literal (OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                                           _("The API client has no base URL"));
  else
    self->base_url = oa2_api_base_url_normalize (self->given_base_url, &self->init_error);
}

static void
oa2_api_client_finalize (GObject *object)
{
  OA2ApiClient *self = OA2_API_CLIENT (object);

  g_free (self->base_url);
  g_free (self->given_base_url);
  g_clear_error (&self->init_error);
  g_clear_object (&self->auth);
  g_clear_object (&self->session);
  g_clear_object (&self->tls_certificate);
  soup_message_headers_unref (self->default_headers);
  g_free (self->last_path);
  g_free (self->last_uri);
  g_clear_pointer (&self->last_endpoint, g_uri_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (oa2_api_client_parent_class)->finalize (object);
}

static void
oa2_api_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  OA2ApiClient *self = OA2_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, oa2_api_client_get_base_url (self));
      break;
    case PROP_AUTH:
      g_value_set_object (value, self->auth);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, oa2_api_client_get_timeout (self));
      break;
    case PROP_RAISE_FOR_STATUS:
      g_value_set_boolean (value, oa2_api_client_get_raise_for_status (self));
      break;
    case PROP_MAX_RESPONSE_SIZE:
      g_value_set_uint (value, oa2_api_client_get_max_response_size (self));
      break;
    case PROP_TLS_CLIENT_CERTIFICATE:
      g_value_take_object (value, oa2_api_client_dup_tls_client_certificate (self));
      break;
    case PROP_FOLLOW_REDIRECTS:
      g_value_set_boolean (value, oa2_api_client_get_follow_redirects (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_api_client_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  OA2ApiClient *self = OA2_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      self->given_base_url = g_value_dup_string (value);
      break;
    case PROP_AUTH:
      self->auth = g_value_dup_object (value);
      break;
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_TIMEOUT:
      oa2_api_client_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_RAISE_FOR_STATUS:
      oa2_api_client_set_raise_for_status (self, g_value_get_boolean (value));
      break;
    case PROP_MAX_RESPONSE_SIZE:
      oa2_api_client_set_max_response_size (self, g_value_get_uint (value));
      break;
    case PROP_TLS_CLIENT_CERTIFICATE:
      oa2_api_client_set_tls_client_certificate (self, g_value_get_object (value));
      break;
    case PROP_FOLLOW_REDIRECTS:
      oa2_api_client_set_follow_redirects (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_api_client_class_init (OA2ApiClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = oa2_api_client_constructed;
  object_class->finalize = oa2_api_client_finalize;
  object_class->get_property = oa2_api_client_get_property;
  object_class->set_property = oa2_api_client_set_property;

  /**
   * OA2ApiClient:base-url: (getter get_base_url)
   *
   * The URL every path is relative to, ending in `/` (added if it was
   * missing). https, or http to a loopback host; no query or fragment.
   */
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2ApiClient:auth: (getter get_auth)
   *
   * The auth handler whose token every request carries, or %NULL for
   * requests without one.
   */
  properties[PROP_AUTH] =
    g_param_spec_object ("auth", NULL, NULL, OA2_TYPE_AUTH,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2ApiClient:session: (getter get_session)
   *
   * The session requests go through: the one given, or a new one.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SOUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2ApiClient:timeout: (getter get_timeout) (setter set_timeout)
   *
   * Seconds a request may take, 30 by default; 0 for no limit. For a
   * request with %OA2_API_REQUEST_STREAM_RESPONSE, the time until the
   * response headers arrive: the caller reads the body at its own pace.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, G_MAXUINT, OA2_TRANSPORT_DEFAULT_TIMEOUT_SECONDS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2ApiClient:raise-for-status: (getter get_raise_for_status) (setter set_raise_for_status)
   *
   * Whether a status of 400 or more fails the request (the default), or
   * is returned as a response.
   */
  properties[PROP_RAISE_FOR_STATUS] =
    g_param_spec_boolean ("raise-for-status", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2ApiClient:max-response-size: (getter get_max_response_size) (setter set_max_response_size)
   *
   * The largest response body accepted, in bytes, 16 MiB by default; a
   * larger one fails with %OA2_ERROR_RESPONSE_TOO_LARGE. A body the
   * caller streams (%OA2_API_REQUEST_STREAM_RESPONSE) has no limit.
   */
  properties[PROP_MAX_RESPONSE_SIZE] =
    g_param_spec_uint ("max-response-size", NULL, NULL, 1, G_MAXUINT, DEFAULT_MAX_RESPONSE_SIZE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2ApiClient:follow-redirects: (getter get_follow_redirects) (setter set_follow_redirects)
   *
   * Whether redirects are followed (the default), with credentials only
   * on the origin the request was made for, or returned as responses.
   * "Status and redirects" in [class@OA2.ApiClient] has the rules.
   */
  properties[PROP_FOLLOW_REDIRECTS] =
    g_param_spec_boolean ("follow-redirects", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2ApiClient:tls-client-certificate: (getter dup_tls_client_certificate) (setter set_tls_client_certificate)
   *
   * The certificate (with its private key) that every request presents
   * in the TLS handshake, for tokens bound to it (RFC 8705 §3), or %NULL
   * to present none.
   *
   * When the client is made, it is the certificate that the auth
   * handler's [class@OA2.Client] authenticates with (an
   * [class@OA2.TlsClientAuth]), for the library's auth handlers that hold
   * a client ([class@OA2.ClientCredentialsAuth],
   * [class@OA2.AuthorizationCodeAuth], [class@OA2.DeviceCodeAuth],
   * [class@OA2.TokenExchangeAuth], [class@OA2.AccessTokenAuth]), and
   * %NULL otherwise. "Certificate-bound tokens" in [class@OA2.ApiClient]
   * tells more.
   */
  properties[PROP_TLS_CLIENT_CERTIFICATE] =
    g_param_spec_object ("tls-client-certificate", NULL, NULL, G_TYPE_TLS_CERTIFICATE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
oa2_api_client_init (OA2ApiClient *self)
{
  g_mutex_init (&self->lock);
  self->default_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  self->timeout = OA2_TRANSPORT_DEFAULT_TIMEOUT_SECONDS;
  self->max_response_size = DEFAULT_MAX_RESPONSE_SIZE;
  self->raise_for_status = TRUE;
  self->follow_redirects = TRUE;
  /* Translators: the subject of sentences such as "The %s did not
   * answer within %u seconds" */
  self->endpoint_name = _("API");
}

/* ---------------------------------------------------------------------- */
/* Construction and settings */

/**
 * oa2_api_client_new:
 * @base_url: the URL every path is relative to
 * @auth: (nullable): the auth handler whose token requests carry, or %NULL
 * @error: return location for a #GError
 *
 * Makes a client of the API at @base_url, with a new [class@Soup.Session].
 *
 * Returns: (transfer full): the client, or %NULL with @error set
 *   (%OA2_ERROR_INVALID_ARGUMENT for a base URL that is not an absolute
 *   http or https URL, or has user information, a query or a fragment)
 */
OA2ApiClient *
oa2_api_client_new (const char  *base_url,
                    OA2Auth     *auth,
                    GError     **error)
{
  return oa2_api_client_new_with_session (base_url, auth, NULL, error);
}

/**
 * oa2_api_client_new_with_session:
 * @base_url: the URL every path is relative to
 * @auth: (nullable): the auth handler whose token requests carry, or %NULL
 * @session: (nullable): the session to send with, or %NULL for a new one
 * @error: return location for a #GError
 *
 * Makes a client of the API at @base_url that sends through @session.
 *
 * Returns: (transfer full): the client, or %NULL with @error set, as
 *   [ctor@OA2.ApiClient.new] sets it
 */
OA2ApiClient *
oa2_api_client_new_with_session (const char   *base_url,
                                 OA2Auth      *auth,
                                 SoupSession  *session,
                                 GError      **error)
{
  OA2ApiClient *self;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (auth == NULL || OA2_IS_AUTH (auth), NULL);
  g_return_val_if_fail (session == NULL || SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (OA2_TYPE_API_CLIENT, "base-url", base_url, "auth", auth, "session", session, NULL);
  if (self->init_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->init_error));
      g_object_unref (self);
      return NULL;
    }
  return self;
}

/**
 * oa2_api_client_new_child:
 * @self: a client
 * @path: a path under the base URL, as requests take it
 * @error: return location for a #GError
 *
 * Makes a client whose base URL is @path under this one's, with the same
 * auth handler, session and settings (default headers, timeout,
 * raise-for-status, follow-redirects, size limit, TLS client certificate) as they are
 * now.
 *
 * Returns: (transfer full): the child, or %NULL with @error set, such as
 *   %OA2_ERROR_OUTSIDE_BASE_URL
 */
OA2ApiClient *
oa2_api_client_new_child (OA2ApiClient  *self,
                          const char    *path,
                          GError       **error)
{
  g_autofree char *base = NULL;
  OA2ApiClient *child;
  SoupMessageHeadersIter iter;
  const char *name, *value;

  g_return_val_if_fail (OA2_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->init_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->init_error));
      return NULL;
    }
  base = oa2_api_path_resolve (self->base_url, path, NULL, error);
  if (base == NULL)
    return NULL;
  child = oa2_api_client_new_with_session (base, self->auth, self->session, error);
  if (child == NULL)
    return NULL;
  g_mutex_lock (&self->lock);
  soup_message_headers_iter_init (&iter, self->default_headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_append (child->default_headers, name, value);
  child->timeout = self->timeout;
  child->raise_for_status = self->raise_for_status;
  child->follow_redirects = self->follow_redirects;
  child->max_response_size = self->max_response_size;
  g_set_object (&child->tls_certificate, self->tls_certificate);
  g_mutex_unlock (&self->lock);
  return child;
}

/**
 * oa2_api_client_build_path:
 * @segments: (array zero-terminated=1): the path's segments, unencoded
 *
 * Makes a path of segments, each percent-encoded whole (a `/` in a
 * segment too), for the request functions. A `.` or `..` segment is kept
 * as it is, and requests refuse it.
 *
 * Returns: (transfer full): the path
 */
char *
oa2_api_client_build_path (const char * const *segments)
{
  g_return_val_if_fail (segments != NULL, NULL);

  return oa2_api_path_join_segments (segments);
}

/**
 * oa2_api_client_get_base_url: (get-property base-url)
 * @self: a client
 *
 * Gets the base URL, normalized to end in `/`.
 *
 * Returns: (nullable): the base URL, or %NULL for a client built from an
 *   invalid one
 */
const char *
oa2_api_client_get_base_url (OA2ApiClient *self)
{
  g_return_val_if_fail (OA2_IS_API_CLIENT (self), NULL);

  return self->base_url;
}

/**
 * oa2_api_client_get_auth: (get-property auth)
 * @self: a client
 *
 * Gets the auth handler.
 *
 * Returns: (transfer none) (nullable): the handler, or %NULL
 */
OA2Auth *
oa2_api_client_get_auth (OA2ApiClient *self)
{
  g_return_val_if_fail (OA2_IS_API_CLIENT (self), NULL);

  return self->auth;
}

/**
 * oa2_api_client_get_session: (get-property session)
 * @self: a client
 *
 * Gets the session requests go through.
 *
 * Returns: (transfer none): the session
 */
SoupSession *
oa2_api_client_get_session (OA2ApiClient *self)
{
  g_return_val_if_fail (OA2_IS_API_CLIENT (self), NULL);

  return self->session;
}

/**
 * oa2_api_client_get_timeout: (get-property timeout)
 * @self: a client
 *
 * Gets [property@OA2.ApiClient:timeout].
 *
 * Returns: the timeout in seconds
 */
guint
oa2_api_client_get_timeout (OA2ApiClient *self)
{
  guint value;

  g_return_val_if_fail (OA2_IS_API_CLIENT (self), 0);
  g_mutex_lock (&self->lock);
  value = self->timeout;
  g_mutex_unlock (&self->lock);
  return value;
}

/**
 * oa2_api_client_set_timeout: (set-property timeout)
 * @self: a client
 * @seconds: the timeout, or 0 for none
 *
 * Sets [property@OA2.ApiClient:timeout] for the requests that start
 * afterwards.
 */
void
oa2_api_client_set_timeout (OA2ApiClient *self,
                            guint         seconds)
{
  gboolean changed;

  g_return_if_fail (OA2_IS_API_CLIENT (self));
  g_mutex_lock (&self->lock);
  changed = self->timeout != seconds;
  self->timeout = seconds;
  g_mutex_unlock (&self->lock);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * oa2_api_client_get_raise_for_status: (get-property raise-for-status)
 * @self: a client
 *
 * Gets [property@OA2.ApiClient:raise-for-status].
 *
 * Returns: whether failure statuses fail requests
 */
gboolean
oa2_api_client_get_raise_for_status (OA2ApiClient *self)
{
  gboolean value;

  g_return_val_if_fail (OA2_IS_API_CLIENT (self), FALSE);
  g_mutex_lock (&self->lock);
  value = self->raise_for_status;
  g_mutex_unlock (&self->lock);
  return value;
}

/**
 * oa2_api_client_set_raise_for_status: (set-property raise-for-status)
 * @self: a client
 * @raise: whether failure statuses fail requests
 *
 * Sets [property@OA2.ApiClient:raise-for-status].
 */
void
oa2_api_client_set_raise_for_status (OA2ApiClient *self,
                                     gboolean      raise)
{
  gboolean changed;

  g_return_if_fail (OA2_IS_API_CLIENT (self));
  g_mutex_lock (&self->lock);
  changed = self->raise_for_status != !!raise;
  self->raise_for_status = !!raise;
  g_mutex_unlock (&self->lock);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RAISE_FOR_STATUS]);
}

/**
 * oa2_api_client_get_follow_redirects: (get-property follow-redirects)
 * @self: a client
 *
 * Gets [property@OA2.ApiClient:follow-redirects].
 *
 * Returns: whether redirects are followed
 */
gboolean
oa2_api_client_get_follow_redirects (OA2ApiClient *self)
{
  gboolean value;

  g_return_val_if_fail (OA2_IS_API_CLIENT (self), FALSE);
  g_mutex_lock (&self->lock);
  value = self->follow_redirects;
  g_mutex_unlock (&self->lock);
  return value;
}

/**
 * oa2_api_client_set_follow_redirects: (set-property follow-redirects)
 * @self: a client
 * @follow: whether redirects are followed
 *
 * Sets [property@OA2.ApiClient:follow-redirects] for the requests that
 * start afterwards.
 */
void
oa2_api_client_set_follow_redirects (OA2ApiClient *self,
                                     gboolean      follow)
{
  gboolean changed;

  g_return_if_fail (OA2_IS_API_CLIENT (self));
  g_mutex_lock (&self->lock);
  changed = self->follow_redirects != !!follow;
  self->follow_redirects = !!follow;
  g_mutex_unlock (&self->lock);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_REDIRECTS]);
}

/**
 * oa2_api_client_get_max_response_size: (get-property max-response-size)
 * @self: a client
 *
 * Gets [property@OA2.ApiClient:max-response-size].
 *
 * Returns: the limit in bytes
 */
guint
oa2_api_client_get_max_response_size (OA2ApiClient *self)
{
  guint value;

  g_return_val_if_fail (OA2_IS_API_CLIENT (self), 0);
  g_mutex_lock (&self->lock);
  value = self->max_response_size;
  g_mutex_unlock (&self->lock);
  return value;
}

/**
 * oa2_api_client_set_max_response_size: (set-property max-response-size)
 * @self: a client
 * @bytes: the limit, at least 1
 *
 * Sets [property@OA2.ApiClient:max-response-size].
 */
void
oa2_api_client_set_max_response_size (OA2ApiClient *self,
                                      guint         bytes)
{
  gboolean changed;

  g_return_if_fail (OA2_IS_API_CLIENT (self));
  g_return_if_fail (bytes > 0);
  g_mutex_lock (&self->lock);
  changed = self->max_response_size != bytes;
  self->max_response_size = bytes;
  g_mutex_unlock (&self->lock);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_RESPONSE_SIZE]);
}

/**
 * oa2_api_client_dup_tls_client_certificate: (get-property tls-client-certificate)
 * @self: a client
 *
 * Gets [property@OA2.ApiClient:tls-client-certificate].
 *
 * Returns: (transfer full) (nullable): the certificate requests present,
 *   or %NULL for none
 */
GTlsCertificate *
oa2_api_client_dup_tls_client_certificate (OA2ApiClient *self)
{
  GTlsCertificate *certificate;

  g_return_val_if_fail (OA2_IS_API_CLIENT (self), NULL);
  g_mutex_lock (&self->lock);
  certificate = self->tls_certificate != NULL ? g_object_ref (self->tls_certificate) : NULL;
  g_mutex_unlock (&self->lock);
  return certificate;
}

/**
 * oa2_api_client_set_tls_client_certificate: (set-property tls-client-certificate)
 * @self: a client
 * @certificate: (nullable): a certificate with its private key, or %NULL
 *   to present none
 *
 * Sets [property@OA2.ApiClient:tls-client-certificate] for the requests
 * that start afterwards.
 */
void
oa2_api_client_set_tls_client_certificate (OA2ApiClient    *self,
                                           GTlsCertificate *certificate)
{
  gboolean changed;

  g_return_if_fail (OA2_IS_API_CLIENT (self));
  g_return_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate));
  g_mutex_lock (&self->lock);
  changed = g_set_object (&self->tls_certificate, certificate);
  g_mutex_unlock (&self->lock);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TLS_CLIENT_CERTIFICATE]);
}

/**
 * oa2_api_client_set_default_header:
 * @self: a client
 * @name: a header name
 * @value: (nullable): its value, or %NULL to remove it
 *
 * Sets a header that every request carries (`Accept`, `User-Agent`…).
 * The token's headers (`Authorization`, `DPoP`) always replace one of the
 * same name.
 */
void
oa2_api_client_set_default_header (OA2ApiClient *self,
                                   const char   *name,
                                   const char   *value)
{
  g_return_if_fail (OA2_IS_API_CLIENT (self));
  g_return_if_fail (name != NULL);

  g_mutex_lock (&self->lock);
  if (value != NULL)
    soup_message_headers_replace (self->default_headers, name, value);
  else
    soup_message_headers_remove (self->default_headers, name);
  g_mutex_unlock (&self->lock);
}
