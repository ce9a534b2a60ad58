/* oa2-json.c: parsing untrusted JSON with type checks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-json-private.h"

/* A linear scan that ignores brackets inside strings; it only has to be
 * right for documents json-glib would accept. */
gboolean
oa2_json_nesting_within_limit (const char *data,
                      gsize       len)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > OA2_JSON_MAX_DEPTH)
            return FALSE;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return TRUE;
}

JsonObject *
oa2_json_parse_object (const char  *data,
                       gsize        len,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  gsize i;

  for (i = 0; i < len && g_ascii_isspace (data[i]); i++)
    ;
  if (i == len)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_EMPTY_RESPONSE,
                           _("The server sent an empty response"));
      return NULL;
    }

  if (!oa2_json_nesting_within_limit (data, len))
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_JSON,
                   _("The server sent JSON nested deeper than %d levels"), OA2_JSON_MAX_DEPTH);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local_error))
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_JSON,
                   /* Translators: %s is the JSON parser's explanation */
                   _("The server sent malformed JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_JSON,
                           _("The server sent JSON that is not an object"));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/* Reads a string member. Absent and null are the same thing; a present
 * member of another type is an error, never silently ignored. */
gboolean
oa2_json_get_string (JsonObject  *object,
                     const char  *name,
                     gboolean     required,
                     const char **out_value,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out_value = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;
      g_set_error (error, OA2_ERROR, OA2_ERROR_MISSING_MEMBER,
                   /* Translators: %s is the name of a JSON member, such as access_token */
                   _("The response has no “%s”"), name);
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
                   /* Translators: %s is the name of a JSON member, such as access_token */
                   _("The response member “%s” is not a string"), name);
      return FALSE;
    }

  *out_value = json_node_get_string (node);
  if (required && **out_value == '\0')
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
                   _("The response member “%s” is empty"), name);
      *out_value = NULL;
      return FALSE;
    }

  return TRUE;
}

char *
oa2_json_object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_alloc ();

  json_node_init_object (node, object);
  return json_to_string (node, FALSE);
}
