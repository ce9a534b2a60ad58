/* oa2-authorization-request-json.c: saving a pending authorization request
 * and restoring it, for applications that restart while the user signs in
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "oa2-authorization-request-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-json-private.h"

/* Changed when the members change meaning; older texts are refused. */
#define SAVED_FORMAT_VERSION 1

/* Saving and restoring. */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/**
 * oa2_authorization_request_to_json:
 * @self: a request
 *
 * Saves the request, so that an application that restarts while the user
 * signs in can validate the response with
 * [ctor@OA2.AuthorizationRequest.new_from_json].
 *
 * The text holds the PKCE verifier, the `state` and the `nonce`: store it
 * as a secret (in the keyring, or a file only the user reads), delete it
 * once the response is validated, and wipe the string when done with it.
 * A request-object signing key is not saved (only its thumbprint): set it
 * again on the restored request to make another URI.
 *
 * Returns: (transfer full): the request as a JSON object
 */
char *
oa2_authorization_request_to_json (OA2AuthorizationRequest *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;

  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, SAVED_FORMAT_VERSION);
  add_string (builder, "authorization_endpoint", self->authorization_endpoint);
  add_string (builder, "client_id", self->client_id);
  add_string (builder, "redirect_uri", self->redirect_uri);
  add_string (builder, "scope", self->scope);
  add_string (builder, "response_type", self->response_type);
  add_string (builder, "state", self->state);
  add_string (builder, "nonce", self->nonce);
  add_string (builder, "code_challenge_method",
              self->pkce_method == OA2_PKCE_METHOD_S256 ? "S256" :
              self->pkce_method == OA2_PKCE_METHOD_PLAIN ? "plain" : "none");
  add_string (builder, "code_verifier", self->code_verifier);
  add_string (builder, "prompt", self->prompt);
  if (self->max_age >= 0)
    {
      json_builder_set_member_name (builder, "max_age");
      json_builder_add_int_value (builder, self->max_age);
    }
  add_string (builder, "login_hint", self->login_hint);
  add_string (builder, "id_token_hint", self->id_token_hint);
  add_string (builder, "ui_locales", self->ui_locales);
  add_string (builder, "acr_values", self->acr_values);
  add_string (builder, "claims", self->claims);
  add_string (builder, "authorization_details", self->authorization_details);
  add_string (builder, "response_mode", self->response_mode);
  add_string (builder, "dpop_jkt", self->dpop_jkt);
  if (self->resources->len > 1)
    {
      json_builder_set_member_name (builder, "resource");
      json_builder_begin_array (builder);
      for (guint i = 0; self->resources->pdata[i] != NULL; i++)
        json_builder_add_string_value (builder, self->resources->pdata[i]);
      json_builder_end_array (builder);
    }
  if (self->custom->len > 0)
    {
      /* Pairs in an array: a JSON object would not keep their order. */
      json_builder_set_member_name (builder, "parameters");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->custom->len; i++)
        json_builder_add_string_value (builder, self->custom->pdata[i]);
      json_builder_end_array (builder);
    }
  add_string (builder, "issuer", self->issuer);
  if (self->require_issuer)
    {
      json_builder_set_member_name (builder, "require_issuer");
      json_builder_add_boolean_value (builder, TRUE);
    }
  add_string (builder, "request_uri", self->request_uri);
  if (self->request_uri_expires_at != NULL)
    {
      json_builder_set_member_name (builder, "request_uri_expires_at");
      json_builder_add_int_value (builder, g_date_time_to_unix (self->request_uri_expires_at));
    }
  oa2_authorization_request_jar_save (self, builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = oa2_json_to_string (root);
  oa2_json_wipe_strings (root);
  return text;
}

static gboolean
invalid_saved (const char  *name,
               GError     **error)
{
  g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
               /* Translators: %s is a member name such as "state" */
               _("The saved authorization request has an invalid “%s”"), name);
  return FALSE;
}

static gboolean
get_int (JsonObject  *object,
         const char  *name,
         gint64      *out_value,
         GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0)
    return invalid_saved (name, error);
  *out_value = json_node_get_int (node);
  return TRUE;
}

static gboolean
get_strings (JsonObject  *object,
             const char  *name,
             JsonArray  **out_array,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out_array = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid_saved (name, error);
  *out_array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (*out_array); i++)
    {
      JsonNode *element = json_array_get_element (*out_array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING ||
          *json_node_get_string (element) == '\0')
        return invalid_saved (name, error);
    }
  return TRUE;
}

