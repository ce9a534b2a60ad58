/* oa2-error.c: the two error domains and their details
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "oa2-error-private.h"
#include "oa2-i18n-private.h"

#include <libsoup/soup.h>

/* Both domains carry the same details: an OAuth error's code, description
 * and URI, and the HTTP status of the response that produced the error.
 * GLib's extended errors keep them attached to the GError, so they survive
 * g_error_copy() and g_propagate_error(). */
typedef struct {
  char  *server_code;
  char  *description;
  char  *uri;
  guint  http_status;
} OA2ErrorDetails;


static void
details_init (OA2ErrorDetails *details)
{
  memset (details, 0, sizeof *details);
}

static void
details_copy (const OA2ErrorDetails *src,
              OA2ErrorDetails       *dest)
{
  dest->server_code = g_strdup (src->server_code);
  dest->description = g_strdup (src->description);
  dest->uri = g_strdup (src->uri);
  dest->http_status = src->http_status;
}

static void
details_clear (OA2ErrorDetails *details)
{
  g_clear_pointer (&details->server_code, g_free);
  g_clear_pointer (&details->description, g_free);
  g_clear_pointer (&details->uri, g_free);
}

/* GLib's G_DEFINE_EXTENDED_ERROR would name the domains "OA2Error"; these
 * keep the conventional "…-quark" names that bindings and logs show. */
#define DETAILS_SIZE ((sizeof (OA2ErrorDetails) + 2 * sizeof (gsize) - 1) & -(2 * sizeof (gsize)))

static OA2ErrorDetails *
details_of (const GError *error)
{
  return (OA2ErrorDetails *) (((guint8 *) error) - DETAILS_SIZE);
}

static void error_init (GError *error) { details_init (details_of (error)); }
static void error_copy (const GError *src, GError *dest) { details_copy (details_of (src), details_of (dest)); }
static void error_clear (GError *error) { details_clear (details_of (error)); }

/**
 * oa2_error_quark:
 *
 * Gets the error domain of [error@OA2.Error], which %OA2_ERROR stands for.
 *
 * Returns: the error domain
 */
GQuark
oa2_error_quark (void)
{
  static gsize quark;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_error_domain_register_static ("oa2-error-quark", sizeof (OA2ErrorDetails),
                                                               error_init, error_copy, error_clear));
  return (GQuark) quark;
}

/**
 * oa2_oauth_error_quark:
 *
 * Gets the error domain of [error@OA2.OAuthError], which %OA2_OAUTH_ERROR
 * stands for.
 *
 * Returns: the error domain
 */
GQuark
oa2_oauth_error_quark (void)
{
  static gsize quark;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_error_domain_register_static ("oa2-oauth-error-quark", sizeof (OA2ErrorDetails),
                                                               error_init, error_copy, error_clear));
  return (GQuark) quark;
}

static OA2ErrorDetails *
get_details (const GError *error)
{
  if (error == NULL)
    return NULL;
  if (error->domain == OA2_ERROR || error->domain == OA2_OAUTH_ERROR)
    return details_of (error);
  return NULL;
}

