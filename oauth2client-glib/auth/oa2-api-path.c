/* oa2-api-path.c: API paths under a base URL, and nowhere else
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "oa2-api-path-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"

/* RFC 3986 §3.3: what a path segment may hold unencoded. */
#define SEGMENT_SAFE "!$&'()*+,;=:@-._~"

char *
oa2_api_base_url_normalize (const char  *base_url,
                            GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) canonical = NULL;
  g_autofree char *host = NULL;
  g_autofree char *text = NULL;
  const char *path;

  uri = g_uri_parse (base_url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The API base URL is not an absolute http or https URL"));
      return NULL;
    }
  if (g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The API base URL must not have user information, a query or a fragment"));
      return NULL;
    }
  path = g_uri_get_path (uri);
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  canonical = g_uri_build (G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, g_uri_get_scheme (uri), NULL,
                           host, g_uri_get_port (uri), path, NULL, NULL);
  text = g_uri_to_string (canonical);
  return g_strconcat (text, g_str_has_suffix (path, "/") ? "" : "/", NULL);
}

static gboolean
is_dot_segment (const char *segment,
                gsize       length)
{
  g_autofree char *raw = g_strndup (segment, length);
  g_autofree char *decoded = g_uri_unescape_string (raw, NULL);

  /* Undecodable (%zz, %00): not a dot segment, refused elsewhere. */
  if (decoded == NULL)
    return FALSE;
  return strcmp (decoded, ".") == 0 || strcmp (decoded, "..") == 0;
}

static GError *
outside (const char *why)
{
  return g_error_new (OA2_ERROR, OA2_ERROR_OUTSIDE_BASE_URL,
                      /* Translators: %s says why, e.g. "it is an absolute URL" */
                      _("The API path would leave the base URL: %s"), why);
}

/* The path's own checks: no scheme, no authority, no backslash (some
 * servers read it as '/'), no query or fragment (the query parameters are
 * for that), no dot segment raw or encoded, no encoded NUL. */
static gboolean
check_path (const char  *path,
            GError     **error)
{
  const char *p;

  for (p = path; g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.'; p++)
    ;
  if (p != path && *p == ':' && g_ascii_isalpha (*path))
    {
      g_propagate_error (error, outside (_("it is an absolute URL")));
      return FALSE;
    }
  if (g_str_has_prefix (path, "//"))
    {
      g_propagate_error (error, outside (_("it names another host (“//”)")));
      return FALSE;
    }
  if (strchr (path, '\\') != NULL || strstr (path, "%5c") != NULL || strstr (path, "%5C") != NULL)
    {
      g_propagate_error (error, outside (_("it has a backslash")));
      return FALSE;
    }
  if (strpbrk (path, "?#") != NULL)
    {
      g_propagate_error (error, outside (_("it has a query or a fragment; give query parameters instead")));
      return FALSE;
    }
  if (strstr (path, "%00") != NULL)
    {
      g_propagate_error (error, outside (_("it has an encoded NUL")));
      return FALSE;
    }
  for (p = path; ; )
    {
      const char *end = strchr (p, '/');
      gsize length = end != NULL ? (gsize) (end - p) : strlen (p);

      if (is_dot_segment (p, length))
        {
          g_propagate_error (error, outside (_("it has a “.” or “..” segment")));
          return FALSE;
        }
      if (end == NULL)
        break;
      p = end + 1;
    }
  return TRUE;
}

/* Keeps what is already percent-encoded and encodes the rest that a path
 * may not hold: spaces, non-ASCII, controls. */
static void
append_encoded_path (GString    *out,
                     const char *path)
{
  for (const char *p = path; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '%' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        g_string_append_c (out, '%');
      else if (c == '/' || g_ascii_isalnum (c) || strchr (SEGMENT_SAFE, c) != NULL)
        g_string_append_c (out, c);
      else
        g_string_append_printf (out, "%%%02X", c);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char *
oa2_api_path_resolve (const char  *base,
                      const char  *path,
                      GHashTable  *query,
                      GError     **error)
{
  GString *out;

  g_return_val_if_fail (base != NULL, NULL);

  if (path == NULL)
    path = "";
  if (!check_path (path, error))
    return NULL;

  out = g_string_new (base);
  /* "/things" and "things" both name base + "things": a path is always
   * relative to the base, never to the server's root. */
  while (*path == '/')
    path++;
  append_encoded_path (out, path);

  if (query != NULL && g_hash_table_size (query) > 0)
    {
      g_autofree gpointer *names = g_hash_table_get_keys_as_array (query, NULL);
      guint n = g_hash_table_size (query);

      /* Sorted, so that requests are reproducible. */
      qsort (names, n, sizeof (gpointer), compare_strings);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *name = g_uri_escape_string (names[i], NULL, FALSE);
          g_autofree char *value = g_uri_escape_string (g_hash_table_lookup (query, names[i]), NULL, FALSE);

          g_string_append_printf (out, "%c%s=%s", i == 0 ? '?' : '&', name, value);
        }
    }
  return g_string_free (out, FALSE);
}

char *
oa2_api_path_join_segments (const char * const *segments)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; segments != NULL && segments[i] != NULL; i++)
    {
      /* Every reserved character encoded, '/' included, so that a
       * segment stays one segment. "." and ".." stay as they are, and the
       * check refuses them. */
      g_autofree char *escaped = g_uri_escape_string (segments[i], NULL, FALSE);

      if (i > 0)
        g_string_append_c (out, '/');
      g_string_append (out, escaped);
    }
  return g_string_free (out, FALSE);
}
