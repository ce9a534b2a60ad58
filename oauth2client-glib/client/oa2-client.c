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
#include "oa2-client-private.h"
#include "oa2-client-assertion-private.h"
#include "oa2-client-endpoint-private.h"
#include "oa2-client-id-token-private.h"
#include "oa2-client-mtls-private.h"
#include "oa2-client-userinfo-private.h"
#include "oa2-client-jarm-private.h"
#include "oa2-client-secret-post.h"
#include "oa2-dpop-nonces-private.h"
#include "oa2-dpop-token-private.h"
#include "oa2-json-private.h"
#include "oa2-error.h"
#include "oa2-error-private.h"
#include "oa2-i18n-private.h"
#include "oa2-public-app.h"
#include "oa2-response-private.h"
#include "oa2-secret-private.h"
#include "oa2-token-request-private.h"
#include "oa2-transport-private.h"

/* RFC 9449 §5's example, and what every DPoP server supports. */
#define OA2_CLIENT_DEFAULT_DPOP_ALG "ES256"

typedef struct
{
  char          *token_endpoint;
  char          *authorization_endpoint;
  char          *revocation_endpoint;
  char          *introspection_endpoint;
  char          *userinfo_endpoint;
  char          *pushed_authorization_request_endpoint;
  char          *device_authorization_endpoint;
  char          *backchannel_authentication_endpoint;
  char          *jwks_uri;
  char          *end_session_endpoint;
  char          *issuer;
  OA2ClientAuth *client_auth;
  SoupSession   *session;
  guint          timeout;             /* atomic */
  guint          max_response_size;   /* atomic */
  gboolean       allow_missing_token_type;   /* atomic */
  gboolean       iss_parameter_supported;    /* atomic */

  /* DPoP: the booleans are atomic, the rest is under dpop_lock. */
  gboolean             dpop_bound_access_tokens;
  gboolean             allow_dpop_downgrade;
  GMutex               dpop_lock;
  char                *dpop_alg;
  struct KeyGenerator *dpop_key_generator;

  OA2ServerMetadata   *server_metadata;   /* NULL: not discovered */

  GMutex               lock;                    /* guards what follows */
  GHashTable          *mtls_endpoint_aliases;   /* immutable once set; NULL: none */

  OA2ClientIdToken    *id_token_state;          /* oa2-client-id-token.c */
  OA2ClientUserinfo   *userinfo_state;          /* oa2-client-userinfo.c */
  OA2ClientJarm       *jarm_state;              /* oa2-client-jarm.c */
} OA2ClientPrivate;

/* The key generator and its data, reference-counted so that a request can
 * call it outside the lock while another thread replaces it. */
typedef struct KeyGenerator {
  OA2DPoPKeyGenerator func;
  gpointer            user_data;
  GDestroyNotify      destroy;
} KeyGenerator;

static void
key_generator_clear (gpointer data)
{
  KeyGenerator *generator = data;

  if (generator->destroy != NULL)
    generator->destroy (generator->user_data);
}

static void
key_generator_unref (KeyGenerator *generator)
{
  g_atomic_rc_box_release_full (generator, key_generator_clear);
}

G_DEFINE_TYPE_WITH_PRIVATE (OA2Client, oa2_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TOKEN_ENDPOINT,
  PROP_AUTHORIZATION_ENDPOINT,
  PROP_REVOCATION_ENDPOINT,
  PROP_INTROSPECTION_ENDPOINT,
  PROP_USERINFO_ENDPOINT,
  PROP_PUSHED_AUTHORIZATION_REQUEST_ENDPOINT,
  PROP_DEVICE_AUTHORIZATION_ENDPOINT,
  PROP_BACKCHANNEL_AUTHENTICATION_ENDPOINT,
  PROP_JWKS_URI,
  PROP_END_SESSION_ENDPOINT,
  PROP_ISSUER,
  PROP_CLIENT_AUTH,
  PROP_SESSION,
  PROP_TIMEOUT,
  PROP_MAX_RESPONSE_SIZE,
  PROP_ALLOW_MISSING_TOKEN_TYPE,
  PROP_DPOP_BOUND_ACCESS_TOKENS,
  PROP_DPOP_ALG,
  PROP_ALLOW_DPOP_DOWNGRADE,
  PROP_MTLS_ENDPOINT_ALIASES,
  PROP_SERVER_METADATA,
  PROP_AUTHORIZATION_RESPONSE_ISS_PARAMETER_SUPPORTED,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

/* A copy of @response with one more member: @response itself stays as the
 * server sent it, for whoever else reads it. */
static JsonObject *
response_with_member (JsonObject *response,
                      const char *name,
                      const char *value)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, response);
  while (json_object_iter_next (&iter, &member, &node))
    json_object_set_member (copy, member, json_node_copy (node));
  json_object_set_string_member (copy, name, value);
  return copy;
}

static OA2BearerToken *
oa2_client_real_parse_token_response (OA2Client   *self,
                                      JsonObject  *response,
                                      GError     **error)
{
  g_autoptr(JsonObject) typed = NULL;

  if (oa2_client_get_allow_missing_token_type (self) &&
      !json_object_has_member (response, "token_type"))
    typed = response_with_member (response, "token_type", "Bearer");
  return oa2_bearer_token_new_from_response (typed != NULL ? typed : response, error);
}

static GError *
oa2_client_real_on_token_error (OA2Client  *self,
                                guint       http_status,
                                JsonObject *response)
{
  return oa2_response_oauth_error_from_json (response, http_status);
}

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
  g_clear_pointer (&priv->dpop_key_generator, key_generator_unref);
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

/* Stores @value in one of the client's atomically read settings and
 * notifies @prop when that changed it; each setter of such a property
 * goes through here. */
static void
store_setting (OA2Client *self,
               int       *field,
               int        value,
               guint      prop)
{
  if (g_atomic_int_exchange (field, value) != value)
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
  store_setting (self, (int *) &priv->timeout, (int) seconds, PROP_TIMEOUT);
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
  store_setting (self, (int *) &priv->max_response_size, (int) bytes, PROP_MAX_RESPONSE_SIZE);
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
  store_setting (self, &priv->allow_missing_token_type, !!allow, PROP_ALLOW_MISSING_TOKEN_TYPE);
}

/**
 * oa2_client_get_dpop_bound_access_tokens: (get-property dpop-bound-access-tokens)
 * @self: a client
 *
 * Gets whether every token request asks for a DPoP-bound token.
 *
 * Returns: %TRUE if it does
 */
