/* oa2-ciba.c: "oa2 ciba": the backchannel authentication request
 * (OpenID CIBA); oa2-token.c polls the token endpoint after it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "oa2-token.h"

/* oa2 ciba: the backchannel authentication request, its hints read from
 * files and the environment; the binding message and the wait are told
 * on standard error. NULL with *out_status set on failure. */
OA2BackchannelAuthenticationResponse *
tool_ciba_start (OA2Client    *client,
                 TokenOptions *opts,
                 GHashTable   *params,
                 GCancellable *cancellable,
                 const char   *command,
                 int          *out_status)
{
  g_autoptr(OA2BackchannelAuthenticationRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  OA2BackchannelAuthenticationResponse *pending;
  char *secret = NULL;

  if (oa2_client_get_backchannel_authentication_endpoint (client) == NULL)
    {
      *out_status = tool_usage_error (command, "%s", _("The server’s metadata names no backchannel authentication endpoint"));
      return NULL;
    }
  request = oa2_backchannel_authentication_request_new (opts->scope != NULL ? opts->scope : "openid");
  oa2_backchannel_authentication_request_set_login_hint (request, opts->login_hint);
  if (opts->login_hint_token_file != NULL || opts->id_token_hint_file != NULL)
    {
      secret = tool_read_secret (NULL, opts->login_hint_token_file != NULL ? opts->login_hint_token_file
                                                                          : opts->id_token_hint_file,
                                 opts->login_hint_token_file != NULL ? _("the login hint token")
                                                                     : _("the ID token hint"), &error);
      if (secret == NULL)
        {
          *out_status = tool_usage_error (command, "%s", error->message);
          return NULL;
        }
      if (opts->login_hint_token_file != NULL)
        oa2_backchannel_authentication_request_set_login_hint_token (request, secret);
      else
        oa2_backchannel_authentication_request_set_id_token_hint (request, secret);
      tool_secret_free (g_steal_pointer (&secret));
    }
  if (opts->user_code_env != NULL)
    {
      secret = tool_read_secret (opts->user_code_env, NULL, _("the user code"), &error);
      if (secret == NULL)
        {
          *out_status = tool_usage_error (command, "%s", error->message);
          return NULL;
        }
      oa2_backchannel_authentication_request_set_user_code (request, secret);
      tool_secret_free (g_steal_pointer (&secret));
    }
  oa2_backchannel_authentication_request_set_binding_message (request, opts->binding_message);
  oa2_backchannel_authentication_request_set_requested_expiry (request, (guint) opts->requested_expiry);
  oa2_backchannel_authentication_request_set_acr_values (request, opts->acr_values);

  pending = oa2_client_backchannel_authentication_request (client, request,
                                                           g_hash_table_size (params) > 0 ? params : NULL,
                                                           cancellable, &error);
  if (pending == NULL)
    {
      if (g_error_matches (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT))
        *out_status = tool_usage_error (command, "%s", error->message);
      else
        *out_status = tool_report_error (error);
      return NULL;
    }
  /* On standard error, so that standard output holds the result alone. */
  if (opts->binding_message != NULL)
    /* Translators: %s is a short text the user sees on both devices */
    g_printerr (_("Check that the user's device shows “%s”.\n"), opts->binding_message);
  /* Translators: %u is a number of seconds */
  g_printerr (_("Waiting for the user to answer on their device (polling every %u s)…\n"),
              oa2_backchannel_authentication_response_get_interval (pending));
  return pending;
}
