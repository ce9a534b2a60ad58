#!/usr/bin/python3
# saml2-bearer.py: trade a SAML 2.0 assertion for an access token
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The SAML 2.0 bearer assertion grant (RFC 7522 §2.1), through GObject
# introspection. The assertion's XML comes from a file, exactly as the
# identity provider issued and signed it; the library sends it
# base64url-encoded and does not look inside. The client secret comes from
# the environment only, and neither the assertion nor the token is printed.
#
#   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
#   export OA2_EXAMPLE_CLIENT_ID=my-client
#   export OA2_EXAMPLE_CLIENT_SECRET=...      # never on the command line
#   /usr/bin/python3 saml2-bearer.py assertion.xml --scope "api:read"
#
# From a build tree: GI_TYPELIB_PATH=_build/oauth2client-glib
# LD_LIBRARY_PATH=_build/oauth2client-glib.

import argparse
import os
import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('OA2', '1')
from gi.repository import GLib, OA2  # noqa: E402


def main():
    parser = argparse.ArgumentParser(
        description='Get a token with the SAML 2.0 bearer assertion grant.',
        epilog='The client secret is read from OA2_EXAMPLE_CLIENT_SECRET only.')
    parser.add_argument('assertion_file', help='file with the SAML 2.0 assertion (XML)')
    parser.add_argument('--scope', help='scope to ask for')
    args = parser.parse_args()

    endpoint = os.environ.get('OA2_EXAMPLE_TOKEN_ENDPOINT')
    client_id = os.environ.get('OA2_EXAMPLE_CLIENT_ID')
    secret = os.environ.get('OA2_EXAMPLE_CLIENT_SECRET')
    if not endpoint or not client_id or secret is None:
        parser.error('set OA2_EXAMPLE_TOKEN_ENDPOINT, OA2_EXAMPLE_CLIENT_ID '
                     'and OA2_EXAMPLE_CLIENT_SECRET')
    try:
        with open(args.assertion_file, 'rb') as f:
            xml = f.read()
    except OSError as error:
        parser.error(f'cannot read the assertion: {error.strerror}')

    GLib.log_writer_default_set_use_stderr(True)
    client = OA2.Client.new(endpoint, OA2.ClientSecretPost.new(client_id, secret))
    try:
        token = client.saml2_bearer(GLib.Bytes.new(xml), args.scope, None, None, None)
    except GLib.Error as error:
        # An empty file is refused before anything is sent
        # (OA2.Error.INVALID_ARGUMENT); a refused assertion is invalid_grant.
        print(f'saml2-bearer.py: {error.message}', file=sys.stderr)
        return 1
    print(f'token type:     {token.get_token_type()}')
    print(f'scope:          {token.get_scope() or "(as requested)"}')
    print(f'remaining:      {token.get_expires_in()} s')
    return 0


if __name__ == '__main__':
    sys.exit(main())
