/* oa2-api-redirect.c: where an API redirect may lead, and with what
 *
 * OA2ApiClient follows redirects the way browsers and Python requests do,
 * with one more rule: the application's credentials (the token, its DPoP
 * proof, the client's default headers, which may hold an API key) go only
 * to the origin the application asked for, and once a chain has left that
 * origin, to no later hop either, even one that comes back: a server on
 * the way could otherwise send the request home through a URL of its
 * choosing with the token stamped on it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "oa2-api-redirect-private.h"
#include "oa2-error-private.h"
#include "oa2-i18n-private.h"
#include "oa2-uri-private.h"

static gboolean
is_redirect_status (guint status)
{
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

static gboolean
is_http_scheme (const char *scheme)
{
  return g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "http") == 0;
}

/* The Location resolved against the URL that answered, as a browser
 * does; NULL when it is no URL. */
static GUri *
resolve_location (GUri       *current,
                  const char *location)
{
  if (location == NULL || *location == '\0')
    return NULL;
  return g_uri_parse_relative (current, location, G_URI_FLAGS_ENCODED, NULL);
}

/* User information is not taken from a server (it would become
 * credentials of its choosing), nor a fragment (it is not sent). */
static GUri *
strip_location (GUri *resolved)
{
  return g_uri_build (g_uri_get_flags (resolved) & ~(G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_HAS_AUTH_PARAMS),
                      g_uri_get_scheme (resolved), NULL, g_uri_get_host (resolved), g_uri_get_port (resolved),
                      g_uri_get_path (resolved), g_uri_get_query (resolved), NULL);
}

/* RFC 9110 §15.4 as browsers read it: 303 fetches the answer with GET
 * (HEAD stays HEAD); 301 and 302 turn a POST into a GET, for historical
 * reasons; 307 and 308 repeat the request as it was. */
static void
next_method (guint            status,
             const char      *method,
             OA2ApiBodyKind   body,
             OA2ApiRedirect  *next)
{
  gboolean to_get = (status == 303 && g_ascii_strcasecmp (method, "HEAD") != 0) ||
                    ((status == 301 || status == 302) && g_ascii_strcasecmp (method, "POST") == 0);

  next->method = g_strdup (to_get ? "GET" : method);
  next->keep_body = status != 303 && !to_get && body != OA2_API_BODY_NONE;
}

