#!/usr/bin/python3
# test_oa2.py: oauth2client-glib through PyGObject
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Runs with /usr/bin/python3 (Debian's, which has PyGObject), either as a
# script (unittest) or under pytest. Meson sets:
#   OA2_MOCK_SERVER   path of the mock-token-server helper (required)
#   GI_TYPELIB_PATH / LD_LIBRARY_PATH   the library's build directory
#
# Nothing here is skipped: a missing module or helper is an error.

import base64
import hashlib
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gio', '2.0')
gi.require_version('Soup', '3.0')
gi.require_version('Json', '1.0')
gi.require_version('OA2', '1')

from gi.repository import GLib, GObject, Gio, Json, OA2, Soup  # noqa: E402

CLIENT_ID = 'py-client'
CLIENT_SECRET = 's3cr:t %'
PUBLIC_CLIENT_ID = 'py-public'
ISSUED_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token'
# RFC 7636: 43 to 128 unreserved characters.
CODE_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'
REDIRECT_URI = 'http://127.0.0.1:8400/callback'
ASYNC_GUARD_SECONDS = 30

_server = None
BASE = None
TOKEN_ENDPOINT = None
SLOW_ENDPOINT = None


def start_mock_server(*args):
    """Starts mock-token-server with @args; returns it and its port."""
    path = os.environ.get('OA2_MOCK_SERVER')
    if not path:
        raise RuntimeError('OA2_MOCK_SERVER is not set: run this test through meson')
    # The server exits when its stdin reaches EOF, so it dies with us.
    server = subprocess.Popen([path, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    ready, _, _ = select.select([server.stdout], [], [], 20)
    if not ready:
        server.kill()
        raise RuntimeError('mock-token-server did not report its port')
    line = server.stdout.readline().decode('ascii').strip()
    if not line.startswith('PORT '):
        server.kill()
        raise RuntimeError('unexpected mock-token-server output: %r' % line)
    return server, int(line.split()[1])


def stop_mock_server(server):
    server.stdin.close()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.terminate()
        server.wait(timeout=10)
    server.stdout.close()


def setUpModule():
    global _server, BASE, TOKEN_ENDPOINT, SLOW_ENDPOINT

    _server, port = start_mock_server()
    BASE = 'http://127.0.0.1:%d' % port
    TOKEN_ENDPOINT = BASE + '/token'
    SLOW_ENDPOINT = BASE + '/slow'


def tearDownModule():
    if _server is None:
        return
    stop_mock_server(_server)


def run_async(start):
    """Runs one asynchronous operation on a fresh main loop: @start(done)
    begins it, and its callback calls done(value=...) or done(error=...).
    Returns the value or raises the error, once the loop has stopped."""
    loop = GLib.MainLoop.new(None, False)
    outcome = {}
    guard = {}

    def on_guard():
        guard['fired'] = True
        outcome.setdefault('error', AssertionError('the async call never completed'))
        loop.quit()
        return GLib.SOURCE_REMOVE

    guard['id'] = GLib.timeout_add_seconds(ASYNC_GUARD_SECONDS, on_guard)

    def done(value=None, error=None):
        if error is not None:
            outcome['error'] = error
        else:
            outcome['value'] = value
        loop.quit()

    start(done)
    loop.run()
    if not guard.get('fired'):
        GLib.source_remove(guard['id'])
    if 'error' in outcome:
        raise outcome['error']
    return outcome['value']


def call_async(obj, name, *args, cancellable=None):
    """Calls obj.<name>_async(*args, cancellable, callback) and returns
    obj.<name>_finish(result), raising its GLib.Error."""
    def start(done):
        def callback(source, result):
            try:
                done(value=getattr(source, name + '_finish')(result))
            except Exception as e:  # re-raised outside the main loop
                done(error=e)
        getattr(obj, name + '_async')(*args, cancellable, callback)
    return run_async(start)


def received(token):
    """The request parameters the mock server saw, from the token's
    "received" member, as a dict of str (or list of str for repeats)."""
    node = token.get_member('received')
    assert node is not None
    obj = node.get_object()
    out = {}
    for name in obj.get_members():
        member = obj.get_member(name)
        if member.get_node_type() == Json.NodeType.ARRAY:
            array = member.get_array()
            out[name] = [array.get_string_element(i) for i in range(array.get_length())]
        else:
            out[name] = member.get_string()
    return out


def now_unix():
    return GLib.DateTime.new_now_utc().to_unix()


def error_details(message):
    """The HTTP status and the server's error members from the message of
    an OA2 error, in the format oa2_oauth_error_new() documents: the
    message ends with "[HTTP 401; error="…"; …]", each value
    an HTTP quoted-string."""
    details = re.search(r' \[(?:HTTP (\d{3}))?((?:(?:; )?\w+="(?:[^"\\]|\\.)*")*)\]$', message)
    assert details is not None, message
    out = {'status': int(details.group(1) or 0)}
    for name, value in re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', details.group(2)):
        out[name] = re.sub(r'\\(.)', r'\1', value)
    return out


class OA2TestCase(unittest.TestCase):
    def assertGError(self, error, domain, code, message_part=None):
        self.assertIsInstance(error, GLib.Error)
        self.assertTrue(error.matches(domain, int(code)),
                        'expected %s/%d, got %s/%d: %s' %
                        (GLib.quark_to_string(domain), int(code), error.domain, error.code,
                         error.message))
        if message_part is not None:
            self.assertIn(message_part, error.message)

    def assertRaisesOA2(self, code, fn, *args):
        with self.assertRaises(GLib.Error) as caught:
            fn(*args)
        self.assertGError(caught.exception, OA2.error_quark(), code)
        return caught.exception

    def assertFreshToken(self, token, prefix, scope=None, refresh_token=None):
        self.assertIsInstance(token, OA2.BearerToken)
        self.assertTrue(token.props.access_token.startswith(prefix), token.props.access_token)
        self.assertEqual(token.get_access_token(), token.props.access_token)
        self.assertEqual(token.props.token_type, 'Bearer')
        self.assertEqual(token.props.scope, scope)
        self.assertEqual(token.props.refresh_token, refresh_token)
        self.assertIsNone(token.props.id_token)
        expires_at = token.props.expires_at
        self.assertIsInstance(expires_at, GLib.DateTime)
        self.assertAlmostEqual(expires_at.to_unix(), now_unix() + 3600, delta=60)
        self.assertTrue(3500 <= token.get_expires_in() <= 3600, token.get_expires_in())
        self.assertFalse(token.is_expired(0))
        self.assertFalse(token.is_expired(60))
        self.assertTrue(token.is_expired(7200))
        self.assertEqual(token.get_string_member('issued_token_type'), ISSUED_TOKEN_TYPE)


class TypesTest(OA2TestCase):
    def test_classes_are_exposed(self):
        for name in ('Client', 'BearerToken', 'DPoPToken', 'ClientAuth', 'ClientSecretBasic',
                     'ClientSecretPost', 'ClientSecretJwt', 'PrivateKeyJwt', 'PublicApp',
                     'TlsClientAuth', 'IdToken'):
            cls = getattr(OA2, name)
            self.assertTrue(issubclass(cls, GObject.Object), name)
            self.assertEqual(cls.__gtype__.name, 'OA2' + name)
        for cls in (OA2.ClientSecretBasic, OA2.ClientSecretPost, OA2.ClientSecretJwt,
                    OA2.PrivateKeyJwt, OA2.PublicApp):
            self.assertTrue(issubclass(cls, OA2.ClientAuth))

    def test_client_auth_is_abstract(self):
        self.assertTrue(OA2.ClientAuth.__gtype__.is_abstract())
        with self.assertRaises(TypeError):
            OA2.ClientAuth(client_id='x')

    def test_method_names(self):
        self.assertEqual(OA2.ClientSecretBasic.new('a', 'b').get_method_name(), 'client_secret_basic')
        self.assertEqual(OA2.ClientSecretPost.new('a', 'b').get_method_name(), 'client_secret_post')
        self.assertEqual(OA2.PublicApp.new('a').get_method_name(), 'none')

    def test_client_constructors(self):
        client = OA2.Client.new_with_secret(TOKEN_ENDPOINT, CLIENT_ID, CLIENT_SECRET)
        self.assertIsInstance(client.get_client_auth(), OA2.ClientSecretPost)
        self.assertEqual(client.get_client_id(), CLIENT_ID)
        self.assertEqual(client.props.token_endpoint, TOKEN_ENDPOINT)
        self.assertEqual(client.get_token_endpoint(), TOKEN_ENDPOINT)
        self.assertIsNone(client.get_revocation_endpoint())
        self.assertIsInstance(client.get_session(), Soup.Session)

        public = OA2.Client.new_public(TOKEN_ENDPOINT, PUBLIC_CLIENT_ID)
        self.assertIsInstance(public.props.client_auth, OA2.PublicApp)
        self.assertEqual(public.get_client_id(), PUBLIC_CLIENT_ID)

        anonymous = OA2.Client.new(TOKEN_ENDPOINT, None)
        self.assertIsNone(anonymous.get_client_auth())
        self.assertIsNone(anonymous.get_client_id())

        # Every endpoint is a construct property.
        full = OA2.Client(token_endpoint=TOKEN_ENDPOINT,
                          revocation_endpoint=BASE + '/revoke',
                          issuer=BASE)
        self.assertEqual(full.get_revocation_endpoint(), BASE + '/revoke')
        self.assertEqual(full.props.issuer, BASE)

    def test_timeout_property_notifies(self):
        client = OA2.Client.new(TOKEN_ENDPOINT, None)
        notified = []
        client.connect('notify::timeout', lambda obj, pspec: notified.append(obj.props.timeout))
        client.set_timeout(7)
        self.assertEqual(client.get_timeout(), 7)
        self.assertEqual(client.props.timeout, 7)
        client.set_timeout(7)               # unchanged: no notification
        client.props.timeout = 9
        self.assertEqual(notified, [7, 9])

    def test_basic_encode_credentials_property(self):
        auth = OA2.ClientSecretBasic.new(CLIENT_ID, CLIENT_SECRET)
        self.assertTrue(auth.get_encode_credentials())
        auth.set_encode_credentials(False)
        self.assertFalse(auth.props.encode_credentials)

    def test_runtime_version(self):
        self.assertEqual(OA2.get_major_version(), OA2.MAJOR_VERSION)
        self.assertEqual(OA2.get_minor_version(), OA2.MINOR_VERSION)
        self.assertEqual(OA2.get_micro_version(), OA2.MICRO_VERSION)

    def test_error_enums(self):
        self.assertEqual(int(OA2.OAuthError.INVALID_CLIENT), 2)
        self.assertEqual(OA2.oauth_error_from_string('invalid_client'), OA2.OAuthError.INVALID_CLIENT)
        self.assertEqual(OA2.oauth_error_from_string('no_such_code'), OA2.OAuthError.OTHER)
        self.assertNotEqual(OA2.oauth_error_quark(), OA2.error_quark())


class ClientAssertionTest(OA2TestCase):
    """client_secret_jwt and private_key_jwt (RFC 7523 §2.2): the mock
    server echoes the assertion, which the test verifies itself."""

    SECRET = 'a client secret of at least 32 bytes'

    def check_assertion(self, token, verify_key, alg, audience):
        self.assertEqual(token.get_string_member('auth_method'), 'client_assertion')
        sent = received(token)
        self.assertEqual(sent['client_id'], CLIENT_ID)
        self.assertEqual(sent['client_assertion_type'],
                         'urn:ietf:params:oauth:client-assertion-type:jwt-bearer')
        jwt = OA2.Jwt.new_from_compact(sent['client_assertion'])
        self.assertTrue(jwt.verify(verify_key, [alg]))
        self.assertEqual(jwt.get_alg(), alg)
        self.assertEqual(jwt.get_string_claim('iss'), CLIENT_ID)
        self.assertEqual(jwt.get_string_claim('sub'), CLIENT_ID)
        self.assertEqual(jwt.get_string_claim('aud'), audience)
        ok, iat = jwt.get_int_claim('iat')
        self.assertTrue(ok)
        self.assertEqual(jwt.get_int_claim('exp'), (True, iat + 60))
        self.assertAlmostEqual(iat, now_unix(), delta=60)
        return jwt

    def test_private_key_jwt(self):
        key = OA2.Jwk.generate('ES256')
        auth = OA2.PrivateKeyJwt.new(CLIENT_ID, key, None)
        self.assertEqual(auth.get_method_name(), 'private_key_jwt')
        self.assertEqual(auth.props.alg, 'ES256')
        client = OA2.Client(token_endpoint=TOKEN_ENDPOINT, client_auth=auth, issuer=BASE)
        token = client.client_credentials(None, None, None, None, None)
        jwt = self.check_assertion(token, key.dup_public(), 'ES256', BASE)
        self.assertEqual(jwt.get_kid(), key.get_kid())
        # A new assertion, with a new jti, for every request.
        again = call_async(client, 'client_credentials', None, None, None, None)
        other = self.check_assertion(again, key.dup_public(), 'ES256', BASE)
        self.assertNotEqual(other.get_string_claim('jti'), jwt.get_string_claim('jti'))

    def test_client_secret_jwt_with_properties(self):
        auth = OA2.ClientSecretJwt(client_id=CLIENT_ID, client_secret=self.SECRET,
                                   audience=['https://as.example'], lifetime=60)
        self.assertTrue(auth.init(None))
        self.assertEqual(auth.get_alg(), 'HS256')
        self.assertEqual(auth.props.audience, ['https://as.example'])
        token = OA2.Client.new(TOKEN_ENDPOINT, auth).client_credentials(None, None, None, None, None)
        k = base64.urlsafe_b64encode(self.SECRET.encode()).rstrip(b'=').decode()
        verify_key = OA2.Jwk.new_from_json(json.dumps({'kty': 'oct', 'k': k}))
        self.check_assertion(token, verify_key, 'HS256', 'https://as.example')

    def test_construction_errors(self):
        public = OA2.Jwk.generate('ES256').dup_public()
        with self.assertRaises(GLib.Error) as caught:
            OA2.PrivateKeyJwt.new(CLIENT_ID, public, None)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.KEY_MISMATCH,
                          'needs a private key')
        with self.assertRaises(GLib.Error) as caught:
            OA2.ClientSecretJwt.new(CLIENT_ID, 'short', None)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.KEY_MISMATCH,
                          'HS256 needs a key of at least 256 bits')
        # Constructed with properties, the object reports the error from
        # init() and from every request, which sends nothing.
        auth = OA2.PrivateKeyJwt(client_id=CLIENT_ID, key=public)
        with self.assertRaises(GLib.Error) as caught:
            auth.init(None)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.KEY_MISMATCH)
        with self.assertRaises(GLib.Error) as caught:
            OA2.Client.new(TOKEN_ENDPOINT, auth).client_credentials(None, None, None, None, None)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.KEY_MISMATCH)


