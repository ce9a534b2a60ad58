/* oa2-client-auth.c: how a client proves its identity to the server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2ClientAuth:
 *
 * The base class of client authentication methods (RFC 6749 §2.3, OpenID
 * Connect Core §9): [class@OA2.ClientSecretBasic],
 * [class@OA2.ClientSecretPost], [class@OA2.ClientSecretJwt],
 * [class@OA2.PrivateKeyJwt], [class@OA2.TlsClientAuth] and
 * [class@OA2.PublicApp].
 *
 * A [class@OA2.Client] asks its authentication for credentials before every
 * attempt of every request, so methods whose credentials must not be
 * replayed produce fresh ones each time. To support a server's own method,
 * subclass it, in C or through introspection, and implement
 * `authenticate` and `get_method_name`.
 *
 * ```c
 * static GHashTable *
 * api_key_auth_authenticate (OA2ClientAuth       *auth,
 *                            const char          *method,
 *                            const char          *uri,
 *                            SoupMessageHeaders  *headers,
 *                            GError             **error)
 * {
 *   soup_message_headers_replace (headers, "X-Api-Key", API_KEY_AUTH (auth)->key);
 *   return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
 * }
 *
 * static const char *
 * api_key_auth_get_method_name (OA2ClientAuth *auth)
 * {
 *   return "x_api_key";
 * }
 *
 * static void
 * api_key_auth_class_init (ApiKeyAuthClass *klass)
 * {
 *   OA2_CLIENT_AUTH_CLASS (klass)->authenticate = api_key_auth_authenticate;
 *   OA2_CLIENT_AUTH_CLASS (klass)->get_method_name = api_key_auth_get_method_name;
 * }
 * ```
 *
 * ```python
 * class ApiKeyAuth(OA2.ClientAuth):
 *     def __init__(self, client_id, key):
 *         super().__init__(client_id=client_id)
 *         self._key = key
 *
 *     def do_authenticate(self, method, uri, headers):
 *         headers.replace('X-Api-Key', self._key)
 *         return {'client_id': self.props.client_id}   # form parameters to add
 *
 *     def do_get_method_name(self):
 *         return 'x_api_key'
 *
 * client = OA2.Client.new('https://as.example.com/token', ApiKeyAuth('my-client', key))
 * ```
 */

#include "config.h"

#include "oa2-client-auth.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"

