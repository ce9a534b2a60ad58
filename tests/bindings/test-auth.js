// test-auth.js: the auth handlers (OA2.Auth, OA2.AccessTokenAuth,
// OA2.ClientCredentialsAuth) through GJS, against a Soup.Server on this
// main loop: a token endpoint and a resource server
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Run with gjs (meson sets GI_TYPELIB_PATH / LD_LIBRARY_PATH). Output is TAP.

imports.gi.versions.GLib = '2.0';
imports.gi.versions.Gio = '2.0';
imports.gi.versions.Soup = '3.0';
imports.gi.versions.OA2 = '1';

const {GLib, Gio, OA2, Soup} = imports.gi;
const System = imports.system;

for (const name of ['ensure_token', 'authorize_message', 'retry_message'])
    Gio._promisify(OA2.Auth.prototype, `${name}_async`, `${name}_finish`);
Gio._promisify(OA2.Client.prototype, 'authorize_device_async', 'authorize_device_finish');
for (const name of ['get', 'post', 'request', 'request_stream'])
    Gio._promisify(OA2.ApiClient.prototype, `${name}_async`, `${name}_finish`);
Gio._promisify(Gio.InputStream.prototype, 'read_bytes_async', 'read_bytes_finish');

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
        throw new Error(`${what ? `${what}: ` : ''}expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

async function assertRejectsOA2(promise, code) {
    let error = null;
    try {
        await promise;
    } catch (e) {
        error = e;
    }
    assert(error instanceof GLib.Error, `expected a GLib.Error, got ${error}`);
    assert(error.matches(OA2.error_quark(), code), `expected OA2.Error ${code}, got ${error.message}`);
    return error;
}

// One field of an application/x-www-form-urlencoded body.
function formField(body, name) {
    return GLib.Uri.parse_params(body, -1, '&', GLib.UriParamsFlags.WWW_FORM)[name] ?? null;
}

// ---- the servers --------------------------------------------------------

// The token endpoint answers after a short delay, so that concurrent
// callers really overlap; the resource server takes only the last token.
class Servers {
    constructor() {
        this.tokenRequests = [];
        this.tokenAnswer = null;
        this.issued = 0;
        this.accepted = null;
        this.server = new Soup.Server();
        this.server.add_handler('/token', (_server, msg) => this.token(msg));
        this.server.add_handler('/api', (_server, msg) => this.api(msg));
        this.server.add_handler('/device', (_server, msg) => {
            msg.set_status(200, null);
            msg.set_response('application/json', Soup.MemoryUse.COPY, new TextEncoder().encode(JSON.stringify({
                device_code: 'dc-1', user_code: 'ABCD-EFGH', verification_uri: 'https://as.example/device',
                expires_in: 600, interval: 1})));
        });
        this.server.listen_local(0, Soup.ServerListenOptions.IPV4_ONLY);
        this.base = `http://127.0.0.1:${this.server.get_uris()[0].get_port()}`;
    }

    token(msg) {
        const body = new TextDecoder().decode(msg.get_request_body().flatten().get_data());
        this.tokenRequests.push(body);
        let status = 200, answer;
        if (this.tokenAnswer !== null) {
            [status, answer] = this.tokenAnswer;
        } else {
            this.issued++;
            this.accepted = `at-${this.issued}`;
            const members = {access_token: this.accepted, token_type: 'Bearer',
                expires_in: 3600, refresh_token: `rt-${this.issued + 1}`};
            // RFC 8693 §2.2.1: an exchange says what it issued.
            if (formField(body, 'grant_type') === 'urn:ietf:params:oauth:grant-type:token-exchange')
                members.issued_token_type = 'urn:ietf:params:oauth:token-type:access_token';
            answer = JSON.stringify(members);
        }
        msg.pause();
        GLib.timeout_add(GLib.PRIORITY_DEFAULT, 50, () => {
            msg.set_status(status, null);
            msg.set_response('application/json', Soup.MemoryUse.COPY, new TextEncoder().encode(answer));
            msg.unpause();
            return GLib.SOURCE_REMOVE;
        });
    }

    api(msg) {
        const authorization = msg.get_request_headers().get_one('Authorization');
        this.apiRequests = (this.apiRequests ?? 0) + 1;
        this.lastBody = new TextDecoder().decode(msg.get_request_body().flatten().get_data());
        if (authorization === `Bearer ${this.accepted}`) {
            msg.set_status(200, null);
            msg.set_response('application/json', Soup.MemoryUse.COPY, new TextEncoder().encode('{"ok":true}'));
        } else {
            msg.set_status(401, null);
            msg.get_response_headers().append('WWW-Authenticate', 'Bearer error="invalid_token"');
        }
    }

    client() {
        return OA2.Client.new_with_secret(`${this.base}/token`, 'c1', 's1');
    }

    stop() {
        this.server.disconnect();
    }
}

