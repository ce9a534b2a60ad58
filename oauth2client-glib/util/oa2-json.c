/* oa2-json.c: parsing untrusted JSON strictly, and writing JSON
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "oa2-error-private.h"
#include "oa2-i18n-private.h"
#include "oa2-json-private.h"
#include "oa2-secret-private.h"

/* A strict RFC 8259 parser that builds json-glib nodes directly.
 *
 * json-glib 1.6's own parser is lenient: it accepts escapes JSON does not
 * have (\256 becomes a raw, invalid UTF-8 byte), single quotes, comments
 * and trailing values (which it then leaks), and it recurses without a
 * depth limit. It is also slow, and this parser runs on every token
 * response and every JOSE header and claim set. Untrusted documents must
 * be JSON exactly: valid UTF-8, nested at most OA2_JSON_MAX_DEPTH deep,
 * no NUL or lone surrogate escaped into a string, no number too large for
 * a double, and no member name twice in an object (RFC 8259 §4 leaves the
 * meaning of duplicates open, and RFC 7515 §5.2 lets JOSE refuse them:
 * two readers must never see two different values). */
typedef enum {
  PARSE_MALFORMED,
  PARSE_TOO_DEEP,
  PARSE_TOO_MANY_MEMBERS,
  PARSE_DUPLICATE_MEMBER,
} ParseFailure;

/* On failure, nothing advances p any more, so it is where parsing stopped;
 * failure says why, so that the error names the reason. */
typedef struct {
  const char   *p;
  const char   *end;
  guint         depth;
  ParseFailure  failure;
  char         *duplicate;   /* the member name given twice */
} Parser;

/* Strings of this length or less are decoded on the stack. */
#define SHORT_STRING 256

