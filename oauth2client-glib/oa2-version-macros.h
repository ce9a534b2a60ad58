/* oa2-version-macros.h: symbol visibility and availability macros
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <glib.h>

#include "oa2-version.h"

#if defined(_WIN32) && !defined(OA2_STATIC_COMPILATION)
# if defined(OA2_COMPILATION)
#  define _OA2_EXTERN __declspec(dllexport) extern
# else
#  define _OA2_EXTERN __declspec(dllimport) extern
# endif
#elif defined(__GNUC__)
# define _OA2_EXTERN __attribute__((visibility ("default"))) extern
#else
# define _OA2_EXTERN extern
#endif

/* Every public symbol carries one of these, so that the library is built
 * with hidden visibility and exports exactly its API. */
#define OA2_AVAILABLE_IN_ALL _OA2_EXTERN
