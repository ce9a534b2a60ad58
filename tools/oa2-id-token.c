/* oa2-id-token.c: "oa2 id-token validate": an OpenID Connect ID token
 * checked as the library checks those of token responses
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "oa2-tool.h"

/* The token from --token-file (or "-"), --token-env, else standard input:
 * never from the command line, which other users of the machine can read
 * (ps). NULL with *out_status set on failure. */
static char *
read_id_token (const char *command,
               const char *path,
               const char *env_var,
               int        *out_status)
{
  g_autoptr(GError) error = NULL;
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
      text = g_strdup (value);
    }
  else
    {
      text = tool_read_input (path != NULL ? path : "-", &len, &shared_mode, &error);
      if (text == NULL)
        {
          *out_status = tool_usage_error (command, "%s", error->message);
          return NULL;
        }
    }
  g_strstrip (text);
  if (*text == '\0')
    {
      tool_secret_free (text);
      *out_status = tool_usage_error (command, "%s", _("No ID token was given"));
      return NULL;
    }
  return text;
}

static int
validate_main (int    argc,
               char **argv)
{
  const char *command = "oa2 id-token validate";
  g_autofree char *token_file = NULL;
  g_autofree char *token_env = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *jwks_uri = NULL;
  g_autofree char *jwks_path = NULL;
  g_autofree char *nonce = NULL;
  g_autofree char *alg = NULL;
  gint64 max_age = -1;
  int leeway = OA2_CLIENT_DEFAULT_ID_TOKEN_LEEWAY;
  const GOptionEntry entries[] = {
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file,
      N_("Read the ID token from this file (default, or “-”: standard input)"), N_("FILE") },
    { "token-env", 0, 0, G_OPTION_ARG_STRING, &token_env,
      N_("Read the ID token from this environment variable"), N_("VAR") },
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &issuer,
      N_("The provider’s issuer identifier, which “iss” must be (required)"), N_("URI") },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &client_id,
      N_("The client identifier, which “aud” must contain (required)"), N_("ID") },
    { "jwks-uri", 0, 0, G_OPTION_ARG_STRING, &jwks_uri,
      N_("Fetch the provider’s keys from this URI"), N_("URI") },
    { "jwks", 0, 0, G_OPTION_ARG_FILENAME, &jwks_path,
      N_("Use the provider’s keys of this JWK Set file"), N_("FILE") },
    { "nonce", 0, 0, G_OPTION_ARG_STRING, &nonce,
      N_("The nonce the authorization request sent, which “nonce” must be"), N_("NONCE") },
    { "max-age", 0, 0, G_OPTION_ARG_INT64, &max_age,
      N_("The max_age the authorization request sent: “auth_time” must be this recent"), N_("SECONDS") },
    { "alg", 0, 0, G_OPTION_ARG_STRING, &alg,
      N_("The one signature algorithm to accept (default: RS256)"), N_("ALG") },
    { "leeway", 0, 0, G_OPTION_ARG_INT, &leeway,
      N_("Tolerate this much clock skew, at most 600 (default: 60)"), N_("SECONDS") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2PublicApp) auth = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2Jwks) jwks = NULL;
  g_autoptr(OA2IdToken) id_token = NULL;
  g_autoptr(JsonNode) claims = NULL;
  char *token;
  int status;

  context = tool_option_context_new (command, NULL,
                                     _("Validate an OpenID Connect ID token as the library validates those of\n"
                                       "token responses: the signature with the provider’s keys and one\n"
                                       "algorithm (never “none”), then “iss”, “sub”, “aud”, “azp”, “exp”,\n"
                                       "“iat”, “nbf”, and “nonce” and “auth_time” when asked for. When all of\n"
                                       "it passes, print the claims as JSON; otherwise print the precise error\n"
                                       "and exit with 1."),
                                     _("The token is read from a file, standard input or an environment\n"
                                       "variable, never from the command line, where other users of the\n"
                                       "machine could read it. HMAC-signed ID tokens (keyed with a client\n"
                                       "secret) are not supported here.\n"
                                       "\n"
                                       "Exit status: 0 when the token is valid; 1 when it is refused or the\n"
                                       "keys cannot be fetched; 2 on a usage error."),
                                     entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return tool_usage_error (command, "%s", error->message);
  if (argc > 1)
    return tool_usage_error (command, "%s",
                             _("The ID token is not taken from the command line: use --token-file, "
                               "--token-env or standard input"));
  if (issuer == NULL || client_id == NULL || *client_id == '\0')
    return tool_usage_error (command, "%s", _("--issuer and --client-id are required"));
  if ((jwks_uri != NULL) == (jwks_path != NULL))
    return tool_usage_error (command, "%s", _("Give the provider’s keys with exactly one of --jwks-uri and --jwks"));
  if (token_file != NULL && token_env != NULL)
    return tool_usage_error (command, "%s", _("Give the token with at most one of --token-file and --token-env"));
  if (leeway < 0 || leeway > 600)
    return tool_usage_error (command, "%s", _("--leeway must be between 0 and 600"));
  if (alg != NULL && (strcmp (alg, "none") == 0 || g_str_has_prefix (alg, "HS")))
    return tool_usage_error (command, "%s", _("--alg must be a public-key signature algorithm"));
  if (g_strcmp0 (jwks_path, "-") == 0 && token_env == NULL &&
      (token_file == NULL || strcmp (token_file, "-") == 0))
    return tool_usage_error (command, "%s", _("Only one input can come from standard input"));

  if (jwks_path != NULL)
    {
      jwks = tool_load_jwks (command, jwks_path, &status);
      if (jwks == NULL)
        return status;
    }

  auth = oa2_public_app_new (client_id);
  client = g_object_new (OA2_TYPE_CLIENT, "issuer", issuer, "client-auth", auth, "jwks-uri", jwks_uri,
                         "server-jwks", jwks, "id-token-signed-response-alg", alg,
                         "id-token-leeway", (guint) leeway, NULL);

  token = read_id_token (command, token_file, token_env, &status);
  if (token == NULL)
    return status;
  id_token = oa2_client_validate_id_token (client, token, nonce, max_age < 0 ? -1 : max_age, NULL, &error);
  tool_secret_free (token);
  if (id_token == NULL)
    return tool_report_error (error);

  claims = json_node_init_object (json_node_alloc (), oa2_id_token_get_claims (id_token));
  tool_print_json (claims, FALSE);
  return TOOL_EXIT_OK;
}

static const ToolSubcommand id_token_commands[] = {
  { "validate", N_("Validate an ID token; print its claims if valid"), validate_main },
};

int
tool_id_token_main (int    argc,
                    char **argv)
{
  return tool_dispatch ("oa2 id-token",
                        _("Validate OpenID Connect ID tokens (OpenID Connect Core §3.1.3.7)."),
                        NULL, id_token_commands, G_N_ELEMENTS (id_token_commands), argc, argv);
}
