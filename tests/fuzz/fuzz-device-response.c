/* fuzz-device-response.c: a device authorization response (RFC 8628 §3.2)
 * read from arbitrary text, as oa2_client_authorize_device() reads it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A response that loads has a non-empty device code, a non-empty user
 * code without control characters, an http(s) verification URI, an interval within the bounds and an expiry
 * in the future, and makes a poller whose interval and expiry are its
 * own. Every failure is an OA2_ERROR.
 */

#include "fuzz-common.h"
#include "oa2-clock-private.h"
#include "oa2-json-private.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static gboolean
is_web_uri (const char *uri)
{
  return uri == NULL || g_ascii_strncasecmp (uri, "https://", 8) == 0 || g_ascii_strncasecmp (uri, "http://", 7) == 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(OA2DeviceAuthorizationResponse) response = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2TokenPoller) poller = NULL;
  gint64 expires_at;

  object = oa2_json_parse_object ((const char *) data, size, &error);
  if (object == NULL)
    {
      FUZZ_CHECK_OA2_ERROR (error);
      return 0;
    }
  response = oa2_device_authorization_response_new_from_json (object, &error);
  if (response == NULL)
    {
      FUZZ_CHECK_OA2_ERROR (error);
      return 0;
    }

  FUZZ_CHECK (*oa2_device_authorization_response_get_device_code (response) != '\0');
  FUZZ_CHECK (*oa2_device_authorization_response_get_user_code (response) != '\0');
  for (const char *p = oa2_device_authorization_response_get_user_code (response); *p != '\0'; p++)
    FUZZ_CHECK ((guchar) *p >= 0x20 && (guchar) *p != 0x7f);
  FUZZ_CHECK (oa2_device_authorization_response_get_verification_uri (response) != NULL);
  FUZZ_CHECK (is_web_uri (oa2_device_authorization_response_get_verification_uri (response)));
  FUZZ_CHECK (is_web_uri (oa2_device_authorization_response_get_verification_uri_complete (response)));
  FUZZ_CHECK (oa2_device_authorization_response_get_interval (response) >= 1);
  FUZZ_CHECK (oa2_device_authorization_response_get_interval (response) <= 3600);
  expires_at = g_date_time_to_unix (oa2_device_authorization_response_get_expires_at (response));
  FUZZ_CHECK (expires_at > oa2_clock_now_seconds ());
  FUZZ_CHECK (!oa2_device_authorization_response_is_expired (response));

  client = oa2_client_new_public ("https://as.example/token", "fuzz");
  poller = oa2_token_poller_new_for_device (client, response, NULL);
  FUZZ_CHECK (oa2_token_poller_get_interval (poller) == oa2_device_authorization_response_get_interval (response));
  FUZZ_CHECK (g_date_time_to_unix (oa2_token_poller_get_expires_at (poller)) == expires_at);
  FUZZ_CHECK (oa2_token_poller_get_requests (poller) == 0);
  return 0;
}
