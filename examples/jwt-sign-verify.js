#!/usr/bin/env -S gjs -m
// jwt-sign-verify.js: make a key, sign a JWT, verify it, refuse a forgery
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Offline, no server: generates an ES256 key, prints its public JWK and its
// RFC 7638 thumbprint, signs claims that expire in five minutes, then
// verifies the token the way a recipient does: with the public key only, an
// allow-list of algorithms, and the claims checked (issuer, audience, expiry
// with some leeway). Last, it forges the claims of the token and shows that
// verification refuses them, with the error code. An ES module:
//
//   gjs -m jwt-sign-verify.js
//
// From a build tree: GI_TYPELIB_PATH=_build/oauth2client-glib
// LD_LIBRARY_PATH=_build/oauth2client-glib. The private key is never
// printed: key.to_json(true) would print it, and has no place in a log.

import GLib from 'gi://GLib';
import Json from 'gi://Json';
import OA2 from 'gi://OA2?version=1';
import System from 'system';

const ISSUER = 'https://issuer.example';
const AUDIENCE = 'https://api.example';

// A Json.Object from a plain object, through JSON text.
function jsonObject(members) {
    const parser = new Json.Parser();
    parser.load_from_data(JSON.stringify(members), -1);
    return parser.get_root().get_object();
}

// base64url without padding (RFC 7515 §2), to forge a payload.
function base64url(text) {
    return GLib.base64_encode(new TextEncoder().encode(text))
        .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// The name of an OA2.Error code, such as INVALID_SIGNATURE.
function codeName(error) {
    if (error.domain !== OA2.error_quark())
        return '?';
    const entry = Object.entries(OA2.Error).find(([, value]) => value === error.code);
    return entry ? entry[0] : '?';
}

// What a recipient does: parse, verify (ES256 only; never "none"), validate
// the claims with 30 seconds of leeway. Failures throw GLib.Error.
function receive(token, publicKey) {
    const jwt = OA2.Jwt.new_from_compact(token);
    jwt.verify(publicKey, ['ES256']);
    jwt.validate_claims(ISSUER, AUDIENCE, 30);
    return jwt;
}

function main() {
    // 1. A new P-256 key for ES256; its kid is its thumbprint.
    const key = OA2.Jwk.generate('ES256');
    const publicKey = key.dup_public();
    print(`public key:   ${publicKey.to_json(false)}`);
    print(`thumbprint:   ${key.dup_thumbprint()}`);

    // 2. Sign claims that expire in five minutes.
    const now = Math.floor(Date.now() / 1000);
    const claims = {iss: ISSUER, sub: 'alice', aud: AUDIENCE, iat: now, exp: now + 300};
    const token = OA2.Jwt.sign_claims(jsonObject(claims), key, 'ES256', jsonObject({typ: 'JWT'}));
    print(`token:        ${token}`);

    // 3. Verify it as a recipient that holds the public key only.
    let jwt;
    try {
        jwt = receive(token, publicKey);
    } catch (error) {
        printerr(`jwt-sign-verify.js: the genuine token was refused: ${error.message}`);
        return 1;
    }
    print(`verified:     ${jwt.get_string_claim('sub')}, signed with ${jwt.get_alg()} ` +
          `by key ${jwt.get_kid()}, for ${AUDIENCE}`);

    // 4. Forge the claims (another subject), keep the signature.
    const [header, , signature] = token.split('.');
    const payload = base64url(JSON.stringify({...claims, sub: 'mallory'}));
    try {
        receive(`${header}.${payload}.${signature}`, publicKey);
    } catch (error) {
        if (!(error instanceof GLib.Error))
            throw error;
        print(`forged token: refused: ${error.message} (OA2_ERROR_${codeName(error)}, code ${error.code})`);
        return 0;
    }
    printerr('jwt-sign-verify.js: the forged token was accepted!');
    return 1;
}

System.exit(main());
