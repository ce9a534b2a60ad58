/* oa2-store.c: "oa2 store save|load|clear": tokens kept in the keyring
 * (OA2SecretTokenStore) or in files (OA2FileTokenStore)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "oa2-tool.h"

typedef struct {
  char *issuer;
  char *client_id;
  char *account;
  char *file_store;
} StoreOptions;

static void
store_options_clear (StoreOptions *opts)
{
  g_free (opts->issuer);
  g_free (opts->client_id);
  g_free (opts->account);
  g_free (opts->file_store);
}

static const char *
store_description (void)
{
  return _("A token is kept under its issuer, client ID and an account name\n"
           "(“default” unless --account says otherwise), in the keyring through the\n"
           "Secret Service (libsecret), or with --file-store DIR in a file of mode 0600\n"
           "in that directory. Stored tokens are secrets: “oa2 store load” prints one\n"
           "whole.");
}

#define STORE_ENTRIES(opts)                                                                          \
  { "issuer", 0, 0, G_OPTION_ARG_STRING, &(opts).issuer, N_("The issuer of the token (required)"),    \
    N_("URL") },                                                                                      \
  { "client-id", 0, 0, G_OPTION_ARG_STRING, &(opts).client_id,                                        \
    N_("The client the token was issued to (required)"), N_("ID") },                                  \
  { "account", 0, 0, G_OPTION_ARG_STRING, &(opts).account,                                            \
    N_("The account name in the store (default: “default”)"), N_("NAME") },                          \
  { "file-store", 0, 0, G_OPTION_ARG_FILENAME, &(opts).file_store,                                   \
    N_("Keep tokens in files in this directory instead of the keyring"), N_("DIR") }

/* Parses the command line; @n_args is the number of arguments after the
 * options that the command takes (0 or 1, the last one optional). */
static gboolean
parse (GOptionContext  *context,
       const char      *command,
       StoreOptions    *opts,
       guint            max_args,
       int             *argc,
       char          ***argv,
       int             *out_status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *out_status = tool_usage_error (command, "%s", error->message);
      return FALSE;
    }
  if ((guint) *argc > max_args + 1)
    {
      /* Translators: %s is a command-line argument */
      *out_status = tool_usage_error (command, _("Unexpected argument “%s”"), (*argv)[max_args + 1]);
      return FALSE;
    }
  if (opts->issuer == NULL || opts->client_id == NULL)
    {
      *out_status = tool_usage_error (command, "%s", _("Give --issuer and --client-id"));
      return FALSE;
    }
  if (opts->account == NULL)
    opts->account = g_strdup ("default");
  return TRUE;
}

static OA2TokenStore *
open_store (const char   *command,
            StoreOptions *opts,
            int          *out_status)
{
  if (opts->file_store != NULL)
    return OA2_TOKEN_STORE (oa2_file_token_store_new (opts->file_store));
  if (!oa2_secret_token_store_is_supported ())
    {
      *out_status = tool_usage_error (command, "%s",
                                      _("This build has no libsecret: give --file-store DIR"));
      return NULL;
    }
  return OA2_TOKEN_STORE (oa2_secret_token_store_new ());
}

/* ------------------------------------------------------------------------ */
/* oa2 store save [FILE|-] */

