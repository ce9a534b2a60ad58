/* oa2-test-request-log.c: what arrived at a test's own server handler
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-request-log.h"

struct _OA2TestRequestLog {
  GMutex     lock;
  GPtrArray *requests;   /* OA2TestRequest */
};

static void
request_free (gpointer data)
{
  OA2TestRequest *request = data;

  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_free (request->body);
  soup_message_headers_unref (request->headers);
  g_free (request);
}

OA2TestRequestLog *
oa2_test_request_log_new (void)
{
  OA2TestRequestLog *log = g_new0 (OA2TestRequestLog, 1);

  g_mutex_init (&log->lock);
  log->requests = g_ptr_array_new_with_free_func (request_free);
  return log;
}

void
oa2_test_request_log_free (OA2TestRequestLog *log)
{
  g_ptr_array_unref (log->requests);
  g_mutex_clear (&log->lock);
  g_free (log);
}

static void
copy_header (const char *name,
             const char *value,
             gpointer    headers)
{
  soup_message_headers_append (headers, name, value);
}

const OA2TestRequest *
oa2_test_request_log_add (OA2TestRequestLog *log,
                          SoupServerMessage *msg)
{
  OA2TestRequest *request = g_new0 (OA2TestRequest, 1);
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (g_uri_get_path (uri));
  request->query = g_strdup (g_uri_get_query (uri));
  request->body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  /* A copy, not a reference: libsoup may still touch the message's own
   * headers in the server thread while the test reads these. */
  request->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_foreach (soup_server_message_get_request_headers (msg), copy_header, request->headers);

  g_mutex_lock (&log->lock);
  g_ptr_array_add (log->requests, request);
  g_mutex_unlock (&log->lock);
  return request;
}

guint
oa2_test_request_log_get_count (OA2TestRequestLog *log)
{
  guint count;

  g_mutex_lock (&log->lock);
  count = log->requests->len;
  g_mutex_unlock (&log->lock);
  return count;
}

const OA2TestRequest *
oa2_test_request_log_get (OA2TestRequestLog *log,
                          guint              index)
{
  const OA2TestRequest *request;

  g_mutex_lock (&log->lock);
  g_assert_cmpuint (index, <, log->requests->len);
  request = log->requests->pdata[index];
  g_mutex_unlock (&log->lock);
  return request;
}

const char *
oa2_test_request_header (const OA2TestRequest *request,
                         const char           *name)
{
  return soup_message_headers_get_one (request->headers, name);
}
