#!/usr/bin/env -S gjs -m
// client-credentials.js: get a token for the client itself, asynchronously
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The client credentials grant (RFC 6749 §4.4) on a GLib main loop, from
// GJS (an ES module: run it with `gjs -m`). The secret comes from the
// environment only (a command line is visible to every user through ps),
// and the token itself is never printed.
//
//   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
//   export OA2_EXAMPLE_CLIENT_ID=my-client
//   export OA2_EXAMPLE_CLIENT_SECRET=...      # never on the command line
//   export OA2_EXAMPLE_AUTH=basic             # or post (the default)
//   gjs -m client-credentials.js [SCOPE]      # or OA2_EXAMPLE_SCOPE
//
// From a build tree: GI_TYPELIB_PATH=_build/oauth2client-glib
// LD_LIBRARY_PATH=_build/oauth2client-glib. G_MESSAGES_DEBUG=OA2 shows the
// HTTP exchange with secrets redacted.

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import OA2 from 'gi://OA2?version=1';
import System from 'system';

Gio._promisify(OA2.Client.prototype, 'client_credentials_async', 'client_credentials_finish');

// The name of an enumeration value, such as INVALID_CLIENT.
function codeName(enumeration, code) {
    const entry = Object.entries(enumeration).find(([, value]) => value === code);
    return entry ? entry[0] : null;
}

function describeError(error) {
    let details = `error domain ${GLib.quark_to_string(error.domain)}, code ${error.code}`;
    if (error.domain === OA2.error_quark())
        details += ` (${codeName(OA2.Error, error.code)})`;
    if (error.domain === OA2.oauth_error_quark()) {
        details += ` (${codeName(OA2.OAuthError, error.code)})`;
        const server = OA2.error_get_server_code(error);
        if (server !== null)
            details += `, server error “${server}”, HTTP status ${OA2.error_get_http_status(error)}`;
    }
    return details;
}

function printToken(token) {
    // Never print token.get_access_token().
    print(`token type:     ${token.get_token_type()}`);
    print(`scope:          ${token.get_scope() ?? '(as requested)'}`);
    const expiresAt = token.get_expires_at();
    if (expiresAt !== null) {
        print(`expires at:     ${expiresAt.to_local().format_iso8601()}`);
        print(`remaining:      ${token.get_expires_in()} s`);
    } else {
        print('expires at:     unknown (the server sent no expires_in)');
    }
    print(`refresh token:  ${token.get_refresh_token() !== null ? 'yes' : 'no'}`);
}

async function main(args) {
    const endpoint = GLib.getenv('OA2_EXAMPLE_TOKEN_ENDPOINT');
    const clientId = GLib.getenv('OA2_EXAMPLE_CLIENT_ID');
    const secret = GLib.getenv('OA2_EXAMPLE_CLIENT_SECRET');
    const method = GLib.getenv('OA2_EXAMPLE_AUTH') ?? 'post';
    const scope = args[0] ?? GLib.getenv('OA2_EXAMPLE_SCOPE');

    if (endpoint === null || clientId === null || secret === null) {
        printerr('client-credentials.js: set OA2_EXAMPLE_TOKEN_ENDPOINT, OA2_EXAMPLE_CLIENT_ID ' +
                 'and OA2_EXAMPLE_CLIENT_SECRET');
        return 2;
    }

    let auth;
    if (method === 'basic')
        auth = OA2.ClientSecretBasic.new(clientId, secret);
    else if (method === 'post')
        auth = OA2.ClientSecretPost.new(clientId, secret);
    else {
        printerr(`client-credentials.js: the authentication method is basic or post, not “${method}”`);
        return 2;
    }
    const client = OA2.Client.new(endpoint, auth);

    try {
        const token = await client.client_credentials_async(scope, null, null, null, null);
        printToken(token);
        return 0;
    } catch (error) {
        if (!(error instanceof GLib.Error))
            throw error;
        printerr(`client-credentials.js: ${error.message}`);
        printerr(`  (${describeError(error)})`);
        return 1;
    }
}

// Keep standard output for results; debug traces go to standard error.
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