static int
save_main (int    argc,
           char **argv)
{
  const char *command = "oa2 store save";
  StoreOptions opts = { NULL };
  const GOptionEntry entries[] = { STORE_ENTRIES (opts), G_OPTION_ENTRY_NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(OA2TokenStore) store = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  guint shared_mode = 0;
  gsize len;
  int status = TOOL_EXIT_OK;

  context = tool_option_context_new (command, _("[FILE|-]"),
                                     _("Save a token in the store: the JSON that “oa2 token --output” writes,\n"
                                       "or the compact text of requests_oauth2client’s TokenSerializer, read\n"
                                       "from FILE or standard input (never from the command line)."),
                                     store_description (), entries);
  if (!parse (context, command, &opts, 1, &argc, &argv, &status))
    goto out;

  text = tool_read_input (argc > 1 ? argv[1] : "-", &len, &shared_mode, &error);
  if (text == NULL)
    {
      status = tool_usage_error (command, "%s", error->message);
      goto out;
    }
  g_strstrip (text);
  token = text[0] == '{' ? oa2_bearer_token_new_from_json (text, &error)
                         : oa2_bearer_token_new_from_compact (text, &error);
  if (token == NULL)
    {
      status = tool_report_error (error);
      goto out;
    }
  store = open_store (command, &opts, &status);
  if (store == NULL)
    goto out;
  if (!oa2_token_store_save (store, opts.issuer, opts.client_id, opts.account, token, NULL, &error))
    {
      status = tool_report_error (error);
      goto out;
    }
  g_printerr (_("Saved the token of account “%s”.\n"), opts.account);

out:
  if (text != NULL)
    tool_secret_free (text);
  store_options_clear (&opts);
  return status;
}

/* ------------------------------------------------------------------------ */
/* oa2 store load [--compact] */

static int
load_main (int    argc,
           char **argv)
{
  const char *command = "oa2 store load";
  StoreOptions opts = { NULL };
  gboolean compact = FALSE;
  const GOptionEntry entries[] = {
    STORE_ENTRIES (opts),
    { "compact", 0, 0, G_OPTION_ARG_NONE, &compact,
      N_("Print the compact text of requests_oauth2client’s TokenSerializer instead of JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(OA2TokenStore) store = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;
  int status = TOOL_EXIT_OK;
  char *text;

  context = tool_option_context_new (command, NULL,
                                     _("Print the stored token, as JSON (the form “oa2 token --token-file” reads)\n"
                                       "or, with --compact, as requests_oauth2client’s serialized text. Exits\n"
                                       "with status 1 when nothing is stored."),
                                     store_description (), entries);
  if (!parse (context, command, &opts, 0, &argc, &argv, &status))
    goto out;
  store = open_store (command, &opts, &status);
  if (store == NULL)
    goto out;
  token = oa2_token_store_load (store, opts.issuer, opts.client_id, opts.account, NULL, &error);
  if (error != NULL)
    {
      status = tool_report_error (error);
      goto out;
    }
  if (token == NULL)
    {
      g_printerr (_("oa2: no token is stored for account “%s”\n"), opts.account);
      status = TOOL_EXIT_FAILURE;
      goto out;
    }
  if (isatty (STDOUT_FILENO))
    g_printerr ("%s\n", _("oa2: warning: printing secrets to the terminal"));
  text = compact ? oa2_bearer_token_to_compact (token) : oa2_bearer_token_to_json (token);
  g_print ("%s\n", text);
  tool_secret_free (text);

out:
  store_options_clear (&opts);
  return status;
}

/* ------------------------------------------------------------------------ */
/* oa2 store clear */

static int
clear_main (int    argc,
            char **argv)
{
  const char *command = "oa2 store clear";
  StoreOptions opts = { NULL };
  const GOptionEntry entries[] = { STORE_ENTRIES (opts), G_OPTION_ENTRY_NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(OA2TokenStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status = TOOL_EXIT_OK;

  context = tool_option_context_new (command, NULL,
                                     _("Remove the stored token (sign-out). Removing nothing succeeds."),
                                     store_description (), entries);
  if (!parse (context, command, &opts, 0, &argc, &argv, &status))
    goto out;
  store = open_store (command, &opts, &status);
  if (store == NULL)
    goto out;
  if (!oa2_token_store_clear (store, opts.issuer, opts.client_id, opts.account, NULL, &error))
    status = tool_report_error (error);

out:
  store_options_clear (&opts);
  return status;
}

static const ToolSubcommand store_commands[] = {
  { "save", N_("Save a token (JSON or requests_oauth2client’s compact text) in the store"), save_main },
  { "load", N_("Print the stored token"), load_main },
  { "clear", N_("Remove the stored token"), clear_main },
};

int
tool_store_main (int    argc,
                 char **argv)
{
  return tool_dispatch ("oa2 store",
                        _("Keep tokens in the keyring (Secret Service) or in files of mode 0600."),
                        store_description (),
                        store_commands, G_N_ELEMENTS (store_commands), argc, argv);
}
