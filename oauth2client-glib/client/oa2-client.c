/* oa2-client.c: an OAuth 2.x client of one authorization server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2Client:
 *
 * A client of one OAuth 2.x authorization server: its endpoints, the
 * client's authentication, and the grants that obtain tokens.
 *
 * Every grant exists as a blocking call that takes a #GCancellable, and as
 * an `_async`/`_finish` pair that completes in the thread-default main
 * context of the call. Both flavours build the same request, obey the same
 * timeout ([property@OA2.Client:timeout]) and response size limit
 * ([property@OA2.Client:max-response-size]), and report the same errors:
 * %OA2_OAUTH_ERROR for errors the server sent, %OA2_ERROR for everything the
 * library detects, and the transport's own `G_IO_ERROR`, `G_TLS_ERROR` or
 * `SOUP_SESSION_ERROR` unchanged.
 *
 * ```c
 * g_autoptr(OA2Client) client =
 *   oa2_client_new_with_secret ("https://as.example.com/token", "my-client", secret);
 * g_autoptr(GError) error = NULL;
 * g_autoptr(OA2BearerToken) token =
 *   oa2_client_client_credentials (client, "api:read", NULL, NULL, NULL, NULL, &error);
 * ```
 *
 * ```python
 * client = OA2.Client.new_with_secret('https://as.example.com/token', 'my-client', secret)
 * token = client.client_credentials('api:read')
 * ```
 *
 * ```js
 * import Gio from 'gi://Gio';
 * import OA2 from 'gi://OA2?version=1';
 *
 * Gio._promisify(OA2.Client.prototype, 'client_credentials_async', 'client_credentials_finish');
 * const client = OA2.Client.new_with_secret('https://as.example.com/token', 'my-client', secret);
 * const token = await client.client_credentials_async('api:read', null, null, null, null);
 * ```
 *
 * Endpoints must be `https` URIs; plain `http` is accepted only for loopback
 * hosts, for native-app development and tests.
 *
 * `OA2Client` is derivable: override `parse_token_response` or
 * `on_token_error` to cope with a server's non-standard responses.
 * `on_token_error` returns the error the grant fails with, or %NULL for
 * the standard mapping:
 *
 * ```c
 * static GError *
 * vendor_client_on_token_error (OA2Client  *client,
 *                               guint       http_status,
 *                               JsonObject *response)
 * {
 *   const char *code = json_object_get_string_member_with_default (response, "error", "");
 *
 *   if (g_str_equal (code, "bad_verification_code"))
 *     return oa2_oauth_error_new ("invalid_grant", NULL, NULL, http_status);
 *   return NULL;
 * }
 * ```
 *
 * ```python
 * class VendorClient(OA2.Client):
 *     def do_on_token_error(self, http_status, response):
 *         if response.get_string_member('error') == 'bad_verification_code':
 *             return OA2.OAuthError.new('invalid_grant', None, None, http_status)
 *         return None
 * ```
 */

#include "config.h"

#include "oa2-client.h"
#include "oa2-client-instance-private.h"
#include "oa2-client-private.h"
#include "oa2-client-secret-post.h"
#include "oa2-i18n-private.h"
#include "oa2-public-app.h"
#include "oa2-transport-private.h"

