/* oa2-token-request.c: token request bodies for each grant
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Pure builders: arguments in, an ordered form (or a precise error) out.
 * Client authentication is added later, per attempt, by the client.
 */

#include "config.h"

#include <string.h>

#include "oa2-base64url-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-secret-private.h"
#include "oa2-token-request-private.h"
#include "oa2-uri-private.h"

static gboolean
invalid_argument (GError     **error,
                  const char  *message)
{
  g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT, message);
  return FALSE;
}

/* RFC 6749 §3.3: scope-tokens of %x21 / %x23-5B / %x5D-7E, separated by
 * single spaces. */
static gboolean
check_scope (const char  *scope,
             GError     **error)
{
  gboolean after_space = TRUE;

  if (scope == NULL)
    return TRUE;

  for (const char *p = scope; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == ' ')
        {
          if (after_space)
            return invalid_argument (error, _("The scope has an empty scope token"));
          after_space = TRUE;
        }
      else if (c < 0x21 || c > 0x7e || c == '"' || c == '\\')
        return invalid_argument (error, _("The scope contains a character that RFC 6749 does not allow"));
      else
        after_space = FALSE;
    }
  if (after_space)
    return invalid_argument (error, _("The scope has an empty scope token"));
  return TRUE;
}

/* RFC 8707 §2: absolute URIs without a fragment. */
static gboolean
add_resources (OA2Form             *form,
               const char * const  *resources,
               GError             **error)
{
  if (resources == NULL)
    return TRUE;

  for (guint i = 0; resources[i] != NULL; i++)
    {
      g_autoptr(GUri) uri = g_uri_parse (resources[i], G_URI_FLAGS_NONE, NULL);

      if (uri == NULL || g_uri_get_fragment (uri) != NULL)
        {
          g_autofree char *shown = oa2_uri_string_to_display (resources[i]);

          if (shown != NULL)
            g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                         /* Translators: %s is what the caller passed as a resource indicator */
                         _("The resource “%s” is not an absolute URI without a fragment"), shown);
          else
            g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                                 _("A resource indicator is not an absolute URI without a fragment"));
          return FALSE;
        }
    }

  for (guint i = 0; resources[i] != NULL; i++)
    oa2_form_add (form, "resource", resources[i]);
  return TRUE;
}

/* Common tail of every grant: scope, resources, then the caller's extra
 * parameters. */
OA2Form *
oa2_token_form_finish (OA2Form             *form,
                       const char          *scope,
                       const char * const  *resources,
                       GHashTable          *extra_params,
                       GError             **error)
{
  g_autoptr(OA2Form) owned = form;

  if (scope != NULL && *scope == '\0')
    scope = NULL;
  if (!check_scope (scope, error))
    return NULL;
  oa2_form_add (form, "scope", scope);
  if (!add_resources (form, resources, error) ||
      !oa2_form_add_extra (form, extra_params, error))
    return NULL;
  return g_steal_pointer (&owned);
}

static OA2Form *
form_for_grant (const char *grant_type)
{
  OA2Form *form = oa2_form_new ();

  oa2_form_add (form, "grant_type", grant_type);
  return form;
}

OA2Form *
oa2_token_form_from_params (GHashTable          *params,
                            const char * const  *resources,
                            GError             **error)
{
  g_autoptr(GHashTable) rest = NULL;
  const char *grant_type;

  grant_type = params != NULL ? g_hash_table_lookup (params, "grant_type") : NULL;
  if (grant_type == NULL || *grant_type == '\0')
    {
      invalid_argument (error, _("A token request needs a “grant_type” parameter"));
      return NULL;
    }

  rest = g_hash_table_new (g_str_hash, g_str_equal);
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, params);
    while (g_hash_table_iter_next (&iter, &key, &value))
      if (strcmp (key, "grant_type") != 0)
        g_hash_table_insert (rest, key, value);
  }

  return oa2_token_form_finish (form_for_grant (grant_type), NULL, resources, rest, error);
}

OA2Form *
oa2_token_form_client_credentials (const char          *scope,
                                   const char * const  *resources,
                                   GHashTable          *extra_params,
                                   GError             **error)
{
  return oa2_token_form_finish (form_for_grant ("client_credentials"), scope, resources, extra_params, error);
}

