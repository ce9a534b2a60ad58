/* oa2-client-options.h: the client options that every command talking to
 * a token endpoint shares: which server, which client and how it
 * authenticates, and a DPoP key; parsed and turned into library objects
 * in one place, so that each command says the same
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-tool.h"

G_BEGIN_DECLS

/* Building a GOptionEntry table in a GArray named `entries` (terminated
 * by the array's zeroed end). */
#define ADD_WITH_FLAGS(long_name, flags, arg, data, desc, arg_desc) G_STMT_START { \
    GOptionEntry e = { long_name, 0, flags, arg, data, desc, arg_desc };             \
    g_array_append_val (entries, e);                                                  \
  } G_STMT_END
#define ADD(long_name, arg, data, desc, arg_desc) \
  ADD_WITH_FLAGS (long_name, 0, arg, data, desc, arg_desc)
/* Not in --help: an option that would put a secret on the command line,
 * accepted only to be refused with a hint. */
#define ADD_REFUSED(long_name, arg, data) \
  ADD_WITH_FLAGS (long_name, G_OPTION_FLAG_HIDDEN, arg, data, NULL, NULL)

typedef struct {
  /* The server: one of them (checked by the command, which knows whether
   * it needs a token endpoint). */
  char    *token_endpoint;
  char    *issuer;
  gboolean rfc8414;       /* with --issuer and no --token-endpoint */
  char    *preset;        /* a vendor preset instead of --token-endpoint or --issuer */

  /* The client and its authentication. */
  char    *client_id;
  char    *client_secret_env;
  char    *client_secret_file;
  char    *auth;
  gboolean raw_basic;
  char    *key_file;
  ToolTokenKeyOptions token_key;   /* --pin-env, --pin-file, --pkcs11-module */
  char    *alg;
  char    *cert_file;
  char    *ca_file;

  /* DPoP (RFC 9449). */
  gboolean dpop;
  char    *dpop_alg;
  char    *dpop_key_file;
  char    *dpop_key_out;

  /* --client-secret: accepted by the parser only to be refused with a
   * hint, as the secret would be on the command line. */
  char    *argv_client_secret;
} ToolClientOptions;

void           tool_client_options_clear              (ToolClientOptions *opts);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ToolClientOptions, tool_client_options_clear)

/* Option entries into @entries, a GArray of GOptionEntry: the server
 * (--token-endpoint, --issuer, --rfc8414, --preset); the client and its
 * authentication (--client-id … --raw-basic); DPoP (--dpop, --dpop-alg,
 * --dpop-key, and --dpop-key-out with @key_out). */
void           tool_client_options_add_server_entries (GArray            *entries,
                                                       ToolClientOptions *opts);
void           tool_client_options_add_auth_entries   (GArray            *entries,
                                                       ToolClientOptions *opts);
void           tool_client_options_add_dpop_entries   (GArray            *entries,
                                                       ToolClientOptions *opts,
                                                       gboolean           key_out);

/* The checks of the client options that need no I/O, in one place for
 * every command: --client-secret refused, --preset resolved (into
 * opts->token_endpoint, and *device_authorization_endpoint and
 * *backchannel_endpoint when not NULL), --rfc8414 with --issuer, the DPoP
 * options with --dpop, the PKCS#11 options with a pkcs11: key. Returns
 * TOOL_EXIT_OK, or the status of the usage error printed. */
int            tool_client_options_check              (ToolClientOptions *opts,
                                                       const char        *command,
                                                       char             **device_authorization_endpoint,
                                                       char             **backchannel_endpoint);

/* How many of the client options read standard input (“-”). */
guint          tool_client_options_count_stdin        (ToolClientOptions *opts);

/* --ca-file: a session that trusts only those CAs, in *out_session (NULL
 * without --ca-file). FALSE with *out_status set when the file cannot be
 * read. */
gboolean       tool_client_options_new_session        (ToolClientOptions *opts,
                                                       const char        *command,
                                                       SoupSession      **out_session,
                                                       int               *out_status);

/* The client of the token endpoint: from --token-endpoint, or discovered
 * from the metadata of --issuer (I/O). NULL with *out_status set when
 * discovery failed. */
OA2Client     *tool_client_options_new_client         (ToolClientOptions *opts,
                                                       OA2ClientAuth     *auth,
                                                       SoupSession       *session,
                                                       int               *out_status);

/* Builds the client authentication from the options; NULL with
 * *out_status set on a usage error, NULL with *out_status 0 for a client
 * without authentication. */
OA2ClientAuth *tool_client_options_build_auth         (ToolClientOptions *opts,
                                                       const char        *command,
                                                       int               *out_status);

/* The DPoP key of --dpop: from --dpop-key, or new for --dpop-alg. NULL
 * with *out_status set when it cannot be had. */
OA2DPoPKey    *tool_client_options_load_dpop_key      (ToolClientOptions *opts,
                                                       const char        *command,
                                                       int               *out_status);

/* --dpop-key-out: saves @key as a private JWK with its algorithm, mode
 * 0600. */
gboolean       tool_save_dpop_key                     (OA2DPoPKey        *key,
                                                       const char        *path,
                                                       GError           **error);

/* --preset VENDOR:ARG: sets opts->token_endpoint from the vendor's
 * endpoints, and *device_authorization_endpoint and *backchannel_endpoint
 * (either may be NULL) when they are not set yet. */
gboolean       tool_client_options_apply_preset       (ToolClientOptions *opts,
                                                       char             **device_authorization_endpoint,
                                                       char             **backchannel_endpoint,
                                                       GError           **error);

/* The token request's own parameters, for every command that sends one:
 * resource indicators (RFC 8707) and further parameters whose values come
 * from environment variables or files, never from the command line (a
 * parameter may be a credential, and oa2 cannot tell which). */
typedef struct {
  char **resources;
  char **param_envs;    /* NAME=VAR */
  char **param_files;   /* NAME=PATH */
  /* --param NAME=VALUE: accepted by the parser only to be refused. */
  char **argv_params;
} ToolRequestParamOptions;

void           tool_request_param_options_clear       (ToolRequestParamOptions *opts);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ToolRequestParamOptions, tool_request_param_options_clear)

/* --resource, --param-env, --param-file, and the refused --param. */
void           tool_request_param_options_add_entries (GArray                  *entries,
                                                       ToolRequestParamOptions *opts);
/* Refuses --param with a hint; TOOL_EXIT_OK when it was not given. */
int            tool_request_param_options_refuse_argv (ToolRequestParamOptions *opts,
                                                       const char              *command);
/* How many --param-file values read standard input (“-”). */
guint          tool_request_param_options_count_stdin (ToolRequestParamOptions *opts);
/* Reads the values of --param-env and --param-file into a new table (its
 * values wiped when freed); NULL with *out_status set on a usage error. */
GHashTable    *tool_request_param_options_read        (ToolRequestParamOptions *opts,
                                                       const char              *command,
                                                       int                     *out_status);

G_END_DECLS
