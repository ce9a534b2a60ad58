#!/usr/bin/env python3
# test-examples.py: run the examples against a canned token endpoint
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   PYTHONPATH=SOURCE_DIR/tests OA2_TEST_PYTHON=/usr/bin/python3 \
#       python3 examples/test-examples.py BUILD_DIR SOURCE_DIR/examples
#
# No network: the fake token endpoint of tests/fake_token_endpoint.py answers
# on a loopback port. Checks what each example sends, prints and stores, and
# that none prints a token or the client secret. The JOSE examples
# (jwt-sign-verify, jws-json, jwe-roundtrip, dpop-proof) need no endpoint: their output is checked
# against what Python computes on its own (thumbprints, token contents), and
# must hold no private key. The Python examples run with the interpreter
# that OA2_TEST_PYTHON names (meson sets it to a python3 with PyGObject) and
# the GJS ones with gjs, each skipped when that interpreter or the typelib
# is missing.

import base64
import hashlib
import json
import os
import re
import shutil
import ssl
import stat
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse

import fake_token_endpoint as fake

BUILD_DIR = None
EXAMPLES_DIR = None
PYTHON_GI = os.environ.get('OA2_TEST_PYTHON')

ACCESS_TOKEN = 'at-SECRET-0123456789abcdefghijklmnopqrstuv'
NEW_ACCESS_TOKEN = 'at-SECRET-NEW-0123456789abcdefghijklmnop'
REFRESH_TOKEN = 'rt-SECRET-zyxwvutsrqponmlkjihgfedcba987654'
NEW_REFRESH_TOKEN = 'rt-SECRET-NEW-zyxwvutsrqponmlkjihgfedcba'
CLIENT_SECRET = 'cs SECRET:/+%&'
SECRETS = (ACCESS_TOKEN, NEW_ACCESS_TOKEN, REFRESH_TOKEN, NEW_REFRESH_TOKEN, CLIENT_SECRET)


def have_typelib():
    return os.path.exists(os.path.join(BUILD_DIR, 'oauth2client-glib', 'OA2-1.typelib'))


def have_gi_typelib():
    if not have_typelib() or PYTHON_GI is None:
        return False
    return subprocess.run([PYTHON_GI, '-c', 'import gi'], capture_output=True).returncode == 0


