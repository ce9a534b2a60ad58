/* oa2-i18n.c: lazy binding of the gettext domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-i18n-private.h"

/* Libraries must not call bindtextdomain() from a constructor; every public
 * type's class_init and every public error constructor calls this instead,
 * so the domain is bound before the first translated message is built. */
void
oa2_i18n_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_once_init_leave (&initialized, 1);
    }
}
