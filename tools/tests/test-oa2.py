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
# asks for it.

import base64
import functools
import json
import os
import stat
import subprocess
import sys
import tempfile
import unittest
import urllib.parse

import fake_token_endpoint as fake

OA2 = None

ACCESS_TOKEN = 'at-SECRET-0123456789abcdefghijklmnopqrstuv'
REFRESH_TOKEN = 'rt-SECRET-zyxwvutsrqponmlkjihgfedcba9876543210'
ID_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl'
CLIENT_SECRET = 'cs SECRET:/+%&'
CODE_VERIFIER = 'v' * 43


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

    def tearDown(self):
        self.tmp.cleanup()

    def oa2(self, *args, stdin=None, env=None):
        return subprocess.run([OA2, *args], input=stdin, capture_output=True, text=True,
                              env=env or self.env, timeout=30)

    def token(self, grant, *args, **kwargs):
        return self.oa2('token', grant, '--token-endpoint', self.endpoint, *args, **kwargs)

    def assertNoSecrets(self, result):
        for secret in (ACCESS_TOKEN, REFRESH_TOKEN, ID_TOKEN, CLIENT_SECRET, CODE_VERIFIER[:20] + 'x'):
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
        for grant in ('client-credentials', 'authorization-code', 'refresh', 'password', 'request'):
            result = self.oa2('token', grant, '--help')
            self.assertEqual(result.returncode, 0, grant)
            self.assertIn(f'oa2 token {grant}', result.stdout)
            self.assertIn('--client-secret-env', result.stdout)
            self.assertIn('G_MESSAGES_DEBUG=OA2', result.stdout)
            self.assertNotIn('--client-secret=', result.stdout)

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
            ['token', 'client-credentials', '--token-endpoint', self.endpoint, '--param', 'novalue'],
            ['token', 'client-credentials', '--token-endpoint', self.endpoint,
             '--param', 'a=1', '--param', 'a=2'],
            ['token', 'client-credentials', '--token-endpoint', self.endpoint, '--json',
             '--output', '/dev/null'],
            ['token', 'authorization-code', '--token-endpoint', self.endpoint],   # no --code
            ['token', 'authorization-code', '--token-endpoint', self.endpoint, '--code', 'c',
             '--scope', 'x'],
            ['token', 'refresh', '--token-endpoint', self.endpoint],              # no refresh token
            ['token', 'password', '--token-endpoint', self.endpoint, '--username', 'u'],
            ['token', 'request', '--token-endpoint', self.endpoint],              # no grant_type
        ]
        for args in cases:
            result = self.oa2(*args)
            self.assertEqual(result.returncode, 2, f'{args}: {result.stderr}')
            self.assertTrue(result.stderr.strip(), args)
        self.assertEqual(self.server.requests, [], 'a usage error sent a request')

    def test_arguments_the_library_refuses_exit_2(self):
        for extra in (['--scope', 'a  b'], ['--param', 'client_id=other'], ['--resource', 'not a uri']):
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
                            '--resource', 'https://b.example/', '--param', 'audience=api')
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
        result = self.token('authorization-code', '--client-id', 'pub', '--code', 'the-code',
                            '--redirect-uri', 'http://127.0.0.1:5000/cb', '--code-verifier', CODE_VERIFIER)
        self.assertEqual(result.returncode, 0, result.stderr)
        form = self.last_request()['form']
        self.assertEqual(form['grant_type'], ['authorization_code'])
        self.assertEqual(form['code'], ['the-code'])
        self.assertEqual(form['redirect_uri'], ['http://127.0.0.1:5000/cb'])
        self.assertEqual(form['code_verifier'], [CODE_VERIFIER])

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

    def test_request_any_grant(self):
        result = self.token('request', '--client-id', 'c', '--client-secret-env', 'OA2_TEST_SECRET',
                            '--param', 'grant_type=urn:example:grant', '--param', 'assertion=abc',
                            '--scope', 's1 s2', '--resource', 'https://r.example/')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('urn:example:grant', result.stdout)
        form = self.last_request()['form']
        self.assertEqual(form['grant_type'], ['urn:example:grant'])
        self.assertEqual(form['assertion'], ['abc'])
        self.assertEqual(form['scope'], ['s1 s2'])
        self.assertEqual(form['resource'], ['https://r.example/'])
        self.assertEqual(form['client_secret'], [CLIENT_SECRET])


class Failures(Oa2TestCase):
    def test_server_error_details_exit_1(self):
        self.server.reply = fake.error_reply(400, 'invalid_grant', 'the code expired',
                                             'https://as.example/errors#grant')
        result = self.token('authorization-code', '--client-id', 'pub', '--code', 'c')
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


class socket_bound_but_closed:
    """A loopback port that nothing listens on."""

    def __enter__(self):
        import socket
        self.sock = socket.socket()
        self.sock.bind(('127.0.0.1', 0))
        return self.sock.getsockname()[1]

    def __exit__(self, *exc):
        self.sock.close()


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit('usage: test-oa2.py PATH/TO/oa2 [unittest arguments]')
    OA2 = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
