#!/usr/bin/python3
# desktop-sign-in.py: sign a person in from a desktop app, in one call
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# OA2.DesktopSignIn listens on a loopback port, opens the browser on the
# authorization request (PKCE, state and nonce made by the library), waits
# for the browser to come back, checks the answer, exchanges the code and
# validates the ID token, on the GLib main loop. The browser is the
# desktop's default one, or the command that OA2_BROWSER names (given the
# address as its last argument). The tokens themselves are never printed.
#
#   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
#   export OA2_EXAMPLE_AUTHORIZATION_ENDPOINT=https://as.example.com/authorize
#   export OA2_EXAMPLE_CLIENT_ID=my-app       # registered with http://127.0.0.1/callback
#   export OA2_EXAMPLE_ISSUER=https://as.example.com   # optional: checks iss (RFC 9207)
#   /usr/bin/python3 desktop-sign-in.py [SCOPE]

import os
import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('OA2', '1')
from gi.repository import GLib, OA2  # noqa: E402


def main():
    env = {name: os.environ.get('OA2_EXAMPLE_' + name) for name in
           ('TOKEN_ENDPOINT', 'AUTHORIZATION_ENDPOINT', 'CLIENT_ID', 'ISSUER')}
    if len(sys.argv) > 2 or not all(env[name] for name in ('TOKEN_ENDPOINT', 'AUTHORIZATION_ENDPOINT', 'CLIENT_ID')):
        print('usage: desktop-sign-in.py [SCOPE], with OA2_EXAMPLE_TOKEN_ENDPOINT, '
              'OA2_EXAMPLE_AUTHORIZATION_ENDPOINT and OA2_EXAMPLE_CLIENT_ID set', file=sys.stderr)
        return 2

    # A desktop app is a public client: it cannot keep a secret. Real apps
    # make the client from discovery (OA2.Client.new_from_issuer).
    client = OA2.Client(token_endpoint=env['TOKEN_ENDPOINT'],
                        authorization_endpoint=env['AUTHORIZATION_ENDPOINT'],
                        issuer=env['ISSUER'],
                        client_auth=OA2.PublicApp.new(env['CLIENT_ID']))
    sign_in = OA2.DesktopSignIn.new(client, sys.argv[1] if len(sys.argv) == 2 else 'openid')
    sign_in.connect('notify::authorization-uri',
                    lambda s, pspec: print('browser:', s.props.authorization_uri, flush=True))

    loop = GLib.MainLoop.new(None, False)
    outcome = {'status': 1}

    def on_signed_in(sign_in, result):
        try:
            token = sign_in.run_finish(result)
        except GLib.Error as e:
            print(f'desktop-sign-in.py: {e.message}\n  (error domain {e.domain}, code {e.code})', file=sys.stderr)
        else:
            print(f'signed in; token type: {token.get_token_type()}')
            id_token = token.get_validated_id_token()
            if id_token is not None:
                print(f'subject:    {id_token.get_subject()}')
            # A real app keeps token.to_json() in the keyring (libsecret).
            outcome['status'] = 0
        loop.quit()

    sign_in.run_async(None, on_signed_in)
    loop.run()
    return outcome['status']


if __name__ == '__main__':
    sys.exit(main())
