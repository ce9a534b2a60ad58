/* oa2.c: the oa2 command-line tool, for debugging OAuth 2.x servers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Built on the public API of oauth2client-glib only. This file holds the
 * entry point, the command dispatch and the helpers every subcommand shares:
 * usage errors, error reports, reading secrets and input files, and
 * printing JSON.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "oa2-tool.h"

typedef struct {
  const char *name;
  const char *summary;
  int (*main) (int argc, char **argv);
} ToolCommand;

static const ToolCommand commands[] = {
  { "token", N_("Ask a token endpoint for a token, with any grant"), tool_token_main },
  { "authorize", N_("Sign a user in with the authorization code flow and get a token"), tool_authorize_main },
  { "device", N_("Sign a user in on another device with the device flow and get a token"), tool_device_main },
  { "jwk", N_("Generate JSON Web Keys, compute thumbprints, extract public keys"), tool_jwk_main },
  { "jwt", N_("Decode, verify and sign JSON Web Tokens"), tool_jwt_main },
  { "dpop", N_("Sign DPoP proofs of possession for requests"), tool_dpop_main },
  { "discover", N_("Fetch a server’s metadata and print its endpoints"), tool_discover_main },
  { "id-token", N_("Validate OpenID Connect ID tokens"), tool_id_token_main },
  { "userinfo", N_("Ask the UserInfo endpoint for the claims about a token’s user"), tool_userinfo_main },
  { "exchange", N_("Exchange a token for another (RFC 8693)"), tool_exchange_main },
  { "ciba", N_("Have a user approve on their own device, then get the token (OpenID CIBA)"), tool_ciba_main },
  { "revoke", N_("Revoke a token (RFC 7009)"), tool_revoke_main },
  { "introspect", N_("Ask whether a token is active, and what it is for (RFC 7662)"), tool_introspect_main },
  { "api", N_("Call an API with a token that is renewed when it must be"), tool_api_main },
  { "store", N_("Keep tokens in the keyring or in files, and read them back"), tool_store_main },
};

/* ------------------------------------------------------------------------ */
/* Secrets */

void
tool_secret_wipe (gpointer data,
                  gsize    len)
{
  if (data == NULL || len == 0)
    return;
#ifdef HAVE_EXPLICIT_BZERO
  explicit_bzero (data, len);
#else
  {
    volatile guchar *p = data;
    while (len--)
      *p++ = 0;
  }
#endif
}

void
tool_secret_free (char *secret)
{
  if (secret == NULL)
    return;
  tool_secret_wipe (secret, strlen (secret));
  g_free (secret);
}

/* Reads all of standard input; g_file_get_contents() wants a path. */
static gboolean
read_stdin (char   **out_contents,
            gsize   *out_len,
            GError **error)
{
  GByteArray *buffer = g_byte_array_new ();
  guchar chunk[4096];
  size_t n;

  while ((n = fread (chunk, 1, sizeof chunk, stdin)) > 0)
    {
      if (buffer->len + n > 64 * 1024)
        {
          tool_secret_wipe (buffer->data, buffer->len);
          tool_secret_wipe (chunk, sizeof chunk);
          g_byte_array_free (buffer, TRUE);
          g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                               _("Standard input holds more than 64 KiB"));
          return FALSE;
        }
      g_byte_array_append (buffer, chunk, n);
    }
  tool_secret_wipe (chunk, sizeof chunk);

  if (ferror (stdin))
    {
      int saved_errno = errno;

      tool_secret_wipe (buffer->data, buffer->len);
      g_byte_array_free (buffer, TRUE);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: %s is the system’s error message */
                   _("Could not read standard input: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  *out_len = buffer->len;
  g_byte_array_append (buffer, (const guint8 *) "", 1);
  *out_contents = (char *) g_byte_array_free (buffer, FALSE);
  return TRUE;
}

/* A secret in a file others can read is worth a warning, not a refusal:
 * this is a debugging tool. */
static void
warn_if_readable_by_others (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && (st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    /* Translators: %s is a file name, %04o its permission bits in octal; “chmod 600” is a command */
    g_printerr (_("oa2: warning: %s is accessible to other users (mode %04o); chmod 600 it\n"),
                path, (unsigned) (st.st_mode & 07777));
}

char *
tool_read_secret (const char  *env_var,
                  const char  *path,
                  const char  *what,
                  GError     **error)
{
  char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail ((env_var == NULL) != (path == NULL), NULL);

  if (env_var != NULL)
    {
      const char *value = g_getenv (env_var);

      if (value == NULL || *value == '\0')
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       /* Translators: the first %s is an environment variable, the second says which secret, e.g. "the client secret" */
                       _("The environment variable %s, which should hold %s, is not set or empty"),
                       env_var, what);
          return NULL;
        }
      return g_strdup (value);
    }

  if (g_strcmp0 (path, "-") == 0)
    {
      if (!read_stdin (&contents, &len, error))
        return NULL;
    }
  else
    {
      g_autoptr(GError) local_error = NULL;

      if (!g_file_get_contents (path, &contents, &len, &local_error))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       /* Translators: the first %s says which secret, the second is an error message */
                       _("Could not read %s: %s"), what, local_error->message);
          return NULL;
        }
      warn_if_readable_by_others (path);
    }

  if (strlen (contents) != len)
    {
      tool_secret_wipe (contents, len);
      g_free (contents);
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: %s says which secret, e.g. "the client secret" */
                   _("The file with %s contains a NUL byte"), what);
      return NULL;
    }

  /* One trailing line break, as `echo secret > file` leaves. */
  if (len > 0 && contents[len - 1] == '\n')
    contents[--len] = '\0';
  if (len > 0 && contents[len - 1] == '\r')
    contents[--len] = '\0';

  if (len == 0)
    {
      g_free (contents);
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: %s says which secret, e.g. "the client secret" */
                   _("The file with %s is empty"), what);
      return NULL;
    }
  return contents;
}

