#!/usr/bin/env bash
# Smoke test for the interop provider: starts provider.mjs, drives every
# client through the flows the C tests rely on with curl (and login.mjs for
# the end-user part), then stops the provider by PID.
#
#   bash smoke.sh            # from anywhere; runs `npm ci` first if needed
#
# Needs only bash, curl, node, openssl, base64 and coreutils.  Exit status 0
# when every check passed.  The last line is "N passed, N failed".
set -u -o pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"

if [ ! -d node_modules/oidc-provider ]; then
  echo "smoke: node_modules missing, running npm ci" >&2
  npm ci --no-audit --no-fund >&2 || { echo "smoke: npm ci failed" >&2; exit 1; }
fi

TMP="$(mktemp -d)"
PROVIDER_PID=""
PASSED=0
FAILED=0

cleanup() {
  if [ -n "$PROVIDER_PID" ] && kill -0 "$PROVIDER_PID" 2>/dev/null; then
    kill -TERM "$PROVIDER_PID" 2>/dev/null
    wait "$PROVIDER_PID" 2>/dev/null
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT

pass() { PASSED=$((PASSED + 1)); echo "ok   - $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL - $1"; [ $# -gt 1 ] && echo "       $2"; }
check() { # check NAME COMMAND...
  local name="$1"; shift
  if "$@"; then pass "$name"; else fail "$name" "${DETAIL:-}"; fi
  DETAIL=""
}

# json FILE EXPR: print a field of a JSON document (EXPR is a JS expression
# over `j`), empty if absent.
json() {
  node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
           const v = eval(process.argv[2]); if (v !== undefined && v !== null) console.log(v);' "$1" "$2"
}

# url_param URL NAME
url_param() {
  node -e 'const v = new URL(process.argv[1]).searchParams.get(process.argv[2]); if (v !== null) console.log(v);' "$1" "$2"
}

# post NAME PATH CURL-ARGS...: POST to the provider, body in $TMP/NAME.json,
# sets STATUS.
post() {
  local name="$1" path="$2"; shift 2
  STATUS="$(curl -sS -o "$TMP/$name.json" -w '%{http_code}' "$@" "$ISSUER$path")" || STATUS="curl-error"
  BODY="$(cat "$TMP/$name.json" 2>/dev/null)"
  DETAIL="HTTP $STATUS $BODY"
}

# pkce: sets VERIFIER and CHALLENGE (S256).
pkce() {
  VERIFIER="$(openssl rand -base64 48 | tr '+/' '-_' | tr -d '=\n')"
  CHALLENGE="$(printf '%s' "$VERIFIER" | openssl dgst -sha256 -binary | base64 -w0 | tr '+/' '-_' | tr -d '=')"
}

# ---------------------------------------------------------------------------
# Start the provider.  Its stdin is a FIFO whose write end this script holds
# on fd 9: closing it (or this script dying) makes the provider exit.
start_provider() {
  local fifo="$TMP/stdin.$1"
  mkfifo "$fifo"
  node provider.mjs <"$fifo" >"$TMP/provider.$1.out" 2>"$TMP/provider.$1.err" &
  PROVIDER_PID=$!
  exec 9>"$fifo"
}

wait_for_issuer() { # wait_for_issuer N -> sets ISSUER
  local out="$TMP/provider.$1.out" i
  ISSUER=""
  for i in $(seq 1 300); do
    if [ -s "$out" ] && grep -q '^ISSUER ' "$out"; then
      ISSUER="$(sed -n 's/^ISSUER //p' "$out")"
      return 0
    fi
    kill -0 "$PROVIDER_PID" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}

# wait_exit PID SECONDS: 0 if the process is gone within SECONDS.
wait_exit() {
  local i
  for i in $(seq 1 $(($2 * 20))); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.05
  done
  return 1
}

T0="$(date +%s%N)"
start_provider 1
if ! wait_for_issuer 1; then
  echo "smoke: provider did not print its ISSUER line; stderr:" >&2
  cat "$TMP/provider.1.err" >&2
  exit 1
fi
T1="$(date +%s%N)"
echo "# provider pid $PROVIDER_PID, $ISSUER, ISSUER line after $(( (T1 - T0) / 1000000 )) ms"

check "stdout is exactly one ISSUER line" \
  test "$(cat "$TMP/provider.1.out")" = "ISSUER $ISSUER"
check "issuer is http://127.0.0.1:<port>" \
  bash -c '[[ "$1" =~ ^http://127\.0\.0\.1:[0-9]+$ ]]' _ "$ISSUER"

STATUS="$(curl -sS -o "$TMP/discovery.json" -w '%{http_code}' "$ISSUER/.well-known/openid-configuration")"
DETAIL="HTTP $STATUS"
check "discovery document names the issuer" \
  test "$STATUS:$(json "$TMP/discovery.json" j.issuer)" = "200:$ISSUER"

# ---------------------------------------------------------------------------
# Client credentials.
#
# oa2-basic: RFC 6749 §2.3.1 says the id and secret are each
# application/x-www-form-urlencoded before being joined with ':' and base64'd.
BASIC_ID='oa2-basic'
BASIC_SECRET='basic s3cr:t/+%&'
BASIC_SECRET_FORM='basic+s3cr%3At%2F%2B%25%26'   # space -> '+', the rest %XX
check "form-urlencoding of the oa2-basic secret is $BASIC_SECRET_FORM" \
  test "$(node -e 'console.log(new URLSearchParams([["", process.argv[1]]]).toString().slice(1))' "$BASIC_SECRET")" = "$BASIC_SECRET_FORM"
BASIC_AUTH="Basic $(printf '%s:%s' "$BASIC_ID" "$BASIC_SECRET_FORM" | base64 -w0)"
BASIC_AUTH_RAW="Basic $(printf '%s:%s' "$BASIC_ID" "$BASIC_SECRET" | base64 -w0)"
echo "# oa2-basic Authorization: $BASIC_AUTH"

post cc-basic /token -H "Authorization: $BASIC_AUTH" \
  -d grant_type=client_credentials -d scope=api:read
check "client_credentials oa2-basic (client_secret_basic, encoded) -> 200" \
  test "$STATUS" = 200
check "  ... Bearer token, expires_in 600, scope api:read" \
  test "$(json "$TMP/cc-basic.json" '[j.token_type, j.expires_in, j.scope, !!j.access_token].join(" ")')" = "Bearer 600 api:read true"
CC_TOKEN="$(json "$TMP/cc-basic.json" j.access_token)"

post cc-basic-raw /token -H "Authorization: $BASIC_AUTH_RAW" -d grant_type=client_credentials
check "client_credentials oa2-basic with the raw (unencoded) secret -> 400 invalid_request" \
  test "$STATUS:$(json "$TMP/cc-basic-raw.json" j.error)" = "400:invalid_request"

post cc-basic-as-post /token -d grant_type=client_credentials \
  -d client_id=oa2-basic --data-urlencode "client_secret=$BASIC_SECRET"
check "oa2-basic authenticating with client_secret_post -> 401 invalid_client" \
  test "$STATUS:$(json "$TMP/cc-basic-as-post.json" j.error)" = "401:invalid_client"

post cc-post /token -d grant_type=client_credentials \
  -d client_id=oa2-post -d client_secret=post-secret-0123456789 --data-urlencode 'scope=api:read api:write'
check "client_credentials oa2-post (client_secret_post) -> 200" \
  test "$STATUS" = 200
check "  ... Bearer token, expires_in 600, scope 'api:read api:write'" \
  test "$(json "$TMP/cc-post.json" '[j.token_type, j.expires_in, j.scope].join(" ")')" = "Bearer 600 api:read api:write"

post cc-post-as-basic /token -u 'oa2-post:post-secret-0123456789' -d grant_type=client_credentials
check "oa2-post authenticating with client_secret_basic -> 401 invalid_client" \
  test "$STATUS:$(json "$TMP/cc-post-as-basic.json" j.error)" = "401:invalid_client"

post cc-public /token -d grant_type=client_credentials -d client_id=oa2-public
# (oidc-provider answers invalid_request here, not RFC 6749's unauthorized_client.)
check "client_credentials for oa2-public -> 400 invalid_request" \
  test "$STATUS:$(json "$TMP/cc-public.json" j.error)" = "400:invalid_request"

# Introspection of the client_credentials token (RFC 7662).
post introspect-cc /token/introspection -H "Authorization: $BASIC_AUTH" --data-urlencode "token=$CC_TOKEN"
check "introspection of the oa2-basic client_credentials token -> active" \
  test "$STATUS:$(json "$TMP/introspect-cc.json" '[j.active, j.client_id].join(" ")')" = "200:true oa2-basic"

# ---------------------------------------------------------------------------
# Authorization code + PKCE + refresh, via login.mjs.
#
# code_flow CLIENT REDIRECT_URI: sets CALLBACK, CODE, VERIFIER.  The redirect
# URI gets an explicit port although the registration has none: loopback
# redirect URIs of native clients match on any port (RFC 8252 §7.3).
code_flow() {
  local client="$1" redirect="$2" state nonce auth_url
  pkce
  state="st-$(openssl rand -hex 8)"
  nonce="n-$(openssl rand -hex 8)"
  auth_url="$ISSUER/auth?response_type=code&client_id=$client"
  auth_url+="&redirect_uri=$(node -e 'console.log(encodeURIComponent(process.argv[1]))' "$redirect")"
  auth_url+="&scope=openid%20offline_access&prompt=consent&state=$state&nonce=$nonce"
  auth_url+="&code_challenge=$CHALLENGE&code_challenge_method=S256"
  CALLBACK="$(node login.mjs "$auth_url" 2>"$TMP/login.err")"
  local rc=$?
  DETAIL="rc=$rc stdout=[$CALLBACK] stderr=[$(cat "$TMP/login.err")]"
  check "login.mjs for $client exits 0 with one line" \
    test "$rc:$(printf '%s\n' "$CALLBACK" | wc -l)" = "0:1"
  CODE="$(url_param "$CALLBACK" code)"
  DETAIL="$CALLBACK"
  check "  ... redirect is $redirect?code&state&iss with our state and issuer" \
    test "${CALLBACK%%\?*}|$(url_param "$CALLBACK" state)|$(url_param "$CALLBACK" iss)|${CODE:+code}" \
       = "$redirect|$state|$ISSUER|code"
  NONCE="$nonce"
}

# id_token_claim FILE CLAIM: decode the ID token payload (no signature check).
id_token_claim() {
  node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
           const p = JSON.parse(Buffer.from(j.id_token.split(".")[1], "base64url"));
           console.log(p[process.argv[2]]);' "$1" "$2"
}

# --- oa2-public (token_endpoint_auth_method none; refresh tokens rotate) ---
REDIRECT='http://127.0.0.1:53682/callback'
code_flow oa2-public "$REDIRECT"

post pub-code-noverifier /token -d grant_type=authorization_code -d client_id=oa2-public \
  --data-urlencode "code=$CODE" --data-urlencode "redirect_uri=$REDIRECT"
check "oa2-public code exchange without code_verifier -> 400 invalid_grant" \
  test "$STATUS:$(json "$TMP/pub-code-noverifier.json" j.error)" = "400:invalid_grant"

# Each exchange below starts from a fresh authorization.
code_flow oa2-public "$REDIRECT"
post pub-code /token -d grant_type=authorization_code -d client_id=oa2-public \
  --data-urlencode "code=$CODE" --data-urlencode "redirect_uri=$REDIRECT" \
  --data-urlencode "code_verifier=$VERIFIER"
check "oa2-public code exchange with PKCE -> 200" test "$STATUS" = 200
check "  ... access, id and refresh tokens, scope 'openid offline_access', expires_in 3600" \
  test "$(json "$TMP/pub-code.json" '[!!j.access_token, !!j.id_token, !!j.refresh_token, j.scope, j.expires_in].join(" ")')" \
     = "true true true openid offline_access 3600"
check "  ... id_token sub=alice, aud=oa2-public, nonce echoed" \
  test "$(id_token_claim "$TMP/pub-code.json" sub) $(id_token_claim "$TMP/pub-code.json" aud) $(id_token_claim "$TMP/pub-code.json" nonce)" \
     = "alice oa2-public $NONCE"
RT1="$(json "$TMP/pub-code.json" j.refresh_token)"

post pub-code-replay /token -d grant_type=authorization_code -d client_id=oa2-public \
  --data-urlencode "code=$CODE" --data-urlencode "redirect_uri=$REDIRECT" \
  --data-urlencode "code_verifier=$VERIFIER"
check "  ... replaying the code -> 400 invalid_grant" \
  test "$STATUS:$(json "$TMP/pub-code-replay.json" j.error)" = "400:invalid_grant"

# The replay above revokes the grant (RFC 6749 §4.1.2), including RT1, so
# run a fresh flow for the refresh checks.
code_flow oa2-public "$REDIRECT"
post pub-code2 /token -d grant_type=authorization_code -d client_id=oa2-public \
  --data-urlencode "code=$CODE" --data-urlencode "redirect_uri=$REDIRECT" \
  --data-urlencode "code_verifier=$VERIFIER"
check "oa2-public second code exchange -> 200" test "$STATUS" = 200
RT1="$(json "$TMP/pub-code2.json" j.refresh_token)"

post pub-refresh /token -d grant_type=refresh_token -d client_id=oa2-public \
  --data-urlencode "refresh_token=$RT1"
check "oa2-public refresh_token grant -> 200 with a new access token" \
  test "$STATUS:$(json "$TMP/pub-refresh.json" '!!j.access_token')" = "200:true"
RT2="$(json "$TMP/pub-refresh.json" j.refresh_token)"
DETAIL="old=$RT1 new=$RT2"
check "  ... refresh token rotated (new value returned)" \
  test -n "$RT2" -a "$RT2" != "$RT1"

post pub-refresh-reuse /token -d grant_type=refresh_token -d client_id=oa2-public \
  --data-urlencode "refresh_token=$RT1"
check "  ... reusing the rotated-out refresh token -> 400 invalid_grant" \
  test "$STATUS:$(json "$TMP/pub-refresh-reuse.json" j.error)" = "400:invalid_grant"

# --- oa2-basic (client_secret_basic; PKCE optional but used; no rotation) ---
REDIRECT='http://127.0.0.1/callback'
code_flow oa2-basic "$REDIRECT"
post basic-code /token -H "Authorization: $BASIC_AUTH" -d grant_type=authorization_code \
  --data-urlencode "code=$CODE" --data-urlencode "redirect_uri=$REDIRECT" \
  --data-urlencode "code_verifier=$VERIFIER"
check "oa2-basic code exchange (basic auth + PKCE) -> 200" test "$STATUS" = 200
check "  ... access, id and refresh tokens, scope 'openid offline_access'" \
  test "$(json "$TMP/basic-code.json" '[!!j.access_token, !!j.id_token, !!j.refresh_token, j.scope].join(" ")')" \
     = "true true true openid offline_access"
BRT="$(json "$TMP/basic-code.json" j.refresh_token)"
BAT="$(json "$TMP/basic-code.json" j.access_token)"

post basic-refresh /token -H "Authorization: $BASIC_AUTH" -d grant_type=refresh_token \
  --data-urlencode "refresh_token=$BRT"
NEW_BAT="$(json "$TMP/basic-refresh.json" j.access_token)"
check "oa2-basic refresh_token grant -> 200 with a new access token" \
  test "$STATUS" = 200 -a -n "$NEW_BAT" -a "$NEW_BAT" != "$BAT"
DETAIL="old=$BRT new=$(json "$TMP/basic-refresh.json" j.refresh_token)"
check "  ... refresh token not rotated (same value returned)" \
  test "$(json "$TMP/basic-refresh.json" j.refresh_token)" = "$BRT"

post basic-refresh2 /token -H "Authorization: $BASIC_AUTH" -d grant_type=refresh_token \
  --data-urlencode "refresh_token=$BRT"
check "  ... and it can be used again -> 200" test "$STATUS" = 200

post introspect-rt /token/introspection -H "Authorization: $BASIC_AUTH" \
  --data-urlencode "token=$BRT" -d token_type_hint=refresh_token
check "introspection of the oa2-basic refresh token -> active, sub alice, lifetime 1 day" \
  test "$STATUS:$(json "$TMP/introspect-rt.json" '[j.active, j.sub, j.client_id, j.exp - j.iat].join(" ")')" = "200:true alice oa2-basic 86400"

post revoke-rt /token/revocation -H "Authorization: $BASIC_AUTH" \
  --data-urlencode "token=$BRT" -d token_type_hint=refresh_token
check "revocation of the oa2-basic refresh token -> 200" test "$STATUS" = 200

post basic-refresh-revoked /token -H "Authorization: $BASIC_AUTH" -d grant_type=refresh_token \
  --data-urlencode "refresh_token=$BRT"
check "  ... refresh with the revoked token -> 400 invalid_grant" \
  test "$STATUS:$(json "$TMP/basic-refresh-revoked.json" j.error)" = "400:invalid_grant"

# --- oa2-post code flow, briefly (client_secret_post, no PKCE) ---
pkce_free_flow() {
  local auth_url state="st-$(openssl rand -hex 8)"
  auth_url="$ISSUER/auth?response_type=code&client_id=oa2-post&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback"
  auth_url+="&scope=openid%20offline_access%20api%3Aread&prompt=consent&state=$state&nonce=n1"
  CALLBACK="$(node login.mjs "$auth_url" 2>"$TMP/login.err")"
  CODE="$(url_param "$CALLBACK" code)"
}
pkce_free_flow
post post-code /token -d grant_type=authorization_code -d client_id=oa2-post \
  -d client_secret=post-secret-0123456789 --data-urlencode "code=$CODE" \
  --data-urlencode "redirect_uri=http://127.0.0.1/callback"
check "oa2-post code exchange (client_secret_post, no PKCE) -> 200 with refresh token" \
  test "$STATUS:$(json "$TMP/post-code.json" '!!j.refresh_token + " " + j.scope')" = "200:true openid offline_access api:read"

# ---------------------------------------------------------------------------
# Shutdown by PID (SIGTERM), then a second instance that must exit on stdin EOF.
kill -TERM "$PROVIDER_PID"
wait_exit "$PROVIDER_PID" 5
DETAIL="still running"
check "provider exits within 5 s of SIGTERM" test $? = 0
wait "$PROVIDER_PID"; RC=$?
DETAIL="exit status $RC"
check "  ... with exit status 0" test "$RC" = 0
exec 9>&-
grep -v -e '^oidc-provider ' -e '^provider\.mjs: ' "$TMP/provider.1.err" >"$TMP/unexpected.err"
DETAIL="$(head -c 600 "$TMP/unexpected.err")"
check "provider stderr holds only its own and oidc-provider's notices" test ! -s "$TMP/unexpected.err"

start_provider 2
if wait_for_issuer 2; then
  exec 9>&-     # the "parent" goes away
  wait_exit "$PROVIDER_PID" 5
  DETAIL="still running"
  check "provider exits within 5 s of stdin EOF" test $? = 0
  wait "$PROVIDER_PID"; RC=$?
  DETAIL="exit status $RC"
  check "  ... with exit status 0" test "$RC" = 0
else
  fail "second provider instance did not start" "$(cat "$TMP/provider.2.err")"
fi
PROVIDER_PID=""

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
