/* oa2-server-metadata.c: what an authorization server says about itself
 * (RFC 8414, OpenID Connect Discovery)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2ServerMetadata:
 *
 * The metadata document of an authorization server (RFC 8414 §2) or
 * OpenID provider (OpenID Connect Discovery §3): its issuer, endpoints,
 * and what it supports.
 *
 * Every standard member has a typed getter, and every member, standard or
 * not, stays readable by name with [method@OA2.ServerMetadata.get_member].
 * Each standard member is checked when the document is read: a member of
 * the wrong type fails with %OA2_ERROR_INVALID_MEMBER naming it, and an
 * endpoint that is neither `https` nor `http` to a loopback host fails
 * with %OA2_ERROR_INSECURE_TRANSPORT, because the client would send
 * credentials there. The document must name its `issuer`; members that
 * the specifications call required but some servers leave out (such as
 * `response_types_supported`) are not demanded.
 *
 * The object is immutable. [ctor@OA2.Client.new_from_issuer] and
 * [ctor@OA2.Client.new_from_discovery] fetch a server's document and check
 * its issuer; [property@OA2.Client:server-metadata] keeps it.
 *
 * ```c
 * g_autoptr(OA2ServerMetadata) metadata = oa2_server_metadata_new_from_json (text, &error);
 * const char * const *algs = oa2_server_metadata_get_id_token_signing_alg_values_supported (metadata);
 * ```
 *
 * ```python
 * client = OA2.Client.new_from_issuer('https://accounts.example.com', OA2.DiscoveryKind.OPENID,
 *                                     auth, None, None)
 * metadata = client.get_server_metadata()
 * print(metadata.get_id_token_signing_alg_values_supported())
 * ```
 */

#include "config.h"

#include <string.h>

#include "oa2-error.h"
#include "oa2-error-private.h"
#include "oa2-i18n-private.h"
#include "oa2-json-private.h"
#include "oa2-server-metadata.h"
#include "oa2-uri-private.h"

typedef enum {
  KIND_ENDPOINT,      /* a URI the client may send credentials to */
  KIND_STRING,
  KIND_STRING_LIST,
  KIND_BOOLEAN,
} Kind;

typedef struct {
  const char *name;
  Kind        kind;
} StandardMember;

/* The members of RFC 8414 §2 and of the IANA "OAuth Authorization Server
 * Metadata" registry that a client has a use for, with OpenID Connect
 * Discovery §3's. mtls_endpoint_aliases, an object, is handled apart. */
static const StandardMember standard_members[] = {
  { "issuer", KIND_ENDPOINT },
  { "authorization_endpoint", KIND_ENDPOINT },
  { "token_endpoint", KIND_ENDPOINT },
  { "userinfo_endpoint", KIND_ENDPOINT },
  { "jwks_uri", KIND_ENDPOINT },
  { "registration_endpoint", KIND_ENDPOINT },
  { "revocation_endpoint", KIND_ENDPOINT },
  { "introspection_endpoint", KIND_ENDPOINT },
  { "end_session_endpoint", KIND_ENDPOINT },
  { "check_session_iframe", KIND_ENDPOINT },
  { "device_authorization_endpoint", KIND_ENDPOINT },
  { "backchannel_authentication_endpoint", KIND_ENDPOINT },
  { "pushed_authorization_request_endpoint", KIND_ENDPOINT },
  { "service_documentation", KIND_STRING },
  { "op_policy_uri", KIND_STRING },
  { "op_tos_uri", KIND_STRING },
  { "signed_metadata", KIND_STRING },
  { "scopes_supported", KIND_STRING_LIST },
  { "response_types_supported", KIND_STRING_LIST },
  { "response_modes_supported", KIND_STRING_LIST },
  { "grant_types_supported", KIND_STRING_LIST },
  { "acr_values_supported", KIND_STRING_LIST },
  { "subject_types_supported", KIND_STRING_LIST },
  { "token_endpoint_auth_methods_supported", KIND_STRING_LIST },
  { "token_endpoint_auth_signing_alg_values_supported", KIND_STRING_LIST },
  { "id_token_signing_alg_values_supported", KIND_STRING_LIST },
  { "id_token_encryption_alg_values_supported", KIND_STRING_LIST },
  { "id_token_encryption_enc_values_supported", KIND_STRING_LIST },
  { "userinfo_signing_alg_values_supported", KIND_STRING_LIST },
  { "userinfo_encryption_alg_values_supported", KIND_STRING_LIST },
  { "userinfo_encryption_enc_values_supported", KIND_STRING_LIST },
  { "request_object_signing_alg_values_supported", KIND_STRING_LIST },
  { "request_object_encryption_alg_values_supported", KIND_STRING_LIST },
  { "request_object_encryption_enc_values_supported", KIND_STRING_LIST },
  { "display_values_supported", KIND_STRING_LIST },
  { "claim_types_supported", KIND_STRING_LIST },
  { "claims_supported", KIND_STRING_LIST },
  { "claims_locales_supported", KIND_STRING_LIST },
  { "ui_locales_supported", KIND_STRING_LIST },
  { "revocation_endpoint_auth_methods_supported", KIND_STRING_LIST },
  { "revocation_endpoint_auth_signing_alg_values_supported", KIND_STRING_LIST },
  { "introspection_endpoint_auth_methods_supported", KIND_STRING_LIST },
  { "introspection_endpoint_auth_signing_alg_values_supported", KIND_STRING_LIST },
  { "code_challenge_methods_supported", KIND_STRING_LIST },
  { "dpop_signing_alg_values_supported", KIND_STRING_LIST },
  { "backchannel_token_delivery_modes_supported", KIND_STRING_LIST },
  { "backchannel_authentication_request_signing_alg_values_supported", KIND_STRING_LIST },
  { "authorization_signing_alg_values_supported", KIND_STRING_LIST },
  { "authorization_encryption_alg_values_supported", KIND_STRING_LIST },
  { "authorization_encryption_enc_values_supported", KIND_STRING_LIST },
  { "introspection_signing_alg_values_supported", KIND_STRING_LIST },
  { "introspection_encryption_alg_values_supported", KIND_STRING_LIST },
  { "introspection_encryption_enc_values_supported", KIND_STRING_LIST },
  { "authorization_details_types_supported", KIND_STRING_LIST },
  { "prompt_values_supported", KIND_STRING_LIST },
  { "claims_parameter_supported", KIND_BOOLEAN },
  { "request_parameter_supported", KIND_BOOLEAN },
  { "request_uri_parameter_supported", KIND_BOOLEAN },
  { "require_request_uri_registration", KIND_BOOLEAN },
  { "require_signed_request_object", KIND_BOOLEAN },
  { "authorization_response_iss_parameter_supported", KIND_BOOLEAN },
  { "require_pushed_authorization_requests", KIND_BOOLEAN },
  { "tls_client_certificate_bound_access_tokens", KIND_BOOLEAN },
  { "frontchannel_logout_supported", KIND_BOOLEAN },
  { "frontchannel_logout_session_supported", KIND_BOOLEAN },
  { "backchannel_logout_supported", KIND_BOOLEAN },
  { "backchannel_logout_session_supported", KIND_BOOLEAN },
  { "backchannel_user_code_parameter_supported", KIND_BOOLEAN },
};