class ExampleTestCase(fake.EndpointTestCase):
    default_reply = fake.token_reply(ACCESS_TOKEN, scope='api:read')

    def setUp(self):
        super().setUp()
        self.tmp = tempfile.TemporaryDirectory()
        lib_dir = os.path.join(BUILD_DIR, 'oauth2client-glib')
        self.env = dict(os.environ)
        self.env.pop('G_MESSAGES_DEBUG', None)
        self.env.update({
            'LC_ALL': 'C.UTF-8',
            'GI_TYPELIB_PATH': lib_dir,
            'LD_LIBRARY_PATH': lib_dir,
            'OA2_EXAMPLE_TOKEN_ENDPOINT': self.endpoint,
            'OA2_EXAMPLE_CLIENT_ID': 'my client',
            'OA2_EXAMPLE_CLIENT_SECRET': CLIENT_SECRET,
        })

    def tearDown(self):
        self.tmp.cleanup()

    def run_example(self, argv, **env):
        result = subprocess.run(argv, capture_output=True, text=True, timeout=60,
                                env=dict(self.env, **env))
        for secret in SECRETS:
            self.assertNotIn(secret, result.stdout, f'{argv[-1]} printed a secret')
            self.assertNotIn(secret, result.stderr, f'{argv[-1]} printed a secret')
        return result

    # -- client-credentials --------------------------------------------------

    def check_client_credentials(self, argv, scope_args):
        result = self.run_example(argv + scope_args, OA2_EXAMPLE_AUTH='basic')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('Bearer', result.stdout)
        self.assertIn('api:read', result.stdout)
        self.assertIn('600 s', result.stdout)
        self.assertRegex(result.stdout, r'refresh token:\s+no')
        request = self.last_request()
        self.assertEqual(request['form']['grant_type'], ['client_credentials'])
        self.assertEqual(request['form']['scope'], ['api:read'])
        expected = 'my+client:' + urllib.parse.quote_plus(CLIENT_SECRET)
        self.assertEqual(request['headers']['Authorization'],
                         'Basic ' + base64.b64encode(expected.encode()).decode())

        self.server.requests.clear()
        result = self.run_example(argv, OA2_EXAMPLE_AUTH='post')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.last_request()['form']['client_secret'], [CLIENT_SECRET])

        self.server.requests.clear()
        self.server.reply = fake.error_reply(401, 'invalid_client', 'who are you')
        result = self.run_example(argv)
        self.assertEqual(result.returncode, 1)
        self.assertIn('invalid_client', result.stderr)
        self.assertIn('who are you', result.stderr)
        self.assertIn('error domain', result.stderr)
        self.assertIn('code 2', result.stderr)

        env = dict(self.env)
        del env['OA2_EXAMPLE_TOKEN_ENDPOINT']
        result = subprocess.run(argv, capture_output=True, text=True, timeout=60, env=env)
        self.assertEqual(result.returncode, 2)

    # -- dpop-token ----------------------------------------------------------------

    def check_dpop_token(self, argv):
        self.server.reply = fake.token_reply(ACCESS_TOKEN, token_type='DPoP', scope='api:read')
        result = self.run_example(argv + [self.endpoint + '?page=2'])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout, r'token type:\s+DPoP\n')
        self.assertRegex(result.stdout, r'resource:\s+HTTP 200\n')
        self.assertEqual(len(self.server.requests), 2)
        token_request, resource_request = self.server.requests
        proofs = []
        for request in (token_request, resource_request):
            header, claims, _ = request['headers']['DPoP'].split('.')
            proofs.append((json.loads(b64url_decode(header)), json.loads(b64url_decode(claims))))
        (token_header, token_claims), (resource_header, resource_claims) = proofs
        self.assertEqual((token_request['method'], token_claims['htm']), ('POST', 'POST'))
        self.assertEqual(token_claims['htu'], self.endpoint)
        self.assertNotIn('ath', token_claims)
        self.assertEqual((resource_request['method'], resource_claims['htm']), ('GET', 'GET'))
        self.assertEqual(resource_claims['htu'], self.endpoint)
        self.assertEqual(resource_request['headers']['Authorization'], 'DPoP ' + ACCESS_TOKEN)
        ath = base64.urlsafe_b64encode(hashlib.sha256(ACCESS_TOKEN.encode()).digest()).rstrip(b'=').decode()
        self.assertEqual(resource_claims['ath'], ath)
        self.assertNotEqual(token_claims['jti'], resource_claims['jti'])
        jkt = rfc7638_thumbprint(token_header['jwk'])
        self.assertEqual(rfc7638_thumbprint(resource_header['jwk']), jkt)
        self.assertIn(f'thumbprint (jkt) {jkt}', result.stdout)

        # Asked for DPoP, given Bearer: an error, and no resource request.
        self.server.requests.clear()
        self.server.reply = fake.token_reply(ACCESS_TOKEN)
        result = self.run_example(argv + [self.endpoint])
        self.assertEqual(result.returncode, 1)
        self.assertIn('DPoP', result.stderr)
        self.assertEqual(len(self.server.requests), 1)

    # -- private-key-jwt ---------------------------------------------------------

    def check_private_key_jwt(self, argv):
        oa2 = os.path.join(BUILD_DIR, 'tools', 'oa2')
        key_path = os.path.join(self.tmp.name, 'client-key.jwk')
        generated = subprocess.run([oa2, 'jwk', 'generate', 'ES256', '--private'],
                                   capture_output=True, text=True, env=self.env, check=True)
        with open(key_path, 'w') as f:
            f.write(generated.stdout)
        os.chmod(key_path, 0o600)
        key = json.loads(generated.stdout)

        result = self.run_example(argv + [key_path], OA2_EXAMPLE_ISSUER='https://as.example')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(f'private_key_jwt with ES256, key {key["kid"]}', result.stdout)
        self.assertNotIn(key['d'], result.stdout + result.stderr)
        form = self.last_request()['form']
        self.assertNotIn('client_secret', form)
        self.assertEqual(form['client_assertion_type'],
                         ['urn:ietf:params:oauth:client-assertion-type:jwt-bearer'])
        # The assertion verifies with the public key, for the issuer.
        public_path = os.path.join(self.tmp.name, 'client-key.pub.jwk')
        with open(public_path, 'w') as f:
            f.write(subprocess.run([oa2, 'jwk', 'public', key_path], capture_output=True, text=True,
                                   env=self.env, check=True).stdout)
        verified = subprocess.run([oa2, 'jwt', 'verify', form['client_assertion'][0], '--jwk', public_path,
                                   '--alg', 'ES256', '--issuer', 'my client', '--audience', 'https://as.example'],
                                  capture_output=True, text=True, env=self.env)
        self.assertEqual(verified.returncode, 0, verified.stderr)
        self.assertEqual(json.loads(verified.stdout)['sub'], 'my client')

        # A public key is refused before anything is sent.
        self.server.requests.clear()
        result = self.run_example(argv + [public_path])
        self.assertEqual(result.returncode, 1)
        self.assertIn('needs a private key', result.stderr)
        self.assertEqual(self.server.requests, [])

    # -- hardware-key ------------------------------------------------------------

    def softhsm_token(self):
        """A SoftHSM2 token with EC and RSA keys, from tests/softhsm-setup.c."""
        helper = os.environ.get('OA2_SOFTHSM_SETUP')
        if not helper:
            self.skipTest('OA2_SOFTHSM_SETUP is not set: run through meson')
        done = subprocess.run([helper, self.tmp.name], capture_output=True, text=True, timeout=60)
        if done.returncode == 77 and not os.environ.get('CI'):
            self.skipTest('SoftHSM2 is not installed: ' + done.stderr.strip())
        self.assertEqual(done.returncode, 0, done.stderr)
        return dict(line.split('=', 1) for line in done.stdout.splitlines())

    def check_hardware_key(self, argv):
        oa2 = os.path.join(BUILD_DIR, 'tools', 'oa2')
        token = self.softhsm_token()
        env = {'SOFTHSM2_CONF': token['SOFTHSM2_CONF'],
               'OA2_EXAMPLE_PKCS11_MODULE': token['OA2_TEST_SOFTHSM_MODULE'],
               'OA2_EXAMPLE_PIN': token['OA2_TEST_PKCS11_PIN'],
               'OA2_EXAMPLE_ISSUER': 'https://as.example'}
        for name, alg in (('EC', 'ES256'), ('RSA', 'PS256')):
            with self.subTest(alg=alg):
                self.server.requests.clear()
                result = self.run_example(argv + [token[f'OA2_TEST_PKCS11_{name}_URI']],
                                          OA2_EXAMPLE_ALG=alg if name == 'RSA' else '', **env)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn('in a token: True', result.stdout)
                self.assertIn(f'private_key_jwt with {alg}', result.stdout)
                self.assertNotIn(token['OA2_TEST_PKCS11_PIN'], result.stdout + result.stderr)
                # The assertion verifies with the token's public key alone.
                public_path = os.path.join(self.tmp.name, 'token-key.pub.jwk')
                with open(public_path, 'w') as f:
                    f.write(token[f'OA2_TEST_PKCS11_{name}_JWK'])
                verified = subprocess.run([oa2, 'jwt', 'verify', self.last_request()['form']['client_assertion'][0],
                                           '--jwk', public_path, '--alg', alg, '--issuer', 'my client',
                                           '--audience', 'https://as.example'],
                                          capture_output=True, text=True, env=self.env)
                self.assertEqual(verified.returncode, 0, verified.stderr)

        # A wrong PIN is one clear error, and nothing is sent.
        self.server.requests.clear()
        result = self.run_example(argv + [token['OA2_TEST_PKCS11_EC_URI']], **dict(env, OA2_EXAMPLE_PIN='0000'))
        self.assertEqual(result.returncode, 1)
        self.assertIn('PIN is missing or wrong', result.stderr)
        self.assertNotIn('0000', result.stderr)
        self.assertEqual(self.server.requests, [])

    # -- refresh-token ---------------------------------------------------------

    def check_refresh_token(self, argv):
        path = os.path.join(self.tmp.name, 'token.json')
        with open(path, 'w') as f:
            json.dump({'access_token': ACCESS_TOKEN, 'token_type': 'Bearer',
                       'expires_at': int(time.time()) - 10, 'refresh_token': REFRESH_TOKEN,
                       'scope': 'openid offline_access'}, f)
        os.chmod(path, 0o644)

        self.server.reply = fake.token_reply(NEW_ACCESS_TOKEN, expires_in=3600,
                                             refresh_token=NEW_REFRESH_TOKEN)
        result = self.run_example(argv + [path], OA2_EXAMPLE_AUTH='none')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('rotated', result.stdout)
        form = self.last_request()['form']
        self.assertEqual(form['grant_type'], ['refresh_token'])
        self.assertEqual(form['refresh_token'], [REFRESH_TOKEN])
        self.assertEqual(form['client_id'], ['my client'])
        self.assertNotIn('client_secret', form)
        with open(path) as f:
            stored = json.load(f)
        self.assertEqual(stored['access_token'], NEW_ACCESS_TOKEN)
        self.assertEqual(stored['refresh_token'], NEW_REFRESH_TOKEN)
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)

        # No new refresh token: the old one is kept.
        self.server.requests.clear()
        self.server.reply = fake.token_reply(ACCESS_TOKEN, expires_in=3600)
        result = self.run_example(argv + [path], OA2_EXAMPLE_AUTH='post')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('kept', result.stdout)
        self.assertEqual(self.last_request()['form']['client_secret'], [CLIENT_SECRET])
        with open(path) as f:
            self.assertEqual(json.load(f)['refresh_token'], NEW_REFRESH_TOKEN)

        # A refused refresh leaves the file alone.
        self.server.requests.clear()
        self.server.reply = fake.error_reply(400, 'invalid_grant')
        with open(path) as f:
            before = f.read()
        result = self.run_example(argv + [path], OA2_EXAMPLE_AUTH='none')
        self.assertEqual(result.returncode, 1)
        self.assertIn('invalid_grant', result.stderr)
        with open(path) as f:
            self.assertEqual(f.read(), before)


    # -- authorization-code --------------------------------------------------

    def check_authorization_code(self, argv):
        redirect = 'http://127.0.0.1:8400/callback'
        env = dict(self.env, OA2_EXAMPLE_AUTHORIZATION_ENDPOINT='https://as.example/authorize',
                   OA2_EXAMPLE_CLIENT_ID='my-app', OA2_EXAMPLE_REDIRECT_URI=redirect,
                   OA2_EXAMPLE_ISSUER='https://as.example')

        def sign_in(answer):
            # The fake endpoint issues no ID token: an OAuth-only scope.
            process = subprocess.Popen(argv + ['api:read email'], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, text=True, env=env)
            line = process.stdout.readline()
            self.assertTrue(line.startswith('open: https://as.example/authorize?'), line)
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(line[6:].strip()).query)
            self.assertEqual(query['scope'], ['api:read email'])
            self.assertEqual(query['code_challenge_method'], ['S256'])
            stdout, stderr = process.communicate(answer(query) + '\n', timeout=60)
            return process.returncode, query, stdout, stderr

        status, query, stdout, stderr = sign_in(
            lambda q: redirect + '?code=the-code&state=' + q['state'][0] + '&iss=https%3A%2F%2Fas.example')
        self.assertEqual(status, 0, stderr)
        self.assertRegex(stdout, r'token type:\s+Bearer')
        form = self.last_request()['form']
        self.assertEqual(form['code'], ['the-code'])
        self.assertEqual(form['client_id'], ['my-app'])
        verifier = form['code_verifier'][0]
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b'=').decode()
        self.assertEqual(query['code_challenge'], [challenge])

        # A forged state or another issuer: refused before the code is used.
        self.server.requests.clear()
        status, _, _, stderr = sign_in(lambda q: redirect + '?code=c&state=forged')
        self.assertEqual(status, 1)
        self.assertIn('state', stderr)
        status, _, _, stderr = sign_in(
            lambda q: redirect + '?code=c&state=' + q['state'][0] + '&iss=https%3A%2F%2Fevil.example')
        self.assertEqual(status, 1)
        self.assertEqual(self.server.requests, [])


    # -- desktop-sign-in -----------------------------------------------------

    def check_desktop_sign_in(self, argv):
        """The one-call sign-in: OA2_BROWSER is a script that comes back to
        the loopback redirect URI with BROWSER_RESPONSE (STATE replaced)."""
        script = os.path.join(self.tmp.name, 'browser.py')
        with open(script, 'w') as f:
            f.write(DESKTOP_BROWSER_SCRIPT)
        env = dict(OA2_EXAMPLE_AUTHORIZATION_ENDPOINT='https://as.example/authorize',
                   OA2_EXAMPLE_CLIENT_ID='my-app', OA2_EXAMPLE_ISSUER='https://as.example',
                   OA2_BROWSER='%s %s' % (sys.executable, script))

        # The fake endpoint issues no ID token: an OAuth-only scope.
        result = self.run_example(argv + ['api:read email'], BROWSER_RESPONSE=(
            'code=the-code&state=STATE&iss=https%3A%2F%2Fas.example'), **env)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout, r'token type: Bearer')
        address = re.search(r'browser: (\S+)', result.stdout).group(1)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(address).query)
        self.assertEqual(query['scope'], ['api:read email'])
        self.assertRegex(query['redirect_uri'][0], r'^http://127\.0\.0\.1:[0-9]+/callback$')
        form = self.last_request()['form']
        self.assertEqual(form['code'], ['the-code'])
        self.assertEqual(form['redirect_uri'], query['redirect_uri'])
        verifier = form['code_verifier'][0]
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b'=').decode()
        self.assertEqual(query['code_challenge'], [challenge])

        # The person declined: the example says so, and no code is used.
        self.server.requests.clear()
        result = self.run_example(argv + ['api:read'], BROWSER_RESPONSE='error=access_denied&state=STATE', **env)
        self.assertEqual(result.returncode, 1)
        self.assertIn('access_denied', result.stderr)
        self.assertEqual(self.server.requests, [])


