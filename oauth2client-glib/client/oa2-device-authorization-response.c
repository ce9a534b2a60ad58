/* oa2-device-authorization-response.c: what a device authorization
 * endpoint answers (RFC 8628 §3.2)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "oa2-clock-private.h"
#include "oa2-device-authorization-response.h"
#include "oa2-error.h"
#include "oa2-grant-timing-private.h"
#include "oa2-i18n-private.h"
#include "oa2-json-private.h"
#include "oa2-secret-private.h"

/* Bounds on what a server may ask for: polling must end (DESIGN §6), and a
 * code that lives for weeks or an interval of hours is a broken server,
 * not a reason to keep a program waiting. */
#define MAX_EXPIRES_IN_SECONDS (7 * 24 * 3600)

/* Translators: %s is a JSON member name such as “interval” */
#define INVALID_MEMBER_FORMAT \
  N_("The device authorization response’s “%s” has the wrong type or an impossible value")

/**
 * OA2DeviceAuthorizationResponse:
 *
 * The answer of a device authorization endpoint (RFC 8628 §3.2), as
 * [method@OA2.Client.authorize_device] returns it: the code the user
 * types at the verification URI on another device, the device code the
 * client polls the token endpoint with, when both expire, and how often
 * the client may poll.
 *
 * Show the user [property@OA2.DeviceAuthorizationResponse:user-code] and
 * [property@OA2.DeviceAuthorizationResponse:verification-uri] (or the
 * complete URI, which carries the code, for instance as a QR code), then
 * poll with a [class@OA2.TokenPoller] made by
 * [ctor@OA2.TokenPoller.new_for_device]. The object is immutable; the
 * device code is wiped from memory when it is finalized. See the [device
 * flow page](device-flow.html).
 *
 * ```c
 * g_autoptr(OA2DeviceAuthorizationResponse) device =
 *   oa2_client_authorize_device (client, "openid", NULL, NULL, NULL, &error);
 * if (device != NULL)
 *   g_print ("Go to %s and enter %s\n",
 *            oa2_device_authorization_response_get_verification_uri (device),
 *            oa2_device_authorization_response_get_user_code (device));
 * ```
 *
 * ```python
 * device = client.authorize_device('openid', None, None, None)
 * print('Go to', device.props.verification_uri, 'and enter', device.props.user_code)
 * ```
 */
struct _OA2DeviceAuthorizationResponse
{
  GObject     parent_instance;

  JsonObject *json;
  char       *device_code;        /* a credential: wiped on finalize */
  GDateTime  *expires_at;
  guint       interval;
};

