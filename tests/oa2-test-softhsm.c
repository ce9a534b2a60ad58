/* oa2-test-softhsm.c: a SoftHSM2 token made for one test run
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The keys are generated inside the token (C_GenerateKeyPair through
 * GnuTLS), marked sensitive and never extractable, as a real card's would
 * be; the library under test sees only their URIs.
 */

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <gnutls/pkcs11.h>

#include <oauth2client-glib/oauth2client-glib.h>

#include "oa2-test-softhsm.h"

/* RFC 8410 §10.3: an Ed25519 private key in PKCS #8. */
static const char ed25519_pkcs8[] =
  "-----BEGIN PRIVATE KEY-----\n"
  "MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n"
  "-----END PRIVATE KEY-----\n";

static const char * const module_candidates[] = {
  "/usr/lib/softhsm/libsofthsm2.so",
  "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
  "/usr/lib64/pkcs11/libsofthsm2.so",
  "/usr/lib/pkcs11/libsofthsm2.so",
  "/usr/local/lib/softhsm/libsofthsm2.so",
};

char *
oa2_test_softhsm_find_module (char **why)
{
  const char *env = g_getenv ("OA2_TEST_SOFTHSM_MODULE");
  g_autofree char *util = g_find_program_in_path ("softhsm2-util");

  if (util == NULL)
    {
      *why = g_strdup ("softhsm2-util is not installed (Debian: apt install softhsm2)");
      return NULL;
    }
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  for (guint i = 0; i < G_N_ELEMENTS (module_candidates); i++)
    if (g_file_test (module_candidates[i], G_FILE_TEST_EXISTS))
      return g_strdup (module_candidates[i]);
  *why = g_strdup ("the SoftHSM2 module libsofthsm2.so was not found; set OA2_TEST_SOFTHSM_MODULE");
  return NULL;
}

/* Only while the keys are generated: GnuTLS asks for the user PIN. */
static int
setup_pin (void         *userdata,
           int           attempt,
           const char   *token_url,
           const char   *token_label,
           unsigned int  flags,
           char         *pin,
           size_t        pin_max)
{
  if (attempt > 0)
    return GNUTLS_E_PKCS11_PIN_ERROR;
  g_strlcpy (pin, OA2_TEST_TOKEN_PIN, pin_max);
  return 0;
}

static gboolean
generate (const char           *label,
          gnutls_pk_algorithm_t algorithm,
          unsigned int          bits,
          guint8                id,
          GError              **error)
{
  gnutls_datum_t cid = { &id, 1 };
  int ret;

  ret = gnutls_pkcs11_privkey_generate3 ("pkcs11:token=" OA2_TEST_TOKEN_LABEL, algorithm, bits, label,
                                         &cid, GNUTLS_X509_FMT_PEM, NULL, 0,
                                         GNUTLS_PKCS11_OBJ_FLAG_LOGIN |
                                         GNUTLS_PKCS11_OBJ_FLAG_MARK_SENSITIVE |
                                         GNUTLS_PKCS11_OBJ_FLAG_MARK_PRIVATE);
  if (ret < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "generating %s in SoftHSM: %s", label,
                   gnutls_strerror (ret));
      return FALSE;
    }
  return TRUE;
}

