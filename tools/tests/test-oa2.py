#!/usr/bin/env python3
# test-oa2.py: the oa2 tool against a canned token endpoint on 127.0.0.1
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   PYTHONPATH=SOURCE_DIR/tests python3 tools/tests/test-oa2.py PATH/TO/oa2
#
# No network, no OpenID provider: the fake token endpoint of
# tests/fake_token_endpoint.py answers on a loopback port with whatever the
# test set up, and records what oa2 sent. Checks the command line, the
# requests, the exit statuses, and that no secret is printed unless --json
# asks for it. The JOSE commands ("oa2 jwk", "oa2 jwt") work offline; their
# tests check the output against independent computations where Python's
# standard library can make them (RFC 7638 thumbprints, HS256 MACs).

import base64
import functools
import hashlib
import hmac
import json
import os
import re
import shutil
import signal
import ssl
import stat
import threading
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse

import fake_token_endpoint as fake

OA2 = None

ACCESS_TOKEN = 'at-SECRET-0123456789abcdefghijklmnopqrstuv'
REFRESH_TOKEN = 'rt-SECRET-zyxwvutsrqponmlkjihgfedcba9876543210'
ID_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl'
CLIENT_SECRET = 'cs SECRET:/+%&'
CODE_VERIFIER = 'v' * 43
CODE = 'code-SECRET-Splx10BeZQQYbYS6WxSbIA'


token_reply = functools.partial(fake.token_reply, ACCESS_TOKEN)


class Oa2TestCase(fake.EndpointTestCase):
    default_reply = token_reply()

    def setUp(self):
        super().setUp()
        self.tmp = tempfile.TemporaryDirectory()
        self.env = dict(os.environ)
        self.env.pop('G_MESSAGES_DEBUG', None)
        self.env['LC_ALL'] = 'C.UTF-8'
        self.env['OA2_TEST_SECRET'] = CLIENT_SECRET
        self.env['OA2_TEST_CODE'] = CODE
        self.env['OA2_TEST_VERIFIER'] = CODE_VERIFIER

    def tearDown(self):
        self.tmp.cleanup()

    def oa2(self, *args, stdin=None, env=None):
        return subprocess.run([OA2, *args], input=stdin, capture_output=True, text=True,
                              env=env or self.env, timeout=30)

    def token(self, grant, *args, **kwargs):
        return self.oa2('token', grant, '--token-endpoint', self.endpoint, *args, **kwargs)

    def assertNoSecrets(self, result):
        for secret in (ACCESS_TOKEN, REFRESH_TOKEN, ID_TOKEN, CLIENT_SECRET, CODE, CODE_VERIFIER):
            self.assertNotIn(secret, result.stdout)
            self.assertNotIn(secret, result.stderr)

    def path(self, name):
        return os.path.join(self.tmp.name, name)


class CommandLine(Oa2TestCase):
    def test_help_at_every_level(self):
        for args in (['--help'], ['help'], ['token', '--help'], ['help', 'token']):
            result = self.oa2(*args)
            self.assertEqual(result.returncode, 0, args)
            self.assertIn('G_MESSAGES_DEBUG=OA2', result.stdout, args)
        for grant in ('client-credentials', 'authorization-code', 'refresh', 'password', 'jwt-bearer', 'saml2-bearer',
                      'request'):
            result = self.oa2('token', grant, '--help')
            self.assertEqual(result.returncode, 0, grant)
            self.assertIn(f'oa2 token {grant}', result.stdout)
            self.assertIn('--client-secret-env', result.stdout)
            self.assertIn('G_MESSAGES_DEBUG=OA2', result.stdout)
            self.assertNotIn('--client-secret=', result.stdout)
            self.assertIn('--param-env=NAME=VAR', result.stdout)
            self.assertIn('--param-file=NAME=PATH', result.stdout)
            self.assertIn('--access-token-only', result.stdout)
            self.assertNotIn('--param=', result.stdout)
        result = self.oa2('token', 'authorization-code', '--help')
        for option in ('--code-env=VAR', '--code-file=PATH', '--code-verifier-env=VAR',
                       '--code-verifier-file=PATH'):
            self.assertIn(option, result.stdout)
        for hidden in ('--code=', '--code-verifier='):
            self.assertNotIn(hidden, result.stdout)
        result = self.oa2('token', 'request', '--help')
        self.assertIn('--grant-type=TYPE', result.stdout)
        result = self.oa2('authorize', '--help')
        self.assertEqual(result.returncode, 0)
        self.assertIn('oa2 authorize', result.stdout)
        self.assertIn('--authorization-endpoint=URI', result.stdout)
        self.assertIn('authorize', self.oa2('--help').stdout)

    def test_version(self):
        result = self.oa2('--version')
        self.assertEqual(result.returncode, 0)
        self.assertTrue(result.stdout.startswith('oa2 (oauth2client-glib) '))

    def test_usage_errors_exit_2(self):
        cases = [
            [],
            ['bogus'],
            ['token'],
            ['token', 'bogus'],
            ['token', 'client-credentials'],                             # no endpoint
            ['token', 'client-credentials', '--token-endpoint', self.endpoint, 'extra'],
            ['token', 'client-credentials', '--token-endpoint', self.endpoint, '--bogus'],
            ['token', 'client-credentials', '--token-endpoint', self.endpoint, '--client-secret', 'x'],
            ['token', 'client-credentials', '--token-endpoint', self.endpoint, '--client-id', 'c',
             '--client-secret-env', 'OA2_TEST_UNSET_VARIABLE'],
            ['token', 'client-credentials', '--token-endpoint', self.endpoint, '--client-id', 'c',
             '--client-secret-env', 'OA2_TEST_SECRET', '--client-secret-file', '/dev/null'],
            ['token', 'client-credentials', '--token-endpoint', self.endpoint, '--auth', 'basic'],
            ['token', 'client-credentials', '--token-endpoint', self.endpoint, '--auth', 'digest'],
            ['token', 'client-credentials', '--token-endpoint', self.endpoint, '--raw-basic'],
            ['token', 'client-credentials', '--token-endpoint', self.endpoint, '--timeout', '0'],
            ['token', 'client-credentials', '--token-endpoint', self.endpoint,
             '--max-response-size', '100'],
            ['token', 'client-credentials', '--token-endpoint', self.endpoint, '--param-env', 'novar'],
            ['token', 'client-credentials', '--token-endpoint', self.endpoint, '--param-env', '=VAR'],
            ['token', 'client-credentials', '--token-endpoint', self.endpoint, '--param-env', 'a='],
            ['token', 'client-credentials', '--token-endpoint', self.endpoint, '--param-file', 'nopath'],
            ['token', 'client-credentials', '--token-endpoint', self.endpoint,
             '--param-env', 'a=OA2_TEST_UNSET_VARIABLE'],
            ['token', 'client-credentials', '--token-endpoint', self.endpoint,
             '--param-env', 'a=OA2_TEST_SECRET', '--param-file', 'a=/dev/null'],
            ['token', 'client-credentials', '--token-endpoint', self.endpoint, '--access-token-only',
             '--json'],
            ['token', 'client-credentials', '--token-endpoint', self.endpoint, '--json',
             '--output', '/dev/null'],
            ['token', 'authorization-code', '--token-endpoint', self.endpoint],   # no code
            ['token', 'authorization-code', '--token-endpoint', self.endpoint,
             '--code-env', 'OA2_TEST_CODE', '--code-file', '/dev/null'],
            ['token', 'authorization-code', '--token-endpoint', self.endpoint,
             '--code-env', 'OA2_TEST_CODE', '--code-verifier-env', 'OA2_TEST_VERIFIER',
             '--code-verifier-file', '/dev/null'],
            ['token', 'authorization-code', '--token-endpoint', self.endpoint,
             '--code-env', 'OA2_TEST_UNSET_VARIABLE'],
            ['token', 'authorization-code', '--token-endpoint', self.endpoint,
             '--code-env', 'OA2_TEST_CODE', '--scope', 'x'],
            ['token', 'authorization-code', '--token-endpoint', self.endpoint,
             '--code-file', '-', '--code-verifier-file', '-'],                # two from stdin
            ['token', 'request', '--token-endpoint', self.endpoint,
             '--param-file', 'a=-', '--client-id', 'c', '--client-secret-file', '-'],
            ['token', 'refresh', '--token-endpoint', self.endpoint],              # no refresh token
            ['token', 'password', '--token-endpoint', self.endpoint, '--username', 'u'],
            ['token', 'request', '--token-endpoint', self.endpoint],              # no grant_type
            ['token', 'request', '--token-endpoint', self.endpoint, '--grant-type', 'urn:x',
             '--param-env', 'grant_type=OA2_TEST_SECRET'],
            ['token', 'client-credentials', '--token-endpoint', self.endpoint, '--grant-type', 'urn:x'],
        ]
        for args in cases:
            result = self.oa2(*args)
            self.assertEqual(result.returncode, 2, f'{args}: {result.stderr}')
            self.assertTrue(result.stderr.strip(), args)
        self.assertEqual(self.server.requests, [], 'a usage error sent a request')

    def test_arguments_the_library_refuses_exit_2(self):
        self.env['OA2_TEST_OTHER'] = 'other'
        for extra in (['--scope', 'a  b'], ['--param-env', 'client_id=OA2_TEST_OTHER'],
                      ['--resource', 'not a uri']):
            result = self.token('client-credentials', '--client-id', 'c', '--client-secret-env',
                                'OA2_TEST_SECRET', *extra)
            self.assertEqual(result.returncode, 2, f'{extra}: {result.stderr}')
            self.assertIn('OA2_ERROR_INVALID_ARGUMENT', result.stderr)
        result = self.oa2('token', 'client-credentials', '--token-endpoint', 'http://oa2.invalid/token')
        self.assertEqual(result.returncode, 2)
        self.assertIn('OA2_ERROR_INSECURE_TRANSPORT', result.stderr)
        self.assertEqual(self.server.requests, [])


class Grants(Oa2TestCase):
    def test_client_credentials_post_summary_has_no_secret(self):
        self.server.reply = token_reply(scope='api:read', refresh_token=REFRESH_TOKEN,
                                        id_token=ID_TOKEN, extension='x')
        result = self.token('client-credentials', '--client-id', 'my-client', '--client-secret-env',
                            'OA2_TEST_SECRET', '--scope', 'api:read', '--resource', 'https://a.example/',
                            '--resource', 'https://b.example/', '--param-env', 'audience=OA2_TEST_AUDIENCE',
                            env=dict(self.env, OA2_TEST_AUDIENCE='api'))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNoSecrets(result)
        self.assertIn('client_credentials', result.stdout)
        self.assertIn('my-client (client_secret_post)', result.stdout)
        self.assertIn('api:read', result.stdout)
        self.assertIn('in 600 s', result.stdout)
        self.assertIn(f'present, {len(ACCESS_TOKEN)} characters (not shown)', result.stdout)
        self.assertIn('extension', result.stdout)
        form = self.last_request()['form']
        self.assertEqual(form['grant_type'], ['client_credentials'])
        self.assertEqual(form['client_id'], ['my-client'])
        self.assertEqual(form['client_secret'], [CLIENT_SECRET])
        self.assertEqual(form['scope'], ['api:read'])
        self.assertEqual(form['resource'], ['https://a.example/', 'https://b.example/'])
        self.assertEqual(form['audience'], ['api'])

    def test_presets(self):
        """--preset: a vendor's fixed token endpoint path under the given
        server (here the fake endpoint's origin, loopback http)."""
        origin = self.endpoint[:self.endpoint.index('/', len('http://'))]
        cases = [
            ('auth0:' + origin, '/oauth/token'),
            ('ping-federate:' + origin, '/as/token.oauth2'),
            ('keycloak:acme:' + origin, '/realms/acme/protocol/openid-connect/token'),
        ]
        for preset, path in cases:
            result = self.oa2('token', 'client-credentials', '--preset', preset, '--client-id', 'my-client',
                              '--client-secret-env', 'OA2_TEST_SECRET')
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(self.server.requests[-1]['path'], path, preset)
            self.assertEqual(self.server.requests[-1]['form']['grant_type'], ['client_credentials'])
        for args in (['--preset', 'nowhere:x'], ['--preset', 'keycloak:acme'],
                     ['--preset', 'entra-id:a/b'], ['--preset', 'auth0:http://example.com'],
                     ['--preset', 'auth0:' + origin, '--token-endpoint', self.endpoint]):
            result = self.oa2('token', 'client-credentials', *args)
            self.assertEqual(result.returncode, 2, f'{args}: {result.stderr}')
            self.assertIn('preset', result.stderr.lower() + ' '.join(args))

    def test_summary_shows_the_endpoint_without_userinfo_or_query(self):
        endpoint = self.endpoint.replace('http://', 'http://user:PW-SECRET@') + '?key=Q-SECRET'
        result = self.oa2('token', 'client-credentials', '--token-endpoint', endpoint)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('Token from ' + self.endpoint + '\n', result.stdout)
        for secret in ('PW-SECRET', 'Q-SECRET', 'user:'):
            self.assertNotIn(secret, result.stdout + result.stderr)

    def test_client_credentials_basic(self):
        result = self.token('client-credentials', '--client-id', 'my client', '--auth', 'basic',
                            '--client-secret-env', 'OA2_TEST_SECRET')
        self.assertEqual(result.returncode, 0, result.stderr)
        request = self.last_request()
        self.assertNotIn('client_secret', request['form'])
        expected = 'my+client:' + urllib.parse.quote_plus(CLIENT_SECRET)
        self.assertEqual(request['headers']['Authorization'],
                         'Basic ' + base64.b64encode(expected.encode()).decode())

    def test_client_credentials_raw_basic(self):
        result = self.token('client-credentials', '--client-id', 'my-client', '--auth', 'basic',
                            '--raw-basic', '--client-secret-env', 'OA2_TEST_SECRET')
        self.assertEqual(result.returncode, 0, result.stderr)
        expected = 'my-client:' + CLIENT_SECRET
        self.assertEqual(self.last_request()['headers']['Authorization'],
                         'Basic ' + base64.b64encode(expected.encode()).decode())

    def test_secret_file_and_stdin(self):
        secret_file = self.path('secret')
        with open(secret_file, 'w') as f:
            f.write(CLIENT_SECRET + '\n')
        os.chmod(secret_file, 0o600)
        result = self.token('client-credentials', '--client-id', 'c', '--client-secret-file', secret_file)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.last_request()['form']['client_secret'], [CLIENT_SECRET])
        self.assertNotIn('warning', result.stderr)

        os.chmod(secret_file, 0o644)
        self.server.requests.clear()
        result = self.token('client-credentials', '--client-id', 'c', '--client-secret-file', secret_file)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('chmod 600', result.stderr)

        self.server.requests.clear()
        result = self.token('client-credentials', '--client-id', 'c', '--client-secret-file', '-',
                            stdin=CLIENT_SECRET + '\r\n')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.last_request()['form']['client_secret'], [CLIENT_SECRET])

    def test_public_client_by_default(self):
        result = self.token('client-credentials', '--client-id', 'pub')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('pub (none)', result.stdout)
        form = self.last_request()['form']
        self.assertEqual(form['client_id'], ['pub'])
        self.assertNotIn('client_secret', form)

    def test_json_output_is_the_stored_token(self):
        self.server.reply = token_reply(refresh_token=REFRESH_TOKEN, scope='a b')
        result = self.token('client-credentials', '--client-id', 'c', '--json')
        self.assertEqual(result.returncode, 0, result.stderr)
        stored = json.loads(result.stdout)
        self.assertEqual(stored['access_token'], ACCESS_TOKEN)
        self.assertEqual(stored['refresh_token'], REFRESH_TOKEN)
        self.assertIn('expires_at', stored)
        self.assertNotIn('expires_in', stored)

    def test_debug_trace_goes_to_stderr_redacted(self):
        env = dict(self.env, G_MESSAGES_DEBUG='OA2')
        result = self.token('client-credentials', '--client-id', 'c', '--client-secret-env',
                            'OA2_TEST_SECRET', '--json', env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        json.loads(result.stdout)                       # nothing but the token on stdout
        self.assertIn('POST ' + self.endpoint, result.stderr)
        self.assertIn('[redacted]', result.stderr)
        self.assertNotIn(ACCESS_TOKEN, result.stderr)
        self.assertNotIn(urllib.parse.quote_plus(CLIENT_SECRET), result.stderr)

    def test_authorization_code(self):
        result = self.token('authorization-code', '--client-id', 'pub', '--code-env', 'OA2_TEST_CODE',
                            '--redirect-uri', 'http://127.0.0.1:5000/cb',
                            '--code-verifier-env', 'OA2_TEST_VERIFIER')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNoSecrets(result)
        form = self.last_request()['form']
        self.assertEqual(form['grant_type'], ['authorization_code'])
        self.assertEqual(form['code'], [CODE])
        self.assertEqual(form['redirect_uri'], ['http://127.0.0.1:5000/cb'])
        self.assertEqual(form['code_verifier'], [CODE_VERIFIER])

    def test_authorization_code_from_files_and_stdin(self):
        code_file = self.path('code')
        with open(code_file, 'w') as f:
            f.write(CODE + '\n')
        os.chmod(code_file, 0o600)
        result = self.token('authorization-code', '--client-id', 'pub', '--code-file', code_file,
                            '--code-verifier-file', '-', stdin=CODE_VERIFIER + '\n')
        self.assertEqual(result.returncode, 0, result.stderr)
        form = self.last_request()['form']
        self.assertEqual(form['code'], [CODE])
        self.assertEqual(form['code_verifier'], [CODE_VERIFIER])

        # Without a verifier, none is sent.
        self.server.requests.clear()
        result = self.token('authorization-code', '--client-id', 'pub', '--code-file', '-',
                            stdin=CODE)
        self.assertEqual(result.returncode, 0, result.stderr)
        form = self.last_request()['form']
        self.assertEqual(form['code'], [CODE])
        self.assertNotIn('code_verifier', form)

    def test_refresh_from_env_and_from_a_stored_token(self):
        self.env['OA2_TEST_RT'] = REFRESH_TOKEN
        result = self.token('refresh', '--client-id', 'pub', '--refresh-token-env', 'OA2_TEST_RT',
                            '--scope', 'a')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNoSecrets(result)
        form = self.last_request()['form']
        self.assertEqual(form['grant_type'], ['refresh_token'])
        self.assertEqual(form['refresh_token'], [REFRESH_TOKEN])
        self.assertEqual(form['scope'], ['a'])
        # No refresh_token in the response: the old one is kept, "unchanged".
        self.assertIn('unchanged', result.stdout)

        # A stored token, renewed in place with --output; the server rotates.
        stored = self.path('token.json')
        self.server.requests.clear()
        self.server.reply = token_reply(refresh_token=REFRESH_TOKEN)
        result = self.token('client-credentials', '--client-id', 'pub', '--output', stored)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNoSecrets(result)
        self.assertEqual(stat.S_IMODE(os.stat(stored).st_mode), 0o600)

        self.server.requests.clear()
        self.server.reply = token_reply(refresh_token='rt-NEW')
        result = self.token('refresh', '--client-id', 'pub', '--token-file', stored, '--output', stored)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('rotated', result.stdout)
        self.assertEqual(self.last_request()['form']['refresh_token'], [REFRESH_TOKEN])
        with open(stored) as f:
            self.assertEqual(json.load(f)['refresh_token'], 'rt-NEW')
        self.assertEqual(stat.S_IMODE(os.stat(stored).st_mode), 0o600)

        # Rotated but not saved: a warning.
        self.server.requests.clear()
        self.server.reply = token_reply(refresh_token='rt-NEWER')
        result = self.token('refresh', '--client-id', 'pub', '--token-file', stored)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('not saved', result.stderr)

    def test_refresh_token_file_without_refresh_token(self):
        stored = self.path('token.json')
        with open(stored, 'w') as f:
            json.dump({'access_token': 'x', 'token_type': 'Bearer'}, f)
        result = self.token('refresh', '--client-id', 'pub', '--token-file', stored)
        self.assertEqual(result.returncode, 2)
        self.assertIn('no refresh token', result.stderr)

    def test_password(self):
        self.env['OA2_TEST_PASSWORD'] = 'pa ss'
        result = self.token('password', '--client-id', 'c', '--username', 'alice',
                            '--password-env', 'OA2_TEST_PASSWORD')
        self.assertEqual(result.returncode, 0, result.stderr)
        form = self.last_request()['form']
        self.assertEqual(form['grant_type'], ['password'])
        self.assertEqual(form['username'], ['alice'])
        self.assertEqual(form['password'], ['pa ss'])

    def test_jwt_bearer(self):
        assertion = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.SECRET-c2lnbmF0dXJl'
        path = self.path('assertion')
        with open(path, 'w') as f:
            f.write(assertion + '\n')
        os.chmod(path, 0o600)
        result = self.token('jwt-bearer', '--assertion-file', path, '--scope', 'api:read')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn(assertion, result.stdout + result.stderr)
        form = self.last_request()['form']
        self.assertEqual(form, {'grant_type': ['urn:ietf:params:oauth:grant-type:jwt-bearer'],
                                'assertion': [assertion], 'scope': ['api:read']})

        self.server.requests.clear()
        result = self.token('jwt-bearer', '--client-id', 'c', '--client-secret-env', 'OA2_TEST_SECRET',
                            '--assertion-file', '-', stdin=assertion)
        self.assertEqual(result.returncode, 0, result.stderr)
        form = self.last_request()['form']
        self.assertEqual(form['assertion'], [assertion])
        self.assertEqual(form['client_secret'], [CLIENT_SECRET])

        # Exactly one source, and never the command line.
        self.server.requests.clear()
        for args in ([], ['--assertion-file', path, '--assertion-env', 'OA2_TEST_SECRET']):
            result = self.token('jwt-bearer', *args)
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn('--assertion-env and --assertion-file', result.stderr)
        result = self.token('jwt-bearer', '--assertion', assertion)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn('--assertion-env VAR or --assertion-file PATH', result.stderr)
        self.assertEqual(self.server.requests, [])

    def test_saml2_bearer(self):
        # Standard base64 of this would hold '+', '/' and '='; base64url
        # without padding (RFC 7522 §2.1) holds none of them.
        xml = ('<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a1">'
               '<saml:Subject>alice?~</saml:Subject></saml:Assertion>')
        encoded = base64.urlsafe_b64encode(xml.encode()).rstrip(b'=').decode()
        self.assertIn('+', base64.b64encode(xml.encode()).decode())
        path = self.path('assertion.xml')
        with open(path, 'w') as f:
            f.write(xml + '\n')
        os.chmod(path, 0o600)
        result = self.token('saml2-bearer', '--client-id', 'c', '--client-secret-env', 'OA2_TEST_SECRET',
                            '--assertion-file', path, '--scope', 'api:read',
                            '--resource', 'https://rs.example/', '--param-env', 'tenant=OA2_TEST_CODE')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn(encoded, result.stdout + result.stderr)
        body = self.last_request()['body']
        self.assertEqual(body, 'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Asaml2-bearer'
                               '&assertion=' + encoded + '&scope=api%3Aread'
                               '&resource=https%3A%2F%2Frs.example%2F&tenant=' + urllib.parse.quote_plus(CODE) +
                               '&client_id=c&client_secret=' + urllib.parse.quote_plus(CLIENT_SECRET))
        for c in '+/=':
            self.assertNotIn(c, encoded)

        self.server.requests.clear()
        result = self.token('saml2-bearer', '--assertion-file', '-', stdin=xml)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.last_request()['form']['assertion'], [encoded])

        # The server's refusal exits 1.
        self.server.reply = fake.error_reply(400, 'invalid_grant', 'assertion expired')
        result = self.token('saml2-bearer', '--assertion-file', path)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn('assertion expired', result.stderr)
        self.assertIn('OA2_OAUTH_ERROR_INVALID_GRANT', result.stderr)

        # Exactly one source, never the command line, never empty.
        self.server.requests.clear()
        empty = self.path('empty.xml')
        open(empty, 'w').close()
        for args in ([], ['--assertion-file', path, '--assertion-env', 'OA2_TEST_SECRET']):
            result = self.token('saml2-bearer', *args)
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn('--assertion-file and --assertion-env', result.stderr)
        result = self.token('saml2-bearer', '--assertion', xml)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn('--assertion-env VAR or --assertion-file PATH', result.stderr)
        result = self.token('saml2-bearer', '--assertion-file', empty)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertEqual(self.server.requests, [])

    def test_request_any_grant(self):
        assertion = self.path('assertion')
        with open(assertion, 'w') as f:
            f.write('abc\n')
        os.chmod(assertion, 0o600)
        result = self.token('request', '--client-id', 'c', '--client-secret-env', 'OA2_TEST_SECRET',
                            '--grant-type', 'urn:example:grant', '--param-file', f'assertion={assertion}',
                            '--param-env', 'subject_token=OA2_TEST_CODE',
                            '--scope', 's1 s2', '--resource', 'https://r.example/')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('urn:example:grant', result.stdout)
        form = self.last_request()['form']
        self.assertEqual(form['grant_type'], ['urn:example:grant'])
        self.assertEqual(form['assertion'], ['abc'])
        self.assertEqual(form['subject_token'], [CODE])
        self.assertEqual(form['scope'], ['s1 s2'])
        self.assertEqual(form['resource'], ['https://r.example/'])
        self.assertEqual(form['client_secret'], [CLIENT_SECRET])
        self.assertNoSecrets(result)

        # The grant type may come from a --param-env or --param-file too.
        self.server.requests.clear()
        result = self.token('request', '--client-id', 'c', '--param-env', 'grant_type=OA2_TEST_GT',
                            env=dict(self.env, OA2_TEST_GT='urn:example:other'))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.last_request()['form']['grant_type'], ['urn:example:other'])

    def test_access_token_only(self):
        self.server.reply = token_reply(refresh_token=REFRESH_TOKEN, scope='a')
        result = self.token('client-credentials', '--client-id', 'c', '--access-token-only')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, ACCESS_TOKEN + '\n')
        self.assertEqual(result.stderr, '')

        # With --output: the whole token saved, the access token printed.
        stored = self.path('token.json')
        result = self.token('client-credentials', '--client-id', 'c', '--access-token-only',
                            '--output', stored)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, ACCESS_TOKEN + '\n')
        with open(stored) as f:
            self.assertEqual(json.load(f)['refresh_token'], REFRESH_TOKEN)
        self.assertEqual(stat.S_IMODE(os.stat(stored).st_mode), 0o600)

        # A failure prints nothing on standard output.
        self.server.reply = fake.error_reply(401, 'invalid_client')
        result = self.token('client-credentials', '--client-id', 'c', '--access-token-only')
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, '')


