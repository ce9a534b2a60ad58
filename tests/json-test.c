/* json-test.c: the strict JSON parser and the compact writer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The parser builds json-glib nodes itself, so these tests check both
 * what it refuses and that what it accepts comes out with the right types
 * and values; the writer is checked by reading its output back.
 */

#include <math.h>

#include "oa2-test-utils.h"

#include "oa2-json-private.h"

static JsonNode *
parse (const char *text)
{
  return oa2_json_parse (text, strlen (text));
}

/* Documents RFC 8259 does not allow, or that this library refuses on
 * purpose (duplicate names, escaped NUL, lone surrogates, numbers no
 * double holds, nesting beyond OA2_JSON_MAX_DEPTH). */
static void
test_refused (void)
{
  static const char * const refused[] = {
    "", " ", "{", "}", "[", "{\"a\":1", "{\"a\":1,}", "[1,]", "[,1]", "{,}",
    "{\"a\"}", "{\"a\" 1}", "{a:1}", "{'a':1}", "{\"a\":1}{}", "{\"a\":1} x", "1 2",
    "{/* c */}", "[1 // c\n]", "tru", "nul", "True", "NaN", "Infinity", "-", "+1",
    "01", "-01", "1.", ".5", "1e", "1e+", "0x10", "1e999", "-1e999",
    "\"a", "\"\\\"", "\"\\q\"", "\"\\256\"", "\"\\x41\"", "\"\\u12\"", "\"\\u12g4\"",
    "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"",
    "\"\\ud800x\"", "\"tab\there\"", "\"new\nline\"",
    "\"\xc3\"", "\"\xae\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"",
    "\xc3\xa9", "{\"a\":1}\xc2\xa0",
    "{\"a\":1,\"a\":2}", "{\"a\":1,\"b\":{\"c\":1,\"c\":1}}", "{\"\\u0061\":1,\"a\":2}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(JsonNode) node = parse (refused[i]);

      if (node != NULL)
        g_error ("accepted: %s", refused[i]);
    }
}

/* A stray '\0' inside the given length is not the end of the document. */
static void
test_embedded_nul (void)
{
  static const char text[] = "{\"a\":\"b\0c\"}";

  g_assert_null (oa2_json_parse (text, sizeof text - 1));
  g_assert_null (oa2_json_parse ("{}\0", 3));
}

static char *
nested (guint depth)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, i % 2 ? "{\"a\":" : "[");
  g_string_append (text, "1");
  for (guint i = depth; i > 0; i--)
    g_string_append (text, (i - 1) % 2 ? "}" : "]");
  return g_string_free (text, FALSE);
}

static void
test_depth (void)
{
  g_autofree char *deepest = nested (OA2_JSON_MAX_DEPTH);
  g_autofree char *too_deep = nested (OA2_JSON_MAX_DEPTH + 1);
  g_autoptr(JsonNode) ok = parse (deepest);
  g_autoptr(JsonNode) refused = parse (too_deep);

  g_assert_nonnull (ok);
  g_assert_null (refused);
}

