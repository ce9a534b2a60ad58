/* uri-test.c: URI refusals never quote credentials
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every message that names a refused URI shows it without its user
 * information, query and fragment, which may carry a password or a token,
 * and as one line of bounded length, because endpoint URIs also come from
 * servers.
 */

#include "oa2-test-utils.h"

#include "oa2-token-request-private.h"
#include "oa2-uri-private.h"

/* Every secret the tests plant contains this. */
#define PLANTED "PLANTED"

static void
assert_clean_message (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, PLANTED));
  g_assert_null (strstr (error->message, "alice"));
  for (const char *p = error->message; *p != '\0'; p++)
    g_assert_false (g_ascii_iscntrl (*p));
}

typedef struct {
  const char *name;
  const char *uri;
  gint        code;
  const char *message;
} Refusal;

/* Each refusal of an endpoint URI, with credentials in the places where
 * URIs carry them. */
static const Refusal endpoint_refusals[] = {
  { "plain-http", "http://alice:" PLANTED "@as.example/token?secret=" PLANTED "#" PLANTED,
    OA2_ERROR_INSECURE_TRANSPORT,
    "Refusing to send credentials to “http://as.example/token”: plain http is only allowed to a loopback address" },
  { "fragment", "https://alice:" PLANTED "@as.example/token?secret=" PLANTED "#" PLANTED,
    OA2_ERROR_INVALID_ARGUMENT, "The endpoint URI “https://as.example/token” must not have a fragment" },
  { "fragment-loopback", "http://alice:" PLANTED "@127.0.0.1:8080/token?secret=" PLANTED "#",
    OA2_ERROR_INVALID_ARGUMENT, "The endpoint URI “http://127.0.0.1:8080/token” must not have a fragment" },
  { "other-scheme", "ftp://alice:" PLANTED "@as.example/token?secret=" PLANTED,
    OA2_ERROR_INVALID_ARGUMENT, "Refusing to send credentials over “ftp”: only https and loopback http are allowed" },
  { "bad-escape", "https://alice:" PLANTED "@as.example/%zz?secret=" PLANTED,
    OA2_ERROR_INVALID_ARGUMENT, "“https://as.example/%zz” is not an absolute http or https URI" },
  { "no-scheme", "alice:" PLANTED "@as.example/token?secret=" PLANTED,
    OA2_ERROR_INVALID_ARGUMENT, "The endpoint URI is not an absolute http or https URI" },
  { "no-host", "https://alice:" PLANTED "@/token?secret=" PLANTED,
    OA2_ERROR_INVALID_ARGUMENT, "The endpoint URI is not an absolute http or https URI" },
  { "relative", "//alice:" PLANTED "@as.example/token?secret=" PLANTED,
    OA2_ERROR_INVALID_ARGUMENT, "The endpoint URI is not an absolute http or https URI" },
  { "at-in-password", "http://alice:" PLANTED "@" PLANTED "@as.example/token",
    OA2_ERROR_INSECURE_TRANSPORT,
    "Refusing to send credentials to “http://as.example/token”: plain http is only allowed to a loopback address" },
  /* GUri's relaxed parse gives this a host and the path ";", which
   * g_uri_build() refuses (found by fuzz-server-metadata). */
  { "port-semicolon", "http://127.0.0.!:808;", OA2_ERROR_INVALID_ARGUMENT,
    "“http://127.0.0.!:808/” is not an absolute http or https URI" },
};

static void
test_endpoint_refusal (gconstpointer data)
{
  const Refusal *refusal = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = oa2_uri_parse_endpoint (refusal->uri, &error);

  g_assert_null (uri);
  g_assert_error (error, OA2_ERROR, refusal->code);
  g_assert_cmpstr (error->message, ==, refusal->message);
  assert_clean_message (error);
}

/* The same through the public API: a client's request and a token
 * stamping a message. */
static void
test_public_paths (void)
{
  g_autoptr(OA2Client) client =
    oa2_client_new_with_secret ("https://alice:" PLANTED "@as.example/token?secret=" PLANTED "#" PLANTED, "c", "s");
  g_autoptr(OA2BearerToken) token = oa2_bearer_token_new ("at", NULL, NULL);
  g_autoptr(SoupMessage) msg =
    soup_message_new ("GET", "http://alice:" PLANTED "@rs.example/api?secret=" PLANTED "#" PLANTED);
  g_autoptr(OA2BearerToken) issued = NULL;
  g_autoptr(GError) error = NULL;

  issued = oa2_client_client_credentials (client, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_null (issued);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "The endpoint URI “https://as.example/token” must not have a fragment");
  g_clear_error (&error);

  g_assert_false (oa2_bearer_token_authorize_message (token, msg, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INSECURE_TRANSPORT);
  assert_clean_message (error);
  g_assert_nonnull (strstr (error->message, "“http://rs.example/api”"));
}

/* RFC 8707 resource indicators are refused with the same care. */
static void
test_resource_refusal (void)
{
  static const struct { const char *resource; const char *message; } cases[] = {
    { "https://alice:" PLANTED "@rs.example/api?secret=" PLANTED "#" PLANTED,
      "The resource “https://rs.example/api” is not an absolute URI without a fragment" },
    { "alice:" PLANTED "@rs.example/api?secret=" PLANTED "#" PLANTED,
      "A resource indicator is not an absolute URI without a fragment" },
    { "/api?secret=" PLANTED, "A resource indicator is not an absolute URI without a fragment" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *resources[] = { cases[i].resource, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2Form) form = oa2_token_form_client_credentials (NULL, resources, NULL, &error);

      g_assert_null (form);
      g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      assert_clean_message (error);
    }
}

/* A URI from a server (discovery, a redirect) may be hostile: its path is
 * quoted on one line, cut. */
static void
test_hostile_path (void)
{
  g_autofree char *flood = g_strnfill (40 * 1024, 'p');
  g_autofree char *uri = g_strdup_printf ("http://as.example/%%1B[2J\x1b[31m\r\n%s?secret=" PLANTED, flood);
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) parsed = oa2_uri_parse_endpoint (uri, &error);

  g_assert_null (parsed);
  g_assert_nonnull (error);
  assert_clean_message (error);
  g_assert_cmpuint (strlen (error->message), <, 1024);
}

int
main (int argc, char **argv)
{
  oa2_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (endpoint_refusals); i++)
    {
      g_autofree char *path = g_strdup_printf ("/oa2/uri/endpoint-refusal/%s", endpoint_refusals[i].name);

      g_test_add_data_func (path, &endpoint_refusals[i], test_endpoint_refusal);
    }
  g_test_add_func ("/oa2/uri/public-paths", test_public_paths);
  g_test_add_func ("/oa2/uri/resource-refusal", test_resource_refusal);
  g_test_add_func ("/oa2/uri/hostile-path", test_hostile_path);

  return g_test_run ();
}
