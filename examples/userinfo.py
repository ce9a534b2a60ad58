#!/usr/bin/python3
# userinfo.py: the claims about the signed-in user, from the provider's
# UserInfo endpoint (OpenID Connect Core §5.3)
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Give the endpoint as the argument and the access token in the
# environment (never on the command line, where other users could read
# it), or a token stored by "oa2 token --output" in OA2_EXAMPLE_TOKEN_FILE,
# which may be DPoP-bound and may carry an ID token whose subject the
# response must name:
#
#   OA2_EXAMPLE_ACCESS_TOKEN=… /usr/bin/python3 userinfo.py https://id.example.com/userinfo
#
# It prints each claim as "name: value", or the error and exits with 1.
# From a build tree: GI_TYPELIB_PATH=_build/oauth2client-glib
# LD_LIBRARY_PATH=_build/oauth2client-glib.

import os
import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Json', '1.0')
gi.require_version('OA2', '1')
from gi.repository import GLib, Json, OA2  # noqa: E402


def load_token():
    path = os.environ.get('OA2_EXAMPLE_TOKEN_FILE')
    if path:
        with open(path) as f:
            return OA2.BearerToken.new_from_json(f.read())
    access_token = os.environ.get('OA2_EXAMPLE_ACCESS_TOKEN')
    if not access_token:
        print('Set OA2_EXAMPLE_ACCESS_TOKEN or OA2_EXAMPLE_TOKEN_FILE', file=sys.stderr)
        sys.exit(2)
    return OA2.BearerToken.new(access_token, None)


def main():
    if len(sys.argv) != 2:
        print('usage: userinfo.py USERINFO_ENDPOINT', file=sys.stderr)
        return 2
    client = OA2.Client(userinfo_endpoint=sys.argv[1], client_auth=OA2.PublicApp.new('example-app'))
    try:
        claims = client.userinfo(load_token(), None)
    except GLib.Error as error:
        print(f'UserInfo failed: {error.message}', file=sys.stderr)
        return 1
    for name in sorted(claims.get_members()):
        generator = Json.Generator.new()
        generator.set_root(claims.get_member(name))
        print(f'{name}: {generator.to_data()[0]}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
