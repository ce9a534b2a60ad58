/* oa2-api.c: "oa2 api": one request to an API through OA2ApiClient, with a
 * token that is renewed when it must be
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "oa2-client-options.h"

/* A token used as it is: without a token endpoint there is nothing to
 * renew it with. An OA2Auth subclass, as applications may write. */
#define TOOL_TYPE_FIXED_AUTH (tool_fixed_auth_get_type ())
G_DECLARE_FINAL_TYPE (ToolFixedAuth, tool_fixed_auth, TOOL, FIXED_AUTH, OA2Auth)

struct _ToolFixedAuth
{
  OA2Auth parent_instance;
};

G_DEFINE_FINAL_TYPE (ToolFixedAuth, tool_fixed_auth, OA2_TYPE_AUTH)

static GError *
cannot_renew (void)
{
  return g_error_new_literal (OA2_ERROR, OA2_ERROR_SIGN_IN_REQUIRED,
                              _("The token has expired or was refused, and without --token-endpoint "
                                "it cannot be renewed"));
}

static OA2BearerToken *
fixed_renew (OA2Auth         *auth,
             OA2BearerToken  *current,
             GCancellable    *cancellable,
             GError         **error)
{
  g_propagate_error (error, cannot_renew ());
  return NULL;
}

static void
fixed_renew_async (OA2Auth             *auth,
                   OA2BearerToken      *current,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_task_report_error (auth, callback, user_data, fixed_renew_async, cannot_renew ());
}

static OA2BearerToken *
fixed_renew_finish (OA2Auth       *auth,
                    GAsyncResult  *result,
                    GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
tool_fixed_auth_class_init (ToolFixedAuthClass *klass)
{
  OA2AuthClass *auth_class = OA2_AUTH_CLASS (klass);

  auth_class->renew = fixed_renew;
  auth_class->renew_async = fixed_renew_async;
  auth_class->renew_finish = fixed_renew_finish;
}

static void
tool_fixed_auth_init (ToolFixedAuth *self)
{
}

/* The token: stored (as "oa2 token --output" writes it) in --token-file,
 * or bare in an environment variable; never on the command line. */
static OA2BearerToken *
load_token (const char  *path,
            const char  *env_var,
            GError     **error)
{
  OA2BearerToken *token;
  guint shared_mode;
  gsize len;
  char *text;

  if (env_var != NULL)
    {
      const char *value = g_getenv (env_var);

      if (value == NULL || *value == '\0')
        {
          /* Translators: %s is the name of an environment variable */
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("The environment variable %s is not set"),
                       env_var);
          return NULL;
        }
      return oa2_bearer_token_new (value, NULL, error);
    }
  text = tool_read_input (path, &len, &shared_mode, error);
  if (text == NULL)
    return NULL;
  token = oa2_bearer_token_new_from_json (text, error);
  tool_secret_free (text);
  return token;
}

/* "https://api.example/v1/things?a=1" → base "https://api.example/v1/",
 * path "things", and the query into @query. */
static gboolean
split_url (const char  *url,
           char       **out_base,
           char       **out_path,
           GHashTable  *query,
           GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, error);
  const char *path, *slash;
  g_autofree char *dir = NULL;

  if (uri == NULL)
    return FALSE;
  if (g_uri_get_query (uri) != NULL)
    {
      g_autoptr(GHashTable) params = g_uri_parse_params (g_uri_get_query (uri), -1, "&",
                                                         G_URI_PARAMS_WWW_FORM, error);
      GHashTableIter iter;
      gpointer name, value;

      if (params == NULL)
        return FALSE;
      g_hash_table_iter_init (&iter, params);
      while (g_hash_table_iter_next (&iter, &name, &value))
        g_hash_table_replace (query, g_strdup (name), g_strdup (value));
    }
  path = g_uri_get_path (uri);
  slash = strrchr (path, '/');
  dir = slash != NULL ? g_strndup (path, slash - path + 1) : g_strdup ("/");
  *out_base = g_uri_join (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                          g_uri_get_port (uri), dir, NULL, NULL);
  *out_path = g_strdup (slash != NULL ? slash + 1 : path);
  return TRUE;
}

