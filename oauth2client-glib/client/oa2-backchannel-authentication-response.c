/* oa2-backchannel-authentication-response.c: what a backchannel
 * authentication endpoint answers (OpenID CIBA §7.3)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "oa2-backchannel-authentication-response.h"
#include "oa2-clock-private.h"
#include "oa2-error.h"
#include "oa2-grant-timing-private.h"
#include "oa2-i18n-private.h"
#include "oa2-json-private.h"
#include "oa2-secret-private.h"

/* Bounds on what a server may ask for: polling must end (DESIGN §6). A
 * request that waits for a user for more than a day is a broken server. */
#define MAX_EXPIRES_IN_SECONDS (24 * 3600)

/* Translators: %s is a JSON member name such as “interval” */
#define INVALID_MEMBER_FORMAT \
  N_("The backchannel authentication response’s “%s” has the wrong type or an impossible value")

/**
 * OA2BackchannelAuthenticationResponse:
 *
 * The answer of a backchannel authentication endpoint (OpenID Client
 * Initiated Backchannel Authentication, CIBA §7.3), as
 * [method@OA2.Client.backchannel_authentication_request] returns it: the
 * identifier of the authentication request (`auth_req_id`), when it
 * expires, and how often the client may poll the token endpoint.
 *
 * In poll mode, poll with a [class@OA2.TokenPoller] made by
 * [ctor@OA2.TokenPoller.new_for_backchannel]. In ping mode, wait for the
 * server's notification ([func@OA2.backchannel_check_notification_token]) and then ask
 * for the token once with [method@OA2.Client.ciba]. The object is
 * immutable; `auth_req_id` is wiped from memory when it is finalized. See
 * the [CIBA page](ciba.html).
 *
 * ```c
 * g_autoptr(OA2BackchannelAuthenticationResponse) pending =
 *   oa2_client_backchannel_authentication_request (client, request, NULL, &error);
 * g_autoptr(OA2TokenPoller) poller =
 *   oa2_token_poller_new_for_backchannel (client, pending, NULL);
 * ```
 *
 * ```python
 * pending = client.backchannel_authentication_request(request, None)
 * token = OA2.TokenPoller.new_for_backchannel(client, pending, None).poll(None)
 * ```
 */
struct _OA2BackchannelAuthenticationResponse
{
  GObject     parent_instance;

  JsonObject *json;
  char       *auth_req_id;        /* a credential: wiped on finalize */
  GDateTime  *expires_at;
  guint       interval;
};

