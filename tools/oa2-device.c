/* oa2-device.c: "oa2 device": the device flow (RFC 8628) for oa2-token.c,
 * which parses the options, builds the client and prints the token
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The instructions go to standard error, so that standard output holds
 * only what --json and --access-token-only promise.
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "oa2-tool.h"

typedef struct {
  OA2DPoPKey     *dpop_key;
  OA2TokenPoller *poller;
} DeviceFlow;

static void
device_flow_free (gpointer data)
{
  DeviceFlow *flow = data;

  g_clear_object (&flow->dpop_key);
  g_clear_object (&flow->poller);
  g_free (flow);
}

static void
show_instructions (OA2DeviceAuthorizationResponse *device)
{
  const char *complete = oa2_device_authorization_response_get_verification_uri_complete (device);
  g_autoptr(GDateTime) local = g_date_time_to_local (oa2_device_authorization_response_get_expires_at (device));
  g_autofree char *expiry = g_date_time_format (local, "%X");

  g_printerr ("%s\n  ", _("To sign in, open this address in a browser on any device:"));
  tool_fput_untrusted (stderr, oa2_device_authorization_response_get_verification_uri (device));
  g_printerr ("\n%s\n  ", _("and enter the code:"));
  tool_fput_untrusted (stderr, oa2_device_authorization_response_get_user_code (device));
  g_printerr ("\n");
  if (complete != NULL)
    {
      g_printerr ("%s\n  ", _("or open this address, which carries the code:"));
      tool_fput_untrusted (stderr, complete);
      g_printerr ("\n");
    }
  /* Translators: %s is a time of day; the command waits until then at most */
  g_printerr (_("Waiting for the answer (the code expires at %s)…\n"), expiry);
}

static void
on_polled (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OA2BearerToken *token;
  GError *error = NULL;

  token = oa2_token_poller_poll_finish (OA2_TOKEN_POLLER (source), result, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_printerr (_("Signed in.\n"));
  g_task_return_pointer (task, token, g_object_unref);
}

static void
on_authorized (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DeviceFlow *flow = g_task_get_task_data (task);
  g_autoptr(OA2DeviceAuthorizationResponse) device = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  device = oa2_client_authorize_device_finish (OA2_CLIENT (source), result, &error);
  if (device == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  show_instructions (device);
  flow->poller = oa2_token_poller_new_for_device (OA2_CLIENT (source), device, flow->dpop_key);
  cancellable = g_task_get_cancellable (task);
  oa2_token_poller_poll_async (flow->poller, cancellable, on_polled, g_steal_pointer (&task));
}

void
tool_device_flow_async (OA2Client           *client,
                        const char          *scope,
                        const char * const  *resources,
                        GHashTable          *extra_params,
                        OA2DPoPKey          *dpop_key,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task = g_task_new (client, cancellable, callback, user_data);
  DeviceFlow *flow = g_new0 (DeviceFlow, 1);

  flow->dpop_key = dpop_key != NULL ? g_object_ref (dpop_key) : NULL;
  g_task_set_task_data (task, flow, device_flow_free);
  oa2_client_authorize_device_async (client, scope, resources, extra_params, cancellable, on_authorized, task);
}

OA2BearerToken *
tool_device_flow_finish (OA2Client     *client,
                         GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
