/* oa2-bearer-token.c: an access token and the response it came in
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2BearerToken:
 *
 * An access token as a token endpoint issued it (RFC 6749 §5.1, RFC 6750),
 * with its expiry, refresh token, scope, ID token and every other member of
 * the response.
 *
 * Tokens are immutable. The expiry is an absolute [struct@GLib.DateTime]
 * computed once from `expires_in` when the response arrives, so a token can
 * be stored with [method@OA2.BearerToken.to_json] and restored later with
 * [ctor@OA2.BearerToken.new_from_json] without losing time.
 *
 * ```c
 * g_autoptr(GError) error = NULL;
 * g_autoptr(OA2BearerToken) token = oa2_client_client_credentials (client, "api:read",
 *                                                                  NULL, NULL, NULL, NULL, &error);
 * if (token != NULL && oa2_bearer_token_authorize_message (token, msg, &error))
 *   send_message (msg);
 * ```
 *
 * ```python
 * token = client.client_credentials('api:read')
 * if not token.is_expired(30):
 *     token.authorize_message(msg)
 * stored = token.to_json()          # a secret: keep it in the Secret Service
 * ```
 *
 * A token obtained elsewhere is wrapped with [ctor@OA2.BearerToken.new], or
 * with the construct properties, as bindings do:
 *
 * ```python
 * token = OA2.BearerToken(access_token=stored_access_token)
 * token.init(None)   # raises GLib.Error if the token is not valid
 * ```
 *
 * ```js
 * const token = new OA2.BearerToken({access_token: storedAccessToken});
 * ```
 *
 * Every way of building a token applies the same checks, the access token's
 * RFC 6750 syntax included. A binding's generic constructor cannot fail, so
 * a token built that way from invalid properties, or from none, is invalid:
 * it holds no credential, g_initable_init() reports why, and
 * [method@OA2.BearerToken.authorize_message] refuses it with that error.
 * Any other use of an invalid token is a programming error.
 *
 * **Warning:** the access, refresh and ID tokens are credentials. They are
 * wiped from memory when the token is finalized and never appear in the
 * library's debug output; do not print them yourself.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "oa2-bearer-token.h"
#include "oa2-bearer-token-private.h"
#include "oa2-clock-private.h"
#include "oa2-dpop-token-private.h"
#include "oa2-error-private.h"
#include "oa2-i18n-private.h"
#include "oa2-json-private.h"
#include "oa2-secret-private.h"
#include "oa2-uri-private.h"

/* A longer lifetime is not a policy but a broken or hostile server. */
#define MAX_EXPIRES_IN_SECONDS (G_GINT64_CONSTANT (100) * 366 * 24 * 3600)

/* The members kept as properties rather than among the other members. */
static const char * const standard_members[] = {
  "access_token", "token_type", "expires_in", "refresh_token", "scope", "id_token",
};

typedef struct
{
  JsonObject *response;      /* construct-time input, dropped after init */
  char       *access_token;
  char       *token_type;
  GDateTime  *expires_at;
  char       *refresh_token;
  char       *scope;
  char       *id_token;
  JsonObject *members;       /* every other member, sealed */
  OA2IdToken *validated_id_token;  /* set once by the client, or NULL */
  GError     *init_error;    /* why construction from the response failed */
} OA2BearerTokenPrivate;

static void initable_iface_init (GInitableIface *iface);

G_DEFINE_TYPE_WITH_CODE (OA2BearerToken, oa2_bearer_token, G_TYPE_OBJECT,
                         G_ADD_PRIVATE (OA2BearerToken)
                         G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, initable_iface_init))

enum {
  PROP_0,
  PROP_RESPONSE,
  PROP_ACCESS_TOKEN,
  PROP_TOKEN_TYPE,
  PROP_EXPIRES_AT,
  PROP_REFRESH_TOKEN,
  PROP_SCOPE,
  PROP_ID_TOKEN,
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

/* Also used by OA2IssuedToken, whose expires_in means the same. */
gboolean
oa2_bearer_token_parse_expires_in (JsonNode  *node,
                                   gint64    *out_seconds,
                                   GError   **error)
{
  gint64 seconds;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    seconds = json_node_get_int (node);
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      if (!isfinite (d) || d != floor (d) || fabs (d) > (double) MAX_EXPIRES_IN_SECONDS * 2)
        goto not_a_number;
      seconds = (gint64) d;
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      /* Some servers send "3600"; accept plain decimal digits only. */
      const char *text = json_node_get_string (node);
      guint64 value;

      if (*text == '\0' || strlen (text) > 19 ||
          !g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &value, NULL) ||
          strspn (text, "0123456789") != strlen (text))
        goto not_a_number;
      seconds = (gint64) value;
    }
  else
    goto not_a_number;

  if (seconds < 0 || seconds > MAX_EXPIRES_IN_SECONDS)
    {
      /* xgettext cannot see through a format macro inside _(), so the
       * number is formatted first. */
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, seconds);

      if (seconds < 0)
        g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
                     /* Translators: %s is the negative number the server sent */
                     _("The token lifetime “expires_in” is negative (%s)"), number);
      else
        g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
                     /* Translators: %s is the number of seconds the server sent */
                     _("The token lifetime “expires_in” is longer than a hundred years (%s)"), number);
      return FALSE;
    }

  *out_seconds = seconds;
  return TRUE;

