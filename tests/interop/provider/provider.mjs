// Local OpenID Connect / OAuth 2.0 authorization server for the
// oauth2client-glib interop tests, built on node-oidc-provider.
//
// Contract with the C test suite (see README.md):
//   * binds 127.0.0.1 on an ephemeral port (listen(0));
//   * once listening, writes exactly one line to stdout:
//       ISSUER http://127.0.0.1:<port>
//     and nothing else ever goes to stdout (all logging goes to stderr),
//     except the MTLS line below;
//   * exits with status 0 on SIGTERM, SIGINT, or when stdin reaches EOF, so it
//     never outlives a parent that crashed without killing it.
//   * only when OA2_PROVIDER_MTLS_DIR names a directory of test certificates
//     (see mtlsSetup below): also listens for mutual TLS (RFC 8705) with https
//     on a second ephemeral port, and writes a second line after ISSUER:
//       MTLS https://127.0.0.1:<port>
//     Without it, nothing of that exists and start-up is as before.
//
// Everything is in memory: signing keys and cookie keys are generated at
// start-up, and the provider's default in-memory adapter holds all tokens.
// Nothing is written to disk.

import {
  X509Certificate, createHash, generateKeyPair, generateKeyPairSync, randomBytes,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';

const startedAt = process.hrtime.bigint();

// oidc-provider reports its development notices with console.info, which
// would land on stdout and break the one-line protocol.  Route every console
// method that writes to stdout to stderr before the library is loaded; the
// ISSUER line is written with process.stdout.write directly.
for (const method of ['log', 'info', 'debug']) {
  console[method] = (...args) => console.error(...args);
}

function log(message) {
  process.stderr.write(`provider.mjs: ${message}\n`);
}

// ---------------------------------------------------------------------------
// Shutdown handling.  Registered before anything slow happens so a parent
// that gives up early still gets a prompt exit.
let server;
let mtlsServer;
let shuttingDown = false;

function shutdown(reason) {
  if (shuttingDown) return;
  shuttingDown = true;
  log(`shutting down (${reason})`);
  if (server) {
    // Do not wait for keep-alive clients (curl, libsoup) to go away.
    server.closeAllConnections?.();
    mtlsServer?.closeAllConnections?.();
    mtlsServer?.close();
    server.close(() => process.exit(0));
    // Belt and braces: never hang on shutdown.
    setTimeout(() => process.exit(0), 1000).unref();
  } else {
    process.exit(0);
  }
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
// The parent holds the write end of our stdin (a pipe); when it goes away
// (exit or crash) we see EOF.  resume() puts the stream in flowing mode so
// 'end' fires; whatever the parent writes is ignored.  Note that a stdin of
// /dev/null is at EOF at once: a parent must give us a pipe (e.g.
// G_SUBPROCESS_FLAGS_STDIN_PIPE), or, for manual runs, set
// PROVIDER_IGNORE_STDIN_EOF=1.
if (process.env.PROVIDER_IGNORE_STDIN_EOF !== '1') {
  process.stdin.on('end', () => shutdown('stdin EOF'));
  process.stdin.on('error', () => shutdown('stdin error'));
  process.stdin.resume();
}
// A dead parent also means a closed stdout pipe; don't die on EPIPE noise.
process.stdout.on('error', () => shutdown('stdout closed'));

// ---------------------------------------------------------------------------
// Keys, generated per run.  One RSA key so ID tokens can be signed with RS256,
// the default id_token_signed_response_alg.  Cookie signing keys are random.
// RSA generation takes 0.1-0.4 s, so it runs on the thread pool while the
// library loads.
async function makeSigningJwk() {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { ...jwk, kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' };
}
const signingJwkPromise = makeSigningJwk();

// The library import is dynamic so the console redirection above is in place
// before any of its module-level code runs (it prints an "Unsupported
// runtime" warning on node < 22; that warning goes to stderr and is harmless).
const { default: Provider, errors } = await import('oidc-provider');
const { createLocalJWKSet, jwtVerify } = await import('jose');
// The auth-handler block's resource checks DPoP proofs with these.
const { EmbeddedJWK, calculateJwkThumbprint } = await import('jose');
const signingJwk = await signingJwkPromise;
// ID-token signing keys for clients registered with
// id_token_signed_response_alg ES256 or EdDSA (the library's interop test
// validates those ID tokens too).  Cheap to make, so made here.
function makeJwk(type, options, alg) {
  const { privateKey } = generateKeyPairSync(type, options);
  return { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), use: 'sig', alg };
}
const idTokenJwks = [makeJwk('ec', { namedCurve: 'P-256' }, 'ES256'), makeJwk('ed25519', {}, 'EdDSA')];

// ---------------------------------------------------------------------------
// Clients.  All are "native" so plain-http loopback redirect URIs are
// accepted, and (RFC 8252 §7.3) any port on the loopback redirect URI
// matches, which lets the C tests listen on an ephemeral port.
const REDIRECT_URIS = ['http://127.0.0.1/callback'];
const CONFIDENTIAL_GRANTS = ['client_credentials', 'authorization_code', 'refresh_token'];
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

const clients = [
  {
    client_id: 'oa2-basic',
    // Every one of ' ', ':', '/', '+', '%', '&' is changed by RFC 6749
    // §2.3.1 form-urlencoding, so the test proves the client encodes the
    // secret before base64.  (The brief's version also ended in 'é', but
    // oidc-provider rejects client secrets outside VSCHAR %x20-7E, per RFC
    // 6749 Appendix A.2; see README.md.)
    client_secret: 'basic s3cr:t/+%&',
    token_endpoint_auth_method: 'client_secret_basic',
    application_type: 'native',
    redirect_uris: REDIRECT_URIS,
    response_types: ['code'],
    grant_types: CONFIDENTIAL_GRANTS,
  },
  {
    client_id: 'oa2-post',
    client_secret: 'post-secret-0123456789',
    token_endpoint_auth_method: 'client_secret_post',
    application_type: 'native',
    redirect_uris: REDIRECT_URIS,
    response_types: ['code'],
    grant_types: CONFIDENTIAL_GRANTS,
  },
  {
    client_id: 'oa2-public',
    token_endpoint_auth_method: 'none',
    application_type: 'native',
    redirect_uris: REDIRECT_URIS,
    response_types: ['code'],
    grant_types: ['authorization_code', 'refresh_token'],
  },
  // Public clients whose ID tokens are signed with ES256 and EdDSA.
  ...['ES256', 'EdDSA'].map((alg) => ({
    client_id: `oa2-public-${alg}`,
    token_endpoint_auth_method: 'none',
    application_type: 'native',
    redirect_uris: REDIRECT_URIS,
    response_types: ['code'],
    grant_types: ['authorization_code', 'refresh_token'],
    id_token_signed_response_alg: alg,
  })),
  // Client assertions (RFC 7523 §2.2), client credentials only.  The
  // secret is as long as HS256 needs (RFC 7518 §3.2).
  {
    client_id: 'oa2-secret-jwt',
    client_secret: 'secret-jwt-0123456789abcdef0123456789abcdef',
    token_endpoint_auth_method: 'client_secret_jwt',
    token_endpoint_auth_signing_alg: 'HS256',
    redirect_uris: [],
    response_types: [],
    grant_types: ['client_credentials'],
  },
  // DPoP (RFC 9449): clients that must present a proof of possession with
  // every token request (dpop_bound_access_tokens), one of them also with a
  // nonce from the server (features.dPoP.requireNonce below).
  {
    client_id: 'oa2-dpop',
    client_secret: 'dpop-secret-0123456789',
    token_endpoint_auth_method: 'client_secret_post',
    dpop_bound_access_tokens: true,
    redirect_uris: [],
    response_types: [],
    grant_types: ['client_credentials'],
  },
  {
    client_id: 'oa2-dpop-nonce',
    client_secret: 'dpop-nonce-secret-0123456789',
    token_endpoint_auth_method: 'client_secret_post',
    dpop_bound_access_tokens: true,
    redirect_uris: [],
    response_types: [],
    grant_types: ['client_credentials'],
  },
  // One private_key_jwt client per key of client-keys.json, fixed test keys
  // whose private halves the C tests sign with: oa2-private-key-jwt-RS256,
  // -ES256 and -EdDSA, each registered with its public key only.
  ...JSON.parse(readFileSync(new URL('client-keys.json', import.meta.url), 'utf8')).keys.map((key) => {
    const { d, p, q, dp, dq, qi, ...publicKey } = key;
    return {
      client_id: `oa2-private-key-jwt-${key.alg}`,
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: key.alg,
      jwks: { keys: [publicKey] },
      redirect_uris: [],
      response_types: [],
      grant_types: ['client_credentials', JWT_BEARER],
    };
  }),
  // Keys held in a PKCS#11 token (SoftHSM2) that the C test made before
  // starting this provider: their public JWKs come through the environment,
  // one private_key_jwt client per key, oa2-pkcs11-<alg>.
  ...JSON.parse(process.env.OA2_PROVIDER_PKCS11_JWKS ?? '{"keys":[]}').keys.map((key) => ({
    client_id: `oa2-pkcs11-${key.alg}`,
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: key.alg,
    jwks: { keys: [key] },
    redirect_uris: [],
    response_types: [],
    grant_types: ['client_credentials'],
  })),
];

// ---------------------------------------------------------------------------
// Loopback sign-in in a real browser (issue 9, RFC 8252 §7.3).  The C test
// (tests/interop/desktop-sign-in-interop-test.c) makes headless Chromium the
// browser that the library opens; Chromium does not fill forms by itself,
// so for this one client, and no other, the login and consent pages carry a
// small script that fills them in and submits them (browserAutoSubmit
// below).  Any port on the loopback redirect URI matches, as for the others.
const BROWSER_CLIENT_ID = 'oa2-browser';
clients.push({
  client_id: BROWSER_CLIENT_ID,
  token_endpoint_auth_method: 'none',
  application_type: 'native',
  redirect_uris: REDIRECT_URIS,
  response_types: ['code'],
  grant_types: ['authorization_code', 'refresh_token'],
});

// The clients whose interaction pages fill themselves in (the JARM one is
// added by the desktop sign-in block below).
const BROWSER_CLIENT_IDS = new Set([BROWSER_CLIENT_ID]);

// The script put into the interaction pages of BROWSER_CLIENT_ID: the same
// login as login.mjs, then the form is submitted as a person would.
const AUTO_SUBMIT_SCRIPT = `<script>
(() => {
  const form = document.querySelector('form[method="post"]');
  if (!form) return;
  const login = form.querySelector('input[name="login"]');
  if (login) login.value = 'alice';
  const password = form.querySelector('input[name="password"]');
  if (password) password.value = 'alice-password';
  form.submit();
})();
</script>`;

// Koa middleware: after the provider rendered GET /interaction/:uid, adds
// AUTO_SUBMIT_SCRIPT when the interaction belongs to BROWSER_CLIENT_ID.
function browserAutoSubmit(provider) {
  return async (ctx, next) => {
    await next();
    const match = /^\/interaction\/([^/]+)$/.exec(ctx.path);
    if (!match || ctx.method !== 'GET' || typeof ctx.body !== 'string' || !ctx.response.is('html')) return;
    const interaction = await provider.Interaction.find(match[1]);
    if (!BROWSER_CLIENT_IDS.has(interaction?.params?.client_id)) return;
    ctx.body = ctx.body.includes('</body>')
      ? ctx.body.replace('</body>', `${AUTO_SUBMIT_SCRIPT}</body>`)
      : `${ctx.body}${AUTO_SUBMIT_SCRIPT}`;
    log(`interaction ${match[1]}: auto-submit script added for ${interaction.params.client_id}`);
  };
}

// ---------------------------------------------------------------------------
// JAR (RFC 9101), JARM and encrypted ID tokens, for
// tests/interop/authorization-interop-test.c.  Fixed test keys: the ES256 key
// of client-keys.json signs request objects, and client-enc-keys.json holds
// the client's ECDH-ES key that JARM responses and ID tokens are encrypted
// to (the C test decrypts with its private half).  The provider's own
// encryption key, for encrypted request objects, is made at start-up.
const jarClientKeys = JSON.parse(readFileSync(new URL('client-keys.json', import.meta.url), 'utf8')).keys;
const jarSigningKey = (({ d, ...pub }) => pub)(jarClientKeys.find((k) => k.alg === 'ES256'));
const jarEncryptionKey = (({ d, ...pub }) => pub)(
  JSON.parse(readFileSync(new URL('client-enc-keys.json', import.meta.url), 'utf8')).keys[0],
);
const jarProviderEncryptionJwks = [{ ...makeJwk('ec', { namedCurve: 'P-256' }, 'ECDH-ES'), use: 'enc' }];
const jarFeatures = {
  requestObjects: { enabled: true },
  jwtResponseModes: { enabled: true },
  encryption: { enabled: true },
};
const JAR_PUBLIC = {
  token_endpoint_auth_method: 'none',
  application_type: 'native',
  redirect_uris: REDIRECT_URIS,
  response_types: ['code'],
  grant_types: ['authorization_code', 'refresh_token'],
};
clients.push(
  // Request objects signed with ES256 (and encrypted to the provider when
  // the test asks; the provider takes both).
  { ...JAR_PUBLIC, client_id: 'oa2-jar', jwks: { keys: [jarSigningKey] }, request_object_signing_alg: 'ES256' },
  // JARM responses signed with the provider's ES256 key.
  { ...JAR_PUBLIC, client_id: 'oa2-jarm', authorization_signed_response_alg: 'ES256' },
  // JARM responses signed (RS256) and encrypted to the client.
  {
    ...JAR_PUBLIC,
    client_id: 'oa2-jarm-encrypted',
    jwks: { keys: [jarEncryptionKey] },
    authorization_encrypted_response_alg: 'ECDH-ES',
    authorization_encrypted_response_enc: 'A128CBC-HS256',
  },
  // Encrypted ID tokens (signed RS256, then encrypted to the client).
  {
    ...JAR_PUBLIC,
    client_id: 'oa2-id-token-encrypted',
    jwks: { keys: [jarEncryptionKey] },
    id_token_encrypted_response_alg: 'ECDH-ES',
    id_token_encrypted_response_enc: 'A128CBC-HS256',
  },
  // The code flow with the two assertion-based client authentications.
  {
    client_id: 'oa2-code-secret-jwt',
    client_secret: 'code-secret-jwt-0123456789abcdef0123456789abcdef',
    token_endpoint_auth_method: 'client_secret_jwt',
    token_endpoint_auth_signing_alg: 'HS256',
    application_type: 'native',
    redirect_uris: REDIRECT_URIS,
    response_types: ['code'],
    grant_types: CONFIDENTIAL_GRANTS,
  },
  {
    client_id: 'oa2-code-private-key-jwt',
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'ES256',
    jwks: { keys: [jarSigningKey] },
    application_type: 'native',
    redirect_uris: REDIRECT_URIS,
    response_types: ['code'],
    grant_types: CONFIDENTIAL_GRANTS,
  },
);
// End of the JAR / JARM block.

// ---------------------------------------------------------------------------
// Desktop sign-in with JARM in a real browser (issue 9; the wt-signin2
// block).  tests/interop/desktop-sign-in-interop-test.c runs headless
// Chromium for this client with response_mode=form_post.jwt: the provider
// answers with its auto-submitting form_post page, which Chromium posts to
// the loopback receiver.  Its interaction pages fill themselves in, as
// oa2-browser's do; responses signed with the provider's ES256 key.
const BROWSER_JARM_CLIENT_ID = 'oa2-browser-jarm';
clients.push({ ...JAR_PUBLIC, client_id: BROWSER_JARM_CLIENT_ID, authorization_signed_response_alg: 'ES256' });
BROWSER_CLIENT_IDS.add(BROWSER_JARM_CLIENT_ID);
// End of the desktop sign-in JARM block.

// Device authorization grant (RFC 8628) — the device-flow block.
// Two clients may use it: oa2-device (public, auth method none) and
// oa2-device-basic (client_secret_basic). Instead of the provider's
// /device pages, which need a browser session, the tests approve or deny a
// user code with a test-only route:
//   POST /test/device-decision   form: user_code=…&decision=approve|deny
//   → 204, or 404 for an unknown or expired code
// Approval signs the code in as "alice" with the scope it asked for, as the
// /device pages would after login and consent; denial records
// access_denied, as the pages' "abort" would. The route is served on the
// loopback test listener only and exists for nothing else.
// The device authorization response gets "interval": 1 (the provider sends
// none, which means 5 s), so that the tests and the demo poll quickly; the
// 5-second default is covered by the unit tests.
const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const DEVICE_TEST_ACCOUNT = 'alice';
clients.push(
  {
    client_id: 'oa2-device',
    token_endpoint_auth_method: 'none',
    redirect_uris: [],
    response_types: [],
    grant_types: [DEVICE_CODE_GRANT, 'refresh_token'],
  },
  {
    client_id: 'oa2-device-basic',
    client_secret: 'device-secret-0123456789',
    token_endpoint_auth_method: 'client_secret_basic',
    redirect_uris: [],
    response_types: [],
    grant_types: [DEVICE_CODE_GRANT, 'refresh_token'],
  },
);

function deviceFlowMiddleware(provider) {
  return async (ctx, next) => {
    if (ctx.method === 'POST' && ctx.path === '/test/device-decision') {
      const form = new URLSearchParams((await readRawBody(ctx.req)).toString('utf8'));
      const userCode = (form.get('user_code') ?? '').toUpperCase().replace(/\W/g, '');
      const decision = form.get('decision');
      const code = userCode ? await provider.DeviceCode.findByUserCode(userCode) : undefined;
      if (!code || code.accountId || code.error || !['approve', 'deny'].includes(decision)) {
        ctx.status = 404;
        ctx.body = { error: 'unknown, expired or used user code, or no decision' };
        return undefined;
      }
      if (decision === 'deny') {
        Object.assign(code, { error: 'access_denied', errorDescription: 'the user denied the request' });
      } else {
        const scope = code.params.scope ?? '';
        const grant = new provider.Grant({ accountId: DEVICE_TEST_ACCOUNT, clientId: code.clientId });
        grant.addOIDCScope(scope.split(' ').filter((s) => ['openid', 'offline_access'].includes(s)).join(' '));
        Object.assign(code, {
          accountId: DEVICE_TEST_ACCOUNT,
          authTime: Math.floor(Date.now() / 1000),
          grantId: await grant.save(),
          scope,
        });
      }
      await code.save();
      log(`device: ${decision} ${code.clientId}`);
      ctx.status = 204;
      return undefined;
    }
    await next();
    if (ctx.method === 'POST' && ctx.path === '/device/auth' && ctx.status === 200 && ctx.body?.device_code) {
      ctx.body = { ...ctx.body, interval: 1 };
    }
    return undefined;
  };
}
// (end of the device-flow block; see also features.deviceFlow and
// provider.use(deviceFlowMiddleware) below)

// ---------------------------------------------------------------------------
// Client Initiated Backchannel Authentication (OpenID CIBA) — the CIBA
// block (wt-exchange). Clients:
//   oa2-ciba       client_secret_basic, poll mode
//   oa2-ciba-signed  client_secret_basic, poll mode, its authentication
//                  requests signed request objects (CIBA §7.1.1) with the
//                  ES256 key of client-keys.json
//   oa2-ciba-ping  client_secret_basic, ping mode, only when
//                  OA2_PROVIDER_CIBA_PING_ENDPOINT names the https endpoint
//                  the test serves for notifications (CIBA requires https;
//                  the provider then trusts the CA of OA2_PROVIDER_MTLS_DIR
//                  for that one request, see cibaFetch)
// Any login_hint names an account, except "nobody" (unknown_user_id). The
// authentication device is a test-only route:
//   POST /test/ciba-decision   form: binding_message=…&decision=approve|deny
//   → 204, or 404 when no pending request has that binding message
// Approval signs the user in with the scope asked for and tells the
// provider (provider.backchannelResult), which pings ping-mode clients;
// denial records access_denied. The backchannel authentication response
// gets "interval": 1 (none means 5 s) so that the tests poll quickly.
const CIBA_GRANT = 'urn:openid:params:grant-type:ciba';
const CIBA_PING_ENDPOINT = process.env.OA2_PROVIDER_CIBA_PING_ENDPOINT;
const cibaPending = new Map();   // binding_message → BackchannelAuthenticationRequest
clients.push({
  client_id: 'oa2-ciba',
  client_secret: 'ciba-secret-0123456789',
  token_endpoint_auth_method: 'client_secret_basic',
  redirect_uris: [],
  response_types: [],
  grant_types: [CIBA_GRANT],
  backchannel_token_delivery_mode: 'poll',
});
clients.push({
  client_id: 'oa2-ciba-signed',
  client_secret: 'ciba-signed-secret-0123456789',
  token_endpoint_auth_method: 'client_secret_basic',
  redirect_uris: [],
  response_types: [],
  grant_types: [CIBA_GRANT],
  backchannel_token_delivery_mode: 'poll',
  backchannel_authentication_request_signing_alg: 'ES256',
  jwks: {
    keys: JSON.parse(readFileSync(new URL('client-keys.json', import.meta.url), 'utf8')).keys
      .filter((k) => k.alg === 'ES256').map(({ d, ...publicKey }) => publicKey),
  },
});
if (CIBA_PING_ENDPOINT) {
  clients.push({
    client_id: 'oa2-ciba-ping',
    client_secret: 'ciba-ping-secret-0123456789',
    token_endpoint_auth_method: 'client_secret_basic',
    redirect_uris: [],
    response_types: [],
    grant_types: [CIBA_GRANT],
    backchannel_token_delivery_mode: 'ping',
    backchannel_client_notification_endpoint: CIBA_PING_ENDPOINT,
  });
}

const cibaFeature = {
  enabled: true,
  deliveryModes: ['poll', 'ping'],
  processLoginHint: async (_ctx, loginHint) => (loginHint === 'nobody' ? undefined : loginHint),
  processLoginHintToken: async () => undefined,
  verifyUserCode: async () => {},
  validateRequestContext: async () => {},
  validateBindingMessage: async (_ctx, bindingMessage) => {
    if (bindingMessage !== undefined && !/^[a-zA-Z0-9-._+/!?#]{1,20}$/.test(bindingMessage)) {
      throw new errors.InvalidBindingMessage('the binding_message must be 1 to 20 plain characters');
    }
  },
  triggerAuthenticationDevice: async (_ctx, request, account, client) => {
    cibaPending.set(request.params.binding_message ?? '', request);
    log(`ciba: request for ${account.accountId} from ${client.clientId}`);
  },
};

// The ping goes to the test's loopback https endpoint: node's https with
// the test CA, bypassing oidc-provider's guard against loopback addresses
// (which protects real deployments from SSRF, not this test). Everything
// else goes through the default fetch.
async function cibaFetch(url, options) {
  if (!CIBA_PING_ENDPOINT || url !== new URL(CIBA_PING_ENDPOINT).href || !MTLS_DIR) {
    return globalThis.fetch(url, options);
  }
  const { request } = await import('node:https');
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: options.method,
      headers: Object.fromEntries(options.headers.entries()),
      ca: readFileSync(join(MTLS_DIR, 'ca.pem'), 'utf8'),
    }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function cibaMiddleware(provider) {
  return async (ctx, next) => {
    if (ctx.method === 'POST' && ctx.path === '/test/ciba-decision') {
      const form = new URLSearchParams((await readRawBody(ctx.req)).toString('utf8'));
      const bindingMessage = form.get('binding_message') ?? '';
      const decision = form.get('decision');
      const request = cibaPending.get(bindingMessage);
      if (!request || !['approve', 'deny'].includes(decision)) {
        ctx.status = 404;
        ctx.body = { error: 'no pending request with that binding message, or no decision' };
        return undefined;
      }
      cibaPending.delete(bindingMessage);
      if (decision === 'deny') {
        await provider.backchannelResult(request, new errors.AccessDenied('the user denied the request'));
      } else {
        const grant = new provider.Grant({ accountId: request.accountId, clientId: request.clientId });
        grant.addOIDCScope(request.params.scope ?? 'openid');
        await grant.save();
        await provider.backchannelResult(request, grant, { authTime: Math.floor(Date.now() / 1000) });
      }
      log(`ciba: ${decision} ${request.clientId}`);
      ctx.status = 204;
      return undefined;
    }
    await next();
    if (ctx.method === 'POST' && ctx.path === '/backchannel' && ctx.status === 200 && ctx.body?.auth_req_id) {
      ctx.body = { ...ctx.body, interval: 1 };
    }
    return undefined;
  };
}
// (end of the CIBA block; see also features.ciba, configuration.fetch and
// provider.use(cibaMiddleware) below)

// ---------------------------------------------------------------------------
// A protected resource — the auth-handler block (issue 11).
//   GET|POST /test/resource   (loopback test listener only)
// takes an access token the provider issued (client credentials or a
// user's) as RFC 6750 Bearer or RFC 9449 DPoP and answers 200 with
// {"client_id", "scope", "scheme"}; otherwise 401 with a WWW-Authenticate
// challenge: no credentials (no error), an unknown, expired or revoked token
// (invalid_token), a DPoP-bound token sent as Bearer or a Bearer token sent
// as DPoP (invalid_token), a bad proof (invalid_dpop_proof: typ, signature,
// jkt, htm, htu, ath, iat), and, for tokens of oa2-dpop-nonce, a proof
// without this resource's nonce (use_dpop_nonce with a DPoP-Nonce header).
// The nonce is made once per run, unlike the authorization server's.
//   POST /test/refuse-token   form: token=…   → 204
// makes the resource refuse that access token from now on (invalid_token),
// as a resource server does that no longer takes a token before its expiry,
// without revoking the grant, which revocation does in oidc-provider.
const RESOURCE_PATH = '/test/resource';
const RESOURCE_NONCE = randomBytes(16).toString('base64url');
const REFUSED_TOKENS = new Set();

function resourceMiddleware(provider, issuer) {
  const refuse = (ctx, scheme, error, description) => {
    ctx.status = 401;
    const params = error ? `, error="${error}"${description ? `, error_description="${description}"` : ''}` : '';
    ctx.set('www-authenticate', `${scheme} realm="test"${params}`);
    if (error === 'use_dpop_nonce') ctx.set('dpop-nonce', RESOURCE_NONCE);
    ctx.body = '';
    log(`resource: 401 ${scheme} ${error ?? 'no credentials'}${description ? ` (${description})` : ''}`);
  };
  return async (ctx, next) => {
    if (ctx.path === '/test/refuse-token' && ctx.method === 'POST') {
      const form = new URLSearchParams((await readRawBody(ctx.req)).toString('utf8'));
      REFUSED_TOKENS.add(form.get('token') ?? '');
      ctx.status = 204;
      return undefined;
    }
    if (ctx.path !== RESOURCE_PATH || !['GET', 'POST'].includes(ctx.method)) return next();
    const match = /^(Bearer|DPoP) ([\x21-\x7e]+)$/i.exec(ctx.get('authorization'));
    if (!match) return refuse(ctx, 'Bearer');
    const scheme = match[1].toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer';
    const value = match[2];
    const token = await provider.ClientCredentials.find(value) ?? await provider.AccessToken.find(value);
    if (!token || token.isExpired) return refuse(ctx, scheme, 'invalid_token', 'unknown, expired or revoked');
    if (REFUSED_TOKENS.has(value)) return refuse(ctx, scheme, 'invalid_token', 'refused by the test');
    if (Boolean(token.jkt) !== (scheme === 'DPoP')) {
      return refuse(ctx, scheme, 'invalid_token', token.jkt ? 'DPoP-bound token sent as Bearer' : 'not DPoP-bound');
    }
    if (token.jkt) {
      let payload;
      let protectedHeader;
      try {
        ({ payload, protectedHeader } = await jwtVerify(ctx.get('dpop'), EmbeddedJWK, {
          typ: 'dpop+jwt', algorithms: ['ES256', 'ES384', 'ES512', 'RS256', 'PS256', 'EdDSA'],
        }));
      } catch (err) {
        return refuse(ctx, 'DPoP', 'invalid_dpop_proof', err.code ?? 'bad proof');
      }
      const ath = createHash('sha256').update(value).digest('base64url');
      const now = Math.floor(Date.now() / 1000);
      if (await calculateJwkThumbprint(protectedHeader.jwk) !== token.jkt) {
        return refuse(ctx, 'DPoP', 'invalid_dpop_proof', 'jkt mismatch');
      }
      if (payload.htm !== ctx.method || payload.htu !== `${issuer}${RESOURCE_PATH}` || payload.ath !== ath
          || typeof payload.jti !== 'string' || Math.abs(now - payload.iat) > 60) {
        return refuse(ctx, 'DPoP', 'invalid_dpop_proof', 'htm, htu, ath, jti or iat');
      }
      if (token.clientId === 'oa2-dpop-nonce' && payload.nonce !== RESOURCE_NONCE) {
        return refuse(ctx, 'DPoP', 'use_dpop_nonce', 'resource server requires nonce in DPoP proof');
      }
    }
    ctx.status = 200;
    ctx.body = { client_id: token.clientId, scope: token.scope ?? null, scheme };
    return undefined;
  };
}
// (end of the auth-handler block; see also provider.use(resourceMiddleware)
// below)

// ---------------------------------------------------------------------------
// Redirects to the protected resource — the API-redirect block (OA2ApiClient
// follows redirects, with credentials only on the origin asked for).
//   GET|POST /test/moved        302 to /test/resource (the same origin)
//   GET|POST /test/moved-away   307 to /test/resource on http://localhost and
//                               the same port: another origin, which must
//                               receive no credentials (the resource then
//                               answers 401 without an error)
function redirectMiddleware() {
  return async (ctx, next) => {
    if (ctx.path === '/test/moved') {
      ctx.status = 302;
      ctx.set('location', RESOURCE_PATH);
    } else if (ctx.path === '/test/moved-away') {
      ctx.status = 307;
      ctx.set('location', `http://localhost:${ctx.req.socket.localPort}${RESOURCE_PATH}`);
    } else {
      return next();
    }
    ctx.body = '';
    log(`redirect: ${ctx.status} ${ctx.path} -> ${ctx.response.get('location')}`);
    return undefined;
  };
}
// (end of the API-redirect block; see also provider.use(redirectMiddleware)
// below)

// ---------------------------------------------------------------------------
// A resource that honours certificate-bound tokens — the wt-mtlsapi block
// (OA2ApiClient presents the client's certificate, RFC 8705 §3).
//   GET|POST /test/bound-resource   (meant for the https listener)
// takes a Bearer access token the provider issued and, when the token is
// bound to a certificate (its x5t#S256, which introspection shows as cnf),
// only on a TLS connection that presented that certificate: else 401
// invalid_token.  200 with {"client_id", "bound", "presented"}: whether the
// token is bound, and the x5t#S256 of the certificate the connection
// presented (null for none).
const BOUND_RESOURCE_PATH = '/test/bound-resource';

function boundResourceMiddleware(provider) {
  const refuse = (ctx, description) => {
    ctx.status = 401;
    ctx.set('www-authenticate', `Bearer realm="test", error="invalid_token", error_description="${description}"`);
    ctx.body = '';
    log(`bound resource: 401 (${description})`);
  };
  return async (ctx, next) => {
    if (ctx.path !== BOUND_RESOURCE_PATH || !['GET', 'POST'].includes(ctx.method)) return next();
    const match = /^Bearer ([\x21-\x7e]+)$/i.exec(ctx.get('authorization'));
    if (!match) return refuse(ctx, 'no Bearer token');
    const token = await provider.ClientCredentials.find(match[1]) ?? await provider.AccessToken.find(match[1]);
    if (!token || token.isExpired) return refuse(ctx, 'unknown, expired or revoked');
    const certificate = ctx.req.socket.getPeerX509Certificate?.();
    const presented = certificate ? createHash('sha256').update(certificate.raw).digest('base64url') : null;
    const bound = token['x5t#S256'];
    if (bound && bound !== presented) {
      return refuse(ctx, presented ? 'bound to another certificate' : 'certificate-bound token without its certificate');
    }
    ctx.status = 200;
    ctx.body = { client_id: token.clientId, bound: Boolean(bound), presented };
    return undefined;
  };
}
// (end of the wt-mtlsapi block; see also provider.use(boundResourceMiddleware)
// below)

// ---------------------------------------------------------------------------
// Mutual TLS (RFC 8705), only when OA2_PROVIDER_MTLS_DIR is set.  The
// directory holds PEM files the test made: ca.pem (the CA that issued the
// server certificate and the tls_client_auth client's certificate),
// server.pem and server-key.pem (for 127.0.0.1), and self-signed.pem (the
// self_signed_tls_client_auth client's certificate, registered as the x5c of
// its JWK).  Two clients exist then, both with certificate-bound access
// tokens (cnf x5t#S256):
//   oa2-mtls-pki          tls_client_auth, subject DN "CN=oa2-mtls-pki"
//   oa2-mtls-self-signed  self_signed_tls_client_auth
// They can only authenticate on the https listener, where node hands the
// provider the certificate of the TLS socket (features.mTLS.getCertificate).
const MTLS_DIR = process.env.OA2_PROVIDER_MTLS_DIR;
// ---------------------------------------------------------------------------
// wt-saml2 block: the SAML 2.0 bearer assertion grant (RFC 7522 §2.1),
// which oidc-provider leaves to applications. This provider does not
// verify SAML: an assertion (base64url without padding) whose XML holds
// SAML2_TEST_MARKER buys the authenticated client a token, as client
// credentials would; anything else is invalid_grant. The client test
// (tests/interop/interop-test.c) sends both.
const SAML2_BEARER = 'urn:ietf:params:oauth:grant-type:saml2-bearer';
const SAML2_TEST_MARKER = 'oa2-interop-saml2-test-marker';
clients.push({
  client_id: 'oa2-saml2-bearer',
  client_secret: 'saml2-secret-0123456789',
  token_endpoint_auth_method: 'client_secret_post',
  redirect_uris: [],
  response_types: [],
  grant_types: [SAML2_BEARER],
});
// (The grant itself is registered with the others, below.)

const mtlsSetup = MTLS_DIR ? (() => {
  const read = (name) => readFileSync(join(MTLS_DIR, name), 'utf8');
  const selfSigned = new X509Certificate(read('self-signed.pem'));
  const x5c = selfSigned.raw.toString('base64');
  const publicJwk = selfSigned.publicKey.export({ format: 'jwk' });
  const common = {
    redirect_uris: [],
    response_types: [],
    grant_types: ['client_credentials'],
    tls_client_certificate_bound_access_tokens: true,
  };
  return {
    ca: read('ca.pem'),
    cert: read('server.pem'),
    key: read('server-key.pem'),
    clients: [
      {
        ...common,
        client_id: 'oa2-mtls-pki',
        token_endpoint_auth_method: 'tls_client_auth',
        tls_client_auth_subject_dn: 'CN=oa2-mtls-pki',
      },
      {
        ...common,
        client_id: 'oa2-mtls-self-signed',
        token_endpoint_auth_method: 'self_signed_tls_client_auth',
        jwks: { keys: [{ ...publicJwk, x5c: [x5c] }] },
      },
    ],
  };
})() : undefined;
if (mtlsSetup) clients.push(...mtlsSetup.clients);
// JAR / JARM block, continued: the code flow with both RFC 8705 methods, for
// authorization-interop-test.c; the same certificates as the two clients
// above, and the same certificate-bound tokens.
if (mtlsSetup) {
  clients.push(...mtlsSetup.clients.map((c) => ({
    ...c,
    client_id: `${c.client_id}-code`,
    application_type: 'native',
    redirect_uris: REDIRECT_URIS,
    response_types: ['code'],
    grant_types: ['authorization_code', 'refresh_token'],
  })));
}

// ---------------------------------------------------------------------------
// Token exchange (RFC 8693) and JWT introspection responses (RFC 9701), for
// the wt-exchange tests (exchange-interop-test.c, demo.sh, oa2 exchange):
//   oa2-exchange        client_secret_basic; client credentials and the
//                       token exchange grant registered below
//   oa2-introspect-jwt  client_secret_basic; its introspection responses
//                       are JWTs signed RS256 when it asks for them
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const TOKEN_TYPE_ACCESS = 'urn:ietf:params:oauth:token-type:access_token';
clients.push(
  {
    client_id: 'oa2-exchange',
    client_secret: 'exchange-secret-0123456789',
    token_endpoint_auth_method: 'client_secret_basic',
    redirect_uris: [],
    response_types: [],
    grant_types: ['client_credentials', TOKEN_EXCHANGE],
  },
  {
    client_id: 'oa2-introspect-jwt',
    client_secret: 'introspect-jwt-secret-0123456789',
    token_endpoint_auth_method: 'client_secret_basic',
    introspection_signed_response_alg: 'RS256',
    redirect_uris: [],
    response_types: [],
    grant_types: ['client_credentials'],
  },
);

// The certificate the client presented on this request's TLS connection;
// none on the plain http listener.
function peerCertificate(ctx) {
  return ctx.req.socket.getPeerX509Certificate?.() ?? undefined;
}

// RFC 4514 order (most specific first) of node's one-RDN-per-line subject.
function subjectDn(certificate) {
  return certificate.subject.split('\n').reverse().join(',');
}

// ---------------------------------------------------------------------------
// Accounts.  The development login form accepts any login name and ignores
// the password; login.mjs signs in as "alice".  Every account exists and only
// carries a subject identifier.
async function findAccount(_ctx, sub) {
  return {
    accountId: sub,
    async claims() {
      return { sub };
    },
  };
}

// ---------------------------------------------------------------------------
// Strict token endpoint authentication.
//
// Stock oidc-provider treats client_secret_basic and client_secret_post as
// interchangeable: a client registered for one may authenticate with the
// other.  The interop tests must prove that oauth2client-glib uses the method
// it was configured with, so this pre-routing middleware rejects, with 401
// invalid_client and before the provider does anything, a request that
//   * uses HTTP Basic for a client registered as client_secret_post,
//   * sends client_secret in the body for one registered as
//     client_secret_basic, or
//   * sends both (RFC 6749 §2.3: MUST NOT use more than one method).
// Everything else (malformed headers, wrong secrets, public clients) is left
// to the provider.  To inspect the body the middleware reads it and hands the
// raw bytes on as ctx.request.body, which the provider parses instead of the
// stream (it prints a one-time "already parsed request body" warning to
// stderr about that).
const REGISTERED_AUTH_METHOD = new Map(
  clients.map((c) => [c.client_id, c.token_endpoint_auth_method]),
);
// The provider's default routes that authenticate clients.
const CLIENT_AUTH_PATHS = new Set(['/token', '/token/introspection', '/token/revocation', '/request']);
const MAX_FORM_BYTES = 56 * 1024;

async function readRawBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function decodeBasicClientId(authorization) {
  try {
    const decoded = Buffer.from(authorization.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon === -1) return undefined;
    return decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, '%20'));
  } catch {
    return undefined;
  }
}

async function enforceRegisteredAuthMethod(ctx, next) {
  if (ctx.method !== 'POST' || !CLIENT_AUTH_PATHS.has(ctx.path)
      || !ctx.is('application/x-www-form-urlencoded')) {
    return next();
  }

  const raw = await readRawBody(ctx.req);
  ctx.request.body = raw;
  const form = new URLSearchParams(raw.toString('utf8'));
  const authorization = ctx.get('authorization');
  const usesBasic = /^basic\s/i.test(authorization);
  const usesPost = form.has('client_secret');

  const reject = (description) => {
    log(`rejected ${ctx.path}: ${description}`);
    ctx.status = 401;
    ctx.set('cache-control', 'no-store');
    if (usesBasic) ctx.set('www-authenticate', 'Basic realm="oidc-provider"');
    ctx.body = { error: 'invalid_client', error_description: description };
  };

  if (usesBasic && usesPost) {
    return reject('more than one client authentication method used');
  }
  let used;
  let clientId;
  if (usesBasic) {
    used = 'client_secret_basic';
    clientId = decodeBasicClientId(authorization);
  } else if (usesPost) {
    used = 'client_secret_post';
    clientId = form.get('client_id');
  }
  const registered = REGISTERED_AUTH_METHOD.get(clientId);
  if (used && registered && registered !== used) {
    return reject(`client ${clientId} is registered for ${registered}, not ${used}`);
  }
  return next();
}

function buildConfiguration(mtlsBase) {
  return {
    // RFC 8705 §5: where the endpoints are served with mutual TLS; and the
    // library's default client authentication methods plus both of RFC 8705.
    ...(mtlsBase ? {
      clientAuthMethods: ['client_secret_basic', 'client_secret_jwt', 'client_secret_post', 'private_key_jwt',
        'none', 'tls_client_auth', 'self_signed_tls_client_auth'],
      discovery: {
        mtls_endpoint_aliases: {
          token_endpoint: `${mtlsBase}/token`,
          introspection_endpoint: `${mtlsBase}/token/introspection`,
          revocation_endpoint: `${mtlsBase}/token/revocation`,
          userinfo_endpoint: `${mtlsBase}/me`,
          pushed_authorization_request_endpoint: `${mtlsBase}/request`,
        },
      },
    } : {}),
    clients,
    findAccount,
    // The CIBA block: pings to the test's https endpoint.
    fetch: cibaFetch,

    // Generated at start-up, never persisted.
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    jwks: { keys: [signingJwk, ...idTokenJwks, ...jarProviderEncryptionJwks] },

    // openid/offline_access are the OIDC ones; api:read/api:write are plain
    // OAuth scopes the tests request with client_credentials and code flows.
    scopes: ['openid', 'offline_access', 'api:read', 'api:write'],

    features: {
      // JAR, JARM and encryption: see the JAR / JARM block above.
      ...jarFeatures,
      // Client credentials grant (RFC 6749 §4.4) for the confidential clients.
      clientCredentials: { enabled: true },
      // Pushed authorization requests (RFC 9126), on by default in
      // oidc-provider 9; made explicit because the tests rely on them.
      pushedAuthorizationRequests: { enabled: true },
      // The library's built-in login/consent pages (/interaction/:uid).
      // login.mjs drives them with plain HTTP: any login, any password.
      // Development-only by design, which is exactly what a test needs; the
      // library warns about it on stderr.
      devInteractions: { enabled: true },
      // RFC 7662 and RFC 7009, used by later tests.  The policies are the
      // library's defaults made explicit (and silent): any authenticated
      // client may introspect; a client may only revoke its own tokens.
      introspection: {
        enabled: true,
        allowedPolicy: async (ctx, client, token) => !(
          client.clientAuthMethod === 'none' && token.clientId !== ctx.oidc.client.clientId
        ),
      },
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
      // Mutual TLS, on the https listener only (see mtlsSetup).
      ...(mtlsSetup ? {
        mTLS: {
          enabled: true,
          tlsClientAuth: true,
          selfSignedTlsClientAuth: true,
          certificateBoundAccessTokens: true,
          getCertificate: peerCertificate,
          // The https listener asks for a certificate and checks it against
          // ca.pem without refusing the handshake; node says how it went.
          certificateAuthorized: (ctx) => ctx.req.socket.authorized === true,
          certificateSubjectMatches: (ctx, property, expected) => (
            property === 'tls_client_auth_subject_dn' && subjectDn(peerCertificate(ctx)) === expected
          ),
        },
      } : {}),
      // Device authorization grant (RFC 8628): see the device-flow block.
      deviceFlow: { enabled: true },
      // CIBA, poll and ping: see the CIBA block; its signed authentication
      // requests need requestObjects, which the JAR block (jarFeatures) enables.
      ciba: cibaFeature,
      // DPoP (RFC 9449), on by default in oidc-provider 9; made explicit
      // with a per-run nonce secret, so that the server can hand out nonces
      // (§8), which it demands from oa2-dpop-nonce only.
      dPoP: {
        enabled: true,
        nonceSecret: randomBytes(32),
        requireNonce: (ctx) => ctx.oidc?.client?.clientId === 'oa2-dpop-nonce',
      },
      // RFC 9701 introspection responses, for clients registered with
      // introspection_signed_response_alg (oa2-introspect-jwt), wt-exchange.
      jwtIntrospection: { enabled: true },
    },

    // PKCE is mandatory for public clients (token_endpoint_auth_method none)
    // and optional, but verified when sent, for confidential ones.  The
    // library only implements S256 ("plain" is rejected), so S256-only needs
    // no extra setting.
    pkce: {
      required: (_ctx, client) => client.clientAuthMethod === 'none',
    },

    // Issue a refresh token whenever the client may use the refresh_token
    // grant and offline_access was actually granted.  (oidc-provider only
    // honours offline_access in an authorization request that also carries
    // prompt=consent, per OIDC Core §11, hence the tests send it.)
    issueRefreshToken: async (_ctx, client, code) => (
      client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access')
    ),

    // Refresh token rotation:
    //   * oa2-public (and any auth method "none" client) rotates on every
    //     use: the response carries a new refresh_token and the old one is
    //     consumed; presenting a consumed one again revokes the whole grant.
    //   * oa2-basic / oa2-post never rotate: the response repeats the same
    //     refresh_token, which stays valid until its TTL.
    rotateRefreshToken: (ctx) => ctx.oidc.client.clientAuthMethod === 'none',

    // Plain error page (the default one pulls a web font); login.mjs quotes
    // its text when an authorization request fails.
    renderError: async (ctx, out) => {
      const escape = (v) => String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      ctx.type = 'html';
      ctx.body = `<!DOCTYPE html><html><head><title>error</title></head><body>${
        Object.entries(out).map(([k, v]) => `<pre>${escape(k)}: ${escape(v)}</pre>`).join('')
      }</body></html>`;
    },

    // Token lifetimes in seconds.  Numbers rather than the library's default
    // functions (which also log a notice each).
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      ClientCredentials: 600,
      IdToken: 3600,
      RefreshToken: 24 * 60 * 60,
      // The device-flow block: device and user codes live ten minutes.
      DeviceCode: 600,
      Interaction: 3600,
      Session: 24 * 60 * 60,
      // A grant must outlive the refresh tokens issued from it.
      Grant: 24 * 60 * 60,
    },
  };
}