G_DEFINE_FINAL_TYPE (OA2BackchannelAuthenticationResponse, oa2_backchannel_authentication_response, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_AUTH_REQ_ID,
  PROP_EXPIRES_AT,
  PROP_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
oa2_backchannel_authentication_response_finalize (GObject *object)
{
  OA2BackchannelAuthenticationResponse *self = OA2_BACKCHANNEL_AUTHENTICATION_RESPONSE (object);

  g_clear_pointer (&self->json, json_object_unref);
  oa2_secret_free (self->auth_req_id);
  g_clear_pointer (&self->expires_at, g_date_time_unref);
  G_OBJECT_CLASS (oa2_backchannel_authentication_response_parent_class)->finalize (object);
}

static void
oa2_backchannel_authentication_response_get_property (GObject    *object,
                                                      guint       prop_id,
                                                      GValue     *value,
                                                      GParamSpec *pspec)
{
  OA2BackchannelAuthenticationResponse *self = OA2_BACKCHANNEL_AUTHENTICATION_RESPONSE (object);

  switch (prop_id)
    {
    case PROP_AUTH_REQ_ID:
      g_value_set_string (value, self->auth_req_id);
      break;
    case PROP_EXPIRES_AT:
      g_value_set_boxed (value, self->expires_at);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_backchannel_authentication_response_class_init (OA2BackchannelAuthenticationResponseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = oa2_backchannel_authentication_response_finalize;
  object_class->get_property = oa2_backchannel_authentication_response_get_property;

  /**
   * OA2BackchannelAuthenticationResponse:auth-req-id: (getter get_auth_req_id)
   *
   * The identifier of the authentication request (`auth_req_id`), which
   * the client sends to the token endpoint with the CIBA grant. It is a
   * credential: never show or log it.
   */
  properties[PROP_AUTH_REQ_ID] =
    g_param_spec_string ("auth-req-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * OA2BackchannelAuthenticationResponse:expires-at: (getter get_expires_at)
   *
   * When the authentication request expires: the arrival of the response
   * plus `expires_in`, in UTC.
   */
  properties[PROP_EXPIRES_AT] =
    g_param_spec_boxed ("expires-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * OA2BackchannelAuthenticationResponse:interval: (getter get_interval)
   *
   * The least number of seconds between two polls of the token endpoint
   * (`interval`), %OA2_BACKCHANNEL_DEFAULT_INTERVAL when the server named
   * none.
   */
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 1, OA2_GRANT_MAX_INTERVAL_SECONDS, OA2_BACKCHANNEL_DEFAULT_INTERVAL,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
oa2_backchannel_authentication_response_init (OA2BackchannelAuthenticationResponse *self)
{
  self->interval = OA2_BACKCHANNEL_DEFAULT_INTERVAL;
}

static gboolean
invalid_member (GError     **error,
                const char  *name)
{
  g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER, _(INVALID_MEMBER_FORMAT), name);
  return FALSE;
}

/**
 * oa2_backchannel_authentication_response_new_from_json:
 * @response: the JSON object the backchannel authentication endpoint
 *   answered with
 * @error: return location for a #GError
 *
 * Reads a backchannel authentication response (CIBA §7.3). The expiry is
 * counted from now. [method@OA2.Client.backchannel_authentication_request]
 * calls this; call it yourself for a response obtained some other way.
 *
 * Returns: (transfer full): the response, or %NULL with @error set:
 *   %OA2_ERROR_MISSING_MEMBER without `auth_req_id` or `expires_in`;
 *   %OA2_ERROR_INVALID_MEMBER when a member has the wrong type, the
 *   identifier is empty, or `expires_in` or `interval` is not a whole
 *   number of seconds between 1 and a day (an hour for `interval`)
 */
OA2BackchannelAuthenticationResponse *
oa2_backchannel_authentication_response_new_from_json (JsonObject  *response,
                                                       GError     **error)
{
  g_autoptr(OA2BackchannelAuthenticationResponse) self = NULL;
  const char *auth_req_id = NULL;

  g_return_val_if_fail (response != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!oa2_json_get_string (response, "auth_req_id", TRUE, &auth_req_id, error))
    return NULL;
  if (*auth_req_id == '\0')
    return (invalid_member (error, "auth_req_id"), NULL);

  self = g_object_new (OA2_TYPE_BACKCHANNEL_AUTHENTICATION_RESPONSE, NULL);
  if (!oa2_grant_timing_read (response, MAX_EXPIRES_IN_SECONDS, _(INVALID_MEMBER_FORMAT),
                              _("The backchannel authentication response has no “expires_in”"), &self->interval,
                              &self->expires_at, error))
    return NULL;

  /* Every member but the credential, which lives in one wiped string. */
  self->json = json_object_new ();
  {
    JsonObjectIter iter;
    const char *name;
    JsonNode *node;

    json_object_iter_init (&iter, response);
    while (json_object_iter_next (&iter, &name, &node))
      if (strcmp (name, "auth_req_id") != 0)
        json_object_set_member (self->json, name, json_node_copy (node));
  }
  json_object_seal (self->json);
  self->auth_req_id = g_strdup (auth_req_id);
  return g_steal_pointer (&self);
}

/**
 * oa2_backchannel_authentication_response_get_auth_req_id: (get-property auth-req-id)
 * @self: a backchannel authentication response
 *
 * Gets [property@OA2.BackchannelAuthenticationResponse:auth-req-id].
 *
 * Returns: (transfer none): the authentication request identifier
 */
const char *
oa2_backchannel_authentication_response_get_auth_req_id (OA2BackchannelAuthenticationResponse *self)
{
  g_return_val_if_fail (OA2_IS_BACKCHANNEL_AUTHENTICATION_RESPONSE (self), NULL);

  return self->auth_req_id;
}

/**
 * oa2_backchannel_authentication_response_get_expires_at: (get-property expires-at)
 * @self: a backchannel authentication response
 *
 * Gets [property@OA2.BackchannelAuthenticationResponse:expires-at].
 *
 * Returns: (transfer none): when the request expires
 */
GDateTime *
oa2_backchannel_authentication_response_get_expires_at (OA2BackchannelAuthenticationResponse *self)
{
  g_return_val_if_fail (OA2_IS_BACKCHANNEL_AUTHENTICATION_RESPONSE (self), NULL);

  return self->expires_at;
}

/**
 * oa2_backchannel_authentication_response_get_interval: (get-property interval)
 * @self: a backchannel authentication response
 *
 * Gets [property@OA2.BackchannelAuthenticationResponse:interval].
 *
 * Returns: the polling interval in seconds
 */
guint
oa2_backchannel_authentication_response_get_interval (OA2BackchannelAuthenticationResponse *self)
{
  g_return_val_if_fail (OA2_IS_BACKCHANNEL_AUTHENTICATION_RESPONSE (self), OA2_BACKCHANNEL_DEFAULT_INTERVAL);

  return self->interval;
}

/**
 * oa2_backchannel_authentication_response_is_expired:
 * @self: a backchannel authentication response
 *
 * Tells whether the request has expired, by the library's clock.
 *
 * Returns: %TRUE once
 *   [property@OA2.BackchannelAuthenticationResponse:expires-at] has passed
 */
gboolean
oa2_backchannel_authentication_response_is_expired (OA2BackchannelAuthenticationResponse *self)
{
  g_return_val_if_fail (OA2_IS_BACKCHANNEL_AUTHENTICATION_RESPONSE (self), TRUE);

  return oa2_clock_now_seconds () >= g_date_time_to_unix (self->expires_at);
}

/**
 * oa2_backchannel_authentication_response_get_member:
 * @self: a backchannel authentication response
 * @name: a member name
 *
 * Gets any member of the response by name, such as a server's extension;
 * `auth_req_id` only through
 * [property@OA2.BackchannelAuthenticationResponse:auth-req-id], which is
 * wiped from memory with the object.
 *
 * Returns: (transfer none) (nullable): the member, or %NULL if absent or
 *   `auth_req_id`
 */
JsonNode *
oa2_backchannel_authentication_response_get_member (OA2BackchannelAuthenticationResponse *self,
                                                    const char                           *name)
{
  g_return_val_if_fail (OA2_IS_BACKCHANNEL_AUTHENTICATION_RESPONSE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return json_object_get_member (self->json, name);
}
