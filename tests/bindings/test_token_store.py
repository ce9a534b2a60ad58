#!/usr/bin/python3
# test_token_store.py: token stores and the compact serialized form through
# PyGObject
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Meson runs it through tests/secret-service-session.py, so that the
# libsecret store talks to gnome-keyring on a private D-Bus session bus;
# nothing here is skipped. OA2_COMPACT_FIXTURES is tests/compact.

import base64
import json
import os
import shutil
import stat
import tempfile
import unittest
import zlib

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gio', '2.0')
gi.require_version('OA2', '1')

from gi.repository import GLib, Gio, OA2  # noqa: E402

ISSUER = 'https://as.example.com'
CLIENT_ID = 'py-store-client'
P256_JWK = ('{"kty":"EC","crv":"P-256",'
            '"x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",'
            '"y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",'
            '"d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}')


def fixture(name):
    with open(os.path.join(os.environ['OA2_COMPACT_FIXTURES'], name)) as f:
        return f.read().strip()


def reference_loads(compact):
    """The reference library's default_loader, minus its class choice."""
    data = compact.encode()
    data += b'=' * (-len(data) % 4)
    return json.loads(zlib.decompress(base64.urlsafe_b64decode(data), wbits=-15))


def make_token(access_token='py-token'):
    return OA2.BearerToken.new_from_json(json.dumps({
        'access_token': access_token, 'token_type': 'Bearer', 'expires_at': 1893456000,
        'refresh_token': 'rt-' + access_token, 'scope': 'openid'}))


def run_async(start, finish):
    loop = GLib.MainLoop()
    out = {}

    def done(source, result):
        try:
            out['value'] = finish(result)
        except GLib.Error as e:
            out['error'] = e
        loop.quit()

    start(done)
    GLib.timeout_add_seconds(30, loop.quit)
    loop.run()
    if 'error' in out:
        raise out['error']
    return out['value']


class CompactTest(unittest.TestCase):
    def test_bearer_fixture_byte_for_byte(self):
        token = OA2.BearerToken.new_from_compact(fixture('bearer.txt'))
        self.assertIsInstance(token, OA2.BearerToken)
        self.assertEqual(token.get_access_token(), '2YotnFZFEjr1zCsicMWpAA')
        self.assertEqual(token.get_expires_at().to_unix(), 1893456000)
        self.assertEqual(token.to_compact(), fixture('bearer.txt'))

    def test_python_reads_what_we_write(self):
        token = make_token('written-here')
        data = reference_loads(token.to_compact())
        self.assertEqual(list(data), ['access_token', 'expires_at', 'scope', 'refresh_token', 'token_type'])
        self.assertEqual(data['access_token'], 'written-here')
        self.assertEqual(data['expires_at'], 1893456000)

    def test_dpop(self):
        key = OA2.DPoPKey.new_from_compact(fixture('dpop-key.txt'))
        self.assertEqual(key.get_alg(), 'ES256')
        self.assertEqual(key.to_compact(), fixture('dpop-key.txt'))
        # The reference library's own output (Python repr() text in its
        # dpop_key) is read; what is written is the portable form.
        token = OA2.BearerToken.new_from_compact(fixture('dpop-token-reference.txt'))
        self.assertIsInstance(token, OA2.DPoPToken)
        self.assertEqual(token.get_dpop_key().dup_thumbprint(), key.dup_thumbprint())
        self.assertEqual(token.get_string_member('cnf_note'), 'extra')
        token = OA2.BearerToken.new_from_compact(fixture('dpop-token.txt'))
        self.assertEqual(token.to_compact(), fixture('dpop-token.txt'))
        data = reference_loads(token.to_compact())
        self.assertEqual(data['dpop_key']['private_key'], json.loads(P256_JWK))

    def test_hostile_input(self):
        cases = [
            ('not base64!', OA2.Error.MALFORMED_TOKEN),
            (base64.urlsafe_b64encode(zlib.compress(b' ' * (8 << 20))[2:-4]).decode().rstrip('='),
             OA2.Error.MALFORMED_TOKEN),
            (base64.urlsafe_b64encode(zlib.compress(b'{"a":')[2:-4]).decode().rstrip('='),
             OA2.Error.INVALID_JSON),
            (base64.urlsafe_b64encode(zlib.compress(b'{"access_token":"a","token_type":1}')[2:-4])
             .decode().rstrip('='), OA2.Error.INVALID_MEMBER),
            (base64.urlsafe_b64encode(zlib.compress(b'{"access_token":"a","token_type":"MAC"}')[2:-4])
             .decode().rstrip('='), OA2.Error.UNSUPPORTED_TOKEN_TYPE),
        ]
        for text, code in cases:
            with self.assertRaises(GLib.Error) as cm:
                OA2.BearerToken.new_from_compact(text)
            self.assertTrue(cm.exception.matches(OA2.error_quark(), code), cm.exception.message)


