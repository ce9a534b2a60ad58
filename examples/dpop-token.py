#!/usr/bin/python3
# dpop-token.py: a DPoP-bound token (RFC 9449), used at a resource server
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The client credentials grant with a proof of possession: the client makes
# a new key, the server binds the token to it (token_type DPoP, the key's
# thumbprint in the token's cnf.jkt), and every request that carries the
# token also carries a fresh proof signed by the key. With a resource URL,
# the example GETs it with the token, answering the server's request for a
# nonce once. The token itself is never printed.
#
#   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
#   export OA2_EXAMPLE_CLIENT_ID=my-client
#   export OA2_EXAMPLE_CLIENT_SECRET=…              # optional: a public client without
#   /usr/bin/python3 dpop-token.py [https://api.example.com/items]

import os
import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Soup', '3.0')
gi.require_version('OA2', '1')
from gi.repository import GLib, OA2, Soup  # noqa: E402


def get_resource(token, session, url):
    """GET url with the token: stamp, send, and once more if the resource
    server asks for its nonce (a 401 with use_dpop_nonce)."""
    msg = Soup.Message.new('GET', url)
    token.authorize_message(msg)
    session.send_and_read(msg, None)
    if token.retry_with_nonce(msg):
        session.send_and_read(msg, None)
    return int(msg.get_status())


def main():
    endpoint = os.environ.get('OA2_EXAMPLE_TOKEN_ENDPOINT')
    client_id = os.environ.get('OA2_EXAMPLE_CLIENT_ID')
    secret = os.environ.get('OA2_EXAMPLE_CLIENT_SECRET')
    if len(sys.argv) > 2 or not endpoint or not client_id:
        print('usage: dpop-token.py [RESOURCE-URL], with OA2_EXAMPLE_TOKEN_ENDPOINT, '
              'OA2_EXAMPLE_CLIENT_ID and optionally OA2_EXAMPLE_CLIENT_SECRET set', file=sys.stderr)
        return 2
    GLib.log_writer_default_set_use_stderr(True)

    try:
        if secret is not None:
            client = OA2.Client.new_with_secret(endpoint, client_id, secret)
        else:
            client = OA2.Client.new_public(endpoint, client_id)
        # Every token request brings a new ES256 key; a server that answers
        # with a Bearer token fails the request: nothing is bound then.
        client.props.dpop_bound_access_tokens = True
        token = client.client_credentials(os.environ.get('OA2_EXAMPLE_SCOPE'), None, None, None, None)
        key = token.get_dpop_key()
        print(f'token type:     {token.get_token_type()}')
        print(f'bound to:       {key.get_alg()} key, thumbprint (jkt) {key.dup_thumbprint()}')
        if len(sys.argv) == 2:
            # The client's session: it shares the nonces servers sent.
            status = get_resource(token, client.get_session(), sys.argv[1])
            print(f'resource:       HTTP {status}')
    except GLib.Error as error:
        print(f'dpop-token.py: {error.message}', file=sys.stderr)
        print(f'  (error domain {error.domain}, code {error.code})', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
