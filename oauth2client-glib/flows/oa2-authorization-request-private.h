/* oa2-authorization-request-private.h: what the client's PAR call needs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-authorization-request.h"
#include "oa2-form-private.h"
#include "oa2-jwk.h"

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The instance, shared by the files of the class (oa2-authorization-
 * request.c, -json.c for saving and restoring, -jar.c for request
 * objects, -properties.c). */
struct _OA2AuthorizationRequest
{
  GObject        parent_instance;

  char          *authorization_endpoint;
  char          *client_id;
  char          *redirect_uri;
  char          *scope;
  char          *response_type;
  char          *state;            /* secret */
  char          *nonce;            /* secret */
  OA2PkceMethod  pkce_method;
  char          *code_verifier;    /* secret */
  char          *prompt;
  gint64         max_age;          /* -1: none */
  char          *login_hint;
  char          *id_token_hint;
  char          *ui_locales;
  char          *acr_values;
  char          *claims;
  char          *authorization_details;
  char          *response_mode;
  char          *dpop_jkt;
  GPtrArray     *resources;        /* NULL-terminated */
  GPtrArray     *custom;           /* name, value, name, value… */
  char          *issuer;
  gboolean       require_issuer;
  char          *request_uri;      /* after a push */
  GDateTime     *request_uri_expires_at;
  /* JAR (RFC 9101), see oa2-authorization-request-jar.c */
  OA2Jwk        *request_object_key;       /* private: never saved */
  char          *request_object_alg;
  char          *request_object_key_id;    /* the key's thumbprint: saved */
  OA2Jwk        *request_object_encryption_key;  /* the server's, public */
  char          *request_object_encryption_alg;
  char          *request_object_encryption_enc;
};

/* The properties (oa2-authorization-request-properties.c): installed by
 * class_init, and notified by the setters. */
typedef enum {
  OA2_AUTHORIZATION_REQUEST_PROP_0,
  OA2_AUTHORIZATION_REQUEST_PROP_AUTHORIZATION_ENDPOINT,
  OA2_AUTHORIZATION_REQUEST_PROP_CLIENT_ID,
  OA2_AUTHORIZATION_REQUEST_PROP_REDIRECT_URI,
  OA2_AUTHORIZATION_REQUEST_PROP_SCOPE,
  OA2_AUTHORIZATION_REQUEST_PROP_RESPONSE_TYPE,
  OA2_AUTHORIZATION_REQUEST_PROP_STATE,
  OA2_AUTHORIZATION_REQUEST_PROP_NONCE,
  OA2_AUTHORIZATION_REQUEST_PROP_PKCE_METHOD,
  OA2_AUTHORIZATION_REQUEST_PROP_PROMPT,
  OA2_AUTHORIZATION_REQUEST_PROP_MAX_AGE,
  OA2_AUTHORIZATION_REQUEST_PROP_LOGIN_HINT,
  OA2_AUTHORIZATION_REQUEST_PROP_ID_TOKEN_HINT,
  OA2_AUTHORIZATION_REQUEST_PROP_UI_LOCALES,
  OA2_AUTHORIZATION_REQUEST_PROP_ACR_VALUES,
  OA2_AUTHORIZATION_REQUEST_PROP_CLAIMS,
  OA2_AUTHORIZATION_REQUEST_PROP_AUTHORIZATION_DETAILS,
  OA2_AUTHORIZATION_REQUEST_PROP_RESPONSE_MODE,
  OA2_AUTHORIZATION_REQUEST_PROP_DPOP_JKT,
  OA2_AUTHORIZATION_REQUEST_PROP_RESOURCES,
  OA2_AUTHORIZATION_REQUEST_PROP_ISSUER,
  OA2_AUTHORIZATION_REQUEST_PROP_REQUIRE_ISSUER,
  OA2_AUTHORIZATION_REQUEST_PROP_REQUEST_URI,
  OA2_AUTHORIZATION_REQUEST_PROP_REQUEST_URI_EXPIRES_AT,
  OA2_AUTHORIZATION_REQUEST_PROP_REQUEST_OBJECT_ALG,
  OA2_AUTHORIZATION_REQUEST_PROP_REQUEST_OBJECT_ENCRYPTION_ALG,
  OA2_AUTHORIZATION_REQUEST_N_PROPS
} OA2AuthorizationRequestProperty;

void     oa2_authorization_request_install_properties (GObjectClass                    *object_class);
void     oa2_authorization_request_notify             (OA2AuthorizationRequest         *self,
                                                       OA2AuthorizationRequestProperty  prop);

/* Replaces the string *@field with a copy of @value; empty is NULL. */
void     oa2_authorization_request_replace   (char       **field,
                                              const char  *value);
/* Sets *@field to @text, a JSON object (or array, with @want_array),
 * compacted; NULL clears it. @name is the parameter, for the message. */
gboolean oa2_authorization_request_set_json  (char       **field,
                                              const char  *text,
                                              gboolean     want_array,
                                              const char  *name,
                                              GError     **error);

/* Every parameter of the request, in the order the URI has them, for a
 * pushed authorization request (RFC 9126 §2.1) when @pushed; with a
 * request-object key, client_id and the request object instead. */
OA2Form *oa2_authorization_request_to_form   (OA2AuthorizationRequest  *self,
                                              gboolean                  pushed,
                                              GError                  **error);
/* Records the server's answer to the push: from now on the URI carries
 * client_id and request_uri alone. */
void     oa2_authorization_request_set_pushed (OA2AuthorizationRequest *self,
                                               const char              *request_uri,
                                               gint64                   expires_at);

/* JARM: whether the response mode is one of JARM's; a table for response
 * parameters (values wiped); the parameters of a redirect URI, from the
 * query or fragment as the response mode says; and the checks of
 * validate_callback on parameters (@params is taken). */
gboolean    oa2_authorization_request_is_jarm         (OA2AuthorizationRequest *self);
GHashTable *oa2_authorization_request_new_params      (void);
GHashTable *oa2_authorization_request_parse_callback  (OA2AuthorizationRequest  *self,
                                                       const char               *uri,
                                                       GError                  **error);
OA2AuthorizationResponse *oa2_authorization_request_validate_params (OA2AuthorizationRequest  *self,
                                                                     GHashTable               *params,
                                                                     GError                  **error);

/* JAR: whether the parameters travel in a request object, and the form
 * that carries it (RFC 9101 §5; for a push, RFC 9126 §3). @form holds
 * every parameter, as oa2_authorization_request_to_form() makes it. */
gboolean oa2_authorization_request_uses_request_object (OA2AuthorizationRequest *self);
OA2Form *oa2_authorization_request_jar_form           (OA2AuthorizationRequest  *self,
                                                       OA2Form                  *form,
                                                       gboolean                  pushed,
                                                       GError                  **error);
void     oa2_authorization_request_jar_clear          (OA2AuthorizationRequest *self);
void     oa2_authorization_request_jar_save           (OA2AuthorizationRequest *self,
                                                       JsonBuilder             *builder);
gboolean oa2_authorization_request_jar_restore        (OA2AuthorizationRequest  *self,
                                                       JsonObject               *object,
                                                       GError                  **error);

G_END_DECLS