gboolean
oa2_client_get_dpop_bound_access_tokens (OA2Client *self)
{
  OA2ClientPrivate *priv;

  g_return_val_if_fail (OA2_IS_CLIENT (self), FALSE);
  priv = oa2_client_get_instance_private (self);
  return g_atomic_int_get (&priv->dpop_bound_access_tokens);
}

/**
 * oa2_client_set_dpop_bound_access_tokens: (set-property dpop-bound-access-tokens)
 * @self: a client
 * @bound: whether to ask for DPoP-bound tokens
 *
 * Sets [property@OA2.Client:dpop-bound-access-tokens]. Requests already
 * under way are not affected.
 */
void
oa2_client_set_dpop_bound_access_tokens (OA2Client *self,
                                         gboolean   bound)
{
  OA2ClientPrivate *priv;

  g_return_if_fail (OA2_IS_CLIENT (self));
  priv = oa2_client_get_instance_private (self);
  store_setting (self, &priv->dpop_bound_access_tokens, !!bound, PROP_DPOP_BOUND_ACCESS_TOKENS);
}

/**
 * oa2_client_dup_dpop_alg: (get-property dpop-alg)
 * @self: a client
 *
 * Gets the algorithm of the DPoP keys the client generates.
 *
 * Returns: (transfer full): the algorithm, such as `ES256`
 */
char *
oa2_client_dup_dpop_alg (OA2Client *self)
{
  OA2ClientPrivate *priv;
  char *alg;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  priv = oa2_client_get_instance_private (self);

  g_mutex_lock (&priv->dpop_lock);
  alg = g_strdup (priv->dpop_alg);
  g_mutex_unlock (&priv->dpop_lock);
  return alg;
}

/**
 * oa2_client_set_dpop_alg: (set-property dpop-alg)
 * @self: a client
 * @alg: (nullable): a JWS signature algorithm, or %NULL for `ES256`
 *
 * Sets [property@OA2.Client:dpop-alg]. It is checked when a key is
 * generated with it, at the next token request.
 */
void
oa2_client_set_dpop_alg (OA2Client  *self,
                         const char *alg)
{
  OA2ClientPrivate *priv;
  gboolean changed;

  g_return_if_fail (OA2_IS_CLIENT (self));
  priv = oa2_client_get_instance_private (self);

  if (alg == NULL)
    alg = OA2_CLIENT_DEFAULT_DPOP_ALG;
  g_mutex_lock (&priv->dpop_lock);
  changed = g_strcmp0 (priv->dpop_alg, alg) != 0;
  if (changed)
    {
      g_free (priv->dpop_alg);
      priv->dpop_alg = g_strdup (alg);
    }
  g_mutex_unlock (&priv->dpop_lock);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DPOP_ALG]);
}

/**
 * oa2_client_get_allow_dpop_downgrade: (get-property allow-dpop-downgrade)
 * @self: a client
 *
 * Gets whether a `Bearer` answer to a DPoP token request is accepted.
 *
 * Returns: %TRUE if it is
 */
gboolean
oa2_client_get_allow_dpop_downgrade (OA2Client *self)
{
  OA2ClientPrivate *priv;

  g_return_val_if_fail (OA2_IS_CLIENT (self), FALSE);
  priv = oa2_client_get_instance_private (self);
  return g_atomic_int_get (&priv->allow_dpop_downgrade);
}

/**
 * oa2_client_set_allow_dpop_downgrade: (set-property allow-dpop-downgrade)
 * @self: a client
 * @allow: whether to accept a `Bearer` answer to a DPoP token request
 *
 * Sets [property@OA2.Client:allow-dpop-downgrade], for a server known to
 * ignore DPoP proofs, when an unbound token is acceptable.
 */
void
oa2_client_set_allow_dpop_downgrade (OA2Client *self,
                                     gboolean   allow)
{
  OA2ClientPrivate *priv;

  g_return_if_fail (OA2_IS_CLIENT (self));
  priv = oa2_client_get_instance_private (self);
  store_setting (self, &priv->allow_dpop_downgrade, !!allow, PROP_ALLOW_DPOP_DOWNGRADE);
}

/**
 * oa2_client_set_dpop_key_generator:
 * @self: a client
 * @func: (nullable) (scope notified) (closure user_data) (destroy destroy):
 *   makes the key for a token request, or %NULL for the default,
 *   [func@OA2.DPoPKey.generate]
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data when @func is replaced or the
 *   client finalized
 *
 * Sets how the client makes a DPoP key for a token request that brings
 * none while [property@OA2.Client:dpop-bound-access-tokens] is set: for
 * instance, to keep one key per application, or to use a key in a
 * hardware token. @func runs in the thread that starts the request.
 */
void
oa2_client_set_dpop_key_generator (OA2Client           *self,
                                   OA2DPoPKeyGenerator  func,
                                   gpointer             user_data,
                                   GDestroyNotify       destroy)
{
  OA2ClientPrivate *priv;
  KeyGenerator *generator = NULL;
  KeyGenerator *old;

  g_return_if_fail (OA2_IS_CLIENT (self));
  priv = oa2_client_get_instance_private (self);

  if (func != NULL)
    {
      generator = g_atomic_rc_box_new0 (KeyGenerator);
      generator->func = func;
      generator->user_data = user_data;
      generator->destroy = destroy;
    }
  else if (destroy != NULL)
    destroy (user_data);

  g_mutex_lock (&priv->dpop_lock);
  old = priv->dpop_key_generator;
  priv->dpop_key_generator = generator;
  g_mutex_unlock (&priv->dpop_lock);
  if (old != NULL)
    key_generator_unref (old);
}

/* The key of one token request: the caller's, or a new one when the client
 * asks for bound tokens, or none. The generator runs outside the lock, so
 * that it may use the client. */
