/* oa2-authorize.c: "oa2 authorize": the authorization request, the address
 * the browser comes back to (pasted, or received on a loopback port), up
 * to the response whose code oa2-token.c exchanges
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "oa2-token.h"

/* oa2 authorize: the redirected address, one line from standard input or
 * --callback-file. It holds the code: wiped when freed. */
static char *
read_callback (const char  *path,
               GError     **error)
{
  char *line = NULL;
  size_t allocated = 0;
  ssize_t len;

  if (path != NULL && strcmp (path, "-") != 0)
    {
      char *text = tool_read_secret (NULL, path, _("the redirected address"), error);
      char *end;

      if (text == NULL)
        return NULL;
      end = strpbrk (text, "\r\n");
      if (end != NULL)
        tool_secret_wipe (end, strlen (end));
      return text;
    }

  len = getline (&line, &allocated, stdin);
  if (len <= 0)
    {
      if (line != NULL)
        tool_secret_wipe (line, allocated);
      free (line);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("No redirected address on standard input"));
      return NULL;
    }
  {
    char *copy = g_strdup (g_strstrip (line));

    tool_secret_wipe (line, allocated);
    free (line);
    return copy;
  }
}

/* Every request option without I/O: prompt, resources, --param-env and
 * --param-file, dpop_jkt, the response mode, the request-object key. The
 * encryption to the server's key (--encrypt-request-object) and the push
 * (--par) come after, as each mode does I/O. */
static gboolean
apply_request_options (AuthorizeOptions         *ao,
                       OA2AuthorizationRequest  *request,
                       GError                  **error)
{
  TokenOptions *opts = ao->opts;
  GHashTableIter iter;
  gpointer name, value;

  oa2_authorization_request_set_prompt (request, opts->prompt);
  for (guint i = 0; opts->request.resources != NULL && opts->request.resources[i] != NULL; i++)
    oa2_authorization_request_add_resource (request, opts->request.resources[i]);
  g_hash_table_iter_init (&iter, ao->params);
  while (g_hash_table_iter_next (&iter, &name, &value))
    if (!oa2_authorization_request_set_parameter (request, name, value, error))
      return FALSE;
  /* RFC 9449 §10: the code is bound to the key, so that only this key
   * redeems it. */
  if (ao->dpop_key != NULL)
    oa2_authorization_request_set_dpop_key (request, ao->dpop_key);
  oa2_authorization_request_set_response_mode (request, opts->response_mode);
  /* JAR: the key signs a new request object for the address (or the
   * push). */
  return ao->request_object_key == NULL ||
         oa2_authorization_request_set_request_object_key (request, ao->request_object_key,
                                                           opts->request_object_alg, error);
}

/* oa2 authorize up to the validated response: the request (pushed with
 * --par), its address for the user, and the address the browser came
 * back to. NULL with *out_status set on failure. */
