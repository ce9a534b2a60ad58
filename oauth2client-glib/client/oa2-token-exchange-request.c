/* oa2-token-exchange-request.c: what a token exchange (RFC 8693) presents
 * and asks for
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-secret-private.h"
#include "oa2-token-exchange-request-private.h"

/**
 * OA2TokenExchangeRequest:
 *
 * The tokens a token exchange (RFC 8693) presents and what it asks for in
 * return; [method@OA2.Client.token_exchange] sends it.
 *
 * The subject token stands for the party the new token will act for; the
 * optional actor token for the party that will act. Each carries its type,
 * given as a URI or as one of the short names `access_token`,
 * `refresh_token`, `id_token`, `jwt`, `saml1` and `saml2`
 * ([func@OA2.token_type_urn]). A request built from an
 * [class@OA2.BearerToken] or an [class@OA2.IdToken] knows the type itself.
 *
 * Types are checked when the request is sent, so that a mistake is a
 * #GError there rather than a warning here.
 *
 * ```c
 * g_autoptr(OA2TokenExchangeRequest) request =
 *   oa2_token_exchange_request_new_for_bearer_token (user_token);
 * oa2_token_exchange_request_set_audience (request, "backend");
 * g_autoptr(OA2BearerToken) token =
 *   oa2_client_token_exchange (client, request, "api:read", NULL, NULL, NULL, NULL, &error);
 * g_print ("%s\n", oa2_bearer_token_get_issued_token_type (token));
 * ```
 *
 * ```python
 * request = OA2.TokenExchangeRequest.new('eyJ…', 'jwt')
 * request.set_actor_token(service_token.props.access_token, 'access_token')
 * token = client.token_exchange(request, None, ['https://api.example/'], None, None, None)
 * ```
 */

struct _OA2TokenExchangeRequest
{
  GObject  parent_instance;

  char    *subject_token;          /* a secret */
  char    *subject_token_type;
  char    *actor_token;            /* a secret */
  char    *actor_token_type;
  char    *requested_token_type;
  char    *audience;
};

G_DEFINE_FINAL_TYPE (OA2TokenExchangeRequest, oa2_token_exchange_request, G_TYPE_OBJECT)

#define TOKEN_TYPE_PREFIX "urn:ietf:params:oauth:token-type:"

/* RFC 8693 §3 registers these; the short names are the URNs' last part. */
static const char * const short_names[] = {
  "access_token", "refresh_token", "id_token", "jwt", "saml1", "saml2",
};

static void
oa2_token_exchange_request_finalize (GObject *object)
{
  OA2TokenExchangeRequest *self = OA2_TOKEN_EXCHANGE_REQUEST (object);

  oa2_secret_free (self->subject_token);
  g_free (self->subject_token_type);
  oa2_secret_free (self->actor_token);
  g_free (self->actor_token_type);
  g_free (self->requested_token_type);
  g_free (self->audience);

  G_OBJECT_CLASS (oa2_token_exchange_request_parent_class)->finalize (object);
}

static void
oa2_token_exchange_request_class_init (OA2TokenExchangeRequestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = oa2_token_exchange_request_finalize;
}

static void
oa2_token_exchange_request_init (OA2TokenExchangeRequest *self)
{
}

/**
 * oa2_token_type_urn:
 * @name: a short token type name
 *
 * Maps a short token type name to the URN RFC 8693 §3 registers for it:
 * `access_token`, `refresh_token`, `id_token`, `jwt`, `saml1` and `saml2`
 * become `urn:ietf:params:oauth:token-type:` followed by the name.
 *
 * Returns: (nullable): the URN, or %NULL when @name is not one of the
 *   short names
 */
const char *
oa2_token_type_urn (const char *name)
{
  static const char * const urns[] = {
    TOKEN_TYPE_PREFIX "access_token", TOKEN_TYPE_PREFIX "refresh_token", TOKEN_TYPE_PREFIX "id_token",
    TOKEN_TYPE_PREFIX "jwt", TOKEN_TYPE_PREFIX "saml1", TOKEN_TYPE_PREFIX "saml2",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (urns) == G_N_ELEMENTS (short_names));
  g_return_val_if_fail (name != NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (short_names); i++)
    if (strcmp (name, short_names[i]) == 0)
      return urns[i];
  return NULL;
}

/* A short name becomes its URN; any other absolute URI (RFC 8693 §3 lets
 * a deployment define its own) is kept as it is. */
char *
oa2_token_exchange_resolve_type (const char  *type,
                                 const char  *what,
                                 GError     **error)
{
  const char *urn;

  if (type == NULL || *type == '\0')
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is "subject token", "actor token" or "requested token" */
                   _("The %s has no token type"), what);
      return NULL;
    }
  urn = oa2_token_type_urn (type);
  if (urn != NULL)
    return g_strdup (urn);
  if (strchr (type, ':') != NULL && g_uri_is_valid (type, G_URI_FLAGS_NONE, NULL) &&
      strpbrk (type, " \t\r\n") == NULL)
    return g_strdup (type);

  g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
               /* Translators: the first %s is "subject token", "actor token" or "requested token";
                * the second what the caller gave as its type */
               _("The token type of the %s, “%s”, is neither a URI nor one of access_token, refresh_token, "
                 "id_token, jwt, saml1 and saml2"), what, type);
  return NULL;
}

