/* oa2-jwt.c: "oa2 jwt": decode, verify and sign JSON Web Tokens
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * "decode" shows a token without checking it, and says so on standard
 * error; "verify" checks the signature with an allow-list of algorithms,
 * then the claims, and prints the claims only when both pass; "sign" makes
 * a compact JWS (or, with --json, a flattened JWS JSON serialization) from
 * a claims file and a private key. "decode" and "verify" take a compact
 * token or a JSON serialization (RFC 7515 §7.2), told apart by its first
 * character: '{'.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "oa2-tool.h"

/* ------------------------------------------------------------------------ */
/* Shared pieces */

static const char *
tokens_description (void)
{
  return _("A token is given as an argument, or read from standard input with “-”.\n"
           "An argument is visible to other users of the machine (ps): for a token\n"
           "that grants access, prefer “-”. Keys are read as by “oa2 jwk”: a JWK or\n"
           "a PEM key or certificate (--jwk), or a JWK Set (--jwks); a file that\n"
           "holds a private key must be accessible to its owner only (chmod 600).\n"
           "\n"
           "Exit status: 0 on success; 1 when the token, the key, the signature or\n"
           "the claims are refused (the error domain, code and message follow on\n"
           "standard error); 2 on a usage error, including a file that cannot be\n"
           "read or is refused.");
}

/* The compact token from the argument, or from standard input for "-",
 * without surrounding white space; NULL with *out_status set on failure. */
static char *
read_token (const char *command,
            const char *argument,
            int        *out_status)
{
  g_autoptr(GError) error = NULL;
  guint shared_mode;
  gsize len;
  char *text;

  if (strcmp (argument, "-") != 0)
    return g_strdup (argument);

  text = tool_read_input (argument, &len, &shared_mode, &error);
  if (text == NULL)
    {
      *out_status = tool_usage_error (command, "%s", error->message);
      return NULL;
    }
  g_strstrip (text);
  if (*text == '\0')
    {
      g_free (text);
      *out_status = tool_usage_error (command, "%s", _("Standard input holds no token"));
      return NULL;
    }
  return text;
}

/* A token may grant access: wipe it. */
static void
token_free (char *token)
{
  tool_secret_free (token);
}

/* GOptionContext parsing, then exactly @n_positional arguments. */
static gboolean
parse_arguments (GOptionContext *context,
                 const char     *command,
                 const char     *missing,
                 guint           n_positional,
                 int            *argc,
                 char         ***argv,
                 int            *out_status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *out_status = tool_usage_error (command, "%s", error->message);
      return FALSE;
    }
  if ((guint) *argc < n_positional + 1)
    {
      *out_status = tool_usage_error (command, "%s", missing);
      return FALSE;
    }
  if ((guint) *argc > n_positional + 1)
    {
      /* Translators: %s is a command-line argument */
      *out_status = tool_usage_error (command, _("Unexpected argument “%s”"), (*argv)[n_positional + 1]);
      return FALSE;
    }
  return TRUE;
}

/* A JSON serialization starts with '{'; a compact token never does. */
static gboolean
is_json_serialization (const char *token)
{
  return token[0] == '{';
}

/* The tokens of @token: one for a compact token, one per signature of a
 * JSON serialization; NULL with @error set when it does not parse. */
static GPtrArray *
parse_tokens (const char  *token,
              GError     **error)
{
  GPtrArray *jwts;
  OA2Jwt *jwt;

  if (is_json_serialization (token))
    return oa2_jwt_parse_json_serialization (token, error);
  jwt = oa2_jwt_new_from_compact (token, error);
  if (jwt == NULL)
    return NULL;
  jwts = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (jwts, jwt);
  return jwts;
}

/* base64url without padding (RFC 7515 §2), for a payload that is not JSON. */
static char *
base64url_encode (GBytes *bytes)
{
  gsize len;
  const guchar *data = g_bytes_get_data (bytes, &len);
  char *text = g_base64_encode (data, len);
  char *end = strchr (text, '=');

  if (end != NULL)
    *end = '\0';
  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  return text;
}

static void
print_claims (OA2Jwt *jwt)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, oa2_jwt_get_claims (jwt));
  tool_print_json (node, FALSE);
}

/* ------------------------------------------------------------------------ */
/* oa2 jwt decode TOKEN|- */

