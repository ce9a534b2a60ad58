#!/usr/bin/python3
# jws-json.py: one payload, two signatures, in a JWS JSON serialization
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Offline, no server. An issuer rotates its signing key from ES256 to EdDSA:
# during the rotation it signs its claims with both keys, so that recipients
# that know either key accept them. The compact form holds one signature
# only; the JWS JSON serialization (RFC 7515 §7.2) holds several.
#
# The example signs with the old key (the flattened syntax), adds a
# signature with the new key (the general syntax), and leaves the new key's
# "kid" in an unprotected header. A recipient that knows only the new key
# verifies the document with its key set. Last, it shows what the
# signatures cover: a changed unprotected "kid" leaves them intact but names
# no key of the set, and a changed payload breaks them. Run it with Debian's
# /usr/bin/python3, which has PyGObject:
#
#   /usr/bin/python3 jws-json.py
#
# From a build tree: GI_TYPELIB_PATH=_build/oauth2client-glib
# LD_LIBRARY_PATH=_build/oauth2client-glib. The private keys are never
# printed.

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


def json_object(members):
    """A Json.Object from a dict, through JSON text."""
    parser = Json.Parser.new()
    parser.load_from_data(json.dumps(members), -1)
    return parser.get_root().get_object()


def receive(document, jwks):
    """What a recipient does: parse, then accept the document when one of its
    signatures verifies with a key of the set (EdDSA or ES256 only; never
    "none"), and its claims pass. Returns the token of that signature, its
    index and the number of signatures."""
    jwts = OA2.Jwt.parse_json_serialization(document)
    last_error = None
    for index, jwt in enumerate(jwts):
        try:
            jwt.verify_with_jwks(jwks, ['EdDSA', 'ES256'], OA2.JwksKeyPolicy.SINGLE)
        except GLib.Error as error:
            last_error = error
            continue
        jwt.check_typ('JWT')
        jwt.validate_claims(ISSUER, None, 30)
        return jwt, index, len(jwts)
    raise last_error


def show_refusal(what, document, jwks):
    try:
        receive(document, jwks)
    except GLib.Error as error:
        code = OA2.Error(error.code).value_name if error.domain == GLib.quark_to_string(OA2.error_quark()) else '?'
        print(f'{what}: refused: {error.message} ({code}, code {error.code})')
        return
    sys.exit(f'jws-json.py: the {what} was accepted!')


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b'=').decode()


def main():
    # 1. The old key and the new one.
    old_key = OA2.Jwk.generate('ES256')
    new_key = OA2.Jwk.generate('EdDSA')

    # 2. Sign with the old key: the flattened syntax, everything protected.
    claims = {'iss': ISSUER, 'sub': 'alice', 'exp': int(time.time()) + 300}
    payload = GLib.Bytes.new(json.dumps(claims, separators=(',', ':')).encode())
    typ = json_object({'typ': 'JWT'})
    flattened = OA2.Jwt.sign_json(payload, old_key, 'ES256', typ, None)
    print(f'flattened:      {flattened}')

    # 3. Add a signature with the new key, whose "kid" stays unprotected: the
    # general syntax.
    general = OA2.Jwt.add_json_signature(flattened, new_key, 'EdDSA', typ,
                                         json_object({'kid': new_key.get_kid()}))
    print(f'general:        {general}')

    # 4. A recipient that knows only the new key.
    recipient_keys = OA2.Jwks.new([new_key.dup_public()])
    try:
        jwt, index, count = receive(general, recipient_keys)
    except GLib.Error as error:
        print(f'jws-json.py: the genuine document was refused: {error.message}', file=sys.stderr)
        return 1
    print(f'verified:       signature {index + 1} of {count}, {jwt.get_alg()} with key {jwt.get_kid()}; '
          f'subject {jwt.get_string_claim("sub")}')
    print(f'covered:        {",".join(jwt.get_protected_header().get_members())}; '
          f'not covered: {",".join(jwt.get_unprotected_header().get_members())}')

    # 5. Change the unprotected "kid": the signature still holds, but no key
    # of the set has that name. Change the payload: no signature holds.
    document = json.loads(general)
    document['signatures'][1]['header']['kid'] = 'someone-else'
    show_refusal('renamed kid', json.dumps(document), recipient_keys)
    document = json.loads(general)
    document['payload'] = b64url(json.dumps(dict(claims, sub='mallory')).encode())
    show_refusal('forged payload', json.dumps(document), recipient_keys)
    return 0


if __name__ == '__main__':
    sys.exit(main())
