#!/usr/bin/python3
# test_pkcs11.py: keys held in a PKCS#11 token, through PyGObject
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Meson sets OA2_SOFTHSM_SETUP (the softhsm-setup helper), GI_TYPELIB_PATH
# and LD_LIBRARY_PATH. The helper makes a SoftHSM2 token with an EC P-256
# and an RSA key generated inside it; this process loads only SoftHSM's
# module, through OA2.pkcs11_add_module().
#
# Skipped only when SoftHSM2 is not installed and $CI is unset: CI installs
# it (build-aux/install-deps.sh).

import json
import os
import subprocess
import tempfile
import threading
import unittest

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Soup', '3.0')
gi.require_version('OA2', '1')

from gi.repository import GLib, OA2, Soup  # noqa: E402

TOKEN = {}
_tmp = None


def setUpModule():
    global _tmp

    helper = os.environ.get('OA2_SOFTHSM_SETUP')
    if not helper:
        raise RuntimeError('OA2_SOFTHSM_SETUP is not set: run this test through meson')
    _tmp = tempfile.TemporaryDirectory(prefix='oa2-py-pkcs11-')
    done = subprocess.run([helper, _tmp.name], capture_output=True, text=True)
    if done.returncode == 77 and not os.environ.get('CI'):
        raise unittest.SkipTest('SoftHSM2 is not installed: ' + done.stderr.strip())
    if done.returncode != 0:
        raise RuntimeError('softhsm-setup failed: ' + done.stderr)
    for line in done.stdout.splitlines():
        name, _, value = line.partition('=')
        TOKEN[name] = value
    # Before the module is loaded: SoftHSM reads its configuration then.
    os.environ['SOFTHSM2_CONF'] = TOKEN['SOFTHSM2_CONF']
    OA2.pkcs11_add_module(TOKEN['OA2_TEST_SOFTHSM_MODULE'])


def tearDownModule():
    if _tmp is not None:
        _tmp.cleanup()


def public_json(key):
    """The public JWK alone, parsed again: what a server registers."""
    return OA2.Jwk.new_from_json(key.dup_public().to_json(False))


class Pkcs11Test(unittest.TestCase):
    def open(self, uri_name, pin=None):
        asked = []

        # PyGObject passes the callback's data (None here) as a fourth argument.
        def on_pin(label, attempt, flags, _data):
            asked.append((label, attempt, flags))
            return pin

        key = OA2.Jwk.new_from_pkcs11_uri(TOKEN[uri_name], on_pin)
        return key, asked

    def test_pin_callback_and_key(self):
        key, asked = self.open('OA2_TEST_PKCS11_EC_URI', TOKEN['OA2_TEST_PKCS11_PIN'])
        self.assertEqual(len(asked), 1)
        self.assertEqual(asked[0][0], 'oa2-test')
        self.assertEqual(asked[0][1], 0)
        self.assertTrue(key.is_in_token())
        self.assertTrue(key.is_private())
        self.assertEqual(key.props.kty, 'EC')
        self.assertEqual(key.props.crv, 'P-256')
        self.assertEqual(key.get_alg(), 'ES256')
        self.assertEqual(key.get_kid(), key.dup_thumbprint())
        self.assertNotIn('"d"', key.to_json(False))

    def test_private_key_jwt(self):
        for uri_name, alg in (('OA2_TEST_PKCS11_EC_URI', 'ES256'), ('OA2_TEST_PKCS11_RSA_URI', 'RS256')):
            with self.subTest(alg=alg):
                key, _ = self.open(uri_name, TOKEN['OA2_TEST_PKCS11_PIN'])
                auth = OA2.PrivateKeyJwt.new('py-hsm', key, alg)
                headers = Soup.MessageHeaders.new(Soup.MessageHeadersType.REQUEST)
                params = auth.authenticate('POST', 'https://as.example/token', headers)
                jwt = OA2.Jwt.new_from_compact(params['client_assertion'])
                self.assertTrue(jwt.verify(public_json(key), [alg]))
                self.assertEqual(jwt.get_string_claim('iss'), 'py-hsm')

    def test_dpop_proof(self):
        key, _ = self.open('OA2_TEST_PKCS11_RSA_URI', TOKEN['OA2_TEST_PKCS11_PIN'])
        dpop = OA2.DPoPKey.new(key, 'PS256')
        proof = dpop.make_proof('GET', 'https://rs.example/api', 'token-value', None)
        jwt = OA2.Jwt.new_from_compact(proof)
        header = json.loads(Json_to_string(jwt.get_header()))
        header_key = OA2.Jwk.new_from_json(json.dumps(header['jwk']))
        self.assertTrue(jwt.verify(header_key, ['PS256']))
        self.assertEqual(dpop.dup_thumbprint(), key.dup_thumbprint())

    def test_wrong_pin(self):
        with self.assertRaises(GLib.Error) as caught:
            self.open('OA2_TEST_PKCS11_EC_URI', '0000')
        self.assertTrue(caught.exception.matches(OA2.error_quark(), OA2.Error.TOKEN_LOGIN_FAILED))
        self.assertNotIn('0000', caught.exception.message)

    def test_unknown_object(self):
        uri = 'pkcs11:token=oa2-test;object=absent?pin-value=' + TOKEN['OA2_TEST_PKCS11_PIN']
        with self.assertRaises(GLib.Error) as caught:
            OA2.Jwk.new_from_pkcs11_uri(uri, None)
        self.assertTrue(caught.exception.matches(OA2.error_quark(), OA2.Error.KEY_NOT_FOUND))

    def test_async_pin_runs_in_main_thread(self):
        loop = GLib.MainLoop()
        result = {}
        main_thread = threading.get_ident()

        def on_pin(label, attempt, flags, _data):
            result['pin_thread'] = threading.get_ident()
            return TOKEN['OA2_TEST_PKCS11_PIN']

        def done(_source, res):
            try:
                result['key'] = OA2.Jwk.new_from_pkcs11_uri_finish(res)
            except GLib.Error as e:
                result['error'] = e
            loop.quit()

        OA2.Jwk.new_from_pkcs11_uri_async(TOKEN['OA2_TEST_PKCS11_EC_URI'], pin_callback=on_pin, callback=done)
        GLib.timeout_add_seconds(30, loop.quit)
        loop.run()
        key = result.pop('key', None)
        self.assertNotIn('error', result)
        self.assertTrue(key.is_in_token())
        self.assertEqual(result['pin_thread'], main_thread)
        # on_pin, kept by the key, holds result: no cycle left behind, so
        # the key closes its session and the next test logs in afresh.


def Json_to_string(obj):
    gi.require_version('Json', '1.0')
    from gi.repository import Json

    node = Json.Node.alloc().init_object(obj)
    return Json.to_string(node, False)


if __name__ == '__main__':
    unittest.main()
