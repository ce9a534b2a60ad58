#!/usr/bin/env python3
# Writes the compact-form fixtures of tests/token-compact-test.c from the
# format requests_oauth2client documents for its TokenSerializer and
# DPoPKeySerializer (serializers.py, with binapy's "json", "deflate" and
# "b64u" codecs): json.dumps(obj, separators=(",", ":")) with Python's
# default ensure_ascii, zlib.compress(data, -1) minus its 2-byte header and
# 4-byte Adler-32 trailer (raw DEFLATE), and urlsafe base64 without "=".
#
# The dicts are what BearerToken.as_dict(with_expires_in=False) gives: the
# attrs fields in their order (access_token, expires_at, scope,
# refresh_token, token_type, id_token[, dpop_key]) then the extra response
# members, None values left out. Run it again only to change the fixtures;
# the test checks the library against the files it wrote.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import base64
import json
import os
import zlib

here = os.path.dirname(os.path.abspath(__file__))


def dumps(obj):
    data = json.dumps(obj, separators=(",", ":")).encode()
    deflated = zlib.compress(data, -1)[2:-4]
    return base64.urlsafe_b64encode(deflated).rstrip(b"=").decode()


def write(name, obj):
    with open(os.path.join(here, name), "w") as f:
        f.write(dumps(obj) + "\n")


# RFC 7515 A.3's P-256 key, in the member order jwskate writes.
p256 = {
    "kty": "EC",
    "crv": "P-256",
    "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
    "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
    "d": "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI",
}

bearer = {
    "access_token": "2YotnFZFEjr1zCsicMWpAA",
    "expires_at": 1893456000,
    "scope": "openid profile api:read",
    "refresh_token": "tGzv3JOkF0XG5Qx2TlKWIA",
    "token_type": "Bearer",
    "id_token": "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.",
    # Extra members, in the server's order: non-ASCII, escapes, nesting,
    # booleans, integers and floats, as Python writes them.
    "authorization_details": [{"type": "payment", "amount": 12, "ok": True, "none": None}],
    "note": "caf\u00e9 \u2615 \U0001F511 \"q\" \\ /\n\t\x01\x7f",
    "ratio": 0.25,
    "big": 1e16,
    "small": 1.5e-07,
    "third": 1 / 3,
    "thousand": 1000.0,
}
write("bearer.txt", bearer)

# A token without expiry, scope or refresh token: those members are absent.
write("bearer-minimal.txt", {"access_token": "mF_9.B5f-4.1JqM", "token_type": "Bearer"})

write("dpop-key.txt", p256)

# What this library writes for a DPoP token: the portable members of the
# reference library's dpop_key (alg, private_key, jwt_typ).
dpop_token = {
    "access_token": "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU",
    "expires_at": 1893456000,
    "token_type": "DPoP",
    "dpop_key": {"alg": "ES256", "private_key": p256, "jwt_typ": "dpop+jwt"},
}
write("dpop-token.txt", dpop_token)

# What the reference library itself writes for a DPoP token: attrs.asdict()
# of its DPoPKey, where the callables become their repr() (process-specific
# text) and the nonces are null. Read, never written, by this library.
reference_dpop_token = {
    "access_token": "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU",
    "expires_at": 1893456000,
    "token_type": "DPoP",
    "dpop_key": {
        "alg": "ES256",
        "private_key": p256,
        "jti_generator": "<function DPoPKey.<lambda> at 0x7f3a2c1e5d80>",
        "iat_generator": "<function DPoPKey.<lambda> at 0x7f3a2c1e5e10>",
        "jwt_typ": "dpop+jwt",
        "dpop_token_class": "<class 'requests_oauth2client.dpop.DPoPToken'>",
        "as_nonce": None,
        "rs_nonce": None,
    },
    "cnf_note": "extra",
}
write("dpop-token-reference.txt", reference_dpop_token)
