#!/usr/bin/python3
# mtls-call-api.py: call an API with a certificate-bound token
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# A service that authenticates with its client certificate (RFC 8705
# tls_client_auth) usually gets access tokens bound to that certificate; the
# API then takes such a token only over a TLS connection that presents the
# same certificate (RFC 8705 §3). OA2ApiClient does that by default: its
# tls-client-certificate property starts as the certificate the client
# authenticates with. The token is never printed.
#
#   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://mtls.as.example.com/token
#   export OA2_EXAMPLE_CLIENT_ID=my-service
#   export OA2_EXAMPLE_CA_FILE=ca.pem        # to trust a CA of your own (server and API)
#   /usr/bin/python3 mtls-call-api.py client.pem client-key.pem https://api.example.com/v1/ things

import os
import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gio', '2.0')
gi.require_version('Soup', '3.0')
gi.require_version('OA2', '1')
from gi.repository import GLib, Gio, OA2, Soup  # noqa: E402


def main():
    endpoint = os.environ.get('OA2_EXAMPLE_TOKEN_ENDPOINT')
    client_id = os.environ.get('OA2_EXAMPLE_CLIENT_ID')
    if len(sys.argv) != 5 or not endpoint or not client_id:
        print('usage: mtls-call-api.py CERT-FILE KEY-FILE API-BASE-URL PATH, with OA2_EXAMPLE_TOKEN_ENDPOINT and '
              'OA2_EXAMPLE_CLIENT_ID set', file=sys.stderr)
        return 2
    cert_file, key_file, base_url, path = sys.argv[1:]
    GLib.log_writer_default_set_use_stderr(True)

    try:
        auth = OA2.TlsClientAuth.new_from_files(client_id, OA2.TlsClientAuthMethod.PKI, cert_file, key_file)
        session = None
        if os.environ.get('OA2_EXAMPLE_CA_FILE'):
            session = Soup.Session(tls_database=Gio.TlsFileDatabase.new(os.environ['OA2_EXAMPLE_CA_FILE']))
        client = OA2.Client(token_endpoint=endpoint, client_auth=auth, session=session)
        api = OA2.ApiClient.new_with_session(base_url, OA2.ClientCredentialsAuth.new(client, None), session)
        # The default, spelled out: the client's certificate goes with
        # every API request. None would present none.
        certificate = api.props.tls_client_certificate
        response = api.get(path, None, None)
    except GLib.Error as error:
        print(f'mtls-call-api.py: {error.message}', file=sys.stderr)
        print(f'  (error domain {error.domain}, code {error.code})', file=sys.stderr)
        return 1

    print(f'presented:  {certificate.get_subject_name() if certificate else "(none)"}')
    print(f'status:     {response.get_status()}')
    print(response.dup_text())
    return 0


if __name__ == '__main__':
    sys.exit(main())
