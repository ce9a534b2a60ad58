/* oa2-error.h: the two error domains
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <glib.h>

#include "oa2-version-macros.h"

G_BEGIN_DECLS

/**
 * OA2_ERROR:
 *
 * Error domain for failures that oauth2client-glib detects itself: bad
 * arguments, malformed or oversized responses, refused insecure transport.
 *
 * Errors in this domain are from the [error@OA2.Error] enumeration. Transport
 * errors (`G_IO_ERROR`, `G_TLS_ERROR`, `SOUP_SESSION_ERROR`) are never
 * rewritten into this domain.
 */
#define OA2_ERROR (oa2_error_quark ())

/**
 * OA2_OAUTH_ERROR:
 *
 * Error domain for the error codes that an authorization server sent in an
 * error response (RFC 6749 §5.2 and its extensions).
 *
 * Errors in this domain are from the [error@OA2.OAuthError] enumeration. The
 * message ends with the HTTP status, the code, `error_description` and
 * `error_uri` in square brackets, in the format [func@OA2.OAuthError.new]
 * describes; C, GJS and Vala callers also read them with
 * [func@OA2.Error.get_http_status], [func@OA2.Error.get_server_code],
 * [func@OA2.Error.get_description] and [func@OA2.Error.get_uri].
 */
#define OA2_OAUTH_ERROR (oa2_oauth_error_quark ())

/**
 * OA2Error:
 * @OA2_ERROR_FAILED: an unspecified failure
 * @OA2_ERROR_INVALID_ARGUMENT: an argument or configuration value is invalid
 * @OA2_ERROR_INSECURE_TRANSPORT: refusing to send credentials to a URI that is
 *   neither `https` nor loopback `http`, or to follow a redirect from
 *   `https` to `http` or to a scheme other than these two
 * @OA2_ERROR_UNEXPECTED_STATUS: the server answered with an HTTP status that
 *   carries no OAuth error; see [func@OA2.Error.get_http_status]. The
 *   message ends with the status in square brackets, as
 *   [func@OA2.OAuthError.new] describes
 * @OA2_ERROR_UNEXPECTED_CONTENT_TYPE: the server answered with something other
 *   than JSON, such as an HTML page
 * @OA2_ERROR_EMPTY_RESPONSE: the server answered with an empty body
 * @OA2_ERROR_INVALID_JSON: the response body is not well-formed JSON, or not a
 *   JSON object
 * @OA2_ERROR_MISSING_MEMBER: a member that the response must have is absent
 * @OA2_ERROR_INVALID_MEMBER: a response member has the wrong type or an
 *   impossible value
 * @OA2_ERROR_UNSUPPORTED_TOKEN_TYPE: the token type is not one this library
 *   can use
 * @OA2_ERROR_RESPONSE_TOO_LARGE: the response body exceeds the size limit
 * @OA2_ERROR_TOKEN_EXPIRED: the access token has expired
 * @OA2_ERROR_NO_REFRESH_TOKEN: a refresh was asked for but there is no
 *   refresh token
 * @OA2_ERROR_INVALID_KEY: key material is malformed, too weak, or not on its
 *   curve
 * @OA2_ERROR_UNSUPPORTED_ALGORITHM: the algorithm is unknown, not allowed,
 *   or not implemented
 * @OA2_ERROR_KEY_MISMATCH: the key does not fit the algorithm (its type,
 *   curve, size or public/private half)
 * @OA2_ERROR_INVALID_SIGNATURE: a signature or MAC does not verify
 * @OA2_ERROR_MALFORMED_TOKEN: a JWS or JWE is not well formed, or too large;
 *   or an access or refresh token has characters its syntax does not allow
 * @OA2_ERROR_UNSECURED_TOKEN: a token is unsigned (`alg` `none`) and the
 *   caller did not allow that
 * @OA2_ERROR_INVALID_CLAIM: a claim (`exp`, `nbf`, `iat`, `iss`, `aud`…)
 *   fails its check
 * @OA2_ERROR_DECRYPTION_FAILED: a JWE does not decrypt: wrong key, or the
 *   token was tampered with
 * @OA2_ERROR_NO_MATCHING_KEY: no key in a key set fits, or several do and
 *   the policy refuses to guess
 * @OA2_ERROR_TOKEN_TYPE_MISMATCH: the server issued a token of another type
 *   than the one asked for, such as `Bearer` when DPoP was asked for, or
 *   did not say which type it issued
 * @OA2_ERROR_KEY_NOT_FOUND: no key with the given name or URI exists, for
 *   example in a PKCS#11 token
 * @OA2_ERROR_TOKEN_LOGIN_FAILED: logging in to a hardware token failed: a
 *   wrong or missing PIN, or a locked token
 * @OA2_ERROR_STATE_MISMATCH: an authorization response carries no `state`,
 *   or another one than the request sent: it may be forged (cross-site
 *   request forgery) or answer another request
 * @OA2_ERROR_ISSUER_MISMATCH: an authorization response's `iss` (RFC 9207)
 *   names another server than the client's issuer, or is absent where the
 *   server promised to send it: a mix-up attack, or a misconfiguration
 * @OA2_ERROR_AUTHORIZATION_EXPIRED: a device code or a backchannel
 *   authentication request expired, by the library's clock, before the
 *   user answered; a server that says so sends
 *   %OA2_OAUTH_ERROR_EXPIRED_TOKEN instead. Start again
 * @OA2_ERROR_SIGN_IN_REQUIRED: an auth handler ([class@OA2.Auth]) cannot
 *   renew its token without the user: the server refused the refresh token
 *   (`invalid_grant`; [func@OA2.Error.get_server_code] and the message
 *   carry the server's details), or there is none. The handler has dropped
 *   its token; sign the user in again
 * @OA2_ERROR_OUTSIDE_BASE_URL: a path given to [class@OA2.ApiClient] would
 *   leave its base URL: an absolute URL, `//host`, a `.` or `..` segment
 *   (also percent-encoded), a backslash, a query or fragment in the path
 * @OA2_ERROR_TOO_MANY_REDIRECTS: [class@OA2.ApiClient] followed 10
 *   redirects and was sent on again; the chain is not followed further
 *
 * Error codes for %OA2_ERROR. New codes may be appended in later versions.
 */
