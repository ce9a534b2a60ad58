#!/usr/bin/env bash
# Builds oauth2client-glib and runs every test suite, from a fresh Debian 12
# machine: dependencies, the warnings-as-errors build with unit, interop,
# python, gjs, vala and docs suites, an ASan+UBSan build of the unit suite,
# the unit suite under valgrind, the libFuzzer targets for a short run
# (clang), and the installed-prefix checks.
set -euo pipefail

top=$(cd "$(dirname "$0")" && pwd)
cd "$top"

bash build-aux/install-deps.sh

stage() { printf '\n==> %s\n' "$*"; }

stage "Build (warnings are errors) and run every suite"
rm -rf _build _build-asan _build-fuzz _install
meson setup _build -Dwerror=true -Dbinding_tests=enabled -Dintrospection=enabled \
  -Dvapi=enabled -Ddocumentation=enabled -Dlibsecret=enabled --prefix "$top/_install" --libdir lib >/dev/null
ninja -C _build
meson test -C _build --print-errorlogs --num-processes 2

stage "Unit suite under valgrind (no definitely lost block)"
meson test -C _build --setup valgrind --suite unit --print-errorlogs --num-processes 2

# Built without libsecret, so that the store's fallback for such builds
# (every operation: not supported) is compiled and tested too.
stage "ASan + UBSan build (introspection and libsecret off) of the unit suite"
CC=${CC:-gcc} meson setup _build-asan -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false \
  -Dintrospection=disabled -Dvapi=disabled -Ddocumentation=disabled -Dbinding_tests=disabled \
  -Dexamples=false -Dlibsecret=disabled >/dev/null
ninja -C _build-asan
meson test -C _build-asan --suite unit --print-errorlogs --num-processes 2

stage "libFuzzer targets (clang, ASan + UBSan), 20 s each on their seed corpora"
CC=clang meson setup _build-fuzz -Dfuzzing=enabled -Dintrospection=disabled -Dvapi=disabled \
  -Ddocumentation=disabled -Dbinding_tests=disabled -Dexamples=false -Dtests=true >/dev/null
meson test -C _build-fuzz --suite fuzz --print-errorlogs --num-processes 2

stage "Install into a prefix and check what users get"
meson install -C _build --quiet
bash tests/install-check.sh "$top/_install"

stage "All suites passed"
