#!/usr/bin/env bash
# demo.sh: set up a fresh Debian 12 machine and run the oauth2client-glib demo
#
#   bash demo.sh
#
# One command does everything: it installs the Debian packages the build
# needs (apt-get, as root or through sudo, only when something is missing),
# installs the local OpenID provider's pinned npm dependencies (npm ci),
# builds the library, the `oa2` tool and the examples into _build-demo/, starts
# the provider on a loopback port, and drives the main flows through it:
#
#   * oa2 token client-credentials with client_secret_basic and
#     client_secret_post (and what a server says to a client that skips the
#     RFC 6749 form-encoding of basic credentials), private_key_jwt, and a
#     DPoP-bound token (RFC 9449) with its key's thumbprint;
#   * the authorization code flow with PKCE S256 for a public client: oa2
#     authorize in a scripted browser (OA2_BROWSER) that comes back to
#     oa2's loopback receiver, then oa2 token refresh,
#     with every token kept in mode-0600 files and never on the terminal;
#   * the device flow (RFC 8628): oa2 device shows a user code, a script
#     plays the user who approves it on another device, oa2 gets the token;
#   * the examples: client-credentials in C, Python (and GJS), and
#     refresh-token in C and Python on the stored token;
#   * oa2 exchange (token exchange, RFC 8693), oa2 introspect (RFC 7662, and
#     a signed JWT answer, RFC 9701) and oa2 revoke (RFC 7009);
#   * oa2 ciba (OpenID CIBA, poll mode), approved by a script that plays the
#     user's phone.
#
# It prints each step, stops at the first step that fails, and exits non-zero
# then. The provider is stopped by PID when the script exits, however it exits.
#
# Environment: OA2_DEMO_BUILD_DIR (default: _build-demo), NO_COLOR.

set -Eeuo pipefail
shopt -s inherit_errexit

SRC_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD_DIR="${OA2_DEMO_BUILD_DIR:-$SRC_DIR/_build-demo}"
PROVIDER_DIR="$SRC_DIR/tests/interop/provider"
# Debian's interpreter: it has PyGObject; a python3 earlier on PATH may not.
PYTHON=/usr/bin/python3

# The provider's test clients (tests/interop/provider/README.md). These are
# fixed test values, not real secrets; they still never appear on a command
# line, because the tool refuses secrets there.
BASIC_CLIENT=oa2-basic
BASIC_SECRET='basic s3cr:t/+%&'
POST_CLIENT=oa2-post
POST_SECRET='post-secret-0123456789'
PUBLIC_CLIENT=oa2-public
EXCHANGE_CLIENT=oa2-exchange
EXCHANGE_SECRET='exchange-secret-0123456789'
INTROSPECT_JWT_CLIENT=oa2-introspect-jwt
INTROSPECT_JWT_SECRET='introspect-jwt-secret-0123456789'
CIBA_CLIENT=oa2-ciba
CIBA_SECRET='ciba-secret-0123456789'


# ---------------------------------------------------------------------------
# Presentation

if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then
  BOLD=$'\e[1m' DIM=$'\e[2m' GREEN=$'\e[32m' RED=$'\e[31m' RESET=$'\e[0m'
else
  BOLD='' DIM='' GREEN='' RED='' RESET=''
fi

STEP_NO=0
STEP_TOTAL=25
CURRENT_STEP="setting up"
TRANSCRIPT=/dev/null   # everything shown is also kept here, to check it for secrets

# emit TEXT: print, and keep a copy in the transcript.
emit() { printf '%s\n' "$1"; printf '%s\n' "$1" >>"$TRANSCRIPT"; }

step() {
  STEP_NO=$((STEP_NO + 1))
  CURRENT_STEP="$1"
  emit ""
  emit "$(printf '%s==> [%d/%d] %s%s' "$BOLD" "$STEP_NO" "$STEP_TOTAL" "$1" "$RESET")"
}
say()  { emit "    $*"; }
ok()   { emit "    $GREEN✔ $*$RESET"; }
# show DISPLAY: echo a command as a person would type it (DISPLAY is what is
# shown: placeholders stand for values that are not for the terminal).
show() { emit "    $DIM\$ $*$RESET"; }
# indent: prefix a command's output so that it reads as part of the step.
indent() { sed -u 's/^/      /' | tee -a "$TRANSCRIPT"; }

die() {
  printf '\n%s✘ FAILED at step %d (%s): %s%s\n' "$RED" "$STEP_NO" "$CURRENT_STEP" "$*" "$RESET" >&2
  exit 1
}

on_error() {
  local status=$? line=$1 command=$2
  printf '\n%s✘ FAILED at step %d (%s): “%s” exited with status %d (demo.sh line %d)%s\n' \
    "$RED" "$STEP_NO" "$CURRENT_STEP" "$command" "$status" "$line" "$RESET" >&2
  exit 1
}
trap 'on_error "$LINENO" "$BASH_COMMAND"' ERR

# ---------------------------------------------------------------------------
# Clean-up: the provider (by PID), its stdin pipe, the temporary directory

PROVIDER_PID=''
TMP_DIR=''

