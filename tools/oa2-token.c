/* oa2-token.c: "oa2 token GRANT": one token request, any grant; and
 * "oa2 authorize", "oa2 device", "oa2 exchange", "oa2 ciba", "oa2 revoke"
 * and "oa2 introspect", which share its options and its run (the parts of
 * each command of their own are in oa2-authorize.c, oa2-exchange.c,
 * oa2-ciba.c and oa2-revoke.c; the printing in oa2-token-output.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "oa2-token.h"

static const Grant grants[] = {
  { "client-credentials", GRANT_CLIENT_CREDENTIALS,
    N_("Get a token for the client itself (RFC 6749 §4.4)"),
    N_("Gets a token for the client itself with the client credentials grant\n"
       "(RFC 6749 §4.4). The client needs a secret (--client-secret-env or\n"
       "--client-secret-file) or, with --auth private_key_jwt, a key (--key).") },
  { "authorization-code", GRANT_AUTHORIZATION_CODE,
    N_("Exchange an authorization code (RFC 6749 §4.1.3, RFC 7636)"),
    N_("Exchanges an authorization code for a token (RFC 6749 §4.1.3), with the\n"
       "PKCE code verifier of the authorization request (RFC 7636). The code comes\n"
       "from --code-env or --code-file, the verifier from --code-verifier-env or\n"
       "--code-verifier-file. Give the same --redirect-uri as in the authorization\n"
       "request. A code exchange has no scope; use --param-env or --param-file if\n"
       "a server wants one anyway.") },
  { "refresh", GRANT_REFRESH,
    N_("Renew a token with a refresh token (RFC 6749 §6)"),
    N_("Renews a token with a refresh token (RFC 6749 §6). The refresh token\n"
       "comes from --refresh-token-env, --refresh-token-file, or --token-file:\n"
       "a token stored with “oa2 token … --json > FILE”. The summary says\n"
       "whether the server rotated the refresh token.") },
  { "password", GRANT_PASSWORD,
    N_("Resource owner password credentials (RFC 6749 §4.3; legacy)"),
    N_("Gets a token with the user’s name and password (RFC 6749 §4.3). OAuth 2.1\n"
       "removes this grant; use it only with legacy servers. The password comes\n"
       "from --password-env or --password-file.") },
  { "jwt-bearer", GRANT_JWT_BEARER,
    N_("Present a signed JWT as the grant (RFC 7523 §2.1)"),
    N_("Gets a token with the JWT bearer grant (RFC 7523 §2.1): a signed JWT,\n"
       "such as one “oa2 jwt sign” makes, stands for the grant. The assertion\n"
       "comes from --assertion-env or --assertion-file.") },
  { "saml2-bearer", GRANT_SAML2_BEARER,
    N_("Present a SAML 2.0 assertion as the grant (RFC 7522 §2.1)"),
    N_("Gets a token with the SAML 2.0 bearer assertion grant (RFC 7522 §2.1): a\n"
       "SAML 2.0 assertion from an identity provider the server trusts stands for\n"
       "the grant. --assertion-file names a file with the assertion’s XML, as its\n"
       "issuer made and signed it (one trailing line break is dropped), or\n"
       "--assertion-env a variable that holds it; it is sent base64url-encoded.\n"
       "oa2 neither parses nor checks SAML.") },
  { "request", GRANT_REQUEST,
    N_("Send a token request for any grant type (RFC 6749 §4.5)"),
    N_("Sends a token request for any grant type (RFC 6749 §4.5), such as an\n"
       "extension grant: give it with --grant-type. Every --param-env and\n"
       "--param-file is sent as is, --scope as “scope” and each --resource as\n"
       "“resource”.") },
};

/* oa2 authorize: a command of its own, which shares the options, the
 * client authentication and the summary of oa2 token. */
static const Grant authorize_command = {
  "authorize", GRANT_AUTHORIZE,
  N_("Sign in through a browser with the authorization code flow"),
  N_("Signs a user in with the authorization code flow (RFC 6749 §4.1, PKCE,\n"
     "OpenID Connect): prints the address to open in a browser, reads the address\n"
     "the browser was redirected to from standard input (or --callback-file),\n"
     "checks its state and issuer, exchanges the code and prints the token like\n"
     "“oa2 token”. The state, nonce and PKCE verifier stay in memory. With --par,\n"
     "the request is pushed to the server first (RFC 9126). With --dpop, the code\n"
     "is bound to the key (dpop_jkt) and so is the token. With --request-object-key,\n"
     "the parameters travel in a signed request object (JAR), encrypted to the\n"
     "server with --encrypt-request-object; --response-mode query.jwt asks for a\n"
     "signed response (JARM), checked with the keys at --jwks-uri.\n"
     "Every request option applies alike with and without --redirect-uri.\n"
     "\n"
     "Without --redirect-uri and --callback-file, it signs in like a desktop app\n"
     "(RFC 8252): it listens on a loopback port (http://127.0.0.1:PORT/callback),\n"
     "prints the address, opens the browser (the desktop's default one, or the\n"
     "command in the environment variable OA2_BROWSER, given the address as its\n"
     "last argument), and receives the redirect itself; form_post and\n"
     "form_post.jwt work there, the fragment modes cannot.") };

/* oa2 exchange: a command of its own too, for the token exchange grant. */
static const Grant exchange_command = {
  "exchange", GRANT_TOKEN_EXCHANGE,
  N_("Exchange a token for another (RFC 8693)"),
  N_("Exchanges a token for another with the token exchange grant (RFC 8693).\n"
     "The subject token comes from --token-file, a token stored with “oa2 token\n"
     "… --output” whose access token is sent (of type access_token), or from\n"
     "--subject-token-env or --subject-token-file with --subject-token-type. An\n"
     "actor token, for delegation, comes from --actor-token-env or\n"
     "--actor-token-file with --actor-token-type. Types are URIs or the short\n"
     "names access_token, refresh_token, id_token, jwt, saml1 and saml2. The\n"
     "summary shows the issued token type. With --any-token-type, or a\n"
     "--requested-token-type other than access_token, the server may issue a\n"
     "token that is not an access token (token_type N_A, RFC 8693 §2.2.1), such\n"
     "as an ID token or a JWT for another party.") };

static const Grant ciba_command = {
  "ciba", GRANT_CIBA,
  N_("Have a user approve on their own device, then get the token (OpenID CIBA)"),
  N_("Client Initiated Backchannel Authentication (OpenID CIBA), poll mode: asks\n"
     "the backchannel authentication endpoint to authenticate the user named by\n"
     "--login-hint, --login-hint-token-file or --id-token-hint-file on the user's\n"
     "own device, shows the binding message, then polls the token endpoint at the\n"
     "server's interval until the user approves or denies, and prints the token\n"
     "like “oa2 token”. --scope defaults to openid and must contain it.") };

static const Grant revoke_command = {
  "revoke", GRANT_REVOKE,
  N_("Revoke a token (RFC 7009)"),
  N_("Revokes a token at the revocation endpoint (RFC 7009), with the client’s\n"
     "authentication. The token comes from --token-file, a token stored with\n"
     "“oa2 token … --output” (its access token, or its refresh token with\n"
     "--token-type-hint refresh_token), or a bare token from --token-env or\n"
     "--bare-token-file. The server answers success for a token that was\n"
     "already invalid too (RFC 7009 §2.2).") };