class TlsClientAuthTest(OA2TestCase):
    """Mutual-TLS client authentication (RFC 8705) against the mock
    server's https mode, which checks the certificate the connection
    presented and reports its x5t#S256 and the path the request took."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix='oa2-mtls-')
        cls.server, port = start_mock_server('--mtls', cls.dir)
        cls.base = 'https://127.0.0.1:%d' % port
        cls.cert_file = os.path.join(cls.dir, 'client.pem')
        cls.key_file = os.path.join(cls.dir, 'client-key.pem')
        cls.session = Soup.Session(
            tls_database=Gio.TlsFileDatabase.new(os.path.join(cls.dir, 'ca.pem')))

    @classmethod
    def tearDownClass(cls):
        stop_mock_server(cls.server)
        shutil.rmtree(cls.dir)

    def client(self, auth):
        return OA2.Client(token_endpoint=self.base + '/token', client_auth=auth, session=self.session)

    def thumbprint(self, certificate):
        der = bytes(certificate.props.certificate)
        return base64.urlsafe_b64encode(hashlib.sha256(der).digest()).rstrip(b'=').decode()

    def test_certificate_alias_and_body(self):
        auth = OA2.TlsClientAuth.new_from_files('py-mtls', OA2.TlsClientAuthMethod.PKI,
                                                self.cert_file, self.key_file)
        self.assertEqual(auth.get_method_name(), 'tls_client_auth')
        self.assertEqual(auth.props.method, OA2.TlsClientAuthMethod.PKI)
        certificate = auth.get_tls_certificate()
        self.assertIsInstance(certificate, Gio.TlsCertificate)
        client = self.client(auth)
        client.set_mtls_endpoint_aliases({'token_endpoint': self.base + '/mtls/token'})
        self.assertEqual(client.dup_mtls_endpoint_aliases(), {'token_endpoint': self.base + '/mtls/token'})
        for token in (client.client_credentials(None, None, None, None, None),
                      call_async(client, 'client_credentials', None, None, None, None)):
            self.assertEqual(token.get_string_member('auth_method'), 'tls_client_auth')
            self.assertEqual(token.get_string_member('path'), '/mtls/token')
            self.assertEqual(token.get_string_member('x5t#S256'), self.thumbprint(certificate))
            self.assertEqual(received(token), {'grant_type': 'client_credentials', 'client_id': 'py-mtls'})
        # without aliases, the ordinary endpoint
        client.props.mtls_endpoint_aliases = None
        token = client.client_credentials(None, None, None, None, None)
        self.assertEqual(token.get_string_member('path'), '/token')

    def test_self_signed_from_pem(self):
        with open(self.cert_file) as c, open(self.key_file) as k:
            pem = c.read() + k.read()
        auth = OA2.TlsClientAuth.new_from_pem('py-mtls', OA2.TlsClientAuthMethod.SELF_SIGNED, pem, -1)
        self.assertEqual(auth.get_method_name(), 'self_signed_tls_client_auth')
        token = self.client(auth).client_credentials(None, None, None, None, None)
        self.assertEqual(token.get_string_member('auth_method'), 'tls_client_auth')

    def test_python_subclass_presents_a_certificate(self):
        # get_tls_certificate is a virtual method: a client authentication
        # written in Python can present a certificate too.
        certificate = Gio.TlsCertificate.new_from_files(self.cert_file, self.key_file)

        class CertificateAuth(OA2.ClientAuth):
            def do_authenticate(self, method, uri, headers):
                return {'client_id': self.props.client_id}

            def do_get_method_name(self):
                return 'tls_client_auth'

            def do_get_tls_certificate(self):
                return certificate

        auth = CertificateAuth(client_id='py-mtls')
        self.assertEqual(auth.get_tls_certificate(), certificate)
        client = self.client(auth)
        client.set_mtls_endpoint_aliases({'token_endpoint': self.base + '/mtls/token'})
        token = client.client_credentials(None, None, None, None, None)
        self.assertEqual(token.get_string_member('auth_method'), 'tls_client_auth')
        self.assertEqual(token.get_string_member('path'), '/mtls/token')
        self.assertEqual(token.get_string_member('x5t#S256'), self.thumbprint(certificate))

    def test_api_client_presents_the_certificate(self):
        # RFC 8705 §3: the API client presents the certificate its auth
        # handler's client authenticates with, for certificate-bound tokens;
        # the property replaces it, None presents none.
        auth = OA2.TlsClientAuth.new_from_files('py-mtls', OA2.TlsClientAuthMethod.PKI,
                                                self.cert_file, self.key_file)
        certificate = auth.get_tls_certificate()
        handler = OA2.ClientCredentialsAuth.new(self.client(auth), None)
        api = OA2.ApiClient.new_with_session(self.base, handler, self.session)
        self.assertEqual(api.props.tls_client_certificate, certificate)
        self.assertEqual(api.dup_tls_client_certificate(), certificate)
        for response in (api.get('resource', None, None), call_async(api, 'get', 'resource', None)):
            echoed = json.loads(response.dup_text())
            self.assertEqual(echoed['x5t#S256'], self.thumbprint(certificate))
            self.assertEqual(echoed['authorization'], 'Bearer ' + handler.props.token.props.access_token)
        child = api.new_child('sub')
        self.assertEqual(child.props.tls_client_certificate, certificate)
        api.props.tls_client_certificate = None
        self.assertIsNone(api.dup_tls_client_certificate())
        self.assertIsNone(json.loads(api.get('resource', None, None).dup_text())['x5t#S256'])
        other = Gio.TlsCertificate.new_from_files(self.cert_file, self.key_file)
        api.set_tls_client_certificate(other)
        self.assertEqual(api.props.tls_client_certificate, other)
        # over plain http, refused before anything is sent
        plain = OA2.ApiClient.new('http://127.0.0.1:9/', None)
        self.assertIsNone(plain.props.tls_client_certificate)
        plain.props.tls_client_certificate = certificate
        self.assertRaisesOA2(OA2.Error.INSECURE_TRANSPORT, plain.get, 'x', None, None)

    def test_construction_errors(self):
        certificate = Gio.TlsCertificate.new_from_file(self.cert_file)
        self.assertRaisesOA2(OA2.Error.INVALID_KEY, OA2.TlsClientAuth.new, 'py-mtls',
                             OA2.TlsClientAuthMethod.PKI, certificate)
        self.assertRaisesOA2(OA2.Error.KEY_MISMATCH, OA2.TlsClientAuth.new_from_files, 'py-mtls',
                             OA2.TlsClientAuthMethod.PKI, self.cert_file,
                             os.path.join(self.dir, 'other-key.pem'))
        with self.assertRaises(GLib.Error) as caught:
            OA2.TlsClientAuth.new_from_files('py-mtls', OA2.TlsClientAuthMethod.PKI,
                                             os.path.join(self.dir, 'missing.pem'), self.key_file)
        self.assertGError(caught.exception, GLib.file_error_quark(), GLib.FileError.NOENT)
        # built with properties: the error comes from init() and requests
        auth = OA2.TlsClientAuth(client_id='py-mtls', certificate=certificate)
        self.assertRaisesOA2(OA2.Error.INVALID_KEY, auth.init, None)
        self.assertRaisesOA2(OA2.Error.INVALID_KEY, self.client(auth).client_credentials,
                             None, None, None, None, None)


class JwtBearerTest(OA2TestCase):
    """The JWT bearer grant (RFC 7523 §2.1) with an assertion the client
    signs itself."""

    def test_sign_and_grant(self):
        key = OA2.Jwk.generate('EdDSA')
        extra = Json.Object()
        extra.set_string_member('purpose', 'test')
        assertion = OA2.Jwt.sign_bearer_assertion(key, None, CLIENT_ID, 'alice', [BASE], 0, extra)
        client = OA2.Client.new(TOKEN_ENDPOINT, None)
        token = client.jwt_bearer(assertion, 'read', None, None, None)
        self.assertTrue(token.props.access_token.startswith('at-jb-'))
        sent = received(token)
        self.assertEqual(sent['grant_type'], 'urn:ietf:params:oauth:grant-type:jwt-bearer')
        self.assertEqual(sent['scope'], 'read')
        jwt = OA2.Jwt.new_from_compact(sent['assertion'])
        self.assertTrue(jwt.verify(key.dup_public(), ['EdDSA']))
        self.assertEqual(jwt.get_string_claim('iss'), CLIENT_ID)
        self.assertEqual(jwt.get_string_claim('sub'), 'alice')
        self.assertEqual(jwt.get_string_claim('aud'), BASE)
        self.assertEqual(jwt.get_string_claim('purpose'), 'test')

        # From an OA2.Jwt, and asynchronously.
        token = call_async(client, 'jwt_bearer', jwt.get_compact(), None, None, None, None)
        self.assertEqual(received(token)['assertion'], sent['assertion'])

    def test_errors(self):
        key = OA2.Jwk.generate('ES256')
        extra = Json.Object()
        extra.set_int_member('exp', 1)
        with self.assertRaises(GLib.Error) as caught:
            OA2.Jwt.sign_bearer_assertion(key, None, CLIENT_ID, 'alice', [BASE], 0, extra)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.INVALID_ARGUMENT, '“exp”')
        with self.assertRaises(GLib.Error) as caught:
            OA2.Client.new(TOKEN_ENDPOINT, None).jwt_bearer('', None, None, None, None)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.INVALID_ARGUMENT,
                          'No assertion was given')


class Saml2BearerTest(OA2TestCase):
    """The SAML 2.0 bearer grant (RFC 7522 §2.1): the XML goes in as bytes
    and is sent base64url-encoded without padding."""

    # Standard base64 of this would hold '+', '/' and '='.
    XML = (b'<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a1">'
           b'<saml:Subject>alice?~</saml:Subject></saml:Assertion>\n')

    def test_grant(self):
        client = OA2.Client.new(TOKEN_ENDPOINT, OA2.ClientSecretBasic.new(CLIENT_ID, CLIENT_SECRET))
        token = client.saml2_bearer(GLib.Bytes.new(self.XML), 'read', None, None, None)
        self.assertTrue(token.props.access_token.startswith('at-saml-'))
        self.assertEqual(token.get_string_member('auth_method'), 'client_secret_basic')
        sent = received(token)
        self.assertEqual(sent['grant_type'], 'urn:ietf:params:oauth:grant-type:saml2-bearer')
        self.assertEqual(sent['scope'], 'read')
        self.assertEqual(sent['assertion'], base64.urlsafe_b64encode(self.XML).rstrip(b'=').decode())
        for c in '+/=':
            self.assertNotIn(c, sent['assertion'])

        token = call_async(client, 'saml2_bearer', GLib.Bytes.new(self.XML), None, None, None, None)
        self.assertEqual(received(token)['assertion'], sent['assertion'])

    def test_empty(self):
        client = OA2.Client.new(TOKEN_ENDPOINT, OA2.ClientSecretBasic.new(CLIENT_ID, CLIENT_SECRET))
        with self.assertRaises(GLib.Error) as caught:
            client.saml2_bearer(GLib.Bytes.new(b''), None, None, None, None)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.INVALID_ARGUMENT,
                          'No SAML assertion was given')

    def test_server_error(self):
        client = OA2.Client.new(TOKEN_ENDPOINT, OA2.ClientSecretBasic.new(CLIENT_ID, 'wrong'))
        with self.assertRaises(GLib.Error) as caught:
            client.saml2_bearer(GLib.Bytes.new(self.XML), None, None, None, None)
        self.assertGError(caught.exception, OA2.oauth_error_quark(), OA2.OAuthError.INVALID_CLIENT)


class DiscoveryTest(OA2TestCase):
    """Clients made from server metadata (RFC 8414, OpenID Connect
    Discovery) that the mock server publishes."""

    def check_client(self, client, issuer):
        self.assertIsInstance(client, OA2.Client)
        self.assertEqual(client.props.issuer, issuer)
        self.assertEqual(client.props.token_endpoint, TOKEN_ENDPOINT)
        self.assertEqual(client.props.device_authorization_endpoint, 'https://as.example/device')
        metadata = client.props.server_metadata
        self.assertIsInstance(metadata, OA2.ServerMetadata)
        self.assertIs(client.get_server_metadata(), metadata)
        self.assertEqual(metadata.get_id_token_signing_alg_values_supported(), ['ES256', 'RS256'])
        self.assertTrue(metadata.get_authorization_response_iss_parameter_supported())
        self.assertEqual(metadata.get_member('x_mock').get_string(), 'yes')
        # PyGObject gives an absent (NULL) list as an empty one.
        self.assertFalse(metadata.get_scopes_supported())
        token = client.client_credentials('read', None, None, None, None)
        self.assertFreshToken(token, 'at-cc-', scope='read')

    def test_discovery_uris(self):
        uri = OA2.ServerMetadata.discovery_uri('https://example.com/issuer1', OA2.DiscoveryKind.RFC8414)
        self.assertEqual(uri, 'https://example.com/.well-known/oauth-authorization-server/issuer1')
        uri = OA2.ServerMetadata.discovery_uri('https://example.com/issuer1/', OA2.DiscoveryKind.OPENID)
        self.assertEqual(uri, 'https://example.com/issuer1/.well-known/openid-configuration')
        self.assertRaisesOA2(OA2.Error.INSECURE_TRANSPORT, OA2.ServerMetadata.discovery_uri,
                             'http://example.com', OA2.DiscoveryKind.OPENID)

    def test_metadata_round_trip_and_errors(self):
        metadata = OA2.ServerMetadata.new_from_json(
            '{"issuer":"https://as.example","scopes_supported":["openid"],"x":1}')
        again = OA2.ServerMetadata.new_from_json(metadata.to_json())
        self.assertEqual(again.get_scopes_supported(), ['openid'])
        self.assertEqual(sorted(again.dup_member_names()), ['issuer', 'scopes_supported', 'x'])
        self.assertTrue(again.get_request_uri_parameter_supported())
        error = self.assertRaisesOA2(OA2.Error.INVALID_MEMBER, OA2.ServerMetadata.new_from_json,
                                     '{"issuer":"https://as.example","scopes_supported":"openid"}')
        self.assertIn('scopes_supported', error.message)
        self.assertRaisesOA2(OA2.Error.INSECURE_TRANSPORT, OA2.ServerMetadata.new_from_json,
                             '{"issuer":"https://as.example","token_endpoint":"http://as.example/t"}')

    def test_from_issuer_sync(self):
        for kind in (OA2.DiscoveryKind.OPENID, OA2.DiscoveryKind.RFC8414):
            client = OA2.Client.new_from_issuer(BASE, kind, OA2.ClientSecretPost.new(CLIENT_ID, CLIENT_SECRET),
                                                None, None)
            self.check_client(client, BASE)

    def test_from_issuer_with_path_async(self):
        def start(done):
            def callback(source, result):
                try:
                    done(value=OA2.Client.new_from_issuer_finish(result))
                except Exception as e:
                    done(error=e)
            OA2.Client.new_from_issuer_async(BASE + '/tenant', OA2.DiscoveryKind.RFC8414,
                                             OA2.ClientSecretBasic.new(CLIENT_ID, CLIENT_SECRET),
                                             None, None, callback)
        self.check_client(run_async(start), BASE + '/tenant')

    def test_from_discovery_uri(self):
        client = OA2.Client.new_from_discovery(BASE + '/tenant/.well-known/openid-configuration',
                                               OA2.ClientSecretPost.new(CLIENT_ID, CLIENT_SECRET), None, None)
        self.check_client(client, BASE + '/tenant')

    def test_issuer_mismatch(self):
        error = self.assertRaisesOA2(OA2.Error.INVALID_MEMBER, OA2.Client.new_from_issuer,
                                     BASE + '/mismatch', OA2.DiscoveryKind.OPENID, None, None, None)
        self.assertIn('instead of', error.message)
        self.assertRaisesOA2(OA2.Error.INVALID_MEMBER, OA2.Client.new_from_discovery,
                             BASE + '/mismatch/.well-known/openid-configuration', None, None, None)

class RevocationAndIntrospectionTest(OA2TestCase):
    """RFC 7009 and RFC 7662 against the mock server, which reports
    revoked tokens inactive."""

    def client(self):
        return GObject.new(OA2.Client, token_endpoint=TOKEN_ENDPOINT,
                           revocation_endpoint=BASE + '/revoke',
                           introspection_endpoint=BASE + '/introspect',
                           client_auth=OA2.ClientSecretBasic.new(CLIENT_ID, CLIENT_SECRET))

    def test_introspect_revoke_introspect(self):
        client = self.client()
        token = client.client_credentials('read', None, None, None, None)
        info = client.introspect_token(token.props.access_token, 'access_token',
                                       OA2.IntrospectionFlags.NONE, None)
        self.assertIsInstance(info, OA2.IntrospectionResponse)
        self.assertTrue(info.get_active())
        self.assertEqual(info.get_scope(), 'read')
        self.assertEqual(info.get_sub(), 'mock-user')
        self.assertEqual(info.get_aud(), ['https://rs.example'])
        self.assertTrue(client.revoke_access_token(token, None))
        info = call_async(client, 'introspect_token', token.props.access_token, None,
                          OA2.IntrospectionFlags.NONE)
        self.assertFalse(info.get_active())
        self.assertIsNone(info.get_scope())
        self.assertTrue(call_async(client, 'revoke_token', 'other', None))

    def test_errors(self):
        client = self.client()
        with self.assertRaises(GLib.Error) as caught:
            client.revoke_token('at-x', 'unsupported', None)
        self.assertGError(caught.exception, OA2.oauth_error_quark(), OA2.OAuthError.UNSUPPORTED_TOKEN_TYPE)
        bare = OA2.Client.new(TOKEN_ENDPOINT, None)
        self.assertRaisesOA2(OA2.Error.INVALID_ARGUMENT, bare.revoke_token, 'at-x', None, None)
        self.assertRaisesOA2(OA2.Error.INVALID_ARGUMENT, bare.introspect_token, 'at-x', None,
                             OA2.IntrospectionFlags.NONE, None)


class TokenExchangeTest(OA2TestCase):
    """RFC 8693 through the bindings: the request object, type inference
    from a token, the sync and async grant, issued_token_type."""

    URN = 'urn:ietf:params:oauth:token-type:'

    def client(self):
        return OA2.Client.new(TOKEN_ENDPOINT, OA2.ClientSecretBasic.new(CLIENT_ID, CLIENT_SECRET))

    def test_exchange_a_bearer_token(self):
        client = self.client()
        subject = client.client_credentials('read', None, None, None, None)
        request = OA2.TokenExchangeRequest.new_for_bearer_token(subject)
        self.assertEqual(request.get_subject_token_type(), 'access_token')
        request.set_audience('backend')
        request.set_requested_token_type('access_token')
        request.set_actor_token('actor-jwt', self.URN + 'jwt')
        token = client.token_exchange(request, 'read', ['https://rs.example/'], {'x': 'y'}, None, None)
        self.assertTrue(token.props.access_token.startswith('at-tx'))
        self.assertEqual(token.get_issued_token_type(), self.URN + 'access_token')
        sent = received(token)
        self.assertEqual(sent['grant_type'], 'urn:ietf:params:oauth:grant-type:token-exchange')
        self.assertEqual(sent['subject_token_type'], self.URN + 'access_token')
        self.assertEqual(sent['actor_token_type'], self.URN + 'jwt')
        self.assertEqual(sent['requested_token_type'], self.URN + 'access_token')
        self.assertEqual(sent['audience'], 'backend')
        self.assertEqual(sent['resource'], 'https://rs.example/')
        self.assertEqual(sent['x'], 'y')

        token = call_async(client, 'token_exchange', OA2.TokenExchangeRequest.new('at-cc', 'jwt'),
                           None, None, None, None)
        self.assertEqual(token.get_issued_token_type(), self.URN + 'access_token')
        self.assertEqual(received(token)['subject_token_type'], self.URN + 'jwt')

    def test_short_names(self):
        self.assertEqual(OA2.token_type_urn('saml2'), self.URN + 'saml2')
        self.assertIsNone(OA2.token_type_urn('nope'))

    def test_errors(self):
        client = self.client()
        self.assertRaisesOA2(OA2.Error.INVALID_ARGUMENT, client.token_exchange,
                             OA2.TokenExchangeRequest.new('at-cc', 'bogus'), None, None, None, None, None)
        with self.assertRaises(GLib.Error) as caught:
            call_async(client, 'token_exchange', OA2.TokenExchangeRequest.new('unknown', 'jwt'),
                       None, None, None, None)
        self.assertGError(caught.exception, OA2.oauth_error_quark(), OA2.OAuthError.INVALID_GRANT)

    def test_exchange_for_a_token_of_another_type(self):
        # RFC 8693 §2.2.1: a JWT for another party comes back as N_A.
        client = self.client()
        request = OA2.TokenExchangeRequest.new('at-cc-subject', 'access_token')
        request.set_requested_token_type('jwt')
        request.set_audience('backend')
        issued = client.token_exchange_issued(request, 'read', None, None, None)
        self.assertIsInstance(issued, OA2.IssuedToken)
        self.assertTrue(issued.props.token.startswith('at-tx'))
        self.assertEqual(issued.get_token_type(), 'N_A')
        self.assertEqual(issued.props.issued_token_type, self.URN + 'jwt')
        self.assertFalse(issued.is_access_token())
        self.assertEqual(issued.get_scope(), 'read')
        self.assertIsNotNone(issued.get_expires_at())
        self.assertIsNone(issued.get_refresh_token())
        self.assertIn('received', issued.dup_member_names())
        sent = received(issued)
        self.assertEqual(sent['requested_token_type'], self.URN + 'jwt')
        self.assertEqual(sent['audience'], 'backend')

        # An access token comes back the same way, and asynchronously.
        issued = call_async(client, 'token_exchange_issued', OA2.TokenExchangeRequest.new('at-cc', 'jwt'),
                            None, None, None)
        self.assertEqual(issued.get_token_type(), 'Bearer')
        self.assertTrue(issued.is_access_token())
        self.assertEqual(issued.get_issued_token_type(), self.URN + 'access_token')

        # The Bearer method refuses N_A and says where to go.
        with self.assertRaises(GLib.Error) as caught:
            client.token_exchange(request, None, None, None, None, None)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.UNSUPPORTED_TOKEN_TYPE)
        self.assertIn('token_exchange_issued', caught.exception.message)
        with self.assertRaises(GLib.Error) as caught:
            call_async(client, 'token_exchange_issued', OA2.TokenExchangeRequest.new('other', 'jwt'),
                       None, None, None)
        self.assertGError(caught.exception, OA2.oauth_error_quark(), OA2.OAuthError.INVALID_GRANT)


class CibaTest(OA2TestCase):
    """OpenID CIBA through the bindings: the request object, the
    backchannel request, polling the grant, and the ping checks."""

    def client(self):
        return GObject.new(OA2.Client, token_endpoint=TOKEN_ENDPOINT,
                           backchannel_authentication_endpoint=BASE + '/bc-authorize',
                           client_auth=OA2.ClientSecretBasic.new(CLIENT_ID, CLIENT_SECRET))

    def request(self, login_hint):
        request = OA2.BackchannelAuthenticationRequest.new('openid')
        request.set_login_hint(login_hint)
        request.set_binding_message('W4SCT')
        request.set_requested_expiry(120)
        return request

    def test_poll_to_a_token(self):
        client = self.client()
        pending = client.backchannel_authentication_request(self.request('alice'), {'x': 'y'}, None)
        self.assertIsInstance(pending, OA2.BackchannelAuthenticationResponse)
        self.assertEqual(pending.props.auth_req_id, 'ar-alice')
        self.assertEqual(pending.get_interval(), 1)
        self.assertFalse(pending.is_expired())
        sent = pending.get_member('received').get_object()
        self.assertEqual(sent.get_string_member('binding_message'), 'W4SCT')
        self.assertEqual(sent.get_string_member('requested_expiry'), '120')
        self.assertEqual(sent.get_string_member('x'), 'y')
        poller = OA2.TokenPoller.new_for_backchannel(client, pending, None)
        token = call_async(poller, 'poll')
        self.assertTrue(token.props.access_token.startswith('at-ciba'))
        self.assertEqual(received(token)['grant_type'], 'urn:openid:params:grant-type:ciba')
        self.assertEqual(received(token)['auth_req_id'], 'ar-alice')
        token = call_async(client, 'ciba', 'ar-alice', None, None, None)
        self.assertTrue(token.props.access_token.startswith('at-ciba'))

    def test_denied_and_refused(self):
        client = self.client()
        pending = call_async(client, 'backchannel_authentication_request', self.request('mallory'), None)
        with self.assertRaises(GLib.Error) as caught:
            OA2.TokenPoller.new_for_backchannel(client, pending, None).poll(None)
        self.assertGError(caught.exception, OA2.oauth_error_quark(), OA2.OAuthError.ACCESS_DENIED)
        with self.assertRaises(GLib.Error) as caught:
            client.backchannel_authentication_request(self.request('nobody'), None, None)
        self.assertGError(caught.exception, OA2.oauth_error_quark(), OA2.OAuthError.UNKNOWN_USER_ID)
        no_openid = OA2.BackchannelAuthenticationRequest.new('email')
        no_openid.set_login_hint('alice')
        self.assertRaisesOA2(OA2.Error.INVALID_ARGUMENT, client.backchannel_authentication_request,
                             no_openid, None, None)

    def test_ping_checks(self):
        self.assertTrue(OA2.backchannel_check_notification_token('Bearer n-1', 'n-1'))
        self.assertFalse(OA2.backchannel_check_notification_token('Bearer n-2', 'n-1'))
        self.assertFalse(OA2.backchannel_check_notification_token(None, 'n-1'))
        body = GLib.Bytes.new(b'{"auth_req_id":"ar-alice"}')
        self.assertEqual(OA2.backchannel_parse_ping(body), 'ar-alice')
        self.assertRaisesOA2(OA2.Error.MISSING_MEMBER, OA2.backchannel_parse_ping, GLib.Bytes.new(b'{}'))


class ClientCredentialsTest(OA2TestCase):
    def post_client(self, secret=CLIENT_SECRET):
        return OA2.Client.new(TOKEN_ENDPOINT, OA2.ClientSecretPost.new(CLIENT_ID, secret))

    def basic_client(self, secret=CLIENT_SECRET):
        return OA2.Client.new(TOKEN_ENDPOINT, OA2.ClientSecretBasic.new(CLIENT_ID, secret))

    def test_sync_post(self):
        token = self.post_client().client_credentials('read write', None, None, None, None)
        self.assertFreshToken(token, 'at-cc-', scope='read write')
        self.assertEqual(token.get_string_member('auth_method'), 'client_secret_post')
        sent = received(token)
        self.assertEqual(sent['grant_type'], 'client_credentials')
        self.assertEqual(sent['client_id'], CLIENT_ID)
        self.assertEqual(sent['scope'], 'read write')

    def test_sync_basic(self):
        token = self.basic_client().client_credentials(None, None, None, None, None)
        self.assertFreshToken(token, 'at-cc-', scope='default')
        self.assertEqual(token.get_string_member('auth_method'), 'client_secret_basic')
        # With client_secret_basic, nothing about the client is in the body.
        self.assertNotIn('client_id', received(token))

    def test_with_secret_uses_post(self):
        client = OA2.Client.new_with_secret(TOKEN_ENDPOINT, CLIENT_ID, CLIENT_SECRET)
        token = client.client_credentials(None, None, None, None, None)
        self.assertEqual(token.get_string_member('auth_method'), 'client_secret_post')

    def test_async_post(self):
        token = call_async(self.post_client(), 'client_credentials', 'read', None, None, None)
        self.assertFreshToken(token, 'at-cc-', scope='read')
        self.assertEqual(token.get_string_member('auth_method'), 'client_secret_post')

    def test_async_basic(self):
        token = call_async(self.basic_client(), 'client_credentials', 'read', None, None, None)
        self.assertFreshToken(token, 'at-cc-', scope='read')
        self.assertEqual(token.get_string_member('auth_method'), 'client_secret_basic')

    def test_basic_without_form_encoding_is_refused(self):
        # The secret holds ':', ' ' and '%': only the RFC 6749 §2.3.1
        # encoding gets it through Basic intact.
        auth = OA2.ClientSecretBasic.new(CLIENT_ID, CLIENT_SECRET)
        auth.set_encode_credentials(False)
        client = OA2.Client.new(TOKEN_ENDPOINT, auth)
        with self.assertRaises(GLib.Error) as caught:
            client.client_credentials(None, None, None, None, None)
        self.assertGError(caught.exception, OA2.oauth_error_quark(), OA2.OAuthError.INVALID_REQUEST)

    def test_resources_and_extra_params(self):
        token = self.post_client().client_credentials(
            'read', ['https://api.example.com/a', 'https://api.example.com/b'],
            {'audience': 'https://api.example.com', 'tenant': 'zebra'}, None, None)
        sent = received(token)
        self.assertEqual(sent['resource'], ['https://api.example.com/a', 'https://api.example.com/b'])
        self.assertEqual(sent['audience'], 'https://api.example.com')
        self.assertEqual(sent['tenant'], 'zebra')

    def test_invalid_client_sync(self):
        for client in (self.post_client('wrong'), self.basic_client('wrong')):
            with self.assertRaises(GLib.Error) as caught:
                client.client_credentials(None, None, None, None, None)
            error = caught.exception
            self.assertGError(error, OA2.oauth_error_quark(), OA2.OAuthError.INVALID_CLIENT, 'bad secret')
            self.assertIn('invalid_client', error.message)
            self.assertTrue(OA2.error_requires_interaction(error))

    def test_invalid_client_async(self):
        with self.assertRaises(GLib.Error) as caught:
            call_async(self.basic_client('wrong'), 'client_credentials', None, None, None, None)
        self.assertGError(caught.exception, OA2.oauth_error_quark(), OA2.OAuthError.INVALID_CLIENT,
                          'bad secret')

    # The server's code string, description, URI and HTTP status live in the
    # GError's private data (an extended error domain). PyGObject turns a
    # GError into a GLib.Error of domain, code and message only, so the
    # accessors see nothing, and Python reads the details from the message,
    # which carries them in one documented format.
    def test_error_details_reach_python_through_the_message(self):
        for start in (lambda: self.post_client('wrong').client_credentials(None, None, None, None, None),
                      lambda: call_async(self.basic_client('wrong'), 'client_credentials', None, None, None, None)):
            with self.assertRaises(GLib.Error) as caught:
                start()
            error = caught.exception
            self.assertGError(error, OA2.oauth_error_quark(), OA2.OAuthError.INVALID_CLIENT)
            self.assertEqual(OA2.Error.get_http_status(error), 0)
            self.assertIsNone(OA2.Error.get_server_code(error))
            self.assertEqual(error_details(error.message),
                             {'status': 401, 'error': 'invalid_client', 'error_description': 'bad secret'})

    def test_unexpected_status_reaches_python_through_the_message(self):
        client = OA2.Client.new_with_secret(BASE + '/unavailable', CLIENT_ID, CLIENT_SECRET)
        with self.assertRaises(GLib.Error) as caught:
            client.client_credentials(None, None, None, None, None)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.UNEXPECTED_STATUS)
        self.assertEqual(error_details(caught.exception.message), {'status': 503})
        self.assertTrue(caught.exception.message.endswith(' [HTTP 503]'),
                        caught.exception.message)

    def test_bad_scope_is_a_local_error(self):
        with self.assertRaises(GLib.Error) as caught:
            self.post_client().client_credentials('bad"scope', None, None, None, None)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.INVALID_ARGUMENT)

    def test_bad_scope_async_reports_through_callback(self):
        with self.assertRaises(GLib.Error) as caught:
            call_async(self.post_client(), 'client_credentials', 'a  b', None, None, None)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.INVALID_ARGUMENT)


class RefreshTokenTest(OA2TestCase):
    def client(self):
        return OA2.Client.new_with_secret(TOKEN_ENDPOINT, CLIENT_ID, CLIENT_SECRET)

    def test_sync(self):
        token = self.client().refresh_token('rt-1', None, None, None, None, None)
        self.assertFreshToken(token, 'at-rt-', refresh_token='rt-2')
        self.assertEqual(received(token)['refresh_token'], 'rt-1')

    def test_async(self):
        token = call_async(self.client(), 'refresh_token', 'rt-1', 'read', None, None, None)
        self.assertFreshToken(token, 'at-rt-', scope='read', refresh_token='rt-2')

    def test_public_client(self):
        client = OA2.Client.new_public(TOKEN_ENDPOINT, PUBLIC_CLIENT_ID)
        token = client.refresh_token('rt-1', None, None, None, None, None)
        self.assertEqual(token.props.refresh_token, 'rt-2')
        self.assertEqual(token.get_string_member('auth_method'), 'none')

    def test_unknown_refresh_token(self):
        with self.assertRaises(GLib.Error) as caught:
            self.client().refresh_token('rt-unknown', None, None, None, None, None)
        self.assertGError(caught.exception, OA2.oauth_error_quark(), OA2.OAuthError.INVALID_GRANT)
        self.assertTrue(OA2.error_requires_interaction(caught.exception))

    def test_no_refresh_token(self):
        with self.assertRaises(GLib.Error) as caught:
            self.client().refresh_token(None, None, None, None, None, None)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.NO_REFRESH_TOKEN)


class MissingTokenTypeTest(OA2TestCase):
    # /token-untyped leaves token_type out, which RFC 6749 §5.1 requires.
    def client(self):
        return OA2.Client.new_with_secret(BASE + '/token-untyped', CLIENT_ID, CLIENT_SECRET)

    def test_refused_by_default(self):
        client = self.client()
        self.assertFalse(client.props.allow_missing_token_type)
        with self.assertRaises(GLib.Error) as caught:
            client.client_credentials(None, None, None, None, None)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.MISSING_MEMBER, 'token_type')

    def test_accepted_as_bearer_when_allowed(self):
        client = self.client()
        notified = []
        client.connect('notify::allow-missing-token-type', lambda obj, pspec: notified.append(True))
        client.props.allow_missing_token_type = True
        self.assertEqual(notified, [True])
        token = client.client_credentials(None, None, None, None, None)
        self.assertEqual(token.props.token_type, 'Bearer')
        token = call_async(client, 'refresh_token', 'rt-1', None, None, None, None)
        self.assertEqual(token.props.token_type, 'Bearer')
        self.assertEqual(token.props.refresh_token, 'rt-2')


class IdTokenTest(OA2TestCase):
    """A validated ID token from Python: the server's keys given by hand
    (server-jwks), blocking and asynchronous, accepted and refused."""

    ISSUER = 'https://id.example.com'

    def setUp(self):
        self.key = OA2.Jwk.generate('ES256')
        self.client = OA2.Client(issuer=self.ISSUER, client_auth=OA2.PublicApp.new('py-public'),
                                 id_token_signed_response_alg='ES256',
                                 server_jwks=OA2.Jwks.new([self.key.dup_public()]))

    def id_token(self, **extra):
        claims = Json.Object.new()
        claims.set_string_member('iss', self.ISSUER)
        claims.set_string_member('sub', 'alice')
        claims.set_string_member('aud', 'py-public')
        claims.set_int_member('iat', now_unix())
        claims.set_int_member('exp', now_unix() + 600)
        claims.set_string_member('nonce', 'n-1')
        claims.set_string_member('email', 'alice@example.com')
        for name, value in extra.items():
            claims.set_string_member(name, value)
        return OA2.Jwt.sign_claims(claims, self.key, 'ES256', None)

    def test_validated(self):
        compact = self.id_token()
        id_token = self.client.validate_id_token(compact, 'n-1', -1, None)
        self.assertIsInstance(id_token, OA2.IdToken)
        self.assertEqual(id_token.get_issuer(), self.ISSUER)
        self.assertEqual(id_token.get_subject(), 'alice')
        self.assertEqual(id_token.get_audience(), ['py-public'])
        self.assertEqual(id_token.get_nonce(), 'n-1')
        self.assertEqual(id_token.get_claim('email').get_string(), 'alice@example.com')
        self.assertEqual(id_token.get_auth_time(), -1)
        self.assertEqual(id_token.get_compact(), compact)
        id_token = call_async(self.client, 'validate_id_token', compact, 'n-1', -1)
        self.assertEqual(id_token.get_subject(), 'alice')

    def test_refused(self):
        self.assertRaisesOA2(OA2.Error.INVALID_CLAIM, self.client.validate_id_token,
                             self.id_token(), 'n-2', -1, None)
        self.assertRaisesOA2(OA2.Error.INVALID_CLAIM, self.client.validate_id_token,
                             self.id_token(iss='https://evil.example'), None, -1, None)
        with self.assertRaises(GLib.Error) as caught:
            call_async(self.client, 'validate_id_token', self.id_token(aud='other'), None, -1)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.INVALID_CLAIM, 'aud')
        self.client.props.id_token_signed_response_alg = None   # RS256 again
        self.assertEqual(self.client.props.id_token_signed_response_alg, 'RS256')
        self.assertRaisesOA2(OA2.Error.UNSUPPORTED_ALGORITHM, self.client.validate_id_token,
                             self.id_token(), None, -1, None)

    def test_settings(self):
        self.assertEqual(self.client.props.id_token_leeway, OA2.CLIENT_DEFAULT_ID_TOKEN_LEEWAY)
        self.client.props.id_token_signing_alg_values_supported = ['RS256']
        self.assertEqual(self.client.props.id_token_signing_alg_values_supported, ['RS256'])
        self.assertRaisesOA2(OA2.Error.UNSUPPORTED_ALGORITHM, self.client.validate_id_token,
                             self.id_token(), None, -1, None)


class UserinfoTest(OA2TestCase):
    """UserInfo from Python against a small server in a thread: Bearer and
    DPoP headers, JSON and signed responses, sub compared, a refused token."""

    def setUp(self):
        import http.server

        test = self
        self.requests = []
        self.responses = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                test.requests.append(dict(self.headers))
                status, content_type, body, headers = test.responses.pop(0)
                self.send_response(status)
                self.send_header('Content-Type', content_type)
                for name, value in headers.items():
                    self.send_header(name, value)
                data = body.encode('utf-8')
                self.send_header('Content-Length', str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        base = 'http://127.0.0.1:%d' % self.server.server_address[1]
        self.issuer = base
        self.key = OA2.Jwk.generate('ES256')
        self.client = OA2.Client(token_endpoint=base + '/token', userinfo_endpoint=base + '/userinfo',
                                 issuer=base, client_auth=OA2.PublicApp.new('py-public'),
                                 server_jwks=OA2.Jwks.new([self.key.dup_public()]))

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()

    def test_bearer_json(self):
        self.responses.append((200, 'application/json', '{"sub":"alice","name":"Alice"}', {}))
        token = OA2.BearerToken.new('at-1', None)
        claims = self.client.userinfo(token, None)
        self.assertEqual(claims.get_string_member('sub'), 'alice')
        self.assertEqual(claims.get_string_member('name'), 'Alice')
        self.assertEqual(self.requests[0]['Authorization'], 'Bearer at-1')
        self.assertNotIn('DPoP', self.requests[0])
        self.responses.append((200, 'application/json', '{"sub":"alice"}', {}))
        claims = call_async(self.client, 'userinfo', token)
        self.assertEqual(claims.get_string_member('sub'), 'alice')

    def test_dpop_nonce_retry(self):
        token = OA2.DPoPToken.new('at-2', None, OA2.DPoPKey.generate(None))
        self.responses.append((401, 'application/json', '{}',
                               {'WWW-Authenticate': 'DPoP error="use_dpop_nonce"', 'DPoP-Nonce': 'n-1'}))
        self.responses.append((200, 'application/json', '{"sub":"alice"}', {}))
        claims = self.client.userinfo(token, None)
        self.assertEqual(claims.get_string_member('sub'), 'alice')
        self.assertEqual(len(self.requests), 2)
        self.assertEqual(self.requests[1]['Authorization'], 'DPoP at-2')
        proof = OA2.Jwt.new_from_compact(self.requests[1]['DPoP'])
        self.assertEqual(proof.get_string_claim('htm'), 'GET')
        self.assertEqual(proof.get_string_claim('nonce'), 'n-1')
        self.assertEqual(proof.get_string_claim('htu'), self.issuer + '/userinfo')

    def test_signed_and_sub_checked(self):
        self.client.props.userinfo_signed_response_alg = 'ES256'
        claims = Json.Object.new()
        claims.set_string_member('iss', self.issuer)
        claims.set_string_member('aud', 'py-public')
        claims.set_string_member('sub', 'alice')
        signed = OA2.Jwt.sign_claims(claims, self.key, 'ES256', None)
        response = Json.Object.new()
        response.set_string_member('access_token', 'at-3')
        response.set_string_member('token_type', 'Bearer')
        id_claims = Json.Object.new()
        id_claims.set_string_member('sub', 'bob')
        response.set_string_member('id_token', OA2.Jwt.sign_claims(id_claims, self.key, 'ES256', None))
        of_bob = OA2.BearerToken.new_from_response(response)
        self.responses.append((200, 'application/jwt', signed, {}))
        self.assertEqual(self.client.userinfo(OA2.BearerToken.new('at-3', None), None)
                         .get_string_member('sub'), 'alice')
        self.responses.append((200, 'application/jwt', signed, {}))
        self.assertRaisesOA2(OA2.Error.INVALID_CLAIM, self.client.userinfo, of_bob, None)
        self.responses.append((200, 'text/html', '<html></html>', {}))
        self.assertRaisesOA2(OA2.Error.UNEXPECTED_CONTENT_TYPE, self.client.userinfo,
                             OA2.BearerToken.new('at-3', None), None)

    def test_refused_token(self):
        self.responses.append((401, 'text/plain', '',
                               {'WWW-Authenticate': 'Bearer error="invalid_token"'}))
        with self.assertRaises(GLib.Error) as caught:
            self.client.userinfo(OA2.BearerToken.new('at-4', None), None)
        self.assertGError(caught.exception, OA2.oauth_error_quark(), OA2.OAuthError.INVALID_TOKEN)
        self.assertEqual(error_details(caught.exception.message)['status'], 401)


class PasswordTest(OA2TestCase):
    def client(self):
        return OA2.Client.new(TOKEN_ENDPOINT, OA2.ClientSecretBasic.new(CLIENT_ID, CLIENT_SECRET))

    def test_sync_then_refresh(self):
        client = self.client()
        token = client.resource_owner_password('alice', 'wonderland', 'profile', None, None, None, None)
        self.assertFreshToken(token, 'at-pw-', scope='profile', refresh_token='rt-1')
        self.assertEqual(received(token)['username'], 'alice')
        renewed = client.refresh_token(token.props.refresh_token, None, None, None, None, None)
        self.assertEqual(renewed.props.refresh_token, 'rt-2')
        self.assertNotEqual(renewed.props.access_token, token.props.access_token)

    def test_async(self):
        token = call_async(self.client(), 'resource_owner_password', 'alice', 'wonderland',
                           None, None, None, None)
        self.assertFreshToken(token, 'at-pw-', refresh_token='rt-1')

    def test_wrong_password(self):
        with self.assertRaises(GLib.Error) as caught:
            self.client().resource_owner_password('alice', 'looking-glass', None, None, None, None, None)
        self.assertGError(caught.exception, OA2.oauth_error_quark(), OA2.OAuthError.INVALID_GRANT)


class AuthorizationCodeTest(OA2TestCase):
    def client(self):
        return OA2.Client.new(TOKEN_ENDPOINT, OA2.PublicApp.new(PUBLIC_CLIENT_ID))

    def check(self, token):
        self.assertFreshToken(token, 'at-ac-', scope='openid profile', refresh_token='rt-1')
        self.assertEqual(token.get_string_member('auth_method'), 'none')
        sent = received(token)
        self.assertEqual(sent['client_id'], PUBLIC_CLIENT_ID)
        self.assertEqual(sent['code'], 'good-code')
        self.assertEqual(sent['redirect_uri'], REDIRECT_URI)
        self.assertEqual(sent['code_verifier'], CODE_VERIFIER)

    def test_sync(self):
        self.check(self.client().authorization_code('good-code', REDIRECT_URI, CODE_VERIFIER,
                                                    None, None, None, None))

    def test_async(self):
        self.check(call_async(self.client(), 'authorization_code', 'good-code', REDIRECT_URI,
                              CODE_VERIFIER, None, None, None))

    def test_bad_code(self):
        with self.assertRaises(GLib.Error) as caught:
            self.client().authorization_code('bad-code', REDIRECT_URI, CODE_VERIFIER, None, None, None, None)
        self.assertGError(caught.exception, OA2.oauth_error_quark(), OA2.OAuthError.INVALID_GRANT)

    def test_without_pkce_the_server_refuses(self):
        with self.assertRaises(GLib.Error) as caught:
            self.client().authorization_code('good-code', REDIRECT_URI, None, None, None, None, None)
        self.assertGError(caught.exception, OA2.oauth_error_quark(), OA2.OAuthError.INVALID_GRANT)

    def test_malformed_verifier_is_a_local_error(self):
        with self.assertRaises(GLib.Error) as caught:
            self.client().authorization_code('good-code', REDIRECT_URI, 'too-short', None, None, None, None)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.INVALID_ARGUMENT)


class AuthorizationRequestTest(OA2TestCase):
    """The authorization-code flow: request, URI, callback, exchange."""

    AUTHORIZE = 'https://as.example/authorize'
    ISSUER = 'https://as.example'

    def client(self):
        client = OA2.Client(token_endpoint=TOKEN_ENDPOINT, client_auth=OA2.PublicApp.new(PUBLIC_CLIENT_ID),
                            authorization_endpoint=self.AUTHORIZE, issuer=self.ISSUER)
        return client

    def request(self):
        # The mock server issues no ID token: an OAuth-only scope.
        request = self.client().new_authorization_request(REDIRECT_URI, 'profile')
        request.set_state('st-1')
        request.set_nonce('n-1')
        request.set_code_verifier(CODE_VERIFIER)
        return request

    def test_defaults_are_random(self):
        a = self.client().new_authorization_request(REDIRECT_URI, 'openid')
        b = self.client().new_authorization_request(REDIRECT_URI, 'openid')
        self.assertEqual(a.get_pkce_method(), OA2.PkceMethod.S256)
        self.assertEqual(len(a.get_state()), 43)
        self.assertNotEqual(a.get_state(), b.get_state())
        self.assertNotEqual(a.get_nonce(), b.get_nonce())
        self.assertNotEqual(a.get_code_verifier(), b.get_code_verifier())

    def test_uri_with_rfc7636_vector(self):
        request = self.request()
        request.add_resource('https://rs.example/')
        request.set_parameter('x_vendor', 'v')
        request.set_dpop_jkt('jkt-1')
        self.assertEqual(request.dup_code_challenge(), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')
        self.assertEqual(request.dup_uri(),
                         self.AUTHORIZE + '?response_type=code&client_id=' + PUBLIC_CLIENT_ID +
                         '&redirect_uri=http%3A%2F%2F127.0.0.1%3A8400%2Fcallback&scope=profile'
                         '&state=st-1&nonce=n-1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'
                         '&code_challenge_method=S256&dpop_jkt=jkt-1&resource=https%3A%2F%2Frs.example%2F'
                         '&x_vendor=v')
        self.assertEqual(request.get_resources(), ['https://rs.example/'])

    def test_properties(self):
        # Each getter is also a read-only property, which its setter notifies.
        request = self.request()
        request.add_resource('https://rs.example/')
        request.set_max_age(300)
        self.assertEqual(request.props.authorization_endpoint, self.AUTHORIZE)
        self.assertEqual(request.props.client_id, PUBLIC_CLIENT_ID)
        self.assertEqual(request.props.redirect_uri, REDIRECT_URI)
        self.assertEqual(request.props.scope, 'profile')
        self.assertEqual(request.props.response_type, 'code')
        self.assertEqual(request.props.state, 'st-1')
        self.assertEqual(request.props.nonce, 'n-1')
        self.assertEqual(request.props.pkce_method, OA2.PkceMethod.S256)
        self.assertEqual(request.props.max_age, 300)
        self.assertEqual(request.props.resources, ['https://rs.example/'])
        self.assertEqual(request.props.issuer, self.ISSUER)
        self.assertIsNone(request.props.response_mode)
        self.assertIsNone(request.props.request_uri_expires_at)
        # The PKCE verifier is a secret: no property lists it.
        self.assertNotIn('code-verifier', [p.name for p in request.list_properties()])
        seen = []
        request.connect('notify::scope', lambda obj, pspec: seen.append(obj.props.scope))
        request.set_scope('openid email')
        self.assertEqual(seen, ['openid email'])
        with self.assertRaises(TypeError):
            request.props.scope = 'other'
        self.assertEqual(request.get_scope(), 'openid email')

    def test_bad_input(self):
        request = self.request()
        self.assertRaisesOA2(OA2.Error.INVALID_ARGUMENT, request.set_code_verifier, 'too-short')
        self.assertRaisesOA2(OA2.Error.INVALID_ARGUMENT, request.set_parameter, 'state', 'x')
        self.assertRaisesOA2(OA2.Error.INVALID_ARGUMENT, request.set_claims, '[]')
        self.assertRaisesOA2(OA2.Error.INSECURE_TRANSPORT, OA2.AuthorizationRequest.new,
                             'http://as.example/authorize', 'c', None, None)

    def test_callback_checks(self):
        request = self.request()
        self.assertRaisesOA2(OA2.Error.STATE_MISMATCH, request.validate_callback,
                             REDIRECT_URI + '?code=c&state=other')
        self.assertRaisesOA2(OA2.Error.ISSUER_MISMATCH, request.validate_callback,
                             REDIRECT_URI + '?code=c&state=st-1&iss=https%3A%2F%2Fevil.example')
        self.assertRaisesOA2(OA2.Error.MISSING_MEMBER, request.validate_callback, REDIRECT_URI + '?state=st-1')
        with self.assertRaises(GLib.Error) as caught:
            request.validate_callback(REDIRECT_URI + '?error=access_denied&error_description=No&state=st-1')
        self.assertGError(caught.exception, OA2.oauth_error_quark(), OA2.OAuthError.ACCESS_DENIED, 'No')
        response = request.validate_callback_params({'code': 'c', 'state': 'st-1', 'iss': self.ISSUER})
        self.assertEqual(response.get_issuer(), self.ISSUER)
        self.assertEqual(response.get_nonce(), 'n-1')

    def test_json_round_trip_and_exchange(self):
        saved = self.request().to_json()
        restored = OA2.AuthorizationRequest.new_from_json(saved)
        response = restored.validate_callback(REDIRECT_URI + '?code=good-code&state=st-1')
        self.assertEqual(response.get_code_verifier(), CODE_VERIFIER)
        token = self.client().exchange_authorization_response(response, None, None)
        self.assertFreshToken(token, 'at-ac-', scope='openid profile', refresh_token='rt-1')
        sent = received(token)
        self.assertEqual(sent['code'], 'good-code')
        self.assertEqual(sent['redirect_uri'], REDIRECT_URI)
        self.assertEqual(sent['code_verifier'], CODE_VERIFIER)
        token = call_async(self.client(), 'exchange_authorization_response', response, None)
        self.assertFreshToken(token, 'at-ac-', scope='openid profile', refresh_token='rt-1')


class JarJarmTest(OA2TestCase):
    """Request objects (JAR) and signed responses (JARM) from Python, with
    the server's keys given by hand (no I/O)."""

    AUTHORIZE = 'https://as.example/authorize'
    ISSUER = 'https://as.example'

    def setUp(self):
        self.client_key = OA2.Jwk.generate('ES256')
        self.server_key = OA2.Jwk.generate('ES256')
        self.client = OA2.Client(token_endpoint=TOKEN_ENDPOINT, client_auth=OA2.PublicApp.new(PUBLIC_CLIENT_ID),
                                 authorization_endpoint=self.AUTHORIZE, issuer=self.ISSUER,
                                 authorization_signed_response_alg='ES256',
                                 server_jwks=OA2.Jwks.new([self.server_key.dup_public()]))
        self.request = self.client.new_authorization_request(REDIRECT_URI, 'openid')
        self.request.set_state('st-1')

    def test_request_object(self):
        self.request.set_request_object_key(self.client_key, None)
        self.assertEqual(self.request.get_request_object_alg(), 'ES256')
        query = dict(GLib.Uri.parse_params(self.request.dup_uri().split('?', 1)[1], -1, '&',
                                           GLib.UriParamsFlags.WWW_FORM))
        self.assertEqual(sorted(query), ['client_id', 'request', 'response_type', 'scope'])
        jwt = OA2.Jwt.new_from_compact(query['request'])
        self.assertTrue(jwt.verify(self.client_key.dup_public(), ['ES256']))
        self.assertEqual(jwt.get_typ(), 'oauth-authz-req+jwt')
        self.assertEqual(jwt.get_string_claim('iss'), PUBLIC_CLIENT_ID)
        self.assertEqual(jwt.get_string_claim('aud'), self.ISSUER)
        self.assertEqual(jwt.get_string_claim('state'), 'st-1')
        self.assertRaisesOA2(OA2.Error.INVALID_ARGUMENT, self.request.set_request_object_key,
                             self.client_key.dup_public(), None)

    def jarm(self, iss, state='st-1'):
        claims = Json.Object.new()
        claims.set_string_member('iss', iss)
        claims.set_string_member('aud', PUBLIC_CLIENT_ID)
        claims.set_int_member('exp', now_unix() + 600)
        claims.set_string_member('code', 'c-1')
        claims.set_string_member('state', state)
        return REDIRECT_URI + '?response=' + OA2.Jwt.sign_claims(claims, self.server_key, 'ES256', None)

    def test_jarm(self):
        self.request.set_response_mode('query.jwt')
        response = self.client.validate_authorization_callback(self.request, self.jarm(self.ISSUER), None, None)
        self.assertEqual(response.get_code(), 'c-1')
        response = call_async(self.client, 'validate_authorization_callback', self.request,
                              self.jarm(self.ISSUER), None)
        self.assertEqual(response.get_code(), 'c-1')
        self.assertRaisesOA2(OA2.Error.ISSUER_MISMATCH, self.client.validate_authorization_callback,
                             self.request, self.jarm('https://evil.example'), None, None)
        self.assertRaisesOA2(OA2.Error.STATE_MISMATCH, self.client.validate_authorization_callback,
                             self.request, self.jarm(self.ISSUER, 'st-2'), None, None)
        self.assertRaisesOA2(OA2.Error.INVALID_ARGUMENT, self.request.validate_callback, self.jarm(self.ISSUER))