cleanup() {
  local status=$?
  trap - ERR
  set +e
  if [[ -n "$PROVIDER_PID" ]] && kill -0 "$PROVIDER_PID" 2>/dev/null; then
    kill -TERM "$PROVIDER_PID" 2>/dev/null
    wait "$PROVIDER_PID" 2>/dev/null
    printf '\n    provider (pid %s) stopped\n' "$PROVIDER_PID"
  fi
  [[ -n "${PROVIDER_STDIN:-}" ]] && exec {PROVIDER_STDIN}>&-
  [[ -n "${CIBA_PID:-}" ]] && kill -TERM "$CIBA_PID" 2>/dev/null
  [[ -n "${DEVICE_PID:-}" ]] && kill -TERM "$DEVICE_PID" 2>/dev/null
  [[ -n "$TMP_DIR" ]] && rm -rf "$TMP_DIR"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

umask 077   # every file this script writes (tokens, a secret) is private
TMP_DIR="$(mktemp -d "${TMPDIR:-/tmp}/oa2-demo.XXXXXX")"
TRANSCRIPT="$TMP_DIR/transcript"
SECRETS="$TMP_DIR/secrets"   # every token and secret of the demo, to look for in the transcript
: >"$TRANSCRIPT"
: >"$SECRETS"

# ---------------------------------------------------------------------------
# Helpers

url_decode() {
  local s="${1//+/ }"
  printf '%b' "${s//%/\\x}"
}

# query_param URL NAME: prints the decoded value, fails if absent.
query_param() {
  local query="${1#*\?}" pair
  local -a pairs
  query="${query%%#*}"
  IFS='&' read -ra pairs <<<"$query"
  for pair in "${pairs[@]}"; do
    if [[ "${pair%%=*}" == "$2" ]]; then
      url_decode "${pair#*=}"
      return 0
    fi
  done
  return 1
}

base64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }

# json_keys FILE: the member names of a JSON object, never the values.
json_keys() {
  node -e 'console.log(Object.keys(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))).join(", "))' "$1"
}

# check_run EXPECTED STDOUT COMMAND...: runs COMMAND and fails the step
# unless it exits with status EXPECTED. STDOUT "-" shows its standard output
# (indented, after its standard error); a file name sends it there only.
check_run() {
  local expected=$1 stdout=$2 status=0
  shift 2
  if [[ "$stdout" == - ]]; then
    "$@" >"$TMP_DIR/step.out" 2>&1 || status=$?
  else
    "$@" >"$stdout" 2>"$TMP_DIR/step.out" || status=$?
  fi
  indent <"$TMP_DIR/step.out"
  if [[ $status -ne $expected ]]; then
    die "exit status $status, expected $expected"
  fi
}

# remember_tokens FILE: note the tokens of a stored token, for the final check.
remember_tokens() {
  node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
           for (const k of ["access_token", "refresh_token", "id_token"]) if (j[k]) console.log(j[k]);' \
    "$1" >>"$SECRETS"
}

OA2="$BUILD_DIR/tools/oa2"

# ---------------------------------------------------------------------------
emit "${BOLD}oauth2client-glib demo${RESET}: the oa2 tool and the examples against a local OpenID provider"
say "source: $SRC_DIR"
say "build:  $BUILD_DIR"

# ---------------------------------------------------------------------------
step "Debian packages and the provider's npm dependencies (build-aux/install-deps.sh)"

bash "$SRC_DIR/build-aux/install-deps.sh" 2>&1 | indent || die "installing the dependencies failed"
say "node $(node --version), npm $(npm --version), meson $(meson --version), $($PYTHON --version)"
[[ -d "$PROVIDER_DIR/node_modules/oidc-provider" ]] || die "oidc-provider is not installed"
ok "oidc-provider $(node -p 'require(process.argv[1]).version' "$PROVIDER_DIR/node_modules/oidc-provider/package.json")"

# ---------------------------------------------------------------------------
step "Build the library, the oa2 tool and the examples"

meson_options=(-Dintrospection=enabled -Dvapi=disabled -Ddocumentation=disabled
               -Dtests=false -Dexamples=true -Dnls=disabled)
if [[ -f "$BUILD_DIR/build.ninja" ]]; then
  show "meson configure ${BUILD_DIR#"$SRC_DIR"/} ${meson_options[*]}"
  meson configure "$BUILD_DIR" "${meson_options[@]}" >"$TMP_DIR/build.log" 2>&1 ||
    { tail -n 30 "$TMP_DIR/build.log" | indent; die "meson configure failed"; }
else
  show "meson setup ${BUILD_DIR#"$SRC_DIR"/} ${meson_options[*]}"
  meson setup "$BUILD_DIR" "$SRC_DIR" "${meson_options[@]}" >"$TMP_DIR/build.log" 2>&1 ||
    { tail -n 30 "$TMP_DIR/build.log" | indent; die "meson setup failed"; }
fi
show "meson compile -C ${BUILD_DIR#"$SRC_DIR"/}"
meson compile -C "$BUILD_DIR" >"$TMP_DIR/build.log" 2>&1 ||
  { tail -n 40 "$TMP_DIR/build.log" | indent; die "the build failed"; }
tail -n 2 "$TMP_DIR/build.log" | indent
for program in "$OA2" "$BUILD_DIR/examples/client-credentials" "$BUILD_DIR/examples/refresh-token"; do
  [[ -x "$program" ]] || die "$program was not built"
done
[[ -f "$BUILD_DIR/oauth2client-glib/OA2-1.typelib" ]] || die "the typelib was not built"
ok "built: $("$OA2" --version), examples, OA2-1.typelib"

# For the Python and GJS examples: the typelib and library of this build.
export GI_TYPELIB_PATH="$BUILD_DIR/oauth2client-glib${GI_TYPELIB_PATH:+:$GI_TYPELIB_PATH}"
export LD_LIBRARY_PATH="$BUILD_DIR/oauth2client-glib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
# The provider is on loopback http, which the library sends only direct,
# never through a proxy (docs/security.md): keep any proxy of the
# environment away from it.
export no_proxy="127.0.0.1,localhost,::1${no_proxy:+,$no_proxy}" NO_PROXY="127.0.0.1,localhost,::1${NO_PROXY:+,$NO_PROXY}"

