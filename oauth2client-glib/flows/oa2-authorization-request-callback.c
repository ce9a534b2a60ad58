/* oa2-authorization-request-callback.c: validating the response to an
 * authorization request (RFC 6749 §4.1.2, RFC 9207)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The redirect's parameters, from the query or the fragment as the
 * response mode says, or decoded from a form_post; then the checks in
 * their order: state, iss, the server's error, the code.
 */

#include "config.h"

#include <string.h>

#include "oa2-authorization-request-private.h"
#include "oa2-authorization-response-private.h"
#include "oa2-crypto-private.h"
#include "oa2-error.h"
#include "oa2-error-private.h"
#include "oa2-i18n-private.h"
#include "oa2-secret-private.h"

/* A JARM response is a JWT signed with the server's keys, which the
 * request does not have and may need I/O to get: the client validates it. */
static gboolean
refuse_jarm (OA2AuthorizationRequest  *self,
             GError                  **error)
{
  if (!oa2_authorization_request_is_jarm (self))
    return TRUE;
  g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
               /* Translators: %s is an OAuth response mode such as "query.jwt" */
               _("A response in the mode “%s” (JARM) is signed by the server: validate it with "
                 "oa2_client_validate_authorization_callback(), which has the server’s keys"), self->response_mode);
  return FALSE;
}

GHashTable *
oa2_authorization_request_new_params (void)
{
  /* The values include the code, a secret. */
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) oa2_secret_free);
}

static gboolean
strings_equal_secret (const char *a,
                      const char *b)
{
  gsize len = strlen (a);

  return len == strlen (b) && oa2_crypto_equal ((const guint8 *) a, (const guint8 *) b, len);
}

OA2AuthorizationResponse *
oa2_authorization_request_validate_params (OA2AuthorizationRequest  *self,
                                           GHashTable               *params,
                                           GError                  **error)
{
  g_autoptr(GHashTable) owned = params;
  const char *state = g_hash_table_lookup (params, "state");
  const char *iss = g_hash_table_lookup (params, "iss");
  const char *code_error = g_hash_table_lookup (params, "error");
  const char *code = g_hash_table_lookup (params, "code");

  /* The state first: an answer that is not to this request, error or not,
   * may be forged, and nothing else in it is worth reading. */
  if (state == NULL || !strings_equal_secret (state, self->state))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_STATE_MISMATCH,
                           state == NULL ?
                           _("The authorization response has no state: it does not answer this request") :
                           _("The authorization response’s state is not this request’s: it may be forged"));
      return NULL;
    }

  /* RFC 9207 §2.4, error responses included. Without a known issuer
   * nothing can be compared; the client should then be configured with
   * one (discovery does it). */
  if (iss != NULL ? self->issuer != NULL && !g_str_equal (iss, self->issuer) : self->require_issuer)
    {
      if (iss == NULL)
        g_set_error_literal (error, OA2_ERROR, OA2_ERROR_ISSUER_MISMATCH,
                             _("The authorization response has no “iss”, which this server promised to send"));
      else
        {
          g_autofree char *shown = oa2_error_sanitize_name (iss);

          g_set_error (error, OA2_ERROR, OA2_ERROR_ISSUER_MISMATCH,
                       /* Translators: %s is a server's issuer URI */
                       _("The authorization response comes from another server (“%s”)"), shown);
        }
      return NULL;
    }

  if (code_error != NULL)
    {
      g_propagate_error (error, oa2_oauth_error_new (*code_error != '\0' ? code_error : "server_error",
                                                     g_hash_table_lookup (params, "error_description"),
                                                     g_hash_table_lookup (params, "error_uri"), 0));
      return NULL;
    }

  if (code == NULL || *code == '\0')
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_MISSING_MEMBER,
                           _("The authorization response has no authorization code"));
      return NULL;
    }

  return oa2_authorization_response_new (g_steal_pointer (&owned), self->redirect_uri, self->code_verifier,
                                         self->nonce, self->max_age, self->scope);
}

/* Whether the response comes in the fragment: the fragment modes, and
 * JARM's "jwt" for response types other than code (JARM §2.3.4). */
static gboolean
uses_fragment (OA2AuthorizationRequest *self)
{
  const char *mode = self->response_mode;

  if (mode == NULL)
    return FALSE;
  if (g_str_equal (mode, "jwt"))
    return !g_str_equal (self->response_type, "code");
  return g_str_equal (mode, "fragment") || g_str_equal (mode, "fragment.jwt");
}