class TokenRequestTest(OA2TestCase):
    def client(self):
        return OA2.Client.new_with_secret(TOKEN_ENDPOINT, CLIENT_ID, CLIENT_SECRET)

    def test_sync_with_params_dict(self):
        token = self.client().token_request({'grant_type': 'client_credentials',
                                             'scope': 'a b',
                                             'audience': 'urn:example:api'}, None, None, None)
        self.assertFreshToken(token, 'at-cc-', scope='a b')
        sent = received(token)
        self.assertEqual(sent['grant_type'], 'client_credentials')
        self.assertEqual(sent['audience'], 'urn:example:api')
        self.assertEqual(sent['client_id'], CLIENT_ID)

    def test_async_with_params_dict(self):
        token = call_async(self.client(), 'token_request',
                           {'grant_type': 'password', 'username': 'alice', 'password': 'wonderland'}, None, None)
        self.assertFreshToken(token, 'at-pw-', refresh_token='rt-1')

    def test_extension_grant_refused(self):
        with self.assertRaises(GLib.Error) as caught:
            self.client().token_request({'grant_type': 'urn:example:params:oauth:grant-type:magic',
                                         'magic': 'please'}, None, None, None)
        self.assertGError(caught.exception, OA2.oauth_error_quark(), OA2.OAuthError.INVALID_GRANT)

    def test_missing_grant_type(self):
        with self.assertRaises(GLib.Error) as caught:
            self.client().token_request({'scope': 'x'}, None, None, None)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.INVALID_ARGUMENT)

    def test_credentials_in_params_refused(self):
        with self.assertRaises(GLib.Error) as caught:
            self.client().token_request({'grant_type': 'client_credentials',
                                         'client_secret': 'sneaky'}, None, None, None)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.INVALID_ARGUMENT)