class ClientAssertions(Oa2TestCase):
    """--auth client_secret_jwt and --auth private_key_jwt --key FILE."""

    def write(self, name, content, mode=0o600):
        path = self.path(name)
        with open(path, 'w') as f:
            f.write(content if isinstance(content, str) else json.dumps(content))
        os.chmod(path, mode)
        return path

    def assertion(self):
        form = self.last_request()['form']
        self.assertNotIn('client_secret', form)
        self.assertEqual(form['client_id'], ['my-client'])
        self.assertEqual(form['client_assertion_type'],
                         ['urn:ietf:params:oauth:client-assertion-type:jwt-bearer'])
        return form['client_assertion'][0]

    def check_claims(self, claims):
        self.assertEqual(claims['iss'], 'my-client')
        self.assertEqual(claims['sub'], 'my-client')
        self.assertEqual(claims['aud'], self.endpoint)
        self.assertEqual(claims['exp'], claims['iat'] + 60)
        self.assertAlmostEqual(claims['iat'], time.time(), delta=60)
        self.assertEqual(len(claims['jti']), 22)

    def test_private_key_jwt(self):
        for alg in ('ES256', 'EdDSA'):
            with self.subTest(alg=alg):
                self.server.requests.clear()
                generated = self.oa2('jwk', 'generate', alg, '--private')
                self.assertEqual(generated.returncode, 0, generated.stderr)
                key = json.loads(generated.stdout)
                key_path = self.write('key.jwk', key)
                public_path = self.write('pub.jwk', self.oa2('jwk', 'public', key_path).stdout)

                result = self.token('client-credentials', '--client-id', 'my-client',
                                    '--auth', 'private_key_jwt', '--key', key_path)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertNotIn(key['d'], result.stdout + result.stderr)
                assertion = self.assertion()
                header = json.loads(b64url_decode(assertion.split('.')[0]))
                self.assertEqual(header, {'alg': alg, 'kid': key['kid']})
                verified = self.oa2('jwt', 'verify', assertion, '--jwk', public_path, '--alg', alg,
                                    '--issuer', 'my-client', '--audience', self.endpoint)
                self.assertEqual(verified.returncode, 0, verified.stderr)
                self.check_claims(json.loads(verified.stdout))

    def test_client_secret_jwt(self):
        secret = 'cs-jwt-' + 'k' * 48   # HS384 needs at least 48 bytes
        env = dict(self.env, OA2_TEST_JWT_SECRET=secret)
        result = self.token('client-credentials', '--client-id', 'my-client', '--auth', 'client_secret_jwt',
                            '--alg', 'HS384', '--client-secret-env', 'OA2_TEST_JWT_SECRET', env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn(secret, result.stdout + result.stderr)
        assertion = self.assertion()
        signing_input, signature = assertion.rsplit('.', 1)
        expected = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha384).digest()
        self.assertEqual(b64url_decode(signature), expected)
        header, claims = (json.loads(b64url_decode(part)) for part in signing_input.split('.'))
        self.assertEqual(header, {'alg': 'HS384'})
        self.check_claims(claims)

    def test_construction_errors(self):
        public = self.oa2('jwk', 'generate', 'ES256')
        public_path = self.write('pub.jwk', public.stdout)
        result = self.token('client-credentials', '--client-id', 'my-client',
                            '--auth', 'private_key_jwt', '--key', public_path)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn('needs a private key', result.stderr)
        self.assertIn('OA2_ERROR_KEY_MISMATCH', result.stderr)
        env = dict(self.env, OA2_TEST_JWT_SECRET='short')
        result = self.token('client-credentials', '--client-id', 'my-client', '--auth', 'client_secret_jwt',
                            '--client-secret-env', 'OA2_TEST_JWT_SECRET', env=env)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn('HS256 needs a key of at least 256 bits', result.stderr)
        self.assertEqual(self.server.requests, [])

    def test_usage_errors(self):
        key_path = self.write('key.jwk', self.oa2('jwk', 'generate', 'ES256', '--private').stdout)
        cases = [
            (['--auth', 'private_key_jwt'], '--auth private_key_jwt needs --key PATH'),
            (['--auth', 'private_key_jwt', '--key', key_path, '--client-secret-env', 'OA2_TEST_SECRET'],
             'sends no secret'),
            (['--auth', 'post', '--key', key_path, '--client-secret-env', 'OA2_TEST_SECRET'],
             '--key goes with --auth private_key_jwt'),
            (['--auth', 'basic', '--alg', 'HS256', '--client-secret-env', 'OA2_TEST_SECRET'],
             '--alg goes with --auth client_secret_jwt or private_key_jwt'),
            (['--auth', 'client_secret_jwt'], 'needs --client-secret-env VAR or --client-secret-file PATH'),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                result = self.token('client-credentials', '--client-id', 'my-client', *args)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn(message, result.stderr)
        # A private key that others can read is refused.
        os.chmod(key_path, 0o644)
        result = self.token('client-credentials', '--client-id', 'my-client',
                            '--auth', 'private_key_jwt', '--key', key_path)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn('chmod 600', result.stderr)
        self.assertEqual(self.server.requests, [])


class MutualTls(Oa2TestCase):
    """--auth tls_client_auth and self_signed_tls_client_auth --cert FILE
    --key FILE --ca-file FILE, against the fake endpoint over https, which
    asks for a client certificate from the test CA."""

    @classmethod
    def setUpClass(cls):
        cls.certs = tempfile.TemporaryDirectory()
        subprocess.run([os.environ['OA2_MAKE_MTLS_CERTS'], cls.certs.name], check=True)
        for name in os.listdir(cls.certs.name):
            os.chmod(os.path.join(cls.certs.name, name), 0o600)
        cls.cert = os.path.join(cls.certs.name, 'pki-client.pem')
        cls.key = os.path.join(cls.certs.name, 'pki-client-key.pem')
        cls.ca = os.path.join(cls.certs.name, 'ca.pem')
        cls.server = fake.FakeTokenEndpoint(
            cls.default_reply,
            tls=(os.path.join(cls.certs.name, 'server.pem'), os.path.join(cls.certs.name, 'server-key.pem'),
                 cls.ca))
        cls.server.start()
        cls.endpoint = cls.server.url

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.certs.cleanup()

    def setUp(self):
        super().setUp()
        self.server.requests.clear()
        self.server.reply = self.default_reply

    def der(self, path):
        with open(path) as f:
            return ssl.PEM_cert_to_DER_cert(f.read())

    def test_certificate_presented(self):
        for method in ('tls_client_auth', 'self_signed_tls_client_auth'):
            with self.subTest(method=method):
                self.server.requests.clear()
                result = self.token('client-credentials', '--client-id', 'my-client', '--auth', method,
                                    '--cert', self.cert, '--key', self.key, '--ca-file', self.ca)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn(f'my-client ({method})', result.stdout)
                self.assertNoSecrets(result)
                request = self.last_request()
                self.assertEqual(request['peer_certificate'], self.der(self.cert))
                self.assertEqual(request['form'], {'grant_type': ['client_credentials'],
                                                   'client_id': ['my-client']})
                self.assertNotIn('Authorization', request['headers'])

    def test_api_client_credentials(self):
        """oa2 api --client-credentials --auth tls_client_auth: the
        certificate goes to the token endpoint, and with the token to the
        API (certificate-bound tokens, RFC 8705 §3), whose CA is
        --api-ca-file."""
        api = fake.FakeTokenEndpoint(
            fake.json_reply(200, {'ok': True}),
            tls=(os.path.join(self.certs.name, 'server.pem'), os.path.join(self.certs.name, 'server-key.pem'),
                 self.ca))
        api.start()
        url = api.url.replace('/token', '/v1/things')
        args = ['--client-credentials', '--token-endpoint', self.endpoint, '--client-id', 'my-client',
                '--auth', 'tls_client_auth', '--cert', self.cert, '--key', self.key, '--ca-file', self.ca]
        try:
            result = self.oa2('api', 'GET', url, *args, '--api-ca-file', self.ca)
            # the API's CA is not the token endpoint's to trust
            untrusted = self.oa2('api', 'GET', url, *args)
            unreadable = self.oa2('api', 'GET', url, *args, '--api-ca-file', self.path('missing.pem'))
        finally:
            api.stop()
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNoSecrets(result)
        self.assertEqual(json.loads(result.stdout), {'ok': True})
        self.assertEqual(len(api.requests), 1)
        self.assertEqual(api.requests[0]['path'], '/v1/things')
        self.assertEqual(api.requests[0]['headers']['Authorization'], 'Bearer ' + ACCESS_TOKEN)
        self.assertEqual(api.requests[0]['peer_certificate'], self.der(self.cert))
        # the token endpoint: the first run's request, then the second's
        self.assertEqual(len(self.server.requests), 2)
        request = self.server.requests[0]
        self.assertEqual(request['peer_certificate'], self.der(self.cert))
        self.assertEqual(request['form'], {'grant_type': ['client_credentials'], 'client_id': ['my-client']})
        self.assertEqual(untrusted.returncode, 1, untrusted.stderr)
        self.assertIn('G_TLS_ERROR', untrusted.stderr)
        self.assertEqual(unreadable.returncode, 2, unreadable.stderr)
        self.assertIn('Cannot read the CA certificates', unreadable.stderr)

    def test_api_help(self):
        result = self.oa2('api', '--help')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('--api-ca-file=PATH', result.stdout)
        self.assertIn('requests present --cert too', result.stdout)

    def test_api_certificate_needs_https(self):
        """A certificate goes over https only: a plain http API fails before
        anything is sent to it."""
        api = fake.FakeTokenEndpoint(fake.json_reply(200, {}))
        api.start()
        try:
            result = self.oa2('api', 'GET', api.url.replace('/token', '/v1/things'), '--client-credentials',
                              '--token-endpoint', self.endpoint, '--client-id', 'my-client',
                              '--auth', 'self_signed_tls_client_auth', '--cert', self.cert, '--key', self.key,
                              '--ca-file', self.ca)
        finally:
            api.stop()
        # the URL given is at fault: a usage error
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn('OA2_ERROR_INSECURE_TRANSPORT', result.stderr)
        self.assertIn('can only be presented over https', result.stderr)
        self.assertEqual(api.requests, [])

    def test_key_in_the_certificate_file(self):
        both = self.path('both.pem')
        with open(both, 'w') as out, open(self.cert) as c, open(self.key) as k:
            out.write(c.read() + k.read())
        os.chmod(both, 0o600)
        result = self.token('client-credentials', '--client-id', 'my-client', '--auth', 'tls_client_auth',
                            '--cert', both, '--ca-file', self.ca)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.last_request()['peer_certificate'], self.der(self.cert))

    def test_errors(self):
        other_key = os.path.join(self.certs.name, 'self-signed-key.pem')
        cases = [
            # usage errors: exit 2
            (['--auth', 'tls_client_auth', '--ca-file', self.ca], 2, '--auth tls_client_auth needs --cert PATH'),
            (['--auth', 'post', '--cert', self.cert, '--client-secret-env', 'OA2_TEST_SECRET'], 2,
             '--cert goes with --auth tls_client_auth or self_signed_tls_client_auth'),
            (['--auth', 'tls_client_auth', '--cert', self.cert, '--key', self.key,
              '--client-secret-env', 'OA2_TEST_SECRET'], 2, 'sends no secret'),
            (['--auth', 'tls_client_auth', '--cert', self.path('missing.pem'), '--key', self.key], 2,
             'missing.pem'),
            (['--auth', 'tls_client_auth', '--cert', self.cert, '--key', self.key,
              '--ca-file', self.path('missing.pem')], 2, 'Cannot read the CA certificates'),
            # the library's construction errors: exit 1
            (['--auth', 'tls_client_auth', '--cert', self.cert], 1, 'OA2_ERROR_INVALID_KEY'),
            (['--auth', 'self_signed_tls_client_auth', '--cert', self.cert, '--key', other_key], 1,
             'OA2_ERROR_KEY_MISMATCH'),
        ]
        for args, status, message in cases:
            with self.subTest(args=args):
                result = self.token('client-credentials', '--client-id', 'my-client', *args)
                self.assertEqual(result.returncode, status, result.stderr)
                self.assertIn(message, result.stderr)
        # a private key that others can read is refused
        shared = self.path('shared-key.pem')
        shutil.copy(self.key, shared)
        os.chmod(shared, 0o644)
        result = self.token('client-credentials', '--client-id', 'my-client', '--auth', 'tls_client_auth',
                            '--cert', self.cert, '--key', shared)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn('chmod 600', result.stderr)
        self.assertEqual(self.server.requests, [])

    def test_server_not_trusted_without_ca_file(self):
        result = self.token('client-credentials', '--client-id', 'my-client', '--auth', 'tls_client_auth',
                            '--cert', self.cert, '--key', self.key)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn('G_TLS_ERROR', result.stderr)


class SecretsOnTheCommandLine(Oa2TestCase):
    """Values that other users could read with ps are refused, with a hint."""

    def assertRefused(self, grant, args, hints):
        result = self.token(grant, '--client-id', 'c', *args)
        self.assertEqual(result.returncode, 2, f'{args}: {result.stderr}')
        self.assertIn('command line', result.stderr, args)
        for hint in hints:
            self.assertIn(hint, result.stderr, args)
        self.assertEqual(self.server.requests, [], args)

    def test_client_secret(self):
        self.assertRefused('client-credentials', ['--client-secret', 'x'],
                           ['--client-secret-env VAR', '--client-secret-file PATH'])
        self.assertRefused('client-credentials', ['--client-secret=x'],
                           ['--client-secret-env VAR', '--client-secret-file PATH'])

    def test_code_and_verifier(self):
        self.assertRefused('authorization-code', ['--code', CODE],
                           ['--code-env VAR', '--code-file PATH'])
        self.assertRefused('authorization-code', ['--code-env', 'OA2_TEST_CODE',
                                                  '--code-verifier', CODE_VERIFIER],
                           ['--code-verifier-env VAR', '--code-verifier-file PATH'])

    def test_param(self):
        for grant in ('client-credentials', 'authorization-code', 'refresh', 'password', 'jwt-bearer', 'saml2-bearer',
                      'request'):
            self.assertRefused(grant, ['--param', 'audience=api'],
                               ['--param-env audience=VAR', '--param-file audience=PATH'])

    def test_refresh_token_and_password(self):
        self.assertRefused('refresh', ['--refresh-token', REFRESH_TOKEN],
                           ['--refresh-token-env VAR', '--refresh-token-file PATH'])
        self.assertRefused('password', ['--username', 'u', '--password', 'pw'],
                           ['--password-env VAR', '--password-file PATH'])


