/* api-client-stream-test.c: OA2ApiClient with streamed bodies against an
 * in-process API: 5 MiB uploads (of known length and chunked) and a 5 MiB
 * download past the size limit, byte for byte; no retry of a body stream
 * after invalid_token or use_dpop_nonce; raise-for-status on a streamed
 * download; a read cancelled mid-stream
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-test-server.h"
#include "oa2-test-thread-server.h"

#include <string.h>

#define TOKEN_RESPONSE "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}"
#define BIG_SIZE (5 * 1024 * 1024)
#define SMALL_LIMIT (1024 * 1024)
#define STALL_CHUNK (64 * 1024)

/* ---------------------------------------------------------------------- */
/* The API, in its own thread. /api/upload keeps the body it received;
 * /api/download answers the big body; /api/status/NNN answers NNN with a
 * short body; /api/big-error answers 500 with the big body; /api/stall
 * sends one chunk and then nothing; /api/nonce wants a DPoP nonce once.
 * A request whose Authorization is not the accepted one gets 401
 * invalid_token. */

typedef struct {
  OA2TestThreadServer *server;
  GMutex        lock;
  char         *accepted;
  gboolean      nonce_sent;
  guint         hits;
  GBytes       *big;
  GBytes       *uploaded;
  SoupEncoding  upload_encoding;
  goffset       upload_length;
  char         *upload_type;
  GPtrArray    *dpop_proofs;
} Api;

/* Not a repeating pattern, so that a misplaced chunk shows. */
static GBytes *
big_body (void)
{
  guint8 *data = g_malloc (BIG_SIZE);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (gsize i = 0; i < BIG_SIZE; i += 4)
    {
      guint32 word = g_rand_int (rand);
      memcpy (data + i, &word, 4);
    }
  return g_bytes_new_take (data, BIG_SIZE);
}

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
  const char *dpop = soup_message_headers_get_one (headers, "DPoP");

  g_mutex_lock (&api->lock);
  api->hits++;
  if (dpop != NULL)
    g_ptr_array_add (api->dpop_proofs, g_strdup (dpop));
  if (g_str_equal (path, "/api/nonce") && !api->nonce_sent)
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
  else if (g_str_equal (path, "/api/upload") || g_str_equal (path, "/api/nonce"))
    {
      g_clear_pointer (&api->uploaded, g_bytes_unref);
      api->uploaded = soup_message_body_flatten (soup_server_message_get_request_body (msg));
      api->upload_encoding = soup_message_headers_get_encoding (headers);
      api->upload_length = soup_message_headers_get_content_length (headers);
      g_free (api->upload_type);
      api->upload_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
      soup_server_message_set_status (msg, 201, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{\"ok\":true}", 11);
    }
  else if (g_str_equal (path, "/api/download"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_set_content_type (response_headers, "application/octet-stream", NULL);
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), api->big);
    }
  else if (g_str_equal (path, "/api/big-error"))
    {
      soup_server_message_set_status (msg, 500, NULL);
      soup_message_headers_set_content_type (response_headers, "text/plain", NULL);
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), api->big);
    }
  else if (g_str_has_prefix (path, "/api/status/"))
    {
      soup_server_message_set_status (msg, (guint) g_ascii_strtoull (path + 12, NULL, 10), NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "no such thing", 13);
    }
  else if (g_str_equal (path, "/api/stall"))
    {
      g_autoptr(GBytes) first = g_bytes_new_from_bytes (api->big, 0, STALL_CHUNK);

      /* Chunked and never completed: the client waits for the rest. */
      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_set_encoding (response_headers, SOUP_ENCODING_CHUNKED);
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), first);
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
  g_mutex_unlock (&api->lock);
}

static Api *
api_new (const char *accepted)
{
  Api *api = g_new0 (Api, 1);

  g_mutex_init (&api->lock);
  api->accepted = g_strdup (accepted);
  api->big = big_body ();
  api->dpop_proofs = g_ptr_array_new_with_free_func (g_free);
  api->server = oa2_test_thread_server_new (api_handle, api);
  return api;
}

static void
api_free (Api *api)
{
  oa2_test_thread_server_free (api->server);
  g_free (api->accepted);
  g_bytes_unref (api->big);
  g_clear_pointer (&api->uploaded, g_bytes_unref);
  g_free (api->upload_type);
  g_ptr_array_unref (api->dpop_proofs);
  g_mutex_clear (&api->lock);
  g_free (api);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Api, api_free)

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
  g_autofree char *base = oa2_test_thread_server_uri (api->server, "/api");
  g_autoptr(GError) error = NULL;
  OA2ApiClient *client = oa2_api_client_new (base, auth, &error);

  g_assert_no_error (error);
  /* Well below the bodies: streaming must not be capped. */
  oa2_api_client_set_max_response_size (client, SMALL_LIMIT);
  return client;
}

