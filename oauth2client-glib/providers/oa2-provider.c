/* oa2-provider.c: what the vendor presets share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-provider-private.h"
#include "oa2-uri-private.h"

char *
oa2_provider_parse_base (const char  *value,
                         const char  *what,
                         gboolean     keep_path,
                         GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) origin = NULL;
  g_autofree char *origin_text = NULL;
  g_autofree char *trimmed = NULL;
  const char *path;
  gsize length;
  int port;

  if (value == NULL || *value == '\0' || strpbrk (value, " \t\r\n\\") != NULL)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s names an argument, such as "tenant" */
                   _("The %s must be a host name or an https URL"), what);
      return NULL;
    }
  text = strstr (value, "://") != NULL ? g_strdup (value) : g_strconcat ("https://", value, NULL);
  uri = g_uri_parse (text, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL || g_uri_get_userinfo (uri) != NULL ||
      (!keep_path && g_strcmp0 (g_uri_get_path (uri), "") != 0 && g_strcmp0 (g_uri_get_path (uri), "/") != 0))
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                   _("The %s must be a host name or an https URL"), what);
      return NULL;
    }
  if (!oa2_uri_may_carry_credentials (uri, error))
    return NULL;

  path = keep_path ? g_uri_get_path (uri) : "";
  length = strlen (path);
  while (length > 0 && path[length - 1] == '/')
    length--;
  /* The scheme's own port is left out, as people write the URL. */
  port = g_uri_get_port (uri);
  if ((port == 443 && g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0) ||
      (port == 80 && g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0))
    port = -1;
  origin = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri), port, "",
                        NULL, NULL);
  origin_text = g_uri_to_string (origin);
  trimmed = g_strndup (path, length);
  return g_strconcat (origin_text, trimmed, NULL);
}

gboolean
oa2_provider_check_segment (const char  *value,
                            const char  *what,
                            GError     **error)
{
  if (value != NULL && *value != '\0' && strcmp (value, ".") != 0 && strcmp (value, "..") != 0)
    {
      const char *p;

      for (p = value; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p) && strchr ("-._~", *p) == NULL)
          break;
      if (*p == '\0')
        return TRUE;
    }
  g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
               /* Translators: %s names an argument, such as "realm" */
               _("The %s must be a name of letters, digits and -._~"), what);
  return FALSE;
}
