#!/usr/bin/python3
# test_auth.py: the auth handlers (OA2.Auth, OA2.AccessTokenAuth,
# OA2.ClientCredentialsAuth), OA2.ApiClient and the SoupAuth drop-in through PyGObject, against mock-token-server
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Run through meson, like test_oa2.py (whose helpers it uses): OA2_MOCK_SERVER
# names the mock server. Nothing here is skipped.

import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import gi  # noqa: E402

gi.require_version('GLib', '2.0')
gi.require_version('Gio', '2.0')
gi.require_version('Json', '1.0')
gi.require_version('Soup', '3.0')
gi.require_version('OA2', '1')

from gi.repository import Gio, GLib, Json, OA2, Soup  # noqa: E402

from test_oa2 import (CLIENT_ID, CLIENT_SECRET, call_async,  # noqa: E402
                      start_mock_server, stop_mock_server)

_server = None
BASE = None


def setUpModule():
    global _server, BASE
    _server, port = start_mock_server()
    BASE = 'http://127.0.0.1:%d' % port


def tearDownModule():
    if _server is not None:
        stop_mock_server(_server)


def expired_token(refresh_token='rt-1'):
    token = OA2.BearerToken(access_token='old-at', refresh_token=refresh_token,
                            expires_at=GLib.DateTime.new_from_unix_utc(1000000000))
    token.init(None)
    return token


class AuthTest(unittest.TestCase):

    def client(self):
        return OA2.Client.new_with_secret(BASE + '/token', CLIENT_ID, CLIENT_SECRET)

    def assertOA2Error(self, error, code):
        self.assertTrue(error.matches(OA2.error_quark(), code), error)

    def test_client_credentials(self):
        auth = OA2.ClientCredentialsAuth.new(self.client(), 'read write')
        self.assertIsInstance(auth, OA2.Auth)
        self.assertEqual(auth.props.leeway, 20)
        self.assertIsNone(auth.props.token)
        self.assertEqual(auth.props.scope, 'read write')
        changes = []
        auth.connect('token-changed', lambda _auth, token: changes.append(token))

        token = auth.ensure_token(None)
        self.assertEqual(json.loads(token.to_json())['received']['scope'], 'read write')
        self.assertEqual(changes, [token])
        self.assertIs(auth.ensure_token(None), token)
        self.assertIs(auth.props.token, token)

        msg = Soup.Message.new('GET', BASE + '/resource')
        self.assertTrue(auth.authorize_message(msg, None))
        body = Soup.Session.new().send_and_read(msg, None)
        self.assertFalse(auth.retry_message(msg, None))
        echoed = json.loads(body.get_data().decode('utf-8'))
        self.assertEqual(echoed['authorization'], 'Bearer ' + token.props.access_token)
        self.assertEqual(len(changes), 1)

    def test_client_credentials_full(self):
        auth = OA2.ClientCredentialsAuth.new_full(self.client(), None, ['https://api.example/'],
                                                  {'audience': 'api'}, None)
        token = call_async(auth, 'ensure_token')
        sent = json.loads(token.to_json())['received']
        self.assertEqual(sent['grant_type'], 'client_credentials')
        self.assertEqual(sent['resource'], 'https://api.example/')
        self.assertEqual(sent['audience'], 'api')
        self.assertEqual(auth.get_resources(), ['https://api.example/'])

    def test_refresh_expired_token(self):
        auth = OA2.AccessTokenAuth.new(self.client(), expired_token())
        changes = []
        auth.connect('token-changed', lambda _auth, token: changes.append(token))
        token = call_async(auth, 'ensure_token')
        self.assertEqual(token.props.refresh_token, 'rt-2')
        self.assertEqual(changes, [token])
        self.assertIs(auth.get_client(), auth.props.client)

    def test_sign_in_required(self):
        auth = OA2.AccessTokenAuth.new(self.client(), expired_token('revoked-rt'))
        changes = []
        auth.connect('token-changed', lambda _auth, token: changes.append(token))
        with self.assertRaises(GLib.Error) as caught:
            auth.ensure_token(None)
        self.assertOA2Error(caught.exception, OA2.Error.SIGN_IN_REQUIRED)
        self.assertIn('error="invalid_grant"', caught.exception.message)
        self.assertIsNone(auth.props.token)
        self.assertEqual(changes, [None])

        # No token at all: the same error, without a request.
        with self.assertRaises(GLib.Error) as caught:
            call_async(auth, 'ensure_token')
        self.assertOA2Error(caught.exception, OA2.Error.SIGN_IN_REQUIRED)

    def test_leeway(self):
        soon = OA2.BearerToken(access_token='soon-at', refresh_token='rt-1',
                               expires_at=GLib.DateTime.new_now_utc().add_seconds(60))
        soon.init(None)
        auth = OA2.AccessTokenAuth.new(self.client(), soon)
        self.assertIs(auth.ensure_token(None), soon)
        auth.props.leeway = 120
        self.assertEqual(auth.get_leeway(), 120)
        self.assertIsNot(auth.ensure_token(None), soon)

    def test_token_exchange(self):
        user = OA2.ClientCredentialsAuth.new(self.client(), None)
        backend = OA2.TokenExchangeAuth.new(self.client(), user, 'backend', None)
        token = call_async(backend, 'ensure_token')
        sent = json.loads(token.to_json())['received']
        self.assertEqual(sent['grant_type'], 'urn:ietf:params:oauth:grant-type:token-exchange')
        self.assertEqual(sent['subject_token'], user.props.token.props.access_token)
        self.assertEqual(sent['audience'], 'backend')
        self.assertIs(backend.props.subject, user)

    def test_dpop_nonce_retry(self):
        key = OA2.DPoPKey.generate(None)
        auth = OA2.ClientCredentialsAuth.new_full(self.client(), None, None, None, key)
        msg = Soup.Message.new('GET', BASE + '/resource-dpop-nonce')
        call_async(auth, 'authorize_message', msg)
        session = Soup.Session.new()
        session.send_and_read(msg, None)
        self.assertEqual(msg.get_status(), Soup.Status.UNAUTHORIZED)
        self.assertTrue(call_async(auth, 'retry_message', msg))
        body = session.send_and_read(msg, None)
        self.assertEqual(msg.get_status(), Soup.Status.OK)
        echoed = json.loads(body.get_data().decode('utf-8'))
        self.assertTrue(echoed['authorization'].startswith('DPoP '))
        self.assertFalse(auth.retry_message(msg, None))
        self.assertIsInstance(auth.props.token, OA2.DPoPToken)


