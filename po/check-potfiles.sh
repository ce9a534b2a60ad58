#!/bin/sh
# Checks that po/POTFILES.in lists exactly the sources with translatable
# strings: every .c or .h file under the scanned directories that marks a
# string for translation is listed, every listed file exists and marks at
# least one string, and the list is sorted, without duplicates.
#
# Usage: check-potfiles.sh [SOURCE_ROOT [DIRECTORY...]]
#   SOURCE_ROOT defaults to the parent of this script's directory;
#   DIRECTORY (relative to SOURCE_ROOT) defaults to oauth2client-glib, the
#   library; po/meson.build also passes tools, the oa2 command-line tool,
#   whose strings share the library's domain.
#
# No temporary files and no trap: the test also runs under the valgrind
# test setup, which then checks this shell.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u -f

srcdir=${1:-$(dirname "$0")/..}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- oauth2client-glib

potfiles="$srcdir/po/POTFILES.in"
if [ ! -f "$potfiles" ]; then
  echo "check-potfiles: $potfiles not found" >&2
  exit 1
fi

# The gettext keywords of the meson 'glib' preset: _(), N_(), C_(), NC_(),
# g_dcgettext(), g_dngettext() and g_dpgettext2(), with or without a space
# before the parenthesis.
marks='(^|[^A-Za-z0-9_])(N?C?_|g_dcgettext|g_dngettext|g_dpgettext2)[[:space:]]*\('

# The list, without comments, blank lines and surrounding blanks.
listed=$(sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$potfiles")

# The files that actually mark strings.
marked=$(
  cd "$srcdir" || exit 1
  for dir in "$@"; do
    [ -d "$dir" ] || continue
    find "$dir" -type f \( -name '*.c' -o -name '*.h' \) -exec grep -lE "$marks" {} +
  done | LC_ALL=C sort -u
)

status=0

for file in $marked; do
  if ! printf '%s\n' "$listed" | grep -Fqx "$file"; then
    echo "check-potfiles: $file marks strings for translation but is not in po/POTFILES.in" >&2
    status=1
  fi
done

for file in $listed; do
  if [ ! -f "$srcdir/$file" ]; then
    echo "check-potfiles: po/POTFILES.in lists $file, which does not exist" >&2
    status=1
  elif ! grep -Eq "$marks" "$srcdir/$file"; then
    echo "check-potfiles: po/POTFILES.in lists $file, which marks no string for translation" >&2
    status=1
  fi
done

if [ "$listed" != "$(printf '%s\n' "$listed" | LC_ALL=C sort -u)" ]; then
  echo "check-potfiles: po/POTFILES.in is not sorted (LC_ALL=C sort), or lists a file twice" >&2
  status=1
fi

if [ $status -eq 0 ]; then
  echo "check-potfiles: po/POTFILES.in lists the $(printf '%s\n' "$listed" | wc -l | tr -d ' ') files with translatable strings"
fi
exit $status
