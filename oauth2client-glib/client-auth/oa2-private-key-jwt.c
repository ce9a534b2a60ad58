/* oa2-private-key-jwt.c: the private_key_jwt authentication method
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2PrivateKeyJwt:
 *
 * Authenticates with a JWT that the client signs with its private key
 * (RFC 7523 §2.2, OpenID Connect Core §9, `private_key_jwt`). The server
 * knows only the public key, so no shared secret travels or can leak from
 * the server.
 *
 * Every attempt of every request carries a new assertion: `iss` and `sub`
 * are the client identifier; `aud` is [property@OA2.PrivateKeyJwt:audience]
 * when set, else the client's issuer when it has one, else the URI of the
 * endpoint; `jti` is 128 bits from the system's CSPRNG; `iat` is now and
 * `exp` [property@OA2.PrivateKeyJwt:lifetime] seconds later. The header
 * holds `alg` and, when the key has one, its `kid`.
 *
 * A public key, an HMAC key, a missing algorithm and an algorithm the key
 * cannot sign with are errors at construction.
 *
 * ```c
 * g_autoptr(OA2Jwk) key = oa2_jwk_new_from_pem (pem, &error);
 * g_autoptr(OA2PrivateKeyJwt) auth = oa2_private_key_jwt_new ("my-client", key, "ES256", &error);
 * g_autoptr(OA2Client) client =
 *   oa2_client_new ("https://as.example.com/token", OA2_CLIENT_AUTH (auth));
 * ```
 *
 * ```python
 * auth = OA2.PrivateKeyJwt.new('my-client', OA2.Jwk.new_from_pem(pem), 'ES256')
 * # or, with more settings:
 * auth = OA2.PrivateKeyJwt(client_id='my-client', key=key, alg='ES256',
 *                          audience=['https://as.example.com'], lifetime=30)
 * auth.init(None)   # raises the construction error, if any
 * ```
 */

#include "config.h"

#include "oa2-client-assertion-private.h"
#include "oa2-private-key-jwt.h"

struct _OA2PrivateKeyJwt
{
  OA2ClientAuth parent_instance;

  OA2ClientAssertion assertion;
};

static void initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OA2PrivateKeyJwt, oa2_private_key_jwt, OA2_TYPE_CLIENT_AUTH,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, initable_iface_init))

enum {
  PROP_KEY = OA2_CLIENT_ASSERTION_N_PROPS,
};

static GHashTable *
oa2_private_key_jwt_authenticate (OA2ClientAuth       *auth,
                                  const char          *method,
                                  const char          *uri,
                                  SoupMessageHeaders  *headers,
                                  GError             **error)
{
  OA2PrivateKeyJwt *self = OA2_PRIVATE_KEY_JWT (auth);

  return oa2_client_assertion_params (&self->assertion, oa2_client_auth_get_client_id (auth), uri, error);
}

static const char *
oa2_private_key_jwt_get_method_name (OA2ClientAuth *auth)
{
  return "private_key_jwt";
}

/* Checked in constructed(), because bindings construct with properties
 * and never call g_initable_init(); authenticate() and init() report it. */
static void
oa2_private_key_jwt_constructed (GObject *object)
{
  OA2PrivateKeyJwt *self = OA2_PRIVATE_KEY_JWT (object);

  G_OBJECT_CLASS (oa2_private_key_jwt_parent_class)->constructed (object);

  oa2_client_assertion_check (&self->assertion, TRUE);
  oa2_client_assertion_attach (&self->assertion, OA2_CLIENT_AUTH (self));
}

static gboolean
oa2_private_key_jwt_initable_init (GInitable     *initable,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  OA2PrivateKeyJwt *self = OA2_PRIVATE_KEY_JWT (initable);

  if (self->assertion.init_error == NULL)
    return TRUE;
  g_propagate_error (error, g_error_copy (self->assertion.init_error));
  return FALSE;
}

static void
initable_iface_init (GInitableIface *iface)
{
  iface->init = oa2_private_key_jwt_initable_init;
}

static void
oa2_private_key_jwt_finalize (GObject *object)
{
  OA2PrivateKeyJwt *self = OA2_PRIVATE_KEY_JWT (object);

  oa2_client_assertion_clear (&self->assertion);

  G_OBJECT_CLASS (oa2_private_key_jwt_parent_class)->finalize (object);
}

