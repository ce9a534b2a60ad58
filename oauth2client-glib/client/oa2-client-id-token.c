/* oa2-client-id-token.c: OA2Client's ID-token settings and validation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "oa2-locked-string-private.h"
#include "oa2-bearer-token-private.h"
#include "oa2-client-auth-secret-private.h"
#include "oa2-client-id-token-private.h"
#include "oa2-client-jwt-response-private.h"
#include "oa2-client-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-id-token-private.h"
#include "oa2-jwks-check-private.h"
#include "oa2-secret-private.h"

/* OIDC Registration §2: the default of id_token_signed_response_alg. */
#define DEFAULT_SIGNED_ALG "RS256"

struct _OA2ClientIdToken {
  GMutex        lock;           /* guards the settings */
  char         *signed_alg;
  char        **supported_algs;  /* NULL: not known */
  char         *encrypted_alg;
  char         *encrypted_enc;
  OA2Jwks      *decryption_keys;
  OA2Jwks      *server_jwks;
  guint         leeway;          /* atomic */
  OA2JwksCache *cache;
};

enum {
  PROP_SIGNED_ALG,
  PROP_SUPPORTED_ALGS,
  PROP_ENCRYPTED_ALG,
  PROP_ENCRYPTED_ENC,
  PROP_DECRYPTION_KEYS,
  PROP_SERVER_JWKS,
  PROP_LEEWAY,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];
static guint first_prop;

G_STATIC_ASSERT (N_PROPS == OA2_CLIENT_ID_TOKEN_N_PROPS);

OA2ClientIdToken *
oa2_client_id_token_new (void)
{
  OA2ClientIdToken *state = g_new0 (OA2ClientIdToken, 1);

  g_mutex_init (&state->lock);
  state->signed_alg = g_strdup (DEFAULT_SIGNED_ALG);
  state->leeway = OA2_CLIENT_DEFAULT_ID_TOKEN_LEEWAY;
  state->cache = oa2_jwks_cache_new ();
  return state;
}

void
oa2_client_id_token_free (OA2ClientIdToken *state)
{
  g_mutex_clear (&state->lock);
  g_free (state->signed_alg);
  g_strfreev (state->supported_algs);
  g_free (state->encrypted_alg);
  g_free (state->encrypted_enc);
  g_clear_object (&state->decryption_keys);
  g_clear_object (&state->server_jwks);
  oa2_jwks_cache_free (state->cache);
  g_free (state);
}

static OA2ClientIdToken *
state_of (OA2Client *self)
{
  return oa2_client_get_id_token_state (self);
}

OA2JwksCache *
oa2_client_id_token_get_jwks_cache (OA2Client *self)
{
  return state_of (self)->cache;
}

