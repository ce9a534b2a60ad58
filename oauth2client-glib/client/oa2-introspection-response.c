/* oa2-introspection-response.c: what the server says of a token
 * (RFC 7662 §2.2)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-introspection-response.h"

/**
 * OA2IntrospectionResponse:
 *
 * The answer of an introspection endpoint (RFC 7662 §2.2), as
 * [method@OA2.Client.introspect_token] returns it: whether the token is
 * active and, for an active one, what the server chose to say about it.
 *
 * Every member is kept, and [method@OA2.IntrospectionResponse.get_member]
 * reads the ones without a getter. The object is immutable. See the
 * [revocation and introspection page](revocation-and-introspection.html).
 *
 * ```c
 * g_autoptr(OA2IntrospectionResponse) info =
 *   oa2_client_introspect_token (client, access_token, "access_token",
 *                                OA2_INTROSPECTION_FLAGS_NONE, NULL, &error);
 * if (info != NULL && oa2_introspection_response_get_active (info))
 *   g_print ("scope: %s\n", oa2_introspection_response_get_scope (info));
 * ```
 *
 * ```python
 * info = client.introspect_token(access_token, 'access_token',
 *                                OA2.IntrospectionFlags.NONE, None)
 * if info.get_active():
 *     print('scope:', info.get_scope())
 * ```
 */
struct _OA2IntrospectionResponse
{
  GObject     parent_instance;

  JsonObject *json;
  char      **aud;
};

G_DEFINE_FINAL_TYPE (OA2IntrospectionResponse, oa2_introspection_response, G_TYPE_OBJECT)

static void
oa2_introspection_response_finalize (GObject *object)
{
  OA2IntrospectionResponse *self = OA2_INTROSPECTION_RESPONSE (object);

  g_clear_pointer (&self->json, json_object_unref);
  g_strfreev (self->aud);
  G_OBJECT_CLASS (oa2_introspection_response_parent_class)->finalize (object);
}

static void
oa2_introspection_response_class_init (OA2IntrospectionResponseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = oa2_introspection_response_finalize;
}

static void
oa2_introspection_response_init (OA2IntrospectionResponse *self)
{
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
invalid (GError     **error,
         const char  *name)
{
  g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
               /* Translators: %s is a JSON member name such as “exp” */
               _("The introspection response’s “%s” has the wrong type"), name);
  return FALSE;
}

/* The members RFC 7662 §2.2 names must have their types, so that the
 * getters can trust them; the audience is kept as a list either way. */
static gboolean
check_members (OA2IntrospectionResponse  *self,
               GError                   **error)
{
  static const char * const strings[] = {
    "scope", "client_id", "username", "token_type", "sub", "iss", "jti",
  };
  static const char * const times[] = { "exp", "iat", "nbf" };
  JsonNode *node;

  node = json_object_get_member (self->json, "active");
  if (node == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_MISSING_MEMBER,
                           _("The introspection response has no “active”"));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid (error, "active");

  for (gsize i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      node = json_object_get_member (self->json, strings[i]);
      if (node != NULL && !is_string (node))
        return invalid (error, strings[i]);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (times); i++)
    {
      node = json_object_get_member (self->json, times[i]);
      if (node != NULL && !is_integer (node))
        return invalid (error, times[i]);
    }
  node = json_object_get_member (self->json, "cnf");
  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, "cnf");

  node = json_object_get_member (self->json, "aud");
  if (node != NULL && is_string (node))
    {
      self->aud = g_new0 (char *, 2);
      self->aud[0] = g_strdup (json_node_get_string (node));
    }
  else if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      self->aud = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!is_string (element))
            return invalid (error, "aud");
          self->aud[i] = g_strdup (json_node_get_string (element));
        }
    }
  else if (node != NULL)
    return invalid (error, "aud");
  return TRUE;
}

/**
 * oa2_introspection_response_new_from_json:
 * @response: the JSON object the introspection endpoint answered with
 * @error: return location for a #GError
 *
 * Makes a response from the endpoint's JSON, or from the
 * `token_introspection` claim of a JWT response (RFC 9701).
 *
 * Returns: (transfer full): the response, or %NULL with @error set:
 *   %OA2_ERROR_MISSING_MEMBER without `active`, %OA2_ERROR_INVALID_MEMBER
 *   when a member RFC 7662 defines has the wrong type
 */
