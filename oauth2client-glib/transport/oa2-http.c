/* oa2-http.c: plain-data HTTP requests and responses
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "oa2-http-private.h"

OA2HttpRequest *
oa2_http_request_new (const char *method,
                      const char *uri,
                      const char *endpoint_name)
{
  OA2HttpRequest *request = g_new0 (OA2HttpRequest, 1);

  request->method = g_strdup (method);
  request->uri = g_strdup (uri);
  request->endpoint_name = g_strdup (endpoint_name);
  request->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_replace (request->headers, "Accept", "application/json");
  return request;
}

OA2HttpRequest *
oa2_http_request_copy (const OA2HttpRequest *request)
{
  OA2HttpRequest *copy = g_new0 (OA2HttpRequest, 1);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  /* Made for every attempt: the headers are copied as they are, without
   * the defaults of a new request. */
  copy->method = g_strdup (request->method);
  copy->uri = g_strdup (request->uri);
  copy->endpoint_name = g_strdup (request->endpoint_name);
  copy->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_iter_init (&iter, request->headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_append (copy->headers, name, value);
  if (request->form != NULL)
    copy->form = oa2_form_copy (request->form);
  if (request->body != NULL)
    copy->body = g_bytes_ref (request->body);
  copy->content_type = g_strdup (request->content_type);
  g_set_object (&copy->tls_certificate, request->tls_certificate);
  return copy;
}

void
oa2_http_request_free (OA2HttpRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->method);
  g_free (request->uri);
  g_free (request->endpoint_name);
  soup_message_headers_unref (request->headers);
  oa2_form_free (request->form);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->content_type);
  g_clear_object (&request->tls_certificate);
  g_free (request);
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
