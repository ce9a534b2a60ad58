/* test-device.vala: the device flow's API through the generated VAPI
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A GLib test program (TAP with --tap) that the Vala compiler checks
 * against the VAPI: the shape of OA2.DeviceAuthorizationResponse,
 * OA2.Client.authorize_device/_async, device_code and OA2.TokenPoller
 * (construct, properties, poll_async, poll_once returning a nullable
 * token). The requests go to a closed loopback port or are cancelled, so
 * no server is needed; the interop and Python tests run the flow itself.
 */

const string RESPONSE = """{"device_code":"dc-1","user_code":"WDJB-MJHT",
  "verification_uri":"https://issuer.example/device",
  "verification_uri_complete":"https://issuer.example/device?user_code=WDJB-MJHT",
  "expires_in":600}""";

static string closed_uri (string path) {
    /* Bind and close: nothing listens there afterwards. */
    try {
        var socket = new Socket (SocketFamily.IPV4, SocketType.STREAM, SocketProtocol.TCP);
        socket.bind (new InetSocketAddress (new InetAddress.loopback (SocketFamily.IPV4), 0), false);
        var port = ((InetSocketAddress) socket.get_local_address ()).get_port ();
        socket.close ();
        return "http://127.0.0.1:%u%s".printf (port, path);
    } catch (Error e) {
        GLib.error ("no port: %s", e.message);
    }
}

static OA2.DeviceAuthorizationResponse parse_response () {
    try {
        var node = Json.from_string (RESPONSE);
        return new OA2.DeviceAuthorizationResponse.from_json (node.get_object ());
    } catch (Error e) {
        GLib.error ("parse: %s", e.message);
    }
}

static void test_response_shape () {
    OA2.DeviceAuthorizationResponse response = parse_response ();
    assert_cmpstr (response.device_code, CompareOperator.EQ, "dc-1");
    assert_cmpstr (response.user_code, CompareOperator.EQ, "WDJB-MJHT");
    assert_cmpstr (response.get_verification_uri (), CompareOperator.EQ, "https://issuer.example/device");
    string? complete = response.verification_uri_complete;
    assert_nonnull (complete);
    assert_cmpuint (response.interval, CompareOperator.EQ, OA2.DEVICE_DEFAULT_INTERVAL);
    DateTime expires_at = response.get_expires_at ();
    assert_true (expires_at.to_unix () > new DateTime.now_utc ().to_unix ());
    assert_false (response.is_expired ());
    unowned Json.Node? member = response.get_member ("user_code");
    assert_nonnull (member);
    assert_null (response.get_member ("nope"));

    try {
        new OA2.DeviceAuthorizationResponse.from_json (new Json.Object ());
        assert_not_reached ();
    } catch (Error e) {
        assert_true (e.matches (OA2.Error.quark (), OA2.Error.MISSING_MEMBER));
    }
}

static void test_poller_shape () {
    var client = new OA2.Client.public (closed_uri ("/token"), "vala-device");
    var response = parse_response ();
    var poller = new OA2.TokenPoller.for_device (client, response, null);
    assert_true (poller.client == client);
    assert_cmpuint (poller.interval, CompareOperator.EQ, 5);
    assert_cmpuint (poller.requests, CompareOperator.EQ, 0);
    assert_cmpuint (poller.get_next_delay (), CompareOperator.EQ, 5);
    assert_true (poller.expires_at.equal (response.expires_at));

    /* The generic constructor takes any grant's parameters. */
    var params = new HashTable<string, string> (str_hash, str_equal);
    params["grant_type"] = "urn:openid:params:grant-type:ciba";
    params["auth_req_id"] = "ar-1";
    string[] resources = { "https://api.example/" };
    var generic = new OA2.TokenPoller (client, params, resources, null, 2, response.expires_at);
    assert_cmpuint (generic.interval, CompareOperator.EQ, 2);

    /* poll_once: a nullable token, and the transport error as it is. */
    try {
        OA2.BearerToken? token = poller.poll_once (null);
        assert_null (token);
        assert_not_reached ();
    } catch (Error e) {
        assert_true (e.matches (IOError.quark (), IOError.CONNECTION_REFUSED));
    }
    assert_cmpuint (poller.requests, CompareOperator.EQ, 1);
}

static void test_async_shape () {
    var loop = new MainLoop ();
    var client = (OA2.Client) Object.new (typeof (OA2.Client),
                                          "token-endpoint", closed_uri ("/token"),
                                          "device-authorization-endpoint", closed_uri ("/device"),
                                          "client-auth", new OA2.PublicApp ("vala-device"));
    var poller = new OA2.TokenPoller.for_device (client, parse_response (), null);
    var cancellable = new Cancellable ();
    int finished = 0;

    client.authorize_device_async.begin ("openid", null, null, null, (obj, res) => {
        try {
            client.authorize_device_async.end (res);
            assert_not_reached ();
        } catch (Error e) {
            assert_true (e.matches (IOError.quark (), IOError.CONNECTION_REFUSED));
        }
        finished++;
    });
    /* Cancelled while waiting for the first interval: no request. */
    poller.poll_async.begin (cancellable, (obj, res) => {
        try {
            poller.poll_async.end (res);
            assert_not_reached ();
        } catch (Error e) {
            assert_true (e.matches (IOError.quark (), IOError.CANCELLED));
        }
        finished++;
    });
    cancellable.cancel ();
    Timeout.add (20, () => {
        if (finished < 2)
            return Source.CONTINUE;
        loop.quit ();
        return Source.REMOVE;
    });
    loop.run ();
    assert_cmpuint (poller.requests, CompareOperator.EQ, 0);

    try {
        client.device_code ("", null, null, null, null);
        assert_not_reached ();
    } catch (Error e) {
        assert_true (e.matches (OA2.Error.quark (), OA2.Error.INVALID_ARGUMENT));
    }
}

public static int main (string[] args) {
    Test.init (ref args);
    Test.add_func ("/oa2/vala/device/response", test_response_shape);
    Test.add_func ("/oa2/vala/device/poller", test_poller_shape);
    Test.add_func ("/oa2/vala/device/async", test_async_shape);
    return Test.run ();
}