class BearerTokenTest(OA2TestCase):
    def test_new_without_expiry(self):
        token = OA2.BearerToken.new('opaque-token', None)
        self.assertEqual(token.props.access_token, 'opaque-token')
        self.assertEqual(token.props.token_type, 'Bearer')
        self.assertIsNone(token.props.expires_at)
        self.assertIsNone(token.get_expires_at())
        self.assertEqual(token.get_expires_in(), -1)
        self.assertFalse(token.is_expired(3600))
        self.assertEqual(token.dup_authorization_header(), 'Bearer opaque-token')
        self.assertEqual(token.dup_member_names(), [])

    def test_new_with_past_expiry(self):
        past = GLib.DateTime.new_from_unix_utc(now_unix() - 10)
        token = OA2.BearerToken.new('old', past)
        self.assertTrue(token.is_expired(0))
        self.assertEqual(token.get_expires_in(), 0)
        self.assertEqual(token.props.expires_at.to_unix(), past.to_unix())
        msg = Soup.Message.new('GET', BASE + '/resource')
        with self.assertRaises(GLib.Error) as caught:
            token.authorize_message(msg)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.TOKEN_EXPIRED)
        self.assertIsNone(msg.get_request_headers().get_one('Authorization'))

    def test_new_from_response(self):
        parser = Json.Parser.new()
        parser.load_from_data('{"access_token": "abc", "token_type": "bearer", "expires_in": "120",'
                              ' "scope": "s1 s2", "id_token": "x.y.z", "ext_int": 42,'
                              ' "ext_bool": true, "ext_str": "hello"}', -1)
        token = OA2.BearerToken.new_from_response(parser.get_root().get_object())
        self.assertEqual(token.props.token_type, 'Bearer')
        self.assertEqual(token.props.id_token, 'x.y.z')
        self.assertEqual(token.props.scope, 's1 s2')
        self.assertTrue(100 <= token.get_expires_in() <= 120)
        self.assertEqual(token.get_int_member('ext_int'), (True, 42))
        self.assertEqual(token.get_boolean_member('ext_bool'), (True, True))
        self.assertFalse(token.get_int_member('ext_str')[0])
        self.assertEqual(token.get_string_member('ext_str'), 'hello')
        self.assertIsNone(token.get_string_member('ext_int'))
        self.assertIsNone(token.get_member('no_such_member'))
        self.assertEqual(sorted(token.dup_member_names()), ['ext_bool', 'ext_int', 'ext_str'])

    def test_new_from_response_refuses_other_token_types(self):
        obj = Json.Object.new()
        obj.set_string_member('access_token', 'abc')
        obj.set_string_member('token_type', 'MAC')
        with self.assertRaises(GLib.Error) as caught:
            OA2.BearerToken.new_from_response(obj)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.UNSUPPORTED_TOKEN_TYPE)

    def test_json_round_trip(self):
        client = OA2.Client.new_with_secret(TOKEN_ENDPOINT, CLIENT_ID, CLIENT_SECRET)
        token = client.resource_owner_password('alice', 'wonderland', 'profile', None, None, None, None)
        stored = token.to_json()
        self.assertIsInstance(stored, str)
        self.assertIn('"expires_at"', stored)
        self.assertNotIn('"expires_in"', stored)

        restored = OA2.BearerToken.new_from_json(stored)
        for prop in ('access_token', 'token_type', 'refresh_token', 'scope', 'id_token'):
            self.assertEqual(restored.get_property(prop), token.get_property(prop), prop)
        self.assertEqual(restored.props.expires_at.to_unix(), token.props.expires_at.to_unix())
        self.assertEqual(restored.get_string_member('issued_token_type'), ISSUED_TOKEN_TYPE)
        self.assertEqual(received(restored), received(token))
        self.assertEqual(sorted(restored.dup_member_names()), sorted(token.dup_member_names()))
        self.assertEqual(json.loads(restored.to_json()), json.loads(stored))

    def test_new_from_json_rejects_garbage(self):
        with self.assertRaises(GLib.Error) as caught:
            OA2.BearerToken.new_from_json('{not json')
        self.assertEqual(caught.exception.domain, GLib.quark_to_string(OA2.error_quark()))
        with self.assertRaises(GLib.Error) as caught:
            OA2.BearerToken.new_from_json('{"token_type": "Bearer"}')
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.MISSING_MEMBER)