static int
decode_main (int    argc,
             char **argv)
{
  const char *command = "oa2 jwt decode";
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jwts = NULL;
  g_autoptr(JsonObject) output = NULL;
  g_autoptr(JsonNode) node = NULL;
  OA2Jwt *jwt;
  char *token = NULL;
  int status;

  context = tool_option_context_new (command, _("TOKEN|-"),
                                     _("Print the header and the claims of a signed token (a compact JWS) as\n"
                                       "JSON, WITHOUT verifying it: {\"header\": {…}, \"claims\": {…}}. A payload\n"
                                       "that is not a JSON object is printed as \"payload\", in base64url.\n"
                                       "For a JWS JSON serialization (a token that starts with “{”), print\n"
                                       "{\"signatures\": [{\"protected\": {…}, \"header\": {…}}, …], \"claims\": {…}}:\n"
                                       "each signature’s protected header, which its signature covers, and\n"
                                       "its unprotected header, which it does not.\n"
                                       "Standard error says that the content is UNVERIFIED; use\n"
                                       "“oa2 jwt verify” before trusting any of it."),
                                     tokens_description (), NULL);
  if (!parse_arguments (context, command, _("Give the token, or “-” to read it from standard input"),
                        1, &argc, &argv, &status))
    return status;

  token = read_token (command, argv[1], &status);
  if (token == NULL)
    return status;
  jwts = parse_tokens (token, &error);
  if (jwts == NULL)
    {
      token_free (token);
      return tool_report_error (error);
    }
  jwt = jwts->pdata[0];

  output = json_object_new ();
  if (!is_json_serialization (token))
    json_object_set_object_member (output, "header", json_object_ref (oa2_jwt_get_header (jwt)));
  else
    {
      JsonArray *signatures = json_array_new ();

      for (guint i = 0; i < jwts->len; i++)
        {
          JsonObject *protected_header = oa2_jwt_get_protected_header (jwts->pdata[i]);
          JsonObject *unprotected_header = oa2_jwt_get_unprotected_header (jwts->pdata[i]);
          JsonObject *signature = json_object_new ();

          if (json_object_get_size (protected_header) > 0)
            json_object_set_object_member (signature, "protected", json_object_ref (protected_header));
          if (unprotected_header != NULL)
            json_object_set_object_member (signature, "header", json_object_ref (unprotected_header));
          json_array_add_object_element (signatures, signature);
        }
      json_object_set_array_member (output, "signatures", signatures);
    }
  if (oa2_jwt_get_claims (jwt) != NULL)
    json_object_set_object_member (output, "claims", json_object_ref (oa2_jwt_get_claims (jwt)));
  else
    {
      g_autofree char *payload = base64url_encode (oa2_jwt_get_payload (jwt));

      json_object_set_string_member (output, "payload", payload);
    }
  token_free (token);

  g_printerr (_("oa2: UNVERIFIED: the signature was not checked; do not trust this content "
                "(“oa2 jwt verify” checks it)\n"));
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, output);
  tool_print_json (node, FALSE);
  return TOOL_EXIT_OK;
}

/* ------------------------------------------------------------------------ */
/* oa2 jwt verify TOKEN|- (--jwk FILE | --jwks FILE) [OPTION…] */