static void
skip_space (Parser *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static gboolean
hex4 (Parser *s,
      guint  *out)
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

/* Decodes the escape after a backslash into @out, which has room for four
 * bytes; returns the number of bytes written, or 0 for an invalid escape. */
static gsize
decode_escape (Parser *s,
               char   *out)
{
  guint unit, low;

  if (s->p >= s->end)
    return 0;
  switch (*s->p++)
    {
    case '"': *out = '"'; return 1;
    case '\\': *out = '\\'; return 1;
    case '/': *out = '/'; return 1;
    case 'b': *out = '\b'; return 1;
    case 'f': *out = '\f'; return 1;
    case 'n': *out = '\n'; return 1;
    case 'r': *out = '\r'; return 1;
    case 't': *out = '\t'; return 1;
    case 'u':
      if (!hex4 (s, &unit) || unit == 0 || (unit >= 0xdc00 && unit <= 0xdfff))
        return 0;
      if (unit >= 0xd800 && unit <= 0xdbff)
        {
          if (s->end - s->p < 6 || s->p[0] != '\\' || s->p[1] != 'u')
            return 0;
          s->p += 2;
          if (!hex4 (s, &low) || low < 0xdc00 || low > 0xdfff)
            return 0;
          unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
        }
      return (gsize) g_unichar_to_utf8 (unit, out);
    default:
      return 0;
    }
}

static char *
copy_text (const char *text,
           gsize       len,
           char       *stack,
           char      **heap)
{
  char *out = len <= SHORT_STRING ? stack : (*heap = g_malloc (len + 1));

  memcpy (out, text, len);
  out[len] = '\0';
  return out;
}

/* Reads a string whose opening quote is at s->p. The result points either
 * into @stack (SHORT_STRING + 1 bytes) or to a heap copy returned in
 * @heap, which the caller frees with oa2_secret_free(), since the string
 * may be a token; it is NUL-terminated either way.
 *
 * Text outside strings can only be ASCII, so this is the one place where
 * UTF-8 is checked. */
static const char *
read_string (Parser  *s,
             char    *stack,
             char   **heap)
{
  const char *start = ++s->p;
  const char *run;
  char *out, *o;

  *heap = NULL;
  /* Most strings are printable ASCII without escapes: one pass and a
   * copy. */
  for (run = start; run < s->end; run++)
    {
      guchar c = (guchar) *run;

      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\')
        break;
    }
  if (run < s->end && *run == '"')
    {
      s->p = run + 1;
      return copy_text (start, (gsize) (run - start), stack, heap);
    }

  /* Otherwise a first pass finds the end (the decoded text is never
   * longer) and a second decodes the escapes. */
  for (; run < s->end && *run != '"'; run++)
    {
      if ((guchar) *run < 0x20)
        return NULL;
      if (*run == '\\' && ++run == s->end)
        return NULL;
    }
  if (run >= s->end || !g_utf8_validate (start, run - start, NULL))
    return NULL;

  out = (gsize) (run - start) <= SHORT_STRING ? stack : (*heap = g_malloc ((gsize) (run - start) + 1));
  o = out;
  while (s->p < run)
    {
      const char *plain = s->p;
      gsize n;

      while (s->p < run && *s->p != '\\')
        s->p++;
      memcpy (o, plain, (gsize) (s->p - plain));
      o += s->p - plain;
      if (s->p == run)
        break;
      s->p++;
      n = decode_escape (s, o);
      if (n == 0)
        {
          oa2_secret_wipe (out, (gsize) (o - out));
          g_clear_pointer (heap, g_free);
          return NULL;
        }
      o += n;
    }
  *o = '\0';
  s->p = run + 1;
  return out;
}

/* RFC 8259 §6. Integers that fit become gint64, anything else a double;
 * a number no double can hold is refused. */
static JsonNode *
read_number (Parser *s)
{
  const char *start = s->p;
  const char *digits;
  gboolean integer = TRUE;
  char stack[SHORT_STRING + 1];
  g_autofree char *heap = NULL;
  char *text;
  double value;

  if (s->p < s->end && *s->p == '-')
    s->p++;
  digits = s->p;
  if (s->p >= s->end || !g_ascii_isdigit (*s->p))
    return NULL;
  if (*s->p == '0')
    s->p++;
  else
    while (s->p < s->end && g_ascii_isdigit (*s->p))
      s->p++;
  if (s->p < s->end && *s->p == '.')
    {
      const char *fraction = ++s->p;

      integer = FALSE;
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
      if (s->p == fraction)
        return NULL;
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      const char *exponent;

      integer = FALSE;
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      exponent = s->p;
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
      if (s->p == exponent)
        return NULL;
    }

  if (integer && s->p - digits <= 18)
    {
      /* At most 18 digits cannot overflow a gint64. */
      gint64 magnitude = 0;

      for (const char *d = digits; d < s->p; d++)
        magnitude = magnitude * 10 + (*d - '0');
      return json_node_init_int (json_node_alloc (), *start == '-' ? -magnitude : magnitude);
    }

  text = copy_text (start, (gsize) (s->p - start), stack, &heap);
  if (integer)
    {
      char *end;
      gint64 big;

      errno = 0;
      big = g_ascii_strtoll (text, &end, 10);
      if (errno == 0 && *end == '\0')
        return json_node_init_int (json_node_alloc (), big);
    }
  value = g_ascii_strtod (text, NULL);
  if (!isfinite (value))
    return NULL;
  return json_node_init_double (json_node_alloc (), value);
}

static gboolean
read_literal (Parser     *s,
              const char *word,
              gsize       len)
{
  if ((gsize) (s->end - s->p) < len || memcmp (s->p, word, len) != 0)
    return FALSE;
  s->p += len;
  return TRUE;
}

static JsonNode *read_value (Parser *s);

static JsonNode *
read_object (Parser *s)
{
  g_autoptr(JsonObject) object = json_object_new ();

  s->p++;
  skip_space (s);
  if (s->p < s->end && *s->p == '}')
    {
      s->p++;
      return json_node_init_object (json_node_alloc (), object);
    }
  for (;;)
    {
      char stack[SHORT_STRING + 1];
      g_autoptr(OA2SecretText) heap = NULL;
      const char *name;
      JsonNode *value;
      guint size;

      if (json_object_get_size (object) >= OA2_JSON_MAX_MEMBERS)
        {
          s->failure = PARSE_TOO_MANY_MEMBERS;
          return NULL;
        }
      if (s->p >= s->end || *s->p != '"' || (name = read_string (s, stack, &heap)) == NULL)
        return NULL;
      skip_space (s);
      if (s->p >= s->end || *s->p != ':')
        return NULL;
      s->p++;
      if ((value = read_value (s)) == NULL)
        return NULL;
      /* A member that replaces another leaves the size as it was. */
      size = json_object_get_size (object);
      json_object_set_member (object, name, value);
      if (json_object_get_size (object) == size)
        {
          s->failure = PARSE_DUPLICATE_MEMBER;
          s->duplicate = g_strdup (name);
          return NULL;
        }
      skip_space (s);
      if (s->p >= s->end)
        return NULL;
      if (*s->p == ',')
        {
          s->p++;
          skip_space (s);
          continue;
        }
      if (*s->p != '}')
        return NULL;
      s->p++;
      return json_node_init_object (json_node_alloc (), object);
    }
}

static JsonNode *
read_array (Parser *s)
{
  g_autoptr(JsonArray) array = json_array_new ();

  s->p++;
  skip_space (s);
  if (s->p < s->end && *s->p == ']')
    {
      s->p++;
      return json_node_init_array (json_node_alloc (), array);
    }
  for (;;)
    {
      JsonNode *element = read_value (s);

      if (element == NULL)
        return NULL;
      json_array_add_element (array, element);
      skip_space (s);
      if (s->p >= s->end)
        return NULL;
      if (*s->p == ',')
        {
          s->p++;
          continue;
        }
      if (*s->p != ']')
        return NULL;
      s->p++;
      return json_node_init_array (json_node_alloc (), array);
    }
}

static JsonNode *
read_container (Parser *s,
                gboolean object)
{
  JsonNode *node;

  if (++s->depth > OA2_JSON_MAX_DEPTH)
    {
      s->failure = PARSE_TOO_DEEP;
      return NULL;
    }
  node = object ? read_object (s) : read_array (s);
  s->depth--;
  return node;
}

static JsonNode *
read_value (Parser *s)
{
  skip_space (s);
  if (s->p >= s->end)
    return NULL;
  switch (*s->p)
    {
    case '{':
      return read_container (s, TRUE);
    case '[':
      return read_container (s, FALSE);
    case '"':
      {
        char stack[SHORT_STRING + 1];
        g_autoptr(OA2SecretText) heap = NULL;
        const char *text = read_string (s, stack, &heap);

        return text != NULL ? json_node_init_string (json_node_alloc (), text) : NULL;
      }
    case 't':
      return read_literal (s, "true", 4) ? json_node_init_boolean (json_node_alloc (), TRUE) : NULL;
    case 'f':
      return read_literal (s, "false", 5) ? json_node_init_boolean (json_node_alloc (), FALSE) : NULL;
    case 'n':
      return read_literal (s, "null", 4) ? json_node_init_null (json_node_alloc ()) : NULL;
    default:
      return read_number (s);
    }
}

static JsonNode *
read_document (Parser *s)
{
  g_autoptr(JsonNode) root = read_value (s);

  if (root == NULL)
    return NULL;
  skip_space (s);
  return s->p == s->end ? g_steal_pointer (&root) : NULL;
}

/* Returns %NULL, without an error of its own, for anything that is not
 * strict JSON; the callers say what the document was. */
JsonNode *
oa2_json_parse (const char *data,
                gsize       len)
{
  Parser s = { data, data + len, 0, PARSE_MALFORMED, NULL };
  JsonNode *root = read_document (&s);

  g_free (s.duplicate);
  return root;
}

/* The reason a document was refused, for the user: a duplicate name, the
 * depth or member limit, or else where the text stops being JSON. */
static void
set_parse_error (const Parser  *s,
                 const char    *data,
                 GError       **error)
{
  switch (s->failure)
    {
    case PARSE_DUPLICATE_MEMBER:
      {
        g_autofree char *name = oa2_error_sanitize_server_text (s->duplicate, 64);

        g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_JSON,
                     /* Translators: %s is the name of a JSON member */
                     _("The server sent JSON with the member “%s” twice"), name);
      }
      return;
    case PARSE_TOO_DEEP:
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_JSON,
                   /* Translators: %d is a number of nesting levels */
                   _("The server sent JSON nested deeper than %d levels"), OA2_JSON_MAX_DEPTH);
      return;
    case PARSE_TOO_MANY_MEMBERS:
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_JSON,
                   /* Translators: %d is a number of members */
                   _("The server sent a JSON object with more than %d members"), OA2_JSON_MAX_MEMBERS);
      return;
    case PARSE_MALFORMED:
    default:
      {
        /* xgettext cannot see through a format macro inside _(), so the
         * number is formatted first. */
        g_autofree char *offset = g_strdup_printf ("%" G_GSIZE_FORMAT, (gsize) (s->p - data));

        g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_JSON,
                     /* Translators: %s is a byte offset into the document */
                     _("The server sent malformed JSON (near byte %s)"), offset);
      }
      return;
    }
}