/* Setters of the string settings: NULL restores @fallback. */
static void
set_string (OA2Client   *self,
            char       **field,
            const char  *value,
            guint        prop)
{
  if (oa2_locked_string_replace (&state_of (self)->lock, field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static char *
dup_string (OA2Client  *self,
            char      **field)
{
  return oa2_locked_string_dup (&state_of (self)->lock, field);
}

static void
set_jwks (OA2Client  *self,
          OA2Jwks   **field,
          OA2Jwks    *value,
          guint       prop)
{
  OA2ClientIdToken *state = state_of (self);
  gboolean changed;
  OA2Jwks *old = NULL;

  g_mutex_lock (&state->lock);
  changed = *field != value;
  if (changed)
    {
      old = *field;
      *field = value != NULL ? g_object_ref (value) : NULL;
    }
  g_mutex_unlock (&state->lock);
  g_clear_object (&old);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static OA2Jwks *
dup_jwks (OA2Client  *self,
          OA2Jwks   **field)
{
  OA2ClientIdToken *state = state_of (self);
  OA2Jwks *value;

  g_mutex_lock (&state->lock);
  value = *field != NULL ? g_object_ref (*field) : NULL;
  g_mutex_unlock (&state->lock);
  return value;
}

/**
 * oa2_client_dup_id_token_signed_response_alg: (get-property id-token-signed-response-alg)
 * @self: a client
 *
 * Gets the one algorithm ID tokens may be signed with.
 *
 * Returns: (transfer full): the algorithm, such as `RS256`
 */
char *
oa2_client_dup_id_token_signed_response_alg (OA2Client *self)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  return dup_string (self, &state_of (self)->signed_alg);
}

/**
 * oa2_client_set_id_token_signed_response_alg: (set-property id-token-signed-response-alg)
 * @self: a client
 * @alg: (nullable): a JWS algorithm, or %NULL for `RS256`
 *
 * Sets [property@OA2.Client:id-token-signed-response-alg], as the client
 * is registered with the server.
 */
void
oa2_client_set_id_token_signed_response_alg (OA2Client  *self,
                                             const char *alg)
{
  g_return_if_fail (OA2_IS_CLIENT (self));
  set_string (self, &state_of (self)->signed_alg, alg != NULL ? alg : DEFAULT_SIGNED_ALG, PROP_SIGNED_ALG);
}

/**
 * oa2_client_dup_id_token_signing_alg_values_supported: (get-property id-token-signing-alg-values-supported)
 * @self: a client
 *
 * Gets the algorithms the server says it signs ID tokens with.
 *
 * Returns: (transfer full) (nullable) (array zero-terminated=1): the
 *   algorithms, or %NULL when not known
 */
char **
oa2_client_dup_id_token_signing_alg_values_supported (OA2Client *self)
{
  OA2ClientIdToken *state;
  char **algs;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  state = state_of (self);
  g_mutex_lock (&state->lock);
  algs = g_strdupv (state->supported_algs);
  g_mutex_unlock (&state->lock);
  return algs;
}

/**
 * oa2_client_set_id_token_signing_alg_values_supported: (set-property id-token-signing-alg-values-supported)
 * @self: a client
 * @algs: (nullable) (array zero-terminated=1): the algorithms, or %NULL
 *   when not known
 *
 * Sets [property@OA2.Client:id-token-signing-alg-values-supported], as
 * the server's metadata lists them.
 */
void
oa2_client_set_id_token_signing_alg_values_supported (OA2Client          *self,
                                                      const char * const *algs)
{
  OA2ClientIdToken *state;

  g_return_if_fail (OA2_IS_CLIENT (self));
  state = state_of (self);
  g_mutex_lock (&state->lock);
  g_strfreev (state->supported_algs);
  state->supported_algs = algs != NULL ? g_strdupv ((char **) algs) : NULL;
  g_mutex_unlock (&state->lock);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUPPORTED_ALGS]);
}

/**
 * oa2_client_dup_id_token_encrypted_response_alg: (get-property id-token-encrypted-response-alg)
 * @self: a client
 *
 * Gets the key management algorithm of encrypted ID tokens.
 *
 * Returns: (transfer full) (nullable): the algorithm, or %NULL when ID
 *   tokens are not encrypted
 */
char *
oa2_client_dup_id_token_encrypted_response_alg (OA2Client *self)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  return dup_string (self, &state_of (self)->encrypted_alg);
}

/**
 * oa2_client_set_id_token_encrypted_response_alg: (set-property id-token-encrypted-response-alg)
 * @self: a client
 * @alg: (nullable): a JWE key management algorithm, or %NULL
 *
 * Sets [property@OA2.Client:id-token-encrypted-response-alg].
 */
void
oa2_client_set_id_token_encrypted_response_alg (OA2Client  *self,
                                                const char *alg)
{
  g_return_if_fail (OA2_IS_CLIENT (self));
  set_string (self, &state_of (self)->encrypted_alg, alg, PROP_ENCRYPTED_ALG);
}

/**
 * oa2_client_dup_id_token_encrypted_response_enc: (get-property id-token-encrypted-response-enc)
 * @self: a client
 *
 * Gets the content encryption of encrypted ID tokens.
 *
 * Returns: (transfer full) (nullable): the encryption, or %NULL for
 *   `A128CBC-HS256`
 */
