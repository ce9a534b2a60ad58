#!/usr/bin/python3
# refresh-token.py: renew a stored token and store the new one
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Reads a token that OA2.BearerToken.to_json() wrote (for instance with
# `oa2 token ... --output FILE`), renews it with its refresh token
# (RFC 6749 §6) on a GLib main loop, and writes the new token back to the same
# file, atomically and readable by its owner only: servers that rotate
# refresh tokens invalidate the old one. Nothing secret is printed.
#
#   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
#   export OA2_EXAMPLE_CLIENT_ID=my-app
#   export OA2_EXAMPLE_CLIENT_SECRET=...    # only for a confidential client
#   export OA2_EXAMPLE_AUTH=basic           # or post; none without a secret
#   /usr/bin/python3 refresh-token.py ~/.local/state/my-app/token.json

import argparse
import os
import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('OA2', '1')
from gi.repository import GLib, OA2  # noqa: E402


def describe_error(error):
    details = f'error domain {error.domain}, code {error.code}'
    if error.domain == GLib.quark_to_string(OA2.oauth_error_quark()):
        details += f' ({OA2.OAuthError(error.code).value_name})'
    elif error.domain == GLib.quark_to_string(OA2.error_quark()):
        details += f' ({OA2.Error(error.code).value_name})'
    return details


def fail(what, error):
    print(f'refresh-token.py: {what}: {error.message}', file=sys.stderr)
    print(f'  ({describe_error(error)})', file=sys.stderr)
    if OA2.error_requires_interaction(error) or \
            error.matches(OA2.oauth_error_quark(), OA2.OAuthError.INVALID_GRANT):
        print('  The grant is gone: the user has to sign in again.', file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(
        description='Renew a stored token in place.',
        epilog='A client secret, if any, is read from OA2_EXAMPLE_CLIENT_SECRET only.')
    parser.add_argument('token_file', metavar='TOKEN-FILE',
                        help='a token as OA2.BearerToken.to_json() wrote it')
    parser.add_argument('--token-endpoint', default=os.environ.get('OA2_EXAMPLE_TOKEN_ENDPOINT'),
                        help='token endpoint (or OA2_EXAMPLE_TOKEN_ENDPOINT)')
    parser.add_argument('--client-id', default=os.environ.get('OA2_EXAMPLE_CLIENT_ID'),
                        help='client identifier (or OA2_EXAMPLE_CLIENT_ID)')
    parser.add_argument('--auth', choices=('basic', 'post', 'none'),
                        default=os.environ.get('OA2_EXAMPLE_AUTH'),
                        help='client authentication (or OA2_EXAMPLE_AUTH; '
                             'default post with a secret, none without)')
    args = parser.parse_args()

    secret = os.environ.get('OA2_EXAMPLE_CLIENT_SECRET')
    method = args.auth or ('post' if secret is not None else 'none')
    if not args.token_endpoint or not args.client_id:
        parser.error('set OA2_EXAMPLE_TOKEN_ENDPOINT and OA2_EXAMPLE_CLIENT_ID')
    if method not in ('basic', 'post', 'none'):
        parser.error(f'the authentication method is basic, post or none, not “{method}”')
    if method != 'none' and secret is None:
        parser.error(f'--auth {method} needs OA2_EXAMPLE_CLIENT_SECRET')

    GLib.log_writer_default_set_use_stderr(True)

    if method == 'basic':
        auth = OA2.ClientSecretBasic.new(args.client_id, secret)
    elif method == 'post':
        auth = OA2.ClientSecretPost.new(args.client_id, secret)
    else:
        auth = OA2.PublicApp.new(args.client_id)
    client = OA2.Client.new(args.token_endpoint, auth)

    try:
        with open(args.token_file, encoding='utf-8') as stored_file:
            stored = OA2.BearerToken.new_from_json(stored_file.read())
    except OSError as error:
        print(f'refresh-token.py: could not read the token: {error}', file=sys.stderr)
        return 1
    except GLib.Error as error:
        fail('the file does not hold a stored token', error)
        return 1
    old_refresh_token = stored.get_refresh_token()
    if old_refresh_token is None:
        print('refresh-token.py: the stored token has no refresh token; sign in again',
              file=sys.stderr)
        return 1

    loop = GLib.MainLoop()
    status = 1

    def on_refreshed(client, result):
        nonlocal status
        try:
            token = client.refresh_token_finish(result)
            # To a temporary file, synced, then renamed over the old one: a
            # crash leaves the old token or the new one, never half of it.
            GLib.file_set_contents_full(args.token_file, token.to_json().encode('utf-8'),
                                        GLib.FileSetContentsFlags.CONSISTENT
                                        | GLib.FileSetContentsFlags.DURABLE,
                                        0o600)
        except GLib.Error as error:
            fail('the refresh failed', error)
        else:
            # Without a new refresh token from the server, the library keeps
            # the old one in the new token (RFC 6749 §6).
            new_refresh_token = token.get_refresh_token()
            if new_refresh_token is None:
                rotation = 'none'
            elif new_refresh_token == old_refresh_token:
                rotation = 'kept (not rotated)'
            else:
                rotation = 'rotated (the new one is stored)'
            print(f'refreshed:      {args.token_file}')
            print(f'scope:          {token.get_scope() or "(unchanged)"}')
            if token.get_expires_at() is not None:
                print(f'expires in:     {token.get_expires_in()} s')
            print(f'refresh token:  {rotation}')
            status = 0
        finally:
            loop.quit()

    # No scope: the new token keeps the scope of the original grant.
    client.refresh_token_async(old_refresh_token, None, None, None, None, None, on_refreshed)
    loop.run()
    return status


if __name__ == '__main__':
    sys.exit(main())