static gboolean
resolve_dpop_key (OA2Client   *self,
                  OA2DPoPKey  *given,
                  OA2DPoPKey **out_key,
                  GError     **error)
{
  OA2ClientPrivate *priv = oa2_client_get_instance_private (self);
  g_autofree char *alg = NULL;
  KeyGenerator *generator;

  *out_key = NULL;
  if (given != NULL)
    {
      *out_key = g_object_ref (given);
      return TRUE;
    }
  if (!oa2_client_get_dpop_bound_access_tokens (self))
    return TRUE;

  g_mutex_lock (&priv->dpop_lock);
  alg = g_strdup (priv->dpop_alg);
  generator = priv->dpop_key_generator != NULL ? g_atomic_rc_box_acquire (priv->dpop_key_generator) : NULL;
  g_mutex_unlock (&priv->dpop_lock);

  if (generator == NULL)
    {
      *out_key = oa2_dpop_key_generate (alg, error);
      return *out_key != NULL;
    }

  *out_key = generator->func (alg, generator->user_data);
  key_generator_unref (generator);
  if (*out_key == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_FAILED,
                           _("The DPoP key generator returned no key"));
      return FALSE;
    }
  return TRUE;
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

static GHashTable *
ref_mtls_endpoint_aliases (OA2Client *self)
{
  OA2ClientPrivate *priv = oa2_client_get_instance_private (self);
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

  aliases = ref_mtls_endpoint_aliases (self);
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
  priv = oa2_client_get_instance_private (self);

  g_mutex_lock (&priv->lock);
  old = priv->mtls_endpoint_aliases;
  priv->mtls_endpoint_aliases = aliases != NULL && g_hash_table_size (aliases) > 0 ? copy_aliases (aliases) : NULL;
  g_mutex_unlock (&priv->lock);

  if (old == NULL && priv->mtls_endpoint_aliases == NULL)
    return;
  g_clear_pointer (&old, g_hash_table_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MTLS_ENDPOINT_ALIASES]);
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
  store_setting (self, &priv->iss_parameter_supported, !!supported, PROP_AUTHORIZATION_RESPONSE_ISS_PARAMETER_SUPPORTED);
}

/* The request path shared by every grant, sync and async. */

static OA2TransportConfig
transport_config (OA2Client *self)
{
  OA2ClientPrivate *priv = oa2_client_get_instance_private (self);
  OA2TransportConfig config = {
    .session = priv->session,
    .timeout_seconds = oa2_client_get_timeout (self),
    .max_response_size = oa2_client_get_max_response_size (self),
  };

  return config;
}

/* What each attempt needs to authenticate the client and, with DPoP, to
 * prove possession of the key. */
typedef struct {
  OA2ClientAuth *auth;
  char          *issuer;
  OA2DPoPKey    *dpop_key;
  OA2DPoPNonces *nonces;      /* the session's, with dpop_key */
} AttemptAuth;

static void
attempt_auth_free (gpointer data)
{
  AttemptAuth *attempt_auth = data;

  g_clear_object (&attempt_auth->auth);
  g_free (attempt_auth->issuer);
  g_clear_object (&attempt_auth->dpop_key);
  g_clear_pointer (&attempt_auth->nonces, oa2_dpop_nonces_unref);
  g_free (attempt_auth);
}

/* Client credentials and DPoP proofs are produced per attempt: neither a
 * private_key_jwt assertion nor a proof may be replayed on a retry. */
static gboolean
authenticate_attempt (OA2HttpAttempt  *attempt,
                      guint            attempt_number,
                      gpointer         user_data,
                      GError         **error)
{
  AttemptAuth *attempt_auth = user_data;

  if (attempt_auth == NULL)
    return TRUE;

  if (attempt_auth->auth != NULL)
    {
      g_autoptr(GHashTable) params = NULL;

      params = oa2_client_auth_authenticate_for_issuer (attempt_auth->auth, attempt->method, attempt->uri,
                                                        attempt_auth->issuer, attempt->headers, error);
      if (params == NULL)
        return FALSE;
      oa2_form_set_all (attempt->form, params);
    }

  if (attempt_auth->dpop_key != NULL)
    {
      g_autoptr(OA2SecretText) proof = NULL;
      g_autofree char *nonce = oa2_dpop_nonces_dup (attempt_auth->nonces, attempt->endpoint);

      /* No access token yet: a proof for the token endpoint has no ath.
       * The nonce is the one the server sent last, on the first attempt
       * too, and after a use_dpop_nonce answer the one it just sent. */
      proof = oa2_dpop_key_make_proof (attempt_auth->dpop_key, attempt->method, attempt->uri,
                                       NULL, nonce, error);
      if (proof == NULL)
        return FALSE;
      soup_message_headers_replace (attempt->headers,
                                    oa2_dpop_key_get_proof_header (attempt_auth->dpop_key), proof);
    }
  return TRUE;
}

/* RFC 9449 §8: a server that wants a nonce in the proof answers 400 with
 * use_dpop_nonce and the nonce in DPoP-Nonce, which the transport has
 * already remembered. The request is sent once more, with a new proof
 * and a new client assertion; the transport allows no third attempt. */
static gboolean
retry_for_dpop_nonce (const OA2HttpResponse *response,
                      guint                  attempt_number,
                      gpointer               user_data)
{
  AttemptAuth *attempt_auth = user_data;
  g_autoptr(JsonObject) body = NULL;
  const char *code = NULL;

  if (attempt_auth == NULL || attempt_auth->dpop_key == NULL ||
      response->status != SOUP_STATUS_BAD_REQUEST ||
      !oa2_dpop_nonce_is_valid (soup_message_headers_get_one (response->headers, "DPoP-Nonce")) ||
      !oa2_http_response_is_json (response))
    return FALSE;

  body = oa2_json_parse_object (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body),
                                NULL);
  if (body == NULL)
    return FALSE;
  return oa2_json_get_string (body, "error", FALSE, &code, NULL) && g_strcmp0 (code, "use_dpop_nonce") == 0;
}

static OA2TransportHooks
token_request_hooks (OA2Client  *self,
                     OA2DPoPKey *dpop_key)
{
  OA2ClientPrivate *priv = oa2_client_get_instance_private (self);
  OA2TransportHooks hooks = { .prepare = authenticate_attempt, .should_retry = retry_for_dpop_nonce };

  if (priv->client_auth != NULL || dpop_key != NULL)
    {
      AttemptAuth *attempt_auth = g_new0 (AttemptAuth, 1);

      if (priv->client_auth != NULL)
        attempt_auth->auth = g_object_ref (priv->client_auth);
      attempt_auth->issuer = g_strdup (priv->issuer);
      if (dpop_key != NULL)
        {
          attempt_auth->dpop_key = g_object_ref (dpop_key);
          attempt_auth->nonces = oa2_dpop_nonces_for_session (priv->session);
        }
      hooks.user_data = attempt_auth;
      hooks.user_data_free = attempt_auth_free;
    }
  return hooks;
}