class Exchange(Oa2TestCase):
    """oa2 exchange: the token exchange grant (RFC 8693)."""

    default_reply = token_reply(issued_token_type='urn:ietf:params:oauth:token-type:access_token')
    URN = 'urn:ietf:params:oauth:token-type:'

    def exchange(self, *args, **kwargs):
        return self.oa2('exchange', '--token-endpoint', self.endpoint, '--client-id', 'c',
                        '--client-secret-env', 'OA2_TEST_SECRET', '--auth', 'basic', *args, **kwargs)

    def test_stored_token_as_subject(self):
        stored = self.path('token.json')
        with open(stored, 'w') as f:
            json.dump({'access_token': 'subject-SECRET-1', 'token_type': 'Bearer'}, f)
        os.chmod(stored, 0o600)
        result = self.exchange('--token-file', stored, '--audience', 'urn:example:api',
                               '--requested-token-type', 'access_token', '--scope', 'api:read',
                               '--resource', 'https://api.example/', '--resource', 'https://b.example/')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNoSecrets(result)
        self.assertNotIn('subject-SECRET-1', result.stdout + result.stderr)
        self.assertIn('urn:ietf:params:oauth:grant-type:token-exchange', result.stdout)
        self.assertIn('issued type:     ' + self.URN + 'access_token', result.stdout)
        self.assertEqual(self.last_request()['body'],
                         'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange'
                         '&subject_token=subject-SECRET-1'
                         '&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token'
                         '&requested_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token'
                         '&audience=urn%3Aexample%3Aapi&scope=api%3Aread'
                         '&resource=https%3A%2F%2Fapi.example%2F&resource=https%3A%2F%2Fb.example%2F')

    def test_bare_tokens_with_types(self):
        env = dict(self.env, OA2_SUBJECT='subj-SECRET', OA2_ACTOR='actor-SECRET')
        result = self.exchange('--subject-token-env', 'OA2_SUBJECT', '--subject-token-type', 'jwt',
                               '--actor-token-file', '-', '--actor-token-type', 'urn:example:type',
                               stdin='actor-SECRET\n', env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        form = self.last_request()['form']
        self.assertEqual(form['subject_token'], ['subj-SECRET'])
        self.assertEqual(form['subject_token_type'], [self.URN + 'jwt'])
        self.assertEqual(form['actor_token'], ['actor-SECRET'])
        self.assertEqual(form['actor_token_type'], ['urn:example:type'])
        self.assertNotIn('SECRET', result.stdout + result.stderr)

    def test_usage_errors_exit_2(self):
        env = dict(self.env, OA2_SUBJECT='s')
        cases = [
            ([], 'exactly one of --token-file'),
            (['--subject-token-env', 'OA2_SUBJECT'], 'need --subject-token-type'),
            (['--subject-token-env', 'OA2_SUBJECT', '--subject-token-type', 'bogus'], '“bogus”'),
            (['--subject-token-env', 'OA2_SUBJECT', '--subject-token-type', 'jwt',
              '--actor-token-type', 'jwt'], 'go together'),
            (['--subject-token', 'x'], '--subject-token-env VAR or --subject-token-file PATH'),
            (['--subject-token-env', 'OA2_SUBJECT', '--subject-token-type', 'jwt', '--actor-token', 'x'],
             '--actor-token-env VAR or --actor-token-file PATH'),
        ]
        for args, message in cases:
            result = self.exchange(*args, env=env)
            self.assertEqual(result.returncode, 2, f'{args}: {result.stderr}')
            self.assertIn(message, result.stderr, args)
        self.assertEqual(self.server.requests, [])

    def test_server_refusal_and_missing_issued_type_exit_1(self):
        env = dict(self.env, OA2_SUBJECT='s')
        args = ['--subject-token-env', 'OA2_SUBJECT', '--subject-token-type', 'access_token']
        self.server.reply = fake.error_reply(400, 'invalid_grant', 'subject token expired')
        result = self.exchange(*args, env=env)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn('subject token expired', result.stderr)
        self.server.reply = token_reply()
        self.server.requests.clear()
        result = self.exchange(*args, env=env)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn('issued_token_type', result.stderr)

    def test_token_of_another_type(self):
        # RFC 8693 §2.2.1: a JWT for another party comes back as N_A; the
        # summary names its type and hides it, --output and --json keep it.
        env = dict(self.env, OA2_SUBJECT='subj-SECRET')
        args = ['--subject-token-env', 'OA2_SUBJECT', '--subject-token-type', 'access_token']
        self.server.reply = token_reply(token_type='N_A', issued_token_type=self.URN + 'jwt', scope='x',
                                        partner='p1')
        saved = self.path('issued.json')
        result = self.exchange(*args, '--requested-token-type', 'jwt', '--output', saved, env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNoSecrets(result)
        self.assertIn('issued type:     ' + self.URN + 'jwt', result.stdout)
        self.assertIn('token type:      N_A', result.stdout)
        self.assertIn('not an access token', result.stdout)
        self.assertIn('other members:   partner (values not shown)', result.stdout)
        self.assertEqual(self.last_request()['form']['requested_token_type'], [self.URN + 'jwt'])
        self.assertEqual(os.stat(saved).st_mode & 0o777, 0o600)
        with open(saved) as f:
            stored = json.load(f)
        self.assertEqual(stored['access_token'], ACCESS_TOKEN)
        self.assertEqual(stored['token_type'], 'N_A')
        self.assertEqual(stored['issued_token_type'], self.URN + 'jwt')
        self.assertEqual(stored['partner'], 'p1')
        self.assertIn('expires_at', stored)

        self.server.requests.clear()
        result = self.exchange(*args, '--any-token-type', '--json', env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout)['access_token'], ACCESS_TOKEN)
        self.assertNotIn('requested_token_type', self.last_request()['form'])
        result = self.exchange(*args, '--any-token-type', '--access-token-only', env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, ACCESS_TOKEN + '\n')

        # Without either, N_A is refused, pointing to the way to get it.
        result = self.exchange(*args, env=env)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn('N_A', result.stderr)
        self.assertNotIn(ACCESS_TOKEN, result.stdout + result.stderr)

        # An issued-type reply without issued_token_type fails.
        self.server.reply = token_reply(token_type='N_A')
        result = self.exchange(*args, '--any-token-type', env=env)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn('issued_token_type', result.stderr)

        # No DPoP proof goes with it, so --dpop is refused before any request.
        self.server.requests.clear()
        result = self.exchange(*args, '--any-token-type', '--dpop', env=env)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn('--any-token-type', result.stderr)
        self.assertEqual(self.server.requests, [])


class Ciba(Oa2TestCase):
    """oa2 ciba: the backchannel authentication request, then the CIBA grant
    polled. The fake endpoint gives both requests one answer, which holds
    what each needs."""

    default_reply = fake.json_reply(200, {'auth_req_id': 'ar-SECRET-1', 'expires_in': 60, 'interval': 1,
                                          'access_token': ACCESS_TOKEN, 'token_type': 'Bearer',
                                          'expires_in': 600})

    def ciba(self, *args, **kwargs):
        base = self.endpoint.rsplit('/', 1)[0]
        return self.oa2('ciba', '--token-endpoint', base + '/token',
                        '--backchannel-authentication-endpoint', base + '/bc',
                        '--client-id', 'c', '--client-secret-env', 'OA2_TEST_SECRET', '--auth', 'basic',
                        *args, **kwargs)

    def test_poll_mode(self):
        env = dict(self.env, OA2_USER_CODE='uc-SECRET')
        result = self.ciba('--login-hint', 'alice@example.com', '--binding-message', 'W4SCT',
                           '--requested-expiry', '120', '--acr-values', 'urn:acr:1', '--user-code-env',
                           'OA2_USER_CODE', '--scope', 'openid email', env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNoSecrets(result)
        self.assertNotIn('SECRET', result.stdout + result.stderr)
        self.assertIn('“W4SCT”', result.stderr)
        self.assertIn('urn:openid:params:grant-type:ciba', result.stdout)
        backchannel, token = self.server.requests
        self.assertEqual(backchannel['path'], '/bc')
        self.assertEqual(backchannel['body'],
                         'scope=openid+email&acr_values=urn%3Aacr%3A1&login_hint=alice%40example.com'
                         '&binding_message=W4SCT&user_code=uc-SECRET&requested_expiry=120')
        self.assertTrue(backchannel['headers']['Authorization'].startswith('Basic '))
        self.assertEqual(token['path'], '/token')
        self.assertEqual(token['body'], 'grant_type=urn%3Aopenid%3Aparams%3Agrant-type%3Aciba&auth_req_id=ar-SECRET-1')

    def test_hint_from_a_file(self):
        result = self.ciba('--id-token-hint-file', '-', stdin='eyJ.hint.SECRET\n')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.server.requests[0]['body'], 'scope=openid&id_token_hint=eyJ.hint.SECRET')

    def test_denied_exit_1(self):
        self.server.reply = fake.error_reply(400, 'unknown_user_id', 'who is that')
        result = self.ciba('--login-hint', 'nobody')
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn('who is that', result.stderr)
        self.assertEqual(len(self.server.requests), 1)

    def test_usage_errors_exit_2(self):
        cases = [
            ([], 'exactly one of --login-hint'),
            (['--login-hint', 'a', '--id-token-hint-file', '-'], 'exactly one of --login-hint'),
            (['--login-hint', 'a', '--scope', 'email'], 'openid'),
            (['--login-hint', 'a', '--requested-expiry', '-5'], 'positive'),
        ]
        for args, message in cases:
            result = self.ciba(*args)
            self.assertEqual(result.returncode, 2, f'{args}: {result.stderr}')
            self.assertIn(message, result.stderr, args)
        result = self.oa2('ciba', '--token-endpoint', self.endpoint, '--login-hint', 'a')
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn('--backchannel-authentication-endpoint', result.stderr)
        self.assertEqual(self.server.requests, [])


class RevokeAndIntrospect(Oa2TestCase):
    """oa2 revoke (RFC 7009) and oa2 introspect (RFC 7662)."""

    def run_command(self, name, *args, **kwargs):
        option = '--revocation-endpoint' if name == 'revoke' else '--introspection-endpoint'
        return self.oa2(name, option, self.endpoint, '--client-id', 'c', '--client-secret-env',
                        'OA2_TEST_SECRET', '--auth', 'basic', *args, **kwargs)

    def stored(self):
        path = self.path('token.json')
        with open(path, 'w') as f:
            json.dump({'access_token': ACCESS_TOKEN, 'token_type': 'Bearer', 'refresh_token': REFRESH_TOKEN}, f)
        os.chmod(path, 0o600)
        return path

    def test_revoke(self):
        self.server.reply = (200, 'text/plain', '')
        result = self.run_command('revoke', '--token-file', self.stored())
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNoSecrets(result)
        self.assertIn('revoked', result.stdout)
        request = self.last_request()
        self.assertEqual(request['body'], f'token={ACCESS_TOKEN}&token_type_hint=access_token')
        self.assertTrue(request['headers']['Authorization'].startswith('Basic '))

        self.server.requests.clear()
        result = self.run_command('revoke', '--token-file', self.stored(), '--token-type-hint', 'refresh_token')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.last_request()['body'], f'token={REFRESH_TOKEN}&token_type_hint=refresh_token')

        self.server.requests.clear()
        result = self.run_command('revoke', '--bare-token-file', '-', stdin='bare-SECRET\n')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.last_request()['body'], 'token=bare-SECRET')

        env = dict(self.env, OA2_TOKEN='env-SECRET')
        self.server.requests.clear()
        result = self.run_command('revoke', '--token-env', 'OA2_TOKEN', '--token-type-hint', 'access_token',
                                  env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.last_request()['body'], 'token=env-SECRET&token_type_hint=access_token')

        self.server.reply = fake.error_reply(400, 'unsupported_token_type', 'no such type')
        result = self.run_command('revoke', '--token-env', 'OA2_TOKEN', env=env)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn('no such type', result.stderr)

    def test_introspect(self):
        self.server.reply = fake.json_reply(200, {'active': True, 'scope': 'api:read', 'client_id': 'c'})
        result = self.run_command('introspect', '--token-file', self.stored())
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNoSecrets(result)
        self.assertEqual(json.loads(result.stdout), {'active': True, 'scope': 'api:read', 'client_id': 'c'})
        self.assertEqual(self.last_request()['body'], f'token={ACCESS_TOKEN}&token_type_hint=access_token')

        self.server.reply = fake.json_reply(200, {'active': False})
        self.server.requests.clear()
        result = self.run_command('introspect', '--bare-token-file', '-', stdin='x\n')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout), {'active': False})

        self.server.reply = fake.json_reply(200, {'scope': 'x'})
        result = self.run_command('introspect', '--bare-token-file', '-', stdin='x\n')
        self.assertEqual(result.returncode, 1, result.stderr)

    def test_usage_errors_exit_2(self):
        env = dict(self.env, OA2_TOKEN='t')
        for name in ('revoke', 'introspect'):
            cases = [
                ([], 'exactly one of --token-file, --token-env and --bare-token-file'),
                (['--token-env', 'OA2_TOKEN', '--bare-token-file', '-'], 'exactly one'),
                (['--token', 'x'], 'Unknown option'),
                (['--token-env', 'UNSET_VARIABLE_OA2'], 'UNSET_VARIABLE_OA2'),
            ]
            if name == 'introspect':
                cases.append((['--token-env', 'OA2_TOKEN', '--jwt-response'], '--jwt-response needs --issuer'))
            for args, message in cases:
                result = self.run_command(name, *args, env=env)
                self.assertEqual(result.returncode, 2, f'{name} {args}: {result.stderr}')
                self.assertIn(message, result.stderr, args)
            result = self.oa2(name, '--token-env', 'OA2_TOKEN', env=env)
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn('--issuer', result.stderr)
        self.assertEqual(self.server.requests, [])


class Authorize(Oa2TestCase):
    """oa2 authorize: the address on stderr, the redirect on stdin."""

    AUTHORIZE = 'https://as.example/authorize'
    REDIRECT = 'http://127.0.0.1:5000/cb'

    def start(self, *args):
        process = subprocess.Popen([OA2, 'authorize', '--token-endpoint', self.endpoint,
                                    '--authorization-endpoint', self.AUTHORIZE, '--client-id', 'pub',
                                    '--redirect-uri', self.REDIRECT, *args],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, env=self.env)
        lines = []
        while True:
            line = process.stderr.readline()
            if not line:
                process.kill()
                self.fail('no address printed: %r' % lines)
            lines.append(line)
            if line.startswith(self.AUTHORIZE):
                return process, urllib.parse.urlsplit(line.strip())

    def finish(self, process, callback):
        stdout, stderr = process.communicate(callback + '\n', timeout=30)
        return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)

    def test_code_with_pkce(self):
        process, uri = self.start('--scope', 'api:read email', '--prompt', 'consent')
        query = urllib.parse.parse_qs(uri.query)
        self.assertEqual(query['response_type'], ['code'])
        self.assertEqual(query['client_id'], ['pub'])
        self.assertEqual(query['redirect_uri'], [self.REDIRECT])
        self.assertEqual(query['scope'], ['api:read email'])
        self.assertEqual(query['prompt'], ['consent'])
        self.assertEqual(query['code_challenge_method'], ['S256'])
        state = query['state'][0]
        result = self.finish(process, self.REDIRECT + '?code=' + CODE + '&state=' + state)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNoSecrets(result)
        self.assertIn('authorization_code', result.stdout)
        form = self.last_request()['form']
        self.assertEqual(form['code'], [CODE])
        self.assertEqual(form['redirect_uri'], [self.REDIRECT])
        verifier = form['code_verifier'][0]
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b'=').decode()
        self.assertEqual(query['code_challenge'], [challenge])

    def test_par(self):
        # One reply serves both: the pushed request's and the token's.
        self.server.reply = token_reply(request_uri='urn:ietf:params:oauth:request_uri:x')
        process, uri = self.start('--par', '--par-endpoint', self.endpoint, '--scope', 'api:read')
        self.assertEqual(urllib.parse.parse_qs(uri.query),
                         {'client_id': ['pub'], 'request_uri': ['urn:ietf:params:oauth:request_uri:x']})
        pushed = self.server.requests[0]['form']
        self.assertEqual(pushed['scope'], ['api:read'])
        result = self.finish(process, self.REDIRECT + '?code=' + CODE + '&state=' + pushed['state'][0])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(len(self.server.requests), 2)

    def test_dpop_jkt(self):
        self.server.reply = token_reply(token_type='DPoP')
        process, uri = self.start('--dpop')
        query = urllib.parse.parse_qs(uri.query)
        self.assertEqual(len(query['dpop_jkt'][0]), 43)
        result = self.finish(process, self.REDIRECT + '?code=' + CODE + '&state=' + query['state'][0])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(query['dpop_jkt'][0], result.stdout)
        self.assertIn('DPoP', self.last_request()['headers'])

    def test_request_object(self):
        generated = self.oa2('jwk', 'generate', 'ES256', '--private')
        self.assertEqual(generated.returncode, 0, generated.stderr)
        key = json.loads(generated.stdout)
        key_path = self.path('ro.jwk')
        with open(key_path, 'w') as f:
            f.write(generated.stdout)
        os.chmod(key_path, 0o600)
        process, uri = self.start('--issuer', 'https://as.example', '--scope', 'api:read',
                                  '--request-object-key', key_path)
        query = urllib.parse.parse_qs(uri.query)
        # RFC 9101 §5 and OIDC Core §6.1: the object, and what OIDC repeats.
        self.assertEqual(sorted(query), ['client_id', 'request', 'response_type', 'scope'])
        header, payload = (json.loads(b64url_decode(part)) for part in query['request'][0].split('.')[:2])
        self.assertEqual(header, {'alg': 'ES256', 'kid': key['kid'], 'typ': 'oauth-authz-req+jwt'})
        self.assertEqual(payload['iss'], 'pub')
        self.assertEqual(payload['aud'], 'https://as.example')
        self.assertEqual(payload['exp'], payload['iat'] + 300)
        self.assertEqual(payload['redirect_uri'], self.REDIRECT)
        result = self.finish(process, self.REDIRECT + '?code=' + CODE + '&state=' + payload['state'])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn(key['d'], result.stdout + result.stderr)

    def test_jarm_response_mode(self):
        process, uri = self.start('--issuer', 'https://as.example', '--response-mode', 'query.jwt')
        query = urllib.parse.parse_qs(uri.query)
        self.assertEqual(query['response_mode'], ['query.jwt'])
        # A plain code where a signed response was asked for is refused.
        result = self.finish(process, self.REDIRECT + '?code=c&state=' + query['state'][0])
        self.assertEqual(result.returncode, 1)
        self.assertIn('MISSING_MEMBER', result.stderr)
        self.assertEqual(self.server.requests, [])

    def test_refused_callbacks_exit_1(self):
        process, uri = self.start()
        result = self.finish(process, self.REDIRECT + '?code=' + CODE + '&state=forged')
        self.assertEqual(result.returncode, 1)
        self.assertIn('STATE_MISMATCH', result.stderr)
        self.assertEqual(self.server.requests, [])

        process, uri = self.start('--issuer', 'https://as.example')
        state = urllib.parse.parse_qs(uri.query)['state'][0]
        result = self.finish(process, self.REDIRECT + '?code=c&state=' + state + '&iss=https%3A%2F%2Fevil.example')
        self.assertEqual(result.returncode, 1)
        self.assertIn('ISSUER_MISMATCH', result.stderr)

        process, uri = self.start('--issuer', 'https://as.example', '--require-iss')
        state = urllib.parse.parse_qs(uri.query)['state'][0]
        result = self.finish(process, self.REDIRECT + '?code=c&state=' + state)
        self.assertEqual(result.returncode, 1)
        self.assertIn('ISSUER_MISMATCH', result.stderr)

        process, uri = self.start()
        state = urllib.parse.parse_qs(uri.query)['state'][0]
        result = self.finish(process, self.REDIRECT + '?error=access_denied&error_description=No&state=' + state)
        self.assertEqual(result.returncode, 1)
        self.assertIn('access_denied', result.stderr)
        self.assertEqual(self.server.requests, [])

    def test_callback_file(self):
        path = self.path('callback')
        with open(path, 'w') as f:
            f.write(self.REDIRECT + '?code=c&state=not-this-one\n')
        result = self.oa2('authorize', '--token-endpoint', self.endpoint, '--authorization-endpoint', self.AUTHORIZE,
                          '--client-id', 'pub', '--redirect-uri', self.REDIRECT, '--callback-file', path)
        self.assertEqual(result.returncode, 1)
        self.assertIn('STATE_MISMATCH', result.stderr)

    def test_usage_errors_exit_2(self):
        base = ['authorize', '--token-endpoint', self.endpoint, '--client-id', 'pub']
        for args in ([],
                     ['--authorization-endpoint', self.AUTHORIZE, '--redirect-uri', self.REDIRECT, '--par'],
                     ['--authorization-endpoint', self.AUTHORIZE, '--redirect-uri', self.REDIRECT,
                      '--par-endpoint', self.endpoint],
                     ['--authorization-endpoint', 'http://as.example/authorize', '--redirect-uri', self.REDIRECT],
                     ['--authorization-endpoint', self.AUTHORIZE, '--redirect-uri', self.REDIRECT,
                      '--client-secret-file', '-'],
                     ['--authorization-endpoint', self.AUTHORIZE, '--redirect-uri', self.REDIRECT,
                      '--request-object-alg', 'ES256'],
                     ['--authorization-endpoint', self.AUTHORIZE, '--redirect-uri', self.REDIRECT,
                      '--encrypt-request-object'],
                     ['--authorization-endpoint', self.AUTHORIZE, '--redirect-uri', self.REDIRECT,
                      '--response-mode', 'form_post.jwt']):
            result = self.oa2(*base, *args, stdin='')
            self.assertEqual(result.returncode, 2, (args, result.stderr))
        result = self.oa2(*base, '--authorization-endpoint', self.AUTHORIZE, '--redirect-uri', self.REDIRECT,
                          stdin='')
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn('No redirected address', result.stderr)


# OA2_BROWSER for LoopbackAuthorize: writes the address it was given to
# BROWSER_LOG and comes back to its redirect_uri with BROWSER_RESPONSE (STATE
# replaced by the request's state), as a browser redirected by the server.
BROWSER_SCRIPT = r'''
import base64, json, os, subprocess, sys, time, urllib.error, urllib.parse, urllib.request
address = sys.argv[-1]
with open(os.environ['BROWSER_LOG'], 'w') as f:
    f.write(address)
query = {k: v[0] for k, v in urllib.parse.parse_qs(urllib.parse.urlsplit(address).query).items()}
if 'request' in query:
    # JAR: the parameters are in the request object, read as the server would.
    payload = query['request'].split('.')[1]
    query = json.loads(base64.urlsafe_b64decode(payload + '=' * (-len(payload) % 4)))
if 'redirect_uri' not in query:
    sys.exit(0)   # pushed: a launcher that hands the address on
state = query.get('state', 'not-known-to-a-pushed-request')
mode = query.get('response_mode', 'query')
response = os.environ['BROWSER_RESPONSE'].replace('STATE', urllib.parse.quote(state))
if mode.endswith('jwt'):
    # JARM: the response parameters in a JWT that the server's key signs.
    claims = dict(urllib.parse.parse_qsl(response), iss=os.environ['BROWSER_ISSUER'], aud=query['client_id'],
                  exp=int(time.time()) + 300)
    claims_path = os.environ['BROWSER_LOG'] + '.claims'
    with open(claims_path, 'w') as f:
        json.dump(claims, f)
    signed = subprocess.run([os.environ['OA2_BIN'], 'jwt', 'sign', '--jwk', os.environ['BROWSER_JARM_KEY'],
                             '--claims', claims_path], capture_output=True, text=True, check=True)
    response = 'response=' + urllib.parse.quote(signed.stdout.strip())
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
post = mode.startswith('form_post')
try:
    page = opener.open(query['redirect_uri'] + ('' if post else '?' + response),
                       data=response.encode() if post else None, timeout=10).read().decode()
except urllib.error.HTTPError as e:
    page = e.read().decode()
with open(os.environ['BROWSER_LOG'] + '.page', 'w') as f:
    f.write(page)
'''


