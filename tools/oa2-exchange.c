/* oa2-exchange.c: "oa2 exchange": the token exchange request (RFC 8693)
 * built from the options; oa2-token.c sends it, except for a token of any
 * type (RFC 8693 §2.2.1, token_type N_A), sent and printed here
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "oa2-token.h"

/* oa2 exchange: the request from the options, its tokens read from the
 * environment or files (a stored token's access token, with its type);
 * NULL with *out_status set on a usage error. */
OA2TokenExchangeRequest *
tool_exchange_request_from_options (TokenOptions *opts,
                                    const char   *command,
                                    int          *out_status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2TokenExchangeRequest) request = NULL;

  if (opts->token_file != NULL)
    {
      g_autoptr(OA2BearerToken) stored = NULL;
      char *json = tool_read_secret (NULL, opts->token_file, _("the stored token"), &error);

      if (json == NULL)
        {
          *out_status = tool_usage_error (command, "%s", error->message);
          return NULL;
        }
      stored = oa2_bearer_token_new_from_json (json, &error);
      tool_secret_free (json);
      if (stored == NULL)
        {
          /* Translators: the first %s is a file name, the second an error message */
          *out_status = tool_usage_error (command, _("%s does not hold a stored token: %s"), opts->token_file,
                                          error->message);
          return NULL;
        }
      request = oa2_token_exchange_request_new_for_bearer_token (stored);
    }
  else
    {
      char *subject = tool_read_secret (opts->subject_token_env, opts->subject_token_file,
                                        _("the subject token"), &error);

      if (subject == NULL)
        {
          *out_status = tool_usage_error (command, "%s", error->message);
          return NULL;
        }
      request = oa2_token_exchange_request_new (subject, opts->subject_token_type);
      tool_secret_free (subject);
    }

  if (opts->actor_token_env != NULL || opts->actor_token_file != NULL)
    {
      char *actor = tool_read_secret (opts->actor_token_env, opts->actor_token_file, _("the actor token"), &error);

      if (actor == NULL)
        {
          *out_status = tool_usage_error (command, "%s", error->message);
          return NULL;
        }
      oa2_token_exchange_request_set_actor_token (request, actor, opts->actor_token_type);
      tool_secret_free (actor);
    }
  oa2_token_exchange_request_set_requested_token_type (request, opts->requested_token_type);
  oa2_token_exchange_request_set_audience (request, opts->audience);
  return g_steal_pointer (&request);
}

gboolean
tool_exchange_wants_issued (TokenOptions *opts)
{
  const char *requested = opts->requested_token_type;

  if (opts->any_token_type)
    return TRUE;
  /* Anything but an access token may come back as N_A; asking for one
   * and refusing it would only make the user run the command again. */
  return requested != NULL && strcmp (requested, "access_token") != 0 &&
         g_strcmp0 (requested, oa2_token_type_urn ("access_token")) != 0;
}

/* The token as --json prints it and --output saves it: the response's
 * members, the expiry made absolute. Not a stored OA2BearerToken: an N_A
 * token cannot be sent as one. */
