/* api-client-redirect-test.c: OA2ApiClient follows redirects, and its
 * credentials stay on the origin they were meant for: the decision as a
 * pure function (statuses, methods, bodies, origins, schemes, the hop
 * limit), then real chains between two in-process APIs: the token and the
 * default headers on a same-origin hop, none of them on another origin nor
 * after the chain has left, 303 and 307 with bodies, a streamed body's
 * 307, too many redirects, https to http, and redirects turned off
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-test-server.h"
#include "oa2-test-thread-server.h"
#include "oa2-test-request-log.h"

#include <string.h>

#include "oa2-api-redirect-private.h"
#include "oa2-uri-private.h"

/* ---------------------------------------------------------------------- */
/* The decision alone */

typedef struct {
  const char *current;
  const char *method;
  OA2ApiBodyKind body;
  guint status;
  const char *location;
  OA2ApiRedirectVerdict verdict;
  const char *next_uri;      /* FOLLOW */
  const char *next_method;   /* FOLLOW */
  gboolean keep_body;        /* FOLLOW */
  gboolean credentials;      /* FOLLOW, with credentials so far */
  int error_code;            /* REFUSE */
} Case;

#define ASKED "https://api.example.com/v1/things?x=1"

static const Case cases[] = {
  /* Not redirects, or redirects to nowhere: the response is the answer. */
  { ASKED, "GET", OA2_API_BODY_NONE, 200, "/elsewhere", OA2_API_REDIRECT_RETURN },
  { ASKED, "GET", OA2_API_BODY_NONE, 300, "/elsewhere", OA2_API_REDIRECT_RETURN },
  { ASKED, "GET", OA2_API_BODY_NONE, 304, "/elsewhere", OA2_API_REDIRECT_RETURN },
  { ASKED, "GET", OA2_API_BODY_NONE, 305, "/elsewhere", OA2_API_REDIRECT_RETURN },
  { ASKED, "GET", OA2_API_BODY_NONE, 302, NULL, OA2_API_REDIRECT_RETURN },
  { ASKED, "GET", OA2_API_BODY_NONE, 302, "", OA2_API_REDIRECT_RETURN },
  { ASKED, "GET", OA2_API_BODY_NONE, 302, "http://[::1", OA2_API_REDIRECT_RETURN },
  /* Relative references, resolved against the URL that answered; no
   * fragment, no user information from the server. */
  { ASKED, "GET", OA2_API_BODY_NONE, 302, "/v2/things", OA2_API_REDIRECT_FOLLOW,
    "https://api.example.com/v2/things", "GET", FALSE, TRUE },
  { ASKED, "GET", OA2_API_BODY_NONE, 301, "other?y=2#frag", OA2_API_REDIRECT_FOLLOW,
    "https://api.example.com/v1/other?y=2", "GET", FALSE, TRUE },
  { ASKED, "GET", OA2_API_BODY_NONE, 308, "../up", OA2_API_REDIRECT_FOLLOW,
    "https://api.example.com/up", "GET", FALSE, TRUE },
  { ASKED, "GET", OA2_API_BODY_NONE, 307, "?page=2", OA2_API_REDIRECT_FOLLOW,
    "https://api.example.com/v1/things?page=2", "GET", FALSE, TRUE },
  { ASKED, "GET", OA2_API_BODY_NONE, 302, "//cdn.example.net/blob", OA2_API_REDIRECT_FOLLOW,
    "https://cdn.example.net/blob", "GET", FALSE, FALSE },
  { ASKED, "GET", OA2_API_BODY_NONE, 302, "https://user:pw@api.example.com/in", OA2_API_REDIRECT_FOLLOW,
    "https://api.example.com/in", "GET", FALSE, TRUE },
  /* Origins: scheme, host and port; a default port is the scheme's. */
  { ASKED, "GET", OA2_API_BODY_NONE, 302, "https://API.Example.COM:443/x", OA2_API_REDIRECT_FOLLOW,
    "https://API.Example.COM:443/x", "GET", FALSE, TRUE },
  { ASKED, "GET", OA2_API_BODY_NONE, 302, "https://api.example.com:8443/x", OA2_API_REDIRECT_FOLLOW,
    "https://api.example.com:8443/x", "GET", FALSE, FALSE },
  { ASKED, "GET", OA2_API_BODY_NONE, 302, "https://api.example.com:0/x", OA2_API_REDIRECT_FOLLOW,
    "https://api.example.com:0/x", "GET", FALSE, FALSE },
  { ASKED, "GET", OA2_API_BODY_NONE, 302, "https://api.example.com./x", OA2_API_REDIRECT_FOLLOW,
    "https://api.example.com./x", "GET", FALSE, FALSE },
  { ASKED, "GET", OA2_API_BODY_NONE, 302, "/a b/\xc3\xa9", OA2_API_REDIRECT_FOLLOW,
    "https://api.example.com/a%20b/%C3%A9", "GET", FALSE, TRUE },
  { ASKED, "GET", OA2_API_BODY_NONE, 302, "https://api.example.com:99999/x", OA2_API_REDIRECT_RETURN },
  { ASKED, "GET", OA2_API_BODY_NONE, 302, "https://example.com/x", OA2_API_REDIRECT_FOLLOW,
    "https://example.com/x", "GET", FALSE, FALSE },
  { ASKED, "GET", OA2_API_BODY_NONE, 302, "https://evil.api.example.com/x", OA2_API_REDIRECT_FOLLOW,
    "https://evil.api.example.com/x", "GET", FALSE, FALSE },
  /* Methods and bodies. */
  { ASKED, "POST", OA2_API_BODY_BYTES, 303, "/done", OA2_API_REDIRECT_FOLLOW,
    "https://api.example.com/done", "GET", FALSE, TRUE },
  { ASKED, "PUT", OA2_API_BODY_BYTES, 303, "/done", OA2_API_REDIRECT_FOLLOW,
    "https://api.example.com/done", "GET", FALSE, TRUE },
  { ASKED, "HEAD", OA2_API_BODY_NONE, 303, "/done", OA2_API_REDIRECT_FOLLOW,
    "https://api.example.com/done", "HEAD", FALSE, TRUE },
  { ASKED, "POST", OA2_API_BODY_BYTES, 301, "/moved", OA2_API_REDIRECT_FOLLOW,
    "https://api.example.com/moved", "GET", FALSE, TRUE },
  { ASKED, "POST", OA2_API_BODY_BYTES, 302, "/moved", OA2_API_REDIRECT_FOLLOW,
    "https://api.example.com/moved", "GET", FALSE, TRUE },
  { ASKED, "PUT", OA2_API_BODY_BYTES, 302, "/moved", OA2_API_REDIRECT_FOLLOW,
    "https://api.example.com/moved", "PUT", TRUE, TRUE },
  { ASKED, "DELETE", OA2_API_BODY_NONE, 301, "/moved", OA2_API_REDIRECT_FOLLOW,
    "https://api.example.com/moved", "DELETE", FALSE, TRUE },
  { ASKED, "POST", OA2_API_BODY_BYTES, 307, "/again", OA2_API_REDIRECT_FOLLOW,
    "https://api.example.com/again", "POST", TRUE, TRUE },
  { ASKED, "PATCH", OA2_API_BODY_BYTES, 308, "/again", OA2_API_REDIRECT_FOLLOW,
    "https://api.example.com/again", "PATCH", TRUE, TRUE },
  /* A streamed body is sent once: a redirect that wants it again is the
   * answer; one that drops it is followed. */
  { ASKED, "POST", OA2_API_BODY_STREAM, 307, "/again", OA2_API_REDIRECT_RETURN },
  { ASKED, "PUT", OA2_API_BODY_STREAM, 308, "/again", OA2_API_REDIRECT_RETURN },
  { ASKED, "PUT", OA2_API_BODY_STREAM, 301, "/again", OA2_API_REDIRECT_RETURN },
  { ASKED, "POST", OA2_API_BODY_STREAM, 303, "/done", OA2_API_REDIRECT_FOLLOW,
    "https://api.example.com/done", "GET", FALSE, TRUE },
  /* Schemes: no downgrade, nothing but http and https. */
  { ASKED, "GET", OA2_API_BODY_NONE, 302, "http://api.example.com/v1/things", OA2_API_REDIRECT_REFUSE,
    .error_code = OA2_ERROR_INSECURE_TRANSPORT },
  { ASKED, "GET", OA2_API_BODY_NONE, 302, "HTTP://127.0.0.1/x", OA2_API_REDIRECT_REFUSE,
    .error_code = OA2_ERROR_INSECURE_TRANSPORT },
  { ASKED, "GET", OA2_API_BODY_NONE, 302, "ftp://api.example.com/x", OA2_API_REDIRECT_REFUSE,
    .error_code = OA2_ERROR_INSECURE_TRANSPORT },
  { ASKED, "GET", OA2_API_BODY_NONE, 302, "file:///etc/passwd", OA2_API_REDIRECT_REFUSE,
    .error_code = OA2_ERROR_INSECURE_TRANSPORT },
  { ASKED, "GET", OA2_API_BODY_NONE, 302, "https:///nohost", OA2_API_REDIRECT_RETURN },
  { "http://127.0.0.1:8080/a", "GET", OA2_API_BODY_NONE, 302, "https://api.example.com/b", OA2_API_REDIRECT_FOLLOW,
    "https://api.example.com/b", "GET", FALSE, FALSE },
  { "http://127.0.0.1:8080/a", "GET", OA2_API_BODY_NONE, 302, "http://localhost:8080/b", OA2_API_REDIRECT_FOLLOW,
    "http://localhost:8080/b", "GET", FALSE, FALSE },
  { "http://127.0.0.1:8080/a", "GET", OA2_API_BODY_NONE, 302, "http://api.example.com/b", OA2_API_REDIRECT_REFUSE,
    .error_code = OA2_ERROR_INSECURE_TRANSPORT },
  { "http://127.0.0.1:8080/a", "GET", OA2_API_BODY_NONE, 302, "gopher://127.0.0.1:8080/b", OA2_API_REDIRECT_REFUSE,
    .error_code = OA2_ERROR_INSECURE_TRANSPORT },
};

