// test-token-store.js: token stores and the compact serialized form
// through GJS
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Meson runs it through tests/secret-service-session.py (a private D-Bus
// session bus with gnome-keyring), and sets OA2_COMPACT_FIXTURES to
// tests/compact. Output is TAP; nothing is skipped.

imports.gi.versions.GLib = '2.0';
imports.gi.versions.Gio = '2.0';
imports.gi.versions.OA2 = '1';

const {GLib, Gio, OA2} = imports.gi;
const System = imports.system;

const ISSUER = 'https://as.example.com';
const CLIENT_ID = 'gjs-store-client';

for (const name of ['load', 'save', 'clear'])
    Gio._promisify(OA2.TokenStore.prototype, `${name}_async`, `${name}_finish`);

const tests = [];
function test(name, fn) {
    tests.push({name, fn});
}
function assert(condition, message = 'assertion failed') {
    if (!condition)
        throw new Error(message);
}
function assertEqual(actual, expected, what = '') {
    if (actual !== expected)
        throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
function assertThrowsGError(fn, domain, code) {
    try {
        fn();
    } catch (e) {
        assert(e instanceof GLib.Error && e.matches(domain, code), `wrong error: ${e}`);
        return;
    }
    throw new Error('expected an error, got none');
}

function fixture(name) {
    const path = GLib.build_filenamev([GLib.getenv('OA2_COMPACT_FIXTURES'), name]);
    const [, bytes] = GLib.file_get_contents(path);
    return new TextDecoder().decode(bytes).trim();
}

function makeToken(accessToken) {
    return OA2.BearerToken.new_from_json(JSON.stringify({
        access_token: accessToken, token_type: 'Bearer', expires_at: 1893456000,
        refresh_token: `rt-${accessToken}`,
    }));
}

async function roundTrip(store) {
    assertEqual(await store.load_async(ISSUER, CLIENT_ID, 'alice', null), null, 'nothing stored');
    const token = makeToken('gjs-alice');
    assert(await store.save_async(ISSUER, CLIENT_ID, 'alice', token, null), 'saved');
    const loaded = await store.load_async(ISSUER, CLIENT_ID, 'alice', null);
    assertEqual(loaded.to_json(), token.to_json(), 'loaded');
    assertEqual(store.load(ISSUER, CLIENT_ID, 'alice', null).get_access_token(), 'gjs-alice', 'sync load');

    const key = OA2.DPoPKey.generate('ES256');
    store.save(ISSUER, CLIENT_ID, 'dpop', OA2.DPoPToken.new('gjs-dpop', null, key), null);
    const dpop = await store.load_async(ISSUER, CLIENT_ID, 'dpop', null);
    assert(dpop instanceof OA2.DPoPToken, 'a DPoP token');
    assertEqual(dpop.get_dpop_key().dup_thumbprint(), key.dup_thumbprint(), 'its key');

    assert(await store.clear_async(ISSUER, CLIENT_ID, 'alice', null), 'cleared');
    assertEqual(store.load(ISSUER, CLIENT_ID, 'alice', null), null, 'gone');
    store.clear(ISSUER, CLIENT_ID, 'dpop', null);
    assertThrowsGError(() => store.load('', CLIENT_ID, 'alice', null), OA2.error_quark(),
        OA2.Error.INVALID_ARGUMENT);
}

test('compact form of the reference library, byte for byte', () => {
    const token = OA2.BearerToken.new_from_compact(fixture('bearer.txt'));
    assertEqual(token.get_access_token(), '2YotnFZFEjr1zCsicMWpAA', 'access token');
    assertEqual(token.to_compact(), fixture('bearer.txt'), 'dump');
    const key = OA2.DPoPKey.new_from_compact(fixture('dpop-key.txt'));
    assertEqual(key.to_compact(), fixture('dpop-key.txt'), 'key dump');
    const reference = OA2.BearerToken.new_from_compact(fixture('dpop-token-reference.txt'));
    assert(reference instanceof OA2.DPoPToken, 'DPoP token');
    assertEqual(reference.get_dpop_key().dup_thumbprint(), key.dup_thumbprint(), 'DPoP key');
    const dpop = OA2.BearerToken.new_from_compact(fixture('dpop-token.txt'));
    assertEqual(dpop.to_compact(), fixture('dpop-token.txt'), 'DPoP dump');
    assertThrowsGError(() => OA2.BearerToken.new_from_compact('!!'), OA2.error_quark(),
        OA2.Error.MALFORMED_TOKEN);
});

test('memory store', () => roundTrip(OA2.MemoryTokenStore.new()));

test('file store', async () => {
    const tmp = GLib.dir_make_tmp('oa2-gjs-XXXXXX');
    const dir = GLib.build_filenamev([tmp, 'tokens']);
    const store = OA2.FileTokenStore.new(dir);
    assertEqual(store.directory, dir, 'directory');
    await roundTrip(store);
    store.save(ISSUER, CLIENT_ID, 'bob', makeToken('bob'), null);
    const info = Gio.File.new_for_path(dir).query_info('unix::mode', Gio.FileQueryInfoFlags.NOFOLLOW_SYMLINKS, null);
    assertEqual(info.get_attribute_uint32('unix::mode') & 0o777, 0o700, 'directory mode');
    const children = Gio.File.new_for_path(dir).enumerate_children('standard::name,unix::mode',
        Gio.FileQueryInfoFlags.NOFOLLOW_SYMLINKS, null);
    let child;
    while ((child = children.next_file(null)) !== null) {
        assertEqual(child.get_attribute_uint32('unix::mode') & 0o777, 0o600, 'file mode');
        Gio.File.new_for_path(GLib.build_filenamev([dir, child.get_name()])).delete(null);
    }
    Gio.File.new_for_path(dir).delete(null);
    Gio.File.new_for_path(tmp).delete(null);
});

test('secret store on a private bus', () => {
    assert(OA2.SecretTokenStore.is_supported(), 'built with libsecret');
    assert(GLib.getenv('DBUS_SESSION_BUS_ADDRESS').includes('oa2-secret-'), 'private bus');
    return roundTrip(OA2.SecretTokenStore.new());
});

test('an auth handler keeps its token in the store', async () => {
    const store = OA2.MemoryTokenStore.new();
    store.save(ISSUER, CLIENT_ID, 'auth', makeToken('stored-for-auth'), null);
    const client = OA2.Client.new_public('https://as.example.com/token', CLIENT_ID);
    const auth = OA2.AccessTokenAuth.new(client, null);
    Gio._promisify(OA2.Auth.prototype, 'attach_store_async', 'attach_store_finish');
    assert(await auth.attach_store_async(store, ISSUER, CLIENT_ID, 'auth', null), 'attached');
    assertEqual(auth.ensure_token(null).get_access_token(), 'stored-for-auth', 'loaded at start');
    auth.set_token(makeToken('newer'));
    auth.wait_for_store();
    assertEqual(store.load(ISSUER, CLIENT_ID, 'auth', null).get_access_token(), 'newer', 'saved on change');
});

async function runTests() {
    print(`1..${tests.length}`);
    let failures = 0;
    for (const [i, t] of tests.entries()) {
        try {
            await t.fn();
            print(`ok ${i + 1} ${t.name}`);
        } catch (e) {
            failures++;
            print(`not ok ${i + 1} ${t.name}`);
            for (const line of `${e}\n${e.stack ?? ''}`.split('\n'))
                print(`# ${line}`);
        }
    }
    return failures;
}

let exitCode = 1;
const loop = GLib.MainLoop.new(null, false);
runTests().then(failures => {
    exitCode = failures === 0 ? 0 : 1;
}, e => print(`Bail out! ${e}`)).finally(() => loop.quit());
loop.run();
System.exit(exitCode);