GHashTable *
oa2_authorization_request_parse_callback (OA2AuthorizationRequest  *self,
                                          const char               *uri,
                                          GError                  **error)
{
  g_autoptr(GHashTable) params = NULL;
  /* Both may hold the code. */
  g_autoptr(OA2SecretText) query = NULL;
  g_autoptr(OA2SecretText) fragment = NULL;
  const char *part;
  GUriParamsIter iter;
  char *name, *value;

  if (g_strcmp0 (self->response_mode, "form_post") == 0 || g_strcmp0 (self->response_mode, "form_post.jwt") == 0)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("A form_post response arrives in a form: validate its parameters instead of a URI"));
      return NULL;
    }

  if (!g_uri_split (uri, G_URI_FLAGS_ENCODED, NULL, NULL, NULL, NULL, NULL, &query, &fragment, NULL))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The redirect is not a URI"));
      return NULL;
    }

  part = uses_fragment (self) ? fragment : query;
  params = oa2_authorization_request_new_params ();
  if (part != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      g_uri_params_iter_init (&iter, part, -1, "&", G_URI_PARAMS_WWW_FORM);
      while (g_uri_params_iter_next (&iter, &name, &value, &local_error))
        {
          if (g_hash_table_contains (params, name))
            {
              g_autofree char *shown = oa2_error_sanitize_name (name);

              g_free (name);
              oa2_secret_free (value);
              g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
                           /* Translators: %s is a parameter name such as "code" */
                           _("The authorization response has more than one “%s”"), shown);
              return NULL;
            }
          g_hash_table_insert (params, name, value);
        }
      if (local_error != NULL)
        {
          g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
                               _("The authorization response is not well-formed"));
          return NULL;
        }
    }
  return g_steal_pointer (&params);
}

/**
 * oa2_authorization_request_validate_callback:
 * @self: the request that the response answers
 * @uri: the URI the browser was redirected to, with the response in its
 *   query (or in its fragment, for the `fragment` response mode)
 * @error: return location for a #GError
 *
 * Validates the authorization response that came back to the redirect URI.
 * The checks come in this order:
 *
 * 1. the response has exactly one of each parameter;
 * 2. its `state` is the request's (compared in constant time), else
 *    %OA2_ERROR_STATE_MISMATCH;
 * 3. its `iss` (RFC 9207), when present, is the request's issuer; when the
 *    request requires it (see
 *    [method@OA2.AuthorizationRequest.set_require_issuer]), it must be
 *    present; else %OA2_ERROR_ISSUER_MISMATCH;
 * 4. an `error` the server sent becomes that %OA2_OAUTH_ERROR code, with its
 *    description and URI (see [func@OA2.Error.get_description]);
 * 5. it carries a `code`, else %OA2_ERROR_MISSING_MEMBER.
 *
 * A JARM response mode is refused with %OA2_ERROR_INVALID_ARGUMENT: its
 * signed response needs the server's keys, which
 * [method@OA2.Client.validate_authorization_callback] has.
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2AuthorizationResponse *
oa2_authorization_request_validate_callback (OA2AuthorizationRequest  *self,
                                             const char               *uri,
                                             GError                  **error)
{
  GHashTable *params;

  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!refuse_jarm (self, error))
    return NULL;
  params = oa2_authorization_request_parse_callback (self, uri, error);
  if (params == NULL)
    return NULL;
  return oa2_authorization_request_validate_params (self, params, error);
}

/**
 * oa2_authorization_request_validate_callback_params:
 * @self: the request that the response answers
 * @params: (element-type utf8 utf8): the response's parameters, decoded:
 *   from the query, the fragment, or a `form_post` body
 * @error: return location for a #GError
 *
 * Validates an authorization response whose parameters the application has
 * already decoded, such as a `form_post` body, with the checks of
 * [method@OA2.AuthorizationRequest.validate_callback].
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2AuthorizationResponse *
oa2_authorization_request_validate_callback_params (OA2AuthorizationRequest  *self,
                                                    GHashTable               *params,
                                                    GError                  **error)
{
  GHashTable *copy;
  GHashTableIter iter;
  gpointer name, value;

  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), NULL);
  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!refuse_jarm (self, error))
    return NULL;

  copy = oa2_authorization_request_new_params ();
  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &name, &value))
    if (name != NULL && value != NULL)
      g_hash_table_insert (copy, g_strdup (name), g_strdup (value));
  return oa2_authorization_request_validate_params (self, copy, error);
}
