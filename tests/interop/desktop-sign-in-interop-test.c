/* desktop-sign-in-interop-test.c: the one-call sign-in of a desktop app
 * (OA2DesktopSignIn) against a real OpenID provider: the browser the
 * library launches through OA2_BROWSER is a scripted one (login.mjs, then a
 * GET of the redirect), and, in the real-browser test, Debian's headless
 * Chromium, which loads the provider's login and consent pages, submits
 * them and is redirected to the loopback receiver
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>

#include <glib/gstdio.h>
#include <oauth2client-glib/oauth2client-glib.h>

#include "oa2-provider.h"

#define BASIC_SECRET "basic s3cr:t/+%&"

static OA2Provider *provider;

static void
store_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The client as a desktop app makes it: from the issuer's discovery. */
static OA2Client *
discover (const char *client_id)
{
  g_autoptr(OA2ClientAuth) auth = NULL;
  g_autoptr(GError) error = NULL;
  OA2Client *client;

  if (g_str_equal (client_id, "oa2-basic"))
    auth = OA2_CLIENT_AUTH (oa2_client_secret_basic_new (client_id, BASIC_SECRET));
  else
    auth = OA2_CLIENT_AUTH (oa2_public_app_new (client_id));
  client = oa2_client_new_from_issuer (oa2_provider_get_issuer (provider), OA2_DISCOVERY_KIND_OPENID, auth, NULL, NULL, &error);
  g_assert_no_error (error);
  return client;
}

static void
use_scripted_browser (void)
{
  g_autofree char *script = g_build_filename (g_getenv ("OA2_PROVIDER_DIR"), "scripted-browser.mjs", NULL);
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *quoted_node = NULL;
  g_autofree char *quoted_script = NULL;
  g_autofree char *command = NULL;

  g_assert_nonnull (node);
  quoted_node = g_shell_quote (node);
  quoted_script = g_shell_quote (script);
  command = g_strdup_printf ("%s %s", quoted_node, quoted_script);
  g_setenv ("OA2_BROWSER", command, TRUE);
}

static void
on_prepare_request (OA2DesktopSignIn        *sign_in,
                    OA2AuthorizationRequest *request,
                    gpointer                 user_data)
{
  /* oidc-provider grants offline_access only with prompt=consent. */
  oa2_authorization_request_set_prompt (request, "consent");
  (*(int *) user_data)++;
}

static OA2BearerToken *
run (OA2DesktopSignIn *sign_in, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  oa2_desktop_sign_in_run_async (sign_in, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return oa2_desktop_sign_in_run_finish (sign_in, result, error);
}

static void
assert_signed_in (OA2BearerToken *token, const char *client_id)
{
  OA2IdToken *id_token = oa2_bearer_token_get_validated_id_token (token);

  g_assert_nonnull (oa2_bearer_token_get_access_token (token));
  g_assert_nonnull (id_token);
  g_assert_cmpstr (oa2_id_token_get_subject (id_token), ==, "alice");
  g_assert_cmpstr (oa2_id_token_get_issuer (id_token), ==, oa2_provider_get_issuer (provider));
  g_assert_true (g_strv_contains (oa2_id_token_get_audience (id_token), client_id));
}

/* The whole sign-in, scripted browser, public and confidential clients,
 * then a refresh with what it got. */
static void
test_scripted (gconstpointer data)
{
  const char *client_id = data;
  g_autoptr(OA2Client) client = discover (client_id);
  g_autoptr(OA2DesktopSignIn) sign_in = oa2_desktop_sign_in_new (client, "openid offline_access");
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) refreshed = NULL;
  g_autoptr(GError) error = NULL;
  int prepared = 0;

  use_scripted_browser ();
  g_signal_connect (sign_in, "prepare-request", G_CALLBACK (on_prepare_request), &prepared);
  token = run (sign_in, &error);
  g_assert_no_error (error);
  g_assert_cmpint (prepared, ==, 1);
  assert_signed_in (token, client_id);
  g_assert_true (g_str_has_prefix (oa2_desktop_sign_in_get_authorization_uri (sign_in),
                                   oa2_provider_get_issuer (provider)));
  g_assert_nonnull (strstr (oa2_desktop_sign_in_get_authorization_uri (sign_in), "code_challenge_method=S256"));
  g_assert_nonnull (strstr (oa2_desktop_sign_in_get_authorization_uri (sign_in), "nonce="));

  refreshed = oa2_client_refresh_token (client, oa2_bearer_token_get_refresh_token (token), NULL, NULL, NULL,
                                        NULL, NULL, &error);
  g_assert_no_error (error);

  /* The port is closed once the run is over. */
  g_assert_cmpuint (oa2_loopback_receiver_get_port (oa2_desktop_sign_in_get_receiver (sign_in)), >, 0);
}