# OA2_BROWSER for check_desktop_sign_in: a browser that the server
# redirected back at once, with BROWSER_RESPONSE.
DESKTOP_BROWSER_SCRIPT = r'''
import os, sys, urllib.error, urllib.parse, urllib.request
query = urllib.parse.parse_qs(urllib.parse.urlsplit(sys.argv[-1]).query)
response = os.environ['BROWSER_RESPONSE'].replace('STATE', urllib.parse.quote(query['state'][0]))
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
try:
    opener.open(query['redirect_uri'][0] + '?' + response, timeout=10).read()
except urllib.error.HTTPError:
    pass
'''


class DeviceFlowExamples(ExampleTestCase):
    """device-flow.c and device-flow.js: the fake endpoint answers the device
    authorization request, one pending poll, then the token."""

    DEVICE_CODE = 'dc-SECRET-0123456789'

    def device_env(self):
        base = self.endpoint.rsplit('/', 1)[0]
        self.server.queue[:] = [
            fake.json_reply(200, {'device_code': self.DEVICE_CODE, 'user_code': 'WDJB-MJHT',
                                  'verification_uri': base + '/verify',
                                  'verification_uri_complete': base + '/verify?user_code=WDJB-MJHT',
                                  'expires_in': 600, 'interval': 1}),
            fake.error_reply(400, 'authorization_pending'),
        ]
        return {'OA2_EXAMPLE_DEVICE_AUTHORIZATION_ENDPOINT': base + '/device'}

    def check_device_flow(self, argv):
        base = self.endpoint.rsplit('/', 1)[0]
        result = self.run_example(argv + ['openid offline_access'], **self.device_env())
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('Open ' + base + '/verify\n', result.stdout)
        self.assertIn('enter the code WDJB-MJHT', result.stdout)
        self.assertIn('user_code=WDJB-MJHT', result.stdout)
        self.assertIn('signed in after 2 requests', result.stdout)
        self.assertRegex(result.stdout, r'token type:\s+Bearer')
        self.assertNotIn(self.DEVICE_CODE, result.stdout + result.stderr)
        requests = self.server.requests
        self.assertEqual([r['path'] for r in requests], ['/device', '/token', '/token'])
        self.assertEqual(requests[0]['body'], 'scope=openid+offline_access&client_id=my+client')
        for poll in requests[1:]:
            self.assertEqual(poll['form']['grant_type'], ['urn:ietf:params:oauth:grant-type:device_code'])
            self.assertEqual(poll['form']['device_code'], [self.DEVICE_CODE])

        # Denied: the server's error, exit status 1.
        self.server.requests.clear()
        env = self.device_env()
        self.server.queue[1] = fake.error_reply(400, 'access_denied')
        result = self.run_example(argv, **env)
        self.assertEqual(result.returncode, 1)
        self.assertIn('access_denied', result.stderr)

    def test_c(self):
        self.check_device_flow([os.path.join(BUILD_DIR, 'examples', 'device-flow')])

    def test_gjs(self):
        if shutil.which('gjs') is None or not have_typelib():
            self.skipTest('needs gjs, and the typelib')
        self.check_device_flow(['gjs', '-m', os.path.join(EXAMPLES_DIR, 'device-flow.js')])


class MtlsExampleTestCase(ExampleTestCase):
    """The mutual-TLS examples against the fake endpoint over https, which
    asks for a client certificate from the test CA and records it."""

    @classmethod
    def setUpClass(cls):
        cls.certs = tempfile.TemporaryDirectory()
        subprocess.run([os.environ['OA2_MAKE_MTLS_CERTS'], cls.certs.name], check=True)
        for name in os.listdir(cls.certs.name):
            os.chmod(os.path.join(cls.certs.name, name), 0o600)
        cls.server = fake.FakeTokenEndpoint(
            cls.default_reply,
            tls=tuple(os.path.join(cls.certs.name, name) for name in ('server.pem', 'server-key.pem', 'ca.pem')))
        cls.server.start()
        cls.endpoint = cls.server.url

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.certs.cleanup()

    def check_mtls(self, argv):
        cert = os.path.join(self.certs.name, 'pki-client.pem')
        key = os.path.join(self.certs.name, 'pki-client-key.pem')
        with open(cert) as f:
            der = ssl.PEM_cert_to_DER_cert(f.read())
        x5t = base64.urlsafe_b64encode(hashlib.sha256(der).digest()).rstrip(b'=').decode()
        mtls_endpoint = self.endpoint.replace('/token', '/mtls/token')
        env = {'OA2_EXAMPLE_CA_FILE': os.path.join(self.certs.name, 'ca.pem'),
               'OA2_EXAMPLE_MTLS_TOKEN_ENDPOINT': mtls_endpoint}

        result = self.run_example(argv + [cert, key], **env)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('authentication: tls_client_auth', result.stdout)
        self.assertIn('CN=oa2-mtls-pki', result.stdout)
        self.assertIn(f'x5t#S256:       {x5t}', result.stdout)
        request = self.last_request()
        self.assertEqual(request['path'], '/mtls/token')
        self.assertEqual(request['peer_certificate'], der)
        self.assertEqual(request['form'], {'grant_type': ['client_credentials'], 'client_id': ['my client']})

        # the self-signed method; the key in the certificate's file
        self.server.requests.clear()
        both = os.path.join(self.tmp.name, 'both.pem')
        with open(both, 'w') as out, open(cert) as c, open(key) as k:
            out.write(c.read() + k.read())
        result = self.run_example(argv + [both], OA2_EXAMPLE_TLS_METHOD='self_signed_tls_client_auth', **env)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('authentication: self_signed_tls_client_auth', result.stdout)
        self.assertEqual(self.last_request()['peer_certificate'], der)

        # a key of another certificate: refused before any request
        self.server.requests.clear()
        other = os.path.join(self.certs.name, 'self-signed-key.pem')
        result = self.run_example(argv + [cert, other], **env)
        self.assertEqual(result.returncode, 1)
        self.assertIn('does not belong to the client certificate', result.stderr)
        self.assertEqual(self.server.requests, [])