// ---------------------------------------------------------------------------
// The issuer must contain the port, which is only known after listen(0), so
// the HTTP server starts with a placeholder handler and the provider is
// created once the port is known.  Nobody can reach the server before the
// ISSUER line is printed, so the placeholder never answers a real request.
let handler = (_req, res) => {
  res.statusCode = 503;
  res.end('starting\n');
};
server = createServer((req, res) => handler(req, res));

server.on('error', (err) => {
  log(`server error: ${err.stack || err}`);
  process.exit(1);
});

// With mutual TLS, the https listener serves the same provider; it asks every
// client for a certificate and leaves judging it to the provider.
function listenMtls() {
  if (!mtlsSetup) return Promise.resolve(undefined);
  mtlsServer = createHttpsServer({
    ca: mtlsSetup.ca,
    cert: mtlsSetup.cert,
    key: mtlsSetup.key,
    requestCert: true,
    rejectUnauthorized: false,
  }, (req, res) => handler(req, res));
  mtlsServer.on('error', (err) => {
    log(`mTLS server error: ${err.stack || err}`);
    process.exit(1);
  });
  return new Promise((resolve) => {
    mtlsServer.listen(0, '127.0.0.1', () => resolve(`https://127.0.0.1:${mtlsServer.address().port}`));
  });
}