OA2HttpRequest *
oa2_client_new_endpoint_request (OA2Client  *self,
                                 const char *name,
                                 const char *endpoint,
                                 const char *label,
                                 OA2Form    *form)
{
  OA2ClientPrivate *priv = oa2_client_get_instance_private (self);
  GTlsCertificate *certificate = NULL;
  g_autoptr(GHashTable) aliases = ref_mtls_endpoint_aliases (self);
  OA2HttpRequest *request;
  const char *uri;

  if (priv->client_auth != NULL)
    certificate = oa2_client_auth_get_tls_certificate (priv->client_auth);
  uri = oa2_client_mtls_endpoint (aliases, name, endpoint, certificate != NULL);

  request = oa2_http_request_new ("POST", uri, label);
  request->form = form;
  g_set_object (&request->tls_certificate, certificate);
  return request;
}

OA2TransportConfig
oa2_client_get_transport_config (OA2Client *self)
{
  return transport_config (self);
}

OA2TransportHooks
oa2_client_get_endpoint_hooks (OA2Client  *self,
                               OA2DPoPKey *dpop_key)
{
  return token_request_hooks (self, dpop_key);
}

OA2HttpResponse *
oa2_client_send_endpoint_request (OA2Client       *self,
                                  OA2HttpRequest  *request,
                                  OA2DPoPKey      *dpop_key,
                                  GCancellable    *cancellable,
                                  GError         **error)
{
  OA2TransportConfig config = transport_config (self);
  OA2TransportHooks hooks = token_request_hooks (self, dpop_key);

  return oa2_transport_send (&config, request, &hooks, cancellable, error);
}

void
oa2_client_send_endpoint_request_async (OA2Client           *self,
                                        OA2HttpRequest      *request,
                                        OA2DPoPKey          *dpop_key,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  OA2TransportConfig config = transport_config (self);
  OA2TransportHooks hooks = token_request_hooks (self, dpop_key);

  oa2_transport_send_async (&config, request, &hooks, cancellable, callback, user_data);
}

JsonObject *
oa2_client_read_endpoint_json (const OA2HttpResponse  *response,
                               const char             *label,
                               gboolean                record_retry_after,
                               GError                **error)
{
  g_autoptr(JsonObject) body = NULL;
  gboolean is_error;

  body = oa2_response_read_json (response, label, &is_error, error);
  if (body == NULL)
    return NULL;
  if (is_error)
    {
      GError *mapped = oa2_response_oauth_error_from_json (body, response->status);

      if (record_retry_after)
        oa2_response_record_retry_after (response, mapped);
      g_propagate_error (error, mapped);
      return NULL;
    }
  return g_steal_pointer (&body);
}

static OA2HttpRequest *
token_http_request (OA2Client *self,
                    OA2Form   *form)
{
  OA2ClientPrivate *priv = oa2_client_get_instance_private (self);

  /* Translators: the name of an endpoint, the subject of sentences such as
   * "The %s did not answer within %u seconds" */
  return oa2_client_new_endpoint_request (self, "token_endpoint", priv->token_endpoint, _("token endpoint"), form);
}

/* RFC 9449 §5: a request with a proof must get a DPoP token back. A
 * server that ignores the proof answers Bearer, or (against RFC 6749)
 * nothing; either is an error unless the application accepts unbound
 * tokens, and then the answer goes through the usual parser. Returns a
 * DPoP token, or NULL with @error set, or NULL and no error for the usual
 * parser, with *@inout_body given a token_type when it had none. */
static OA2BearerToken *
dpop_token_from_response (OA2Client    *self,
                          JsonObject  **inout_body,
                          OA2DPoPKey   *dpop_key,
                          GError      **error)
{
  OA2ClientPrivate *priv = oa2_client_get_instance_private (self);
  const char *token_type = NULL;
  OA2DPoPToken *token;

  if (!oa2_json_get_string (*inout_body, "token_type", FALSE, &token_type, error))
    return NULL;

  if (token_type != NULL && g_ascii_strcasecmp (token_type, "DPoP") == 0)
    {
      g_autoptr(OA2DPoPNonces) nonces = oa2_dpop_nonces_for_session (priv->session);

      token = oa2_dpop_token_new_from_response (*inout_body, dpop_key, error);
      if (token == NULL)
        return NULL;
      /* The token's resource servers and this client's authorization
       * server share the session's nonces. */
      oa2_dpop_token_set_nonces (token, nonces);
      return OA2_BEARER_TOKEN (token);
    }

  if (!oa2_client_get_allow_dpop_downgrade (self))
    {
      if (token_type == NULL)
        g_set_error_literal (error, OA2_ERROR, OA2_ERROR_TOKEN_TYPE_MISMATCH,
                             _("The server did not say which type of token it issued, where a DPoP-bound "
                               "token was asked for"));
      else
        {
          g_autofree char *safe = oa2_error_sanitize_name (token_type);

          g_set_error (error, OA2_ERROR, OA2_ERROR_TOKEN_TYPE_MISMATCH,
                       /* Translators: %s is a token type such as "Bearer" */
                       _("The server issued a token of type “%s” where a DPoP-bound token was asked for"),
                       safe);
        }
      return NULL;
    }

  if (token_type == NULL)
    {
      JsonObject *typed = response_with_member (*inout_body, "token_type", "Bearer");

      json_object_unref (*inout_body);
      *inout_body = typed;
    }
  return NULL;
}