class GrantAuthTest(unittest.TestCase):
    """OA2.AuthorizationCodeAuth against the mock's code grant (the code
    "good-code" of the public client "py-public"): redeemed once by the
    first ensure_token, refreshed after; a refused code is sign-in
    required. (OA2.DeviceCodeAuth runs against the real provider, in
    test_device_flow.py.)"""

    def client(self):
        return OA2.Client(token_endpoint=BASE + '/token', client_auth=OA2.PublicApp.new('py-public'))

    def response(self, code):
        request = OA2.AuthorizationRequest.new('https://as.example/authorize', 'py-public',
                                               'http://127.0.0.1:8400/callback', 'api')
        return request.validate_callback('http://127.0.0.1:8400/callback?code=%s&state=%s'
                                         % (code, request.get_state()))

    def test_authorization_code_auth(self):
        auth = OA2.AuthorizationCodeAuth.new(self.client(), self.response('good-code'), None)
        self.assertIsInstance(auth, OA2.Auth)
        token = call_async(auth, 'ensure_token')
        self.assertTrue(token.props.access_token.startswith('at-ac'))
        self.assertEqual(token.get_refresh_token(), 'rt-1')
        self.assertIs(auth.ensure_token(None), token)
        auth.props.leeway = 100000
        refreshed = auth.ensure_token(None)
        self.assertEqual(refreshed.get_refresh_token(), 'rt-2')

    def test_refused_code(self):
        auth = OA2.AuthorizationCodeAuth.new(self.client(), self.response('bad-code'), None)
        for _ in range(2):
            with self.assertRaises(GLib.Error) as caught:
                auth.ensure_token(None)
            self.assertTrue(caught.exception.matches(OA2.error_quark(), OA2.Error.SIGN_IN_REQUIRED))