not_a_number:
  g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
                       _("The token lifetime “expires_in” is not a whole number of seconds"));
  return FALSE;
}

/* The one token type each class carries: "Bearer" (RFC 6750), or "DPoP"
 * (RFC 9449) for OA2DPoPToken, the library's one subclass that has a type
 * of its own. */
static const char *
expected_token_type (OA2BearerToken *self)
{
  return OA2_IS_DPOP_TOKEN (self) ? "DPoP" : "Bearer";
}

/* RFC 6749 §5.1 makes the comparison case-insensitive; the canonical
 * spelling is kept. */
static gboolean
normalize_token_type (OA2BearerToken  *self,
                      const char      *token_type,
                      char           **out_normalized,
                      GError         **error)
{
  const char *expected = expected_token_type (self);
  g_autofree char *safe = NULL;

  if (g_ascii_strcasecmp (token_type, expected) == 0)
    {
      *out_normalized = g_strdup (expected);
      return TRUE;
    }

  safe = oa2_error_sanitize_name (token_type);
  if (OA2_IS_DPOP_TOKEN (self))
    g_set_error (error, OA2_ERROR, OA2_ERROR_TOKEN_TYPE_MISMATCH,
                 /* Translators: %s is a token type such as "Bearer" */
                 _("The server issued a token of type “%s” where a DPoP-bound token was asked for"), safe);
  else
    g_set_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_TOKEN_TYPE,
                 /* Translators: %s is a token type such as "MAC" */
                 _("The server issued a token of type “%s”, which this client cannot use"), safe);
  return FALSE;
}

/* The offset of the first character of @token outside RFC 6750 §2.1's
 * b64token, 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=",
 * or -1 if there is none. An access token goes into an Authorization
 * header as it is, so it can carry no line break, no space and nothing a
 * resource server would refuse. */
static gssize
b64token_error_offset (const char *token)
{
  const char *p = token;

  while (g_ascii_isalnum (*p) || (*p != '\0' && strchr ("-._~+/", *p) != NULL))
    p++;
  if (p == token)
    return 0;
  while (*p == '=')
    p++;
  return *p == '\0' ? -1 : p - token;
}

/* The same for RFC 6749 Appendix A's refresh-token, 1*VSCHAR with VSCHAR
 * = %x20-7E: it only ever travels in a form body, but it must still be
 * text a server can have issued. */
static gssize
vschar_error_offset (const char *token)
{
  const char *p;

  if (*token == '\0')
    return 0;
  for (p = token; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || (guchar) *p > 0x7e)
      return p - token;
  return -1;
}

/* The token is never quoted in the message: it is a credential. */
static gboolean
check_token_syntax (const char  *access_token,
                    const char  *refresh_token,
                    GError     **error)
{
  gssize offset = b64token_error_offset (access_token);
  g_autofree char *position = NULL;

  if (offset >= 0)
    {
      /* xgettext cannot see through a format macro inside _(), so the
       * number is formatted first. */
      position = g_strdup_printf ("%" G_GSSIZE_FORMAT, offset);
      g_set_error (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN,
                   /* Translators: %s is a byte offset into the access token */
                   _("The access token has a character that RFC 6750 does not allow in a Bearer token (at byte %s)"),
                   position);
      return FALSE;
    }

  if (refresh_token == NULL)
    return TRUE;
  offset = vschar_error_offset (refresh_token);
  if (offset < 0)
    return TRUE;
  if (*refresh_token == '\0')
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN, _("The refresh token is empty"));
      return FALSE;
    }
  position = g_strdup_printf ("%" G_GSSIZE_FORMAT, offset);
  g_set_error (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN,
               /* Translators: %s is a byte offset into the refresh token */
               _("The refresh token has a character that RFC 6749 does not allow (at byte %s)"), position);
  return FALSE;
}

/* What a token is built from: the members of a response, or the construct
 * properties, which the token owns until it is initialized. */
typedef struct
{
  const char *access_token;
  const char *token_type;
  const char *refresh_token;
  const char *scope;
  const char *id_token;
} Identity;

static gboolean
identity_from_response (JsonObject  *response,
                        Identity    *out,
                        GError     **error)
{
  return oa2_json_get_string (response, "access_token", TRUE, &out->access_token, error) &&
         /* RFC 6749 §5.1 requires it; OA2Client:allow-missing-token-type
          * supplies it for servers that leave it out. */
         oa2_json_get_string (response, "token_type", TRUE, &out->token_type, error) &&
         oa2_json_get_string (response, "refresh_token", FALSE, &out->refresh_token, error) &&
         oa2_json_get_string (response, "scope", FALSE, &out->scope, error) &&
         oa2_json_get_string (response, "id_token", FALSE, &out->id_token, error);
}

/* Every way of building a token ends here: new(), new_from_response(),
 * new_from_json() and a binding's generic constructor with either the
 * "response" or the identity properties (@given). */