/* RFC 7636 §4.1: 43 to 128 unreserved characters. */
static gboolean
check_code_verifier (const char  *verifier,
                     GError     **error)
{
  gsize len;

  if (verifier == NULL)
    return TRUE;
  len = strlen (verifier);
  if (len < 43 || len > 128 ||
      strspn (verifier, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~") != len)
    return invalid_argument (error, _("The PKCE code verifier must be 43 to 128 unreserved characters (RFC 7636)"));
  return TRUE;
}

OA2Form *
oa2_token_form_authorization_code (const char          *code,
                                   const char          *redirect_uri,
                                   const char          *code_verifier,
                                   const char * const  *resources,
                                   GHashTable          *extra_params,
                                   GError             **error)
{
  OA2Form *form;

  if (code == NULL || *code == '\0')
    {
      invalid_argument (error, _("The authorization code is empty"));
      return NULL;
    }
  if (!check_code_verifier (code_verifier, error))
    return NULL;

  form = form_for_grant ("authorization_code");
  oa2_form_add (form, "code", code);
  oa2_form_add (form, "redirect_uri", redirect_uri);
  oa2_form_add (form, "code_verifier", code_verifier);
  return oa2_token_form_finish (form, NULL, resources, extra_params, error);
}

OA2Form *
oa2_token_form_refresh_token (const char          *refresh_token,
                              const char          *scope,
                              const char * const  *resources,
                              GHashTable          *extra_params,
                              GError             **error)
{
  OA2Form *form;

  if (refresh_token == NULL || *refresh_token == '\0')
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_NO_REFRESH_TOKEN,
                           _("There is no refresh token to renew the access token with"));
      return NULL;
    }

  form = form_for_grant ("refresh_token");
  oa2_form_add (form, "refresh_token", refresh_token);
  return oa2_token_form_finish (form, scope, resources, extra_params, error);
}

OA2Form *
oa2_token_form_jwt_bearer (const char          *assertion,
                           const char          *scope,
                           const char * const  *resources,
                           GHashTable          *extra_params,
                           GError             **error)
{
  OA2Form *form;

  if (assertion == NULL || *assertion == '\0')
    {
      invalid_argument (error, _("No assertion was given"));
      return NULL;
    }

  form = form_for_grant (OA2_GRANT_TYPE_JWT_BEARER);
  oa2_form_add (form, "assertion", assertion);
  return oa2_token_form_finish (form, scope, resources, extra_params, error);
}

/* The library neither parses nor checks the assertion: the server does
 * (RFC 7522 §3); it only has to be there. Its encoded form is a
 * credential, so the copy made here is wiped (the form wipes its own). */
OA2Form *
oa2_token_form_saml2_bearer (GBytes              *assertion,
                             const char          *scope,
                             const char * const  *resources,
                             GHashTable          *extra_params,
                             GError             **error)
{
  g_autoptr(OA2SecretText) encoded = NULL;
  OA2Form *form;

  if (assertion == NULL || g_bytes_get_size (assertion) == 0)
    {
      invalid_argument (error, _("No SAML assertion was given"));
      return NULL;
    }

  encoded = oa2_base64url_encode_bytes (assertion);
  form = form_for_grant (OA2_GRANT_TYPE_SAML2_BEARER);
  oa2_form_add (form, "assertion", encoded);
  return oa2_token_form_finish (form, scope, resources, extra_params, error);
}

OA2Form *
oa2_token_form_password (const char          *username,
                         const char          *password,
                         const char          *scope,
                         const char * const  *resources,
                         GHashTable          *extra_params,
                         GError             **error)
{
  OA2Form *form;

  if (username == NULL || *username == '\0')
    {
      invalid_argument (error, _("The user name is empty"));
      return NULL;
    }
  if (password == NULL)
    {
      invalid_argument (error, _("No password was given"));
      return NULL;
    }

  form = form_for_grant ("password");
  oa2_form_add (form, "username", username);
  oa2_form_add (form, "password", password);
  return oa2_token_form_finish (form, scope, resources, extra_params, error);
}

OA2Form *
oa2_token_form_device_code (const char          *device_code,
                            const char * const  *resources,
                            GHashTable          *extra_params,
                            GError             **error)
{
  OA2Form *form;

  if (device_code == NULL || *device_code == '\0')
    {
      invalid_argument (error, _("The device code is empty"));
      return NULL;
    }

  form = form_for_grant (OA2_GRANT_TYPE_DEVICE_CODE);
  oa2_form_add (form, "device_code", device_code);
  return oa2_token_form_finish (form, NULL, resources, extra_params, error);
}

/* RFC 8628 §3.1: the client's scope and, as for any request of the
 * client, resource indicators and the caller's extra parameters. The
 * client authentication is added per attempt. */
OA2Form *
oa2_device_authorization_form (const char          *scope,
                               const char * const  *resources,
                               GHashTable          *extra_params,
                               GError             **error)
{
  return oa2_token_form_finish (oa2_form_new (), scope, resources, extra_params, error);
}

OA2Form *
oa2_token_hint_form (const char  *token,
                     const char  *token_type_hint,
                     const char  *no_token_message,
                     GError     **error)
{
  OA2Form *form;

  if (token == NULL || *token == '\0')
    {
      invalid_argument (error, no_token_message);
      return NULL;
    }
  if (token_type_hint != NULL && *token_type_hint == '\0')
    {
      invalid_argument (error, _("The token type hint is empty"));
      return NULL;
    }
  form = oa2_form_new ();
  oa2_form_add (form, "token", token);
  if (token_type_hint != NULL)
    oa2_form_add (form, "token_type_hint", token_type_hint);
  return form;
}