# ---------------------------------------------------------------------------
step "Start the local OpenID provider"

# Its stdin is a FIFO whose write end this script holds: when the script
# goes, however it goes, the provider reads EOF and exits. The EXIT trap
# also stops it by PID.
mkfifo "$TMP_DIR/provider.stdin"
show "node tests/interop/provider/provider.mjs   (stdin: a pipe this script holds open)"
node "$PROVIDER_DIR/provider.mjs" <"$TMP_DIR/provider.stdin" >"$TMP_DIR/provider.out" 2>"$TMP_DIR/provider.err" &
PROVIDER_PID=$!
exec {PROVIDER_STDIN}>"$TMP_DIR/provider.stdin"

ISSUER=''
for _ in $(seq 1 300); do
  if grep -q '^ISSUER ' "$TMP_DIR/provider.out" 2>/dev/null; then
    ISSUER="$(sed -n 's/^ISSUER //p' "$TMP_DIR/provider.out")"
    break
  fi
  if ! kill -0 "$PROVIDER_PID" 2>/dev/null; then
    indent <"$TMP_DIR/provider.err"
    die "the provider exited before it was ready"
  fi
  sleep 0.05
done
[[ -n "$ISSUER" ]] || die "the provider printed no ISSUER line within 15 s"
TOKEN_ENDPOINT="$ISSUER/token"
ok "provider pid $PROVIDER_PID; issuer $ISSUER; token endpoint $TOKEN_ENDPOINT"

# Secrets reach the programs through the environment or a private file only.
export OA2_DEMO_BASIC_SECRET="$BASIC_SECRET"
export OA2_DEMO_EXCHANGE_SECRET="$EXCHANGE_SECRET" OA2_DEMO_INTROSPECT_JWT_SECRET="$INTROSPECT_JWT_SECRET"
printf '%s\n' "$EXCHANGE_SECRET" "$INTROSPECT_JWT_SECRET" >>"$SECRETS"
export OA2_DEMO_CIBA_SECRET="$CIBA_SECRET"
printf '%s\n' "$CIBA_SECRET" >>"$SECRETS"
printf '%s\n' "$POST_SECRET" >"$TMP_DIR/post-secret"
printf '%s\n' "$BASIC_SECRET" "$POST_SECRET" >>"$SECRETS"

# ---------------------------------------------------------------------------
step "oa2 discover: the provider's metadata from its issuer (OpenID Connect Discovery), then a token through it"

say "The document must name the issuer exactly; every endpoint comes from it."
show "oa2 discover $ISSUER"
check_run 0 - "$OA2" discover "$ISSUER"
grep -qE "^token_endpoint +$TOKEN_ENDPOINT\$" "$TMP_DIR/step.out" || die "the metadata does not name $TOKEN_ENDPOINT"
grep -qE '^id_token_signing_alg_values_supported ' "$TMP_DIR/step.out" || die "the metadata lists no ID token algorithms"
show "oa2 token client-credentials --issuer $ISSUER --client-id $BASIC_CLIENT --auth basic --client-secret-env OA2_DEMO_BASIC_SECRET --scope api:read"
check_run 0 - "$OA2" token client-credentials --issuer "$ISSUER" \
  --client-id "$BASIC_CLIENT" --auth basic --client-secret-env OA2_DEMO_BASIC_SECRET --scope api:read
ok "metadata read and checked; a token from the discovered token endpoint"

# ---------------------------------------------------------------------------
step "oa2 token client-credentials: $BASIC_CLIENT, client_secret_basic, secret from an environment variable"

say "The secret holds ' :/+%&', which RFC 6749 §2.3.1 has form-encoded before base64."
show "oa2 token client-credentials --token-endpoint $TOKEN_ENDPOINT --client-id $BASIC_CLIENT --auth basic --client-secret-env OA2_DEMO_BASIC_SECRET --scope 'api:read api:write'"
check_run 0 - "$OA2" token client-credentials --token-endpoint "$TOKEN_ENDPOINT" \
  --client-id "$BASIC_CLIENT" --auth basic --client-secret-env OA2_DEMO_BASIC_SECRET \
  --scope 'api:read api:write'
ok "token received; the summary shows no secret"

# ---------------------------------------------------------------------------
step "oa2 token client-credentials: $POST_CLIENT, client_secret_post, secret from a 0600 file, HTTP trace on"

say "G_MESSAGES_DEBUG=OA2 shows the library's HTTP exchange on stderr, with the secrets redacted."
show "G_MESSAGES_DEBUG=OA2 oa2 token client-credentials --token-endpoint $TOKEN_ENDPOINT --client-id $POST_CLIENT --client-secret-file \$TMP/post-secret --scope api:read"
check_run 0 - env G_MESSAGES_DEBUG=OA2 "$OA2" token client-credentials --token-endpoint "$TOKEN_ENDPOINT" \
  --client-id "$POST_CLIENT" --client-secret-file "$TMP_DIR/post-secret" --scope api:read
grep -qF 'client_secret=[redacted]' "$TMP_DIR/step.out" || die "the trace does not show the client secret redacted"
grep -qF '"access_token":"[redacted]"' "$TMP_DIR/step.out" || die "the trace does not show the access token redacted"
ok "token received; the trace has client_secret=[redacted] and \"access_token\":\"[redacted]\""