static void
test_decide_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      const char *asked_text = g_str_has_prefix (c->current, "http:") ? c->current : ASKED;
      g_autoptr(GUri) asked = g_uri_parse (asked_text, G_URI_FLAGS_ENCODED, NULL);
      g_autoptr(GUri) current = g_uri_parse (c->current, G_URI_FLAGS_ENCODED, NULL);
      g_autoptr(GError) error = NULL;
      OA2ApiRedirect next;
      OA2ApiRedirectVerdict verdict;

      g_test_message ("case %u: %u %s %s", i, c->status, c->method, c->location);
      verdict = oa2_api_redirect_decide (asked, current, c->method, c->body, TRUE, 0, c->status, c->location,
                                         &next, &error);
      g_assert_cmpint (verdict, ==, c->verdict);
      if (verdict == OA2_API_REDIRECT_REFUSE)
        {
          g_assert_error (error, OA2_ERROR, c->error_code);
          g_assert_null (next.uri);
          continue;
        }
      g_assert_no_error (error);
      if (verdict == OA2_API_REDIRECT_RETURN)
        {
          g_assert_null (next.uri);
          g_assert_null (next.method);
          continue;
        }
      {
        g_autofree char *uri = g_uri_to_string (next.uri);

        g_assert_cmpstr (uri, ==, c->next_uri);
      }
      g_assert_cmpstr (next.method, ==, c->next_method);
      g_assert_cmpint (next.keep_body, ==, c->keep_body);
      g_assert_cmpint (next.credentials, ==, c->credentials);
      oa2_api_redirect_clear (&next);
    }
}