class GenericConstructionTest(OA2TestCase):
    # BearerToken is a GInitable, but PyGObject's generic constructor only
    # runs g_object_new(), never init(): the token validates what it was
    # given when it is constructed, and a token built from nothing, or from
    # an invalid access token, holds no credential, reports why in init(),
    # and is refused by authorize_message().
    def test_identity_properties(self):
        expires_at = GLib.DateTime.new_from_unix_utc(now_unix() + 60)
        token = OA2.BearerToken(access_token='built-generically', refresh_token='rt',
                                scope='s1 s2', expires_at=expires_at)
        self.assertTrue(token.init(None))
        self.assertEqual(token.props.access_token, 'built-generically')
        self.assertEqual(token.props.token_type, 'Bearer')
        self.assertEqual(token.props.refresh_token, 'rt')
        self.assertEqual(token.props.scope, 's1 s2')
        self.assertTrue(50 <= token.get_expires_in() <= 60)
        self.assertEqual(token.dup_authorization_header(), 'Bearer built-generically')

    def test_generic_constructor_validates_a_response(self):
        response = Json.Object.new()
        response.set_string_member('access_token', 'built-generically')
        response.set_string_member('token_type', 'Bearer')
        response.set_int_member('expires_in', 60)
        token = OA2.BearerToken(response=response)
        self.assertEqual(token.props.access_token, 'built-generically')
        self.assertEqual(token.props.token_type, 'Bearer')
        self.assertTrue(50 <= token.get_expires_in() <= 60)
        self.assertTrue(token.init(None))

    def test_generic_constructor_invalid_response(self):
        response = Json.Object.new()
        response.set_string_member('token_type', 'Bearer')
        token = OA2.BearerToken(response=response)
        self.assertIsNone(token.props.access_token)
        with self.assertRaises(GLib.Error) as caught:
            token.init(None)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.MISSING_MEMBER)

    def test_token_without_access_token_is_not_usable(self):
        token = OA2.BearerToken()
        self.assertIsNone(token.props.access_token)
        with self.assertRaises(GLib.Error) as caught:
            token.init(None)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.INVALID_ARGUMENT)
        msg = Soup.Message.new('GET', BASE + '/resource')
        msg.get_request_headers().replace('Authorization', 'Basic kept')
        with self.assertRaises(GLib.Error) as caught:
            token.authorize_message(msg)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.INVALID_ARGUMENT,
                          'needs an access token')
        self.assertEqual(msg.get_request_headers().get_one('Authorization'), 'Basic kept')

    def test_injected_line_is_refused(self):
        # RFC 6750 §2.1: an access token is a b64token.
        with self.assertRaises(GLib.Error) as caught:
            OA2.BearerToken.new('a\r\nX-Injected: 1', None)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.MALFORMED_TOKEN)
        token = OA2.BearerToken(access_token='a\r\nX-Injected: 1')
        self.assertIsNone(token.props.access_token)
        msg = Soup.Message.new('GET', BASE + '/resource')
        with self.assertRaises(GLib.Error) as caught:
            token.authorize_message(msg)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.MALFORMED_TOKEN)
        self.assertIsNone(msg.get_request_headers().get_one('Authorization'))
        self.assertIsNone(msg.get_request_headers().get_one('X-Injected'))

    def test_response_and_properties_together_are_refused(self):
        response = Json.Object.new()
        response.set_string_member('access_token', 'a')
        response.set_string_member('token_type', 'Bearer')
        with self.assertRaises(GLib.Error) as caught:
            OA2.BearerToken(response=response, access_token='b').init(None)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.INVALID_ARGUMENT)