static void
test_scalars (void)
{
  struct { const char *text; GType type; gint64 i; double d; } cases[] = {
    { "0", G_TYPE_INT64, 0 }, { "-0", G_TYPE_INT64, 0 }, { "7", G_TYPE_INT64, 7 },
    { "-42", G_TYPE_INT64, -42 },
    { "999999999999999999", G_TYPE_INT64, G_GINT64_CONSTANT (999999999999999999) },
    { "9223372036854775807", G_TYPE_INT64, G_MAXINT64 },
    { "-9223372036854775808", G_TYPE_INT64, G_MININT64 },
    /* Integers beyond gint64 are still numbers: doubles. */
    { "9223372036854775808", G_TYPE_DOUBLE, 0, 9223372036854775808.0 },
    { "-99999999999999999999", G_TYPE_DOUBLE, 0, -99999999999999999999.0 },
    { "1.5", G_TYPE_DOUBLE, 0, 1.5 }, { "-0.25", G_TYPE_DOUBLE, 0, -0.25 },
    { "1e3", G_TYPE_DOUBLE, 0, 1000 }, { "2E-2", G_TYPE_DOUBLE, 0, 0.02 },
    { "1.7976931348623157e308", G_TYPE_DOUBLE, 0, 1.7976931348623157e308 },
    { " true ", G_TYPE_BOOLEAN, TRUE }, { "\tfalse\r\n", G_TYPE_BOOLEAN, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].text);

      g_assert_nonnull (node);
      g_assert_cmpint (json_node_get_value_type (node), ==, cases[i].type);
      if (cases[i].type == G_TYPE_INT64)
        g_assert_cmpint (json_node_get_int (node), ==, cases[i].i);
      else if (cases[i].type == G_TYPE_DOUBLE)
        g_assert_cmpfloat (json_node_get_double (node), ==, cases[i].d);
      else
        g_assert_cmpint (json_node_get_boolean (node), ==, cases[i].i);
    }

  {
    g_autoptr(JsonNode) null = parse ("null");

    g_assert_true (JSON_NODE_HOLDS_NULL (null));
  }
}

static void
assert_string (const char *text,
               const char *expected)
{
  g_autoptr(JsonNode) node = parse (text);

  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
  g_assert_cmpstr (json_node_get_string (node), ==, expected);
}

static void
test_strings (void)
{
  g_autofree char *long_plain = g_strnfill (5000, 'x');
  g_autofree char *long_plain_json = g_strdup_printf ("\"%s\"", long_plain);
  g_autofree char *long_escaped = g_strconcat (long_plain, "\"", long_plain, NULL);
  g_autofree char *long_escaped_json = g_strdup_printf ("\"%s\\\"%s\"", long_plain, long_plain);

  assert_string ("\"\"", "");
  assert_string ("\"plain\"", "plain");
  assert_string ("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t");
  assert_string ("\"\\u0041\\u00e9\\u20AC\"", "A\xc3\xa9\xe2\x82\xac");
  assert_string ("\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80");
  assert_string ("\"\\u0001\"", "\x01");
  /* Raw UTF-8, with and without escapes beside it. */
  assert_string ("\"caf\xc3\xa9\"", "caf\xc3\xa9");
  assert_string ("\"caf\xc3\xa9\\n\"", "caf\xc3\xa9\n");
  /* Beyond the stack buffer the decoder uses for short strings. */
  assert_string (long_plain_json, long_plain);
  assert_string (long_escaped_json, long_escaped);
}

static void
test_containers (void)
{
  g_autoptr(JsonNode) node = parse (" { \"a\" : [ 1 , \"two\" , { } , [ ] , null ] , \"b\" : { \"c\" : true } } ");
  JsonObject *object;
  JsonArray *array;
  GList *names;

  g_assert_nonnull (node);
  object = json_node_get_object (node);
  g_assert_cmpint (json_object_get_size (object), ==, 2);
  names = json_object_get_members (object);
  g_assert_cmpstr (names->data, ==, "a");
  g_assert_cmpstr (names->next->data, ==, "b");
  g_list_free (names);
  array = json_object_get_array_member (object, "a");
  g_assert_cmpint (json_array_get_length (array), ==, 5);
  g_assert_cmpint (json_array_get_int_element (array, 0), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (array, 1), ==, "two");
  g_assert_cmpint (json_object_get_size (json_array_get_object_element (array, 2)), ==, 0);
  g_assert_cmpint (json_array_get_length (json_array_get_array_element (array, 3)), ==, 0);
  g_assert_true (json_array_get_null_element (array, 4));
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (object, "b"), "c"));
}

/* What the library hands out cannot be changed behind its back. */
static void
test_object_is_sealed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = oa2_json_parse_object ("{\"a\":{\"b\":1}}", 13, &error);

  g_assert_no_error (error);
  g_assert_true (json_object_is_immutable (object));
  g_assert_true (json_object_is_immutable (json_object_get_object_member (object, "a")));
}

