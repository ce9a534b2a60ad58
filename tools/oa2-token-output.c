/* oa2-token-output.c: how the token commands print a token: a summary
 * without secrets, the whole token as JSON, the access token alone, or
 * saved to a file
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "oa2-token.h"

/* ------------------------------------------------------------------------ */
/* Output */

/* xgettext cannot see through a format macro inside _(), so the numbers
 * of translatable strings are formatted first. */
static char *
format_int64 (gint64 number)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, number);
}

static char *
format_duration (gint64 seconds)
{
  g_autofree char *large = NULL;
  g_autofree char *small = NULL;

  if (seconds >= 86400)
    {
      large = format_int64 (seconds / 86400);
      small = format_int64 ((seconds % 86400) / 3600);
      /* Translators: a duration: the first %s is a number of days, the second of hours (unit symbols d and h) */
      return g_strdup_printf (_("%s d %s h"), large, small);
    }
  if (seconds >= 3600)
    {
      large = format_int64 (seconds / 3600);
      small = format_int64 ((seconds % 3600) / 60);
      /* Translators: a duration: the first %s is a number of hours, the second of minutes (unit symbols h and min) */
      return g_strdup_printf (_("%s h %s min"), large, small);
    }
  if (seconds >= 60)
    {
      large = format_int64 (seconds / 60);
      small = format_int64 (seconds % 60);
      /* Translators: a duration: the first %s is a number of minutes, the second of seconds (unit symbols min and s) */
      return g_strdup_printf (_("%s min %s s"), large, small);
    }
  large = format_int64 (seconds);
  /* Translators: a duration: %s is a number of seconds (unit symbol s) */
  return g_strdup_printf (_("%s s"), large);
}

static void
print_line (const char *label,
            const char *untrusted_value)
{
  g_print ("  %-16s ", label);
  fflush (stdout);
  tool_fput_untrusted (stdout, untrusted_value);
  g_print ("\n");
}

static void
print_secret_presence (const char *label,
                       const char *secret,
                       const char *extra)
{
  g_autofree char *text = NULL;

  if (secret == NULL)
    text = g_strdup (_("none"));
  else
    /* Translators: %u is a length; the secret itself is never printed */
    text = g_strdup_printf (_("present, %u characters (not shown)%s"), (guint) strlen (secret),
                            extra != NULL ? extra : "");
  print_line (label, text);
}

static void
print_summary (OA2Client      *client,
               const char     *grant_type,
               OA2BearerToken *token,
               const char     *previous_refresh_token)
{
  OA2ClientAuth *auth = oa2_client_get_client_auth (client);
  GDateTime *expires_at = oa2_bearer_token_get_expires_at (token);
  const char *scope = oa2_bearer_token_get_scope (token);
  const char *refresh_token = oa2_bearer_token_get_refresh_token (token);
  const char *rotation = NULL;
  g_auto(GStrv) members = oa2_bearer_token_dup_member_names (token);
  g_autofree char *client_text = NULL;
  g_autofree char *expiry_text = NULL;
  g_autoptr(GUri) endpoint = g_uri_parse (oa2_client_get_token_endpoint (client), G_URI_FLAGS_NONE, NULL);
  /* A password or a query in the endpoint is no business of the summary,
   * which people paste into bug reports. */
  g_autofree char *endpoint_text =
    endpoint != NULL ? g_uri_to_string_partial (endpoint, G_URI_HIDE_USERINFO | G_URI_HIDE_QUERY | G_URI_HIDE_FRAGMENT)
                     : g_strdup (oa2_client_get_token_endpoint (client));

  if (auth != NULL)
    client_text = g_strdup_printf ("%s (%s)", oa2_client_auth_get_client_id (auth),
                                   oa2_client_auth_get_method_name (auth));
  else
    client_text = g_strdup (_("(no client authentication)"));

  if (expires_at == NULL)
    expiry_text = g_strdup (_("unknown (no expires_in in the response)"));
  else
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (expires_at);
      g_autofree char *when = g_date_time_format_iso8601 (local);
      gint64 remaining = oa2_bearer_token_get_expires_in (token);

      if (remaining <= 0)
        /* Translators: %s is a date and time */
        expiry_text = g_strdup_printf (_("%s (expired)"), when);
      else
        {
          g_autofree char *duration = format_duration (remaining);
          g_autofree char *seconds = format_int64 (remaining);

          /* Translators: the first %s is a date and time, the second a number of seconds, the third the same duration such as “2 h 5 min” */
          expiry_text = g_strdup_printf (_("%s (in %s s: %s)"), when, seconds, duration);
        }
    }

  if (previous_refresh_token != NULL && refresh_token != NULL)
    rotation = strcmp (previous_refresh_token, refresh_token) == 0
               ? _("; unchanged: the server did not rotate it")
               : _("; rotated: a new one was issued");

  /* Translators: %s is the URI of the token endpoint */
  g_print (_("Token from %s\n"), endpoint_text);
  print_line (_("grant type:"), grant_type);
  print_line (_("client:"), client_text);
  print_line (_("token type:"), oa2_bearer_token_get_token_type (token));
  /* RFC 8693 §2.2.1: what a token exchange issued; not a secret. */
  if (oa2_bearer_token_get_issued_token_type (token) != NULL)
    print_line (_("issued type:"), oa2_bearer_token_get_issued_token_type (token));
  if (OA2_IS_DPOP_TOKEN (token))
    {
      OA2DPoPKey *key = oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (token));
      g_autofree char *thumbprint = oa2_dpop_key_dup_thumbprint (key);
      /* Translators: the first %s is a signature algorithm such as ES256, the second a key thumbprint */
      g_autofree char *text = g_strdup_printf (_("%s, thumbprint (jkt) %s"), oa2_dpop_key_get_alg (key), thumbprint);

      print_line (_("DPoP key:"), text);
    }
  print_line (_("scope:"), scope != NULL ? scope : _("(not in the response: as requested)"));
  print_line (_("expires at:"), expiry_text);
  print_secret_presence (_("access token:"), oa2_bearer_token_get_access_token (token), NULL);
  print_secret_presence (_("refresh token:"), refresh_token, rotation);
  print_secret_presence (_("ID token:"), oa2_bearer_token_get_id_token (token), NULL);

  /* Names only: an unknown member may be a credential too. */
  if (members == NULL || members[0] == NULL)
    print_line (_("other members:"), _("none"));
  else
    {
      g_autofree char *names = g_strjoinv (", ", members);
      /* Translators: %s is a comma-separated list of the names of JSON members */
      g_autofree char *text = g_strdup_printf (_("%s (values not shown)"), names);

      print_line (_("other members:"), text);
    }
  g_print (_("Secrets are not shown; --json prints the whole token.\n"));
}

