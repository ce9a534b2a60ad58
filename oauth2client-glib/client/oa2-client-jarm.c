/* oa2-client-jarm.c: the JARM settings of an OA2Client (the OpenID JWT
 * Secured Authorization Response Mode): the algorithms its signed and
 * encrypted authorization responses use. The responses are checked by
 * oa2-client-authorization-callback.c.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "oa2-client-jarm-private.h"
#include "oa2-locked-string-private.h"

/* JARM §3: the default of authorization_signed_response_alg. */
#define DEFAULT_SIGNED_ALG "RS256"

struct _OA2ClientJarm {
  GMutex  lock;
  char   *signed_alg;
  char   *encrypted_alg;  /* NULL: responses must not be encrypted */
  char   *encrypted_enc;  /* NULL: A128CBC-HS256 */
};

enum {
  PROP_SIGNED_ALG,
  PROP_ENCRYPTED_ALG,
  PROP_ENCRYPTED_ENC,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];
static guint first_prop;

G_STATIC_ASSERT (N_PROPS == OA2_CLIENT_JARM_N_PROPS);

OA2ClientJarm *
oa2_client_jarm_state_new (void)
{
  OA2ClientJarm *state = g_new0 (OA2ClientJarm, 1);

  g_mutex_init (&state->lock);
  state->signed_alg = g_strdup (DEFAULT_SIGNED_ALG);
  return state;
}

void
oa2_client_jarm_state_free (OA2ClientJarm *state)
{
  g_mutex_clear (&state->lock);
  g_free (state->signed_alg);
  g_free (state->encrypted_alg);
  g_free (state->encrypted_enc);
  g_free (state);
}

static void
set_string (OA2Client   *self,
            char       **field,
            const char  *value,
            guint        prop)
{
  if (oa2_locked_string_replace (&oa2_client_get_jarm_state (self)->lock, field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static char *
dup_string (OA2Client  *self,
            char      **field)
{
  return oa2_locked_string_dup (&oa2_client_get_jarm_state (self)->lock, field);
}

/**
 * oa2_client_dup_authorization_signed_response_alg: (get-property authorization-signed-response-alg)
 * @self: a client
 *
 * Gets the one algorithm JARM responses may be signed with.
 *
 * Returns: (transfer full): the algorithm, such as `RS256`
 */
char *
oa2_client_dup_authorization_signed_response_alg (OA2Client *self)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  return dup_string (self, &oa2_client_get_jarm_state (self)->signed_alg);
}

/**
 * oa2_client_set_authorization_signed_response_alg: (set-property authorization-signed-response-alg)
 * @self: a client
 * @alg: (nullable): a JWS algorithm, or %NULL for `RS256`
 *
 * Sets [property@OA2.Client:authorization-signed-response-alg].
 */
void
oa2_client_set_authorization_signed_response_alg (OA2Client  *self,
                                                  const char *alg)
{
  g_return_if_fail (OA2_IS_CLIENT (self));
  set_string (self, &oa2_client_get_jarm_state (self)->signed_alg, alg != NULL ? alg : DEFAULT_SIGNED_ALG,
              PROP_SIGNED_ALG);
}

/**
 * oa2_client_dup_authorization_encrypted_response_alg: (get-property authorization-encrypted-response-alg)
 * @self: a client
 *
 * Gets the key management algorithm of encrypted JARM responses.
 *
 * Returns: (transfer full) (nullable): the algorithm, or %NULL when
 *   responses are not encrypted
 */
char *
oa2_client_dup_authorization_encrypted_response_alg (OA2Client *self)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  return dup_string (self, &oa2_client_get_jarm_state (self)->encrypted_alg);
}

/**
 * oa2_client_set_authorization_encrypted_response_alg: (set-property authorization-encrypted-response-alg)
 * @self: a client
 * @alg: (nullable): a JWE key management algorithm, or %NULL
 *
 * Sets [property@OA2.Client:authorization-encrypted-response-alg].
 */
void
oa2_client_set_authorization_encrypted_response_alg (OA2Client  *self,
                                                     const char *alg)
{
  g_return_if_fail (OA2_IS_CLIENT (self));
  set_string (self, &oa2_client_get_jarm_state (self)->encrypted_alg, alg, PROP_ENCRYPTED_ALG);
}

/**
 * oa2_client_dup_authorization_encrypted_response_enc: (get-property authorization-encrypted-response-enc)
 * @self: a client
 *
 * Gets the content encryption of encrypted JARM responses.
 *
 * Returns: (transfer full) (nullable): the encryption, or %NULL for
 *   `A128CBC-HS256`
 */
char *
oa2_client_dup_authorization_encrypted_response_enc (OA2Client *self)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  return dup_string (self, &oa2_client_get_jarm_state (self)->encrypted_enc);
}

