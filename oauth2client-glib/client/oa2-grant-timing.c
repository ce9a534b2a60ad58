/* oa2-grant-timing.c: `expires_in` and `interval` of the responses that
 * start a polled grant, read once for the device flow and CIBA
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>

#include "oa2-clock-private.h"
#include "oa2-error.h"
#include "oa2-grant-timing-private.h"

/* A whole number of seconds in [1, @max]: an integer, or a float with no
 * fraction, as some servers write them. */
static gboolean
get_seconds (JsonObject  *object,
             const char  *name,
             guint        max,
             const char  *invalid_member_format,
             gboolean    *out_present,
             guint       *out_seconds,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  gdouble value = 0;

  *out_present = node != NULL && !JSON_NODE_HOLDS_NULL (node);
  if (!*out_present)
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    value = (gdouble) json_node_get_int (node);
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    value = json_node_get_double (node);
  if (!(value >= 1 && value <= max) || floor (value) != value)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER, invalid_member_format, name);
      return FALSE;
    }
  *out_seconds = (guint) value;
  return TRUE;
}

gboolean
oa2_grant_timing_read (JsonObject  *response,
                       guint        max_expires_in,
                       const char  *invalid_member_format,
                       const char  *no_expires_in,
                       guint       *inout_interval,
                       GDateTime  **out_expires_at,
                       GError     **error)
{
  g_autoptr(GDateTime) now = NULL;
  gboolean present = FALSE;
  guint expires_in = 0;

  if (!get_seconds (response, "expires_in", max_expires_in, invalid_member_format, &present, &expires_in, error))
    return FALSE;
  if (!present)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_MISSING_MEMBER, no_expires_in);
      return FALSE;
    }
  if (!get_seconds (response, "interval", OA2_GRANT_MAX_INTERVAL_SECONDS, invalid_member_format, &present,
                    inout_interval, error))
    return FALSE;
  now = g_date_time_new_from_unix_utc (oa2_clock_now_seconds ());
  *out_expires_at = g_date_time_add_seconds (now, expires_in);
  return TRUE;
}