/* ------------------------------------------------------------------------ */
/* Output */

void
tool_fput_untrusted (FILE       *stream,
                     const char *text)
{
  const char *p = text;
  const char *end;

  if (text == NULL)
    return;
  end = text + strlen (text);

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          fprintf (stream, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if (c == '\\')
        fputs ("\\\\", stream);
      else if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029 ||
               g_unichar_type (c) == G_UNICODE_FORMAT)
        fprintf (stream, c < 0x100 ? "\\x%02x" : "\\u%04x", (unsigned) c);
      else
        fwrite (p, 1, g_utf8_next_char (p) - p, stream);
      p = g_utf8_next_char (p);
    }
}

int
tool_usage_error (const char *command,
                  const char *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("oa2: %s\n", message);
  /* Translators: %s is a command such as "oa2 token client-credentials" */
  g_printerr (_("Try “%s --help” for more information.\n"), command);
  return TOOL_EXIT_USAGE;
}

/* The GType of the enumeration of an error domain, when we know it, to
 * print codes by name. */
static GType
error_enum_type (GQuark domain)
{
  if (domain == OA2_ERROR)
    return OA2_TYPE_ERROR;
  if (domain == OA2_OAUTH_ERROR)
    return OA2_TYPE_OAUTH_ERROR;
  if (domain == G_IO_ERROR)
    return G_TYPE_IO_ERROR_ENUM;
  if (domain == G_TLS_ERROR)
    return G_TYPE_TLS_ERROR;
  if (domain == G_RESOLVER_ERROR)
    return G_TYPE_RESOLVER_ERROR;
  if (domain == SOUP_SESSION_ERROR)
    return SOUP_TYPE_SESSION_ERROR;
  return G_TYPE_INVALID;
}

static void
print_detail (const char *label,
              const char *untrusted_value)
{
  g_printerr ("  %-18s ", label);
  tool_fput_untrusted (stderr, untrusted_value);
  g_printerr ("\n");
}

int
tool_report_error (const GError *error)
{
  GType enum_type = error_enum_type (error->domain);
  const char *code_name = NULL;
  guint http_status;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_printerr (_("oa2: cancelled\n"));
      return TOOL_EXIT_CANCELLED;
    }

  g_printerr ("oa2: ");
  tool_fput_untrusted (stderr, error->message);
  g_printerr ("\n");

  if (enum_type != G_TYPE_INVALID)
    {
      g_autoptr(GEnumClass) enum_class = g_type_class_ref (enum_type);
      GEnumValue *value = g_enum_get_value (enum_class, error->code);

      if (value != NULL)
        code_name = value->value_name;
    }

  print_detail (_("error domain:"), g_quark_to_string (error->domain));
  {
    g_autofree char *code = code_name != NULL ? g_strdup_printf ("%d (%s)", error->code, code_name)
                                              : g_strdup_printf ("%d", error->code);
    print_detail (_("error code:"), code);
  }

  if (error->domain == OA2_OAUTH_ERROR)
    {
      const char *description = oa2_error_get_description (error);
      const char *uri = oa2_error_get_uri (error);

      print_detail (_("server error:"), oa2_error_get_server_code (error));
      print_detail ("error_description:", description != NULL ? description : _("(none)"));
      print_detail ("error_uri:", uri != NULL ? uri : _("(none)"));
    }

  http_status = oa2_error_get_http_status (error);
  if (http_status != 0)
    {
      const char *phrase = soup_status_get_phrase (http_status);
      g_autofree char *status = g_strdup_printf ("%u%s%s", http_status,
                                                 phrase != NULL ? " " : "",
                                                 phrase != NULL ? phrase : "");
      print_detail (_("HTTP status:"), status);
    }

  /* What the caller can fix by changing the command line. */
  if (g_error_matches (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT) ||
      g_error_matches (error, OA2_ERROR, OA2_ERROR_INSECURE_TRANSPORT))
    return TOOL_EXIT_USAGE;
  return TOOL_EXIT_FAILURE;
}

