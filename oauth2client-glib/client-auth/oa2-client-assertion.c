/* oa2-client-assertion.c: what client_secret_jwt and private_key_jwt share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "oa2-base64url-private.h"
#include "oa2-client-assertion-private.h"
#include "oa2-clock-private.h"
#include "oa2-crypto-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-jwt-private.h"
#include "oa2-jwt.h"
#include "oa2-secret-private.h"

/* 128 bits from the CSPRNG: a jti the server can use to refuse replays
 * (RFC 7523 §3) that no one can predict. */
#define JTI_BYTES 16

static char *
random_jti (void)
{
  guint8 bytes[JTI_BYTES];

  oa2_crypto_random (bytes, sizeof bytes);
  return oa2_base64url_encode (bytes, sizeof bytes);
}

static OA2JtiFunc jti_func = random_jti;

char *
oa2_client_assertion_new_jti (void)
{
  OA2JtiFunc func = g_atomic_pointer_get (&jti_func);

  return func ();
}

void
_oa2_client_assertion_set_jti_func_for_testing (OA2JtiFunc func)
{
  g_atomic_pointer_set (&jti_func, func != NULL ? func : random_jti);
}

void
oa2_client_assertion_install_properties (GObjectClass *object_class)
{
  /* The same four properties on both classes; each documents them. */
  g_object_class_install_property (object_class, OA2_CLIENT_ASSERTION_PROP_ALG,
    g_param_spec_string ("alg", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, OA2_CLIENT_ASSERTION_PROP_AUDIENCE,
    g_param_spec_boxed ("audience", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, OA2_CLIENT_ASSERTION_PROP_LIFETIME,
    g_param_spec_uint ("lifetime", NULL, NULL, 1, G_MAXINT32, OA2_CLIENT_ASSERTION_DEFAULT_LIFETIME,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, OA2_CLIENT_ASSERTION_PROP_NOT_BEFORE,
    g_param_spec_boolean ("not-before", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
}

gboolean
oa2_client_assertion_set_property (OA2ClientAssertion *self,
                                   guint               prop_id,
                                   const GValue       *value)
{
  switch (prop_id)
    {
    case OA2_CLIENT_ASSERTION_PROP_ALG:
      self->alg = g_value_dup_string (value);
      return TRUE;
    case OA2_CLIENT_ASSERTION_PROP_AUDIENCE:
      self->audience = g_value_dup_boxed (value);
      return TRUE;
    case OA2_CLIENT_ASSERTION_PROP_LIFETIME:
      self->lifetime = g_value_get_uint (value);
      return TRUE;
    case OA2_CLIENT_ASSERTION_PROP_NOT_BEFORE:
      self->not_before = g_value_get_boolean (value);
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
oa2_client_assertion_get_property (OA2ClientAssertion *self,
                                   guint               prop_id,
                                   GValue             *value)
{
  switch (prop_id)
    {
    case OA2_CLIENT_ASSERTION_PROP_ALG:
      g_value_set_string (value, oa2_client_assertion_get_alg (self));
      return TRUE;
    case OA2_CLIENT_ASSERTION_PROP_AUDIENCE:
      g_value_set_boxed (value, self->audience);
      return TRUE;
    case OA2_CLIENT_ASSERTION_PROP_LIFETIME:
      g_value_set_uint (value, self->lifetime);
      return TRUE;
    case OA2_CLIENT_ASSERTION_PROP_NOT_BEFORE:
      g_value_set_boolean (value, self->not_before);
      return TRUE;
    default:
      return FALSE;
    }
}

static GQuark
assertion_quark (void)
{
  return g_quark_from_static_string ("oa2-client-assertion");
}

void
oa2_client_assertion_attach (OA2ClientAssertion *self,
                             OA2ClientAuth      *auth)
{
  g_object_set_qdata (G_OBJECT (auth), assertion_quark (), self);
}

void
oa2_client_assertion_check (OA2ClientAssertion *self,
                            gboolean            asymmetric)
{
  const char *alg;

  if (self->key == NULL)
    {
      g_set_error_literal (&self->init_error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("A client assertion needs a key"));
      return;
    }
  if (asymmetric && g_strcmp0 (oa2_jwk_get_kty (self->key), "oct") == 0)
    {
      g_set_error_literal (&self->init_error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH,
                           _("private_key_jwt needs a private key of a key pair, not a symmetric key"));
      return;
    }
  alg = oa2_jwt_signing_alg (self->key, self->alg, &self->init_error);
  /* Remember the key's own algorithm, so that the property shows it. */
  if (alg != NULL && self->alg == NULL)
    self->alg = g_strdup (alg);
}

const char *
oa2_client_assertion_get_alg (OA2ClientAssertion *self)
{
  return self->alg;
}

void
oa2_client_assertion_clear (OA2ClientAssertion *self)
{
  g_clear_object (&self->key);
  g_clear_pointer (&self->alg, g_free);
  g_clear_pointer (&self->audience, g_strfreev);
  g_clear_error (&self->init_error);
}

char *
oa2_client_assertion_sign (OA2Jwk              *key,
                           const char          *alg,
                           const char          *issuer,
                           const char          *subject,
                           const char * const  *audience,
                           guint                lifetime,
                           gboolean             not_before,
                           JsonObject          *extra_claims,
                           GError             **error)
{
  static const char * const registered[] = { "iss", "sub", "aud", "jti", "iat", "nbf", "exp", NULL };
  g_autoptr(JsonObject) claims = json_object_new ();
  g_autofree char *jti = NULL;
  gint64 now = oa2_clock_now_seconds ();

  g_return_val_if_fail (audience != NULL && audience[0] != NULL, NULL);

  if (extra_claims != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      json_object_iter_init (&iter, extra_claims);
      while (json_object_iter_next (&iter, &name, &node))
        {
          if (g_strv_contains (registered, name))
            {
              g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           /* Translators: %s is a JWT claim name such as "exp" */
                           _("The claim “%s” of an assertion is set by the library"), name);
              return NULL;
            }
        }
    }

  jti = oa2_client_assertion_new_jti ();
  json_object_set_string_member (claims, "iss", issuer);
  json_object_set_string_member (claims, "sub", subject);
  if (audience[1] == NULL)
    {
      json_object_set_string_member (claims, "aud", audience[0]);
    }
  else
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; audience[i] != NULL; i++)
        json_array_add_string_element (array, audience[i]);
      json_object_set_array_member (claims, "aud", array);
    }
  json_object_set_string_member (claims, "jti", jti);
  json_object_set_int_member (claims, "iat", now);
  if (not_before)
    json_object_set_int_member (claims, "nbf", now);
  json_object_set_int_member (claims, "exp", now + lifetime);
  if (extra_claims != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      /* In the caller's order, so that the same input signs the same
       * JSON. */
      json_object_iter_init_ordered (&iter, extra_claims);
      while (json_object_iter_next_ordered (&iter, &name, &node))
        json_object_set_member (claims, name, json_node_copy (node));
    }
  return oa2_jwt_sign_claims (claims, key, alg, NULL, error);
}

GHashTable *
oa2_client_assertion_params (OA2ClientAssertion  *self,
                             const char          *client_id,
                             const char          *default_audience,
                             GError             **error)
{
  const char *fallback[] = { default_audience, NULL };
  const char * const *audience = self->audience != NULL && self->audience[0] != NULL
                                 ? (const char * const *) self->audience : fallback;
  GHashTable *params;
  char *assertion;

  if (self->init_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->init_error));
      return NULL;
    }
  assertion = oa2_client_assertion_sign (self->key, self->alg, client_id, client_id, audience,
                                         self->lifetime, self->not_before, NULL, error);
  if (assertion == NULL)
    return NULL;
  params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) oa2_secret_free);
  g_hash_table_insert (params, g_strdup ("client_id"), g_strdup (client_id));
  g_hash_table_insert (params, g_strdup ("client_assertion_type"), g_strdup (OA2_CLIENT_ASSERTION_TYPE));
  g_hash_table_insert (params, g_strdup ("client_assertion"), assertion);
  return params;
}

GHashTable *
oa2_client_auth_authenticate_for_issuer (OA2ClientAuth       *auth,
                                         const char          *method,
                                         const char          *uri,
                                         const char          *issuer,
                                         SoupMessageHeaders  *headers,
                                         GError             **error)
{
  OA2ClientAssertion *assertion = g_object_get_qdata (G_OBJECT (auth), assertion_quark ());

  if (assertion == NULL || issuer == NULL)
    return oa2_client_auth_authenticate (auth, method, uri, headers, error);
  return oa2_client_assertion_params (assertion, oa2_client_auth_get_client_id (auth), issuer, error);
}