static int
verify_main (int    argc,
             char **argv)
{
  const char *command = "oa2 jwt verify";
  g_autofree char *jwk_path = NULL;
  g_autofree char *jwks_path = NULL;
  g_auto(GStrv) algs = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *audience = NULL;
  g_autofree char *typ = NULL;
  int leeway = 0;
  gboolean try_all_keys = FALSE;
  const GOptionEntry entries[] = {
    { "jwk", 0, 0, G_OPTION_ARG_FILENAME, &jwk_path,
      N_("Verify with this key: a JWK or a PEM key or certificate (“-”: standard input)"), N_("FILE") },
    { "jwks", 0, 0, G_OPTION_ARG_FILENAME, &jwks_path,
      N_("Verify with the key of this JWK Set that the token names (“-”: standard input)"), N_("FILE") },
    { "alg", 0, 0, G_OPTION_ARG_STRING_ARRAY, &algs,
      N_("Accept this signature algorithm; repeatable (default: any the key fits, never “none”)"), N_("ALG") },
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &issuer,
      N_("Require this “iss” claim"), N_("ISS") },
    { "audience", 0, 0, G_OPTION_ARG_STRING, &audience,
      N_("Require this value in the “aud” claim"), N_("AUD") },
    { "leeway", 0, 0, G_OPTION_ARG_INT, &leeway,
      N_("Tolerate this much clock skew in “exp”, “nbf” and “iat” (default: 0)"), N_("SECONDS") },
    { "typ", 0, 0, G_OPTION_ARG_STRING, &typ,
      N_("Require this “typ” header, such as JWT or dpop+jwt"), N_("TYP") },
    { "try-all-keys", 0, 0, G_OPTION_ARG_NONE, &try_all_keys,
      N_("With --jwks, when several keys fit and the token names none, try each instead of refusing"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jwts = NULL;
  g_autoptr(OA2Jwk) key = NULL;
  g_autoptr(OA2Jwks) jwks = NULL;
  OA2Jwt *jwt = NULL;
  const char * const *allowed_algs;
  char *token = NULL;
  gboolean valid;
  int status;

  context = tool_option_context_new (command, _("TOKEN|-"),
                                     _("Verify a signed token with a key or a key set, then check its claims:\n"
                                       "not expired (“exp”), already valid (“nbf”), not issued in the future\n"
                                       "(“iat”), and the issuer and audience when asked for. When all of it\n"
                                       "passes, print the claims as JSON; otherwise print why, and exit with 1.\n"
                                       "\n"
                                       "Unsigned tokens (alg “none”) are always refused, and so is a key that\n"
                                       "does not fit the token’s algorithm, such as an HMAC algorithm with a\n"
                                       "public key. With --jwks, the key is the one the token names (“kid”),\n"
                                       "else the one key of the set that fits; when several fit, oa2 refuses\n"
                                       "to guess unless --try-all-keys is given.\n"
                                       "\n"
                                       "A JWS JSON serialization (a token that starts with “{”) is valid when\n"
                                       "one of its signatures verifies; its claims are then checked."),
                                     tokens_description (), entries);
  if (!parse_arguments (context, command, _("Give the token, or “-” to read it from standard input"),
                        1, &argc, &argv, &status))
    return status;

  if ((jwk_path != NULL) == (jwks_path != NULL))
    return tool_usage_error (command, "%s", _("Give the key with exactly one of --jwk and --jwks"));
  if (try_all_keys && jwks_path == NULL)
    return tool_usage_error (command, "%s", _("--try-all-keys goes with --jwks"));
  if (leeway < 0)
    return tool_usage_error (command, "%s", _("--leeway cannot be negative"));
  if (algs != NULL && g_strv_contains ((const char * const *) algs, "none"))
    return tool_usage_error (command, "%s",
                             _("oa2 jwt verify never accepts unsigned tokens; “oa2 jwt decode” shows one"));
  if (strcmp (argv[1], "-") == 0 && (g_strcmp0 (jwk_path, "-") == 0 || g_strcmp0 (jwks_path, "-") == 0))
    return tool_usage_error (command, "%s", _("Only one input can come from standard input"));

  if (jwk_path != NULL)
    key = tool_load_jwk (command, jwk_path, &status);
  else
    jwks = tool_load_jwks (command, jwks_path, &status);
  if (key == NULL && jwks == NULL)
    return status;

  token = read_token (command, argv[1], &status);
  if (token == NULL)
    return status;
  jwts = parse_tokens (token, &error);
  token_free (token);
  if (jwts == NULL)
    return tool_report_error (error);

  /* The first signature that verifies; else the error that says most: a
   * signature that does not verify, rather than a key that does not fit. */
  allowed_algs = (const char * const *) algs;
  valid = FALSE;
  for (guint i = 0; i < jwts->len && !valid; i++)
    {
      g_autoptr(GError) signature_error = NULL;

      if (key != NULL)
        valid = oa2_jwt_verify (jwts->pdata[i], key, allowed_algs, &signature_error);
      else
        valid = oa2_jwt_verify_with_jwks (jwts->pdata[i], jwks, allowed_algs,
                                          try_all_keys ? OA2_JWKS_KEY_POLICY_TRY_ALL : OA2_JWKS_KEY_POLICY_SINGLE,
                                          &signature_error);
      if (valid)
        {
          jwt = jwts->pdata[i];
          g_clear_error (&error);
        }
      else if (error == NULL ||
               (g_error_matches (signature_error, OA2_ERROR, OA2_ERROR_INVALID_SIGNATURE) &&
                !g_error_matches (error, OA2_ERROR, OA2_ERROR_INVALID_SIGNATURE)))
        {
          g_clear_error (&error);
          error = g_steal_pointer (&signature_error);
          if (jwts->len > 1)
            /* Translators: the first %u is a number of signatures, the second the position of one of them, from 1 */
            g_prefix_error (&error, _("None of the %u signatures verifies; signature %u: "), jwts->len, i + 1);
        }
    }
  if (valid && typ != NULL)
    valid = oa2_jwt_check_typ (jwt, typ, &error);
  if (valid)
    valid = oa2_jwt_validate_claims (jwt, issuer, audience, (guint) leeway, &error);
  if (!valid)
    return tool_report_error (error);

  print_claims (jwt);
  return TOOL_EXIT_OK;
}

/* ------------------------------------------------------------------------ */
/* oa2 jwt sign --jwk FILE --claims FILE|- [--alg ALG] [--typ TYP] */

static int
sign_main (int    argc,
           char **argv)
{
  const char *command = "oa2 jwt sign";
  g_autofree char *jwk_path = NULL;
  g_autofree char *claims_path = NULL;
  g_autofree char *alg = NULL;
  g_autofree char *typ = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "jwk", 0, 0, G_OPTION_ARG_FILENAME, &jwk_path,
      N_("Sign with this private key: a JWK or a PEM key (required; “-”: standard input)"), N_("FILE") },
    { "claims", 0, 0, G_OPTION_ARG_FILENAME, &claims_path,
      N_("The claims, a JSON object (required; “-”: standard input)"), N_("FILE") },
    { "alg", 0, 0, G_OPTION_ARG_STRING, &alg,
      N_("The signature algorithm (default: the key’s “alg”)"), N_("ALG") },
    { "typ", 0, 0, G_OPTION_ARG_STRING, &typ,
      N_("The “typ” header, such as JWT"), N_("TYP") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a flattened JWS JSON serialization instead of the compact form"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) key = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonObject) header = NULL;
  char *claims_text;
  char *token;
  guint shared_mode;
  gsize len;
  JsonNode *root;
  int status;

  context = tool_option_context_new (command, NULL,
                                     _("Sign claims with a private key and print the compact token (a JWS).\n"
                                       "The header holds “alg”, the key’s “kid” when it has one, and “typ”\n"
                                       "when --typ is given. The claims are signed as they are: add “exp”,\n"
                                       "“iat”, “iss” or “aud” to the file if the token needs them.\n"
                                       "With --json, print the same signature as a flattened JWS JSON\n"
                                       "serialization: {\"payload\": …, \"protected\": …, \"signature\": …}."),
                                     tokens_description (), entries);
  if (!parse_arguments (context, command, NULL, 0, &argc, &argv, &status))
    return status;

  if (jwk_path == NULL || claims_path == NULL)
    return tool_usage_error (command, "%s", _("--jwk and --claims are required"));
  if (strcmp (jwk_path, "-") == 0 && strcmp (claims_path, "-") == 0)
    return tool_usage_error (command, "%s", _("Only one input can come from standard input"));

  key = tool_load_jwk (command, jwk_path, &status);
  if (key == NULL)
    return status;

  claims_text = tool_read_input (claims_path, &len, &shared_mode, &error);
  if (claims_text == NULL)
    return tool_usage_error (command, "%s", error->message);
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, claims_text, (gssize) len, &error))
    {
      g_free (claims_text);
      /* Translators: the first %s is a file name or “standard input”, the second the JSON parser’s explanation */
      return tool_usage_error (command, _("The claims in %s are not valid JSON: %s"),
                               tool_input_name (claims_path), error->message);
    }
  g_free (claims_text);
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    /* Translators: %s is a file name or “standard input” */
    return tool_usage_error (command, _("The claims in %s are not a JSON object"), tool_input_name (claims_path));

  if (typ != NULL)
    {
      header = json_object_new ();
      json_object_set_string_member (header, "typ", typ);
    }
  if (json)
    {
      g_autofree char *claims_json = json_to_string (root, FALSE);
      g_autoptr(GBytes) payload = g_bytes_new (claims_json, strlen (claims_json));

      token = oa2_jwt_sign_json (payload, key, alg, header, NULL, &error);
    }
  else
    token = oa2_jwt_sign_claims (json_node_get_object (root), key, alg, header, &error);
  if (token == NULL)
    return tool_report_error (error);
  g_print ("%s\n", token);
  token_free (token);
  return TOOL_EXIT_OK;
}

/* ------------------------------------------------------------------------ */
/* oa2 jwt COMMAND */

static const ToolSubcommand jwt_commands[] = {
  { "decode", N_("Print the header and claims of a token, WITHOUT verifying it"), decode_main },
  { "verify", N_("Verify a token’s signature and claims; print the claims if valid"), verify_main },
  { "sign", N_("Sign claims with a private key; print the token"), sign_main },
};

int
tool_jwt_main (int    argc,
               char **argv)
{
  return tool_dispatch ("oa2 jwt",
                        _("Decode, verify and sign JSON Web Tokens (RFC 7519), in compact form or\n"
                          "as JWS JSON serializations (RFC 7515 §7.2)."),
                        tokens_description (),
                        jwt_commands, G_N_ELEMENTS (jwt_commands), argc, argv);
}
