/* oa2-response.c: reading a JSON answer from an OAuth endpoint
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Pure functions from a transport response to either a JSON object or an
 * error, shared by every endpoint, so that the rules for status codes,
 * content types and error bodies exist once.
 */

#include "config.h"

#include <stdlib.h>

#include "oa2-clock-private.h"
#include "oa2-error-private.h"
#include "oa2-i18n-private.h"
#include "oa2-json-private.h"
#include "oa2-response-private.h"

static gboolean
is_error_body (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "error");

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING &&
         *json_node_get_string (node) != '\0';
}

/* Returns the body of a successful response (*out_is_error = FALSE), or
 * the body of an OAuth error response (*out_is_error = TRUE: a JSON object
 * with a string "error", whatever the status, because some servers send
 * errors with 200), or NULL with @error set when the answer is neither. */
JsonObject *
oa2_response_read_json (const OA2HttpResponse  *response,
                        const char             *endpoint_name,
                        gboolean               *out_is_error,
                        GError                **error)
{
  gboolean success = SOUP_STATUS_IS_SUCCESSFUL (response->status);
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) json_error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (response->body, &len);

  *out_is_error = FALSE;

  if (!oa2_http_response_is_json (response))
    {
      g_autofree char *shown = NULL;

      if (!success)
        {
          g_propagate_error (error, oa2_error_new_unexpected_status (response->status, endpoint_name));
          return NULL;
        }
      shown = oa2_error_sanitize_name (soup_message_headers_get_content_type (response->headers, NULL));
      g_set_error (error, OA2_ERROR, OA2_ERROR_UNEXPECTED_CONTENT_TYPE,
                   /* Translators: the first %s names a server endpoint, the second is a media type such as text/html */
                   _("The %s answered with “%s” instead of JSON"), endpoint_name, shown);
      return NULL;
    }

  object = oa2_json_parse_object (data, len, &json_error);
  if (object == NULL)
    {
      if (!success)
        g_propagate_error (error, oa2_error_new_unexpected_status (response->status, endpoint_name));
      else
        g_propagate_error (error, g_steal_pointer (&json_error));
      return NULL;
    }

  if (is_error_body (object))
    {
      *out_is_error = TRUE;
      return g_steal_pointer (&object);
    }

  if (!success)
    {
      g_propagate_error (error, oa2_error_new_unexpected_status (response->status, endpoint_name));
      return NULL;
    }

  return g_steal_pointer (&object);
}

/* The standard mapping of an error body (RFC 6749 §5.2). A description or
 * URI of the wrong type is dropped rather than failing the whole error. */
GError *
oa2_response_oauth_error_from_json (JsonObject *body,
                                    guint       http_status)
{
  const char *code = NULL, *description = NULL, *uri = NULL;
  g_autoptr(GError) ignored = NULL;

  oa2_json_get_string (body, "error", TRUE, &code, &ignored);
  g_clear_error (&ignored);
  if (!oa2_json_get_string (body, "error_description", FALSE, &description, &ignored))
    g_clear_error (&ignored);
  if (!oa2_json_get_string (body, "error_uri", FALSE, &uri, &ignored))
    g_clear_error (&ignored);

  return oa2_oauth_error_new (code != NULL ? code : "", description, uri, http_status);
}

/* RFC 9110 §10.2.3: Retry-After is either a count of seconds or an
 * HTTP-date. A date is turned into seconds from now (the library's clock);
 * a date in the past means no wait. Anything else is ignored. */
gboolean
oa2_response_get_retry_after (const OA2HttpResponse *response,
                              guint                 *out_seconds)
{
  const char *value;
  g_autoptr(GDateTime) date = NULL;

  if (response->headers == NULL)
    return FALSE;
  value = soup_message_headers_get_one (response->headers, "Retry-After");
  if (value == NULL)
    return FALSE;
  while (*value == ' ' || *value == '\t')
    value++;

  if (g_ascii_isdigit (*value))
    {
      guint64 seconds;
      const char *end;

      for (end = value; g_ascii_isdigit (*end); end++)
        ;
      while (*end == ' ' || *end == '\t')
        end++;
      if (*end != '\0' || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64, &seconds, NULL))
        {
          /* An overlong number is still a number: wait as long as we can. */
          if (*end != '\0')
            return FALSE;
          seconds = G_MAXUINT;
        }
      *out_seconds = (guint) MIN (seconds, G_MAXUINT);
      return TRUE;
    }

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return FALSE;
  {
    gint64 delta = g_date_time_to_unix (date) - oa2_clock_now_seconds ();

    *out_seconds = (guint) CLAMP (delta, 0, G_MAXUINT);
  }
  return TRUE;
}

void
oa2_response_record_retry_after (const OA2HttpResponse *response,
                                 GError                *error)
{
  guint seconds;

  if (error != NULL && oa2_response_get_retry_after (response, &seconds))
    oa2_error_set_retry_after (error, seconds);
}
