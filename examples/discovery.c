/* discovery.c: a client made from the server's metadata, then a token
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Discovery (OpenID Connect Discovery, or RFC 8414 with --rfc8414) fetches
 * the server's metadata from its issuer, checks that the document names
 * that issuer, and fills every endpoint of the client; then the client
 * credentials grant runs against the discovered token endpoint. Both run
 * asynchronously on a GMainLoop. The secret comes from the environment
 * only, and the token is never printed.
 *
 *   export OA2_EXAMPLE_CLIENT_ID=my-client
 *   export OA2_EXAMPLE_CLIENT_SECRET=...         # never on the command line
 *   ./discovery https://accounts.example.com [--rfc8414] [--scope "api:read"]
 */

#include <locale.h>
#include <stdlib.h>

#include <oauth2client-glib/oauth2client-glib.h>

typedef struct {
  GMainLoop *loop;
  char      *scope;
  int        exit_status;
} Example;

static void
print_error (const GError *error)
{
  g_printerr ("discovery: %s\n", error->message);
  g_printerr ("  (error domain %s, code %d)\n", g_quark_to_string (error->domain), error->code);
}

static void
print_list (const char         *name,
            const char * const *values)
{
  g_autofree char *joined = values != NULL ? g_strjoinv (" ", (char **) values) : NULL;

  g_print ("%-30s %s\n", name, joined != NULL ? joined : "(not said)");
}

static void
on_token (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Example *example = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = oa2_client_client_credentials_finish (OA2_CLIENT (source), result, &error);

  if (token == NULL)
    print_error (error);
  else
    {
      const char *scope = oa2_bearer_token_get_scope (token);

      /* Never print the access token itself. */
      g_print ("token type:                    %s\n", oa2_bearer_token_get_token_type (token));
      g_print ("scope:                         %s\n", scope != NULL ? scope : "(as requested)");
      example->exit_status = EXIT_SUCCESS;
    }
  g_main_loop_quit (example->loop);
}

static void
on_client (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Example *example = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Client) client = oa2_client_new_from_issuer_finish (result, &error);
  OA2ServerMetadata *metadata;
  const char *userinfo;

  if (client == NULL)
    {
      print_error (error);
      g_main_loop_quit (example->loop);
      return;
    }

  metadata = oa2_client_get_server_metadata (client);
  userinfo = oa2_client_get_userinfo_endpoint (client);
  g_print ("issuer:                        %s\n", oa2_client_get_issuer (client));
  g_print ("token endpoint:                %s\n", oa2_client_get_token_endpoint (client));
  g_print ("userinfo endpoint:             %s\n", userinfo != NULL ? userinfo : "(none)");
  print_list ("ID token signing algorithms:", oa2_server_metadata_get_id_token_signing_alg_values_supported (metadata));
  print_list ("grant types:", oa2_server_metadata_get_grant_types_supported (metadata));

  oa2_client_client_credentials_async (client, example->scope, NULL, NULL, NULL, NULL, on_token, example);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *scope = NULL;
  gboolean rfc8414 = FALSE;
  const GOptionEntry entries[] = {
    { "rfc8414", 0, 0, G_OPTION_ARG_NONE, &rfc8414, "Use the RFC 8414 metadata URI", NULL },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope, "Scope to ask for", "SCOPE" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("ISSUER");
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2ClientSecretPost) auth = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  const char *client_id = g_getenv ("OA2_EXAMPLE_CLIENT_ID");
  const char *secret = g_getenv ("OA2_EXAMPLE_CLIENT_SECRET");
  Example example = { 0 };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("usage: discovery ISSUER [--rfc8414] [--scope SCOPE]%s%s\n",
                  error != NULL ? ": " : "", error != NULL ? error->message : "");
      return 2;
    }
  if (client_id == NULL || secret == NULL)
    {
      g_printerr ("discovery: set OA2_EXAMPLE_CLIENT_ID and OA2_EXAMPLE_CLIENT_SECRET\n");
      return 2;
    }
  /* Keep standard output for results. */
  g_log_writer_default_set_use_stderr (TRUE);

  auth = oa2_client_secret_post_new (client_id, secret);
  loop = g_main_loop_new (NULL, FALSE);
  example.loop = loop;
  example.scope = scope;
  example.exit_status = EXIT_FAILURE;
  oa2_client_new_from_issuer_async (argv[1], rfc8414 ? OA2_DISCOVERY_KIND_RFC8414 : OA2_DISCOVERY_KIND_OPENID,
                                    OA2_CLIENT_AUTH (auth), NULL, NULL, on_client, &example);
  g_main_loop_run (loop);
  return example.exit_status;
}