static GInputStream *
big_stream (Api *api)
{
  return g_memory_input_stream_new_from_bytes (api->big);
}

static void
assert_uploaded (Api          *api,
                 SoupEncoding  encoding)
{
  g_mutex_lock (&api->lock);
  g_assert_nonnull (api->uploaded);
  g_assert_true (g_bytes_equal (api->uploaded, api->big));
  g_assert_cmpint (api->upload_encoding, ==, encoding);
  if (encoding == SOUP_ENCODING_CONTENT_LENGTH)
    g_assert_cmpint (api->upload_length, ==, BIG_SIZE);
  g_assert_cmpstr (api->upload_type, ==, "application/x-test");
  g_mutex_unlock (&api->lock);
}

/* Reads the whole stream in uneven blocks. */
static GBytes *
read_all (GInputStream *stream)
{
  g_autoptr(GByteArray) all = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint8 buffer[12345];
  gssize n;

  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, &error)) > 0)
    g_byte_array_append (all, buffer, (guint) n);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 0);
  return g_byte_array_free_to_bytes (g_steal_pointer (&all));
}

/* ---------------------------------------------------------------------- */

static void
test_upload (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(Api) api = api_new ("Bearer at-1");
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2ClientCredentialsAuth) auth = oa2_client_credentials_auth_new (client, NULL);
  g_autoptr(OA2ApiClient) api_client = api_client_for (api, OA2_AUTH (auth));
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  oa2_test_server_respond (server, 200, "application/json", TOKEN_RESPONSE);
  /* Traced as their length only: a body is the API's business. */
  oa2_test_trace_begin ();

  /* Of known length, blocking. */
  {
    g_autoptr(GInputStream) body = big_stream (api);
    g_autoptr(OA2ApiResponse) response =
      oa2_api_client_request_stream (api_client, "PUT", "upload", NULL, body, BIG_SIZE, "application/x-test",
                                     OA2_API_REQUEST_DEFAULT, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (oa2_api_response_get_status (response), ==, 201);
    g_assert_null (oa2_api_response_get_stream (response));
    assert_uploaded (api, SOUP_ENCODING_CONTENT_LENGTH);
  }

  /* Chunked, asynchronous. */
  {
    g_autoptr(GInputStream) body = big_stream (api);
    g_autoptr(OA2ApiResponse) response = NULL;

    oa2_api_client_request_stream_async (api_client, "POST", "upload", NULL, body, -1, "application/x-test",
                                         OA2_API_REQUEST_DEFAULT, NULL, oa2_test_store_result, &result);
    response = oa2_api_client_request_stream_finish (api_client, oa2_test_wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (oa2_api_response_get_status (response), ==, 201);
    assert_uploaded (api, SOUP_ENCODING_CHUNKED);
  }

  /* Chunked, blocking. */
  {
    g_autoptr(GInputStream) body = big_stream (api);
    g_autoptr(OA2ApiResponse) response =
      oa2_api_client_request_stream (api_client, "POST", "upload", NULL, body, -1, "application/x-test",
                                     OA2_API_REQUEST_DEFAULT, NULL, &error);

    g_assert_no_error (error);
    assert_uploaded (api, SOUP_ENCODING_CHUNKED);
  }
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);
  g_assert_cmpuint (api->hits, ==, 3);
  g_assert_nonnull (strstr (oa2_test_trace_text (), "body: (stream of 5242880 bytes)"));
  g_assert_nonnull (strstr (oa2_test_trace_text (), "body: (stream, chunked)"));
  oa2_test_trace_end ();
}

