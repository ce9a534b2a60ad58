/* oa2-jwk.c: "oa2 jwk": generate JSON Web Keys, compute their thumbprints,
 * extract their public halves
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Also the key loading that "oa2 jwt" shares: a JWK, a JWK Set, or a key
 * or certificate in PEM, from a file or standard input. A file that holds a
 * private key and that other users can read is refused: unlike a client
 * secret for one debugging session, a signing key is long-lived, and
 * whoever reads it can sign as its owner.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "oa2-tool.h"

/* ------------------------------------------------------------------------ */
/* Loading keys (shared with oa2-jwt.c) */

static gboolean
looks_like_json (const char *text)
{
  while (g_ascii_isspace (*text))
    text++;
  return *text == '{';
}

static int
refuse_shared_private_key (const char *command,
                           const char *path,
                           guint       mode)
{
  return tool_usage_error (command,
                           /* Translators: %s is a file name, %04o its permission bits in octal; “chmod 600” is a command */
                           _("%s holds a private key and is accessible to other users (mode %04o); "
                             "chmod 600 it first"),
                           path, mode);
}

/* What was read from a key file, which may be a private key. */
typedef struct {
  char  *text;
  gsize  len;
  guint  shared_mode;
} KeyInput;

static gboolean
key_input_read (const char *command,
                const char *path,
                KeyInput   *input,
                int        *out_status)
{
  g_autoptr(GError) error = NULL;

  input->text = tool_read_input (path, &input->len, &input->shared_mode, &error);
  if (input->text == NULL)
    {
      *out_status = tool_usage_error (command, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static void
key_input_clear (KeyInput *input)
{
  if (input->text != NULL)
    tool_secret_wipe (input->text, input->len);
  g_clear_pointer (&input->text, g_free);
}

/* Whether the text is a JSON object with "keys", a JWK Set; and how long
 * that array is, to tell how many keys the library left out. */
static gboolean
is_key_set (const char *text,
            guint      *out_n_listed)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root, *keys;

  *out_n_listed = 0;
  if (!looks_like_json (text))
    return FALSE;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  keys = json_object_get_member (json_node_get_object (root), "keys");
  if (keys == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (keys))
    *out_n_listed = json_array_get_length (json_node_get_array (keys));
  return TRUE;
}

static OA2Jwk *
jwk_from_input (const char *command,
                const char *path,
                KeyInput   *input,
                int        *out_status)
{
  g_autoptr(GError) error = NULL;
  OA2Jwk *key;

  key = looks_like_json (input->text) ? oa2_jwk_new_from_json (input->text, &error)
                                      : oa2_jwk_new_from_pem (input->text, &error);
  if (key == NULL)
    {
      /* Translators: %s is a file name or “standard input”; the library’s explanation follows on the next lines */
      g_printerr (_("oa2: cannot use the key in %s\n"), tool_input_name (path));
      *out_status = tool_report_error (error);
      return NULL;
    }
  if (input->shared_mode != 0 && oa2_jwk_is_private (key))
    {
      g_object_unref (key);
      *out_status = refuse_shared_private_key (command, path, input->shared_mode);
      return NULL;
    }
  *out_status = TOOL_EXIT_OK;
  return key;
}

static OA2Jwks *
jwks_from_input (const char *command,
                 const char *path,
                 KeyInput   *input,
                 int        *out_status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwks) jwks = NULL;
  guint n_listed = 0, n_keys;

  jwks = oa2_jwks_new_from_json (input->text, &error);
  if (jwks == NULL)
    {
      /* Translators: %s is a file name or “standard input”; the library’s explanation follows on the next lines */
      g_printerr (_("oa2: cannot use the key set in %s\n"), tool_input_name (path));
      *out_status = tool_report_error (error);
      return NULL;
    }

  n_keys = oa2_jwks_get_n_keys (jwks);
  for (guint i = 0; i < n_keys; i++)
    if (input->shared_mode != 0 && oa2_jwk_is_private (oa2_jwks_get_key (jwks, i)))
      {
        *out_status = refuse_shared_private_key (command, path, input->shared_mode);
        return NULL;
      }
  is_key_set (input->text, &n_listed);
  if (n_listed > n_keys)
    /* Translators: %s is a file name or “standard input”; the numbers are numbers of keys */
    g_printerr (_("oa2: warning: %s: %u of its %u keys cannot be used and were left out "
                  "(G_MESSAGES_DEBUG=OA2 shows why)\n"),
                tool_input_name (path), n_listed - n_keys, n_listed);

  *out_status = TOOL_EXIT_OK;
  return g_steal_pointer (&jwks);
}

OA2Jwk *
tool_load_jwk (const char *command,
               const char *path,
               int        *out_status)
{
  KeyInput input = { 0 };
  OA2Jwk *key;

  if (!key_input_read (command, path, &input, out_status))
    return NULL;
  key = jwk_from_input (command, path, &input, out_status);
  key_input_clear (&input);
  return key;
}

OA2Jwks *
tool_load_jwks (const char *command,
                const char *path,
                int        *out_status)
{
  KeyInput input = { 0 };
  OA2Jwks *jwks;

  if (!key_input_read (command, path, &input, out_status))
    return NULL;
  jwks = jwks_from_input (command, path, &input, out_status);
  key_input_clear (&input);
  return jwks;
}

/* ------------------------------------------------------------------------ */
/* Shared texts */

static const char *
keys_description (void)
{
  return _("A key is read from a file, or from standard input with “-”: a JWK\n"
           "(RFC 7517), or a key or certificate in PEM (PKCS #1, PKCS #8, SPKI,\n"
           "X.509). A file that holds a private key must be accessible to its owner\n"
           "only (chmod 600); oa2 refuses it otherwise. Private keys are printed\n"
           "only by “generate --private”.\n"
           "\n"
           "Exit status: 0 on success; 1 when the library refuses the key (the error\n"
           "domain, code and message follow on standard error); 2 on a usage error,\n"
           "including a file that cannot be read or is refused.");
}

static gboolean
parse_one_argument (GOptionContext *context,
                    const char     *command,
                    const char     *missing,
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
  if (*argc < 2)
    {
      *out_status = tool_usage_error (command, "%s", missing);
      return FALSE;
    }
  if (*argc > 2)
    {
      /* Translators: %s is a command-line argument */
      *out_status = tool_usage_error (command, _("Unexpected argument “%s”"), (*argv)[2]);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* oa2 jwk generate ALG [--private] */

static int
generate_main (int    argc,
               char **argv)
{
  const char *command = "oa2 jwk generate";
  gboolean with_private = FALSE;
  const GOptionEntry entries[] = {
    { "private", 0, 0, G_OPTION_ARG_NONE, &with_private,
      N_("Print the private key instead of the public one (with a warning)"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) key = NULL;
  g_autoptr(OA2Jwk) public_key = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *description = NULL;
  int status;

  description = g_strdup_printf ("%s\n\n%s",
                                 _("Algorithms:\n"
                                   "  RS256 RS384 RS512 PS256 PS384 PS512   RSA, 2048 bits\n"
                                   "  ES256 ES384 ES512                     EC on P-256, P-384, P-521\n"
                                   "  EdDSA Ed25519                         Ed25519\n"
                                   "  Ed448                                 Ed448\n"
                                   "  HS256 HS384 HS512                     symmetric, as long as the hash\n"
                                   "  RSA-OAEP RSA-OAEP-256                 RSA, 2048 bits, for encryption\n"
                                   "  ECDH-ES ECDH-ES+A128KW ECDH-ES+A192KW ECDH-ES+A256KW\n"
                                   "                                        EC on P-256, for encryption\n"
                                   "  A128KW A192KW A256KW                  symmetric AES key wrap\n"
                                   "\n"
                                   "The key gets its “alg”, its “use” (sig or enc) and, as its “kid”, its\n"
                                   "RFC 7638 thumbprint. Symmetric keys have no public half: they need\n"
                                   "--private. To keep a private key, write it to a file only you can read:\n"
                                   "  (umask 077; oa2 jwk generate ES256 --private > key.jwk)\n"
                                   "and publish “oa2 jwk public key.jwk”."),
                                 keys_description ());
  context = tool_option_context_new (command, _("ALG"),
                                     _("Generate a new key for the algorithm ALG and print it as a JWK: its\n"
                                       "public half, or with --private the whole key."),
                                     description, entries);
  if (!parse_one_argument (context, command, _("Give the algorithm of the key, such as ES256"),
                           &argc, &argv, &status))
    return status;

  key = oa2_jwk_generate (argv[1], &error);
  if (key == NULL)
    {
      /* An algorithm name the user mistyped is a usage error. */
      if (g_error_matches (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM))
        return tool_usage_error (command, "%s", error->message);
      return tool_report_error (error);
    }

  if (!with_private)
    {
      public_key = oa2_jwk_dup_public (key);
      if (public_key == NULL)
        return tool_usage_error (command,
                                 /* Translators: %s is an algorithm such as HS256; --private is an option */
                                 _("A key for %s is symmetric and has no public half; add --private to print it"),
                                 argv[1]);
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (node, oa2_jwk_to_json_object (public_key, FALSE));
      tool_print_json (node, FALSE);
    }
  else
    {
      g_printerr (_("oa2: warning: standard output holds a private key; keep it in a file only you can read\n"));
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (node, oa2_jwk_to_json_object (key, TRUE));
      tool_print_json (node, TRUE);
    }
  return TOOL_EXIT_OK;
}

/* ------------------------------------------------------------------------ */
/* oa2 jwk thumbprint FILE|- [--uri] */

static int
thumbprint_main (int    argc,
                 char **argv)
{
  const char *command = "oa2 jwk thumbprint";
  gboolean as_uri = FALSE;
  const GOptionEntry entries[] = {
    { "uri", 0, 0, G_OPTION_ARG_NONE, &as_uri,
      N_("Print the thumbprint as a URI (RFC 9278)"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(OA2Jwk) key = NULL;
  g_autofree char *thumbprint = NULL;
  int status;

  context = tool_option_context_new (command, _("FILE|-"),
                                     _("Print the RFC 7638 thumbprint of a key: the base64url SHA-256 of its\n"
                                       "required members, the same for a private key and its public half.\n"
                                       "With --uri, print it as urn:ietf:params:oauth:jwk-thumbprint:sha-256:…\n"
                                       "(RFC 9278)."),
                                     keys_description (), entries);
  if (!parse_one_argument (context, command, _("Give the key file, or “-” for standard input"),
                           &argc, &argv, &status))
    return status;

  key = tool_load_jwk (command, argv[1], &status);
  if (key == NULL)
    return status;
  thumbprint = as_uri ? oa2_jwk_dup_thumbprint_uri (key) : oa2_jwk_dup_thumbprint (key);
  g_print ("%s\n", thumbprint);
  return TOOL_EXIT_OK;
}

/* ------------------------------------------------------------------------ */
/* oa2 jwk public FILE|- */

static int
public_main (int    argc,
             char **argv)
{
  const char *command = "oa2 jwk public";
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(JsonNode) node = NULL;
  KeyInput input = { 0 };
  guint n_listed;
  int status;

  context = tool_option_context_new (command, _("FILE|-"),
                                     _("Print the public half of a key as a JWK, with the key’s “kid”, “alg”\n"
                                       "and “use”. A PEM key or certificate becomes a JWK whose “kid” is its\n"
                                       "thumbprint. Given a JWK Set (an object with “keys”), print the set of\n"
                                       "the public halves, leaving out symmetric keys: what a client publishes\n"
                                       "at its jwks_uri."),
                                     keys_description (), NULL);
  if (!parse_one_argument (context, command, _("Give the key file, or “-” for standard input"),
                           &argc, &argv, &status))
    return status;

  if (!key_input_read (command, argv[1], &input, &status))
    return status;

  if (is_key_set (input.text, &n_listed))
    {
      g_autoptr(OA2Jwks) jwks = jwks_from_input (command, argv[1], &input, &status);
      g_autofree char *json = NULL;
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();

      key_input_clear (&input);
      if (jwks == NULL)
        return status;
      json = oa2_jwks_to_json (jwks, FALSE);
      if (!json_parser_load_from_data (parser, json, -1, NULL))
        g_assert_not_reached ();
      tool_print_json (json_parser_get_root (parser), FALSE);
    }
  else
    {
      g_autoptr(OA2Jwk) key = jwk_from_input (command, argv[1], &input, &status);
      g_autoptr(OA2Jwk) public_key = NULL;

      key_input_clear (&input);
      if (key == NULL)
        return status;
      public_key = oa2_jwk_dup_public (key);
      if (public_key == NULL)
        {
          g_printerr (_("oa2: the key is symmetric (kty “oct”): it has no public half\n"));
          return TOOL_EXIT_FAILURE;
        }
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (node, oa2_jwk_to_json_object (public_key, FALSE));
      tool_print_json (node, FALSE);
    }
  return TOOL_EXIT_OK;
}

/* ------------------------------------------------------------------------ */
/* oa2 jwk COMMAND */

static const ToolSubcommand jwk_commands[] = {
  { "generate", N_("Generate a key for an algorithm; print its public half (or, with --private, all of it)"),
    generate_main },
  { "thumbprint", N_("Print the RFC 7638 thumbprint of a key (--uri: as an RFC 9278 URI)"), thumbprint_main },
  { "public", N_("Print the public half of a key or of a key set"), public_main },
};

int
tool_jwk_main (int    argc,
               char **argv)
{
  return tool_dispatch ("oa2 jwk",
                        _("Generate JSON Web Keys (RFC 7517), compute their thumbprints (RFC 7638)\n"
                          "and extract their public halves."),
                        keys_description (),
                        jwk_commands, G_N_ELEMENTS (jwk_commands), argc, argv);
}