class CMtlsExamples(MtlsExampleTestCase):
    def test_mtls_client_credentials(self):
        self.check_mtls([os.path.join(BUILD_DIR, 'examples', 'mtls-client-credentials')])


class PythonMtlsExamples(MtlsExampleTestCase):
    @classmethod
    def setUpClass(cls):
        if not have_gi_typelib():
            raise unittest.SkipTest('needs OA2_TEST_PYTHON, a python3 with PyGObject, and the typelib')
        super().setUpClass()

    def test_mtls_client_credentials(self):
        self.check_mtls([PYTHON_GI, os.path.join(EXAMPLES_DIR, 'mtls-client-credentials.py')])

    def test_mtls_call_api(self):
        """mtls-call-api.py: the token from the mTLS token endpoint, then the
        API call, both presenting the client certificate (the fake server
        answers the token request, then the GET)."""
        cert = os.path.join(self.certs.name, 'pki-client.pem')
        key = os.path.join(self.certs.name, 'pki-client-key.pem')
        with open(cert) as f:
            der = ssl.PEM_cert_to_DER_cert(f.read())
        self.server.queue = [self.default_reply, fake.json_reply(200, {'things': ['a', 'b']})]
        base = self.endpoint.replace('/token', '/v1/')
        result = self.run_example([PYTHON_GI, os.path.join(EXAMPLES_DIR, 'mtls-call-api.py'), cert, key, base,
                                   'things'], OA2_EXAMPLE_CA_FILE=os.path.join(self.certs.name, 'ca.pem'))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('CN=oa2-mtls-pki', result.stdout)
        self.assertIn('status:     200', result.stdout)
        self.assertIn('"things"', result.stdout)
        token_request, api_request = self.server.requests
        self.assertEqual(token_request['form'], {'grant_type': ['client_credentials'], 'client_id': ['my client']})
        self.assertEqual(api_request['method'], 'GET')
        self.assertEqual(api_request['path'], '/v1/things')
        self.assertEqual(api_request['headers']['Authorization'], 'Bearer ' + ACCESS_TOKEN)
        for request in (token_request, api_request):
            self.assertEqual(request['peer_certificate'], der)


class CExamples(ExampleTestCase):
    def test_client_credentials(self):
        self.check_client_credentials([os.path.join(BUILD_DIR, 'examples', 'client-credentials')],
                                      ['--scope', 'api:read'])

    def test_refresh_token(self):
        self.check_refresh_token([os.path.join(BUILD_DIR, 'examples', 'refresh-token')])

    def test_private_key_jwt(self):
        self.check_private_key_jwt([os.path.join(BUILD_DIR, 'examples', 'private-key-jwt')])

    def test_dpop_token(self):
        self.check_dpop_token([os.path.join(BUILD_DIR, 'examples', 'dpop-token')])

    def test_hardware_key(self):
        self.check_hardware_key([os.path.join(BUILD_DIR, 'examples', 'hardware-key')])

    def test_authorization_code(self):
        self.check_authorization_code([os.path.join(BUILD_DIR, 'examples', 'authorization-code')])

    def test_desktop_sign_in(self):
        self.check_desktop_sign_in([os.path.join(BUILD_DIR, 'examples', 'desktop-sign-in')])


class TokenExchangeExamples(ExampleTestCase):
    """token-exchange.c: the request it sends and what it prints."""

    default_reply = fake.token_reply(ACCESS_TOKEN, scope='orders:read',
                                     issued_token_type='urn:ietf:params:oauth:token-type:access_token')

    def test_c(self):
        argv = [os.path.join(BUILD_DIR, 'examples', 'token-exchange'), '--audience', 'backend',
                '--scope', 'orders:read', '--resource', 'https://backend.example/']
        result = self.run_example(argv, OA2_EXAMPLE_SUBJECT_TOKEN=ACCESS_TOKEN)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout, r'issued type: +urn:ietf:params:oauth:token-type:access_token')
        self.assertRegex(result.stdout, r'scope: +orders:read')
        form = self.last_request()['form']
        self.assertEqual(form['grant_type'], ['urn:ietf:params:oauth:grant-type:token-exchange'])
        self.assertEqual(form['subject_token'], [ACCESS_TOKEN])
        self.assertEqual(form['subject_token_type'], ['urn:ietf:params:oauth:token-type:access_token'])
        self.assertEqual(form['audience'], ['backend'])
        self.assertEqual(form['resource'], ['https://backend.example/'])

        self.server.reply = fake.error_reply(400, 'invalid_grant', 'subject token revoked')
        result = self.run_example(argv, OA2_EXAMPLE_SUBJECT_TOKEN=ACCESS_TOKEN)
        self.assertEqual(result.returncode, 1)
        self.assertIn('subject token revoked', result.stderr)

        result = self.run_example(argv)
        self.assertEqual(result.returncode, 2)

    def test_c_issued_jwt(self):
        # RFC 8693 §2.2.1: a JWT for a partner, token_type N_A.
        self.server.reply = fake.token_reply(ACCESS_TOKEN, token_type='N_A',
                                             issued_token_type='urn:ietf:params:oauth:token-type:jwt')
        argv = [os.path.join(BUILD_DIR, 'examples', 'token-exchange'), '--audience', 'urn:example:partner',
                '--requested-token-type', 'jwt']
        result = self.run_example(argv, OA2_EXAMPLE_SUBJECT_TOKEN='subject-token')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout, r'issued type: +urn:ietf:params:oauth:token-type:jwt')
        self.assertRegex(result.stdout, r'token type: +N_A \(not an access token\)')
        self.assertNotIn(ACCESS_TOKEN, result.stdout + result.stderr)
        form = self.last_request()['form']
        self.assertEqual(form['requested_token_type'], ['urn:ietf:params:oauth:token-type:jwt'])


class ValaExamples(ExampleTestCase):
    @classmethod
    def setUpClass(cls):
        if not os.path.exists(os.path.join(BUILD_DIR, 'examples', 'client-credentials-vala')):
            raise unittest.SkipTest('needs the VAPI: the Vala example is not built')
        super().setUpClass()

    def test_client_credentials(self):
        self.check_client_credentials([os.path.join(BUILD_DIR, 'examples', 'client-credentials-vala')],
                                      ['--scope', 'api:read'])


