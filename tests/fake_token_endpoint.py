# fake_token_endpoint.py: a canned OAuth 2.0 token endpoint on 127.0.0.1
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Shared by the Python test scripts (examples/test-examples.py,
# tools/tests/test-oa2.py); their meson tests put this directory on
# PYTHONPATH. No network: a tiny HTTP server on a loopback port answers every
# POST with whatever the test set up in server.reply (after the replies
# queued in server.queue, once each), and records what it was sent in
# server.requests.

import http.server
import json
import ssl
import threading
import unittest
import urllib.parse


def json_reply(status, members):
    """A reply: (HTTP status, Content-Type, body)."""
    return (status, 'application/json', json.dumps(members))


def token_reply(access_token, **members):
    """A successful token response (RFC 6749 §5.1), a Bearer token for 600 s
    unless members say otherwise."""
    response = {'access_token': access_token, 'token_type': 'Bearer', 'expires_in': 600}
    response.update(members)
    return json_reply(200, response)


def error_reply(status, error, description=None, uri=None):
    """An error response (RFC 6749 §5.2)."""
    response = {'error': error}
    if description is not None:
        response['error_description'] = description
    if uri is not None:
        response['error_uri'] = uri
    return json_reply(status, response)


class Handler(http.server.BaseHTTPRequestHandler):
    """Answers with server.reply and records the request in server.requests;
    a GET too, for examples that use a token at a resource."""

    def do_POST(self):
        length = int(self.headers.get('Content-Length', '0'))
        body = self.rfile.read(length).decode('utf-8')
        peer = self.connection.getpeercert(binary_form=True) if self.server.tls else None
        self.server.requests.append({
            'method': self.command,
            'path': self.path,
            'headers': dict(self.headers.items()),
            'form': urllib.parse.parse_qs(body, keep_blank_values=True),
            'body': body,
            'peer_certificate': peer,
        })
        # Queued replies first, once each, in order (polling sequences).
        status, content_type, payload = (self.server.queue.pop(0) if self.server.queue
                                         else self.server.reply)
        data = payload.encode('utf-8') if isinstance(payload, str) else payload
        self.send_response(status)
        self.send_header('Content-Type', content_type)
        self.send_header('Content-Length', str(len(data)))
        self.send_header('Cache-Control', 'no-store')
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST

    def log_message(self, *args):
        pass


class FakeTokenEndpoint(http.server.ThreadingHTTPServer):
    """The server, on a free loopback port. reply is a (status, content type,
    body) triple, body str or bytes; requests lists what was received, each a
    dict of path, headers, form (parsed, every value a list), body, and the
    DER client certificate the connection presented (peer_certificate).

    With tls=(certificate file, key file, CA file) it serves https and asks
    every client for a certificate, which must come from that CA when one
    is given (RFC 8705 tls_client_auth)."""

    def __init__(self, reply=None, tls=None):
        super().__init__(('127.0.0.1', 0), Handler)
        self.requests = []
        self.reply = reply
        self.queue = []
        self.tls = tls
        scheme = 'http'
        if tls is not None:
            certificate, key, ca = tls
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(certificate, key)
            context.load_verify_locations(ca)
            context.verify_mode = ssl.CERT_OPTIONAL
            self.socket = context.wrap_socket(self.socket, server_side=True)
            scheme = 'https'
        self.url = f'{scheme}://127.0.0.1:{self.server_address[1]}/token'
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    def start(self):
        self.thread.start()

    def stop(self):
        self.shutdown()
        self.server_close()


class MetadataHandler(Handler):
    """Serves the server's metadata at both well-known URIs of the issuer
    origin + /tenant, and 404 elsewhere; POSTs go to the token endpoint."""

    def do_GET(self):
        self.server.requests.append({'method': 'GET', 'path': self.path, 'headers': dict(self.headers.items())})
        origin = 'http://127.0.0.1:%d' % self.server.server_address[1]
        if self.path in ('/tenant/.well-known/openid-configuration',
                         '/.well-known/oauth-authorization-server/tenant'):
            issuer = self.server.issuer_override or origin + '/tenant'
            body = json.dumps({
                'issuer': issuer,
                'token_endpoint': origin + '/token',
                'authorization_endpoint': 'https://as.example/authorize',
                'jwks_uri': 'https://as.example/jwks',
                'grant_types_supported': ['client_credentials'],
                'id_token_signing_alg_values_supported': ['ES256', 'RS256'],
                'authorization_response_iss_parameter_supported': True,
                'mtls_endpoint_aliases': {'token_endpoint': 'https://mtls.as.example/token'},
                'x_vendor': 1,
            }).encode()
            self.send_response(200)
            self.send_header('Content-Type', 'application/json')
        else:
            body = b'not found'
            self.send_response(404)
            self.send_header('Content-Type', 'text/plain')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)



class FakeAuthorizationServer(FakeTokenEndpoint):
    """A token endpoint at /token (POST, as FakeTokenEndpoint) whose server
    also publishes its metadata (GET) for the issuer origin + /tenant, at
    its OpenID and its RFC 8414 URI. issuer_override, when set, is the
    issuer the document names instead."""

    def __init__(self, reply=None):
        super().__init__(reply)
        self.RequestHandlerClass = MetadataHandler
        self.issuer_override = None
        self.issuer = 'http://127.0.0.1:%d/tenant' % self.server_address[1]


class EndpointTestCase(unittest.TestCase):
    """One endpoint per test class (self.server, its URL in self.endpoint),
    emptied before each test and set to answer default_reply."""

    default_reply = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = FakeTokenEndpoint(cls.default_reply)
        cls.server.start()
        cls.endpoint = cls.server.url

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.server.requests.clear()
        self.server.queue.clear()
        self.server.reply = self.default_reply

    def last_request(self):
        """The one request of this test (so far), asserting there was one."""
        self.assertEqual(len(self.server.requests), 1)
        return self.server.requests[0]