OA2TestToken *
oa2_test_token_new (const char  *parent,
                    gboolean     add_module,
                    GError     **error)
{
  g_autoptr(OA2TestToken) token = g_new0 (OA2TestToken, 1);
  g_autofree char *template = g_build_filename (parent != NULL ? parent : g_get_tmp_dir (),
                                                "oa2-softhsm-XXXXXX", NULL);
  g_autofree char *tokens = NULL, *conf_text = NULL, *out = NULL, *err = NULL, *why = NULL;
  const char *argv[] = { "softhsm2-util", "--init-token", "--free", "--label", OA2_TEST_TOKEN_LABEL,
                         "--pin", OA2_TEST_TOKEN_PIN, "--so-pin", OA2_TEST_TOKEN_SO_PIN, NULL };
  int status;
  gboolean ok;

  token->module = oa2_test_softhsm_find_module (&why);
  if (token->module == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s", why);
      return NULL;
    }
  token->dir = g_mkdtemp (g_steal_pointer (&template));
  if (token->dir == NULL)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "mkdtemp: %s", g_strerror (errno));
      return NULL;
    }
  tokens = g_build_filename (token->dir, "tokens", NULL);
  token->conf = g_build_filename (token->dir, "softhsm2.conf", NULL);
  conf_text = g_strdup_printf ("directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n"
                               "slots.removable = false\n", tokens);
  if (g_mkdir (tokens, 0700) != 0 || !g_file_set_contents (token->conf, conf_text, -1, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write %s", token->conf);
      return NULL;
    }
  g_setenv ("SOFTHSM2_CONF", token->conf, TRUE);

  /* Before this process loads the module, which reads its tokens once. */
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, error))
    return NULL;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "softhsm2-util --init-token failed: %s%s", out, err);
      return NULL;
    }

  /* Also before the module is loaded. A SoftHSM built without EdDSA
   * refuses the import: then there is no such key to test with. */
  {
    g_autofree char *pem_path = g_build_filename (token->dir, "ed25519.pem", NULL);
    const char *import_argv[] = { "softhsm2-util", "--import", pem_path, "--token", OA2_TEST_TOKEN_LABEL,
                                  "--label", "oa2-ed", "--id", "03", "--pin", OA2_TEST_TOKEN_PIN, NULL };
    g_autofree char *import_out = NULL, *import_err = NULL;

    if (g_file_set_contents (pem_path, ed25519_pkcs8, -1, NULL) &&
        g_spawn_sync (NULL, (char **) import_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &import_out,
                      &import_err, &status, NULL) &&
        g_spawn_check_wait_status (status, NULL))
      token->ed_uri = g_strdup ("pkcs11:token=" OA2_TEST_TOKEN_LABEL ";object=oa2-ed;type=private");
    g_unlink (pem_path);
  }

  if (add_module && !oa2_pkcs11_add_module (token->module, error))
    return NULL;

  gnutls_pkcs11_set_pin_function (setup_pin, NULL);
  ok = generate ("oa2-ec", GNUTLS_PK_ECDSA, GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 1, error) &&
       generate ("oa2-rsa", GNUTLS_PK_RSA, 2048, 2, error) &&
       generate ("oa2-ec384", GNUTLS_PK_ECDSA, GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP384R1), 4, error) &&
       generate ("oa2-ec521", GNUTLS_PK_ECDSA, GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP521R1), 5, error);
  /* The library's own PIN handling is under test: no fallback. */
  gnutls_pkcs11_set_pin_function (NULL, NULL);
  if (!ok)
    return NULL;

  token->ec_uri = g_strdup ("pkcs11:token=" OA2_TEST_TOKEN_LABEL ";object=oa2-ec;type=private");
  token->rsa_uri = g_strdup ("pkcs11:token=" OA2_TEST_TOKEN_LABEL ";object=oa2-rsa;type=private");
  token->p384_uri = g_strdup ("pkcs11:token=" OA2_TEST_TOKEN_LABEL ";object=oa2-ec384;type=private");
  token->p521_uri = g_strdup ("pkcs11:token=" OA2_TEST_TOKEN_LABEL ";object=oa2-ec521;type=private");
  return g_steal_pointer (&token);
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

void
oa2_test_token_free (OA2TestToken *token)
{
  if (token == NULL)
    return;
  if (token->dir != NULL)
    remove_tree (token->dir);
  g_free (token->dir);
  g_free (token->conf);
  g_free (token->module);
  g_free (token->ec_uri);
  g_free (token->rsa_uri);
  g_free (token->p384_uri);
  g_free (token->p521_uri);
  g_free (token->ed_uri);
  g_free (token);
}
