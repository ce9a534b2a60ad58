/* oa2-provider.c: the local OpenID provider, started and stopped by tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * node-oidc-provider (pinned in provider/package-lock.json) on an ephemeral
 * 127.0.0.1 port. It exits on SIGTERM, and on its own when our end of its
 * stdin closes, so a crashed test never leaves it behind.
 */

#include "oa2-provider.h"

#include <signal.h>

struct _OA2Provider {
  GSubprocess *process;
  char        *issuer;
  char        *mtls_base;   /* NULL: no mutual-TLS listener */
};

static const char *
provider_dir (void)
{
  const char *dir = g_getenv ("OA2_PROVIDER_DIR");

  if (dir == NULL)
    g_error ("OA2_PROVIDER_DIR is not set; run the interop tests through meson");
  return dir;
}

static void
require_installed (void)
{
  g_autofree char *module = g_build_filename (provider_dir (), "node_modules", "oidc-provider", "package.json", NULL);

  if (!g_file_test (module, G_FILE_TEST_EXISTS))
    g_error ("node-oidc-provider is not installed: run `npm ci` in %s (the README's test command does)",
             provider_dir ());
}

static OA2Provider *
start (const char *mtls_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_build_filename (provider_dir (), "provider.mjs", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  OA2Provider *provider;

  require_installed ();
  provider = g_new0 (OA2Provider, 1);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  if (mtls_dir != NULL)
    g_subprocess_launcher_setenv (launcher, "OA2_PROVIDER_MTLS_DIR", mtls_dir, TRUE);
  provider->process = g_subprocess_launcher_spawn (launcher, &error, "node", script, NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (provider->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || !g_str_has_prefix (line, "ISSUER http://127.0.0.1:"))
    g_error ("the provider did not start (its stderr says why); first line: %s", line ? line : "(none)");
  provider->issuer = g_strdup (line + strlen ("ISSUER "));
  if (mtls_dir != NULL)
    {
      g_free (line);
      line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
      g_assert_no_error (error);
      if (line == NULL || !g_str_has_prefix (line, "MTLS https://127.0.0.1:"))
        g_error ("the provider did not start its mTLS listener; second line: %s", line ? line : "(none)");
      provider->mtls_base = g_strdup (line + strlen ("MTLS "));
    }
  g_test_message ("provider %s running as PID %s", provider->issuer,
                  g_subprocess_get_identifier (provider->process));
  return provider;
}

OA2Provider *
oa2_provider_start (void)
{
  return start (NULL);
}

/* With its mutual-TLS listener, for the certificates in @mtls_dir (see
 * oa2_test_tls_write_mtls_dir()). */
OA2Provider *
oa2_provider_start_mtls (const char *mtls_dir)
{
  return start (mtls_dir);
}

/* The https origin where the provider serves its endpoints with mutual
 * TLS, such as "https://127.0.0.1:41234". */
const char *
oa2_provider_get_mtls_base (OA2Provider *provider)
{
  return provider->mtls_base;
}

void
oa2_provider_stop (OA2Provider *provider)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (provider->process, SIGTERM);
  g_subprocess_wait (provider->process, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (provider->process);
  g_free (provider->issuer);
  g_free (provider->mtls_base);
  g_free (provider);
}

const char *
oa2_provider_get_issuer (OA2Provider *provider)
{
  return provider->issuer;
}

char *
oa2_provider_endpoint (OA2Provider *provider,
                       const char  *path)
{
  return g_strconcat (provider->issuer, path, NULL);
}

/* Signs in as alice and consents, through the provider's interaction
 * pages; returns the redirect back to the client. */
char *
oa2_provider_login (OA2Provider *provider,
                    const char  *authorization_uri)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_build_filename (provider_dir (), "login.mjs", NULL);
  g_autoptr(GSubprocess) login = NULL;
  g_autofree char *out = NULL;

  login = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "node", script, authorization_uri, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (login, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (login));
  return g_strstrip (g_steal_pointer (&out));
}