static gboolean
initialize_from (OA2BearerToken  *self,
                 JsonObject      *response,
                 const Identity  *given,
                 GError         **error)
{
  OA2BearerTokenPrivate *priv = oa2_bearer_token_get_instance_private (self);
  g_autoptr(JsonObject) members = json_object_new ();
  Identity identity = *given;
  g_autofree char *token_type = NULL;
  g_autoptr(GList) names = NULL;
  JsonNode *node;

  if (response != NULL)
    {
      if (given->access_token != NULL || given->token_type != NULL || given->refresh_token != NULL ||
          given->scope != NULL || given->id_token != NULL)
        {
          g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                               _("A token is built from a response or from its properties, not both"));
          return FALSE;
        }
      if (!identity_from_response (response, &identity, error))
        return FALSE;
    }
  else if (given->access_token == NULL || *given->access_token == '\0')
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("A token needs an access token, or the response it was issued in"));
      return FALSE;
    }
  else if (given->token_type == NULL)
    identity.token_type = expected_token_type (self);

  if (!normalize_token_type (self, identity.token_type, &token_type, error) ||
      !check_token_syntax (identity.access_token, identity.refresh_token, error))
    return FALSE;

  if (response != NULL)
    {
      node = json_object_get_member (response, "expires_in");
      if (priv->expires_at == NULL && node != NULL && !JSON_NODE_HOLDS_NULL (node))
        {
          gint64 seconds;

          if (!oa2_bearer_token_parse_expires_in (node, &seconds, error))
            return FALSE;
          priv->expires_at = g_date_time_new_from_unix_utc (oa2_clock_now_seconds () + seconds);
        }

      /* In the server's order (json-glib 1.6's iterator is in hash
       * order), which the compact form writes back as Python does. */
      names = json_object_get_members (response);
      for (GList *l = names; l != NULL; l = l->next)
        if (!is_standard_member (l->data))
          json_object_set_member (members, l->data, json_node_copy (json_object_get_member (response, l->data)));
    }
  json_object_seal (members);

  priv->access_token = g_strdup (identity.access_token);
  priv->token_type = g_steal_pointer (&token_type);
  priv->refresh_token = g_strdup (identity.refresh_token);
  priv->scope = g_strdup (identity.scope);
  priv->id_token = g_strdup (identity.id_token);
  priv->members = g_steal_pointer (&members);

  return TRUE;
}

/* The identity properties, when given, are taken out of the token first,
 * so that a token that fails keeps no credential. */
static gboolean
initialize (OA2BearerToken  *self,
            GError         **error)
{
  OA2BearerTokenPrivate *priv = oa2_bearer_token_get_instance_private (self);
  g_autoptr(JsonObject) response = g_steal_pointer (&priv->response);
  char *access_token = g_steal_pointer (&priv->access_token);
  char *refresh_token = g_steal_pointer (&priv->refresh_token);
  char *id_token = g_steal_pointer (&priv->id_token);
  g_autofree char *token_type = g_steal_pointer (&priv->token_type);
  g_autofree char *scope = g_steal_pointer (&priv->scope);
  const Identity given = { access_token, token_type, refresh_token, scope, id_token };
  gboolean valid = initialize_from (self, response, &given, error);

  oa2_secret_free (access_token);
  oa2_secret_free (refresh_token);
  oa2_secret_free (id_token);
  return valid;
}

/* Tokens are validated as soon as they are constructed, because bindings
 * construct with properties and never call g_initable_init() (neither
 * PyGObject nor GJS does): they get either a valid token or one that has
 * no credentials at all, whose init() and authorize_message() report why. */
static void
oa2_bearer_token_constructed (GObject *object)
{
  OA2BearerToken *self = OA2_BEARER_TOKEN (object);
  OA2BearerTokenPrivate *priv = oa2_bearer_token_get_instance_private (self);

  G_OBJECT_CLASS (oa2_bearer_token_parent_class)->constructed (object);

  if (!initialize (self, &priv->init_error))
    g_debug ("%s constructed invalid: %s", G_OBJECT_TYPE_NAME (self), priv->init_error->message);
}

/* Using a token whose construction failed is a programming error, as with
 * any GInitable whose init() failed; the warning says what was wrong. */
static gboolean
check_valid (OA2BearerToken *self,
             const char     *function)
{
  OA2BearerTokenPrivate *priv = oa2_bearer_token_get_instance_private (self);

  if (priv->init_error == NULL)
    return TRUE;
  g_critical ("%s: the token is invalid: %s", function, priv->init_error->message);
  return FALSE;
}

/* For a subclass whose own checks fail after this class's succeeded: the
 * token becomes invalid like any other, and keeps no credential. */
void
oa2_bearer_token_invalidate (OA2BearerToken *self,
                             GError         *error)
{
  OA2BearerTokenPrivate *priv = oa2_bearer_token_get_instance_private (self);

  if (priv->init_error != NULL)
    {
      g_error_free (error);
      return;
    }
  priv->init_error = error;
  g_clear_pointer (&priv->access_token, oa2_secret_free);
  g_clear_pointer (&priv->refresh_token, oa2_secret_free);
  g_clear_pointer (&priv->id_token, oa2_secret_free);
  g_debug ("%s constructed invalid: %s", G_OBJECT_TYPE_NAME (self), priv->init_error->message);
}

