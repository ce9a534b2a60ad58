/* api-client-test.c: OA2ApiClient against an in-process token endpoint and
 * API: paths and the escape table, query parameters, JSON/form/raw bodies,
 * default headers, raise-for-status, the 401 renewal, DPoP with a nonce,
 * redirects not followed when turned off, and 200 concurrent requests through one renewal
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-test-server.h"
#include "oa2-test-thread-server.h"
#include "oa2-test-request-log.h"

#include <string.h>

#include "oa2-api-path-private.h"

#define TOKEN_RESPONSE "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}"
#define CALLERS 200

/* ---------------------------------------------------------------------- */
/* The API, in its own thread. /api/... records each request; the token it
 * accepts is "Bearer <accepted>" (any when accepted is NULL), else 401
 * invalid_token. /api/status/NNN answers NNN; /api/redirect/other and
 * /api/redirect/same answer 302; /api/nonce wants a DPoP nonce once. */

typedef struct {
  OA2TestThreadServer *server;
  OA2TestRequestLog   *seen;
  GMutex        lock;
  char         *accepted;
  char         *redirect_target;
  gboolean      nonce_sent;
} Api;

static void
api_handle (SoupServer        *soup,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Api *api = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");

  oa2_test_request_log_add (api->seen, msg);
  g_mutex_lock (&api->lock);
  if (g_str_has_prefix (path, "/api/status/"))
    {
      soup_server_message_set_status (msg, (guint) g_ascii_strtoull (path + 12, NULL, 10), NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "no such thing\nhere", 18);
    }
  else if (g_str_equal (path, "/api/redirect/other") || g_str_equal (path, "/api/redirect/same"))
    {
      soup_server_message_set_status (msg, 302, NULL);
      soup_message_headers_replace (response_headers, "Location",
                                    g_str_equal (path, "/api/redirect/same") ? "/api/ok" : api->redirect_target);
    }
  else if (g_str_equal (path, "/api/nonce") && !api->nonce_sent)
    {
      api->nonce_sent = TRUE;
      soup_server_message_set_status (msg, 401, NULL);
      soup_message_headers_replace (response_headers, "WWW-Authenticate", "DPoP error=\"use_dpop_nonce\"");
      soup_message_headers_replace (response_headers, "DPoP-Nonce", "api-n1");
    }
  else if (api->accepted != NULL && g_strcmp0 (authorization, api->accepted) != 0)
    {
      soup_server_message_set_status (msg, 401, NULL);
      soup_message_headers_replace (response_headers, "WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }
  else
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{\"ok\":true}", 11);
    }
  g_mutex_unlock (&api->lock);
}

static Api *
api_new (const char *accepted)
{
  Api *api = g_new0 (Api, 1);

  g_mutex_init (&api->lock);
  api->accepted = g_strdup (accepted);
  api->seen = oa2_test_request_log_new ();
  api->server = oa2_test_thread_server_new (api_handle, api);
  return api;
}

static void
api_free (Api *api)
{
  oa2_test_thread_server_free (api->server);
  g_free (api->accepted);
  g_free (api->redirect_target);
  oa2_test_request_log_free (api->seen);
  g_mutex_clear (&api->lock);
  g_free (api);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Api, api_free)

static char *
api_uri (Api        *api,
         const char *path)
{
  return oa2_test_thread_server_uri (api->server, path);
}

static guint
api_hits (Api *api)
{
  return oa2_test_request_log_get_count (api->seen);
}

static const OA2TestRequest *
api_seen (Api   *api,
          guint  i)
{
  return oa2_test_request_log_get (api->seen, i);
}

static OA2Client *
client_for (OA2TestServer *server)
{
  g_autofree char *uri = oa2_test_server_uri (server, "/token");

  return oa2_client_new_with_secret (uri, "c1", "s1");
}

static OA2ApiClient *
api_client_for (Api     *api,
                OA2Auth *auth)
{
  g_autofree char *base = api_uri (api, "/api");
  g_autoptr(GError) error = NULL;
  OA2ApiClient *client = oa2_api_client_new (base, auth, &error);

  g_assert_no_error (error);
  return client;
}

/* ---------------------------------------------------------------------- */
/* Paths */

static void
test_path_table (void)
{
  const char *base = "https://api.example/v1/";
  const struct {
    const char *path;
    const char *expected;   /* NULL: refused with OA2_ERROR_OUTSIDE_BASE_URL */
  } cases[] = {
    { "things", "https://api.example/v1/things" },
    { "/things", "https://api.example/v1/things" },
    { "things/42/parts", "https://api.example/v1/things/42/parts" },
    { "", "https://api.example/v1/" },
    { "a b/ü", "https://api.example/v1/a%20b/%C3%BC" },
    { "already%20encoded", "https://api.example/v1/already%20encoded" },
    { "50%", "https://api.example/v1/50%25" },
    { "a..b/.well-known", "https://api.example/v1/a..b/.well-known" },
    { "%2F", "https://api.example/v1/%2F" },
    { "..", NULL },
    { "../admin", NULL },
    { "things/../../admin", NULL },
    { "things/..", NULL },
    { "./things", NULL },
    { "%2e%2e/admin", NULL },
    { "%2E%2E/admin", NULL },
    { ".%2e/admin", NULL },
    { "things/%2e", NULL },
    { "https://evil.example/", NULL },
    { "http:evil", NULL },
    { "javascript:alert(1)", NULL },
    { "//evil.example/x", NULL },
    { "\\\\evil.example\\x", NULL },
    { "things\\..\\admin", NULL },
    { "things%5c..%5cadmin", NULL },
    { "things%5C..", NULL },
    { "things?admin=1", NULL },
    { "things#frag", NULL },
    { "things%00", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *uri = oa2_api_path_resolve (base, cases[i].path, NULL, &error);

      if (cases[i].expected != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (uri, ==, cases[i].expected);
        }
      else
        {
          if (uri != NULL)
            g_error ("%s was not refused: %s", cases[i].path, uri);
          g_assert_error (error, OA2_ERROR, OA2_ERROR_OUTSIDE_BASE_URL);
        }
    }
}

static void
test_segments_and_base (void)
{
  const char *segments[] = { "a/b", "c d", "ü?#", NULL };
  const char *dots[] = { "things", "..", NULL };
  g_autofree char *path = oa2_api_client_build_path (segments);
  g_autofree char *dotted = oa2_api_client_build_path (dots);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) query = oa2_test_params ("q", "a b&c", "limit", "10", NULL);
  g_autofree char *with_query = NULL;
  g_autofree char *refused = NULL;
  g_autoptr(OA2ApiClient) client = NULL;
  g_autoptr(OA2ApiClient) child = NULL;
  g_autoptr(OA2ApiClient) escaped_child = NULL;
  const char *bad_bases[] = {
    "api.example/v1", "ftp://api.example/", "https:///v1", "https://user:pw@api.example/",
    "https://api.example/v1?x=1", "https://api.example/v1#f",
  };

  g_assert_cmpstr (path, ==, "a%2Fb/c%20d/%C3%BC%3F%23");
  g_assert_cmpstr (dotted, ==, "things/..");
  refused = oa2_api_path_resolve ("https://api.example/", dotted, NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_OUTSIDE_BASE_URL);
  g_clear_error (&error);

  with_query = oa2_api_path_resolve ("https://api.example/", "s", query, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (with_query, ==, "https://api.example/s?limit=10&q=a%20b%26c");

  for (guint i = 0; i < G_N_ELEMENTS (bad_bases); i++)
    {
      g_autoptr(OA2ApiClient) bad = oa2_api_client_new (bad_bases[i], NULL, &error);

      g_assert_null (bad);
      g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }

  client = oa2_api_client_new ("HTTPS://API.example:443/v1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_api_client_get_base_url (client), ==, "https://api.example/v1/");
  g_assert_true (oa2_api_client_get_raise_for_status (client));
  g_assert_cmpuint (oa2_api_client_get_timeout (client), ==, 30);
  g_assert_nonnull (oa2_api_client_get_session (client));
  g_assert_null (oa2_api_client_get_auth (client));
  child = oa2_api_client_new_child (client, "users/42", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_api_client_get_base_url (child), ==, "https://api.example/v1/users/42/");
  g_assert_true (oa2_api_client_get_session (child) == oa2_api_client_get_session (client));
  escaped_child = oa2_api_client_new_child (client, "../admin", &error);
  g_assert_null (escaped_child);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_OUTSIDE_BASE_URL);
}

/* ---------------------------------------------------------------------- */
/* Requests */

static void
test_requests (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(Api) api = api_new ("Bearer at-1");
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2ClientCredentialsAuth) auth = oa2_client_credentials_auth_new (client, "api");
  g_autoptr(OA2ApiClient) api_client = api_client_for (api, OA2_AUTH (auth));
  g_autoptr(GHashTable) query = oa2_test_params ("limit", "10", NULL);
  g_autoptr(GHashTable) form = oa2_test_params ("name", "a b", NULL);
  g_autoptr(JsonNode) json = json_from_string ("{\"name\":\"thing\"}", NULL);
  g_autoptr(GBytes) raw = g_bytes_new_static ("raw\x01", 4);
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *methods[] = { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS" };

  oa2_test_server_respond (server, 200, "application/json", TOKEN_RESPONSE);
  oa2_api_client_set_default_header (api_client, "Accept", "application/json");
  oa2_api_client_set_default_header (api_client, "Authorization", "Basic ignored");

  response = oa2_api_client_get (api_client, "things", query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 200);
  g_assert_cmpstr (oa2_api_response_get_reason (response), ==, "OK");
  g_assert_true (g_str_has_suffix (oa2_api_response_get_uri (response), "/api/things?limit=10"));
  g_assert_cmpstr (soup_message_headers_get_content_type (oa2_api_response_get_headers (response), NULL), ==,
                   "application/json");
  text = oa2_api_response_dup_text (response);
  g_assert_cmpstr (text, ==, "{\"ok\":true}");
  answer = oa2_api_response_dup_json (response, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (answer), "ok"));
  g_assert_cmpstr (api_seen (api, 0)->method, ==, "GET");
  g_assert_cmpstr (api_seen (api, 0)->path, ==, "/api/things");
  g_assert_cmpstr (api_seen (api, 0)->query, ==, "limit=10");
  g_assert_cmpstr (oa2_test_request_header (api_seen (api, 0), "Authorization"), ==, "Bearer at-1");
  g_assert_cmpstr (oa2_test_request_header (api_seen (api, 0), "Accept"), ==, "application/json");

  g_clear_object (&response);
  response = oa2_api_client_post (api_client, "things", NULL, json, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (api_seen (api, 1)->method, ==, "POST");
  g_assert_cmpstr (oa2_test_request_header (api_seen (api, 1), "Content-Type"), ==, "application/json");
  g_assert_cmpstr (api_seen (api, 1)->body, ==, "{\"name\":\"thing\"}");

  g_clear_object (&response);
  response = oa2_api_client_request_form (api_client, "PUT", "things/1", NULL, form, OA2_API_REQUEST_DEFAULT,
                                          NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_test_request_header (api_seen (api, 2), "Content-Type"), ==, "application/x-www-form-urlencoded");
  g_assert_cmpstr (api_seen (api, 2)->body, ==, "name=a+b");

  g_clear_object (&response);
  response = oa2_api_client_request (api_client, "PATCH", "things/1", NULL, raw, "application/x-thing",
                                     OA2_API_REQUEST_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_test_request_header (api_seen (api, 3), "Content-Type"), ==, "application/x-thing");
  g_assert_cmpstr (api_seen (api, 3)->body, ==, "raw\x01");

  /* Every method, sync. */
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr(OA2ApiResponse) each = NULL;
      guint before = api_hits (api);

      switch (i)
        {
        case 0: each = oa2_api_client_get (api_client, "m", NULL, NULL, &error); break;
        case 1: each = oa2_api_client_post (api_client, "m", NULL, NULL, NULL, &error); break;
        case 2: each = oa2_api_client_put (api_client, "m", NULL, json, NULL, &error); break;
        case 3: each = oa2_api_client_patch (api_client, "m", NULL, json, NULL, &error); break;
        case 4: each = oa2_api_client_delete (api_client, "m", NULL, NULL, &error); break;
        case 5: each = oa2_api_client_head (api_client, "m", NULL, NULL, &error); break;
        default: each = oa2_api_client_options (api_client, "m", NULL, NULL, &error); break;
        }
      g_assert_no_error (error);
      g_assert_cmpstr (api_seen (api, before)->method, ==, methods[i]);
      g_assert_cmpstr (oa2_test_request_header (api_seen (api, before), "Authorization"), ==, "Bearer at-1");
    }
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);

  /* A path that escapes: refused before any request. */
  g_clear_object (&response);
  {
    guint before = api_hits (api);

    response = oa2_api_client_get (api_client, "../admin", NULL, NULL, &error);
    g_assert_null (response);
    g_assert_error (error, OA2_ERROR, OA2_ERROR_OUTSIDE_BASE_URL);
    g_assert_cmpuint (api_hits (api), ==, before);
  }
}

