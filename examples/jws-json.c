/* jws-json.c: one payload, two signatures, in a JWS JSON serialization
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Offline, no server. An issuer rotates its signing key from ES256 to
 * EdDSA: during the rotation it signs its claims with both keys, so that
 * recipients that know either key accept them. The compact form holds one
 * signature only; the JWS JSON serialization (RFC 7515 §7.2) holds
 * several.
 *
 * The example signs with the old key (the flattened syntax), adds a
 * signature with the new key (the general syntax), and leaves the new
 * key's "kid" in an unprotected header. A recipient that knows only the
 * new key verifies the document with its key set. Last, it shows what the
 * signatures cover: a changed unprotected "kid" leaves them intact but
 * names no key of the set, and a changed payload breaks them.
 *
 *   ./jws-json
 *
 * The private keys are never printed.
 */

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <oauth2client-glib/oauth2client-glib.h>

#define ISSUER "https://issuer.example"

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

/* The names of an object's members, joined with commas. */
static char *
member_names (JsonObject *object)
{
  g_autoptr(GList) names = object != NULL ? json_object_get_members (object) : NULL;
  GString *text = g_string_new (NULL);

  for (GList *l = names; l != NULL; l = l->next)
    g_string_append_printf (text, "%s%s", text->len > 0 ? "," : "", (const char *) l->data);
  return g_string_free (text, FALSE);
}

/* What a recipient does: parse, then accept the document when one of its
 * signatures verifies with a key of @jwks (EdDSA or ES256 only; never
 * "none"), and its claims pass. Returns the index of that signature. */
static gboolean
receive (const char  *json,
         OA2Jwks     *jwks,
         OA2Jwt     **out_jwt,
         guint       *out_index,
         guint       *out_n_signatures,
         GError     **error)
{
  const char * const allowed_algs[] = { "EdDSA", "ES256", NULL };
  g_autoptr(GPtrArray) jwts = oa2_jwt_parse_json_serialization (json, error);
  g_autoptr(GError) last_error = NULL;

  if (jwts == NULL)
    return FALSE;
  for (guint i = 0; i < jwts->len; i++)
    {
      g_clear_error (&last_error);
      if (oa2_jwt_verify_with_jwks (jwts->pdata[i], jwks, allowed_algs, OA2_JWKS_KEY_POLICY_SINGLE, &last_error))
        {
          if (!oa2_jwt_check_typ (jwts->pdata[i], "JWT", error) ||
              !oa2_jwt_validate_claims (jwts->pdata[i], ISSUER, NULL, 30, error))
            return FALSE;
          *out_jwt = g_object_ref (jwts->pdata[i]);
          *out_index = i;
          *out_n_signatures = jwts->len;
          return TRUE;
        }
    }
  g_propagate_error (error, g_steal_pointer (&last_error));
  return FALSE;
}

/* @json with its first @from replaced by @to. */
static char *
replace (const char *json,
         const char *from,
         const char *to)
{
  const char *at = strstr (json, from);

  return at != NULL ? g_strdup_printf ("%.*s%s%s", (int) (at - json), json, to, at + strlen (from))
                    : g_strdup (json);
}

static void
show_refusal (const char *what,
              const char *json,
              OA2Jwks    *jwks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwt) jwt = NULL;
  guint index, n;

  if (receive (json, jwks, &jwt, &index, &n, &error))
    {
      g_printerr ("jws-json: the %s was accepted!\n", what);
      exit (EXIT_FAILURE);
    }
  g_print ("%s: refused: %s (%s, code %d)\n", what, error->message, error_code_name (error), error->code);
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) old_key = NULL;
  g_autoptr(OA2Jwk) new_key = NULL;
  g_autoptr(OA2Jwk) new_public = NULL;
  g_autoptr(OA2Jwks) recipient_keys = NULL;
  g_autoptr(JsonObject) protected_header = json_object_new ();
  g_autoptr(JsonObject) unprotected_header = json_object_new ();
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(OA2Jwt) verified = NULL;
  g_autofree char *claims = NULL;
  g_autofree char *flattened = NULL;
  g_autofree char *general = NULL;
  g_autofree char *renamed = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *protected_names = NULL;
  g_autofree char *unprotected_names = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint index, n_signatures;

  setlocale (LC_ALL, "");

  /* 1. The old key and the new one. */
  old_key = oa2_jwk_generate ("ES256", &error);
  if (old_key != NULL)
    new_key = oa2_jwk_generate ("EdDSA", &error);
  if (new_key == NULL)
    {
      g_printerr ("jws-json: %s\n", error->message);
      return EXIT_FAILURE;
    }

  /* 2. Sign with the old key: the flattened syntax, everything protected. */
  claims = g_strdup_printf ("{\"iss\":\"%s\",\"sub\":\"alice\",\"exp\":%" G_GINT64_FORMAT "}", ISSUER, now + 300);
  payload = g_bytes_new (claims, strlen (claims));
  json_object_set_string_member (protected_header, "typ", "JWT");
  flattened = oa2_jwt_sign_json (payload, old_key, "ES256", protected_header, NULL, &error);
  if (flattened == NULL)
    {
      g_printerr ("jws-json: %s\n", error->message);
      return EXIT_FAILURE;
    }
  g_print ("flattened:      %s\n", flattened);

  /* 3. Add a signature with the new key, whose "kid" stays unprotected:
   * the general syntax. */
  json_object_set_string_member (unprotected_header, "kid", oa2_jwk_get_kid (new_key));
  general = oa2_jwt_add_json_signature (flattened, new_key, "EdDSA", protected_header, unprotected_header, &error);
  if (general == NULL)
    {
      g_printerr ("jws-json: %s\n", error->message);
      return EXIT_FAILURE;
    }
  g_print ("general:        %s\n", general);

  /* 4. A recipient that knows only the new key. */
  new_public = oa2_jwk_dup_public (new_key);
  recipient_keys = oa2_jwks_new (&new_public, 1);
  if (!receive (general, recipient_keys, &verified, &index, &n_signatures, &error))
    {
      g_printerr ("jws-json: the genuine document was refused: %s\n", error->message);
      return EXIT_FAILURE;
    }
  protected_names = member_names (oa2_jwt_get_protected_header (verified));
  unprotected_names = member_names (oa2_jwt_get_unprotected_header (verified));
  g_print ("verified:       signature %u of %u, %s with key %s; subject %s\n", index + 1, n_signatures,
           oa2_jwt_get_alg (verified), oa2_jwt_get_kid (verified), oa2_jwt_get_string_claim (verified, "sub"));
  g_print ("covered:        %s; not covered: %s\n", protected_names, unprotected_names);

  /* 5. Change the unprotected "kid": the signature still holds, but no key
   * of the set has that name. Change the payload: no signature holds. */
  renamed = replace (general, oa2_jwk_get_kid (new_key), "someone-else");
  show_refusal ("renamed kid", renamed, recipient_keys);
  {
    g_autofree char *other_claims = g_strdup_printf ("{\"iss\":\"%s\",\"sub\":\"mallory\",\"exp\":%" G_GINT64_FORMAT "}",
                                                     ISSUER, now + 300);
    g_autofree char *payload_b64 = base64url_encode (claims);
    g_autofree char *other_b64 = base64url_encode (other_claims);

    forged = replace (general, payload_b64, other_b64);
  }
  show_refusal ("forged payload", forged, recipient_keys);
  return EXIT_SUCCESS;
}