struct _OA2ServerMetadata
{
  GObject     parent_instance;

  JsonObject *members;        /* the whole document, sealed */
  GHashTable *lists;          /* member name → GStrv, for the string lists */
  GHashTable *mtls_aliases;   /* endpoint name → URI; NULL: none */
};

G_DEFINE_FINAL_TYPE (OA2ServerMetadata, oa2_server_metadata, G_TYPE_OBJECT)

static void
oa2_server_metadata_finalize (GObject *object)
{
  OA2ServerMetadata *self = OA2_SERVER_METADATA (object);

  g_clear_pointer (&self->members, json_object_unref);
  g_clear_pointer (&self->lists, g_hash_table_unref);
  g_clear_pointer (&self->mtls_aliases, g_hash_table_unref);

  G_OBJECT_CLASS (oa2_server_metadata_parent_class)->finalize (object);
}

static void
oa2_server_metadata_class_init (OA2ServerMetadataClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  oa2_i18n_init ();
  object_class->finalize = oa2_server_metadata_finalize;
}

static void
oa2_server_metadata_init (OA2ServerMetadata *self)
{
  self->members = json_object_new ();
  self->lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
}

/* Members are checked on the way in, so that the getters can trust them. */

static gboolean
check_endpoint (const char  *name,
                const char  *value,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GUri) uri = oa2_uri_parse_endpoint (value, &local_error);

  if (uri == NULL)
    {
      /* The URI rule's own reason, with the member it came from. */
      g_set_error (error, OA2_ERROR,
                   g_error_matches (local_error, OA2_ERROR, OA2_ERROR_INSECURE_TRANSPORT)
                     ? OA2_ERROR_INSECURE_TRANSPORT : OA2_ERROR_INVALID_MEMBER,
                   /* Translators: the first %s is a metadata member such as token_endpoint, the second a reason */
                   _("The server metadata member “%s” is not a usable endpoint: %s"),
                   name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static void
set_wrong_type (GError     **error,
                const char  *name,
                Kind         kind)
{
  switch (kind)
    {
    case KIND_STRING_LIST:
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
                   /* Translators: %s is the name of a metadata member such as scopes_supported */
                   _("The server metadata member “%s” is not a list of strings"), name);
      return;
    case KIND_BOOLEAN:
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
                   /* Translators: %s is the name of a metadata member such as claims_parameter_supported */
                   _("The server metadata member “%s” is not a boolean"), name);
      return;
    case KIND_ENDPOINT:
    case KIND_STRING:
    default:
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
                   /* Translators: %s is the name of a metadata member such as token_endpoint */
                   _("The server metadata member “%s” is not a string"), name);
      return;
    }
}

static gboolean
holds_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static char **
string_list (JsonNode *node)
{
  JsonArray *array;
  GPtrArray *values;
  guint i, n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  values = g_ptr_array_new_full (n + 1, g_free);
  for (i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!holds_string (element))
        {
          g_ptr_array_unref (values);
          return NULL;
        }
      g_ptr_array_add (values, g_strdup (json_node_get_string (element)));
    }
  g_ptr_array_add (values, NULL);
  g_ptr_array_set_free_func (values, NULL);
  return (char **) g_ptr_array_free (values, FALSE);
}

static gboolean
read_standard_member (OA2ServerMetadata     *self,
                      const StandardMember  *member,
                      GError               **error)
{
  JsonNode *node = json_object_get_member (self->members, member->name);
  char **list;

  /* A null member says nothing, like an absent one. */
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  switch (member->kind)
    {
    case KIND_ENDPOINT:
      if (!holds_string (node))
        break;
      return check_endpoint (member->name, json_node_get_string (node), error);
    case KIND_STRING:
      if (!holds_string (node))
        break;
      return TRUE;
    case KIND_BOOLEAN:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        break;
      return TRUE;
    case KIND_STRING_LIST:
      list = string_list (node);
      if (list == NULL)
        break;
      g_hash_table_insert (self->lists, g_strdup (member->name), list);
      return TRUE;
    default:
      g_assert_not_reached ();
    }

  set_wrong_type (error, member->name, member->kind);
  return FALSE;
}

/* RFC 8705 §5: an object of endpoint names and URIs, each URI held to the
 * same rule as the ordinary endpoints. */