typedef OA2ApiResponse *(*FinishFunc) (OA2ApiClient *, GAsyncResult *, GError **);

static void
test_requests_async (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(Api) api = api_new ("Bearer at-1");
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2ClientCredentialsAuth) auth = oa2_client_credentials_auth_new (client, NULL);
  g_autoptr(OA2ApiClient) api_client = api_client_for (api, OA2_AUTH (auth));
  g_autoptr(JsonNode) json = json_from_string ("[1,2]", NULL);
  g_autoptr(GHashTable) form = oa2_test_params ("a", "1", NULL);
  const char *methods[] = { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "POST", "QUERY" };
  FinishFunc finishes[] = {
    oa2_api_client_get_finish, oa2_api_client_post_finish, oa2_api_client_put_finish,
    oa2_api_client_patch_finish, oa2_api_client_delete_finish, oa2_api_client_head_finish,
    oa2_api_client_options_finish, oa2_api_client_request_form_finish, oa2_api_client_request_json_finish,
  };

  oa2_test_server_respond (server, 200, "application/json", TOKEN_RESPONSE);
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(OA2ApiResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      switch (i)
        {
        case 0: oa2_api_client_get_async (api_client, "m", NULL, NULL, oa2_test_store_result, &result); break;
        case 1: oa2_api_client_post_async (api_client, "m", NULL, json, NULL, oa2_test_store_result, &result); break;
        case 2: oa2_api_client_put_async (api_client, "m", NULL, json, NULL, oa2_test_store_result, &result); break;
        case 3: oa2_api_client_patch_async (api_client, "m", NULL, json, NULL, oa2_test_store_result, &result); break;
        case 4: oa2_api_client_delete_async (api_client, "m", NULL, NULL, oa2_test_store_result, &result); break;
        case 5: oa2_api_client_head_async (api_client, "m", NULL, NULL, oa2_test_store_result, &result); break;
        case 6: oa2_api_client_options_async (api_client, "m", NULL, NULL, oa2_test_store_result, &result); break;
        case 7:
          oa2_api_client_request_form_async (api_client, "POST", "m", NULL, form, OA2_API_REQUEST_DEFAULT, NULL,
                                             oa2_test_store_result, &result);
          break;
        default:
          oa2_api_client_request_json_async (api_client, "QUERY", "m", NULL, json, OA2_API_REQUEST_DEFAULT, NULL,
                                             oa2_test_store_result, &result);
          break;
        }
      response = finishes[i] (api_client, oa2_test_wait_result (&result), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (oa2_api_response_get_status (response), ==, 200);
      g_assert_cmpstr (api_seen (api, i)->method, ==, methods[i]);
    }
  g_assert_cmpstr (api_seen (api, 1)->body, ==, "[1,2]");
  g_assert_cmpstr (api_seen (api, 7)->body, ==, "a=1");
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);
}