static const Grant introspect_command = {
  "introspect", GRANT_INTROSPECT,
  N_("Ask whether a token is active, and what it is for (RFC 7662)"),
  N_("Asks the introspection endpoint about a token (RFC 7662), with the\n"
     "client’s authentication, and prints the answer as JSON: “active” first.\n"
     "The token comes from --token-file, --token-env or --bare-token-file as\n"
     "for “oa2 revoke”. With --jwt-response the answer must be a JWT signed by\n"
     "the server (RFC 9701), checked with the keys its metadata names: give\n"
     "--issuer.") };
/* oa2 device: the device flow (RFC 8628), a command of its own as well;
 * the flow itself is in oa2-device.c. */
static const Grant device_command = {
  "device", GRANT_DEVICE,
  N_("Sign a user in on another device with the device flow (RFC 8628)"),
  N_("Signs a user in with the device authorization grant (RFC 8628): asks the\n"
     "device authorization endpoint for a user code, shows it and the address\n"
     "where to enter it on standard error, polls the token endpoint at the pace\n"
     "the server asks for until the user approves or denies it on any device with\n"
     "a browser, and prints the token like “oa2 token”. The endpoints come from\n"
     "--issuer (discovery), or from --token-endpoint and\n"
     "--device-authorization-endpoint. Interrupting it (Ctrl+C) stops polling.") };

static void
token_options_clear (TokenOptions *opts)
{
  tool_client_options_clear (&opts->client);
  g_free (opts->output);
  g_free (opts->scope);
  tool_request_param_options_clear (&opts->request);
  g_free (opts->code_env);
  g_free (opts->code_file);
  g_free (opts->redirect_uri);
  g_free (opts->code_verifier_env);
  g_free (opts->code_verifier_file);
  g_free (opts->grant_type);
  g_free (opts->device_authorization_endpoint);
  g_free (opts->authorization_endpoint);
  g_free (opts->par_endpoint);
  g_free (opts->jwks_uri);
  g_free (opts->prompt);
  g_free (opts->callback_file);
  g_free (opts->loopback_path);
  g_free (opts->request_object_key_file);
  g_free (opts->request_object_alg);
  g_free (opts->response_mode);
  g_free (opts->refresh_token_env);
  g_free (opts->refresh_token_file);
  g_free (opts->token_file);
  g_free (opts->username);
  g_free (opts->password_env);
  g_free (opts->password_file);
  g_free (opts->assertion_env);
  g_free (opts->assertion_file);
  g_free (opts->argv_code);
  g_free (opts->argv_code_verifier);
  g_free (opts->argv_refresh_token);
  g_free (opts->argv_password);
  g_free (opts->argv_assertion);
  g_free (opts->endpoint);
  g_free (opts->backchannel_endpoint);
  g_free (opts->login_hint);
  g_free (opts->login_hint_token_file);
  g_free (opts->id_token_hint_file);
  g_free (opts->binding_message);
  g_free (opts->user_code_env);
  g_free (opts->acr_values);
  g_free (opts->token_env);
  g_free (opts->bare_token_file);
  g_free (opts->token_type_hint);
  g_free (opts->subject_token_env);
  g_free (opts->subject_token_file);
  g_free (opts->subject_token_type);
  g_free (opts->actor_token_env);
  g_free (opts->actor_token_file);
  g_free (opts->actor_token_type);
  g_free (opts->requested_token_type);
  g_free (opts->audience);
  g_free (opts->argv_subject_token);
  g_free (opts->argv_actor_token);
}

/* ------------------------------------------------------------------------ */
/* Help texts */

static char *
grants_description (void)
{
  GString *text = g_string_new (_("Grants:"));

  g_string_append_c (text, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (grants); i++)
    g_string_append_printf (text, "  %-20s %s\n", grants[i].name, _(grants[i].summary));
  g_string_append_c (text, '\n');
  g_string_append (text, _("Run “oa2 token GRANT --help” for the options of a grant."));
  return g_string_free (text, FALSE);
}

static const char *
common_description (void)
{
  return _("Secrets are never taken from the command line, where other users see them\n"
           "with ps: the client secret comes from --client-secret-env VAR or\n"
           "--client-secret-file PATH (“-” reads standard input; one trailing newline\n"
           "is dropped), and so do the grant’s own secrets and every request parameter\n"
           "(--param-env NAME=VAR, --param-file NAME=PATH). Client authentication\n"
           "defaults to client_secret_post with a secret and to none (a public client)\n"
           "without one.\n"
           "\n"
           "By default oa2 prints a summary of the token without any secret.\n"
           "--access-token-only prints the access token alone, for\n"
           "curl -H \"Authorization: Bearer $(oa2 …)\". --json\n"
           "prints the whole token as the library stores it (access, refresh and ID\n"
           "tokens included, “expires_in” turned into an absolute “expires_at”):\n"
           "redirect it to a file only you can read, e.g. (umask 077; oa2 … --json > f),\n"
           "or let --output PATH save it with mode 0600. “oa2 token refresh --token-file\n"
           "PATH --output PATH” renews a stored token in place.\n"
           "\n"
           "Set G_MESSAGES_DEBUG=OA2 to see the HTTP exchanges on standard error,\n"
           "with every secret redacted.\n"
           "\n"
           "Exit status: 0 on success; 1 when the request failed (an OAuth error from\n"
           "the server, another HTTP status, the network, a malformed response);\n"
           "2 on a usage error, including arguments the library refuses before\n"
           "sending; 130 when interrupted.");
}

/* ------------------------------------------------------------------------ */
/* Option tables */