OA2AuthorizationResponse *
tool_authorize_interactively (OA2Client        *client,
                              AuthorizeOptions *ao,
                              const char       *command,
                              int              *out_status)
{
  TokenOptions *opts = ao->opts;
  OA2DPoPKey *dpop_key = ao->dpop_key;
  GCancellable *cancellable = ao->cancellable;
  g_autoptr(OA2AuthorizationRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  OA2AuthorizationResponse *response;
  char *callback;

  request = oa2_client_new_authorization_request (client, opts->redirect_uri, opts->scope, &error);
  if (request == NULL || !apply_request_options (ao, request, &error))
    {
      *out_status = tool_usage_error (command, "%s", error->message);
      return NULL;
    }
  /* The server's key from its set encrypts the request object. */
  if (opts->encrypt_request_object &&
      !oa2_client_encrypt_request_object (client, request, NULL, NULL, cancellable, &error))
    {
      *out_status = tool_report_error (error);
      return NULL;
    }

  if (opts->par &&
      !oa2_client_pushed_authorization_request (client, request, dpop_key, cancellable, &error))
    {
      *out_status = tool_report_error (error);
      return NULL;
    }
  uri = oa2_authorization_request_dup_uri (request, &error);
  if (uri == NULL)
    {
      *out_status = tool_usage_error (command, "%s", error->message);
      return NULL;
    }

  /* On standard error, so that standard output holds the result alone. */
  g_printerr ("%s\n", _("Open this address in a browser and sign in:"));
  g_printerr ("%s\n", uri);
  if (opts->callback_file == NULL)
    g_printerr ("%s\n", _("Then paste the address the browser was sent to (it may show an error page) and press Enter:"));

  callback = read_callback (opts->callback_file, &error);
  if (callback == NULL)
    {
      *out_status = tool_usage_error (command, "%s", error->message);
      return NULL;
    }
  /* The client's call: it checks a JARM response with the server's keys,
   * and any other mode as the request itself would. */
  response = oa2_client_validate_authorization_callback (client, request, callback, NULL, cancellable, &error);
  tool_secret_free (callback);
  if (response == NULL)
    *out_status = tool_report_error (error);
  return response;
}

/* oa2 authorize without --redirect-uri: the sign-in of a desktop app,
 * back through a loopback receiver (OA2DesktopSignIn); the request gets
 * the same options as in paste mode. */
static void
on_prepare_request (OA2DesktopSignIn        *sign_in,
                    OA2AuthorizationRequest *request,
                    gpointer                 user_data)
{
  AuthorizeOptions *ao = user_data;

  if (!apply_request_options (ao, request, &ao->error))
    g_cancellable_cancel (ao->cancellable);
}

static void
on_authorization_uri (OA2DesktopSignIn *sign_in,
                      GParamSpec       *pspec,
                      gpointer          user_data)
{
  OA2LoopbackReceiver *receiver = oa2_desktop_sign_in_get_receiver (sign_in);

  /* On standard error, so that standard output holds the result alone. */
  g_printerr ("%s\n", oa2_desktop_sign_in_get_open_browser (sign_in) ?
              _("Sign in in the browser that opens, or open this address:") :
              _("Open this address in a browser on this machine and sign in:"));
  g_printerr ("%s\n", oa2_desktop_sign_in_get_authorization_uri (sign_in));
  /* Translators: %s is an address such as http://127.0.0.1:49152/callback */
  g_printerr (_("Waiting for the browser to come back to %s…\n"), oa2_loopback_receiver_get_redirect_uri (receiver));
}

static gboolean
set_in_environment (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0';
}

OA2DesktopSignIn *
tool_new_loopback_sign_in (OA2Client       *client,
                           TokenOptions    *opts,
                           OA2DPoPKey      *dpop_key,
                           AuthorizeOptions *prepare,
                           const char      *command,
                           int             *out_status)
{
  g_autoptr(OA2DesktopSignIn) sign_in = oa2_desktop_sign_in_new (client, NULL);
  OA2LoopbackReceiver *receiver = oa2_desktop_sign_in_get_receiver (sign_in);
  g_autoptr(GError) error = NULL;
  gboolean browser;

  oa2_desktop_sign_in_set_scope (sign_in, opts->scope);
  oa2_desktop_sign_in_set_pushed (sign_in, opts->par);
  oa2_desktop_sign_in_set_encrypt_request_object (sign_in, opts->encrypt_request_object);
  oa2_desktop_sign_in_set_dpop_key (sign_in, dpop_key);
  if (opts->loopback_path != NULL && !oa2_loopback_receiver_set_path (receiver, opts->loopback_path, &error))
    {
      *out_status = tool_usage_error (command, "%s", error->message);
      return NULL;
    }
  oa2_loopback_receiver_set_ipv6 (receiver, opts->ipv6);
  if (opts->browser_timeout != -1)
    oa2_loopback_receiver_set_timeout (receiver, (guint) opts->browser_timeout);

  /* A browser exists when OA2_BROWSER names one or a desktop session
   * runs; elsewhere (a server over ssh) the user opens the address. */
  browser = !opts->no_browser &&
            (set_in_environment ("OA2_BROWSER") || set_in_environment ("DISPLAY") ||
             set_in_environment ("WAYLAND_DISPLAY"));
  oa2_desktop_sign_in_set_open_browser (sign_in, browser);

  g_signal_connect (sign_in, "prepare-request", G_CALLBACK (on_prepare_request), prepare);
  g_signal_connect (sign_in, "notify::authorization-uri", G_CALLBACK (on_authorization_uri), NULL);
  return g_steal_pointer (&sign_in);
}
