/* oa2-client-secret-jwt.c: the client_secret_jwt authentication method
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2ClientSecretJwt:
 *
 * Authenticates with a JWT signed with the client secret as an HMAC key
 * (RFC 7523 §2.2, OpenID Connect Core §9, `client_secret_jwt`). The secret
 * itself never travels, and each assertion is valid once and briefly.
 *
 * The assertions are built like those of [class@OA2.PrivateKeyJwt]: a new
 * one on every attempt of every request, `iss` and `sub` the client
 * identifier, `aud` the configured audience, else the client's issuer,
 * else the endpoint's URI, a CSPRNG `jti`, `iat`, and `exp`
 * [property@OA2.ClientSecretJwt:lifetime] seconds later.
 *
 * The algorithm is `HS256` unless another is given; a secret shorter than
 * the algorithm's hash (32 bytes for `HS256`) is an error at construction,
 * as RFC 7518 §3.2 requires.
 *
 * ```c
 * g_autoptr(OA2ClientSecretJwt) auth = oa2_client_secret_jwt_new ("my-client", secret, NULL, &error);
 * g_autoptr(OA2Client) client =
 *   oa2_client_new ("https://as.example.com/token", OA2_CLIENT_AUTH (auth));
 * ```
 *
 * ```python
 * client = OA2.Client.new('https://as.example.com/token',
 *                         OA2.ClientSecretJwt.new('my-client', secret, None))
 * ```
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "oa2-base64url-private.h"
#include "oa2-client-assertion-private.h"
#include "oa2-client-auth-secret-private.h"
#include "oa2-client-secret-jwt.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-json-private.h"
#include "oa2-secret-private.h"

#define DEFAULT_ALG "HS256"

struct _OA2ClientSecretJwt
{
  OA2ClientAuth parent_instance;

  char              *client_secret; /* only until the key is built */
  OA2ClientAssertion assertion;
};

static void initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OA2ClientSecretJwt, oa2_client_secret_jwt, OA2_TYPE_CLIENT_AUTH,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, initable_iface_init))

enum {
  PROP_CLIENT_SECRET = OA2_CLIENT_ASSERTION_N_PROPS,
};

static GHashTable *
oa2_client_secret_jwt_authenticate (OA2ClientAuth       *auth,
                                    const char          *method,
                                    const char          *uri,
                                    SoupMessageHeaders  *headers,
                                    GError             **error)
{
  OA2ClientSecretJwt *self = OA2_CLIENT_SECRET_JWT (auth);

  return oa2_client_assertion_params (&self->assertion, oa2_client_auth_get_client_id (auth), uri, error);
}

static const char *
oa2_client_secret_jwt_get_method_name (OA2ClientAuth *auth)
{
  return "client_secret_jwt";
}

static void
oa2_client_secret_jwt_constructed (GObject *object)
{
  OA2ClientSecretJwt *self = OA2_CLIENT_SECRET_JWT (object);

  G_OBJECT_CLASS (oa2_client_secret_jwt_parent_class)->constructed (object);

  oa2_client_assertion_attach (&self->assertion, OA2_CLIENT_AUTH (self));
  if (self->client_secret == NULL || *self->client_secret == '\0')
    {
      g_set_error_literal (&self->assertion.init_error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("client_secret_jwt needs a client secret"));
      return;
    }
  self->assertion.key = oa2_client_auth_key_from_secret (self->client_secret, &self->assertion.init_error);
  g_clear_pointer (&self->client_secret, oa2_secret_free);
  if (self->assertion.key == NULL)
    return;
  if (self->assertion.alg == NULL)
    self->assertion.alg = g_strdup (DEFAULT_ALG);
  oa2_client_assertion_check (&self->assertion, FALSE);
}

static gboolean
oa2_client_secret_jwt_initable_init (GInitable     *initable,
                                     GCancellable  *cancellable,
                                     GError       **error)
{
  OA2ClientSecretJwt *self = OA2_CLIENT_SECRET_JWT (initable);

  if (self->assertion.init_error == NULL)
    return TRUE;
  g_propagate_error (error, g_error_copy (self->assertion.init_error));
  return FALSE;
}

static void
initable_iface_init (GInitableIface *iface)
{
  iface->init = oa2_client_secret_jwt_initable_init;
}

static void
oa2_client_secret_jwt_finalize (GObject *object)
{
  OA2ClientSecretJwt *self = OA2_CLIENT_SECRET_JWT (object);

  oa2_secret_free (self->client_secret);
  oa2_client_assertion_clear (&self->assertion);

  G_OBJECT_CLASS (oa2_client_secret_jwt_parent_class)->finalize (object);
}