/* ------------------------------------------------------------------------ */
/* Input files and JSON output, for the JOSE commands */

const char *
tool_input_name (const char *path)
{
  return g_strcmp0 (path, "-") == 0 ? _("standard input") : path;
}

/* Reads @fd to its end, at most TOOL_MAX_INPUT bytes. Whatever it read is
 * wiped on failure: it may be a private key. */
static char *
read_fd (int          fd,
         const char  *path,
         gsize       *out_len,
         GError     **error)
{
  GByteArray *buffer = g_byte_array_new ();
  guint8 chunk[4096];

  for (;;)
    {
      gssize n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          tool_secret_wipe (buffer->data, buffer->len);
          g_byte_array_free (buffer, TRUE);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       /* Translators: the first %s is a file name or “standard input”, the second the system’s error message */
                       _("Could not read %s: %s"), tool_input_name (path), g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      if (buffer->len + (gsize) n > TOOL_MAX_INPUT)
        {
          tool_secret_wipe (buffer->data, buffer->len);
          tool_secret_wipe (chunk, sizeof chunk);
          g_byte_array_free (buffer, TRUE);
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                       /* Translators: %s is a file name or “standard input”, %u a number of kibibytes */
                       _("%s holds more than %u KiB"), tool_input_name (path), TOOL_MAX_INPUT / 1024);
          return NULL;
        }
      g_byte_array_append (buffer, chunk, (guint) n);
    }
  tool_secret_wipe (chunk, sizeof chunk);

  if (memchr (buffer->data, '\0', buffer->len) != NULL)
    {
      tool_secret_wipe (buffer->data, buffer->len);
      g_byte_array_free (buffer, TRUE);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   /* Translators: %s is a file name or “standard input” */
                   _("%s contains a NUL byte; it is not text"), tool_input_name (path));
      return NULL;
    }

  *out_len = buffer->len;
  g_byte_array_append (buffer, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (buffer, FALSE);
}

char *
tool_read_input (const char  *path,
                 gsize       *out_len,
                 guint       *out_shared_mode,
                 GError     **error)
{
  struct stat st;
  char *contents;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  *out_shared_mode = 0;
  if (strcmp (path, "-") == 0)
    return read_fd (STDIN_FILENO, path, out_len, error);

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: the first %s is a file name, the second the system’s error message */
                   _("Could not open %s: %s"), path, g_strerror (saved_errno));
      return NULL;
    }
  /* The mode of the file that is read, not of whatever the name points to
   * a moment later. */
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && (st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    *out_shared_mode = st.st_mode & 07777;
  contents = read_fd (fd, path, out_len, error);
  close (fd);
  return contents;
}

/* Characters that JSON may carry raw but a terminal should not get: C1
 * controls, line and paragraph separators and format characters such as
 * the bidirectional overrides. JSON's own escapes keep the text valid. */
static gboolean
needs_json_escape (gunichar c)
{
  return (c >= 0x7f && g_unichar_iscntrl (c)) || c == 0x2028 || c == 0x2029 ||
         g_unichar_type (c) == G_UNICODE_FORMAT;
}

void
tool_print_json (JsonNode *node,
                 gboolean  secret)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  GString *out;
  char *text;
  gsize len;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, &len);

  /* json-glib escapes C0 controls, and what it parsed was valid UTF-8. */
  out = g_string_sized_new (len + 2);
  for (const char *p = text; *p != '\0'; )
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append (out, "\\ufffd");
          p++;
          continue;
        }
      if (!needs_json_escape (c))
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      else if (c < 0x10000)
        g_string_append_printf (out, "\\u%04x", (unsigned) c);
      else
        g_string_append_printf (out, "\\u%04x\\u%04x", (unsigned) (0xd800 + ((c - 0x10000) >> 10)),
                                (unsigned) (0xdc00 + ((c - 0x10000) & 0x3ff)));
      p = g_utf8_next_char (p);
    }
  g_string_append_c (out, '\n');
  fwrite (out->str, 1, out->len, stdout);

  if (secret)
    {
      tool_secret_wipe (text, len);
      tool_secret_wipe (out->str, out->len);
    }
  g_free (text);
  g_string_free (out, TRUE);
}

