// test-oa2.js: oauth2client-glib through GJS
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Run with gjs. Meson sets OA2_MOCK_SERVER (the mock-token-server helper)
// and GI_TYPELIB_PATH / LD_LIBRARY_PATH (the library's build directory).
// Output is TAP; a test marked "# TODO" is a known library bug that is
// expected to fail (and turns into an error once it passes).

imports.gi.versions.GLib = '2.0';
imports.gi.versions.Gio = '2.0';
imports.gi.versions.GObject = '2.0';
imports.gi.versions.Json = '1.0';
imports.gi.versions.Soup = '3.0';
imports.gi.versions.OA2 = '1';

const {GLib, GObject, Gio, Json, OA2, Soup} = imports.gi;
const System = imports.system;

const CLIENT_ID = 'py-client';
const CLIENT_SECRET = 's3cr:t %';
const PUBLIC_CLIENT_ID = 'py-public';
const ISSUED_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const CODE_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const REDIRECT_URI = 'http://127.0.0.1:8400/callback';
const ASYNC_GUARD_MS = 30000;

for (const name of ['token_request', 'client_credentials', 'refresh_token',
    'resource_owner_password', 'authorization_code', 'exchange_authorization_response',
    'revoke_refresh_token', 'introspect_token', 'validate_authorization_callback', 'token_exchange',
    'token_exchange_issued',
    'backchannel_authentication_request', 'ciba', 'saml2_bearer'])
    Gio._promisify(OA2.Client.prototype, `${name}_async`, `${name}_finish`);
Gio._promisify(OA2.TokenPoller.prototype, 'poll_async', 'poll_finish');

// ---- tiny harness -------------------------------------------------------

const tests = [];

function test(name, fn, todo = null) {
    tests.push({name, fn, todo});
}

class AssertionError extends Error {}

function assert(condition, message = 'assertion failed') {
    if (!condition)
        throw new AssertionError(message);
}

function assertEqual(actual, expected, what = '') {
    if (actual !== expected) {
        throw new AssertionError(
            `${what ? `${what}: ` : ''}expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    }
}

function assertGError(error, domain, code, messagePart = null) {
    assert(error instanceof GLib.Error, `expected a GLib.Error, got ${error}`);
    assert(error.matches(domain, code),
        `expected ${GLib.quark_to_string(domain)}/${code}, got ${GLib.quark_to_string(error.domain)}/${error.code}: ${error.message}`);
    if (messagePart !== null)
        assert(error.message.includes(messagePart), `"${error.message}" lacks "${messagePart}"`);
}

function assertThrowsGError(fn, domain, code, messagePart = null) {
    let error = null;
    try {
        fn();
    } catch (e) {
        error = e;
    }
    assert(error !== null, 'expected an error, got none');
    assertGError(error, domain, code, messagePart);
    return error;
}

async function assertRejectsGError(promise, domain, code, messagePart = null) {
    let error = null;
    try {
        await promise;
    } catch (e) {
        error = e;
    }
    assert(error !== null, 'expected an error, got none');
    assertGError(error, domain, code, messagePart);
    return error;
}

function withGuard(promise) {
    let id = 0;
    const guard = new Promise((resolve, reject) => {
        id = GLib.timeout_add(GLib.PRIORITY_DEFAULT, ASYNC_GUARD_MS, () => {
            id = 0;
            reject(new AssertionError('the test never completed'));
            return GLib.SOURCE_REMOVE;
        });
    });
    return Promise.race([promise, guard]).finally(() => {
        if (id !== 0)
            GLib.source_remove(id);
    });
}

function sleep(ms) {
    return new Promise(resolve => {
        GLib.timeout_add(GLib.PRIORITY_DEFAULT, ms, () => {
            resolve();
            return GLib.SOURCE_REMOVE;
        });
    });
}

async function runTests() {
    let failures = 0;
    print(`1..${tests.length}`);
    for (const [i, t] of tests.entries()) {
        let error = null;
        try {
            // eslint-disable-next-line no-await-in-loop
            await withGuard(Promise.resolve().then(() => t.fn()));
        } catch (e) {
            error = e;
        }
        const n = i + 1;
        if (t.todo !== null) {
            if (error === null) {
                print(`ok ${n} - ${t.name} # TODO ${t.todo}`);
                printerr(`# ${t.name}: passes now; remove its TODO mark`);
                failures++;
            } else {
                print(`not ok ${n} - ${t.name} # TODO ${t.todo}`);
                print(`# ${String(error).split('\n').join('\n# ')}`);
            }
        } else if (error === null) {
            print(`ok ${n} - ${t.name}`);
        } else {
            failures++;
            print(`not ok ${n} - ${t.name}`);
            print(`# ${String(error).split('\n').join('\n# ')}`);
            if (error.stack)
                print(`# ${error.stack.split('\n').join('\n# ')}`);
        }
    }
    return failures;
}

// ---- mock server --------------------------------------------------------

let server = null;
let BASE = null;
let TOKEN_ENDPOINT = null;
let SLOW_ENDPOINT = null;

function startServer() {
    const path = GLib.getenv('OA2_MOCK_SERVER');
    if (!path)
        throw new Error('OA2_MOCK_SERVER is not set: run this test through meson');
    server = Gio.Subprocess.new([path],
        Gio.SubprocessFlags.STDIN_PIPE | Gio.SubprocessFlags.STDOUT_PIPE);
    const stdout = new Gio.DataInputStream({base_stream: server.get_stdout_pipe()});
    const [line] = stdout.read_line_utf8(null);
    const match = line !== null ? /^PORT (\d+)$/.exec(line) : null;
    if (match === null)
        throw new Error(`unexpected mock-token-server output: ${line}`);
    BASE = `http://127.0.0.1:${match[1]}`;
    TOKEN_ENDPOINT = `${BASE}/token`;
    SLOW_ENDPOINT = `${BASE}/slow`;
}

function stopServer() {
    if (server === null)
        return;
    // EOF on its stdin makes it exit.
    server.get_stdin_pipe().close(null);
    server.wait(null);
}

// ---- helpers ------------------------------------------------------------

function nowUnix() {
    return GLib.DateTime.new_now_utc().to_unix();
}

function received(token) {
    const node = token.get_member('received');
    assert(node !== null, 'no "received" member');
    return JSON.parse(Json.to_string(node, false));
}

function assertFreshToken(token, prefix, {scope = null, refreshToken = null} = {}) {
    assert(token instanceof OA2.BearerToken, `not a token: ${token}`);
    assert(token.access_token.startsWith(prefix), `access token ${token.access_token}`);
    assertEqual(token.get_access_token(), token.access_token, 'get_access_token');
    assertEqual(token.token_type, 'Bearer', 'token_type');
    assertEqual(token.scope, scope, 'scope');
    assertEqual(token.refresh_token, refreshToken, 'refresh_token');
    assertEqual(token.id_token, null, 'id_token');
    assert(token.expires_at instanceof GLib.DateTime, 'expires_at is a GLib.DateTime');
    assert(Math.abs(token.expires_at.to_unix() - (nowUnix() + 3600)) <= 60, 'expires_at ≈ now + 3600');
    const expiresIn = token.get_expires_in();
    assert(expiresIn >= 3500 && expiresIn <= 3600, `get_expires_in() = ${expiresIn}`);
    assertEqual(token.is_expired(0), false, 'is_expired(0)');
    assertEqual(token.is_expired(7200), true, 'is_expired(7200)');
    assertEqual(token.get_string_member('issued_token_type'), ISSUED_TOKEN_TYPE, 'issued_token_type');
}

function postClient(secret = CLIENT_SECRET) {
    return OA2.Client.new(TOKEN_ENDPOINT, OA2.ClientSecretPost.new(CLIENT_ID, secret));
}

function basicClient(secret = CLIENT_SECRET) {
    return OA2.Client.new(TOKEN_ENDPOINT, OA2.ClientSecretBasic.new(CLIENT_ID, secret));
}

function publicClient() {
    return OA2.Client.new(TOKEN_ENDPOINT, OA2.PublicApp.new(PUBLIC_CLIENT_ID));
}

// ---- tests --------------------------------------------------------------

test('types are exposed', () => {
    for (const name of ['Client', 'BearerToken', 'ClientAuth', 'ClientSecretBasic',
        'ClientSecretPost', 'PublicApp']) {
        assert(OA2[name] !== undefined, `OA2.${name}`);
        assertEqual(OA2[name].$gtype.name, `OA2${name}`, `${name} GType`);
    }
    assert(OA2.ClientSecretBasic.new('a', 'b') instanceof OA2.ClientAuth, 'basic is a ClientAuth');
    assertEqual(OA2.ClientSecretBasic.new('a', 'b').get_method_name(), 'client_secret_basic');
    assertEqual(OA2.ClientSecretPost.new('a', 'b').get_method_name(), 'client_secret_post');
    assertEqual(OA2.PublicApp.new('a').get_method_name(), 'none');
    assertEqual(OA2.OAuthError.INVALID_CLIENT, 2, 'OAuthError.INVALID_CLIENT');
    assertEqual(OA2.oauth_error_from_string('invalid_grant'), OA2.OAuthError.INVALID_GRANT);
    assertEqual(OA2.get_major_version(), OA2.MAJOR_VERSION);
    assertEqual(OA2.get_minor_version(), OA2.MINOR_VERSION);
    assertEqual(OA2.get_micro_version(), OA2.MICRO_VERSION);
});

test('client constructors and properties', () => {
    const client = OA2.Client.new_with_secret(TOKEN_ENDPOINT, CLIENT_ID, CLIENT_SECRET);
    assert(client.client_auth instanceof OA2.ClientSecretPost, 'new_with_secret uses client_secret_post');
    assertEqual(client.get_client_id(), CLIENT_ID);
    assertEqual(client.token_endpoint, TOKEN_ENDPOINT);
    assert(client.get_session() instanceof Soup.Session, 'session');
    assertEqual(OA2.Client.new_public(TOKEN_ENDPOINT, PUBLIC_CLIENT_ID).client_auth.get_method_name(), 'none');

    const full = new OA2.Client({token_endpoint: TOKEN_ENDPOINT, issuer: BASE,
        userinfo_endpoint: `${BASE}/userinfo`});
    assertEqual(full.get_issuer(), BASE);
    assertEqual(full.userinfo_endpoint, `${BASE}/userinfo`);
    assertEqual(full.get_client_auth(), null);

    const notified = [];
    client.connect('notify::timeout', obj => notified.push(obj.timeout));
    client.set_timeout(5);
    client.timeout = 6;
    client.set_timeout(6);
    assertEqual(JSON.stringify(notified), '[5,6]', 'notify::timeout');
});