/* The client remembers the last path it resolved: a path asked for again,
 * another one in between, the same path with a query and without, and a
 * refused path between two good ones all reach the right URL. */
static void
test_repeated_paths (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(Api) api = api_new ("Bearer at-1");
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2ClientCredentialsAuth) auth = oa2_client_credentials_auth_new (client, "api");
  g_autoptr(OA2ApiClient) api_client = api_client_for (api, OA2_AUTH (auth));
  g_autoptr(GHashTable) query = oa2_test_params ("page", "2", NULL);
  struct { const char *path; GHashTable *query; const char *seen_path; const char *seen_query; } calls[] = {
    { "things", NULL, "/api/things", NULL },
    { "things", NULL, "/api/things", NULL },
    { "others", NULL, "/api/others", NULL },
    { "things", query, "/api/things", "page=2" },
    { "things", NULL, "/api/things", NULL },
    { "../things", NULL, NULL, NULL },
    { "things/1", NULL, "/api/things/1", NULL },
    { "things", NULL, "/api/things", NULL },
  };
  guint sent = 0;

  oa2_test_server_respond (server, 200, "application/json", TOKEN_RESPONSE);
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_autoptr(OA2ApiResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      response = oa2_api_client_get (api_client, calls[i].path, calls[i].query, NULL, &error);
      if (calls[i].seen_path == NULL)
        {
          g_assert_error (error, OA2_ERROR, OA2_ERROR_OUTSIDE_BASE_URL);
          g_assert_null (response);
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpstr (api_seen (api, sent)->path, ==, calls[i].seen_path);
      g_assert_cmpstr (api_seen (api, sent)->query, ==, calls[i].seen_query);
      sent++;
    }
}