# ---------------------------------------------------------------------------
step "oa2 token … --access-token-only: the access token alone, for a header"

say "It prints the token and nothing else, for curl -H \"Authorization: Bearer \$(oa2 …)\";"
say "here it goes into a variable, and only its length is shown."
show "token=\$(oa2 token client-credentials --token-endpoint $TOKEN_ENDPOINT --client-id $BASIC_CLIENT --auth basic --client-secret-env OA2_DEMO_BASIC_SECRET --scope api:read --access-token-only)"
token=$("$OA2" token client-credentials --token-endpoint "$TOKEN_ENDPOINT" --client-id "$BASIC_CLIENT" \
  --auth basic --client-secret-env OA2_DEMO_BASIC_SECRET --scope api:read --access-token-only)
printf '%s\n' "$token" >>"$SECRETS"
[[ "$token" =~ ^[A-Za-z0-9._~+/-]+=*$ ]] || die "--access-token-only printed more than an RFC 6750 token"
ok "one line: an RFC 6750 token of ${#token} characters, nothing else"

# ---------------------------------------------------------------------------
step "oa2 token client-credentials: oa2-private-key-jwt-ES256, private_key_jwt with a key file"

say "No secret is sent: for every request the client signs a new assertion (RFC 7523)"
say "with its ES256 key, kept in a 0600 file (the test key of tests/interop/provider)."
(umask 077; node -e 'const k = require(process.argv[1]).keys.find((k) => k.alg === "ES256");
  process.stdout.write(JSON.stringify(k))' "$SRC_DIR/tests/interop/provider/client-keys.json" >"$TMP_DIR/es256.jwk")
show "oa2 token client-credentials --token-endpoint $TOKEN_ENDPOINT --client-id oa2-private-key-jwt-ES256 --auth private_key_jwt --key \$TMP/es256.jwk"
check_run 0 - "$OA2" token client-credentials --token-endpoint "$TOKEN_ENDPOINT" \
  --client-id oa2-private-key-jwt-ES256 --auth private_key_jwt --key "$TMP_DIR/es256.jwk"
grep -qF 'private_key_jwt' "$TMP_DIR/step.out" || die "the summary does not name private_key_jwt"
ok "token received with a signed client assertion; the summary shows no secret"

# ---------------------------------------------------------------------------
step "oa2 token client-credentials --dpop: oa2-dpop-nonce, a DPoP-bound token (RFC 9449)"

say "The request carries a proof signed by a new ES256 key; this client's tokens must be bound,"
say "and the provider wants its nonce in the proof, so the first answer is use_dpop_nonce and"
say "the library sends the request once more with a new proof that carries it."
export OA2_DEMO_DPOP_SECRET="dpop-nonce-secret-0123456789"
printf '%s\n' "$OA2_DEMO_DPOP_SECRET" >>"$SECRETS"
show "oa2 token client-credentials --token-endpoint $TOKEN_ENDPOINT --client-id oa2-dpop-nonce --client-secret-env OA2_DEMO_DPOP_SECRET --dpop --dpop-key-out \$TMP/dpop.jwk"
check_run 0 - "$OA2" token client-credentials --token-endpoint "$TOKEN_ENDPOINT" \
  --client-id oa2-dpop-nonce --client-secret-env OA2_DEMO_DPOP_SECRET --dpop --dpop-key-out "$TMP_DIR/dpop.jwk"
grep -qE 'token type: +DPoP$' "$TMP_DIR/step.out" || die "the token is not of type DPoP"
jkt=$("$OA2" jwk thumbprint "$TMP_DIR/dpop.jwk") || die "oa2 jwk thumbprint failed on the saved key"
grep -qF "thumbprint (jkt) $jkt" "$TMP_DIR/step.out" || die "the summary does not show the key's thumbprint $jkt"
node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).d + "\n")' \
  "$TMP_DIR/dpop.jwk" >>"$SECRETS"
[[ "$(stat -c %a "$TMP_DIR/dpop.jwk")" == 600 ]] || die "the saved DPoP key is not mode 0600"
ok "a DPoP token bound to the key with thumbprint $jkt (the provider records it as cnf.jkt)"

# ---------------------------------------------------------------------------
step "How oa2 reports a server error (this one is expected to fail, with exit status 1)"

say "--raw-basic skips that form-encoding, as some servers want; this provider refuses it."
show "oa2 token client-credentials --token-endpoint $TOKEN_ENDPOINT --client-id $BASIC_CLIENT --auth basic --raw-basic --client-secret-env OA2_DEMO_BASIC_SECRET"
check_run 1 - "$OA2" token client-credentials --token-endpoint "$TOKEN_ENDPOINT" \
  --client-id "$BASIC_CLIENT" --auth basic --raw-basic --client-secret-env OA2_DEMO_BASIC_SECRET
grep -q 'HTTP status: *400' "$TMP_DIR/step.out" || die "the report lacks the HTTP status"
ok "exit status 1: error domain and code, the server's error, error_description, HTTP status"

# ---------------------------------------------------------------------------
step "oa2 authorize: alice signs in to $PUBLIC_CLIENT (a public client) in a browser, back on a loopback port"

