/* oa2-issued-token.c: a token a token exchange issued, of any type
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2IssuedToken:
 *
 * The token a token exchange (RFC 8693) issued, whatever its type: an
 * access token, an ID token, a SAML assertion, a JWT meant for another
 * party. [method@OA2.Client.token_exchange_issued] returns it.
 *
 * RFC 8693 §2.2.1 sends the issued token in `access_token` even when it is
 * not an access token; the server then says `token_type` `N_A` and names
 * the token's type in `issued_token_type`, such as
 * `urn:ietf:params:oauth:token-type:id_token`. This object keeps the
 * token under [property@OA2.IssuedToken:token], its type under
 * [property@OA2.IssuedToken:issued-token-type], and the other members of
 * the response.
 *
 * Only the library builds issued tokens, from a response it validated; they
 * are immutable.
 *
 * ```c
 * g_autoptr(OA2TokenExchangeRequest) request = oa2_token_exchange_request_new_for_bearer_token (user_token);
 * oa2_token_exchange_request_set_requested_token_type (request, "id_token");
 * g_autoptr(OA2IssuedToken) issued =
 *   oa2_client_token_exchange_issued (client, request, NULL, NULL, NULL, NULL, &error);
 * if (issued != NULL)
 *   g_print ("%s\n", oa2_issued_token_get_issued_token_type (issued));
 * ```
 *
 * ```python
 * request = OA2.TokenExchangeRequest.new_for_bearer_token(user_token)
 * request.set_requested_token_type('jwt')
 * issued = client.token_exchange_issued(request, None, None, None, None)
 * if not issued.is_access_token():
 *     send_to_partner(issued.props.token)
 * ```
 *
 * The library does not validate the issued token itself: an ID token issued
 * this way is not the ID token of a sign-in (there is no nonce to match),
 * and a JWT is meant for whoever it names as its audience. The caller, or
 * the party it hands the token to, validates it for its purpose.
 *
 * **Warning:** the issued token and the refresh token are credentials. They
 * are wiped from memory when the object is finalized and never appear in the
 * library's debug output; do not print them yourself.
 */

#include "config.h"

#include <string.h>

#include "oa2-bearer-token-private.h"
#include "oa2-clock-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-issued-token-private.h"
#include "oa2-json-private.h"
#include "oa2-secret-private.h"

/* The members kept as properties rather than among the other members. */
static const char * const standard_members[] = {
  "access_token", "token_type", "issued_token_type", "expires_in", "refresh_token", "scope",
};

struct _OA2IssuedToken
{
  GObject     parent_instance;

  char       *token;              /* a secret */
  char       *issued_token_type;
  char       *token_type;
  GDateTime  *expires_at;
  char       *scope;
  char       *refresh_token;      /* a secret */
  JsonObject *members;            /* sealed; the non-standard members */
};

G_DEFINE_FINAL_TYPE (OA2IssuedToken, oa2_issued_token, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TOKEN,
  PROP_ISSUED_TOKEN_TYPE,
  PROP_TOKEN_TYPE,
  PROP_EXPIRES_AT,
  PROP_SCOPE,
  PROP_REFRESH_TOKEN,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static gboolean
is_standard_member (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (standard_members); i++)
    if (strcmp (name, standard_members[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Whatever the type, the token travels in form bodies and headers as
 * text: RFC 6749 Appendix A's VSCHAR (%x20-7E), which also covers a
 * base64url SAML assertion (RFC 8693 §3) and a JWT. */
static gboolean
is_vschar_text (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || (guchar) *p > 0x7e)
      return FALSE;
  return TRUE;
}

OA2IssuedToken *
oa2_issued_token_new_from_response (JsonObject  *response,
                                    GError     **error)
{
  g_autoptr(OA2IssuedToken) self = NULL;
  g_autoptr(GList) names = NULL;
  const char *token = NULL, *token_type = NULL, *issued_token_type = NULL;
  const char *scope = NULL, *refresh_token = NULL;
  JsonNode *node;

  g_return_val_if_fail (response != NULL, NULL);

  if (!oa2_json_get_string (response, "access_token", TRUE, &token, error) ||
      !oa2_json_get_string (response, "token_type", TRUE, &token_type, error) ||
      !oa2_json_get_string (response, "scope", FALSE, &scope, error) ||
      !oa2_json_get_string (response, "refresh_token", FALSE, &refresh_token, error))
    return NULL;

  /* RFC 8693 §2.2.1 makes issued_token_type required: without it the
   * caller could not tell an access token from an ID token. */
  node = json_object_get_member (response, "issued_token_type");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_MISSING_MEMBER,
                           _("The token exchange response has no “issued_token_type”"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      *json_node_get_string (node) == '\0')
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
                           _("The token exchange response’s “issued_token_type” is not a non-empty string"));
      return NULL;
    }
  issued_token_type = json_node_get_string (node);

  /* The token is never quoted in the message: it is a credential. */
  if (!is_vschar_text (token))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN,
                           _("The issued token has a character that RFC 6749 does not allow"));
      return NULL;
    }
  if (refresh_token != NULL && !is_vschar_text (refresh_token))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN,
                           _("The refresh token has a character that RFC 6749 does not allow"));
      return NULL;
    }

  self = g_object_new (OA2_TYPE_ISSUED_TOKEN, NULL);

  node = json_object_get_member (response, "expires_in");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      gint64 seconds;

      if (!oa2_bearer_token_parse_expires_in (node, &seconds, error))
        return NULL;
      self->expires_at = g_date_time_new_from_unix_utc (oa2_clock_now_seconds () + seconds);
    }

  self->token = g_strdup (token);
  self->issued_token_type = g_strdup (issued_token_type);
  self->token_type = g_strdup (token_type);
  self->scope = g_strdup (scope);
  self->refresh_token = g_strdup (refresh_token);

  /* In the server's order, as OA2BearerToken keeps them. */
  self->members = json_object_new ();
  names = json_object_get_members (response);
  for (GList *l = names; l != NULL; l = l->next)
    if (!is_standard_member (l->data))
      json_object_set_member (self->members, l->data,
                              json_node_copy (json_object_get_member (response, l->data)));
  json_object_seal (self->members);

  return g_steal_pointer (&self);
}

