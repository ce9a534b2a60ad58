/* fuzz-redact.c: the trace redactor on arbitrary response bodies
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The first byte picks the media type the body is traced under (a form,
 * JSON, text, none), the rest is the body. Beyond not crashing: the summary
 * is one line of valid UTF-8 without control characters, and a body shown
 * as JSON is shown as JSON that parses again.
 */

#include "fuzz-common.h"

#include "oa2-json-private.h"
#include "oa2-redact-private.h"

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
  static const char * const types[] = {
    "application/x-www-form-urlencoded", "application/json", "text/html", NULL,
  };
  g_autoptr(GBytes) body = NULL;
  g_autofree char *summary = NULL;
  const char *json;

  if (size == 0)
    return 0;
  body = g_bytes_new (data + 1, size - 1);
  summary = oa2_redact_body (body, types[data[0] % G_N_ELEMENTS (types)]);

  FUZZ_CHECK (g_utf8_validate (summary, -1, NULL));
  for (const char *p = summary; *p != '\0'; p = g_utf8_next_char (p))
    FUZZ_CHECK (!g_unichar_iscntrl (g_utf8_get_char (p)));

  json = strstr (summary, " bytes, JSON) ");
  if (json != NULL)
    {
      g_autoptr(JsonNode) again = NULL;

      json += strlen (" bytes, JSON) ");
      again = oa2_json_parse (json, strlen (json));
      FUZZ_CHECK (again != NULL);
    }
  return 0;
}