/* Pushed first (RFC 9126), the code and token bound to a DPoP key. */
static void
test_scripted_par_dpop (void)
{
  g_autoptr(OA2Client) client = discover ("oa2-public");
  g_autoptr(OA2DesktopSignIn) sign_in = oa2_desktop_sign_in_new (client, NULL);
  g_autoptr(OA2DPoPKey) key = oa2_dpop_key_generate ("ES256", NULL);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  use_scripted_browser ();
  oa2_desktop_sign_in_set_pushed (sign_in, TRUE);
  oa2_desktop_sign_in_set_dpop_key (sign_in, key);
  token = run (sign_in, &error);
  g_assert_no_error (error);
  assert_signed_in (token, "oa2-public");
  g_assert_true (OA2_IS_DPOP_TOKEN (token));
  g_assert_true (oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (token)) == key);
  g_assert_nonnull (strstr (oa2_desktop_sign_in_get_authorization_uri (sign_in), "request_uri="));
  g_assert_null (strstr (oa2_desktop_sign_in_get_authorization_uri (sign_in), "code_challenge="));
}

/* The blocking variant, for scripts and tools. */
static void
test_scripted_sync (void)
{
  g_autoptr(OA2Client) client = discover ("oa2-public");
  g_autoptr(OA2DesktopSignIn) sign_in = oa2_desktop_sign_in_new (client, "openid");
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  use_scripted_browser ();
  token = oa2_desktop_sign_in_run (sign_in, NULL, &error);
  g_assert_no_error (error);
  assert_signed_in (token, "oa2-public");
}

/* A browser command that fails never comes back: the run says so at
 * once instead of waiting for the timeout. */
static void
test_browser_fails (void)
{
  g_autoptr(OA2Client) client = discover ("oa2-public");
  g_autoptr(OA2DesktopSignIn) sign_in = oa2_desktop_sign_in_new (client, NULL);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("OA2_BROWSER", "sh -c 'exit 3'", TRUE);
  token = run (sign_in, &error);
  g_assert_null (token);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "status 3"));
  g_clear_error (&error);

  g_setenv ("OA2_BROWSER", "/nonexistent/browser", TRUE);
  token = run (sign_in, &error);
  g_assert_null (token);
  g_assert_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT);
  g_clear_error (&error);

  g_setenv ("OA2_BROWSER", "'unbalanced", TRUE);
  token = run (sign_in, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
}

