// test-desktop-sign-in.js: the one-call sign-in of a desktop app
// (OA2.DesktopSignIn) through GJS, as an ES module, against the real
// provider (tests/interop/provider/provider.mjs); the browser that the
// library launches (OA2_BROWSER) is the scripted one, scripted-browser.mjs.
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Run with gjs -m. Meson sets OA2_PROVIDER_DIR, GI_TYPELIB_PATH and
// LD_LIBRARY_PATH. Output is TAP; nothing is skipped.

import GLib from 'gi://GLib?version=2.0';
import Gio from 'gi://Gio?version=2.0';
import OA2 from 'gi://OA2?version=1';
import System from 'system';

Gio._promisify(OA2.DesktopSignIn.prototype, 'run_async', 'run_finish');
Gio._promisify(OA2.Client, 'new_from_issuer_async', 'new_from_issuer_finish');
Gio._promisify(Gio.DataInputStream.prototype, 'read_line_async', 'read_line_finish_utf8');

const PROVIDER_DIR = GLib.getenv('OA2_PROVIDER_DIR');
const GUARD_MS = 60000;

function assert(condition, message) {
    if (!condition)
        throw new Error(message);
}

function withGuard(promise) {
    let id;
    const guard = new Promise((_, reject) => {
        id = GLib.timeout_add(GLib.PRIORITY_DEFAULT, GUARD_MS, () => {
            reject(new Error('the sign-in never ended'));
            return GLib.SOURCE_REMOVE;
        });
    });
    return Promise.race([promise, guard]).finally(() => GLib.source_remove(id));
}

// The provider exits when its stdin reaches EOF, so it dies with us.
async function startProvider() {
    const provider = Gio.Subprocess.new(['node', GLib.build_filenamev([PROVIDER_DIR, 'provider.mjs'])],
        Gio.SubprocessFlags.STDIN_PIPE | Gio.SubprocessFlags.STDOUT_PIPE);
    const lines = new Gio.DataInputStream({base_stream: provider.get_stdout_pipe()});
    const [line] = await withGuard(lines.read_line_async(GLib.PRIORITY_DEFAULT, null));
    assert(line !== null && line.startsWith('ISSUER '), `unexpected provider output: ${line}`);
    return {provider, issuer: line.split(' ')[1]};
}

const tests = [];
function test(name, fn) {
    tests.push({name, fn});
}

let ISSUER = null;

async function discover(clientId) {
    return OA2.Client.new_from_issuer_async(ISSUER, OA2.DiscoveryKind.OPENID, OA2.PublicApp.new(clientId),
        null, null);
}

test('sign in through the loopback receiver, ID token validated', async () => {
    const client = await discover('oa2-public');
    const signIn = OA2.DesktopSignIn.new(client, 'openid offline_access');
    // oidc-provider grants offline_access only with prompt=consent.
    signIn.connect('prepare-request', (_signIn, request) => request.set_prompt('consent'));
    const token = await withGuard(signIn.run_async(null));
    const idToken = token.get_validated_id_token();
    assert(idToken !== null, 'no validated ID token');
    assert(idToken.get_subject() === 'alice', `subject ${idToken.get_subject()}`);
    assert(token.get_refresh_token() !== null, 'no refresh token');
    assert(/^http:\/\/127\.0\.0\.1:[0-9]+\/callback$/.test(signIn.receiver.redirect_uri),
        `redirect URI ${signIn.receiver.redirect_uri}`);
    assert(signIn.authorization_uri.startsWith(`${ISSUER}/auth?`), signIn.authorization_uri);
});

test('a JARM sign-in: query.jwt checked with the provider\'s keys', async () => {
    const client = await discover('oa2-jarm');
    client.authorization_signed_response_alg = 'ES256';
    const signIn = new OA2.DesktopSignIn({client, scope: 'openid'});
    signIn.connect('prepare-request', (_signIn, request) => request.set_response_mode('query.jwt'));
    const token = await withGuard(signIn.run_async(null));
    assert(token.get_validated_id_token().get_subject() === 'alice', 'not alice');
    assert(signIn.receiver.client === client, 'the receiver does not validate with the client');
    assert(signIn.authorization_uri.includes('response_mode=query.jwt'), signIn.authorization_uri);
});

test('a failing browser command ends the sign-in', async () => {
    const client = await discover('oa2-public');
    const signIn = new OA2.DesktopSignIn({client, scope: 'openid'});
    const saved = GLib.getenv('OA2_BROWSER');
    GLib.setenv('OA2_BROWSER', 'false', true);
    try {
        await withGuard(signIn.run_async(null));
        throw new Error('the sign-in succeeded');
    } catch (e) {
        assert(e instanceof GLib.Error && e.matches(Gio.io_error_quark(), Gio.IOErrorEnum.FAILED),
            `unexpected error: ${e}`);
    } finally {
        GLib.setenv('OA2_BROWSER', saved, true);
    }
});

async function main() {
    const {provider, issuer} = await startProvider();
    ISSUER = issuer;
    GLib.setenv('OA2_BROWSER', `${GLib.shell_quote(GLib.find_program_in_path('node'))} ${
        GLib.shell_quote(GLib.build_filenamev([PROVIDER_DIR, 'scripted-browser.mjs']))}`, true);
    let failures = 0;
    print(`1..${tests.length}`);
    for (const [i, t] of tests.entries()) {
        try {
            // eslint-disable-next-line no-await-in-loop
            await t.fn();
            print(`ok ${i + 1} - ${t.name}`);
        } catch (e) {
            failures++;
            print(`not ok ${i + 1} - ${t.name}`);
            print(`# ${String(e)}\n# ${(e.stack ?? '').split('\n').join('\n# ')}`);
        }
    }
    provider.get_stdin_pipe().close(null);
    provider.wait(null);
    return failures;
}

let exitCode = 1;
const loop = GLib.MainLoop.new(null, false);
main().then(failures => {
    exitCode = failures === 0 ? 0 : 1;
}, e => {
    print(`Bail out! ${e}`);
}).finally(() => loop.quit());
loop.run();
System.exit(exitCode);