/* Each refusal names its reason: what a user needs to tell a server's
 * duplicate member from a truncated or hostile document. */
static void
test_parse_object_reasons (void)
{
  g_autofree char *too_deep = nested (OA2_JSON_MAX_DEPTH + 1);
  g_autofree char *long_name = g_strnfill (200, 'n');
  g_autofree char *long_duplicate = g_strdup_printf ("{\"%s\":1,\"%s\":2}", long_name, long_name);
  g_autofree char *long_duplicate_message = NULL;
  struct { const char *text; const char *message; } cases[] = {
    { "{\"a\":1,\"a\":2}", "The server sent JSON with the member “a” twice" },
    { "{\"a\":{\"b\":1,\"\\u0062\":2}}", "The server sent JSON with the member “b” twice" },
    /* The name is server text: on one line, without control characters. */
    { "{\"x\\ny\":1,\"x\\ny\":1}", "The server sent JSON with the member “x y” twice" },
    { too_deep, "The server sent JSON nested deeper than 32 levels" },
    { "{\"a\":1", "The server sent malformed JSON (near byte 6)" },
    { "{\"a\" 1}", "The server sent malformed JSON (near byte 5)" },
    { "{\"a\":1,}", "The server sent malformed JSON (near byte 7)" },
    { "{\"a\":[1 2]}", "The server sent malformed JSON (near byte 8)" },
    { "{\"a\":1}x", "The server sent malformed JSON (near byte 7)" },
    { "{\"a\":tru}", "The server sent malformed JSON (near byte 5)" },
    { "{\"a\":\"\\q\"}", "The server sent malformed JSON (near byte 8)" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) object = oa2_json_parse_object (cases[i].text, strlen (cases[i].text), &error);

      g_assert_null (object);
      g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_JSON);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  /* A long name is cut short in the message. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) object = oa2_json_parse_object (long_duplicate, strlen (long_duplicate), &error);
    g_autofree char *shortened = g_strnfill (64, 'n');

    long_duplicate_message = g_strdup_printf ("The server sent JSON with the member “%s…” twice", shortened);
    g_assert_null (object);
    g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_JSON);
    g_assert_cmpstr (error->message, ==, long_duplicate_message);
  }
}

static void
test_parse_object_errors (void)
{
  struct { const char *text; int code; } cases[] = {
    { "", OA2_ERROR_EMPTY_RESPONSE }, { " \n", OA2_ERROR_EMPTY_RESPONSE },
    { "[1]", OA2_ERROR_INVALID_JSON }, { "\"a\"", OA2_ERROR_INVALID_JSON },
    { "{\"a\":1,\"a\":1}", OA2_ERROR_INVALID_JSON }, { "{", OA2_ERROR_INVALID_JSON },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) object = oa2_json_parse_object (cases[i].text, strlen (cases[i].text), &error);

      g_assert_null (object);
      g_assert_error (error, OA2_ERROR, cases[i].code);
    }
}

/* json-glib keeps an object's members in a GHashTable keyed by
 * g_str_hash(), for which colliding names are easy to make ("Aa" and "B@"
 * hash alike): every insertion then probes every earlier member, and a
 * 1 MiB response of such names took seconds. Objects are capped at
 * OA2_JSON_MAX_MEMBERS members, which bounds that cost. */
static char *
colliding_object (guint n_members)
{
  GString *text = g_string_new ("{");

  for (guint i = 0; i < n_members; i++)
    {
      g_string_append (text, i > 0 ? ",\"" : "\"");
      for (guint bit = 0; bit < 12; bit++)
        g_string_append (text, (i >> bit) & 1 ? "Aa" : "B@");
      g_string_append (text, "\":0");
    }
  g_string_append_c (text, '}');
  return g_string_free (text, FALSE);
}

static void
test_members (void)
{
  g_autofree char *most = colliding_object (OA2_JSON_MAX_MEMBERS);
  g_autofree char *too_many = colliding_object (OA2_JSON_MAX_MEMBERS + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) ok = oa2_json_parse_object (most, strlen (most), &error);
  g_autoptr(JsonObject) refused = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_size (ok), ==, OA2_JSON_MAX_MEMBERS);
  refused = oa2_json_parse_object (too_many, strlen (too_many), &error);
  g_assert_null (refused);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_JSON);
  g_assert_cmpstr (error->message, ==, "The server sent a JSON object with more than 1024 members");
}

