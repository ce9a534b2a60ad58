/* device-flow.c: sign a user in on another device (RFC 8628)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The device authorization grant on a GMainLoop: ask for a user code,
 * print it with the address where the user enters it (on a phone, say),
 * then let an OA2TokenPoller poll the token endpoint at the pace the
 * server asks for until the user has answered. Nothing blocks: the waits
 * are timeouts on the main loop. The token itself is never printed.
 *
 *   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
 *   export OA2_EXAMPLE_DEVICE_AUTHORIZATION_ENDPOINT=https://as.example.com/device/auth
 *   export OA2_EXAMPLE_CLIENT_ID=my-tv-app      # a public client
 *   ./device-flow "openid offline_access"
 *
 * Set G_MESSAGES_DEBUG=OA2 to see the HTTP exchanges, with secrets
 * redacted; Ctrl+C stops polling.
 */

#include <locale.h>
#include <stdlib.h>

#include <glib-unix.h>
#include <oauth2client-glib/oauth2client-glib.h>

typedef struct {
  GMainLoop      *loop;
  GCancellable   *cancellable;
  OA2TokenPoller *poller;
  int             exit_status;
} Example;

static void
print_error (const GError *error)
{
  g_printerr ("device-flow: %s\n", error->message);
  if (error->domain == OA2_OAUTH_ERROR)
    g_printerr ("  (server error “%s”, HTTP status %u)\n",
                oa2_error_get_server_code (error), oa2_error_get_http_status (error));
}

static void
on_token (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Example *example = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = NULL;

  token = oa2_token_poller_poll_finish (OA2_TOKEN_POLLER (source), result, &error);
  if (token == NULL)
    {
      /* access_denied, expired_token, OA2_ERROR_AUTHORIZATION_EXPIRED,
       * cancelled… */
      print_error (error);
      example->exit_status = 1;
    }
  else
    {
      g_print ("signed in after %u requests\n", oa2_token_poller_get_requests (OA2_TOKEN_POLLER (source)));
      g_print ("token type:     %s\n", oa2_bearer_token_get_token_type (token));
      g_print ("refresh token:  %s\n", oa2_bearer_token_get_refresh_token (token) != NULL ? "yes" : "no");
      example->exit_status = 0;
    }
  g_main_loop_quit (example->loop);
}

static void
on_device_authorized (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Example *example = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DeviceAuthorizationResponse) device = NULL;
  const char *complete;

  device = oa2_client_authorize_device_finish (OA2_CLIENT (source), result, &error);
  if (device == NULL)
    {
      print_error (error);
      example->exit_status = 1;
      g_main_loop_quit (example->loop);
      return;
    }

  /* What the user needs; never the device code, which is a credential. */
  g_print ("Open %s\n", oa2_device_authorization_response_get_verification_uri (device));
  g_print ("and enter the code %s\n", oa2_device_authorization_response_get_user_code (device));
  complete = oa2_device_authorization_response_get_verification_uri_complete (device);
  if (complete != NULL)
    g_print ("(or open %s)\n", complete);
  g_print ("waiting, polling every %u s…\n", oa2_device_authorization_response_get_interval (device));

  example->poller = oa2_token_poller_new_for_device (OA2_CLIENT (source), device, NULL);
  oa2_token_poller_poll_async (example->poller, example->cancellable, on_token, example);
}

static gboolean
on_sigint (gpointer user_data)
{
  Example *example = user_data;

  g_cancellable_cancel (example->cancellable);
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  const char *token_endpoint = g_getenv ("OA2_EXAMPLE_TOKEN_ENDPOINT");
  const char *device_endpoint = g_getenv ("OA2_EXAMPLE_DEVICE_AUTHORIZATION_ENDPOINT");
  const char *client_id = g_getenv ("OA2_EXAMPLE_CLIENT_ID");
  const char *scope = argc > 1 ? argv[1] : NULL;
  g_autoptr(OA2PublicApp) auth = NULL;
  g_autoptr(OA2Client) client = NULL;
  Example example = { .exit_status = 1 };
  guint sigint_id;

  setlocale (LC_ALL, "");
  if (token_endpoint == NULL || device_endpoint == NULL || client_id == NULL)
    {
      g_printerr ("device-flow: set OA2_EXAMPLE_TOKEN_ENDPOINT, OA2_EXAMPLE_DEVICE_AUTHORIZATION_ENDPOINT "
                  "and OA2_EXAMPLE_CLIENT_ID\n");
      return 2;
    }

  auth = oa2_public_app_new (client_id);
  client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", token_endpoint,
                         "device-authorization-endpoint", device_endpoint, "client-auth", auth, NULL);

  example.loop = g_main_loop_new (NULL, FALSE);
  example.cancellable = g_cancellable_new ();
  sigint_id = g_unix_signal_add (SIGINT, on_sigint, &example);
  oa2_client_authorize_device_async (client, scope, NULL, NULL, example.cancellable,
                                     on_device_authorized, &example);
  g_main_loop_run (example.loop);

  g_source_remove (sigint_id);
  g_clear_object (&example.poller);
  g_object_unref (example.cancellable);
  g_main_loop_unref (example.loop);
  return example.exit_status;
}
