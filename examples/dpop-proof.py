#!/usr/bin/python3
# dpop-proof.py: make a DPoP key, sign a proof for a request, check it
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Offline, no server: generates an ES256 DPoP key, prints its RFC 7638
# thumbprint (the "jkt" a bound token names), signs a DPoP proof (RFC 9449)
# for a GET of a resource with an access token, then checks it the way a
# resource server does: with the public key of the proof's own header, its
# typ, method, URL and access-token hash. Run it with Debian's
# /usr/bin/python3, which has PyGObject:
#
#   /usr/bin/python3 dpop-proof.py
#
# A real proof is a credential for its request: send it in the "DPoP"
# header and never log it. It is printed here only to show it. Binding the
# token to the key (OA2DPoPToken, the client's DPoP settings, nonce retry)
# is not in this version of the library.

import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('OA2', '1')
from gi.repository import GLib, OA2  # noqa: E402

RESOURCE = 'https://api.example.com/items?page=2'
ACCESS_TOKEN = 'example-access-token'


def main():
    # 1. A new key (ES256 is the default) and its thumbprint.
    key = OA2.DPoPKey.generate(None)
    print(f'thumbprint:   {key.dup_thumbprint()}')

    # 2. A proof for one request, bound to its access token (ath).
    proof = key.make_proof('GET', RESOURCE, ACCESS_TOKEN, None)
    print(f'{key.get_proof_header()}:         {proof}')

    # 3. What a resource server checks: the signature with the header's
    # key, which must be the key the token is bound to, and the typ.
    try:
        jwt = OA2.Jwt.new_from_compact(proof)
        header_key = OA2.Jwk.new_from_json_object(jwt.get_header().get_object_member('jwk'))
        jwt.verify(header_key, ['ES256'])
        jwt.check_typ('dpop+jwt')
    except GLib.Error as error:
        print(f'dpop-proof.py: the proof was refused: {error.message}', file=sys.stderr)
        return 1
    print(f'verified:     {jwt.get_string_claim("htm")} {jwt.get_string_claim("htu")}, '
          f'key {header_key.dup_thumbprint()}, ath {jwt.get_string_claim("ath")}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
