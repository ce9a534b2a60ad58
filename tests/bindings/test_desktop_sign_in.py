#!/usr/bin/python3
# test_desktop_sign_in.py: the one-call sign-in of a desktop app
# (OA2.DesktopSignIn) through PyGObject, against the real provider
# (tests/interop/provider/provider.mjs); the browser that the library
# launches (OA2_BROWSER) is the scripted one, scripted-browser.mjs, which
# signs in as alice and follows the redirect to the loopback receiver.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Meson sets OA2_PROVIDER_DIR, GI_TYPELIB_PATH and LD_LIBRARY_PATH. Nothing
# here is skipped.

import json
import os
import select
import shlex
import shutil
import subprocess
import unittest

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gio', '2.0')
gi.require_version('OA2', '1')

from gi.repository import GLib, Gio, OA2  # noqa: E402

GUARD_SECONDS = 60
provider = None
ISSUER = None


def setUpModule():
    global provider, ISSUER
    directory = os.environ['OA2_PROVIDER_DIR']
    # The provider exits when its stdin reaches EOF, so it dies with us.
    provider = subprocess.Popen(['node', os.path.join(directory, 'provider.mjs')],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    ready, _, _ = select.select([provider.stdout], [], [], 30)
    if not ready:
        provider.kill()
        raise RuntimeError('provider.mjs did not start')
    line = provider.stdout.readline().decode('ascii').strip()
    if not line.startswith('ISSUER '):
        provider.kill()
        raise RuntimeError('unexpected provider output: %r' % line)
    ISSUER = line.split()[1]
    browser = os.path.join(directory, 'scripted-browser.mjs')
    os.environ['OA2_BROWSER'] = '%s %s' % (shlex.quote(shutil.which('node')), shlex.quote(browser))


def tearDownModule():
    provider.stdin.close()
    try:
        provider.wait(timeout=10)
    except subprocess.TimeoutExpired:
        provider.terminate()
        provider.wait(timeout=10)
    provider.stdout.close()


def run_on_main_loop(sign_in, cancellable=None):
    """run_async() on a main loop, as a GTK app does; the token or raises."""
    loop = GLib.MainLoop.new(None, False)
    outcome = {}

    def on_done(source, result):
        try:
            outcome['token'] = source.run_finish(result)
        except GLib.Error as e:
            outcome['error'] = e
        loop.quit()

    def on_guard():
        outcome.setdefault('error', AssertionError('the sign-in never ended'))
        loop.quit()
        return GLib.SOURCE_REMOVE

    guard = GLib.timeout_add_seconds(GUARD_SECONDS, on_guard)
    sign_in.run_async(cancellable, on_done)
    loop.run()
    if not isinstance(outcome.get('error'), AssertionError):
        GLib.source_remove(guard)
    if 'error' in outcome:
        raise outcome['error']
    return outcome['token']


class DesktopSignIn(unittest.TestCase):
    def client(self, client_id='oa2-public'):
        return OA2.Client.new_from_issuer(ISSUER, OA2.DiscoveryKind.OPENID, OA2.PublicApp.new(client_id),
                                          None, None)

    def test_async_sign_in(self):
        sign_in = OA2.DesktopSignIn.new(self.client(), 'openid offline_access')
        requests = []

        def on_prepare(sign_in, request):
            # oidc-provider grants offline_access only with prompt=consent.
            request.set_prompt('consent')
            requests.append(request.get_redirect_uri())

        sign_in.connect('prepare-request', on_prepare)
        uris = []
        sign_in.connect('notify::authorization-uri', lambda obj, pspec: uris.append(obj.props.authorization_uri))
        token = run_on_main_loop(sign_in)

        id_token = token.get_validated_id_token()
        self.assertIsNotNone(id_token)
        self.assertEqual(id_token.get_subject(), 'alice')
        self.assertEqual(id_token.get_issuer(), ISSUER)
        self.assertIsNotNone(token.get_refresh_token())
        self.assertEqual(len(requests), 1)
        self.assertRegex(requests[0], r'^http://127\.0\.0\.1:[0-9]+/callback$')
        self.assertEqual(requests[0], sign_in.props.receiver.props.redirect_uri)
        self.assertEqual(len(uris), 1)
        self.assertTrue(uris[0].startswith(ISSUER + '/auth?'))

    def test_jarm_and_jar_sign_in(self):
        # JARM (form_post.jwt, signed ES256 by the provider for oa2-jarm):
        # the receiver has the response checked by the client, with the
        # provider's keys. Then JAR (oa2-jar): a request object signed with
        # the client's key, encrypted to the provider and pushed.
        client = self.client('oa2-jarm')
        client.props.authorization_signed_response_alg = 'ES256'
        sign_in = OA2.DesktopSignIn.new(client, 'openid')

        def on_prepare_jarm(sign_in, request):
            request.set_response_mode('form_post.jwt')

        sign_in.connect('prepare-request', on_prepare_jarm)
        token = run_on_main_loop(sign_in)
        self.assertEqual(token.get_validated_id_token().get_subject(), 'alice')
        self.assertIs(sign_in.props.receiver.props.client, client)
        self.assertIn('response_mode=form_post.jwt', sign_in.props.authorization_uri)

        path = os.path.join(os.environ['OA2_PROVIDER_DIR'], 'client-keys.json')
        with open(path) as f:
            keys = json.load(f)['keys']
        key = OA2.Jwk.new_from_json(json.dumps(next(k for k in keys if k['alg'] == 'ES256')))
        sign_in = OA2.DesktopSignIn.new(self.client('oa2-jar'), 'openid')
        sign_in.props.pushed = True
        sign_in.props.encrypt_request_object = True

        def on_prepare_jar(sign_in, request):
            request.set_request_object_key(key, 'ES256')

        sign_in.connect('prepare-request', on_prepare_jar)
        token = run_on_main_loop(sign_in)
        self.assertEqual(token.get_validated_id_token().get_subject(), 'alice')
        self.assertIn('request_uri=', sign_in.props.authorization_uri)

    def test_fragment_mode_refused(self):
        sign_in = OA2.DesktopSignIn.new(self.client(), None)
        sign_in.props.open_browser = False
        sign_in.connect('prepare-request', lambda s, request: request.set_response_mode('fragment.jwt'))
        with self.assertRaises(GLib.Error) as caught:
            run_on_main_loop(sign_in)
        self.assertTrue(caught.exception.matches(OA2.error_quark(), OA2.Error.INVALID_ARGUMENT))

    def test_sync_sign_in_with_path(self):
        sign_in = OA2.DesktopSignIn.new(self.client(), None)
        self.assertEqual(sign_in.props.scope, 'openid')
        sign_in.props.receiver.props.timeout = 30
        token = sign_in.run(None)
        self.assertEqual(token.get_validated_id_token().get_subject(), 'alice')

    def test_browser_fails(self):
        sign_in = OA2.DesktopSignIn.new(self.client(), None)
        saved = os.environ['OA2_BROWSER']
        os.environ['OA2_BROWSER'] = 'false'
        try:
            with self.assertRaises(GLib.Error) as caught:
                run_on_main_loop(sign_in)
        finally:
            os.environ['OA2_BROWSER'] = saved
        self.assertTrue(caught.exception.matches(Gio.io_error_quark(), Gio.IOErrorEnum.FAILED))

    def test_cancelled(self):
        sign_in = OA2.DesktopSignIn.new(self.client(), None)
        sign_in.props.open_browser = False
        cancellable = Gio.Cancellable.new()
        GLib.timeout_add(100, lambda: cancellable.cancel() or GLib.SOURCE_REMOVE)
        with self.assertRaises(GLib.Error) as caught:
            run_on_main_loop(sign_in, cancellable)
        self.assertTrue(caught.exception.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED))


class LoopbackReceiver(unittest.TestCase):
    def test_properties(self):
        receiver = OA2.LoopbackReceiver.new()
        self.assertIsNone(receiver.props.redirect_uri)
        self.assertEqual(receiver.props.timeout, OA2.LOOPBACK_RECEIVER_DEFAULT_TIMEOUT)
        receiver.props.path = '/done'
        with self.assertRaises(GLib.Error) as caught:
            receiver.set_path('no-slash')
        self.assertTrue(caught.exception.matches(OA2.error_quark(), OA2.Error.INVALID_ARGUMENT))
        receiver.listen()
        self.assertEqual(receiver.props.redirect_uri, 'http://127.0.0.1:%d/done' % receiver.props.port)
        receiver.stop()


if __name__ == '__main__':
    unittest.main()