OA2IntrospectionResponse *
oa2_introspection_response_new_from_json (JsonObject  *response,
                                          GError     **error)
{
  g_autoptr(OA2IntrospectionResponse) self = NULL;

  g_return_val_if_fail (response != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (OA2_TYPE_INTROSPECTION_RESPONSE, NULL);
  self->json = json_object_ref (response);
  json_object_seal (self->json);
  if (!check_members (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

static const char *
get_string (OA2IntrospectionResponse *self,
            const char               *name)
{
  g_return_val_if_fail (OA2_IS_INTROSPECTION_RESPONSE (self), NULL);

  return json_object_get_string_member_with_default (self->json, name, NULL);
}

static gint64
get_time (OA2IntrospectionResponse *self,
          const char               *name)
{
  g_return_val_if_fail (OA2_IS_INTROSPECTION_RESPONSE (self), 0);

  return json_object_get_int_member_with_default (self->json, name, 0);
}

/**
 * oa2_introspection_response_get_active:
 * @self: a response
 *
 * Whether the token is active: issued by this server, not expired, not
 * revoked, and usable by the client that asked (RFC 7662 §2.2). The
 * other members matter only when it is.
 *
 * Returns: the `active` member
 */
gboolean
oa2_introspection_response_get_active (OA2IntrospectionResponse *self)
{
  g_return_val_if_fail (OA2_IS_INTROSPECTION_RESPONSE (self), FALSE);

  return json_object_get_boolean_member (self->json, "active");
}

/**
 * oa2_introspection_response_get_scope:
 * @self: a response
 *
 * The scope of the token.
 *
 * Returns: (nullable): the token's space-separated `scope`, or %NULL
 */
const char *
oa2_introspection_response_get_scope (OA2IntrospectionResponse *self)
{
  return get_string (self, "scope");
}

/**
 * oa2_introspection_response_get_client_id:
 * @self: a response
 *
 * The client the token was issued to.
 *
 * Returns: (nullable): the `client_id` the token was issued to, or %NULL
 */
const char *
oa2_introspection_response_get_client_id (OA2IntrospectionResponse *self)
{
  return get_string (self, "client_id");
}

/**
 * oa2_introspection_response_get_username:
 * @self: a response
 *
 * The resource owner’s name, for people to read.
 *
 * Returns: (nullable): the human-readable `username` of the resource
 *   owner, or %NULL
 */
const char *
oa2_introspection_response_get_username (OA2IntrospectionResponse *self)
{
  return get_string (self, "username");
}

/**
 * oa2_introspection_response_get_token_type:
 * @self: a response
 *
 * The type of the token.
 *
 * Returns: (nullable): the `token_type` (`Bearer`, `DPoP`…), or %NULL
 */
const char *
oa2_introspection_response_get_token_type (OA2IntrospectionResponse *self)
{
  return get_string (self, "token_type");
}

/**
 * oa2_introspection_response_get_exp:
 * @self: a response
 *
 * When the token expires.
 *
 * Returns: the expiry `exp` in seconds since the Unix epoch, or 0 when
 *   the response has none
 */
gint64
oa2_introspection_response_get_exp (OA2IntrospectionResponse *self)
{
  return get_time (self, "exp");
}

/**
 * oa2_introspection_response_get_iat:
 * @self: a response
 *
 * When the token was issued.
 *
 * Returns: the issue time `iat` in seconds since the Unix epoch, or 0
 */
gint64
oa2_introspection_response_get_iat (OA2IntrospectionResponse *self)
{
  return get_time (self, "iat");
}

/**
 * oa2_introspection_response_get_nbf:
 * @self: a response
 *
 * From when the token may be used.
 *
 * Returns: the not-before time `nbf` in seconds since the Unix epoch, or 0
 */
gint64
oa2_introspection_response_get_nbf (OA2IntrospectionResponse *self)
{
  return get_time (self, "nbf");
}

/**
 * oa2_introspection_response_get_sub:
 * @self: a response
 *
 * The subject of the token, usually the resource owner.
 *
 * Returns: (nullable): the subject `sub`, or %NULL
 */
const char *
oa2_introspection_response_get_sub (OA2IntrospectionResponse *self)
{
  return get_string (self, "sub");
}

/**
 * oa2_introspection_response_get_aud:
 * @self: a response
 *
 * The token's audiences; a single string in the response is a list of one.
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the
 *   `aud` values, or %NULL when the response has none
 */
const char * const *
oa2_introspection_response_get_aud (OA2IntrospectionResponse *self)
{
  g_return_val_if_fail (OA2_IS_INTROSPECTION_RESPONSE (self), NULL);

  return (const char * const *) self->aud;
}

/**
 * oa2_introspection_response_get_iss:
 * @self: a response
 *
 * Who issued the token.
 *
 * Returns: (nullable): the issuer `iss` of the token, or %NULL
 */
const char *
oa2_introspection_response_get_iss (OA2IntrospectionResponse *self)
{
  return get_string (self, "iss");
}

/**
 * oa2_introspection_response_get_jti:
 * @self: a response
 *
 * The identifier of the token.
 *
 * Returns: (nullable): the token identifier `jti`, or %NULL
 */
const char *
oa2_introspection_response_get_jti (OA2IntrospectionResponse *self)
{
  return get_string (self, "jti");
}

/**
 * oa2_introspection_response_get_cnf:
 * @self: a response
 *
 * The token's confirmation: `jkt` for a DPoP-bound token (RFC 9449 §6.2),
 * `x5t#S256` for a certificate-bound one (RFC 8705 §3.2).
 *
 * Returns: (nullable) (transfer none): the `cnf` object, or %NULL
 */
JsonObject *
oa2_introspection_response_get_cnf (OA2IntrospectionResponse *self)
{
  JsonNode *node;

  g_return_val_if_fail (OA2_IS_INTROSPECTION_RESPONSE (self), NULL);

  node = json_object_get_member (self->json, "cnf");
  return node != NULL ? json_node_get_object (node) : NULL;
}

/**
 * oa2_introspection_response_get_member:
 * @self: a response
 * @name: a member name
 *
 * A member of the response by name, with or without a getter.
 *
 * Returns: (nullable) (transfer none): the member @name, of any type, or
 *   %NULL when the response has none
 */
JsonNode *
oa2_introspection_response_get_member (OA2IntrospectionResponse *self,
                                       const char               *name)
{
  g_return_val_if_fail (OA2_IS_INTROSPECTION_RESPONSE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return json_object_get_member (self->json, name);
}

/**
 * oa2_introspection_response_get_json:
 * @self: a response
 *
 * The response as the server sent it.
 *
 * Returns: (transfer none): the whole response, sealed
 */
JsonObject *
oa2_introspection_response_get_json (OA2IntrospectionResponse *self)
{
  g_return_val_if_fail (OA2_IS_INTROSPECTION_RESPONSE (self), NULL);

  return self->json;
}