# Without --redirect-uri, oa2 authorize signs in as a desktop app does
# (RFC 8252): it listens on 127.0.0.1 on a port the system picks, prints
# the authorization address on stderr, opens the browser, receives the
# redirect itself, checks it and exchanges the code. The browser is the
# command of OA2_BROWSER (given the address as its last argument): here the
# scripted one, which logs alice in and consents (login.mjs), then follows
# the redirect back to oa2's port as a browser would.
TOKEN_FILE="$TMP_DIR/token.json"
show "OA2_BROWSER='node tests/interop/provider/scripted-browser.mjs' oa2 authorize --token-endpoint $TOKEN_ENDPOINT --authorization-endpoint $ISSUER/auth --client-id $PUBLIC_CLIENT --scope 'openid offline_access' --prompt consent --issuer $ISSUER --jwks-uri $ISSUER/jwks --require-iss --json > \$TMP/token.json"
AUTHORIZE_STATUS=0
OA2_BROWSER="node $(printf '%q' "$PROVIDER_DIR/scripted-browser.mjs")" \
  "$OA2" authorize --token-endpoint "$TOKEN_ENDPOINT" --authorization-endpoint "$ISSUER/auth" \
  --client-id "$PUBLIC_CLIENT" --scope 'openid offline_access' \
  --prompt consent --issuer "$ISSUER" --jwks-uri "$ISSUER/jwks" --require-iss --json --browser-timeout 60 \
  </dev/null >"$TOKEN_FILE" 2>"$TMP_DIR/authorize.err" || AUTHORIZE_STATUS=$?
