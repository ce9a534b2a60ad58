#!/usr/bin/python3
# jwe-roundtrip.py: encrypt to a recipient's public key, decrypt, refuse
# tampering
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Offline, no server. The recipient generates an ECDH-ES key (P-256) and
# publishes its public half; the sender encrypts a message to it as a
# compact JWE with ECDH-ES key agreement and A256GCM content encryption
# (RFC 7516, RFC 7518 §4.6), with a fresh ephemeral key and IV each time.
# The recipient decrypts with its private key, accepting only the
# algorithms it expects. A changed byte of ciphertext, and an algorithm
# outside the allow-list, are refused with their error codes. Run it with
# Debian's /usr/bin/python3, which has PyGObject:
#
#   /usr/bin/python3 jwe-roundtrip.py
#
# From a build tree: GI_TYPELIB_PATH=_build/oauth2client-glib
# LD_LIBRARY_PATH=_build/oauth2client-glib. The private key is never
# printed.

import base64
import json
import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('OA2', '1')
from gi.repository import GLib, OA2  # noqa: E402

MESSAGE = 'Meet at the usual place at 10:00.'


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + '=' * (-len(text) % 4))


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b'=').decode()


def describe(error):
    code = OA2.Error(error.code).value_name if error.domain == GLib.quark_to_string(OA2.error_quark()) else '?'
    return f'{error.message} ({code}, code {error.code})'


def decrypt(compact, private_key):
    """The recipient: ECDH-ES with A256GCM only. RSA1_5 would need to be
    listed explicitly; it never is here."""
    plaintext, header = OA2.jwe_decrypt(compact, private_key, ['ECDH-ES'], ['A256GCM'])
    return plaintext.get_data().decode(), header


def main():
    # The recipient's key pair; only the public half travels.
    recipient = OA2.Jwk.generate('ECDH-ES')
    published = recipient.dup_public().to_json(False)
    print(f'recipient key: {published}')
    print(f'thumbprint:    {recipient.dup_thumbprint()}')

    # The sender encrypts to the published key.
    sender_view = OA2.Jwk.new_from_json(published)
    compact = OA2.jwe_encrypt(GLib.Bytes.new(MESSAGE.encode()), sender_view, 'ECDH-ES', 'A256GCM', None)
    parts = compact.split('.')
    header = json.loads(b64url_decode(parts[0]))
    print(f'jwe:           {len(parts)} parts, {len(compact)} characters')
    print(f'header:        alg {header["alg"]}, enc {header["enc"]}, ephemeral key on {header["epk"]["crv"]}')
    if MESSAGE.encode() in b64url_decode(parts[3]) or parts[1] != '':
        print('jwe-roundtrip.py: unexpected JWE', file=sys.stderr)
        return 1

    # The recipient decrypts.
    try:
        plaintext, protected = decrypt(compact, recipient)
    except GLib.Error as error:
        print(f'jwe-roundtrip.py: the genuine JWE was refused: {describe(error)}', file=sys.stderr)
        return 1
    print(f'decrypted:     {plaintext}')
    print(f'kid:           {protected.get_string_member("kid")}')

    status = 0
    # One flipped bit of ciphertext: the GCM tag no longer matches.
    ciphertext = bytearray(b64url_decode(parts[3]))
    ciphertext[0] ^= 1
    tampered = '.'.join(parts[:3] + [b64url(bytes(ciphertext))] + parts[4:])
    try:
        decrypt(tampered, recipient)
        print('jwe-roundtrip.py: the tampered JWE was accepted!', file=sys.stderr)
        status = 1
    except GLib.Error as error:
        print(f'tampered:      refused: {describe(error)}')

    # Another algorithm than the recipient accepts.
    other = OA2.jwe_encrypt(GLib.Bytes.new(MESSAGE.encode()), sender_view, 'ECDH-ES', 'A128GCM', None)
    try:
        decrypt(other, recipient)
        print('jwe-roundtrip.py: A128GCM was accepted!', file=sys.stderr)
        status = 1
    except GLib.Error as error:
        print(f'not allowed:   refused: {describe(error)}')
    return status


if __name__ == '__main__':
    sys.exit(main())
