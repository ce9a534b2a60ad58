#!/usr/bin/python3
# authorization-request-jar.py: an authorization request sent as a signed
# request object (JAR, RFC 9101), answered with a signed response (JARM)
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The parameters of the request travel in a JWT signed with the client's
# key, so the browser cannot change them; the server signs its answer, and
# the client checks that signature with the server's keys, then the
# issuer, audience, expiry and state, before it looks at the code. The
# private key is read from a file and stays in memory; nothing secret is
# printed.
#
#   export OA2_EXAMPLE_AUTHORIZATION_ENDPOINT=https://as.example.com/authorize
#   export OA2_EXAMPLE_CLIENT_ID=my-app
#   export OA2_EXAMPLE_REDIRECT_URI=http://127.0.0.1:8400/callback
#   export OA2_EXAMPLE_ISSUER=https://as.example.com
#   export OA2_EXAMPLE_JWKS_URI=https://as.example.com/jwks
#   export OA2_EXAMPLE_REQUEST_OBJECT_KEY=client-key.jwk   # a private JWK, mode 0600
#   export OA2_EXAMPLE_RESPONSE_ALG=ES256                   # optional: RS256 by default
#   /usr/bin/python3 authorization-request-jar.py [SCOPE]

import os
import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('OA2', '1')
from gi.repository import GLib, OA2  # noqa: E402

REQUIRED = ('AUTHORIZATION_ENDPOINT', 'CLIENT_ID', 'REDIRECT_URI', 'ISSUER', 'JWKS_URI', 'REQUEST_OBJECT_KEY')


def main():
    env = {name: os.environ.get('OA2_EXAMPLE_' + name) for name in REQUIRED + ('RESPONSE_ALG',)}
    if len(sys.argv) > 2 or not all(env[name] for name in REQUIRED):
        print('usage: authorization-request-jar.py [SCOPE], with ' +
              ', '.join('OA2_EXAMPLE_' + name for name in REQUIRED) + ' set', file=sys.stderr)
        return 2
    GLib.log_writer_default_set_use_stderr(True)

    try:
        with open(env['REQUEST_OBJECT_KEY']) as f:
            key = OA2.Jwk.new_from_json(f.read())
        client = OA2.Client(authorization_endpoint=env['AUTHORIZATION_ENDPOINT'],
                            issuer=env['ISSUER'], jwks_uri=env['JWKS_URI'],
                            authorization_signed_response_alg=env['RESPONSE_ALG'] or 'RS256',
                            client_auth=OA2.PublicApp.new(env['CLIENT_ID']))
        request = client.new_authorization_request(env['REDIRECT_URI'],
                                                   sys.argv[1] if len(sys.argv) == 2 else 'openid')
        # Every parameter goes into a request object signed with the key;
        # the answer comes back signed by the server, in the query.
        request.set_request_object_key(key, None)
        request.set_response_mode('query.jwt')
        print(f'open: {request.dup_uri()}')
        print('then paste the address the browser was sent to:', flush=True)
        redirected = sys.stdin.readline().strip()

        # The client, not the request: it fetches the server's keys.
        response = client.validate_authorization_callback(request, redirected, None, None)
        print(f'issuer:         {response.get_issuer()}')
        print(f'code received:  {"yes" if response.get_code() else "no"}')
    except (GLib.Error, OSError) as error:
        print(f'authorization-request-jar.py: {getattr(error, "message", error)}', file=sys.stderr)
        if isinstance(error, GLib.Error):
            print(f'  (error domain {error.domain}, code {error.code})', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
