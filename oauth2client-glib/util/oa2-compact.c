/* oa2-compact.c: the compact text form of requests_oauth2client's
 * serializers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The reference library stores a token as base64url (no padding) of the
 * raw DEFLATE stream (zlib's default level, no zlib header or Adler-32
 * trailer) of its JSON, written by Python's json.dumps() with
 * separators (",", ":") and ensure_ascii. To read back exactly what it
 * wrote, and to write what it reads, the JSON here is written the way
 * Python writes it: member order kept, no spaces, every character outside
 * printable ASCII escaped as \uXXXX (lower-case hex, surrogate pairs above
 * U+FFFF), floats in their shortest round-trip form.
 */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

#include "oa2-base64url-private.h"
#include "oa2-compact-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-json-private.h"
#include "oa2-secret-private.h"

static void
append_string (GString    *out,
               const char *text)
{
  const char *p = text;

  g_string_append_c (out, '"');
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* json-glib only hands out valid UTF-8; never loop on bad input. */
          c = 0xFFFD;
          p++;
        }
      else
        p = g_utf8_next_char (p);

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (c >= 0x20 && c <= 0x7E)
            g_string_append_c (out, (char) c);
          else if (c < 0x10000)
            g_string_append_printf (out, "\\u%04x", c);
          else
            {
              gunichar v = c - 0x10000;

              g_string_append_printf (out, "\\u%04x\\u%04x", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF));
            }
        }
    }
  g_string_append_c (out, '"');
}

/* Python's repr() of a float: the shortest digits that read back as the
 * same double, in fixed notation for exponents from -4 to 15 and with an
 * exponent of at least two digits otherwise. */
static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char digits[32];
  gsize n_digits = 0;
  const char *e;
  int exponent;

  for (int precision = 0; precision <= 16; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%de", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  for (const char *p = buf; *p != '\0' && *p != 'e'; p++)
    if (g_ascii_isdigit (*p) && n_digits < sizeof digits - 1)
      digits[n_digits++] = *p;
  while (n_digits > 1 && digits[n_digits - 1] == '0')
    n_digits--;
  digits[n_digits] = '\0';
  e = strchr (buf, 'e');
  exponent = e != NULL ? atoi (e + 1) : 0;

  if (buf[0] == '-')
    g_string_append_c (out, '-');

  if (exponent < -4 || exponent >= 16)
    {
      g_string_append_c (out, digits[0]);
      if (n_digits > 1)
        g_string_append_printf (out, ".%s", digits + 1);
      g_string_append_printf (out, "e%c%02d", exponent < 0 ? '-' : '+', ABS (exponent));
    }
  else if (exponent < 0)
    {
      g_string_append (out, "0.");
      for (int i = 0; i < -exponent - 1; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else
    {
      for (int i = 0; i <= exponent; i++)
        g_string_append_c (out, (gsize) i < n_digits ? digits[i] : '0');
      g_string_append_c (out, '.');
      if ((gsize) exponent + 1 < n_digits)
        g_string_append (out, digits + exponent + 1);
      else
        g_string_append_c (out, '0');
    }
}

/*
 * oa2_compact_append_json:
 * @out: where to write
 * @node: a JSON value
 *
 * Writes @node as Python's json.dumps (obj, separators=(",", ":")) does.
 * Object members keep their insertion order, as Python's dicts do.
 */
void
oa2_compact_append_json (GString  *out,
                         JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          append_double (out, json_node_get_double (node));
          break;
        default:
          append_string (out, json_node_get_string (node));
          break;
        }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            oa2_compact_append_json (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        /* json_object_get_members() is in insertion order; the iterator
         * of json-glib 1.6 is in hash order. */
        g_autoptr(GList) names = json_object_get_members (object);

        g_string_append_c (out, '{');
        for (GList *l = names; l != NULL; l = l->next)
          {
            if (l != names)
              g_string_append_c (out, ',');
            append_string (out, l->data);
            g_string_append_c (out, ':');
            oa2_compact_append_json (out, json_object_get_member (object, l->data));
          }
        g_string_append_c (out, '}');
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Runs @converter over all of @input; with @max > 0, fails once the output
 * would pass @max bytes. The output goes to @buffer, which wipes itself. */
static gboolean
convert_all (GConverter      *converter,
             const guint8    *input,
             gsize            len,
             gsize            max,
             OA2SecretBuffer *buffer,
             GError         **error)
{
  for (;;)
    {
      GConverterResult result;
      gsize bytes_read = 0, bytes_written = 0;
      guint8 *room = oa2_secret_buffer_reserve (buffer, 4096);
      g_autoptr(GError) local_error = NULL;

      result = g_converter_convert (converter, input, len, room, 4096,
                                    G_CONVERTER_INPUT_AT_END, &bytes_read, &bytes_written, &local_error);
      if (result == G_CONVERTER_ERROR)
        {
          g_set_error (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN,
                       _("The serialized value is not valid DEFLATE data: %s"), local_error->message);
          return FALSE;
        }
      input += bytes_read;
      len -= bytes_read;
      buffer->len += bytes_written;
      if (max > 0 && buffer->len > max)
        {
          g_set_error (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN,
                       _("The serialized value inflates to more than %lu bytes"), (gulong) max);
          return FALSE;
        }
      if (result == G_CONVERTER_FINISHED)
        break;
      if (bytes_read == 0 && bytes_written == 0)
        {
          g_set_error_literal (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN,
                               _("The serialized value’s DEFLATE data is truncated"));
          return FALSE;
        }
    }

  if (len > 0)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN,
                           _("The serialized value has data after its DEFLATE stream"));
      return FALSE;
    }
  return TRUE;
}

/*
 * oa2_compact_encode:
 * @json: JSON text
 * @len: its length
 *
 * Compresses @json with raw DEFLATE at zlib's default level, as the
 * reference library does, and encodes the result as base64url.
 *
 * Returns: (transfer full): the compact form
 */
char *
oa2_compact_encode (const char *json,
                    gsize       len)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW, -1);
  OA2SecretBuffer deflated = { 0 };
  char *text;

  if (!convert_all (G_CONVERTER (compressor), (const guint8 *) json, len, 0, &deflated, NULL))
    g_assert_not_reached ();
  text = oa2_base64url_encode (deflated.data, deflated.len);
  oa2_secret_buffer_clear (&deflated);
  return text;
}