class ProvidersTest(unittest.TestCase):
    """The vendor presets through PyGObject: exact URLs, no network."""

    def secret(self):
        return OA2.ClientSecretPost.new('c1', 's1')

    def test_auth0(self):
        self.assertEqual(OA2.auth0_tenant_url('mytenant.eu'), 'https://mytenant.eu.auth0.com')
        client = OA2.auth0_client_new('mytenant', self.secret())
        self.assertEqual(client.props.issuer, 'https://mytenant.auth0.com/')
        self.assertEqual(client.props.token_endpoint, 'https://mytenant.auth0.com/oauth/token')
        self.assertEqual(client.props.device_authorization_endpoint, 'https://mytenant.auth0.com/oauth/device/code')
        api = OA2.auth0_management_api_client_new('mytenant.eu', self.secret())
        self.assertEqual(api.get_base_url(), 'https://mytenant.eu.auth0.com/api/v2/')
        auth = api.get_auth()
        self.assertIsInstance(auth, OA2.ClientCredentialsAuth)
        with self.assertRaises(GLib.Error) as caught:
            OA2.auth0_client_new('http://mytenant.auth0.com', self.secret())
        self.assertTrue(caught.exception.matches(OA2.error_quark(), OA2.Error.INSECURE_TRANSPORT))

    def test_ping_keycloak_entra(self):
        ping = OA2.ping_federate_client_new('sso.example.com:9031', self.secret())
        self.assertEqual(ping.props.token_endpoint, 'https://sso.example.com:9031/as/token.oauth2')
        self.assertEqual(ping.props.jwks_uri, 'https://sso.example.com:9031/pf/JWKS')
        keycloak = OA2.keycloak_client_new('https://sso.example.com', 'acme', self.secret())
        self.assertEqual(keycloak.props.issuer, 'https://sso.example.com/realms/acme')
        self.assertEqual(keycloak.props.token_endpoint,
                         'https://sso.example.com/realms/acme/protocol/openid-connect/token')
        with self.assertRaises(GLib.Error) as caught:
            OA2.keycloak_client_new('https://sso.example.com', '../x', self.secret())
        self.assertTrue(caught.exception.matches(OA2.error_quark(), OA2.Error.INVALID_ARGUMENT))
        entra = OA2.entra_id_client_new('organizations', OA2.PublicApp.new('app'))
        self.assertIsNone(entra.props.issuer)
        self.assertEqual(entra.props.token_endpoint,
                         'https://login.microsoftonline.com/organizations/oauth2/v2.0/token')


class FixedAuth(OA2.Auth):
    """An OA2.Auth subclass in Python: renew hands out numbered tokens."""

    def __init__(self):
        super().__init__()
        self.renewals = 0

    def do_renew(self, current, cancellable):
        self.renewals += 1
        token = OA2.BearerToken(access_token='py-%d' % self.renewals,
                                expires_at=GLib.DateTime.new_now_utc().add_seconds(3600))
        token.init(None)
        return token


class SubclassTest(unittest.TestCase):

    def test_python_subclass(self):
        auth = FixedAuth()
        changes = []
        auth.connect('token-changed', lambda _auth, token: changes.append(token))
        token = auth.ensure_token(None)
        self.assertEqual(token.props.access_token, 'py-1')
        self.assertIs(auth.ensure_token(None), token)
        self.assertEqual(auth.renewals, 1)
        self.assertEqual(changes, [token])
        msg = Soup.Message.new('GET', 'https://api.example/things')
        self.assertTrue(auth.authorize_message(msg, None))
        self.assertEqual(msg.get_request_headers().get_one('Authorization'), 'Bearer py-1')