/* Once the credentials are off, a hop back to the origin does not bring
 * them back; the tenth redirect is followed, the eleventh is not. */
static void
test_decide_chain (void)
{
  g_autoptr(GUri) asked = g_uri_parse (ASKED, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GUri) away = g_uri_parse ("https://cdn.example.net/x", G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GError) error = NULL;
  OA2ApiRedirect next;

  g_assert_cmpint (oa2_api_redirect_decide (asked, away, "GET", OA2_API_BODY_NONE, FALSE, 1, 302,
                                            "https://api.example.com/v1/things", &next, &error),
                   ==, OA2_API_REDIRECT_FOLLOW);
  g_assert_no_error (error);
  g_assert_true (oa2_uri_same_origin (asked, next.uri));
  g_assert_false (next.credentials);
  oa2_api_redirect_clear (&next);

  g_assert_cmpint (oa2_api_redirect_decide (asked, asked, "GET", OA2_API_BODY_NONE, TRUE, OA2_API_MAX_REDIRECTS - 1,
                                            302, "/next", &next, &error),
                   ==, OA2_API_REDIRECT_FOLLOW);
  g_assert_no_error (error);
  oa2_api_redirect_clear (&next);
  g_assert_cmpint (oa2_api_redirect_decide (asked, asked, "GET", OA2_API_BODY_NONE, TRUE, OA2_API_MAX_REDIRECTS,
                                            302, "/next", &next, &error),
                   ==, OA2_API_REDIRECT_REFUSE);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_TOO_MANY_REDIRECTS);
  g_assert_nonnull (strstr (error->message, "https://api.example.com/next"));
  g_assert_null (next.uri);
  /* A response that is no redirect ends any chain. */
  g_clear_error (&error);
  g_assert_cmpint (oa2_api_redirect_decide (asked, asked, "GET", OA2_API_BODY_NONE, TRUE, OA2_API_MAX_REDIRECTS,
                                            200, NULL, &next, &error),
                   ==, OA2_API_REDIRECT_RETURN);
  g_assert_no_error (error);
}