static void
oa2_private_key_jwt_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  OA2PrivateKeyJwt *self = OA2_PRIVATE_KEY_JWT (object);

  if (prop_id == PROP_KEY)
    g_value_set_object (value, self->assertion.key);
  else if (!oa2_client_assertion_get_property (&self->assertion, prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
oa2_private_key_jwt_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  OA2PrivateKeyJwt *self = OA2_PRIVATE_KEY_JWT (object);

  if (prop_id == PROP_KEY)
    self->assertion.key = g_value_dup_object (value);
  else if (!oa2_client_assertion_set_property (&self->assertion, prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
oa2_private_key_jwt_class_init (OA2PrivateKeyJwtClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OA2ClientAuthClass *auth_class = OA2_CLIENT_AUTH_CLASS (klass);

  object_class->constructed = oa2_private_key_jwt_constructed;
  object_class->finalize = oa2_private_key_jwt_finalize;
  object_class->get_property = oa2_private_key_jwt_get_property;
  object_class->set_property = oa2_private_key_jwt_set_property;
  auth_class->authenticate = oa2_private_key_jwt_authenticate;
  auth_class->get_method_name = oa2_private_key_jwt_get_method_name;

  /**
   * OA2PrivateKeyJwt:alg: (getter get_alg)
   *
   * The signature algorithm, such as `ES256`, `RS256` or `EdDSA`; when
   * not given at construction, the key's `alg`.
   */
  /**
   * OA2PrivateKeyJwt:audience:
   *
   * The `aud` of the assertions: one value or several. When %NULL, the
   * client's [property@OA2.Client:issuer] when set, else the URI of the
   * endpoint the request goes to.
   */
  /**
   * OA2PrivateKeyJwt:lifetime:
   *
   * How many seconds after `iat` each assertion expires (`exp`).
   */
  /**
   * OA2PrivateKeyJwt:not-before:
   *
   * Whether the assertions carry `nbf`, equal to `iat`.
   */
  oa2_client_assertion_install_properties (object_class);

  /**
   * OA2PrivateKeyJwt:key: (getter get_key)
   *
   * The private key that signs the assertions. Its `kid`, when it has
   * one, goes into their header.
   */
  g_object_class_install_property (object_class, PROP_KEY,
    g_param_spec_object ("key", NULL, NULL, OA2_TYPE_JWK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
}

static void
oa2_private_key_jwt_init (OA2PrivateKeyJwt *self)
{
  self->assertion.lifetime = OA2_CLIENT_ASSERTION_DEFAULT_LIFETIME;
}

/**
 * oa2_private_key_jwt_new:
 * @client_id: the client identifier
 * @key: the client's private key
 * @alg: (nullable): the signature algorithm, or %NULL for the key's `alg`
 * @error: return location for a #GError
 *
 * Creates a `private_key_jwt` authentication. The other settings are
 * properties, which bindings and g_initable_new() can set at construction.
 *
 * Returns: (transfer full): a new client authentication, or %NULL with
 *   @error set when @key is not a private key of a key pair, when neither
 *   @alg nor the key names an algorithm (%OA2_ERROR_INVALID_ARGUMENT), or
 *   when the key cannot sign with the algorithm (%OA2_ERROR_KEY_MISMATCH)
 */
OA2PrivateKeyJwt *
oa2_private_key_jwt_new (const char  *client_id,
                         OA2Jwk      *key,
                         const char  *alg,
                         GError     **error)
{
  g_return_val_if_fail (client_id != NULL && *client_id != '\0', NULL);
  g_return_val_if_fail (OA2_IS_JWK (key), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (OA2_TYPE_PRIVATE_KEY_JWT, NULL, error,
                         "client-id", client_id, "key", key, "alg", alg, NULL);
}

/**
 * oa2_private_key_jwt_get_key: (get-property key)
 * @self: a private_key_jwt authentication
 *
 * Gets the signing key.
 *
 * Returns: (transfer none) (nullable): the key, %NULL only if none was
 *   given at construction
 */
OA2Jwk *
oa2_private_key_jwt_get_key (OA2PrivateKeyJwt *self)
{
  g_return_val_if_fail (OA2_IS_PRIVATE_KEY_JWT (self), NULL);

  return self->assertion.key;
}

/**
 * oa2_private_key_jwt_get_alg: (get-property alg)
 * @self: a private_key_jwt authentication
 *
 * Gets the signature algorithm.
 *
 * Returns: (transfer none) (nullable): the algorithm, %NULL only if the
 *   authentication could not be constructed
 */
const char *
oa2_private_key_jwt_get_alg (OA2PrivateKeyJwt *self)
{
  g_return_val_if_fail (OA2_IS_PRIVATE_KEY_JWT (self), NULL);

  return oa2_client_assertion_get_alg (&self->assertion);
}