static GOptionEntry *
build_entries (const Grant  *grant,
               TokenOptions *opts)
{
  GArray *entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));

  /* The grant's own options first: they are what --help is read for. */
  switch (grant->kind)
    {
    case GRANT_AUTHORIZATION_CODE:
      ADD ("code-env", G_OPTION_ARG_STRING, &opts->code_env,
           N_("Read the authorization code from this environment variable"), N_("VAR"));
      ADD ("code-file", G_OPTION_ARG_FILENAME, &opts->code_file,
           N_("Read the authorization code from this file (“-”: standard input)"), N_("PATH"));
      ADD ("redirect-uri", G_OPTION_ARG_STRING, &opts->redirect_uri,
           N_("The redirect URI of the authorization request"), N_("URI"));
      ADD ("code-verifier-env", G_OPTION_ARG_STRING, &opts->code_verifier_env,
           N_("Read the PKCE code verifier from this environment variable"), N_("VAR"));
      ADD ("code-verifier-file", G_OPTION_ARG_FILENAME, &opts->code_verifier_file,
           N_("Read the PKCE code verifier from this file (“-”: standard input)"), N_("PATH"));
      ADD_REFUSED ("code", G_OPTION_ARG_STRING, &opts->argv_code);
      ADD_REFUSED ("code-verifier", G_OPTION_ARG_STRING, &opts->argv_code_verifier);
      break;
    case GRANT_REFRESH:
      ADD ("refresh-token-env", G_OPTION_ARG_STRING, &opts->refresh_token_env,
           N_("Read the refresh token from this environment variable"), N_("VAR"));
      ADD ("refresh-token-file", G_OPTION_ARG_FILENAME, &opts->refresh_token_file,
           N_("Read the refresh token from this file (“-”: standard input)"), N_("PATH"));
      ADD ("token-file", G_OPTION_ARG_FILENAME, &opts->token_file,
           N_("Take the refresh token from a token stored with --json (“-”: standard input)"), N_("PATH"));
      ADD_REFUSED ("refresh-token", G_OPTION_ARG_STRING, &opts->argv_refresh_token);
      break;
    case GRANT_PASSWORD:
      ADD ("username", G_OPTION_ARG_STRING, &opts->username,
           N_("The resource owner’s user name (required)"), N_("NAME"));
      ADD ("password-env", G_OPTION_ARG_STRING, &opts->password_env,
           N_("Read the password from this environment variable"), N_("VAR"));
      ADD ("password-file", G_OPTION_ARG_FILENAME, &opts->password_file,
           N_("Read the password from this file (“-”: standard input)"), N_("PATH"));
      ADD_REFUSED ("password", G_OPTION_ARG_STRING, &opts->argv_password);
      break;
    case GRANT_JWT_BEARER:
      ADD ("assertion-env", G_OPTION_ARG_STRING, &opts->assertion_env,
           N_("Read the assertion from this environment variable"), N_("VAR"));
      ADD ("assertion-file", G_OPTION_ARG_FILENAME, &opts->assertion_file,
           N_("Read the assertion from this file (“-”: standard input)"), N_("PATH"));
      ADD_REFUSED ("assertion", G_OPTION_ARG_STRING, &opts->argv_assertion);
      break;
    case GRANT_SAML2_BEARER:
      ADD ("assertion-file", G_OPTION_ARG_FILENAME, &opts->assertion_file,
           N_("Read the SAML assertion’s XML from this file (“-”: standard input)"), N_("PATH"));
      ADD ("assertion-env", G_OPTION_ARG_STRING, &opts->assertion_env,
           N_("Read the SAML assertion’s XML from this environment variable"), N_("VAR"));
      ADD_REFUSED ("assertion", G_OPTION_ARG_STRING, &opts->argv_assertion);
      break;
    case GRANT_TOKEN_EXCHANGE:
      ADD ("token-file", G_OPTION_ARG_FILENAME, &opts->token_file,
           N_("The subject token: the access token of a token stored with --output or --json (“-”: standard input)"),
           N_("PATH"));
      ADD ("subject-token-env", G_OPTION_ARG_STRING, &opts->subject_token_env,
           N_("Read the subject token from this environment variable"), N_("VAR"));
      ADD ("subject-token-file", G_OPTION_ARG_FILENAME, &opts->subject_token_file,
           N_("Read the subject token from this file (“-”: standard input)"), N_("PATH"));
      ADD ("subject-token-type", G_OPTION_ARG_STRING, &opts->subject_token_type,
           N_("The subject token’s type: a URI or access_token, refresh_token, id_token, jwt, saml1, saml2"),
           N_("TYPE"));
      ADD ("actor-token-env", G_OPTION_ARG_STRING, &opts->actor_token_env,
           N_("Read the actor token from this environment variable"), N_("VAR"));
      ADD ("actor-token-file", G_OPTION_ARG_FILENAME, &opts->actor_token_file,
           N_("Read the actor token from this file (“-”: standard input)"), N_("PATH"));
      ADD ("actor-token-type", G_OPTION_ARG_STRING, &opts->actor_token_type,
           N_("The actor token’s type, as for --subject-token-type"), N_("TYPE"));
      ADD ("requested-token-type", G_OPTION_ARG_STRING, &opts->requested_token_type,
           N_("The type of token to ask for, as for --subject-token-type"), N_("TYPE"));
      ADD ("audience", G_OPTION_ARG_STRING, &opts->audience,
           N_("The logical name of the service the new token is for"), N_("NAME"));
      ADD ("any-token-type", G_OPTION_ARG_NONE, &opts->any_token_type,
           N_("Accept a token that is not an access token (token_type N_A), as with a requested type other than access_token"),
           NULL);
      ADD_REFUSED ("subject-token", G_OPTION_ARG_STRING, &opts->argv_subject_token);
      ADD_REFUSED ("actor-token", G_OPTION_ARG_STRING, &opts->argv_actor_token);
      break;
    case GRANT_CIBA:
      ADD ("login-hint", G_OPTION_ARG_STRING, &opts->login_hint,
           N_("Who the user is, for the server: an email address, a phone number…"), N_("HINT"));
      ADD ("login-hint-token-file", G_OPTION_ARG_FILENAME, &opts->login_hint_token_file,
           N_("Name the user with a login_hint_token read from this file (“-”: standard input)"), N_("PATH"));
      ADD ("id-token-hint-file", G_OPTION_ARG_FILENAME, &opts->id_token_hint_file,
           N_("Name the user with an ID token the server issued, read from this file (“-”: standard input)"),
           N_("PATH"));
      ADD ("binding-message", G_OPTION_ARG_STRING, &opts->binding_message,
           N_("A short text shown here and on the user's device, to tie them together"), N_("TEXT"));
      ADD ("user-code-env", G_OPTION_ARG_STRING, &opts->user_code_env,
           N_("Read the user code the server may ask for from this environment variable"), N_("VAR"));
      ADD ("requested-expiry", G_OPTION_ARG_INT, &opts->requested_expiry,
           N_("Ask the server to wait for the user this many seconds at most"), N_("SECONDS"));
      ADD ("acr-values", G_OPTION_ARG_STRING, &opts->acr_values,
           N_("The authentication context classes to ask for, space-separated"), N_("ACR"));
      ADD ("backchannel-authentication-endpoint", G_OPTION_ARG_STRING, &opts->backchannel_endpoint,
           N_("The backchannel authentication endpoint, with --token-endpoint (or give --issuer)"), N_("URI"));
      break;
    case GRANT_REVOKE:
    case GRANT_INTROSPECT:
      ADD ("token-file", G_OPTION_ARG_FILENAME, &opts->token_file,
           N_("The token: from a token stored with --output or --json, its access token, or its refresh token with --token-type-hint refresh_token (“-”: standard input)"),
           N_("PATH"));
      ADD ("token-env", G_OPTION_ARG_STRING, &opts->token_env,
           N_("Read a bare token from this environment variable"), N_("VAR"));
      ADD ("bare-token-file", G_OPTION_ARG_FILENAME, &opts->bare_token_file,
           N_("Read a bare token from this file (“-”: standard input)"), N_("PATH"));
      ADD ("token-type-hint", G_OPTION_ARG_STRING, &opts->token_type_hint,
           N_("The token_type_hint to send, such as access_token or refresh_token"), N_("HINT"));
      if (grant->kind == GRANT_INTROSPECT)
        ADD ("jwt-response", G_OPTION_ARG_NONE, &opts->jwt_response,
             N_("Ask for a signed JWT answer (RFC 9701) and accept nothing else; needs --issuer"), NULL);
      break;
    case GRANT_REQUEST:
      ADD ("grant-type", G_OPTION_ARG_STRING, &opts->grant_type,
           N_("The grant type to send (required), such as an extension grant’s URI"), N_("TYPE"));
      break;
    case GRANT_AUTHORIZE:
      ADD ("authorization-endpoint", G_OPTION_ARG_STRING, &opts->authorization_endpoint,
           N_("The authorization endpoint (required)"), N_("URI"));
      ADD ("redirect-uri", G_OPTION_ARG_STRING, &opts->redirect_uri,
           N_("The redirect URI registered for the client (required)"), N_("URI"));
      ADD ("issuer", G_OPTION_ARG_STRING, &opts->client.issuer,
           N_("The server’s issuer identifier, which an “iss” in the response must equal (RFC 9207)"), N_("URI"));
      ADD ("jwks-uri", G_OPTION_ARG_STRING, &opts->jwks_uri,
           N_("With --issuer, where the server's keys are, to validate the ID token"), N_("URI"));
      ADD ("require-iss", G_OPTION_ARG_NONE, &opts->require_iss,
           N_("Refuse a response without “iss”, as for a server that advertises authorization_response_iss_parameter_supported"),
           NULL);
      ADD ("prompt", G_OPTION_ARG_STRING, &opts->prompt,
           N_("The prompt parameter, such as login or consent"), N_("PROMPT"));
      ADD ("par", G_OPTION_ARG_NONE, &opts->par,
           N_("Push the request to --par-endpoint first (RFC 9126)"), NULL);
      ADD ("par-endpoint", G_OPTION_ARG_STRING, &opts->par_endpoint,
           N_("The pushed authorization request endpoint"), N_("URI"));
      ADD ("callback-file", G_OPTION_ARG_FILENAME, &opts->callback_file,
           N_("Read the redirected address from this file instead of standard input"), N_("PATH"));
      ADD ("loopback-path", G_OPTION_ARG_STRING, &opts->loopback_path,
           N_("Without --redirect-uri, the path of the loopback redirect URI (default: /callback)"), N_("PATH"));
      ADD ("ipv6", G_OPTION_ARG_NONE, &opts->ipv6,
           N_("Without --redirect-uri, listen on ::1 instead of 127.0.0.1"), NULL);
      ADD ("no-browser", G_OPTION_ARG_NONE, &opts->no_browser,
           N_("Without --redirect-uri, do not open a browser: only print the address"), NULL);
      ADD ("browser-timeout", G_OPTION_ARG_INT, &opts->browser_timeout,
           N_("Without --redirect-uri, how long to wait for the browser to come back (default: 300 seconds)"),
           N_("SECONDS"));
      ADD ("request-object-key", G_OPTION_ARG_FILENAME, &opts->request_object_key_file,
           N_("Send the parameters in a request object signed with this private JWK (JAR, RFC 9101)"), N_("PATH"));
      ADD ("request-object-alg", G_OPTION_ARG_STRING, &opts->request_object_alg,
           N_("The request object’s signing algorithm (default: the key’s “alg”)"), N_("ALG"));
      ADD ("encrypt-request-object", G_OPTION_ARG_NONE, &opts->encrypt_request_object,
           N_("Encrypt the request object to an encryption key of the server (from --jwks-uri)"), NULL);
      ADD ("response-mode", G_OPTION_ARG_STRING, &opts->response_mode,
           N_("The response mode, such as query.jwt or jwt for a signed response (JARM), checked with the server's "
              "keys from --jwks-uri"), N_("MODE"));
      break;
    case GRANT_DEVICE:
      ADD ("device-authorization-endpoint", G_OPTION_ARG_STRING, &opts->device_authorization_endpoint,
           N_("With --token-endpoint, the device authorization endpoint (required then)"), N_("URI"));
      break;
    case GRANT_CLIENT_CREDENTIALS:
    default:
      break;
    }

  /* oa2 authorize has an --issuer of its own: the issuer that iss must
   * equal; it does not discover. */
  if (grant->kind == GRANT_AUTHORIZE)
    ADD ("token-endpoint", G_OPTION_ARG_STRING, &opts->client.token_endpoint,
         N_("The token endpoint (required; https, or http to a loopback address)"), N_("URI"));
  else if (IS_ENDPOINT_COMMAND (grant->kind))
    {
      if (grant->kind == GRANT_REVOKE)
        ADD ("revocation-endpoint", G_OPTION_ARG_STRING, &opts->endpoint,
             N_("The revocation endpoint (https, or http to a loopback address); or give --issuer"), N_("URI"));
      else
        ADD ("introspection-endpoint", G_OPTION_ARG_STRING, &opts->endpoint,
             N_("The introspection endpoint (https, or http to a loopback address); or give --issuer"), N_("URI"));
      ADD ("issuer", G_OPTION_ARG_STRING, &opts->client.issuer,
           N_("Discover the server’s endpoints from the metadata of this issuer instead (OpenID Connect)"),
           N_("ISSUER"));
      ADD ("rfc8414", G_OPTION_ARG_NONE, &opts->client.rfc8414,
           N_("With --issuer, fetch the RFC 8414 metadata document instead"), NULL);
    }
  else
    tool_client_options_add_server_entries (entries, &opts->client);
  tool_client_options_add_auth_entries (entries, &opts->client);
  if (IS_ENDPOINT_COMMAND (grant->kind))
    {
      ADD ("timeout", G_OPTION_ARG_INT, &opts->timeout,
           N_("Give up after this many seconds (default: the library’s)"), N_("SECONDS"));
      goto done;
    }
  if (grant->kind != GRANT_AUTHORIZATION_CODE)
    ADD ("scope", G_OPTION_ARG_STRING, &opts->scope,
         N_("The scope to ask for, space-separated"), N_("SCOPE"));
  tool_request_param_options_add_entries (entries, &opts->request);
  tool_client_options_add_dpop_entries (entries, &opts->client, TRUE);
  ADD ("timeout", G_OPTION_ARG_INT, &opts->timeout,
       N_("Give up after this many seconds (default: the library’s)"), N_("SECONDS"));
  ADD ("max-response-size", G_OPTION_ARG_INT64, &opts->max_response_size,
       N_("Refuse responses larger than this, at least 1024 (default: the library’s)"), N_("BYTES"));
  ADD ("json", G_OPTION_ARG_NONE, &opts->json,
       N_("Print the whole token as JSON, secrets included"), NULL);
  ADD ("access-token-only", G_OPTION_ARG_NONE, &opts->access_token_only,
       N_("Print the access token alone, for Authorization: Bearer $(oa2 …)"), NULL);
  ADD ("output", G_OPTION_ARG_FILENAME, &opts->output,
       N_("Save the whole token as JSON to this file (atomically, mode 0600; it may be the --token-file) and print the summary"),
       N_("PATH"));

