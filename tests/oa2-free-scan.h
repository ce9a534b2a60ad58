/* oa2-free-scan.h: finding secrets in the blocks the process frees
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* While armed, every block that the arming thread frees (with free(), or
 * with realloc(), which is counted as moving the block) is searched for the
 * planted byte strings. Only the arming thread is watched, so that the
 * test server's thread, which holds the same secrets in its own buffers,
 * does not count. */
#define OA2_FREE_SCAN_MAX_NEEDLES 8

typedef struct {
  guint hits[OA2_FREE_SCAN_MAX_NEEDLES];   /* freed blocks holding needle i */
  gsize last_hit_size;                     /* the usable size of the last such block */
} OA2FreeScanReport;

const char *oa2_free_scan_unavailable (void);
void        oa2_free_scan_arm         (const char * const *needles);
void        oa2_free_scan_disarm      (OA2FreeScanReport  *report);

G_END_DECLS
