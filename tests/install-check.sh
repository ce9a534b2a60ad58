#!/usr/bin/env bash
# Checks an installed prefix the way users meet the library: pkg-config, a C
# program built against it, exported symbols, the Python binding, and the
# oa2 manual page.
set -euo pipefail

prefix=$1
libdir="$prefix/lib"
export PKG_CONFIG_PATH="$libdir/pkgconfig"
export LD_LIBRARY_PATH="$libdir"
export GI_TYPELIB_PATH="$libdir/girepository-1.0"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "pkg-config --cflags --libs oauth2client-glib-1:"
pkg-config --cflags --libs oauth2client-glib-1

cat > "$work/hello.c" <<'C'
#include <oauth2client-glib/oauth2client-glib.h>
int
main (void)
{
  g_autoptr(OA2Client) client = oa2_client_new_with_secret ("https://as.example/token", "id", "secret");
  g_autoptr(OA2BearerToken) token = oa2_bearer_token_new ("t", NULL, NULL);
  g_print ("linked against oauth2client-glib %s; client id %s; token type %s\n", OA2_VERSION_S,
           oa2_client_get_client_id (client), oa2_bearer_token_get_token_type (token));
  return 0;
}
C
# shellcheck disable=SC2046
cc -Wall -Werror -o "$work/hello" "$work/hello.c" $(pkg-config --cflags --libs oauth2client-glib-1)
"$work/hello"

echo "exported symbols outside oa2_*:"
lib=$(ls "$libdir"/liboauth2client-glib-1.so.0.*)
others=$(nm -D --defined-only "$lib" | awk '{print $3}' | grep -v '^oa2_' || true)
if [ -n "$others" ]; then
  echo "$others"
  echo "FAIL: the library exports symbols outside oa2_*"
  exit 1
fi
echo "  none ($(nm -D --defined-only "$lib" | wc -l) oa2_* symbols)"

/usr/bin/python3 - <<'PY'
import gi
gi.require_version('OA2', '1')
from gi.repository import OA2

grants = ['client_credentials', 'authorization_code', 'refresh_token',
          'resource_owner_password', 'token_request']
for name in ['Client', 'BearerToken', 'ClientSecretBasic', 'ClientSecretPost', 'PublicApp']:
    assert hasattr(OA2, name), name
for grant in grants:
    for suffix in ('', '_async', '_finish'):
        assert callable(getattr(OA2.Client, grant + suffix)), grant + suffix
client = OA2.Client.new_with_secret('https://as.example/token', 'id', 'secret')
assert isinstance(client.get_client_auth(), OA2.ClientSecretPost)
print('python: from gi.repository import OA2 gives Client, BearerToken, ClientSecretBasic, '
      'ClientSecretPost, PublicApp and the grant methods')
PY
echo "the oa2 manual page:"
man_page="$prefix/share/man/man1/oa2.1"
[ -f "$man_page" ] || { echo "FAIL: $man_page is not installed"; exit 1; }
if command -v man >/dev/null; then
  rendered=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$man_page" 2>"$work/man.err")
  if [ -s "$work/man.err" ] || ! printf '%s\n' "$rendered" | grep -q '^SYNOPSIS$'; then
    cat "$work/man.err"
    echo "FAIL: man -l $man_page does not render cleanly"
    exit 1
  fi
  echo "  $man_page renders ($(printf '%s\n' "$rendered" | wc -l) lines)"
else
  echo "  $man_page installed (man is not installed: not rendered)"
fi
echo "install check passed"
