// test-device.js: the device flow (RFC 8628) through GJS against the real
// provider (tests/interop/provider/provider.mjs); a spawned script
// (approve-device.mjs) plays the user who approves or denies the code while
// the poller waits on the main loop.
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Meson sets OA2_PROVIDER_DIR, GI_TYPELIB_PATH and LD_LIBRARY_PATH.
// Output is TAP.

imports.gi.versions.GLib = '2.0';
imports.gi.versions.Gio = '2.0';
imports.gi.versions.OA2 = '1';

const {GLib, Gio, OA2} = imports.gi;
const System = imports.system;

Gio._promisify(OA2.Client.prototype, 'authorize_device_async', 'authorize_device_finish');
Gio._promisify(OA2.TokenPoller.prototype, 'poll_async', 'poll_finish');
Gio._promisify(Gio.DataInputStream.prototype, 'read_line_async', 'read_line_finish_utf8');
Gio._promisify(Gio.Subprocess.prototype, 'wait_check_async', 'wait_check_finish');

const PROVIDER_DIR = GLib.getenv('OA2_PROVIDER_DIR');
let provider = null;
let issuer = null;

function assert(condition, message) {
    if (!condition)
        throw new Error(message);
}

async function startProvider() {
    // The provider exits when its stdin (a pipe we hold) reaches EOF.
    provider = Gio.Subprocess.new(['node', `${PROVIDER_DIR}/provider.mjs`],
        Gio.SubprocessFlags.STDIN_PIPE | Gio.SubprocessFlags.STDOUT_PIPE);
    const stdout = new Gio.DataInputStream({base_stream: provider.get_stdout_pipe()});
    const [line] = await stdout.read_line_async(GLib.PRIORITY_DEFAULT, null);
    assert(line !== null && line.startsWith('ISSUER '), `unexpected provider output: ${line}`);
    issuer = line.split(' ')[1];
}

function stopProvider() {
    if (provider === null)
        return;
    provider.get_stdin_pipe().close(null);
    provider.wait(null);
}

// The user on the other device, answering after delayMs.
function answer(userCode, decision, delayMs) {
    const user = Gio.Subprocess.new(['node', `${PROVIDER_DIR}/approve-device.mjs`, issuer, userCode,
        decision, String(delayMs)], Gio.SubprocessFlags.NONE);
    return user.wait_check_async(null);
}

async function authorize() {
    const client = OA2.Client.new_from_issuer(issuer, OA2.DiscoveryKind.OPENID,
        OA2.PublicApp.new('oa2-device'), null, null);
    const device = await client.authorize_device_async('openid offline_access', null, null, null);
    assert(device.verification_uri === `${issuer}/device`, `verification_uri ${device.verification_uri}`);
    assert(device.verification_uri_complete.includes(device.user_code), 'the complete URI has the code');
    assert(device.interval === 1, `interval ${device.interval}`);
    return [client, device];
}

const tests = [
    ['approved while polling', async () => {
        const [client, device] = await authorize();
        const poller = OA2.TokenPoller.new_for_device(client, device, null);
        const user = answer(device.user_code, 'approve', 1500);
        const token = await poller.poll_async(null);
        await user;
        assert(token.get_token_type() === 'Bearer', 'Bearer');
        assert(token.get_refresh_token() !== null, 'a refresh token');
        assert(token.get_id_token() !== null, 'an ID token');
        assert(poller.requests >= 2, `requests ${poller.requests}`);
    }],
    ['denied', async () => {
        const [client, device] = await authorize();
        const poller = OA2.TokenPoller.new_for_device(client, device, null);
        await answer(device.user_code, 'deny', 0);
        let error = null;
        try {
            await poller.poll_async(null);
        } catch (e) {
            error = e;
        }
        assert(error instanceof GLib.Error, `expected a GLib.Error, got ${error}`);
        assert(error.matches(OA2.oauth_error_quark(), OA2.OAuthError.ACCESS_DENIED), error.message);
        assert(poller.requests === 1, `requests ${poller.requests}`);
    }],
    ['cancelled while waiting', async () => {
        const [client, device] = await authorize();
        const poller = OA2.TokenPoller.new_for_device(client, device, null);
        const cancellable = new Gio.Cancellable();
        GLib.timeout_add(GLib.PRIORITY_DEFAULT, 100, () => {
            cancellable.cancel();
            return GLib.SOURCE_REMOVE;
        });
        let error = null;
        try {
            await poller.poll_async(cancellable);
        } catch (e) {
            error = e;
        }
        assert(error !== null && error.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED), `${error}`);
        assert(poller.requests === 0, `requests ${poller.requests}`);
    }],
];

async function main() {
    await startProvider();
    print(`1..${tests.length}`);
    let failures = 0;
    for (const [index, [name, fn]] of tests.entries()) {
        try {
            await fn();
            print(`ok ${index + 1} ${name}`);
        } catch (e) {
            failures++;
            print(`not ok ${index + 1} ${name}`);
            for (const line of String(e.stack ? `${e}\n${e.stack}` : e).split('\n'))
                print(`# ${line}`);
        }
    }
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
stopProvider();
System.exit(exitCode);