static void
test_download (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(Api) api = api_new ("Bearer at-1");
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2ClientCredentialsAuth) auth = oa2_client_credentials_auth_new (client, NULL);
  g_autoptr(OA2ApiClient) api_client = api_client_for (api, OA2_AUTH (auth));
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(GBytes) received = NULL;

  oa2_test_server_respond (server, 200, "application/json", TOKEN_RESPONSE);

  /* Without the flag, the size limit holds. */
  response = oa2_api_client_get (api_client, "download", NULL, NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_RESPONSE_TOO_LARGE);
  g_assert_null (response);
  g_clear_error (&error);

  /* Blocking. */
  oa2_test_trace_begin ();
  response = oa2_api_client_request (api_client, "GET", "download", NULL, NULL, NULL,
                                     OA2_API_REQUEST_STREAM_RESPONSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (oa2_test_trace_text (), "body: (streamed)"));
  oa2_test_trace_end ();
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 200);
  g_assert_cmpint (soup_message_headers_get_content_length (oa2_api_response_get_headers (response)), ==,
                   BIG_SIZE);
  g_assert_cmpuint (g_bytes_get_size (oa2_api_response_get_body (response)), ==, 0);
  received = read_all (oa2_api_response_get_stream (response));
  g_assert_true (g_bytes_equal (received, api->big));
  g_clear_pointer (&received, g_bytes_unref);
  g_clear_object (&response);

  /* Asynchronous, with a streamed upload too. */
  {
    g_autoptr(GInputStream) body = g_memory_input_stream_new_from_data ("x", 1, NULL);

    g_free (api->accepted);
    api->accepted = NULL;
    oa2_api_client_request_stream_async (api_client, "POST", "download", NULL, body, 1, NULL,
                                         OA2_API_REQUEST_STREAM_RESPONSE, NULL, oa2_test_store_result, &result);
    response = oa2_api_client_request_stream_finish (api_client, oa2_test_wait_result (&result), &error);
    g_assert_no_error (error);
    received = read_all (oa2_api_response_get_stream (response));
    g_assert_true (g_bytes_equal (received, api->big));
  }
}

/* A failure status is read whole, within the limit, and raised. */
static void
test_download_status (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(Api) api = api_new ("Bearer at-1");
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2ClientCredentialsAuth) auth = oa2_client_credentials_auth_new (client, NULL);
  g_autoptr(OA2ApiClient) api_client = api_client_for (api, OA2_AUTH (auth));
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OA2ApiResponse) response = NULL;

  oa2_test_server_respond (server, 200, "application/json", TOKEN_RESPONSE);

  response = oa2_api_client_request (api_client, "GET", "status/404", NULL, NULL, NULL,
                                     OA2_API_REQUEST_STREAM_RESPONSE, NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNEXPECTED_STATUS);
  g_assert_nonnull (strstr (error->message, "no such thing"));
  g_assert_null (response);
  g_clear_error (&error);

  oa2_api_client_request_async (api_client, "GET", "big-error", NULL, NULL, NULL,
                                OA2_API_REQUEST_STREAM_RESPONSE, NULL, oa2_test_store_result, &result);
  response = oa2_api_client_request_finish (api_client, oa2_test_wait_result (&result), &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_RESPONSE_TOO_LARGE);
  g_assert_null (response);
  g_clear_error (&error);

  /* Not raised: the failure comes back read, not as a stream. */
  response = oa2_api_client_request (api_client, "GET", "status/409", NULL, NULL, NULL,
                                     OA2_API_REQUEST_STREAM_RESPONSE | OA2_API_REQUEST_NO_RAISE_FOR_STATUS,
                                     NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 409);
  g_assert_null (oa2_api_response_get_stream (response));
  g_assert_cmpuint (g_bytes_get_size (oa2_api_response_get_body (response)), ==, 13);

  /* A refused token is renewed and the download sent again: its
   * request has no body stream. */
  g_clear_object (&response);
  g_free (api->accepted);
  api->accepted = g_strdup ("Bearer at-2");
  oa2_test_server_respond (server, 200, "application/json",
                           "{\"access_token\":\"at-2\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
  response = oa2_api_client_request (api_client, "GET", "download", NULL, NULL, NULL,
                                     OA2_API_REQUEST_STREAM_RESPONSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (oa2_api_response_get_stream (response));
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 2);
}

/* A body stream is sent once: a 401 invalid_token renews the token and is
 * reported; the caller's next request carries the new token. */
static void
check_refused_upload (gboolean async)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autoptr(Api) api = api_new ("Bearer at-1");
  g_autoptr(OA2Client) client = client_for (server);
  g_autoptr(OA2AccessTokenAuth) auth = NULL;
  g_autoptr(OA2ApiClient) api_client = NULL;
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) stored = json_object_new ();
  g_autoptr(GInputStream) body = NULL;

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

  body = big_stream (api);
  if (async)
    {
      oa2_api_client_request_stream_async (api_client, "PUT", "upload", NULL, body, BIG_SIZE, "application/x-test",
                                           OA2_API_REQUEST_DEFAULT, NULL, oa2_test_store_result, &result);
      response = oa2_api_client_request_stream_finish (api_client, oa2_test_wait_result (&result), &error);
    }
  else
    response = oa2_api_client_request_stream (api_client, "PUT", "upload", NULL, body, BIG_SIZE,
                                              "application/x-test", OA2_API_REQUEST_DEFAULT, NULL, &error);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_TOKEN);
  g_assert_null (response);
  g_clear_error (&error);
  g_assert_cmpuint (api->hits, ==, 1);
  g_assert_null (api->uploaded);
  /* Renewed all the same, for the next request. */
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);

  g_clear_object (&body);
  body = big_stream (api);
  response = oa2_api_client_request_stream (api_client, "PUT", "upload", NULL, body, BIG_SIZE,
                                            "application/x-test", OA2_API_REQUEST_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_api_response_get_status (response), ==, 201);
  assert_uploaded (api, SOUP_ENCODING_CONTENT_LENGTH);
  g_assert_cmpuint (api->hits, ==, 2);
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 1);
}