JsonObject *
oa2_json_parse_object (const char  *data,
                       gsize        len,
                       GError     **error)
{
  Parser s = { data, data + len, 0, PARSE_MALFORMED, NULL };
  g_autoptr(JsonNode) root = NULL;
  gsize i;

  for (i = 0; i < len && g_ascii_isspace (data[i]); i++)
    ;
  if (i == len)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_EMPTY_RESPONSE,
                           _("The server sent an empty response"));
      return NULL;
    }

  root = read_document (&s);
  if (root == NULL)
    {
      set_parse_error (&s, data, error);
      g_free (s.duplicate);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_JSON,
                           _("The server sent JSON that is not an object"));
      return NULL;
    }

  /* What the library hands out (claims, headers, token members) cannot be
   * changed behind its back. */
  json_node_seal (root);
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

/* ---------------------------------------------------------------------- */
/* Writing: compact JSON, members in the order they were set, which is what
 * JOSE needs to reproduce a header byte for byte. json-glib's generator
 * does the same but costs more than an HMAC, and a JWT is written on every
 * client assertion and DPoP proof. */

static void
write_string (GString    *out,
              const char *text)
{
  const char *plain = text;
  const char *p;

  g_string_append_c (out, '"');
  for (p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (out, plain, p - plain);
      plain = p + 1;
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default: g_string_append_printf (out, "\\u%04x", c); break;
        }
    }
  g_string_append_len (out, plain, p - plain);
  g_string_append_c (out, '"');
}

