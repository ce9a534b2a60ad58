#!/usr/bin/env bash
# Installs what building, testing and the demo need on Debian 12, and the
# pinned node-oidc-provider for the interop tests. Safe to run again.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)

packages=(
  # build
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libsoup-3.0-dev libjson-glib-dev libgnutls28-dev nettle-dev
  # introspection, bindings and their tests, reference docs
  gobject-introspection libgirepository1.0-dev gir1.2-soup-3.0 gir1.2-json-1.0
  valac gjs python3-gi python3-pytest gi-docgen
  # https for libsoup, leak checks; PKCE in the demo's shell
  glib-networking valgrind openssl coreutils
  # the oa2 manual page, rendered by the tools and install checks
  man-db
  # a PKCS#11 token in software, for the tests of token-held keys
  softhsm2
  # OA2SecretTokenStore (libsecret), and its tests: a private D-Bus session
  # bus with gnome-keyring-daemon as the Secret Service. (Debian 12 python3-dbusmock
  # 0.28 has no secret_service template, so the tests do not use it yet.)
  libsecret-1-dev gir1.2-secret-1 gnome-keyring dbus-daemon python3-dbusmock
  # the real-browser test of the loopback sign-in: Debian's headless Chromium
  chromium
  # the libFuzzer targets (tests/fuzz): clang and its fuzzer/sanitizer runtimes
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)

if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "==> Debian packages: all present"
fi

# npm ci wipes node_modules/ and reinstalls it exactly as the lock file says.
# When the installed tree already matches the lock file (npm records it in
# node_modules/.package-lock.json), skip it rather than disturb a provider
# that may be running from this tree. OA2_NPM_CI=always forces it.
provider="$top/tests/interop/provider"
if [ "${OA2_NPM_CI:-auto}" != always ] && [ -d "$provider/node_modules/oidc-provider" ] &&
   [ "$provider/node_modules/.package-lock.json" -nt "$provider/package-lock.json" ] &&
   (cd "$provider" && npm ls --omit=dev --depth=0 >/dev/null 2>&1); then
  echo "==> Interop provider: node_modules matches package-lock.json"
else
  echo "==> Installing the interop provider (npm ci, pinned by package-lock.json)"
  (cd "$provider" && npm ci --no-audit --no-fund --loglevel=error)
fi