static OA2BearerToken *
token_from_response (OA2Client                     *self,
                     const OA2HttpResponse         *response,
                     const char                    *carried_refresh_token,
                     OA2DPoPKey                    *dpop_key,
                     const OA2IdTokenExpectations  *expectations,
                     GError                       **error)
{
  OA2ClientClass *klass = OA2_CLIENT_GET_CLASS (self);
  g_autoptr(JsonObject) body = NULL;
  OA2BearerToken *token;
  GError *local_error = NULL;
  gboolean is_error;

  body = oa2_response_read_json (response, _("token endpoint"), &is_error, &local_error);
  if (body == NULL)
    {
      /* A 503 page without an OAuth body may still say when to come back. */
      oa2_response_record_retry_after (response, local_error);
      g_propagate_error (error, local_error);
      return NULL;
    }

  if (is_error)
    {
      GError *mapped = klass->on_token_error (self, response->status, body);

      if (mapped == NULL)
        mapped = oa2_response_oauth_error_from_json (body, response->status);
      oa2_response_record_retry_after (response, mapped);
      g_propagate_error (error, mapped);
      return NULL;
    }

  /* RFC 6749 §6: without a new refresh token, the old one stays valid. */
  if (carried_refresh_token != NULL && !json_object_has_member (body, "refresh_token"))
    {
      JsonObject *with_refresh = response_with_member (body, "refresh_token", carried_refresh_token);

      json_object_unref (body);
      body = with_refresh;
    }

  if (dpop_key != NULL)
    {
      token = dpop_token_from_response (self, &body, dpop_key, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (token != NULL)
        return token;
    }

  token = klass->parse_token_response (self, body, error);
  if (token == NULL && error != NULL && *error == NULL)
    g_set_error_literal (error, OA2_ERROR, OA2_ERROR_FAILED,
                         _("The client’s token response parser returned no token and no error"));
  /* An override may have built the token generically, as bindings do,
   * without an access token or with an invalid one. */
  if (token != NULL && !g_initable_init (G_INITABLE (token), NULL, error))
    g_clear_object (&token);
  return token;
}

static OA2BearerToken *
send_token_request (OA2Client                     *self,
                    OA2Form                       *form,
                    const char                    *carried_refresh_token,
                    OA2DPoPKey                    *given_dpop_key,
                    const OA2IdTokenExpectations  *expectations,
                    GCancellable                  *cancellable,
                    GError                       **error)
{
  OA2TransportConfig config = transport_config (self);
  OA2TransportHooks hooks;
  g_autoptr(OA2HttpResponse) response = NULL;
  g_autoptr(OA2DPoPKey) dpop_key = NULL;
  OA2BearerToken *token;

  if (!resolve_dpop_key (self, given_dpop_key, &dpop_key, error))
    {
      oa2_form_free (form);
      return NULL;
    }
  hooks = token_request_hooks (self, dpop_key);
  response = oa2_transport_send (&config, token_http_request (self, form), &hooks, cancellable, error);
  if (response == NULL)
    return NULL;
  token = token_from_response (self, response, carried_refresh_token, dpop_key, expectations, error);
  /* Every ID token is validated before the caller sees the token. */
  if (token != NULL && !oa2_client_validate_token_response (self, token, expectations, cancellable, error))
    g_clear_object (&token);
  return token;
}

/* What the response of an asynchronous token request is read with. The
 * expectations are copied: the caller's strings may be gone by the time
 * the response arrives. */
typedef struct {
  char                   *carried_refresh_token;
  OA2DPoPKey             *dpop_key;
  gboolean                has_expectations;
  OA2IdTokenExpectations  expectations;   /* its strings owned */
  OA2BearerToken         *token;          /* while its ID token is validated */
} TokenTaskData;

static void
token_task_data_set_expectations (TokenTaskData                *task_data,
                                  const OA2IdTokenExpectations *expectations)
{
  if (expectations == NULL)
    return;
  task_data->has_expectations = TRUE;
  task_data->expectations = *expectations;
  task_data->expectations.nonce = g_strdup (expectations->nonce);
  task_data->expectations.code = g_strdup (expectations->code);
  task_data->expectations.previous_id_token = g_strdup (expectations->previous_id_token);
}

static void
token_task_data_free (gpointer data)
{
  TokenTaskData *task_data = data;

  oa2_secret_free (task_data->carried_refresh_token);
  g_clear_object (&task_data->dpop_key);
  g_clear_object (&task_data->token);
  g_free ((char *) task_data->expectations.nonce);
  /* The code is a credential until the exchange has used it. */
  oa2_secret_free ((char *) task_data->expectations.code);
  oa2_secret_free ((char *) task_data->expectations.previous_id_token);
  g_free (task_data);
}

static void
on_token_validated (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TokenTaskData *task_data = g_task_get_task_data (task);
  OA2BearerToken *token = g_steal_pointer (&task_data->token);
  GError *error = NULL;

  if (!oa2_client_validate_token_response_finish (OA2_CLIENT (source), result, &error))
    {
      g_object_unref (token);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, token, g_object_unref);
}

static void
on_token_response (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OA2Client *self = g_task_get_source_object (task);
  TokenTaskData *task_data = g_task_get_task_data (task);
  g_autoptr(OA2HttpResponse) response = NULL;
  OA2BearerToken *token;
  GCancellable *cancellable;
  GError *error = NULL;

  response = oa2_transport_send_finish (result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  token = token_from_response (self, response, task_data->carried_refresh_token, task_data->dpop_key,
                               task_data->has_expectations ? &task_data->expectations : NULL, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The expectations live in the task data, which lives as long as the
   * task this validation completes. */
  task_data->token = token;
  cancellable = g_task_get_cancellable (task);
  oa2_client_validate_token_response_async (self, token,
                                            task_data->has_expectations ? &task_data->expectations : NULL,
                                            cancellable, on_token_validated, g_steal_pointer (&task));
}

/* @form is NULL when building the request failed with @build_error; the
 * error is then reported through the callback like any other. The task is
 * named after the public function (@task_name, a static string), for
 * debuggers and profilers. A key the client generates is made here, in
 * the caller's thread. */
static void
send_token_request_full_async (OA2Client                    *self,
                               OA2Form                      *form,
                               GError                       *build_error,
                               const char                   *carried_refresh_token,
                               gpointer                      source_tag,
                               const char                   *task_name,
                               OA2DPoPKey                   *given_dpop_key,
                               const OA2IdTokenExpectations *expectations,
                               GCancellable                 *cancellable,
                               GAsyncReadyCallback           callback,
                               gpointer                      user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  TokenTaskData *task_data = g_new0 (TokenTaskData, 1);
  OA2TransportConfig config;
  OA2TransportHooks hooks;
  GError *error = NULL;

  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, task_name);
  task_data->carried_refresh_token = g_strdup (carried_refresh_token);
  token_task_data_set_expectations (task_data, expectations);
  g_task_set_task_data (task, task_data, token_task_data_free);

  if (form == NULL)
    {
      g_task_return_error (task, build_error);
      return;
    }
  if (!resolve_dpop_key (self, given_dpop_key, &task_data->dpop_key, &error))
    {
      oa2_form_free (form);
      g_task_return_error (task, error);
      return;
    }

  config = transport_config (self);
  hooks = token_request_hooks (self, task_data->dpop_key);
  oa2_transport_send_async (&config, token_http_request (self, form), &hooks, cancellable,
                            on_token_response, g_steal_pointer (&task));
}

/* The public grants: no expectations beyond the client's settings. */
static void
send_token_request_async (OA2Client           *self,
                          OA2Form             *form,
                          GError              *build_error,
                          const char          *carried_refresh_token,
                          gpointer             source_tag,
                          const char          *task_name,
                          OA2DPoPKey          *given_dpop_key,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  send_token_request_full_async (self, form, build_error, carried_refresh_token, source_tag, task_name,
                                 given_dpop_key, NULL, cancellable, callback, user_data);
}

static OA2BearerToken *
send_token_request_finish (OA2Client     *self,
                           GAsyncResult  *result,
                           gpointer       source_tag,
                           GError       **error)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The entry point of oa2-client-private.h, for the library's flows. */
OA2BearerToken *
oa2_client_send_token_request (OA2Client                     *self,
                               OA2Form                       *form,
                               OA2DPoPKey                    *dpop_key,
                               const OA2IdTokenExpectations  *expectations,
                               GCancellable                  *cancellable,
                               GError                       **error)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (form != NULL, NULL);
  g_return_val_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return send_token_request (self, form, NULL, dpop_key, expectations, cancellable, error);
}

void
oa2_client_send_token_request_async (OA2Client                    *self,
                                     OA2Form                      *form,
                                     OA2DPoPKey                   *dpop_key,
                                     const OA2IdTokenExpectations *expectations,
                                     gpointer                      source_tag,
                                     GCancellable                 *cancellable,
                                     GAsyncReadyCallback           callback,
                                     gpointer                      user_data)
{
  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (form != NULL);
  g_return_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key));

  send_token_request_full_async (self, form, NULL, NULL, source_tag, "oa2_client_send_token_request_async",
                                 dpop_key, expectations, cancellable, callback, user_data);
}

