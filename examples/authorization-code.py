#!/usr/bin/python3
# authorization-code.py: sign a user in with the authorization code flow
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The library makes the request (state, nonce and PKCE S256 verifier from
# the system's secure generator), prints the address to open in a browser,
# reads the address the browser was redirected to from standard input,
# checks its state and issuer, and exchanges the code. The pending request
# is saved as JSON and restored, as an application that restarts while the
# user signs in would. The tokens themselves are never printed.
#
#   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
#   export OA2_EXAMPLE_AUTHORIZATION_ENDPOINT=https://as.example.com/authorize
#   export OA2_EXAMPLE_CLIENT_ID=my-app
#   export OA2_EXAMPLE_REDIRECT_URI=http://127.0.0.1:8400/callback
#   export OA2_EXAMPLE_ISSUER=https://as.example.com   # optional: checks iss (RFC 9207)
#   /usr/bin/python3 authorization-code.py [SCOPE]

import os
import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('OA2', '1')
from gi.repository import GLib, OA2  # noqa: E402


def main():
    env = {name: os.environ.get('OA2_EXAMPLE_' + name) for name in
           ('TOKEN_ENDPOINT', 'AUTHORIZATION_ENDPOINT', 'CLIENT_ID', 'REDIRECT_URI', 'ISSUER')}
    if len(sys.argv) > 2 or not all(env[name] for name in
                                    ('TOKEN_ENDPOINT', 'AUTHORIZATION_ENDPOINT', 'CLIENT_ID', 'REDIRECT_URI')):
        print('usage: authorization-code.py [SCOPE], with OA2_EXAMPLE_TOKEN_ENDPOINT, '
              'OA2_EXAMPLE_AUTHORIZATION_ENDPOINT, OA2_EXAMPLE_CLIENT_ID and OA2_EXAMPLE_REDIRECT_URI set',
              file=sys.stderr)
        return 2
    GLib.log_writer_default_set_use_stderr(True)

    try:
        # A desktop application is a public client: it cannot keep a secret.
        client = OA2.Client(token_endpoint=env['TOKEN_ENDPOINT'],
                            authorization_endpoint=env['AUTHORIZATION_ENDPOINT'],
                            issuer=env['ISSUER'],
                            client_auth=OA2.PublicApp.new(env['CLIENT_ID']))
        request = client.new_authorization_request(env['REDIRECT_URI'],
                                                   sys.argv[1] if len(sys.argv) == 2 else 'openid')
        print(f'open: {request.dup_uri()}')
        print('then paste the address the browser was sent to:', flush=True)
        # What an application keeps (as a secret: it holds the verifier)
        # to validate the answer after a restart.
        saved = request.to_json()
        redirected = sys.stdin.readline().strip()

        restored = OA2.AuthorizationRequest.new_from_json(saved)
        # The state first, then the issuer, then an error the server sent.
        response = restored.validate_callback(redirected)
        token = client.exchange_authorization_response(response, None, None)
        print(f'token type:     {token.get_token_type()}')
        print(f'scope:          {token.get_scope() or "(as asked)"}')
        print(f'refresh token:  {"yes" if token.get_refresh_token() else "no"}')
        print(f'ID token:       {"yes" if token.get_id_token() else "no"}')
    except GLib.Error as error:
        print(f'authorization-code.py: {error.message}', file=sys.stderr)
        print(f'  (error domain {error.domain}, code {error.code})', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