function expiredToken(refreshToken) {
    const token = new OA2.BearerToken({access_token: 'old-at', refresh_token: refreshToken,
        expires_at: GLib.DateTime.new_from_unix_utc(1000000000)});
    token.init(null);
    return token;
}

function send(session, msg) {
    return new Promise((resolve, reject) => {
        session.send_and_read_async(msg, GLib.PRIORITY_DEFAULT, null, (source, result) => {
            try {
                resolve(source.send_and_read_finish(result));
            } catch (e) {
                reject(e);
            }
        });
    });
}

// ---- tests --------------------------------------------------------------

test('50 concurrent callers share one renewal', async () => {
    const servers = new Servers();
    try {
        const auth = OA2.AccessTokenAuth.new(servers.client(), expiredToken('rt-1'));
        const changes = [];
        auth.connect('token-changed', (_auth, token) => changes.push(token));
        const tokens = await Promise.all(Array.from({length: 50}, () => auth.ensure_token_async(null)));
        assertEqual(servers.tokenRequests.length, 1, 'token requests');
        assert(servers.tokenRequests[0].startsWith('grant_type=refresh_token&refresh_token=rt-1&'),
            servers.tokenRequests[0]);
        for (const token of tokens)
            assertEqual(token.access_token, 'at-1', 'access token');
        assertEqual(changes.length, 1, 'token-changed');
        assertEqual(auth.token.refresh_token, 'rt-2', 'rotated refresh token');
    } finally {
        servers.stop();
    }
});

test('a failed renewal reaches every caller', async () => {
    const servers = new Servers();
    try {
        servers.tokenAnswer = [503, '{"error":"temporarily_unavailable"}'];
        const auth = OA2.ClientCredentialsAuth.new(servers.client(), 'api');
        const outcomes = await Promise.allSettled(Array.from({length: 20}, () => auth.ensure_token_async(null)));
        assertEqual(servers.tokenRequests.length, 1, 'token requests');
        for (const outcome of outcomes) {
            assertEqual(outcome.status, 'rejected', 'outcome');
            assert(outcome.reason.matches(OA2.oauth_error_quark(), OA2.OAuthError.TEMPORARILY_UNAVAILABLE),
                outcome.reason.message);
        }
    } finally {
        servers.stop();
    }
});

test('one cancelled caller leaves the others', async () => {
    const servers = new Servers();
    try {
        const auth = OA2.ClientCredentialsAuth.new(servers.client(), null);
        const cancellable = new Gio.Cancellable();
        const calls = Array.from({length: 10}, (_, i) => auth.ensure_token_async(i === 3 ? cancellable : null));
        cancellable.cancel();
        const outcomes = await Promise.allSettled(calls);
        for (const [i, outcome] of outcomes.entries()) {
            if (i === 3) {
                assert(outcome.reason.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED), 'cancelled');
            } else {
                assertEqual(outcome.status, 'fulfilled', 'outcome');
                assertEqual(outcome.value.access_token, 'at-1', 'access token');
            }
        }
        assertEqual(servers.tokenRequests.length, 1, 'token requests');
    } finally {
        servers.stop();
    }
});