class AuthorizeMessageTest(OA2TestCase):
    def test_stamps_and_sends(self):
        client = OA2.Client.new_with_secret(TOKEN_ENDPOINT, CLIENT_ID, CLIENT_SECRET)
        token = client.client_credentials(None, None, None, None, None)
        msg = Soup.Message.new('GET', BASE + '/resource')
        msg.get_request_headers().replace('Authorization', 'Basic stale')
        self.assertTrue(token.authorize_message(msg))
        expected = 'Bearer ' + token.props.access_token
        self.assertEqual(msg.get_request_headers().get_one('Authorization'), expected)

        session = Soup.Session.new()
        body = session.send_and_read(msg, None)
        self.assertEqual(msg.get_status(), Soup.Status.OK)
        parser = Json.Parser.new()
        parser.load_from_data(body.get_data().decode('utf-8'), -1)
        self.assertEqual(parser.get_root().get_object().get_string_member('authorization'), expected)

    def test_refuses_plain_http_to_remote_host(self):
        token = OA2.BearerToken.new('abc', None)
        msg = Soup.Message.new('GET', 'http://example.com/api')
        with self.assertRaises(GLib.Error) as caught:
            token.authorize_message(msg)
        self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.INSECURE_TRANSPORT)
        self.assertIsNone(msg.get_request_headers().get_one('Authorization'))


class TimeoutAndCancellationTest(OA2TestCase):
    def slow_client(self, timeout=None):
        client = OA2.Client.new_with_secret(SLOW_ENDPOINT, CLIENT_ID, CLIENT_SECRET)
        if timeout is not None:
            client.set_timeout(timeout)
        return client

    def test_timeout_sync(self):
        client = self.slow_client(1)
        started = time.monotonic()
        with self.assertRaises(GLib.Error) as caught:
            client.client_credentials(None, None, None, None, None)
        self.assertGError(caught.exception, Gio.io_error_quark(), Gio.IOErrorEnum.TIMED_OUT)
        self.assertLess(time.monotonic() - started, 5)

    def test_timeout_async(self):
        client = self.slow_client(1)
        started = time.monotonic()
        with self.assertRaises(GLib.Error) as caught:
            call_async(client, 'client_credentials', None, None, None, None)
        self.assertGError(caught.exception, Gio.io_error_quark(), Gio.IOErrorEnum.TIMED_OUT)
        self.assertLess(time.monotonic() - started, 5)

    def test_cancel_async(self):
        client = self.slow_client()
        cancellable = Gio.Cancellable.new()

        def cancel():
            cancellable.cancel()
            return GLib.SOURCE_REMOVE

        GLib.timeout_add(200, cancel)
        started = time.monotonic()
        with self.assertRaises(GLib.Error) as caught:
            call_async(client, 'client_credentials', None, None, None, None, cancellable=cancellable)
        self.assertGError(caught.exception, Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED)
        self.assertLess(time.monotonic() - started, 5)

    def test_cancel_async_before_start(self):
        cancellable = Gio.Cancellable.new()
        cancellable.cancel()
        with self.assertRaises(GLib.Error) as caught:
            call_async(OA2.Client.new_with_secret(TOKEN_ENDPOINT, CLIENT_ID, CLIENT_SECRET),
                       'client_credentials', None, None, None, None, cancellable=cancellable)
        self.assertGError(caught.exception, Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED)

    def test_cancel_sync_from_another_thread(self):
        # The blocking call must release the GIL and honour a cancellation
        # that arrives from another thread.
        client = self.slow_client()
        cancellable = Gio.Cancellable.new()
        timer = threading.Timer(0.3, cancellable.cancel)
        timer.start()
        started = time.monotonic()
        try:
            with self.assertRaises(GLib.Error) as caught:
                client.client_credentials(None, None, None, None, cancellable)
        finally:
            timer.cancel()
        self.assertGError(caught.exception, Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED)
        self.assertLess(time.monotonic() - started, 5)


class BlockingCallsTest(OA2TestCase):
    # Regression test: blocking calls once ran the async path on a private
    # main context that was dropped before libsoup had completed the
    # message, leaking one of the session's per-host connection slots per
    # call, so the third blocking call on one client hung forever (and its
    # timeout did not end it). Interleaved with async calls here, in a child
    # process so that a hang cannot take this suite down.
    def test_many_calls_on_one_client(self):
        script = (
            'import sys, gi\n'
            'gi.require_version("OA2", "1")\n'
            'from gi.repository import GLib, OA2\n'
            'client = OA2.Client.new_with_secret(sys.argv[1], "py-client", "s3cr:t %")\n'
            'client.set_timeout(2)\n'
            'def run_async():\n'
            '    loop = GLib.MainLoop.new(None, False)\n'
            '    out = []\n'
            '    def done(source, result):\n'
            '        out.append(source.client_credentials_finish(result))\n'
            '        loop.quit()\n'
            '    client.client_credentials_async(None, None, None, None, None, done)\n'
            '    loop.run()\n'
            '    return out[0]\n'
            'for step in sys.argv[2]:\n'
            '    if step == "s":\n'
            '        client.client_credentials(None, None, None, None, None)\n'
            '    else:\n'
            '        run_async()\n'
            '    print(step, flush=True)\n')
        steps = 'sssasasss'
        try:
            child = subprocess.run([sys.executable, '-c', script, TOKEN_ENDPOINT, steps],
                                   capture_output=True, text=True, timeout=30)
        except subprocess.TimeoutExpired as e:
            done = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or '')
            self.fail('call %d of %r on one client never returned (the client timeout is 2 s)'
                      % (len(done.split()) + 1, steps))
        self.assertEqual(child.returncode, 0, child.stderr)
        self.assertEqual(''.join(child.stdout.split()), steps)


# Derivable types, subclassed through introspection.

class HeaderBasicAuth(OA2.ClientAuth):
    """client_secret_basic written in Python: proves that do_authenticate
    can change the request headers it is given."""
    calls = 0

    def __init__(self, client_id, secret):
        super().__init__(client_id=client_id)
        self._secret = secret

    def do_authenticate(self, method, uri, headers):
        type(self).calls += 1
        assert method == 'POST'
        assert uri.endswith('/token'), uri
        encode = lambda s: GLib.Uri.escape_string(s, None, False).replace('%20', '+')  # noqa: E731
        pair = '%s:%s' % (encode(self.props.client_id), encode(self._secret))
        headers.replace('Authorization', 'Basic ' + base64.b64encode(pair.encode()).decode('ascii'))
        return {}

    def do_get_method_name(self):
        return 'client_secret_basic'


class BodyPostAuth(OA2.ClientAuth):
    """client_secret_post written in Python: proves that the returned
    dict becomes form parameters."""

    def __init__(self, client_id, secret):
        super().__init__(client_id=client_id)
        self._secret = secret

    def do_authenticate(self, method, uri, headers):
        return {'client_id': self.get_client_id(), 'client_secret': self._secret}

    def do_get_method_name(self):
        return 'client_secret_post'


class FailingAuth(OA2.ClientAuth):
    def do_authenticate(self, method, uri, headers):
        raise GLib.Error.new_literal(Gio.io_error_quark(), 'no credentials today',
                                     int(Gio.IOErrorEnum.PERMISSION_DENIED))

    def do_get_method_name(self):
        return 'private_key_jwt'


class QuirkyClient(OA2.Client):
    """A server that puts the granted scope in "granted_scope": the override
    fixes the response up, then chains up to the standard parser."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.parsed = []

    def do_parse_token_response(self, response):
        self.parsed.append(response.get_string_member('access_token'))
        response.set_string_member('scope', 'patched-by-python')
        return OA2.Client.do_parse_token_response(self, response)


class CarelessClient(OA2.Client):
    """A parser that forgets the access token: the grant fails clearly."""

    def do_parse_token_response(self, response):
        return OA2.BearerToken(scope=response.get_string_member('scope'))


class ErrorMappingClient(OA2.Client):
    """Maps the server's errors to a domain of its own."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seen = []

    def do_on_token_error(self, http_status, response):
        self.seen.append((http_status, response.get_string_member('error')))
        if response.get_string_member('error') == 'invalid_grant':
            return None  # the default mapping applies
        if response.get_string_member('error') == 'invalid_request':
            return OA2.OAuthError.new('invalid_scope', 'remapped', None, http_status)
        return GLib.Error.new_literal(GLib.quark_from_string('quirky-server-error'),
                                      'mapped: ' + response.get_string_member('error_description'),
                                      41)


class SubclassTest(OA2TestCase):
    def test_python_client_auth_headers(self):
        HeaderBasicAuth.calls = 0
        auth = HeaderBasicAuth(CLIENT_ID, CLIENT_SECRET)
        self.assertIsInstance(auth, OA2.ClientAuth)
        self.assertEqual(auth.get_method_name(), 'client_secret_basic')
        self.assertEqual(auth.get_client_id(), CLIENT_ID)
        client = OA2.Client.new(TOKEN_ENDPOINT, auth)
        token = client.client_credentials('read', None, None, None, None)
        self.assertEqual(token.get_string_member('auth_method'), 'client_secret_basic')
        token = call_async(client, 'client_credentials', 'read', None, None, None)
        self.assertEqual(token.get_string_member('auth_method'), 'client_secret_basic')
        self.assertEqual(HeaderBasicAuth.calls, 2)
        self.assertIs(client.get_client_auth(), auth)

    def test_python_client_auth_body(self):
        auth = BodyPostAuth(CLIENT_ID, CLIENT_SECRET)
        client = OA2.Client.new(TOKEN_ENDPOINT, auth)
        token = client.client_credentials(None, None, None, None, None)
        self.assertEqual(token.get_string_member('auth_method'), 'client_secret_post')
        self.assertEqual(received(token)['client_id'], CLIENT_ID)
        with self.assertRaises(GLib.Error) as caught:
            OA2.Client.new(TOKEN_ENDPOINT, BodyPostAuth(CLIENT_ID, 'wrong')).client_credentials(
                None, None, None, None, None)
        self.assertGError(caught.exception, OA2.oauth_error_quark(), OA2.OAuthError.INVALID_CLIENT,
                          'bad secret')

    def test_python_client_auth_error(self):
        client = OA2.Client.new(TOKEN_ENDPOINT, FailingAuth(client_id=CLIENT_ID))
        for call in (lambda: client.client_credentials(None, None, None, None, None),
                     lambda: call_async(client, 'client_credentials', None, None, None, None)):
            with self.assertRaises(GLib.Error) as caught:
                call()
            self.assertGError(caught.exception, Gio.io_error_quark(), Gio.IOErrorEnum.PERMISSION_DENIED,
                              'no credentials today')

    def test_python_client_auth_called_directly(self):
        headers = Soup.MessageHeaders.new(Soup.MessageHeadersType.REQUEST)
        params = HeaderBasicAuth(CLIENT_ID, CLIENT_SECRET).authenticate('POST', TOKEN_ENDPOINT, headers)
        self.assertEqual(params, {})
        self.assertTrue(headers.get_one('Authorization').startswith('Basic '))
        params = OA2.ClientSecretPost.new('id', 'secret').authenticate('POST', TOKEN_ENDPOINT, headers)
        self.assertEqual(params, {'client_id': 'id', 'client_secret': 'secret'})

    def test_on_token_error_override(self):
        client = ErrorMappingClient(token_endpoint=TOKEN_ENDPOINT,
                                    client_auth=OA2.ClientSecretPost.new(CLIENT_ID, 'wrong'))
        self.assertIsInstance(client, OA2.Client)
        with self.assertRaises(GLib.Error) as caught:
            client.client_credentials(None, None, None, None, None)
        self.assertEqual(caught.exception.domain, 'quirky-server-error')
        self.assertEqual(caught.exception.code, 41)
        self.assertEqual(caught.exception.message, 'mapped: bad secret')

        with self.assertRaises(GLib.Error) as caught:
            call_async(client, 'client_credentials', None, None, None, None)
        self.assertEqual(caught.exception.domain, 'quirky-server-error')
        self.assertEqual(client.seen, [(401, 'invalid_client'), (401, 'invalid_client')])

    def test_on_token_error_returns_an_oauth_error(self):
        # The server answers invalid_request to undecoded Basic credentials;
        # the override maps it with OA2.OAuthError.new().
        auth = OA2.ClientSecretBasic.new(CLIENT_ID, CLIENT_SECRET)
        auth.set_encode_credentials(False)
        client = ErrorMappingClient(token_endpoint=TOKEN_ENDPOINT, client_auth=auth)
        with self.assertRaises(GLib.Error) as caught:
            client.client_credentials(None, None, None, None, None)
        self.assertGError(caught.exception, OA2.oauth_error_quark(), OA2.OAuthError.INVALID_SCOPE)
        self.assertEqual(error_details(caught.exception.message),
                         {'status': 400, 'error': 'invalid_scope', 'error_description': 'remapped'})

    def test_on_token_error_override_falls_back_to_default(self):
        client = ErrorMappingClient(token_endpoint=TOKEN_ENDPOINT,
                                    client_auth=OA2.ClientSecretPost.new(CLIENT_ID, CLIENT_SECRET))
        with self.assertRaises(GLib.Error) as caught:
            client.refresh_token('rt-unknown', None, None, None, None, None)
        self.assertGError(caught.exception, OA2.oauth_error_quark(), OA2.OAuthError.INVALID_GRANT)
        self.assertEqual(client.seen, [(400, 'invalid_grant')])

    # Known library bug: OA2ClientAuthClass has no default authenticate or
    # get_method_name, so a subclass that leaves one out makes
    # oa2_client_auth_authenticate() / oa2_client_auth_get_method_name()
    # call a NULL function pointer (SIGSEGV). Run in a child process; a
    # g_critical or a GError would be fine, a crash is not.
    def test_incomplete_client_auth_subclass_does_not_crash(self):
        script = (
            'import sys, gi\n'
            'gi.require_version("OA2", "1")\n'
            'from gi.repository import GLib, OA2\n'
            'class NoName(OA2.ClientAuth):\n'
            '    def do_authenticate(self, method, uri, headers):\n'
            '        return {}\n'
            'class NoAuthenticate(OA2.ClientAuth):\n'
            '    def do_get_method_name(self):\n'
            '        return "x"\n'
            'NoName(client_id="x").get_method_name()\n'
            'try:\n'
            '    OA2.Client.new(sys.argv[1], NoAuthenticate(client_id="x")).client_credentials(\n'
            '        None, None, None, None, None)\n'
            'except GLib.Error:\n'
            '    pass\n')
        env = dict(os.environ)
        env.pop('G_DEBUG', None)
        child = subprocess.run([sys.executable, '-c', script, TOKEN_ENDPOINT],
                               capture_output=True, text=True, timeout=30, env=env)
        self.assertGreaterEqual(child.returncode, 0,
                                'the child died of signal %d' % -child.returncode)

    def test_parse_token_response_without_access_token(self):
        client = CarelessClient(token_endpoint=TOKEN_ENDPOINT,
                                client_auth=OA2.ClientSecretBasic.new(CLIENT_ID, CLIENT_SECRET))
        for call in (lambda: client.client_credentials('read', None, None, None, None),
                     lambda: call_async(client, 'client_credentials', 'read', None, None, None)):
            with self.assertRaises(GLib.Error) as caught:
                call()
            self.assertGError(caught.exception, OA2.error_quark(), OA2.Error.INVALID_ARGUMENT,
                              'needs an access token')

    def test_parse_token_response_override(self):
        client = QuirkyClient(token_endpoint=TOKEN_ENDPOINT,
                              client_auth=OA2.ClientSecretBasic.new(CLIENT_ID, CLIENT_SECRET))
        token = client.client_credentials('read', None, None, None, None)
        self.assertEqual(client.parsed, [token.props.access_token])
        self.assertEqual(token.props.scope, 'patched-by-python')
        token = call_async(client, 'client_credentials', 'read', None, None, None)
        self.assertEqual(token.props.scope, 'patched-by-python')
        self.assertEqual(len(client.parsed), 2)