/* The next request: URL and method; no body after a 303; no header the
 * client added when the credentials stay behind. */
static void
test_apply (void)
{
  g_autoptr(OA2HttpRequest) request = oa2_http_request_new ("POST", ASKED, "API");
  g_autoptr(OA2HttpRequest) again = NULL;
  g_autoptr(OA2HttpRequest) see_other = NULL;
  g_autoptr(GUri) asked = g_uri_parse (ASKED, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GError) error = NULL;
  OA2ApiRedirect next;

  soup_message_headers_replace (request->headers, "X-Api-Key", "k-1");
  request->body = g_bytes_new_static ("{}", 2);
  request->content_type = g_strdup ("application/json");

  g_assert_cmpint (oa2_api_redirect_decide (asked, asked, "POST", OA2_API_BODY_BYTES, TRUE, 0, 307, "/again",
                                            &next, &error), ==, OA2_API_REDIRECT_FOLLOW);
  again = oa2_api_redirect_next_request (&next, request);
  oa2_api_redirect_clear (&next);
  g_assert_cmpstr (again->method, ==, "POST");
  g_assert_cmpstr (again->uri, ==, "https://api.example.com/again");
  g_assert_true (again->body == request->body);
  g_assert_cmpstr (again->content_type, ==, "application/json");
  g_assert_cmpstr (again->endpoint_name, ==, "API");
  g_assert_cmpstr (soup_message_headers_get_one (again->headers, "X-Api-Key"), ==, "k-1");
  g_assert_cmpstr (soup_message_headers_get_one (again->headers, "Accept"), ==, "application/json");
  /* The request it was made from stays as it was. */
  g_assert_cmpstr (request->uri, ==, ASKED);

  g_assert_cmpint (oa2_api_redirect_decide (asked, asked, "POST", OA2_API_BODY_BYTES, TRUE, 1, 303,
                                            "https://other.example.org/done", &next, &error),
                   ==, OA2_API_REDIRECT_FOLLOW);
  g_assert_no_error (error);
  see_other = oa2_api_redirect_next_request (&next, again);
  oa2_api_redirect_clear (&next);
  g_assert_cmpstr (see_other->method, ==, "GET");
  g_assert_cmpstr (see_other->uri, ==, "https://other.example.org/done");
  g_assert_null (see_other->body);
  g_assert_null (see_other->content_type);
  g_assert_null (soup_message_headers_get_one (see_other->headers, "X-Api-Key"));
  g_assert_cmpstr (soup_message_headers_get_one (see_other->headers, "Accept"), ==, "application/json");
}

/* ---------------------------------------------------------------------- */
/* Two APIs, each in its own thread. A path in the route table answers its
 * status and Location; any other path answers 200 with {"ok":true}. Every
 * request is recorded. */

typedef struct {
  guint status;
  char *location;
} Route;

typedef struct {
  OA2TestThreadServer *server;
  OA2TestRequestLog   *seen;
  GMutex        lock;
  GHashTable   *routes;   /* path → Route */
} Api;

static void
route_free (gpointer data)
{
  Route *route = data;

  g_free (route->location);
  g_free (route);
}

static void
api_handle (SoupServer        *soup,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Api *api = user_data;
  Route *route;

  oa2_test_request_log_add (api->seen, msg);
  g_mutex_lock (&api->lock);
  route = g_hash_table_lookup (api->routes, path);
  if (route != NULL)
    {
      soup_server_message_set_status (msg, route->status, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", route->location);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "moved", 5);
    }
  else
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{\"ok\":true}", 11);
    }
  g_mutex_unlock (&api->lock);
}

static Api *
api_new (void)
{
  Api *api = g_new0 (Api, 1);

  g_mutex_init (&api->lock);
  api->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, route_free);
  api->seen = oa2_test_request_log_new ();
  api->server = oa2_test_thread_server_new (api_handle, api);
  return api;
}

