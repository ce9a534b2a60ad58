#!/usr/bin/env -S gjs -m
// desktop-sign-in.js: sign a person in from a desktop app, in one call
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// OA2.DesktopSignIn from GJS (an ES module: run it with `gjs -m`): it
// listens on a loopback port, opens the browser on the authorization
// request (PKCE, state and nonce made by the library), waits for the
// browser to come back, checks the answer, exchanges the code and
// validates the ID token. The browser is the desktop's default one, or the
// command that OA2_BROWSER names (given the address as its last argument).
// The tokens themselves are never printed.
//
//   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
//   export OA2_EXAMPLE_AUTHORIZATION_ENDPOINT=https://as.example.com/authorize
//   export OA2_EXAMPLE_CLIENT_ID=my-app      # registered with http://127.0.0.1/callback
//   export OA2_EXAMPLE_ISSUER=https://as.example.com   # optional: checks iss (RFC 9207)
//   gjs -m desktop-sign-in.js [SCOPE]

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import OA2 from 'gi://OA2?version=1';
import System from 'system';

Gio._promisify(OA2.DesktopSignIn.prototype, 'run_async', 'run_finish');

async function main(args) {
    const env = name => GLib.getenv(`OA2_EXAMPLE_${name}`);
    if (args.length > 1 || !env('TOKEN_ENDPOINT') || !env('AUTHORIZATION_ENDPOINT') || !env('CLIENT_ID')) {
        printerr('usage: desktop-sign-in.js [SCOPE], with OA2_EXAMPLE_TOKEN_ENDPOINT, ' +
            'OA2_EXAMPLE_AUTHORIZATION_ENDPOINT and OA2_EXAMPLE_CLIENT_ID set');
        return 2;
    }
    // A desktop app is a public client: it cannot keep a secret. Real apps
    // make the client from discovery (OA2.Client.new_from_issuer_async).
    const client = new OA2.Client({
        token_endpoint: env('TOKEN_ENDPOINT'),
        authorization_endpoint: env('AUTHORIZATION_ENDPOINT'),
        issuer: env('ISSUER'),
        client_auth: OA2.PublicApp.new(env('CLIENT_ID')),
    });
    const signIn = OA2.DesktopSignIn.new(client, args[0] ?? 'openid');
    signIn.connect('notify::authorization-uri', s => print(`browser: ${s.authorization_uri}`));
    try {
        const token = await signIn.run_async(null);
        print(`signed in; token type: ${token.get_token_type()}`);
        const idToken = token.get_validated_id_token();
        if (idToken !== null)
            print(`subject:    ${idToken.get_subject()}`);
        // A real app keeps token.to_json() in the keyring (libsecret).
        return 0;
    } catch (e) {
        printerr(`desktop-sign-in.js: ${e.message}`);
        return 1;
    }
}

const loop = GLib.MainLoop.new(null, false);
let status = 1;
main(ARGV).then(s => {
    status = s;
}).finally(() => loop.quit());
loop.run();
System.exit(status);