class LoopbackAuthorize(Oa2TestCase):
    """oa2 authorize without --redirect-uri: a loopback receiver, and the
    browser that OA2_BROWSER names."""

    AUTHORIZE = 'https://as.example/authorize'

    def run_authorize(self, *args, response='code=' + CODE + '&state=STATE', browser=None, jarm_key=None):
        script = self.path('browser.py')
        with open(script, 'w') as f:
            f.write(BROWSER_SCRIPT)
        env = dict(self.env, BROWSER_LOG=self.path('browser.log'), BROWSER_RESPONSE=response,
                   OA2_BROWSER=browser or '%s %s' % (sys.executable, script), OA2_BIN=OA2,
                   BROWSER_ISSUER='https://as.example', BROWSER_JARM_KEY=jarm_key or '')
        result = self.oa2('authorize', '--token-endpoint', self.endpoint, '--authorization-endpoint',
                          self.AUTHORIZE, '--client-id', 'pub', *args, stdin='', env=env)
        address = None
        if os.path.exists(self.path('browser.log')):
            with open(self.path('browser.log')) as f:
                address = urllib.parse.urlsplit(f.read())
        return result, address

    def page(self):
        with open(self.path('browser.log') + '.page') as f:
            return f.read()

    def test_code_with_pkce(self):
        result, address = self.run_authorize('--scope', 'api:read', '--prompt', 'consent')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNoSecrets(result)
        query = urllib.parse.parse_qs(address.query)
        redirect_uri = query['redirect_uri'][0]
        self.assertRegex(redirect_uri, r'^http://127\.0\.0\.1:[0-9]+/callback$')
        self.assertEqual(query['prompt'], ['consent'])
        self.assertEqual(query['code_challenge_method'], ['S256'])
        self.assertIn(address.geturl(), result.stderr)
        self.assertIn('Waiting for the browser to come back to ' + redirect_uri, result.stderr)
        self.assertIn('Signed in', self.page())
        form = self.last_request()['form']
        self.assertEqual(form['code'], [CODE])
        self.assertEqual(form['redirect_uri'], [redirect_uri])
        verifier = form['code_verifier'][0]
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b'=').decode()
        self.assertEqual(query['code_challenge'], [challenge])

    def generate_key(self, name, alg='ES256'):
        generated = self.oa2('jwk', 'generate', alg, '--private')
        self.assertEqual(generated.returncode, 0, generated.stderr)
        path = self.path(name)
        with open(path, 'w') as f:
            f.write(generated.stdout)
        os.chmod(path, 0o600)
        return json.loads(generated.stdout), path

    def test_request_options_as_in_paste_mode(self):
        # The same request as with --redirect-uri: prompt, resource and
        # --param-env in a signed request object; form_post comes back as a
        # POST to the receiver.
        key, key_path = self.generate_key('ro.jwk')
        env_name = 'OA2_TEST_TENANT'
        self.env[env_name] = 'silver'
        result, address = self.run_authorize('--issuer', 'https://as.example', '--scope', 'api:read',
                                             '--prompt', 'consent', '--resource', 'https://api.example',
                                             '--param-env', 'x_tenant=' + env_name,
                                             '--request-object-key', key_path, '--response-mode', 'form_post')
        self.assertEqual(result.returncode, 0, result.stderr)
        query = urllib.parse.parse_qs(address.query)
        self.assertEqual(sorted(query), ['client_id', 'request', 'response_type', 'scope'])
        payload = json.loads(b64url_decode(query['request'][0].split('.')[1]))
        self.assertEqual(payload['prompt'], 'consent')
        self.assertEqual(payload['resource'], 'https://api.example')
        self.assertEqual(payload['x_tenant'], 'silver')
        self.assertEqual(payload['response_mode'], 'form_post')
        self.assertRegex(payload['redirect_uri'], r'^http://127\.0\.0\.1:[0-9]+/callback$')
        self.assertIn('Signed in', self.page())
        self.assertEqual(self.last_request()['form']['code'], [CODE])
        self.assertNotIn(key['d'], result.stdout + result.stderr)

    def test_jarm_query_and_form_post(self):
        # The server's signed response (JARM), checked with the keys at
        # --jwks-uri (RS256 by default), in the query and posted.
        server_key, server_key_path = self.generate_key('server.jwk', 'RS256')
        public = {k: v for k, v in server_key.items() if k not in ('d', 'p', 'q', 'dp', 'dq', 'qi')}
        for mode in ('query.jwt', 'form_post.jwt'):
            self.server.requests.clear()
            self.server.queue = [fake.json_reply(200, {'keys': [public]})]
            result, address = self.run_authorize('--issuer', 'https://as.example', '--jwks-uri', self.endpoint,
                                                 '--response-mode', mode, '--browser-timeout', '5',
                                                 jarm_key=server_key_path)
            self.assertEqual(result.returncode, 0, (mode, result.stderr))
            self.assertEqual(urllib.parse.parse_qs(address.query)['response_mode'], [mode])
            jwks, token = self.server.requests
            self.assertEqual(jwks['method'], 'GET')
            self.assertEqual(token['form']['code'], [CODE])

    def test_jarm_forged_keeps_waiting(self):
        # A response the server's keys do not verify does not end the wait;
        # the timeout says why it was refused.
        server_key, server_key_path = self.generate_key('server.jwk', 'RS256')
        other_key, other_key_path = self.generate_key('other.jwk', 'RS256')
        public = {k: v for k, v in server_key.items() if k not in ('d', 'p', 'q', 'dp', 'dq', 'qi')}
        self.server.reply = fake.json_reply(200, {'keys': [public]})
        result, address = self.run_authorize('--issuer', 'https://as.example', '--jwks-uri', self.endpoint,
                                             '--response-mode', 'query.jwt', '--browser-timeout', '2',
                                             jarm_key=other_key_path)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn('could not be verified', result.stderr)
        self.assertIn('Sign-in failed', self.page())
        self.assertTrue(all(r['method'] == 'GET' for r in self.server.requests))

    def test_path_and_par(self):
        self.server.reply = token_reply(request_uri='urn:ietf:params:oauth:request_uri:x')
        # A pushed request's address names no redirect URI: this browser
        # never comes back, and the wait ends after --browser-timeout.
        result, address = self.run_authorize('--loopback-path', '/oauth/done', '--par', '--par-endpoint',
                                             self.endpoint, '--browser-timeout', '1')
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn('in time', result.stderr)
        self.assertEqual(urllib.parse.parse_qs(address.query)['request_uri'], ['urn:ietf:params:oauth:request_uri:x'])
        pushed = self.server.requests[0]['form']
        self.assertRegex(pushed['redirect_uri'][0], r'^http://127\.0\.0\.1:[0-9]+/oauth/done$')

    def test_error_response_exit_1(self):
        result, address = self.run_authorize(response='error=access_denied&error_description=No&state=STATE')
        self.assertEqual(result.returncode, 1)
        self.assertIn('access_denied', result.stderr)
        self.assertIn('Sign-in failed', self.page())
        self.assertNotIn('access_denied', self.page())
        self.assertEqual(self.server.requests, [])

    def test_browser_fails_exit_1(self):
        result, address = self.run_authorize(browser='sh -c "exit 4"')
        self.assertEqual(result.returncode, 1)
        self.assertIn('status 4', result.stderr)
        self.assertEqual(self.server.requests, [])

    def test_no_browser_times_out(self):
        result, address = self.run_authorize('--no-browser', '--browser-timeout', '1')
        self.assertIsNone(address)
        self.assertEqual(result.returncode, 1)
        self.assertIn('Open this address in a browser on this machine', result.stderr)
        self.assertIn('in time', result.stderr)

    def test_usage_errors_exit_2(self):
        base = ['authorize', '--token-endpoint', self.endpoint, '--client-id', 'pub',
                '--authorization-endpoint', self.AUTHORIZE]
        for args in (['--callback-file', self.path('x')],
                     ['--redirect-uri', 'http://127.0.0.1:5000/cb', '--ipv6'],
                     ['--redirect-uri', 'http://127.0.0.1:5000/cb', '--no-browser'],
                     ['--browser-timeout', '0'],
                     ['--loopback-path', 'no-slash'],
                     ['--response-mode', 'fragment'],
                     ['--response-mode', 'fragment.jwt'],
                     ['--param-env', 'state=OA2_TEST_CODE']):
            result = self.oa2(*base, *args, stdin='')
            self.assertEqual(result.returncode, 2, (args, result.stderr))


class Device(Oa2TestCase):
    """oa2 device: the device flow (RFC 8628) against the fake endpoint, which
    answers the device authorization request and then the polls in turn."""

    DEVICE_CODE = 'dc-SECRET-device-code-0123456789'
    USER_CODE = 'WDJB-MJHT'

    def device_reply(self, interval=1):
        base = self.endpoint.rsplit('/', 1)[0]
        return fake.json_reply(200, {
            'device_code': self.DEVICE_CODE, 'user_code': self.USER_CODE,
            'verification_uri': base + '/verify',
            'verification_uri_complete': base + '/verify?user_code=' + self.USER_CODE,
            'expires_in': 600, 'interval': interval})

    def device(self, *args, **kwargs):
        base = self.endpoint.rsplit('/', 1)[0]
        return self.oa2('device', '--token-endpoint', self.endpoint,
                        '--device-authorization-endpoint', base + '/device', '--client-id', 'c1',
                        *args, **kwargs)

    def test_approved_after_pending(self):
        self.server.queue[:] = [self.device_reply(),
                                fake.error_reply(400, 'authorization_pending'),
                                fake.error_reply(400, 'slow_down')]
        started = time.monotonic()
        result = self.device('--scope', 'openid api:read')
        elapsed = time.monotonic() - started
        self.assertEqual(result.returncode, 0, result.stderr)
        # interval 1, 1, then 1 + 5 after slow_down
        self.assertGreaterEqual(elapsed, 8)
        requests = self.server.requests
        self.assertEqual([r['path'] for r in requests], ['/device', '/token', '/token', '/token'])
        self.assertEqual(requests[0]['body'], 'scope=openid+api%3Aread&client_id=c1')
        for poll in requests[1:]:
            self.assertEqual(poll['form'], {
                'grant_type': ['urn:ietf:params:oauth:grant-type:device_code'],
                'device_code': [self.DEVICE_CODE], 'client_id': ['c1']})
        # The user's instructions on stderr; the summary on stdout.
        self.assertIn(self.USER_CODE, result.stderr)
        self.assertIn('/verify\n', result.stderr)
        self.assertIn('/verify?user_code=' + self.USER_CODE, result.stderr)
        self.assertNotIn(self.USER_CODE, result.stdout)
        self.assertIn('urn:ietf:params:oauth:grant-type:device_code', result.stdout)
        self.assertNotIn(self.DEVICE_CODE, result.stdout + result.stderr)
        self.assertNoSecrets(result)

    def test_dpop(self):
        self.server.queue[:] = [self.device_reply(), fake.error_reply(400, 'authorization_pending')]
        self.server.reply = token_reply(token_type='DPoP')
        result = self.device('--dpop')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout, r'token type: +DPoP')
        device, *polls = self.server.requests
        # No proof on the device authorization request; one on every poll.
        self.assertNotIn('DPoP', device['headers'])
        self.assertEqual(len(polls), 2)
        for poll in polls:
            self.assertIn('DPoP', poll['headers'])

    def test_access_token_only(self):
        self.server.queue[:] = [self.device_reply()]
        result = self.device('--access-token-only')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, ACCESS_TOKEN + '\n')

    def test_denied(self):
        self.server.queue[:] = [self.device_reply(), fake.error_reply(400, 'access_denied', 'the user said no')]
        result = self.device()
        self.assertEqual(result.returncode, 1)
        self.assertIn('access_denied', result.stderr)
        self.assertIn('the user said no', result.stderr)
        self.assertEqual(len(self.server.requests), 2)

    def test_expired(self):
        self.server.queue[:] = [self.device_reply(), fake.error_reply(400, 'expired_token')]
        result = self.device()
        self.assertEqual(result.returncode, 1)
        self.assertIn('expired_token', result.stderr)

    def test_device_endpoint_refuses(self):
        self.server.reply = fake.error_reply(400, 'invalid_client')
        result = self.device()
        self.assertEqual(result.returncode, 1)
        self.assertIn('invalid_client', result.stderr)
        self.assertEqual(len(self.server.requests), 1)

    def test_interrupted_while_waiting(self):
        self.server.queue[:] = [self.device_reply(interval=30)]
        base = self.endpoint.rsplit('/', 1)[0]
        child = subprocess.Popen([OA2, 'device', '--token-endpoint', self.endpoint,
                                  '--device-authorization-endpoint', base + '/device', '--client-id', 'c1'],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env)
        deadline = time.monotonic() + 20
        while len(self.server.requests) < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        child.send_signal(signal.SIGINT)
        stdout, stderr = child.communicate(timeout=20)
        self.assertEqual(child.returncode, 130, stderr)
        self.assertEqual(len(self.server.requests), 1)

    def test_usage(self):
        result = self.oa2('device', '--token-endpoint', self.endpoint, '--client-id', 'c1')
        self.assertEqual(result.returncode, 2)
        self.assertIn('--device-authorization-endpoint', result.stderr)
        result = self.oa2('device', '--issuer', 'https://as.example', '--device-authorization-endpoint',
                          'https://as.example/device', '--client-id', 'c1')
        self.assertEqual(result.returncode, 2)
        result = self.oa2('device', '--help')
        self.assertEqual(result.returncode, 0)
        self.assertIn('oa2 device', result.stdout)
        self.assertIn('--device-authorization-endpoint=URI', result.stdout)
        self.assertIn('device', self.oa2('--help').stdout)
        self.assertEqual(self.server.requests, [])


class Failures(Oa2TestCase):
    def test_server_error_details_exit_1(self):
        self.server.reply = fake.error_reply(400, 'invalid_grant', 'the code expired',
                                             'https://as.example/errors#grant')
        result = self.token('authorization-code', '--client-id', 'pub', '--code-env', 'OA2_TEST_CODE')
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, '')
        for text in ('OA2_OAUTH_ERROR_INVALID_GRANT', 'invalid_grant', 'the code expired',
                     'https://as.example/errors#grant', '400 Bad Request'):
            self.assertIn(text, result.stderr)

    def test_unknown_server_error_code(self):
        self.server.reply = fake.error_reply(401, 'vendor_specific')
        result = self.token('client-credentials', '--client-id', 'c')
        self.assertEqual(result.returncode, 1)
        self.assertIn('OA2_OAUTH_ERROR_OTHER', result.stderr)
        self.assertIn('vendor_specific', result.stderr)
        self.assertIn('401', result.stderr)

    def test_control_characters_from_the_server_are_escaped(self):
        self.server.reply = fake.error_reply(400, 'invalid_request', 'bad\x1b[31mred\x07\nline')
        result = self.token('client-credentials', '--client-id', 'c')
        self.assertEqual(result.returncode, 1)
        self.assertNotIn('\x1b', result.stderr)
        self.assertNotIn('\x07', result.stderr)
        self.assertIn('\\x1b[31mred', result.stderr)

    def test_not_json_exit_1_with_status(self):
        self.server.reply = (502, 'text/html', '<html>Bad gateway</html>')
        result = self.token('client-credentials', '--client-id', 'c')
        self.assertEqual(result.returncode, 1)
        self.assertIn('OA2Error', result.stderr.replace('oa2-error-quark', 'OA2Error'))

    def test_response_too_large(self):
        self.server.reply = token_reply(padding='x' * 5000)
        result = self.token('client-credentials', '--client-id', 'c', '--max-response-size', '1024')
        self.assertEqual(result.returncode, 1)
        self.assertIn('OA2_ERROR_RESPONSE_TOO_LARGE', result.stderr)

    def test_connection_refused(self):
        with socket_bound_but_closed() as port:
            result = self.oa2('token', 'client-credentials', '--token-endpoint',
                              f'http://127.0.0.1:{port}/token', '--client-id', 'c', '--timeout', '5')
        self.assertEqual(result.returncode, 1)
        self.assertIn('G_IO_ERROR', result.stderr)


# -- oa2 jwk, oa2 jwt --------------------------------------------------------

# The example key of RFC 7638 §3.1 and its thumbprint.
RFC7638_KEY = {
    'kty': 'RSA', 'e': 'AQAB', 'alg': 'RS256', 'kid': '2011-04-29',
    'n': '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjB'
         'ZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8'
         'KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_'
         'xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
}
RFC7638_THUMBPRINT = 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs'

# A P-256 test key in PKCS #8 and its public half in SPKI (made for these
# tests with openssl; not used anywhere else).
EC_PRIVATE_PEM = """-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgOYT/YVRrwsvr1GC2
833kRwUw1l1UcfECRSW/oeovFROhRANCAAQBvDPn/1Te2PcL7Wm68Gz0f4nTzKgr
QXmvsmuk7K87x9B3C1cHF13hNnFLI6tXFHvOD+dikZsUnX/2n6C9G7tH
-----END PRIVATE KEY-----
"""
EC_PUBLIC_PEM = """-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEAbwz5/9U3tj3C+1puvBs9H+J08yo
K0F5r7JrpOyvO8fQdwtXBxdd4TZxSyOrVxR7zg/nYpGbFJ1/9p+gvRu7Rw==
-----END PUBLIC KEY-----
"""

PRIVATE_MEMBERS = ('d', 'p', 'q', 'dp', 'dq', 'qi', 'k')


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b'=').decode()


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + '=' * (-len(text) % 4))


def thumbprint(jwk):
    """RFC 7638, computed here independently of the library."""
    required = {'RSA': ('e', 'kty', 'n'), 'EC': ('crv', 'kty', 'x', 'y'),
                'OKP': ('crv', 'kty', 'x'), 'oct': ('k', 'kty')}[jwk['kty']]
    canonical = json.dumps({name: jwk[name] for name in required}, separators=(',', ':'), sort_keys=True)
    return b64url(hashlib.sha256(canonical.encode()).digest())


def hs256_token(key, claims, header=None):
    """An HS256 JWS made here, with Python's hmac."""
    header = header or {'alg': 'HS256'}
    signing_input = b64url(json.dumps(header).encode()) + '.' + b64url(json.dumps(claims).encode())
    mac = hmac.new(key, signing_input.encode(), hashlib.sha256).digest()
    return signing_input + '.' + b64url(mac)


class JoseTestCase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.env = dict(os.environ)
        self.env.pop('G_MESSAGES_DEBUG', None)
        self.env['LC_ALL'] = 'C.UTF-8'

    def tearDown(self):
        self.tmp.cleanup()

    def oa2(self, *args, stdin=None):
        return subprocess.run([OA2, *args], input=stdin, capture_output=True, text=True,
                              env=self.env, timeout=60)

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def write(self, name, content, mode=0o600):
        path = self.path(name)
        with open(path, 'w') as f:
            f.write(content if isinstance(content, str) else json.dumps(content))
        os.chmod(path, mode)
        return path

    def assertOk(self, result):
        self.assertEqual(result.returncode, 0, result.stderr)

    def assertFails(self, result, code_name, status=1):
        """Exit status 1 and the error domain, code and message on stderr."""
        self.assertEqual(result.returncode, status, result.stderr)
        self.assertIn('oa2-error-quark', result.stderr)
        self.assertIn(code_name, result.stderr)
        self.assertRegex(result.stderr, r'(?m)^oa2: \S')
        self.assertEqual(result.stdout, '')

    def assertUsage(self, result):
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn('--help', result.stderr)
        self.assertEqual(result.stdout, '')

    def generate(self, alg, name=None):
        """A private key made by oa2, in a file of mode 0600."""
        result = self.oa2('jwk', 'generate', alg, '--private')
        self.assertOk(result)
        key = json.loads(result.stdout)
        return key, self.write(name or f'{alg}.jwk', key)

    def sign(self, key_path, claims, *args):
        result = self.oa2('jwt', 'sign', '--jwk', key_path, '--claims', self.write('claims.json', claims), *args)
        self.assertOk(result)
        return result.stdout.strip()


