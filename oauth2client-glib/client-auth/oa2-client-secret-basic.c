/* oa2-client-secret-basic.c: the client_secret_basic authentication method
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2ClientSecretBasic:
 *
 * Authenticates with a client secret in an HTTP Basic `Authorization`
 * header (RFC 6749 §2.3.1, `client_secret_basic`).
 *
 * As RFC 6749 requires, the client identifier and secret are each
 * `application/x-www-form-urlencoded` before they are joined and
 * base64-encoded, so a secret containing `:`, `%` or `+` reaches the server
 * intact. Some servers do not decode them; for those, set
 * [property@OA2.ClientSecretBasic:encode-credentials] to %FALSE.
 *
 * ```c
 * g_autoptr(OA2ClientSecretBasic) auth = oa2_client_secret_basic_new ("my-client", secret);
 * g_autoptr(OA2Client) client =
 *   oa2_client_new ("https://as.example.com/token", OA2_CLIENT_AUTH (auth));
 * ```
 *
 * ```python
 * auth = OA2.ClientSecretBasic.new('my-client', secret)
 * auth.props.encode_credentials = False    # only for a server that does not decode them
 * client = OA2.Client.new('https://as.example.com/token', auth)
 * ```
 */

#include "config.h"

#include <string.h>

#include "oa2-client-auth-secret-private.h"
#include "oa2-client-secret-basic.h"
#include "oa2-form-private.h"
#include "oa2-secret-private.h"

struct _OA2ClientSecretBasic
{
  OA2ClientAuth parent_instance;

  char     *client_secret;
  gboolean  encode_credentials;
};

G_DEFINE_FINAL_TYPE (OA2ClientSecretBasic, oa2_client_secret_basic, OA2_TYPE_CLIENT_AUTH)

enum {
  PROP_0,
  PROP_CLIENT_SECRET,
  PROP_ENCODE_CREDENTIALS,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static char *
credential_part (OA2ClientSecretBasic *self,
                 const char           *text)
{
  GString *out;

  if (!self->encode_credentials)
    return g_strdup (text);
  out = g_string_sized_new (oa2_form_encoded_length (text));
  oa2_form_append_encoded (out, text);
  return g_string_free (out, FALSE);
}

static GHashTable *
oa2_client_secret_basic_authenticate (OA2ClientAuth       *auth,
                                      const char          *method,
                                      const char          *uri,
                                      SoupMessageHeaders  *headers,
                                      GError             **error)
{
  OA2ClientSecretBasic *self = OA2_CLIENT_SECRET_BASIC (auth);
  g_autofree char *id = credential_part (self, oa2_client_auth_get_client_id (auth));
  char *secret = credential_part (self, self->client_secret);
  char *joined = g_strconcat (id, ":", secret, NULL);
  char *encoded = g_base64_encode ((const guchar *) joined, strlen (joined));
  char *header = g_strconcat ("Basic ", encoded, NULL);

  soup_message_headers_replace (headers, "Authorization", header);

  oa2_secret_free (secret);
  oa2_secret_free (joined);
  oa2_secret_free (encoded);
  oa2_secret_free (header);
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static const char *
oa2_client_secret_basic_get_method_name (OA2ClientAuth *auth)
{
  return "client_secret_basic";
}

static void
oa2_client_secret_basic_finalize (GObject *object)
{
  OA2ClientSecretBasic *self = OA2_CLIENT_SECRET_BASIC (object);

  oa2_secret_free (self->client_secret);

  G_OBJECT_CLASS (oa2_client_secret_basic_parent_class)->finalize (object);
}

static void
oa2_client_secret_basic_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  OA2ClientSecretBasic *self = OA2_CLIENT_SECRET_BASIC (object);

  switch (prop_id)
    {
    case PROP_ENCODE_CREDENTIALS:
      g_value_set_boolean (value, self->encode_credentials);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_client_secret_basic_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  OA2ClientSecretBasic *self = OA2_CLIENT_SECRET_BASIC (object);

  switch (prop_id)
    {
    case PROP_CLIENT_SECRET:
      self->client_secret = g_value_dup_string (value);
      break;
    case PROP_ENCODE_CREDENTIALS:
      oa2_client_secret_basic_set_encode_credentials (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_client_secret_basic_class_init (OA2ClientSecretBasicClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OA2ClientAuthClass *auth_class = OA2_CLIENT_AUTH_CLASS (klass);

  object_class->finalize = oa2_client_secret_basic_finalize;
  object_class->get_property = oa2_client_secret_basic_get_property;
  object_class->set_property = oa2_client_secret_basic_set_property;
  auth_class->authenticate = oa2_client_secret_basic_authenticate;
  auth_class->get_method_name = oa2_client_secret_basic_get_method_name;

  /**
   * OA2ClientSecretBasic:client-secret:
   *
   * The client secret. It cannot be read back, and is wiped from memory
   * when the object is finalized.
   */
  properties[PROP_CLIENT_SECRET] =
    g_param_spec_string ("client-secret", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2ClientSecretBasic:encode-credentials: (getter get_encode_credentials) (setter set_encode_credentials)
   *
   * Whether to form-urlencode the client identifier and secret before
   * base64-encoding them, as RFC 6749 §2.3.1 requires. Turn it off only for
   * servers that do not decode them.
   */
  properties[PROP_ENCODE_CREDENTIALS] =
    g_param_spec_boolean ("encode-credentials", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
oa2_client_secret_basic_init (OA2ClientSecretBasic *self)
{
  self->encode_credentials = TRUE;
}

/**
 * oa2_client_secret_basic_new:
 * @client_id: the client identifier
 * @client_secret: the client secret
 *
 * Creates a `client_secret_basic` authentication.
 *
 * Returns: (transfer full): a new client authentication
 */
OA2ClientSecretBasic *
oa2_client_secret_basic_new (const char *client_id,
                             const char *client_secret)
{
  g_return_val_if_fail (client_id != NULL && *client_id != '\0', NULL);
  g_return_val_if_fail (client_secret != NULL, NULL);

  return g_object_new (OA2_TYPE_CLIENT_SECRET_BASIC,
                       "client-id", client_id, "client-secret", client_secret, NULL);
}

/**
 * oa2_client_secret_basic_get_encode_credentials: (get-property encode-credentials)
 * @self: a client authentication
 *
 * Gets whether the credentials are form-urlencoded before base64.
 *
 * Returns: %TRUE if they are (the default)
 */
gboolean
oa2_client_secret_basic_get_encode_credentials (OA2ClientSecretBasic *self)
{
  g_return_val_if_fail (OA2_IS_CLIENT_SECRET_BASIC (self), TRUE);

  return self->encode_credentials;
}

/**
 * oa2_client_secret_basic_set_encode_credentials: (set-property encode-credentials)
 * @self: a client authentication
 * @encode: whether to form-urlencode the credentials before base64
 *
 * Sets whether the credentials are form-urlencoded before base64.
 */
void
oa2_client_secret_basic_set_encode_credentials (OA2ClientSecretBasic *self,
                                                gboolean              encode)
{
  g_return_if_fail (OA2_IS_CLIENT_SECRET_BASIC (self));

  encode = !!encode;
  if (self->encode_credentials == encode)
    return;
  self->encode_credentials = encode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENCODE_CREDENTIALS]);
}

/* For HMAC ID tokens: the secret is the key (oa2-client-auth-secret.c). */
const char *
oa2_client_secret_basic_peek_secret (OA2ClientAuth *auth)
{
  return OA2_CLIENT_SECRET_BASIC (auth)->client_secret;
}
