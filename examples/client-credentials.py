#!/usr/bin/python3
# client-credentials.py: get a token for the client itself, asynchronously
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The client credentials grant (RFC 6749 §4.4) on a GLib main loop, through
# GObject introspection. Run it with Debian's /usr/bin/python3, which has
# PyGObject. The secret comes from the environment only (a command line is
# visible to every user through ps), and the token itself is never printed.
#
#   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
#   export OA2_EXAMPLE_CLIENT_ID=my-client
#   export OA2_EXAMPLE_CLIENT_SECRET=...      # never on the command line
#   export OA2_EXAMPLE_AUTH=basic             # or post (the default)
#   /usr/bin/python3 client-credentials.py --scope "api:read"
#
# From a build tree: GI_TYPELIB_PATH=_build/oauth2client-glib
# LD_LIBRARY_PATH=_build/oauth2client-glib. G_MESSAGES_DEBUG=OA2 shows the
# HTTP exchange with secrets redacted.

import argparse
import os
import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('OA2', '1')
from gi.repository import GLib, OA2  # noqa: E402


def describe_error(error):
    """The GError domain and code, by name when the library defines it."""
    details = f'error domain {error.domain}, code {error.code}'
    if error.domain == GLib.quark_to_string(OA2.oauth_error_quark()):
        details += f' ({OA2.OAuthError(error.code).value_name})'
        # The server's own code, description and HTTP status travel in the
        # GError's private data, which PyGObject does not keep when it turns
        # the GError into a GLib.Error: the accessors return None/0 here, and
        # the message (which carries the code and description) is what we have.
        server_code = OA2.error_get_server_code(error)
        if server_code is not None:
            details += f', server error “{server_code}”, HTTP status {OA2.error_get_http_status(error)}'
    elif error.domain == GLib.quark_to_string(OA2.error_quark()):
        details += f' ({OA2.Error(error.code).value_name})'
    return details


def print_token(token):
    # Never print token.get_access_token().
    print(f'token type:     {token.get_token_type()}')
    print(f'scope:          {token.get_scope() or "(as requested)"}')
    expires_at = token.get_expires_at()
    if expires_at is not None:
        print(f'expires at:     {expires_at.to_local().format_iso8601()}')
        print(f'remaining:      {token.get_expires_in()} s')
    else:
        print('expires at:     unknown (the server sent no expires_in)')
    print(f'refresh token:  {"yes" if token.get_refresh_token() else "no"}')


def main():
    parser = argparse.ArgumentParser(
        description='Get a token with the client credentials grant.',
        epilog='The client secret is read from OA2_EXAMPLE_CLIENT_SECRET only.')
    parser.add_argument('--token-endpoint', default=os.environ.get('OA2_EXAMPLE_TOKEN_ENDPOINT'),
                        help='token endpoint (or OA2_EXAMPLE_TOKEN_ENDPOINT)')
    parser.add_argument('--client-id', default=os.environ.get('OA2_EXAMPLE_CLIENT_ID'),
                        help='client identifier (or OA2_EXAMPLE_CLIENT_ID)')
    parser.add_argument('--auth', choices=('basic', 'post'),
                        default=os.environ.get('OA2_EXAMPLE_AUTH', 'post'),
                        help='client authentication (or OA2_EXAMPLE_AUTH; default post)')
    parser.add_argument('--scope', default=os.environ.get('OA2_EXAMPLE_SCOPE'),
                        help='scope to ask for (or OA2_EXAMPLE_SCOPE)')
    args = parser.parse_args()

    secret = os.environ.get('OA2_EXAMPLE_CLIENT_SECRET')
    if not args.token_endpoint or not args.client_id or secret is None:
        parser.error('set OA2_EXAMPLE_TOKEN_ENDPOINT, OA2_EXAMPLE_CLIENT_ID '
                     'and OA2_EXAMPLE_CLIENT_SECRET')
    if args.auth not in ('basic', 'post'):
        parser.error(f'the authentication method is basic or post, not “{args.auth}”')

    # Keep standard output for results; debug traces go to standard error.
    GLib.log_writer_default_set_use_stderr(True)

    if args.auth == 'basic':
        auth = OA2.ClientSecretBasic.new(args.client_id, secret)
    else:
        auth = OA2.ClientSecretPost.new(args.client_id, secret)
    client = OA2.Client.new(args.token_endpoint, auth)

    loop = GLib.MainLoop()
    status = 1

    def on_token(client, result):
        nonlocal status
        try:
            token = client.client_credentials_finish(result)
        except GLib.Error as error:
            print(f'client-credentials.py: {error.message}', file=sys.stderr)
            print(f'  ({describe_error(error)})', file=sys.stderr)
        else:
            print_token(token)
            status = 0
        finally:
            loop.quit()

    client.client_credentials_async(args.scope, None, None, None, None, on_token)
    loop.run()
    return status


if __name__ == '__main__':
    sys.exit(main())
