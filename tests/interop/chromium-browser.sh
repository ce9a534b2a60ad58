#!/bin/sh
# OA2_BROWSER for the real-browser test (desktop-sign-in-interop-test.c):
# Debian's Chromium, headless, in a fresh profile, loads the address the
# library gives as the last argument.
#
# The test names a profile folder (OA2_TEST_CHROMIUM_PROFILE) and a file
# (OA2_TEST_CHROMIUM_PIDFILE) for the PID, which is also the process group
# of Chromium and all its helpers: this shell becomes a group leader with
# setsid (which then does not fork), writes its PID, and becomes Chromium,
# so that the test stops the whole group by that PID. Chromium's own
# messages go to chromium.log in the profile folder.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu

: "${OA2_TEST_CHROMIUM_PROFILE:?}"
: "${OA2_TEST_CHROMIUM_PIDFILE:?}"
[ $# -ge 1 ] || { echo "usage: $0 URL" >&2; exit 2; }

# Nothing of Chromium's outside the profile folder (it writes an NSS
# database under $HOME, caches under XDG_CACHE_HOME).
HOME="$OA2_TEST_CHROMIUM_PROFILE"
XDG_CONFIG_HOME="$OA2_TEST_CHROMIUM_PROFILE/config"
XDG_CACHE_HOME="$OA2_TEST_CHROMIUM_PROFILE/cache"
export HOME XDG_CONFIG_HOME XDG_CACHE_HOME

# A watchdog in the group ends it when the test process (our parent) is
# gone, so that a test that crashed leaves no Chromium behind.
OA2_TEST_PARENT=$PPID
export OA2_TEST_PARENT
exec setsid sh -c '
  echo $$ > "$OA2_TEST_CHROMIUM_PIDFILE"
  (while kill -0 "$OA2_TEST_PARENT" 2>/dev/null; do sleep 1; done; kill -KILL -$$) >/dev/null 2>&1 &
  exec "$@"' chromium \
  "${OA2_TEST_CHROMIUM:-chromium}" --headless --no-sandbox --disable-gpu \
  --disable-background-networking --disable-component-update --no-first-run \
  --disable-sync --disable-default-apps --no-default-browser-check \
  --user-data-dir="$OA2_TEST_CHROMIUM_PROFILE" "$1" 2>>"$OA2_TEST_CHROMIUM_PROFILE/chromium.log"
