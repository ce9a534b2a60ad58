#!/usr/bin/python3
# revoke-and-introspect.py: ask the server about a token, then revoke it
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Introspection (RFC 7662) says whether an access token is active and what
# it is for; revocation (RFC 7009) ends it. Both authenticate the client as
# token requests do. Run it with Debian's /usr/bin/python3, which has
# PyGObject. The token and the secret come from the environment only, and
# neither is printed.
#
#   export OA2_EXAMPLE_CLIENT_ID=my-client
#   export OA2_EXAMPLE_CLIENT_SECRET=...      # never on the command line
#   export OA2_EXAMPLE_ACCESS_TOKEN=...       # the token to look at and revoke
#   /usr/bin/python3 revoke-and-introspect.py \
#       --introspection-endpoint https://as.example/introspect \
#       --revocation-endpoint https://as.example/revoke

import argparse
import os
import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('GObject', '2.0')
gi.require_version('OA2', '1')
from gi.repository import GLib, GObject, OA2  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description='Introspect an access token, then revoke it.')
    parser.add_argument('--introspection-endpoint', required=True)
    parser.add_argument('--revocation-endpoint', required=True)
    args = parser.parse_args()

    client_id = os.environ.get('OA2_EXAMPLE_CLIENT_ID')
    secret = os.environ.get('OA2_EXAMPLE_CLIENT_SECRET')
    token = os.environ.get('OA2_EXAMPLE_ACCESS_TOKEN')
    if client_id is None or secret is None or token is None:
        parser.error('set OA2_EXAMPLE_CLIENT_ID, OA2_EXAMPLE_CLIENT_SECRET and OA2_EXAMPLE_ACCESS_TOKEN')
    GLib.log_writer_default_set_use_stderr(True)

    # No token endpoint is used here, but a client always names one.
    client = GObject.new(OA2.Client, token_endpoint=args.introspection_endpoint,
                         introspection_endpoint=args.introspection_endpoint,
                         revocation_endpoint=args.revocation_endpoint,
                         client_auth=OA2.ClientSecretPost.new(client_id, secret))
    try:
        info = client.introspect_token(token, 'access_token', OA2.IntrospectionFlags.NONE, None)
        print(f'{"active:":10} {"yes" if info.get_active() else "no"}')
        if info.get_active():
            print(f'{"scope:":10} {info.get_scope() or "(not said)"}')
            print(f'{"subject:":10} {info.get_sub() or "(not said)"}')
        # TRUE also when the server did not know the token (RFC 7009 §2.2).
        client.revoke_token(token, 'access_token', None)
        print('revoked')
    except GLib.Error as error:
        print(f'revoke-and-introspect.py: {error.message}', file=sys.stderr)
        print(f'  (error domain {error.domain}, code {error.code})', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