class ApiClientTest(unittest.TestCase):
    """OA2.ApiClient against the mock server's /resource, which echoes the
    Authorization and DPoP headers it received."""

    def auth(self, key=None):
        client = OA2.Client.new_with_secret(BASE + '/token', CLIENT_ID, CLIENT_SECRET)
        return OA2.ClientCredentialsAuth.new_full(client, None, None, None, key)

    def test_get(self):
        auth = self.auth()
        api = OA2.ApiClient.new(BASE, auth)
        self.assertEqual(api.get_base_url(), BASE + '/')
        response = api.get('resource', {'q': 'a b'}, None)
        self.assertEqual(response.get_status(), 200)
        self.assertEqual(response.get_reason(), 'OK')
        self.assertTrue(response.get_uri().endswith('/resource?q=a%20b'), response.get_uri())
        echoed = json.loads(response.dup_text())
        self.assertEqual(echoed['authorization'], 'Bearer ' + auth.props.token.props.access_token)
        node = response.dup_json()
        self.assertEqual(node.get_object().get_string_member('authorization'), echoed['authorization'])

    def test_async_post_json(self):
        api = OA2.ApiClient.new(BASE, self.auth())
        body = Json.from_string('{"a": 1}')
        response = call_async(api, 'post', 'resource', None, body)
        self.assertEqual(response.get_status(), 200)

    def test_dpop_nonce(self):
        api = OA2.ApiClient.new(BASE, self.auth(OA2.DPoPKey.generate(None)))
        response = api.get('resource-dpop-nonce', None, None)
        echoed = json.loads(response.dup_text())
        self.assertTrue(echoed['authorization'].startswith('DPoP '))
        self.assertIsNotNone(echoed['dpop'])

    @staticmethod
    def read_stream(stream):
        chunks = []
        while True:
            chunk = stream.read_bytes(65536, None).get_data()
            if not chunk:
                return b''.join(chunks)
            chunks.append(chunk)

    def test_stream_upload(self):
        api = OA2.ApiClient.new(BASE, self.auth())
        data = b''.join(b'%07d\n' % i for i in range(200000))  # 1.6 MB
        for length in (len(data), -1):  # announced, then chunked
            body = Gio.MemoryInputStream.new_from_bytes(GLib.Bytes.new(data))
            response = api.request_stream('POST', 'resource-strict', None, body, length, 'text/plain',
                                          OA2.ApiRequestFlags.DEFAULT, None)
            self.assertEqual(response.get_status(), 200)
            self.assertEqual(json.loads(response.dup_text())['body'].encode(), data)
        body = Gio.MemoryInputStream.new_from_bytes(GLib.Bytes.new(b'{}'))
        response = call_async(api, 'request_stream', 'PUT', 'resource', None, body, 2, 'application/json',
                              OA2.ApiRequestFlags.DEFAULT)
        self.assertEqual(response.get_status(), 200)

    def test_stream_download(self):
        auth = self.auth()
        api = OA2.ApiClient.new(BASE, auth)
        api.set_max_response_size(10)  # streamed bodies are not capped
        response = api.request('GET', 'resource', None, None, None, OA2.ApiRequestFlags.STREAM_RESPONSE, None)
        self.assertEqual(response.get_status(), 200)
        self.assertEqual(response.get_body().get_size(), 0)
        echoed = json.loads(self.read_stream(response.get_stream()))
        self.assertEqual(echoed['authorization'], 'Bearer ' + auth.props.token.props.access_token)
        body = Gio.MemoryInputStream.new_from_bytes(GLib.Bytes.new(b'streamed both ways'))
        response = call_async(api, 'request_stream', 'POST', 'resource-strict', None, body, -1, None,
                              OA2.ApiRequestFlags.STREAM_RESPONSE)
        self.assertEqual(json.loads(self.read_stream(response.get_stream()))['body'], 'streamed both ways')
        # A failure status is read whole, within the limit, and raised.
        with self.assertRaises(GLib.Error) as caught:
            api.request('GET', 'unavailable', None, None, None, OA2.ApiRequestFlags.STREAM_RESPONSE, None)
        self.assertTrue(caught.exception.matches(OA2.error_quark(), OA2.Error.RESPONSE_TOO_LARGE))

    def test_redirects(self):
        auth = self.auth()
        api = OA2.ApiClient.new(BASE, auth)
        self.assertTrue(api.props.follow_redirects)
        response = api.get('resource-moved', None, None)
        self.assertEqual(response.get_status(), 200)
        self.assertEqual(response.get_uri(), BASE + '/resource')
        self.assertEqual(json.loads(response.dup_text())['authorization'],
                         'Bearer ' + auth.props.token.props.access_token)
        # http://localhost is another origin than BASE's 127.0.0.1: no token.
        response = call_async(api, 'get', 'resource-moved-away', None)
        self.assertEqual(response.get_status(), 200)
        self.assertIn('//localhost:', response.get_uri())
        self.assertIsNone(json.loads(response.dup_text())['authorization'])
        response = api.request('GET', 'resource-moved', None, None, None,
                               OA2.ApiRequestFlags.NO_FOLLOW_REDIRECTS, None)
        self.assertEqual(response.get_status(), 302)
        api.set_follow_redirects(False)
        self.assertEqual(api.get('resource-moved', None, None).get_status(), 302)

    def test_refusals(self):
        api = OA2.ApiClient.new(BASE, None)
        with self.assertRaises(GLib.Error) as caught:
            api.get('../token', None, None)
        self.assertTrue(caught.exception.matches(OA2.error_quark(), OA2.Error.OUTSIDE_BASE_URL))
        with self.assertRaises(GLib.Error) as caught:
            api.get('unavailable', None, None)
        self.assertTrue(caught.exception.matches(OA2.error_quark(), OA2.Error.UNEXPECTED_STATUS))
        self.assertIn('HTTP 503', caught.exception.message)
        response = api.request('GET', 'unavailable', None, None, None,
                               OA2.ApiRequestFlags.NO_RAISE_FOR_STATUS, None)
        self.assertEqual(response.get_status(), 503)
        with self.assertRaises(GLib.Error) as caught:
            OA2.ApiClient.new('ftp://example.com/', None)
        self.assertTrue(caught.exception.matches(OA2.error_quark(), OA2.Error.INVALID_ARGUMENT))
        self.assertEqual(OA2.ApiClient.build_path(['a/b', 'c d']), 'a%2Fb/c%20d')