class JwkCommand(JoseTestCase):
    def test_help_at_every_level(self):
        for args in (['jwk', '--help'], ['help', 'jwk'], ['jwt', '--help'], ['help', 'jwt']):
            result = self.oa2(*args)
            self.assertOk(result)
            self.assertIn('Exit status', result.stdout, args)
        for command, sub in (('jwk', 'generate'), ('jwk', 'thumbprint'), ('jwk', 'public'),
                             ('jwt', 'decode'), ('jwt', 'verify'), ('jwt', 'sign')):
            result = self.oa2(command, sub, '--help')
            self.assertOk(result)
            self.assertIn(f'oa2 {command} {sub}', result.stdout)
            self.assertIn('Exit status', result.stdout)
        self.assertIn('--try-all-keys', self.oa2('jwt', 'verify', '--help').stdout)
        for word in ('jwk', 'jwt'):
            self.assertIn(word, self.oa2('--help').stdout)

    def test_generate_prints_the_public_key_only(self):
        cases = {
            'ES256': ('EC', 'P-256', 'sig'), 'ES384': ('EC', 'P-384', 'sig'), 'ES512': ('EC', 'P-521', 'sig'),
            'EdDSA': ('OKP', 'Ed25519', 'sig'), 'RS256': ('RSA', None, 'sig'), 'PS384': ('RSA', None, 'sig'),
            'Ed25519': ('OKP', 'Ed25519', 'sig'), 'Ed448': ('OKP', 'Ed448', 'sig'),
            'RSA-OAEP-256': ('RSA', None, 'enc'), 'ECDH-ES': ('EC', 'P-256', 'enc'),
        }
        for alg, (kty, crv, use) in cases.items():
            result = self.oa2('jwk', 'generate', alg)
            self.assertOk(result)
            self.assertEqual(result.stderr, '', alg)
            key = json.loads(result.stdout)
            self.assertEqual((key['kty'], key.get('crv'), key['use'], key['alg']), (kty, crv, use, alg))
            for member in PRIVATE_MEMBERS:
                self.assertNotIn(member, key, alg)
            self.assertEqual(key['kid'], thumbprint(key), alg)
        rsa = json.loads(self.oa2('jwk', 'generate', 'RS256').stdout)
        self.assertEqual(len(b64url_decode(rsa['n'])), 256)

    def test_generate_private_warns(self):
        result = self.oa2('jwk', 'generate', 'ES256', '--private')
        self.assertOk(result)
        self.assertIn('warning', result.stderr)
        self.assertIn('private key', result.stderr)
        key = json.loads(result.stdout)
        self.assertEqual(len(b64url_decode(key['d'])), 32)
        self.assertEqual(key['kid'], thumbprint(key))

        result = self.oa2('jwk', 'generate', 'HS512', '--private')
        self.assertOk(result)
        key = json.loads(result.stdout)
        self.assertEqual((key['kty'], len(b64url_decode(key['k']))), ('oct', 64))

    def test_generate_usage_errors(self):
        self.assertUsage(self.oa2('jwk', 'generate'))
        self.assertUsage(self.oa2('jwk', 'generate', 'ES256', 'extra'))
        self.assertUsage(self.oa2('jwk', 'generate', 'ES256', '--bogus'))
        result = self.oa2('jwk', 'generate', 'XS256')
        self.assertUsage(result)
        self.assertIn('XS256', result.stderr)
        # A symmetric key has no public half to print.
        result = self.oa2('jwk', 'generate', 'HS256')
        self.assertUsage(result)
        self.assertIn('--private', result.stderr)
        self.assertUsage(self.oa2('jwk'))
        self.assertUsage(self.oa2('jwk', 'bogus'))
        self.assertUsage(self.oa2('jwt'))
        self.assertUsage(self.oa2('jwt', 'bogus'))

    def test_thumbprint_rfc7638_example(self):
        path = self.write('rfc7638.jwk', RFC7638_KEY, 0o644)
        result = self.oa2('jwk', 'thumbprint', path)
        self.assertOk(result)
        self.assertEqual(result.stdout, RFC7638_THUMBPRINT + '\n')
        result = self.oa2('jwk', 'thumbprint', '--uri', '-', stdin=json.dumps(RFC7638_KEY))
        self.assertOk(result)
        self.assertEqual(result.stdout,
                         'urn:ietf:params:oauth:jwk-thumbprint:sha-256:' + RFC7638_THUMBPRINT + '\n')

    def test_thumbprint_same_for_private_key_and_public_half(self):
        key, path = self.generate('EdDSA')
        private = self.oa2('jwk', 'thumbprint', path)
        self.assertOk(private)
        self.assertNotIn(key['d'], private.stdout)
        public = self.oa2('jwk', 'thumbprint', '-', stdin=self.oa2('jwk', 'public', path).stdout)
        self.assertEqual(private.stdout, public.stdout)
        self.assertEqual(private.stdout.strip(), thumbprint(key))

    def test_public_of_jwk_pem_and_key_set(self):
        key, path = self.generate('ES384')
        result = self.oa2('jwk', 'public', path)
        self.assertOk(result)
        public = json.loads(result.stdout)
        self.assertEqual(public, {name: value for name, value in key.items() if name != 'd'})

        # PEM: a PKCS #8 private key and its SPKI public key give the same JWK.
        pem = self.write('ec.pem', EC_PRIVATE_PEM)
        spki = self.write('ec-pub.pem', EC_PUBLIC_PEM, 0o644)
        from_private = json.loads(self.oa2('jwk', 'public', pem).stdout)
        from_public = json.loads(self.oa2('jwk', 'public', spki).stdout)
        self.assertEqual(from_private, from_public)
        self.assertEqual((from_public['kty'], from_public['crv']), ('EC', 'P-256'))
        self.assertEqual(from_public['kid'], thumbprint(from_public))
        self.assertEqual(self.oa2('jwk', 'thumbprint', pem).stdout.strip(), from_public['kid'])

        # A key set: public halves, symmetric keys left out.
        hs, _ = self.generate('HS256')
        rsa, _ = self.generate('RS256')
        keyset = self.write('set.json', {'keys': [key, hs, rsa]})
        result = self.oa2('jwk', 'public', keyset)
        self.assertOk(result)
        published = json.loads(result.stdout)['keys']
        self.assertEqual([k['kid'] for k in published], [key['kid'], rsa['kid']])
        for k in published:
            for member in PRIVATE_MEMBERS:
                self.assertNotIn(member, k)

    def test_public_of_symmetric_key_fails(self):
        _, path = self.generate('A128KW')
        result = self.oa2('jwk', 'public', path)
        self.assertEqual(result.returncode, 1)
        self.assertIn('symmetric', result.stderr)
        self.assertEqual(result.stdout, '')

    def test_private_key_readable_by_others_is_refused(self):
        key, path = self.generate('ES256')
        pem = self.write('ec.pem', EC_PRIVATE_PEM)
        keyset = self.write('set.json', {'keys': [key]})
        for mode in (0o644, 0o640, 0o604):
            for file in (path, pem, keyset):
                os.chmod(file, mode)
                for command in (('jwk', 'public'), ('jwk', 'thumbprint')):
                    if file == keyset and command[1] == 'thumbprint':
                        continue
                    result = self.oa2(*command, file)
                    self.assertUsage(result)
                    self.assertIn('chmod 600', result.stderr)
                    self.assertIn(f'{mode:04o}', result.stderr)
                    self.assertNotIn(key['d'], result.stderr)
        os.chmod(path, 0o644)
        result = self.oa2('jwt', 'sign', '--jwk', path, '--claims', self.write('c.json', {'sub': 'x'}))
        self.assertUsage(result)
        self.assertIn('chmod 600', result.stderr)
        # Public keys may be world-readable; standard input has no mode.
        os.chmod(pem, 0o600)
        public = self.write('pub.jwk', self.oa2('jwk', 'public', pem).stdout, 0o644)
        self.assertOk(self.oa2('jwk', 'thumbprint', public))
        with open(path) as f:
            self.assertOk(self.oa2('jwk', 'thumbprint', '-', stdin=f.read()))

    def test_invalid_keys_exit_1_with_the_error(self):
        weak = dict(RFC7638_KEY, n=RFC7638_KEY['n'][:171])      # 1024 bits
        cases = [
            ({'kty': 'EC', 'crv': 'P-256', 'x': 'AAAA', 'y': 'AAAA'}, 'OA2_ERROR_INVALID_KEY'),
            ({'kty': 'EC', 'crv': 'P-256',
              'x': b64url(b'\x01' * 32), 'y': b64url(b'\x02' * 32)}, 'OA2_ERROR_INVALID_KEY'),   # off the curve
            (weak, 'OA2_ERROR_INVALID_KEY'),
            ({'kty': 'XYZ'}, 'OA2_ERROR_UNSUPPORTED_ALGORITHM'),
            ({'kty': 'oct', 'k': b64url(b'k' * 16), 'alg': 'HS256'}, 'OA2_ERROR_KEY_MISMATCH'),   # too short
        ]
        for jwk, code in cases:
            result = self.oa2('jwk', 'thumbprint', '-', stdin=json.dumps(jwk))
            self.assertFails(result, code)
            self.assertIn('standard input', result.stderr)
        self.assertFails(self.oa2('jwk', 'public', '-', stdin='not a key'), 'OA2_ERROR_INVALID_KEY')
        self.assertFails(self.oa2('jwk', 'public', '-', stdin='{"kty": '), 'OA2_ERROR_INVALID_KEY')

    def test_unreadable_input_is_a_usage_error(self):
        self.assertUsage(self.oa2('jwk', 'thumbprint', self.path('missing.jwk')))
        self.assertUsage(self.oa2('jwk', 'thumbprint'))
        self.assertUsage(self.oa2('jwk', 'thumbprint', 'a', 'b'))
        result = self.oa2('jwk', 'public', '-', stdin='{' + ' ' * (1024 * 1024) + '}')
        self.assertUsage(result)
        self.assertIn('KiB', result.stderr)

    def test_key_set_left_out_keys_are_reported(self):
        key, _ = self.generate('ES256')
        public = {name: value for name, value in key.items() if name != 'd'}
        keyset = self.write('set.json', {'keys': [public, {'kty': 'RSA', 'n': 'AQAB', 'e': 'AQAB'}, 'junk']},
                            0o644)
        result = self.oa2('jwk', 'public', keyset)
        self.assertOk(result)
        self.assertIn('2 of its 3 keys', result.stderr)
        self.assertEqual(len(json.loads(result.stdout)['keys']), 1)


class JwtCommand(JoseTestCase):
    CLAIMS = {'iss': 'https://issuer.example', 'aud': ['my-client', 'other'], 'sub': 'alice'}

    def claims(self, **extra):
        now = int(time.time())
        return dict(self.CLAIMS, iat=now, exp=now + 300, **extra)

    def public(self, key_path, name='pub.jwk'):
        result = self.oa2('jwk', 'public', key_path)
        self.assertOk(result)
        return self.write(name, result.stdout, 0o644)

    def test_sign_decode_verify_round_trip(self):
        key, path = self.generate('ES256')
        claims = self.claims()
        token = self.sign(path, claims, '--typ', 'JWT')
        self.assertNotIn(key['d'], token)
        header = json.loads(b64url_decode(token.split('.')[0]))
        self.assertEqual(header, {'alg': 'ES256', 'kid': key['kid'], 'typ': 'JWT'})
        self.assertEqual(len(b64url_decode(token.split('.')[2])), 64)

        result = self.oa2('jwt', 'decode', token)
        self.assertOk(result)
        self.assertIn('UNVERIFIED', result.stderr)
        self.assertEqual(json.loads(result.stdout), {'header': header, 'claims': claims})

        public = self.public(path)
        result = self.oa2('jwt', 'verify', token, '--jwk', public, '--alg', 'ES256', '--alg', 'RS256',
                          '--issuer', 'https://issuer.example', '--audience', 'my-client', '--typ', 'jwt')
        self.assertOk(result)
        self.assertEqual(json.loads(result.stdout), claims)
        self.assertNotIn('UNVERIFIED', result.stderr)

        # From standard input, with a trailing newline; the private key verifies too.
        result = self.oa2('jwt', 'verify', '-', '--jwk', path, stdin=token + '\n')
        self.assertOk(result)

    def test_sign_with_pem_and_other_algorithms(self):
        pem = self.write('ec.pem', EC_PRIVATE_PEM)
        token = self.sign(pem, {'sub': 'x'}, '--alg', 'ES256')
        self.assertOk(self.oa2('jwt', 'verify', token, '--jwk', self.write('pub.pem', EC_PUBLIC_PEM, 0o644)))
        for alg in ('EdDSA', 'Ed25519', 'Ed448', 'PS256', 'ES512'):
            _, path = self.generate(alg)
            token = self.sign(path, {'sub': 'x'})
            self.assertEqual(json.loads(b64url_decode(token.split('.')[0]))['alg'], alg)
            self.assertOk(self.oa2('jwt', 'verify', token, '--jwk', self.public(path), '--alg', alg))

    def test_rfc9864_names_fix_the_curve(self):
        # Ed25519 and Ed448 sign and verify only with a key on their curve,
        # even a key that names no "alg"; EdDSA takes either.
        ed448, _ = self.generate('Ed448')
        path = self.write('ed448-noalg.jwk', {name: value for name, value in ed448.items() if name != 'alg'})
        self.assertFails(self.oa2('jwt', 'sign', '--jwk', path, '--claims', self.write('c.json', {}),
                                  '--alg', 'Ed25519'), 'OA2_ERROR_KEY_MISMATCH')
        token = self.sign(path, {'sub': 'x'}, '--alg', 'Ed448')
        self.assertOk(self.oa2('jwt', 'verify', token, '--jwk', self.public(path), '--alg', 'Ed448'))
        self.assertOk(self.oa2('jwt', 'verify', self.sign(path, {'sub': 'x'}, '--alg', 'EdDSA'),
                               '--jwk', self.public(path), '--alg', 'EdDSA'))
        _, ed25519_path = self.generate('Ed25519')
        ed25519_public = self.public(ed25519_path, 'ed25519-pub.jwk')
        with open(ed25519_public) as f:
            public = {name: value for name, value in json.load(f).items() if name != 'alg'}
        self.assertFails(self.oa2('jwt', 'verify', token, '--jwk', self.write('e.jwk', public, 0o644)),
                         'OA2_ERROR_KEY_MISMATCH')

    def test_hs256_against_python(self):
        key, path = self.generate('HS256')
        secret = b64url_decode(key['k'])
        token = self.sign(path, {'sub': 'x'})
        signing_input, _, mac = token.rpartition('.')
        self.assertEqual(b64url_decode(mac), hmac.new(secret, signing_input.encode(), hashlib.sha256).digest())
        self.assertNotIn(key['k'], token)

        theirs = hs256_token(secret, {'sub': 'y'})
        result = self.oa2('jwt', 'verify', theirs, '--jwk', path, '--alg', 'HS256')
        self.assertOk(result)
        self.assertEqual(json.loads(result.stdout), {'sub': 'y'})
        self.assertNotIn(key['k'], result.stdout + result.stderr)

    def test_tampered_token_fails(self):
        _, path = self.generate('ES256')
        token = self.sign(path, self.claims())
        header, payload, signature = token.split('.')
        forged = b64url(json.dumps(dict(self.claims(), sub='mallory')).encode())
        result = self.oa2('jwt', 'verify', f'{header}.{forged}.{signature}', '--jwk', path)
        self.assertFails(result, 'OA2_ERROR_INVALID_SIGNATURE')
        self.assertRegex(result.stderr, r'error code:\s+16 \(OA2_ERROR_INVALID_SIGNATURE\)')
        # A signature of the wrong size, and one that is not base64url.
        short = b64url(b64url_decode(signature)[:-1])
        self.assertFails(self.oa2('jwt', 'verify', f'{header}.{payload}.{short}', '--jwk', path),
                         'OA2_ERROR_INVALID_SIGNATURE')
        self.assertFails(self.oa2('jwt', 'verify', f'{header}.{payload}.{signature}!', '--jwk', path),
                         'OA2_ERROR_MALFORMED_TOKEN')
        # r or s out of range: all ones.
        self.assertFails(self.oa2('jwt', 'verify', f'{header}.{payload}.{b64url(bytes([255]) * 64)}',
                                  '--jwk', path), 'OA2_ERROR_INVALID_SIGNATURE')

    def test_algorithm_policy(self):
        key, path = self.generate('ES256')
        token = self.sign(path, self.claims())
        result = self.oa2('jwt', 'verify', token, '--jwk', path, '--alg', 'RS256')
        self.assertFails(result, 'OA2_ERROR_UNSUPPORTED_ALGORITHM')

        # alg "none" is refused, and cannot be allowed from the command line.
        unsigned = b64url(b'{"alg":"none"}') + '.' + b64url(json.dumps(self.claims()).encode()) + '.'
        self.assertFails(self.oa2('jwt', 'verify', unsigned, '--jwk', path), 'OA2_ERROR_UNSECURED_TOKEN')
        self.assertUsage(self.oa2('jwt', 'verify', unsigned, '--jwk', path, '--alg', 'none'))
        result = self.oa2('jwt', 'decode', unsigned)
        self.assertOk(result)
        self.assertIn('UNVERIFIED', result.stderr)

        # HS256 with the bytes of a public key as the secret: the classic
        # algorithm confusion. The public key (without "alg") is refused.
        public = {name: value for name, value in key.items() if name not in ('d', 'alg')}
        public_path = self.write('noalg.jwk', public, 0o644)
        with open(public_path, 'rb') as f:
            confused = hs256_token(f.read(), self.claims())
        self.assertFails(self.oa2('jwt', 'verify', confused, '--jwk', public_path), 'OA2_ERROR_KEY_MISMATCH')
        # ES384 asked of a P-256 key.
        self.assertFails(self.oa2('jwt', 'sign', '--jwk', path, '--claims', self.write('c.json', {}),
                                  '--alg', 'ES384'), 'OA2_ERROR_KEY_MISMATCH')
        # Signing needs the private key.
        self.assertFails(self.oa2('jwt', 'sign', '--jwk', self.public(path), '--claims',
                                  self.write('c.json', {})), 'OA2_ERROR_KEY_MISMATCH')

    def test_claims_validation(self):
        _, path = self.generate('ES256')
        now = int(time.time())
        expired = self.sign(path, dict(self.CLAIMS, exp=now - 60))
        result = self.oa2('jwt', 'verify', expired, '--jwk', path)
        self.assertFails(result, 'OA2_ERROR_INVALID_CLAIM')
        self.assertIn('expired', result.stderr)
        self.assertOk(self.oa2('jwt', 'verify', expired, '--jwk', path, '--leeway', '300'))

        not_yet = self.sign(path, dict(self.CLAIMS, nbf=now + 600))
        self.assertFails(self.oa2('jwt', 'verify', not_yet, '--jwk', path), 'OA2_ERROR_INVALID_CLAIM')
        self.assertOk(self.oa2('jwt', 'verify', not_yet, '--jwk', path, '--leeway', '900'))
        self.assertFails(self.oa2('jwt', 'verify', self.sign(path, {'exp': 'tomorrow'}), '--jwk', path),
                         'OA2_ERROR_INVALID_CLAIM')

        token = self.sign(path, self.claims())
        for args in (('--issuer', 'https://evil.example'), ('--audience', 'someone-else'), ('--typ', 'dpop+jwt')):
            result = self.oa2('jwt', 'verify', token, '--jwk', path, *args)
            self.assertFails(result, 'OA2_ERROR_INVALID_CLAIM')
            self.assertIn(args[1], result.stderr)

    def test_key_sets_and_the_kid_policy(self):
        a, a_path = self.generate('ES256', 'a.jwk')
        b, b_path = self.generate('ES256', 'b.jwk')
        rsa, _ = self.generate('RS256', 'rsa.jwk')
        strip = lambda k, *names: {n: v for n, v in k.items() if n not in ('d',) + names}  # noqa: E731
        keyset = self.write('set.json', {'keys': [strip(rsa), strip(a), strip(b)]}, 0o644)

        # The token names its key.
        token = self.sign(b_path, self.claims())
        self.assertOk(self.oa2('jwt', 'verify', token, '--jwks', keyset))

        # No kid: two keys fit ES256; refused unless --try-all-keys.
        anonymous = self.write('anon.json', {'keys': [strip(rsa, 'kid'), strip(a, 'kid'), strip(b, 'kid')]}, 0o644)
        unnamed_key = self.write('b-nokid.jwk', strip(b, 'kid') | {'d': b['d']})
        token = self.sign(unnamed_key, self.claims())
        self.assertNotIn('kid', json.loads(b64url_decode(token.split('.')[0])))
        result = self.oa2('jwt', 'verify', token, '--jwks', anonymous)
        self.assertFails(result, 'OA2_ERROR_NO_MATCHING_KEY')
        result = self.oa2('jwt', 'verify', token, '--jwks', anonymous, '--try-all-keys')
        self.assertOk(result)
        self.assertEqual(json.loads(result.stdout)['sub'], 'alice')

        # A kid that is not in the set, and a set without a fitting key.
        other, other_path = self.generate('ES256', 'other.jwk')
        self.assertFails(self.oa2('jwt', 'verify', self.sign(other_path, self.claims()), '--jwks', keyset),
                         'OA2_ERROR_NO_MATCHING_KEY')
        self.assertFails(self.oa2('jwt', 'verify', self.sign(other_path, self.claims()), '--jwks',
                                  self.write('empty.json', {'keys': []}, 0o644)), 'OA2_ERROR_NO_MATCHING_KEY')
        self.assertFails(self.oa2('jwt', 'verify', token, '--jwks', self.write('nokeys.json', {}, 0o644)),
                         'OA2_ERROR_INVALID_KEY')

    def test_decode(self):
        _, path = self.generate('ES256')
        claims = {'sub': 'bidi\u202eevil', 'c1': '\u0085', 'emoji': '\U0001F600'}
        token = self.sign(path, claims)
        result = self.oa2('jwt', 'decode', '-', stdin=token)
        self.assertOk(result)
        self.assertIn('UNVERIFIED', result.stderr)
        # Terminal-hostile characters are escaped, and the JSON is unchanged.
        self.assertNotIn('\u202e', result.stdout)
        self.assertNotIn('\u0085', result.stdout)
        self.assertIn('\\u202e', result.stdout)
        self.assertEqual(json.loads(result.stdout)['claims'], claims)

        # A payload that is not JSON stays base64url.
        header = b64url(b'{"alg":"ES256"}')
        opaque = b64url(b'\x00\x01binary')
        result = self.oa2('jwt', 'decode', f'{header}.{opaque}.')
        self.assertOk(result)
        self.assertEqual(json.loads(result.stdout), {'header': {'alg': 'ES256'}, 'payload': opaque})

        for bad in ('abc', 'a.b', 'a.b.c.d.e', f'{b64url(b"[1]")}.{opaque}.', 'x' * (65 * 1024),
                    b64url(b'{"alg":"ES256","crit":["exp"]}') + f'.{opaque}.'):
            self.assertFails(self.oa2('jwt', 'decode', '-', stdin=bad), 'OA2_ERROR_MALFORMED_TOKEN')
        self.assertFails(self.oa2('jwt', 'decode', b64url(b'{"alg":"XS256"}') + f'.{opaque}.'),
                         'OA2_ERROR_UNSUPPORTED_ALGORITHM')
        self.assertUsage(self.oa2('jwt', 'decode'))
        self.assertUsage(self.oa2('jwt', 'decode', '-', stdin='  \n'))

    def test_json_serialization(self):
        es, es_path = self.generate('ES256', 'es.jwk')
        hs, hs_path = self.generate('HS256', 'hs.jwk')
        self.assertIn('--json', self.oa2('jwt', 'sign', '--help').stdout)
        claims = self.claims()

        # sign --json: the flattened serialization of the compact token's signature.
        flattened = self.sign(es_path, claims, '--json', '--typ', 'JWT')
        document = json.loads(flattened)
        self.assertEqual(list(document), ['payload', 'protected', 'signature'])
        self.assertEqual(json.loads(b64url_decode(document['payload'])), claims)
        self.assertEqual(json.loads(b64url_decode(document['protected'])),
                         {'alg': 'ES256', 'kid': es['kid'], 'typ': 'JWT'})
        compact = '.'.join(document[name] for name in ('protected', 'payload', 'signature'))
        self.assertOk(self.oa2('jwt', 'verify', compact, '--jwk', es_path))

        # verify takes it from an argument or, indented, from standard input.
        public = self.public(es_path)
        self.assertOk(self.oa2('jwt', 'verify', flattened, '--jwk', public))
        result = self.oa2('jwt', 'verify', '-', '--jwk', public, '--alg', 'ES256', '--typ', 'JWT',
                          '--issuer', 'https://issuer.example', '--audience', 'my-client',
                          stdin=json.dumps(document, indent=2) + '\n')
        self.assertOk(result)
        self.assertEqual(json.loads(result.stdout), claims)

        # A general serialization with a second signature, HS256 over the
        # empty protected header, made here with Python's hmac: either key
        # verifies it.
        mac = hmac.new(b64url_decode(hs['k']), ('.' + document['payload']).encode(), hashlib.sha256).digest()
        general = json.dumps({'payload': document['payload'], 'signatures': [
            {'protected': document['protected'], 'signature': document['signature']},
            {'header': {'alg': 'HS256', 'kid': hs['kid']}, 'signature': b64url(mac)}]})
        self.assertOk(self.oa2('jwt', 'verify', general, '--jwk', public, '--alg', 'ES256'))
        result = self.oa2('jwt', 'verify', general, '--jwk', hs_path, '--alg', 'HS256')
        self.assertOk(result)
        self.assertEqual(json.loads(result.stdout), claims)
        keyset = self.write('set.json', {'keys': [hs]})
        self.assertOk(self.oa2('jwt', 'verify', '-', '--jwks', keyset, stdin=general))
        # The typ of the first signature is protected; the second has none.
        self.assertFails(self.oa2('jwt', 'verify', general, '--jwk', hs_path, '--typ', 'JWT'),
                         'OA2_ERROR_INVALID_CLAIM')

        # No signature verifies: the error of the one whose key fits.
        _, other_path = self.generate('ES256', 'other.jwk')
        result = self.oa2('jwt', 'verify', general, '--jwk', other_path)
        self.assertFails(result, 'OA2_ERROR_INVALID_SIGNATURE')
        self.assertIn('None of the 2 signatures verifies; signature 1', result.stderr)
        forged = json.loads(general)
        forged['payload'] = b64url(json.dumps(dict(claims, sub='mallory')).encode())
        for key_path in (es_path, hs_path):
            self.assertFails(self.oa2('jwt', 'verify', json.dumps(forged), '--jwk', key_path),
                             'OA2_ERROR_INVALID_SIGNATURE')
        unsigned = json.dumps({'payload': document['payload'], 'header': {'alg': 'none'}, 'signature': ''})
        self.assertFails(self.oa2('jwt', 'verify', unsigned, '--jwk', es_path), 'OA2_ERROR_UNSECURED_TOKEN')

        # decode shows each signature's headers, apart.
        result = self.oa2('jwt', 'decode', '-', stdin=general)
        self.assertOk(result)
        self.assertIn('UNVERIFIED', result.stderr)
        self.assertEqual(json.loads(result.stdout), {
            'signatures': [{'protected': {'alg': 'ES256', 'kid': es['kid'], 'typ': 'JWT'}},
                           {'header': {'alg': 'HS256', 'kid': hs['kid']}}],
            'claims': claims})
        opaque = b64url(b'\x00\x01binary')
        result = self.oa2('jwt', 'decode', json.dumps({'payload': opaque, 'header': {'alg': 'none'},
                                                       'signature': ''}))
        self.assertOk(result)
        self.assertEqual(json.loads(result.stdout), {'signatures': [{'header': {'alg': 'none'}}], 'payload': opaque})

        # Malformed documents.
        for bad in ('{', '{}', '{"payload":"e30"}', '{"payload":"e30","signatures":[]}',
                    json.dumps({'payload': 'e30', 'protected': document['protected'],
                                'header': {'kid': 'x', 'crit': ['exp']}, 'signature': document['signature']}),
                    json.dumps({'payload': 'e30', 'protected': document['protected'],
                                'header': {'typ': 'JWT'}, 'signature': document['signature']})):
            self.assertFails(self.oa2('jwt', 'decode', '-', stdin=bad), 'OA2_ERROR_MALFORMED_TOKEN')
            self.assertFails(self.oa2('jwt', 'verify', '-', '--jwk', es_path, stdin=bad), 'OA2_ERROR_MALFORMED_TOKEN')

    def test_usage_errors(self):
        _, path = self.generate('ES256')
        claims = self.write('claims.json', {'sub': 'x'})
        token = self.sign(path, {'sub': 'x'})
        cases = [
            ('jwt', 'verify', token),                                            # no key
            ('jwt', 'verify', token, '--jwk', path, '--jwks', path),
            ('jwt', 'verify', token, '--jwk', path, '--try-all-keys'),
            ('jwt', 'verify', token, '--jwk', path, '--leeway', '-1'),
            ('jwt', 'verify', token, '--jwk', path, '--leeway', 'soon'),
            ('jwt', 'verify', '-', '--jwk', '-'),
            ('jwt', 'verify', token, token, '--jwk', path),
            ('jwt', 'verify', token, '--jwk', self.path('missing')),
            ('jwt', 'sign', '--jwk', path),
            ('jwt', 'sign', '--claims', claims),
            ('jwt', 'sign', '--jwk', '-', '--claims', '-'),
            ('jwt', 'sign', '--jwk', path, '--claims', self.write('bad.json', '{"sub": ')),
            ('jwt', 'sign', '--jwk', path, '--claims', self.write('array.json', '[1, 2]')),
            ('jwt', 'sign', '--jwk', path, '--claims', claims, 'extra'),
        ]
        for args in cases:
            self.assertUsage(self.oa2(*args))
        # A key without "alg" and no --alg: the library's invalid argument.
        pem = self.write('ec.pem', EC_PRIVATE_PEM)
        result = self.oa2('jwt', 'sign', '--jwk', pem, '--claims', claims)
        self.assertEqual(result.returncode, 2)
        self.assertIn('OA2_ERROR_INVALID_ARGUMENT', result.stderr)