static void
api_free (Api *api)
{
  oa2_test_thread_server_free (api->server);
  g_hash_table_unref (api->routes);
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

static void
api_route (Api        *api,
           const char *path,
           guint       status,
           const char *location)
{
  Route *route = g_new0 (Route, 1);

  route->status = status;
  route->location = g_strdup (location);
  g_mutex_lock (&api->lock);
  g_hash_table_replace (api->routes, g_strdup (path), route);
  g_mutex_unlock (&api->lock);
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

/* A client of @api with a Bearer token (or a DPoP one, with @key) and a
 * default header that stands for an API key. */
static OA2ApiClient *
api_client_for (Api        *api,
                OA2DPoPKey *key)
{
  g_autofree char *base = api_uri (api, "/api");
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2AccessTokenAuth) auth = NULL;
  g_autofree char *token_uri = api_uri (api, "/token");
  g_autoptr(OA2Client) oauth = oa2_client_new_with_secret (token_uri, "c1", "s1");
  OA2ApiClient *client;

  if (key != NULL)
    token = OA2_BEARER_TOKEN (oa2_dpop_token_new ("at-1", NULL, key, &error));
  else
    token = oa2_bearer_token_new ("at-1", NULL, &error);
  g_assert_no_error (error);
  auth = oa2_access_token_auth_new (oauth, token);
  client = oa2_api_client_new (base, OA2_AUTH (auth), &error);
  g_assert_no_error (error);
  oa2_api_client_set_default_header (client, "X-Api-Key", "key-1");
  return client;
}

static OA2ApiResponse *
get_async (OA2ApiClient  *client,
           const char    *path,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  oa2_api_client_get_async (client, path, NULL, NULL, oa2_test_store_result, &result);
  return oa2_api_client_get_finish (client, oa2_test_wait_result (&result), error);
}

/* ---------------------------------------------------------------------- */
/* Chains */

/* On the origin, the token and the default headers go along, sync and
 * async, and the response names the URL that answered. */
static void
test_same_origin (void)
{
  g_autoptr(Api) api = api_new ();
  g_autoptr(OA2ApiClient) client = api_client_for (api, NULL);
  g_autofree char *final = api_uri (api, "/api/new");

  api_route (api, "/api/old", 302, "/api/new");
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2ApiResponse) response = round == 0 ? oa2_api_client_get (client, "old", NULL, NULL, &error)
                                                      : get_async (client, "old", &error);
      const OA2TestRequest *redirected;

      g_assert_no_error (error);
      g_assert_cmpuint (oa2_api_response_get_status (response), ==, 200);
      g_assert_cmpstr (oa2_api_response_get_uri (response), ==, final);
      g_assert_cmpuint (api_hits (api), ==, 2 * (round + 1));
      g_assert_cmpstr (api_seen (api, 2 * round)->path, ==, "/api/old");
      redirected = api_seen (api, 2 * round + 1);
      g_assert_cmpstr (redirected->path, ==, "/api/new");
      g_assert_cmpstr (redirected->method, ==, "GET");
      g_assert_cmpstr (oa2_test_request_header (redirected, "Authorization"), ==, "Bearer at-1");
      g_assert_cmpstr (oa2_test_request_header (redirected, "X-Api-Key"), ==, "key-1");
    }
}

/* A DPoP token gets a new proof for the redirect's URL. */
static void
test_same_origin_dpop (void)
{
  g_autoptr(Api) api = api_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPKey) key = oa2_dpop_key_generate ("ES256", &error);
  g_autoptr(OA2ApiClient) client = api_client_for (api, key);
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(OA2Jwt) first = NULL;
  g_autoptr(OA2Jwt) second = NULL;
  g_autofree char *new_uri = api_uri (api, "/api/new");

  api_route (api, "/api/old", 301, "new");
  response = oa2_api_client_get (client, "old", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 200);
  g_assert_cmpuint (api_hits (api), ==, 2);
  g_assert_cmpstr (oa2_test_request_header (api_seen (api, 1), "Authorization"), ==, "DPoP at-1");
  first = oa2_jwt_new_from_compact (oa2_test_request_header (api_seen (api, 0), "DPoP"), &error);
  g_assert_no_error (error);
  second = oa2_jwt_new_from_compact (oa2_test_request_header (api_seen (api, 1), "DPoP"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_jwt_get_string_claim (second, "htu"), ==, new_uri);
  g_assert_cmpstr (oa2_jwt_get_string_claim (second, "htm"), ==, "GET");
  g_assert_cmpstr (oa2_jwt_get_string_claim (first, "jti"), !=, oa2_jwt_get_string_claim (second, "jti"));
}

