#!/usr/bin/python3
# private-key-jwt.py: authenticate with a private key instead of a secret
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The client credentials grant (RFC 6749 §4.4) with private_key_jwt
# (RFC 7523 §2.2): the client signs a short-lived assertion with its private
# key for every request, and the server holds only the public key. The key
# is read from a file that only its owner can read (a JWK or PEM); the
# token itself is never printed.
#
#   (umask 077; oa2 jwk generate ES256 --private > client-key.jwk)
#   # register the public half (oa2 jwk public client-key.jwk) with the server
#   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
#   export OA2_EXAMPLE_ISSUER=https://as.example.com    # the assertions' audience
#   export OA2_EXAMPLE_CLIENT_ID=my-client
#   /usr/bin/python3 private-key-jwt.py client-key.jwk

import os
import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('OA2', '1')
from gi.repository import GLib, OA2  # noqa: E402


def load_key(path):
    with open(path) as f:
        text = f.read()
    if text.lstrip().startswith('{'):
        return OA2.Jwk.new_from_json(text)
    return OA2.Jwk.new_from_pem(text)


def main():
    endpoint = os.environ.get('OA2_EXAMPLE_TOKEN_ENDPOINT')
    client_id = os.environ.get('OA2_EXAMPLE_CLIENT_ID')
    if len(sys.argv) != 2 or not endpoint or not client_id:
        print('usage: private-key-jwt.py KEY-FILE, with OA2_EXAMPLE_TOKEN_ENDPOINT, '
              'OA2_EXAMPLE_CLIENT_ID and optionally OA2_EXAMPLE_ISSUER set', file=sys.stderr)
        return 2
    GLib.log_writer_default_set_use_stderr(True)

    try:
        key = load_key(sys.argv[1])
        # A public key, or one that names no algorithm, fails here, before
        # any request.
        auth = OA2.PrivateKeyJwt.new(client_id, key, None)
        # With the issuer known, it is the assertions' audience; else the
        # token endpoint is.
        client = OA2.Client(token_endpoint=endpoint, issuer=os.environ.get('OA2_EXAMPLE_ISSUER'),
                            client_auth=auth)
        token = client.client_credentials(os.environ.get('OA2_EXAMPLE_SCOPE'), None, None, None, None)
    except GLib.Error as error:
        print(f'private-key-jwt.py: {error.message}', file=sys.stderr)
        print(f'  (error domain {error.domain}, code {error.code})', file=sys.stderr)
        return 1

    print(f'authentication: {auth.get_method_name()} with {auth.get_alg()}, key {key.get_kid() or "(no kid)"}')
    print(f'token type:     {token.get_token_type()}')
    print(f'scope:          {token.get_scope() or "(as requested)"}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