test('client_credentials sync, client_secret_post', () => {
    const token = postClient().client_credentials('read write', null, null, null, null);
    assertFreshToken(token, 'at-cc-', {scope: 'read write'});
    assertEqual(token.get_string_member('auth_method'), 'client_secret_post');
    const sent = received(token);
    assertEqual(sent.client_id, CLIENT_ID);
    assertEqual(sent.grant_type, 'client_credentials');
});

test('client_credentials sync, client_secret_basic', () => {
    const token = basicClient().client_credentials(null, null, null, null, null);
    assertFreshToken(token, 'at-cc-', {scope: 'default'});
    assertEqual(token.get_string_member('auth_method'), 'client_secret_basic');
    assertEqual(received(token).client_id, undefined, 'no client_id in the body');
});

test('client_credentials async, client_secret_post', async () => {
    const token = await postClient().client_credentials_async('read', null, null, null, null);
    assertFreshToken(token, 'at-cc-', {scope: 'read'});
    assertEqual(token.get_string_member('auth_method'), 'client_secret_post');
});

test('client_credentials async, client_secret_basic', async () => {
    const token = await basicClient().client_credentials_async('read', null, null, null, null);
    assertFreshToken(token, 'at-cc-', {scope: 'read'});
    assertEqual(token.get_string_member('auth_method'), 'client_secret_basic');
});

test('one client, many calls, blocking and async interleaved', async () => {
    // The blocking calls once leaked a connection slot each, and the third
    // one on a client hung forever.
    const client = basicClient();
    client.set_timeout(5);
    for (const step of 'sssasass') {
        // eslint-disable-next-line no-await-in-loop
        const token = step === 's' ? client.client_credentials(null, null, null, null, null)
            : await client.client_credentials_async(null, null, null, null, null);
        assertEqual(token.get_string_member('auth_method'), 'client_secret_basic');
    }
});

test('client_credentials with resources and extra parameters', () => {
    const token = postClient().client_credentials('read',
        ['https://api.example.com/a', 'https://api.example.com/b'],
        {audience: 'https://api.example.com', tenant: 'zebra'}, null, null);
    const sent = received(token);
    assertEqual(JSON.stringify(sent.resource), '["https://api.example.com/a","https://api.example.com/b"]');
    assertEqual(sent.audience, 'https://api.example.com');
    assertEqual(sent.tenant, 'zebra');
});

test('invalid_client, sync', () => {
    for (const client of [postClient('wrong'), basicClient('wrong')]) {
        const error = assertThrowsGError(() => client.client_credentials(null, null, null, null, null),
            OA2.oauth_error_quark(), OA2.OAuthError.INVALID_CLIENT, 'bad secret');
        assert(error.matches(OA2.OAuthError, OA2.OAuthError.INVALID_CLIENT), 'matches the enum class too');
        // GJS hands the original GError back to C, so its details survive.
        assertEqual(OA2.error_get_server_code(error), 'invalid_client');
        assertEqual(OA2.error_get_description(error), 'bad secret');
        assertEqual(OA2.error_get_http_status(error), 401);
        assertEqual(OA2.error_requires_interaction(error), true);
    }
});

test('invalid_client, async', async () => {
    await assertRejectsGError(basicClient('wrong').client_credentials_async(null, null, null, null, null),
        OA2.oauth_error_quark(), OA2.OAuthError.INVALID_CLIENT, 'bad secret');
});

test('local argument errors', async () => {
    assertThrowsGError(() => postClient().client_credentials('bad"scope', null, null, null, null),
        OA2.error_quark(), OA2.Error.INVALID_ARGUMENT);
    await assertRejectsGError(postClient().client_credentials_async('a  b', null, null, null, null),
        OA2.error_quark(), OA2.Error.INVALID_ARGUMENT);
});

