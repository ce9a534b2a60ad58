/* test-oa2-nullable.vala: the VAPI says which values may be null
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Built with valac --enable-experimental-non-null (and, as every target
 * here, --fatal-warnings), so the compiler holds this program to the
 * nullability in the generated VAPI: comparing a value with null compiles
 * only where the VAPI lets it be null, and reading one into a non-null
 * variable only where it never is. Each test reads the values too, so the
 * VAPI also matches what the library does. No server is needed.
 *
 * It is written with `using OA2;`, as an application would be. Then `Error`
 * alone is ambiguous (OA2.Error is an error domain), so errors are caught as
 * GLib.Error.
 */

using OA2;

const string TOKEN_ENDPOINT = "https://as.example/token";

/* A subclass that sets the optional construct properties to null itself. */
class BareClient : Client {
    public BareClient () {
        Object (token_endpoint: TOKEN_ENDPOINT,
                client_auth: null,
                issuer: null,
                authorization_endpoint: null,
                revocation_endpoint: null,
                jwks_uri: null);
    }
}

static void assert_no_endpoints (Client client) {
    assert_true (client.authorization_endpoint == null);
    assert_true (client.revocation_endpoint == null);
    assert_true (client.introspection_endpoint == null);
    assert_true (client.userinfo_endpoint == null);
    assert_true (client.pushed_authorization_request_endpoint == null);
    assert_true (client.device_authorization_endpoint == null);
    assert_true (client.backchannel_authentication_endpoint == null);
    assert_true (client.end_session_endpoint == null);
    assert_true (client.jwks_uri == null);
    assert_true (client.issuer == null);
    assert_true (client.server_metadata == null);
    assert_true (client.get_server_metadata () == null);
    assert_true (client.get_authorization_endpoint () == null);
    assert_true (client.get_issuer () == null);
}

static void test_client_without_authentication () {
    var client = new Client (TOKEN_ENDPOINT, null);

    assert_true (client.client_auth == null);
    assert_true (client.get_client_auth () == null);
    assert_true (client.get_client_id () == null);
    assert_no_endpoints (client);

    /* The token endpoint may be unset on a client built with Object (),
     * so it is nullable too; the session never is. */
    string? token_endpoint = client.token_endpoint;
    assert_cmpstr (token_endpoint, CompareOperator.EQ, TOKEN_ENDPOINT);
    Soup.Session session = client.session;
    assert_true (session is Soup.Session);
}

static void test_client_subclass_sets_null () {
    var client = new BareClient ();

    assert_true (client.client_auth == null);
    assert_no_endpoints (client);
    Soup.Session session = client.get_session ();
    assert_true (session is Soup.Session);
}

static void test_client_with_everything () {
    var client = (Client) GLib.Object.new (typeof (Client),
        token_endpoint: TOKEN_ENDPOINT,
        client_auth: new PublicApp ("app"),
        issuer: "https://as.example",
        authorization_endpoint: "https://as.example/authorize",
        jwks_uri: "https://as.example/jwks");

    ClientAuth? auth = client.client_auth;
    assert_nonnull (auth);
    string client_id = ((!) auth).client_id;
    assert_cmpstr (client_id, CompareOperator.EQ, "app");
    assert_cmpstr (client.get_client_id (), CompareOperator.EQ, "app");
    assert_cmpstr (client.issuer, CompareOperator.EQ, "https://as.example");
    assert_cmpstr (client.authorization_endpoint, CompareOperator.EQ, "https://as.example/authorize");
    assert_cmpstr (client.jwks_uri, CompareOperator.EQ, "https://as.example/jwks");
    assert_true (client.userinfo_endpoint == null);
}

static void test_token_optional_members () {
    BearerToken token;
    try {
        token = new BearerToken ("at-1", null);
    } catch (GLib.Error e) {
        assert_no_error (e);
        return;
    }

    string access_token = token.access_token;
    string token_type = token.token_type;
    assert_cmpstr (access_token, CompareOperator.EQ, "at-1");
    assert_cmpstr (token_type, CompareOperator.EQ, "Bearer");
    assert_true (token.expires_at == null);
    assert_true (token.refresh_token == null);
    assert_true (token.scope == null);
    assert_true (token.id_token == null);
    assert_true (token.get_string_member ("absent") == null);
    assert_true (token.get_member ("absent") == null);
}

static void test_key_optional_members () {
    Jwk key;
    try {
        key = Jwk.generate ("HS256");
    } catch (GLib.Error e) {
        GLib.error ("generate: %s", e.message);
    }

    string kty = key.kty;
    assert_cmpstr (kty, CompareOperator.EQ, "oct");
    assert_true (key.crv == null);
    assert_cmpstr (key.alg, CompareOperator.EQ, "HS256");
    /* A symmetric key has no public half. */
    Jwk? public_key = key.dup_public ();
    assert_true (public_key == null);
}

