/* oa2-tool.h: shared pieces of the oa2 command-line tool
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <oauth2client-glib/oauth2client-glib.h>

G_BEGIN_DECLS

/* Exit statuses, documented in --help and tools/oa2.md. */
enum {
  TOOL_EXIT_OK = 0,
  TOOL_EXIT_FAILURE = 1,     /* the server, the network or the response failed */
  TOOL_EXIT_USAGE = 2,       /* the command line is wrong */
  TOOL_EXIT_CANCELLED = 130, /* interrupted (SIGINT), as a shell reports it */
};

/* Subcommands: each parses its own arguments, argv[0] being its name. */
int    tool_token_main          (int            argc,
                                 char         **argv);

/* Usage errors: "oa2: <message>" and a pointer to --help, on stderr. */
int    tool_usage_error         (const char    *command,
                                 const char    *format,
                                 ...) G_GNUC_PRINTF (2, 3);

/* Prints @error with everything a person debugging a server wants to see
 * (domain, code and its name, the server's error code, description, URI and
 * the HTTP status), and returns the exit status it maps to. */
int    tool_report_error        (const GError  *error);

/* Writes @text to @stream with control characters and invalid UTF-8
 * escaped, for strings that came from a server. */
void   tool_fput_untrusted      (FILE          *stream,
                                 const char    *text);

/* Reads a secret from the environment variable @env_var or the file @path
 * ("-" is standard input); exactly one of them is non-NULL. One trailing
 * newline is dropped. @what names the secret in error messages. Free the
 * result with tool_secret_free(). */
char  *tool_read_secret         (const char    *env_var,
                                 const char    *path,
                                 const char    *what,
                                 GError       **error);
void   tool_secret_free         (char          *secret);
void   tool_secret_wipe         (gpointer       data,
                                 gsize          len);

G_END_DECLS