static gboolean
read_mtls_aliases (OA2ServerMetadata  *self,
                   GError            **error)
{
  JsonNode *node = json_object_get_member (self->members, "mtls_endpoint_aliases");
  g_autoptr(GHashTable) aliases = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
                           _("The server metadata member “mtls_endpoint_aliases” is not an object"));
      return FALSE;
    }

  aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autofree char *shown = oa2_error_sanitize_name (name);
      g_autofree char *path = g_strconcat ("mtls_endpoint_aliases.", shown, NULL);

      if (!holds_string (value))
        {
          set_wrong_type (error, path, KIND_ENDPOINT);
          return FALSE;
        }
      if (!check_endpoint (path, json_node_get_string (value), error))
        return FALSE;
      g_hash_table_insert (aliases, g_strdup (name), g_strdup (json_node_get_string (value)));
    }

  if (g_hash_table_size (aliases) > 0)
    self->mtls_aliases = g_steal_pointer (&aliases);
  return TRUE;
}

/* RFC 8414 §2: the issuer is an https URI without query or fragment. The
 * URI rule of the library lets loopback http through, for local servers. */
static gboolean
check_issuer (const char  *issuer,
              gboolean     from_server,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GUri) uri = oa2_uri_parse_endpoint (issuer, &local_error);
  OA2Error code = from_server ? OA2_ERROR_INVALID_MEMBER : OA2_ERROR_INVALID_ARGUMENT;

  if (uri == NULL)
    {
      g_set_error (error, OA2_ERROR,
                   g_error_matches (local_error, OA2_ERROR, OA2_ERROR_INSECURE_TRANSPORT)
                     ? OA2_ERROR_INSECURE_TRANSPORT : code,
                   /* Translators: %s is a reason */
                   _("The issuer is not usable: %s"), local_error->message);
      return FALSE;
    }
  if (g_uri_get_query (uri) != NULL || g_uri_get_userinfo (uri) != NULL)
    {
      g_autofree char *shown = oa2_uri_to_display (uri);

      g_set_error (error, OA2_ERROR, code,
                   /* Translators: %s is a URI */
                   _("The issuer “%s” must have neither a query nor user information"), shown);
      return FALSE;
    }
  return TRUE;
}