OA2ApiRedirectVerdict
oa2_api_redirect_decide (GUri            *asked,
                         GUri            *current,
                         const char      *method,
                         OA2ApiBodyKind   body,
                         gboolean         credentials,
                         guint            hops,
                         guint            status,
                         const char      *location,
                         OA2ApiRedirect  *next,
                         GError         **error)
{
  g_autoptr(GUri) resolved = NULL;
  g_autoptr(GUri) target = NULL;
  const char *scheme;

  g_return_val_if_fail (asked != NULL && current != NULL && method != NULL, OA2_API_REDIRECT_RETURN);
  g_return_val_if_fail (next != NULL, OA2_API_REDIRECT_RETURN);

  memset (next, 0, sizeof *next);
  if (!is_redirect_status (status))
    return OA2_API_REDIRECT_RETURN;
  /* A 3xx that names nowhere to go is the answer. */
  resolved = resolve_location (current, location);
  if (resolved == NULL)
    return OA2_API_REDIRECT_RETURN;

  scheme = g_uri_get_scheme (resolved);
  if (!is_http_scheme (scheme))
    {
      g_autofree char *shown = oa2_error_sanitize_server_text (scheme, 32);

      g_set_error (error, OA2_ERROR, OA2_ERROR_INSECURE_TRANSPORT,
                   /* Translators: %s is a URI scheme such as ftp */
                   _("The API redirected to a “%s” URL: only http and https redirects are followed"), shown);
      return OA2_API_REDIRECT_REFUSE;
    }
  if (g_uri_get_host (resolved) == NULL || *g_uri_get_host (resolved) == '\0')
    return OA2_API_REDIRECT_RETURN;
  target = strip_location (resolved);
  if (g_ascii_strcasecmp (g_uri_get_scheme (current), "https") == 0 &&
      g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_autofree char *from = oa2_uri_to_display (current);
      g_autofree char *to = oa2_uri_to_display (target);

      g_set_error (error, OA2_ERROR, OA2_ERROR_INSECURE_TRANSPORT,
                   /* Translators: both %s are URLs */
                   _("The API at “%s” redirected to “%s”, from https to plain http: not followed"), from, to);
      return OA2_API_REDIRECT_REFUSE;
    }

  /* The rule of every request, said here for what it is: the hop may
   * carry no credentials, but its answer comes back to the application. */
  if (g_ascii_strcasecmp (scheme, "http") == 0 && !oa2_uri_is_loopback_host (g_uri_get_host (target)))
    {
      g_autofree char *to = oa2_uri_to_display (target);

      g_set_error (error, OA2_ERROR, OA2_ERROR_INSECURE_TRANSPORT,
                   /* Translators: %s is a URL */
                   _("The API redirected to “%s”: plain http is only followed to a loopback address"), to);
      return OA2_API_REDIRECT_REFUSE;
    }

  next_method (status, method, body, next);
  /* A streamed body is gone: a redirect that wants it again is the
   * answer, for the caller to repeat with a new stream. */
  if (next->keep_body && body == OA2_API_BODY_STREAM)
    {
      oa2_api_redirect_clear (next);
      return OA2_API_REDIRECT_RETURN;
    }
  if (hops >= OA2_API_MAX_REDIRECTS)
    {
      g_autofree char *to = oa2_uri_to_display (target);

      oa2_api_redirect_clear (next);
      g_set_error (error, OA2_ERROR, OA2_ERROR_TOO_MANY_REDIRECTS,
                   /* Translators: %u is a number (10), %s a URL */
                   _("The API redirected more than %u times, the last time to “%s”: not followed"),
                   (guint) OA2_API_MAX_REDIRECTS, to);
      return OA2_API_REDIRECT_REFUSE;
    }

  next->credentials = credentials && oa2_uri_same_origin (asked, target);
  next->uri = g_steal_pointer (&target);
  return OA2_API_REDIRECT_FOLLOW;
}

void
oa2_api_redirect_clear (OA2ApiRedirect *next)
{
  g_clear_pointer (&next->uri, g_uri_unref);
  g_clear_pointer (&next->method, g_free);
  next->keep_body = FALSE;
  next->credentials = FALSE;
}

OA2HttpRequest *
oa2_api_redirect_next_request (const OA2ApiRedirect *next,
                               const OA2HttpRequest *request)
{
  g_autofree char *uri = g_uri_to_string (next->uri);
  OA2HttpRequest *copy = oa2_http_request_new (next->method, uri, request->endpoint_name);

  /* Without credentials, the headers are what a new request has, and
   * nothing the client added. */
  if (next->credentials)
    {
      SoupMessageHeadersIter iter;
      const char *name, *value;

      soup_message_headers_clear (copy->headers);
      soup_message_headers_iter_init (&iter, request->headers);
      while (soup_message_headers_iter_next (&iter, &name, &value))
        soup_message_headers_append (copy->headers, name, value);
      g_set_object (&copy->tls_certificate, request->tls_certificate);
    }
  if (next->keep_body)
    {
      copy->form = request->form != NULL ? oa2_form_copy (request->form) : NULL;
      copy->body = request->body != NULL ? g_bytes_ref (request->body) : NULL;
      copy->content_type = g_strdup (request->content_type);
      /* Never kept in practice (the decision returns such a redirect),
       * but a request is copied whole. */
      g_set_object (&copy->body_stream, request->body_stream);
      copy->body_length = request->body_length;
    }
  return copy;
}
