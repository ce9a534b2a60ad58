/* fuzz-json.c: the strict JSON parser and the writer on arbitrary bytes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every token response, JOSE header, claim set and key goes through this
 * parser first. Beyond not crashing: whatever it accepts holds only valid
 * UTF-8 strings, the writer's output of it parses again, and writing that
 * gives the same text (the writer and the parser agree on every value).
 * What it refuses is an OA2_ERROR whose message is one line. An object
 * goes on to the token builder, which either refuses it with an OA2_ERROR
 * or gives a token whose Authorization header is one line.
 */

#include "fuzz-common.h"

#include "oa2-json-private.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static void
check_strings (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            FUZZ_CHECK (g_utf8_validate (name, -1, NULL));
            check_strings (member);
          }
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          check_strings (json_array_get_element (array, i));
      }
      break;
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        FUZZ_CHECK (g_utf8_validate (json_node_get_string (node), -1, NULL));
      break;
    case JSON_NODE_NULL:
    default:
      break;
    }
}

/* The reason of a refusal, and a token from an object. */
static void
check_object (const uint8_t *data,
              size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = oa2_json_parse_object ((const char *) data, size, &error);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autofree char *header = NULL;

  if (object == NULL)
    {
      FUZZ_CHECK_OA2_ERROR (error);
      FUZZ_CHECK (strpbrk (error->message, "\r\n") == NULL);
      return;
    }
  token = oa2_bearer_token_new_from_response (object, &error);
  if (token == NULL)
    {
      FUZZ_CHECK_OA2_ERROR (error);
      return;
    }
  header = oa2_bearer_token_dup_authorization_header (token);
  FUZZ_CHECK (g_str_has_prefix (header, "Bearer "));
  FUZZ_CHECK (strpbrk (header + strlen ("Bearer "), " \t\r\n") == NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = oa2_json_parse ((const char *) data, size);
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;

  check_object (data, size);
  if (node == NULL)
    return 0;
  check_strings (node);
  written = oa2_json_to_string (node);
  again = oa2_json_parse (written, strlen (written));
  FUZZ_CHECK (again != NULL);
  rewritten = oa2_json_to_string (again);
  FUZZ_CHECK (strcmp (written, rewritten) == 0);
  return 0;
}
