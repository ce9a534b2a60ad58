/* oa2-redact.c: HTTP traces with every secret removed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "oa2-error-private.h"
#include "oa2-json-private.h"
#include "oa2-redact-private.h"
#include "oa2-secret-private.h"

/* Form parameters and JSON members whose values are credentials. The list
 * errs on the side of hiding: a trace that hides too much is still useful,
 * one that shows a token is an incident. */
static const char * const secret_names[] = {
  "access_token", "actor_token", "assertion", "auth_req_id", "client_assertion",
  "client_secret", "code", "code_verifier", "device_code", "id_token", "password",
  "refresh_token", "request", "subject_token", "token", "user_code",
};

static const char * const secret_headers[] = {
  "Authorization", "Proxy-Authorization", "DPoP", "Cookie", "Set-Cookie",
};

gboolean
oa2_redact_is_secret_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (secret_names); i++)
    if (strcmp (name, secret_names[i]) == 0)
      return TRUE;
  return FALSE;
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
      if (oa2_redact_is_secret_name (name))
        g_string_append (out, OA2_REDACTED);
      else
        oa2_form_append_encoded (out, oa2_form_get_value (form, i));
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
      gboolean secret = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (secret_headers) && !secret; i++)
        secret = g_ascii_strcasecmp (name, secret_headers[i]) == 0;
      g_string_append_printf (out, "\n  %s: %s", name, secret ? OA2_REDACTED : value);
    }
  return g_string_free (out, FALSE);
}

static void redact_node (JsonNode *node);

static void
redact_members (JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (oa2_redact_is_secret_name (l->data))
        {
          /* json-glib frees the value it replaces as it is. */
          oa2_json_wipe_strings (json_object_get_member (object, l->data));
          json_object_set_string_member (object, l->data, OA2_REDACTED);
        }
      else
        redact_node (json_object_get_member (object, l->data));
    }
}

static void
redact_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    redact_members (json_node_get_object (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        redact_node (json_array_get_element (array, i));
    }
}

/* Some servers answer in application/x-www-form-urlencoded (access_token=…
 * &token_type=bearer): such a body is shown with its secret values
 * replaced. */
static char *
redact_form_body (const char *text)
{
  g_autoptr(OA2Form) form = oa2_form_new ();
  g_auto(OA2SecretStrv) pairs = NULL;

  if (strpbrk (text, " <>{}\n") != NULL)
    return NULL;

  pairs = g_strsplit (text, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (g_strdelimit (pairs[i], "+", ' '), '=');
      g_autofree char *name = NULL;
      g_autoptr(OA2SecretText) value = NULL;

      if (eq == NULL)
        return NULL;
      name = g_uri_unescape_segment (pairs[i], eq, NULL);
      value = g_uri_unescape_string (eq + 1, NULL);
      if (name == NULL || value == NULL)
        return NULL;
      oa2_form_add (form, name, value);
    }
  return oa2_redact_form (form);
}

char *
oa2_redact_body (GBytes *body)
{
  g_autoptr(JsonNode) root = NULL;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  const char *start;
  g_autoptr(OA2SecretText) text = NULL;
  g_autofree char *form = NULL;
  g_autofree char *safe = NULL;

  if (len == 0)
    return g_strdup ("(empty)");

  /* Parse a private, mutable copy so that members can be blanked. */
  root = oa2_json_parse (data, len);
  if (root != NULL)
    {
      char *shown;

      redact_node (root);
      shown = oa2_json_to_string (root);
      oa2_json_wipe_strings (root);
      return shown;
    }

  /* JSON that the strict parser refuses (a repeated member, a trailing
   * comma…) cannot have its secrets blanked: none of it is shown. */
  for (start = data; start < data + len && g_ascii_isspace (*start); start++)
    ;
  if (start < data + len && (*start == '{' || *start == '['))
    return g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes, JSON that cannot be redacted: not shown)", len);

  text = g_strndup (data, len);
  form = redact_form_body (text);
  if (form != NULL)
    return g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes, form) %s", len, form);

  /* Anything else (an HTML error page): a short, sanitized excerpt. */
  safe = oa2_error_sanitize_server_text (text, 200);
  return g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes) %s", len, safe);
}