class DiscoveryExamples(ExampleTestCase):
    """discovery.c and discovery.py: the metadata, then a token from the
    discovered token endpoint."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meta = fake.FakeAuthorizationServer(fake.token_reply(ACCESS_TOKEN, scope='api:read'))
        cls.meta.start()

    @classmethod
    def tearDownClass(cls):
        cls.meta.stop()
        super().tearDownClass()

    def check_discovery(self, argv):
        self.meta.requests.clear()
        self.meta.issuer_override = None
        for extra, path in (([], '/tenant/.well-known/openid-configuration'),
                            (['--rfc8414'], '/.well-known/oauth-authorization-server/tenant')):
            result = self.run_example(argv + [self.meta.issuer, '--scope', 'api:read'] + extra)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertRegex(result.stdout, r'issuer: +' + re.escape(self.meta.issuer))
            self.assertRegex(result.stdout, r'ID token signing algorithms: +ES256 RS256')
            self.assertRegex(result.stdout, r'token type: +Bearer')
            get, post = self.meta.requests[-2:]
            self.assertEqual(get['path'], path)
            self.assertEqual(post['path'], '/token')
            self.assertEqual(post['form']['client_secret'], [CLIENT_SECRET])

        self.meta.issuer_override = 'https://other.example'
        result = self.run_example(argv + [self.meta.issuer])
        self.assertEqual(result.returncode, 1)
        self.assertIn('instead of', result.stderr)
        self.meta.issuer_override = None

        env = dict(self.env)
        del env['OA2_EXAMPLE_CLIENT_SECRET']
        result = subprocess.run(argv + [self.meta.issuer], capture_output=True, text=True, timeout=60, env=env)
        self.assertEqual(result.returncode, 2)

    def test_c(self):
        self.check_discovery([os.path.join(BUILD_DIR, 'examples', 'discovery')])

    def test_python(self):
        if not have_gi_typelib():
            self.skipTest('needs OA2_TEST_PYTHON, a python3 with PyGObject, and the typelib')
        self.check_discovery([PYTHON_GI, os.path.join(EXAMPLES_DIR, 'discovery.py')])

class PythonExamples(ExampleTestCase):
    @classmethod
    def setUpClass(cls):
        if not have_gi_typelib():
            raise unittest.SkipTest('needs OA2_TEST_PYTHON, a python3 with PyGObject, and the typelib')
        super().setUpClass()

    def test_client_credentials(self):
        self.check_client_credentials([PYTHON_GI, os.path.join(EXAMPLES_DIR, 'client-credentials.py')],
                                      ['--scope', 'api:read'])

    def test_refresh_token(self):
        self.check_refresh_token([PYTHON_GI, os.path.join(EXAMPLES_DIR, 'refresh-token.py')])

    def test_saml2_bearer(self):
        """saml2-bearer.py: the XML file sent base64url-encoded without
        padding (RFC 7522 §2.1), the server's refusal, an empty file."""
        xml = (b'<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_e1">'
               b'<saml:Subject>alice?~</saml:Subject></saml:Assertion>\n')
        path = os.path.join(self.tmp.name, 'assertion.xml')
        with open(path, 'wb') as f:
            f.write(xml)
        argv = [PYTHON_GI, os.path.join(EXAMPLES_DIR, 'saml2-bearer.py'), path, '--scope', 'api:read']
        encoded = base64.urlsafe_b64encode(xml).rstrip(b'=').decode()
        result = self.run_example(argv)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout, r'scope: +api:read')
        self.assertNotIn(encoded, result.stdout + result.stderr)
        self.assertEqual(self.last_request()['form'],
                         {'grant_type': ['urn:ietf:params:oauth:grant-type:saml2-bearer'],
                          'assertion': [encoded], 'scope': ['api:read'],
                          'client_id': ['my client'], 'client_secret': [CLIENT_SECRET]})

        self.server.reply = fake.error_reply(400, 'invalid_grant', 'assertion expired')
        result = self.run_example(argv)
        self.assertEqual(result.returncode, 1)
        self.assertIn('assertion expired', result.stderr)

        self.server.requests.clear()
        open(path, 'wb').close()
        result = self.run_example(argv)
        self.assertEqual(result.returncode, 1)
        self.assertIn('No SAML assertion was given', result.stderr)
        self.assertEqual(self.server.requests, [])

    def test_private_key_jwt(self):
        self.check_private_key_jwt([PYTHON_GI, os.path.join(EXAMPLES_DIR, 'private-key-jwt.py')])

    def test_dpop_token(self):
        self.check_dpop_token([PYTHON_GI, os.path.join(EXAMPLES_DIR, 'dpop-token.py')])

    def test_hardware_key(self):
        self.check_hardware_key([PYTHON_GI, os.path.join(EXAMPLES_DIR, 'hardware-key.py')])

    def test_authorization_code(self):
        self.check_authorization_code([PYTHON_GI, os.path.join(EXAMPLES_DIR, 'authorization-code.py')])

    def test_desktop_sign_in(self):
        self.check_desktop_sign_in([PYTHON_GI, os.path.join(EXAMPLES_DIR, 'desktop-sign-in.py')])

    def test_token_store(self):
        # Under a private D-Bus session bus with gnome-keyring (the script
        # starts and stops both), so the keyring is a real one and never the
        # user's; the second run must not ask the server.
        session = os.path.join(os.path.dirname(EXAMPLES_DIR), 'tests', 'secret-service-session.py')
        script = os.path.join(EXAMPLES_DIR, 'token-store.py')
        runs = ' && '.join([f'"{PYTHON_GI}" "{script}"'] * 2 +
                           [f'"{PYTHON_GI}" "{script}" --forget', f'"{PYTHON_GI}" "{script}"'])
        result = self.run_example([sys.executable, session, 'sh', '-c', runs])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.count('new token from the server'), 2, result.stdout)
        self.assertEqual(result.stdout.count('stored token, still valid'), 1, result.stdout)
        self.assertIn('stored token removed', result.stdout)
        self.assertEqual(len(self.server.requests), 2)

        # The file store: the same, in a 0600 file.
        self.server.requests.clear()
        store = os.path.join(self.tmp.name, 'tokens')
        for _ in range(2):
            result = self.run_example([PYTHON_GI, script, '--file-store', store])
            self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(len(self.server.requests), 1)
        (name,) = os.listdir(store)
        self.assertEqual(stat.S_IMODE(os.stat(os.path.join(store, name)).st_mode), 0o600)

    def test_revoke_and_introspect(self):
        argv = [PYTHON_GI, os.path.join(EXAMPLES_DIR, 'revoke-and-introspect.py'),
                '--introspection-endpoint', self.endpoint, '--revocation-endpoint', self.endpoint]
        # The fake endpoint gives every POST the same answer: an active
        # token, and a 200 that revocation takes for success.
        self.server.reply = fake.json_reply(200, {'active': True, 'scope': 'api:read', 'sub': 'u-1'})
        result = self.run_example(argv, OA2_EXAMPLE_ACCESS_TOKEN=ACCESS_TOKEN)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout, r'active: +yes')
        self.assertRegex(result.stdout, r'scope: +api:read')
        self.assertIn('revoked', result.stdout)
        self.assertEqual(len(self.server.requests), 2)
        for request in self.server.requests:
            self.assertEqual(request['form']['token'], [ACCESS_TOKEN])
            self.assertEqual(request['form']['token_type_hint'], ['access_token'])
            self.assertEqual(request['form']['client_secret'], [CLIENT_SECRET])
        self.assertNotIn('Authorization', self.server.requests[0]['headers'])

        self.server.reply = fake.error_reply(400, 'invalid_client', 'who are you')
        result = self.run_example(argv, OA2_EXAMPLE_ACCESS_TOKEN=ACCESS_TOKEN)
        self.assertEqual(result.returncode, 1)
        self.assertIn('who are you', result.stderr)

        result = self.run_example(argv)
        self.assertEqual(result.returncode, 2)


class GjsExamples(ExampleTestCase):
    @classmethod
    def setUpClass(cls):
        if shutil.which('gjs') is None or not have_typelib():
            raise unittest.SkipTest('needs gjs, and the typelib')
        super().setUpClass()

    def test_client_credentials(self):
        self.check_client_credentials(['gjs', '-m', os.path.join(EXAMPLES_DIR, 'client-credentials.js')],
                                      ['api:read'])

    def test_desktop_sign_in(self):
        self.check_desktop_sign_in(['gjs', '-m', os.path.join(EXAMPLES_DIR, 'desktop-sign-in.js')])


