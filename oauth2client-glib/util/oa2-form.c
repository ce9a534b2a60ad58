/* oa2-form.c: ordered application/x-www-form-urlencoded bodies
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "oa2-error.h"
#include "oa2-form-private.h"
#include "oa2-i18n-private.h"
#include "oa2-secret-private.h"

typedef struct {
  char *name;
  char *value;
} Field;

struct _OA2Form {
  GArray *fields;   /* of Field */
};

static void
field_clear (gpointer data)
{
  Field *field = data;

  g_free (field->name);
  oa2_secret_free (field->value);
}

OA2Form *
oa2_form_new (void)
{
  OA2Form *form = g_new0 (OA2Form, 1);

  form->fields = g_array_new (FALSE, TRUE, sizeof (Field));
  g_array_set_clear_func (form->fields, field_clear);
  return form;
}

OA2Form *
oa2_form_copy (const OA2Form *form)
{
  OA2Form *copy = oa2_form_new ();

  for (guint i = 0; i < form->fields->len; i++)
    {
      const Field *field = &g_array_index (form->fields, Field, i);
      oa2_form_add (copy, field->name, field->value);
    }
  return copy;
}

void
oa2_form_free (OA2Form *form)
{
  if (form == NULL)
    return;
  g_array_unref (form->fields);
  g_free (form);
}

/* A NULL value means "not sent": optional parameters are passed straight
 * through and simply dropped here. */
void
oa2_form_add (OA2Form    *form,
              const char *name,
              const char *value)
{
  Field field;

  if (value == NULL)
    return;
  field.name = g_strdup (name);
  field.value = g_strdup (value);
  g_array_append_val (form->fields, field);
}

/* Replaces every field called @name, so that each appears once. */
void
oa2_form_set (OA2Form    *form,
              const char *name,
              const char *value)
{
  for (guint i = form->fields->len; i > 0; i--)
    if (strcmp (g_array_index (form->fields, Field, i - 1).name, name) == 0)
      g_array_remove_index (form->fields, i - 1);
  oa2_form_add (form, name, value);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Adds caller-supplied parameters, sorted by name so that bodies are
 * deterministic. A parameter the library already set (grant_type, a named
 * argument, client credentials) is refused rather than silently doubled or
 * overridden. */
gboolean
oa2_form_add_extra (OA2Form     *form,
                    GHashTable  *extra,
                    GError     **error)
{
  static const char * const reserved[] = {
    "grant_type", "client_id", "client_secret", "client_assertion", "client_assertion_type",
  };
  g_autofree gpointer *names = NULL;
  guint n_names;

  if (extra == NULL)
    return TRUE;

  names = g_hash_table_get_keys_as_array (extra, &n_names);
  qsort (names, n_names, sizeof (gpointer), compare_strings);

  for (guint i = 0; i < n_names; i++)
    {
      const char *name = names[i];
      gboolean clash = oa2_form_lookup (form, name) != NULL;

      for (guint r = 0; r < G_N_ELEMENTS (reserved) && !clash; r++)
        clash = strcmp (name, reserved[r]) == 0;
      if (clash || *name == '\0')
        {
          g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                       /* Translators: %s is a request parameter name */
                       _("The extra parameter “%s” is set by the library and cannot be passed again"),
                       name);
          return FALSE;
        }
    }

  for (guint i = 0; i < n_names; i++)
    {
      const char *value = g_hash_table_lookup (extra, names[i]);

      if (value == NULL)
        {
          g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                       _("The extra parameter “%s” has no value"), (const char *) names[i]);
          return FALSE;
        }
    }

  for (guint i = 0; i < n_names; i++)
    oa2_form_add (form, names[i], g_hash_table_lookup (extra, names[i]));

  return TRUE;
}

const char *
oa2_form_lookup (const OA2Form *form,
                 const char    *name)
{
  for (guint i = 0; i < form->fields->len; i++)
    {
      const Field *field = &g_array_index (form->fields, Field, i);
      if (strcmp (field->name, name) == 0)
        return field->value;
    }
  return NULL;
}

guint
oa2_form_get_n_fields (const OA2Form *form)
{
  return form->fields->len;
}

const char *
oa2_form_get_name (const OA2Form *form,
                   guint          index)
{
  return g_array_index (form->fields, Field, index).name;
}

const char *
oa2_form_get_value (const OA2Form *form,
                    guint          index)
{
  return g_array_index (form->fields, Field, index).value;
}

/* The application/x-www-form-urlencoded serializer (WHATWG URL §5.2, which
 * RFC 6749 Appendix B refers to): alphanumerics and "*-._" stay, space
 * becomes "+", every other byte of the UTF-8 encoding is %XX. */
static gboolean
encodes_as_one_byte (guchar c)
{
  return g_ascii_isalnum (c) || c == '*' || c == '-' || c == '.' || c == '_' || c == ' ';
}

void
oa2_form_append_encoded (GString    *out,
                         const char *text)
{
  static const char hex[] = "0123456789ABCDEF";

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (encodes_as_one_byte (*p))
        g_string_append_c (out, *p == ' ' ? '+' : (char) *p);
      else
        {
          g_string_append_c (out, '%');
          g_string_append_c (out, hex[*p >> 4]);
          g_string_append_c (out, hex[*p & 0xf]);
        }
    }
}

/* What oa2_form_append_encoded() appends for @text: a GString sized for it
 * in advance never grows, and so never frees an outgrown block with a
 * secret in it. */
gsize
oa2_form_encoded_length (const char *text)
{
  gsize len = 0;

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    len += encodes_as_one_byte (*p) ? 1 : 3;
  return len;
}

GBytes *
oa2_form_encode (const OA2Form *form)
{
  GString *out;
  gsize len = 0;
  char *data;

  for (guint i = 0; i < form->fields->len; i++)
    {
      const Field *field = &g_array_index (form->fields, Field, i);

      len += (i > 0) + oa2_form_encoded_length (field->name) + 1 + oa2_form_encoded_length (field->value);
    }
  /* The body holds the secrets: it must never outgrow its block. */
  out = g_string_sized_new (len);

  for (guint i = 0; i < form->fields->len; i++)
    {
      const Field *field = &g_array_index (form->fields, Field, i);

      if (i > 0)
        g_string_append_c (out, '&');
      oa2_form_append_encoded (out, field->name);
      g_string_append_c (out, '=');
      oa2_form_append_encoded (out, field->value);
    }

  /* The encoded body holds the secrets too: wipe it when the last
   * reference goes. */
  len = out->len;
  data = g_string_free (out, FALSE);
  return oa2_secret_bytes_new_take (data, len);
}

/* Sets each parameter of @params, in name order, replacing any field of the
 * same name (client credentials must appear exactly once). */
void
oa2_form_set_all (OA2Form    *form,
                  GHashTable *params)
{
  g_autofree gpointer *names = NULL;
  guint n_names;

  names = g_hash_table_get_keys_as_array (params, &n_names);
  qsort (names, n_names, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n_names; i++)
    oa2_form_set (form, names[i], g_hash_table_lookup (params, names[i]));
}