static void
test_raise_for_status (void)
{
  g_autoptr(Api) api = api_new (NULL);
  g_autoptr(OA2ApiClient) api_client = api_client_for (api, NULL);
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  response = oa2_api_client_get (api_client, "status/404", NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNEXPECTED_STATUS);
  g_assert_cmpuint (oa2_error_get_http_status (error), ==, 404);
  g_assert_cmpstr (error->message, ==,
                   "The API answered with HTTP status 404 (Not Found): no such thing here [HTTP 404]");
  g_assert_null (oa2_test_request_header (api_seen (api, 0), "Authorization"));
  g_clear_error (&error);

  /* Per request, then for the client. */
  response = oa2_api_client_request (api_client, "GET", "status/500", NULL, NULL, NULL,
                                     OA2_API_REQUEST_NO_RAISE_FOR_STATUS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 500);
  g_clear_object (&response);
  oa2_api_client_set_raise_for_status (api_client, FALSE);
  oa2_api_client_get_async (api_client, "status/403", NULL, NULL, oa2_test_store_result, &result);
  response = oa2_api_client_get_finish (api_client, oa2_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 403);
}

/* A token the API no longer takes: one renewal, the request once more. */
static void
test_invalid_token_renewal (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(Api) api = api_new ("Bearer at-1");
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2BearerToken) revoked = oa2_bearer_token_new ("revoked-at", NULL, NULL);
  g_autoptr(OA2AccessTokenAuth) auth = NULL;
  g_autoptr(OA2ApiClient) api_client = NULL;
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) stored = json_object_new ();

  /* A token with a refresh token: restored from its stored form. */
  json_object_set_string_member (stored, "access_token", "revoked-at");
  json_object_set_string_member (stored, "token_type", "Bearer");
  json_object_set_string_member (stored, "refresh_token", "rt-1");
  {
    g_autoptr(OA2BearerToken) token = oa2_bearer_token_new_from_response (stored, &error);

    g_assert_no_error (error);
    auth = oa2_access_token_auth_new (client, token);
  }
  api_client = api_client_for (api, OA2_AUTH (auth));
  oa2_test_server_respond (server, 200, "application/json", TOKEN_RESPONSE);

  response = oa2_api_client_get (api_client, "things", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 200);
  g_assert_cmpuint (api_hits (api), ==, 2);
  g_assert_cmpstr (oa2_test_request_header (api_seen (api, 0), "Authorization"), ==, "Bearer revoked-at");
  g_assert_cmpstr (oa2_test_request_header (api_seen (api, 1), "Authorization"), ==, "Bearer at-1");
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);

  /* Refused again after the renewal: the 401 is the caller's. */
  g_free (api->accepted);
  api->accepted = g_strdup ("Bearer nothing");
  g_clear_object (&response);
  oa2_api_client_get_async (api_client, "things", NULL, NULL, oa2_test_store_result, &result);
  response = oa2_api_client_get_finish (api_client, oa2_test_wait_result (&result), &error);
  g_assert_null (response);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_TOKEN);
  g_assert_cmpuint (oa2_error_get_http_status (error), ==, 401);
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 2);
  g_assert_cmpuint (api_hits (api), ==, 4);
}

