/* fuzz-backchannel.c: what a CIBA server and its pings send, on arbitrary
 * text: oa2_backchannel_authentication_response_new_from_json(),
 * oa2_backchannel_parse_ping() and oa2_backchannel_check_notification_token()
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A response that loads has a non-empty auth_req_id, an interval of 1 s to
 * an hour and an expiry; a ping that parses names a non-empty auth_req_id;
 * an Authorization header is accepted only when it is the expected bearer
 * token.
 */

#include "fuzz-common.h"
#include "oa2-json-private.h"

#define EXPECTED_TOKEN "n-8f3.Vx_~+/="

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_string (data, size);
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *auth_req_id = NULL;

  object = oa2_json_parse_object (text, strlen (text), NULL);
  if (object != NULL)
    {
      g_autoptr(OA2BackchannelAuthenticationResponse) response =
        oa2_backchannel_authentication_response_new_from_json (object, &error);

      if (response == NULL)
        {
          FUZZ_CHECK_OA2_ERROR (error);
          g_clear_error (&error);
        }
      else
        {
          guint interval = oa2_backchannel_authentication_response_get_interval (response);

          FUZZ_CHECK (*oa2_backchannel_authentication_response_get_auth_req_id (response) != '\0');
          FUZZ_CHECK (interval >= 1 && interval <= 3600);
          FUZZ_CHECK (oa2_backchannel_authentication_response_get_expires_at (response) != NULL);
        }
    }

  auth_req_id = oa2_backchannel_parse_ping (bytes, &error);
  if (auth_req_id == NULL)
    FUZZ_CHECK_OA2_ERROR (error);
  else
    FUZZ_CHECK (*auth_req_id != '\0');

  if (oa2_backchannel_check_notification_token (text, EXPECTED_TOKEN))
    {
      const char *given = text + strlen ("Bearer ");

      while (*given == ' ')
        given++;
      FUZZ_CHECK (g_ascii_strncasecmp (text, "Bearer ", 7) == 0);
      FUZZ_CHECK (strcmp (given, EXPECTED_TOKEN) == 0);
    }
  return 0;
}
