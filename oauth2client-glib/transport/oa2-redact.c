/* oa2-redact.c: HTTP traces with every secret removed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Traces show values through allow-lists: a value is shown only when its
 * name is known to carry no credential, and everything else is replaced by
 * OA2_REDACTED. A deny-list of secret names cannot work, because servers
 * and extensions keep adding credentials under new names (mfa_token,
 * registration_access_token, refreshToken…). A body the redactor cannot
 * parse has no names to go by: only its length and media type are shown.
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "oa2-error-private.h"
#include "oa2-json-private.h"
#include "oa2-redact-private.h"

/* Shown values are cut to this many characters, names to
 * OA2_SERVER_NAME_MAX_CHARS, so that a trace stays readable whatever the
 * server sends. */
#define MAX_VALUE_CHARS 256

/* Form parameters and JSON members whose values are never credentials,
 * sorted (C locale) for bsearch(). Only names defined by a specification,
 * with a value that says how the exchange went: no code, token, assertion,
 * state, nonce, hint or personal data, and no URI that may embed one (such
 * as verification_uri_complete). client_id is shown because RFC 6749 §2.2
 * makes it public. A number under another name is hidden too: it can be a
 * one-time code. */
static const char * const shown_names[] = {
  "active",                 /* RFC 7662 */
  "actor_token_type",       /* RFC 8693 */
  "audience",               /* RFC 8693 */
  "client_assertion_type",  /* RFC 7521 */
  "client_id",
  "code_challenge_method",  /* RFC 7636 */
  "error",
  "error_description",
  "error_uri",
  "exp",                    /* RFC 7662 */
  "expires_in",
  "grant_type",
  "iat",                    /* RFC 7662 */
  "interval",               /* RFC 8628, CIBA */
  "iss",                    /* RFC 7662, RFC 9207 */
  "issued_token_type",      /* RFC 8693 */
  "nbf",                    /* RFC 7662 */
  "redirect_uri",
  "requested_token_type",   /* RFC 8693 */
  "resource",               /* RFC 8707 */
  "response_type",
  "scope",
  "subject_token_type",     /* RFC 8693 */
  "token_type",
  "token_type_hint",        /* RFC 7009, RFC 7662 */
  "verification_uri",       /* RFC 8628 */
};

/* Headers whose values are never credentials, sorted ignoring case. */
static const char * const shown_headers[] = {
  "Accept",
  "Accept-Encoding",
  "Accept-Language",
  "Age",
  "Cache-Control",
  "Connection",
  "Content-Encoding",
  "Content-Language",
  "Content-Length",
  "Content-Type",
  "Date",
  "DPoP-Nonce",             /* RFC 9449 §8: a server nonce, not a credential */
  "ETag",
  "Expires",
  "Host",
  "Keep-Alive",
  "Last-Modified",
  "Pragma",
  "Retry-After",
  "Server",
  "Transfer-Encoding",
  "User-Agent",
  "Vary",
  "WWW-Authenticate",       /* the scheme, realm and error of a challenge */
};

static int
compare_name (const void *key,
              const void *element)
{
  return strcmp (key, *(const char * const *) element);
}

static int
compare_header (const void *key,
                const void *element)
{
  return g_ascii_strcasecmp (key, *(const char * const *) element);
}

gboolean
oa2_redact_is_shown_name (const char *name)
{
  return bsearch (name, shown_names, G_N_ELEMENTS (shown_names), sizeof (char *), compare_name) != NULL;
}

gboolean
oa2_redact_is_shown_header (const char *name)
{
  return bsearch (name, shown_headers, G_N_ELEMENTS (shown_headers), sizeof (char *), compare_header) != NULL;
}

char *
oa2_redact_form (const OA2Form *form)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < oa2_form_get_n_fields (form); i++)
    {
      const char *name = oa2_form_get_name (form, i);

      if (i > 0)
        g_string_append_c (out, '&');
      oa2_form_append_encoded (out, name);
      g_string_append_c (out, '=');
      if (oa2_redact_is_shown_name (name))
        oa2_form_append_encoded (out, oa2_form_get_value (form, i));
      else
        g_string_append (out, OA2_REDACTED);
    }
  return g_string_free (out, FALSE);
}

char *
oa2_redact_headers (SoupMessageHeaders *headers)
{
  GString *out = g_string_new (NULL);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      g_autofree char *safe_name = oa2_error_sanitize_name (name);

      if (oa2_redact_is_shown_header (name))
        {
          g_autofree char *safe_value = oa2_error_sanitize_server_text (value, MAX_VALUE_CHARS);
          g_string_append_printf (out, "\n  %s: %s", safe_name, safe_value);
        }
      else
        g_string_append_printf (out, "\n  %s: %s", safe_name, OA2_REDACTED);
    }
  return g_string_free (out, FALSE);
}

/* A copy of @node with every value hidden unless @shown: the member names
 * are kept, and each member is shown or not by its own name; an array's
 * elements by the name of the array. Booleans and null are shown, as they
 * carry no secret. */
