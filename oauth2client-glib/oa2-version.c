/* oa2-version.c: the version of the library at run time
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "oa2-version-macros.h"
#include "oa2-version-info.h"

/**
 * oa2_get_major_version:
 *
 * Gets the major version of the library in use, which may differ from
 * %OA2_MAJOR_VERSION, the version the program was compiled against.
 *
 * Returns: the major version
 */
guint
oa2_get_major_version (void)
{
  return OA2_MAJOR_VERSION;
}

/**
 * oa2_get_minor_version:
 *
 * Gets the minor version of the library in use.
 *
 * Returns: the minor version
 */
guint
oa2_get_minor_version (void)
{
  return OA2_MINOR_VERSION;
}

/**
 * oa2_get_micro_version:
 *
 * Gets the micro version of the library in use.
 *
 * Returns: the micro version
 */
guint
oa2_get_micro_version (void)
{
  return OA2_MICRO_VERSION;
}
