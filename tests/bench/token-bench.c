/* token-bench.c: what the library costs over plain libsoup and json-glib
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each figure is printed next to its floor, measured in the same run:
 * a token round trip beside a plain libsoup POST of the same body to the
 * same in-process server, and token response validation beside json-glib
 * parsing the same bytes. Run with `meson test -C <builddir> --benchmark`.
 */

#include "oa2-test-utils.h"
#include "oa2-test-server.h"

#include "oa2-json-private.h"

#define TOKEN_JSON "{\"access_token\":\"2YotnFZFEjr1zCsicMWpAA\",\"token_type\":\"Bearer\"," \
                   "\"expires_in\":3600,\"refresh_token\":\"tGzv3JOkF0XG5Qx2TlKWIA\",\"scope\":\"api:read\"}"
#define FORM_BODY "grant_type=client_credentials&scope=api%3Aread&client_id=bench&client_secret=s3cret"

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static void
report (const char *what,
        guint       n,
        double      seconds,
        const char *floor_what,
        guint       floor_n,
        double      floor_seconds)
{
  double rate = n / seconds;
  double floor_rate = floor_n / floor_seconds;

  g_print ("%-34s %10.0f/s   %-30s %10.0f/s   ratio %.2f\n",
           what, rate, floor_what, floor_rate, rate / floor_rate);
}

static void
bench_round_trip (guint n)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autofree char *uri = oa2_test_server_uri (server, "/token");
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(OA2ClientSecretPost) auth = oa2_client_secret_post_new ("bench", "s3cret");
  g_autoptr(OA2Client) client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", uri,
                                              "client-auth", auth, "session", session, NULL);
  gint64 start;
  double plain, ours;

  oa2_test_server_respond (server, 200, "application/json", TOKEN_JSON);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
      g_autoptr(GBytes) body = g_bytes_new_static (FORM_BODY, strlen (FORM_BODY));
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(GError) error = NULL;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
      answer = soup_session_send_and_read (session, msg, NULL, &error);
      g_assert_no_error (error);
    }
  plain = seconds_since (start);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2BearerToken) token = oa2_client_client_credentials (client, "api:read", NULL, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
    }
  ours = seconds_since (start);

  report ("client_credentials round trip", n, ours, "plain libsoup POST", n, plain);
}

static void
bench_parse (guint n)
{
  gint64 start;
  double plain, ours;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();

      g_assert_true (json_parser_load_from_data (parser, TOKEN_JSON, -1, NULL));
    }
  plain = seconds_since (start);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) object = oa2_json_parse_object (TOKEN_JSON, strlen (TOKEN_JSON), NULL);
      g_autoptr(OA2BearerToken) token = oa2_bearer_token_new_from_response (object, NULL);

      g_assert_nonnull (token);
    }
  ours = seconds_since (start);

  report ("token response parse + validate", n, ours, "json-glib parse alone", n, plain);
}

int
main (int argc, char **argv)
{
  guint scale = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1;

  g_print ("oauth2client-glib %u.%u.%u benchmarks (figure, then its floor in the same run)\n",
           oa2_get_major_version (), oa2_get_minor_version (), oa2_get_micro_version ());
  bench_round_trip (2000 * MAX (scale, 1));
  bench_parse (100000 * MAX (scale, 1));
  return 0;
}
