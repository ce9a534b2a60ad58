#!/usr/bin/python3
# test_device_flow.py: the device flow (RFC 8628) through PyGObject against
# the real provider (tests/interop/provider/provider.mjs), which a spawned
# script (approve-device.mjs, the user on the other device) approves or
# denies while the poller waits on the main loop.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Meson sets OA2_PROVIDER_DIR (the provider's directory), GI_TYPELIB_PATH
# and LD_LIBRARY_PATH. Nothing here is skipped.

import os
import select
import subprocess
import unittest

import gi

gi.require_version('GLib', '2.0')
gi.require_version('OA2', '1')

from gi.repository import GLib, OA2  # noqa: E402

GUARD_SECONDS = 30
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


def tearDownModule():
    provider.stdin.close()
    try:
        provider.wait(timeout=10)
    except subprocess.TimeoutExpired:
        provider.terminate()
        provider.wait(timeout=10)
    provider.stdout.close()


def spawn_user(user_code, decision, delay_ms):
    """The user on the other device, answering after @delay_ms."""
    script = os.path.join(os.environ['OA2_PROVIDER_DIR'], 'approve-device.mjs')
    return subprocess.Popen(['node', script, ISSUER, user_code, decision, str(delay_ms)])


def poll_on_main_loop(poller):
    """poll_async() on a main loop; returns the token or raises."""
    loop = GLib.MainLoop.new(None, False)
    outcome = {}

    def on_done(source, result):
        try:
            outcome['token'] = source.poll_finish(result)
        except GLib.Error as e:
            outcome['error'] = e
        loop.quit()

    def on_guard():
        outcome['guard_fired'] = True
        outcome.setdefault('error', AssertionError('polling never ended'))
        loop.quit()
        return GLib.SOURCE_REMOVE

    guard = GLib.timeout_add_seconds(GUARD_SECONDS, on_guard)
    poller.poll_async(None, on_done)
    loop.run()
    if not outcome.get('guard_fired'):
        GLib.source_remove(guard)
    if 'error' in outcome:
        raise outcome['error']
    return outcome['token']


class DeviceFlowTest(unittest.TestCase):
    def setUp(self):
        auth = OA2.PublicApp.new('oa2-device')
        self.client = OA2.Client.new_from_issuer(ISSUER, OA2.DiscoveryKind.OPENID, auth, None, None)

    def authorize(self):
        device = self.client.authorize_device('openid offline_access', None, None, None)
        self.assertEqual(device.props.verification_uri, ISSUER + '/device')
        self.assertIn(device.props.user_code, device.props.verification_uri_complete)
        self.assertEqual(device.props.interval, 1)
        self.assertFalse(device.is_expired())
        return device

    def test_approved_while_polling(self):
        device = self.authorize()
        poller = OA2.TokenPoller.new_for_device(self.client, device, None)
        # The user answers after the first request has been "pending".
        user = spawn_user(device.props.user_code, 'approve', 1500)
        try:
            token = poll_on_main_loop(poller)
        finally:
            self.assertEqual(user.wait(timeout=30), 0)
        self.assertEqual(token.get_token_type(), 'Bearer')
        self.assertIsNotNone(token.get_refresh_token())
        self.assertIsNotNone(token.get_id_token())
        self.assertGreaterEqual(poller.props.requests, 2)
        self.assertEqual(poller.get_interval(), 1)

    def test_device_code_auth(self):
        """OA2.DeviceCodeAuth against the real provider: the first
        ensure_token polls until the user approves, then the handler
        refreshes with the refresh token the provider issued."""
        device = self.authorize()
        auth = OA2.DeviceCodeAuth.new(self.client, device, None)
        self.assertIs(auth.get_response(), device)
        user = spawn_user(device.props.user_code, 'approve', 1500)
        loop = GLib.MainLoop.new(None, False)
        outcome = {}

        def on_done(source, result):
            try:
                outcome['token'] = source.ensure_token_finish(result)
            except GLib.Error as e:
                outcome['error'] = e
            loop.quit()

        guard = GLib.timeout_add_seconds(GUARD_SECONDS, loop.quit)
        auth.ensure_token_async(None, on_done)
        loop.run()
        GLib.source_remove(guard)
        self.assertEqual(user.wait(timeout=30), 0)
        if 'error' in outcome:
            raise outcome['error']
        first = outcome['token']
        self.assertIs(auth.props.token, first)
        self.assertIsNotNone(first.get_refresh_token())
        # Renewal from now on is a refresh.
        auth.props.leeway = 100000
        second = auth.ensure_token(None)
        self.assertNotEqual(second.props.access_token, first.props.access_token)

    def test_denied(self):
        device = self.authorize()
        poller = OA2.TokenPoller.new_for_device(self.client, device, None)
        user = spawn_user(device.props.user_code, 'deny', 0)
        self.assertEqual(user.wait(timeout=30), 0)
        with self.assertRaises(GLib.Error) as caught:
            poller.poll(None)
        self.assertEqual(caught.exception.domain, GLib.quark_to_string(OA2.oauth_error_quark()))
        self.assertEqual(caught.exception.code, OA2.OAuthError.ACCESS_DENIED)

    def test_poll_once(self):
        device = self.authorize()
        poller = OA2.TokenPoller.new_for_device(self.client, device, None)
        # Not yet: None, no exception.
        self.assertIsNone(poller.poll_once(None))
        self.assertEqual(poller.get_next_delay(), 1)
        user = spawn_user(device.props.user_code, 'approve', 0)
        self.assertEqual(user.wait(timeout=30), 0)
        token = poller.poll_once(None)
        self.assertIsNotNone(token.get_access_token())
        self.assertEqual(poller.props.requests, 2)


if __name__ == '__main__':
    unittest.main()
