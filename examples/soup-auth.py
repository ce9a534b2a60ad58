#!/usr/bin/python3
# soup-auth.py: code that owns its Soup.Session gets tokens that renew
# themselves through libsoup's own authentication (the SoupAuth drop-in,
# OA2.soup_auth_install): the message code stays plain libsoup
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The token endpoint and the client's credentials come from the environment
# (never the command line, where other users could read the secret):
#
#   OA2_EXAMPLE_TOKEN_ENDPOINT=https://id.example.com/token \
#   OA2_EXAMPLE_CLIENT_ID=my-service OA2_EXAMPLE_CLIENT_SECRET=… \
#   /usr/bin/python3 soup-auth.py https://api.example.com/v1/ things '{"name": "x"}'
#
# It POSTs the JSON body to the path under the base URL and prints the
# status and the response; a 401 invalid_token renews the token once and
# libsoup sends the message again, body included. From a build tree:
# GI_TYPELIB_PATH=_build/oauth2client-glib LD_LIBRARY_PATH=_build/oauth2client-glib.

import os
import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Soup', '3.0')
gi.require_version('OA2', '1')
from gi.repository import GLib, OA2, Soup  # noqa: E402


def main():
    if len(sys.argv) != 4:
        print('usage: soup-auth.py BASE_URL PATH JSON', file=sys.stderr)
        return 2
    base_url, path, body = sys.argv[1], sys.argv[2], sys.argv[3]
    client = OA2.Client.new_with_secret(os.environ['OA2_EXAMPLE_TOKEN_ENDPOINT'],
                                        os.environ['OA2_EXAMPLE_CLIENT_ID'],
                                        os.environ['OA2_EXAMPLE_CLIENT_SECRET'])
    auth = OA2.ClientCredentialsAuth.new(client, os.environ.get('OA2_EXAMPLE_SCOPE'))
    session = Soup.Session.new()
    loop = GLib.MainLoop()
    outcome = {}

    def on_sent(session, result):
        try:
            outcome['body'] = session.send_and_read_finish(result)
        except GLib.Error as error:
            outcome['error'] = error
        loop.quit()

    try:
        OA2.soup_auth_install(session, auth, base_url)
        # libsoup asks for a token only after a 401: getting the first one
        # now saves a round trip. Renewals later need nothing.
        auth.ensure_token(None)
    except GLib.Error as error:
        print(f'No token: {error.message}', file=sys.stderr)
        return 1

    msg = Soup.Message.new('POST', GLib.Uri.resolve_relative(base_url, path, GLib.UriFlags.NONE))
    # Through this call, the body is sent again if libsoup retries.
    OA2.soup_auth_set_request_body(msg, 'application/json', GLib.Bytes.new(body.encode('utf-8')))
    session.send_and_read_async(msg, GLib.PRIORITY_DEFAULT, None, on_sent)
    loop.run()
    if 'error' in outcome:
        print(f'Calling the API failed: {outcome["error"].message}', file=sys.stderr)
        return 1
    print(f'{int(msg.get_status())} {outcome["body"].get_data().decode("utf-8")}')
    return 0 if msg.get_status() < 400 else 1


if __name__ == '__main__':
    sys.exit(main())
