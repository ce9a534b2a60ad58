#!/bin/sh
# devenv-check.sh: `meson devenv` runs Python, GJS and oa2 against this build
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   sh devenv-check.sh MESON BUILD_DIR PYTHON GJS
#
# Meson (>= 0.58, and this project needs 1.0) sets GI_TYPELIB_PATH for
# gnome.generate_gir(), LD_LIBRARY_PATH for installed shared libraries and
# PATH for installed programs in `meson devenv`. This checks that it does,
# with nothing inherited: the typelib and the shared library that the
# interpreters load are the ones of BUILD_DIR.
set -eu

meson=$1
build=$(cd "$2" && pwd)
python=$3
gjs=$4
lib="$build/oauth2client-glib"

unset GI_TYPELIB_PATH LD_LIBRARY_PATH

fail() {
  echo "devenv-check: $*" >&2
  exit 1
}

# Each program prints the typelib it loaded, then whether the process
# mapped the library of this build.
check() {
  name=$1
  output=$2
  typelib=$(printf '%s\n' "$output" | sed -n 1p)
  mapped=$(printf '%s\n' "$output" | sed -n 2p)
  case "$typelib" in
    "$lib"/OA2-1.typelib) ;;
    *) fail "$name loaded the typelib '$typelib', not the one in $lib" ;;
  esac
  [ "$mapped" = yes ] || fail "$name did not load $lib/liboauth2client-glib-1.so"
  echo "ok: $name"
}

out=$("$meson" devenv -C "$build" "$python" -c '
import gi
gi.require_version("OA2", "1")
gi.require_version("GIRepository", "2.0")
from gi.repository import GIRepository, OA2
OA2.Client.new_public("https://as.example/token", "app")
print(GIRepository.Repository.get_default().get_typelib_path("OA2"))
print("yes" if "'"$lib"'/liboauth2client-glib-1.so" in open("/proc/self/maps").read() else "no")
') || fail "python failed under meson devenv"
check python "$out"

out=$("$meson" devenv -C "$build" "$gjs" -c '
imports.gi.versions.OA2 = "1";
imports.gi.versions.GIRepository = "2.0";
const {GIRepository, GLib, OA2} = imports.gi;
OA2.Client.new_public("https://as.example/token", "app");
print(GIRepository.Repository.get_default().get_typelib_path("OA2"));
const [, maps] = GLib.file_get_contents("/proc/self/maps");
print(new TextDecoder().decode(maps).includes("'"$lib"'/liboauth2client-glib-1.so") ? "yes" : "no");
') || fail "gjs failed under meson devenv"
check gjs "$out"

oa2=$("$meson" devenv -C "$build" sh -c 'command -v oa2') || fail "oa2 is not on the PATH of meson devenv"
[ "$oa2" = "$build/tools/oa2" ] || fail "meson devenv runs $oa2, not $build/tools/oa2"
echo "ok: oa2"