static gboolean
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* Cancelled while the browser is open (the app's dialog was closed). */
static void
test_cancel (void)
{
  g_autoptr(OA2Client) client = discover ("oa2-public");
  g_autoptr(OA2DesktopSignIn) sign_in = oa2_desktop_sign_in_new (client, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  /* A browser that stays open and does nothing. */
  g_setenv ("OA2_BROWSER", "sh -c 'sleep 2' browser", TRUE);
  oa2_desktop_sign_in_run_async (sign_in, cancellable, store_result, &result);
  g_timeout_add (200, cancel_soon, cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  token = oa2_desktop_sign_in_run_finish (sign_in, result, &error);
  g_assert_null (token);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* openid without an issuer: nothing could validate the ID token, so the
 * run refuses to start. */
static void
test_no_issuer (void)
{
  g_autoptr(OA2ClientAuth) auth = OA2_CLIENT_AUTH (oa2_public_app_new ("oa2-public"));
  g_autofree char *token_endpoint = oa2_provider_endpoint (provider, "/token");
  g_autofree char *authorization_endpoint = oa2_provider_endpoint (provider, "/auth");
  g_autoptr(OA2Client) client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", token_endpoint,
                                              "authorization-endpoint", authorization_endpoint,
                                              "client-auth", auth, NULL);
  g_autoptr(OA2DesktopSignIn) sign_in = oa2_desktop_sign_in_new (client, "openid email");
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  use_scripted_browser ();
  token = run (sign_in, &error);
  g_assert_null (token);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_assert_null (oa2_desktop_sign_in_get_authorization_uri (sign_in));
}

/* JAR and JARM in the one-call sign-in: a key of the provider's fixture
 * files (client-keys.json), whose public half it registered. */
static OA2Jwk *
fixture_key (const char *file,
             const char *alg)
{
  g_autofree char *path = g_build_filename (g_getenv ("OA2_PROVIDER_DIR"), file, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *keys;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  keys = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "keys");
  for (guint i = 0; i < json_array_get_length (keys); i++)
    {
      JsonObject *object = json_array_get_object_element (keys, i);

      if (g_strcmp0 (json_object_get_string_member (object, "alg"), alg) == 0)
        {
          OA2Jwk *key = oa2_jwk_new_from_json_object (object, &error);

          g_assert_no_error (error);
          return key;
        }
    }
  g_assert_not_reached ();
}

typedef struct {
  OA2Jwk     *request_object_key;   /* JAR, or NULL */
  const char *response_mode;        /* JARM, or NULL */
} Secured;

/* What an application puts into the request in prepare-request: the
 * request-object key (JAR), the response mode (JARM). */
static void
on_prepare_secured (OA2DesktopSignIn        *sign_in,
                    OA2AuthorizationRequest *request,
                    gpointer                 user_data)
{
  Secured *secured = user_data;
  g_autoptr(GError) error = NULL;

  oa2_authorization_request_set_prompt (request, "consent");
  oa2_authorization_request_set_response_mode (request, secured->response_mode);
  if (secured->request_object_key != NULL)
    {
      g_assert_true (oa2_authorization_request_set_request_object_key (request, secured->request_object_key,
                                                                       "ES256", &error));
      g_assert_no_error (error);
    }
}

/* JAR (client oa2-jar): the parameters in a request object signed with the
 * client's key; with "par-encrypted", encrypted to the provider's key from
 * its set and pushed first. */
static void
test_scripted_jar (gconstpointer data)
{
  const char *variant = data;
  g_autoptr(OA2Client) client = discover ("oa2-jar");
  g_autoptr(OA2DesktopSignIn) sign_in = oa2_desktop_sign_in_new (client, "openid offline_access");
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) key = fixture_key ("client-keys.json", "ES256");
  Secured secured = { key, NULL };
  const char *uri;

  use_scripted_browser ();
  if (g_str_equal (variant, "par-encrypted"))
    {
      oa2_desktop_sign_in_set_pushed (sign_in, TRUE);
      oa2_desktop_sign_in_set_encrypt_request_object (sign_in, TRUE);
    }
  g_signal_connect (sign_in, "prepare-request", G_CALLBACK (on_prepare_secured), &secured);
  token = run (sign_in, &error);
  g_assert_no_error (error);
  assert_signed_in (token, "oa2-jar");
  uri = oa2_desktop_sign_in_get_authorization_uri (sign_in);
  if (g_str_equal (variant, "par-encrypted"))
    {
      g_assert_nonnull (strstr (uri, "request_uri="));
      g_assert_null (strstr (uri, "request="));
    }
  else
    {
      g_assert_nonnull (strstr (uri, "request=ey"));
      g_assert_null (strstr (uri, "state="));
      g_assert_null (strstr (uri, "code_challenge"));
    }
}

/* JARM (client oa2-jarm, responses signed ES256): query.jwt comes back in
 * the query, form_post.jwt as the form the provider's page posts; the
 * receiver has them checked with the provider's keys by the client. */
static void
test_scripted_jarm (gconstpointer data)
{
  const char *mode = data;
  g_autoptr(OA2Client) client = discover ("oa2-jarm");
  g_autoptr(OA2DesktopSignIn) sign_in = oa2_desktop_sign_in_new (client, "openid offline_access");
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;
  Secured secured = { NULL, mode };

  use_scripted_browser ();
  oa2_client_set_authorization_signed_response_alg (client, "ES256");
  g_signal_connect (sign_in, "prepare-request", G_CALLBACK (on_prepare_secured), &secured);
  token = run (sign_in, &error);
  g_assert_no_error (error);
  assert_signed_in (token, "oa2-jarm");
  g_assert_nonnull (strstr (oa2_desktop_sign_in_get_authorization_uri (sign_in), "response_mode="));
  g_assert_true (oa2_loopback_receiver_get_client (oa2_desktop_sign_in_get_receiver (sign_in)) == client);
}

/* A JARM response that does not verify (the client expects another
 * algorithm than the provider signs with) never ends the wait: the run
 * times out, and says why. */
static void
test_scripted_jarm_refused (void)
{
  g_autoptr(OA2Client) client = discover ("oa2-jarm");
  g_autoptr(OA2DesktopSignIn) sign_in = oa2_desktop_sign_in_new (client, "openid");
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;
  Secured secured = { NULL, "query.jwt" };

  use_scripted_browser ();
  oa2_client_set_authorization_signed_response_alg (client, "PS256");
  oa2_loopback_receiver_set_timeout (oa2_desktop_sign_in_get_receiver (sign_in), 5);
  g_signal_connect (sign_in, "prepare-request", G_CALLBACK (on_prepare_secured), &secured);
  token = run (sign_in, &error);
  g_assert_null (token);
  /* The scripted browser fails on the failure page, or the wait times out
   * first: both say the response was refused. */
  g_assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
                 g_error_matches (error, G_IO_ERROR, G_IO_ERROR_FAILED));
}

/* The real browser: Chromium, headless, loads the provider's login and
 * consent pages (which, for the oa2-browser client, fill themselves in and
 * submit), and is redirected to the loopback receiver. */
static void
test_real_browser (gconstpointer data)
{
  /* With data, the JARM client: form_post.jwt, the provider's page that
   * Chromium submits, posted to the receiver. */
  const char *client_id = data != NULL ? "oa2-browser-jarm" : "oa2-browser";
  Secured secured = { NULL, "form_post.jwt" };
  g_autoptr(OA2Client) client = discover (client_id);
  g_autoptr(OA2DesktopSignIn) sign_in = oa2_desktop_sign_in_new (client, "openid offline_access");
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *profile = g_dir_make_tmp ("oa2-chromium-XXXXXX", &error);
  g_autofree char *pidfile = NULL;
  g_autofree char *pid_text = NULL;
  g_autofree char *wrapper = g_build_filename (g_getenv ("OA2_TEST_SRCDIR"), "chromium-browser.sh", NULL);
  g_autofree char *command = NULL;
  g_autofree char *quoted = NULL;
  int prepared = 0;
  pid_t pid;

  g_assert_no_error (error);
  /* It must run, never skip: Chromium is a dependency of the tests. */
  g_assert_true (g_file_test ("/usr/bin/chromium", G_FILE_TEST_IS_EXECUTABLE));
  pidfile = g_build_filename (profile, "chromium.pid", NULL);
  g_setenv ("OA2_TEST_CHROMIUM_PROFILE", profile, TRUE);
  g_setenv ("OA2_TEST_CHROMIUM_PIDFILE", pidfile, TRUE);
  quoted = g_shell_quote (wrapper);
  command = g_strdup_printf ("sh %s", quoted);
  g_setenv ("OA2_BROWSER", command, TRUE);

  if (data != NULL)
    {
      oa2_client_set_authorization_signed_response_alg (client, "ES256");
      g_signal_connect (sign_in, "prepare-request", G_CALLBACK (on_prepare_secured), &secured);
    }
  else
    g_signal_connect (sign_in, "prepare-request", G_CALLBACK (on_prepare_request), &prepared);
  oa2_loopback_receiver_set_timeout (oa2_desktop_sign_in_get_receiver (sign_in), 90);
  token = run (sign_in, &error);

  /* Chromium and its helpers, by the process group the wrapper made. */
  g_assert_true (g_file_get_contents (pidfile, &pid_text, NULL, NULL));
  pid = (pid_t) g_ascii_strtoll (pid_text, NULL, 10);
  g_assert_cmpint (pid, >, 1);
  if (kill (-pid, SIGTERM) == 0)
    {
      for (int i = 0; i < 50 && kill (-pid, 0) == 0; i++)
        g_usleep (100 * 1000);
      if (kill (-pid, 0) == 0)
        kill (-pid, SIGKILL);
    }
  {
    g_autoptr(GSubprocess) rm = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "rm", "-rf", profile, NULL);

    g_subprocess_wait (rm, NULL, NULL);
  }

  g_assert_no_error (error);
  assert_signed_in (token, client_id);
  g_assert_nonnull (oa2_bearer_token_get_refresh_token (token));
  if (data != NULL)
    g_assert_nonnull (strstr (oa2_desktop_sign_in_get_authorization_uri (sign_in), "response_mode=form_post.jwt"));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/oa2/interop/desktop-sign-in/scripted/none", "oa2-public", test_scripted);
  g_test_add_data_func ("/oa2/interop/desktop-sign-in/scripted/client-secret-basic", "oa2-basic", test_scripted);
  g_test_add_func ("/oa2/interop/desktop-sign-in/scripted/par-dpop", test_scripted_par_dpop);
  g_test_add_func ("/oa2/interop/desktop-sign-in/scripted/sync", test_scripted_sync);
  g_test_add_data_func ("/oa2/interop/desktop-sign-in/scripted/jar", "front", test_scripted_jar);
  g_test_add_data_func ("/oa2/interop/desktop-sign-in/scripted/jar-par-encrypted", "par-encrypted",
                        test_scripted_jar);
  g_test_add_data_func ("/oa2/interop/desktop-sign-in/scripted/jarm-query", "query.jwt", test_scripted_jarm);
  g_test_add_data_func ("/oa2/interop/desktop-sign-in/scripted/jarm-form-post", "form_post.jwt",
                        test_scripted_jarm);
  g_test_add_func ("/oa2/interop/desktop-sign-in/scripted/jarm-refused", test_scripted_jarm_refused);
  g_test_add_func ("/oa2/interop/desktop-sign-in/browser-fails", test_browser_fails);
  g_test_add_func ("/oa2/interop/desktop-sign-in/cancel", test_cancel);
  g_test_add_func ("/oa2/interop/desktop-sign-in/no-issuer", test_no_issuer);
  g_test_add_data_func ("/oa2/interop/desktop-sign-in/real-browser", NULL, test_real_browser);
  g_test_add_data_func ("/oa2/interop/desktop-sign-in/real-browser-jarm-form-post", "jarm", test_real_browser);

  provider = oa2_provider_start ();
  status = g_test_run ();
  oa2_provider_stop (provider);
  return status;
}