static void
oa2_issued_token_finalize (GObject *object)
{
  OA2IssuedToken *self = OA2_ISSUED_TOKEN (object);

  oa2_secret_free (self->token);
  g_free (self->issued_token_type);
  g_free (self->token_type);
  g_clear_pointer (&self->expires_at, g_date_time_unref);
  g_free (self->scope);
  oa2_secret_free (self->refresh_token);
  g_clear_pointer (&self->members, json_object_unref);

  G_OBJECT_CLASS (oa2_issued_token_parent_class)->finalize (object);
}

static void
oa2_issued_token_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OA2IssuedToken *self = OA2_ISSUED_TOKEN (object);

  switch (prop_id)
    {
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;
    case PROP_ISSUED_TOKEN_TYPE:
      g_value_set_string (value, self->issued_token_type);
      break;
    case PROP_TOKEN_TYPE:
      g_value_set_string (value, self->token_type);
      break;
    case PROP_EXPIRES_AT:
      g_value_set_boxed (value, self->expires_at);
      break;
    case PROP_SCOPE:
      g_value_set_string (value, self->scope);
      break;
    case PROP_REFRESH_TOKEN:
      g_value_set_string (value, self->refresh_token);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_issued_token_class_init (OA2IssuedTokenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = oa2_issued_token_finalize;
  object_class->get_property = oa2_issued_token_get_property;

  /**
   * OA2IssuedToken:token: (getter get_token)
   *
   * The issued token, as the response's `access_token` carried it. It is a
   * credential.
   */
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * OA2IssuedToken:issued-token-type: (getter get_issued_token_type)
   *
   * The URI naming the type of the issued token (RFC 8693 §3), such as
   * `urn:ietf:params:oauth:token-type:jwt`.
   */
  properties[PROP_ISSUED_TOKEN_TYPE] =
    g_param_spec_string ("issued-token-type", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * OA2IssuedToken:token-type: (getter get_token_type)
   *
   * The `token_type` as the server sent it: `N_A` for a token that is not
   * an access token, or `Bearer` or `DPoP` for an access token.
   */
  properties[PROP_TOKEN_TYPE] =
    g_param_spec_string ("token-type", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * OA2IssuedToken:expires-at: (getter get_expires_at)
   *
   * When the token expires, computed from `expires_in` when the response
   * arrived, or %NULL when the server did not say.
   */
  properties[PROP_EXPIRES_AT] =
    g_param_spec_boxed ("expires-at", NULL, NULL, G_TYPE_DATE_TIME, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * OA2IssuedToken:scope: (getter get_scope)
   *
   * The space-separated scope of the token, or %NULL when the response had
   * none.
   */
  properties[PROP_SCOPE] =
    g_param_spec_string ("scope", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * OA2IssuedToken:refresh-token: (getter get_refresh_token)
   *
   * The refresh token the response carried, or %NULL. It is a credential.
   */
  properties[PROP_REFRESH_TOKEN] =
    g_param_spec_string ("refresh-token", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
oa2_issued_token_init (OA2IssuedToken *self)
{
}

/**
 * oa2_issued_token_get_token:
 * @self: an issued token
 *
 * Gets [property@OA2.IssuedToken:token].
 *
 * Returns: (transfer none) (nullable): the issued token; %NULL only for an
 *   object a binding built itself, which holds nothing
 */
const char *
oa2_issued_token_get_token (OA2IssuedToken *self)
{
  g_return_val_if_fail (OA2_IS_ISSUED_TOKEN (self), NULL);
  return self->token;
}

/**
 * oa2_issued_token_get_issued_token_type:
 * @self: an issued token
 *
 * Gets [property@OA2.IssuedToken:issued-token-type].
 *
 * Returns: (transfer none) (nullable): the type URI
 */
const char *
oa2_issued_token_get_issued_token_type (OA2IssuedToken *self)
{
  g_return_val_if_fail (OA2_IS_ISSUED_TOKEN (self), NULL);
  return self->issued_token_type;
}

/**
 * oa2_issued_token_get_token_type:
 * @self: an issued token
 *
 * Gets [property@OA2.IssuedToken:token-type].
 *
 * Returns: (transfer none) (nullable): the token type as sent
 */
const char *
oa2_issued_token_get_token_type (OA2IssuedToken *self)
{
  g_return_val_if_fail (OA2_IS_ISSUED_TOKEN (self), NULL);
  return self->token_type;
}

/**
 * oa2_issued_token_get_expires_at:
 * @self: an issued token
 *
 * Gets [property@OA2.IssuedToken:expires-at].
 *
 * Returns: (transfer none) (nullable): the expiry, or %NULL
 */
GDateTime *
oa2_issued_token_get_expires_at (OA2IssuedToken *self)
{
  g_return_val_if_fail (OA2_IS_ISSUED_TOKEN (self), NULL);
  return self->expires_at;
}

/**
 * oa2_issued_token_get_scope:
 * @self: an issued token
 *
 * Gets [property@OA2.IssuedToken:scope].
 *
 * Returns: (transfer none) (nullable): the scope, or %NULL
 */
const char *
oa2_issued_token_get_scope (OA2IssuedToken *self)
{
  g_return_val_if_fail (OA2_IS_ISSUED_TOKEN (self), NULL);
  return self->scope;
}

/**
 * oa2_issued_token_get_refresh_token:
 * @self: an issued token
 *
 * Gets [property@OA2.IssuedToken:refresh-token].
 *
 * Returns: (transfer none) (nullable): the refresh token, or %NULL
 */
const char *
oa2_issued_token_get_refresh_token (OA2IssuedToken *self)
{
  g_return_val_if_fail (OA2_IS_ISSUED_TOKEN (self), NULL);
  return self->refresh_token;
}

/**
 * oa2_issued_token_is_access_token:
 * @self: an issued token
 *
 * Tells whether the server presented the token as an access token: a
 * `token_type` other than `N_A` (compared without case, as RFC 6749 §5.1
 * compares token types).
 *
 * Returns: %TRUE unless the token type is `N_A`
 */
gboolean
oa2_issued_token_is_access_token (OA2IssuedToken *self)
{
  g_return_val_if_fail (OA2_IS_ISSUED_TOKEN (self), FALSE);
  return self->token_type != NULL && g_ascii_strcasecmp (self->token_type, "N_A") != 0;
}

/**
 * oa2_issued_token_get_member:
 * @self: an issued token
 * @name: a member name
 *
 * Gets a member of the token exchange response that has no property of its
 * own, such as a server's extension. The standard members (`access_token`,
 * `token_type`, `issued_token_type`, `expires_in`, `refresh_token`,
 * `scope`) are read through their properties instead.
 *
 * Returns: (transfer none) (nullable): the member, or %NULL if absent
 */
JsonNode *
oa2_issued_token_get_member (OA2IssuedToken *self,
                             const char     *name)
{
  g_return_val_if_fail (OA2_IS_ISSUED_TOKEN (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (self->members == NULL)
    return NULL;
  return json_object_get_member (self->members, name);
}

/**
 * oa2_issued_token_get_string_member:
 * @self: an issued token
 * @name: a member name
 *
 * Gets a string member of the response; see
 * [method@OA2.IssuedToken.get_member].
 *
 * Returns: (transfer none) (nullable): the string, or %NULL if the member is
 *   absent or not a string
 */
const char *
oa2_issued_token_get_string_member (OA2IssuedToken *self,
                                    const char     *name)
{
  JsonNode *node = oa2_issued_token_get_member (self, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * oa2_issued_token_dup_member_names:
 * @self: an issued token
 *
 * Lists the members of the response that have no property of their own;
 * see [method@OA2.IssuedToken.get_member].
 *
 * Returns: (transfer full) (array zero-terminated=1): the names, in the
 *   order of the response
 */
char **
oa2_issued_token_dup_member_names (OA2IssuedToken *self)
{
  GPtrArray *names;

  g_return_val_if_fail (OA2_IS_ISSUED_TOKEN (self), NULL);

  names = g_ptr_array_new ();
  if (self->members != NULL)
    {
      g_autoptr(GList) list = json_object_get_members (self->members);

      for (GList *l = list; l != NULL; l = l->next)
        g_ptr_array_add (names, g_strdup (l->data));
    }
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}