static void
oa2_client_secret_jwt_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  OA2ClientSecretJwt *self = OA2_CLIENT_SECRET_JWT (object);

  if (!oa2_client_assertion_get_property (&self->assertion, prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
oa2_client_secret_jwt_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  OA2ClientSecretJwt *self = OA2_CLIENT_SECRET_JWT (object);

  if (prop_id == PROP_CLIENT_SECRET)
    self->client_secret = g_value_dup_string (value);
  else if (!oa2_client_assertion_set_property (&self->assertion, prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
oa2_client_secret_jwt_class_init (OA2ClientSecretJwtClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OA2ClientAuthClass *auth_class = OA2_CLIENT_AUTH_CLASS (klass);

  object_class->constructed = oa2_client_secret_jwt_constructed;
  object_class->finalize = oa2_client_secret_jwt_finalize;
  object_class->get_property = oa2_client_secret_jwt_get_property;
  object_class->set_property = oa2_client_secret_jwt_set_property;
  auth_class->authenticate = oa2_client_secret_jwt_authenticate;
  auth_class->get_method_name = oa2_client_secret_jwt_get_method_name;

  /**
   * OA2ClientSecretJwt:alg: (getter get_alg)
   *
   * The HMAC algorithm: `HS256` (the default), `HS384` or `HS512`.
   */
  /**
   * OA2ClientSecretJwt:audience:
   *
   * The `aud` of the assertions: one value or several. When %NULL, the
   * client's [property@OA2.Client:issuer] when set, else the URI of the
   * endpoint the request goes to.
   */
  /**
   * OA2ClientSecretJwt:lifetime:
   *
   * How many seconds after `iat` each assertion expires (`exp`).
   */
  /**
   * OA2ClientSecretJwt:not-before:
   *
   * Whether the assertions carry `nbf`, equal to `iat`.
   */
  oa2_client_assertion_install_properties (object_class);

  /**
   * OA2ClientSecretJwt:client-secret:
   *
   * The client secret, the HMAC key. It cannot be read back, and is wiped
   * from memory when the object is finalized.
   */
  g_object_class_install_property (object_class, PROP_CLIENT_SECRET,
    g_param_spec_string ("client-secret", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
}

static void
oa2_client_secret_jwt_init (OA2ClientSecretJwt *self)
{
  self->assertion.lifetime = OA2_CLIENT_ASSERTION_DEFAULT_LIFETIME;
}

/**
 * oa2_client_secret_jwt_new:
 * @client_id: the client identifier
 * @client_secret: the client secret
 * @alg: (nullable): `HS256`, `HS384` or `HS512`, or %NULL for `HS256`
 * @error: return location for a #GError
 *
 * Creates a `client_secret_jwt` authentication. The other settings are
 * properties, which bindings and g_initable_new() can set at construction.
 *
 * Returns: (transfer full): a new client authentication, or %NULL with
 *   @error set to %OA2_ERROR_KEY_MISMATCH when @alg is not an HMAC
 *   algorithm or the secret is shorter than its hash
 */
OA2ClientSecretJwt *
oa2_client_secret_jwt_new (const char  *client_id,
                           const char  *client_secret,
                           const char  *alg,
                           GError     **error)
{
  g_return_val_if_fail (client_id != NULL && *client_id != '\0', NULL);
  g_return_val_if_fail (client_secret != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (OA2_TYPE_CLIENT_SECRET_JWT, NULL, error,
                         "client-id", client_id, "client-secret", client_secret, "alg", alg, NULL);
}

/**
 * oa2_client_secret_jwt_get_alg: (get-property alg)
 * @self: a client_secret_jwt authentication
 *
 * Gets the HMAC algorithm.
 *
 * Returns: (transfer none) (nullable): the algorithm, %NULL only if the
 *   authentication could not be constructed
 */
const char *
oa2_client_secret_jwt_get_alg (OA2ClientSecretJwt *self)
{
  g_return_val_if_fail (OA2_IS_CLIENT_SECRET_JWT (self), NULL);

  return oa2_client_assertion_get_alg (&self->assertion);
}

/* For HMAC ID tokens: the key built from the secret. */
OA2Jwk *
oa2_client_secret_jwt_peek_key (OA2ClientAuth *auth)
{
  return OA2_CLIENT_SECRET_JWT (auth)->assertion.key;
}
