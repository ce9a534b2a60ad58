/* fuzz-callback.c: the authorization response at the redirect URI, and a
 * saved authorization request
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is the address a browser was sent back to, which anyone can
 * craft, or (starting with '{') the JSON of a saved request. Beyond not
 * crashing or leaking: a response the checks let through carries the
 * request's state and a code, and every refusal is an OA2_ERROR or, for an
 * error the server sent, an OA2_OAUTH_ERROR.
 */

#include "fuzz-common.h"

static OA2AuthorizationRequest *request;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  request = oa2_authorization_request_new ("https://as.example/authorize", "c1", "http://127.0.0.1:8400/cb",
                                           "openid", NULL);
  oa2_authorization_request_set_state (request, "st-1", NULL);
  oa2_authorization_request_set_issuer (request, "https://as.example");
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;

  if (text[0] == '{')
    {
      g_autoptr(OA2AuthorizationRequest) restored = oa2_authorization_request_new_from_json (text, &error);

      if (restored == NULL)
        FUZZ_CHECK_OA2_ERROR (error);
      else
        {
          g_autofree char *json = oa2_authorization_request_to_json (restored);
          g_autoptr(OA2AuthorizationRequest) again = oa2_authorization_request_new_from_json (json, NULL);
          g_autofree char *json_again = NULL;

          /* What it saves, it restores, to the same text. */
          FUZZ_CHECK (again != NULL);
          json_again = oa2_authorization_request_to_json (again);
          FUZZ_CHECK (strcmp (json, json_again) == 0);
        }
      return 0;
    }

  {
    g_autoptr(OA2AuthorizationResponse) response =
      oa2_authorization_request_validate_callback (request, text, &error);

    if (response != NULL)
      {
        FUZZ_CHECK (strcmp (oa2_authorization_response_get_state (response), "st-1") == 0);
        FUZZ_CHECK (*oa2_authorization_response_get_code (response) != '\0');
        FUZZ_CHECK (oa2_authorization_response_get_issuer (response) == NULL ||
                    strcmp (oa2_authorization_response_get_issuer (response), "https://as.example") == 0);
      }
    else if (error->domain != OA2_OAUTH_ERROR)
      FUZZ_CHECK_OA2_ERROR (error);
  }
  return 0;
}