class SoupAuthTest(unittest.TestCase):
    """The SoupAuth drop-in: OA2.soup_auth_install on a session the test
    owns, sent asynchronously, against /resource-strict (refuses "stale")
    and /resource-dpop-nonce."""

    def auth(self, key=None, token=None):
        client = OA2.Client.new_with_secret(BASE + '/token', CLIENT_ID, CLIENT_SECRET)
        auth = OA2.ClientCredentialsAuth.new_full(client, None, None, None, key)
        if token is not None:
            auth.set_token(token)
        return auth

    def send(self, session, msg):
        body = call_async(session, 'send_and_read', msg, GLib.PRIORITY_DEFAULT)
        return body.get_data().decode('utf-8')

    def test_renewal_after_401_replays_body(self):
        stale = OA2.BearerToken.new('stale', GLib.DateTime.new_now_utc().add_hours(1))
        auth = self.auth(token=stale)
        session = Soup.Session.new()
        OA2.soup_auth_install(session, auth, BASE + '/resource-strict/')
        self.assertTrue(session.has_feature(OA2.SoupAuthBearer))
        self.assertTrue(session.has_feature(OA2.SoupAuthDPoP))
        msg = Soup.Message.new('POST', BASE + '/resource-strict/items')
        OA2.soup_auth_set_request_body(msg, 'text/plain', GLib.Bytes.new(b'hello'))
        echoed = json.loads(self.send(session, msg))
        self.assertEqual(msg.get_status(), Soup.Status.OK)
        self.assertEqual(echoed['body'], 'hello')
        self.assertEqual(echoed['authorization'], 'Bearer ' + auth.props.token.props.access_token)
        self.assertNotEqual(auth.props.token.props.access_token, 'stale')

    def test_blocking_send(self):
        # No main loop runs: the renewal is a blocking one.
        stale = OA2.BearerToken.new('stale', GLib.DateTime.new_now_utc().add_hours(1))
        auth = self.auth(token=stale)
        session = Soup.Session.new()
        OA2.soup_auth_install(session, auth, BASE + '/resource-strict/')
        msg = Soup.Message.new('POST', BASE + '/resource-strict/items')
        OA2.soup_auth_set_request_body(msg, 'text/plain', GLib.Bytes.new(b'blocking'))
        echoed = json.loads(session.send_and_read(msg, None).get_data().decode('utf-8'))
        self.assertEqual(msg.get_status(), Soup.Status.OK)
        self.assertEqual(echoed['body'], 'blocking')
        self.assertNotEqual(auth.props.token.props.access_token, 'stale')

    def test_dpop_nonce(self):
        auth = self.auth(key=OA2.DPoPKey.generate(None))
        session = Soup.Session.new()
        OA2.soup_auth_install(session, auth, BASE + '/resource-dpop-nonce')
        # No token yet: the bare request's 401 gets one, then the nonce.
        auth.ensure_token(None)
        msg = Soup.Message.new('GET', BASE + '/resource-dpop-nonce/x')
        echoed = json.loads(self.send(session, msg))
        self.assertEqual(msg.get_status(), Soup.Status.OK)
        self.assertTrue(echoed['authorization'].startswith('DPoP '))
        self.assertIsNotNone(echoed['dpop'])

    def test_other_origin_and_errors(self):
        auth = self.auth(token=OA2.BearerToken.new('t', GLib.DateTime.new_now_utc().add_hours(1)))
        session = Soup.Session.new()
        OA2.soup_auth_install(session, auth, BASE + '/resource-strict/')
        msg = Soup.Message.new('GET', BASE + '/resource')
        echoed = json.loads(self.send(session, msg))
        self.assertIsNone(echoed['authorization'])
        with self.assertRaises(GLib.Error) as caught:
            OA2.soup_auth_install(session, auth, 'http://example.com/api/')
        self.assertTrue(caught.exception.matches(OA2.error_quark(), OA2.Error.INSECURE_TRANSPORT))


if __name__ == '__main__':
    unittest.main()