OA2BearerToken *
oa2_client_send_token_request_finish (OA2Client     *self,
                                      GAsyncResult  *result,
                                      gpointer       source_tag,
                                      GError       **error)
{
  return send_token_request_finish (self, result, source_tag, error);
}

/**
 * oa2_client_token_request:
 * @self: a client
 * @params: (element-type utf8 utf8): every request parameter, including
 *   `grant_type`
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707), sent as repeated `resource` parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a token request for any grant type (RFC 6749 §4.5), such as a
 * server's extension grant. Client authentication is added by the client;
 * do not put credentials in @params.
 *
 * This call blocks; [method@OA2.Client.token_request_async] is its asynchronous
 * twin.
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_token_request (OA2Client *self,
                          GHashTable *params,
                          const char * const *resources,
                          OA2DPoPKey *dpop_key,
                          GCancellable *cancellable,
                          GError **error)
{
  OA2Form *form;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  form = oa2_token_form_from_params (params, resources, error);
  if (form == NULL)
    return NULL;
  return send_token_request (self, form, NULL, dpop_key, NULL, cancellable, error);
}

/**
 * oa2_client_token_request_async:
 * @self: a client
 * @params: (element-type utf8 utf8): every request parameter, including
 *   `grant_type`
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707), sent as repeated `resource` parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token arrives or the request fails
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.Client.token_request]. The
 * arguments are copied; @callback runs in the thread-default main context
 * of this call. Finish with [method@OA2.Client.token_request_finish].
 */
void
oa2_client_token_request_async (OA2Client *self,
                                GHashTable *params,
                                const char * const *resources,
                                OA2DPoPKey *dpop_key,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  OA2Form *form;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  form = oa2_token_form_from_params (params, resources, &error);
  send_token_request_async (self, form, g_steal_pointer (&error), NULL,
                            oa2_client_token_request_async, G_STRFUNC, dpop_key, cancellable, callback, user_data);
}

/**
 * oa2_client_token_request_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.token_request_async].
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_token_request_finish (OA2Client *self,
                                 GAsyncResult *result,
                                 GError **error)
{
  return send_token_request_finish (self, result, oa2_client_token_request_async, error);
}

/**
 * oa2_client_client_credentials:
 * @self: a client
 * @scope: (nullable): the space-separated scope to ask for
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707), sent as repeated `resource` parameters
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters, such
 *   as `audience`
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets a token for the client itself with the client credentials grant
 * (RFC 6749 §4.4).
 *
 * This call blocks; [method@OA2.Client.client_credentials_async] is its asynchronous
 * twin.
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_client_credentials (OA2Client *self,
                               const char *scope,
                               const char * const *resources,
                               GHashTable *extra_params,
                               OA2DPoPKey *dpop_key,
                               GCancellable *cancellable,
                               GError **error)
{
  OA2Form *form;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  form = oa2_token_form_client_credentials (scope, resources, extra_params, error);
  if (form == NULL)
    return NULL;
  return send_token_request (self, form, NULL, dpop_key, NULL, cancellable, error);
}

/**
 * oa2_client_client_credentials_async:
 * @self: a client
 * @scope: (nullable): the space-separated scope to ask for
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707), sent as repeated `resource` parameters
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters, such
 *   as `audience`
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token arrives or the request fails
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.Client.client_credentials]. The
 * arguments are copied; @callback runs in the thread-default main context
 * of this call. Finish with [method@OA2.Client.client_credentials_finish].
 */
void
oa2_client_client_credentials_async (OA2Client *self,
                                     const char *scope,
                                     const char * const *resources,
                                     GHashTable *extra_params,
                                     OA2DPoPKey *dpop_key,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  OA2Form *form;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  form = oa2_token_form_client_credentials (scope, resources, extra_params, &error);
  send_token_request_async (self, form, g_steal_pointer (&error), NULL,
                            oa2_client_client_credentials_async, G_STRFUNC, dpop_key, cancellable, callback, user_data);
}