static void
test_dpop_nonce (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(Api) api = api_new ("DPoP dpop-at");
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPKey) key = oa2_dpop_key_generate ("ES256", &error);
  g_autoptr(OA2ClientCredentialsAuth) auth = oa2_client_credentials_auth_new_full (client, NULL, NULL, NULL, key);
  g_autoptr(OA2ApiClient) api_client = api_client_for (api, OA2_AUTH (auth));
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OA2Jwt) first = NULL;
  g_autoptr(OA2Jwt) second = NULL;

  g_assert_no_error (error);
  oa2_test_server_respond (server, 200, "application/json",
                           "{\"access_token\":\"dpop-at\",\"token_type\":\"DPoP\",\"expires_in\":3600}");
  oa2_api_client_post_async (api_client, "nonce", NULL, NULL, NULL, oa2_test_store_result, &result);
  response = oa2_api_client_post_finish (api_client, oa2_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 200);
  g_assert_cmpuint (api_hits (api), ==, 2);
  g_assert_cmpstr (oa2_test_request_header (api_seen (api, 1), "Authorization"), ==, "DPoP dpop-at");
  first = oa2_jwt_new_from_compact (oa2_test_request_header (api_seen (api, 0), "DPoP"), &error);
  g_assert_no_error (error);
  second = oa2_jwt_new_from_compact (oa2_test_request_header (api_seen (api, 1), "DPoP"), &error);
  g_assert_no_error (error);
  g_assert_null (oa2_jwt_get_string_claim (first, "nonce"));
  g_assert_cmpstr (oa2_jwt_get_string_claim (second, "nonce"), ==, "api-n1");
  g_assert_cmpstr (oa2_jwt_get_string_claim (second, "htm"), ==, "POST");
  g_assert_cmpstr (oa2_jwt_get_string_claim (first, "jti"), !=, oa2_jwt_get_string_claim (second, "jti"));
}

