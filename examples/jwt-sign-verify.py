#!/usr/bin/python3
# jwt-sign-verify.py: make a key, sign a JWT, verify it, refuse a forgery
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Offline, no server: generates an ES256 key, prints its public JWK and its
# RFC 7638 thumbprint, signs claims that expire in five minutes, then
# verifies the token the way a recipient does: with the public key only, an
# allow-list of algorithms, and the claims checked (issuer, audience, expiry
# with some leeway). Last, it forges the claims of the token and shows that
# verification refuses them, with the error code. Run it with Debian's
# /usr/bin/python3, which has PyGObject:
#
#   /usr/bin/python3 jwt-sign-verify.py
#
# From a build tree: GI_TYPELIB_PATH=_build/oauth2client-glib
# LD_LIBRARY_PATH=_build/oauth2client-glib. The private key is never
# printed: key.to_json(True) would print it, and has no place in a log.

import base64
import json
import sys
import time

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Json', '1.0')
gi.require_version('OA2', '1')
from gi.repository import GLib, Json, OA2  # noqa: E402

ISSUER = 'https://issuer.example'
AUDIENCE = 'https://api.example'


def json_object(members):
    """A Json.Object from a dict, through JSON text."""
    parser = Json.Parser.new()
    parser.load_from_data(json.dumps(members), -1)
    return parser.get_root().get_object()


def receive(token, public_key):
    """What a recipient does: parse, verify (ES256 only; never "none"),
    validate the claims with 30 seconds of leeway."""
    jwt = OA2.Jwt.new_from_compact(token)
    jwt.verify(public_key, ['ES256'])
    jwt.validate_claims(ISSUER, AUDIENCE, 30)
    return jwt


def main():
    # 1. A new P-256 key for ES256; its kid is its thumbprint.
    key = OA2.Jwk.generate('ES256')
    public_key = key.dup_public()
    print(f'public key:   {public_key.to_json(False)}')
    print(f'thumbprint:   {key.dup_thumbprint()}')

    # 2. Sign claims that expire in five minutes.
    now = int(time.time())
    claims = {'iss': ISSUER, 'sub': 'alice', 'aud': AUDIENCE, 'iat': now, 'exp': now + 300}
    token = OA2.Jwt.sign_claims(json_object(claims), key, 'ES256', json_object({'typ': 'JWT'}))
    print(f'token:        {token}')

    # 3. Verify it as a recipient that holds the public key only.
    try:
        jwt = receive(token, public_key)
    except GLib.Error as error:
        print(f'jwt-sign-verify.py: the genuine token was refused: {error.message}', file=sys.stderr)
        return 1
    print(f'verified:     {jwt.get_string_claim("sub")}, signed with {jwt.get_alg()} '
          f'by key {jwt.get_kid()}, for {AUDIENCE}')

    # 4. Forge the claims (another subject), keep the signature.
    header, _, signature = token.split('.')
    payload = base64.urlsafe_b64encode(json.dumps(dict(claims, sub='mallory')).encode()).rstrip(b'=').decode()
    try:
        receive(f'{header}.{payload}.{signature}', public_key)
    except GLib.Error as error:
        code = OA2.Error(error.code).value_name if error.domain == GLib.quark_to_string(OA2.error_quark()) else '?'
        print(f'forged token: refused: {error.message} ({code}, code {error.code})')
        return 0
    print('jwt-sign-verify.py: the forged token was accepted!', file=sys.stderr)
    return 1


if __name__ == '__main__':
    sys.exit(main())