G_DEFINE_TYPE_WITH_PRIVATE (OA2Client, oa2_client, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* What the server's metadata says fills whatever the caller left unset:
 * an endpoint given at construction wins over the discovered one. */
static void
apply_server_metadata (OA2Client *self)
{
  OA2ClientPrivate *priv = oa2_client_get_instance_private (self);
  OA2ServerMetadata *metadata = priv->server_metadata;
  g_autoptr(GHashTable) aliases = NULL;
  const char * const *algs;

#define FILL(field) \
  if (priv->field == NULL) \
    priv->field = g_strdup (oa2_server_metadata_get_##field (metadata))
  FILL (token_endpoint);
  FILL (authorization_endpoint);
  FILL (revocation_endpoint);
  FILL (introspection_endpoint);
  FILL (userinfo_endpoint);
  FILL (pushed_authorization_request_endpoint);
  FILL (device_authorization_endpoint);
  FILL (backchannel_authentication_endpoint);
  FILL (jwks_uri);
  FILL (end_session_endpoint);
  FILL (issuer);
#undef FILL

  /* ID tokens signed with an algorithm the server does not list are
   * refused; properties given to g_object_new() are set after this. */
  algs = oa2_server_metadata_get_id_token_signing_alg_values_supported (metadata);
  if (algs != NULL)
    oa2_client_set_id_token_signing_alg_values_supported (self, algs);
  /* RFC 9207 §2.4: a server that says it sends iss must send it. */
  if (oa2_server_metadata_get_authorization_response_iss_parameter_supported (metadata))
    oa2_client_set_authorization_response_iss_parameter_supported (self, TRUE);

  if (priv->mtls_endpoint_aliases == NULL)
    {
      aliases = oa2_server_metadata_dup_mtls_endpoint_aliases (metadata);
      if (g_hash_table_size (aliases) > 0)
        priv->mtls_endpoint_aliases = g_steal_pointer (&aliases);
    }
}

static void
oa2_client_constructed (GObject *object)
{
  OA2ClientPrivate *priv = oa2_client_get_instance_private (OA2_CLIENT (object));

  G_OBJECT_CLASS (oa2_client_parent_class)->constructed (object);

  if (priv->server_metadata != NULL)
    apply_server_metadata (OA2_CLIENT (object));

  if (priv->session == NULL)
    priv->session = soup_session_new_with_options ("user-agent", "oauth2client-glib/" PACKAGE_VERSION,
                                                   NULL);
}

static void
oa2_client_finalize (GObject *object)
{
  OA2ClientPrivate *priv = oa2_client_get_instance_private (OA2_CLIENT (object));

  g_free (priv->token_endpoint);
  g_free (priv->authorization_endpoint);
  g_free (priv->revocation_endpoint);
  g_free (priv->introspection_endpoint);
  g_free (priv->userinfo_endpoint);
  g_free (priv->pushed_authorization_request_endpoint);
  g_free (priv->device_authorization_endpoint);
  g_free (priv->backchannel_authentication_endpoint);
  g_free (priv->jwks_uri);
  g_free (priv->end_session_endpoint);
  g_free (priv->issuer);
  g_clear_object (&priv->client_auth);
  g_clear_object (&priv->session);
  g_free (priv->dpop_alg);
  g_clear_pointer (&priv->dpop_key_generator, oa2_client_key_generator_unref);
  g_mutex_clear (&priv->dpop_lock);
  g_clear_pointer (&priv->mtls_endpoint_aliases, g_hash_table_unref);
  g_clear_object (&priv->server_metadata);
  g_mutex_clear (&priv->lock);
  oa2_client_id_token_free (priv->id_token_state);
  oa2_client_userinfo_state_free (priv->userinfo_state);
  oa2_client_jarm_state_free (priv->jarm_state);

  G_OBJECT_CLASS (oa2_client_parent_class)->finalize (object);
}

static void
oa2_client_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  OA2Client *self = OA2_CLIENT (object);
  OA2ClientPrivate *priv = oa2_client_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_TOKEN_ENDPOINT:
      g_value_set_string (value, priv->token_endpoint);
      break;
    case PROP_AUTHORIZATION_ENDPOINT:
      g_value_set_string (value, priv->authorization_endpoint);
      break;
    case PROP_REVOCATION_ENDPOINT:
      g_value_set_string (value, priv->revocation_endpoint);
      break;
    case PROP_INTROSPECTION_ENDPOINT:
      g_value_set_string (value, priv->introspection_endpoint);
      break;
    case PROP_USERINFO_ENDPOINT:
      g_value_set_string (value, priv->userinfo_endpoint);
      break;
    case PROP_PUSHED_AUTHORIZATION_REQUEST_ENDPOINT:
      g_value_set_string (value, priv->pushed_authorization_request_endpoint);
      break;
    case PROP_DEVICE_AUTHORIZATION_ENDPOINT:
      g_value_set_string (value, priv->device_authorization_endpoint);
      break;
    case PROP_BACKCHANNEL_AUTHENTICATION_ENDPOINT:
      g_value_set_string (value, priv->backchannel_authentication_endpoint);
      break;
    case PROP_JWKS_URI:
      g_value_set_string (value, priv->jwks_uri);
      break;
    case PROP_END_SESSION_ENDPOINT:
      g_value_set_string (value, priv->end_session_endpoint);
      break;
    case PROP_ISSUER:
      g_value_set_string (value, priv->issuer);
      break;
    case PROP_CLIENT_AUTH:
      g_value_set_object (value, priv->client_auth);
      break;
    case PROP_SESSION:
      g_value_set_object (value, priv->session);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, oa2_client_get_timeout (self));
      break;
    case PROP_MAX_RESPONSE_SIZE:
      g_value_set_uint (value, oa2_client_get_max_response_size (self));
      break;
    case PROP_ALLOW_MISSING_TOKEN_TYPE:
      g_value_set_boolean (value, oa2_client_get_allow_missing_token_type (self));
      break;
    case PROP_DPOP_BOUND_ACCESS_TOKENS:
      g_value_set_boolean (value, oa2_client_get_dpop_bound_access_tokens (self));
      break;
    case PROP_DPOP_ALG:
      g_value_take_string (value, oa2_client_dup_dpop_alg (self));
      break;
    case PROP_ALLOW_DPOP_DOWNGRADE:
      g_value_set_boolean (value, oa2_client_get_allow_dpop_downgrade (self));
      break;
    case PROP_MTLS_ENDPOINT_ALIASES:
      g_value_take_boxed (value, oa2_client_dup_mtls_endpoint_aliases (self));
      break;
    case PROP_SERVER_METADATA:
      g_value_set_object (value, priv->server_metadata);
      break;
    case PROP_AUTHORIZATION_RESPONSE_ISS_PARAMETER_SUPPORTED:
      g_value_set_boolean (value, oa2_client_get_authorization_response_iss_parameter_supported (self));
      break;
    default:
      if (!oa2_client_id_token_get_property (object, prop_id, value) &&
          !oa2_client_userinfo_get_property (object, prop_id, value) &&
          !oa2_client_jarm_get_property (object, prop_id, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_client_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  OA2Client *self = OA2_CLIENT (object);
  OA2ClientPrivate *priv = oa2_client_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_TOKEN_ENDPOINT:
      priv->token_endpoint = g_value_dup_string (value);
      break;
    case PROP_AUTHORIZATION_ENDPOINT:
      priv->authorization_endpoint = g_value_dup_string (value);
      break;
    case PROP_REVOCATION_ENDPOINT:
      priv->revocation_endpoint = g_value_dup_string (value);
      break;
    case PROP_INTROSPECTION_ENDPOINT:
      priv->introspection_endpoint = g_value_dup_string (value);
      break;
    case PROP_USERINFO_ENDPOINT:
      priv->userinfo_endpoint = g_value_dup_string (value);
      break;
    case PROP_PUSHED_AUTHORIZATION_REQUEST_ENDPOINT:
      priv->pushed_authorization_request_endpoint = g_value_dup_string (value);
      break;
    case PROP_DEVICE_AUTHORIZATION_ENDPOINT:
      priv->device_authorization_endpoint = g_value_dup_string (value);
      break;
    case PROP_BACKCHANNEL_AUTHENTICATION_ENDPOINT:
      priv->backchannel_authentication_endpoint = g_value_dup_string (value);
      break;
    case PROP_JWKS_URI:
      priv->jwks_uri = g_value_dup_string (value);
      break;
    case PROP_END_SESSION_ENDPOINT:
      priv->end_session_endpoint = g_value_dup_string (value);
      break;
    case PROP_ISSUER:
      priv->issuer = g_value_dup_string (value);
      break;
    case PROP_CLIENT_AUTH:
      priv->client_auth = g_value_dup_object (value);
      break;
    case PROP_SESSION:
      priv->session = g_value_dup_object (value);
      break;
    case PROP_TIMEOUT:
      oa2_client_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_MAX_RESPONSE_SIZE:
      oa2_client_set_max_response_size (self, g_value_get_uint (value));
      break;
    case PROP_ALLOW_MISSING_TOKEN_TYPE:
      oa2_client_set_allow_missing_token_type (self, g_value_get_boolean (value));
      break;
    case PROP_DPOP_BOUND_ACCESS_TOKENS:
      oa2_client_set_dpop_bound_access_tokens (self, g_value_get_boolean (value));
      break;
    case PROP_DPOP_ALG:
      oa2_client_set_dpop_alg (self, g_value_get_string (value));
      break;
    case PROP_ALLOW_DPOP_DOWNGRADE:
      oa2_client_set_allow_dpop_downgrade (self, g_value_get_boolean (value));
      break;
    case PROP_MTLS_ENDPOINT_ALIASES:
      oa2_client_set_mtls_endpoint_aliases (self, g_value_get_boxed (value));
      break;
    case PROP_SERVER_METADATA:
      priv->server_metadata = g_value_dup_object (value);
      break;
    case PROP_AUTHORIZATION_RESPONSE_ISS_PARAMETER_SUPPORTED:
      oa2_client_set_authorization_response_iss_parameter_supported (self, g_value_get_boolean (value));
      break;
    default:
      if (!oa2_client_id_token_set_property (object, prop_id, value) &&
          !oa2_client_userinfo_set_property (object, prop_id, value) &&
          !oa2_client_jarm_set_property (object, prop_id, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_client_class_init (OA2ClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  oa2_i18n_init ();

  object_class->constructed = oa2_client_constructed;
  object_class->finalize = oa2_client_finalize;
  object_class->get_property = oa2_client_get_property;
  object_class->set_property = oa2_client_set_property;
  klass->parse_token_response = oa2_client_real_parse_token_response;
  klass->on_token_error = oa2_client_real_on_token_error;

  /**
   * OA2Client:token-endpoint: (getter get_token_endpoint)
   *
   * The token endpoint (RFC 6749 §3.2). It is required.
   */
  properties[PROP_TOKEN_ENDPOINT] =
    g_param_spec_string ("token-endpoint", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:authorization-endpoint: (getter get_authorization_endpoint)
   *
   * The authorization endpoint (RFC 6749 §3.1). %NULL when not configured.
   */
  properties[PROP_AUTHORIZATION_ENDPOINT] =
    g_param_spec_string ("authorization-endpoint", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:revocation-endpoint: (getter get_revocation_endpoint)
   *
   * The token revocation endpoint (RFC 7009). %NULL when not configured.
   */
  properties[PROP_REVOCATION_ENDPOINT] =
    g_param_spec_string ("revocation-endpoint", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:introspection-endpoint: (getter get_introspection_endpoint)
   *
   * The token introspection endpoint (RFC 7662). %NULL when not configured.
   */
  properties[PROP_INTROSPECTION_ENDPOINT] =
    g_param_spec_string ("introspection-endpoint", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:userinfo-endpoint: (getter get_userinfo_endpoint)
   *
   * The OpenID Connect UserInfo endpoint. %NULL when not configured.
   */
  properties[PROP_USERINFO_ENDPOINT] =
    g_param_spec_string ("userinfo-endpoint", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:pushed-authorization-request-endpoint: (getter get_pushed_authorization_request_endpoint)
   *
   * The pushed authorization request endpoint (RFC 9126). %NULL when not configured.
   */
  properties[PROP_PUSHED_AUTHORIZATION_REQUEST_ENDPOINT] =
    g_param_spec_string ("pushed-authorization-request-endpoint", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:device-authorization-endpoint: (getter get_device_authorization_endpoint)
   *
   * The device authorization endpoint (RFC 8628). %NULL when not configured.
   */
  properties[PROP_DEVICE_AUTHORIZATION_ENDPOINT] =
    g_param_spec_string ("device-authorization-endpoint", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:backchannel-authentication-endpoint: (getter get_backchannel_authentication_endpoint)
   *
   * The backchannel authentication endpoint (OpenID CIBA). %NULL when not configured.
   */
  properties[PROP_BACKCHANNEL_AUTHENTICATION_ENDPOINT] =
    g_param_spec_string ("backchannel-authentication-endpoint", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:jwks-uri: (getter get_jwks_uri)
   *
   * Where the authorization server publishes its public keys (RFC 8414). %NULL when not
   * configured.
   */
  properties[PROP_JWKS_URI] =
    g_param_spec_string ("jwks-uri", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:end-session-endpoint: (getter get_end_session_endpoint)
   *
   * The OpenID Connect RP-initiated logout endpoint. %NULL when not configured.
   */
  properties[PROP_END_SESSION_ENDPOINT] =
    g_param_spec_string ("end-session-endpoint", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:issuer: (getter get_issuer)
   *
   * The issuer identifier of the authorization server (RFC 8414). %NULL when not configured.
   */
  properties[PROP_ISSUER] =
    g_param_spec_string ("issuer", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:client-auth: (getter get_client_auth)
   *
   * How the client authenticates to the token endpoint, or %NULL to send
   * no client credentials at all.
   */
  properties[PROP_CLIENT_AUTH] =
    g_param_spec_object ("client-auth", NULL, NULL, OA2_TYPE_CLIENT_AUTH,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:session: (getter get_session)
   *
   * The session that sends every request. When none is given, the client
   * makes its own. Give your application's session to share its proxy and
   * TLS settings (a custom TLS database, for instance). A client
   * certificate for mutual TLS belongs to the client authentication
   * ([class@OA2.TlsClientAuth]), which presents it on connections of its
   * own.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SOUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:timeout: (getter get_timeout) (setter set_timeout)
   *
   * How many seconds a request may take, from sending it to reading the
   * whole response, before it fails with `G_IO_ERROR_TIMED_OUT`.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 24 * 3600, OA2_TRANSPORT_DEFAULT_TIMEOUT_SECONDS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:max-response-size: (getter get_max_response_size) (setter set_max_response_size)
   *
   * The largest response body, in bytes, that the client reads; a larger
   * one fails with %OA2_ERROR_RESPONSE_TOO_LARGE.
   */
  properties[PROP_MAX_RESPONSE_SIZE] =
    g_param_spec_uint ("max-response-size", NULL, NULL, 1024, G_MAXUINT32,
                       OA2_TRANSPORT_DEFAULT_MAX_RESPONSE_SIZE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:allow-missing-token-type: (getter get_allow_missing_token_type) (setter set_allow_missing_token_type)
   *
   * Whether a token response without `token_type` is taken as a `Bearer`
   * token. RFC 6749 §5.1 requires the member, so by default such a response
   * fails with %OA2_ERROR_MISSING_MEMBER; set this for a server known to
   * leave it out. A response with another type is refused either way.
   *
   * The default [vfunc@OA2.Client.parse_token_response] applies it; an
   * override that does not chain up decides for itself.
   */
  properties[PROP_ALLOW_MISSING_TOKEN_TYPE] =
    g_param_spec_boolean ("allow-missing-token-type", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:dpop-bound-access-tokens: (getter get_dpop_bound_access_tokens) (setter set_dpop_bound_access_tokens)
   *
   * Whether every token request asks for a DPoP-bound token (RFC 9449),
   * with a new key from the key generator
   * ([method@OA2.Client.set_dpop_key_generator]; by default, a key for
   * [property@OA2.Client:dpop-alg]) when the call brings no key of its own.
   * A call that brings a key asks for a bound token either way.
   */
  properties[PROP_DPOP_BOUND_ACCESS_TOKENS] =
    g_param_spec_boolean ("dpop-bound-access-tokens", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:dpop-alg: (getter dup_dpop_alg) (setter set_dpop_alg)
   *
   * The signature algorithm of the keys the client generates for DPoP,
   * `ES256` by default; see [func@OA2.DPoPKey.generate] for the others. An
   * algorithm that cannot make proofs fails the token request with the
   * error of [func@OA2.DPoPKey.generate]. Keys are made in the thread that
   * starts the request, asynchronous ones included: an RSA key takes a
   * noticeable while, an elliptic-curve one does not.
   */
  properties[PROP_DPOP_ALG] =
    g_param_spec_string ("dpop-alg", NULL, NULL, OA2_CLIENT_DEFAULT_DPOP_ALG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:allow-dpop-downgrade: (getter get_allow_dpop_downgrade) (setter set_allow_dpop_downgrade)
   *
   * Whether a server that answers a DPoP token request with a `Bearer`
   * token (or with no `token_type`) is accepted, the token then being an
   * unbound [class@OA2.BearerToken]. By default such an answer fails with
   * %OA2_ERROR_TOKEN_TYPE_MISMATCH: asking for a bound token and quietly
   * getting a bearer one would defeat the purpose.
   */
  properties[PROP_ALLOW_DPOP_DOWNGRADE] =
    g_param_spec_boolean ("allow-dpop-downgrade", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:mtls-endpoint-aliases: (getter dup_mtls_endpoint_aliases) (setter set_mtls_endpoint_aliases)
   *
   * The server's mutual-TLS endpoint aliases (RFC 8705 §5,
   * `mtls_endpoint_aliases` in its metadata): endpoint names such as
   * `token_endpoint` mapped to the URIs where the server serves them with
   * mutual TLS. When the client authentication presents a certificate
   * ([method@OA2.ClientAuth.get_tls_certificate]), requests go to the
   * alias of their endpoint when there is one; otherwise the aliases are
   * not used. Empty when the server has none; setting %NULL empties it.
   */
  properties[PROP_MTLS_ENDPOINT_ALIASES] =
    g_param_spec_boxed ("mtls-endpoint-aliases", NULL, NULL, G_TYPE_HASH_TABLE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:server-metadata: (getter get_server_metadata)
   *
   * The server's metadata (RFC 8414, OpenID Connect Discovery), as
   * discovery fetched it, or %NULL. Given at construction, it fills every
   * endpoint, the issuer and [property@OA2.Client:mtls-endpoint-aliases]
   * not given otherwise; it cannot change afterwards. Features that
   * depend on what the server supports read it from here.
   */
  properties[PROP_SERVER_METADATA] =
    g_param_spec_object ("server-metadata", NULL, NULL, OA2_TYPE_SERVER_METADATA,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:authorization-response-iss-parameter-supported: (getter get_authorization_response_iss_parameter_supported) (setter set_authorization_response_iss_parameter_supported)
   *
   * Whether the server sends `iss` in every authorization response
   * (RFC 9207), as its metadata member of the same name says. When set,
   * a response without `iss` is refused by
   * [method@OA2.AuthorizationRequest.validate_callback], for the requests
   * that [method@OA2.Client.new_authorization_request] makes; an `iss`
   * that is present is compared with [property@OA2.Client:issuer] either
   * way.
   */
  properties[PROP_AUTHORIZATION_RESPONSE_ISS_PARAMETER_SUPPORTED] =
    g_param_spec_boolean ("authorization-response-iss-parameter-supported", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
  /* The ID-token settings follow, with ids from N_PROPS on. */
  oa2_client_id_token_install_properties (object_class, N_PROPS);
  oa2_client_userinfo_install_properties (object_class, N_PROPS + OA2_CLIENT_ID_TOKEN_N_PROPS);
  oa2_client_jarm_install_properties (object_class,
                                      N_PROPS + OA2_CLIENT_ID_TOKEN_N_PROPS + OA2_CLIENT_USERINFO_N_PROPS);
}

static void
oa2_client_init (OA2Client *self)
{
  OA2ClientPrivate *priv = oa2_client_get_instance_private (self);

  priv->timeout = OA2_TRANSPORT_DEFAULT_TIMEOUT_SECONDS;
  priv->max_response_size = OA2_TRANSPORT_DEFAULT_MAX_RESPONSE_SIZE;
  g_mutex_init (&priv->dpop_lock);
  g_mutex_init (&priv->lock);
  priv->dpop_alg = g_strdup (OA2_CLIENT_DEFAULT_DPOP_ALG);
  priv->id_token_state = oa2_client_id_token_new ();
  priv->userinfo_state = oa2_client_userinfo_state_new ();
  priv->jarm_state = oa2_client_jarm_state_new ();
}

OA2ClientPrivate *
oa2_client_get_private (OA2Client *self)
{
  return oa2_client_get_instance_private (self);
}

OA2ClientJarm *
oa2_client_get_jarm_state (OA2Client *self)
{
  OA2ClientPrivate *priv = oa2_client_get_instance_private (self);

  return priv->jarm_state;
}

OA2ClientUserinfo *
oa2_client_get_userinfo_state (OA2Client *self)
{
  OA2ClientPrivate *priv = oa2_client_get_instance_private (self);

  return priv->userinfo_state;
}

OA2ClientIdToken *
oa2_client_get_id_token_state (OA2Client *self)
{
  OA2ClientPrivate *priv = oa2_client_get_instance_private (self);

  return priv->id_token_state;
}

/**
 * oa2_client_new:
 * @token_endpoint: the URI of the token endpoint
 * @client_auth: (nullable): how the client authenticates
 *
 * Creates a client. Set the other endpoints, the issuer or a session of
 * your own with g_object_new() and the properties of the same names.
 *
 * Returns: (transfer full): a new client
 */
OA2Client *
oa2_client_new (const char    *token_endpoint,
                OA2ClientAuth *client_auth)
{
  g_return_val_if_fail (token_endpoint != NULL, NULL);
  g_return_val_if_fail (client_auth == NULL || OA2_IS_CLIENT_AUTH (client_auth), NULL);

  return g_object_new (OA2_TYPE_CLIENT,
                       "token-endpoint", token_endpoint, "client-auth", client_auth, NULL);
}

/**
 * oa2_client_new_with_secret:
 * @token_endpoint: the URI of the token endpoint
 * @client_id: the client identifier
 * @client_secret: the client secret
 *
 * Creates a confidential client that authenticates with
 * [class@OA2.ClientSecretPost], the method every server accepts.
 *
 * Returns: (transfer full): a new client
 */
OA2Client *
oa2_client_new_with_secret (const char *token_endpoint,
                            const char *client_id,
                            const char *client_secret)
{
  g_autoptr(OA2ClientSecretPost) auth = NULL;

  g_return_val_if_fail (token_endpoint != NULL, NULL);
  g_return_val_if_fail (client_id != NULL && *client_id != '\0', NULL);
  g_return_val_if_fail (client_secret != NULL, NULL);

  auth = oa2_client_secret_post_new (client_id, client_secret);
  return oa2_client_new (token_endpoint, OA2_CLIENT_AUTH (auth));
}

/**
 * oa2_client_new_public:
 * @token_endpoint: the URI of the token endpoint
 * @client_id: the client identifier
 *
 * Creates a public client ([class@OA2.PublicApp]), such as a desktop
 * application, which has no secret.
 *
 * Returns: (transfer full): a new client
 */
OA2Client *
oa2_client_new_public (const char *token_endpoint,
                       const char *client_id)
{
  g_autoptr(OA2PublicApp) auth = NULL;

  g_return_val_if_fail (token_endpoint != NULL, NULL);
  g_return_val_if_fail (client_id != NULL && *client_id != '\0', NULL);

  auth = oa2_public_app_new (client_id);
  return oa2_client_new (token_endpoint, OA2_CLIENT_AUTH (auth));
}

#define DEFINE_URI_GETTER(field)                                  \
  const char *                                                     \
  oa2_client_get_##field (OA2Client *self)                         \
  {                                                                \
    OA2ClientPrivate *priv;                                        \
    g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);             \
    priv = oa2_client_get_instance_private (self);                 \
    return priv->field;                                            \
  }

/**
 * oa2_client_get_token_endpoint: (get-property token-endpoint)
 * @self: a client
 *
 * Gets the value of [property@OA2.Client:token-endpoint].
 *
 * Returns: (transfer none) (nullable): the URI, or %NULL if not configured
 */
DEFINE_URI_GETTER (token_endpoint)

/**
 * oa2_client_get_authorization_endpoint: (get-property authorization-endpoint)
 * @self: a client
 *
 * Gets the value of [property@OA2.Client:authorization-endpoint].
 *
 * Returns: (transfer none) (nullable): the URI, or %NULL if not configured
 */
DEFINE_URI_GETTER (authorization_endpoint)

/**
 * oa2_client_get_revocation_endpoint: (get-property revocation-endpoint)
 * @self: a client
 *
 * Gets the value of [property@OA2.Client:revocation-endpoint].
 *
 * Returns: (transfer none) (nullable): the URI, or %NULL if not configured
 */
DEFINE_URI_GETTER (revocation_endpoint)

/**
 * oa2_client_get_introspection_endpoint: (get-property introspection-endpoint)
 * @self: a client
 *
 * Gets the value of [property@OA2.Client:introspection-endpoint].
 *
 * Returns: (transfer none) (nullable): the URI, or %NULL if not configured
 */
DEFINE_URI_GETTER (introspection_endpoint)

/**
 * oa2_client_get_userinfo_endpoint: (get-property userinfo-endpoint)
 * @self: a client
 *
 * Gets the value of [property@OA2.Client:userinfo-endpoint].
 *
 * Returns: (transfer none) (nullable): the URI, or %NULL if not configured
 */
DEFINE_URI_GETTER (userinfo_endpoint)

/**
 * oa2_client_get_pushed_authorization_request_endpoint: (get-property pushed-authorization-request-endpoint)
 * @self: a client
 *
 * Gets the value of [property@OA2.Client:pushed-authorization-request-endpoint].
 *
 * Returns: (transfer none) (nullable): the URI, or %NULL if not configured
 */
DEFINE_URI_GETTER (pushed_authorization_request_endpoint)

/**
 * oa2_client_get_device_authorization_endpoint: (get-property device-authorization-endpoint)
 * @self: a client
 *
 * Gets the value of [property@OA2.Client:device-authorization-endpoint].
 *
 * Returns: (transfer none) (nullable): the URI, or %NULL if not configured
 */
DEFINE_URI_GETTER (device_authorization_endpoint)

/**
 * oa2_client_get_backchannel_authentication_endpoint: (get-property backchannel-authentication-endpoint)
 * @self: a client
 *
 * Gets the value of [property@OA2.Client:backchannel-authentication-endpoint].
 *
 * Returns: (transfer none) (nullable): the URI, or %NULL if not configured
 */
DEFINE_URI_GETTER (backchannel_authentication_endpoint)

/**
 * oa2_client_get_jwks_uri: (get-property jwks-uri)
 * @self: a client
 *
 * Gets the value of [property@OA2.Client:jwks-uri].
 *
 * Returns: (transfer none) (nullable): the URI, or %NULL if not configured
 */
DEFINE_URI_GETTER (jwks_uri)

/**
 * oa2_client_get_end_session_endpoint: (get-property end-session-endpoint)
 * @self: a client
 *
 * Gets the value of [property@OA2.Client:end-session-endpoint].
 *
 * Returns: (transfer none) (nullable): the URI, or %NULL if not configured
 */
DEFINE_URI_GETTER (end_session_endpoint)

/**
 * oa2_client_get_issuer: (get-property issuer)
 * @self: a client
 *
 * Gets the value of [property@OA2.Client:issuer].
 *
 * Returns: (transfer none) (nullable): the URI, or %NULL if not configured
 */
DEFINE_URI_GETTER (issuer)

/**
 * oa2_client_get_server_metadata: (get-property server-metadata)
 * @self: a client
 *
 * Gets the server metadata the client was made from.
 *
 * Returns: (transfer none) (nullable): the metadata, or %NULL when the
 *   client was not made by discovery
 */
OA2ServerMetadata *
oa2_client_get_server_metadata (OA2Client *self)
{
  OA2ClientPrivate *priv;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  priv = oa2_client_get_instance_private (self);
  return priv->server_metadata;
}

/**
 * oa2_client_get_client_auth: (get-property client-auth)
 * @self: a client
 *
 * Gets how the client authenticates.
 *
 * Returns: (transfer none) (nullable): the client authentication
 */
OA2ClientAuth *
oa2_client_get_client_auth (OA2Client *self)
{
  OA2ClientPrivate *priv;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  priv = oa2_client_get_instance_private (self);
  return priv->client_auth;
}

/**
 * oa2_client_get_client_id:
 * @self: a client
 *
 * Gets the client identifier of the client authentication.
 *
 * Returns: (transfer none) (nullable): the client identifier, or %NULL
 *   without client authentication
 */
const char *
oa2_client_get_client_id (OA2Client *self)
{
  OA2ClientAuth *auth = oa2_client_get_client_auth (self);

  return auth != NULL ? oa2_client_auth_get_client_id (auth) : NULL;
}

/**
 * oa2_client_get_session: (get-property session)
 * @self: a client
 *
 * Gets the session that sends the client's requests.
 *
 * Returns: (transfer none): the session
 */
SoupSession *
oa2_client_get_session (OA2Client *self)
{
  OA2ClientPrivate *priv;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  priv = oa2_client_get_instance_private (self);
  return priv->session;
}

/**
 * oa2_client_get_timeout: (get-property timeout)
 * @self: a client
 *
 * Gets the request timeout.
 *
 * Returns: the timeout in seconds
 */
guint
oa2_client_get_timeout (OA2Client *self)
{
  OA2ClientPrivate *priv;

  g_return_val_if_fail (OA2_IS_CLIENT (self), 0);
  priv = oa2_client_get_instance_private (self);
  return (guint) g_atomic_int_get (&priv->timeout);
}

void
oa2_client_store_setting (OA2Client *self,
                          int       *field,
                          int        value,
                          guint      prop)
{
  if (g_atomic_int_exchange (field, value) != value)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
oa2_client_notify_property (OA2Client *self,
                            guint      prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/**
 * oa2_client_set_timeout: (set-property timeout)
 * @self: a client
 * @seconds: the timeout in seconds, at least 1
 *
 * Sets the request timeout. Requests already under way keep theirs.
 */
void
oa2_client_set_timeout (OA2Client *self,
                        guint      seconds)
{
  OA2ClientPrivate *priv;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (seconds >= 1);
  priv = oa2_client_get_instance_private (self);
  oa2_client_store_setting (self, (int *) &priv->timeout, (int) seconds, PROP_TIMEOUT);
}

/**
 * oa2_client_get_max_response_size: (get-property max-response-size)
 * @self: a client
 *
 * Gets the response size limit.
 *
 * Returns: the limit in bytes
 */
guint
oa2_client_get_max_response_size (OA2Client *self)
{
  OA2ClientPrivate *priv;

  g_return_val_if_fail (OA2_IS_CLIENT (self), 0);
  priv = oa2_client_get_instance_private (self);
  return (guint) g_atomic_int_get (&priv->max_response_size);
}

/**
 * oa2_client_set_max_response_size: (set-property max-response-size)
 * @self: a client
 * @bytes: the limit in bytes, at least 1024
 *
 * Sets the response size limit. Requests already under way keep theirs.
 */
void
oa2_client_set_max_response_size (OA2Client *self,
                                  guint      bytes)
{
  OA2ClientPrivate *priv;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (bytes >= 1024);
  priv = oa2_client_get_instance_private (self);
  oa2_client_store_setting (self, (int *) &priv->max_response_size, (int) bytes, PROP_MAX_RESPONSE_SIZE);
}

/**
 * oa2_client_get_allow_missing_token_type: (get-property allow-missing-token-type)
 * @self: a client
 *
 * Gets whether a token response without `token_type` is taken as a
 * `Bearer` token.
 *
 * Returns: %TRUE if such responses are accepted
 */
gboolean
oa2_client_get_allow_missing_token_type (OA2Client *self)
{
  OA2ClientPrivate *priv;

  g_return_val_if_fail (OA2_IS_CLIENT (self), FALSE);
  priv = oa2_client_get_instance_private (self);
  return g_atomic_int_get (&priv->allow_missing_token_type);
}

/**
 * oa2_client_set_allow_missing_token_type: (set-property allow-missing-token-type)
 * @self: a client
 * @allow: whether to take a token response without `token_type` as a
 *   `Bearer` token
 *
 * Sets [property@OA2.Client:allow-missing-token-type], for a server known to
 * leave `token_type` out of its token responses. Requests already under way
 * are not affected.
 */
void
oa2_client_set_allow_missing_token_type (OA2Client *self,
                                         gboolean   allow)
{
  OA2ClientPrivate *priv;

  g_return_if_fail (OA2_IS_CLIENT (self));
  priv = oa2_client_get_instance_private (self);
  oa2_client_store_setting (self, &priv->allow_missing_token_type, !!allow, PROP_ALLOW_MISSING_TOKEN_TYPE);
}

/**
 * oa2_client_get_authorization_response_iss_parameter_supported: (get-property authorization-response-iss-parameter-supported)
 * @self: a client
 *
 * Gets [property@OA2.Client:authorization-response-iss-parameter-supported].
 *
 * Returns: whether authorization responses must carry `iss`
 */
gboolean
oa2_client_get_authorization_response_iss_parameter_supported (OA2Client *self)
{
  OA2ClientPrivate *priv;

  g_return_val_if_fail (OA2_IS_CLIENT (self), FALSE);
  priv = oa2_client_get_instance_private (self);
  return g_atomic_int_get (&priv->iss_parameter_supported);
}

/**
 * oa2_client_set_authorization_response_iss_parameter_supported: (set-property authorization-response-iss-parameter-supported)
 * @self: a client
 * @supported: whether the server sends `iss` in authorization responses
 *
 * Sets [property@OA2.Client:authorization-response-iss-parameter-supported].
 */
void
oa2_client_set_authorization_response_iss_parameter_supported (OA2Client *self,
                                                               gboolean   supported)
{
  OA2ClientPrivate *priv;

  g_return_if_fail (OA2_IS_CLIENT (self));
  priv = oa2_client_get_instance_private (self);
  oa2_client_store_setting (self, &priv->iss_parameter_supported, !!supported,
                            PROP_AUTHORIZATION_RESPONSE_ISS_PARAMETER_SUPPORTED);
}
