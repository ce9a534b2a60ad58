#!/usr/bin/python3
# stream-api.py: upload a file to an API and save the answer, both as
# streams through OA2ApiClient, so that neither is held in memory, with a
# token that renews itself (OA2ClientCredentialsAuth)
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The token endpoint and the client's credentials come from the environment,
# as for call-api.py:
#
#   OA2_EXAMPLE_TOKEN_ENDPOINT=https://id.example.com/token \
#   OA2_EXAMPLE_CLIENT_ID=my-service OA2_EXAMPLE_CLIENT_SECRET=… \
#   /usr/bin/python3 stream-api.py https://api.example.com/v1/ uploads big.tar answer.bin
#
# It POSTs FILE to the path under the base URL, of its length, and writes
# the response body to OUTPUT as it arrives, with no size limit. A body
# stream is sent once: a refused token is renewed and reported, and running
# the example again sends the file with the new token.

import os
import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gio', '2.0')
gi.require_version('OA2', '1')
from gi.repository import Gio, GLib, OA2  # noqa: E402


def main():
    if len(sys.argv) != 5:
        print('usage: stream-api.py BASE_URL PATH FILE OUTPUT', file=sys.stderr)
        return 2
    base_url, path, upload, output = sys.argv[1:]
    client = OA2.Client.new_with_secret(os.environ['OA2_EXAMPLE_TOKEN_ENDPOINT'],
                                        os.environ['OA2_EXAMPLE_CLIENT_ID'],
                                        os.environ['OA2_EXAMPLE_CLIENT_SECRET'])
    auth = OA2.ClientCredentialsAuth.new(client, os.environ.get('OA2_EXAMPLE_SCOPE'))
    try:
        api = OA2.ApiClient.new(base_url, auth)
        source = Gio.File.new_for_path(upload)
        body = source.read(None)
        size = source.query_info(Gio.FILE_ATTRIBUTE_STANDARD_SIZE, Gio.FileQueryInfoFlags.NONE, None).get_size()
        response = api.request_stream('POST', path, None, body, size, 'application/octet-stream',
                                      OA2.ApiRequestFlags.STREAM_RESPONSE, None)
        out = Gio.File.new_for_path(output).replace(None, False, Gio.FileCreateFlags.NONE, None)
        written = out.splice(response.get_stream(),
                             Gio.OutputStreamSpliceFlags.CLOSE_SOURCE | Gio.OutputStreamSpliceFlags.CLOSE_TARGET,
                             None)
        print(f'{response.get_status()}: sent {size} bytes, received {written}')
    except GLib.Error as error:
        print(f'Calling the API failed: {error.message}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
