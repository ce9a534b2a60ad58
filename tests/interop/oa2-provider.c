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

/* How long the provider may take to print its first line. It normally
 * takes a second or two; once, on a machine loaded by parallel builds, a
 * start never printed anything, and the suite then sat until meson's
 * timeout. A bounded wait and a fresh start turn that into a logged retry. */
#define START_TIMEOUT_SECONDS 45
#define START_ATTEMPTS 3

typedef struct {
  GCancellable *cancellable;
  char         *line;
  GError       *error;
  gboolean      done;
  gboolean      timed_out;
} LineRead;

static void
on_line_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LineRead *read = user_data;

  read->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, &read->error);
  read->done = TRUE;
}

static gboolean
on_start_timeout (gpointer user_data)
{
  LineRead *read = user_data;

  read->timed_out = TRUE;
  g_cancellable_cancel (read->cancellable);
  return G_SOURCE_REMOVE;
}

/* Reads one line of the provider's stdout, or gives up after
 * START_TIMEOUT_SECONDS (returns NULL, *timed_out set). */
static char *
read_line_with_timeout (GDataInputStream *out,
                        gboolean         *timed_out)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GSource) timeout = g_timeout_source_new_seconds (START_TIMEOUT_SECONDS);
  LineRead read = { cancellable, NULL, NULL, FALSE, FALSE };

  g_main_context_push_thread_default (context);
  g_source_set_callback (timeout, on_start_timeout, &read, NULL);
  g_source_attach (timeout, context);
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, cancellable, on_line_read, &read);
  while (!read.done)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timeout);
  g_main_context_pop_thread_default (context);

  *timed_out = read.timed_out;
  if (read.error != NULL && !read.timed_out)
    g_error ("reading the provider's output: %s", read.error->message);
  g_clear_error (&read.error);
  return read.line;
}

static void
kill_and_reap (GSubprocess *process)
{
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);
}

/* One start: the provider process and its first line(s), or NULL when it
 * printed nothing in time (the process is then gone). */
static OA2Provider *
try_start (const char *mtls_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_build_filename (provider_dir (), "provider.mjs", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  gboolean timed_out = FALSE;
  OA2Provider *provider;

  provider = g_new0 (OA2Provider, 1);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  if (mtls_dir != NULL)
    g_subprocess_launcher_setenv (launcher, "OA2_PROVIDER_MTLS_DIR", mtls_dir, TRUE);
  provider->process = g_subprocess_launcher_spawn (launcher, &error, "node", script, NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (provider->process));
  line = read_line_with_timeout (out, &timed_out);
  if (timed_out)
    {
      g_printerr ("oa2-provider: PID %s printed nothing in %d s; stopping it\n",
                  g_subprocess_get_identifier (provider->process), START_TIMEOUT_SECONDS);
      kill_and_reap (provider->process);
      g_object_unref (provider->process);
      g_free (provider);
      return NULL;
    }
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

static OA2Provider *
start (const char *mtls_dir)
{
  require_installed ();
  for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++)
    {
      OA2Provider *provider = try_start (mtls_dir);

      if (provider != NULL)
        return provider;
    }
  g_error ("the provider printed nothing in %d attempts of %d s each", START_ATTEMPTS, START_TIMEOUT_SECONDS);
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