# -- the documentation ----------------------------------------------------------

TOOLS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAN_PAGE = os.path.join(TOOLS_DIR, 'oa2.1')
GUIDE = os.path.join(TOOLS_DIR, 'oa2.md')


class Documentation(unittest.TestCase):
    """The man page renders, and it and tools/oa2.md name every option."""

    def help_options(self):
        options = set()
        commands = [['token', grant] for grant in
                    ('client-credentials', 'authorization-code', 'refresh', 'password', 'jwt-bearer', 'saml2-bearer',
                     'request')]
        commands += [['jwk', c] for c in ('generate', 'thumbprint', 'public')]
        commands += [['jwt', c] for c in ('decode', 'verify', 'sign')]
        commands += [['discover']]
        commands += [['authorize']]
        commands += [['device']]
        commands += [['id-token', 'validate']]
        commands += [['userinfo']]
        commands += [['exchange'], ['revoke'], ['introspect'], ['ciba']]
        commands += [['api']]
        for command in [[]] + commands:
            result = subprocess.run([OA2, *command, '--help'], capture_output=True, text=True,
                                    env=dict(os.environ, LC_ALL='C.UTF-8'), timeout=30)
            self.assertEqual(result.returncode, 0, command)
            options.update(re.findall(r'^\s+(--[a-z][a-z0-9-]+)', result.stdout, re.M))
        options -= {'--help', '--help-all'}
        self.assertIn('--access-token-only', options)
        return options

    def test_every_option_is_documented(self):
        with open(MAN_PAGE, encoding='utf-8') as f:
            man = f.read().replace('\\-', '-')
        with open(GUIDE, encoding='utf-8') as f:
            guide = f.read()
        for option in sorted(self.help_options()):
            self.assertRegex(man, re.escape(option) + r'\b', f'{option} is not in tools/oa2.1')
            self.assertRegex(guide, re.escape(option) + r'\b', f'{option} is not in tools/oa2.md')

    def test_man_page_renders_without_warnings(self):
        if shutil.which('man') is None:
            self.skipTest('needs man (man-db)')
        result = subprocess.run(['man', '--warnings', '-l', MAN_PAGE], capture_output=True, text=True,
                                env=dict(os.environ, LC_ALL='C.UTF-8', MANWIDTH='80', MANPAGER='cat',
                                         PAGER='cat'), timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, '')
        for heading in ('NAME', 'SYNOPSIS', 'DESCRIPTION', 'OPTIONS', 'EXIT STATUS', 'EXAMPLES', 'SEE ALSO'):
            self.assertRegex(result.stdout, rf'(?m)^{heading}$')
        self.assertIn('--access-token-only', result.stdout)


class DPoPCommand(JoseTestCase):
    TOKEN = 'Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU'   # RFC 9449 §7.1
    ATH = 'fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo'

    def proof(self, *args, env=None, stdin=None):
        result = subprocess.run([OA2, 'dpop', 'proof', *args], input=stdin, capture_output=True, text=True,
                                env=dict(self.env, **(env or {})), timeout=60)
        return result

    def verify(self, proof, jwk, alg):
        path = self.write('dpop-pub.jwk', jwk, 0o644)
        result = self.oa2('jwt', 'verify', proof, '--jwk', path, '--alg', alg, '--typ', 'dpop+jwt')
        self.assertOk(result)

    def parts(self, proof):
        header, claims, _ = proof.split('.')
        return json.loads(b64url_decode(header)), json.loads(b64url_decode(claims))

    def test_proof_with_a_key_file(self):
        key, path = self.generate('ES256')
        before = int(time.time())
        result = self.proof('--key', path, '--method', 'POST', '--url', 'https://AS.example:443/token?x=1#f',
                            '--access-token-env', 'AT', '--nonce', 'n-1', env={'AT': self.TOKEN})
        self.assertOk(result)
        self.assertEqual(result.stderr, '')
        proof = result.stdout.strip()
        self.assertEqual(result.stdout, proof + '\n')
        self.assertNotIn(key['d'], result.stdout)
        self.assertNotIn(self.TOKEN, result.stdout)
        header, claims = self.parts(proof)
        public = {name: key[name] for name in ('kty', 'crv', 'x', 'y')}
        self.assertEqual(header, {'alg': 'ES256', 'typ': 'dpop+jwt', 'jwk': public})
        self.assertEqual(list(claims), ['jti', 'htm', 'htu', 'iat', 'ath', 'nonce'])
        self.assertEqual((claims['htm'], claims['htu'], claims['ath'], claims['nonce']),
                         ('POST', 'https://as.example/token', self.ATH, 'n-1'))
        self.assertEqual(len(b64url_decode(claims['jti'])), 16)
        self.assertTrue(before <= claims['iat'] <= int(time.time()))
        self.verify(proof, public, 'ES256')
        # A new jti every time.
        again = self.proof('--key', path, '--method', 'POST', '--url', 'https://as.example/token')
        self.assertNotEqual(self.parts(again.stdout.strip())[1]['jti'], claims['jti'])

    def test_proof_with_a_generated_key(self):
        token_path = self.write('at.txt', self.TOKEN + '\n')
        for alg in ('EdDSA', 'Ed448', 'RS256'):
            result = self.proof('--generate', alg, '--method', 'GET', '--url', 'https://rs.example/items',
                                '--access-token-file', token_path)
            self.assertOk(result)
            header, claims = self.parts(result.stdout.strip())
            for member in PRIVATE_MEMBERS:
                self.assertNotIn(member, header['jwk'], alg)
            self.assertEqual((header['alg'], claims['ath']), (alg, self.ATH))
            self.assertNotIn('nonce', claims)
            self.verify(result.stdout.strip(), header['jwk'], alg)
        result = self.proof('--generate', 'ES256', '--method', 'GET', '--url', 'https://rs.example/',
                            '--access-token-file', '-', stdin=self.TOKEN)
        self.assertEqual(self.parts(result.stdout.strip())[1]['ath'], self.ATH)

    def test_usage_errors(self):
        _, path = self.generate('ES256')
        url = ('--method', 'GET', '--url', 'https://rs.example/')
        for args in ((*url,), ('--key', path, '--generate', 'ES256', *url), ('--key', path, '--method', 'GET'),
                     ('--key', path, '--url', 'https://rs.example/'), ('--generate', 'ES256', '--alg', 'ES256', *url),
                     ('--key', path, '--access-token-env', 'AT', '--access-token-file', path, *url),
                     ('--key', path, '--access-token', self.TOKEN, *url), ('--key', path, 'extra', *url),
                     ('--key', '-', '--access-token-file', '-', *url),
                     ('--key', path, '--access-token-env', 'UNSET_VARIABLE', *url)):
            self.assertUsage(self.proof(*args))
        self.assertUsage(self.oa2('dpop'))
        self.assertUsage(self.oa2('dpop', 'bogus'))

    def test_refused_keys_and_values(self):
        key, path = self.generate('ES256')
        public = self.write('pub.jwk', {name: value for name, value in key.items() if name != 'd'}, 0o644)
        url = ('--method', 'GET', '--url', 'https://rs.example/')
        self.assertFails(self.proof('--generate', 'HS256', *url), 'OA2_ERROR_UNSUPPORTED_ALGORITHM')
        self.assertFails(self.proof('--key', public, *url), 'OA2_ERROR_KEY_MISMATCH')
        self.assertFails(self.proof('--key', path, '--alg', 'ES384', *url), 'OA2_ERROR_KEY_MISMATCH')
        # A value the library refuses is a usage error, with the error.
        self.assertFails(self.proof('--key', path, '--method', 'GET', '--url', '/relative'),
                         'OA2_ERROR_INVALID_ARGUMENT', status=2)
        self.assertFails(self.proof('--key', path, *url, '--nonce', 'a b'), 'OA2_ERROR_INVALID_ARGUMENT', status=2)
        self.assertFails(self.proof('--key', path, '--method', 'G T', '--url', 'https://rs.example/'),
                         'OA2_ERROR_INVALID_ARGUMENT', status=2)


class TokenKeys(Oa2TestCase):
    """--auth private_key_jwt --key pkcs11:… with a SoftHSM2 token."""

    hsm = None
    token_dir = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        helper = os.environ.get('OA2_SOFTHSM_SETUP')
        if not helper:
            raise unittest.SkipTest('OA2_SOFTHSM_SETUP is not set: run this test through meson')
        cls.token_dir = tempfile.TemporaryDirectory(prefix='oa2-cli-pkcs11-')
        done = subprocess.run([helper, cls.token_dir.name], capture_output=True, text=True)
        if done.returncode == 77 and not os.environ.get('CI'):
            raise unittest.SkipTest('SoftHSM2 is not installed: ' + done.stderr.strip())
        if done.returncode != 0:
            raise RuntimeError('softhsm-setup failed: ' + done.stderr)
        cls.hsm = dict(line.split('=', 1) for line in done.stdout.splitlines())

    @classmethod
    def tearDownClass(cls):
        if cls.token_dir is not None:
            cls.token_dir.cleanup()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.env['SOFTHSM2_CONF'] = self.hsm['SOFTHSM2_CONF']
        self.env['OA2_TEST_PIN'] = self.hsm['OA2_TEST_PKCS11_PIN']
        self.module = self.hsm['OA2_TEST_SOFTHSM_MODULE']

    def write(self, name, content):
        path = self.path(name)
        with open(path, 'w') as f:
            f.write(content)
        os.chmod(path, 0o600)
        return path

    def pkcs11_token(self, uri, *args, **kwargs):
        return self.token('client-credentials', '--client-id', 'my-client', '--auth', 'private_key_jwt',
                          '--key', uri, '--pkcs11-module', self.module, *args, **kwargs)

    def test_assertion_signed_in_the_token(self):
        for name, alg, pin_args in (('EC', 'ES256', ['--pin-env', 'OA2_TEST_PIN']),
                                    ('RSA', 'PS256', ['--alg', 'PS256', '--pin-file', None])):
            with self.subTest(alg=alg):
                self.server.requests.clear()
                if None in pin_args:
                    pin_args[pin_args.index(None)] = self.write('pin', self.hsm['OA2_TEST_PKCS11_PIN'] + '\n')
                result = self.pkcs11_token(self.hsm[f'OA2_TEST_PKCS11_{name}_URI'], *pin_args)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertNotIn(self.hsm['OA2_TEST_PKCS11_PIN'], result.stdout + result.stderr)
                form = self.last_request()['form']
                assertion = form['client_assertion'][0]
                public_path = self.write('pub.jwk', self.hsm[f'OA2_TEST_PKCS11_{name}_JWK'])
                verified = self.oa2('jwt', 'verify', assertion, '--jwk', public_path, '--alg', alg,
                                    '--issuer', 'my-client', '--audience', self.endpoint)
                self.assertEqual(verified.returncode, 0, verified.stderr)

    def test_p11_kit_modules_by_default(self):
        # Without --pkcs11-module, GnuTLS loads the modules p11-kit is
        # configured with; Debian's softhsm2 package registers its own.
        if not os.path.exists('/usr/share/p11-kit/modules/softhsm2.module'):
            self.skipTest('p11-kit has no SoftHSM2 module configured')
        result = self.token('client-credentials', '--client-id', 'my-client', '--auth', 'private_key_jwt',
                            '--key', self.hsm['OA2_TEST_PKCS11_EC_URI'], '--pin-env', 'OA2_TEST_PIN')
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_token_errors(self):
        env = dict(self.env, OA2_TEST_PIN='0000')
        result = self.pkcs11_token(self.hsm['OA2_TEST_PKCS11_EC_URI'], '--pin-env', 'OA2_TEST_PIN', env=env)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn('OA2_ERROR_TOKEN_LOGIN_FAILED', result.stderr)
        self.assertNotIn('0000', result.stderr)
        result = self.pkcs11_token(self.hsm['OA2_TEST_PKCS11_EC_URI'])
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn('OA2_ERROR_TOKEN_LOGIN_FAILED', result.stderr)
        result = self.pkcs11_token('pkcs11:token=oa2-test;object=absent', '--pin-env', 'OA2_TEST_PIN')
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn('OA2_ERROR_KEY_NOT_FOUND', result.stderr)
        result = self.token('client-credentials', '--client-id', 'my-client', '--auth', 'private_key_jwt',
                            '--key', self.hsm['OA2_TEST_PKCS11_EC_URI'], '--pin-env', 'OA2_TEST_PIN',
                            '--pkcs11-module', self.path('no-such-module.so'))
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn('Cannot load the PKCS#11 module', result.stderr)
        self.assertEqual(self.server.requests, [])

    def test_dpop_key_in_the_token(self):
        self.server.reply = token_reply(token_type='DPoP')
        uri = self.hsm['OA2_TEST_PKCS11_EC_URI']
        result = self.token('client-credentials', '--client-id', 'my-client', '--client-secret-env', 'OA2_TEST_SECRET',
                            '--dpop', '--dpop-key', uri, '--pin-env', 'OA2_TEST_PIN',
                            '--pkcs11-module', self.module)
        self.assertEqual(result.returncode, 0, result.stderr)
        proof = self.last_request()['headers']['DPoP']
        header = json.loads(b64url_decode(proof.split('.')[0]))
        public = json.loads(self.hsm['OA2_TEST_PKCS11_EC_JWK'])
        self.assertEqual((header['jwk']['x'], header['jwk']['y']), (public['x'], public['y']))
        public_path = self.write('pub.jwk', self.hsm['OA2_TEST_PKCS11_EC_JWK'])
        verified = self.oa2('jwt', 'verify', proof, '--jwk', public_path, '--alg', 'ES256', '--typ', 'dpop+jwt')
        self.assertEqual(verified.returncode, 0, verified.stderr)
        # Both keys in the token, one PIN read once.
        self.server.requests.clear()
        result = self.token('client-credentials', '--client-id', 'my-client', '--auth', 'private_key_jwt',
                            '--key', self.hsm['OA2_TEST_PKCS11_RSA_URI'], '--alg', 'RS256',
                            '--dpop', '--dpop-key', uri, '--pin-file', '-', '--pkcs11-module', self.module,
                            stdin=self.hsm['OA2_TEST_PKCS11_PIN'] + '\n')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('DPoP', self.last_request()['headers'])
        self.assertIn('client_assertion', self.last_request()['form'])
        # A stored DPoP token holds its key: not one held in a token.
        for args in (['--json'], ['--output', self.path('token.json')], ['--dpop-key-out', self.path('k.jwk')]):
            with self.subTest(args=args):
                result = self.token('client-credentials', '--client-id', 'my-client', '--client-secret-env',
                                    'OA2_TEST_SECRET', '--dpop', '--dpop-key', uri, '--pin-env', 'OA2_TEST_PIN',
                                    *args)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn('cannot be saved', result.stderr)

    def test_dpop_proof_signed_in_the_token(self):
        url = ['--method', 'GET', '--url', 'https://rs.example/api']
        result = self.oa2('dpop', 'proof', '--key', self.hsm['OA2_TEST_PKCS11_RSA_URI'], '--alg', 'PS256',
                          '--pin-env', 'OA2_TEST_PIN', '--pkcs11-module', self.module, *url)
        self.assertEqual(result.returncode, 0, result.stderr)
        public_path = self.write('pub.jwk', self.hsm['OA2_TEST_PKCS11_RSA_JWK'])
        verified = self.oa2('jwt', 'verify', result.stdout.strip(), '--jwk', public_path, '--alg', 'PS256',
                            '--typ', 'dpop+jwt')
        self.assertEqual(verified.returncode, 0, verified.stderr)
        self.assertEqual(json.loads(verified.stdout)['htu'], 'https://rs.example/api')
        # The same refusals as oa2 token.
        result = self.oa2('dpop', 'proof', '--key', self.hsm['OA2_TEST_PKCS11_EC_URI'] + '?pin-value=1234', *url)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn('A PIN on the command line', result.stderr)
        result = self.oa2('dpop', 'proof', '--generate', 'ES256', '--pin-env', 'OA2_TEST_PIN', *url)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn('go with --key pkcs11:', result.stderr)
        result = self.oa2('dpop', 'proof', '--key', self.hsm['OA2_TEST_PKCS11_EC_URI'], '--pin-env', 'OA2_TEST_PIN',
                          '--pkcs11-module', self.module, *url, env=dict(self.env, OA2_TEST_PIN='0000'))
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn('OA2_ERROR_TOKEN_LOGIN_FAILED', result.stderr)

    def test_usage_errors(self):
        key_path = self.write('key.jwk', self.oa2('jwk', 'generate', 'ES256', '--private').stdout)
        uri = self.hsm['OA2_TEST_PKCS11_EC_URI']
        cases = [
            (['--auth', 'private_key_jwt', '--key', uri + '?pin-value=1234'], 'A PIN on the command line'),
            (['--auth', 'private_key_jwt', '--key', uri, '--pin-env', 'OA2_TEST_PIN', '--pin-file', key_path],
             'at most one of --pin-env and --pin-file'),
            (['--auth', 'private_key_jwt', '--key', key_path, '--pin-env', 'OA2_TEST_PIN'],
             'go with --key pkcs11:'),
            (['--auth', 'post', '--client-secret-env', 'OA2_TEST_SECRET', '--pkcs11-module', self.module],
             'go with --key pkcs11:'),
            (['--auth', 'private_key_jwt', '--key', uri, '--pin-env', 'OA2_NO_SUCH_VARIABLE'],
             'OA2_NO_SUCH_VARIABLE'),
            (['--auth', 'tls_client_auth', '--cert', key_path, '--key', uri],
             'not with the TLS methods'),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                result = self.token('client-credentials', '--client-id', 'my-client', *args)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn(message, result.stderr)
                self.assertNotIn('1234', result.stderr)
        self.assertEqual(self.server.requests, [])


class DPoPTokens(Oa2TestCase):
    default_reply = token_reply(token_type='DPoP', refresh_token=REFRESH_TOKEN)

    def write(self, name, content, mode=0o600):
        path = self.path(name)
        with open(path, 'w') as f:
            f.write(content if isinstance(content, str) else json.dumps(content))
        os.chmod(path, mode)
        return path

    def proof(self, request):
        header, claims, _ = request['headers']['DPoP'].split('.')
        return json.loads(b64url_decode(header)), json.loads(b64url_decode(claims))

    def assertFails(self, result, code_name):
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn(code_name, result.stderr)

    def test_new_key_summary_and_key_out(self):
        key_out = self.path('dpop.jwk')
        result = self.token('client-credentials', '--client-id', 'c', '--client-secret-env', 'OA2_TEST_SECRET',
                            '--dpop', '--dpop-key-out', key_out)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNoSecrets(result)
        header, claims = self.proof(self.last_request())
        self.assertEqual((header['alg'], header['typ']), ('ES256', 'dpop+jwt'))
        self.assertEqual((claims['htm'], claims['htu']), ('POST', self.endpoint))
        self.assertNotIn('ath', claims)
        jkt = thumbprint(header['jwk'])
        self.assertRegex(result.stdout, r'token type: +DPoP\n')
        self.assertRegex(result.stdout, r'DPoP key: +ES256, thumbprint \(jkt\) ' + re.escape(jkt) + '\n')
        self.assertEqual(stat.S_IMODE(os.stat(key_out).st_mode), 0o600)
        with open(key_out) as f:
            saved = json.load(f)
        self.assertEqual((saved['alg'], thumbprint(saved)), ('ES256', jkt))
        self.assertIn('d', saved)
        self.assertNotIn(saved['d'], result.stdout + result.stderr)

        # The saved key binds the next token, and makes proofs with oa2 dpop proof.
        self.server.requests.clear()
        result = self.token('client-credentials', '--dpop', '--dpop-key', key_out)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(thumbprint(self.proof(self.last_request())[0]['jwk']), jkt)
        proof = self.oa2('dpop', 'proof', '--key', key_out, '--method', 'GET', '--url', 'https://rs.example/')
        self.assertEqual(proof.returncode, 0, proof.stderr)

    def test_alg_and_every_grant(self):
        result = self.token('client-credentials', '--dpop', '--dpop-alg', 'EdDSA')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.proof(self.last_request())[0]['alg'], 'EdDSA')
        self.assertIn('DPoP key:', result.stdout)
        grants = (('password', '--username', 'u', '--password-env', 'OA2_TEST_SECRET'),
                  ('authorization-code', '--code-env', 'OA2_TEST_CODE', '--redirect-uri', 'http://127.0.0.1/cb'),
                  ('refresh', '--refresh-token-env', 'OA2_TEST_SECRET'),
                  ('jwt-bearer', '--assertion-env', 'OA2_TEST_SECRET'),
                  ('saml2-bearer', '--assertion-env', 'OA2_TEST_SECRET'),
                  ('request', '--grant-type', 'urn:example:grant'))
        for grant, *args in grants:
            self.server.requests.clear()
            result = self.token(grant, *args, '--dpop')
            self.assertEqual(result.returncode, 0, grant + ': ' + result.stderr)
            self.assertEqual(self.proof(self.last_request())[1]['htm'], 'POST', grant)

    def test_refresh_of_a_stored_token_reuses_its_key(self):
        stored = self.path('token.json')
        result = self.token('client-credentials', '--dpop', '--output', stored)
        self.assertEqual(result.returncode, 0, result.stderr)
        jkt = thumbprint(self.proof(self.last_request())[0]['jwk'])
        with open(stored) as f:
            self.assertIn('dpop_key', json.load(f))

        self.server.requests.clear()
        result = self.token('refresh', '--token-file', stored, '--output', stored)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(thumbprint(self.proof(self.last_request())[0]['jwk']), jkt)
        self.assertIn(jkt, result.stdout)

    def test_json_holds_the_key(self):
        result = self.token('client-credentials', '--dpop', '--json')
        self.assertEqual(result.returncode, 0, result.stderr)
        token = json.loads(result.stdout)
        self.assertEqual(token['token_type'], 'DPoP')
        self.assertIn('d', token['dpop_key']['jwk'])

    def test_refusals(self):
        self.server.reply = token_reply()
        self.assertFails(self.token('client-credentials', '--dpop'), 'OA2_ERROR_TOKEN_TYPE_MISMATCH')
        self.server.reply = self.default_reply
        self.assertFails(self.token('client-credentials', '--dpop', '--dpop-alg', 'HS256'),
                         'OA2_ERROR_UNSUPPORTED_ALGORITHM')
        public = self.write('public.jwk', {'kty': 'OKP', 'crv': 'Ed25519',
                                           'x': '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo'}, 0o644)
        self.assertFails(self.token('client-credentials', '--dpop', '--dpop-key', public), 'OA2_ERROR_KEY_MISMATCH')
        self.server.requests.clear()
        for args in (('--dpop-alg', 'ES256'), ('--dpop-key', public), ('--dpop-key-out', self.path('k')),
                     ('--dpop', '--dpop-key', self.path('missing.jwk')),
                     ('--dpop', '--dpop-key', '-', '--client-secret-file', '-')):
            result = self.token('client-credentials', *args)
            self.assertEqual(result.returncode, 2, result.stderr)
        self.assertEqual(self.server.requests, [])


