/* oa2-bearer-token-compact.c: a token in requests_oauth2client's compact
 * serialized form
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The reference library's TokenSerializer writes a token as JSON, raw
 * DEFLATE and base64url (oa2-compact.c), with the members in the order of
 * its BearerToken fields: `access_token`, `expires_at` (seconds since the
 * epoch), `scope`, `refresh_token`, `token_type`, `id_token`, then, for a
 * DPoP token, `dpop_key`, then every other member of the token response
 * in the server's order; absent ones are left out. Its `dpop_key` object
 * holds `alg`, `private_key` (the private JWK) and `jwt_typ`, and also the
 * Python repr() of three callables and two nonces, which mean nothing
 * outside that process: they are ignored when reading, and not written.
 * Python reads the result back with `TokenSerializer().loads()`.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "oa2-bearer-token-compact.h"
#include "oa2-compact-private.h"
#include "oa2-dpop-key-compact-private.h"
#include "oa2-dpop-token.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-json-private.h"
#include "oa2-secret-private.h"

#define DPOP_KEY_MEMBER "dpop_key"

static void
wipe_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  oa2_json_wipe_strings (node);
}

static gboolean
is_written_first (const char *name)
{
  static const char *const names[] = {
    "access_token", "expires_at", "expires_in", "scope", "refresh_token", "token_type", "id_token",
    DPOP_KEY_MEMBER,
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
set_string (JsonObject *object,
            const char *name,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
}

/**
 * oa2_bearer_token_to_compact:
 * @self: a token
 *
 * Writes the token in the compact text form of the reference Python
 * library's `TokenSerializer`: JSON, raw DEFLATE, base64url. The result
 * is byte for byte what that library writes for the same token (members
 * in the same order, strings and numbers written as Python writes them,
 * DPoP keys aside: see below); a Python app reads it with
 * `TokenSerializer().loads()`, and this library reads what it wrote with
 * [ctor@OA2.BearerToken.new_from_compact].
 *
 * A DPoP token ([class@OA2.DPoPToken]) is written with its private key,
 * in a `dpop_key` object of `alg`, `private_key` and `jwt_typ`: the
 * members of the reference library's own `dpop_key` that mean something
 * outside a Python process (it also writes the repr() of its jti and iat
 * functions, which this library leaves out).
 *
 * **Warning:** the result holds credentials (and a DPoP token's private
 * key), compressed but not encrypted. Keep it where secrets belong.
 *
 * Returns: (transfer full): the compact form
 */
char *
oa2_bearer_token_to_compact (OA2BearerToken *self)
{
  static const char *const wiped_members[] = { "access_token", "refresh_token", "id_token", DPOP_KEY_MEMBER };
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_auto(GStrv) names = NULL;
  GDateTime *expires_at;
  GString *json;
  char *compact;

  g_return_val_if_fail (OA2_IS_BEARER_TOKEN (self), NULL);

  object = json_object_new ();
  set_string (object, "access_token", oa2_bearer_token_get_access_token (self));
  expires_at = oa2_bearer_token_get_expires_at (self);
  if (expires_at != NULL)
    json_object_set_int_member (object, "expires_at", g_date_time_to_unix (expires_at));
  set_string (object, "scope", oa2_bearer_token_get_scope (self));
  set_string (object, "refresh_token", oa2_bearer_token_get_refresh_token (self));
  set_string (object, "token_type", oa2_bearer_token_get_token_type (self));
  set_string (object, "id_token", oa2_bearer_token_get_id_token (self));

  if (OA2_IS_DPOP_TOKEN (self))
    {
      OA2DPoPKey *key = oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (self));
      JsonObject *dpop_key = json_object_new ();

      json_object_set_string_member (dpop_key, "alg", oa2_dpop_key_get_alg (key));
      json_object_set_object_member (dpop_key, "private_key", oa2_dpop_key_dup_compact_jwk (key));
      json_object_set_string_member (dpop_key, "jwt_typ", oa2_dpop_key_get_proof_typ (key));
      json_object_set_object_member (object, DPOP_KEY_MEMBER, dpop_key);
    }

  /* Python drops members whose value is None. */
  names = oa2_bearer_token_dup_member_names (self);
  for (guint i = 0; names[i] != NULL; i++)
    {
      JsonNode *member = oa2_bearer_token_get_member (self, names[i]);

      if (!is_written_first (names[i]) && member != NULL && !JSON_NODE_HOLDS_NULL (member))
        json_object_set_member (object, names[i], json_node_copy (member));
    }

  node = json_node_init_object (json_node_alloc (), object);
  json = g_string_new (NULL);
  oa2_compact_append_json (json, node);
  compact = oa2_compact_encode (json->str, json->len);
  oa2_secret_wipe (json->str, json->len);
  g_string_free (json, TRUE);

  /* Only the members made here are wiped: json_node_copy() shares the
   * values of the token's other members, which must stay intact. */
  for (guint i = 0; i < G_N_ELEMENTS (wiped_members); i++)
    {
      JsonNode *member = json_object_get_member (object, wiped_members[i]);

      if (member != NULL)
        oa2_json_wipe_strings (member);
    }
  return compact;
}

/* The reference library's `expires_at`: seconds since the epoch, which
 * Python reads with datetime.fromtimestamp(), so an integer or a float. */
