/* oa2-dpop.c: "oa2 dpop": DPoP proofs (RFC 9449)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "oa2-tool.h"

static int run_proof (const char          *command,
                      int                  argc,
                      char               **argv,
                      const char          *key_path,
                      const char          *generate_alg,
                      const char          *alg,
                      const char          *method,
                      const char          *url,
                      const char          *token_env,
                      const char          *token_path,
                      const char          *nonce,
                      ToolTokenKeyOptions *token_key);

static int
proof_main (int    argc,
            char **argv)
{
  const char *command = "oa2 dpop proof";
  g_autofree char *key_path = NULL;
  g_autofree char *generate_alg = NULL;
  g_autofree char *alg = NULL;
  g_autofree char *method = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token_env = NULL;
  g_autofree char *token_path = NULL;
  g_autofree char *nonce = NULL;
  ToolTokenKeyOptions token_key = { 0 };
  const GOptionEntry entries[] = {
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key_path,
      N_("Sign with this private key: a JWK or a PEM key (“-”: standard input), or a pkcs11: URI of a key in a token"),
      N_("FILE|URI") },
    { "pin-env", 0, 0, G_OPTION_ARG_STRING, &token_key.pin_env,
      N_("With --key pkcs11:…, read the token’s PIN from this environment variable"), N_("VAR") },
    { "pin-file", 0, 0, G_OPTION_ARG_FILENAME, &token_key.pin_file,
      N_("With --key pkcs11:…, read the token’s PIN from this file (“-”: standard input)"), N_("PATH") },
    { "pkcs11-module", 0, 0, G_OPTION_ARG_FILENAME, &token_key.module,
      N_("With --key pkcs11:…, the PKCS#11 module to load instead of p11-kit’s configured ones"), N_("PATH") },
    { "generate", 0, 0, G_OPTION_ARG_STRING, &generate_alg,
      N_("Sign with a new key for ALG, which is then forgotten"), N_("ALG") },
    { "alg", 0, 0, G_OPTION_ARG_STRING, &alg,
      N_("The algorithm of a --key (default: the key’s “alg”)"), N_("ALG") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &method,
      N_("The HTTP method of the request (required)"), N_("METHOD") },
    { "url", 0, 0, G_OPTION_ARG_STRING, &url,
      N_("The URL of the request (required)"), N_("URL") },
    { "access-token-env", 0, 0, G_OPTION_ARG_STRING, &token_env,
      N_("Bind the proof to the access token in this environment variable (ath)"), N_("VAR") },
    { "access-token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_path,
      N_("Bind the proof to the access token in this file (ath; “-”: standard input)"), N_("FILE") },
    { "nonce", 0, 0, G_OPTION_ARG_STRING, &nonce,
      N_("The server’s DPoP-Nonce"), N_("NONCE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  context = tool_option_context_new (command, NULL,
                                     _("Sign a DPoP proof (RFC 9449) for one request and print it. The proof\n"
                                       "is a credential for that request: pass it on, never log it."),
                                     _("The proof's header holds typ (dpop+jwt), alg and the public key; its\n"
                                       "claims a random jti, htm, htu (the URL without query and fragment),\n"
                                       "iat and, when given, ath and nonce. No private key is printed.\n"
                                       "\n"
                                       "Exit status: 0 on success; 1 when the key is refused (the error\n"
                                       "domain, code and message follow on standard error); 2 on a usage\n"
                                       "error, including a method, URL or nonce that is refused."),
                                     entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      tool_token_key_options_clear (&token_key);
      return tool_usage_error (command, "%s", error->message);
    }
  status = run_proof (command, argc, argv, key_path, generate_alg, alg, method, url, token_env, token_path,
                      nonce, &token_key);
  tool_token_key_options_clear (&token_key);
  return status;
}

/* The checks and the proof, once the options are parsed. */
static int
run_proof (const char          *command,
           int                  argc,
           char               **argv,
           const char          *key_path,
           const char          *generate_alg,
           const char          *alg,
           const char          *method,
           const char          *url,
           const char          *token_env,
           const char          *token_path,
           const char          *nonce,
           ToolTokenKeyOptions *token_key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPKey) key = NULL;
  char *access_token = NULL;
  char *proof;
  int status;

  if (argc > 1)
    /* Translators: %s is a command-line argument */
    return tool_usage_error (command, _("Unexpected argument “%s”"), argv[1]);
  if ((key_path == NULL) == (generate_alg == NULL))
    return tool_usage_error (command, "%s", _("Give exactly one of --key and --generate"));
  if (generate_alg != NULL && alg != NULL)
    return tool_usage_error (command, "%s", _("--alg goes with --key; --generate names the algorithm"));
  if (method == NULL || url == NULL)
    return tool_usage_error (command, "%s", _("--method and --url are required"));
  if (token_env != NULL && token_path != NULL)
    return tool_usage_error (command, "%s", _("Give at most one of --access-token-env and --access-token-file"));
  if (key_path != NULL && token_path != NULL && strcmp (key_path, "-") == 0 && strcmp (token_path, "-") == 0)
    return tool_usage_error (command, "%s", _("Only one input can come from standard input"));
  if (tool_token_key_options_given (token_key) && !tool_is_token_uri (key_path))
    return tool_usage_error (command, "%s", _("--pin-env, --pin-file and --pkcs11-module go with --key pkcs11:…"));
  if (g_strcmp0 (token_key->pin_file, "-") == 0 && g_strcmp0 (token_path, "-") == 0)
    return tool_usage_error (command, "%s", _("Only one input can come from standard input"));

  if (key_path != NULL)
    {
      g_autoptr(OA2Jwk) jwk = tool_is_token_uri (key_path)
                              ? tool_load_token_key (token_key, command, key_path, &status)
                              : tool_load_jwk (command, key_path, &status);

      if (jwk == NULL)
        return status;
      key = oa2_dpop_key_new (jwk, alg, &error);
    }
  else
    key = oa2_dpop_key_generate (generate_alg, &error);
  if (key == NULL)
    return tool_report_error (error);

  if (token_env != NULL || token_path != NULL)
    {
      access_token = tool_read_secret (token_env, token_path, _("the access token"), &error);
      if (access_token == NULL)
        return tool_usage_error (command, "%s", error->message);
    }
  proof = oa2_dpop_key_make_proof (key, method, url, access_token, nonce, &error);
  tool_secret_free (access_token);
  if (proof == NULL)
    return tool_report_error (error);
  g_print ("%s\n", proof);
  tool_secret_free (proof);
  return TOOL_EXIT_OK;
}

static const ToolSubcommand dpop_commands[] = {
  { "proof", N_("Sign a DPoP proof for a request; print it"), proof_main },
};

int
tool_dpop_main (int    argc,
                char **argv)
{
  return tool_dispatch ("oa2 dpop",
                        _("Demonstrate proof of possession of a key (DPoP, RFC 9449)."),
                        NULL, dpop_commands, G_N_ELEMENTS (dpop_commands), argc, argv);
}