test('a 401 invalid_token renews once and the retry succeeds', async () => {
    const servers = new Servers();
    try {
        const auth = OA2.ClientCredentialsAuth.new(servers.client(), null);
        const session = new Soup.Session();
        const msg = Soup.Message.new('GET', `${servers.base}/api`);
        await auth.authorize_message_async(msg, null);
        servers.accepted = 'something-else';   // the server revoked at-1
        await send(session, msg);
        assertEqual(msg.get_status(), 401, 'first status');
        assert(await auth.retry_message_async(msg, null), 'retry');
        assertEqual(msg.get_request_headers().get_one('Authorization'), 'Bearer at-2', 'new token');
        await send(session, msg);
        assertEqual(msg.get_status(), 200, 'second status');
        assertEqual(servers.tokenRequests.length, 2, 'token requests');
        assertEqual(await auth.retry_message_async(msg, null), false, 'nothing more to do');
    } finally {
        servers.stop();
    }
});

test('SoupAuth drop-in: first token after a bare 401, renewal after invalid_token, body sent again', async () => {
    const servers = new Servers();
    try {
        const auth = OA2.ClientCredentialsAuth.new(servers.client(), null);
        const session = new Soup.Session();
        OA2.soup_auth_install(session, auth, `${servers.base}/api/`);
        let msg = Soup.Message.new('GET', `${servers.base}/api/items`);
        await send(session, msg);
        assertEqual(msg.get_status(), 200, 'first status');
        assertEqual(servers.tokenRequests.length, 1, 'token requests');
        assertEqual(servers.apiRequests, 2, 'bare, then with the token');

        servers.accepted = 'something-else';   // the server revoked at-1
        msg = Soup.Message.new('POST', `${servers.base}/api/items`);
        OA2.soup_auth_set_request_body(msg, 'text/plain', new GLib.Bytes(new TextEncoder().encode('payload')));
        await send(session, msg);
        assertEqual(msg.get_status(), 200, 'after the renewal');
        assertEqual(servers.tokenRequests.length, 2, 'token requests');
        assertEqual(servers.lastBody, 'payload', 'body sent again');
        assertEqual(auth.token.access_token, 'at-2', 'renewed token');
    } finally {
        servers.stop();
    }
});

test('AuthorizationCodeAuth and DeviceCodeAuth: the first token from the grant, once', async () => {
    const servers = new Servers();
    try {
        const request = OA2.AuthorizationRequest.new('https://as.example/authorize', 'c1',
            'http://127.0.0.1:8400/cb', 'api');
        const response = request.validate_callback(`http://127.0.0.1:8400/cb?code=c-1&state=${request.get_state()}`);
        const codeAuth = OA2.AuthorizationCodeAuth.new(servers.client(), response, null);
        const tokens = await Promise.all([1, 2, 3].map(() => codeAuth.ensure_token_async(null)));
        assert(tokens.every(t => t === tokens[0]), 'one token for every caller');
        assertEqual(servers.tokenRequests.length, 1, 'one code redemption');
        assert(servers.tokenRequests[0].startsWith('grant_type=authorization_code&code=c-1&'), servers.tokenRequests[0]);

        const client = new OA2.Client({token_endpoint: `${servers.base}/token`,
            device_authorization_endpoint: `${servers.base}/device`,
            client_auth: OA2.PublicApp.new('c1')});
        const device = await client.authorize_device_async('api', null, null, null);
        const deviceAuth = OA2.DeviceCodeAuth.new(client, device, null);
        const token = await deviceAuth.ensure_token_async(null);
        assertEqual(token.access_token, 'at-2', 'polled token');
        assert(servers.tokenRequests[1].includes('device_code=dc-1'), servers.tokenRequests[1]);
    } finally {
        servers.stop();
    }
});

