/* oa2-pkcs11.c: keys held in PKCS#11 tokens, for "oa2 token" and "oa2 dpop"
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A key named by a pkcs11: URI is opened through the library; its PIN
 * comes from --pin-env or --pin-file, read once however many keys a
 * command opens, and never from the command line: a pin-value in the URI
 * is refused.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "oa2-tool.h"

/* Given at the first request only: a PIN that did not work will not work
 * again, and each wrong one brings the token closer to locking it. */
static char *
give_pin (const char  *token_label,
          guint        attempt,
          OA2PinFlags  flags,
          gpointer     user_data)
{
  const char *pin = user_data;

  if ((flags & OA2_PIN_FLAGS_RETRY) != 0)
    return NULL;
  return g_strdup (pin);
}

static void
pin_free (gpointer data)
{
  char *pin = data;

  tool_secret_wipe (pin, strlen (pin));
  g_free (pin);
}

gboolean
tool_is_token_uri (const char *key)
{
  return key != NULL && g_ascii_strncasecmp (key, "pkcs11:", 7) == 0;
}

gboolean
tool_token_key_options_given (const ToolTokenKeyOptions *opts)
{
  return opts->pin_env != NULL || opts->pin_file != NULL || opts->module != NULL;
}

void
tool_token_key_options_clear (ToolTokenKeyOptions *opts)
{
  g_clear_pointer (&opts->pin_env, g_free);
  g_clear_pointer (&opts->pin_file, g_free);
  g_clear_pointer (&opts->module, g_free);
  if (opts->pin != NULL)
    tool_secret_wipe (opts->pin, strlen (opts->pin));
  g_clear_pointer (&opts->pin, g_free);
}

OA2Jwk *
tool_load_token_key (ToolTokenKeyOptions *opts,
                     const char          *command,
                     const char          *uri,
                     int                 *out_status)
{
  g_autoptr(GError) error = NULL;
  OA2Jwk *key;

  if (strstr (uri, "pin-value=") != NULL)
    {
      *out_status = tool_usage_error (command, _("A PIN on the command line is visible to other users; give it with --pin-env VAR or --pin-file PATH, not as pin-value in the URI"));
      return NULL;
    }
  if (opts->pin_env != NULL && opts->pin_file != NULL)
    {
      *out_status = tool_usage_error (command, _("Give the token’s PIN with at most one of --pin-env and --pin-file"));
      return NULL;
    }
  if (opts->module != NULL && !opts->module_added)
    {
      if (!oa2_pkcs11_add_module (opts->module, &error))
        {
          *out_status = tool_report_error (error);
          return NULL;
        }
      opts->module_added = TRUE;
    }
  if (opts->pin == NULL && (opts->pin_env != NULL || opts->pin_file != NULL))
    {
      opts->pin = tool_read_secret (opts->pin_env, opts->pin_file, _("the token’s PIN"), &error);
      if (opts->pin == NULL)
        {
          *out_status = tool_usage_error (command, "%s", error->message);
          return NULL;
        }
    }
  if (opts->pin != NULL)
    key = oa2_jwk_new_from_pkcs11_uri (uri, give_pin, g_strdup (opts->pin), pin_free, NULL, &error);
  else
    key = oa2_jwk_new_from_pkcs11_uri (uri, NULL, NULL, NULL, NULL, &error);
  if (key == NULL)
    *out_status = tool_report_error (error);
  return key;
}