class socket_bound_but_closed:
    """A loopback port that nothing listens on."""

    def __enter__(self):
        import socket
        self.sock = socket.socket()
        self.sock.bind(('127.0.0.1', 0))
        return self.sock.getsockname()[1]

    def __exit__(self, *exc):
        self.sock.close()


class Discovery(Oa2TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meta = fake.FakeAuthorizationServer(token_reply())
        cls.meta.start()
        cls.issuer = 'http://127.0.0.1:%d/tenant' % cls.meta.server_address[1]

    @classmethod
    def tearDownClass(cls):
        cls.meta.stop()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.meta.requests.clear()
        self.meta.issuer_override = None

    def test_summary_openid_and_rfc8414(self):
        for extra, path in (([], '/tenant/.well-known/openid-configuration'),
                            (['--rfc8414'], '/.well-known/oauth-authorization-server/tenant')):
            result = self.oa2('discover', self.issuer, *extra)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertRegex(result.stdout, r'issuer +' + re.escape(self.issuer))
            self.assertRegex(result.stdout, r'token_endpoint +http://127\.0\.0\.1:\d+/token')
            self.assertRegex(result.stdout, r'id_token_signing_alg_values_supported +ES256 RS256')
            self.assertRegex(result.stdout, r'mtls_endpoint_aliases\.token_endpoint +https://mtls\.as\.example/token')
            self.assertRegex(result.stdout, r'authorization_response_iss_parameter_supported +true')
            request = self.meta.requests[-1]
            self.assertEqual(request['method'], 'GET')
            self.assertEqual(request['path'], path)
            self.assertEqual(request['headers'].get('Accept'), 'application/json')

    def test_json_and_discovery_url(self):
        url = 'http://127.0.0.1:%d/.well-known/oauth-authorization-server/tenant' % self.meta.server_address[1]
        result = self.oa2('discover', url, '--json')
        self.assertEqual(result.returncode, 0, result.stderr)
        document = json.loads(result.stdout)
        self.assertEqual(document['issuer'], self.issuer)
        self.assertEqual(document['x_vendor'], 1)

    def test_errors(self):
        self.meta.issuer_override = 'https://other.example'
        result = self.oa2('discover', self.issuer)
        self.assertEqual(result.returncode, 1)
        self.assertIn('OA2_ERROR_INVALID_MEMBER', result.stderr)
        self.assertIn('instead of', result.stderr)
        result = self.oa2('discover', 'http://127.0.0.1:%d/nothing' % self.meta.server_address[1])
        self.assertEqual(result.returncode, 1)
        self.assertIn('OA2_ERROR_UNEXPECTED_STATUS', result.stderr)
        # Refused before any request, as the library refuses such arguments.
        result = self.oa2('discover', 'http://as.example')
        self.assertEqual(result.returncode, 2)
        self.assertIn('OA2_ERROR_INSECURE_TRANSPORT', result.stderr)
        for args in ([], ['a', 'b'], ['--rfc8414', self.issuer + '/.well-known/openid-configuration']):
            self.assertEqual(self.oa2('discover', *args).returncode, 2, args)

    def test_token_with_issuer(self):
        result = self.oa2('token', 'client-credentials', '--issuer', self.issuer, '--client-id', 'my-client',
                          '--client-secret-env', 'OA2_TEST_SECRET', '--scope', 'api:read')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNoSecrets(result)
        post = [r for r in self.meta.requests if r['method'] == 'POST']
        self.assertEqual(len(post), 1)
        self.assertEqual(post[0]['path'], '/token')
        self.assertEqual(post[0]['form']['client_secret'], [CLIENT_SECRET])
        result = self.oa2('token', 'client-credentials', '--issuer', self.issuer, '--rfc8414')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.meta.requests[-2]['path'], '/.well-known/oauth-authorization-server/tenant')
        # Exactly one of --token-endpoint and --issuer; --rfc8414 with --issuer.
        for args in (['--issuer', self.issuer, '--token-endpoint', self.endpoint], [],
                     ['--token-endpoint', self.endpoint, '--rfc8414']):
            self.assertEqual(self.oa2('token', 'client-credentials', *args).returncode, 2, args)
        self.meta.issuer_override = 'https://other.example'
        result = self.oa2('token', 'client-credentials', '--issuer', self.issuer)
        self.assertEqual(result.returncode, 1)
        self.assertIn('OA2_ERROR_INVALID_MEMBER', result.stderr)
