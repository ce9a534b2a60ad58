/* oa2-userinfo.c: "oa2 userinfo": the claims about the user of a token,
 * from the provider's UserInfo endpoint
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "oa2-tool.h"

/* The token: a stored token (as "oa2 token --output" writes it, DPoP key
 * included) from --token-file, or a bare access token from the
 * environment; never from the command line, which other users of the
 * machine can read (ps). NULL with *out_status set on failure. */
static OA2BearerToken *
load_token (const char *command,
            const char *path,
            const char *env_var,
            int        *out_status)
{
  g_autoptr(GError) error = NULL;
  OA2BearerToken *token;
  guint shared_mode;
  gsize len;
  char *text;

  if (env_var != NULL)
    {
      const char *value = g_getenv (env_var);

      if (value == NULL || *value == '\0')
        {
          /* Translators: %s is the name of an environment variable */
          *out_status = tool_usage_error (command, _("The environment variable %s is not set"), env_var);
          return NULL;
        }
      token = oa2_bearer_token_new (value, NULL, &error);
    }
  else
    {
      text = tool_read_input (path, &len, &shared_mode, &error);
      if (text == NULL)
        {
          *out_status = tool_usage_error (command, "%s", error->message);
          return NULL;
        }
      token = oa2_bearer_token_new_from_json (text, &error);
      tool_secret_free (text);
    }
  if (token == NULL)
    *out_status = tool_report_error (error);
  return token;
}

int
tool_userinfo_main (int    argc,
                    char **argv)
{
  const char *command = "oa2 userinfo";
  g_autofree char *token_file = NULL;
  g_autofree char *token_env = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *signed_alg = NULL;
  const GOptionEntry entries[] = {
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file,
      N_("Read the token stored by “oa2 token --output” from this file (“-”: standard input)"), N_("FILE") },
    { "access-token-env", 0, 0, G_OPTION_ARG_STRING, &token_env,
      N_("Read a bare access token (Bearer) from this environment variable"), N_("VAR") },
    { "userinfo-endpoint", 0, 0, G_OPTION_ARG_STRING, &endpoint,
      N_("The provider’s UserInfo endpoint"), N_("URI") },
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &issuer,
      N_("Discover the UserInfo endpoint from this OpenID provider’s metadata"), N_("URI") },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &client_id,
      N_("The client identifier, which a signed response’s “aud” must contain"), N_("ID") },
    { "signed-alg", 0, 0, G_OPTION_ARG_STRING, &signed_alg,
      N_("Expect a response signed with this algorithm (needs --issuer and --client-id)"), N_("ALG") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2PublicApp) auth = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(JsonObject) claims = NULL;
  g_autoptr(JsonNode) node = NULL;
  int status;

  context = tool_option_context_new (command, NULL,
                                     _("Ask an OpenID provider’s UserInfo endpoint for the claims about the\n"
                                       "user a token was issued to, and print them as JSON. A DPoP-bound token\n"
                                       "is sent with a fresh proof. When the stored token carries an ID token,\n"
                                       "the response must be about the same subject (“sub”)."),
                                     _("The token is read from a file, standard input or an environment\n"
                                       "variable, never from the command line, where other users of the\n"
                                       "machine could read it.\n"
                                       "\n"
                                       "Exit status: 0 on success; 1 when the provider refuses the token or\n"
                                       "the response is refused; 2 on a usage error."),
                                     entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return tool_usage_error (command, "%s", error->message);
  if (argc > 1)
    return tool_usage_error (command, "%s",
                             _("The token is not taken from the command line: use --token-file or "
                               "--access-token-env"));
  if ((token_file != NULL) == (token_env != NULL))
    return tool_usage_error (command, "%s", _("Give the token with exactly one of --token-file and --access-token-env"));
  if (endpoint == NULL && issuer == NULL)
    return tool_usage_error (command, "%s", _("Give --userinfo-endpoint or --issuer"));
  if (signed_alg != NULL && (issuer == NULL || client_id == NULL))
    return tool_usage_error (command, "%s", _("--signed-alg needs --issuer and --client-id"));

  auth = oa2_public_app_new (client_id != NULL ? client_id : "oa2");
  if (endpoint == NULL)
    {
      client = oa2_client_new_from_issuer (issuer, OA2_DISCOVERY_KIND_OPENID, OA2_CLIENT_AUTH (auth), NULL, NULL,
                                           &error);
      if (client == NULL)
        return tool_report_error (error);
      if (oa2_client_get_userinfo_endpoint (client) == NULL)
        return tool_usage_error (command, "%s", _("The provider’s metadata names no UserInfo endpoint"));
    }
  else
    client = g_object_new (OA2_TYPE_CLIENT, "userinfo-endpoint", endpoint, "issuer", issuer,
                           "client-auth", auth, NULL);
  oa2_client_set_userinfo_signed_response_alg (client, signed_alg);

  token = load_token (command, token_file, token_env, &status);
  if (token == NULL)
    return status;
  claims = oa2_client_userinfo (client, token, NULL, &error);
  if (claims == NULL)
    return tool_report_error (error);

  node = json_node_init_object (json_node_alloc (), claims);
  tool_print_json (node, FALSE);
  return TOOL_EXIT_OK;
}