/* Another origin (another port) gets the request without the token, the
 * DPoP proof or the default headers, sync and async. */
static void
test_cross_origin (void)
{
  g_autoptr(Api) api = api_new ();
  g_autoptr(Api) other = api_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPKey) key = oa2_dpop_key_generate ("ES256", &error);
  g_autoptr(OA2ApiClient) client = api_client_for (api, key);
  g_autofree char *target = api_uri (other, "/files/1");

  g_assert_no_error (error);
  api_route (api, "/api/file", 302, target);
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(OA2ApiResponse) response = round == 0 ? oa2_api_client_get (client, "file", NULL, NULL, &error)
                                                      : get_async (client, "file", &error);
      const OA2TestRequest *seen;

      g_assert_no_error (error);
      g_assert_cmpuint (oa2_api_response_get_status (response), ==, 200);
      g_assert_cmpstr (oa2_api_response_get_uri (response), ==, target);
      g_assert_cmpstr (oa2_test_request_header (api_seen (api, round), "Authorization"), ==, "DPoP at-1");
      g_assert_nonnull (oa2_test_request_header (api_seen (api, round), "DPoP"));
      g_assert_cmpuint (api_hits (other), ==, round + 1);
      seen = api_seen (other, round);
      g_assert_cmpstr (seen->path, ==, "/files/1");
      g_assert_null (oa2_test_request_header (seen, "Authorization"));
      g_assert_null (oa2_test_request_header (seen, "DPoP"));
      g_assert_null (oa2_test_request_header (seen, "X-Api-Key"));
    }
}

/* Once the chain has left the origin, coming back brings no credentials. */
static void
test_left_origin (void)
{
  g_autoptr(Api) api = api_new ();
  g_autoptr(Api) other = api_new ();
  g_autoptr(OA2ApiClient) client = api_client_for (api, NULL);
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *away = api_uri (other, "/bounce");
  g_autofree char *back = api_uri (api, "/api/back");

  api_route (api, "/api/start", 307, away);
  api_route (other, "/bounce", 302, back);
  api_route (api, "/api/back", 302, "/api/end");
  response = get_async (client, "start", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 200);
  g_assert_cmpuint (api_hits (api), ==, 3);
  g_assert_cmpuint (api_hits (other), ==, 1);
  g_assert_cmpstr (oa2_test_request_header (api_seen (api, 0), "Authorization"), ==, "Bearer at-1");
  g_assert_null (oa2_test_request_header (api_seen (other, 0), "Authorization"));
  for (guint i = 1; i < 3; i++)
    {
      g_assert_null (oa2_test_request_header (api_seen (api, i), "Authorization"));
      g_assert_null (oa2_test_request_header (api_seen (api, i), "X-Api-Key"));
    }
  g_assert_cmpstr (api_seen (api, 2)->path, ==, "/api/end");
}

/* 303 fetches the answer with GET and no body; 307 repeats the POST with
 * its body and its token. */
