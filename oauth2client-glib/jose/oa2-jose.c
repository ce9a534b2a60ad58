/* oa2-jose.c: what JWS and JWE parsing share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "oa2-base64url-private.h"
#include "oa2-error-private.h"
#include "oa2-i18n-private.h"
#include "oa2-jose-private.h"
#include "oa2-json-private.h"
#include "oa2-jwt.h"

gboolean
oa2_jose_malformed (GError     **error,
                    const char  *why)
{
  g_set_error (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN,
               /* Translators: %s says what is wrong with the token */
               _("The token is malformed: %s"), why);
  return FALSE;
}

JsonObject *
oa2_jose_parse_json (const char  *data,
                     gsize        size,
                     const char  *what,
                     GError     **error)
{
  JsonObject *object = oa2_json_parse_object (data, size, NULL);

  if (object == NULL)
    {
      /* Translators: %s is a part of a token, such as "header" */
      g_autofree char *why = g_strdup_printf (_("its %s is not a JSON object"), _(what));
      oa2_jose_malformed (error, why);
    }
  return object;
}

JsonObject *
oa2_jose_parse_json_part (const char  *encoded,
                          gsize        len,
                          const char  *what,
                          GError     **error)
{
  g_autoptr(GBytes) bytes = oa2_base64url_decode (encoded, (gssize) len);
  gsize size;
  const char *data;

  if (bytes == NULL)
    {
      /* Translators: %s is a part of a token, such as "header" */
      g_autofree char *why = g_strdup_printf (_("its %s is not base64url"), _(what));
      oa2_jose_malformed (error, why);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &size);
  return oa2_jose_parse_json (data, size, what, error);
}

/* RFC 7515 §4.1.11, RFC 7516 §4.1.13: every extension named in "crit" must
 * be understood, and this library implements none; a malformed "crit" is
 * refused too. */
gboolean
oa2_jose_check_crit (JsonObject  *header,
                     GError     **error)
{
  JsonNode *crit = json_object_get_member (header, "crit");
  JsonArray *names;
  JsonNode *name;
  g_autofree char *shown = NULL;

  if (crit == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (crit) || json_array_get_length (names = json_node_get_array (crit)) == 0)
    return oa2_jose_malformed (error, _("its “crit” header is not a non-empty array"));

  name = json_array_get_element (names, 0);
  if (!JSON_NODE_HOLDS_VALUE (name) || json_node_get_value_type (name) != G_TYPE_STRING)
    return oa2_jose_malformed (error, _("its “crit” header is not an array of names"));
  shown = oa2_error_sanitize_name (json_node_get_string (name));
  g_set_error (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN,
               /* Translators: %s is the name of a JOSE header extension */
               _("The token requires the extension “%s”, which this library does not implement"),
               shown);
  return FALSE;
}

gboolean
oa2_jose_split_compact (const char  *compact,
                        guint        n_parts,
                        const char **parts,
                        gsize       *lengths,
                        GError     **error)
{
  const char *part = compact;
  const char *p;
  guint found = 0;

  /* One pass, which stops at the size cap. */
  for (p = compact; *p != '\0' && p - compact <= OA2_JWT_MAX_SIZE; p++)
    if (*p == '.')
      {
        if (found < n_parts)
          {
            parts[found] = part;
            lengths[found] = (gsize) (p - part);
          }
        found++;
        part = p + 1;
      }
  if (p - compact > OA2_JWT_MAX_SIZE)
    return oa2_jose_malformed (error, _("it is larger than 64 KiB"));
  if (found + 1 != n_parts)
    {
      /* Translators: the first number is how many dot-separated parts the token has, the second how many it must have */
      g_autofree char *why = g_strdup_printf (_("it has %u parts instead of %u"), found + 1, n_parts);
      return oa2_jose_malformed (error, why);
    }
  parts[found] = part;
  lengths[found] = (gsize) (p - part);
  return TRUE;
}

/* Starts a protected header: the algorithm member(s) the library sets,
 * the key's kid, then the caller's extra members, which cannot replace
 * the members named in @reserved. */
JsonObject *
oa2_jose_new_header (const char          *alg,
                     const char          *enc,
                     const char          *kid,
                     JsonObject          *extra,
                     const char * const  *reserved)
{
  JsonObject *header = json_object_new ();

  json_object_set_string_member (header, "alg", alg);
  if (enc != NULL)
    json_object_set_string_member (header, "enc", enc);
  if (kid != NULL)
    json_object_set_string_member (header, "kid", kid);
  if (extra != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      json_object_iter_init (&iter, extra);
      while (json_object_iter_next (&iter, &name, &node))
        if (!g_strv_contains (reserved, name))
          json_object_set_member (header, name, json_node_copy (node));
    }
  return header;
}
