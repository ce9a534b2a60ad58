/* oa2-exchange.c: "oa2 exchange": the token exchange request (RFC 8693)
 * built from the options; oa2-token.c sends it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "oa2-token.h"

/* oa2 exchange: the request from the options, its tokens read from the
 * environment or files (a stored token's access token, with its type);
 * NULL with *out_status set on a usage error. */
OA2TokenExchangeRequest *
tool_exchange_request_from_options (TokenOptions *opts,
                                    const char   *command,
                                    int          *out_status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2TokenExchangeRequest) request = NULL;

  if (opts->token_file != NULL)
    {
      g_autoptr(OA2BearerToken) stored = NULL;
      char *json = tool_read_secret (NULL, opts->token_file, _("the stored token"), &error);

      if (json == NULL)
        {
          *out_status = tool_usage_error (command, "%s", error->message);
          return NULL;
        }
      stored = oa2_bearer_token_new_from_json (json, &error);
      tool_secret_free (json);
      if (stored == NULL)
        {
          /* Translators: the first %s is a file name, the second an error message */
          *out_status = tool_usage_error (command, _("%s does not hold a stored token: %s"), opts->token_file,
                                          error->message);
          return NULL;
        }
      request = oa2_token_exchange_request_new_for_bearer_token (stored);
    }
  else
    {
      char *subject = tool_read_secret (opts->subject_token_env, opts->subject_token_file,
                                        _("the subject token"), &error);

      if (subject == NULL)
        {
          *out_status = tool_usage_error (command, "%s", error->message);
          return NULL;
        }
      request = oa2_token_exchange_request_new (subject, opts->subject_token_type);
      tool_secret_free (subject);
    }

  if (opts->actor_token_env != NULL || opts->actor_token_file != NULL)
    {
      char *actor = tool_read_secret (opts->actor_token_env, opts->actor_token_file, _("the actor token"), &error);

      if (actor == NULL)
        {
          *out_status = tool_usage_error (command, "%s", error->message);
          return NULL;
        }
      oa2_token_exchange_request_set_actor_token (request, actor, opts->actor_token_type);
      tool_secret_free (actor);
    }
  oa2_token_exchange_request_set_requested_token_type (request, opts->requested_token_type);
  oa2_token_exchange_request_set_audience (request, opts->audience);
  return g_steal_pointer (&request);
}
