/* oa2-http.c: plain-data HTTP requests and responses
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "oa2-http-private.h"

/* @endpoint_name is kept, not copied: it names the endpoint in messages
 * and is a literal or a translation, both of which live as long as the
 * process. */
OA2HttpRequest *
oa2_http_request_new (const char *method,
                      const char *uri,
                      const char *endpoint_name)
{
  OA2HttpRequest *request = g_atomic_rc_box_new0 (OA2HttpRequest);

  request->method = g_strdup (method);
  request->uri = g_strdup (uri);
  request->endpoint_name = endpoint_name;
  request->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  request->body_length = -1;
  soup_message_headers_replace (request->headers, "Accept", "application/json");
  return request;
}

/* For a caller that has checked the URI by the endpoint rule already
 * (oa2_uri_parse_endpoint() on request->uri): the transport takes it as
 * it is instead of parsing the string again. */
void
oa2_http_request_set_endpoint (OA2HttpRequest *request,
                               GUri           *endpoint)
{
  g_clear_pointer (&request->endpoint, g_uri_unref);
  request->endpoint = endpoint != NULL ? g_uri_ref (endpoint) : NULL;
}

OA2HttpRequest *
oa2_http_request_ref (OA2HttpRequest *request)
{
  return g_atomic_rc_box_acquire (request);
}

static void
http_request_clear (gpointer data)
{
  OA2HttpRequest *request = data;

  g_free (request->method);
  g_free (request->uri);
  g_clear_pointer (&request->endpoint, g_uri_unref);
  soup_message_headers_unref (request->headers);
  oa2_form_free (request->form);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->content_type);
  g_clear_object (&request->body_stream);
  g_clear_object (&request->tls_certificate);
}

void
oa2_http_request_unref (OA2HttpRequest *request)
{
  if (request != NULL)
    g_atomic_rc_box_release_full (request, http_request_clear);
}

OA2HttpResponse *
oa2_http_response_new (guint               status,
                       SoupMessageHeaders *headers,
                       GBytes             *body)
{
  OA2HttpResponse *response = g_new0 (OA2HttpResponse, 1);

  response->status = status;
  response->headers = headers != NULL ? soup_message_headers_ref (headers)
                                      : soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  response->body = body != NULL ? g_bytes_ref (body) : g_bytes_new (NULL, 0);
  return response;
}

void
oa2_http_response_free (OA2HttpResponse *response)
{
  if (response == NULL)
    return;
  soup_message_headers_unref (response->headers);
  g_bytes_unref (response->body);
  g_clear_object (&response->stream);
  g_free (response);
}

/* application/json or any +json type (RFC 6839). A response without a
 * Content-Type counts as JSON; the parser decides. */
gboolean
oa2_http_response_is_json (const OA2HttpResponse *response)
{
  const char *type = soup_message_headers_get_content_type (response->headers, NULL);
  gsize len;

  if (type == NULL)
    return TRUE;
  if (g_ascii_strcasecmp (type, "application/json") == 0)
    return TRUE;
  len = strlen (type);
  return len > 5 && g_ascii_strcasecmp (type + len - 5, "+json") == 0;
}
