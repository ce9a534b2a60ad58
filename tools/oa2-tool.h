/* oa2-tool.h: shared pieces of the oa2 command-line tool
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <stdio.h>

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
int    tool_jwk_main            (int            argc,
                                 char         **argv);
int    tool_jwt_main            (int            argc,
                                 char         **argv);
int    tool_dpop_main           (int            argc,
                                 char         **argv);
int    tool_discover_main       (int            argc,
                                 char         **argv);
int    tool_authorize_main      (int            argc,
                                 char         **argv);
int    tool_device_main         (int            argc,
                                 char         **argv);
int    tool_id_token_main       (int            argc,
                                 char         **argv);
int    tool_api_main            (int            argc,
                                 char         **argv);
int    tool_userinfo_main       (int            argc,
                                 char         **argv);
int    tool_exchange_main       (int            argc,
                                 char         **argv);
int    tool_ciba_main           (int            argc,
                                 char         **argv);
int    tool_revoke_main         (int            argc,
                                 char         **argv);
int    tool_introspect_main     (int            argc,
                                 char         **argv);
int    tool_store_main          (int            argc,
                                 char         **argv);

/* oa2 device (oa2-device.c): asks for a user code, shows it and the
 * verification URI on standard error, and polls until the user has
 * answered; finishes with the token, the client being the source object. */
void            tool_device_flow_async  (OA2Client           *client,
                                         const char          *scope,
                                         const char * const  *resources,
                                         GHashTable          *extra_params,
                                         OA2DPoPKey          *dpop_key,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
OA2BearerToken *tool_device_flow_finish (OA2Client           *client,
                                         GAsyncResult        *result,
                                         GError             **error);

/* A command with subcommands ("oa2 jwk generate"): the table that
 * tool_dispatch() lists in --help and runs from. */
typedef struct {
  const char *name;
  const char *summary;   /* marked with N_, translated when shown */
  int (*main) (int argc, char **argv);
} ToolSubcommand;

int    tool_dispatch            (const char            *command,
                                 const char            *summary,
                                 const char            *description,
                                 const ToolSubcommand  *subcommands,
                                 guint                  n_subcommands,
                                 int                    argc,
                                 char                 **argv);

/* An option context for @command (also set as the program name, for the
 * usage line), in the tool's translation domain. */
GOptionContext *tool_option_context_new (const char         *command,
                                         const char         *parameter,
                                         const char         *summary,
                                         const char         *description,
                                         const GOptionEntry *entries);

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

/* Input files of the JOSE commands: keys, key sets, tokens, claims. */
#define TOOL_MAX_INPUT (1024 * 1024)

/* Reads the file @path, or standard input for "-", whole: at most
 * TOOL_MAX_INPUT bytes, text without NUL bytes. *out_shared_mode is the
 * permission bits of a regular file that its group or other users can
 * access, else 0. The result may hold a private key: wipe it. */
char  *tool_read_input          (const char    *path,
                                 gsize         *out_len,
                                 guint         *out_shared_mode,
                                 GError       **error);
/* @path for messages: "-" is "standard input". */
const char *tool_input_name     (const char    *path);

/* Prints @node as indented JSON on standard output, with the characters a
 * terminal should not get escaped; @secret wipes the text afterwards. */
void   tool_print_json          (JsonNode      *node,
                                 gboolean       secret);

/* A key (a JWK, or a PEM key or certificate) or a key set (a JWK Set) from
 * a file or "-". A private key that other users can read is refused. On
 * failure, the error is printed and NULL returned with *out_status set:
 * TOOL_EXIT_USAGE when the file cannot be read or is refused,
 * TOOL_EXIT_FAILURE when the library refuses the key. (oa2-jwk.c) */
/* Keys held in PKCS#11 tokens (oa2-pkcs11.c): the options that go with a
 * pkcs11: key, and what they gave once read. */
typedef struct {
  char    *pin_env;       /* --pin-env */
  char    *pin_file;      /* --pin-file */
  char    *module;        /* --pkcs11-module */
  char    *pin;           /* read once, for every key of the command */
  gboolean module_added;
} ToolTokenKeyOptions;

gboolean tool_is_token_uri              (const char                *key);
gboolean tool_token_key_options_given   (const ToolTokenKeyOptions *opts);
void     tool_token_key_options_clear   (ToolTokenKeyOptions       *opts);
/* Opens the key @uri names: NULL with *out_status TOOL_EXIT_USAGE for a
 * PIN in the URI or unreadable PIN options, or the library's error. */
OA2Jwk  *tool_load_token_key            (ToolTokenKeyOptions       *opts,
                                         const char                *command,
                                         const char                *uri,
                                         int                       *out_status);

OA2Jwk  *tool_load_jwk          (const char    *command,
                                 const char    *path,
                                 int           *out_status);
OA2Jwks *tool_load_jwks         (const char    *command,
                                 const char    *path,
                                 int           *out_status);

G_END_DECLS