/* Indexed by OA2OAuthError; keep in the enum's order. */
static const char * const oauth_codes[] = {
  [OA2_OAUTH_ERROR_OTHER] = NULL,
  [OA2_OAUTH_ERROR_INVALID_REQUEST] = "invalid_request",
  [OA2_OAUTH_ERROR_INVALID_CLIENT] = "invalid_client",
  [OA2_OAUTH_ERROR_INVALID_GRANT] = "invalid_grant",
  [OA2_OAUTH_ERROR_UNAUTHORIZED_CLIENT] = "unauthorized_client",
  [OA2_OAUTH_ERROR_UNSUPPORTED_GRANT_TYPE] = "unsupported_grant_type",
  [OA2_OAUTH_ERROR_INVALID_SCOPE] = "invalid_scope",
  [OA2_OAUTH_ERROR_ACCESS_DENIED] = "access_denied",
  [OA2_OAUTH_ERROR_UNSUPPORTED_RESPONSE_TYPE] = "unsupported_response_type",
  [OA2_OAUTH_ERROR_SERVER_ERROR] = "server_error",
  [OA2_OAUTH_ERROR_TEMPORARILY_UNAVAILABLE] = "temporarily_unavailable",
  [OA2_OAUTH_ERROR_INVALID_TOKEN] = "invalid_token",
  [OA2_OAUTH_ERROR_INSUFFICIENT_SCOPE] = "insufficient_scope",
  [OA2_OAUTH_ERROR_UNSUPPORTED_TOKEN_TYPE] = "unsupported_token_type",
  [OA2_OAUTH_ERROR_INVALID_TARGET] = "invalid_target",
  [OA2_OAUTH_ERROR_AUTHORIZATION_PENDING] = "authorization_pending",
  [OA2_OAUTH_ERROR_SLOW_DOWN] = "slow_down",
  [OA2_OAUTH_ERROR_EXPIRED_TOKEN] = "expired_token",
  [OA2_OAUTH_ERROR_INVALID_DPOP_PROOF] = "invalid_dpop_proof",
  [OA2_OAUTH_ERROR_USE_DPOP_NONCE] = "use_dpop_nonce",
  [OA2_OAUTH_ERROR_INTERACTION_REQUIRED] = "interaction_required",
  [OA2_OAUTH_ERROR_LOGIN_REQUIRED] = "login_required",
  [OA2_OAUTH_ERROR_ACCOUNT_SELECTION_REQUIRED] = "account_selection_required",
  [OA2_OAUTH_ERROR_CONSENT_REQUIRED] = "consent_required",
  [OA2_OAUTH_ERROR_INVALID_REQUEST_URI] = "invalid_request_uri",
  [OA2_OAUTH_ERROR_INVALID_REQUEST_OBJECT] = "invalid_request_object",
  [OA2_OAUTH_ERROR_REQUEST_NOT_SUPPORTED] = "request_not_supported",
  [OA2_OAUTH_ERROR_REQUEST_URI_NOT_SUPPORTED] = "request_uri_not_supported",
  [OA2_OAUTH_ERROR_REGISTRATION_NOT_SUPPORTED] = "registration_not_supported",
  [OA2_OAUTH_ERROR_EXPIRED_LOGIN_HINT_TOKEN] = "expired_login_hint_token",
  [OA2_OAUTH_ERROR_UNKNOWN_USER_ID] = "unknown_user_id",
  [OA2_OAUTH_ERROR_MISSING_USER_CODE] = "missing_user_code",
  [OA2_OAUTH_ERROR_INVALID_USER_CODE] = "invalid_user_code",
  [OA2_OAUTH_ERROR_INVALID_BINDING_MESSAGE] = "invalid_binding_message",
  [OA2_OAUTH_ERROR_TRANSACTION_FAILED] = "transaction_failed",
  [OA2_OAUTH_ERROR_INVALID_AUTHORIZATION_DETAILS] = "invalid_authorization_details",
  [OA2_OAUTH_ERROR_INSUFFICIENT_USER_AUTHENTICATION] = "insufficient_user_authentication",
};

/**
 * oa2_oauth_error_from_string:
 * @code: (nullable): the `error` member of a server response
 *
 * Maps an OAuth error code string to its [error@OA2.OAuthError] value.
 * Codes are compared exactly, as the specifications define them in lower case.
 *
 * Returns: the matching code, or %OA2_OAUTH_ERROR_OTHER for an unknown code
 */
OA2OAuthError
oa2_oauth_error_from_string (const char *code)
{
  if (code == NULL)
    return OA2_OAUTH_ERROR_OTHER;

  for (guint i = 0; i < G_N_ELEMENTS (oauth_codes); i++)
    if (oauth_codes[i] != NULL && strcmp (oauth_codes[i], code) == 0)
      return (OA2OAuthError) i;

  return OA2_OAUTH_ERROR_OTHER;
}

/* Unicode's bidirectional embedding, override and isolate controls: they
 * reorder how the rest of a line is displayed, so a quoted name could make
 * the message around it read differently. */
static gboolean
is_bidi_control (gunichar c)
{
  return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/* Server text is untrusted: keep it on one line, free of control characters
 * and of bounded length, so that it cannot forge log lines or flood a dialog. */
char *
oa2_error_sanitize_server_text (const char *text,
                                gsize       max_chars)
{
  GString *out;
  const char *p;
  gsize n = 0;

  if (text == NULL)
    return NULL;

  out = g_string_new (NULL);
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);
      g_string_free (out, TRUE);
      return oa2_error_sanitize_server_text (valid, max_chars);
    }

  for (p = text; *p != '\0' && n < max_chars; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029 || is_bidi_control (c))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  if (*p != '\0')
    g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

/* A name that a server or a token chose (an algorithm, a key type, a
 * member or header name, a media type), as messages and traces quote it. */
char *
oa2_error_sanitize_name (const char *name)
{
  return oa2_error_sanitize_server_text (name, OA2_SERVER_NAME_MAX_CHARS);
}

/**
 * oa2_oauth_error_new:
 * @code: the `error` member the server sent
 * @description: (nullable): its `error_description`
 * @uri: (nullable): its `error_uri`
 * @http_status: the HTTP status of the response, or 0 when there was none
 *   (an authorization redirect)
 *
 * Builds the %OA2_OAUTH_ERROR that the library raises for a server error
 * response. Subclasses of [class@OA2.Client] that map a server's
 * non-standard errors use it so that their errors carry the same details.
 *
 * The message is translated and contains the code, and the description and
 * URI when present, stripped of control characters and truncated.
 *
 * Returns: (transfer full): a new error in the %OA2_OAUTH_ERROR domain
 */