/*
 * oa2_compact_decode:
 * @text: a compact form
 * @max_inflated: the most bytes of JSON accepted
 * @error: return location for a #GError
 *
 * Decodes, inflates (stopping at @max_inflated bytes) and parses a compact
 * form that must hold a JSON object. Surrounding white space and base64
 * padding are ignored, since stored values often carry them.
 *
 * Returns: (transfer full): the object, or %NULL with @error set
 */
JsonObject *
oa2_compact_decode (const char  *text,
                    gsize        max_inflated,
                    GError     **error)
{
  g_autoptr(GZlibDecompressor) decompressor = NULL;
  g_autoptr(GBytes) deflated = NULL;
  OA2SecretBuffer inflated = { 0 };
  JsonObject *object;
  gsize len;

  while (g_ascii_isspace (*text))
    text++;
  len = strlen (text);
  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;
  for (int i = 0; i < 2 && len > 0 && text[len - 1] == '='; i++)
    len--;

  if (len == 0)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN, _("The serialized value is empty"));
      return NULL;
    }
  /* DEFLATE never makes text of this size out of less than the cap. */
  if (len > 2 * max_inflated + 1024)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN,
                   _("The serialized value is longer than %lu characters"),
                   (gulong) (2 * max_inflated + 1024));
      return NULL;
    }
  deflated = oa2_base64url_decode (text, len);
  if (deflated == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN,
                           _("The serialized value is not valid base64url"));
      return NULL;
    }

  decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW);
  if (!convert_all (G_CONVERTER (decompressor), g_bytes_get_data (deflated, NULL), g_bytes_get_size (deflated),
                    max_inflated, &inflated, error))
    {
      oa2_secret_buffer_clear (&inflated);
      return NULL;
    }
  object = oa2_json_parse_object ((const char *) inflated.data, inflated.len, error);
  oa2_secret_buffer_clear (&inflated);
  return object;
}