class StoreTest(unittest.TestCase):
    def round_trip(self, store):
        self.assertIsNone(store.load(ISSUER, CLIENT_ID, 'alice', None))
        token = make_token('alice-token')
        self.assertTrue(store.save(ISSUER, CLIENT_ID, 'alice', token, None))
        loaded = store.load(ISSUER, CLIENT_ID, 'alice', None)
        self.assertEqual(loaded.to_json(), token.to_json())

        newer = make_token('alice-newer')
        self.assertTrue(run_async(
            lambda cb: store.save_async(ISSUER, CLIENT_ID, 'alice', newer, None, cb),
            store.save_finish))
        loaded = run_async(lambda cb: store.load_async(ISSUER, CLIENT_ID, 'alice', None, cb),
                           store.load_finish)
        self.assertEqual(loaded.get_access_token(), 'alice-newer')

        key = OA2.DPoPKey.generate('ES256')
        dpop = OA2.DPoPToken.new('dpop-token', None, key)
        store.save(ISSUER, CLIENT_ID, 'dpop', dpop, None)
        loaded = store.load(ISSUER, CLIENT_ID, 'dpop', None)
        self.assertIsInstance(loaded, OA2.DPoPToken)
        self.assertEqual(loaded.get_dpop_key().dup_thumbprint(), key.dup_thumbprint())

        self.assertTrue(run_async(lambda cb: store.clear_async(ISSUER, CLIENT_ID, 'alice', None, cb),
                                  store.clear_finish))
        self.assertIsNone(store.load(ISSUER, CLIENT_ID, 'alice', None))
        store.clear(ISSUER, CLIENT_ID, 'dpop', None)

        with self.assertRaises(GLib.Error) as cm:
            store.load('', CLIENT_ID, 'alice', None)
        self.assertTrue(cm.exception.matches(OA2.error_quark(), OA2.Error.INVALID_ARGUMENT))

    def test_memory(self):
        store = OA2.MemoryTokenStore.new()
        self.assertIsInstance(store, OA2.TokenStore)
        self.round_trip(store)

    def test_file(self):
        tmp = tempfile.mkdtemp()
        try:
            directory = os.path.join(tmp, 'tokens')
            store = OA2.FileTokenStore.new(directory)
            self.assertEqual(store.props.directory, directory)
            self.round_trip(store)
            store.save(ISSUER, CLIENT_ID, 'bob', make_token('bob'), None)
            self.assertEqual(stat.S_IMODE(os.stat(directory).st_mode), 0o700)
            (name,) = os.listdir(directory)
            self.assertEqual(stat.S_IMODE(os.stat(os.path.join(directory, name)).st_mode), 0o600)
        finally:
            shutil.rmtree(tmp)

    def test_secret(self):
        self.assertTrue(OA2.SecretTokenStore.is_supported())
        self.assertIn('oa2-secret-', os.environ['DBUS_SESSION_BUS_ADDRESS'])
        self.round_trip(OA2.SecretTokenStore.new())


class AuthStoreTest(unittest.TestCase):
    """An auth handler that keeps its token in a store."""

    def test_access_token_auth_with_secret_store(self):
        store = OA2.SecretTokenStore.new()
        client = OA2.Client.new_public('https://as.example.com/token', CLIENT_ID)
        stored = make_token('from-the-keyring')
        store.save(ISSUER, CLIENT_ID, 'auth', stored, None)

        auth = OA2.AccessTokenAuth.new(client, None)
        self.assertTrue(auth.attach_store(store, ISSUER, CLIENT_ID, 'auth', None))
        self.assertEqual(auth.ensure_token(None).get_access_token(), 'from-the-keyring')

        # A new token (as a renewal would bring) is saved.
        auth.set_token(make_token('newer'))
        auth.wait_for_store()
        self.assertEqual(store.load(ISSUER, CLIENT_ID, 'auth', None).get_access_token(), 'newer')

        # Dropped (sign-in required): the store forgets it.
        auth.set_token(None)
        auth.wait_for_store()
        self.assertIsNone(store.load(ISSUER, CLIENT_ID, 'auth', None))

        with self.assertRaises(GLib.Error) as cm:
            auth.attach_store(store, ISSUER, CLIENT_ID, 'other', None)
        self.assertTrue(cm.exception.matches(OA2.error_quark(), OA2.Error.INVALID_ARGUMENT))


if __name__ == '__main__':
    unittest.main()