/* ------------------------------------------------------------------------ */
/* The token, as asked for */

/* What --json, --access-token-only and --output do with a token of any
 * kind: @json is its whole JSON form (taken, and wiped), @token_text what
 * --access-token-only prints; without either flag @summary_func shows
 * it. Returns TOOL_EXIT_FAILURE when --output could not be written. */
int
tool_write_token (TokenOptions          *opts,
                  char                  *json,
                  const char            *token_text,
                  ToolPrintSummaryFunc   summary_func,
                  gpointer               summary_data)
{
  g_autoptr(GError) error = NULL;
  int status = TOOL_EXIT_OK;

  if (opts->json)
    {
      if (isatty (STDOUT_FILENO))
        g_printerr (_("oa2: warning: printing secrets to the terminal (--json)\n"));
      g_print ("%s\n", json);
      tool_secret_free (json);
      return status;
    }

  if (opts->access_token_only)
    {
      /* For $(oa2 …): the token and a newline, nothing else. */
      if (isatty (STDOUT_FILENO))
        g_printerr (_("oa2: warning: printing the access token to the terminal (--access-token-only)\n"));
      g_print ("%s\n", token_text);
    }
  else
    summary_func (summary_data);

  if (opts->output != NULL)
    {
      gboolean saved = g_file_set_contents_full (opts->output, json, -1,
                                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                                 0600, &error);

      if (!saved)
        {
          /* Translators: %s is an error message */
          g_printerr (_("oa2: could not save the token: %s\n"), error->message);
          status = TOOL_EXIT_FAILURE;
        }
      else if (!opts->access_token_only)
        /* Translators: %s is a file name */
        g_print (_("Token saved to %s (mode 0600).\n"), opts->output);
    }
  tool_secret_free (json);
  return status;
}

typedef struct {
  OA2Client      *client;
  const char     *grant_type;
  OA2BearerToken *token;
  const char     *previous_refresh_token;
} BearerSummary;

static void
print_bearer_summary (gpointer data)
{
  BearerSummary *summary = data;

  print_summary (summary->client, summary->grant_type, summary->token, summary->previous_refresh_token);
}

int
tool_token_output (OA2Client      *client,
                   TokenOptions   *opts,
                   const char     *grant_type,
                   OA2BearerToken *token,
                   const char     *previous_refresh_token)
{
  g_autoptr(GError) error = NULL;
  int status = TOOL_EXIT_OK;

  if (opts->client.dpop_key_out != NULL && OA2_IS_DPOP_TOKEN (token) &&
      !tool_save_dpop_key (oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (token)), opts->client.dpop_key_out, &error))
    {
      /* Translators: %s is an error message */
      g_printerr (_("oa2: could not save the DPoP key: %s\n"), error->message);
      g_clear_error (&error);
      status = TOOL_EXIT_FAILURE;
    }

  {
    BearerSummary summary = { client, grant_type, token, previous_refresh_token };

    if (tool_write_token (opts, oa2_bearer_token_to_json (token), oa2_bearer_token_get_access_token (token),
                          print_bearer_summary, &summary) != TOOL_EXIT_OK)
      status = TOOL_EXIT_FAILURE;
  }
  if (!opts->json && opts->output == NULL && previous_refresh_token != NULL &&
      oa2_bearer_token_get_refresh_token (token) != NULL &&
      strcmp (previous_refresh_token, oa2_bearer_token_get_refresh_token (token)) != 0)
    g_printerr (_("oa2: warning: the server rotated the refresh token and the new one was not saved; "
                  "the old one may no longer work (use --output or --json next time)\n"));

  if (fflush (stdout) != 0)
    {
      /* Translators: %s is the system’s error message */
      g_printerr (_("oa2: could not write the output: %s\n"), g_strerror (errno));
      return TOOL_EXIT_FAILURE;
    }
  return status;
}