# -- JOSE examples (offline) ---------------------------------------------------

def b64url_decode(text):
    return base64.urlsafe_b64decode(text + '=' * (-len(text) % 4))


def rfc7638_thumbprint(jwk):
    required = {'EC': ('crv', 'kty', 'x', 'y'), 'RSA': ('e', 'kty', 'n'), 'OKP': ('crv', 'kty', 'x')}[jwk['kty']]
    canonical = json.dumps({name: jwk[name] for name in required}, separators=(',', ':'), sort_keys=True)
    return base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).rstrip(b'=').decode()


class JoseExampleTestCase(unittest.TestCase):
    def setUp(self):
        lib_dir = os.path.join(BUILD_DIR, 'oauth2client-glib')
        self.env = dict(os.environ)
        self.env.pop('G_MESSAGES_DEBUG', None)
        self.env.update({'LC_ALL': 'C.UTF-8', 'GI_TYPELIB_PATH': lib_dir, 'LD_LIBRARY_PATH': lib_dir})

    def run_example(self, argv):
        result = subprocess.run(argv, capture_output=True, text=True, timeout=60, env=self.env)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, '')
        # No private key member anywhere ("d" of EC/OKP/RSA, "k" of oct).
        self.assertNotRegex(result.stdout, r'"(d|p|q|dp|dq|qi|k)"\s*:')
        return dict(line.split(':', 1) for line in result.stdout.splitlines())

    def check_jwt_sign_verify(self, argv):
        before = int(time.time())
        lines = {name: value.strip() for name, value in self.run_example(argv).items()}
        key = json.loads(lines['public key'])
        self.assertEqual((key['kty'], key['crv'], key['alg'], key['use']), ('EC', 'P-256', 'ES256', 'sig'))
        self.assertEqual(lines['thumbprint'], rfc7638_thumbprint(key))
        self.assertEqual(key['kid'], lines['thumbprint'])

        header, payload, signature = lines['token'].split('.')
        self.assertEqual(json.loads(b64url_decode(header)), {'alg': 'ES256', 'kid': key['kid'], 'typ': 'JWT'})
        claims = json.loads(b64url_decode(payload))
        self.assertEqual((claims['iss'], claims['sub'], claims['aud']),
                         ('https://issuer.example', 'alice', 'https://api.example'))
        self.assertGreaterEqual(claims['exp'], before + 300)
        self.assertEqual(len(b64url_decode(signature)), 64)

        self.assertIn('alice', lines['verified'])
        self.assertIn(key['kid'], lines['verified'])
        self.assertIn('refused', lines['forged token'])
        self.assertIn('OA2_ERROR_INVALID_SIGNATURE', lines['forged token'])
        self.assertIn('code 16', lines['forged token'])

    def check_dpop_proof(self, argv):
        before = int(time.time())
        lines = {name: value.strip() for name, value in self.run_example(argv).items()}
        header, payload, signature = lines['DPoP'].split('.')
        header = json.loads(b64url_decode(header))
        self.assertEqual(list(header), ['alg', 'typ', 'jwk'])
        self.assertEqual((header['alg'], header['typ']), ('ES256', 'dpop+jwt'))
        self.assertEqual(sorted(header['jwk']), ['crv', 'kty', 'x', 'y'])
        self.assertEqual(lines['thumbprint'], rfc7638_thumbprint(header['jwk']))
        claims = json.loads(b64url_decode(payload))
        ath = base64.urlsafe_b64encode(hashlib.sha256(b'example-access-token').digest()).rstrip(b'=').decode()
        self.assertEqual(list(claims), ['jti', 'htm', 'htu', 'iat', 'ath'])
        self.assertEqual((claims['htm'], claims['htu'], claims['ath']),
                         ('GET', 'https://api.example.com/items', ath))
        self.assertGreaterEqual(claims['iat'], before)
        self.assertEqual(len(b64url_decode(signature)), 64)
        self.assertEqual(lines['verified'],
                         f'GET https://api.example.com/items, key {lines["thumbprint"]}, ath {ath}')

    def check_jws_json(self, argv):
        before = int(time.time())
        lines = {name: value.strip() for name, value in self.run_example(argv).items()}
        flattened = json.loads(lines['flattened'])
        self.assertEqual(list(flattened), ['payload', 'protected', 'signature'])
        claims = json.loads(b64url_decode(flattened['payload']))
        self.assertEqual((claims['iss'], claims['sub']), ('https://issuer.example', 'alice'))
        self.assertGreaterEqual(claims['exp'], before + 300)
        old_header = json.loads(b64url_decode(flattened['protected']))
        self.assertEqual(list(old_header), ['alg', 'kid', 'typ'])
        self.assertEqual((old_header['alg'], old_header['typ']), ('ES256', 'JWT'))
        self.assertEqual(len(b64url_decode(flattened['signature'])), 64)

        # The general form: the first signature as it was, then the new one
        # with its kid unprotected.
        general = json.loads(lines['general'])
        self.assertEqual(list(general), ['payload', 'signatures'])
        self.assertEqual(general['payload'], flattened['payload'])
        first, second = general['signatures']
        self.assertEqual(first, {'protected': flattened['protected'], 'signature': flattened['signature']})
        self.assertEqual(list(second), ['protected', 'header', 'signature'])
        self.assertEqual(json.loads(b64url_decode(second['protected'])), {'alg': 'EdDSA', 'typ': 'JWT'})
        new_kid = second['header']['kid']
        self.assertEqual(list(second['header']), ['kid'])
        self.assertEqual(len(b64url_decode(second['signature'])), 64)

        self.assertEqual(lines['verified'], f'signature 2 of 2, EdDSA with key {new_kid}; subject alice')
        self.assertEqual(lines['covered'], 'alg,typ; not covered: kid')
        self.assertIn('OA2_ERROR_NO_MATCHING_KEY', lines['renamed kid'])
        self.assertIn('OA2_ERROR_INVALID_SIGNATURE, code 16', lines['forged payload'])

    def check_jwe_roundtrip(self, argv):
        lines = {name: value.strip() for name, value in self.run_example(argv).items()}
        key = json.loads(lines['recipient key'])
        self.assertEqual((key['kty'], key['crv'], key['alg'], key['use']), ('EC', 'P-256', 'ECDH-ES', 'enc'))
        self.assertEqual(lines['thumbprint'], rfc7638_thumbprint(key))
        self.assertTrue(lines['jwe'].startswith('5 parts'))
        self.assertEqual(lines['header'], 'alg ECDH-ES, enc A256GCM, ephemeral key on P-256')
        self.assertEqual(lines['decrypted'], 'Meet at the usual place at 10:00.')
        self.assertEqual(lines['kid'], key['kid'])
        self.assertIn('OA2_ERROR_DECRYPTION_FAILED, code 20', lines['tampered'])
        self.assertIn('OA2_ERROR_UNSUPPORTED_ALGORITHM, code 14', lines['not allowed'])
        self.assertIn('A128GCM', lines['not allowed'])


    def check_id_token(self, argv):
        lines = {name: value.strip() for name, value in self.run_example(argv).items()}
        self.assertEqual(lines['subject'], '248289761001')
        self.assertEqual(lines['issuer'], 'https://id.example.com')
        self.assertEqual(lines['audience'], 'my-desktop-app')
        self.assertEqual(lines['email'], 'alice@example.com')
        self.assertEqual(lines['signed with'], 'RS256')
        self.assertIn('nonce', lines['other nonce'])
        self.assertIn('OA2_ERROR_INVALID_CLAIM', lines['other nonce'])
        self.assertIn('aud', lines['other audience'])
        self.assertIn('OA2_ERROR_INVALID_CLAIM', lines['other audience'])
        self.assertIn('OA2_ERROR_UNSECURED_TOKEN', lines['unsigned'])