GError *
oa2_oauth_error_new (const char *code,
                     const char *description,
                     const char *uri,
                     guint       http_status)
{
  g_autofree char *safe_code = NULL;
  g_autofree char *safe_description = NULL;
  g_autofree char *safe_uri = NULL;
  GString *message;
  OA2ErrorDetails *details;
  GError *error;

  g_return_val_if_fail (code != NULL, NULL);

  oa2_i18n_init ();

  safe_code = oa2_error_sanitize_server_text (code, 64);
  safe_description = oa2_error_sanitize_server_text (description, 512);
  safe_uri = oa2_error_sanitize_server_text (uri, 512);

  message = g_string_new (NULL);
  /* Translators: %s is an OAuth error code such as "invalid_grant" */
  g_string_append_printf (message, _("The server refused the request: %s"), safe_code);
  if (safe_description != NULL && *safe_description != '\0')
    g_string_append_printf (message, " (%s)", safe_description);
  if (safe_uri != NULL && *safe_uri != '\0')
    /* Translators: %s is a web address the server gave for more information */
    g_string_append_printf (message, _("; see %s"), safe_uri);

  error = g_error_new_literal (OA2_OAUTH_ERROR, oa2_oauth_error_from_string (code), message->str);
  g_string_free (message, TRUE);

  details = details_of (error);
  details->server_code = g_strdup (code);
  details->description = g_strdup (description);
  details->uri = g_strdup (uri);
  details->http_status = http_status;

  return error;
}

GError *
oa2_error_new_unexpected_status (guint       status,
                                 const char *what)
{
  const char *reason = soup_status_get_phrase (status);
  GError *error;

  oa2_i18n_init ();
  error = g_error_new (OA2_ERROR, OA2_ERROR_UNEXPECTED_STATUS,
                       /* Translators: the first %s names a server endpoint, then the HTTP status code and its reason phrase */
                       _("The %s answered HTTP %u %s without an OAuth error"),
                       what, status, reason != NULL ? reason : "");
  details_of (error)->http_status = status;
  return error;
}

/**
 * oa2_error_get_server_code:
 * @error: an error
 *
 * Gets the `error` code string that the server sent, also for codes that map
 * to %OA2_OAUTH_ERROR_OTHER.
 *
 * Returns: (nullable) (transfer none): the code, or %NULL if @error is not an
 *   %OA2_OAUTH_ERROR
 */
const char *
oa2_error_get_server_code (const GError *error)
{
  OA2ErrorDetails *details = get_details (error);

  return details != NULL ? details->server_code : NULL;
}

/**
 * oa2_error_get_description:
 * @error: an error
 *
 * Gets the `error_description` the server sent, exactly as sent. Treat it as
 * untrusted text: never as markup.
 *
 * Returns: (nullable) (transfer none): the description, or %NULL
 */
const char *
oa2_error_get_description (const GError *error)
{
  OA2ErrorDetails *details = get_details (error);

  return details != NULL ? details->description : NULL;
}

/**
 * oa2_error_get_uri:
 * @error: an error
 *
 * Gets the `error_uri` the server sent, exactly as sent.
 *
 * Returns: (nullable) (transfer none): the URI, or %NULL
 */
const char *
oa2_error_get_uri (const GError *error)
{
  OA2ErrorDetails *details = get_details (error);

  return details != NULL ? details->uri : NULL;
}

/**
 * oa2_error_get_http_status:
 * @error: an error
 *
 * Gets the HTTP status of the response that produced @error, for errors in
 * the %OA2_OAUTH_ERROR domain and for %OA2_ERROR_UNEXPECTED_STATUS.
 *
 * Returns: the HTTP status, or 0 if there is none
 */
guint
oa2_error_get_http_status (const GError *error)
{
  OA2ErrorDetails *details = get_details (error);

  return details != NULL ? details->http_status : 0;
}

/**
 * oa2_error_requires_interaction:
 * @error: (nullable): an error
 *
 * Tells whether @error means that the user has to sign in again, as opposed
 * to a transient failure worth retrying later: the grant or the client was
 * refused, the server asks for interaction, or there is no refresh token.
 *
 * Returns: %TRUE if only a new user authorization can resolve @error
 */
gboolean
oa2_error_requires_interaction (const GError *error)
{
  if (error == NULL)
    return FALSE;

  if (error->domain == OA2_OAUTH_ERROR)
    switch ((OA2OAuthError) error->code)
      {
      case OA2_OAUTH_ERROR_INVALID_GRANT:
      case OA2_OAUTH_ERROR_INVALID_CLIENT:
      case OA2_OAUTH_ERROR_INTERACTION_REQUIRED:
      case OA2_OAUTH_ERROR_LOGIN_REQUIRED:
      case OA2_OAUTH_ERROR_ACCOUNT_SELECTION_REQUIRED:
      case OA2_OAUTH_ERROR_CONSENT_REQUIRED:
        return TRUE;
      default:
        return FALSE;
      }

  return g_error_matches (error, OA2_ERROR, OA2_ERROR_NO_REFRESH_TOKEN);
}
