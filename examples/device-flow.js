#!/usr/bin/env -S gjs -m
// device-flow.js: sign a user in on another device (RFC 8628), from GJS
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The device authorization grant on a GLib main loop (an ES module: run it
// with `gjs -m`): ask for a user code, print it with the address where the
// user enters it, then let an OA2.TokenPoller poll the token endpoint at
// the pace the server asks for until the user has answered. The waits are
// main-loop timeouts; the token itself is never printed.
//
//   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
//   export OA2_EXAMPLE_DEVICE_AUTHORIZATION_ENDPOINT=https://as.example.com/device/auth
//   export OA2_EXAMPLE_CLIENT_ID=my-tv-app      # a public client
//   gjs -m device-flow.js "openid offline_access"
//
// From a build tree: GI_TYPELIB_PATH=_build/oauth2client-glib
// LD_LIBRARY_PATH=_build/oauth2client-glib.

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import OA2 from 'gi://OA2?version=1';
import System from 'system';

Gio._promisify(OA2.Client.prototype, 'authorize_device_async', 'authorize_device_finish');
Gio._promisify(OA2.TokenPoller.prototype, 'poll_async', 'poll_finish');

async function main(args) {
    const tokenEndpoint = GLib.getenv('OA2_EXAMPLE_TOKEN_ENDPOINT');
    const deviceEndpoint = GLib.getenv('OA2_EXAMPLE_DEVICE_AUTHORIZATION_ENDPOINT');
    const clientId = GLib.getenv('OA2_EXAMPLE_CLIENT_ID');
    const scope = args[0] ?? null;

    if (tokenEndpoint === null || deviceEndpoint === null || clientId === null) {
        printerr('device-flow.js: set OA2_EXAMPLE_TOKEN_ENDPOINT, ' +
                 'OA2_EXAMPLE_DEVICE_AUTHORIZATION_ENDPOINT and OA2_EXAMPLE_CLIENT_ID');
        return 2;
    }

    const client = new OA2.Client({
        token_endpoint: tokenEndpoint,
        device_authorization_endpoint: deviceEndpoint,
        client_auth: OA2.PublicApp.new(clientId),
    });

    try {
        const device = await client.authorize_device_async(scope, null, null, null);
        // What the user needs; never the device code, which is a credential.
        print(`Open ${device.verification_uri}`);
        print(`and enter the code ${device.user_code}`);
        if (device.verification_uri_complete !== null)
            print(`(or open ${device.verification_uri_complete})`);
        print(`waiting, polling every ${device.interval} s…`);

        const poller = OA2.TokenPoller.new_for_device(client, device, null);
        const token = await poller.poll_async(null);
        print(`signed in after ${poller.requests} requests`);
        print(`token type:     ${token.get_token_type()}`);
        print(`refresh token:  ${token.get_refresh_token() !== null ? 'yes' : 'no'}`);
        return 0;
    } catch (error) {
        if (!(error instanceof GLib.Error))
            throw error;
        // access_denied, expired_token, AUTHORIZATION_EXPIRED…
        printerr(`device-flow.js: ${error.message}`);
        return 1;
    }
}

GLib.log_writer_default_set_use_stderr(true);

const loop = new GLib.MainLoop(null, false);
let status = 1;
main(ARGV).then(result => {
    status = result;
}).catch(error => {
    logError(error);
}).finally(() => loop.quit());
loop.run();
System.exit(status);