test('vendor presets: exact URLs', async () => {
    const secret = OA2.ClientSecretPost.new('c1', 's1');
    assertEqual(OA2.auth0_tenant_url('mytenant.eu'), 'https://mytenant.eu.auth0.com', 'Auth0 tenant');
    const api = OA2.auth0_management_api_client_new('mytenant', secret);
    assertEqual(api.get_base_url(), 'https://mytenant.auth0.com/api/v2/', 'Management API');
    assertEqual(OA2.ping_federate_client_new('sso.example.com', secret).token_endpoint,
        'https://sso.example.com/as/token.oauth2', 'PingFederate');
    assertEqual(OA2.keycloak_client_new('https://sso.example.com', 'acme', secret).issuer,
        'https://sso.example.com/realms/acme', 'Keycloak');
    assertEqual(OA2.entra_id_client_new('common', secret).authorization_endpoint,
        'https://login.microsoftonline.com/common/oauth2/v2.0/authorize', 'Entra ID');
    let error = null;
    try {
        OA2.keycloak_client_new('https://sso.example.com', 'a/b', secret);
    } catch (e) {
        error = e;
    }
    assert(error !== null && error.matches(OA2.error_quark(), OA2.Error.INVALID_ARGUMENT), `${error}`);
});

test('invalid_grant: sign-in required, token dropped', async () => {
    const servers = new Servers();
    try {
        servers.tokenAnswer = [400, '{"error":"invalid_grant"}'];
        const auth = OA2.AccessTokenAuth.new(servers.client(), expiredToken('rt-1'));
        const changes = [];
        auth.connect('token-changed', (_auth, token) => changes.push(token));
        const error = await assertRejectsOA2(auth.ensure_token_async(null), OA2.Error.SIGN_IN_REQUIRED);
        assert(error.message.includes('error="invalid_grant"'), error.message);
        assertEqual(auth.token, null, 'token');
        assertEqual(changes.length, 1, 'token-changed');
        assertEqual(changes[0], null, 'token-changed with null');
        assertEqual(auth.leeway, 20, 'default leeway');
    } finally {
        servers.stop();
    }
});

test('OA2.TokenExchangeAuth exchanges the subject handler\'s token', async () => {
    const servers = new Servers();
    try {
        const user = OA2.ClientCredentialsAuth.new(servers.client(), null);
        const backend = OA2.TokenExchangeAuth.new(servers.client(), user, 'backend', null);
        const token = await backend.ensure_token_async(null);
        assertEqual(token.access_token, 'at-2', 'exchanged token');
        assertEqual(servers.tokenRequests.length, 2, 'token requests');
        const body = servers.tokenRequests[1];
        assertEqual(formField(body, 'grant_type'), 'urn:ietf:params:oauth:grant-type:token-exchange', 'grant type');
        assertEqual(formField(body, 'subject_token'), 'at-1', 'subject token');
        assertEqual(formField(body, 'audience'), 'backend', 'audience');
    } finally {
        servers.stop();
    }
});

test('OA2.ApiClient: 30 concurrent requests, one renewal, retry after invalid_token', async () => {
    const servers = new Servers();
    try {
        const auth = OA2.ClientCredentialsAuth.new(servers.client(), null);
        const api = OA2.ApiClient.new(`${servers.base}/`, auth);
        const responses = await Promise.all(Array.from({length: 30}, () => api.get_async('api', null, null)));
        assertEqual(servers.tokenRequests.length, 1, 'token requests');
        for (const response of responses) {
            assertEqual(response.get_status(), 200, 'status');
            assertEqual(response.dup_json().get_object().get_boolean_member('ok'), true, 'body');
        }
        servers.accepted = 'revoked';
        servers.issued = 1;   // the renewal issues at-2, which the API takes
        const renewed = await api.post_async('api', {q: 'x'}, null, null);
        assertEqual(renewed.get_status(), 200, 'status after the renewal');
        assertEqual(servers.tokenRequests.length, 2, 'token requests after the renewal');
        let error = null;
        try {
            await api.get_async('../token', null, null);
        } catch (e) {
            error = e;
        }
        assert(error !== null && error.matches(OA2.error_quark(), OA2.Error.OUTSIDE_BASE_URL), `${error}`);
    } finally {
        servers.stop();
    }
});