typedef struct
{
  char *client_id;
} OA2ClientAuthPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (OA2ClientAuth, oa2_client_auth, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT_ID,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
oa2_client_auth_finalize (GObject *object)
{
  OA2ClientAuthPrivate *priv = oa2_client_auth_get_instance_private (OA2_CLIENT_AUTH (object));

  g_free (priv->client_id);

  G_OBJECT_CLASS (oa2_client_auth_parent_class)->finalize (object);
}

static void
oa2_client_auth_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OA2ClientAuthPrivate *priv = oa2_client_auth_get_instance_private (OA2_CLIENT_AUTH (object));

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      g_value_set_string (value, priv->client_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_client_auth_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  OA2ClientAuthPrivate *priv = oa2_client_auth_get_instance_private (OA2_CLIENT_AUTH (object));

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      priv->client_id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A subclass, possibly written in Python or JavaScript, that forgets a
 * method gets a clear error instead of a call through a NULL pointer. */
static GHashTable *
oa2_client_auth_real_authenticate (OA2ClientAuth       *self,
                                   const char          *method,
                                   const char          *uri,
                                   SoupMessageHeaders  *headers,
                                   GError             **error)
{
  g_set_error (error, OA2_ERROR, OA2_ERROR_FAILED,
               /* Translators: %s is the name of a class */
               _("The client authentication %s does not implement authenticate()"),
               G_OBJECT_TYPE_NAME (self));
  return NULL;
}

static const char *
oa2_client_auth_real_get_method_name (OA2ClientAuth *self)
{
  g_critical ("%s does not implement OA2ClientAuth.get_method_name()", G_OBJECT_TYPE_NAME (self));
  return G_OBJECT_TYPE_NAME (self);
}

/* Most methods authenticate in the request alone. */
static GTlsCertificate *
oa2_client_auth_real_get_tls_certificate (OA2ClientAuth *self)
{
  return NULL;
}

static void
oa2_client_auth_class_init (OA2ClientAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  oa2_i18n_init ();

  object_class->finalize = oa2_client_auth_finalize;
  object_class->get_property = oa2_client_auth_get_property;
  object_class->set_property = oa2_client_auth_set_property;
  klass->authenticate = oa2_client_auth_real_authenticate;
  klass->get_method_name = oa2_client_auth_real_get_method_name;
  klass->get_tls_certificate = oa2_client_auth_real_get_tls_certificate;

  /**
   * OA2ClientAuth:client-id: (getter get_client_id)
   *
   * The client identifier the authorization server issued (RFC 6749 §2.2).
   */
  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
oa2_client_auth_init (OA2ClientAuth *self)
{
}

/**
 * oa2_client_auth_get_client_id: (get-property client-id)
 * @self: a client authentication
 *
 * Gets the client identifier.
 *
 * Returns: (transfer none): the client identifier
 */
const char *
oa2_client_auth_get_client_id (OA2ClientAuth *self)
{
  OA2ClientAuthPrivate *priv;

  g_return_val_if_fail (OA2_IS_CLIENT_AUTH (self), NULL);
  priv = oa2_client_auth_get_instance_private (self);
  return priv->client_id;
}

/**
 * oa2_client_auth_get_method_name:
 * @self: a client authentication
 *
 * Gets the name under which the method is registered for
 * `token_endpoint_auth_method` (RFC 7591), such as `client_secret_basic`.
 *
 * Returns: (transfer none): the method name
 */
const char *
oa2_client_auth_get_method_name (OA2ClientAuth *self)
{
  g_return_val_if_fail (OA2_IS_CLIENT_AUTH (self), NULL);

  return OA2_CLIENT_AUTH_GET_CLASS (self)->get_method_name (self);
}

/**
 * oa2_client_auth_get_tls_certificate:
 * @self: a client authentication
 *
 * Gets the certificate, with its private key, that the client presents
 * in the TLS handshake of each request, as mutual-TLS client
 * authentication (RFC 8705) needs. A client that presents one sends its
 * requests to the server's mTLS endpoint aliases
 * ([property@OA2.Client:mtls-endpoint-aliases]) when it has them.
 *
 * Returns: (transfer none) (nullable): the client certificate, or %NULL
 *   when the method authenticates in the request alone
 */
GTlsCertificate *
oa2_client_auth_get_tls_certificate (OA2ClientAuth *self)
{
  g_return_val_if_fail (OA2_IS_CLIENT_AUTH (self), NULL);

  return OA2_CLIENT_AUTH_GET_CLASS (self)->get_tls_certificate (self);
}

/**
 * oa2_client_auth_authenticate:
 * @self: a client authentication
 * @method: the HTTP method of the request
 * @uri: the URI of the endpoint the request goes to
 * @headers: the request headers, which the method may change (for instance
 *   to add `Authorization`)
 *
 * Produces the client's credentials for one request. The library calls it
 * before each attempt; applications only call it to build requests of their
 * own.
 *
 * Returns: (transfer full) (element-type utf8 utf8): the form parameters to
 *   add to the request body (possibly none), or %NULL with @error set
 */
GHashTable *
oa2_client_auth_authenticate (OA2ClientAuth       *self,
                              const char          *method,
                              const char          *uri,
                              SoupMessageHeaders  *headers,
                              GError             **error)
{
  g_return_val_if_fail (OA2_IS_CLIENT_AUTH (self), NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (headers != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return OA2_CLIENT_AUTH_GET_CLASS (self)->authenticate (self, method, uri, headers, error);
}