static OA2ServerMetadata *
metadata_from_sealed (JsonObject  *members,
                      GError     **error)
{
  g_autoptr(OA2ServerMetadata) self = g_object_new (OA2_TYPE_SERVER_METADATA, NULL);
  const char *issuer = NULL;
  gsize i;

  json_object_unref (self->members);
  self->members = json_object_ref (members);

  for (i = 0; i < G_N_ELEMENTS (standard_members); i++)
    if (!read_standard_member (self, &standard_members[i], error))
      return NULL;
  if (!read_mtls_aliases (self, error))
    return NULL;

  if (!oa2_json_get_string (members, "issuer", TRUE, &issuer, NULL))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_MISSING_MEMBER,
                           _("The server metadata has no “issuer”"));
      return NULL;
    }
  if (!check_issuer (issuer, TRUE, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * oa2_server_metadata_new_from_json:
 * @json: a metadata document
 *
 * Reads a metadata document, such as a server serves at its discovery URI
 * or [method@OA2.ServerMetadata.to_json] wrote.
 *
 * Returns: (transfer full): the metadata, or %NULL with @error set to an
 *   %OA2_ERROR code: %OA2_ERROR_INVALID_JSON, %OA2_ERROR_MISSING_MEMBER
 *   without `issuer`, %OA2_ERROR_INVALID_MEMBER naming a member of the
 *   wrong type, %OA2_ERROR_INSECURE_TRANSPORT for a plain `http`
 *   endpoint that is not loopback
 */
OA2ServerMetadata *
oa2_server_metadata_new_from_json (const char  *json,
                                   GError     **error)
{
  g_autoptr(JsonObject) members = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  members = oa2_json_parse_object (json, strlen (json), error);
  if (members == NULL)
    return NULL;
  return metadata_from_sealed (members, error);
}

/**
 * oa2_server_metadata_new_from_json_object:
 * @object: a metadata document
 *
 * Reads a metadata document already parsed; see
 * [ctor@OA2.ServerMetadata.new_from_json]. The metadata keeps a copy:
 * changing @object later does not change it.
 *
 * Returns: (transfer full): the metadata, or %NULL with @error set
 */
OA2ServerMetadata *
oa2_server_metadata_new_from_json_object (JsonObject  *object,
                                          GError     **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Written and read again: a deep copy, sealed, under the same limits
   * as a document from the network. */
  json = oa2_json_object_to_string (object);
  return oa2_server_metadata_new_from_json (json, error);
}

/**
 * oa2_server_metadata_to_json:
 * @self: server metadata
 *
 * Writes the document, every member included, so that it can be stored
 * and read again with [ctor@OA2.ServerMetadata.new_from_json].
 *
 * Returns: (transfer full): a JSON object as a string
 */
char *
oa2_server_metadata_to_json (OA2ServerMetadata *self)
{
  g_return_val_if_fail (OA2_IS_SERVER_METADATA (self), NULL);

  return oa2_json_object_to_string (self->members);
}

static void
strip_trailing_slashes (GString *text,
                        gsize    keep)
{
  while (text->len > keep && text->str[text->len - 1] == '/')
    g_string_truncate (text, text->len - 1);
}

/**
 * oa2_server_metadata_discovery_uri:
 * @issuer: an issuer identifier, such as `https://example.com/tenant`
 * @kind: which specification's URI to build
 *
 * Builds the URI of the metadata document of the server with @issuer.
 * For %OA2_DISCOVERY_KIND_OPENID, `/.well-known/openid-configuration` is
 * appended to the issuer, without its terminating slashes. For
 * %OA2_DISCOVERY_KIND_RFC8414, `/.well-known/oauth-authorization-server`
 * is inserted between the host and the path: `https://example.com/issuer1`
 * gives `https://example.com/.well-known/oauth-authorization-server/issuer1`
 * (RFC 8414 §3.1).
 *
 * Returns: (transfer full): the URI, or %NULL with @error set when
 *   @issuer is not an `https` URI (or loopback `http`) without query,
 *   fragment and user information
 */
char *
oa2_server_metadata_discovery_uri (const char        *issuer,
                                   OA2DiscoveryKind   kind,
                                   GError           **error)
{
  g_autoptr(GString) uri = NULL;
  const char *authority, *path;

  g_return_val_if_fail (issuer != NULL, NULL);
  g_return_val_if_fail (kind == OA2_DISCOVERY_KIND_OPENID || kind == OA2_DISCOVERY_KIND_RFC8414, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_issuer (issuer, FALSE, error))
    return NULL;

  /* The issuer passed GUri's parse without query or fragment: after the
   * scheme's "//", the path is whatever follows the first slash. The
   * text is kept as given, not as GUri would normalize it, because the
   * server's issuer is compared with it byte for byte. */
  authority = strstr (issuer, "://") + 3;
  path = strchr (authority, '/');
  if (path == NULL)
    path = issuer + strlen (issuer);

  if (kind == OA2_DISCOVERY_KIND_OPENID)
    {
      uri = g_string_new (issuer);
      strip_trailing_slashes (uri, path - issuer);
      g_string_append (uri, "/.well-known/openid-configuration");
    }
  else
    {
      uri = g_string_new_len (issuer, path - issuer);
      g_string_append (uri, "/.well-known/oauth-authorization-server");
      g_string_append (uri, path);
      strip_trailing_slashes (uri, strlen (uri->str) - strlen (path));
    }
  return g_string_free (g_steal_pointer (&uri), FALSE);
}

/**
 * oa2_server_metadata_is_discovery_uri_of:
 * @uri: the URI a metadata document was fetched from
 * @issuer: the issuer the document names
 *
 * Checks that @uri is where the server with @issuer publishes its
 * metadata, by either kind of [func@OA2.ServerMetadata.discovery_uri].
 * OpenID Connect Discovery §4.3 and RFC 8414 §3.3 require this of a
 * document fetched from a URI rather than from an issuer: otherwise one
 * server could publish metadata in the name of another.
 *
 * Returns: %TRUE if it is
 */
gboolean
oa2_server_metadata_is_discovery_uri_of (const char *uri,
                                         const char *issuer)
{
  g_autofree char *openid = NULL;
  g_autofree char *rfc8414 = NULL;

  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (issuer != NULL, FALSE);

  openid = oa2_server_metadata_discovery_uri (issuer, OA2_DISCOVERY_KIND_OPENID, NULL);
  rfc8414 = oa2_server_metadata_discovery_uri (issuer, OA2_DISCOVERY_KIND_RFC8414, NULL);
  return g_strcmp0 (uri, openid) == 0 || g_strcmp0 (uri, rfc8414) == 0;
}

/**
 * oa2_server_metadata_get_member:
 * @self: server metadata
 * @name: a member name
 *
 * Gets any member of the document by name: a server's extension, or a
 * standard member in its JSON form.
 *
 * Returns: (transfer none) (nullable): the member, or %NULL if absent
 */
JsonNode *
oa2_server_metadata_get_member (OA2ServerMetadata *self,
                                const char        *name)
{
  g_return_val_if_fail (OA2_IS_SERVER_METADATA (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return json_object_get_member (self->members, name);
}

/**
 * oa2_server_metadata_dup_member_names:
 * @self: server metadata
 *
 * Lists the members of the document, standard or not.
 *
 * Returns: (transfer full) (array zero-terminated=1): the names
 */
char **
oa2_server_metadata_dup_member_names (OA2ServerMetadata *self)
{
  GPtrArray *names;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_return_val_if_fail (OA2_IS_SERVER_METADATA (self), NULL);

  names = g_ptr_array_new ();
  json_object_iter_init (&iter, self->members);
  while (json_object_iter_next (&iter, &name, &node))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

/**
 * oa2_server_metadata_dup_mtls_endpoint_aliases:
 * @self: server metadata
 *
 * Gets `mtls_endpoint_aliases` (RFC 8705 §5): endpoint names such as
 * `token_endpoint` mapped to the URIs where the server serves them with
 * mutual TLS. Each URI passed the same checks as the endpoints.
 *
 * Returns: (transfer full) (element-type utf8 utf8): the aliases,
 *   possibly none
 */
GHashTable *
oa2_server_metadata_dup_mtls_endpoint_aliases (OA2ServerMetadata *self)
{
  GHashTable *copy;
  GHashTableIter iter;
  gpointer name, uri;

  g_return_val_if_fail (OA2_IS_SERVER_METADATA (self), NULL);

  copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (self->mtls_aliases == NULL)
    return copy;
  g_hash_table_iter_init (&iter, self->mtls_aliases);
  while (g_hash_table_iter_next (&iter, &name, &uri))
    g_hash_table_insert (copy, g_strdup (name), g_strdup (uri));
  return copy;
}

/* The typed getters. Members were checked when the document was read:
 * a present, non-null member has its type. */

static const char *
string_member (OA2ServerMetadata *self,
               const char        *name)
{
  JsonNode *node = json_object_get_member (self->members, name);

  return node != NULL && holds_string (node) ? json_node_get_string (node) : NULL;
}

static gboolean
boolean_member (OA2ServerMetadata *self,
                const char        *name,
                gboolean           default_value)
{
  JsonNode *node = json_object_get_member (self->members, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return default_value;
  return json_node_get_boolean (node);
}

#define DEFINE_STRING_GETTER(member)                                     \
  const char *                                                            \
  oa2_server_metadata_get_##member (OA2ServerMetadata *self)              \
  {                                                                       \
    g_return_val_if_fail (OA2_IS_SERVER_METADATA (self), NULL);           \
    return string_member (self, #member);                                 \
  }

#define DEFINE_LIST_GETTER(member)                                       \
  const char * const *                                                    \
  oa2_server_metadata_get_##member (OA2ServerMetadata *self)              \
  {                                                                       \
    g_return_val_if_fail (OA2_IS_SERVER_METADATA (self), NULL);           \
    return g_hash_table_lookup (self->lists, #member);                    \
  }

#define DEFINE_BOOLEAN_GETTER(member, default_value)                     \
  gboolean                                                                \
  oa2_server_metadata_get_##member (OA2ServerMetadata *self)              \
  {                                                                       \
    g_return_val_if_fail (OA2_IS_SERVER_METADATA (self), default_value);  \
    return boolean_member (self, #member, default_value);                 \
  }

/**
 * oa2_server_metadata_get_issuer:
 * @self: server metadata
 *
 * Gets `issuer` (RFC 8414 §2): the issuer identifier, which the metadata is about. It is an `https` URI, or `http` to a loopback host.
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if absent
 */
DEFINE_STRING_GETTER (issuer)

/**
 * oa2_server_metadata_get_authorization_endpoint:
 * @self: server metadata
 *
 * Gets `authorization_endpoint` (RFC 8414 §2): the authorization endpoint. It is an `https` URI, or `http` to a loopback host.
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if absent
 */
DEFINE_STRING_GETTER (authorization_endpoint)

/**
 * oa2_server_metadata_get_token_endpoint:
 * @self: server metadata
 *
 * Gets `token_endpoint` (RFC 8414 §2): the token endpoint. It is an `https` URI, or `http` to a loopback host.
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if absent
 */
DEFINE_STRING_GETTER (token_endpoint)

/**
 * oa2_server_metadata_get_userinfo_endpoint:
 * @self: server metadata
 *
 * Gets `userinfo_endpoint` (OpenID Connect Discovery §3): the UserInfo endpoint. It is an `https` URI, or `http` to a loopback host.
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if absent
 */
DEFINE_STRING_GETTER (userinfo_endpoint)

/**
 * oa2_server_metadata_get_jwks_uri:
 * @self: server metadata
 *
 * Gets `jwks_uri` (RFC 8414 §2): where the server publishes its public keys. It is an `https` URI, or `http` to a loopback host.
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if absent
 */
DEFINE_STRING_GETTER (jwks_uri)

/**
 * oa2_server_metadata_get_registration_endpoint:
 * @self: server metadata
 *
 * Gets `registration_endpoint` (RFC 8414 §2): the dynamic client registration endpoint. It is an `https` URI, or `http` to a loopback host.
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if absent
 */
DEFINE_STRING_GETTER (registration_endpoint)

/**
 * oa2_server_metadata_get_revocation_endpoint:
 * @self: server metadata
 *
 * Gets `revocation_endpoint` (RFC 8414 §2): the token revocation endpoint. It is an `https` URI, or `http` to a loopback host.
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if absent
 */
DEFINE_STRING_GETTER (revocation_endpoint)

/**
 * oa2_server_metadata_get_introspection_endpoint:
 * @self: server metadata
 *
 * Gets `introspection_endpoint` (RFC 8414 §2): the token introspection endpoint. It is an `https` URI, or `http` to a loopback host.
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if absent
 */
DEFINE_STRING_GETTER (introspection_endpoint)

/**
 * oa2_server_metadata_get_end_session_endpoint:
 * @self: server metadata
 *
 * Gets `end_session_endpoint` (OpenID Connect RP-Initiated Logout §2.1): the RP-initiated logout endpoint. It is an `https` URI, or `http` to a loopback host.
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if absent
 */
DEFINE_STRING_GETTER (end_session_endpoint)

/**
 * oa2_server_metadata_get_check_session_iframe:
 * @self: server metadata
 *
 * Gets `check_session_iframe` (OpenID Connect Session Management §3.3): the session management iframe. It is an `https` URI, or `http` to a loopback host.
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if absent
 */
DEFINE_STRING_GETTER (check_session_iframe)

/**
 * oa2_server_metadata_get_device_authorization_endpoint:
 * @self: server metadata
 *
 * Gets `device_authorization_endpoint` (RFC 8628 §4): the device authorization endpoint. It is an `https` URI, or `http` to a loopback host.
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if absent
 */
DEFINE_STRING_GETTER (device_authorization_endpoint)

/**
 * oa2_server_metadata_get_backchannel_authentication_endpoint:
 * @self: server metadata
 *
 * Gets `backchannel_authentication_endpoint` (OpenID CIBA §4): the backchannel authentication endpoint. It is an `https` URI, or `http` to a loopback host.
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if absent
 */
DEFINE_STRING_GETTER (backchannel_authentication_endpoint)

/**
 * oa2_server_metadata_get_pushed_authorization_request_endpoint:
 * @self: server metadata
 *
 * Gets `pushed_authorization_request_endpoint` (RFC 9126 §5): the pushed authorization request endpoint. It is an `https` URI, or `http` to a loopback host.
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if absent
 */
DEFINE_STRING_GETTER (pushed_authorization_request_endpoint)

/**
 * oa2_server_metadata_get_service_documentation:
 * @self: server metadata
 *
 * Gets `service_documentation` (RFC 8414 §2): a page of documentation for developers.
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if absent
 */
DEFINE_STRING_GETTER (service_documentation)

/**
 * oa2_server_metadata_get_op_policy_uri:
 * @self: server metadata
 *
 * Gets `op_policy_uri` (RFC 8414 §2): the server's policy on the use of data.
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if absent
 */
DEFINE_STRING_GETTER (op_policy_uri)

/**
 * oa2_server_metadata_get_op_tos_uri:
 * @self: server metadata
 *
 * Gets `op_tos_uri` (RFC 8414 §2): the server's terms of service.
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if absent
 */
DEFINE_STRING_GETTER (op_tos_uri)

/**
 * oa2_server_metadata_get_signed_metadata:
 * @self: server metadata
 *
 * Gets `signed_metadata` (RFC 8414 §2.1): the metadata as a signed JWT, unverified.
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if absent
 */
DEFINE_STRING_GETTER (signed_metadata)

/**
 * oa2_server_metadata_get_scopes_supported:
 * @self: server metadata
 *
 * Gets `scopes_supported` (RFC 8414 §2): the scopes the server supports.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (scopes_supported)

/**
 * oa2_server_metadata_get_response_types_supported:
 * @self: server metadata
 *
 * Gets `response_types_supported` (RFC 8414 §2): the response types the server supports.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (response_types_supported)

/**
 * oa2_server_metadata_get_response_modes_supported:
 * @self: server metadata
 *
 * Gets `response_modes_supported` (RFC 8414 §2): the response modes the server supports; absent means `query` and `fragment`.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (response_modes_supported)

/**
 * oa2_server_metadata_get_grant_types_supported:
 * @self: server metadata
 *
 * Gets `grant_types_supported` (RFC 8414 §2): the grant types the server supports; absent means `authorization_code` and `implicit`.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (grant_types_supported)

/**
 * oa2_server_metadata_get_acr_values_supported:
 * @self: server metadata
 *
 * Gets `acr_values_supported` (OpenID Connect Discovery §3): the authentication context classes the server supports.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (acr_values_supported)

/**
 * oa2_server_metadata_get_subject_types_supported:
 * @self: server metadata
 *
 * Gets `subject_types_supported` (OpenID Connect Discovery §3): the subject identifier types (`public`, `pairwise`) the server supports.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (subject_types_supported)

/**
 * oa2_server_metadata_get_token_endpoint_auth_methods_supported:
 * @self: server metadata
 *
 * Gets `token_endpoint_auth_methods_supported` (RFC 8414 §2): the client authentication methods of the token endpoint; absent means `client_secret_basic`.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (token_endpoint_auth_methods_supported)

/**
 * oa2_server_metadata_get_token_endpoint_auth_signing_alg_values_supported:
 * @self: server metadata
 *
 * Gets `token_endpoint_auth_signing_alg_values_supported` (RFC 8414 §2): the signature algorithms of client assertions at the token endpoint.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (token_endpoint_auth_signing_alg_values_supported)

/**
 * oa2_server_metadata_get_id_token_signing_alg_values_supported:
 * @self: server metadata
 *
 * Gets `id_token_signing_alg_values_supported` (OpenID Connect Discovery §3): the signature algorithms of ID tokens.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (id_token_signing_alg_values_supported)

/**
 * oa2_server_metadata_get_id_token_encryption_alg_values_supported:
 * @self: server metadata
 *
 * Gets `id_token_encryption_alg_values_supported` (OpenID Connect Discovery §3): the key management algorithms of encrypted ID tokens.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (id_token_encryption_alg_values_supported)

/**
 * oa2_server_metadata_get_id_token_encryption_enc_values_supported:
 * @self: server metadata
 *
 * Gets `id_token_encryption_enc_values_supported` (OpenID Connect Discovery §3): the content encryption algorithms of encrypted ID tokens.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (id_token_encryption_enc_values_supported)

/**
 * oa2_server_metadata_get_userinfo_signing_alg_values_supported:
 * @self: server metadata
 *
 * Gets `userinfo_signing_alg_values_supported` (OpenID Connect Discovery §3): the signature algorithms of signed UserInfo responses.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (userinfo_signing_alg_values_supported)

/**
 * oa2_server_metadata_get_userinfo_encryption_alg_values_supported:
 * @self: server metadata
 *
 * Gets `userinfo_encryption_alg_values_supported` (OpenID Connect Discovery §3): the key management algorithms of encrypted UserInfo responses.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (userinfo_encryption_alg_values_supported)

/**
 * oa2_server_metadata_get_userinfo_encryption_enc_values_supported:
 * @self: server metadata
 *
 * Gets `userinfo_encryption_enc_values_supported` (OpenID Connect Discovery §3): the content encryption algorithms of encrypted UserInfo responses.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (userinfo_encryption_enc_values_supported)

/**
 * oa2_server_metadata_get_request_object_signing_alg_values_supported:
 * @self: server metadata
 *
 * Gets `request_object_signing_alg_values_supported` (OpenID Connect Discovery §3): the signature algorithms of request objects.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (request_object_signing_alg_values_supported)

/**
 * oa2_server_metadata_get_request_object_encryption_alg_values_supported:
 * @self: server metadata
 *
 * Gets `request_object_encryption_alg_values_supported` (OpenID Connect Discovery §3): the key management algorithms of encrypted request objects.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (request_object_encryption_alg_values_supported)

/**
 * oa2_server_metadata_get_request_object_encryption_enc_values_supported:
 * @self: server metadata
 *
 * Gets `request_object_encryption_enc_values_supported` (OpenID Connect Discovery §3): the content encryption algorithms of encrypted request objects.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (request_object_encryption_enc_values_supported)

/**
 * oa2_server_metadata_get_display_values_supported:
 * @self: server metadata
 *
 * Gets `display_values_supported` (OpenID Connect Discovery §3): the `display` values the server supports.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (display_values_supported)

/**
 * oa2_server_metadata_get_claim_types_supported:
 * @self: server metadata
 *
 * Gets `claim_types_supported` (OpenID Connect Discovery §3): the claim types (`normal`, `aggregated`, `distributed`) the server supports.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (claim_types_supported)

/**
 * oa2_server_metadata_get_claims_supported:
 * @self: server metadata
 *
 * Gets `claims_supported` (OpenID Connect Discovery §3): the claims the server may supply.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (claims_supported)

/**
 * oa2_server_metadata_get_claims_locales_supported:
 * @self: server metadata
 *
 * Gets `claims_locales_supported` (OpenID Connect Discovery §3): the languages of claim values.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (claims_locales_supported)

/**
 * oa2_server_metadata_get_ui_locales_supported:
 * @self: server metadata
 *
 * Gets `ui_locales_supported` (RFC 8414 §2): the languages of the user interface.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (ui_locales_supported)

/**
 * oa2_server_metadata_get_revocation_endpoint_auth_methods_supported:
 * @self: server metadata
 *
 * Gets `revocation_endpoint_auth_methods_supported` (RFC 8414 §2): the client authentication methods of the revocation endpoint; absent means `client_secret_basic`.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (revocation_endpoint_auth_methods_supported)

/**
 * oa2_server_metadata_get_revocation_endpoint_auth_signing_alg_values_supported:
 * @self: server metadata
 *
 * Gets `revocation_endpoint_auth_signing_alg_values_supported` (RFC 8414 §2): the signature algorithms of client assertions at the revocation endpoint.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (revocation_endpoint_auth_signing_alg_values_supported)

/**
 * oa2_server_metadata_get_introspection_endpoint_auth_methods_supported:
 * @self: server metadata
 *
 * Gets `introspection_endpoint_auth_methods_supported` (RFC 8414 §2): the client authentication methods of the introspection endpoint.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (introspection_endpoint_auth_methods_supported)

/**
 * oa2_server_metadata_get_introspection_endpoint_auth_signing_alg_values_supported:
 * @self: server metadata
 *
 * Gets `introspection_endpoint_auth_signing_alg_values_supported` (RFC 8414 §2): the signature algorithms of client assertions at the introspection endpoint.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (introspection_endpoint_auth_signing_alg_values_supported)

/**
 * oa2_server_metadata_get_code_challenge_methods_supported:
 * @self: server metadata
 *
 * Gets `code_challenge_methods_supported` (RFC 8414 §2): the PKCE code challenge methods; absent means the server may not support PKCE.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (code_challenge_methods_supported)

/**
 * oa2_server_metadata_get_dpop_signing_alg_values_supported:
 * @self: server metadata
 *
 * Gets `dpop_signing_alg_values_supported` (RFC 9449 §5.1): the signature algorithms of DPoP proofs.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (dpop_signing_alg_values_supported)

/**
 * oa2_server_metadata_get_backchannel_token_delivery_modes_supported:
 * @self: server metadata
 *
 * Gets `backchannel_token_delivery_modes_supported` (OpenID CIBA §4): the CIBA token delivery modes (`poll`, `ping`, `push`).
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (backchannel_token_delivery_modes_supported)

/**
 * oa2_server_metadata_get_backchannel_authentication_request_signing_alg_values_supported:
 * @self: server metadata
 *
 * Gets `backchannel_authentication_request_signing_alg_values_supported` (OpenID CIBA §4): the signature algorithms of signed CIBA requests.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (backchannel_authentication_request_signing_alg_values_supported)

/**
 * oa2_server_metadata_get_authorization_signing_alg_values_supported:
 * @self: server metadata
 *
 * Gets `authorization_signing_alg_values_supported` (OpenID JARM §4): the signature algorithms of JARM responses.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (authorization_signing_alg_values_supported)

/**
 * oa2_server_metadata_get_authorization_encryption_alg_values_supported:
 * @self: server metadata
 *
 * Gets `authorization_encryption_alg_values_supported` (OpenID JARM §4): the key management algorithms of encrypted JARM responses.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (authorization_encryption_alg_values_supported)

/**
 * oa2_server_metadata_get_authorization_encryption_enc_values_supported:
 * @self: server metadata
 *
 * Gets `authorization_encryption_enc_values_supported` (OpenID JARM §4): the content encryption algorithms of encrypted JARM responses.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (authorization_encryption_enc_values_supported)

/**
 * oa2_server_metadata_get_introspection_signing_alg_values_supported:
 * @self: server metadata
 *
 * Gets `introspection_signing_alg_values_supported` (RFC 9701 §7): the signature algorithms of JWT introspection responses.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (introspection_signing_alg_values_supported)

/**
 * oa2_server_metadata_get_introspection_encryption_alg_values_supported:
 * @self: server metadata
 *
 * Gets `introspection_encryption_alg_values_supported` (RFC 9701 §7): the key management algorithms of encrypted JWT introspection responses.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (introspection_encryption_alg_values_supported)

/**
 * oa2_server_metadata_get_introspection_encryption_enc_values_supported:
 * @self: server metadata
 *
 * Gets `introspection_encryption_enc_values_supported` (RFC 9701 §7): the content encryption algorithms of encrypted JWT introspection responses.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (introspection_encryption_enc_values_supported)

/**
 * oa2_server_metadata_get_authorization_details_types_supported:
 * @self: server metadata
 *
 * Gets `authorization_details_types_supported` (RFC 9396 §10): the authorization details types the server supports.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (authorization_details_types_supported)

/**
 * oa2_server_metadata_get_prompt_values_supported:
 * @self: server metadata
 *
 * Gets `prompt_values_supported` (OpenID Connect Prompt Create §4.1): the `prompt` values the server supports.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   values, or %NULL if absent
 */
DEFINE_LIST_GETTER (prompt_values_supported)

/**
 * oa2_server_metadata_get_claims_parameter_supported:
 * @self: server metadata
 *
 * Gets `claims_parameter_supported` (OpenID Connect Discovery §3): whether the server supports the `claims` request parameter. When the server does not say, the
 * specification's default applies: %FALSE.
 *
 * Returns: the value
 */
DEFINE_BOOLEAN_GETTER (claims_parameter_supported, FALSE)

/**
 * oa2_server_metadata_get_request_parameter_supported:
 * @self: server metadata
 *
 * Gets `request_parameter_supported` (OpenID Connect Discovery §3): whether the server supports the `request` parameter. When the server does not say, the
 * specification's default applies: %FALSE.
 *
 * Returns: the value
 */
DEFINE_BOOLEAN_GETTER (request_parameter_supported, FALSE)

/**
 * oa2_server_metadata_get_request_uri_parameter_supported:
 * @self: server metadata
 *
 * Gets `request_uri_parameter_supported` (OpenID Connect Discovery §3): whether the server supports the `request_uri` parameter. When the server does not say, the
 * specification's default applies: %TRUE.
 *
 * Returns: the value
 */
DEFINE_BOOLEAN_GETTER (request_uri_parameter_supported, TRUE)

/**
 * oa2_server_metadata_get_require_request_uri_registration:
 * @self: server metadata
 *
 * Gets `require_request_uri_registration` (OpenID Connect Discovery §3): whether `request_uri` values must be registered in advance. When the server does not say, the
 * specification's default applies: %FALSE.
 *
 * Returns: the value
 */
DEFINE_BOOLEAN_GETTER (require_request_uri_registration, FALSE)

/**
 * oa2_server_metadata_get_require_signed_request_object:
 * @self: server metadata
 *
 * Gets `require_signed_request_object` (RFC 9101 §10.5): whether authorization requests must be signed request objects. When the server does not say, the
 * specification's default applies: %FALSE.
 *
 * Returns: the value
 */
DEFINE_BOOLEAN_GETTER (require_signed_request_object, FALSE)

/**
 * oa2_server_metadata_get_authorization_response_iss_parameter_supported:
 * @self: server metadata
 *
 * Gets `authorization_response_iss_parameter_supported` (RFC 9207 §3): whether the server sends `iss` in authorization responses, which clients must then check. When the server does not say, the
 * specification's default applies: %FALSE.
 *
 * Returns: the value
 */
DEFINE_BOOLEAN_GETTER (authorization_response_iss_parameter_supported, FALSE)

/**
 * oa2_server_metadata_get_require_pushed_authorization_requests:
 * @self: server metadata
 *
 * Gets `require_pushed_authorization_requests` (RFC 9126 §5): whether authorization requests must be pushed first. When the server does not say, the
 * specification's default applies: %FALSE.
 *
 * Returns: the value
 */
DEFINE_BOOLEAN_GETTER (require_pushed_authorization_requests, FALSE)

/**
 * oa2_server_metadata_get_tls_client_certificate_bound_access_tokens:
 * @self: server metadata
 *
 * Gets `tls_client_certificate_bound_access_tokens` (RFC 8705 §3.3): whether the server binds access tokens to the client's TLS certificate. When the server does not say, the
 * specification's default applies: %FALSE.
 *
 * Returns: the value
 */
DEFINE_BOOLEAN_GETTER (tls_client_certificate_bound_access_tokens, FALSE)

/**
 * oa2_server_metadata_get_frontchannel_logout_supported:
 * @self: server metadata
 *
 * Gets `frontchannel_logout_supported` (OpenID Connect Front-Channel Logout §3): whether the server supports front-channel logout. When the server does not say, the
 * specification's default applies: %FALSE.
 *
 * Returns: the value
 */
DEFINE_BOOLEAN_GETTER (frontchannel_logout_supported, FALSE)

/**
 * oa2_server_metadata_get_frontchannel_logout_session_supported:
 * @self: server metadata
 *
 * Gets `frontchannel_logout_session_supported` (OpenID Connect Front-Channel Logout §3): whether front-channel logout requests carry `iss` and `sid`. When the server does not say, the
 * specification's default applies: %FALSE.
 *
 * Returns: the value
 */
DEFINE_BOOLEAN_GETTER (frontchannel_logout_session_supported, FALSE)

/**
 * oa2_server_metadata_get_backchannel_logout_supported:
 * @self: server metadata
 *
 * Gets `backchannel_logout_supported` (OpenID Connect Back-Channel Logout §2.1): whether the server supports back-channel logout. When the server does not say, the
 * specification's default applies: %FALSE.
 *
 * Returns: the value
 */
DEFINE_BOOLEAN_GETTER (backchannel_logout_supported, FALSE)

/**
 * oa2_server_metadata_get_backchannel_logout_session_supported:
 * @self: server metadata
 *
 * Gets `backchannel_logout_session_supported` (OpenID Connect Back-Channel Logout §2.1): whether logout tokens carry `sid`. When the server does not say, the
 * specification's default applies: %FALSE.
 *
 * Returns: the value
 */
DEFINE_BOOLEAN_GETTER (backchannel_logout_session_supported, FALSE)

/**
 * oa2_server_metadata_get_backchannel_user_code_parameter_supported:
 * @self: server metadata
 *
 * Gets `backchannel_user_code_parameter_supported` (OpenID CIBA §4): whether CIBA requests may carry a `user_code`. When the server does not say, the
 * specification's default applies: %FALSE.
 *
 * Returns: the value
 */
DEFINE_BOOLEAN_GETTER (backchannel_user_code_parameter_supported, FALSE)
