/* oa2-error.c: the two error domains and their details
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "oa2-error-private.h"
#include "oa2-i18n-private.h"

/* Both domains carry the same details: an OAuth error's code, description
 * and URI, and the HTTP status of the response that produced the error.
 * GLib's extended errors keep them attached to the GError, so they survive
 * g_error_copy() and g_propagate_error(). */
typedef struct {
  char  *server_code;
  char  *description;
  char  *uri;
  guint  http_status;
  /* Retry-After of the response, in seconds from its arrival, plus one:
   * 0 means none, so that the zeroed details mean "nothing known". */
  guint  retry_after_plus_one;
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
  dest->retry_after_plus_one = src->retry_after_plus_one;
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

/* Appends name="value", escaped as an HTTP quoted-string (RFC 9110
 * §5.6.4) after the server text is made safe, so that a reader can find
 * where the value ends whatever the server put in it. */
static void
append_quoted (GString     *message,
               const char **separator,
               const char  *name,
               const char  *server_text,
               gsize        max_chars)
{
  g_autofree char *safe = NULL;

  if (server_text == NULL)
    return;
  safe = oa2_error_sanitize_server_text (server_text, max_chars);
  g_string_append_printf (message, "%s%s=\"", *separator, name);
  for (const char *p = safe; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (message, '\\');
      g_string_append_c (message, *p);
    }
  g_string_append_c (message, '"');
  *separator = "; ";
}

/* The one format of the details that end the message of every
 * %OA2_OAUTH_ERROR and %OA2_ERROR_UNEXPECTED_STATUS; the documentation of
 * oa2_oauth_error_new() describes it. Bindings such as PyGObject keep only
 * a GError's domain, code and message, so the message must carry them. */
static char *
format_message (const char *sentence,
                guint       http_status,
                const char *code,
                const char *description,
                const char *uri)
{
  GString *message = g_string_new (sentence);
  const char *separator = "";

  g_string_append (message, " [");
  if (http_status != 0)
    {
      g_string_append_printf (message, "HTTP %u", http_status);
      separator = "; ";
    }
  append_quoted (message, &separator, "error", code, 64);
  append_quoted (message, &separator, "error_description", description, 512);
  append_quoted (message, &separator, "error_uri", uri, 512);
  g_string_append_c (message, ']');

  return g_string_free (message, FALSE);
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
 * The message is a translated sentence followed by the details in square
 * brackets, in a format that does not change with the language, so that
 * programs can read the details from the message alone, as Python must:
 *
 * ```
 * The server refused the request [HTTP 401; error="invalid_client"; error_description="Bad secret"]
 * ```
 *
 * Inside the brackets come, separated by `; `: `HTTP` and the status code,
 * when there was an HTTP response; then
 * `error="…"`, `error_description="…"` and `error_uri="…"`, each when the
 * server sent it. Each value is the server's text on one line, control
 * characters replaced by spaces, shortened to 64 characters (the code) or 512
 * (the others) with `…`, and written as an HTTP quoted-string: a `"` or `\`
 * in it is preceded by `\`. Errors with %OA2_ERROR_UNEXPECTED_STATUS end with
 * the same brackets, holding the status alone.
 *
 * Returns: (transfer full): a new error in the %OA2_OAUTH_ERROR domain
 */
GError *
oa2_oauth_error_new (const char *code,
                     const char *description,
                     const char *uri,
                     guint       http_status)
{
  g_autofree char *message = NULL;
  OA2ErrorDetails *details;
  GError *error;

  g_return_val_if_fail (code != NULL, NULL);

  oa2_i18n_init ();

  message = format_message (_("The server refused the request"), http_status, code, description, uri);
  error = g_error_new_literal (OA2_OAUTH_ERROR, oa2_oauth_error_from_string (code), message);

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
  g_autofree char *sentence = NULL;
  g_autofree char *message = NULL;
  GError *error;

  oa2_i18n_init ();
  /* Translators: %s names a server endpoint, such as "token endpoint" */
  sentence = g_strdup_printf (_("The %s answered with an HTTP status that carries no OAuth error"), what);
  message = format_message (sentence, status, NULL, NULL, NULL);
  error = g_error_new_literal (OA2_ERROR, OA2_ERROR_UNEXPECTED_STATUS, message);
  details_of (error)->http_status = status;
  return error;
}

/* The error of an auth handler that cannot renew its token without the
 * user. @cause is the server's refusal (its details are kept, so that the
 * caller still sees what the server said) or %NULL when there is no refresh
 * token at all. */
GError *
oa2_error_new_sign_in_required (const GError *cause)
{
  const OA2ErrorDetails *cause_details = get_details (cause);
  g_autofree char *message = NULL;
  GError *error;

  oa2_i18n_init ();
  if (cause_details == NULL)
    return g_error_new_literal (OA2_ERROR, OA2_ERROR_SIGN_IN_REQUIRED,
                                _("Sign-in required: the access token has expired and there is no refresh token"));

  message = format_message (_("Sign-in required: the server no longer accepts the refresh token"),
                            cause_details->http_status, cause_details->server_code,
                            cause_details->description, cause_details->uri);
  error = g_error_new_literal (OA2_ERROR, OA2_ERROR_SIGN_IN_REQUIRED, message);
  details_copy (cause_details, details_of (error));
  return error;
}

/* An API's failure status (OA2ApiClient's raise-for-status): the status,
 * its reason phrase and the start of the body, made safe, for a human. */
GError *
oa2_error_new_api_status (guint       status,
                          const char *reason,
                          const char *body_excerpt)
{
  g_autofree char *sentence = NULL;
  g_autofree char *safe = NULL;
  g_autofree char *message = NULL;
  GError *error;

  oa2_i18n_init ();
  safe = body_excerpt != NULL && *body_excerpt != '\0' ? oa2_error_sanitize_server_text (body_excerpt, 200) : NULL;
  if (safe != NULL)
    /* Translators: the first %s is an HTTP reason phrase ("Not Found"),
     * the second the start of the response body */
    sentence = g_strdup_printf (_("The API answered with HTTP status %u (%s): %s"), status,
                                reason, safe);
  else
    /* Translators: %s is an HTTP reason phrase ("Not Found") */
    sentence = g_strdup_printf (_("The API answered with HTTP status %u (%s)"), status, reason);
  message = format_message (sentence, status, NULL, NULL, NULL);
  error = g_error_new_literal (OA2_ERROR, OA2_ERROR_UNEXPECTED_STATUS, message);
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
 * Bindings that keep only the domain, code and message of an error, such as
 * PyGObject, get %NULL here; the message carries the code as
 * `error="…"` inside the square brackets that end it, in the format
 * [func@OA2.OAuthError.new] describes.
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
 * Bindings that keep only the domain, code and message of an error, such as
 * PyGObject, get %NULL here; the message carries the description, made safe
 * and shortened, as `error_description="…"` inside the square brackets that
 * end it, in the format [func@OA2.OAuthError.new] describes.
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
 * Bindings that keep only the domain, code and message of an error, such as
 * PyGObject, get %NULL here; the message carries the URI as `error_uri="…"`
 * inside the square brackets that end it, in the format
 * [func@OA2.OAuthError.new] describes.
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
 * Bindings that keep only the domain, code and message of an error, such as
 * PyGObject, get 0 here; the message of these errors carries the status as
 * `HTTP 401` at the start of the square brackets that end it, in
 * the format [func@OA2.OAuthError.new] describes.
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
 * oa2_error_get_retry_after:
 * @error: an error
 *
 * Gets how long the server asked the client to wait before trying again,
 * with a `Retry-After` header (RFC 9110 §10.2.3) on the response that
 * produced @error, typically with HTTP 503 or 429. A date in the header is
 * turned into the seconds from the arrival of the response. The pollers
 * of the device flow wait at least this long; see
 * [class@OA2.TokenPoller].
 *
 * Returns: the delay in seconds, or -1 if the response had no valid
 *   `Retry-After` or @error did not come from a response
 */
int
oa2_error_get_retry_after (const GError *error)
{
  OA2ErrorDetails *details = get_details (error);

  if (details == NULL || details->retry_after_plus_one == 0)
    return -1;
  return (int) (details->retry_after_plus_one - 1);
}

void
oa2_error_set_retry_after (GError *error,
                           guint   seconds)
{
  OA2ErrorDetails *details = get_details (error);

  if (details != NULL)
    details->retry_after_plus_one = MIN (seconds, G_MAXINT - 1) + 1;
}

/**
 * oa2_error_requires_interaction:
 * @error: (nullable): an error
 *
 * Tells whether @error means that the user has to sign in again, as opposed
 * to a transient failure worth retrying later: the grant or the client was
 * refused, the server asks for interaction, there is no refresh token, or an
 * auth handler says so (%OA2_ERROR_SIGN_IN_REQUIRED).
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

  return g_error_matches (error, OA2_ERROR, OA2_ERROR_NO_REFRESH_TOKEN) ||
         g_error_matches (error, OA2_ERROR, OA2_ERROR_SIGN_IN_REQUIRED);
}
