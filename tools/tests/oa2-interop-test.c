/* oa2-interop-test.c: the oa2 tool against a real OpenID provider
 * (tests/interop/provider): "oa2 api --client-credentials" calling the
 * protected resource of its auth-handler block with a secret from a file
 * (Bearer), with --dpop (DPoP, the authorization server's and the
 * resource's nonces met on the way), and with private_key_jwt and --dpop;
 * and "oa2 token saml2-bearer" with the provider's SAML 2.0 bearer grant.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "oa2-provider.h"

static OA2Provider *provider;

/* Runs the tool (OA2_TOOL) with @args and OA2_INTEROP_SECRET=@secret;
 * returns the resource's JSON answer, checking the exit status is 0. */
static JsonObject *
run_api (const char * const *args,
         const char         *secret)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *uri = oa2_provider_endpoint (provider, "/test/resource");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("OA2_TOOL"));
  g_ptr_array_add (argv, "api");
  g_ptr_array_add (argv, "GET");
  g_ptr_array_add (argv, uri);
  g_ptr_array_add (argv, "--client-credentials");
  g_ptr_array_add (argv, "--issuer");
  g_ptr_array_add (argv, (char *) oa2_provider_get_issuer (provider));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  if (secret != NULL)
    envp = g_environ_setenv (envp, "OA2_INTEROP_SECRET", secret, TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &wait_status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, NULL))
    g_error ("oa2 api failed: %s", err);
  g_assert_nonnull (strstr (err, "HTTP 200"));
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* A file only the user can read, as the tool wants for a secret or key. */
static char *
write_private (const char *name,
               const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("oa2-interop-XXXXXX", &error);
  char *path;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
  return path;
}

static void
remove_private (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_secret_file (void)
{
  g_autofree char *secret = write_private ("secret", "post-secret-0123456789\n");
  const char *args[] = { "--client-id", "oa2-post", "--client-secret-file", secret, "--scope", "api:read", NULL };
  g_autoptr(JsonObject) answer = run_api (args, NULL);

  g_assert_cmpstr (json_object_get_string_member (answer, "client_id"), ==, "oa2-post");
  g_assert_cmpstr (json_object_get_string_member (answer, "scheme"), ==, "Bearer");
  remove_private (secret);
}

/* oa2-dpop-nonce: the authorization server and the resource each want a
 * nonce in the proof first (use_dpop_nonce), which the library answers. */
static void
test_dpop_nonce (void)
{
  const char *args[] = { "--client-id", "oa2-dpop-nonce", "--client-secret-env", "OA2_INTEROP_SECRET",
                         "--scope", "api:read", "--dpop", NULL };
  g_autoptr(JsonObject) answer = run_api (args, "dpop-nonce-secret-0123456789");

  g_assert_cmpstr (json_object_get_string_member (answer, "client_id"), ==, "oa2-dpop-nonce");
  g_assert_cmpstr (json_object_get_string_member (answer, "scheme"), ==, "DPoP");
}

/* private_key_jwt with a fixed test key of client-keys.json, and a DPoP
 * key of another algorithm. */
static void
test_private_key_jwt_dpop (void)
{
  g_autofree char *keys_path = g_build_filename (g_getenv ("OA2_PROVIDER_DIR"), "client-keys.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *key_path = NULL;
  g_autoptr(JsonObject) answer = NULL;
  JsonArray *keys;

  json_parser_load_from_file (parser, keys_path, &error);
  g_assert_no_error (error);
  keys = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "keys");
  for (guint i = 0; i < json_array_get_length (keys) && key_path == NULL; i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (keys, i), "alg"), "ES256") == 0)
      {
        g_autofree char *text = json_to_string (json_array_get_element (keys, i), FALSE);

        key_path = write_private ("client.jwk", text);
      }
  g_assert_nonnull (key_path);

  {
    const char *args[] = { "--client-id", "oa2-private-key-jwt-ES256", "--auth", "private_key_jwt",
                           "--key", key_path, "--dpop", "--dpop-alg", "EdDSA", NULL };

    answer = run_api (args, NULL);
  }
  g_assert_cmpstr (json_object_get_string_member (answer, "client_id"), ==, "oa2-private-key-jwt-ES256");
  g_assert_cmpstr (json_object_get_string_member (answer, "scheme"), ==, "DPoP");
  remove_private (key_path);
}

/* oa2 token saml2-bearer: the provider (its wt-saml2 block) takes an
 * assertion whose XML holds its test marker, and refuses any other with
 * invalid_grant, which the tool reports with exit status 1. */
static gboolean
run_saml2_bearer (const char  *xml,
                  char       **out_err)
{
  g_autofree char *path = write_private ("assertion.xml", xml);
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "OA2_INTEROP_SECRET", "saml2-secret-0123456789", TRUE);
  const char *argv[] = { g_getenv ("OA2_TOOL"), "token", "saml2-bearer",
                         "--issuer", oa2_provider_get_issuer (provider),
                         "--client-id", "oa2-saml2-bearer", "--client-secret-env", "OA2_INTEROP_SECRET",
                         "--assertion-file", path, "--scope", "api:read", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, out_err, &wait_status, &error);
  g_assert_no_error (error);
  remove_private (path);
  return g_spawn_check_wait_status (wait_status, NULL);
}

static void
test_saml2_bearer (void)
{
  g_autofree char *err = NULL;

  if (!run_saml2_bearer ("<saml:Assertion ID=\"_t1\"><saml:Issuer>oa2-interop-saml2-test-marker"
                         "</saml:Issuer></saml:Assertion>\n", &err))
    g_error ("oa2 token saml2-bearer failed: %s", err);
  g_clear_pointer (&err, g_free);
  g_assert_false (run_saml2_bearer ("<saml:Assertion ID=\"_t2\"/>\n", &err));
  g_assert_nonnull (strstr (err, "invalid_grant"));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  provider = oa2_provider_start ();

  g_test_add_func ("/oa2/interop/tool/api/client-secret-file", test_secret_file);
  g_test_add_func ("/oa2/interop/tool/api/dpop-nonce", test_dpop_nonce);
  g_test_add_func ("/oa2/interop/tool/api/private-key-jwt-dpop", test_private_key_jwt_dpop);
  g_test_add_func ("/oa2/interop/tool/token/saml2-bearer", test_saml2_bearer);

  status = g_test_run ();
  oa2_provider_stop (provider);
  return status;
}