typedef enum /*< underscore_name=oa2_error >*/ {
  OA2_ERROR_FAILED,
  OA2_ERROR_INVALID_ARGUMENT,
  OA2_ERROR_INSECURE_TRANSPORT,
  OA2_ERROR_UNEXPECTED_STATUS,
  OA2_ERROR_UNEXPECTED_CONTENT_TYPE,
  OA2_ERROR_EMPTY_RESPONSE,
  OA2_ERROR_INVALID_JSON,
  OA2_ERROR_MISSING_MEMBER,
  OA2_ERROR_INVALID_MEMBER,
  OA2_ERROR_UNSUPPORTED_TOKEN_TYPE,
  OA2_ERROR_RESPONSE_TOO_LARGE,
  OA2_ERROR_TOKEN_EXPIRED,
  OA2_ERROR_NO_REFRESH_TOKEN,
  OA2_ERROR_INVALID_KEY,
  OA2_ERROR_UNSUPPORTED_ALGORITHM,
  OA2_ERROR_KEY_MISMATCH,
  OA2_ERROR_INVALID_SIGNATURE,
  OA2_ERROR_MALFORMED_TOKEN,
  OA2_ERROR_UNSECURED_TOKEN,
  OA2_ERROR_INVALID_CLAIM,
  OA2_ERROR_DECRYPTION_FAILED,
  OA2_ERROR_NO_MATCHING_KEY,
  OA2_ERROR_TOKEN_TYPE_MISMATCH,
  OA2_ERROR_KEY_NOT_FOUND,
  OA2_ERROR_TOKEN_LOGIN_FAILED,
  OA2_ERROR_STATE_MISMATCH,
  OA2_ERROR_ISSUER_MISMATCH,
  OA2_ERROR_AUTHORIZATION_EXPIRED,
  OA2_ERROR_SIGN_IN_REQUIRED,
  OA2_ERROR_OUTSIDE_BASE_URL,
  OA2_ERROR_TOO_MANY_REDIRECTS,
} OA2Error;