static gboolean
restore (OA2AuthorizationRequest  *self,
         JsonObject               *object,
         GError                  **error)
{
  const char *state = NULL, *nonce = NULL, *method = NULL, *verifier = NULL;
  const char *response_type = NULL, *claims = NULL, *details = NULL, *request_uri = NULL;
  const char *text = NULL;
  JsonArray *resources = NULL, *parameters = NULL;
  JsonNode *require_node;
  gint64 expires_at = 0;
  struct { const char *name; char **field; } plain[] = {
    { "prompt", &self->prompt },
    { "login_hint", &self->login_hint },
    { "id_token_hint", &self->id_token_hint },
    { "ui_locales", &self->ui_locales },
    { "acr_values", &self->acr_values },
    { "response_mode", &self->response_mode },
    { "dpop_jkt", &self->dpop_jkt },
    { "issuer", &self->issuer },
  };

  if (!oa2_json_get_string (object, "response_type", FALSE, &response_type, error) ||
      !oa2_json_get_string (object, "state", TRUE, &state, error) ||
      !oa2_json_get_string (object, "nonce", FALSE, &nonce, error) ||
      !oa2_json_get_string (object, "code_challenge_method", TRUE, &method, error) ||
      !oa2_json_get_string (object, "code_verifier", FALSE, &verifier, error) ||
      !oa2_json_get_string (object, "claims", FALSE, &claims, error) ||
      !oa2_json_get_string (object, "authorization_details", FALSE, &details, error) ||
      !oa2_json_get_string (object, "request_uri", FALSE, &request_uri, error) ||
      !get_int (object, "max_age", &self->max_age, error) ||
      !get_int (object, "request_uri_expires_at", &expires_at, error) ||
      !get_strings (object, "resource", &resources, error) ||
      !get_strings (object, "parameters", &parameters, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      if (!oa2_json_get_string (object, plain[i].name, FALSE, &text, error))
        return FALSE;
      oa2_authorization_request_replace (plain[i].field, text);
    }

  oa2_authorization_request_set_response_type (self, response_type);
  if (!oa2_authorization_request_set_state (self, state, NULL))
    return invalid_saved ("state", error);
  oa2_authorization_request_set_nonce (self, nonce);

  if (g_str_equal (method, "S256"))
    oa2_authorization_request_set_pkce_method (self, OA2_PKCE_METHOD_S256);
  else if (g_str_equal (method, "plain"))
    oa2_authorization_request_set_pkce_method (self, OA2_PKCE_METHOD_PLAIN);
  else if (g_str_equal (method, "none"))
    oa2_authorization_request_set_pkce_method (self, OA2_PKCE_METHOD_NONE);
  else
    return invalid_saved ("code_challenge_method", error);
  /* A saved request without its verifier could not redeem its code. */
  if ((self->pkce_method == OA2_PKCE_METHOD_NONE) != (verifier == NULL))
    return invalid_saved ("code_verifier", error);
  if (verifier != NULL && !oa2_authorization_request_set_code_verifier (self, verifier, NULL))
    return invalid_saved ("code_verifier", error);

  if (!oa2_authorization_request_set_json (&self->claims, claims, FALSE, "claims", NULL))
    return invalid_saved ("claims", error);
  if (!oa2_authorization_request_set_json (&self->authorization_details, details, TRUE, "authorization_details", NULL))
    return invalid_saved ("authorization_details", error);

  for (guint i = 0; resources != NULL && i < json_array_get_length (resources); i++)
    oa2_authorization_request_add_resource (self, json_array_get_string_element (resources, i));
  if (parameters != NULL && json_array_get_length (parameters) % 2 != 0)
    return invalid_saved ("parameters", error);
  for (guint i = 0; parameters != NULL && i < json_array_get_length (parameters); i += 2)
    if (!oa2_authorization_request_set_parameter (self, json_array_get_string_element (parameters, i),
                                                  json_array_get_string_element (parameters, i + 1), NULL))
      return invalid_saved ("parameters", error);

  require_node = json_object_get_member (object, "require_issuer");
  if (require_node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (require_node) || json_node_get_value_type (require_node) != G_TYPE_BOOLEAN)
        return invalid_saved ("require_issuer", error);
      self->require_issuer = json_node_get_boolean (require_node);
    }
  if (request_uri != NULL)
    oa2_authorization_request_set_pushed (self, request_uri, expires_at);
  return oa2_authorization_request_jar_restore (self, object, error);
}

/**
 * oa2_authorization_request_new_from_json:
 * @json: what [method@OA2.AuthorizationRequest.to_json] made
 * @error: return location for a #GError
 *
 * Restores a saved request, with its `state`, `nonce` and PKCE verifier,
 * to validate the response it gets.
 *
 * Returns: (transfer full): the request, or %NULL with @error set
 *   (%OA2_ERROR_INVALID_JSON, %OA2_ERROR_MISSING_MEMBER,
 *   %OA2_ERROR_INVALID_MEMBER, or the errors of
 *   [ctor@OA2.AuthorizationRequest.new])
 */
OA2AuthorizationRequest *
oa2_authorization_request_new_from_json (const char  *json,
                                         GError     **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(OA2AuthorizationRequest) self = NULL;
  const char *endpoint = NULL, *client_id = NULL, *redirect_uri = NULL, *scope = NULL;
  gint64 version = 0;
  gboolean ok;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  oa2_i18n_init ();

  /* Empty text is no saved request, not an empty server response. */
  object = *json != '\0' ? oa2_json_parse_object (json, strlen (json), error) : NULL;
  if (object == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_JSON,
                             _("The saved authorization request is empty"));
      return NULL;
    }

  if (!get_int (object, "version", &version, error))
    ok = FALSE;
  else if (version != SAVED_FORMAT_VERSION)
    ok = invalid_saved ("version", error);
  else
    ok = oa2_json_get_string (object, "authorization_endpoint", TRUE, &endpoint, error) &&
         oa2_json_get_string (object, "client_id", TRUE, &client_id, error) &&
         oa2_json_get_string (object, "redirect_uri", FALSE, &redirect_uri, error) &&
         oa2_json_get_string (object, "scope", FALSE, &scope, error) &&
         (self = oa2_authorization_request_new (endpoint, client_id, redirect_uri, scope, error)) != NULL &&
         restore (self, object, error);

  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

    oa2_json_wipe_strings (node);
  }
  if (!ok)
    return NULL;
  return g_steal_pointer (&self);
}

