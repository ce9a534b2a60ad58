/* oa2-jwks.c: a JSON Web Key Set
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2Jwks:
 *
 * A JSON Web Key Set (RFC 7517 §5), such as an authorization server
 * publishes at its `jwks_uri`.
 *
 * Keys of a type this library does not know, and keys that fail
 * validation (a 1024-bit RSA key, a point off its curve), are left out of
 * the set rather than failing it, as RFC 7517 §5 asks; the rest stay
 * usable. [method@OA2.Jwks.select] finds the keys that fit a token.
 *
 * ```c
 * const char *algs[] = { "RS256", NULL };
 * g_autoptr(OA2Jwks) jwks = oa2_jwks_new_from_json (jwks_json, &error);
 * if (jwks != NULL &&
 *     oa2_jwt_verify_with_jwks (jwt, jwks, algs, OA2_JWKS_KEY_POLICY_SINGLE, &error))
 *   g_print ("signed by %s\n", oa2_jwt_get_kid (jwt));
 * ```
 *
 * ```python
 * jwks = OA2.Jwks.new_from_json(jwks_json)
 * jwt.verify_with_jwks(jwks, ['RS256'], OA2.JwksKeyPolicy.SINGLE)
 * ```
 */

#include "config.h"

#include <string.h>

#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-json-private.h"
#include "oa2-jwk-private.h"
#include "oa2-jwks.h"

struct _OA2Jwks
{
  GObject    parent_instance;

  GPtrArray *keys;   /* of OA2Jwk */
};

G_DEFINE_FINAL_TYPE (OA2Jwks, oa2_jwks, G_TYPE_OBJECT)

static void
oa2_jwks_finalize (GObject *object)
{
  OA2Jwks *self = OA2_JWKS (object);

  g_ptr_array_unref (self->keys);

  G_OBJECT_CLASS (oa2_jwks_parent_class)->finalize (object);
}

static void
oa2_jwks_class_init (OA2JwksClass *klass)
{
  oa2_i18n_init ();
  G_OBJECT_CLASS (klass)->finalize = oa2_jwks_finalize;
}

static void
oa2_jwks_init (OA2Jwks *self)
{
  self->keys = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * oa2_jwks_new:
 * @keys: (array length=n_keys): the keys
 * @n_keys: how many keys there are
 *
 * Makes a set of the given keys, such as a client's own keys.
 *
 * Returns: (transfer full): the key set
 */
OA2Jwks *
oa2_jwks_new (OA2Jwk * const *keys,
              gsize           n_keys)
{
  OA2Jwks *self = g_object_new (OA2_TYPE_JWKS, NULL);

  g_return_val_if_fail (keys != NULL || n_keys == 0, self);

  for (gsize i = 0; i < n_keys; i++)
    g_ptr_array_add (self->keys, g_object_ref (keys[i]));
  return self;
}

/**
 * oa2_jwks_new_from_json_object:
 * @object: a JWK Set as a JSON object, with a `keys` array
 *
 * Builds a key set, leaving out (and logging at debug level) keys that
 * cannot be used.
 *
 * Returns: (transfer full): the key set, or %NULL with @error set to
 *   %OA2_ERROR_INVALID_KEY when there is no `keys` array
 */
OA2Jwks *
oa2_jwks_new_from_json_object (JsonObject  *object,
                               GError     **error)
{
  g_autoptr(OA2Jwks) self = NULL;
  JsonNode *keys_node;
  JsonArray *keys;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  keys_node = json_object_get_member (object, "keys");
  if (keys_node == NULL || !JSON_NODE_HOLDS_ARRAY (keys_node))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                           _("The key set has no “keys” array"));
      return NULL;
    }

  self = g_object_new (OA2_TYPE_JWKS, NULL);
  keys = json_node_get_array (keys_node);
  for (guint i = 0; i < json_array_get_length (keys); i++)
    {
      JsonNode *element = json_array_get_element (keys, i);
      g_autoptr(GError) key_error = NULL;
      OA2Jwk *key = NULL;

      if (JSON_NODE_HOLDS_OBJECT (element))
        key = oa2_jwk_new_from_json_object (json_node_get_object (element), &key_error);
      if (key == NULL)
        g_debug ("Key %u of the key set left out: %s", i,
                 key_error != NULL ? key_error->message : "not a JSON object");
      else
        g_ptr_array_add (self->keys, key);
    }
  return g_steal_pointer (&self);
}

/**
 * oa2_jwks_new_from_json:
 * @json: a JWK Set as JSON text
 *
 * Parses a key set; see [ctor@OA2.Jwks.new_from_json_object].
 *
 * Returns: (transfer full): the key set, or %NULL with @error set
 */
