#!/usr/bin/python3
# token-store.py: keep a token in the keyring between runs
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# A script without any GUI toolkit that signs in once: the first run gets a
# token (client credentials grant) and saves it in the Secret Service
# (GNOME Keyring, KeePassXC…) through OA2.SecretTokenStore; later runs load
# it and ask the server again only once it has expired. --forget removes it
# (sign-out). --file-store DIR keeps it in a 0600 file instead, for
# machines without a keyring. The token itself is never printed.
#
#   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
#   export OA2_EXAMPLE_CLIENT_ID=my-client
#   export OA2_EXAMPLE_CLIENT_SECRET=...      # never on the command line
#   /usr/bin/python3 token-store.py [--account NAME] [--forget] [--file-store DIR]
#
# The store's key is the issuer (OA2_EXAMPLE_ISSUER, by default the token
# endpoint's origin), the client ID and the account name (default
# "default"). Inside Flatpak the same code uses the Secret portal.

import argparse
import os
import sys
import urllib.parse

import gi

gi.require_version('GLib', '2.0')
gi.require_version('OA2', '1')
from gi.repository import GLib, OA2  # noqa: E402

LEEWAY_SECONDS = 30


def main():
    parser = argparse.ArgumentParser(description='Keep a token in the keyring between runs.')
    parser.add_argument('--account', default='default', help='the account name in the store')
    parser.add_argument('--forget', action='store_true', help='remove the stored token and stop')
    parser.add_argument('--file-store', metavar='DIR', help='a directory instead of the keyring')
    args = parser.parse_args()

    endpoint = os.environ.get('OA2_EXAMPLE_TOKEN_ENDPOINT')
    client_id = os.environ.get('OA2_EXAMPLE_CLIENT_ID')
    secret = os.environ.get('OA2_EXAMPLE_CLIENT_SECRET')
    if not endpoint or not client_id or secret is None:
        parser.error('set OA2_EXAMPLE_TOKEN_ENDPOINT, OA2_EXAMPLE_CLIENT_ID and OA2_EXAMPLE_CLIENT_SECRET')
    parts = urllib.parse.urlsplit(endpoint)
    issuer = os.environ.get('OA2_EXAMPLE_ISSUER') or f'{parts.scheme}://{parts.netloc}'

    GLib.log_writer_default_set_use_stderr(True)

    if args.file_store:
        store = OA2.FileTokenStore.new(args.file_store)
    elif OA2.SecretTokenStore.is_supported():
        store = OA2.SecretTokenStore.new()
    else:
        print('token-store.py: this build has no libsecret; use --file-store DIR', file=sys.stderr)
        return 1

    loop = GLib.MainLoop()
    status = 1

    def fail(error):
        print(f'token-store.py: {error.message}', file=sys.stderr)
        loop.quit()

    def on_saved(store, result):
        nonlocal status
        try:
            store.save_finish(result)
        except GLib.Error as error:
            return fail(error)
        print('saved in the store')
        status = 0
        loop.quit()

    def on_new_token(client, result):
        try:
            token = client.client_credentials_finish(result)
        except GLib.Error as error:
            return fail(error)
        print(f'new token from the server, valid for {token.get_expires_in()} s')
        store.save_async(issuer, client_id, args.account, token, None, on_saved)

    def on_loaded(store, result):
        nonlocal status
        try:
            token = store.load_finish(result)
        except GLib.Error as error:
            return fail(error)
        if token is not None and not token.is_expired(LEEWAY_SECONDS):
            print(f'stored token, still valid for {token.get_expires_in()} s')
            status = 0
            loop.quit()
            return
        print('no stored token' if token is None else 'the stored token has expired')
        client = OA2.Client.new(endpoint, OA2.ClientSecretPost.new(client_id, secret))
        client.client_credentials_async(None, None, None, None, None, on_new_token)

    def on_cleared(store, result):
        nonlocal status
        try:
            store.clear_finish(result)
        except GLib.Error as error:
            return fail(error)
        print('stored token removed')
        status = 0
        loop.quit()

    if args.forget:
        store.clear_async(issuer, client_id, args.account, None, on_cleared)
    else:
        store.load_async(issuer, client_id, args.account, None, on_loaded)
    loop.run()
    return status


if __name__ == '__main__':
    sys.exit(main())