/**
 * OA2OAuthError:
 * @OA2_OAUTH_ERROR_OTHER: a code this library does not know; read it with
 *   [func@OA2.Error.get_server_code]
 * @OA2_OAUTH_ERROR_INVALID_REQUEST: `invalid_request` (RFC 6749)
 * @OA2_OAUTH_ERROR_INVALID_CLIENT: `invalid_client` (RFC 6749)
 * @OA2_OAUTH_ERROR_INVALID_GRANT: `invalid_grant` (RFC 6749)
 * @OA2_OAUTH_ERROR_UNAUTHORIZED_CLIENT: `unauthorized_client` (RFC 6749)
 * @OA2_OAUTH_ERROR_UNSUPPORTED_GRANT_TYPE: `unsupported_grant_type` (RFC 6749)
 * @OA2_OAUTH_ERROR_INVALID_SCOPE: `invalid_scope` (RFC 6749)
 * @OA2_OAUTH_ERROR_ACCESS_DENIED: `access_denied` (RFC 6749, RFC 8628, CIBA)
 * @OA2_OAUTH_ERROR_UNSUPPORTED_RESPONSE_TYPE: `unsupported_response_type` (RFC 6749)
 * @OA2_OAUTH_ERROR_SERVER_ERROR: `server_error` (RFC 6749)
 * @OA2_OAUTH_ERROR_TEMPORARILY_UNAVAILABLE: `temporarily_unavailable` (RFC 6749)
 * @OA2_OAUTH_ERROR_INVALID_TOKEN: `invalid_token` (RFC 6750)
 * @OA2_OAUTH_ERROR_INSUFFICIENT_SCOPE: `insufficient_scope` (RFC 6750)
 * @OA2_OAUTH_ERROR_UNSUPPORTED_TOKEN_TYPE: `unsupported_token_type` (RFC 7009)
 * @OA2_OAUTH_ERROR_INVALID_TARGET: `invalid_target` (RFC 8707)
 * @OA2_OAUTH_ERROR_AUTHORIZATION_PENDING: `authorization_pending` (RFC 8628, CIBA)
 * @OA2_OAUTH_ERROR_SLOW_DOWN: `slow_down` (RFC 8628, CIBA)
 * @OA2_OAUTH_ERROR_EXPIRED_TOKEN: `expired_token` (RFC 8628, CIBA)
 * @OA2_OAUTH_ERROR_INVALID_DPOP_PROOF: `invalid_dpop_proof` (RFC 9449)
 * @OA2_OAUTH_ERROR_USE_DPOP_NONCE: `use_dpop_nonce` (RFC 9449)
 * @OA2_OAUTH_ERROR_INTERACTION_REQUIRED: `interaction_required` (OpenID Connect)
 * @OA2_OAUTH_ERROR_LOGIN_REQUIRED: `login_required` (OpenID Connect)
 * @OA2_OAUTH_ERROR_ACCOUNT_SELECTION_REQUIRED: `account_selection_required` (OpenID Connect)
 * @OA2_OAUTH_ERROR_CONSENT_REQUIRED: `consent_required` (OpenID Connect)
 * @OA2_OAUTH_ERROR_INVALID_REQUEST_URI: `invalid_request_uri` (OpenID Connect, RFC 9126)
 * @OA2_OAUTH_ERROR_INVALID_REQUEST_OBJECT: `invalid_request_object` (OpenID Connect, RFC 9101)
 * @OA2_OAUTH_ERROR_REQUEST_NOT_SUPPORTED: `request_not_supported` (OpenID Connect)
 * @OA2_OAUTH_ERROR_REQUEST_URI_NOT_SUPPORTED: `request_uri_not_supported` (OpenID Connect)
 * @OA2_OAUTH_ERROR_REGISTRATION_NOT_SUPPORTED: `registration_not_supported` (OpenID Connect)
 * @OA2_OAUTH_ERROR_EXPIRED_LOGIN_HINT_TOKEN: `expired_login_hint_token` (CIBA)
 * @OA2_OAUTH_ERROR_UNKNOWN_USER_ID: `unknown_user_id` (CIBA)
 * @OA2_OAUTH_ERROR_MISSING_USER_CODE: `missing_user_code` (CIBA)
 * @OA2_OAUTH_ERROR_INVALID_USER_CODE: `invalid_user_code` (CIBA)
 * @OA2_OAUTH_ERROR_INVALID_BINDING_MESSAGE: `invalid_binding_message` (CIBA)
 * @OA2_OAUTH_ERROR_TRANSACTION_FAILED: `transaction_failed` (CIBA)
 * @OA2_OAUTH_ERROR_INVALID_AUTHORIZATION_DETAILS: `invalid_authorization_details` (RFC 9396)
 * @OA2_OAUTH_ERROR_INSUFFICIENT_USER_AUTHENTICATION: `insufficient_user_authentication` (RFC 9470)
 *
 * Error codes for %OA2_OAUTH_ERROR, one per standard `error` value a server
 * may send. New codes may be appended in later versions.
 */
