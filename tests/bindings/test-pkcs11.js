// test-pkcs11.js: keys held in a PKCS#11 token, through GJS
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Meson sets OA2_SOFTHSM_SETUP (tests/softhsm-setup.c, which makes a
// SoftHSM2 token with an EC P-256 and an RSA key generated inside it) and
// GI_TYPELIB_PATH / LD_LIBRARY_PATH. Output is TAP. The token is opened
// asynchronously: the PIN callback must run in this thread's main loop,
// since GJS cannot run JavaScript in another thread.

imports.gi.versions.GLib = '2.0';
imports.gi.versions.Gio = '2.0';
imports.gi.versions.Soup = '3.0';
imports.gi.versions.OA2 = '1';

const {GLib, Gio, OA2, Soup} = imports.gi;
const System = imports.system;

Gio._promisify(OA2.Jwk, 'new_from_pkcs11_uri_async', 'new_from_pkcs11_uri_finish');

const tests = [];
function test(name, fn) {
    tests.push({name, fn});
}
function assert(condition, message = 'assertion failed') {
    if (!condition)
        throw new Error(message);
}

let token = null;
let tokenDir = null;

function setUpToken() {
    const helper = GLib.getenv('OA2_SOFTHSM_SETUP');
    assert(helper, 'OA2_SOFTHSM_SETUP is not set: run this test through meson');
    tokenDir = GLib.dir_make_tmp('oa2-gjs-pkcs11-XXXXXX');
    const proc = Gio.Subprocess.new([helper, tokenDir],
        Gio.SubprocessFlags.STDOUT_PIPE | Gio.SubprocessFlags.STDERR_PIPE);
    const [, stdout, stderr] = proc.communicate_utf8(null, null);
    if (proc.get_exit_status() === 77 && !GLib.getenv('CI'))
        return `SoftHSM2 is not installed: ${stderr.trim()}`;
    assert(proc.get_successful(), `softhsm-setup failed: ${stderr}`);
    token = {};
    for (const line of stdout.trim().split('\n')) {
        const at = line.indexOf('=');
        token[line.slice(0, at)] = line.slice(at + 1);
    }
    // Before the module is loaded: SoftHSM reads its configuration then.
    GLib.setenv('SOFTHSM2_CONF', token.SOFTHSM2_CONF, true);
    OA2.pkcs11_add_module(token.OA2_TEST_SOFTHSM_MODULE);
    return null;
}

function publicKey(key) {
    return OA2.Jwk.new_from_json(key.dup_public().to_json(false));
}

test('async open, the PIN asked in the main loop', async () => {
    const asked = [];
    const key = await OA2.Jwk.new_from_pkcs11_uri_async(token.OA2_TEST_PKCS11_EC_URI,
        (label, attempt, flags) => {
            asked.push([label, attempt, flags]);
            return token.OA2_TEST_PKCS11_PIN;
        }, null);
    assert(asked.length === 1 && asked[0][0] === 'oa2-test', `asked ${JSON.stringify(asked)}`);
    assert(key.is_in_token(), 'is_in_token');
    assert(key.get_alg() === 'ES256', `alg ${key.get_alg()}`);

    const auth = OA2.PrivateKeyJwt.new('gjs-hsm', key, null);
    const params = auth.authenticate('POST', 'https://as.example/token',
        new Soup.MessageHeaders(Soup.MessageHeadersType.REQUEST));
    const jwt = OA2.Jwt.new_from_compact(params['client_assertion']);
    assert(jwt.verify(publicKey(key), ['ES256']), 'assertion verifies');
    assert(jwt.get_string_claim('iss') === 'gjs-hsm', 'iss');
});

test('DPoP proof with an RSA key in the token', async () => {
    const key = await OA2.Jwk.new_from_pkcs11_uri_async(token.OA2_TEST_PKCS11_RSA_URI,
        () => token.OA2_TEST_PKCS11_PIN, null);
    const dpop = OA2.DPoPKey.new(key, 'PS256');
    const proof = dpop.make_proof('GET', 'https://rs.example/api', 'token-value', null);
    assert(OA2.Jwt.new_from_compact(proof).verify(publicKey(key), ['PS256']), 'proof verifies');
    assert(dpop.dup_thumbprint() === key.dup_thumbprint(), 'jkt');
});

test('wrong PIN and unknown key', async () => {
    let error = null;
    try {
        await OA2.Jwk.new_from_pkcs11_uri_async(token.OA2_TEST_PKCS11_EC_URI, () => '0000', null);
    } catch (e) {
        error = e;
    }
    assert(error instanceof GLib.Error && error.matches(OA2.error_quark(), OA2.Error.TOKEN_LOGIN_FAILED),
        `expected TOKEN_LOGIN_FAILED, got ${error}`);
    assert(!error.message.includes('0000'), 'no PIN in the message');

    error = null;
    try {
        OA2.Jwk.new_from_pkcs11_uri(`pkcs11:token=oa2-test;object=absent?pin-value=${token.OA2_TEST_PKCS11_PIN}`,
            null, null);
    } catch (e) {
        error = e;
    }
    assert(error instanceof GLib.Error && error.matches(OA2.error_quark(), OA2.Error.KEY_NOT_FOUND),
        `expected KEY_NOT_FOUND, got ${error}`);
});

async function runTests() {
    let failures = 0;
    print(`1..${tests.length}`);
    const skip = setUpToken();
    for (const [i, t] of tests.entries()) {
        if (skip) {
            print(`ok ${i + 1} ${t.name} # SKIP ${skip}`);
            continue;
        }
        try {
            // eslint-disable-next-line no-await-in-loop
            await t.fn();
            print(`ok ${i + 1} ${t.name}`);
        } catch (e) {
            failures++;
            print(`not ok ${i + 1} ${t.name}`);
            for (const line of `${e}\n${e.stack ?? ''}`.split('\n'))
                print(`# ${line}`);
        }
        // Let keys go, and with them their sessions: the next test logs in.
        System.gc();
    }
    return failures;
}

let exitCode = 1;
const loop = GLib.MainLoop.new(null, false);
runTests().then(failures => {
    exitCode = failures === 0 ? 0 : 1;
}, e => {
    print(`Bail out! ${e}`);
}).finally(() => loop.quit());
loop.run();
if (tokenDir !== null)
    Gio.Subprocess.new(['rm', '-rf', tokenDir], Gio.SubprocessFlags.NONE).wait(null);
System.exit(exitCode);