function checkAssertion(token, verifyKey, alg, audience) {
    assertEqual(token.get_string_member('auth_method'), 'client_assertion');
    const sent = received(token);
    assertEqual(sent.client_id, CLIENT_ID);
    assertEqual(sent.client_assertion_type, 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    const jwt = OA2.Jwt.new_from_compact(sent.client_assertion);
    assert(jwt.verify(verifyKey, [alg]));
    assertEqual(jwt.get_string_claim('iss'), CLIENT_ID);
    assertEqual(jwt.get_string_claim('sub'), CLIENT_ID);
    assertEqual(jwt.get_string_claim('aud'), audience);
    const [, iat] = jwt.get_int_claim('iat');
    const [, exp] = jwt.get_int_claim('exp');
    assertEqual(exp, iat + 60, 'exp');
    return jwt;
}

test('private_key_jwt: a new assertion per request', async () => {
    const key = OA2.Jwk.generate('EdDSA');
    const auth = OA2.PrivateKeyJwt.new(CLIENT_ID, key, null);
    assertEqual(auth.get_method_name(), 'private_key_jwt');
    const client = new OA2.Client({token_endpoint: TOKEN_ENDPOINT, client_auth: auth, issuer: BASE});
    const first = checkAssertion(client.client_credentials(null, null, null, null, null),
        key.dup_public(), 'EdDSA', BASE);
    assertEqual(first.get_kid(), key.get_kid());
    const second = checkAssertion(await client.client_credentials_async(null, null, null, null, null),
        key.dup_public(), 'EdDSA', BASE);
    assert(first.get_string_claim('jti') !== second.get_string_claim('jti'), 'the jti is new');
});

test('client_secret_jwt with properties, and construction errors', () => {
    const secret = 'a client secret of at least 32 bytes';
    const auth = new OA2.ClientSecretJwt({client_id: CLIENT_ID, client_secret: secret, alg: 'HS256'});
    assert(auth.init(null));
    const token = OA2.Client.new(TOKEN_ENDPOINT, auth).client_credentials(null, null, null, null, null);
    const k = GLib.base64_encode(new TextEncoder().encode(secret))
        .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    checkAssertion(token, OA2.Jwk.new_from_json(JSON.stringify({kty: 'oct', k})), 'HS256', TOKEN_ENDPOINT);

    assertThrowsGError(() => OA2.ClientSecretJwt.new(CLIENT_ID, 'short', null),
        OA2.error_quark(), OA2.Error.KEY_MISMATCH, 'HS256 needs a key of at least 256 bits');
    const publicKey = OA2.Jwk.generate('ES256').dup_public();
    assertThrowsGError(() => OA2.PrivateKeyJwt.new(CLIENT_ID, publicKey, null),
        OA2.error_quark(), OA2.Error.KEY_MISMATCH, 'needs a private key');
    const unchecked = new OA2.PrivateKeyJwt({client_id: CLIENT_ID, key: publicKey});
    assertThrowsGError(() => unchecked.init(null), OA2.error_quark(), OA2.Error.KEY_MISMATCH);
});

test('jwt_bearer with an assertion the client signs', () => {
    const key = OA2.Jwk.generate('ES256');
    const assertion = OA2.Jwt.sign_bearer_assertion(key, null, CLIENT_ID, 'alice', [BASE], 0, null);
    const token = OA2.Client.new(TOKEN_ENDPOINT, null).jwt_bearer(assertion, 'read', null, null, null, null);
    const sent = received(token);
    assertEqual(sent.grant_type, 'urn:ietf:params:oauth:grant-type:jwt-bearer');
    const jwt = OA2.Jwt.new_from_compact(sent.assertion);
    assert(jwt.verify(key.dup_public(), ['ES256']));
    assertEqual(jwt.get_string_claim('sub'), 'alice');
    assertEqual(jwt.get_string_claim('aud'), BASE);
});

test('saml2_bearer: the XML as bytes, sent base64url without padding', async () => {
    // Standard base64 of this would hold '+', '/' and '='.
    const xml = '<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a1">' +
        '<saml:Subject>alice?~</saml:Subject></saml:Assertion>\n';
    const bytes = () => new GLib.Bytes(new TextEncoder().encode(xml));
    let token = basicClient().saml2_bearer(bytes(), 'read', null, null, null, null);
    assertEqual(token.get_string_member('auth_method'), 'client_secret_basic');
    const sent = received(token);
    assertEqual(sent.grant_type, 'urn:ietf:params:oauth:grant-type:saml2-bearer');
    assertEqual(sent.assertion, b64url(xml));
    assert(!/[+/=]/.test(sent.assertion), 'no +, / or padding');
    token = await basicClient().saml2_bearer_async(bytes(), null, null, null, null, null);
    assertEqual(received(token).assertion, sent.assertion);
    assertThrowsGError(() => basicClient().saml2_bearer(new GLib.Bytes(new Uint8Array(0)), null, null, null, null, null),
        OA2.error_quark(), OA2.Error.INVALID_ARGUMENT, 'No SAML assertion was given');
    assertThrowsGError(() => basicClient('wrong').saml2_bearer(bytes(), null, null, null, null, null),
        OA2.oauth_error_quark(), OA2.OAuthError.INVALID_CLIENT);
});

test('refresh_token sync and async', async () => {
    const client = () => OA2.Client.new_with_secret(TOKEN_ENDPOINT, CLIENT_ID, CLIENT_SECRET);
    let token = client().refresh_token('rt-1', null, null, null, null, null);
    assertFreshToken(token, 'at-rt-', {refreshToken: 'rt-2'});
    token = await client().refresh_token_async('rt-1', 'read', null, null, null, null);
    assertFreshToken(token, 'at-rt-', {scope: 'read', refreshToken: 'rt-2'});
    assertThrowsGError(() => client().refresh_token('rt-unknown', null, null, null, null, null),
        OA2.oauth_error_quark(), OA2.OAuthError.INVALID_GRANT);
    assertThrowsGError(() => client().refresh_token(null, null, null, null, null, null),
        OA2.error_quark(), OA2.Error.NO_REFRESH_TOKEN);
});

test('resource_owner_password sync and async', async () => {
    let token = basicClient().resource_owner_password('alice', 'wonderland', 'profile', null, null, null, null);
    assertFreshToken(token, 'at-pw-', {scope: 'profile', refreshToken: 'rt-1'});
    assertEqual(received(token).username, 'alice');
    assertEqual(received(token).password, undefined, 'the server does not echo passwords');
    token = await basicClient().resource_owner_password_async('alice', 'wonderland', null, null, null, null, null);
    assertFreshToken(token, 'at-pw-', {refreshToken: 'rt-1'});
    await assertRejectsGError(
        basicClient().resource_owner_password_async('alice', 'looking-glass', null, null, null, null, null),
        OA2.oauth_error_quark(), OA2.OAuthError.INVALID_GRANT);
});

test('authorization_code with a public client, sync and async', async () => {
    const check = token => {
        assertFreshToken(token, 'at-ac-', {scope: 'openid profile', refreshToken: 'rt-1'});
        assertEqual(token.get_string_member('auth_method'), 'none');
        const sent = received(token);
        assertEqual(sent.client_id, PUBLIC_CLIENT_ID);
        assertEqual(sent.code, 'good-code');
        assertEqual(sent.redirect_uri, REDIRECT_URI);
        assertEqual(sent.code_verifier, CODE_VERIFIER);
    };
    check(publicClient().authorization_code('good-code', REDIRECT_URI, CODE_VERIFIER, null, null, null, null));
    check(await publicClient().authorization_code_async('good-code', REDIRECT_URI, CODE_VERIFIER,
        null, null, null, null));
    assertThrowsGError(
        () => publicClient().authorization_code('bad-code', REDIRECT_URI, CODE_VERIFIER, null, null, null, null),
        OA2.oauth_error_quark(), OA2.OAuthError.INVALID_GRANT);
    assertThrowsGError(
        () => publicClient().authorization_code('good-code', REDIRECT_URI, 'short', null, null, null, null),
        OA2.error_quark(), OA2.Error.INVALID_ARGUMENT);
});

test('token_request with a params object, sync and async', async () => {
    let token = postClient().token_request({grant_type: 'client_credentials', scope: 'a b',
        audience: 'urn:example:api'}, null, null, null);
    assertFreshToken(token, 'at-cc-', {scope: 'a b'});
    assertEqual(received(token).audience, 'urn:example:api');
    assertEqual(received(token).client_id, CLIENT_ID);
    token = await postClient().token_request_async({grant_type: 'password', username: 'alice',
        password: 'wonderland'}, null, null, null);
    assertFreshToken(token, 'at-pw-', {refreshToken: 'rt-1'});
    await assertRejectsGError(postClient().token_request_async({grant_type: 'urn:example:magic'}, null, null, null),
        OA2.oauth_error_quark(), OA2.OAuthError.INVALID_GRANT);
    assertThrowsGError(() => postClient().token_request({scope: 'x'}, null, null, null),
        OA2.error_quark(), OA2.Error.INVALID_ARGUMENT);
});

test('token members and JSON round trip', () => {
    const client = OA2.Client.new_with_secret(TOKEN_ENDPOINT, CLIENT_ID, CLIENT_SECRET);
    const token = client.resource_owner_password('alice', 'wonderland', 'profile', null, null, null, null);
    const [found, value] = token.get_int_member('issued_token_type');
    assertEqual(found, false, 'a string member is not an int');
    assertEqual(value, 0);
    assertEqual(token.get_string_member('no_such_member'), null);
    assertEqual(JSON.stringify(token.dup_member_names().sort()),
        '["auth_method","issued_token_type","received"]');

    const stored = token.to_json();
    assertEqual(typeof stored, 'string');
    const parsed = JSON.parse(stored);
    assertEqual(parsed.expires_at, token.expires_at.to_unix(), 'stored expires_at');
    assertEqual(parsed.expires_in, undefined, 'no expires_in in storage');

    const restored = OA2.BearerToken.new_from_json(stored);
    for (const prop of ['access_token', 'token_type', 'refresh_token', 'scope', 'id_token'])
        assertEqual(restored[prop], token[prop], prop);
    assertEqual(restored.expires_at.to_unix(), token.expires_at.to_unix(), 'expires_at');
    assertEqual(restored.get_string_member('issued_token_type'), ISSUED_TOKEN_TYPE);
    assertEqual(JSON.stringify(received(restored)), JSON.stringify(received(token)));
    assertEqual(JSON.stringify(JSON.parse(restored.to_json())), JSON.stringify(parsed));

    assertThrowsGError(() => OA2.BearerToken.new_from_json('{"token_type": "Bearer"}'),
        OA2.error_quark(), OA2.Error.MISSING_MEMBER);
});

test('tokens built locally', () => {
    const plain = OA2.BearerToken.new('opaque', null);
    assertEqual(plain.expires_at, null);
    assertEqual(plain.get_expires_in(), -1);
    assertEqual(plain.is_expired(1000), false);
    assertEqual(plain.dup_authorization_header(), 'Bearer opaque');

    const expired = OA2.BearerToken.new('old', GLib.DateTime.new_from_unix_utc(nowUnix() - 5));
    assertEqual(expired.is_expired(0), true);
    assertEqual(expired.get_expires_in(), 0);
    const msg = Soup.Message.new('GET', `${BASE}/resource`);
    assertThrowsGError(() => expired.authorize_message(msg), OA2.error_quark(), OA2.Error.TOKEN_EXPIRED);
    assertEqual(msg.get_request_headers().get_one('Authorization'), null);

    const parser = new Json.Parser();
    parser.load_from_data('{"access_token":"abc","token_type":"BEARER","expires_in":60,"ext":true}', -1);
    const fromResponse = OA2.BearerToken.new_from_response(parser.get_root().get_object());
    assertEqual(fromResponse.token_type, 'Bearer');
    assertEqual(JSON.stringify(fromResponse.get_boolean_member('ext')), '[true,true]');
});

test('a token built with new and its construct properties', () => {
    const token = new OA2.BearerToken({access_token: 'built', refresh_token: 'rt', scope: 's'});
    assertEqual(token.init(null), true);
    assertEqual(token.access_token, 'built');
    assertEqual(token.token_type, 'Bearer');
    assertEqual(token.refresh_token, 'rt');
    assertEqual(token.dup_authorization_header(), 'Bearer built');

    // GJS never calls init(): a token built from nothing holds nothing and
    // cannot stamp a message.
    const empty = new OA2.BearerToken();
    assertEqual(empty.access_token, null);
    assertThrowsGError(() => empty.init(null), OA2.error_quark(), OA2.Error.INVALID_ARGUMENT);
    const msg = Soup.Message.new('GET', `${BASE}/resource`);
    msg.get_request_headers().replace('Authorization', 'Basic kept');
    assertThrowsGError(() => empty.authorize_message(msg), OA2.error_quark(), OA2.Error.INVALID_ARGUMENT,
        'needs an access token');
    assertEqual(msg.get_request_headers().get_one('Authorization'), 'Basic kept');

    // RFC 6750 §2.1: no line break in an access token, whichever way it comes.
    assertThrowsGError(() => OA2.BearerToken.new('a\r\nX-Injected: 1', null),
        OA2.error_quark(), OA2.Error.MALFORMED_TOKEN);
    const injected = new OA2.BearerToken({access_token: 'a\r\nX-Injected: 1'});
    assertThrowsGError(() => injected.authorize_message(msg), OA2.error_quark(), OA2.Error.MALFORMED_TOKEN);
    assertEqual(msg.get_request_headers().get_one('X-Injected'), null);
});

test('authorize_message stamps a Soup.Message', async () => {
    const token = postClient().client_credentials(null, null, null, null, null);
    const msg = Soup.Message.new('GET', `${BASE}/resource`);
    assertEqual(token.authorize_message(msg), true);
    const expected = `Bearer ${token.access_token}`;
    assertEqual(msg.get_request_headers().get_one('Authorization'), expected);

    const session = new Soup.Session();
    const bytes = await new Promise((resolve, reject) => {
        session.send_and_read_async(msg, GLib.PRIORITY_DEFAULT, null, (s, res) => {
            try {
                resolve(s.send_and_read_finish(res));
            } catch (e) {
                reject(e);
            }
        });
    });
    assertEqual(msg.get_status(), Soup.Status.OK);
    const echoed = JSON.parse(new TextDecoder().decode(bytes.toArray()));
    assertEqual(echoed.authorization, expected, 'the server saw the header');

    assertThrowsGError(() => token.authorize_message(Soup.Message.new('GET', 'http://example.com/')),
        OA2.error_quark(), OA2.Error.INSECURE_TRANSPORT);
});

test('timeout, sync', () => {
    const client = OA2.Client.new_with_secret(SLOW_ENDPOINT, CLIENT_ID, CLIENT_SECRET);
    client.set_timeout(1);
    const started = GLib.get_monotonic_time();
    assertThrowsGError(() => client.client_credentials(null, null, null, null, null),
        Gio.io_error_quark(), Gio.IOErrorEnum.TIMED_OUT);
    assert(GLib.get_monotonic_time() - started < 5000000, 'gave up within 5 s');
});

test('timeout, async', async () => {
    const client = OA2.Client.new_with_secret(SLOW_ENDPOINT, CLIENT_ID, CLIENT_SECRET);
    client.set_timeout(1);
    const started = GLib.get_monotonic_time();
    await assertRejectsGError(client.client_credentials_async(null, null, null, null, null),
        Gio.io_error_quark(), Gio.IOErrorEnum.TIMED_OUT);
    assert(GLib.get_monotonic_time() - started < 5000000, 'gave up within 5 s');
});

test('cancellation, async', async () => {
    const client = OA2.Client.new_with_secret(SLOW_ENDPOINT, CLIENT_ID, CLIENT_SECRET);
    const cancellable = new Gio.Cancellable();
    const started = GLib.get_monotonic_time();
    const pending = client.client_credentials_async(null, null, null, null, cancellable);
    await sleep(200);
    cancellable.cancel();
    await assertRejectsGError(pending, Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED);
    assert(GLib.get_monotonic_time() - started < 5000000, 'returned within 5 s');

    const cancelled = new Gio.Cancellable();
    cancelled.cancel();
    assertThrowsGError(() => postClient().client_credentials(null, null, null, null, cancelled),
        Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED);
});

// Derivable types, subclassed in JavaScript.

const JsPostAuth = GObject.registerClass(
class JsPostAuth extends OA2.ClientAuth {
    _init(params, secret) {
        super._init(params);
        this._secret = secret;
        this.calls = 0;
    }

    vfunc_authenticate(method, uri, headers) {
        this.calls++;
        headers.replace('X-Js-Auth', `${method} ${uri}`);
        return {client_id: this.get_client_id(), client_secret: this._secret};
    }

    vfunc_get_method_name() {
        return 'client_secret_post';
    }
});

test('OA2.ClientAuth subclass in JavaScript', async () => {
    const auth = new JsPostAuth({client_id: CLIENT_ID}, CLIENT_SECRET);
    assertEqual(auth.get_method_name(), 'client_secret_post');
    const client = OA2.Client.new(TOKEN_ENDPOINT, auth);
    let token = client.client_credentials(null, null, null, null, null);
    assertEqual(token.get_string_member('auth_method'), 'client_secret_post');
    token = await client.client_credentials_async(null, null, null, null, null);
    assertEqual(token.get_string_member('auth_method'), 'client_secret_post');
    assertEqual(auth.calls, 2);

    const headers = Soup.MessageHeaders.new(Soup.MessageHeadersType.REQUEST);
    const params = auth.authenticate('POST', TOKEN_ENDPOINT, headers);
    assertEqual(params.client_id, CLIENT_ID);
    assertEqual(headers.get_one('X-Js-Auth'), `POST ${TOKEN_ENDPOINT}`);

    const wrong = OA2.Client.new(TOKEN_ENDPOINT, new JsPostAuth({client_id: CLIENT_ID}, 'wrong'));
    assertThrowsGError(() => wrong.client_credentials(null, null, null, null, null),
        OA2.oauth_error_quark(), OA2.OAuthError.INVALID_CLIENT, 'bad secret');
});

const JsErrorMappingClient = GObject.registerClass(
class JsErrorMappingClient extends OA2.Client {
    vfunc_on_token_error(httpStatus, response) {
        if (response.get_string_member('error') === 'invalid_grant')
            return null;  // default mapping
        return new GLib.Error(Gio.IOErrorEnum, Gio.IOErrorEnum.PERMISSION_DENIED,
            `mapped ${httpStatus}: ${response.get_string_member('error_description')}`);
    }
});

test('OA2.Client subclass overriding on_token_error', async () => {
    const client = secret => new JsErrorMappingClient({token_endpoint: TOKEN_ENDPOINT,
        client_auth: OA2.ClientSecretPost.new(CLIENT_ID, secret)});
    assertThrowsGError(() => client('wrong').client_credentials(null, null, null, null, null),
        Gio.io_error_quark(), Gio.IOErrorEnum.PERMISSION_DENIED, 'mapped 401: bad secret');
    await assertRejectsGError(client('wrong').client_credentials_async(null, null, null, null, null),
        Gio.io_error_quark(), Gio.IOErrorEnum.PERMISSION_DENIED, 'mapped 401: bad secret');
    assertThrowsGError(() => client(CLIENT_SECRET).refresh_token('rt-unknown', null, null, null, null, null),
        OA2.oauth_error_quark(), OA2.OAuthError.INVALID_GRANT);
});

test('OA2.Client subclass overriding parse_token_response', () => {
    const QuirkyClient = GObject.registerClass(
    class QuirkyClient extends OA2.Client {
        vfunc_parse_token_response(response) {
            response.set_string_member('scope', 'patched-by-gjs');
            return super.vfunc_parse_token_response(response);
        }
    });
    const client = new QuirkyClient({token_endpoint: TOKEN_ENDPOINT,
        client_auth: OA2.ClientSecretBasic.new(CLIENT_ID, CLIENT_SECRET)});
    assertEqual(client.client_credentials('read', null, null, null, null).scope, 'patched-by-gjs');
});

// ---- JOSE ---------------------------------------------------------------

const ISSUER = 'https://issuer.example';

function b64url(text) {
    return GLib.base64_encode(new TextEncoder().encode(text))
        .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function b64urlDecode(text) {
    const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
    return new TextDecoder().decode(GLib.base64_decode(b64 + '='.repeat((4 - b64.length % 4) % 4)));
}

function joseClaims(lifetime = 3600) {
    const now = nowUnix();
    const claims = new Json.Object();
    claims.set_string_member('iss', ISSUER);
    claims.set_string_member('sub', 'alice');
    const aud = new Json.Array();
    aud.add_string_element(CLIENT_ID);
    aud.add_string_element('someone-else');
    claims.set_array_member('aud', aud);
    claims.set_int_member('iat', now);
    claims.set_int_member('exp', now + lifetime);
    return claims;
}

function replacePart(compact, index, text) {
    const parts = compact.split('.');
    parts[index] = text;
    return parts.join('.');
}

// Another base64url character at index (not the last one).
function flipChar(text, index) {
    return text.slice(0, index) + (text[index] !== 'A' ? 'A' : 'B') + text.slice(index + 1);
}

function assertThrowsOA2(fn, code) {
    return assertThrowsGError(fn, OA2.error_quark(), code);
}

test('JWT: the RFC 9864 names Ed25519 and Ed448 fix the curve', () => {
    // A key that names no alg: only the algorithm name decides the curve.
    const ed448 = JSON.parse(OA2.Jwk.generate('Ed448').to_json(true));
    delete ed448.alg;
    const key = OA2.Jwk.new_from_json(JSON.stringify(ed448));
    assertEqual(key.supports_alg('Ed448'), true);
    assertEqual(key.supports_alg('Ed25519'), false);
    assertThrowsOA2(() => OA2.Jwt.sign_claims(joseClaims(), key, 'Ed25519', null), OA2.Error.KEY_MISMATCH);
    const jwt = OA2.Jwt.new_from_compact(OA2.Jwt.sign_claims(joseClaims(), key, 'Ed448', null));
    assertEqual(jwt.get_alg(), 'Ed448');
    assertEqual(jwt.verify(key.dup_public(), ['Ed448']), true);
    assertThrowsOA2(() => jwt.verify(key.dup_public(), ['EdDSA']), OA2.Error.UNSUPPORTED_ALGORITHM);
    const ed25519 = JSON.parse(OA2.Jwk.generate('Ed25519').dup_public().to_json(false));
    delete ed25519.alg;
    assertThrowsOA2(() => jwt.verify(OA2.Jwk.new_from_json(JSON.stringify(ed25519)), null), OA2.Error.KEY_MISMATCH);
});

for (const [alg, kty, crv] of [['ES256', 'EC', 'P-256'], ['EdDSA', 'OKP', 'Ed25519'],
    ['Ed25519', 'OKP', 'Ed25519'], ['Ed448', 'OKP', 'Ed448']]) {
    test(`JWT ${alg}: generate, sign, verify, validate`, () => {
        const key = OA2.Jwk.generate(alg);
        assertEqual(key.kty, kty, 'kty');
        assertEqual(key.get_crv(), crv, 'crv');
        assertEqual(key.alg, alg, 'alg');
        assertEqual(key.is_private(), true, 'is_private');
        assertEqual(key.kid, key.dup_thumbprint(), 'kid is the thumbprint');
        const pub = key.dup_public();
        assertEqual(pub.is_private(), false, 'public half');
        assertEqual(pub.supports_alg(alg), true);
        assertEqual(pub.supports_alg('HS256'), false);

        const header = new Json.Object();
        header.set_string_member('typ', 'JWT');
        const token = OA2.Jwt.sign_claims(joseClaims(), key, null, header);
        assertEqual(typeof token, 'string');
        assertEqual(token.split('.').length, 3);

        const jwt = OA2.Jwt.new_from_compact(token);
        assertEqual(jwt.get_alg(), alg);
        assertEqual(jwt.get_kid(), key.kid);
        assertEqual(jwt.get_typ(), 'JWT');
        assertEqual(jwt.verify(pub, [alg]), true, 'verify');
        assertEqual(jwt.verify(pub, null), true, 'verify, any algorithm');
        assertEqual(jwt.check_typ('application/jwt'), true);
        assertEqual(jwt.validate_claims(ISSUER, CLIENT_ID, 30), true, 'validate_claims');
        assertEqual(jwt.get_string_claim('sub'), 'alice');
        const [found, exp] = jwt.get_int_claim('exp');
        assertEqual(found, true);
        assert(Math.abs(exp - (nowUnix() + 3600)) <= 60, `exp ${exp}`);
        assertEqual(jwt.get_claim('aud').get_array().get_string_element(1), 'someone-else');
        assertEqual(JSON.parse(new TextDecoder().decode(jwt.get_payload().toArray())).iss, ISSUER);

        const jwks = OA2.Jwks.new_from_json(OA2.Jwks.new([pub]).to_json(false));
        assertEqual(jwks.get_n_keys(), 1);
        assertEqual(jwt.verify_with_jwks(jwks, [alg], OA2.JwksKeyPolicy.SINGLE), true, 'verify_with_jwks');

        assertThrowsOA2(() => jwt.validate_claims('https://other.example', null, 30), OA2.Error.INVALID_CLAIM);
        assertThrowsOA2(() => jwt.validate_claims(null, 'other-client', 30), OA2.Error.INVALID_CLAIM);
        const expired = OA2.Jwt.new_from_compact(OA2.Jwt.sign_claims(joseClaims(-600), key, alg, null));
        assertEqual(expired.verify(pub, [alg]), true);
        assertThrowsOA2(() => expired.validate_claims(ISSUER, CLIENT_ID, 30), OA2.Error.INVALID_CLAIM);
        assertThrowsOA2(() => jwt.verify(pub, ['RS256']), OA2.Error.UNSUPPORTED_ALGORITHM);
        assertThrowsOA2(() => jwt.verify(OA2.Jwk.generate('HS256'), null), OA2.Error.KEY_MISMATCH);
    });

    test(`JWT ${alg}: a tampered token is refused`, () => {
        const key = OA2.Jwk.generate(alg);
        const pub = key.dup_public();
        const token = OA2.Jwt.sign_claims(joseClaims(), key, null, null);
        const [, payload, signature] = token.split('.');

        const claims = JSON.parse(b64urlDecode(payload));
        claims.sub = 'mallory';
        const forged = OA2.Jwt.new_from_compact(replacePart(token, 1, b64url(JSON.stringify(claims))));
        assertEqual(forged.get_string_claim('sub'), 'mallory');
        const error = assertThrowsOA2(() => forged.verify(pub, [alg]), OA2.Error.INVALID_SIGNATURE);
        assertEqual(error.domain, OA2.error_quark(), 'domain');
        assertEqual(error.code, OA2.Error.INVALID_SIGNATURE, 'code');

        const changed = OA2.Jwt.new_from_compact(replacePart(token, 2, flipChar(signature, 10)));
        assertThrowsOA2(() => changed.verify(pub, [alg]), OA2.Error.INVALID_SIGNATURE);
        const other = OA2.Jwk.generate(alg).dup_public();
        assertThrowsOA2(() => OA2.Jwt.new_from_compact(token).verify(other, [alg]), OA2.Error.INVALID_SIGNATURE);
    });
}

test('JWT: an unsigned token is refused unless asked for', () => {
    const key = OA2.Jwk.generate('ES256').dup_public();
    const token = `${b64url('{"alg":"none"}')}.${b64url(JSON.stringify({iss: ISSUER}))}.`;
    const jwt = OA2.Jwt.new_from_compact(token);
    assertEqual(jwt.get_alg(), 'none');
    for (const allowed of [null, ['ES256'], ['ES256', 'EdDSA']])
        assertThrowsOA2(() => jwt.verify(key, allowed), OA2.Error.UNSECURED_TOKEN);
    assertThrowsOA2(() => jwt.verify_with_jwks(OA2.Jwks.new([key]), null, OA2.JwksKeyPolicy.TRY_ALL),
        OA2.Error.UNSECURED_TOKEN);
    assertEqual(jwt.verify(null, ['none']), true);
    assertThrowsOA2(() => OA2.Jwt.new_from_compact(`${token}AAAA`), OA2.Error.MALFORMED_TOKEN);
    assertThrowsOA2(() => OA2.Jwt.new_from_compact('a.b'), OA2.Error.MALFORMED_TOKEN);
});

test('JWS JSON serialization: sign, add a signature, parse, verify, tamper', () => {
    const es = OA2.Jwk.generate('ES256');
    const hs = OA2.Jwk.generate('HS256');
    const claims = {iss: ISSUER, sub: 'alice', exp: nowUnix() + 300};
    const payload = new GLib.Bytes(new TextEncoder().encode(JSON.stringify(claims)));
    const typ = new Json.Object();
    typ.set_string_member('typ', 'JWT');

    // Flattened: everything protected.
    const flattened = OA2.Jwt.sign_json(payload, es, null, typ, null);
    let document = JSON.parse(flattened);
    assertEqual(Object.keys(document).join(','), 'payload,protected,signature', 'flattened members');
    assertEqual(JSON.parse(b64urlDecode(document.protected)).kid, es.kid, 'protected kid');

    // General: a second signature whose kid stays unprotected.
    const unprotected = new Json.Object();
    unprotected.set_string_member('kid', hs.kid);
    const general = OA2.Jwt.add_json_signature(flattened, hs, null, null, unprotected);
    document = JSON.parse(general);
    assertEqual(Object.keys(document).join(','), 'payload,signatures', 'general members');
    assertEqual(document.signatures.length, 2);
    assertEqual(document.signatures[0].signature, JSON.parse(flattened).signature, 'first signature kept');
    assertEqual(b64urlDecode(document.signatures[1].protected), '{"alg":"HS256"}');
    assertEqual(document.signatures[1].header.kid, hs.kid);

    const jwts = OA2.Jwt.parse_json_serialization(general);
    assertEqual(jwts.length, 2);
    const [esJwt, hsJwt] = jwts;
    assertEqual(esJwt.verify(es.dup_public(), ['ES256']), true, 'ES256 verifies');
    assertEqual(hsJwt.verify(hs, ['HS256']), true, 'HS256 verifies');
    assertEqual(esJwt.check_typ('JWT'), true);
    assertEqual(esJwt.validate_claims(ISSUER, null, 30), true);
    assertEqual(hsJwt.get_string_claim('sub'), 'alice');
    assertEqual(OA2.Jwt.new_from_compact(esJwt.get_compact()).verify(es.dup_public(), ['ES256']), true);
    assertEqual(hsJwt.get_compact(), null, 'no compact form with an unprotected header');
    assertEqual(esJwt.get_unprotected_header(), null);
    assertEqual(hsJwt.get_kid(), hs.kid, 'kid from the unprotected header');
    assertEqual(hsJwt.get_protected_header().get_members().join(','), 'alg');
    assertEqual(hsJwt.get_header().get_members().join(','), 'alg,kid');
    const jwks = OA2.Jwks.new([es.dup_public(), hs]);
    for (const jwt of jwts)
        assertEqual(jwt.verify_with_jwks(jwks, null, OA2.JwksKeyPolicy.SINGLE), true, 'verify_with_jwks');
    assertThrowsOA2(() => esJwt.verify(hs, null), OA2.Error.KEY_MISMATCH);

    // Another payload under both signatures.
    document.payload = b64url(JSON.stringify({...claims, sub: 'mallory'}));
    const forged = OA2.Jwt.parse_json_serialization(JSON.stringify(document));
    const error = assertThrowsOA2(() => forged[0].verify(es.dup_public(), null), OA2.Error.INVALID_SIGNATURE);
    assertEqual(error.code, OA2.Error.INVALID_SIGNATURE);
    assertThrowsOA2(() => forged[1].verify(hs, null), OA2.Error.INVALID_SIGNATURE);
    // The unprotected kid is not covered, but then no key of the set has it.
    document = JSON.parse(general);
    document.signatures[1].header.kid = 'someone-else';
    const renamed = OA2.Jwt.parse_json_serialization(JSON.stringify(document))[1];
    assertEqual(renamed.verify(hs, ['HS256']), true);
    assertThrowsOA2(() => renamed.verify_with_jwks(jwks, null, OA2.JwksKeyPolicy.SINGLE), OA2.Error.NO_MATCHING_KEY);

    // Refused documents and arguments.
    for (const text of ['', '[]', '{"payload":"e30"}', '{"payload":"e30","signatures":[]}'])
        assertThrowsOA2(() => OA2.Jwt.parse_json_serialization(text), OA2.Error.MALFORMED_TOKEN);
    const unsecured = OA2.Jwt.parse_json_serialization('{"payload":"e30","header":{"alg":"none"},"signature":""}');
    assertThrowsOA2(() => unsecured[0].verify(hs, null), OA2.Error.UNSECURED_TOKEN);
    assertThrowsOA2(() => OA2.Jwt.sign_json(payload, hs, null, unprotected, unprotected), OA2.Error.INVALID_ARGUMENT);
    assertThrowsOA2(() => OA2.Jwt.add_json_signature('a.b.c', hs, null, null, null), OA2.Error.MALFORMED_TOKEN);
});

test('JWK: export, import, thumbprint', () => {
    for (const alg of ['ES256', 'EdDSA']) {
        const key = OA2.Jwk.generate(alg);
        const thumbprint = key.dup_thumbprint();
        assertEqual(thumbprint.length, 43);
        assertEqual(key.dup_thumbprint_uri(), `urn:ietf:params:oauth:jwk-thumbprint:sha-256:${thumbprint}`);

        const privateJson = key.to_json(true);
        assert('d' in JSON.parse(privateJson), 'the private export has d');
        const again = OA2.Jwk.new_from_json(privateJson);
        assertEqual(again.is_private(), true);
        assertEqual(again.dup_thumbprint(), thumbprint);
        assertEqual(again.kid, key.kid);

        const publicJson = key.to_json(false);
        assert(!('d' in JSON.parse(publicJson)), 'the public export has no d');
        const pub = OA2.Jwk.new_from_json(publicJson);
        assertEqual(pub.is_private(), false);
        assertEqual(pub.dup_thumbprint(), thumbprint);
        assertEqual(OA2.Jwk.new_from_json_object(key.to_json_object(false)).dup_thumbprint(), thumbprint);
    }

    const rfc7638 = OA2.Jwk.new_from_json(JSON.stringify({
        kty: 'RSA', e: 'AQAB', alg: 'RS256', kid: '2011-04-29',
        n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJEC' +
           'PebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2' +
           'QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6' +
           'WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
    }));
    assertEqual(rfc7638.dup_thumbprint(), 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs', 'RFC 7638 §3.1');
    assertThrowsOA2(() => OA2.Jwk.new_from_json('{"kty":"EC","crv":"P-256"}'), OA2.Error.INVALID_KEY);
});

for (const [alg, enc] of [['RSA-OAEP-256', 'A256GCM'], ['ECDH-ES', 'A128GCM']]) {
    test(`JWE ${alg} + ${enc}: encrypt, decrypt, tamper`, () => {
        const message = 'Grüße, JWE!';
        const plaintext = new GLib.Bytes(new TextEncoder().encode(message));
        const key = OA2.Jwk.generate(alg);
        assertEqual(key.get_use(), 'enc');
        const token = OA2.jwe_encrypt(plaintext, key.dup_public(), null, enc, null);
        assertEqual(token.split('.').length, 5);

        const [decrypted, header] = OA2.jwe_decrypt(token, key, [alg], [enc]);
        assertEqual(new TextDecoder().decode(decrypted.toArray()), message);
        assertEqual(header.get_string_member('alg'), alg);
        assertEqual(header.get_string_member('enc'), enc);

        const parts = token.split('.');
        const tampered = [replacePart(token, 3, flipChar(parts[3], 2)), replacePart(token, 4, flipChar(parts[4], 2))];
        if (parts[1] !== '')
            tampered.push(replacePart(token, 1, flipChar(parts[1], 5)));
        for (const forged of tampered) {
            const error = assertThrowsOA2(() => OA2.jwe_decrypt(forged, key, null, null), OA2.Error.DECRYPTION_FAILED);
            assertEqual(error.code, OA2.Error.DECRYPTION_FAILED);
        }
        assertThrowsOA2(() => OA2.jwe_decrypt(token, OA2.Jwk.generate(alg), null, null), OA2.Error.DECRYPTION_FAILED);
        assertThrowsOA2(() => OA2.jwe_decrypt(token, key, ['A128KW'], null), OA2.Error.UNSUPPORTED_ALGORITHM);
    });
}

test('DPoPKey: proof with a fixed jti and iat, settings, JSON, errors', () => {
    const key = OA2.DPoPKey.generate(null);
    assertEqual(key.alg, 'ES256');
    key.set_jti_func(() => 'jti-1');
    key.set_iat_func(() => 1562262616);
    const proof = key.make_proof('POST', 'HTTPS://AS.Example:443/token?x=1#f',
        'Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU', null);
    const decode = part => JSON.parse(new TextDecoder().decode(GLib.base64_decode(
        part.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - part.length % 4) % 4))));
    const header = decode(proof.split('.')[0]);
    assertEqual(JSON.stringify(Object.keys(header)), '["alg","typ","jwk"]');
    assertEqual(header.typ, 'dpop+jwt');
    assertEqual(header.jwk.d, undefined, 'no private member');
    assertEqual(JSON.stringify(decode(proof.split('.')[1])),
        '{"jti":"jti-1","htm":"POST","htu":"https://as.example/token","iat":1562262616,' +
        '"ath":"fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo"}');
    assertEqual(OA2.Jwt.new_from_compact(proof).verify(key.dup_public_jwk(), ['ES256']), true);
    assertEqual(key.dup_thumbprint(), key.dup_public_jwk().dup_thumbprint());

    key.proof_typ = 'jwt';
    key.set_token_header('X-Token');
    const again = OA2.DPoPKey.new_from_json(key.to_json());
    assertEqual(again.proof_typ, 'jwt');
    assertEqual(again.get_token_header(), 'X-Token');
    assertEqual(again.dup_thumbprint(), key.dup_thumbprint());

    assertThrowsOA2(() => OA2.DPoPKey.generate('HS256'), OA2.Error.UNSUPPORTED_ALGORITHM);
    assertThrowsOA2(() => OA2.DPoPKey.new(OA2.Jwk.generate('ES256').dup_public(), null), OA2.Error.KEY_MISMATCH);
    assertThrowsOA2(() => OA2.DPoPKey.new(OA2.Jwk.generate('Ed448'), 'Ed25519'), OA2.Error.KEY_MISMATCH);
    assertThrowsOA2(() => key.make_proof('GET', '/relative', null, null), OA2.Error.INVALID_ARGUMENT);
});

test('tls_client_auth: the certificate, the mTLS alias, construction errors', async () => {
    // the mock server in its https mode, which checks the certificate
    const dir = GLib.dir_make_tmp('oa2-mtls-XXXXXX');
    const mtlsServer = Gio.Subprocess.new([GLib.getenv('OA2_MOCK_SERVER'), '--mtls', dir],
        Gio.SubprocessFlags.STDIN_PIPE | Gio.SubprocessFlags.STDOUT_PIPE);
    try {
        const stdout = new Gio.DataInputStream({base_stream: mtlsServer.get_stdout_pipe()});
        const [line] = stdout.read_line_utf8(null);
        const base = `https://127.0.0.1:${/^PORT (\d+)$/.exec(line)[1]}`;
        const session = new Soup.Session({
            tls_database: Gio.TlsFileDatabase.new(GLib.build_filenamev([dir, 'ca.pem'])),
        });
        const certFile = GLib.build_filenamev([dir, 'client.pem']);
        const keyFile = GLib.build_filenamev([dir, 'client-key.pem']);

        const auth = OA2.TlsClientAuth.new_from_files('py-mtls', OA2.TlsClientAuthMethod.SELF_SIGNED,
            certFile, keyFile);
        assertEqual(auth.get_method_name(), 'self_signed_tls_client_auth');
        const client = new OA2.Client({token_endpoint: `${base}/token`, client_auth: auth, session});
        client.set_mtls_endpoint_aliases({token_endpoint: `${base}/mtls/token`});

        const der = auth.certificate.certificate;
        const digest = GLib.compute_checksum_for_bytes(GLib.ChecksumType.SHA256, der);
        const bytes = new Uint8Array(digest.match(/../g).map(h => parseInt(h, 16)));
        const x5t = GLib.base64_encode(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
        for (const token of [client.client_credentials(null, null, null, null, null),
            await client.client_credentials_async(null, null, null, null, null)]) {
            assertEqual(token.get_string_member('auth_method'), 'tls_client_auth');
            assertEqual(token.get_string_member('path'), '/mtls/token');
            assertEqual(token.get_string_member('x5t#S256'), x5t);
            assertEqual(JSON.stringify(received(token)), '{"grant_type":"client_credentials","client_id":"py-mtls"}');
        }

        // RFC 8705 §3: the API client presents the client's certificate
        // by default, for certificate-bound tokens; null presents none.
        const api = OA2.ApiClient.new_with_session(base, OA2.ClientCredentialsAuth.new(client, null), session);
        assert(api.tls_client_certificate === auth.certificate, 'the client\'s certificate by default');
        const echoed = JSON.parse(api.get('resource', null, null).dup_text());
        assertEqual(echoed['x5t#S256'], x5t, 'certificate presented to the API');
        assert(api.new_child('sub').dup_tls_client_certificate() === auth.certificate, 'child inherits');
        api.tls_client_certificate = null;
        assertEqual(api.dup_tls_client_certificate(), null, 'none');
        // a server that asks for a certificate without requiring one gets
        // none, from a blocking call made inside the running main loop
        // (this test runs in one) as from an asynchronous one
        assertEqual(JSON.parse(api.get('resource', null, null).dup_text())['x5t#S256'], null, 'none, blocking');
        const bare = await new Promise((resolve, reject) => api.get_async('resource', null, null, (source, result) => {
            try {
                resolve(source.get_finish(result));
            } catch (e) {
                reject(e);
            }
        }));
        assertEqual(JSON.parse(bare.dup_text())['x5t#S256'], null, 'none presented');
        api.set_tls_client_certificate(auth.certificate);
        assert(api.tls_client_certificate === auth.certificate, 'set again');

        assertThrowsOA2(() => OA2.TlsClientAuth.new('py-mtls', OA2.TlsClientAuthMethod.PKI,
            Gio.TlsCertificate.new_from_file(certFile)), OA2.Error.INVALID_KEY);
        assertThrowsOA2(() => OA2.TlsClientAuth.new_from_files('py-mtls', OA2.TlsClientAuthMethod.PKI,
            certFile, GLib.build_filenamev([dir, 'other-key.pem'])), OA2.Error.KEY_MISMATCH);
        assertThrowsGError(() => OA2.TlsClientAuth.new_from_files('py-mtls', OA2.TlsClientAuthMethod.PKI,
            GLib.build_filenamev([dir, 'missing.pem']), null), GLib.file_error_quark(), GLib.FileError.NOENT);
    } finally {
        mtlsServer.get_stdin_pipe().close(null);
        mtlsServer.wait(null);
        for (const name of ['ca.pem', 'client.pem', 'client-key.pem', 'other-key.pem'])
            GLib.unlink(GLib.build_filenamev([dir, name]));
        GLib.rmdir(dir);
    }
});

function sendAndRead(session, msg) {
    return new Promise((resolve, reject) => {
        session.send_and_read_async(msg, GLib.PRIORITY_DEFAULT, null, (s, res) => {
            try {
                resolve(s.send_and_read_finish(res));
            } catch (e) {
                reject(e);
            }
        });
    });
}

function verifiedProofClaims(key, proof) {
    const jwt = OA2.Jwt.new_from_compact(proof);
    assertEqual(jwt.verify(key.dup_public_jwk(), [key.get_alg()]), true, 'the proof verifies');
    assertEqual(jwt.get_typ(), 'dpop+jwt');
    return JSON.parse(new TextDecoder().decode(jwt.get_payload().toArray()));
}

test('DPoPToken: a bound token from the token endpoint stamps a Soup.Message', async () => {
    const key = OA2.DPoPKey.generate(null);
    const token = await postClient().client_credentials_async('read', null, null, key, null);
    assert(token instanceof OA2.DPoPToken, 'a DPoPToken');
    assertEqual(token.token_type, 'DPoP');
    assertEqual(token.get_dpop_key().dup_thumbprint(), key.dup_thumbprint());
    const tokenProof = verifiedProofClaims(key, token.get_string_member('dpop_proof'));
    assertEqual(tokenProof.htu, TOKEN_ENDPOINT);

    const session = new Soup.Session();
    const msg = Soup.Message.new('GET', `${BASE}/resource-dpop-nonce`);
    assertEqual(token.authorize_message(msg), true);
    await sendAndRead(session, msg);
    assertEqual(msg.get_status(), Soup.Status.UNAUTHORIZED);
    assertEqual(token.retry_with_nonce(msg), true, 'one retry with the nonce');
    const bytes = await sendAndRead(session, msg);
    assertEqual(msg.get_status(), Soup.Status.OK);
    assertEqual(token.retry_with_nonce(msg), false);
    const echoed = JSON.parse(new TextDecoder().decode(bytes.toArray()));
    assertEqual(echoed.authorization, `DPoP ${token.access_token}`);
    const claims = verifiedProofClaims(key, echoed.dpop);
    assertEqual(claims.htm, 'GET');
    assertEqual(claims.htu, `${BASE}/resource-dpop-nonce`);
    assertEqual(claims.nonce, 'rs-n1');
    assert(claims.jti !== tokenProof.jti, 'a new jti');

    const again = OA2.BearerToken.new_from_json(token.to_json());
    assert(again instanceof OA2.DPoPToken, 'restored as a DPoPToken');
    assertEqual(again.get_dpop_key().dup_thumbprint(), key.dup_thumbprint());
});

test('DPoPToken: dpop-bound-access-tokens with a generator, the nonce at the token endpoint, mismatch', () => {
    const client = OA2.Client.new_with_secret(`${BASE}/token-dpop-nonce`, CLIENT_ID, CLIENT_SECRET);
    let made = 0;
    client.dpop_bound_access_tokens = true;
    client.set_dpop_key_generator(alg => {
        made++;
        return OA2.DPoPKey.generate(alg);
    });
    const token = client.client_credentials(null, null, null, null, null);
    assertEqual(made, 1);
    assert(token instanceof OA2.DPoPToken, 'a DPoPToken');
    assertEqual(verifiedProofClaims(token.get_dpop_key(), token.get_string_member('dpop_proof')).nonce, 'as-n1');

    const untyped = OA2.Client.new_with_secret(`${BASE}/token-untyped`, CLIENT_ID, CLIENT_SECRET);
    assertThrowsOA2(() => untyped.client_credentials(null, null, null, OA2.DPoPKey.generate(null), null),
        OA2.Error.TOKEN_TYPE_MISMATCH);
    untyped.allow_dpop_downgrade = true;
    const plain = untyped.client_credentials(null, null, null, OA2.DPoPKey.generate(null), null);
    assert(!(plain instanceof OA2.DPoPToken), 'downgraded');
    assertEqual(plain.token_type, 'Bearer');
});

// ---- discovery ------------------------------------------------------------

function checkDiscovered(client, issuer) {
    assert(client instanceof OA2.Client, 'a client');
    assertEqual(client.issuer, issuer, 'issuer');
    assertEqual(client.token_endpoint, `${BASE}/token`, 'token_endpoint');
    assertEqual(client.device_authorization_endpoint, 'https://as.example/device');
    const metadata = client.server_metadata;
    assert(metadata instanceof OA2.ServerMetadata, 'server-metadata');
    assertEqual(metadata.get_id_token_signing_alg_values_supported().join(' '), 'ES256 RS256');
    assert(metadata.get_authorization_response_iss_parameter_supported(), 'iss supported');
    assertEqual(metadata.get_member('x_mock').get_string(), 'yes');
    const token = client.client_credentials('read', null, null, null, null);
    assertFreshToken(token, 'at-cc-', {scope: 'read'});
}

test('discovery: URIs, metadata round trip and errors', () => {
    assertEqual(OA2.ServerMetadata.discovery_uri('https://example.com/issuer1', OA2.DiscoveryKind.RFC8414),
        'https://example.com/.well-known/oauth-authorization-server/issuer1');
    assertEqual(OA2.ServerMetadata.discovery_uri('https://example.com/', OA2.DiscoveryKind.OPENID),
        'https://example.com/.well-known/openid-configuration');
    const metadata = OA2.ServerMetadata.new_from_json('{"issuer":"https://as.example","grant_types_supported":["client_credentials"]}');
    const again = OA2.ServerMetadata.new_from_json(metadata.to_json());
    assertEqual(again.get_grant_types_supported().join(' '), 'client_credentials');
    assertThrowsGError(() => OA2.ServerMetadata.new_from_json('{"issuer":"https://as.example","jwks_uri":5}'),
        OA2.error_quark(), OA2.Error.INVALID_MEMBER, 'jwks_uri');
});

test('revocation and introspection: active, revoked, inactive, errors', async () => {
    const client = new OA2.Client({
        token_endpoint: TOKEN_ENDPOINT,
        revocation_endpoint: `${BASE}/revoke`,
        introspection_endpoint: `${BASE}/introspect`,
        client_auth: OA2.ClientSecretBasic.new(CLIENT_ID, CLIENT_SECRET),
    });
    const token = client.client_credentials('read', null, null, null, null);
    let info = client.introspect_token(token.access_token, 'access_token', OA2.IntrospectionFlags.NONE, null);
    assertEqual(info.get_active(), true);
    assertEqual(info.get_scope(), 'read');
    assertEqual(info.get_aud().join(' '), 'https://rs.example');
    assertEqual(client.revoke_token(token.access_token, 'access_token', null), true);
    info = await withGuard(client.introspect_token_async(token.access_token, null, OA2.IntrospectionFlags.NONE,
        null));
    assertEqual(info.get_active(), false);
    assertThrowsGError(() => client.revoke_token('x', 'unsupported', null),
        OA2.oauth_error_quark(), OA2.OAuthError.UNSUPPORTED_TOKEN_TYPE);
    const noRefresh = OA2.BearerToken.new('at-x', null);
    await assertRejectsGError(client.revoke_refresh_token_async(noRefresh, null),
        OA2.error_quark(), OA2.Error.NO_REFRESH_TOKEN);
});

test('token exchange: inferred and named types, sync and async, issued_token_type', async () => {
    const URN = 'urn:ietf:params:oauth:token-type:';
    const client = basicClient();
    const subject = client.client_credentials('read', null, null, null, null);
    const request = OA2.TokenExchangeRequest.new_for_bearer_token(subject);
    assertEqual(request.get_subject_token_type(), 'access_token');
    request.set_audience('backend');
    request.set_actor_token('actor', 'saml1');
    let token = client.token_exchange(request, 'read', ['https://rs.example/'], null, null, null);
    assert(token.access_token.startsWith('at-tx'), token.access_token);
    assertEqual(token.get_issued_token_type(), ISSUED_TOKEN_TYPE);
    const sent = received(token);
    assertEqual(sent.grant_type, 'urn:ietf:params:oauth:grant-type:token-exchange');
    assertEqual(sent.subject_token_type, `${URN}access_token`);
    assertEqual(sent.actor_token_type, `${URN}saml1`);
    assertEqual(sent.audience, 'backend');
    token = await withGuard(client.token_exchange_async(OA2.TokenExchangeRequest.new('at-cc', `${URN}jwt`),
        null, null, null, null, null));
    assertEqual(received(token).subject_token_type, `${URN}jwt`);
    assertEqual(OA2.token_type_urn('id_token'), `${URN}id_token`);
    assertThrowsGError(() => client.token_exchange(OA2.TokenExchangeRequest.new('at-cc', 'nope'),
        null, null, null, null, null), OA2.error_quark(), OA2.Error.INVALID_ARGUMENT, 'nope');
    await assertRejectsGError(client.token_exchange_async(OA2.TokenExchangeRequest.new('other', 'jwt'),
        null, null, null, null, null), OA2.oauth_error_quark(), OA2.OAuthError.INVALID_GRANT);
});

test('token exchange issuing a JWT (N_A) and an access token, sync and async', async () => {
    const URN = 'urn:ietf:params:oauth:token-type:';
    const client = basicClient();
    const request = OA2.TokenExchangeRequest.new('at-cc-subject', 'access_token');
    request.set_requested_token_type('jwt');
    let issued = client.token_exchange_issued(request, null, null, null, null);
    assert(issued instanceof OA2.IssuedToken, 'an OA2.IssuedToken');
    assert(issued.token.startsWith('at-tx'), 'the issued token');
    assertEqual(issued.token_type, 'N_A');
    assertEqual(issued.issued_token_type, `${URN}jwt`);
    assertEqual(issued.is_access_token(), false);
    assert(issued.expires_at !== null, 'expires_at');
    assertEqual(received(issued).requested_token_type, `${URN}jwt`);
    issued = await withGuard(client.token_exchange_issued_async(OA2.TokenExchangeRequest.new('at-cc', 'jwt'),
        null, null, null, null));
    assertEqual(issued.get_token_type(), 'Bearer');
    assertEqual(issued.get_issued_token_type(), ISSUED_TOKEN_TYPE);
    assertThrowsGError(() => client.token_exchange(request, null, null, null, null, null),
        OA2.error_quark(), OA2.Error.UNSUPPORTED_TOKEN_TYPE, 'token_exchange_issued');
});

test('CIBA: backchannel request, polled to a token, denied, ping checks', async () => {
    const client = new OA2.Client({
        token_endpoint: TOKEN_ENDPOINT,
        backchannel_authentication_endpoint: `${BASE}/bc-authorize`,
        client_auth: OA2.ClientSecretBasic.new(CLIENT_ID, CLIENT_SECRET),
    });
    const request = OA2.BackchannelAuthenticationRequest.new('openid');
    request.set_login_hint('alice');
    request.set_binding_message('W4SCT');
    const pending = await withGuard(client.backchannel_authentication_request_async(request, null, null));
    assertEqual(pending.auth_req_id, 'ar-alice');
    assertEqual(pending.get_interval(), 1);
    const poller = OA2.TokenPoller.new_for_backchannel(client, pending, null);
    const token = await withGuard(poller.poll_async(null));
    assert(token.access_token.startsWith('at-ciba'), token.access_token);
    assertEqual(received(token).auth_req_id, 'ar-alice');
    request.set_login_hint('mallory');
    const denied = client.backchannel_authentication_request(request, null, null);
    await assertRejectsGError(client.ciba_async(denied.get_auth_req_id(), null, null, null, null),
        OA2.oauth_error_quark(), OA2.OAuthError.ACCESS_DENIED);
    request.set_login_hint('nobody');
    assertThrowsGError(() => client.backchannel_authentication_request(request, null, null),
        OA2.oauth_error_quark(), OA2.OAuthError.UNKNOWN_USER_ID);
    assertEqual(OA2.backchannel_check_notification_token('Bearer n-1', 'n-1'), true);
    assertEqual(OA2.backchannel_check_notification_token('Bearer n-1x', 'n-1'), false);
    assertEqual(OA2.backchannel_parse_ping(new GLib.Bytes(new TextEncoder().encode('{"auth_req_id":"a"}'))), 'a');
});

test('discovery: client from an issuer, sync and async, and from a discovery URI', async () => {
    const auth = OA2.ClientSecretPost.new(CLIENT_ID, CLIENT_SECRET);
    checkDiscovered(OA2.Client.new_from_issuer(BASE, OA2.DiscoveryKind.OPENID, auth, null, null), BASE);
    const client = await withGuard(new Promise((resolve, reject) => {
        OA2.Client.new_from_issuer_async(`${BASE}/tenant`, OA2.DiscoveryKind.RFC8414, auth, null, null,
            (_source, result) => {
                try {
                    resolve(OA2.Client.new_from_issuer_finish(result));
                } catch (e) {
                    reject(e);
                }
            });
    }));
    checkDiscovered(client, `${BASE}/tenant`);
    checkDiscovered(OA2.Client.new_from_discovery(`${BASE}/.well-known/oauth-authorization-server/tenant`,
        auth, null, null), `${BASE}/tenant`);
    assertThrowsGError(() => OA2.Client.new_from_issuer(`${BASE}/mismatch`, OA2.DiscoveryKind.OPENID, null, null, null),
        OA2.error_quark(), OA2.Error.INVALID_MEMBER, 'instead of');
});

test('AuthorizationRequest: URI with the RFC 7636 vector, callback checks, JSON, exchange', async () => {
    const client = new OA2.Client({token_endpoint: TOKEN_ENDPOINT, client_auth: OA2.PublicApp.new(PUBLIC_CLIENT_ID),
        authorization_endpoint: 'https://as.example/authorize', issuer: 'https://as.example'});
    const request = client.new_authorization_request(REDIRECT_URI, 'profile');
    assertEqual(request.get_state().length, 43, 'generated state');
    request.set_state('st-1');
    request.set_nonce(null);
    request.set_code_verifier(CODE_VERIFIER);
    request.add_resource('https://rs.example/');
    /* The getters are read-only properties too. */
    assertEqual(request.state, 'st-1', 'the state property');
    assertEqual(request.nonce, null, 'the nonce property');
    assertEqual(request.resources.join(' '), 'https://rs.example/', 'the resources property');
    assertEqual(request.pkce_method, OA2.PkceMethod.S256, 'the pkce-method property');
    assertEqual(request.dup_uri(), `https://as.example/authorize?response_type=code&client_id=${PUBLIC_CLIENT_ID}` +
        '&redirect_uri=http%3A%2F%2F127.0.0.1%3A8400%2Fcallback&scope=profile&state=st-1' +
        '&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256' +
        '&resource=https%3A%2F%2Frs.example%2F');
    assertThrowsGError(() => request.set_code_verifier('short'), OA2.error_quark(), OA2.Error.INVALID_ARGUMENT);
    assertThrowsGError(() => request.validate_callback(`${REDIRECT_URI}?code=c&state=st-2`),
        OA2.error_quark(), OA2.Error.STATE_MISMATCH);
    assertThrowsGError(() => request.validate_callback(`${REDIRECT_URI}?code=c&state=st-1&iss=https%3A%2F%2Fx`),
        OA2.error_quark(), OA2.Error.ISSUER_MISMATCH);
    assertThrowsGError(() => request.validate_callback(`${REDIRECT_URI}?error=access_denied&state=st-1`),
        OA2.oauth_error_quark(), OA2.OAuthError.ACCESS_DENIED);

    const restored = OA2.AuthorizationRequest.new_from_json(request.to_json());
    const response = restored.validate_callback(`${REDIRECT_URI}?code=good-code&state=st-1`);
    assertEqual(response.get_code_verifier(), CODE_VERIFIER);
    const token = await client.exchange_authorization_response_async(response, null, null);
    assertEqual(received(token).code_verifier, CODE_VERIFIER);
});

test('JAR and JARM: a signed request object, a signed response accepted and refused', async () => {
    const clientKey = OA2.Jwk.generate('ES256');
    const serverKey = OA2.Jwk.generate('ES256');
    const client = new OA2.Client({token_endpoint: TOKEN_ENDPOINT, client_auth: OA2.PublicApp.new(PUBLIC_CLIENT_ID),
        authorization_endpoint: 'https://as.example/authorize', issuer: 'https://as.example',
        authorization_signed_response_alg: 'ES256', server_jwks: OA2.Jwks.new([serverKey.dup_public()])});
    const request = client.new_authorization_request(REDIRECT_URI, 'openid');
    request.set_state('st-js');
    request.set_request_object_key(clientKey, null);
    const uri = GLib.Uri.parse(request.dup_uri(), GLib.UriFlags.ENCODED);
    const query = GLib.Uri.parse_params(uri.get_query(), -1, '&', GLib.UriParamsFlags.WWW_FORM);
    const jwt = OA2.Jwt.new_from_compact(query['request']);
    assert(jwt.verify(clientKey.dup_public(), ['ES256']), 'request object verifies');
    assertEqual(jwt.get_string_claim('aud'), 'https://as.example');
    assertEqual(jwt.get_string_claim('state'), 'st-js');

    const jarm = (iss) => {
        const claims = new Json.Object();
        claims.set_string_member('iss', iss);
        claims.set_string_member('aud', PUBLIC_CLIENT_ID);
        claims.set_int_member('exp', nowUnix() + 600);
        claims.set_string_member('code', 'c-js');
        claims.set_string_member('state', 'st-js');
        return `${REDIRECT_URI}?response=${OA2.Jwt.sign_claims(claims, serverKey, 'ES256', null)}`;
    };
    request.set_response_mode('query.jwt');
    const response = await client.validate_authorization_callback_async(request, jarm('https://as.example'),
        null, null);
    assertEqual(response.get_code(), 'c-js');
    assertThrowsOA2(() => client.validate_authorization_callback(request, jarm('https://x.example'), null, null),
        OA2.Error.ISSUER_MISMATCH);
});

test('IdToken: validate_id_token with the server keys given by hand, accepted and refused', async () => {
    const key = OA2.Jwk.generate('ES256');
    const client = new OA2.Client({
        issuer: ISSUER,
        client_auth: OA2.PublicApp.new(CLIENT_ID),
        id_token_signed_response_alg: 'ES256',
        server_jwks: OA2.Jwks.new([key.dup_public()]),
    });
    const claims = joseClaims();
    claims.set_string_member('azp', CLIENT_ID);
    claims.set_string_member('nonce', 'n-js');
    const compact = OA2.Jwt.sign_claims(claims, key, 'ES256', null);

    const idToken = client.validate_id_token(compact, 'n-js', -1, null);
    assert(idToken instanceof OA2.IdToken, 'an IdToken');
    assertEqual(idToken.get_subject(), 'alice');
    assertEqual(idToken.get_issuer(), ISSUER);
    assertEqual(idToken.get_audience().join(' '), `${CLIENT_ID} someone-else`);
    assertEqual(idToken.get_authorized_party(), CLIENT_ID);
    assertEqual(idToken.get_compact(), compact);

    const validateAsync = () => new Promise((resolve, reject) => {
        client.validate_id_token_async(compact, 'n-other', -1, null, (source, result) => {
            try {
                resolve(source.validate_id_token_finish(result));
            } catch (e) {
                reject(e);
            }
        });
    });
    await assertRejectsGError(validateAsync(), OA2.error_quark(), OA2.Error.INVALID_CLAIM, 'nonce');
    assertThrowsOA2(() => client.validate_id_token(compact, 'n-other', -1, null), OA2.Error.INVALID_CLAIM);
});

// UserInfo against a Soup.Server on this main loop: the async call lets
// it answer. Bearer, then a DPoP token with the one nonce retry.
test('userinfo: Bearer and DPoP with a nonce retry', async () => {
    const seen = [];
    const answers = [
        [200, '{"sub":"alice","name":"Alice"}', {}],
        [401, '{}', {'WWW-Authenticate': 'DPoP error="use_dpop_nonce"', 'DPoP-Nonce': 'n-1'}],
        [200, '{"sub":"alice"}', {}],
        [401, '', {'WWW-Authenticate': 'Bearer error="invalid_token"'}],
    ];
    const server = new Soup.Server();
    server.add_handler('/userinfo', (_server, msg) => {
        const headers = msg.get_request_headers();
        seen.push({authorization: headers.get_one('Authorization'), dpop: headers.get_one('DPoP')});
        const [status, body, extra] = answers.shift();
        msg.set_status(status, null);
        for (const [name, value] of Object.entries(extra))
            msg.get_response_headers().append(name, value);
        msg.set_response('application/json', Soup.MemoryUse.COPY, new TextEncoder().encode(body));
    });
    server.listen_local(0, Soup.ServerListenOptions.IPV4_ONLY);
    const base = `http://127.0.0.1:${server.get_uris()[0].get_port()}`;
    const client = new OA2.Client({token_endpoint: `${base}/token`, userinfo_endpoint: `${base}/userinfo`,
        client_auth: OA2.PublicApp.new(PUBLIC_CLIENT_ID)});
    const userinfo = token => new Promise((resolve, reject) => {
        client.userinfo_async(token, null, (source, result) => {
            try {
                resolve(source.userinfo_finish(result));
            } catch (e) {
                reject(e);
            }
        });
    });
    try {
        let claims = await userinfo(OA2.BearerToken.new('at-1', null));
        assertEqual(claims.get_string_member('name'), 'Alice', 'name');
        assertEqual(seen[0].authorization, 'Bearer at-1', 'Authorization');
        assertEqual(seen[0].dpop, null, 'no proof for Bearer');

        const token = OA2.DPoPToken.new('at-2', null, OA2.DPoPKey.generate(null));
        claims = await userinfo(token);
        assertEqual(claims.get_string_member('sub'), 'alice', 'sub');
        assertEqual(seen.length, 3, 'one retry');
        assertEqual(seen[2].authorization, 'DPoP at-2', 'DPoP Authorization');
        const proof = OA2.Jwt.new_from_compact(seen[2].dpop);
        assertEqual(proof.get_string_claim('nonce'), 'n-1', 'nonce');
        assertEqual(proof.get_string_claim('htm'), 'GET', 'htm');

        await assertRejectsGError(userinfo(OA2.BearerToken.new('at-3', null)), OA2.oauth_error_quark(),
            OA2.OAuthError.INVALID_TOKEN);
    } finally {
        server.disconnect();
    }
});

// ---- main ---------------------------------------------------------------

let exitCode = 1;
const loop = GLib.MainLoop.new(null, false);
try {
    startServer();
} catch (e) {
    printerr(`Bail out! ${e}`);
    System.exit(1);
}
runTests().then(failures => {
    exitCode = failures === 0 ? 0 : 1;
}, e => {
    print(`Bail out! ${e}`);
}).finally(() => loop.quit());
loop.run();
stopServer();
System.exit(exitCode);