typedef enum /*< underscore_name=oa2_oauth_error >*/ {
  OA2_OAUTH_ERROR_OTHER,
  OA2_OAUTH_ERROR_INVALID_REQUEST,
  OA2_OAUTH_ERROR_INVALID_CLIENT,
  OA2_OAUTH_ERROR_INVALID_GRANT,
  OA2_OAUTH_ERROR_UNAUTHORIZED_CLIENT,
  OA2_OAUTH_ERROR_UNSUPPORTED_GRANT_TYPE,
  OA2_OAUTH_ERROR_INVALID_SCOPE,
  OA2_OAUTH_ERROR_ACCESS_DENIED,
  OA2_OAUTH_ERROR_UNSUPPORTED_RESPONSE_TYPE,
  OA2_OAUTH_ERROR_SERVER_ERROR,
  OA2_OAUTH_ERROR_TEMPORARILY_UNAVAILABLE,
  OA2_OAUTH_ERROR_INVALID_TOKEN,
  OA2_OAUTH_ERROR_INSUFFICIENT_SCOPE,
  OA2_OAUTH_ERROR_UNSUPPORTED_TOKEN_TYPE,
  OA2_OAUTH_ERROR_INVALID_TARGET,
  OA2_OAUTH_ERROR_AUTHORIZATION_PENDING,
  OA2_OAUTH_ERROR_SLOW_DOWN,
  OA2_OAUTH_ERROR_EXPIRED_TOKEN,
  OA2_OAUTH_ERROR_INVALID_DPOP_PROOF,
  OA2_OAUTH_ERROR_USE_DPOP_NONCE,
  OA2_OAUTH_ERROR_INTERACTION_REQUIRED,
  OA2_OAUTH_ERROR_LOGIN_REQUIRED,
  OA2_OAUTH_ERROR_ACCOUNT_SELECTION_REQUIRED,
  OA2_OAUTH_ERROR_CONSENT_REQUIRED,
  OA2_OAUTH_ERROR_INVALID_REQUEST_URI,
  OA2_OAUTH_ERROR_INVALID_REQUEST_OBJECT,
  OA2_OAUTH_ERROR_REQUEST_NOT_SUPPORTED,
  OA2_OAUTH_ERROR_REQUEST_URI_NOT_SUPPORTED,
  OA2_OAUTH_ERROR_REGISTRATION_NOT_SUPPORTED,
  OA2_OAUTH_ERROR_EXPIRED_LOGIN_HINT_TOKEN,
  OA2_OAUTH_ERROR_UNKNOWN_USER_ID,
  OA2_OAUTH_ERROR_MISSING_USER_CODE,
  OA2_OAUTH_ERROR_INVALID_USER_CODE,
  OA2_OAUTH_ERROR_INVALID_BINDING_MESSAGE,
  OA2_OAUTH_ERROR_TRANSACTION_FAILED,
  OA2_OAUTH_ERROR_INVALID_AUTHORIZATION_DETAILS,
  OA2_OAUTH_ERROR_INSUFFICIENT_USER_AUTHENTICATION,
} OA2OAuthError;

OA2_AVAILABLE_IN_ALL
GQuark          oa2_error_quark                  (void);
OA2_AVAILABLE_IN_ALL
GQuark          oa2_oauth_error_quark            (void);

OA2_AVAILABLE_IN_ALL
OA2OAuthError   oa2_oauth_error_from_string      (const char    *code);
OA2_AVAILABLE_IN_ALL
GError         *oa2_oauth_error_new              (const char    *code,
                                                  const char    *description,
                                                  const char    *uri,
                                                  guint          http_status);

OA2_AVAILABLE_IN_ALL
const char     *oa2_error_get_server_code        (const GError  *error);
OA2_AVAILABLE_IN_ALL
const char     *oa2_error_get_description        (const GError  *error);
OA2_AVAILABLE_IN_ALL
const char     *oa2_error_get_uri                (const GError  *error);
OA2_AVAILABLE_IN_ALL
guint           oa2_error_get_http_status        (const GError  *error);
OA2_AVAILABLE_IN_ALL
int             oa2_error_get_retry_after        (const GError  *error);
OA2_AVAILABLE_IN_ALL
gboolean        oa2_error_requires_interaction   (const GError  *error);

G_END_DECLS