static gboolean
oa2_bearer_token_initable_init (GInitable     *initable,
                                GCancellable  *cancellable,
                                GError       **error)
{
  OA2BearerTokenPrivate *priv = oa2_bearer_token_get_instance_private (OA2_BEARER_TOKEN (initable));

  if (priv->init_error != NULL)
    {
      g_propagate_error (error, g_error_copy (priv->init_error));
      return FALSE;
    }
  return TRUE;
}

static void
initable_iface_init (GInitableIface *iface)
{
  iface->init = oa2_bearer_token_initable_init;
}

static gboolean
oa2_bearer_token_real_authorize_message (OA2BearerToken  *self,
                                         SoupMessage     *msg,
                                         GError         **error)
{
  g_autofree char *header = NULL;

  if (!oa2_uri_may_carry_credentials (soup_message_get_uri (msg), error))
    return FALSE;

  if (oa2_bearer_token_is_expired (self, 0))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_TOKEN_EXPIRED,
                           _("The access token has expired"));
      return FALSE;
    }

  header = oa2_bearer_token_dup_authorization_header (self);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
  oa2_secret_free (g_steal_pointer (&header));
  return TRUE;
}

static void
oa2_bearer_token_finalize (GObject *object)
{
  OA2BearerToken *self = OA2_BEARER_TOKEN (object);
  OA2BearerTokenPrivate *priv = oa2_bearer_token_get_instance_private (self);

  g_clear_pointer (&priv->response, json_object_unref);
  oa2_secret_free (priv->access_token);
  g_free (priv->token_type);
  g_clear_pointer (&priv->expires_at, g_date_time_unref);
  oa2_secret_free (priv->refresh_token);
  g_free (priv->scope);
  oa2_secret_free (priv->id_token);
  g_clear_pointer (&priv->members, json_object_unref);
  g_clear_object (&priv->validated_id_token);
  g_clear_error (&priv->init_error);

  G_OBJECT_CLASS (oa2_bearer_token_parent_class)->finalize (object);
}

