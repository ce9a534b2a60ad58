#!/usr/bin/python3
# mtls-client-credentials.py: authenticate with a client certificate
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The client credentials grant (RFC 6749 §4.4) with mutual-TLS client
# authentication (RFC 8705): the client proves who it is in the TLS handshake
# with its certificate and private key, and sends only its client_id. The
# server usually binds the token to the certificate; the example prints the
# certificate's thumbprint (x5t#S256), which is what the token's "cnf" claim
# then holds. The token itself is never printed.
#
#   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
#   export OA2_EXAMPLE_MTLS_TOKEN_ENDPOINT=https://mtls.as.example.com/token   # if the server has one
#   export OA2_EXAMPLE_CLIENT_ID=my-client
#   export OA2_EXAMPLE_TLS_METHOD=self_signed_tls_client_auth   # default: tls_client_auth
#   export OA2_EXAMPLE_CA_FILE=ca.pem                            # to trust a CA of your own
#   /usr/bin/python3 mtls-client-credentials.py client.pem client-key.pem

import base64
import hashlib
import os
import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gio', '2.0')
gi.require_version('Soup', '3.0')
gi.require_version('OA2', '1')
from gi.repository import GLib, Gio, OA2, Soup  # noqa: E402


def thumbprint(certificate):
    """RFC 8705 §3.1: base64url of the SHA-256 of the DER certificate."""
    digest = hashlib.sha256(bytes(certificate.props.certificate)).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b'=').decode()


def main():
    endpoint = os.environ.get('OA2_EXAMPLE_TOKEN_ENDPOINT')
    client_id = os.environ.get('OA2_EXAMPLE_CLIENT_ID')
    if len(sys.argv) not in (2, 3) or not endpoint or not client_id:
        print('usage: mtls-client-credentials.py CERT-FILE [KEY-FILE], with OA2_EXAMPLE_TOKEN_ENDPOINT and '
              'OA2_EXAMPLE_CLIENT_ID set', file=sys.stderr)
        return 2
    GLib.log_writer_default_set_use_stderr(True)
    method = (OA2.TlsClientAuthMethod.SELF_SIGNED
              if os.environ.get('OA2_EXAMPLE_TLS_METHOD') == 'self_signed_tls_client_auth'
              else OA2.TlsClientAuthMethod.PKI)

    try:
        # A certificate without its private key, or with another one, fails
        # here, before any request. Without KEY-FILE, the certificate file
        # holds the key too.
        auth = OA2.TlsClientAuth.new_from_files(client_id, method, sys.argv[1],
                                                sys.argv[2] if len(sys.argv) == 3 else None)
        session = None
        if os.environ.get('OA2_EXAMPLE_CA_FILE'):
            session = Soup.Session(tls_database=Gio.TlsFileDatabase.new(os.environ['OA2_EXAMPLE_CA_FILE']))
        client = OA2.Client(token_endpoint=endpoint, client_auth=auth, session=session)
        # The server's mtls_endpoint_aliases (RFC 8705 §5): requests that
        # present the certificate go there.
        if os.environ.get('OA2_EXAMPLE_MTLS_TOKEN_ENDPOINT'):
            client.set_mtls_endpoint_aliases({'token_endpoint': os.environ['OA2_EXAMPLE_MTLS_TOKEN_ENDPOINT']})
        token = client.client_credentials(os.environ.get('OA2_EXAMPLE_SCOPE'), None, None, None, None)
    except GLib.Error as error:
        print(f'mtls-client-credentials.py: {error.message}', file=sys.stderr)
        print(f'  (error domain {error.domain}, code {error.code})', file=sys.stderr)
        return 1

    certificate = auth.get_certificate()
    print(f'authentication: {auth.get_method_name()}')
    print(f'certificate:    {certificate.get_subject_name()}')
    print(f'x5t#S256:       {thumbprint(certificate)}')
    print(f'token type:     {token.get_token_type()}')
    print(f'scope:          {token.get_scope() or "(as requested)"}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
