/* oa2-token-request-private.h: token request bodies for each grant
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-form-private.h"

G_BEGIN_DECLS

/* RFC 7523 §2.1 */
#define OA2_GRANT_TYPE_JWT_BEARER "urn:ietf:params:oauth:grant-type:jwt-bearer"
/* RFC 7522 §2.1 */
#define OA2_GRANT_TYPE_SAML2_BEARER "urn:ietf:params:oauth:grant-type:saml2-bearer"
/* RFC 8628 §3.4 */
#define OA2_GRANT_TYPE_DEVICE_CODE "urn:ietf:params:oauth:grant-type:device_code"

/* Adds the tail every grant shares (scope, resource indicators, extra
 * parameters) to @form, which the call owns: returned on success, freed
 * on error. */
OA2Form *oa2_token_form_finish               (OA2Form             *form,
                                              const char          *scope,
                                              const char * const  *resources,
                                              GHashTable          *extra_params,
                                              GError             **error);
OA2Form *oa2_token_form_from_params          (GHashTable          *params,
                                              const char * const  *resources,
                                              GError             **error);
OA2Form *oa2_token_form_client_credentials   (const char          *scope,
                                              const char * const  *resources,
                                              GHashTable          *extra_params,
                                              GError             **error);
OA2Form *oa2_token_form_authorization_code   (const char          *code,
                                              const char          *redirect_uri,
                                              const char          *code_verifier,
                                              const char * const  *resources,
                                              GHashTable          *extra_params,
                                              GError             **error);
OA2Form *oa2_token_form_refresh_token        (const char          *refresh_token,
                                              const char          *scope,
                                              const char * const  *resources,
                                              GHashTable          *extra_params,
                                              GError             **error);
OA2Form *oa2_token_form_password             (const char          *username,
                                              const char          *password,
                                              const char          *scope,
                                              const char * const  *resources,
                                              GHashTable          *extra_params,
                                              GError             **error);
OA2Form *oa2_token_form_jwt_bearer           (const char          *assertion,
                                              const char          *scope,
                                              const char * const  *resources,
                                              GHashTable          *extra_params,
                                              GError             **error);
/* @assertion is the SAML 2.0 assertion's XML, sent base64url-encoded
 * without padding (RFC 7522 §2.1). */
OA2Form *oa2_token_form_saml2_bearer         (GBytes              *assertion,
                                              const char          *scope,
                                              const char * const  *resources,
                                              GHashTable          *extra_params,
                                              GError             **error);
OA2Form *oa2_token_form_device_code          (const char          *device_code,
                                              const char * const  *resources,
                                              GHashTable          *extra_params,
                                              GError             **error);
OA2Form *oa2_device_authorization_form       (const char          *scope,
                                              const char * const  *resources,
                                              GHashTable          *extra_params,
                                              GError             **error);
/* RFC 7009 §2.1 and RFC 7662 §2.1 alike: the token (@no_token_message
 * when it is empty) and, if given, its type hint. */
OA2Form *oa2_token_hint_form                 (const char          *token,
                                              const char          *token_type_hint,
                                              const char          *no_token_message,
                                              GError             **error);

G_END_DECLS