/* Opens --data-file for streaming: a regular file with its length, standard
 * input (or a pipe) to be sent chunked. */
static GInputStream *
open_body (const char  *data_file,
           goffset     *length,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (g_str_equal (data_file, "-") ? "/dev/stdin" : data_file);
  g_autoptr(GFileInputStream) input = g_file_read (file, NULL, error);
  g_autoptr(GFileInfo) info = NULL;

  if (input == NULL)
    return NULL;
  *length = -1;
  info = g_file_input_stream_query_info (input, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                         NULL, NULL);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
    *length = g_file_info_get_size (info);
  return G_INPUT_STREAM (g_steal_pointer (&input));
}

/* A redirect returned (--no-follow-redirects, or one that cannot be
 * followed) says where it points. */
static void
print_location (OA2ApiResponse *response)
{
  const char *location = soup_message_headers_get_one (oa2_api_response_get_headers (response), "Location");
  guint status = oa2_api_response_get_status (response);

  if (status >= 300 && status < 400 && location != NULL)
    {
      /* Translators: a response header, as HTTP writes it; keep "Location" */
      fputs (_("Location: "), stderr);
      tool_fput_untrusted (stderr, location);
      fputc ('\n', stderr);
    }
}

/* --stream: the body goes as it is read, the answer is written as it comes,
 * byte for byte. */
static int
send_streamed (OA2ApiClient *api,
               const char   *method,
               const char   *path,
               GHashTable   *query,
               const char   *data_file,
               const char   *content_type,
               gboolean      no_raise)
{
  OA2ApiRequestFlags flags = OA2_API_REQUEST_STREAM_RESPONSE |
                             (no_raise ? OA2_API_REQUEST_NO_RAISE_FOR_STATUS : OA2_API_REQUEST_DEFAULT);
  g_autoptr(GInputStream) body = NULL;
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  GInputStream *answer;
  goffset length = -1;

  if (data_file != NULL)
    {
      body = open_body (data_file, &length, &error);
      if (body == NULL)
        return tool_usage_error ("oa2 api", "%s", error->message);
      response = oa2_api_client_request_stream (api, method, path, query, body, length, content_type, flags,
                                                NULL, &error);
    }
  else
    response = oa2_api_client_request (api, method, path, query, NULL, NULL, flags, NULL, &error);
  if (response == NULL)
    return tool_report_error (error);

  fprintf (stderr, _("HTTP %u %s\n"), oa2_api_response_get_status (response),
           oa2_api_response_get_reason (response));
  print_location (response);
  answer = oa2_api_response_get_stream (response);
  if (answer == NULL)
    {
      gsize size;
      const char *data = g_bytes_get_data (oa2_api_response_get_body (response), &size);

      fwrite (data, 1, size, stdout);
    }
  else
    for (;;)
      {
        char buffer[64 * 1024];
        gssize n = g_input_stream_read (answer, buffer, sizeof buffer, NULL, &error);

        if (n < 0)
          return tool_report_error (error);
        if (n == 0)
          break;
        if (fwrite (buffer, 1, (gsize) n, stdout) != (gsize) n)
          break;
      }
  fflush (stdout);
  return oa2_api_response_get_status (response) >= 400 ? TOOL_EXIT_FAILURE : TOOL_EXIT_OK;
}

