/* oa2-locked-string.c: string settings read and written under a mutex
 *
 * A client's string properties may be set from one thread while a request
 * in another reads them; each object keeps its own lock, and these two
 * functions are the one way such a string is swapped or copied under it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "oa2-locked-string-private.h"

/* Stores a copy of @value in @field under @lock. Returns whether the
 * stored string changed, so that the caller notifies its property only
 * then (and outside the lock). */
gboolean
oa2_locked_string_replace (GMutex      *lock,
                           char       **field,
                           const char  *value)
{
  gboolean changed;

  g_mutex_lock (lock);
  changed = g_strcmp0 (*field, value) != 0;
  if (changed)
    {
      g_free (*field);
      *field = g_strdup (value);
    }
  g_mutex_unlock (lock);
  return changed;
}

/* A copy of @field, taken under @lock. */
char *
oa2_locked_string_dup (GMutex  *lock,
                       char   **field)
{
  char *value;

  g_mutex_lock (lock);
  value = g_strdup (*field);
  g_mutex_unlock (lock);
  return value;
}
