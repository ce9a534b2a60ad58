/* oa2-uri.c: which URIs may carry credentials
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#ifdef G_OS_UNIX
#include <arpa/inet.h>
#endif
#include <libsoup/soup.h>

#include "oa2-error-private.h"
#include "oa2-i18n-private.h"
#include "oa2-uri-private.h"

gboolean
oa2_uri_is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;
  gsize len;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

#ifdef G_OS_UNIX
  /* Checked on every request, so the common literals are read in place,
   * with the inet_pton() GInetAddress uses, and compared as it does:
   * 127.0.0.0/8 and ::1. Anything else (a scoped IPv6 literal, brackets)
   * takes the general path below. */
  {
    struct in_addr addr4;
    struct in6_addr addr6;

    if (inet_pton (AF_INET, host, &addr4) == 1)
      return (g_ntohl (addr4.s_addr) >> 24) == 127;
    if (inet_pton (AF_INET6, host, &addr6) == 1)
      return IN6_IS_ADDR_LOOPBACK (&addr6);
  }
#endif

  /* GUri keeps the brackets of an IPv6 literal out of the host, but be
   * liberal in what arrives from elsewhere. */
  len = strlen (host);
  if (len > 2 && host[0] == '[' && host[len - 1] == ']')
    bare = g_strndup (host + 1, len - 2);
  else
    bare = g_strdup (host);

  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* A URI quoted in a message or a trace is cut to this many characters. */
#define MAX_DISPLAY_CHARS 512

/* How every message and trace quotes a URI: without its user information,
 * query and fragment, which may carry a password or a token, and as
 * sanitized text of bounded length, because URIs also come from servers.
 * GUri ends the user information at the first "@", so a password with an
 * "@" leaves its tail in the host: the host is shown from its last "@". */
char *
oa2_uri_to_display (GUri *uri)
{
  const char *host = g_uri_get_host (uri);
  const char *at = host != NULL ? strrchr (host, '@') : NULL;
  const char *path = g_uri_get_path (uri);
  g_autoptr(GUri) shown = NULL;
  g_autofree char *text = NULL;

  /* A relaxed parse can leave a host with a path that does not start
   * with a slash ("http://h:80;" gives the path ";"), which g_uri_build()
   * refuses with a critical: such a path is not shown. */
  if (host != NULL && path[0] != '\0' && path[0] != '/')
    path = "";
  shown = g_uri_build (g_uri_get_flags (uri), g_uri_get_scheme (uri), NULL,
                       at != NULL ? at + 1 : host, g_uri_get_port (uri), path, NULL, NULL);
  text = g_uri_to_string (shown);
  return oa2_error_sanitize_server_text (text, MAX_DISPLAY_CHARS);
}

/* The same for a URI that may not even parse: NULL when it has no host to
 * go by, as then there is no telling which part is a password. */
char *
oa2_uri_string_to_display (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, SOUP_HTTP_URI_FLAGS | G_URI_FLAGS_PARSE_RELAXED, NULL);

  if (parsed == NULL || g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0')
    return NULL;
  return oa2_uri_to_display (parsed);
}

/* The single rule for every URI that credentials are sent to: https, or
 * plain http only to a loopback host (RFC 8252 §7.3, and local test
 * servers). */
gboolean
oa2_uri_may_carry_credentials (GUri    *uri,
                               GError **error)
{
  const char *scheme = g_uri_get_scheme (uri);

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      g_autofree char *text = NULL;

      if (oa2_uri_is_loopback_host (g_uri_get_host (uri)))
        return TRUE;
      text = oa2_uri_to_display (uri);
      g_set_error (error, OA2_ERROR, OA2_ERROR_INSECURE_TRANSPORT,
                   /* Translators: %s is a URI */
                   _("Refusing to send credentials to “%s”: plain http is only allowed to a loopback address"),
                   text);
      return FALSE;
    }

  g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
               /* Translators: %s is a URI scheme such as ftp */
               _("Refusing to send credentials over “%s”: only https and loopback http are allowed"),
               scheme);
  return FALSE;
}

/* Parses the URI of an endpoint the library sends a request to: absolute,
 * allowed to carry credentials, and without a fragment (RFC 6749 §3.1). */
GUri *
oa2_uri_parse_endpoint (const char  *uri,
                        GError     **error)
{
  g_autoptr(GUri) parsed = NULL;

  if (uri == NULL || *uri == '\0')
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("No endpoint URI is configured"));
      return NULL;
    }

  parsed = g_uri_parse (uri, SOUP_HTTP_URI_FLAGS, NULL);
  if (parsed == NULL || g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0')
    {
      g_autofree char *shown = oa2_uri_string_to_display (uri);

      if (shown != NULL)
        g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                     /* Translators: %s is a URI */
                     _("“%s” is not an absolute http or https URI"), shown);
      else
        g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                             _("The endpoint URI is not an absolute http or https URI"));
      return NULL;
    }

  if (!oa2_uri_may_carry_credentials (parsed, error))
    return NULL;

  if (g_uri_get_fragment (parsed) != NULL)
    {
      g_autofree char *shown = oa2_uri_to_display (parsed);

      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is a URI */
                   _("The endpoint URI “%s” must not have a fragment"), shown);
      return NULL;
    }

  return g_steal_pointer (&parsed);
}

int
oa2_uri_get_port_or_default (GUri *uri)
{
  int port = g_uri_get_port (uri);

  /* -1: none given. An explicit port, 0 included, is taken as it is. */
  if (port != -1)
    return port;
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

/* RFC 6454: the same scheme, host and port (a missing port is the
 * scheme's). The one comparison for every decision about where
 * credentials may go. */
gboolean
oa2_uri_same_origin (GUri *a,
                     GUri *b)
{
  const char *host_a = g_uri_get_host (a), *host_b = g_uri_get_host (b);

  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (host_a != NULL ? host_a : "", host_b != NULL ? host_b : "") == 0 &&
         oa2_uri_get_port_or_default (a) == oa2_uri_get_port_or_default (b);
}