G_DEFINE_FINAL_TYPE (OA2DeviceAuthorizationResponse, oa2_device_authorization_response, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DEVICE_CODE,
  PROP_USER_CODE,
  PROP_VERIFICATION_URI,
  PROP_VERIFICATION_URI_COMPLETE,
  PROP_EXPIRES_AT,
  PROP_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
oa2_device_authorization_response_finalize (GObject *object)
{
  OA2DeviceAuthorizationResponse *self = OA2_DEVICE_AUTHORIZATION_RESPONSE (object);

  g_clear_pointer (&self->json, json_object_unref);
  oa2_secret_free (self->device_code);
  g_clear_pointer (&self->expires_at, g_date_time_unref);
  G_OBJECT_CLASS (oa2_device_authorization_response_parent_class)->finalize (object);
}

static void
oa2_device_authorization_response_get_property (GObject    *object,
                                                guint       prop_id,
                                                GValue     *value,
                                                GParamSpec *pspec)
{
  OA2DeviceAuthorizationResponse *self = OA2_DEVICE_AUTHORIZATION_RESPONSE (object);

  switch (prop_id)
    {
    case PROP_DEVICE_CODE:
      g_value_set_string (value, self->device_code);
      break;
    case PROP_USER_CODE:
      g_value_set_string (value, oa2_device_authorization_response_get_user_code (self));
      break;
    case PROP_VERIFICATION_URI:
      g_value_set_string (value, oa2_device_authorization_response_get_verification_uri (self));
      break;
    case PROP_VERIFICATION_URI_COMPLETE:
      g_value_set_string (value, oa2_device_authorization_response_get_verification_uri_complete (self));
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
oa2_device_authorization_response_class_init (OA2DeviceAuthorizationResponseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = oa2_device_authorization_response_finalize;
  object_class->get_property = oa2_device_authorization_response_get_property;

  /**
   * OA2DeviceAuthorizationResponse:device-code:
   *
   * The device verification code (`device_code`), which the client sends
   * to the token endpoint with the device code grant. It is a credential:
   * never show or log it.
   */
  properties[PROP_DEVICE_CODE] =
    g_param_spec_string ("device-code", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * OA2DeviceAuthorizationResponse:user-code:
   *
   * The code the user enters at the verification URI (`user_code`).
   */
  properties[PROP_USER_CODE] =
    g_param_spec_string ("user-code", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * OA2DeviceAuthorizationResponse:verification-uri:
   *
   * Where the user goes to enter the user code (`verification_uri`).
   */
  properties[PROP_VERIFICATION_URI] =
    g_param_spec_string ("verification-uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * OA2DeviceAuthorizationResponse:verification-uri-complete:
   *
   * The verification URI with the user code in it
   * (`verification_uri_complete`), for a QR code or a link; %NULL when
   * the server sent none.
   */
  properties[PROP_VERIFICATION_URI_COMPLETE] =
    g_param_spec_string ("verification-uri-complete", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * OA2DeviceAuthorizationResponse:expires-at:
   *
   * When the device code and the user code expire: the arrival of the
   * response plus `expires_in`, in UTC.
   */
  properties[PROP_EXPIRES_AT] =
    g_param_spec_boxed ("expires-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * OA2DeviceAuthorizationResponse:interval:
   *
   * The least number of seconds between two polls of the token endpoint
   * (`interval`), %OA2_DEVICE_DEFAULT_INTERVAL when the server named none.
   */
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 1, OA2_GRANT_MAX_INTERVAL_SECONDS, OA2_DEVICE_DEFAULT_INTERVAL,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
oa2_device_authorization_response_init (OA2DeviceAuthorizationResponse *self)
{
  self->interval = OA2_DEVICE_DEFAULT_INTERVAL;
}

static gboolean
invalid_member (GError     **error,
                const char  *name)
{
  g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER, _(INVALID_MEMBER_FORMAT), name);
  return FALSE;
}

static gboolean
has_control (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || (guchar) *p == 0x7f)
      return TRUE;
  return FALSE;
}

/* RFC 8628 §3.2 says "verification_uri"; some servers (Google) say
 * "verification_url". The URI is shown to the user, so it must be one a
 * browser opens: absolute http or https with a host, and nothing in it
 * (spaces, controls) that could make what the user sees differ from
 * where the browser goes. */
static gboolean
check_uri (JsonObject  *object,
           const char  *name,
           gboolean     required,
           const char **out_value,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (!oa2_json_get_string (object, name, required, out_value, error))
    return FALSE;
  if (*out_value == NULL)
    return TRUE;
  for (const char *p = *out_value; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || (guchar) *p == 0x7f)
      return invalid_member (error, name);
  uri = g_uri_parse (*out_value, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (scheme == NULL || (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return invalid_member (error, name);
  return TRUE;
}

/**
 * oa2_device_authorization_response_new_from_json:
 * @response: the JSON object the device authorization endpoint answered
 *   with
 * @error: return location for a #GError
 *
 * Reads a device authorization response (RFC 8628 §3.2). The expiry is
 * counted from now. [method@OA2.Client.authorize_device] calls this; call
 * it yourself for a response obtained some other way.
 *
 * Returns: (transfer full): the response, or %NULL with @error set:
 *   %OA2_ERROR_MISSING_MEMBER without `device_code`, `user_code`,
 *   `verification_uri` or `expires_in`; %OA2_ERROR_INVALID_MEMBER when a
 *   member has the wrong type, a URI is not http or https with a host, or
 *   `expires_in` or `interval` is not a whole number of seconds between
 *   1 and a week (an hour for `interval`), or the user code is empty or
 *   has control characters
 */
OA2DeviceAuthorizationResponse *
oa2_device_authorization_response_new_from_json (JsonObject  *response,
                                                 GError     **error)
{
  g_autoptr(OA2DeviceAuthorizationResponse) self = NULL;
  const char *device_code = NULL, *user_code = NULL, *uri = NULL, *complete = NULL;

  g_return_val_if_fail (response != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!oa2_json_get_string (response, "device_code", TRUE, &device_code, error) ||
      !oa2_json_get_string (response, "user_code", TRUE, &user_code, error))
    return NULL;
  if (json_object_has_member (response, "verification_uri") ||
      !json_object_has_member (response, "verification_url"))
    {
      if (!check_uri (response, "verification_uri", TRUE, &uri, error))
        return NULL;
    }
  else if (!check_uri (response, "verification_url", TRUE, &uri, error))
    return NULL;
  if (!check_uri (response, "verification_uri_complete", FALSE, &complete, error))
    return NULL;
  if (*device_code == '\0')
    return (invalid_member (error, "device_code"), NULL);
  /* The user code is shown: no control characters for a terminal. */
  if (*user_code == '\0' || has_control (user_code))
    return (invalid_member (error, "user_code"), NULL);

  self = g_object_new (OA2_TYPE_DEVICE_AUTHORIZATION_RESPONSE, NULL);
  if (!oa2_grant_timing_read (response, MAX_EXPIRES_IN_SECONDS, _(INVALID_MEMBER_FORMAT),
                              _("The device authorization response has no “expires_in”"), &self->interval,
                              &self->expires_at, error))
    return NULL;

  self->json = json_object_ref (response);
  json_object_seal (self->json);
  self->device_code = g_strdup (device_code);
  return g_steal_pointer (&self);
}

/**
 * oa2_device_authorization_response_get_device_code:
 * @self: a device authorization response
 *
 * Gets [property@OA2.DeviceAuthorizationResponse:device-code].
 *
 * Returns: (transfer none): the device code
 */
const char *
oa2_device_authorization_response_get_device_code (OA2DeviceAuthorizationResponse *self)
{
  g_return_val_if_fail (OA2_IS_DEVICE_AUTHORIZATION_RESPONSE (self), NULL);

  return self->device_code;
}

/**
 * oa2_device_authorization_response_get_user_code:
 * @self: a device authorization response
 *
 * Gets [property@OA2.DeviceAuthorizationResponse:user-code].
 *
 * Returns: (transfer none): the user code
 */
const char *
oa2_device_authorization_response_get_user_code (OA2DeviceAuthorizationResponse *self)
{
  g_return_val_if_fail (OA2_IS_DEVICE_AUTHORIZATION_RESPONSE (self), NULL);

  return json_object_get_string_member (self->json, "user_code");
}

/**
 * oa2_device_authorization_response_get_verification_uri:
 * @self: a device authorization response
 *
 * Gets [property@OA2.DeviceAuthorizationResponse:verification-uri].
 *
 * Returns: (transfer none): the verification URI
 */
const char *
oa2_device_authorization_response_get_verification_uri (OA2DeviceAuthorizationResponse *self)
{
  g_return_val_if_fail (OA2_IS_DEVICE_AUTHORIZATION_RESPONSE (self), NULL);

  if (json_object_has_member (self->json, "verification_uri"))
    return json_object_get_string_member (self->json, "verification_uri");
  return json_object_get_string_member (self->json, "verification_url");
}

/**
 * oa2_device_authorization_response_get_verification_uri_complete:
 * @self: a device authorization response
 *
 * Gets [property@OA2.DeviceAuthorizationResponse:verification-uri-complete].
 *
 * Returns: (transfer none) (nullable): the verification URI with the user
 *   code, or %NULL
 */
const char *
oa2_device_authorization_response_get_verification_uri_complete (OA2DeviceAuthorizationResponse *self)
{
  g_return_val_if_fail (OA2_IS_DEVICE_AUTHORIZATION_RESPONSE (self), NULL);

  return json_object_get_string_member_with_default (self->json, "verification_uri_complete", NULL);
}

/**
 * oa2_device_authorization_response_get_expires_at:
 * @self: a device authorization response
 *
 * Gets [property@OA2.DeviceAuthorizationResponse:expires-at].
 *
 * Returns: (transfer none): when the codes expire
 */
GDateTime *
oa2_device_authorization_response_get_expires_at (OA2DeviceAuthorizationResponse *self)
{
  g_return_val_if_fail (OA2_IS_DEVICE_AUTHORIZATION_RESPONSE (self), NULL);

  return self->expires_at;
}

/**
 * oa2_device_authorization_response_get_interval:
 * @self: a device authorization response
 *
 * Gets [property@OA2.DeviceAuthorizationResponse:interval].
 *
 * Returns: the polling interval in seconds
 */
guint
oa2_device_authorization_response_get_interval (OA2DeviceAuthorizationResponse *self)
{
  g_return_val_if_fail (OA2_IS_DEVICE_AUTHORIZATION_RESPONSE (self), OA2_DEVICE_DEFAULT_INTERVAL);

  return self->interval;
}

/**
 * oa2_device_authorization_response_is_expired:
 * @self: a device authorization response
 *
 * Tells whether the codes have expired, by the library's clock.
 *
 * Returns: %TRUE once [property@OA2.DeviceAuthorizationResponse:expires-at]
 *   has passed
 */
gboolean
oa2_device_authorization_response_is_expired (OA2DeviceAuthorizationResponse *self)
{
  g_return_val_if_fail (OA2_IS_DEVICE_AUTHORIZATION_RESPONSE (self), TRUE);

  return oa2_clock_now_seconds () >= g_date_time_to_unix (self->expires_at);
}

/**
 * oa2_device_authorization_response_get_member:
 * @self: a device authorization response
 * @name: a member name
 *
 * Gets any member of the response by name, such as a server's extension.
 *
 * Returns: (transfer none) (nullable): the member, or %NULL if absent
 */
JsonNode *
oa2_device_authorization_response_get_member (OA2DeviceAuthorizationResponse *self,
                                              const char                     *name)
{
  g_return_val_if_fail (OA2_IS_DEVICE_AUTHORIZATION_RESPONSE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return json_object_get_member (self->json, name);
}
