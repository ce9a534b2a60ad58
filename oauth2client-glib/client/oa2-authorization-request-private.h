/* oa2-authorization-request-private.h: what the client's PAR call needs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-authorization-request.h"
#include "oa2-form-private.h"

G_BEGIN_DECLS

/* The instance, shared by the files of the class (oa2-authorization-
 * request.c, and -json.c for saving and restoring). */
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
};

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
 * pushed authorization request (RFC 9126 §2.1). */
OA2Form *oa2_authorization_request_to_form   (OA2AuthorizationRequest  *self,
                                              GError                  **error);
/* Records the server's answer to the push: from now on the URI carries
 * client_id and request_uri alone. */
void     oa2_authorization_request_set_pushed (OA2AuthorizationRequest *self,
                                               const char              *request_uri,
                                               gint64                   expires_at);

G_END_DECLS