char *
oa2_client_dup_id_token_encrypted_response_enc (OA2Client *self)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  return dup_string (self, &state_of (self)->encrypted_enc);
}

/**
 * oa2_client_set_id_token_encrypted_response_enc: (set-property id-token-encrypted-response-enc)
 * @self: a client
 * @enc: (nullable): a JWE content encryption, or %NULL for `A128CBC-HS256`
 *
 * Sets [property@OA2.Client:id-token-encrypted-response-enc].
 */
void
oa2_client_set_id_token_encrypted_response_enc (OA2Client  *self,
                                                const char *enc)
{
  g_return_if_fail (OA2_IS_CLIENT (self));
  set_string (self, &state_of (self)->encrypted_enc, enc, PROP_ENCRYPTED_ENC);
}

/**
 * oa2_client_dup_id_token_decryption_keys: (get-property id-token-decryption-keys)
 * @self: a client
 *
 * Gets the keys encrypted ID tokens are decrypted with.
 *
 * Returns: (transfer full) (nullable): the keys, or %NULL
 */
OA2Jwks *
oa2_client_dup_id_token_decryption_keys (OA2Client *self)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  return dup_jwks (self, &state_of (self)->decryption_keys);
}

/**
 * oa2_client_set_id_token_decryption_keys: (set-property id-token-decryption-keys)
 * @self: a client
 * @keys: (nullable): the client's private keys, or %NULL
 *
 * Sets [property@OA2.Client:id-token-decryption-keys].
 */
void
oa2_client_set_id_token_decryption_keys (OA2Client *self,
                                         OA2Jwks   *keys)
{
  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (keys == NULL || OA2_IS_JWKS (keys));
  set_jwks (self, &state_of (self)->decryption_keys, keys, PROP_DECRYPTION_KEYS);
}

/**
 * oa2_client_dup_server_jwks: (get-property server-jwks)
 * @self: a client
 *
 * Gets the server's keys given to the client, if any.
 *
 * Returns: (transfer full) (nullable): the keys, or %NULL
 */
OA2Jwks *
oa2_client_dup_server_jwks (OA2Client *self)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  return dup_jwks (self, &state_of (self)->server_jwks);
}

/**
 * oa2_client_set_server_jwks: (set-property server-jwks)
 * @self: a client
 * @jwks: (nullable): the server's public keys, or %NULL
 *
 * Sets [property@OA2.Client:server-jwks].
 */
void
oa2_client_set_server_jwks (OA2Client *self,
                            OA2Jwks   *jwks)
{
  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (jwks == NULL || OA2_IS_JWKS (jwks));
  set_jwks (self, &state_of (self)->server_jwks, jwks, PROP_SERVER_JWKS);
}

/**
 * oa2_client_get_id_token_leeway: (get-property id-token-leeway)
 * @self: a client
 *
 * Gets the clock skew tolerated on ID-token times.
 *
 * Returns: the leeway in seconds
 */
guint
oa2_client_get_id_token_leeway (OA2Client *self)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), 0);
  return (guint) g_atomic_int_get (&state_of (self)->leeway);
}

/**
 * oa2_client_set_id_token_leeway: (set-property id-token-leeway)
 * @self: a client
 * @seconds: the leeway in seconds, at most 600
 *
 * Sets [property@OA2.Client:id-token-leeway].
 */
void
oa2_client_set_id_token_leeway (OA2Client *self,
                                guint      seconds)
{
  OA2ClientIdToken *state;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (seconds <= 600);
  state = state_of (self);
  if ((guint) g_atomic_int_get (&state->leeway) == seconds)
    return;
  g_atomic_int_set (&state->leeway, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEEWAY]);
}

