#!/usr/bin/python3
# call-api.py: call an API through OA2ApiClient with a token that renews
# itself (OA2ClientCredentialsAuth): one token for every call while it is
# fresh, a new one when it is about to expire or the API refuses it
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The token endpoint and the client's credentials come from the environment
# (never the command line, where other users could read the secret):
#
#   OA2_EXAMPLE_TOKEN_ENDPOINT=https://id.example.com/token \
#   OA2_EXAMPLE_CLIENT_ID=my-service OA2_EXAMPLE_CLIENT_SECRET=… \
#   /usr/bin/python3 call-api.py https://api.example.com/v1/ things 3
#
# It GETs the path under the base URL the given number of times (1 by
# default) and prints each
# status and body, and a line whenever the token changes; on failure, the
# error, and exits with 1. From a build tree: GI_TYPELIB_PATH=_build/oauth2client-glib
# LD_LIBRARY_PATH=_build/oauth2client-glib.

import os
import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('OA2', '1')
from gi.repository import GLib, OA2  # noqa: E402


def on_token_changed(_auth, token):
    if token is None:
        print('token dropped: sign in again')
    else:
        # The token is a secret: print when it expires, never the token.
        print(f'new token, valid for {token.get_expires_in()} s')


def main():
    if len(sys.argv) not in (3, 4):
        print('usage: call-api.py BASE_URL PATH [COUNT]', file=sys.stderr)
        return 2
    base_url, path = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) == 4 else 1
    client = OA2.Client.new_with_secret(os.environ['OA2_EXAMPLE_TOKEN_ENDPOINT'],
                                        os.environ['OA2_EXAMPLE_CLIENT_ID'],
                                        os.environ['OA2_EXAMPLE_CLIENT_SECRET'])
    auth = OA2.ClientCredentialsAuth.new(client, os.environ.get('OA2_EXAMPLE_SCOPE'))
    auth.connect('token-changed', on_token_changed)
    try:
        api = OA2.ApiClient.new(base_url, auth)
        for _ in range(count):
            # A 401 invalid_token renews the token once and sends again;
            # a failure status raises GLib.Error (raise-for-status).
            # Redirects are followed; the token goes along only on the
            # base URL's origin (OA2ApiClient:follow-redirects).
            response = api.get(path, None, None)
            print(f'{response.get_status()} {response.dup_text()}')
            if response.get_uri() != api.get_base_url() + path:
                print(f'(redirected to {response.get_uri()})')
    except GLib.Error as error:
        print(f'Calling the API failed: {error.message}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