# ---- JOSE ----------------------------------------------------------------

ISSUER = 'https://issuer.example'


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b'=').decode('ascii')


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + '=' * (-len(text) % 4))


def jose_claims(lifetime=3600, issuer=ISSUER, audience=CLIENT_ID):
    now = now_unix()
    claims = Json.Object.new()
    claims.set_string_member('iss', issuer)
    claims.set_string_member('sub', 'alice')
    aud = Json.Array.new()
    aud.add_string_element(audience)
    aud.add_string_element('someone-else')
    claims.set_array_member('aud', aud)
    claims.set_int_member('iat', now)
    claims.set_int_member('exp', now + lifetime)
    return claims


def typ_header(typ='JWT'):
    header = Json.Object.new()
    header.set_string_member('typ', typ)
    return header


def replace_part(compact, index, text):
    parts = compact.split('.')
    parts[index] = text
    return '.'.join(parts)


def flip_char(text, index):
    """Another base64url character at @index (not the last one, whose
    unused bits must stay zero)."""
    return text[:index] + ('A' if text[index] != 'A' else 'B') + text[index + 1:]


class JoseTest(OA2TestCase):
    def test_types_are_exposed(self):
        for name in ('Jwk', 'Jwks', 'Jwt'):
            cls = getattr(OA2, name)
            self.assertTrue(issubclass(cls, GObject.Object), name)
            self.assertEqual(cls.__gtype__.name, 'OA2' + name)
        self.assertEqual(OA2.JWT_MAX_SIZE, 64 * 1024)
        self.assertEqual(int(OA2.Error.INVALID_SIGNATURE), 16)
        self.assertEqual(int(OA2.Error.UNSECURED_TOKEN), 18)
        self.assertEqual(int(OA2.Error.DECRYPTION_FAILED), 20)

    def test_sign_verify_validate(self):
        for alg, kty, crv in (('ES256', 'EC', 'P-256'), ('EdDSA', 'OKP', 'Ed25519'),
                              ('Ed25519', 'OKP', 'Ed25519'), ('Ed448', 'OKP', 'Ed448')):
            with self.subTest(alg=alg):
                key = OA2.Jwk.generate(alg)
                self.assertEqual(key.props.kty, kty)
                self.assertEqual(key.get_crv(), crv)
                self.assertEqual(key.props.alg, alg)
                self.assertEqual(key.get_use(), 'sig')
                self.assertTrue(key.is_private())
                self.assertEqual(key.get_kid(), key.dup_thumbprint())
                public = key.dup_public()
                self.assertFalse(public.is_private())
                self.assertEqual(public.props.kid, key.props.kid)
                self.assertTrue(public.supports_alg(alg))
                self.assertFalse(public.supports_alg('HS256'))

                token = OA2.Jwt.sign_claims(jose_claims(), key, None, typ_header())
                self.assertIsInstance(token, str)
                self.assertEqual(token.count('.'), 2)

                jwt = OA2.Jwt.new_from_compact(token)
                self.assertEqual(jwt.get_alg(), alg)
                self.assertEqual(jwt.get_kid(), key.get_kid())
                self.assertEqual(jwt.get_typ(), 'JWT')
                self.assertEqual(jwt.get_compact(), token)
                self.assertTrue(jwt.verify(public, [alg]))
                self.assertTrue(jwt.verify(public, None))
                self.assertTrue(jwt.check_typ('application/jwt'))
                self.assertTrue(jwt.validate_claims(ISSUER, CLIENT_ID, 30))
                self.assertEqual(jwt.get_string_claim('sub'), 'alice')
                ok, exp = jwt.get_int_claim('exp')
                self.assertTrue(ok)
                self.assertAlmostEqual(exp, now_unix() + 3600, delta=60)
                self.assertEqual(jwt.get_claim('aud').get_array().get_string_element(1), 'someone-else')
                self.assertEqual(jwt.get_header().get_string_member('alg'), alg)
                self.assertEqual(json.loads(jwt.get_payload().get_data())['iss'], ISSUER)

                # The same through a key set, as a relying party would.
                jwks = OA2.Jwks.new_from_json(OA2.Jwks.new([public]).to_json(False))
                self.assertEqual(jwks.get_n_keys(), 1)
                self.assertTrue(jwt.verify_with_jwks(jwks, [alg], OA2.JwksKeyPolicy.SINGLE))

                # Claims that fail.
                self.assertRaisesOA2(OA2.Error.INVALID_CLAIM, jwt.validate_claims, 'https://other.example', None, 30)
                self.assertRaisesOA2(OA2.Error.INVALID_CLAIM, jwt.validate_claims, None, 'other-client', 30)
                self.assertRaisesOA2(OA2.Error.INVALID_CLAIM, jwt.check_typ, 'dpop+jwt')
                expired = OA2.Jwt.new_from_compact(OA2.Jwt.sign_claims(jose_claims(lifetime=-600), key, alg, None))
                self.assertTrue(expired.verify(public, [alg]))
                self.assertRaisesOA2(OA2.Error.INVALID_CLAIM, expired.validate_claims, ISSUER, CLIENT_ID, 30)

                # Not an allowed algorithm; a key of another type.
                self.assertRaisesOA2(OA2.Error.UNSUPPORTED_ALGORITHM, jwt.verify, public, ['RS256'])
                self.assertRaisesOA2(OA2.Error.KEY_MISMATCH, jwt.verify, OA2.Jwk.generate('HS256'), None)

    def test_rfc9864_names_fix_the_curve(self):
        # A key that names no alg: only the RFC 9864 name decides the curve.
        ed448 = json.loads(OA2.Jwk.generate('Ed448').to_json(True))
        del ed448['alg']
        key = OA2.Jwk.new_from_json(json.dumps(ed448))
        self.assertTrue(key.supports_alg('Ed448'))
        self.assertFalse(key.supports_alg('Ed25519'))
        self.assertRaisesOA2(OA2.Error.KEY_MISMATCH, OA2.Jwt.sign_claims, jose_claims(), key, 'Ed25519', None)
        token = OA2.Jwt.new_from_compact(OA2.Jwt.sign_claims(jose_claims(), key, 'Ed448', None))
        self.assertEqual(token.get_alg(), 'Ed448')
        self.assertTrue(token.verify(key.dup_public(), ['Ed448']))
        self.assertRaisesOA2(OA2.Error.UNSUPPORTED_ALGORITHM, token.verify, key.dup_public(), ['EdDSA'])
        ed25519 = json.loads(OA2.Jwk.generate('Ed25519').dup_public().to_json(False))
        del ed25519['alg']
        self.assertRaisesOA2(OA2.Error.KEY_MISMATCH, token.verify, OA2.Jwk.new_from_json(json.dumps(ed25519)), None)

    def test_tampered_token_is_refused(self):
        for alg in ('ES256', 'EdDSA'):
            with self.subTest(alg=alg):
                key = OA2.Jwk.generate(alg)
                public = key.dup_public()
                token = OA2.Jwt.sign_claims(jose_claims(), key, None, None)
                header, payload, signature = token.split('.')

                # Other claims under the same signature.
                claims = json.loads(b64url_decode(payload))
                claims['sub'] = 'mallory'
                forged = replace_part(token, 1, b64url(json.dumps(claims).encode()))
                jwt = OA2.Jwt.new_from_compact(forged)
                self.assertEqual(jwt.get_string_claim('sub'), 'mallory')
                error = self.assertRaisesOA2(OA2.Error.INVALID_SIGNATURE, jwt.verify, public, [alg])
                self.assertEqual(error.domain, 'oa2-error-quark')
                self.assertEqual(error.code, int(OA2.Error.INVALID_SIGNATURE))

                # A changed signature byte; a signature of another key.
                self.assertRaisesOA2(OA2.Error.INVALID_SIGNATURE,
                                     OA2.Jwt.new_from_compact(replace_part(token, 2, flip_char(signature, 10))).verify,
                                     public, [alg])
                other = OA2.Jwk.generate(alg).dup_public()
                self.assertRaisesOA2(OA2.Error.INVALID_SIGNATURE,
                                     OA2.Jwt.new_from_compact(token).verify, other, [alg])

    def test_unsigned_token_is_refused(self):
        key = OA2.Jwk.generate('ES256').dup_public()
        payload = b64url(json.dumps({'iss': ISSUER, 'sub': 'alice'}).encode())
        token = b64url(b'{"alg":"none"}') + '.' + payload + '.'
        jwt = OA2.Jwt.new_from_compact(token)
        self.assertEqual(jwt.get_alg(), 'none')
        for allowed in (None, ['ES256'], ['ES256', 'EdDSA']):
            with self.subTest(allowed=allowed):
                self.assertRaisesOA2(OA2.Error.UNSECURED_TOKEN, jwt.verify, key, allowed)
        self.assertRaisesOA2(OA2.Error.UNSECURED_TOKEN, jwt.verify_with_jwks,
                             OA2.Jwks.new([key]), None, OA2.JwksKeyPolicy.TRY_ALL)
        # Only when the caller asks for it, and never with a signature.
        self.assertTrue(jwt.verify(None, ['none']))
        self.assertRaisesOA2(OA2.Error.MALFORMED_TOKEN, OA2.Jwt.new_from_compact, token + 'AAAA')

    def test_malformed_tokens(self):
        for text in ('', 'a.b', 'a.b.c.d', '!!.e30.', b64url(b'[]') + '.e30.', 'eyJhbGciOiJFUzI1NiJ9=.e30.'):
            with self.subTest(text=text):
                self.assertRaisesOA2(OA2.Error.MALFORMED_TOKEN, OA2.Jwt.new_from_compact, text)
        self.assertRaisesOA2(OA2.Error.UNSUPPORTED_ALGORITHM, OA2.Jwt.new_from_compact,
                             b64url(b'{"alg":"XS256"}') + '.e30.')

    def test_json_serialization(self):
        es = OA2.Jwk.generate('ES256')
        hs = OA2.Jwk.generate('HS256')
        claims = {'iss': ISSUER, 'sub': 'alice', 'exp': now_unix() + 300}
        payload = GLib.Bytes.new(json.dumps(claims).encode())

        # Flattened: one signature, everything protected.
        flattened = OA2.Jwt.sign_json(payload, es, None, typ_header(), None)
        document = json.loads(flattened)
        self.assertEqual(list(document), ['payload', 'protected', 'signature'])
        self.assertEqual(json.loads(b64url_decode(document['payload'])), claims)
        self.assertEqual(json.loads(b64url_decode(document['protected'])),
                         {'alg': 'ES256', 'kid': es.get_kid(), 'typ': 'JWT'})

        # General: a second signature, whose kid stays unprotected.
        unprotected = Json.Object.new()
        unprotected.set_string_member('kid', hs.get_kid())
        general = OA2.Jwt.add_json_signature(flattened, hs, None, None, unprotected)
        document = json.loads(general)
        self.assertEqual(list(document), ['payload', 'signatures'])
        self.assertEqual(document['signatures'][0],
                         {name: value for name, value in json.loads(flattened).items() if name != 'payload'})
        self.assertEqual(list(document['signatures'][1]), ['protected', 'header', 'signature'])
        self.assertEqual(json.loads(b64url_decode(document['signatures'][1]['protected'])), {'alg': 'HS256'})
        self.assertEqual(document['signatures'][1]['header'], {'kid': hs.get_kid()})

        jwts = OA2.Jwt.parse_json_serialization(general)
        self.assertEqual(len(jwts), 2)
        es_jwt, hs_jwt = jwts
        self.assertIsInstance(es_jwt, OA2.Jwt)
        self.assertTrue(es_jwt.verify(es.dup_public(), ['ES256']))
        self.assertTrue(hs_jwt.verify(hs, ['HS256']))
        self.assertTrue(es_jwt.check_typ('JWT'))
        self.assertTrue(es_jwt.validate_claims(ISSUER, None, 30))
        self.assertEqual(hs_jwt.get_string_claim('sub'), 'alice')
        # The compact form exists only without an unprotected header.
        self.assertTrue(OA2.Jwt.new_from_compact(es_jwt.get_compact()).verify(es.dup_public(), ['ES256']))
        self.assertIsNone(hs_jwt.get_compact())
        self.assertIsNone(es_jwt.get_unprotected_header())
        # The header getters read both headers; the protected one tells.
        self.assertEqual(hs_jwt.get_kid(), hs.get_kid())
        self.assertEqual(hs_jwt.get_header().get_members(), ['alg', 'kid'])
        self.assertEqual(hs_jwt.get_protected_header().get_members(), ['alg'])
        self.assertEqual(hs_jwt.get_unprotected_header().get_string_member('kid'), hs.get_kid())
        jwks = OA2.Jwks.new([es.dup_public(), hs])
        for jwt in jwts:
            self.assertTrue(jwt.verify_with_jwks(jwks, None, OA2.JwksKeyPolicy.SINGLE))
        self.assertRaisesOA2(OA2.Error.KEY_MISMATCH, es_jwt.verify, hs, None)

        # Tampering: the payload, under both signatures; the unprotected kid
        # is not covered, but then no key of the set has that name.
        document['payload'] = b64url(json.dumps(dict(claims, sub='mallory')).encode())
        forged = OA2.Jwt.parse_json_serialization(json.dumps(document))
        for jwt, key in zip(forged, (es.dup_public(), hs)):
            error = self.assertRaisesOA2(OA2.Error.INVALID_SIGNATURE, jwt.verify, key, None)
            self.assertEqual(error.code, int(OA2.Error.INVALID_SIGNATURE))
        document = json.loads(general)
        document['signatures'][1]['header']['kid'] = 'someone-else'
        renamed = OA2.Jwt.parse_json_serialization(json.dumps(document))[1]
        self.assertTrue(renamed.verify(hs, ['HS256']))
        self.assertRaisesOA2(OA2.Error.NO_MATCHING_KEY, renamed.verify_with_jwks, jwks, None,
                             OA2.JwksKeyPolicy.SINGLE)

        # Refused documents and arguments.
        for text in ('', '[]', '{"payload":"e30"}', '{"payload":"e30","signatures":[]}',
                     '{"payload":"e30","header":{"alg":"HS256"},"signature":"","signatures":[]}'):
            with self.subTest(text=text):
                self.assertRaisesOA2(OA2.Error.MALFORMED_TOKEN, OA2.Jwt.parse_json_serialization, text)
        self.assertRaisesOA2(OA2.Error.UNSECURED_TOKEN,
                             OA2.Jwt.parse_json_serialization('{"payload":"e30","header":{"alg":"none"},'
                                                              '"signature":""}')[0].verify, hs, None)
        self.assertRaisesOA2(OA2.Error.INVALID_ARGUMENT, OA2.Jwt.sign_json, payload, hs, None, unprotected,
                             unprotected)
        self.assertRaisesOA2(OA2.Error.MALFORMED_TOKEN, OA2.Jwt.add_json_signature, 'a.b.c', hs, None, None, None)

    def test_jwk_round_trip_and_thumbprint(self):
        for alg in ('ES256', 'EdDSA'):
            with self.subTest(alg=alg):
                key = OA2.Jwk.generate(alg)
                thumbprint = key.dup_thumbprint()
                self.assertEqual(len(thumbprint), 43)
                self.assertEqual(key.dup_thumbprint_uri(),
                                 'urn:ietf:params:oauth:jwk-thumbprint:sha-256:' + thumbprint)

                private_json = key.to_json(True)
                self.assertIn('d', json.loads(private_json))
                again = OA2.Jwk.new_from_json(private_json)
                self.assertTrue(again.is_private())
                self.assertEqual(again.dup_thumbprint(), thumbprint)
                self.assertEqual(again.get_kid(), key.get_kid())
                self.assertEqual(again.get_alg(), alg)

                public_json = key.to_json(False)
                members = json.loads(public_json)
                self.assertNotIn('d', members)
                self.assertEqual(members['kty'], key.get_kty())
                public = OA2.Jwk.new_from_json(public_json)
                self.assertFalse(public.is_private())
                self.assertEqual(public.dup_thumbprint(), thumbprint)

                # The Json.Object forms too.
                obj = key.to_json_object(False)
                self.assertFalse(obj.has_member('d'))
                self.assertEqual(OA2.Jwk.new_from_json_object(obj).dup_thumbprint(), thumbprint)

        # RFC 7638 §3.1.
        rfc_key = OA2.Jwk.new_from_json(json.dumps({
            'kty': 'RSA', 'e': 'AQAB', 'alg': 'RS256', 'kid': '2011-04-29',
            'n': '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJEC'
                 'PebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2'
                 'QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6'
                 'WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw'}))
        self.assertEqual(rfc_key.dup_thumbprint(), 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs')
        self.assertEqual(rfc_key.get_bits(), 2048)

        # Keys that do not load.
        self.assertRaisesOA2(OA2.Error.INVALID_KEY, OA2.Jwk.new_from_json, '{"kty":"EC","crv":"P-256"}')
        self.assertRaisesOA2(OA2.Error.UNSUPPORTED_ALGORITHM, OA2.Jwk.new_from_json, '{"kty":"XYZ"}')
        self.assertRaisesOA2(OA2.Error.UNSUPPORTED_ALGORITHM, OA2.Jwk.generate, 'none')

    def test_jwks_select(self):
        es = OA2.Jwk.generate('ES256')
        ed = OA2.Jwk.generate('EdDSA')
        jwks = OA2.Jwks.new([es.dup_public(), ed.dup_public()])
        self.assertEqual(jwks.get_n_keys(), 2)
        self.assertEqual(jwks.get_key(1).get_kid(), ed.get_kid())
        self.assertEqual(jwks.lookup_kid(es.get_kid()).get_kty(), 'EC')
        self.assertIsNone(jwks.lookup_kid('nope'))
        selected = jwks.select(None, 'EdDSA', 'sig')
        self.assertEqual([k.get_kid() for k in selected], [ed.get_kid()])
        self.assertEqual(jwks.select(None, 'RS256', None), [])
        exported = json.loads(jwks.to_json(False))
        self.assertEqual(len(exported['keys']), 2)
        self.assertTrue(all('d' not in k for k in exported['keys']))

        token = OA2.Jwt.sign_claims(jose_claims(), ed, None, None)
        self.assertTrue(OA2.Jwt.new_from_compact(token).verify_with_jwks(jwks, None, OA2.JwksKeyPolicy.SINGLE))
        self.assertRaisesOA2(OA2.Error.NO_MATCHING_KEY,
                             OA2.Jwt.new_from_compact(token).verify_with_jwks,
                             OA2.Jwks.new([es.dup_public()]), None, OA2.JwksKeyPolicy.TRY_ALL)

    def test_jwe_round_trip(self):
        plaintext = GLib.Bytes.new('Grüße, JWE!'.encode())
        for alg, enc in (('RSA-OAEP-256', 'A256GCM'), ('ECDH-ES', 'A128GCM')):
            with self.subTest(alg=alg, enc=enc):
                key = OA2.Jwk.generate(alg)
                self.assertEqual(key.get_use(), 'enc')
                token = OA2.jwe_encrypt(plaintext, key.dup_public(), None, enc, None)
                self.assertEqual(token.count('.'), 4)

                decrypted, header = OA2.jwe_decrypt(token, key, [alg], [enc])
                self.assertEqual(decrypted.get_data(), plaintext.get_data())
                self.assertEqual(header.get_string_member('alg'), alg)
                self.assertEqual(header.get_string_member('enc'), enc)
                self.assertEqual(header.get_string_member('kid'), key.get_kid())

                # A changed ciphertext byte, tag or encrypted key; another key.
                parts = token.split('.')
                tampered = [replace_part(token, 3, flip_char(parts[3], 2)),
                            replace_part(token, 4, flip_char(parts[4], 2))]
                if parts[1]:
                    tampered.append(replace_part(token, 1, flip_char(parts[1], 5)))
                for forged in tampered:
                    self.assertRaisesOA2(OA2.Error.DECRYPTION_FAILED, OA2.jwe_decrypt, forged, key, None, None)
                self.assertRaisesOA2(OA2.Error.DECRYPTION_FAILED, OA2.jwe_decrypt,
                                     token, OA2.Jwk.generate(alg), None, None)

                # Algorithms not allowed; a public key cannot decrypt.
                self.assertRaisesOA2(OA2.Error.UNSUPPORTED_ALGORITHM, OA2.jwe_decrypt, token, key, ['A128KW'], None)
                self.assertRaisesOA2(OA2.Error.UNSUPPORTED_ALGORITHM, OA2.jwe_decrypt, token, key, None,
                                     ['A192GCM'])
                self.assertRaisesOA2(OA2.Error.KEY_MISMATCH, OA2.jwe_decrypt, token, key.dup_public(), None, None)


class DPoPKeyTest(OA2TestCase):
    RFC9449_TOKEN = 'Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU'
    RFC9449_ATH = 'fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo'

    def test_proof_with_fixed_jti_and_iat(self):
        key = OA2.DPoPKey.generate(None)
        self.assertEqual(key.props.alg, 'ES256')
        jtis = iter(['jti-1', 'jti-2'])
        key.set_jti_func(lambda: next(jtis))
        key.set_iat_func(lambda: 1562262616)
        proof = key.make_proof('POST', 'HTTPS://AS.Example:443/token?x=1#f', self.RFC9449_TOKEN, 'n-1')
        header = json.loads(b64url_decode(proof.split('.')[0]))
        self.assertEqual(list(header), ['alg', 'typ', 'jwk'])
        self.assertEqual((header['alg'], header['typ']), ('ES256', 'dpop+jwt'))
        self.assertEqual(sorted(header['jwk']), ['crv', 'kty', 'x', 'y'])
        claims = json.loads(b64url_decode(proof.split('.')[1]))
        self.assertEqual(claims, {'jti': 'jti-1', 'htm': 'POST', 'htu': 'https://as.example/token',
                                  'iat': 1562262616, 'ath': self.RFC9449_ATH, 'nonce': 'n-1'})
        jwt = OA2.Jwt.new_from_compact(proof)
        self.assertTrue(jwt.verify(key.dup_public_jwk(), ['ES256']))
        self.assertEqual(key.dup_thumbprint(), key.dup_public_jwk().dup_thumbprint())
        second = key.make_proof('GET', 'https://rs.example/', None, None)
        self.assertEqual(json.loads(b64url_decode(second.split('.')[1]))['jti'], 'jti-2')

    def test_settings_and_json(self):
        key = OA2.DPoPKey.generate('Ed25519')
        key.props.proof_typ = 'jwt'
        key.set_proof_header('X-DPoP')
        self.assertEqual(key.props.token_header, 'Authorization')
        again = OA2.DPoPKey.new_from_json(key.to_json())
        self.assertEqual((again.get_alg(), again.props.proof_typ, again.get_proof_header()),
                         ('Ed25519', 'jwt', 'X-DPoP'))
        self.assertEqual(again.dup_thumbprint(), key.dup_thumbprint())

    def test_construction_errors(self):
        self.assertRaisesOA2(OA2.Error.UNSUPPORTED_ALGORITHM, OA2.DPoPKey.generate, 'HS256')
        public = OA2.Jwk.generate('ES256').dup_public()
        self.assertRaisesOA2(OA2.Error.KEY_MISMATCH, OA2.DPoPKey.new, public, None)
        self.assertRaisesOA2(OA2.Error.KEY_MISMATCH, OA2.DPoPKey.new, OA2.Jwk.generate('HS256'), None)
        self.assertRaisesOA2(OA2.Error.KEY_MISMATCH, OA2.DPoPKey.new, OA2.Jwk.generate('ES256'), 'ES384')
        key = OA2.DPoPKey.new(OA2.Jwk.generate('PS256'), None)
        self.assertRaisesOA2(OA2.Error.INVALID_ARGUMENT, key.make_proof, 'GET', '/relative', None, None)


def proof_claims(key, proof):
    """Verifies a DPoP proof with the key's public half and returns its
    claims as a dict."""
    jwt = OA2.Jwt.new_from_compact(proof)
    jwt.verify(key.dup_public_jwk(), [key.get_alg()])
    jwt.check_typ('dpop+jwt')
    return json.loads(jwt.get_payload().get_data().decode('utf-8'))


def b64u_sha256(text):
    digest = GLib.compute_checksum_for_string(GLib.ChecksumType.SHA256, text, -1)
    return base64.urlsafe_b64encode(bytes.fromhex(digest)).rstrip(b'=').decode('ascii')


class DPoPTokenTest(OA2TestCase):
    def client(self, endpoint=None):
        return OA2.Client.new_with_secret(endpoint or TOKEN_ENDPOINT, CLIENT_ID, CLIENT_SECRET)

    def test_dpop_token_is_a_bearer_token(self):
        self.assertTrue(issubclass(OA2.DPoPToken, OA2.BearerToken))
        key = OA2.DPoPKey.generate(None)
        token = OA2.DPoPToken.new('abc', None, key)
        self.assertEqual((token.props.token_type, token.dup_authorization_header()), ('DPoP', 'DPoP abc'))
        self.assertIs(token.props.dpop_key, key)
        proof = token.make_proof('GET', 'https://rs.example/a?b=c')
        claims = proof_claims(key, proof)
        self.assertEqual((claims['htu'], claims['ath']), ('https://rs.example/a', b64u_sha256('abc')))

    def test_token_request_and_stamping(self):
        key = OA2.DPoPKey.generate(None)
        token = self.client().client_credentials('read', None, None, key, None)
        self.assertIsInstance(token, OA2.DPoPToken)
        self.assertEqual(token.props.token_type, 'DPoP')
        self.assertIs(token.get_dpop_key(), key)
        claims = proof_claims(key, token.get_string_member('dpop_proof'))
        self.assertEqual((claims['htm'], claims['htu']), ('POST', TOKEN_ENDPOINT))
        self.assertNotIn('ath', claims)

        msg = Soup.Message.new('GET', BASE + '/resource?x=1')
        self.assertTrue(token.authorize_message(msg))
        body = Soup.Session.new().send_and_read(msg, None)
        self.assertEqual(msg.get_status(), Soup.Status.OK)
        echoed = json.loads(body.get_data().decode('utf-8'))
        self.assertEqual(echoed['authorization'], 'DPoP ' + token.props.access_token)
        claims = proof_claims(key, echoed['dpop'])
        self.assertEqual((claims['htm'], claims['htu']), ('GET', BASE + '/resource'))
        self.assertEqual(claims['ath'], b64u_sha256(token.props.access_token))

    def test_async_with_bound_access_tokens_and_generator(self):
        client = self.client()
        made = []

        def generator(alg):
            made.append(OA2.DPoPKey.generate(alg))
            return made[-1]

        client.props.dpop_bound_access_tokens = True
        client.props.dpop_alg = 'EdDSA'
        client.set_dpop_key_generator(generator)
        token = call_async(client, 'client_credentials', None, None, None, None)
        self.assertIsInstance(token, OA2.DPoPToken)
        self.assertEqual(len(made), 1)
        self.assertEqual(token.get_dpop_key().get_alg(), 'EdDSA')
        self.assertEqual(token.get_dpop_key().dup_thumbprint(), made[0].dup_thumbprint())
        client.set_dpop_key_generator(None)
        token = client.client_credentials(None, None, None, None, None)
        self.assertEqual(len(made), 1)
        self.assertEqual(token.get_dpop_key().get_alg(), 'EdDSA')

    def test_nonces(self):
        key = OA2.DPoPKey.generate(None)
        token = self.client(BASE + '/token-dpop-nonce').client_credentials(None, None, None, key, None)
        self.assertEqual(proof_claims(key, token.get_string_member('dpop_proof'))['nonce'], 'as-n1')

        session = Soup.Session.new()
        msg = Soup.Message.new('GET', BASE + '/resource-dpop-nonce')
        token.authorize_message(msg)
        session.send_and_read(msg, None)
        self.assertEqual(msg.get_status(), Soup.Status.UNAUTHORIZED)
        self.assertTrue(token.retry_with_nonce(msg))
        body = session.send_and_read(msg, None)
        self.assertEqual(msg.get_status(), Soup.Status.OK)
        self.assertFalse(token.retry_with_nonce(msg))
        claims = proof_claims(key, json.loads(body.get_data().decode('utf-8'))['dpop'])
        self.assertEqual(claims['nonce'], 'rs-n1')

    def test_type_mismatch_and_downgrade(self):
        client = self.client(BASE + '/token-untyped')
        key = OA2.DPoPKey.generate(None)
        self.assertRaisesOA2(OA2.Error.TOKEN_TYPE_MISMATCH, client.client_credentials,
                             None, None, None, key, None)
        client.props.allow_dpop_downgrade = True
        token = client.client_credentials(None, None, None, key, None)
        self.assertNotIsInstance(token, OA2.DPoPToken)
        self.assertEqual(token.props.token_type, 'Bearer')

    def test_storage(self):
        key = OA2.DPoPKey.generate('ES384')
        token = self.client().client_credentials(None, None, None, key, None)
        stored = token.to_json()
        self.assertIn('dpop_key', json.loads(stored))
        again = OA2.BearerToken.new_from_json(stored)
        self.assertIsInstance(again, OA2.DPoPToken)
        self.assertEqual(again.get_dpop_key().dup_thumbprint(), key.dup_thumbprint())
        self.assertEqual(again.props.access_token, token.props.access_token)
        self.assertRaisesOA2(OA2.Error.MISSING_MEMBER, OA2.DPoPToken.new_from_json,
                             '{"access_token":"a","token_type":"DPoP"}')
        self.assertRaisesOA2(OA2.Error.INVALID_ARGUMENT, OA2.DPoPToken(access_token='a').init, None)


if __name__ == '__main__':
    unittest.main()