/**
 * oa2_token_exchange_request_new:
 * @subject_token: the token that represents the party the new token acts
 *   for
 * @subject_token_type: its type: a URI such as
 *   `urn:ietf:params:oauth:token-type:access_token`, or a short name
 *   ([func@OA2.token_type_urn])
 *
 * Creates a token exchange request for @subject_token.
 *
 * Returns: (transfer full): a new request
 */
OA2TokenExchangeRequest *
oa2_token_exchange_request_new (const char *subject_token,
                                const char *subject_token_type)
{
  OA2TokenExchangeRequest *self;

  g_return_val_if_fail (subject_token != NULL, NULL);
  g_return_val_if_fail (subject_token_type != NULL, NULL);

  self = g_object_new (OA2_TYPE_TOKEN_EXCHANGE_REQUEST, NULL);
  self->subject_token = g_strdup (subject_token);
  self->subject_token_type = g_strdup (subject_token_type);
  return self;
}

/**
 * oa2_token_exchange_request_new_for_bearer_token:
 * @token: a token whose access token is the subject token
 *
 * Creates a token exchange request whose subject token is the access
 * token of @token, of type `urn:ietf:params:oauth:token-type:access_token`.
 * A DPoP-bound token is presented as its bare access token: RFC 8693
 * defines no proof of possession for the subject token.
 *
 * Returns: (transfer full): a new request
 */
OA2TokenExchangeRequest *
oa2_token_exchange_request_new_for_bearer_token (OA2BearerToken *token)
{
  g_return_val_if_fail (OA2_IS_BEARER_TOKEN (token), NULL);

  return oa2_token_exchange_request_new (oa2_bearer_token_get_access_token (token), "access_token");
}

/**
 * oa2_token_exchange_request_new_for_id_token:
 * @id_token: an ID token, usually validated on a token response
 *   ([method@OA2.BearerToken.get_validated_id_token])
 *
 * Creates a token exchange request whose subject token is @id_token in
 * compact form, of type `urn:ietf:params:oauth:token-type:id_token`.
 *
 * Returns: (transfer full): a new request
 */
OA2TokenExchangeRequest *
oa2_token_exchange_request_new_for_id_token (OA2IdToken *id_token)
{
  g_return_val_if_fail (OA2_IS_ID_TOKEN (id_token), NULL);

  return oa2_token_exchange_request_new (oa2_id_token_get_compact (id_token), "id_token");
}

/**
 * oa2_token_exchange_request_set_actor_token:
 * @self: a request
 * @actor_token: (nullable): the token that represents the acting party,
 *   or %NULL for none
 * @actor_token_type: (nullable): its type, a URI or a short name; required
 *   with @actor_token
 *
 * Sets the actor token (RFC 8693 §2.1), for delegation: the new token
 * says that the actor acts for the subject.
 */
void
oa2_token_exchange_request_set_actor_token (OA2TokenExchangeRequest *self,
                                            const char              *actor_token,
                                            const char              *actor_token_type)
{
  g_return_if_fail (OA2_IS_TOKEN_EXCHANGE_REQUEST (self));

  oa2_secret_free (self->actor_token);
  self->actor_token = g_strdup (actor_token);
  g_free (self->actor_token_type);
  self->actor_token_type = g_strdup (actor_token_type);
}

/**
 * oa2_token_exchange_request_set_actor_bearer_token:
 * @self: a request
 * @token: a token whose access token is the actor token
 *
 * Sets the access token of @token as the actor token, of type
 * `urn:ietf:params:oauth:token-type:access_token`.
 */
void
oa2_token_exchange_request_set_actor_bearer_token (OA2TokenExchangeRequest *self,
                                                   OA2BearerToken          *token)
{
  g_return_if_fail (OA2_IS_BEARER_TOKEN (token));

  oa2_token_exchange_request_set_actor_token (self, oa2_bearer_token_get_access_token (token), "access_token");
}

/**
 * oa2_token_exchange_request_set_actor_id_token:
 * @self: a request
 * @id_token: an ID token
 *
 * Sets @id_token as the actor token, of type
 * `urn:ietf:params:oauth:token-type:id_token`.
 */
void
oa2_token_exchange_request_set_actor_id_token (OA2TokenExchangeRequest *self,
                                               OA2IdToken              *id_token)
{
  g_return_if_fail (OA2_IS_ID_TOKEN (id_token));

  oa2_token_exchange_request_set_actor_token (self, oa2_id_token_get_compact (id_token), "id_token");
}

/**
 * oa2_token_exchange_request_set_requested_token_type:
 * @self: a request
 * @token_type: (nullable): the type of token to ask for, a URI or a short
 *   name, or %NULL to let the server choose
 *
 * Sets `requested_token_type`. The server may still issue another type;
 * [method@OA2.BearerToken.get_issued_token_type] says which.
 */