static void
oa2_bearer_token_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OA2BearerToken *self = OA2_BEARER_TOKEN (object);
  OA2BearerTokenPrivate *priv = oa2_bearer_token_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ACCESS_TOKEN:
      g_value_set_string (value, priv->access_token);
      break;
    case PROP_TOKEN_TYPE:
      g_value_set_string (value, priv->token_type);
      break;
    case PROP_EXPIRES_AT:
      g_value_set_boxed (value, priv->expires_at);
      break;
    case PROP_REFRESH_TOKEN:
      g_value_set_string (value, priv->refresh_token);
      break;
    case PROP_SCOPE:
      g_value_set_string (value, priv->scope);
      break;
    case PROP_ID_TOKEN:
      g_value_set_string (value, priv->id_token);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_bearer_token_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  OA2BearerToken *self = OA2_BEARER_TOKEN (object);
  OA2BearerTokenPrivate *priv = oa2_bearer_token_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_RESPONSE:
      priv->response = g_value_dup_boxed (value);
      break;
    case PROP_ACCESS_TOKEN:
      priv->access_token = g_value_dup_string (value);
      break;
    case PROP_TOKEN_TYPE:
      priv->token_type = g_value_dup_string (value);
      break;
    case PROP_EXPIRES_AT:
      priv->expires_at = g_value_dup_boxed (value);
      break;
    case PROP_REFRESH_TOKEN:
      priv->refresh_token = g_value_dup_string (value);
      break;
    case PROP_SCOPE:
      priv->scope = g_value_dup_string (value);
      break;
    case PROP_ID_TOKEN:
      priv->id_token = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_bearer_token_class_init (OA2BearerTokenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  oa2_i18n_init ();

  object_class->constructed = oa2_bearer_token_constructed;
  object_class->finalize = oa2_bearer_token_finalize;
  object_class->get_property = oa2_bearer_token_get_property;
  object_class->set_property = oa2_bearer_token_set_property;
  klass->authorize_message = oa2_bearer_token_real_authorize_message;

  /**
   * OA2BearerToken:response:
   *
   * The token endpoint response (a JSON object) the token is built from,
   * instead of the access token and the other properties; see
   * [ctor@OA2.BearerToken.new_from_response] for what it must hold.
   */
  properties[PROP_RESPONSE] =
    g_param_spec_boxed ("response", NULL, NULL, JSON_TYPE_OBJECT,
                        G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2BearerToken:access-token: (getter get_access_token)
   *
   * The access token. It must be an RFC 6750 `b64token`: letters, digits,
   * `-`, `.`, `_`, `~`, `+` and `/`, then optional `=` padding.
   */
  properties[PROP_ACCESS_TOKEN] =
    g_param_spec_string ("access-token", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2BearerToken:token-type: (getter get_token_type)
   *
   * The token type in its canonical spelling, such as `Bearer`. When a
   * token is built from its properties, it defaults to `Bearer`.
   */
  properties[PROP_TOKEN_TYPE] =
    g_param_spec_string ("token-type", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2BearerToken:expires-at: (getter get_expires_at)
   *
   * When the access token expires, or %NULL if the server did not say.
   * When not set at construction, it is computed from the response's
   * `expires_in`.
   */
  properties[PROP_EXPIRES_AT] =
    g_param_spec_boxed ("expires-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2BearerToken:refresh-token: (getter get_refresh_token)
   *
   * The refresh token, or %NULL. It must be printable ASCII (RFC 6749
   * Appendix A).
   */
  properties[PROP_REFRESH_TOKEN] =
    g_param_spec_string ("refresh-token", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2BearerToken:scope: (getter get_scope)
   *
   * The scope the server granted, space-separated, or %NULL if the server
   * did not say (then it is the scope that was requested).
   */
  properties[PROP_SCOPE] =
    g_param_spec_string ("scope", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2BearerToken:id-token: (getter get_id_token)
   *
   * The OpenID Connect ID token as the server sent it (compact JWT), or
   * %NULL.
   */
  properties[PROP_ID_TOKEN] =
    g_param_spec_string ("id-token", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
oa2_bearer_token_init (OA2BearerToken *self)
{
}

/**
 * oa2_bearer_token_new:
 * @access_token: an access token
 * @expires_at: (nullable): when it expires, or %NULL if unknown
 * @error: return location for a #GError
 *
 * Wraps an access token obtained elsewhere, such as one an application
 * stored in its own format.
 *
 * The access token must be an RFC 6750 `b64token` (letters, digits, `-`,
 * `.`, `_`, `~`, `+` and `/`, then optional `=` padding), so that it cannot
 * smuggle anything into the `Authorization` header; anything else fails
 * with %OA2_ERROR_MALFORMED_TOKEN, and an empty one with
 * %OA2_ERROR_INVALID_ARGUMENT.
 *
 * Returns: (transfer full): a new Bearer token, or %NULL with @error set
 */
OA2BearerToken *
oa2_bearer_token_new (const char  *access_token,
                      GDateTime   *expires_at,
                      GError     **error)
{
  g_return_val_if_fail (access_token != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (OA2_TYPE_BEARER_TOKEN, NULL, error,
                         "access-token", access_token, "expires-at", expires_at, NULL);
}

/**
 * oa2_bearer_token_new_from_response:
 * @response: the JSON object a token endpoint answered with
 *
 * Validates a successful token response (RFC 6749 §5.1) and builds a token
 * from it. `access_token` must be a non-empty string; `token_type` must be
 * `Bearer` in any case; `refresh_token`, `scope` and `id_token`
 * must be strings when present; `expires_in` must be a non-negative whole
 * number, or a string of digits, no longer than a hundred years. An
 * `expires_in` of 0 gives a token that has already expired.
 *
 * The access token must be an RFC 6750 `b64token`, and the refresh token
 * printable ASCII (RFC 6749 Appendix A); anything else, a line break
 * above all, fails with %OA2_ERROR_MALFORMED_TOKEN.
 *
 * Returns: (transfer full): a new token, or %NULL with @error set to an
 *   %OA2_ERROR code naming the offending member
 */
OA2BearerToken *
oa2_bearer_token_new_from_response (JsonObject  *response,
                                    GError     **error)
{
  g_return_val_if_fail (response != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (OA2_TYPE_BEARER_TOKEN, NULL, error, "response", response, NULL);
}

/**
 * oa2_bearer_token_new_from_json:
 * @json: a token as [method@OA2.BearerToken.to_json] wrote it
 *
 * Restores a stored token, with its absolute expiry. It is validated as
 * [ctor@OA2.BearerToken.new_from_response] validates a response. A stored
 * DPoP-bound token comes back as an [class@OA2.DPoPToken] with its key, as
 * [ctor@OA2.DPoPToken.new_from_json] restores it.
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_bearer_token_new_from_json (const char  *json,
                                GError     **error)
{
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(GDateTime) expires_at = NULL;
  const char *token_type = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!oa2_bearer_token_parse_stored (json, &response, &expires_at, error))
    return NULL;

  /* A DPoP-bound token is restored with its key; a token_type of the
   * wrong type is reported by the checks below. */
  if (oa2_json_get_string (response, "token_type", FALSE, &token_type, NULL) && token_type != NULL &&
      g_ascii_strcasecmp (token_type, "DPoP") == 0)
    return OA2_BEARER_TOKEN (oa2_dpop_token_new_from_stored (response, expires_at, error));

  return g_initable_new (OA2_TYPE_BEARER_TOKEN, NULL, error,
                         "response", response, "expires-at", expires_at, NULL);
}

/* What oa2_bearer_token_to_json() wrote, split into the members of the
 * response and the absolute expiry. */
gboolean
oa2_bearer_token_parse_stored (const char  *json,
                               JsonObject **out_response,
                               GDateTime  **out_expires_at,
                               GError     **error)
{
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(GDateTime) expires_at = NULL;
  g_autoptr(GList) names = NULL;
  JsonNode *node;

  stored = oa2_json_parse_object (json, strlen (json), error);
  if (stored == NULL)
    return FALSE;

  /* Member order is kept (json-glib 1.6's iterator is in hash order). */
  response = json_object_new ();
  names = json_object_get_members (stored);
  for (GList *l = names; l != NULL; l = l->next)
    if (strcmp (l->data, "expires_at") != 0)
      json_object_set_member (response, l->data, json_node_copy (json_object_get_member (stored, l->data)));

  node = json_object_get_member (stored, "expires_at");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          (expires_at = g_date_time_new_from_unix_utc (json_node_get_int (node))) == NULL)
        {
          g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
                               _("The stored token’s “expires_at” is not a valid time"));
          return FALSE;
        }
    }

  *out_response = g_steal_pointer (&response);
  *out_expires_at = g_steal_pointer (&expires_at);
  return TRUE;
}

/**
 * oa2_bearer_token_to_json:
 * @self: a token
 *
 * Serializes the token for storage: every member of the response, with
 * `expires_in` replaced by `expires_at`, the absolute expiry in seconds since
 * the Unix epoch. Restore it with [ctor@OA2.BearerToken.new_from_json].
 * A DPoP-bound token also holds its private key, in `dpop_key`.
 *
 * **Warning:** the result contains credentials. Store it where secrets
 * belong, such as the Secret Service.
 *
 * Returns: (transfer full): a JSON object as a string
 */
char *
oa2_bearer_token_to_json (OA2BearerToken *self)
{
  OA2BearerTokenPrivate *priv;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GList) names = NULL;
  JsonNode *node;
  char *json;

  g_return_val_if_fail (OA2_IS_BEARER_TOKEN (self), NULL);
  if (!check_valid (self, G_STRFUNC))
    return NULL;
  priv = oa2_bearer_token_get_instance_private (self);

  object = json_object_new ();
  json_object_set_string_member (object, "access_token", priv->access_token);
  json_object_set_string_member (object, "token_type", priv->token_type);
  if (priv->expires_at != NULL)
    json_object_set_int_member (object, "expires_at", g_date_time_to_unix (priv->expires_at));
  if (priv->refresh_token != NULL)
    json_object_set_string_member (object, "refresh_token", priv->refresh_token);
  if (priv->scope != NULL)
    json_object_set_string_member (object, "scope", priv->scope);
  if (priv->id_token != NULL)
    json_object_set_string_member (object, "id_token", priv->id_token);

  /* A server's own "expires_at" (or, for a DPoP token, "dpop_key")
   * member would be mistaken for ours on restore; ours wins. */
  names = json_object_get_members (priv->members);
  for (GList *l = names; l != NULL; l = l->next)
    if (strcmp (l->data, "expires_at") != 0 && strcmp (l->data, OA2_DPOP_TOKEN_STORED_KEY) != 0)
      json_object_set_member (object, l->data, json_node_copy (json_object_get_member (priv->members, l->data)));

  if (OA2_IS_DPOP_TOKEN (self))
    oa2_dpop_token_store_key (OA2_DPOP_TOKEN (self), object);

  json = oa2_json_object_to_string (object);
  node = json_object_get_member (object, OA2_DPOP_TOKEN_STORED_KEY);
  if (node != NULL)
    oa2_json_wipe_strings (node);
  return json;
}

#define DEFINE_STRING_GETTER(field)                                              \
  const char *                                                                    \
  oa2_bearer_token_get_##field (OA2BearerToken *self)                             \
  {                                                                               \
    OA2BearerTokenPrivate *priv;                                                  \
    g_return_val_if_fail (OA2_IS_BEARER_TOKEN (self), NULL);                      \
    priv = oa2_bearer_token_get_instance_private (self);                          \
    return priv->field;                                                           \
  }

/**
 * oa2_bearer_token_get_access_token: (get-property access-token)
 * @self: a token
 *
 * Gets the access token.
 *
 * Returns: (transfer none): the access token
 */
DEFINE_STRING_GETTER (access_token)

/**
 * oa2_bearer_token_get_token_type: (get-property token-type)
 * @self: a token
 *
 * Gets the token type, in its canonical spelling: `Bearer`, or `DPoP` for
 * an [class@OA2.DPoPToken].
 *
 * Returns: (transfer none): the token type
 */
DEFINE_STRING_GETTER (token_type)

/**
 * oa2_bearer_token_get_refresh_token: (get-property refresh-token)
 * @self: a token
 *
 * Gets the refresh token.
 *
 * Returns: (transfer none) (nullable): the refresh token, or %NULL
 */
DEFINE_STRING_GETTER (refresh_token)

/**
 * oa2_bearer_token_get_scope: (get-property scope)
 * @self: a token
 *
 * Gets the granted scope.
 *
 * Returns: (transfer none) (nullable): the space-separated scope, or %NULL
 */
DEFINE_STRING_GETTER (scope)

/**
 * oa2_bearer_token_get_id_token: (get-property id-token)
 * @self: a token
 *
 * Gets the ID token, unverified, as the server sent it.
 *
 * Returns: (transfer none) (nullable): the compact ID token, or %NULL
 */
DEFINE_STRING_GETTER (id_token)

/**
 * oa2_bearer_token_get_expires_at: (get-property expires-at)
 * @self: a token
 *
 * Gets when the access token expires.
 *
 * Returns: (transfer none) (nullable): the expiry, or %NULL if unknown
 */
GDateTime *
oa2_bearer_token_get_expires_at (OA2BearerToken *self)
{
  OA2BearerTokenPrivate *priv;

  g_return_val_if_fail (OA2_IS_BEARER_TOKEN (self), NULL);
  priv = oa2_bearer_token_get_instance_private (self);
  return priv->expires_at;
}

/**
 * oa2_bearer_token_is_expired:
 * @self: a token
 * @leeway_seconds: how many seconds early to consider it expired
 *
 * Tells whether the access token has expired, or will within
 * @leeway_seconds. Renew tokens with a leeway of some seconds so that they
 * do not expire on their way to the resource server.
 *
 * Returns: %TRUE if it has expired; %FALSE if not, or if the expiry is unknown
 */
gboolean
oa2_bearer_token_is_expired (OA2BearerToken *self,
                             guint           leeway_seconds)
{
  OA2BearerTokenPrivate *priv;

  g_return_val_if_fail (OA2_IS_BEARER_TOKEN (self), FALSE);
  priv = oa2_bearer_token_get_instance_private (self);

  if (priv->expires_at == NULL)
    return FALSE;
  return oa2_clock_now_seconds () + (gint64) leeway_seconds >= g_date_time_to_unix (priv->expires_at);
}

/**
 * oa2_bearer_token_get_expires_in:
 * @self: a token
 *
 * Gets the remaining lifetime of the access token, counted from now.
 *
 * Returns: the seconds left, 0 once expired, or -1 if the expiry is unknown
 */
gint64
oa2_bearer_token_get_expires_in (OA2BearerToken *self)
{
  OA2BearerTokenPrivate *priv;

  g_return_val_if_fail (OA2_IS_BEARER_TOKEN (self), -1);
  priv = oa2_bearer_token_get_instance_private (self);

  if (priv->expires_at == NULL)
    return -1;
  return MAX (0, g_date_time_to_unix (priv->expires_at) - oa2_clock_now_seconds ());
}

/**
 * oa2_bearer_token_get_member:
 * @self: a token
 * @name: a member name
 *
 * Gets a member of the token response that has no property of its own, such
 * as `issued_token_type` or a server's extension. The standard members
 * (`access_token`, `token_type`, `expires_in`, `refresh_token`, `scope`,
 * `id_token`) are read through their properties instead.
 *
 * Returns: (transfer none) (nullable): the member, or %NULL if absent
 */
JsonNode *
oa2_bearer_token_get_member (OA2BearerToken *self,
                             const char     *name)
{
  OA2BearerTokenPrivate *priv;

  g_return_val_if_fail (OA2_IS_BEARER_TOKEN (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  priv = oa2_bearer_token_get_instance_private (self);

  if (priv->members == NULL)
    return NULL;
  return json_object_get_member (priv->members, name);
}

/**
 * oa2_bearer_token_get_string_member:
 * @self: a token
 * @name: a member name
 *
 * Gets a string member of the token response; see
 * [method@OA2.BearerToken.get_member].
 *
 * Returns: (transfer none) (nullable): the string, or %NULL if the member is
 *   absent or not a string
 */
const char *
oa2_bearer_token_get_string_member (OA2BearerToken *self,
                                    const char     *name)
{
  JsonNode *node = oa2_bearer_token_get_member (self, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * oa2_bearer_token_get_issued_token_type:
 * @self: a token
 *
 * Gets `issued_token_type`, the URI a token exchange response (RFC 8693
 * §2.2.1) gives for the type of the token it issued, such as
 * `urn:ietf:params:oauth:token-type:access_token`. Tokens from
 * [method@OA2.Client.token_exchange] always have it.
 *
 * Returns: (transfer none) (nullable): the issued token type, or %NULL
 *   when the response had none
 */
const char *
oa2_bearer_token_get_issued_token_type (OA2BearerToken *self)
{
  return oa2_bearer_token_get_string_member (self, "issued_token_type");
}

/**
 * oa2_bearer_token_get_int_member:
 * @self: a token
 * @name: a member name
 * @out_value: (out) (optional): where to store the value
 *
 * Gets an integer member of the token response; see
 * [method@OA2.BearerToken.get_member].
 *
 * Returns: %TRUE if the member is present and an integer
 */
gboolean
oa2_bearer_token_get_int_member (OA2BearerToken *self,
                                 const char     *name,
                                 gint64         *out_value)
{
  JsonNode *node = oa2_bearer_token_get_member (self, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  if (out_value != NULL)
    *out_value = json_node_get_int (node);
  return TRUE;
}

/**
 * oa2_bearer_token_get_boolean_member:
 * @self: a token
 * @name: a member name
 * @out_value: (out) (optional): where to store the value
 *
 * Gets a boolean member of the token response; see
 * [method@OA2.BearerToken.get_member].
 *
 * Returns: %TRUE if the member is present and a boolean
 */
gboolean
oa2_bearer_token_get_boolean_member (OA2BearerToken *self,
                                     const char     *name,
                                     gboolean       *out_value)
{
  JsonNode *node = oa2_bearer_token_get_member (self, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;
  if (out_value != NULL)
    *out_value = json_node_get_boolean (node);
  return TRUE;
}

/**
 * oa2_bearer_token_dup_member_names:
 * @self: a token
 *
 * Lists the members of the token response that have no property of their
 * own; see [method@OA2.BearerToken.get_member].
 *
 * Returns: (transfer full) (array zero-terminated=1): the names
 */
char **
oa2_bearer_token_dup_member_names (OA2BearerToken *self)
{
  OA2BearerTokenPrivate *priv;
  GPtrArray *names;

  g_return_val_if_fail (OA2_IS_BEARER_TOKEN (self), NULL);
  priv = oa2_bearer_token_get_instance_private (self);

  names = g_ptr_array_new ();
  if (priv->members != NULL)
    {
      g_autoptr(GList) list = json_object_get_members (priv->members);

      /* In the order of the token response. */
      for (GList *l = list; l != NULL; l = l->next)
        g_ptr_array_add (names, g_strdup (l->data));
    }
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

/**
 * oa2_bearer_token_dup_authorization_header:
 * @self: a token
 *
 * Builds the value of the `Authorization` header for this token, such as
 * `Bearer mF_9.B5f-4.1JqM` (RFC 6750 §2.1). Every way of building a token
 * checks the access token's syntax, so the value is always a valid header.
 *
 * Returns: (transfer full): the header value
 */
char *
oa2_bearer_token_dup_authorization_header (OA2BearerToken *self)
{
  OA2BearerTokenPrivate *priv;

  g_return_val_if_fail (OA2_IS_BEARER_TOKEN (self), NULL);
  if (!check_valid (self, G_STRFUNC))
    return NULL;
  priv = oa2_bearer_token_get_instance_private (self);

  return g_strconcat (priv->token_type, " ", priv->access_token, NULL);
}

/**
 * oa2_bearer_token_authorize_message:
 * @self: a token
 * @msg: a message about to be sent to a resource server
 *
 * Stamps @msg with this token's credentials, replacing any `Authorization`
 * header it had, for applications that send messages with their own
 * [class@Soup.Session].
 *
 * The token is refused, and @msg left untouched, if the access token has
 * expired (%OA2_ERROR_TOKEN_EXPIRED) or if @msg goes to a URI that is
 * neither `https` nor loopback `http` (%OA2_ERROR_INSECURE_TRANSPORT). A
 * token whose construction failed, such as one a binding built without an
 * access token, is refused with the error g_initable_init() reports for it.
 *
 * Only the URI of @msg is checked: this function does not see the session
 * that will send it. It cannot tell whether that session sends a loopback
 * `http` request through a proxy (`http_proxy` in the environment, PAC or
 * WPAD), where the token would cross the network in clear, nor whether it
 * follows a redirect to another host, to which libsoup carries the
 * `Authorization` header along. The requests the library sends itself are
 * refused in the first case and never follow redirects. For @msg, let the
 * session's [property@Soup.Session:proxy-resolver] answer `direct://` for
 * loopback addresses, or use `https`; set `SOUP_MESSAGE_NO_REDIRECT`
 * ([flags@Soup.MessageFlags]) unless every place the server may redirect
 * to may see the token; and keep the session's certificate verification
 * on.
 *
 * Returns: %TRUE if @msg now carries the token; %FALSE, with @error set,
 *   if it does not
 */
gboolean
oa2_bearer_token_authorize_message (OA2BearerToken  *self,
                                    SoupMessage     *msg,
                                    GError         **error)
{
  g_return_val_if_fail (OA2_IS_BEARER_TOKEN (self), FALSE);
  g_return_val_if_fail (SOUP_IS_MESSAGE (msg), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_initable_init (G_INITABLE (self), NULL, error))
    return FALSE;
  return OA2_BEARER_TOKEN_GET_CLASS (self)->authorize_message (self, msg, error);
}

void
oa2_bearer_token_set_validated_id_token (OA2BearerToken *self,
                                         OA2IdToken     *id_token)
{
  OA2BearerTokenPrivate *priv = oa2_bearer_token_get_instance_private (self);

  /* Before the token is handed out, so that it stays immutable to its
   * users. */
  g_return_if_fail (priv->validated_id_token == NULL);
  priv->validated_id_token = g_object_ref (id_token);
}

/**
 * oa2_bearer_token_get_validated_id_token:
 * @self: a token
 *
 * Gets the ID token of the response, as the client validated it: a token
 * that an OpenID client ([property@OA2.Client:issuer] set) received with
 * an ID token has it; see the [ID tokens page](id-tokens.html). A token
 * built another way, or restored with [ctor@OA2.BearerToken.new_from_json],
 * has none, though [property@OA2.BearerToken:id-token] may hold the
 * compact form.
 *
 * Returns: (transfer none) (nullable): the validated ID token, or %NULL
 */
OA2IdToken *
oa2_bearer_token_get_validated_id_token (OA2BearerToken *self)
{
  OA2BearerTokenPrivate *priv;

  g_return_val_if_fail (OA2_IS_BEARER_TOKEN (self), NULL);
  priv = oa2_bearer_token_get_instance_private (self);
  return priv->validated_id_token;
}