server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const mtlsBase = await listenMtls();

  let provider;
  try {
    provider = new Provider(issuer, buildConfiguration(mtlsBase));
  } catch (err) {
    log(`provider configuration failed: ${err.stack || err}`);
    process.exit(1);
  }

  // Surface server-side failures (e.g. why a token request was rejected) on
  // stderr, which the C tests can show when something fails.
  const report = (kind) => (ctx, err) => {
    log(`${kind}: ${err.name}: ${err.message}${err.error_detail ? ` (${err.error_detail})` : ''}`);
  };
  provider.on('grant.error', report('grant.error'));
  provider.on('authorization.error', report('authorization.error'));
  provider.on('introspection.error', report('introspection.error'));
  provider.on('revocation.error', report('revocation.error'));
  provider.on('server_error', report('server_error'));

  provider.use(enforceRegisteredAuthMethod);
  provider.use(browserAutoSubmit(provider));
  // The device-flow block's test route and interval.
  provider.use(deviceFlowMiddleware(provider));
  // The CIBA block's test route and interval.
  provider.use(cibaMiddleware(provider));
  // The auth-handler block's protected resource.
  provider.use(resourceMiddleware(provider, issuer));
  // The API-redirect block's redirects to that resource.
  provider.use(redirectMiddleware());
  // The wt-mtlsapi block's resource for certificate-bound tokens.
  provider.use(boundResourceMiddleware(provider));

  // The JWT bearer grant (RFC 7523 §2.1), which oidc-provider leaves to
  // applications: an assertion that the (authenticated) client signed with
  // its registered key, about itself (iss = sub = client_id), for this
  // issuer, buys a token as client credentials would.
  provider.registerGrantType(JWT_BEARER, async (ctx) => {
    const { client, params } = ctx.oidc;
    let payload;
    try {
      ({ payload } = await jwtVerify(params.assertion, createLocalJWKSet(client.jwks ?? { keys: [] }), {
        issuer: client.clientId, subject: client.clientId, audience: issuer, requiredClaims: ['jti', 'exp'],
      }));
    } catch (err) {
      throw new errors.InvalidGrant(`invalid assertion: ${err.message}`);
    }
    const token = new provider.ClientCredentials({ client, scope: params.scope || undefined });
    ctx.body = {
      access_token: await token.save(),
      token_type: 'Bearer',
      expires_in: token.expiration,
      scope: token.scope,
    };
    log(`jwt-bearer: token for ${payload.sub}`);
  }, ['assertion', 'scope']);

  // wt-saml2 block (see SAML2_BEARER above): padding, '+' and '/' are
  // refused, since RFC 7522 §2.1 asks for base64url without padding.
  provider.registerGrantType(SAML2_BEARER, async (ctx) => {
    const { client, params } = ctx.oidc;
    const assertion = params.assertion ?? '';
    if (!/^[A-Za-z0-9_-]+$/.test(assertion)) {
      throw new errors.InvalidGrant('the assertion is not base64url without padding');
    }
    const xml = Buffer.from(assertion, 'base64url').toString('utf8');
    if (!xml.includes('<') || !xml.includes(SAML2_TEST_MARKER)) {
      throw new errors.InvalidGrant('the SAML assertion is not the test one');
    }
    const token = new provider.ClientCredentials({ client, scope: params.scope || undefined });
    ctx.body = {
      access_token: await token.save(),
      token_type: 'Bearer',
      expires_in: token.expiration,
      scope: token.scope,
    };
    log(`saml2-bearer: token for ${client.clientId}`);
  }, ['assertion', 'scope']);

  // The token exchange grant (RFC 8693), which oidc-provider leaves to
  // applications (wt-exchange): a subject token that is an access token
  // this provider issued and that is still active (and, when given, an
  // actor token of the same kind) buys the authenticated client a new
  // access token, as client credentials would, with the requested scope.
  // Any other token type is refused, as RFC 8693 §2.2.2 lets a server do.
  const findAccessToken = async (value) => (
    await provider.ClientCredentials.find(value) ?? await provider.AccessToken.find(value)
  );
  // ---- wt-exchangena: token exchange issuing a JWT (RFC 8693 §2.2.1) ----
  // A requested_token_type of urn:ietf:params:oauth:token-type:jwt gets a
  // JWT for another party, signed with a key of its own (ES256, made on
  // first use), answered as token_type N_A: it is not an access token.
  // exchange-interop-test.c checks it with oa2_client_token_exchange_issued.
  const TOKEN_TYPE_JWT = 'urn:ietf:params:oauth:token-type:jwt';
  let exchangeJwtKey = null;
  const issueExchangeJwt = async (client, params) => {
    const jose = await import('jose');
    exchangeJwtKey ??= (await jose.generateKeyPair('ES256')).privateKey;
    const lifetime = 300;
    const jwt = await new jose.SignJWT({ scope: params.scope || undefined, client_id: client.clientId })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
      .setIssuer(issuer)
      .setSubject(client.clientId)
      .setAudience(params.audience || client.clientId)
      .setIssuedAt()
      .setExpirationTime(`${lifetime}s`)
      .sign(exchangeJwtKey);
    log(`token-exchange: JWT (N_A) for ${client.clientId}`);
    return { access_token: jwt, issued_token_type: TOKEN_TYPE_JWT, token_type: 'N_A', expires_in: lifetime };
  };
  // ---- end wt-exchangena ----

  provider.registerGrantType(TOKEN_EXCHANGE, async (ctx) => {
    const { client, params } = ctx.oidc;
    for (const [token, type] of [[params.subject_token, params.subject_token_type],
      [params.actor_token, params.actor_token_type]]) {
      if (token === undefined && type === undefined) continue;
      if (type !== TOKEN_TYPE_ACCESS) {
        throw new errors.InvalidRequest(`unsupported token type ${type}`);
      }
      const found = await findAccessToken(token);
      if (!found || found.isExpired) throw new errors.InvalidGrant('the presented token is not active');
    }
    if (params.requested_token_type === TOKEN_TYPE_JWT) { // wt-exchangena
      ctx.body = await issueExchangeJwt(client, params);
      return;
    }
    if (params.requested_token_type && params.requested_token_type !== TOKEN_TYPE_ACCESS) {
      throw new errors.InvalidRequest('only access tokens are issued');
    }
    const token = new provider.ClientCredentials({ client, scope: params.scope || undefined });
    ctx.body = {
      access_token: await token.save(),
      issued_token_type: TOKEN_TYPE_ACCESS,
      token_type: 'Bearer',
      expires_in: token.expiration,
      scope: token.scope,
    };
    log(`token-exchange: token for ${client.clientId}${params.audience ? ` (audience ${params.audience})` : ''}`);
  }, ['subject_token', 'subject_token_type', 'actor_token', 'actor_token_type', 'requested_token_type',
    'audience', 'scope']);

  handler = provider.callback();

  const ms = Number(process.hrtime.bigint() - startedAt) / 1e6;
  log(`listening on ${issuer} (oidc-provider ready after ${ms.toFixed(0)} ms)`);
  process.stdout.write(`ISSUER ${issuer}\n`);
  if (mtlsBase) {
    log(`mutual TLS on ${mtlsBase}`);
    process.stdout.write(`MTLS ${mtlsBase}\n`);
  }
});