int
tool_api_main (int    argc,
               char **argv)
{
  const char *command = "oa2 api";
  g_autofree char *token_file = NULL;
  g_autofree char *token_env = NULL;
  g_auto(ToolClientOptions) client_opts = { 0 };
  g_auto(ToolRequestParamOptions) request_opts = { 0 };
  g_autoptr(GHashTable) extra_params = NULL;
  g_autoptr(GArray) client_entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  g_autofree char *scope = NULL;
  g_autofree char *data_file = NULL;
  g_autofree char *content_type = NULL;
  g_auto(GStrv) headers = NULL;
  g_auto(GStrv) params = NULL;
  gboolean client_credentials = FALSE;
  gboolean no_raise = FALSE;
  gboolean stream = FALSE;
  gboolean no_follow = FALSE;
  g_autofree char *api_ca_file = NULL;
  const GOptionEntry entries[] = {
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file,
      N_("Send the token stored by “oa2 token --output” in this file (“-”: standard input)"), N_("FILE") },
    { "access-token-env", 0, 0, G_OPTION_ARG_STRING, &token_env,
      N_("Send the bare access token (Bearer) in this environment variable"), N_("VAR") },
    { "client-credentials", 0, 0, G_OPTION_ARG_NONE, &client_credentials,
      N_("Get the token with the client credentials grant (needs --client-id and --token-endpoint, "
         "--issuer or --preset)"), NULL },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope,
      N_("The scope to ask for with --client-credentials"), N_("SCOPE") },
    { "data-file", 0, 0, G_OPTION_ARG_FILENAME, &data_file,
      N_("Send the contents of this file as the request body (“-”: standard input)"), N_("FILE") },
    { "content-type", 0, 0, G_OPTION_ARG_STRING, &content_type,
      N_("The media type of the body (default: application/json)"), N_("TYPE") },
    { "header", 0, 0, G_OPTION_ARG_STRING_ARRAY, &headers,
      N_("Add a request header (repeatable)"), N_("NAME:VALUE") },
    { "query", 0, 0, G_OPTION_ARG_STRING_ARRAY, &params,
      N_("Add a query parameter, encoded for you (repeatable)"), N_("NAME=VALUE") },
    { "no-raise-for-status", 0, 0, G_OPTION_ARG_NONE, &no_raise,
      N_("Print the body of a failure status too, and exit with 1"), NULL },
    { "stream", 0, 0, G_OPTION_ARG_NONE, &stream,
      N_("Send --data-file as it is read and write the response body as it arrives, with no size limit "
         "(a refused token is then not retried)"), NULL },
    { "no-follow-redirects", 0, 0, G_OPTION_ARG_NONE, &no_follow,
      N_("Print a redirect (its status and Location) instead of following it"), NULL },
    { "api-ca-file", 0, 0, G_OPTION_ARG_FILENAME, &api_ca_file,
      N_("Trust only the CA certificates of this PEM file for the API’s certificate"), N_("PATH") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2ClientAuth) client_auth = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(OA2DPoPKey) dpop_key = NULL;
  g_autoptr(OA2Auth) auth = NULL;
  g_autoptr(OA2ApiClient) api = NULL;
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(GHashTable) query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *base = NULL;
  g_autofree char *path = NULL;
  guint sources;
  gboolean client_wanted;
  int status;
  gsize size;
  const char *data;

  context = tool_option_context_new (command, "METHOD URL",
                                     _("Send one request to an API with a token, through OA2ApiClient, and\n"
                                       "print the response body. The token is renewed when it has expired or\n"
                                       "the API refuses it (401 invalid_token): with its refresh token, or with\n"
                                       "the client credentials grant. A DPoP-bound token is sent with a fresh\n"
                                       "proof, and once more with the nonce the API asks for."),
                                     _("The token and the client secret are read from files or environment\n"
                                       "variables, never from the command line. Redirects are followed, the\n"
                                       "token only to the URL's origin (see OA2ApiClient), unless\n"
                                       "--no-follow-redirects is given.\n"
                                       "\n"
                                       "The client options (the server, the client authentication, --dpop) are\n"
                                       "those of “oa2 token client-credentials”; they serve the token endpoint.\n"
                                       "With --auth tls_client_auth or self_signed_tls_client_auth, the API\n"
                                       "requests present --cert too, for tokens bound to it (RFC 8705), over\n"
                                       "https only. --ca-file is for the token endpoint, --api-ca-file for the\n"
                                       "API.\n"
                                       "\n"
                                       "Exit status: 0 for a status below 400; 1 for a failure status or a\n"
                                       "refused token; 2 on a usage error."),
                                     entries);
  /* The same options, help and checks as oa2 token: one implementation. */
  tool_client_options_add_server_entries (client_entries, &client_opts);
  tool_client_options_add_auth_entries (client_entries, &client_opts);
  tool_client_options_add_dpop_entries (client_entries, &client_opts, FALSE);
  /* The token request's --resource and --param-env/--param-file, as oa2
   * token client-credentials takes them. */
  tool_request_param_options_add_entries (client_entries, &request_opts);
  g_option_context_add_main_entries (context, (GOptionEntry *) client_entries->data, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return tool_usage_error (command, "%s", error->message);
  if (argc != 3)
    return tool_usage_error (command, "%s", _("Give the method and the URL"));
  sources = (token_file != NULL) + (token_env != NULL) + (client_credentials ? 1 : 0);
  if (sources != 1)
    return tool_usage_error (command, "%s",
                             _("Give exactly one of --token-file, --access-token-env and --client-credentials"));
  status = tool_client_options_check (&client_opts, command, NULL, NULL);
  if (status != TOOL_EXIT_OK)
    return status;
  /* Any client option means a client of the token endpoint, which renews
   * the token. */
  client_wanted = client_credentials || client_opts.token_endpoint != NULL || client_opts.issuer != NULL ||
                  client_opts.client_id != NULL || client_opts.client_secret_env != NULL ||
                  client_opts.client_secret_file != NULL || client_opts.auth != NULL ||
                  client_opts.key_file != NULL || client_opts.cert_file != NULL || client_opts.alg != NULL ||
                  client_opts.raw_basic || client_opts.ca_file != NULL;
  if (client_wanted &&
      (client_opts.token_endpoint == NULL || *client_opts.token_endpoint == '\0') ==
      (client_opts.issuer == NULL || *client_opts.issuer == '\0'))
    return tool_usage_error (command, _("Give exactly one of --token-endpoint and --issuer"));
  if (client_wanted && (client_opts.client_id == NULL || *client_opts.client_id == '\0'))
    return tool_usage_error (command, "%s", _("The token endpoint (--token-endpoint, --issuer or --preset) "
                                              "needs --client-id"));
  status = tool_request_param_options_refuse_argv (&request_opts, command);
  if (status != TOOL_EXIT_OK)
    return status;
  if (scope != NULL && !client_credentials)
    return tool_usage_error (command, "%s", _("--scope goes with --client-credentials"));
  if ((request_opts.resources != NULL || request_opts.param_envs != NULL || request_opts.param_files != NULL) &&
      !client_credentials)
    return tool_usage_error (command, "%s", _("--resource, --param-env and --param-file go with --client-credentials"));
  /* A stored token keeps the key it is bound to. */
  if (client_opts.dpop && !client_credentials)
    return tool_usage_error (command, "%s", _("--dpop goes with --client-credentials"));
  if (tool_client_options_count_stdin (&client_opts) + tool_request_param_options_count_stdin (&request_opts) +
      (g_strcmp0 (token_file, "-") == 0) + (g_strcmp0 (data_file, "-") == 0) > 1)
    return tool_usage_error (command, _("Only one secret can come from standard input"));
  for (guint i = 0; params != NULL && params[i] != NULL; i++)
    {
      const char *equals = strchr (params[i], '=');

      if (equals == NULL)
        return tool_usage_error (command, "%s", _("--query takes NAME=VALUE"));
      g_hash_table_replace (query, g_strndup (params[i], equals - params[i]), g_strdup (equals + 1));
    }
  if (!split_url (argv[2], &base, &path, query, &error))
    return tool_usage_error (command, "%s", error->message);

  if (client_credentials)
    {
      extra_params = tool_request_param_options_read (&request_opts, command, &status);
      if (extra_params == NULL)
        return status;
    }
  if (client_wanted)
    {
      client_auth = tool_client_options_build_auth (&client_opts, command, &status);
      if (status != TOOL_EXIT_OK)
        return status;
      if (client_opts.dpop)
        {
          dpop_key = tool_client_options_load_dpop_key (&client_opts, command, &status);
          if (dpop_key == NULL)
            return status;
        }
      if (!tool_client_options_new_session (&client_opts, command, &session, &status))
        return status;
      client = tool_client_options_new_client (&client_opts, client_auth, session, &status);
      if (client == NULL)
        return status;
    }
  if (client_credentials)
    /* With a DPoP key, the token is DPoP-bound: OA2ApiClient sends a proof
     * with each request and answers the API's use_dpop_nonce. */
    auth = OA2_AUTH (oa2_client_credentials_auth_new_full (client, scope,
                                                           (const char * const *) request_opts.resources,
                                                           extra_params, dpop_key));
  else
    {
      g_autoptr(OA2BearerToken) token = load_token (token_file, token_env, &error);

      if (token == NULL)
        return g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE) ||
               error->domain == G_FILE_ERROR || error->domain == G_IO_ERROR
               ? tool_usage_error (command, "%s", error->message) : tool_report_error (error);
      if (client != NULL)
        auth = OA2_AUTH (oa2_access_token_auth_new (client, token));
      else
        auth = g_object_new (TOOL_TYPE_FIXED_AUTH, "token", token, NULL);
    }

  /* The API's own trust: its server may not be the token endpoint's. */
  {
    ToolClientOptions api_trust = { .ca_file = api_ca_file };
    g_autoptr(SoupSession) api_session = NULL;
    gboolean read = tool_client_options_new_session (&api_trust, command, &api_session, &status);

    api_trust.ca_file = NULL;
    if (!read)
      return status;
    /* A certificate-authenticated client's certificate goes with every
     * request (the library's default), for tokens bound to it. */
    api = oa2_api_client_new_with_session (base, auth, api_session, &error);
  }
  if (api == NULL)
    return tool_usage_error (command, "%s", error->message);
  oa2_api_client_set_follow_redirects (api, !no_follow);
  for (guint i = 0; headers != NULL && headers[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (headers[i], ":", 2);

      if (pair[0] == NULL || pair[1] == NULL || *g_strstrip (pair[0]) == '\0')
        return tool_usage_error (command, "%s", _("--header takes NAME:VALUE"));
      oa2_api_client_set_default_header (api, pair[0], g_strstrip (pair[1]));
    }
  if (stream)
    return send_streamed (api, argv[1], path, query, data_file,
                          content_type != NULL ? content_type : "application/json", no_raise);
  if (data_file != NULL)
    {
      guint shared_mode;
      char *text = tool_read_input (data_file, &size, &shared_mode, &error);

      if (text == NULL)
        return tool_usage_error (command, "%s", error->message);
      body = g_bytes_new_take (text, size);
    }

  response = oa2_api_client_request (api, argv[1], path, query, body,
                                     content_type != NULL ? content_type : "application/json",
                                     no_raise ? OA2_API_REQUEST_NO_RAISE_FOR_STATUS : OA2_API_REQUEST_DEFAULT,
                                     NULL, &error);
  if (response == NULL)
    return tool_report_error (error);

  /* Translators: the HTTP status and its reason, e.g. "HTTP 200 OK" */
  fprintf (stderr, _("HTTP %u %s\n"), oa2_api_response_get_status (response),
           oa2_api_response_get_reason (response));
  print_location (response);
  data = g_bytes_get_data (oa2_api_response_get_body (response), &size);
  if (size > 0)
    {
      fwrite (data, 1, size, stdout);
      if (data[size - 1] != '\n')
        fputc ('\n', stdout);
    }
  return oa2_api_response_get_status (response) >= 400 ? TOOL_EXIT_FAILURE : TOOL_EXIT_OK;
}