AUTHORIZATION_URL="$(grep -m1 "^$ISSUER/auth?" "$TMP_DIR/authorize.err" || true)"
[[ -n "$AUTHORIZATION_URL" ]] || { indent <"$TMP_DIR/authorize.err"; die "oa2 authorize printed no address"; }
LOOPBACK_URI="$(query_param "$AUTHORIZATION_URL" redirect_uri || true)"
say "authorization request (made by the library): $AUTHORIZATION_URL"
say "  state, nonce and PKCE S256 verifier: 256 random bits each, kept in oa2's memory"
say "  redirect URI: $LOOPBACK_URI, oa2's own loopback receiver (127.0.0.1 only, closed when done)"
[[ "$LOOPBACK_URI" =~ ^http://127\.0\.0\.1:[0-9]+/callback$ ]] || die "the redirect URI is not a loopback one"
ok "the browser signed alice in and came back to oa2's port with a code (never seen by this script)"

# ---------------------------------------------------------------------------
step "oa2 authorize: state and iss checked, the code exchanged, --json into a 0600 file"

{ grep -v "^$ISSUER/auth?" "$TMP_DIR/authorize.err" || true; } | indent
[[ $AUTHORIZE_STATUS -eq 0 ]] || die "oa2 authorize exited with status $AUTHORIZE_STATUS"
remember_tokens "$TOKEN_FILE"
[[ "$(stat -c %a "$TOKEN_FILE")" == 600 ]] || die "\$TMP/token.json is not mode 0600"
say "\$TMP/token.json: $(stat -c '%s bytes, mode %a' "$TOKEN_FILE"); members: $(json_keys "$TOKEN_FILE")"
ok "state and iss (RFC 9207) checked by the library; access, refresh and ID tokens stored, none printed"

# ---------------------------------------------------------------------------
step "oa2 token refresh: renew with the stored refresh token, --json into a 0600 file"

REFRESHED_FILE="$TMP_DIR/refreshed.json"
show "oa2 token refresh --token-endpoint $TOKEN_ENDPOINT --client-id $PUBLIC_CLIENT --token-file \$TMP/token.json --json > \$TMP/refreshed.json"
check_run 0 "$REFRESHED_FILE" "$OA2" token refresh --token-endpoint "$TOKEN_ENDPOINT" \
  --client-id "$PUBLIC_CLIENT" --token-file "$TOKEN_FILE" --json
remember_tokens "$REFRESHED_FILE"
[[ "$(stat -c %a "$REFRESHED_FILE")" == 600 ]] || die "\$TMP/refreshed.json is not mode 0600"
say "\$TMP/refreshed.json: $(stat -c '%s bytes, mode %a' "$REFRESHED_FILE"); members: $(json_keys "$REFRESHED_FILE")"
rt() { node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).refresh_token' "$1"; }
if [[ "$(rt "$TOKEN_FILE")" == "$(rt "$REFRESHED_FILE")" ]]; then
  die "the provider rotates $PUBLIC_CLIENT's refresh tokens, yet the new token holds the old one"
fi
ok "a new access token, and a new refresh token: the provider rotated it (compared, not printed)"

# ---------------------------------------------------------------------------
step "oa2 api: alice's token (Bearer), then a DPoP-bound token with the resource's own nonce, call an API"

say "The provider's test resource ($ISSUER/test/resource) answers with the scheme and client it saw."
show "oa2 api GET $ISSUER/test/resource --token-file \$TMP/refreshed.json --token-endpoint $TOKEN_ENDPOINT --client-id $PUBLIC_CLIENT"
check_run 0 "$TMP_DIR/api-bearer.json" "$OA2" api GET "$ISSUER/test/resource" --token-file "$REFRESHED_FILE" \
  --token-endpoint "$TOKEN_ENDPOINT" --client-id "$PUBLIC_CLIENT"
indent <"$TMP_DIR/api-bearer.json"
grep -qF '"scheme":"Bearer"' "$TMP_DIR/api-bearer.json" || die "the resource did not see a Bearer token"
DPOP_TOKEN_FILE="$TMP_DIR/dpop-token.json"
show "oa2 token client-credentials --token-endpoint $TOKEN_ENDPOINT --client-id oa2-dpop-nonce --client-secret-env OA2_DEMO_DPOP_SECRET --dpop --dpop-key \$TMP/dpop.jwk --json > \$TMP/dpop-token.json"
check_run 0 "$DPOP_TOKEN_FILE" "$OA2" token client-credentials --token-endpoint "$TOKEN_ENDPOINT" \
  --client-id oa2-dpop-nonce --client-secret-env OA2_DEMO_DPOP_SECRET --dpop --dpop-key "$TMP_DIR/dpop.jwk" --json
remember_tokens "$DPOP_TOKEN_FILE"
say "The resource asks for its own nonce (401 use_dpop_nonce); the library sends a new proof with it."
show "oa2 api GET $ISSUER/test/resource --token-file \$TMP/dpop-token.json"
check_run 0 "$TMP_DIR/api-dpop.json" "$OA2" api GET "$ISSUER/test/resource" --token-file "$DPOP_TOKEN_FILE"
indent <"$TMP_DIR/api-dpop.json"
grep -qF '"scheme":"DPoP"' "$TMP_DIR/api-dpop.json" || die "the resource did not see a DPoP token"
ok "the API answered both: a user's Bearer token, and a DPoP-bound token with a proof carrying the API's nonce"

# ---------------------------------------------------------------------------
step "oa2 device: the device flow (RFC 8628), approved on \"another device\" by a script"

# oa2 device prints the user code and the verification address on stderr
# and polls; approve-device.mjs plays the user who enters the code on a
# phone, through the provider's test-only route (provider.mjs, device-flow
# block). The provider asks for 1-second polls.
DEVICE_TOKEN_FILE="$TMP_DIR/device-token.json"
show "oa2 device --issuer $ISSUER --client-id oa2-device --scope 'openid offline_access' --output \$TMP/device-token.json"
"$OA2" device --issuer "$ISSUER" --client-id oa2-device --scope 'openid offline_access' \
  --output "$DEVICE_TOKEN_FILE" >"$TMP_DIR/device.out" 2>"$TMP_DIR/device.err" &
DEVICE_PID=$!
USER_CODE=''
for _ in $(seq 1 100); do
  USER_CODE="$(grep -o -m1 'user_code=[A-Z-]*' "$TMP_DIR/device.err" | sed 's/^user_code=//' || true)"
  [[ -n "$USER_CODE" ]] && break
  kill -0 "$DEVICE_PID" 2>/dev/null || break
  sleep 0.1
done
indent <"$TMP_DIR/device.err"
[[ -n "$USER_CODE" ]] || die "oa2 device showed no user code"
show "node tests/interop/provider/approve-device.mjs $ISSUER $USER_CODE   (the user approves on another device)"
node "$PROVIDER_DIR/approve-device.mjs" "$ISSUER" "$USER_CODE" approve 1500 2>&1 | indent ||
  die "the approval was refused"
DEVICE_STATUS=0
wait "$DEVICE_PID" || DEVICE_STATUS=$?
DEVICE_PID=''
{ grep -A99 -F 'Waiting for the answer' "$TMP_DIR/device.err" | tail -n +2 || true; } | indent
indent <"$TMP_DIR/device.out"
[[ $DEVICE_STATUS -eq 0 ]] || die "oa2 device exited with status $DEVICE_STATUS"
grep -qF 'urn:ietf:params:oauth:grant-type:device_code' "$TMP_DIR/device.out" || die "the summary does not name the device code grant"
remember_tokens "$DEVICE_TOKEN_FILE"
[[ "$(stat -c %a "$DEVICE_TOKEN_FILE")" == 600 ]] || die "\$TMP/device-token.json is not mode 0600"
ok "approved while oa2 polled: access, refresh and ID tokens stored in a 0600 file, none printed"

# ---------------------------------------------------------------------------
step "Example examples/client-credentials.c ($BASIC_CLIENT, basic)"

show "OA2_EXAMPLE_TOKEN_ENDPOINT=$TOKEN_ENDPOINT OA2_EXAMPLE_CLIENT_ID=$BASIC_CLIENT OA2_EXAMPLE_CLIENT_SECRET=… OA2_EXAMPLE_AUTH=basic examples/client-credentials --scope api:read"
check_run 0 - env OA2_EXAMPLE_TOKEN_ENDPOINT="$TOKEN_ENDPOINT" OA2_EXAMPLE_CLIENT_ID="$BASIC_CLIENT" \
  OA2_EXAMPLE_CLIENT_SECRET="$BASIC_SECRET" OA2_EXAMPLE_AUTH=basic \
  "$BUILD_DIR/examples/client-credentials" --scope api:read
ok "the C example got a token"

# ---------------------------------------------------------------------------
step "Example examples/client-credentials.py ($POST_CLIENT, post; PyGObject)"

show "OA2_EXAMPLE_TOKEN_ENDPOINT=$TOKEN_ENDPOINT OA2_EXAMPLE_CLIENT_ID=$POST_CLIENT OA2_EXAMPLE_CLIENT_SECRET=… OA2_EXAMPLE_AUTH=post $PYTHON examples/client-credentials.py --scope 'api:read api:write'"
check_run 0 - env OA2_EXAMPLE_TOKEN_ENDPOINT="$TOKEN_ENDPOINT" OA2_EXAMPLE_CLIENT_ID="$POST_CLIENT" \
  OA2_EXAMPLE_CLIENT_SECRET="$POST_SECRET" OA2_EXAMPLE_AUTH=post \
  "$PYTHON" "$SRC_DIR/examples/client-credentials.py" --scope 'api:read api:write'
ok "the Python example got a token"

# ---------------------------------------------------------------------------
step "Example examples/client-credentials.js ($BASIC_CLIENT, basic; GJS)"

show "OA2_EXAMPLE_TOKEN_ENDPOINT=$TOKEN_ENDPOINT OA2_EXAMPLE_CLIENT_ID=$BASIC_CLIENT OA2_EXAMPLE_CLIENT_SECRET=… OA2_EXAMPLE_AUTH=basic gjs -m examples/client-credentials.js api:read"
check_run 0 - env OA2_EXAMPLE_TOKEN_ENDPOINT="$TOKEN_ENDPOINT" OA2_EXAMPLE_CLIENT_ID="$BASIC_CLIENT" \
  OA2_EXAMPLE_CLIENT_SECRET="$BASIC_SECRET" OA2_EXAMPLE_AUTH=basic \
  gjs -m "$SRC_DIR/examples/client-credentials.js" api:read
ok "the GJS example got a token"

# ---------------------------------------------------------------------------
step "Example examples/refresh-token.c renews the stored token in place"

show "OA2_EXAMPLE_TOKEN_ENDPOINT=$TOKEN_ENDPOINT OA2_EXAMPLE_CLIENT_ID=$PUBLIC_CLIENT examples/refresh-token \$TMP/refreshed.json"
check_run 0 - env OA2_EXAMPLE_TOKEN_ENDPOINT="$TOKEN_ENDPOINT" OA2_EXAMPLE_CLIENT_ID="$PUBLIC_CLIENT" \
  "$BUILD_DIR/examples/refresh-token" "$REFRESHED_FILE"
remember_tokens "$REFRESHED_FILE"
[[ "$(stat -c %a "$REFRESHED_FILE")" == 600 ]] || die "the rewritten token file is not mode 0600"
grep -q 'rotated' "$TMP_DIR/step.out" || die "the example did not see the rotation"
ok "renewed; the file was replaced atomically and is still mode $(stat -c %a "$REFRESHED_FILE")"

# ---------------------------------------------------------------------------
step "Example examples/refresh-token.py renews it again"

show "OA2_EXAMPLE_TOKEN_ENDPOINT=$TOKEN_ENDPOINT OA2_EXAMPLE_CLIENT_ID=$PUBLIC_CLIENT $PYTHON examples/refresh-token.py \$TMP/refreshed.json"
check_run 0 - env OA2_EXAMPLE_TOKEN_ENDPOINT="$TOKEN_ENDPOINT" OA2_EXAMPLE_CLIENT_ID="$PUBLIC_CLIENT" \
  "$PYTHON" "$SRC_DIR/examples/refresh-token.py" "$REFRESHED_FILE"
remember_tokens "$REFRESHED_FILE"
[[ "$(stat -c %a "$REFRESHED_FILE")" == 600 ]] || die "the rewritten token file is not mode 0600"
ok "renewed; the file was replaced atomically and is still mode $(stat -c %a "$REFRESHED_FILE")"

# ---------------------------------------------------------------------------
step "oa2 exchange: $EXCHANGE_CLIENT trades its access token for one meant for a backend (RFC 8693)"

say "The provider's token exchange grant (provider.mjs) takes an active access token it issued."
show "oa2 token client-credentials --issuer $ISSUER --client-id $EXCHANGE_CLIENT --auth basic --client-secret-env OA2_DEMO_EXCHANGE_SECRET --scope api:read --output \$TMP/subject.json"
check_run 0 - "$OA2" token client-credentials --issuer "$ISSUER" --client-id "$EXCHANGE_CLIENT" --auth basic \
  --client-secret-env OA2_DEMO_EXCHANGE_SECRET --scope api:read --output "$TMP_DIR/subject.json"
remember_tokens "$TMP_DIR/subject.json"
show "oa2 exchange --issuer $ISSUER --client-id $EXCHANGE_CLIENT --auth basic --client-secret-env OA2_DEMO_EXCHANGE_SECRET --token-file \$TMP/subject.json --audience urn:example:backend --requested-token-type access_token --scope api:read --output \$TMP/exchanged.json"
check_run 0 - "$OA2" exchange --issuer "$ISSUER" --client-id "$EXCHANGE_CLIENT" --auth basic \
  --client-secret-env OA2_DEMO_EXCHANGE_SECRET --token-file "$TMP_DIR/subject.json" \
  --audience urn:example:backend --requested-token-type access_token --scope api:read \
  --output "$TMP_DIR/exchanged.json"
remember_tokens "$TMP_DIR/exchanged.json"
grep -qE 'issued type: +urn:ietf:params:oauth:token-type:access_token$' "$TMP_DIR/step.out" ||
  die "the summary does not show the issued token type"
ok "a new access token (issued_token_type access_token), saved to a 0600 file"

# ---------------------------------------------------------------------------
step "oa2 introspect: the exchanged token is active; a signed JWT answer (RFC 9701)"

show "oa2 introspect --issuer $ISSUER --client-id $EXCHANGE_CLIENT --auth basic --client-secret-env OA2_DEMO_EXCHANGE_SECRET --token-file \$TMP/exchanged.json"
check_run 0 - "$OA2" introspect --issuer "$ISSUER" --client-id "$EXCHANGE_CLIENT" --auth basic \
  --client-secret-env OA2_DEMO_EXCHANGE_SECRET --token-file "$TMP_DIR/exchanged.json"
grep -qE '"active" : true' "$TMP_DIR/step.out" || die "the exchanged token is not active"
say "$INTROSPECT_JWT_CLIENT is registered with introspection_signed_response_alg RS256:"
"$OA2" token client-credentials --issuer "$ISSUER" --client-id "$INTROSPECT_JWT_CLIENT" --auth basic \
  --client-secret-env OA2_DEMO_INTROSPECT_JWT_SECRET --output "$TMP_DIR/jwt-client.json" >/dev/null
remember_tokens "$TMP_DIR/jwt-client.json"
show "oa2 introspect --issuer $ISSUER --client-id $INTROSPECT_JWT_CLIENT --auth basic --client-secret-env OA2_DEMO_INTROSPECT_JWT_SECRET --token-file \$TMP/jwt-client.json --jwt-response"
check_run 0 - "$OA2" introspect --issuer "$ISSUER" --client-id "$INTROSPECT_JWT_CLIENT" --auth basic \
  --client-secret-env OA2_DEMO_INTROSPECT_JWT_SECRET --token-file "$TMP_DIR/jwt-client.json" --jwt-response
grep -qE '"active" : true' "$TMP_DIR/step.out" || die "the JWT answer does not say active"
ok "active; the JWT answer's signature, typ, iss and aud were checked against the provider's keys"

# ---------------------------------------------------------------------------
step "oa2 revoke, then oa2 introspect: the exchanged token is inactive (RFC 7009)"

show "oa2 revoke --issuer $ISSUER --client-id $EXCHANGE_CLIENT --auth basic --client-secret-env OA2_DEMO_EXCHANGE_SECRET --token-file \$TMP/exchanged.json"
check_run 0 - "$OA2" revoke --issuer "$ISSUER" --client-id "$EXCHANGE_CLIENT" --auth basic \
  --client-secret-env OA2_DEMO_EXCHANGE_SECRET --token-file "$TMP_DIR/exchanged.json"
show "oa2 introspect --issuer $ISSUER --client-id $EXCHANGE_CLIENT --auth basic --client-secret-env OA2_DEMO_EXCHANGE_SECRET --token-file \$TMP/exchanged.json"
check_run 0 - "$OA2" introspect --issuer "$ISSUER" --client-id "$EXCHANGE_CLIENT" --auth basic \
  --client-secret-env OA2_DEMO_EXCHANGE_SECRET --token-file "$TMP_DIR/exchanged.json"
grep -qE '"active" : false' "$TMP_DIR/step.out" || die "the revoked token is still active"
ok "revoked; introspection now says active: false"

# ---------------------------------------------------------------------------
step "oa2 ciba: alice approves on her own device (OpenID CIBA, poll mode); a script plays her phone"

# oa2 ciba sends the backchannel authentication request and polls; the
# script answers on the provider's test-only route (provider.mjs, CIBA
# block), as alice would in her identity provider's phone app.
show "oa2 ciba --issuer $ISSUER --client-id $CIBA_CLIENT --auth basic --client-secret-env OA2_DEMO_CIBA_SECRET --login-hint alice --binding-message DEMO-7 --output \$TMP/ciba.json"
"$OA2" ciba --issuer "$ISSUER" --client-id "$CIBA_CLIENT" --auth basic --client-secret-env OA2_DEMO_CIBA_SECRET \
  --login-hint alice --binding-message DEMO-7 --output "$TMP_DIR/ciba.json" \
  >"$TMP_DIR/ciba.out" 2>"$TMP_DIR/ciba.err" &
CIBA_PID=$!
for _ in $(seq 1 300); do
  grep -q 'Waiting for the user' "$TMP_DIR/ciba.err" 2>/dev/null && break
  kill -0 "$CIBA_PID" 2>/dev/null || break
  sleep 0.05
done
indent <"$TMP_DIR/ciba.err"
show "POST $ISSUER/test/ciba-decision binding_message=DEMO-7&decision=approve   (alice approves on her phone)"
node -e 'fetch(process.argv[1] + "/test/ciba-decision", { method: "POST",
           headers: { "content-type": "application/x-www-form-urlencoded" },
           body: "binding_message=DEMO-7&decision=approve" })
         .then((r) => { if (r.status !== 204) throw new Error(`status ${r.status}`); })
         .catch((e) => { console.error(e.message); process.exit(1); })' "$ISSUER" ||
  die "the approval was not accepted"