void
oa2_client_id_token_install_properties (GObjectClass *object_class,
                                        guint         first_prop_id)
{
  first_prop = first_prop_id;

  /**
   * OA2Client:id-token-signed-response-alg: (getter dup_id_token_signed_response_alg) (setter set_id_token_signed_response_alg)
   *
   * The one JWS algorithm ID tokens may be signed with: the client's
   * registered `id_token_signed_response_alg`, `RS256` by default. A token
   * signed otherwise fails with %OA2_ERROR_UNSUPPORTED_ALGORITHM, as does
   * one signed with an algorithm outside
   * [property@OA2.Client:id-token-signing-alg-values-supported]. `none`
   * is always refused (%OA2_ERROR_UNSECURED_TOKEN). `HS256`, `HS384` and
   * `HS512` are keyed with the client secret, and only a client
   * authentication that holds one ([class@OA2.ClientSecretBasic],
   * [class@OA2.ClientSecretPost], [class@OA2.ClientSecretJwt]) can verify
   * them.
   */
  properties[PROP_SIGNED_ALG] =
    g_param_spec_string ("id-token-signed-response-alg", NULL, NULL, DEFAULT_SIGNED_ALG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:id-token-signing-alg-values-supported: (getter dup_id_token_signing_alg_values_supported) (setter set_id_token_signing_alg_values_supported)
   *
   * The algorithms the server signs ID tokens with (its metadata's
   * `id_token_signing_alg_values_supported`), or %NULL when not known. When
   * known, an ID token signed with another algorithm is refused.
   */
  properties[PROP_SUPPORTED_ALGS] =
    g_param_spec_boxed ("id-token-signing-alg-values-supported", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:id-token-encrypted-response-alg: (getter dup_id_token_encrypted_response_alg) (setter set_id_token_encrypted_response_alg)
   *
   * The JWE key management algorithm of encrypted ID tokens (the client's
   * registered `id_token_encrypted_response_alg`), or %NULL when ID tokens
   * are not encrypted. When set, an ID token that is not encrypted is
   * refused, and an encrypted one is decrypted with
   * [property@OA2.Client:id-token-decryption-keys]; when not set, an
   * encrypted one is refused. Both fail with
   * %OA2_ERROR_UNSUPPORTED_ALGORITHM.
   */
  properties[PROP_ENCRYPTED_ALG] =
    g_param_spec_string ("id-token-encrypted-response-alg", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:id-token-encrypted-response-enc: (getter dup_id_token_encrypted_response_enc) (setter set_id_token_encrypted_response_enc)
   *
   * The JWE content encryption of encrypted ID tokens, or %NULL for
   * `A128CBC-HS256`, the registration default.
   */
  properties[PROP_ENCRYPTED_ENC] =
    g_param_spec_string ("id-token-encrypted-response-enc", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:id-token-decryption-keys: (getter dup_id_token_decryption_keys) (setter set_id_token_decryption_keys)
   *
   * The client's private keys that encrypted ID tokens are decrypted with.
   */
  properties[PROP_DECRYPTION_KEYS] =
    g_param_spec_object ("id-token-decryption-keys", NULL, NULL, OA2_TYPE_JWKS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:server-jwks: (getter dup_server_jwks) (setter set_server_jwks)
   *
   * The server's public keys, for a client that knows them without
   * fetching them. Used only when [property@OA2.Client:jwks-uri] is not
   * set: keys fetched from there follow the server's rotations.
   */
  properties[PROP_SERVER_JWKS] =
    g_param_spec_object ("server-jwks", NULL, NULL, OA2_TYPE_JWKS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2Client:id-token-leeway: (getter get_id_token_leeway) (setter set_id_token_leeway)
   *
   * How many seconds of clock skew between the client and the server are
   * tolerated on an ID token's `exp`, `iat`, `nbf` and `auth_time`:
   * %OA2_CLIENT_DEFAULT_ID_TOKEN_LEEWAY by default, at most 600.
   */
  properties[PROP_LEEWAY] =
    g_param_spec_uint ("id-token-leeway", NULL, NULL, 0, 600, OA2_CLIENT_DEFAULT_ID_TOKEN_LEEWAY,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  for (guint i = 0; i < N_PROPS; i++)
    g_object_class_install_property (object_class, first_prop_id + i, properties[i]);
}

gboolean
oa2_client_id_token_get_property (GObject *object,
                                  guint    prop_id,
                                  GValue  *value)
{
  OA2Client *self = OA2_CLIENT (object);

  if (prop_id < first_prop || prop_id >= first_prop + N_PROPS)
    return FALSE;
  switch (prop_id - first_prop)
    {
    case PROP_SIGNED_ALG:
      g_value_take_string (value, oa2_client_dup_id_token_signed_response_alg (self));
      break;
    case PROP_SUPPORTED_ALGS:
      g_value_take_boxed (value, oa2_client_dup_id_token_signing_alg_values_supported (self));
      break;
    case PROP_ENCRYPTED_ALG:
      g_value_take_string (value, oa2_client_dup_id_token_encrypted_response_alg (self));
      break;
    case PROP_ENCRYPTED_ENC:
      g_value_take_string (value, oa2_client_dup_id_token_encrypted_response_enc (self));
      break;
    case PROP_DECRYPTION_KEYS:
      g_value_take_object (value, oa2_client_dup_id_token_decryption_keys (self));
      break;
    case PROP_SERVER_JWKS:
      g_value_take_object (value, oa2_client_dup_server_jwks (self));
      break;
    case PROP_LEEWAY:
      g_value_set_uint (value, oa2_client_get_id_token_leeway (self));
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

gboolean
oa2_client_id_token_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value)
{
  OA2Client *self = OA2_CLIENT (object);

  if (prop_id < first_prop || prop_id >= first_prop + N_PROPS)
    return FALSE;
  switch (prop_id - first_prop)
    {
    case PROP_SIGNED_ALG:
      oa2_client_set_id_token_signed_response_alg (self, g_value_get_string (value));
      break;
    case PROP_SUPPORTED_ALGS:
      oa2_client_set_id_token_signing_alg_values_supported (self, g_value_get_boxed (value));
      break;
    case PROP_ENCRYPTED_ALG:
      oa2_client_set_id_token_encrypted_response_alg (self, g_value_get_string (value));
      break;
    case PROP_ENCRYPTED_ENC:
      oa2_client_set_id_token_encrypted_response_enc (self, g_value_get_string (value));
      break;
    case PROP_DECRYPTION_KEYS:
      oa2_client_set_id_token_decryption_keys (self, g_value_get_object (value));
      break;
    case PROP_SERVER_JWKS:
      oa2_client_set_server_jwks (self, g_value_get_object (value));
      break;
    case PROP_LEEWAY:
      oa2_client_set_id_token_leeway (self, g_value_get_uint (value));
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

/* One validation: a snapshot of the settings, so that a change while it
 * runs does not mix two configurations, and the state of the steps. */
typedef struct {
  OA2IdTokenCheck check;
  char           *id_token;
  char           *issuer;
  char           *client_id;
  char           *signed_alg;
  char          **supported_algs;
  char           *encrypted_alg;
  char           *encrypted_enc;
  OA2Jwks        *decryption_keys;
  OA2Jwks        *server_jwks;
  OA2Jwk         *secret_key;
  char           *access_token;
  char           *jwks_uri;
  OA2TransportConfig config;
  OA2IdTokenExpectations expectations;   /* strings borrowed from the caller */
  gboolean        has_expectations;
  char           *owned_nonce;           /* the asynchronous calls' copy */
  OA2Jwt         *jwt;
  gboolean        needs_jwks;
  OA2BearerToken *token;                 /* to attach the result to, or NULL */
} Validation;

static void
validation_free (gpointer data)
{
  Validation *v = data;

  oa2_secret_free (v->id_token);
  g_free (v->issuer);
  g_free (v->client_id);
  g_free (v->signed_alg);
  g_strfreev (v->supported_algs);
  g_free (v->encrypted_alg);
  g_free (v->encrypted_enc);
  g_clear_object (&v->decryption_keys);
  g_clear_object (&v->server_jwks);
  g_clear_object (&v->secret_key);
  oa2_secret_free (v->access_token);
  g_free (v->jwks_uri);
  g_free (v->owned_nonce);
  g_clear_object (&v->config.session);
  g_clear_object (&v->jwt);
  g_clear_object (&v->token);
  g_free (v);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Validation, validation_free)

static Validation *
validation_new (OA2Client                    *self,
                const char                   *id_token,
                const char                   *access_token,
                const OA2IdTokenExpectations *expectations,
                GError                      **error)
{
  OA2ClientIdToken *state = state_of (self);
  g_autoptr(Validation) v = g_new0 (Validation, 1);
  OA2ClientAuth *auth = oa2_client_get_client_auth (self);
  GError *key_error = NULL;

  v->id_token = g_strdup (id_token);
  v->issuer = g_strdup (oa2_client_get_issuer (self));
  v->client_id = g_strdup (oa2_client_get_client_id (self));
  v->access_token = g_strdup (access_token);
  v->jwks_uri = g_strdup (oa2_client_get_jwks_uri (self));
  v->config.session = g_object_ref (oa2_client_get_session (self));
  v->config.timeout_seconds = oa2_client_get_timeout (self);
  v->config.max_response_size = oa2_client_get_max_response_size (self);

  g_mutex_lock (&state->lock);
  v->signed_alg = g_strdup (state->signed_alg);
  v->supported_algs = g_strdupv (state->supported_algs);
  v->encrypted_alg = g_strdup (state->encrypted_alg);
  v->encrypted_enc = g_strdup (state->encrypted_enc);
  g_set_object (&v->decryption_keys, state->decryption_keys);
  g_set_object (&v->server_jwks, state->server_jwks);
  g_mutex_unlock (&state->lock);

  if (v->issuer == NULL || v->client_id == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("Validating an ID token needs the client’s issuer and client identifier"));
      return NULL;
    }
  /* A short or empty secret cannot key HMAC: the HS check then reports
   * the missing key rather than this failure. */
  v->secret_key = oa2_client_auth_dup_secret_key (auth, &key_error);
  g_clear_error (&key_error);

  if (expectations != NULL)
    {
      v->expectations = *expectations;
      v->has_expectations = TRUE;
    }
  v->check = (OA2IdTokenCheck) {
    .issuer = v->issuer,
    .client_id = v->client_id,
    .signed_alg = v->signed_alg,
    .supported_algs = (const char * const *) v->supported_algs,
    .encrypted_alg = v->encrypted_alg,
    .encrypted_enc = v->encrypted_enc,
    .decryption_keys = v->decryption_keys,
    .secret_key = v->secret_key,
    .leeway = oa2_client_get_id_token_leeway (self),
    .access_token = v->access_token,
    .previous_id_token = expectations != NULL ? expectations->previous_id_token : NULL,
    .expectations = v->has_expectations ? &v->expectations : NULL,
  };
  return g_steal_pointer (&v);
}

/* The keys for the signature: the server's set (fetched, or given), or
 * none for HMAC. */
static gboolean
uses_fetched_keys (Validation *v)
{
  return v->needs_jwks && v->jwks_uri != NULL;
}

static OA2IdToken *
finish_validation (Validation  *v,
                   OA2Jwks     *jwks,
                   GError     **error)
{
  g_autoptr(OA2Jwk) key = NULL;

  if (!oa2_id_token_verify (v->jwt, v->needs_jwks ? jwks : NULL, &v->check, &key, error) ||
      !oa2_id_token_check_claims (v->jwt, key, &v->check, error))
    return NULL;
  return oa2_id_token_new_validated (v->jwt, v->id_token);
}

/* The check with the server's fetched keys, for oa2_jwks_cache_check(). */
static gpointer
check_with_keys (OA2Jwks  *jwks,
                 gpointer  data,
                 GError  **error)
{
  return finish_validation (data, jwks, error);
}

static OA2IdToken *
validate_sync (OA2Client     *self,
               Validation    *v,
               GCancellable  *cancellable,
               GError       **error)
{
  v->jwt = oa2_id_token_open (v->id_token, &v->check, &v->needs_jwks, error);
  if (v->jwt == NULL)
    return NULL;
  return oa2_client_check_signed (self, uses_fetched_keys (v), v->jwks_uri, &v->config, v->server_jwks,
                                  check_with_keys, v, cancellable, error);
}

static void
validate_async (OA2Client           *self,
                Validation          *v,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data,
                gpointer             source_tag)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, v, validation_free);

  v->jwt = oa2_id_token_open (v->id_token, &v->check, &v->needs_jwks, &error);
  if (v->jwt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* v lives in the task, which the check holds. */
  oa2_client_check_signed_async (self, g_steal_pointer (&task), uses_fetched_keys (v), v->jwks_uri, &v->config,
                                 v->server_jwks, check_with_keys, v);
}

/* Whether @token's response calls for validation, and which ID token. */
static gboolean
needs_validation (OA2Client                    *self,
                  OA2BearerToken               *token,
                  const OA2IdTokenExpectations *expectations,
                  GError                      **error)
{
  if (oa2_bearer_token_get_id_token (token) != NULL)
    {
      if (oa2_client_get_issuer (self) != NULL)
        return TRUE;
      /* A flow that expects something of the ID token (an authorization
       * request with a nonce, max_age or openid) must not have it skipped
       * for want of an issuer. */
      if (expectations != NULL &&
          (expectations->nonce != NULL || expectations->max_age >= 0 || expectations->id_token_required))
        g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                             _("The ID token cannot be validated: the client has no issuer"));
      return FALSE;
    }
  if (expectations != NULL && expectations->id_token_required)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_MISSING_MEMBER,
                           _("The token response has no ID token, though the authorization request asked for one "
                             "(scope openid)"));
      return FALSE;
    }
  return FALSE;
}

gboolean
oa2_client_validate_token_response (OA2Client                    *self,
                                    OA2BearerToken               *token,
                                    const OA2IdTokenExpectations *expectations,
                                    GCancellable                 *cancellable,
                                    GError                      **error)
{
  g_autoptr(Validation) v = NULL;
  g_autoptr(OA2IdToken) id_token = NULL;
  GError *local_error = NULL;

  if (!needs_validation (self, token, expectations, &local_error))
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, local_error);
      return FALSE;
    }
  v = validation_new (self, oa2_bearer_token_get_id_token (token), oa2_bearer_token_get_access_token (token),
                      expectations, error);
  if (v == NULL)
    return FALSE;
  id_token = validate_sync (self, v, cancellable, error);
  if (id_token == NULL)
    return FALSE;
  oa2_bearer_token_set_validated_id_token (token, id_token);
  return TRUE;
}

static void
on_token_response_validated (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OA2BearerToken *token = g_task_get_task_data (task);
  g_autoptr(OA2IdToken) id_token = NULL;
  GError *error = NULL;

  id_token = g_task_propagate_pointer (G_TASK (result), &error);
  if (id_token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  oa2_bearer_token_set_validated_id_token (token, id_token);
  g_task_return_boolean (task, TRUE);
}

void
oa2_client_validate_token_response_async (OA2Client                    *self,
                                          OA2BearerToken               *token,
                                          const OA2IdTokenExpectations *expectations,
                                          GCancellable                 *cancellable,
                                          GAsyncReadyCallback           callback,
                                          gpointer                      user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Validation *v;
  GError *error = NULL;

  g_task_set_source_tag (task, oa2_client_validate_token_response_async);
  g_task_set_task_data (task, g_object_ref (token), g_object_unref);

  if (!needs_validation (self, token, expectations, &error))
    {
      if (error == NULL)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      return;
    }
  v = validation_new (self, oa2_bearer_token_get_id_token (token), oa2_bearer_token_get_access_token (token),
                      expectations, &error);
  if (v == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  validate_async (self, v, cancellable, on_token_response_validated, g_steal_pointer (&task),
                  oa2_client_validate_token_response_async);
}

gboolean
oa2_client_validate_token_response_finish (OA2Client     *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static OA2IdTokenExpectations
request_expectations (const char *nonce,
                      gint64      max_age)
{
  OA2IdTokenExpectations expectations = OA2_ID_TOKEN_EXPECTATIONS_INIT;

  expectations.nonce = nonce;
  expectations.max_age = max_age < 0 ? -1 : max_age;
  return expectations;
}

/**
 * oa2_client_validate_id_token:
 * @self: a client with an [property@OA2.Client:issuer]
 * @id_token: an ID token in compact serialization
 * @nonce: (nullable): the nonce of the authorization request, or %NULL
 *   when it sent none
 * @max_age: the `max_age` of the authorization request in seconds, or -1
 *   when it sent none
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Validates an ID token the client received some other way than in a
 * token response (the token responses of every grant are validated
 * already): its signature with the server's keys from
 * [property@OA2.Client:jwks-uri] (or [property@OA2.Client:server-jwks]) or
 * with the client secret, and its claims, as the [ID tokens
 * page](id-tokens.html) lists. `at_hash` is not checked, for want of an
 * access token.
 *
 * This call blocks when it fetches the server's keys;
 * [method@OA2.Client.validate_id_token_async] is its asynchronous twin.
 *
 * Returns: (transfer full): the validated token, or %NULL with @error set,
 *   in the %OA2_ERROR domain: %OA2_ERROR_INVALID_CLAIM,
 *   %OA2_ERROR_INVALID_SIGNATURE, %OA2_ERROR_NO_MATCHING_KEY,
 *   %OA2_ERROR_UNSUPPORTED_ALGORITHM, %OA2_ERROR_UNSECURED_TOKEN,
 *   %OA2_ERROR_MALFORMED_TOKEN, %OA2_ERROR_DECRYPTION_FAILED, or the
 *   errors of fetching the keys
 */
OA2IdToken *
oa2_client_validate_id_token (OA2Client     *self,
                              const char    *id_token,
                              const char    *nonce,
                              gint64         max_age,
                              GCancellable  *cancellable,
                              GError       **error)
{
  OA2IdTokenExpectations expectations = request_expectations (nonce, max_age);
  g_autoptr(Validation) v = NULL;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (id_token != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  v = validation_new (self, id_token, NULL, &expectations, error);
  if (v == NULL)
    return NULL;
  return validate_sync (self, v, cancellable, error);
}

/**
 * oa2_client_validate_id_token_async:
 * @self: a client with an [property@OA2.Client:issuer]
 * @id_token: an ID token in compact serialization
 * @nonce: (nullable): the nonce of the authorization request, or %NULL
 * @max_age: the `max_age` of the authorization request, or -1
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token is validated or refused
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.Client.validate_id_token].
 * The arguments are copied. Finish with
 * [method@OA2.Client.validate_id_token_finish].
 */
void
oa2_client_validate_id_token_async (OA2Client           *self,
                                    const char          *id_token,
                                    const char          *nonce,
                                    gint64               max_age,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  OA2IdTokenExpectations expectations = request_expectations (NULL, max_age);
  Validation *v;
  GError *error = NULL;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (id_token != NULL);

  v = validation_new (self, id_token, NULL, &expectations, &error);
  if (v == NULL)
    {
      g_task_report_error (self, callback, user_data, oa2_client_validate_id_token_async, error);
      return;
    }
  /* The validation outlives this call: it keeps its own nonce. */
  v->owned_nonce = g_strdup (nonce);
  v->expectations.nonce = v->owned_nonce;
  validate_async (self, v, cancellable, callback, user_data, oa2_client_validate_id_token_async);
}

/**
 * oa2_client_validate_id_token_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.validate_id_token_async].
 *
 * Returns: (transfer full): the validated token, or %NULL with @error set
 */
OA2IdToken *
oa2_client_validate_id_token_finish (OA2Client     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == oa2_client_validate_id_token_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