static void test_device_response_optional_members () {
    DeviceAuthorizationResponse response;
    try {
        var node = Json.from_string ("{\"device_code\":\"d\",\"user_code\":\"U\","
                                     + "\"verification_uri\":\"https://as.example/device\",\"expires_in\":60}");
        response = new DeviceAuthorizationResponse.from_json ((!) ((!) node).get_object ());
    } catch (GLib.Error e) {
        GLib.error ("device response: %s", e.message);
    }

    string user_code = response.user_code;
    string verification_uri = response.verification_uri;
    assert_cmpstr (user_code, CompareOperator.EQ, "U");
    assert_cmpstr (verification_uri, CompareOperator.EQ, "https://as.example/device");
    assert_true (response.verification_uri_complete == null);
    assert_true (response.get_verification_uri_complete () == null);
    assert_true (response.get_member ("absent") == null);
    DateTime expires_at = response.expires_at;
    assert_true (expires_at.to_unix () > 0);
}

static void test_auth_optional_members () {
    var client = new Client.with_secret (TOKEN_ENDPOINT, "c1", "s1");
    var auth = new ClientCredentialsAuth (client, null);
    assert_true (auth.token == null);
    assert_true (auth.scope == null);
    assert_true (auth.resources == null);
    assert_true (auth.dpop_key == null);
    try {
        var api = new ApiClient ("https://api.example/v1", null);
        assert_true (api.auth == null);
        assert_true (api.tls_client_certificate == null);
        api.tls_client_certificate = null;
        string base_url = (!) api.base_url;
        assert_cmpstr (base_url, CompareOperator.EQ, "https://api.example/v1/");
    } catch (GLib.Error e) {
        GLib.error ("API client: %s", e.message);
    }
}

static void test_authorization_request_optional_members () {
    AuthorizationRequest request;
    try {
        request = new AuthorizationRequest ("https://as.example/authorize", "c1", null, null);
    } catch (GLib.Error e) {
        GLib.error ("authorization request: %s", e.message);
    }

    string authorization_endpoint = request.authorization_endpoint;
    string client_id = request.client_id;
    string state = request.state;
    string response_type = request.response_type;
    string[] resources = request.resources;
    assert_cmpstr (authorization_endpoint, CompareOperator.EQ, "https://as.example/authorize");
    assert_cmpstr (client_id, CompareOperator.EQ, "c1");
    assert_cmpuint (state.length, CompareOperator.EQ, 43);
    assert_cmpstr (response_type, CompareOperator.EQ, "code");
    assert_cmpuint (resources.length, CompareOperator.EQ, 0);
    assert_true (request.pkce_method == PkceMethod.S256);
    assert_true (request.max_age == -1);
    assert_false (request.require_issuer);

    request.set_nonce (null);
    assert_true (request.redirect_uri == null);
    assert_true (request.scope == null);
    assert_true (request.nonce == null);
    assert_true (request.prompt == null);
    assert_true (request.login_hint == null);
    assert_true (request.id_token_hint == null);
    assert_true (request.ui_locales == null);
    assert_true (request.acr_values == null);
    assert_true (request.claims == null);
    assert_true (request.authorization_details == null);
    assert_true (request.response_mode == null);
    assert_true (request.dpop_jkt == null);
    assert_true (request.issuer == null);
    assert_true (request.request_uri == null);
    assert_true (request.request_uri_expires_at == null);
    assert_true (request.request_object_alg == null);
    assert_true (request.request_object_encryption_alg == null);
}

static void test_errors_with_using_oa2 () {
    try {
        new Jwk.from_json ("{}");
        assert_not_reached ();
    } catch (OA2.Error.INVALID_KEY e) {
        /* A library error carries no server details. */
        assert_true (OA2.Error.get_server_code (e) == null);
        assert_true (OA2.Error.get_description (e) == null);
        assert_true (OA2.Error.get_uri (e) == null);
        assert_cmpuint (OA2.Error.get_http_status (e), CompareOperator.EQ, 0);
    } catch (GLib.Error e) {
        GLib.error ("unexpected error: %s", e.message);
    }
}

int main (string[] args) {
    Test.init (ref args);
    Test.add_func ("/oa2/vala/nullable/client-without-authentication", test_client_without_authentication);
    Test.add_func ("/oa2/vala/nullable/client-subclass-sets-null", test_client_subclass_sets_null);
    Test.add_func ("/oa2/vala/nullable/client-with-everything", test_client_with_everything);
    Test.add_func ("/oa2/vala/nullable/token", test_token_optional_members);
    Test.add_func ("/oa2/vala/nullable/key", test_key_optional_members);
    Test.add_func ("/oa2/vala/nullable/device-response", test_device_response_optional_members);
    Test.add_func ("/oa2/vala/nullable/auth", test_auth_optional_members);
    Test.add_func ("/oa2/vala/nullable/authorization-request", test_authorization_request_optional_members);
    Test.add_func ("/oa2/vala/nullable/errors-with-using-oa2", test_errors_with_using_oa2);
    return Test.run ();
}
