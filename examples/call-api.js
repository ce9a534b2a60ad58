#!/usr/bin/env -S gjs -m
// call-api.js: call an API through OA2ApiClient, asynchronously, with a
// token that renews itself (OA2ClientCredentialsAuth)
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Many requests at once share one token request; a 401 invalid_token
// renews the token once and sends the request again. The secret comes from
// the environment only, and the token itself is never printed.
//
//   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
//   export OA2_EXAMPLE_CLIENT_ID=my-service
//   export OA2_EXAMPLE_CLIENT_SECRET=...      # never on the command line
//   gjs -m call-api.js https://api.example.com/v1/ things 3
//
// From a build tree: GI_TYPELIB_PATH=_build/oauth2client-glib
// LD_LIBRARY_PATH=_build/oauth2client-glib.

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import OA2 from 'gi://OA2?version=1';
import System from 'system';

Gio._promisify(OA2.ApiClient.prototype, 'get_async', 'get_finish');

async function main([baseUrl, path, count = '1']) {
    const client = OA2.Client.new_with_secret(GLib.getenv('OA2_EXAMPLE_TOKEN_ENDPOINT'),
        GLib.getenv('OA2_EXAMPLE_CLIENT_ID'), GLib.getenv('OA2_EXAMPLE_CLIENT_SECRET'));
    const auth = OA2.ClientCredentialsAuth.new(client, GLib.getenv('OA2_EXAMPLE_SCOPE'));
    auth.connect('token-changed', (_auth, token) => {
        // The token is a secret: say when it expires, never what it is.
        print(token !== null ? `new token, valid for ${token.get_expires_in()} s` : 'token dropped: sign in again');
    });
    const api = OA2.ApiClient.new(baseUrl, auth);
    // All at once: one token request for all of them.
    const responses = await Promise.all(Array.from({length: Number(count)}, () => api.get_async(path, null, null)));
    for (const response of responses)
        print(`${response.get_status()} ${response.dup_text()}`);
}

if (ARGV.length < 2 || ARGV.length > 3) {
    printerr('usage: gjs -m call-api.js BASE_URL PATH [COUNT]');
    System.exit(2);
}
const loop = GLib.MainLoop.new(null, false);
let status = 0;
main(ARGV).catch(error => {
    printerr(`Calling the API failed: ${error.message}`);
    status = 1;
}).finally(() => loop.quit());
loop.run();
System.exit(status);
