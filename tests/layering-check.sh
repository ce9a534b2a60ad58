#!/bin/sh
# Checks the layer order of the library's folders (DESIGN.md §2): a file may
# include headers of its own folder, of the folders below it, and the
# top-level version/error/types headers, never a header of a higher folder.
# Every folder is on the include path, so the compiler cannot see this rule;
# this script reads each file's '#include "…"' lines instead.
#
# Usage: layering-check.sh [LIBRARY_DIR]
#   LIBRARY_DIR defaults to ../oauth2client-glib beside this script.
#   tests/layering-fixture/ holds a tree that breaks the rule: the test suite
#   runs the script on it too and expects it to fail, so the check is known to
#   be able to fail.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u

libdir=${1:-$(dirname "$0")/../oauth2client-glib}

# Lowest first.  A folder listed here that does not exist yet is fine.
layers="util crypto jose transport client-auth oidc client flows auth providers"

rank_of_folder() {
  i=0
  for l in $layers; do
    [ "$l" = "$1" ] && { echo $i; return; }
    i=$((i + 1))
  done
  echo ""
}

status=0
checked=0

for dir in "$libdir"/*/; do
  folder=$(basename "$dir")
  rank=$(rank_of_folder "$folder")
  if [ -z "$rank" ]; then
    echo "layering: $folder/ is not a known layer; add it to the list in $0" >&2
    status=1
    continue
  fi
  for file in "$dir"*.c "$dir"*.h; do
    [ -f "$file" ] || continue
    checked=$((checked + 1))
    for header in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$file"); do
      # Top-level headers (version, error, types, config.h, generated ones)
      # are allowed everywhere.
      [ -f "$libdir/$header" ] && continue
      owner=""
      for other in "$libdir"/*/; do
        if [ -f "$other$header" ]; then owner=$(basename "$other"); break; fi
      done
      [ -n "$owner" ] || continue
      owner_rank=$(rank_of_folder "$owner")
      if [ -n "$owner_rank" ] && [ "$owner_rank" -gt "$rank" ]; then
        echo "layering: $folder/$(basename "$file") includes $owner/$header, a higher layer" >&2
        status=1
      fi
    done
  done
done

# Top-level sources sit with util: they may use util/ and nothing above it.
for file in "$libdir"/*.c "$libdir"/*.h; do
  [ -f "$file" ] || continue
  checked=$((checked + 1))
  for header in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$file"); do
    [ -f "$libdir/$header" ] && continue
    for other in "$libdir"/*/; do
      owner=$(basename "$other")
      if [ -f "$other$header" ] && [ "$owner" != util ] && [ "$(basename "$file")" != oauth2client-glib.h ]; then
        echo "layering: $(basename "$file") (top level) includes $owner/$header; only util/ is below it" >&2
        status=1
      fi
    done
  done
done

if [ $checked -eq 0 ]; then
  echo "layering: no source found under $libdir" >&2
  exit 1
fi
[ $status -eq 0 ] && echo "layering: $checked files include only their own or lower layers"
exit $status
