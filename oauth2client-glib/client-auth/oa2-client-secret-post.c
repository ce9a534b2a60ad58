/* oa2-client-secret-post.c: the client_secret_post authentication method
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2ClientSecretPost:
 *
 * Authenticates with the client identifier and secret as `client_id` and
 * `client_secret` in the request body (RFC 6749 §2.3.1,
 * `client_secret_post`). It is the default for a client with a secret,
 * because every server that issues secrets accepts it.
 *
 * ```c
 * g_autoptr(OA2ClientSecretPost) auth = oa2_client_secret_post_new ("my-client", secret);
 * g_autoptr(OA2Client) client =
 *   oa2_client_new ("https://as.example.com/token", OA2_CLIENT_AUTH (auth));
 * // the same as oa2_client_new_with_secret ("https://as.example.com/token", "my-client", secret)
 * ```
 *
 * ```python
 * client = OA2.Client.new('https://as.example.com/token',
 *                         OA2.ClientSecretPost.new('my-client', secret))
 * ```
 */

#include "config.h"

#include "oa2-client-auth-secret-private.h"
#include "oa2-client-secret-post.h"
#include "oa2-secret-private.h"

struct _OA2ClientSecretPost
{
  OA2ClientAuth parent_instance;

  char *client_secret;
};

G_DEFINE_FINAL_TYPE (OA2ClientSecretPost, oa2_client_secret_post, OA2_TYPE_CLIENT_AUTH)

enum {
  PROP_0,
  PROP_CLIENT_SECRET,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static GHashTable *
oa2_client_secret_post_authenticate (OA2ClientAuth       *auth,
                                     const char          *method,
                                     const char          *uri,
                                     SoupMessageHeaders  *headers,
                                     GError             **error)
{
  OA2ClientSecretPost *self = OA2_CLIENT_SECRET_POST (auth);
  GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) oa2_secret_free);

  g_hash_table_insert (params, g_strdup ("client_id"), g_strdup (oa2_client_auth_get_client_id (auth)));
  g_hash_table_insert (params, g_strdup ("client_secret"), g_strdup (self->client_secret));
  return params;
}

static const char *
oa2_client_secret_post_get_method_name (OA2ClientAuth *auth)
{
  return "client_secret_post";
}

static void
oa2_client_secret_post_finalize (GObject *object)
{
  OA2ClientSecretPost *self = OA2_CLIENT_SECRET_POST (object);

  oa2_secret_free (self->client_secret);

  G_OBJECT_CLASS (oa2_client_secret_post_parent_class)->finalize (object);
}

static void
oa2_client_secret_post_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  OA2ClientSecretPost *self = OA2_CLIENT_SECRET_POST (object);

  switch (prop_id)
    {
    case PROP_CLIENT_SECRET:
      self->client_secret = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_client_secret_post_class_init (OA2ClientSecretPostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OA2ClientAuthClass *auth_class = OA2_CLIENT_AUTH_CLASS (klass);

  object_class->finalize = oa2_client_secret_post_finalize;
  object_class->set_property = oa2_client_secret_post_set_property;
  auth_class->authenticate = oa2_client_secret_post_authenticate;
  auth_class->get_method_name = oa2_client_secret_post_get_method_name;

  /**
   * OA2ClientSecretPost:client-secret:
   *
   * The client secret. It cannot be read back, and is wiped from memory
   * when the object is finalized.
   */
  properties[PROP_CLIENT_SECRET] =
    g_param_spec_string ("client-secret", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
oa2_client_secret_post_init (OA2ClientSecretPost *self)
{
}

/**
 * oa2_client_secret_post_new:
 * @client_id: the client identifier
 * @client_secret: the client secret
 *
 * Creates a `client_secret_post` authentication.
 *
 * Returns: (transfer full): a new client authentication
 */
OA2ClientSecretPost *
oa2_client_secret_post_new (const char *client_id,
                            const char *client_secret)
{
  g_return_val_if_fail (client_id != NULL && *client_id != '\0', NULL);
  g_return_val_if_fail (client_secret != NULL, NULL);

  return g_object_new (OA2_TYPE_CLIENT_SECRET_POST,
                       "client-id", client_id, "client-secret", client_secret, NULL);
}

/* For HMAC ID tokens: the secret is the key (oa2-client-auth-secret.c). */
const char *
oa2_client_secret_post_peek_secret (OA2ClientAuth *auth)
{
  return OA2_CLIENT_SECRET_POST (auth)->client_secret;
}