static void
test_methods (void)
{
  g_autoptr(Api) api = api_new ();
  g_autoptr(OA2ApiClient) client = api_client_for (api, NULL);
  g_autoptr(JsonNode) json = json_from_string ("{\"a\":1}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2ApiResponse) see_other = NULL;
  g_autoptr(OA2ApiResponse) temporary = NULL;
  const OA2TestRequest *seen;

  api_route (api, "/api/create", 303, "/api/created/7");
  api_route (api, "/api/upload", 307, "/api/upload-here");
  see_other = oa2_api_client_post (client, "create", NULL, json, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (see_other), ==, 200);
  g_assert_cmpstr (api_seen (api, 0)->method, ==, "POST");
  g_assert_cmpstr (api_seen (api, 0)->body, ==, "{\"a\":1}");
  seen = api_seen (api, 1);
  g_assert_cmpstr (seen->method, ==, "GET");
  g_assert_cmpstr (seen->path, ==, "/api/created/7");
  g_assert_cmpstr (seen->body, ==, "");
  g_assert_null (oa2_test_request_header (seen, "Content-Type"));
  g_assert_cmpstr (oa2_test_request_header (seen, "Authorization"), ==, "Bearer at-1");

  temporary = oa2_api_client_post (client, "upload", NULL, json, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (temporary), ==, 200);
  seen = api_seen (api, 3);
  g_assert_cmpstr (seen->method, ==, "POST");
  g_assert_cmpstr (seen->path, ==, "/api/upload-here");
  g_assert_cmpstr (seen->body, ==, "{\"a\":1}");
  g_assert_cmpstr (oa2_test_request_header (seen, "Content-Type"), ==, "application/json");
  g_assert_cmpstr (oa2_test_request_header (seen, "Authorization"), ==, "Bearer at-1");
}

/* A streamed body cannot be sent twice: the 307 is the answer. */
static void
test_stream_307 (void)
{
  g_autoptr(Api) api = api_new ();
  g_autoptr(OA2ApiClient) client = api_client_for (api, NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("streamed", 8);
  g_autoptr(GInputStream) body = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GInputStream) again = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(OA2ApiResponse) see_other = NULL;

  api_route (api, "/api/upload", 307, "/api/upload-here");
  api_route (api, "/api/form", 303, "/api/done");
  response = oa2_api_client_request_stream (client, "PUT", "upload", NULL, body, 8, "text/plain",
                                            OA2_API_REQUEST_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 307);
  g_assert_cmpuint (api_hits (api), ==, 1);
  g_assert_cmpstr (api_seen (api, 0)->body, ==, "streamed");

  /* A 303 drops the body, so it is followed. */
  see_other = oa2_api_client_request_stream (client, "POST", "form", NULL, again, -1, "text/plain",
                                             OA2_API_REQUEST_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (see_other), ==, 200);
  g_assert_cmpuint (api_hits (api), ==, 3);
  g_assert_cmpstr (api_seen (api, 2)->method, ==, "GET");
  g_assert_cmpstr (api_seen (api, 2)->body, ==, "");
}

/* A body the caller streams comes from the last hop; the redirect's own
 * body is dropped unread. */
static void
test_stream_response (void)
{
  g_autoptr(Api) api = api_new ();
  g_autoptr(OA2ApiClient) client = api_client_for (api, NULL);
  g_autoptr(GError) error = NULL;

  api_route (api, "/api/old", 302, "/api/new");
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(OA2ApiResponse) response = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      char buffer[64] = { 0 };
      gsize read = 0;

      if (round == 0)
        response = oa2_api_client_request (client, "GET", "old", NULL, NULL, NULL,
                                           OA2_API_REQUEST_STREAM_RESPONSE, NULL, &error);
      else
        {
          oa2_api_client_request_async (client, "GET", "old", NULL, NULL, NULL, OA2_API_REQUEST_STREAM_RESPONSE,
                                        NULL, oa2_test_store_result, &result);
          response = oa2_api_client_request_finish (client, oa2_test_wait_result (&result), &error);
        }
      g_assert_no_error (error);
      g_assert_cmpuint (oa2_api_response_get_status (response), ==, 200);
      g_assert_true (g_input_stream_read_all (oa2_api_response_get_stream (response), buffer, sizeof buffer - 1,
                                              &read, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (buffer, ==, "{\"ok\":true}");
    }
  g_assert_cmpuint (api_hits (api), ==, 4);
}

/* Ten redirects are followed, the eleventh fails. */
static void
test_too_many (void)
{
  g_autoptr(Api) api = api_new ();
  g_autoptr(OA2ApiClient) client = api_client_for (api, NULL);
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 11; i++)
    {
      g_autofree char *path = g_strdup_printf ("/api/hop/%u", i);
      g_autofree char *location = g_strdup_printf ("/api/hop/%u", i + 1);

      api_route (api, path, 302, location);
    }
  /* From hop 1: ten redirects to hop 11, which answers. */
  response = oa2_api_client_get (client, "hop/1", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 200);
  g_assert_cmpuint (api_hits (api), ==, 11);
  g_clear_object (&response);

  response = get_async (client, "hop/0", &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_TOO_MANY_REDIRECTS);
  g_assert_null (response);
  g_assert_cmpuint (api_hits (api), ==, 22);
  g_clear_error (&error);
  response = oa2_api_client_get (client, "hop/0", NULL, NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_TOO_MANY_REDIRECTS);
  g_assert_cmpuint (api_hits (api), ==, 33);
}

/* https to plain http is refused before anything is sent to the http
 * URL. */
static void
test_https_to_http (void)
{
  g_autoptr(OA2TestServer) secure = oa2_test_server_new_https ();
  g_autoptr(Api) plain = api_new ();
  g_autoptr(GTlsDatabase) database = oa2_test_server_new_tls_database (secure);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("tls-database", database, NULL);
  g_autofree char *base = oa2_test_server_uri (secure, "/api/");
  g_autofree char *target = api_uri (plain, "/api/x");
  g_autoptr(OA2ApiClient) client = NULL;
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  client = oa2_api_client_new_with_session (base, NULL, session, &error);
  g_assert_no_error (error);
  oa2_test_server_queue_response (secure, 302, "text/plain", "moved", "Location", target);
  response = oa2_api_client_get (client, "x", NULL, NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INSECURE_TRANSPORT);
  g_assert_null (response);
  g_assert_cmpuint (oa2_test_server_get_hits (secure), ==, 1);
  g_assert_cmpuint (api_hits (plain), ==, 0);
}

/* Plain http goes to loopback hosts only, on a redirect too. */
static void
test_http_elsewhere (void)
{
  g_autoptr(Api) api = api_new ();
  g_autoptr(OA2ApiClient) client = api_client_for (api, NULL);
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  api_route (api, "/api/out", 302, "http://example.com/x");
  response = get_async (client, "out", &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INSECURE_TRANSPORT);
  g_assert_nonnull (strstr (error->message, "http://example.com/x"));
  g_assert_null (response);
  g_assert_cmpuint (api_hits (api), ==, 1);
}

/* Turned off for the client or for one request, a redirect is the
 * answer; the next request that asks for it follows again. */
static void
test_turned_off (void)
{
  g_autoptr(Api) api = api_new ();
  g_autoptr(Api) other = api_new ();
  g_autoptr(OA2ApiClient) client = api_client_for (api, NULL);
  g_autoptr(OA2ApiClient) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = api_uri (other, "/elsewhere");
  OA2ApiResponse *response;

  api_route (api, "/api/moved", 302, target);
  g_assert_true (oa2_api_client_get_follow_redirects (client));

  response = oa2_api_client_request (client, "GET", "moved", NULL, NULL, NULL,
                                     OA2_API_REQUEST_NO_FOLLOW_REDIRECTS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 302);
  g_assert_cmpstr (soup_message_headers_get_one (oa2_api_response_get_headers (response), "Location"), ==, target);
  g_object_unref (response);

  g_object_set (client, "follow-redirects", FALSE, NULL);
  g_assert_false (oa2_api_client_get_follow_redirects (client));
  response = oa2_api_client_get (client, "moved", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 302);
  g_object_unref (response);
  response = get_async (client, "moved", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 302);
  g_object_unref (response);
  /* A child takes the setting as it is. */
  child = oa2_api_client_new_child (client, "sub", &error);
  g_assert_no_error (error);
  g_assert_false (oa2_api_client_get_follow_redirects (child));
  g_assert_cmpuint (api_hits (other), ==, 0);

  oa2_api_client_set_follow_redirects (client, TRUE);
  response = oa2_api_client_get (client, "moved", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 200);
  g_object_unref (response);
  g_assert_cmpuint (api_hits (api), ==, 4);
  g_assert_cmpuint (api_hits (other), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  oa2_test_init (&argc, &argv);

  g_test_add_func ("/api-redirect/decide-table", test_decide_table);
  g_test_add_func ("/api-redirect/decide-chain", test_decide_chain);
  g_test_add_func ("/api-redirect/apply", test_apply);
  g_test_add_func ("/api-redirect/same-origin", test_same_origin);
  g_test_add_func ("/api-redirect/same-origin-dpop", test_same_origin_dpop);
  g_test_add_func ("/api-redirect/cross-origin", test_cross_origin);
  g_test_add_func ("/api-redirect/left-origin", test_left_origin);
  g_test_add_func ("/api-redirect/methods", test_methods);
  g_test_add_func ("/api-redirect/stream-307", test_stream_307);
  g_test_add_func ("/api-redirect/stream-response", test_stream_response);
  g_test_add_func ("/api-redirect/too-many", test_too_many);
  g_test_add_func ("/api-redirect/https-to-http", test_https_to_http);
  g_test_add_func ("/api-redirect/http-elsewhere", test_http_elsewhere);
  g_test_add_func ("/api-redirect/turned-off", test_turned_off);

  return g_test_run ();
}