/* The shortest form that reads back as the same double, with a fraction
 * or an exponent so that it reads back as a double. JSON has no
 * infinities nor NaN; they are written as null. */
static void
write_double (GString *out,
              double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  for (int precision = 15; precision <= 17; precision++)
    {
      g_ascii_formatd (buffer, sizeof buffer, precision == 15 ? "%.15g" : precision == 16 ? "%.16g" : "%.17g",
                       value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
  /* A double stays a double when read back, -0.0 included. */
  if (strpbrk (buffer, ".e") == NULL)
    g_string_append (out, ".0");
}

/* Digits written backwards into a buffer: printf costs more than the rest
 * of a claim. */
static void
write_int (GString *out,
           gint64   value)
{
  char buffer[24];
  char *p = buffer + sizeof buffer;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      *--p = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude != 0);
  if (value < 0)
    *--p = '-';
  g_string_append_len (out, p, buffer + sizeof buffer - p);
}

static void write_node (GString  *out,
                        JsonNode *node);

static void
write_object (GString    *out,
              JsonObject *object)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      write_string (out, name);
      g_string_append_c (out, ':');
      write_node (out, member);
    }
  g_string_append_c (out, '}');
}

static void
write_array (GString   *out,
             JsonArray *array)
{
  guint n = json_array_get_length (array);

  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      write_node (out, json_array_get_element (array, i));
    }
  g_string_append_c (out, ']');
}

static void
write_node (GString  *out,
            JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      write_object (out, json_node_get_object (node));
      return;
    case JSON_NODE_ARRAY:
      write_array (out, json_node_get_array (node));
      return;
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      return;
    case JSON_NODE_VALUE:
    default:
      break;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      write_string (out, json_node_get_string (node));
      break;
    case G_TYPE_INT64:
      write_int (out, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      write_double (out, json_node_get_double (node));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    default:
      g_string_append (out, "null");
      break;
    }
}

/* Overwrites every string value in a tree of the caller's own that is
 * about to be released: json-glib frees its copies as they are, and a
 * parsed token response holds tokens. The tree must not be used
 * afterwards. */
void
oa2_json_wipe_strings (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        oa2_json_wipe_strings (member);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        oa2_json_wipe_strings (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      char *text = (char *) json_node_get_string (node);

      oa2_secret_wipe (text, strlen (text));
    }
}

char *
oa2_json_to_string (JsonNode *node)
{
  GString *out = g_string_sized_new (256);

  write_node (out, node);
  return g_string_free (out, FALSE);
}

char *
oa2_json_object_to_string (JsonObject *object)
{
  GString *out = g_string_sized_new (256);

  write_object (out, object);
  return g_string_free (out, FALSE);
}