class UserinfoExamples(unittest.TestCase):
    """userinfo.py against a small UserInfo endpoint in a thread: the claims
    printed, the token sent as Bearer, a refused token reported."""

    def setUp(self):
        if not have_gi_typelib():
            self.skipTest('needs OA2_TEST_PYTHON, a python3 with PyGObject, and the typelib')
        import http.server
        import threading

        test = self
        self.seen = []
        self.reply = (200, '{"sub":"248289761001","name":"Alice","email_verified":true}', {})

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                test.seen.append(self.headers.get('Authorization'))
                status, body, headers = test.reply
                data = body.encode('utf-8')
                self.send_response(status)
                self.send_header('Content-Type', 'application/json')
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header('Content-Length', str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.endpoint = 'http://127.0.0.1:%d/userinfo' % self.server.server_address[1]
        lib_dir = os.path.join(BUILD_DIR, 'oauth2client-glib')
        self.env = dict(os.environ, OA2_EXAMPLE_ACCESS_TOKEN='at-example', GIO_USE_PROXY_RESOLVER='dummy',
                        LC_ALL='C.UTF-8', GI_TYPELIB_PATH=lib_dir, LD_LIBRARY_PATH=lib_dir)

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()

    def run_example(self):
        return subprocess.run([PYTHON_GI, os.path.join(EXAMPLES_DIR, 'userinfo.py'), self.endpoint],
                              capture_output=True, text=True, timeout=60, env=self.env)

    def test_python(self):
        result = self.run_example()
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('sub: "248289761001"', result.stdout)
        self.assertIn('name: "Alice"', result.stdout)
        self.assertIn('email_verified: true', result.stdout)
        self.assertEqual(self.seen, ['Bearer at-example'])

        self.reply = (401, '{}', {'WWW-Authenticate': 'Bearer error="invalid_token"'})
        result = self.run_example()
        self.assertEqual(result.returncode, 1)
        self.assertIn('invalid_token', result.stderr)
        self.assertNotIn('at-example', result.stderr)


class JarJarmExample(unittest.TestCase):
    """authorization-request-jar.py: the request object in the printed
    address, and a JARM response signed (with "oa2 jwt sign") by a server
    key that a small JWKS endpoint in a thread serves."""

    AUTHORIZE = 'https://as.example/authorize'
    ISSUER = 'https://as.example'
    REDIRECT = 'http://127.0.0.1:8400/callback'

    def oa2(self, *args, stdin=None):
        result = subprocess.run([os.path.join(BUILD_DIR, 'tools', 'oa2'), *args], input=stdin,
                                capture_output=True, text=True, timeout=60, env=self.env)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout

    def private_key(self, name):
        path = os.path.join(self.tmp.name, name)
        with open(path, 'w') as f:
            f.write(self.oa2('jwk', 'generate', 'ES256', '--private'))
        os.chmod(path, 0o600)
        return path

    def setUp(self):
        if not have_gi_typelib():
            self.skipTest('needs OA2_TEST_PYTHON, a python3 with PyGObject, and the typelib')
        import http.server
        import threading

        lib_dir = os.path.join(BUILD_DIR, 'oauth2client-glib')
        self.env = dict(os.environ, GIO_USE_PROXY_RESOLVER='dummy', LC_ALL='C.UTF-8', GI_TYPELIB_PATH=lib_dir,
                        LD_LIBRARY_PATH=lib_dir)
        self.tmp = tempfile.TemporaryDirectory()
        self.client_key = self.private_key('client.jwk')
        self.server_key = self.private_key('server.jwk')
        jwks = ('{"keys":[' + self.oa2('jwk', 'public', self.server_key).strip() + ']}').encode('utf-8')

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(jwks)))
                self.end_headers()
                self.wfile.write(jwks)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.env.update(OA2_EXAMPLE_AUTHORIZATION_ENDPOINT=self.AUTHORIZE, OA2_EXAMPLE_CLIENT_ID='my-app',
                        OA2_EXAMPLE_REDIRECT_URI=self.REDIRECT, OA2_EXAMPLE_ISSUER=self.ISSUER,
                        OA2_EXAMPLE_JWKS_URI='http://127.0.0.1:%d/jwks' % self.server.server_address[1],
                        OA2_EXAMPLE_REQUEST_OBJECT_KEY=self.client_key, OA2_EXAMPLE_RESPONSE_ALG='ES256')

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
        self.tmp.cleanup()

    def sign_in(self, issuer):
        process = subprocess.Popen([PYTHON_GI, os.path.join(EXAMPLES_DIR, 'authorization-request-jar.py')],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, env=self.env)
        line = process.stdout.readline()
        self.assertTrue(line.startswith('open: ' + self.AUTHORIZE + '?'), line)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(line[6:].strip()).query)
        self.assertEqual(sorted(query), ['client_id', 'request', 'response_type', 'scope'])
        payload = query['request'][0].split('.')[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + '=' * (-len(payload) % 4)))
        self.assertEqual(claims['response_mode'], 'query.jwt')
        self.assertEqual(claims['aud'], self.ISSUER)
        response = self.oa2('jwt', 'sign', '--jwk', self.server_key, '--claims', '-', stdin=json.dumps({
            'iss': issuer, 'aud': 'my-app', 'exp': int(time.time()) + 300,
            'code': 'the-code', 'state': claims['state']})).strip()
        stdout, stderr = process.communicate(self.REDIRECT + '?response=' + response + '\n', timeout=60)
        return process.returncode, stdout, stderr

    def test_python(self):
        status, stdout, stderr = self.sign_in(self.ISSUER)
        self.assertEqual(status, 0, stderr)
        self.assertIn('code received:  yes', stdout)
        self.assertNotIn('the-code', stdout + stderr)
        status, stdout, stderr = self.sign_in('https://evil.example')
        self.assertEqual(status, 1)
        self.assertIn('another server', stderr)