CIBA_STATUS=0
wait "$CIBA_PID" || CIBA_STATUS=$?
indent <"$TMP_DIR/ciba.out"
[[ $CIBA_STATUS -eq 0 ]] || { indent <"$TMP_DIR/ciba.err"; die "oa2 ciba exited with status $CIBA_STATUS"; }
grep -qF 'urn:openid:params:grant-type:ciba' "$TMP_DIR/ciba.out" || die "the summary does not name the CIBA grant"
remember_tokens "$TMP_DIR/ciba.json"
ok "approved; the token and its validated ID token saved to a 0600 file"

# ---------------------------------------------------------------------------
step "Check: no token, code, verifier or client secret was shown"

checked=0 leaked=0
while IFS= read -r value; do
  [[ -n "$value" ]] || continue
  checked=$((checked + 1))
  if grep -qF -e "$value" "$TRANSCRIPT"; then
    leaked=$((leaked + 1))
  fi
done <"$SECRETS"
[[ $leaked -eq 0 ]] || die "$leaked of $checked secret values appear in what the demo showed"
ok "none of the $checked secret values (tokens, code, verifier, client secrets) is in the $(wc -l <"$TRANSCRIPT") lines shown"

emit ""
emit "$GREEN$BOLD✔ demo finished: all $STEP_NO steps passed$RESET"
