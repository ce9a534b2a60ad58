/* oa2-json.c: parsing untrusted JSON with type checks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-json-private.h"

/* A strict RFC 8259 recognizer, run before json-glib sees a document.
 * json-glib 1.6 is lenient: it accepts escapes JSON does not have (\256
 * becomes a raw, invalid UTF-8 byte), single quotes, comments and
 * trailing values (which it then leaks), and it recurses without a depth
 * limit. Untrusted documents must be JSON exactly, valid UTF-8, nested at
 * most OA2_JSON_MAX_DEPTH deep, with no NUL or lone surrogate escaped into
 * a string. */
typedef struct {
  const char *p;
  const char *end;
  guint       depth;
} Scanner;

static void
skip_space (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static gboolean
hex4 (Scanner *s,
      guint   *out)
{
  guint value = 0;

  if (s->end - s->p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (s->p[i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + (guint) digit;
    }
  s->p += 4;
  *out = value;
  return TRUE;
}

static gboolean
scan_string (Scanner *s)
{
  s->p++;   /* the opening quote */
  while (s->p < s->end)
    {
      guchar c = (guchar) *s->p++;

      if (c == '"')
        return TRUE;
      if (c < 0x20)
        return FALSE;
      if (c != '\\')
        continue;
      if (s->p >= s->end)
        return FALSE;
      c = (guchar) *s->p++;
      if (c == 'u')
        {
          guint unit, low;

          if (!hex4 (s, &unit) || unit == 0 || (unit >= 0xdc00 && unit <= 0xdfff))
            return FALSE;
          if (unit >= 0xd800 && unit <= 0xdbff &&
              (s->end - s->p < 6 || s->p[0] != '\\' || s->p[1] != 'u' ||
               (s->p += 2, !hex4 (s, &low)) || low < 0xdc00 || low > 0xdfff))
            return FALSE;
        }
      else if (strchr ("\"\\/bfnrt", c) == NULL || c == '\0')
        return FALSE;
    }
  return FALSE;
}

static gboolean
scan_number (Scanner *s)
{
  const char *start;

  if (s->p < s->end && *s->p == '-')
    s->p++;
  if (s->p >= s->end || !g_ascii_isdigit (*s->p))
    return FALSE;
  if (*s->p == '0')
    s->p++;
  else
    while (s->p < s->end && g_ascii_isdigit (*s->p))
      s->p++;
  if (s->p < s->end && *s->p == '.')
    {
      start = ++s->p;
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
      if (s->p == start)
        return FALSE;
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      start = s->p;
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
      if (s->p == start)
        return FALSE;
    }
  return TRUE;
}

static gboolean
scan_literal (Scanner    *s,
              const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (s->end - s->p) < len || memcmp (s->p, word, len) != 0)
    return FALSE;
  s->p += len;
  return TRUE;
}

static gboolean scan_value (Scanner *s);

static gboolean
scan_container (Scanner *s,
                char     close)
{
  gboolean object = close == '}';

  if (++s->depth > OA2_JSON_MAX_DEPTH)
    return FALSE;
  s->p++;
  skip_space (s);
  if (s->p < s->end && *s->p == close)
    {
      s->p++;
      s->depth--;
      return TRUE;
    }
  for (;;)
    {
      if (object)
        {
          if (s->p >= s->end || *s->p != '"' || !scan_string (s))
            return FALSE;
          skip_space (s);
          if (s->p >= s->end || *s->p++ != ':')
            return FALSE;
        }
      if (!scan_value (s))
        return FALSE;
      skip_space (s);
      if (s->p >= s->end)
        return FALSE;
      if (*s->p == ',')
        {
          s->p++;
          skip_space (s);
          continue;
        }
      if (*s->p++ != close)
        return FALSE;
      s->depth--;
      return TRUE;
    }
}

static gboolean
scan_value (Scanner *s)
{
  skip_space (s);
  if (s->p >= s->end)
    return FALSE;
  switch (*s->p)
    {
    case '{': return scan_container (s, '}');
    case '[': return scan_container (s, ']');
    case '"': return scan_string (s);
    case 't': return scan_literal (s, "true");
    case 'f': return scan_literal (s, "false");
    case 'n': return scan_literal (s, "null");
    default: return scan_number (s);
    }
}

gboolean
oa2_json_is_strict (const char *data,
                    gsize       len)
{
  Scanner s = { data, data + len, 0 };

  if (!g_utf8_validate (data, (gssize) len, NULL) || !scan_value (&s))
    return FALSE;
  skip_space (&s);
  return s.p == s.end;
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

  if (!oa2_json_is_strict (data, len))
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_JSON,
                   /* Translators: %d is a number of nesting levels */
                   _("The server sent malformed JSON, or JSON nested deeper than %d levels"),
                   OA2_JSON_MAX_DEPTH);
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
