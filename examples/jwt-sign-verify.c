/* jwt-sign-verify.c: make a key, sign a JWT, verify it, refuse a forgery
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Offline, no server: generates an ES256 key, prints its public JWK and its
 * RFC 7638 thumbprint, signs claims that expire in five minutes, then
 * verifies the token the way a recipient does: with the public key only,
 * an allow-list of algorithms, and the claims checked (issuer, audience,
 * expiry with some leeway). Last, it forges the claims of the token and
 * shows that verification refuses them, with the error code.
 *
 *   ./jwt-sign-verify
 *
 * The private key is never printed; oa2_jwk_to_json (key, TRUE) would
 * print it, and has no place in a log.
 */

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <oauth2client-glib/oauth2client-glib.h>

#define ISSUER   "https://issuer.example"
#define AUDIENCE "https://api.example"

/* The name of an OA2Error code, such as OA2_ERROR_INVALID_SIGNATURE. */
static const char *
error_code_name (const GError *error)
{
  g_autoptr(GEnumClass) enum_class = NULL;
  GEnumValue *value;

  if (error->domain != OA2_ERROR)
    return "?";
  enum_class = g_type_class_ref (OA2_TYPE_ERROR);
  value = g_enum_get_value (enum_class, error->code);
  return value != NULL ? value->value_name : "?";
}

/* base64url without padding (RFC 7515 §2), to forge a payload. */
static char *
base64url_encode (const char *text)
{
  char *encoded = g_base64_encode ((const guchar *) text, strlen (text));

  for (char *p = encoded; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return encoded;
}

/* The token a recipient received: parse, verify, validate. */
static OA2Jwt *
receive (const char  *token,
         OA2Jwk      *public_key,
         GError     **error)
{
  /* Only what this recipient expects; never "none". */
  const char * const allowed_algs[] = { "ES256", NULL };
  g_autoptr(OA2Jwt) jwt = oa2_jwt_new_from_compact (token, error);

  if (jwt == NULL ||
      !oa2_jwt_verify (jwt, public_key, allowed_algs, error) ||
      !oa2_jwt_validate_claims (jwt, ISSUER, AUDIENCE, 30 /* seconds of leeway */, error))
    return NULL;
  return g_steal_pointer (&jwt);
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) key = NULL;
  g_autoptr(OA2Jwk) public_key = NULL;
  g_autoptr(JsonObject) claims = json_object_new ();
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(OA2Jwt) received = NULL;
  g_autofree char *public_json = NULL;
  g_autofree char *thumbprint = NULL;
  g_autofree char *token = NULL;
  g_autofree char *forged_payload = NULL;
  g_autofree char *forged = NULL;
  g_auto(GStrv) parts = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  setlocale (LC_ALL, "");

  /* 1. A new P-256 key for ES256; its kid is its thumbprint. */
  key = oa2_jwk_generate ("ES256", &error);
  if (key == NULL)
    {
      g_printerr ("jwt-sign-verify: %s\n", error->message);
      return EXIT_FAILURE;
    }
  public_key = oa2_jwk_dup_public (key);
  public_json = oa2_jwk_to_json (public_key, FALSE);
  thumbprint = oa2_jwk_dup_thumbprint (key);
  g_print ("public key:   %s\n", public_json);
  g_print ("thumbprint:   %s\n", thumbprint);

  /* 2. Sign claims that expire in five minutes. */
  json_object_set_string_member (claims, "iss", ISSUER);
  json_object_set_string_member (claims, "sub", "alice");
  json_object_set_string_member (claims, "aud", AUDIENCE);
  json_object_set_int_member (claims, "iat", now);
  json_object_set_int_member (claims, "exp", now + 300);
  json_object_set_string_member (header, "typ", "JWT");
  token = oa2_jwt_sign_claims (claims, key, "ES256", header, &error);
  if (token == NULL)
    {
      g_printerr ("jwt-sign-verify: %s\n", error->message);
      return EXIT_FAILURE;
    }
  g_print ("token:        %s\n", token);

  /* 3. Verify it as a recipient that holds the public key only. */
  received = receive (token, public_key, &error);
  if (received == NULL)
    {
      g_printerr ("jwt-sign-verify: the genuine token was refused: %s\n", error->message);
      return EXIT_FAILURE;
    }
  g_print ("verified:     %s, signed with %s by key %s, for %s\n",
           oa2_jwt_get_string_claim (received, "sub"), oa2_jwt_get_alg (received),
           oa2_jwt_get_kid (received), AUDIENCE);

  /* 4. Forge the claims (another subject), keep the signature. */
  parts = g_strsplit (token, ".", 3);
  json_object_set_string_member (claims, "sub", "mallory");
  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), claims);
    g_autofree char *json = json_to_string (node, FALSE);

    forged_payload = base64url_encode (json);
  }
  forged = g_strjoin (".", parts[0], forged_payload, parts[2], NULL);

  g_clear_error (&error);
  g_clear_object (&received);
  received = receive (forged, public_key, &error);
  if (received != NULL)
    {
      g_printerr ("jwt-sign-verify: the forged token was accepted!\n");
      return EXIT_FAILURE;
    }
  g_print ("forged token: refused: %s (%s, code %d)\n", error->message, error_code_name (error), error->code);
  return EXIT_SUCCESS;
}
