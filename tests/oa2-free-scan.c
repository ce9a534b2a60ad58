/* oa2-free-scan.c: finding secrets in the blocks the process frees
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * glibc lets a program define free() and realloc() itself; the shared
 * libraries (and glibc) then call these, and they hand the blocks on to
 * glibc's own allocator through __libc_malloc() and __libc_free(). Nothing
 * here may allocate.
 *
 * Every block is cleared as it is freed, armed or not, on every thread:
 * malloc() hands out memory as it was left, so without this a block could
 * hold a secret that an earlier owner freed (the test's own copies, the
 * server thread's) and be counted against its new owner.
 *
 * Where another allocator owns the process, the hook is not built
 * (AddressSanitizer, whose allocator must see every free(); a C library
 * without __libc_malloc()) or not called (valgrind replaces free() in the
 * program too): the tests then skip, and the plain build proves the
 * wiping.
 */

#define _GNU_SOURCE   /* memmem(), explicit_bzero() */

#include "oa2-free-scan.h"

#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#ifdef HAVE_VALGRIND_VALGRIND_H
#include <valgrind/valgrind.h>
#endif

#if defined(__SANITIZE_ADDRESS__)
#define OA2_FREE_SCAN_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define OA2_FREE_SCAN_SANITIZER 1
#endif
#endif
#if defined(HAVE_LIBC_MALLOC) && !defined(OA2_FREE_SCAN_SANITIZER)
#define OA2_FREE_SCAN_HOOKED 1
#endif

#define MAX_NEEDLE_LEN 64

static char needles[OA2_FREE_SCAN_MAX_NEEDLES][MAX_NEEDLE_LEN];
static gsize needle_lens[OA2_FREE_SCAN_MAX_NEEDLES];
static guint n_needles;
static OA2FreeScanReport current;
static pthread_t armed_thread;
static gint armed;

#ifdef OA2_FREE_SCAN_HOOKED

void *__libc_malloc (size_t size);
void  __libc_free (void *block);

static gboolean
watching (void)
{
  return g_atomic_int_get (&armed) && pthread_equal (pthread_self (), armed_thread);
}

static void
scan (void *block)
{
  size_t size = malloc_usable_size (block);

  for (guint i = 0; i < n_needles; i++)
    if (memmem (block, size, needles[i], needle_lens[i]) != NULL)
      {
        current.hits[i]++;
        current.last_hit_size = size;
      }
}

void
free (void *block)
{
  if (block == NULL)
    return;
  if (watching ())
    scan (block);
  explicit_bzero (block, malloc_usable_size (block));
  __libc_free (block);
}

/* Whether a block grows in place is the allocator's choice: here every
 * realloc() moves, so that a secret in a block that is reallocated is
 * found whatever the allocator would have done, and the old block is
 * cleared like any other. */
void *
realloc (void  *block,
         size_t size)
{
  void *moved;

  if (block == NULL)
    return __libc_malloc (size);
  if (size == 0)
    {
      free (block);
      return NULL;
    }
  moved = __libc_malloc (size);
  if (moved == NULL)
    return NULL;
  memcpy (moved, block, MIN (size, malloc_usable_size (block)));
  free (block);
  return moved;
}

#endif /* OA2_FREE_SCAN_HOOKED */

void
oa2_free_scan_arm (const char * const *planted)
{
  g_assert_false (g_atomic_int_get (&armed));
  memset (&current, 0, sizeof current);
  for (n_needles = 0; planted[n_needles] != NULL; n_needles++)
    {
      g_assert_cmpuint (n_needles, <, OA2_FREE_SCAN_MAX_NEEDLES);
      needle_lens[n_needles] = strlen (planted[n_needles]);
      g_assert_cmpuint (needle_lens[n_needles], >, 0);
      g_assert_cmpuint (needle_lens[n_needles], <=, MAX_NEEDLE_LEN);
      memcpy (needles[n_needles], planted[n_needles], needle_lens[n_needles]);
    }
  armed_thread = pthread_self ();
  g_atomic_int_set (&armed, TRUE);
}

void
oa2_free_scan_disarm (OA2FreeScanReport *report)
{
  g_atomic_int_set (&armed, FALSE);
  *report = current;
}

/* Returns why the hook cannot work in this process, or NULL when a freed
 * block holding a planted string is seen to be found. */
const char *
oa2_free_scan_unavailable (void)
{
#if defined(OA2_FREE_SCAN_SANITIZER)
  return "a sanitizer's allocator must see every free(), so the hook is not built";
#elif !defined(OA2_FREE_SCAN_HOOKED)
  return "the C library has no __libc_malloc() and __libc_free() to forward to";
#else
  static const char * const canary[] = { "oa2-free-scan-canary", NULL };
  OA2FreeScanReport report;

#ifdef RUNNING_ON_VALGRIND
  if (RUNNING_ON_VALGRIND)
    return "valgrind replaces free() in the program, so the hook is never called";
#endif
  oa2_free_scan_arm (canary);
  g_free (g_strdup (canary[0]));
  oa2_free_scan_disarm (&report);
  if (report.hits[0] == 0)
    return "free() is not the hook's: another allocator is in the process";
  return NULL;
#endif
}