/**
 * oa2_client_client_credentials_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.client_credentials_async].
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_client_credentials_finish (OA2Client *self,
                                      GAsyncResult *result,
                                      GError **error)
{
  return send_token_request_finish (self, result, oa2_client_client_credentials_async, error);
}

/**
 * oa2_client_authorization_code:
 * @self: a client
 * @code: the authorization code from the redirect
 * @redirect_uri: (nullable): the redirect URI of the authorization request,
 *   which the server requires when the request had one
 * @code_verifier: (nullable): the PKCE code verifier (RFC 7636)
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Exchanges an authorization code for tokens (RFC 6749 §4.1.3).
 *
 * This call blocks; [method@OA2.Client.authorization_code_async] is its asynchronous
 * twin.
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_authorization_code (OA2Client *self,
                               const char *code,
                               const char *redirect_uri,
                               const char *code_verifier,
                               const char * const *resources,
                               GHashTable *extra_params,
                               OA2DPoPKey *dpop_key,
                               GCancellable *cancellable,
                               GError **error)
{
  OA2Form *form;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  form = oa2_token_form_authorization_code (code, redirect_uri, code_verifier, resources, extra_params, error);
  if (form == NULL)
    return NULL;
  return send_token_request (self, form, NULL, dpop_key, NULL, cancellable, error);
}

/**
 * oa2_client_authorization_code_async:
 * @self: a client
 * @code: the authorization code from the redirect
 * @redirect_uri: (nullable): the redirect URI of the authorization request,
 *   which the server requires when the request had one
 * @code_verifier: (nullable): the PKCE code verifier (RFC 7636)
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token arrives or the request fails
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.Client.authorization_code]. The
 * arguments are copied; @callback runs in the thread-default main context
 * of this call. Finish with [method@OA2.Client.authorization_code_finish].
 */
void
oa2_client_authorization_code_async (OA2Client *self,
                                     const char *code,
                                     const char *redirect_uri,
                                     const char *code_verifier,
                                     const char * const *resources,
                                     GHashTable *extra_params,
                                     OA2DPoPKey *dpop_key,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  OA2Form *form;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  form = oa2_token_form_authorization_code (code, redirect_uri, code_verifier, resources, extra_params, &error);
  send_token_request_async (self, form, g_steal_pointer (&error), NULL,
                            oa2_client_authorization_code_async, G_STRFUNC, dpop_key, cancellable, callback, user_data);
}

/**
 * oa2_client_authorization_code_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.authorization_code_async].
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_authorization_code_finish (OA2Client *self,
                                      GAsyncResult *result,
                                      GError **error)
{
  return send_token_request_finish (self, result, oa2_client_authorization_code_async, error);
}

/**
 * oa2_client_refresh_token:
 * @self: a client
 * @refresh_token: (nullable): the refresh token; %NULL fails with
 *   %OA2_ERROR_NO_REFRESH_TOKEN
 * @scope: (nullable): a narrower scope to ask for, or %NULL for the
 *   original scope
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets a new access token with a refresh token (RFC 6749 §6).
 *
 * When the server does not issue a new refresh token, the returned token
 * carries @refresh_token on, so that it can be stored and used again. When
 * it does, the old one must be discarded.
 *
 * To renew a DPoP-bound token, give the key it is bound to
 * ([method@OA2.DPoPToken.get_dpop_key]) as @dpop_key: a server binds the
 * refresh token of a public client to that key.
 *
 * This call blocks; [method@OA2.Client.refresh_token_async] is its asynchronous
 * twin.
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_refresh_token (OA2Client *self,
                          const char *refresh_token,
                          const char *scope,
                          const char * const *resources,
                          GHashTable *extra_params,
                          OA2DPoPKey *dpop_key,
                          GCancellable *cancellable,
                          GError **error)
{
  OA2Form *form;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  form = oa2_token_form_refresh_token (refresh_token, scope, resources, extra_params, error);
  if (form == NULL)
    return NULL;
  return send_token_request (self, form, refresh_token, dpop_key, NULL, cancellable, error);
}

/**
 * oa2_client_refresh_token_async:
 * @self: a client
 * @refresh_token: (nullable): the refresh token; %NULL fails with
 *   %OA2_ERROR_NO_REFRESH_TOKEN
 * @scope: (nullable): a narrower scope to ask for, or %NULL for the
 *   original scope
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token arrives or the request fails
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.Client.refresh_token]. The
 * arguments are copied; @callback runs in the thread-default main context
 * of this call. Finish with [method@OA2.Client.refresh_token_finish].
 */
void
oa2_client_refresh_token_async (OA2Client *self,
                                const char *refresh_token,
                                const char *scope,
                                const char * const *resources,
                                GHashTable *extra_params,
                                OA2DPoPKey *dpop_key,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  OA2Form *form;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  form = oa2_token_form_refresh_token (refresh_token, scope, resources, extra_params, &error);
  send_token_request_async (self, form, g_steal_pointer (&error), refresh_token,
                            oa2_client_refresh_token_async, G_STRFUNC, dpop_key, cancellable, callback, user_data);
}

/**
 * oa2_client_refresh_token_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.refresh_token_async].
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_refresh_token_finish (OA2Client *self,
                                 GAsyncResult *result,
                                 GError **error)
{
  return send_token_request_finish (self, result, oa2_client_refresh_token_async, error);
}

/**
 * oa2_client_resource_owner_password:
 * @self: a client
 * @username: the resource owner's user name
 * @password: the resource owner's password
 * @scope: (nullable): the space-separated scope to ask for
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets a token with the resource owner's password (RFC 6749 §4.3).
 *
 * **Warning:** this grant hands the user's password to the client and is
 * deprecated by the OAuth 2.0 Security Best Current Practice. Use it only
 * with servers that offer nothing else.
 *
 * This call blocks; [method@OA2.Client.resource_owner_password_async] is its asynchronous
 * twin.
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_resource_owner_password (OA2Client *self,
                                    const char *username,
                                    const char *password,
                                    const char *scope,
                                    const char * const *resources,
                                    GHashTable *extra_params,
                                    OA2DPoPKey *dpop_key,
                                    GCancellable *cancellable,
                                    GError **error)
{
  OA2Form *form;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  form = oa2_token_form_password (username, password, scope, resources, extra_params, error);
  if (form == NULL)
    return NULL;
  return send_token_request (self, form, NULL, dpop_key, NULL, cancellable, error);
}

/**
 * oa2_client_resource_owner_password_async:
 * @self: a client
 * @username: the resource owner's user name
 * @password: the resource owner's password
 * @scope: (nullable): the space-separated scope to ask for
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token arrives or the request fails
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.Client.resource_owner_password]. The
 * arguments are copied; @callback runs in the thread-default main context
 * of this call. Finish with [method@OA2.Client.resource_owner_password_finish].
 */
void
oa2_client_resource_owner_password_async (OA2Client *self,
                                          const char *username,
                                          const char *password,
                                          const char *scope,
                                          const char * const *resources,
                                          GHashTable *extra_params,
                                          OA2DPoPKey *dpop_key,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  OA2Form *form;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  form = oa2_token_form_password (username, password, scope, resources, extra_params, &error);
  send_token_request_async (self, form, g_steal_pointer (&error), NULL,
                            oa2_client_resource_owner_password_async, G_STRFUNC, dpop_key, cancellable, callback, user_data);
}