class CallApiExamples(ExampleTestCase):
    """call-api.py: OA2ApiClient and OA2ClientCredentialsAuth against the fake token endpoint
    and a small API in a thread that refuses the first token it sees once
    (401 invalid_token): one token for the calls while it is fresh, one
    renewal after the refusal, and no token in the output."""

    def setUp(self):
        super().setUp()
        if not have_gi_typelib():
            self.skipTest('needs OA2_TEST_PYTHON, a python3 with PyGObject, and the typelib')
        import http.server
        import threading

        test = self
        self.seen = []
        self.refuse_once = set()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                authorization = self.headers.get('Authorization')
                test.seen.append(authorization)
                if authorization in test.refuse_once:
                    test.refuse_once.discard(authorization)
                    self.send_response(401)
                    self.send_header('WWW-Authenticate', 'Bearer error="invalid_token"')
                    self.send_header('Content-Length', '0')
                    self.end_headers()
                    return
                if self.path.endswith('/missing'):
                    self.send_response(404)
                    self.send_header('Content-Length', '0')
                    self.end_headers()
                    return
                if self.path.endswith('/old-things'):
                    self.send_response(301)
                    self.send_header('Location', 'things')
                    self.send_header('Content-Length', '0')
                    self.end_headers()
                    return
                data = b'{"things":[]}'
                self.send_response(200)
                self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            # For soup-auth.py: a token is required, and the body echoed.
            def do_POST(self):
                authorization = self.headers.get('Authorization')
                body = self.rfile.read(int(self.headers.get('Content-Length', '0')))
                test.seen.append(authorization)
                test.bodies.append(body)
                if authorization is None or authorization in test.refuse_once:
                    test.refuse_once.discard(authorization)
                    self.send_response(401)
                    self.send_header('WWW-Authenticate', 'Bearer error="invalid_token"')
                    self.send_header('Content-Length', '0')
                    self.end_headers()
                    return
                self.send_response(201)
                self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.bodies = []
        self.api = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.api_thread = threading.Thread(target=self.api.serve_forever, daemon=True)
        self.api_thread.start()
        self.api_url = 'http://127.0.0.1:%d/v1/' % self.api.server_address[1]

    def tearDown(self):
        self.api.shutdown()
        self.api.server_close()
        self.api_thread.join()
        super().tearDown()

    def test_python(self):
        argv = [PYTHON_GI, os.path.join(EXAMPLES_DIR, 'call-api.py'), self.api_url, 'things', '3']
        result = self.run_example(argv)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(len(self.server.requests), 1)
        self.assertEqual(self.seen, ['Bearer ' + ACCESS_TOKEN] * 3)
        self.assertEqual(result.stdout.count('200 {"things":[]}'), 3, result.stdout)
        self.assertEqual(result.stdout.count('new token, valid for'), 1)

        # The API refuses the token once: one renewal, and the call succeeds.
        self.refuse_once.add('Bearer ' + ACCESS_TOKEN)
        self.seen.clear()
        result = self.run_example(argv[:-1])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(len(self.server.requests), 3)
        self.assertEqual(len(self.seen), 2)
        self.assertEqual(result.stdout.count('new token, valid for'), 2)
        self.assertIn('200 {"things":[]}', result.stdout)

        # A redirect on the API's origin is followed with the token.
        self.seen.clear()
        result = self.run_example([argv[0], argv[1], self.api_url, 'old-things'])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.seen, ['Bearer ' + ACCESS_TOKEN] * 2)
        self.assertIn('200 {"things":[]}', result.stdout)
        self.assertIn('(redirected to %sthings)' % self.api_url, result.stdout)

    def test_stream_python(self):
        """stream-api.py: a 2 MB file POSTed as a stream, the echoed answer
        saved from a stream, byte for byte; a refused token is reported, not
        sent again."""
        upload = os.path.join(self.tmp.name, 'upload.bin')
        output = os.path.join(self.tmp.name, 'answer.bin')
        data = os.urandom(2 * 1024 * 1024)
        with open(upload, 'wb') as f:
            f.write(data)
        argv = [PYTHON_GI, os.path.join(EXAMPLES_DIR, 'stream-api.py'), self.api_url, 'uploads', upload, output]
        result = self.run_example(argv)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('201: sent 2097152 bytes, received 2097152', result.stdout)
        self.assertEqual(self.bodies, [data])
        with open(output, 'rb') as f:
            self.assertEqual(f.read(), data)

        self.refuse_once.add('Bearer ' + ACCESS_TOKEN)
        result = self.run_example(argv)
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn('Calling the API failed', result.stderr)
        self.assertEqual(len(self.bodies), 2)

    def test_c(self):
        """call-api.c: five GETs at once on a main loop share one token
        request; after a refusal, one renewal."""
        argv = [os.path.join(BUILD_DIR, 'examples', 'call-api'), self.api_url, 'things', '5']
        result = self.run_example(argv)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(len(self.server.requests), 1)
        self.assertEqual(self.seen, ['Bearer ' + ACCESS_TOKEN] * 5)
        self.assertEqual(result.stdout.count('200 {"things":[]}'), 5, result.stdout)
        self.assertEqual(result.stdout.count('new token, valid for'), 1)
        self.assertNotIn(ACCESS_TOKEN, result.stdout + result.stderr)

        self.refuse_once.add('Bearer ' + ACCESS_TOKEN)
        self.seen.clear()
        result = self.run_example(argv[:-1])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(len(self.server.requests), 3)
        self.assertEqual(len(self.seen), 2)
        self.assertEqual(result.stdout.count('new token, valid for'), 2)

        # A failure status is an error (raise-for-status): exit status 1.
        result = self.run_example([argv[0], self.api_url, 'missing'])
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn('Calling the API failed', result.stderr)

    def test_soup_auth_python(self):
        """soup-auth.py: the SoupAuth drop-in; the API refuses the first
        token once, the token is renewed and the POST body sent again."""
        self.refuse_once.add('Bearer ' + ACCESS_TOKEN)
        argv = [PYTHON_GI, os.path.join(EXAMPLES_DIR, 'soup-auth.py'), self.api_url, 'things', '{"name":"x"}']
        result = self.run_example(argv)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.strip(), '201 {"name":"x"}')
        self.assertEqual(len(self.server.requests), 2)
        self.assertEqual(self.bodies, [b'{"name":"x"}'] * 2)
        self.assertEqual(self.seen[0], 'Bearer ' + ACCESS_TOKEN)
        self.assertNotIn(ACCESS_TOKEN, result.stdout + result.stderr)

    def test_gjs(self):
        if shutil.which('gjs') is None:
            self.skipTest('needs gjs')
        argv = ['gjs', '-m', os.path.join(EXAMPLES_DIR, 'call-api.js'), self.api_url, 'things', '5']
        result = self.run_example(argv)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(len(self.server.requests), 1)
        self.assertEqual(self.seen, ['Bearer ' + ACCESS_TOKEN] * 5)
        self.assertEqual(result.stdout.count('200 {"things":[]}'), 5, result.stdout)
        self.assertEqual(result.stdout.count('new token, valid for'), 1)

        self.refuse_once.add('Bearer ' + ACCESS_TOKEN)
        result = self.run_example(argv[:-1])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(len(self.server.requests), 3)


class CJoseExamples(JoseExampleTestCase):
    def test_jwt_sign_verify(self):
        self.check_jwt_sign_verify([os.path.join(BUILD_DIR, 'examples', 'jwt-sign-verify')])

    def test_jws_json(self):
        self.check_jws_json([os.path.join(BUILD_DIR, 'examples', 'jws-json')])

    def test_dpop_proof(self):
        self.check_dpop_proof([os.path.join(BUILD_DIR, 'examples', 'dpop-proof')])


class PythonJoseExamples(JoseExampleTestCase):
    @classmethod
    def setUpClass(cls):
        if not have_gi_typelib():
            raise unittest.SkipTest('needs OA2_TEST_PYTHON, a python3 with PyGObject, and the typelib')
        super().setUpClass()

    def test_jwt_sign_verify(self):
        self.check_jwt_sign_verify([PYTHON_GI, os.path.join(EXAMPLES_DIR, 'jwt-sign-verify.py')])

    def test_jws_json(self):
        self.check_jws_json([PYTHON_GI, os.path.join(EXAMPLES_DIR, 'jws-json.py')])

    def test_jwe_roundtrip(self):
        self.check_jwe_roundtrip([PYTHON_GI, os.path.join(EXAMPLES_DIR, 'jwe-roundtrip.py')])

    def test_dpop_proof(self):
        self.check_dpop_proof([PYTHON_GI, os.path.join(EXAMPLES_DIR, 'dpop-proof.py')])

    def test_id_token(self):
        self.check_id_token([PYTHON_GI, os.path.join(EXAMPLES_DIR, 'id-token.py')])


class GjsJoseExamples(JoseExampleTestCase):
    @classmethod
    def setUpClass(cls):
        if shutil.which('gjs') is None or not have_typelib():
            raise unittest.SkipTest('needs gjs, and the typelib')
        super().setUpClass()

    def test_jwt_sign_verify(self):
        self.check_jwt_sign_verify(['gjs', '-m', os.path.join(EXAMPLES_DIR, 'jwt-sign-verify.js')])


if __name__ == '__main__':
    if len(sys.argv) < 3:
        sys.exit('usage: test-examples.py BUILD_DIR EXAMPLES_SOURCE_DIR [unittest arguments]')
    EXAMPLES_DIR = os.path.abspath(sys.argv.pop(2))
    BUILD_DIR = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