static JsonNode *
redact_node (JsonNode *node,
             gboolean  shown)
{
  JsonNode *copy;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_object_new ();
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            g_autofree char *safe_name = oa2_error_sanitize_name (name);
            json_object_set_member (object, safe_name, redact_node (member, oa2_redact_is_shown_name (name)));
          }
        copy = json_node_init_object (json_node_alloc (), object);
        json_object_unref (object);
        return copy;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *in = json_node_get_array (node);
        JsonArray *array = json_array_sized_new (json_array_get_length (in));

        for (guint i = 0; i < json_array_get_length (in); i++)
          json_array_add_element (array, redact_node (json_array_get_element (in, i), shown));
        copy = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
        return copy;
      }
    case JSON_NODE_NULL:
      return json_node_init_null (json_node_alloc ());
    case JSON_NODE_VALUE:
    default:
      break;
    }

  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_copy (node);
  if (!shown)
    return json_node_init_string (json_node_alloc (), OA2_REDACTED);
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *safe = oa2_error_sanitize_server_text (json_node_get_string (node), MAX_VALUE_CHARS);
      return json_node_init_string (json_node_alloc (), safe);
    }
  return json_node_copy (node);
}

static gboolean
is_form_char (char c)
{
  return g_ascii_isalnum (c) || c == '*' || c == '-' || c == '.' || c == '_' || c == '~' || c == '+';
}

/* An application/x-www-form-urlencoded body, as some servers answer
 * (access_token=…&token_type=bearer), only when it is exactly what a form
 * serializer writes: name=value pairs joined by "&", with a non-empty name,
 * one "=", and nothing but unreserved characters, "+" and complete %XX
 * escapes. Anything else is not parsed. No value is decoded: a shown one
 * is printed as it came, which is safe ASCII, and the names on the
 * allow-list are made of letters and "_", which a serializer never
 * escapes. */
static char *
redact_form_body (const char *data,
                  gsize       len)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *end = data + len;
  const char *pair = data;

  while (pair < end)
    {
      const char *pair_end = memchr (pair, '&', (gsize) (end - pair));
      const char *eq;
      g_autofree char *name = NULL;
      g_autofree char *shown_name = NULL;

      if (pair_end == NULL)
        pair_end = end;
      eq = memchr (pair, '=', (gsize) (pair_end - pair));
      if (eq == NULL || eq == pair)
        return NULL;
      for (const char *p = pair; p < pair_end; p++)
        {
          if (p == eq || is_form_char (*p))
            continue;
          if (*p != '%' || pair_end - p < 3 || !g_ascii_isxdigit (p[1]) || !g_ascii_isxdigit (p[2]))
            return NULL;
          p += 2;
        }

      name = g_strndup (pair, (gsize) (eq - pair));
      shown_name = oa2_error_sanitize_name (name);
      if (out->len > 0)
        g_string_append_c (out, '&');
      g_string_append_printf (out, "%s=", shown_name);
      if (oa2_redact_is_shown_name (name))
        {
          g_autofree char *value = g_strndup (eq + 1, (gsize) (pair_end - eq - 1));
          g_autofree char *shown_value = oa2_error_sanitize_server_text (value, MAX_VALUE_CHARS);

          g_string_append (out, shown_value);
        }
      else
        g_string_append (out, OA2_REDACTED);

      if (pair_end == end)
        return g_string_free (g_steal_pointer (&out), FALSE);
      pair = pair_end + 1;
    }
  /* An empty body, or one that ends with "&". */
  return NULL;
}

char *
oa2_redact_body (GBytes     *body,
                 const char *content_type)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *safe_type = NULL;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  if (len == 0)
    return g_strdup ("(empty)");

  /* Whatever the media type claims, JSON that the strict parser accepts is
   * shown through the allow-list. */
  root = oa2_json_parse (data, len);
  if (root != NULL)
    {
      g_autoptr(JsonNode) redacted = redact_node (root, FALSE);
      g_autofree char *text = oa2_json_to_string (redacted);

      /* The parsed tree holds the secrets the copy hides: wipe them before
       * json-glib frees it. */
      oa2_json_wipe_strings (root);
      return g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes, JSON) %s", len, text);
    }

  /* A form only when the server says so: a bare token such as "dG9rZW4="
   * looks like a form too. */
  if (content_type != NULL && g_ascii_strcasecmp (content_type, "application/x-www-form-urlencoded") == 0)
    {
      g_autofree char *form = redact_form_body (data, len);

      if (form != NULL)
        return g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes, form) %s", len, form);
    }

  /* Anything else (JSON with a byte-order mark or an anti-XSSI prefix, an
   * HTML page, plain text) has no names to redact by. */
  if (content_type == NULL)
    return g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes without a media type, not parsed: not shown)", len);
  safe_type = oa2_error_sanitize_name (content_type);
  return g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes of %s, not parsed: not shown)", len, safe_type);
}