/* With follow-redirects off, redirects are returned: the other origin
 * sees nothing. api-client-redirect-test.c has the redirects followed. */
static void
test_redirects (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(Api) api = api_new ("Bearer at-1");
  g_autoptr(Api) other = api_new (NULL);
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2ClientCredentialsAuth) auth = oa2_client_credentials_auth_new (client, NULL);
  g_autoptr(OA2ApiClient) api_client = api_client_for (api, OA2_AUTH (auth));
  g_autoptr(GError) error = NULL;
  const char *paths[] = { "redirect/other", "redirect/same" };

  oa2_test_server_respond (server, 200, "application/json", TOKEN_RESPONSE);
  api->redirect_target = api_uri (other, "/steal");
  oa2_api_client_set_follow_redirects (api_client, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(OA2ApiResponse) response = oa2_api_client_get (api_client, paths[i], NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (oa2_api_response_get_status (response), ==, 302);
    }
  g_assert_cmpuint (api_hits (api), ==, 2);
  g_assert_cmpuint (api_hits (other), ==, 0);
}

/* The acceptance test: 200 concurrent requests with an expired token, one
 * token request. */
static void
test_concurrent (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(Api) api = api_new ("Bearer at-1");
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2ClientCredentialsAuth) auth = oa2_client_credentials_auth_new (client, NULL);
  g_autoptr(OA2BearerToken) expired = NULL;
  g_autoptr(OA2ApiClient) api_client = api_client_for (api, OA2_AUTH (auth));
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) past = g_date_time_new_from_unix_utc (1000000000);
  GAsyncResult *results[CALLERS] = { NULL };

  expired = oa2_bearer_token_new ("expired-at", past, &error);
  g_assert_no_error (error);
  oa2_auth_set_token (OA2_AUTH (auth), expired);
  oa2_test_server_respond (server, 200, "application/json", TOKEN_RESPONSE);
  oa2_test_server_set_delay (server, 200);

  for (guint i = 0; i < CALLERS; i++)
    oa2_api_client_get_async (api_client, "things", NULL, NULL, oa2_test_store_result, &results[i]);
  for (guint i = 0; i < CALLERS; i++)
    {
      g_autoptr(OA2ApiResponse) response = NULL;
      g_autoptr(GError) each_error = NULL;

      response = oa2_api_client_get_finish (api_client, oa2_test_wait_result (&results[i]), &each_error);
      g_assert_no_error (each_error);
      g_assert_cmpuint (oa2_api_response_get_status (response), ==, 200);
      g_object_unref (results[i]);
    }
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);
  g_assert_cmpuint (api_hits (api), ==, CALLERS);
}

int
main (int   argc,
      char *argv[])
{
  oa2_test_init (&argc, &argv);

  g_test_add_func ("/api-client/path-table", test_path_table);
  g_test_add_func ("/api-client/segments-and-base", test_segments_and_base);
  g_test_add_func ("/api-client/requests", test_requests);
  g_test_add_func ("/api-client/requests-async", test_requests_async);
  g_test_add_func ("/api-client/repeated-paths", test_repeated_paths);
  g_test_add_func ("/api-client/raise-for-status", test_raise_for_status);
  g_test_add_func ("/api-client/invalid-token-renewal", test_invalid_token_renewal);
  g_test_add_func ("/api-client/dpop-nonce", test_dpop_nonce);
  g_test_add_func ("/api-client/redirects", test_redirects);
  g_test_add_func ("/api-client/concurrent", test_concurrent);

  return g_test_run ();
}