done:

  return (GOptionEntry *) g_array_free (entries, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Building the request */

/* An option whose value would be on the command line, where every user of
 * the machine reads it (ps, /proc/PID/cmdline), and the options that take
 * the same value from the environment or a file instead. */
typedef struct {
  const char *option;
  const char *what;          /* marked with N_, translated when shown */
  const char *env_option;
  const char *file_option;
} ArgvSecret;

static const ArgvSecret argv_secrets[] = {
  { "--code", N_("the authorization code"), "--code-env", "--code-file" },
  { "--code-verifier", N_("the code verifier"), "--code-verifier-env", "--code-verifier-file" },
  { "--refresh-token", N_("the refresh token"), "--refresh-token-env", "--refresh-token-file" },
  { "--password", N_("the password"), "--password-env", "--password-file" },
  { "--assertion", N_("the assertion"), "--assertion-env", "--assertion-file" },
  { "--subject-token", N_("the subject token"), "--subject-token-env", "--subject-token-file" },
  { "--actor-token", N_("the actor token"), "--actor-token-env", "--actor-token-file" },
};

/* Refuses any of them with a hint; TOOL_EXIT_OK when none was given. */
static int
refuse_argv_secrets (TokenOptions *opts,
                     const char   *command)
{
  const char *values[] = {
    opts->argv_code, opts->argv_code_verifier,
    opts->argv_refresh_token, opts->argv_password, opts->argv_assertion,
    opts->argv_subject_token, opts->argv_actor_token,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (values) == G_N_ELEMENTS (argv_secrets));

  for (guint i = 0; i < G_N_ELEMENTS (argv_secrets); i++)
    if (values[i] != NULL)
      return tool_usage_error (command,
                               /* Translators: the first %s is an option such as --client-secret, the second says what its value is, e.g. "the client secret"; the last two are options that read it from an environment variable VAR or a file PATH */
                               _("%s would put %s on the command line, where other users of this machine can read it; give it with %s VAR or %s PATH"),
                               argv_secrets[i].option, _(argv_secrets[i].what),
                               argv_secrets[i].env_option, argv_secrets[i].file_option);

  return tool_request_param_options_refuse_argv (&opts->request, command);
}

/* How many secrets come from standard input: at most one can. */
static guint
count_stdin_sources (TokenOptions *opts)
{
  const char *paths[] = {
    opts->refresh_token_file, opts->token_file,
    opts->password_file, opts->code_file, opts->code_verifier_file, opts->assertion_file,
    opts->subject_token_file, opts->actor_token_file, opts->bare_token_file,
    opts->login_hint_token_file, opts->id_token_hint_file,
    opts->request_object_key_file,
  };
  guint count = tool_client_options_count_stdin (&opts->client);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    count += g_strcmp0 (paths[i], "-") == 0;
  return count + tool_request_param_options_count_stdin (&opts->request);
}


static GHashTable *
parse_params (const Grant  *grant,
              TokenOptions *opts,
              const char   *command,
              int          *out_status)
{
  g_autoptr(GHashTable) params = tool_request_param_options_read (&opts->request, command, out_status);

  if (params == NULL)
    return NULL;

  if (grant->kind == GRANT_REQUEST)
    {
      const char *grant_type;

      if (opts->grant_type != NULL)
        {
          if (g_hash_table_contains (params, "grant_type"))
            {
              *out_status = tool_usage_error (command, _("Give the grant type either with --grant-type or with --param-env/--param-file grant_type=…"));
              return NULL;
            }
          g_hash_table_insert (params, g_strdup ("grant_type"), g_strdup (opts->grant_type));
        }
      grant_type = g_hash_table_lookup (params, "grant_type");
      if (grant_type == NULL || *grant_type == '\0')
        {
          *out_status = tool_usage_error (command, _("“request” needs --grant-type GRANT_TYPE"));
          return NULL;
        }
      if (opts->scope != NULL)
        {
          if (g_hash_table_contains (params, "scope"))
            {
              *out_status = tool_usage_error (command, _("Give the scope either with --scope or with --param-env/--param-file scope=…"));
              return NULL;
            }
          g_hash_table_insert (params, g_strdup ("scope"), g_strdup (opts->scope));
        }
    }

  return g_steal_pointer (&params);
}

static gboolean
exactly_one (const char *a,
             const char *b,
             const char *c)
{
  return (a != NULL) + (b != NULL) + (c != NULL) == 1;
}

/* ------------------------------------------------------------------------ */
/* Running the request */

static void
on_token (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  TokenRun *run = user_data;

  run->token = run->finish (OA2_CLIENT (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

/* oa2 ciba: the poller's answer. */
static void
on_polled (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  TokenRun *run = user_data;

  run->token = oa2_token_poller_poll_finish (OA2_TOKEN_POLLER (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

static gboolean
on_signal (gpointer user_data)
{
  TokenRun *run = user_data;

  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

static const char *
grant_type_of (const Grant *grant,
               GHashTable  *params)
{
  switch (grant->kind)
    {
    case GRANT_CLIENT_CREDENTIALS: return "client_credentials";
    case GRANT_AUTHORIZATION_CODE: return "authorization_code";
    case GRANT_REFRESH:            return "refresh_token";
    case GRANT_PASSWORD:           return "password";
    case GRANT_JWT_BEARER:         return "urn:ietf:params:oauth:grant-type:jwt-bearer";
    case GRANT_SAML2_BEARER:       return "urn:ietf:params:oauth:grant-type:saml2-bearer";
    case GRANT_AUTHORIZE:          return "authorization_code";
    case GRANT_TOKEN_EXCHANGE:     return "urn:ietf:params:oauth:grant-type:token-exchange";
    case GRANT_CIBA:               return "urn:openid:params:grant-type:ciba";
    case GRANT_DEVICE:             return "urn:ietf:params:oauth:grant-type:device_code";
    case GRANT_REQUEST:
    default:                       return g_hash_table_lookup (params, "grant_type");
    }
}

static void
on_signed_in (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  TokenRun *run = user_data;

  run->token = oa2_desktop_sign_in_run_finish (OA2_DESKTOP_SIGN_IN (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

static int
run_grant (const Grant  *grant,
           TokenOptions *opts,
           const char   *command)
{
  g_autoptr(OA2ClientAuth) auth = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(OA2DPoPKey) dpop_key = NULL;
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(OA2TokenExchangeRequest) exchange = NULL;
  g_autoptr(OA2BackchannelAuthenticationResponse) pending = NULL;
  g_autoptr(OA2TokenPoller) poller = NULL;
  g_autoptr(OA2DesktopSignIn) sign_in = NULL;
  AuthorizeOptions prepare = { 0 };
  g_autoptr(OA2Jwk) request_object_key = NULL;
  const char * const *resources = (const char * const *) opts->request.resources;
  char *refresh_token = NULL;   /* secret */
  char *password = NULL;        /* secret */
  char *code = NULL;            /* secret */
  char *code_verifier = NULL;   /* secret */
  char *assertion = NULL;       /* secret */
  TokenRun run = { 0 };
  guint sigint_id, sigterm_id;
  int status;

  /* Everything the command line can get wrong, before any I/O. */
  status = refuse_argv_secrets (opts, command);
  if (status != TOOL_EXIT_OK)
    return status;
  status = tool_client_options_check (&opts->client, command, &opts->device_authorization_endpoint,
                                      &opts->backchannel_endpoint);
  if (status != TOOL_EXIT_OK)
    return status;
  if (grant->kind == GRANT_AUTHORIZE &&
      (opts->client.token_endpoint == NULL || *opts->client.token_endpoint == '\0'))
    return tool_usage_error (command, _("--token-endpoint is required"));
  if (IS_ENDPOINT_COMMAND (grant->kind) &&
      (opts->endpoint == NULL || *opts->endpoint == '\0') ==
      (opts->client.issuer == NULL || *opts->client.issuer == '\0'))
    return tool_usage_error (command, grant->kind == GRANT_REVOKE
                                      ? _("Give exactly one of --revocation-endpoint and --issuer")
                                      : _("Give exactly one of --introspection-endpoint and --issuer"));
  if (grant->kind != GRANT_AUTHORIZE && !IS_ENDPOINT_COMMAND (grant->kind) &&
      (opts->client.token_endpoint == NULL || *opts->client.token_endpoint == '\0') ==
      (opts->client.issuer == NULL || *opts->client.issuer == '\0'))
    return tool_usage_error (command, _("Give exactly one of --token-endpoint and --issuer"));
  if (opts->timeout != -1 && opts->timeout < 1)
    return tool_usage_error (command, _("--timeout must be at least 1 second"));
  if (opts->json && opts->output != NULL)
    return tool_usage_error (command, _("Give either --json or --output"));
  if (opts->json && opts->access_token_only)
    return tool_usage_error (command, _("Give either --json or --access-token-only"));
  if (count_stdin_sources (opts) > 1)
    return tool_usage_error (command, _("Only one secret can come from standard input"));
  /* A stored DPoP token holds its key, which cannot leave its token. */
  if (tool_is_token_uri (opts->client.dpop_key_file) &&
      (opts->client.dpop_key_out != NULL || opts->json || opts->output != NULL))
    return tool_usage_error (command, _("A --dpop-key held in a PKCS#11 token cannot be saved: drop --dpop-key-out, --json and --output"));
  if (opts->max_response_size != -1 &&
      (opts->max_response_size < 1024 || opts->max_response_size > G_MAXUINT))
    /* Translators: %u is the largest size allowed, in bytes */
    return tool_usage_error (command, _("--max-response-size must be between 1024 and %u bytes"), G_MAXUINT);

  switch (grant->kind)
    {
    case GRANT_AUTHORIZATION_CODE:
      if (!exactly_one (opts->code_env, opts->code_file, NULL))
        return tool_usage_error (command, _("Give the authorization code with exactly one of --code-env and --code-file"));
      if (opts->code_verifier_env != NULL && opts->code_verifier_file != NULL)
        return tool_usage_error (command, _("Give the code verifier either with --code-verifier-env or with --code-verifier-file"));
      break;
    case GRANT_REFRESH:
      if (!exactly_one (opts->refresh_token_env, opts->refresh_token_file, opts->token_file))
        return tool_usage_error (command, _("Give the refresh token with exactly one of --refresh-token-env, --refresh-token-file and --token-file"));
      break;
    case GRANT_PASSWORD:
      if (opts->username == NULL || *opts->username == '\0')
        return tool_usage_error (command, _("--username is required"));
      if (!exactly_one (opts->password_env, opts->password_file, NULL))
        return tool_usage_error (command, _("Give the password with exactly one of --password-env and --password-file"));
      break;
    case GRANT_JWT_BEARER:
      if (!exactly_one (opts->assertion_env, opts->assertion_file, NULL))
        return tool_usage_error (command, _("Give the assertion with exactly one of --assertion-env and --assertion-file"));
      break;
    case GRANT_SAML2_BEARER:
      if (!exactly_one (opts->assertion_env, opts->assertion_file, NULL))
        return tool_usage_error (command, _("Give the SAML assertion with exactly one of --assertion-file and --assertion-env"));
      break;
    case GRANT_CIBA:
      if (!exactly_one (opts->login_hint, opts->login_hint_token_file, opts->id_token_hint_file))
        return tool_usage_error (command, _("Name the user with exactly one of --login-hint, --login-hint-token-file and --id-token-hint-file"));
      if (opts->requested_expiry < 0)
        return tool_usage_error (command, _("--requested-expiry must be a positive number of seconds"));
      if (opts->client.issuer == NULL && opts->backchannel_endpoint == NULL)
        return tool_usage_error (command, _("--token-endpoint needs --backchannel-authentication-endpoint"));
      break;
    case GRANT_REVOKE:
    case GRANT_INTROSPECT:
      if (!exactly_one (opts->token_file, opts->token_env, opts->bare_token_file))
        return tool_usage_error (command, _("Give the token with exactly one of --token-file, --token-env and --bare-token-file"));
      if (opts->jwt_response && opts->client.issuer == NULL)
        return tool_usage_error (command, _("--jwt-response needs --issuer, whose metadata names the server’s keys"));
      break;
    case GRANT_TOKEN_EXCHANGE:
      if (!exactly_one (opts->token_file, opts->subject_token_env, opts->subject_token_file))
        return tool_usage_error (command, _("Give the subject token with exactly one of --token-file, --subject-token-env and --subject-token-file"));
      if (opts->token_file != NULL && opts->subject_token_type != NULL)
        return tool_usage_error (command, _("--token-file sends an access token: drop --subject-token-type"));
      if (opts->token_file == NULL && opts->subject_token_type == NULL)
        return tool_usage_error (command, _("--subject-token-env and --subject-token-file need --subject-token-type"));
      if (opts->actor_token_env != NULL && opts->actor_token_file != NULL)
        return tool_usage_error (command, _("Give the actor token either with --actor-token-env or with --actor-token-file"));
      if ((opts->actor_token_env != NULL || opts->actor_token_file != NULL) != (opts->actor_token_type != NULL))
        return tool_usage_error (command, _("An actor token and --actor-token-type go together"));
      break;
    case GRANT_AUTHORIZE:
      if (opts->authorization_endpoint == NULL || *opts->authorization_endpoint == '\0')
        return tool_usage_error (command, _("--authorization-endpoint is required"));
      if (opts->redirect_uri != NULL && *opts->redirect_uri == '\0')
        return tool_usage_error (command, _("--redirect-uri is empty"));
      if (opts->redirect_uri == NULL && opts->callback_file != NULL)
        return tool_usage_error (command, _("--callback-file goes with --redirect-uri"));
      if (opts->redirect_uri != NULL &&
          (opts->loopback_path != NULL || opts->ipv6 || opts->no_browser || opts->browser_timeout != -1))
        return tool_usage_error (command, _("--loopback-path, --ipv6, --no-browser and --browser-timeout go without --redirect-uri"));
      if (opts->browser_timeout != -1 && opts->browser_timeout < 1)
        return tool_usage_error (command, _("--browser-timeout must be at least 1 second"));
      if (opts->par && opts->par_endpoint == NULL)
        return tool_usage_error (command, _("--par needs --par-endpoint"));
      if (opts->par_endpoint != NULL && !opts->par)
        return tool_usage_error (command, _("--par-endpoint goes with --par"));
      if (opts->request_object_alg != NULL && opts->request_object_key_file == NULL)
        return tool_usage_error (command, _("--request-object-alg goes with --request-object-key"));
      if (opts->encrypt_request_object && (opts->request_object_key_file == NULL || opts->jwks_uri == NULL))
        return tool_usage_error (command, _("--encrypt-request-object needs --request-object-key and --jwks-uri"));
      if (opts->redirect_uri != NULL && opts->response_mode != NULL &&
          (g_str_equal (opts->response_mode, "form_post") || g_str_equal (opts->response_mode, "form_post.jwt")))
        return tool_usage_error (command, _("A form_post response cannot be pasted: use another --response-mode"));
      /* A browser keeps the fragment to itself: the loopback receiver
       * never sees it. */
      if (opts->redirect_uri == NULL && opts->response_mode != NULL &&
          (g_str_equal (opts->response_mode, "fragment") || g_str_equal (opts->response_mode, "fragment.jwt")))
        return tool_usage_error (command, _("A browser never sends a fragment to the loopback receiver: use "
                                            "another --response-mode, or paste the address with --redirect-uri"));
      if (opts->redirect_uri != NULL && (opts->callback_file == NULL || strcmp (opts->callback_file, "-") == 0) &&
          count_stdin_sources (opts) > 0)
        return tool_usage_error (command, _("The redirected address comes from standard input: no other secret can"));
      break;
    case GRANT_DEVICE:
      if (opts->client.token_endpoint != NULL && opts->device_authorization_endpoint == NULL)
        return tool_usage_error (command, _("With --token-endpoint, --device-authorization-endpoint is required"));
      if (opts->client.issuer != NULL && opts->device_authorization_endpoint != NULL)
        return tool_usage_error (command, _("--device-authorization-endpoint goes with --token-endpoint; --issuer discovers it"));
      break;
    case GRANT_CLIENT_CREDENTIALS:
    case GRANT_REQUEST:
    default:
      break;
    }

  params = parse_params (grant, opts, command, &status);
  if (params == NULL)
    return status;

  auth = tool_client_options_build_auth (&opts->client, command, &status);
  if (status != TOOL_EXIT_OK)
    return status;

  if (!tool_client_options_new_session (&opts->client, command, &session, &status))
    return status;

  /* The grant's own secrets. */
  if (grant->kind == GRANT_REFRESH)
    {
      if (opts->token_file != NULL)
        {
          g_autoptr(OA2BearerToken) stored = NULL;
          char *json = tool_read_secret (NULL, opts->token_file, _("the stored token"), &error);

          if (json == NULL)
            return tool_usage_error (command, "%s", error->message);
          stored = oa2_bearer_token_new_from_json (json, &error);
          tool_secret_free (json);
          if (stored == NULL)
            /* Translators: the first %s is a file name, the second an error message */
            return tool_usage_error (command, _("%s does not hold a stored token: %s"), opts->token_file, error->message);
          if (oa2_bearer_token_get_refresh_token (stored) == NULL)
            /* Translators: %s is a file name */
            return tool_usage_error (command, _("The token in %s has no refresh token"), opts->token_file);
          refresh_token = g_strdup (oa2_bearer_token_get_refresh_token (stored));
          /* A DPoP-bound token is renewed with its own key: the server
           * binds a public client's refresh token to it. */
          if (OA2_IS_DPOP_TOKEN (stored) && opts->client.dpop_key_file == NULL)
            dpop_key = g_object_ref (oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (stored)));
        }
      else
        {
          refresh_token = tool_read_secret (opts->refresh_token_env, opts->refresh_token_file,
                                            _("the refresh token"), &error);
          if (refresh_token == NULL)
            return tool_usage_error (command, "%s", error->message);
        }
    }
  else if (grant->kind == GRANT_PASSWORD)
    {
      password = tool_read_secret (opts->password_env, opts->password_file, _("the password"), &error);
      if (password == NULL)
        return tool_usage_error (command, "%s", error->message);
    }
  else if (grant->kind == GRANT_TOKEN_EXCHANGE)
    {
      exchange = tool_exchange_request_from_options (opts, command, &status);
      if (exchange == NULL)
        return status;
    }
  else if (grant->kind == GRANT_JWT_BEARER)
    {
      assertion = tool_read_secret (opts->assertion_env, opts->assertion_file, _("the assertion"), &error);
      if (assertion == NULL)
        return tool_usage_error (command, "%s", error->message);
    }
  else if (grant->kind == GRANT_SAML2_BEARER)
    {
      assertion = tool_read_secret (opts->assertion_env, opts->assertion_file, _("the SAML assertion"), &error);
      if (assertion == NULL)
        return tool_usage_error (command, "%s", error->message);
    }
  else if (grant->kind == GRANT_AUTHORIZATION_CODE)
    {
      code = tool_read_secret (opts->code_env, opts->code_file, _("the authorization code"), &error);
      if (code == NULL)
        return tool_usage_error (command, "%s", error->message);
      if (opts->code_verifier_env != NULL || opts->code_verifier_file != NULL)
        {
          code_verifier = tool_read_secret (opts->code_verifier_env, opts->code_verifier_file,
                                            _("the code verifier"), &error);
          if (code_verifier == NULL)
            {
              tool_secret_free (code);
              return tool_usage_error (command, "%s", error->message);
            }
        }
    }

  if (opts->client.dpop && dpop_key == NULL)
    {
      dpop_key = tool_client_options_load_dpop_key (&opts->client, command, &status);
      if (dpop_key == NULL)
        {
          tool_secret_free (refresh_token);
          tool_secret_free (password);
          tool_secret_free (code);
          tool_secret_free (code_verifier);
          tool_secret_free (assertion);
          return status;
        }
    }

  if (opts->client.issuer != NULL && grant->kind != GRANT_AUTHORIZE)
    {
      client = tool_client_options_new_client (&opts->client, auth, session, &status);
      if (client == NULL)
        {
          tool_secret_free (refresh_token);
          tool_secret_free (password);
          tool_secret_free (code);
          tool_secret_free (code_verifier);
          tool_secret_free (assertion);
          return status;
        }
    }
  else if (grant->kind == GRANT_REVOKE)
    client = g_object_new (OA2_TYPE_CLIENT, "revocation-endpoint", opts->endpoint, "client-auth", auth,
                           "session", session, NULL);
  else if (grant->kind == GRANT_INTROSPECT)
    client = g_object_new (OA2_TYPE_CLIENT, "introspection-endpoint", opts->endpoint, "client-auth", auth,
                           "session", session, NULL);
  else
    client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", opts->client.token_endpoint, "client-auth", auth,
                           "session", session,
                           "authorization-endpoint", opts->authorization_endpoint,
                           "pushed-authorization-request-endpoint", opts->par_endpoint,
                           "issuer", opts->client.issuer,
                           "jwks-uri", opts->jwks_uri,
                           "backchannel-authentication-endpoint", opts->backchannel_endpoint,
                           "authorization-response-iss-parameter-supported", opts->require_iss,
                           "device-authorization-endpoint", opts->device_authorization_endpoint, NULL);
  if (opts->timeout != -1)
    oa2_client_set_timeout (client, (guint) opts->timeout);
  if (opts->max_response_size != -1)
    oa2_client_set_max_response_size (client, (guint) opts->max_response_size);

  if (IS_ENDPOINT_COMMAND (grant->kind))
    return tool_run_endpoint_command (grant, client, opts, command);

  loop = g_main_loop_new (NULL, FALSE);
  cancellable = g_cancellable_new ();
  run.loop = loop;
  run.cancellable = cancellable;
  sigint_id = g_unix_signal_add (SIGINT, on_signal, &run);
  sigterm_id = g_unix_signal_add (SIGTERM, on_signal, &run);

  prepare.opts = opts;
  prepare.params = params;
  prepare.dpop_key = dpop_key;
  prepare.cancellable = cancellable;
  if (grant->kind == GRANT_AUTHORIZE && opts->request_object_key_file != NULL)
    {
      request_object_key = tool_load_jwk (command, opts->request_object_key_file, &status);
      if (request_object_key == NULL)
        {
          g_source_remove (sigint_id);
          g_source_remove (sigterm_id);
          return status;
        }
      prepare.request_object_key = request_object_key;
    }
  if (grant->kind == GRANT_AUTHORIZE && opts->redirect_uri == NULL)
    {
      sign_in = tool_new_loopback_sign_in (client, opts, dpop_key, &prepare, command, &status);
      if (sign_in == NULL)
        {
          g_source_remove (sigint_id);
          g_source_remove (sigterm_id);
          return status;
        }
      oa2_desktop_sign_in_run_async (sign_in, cancellable, on_signed_in, &run);
    }
  else if (grant->kind == GRANT_AUTHORIZE)
    {
      response = tool_authorize_interactively (client, &prepare, command, &status);
      if (response == NULL)
        {
          g_source_remove (sigint_id);
          g_source_remove (sigterm_id);
          return status;
        }
    }

  if (grant->kind == GRANT_CIBA)
    {
      pending = tool_ciba_start (client, opts, params, cancellable, command, &status);
      if (pending == NULL)
        {
          g_source_remove (sigint_id);
          g_source_remove (sigterm_id);
          return status;
        }
    }

  if (sign_in == NULL)
  {
    GHashTable *extra = g_hash_table_size (params) > 0 ? params : NULL;

    switch (grant->kind)
      {
      case GRANT_CLIENT_CREDENTIALS:
        run.finish = oa2_client_client_credentials_finish;
        oa2_client_client_credentials_async (client, opts->scope, resources, extra,
                                             dpop_key, cancellable, on_token, &run);
        break;
      case GRANT_AUTHORIZATION_CODE:
        run.finish = oa2_client_authorization_code_finish;
        oa2_client_authorization_code_async (client, code, opts->redirect_uri, code_verifier,
                                             resources, extra, dpop_key, cancellable, on_token, &run);
        break;
      case GRANT_REFRESH:
        run.finish = oa2_client_refresh_token_finish;
        oa2_client_refresh_token_async (client, refresh_token, opts->scope, resources, extra,
                                        dpop_key, cancellable, on_token, &run);
        break;
      case GRANT_PASSWORD:
        run.finish = oa2_client_resource_owner_password_finish;
        oa2_client_resource_owner_password_async (client, opts->username, password, opts->scope,
                                                  resources, extra, dpop_key, cancellable, on_token, &run);
        break;
      case GRANT_JWT_BEARER:
        run.finish = oa2_client_jwt_bearer_finish;
        oa2_client_jwt_bearer_async (client, assertion, opts->scope, resources, extra,
                                     dpop_key, cancellable, on_token, &run);
        break;
      case GRANT_SAML2_BEARER:
        {
          /* The library encodes the XML before this returns. */
          g_autoptr(GBytes) xml = g_bytes_new_static (assertion, strlen (assertion));

          run.finish = oa2_client_saml2_bearer_finish;
          oa2_client_saml2_bearer_async (client, xml, opts->scope, resources, extra,
                                         dpop_key, cancellable, on_token, &run);
        }
        break;
      case GRANT_TOKEN_EXCHANGE:
        /* RFC 8693 §2.2.1: a token of another type, printed on its own. */
        if (tool_exchange_wants_issued (opts))
          {
            /* The issued-token exchange sends no DPoP proof. */
            if (dpop_key != NULL)
              status = tool_usage_error (command, _("--dpop and a DPoP-bound --token-file ask for an access token; "
                                                    "they cannot be combined with --any-token-type or a "
                                                    "--requested-token-type other than access_token"));
            else
              status = tool_exchange_issued_run (client, opts, exchange, resources, extra, cancellable);
            g_source_remove (sigint_id);
            g_source_remove (sigterm_id);
            return status;
          }
        run.finish = oa2_client_token_exchange_finish;
        oa2_client_token_exchange_async (client, exchange, opts->scope, resources, extra,
                                         dpop_key, cancellable, on_token, &run);
        break;
      case GRANT_CIBA:
        poller = oa2_token_poller_new_for_backchannel (client, pending, dpop_key);
        oa2_token_poller_poll_async (poller, cancellable, on_polled, &run);
        break;
      case GRANT_AUTHORIZE:
        run.finish = oa2_client_exchange_authorization_response_finish;
        oa2_client_exchange_authorization_response_async (client, response, dpop_key, cancellable, on_token, &run);
        break;
      case GRANT_DEVICE:
        run.finish = tool_device_flow_finish;
        tool_device_flow_async (client, opts->scope, resources, extra, dpop_key, cancellable, on_token, &run);
        break;
      case GRANT_REQUEST:
      default:
        run.finish = oa2_client_token_request_finish;
        oa2_client_token_request_async (client, params, resources, dpop_key, cancellable, on_token, &run);
        break;
      }
  }

  /* The library copied what it needs. */
  tool_secret_free (g_steal_pointer (&password));
  tool_secret_free (g_steal_pointer (&code));
  tool_secret_free (g_steal_pointer (&code_verifier));
  tool_secret_free (g_steal_pointer (&assertion));

  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  if (prepare.error != NULL)
    {
      g_clear_error (&run.error);
      g_clear_object (&run.token);
      status = tool_usage_error (command, "%s", prepare.error->message);
      g_clear_error (&prepare.error);
      tool_secret_free (refresh_token);
      return status;
    }
  if (run.token == NULL)
    {
      status = tool_report_error (run.error);
      g_clear_error (&run.error);
      tool_secret_free (refresh_token);
      return status;
    }

  status = tool_token_output (client, opts, grant_type_of (grant, params), run.token, refresh_token);
  tool_secret_free (refresh_token);
  g_clear_object (&run.token);
  return status;
}

/* ------------------------------------------------------------------------ */
/* oa2 token GRANT [OPTION…] */

static int
grant_main (const Grant *grant,
            int          argc,
            char       **argv)
{
  g_autofree char *command = grant->kind == GRANT_AUTHORIZE || grant->kind == GRANT_TOKEN_EXCHANGE ||
                             grant->kind == GRANT_CIBA || grant->kind == GRANT_DEVICE ||
                             IS_ENDPOINT_COMMAND (grant->kind)
                             ? g_strdup_printf ("oa2 %s", grant->name)
                             : g_strdup_printf ("oa2 token %s", grant->name);
  g_autofree char *description = NULL;
  g_autofree GOptionEntry *entries = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  TokenOptions opts = { .timeout = -1, .max_response_size = -1, .browser_timeout = -1 };
  int status;

  g_set_prgname (command);
  entries = build_entries (grant, &opts);

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(grant->description));
  if (IS_ENDPOINT_COMMAND (grant->kind))
    description = g_strdup (_("Secrets are never taken from the command line, where other users see them\n"
                              "with ps: the token and the client secret come from environment variables\n"
                              "or files (“-” reads standard input; one trailing newline is dropped).\n"
                              "Client authentication is as for “oa2 token”.\n"
                              "\n"
                              "Set G_MESSAGES_DEBUG=OA2 to see the HTTP exchanges on standard error,\n"
                              "with every secret redacted.\n"
                              "\n"
                              "Exit status: 0 when the server answered (for “oa2 introspect”, whether\n"
                              "the token is active or not: read “active”); 1 when the request failed\n"
                              "(an OAuth error from the server, another HTTP status, the network, a\n"
                              "refused response); 2 on a usage error; 130 when interrupted."));
  else
    description = g_strdup (common_description ());
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      status = tool_usage_error (command, "%s", error->message);
      token_options_clear (&opts);
      return status;
    }
  if (argc > 1)
    {
      /* Translators: %s is a command-line argument */
      status = tool_usage_error (command, _("Unexpected argument “%s”"), argv[1]);
      token_options_clear (&opts);
      return status;
    }

  status = run_grant (grant, &opts, command);
  token_options_clear (&opts);
  return status;
}

int
tool_token_main (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *grants_text = grants_description ();

  g_set_prgname ("oa2 token");

  context = g_option_context_new (_("GRANT [OPTION…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Ask a token endpoint for a token, with any grant, and print a summary\n"
                                           "of it without secrets (or the whole token with --json)."));
  description = g_strdup_printf ("%s\n\n%s", grants_text, common_description ());
  g_option_context_set_description (context, description);
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return tool_usage_error ("oa2 token", "%s", error->message);

  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return TOOL_EXIT_USAGE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (grants); i++)
    if (strcmp (argv[1], grants[i].name) == 0)
      return grant_main (&grants[i], argc - 1, argv + 1);

  /* Translators: %s is what the user gave as a grant */
  return tool_usage_error ("oa2 token", _("Unknown grant “%s”"), argv[1]);
}

/* ------------------------------------------------------------------------ */
/* oa2 authorize [OPTION…] */

int
tool_authorize_main (int    argc,
                     char **argv)
{
  return grant_main (&authorize_command, argc, argv);
}

/* ------------------------------------------------------------------------ */
/* oa2 exchange [OPTION…] */

int
tool_exchange_main (int    argc,
                    char **argv)
{
  return grant_main (&exchange_command, argc, argv);
}

/* ------------------------------------------------------------------------ */
/* oa2 revoke, oa2 introspect [OPTION…] */

int
tool_revoke_main (int    argc,
                  char **argv)
{
  return grant_main (&revoke_command, argc, argv);
}

int
tool_introspect_main (int    argc,
                      char **argv)
{
  return grant_main (&introspect_command, argc, argv);
}

/* ------------------------------------------------------------------------ */
/* oa2 ciba [OPTION…] */

int
tool_ciba_main (int    argc,
                char **argv)
{
  return grant_main (&ciba_command, argc, argv);
}

/* ------------------------------------------------------------------------ */
/* oa2 device [OPTION…] */

int
tool_device_main (int    argc,
                  char **argv)
{
  return grant_main (&device_command, argc, argv);
}
