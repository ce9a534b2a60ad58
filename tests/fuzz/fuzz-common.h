/* fuzz-common.h: what the libFuzzer targets share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oauth2client-glib.h"
#include "oa2-base64url-private.h"

#include "fuzz-keys.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* An invariant of the library that an input broke: a finding, reported as
 * a crash so that libFuzzer keeps the input. */
#define FUZZ_CHECK(cond) \
  G_STMT_START { \
    if (G_UNLIKELY (!(cond))) \
      { \
        fprintf (stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
        abort (); \
      } \
  } G_STMT_END

/* Every failure must be a GError of the library's own domain. */
#define FUZZ_CHECK_OA2_ERROR(error) \
  G_STMT_START { \
    FUZZ_CHECK ((error) != NULL); \
    if ((error)->domain != OA2_ERROR) \
      { \
        fprintf (stderr, "unexpected error domain %s: %s\n", \
                 g_quark_to_string ((error)->domain), (error)->message); \
        abort (); \
      } \
  } G_STMT_END

/* Warnings and criticals (a g_return_if_fail() hit) are bugs here. */
static inline void
fuzz_init (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_log_set_fatal_mask ("OA2", G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

/* A fixed key; a key that does not load is a broken target, not a finding. */
static inline OA2Jwk *
fuzz_load_key (const char *json)
{
  GError *error = NULL;
  OA2Jwk *key = oa2_jwk_new_from_json (json, &error);

  if (key == NULL)
    {
      fprintf (stderr, "fixed key does not load: %s\n%s\n", error->message, json);
      abort ();
    }
  return key;
}

/* The input as a NUL-terminated string (cut at its first NUL, which the
 * library's char * API could not see anyway). */
static inline char *
fuzz_string (const uint8_t *data,
             size_t         size)
{
  return g_strndup ((const char *) data, size);
}