static char *
issued_token_to_json (OA2IssuedToken *token)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) names = oa2_issued_token_dup_member_names (token);
  GDateTime *expires_at = oa2_issued_token_get_expires_at (token);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, oa2_issued_token_get_token (token));
  json_builder_set_member_name (builder, "token_type");
  json_builder_add_string_value (builder, oa2_issued_token_get_token_type (token));
  json_builder_set_member_name (builder, "issued_token_type");
  json_builder_add_string_value (builder, oa2_issued_token_get_issued_token_type (token));
  if (expires_at != NULL)
    {
      json_builder_set_member_name (builder, "expires_at");
      json_builder_add_int_value (builder, g_date_time_to_unix (expires_at));
    }
  if (oa2_issued_token_get_scope (token) != NULL)
    {
      json_builder_set_member_name (builder, "scope");
      json_builder_add_string_value (builder, oa2_issued_token_get_scope (token));
    }
  if (oa2_issued_token_get_refresh_token (token) != NULL)
    {
      json_builder_set_member_name (builder, "refresh_token");
      json_builder_add_string_value (builder, oa2_issued_token_get_refresh_token (token));
    }
  for (guint i = 0; names[i] != NULL; i++)
    {
      json_builder_set_member_name (builder, names[i]);
      json_builder_add_value (builder, json_node_copy (oa2_issued_token_get_member (token, names[i])));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
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

/* What a terminal user needs: the type first, then no secret. */
static void
print_issued_summary (OA2Client      *client,
                      OA2IssuedToken *token)
{
  GDateTime *expires_at = oa2_issued_token_get_expires_at (token);
  const char *refresh_token = oa2_issued_token_get_refresh_token (token);
  g_auto(GStrv) members = oa2_issued_token_dup_member_names (token);
  g_autoptr(GUri) endpoint = g_uri_parse (oa2_client_get_token_endpoint (client), G_URI_FLAGS_NONE, NULL);
  g_autofree char *endpoint_text =
    endpoint != NULL ? g_uri_to_string_partial (endpoint, G_URI_HIDE_USERINFO | G_URI_HIDE_QUERY | G_URI_HIDE_FRAGMENT)
                     : g_strdup (oa2_client_get_token_endpoint (client));
  g_autofree char *expiry_text = NULL;
  g_autofree char *token_text = NULL;

  if (expires_at == NULL)
    expiry_text = g_strdup (_("unknown (no expires_in in the response)"));
  else
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (expires_at);

      expiry_text = g_date_time_format_iso8601 (local);
    }
  /* Translators: %u is a length; the secret itself is never printed */
  token_text = g_strdup_printf (_("present, %u characters (not shown)"),
                                (guint) strlen (oa2_issued_token_get_token (token)));

  /* Translators: %s is the URI of the token endpoint */
  g_print (_("Token from %s\n"), endpoint_text);
  print_line (_("grant type:"), "urn:ietf:params:oauth:grant-type:token-exchange");
  print_line (_("issued type:"), oa2_issued_token_get_issued_token_type (token));
  print_line (_("token type:"), oa2_issued_token_get_token_type (token));
  if (!oa2_issued_token_is_access_token (token))
    print_line ("", _("(N_A: not an access token; validate it for its purpose before you use it)"));
  print_line (_("scope:"), oa2_issued_token_get_scope (token) != NULL ? oa2_issued_token_get_scope (token)
                                                                      : _("(not in the response: as requested)"));
  print_line (_("expires at:"), expiry_text);
  print_line (_("issued token:"), token_text);
  if (refresh_token == NULL)
    print_line (_("refresh token:"), _("none"));
  else
    {
      g_autofree char *text = g_strdup_printf (_("present, %u characters (not shown)"), (guint) strlen (refresh_token));

      print_line (_("refresh token:"), text);
    }
  if (members[0] == NULL)
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

typedef struct {
  GMainLoop      *loop;
  OA2IssuedToken *token;
  GError         *error;
} IssuedRun;

static void
on_issued (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  IssuedRun *run = user_data;

  run->token = oa2_client_token_exchange_issued_finish (OA2_CLIENT (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

typedef struct {
  OA2Client      *client;
  OA2IssuedToken *token;
} IssuedSummary;

static void
print_issued_summary_cb (gpointer data)
{
  IssuedSummary *summary = data;

  print_issued_summary (summary->client, summary->token);
}

int
tool_exchange_issued_run (OA2Client               *client,
                          TokenOptions            *opts,
                          OA2TokenExchangeRequest *request,
                          const char * const      *resources,
                          GHashTable              *extra,
                          GCancellable            *cancellable)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  IssuedRun run = { loop, NULL, NULL };
  g_autoptr(OA2IssuedToken) token = NULL;
  g_autoptr(GError) error = NULL;
  int status = TOOL_EXIT_OK;

  oa2_client_token_exchange_issued_async (client, request, opts->scope, resources, extra, cancellable,
                                          on_issued, &run);
  g_main_loop_run (loop);
  if (run.token == NULL)
    {
      status = tool_report_error (run.error);
      g_clear_error (&run.error);
      return status;
    }
  token = run.token;

  {
    IssuedSummary summary = { client, token };

    status = tool_write_token (opts, issued_token_to_json (token), oa2_issued_token_get_token (token),
                               print_issued_summary_cb, &summary);
  }

  if (fflush (stdout) != 0)
    {
      /* Translators: %s is the system’s error message */
      g_printerr (_("oa2: could not write the output: %s\n"), g_strerror (errno));
      return TOOL_EXIT_FAILURE;
    }
  return status;
}