void
oa2_token_exchange_request_set_requested_token_type (OA2TokenExchangeRequest *self,
                                                     const char              *token_type)
{
  g_return_if_fail (OA2_IS_TOKEN_EXCHANGE_REQUEST (self));

  g_free (self->requested_token_type);
  self->requested_token_type = g_strdup (token_type);
}

/**
 * oa2_token_exchange_request_set_audience:
 * @self: a request
 * @audience: (nullable): the logical name of the service the new token is
 *   for, or %NULL
 *
 * Sets `audience` (RFC 8693 §2.1). To name the service by its URI, pass a
 * resource indicator to [method@OA2.Client.token_exchange] instead.
 */
void
oa2_token_exchange_request_set_audience (OA2TokenExchangeRequest *self,
                                         const char              *audience)
{
  g_return_if_fail (OA2_IS_TOKEN_EXCHANGE_REQUEST (self));

  g_free (self->audience);
  self->audience = g_strdup (audience);
}

/**
 * oa2_token_exchange_request_get_subject_token_type:
 * @self: a request
 *
 * Gets the subject token's type as it was given.
 *
 * Returns: the type
 */
const char *
oa2_token_exchange_request_get_subject_token_type (OA2TokenExchangeRequest *self)
{
  g_return_val_if_fail (OA2_IS_TOKEN_EXCHANGE_REQUEST (self), NULL);

  return self->subject_token_type;
}

/**
 * oa2_token_exchange_request_get_actor_token_type:
 * @self: a request
 *
 * Gets the actor token's type as it was given.
 *
 * Returns: (nullable): the type, or %NULL without an actor token
 */
const char *
oa2_token_exchange_request_get_actor_token_type (OA2TokenExchangeRequest *self)
{
  g_return_val_if_fail (OA2_IS_TOKEN_EXCHANGE_REQUEST (self), NULL);

  return self->actor_token_type;
}

/**
 * oa2_token_exchange_request_get_requested_token_type:
 * @self: a request
 *
 * Gets the requested token type as it was given.
 *
 * Returns: (nullable): the type, or %NULL
 */
const char *
oa2_token_exchange_request_get_requested_token_type (OA2TokenExchangeRequest *self)
{
  g_return_val_if_fail (OA2_IS_TOKEN_EXCHANGE_REQUEST (self), NULL);

  return self->requested_token_type;
}

/**
 * oa2_token_exchange_request_get_audience:
 * @self: a request
 *
 * Gets the audience.
 *
 * Returns: (nullable): the audience, or %NULL
 */
const char *
oa2_token_exchange_request_get_audience (OA2TokenExchangeRequest *self)
{
  g_return_val_if_fail (OA2_IS_TOKEN_EXCHANGE_REQUEST (self), NULL);

  return self->audience;
}

/* RFC 8693 §2.1, in the order it lists the parameters; the common tail
 * (scope, resources, extra parameters) is added by the caller. */
OA2Form *
oa2_token_exchange_request_to_form (OA2TokenExchangeRequest  *self,
                                    GError                  **error)
{
  g_autoptr(OA2Form) form = NULL;
  g_autofree char *subject_type = NULL;
  g_autofree char *actor_type = NULL;
  g_autofree char *requested_type = NULL;

  if (self->subject_token == NULL || *self->subject_token == '\0')
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT, _("The subject token is empty"));
      return NULL;
    }
  subject_type = oa2_token_exchange_resolve_type (self->subject_token_type, _("subject token"), error);
  if (subject_type == NULL)
    return NULL;

  if (self->actor_token != NULL)
    {
      if (*self->actor_token == '\0')
        {
          g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT, _("The actor token is empty"));
          return NULL;
        }
      actor_type = oa2_token_exchange_resolve_type (self->actor_token_type, _("actor token"), error);
      if (actor_type == NULL)
        return NULL;
    }
  else if (self->actor_token_type != NULL)
    {
      /* RFC 8693 §2.1: actor_token_type must not come without the token. */
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("An actor token type was given without an actor token"));
      return NULL;
    }

  if (self->requested_token_type != NULL)
    {
      requested_type = oa2_token_exchange_resolve_type (self->requested_token_type, _("requested token"), error);
      if (requested_type == NULL)
        return NULL;
    }
  if (self->audience != NULL && *self->audience == '\0')
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT, _("The audience is empty"));
      return NULL;
    }

  form = oa2_form_new ();
  oa2_form_add (form, "grant_type", OA2_GRANT_TYPE_TOKEN_EXCHANGE);
  oa2_form_add (form, "subject_token", self->subject_token);
  oa2_form_add (form, "subject_token_type", subject_type);
  oa2_form_add (form, "actor_token", self->actor_token);
  oa2_form_add (form, "actor_token_type", actor_type);
  oa2_form_add (form, "requested_token_type", requested_type);
  oa2_form_add (form, "audience", self->audience);
  return g_steal_pointer (&form);
}