OA2Jwks *
oa2_jwks_new_from_json (const char  *json,
                        GError     **error)
{
  g_autoptr(JsonObject) object = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  object = oa2_json_parse_object (json, strlen (json), NULL);
  if (object == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                           _("The key set is not a JSON object"));
      return NULL;
    }
  return oa2_jwks_new_from_json_object (object, error);
}

/**
 * oa2_jwks_get_n_keys:
 * @self: a key set
 *
 * Gets how many usable keys the set has.
 *
 * Returns: the number of keys
 */
guint
oa2_jwks_get_n_keys (OA2Jwks *self)
{
  g_return_val_if_fail (OA2_IS_JWKS (self), 0);

  return self->keys->len;
}

/**
 * oa2_jwks_get_key:
 * @self: a key set
 * @index: a key's position, below [method@OA2.Jwks.get_n_keys]
 *
 * Gets a key of the set.
 *
 * Returns: (transfer none): the key
 */
OA2Jwk *
oa2_jwks_get_key (OA2Jwks *self,
                  guint    index)
{
  g_return_val_if_fail (OA2_IS_JWKS (self), NULL);
  g_return_val_if_fail (index < self->keys->len, NULL);

  return self->keys->pdata[index];
}

/**
 * oa2_jwks_lookup_kid:
 * @self: a key set
 * @kid: a key identifier
 *
 * Finds the first key with the identifier @kid.
 *
 * Returns: (transfer none) (nullable): the key, or %NULL
 */
OA2Jwk *
oa2_jwks_lookup_kid (OA2Jwks    *self,
                     const char *kid)
{
  g_return_val_if_fail (OA2_IS_JWKS (self), NULL);
  g_return_val_if_fail (kid != NULL, NULL);

  for (guint i = 0; i < self->keys->len; i++)
    if (g_strcmp0 (oa2_jwk_get_kid (self->keys->pdata[i]), kid) == 0)
      return self->keys->pdata[i];
  return NULL;
}

/**
 * oa2_jwks_select:
 * @self: a key set
 * @kid: (nullable): the `kid` a token names, or %NULL for any key
 * @alg: (nullable): the algorithm the key must fit, or %NULL
 * @use: (nullable): `sig` or `enc`: keys with another `use` are left out
 *
 * Finds the keys that fit: with the identifier @kid when one is given,
 * whose own `alg` (when they have one) is @alg, whose type, curve and size
 * fit @alg, and whose `use` (when they have one) is @use. `key_ops` is
 * checked when the key is used.
 *
 * Returns: (transfer container) (element-type OA2Jwk): the fitting keys,
 *   in the set's order; possibly none
 */
GPtrArray *
oa2_jwks_select (OA2Jwks    *self,
                 const char *kid,
                 const char *alg,
                 const char *use)
{
  GPtrArray *found;

  g_return_val_if_fail (OA2_IS_JWKS (self), NULL);

  found = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->keys->len; i++)
    {
      OA2Jwk *key = self->keys->pdata[i];

      if (kid != NULL && g_strcmp0 (oa2_jwk_get_kid (key), kid) != 0)
        continue;
      if (use != NULL && oa2_jwk_get_use (key) != NULL && strcmp (oa2_jwk_get_use (key), use) != 0)
        continue;
      if (alg != NULL && oa2_jwk_get_alg (key) != NULL && strcmp (oa2_jwk_get_alg (key), alg) != 0)
        continue;
      if (alg != NULL && !oa2_jwk_supports_alg (key, alg))
        continue;
      g_ptr_array_add (found, g_object_ref (key));
    }
  return found;
}

/**
 * oa2_jwks_to_json:
 * @self: a key set
 * @include_private: whether to include private members
 *
 * Exports the set, for instance to publish a client's public keys.
 *
 * Returns: (transfer full): the JWK Set as JSON text
 */
char *
oa2_jwks_to_json (OA2Jwks  *self,
                  gboolean  include_private)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonArray *keys = json_array_new ();

  g_return_val_if_fail (OA2_IS_JWKS (self), NULL);

  for (guint i = 0; i < self->keys->len; i++)
    {
      OA2Jwk *key = self->keys->pdata[i];

      /* A symmetric key has no public form: leave it out. */
      if (!include_private && strcmp (oa2_jwk_get_kty (key), "oct") == 0)
        continue;
      json_array_add_object_element (keys, oa2_jwk_to_json_object (key, include_private));
    }
  json_object_set_array_member (object, "keys", keys);
  return oa2_json_object_to_string (object);
}