static gboolean
read_expires_at (JsonObject  *object,
                 gboolean    *out_present,
                 gint64      *out_seconds,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (object, "expires_at");

  *out_present = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    *out_seconds = json_node_get_int (node);
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE &&
           isfinite (json_node_get_double (node)) && fabs (json_node_get_double (node)) < 1e15)
    *out_seconds = (gint64) floor (json_node_get_double (node));
  else
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
                   /* Translators: %s is a JSON member name */
                   _("The serialized token’s “%s” is not a time in seconds"), "expires_at");
      return FALSE;
    }
  *out_present = TRUE;
  return TRUE;
}

/* The key of a serialized DPoP token: `dpop_key` must be an object with a
 * `private_key` object; `alg` and `jwt_typ`, when present, are strings. */
static OA2DPoPKey *
read_dpop_key (JsonObject  *object,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, DPOP_KEY_MEMBER);
  JsonObject *dpop_key;
  JsonNode *private_key;
  const char *alg = NULL, *typ = NULL;
  g_autoptr(OA2DPoPKey) key = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_MISSING_MEMBER,
                   /* Translators: %s is a JSON member name */
                   _("The serialized DPoP token has no key (“%s”)"), DPOP_KEY_MEMBER);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
                   /* Translators: %s is a JSON member name */
                   _("The serialized DPoP token’s “%s” is not a JSON object"), DPOP_KEY_MEMBER);
      return NULL;
    }
  dpop_key = json_node_get_object (node);
  private_key = json_object_get_member (dpop_key, "private_key");
  if (private_key == NULL || !JSON_NODE_HOLDS_OBJECT (private_key))
    {
      g_set_error (error, OA2_ERROR, private_key == NULL ? OA2_ERROR_MISSING_MEMBER : OA2_ERROR_INVALID_MEMBER,
                   /* Translators: %s is a JSON member name */
                   _("The serialized DPoP key has no “%s” object"), "private_key");
      return NULL;
    }
  if (!oa2_json_get_string (dpop_key, "alg", FALSE, &alg, error) ||
      !oa2_json_get_string (dpop_key, "jwt_typ", FALSE, &typ, error))
    return NULL;

  key = oa2_dpop_key_new_from_compact_jwk (json_node_get_object (private_key), alg, error);
  if (key != NULL && typ != NULL)
    oa2_dpop_key_set_proof_typ (key, typ);
  return g_steal_pointer (&key);
}

/**
 * oa2_bearer_token_new_from_compact:
 * @compact: a token as requests_oauth2client's `TokenSerializer` (or
 *   [method@OA2.BearerToken.to_compact]) wrote it
 * @error: return location for a #GError
 *
 * Reads a token from the compact text form of the reference Python
 * library, so that an app moving to this library keeps the tokens it
 * stored. A `DPoP` token comes back as an [class@OA2.DPoPToken] with its
 * key. The token is then checked as [ctor@OA2.BearerToken.new_from_json]
 * checks a stored one.
 *
 * Errors: input that is not base64url, not DEFLATE, inflates past 256 KiB
 * or ends early is %OA2_ERROR_MALFORMED_TOKEN; JSON that is not an object
 * is %OA2_ERROR_INVALID_JSON; a missing `token_type` or DPoP key is
 * %OA2_ERROR_MISSING_MEMBER; a member of the wrong type is
 * %OA2_ERROR_INVALID_MEMBER; a token type other than `Bearer` or `DPoP`
 * is %OA2_ERROR_UNSUPPORTED_TOKEN_TYPE.
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_bearer_token_new_from_compact (const char  *compact,
                                   GError     **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(OA2DPoPKey) key = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GList) names = NULL;
  g_autoptr(OA2SecretText) json = NULL;
  const char *token_type = NULL;
  gboolean has_expiry;
  gint64 expires_at = 0;
  OA2BearerToken *token = NULL;

  g_return_val_if_fail (compact != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = oa2_compact_decode (compact, OA2_COMPACT_MAX_INFLATED, error);
  if (object == NULL)
    return NULL;

  /* The reference library needs `token_type` to pick the class. */
  if (!oa2_json_get_string (object, "token_type", TRUE, &token_type, error) ||
      !read_expires_at (object, &has_expiry, &expires_at, error))
    goto out;
  if (g_ascii_strcasecmp (token_type, "Bearer") != 0 && g_ascii_strcasecmp (token_type, "DPoP") != 0)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_TOKEN_TYPE,
                   _("The serialized token’s type “%s” is neither Bearer nor DPoP"), token_type);
      goto out;
    }
  if (g_ascii_strcasecmp (token_type, "DPoP") == 0 && (key = read_dpop_key (object, error)) == NULL)
    goto out;

  /* The same token in this library's stored form, which
   * oa2_bearer_token_new_from_json() checks member by member. */
  stored = json_object_new ();
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    if (strcmp (l->data, "expires_at") != 0 && strcmp (l->data, DPOP_KEY_MEMBER) != 0)
      json_object_set_member (stored, l->data, json_node_copy (json_object_get_member (object, l->data)));
  if (has_expiry)
    json_object_set_int_member (stored, "expires_at", expires_at);
  if (key != NULL)
    {
      g_autoptr(OA2SecretText) key_json = oa2_dpop_key_to_json (key);
      JsonObject *key_object = oa2_json_parse_object (key_json, strlen (key_json), NULL);

      json_object_set_object_member (stored, DPOP_KEY_MEMBER, key_object);
    }
  node = json_node_init_object (json_node_alloc (), stored);
  json = oa2_json_to_string (node);
  oa2_json_wipe_strings (node);
  token = oa2_bearer_token_new_from_json (json, error);

out:
  wipe_object (object);
  return token;
}