static void
test_refused_upload (void)
{
  check_refused_upload (FALSE);
}

static void
test_refused_upload_async (void)
{
  check_refused_upload (TRUE);
}

/* use_dpop_nonce: reported, and the nonce goes with the next request. */
static void
test_dpop_nonce_upload (void)
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
  g_autoptr(GInputStream) body = NULL;
  g_autoptr(OA2Jwt) second = NULL;

  g_assert_no_error (error);
  oa2_test_server_respond (server, 200, "application/json",
                           "{\"access_token\":\"dpop-at\",\"token_type\":\"DPoP\",\"expires_in\":3600}");
  body = big_stream (api);
  oa2_api_client_request_stream_async (api_client, "POST", "nonce", NULL, body, -1, "application/x-test",
                                       OA2_API_REQUEST_DEFAULT, NULL, oa2_test_store_result, &result);
  response = oa2_api_client_request_stream_finish (api_client, oa2_test_wait_result (&result), &error);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_USE_DPOP_NONCE);
  g_assert_null (response);
  g_clear_error (&error);
  g_assert_cmpuint (api->hits, ==, 1);

  g_clear_object (&body);
  body = big_stream (api);
  response = oa2_api_client_request_stream (api_client, "POST", "nonce", NULL, body, -1, "application/x-test",
                                            OA2_API_REQUEST_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  assert_uploaded (api, SOUP_ENCODING_CHUNKED);
  g_assert_cmpuint (api->dpop_proofs->len, ==, 2);
  second = oa2_jwt_new_from_compact (g_ptr_array_index (api->dpop_proofs, 1), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_jwt_get_string_claim (second, "nonce"), ==, "api-n1");
}

static gboolean
cancel_later (gpointer cancellable)
{
  g_cancellable_cancel (cancellable);
  return G_SOURCE_REMOVE;
}

/* A read that waits for more of the body ends when its cancellable is
 * cancelled. */
static void
test_cancel_mid_stream (void)
{
  g_autoptr(Api) api = api_new (NULL);
  g_autoptr(OA2ApiClient) api_client = api_client_for (api, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OA2ApiResponse) response = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GInputStream *stream;
  gsize total = 0;
  guint8 buffer[4096];

  oa2_api_client_request_async (api_client, "GET", "stall", NULL, NULL, NULL, OA2_API_REQUEST_STREAM_RESPONSE,
                                NULL, oa2_test_store_result, &result);
  response = oa2_api_client_request_finish (api_client, oa2_test_wait_result (&result), &error);
  g_assert_no_error (error);
  stream = oa2_api_response_get_stream (response);
  while (total < STALL_CHUNK)
    {
      gssize n = g_input_stream_read (stream, buffer, MIN (sizeof buffer, STALL_CHUNK - total), NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      g_assert_cmpmem (buffer, n, (const guint8 *) g_bytes_get_data (api->big, NULL) + total, n);
      total += (gsize) n;
    }

  g_clear_object (&result);
  g_timeout_add (100, cancel_later, cancellable);
  g_input_stream_read_async (stream, buffer, sizeof buffer, G_PRIORITY_DEFAULT, cancellable,
                             oa2_test_store_result, &result);
  g_assert_cmpint (g_input_stream_read_finish (stream, oa2_test_wait_result (&result), &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("G_MESSAGES_DEBUG", "OA2", TRUE);
  oa2_test_init (&argc, &argv);
  oa2_test_trace_install ();

  g_test_add_func ("/api-client-stream/upload", test_upload);
  g_test_add_func ("/api-client-stream/download", test_download);
  g_test_add_func ("/api-client-stream/download-status", test_download_status);
  g_test_add_func ("/api-client-stream/refused-upload", test_refused_upload);
  g_test_add_func ("/api-client-stream/refused-upload-async", test_refused_upload_async);
  g_test_add_func ("/api-client-stream/dpop-nonce-upload", test_dpop_nonce_upload);
  g_test_add_func ("/api-client-stream/cancel-mid-stream", test_cancel_mid_stream);

  return g_test_run ();
}