/* ------------------------------------------------------------------------ */
/* Commands with subcommands: "oa2 jwk", "oa2 jwt" */

GOptionContext *
tool_option_context_new (const char         *command,
                         const char         *parameter,
                         const char         *summary,
                         const char         *description,
                         const GOptionEntry *entries)
{
  GOptionContext *context;

  g_set_prgname (command);
  context = g_option_context_new (parameter);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (description != NULL)
    g_option_context_set_description (context, description);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

int
tool_dispatch (const char           *command,
               const char           *summary,
               const char           *description,
               const ToolSubcommand *subcommands,
               guint                 n_subcommands,
               int                   argc,
               char                **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *full_description = NULL;
  GString *text = g_string_new (_("Commands:"));

  g_string_append_c (text, '\n');
  for (guint i = 0; i < n_subcommands; i++)
    g_string_append_printf (text, "  %-12s %s\n", subcommands[i].name, _(subcommands[i].summary));
  g_string_append_c (text, '\n');
  /* Translators: %s is a command such as “oa2 jwk” */
  g_string_append_printf (text, _("Run “%s COMMAND --help” for the options of a command."), command);
  if (description != NULL)
    g_string_append_printf (text, "\n\n%s", description);
  full_description = g_string_free (text, FALSE);

  context = tool_option_context_new (command, _("COMMAND [ARGUMENT…]"), summary, full_description, NULL);
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return tool_usage_error (command, "%s", error->message);

  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return TOOL_EXIT_USAGE;
    }

  for (guint i = 0; i < n_subcommands; i++)
    if (strcmp (argv[1], subcommands[i].name) == 0)
      return subcommands[i].main (argc - 1, argv + 1);

  /* Translators: %s is what the user gave as a command */
  return tool_usage_error (command, _("Unknown command “%s”"), argv[1]);
}

/* ------------------------------------------------------------------------ */
/* Entry point */

static char *
commands_description (void)
{
  GString *text = g_string_new (_("Commands:"));

  g_string_append_c (text, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append_c (text, '\n');
  g_string_append (text,
                   _("Run “oa2 COMMAND --help” for the options of a command.\n"
                     "Set G_MESSAGES_DEBUG=OA2 to see the HTTP exchanges on standard error,\n"
                     "with every secret redacted.\n"
                     "\n"
                     "Exit status: 0 on success, 1 when the request or the check failed\n"
                     "(server error, network, bad response; invalid key, token, signature or\n"
                     "claims), 2 on a usage error, 130 when interrupted."));
  return g_string_free (text, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  gboolean show_version = FALSE;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &show_version, N_("Show the version and exit"), NULL },
    G_OPTION_ENTRY_NULL
  };
  const char *name;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Standard output is for results (possibly piped into a file); the
   * library's debug trace goes to standard error. */
  g_log_writer_default_set_use_stderr (TRUE);
  g_set_prgname ("oa2");

  context = g_option_context_new (_("COMMAND [ARGUMENT…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Talk to OAuth 2.x authorization servers from a terminal, to debug them."));
  description = commands_description ();
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Stop at the command: what follows belongs to it. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return tool_usage_error ("oa2", "%s", error->message);

  if (show_version)
    {
      g_print ("oa2 (oauth2client-glib) %s\n", OA2_VERSION_S);
      return TOOL_EXIT_OK;
    }

  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return TOOL_EXIT_USAGE;
    }

  name = argv[1];

  /* "oa2 help [COMMAND]" */
  if (strcmp (name, "help") == 0)
    {
      if (argc == 2)
        {
          g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

          g_print ("%s", help);
          return TOOL_EXIT_OK;
        }
      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        if (strcmp (argv[2], commands[i].name) == 0)
          {
            char *help_argv[] = { argv[2], (char *) "--help", NULL };

            return commands[i].main (2, help_argv);
          }
      /* Translators: %s is what the user gave as a command */
      return tool_usage_error ("oa2", _("Unknown command “%s”"), argv[2]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (name, commands[i].name) == 0)
      return commands[i].main (argc - 1, argv + 1);

  /* Translators: %s is what the user gave as a command */
  return tool_usage_error ("oa2", _("Unknown command “%s”"), name);
}