class IdTokenCommand(JoseTestCase):
    """oa2 id-token validate: the token never from argv, the keys from a
    file or a jwks_uri, each refusal with its code."""

    ISSUER = 'https://id.example.com'

    def setUp(self):
        super().setUp()
        self.key, self.key_path = self.generate('RS256')
        public = {k: v for k, v in self.key.items() if k not in ('d', 'p', 'q', 'dp', 'dq', 'qi')}
        self.jwks_path = self.write('provider.jwks', {'keys': [public]}, 0o644)

    def id_token(self, **extra):
        now = int(time.time())
        claims = dict(iss=self.ISSUER, sub='alice', aud='my-app', iat=now, exp=now + 300, nonce='n-1')
        claims.update(extra)
        return self.sign(self.key_path, claims)

    def validate(self, *args, stdin=None):
        return self.oa2('id-token', 'validate', '--issuer', self.ISSUER, '--client-id', 'my-app', *args,
                        stdin=stdin)

    def test_valid_from_stdin_file_and_env(self):
        token = self.id_token()
        result = self.validate('--jwks', self.jwks_path, '--nonce', 'n-1', stdin=token + '\n')
        self.assertOk(result)
        self.assertEqual(json.loads(result.stdout)['sub'], 'alice')
        self.assertOk(self.validate('--jwks', self.jwks_path, '--token-file', self.write('t.jwt', token)))
        self.env['ID_TOKEN'] = token
        self.assertOk(self.validate('--jwks', self.jwks_path, '--token-env', 'ID_TOKEN'))

    def test_refused(self):
        self.assertFails(self.validate('--jwks', self.jwks_path, '--nonce', 'n-2', stdin=self.id_token()),
                         'OA2_ERROR_INVALID_CLAIM')
        self.assertFails(self.validate('--jwks', self.jwks_path, stdin=self.id_token(iss='https://evil')),
                         'OA2_ERROR_INVALID_CLAIM')
        self.assertFails(self.validate('--jwks', self.jwks_path, stdin=self.id_token(aud='other')),
                         'OA2_ERROR_INVALID_CLAIM')
        self.assertFails(self.validate('--jwks', self.jwks_path, '--alg', 'ES256', stdin=self.id_token()),
                         'OA2_ERROR_UNSUPPORTED_ALGORITHM')
        payload = b64url(json.dumps({'iss': self.ISSUER, 'sub': 'a', 'aud': 'my-app',
                                     'iat': int(time.time()), 'exp': int(time.time()) + 60}).encode())
        self.assertFails(self.validate('--jwks', self.jwks_path, stdin='eyJhbGciOiJub25lIn0.' + payload + '.'),
                         'OA2_ERROR_UNSECURED_TOKEN')
        other, other_path = self.generate('RS256', 'other.jwk')
        forged = self.sign(other_path, {'iss': self.ISSUER, 'sub': 'a', 'aud': 'my-app',
                                        'iat': int(time.time()), 'exp': int(time.time()) + 60})
        self.assertFails(self.validate('--jwks', self.jwks_path, stdin=forged), 'OA2_ERROR_NO_MATCHING_KEY')

    def test_usage_errors(self):
        token = self.id_token()
        self.assertUsage(self.validate('--jwks', self.jwks_path, token))
        self.assertUsage(self.oa2('id-token', 'validate', '--client-id', 'my-app', '--jwks', self.jwks_path,
                                  stdin=token))
        self.assertUsage(self.validate(stdin=token))
        self.assertUsage(self.validate('--jwks', self.jwks_path, '--jwks-uri', 'https://id.example.com/jwks',
                                       stdin=token))
        self.assertUsage(self.validate('--jwks', self.jwks_path, '--alg', 'none', stdin=token))
        self.assertUsage(self.validate('--jwks', self.jwks_path, '--token-env', 'UNSET_VARIABLE_X'))

    def test_keys_from_jwks_uri(self):
        import http.server
        import threading
        with open(self.jwks_path) as f:
            body = f.read().encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            hits = 0

            def do_GET(self):
                Handler.hits += 1
                self.send_response(200)
                self.send_header('Content-Type', 'application/jwk-set+json')
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = http.server.HTTPServer(('127.0.0.1', 0), Handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            uri = 'http://127.0.0.1:%d/jwks' % server.server_address[1]
            result = self.validate('--jwks-uri', uri, '--max-age', '600', stdin=self.id_token(auth_time=int(time.time())))
            self.assertOk(result)
            self.assertEqual(Handler.hits, 1)
            self.assertFails(self.validate('--jwks-uri', uri, '--max-age', '600', stdin=self.id_token()),
                             'OA2_ERROR_INVALID_CLAIM')
        finally:
            server.shutdown()
            server.server_close()


class UserinfoCommand(JoseTestCase):
    """oa2 userinfo: the token from a stored token file or the environment,
    the endpoint given or discovered, claims printed, refusals mapped."""

    def setUp(self):
        super().setUp()
        import http.server

        test = self
        self.requests = []
        self.reply = (200, 'application/json', '{"sub":"alice","name":"Alice"}', {})

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                test.requests.append((self.path, dict(self.headers)))
                if self.path == '/.well-known/openid-configuration':
                    status, content_type, body, headers = 200, 'application/json', json.dumps({
                        'issuer': test.base, 'token_endpoint': test.base + '/token',
                        'userinfo_endpoint': test.base + '/userinfo'}), {}
                else:
                    status, content_type, body, headers = test.reply
                data = body.encode('utf-8')
                self.send_response(status)
                self.send_header('Content-Type', content_type)
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
        self.base = 'http://127.0.0.1:%d' % self.server.server_address[1]
        self.env['GIO_USE_PROXY_RESOLVER'] = 'dummy'

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
        super().tearDown()

    def test_access_token_env_and_endpoint(self):
        self.env['AT'] = 'at-1'
        result = self.oa2('userinfo', '--access-token-env', 'AT', '--userinfo-endpoint', self.base + '/userinfo')
        self.assertOk(result)
        self.assertEqual(json.loads(result.stdout), {'sub': 'alice', 'name': 'Alice'})
        self.assertEqual(self.requests[-1][1]['Authorization'], 'Bearer at-1')
        self.assertNotIn('at-1', result.stderr)

    def test_token_file_and_discovery(self):
        stored = {'access_token': 'at-2', 'token_type': 'Bearer'}
        path = self.write('token.json', stored)
        result = self.oa2('userinfo', '--token-file', path, '--issuer', self.base)
        self.assertOk(result)
        self.assertEqual(json.loads(result.stdout)['sub'], 'alice')
        self.assertEqual(self.requests[0][0], '/.well-known/openid-configuration')
        self.assertEqual(self.requests[-1][1]['Authorization'], 'Bearer at-2')

    def test_refusals(self):
        self.env['AT'] = 'at-3'
        endpoint = self.base + '/userinfo'
        self.reply = (401, 'text/plain', '', {'WWW-Authenticate': 'Bearer error="invalid_token"'})
        result = self.oa2('userinfo', '--access-token-env', 'AT', '--userinfo-endpoint', endpoint)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn('invalid_token', result.stderr)
        self.reply = (200, 'text/html', '<html></html>', {})
        self.assertFails(self.oa2('userinfo', '--access-token-env', 'AT', '--userinfo-endpoint', endpoint),
                         'OA2_ERROR_UNEXPECTED_CONTENT_TYPE')
        self.reply = (200, 'application/json', '{"name":"Alice"}', {})
        self.assertFails(self.oa2('userinfo', '--access-token-env', 'AT', '--userinfo-endpoint', endpoint),
                         'OA2_ERROR_MISSING_MEMBER')

    def test_usage(self):
        self.env['AT'] = 'at-4'
        self.assertUsage(self.oa2('userinfo', '--access-token-env', 'AT'))
        self.assertUsage(self.oa2('userinfo', '--userinfo-endpoint', self.base + '/userinfo'))
        self.assertUsage(self.oa2('userinfo', '--access-token-env', 'NOT_SET_ANYWHERE',
                                  '--userinfo-endpoint', self.base + '/userinfo'))
        self.assertUsage(self.oa2('userinfo', '--access-token-env', 'AT', '--userinfo-endpoint',
                                  self.base + '/userinfo', 'at-4'))
        self.assertUsage(self.oa2('userinfo', '--access-token-env', 'AT', '--userinfo-endpoint',
                                  self.base + '/userinfo', '--signed-alg', 'RS256'))
        self.assertEqual(self.requests, [])


class Store(Oa2TestCase):
    """oa2 store: the file store here, the keyring on a private D-Bus
    session bus with gnome-keyring (tests/secret-service-session.py)."""

    KEY = ['--issuer', 'https://as.example', '--client-id', 'cli-client']
    TESTS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                             'tests')

    def stored_token(self):
        path = self.path('token.json')
        result = self.token('client-credentials', '--client-id', 'c', '--output', path)
        self.assertEqual(result.returncode, 0, result.stderr)
        return path

    def test_file_store_round_trip(self):
        token = self.stored_token()
        store = ['--file-store', self.path('tokens')]
        result = self.oa2('store', 'load', *self.KEY, *store)
        self.assertEqual(result.returncode, 1)
        self.assertIn('no token is stored', result.stderr)

        result = self.oa2('store', 'save', *self.KEY, *store, token)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNoSecrets(result)
        (name,) = os.listdir(self.path('tokens'))
        self.assertEqual(stat.S_IMODE(os.stat(os.path.join(self.path('tokens'), name)).st_mode), 0o600)

        result = self.oa2('store', 'load', *self.KEY, *store)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(token) as f:
            self.assertEqual(json.loads(result.stdout), json.load(f))
        # Another account is another key.
        result = self.oa2('store', 'load', *self.KEY, *store, '--account', 'other')
        self.assertEqual(result.returncode, 1)

        result = self.oa2('store', 'clear', *self.KEY, *store)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.oa2('store', 'load', *self.KEY, *store).returncode, 1)
        self.assertEqual(self.oa2('store', 'clear', *self.KEY, *store).returncode, 0)

    def test_reference_library_text(self):
        store = ['--file-store', self.path('tokens')]
        with open(os.path.join(self.TESTS_DIR, 'compact', 'bearer.txt')) as f:
            compact = f.read()
        result = self.oa2('store', 'save', *self.KEY, *store, '-', stdin=compact)
        self.assertEqual(result.returncode, 0, result.stderr)
        result = self.oa2('store', 'load', *self.KEY, *store, '--compact')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, compact)
        result = self.oa2('store', 'load', *self.KEY, *store)
        self.assertEqual(json.loads(result.stdout)['access_token'], '2YotnFZFEjr1zCsicMWpAA')

    def test_usage_and_bad_input(self):
        store = ['--file-store', self.path('tokens')]
        for args in (['store', 'load', '--client-id', 'c'] + store,
                     ['store', 'save', *self.KEY, *store, 'a', 'b'],
                     ['store', 'save', *self.KEY, *store, self.path('missing')],
                     ['store', 'frobnicate']):
            self.assertEqual(self.oa2(*args).returncode, 2, args)
        result = self.oa2('store', 'save', *self.KEY, *store, '-', stdin='not a token')
        self.assertEqual(result.returncode, 1)
        self.assertIn('MALFORMED_TOKEN', result.stderr)
        self.assertRegex(self.oa2('--help').stdout, r'\n  store +Keep tokens')

    def test_keyring(self):
        token = self.stored_token()
        session = os.path.join(self.TESTS_DIR, 'secret-service-session.py')
        key = ' '.join(self.KEY)
        script = (f'"{OA2}" store save {key} "{token}" && '
                  f'"{OA2}" store load {key} > "{self.path("loaded.json")}" && '
                  f'"{OA2}" store clear {key} && '
                  f'! "{OA2}" store load {key}')
        result = subprocess.run([sys.executable, session, 'sh', '-c', script], capture_output=True, text=True,
                                env=self.env, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(token) as f, open(self.path('loaded.json')) as g:
            self.assertEqual(json.load(g), json.load(f))


class ApiCommand(JoseTestCase):
    """oa2 api: a request through OA2ApiClient to a small API in a thread,
    with a fixed token, a stored token refreshed after invalid_token, or
    client credentials; bodies, headers, query; statuses and refusals."""

    def setUp(self):
        super().setUp()
        import http.server
        import urllib.parse

        test = self
        self.requests = []
        self.token_requests = []
        self.token_headers = []
        self.token_bodies = []
        self.accepted = 'Bearer at-1'
        self.api_nonce = None   # a DPoP nonce the API asks for (use_dpop_nonce)

        class Handler(http.server.BaseHTTPRequestHandler):
            def reply(self, status, body, headers=()):
                data = body.encode('utf-8')
                self.send_response(status)
                self.send_header('Content-Type', 'application/json')
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header('Content-Length', str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def handle_any(self):
                length = int(self.headers.get('Content-Length') or 0)
                body = self.rfile.read(length).decode('utf-8')
                if self.path.startswith('/.well-known/'):
                    self.reply(200, json.dumps({'issuer': test.base, 'token_endpoint': test.base + '/token',
                                                'authorization_endpoint': test.base + '/authorize',
                                                'jwks_uri': test.base + '/jwks',
                                                'response_types_supported': ['code'],
                                                'subject_types_supported': ['public'],
                                                'id_token_signing_alg_values_supported': ['RS256']}))
                    return
                if self.path == '/token':
                    test.token_requests.append(urllib.parse.parse_qs(body))
                    test.token_bodies.append(body)
                    test.token_headers.append(dict(self.headers))
                    self.reply(200, json.dumps({'access_token': 'at-%d' % len(test.token_requests),
                                                'token_type': 'DPoP' if self.headers.get('DPoP') else 'Bearer',
                                                'expires_in': 600, 'refresh_token': 'rt-new'}))
                    return
                test.requests.append((self.command, self.path, dict(self.headers), body))
                proof = self.headers.get('DPoP')
                if (test.api_nonce is not None and proof is not None and
                        json.loads(b64url_decode(proof.split('.')[1])).get('nonce') != test.api_nonce):
                    self.reply(401, '', [('WWW-Authenticate', 'DPoP error="use_dpop_nonce"'),
                                         ('DPoP-Nonce', test.api_nonce)])
                elif self.path.startswith('/v1/missing'):
                    self.reply(404, '{"error":"no such thing"}')
                elif self.path == '/v1/moved':
                    self.reply(302, '', [('Location', '/v1/things')])
                elif self.headers.get('Authorization') != test.accepted:
                    self.reply(401, '', [('WWW-Authenticate', 'Bearer error="invalid_token"')])
                else:
                    self.reply(200, '{"ok":true}')

            do_GET = do_POST = do_PUT = do_DELETE = handle_any

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = 'http://127.0.0.1:%d' % self.server.server_address[1]
        self.env['GIO_USE_PROXY_RESOLVER'] = 'dummy'

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
        super().tearDown()

    def test_fixed_token(self):
        self.env['AT'] = 'at-1'
        result = self.oa2('api', 'GET', self.base + '/v1/things?limit=2', '--access-token-env', 'AT',
                          '--query', 'q=a b', '--header', 'Accept: application/json')
        self.assertOk(result)
        self.assertEqual(json.loads(result.stdout), {'ok': True})
        self.assertIn('HTTP 200 OK', result.stderr)
        method, path, headers, _ = self.requests[-1]
        self.assertEqual((method, path), ('GET', '/v1/things?limit=2&q=a%20b'))
        self.assertEqual(headers['Authorization'], 'Bearer at-1')
        self.assertEqual(headers['Accept'], 'application/json')
        self.assertNotIn('at-1', result.stderr)

        # Refused, with nothing to renew it with.
        self.env['AT'] = 'at-old'
        self.assertFails(self.oa2('api', 'GET', self.base + '/v1/things', '--access-token-env', 'AT'),
                         'OA2_ERROR_SIGN_IN_REQUIRED')

    def test_stored_token_renewed(self):
        path = self.write('token.json', {'access_token': 'at-old', 'token_type': 'Bearer',
                                         'refresh_token': 'rt-1'})
        body = self.write('body.json', '{"name":"new"}')
        result = self.oa2('api', 'POST', self.base + '/v1/things', '--token-file', path,
                          '--token-endpoint', self.base + '/token', '--client-id', 'cli',
                          '--data-file', body)
        self.assertOk(result)
        self.assertEqual(len(self.token_requests), 1)
        self.assertEqual(self.token_requests[0]['grant_type'], ['refresh_token'])
        self.assertEqual(self.token_requests[0]['refresh_token'], ['rt-1'])
        self.assertEqual([r[2]['Authorization'] for r in self.requests], ['Bearer at-old', 'Bearer at-1'])
        self.assertEqual(self.requests[-1][3], '{"name":"new"}')
        self.assertEqual(self.requests[-1][2]['Content-Type'], 'application/json')

    def test_stream(self):
        self.env['AT'] = 'at-1'
        body = self.write('body.json', '{"name":"' + 'x' * 300000 + '"}')
        result = self.oa2('api', 'PUT', self.base + '/v1/things', '--access-token-env', 'AT',
                          '--data-file', body, '--stream')
        self.assertOk(result)
        self.assertEqual(result.stdout, '{"ok":true}')  # as it came: no newline added
        self.assertEqual(len(self.requests[-1][3]), 300011)
        self.assertEqual(self.requests[-1][2]['Content-Length'], '300011')
        result = self.oa2('api', 'GET', self.base + '/v1/missing', '--access-token-env', 'AT', '--stream',
                          '--no-raise-for-status')
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(result.stdout, '{"error":"no such thing"}')
        # Refused: not sent again, since its body was read once.
        self.env['AT'] = 'at-old'
        count = len(self.requests)
        self.assertFails(self.oa2('api', 'PUT', self.base + '/v1/things', '--access-token-env', 'AT',
                                  '--data-file', body, '--stream'), 'OA2_ERROR_SIGN_IN_REQUIRED')
        self.assertEqual(len(self.requests), count + 1)

    def test_client_credentials_and_status(self):
        self.env['SECRET'] = 'cs-1'
        args = ['--client-credentials', '--token-endpoint', self.base + '/token', '--client-id', 'svc',
                '--client-secret-env', 'SECRET', '--scope', 'api:read']
        result = self.oa2('api', 'DELETE', self.base + '/v1/things/1', *args)
        self.assertOk(result)
        self.assertEqual(self.token_requests[0]['grant_type'], ['client_credentials'])
        self.assertEqual(self.token_requests[0]['scope'], ['api:read'])
        self.assertEqual(self.requests[-1][0], 'DELETE')

        self.assertFails(self.oa2('api', 'GET', self.base + '/v1/missing', *args), 'OA2_ERROR_UNEXPECTED_STATUS')
        result = self.oa2('api', 'GET', self.base + '/v1/missing', *args, '--no-raise-for-status')
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn('no such thing', result.stdout)
        self.assertIn('HTTP 404 Not Found', result.stderr)
        self.assertNotIn('cs-1', result.stderr + result.stdout)

    def test_redirects(self):
        self.env['AT'] = 'at-1'
        result = self.oa2('api', 'GET', self.base + '/v1/moved', '--access-token-env', 'AT')
        self.assertOk(result)
        self.assertEqual(json.loads(result.stdout), {'ok': True})
        self.assertEqual([(r[1], r[2]['Authorization']) for r in self.requests],
                         [('/v1/moved', 'Bearer at-1'), ('/v1/things', 'Bearer at-1')])
        result = self.oa2('api', 'GET', self.base + '/v1/moved', '--access-token-env', 'AT',
                          '--no-follow-redirects')
        self.assertOk(result)
        self.assertIn('HTTP 302 Found', result.stderr)
        self.assertIn('Location: /v1/things', result.stderr)
        self.assertEqual(len(self.requests), 3)

    # oa2 api --client-credentials with the client options of oa2 token.

    def client_credentials(self, *args, method='GET', path='/v1/things', **kwargs):
        return self.oa2('api', method, self.base + path, '--client-credentials',
                        '--token-endpoint', self.base + '/token', '--client-id', 'svc', *args, **kwargs)

    def test_client_credentials_secret_file(self):
        secret = self.write('secret', 'cs-1\n')
        result = self.client_credentials('--client-secret-file', secret, '--scope', 'api:read')
        self.assertOk(result)
        self.assertEqual(self.token_requests, [{'grant_type': ['client_credentials'], 'scope': ['api:read'],
                                                'client_id': ['svc'], 'client_secret': ['cs-1']}])
        self.assertNotIn('Authorization', self.token_headers[0])
        self.assertEqual(self.requests[-1][2]['Authorization'], 'Bearer at-1')

        # --auth basic, the secret from standard input.
        self.token_requests.clear()
        self.token_headers.clear()
        self.accepted = 'Bearer at-1'
        result = self.oa2('api', 'GET', self.base + '/v1/things', '--client-credentials',
                          '--token-endpoint', self.base + '/token', '--client-id', 'svc',
                          '--client-secret-file', '-', '--auth', 'basic', stdin='cs-1\n')
        self.assertOk(result)
        self.assertEqual(self.token_requests, [{'grant_type': ['client_credentials']}])
        self.assertEqual(self.token_headers[0]['Authorization'],
                         'Basic ' + base64.b64encode(b'svc:cs-1').decode('ascii'))
        self.assertNotIn('cs-1', result.stdout + result.stderr)

    def test_client_credentials_resources_and_params(self):
        # The token request carries --resource (RFC 8707) and the values of
        # --param-env and --param-file, as with oa2 token client-credentials.
        self.env['OA2_TEST_TENANT'] = 'zebra & co'
        secret = self.write('secret', 'cs-1\n')
        audience = self.write('audience', 'https://api.example/\n')
        result = self.client_credentials('--client-secret-file', secret, '--scope', 'api:read',
                                         '--resource', 'https://rs.example/a', '--resource', 'https://rs.example/b',
                                         '--param-env', 'tenant=OA2_TEST_TENANT', '--param-file', f'audience={audience}')
        self.assertOk(result)
        self.assertEqual(len(self.token_bodies), 1)
        body = self.token_bodies[0]
        head = ('grant_type=client_credentials&scope=api%3Aread'
                '&resource=https%3A%2F%2Frs.example%2Fa&resource=https%3A%2F%2Frs.example%2Fb&')
        tail = '&client_id=svc&client_secret=cs-1'
        self.assertTrue(body.startswith(head), body)
        self.assertTrue(body.endswith(tail), body)
        # Extra parameters follow in no particular order.
        self.assertEqual(sorted(body[len(head):-len(tail)].split('&')),
                         ['audience=https%3A%2F%2Fapi.example%2F', 'tenant=zebra+%26+co'])
        self.assertNotIn('zebra', result.stdout + result.stderr)
        self.assertEqual(self.requests[-1][2]['Authorization'], 'Bearer at-1')

        # From standard input, one of them.
        self.token_bodies.clear()
        self.accepted = 'Bearer at-2'   # the fake's second token
        result = self.client_credentials('--client-secret-env', 'OA2_TEST_TENANT', '--param-file', 'tenant=-',
                                         stdin='t-1\n')
        self.assertOk(result)
        self.assertIn('&tenant=t-1&', self.token_bodies[0])

        # Never on the command line, only with --client-credentials, one stdin.
        self.token_bodies.clear()
        self.env['AT'] = 'at-1'
        url = self.base + '/v1/things'
        result = self.client_credentials('--client-secret-file', secret, '--param', 'tenant=zebra')
        self.assertUsage(result)
        self.assertIn('--param-env tenant=VAR', result.stderr)
        self.assertUsage(self.oa2('api', 'GET', url, '--access-token-env', 'AT', '--resource', 'https://rs.example/'))
        self.assertUsage(self.oa2('api', 'GET', url, '--access-token-env', 'AT',
                                  '--param-env', 'tenant=OA2_TEST_TENANT'))
        self.assertUsage(self.client_credentials('--client-secret-file', '-', '--param-file', 'tenant=-'))
        self.assertUsage(self.client_credentials('--client-secret-file', secret, '--param-env', 'novalue'))
        self.assertEqual(self.token_bodies, [])

    def test_client_credentials_private_key_jwt(self):
        key, key_path = self.generate('ES256')
        public_path = self.write('public.jwk', self.oa2('jwk', 'public', key_path).stdout)
        result = self.client_credentials('--auth', 'private_key_jwt', '--key', key_path, method='DELETE',
                                         path='/v1/things/1')
        self.assertOk(result)
        self.assertNotIn(key['d'], result.stdout + result.stderr)
        form = self.token_requests[0]
        self.assertEqual(sorted(form), ['client_assertion', 'client_assertion_type', 'client_id', 'grant_type'])
        self.assertEqual(form['client_assertion_type'], ['urn:ietf:params:oauth:client-assertion-type:jwt-bearer'])
        assertion = form['client_assertion'][0]
        self.assertEqual(json.loads(b64url_decode(assertion.split('.')[0])), {'alg': 'ES256', 'kid': key['kid']})
        verified = self.oa2('jwt', 'verify', assertion, '--jwk', public_path, '--alg', 'ES256',
                            '--issuer', 'svc', '--audience', self.base + '/token')
        self.assertOk(verified)
        self.assertEqual(json.loads(verified.stdout)['sub'], 'svc')
        self.assertEqual(self.requests[-1][:2], ('DELETE', '/v1/things/1'))

        # client_secret_jwt: an HS256 assertion made with the secret.
        self.token_requests.clear()
        self.env['SECRET'] = 'a-long-enough-client-secret-for-hs256!'
        result = self.client_credentials('--auth', 'client_secret_jwt', '--client-secret-env', 'SECRET')
        self.assertOk(result)
        assertion = self.token_requests[0]['client_assertion'][0]
        self.assertEqual(json.loads(b64url_decode(assertion.split('.')[0]))['alg'], 'HS256')
        self.assertNotIn('client_secret', self.token_requests[0])

    def test_client_credentials_dpop(self):
        key, key_path = self.generate('ES256', 'dpop.jwk')
        self.accepted = 'DPoP at-1'
        self.api_nonce = 'n-1'
        self.env['SECRET'] = 'cs-1'
        result = self.client_credentials('--client-secret-env', 'SECRET', '--dpop', '--dpop-key', key_path,
                                         '--query', 'a=1')
        self.assertOk(result)
        self.assertEqual(json.loads(result.stdout), {'ok': True})
        self.assertNotIn(key['d'], result.stdout + result.stderr)

        # The token request carries a proof of the key.
        header, claims = [json.loads(b64url_decode(part))
                          for part in self.token_headers[0]['DPoP'].split('.')[:2]]
        self.assertEqual((header['typ'], header['alg']), ('dpop+jwt', 'ES256'))
        self.assertEqual(thumbprint(header['jwk']), thumbprint(key))
        self.assertEqual((claims['htm'], claims['htu']), ('POST', self.base + '/token'))

        # The API got the token with a proof, then again with its nonce.
        self.assertEqual(len(self.token_requests), 1)
        self.assertEqual(len(self.requests), 2)
        for (method, path, headers, _), nonce in zip(self.requests, (None, 'n-1')):
            self.assertEqual((method, path), ('GET', '/v1/things?a=1'))
            self.assertEqual(headers['Authorization'], 'DPoP at-1')
            header, claims = [json.loads(b64url_decode(part)) for part in headers['DPoP'].split('.')[:2]]
            self.assertEqual(thumbprint(header['jwk']), thumbprint(key))
            self.assertEqual((claims['htm'], claims['htu']), ('GET', self.base + '/v1/things'))
            self.assertEqual(claims['ath'], b64url(hashlib.sha256(b'at-1').digest()))
            self.assertEqual(claims.get('nonce'), nonce)

        # A new key for each run without --dpop-key, of the --dpop-alg.
        self.requests.clear()
        self.token_requests.clear()
        self.token_headers.clear()
        result = self.client_credentials('--client-secret-env', 'SECRET', '--dpop', '--dpop-alg', 'EdDSA')
        self.assertOk(result)
        header = json.loads(b64url_decode(self.token_headers[0]['DPoP'].split('.')[0]))
        self.assertEqual(header['alg'], 'EdDSA')
        self.assertEqual(json.loads(b64url_decode(self.requests[-1][2]['DPoP'].split('.')[0]))['jwk'],
                         header['jwk'])

    def test_client_credentials_usage(self):
        self.env['AT'] = 'at-1'
        self.env['SECRET'] = 'cs-1'
        secret = self.write('secret', 'cs-1')
        key, key_path = self.generate('ES256')
        url = self.base + '/v1/things'
        cases = [
            (['--client-secret', 'cs-1'], 'would put the client secret on the command line'),
            (['--client-secret-env', 'SECRET', '--client-secret-file', secret],
             'either with --client-secret-env or with --client-secret-file'),
            (['--auth', 'private_key_jwt'], '--auth private_key_jwt needs --key PATH'),
            (['--auth', 'private_key_jwt', '--key', key_path, '--client-secret-env', 'SECRET'],
             'sends no secret'),
            (['--key', key_path, '--client-secret-env', 'SECRET'], '--key goes with --auth private_key_jwt'),
            (['--auth', 'tls_client_auth'], '--auth tls_client_auth needs --cert PATH'),
            (['--auth', 'magic'], '--auth is basic, post'),
            (['--auth', 'basic'], 'needs --client-secret-env VAR or --client-secret-file PATH'),
            (['--dpop-alg', 'ES256'], 'go with --dpop'),
            (['--dpop', '--dpop-key', self.path('missing.jwk')], 'missing.jwk'),
            (['--issuer', 'https://as.example'], 'Give exactly one of --token-endpoint and --issuer'),
            (['--preset', 'auth0:tenant'], 'Give only one of --token-endpoint, --issuer and --preset'),
            (['--rfc8414'], '--rfc8414 goes with --issuer'),
            (['--pin-env', 'PIN'], 'go with --key pkcs11:'),
            (['--client-secret-file', '-', '--data-file', '-'], 'Only one secret can come from standard input'),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                result = self.client_credentials(*args)
                self.assertUsage(result)
                self.assertIn(message, result.stderr)
        for args, message in [
                (['--client-credentials', '--client-secret-env', 'SECRET'],
                 'Give exactly one of --token-endpoint and --issuer'),
                (['--client-credentials', '--token-endpoint', self.base + '/token'], 'needs --client-id'),
                (['--access-token-env', 'AT', '--dpop'], '--dpop goes with --client-credentials'),
                (['--access-token-env', 'AT', '--auth', 'basic'], 'Give exactly one of --token-endpoint'),
                (['--access-token-env', 'AT', '--preset', 'nobody:x', '--client-id', 'c'], 'Unknown --preset')]:
            with self.subTest(args=args):
                result = self.oa2('api', 'GET', url, *args)
                self.assertUsage(result)
                self.assertIn(message, result.stderr)
        self.assertEqual(self.requests, [])
        self.assertEqual(self.token_requests, [])

    def test_client_credentials_issuer(self):
        """--issuer: the token endpoint from the discovered metadata."""
        self.env['SECRET'] = 'cs-1'
        result = self.oa2('api', 'GET', self.base + '/v1/things', '--client-credentials', '--issuer',
                          self.base, '--client-id', 'svc', '--client-secret-env', 'SECRET', '--auth', 'basic')
        self.assertOk(result)
        self.assertEqual(self.token_requests, [{'grant_type': ['client_credentials']}])

    def test_usage(self):
        self.env['AT'] = 'at-1'
        url = self.base + '/v1/things'
        self.assertUsage(self.oa2('api', 'GET', url))
        self.assertUsage(self.oa2('api', url, '--access-token-env', 'AT'))
        self.assertUsage(self.oa2('api', 'GET', url, '--access-token-env', 'AT', '--client-credentials'))
        self.assertUsage(self.oa2('api', 'GET', url, '--client-credentials'))
        self.assertUsage(self.oa2('api', 'GET', url, '--access-token-env', 'AT', '--client-id', 'x'))
        self.assertUsage(self.oa2('api', 'GET', url, '--access-token-env', 'AT', '--scope', 'x'))
        self.assertUsage(self.oa2('api', 'GET', url, '--access-token-env', 'AT', '--query', 'novalue'))
        self.assertUsage(self.oa2('api', 'GET', url, '--access-token-env', 'AT', '--header', 'novalue'))
        self.assertUsage(self.oa2('api', 'GET', url, '--access-token-env', 'NOT_SET_ANYWHERE'))
        self.assertUsage(self.oa2('api', 'GET', 'ftp://example.com/x', '--access-token-env', 'AT'))
        self.assertEqual(self.requests, [])
        self.assertFails(self.oa2('api', 'GET', self.base + '/v1/a%5cb', '--access-token-env', 'AT'),
                         'OA2_ERROR_OUTSIDE_BASE_URL')


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit('usage: test-oa2.py PATH/TO/oa2 [unittest arguments]')
    OA2 = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