/* The writer: compact, members in the order they were set, every string
 * escaped so that the strict parser reads back the same value. */
static void
test_write (void)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonArray) array = json_array_new ();
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) back = NULL;
  JsonObject *read;

  json_object_set_string_member (object, "z", "first");
  json_object_set_string_member (object, "a\"\\\n\x01", "quote \" backslash \\ controls \b\f\n\r\t\x1f caf\xc3\xa9 /");
  json_object_set_int_member (object, "min", G_MININT64);
  json_object_set_int_member (object, "max", G_MAXINT64);
  json_object_set_int_member (object, "zero", 0);
  json_object_set_double_member (object, "tenth", 0.1);
  json_object_set_double_member (object, "third", 1.0 / 3.0);
  json_object_set_double_member (object, "big", 1e300);
  json_object_set_double_member (object, "whole", 3.0);
  json_object_set_double_member (object, "minus-zero", -0.0);
  json_object_set_double_member (object, "inf", INFINITY);
  json_object_set_boolean_member (object, "t", TRUE);
  json_object_set_null_member (object, "n");
  json_array_add_int_element (array, 1);
  json_array_add_object_element (array, json_object_new ());
  json_array_add_array_element (array, json_array_new ());
  json_object_set_array_member (object, "list", g_steal_pointer (&array));

  text = oa2_json_object_to_string (object);
  g_assert_cmpstr (text, ==,
                   "{\"z\":\"first\","
                   "\"a\\\"\\\\\\n\\u0001\":\"quote \\\" backslash \\\\ controls \\b\\f\\n\\r\\t\\u001f caf\xc3\xa9 /\","
                   "\"min\":-9223372036854775808,\"max\":9223372036854775807,\"zero\":0,"
                   "\"tenth\":0.1,\"third\":0.3333333333333333,\"big\":1e+300,\"whole\":3.0,\"minus-zero\":-0.0,\"inf\":null,"
                   "\"t\":true,\"n\":null,\"list\":[1,{},[]]}");

  back = parse (text);
  g_assert_nonnull (back);
  read = json_node_get_object (back);
  g_assert_cmpstr (json_object_get_string_member (read, "a\"\\\n\x01"), ==,
                   json_object_get_string_member (object, "a\"\\\n\x01"));
  g_assert_cmpfloat (json_object_get_double_member (read, "third"), ==, 1.0 / 3.0);
  g_assert_cmpint (json_object_get_int_member (read, "min"), ==, G_MININT64);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (read, "whole")), ==, G_TYPE_DOUBLE);
  g_assert_true (signbit (json_object_get_double_member (read, "minus-zero")));
}

int
main (int argc, char **argv)
{
  oa2_test_init (&argc, &argv);

  g_test_add_func ("/json/refused", test_refused);
  g_test_add_func ("/json/embedded-nul", test_embedded_nul);
  g_test_add_func ("/json/depth", test_depth);
  g_test_add_func ("/json/scalars", test_scalars);
  g_test_add_func ("/json/strings", test_strings);
  g_test_add_func ("/json/containers", test_containers);
  g_test_add_func ("/json/object-is-sealed", test_object_is_sealed);
  g_test_add_func ("/json/parse-object-errors", test_parse_object_errors);
  g_test_add_func ("/json/parse-object-reasons", test_parse_object_reasons);
  g_test_add_func ("/json/members", test_members);
  g_test_add_func ("/json/write", test_write);

  return g_test_run ();
}