test('OA2.ApiClient: streamed bodies, a refused upload reported and not replayed', async () => {
    const servers = new Servers();
    try {
        const api = OA2.ApiClient.new(`${servers.base}/`, OA2.ClientCredentialsAuth.new(servers.client(), null));
        const data = new TextEncoder().encode('x'.repeat(300000));
        const upload = () => Gio.MemoryInputStream.new_from_bytes(new GLib.Bytes(data));
        let response = await api.request_stream_async('PUT', 'api', null, upload(), -1, 'text/plain',
            OA2.ApiRequestFlags.STREAM_RESPONSE, null);
        assertEqual(servers.lastBody.length, 300000, 'uploaded');
        const stream = response.get_stream();
        let text = '';
        for (;;) {
            // eslint-disable-next-line no-await-in-loop
            const chunk = await stream.read_bytes_async(4096, GLib.PRIORITY_DEFAULT, null);
            if (chunk.get_size() === 0)
                break;
            text += new TextDecoder().decode(chunk.get_data());
        }
        assertEqual(text, '{"ok":true}', 'downloaded');
        servers.accepted = 'revoked';
        servers.issued = 1;   // the renewal issues at-2, which the API takes
        const before = servers.apiRequests;
        let error = null;
        try {
            await api.request_stream_async('PUT', 'api', null, upload(), data.length, null,
                OA2.ApiRequestFlags.DEFAULT, null);
        } catch (e) {
            error = e;
        }
        assert(error instanceof GLib.Error && error.matches(OA2.oauth_error_quark(), OA2.OAuthError.INVALID_TOKEN), `${error}`);
        assertEqual(servers.apiRequests, before + 1, 'not sent again');
        assertEqual(servers.tokenRequests.length, 2, 'renewed for the next request');
        response = await api.request_stream_async('PUT', 'api', null, upload(), data.length, null,
            OA2.ApiRequestFlags.DEFAULT, null);
        assertEqual(response.get_status(), 200, 'the next request');
    } finally {
        servers.stop();
    }
});

test('OA2.ApiClient: a redirect followed, the token only on its origin', async () => {
    const servers = new Servers();
    try {
        const port = servers.server.get_uris()[0].get_port();
        let away = null;
        servers.server.add_handler('/moved', (_server, msg) => {
            msg.set_status(302, null);
            msg.get_response_headers().append('Location', '/api');
        });
        // localhost is another origin than 127.0.0.1, on the same server.
        servers.server.add_handler('/moved-away', (_server, msg) => {
            msg.set_status(307, null);
            msg.get_response_headers().append('Location', `http://localhost:${port}/away`);
        });
        servers.server.add_handler('/away', (_server, msg) => {
            away = msg.get_request_headers().get_one('Authorization');
            msg.set_status(200, null);
            msg.set_response('application/json', Soup.MemoryUse.COPY, new TextEncoder().encode('{"away":true}'));
        });
        const api = OA2.ApiClient.new(`${servers.base}/`, OA2.ClientCredentialsAuth.new(servers.client(), null));
        assertEqual(api.follow_redirects, true, 'follow-redirects');
        let response = await api.get_async('moved', null, null);
        assertEqual(response.get_status(), 200, 'status');
        assertEqual(response.get_uri(), `${servers.base}/api`, 'final URL');
        response = await api.get_async('moved-away', null, null);
        assertEqual(response.get_status(), 200, 'status away');
        assertEqual(away, null, 'no token on another origin');
        response = await api.request_async('GET', 'moved', null, null, null,
            OA2.ApiRequestFlags.NO_FOLLOW_REDIRECTS, null);
        assertEqual(response.get_status(), 302, 'not followed for one request');
        api.follow_redirects = false;
        response = await api.get_async('moved', null, null);
        assertEqual(response.get_status(), 302, 'not followed');
    } finally {
        servers.stop();
    }
});

// ---- main ---------------------------------------------------------------

async function runTests() {
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
            print(`# ${String(e).split('\n').join('\n# ')}`);
            if (e.stack)
                print(`# ${e.stack.split('\n').join('\n# ')}`);
        }
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
System.exit(exitCode);
