#!/usr/bin/python3
# hardware-key.py: private_key_jwt with a key that never leaves its token
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The client credentials grant (RFC 6749 §4.4) with private_key_jwt
# (RFC 7523 §2.2), the assertions signed inside a PKCS#11 token: a smart
# card, a TPM through tpm2-pkcs11, or SoftHSM. The key is opened by its
# pkcs11: URI (RFC 7512) without blocking, and the token's PIN is asked for
# in the main loop, where an application would show a dialog; here it
# comes from OA2_EXAMPLE_PIN, or the terminal.
#
#   p11tool --list-all-privkeys --login     # find the key's URI
#   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
#   export OA2_EXAMPLE_CLIENT_ID=my-client
#   # optional: OA2_EXAMPLE_ISSUER (the assertions' audience), OA2_EXAMPLE_ALG
#   # (an RSA key names none: RS256, PS256…), OA2_EXAMPLE_PKCS11_MODULE
#   /usr/bin/python3 hardware-key.py 'pkcs11:token=My%20Card;object=client-key'

import getpass
import os
import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gio', '2.0')
gi.require_version('OA2', '1')
from gi.repository import GLib, OA2  # noqa: E402


def ask_pin(token_label, attempt, flags, _data):
    # Without a person to ask, a PIN that was refused is not tried again:
    # each wrong try brings the token closer to locking it.
    pin = os.environ.get('OA2_EXAMPLE_PIN')
    if pin is not None:
        return None if flags & OA2.PinFlags.RETRY else pin
    if not sys.stdin.isatty():
        return None
    if flags & OA2.PinFlags.FINAL_TRY:
        print('Last try before the token locks its PIN.', file=sys.stderr)
    try:
        return getpass.getpass(f'PIN of {token_label}: ') or None
    except (EOFError, KeyboardInterrupt):
        return None


def open_key(uri):
    """Opens the key in a worker thread; the PIN is asked for here."""
    loop = GLib.MainLoop()
    outcome = {}

    def opened(_source, result):
        try:
            outcome['key'] = OA2.Jwk.new_from_pkcs11_uri_finish(result)
        except GLib.Error as error:
            outcome['error'] = error
        loop.quit()

    OA2.Jwk.new_from_pkcs11_uri_async(uri, pin_callback=ask_pin, callback=opened)
    loop.run()
    if 'error' in outcome:
        raise outcome['error']
    return outcome['key']


def main():
    endpoint = os.environ.get('OA2_EXAMPLE_TOKEN_ENDPOINT')
    client_id = os.environ.get('OA2_EXAMPLE_CLIENT_ID')
    if len(sys.argv) != 2 or not sys.argv[1].startswith('pkcs11:') or not endpoint or not client_id:
        print('usage: hardware-key.py PKCS11-URI, with OA2_EXAMPLE_TOKEN_ENDPOINT and '
              'OA2_EXAMPLE_CLIENT_ID set', file=sys.stderr)
        return 2
    GLib.log_writer_default_set_use_stderr(True)

    try:
        module = os.environ.get('OA2_EXAMPLE_PKCS11_MODULE')
        if module:
            OA2.pkcs11_add_module(module)
        key = open_key(sys.argv[1])
        auth = OA2.PrivateKeyJwt.new(client_id, key, os.environ.get('OA2_EXAMPLE_ALG') or None)
        client = OA2.Client(token_endpoint=endpoint, issuer=os.environ.get('OA2_EXAMPLE_ISSUER'),
                            client_auth=auth)
        token = client.client_credentials(os.environ.get('OA2_EXAMPLE_SCOPE'), None, None, None, None)
    except GLib.Error as error:
        print(f'hardware-key.py: {error.message}', file=sys.stderr)
        print(f'  (error domain {error.domain}, code {error.code})', file=sys.stderr)
        return 1

    # The public key, as the server registers it: the private half stays in
    # the token, and exporting it is not possible.
    print(f'key:            in a token: {key.is_in_token()}, thumbprint {key.dup_thumbprint()}')
    print(f'public JWK:     {key.to_json(False)}')
    print(f'authentication: {auth.get_method_name()} with {auth.get_alg()}')
    print(f'token type:     {token.get_token_type()}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
