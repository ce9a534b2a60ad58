#!/usr/bin/python3
# id-token.py: validate an OpenID Connect ID token, and see what is refused
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Offline, no server: the script first plays the provider, which signs an
# ID token with its RS256 key and publishes the public half as a key set;
# then the client, which knows the provider's issuer and keys (given here
# by hand with server-jwks; a real client sets jwks-uri instead, and every
# token response it receives is validated the same way, before the caller
# sees the token). It validates the token with the nonce of its
# authorization request and prints the claims, then shows three tokens it
# refuses and why: another nonce, another audience, and alg "none". Run it
# with Debian's /usr/bin/python3, which has PyGObject:
#
#   /usr/bin/python3 id-token.py
#
# From a build tree: GI_TYPELIB_PATH=_build/oauth2client-glib
# LD_LIBRARY_PATH=_build/oauth2client-glib.

import base64
import json
import sys
import time

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Json', '1.0')
gi.require_version('OA2', '1')
from gi.repository import GLib, Json, OA2  # noqa: E402

ISSUER = 'https://id.example.com'
CLIENT_ID = 'my-desktop-app'
NONCE = 'n-0S6_WzA2Mj'


def json_object(members):
    """A Json.Object from a dict, through JSON text."""
    parser = Json.Parser.new()
    parser.load_from_data(json.dumps(members), -1)
    return parser.get_root().get_object()


def claims(**changes):
    now = int(time.time())
    members = {'iss': ISSUER, 'sub': '248289761001', 'aud': CLIENT_ID, 'iat': now, 'exp': now + 600,
               'nonce': NONCE, 'auth_time': now - 30, 'email': 'alice@example.com'}
    members.update(changes)
    return json_object(members)


def refusal(client, token, nonce):
    try:
        client.validate_id_token(token, nonce, -1, None)
    except GLib.Error as error:
        code = OA2.Error(error.code).value_name
        return f'{error.message} ({code})'
    return 'ACCEPTED'


def main():
    # The provider: its signing key and the key set it publishes.
    provider_key = OA2.Jwk.generate('RS256')
    published = OA2.Jwks.new([provider_key.dup_public()])
    id_token = OA2.Jwt.sign_claims(claims(), provider_key, 'RS256', None)

    # The client: an OpenID client, since it has an issuer. RS256 is the
    # default id-token-signed-response-alg.
    client = OA2.Client(issuer=ISSUER, client_auth=OA2.PublicApp.new(CLIENT_ID), server_jwks=published)
    try:
        validated = client.validate_id_token(id_token, NONCE, 300, None)
    except GLib.Error as error:
        print(f'id-token.py: the genuine ID token was refused: {error.message}', file=sys.stderr)
        return 1
    print(f'subject: {validated.get_subject()}')
    print(f'issuer: {validated.get_issuer()}')
    print(f'audience: {" ".join(validated.get_audience())}')
    print(f'email: {validated.get_claim("email").get_string()}')
    print(f'signed with: {validated.get_alg()}')

    print(f'other nonce: {refusal(client, id_token, "n-replayed")}')
    other_audience = OA2.Jwt.sign_claims(claims(aud='another-app'), provider_key, 'RS256', None)
    print(f'other audience: {refusal(client, other_audience, NONCE)}')
    payload = base64.urlsafe_b64encode(json.dumps({'iss': ISSUER, 'sub': 'x', 'aud': CLIENT_ID}).encode())
    unsigned = 'eyJhbGciOiJub25lIn0.' + payload.rstrip(b'=').decode() + '.'
    print(f'unsigned: {refusal(client, unsigned, NONCE)}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
