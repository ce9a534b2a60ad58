#!/usr/bin/python3
# discovery.py: a client made from the server's metadata, then a token
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Discovery (OpenID Connect Discovery, or RFC 8414 with --rfc8414) fetches
# the server's metadata from its issuer, checks that the document names that
# issuer, and fills every endpoint of the client; then the client credentials
# grant runs against the discovered token endpoint. Run it with Debian's
# /usr/bin/python3, which has PyGObject. The secret comes from the
# environment only, and the token is never printed.
#
#   export OA2_EXAMPLE_CLIENT_ID=my-client
#   export OA2_EXAMPLE_CLIENT_SECRET=...      # never on the command line
#   /usr/bin/python3 discovery.py https://accounts.example.com [--rfc8414]

import argparse
import os
import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('OA2', '1')
from gi.repository import GLib, OA2  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description='Discover a server, then get a client credentials token.')
    parser.add_argument('issuer')
    parser.add_argument('--rfc8414', action='store_true', help='use the RFC 8414 metadata URI')
    parser.add_argument('--scope', help='scope to ask for')
    args = parser.parse_args()

    client_id = os.environ.get('OA2_EXAMPLE_CLIENT_ID')
    secret = os.environ.get('OA2_EXAMPLE_CLIENT_SECRET')
    if client_id is None or secret is None:
        parser.error('set OA2_EXAMPLE_CLIENT_ID and OA2_EXAMPLE_CLIENT_SECRET')
    GLib.log_writer_default_set_use_stderr(True)

    kind = OA2.DiscoveryKind.RFC8414 if args.rfc8414 else OA2.DiscoveryKind.OPENID
    auth = OA2.ClientSecretPost.new(client_id, secret)
    try:
        # The blocking call, for brevity; new_from_issuer_async does the same
        # on a main loop.
        client = OA2.Client.new_from_issuer(args.issuer, kind, auth, None, None)
        metadata = client.get_server_metadata()
        print(f'{"issuer:":30} {client.props.issuer}')
        print(f'{"token endpoint:":30} {client.props.token_endpoint}')
        print(f'{"userinfo endpoint:":30} {client.props.userinfo_endpoint or "(none)"}')
        algs = metadata.get_id_token_signing_alg_values_supported()
        print(f'{"ID token signing algorithms:":30} {" ".join(algs) if algs else "(not said)"}')
        grants = metadata.get_grant_types_supported()
        print(f'{"grant types:":30} {" ".join(grants) if grants else "(not said)"}')
        token = client.client_credentials(args.scope, None, None, None, None)
    except GLib.Error as error:
        print(f'discovery.py: {error.message}', file=sys.stderr)
        print(f'  (error domain {error.domain}, code {error.code})', file=sys.stderr)
        return 1
    # Never print token.get_access_token().
    print(f'{"token type:":30} {token.get_token_type()}')
    print(f'{"scope:":30} {token.get_scope() or "(as requested)"}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
