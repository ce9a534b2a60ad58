/* oa2-token.h: what the token commands share (oa2 token GRANT, authorize,
 * device, exchange, ciba, revoke, introspect): the grants, their options,
 * and the parts of the run that live in files of their own
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-client-options.h"

G_BEGIN_DECLS

typedef enum {
  GRANT_CLIENT_CREDENTIALS,
  GRANT_AUTHORIZATION_CODE,
  GRANT_REFRESH,
  GRANT_PASSWORD,
  GRANT_JWT_BEARER,
  GRANT_SAML2_BEARER,
  GRANT_REQUEST,
  GRANT_AUTHORIZE,   /* oa2 authorize, not a grant of oa2 token */
  GRANT_DEVICE,      /* oa2 device, likewise */
  GRANT_TOKEN_EXCHANGE,   /* oa2 exchange */
  GRANT_CIBA,             /* oa2 ciba: a backchannel request, then the CIBA grant polled */
  GRANT_REVOKE,           /* oa2 revoke: not a grant, the revocation endpoint */
  GRANT_INTROSPECT,       /* oa2 introspect: the introspection endpoint */
} GrantKind;

/* The commands that call another endpoint than the token endpoint, with
 * the same client authentication. */
#define IS_ENDPOINT_COMMAND(kind) ((kind) == GRANT_REVOKE || (kind) == GRANT_INTROSPECT)

typedef struct {
  const char *name;
  GrantKind   kind;
  const char *summary;
  const char *description;
} Grant;

typedef struct {
  /* common: the server, the client, its authentication, DPoP */
  ToolClientOptions client;

  /* common to the token requests */
  char    *scope;
  ToolRequestParamOptions request;   /* --resource, --param-env, --param-file, --param */
  int      timeout;
  gint64   max_response_size;
  gboolean json;
  gboolean access_token_only;
  char    *output;

  /* authorization-code */
  char    *code_env;
  char    *code_file;
  char    *redirect_uri;
  char    *code_verifier_env;
  char    *code_verifier_file;

  /* request */
  char    *grant_type;

  /* device */
  char    *device_authorization_endpoint;

  /* authorize */
  char    *authorization_endpoint;
  char    *par_endpoint;
  gboolean par;
  char    *jwks_uri;
  gboolean require_iss;
  char    *prompt;
  char    *callback_file;
  char    *loopback_path;
  gboolean ipv6;
  gboolean no_browser;
  int      browser_timeout;
  char    *request_object_key_file;
  char    *request_object_alg;
  gboolean encrypt_request_object;
  char    *response_mode;

  /* refresh */
  char    *refresh_token_env;
  char    *refresh_token_file;
  char    *token_file;

  /* password */
  char    *username;
  char    *password_env;
  char    *password_file;

  /* jwt-bearer; saml2-bearer (a file only) */
  char    *assertion_env;
  char    *assertion_file;

  /* ciba */
  char    *backchannel_endpoint;
  char    *login_hint;
  char    *login_hint_token_file;
  char    *id_token_hint_file;
  char    *binding_message;
  char    *user_code_env;
  int      requested_expiry;
  char    *acr_values;

  /* revoke, introspect (the token may also come from token_file) */
  char    *endpoint;
  char    *token_env;
  char    *bare_token_file;
  char    *token_type_hint;
  gboolean jwt_response;

  /* exchange (the subject may also come from token_file) */
  char    *subject_token_env;
  char    *subject_token_file;
  char    *subject_token_type;
  char    *actor_token_env;
  char    *actor_token_file;
  char    *actor_token_type;
  char    *requested_token_type;
  char    *audience;
  gboolean any_token_type;

  /* Options that would put a secret on the command line: accepted by the
   * parser only to be refused with a hint (see argv_secrets). */
  char    *argv_code;
  char    *argv_code_verifier;
  char    *argv_refresh_token;
  char    *argv_password;
  char    *argv_assertion;
  char    *argv_subject_token;
  char    *argv_actor_token;
} TokenOptions;

typedef OA2BearerToken * (*TokenFinishFunc) (OA2Client     *client,
                                             GAsyncResult  *result,
                                             GError       **error);

typedef struct {
  GMainLoop      *loop;
  GCancellable   *cancellable;
  TokenFinishFunc finish;
  OA2BearerToken *token;
  GError         *error;
} TokenRun;

/* What oa2 authorize puts into the request, in one place for both ways
 * the browser comes back (pasted, or to the loopback receiver). */
typedef struct {
  TokenOptions *opts;
  GHashTable   *params;
  OA2DPoPKey   *dpop_key;
  OA2Jwk       *request_object_key;   /* --request-object-key, loaded */
  GCancellable *cancellable;
  GError       *error;    /* what the request refused (loopback mode) */
} AuthorizeOptions;

/* oa2 authorize (oa2-authorize.c): up to the validated response when the
 * address is pasted; or the desktop sign-in through a loopback receiver.
 * NULL with *out_status set on failure. */
OA2AuthorizationResponse *tool_authorize_interactively (OA2Client        *client,
                                                        AuthorizeOptions *ao,
                                                        const char       *command,
                                                        int              *out_status);
OA2DesktopSignIn         *tool_new_loopback_sign_in    (OA2Client        *client,
                                                        TokenOptions     *opts,
                                                        OA2DPoPKey       *dpop_key,
                                                        AuthorizeOptions *prepare,
                                                        const char       *command,
                                                        int              *out_status);

/* oa2 exchange (oa2-exchange.c): whether the exchange asks for a token of
 * any type (OA2IssuedToken: --any-token-type, or a requested type other
 * than access_token), and that exchange run to its output; returns the
 * exit status. */
gboolean                  tool_exchange_wants_issued         (TokenOptions            *opts);
int                       tool_exchange_issued_run           (OA2Client               *client,
                                                              TokenOptions            *opts,
                                                              OA2TokenExchangeRequest *request,
                                                              const char * const      *resources,
                                                              GHashTable              *extra,
                                                              GCancellable            *cancellable);

/* oa2 exchange (oa2-exchange.c): the request from the options; NULL with
 * *out_status set on a usage error. */
OA2TokenExchangeRequest  *tool_exchange_request_from_options (TokenOptions *opts,
                                                              const char   *command,
                                                              int          *out_status);

/* oa2 ciba (oa2-ciba.c): the backchannel authentication request; NULL
 * with *out_status set on failure. */
OA2BackchannelAuthenticationResponse *tool_ciba_start (OA2Client    *client,
                                                       TokenOptions *opts,
                                                       GHashTable   *params,
                                                       GCancellable *cancellable,
                                                       const char   *command,
                                                       int          *out_status);

/* oa2 revoke and oa2 introspect (oa2-revoke.c): the whole run, once the
 * client is built; returns the exit status. */
int       tool_run_endpoint_command (const Grant  *grant,
                                     OA2Client    *client,
                                     TokenOptions *opts,
                                     const char   *command);

/* The token printed (oa2-token-output.c): the summary, --json,
 * --access-token-only, saved with --output and --dpop-key-out; returns
 * the exit status. @previous_refresh_token is the one renewed, if any. */
typedef void (*ToolPrintSummaryFunc) (gpointer data);
int       tool_write_token          (TokenOptions          *opts,
                                     char                  *json,
                                     const char            *token_text,
                                     ToolPrintSummaryFunc   summary_func,
                                     gpointer               summary_data);
int       tool_token_output         (OA2Client      *client,
                                     TokenOptions   *opts,
                                     const char     *grant_type,
                                     OA2BearerToken *token,
                                     const char     *previous_refresh_token);

G_END_DECLS