/**
 * oa2_client_resource_owner_password_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.resource_owner_password_async].
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_resource_owner_password_finish (OA2Client *self,
                                           GAsyncResult *result,
                                           GError **error)
{
  return send_token_request_finish (self, result, oa2_client_resource_owner_password_async, error);
}

/**
 * oa2_client_jwt_bearer:
 * @self: a client
 * @assertion: the JWT to present, in compact form; for an [class@OA2.Jwt],
 *   [method@OA2.Jwt.get_compact]
 * @scope: (nullable): the space-separated scope to ask for
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets a token with the JWT bearer grant (RFC 7523 §2.1): the assertion,
 * issued by a party the server trusts or signed by the client with
 * [func@OA2.Jwt.sign_bearer_assertion], stands for the grant. The client
 * authenticates as well when it has a [property@OA2.Client:client-auth].
 *
 * This call blocks; [method@OA2.Client.jwt_bearer_async] is its
 * asynchronous twin.
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_jwt_bearer (OA2Client           *self,
                       const char          *assertion,
                       const char          *scope,
                       const char * const  *resources,
                       GHashTable          *extra_params,
                       OA2DPoPKey          *dpop_key,
                       GCancellable        *cancellable,
                       GError             **error)
{
  OA2Form *form;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  form = oa2_token_form_jwt_bearer (assertion, scope, resources, extra_params, error);
  if (form == NULL)
    return NULL;
  return send_token_request (self, form, NULL, dpop_key, NULL, cancellable, error);
}

/**
 * oa2_client_jwt_bearer_async:
 * @self: a client
 * @assertion: the JWT to present, in compact form
 * @scope: (nullable): the space-separated scope to ask for
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token arrives or the request fails
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.Client.jwt_bearer]. The
 * arguments are copied; @callback runs in the thread-default main context
 * of this call. Finish with [method@OA2.Client.jwt_bearer_finish].
 */
void
oa2_client_jwt_bearer_async (OA2Client           *self,
                             const char          *assertion,
                             const char          *scope,
                             const char * const  *resources,
                             GHashTable          *extra_params,
                             OA2DPoPKey          *dpop_key,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  OA2Form *form;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  form = oa2_token_form_jwt_bearer (assertion, scope, resources, extra_params, &error);
  send_token_request_async (self, form, g_steal_pointer (&error), NULL,
                            oa2_client_jwt_bearer_async, G_STRFUNC, dpop_key, cancellable, callback, user_data);
}

/**
 * oa2_client_jwt_bearer_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.jwt_bearer_async].
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_jwt_bearer_finish (OA2Client     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return send_token_request_finish (self, result, oa2_client_jwt_bearer_async, error);
}

/* What oa2_client_refresh() takes from the token it renews: the refresh
 * token, the DPoP key of a bound token, and the ID token a new one must
 * continue (OIDC Core §12.2). */
static OA2DPoPKey *
refresh_dpop_key (OA2BearerToken *token)
{
  return OA2_IS_DPOP_TOKEN (token) ? oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (token)) : NULL;
}

static OA2IdTokenExpectations
refresh_expectations (OA2BearerToken *token)
{
  OA2IdTokenExpectations expectations = OA2_ID_TOKEN_EXPECTATIONS_INIT;

  expectations.previous_id_token = oa2_bearer_token_get_id_token (token);
  return expectations;
}

/**
 * oa2_client_refresh:
 * @self: a client
 * @token: the token to renew, which carries a refresh token
 * @scope: (nullable): a narrower scope to ask for, or %NULL for the
 *   original scope
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Renews @token with its refresh token (RFC 6749 §6), as
 * [method@OA2.Client.refresh_token] does, and with what else the token
 * knows: a [class@OA2.DPoPToken] is renewed with the key it is bound to,
 * and when @token carries an ID token, a new ID token must keep its
 * issuer, subject, audience and `auth_time` (OpenID Connect Core §12.2);
 * one that does not fails with %OA2_ERROR_INVALID_CLAIM.
 *
 * This call blocks; [method@OA2.Client.refresh_async] is its asynchronous
 * twin.
 *
 * Returns: (transfer full): the new token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_refresh (OA2Client           *self,
                    OA2BearerToken      *token,
                    const char          *scope,
                    const char * const  *resources,
                    GHashTable          *extra_params,
                    GCancellable        *cancellable,
                    GError             **error)
{
  OA2IdTokenExpectations expectations;
  const char *refresh_token;
  OA2Form *form;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (OA2_IS_BEARER_TOKEN (token), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  refresh_token = oa2_bearer_token_get_refresh_token (token);
  form = oa2_token_form_refresh_token (refresh_token, scope, resources, extra_params, error);
  if (form == NULL)
    return NULL;
  expectations = refresh_expectations (token);
  return send_token_request (self, form, refresh_token, refresh_dpop_key (token), &expectations,
                             cancellable, error);
}

/**
 * oa2_client_refresh_async:
 * @self: a client
 * @token: the token to renew, which carries a refresh token
 * @scope: (nullable): a narrower scope to ask for, or %NULL for the
 *   original scope
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token arrives or the request fails
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.Client.refresh]. Finish
 * with [method@OA2.Client.refresh_finish].
 */
void
oa2_client_refresh_async (OA2Client           *self,
                          OA2BearerToken      *token,
                          const char          *scope,
                          const char * const  *resources,
                          GHashTable          *extra_params,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  OA2IdTokenExpectations expectations;
  const char *refresh_token;
  OA2Form *form;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (OA2_IS_BEARER_TOKEN (token));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  refresh_token = oa2_bearer_token_get_refresh_token (token);
  form = oa2_token_form_refresh_token (refresh_token, scope, resources, extra_params, &error);
  expectations = refresh_expectations (token);
  send_token_request_full_async (self, form, g_steal_pointer (&error), refresh_token, oa2_client_refresh_async,
                                 G_STRFUNC, refresh_dpop_key (token), &expectations, cancellable, callback,
                                 user_data);
}

/**
 * oa2_client_refresh_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.refresh_async].
 *
 * Returns: (transfer full): the new token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_refresh_finish (OA2Client     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return send_token_request_finish (self, result, oa2_client_refresh_async, error);
}