/**
 * oa2_client_set_authorization_encrypted_response_enc: (set-property authorization-encrypted-response-enc)
 * @self: a client
 * @enc: (nullable): a JWE content encryption, or %NULL for `A128CBC-HS256`
 *
 * Sets [property@OA2.Client:authorization-encrypted-response-enc].
 */
void
oa2_client_set_authorization_encrypted_response_enc (OA2Client  *self,
                                                     const char *enc)
{
  g_return_if_fail (OA2_IS_CLIENT (self));
  set_string (self, &oa2_client_get_jarm_state (self)->encrypted_enc, enc, PROP_ENCRYPTED_ENC);
}

void
oa2_client_jarm_install_properties (GObjectClass *object_class,
                                    guint         first_prop_id)
{
  first_prop = first_prop_id;

  /**
   * OA2Client:authorization-signed-response-alg: (getter dup_authorization_signed_response_alg) (setter set_authorization_signed_response_alg)
   *
   * The one JWS algorithm a JARM response may be signed with: the
   * client's registered `authorization_signed_response_alg`, `RS256` by
   * default. When the server's metadata
   * ([property@OA2.Client:server-metadata]) lists
   * `authorization_signing_alg_values_supported`, it must be among them.
   * `HS256`, `HS384` and `HS512` are keyed with the client secret.
   */
  properties[PROP_SIGNED_ALG] =
    g_param_spec_string ("authorization-signed-response-alg", NULL, NULL, DEFAULT_SIGNED_ALG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:authorization-encrypted-response-alg: (getter dup_authorization_encrypted_response_alg) (setter set_authorization_encrypted_response_alg)
   *
   * The JWE key management algorithm of encrypted JARM responses (the
   * client's registered `authorization_encrypted_response_alg`), or %NULL
   * when they are not encrypted. When set, a response that is not
   * encrypted is refused, and an encrypted one is decrypted with
   * [property@OA2.Client:id-token-decryption-keys], the client's
   * decryption keys; when not set, an encrypted one is refused.
   */
  properties[PROP_ENCRYPTED_ALG] =
    g_param_spec_string ("authorization-encrypted-response-alg", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:authorization-encrypted-response-enc: (getter dup_authorization_encrypted_response_enc) (setter set_authorization_encrypted_response_enc)
   *
   * The JWE content encryption of encrypted JARM responses, or %NULL for
   * `A128CBC-HS256`, the registration default.
   */
  properties[PROP_ENCRYPTED_ENC] =
    g_param_spec_string ("authorization-encrypted-response-enc", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  for (guint i = 0; i < N_PROPS; i++)
    g_object_class_install_property (object_class, first_prop_id + i, properties[i]);
}

gboolean
oa2_client_jarm_get_property (GObject *object,
                              guint    prop_id,
                              GValue  *value)
{
  OA2Client *self = OA2_CLIENT (object);

  if (prop_id < first_prop || prop_id >= first_prop + N_PROPS)
    return FALSE;
  switch (prop_id - first_prop)
    {
    case PROP_SIGNED_ALG:
      g_value_take_string (value, oa2_client_dup_authorization_signed_response_alg (self));
      break;
    case PROP_ENCRYPTED_ALG:
      g_value_take_string (value, oa2_client_dup_authorization_encrypted_response_alg (self));
      break;
    case PROP_ENCRYPTED_ENC:
      g_value_take_string (value, oa2_client_dup_authorization_encrypted_response_enc (self));
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

gboolean
oa2_client_jarm_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value)
{
  OA2Client *self = OA2_CLIENT (object);

  if (prop_id < first_prop || prop_id >= first_prop + N_PROPS)
    return FALSE;
  switch (prop_id - first_prop)
    {
    case PROP_SIGNED_ALG:
      oa2_client_set_authorization_signed_response_alg (self, g_value_get_string (value));
      break;
    case PROP_ENCRYPTED_ALG:
      oa2_client_set_authorization_encrypted_response_alg (self, g_value_get_string (value));
      break;
    case PROP_ENCRYPTED_ENC:
      oa2_client_set_authorization_encrypted_response_enc (self, g_value_get_string (value));
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

void
oa2_client_jarm_dup_settings (OA2Client  *self,
                              char      **out_signed_alg,
                              char      **out_encrypted_alg,
                              char      **out_encrypted_enc)
{
  OA2ClientJarm *state = oa2_client_get_jarm_state (self);

  g_mutex_lock (&state->lock);
  *out_signed_alg = g_strdup (state->signed_alg);
  *out_encrypted_alg = g_strdup (state->encrypted_alg);
  *out_encrypted_enc = g_strdup (state->encrypted_enc);
  g_mutex_unlock (&state->lock);
}
