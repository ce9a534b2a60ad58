/* desktop-sign-in.c: sign a person in from a desktop app, in one call
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * OA2DesktopSignIn listens on a loopback port, opens the browser on the
 * authorization request (PKCE, state and nonce made by the library), waits
 * for the browser to come back, checks the answer, exchanges the code and
 * validates the ID token, all on the GLib main loop, as a GTK app would
 * run it. The browser is the desktop's default one, or the command that
 * the environment variable OA2_BROWSER names (given the address as its
 * last argument). The tokens themselves are never printed.
 *
 *   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
 *   export OA2_EXAMPLE_AUTHORIZATION_ENDPOINT=https://as.example.com/authorize
 *   export OA2_EXAMPLE_CLIENT_ID=my-app       # registered with http://127.0.0.1/callback
 *   export OA2_EXAMPLE_ISSUER=https://as.example.com   # optional: checks iss (RFC 9207)
 *   ./desktop-sign-in [SCOPE]
 */

#include <locale.h>
#include <stdlib.h>

#include <oauth2client-glib/oauth2client-glib.h>

typedef struct {
  GMainLoop *loop;
  int        status;
} Run;

static void
on_authorization_uri (OA2DesktopSignIn *sign_in,
                      GParamSpec       *pspec,
                      gpointer          user_data)
{
  g_print ("browser: %s\n", oa2_desktop_sign_in_get_authorization_uri (sign_in));
}

static void
on_signed_in (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token =
    oa2_desktop_sign_in_run_finish (OA2_DESKTOP_SIGN_IN (source), result, &error);
  OA2IdToken *id_token;

  if (token == NULL)
    {
      g_printerr ("desktop-sign-in: %s\n  (error domain %s, code %d)\n",
                  error->message, g_quark_to_string (error->domain), error->code);
      run->status = EXIT_FAILURE;
    }
  else
    {
      id_token = oa2_bearer_token_get_validated_id_token (token);
      g_print ("signed in; token type: %s\n", oa2_bearer_token_get_token_type (token));
      if (id_token != NULL)
        g_print ("subject:    %s\n", oa2_id_token_get_subject (id_token));
      /* A real app keeps oa2_bearer_token_to_json (token) in the keyring. */
      run->status = EXIT_SUCCESS;
    }
  g_main_loop_quit (run->loop);
}

int
main (int   argc,
      char *argv[])
{
  const char *token_endpoint = g_getenv ("OA2_EXAMPLE_TOKEN_ENDPOINT");
  const char *authorization_endpoint = g_getenv ("OA2_EXAMPLE_AUTHORIZATION_ENDPOINT");
  const char *client_id = g_getenv ("OA2_EXAMPLE_CLIENT_ID");
  g_autoptr(OA2ClientAuth) auth = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2DesktopSignIn) sign_in = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  Run run = { 0 };

  setlocale (LC_ALL, "");
  if (argc > 2 || token_endpoint == NULL || authorization_endpoint == NULL || client_id == NULL)
    {
      g_printerr ("usage: desktop-sign-in [SCOPE], with OA2_EXAMPLE_TOKEN_ENDPOINT, "
                  "OA2_EXAMPLE_AUTHORIZATION_ENDPOINT and OA2_EXAMPLE_CLIENT_ID set\n");
      return 2;
    }

  /* A desktop app is a public client: it cannot keep a secret. Real apps
   * make the client from discovery (oa2_client_new_from_issuer_async). */
  auth = OA2_CLIENT_AUTH (oa2_public_app_new (client_id));
  client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", token_endpoint,
                         "authorization-endpoint", authorization_endpoint,
                         "issuer", g_getenv ("OA2_EXAMPLE_ISSUER"), "client-auth", auth, NULL);

  sign_in = oa2_desktop_sign_in_new (client, argc == 2 ? argv[1] : "openid");
  g_signal_connect (sign_in, "notify::authorization-uri", G_CALLBACK (on_authorization_uri), NULL);

  loop = g_main_loop_new (NULL, FALSE);
  run.loop = loop;
  oa2_desktop_sign_in_run_async (sign_in, NULL, on_signed_in, &run);
  g_main_loop_run (loop);
  return run.status;
}
