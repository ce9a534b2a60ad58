/* oa2-jose-test-utils.c: helpers and RFC vectors shared by the JOSE and
 * crypto tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The RFC 7520 vectors keep the RFC's line breaks: each wrapped line of
 * the RFC text is one C string literal here. The others are split at a
 * fixed width.
 */

#include "oa2-jose-test-utils.h"

#include <string.h>

/* ---------------------------------------------------------------------- */
/* Encodings and bytes */

/* Base64url without padding, as in JOSE (RFC 7515 §2), read leniently:
 * tests feed it RFC text and parts of tokens they build. */
GBytes *
oa2_test_b64u_decode (const char *text)
{
  g_autoptr(GString) s = g_string_new (text);
  gsize len = 0;
  guchar *data;

  g_strdelimit (s->str, "-", '+');
  g_strdelimit (s->str, "_", '/');
  while (s->len % 4 != 0)
    g_string_append_c (s, '=');
  data = g_base64_decode (s->str, &len);
  return g_bytes_new_take (data, len);
}

/* @data as base64url without padding. */
char *
oa2_test_b64u_encode (const void *data,
                      gsize       len)
{
  char *text = g_base64_encode (data, len);
  char *end = strchr (text, '=');

  if (end != NULL)
    *end = '\0';
  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  return text;
}

/* The bytes of the string @text (without its NUL) as base64url. */
char *
oa2_test_b64u_encode_str (const char *text)
{
  return oa2_test_b64u_encode (text, strlen (text));
}

/* The bytes that the hex digits @text (an even number of them) spell. */
GBytes *
oa2_test_hex_decode (const char *text)
{
  gsize len = strlen (text) / 2;
  guint8 *data = g_malloc (MAX (len, 1));

  g_assert_cmpuint (strlen (text) % 2, ==, 0);
  for (gsize i = 0; i < len; i++)
    data[i] = (guint8) (g_ascii_xdigit_value (text[2 * i]) << 4 | g_ascii_xdigit_value (text[2 * i + 1]));
  return g_bytes_new_take (data, len);
}

/* The bytes of the string @text, without its NUL. */
GBytes *
oa2_test_bytes_new_str (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

/* A copy of @bytes with byte @index XORed with @mask. */
GBytes *
oa2_test_bytes_flip (GBytes *bytes,
                     gsize   index,
                     guint8  mask)
{
  gsize len = 0;
  guint8 *data = g_bytes_unref_to_data (g_bytes_ref (bytes), &len);

  g_assert_cmpuint (index, <, len);
  data[index] ^= mask;
  return g_bytes_new_take (data, len);
}

/* The @len bytes of @bytes from @offset on, which must be there. */
GBytes *
oa2_test_bytes_slice (GBytes *bytes,
                      gsize   offset,
                      gsize   len)
{
  g_assert_cmpuint (offset + len, <=, g_bytes_get_size (bytes));
  return g_bytes_new_from_bytes (bytes, offset, len);
}

/* @error is set, and its message contains @part (anything, if @part is
 * NULL). */
void
oa2_test_assert_message_contains (const GError *error,
                                  const char   *part)
{
  g_assert_nonnull (error);
  if (part != NULL && strstr (error->message, part) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, part);
}

/* ---------------------------------------------------------------------- */
/* JSON and JWKs */

/* @json, which must be a JSON object. */
JsonObject *
oa2_test_json_object_parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The base64url member @member ("n", "x", "k"…) of the JWK text
 * @jwk_json, decoded: the raw key parameter, read without the library. */
GBytes *
oa2_test_jwk_param (const char *jwk_json,
                    const char *member)
{
  g_autoptr(JsonObject) object = oa2_test_json_object_parse (jwk_json);

  g_assert_true (json_object_has_member (object, member));
  return oa2_test_b64u_decode (json_object_get_string_member (object, member));
}

/* The key of @json, which the library must take. */
OA2Jwk *
oa2_test_jwk_parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  OA2Jwk *key = oa2_jwk_new_from_json (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (key);
  return key;
}

/* A new key for @alg, which the library must make. */
OA2Jwk *
oa2_test_jwk_generate (const char *alg)
{
  g_autoptr(GError) error = NULL;
  OA2Jwk *key = oa2_jwk_generate (alg, &error);

  g_assert_no_error (error);
  g_assert_nonnull (key);
  return key;
}

/* @key exported and imported again without the members named, such as
 * "alg" and "use", so that one key serves several algorithms. */
char *
oa2_test_key_ops_json (guint n)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s\"op%u\"", i > 0 ? "," : "", i);
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

OA2Jwk *
oa2_test_jwk_without (OA2Jwk     *key,
                      gboolean    include_private,
                      const char *first_member,
                      ...)
{
  g_autoptr(JsonObject) object = oa2_jwk_to_json_object (key, include_private);
  g_autoptr(GError) error = NULL;
  OA2Jwk *copy;
  va_list args;

  va_start (args, first_member);
  for (const char *name = first_member; name != NULL; name = va_arg (args, const char *))
    json_object_remove_member (object, name);
  va_end (args);
  copy = oa2_jwk_new_from_json_object (object, &error);
  g_assert_no_error (error);
  return copy;
}

static OA2Jwk *shared_rsa;

/* A generated 2048-bit RSA private key without "alg" and "use", so that
 * it serves every RSA algorithm. RSA keys are slow to make: one serves
 * every test of a run, until oa2_test_rsa_jwk_clear(). Not a new
 * reference. */
OA2Jwk *
oa2_test_rsa_jwk (void)
{
  if (shared_rsa == NULL)
    {
      g_autoptr(OA2Jwk) generated = oa2_test_jwk_generate ("RS256");

      shared_rsa = oa2_test_jwk_without (generated, TRUE, "alg", "use", NULL);
    }
  return shared_rsa;
}

void
oa2_test_rsa_jwk_clear (void)
{
  if (shared_rsa != NULL)
    g_assert_finalize_object (g_steal_pointer (&shared_rsa));
}

/* ---------------------------------------------------------------------- */
/* Compact serializations */

/* The parts of @compact, which must have @n_parts of them. */
static char **
split_compact (const char *compact,
               guint       n_parts)
{
  char **parts = g_strsplit (compact, ".", -1);

  g_assert_cmpuint (g_strv_length (parts), ==, n_parts);
  return parts;
}

/* @compact with its part @index replaced by @part. */
char *
oa2_test_compact_replace_part (const char *compact,
                               guint       n_parts,
                               guint       index,
                               const char *part)
{
  g_auto(GStrv) parts = split_compact (compact, n_parts);

  g_assert_cmpuint (index, <, n_parts);
  g_free (parts[index]);
  parts[index] = g_strdup (part);
  return g_strjoinv (".", parts);
}

/* Part @index of @compact, decoded. */
GBytes *
oa2_test_compact_get_part (const char *compact,
                           guint       n_parts,
                           guint       index)
{
  g_auto(GStrv) parts = split_compact (compact, n_parts);

  g_assert_cmpuint (index, <, n_parts);
  return oa2_test_b64u_decode (parts[index]);
}

/* @compact with bit @bit of byte @offset of its part @index flipped; a
 * negative @offset counts from the end. */
char *
oa2_test_compact_flip_bit (const char *compact,
                           guint       n_parts,
                           guint       index,
                           gssize      offset,
                           guint       bit)
{
  g_autoptr(GBytes) bytes = oa2_test_compact_get_part (compact, n_parts, index);
  gsize len;
  g_autofree guint8 *data = g_bytes_unref_to_data (g_bytes_ref (bytes), &len);
  g_autofree char *part = NULL;
  gsize at = offset < 0 ? len - (gsize) -offset : (gsize) offset;

  g_assert_cmpuint (at, <, len);
  data[at] ^= (guint8) (1u << bit);
  part = oa2_test_b64u_encode (data, len);
  return oa2_test_compact_replace_part (compact, n_parts, index, part);
}

/* ---------------------------------------------------------------------- */
/* RFC 7515 appendix A */

/* RFC 7515 A.2.1 */
const char oa2_test_rfc7515_a2_key[] =
  "{"
  "\"kty\":\"RSA\","
  "\"n\":\"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPd"
    "dxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pC"
    "gNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf6"
    "3kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg6"
    "65xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK"
    "-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRW"
    "yuXpoQ\","
  "\"e\":\"AQAB\","
  "\"d\":\"Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO9"
    "7IjlA7_GQ5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe46sui395IW_GO-pW"
    "J1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3M"
    "kqzjkn439X0M_V51gfpRLI9JYanrC4D4qAdGcopV_0ZHHzQlBjudU2Qv"
    "Xt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDV"
    "ZFD9pIuhLhBOneufuBiB4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRu"
    "OopznQ\","
  "\"p\":\"4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdU"
    "diYrqBdss1l58BQ3KhooKeQTa9AB0Hw_Py5PJdTJNPY8cQn7ouZ2KKDc"
    "mnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDw"
    "GUc\","
  "\"q\":\"uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZ"
    "xaewHgHAjLYsp1ZSe7zFYHj7C6ul7TjeLQeZD_YwD66t62wDmpe_HlB-"
    "TnBA-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9R"
    "Wdc\","
  "\"dp\":\"BwKfV3Akq5_MFZDFZCnW-wzl-CCo83WoZvnLQwCTeDv8uzluRSnm71I3"
    "QCLdhrqE2e9YkxvuxdBfpT_PI7Yz-FOKnu1R6HsJeDCjn12Sk3vmAktV"
    "2zb34MCdy7cpdTh_YVr7tss2u6vneTwrA86rZtu5Mbr1C1XsmvkxHQAd"
    "Yo0\","
  "\"dq\":\"h_96-mK1R_7glhsum81dZxjTnYynPbZpHziZjeeHcXYsXaaMwkOlODsW"
    "a7I9xXDoRwbKgB719rrmI2oKr6N3Do9U0ajaHF-NKJnwgjMd2w9cjz3_"
    "-kyNlxAr2v4IKhGNpmM5iIgOS1VZnOZ68m6_pbLBSp3nssTdlqvd0tIi"
    "THU\","
  "\"qi\":\"IYd7DHOhrWvxkwPQsRM2tOgrjbcrfvtQJipd-DlcxyVuuM9sQLdgjVk2"
    "oy26F0EmpScGLq2MowX7fhd_QJQ3ydy5cY7YIBi87w93IKLEdfnbJtoO"
    "PLUW0ITrJReOgo1cq9SbsxYawBgfp_gh6A5603k2-ZQwVK0JKSHuLFku"
    "Q3U\""
  "}";


/* RFC 7515 A.2 */
const char oa2_test_rfc7515_a2[] =
  "eyJhbGciOiJSUzI1NiJ9"
  "."
  "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFt"
  "cGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
  "."
  "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7"
  "AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4"
  "BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K"
  "0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqv"
  "hJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrB"
  "p0igcN_IoypGlUPQGe77Rw";

/* RFC 7515 A.3.1 */
const char oa2_test_rfc7515_a3_key[] =
  "{"
  "\"kty\":\"EC\","
  "\"crv\":\"P-256\","
  OA2_TEST_RFC7515_A3_XY ","
  "\"d\":\"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI\""
  "}";

/* RFC 7515 A.3 */
const char oa2_test_rfc7515_a3[] =
  "eyJhbGciOiJFUzI1NiJ9"
  "."
  "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFt"
  "cGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
  "."
  "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSA"
  "pmWQxfKTUJqPP3-Kg6NU1Q";

/* ---------------------------------------------------------------------- */
/* RFC 7516 appendix A */

/* RFC 7516 A.1.3 */
const char oa2_test_rfc7516_a1_key[] =
  "{"
  "\"kty\":\"RSA\","
  "\"n\":\"oahUIoWw0K0usKNuOR6H4wkf4oBUXHTxRvgb48E-BVvxkeDNjbC4he8r"
    "UWcJoZmds2h7M70imEVhRU5djINXtqllXI4DFqcI1DgjT9LewND8MW2K"
    "rf3Spsk_ZkoFnilakGygTwpZ3uesH-PFABNIUYpOiN15dsQRkgr0vEhx"
    "N92i2asbOenSZeyaxziK72UwxrrKoExv6kc5twXTq4h-QChLOln0_mtU"
    "ZwfsRaMStPs6mS6XrgxnxbWhojf663tuEQueGC-FCMfra36C9knDFGzK"
    "sNa7LZK2djYgyD3JR_MB_4NUJW_TqOQtwHYbxevoJArm-L5StowjzGy-"
    "_bq6Gw\","
  "\"e\":\"AQAB\","
  "\"d\":\"kLdtIj6GbDks_ApCSTYQtelcNttlKiOyPzMrXHeI-yk1F7-kpDxY4-WY"
    "5NWV5KntaEeXS1j82E375xxhWMHXyvjYecPT9fpwR_M9gV8n9Hrh2anT"
    "pTD93Dt62ypW3yDsJzBnTnrYu1iwWRgBKrEYY46qAZIrA2xAwnm2X7uG"
    "R1hghkqDp0Vqj3kbSCz1XyfCs6_LehBwtxHIyh8Ripy40p24moOAbgxV"
    "w3rxT_vlt3UVe4WO3JkJOzlpUf-KTVI2Ptgm-dARxTEtE-id-4OJr0h-"
    "K-VFs3VSndVTIznSxfyrj8ILL6MG_Uv8YAu7VILSB3lOW085-4qE3Dzg"
    "rTjgyQ\","
  "\"p\":\"1r52Xk46c-LsfB5P442p7atdPUrxQSy4mti_tZI3Mgf2EuFVbUoDBvaR"
    "Q-SWxkbkmoEzL7JXroSBjSrK3YIQgYdMgyAEPTPjXv_hI2_1eTSPVZfz"
    "L0lffNn03IXqWF5MDFuoUYE0hzb2vhrlN_rKrbfDIwUbTrjjgieRbwC6"
    "Cl0\","
  "\"q\":\"wLb35x7hmQWZsWJmB_vle87ihgZ19S8lBEROLIsZG4ayZVe9Hi9gDVCO"
    "BmUDdaDYVTSNx_8Fyw1YYa9XGrGnDew00J28cRUoeBB_jKI1oma0Orv1"
    "T9aXIWxKwd4gvxFImOWr3QRL9KEBRzk2RatUBnmDZJTIAfwTs0g68UZH"
    "vtc\","
  "\"dp\":\"ZK-YwE7diUh0qR1tR7w8WHtolDx3MZ_OTowiFvgfeQ3SiresXjm9gZ5K"
    "LhMXvo-uz-KUJWDxS5pFQ_M0evdo1dKiRTjVw_x4NyqyXPM5nULPkcpU"
    "827rnpZzAJKpdhWAgqrXGKAECQH0Xt4taznjnd_zVpAmZZq60WPMBMfK"
    "cuE\","
  "\"dq\":\"Dq0gfgJ1DdFGXiLvQEZnuKEN0UUmsJBxkjydc3j4ZYdBiMRAy86x0vHC"
    "jywcMlYYg4yoC4YZa9hNVcsjqA3FeiL19rk8g6Qn29Tt0cj8qqyFpz9v"
    "NDBUfCAiJVeESOjJDZPYHdHY8v1b-o-Z2X5tvLx-TCekf7oxyeKDUqKW"
    "jis\","
  "\"qi\":\"VIMpMYbPf47dT1w_zDUXfPimsSegnMOA1zTaX7aGk_8urY6R8-ZW1FxU"
    "7AlWAyLWybqq6t16VFd7hQd0y6flUK4SlOydB61gwanOsXGOAOv82cHq"
    "0E3eL4HrtZkUuKvnPrMnsUUFlfUdybVzxyjz9JF_XyaY14ardLSjf4L_"
    "FNY\""
  "}";

/* RFC 7516 A.1.7 */
const char oa2_test_rfc7516_a1[] =
  "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ"
  "."
  "OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGe"
  "ipsEdY3mx_etLbbWSrFr05kLzcSr4qKAq7YN7e9jwQRb23nfa6c9d-StnImGyFDb"
  "Sv04uVuxIp5Zms1gNxKKK2Da14B8S4rzVRltdYwam_lDp5XnZAYpQdb76FdIKLaV"
  "mqgfwX7XWRxv2322i-vDxRfqNzo_tETKzpVLzfiwQyeyPGLBIO56YJ7eObdv0je8"
  "1860ppamavo35UgoRdbYaBcoh9QcfylQr66oc6vFWXRcZ_ZT2LawVCWTIy3brGPi"
  "6UklfCpIMfIjf7iGdXKHzg"
  "."
  "48V1_ALb6US04U3b"
  "."
  "5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6ji"
  "SdiwkIr3ajwQzaBtQD_A"
  "."
  "XFBoMYUZodetZdvTiFvSkQ";

/* RFC 7516 A.1 */
const char oa2_test_rfc7516_a1_plaintext[] = "The true sign of intelligence is not knowledge but imagination.";

/* RFC 7516 A.2.3 */
const char oa2_test_rfc7516_a2_key[] =
  "{"
  "\"kty\":\"RSA\","
  "\"n\":\"sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1"
    "WlUzewbgBHod5pcM9H95GQRV3JDXboIRROSBigeC5yjU1hGzHHyXss8U"
    "DprecbAYxknTcQkhslANGRUZmdTOQ5qTRsLAt6BTYuyvVRdhS8exSZEy"
    "_c4gs_7svlJJQ4H9_NxsiIoLwAEk7-Q3UXERGYw_75IDrGA84-lA_-Ct"
    "4eTlXHBIY2EaV7t7LjJaynVJCpkv4LKjTTAumiGUIuQhrNhZLuF_RJLq"
    "HpM2kgWFLU7-VTdL1VbC2tejvcI2BlMkEpk1BzBZI0KQB0GaDWFLN-aE"
    "Aw3vRw\","
  "\"e\":\"AQAB\","
  "\"d\":\"VFCWOqXr8nvZNyaaJLXdnNPXZKRaWCjkU5Q2egQQpTBMwhprMzWzpR8S"
    "xq1OPThh_J6MUD8Z35wky9b8eEO0pwNS8xlh1lOFRRBoNqDIKVOku0aZ"
    "b-rynq8cxjDTLZQ6Fz7jSjR1Klop-YKaUHc9GsEofQqYruPhzSA-Qgaj"
    "ZGPbE_0ZaVDJHfyd7UUBUKunFMScbflYAAOYJqVIVwaYR5zWEEceUjNn"
    "TNo_CVSj-VvXLO5VZfCUAVLgW4dpf1SrtZjSt34YLsRarSb127reG_DU"
    "wg9Ch-KyvjT1SkHgUWRVGcyly7uvVGRSDwsXypdrNinPA4jlhoNdizK2"
    "zF2CWQ\","
  "\"p\":\"9gY2w6I6S6L0juEKsbeDAwpd9WMfgqFoeA9vEyEUuk4kLwBKcoe1x4HG"
    "68ik918hdDSE9vDQSccA3xXHOAFOPJ8R9EeIAbTi1VwBYnbTp87X-xcP"
    "WlEPkrdoUKW60tgs1aNd_Nnc9LEVVPMS390zbFxt8TN_biaBgelNgbC9"
    "5sM\","
  "\"q\":\"uKlCKvKv_ZJMVcdIs5vVSU_6cPtYI1ljWytExV_skstvRSNi9r66jdd9"
    "-yBhVfuG4shsp2j7rGnIio901RBeHo6TPKWVVykPu1iYhQXw1jIABfw-"
    "MVsN-3bQ76WLdt2SDxsHs7q7zPyUyHXmps7ycZ5c72wGkUwNOjYelmki"
    "NS0\","
  "\"dp\":\"w0kZbV63cVRvVX6yk3C8cMxo2qCM4Y8nsq1lmMSYhG4EcL6FWbX5h9yu"
    "vngs4iLEFk6eALoUS4vIWEwcL4txw9LsWH_zKI-hwoReoP77cOdSL4AV"
    "craHawlkpyd2TWjE5evgbhWtOxnZee3cXJBkAi64Ik6jZxbvk-RR3pEh"
    "nCs\","
  "\"dq\":\"o_8V14SezckO6CNLKs_btPdFiO9_kC1DsuUTd2LAfIIVeMZ7jn1Gus_F"
    "f7B7IVx3p5KuBGOVF8L-qifLb6nQnLysgHDh132NDioZkhH7mI7hPG-P"
    "YE_odApKdnqECHWw0J-F0JWnUd6D2B_1TvF9mXA2Qx-iGYn8OVV1Bsmp"
    "6qU\","
  "\"qi\":\"eNho5yRBEBxhGBtQRww9QirZsB66TrfFReG_CcteI1aCneT0ELGhYlRl"
    "CtUkTRclIfuEPmNsNDPbLoLqqCVznFbvdB7x-Tl-m0l_eFTj2KiqwGqE"
    "9PZB9nNTwMVvH3VRRSLWACvPnSiwP8N5Usy-WRXS-V7TbpxIhvepTfE0"
    "NNo\""
  "}";

/* RFC 7516 A.2.7 */
const char oa2_test_rfc7516_a2[] =
  "eyJhbGciOiJSU0ExXzUiLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0"
  "."
  "UGhIOguC7IuEvf_NPVaXsGMoLOmwvc1GyqlIKOK1nN94nHPoltGRhWhw7Zx0-kFm"
  "1NJn8LE9XShH59_i8J0PH5ZZyNfGy2xGdULU7sHNF6Gp2vPLgNZ__deLKxGHZ7Pc"
  "HALUzoOegEI-8E66jX2E4zyJKx-YxzZIItRzC5hlRirb6Y5Cl_p-ko3YvkkysZIF"
  "NPccxRU7qve1WYPxqbb2Yw8kZqa2rMWI5ng8OtvzlV7elprCbuPhcCdZ6XDP0_F8"
  "rkXds2vE4X-ncOIM8hAYHHi29NX0mcKiRaD0-D-ljQTP-cFPgwCp6X-nZZd9OHBv"
  "-B3oWh2TbqmScqXMR4gp_A"
  "."
  "AxY8DCtDaGlsbGljb3RoZQ"
  "."
  "KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY"
  "."
  "9hH0vgRfYgPnAHOd8stkvw";

/* RFC 7516 A.3.7 */
const char oa2_test_rfc7516_a3[] =
  "eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0"
  "."
  "6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ"
  "."
  "AxY8DCtDaGlsbGljb3RoZQ"
  "."
  "KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY"
  "."
  "U0m_YmjN04DJvceFICbCVQ";

/* RFC 7516 A.2 and A.3 */
const char oa2_test_rfc7516_a3_plaintext[] = "Live long and prosper.";

/* ---------------------------------------------------------------------- */
/* RFC 7520 §3 */

/* The members of Figure 1, which Figure 2 repeats. */
#define RFC7520_EC_PUBLIC_MEMBERS \
  "\"kty\":\"EC\"," \
  "\"kid\":\"bilbo.baggins@hobbiton.example\"," \
  "\"use\":\"sig\"," \
  "\"crv\":\"P-521\"," \
  "\"x\":\"AHKZLLOsCOzz5cY97ewNUajB957y-C-U88c3v13nmGZx6sYl_oJXu9" \
    "A5RkTKqjqvjyekWF-7ytDyRXYgCF5cj0Kt\"," \
  "\"y\":\"AdymlHvOiLxXkEhayXQnNCvDX4h9htZaCJN34kfmC6pV5OhQHiraVy" \
    "SsUdaQkAgDPrwQrJmbnX9cwlGfP-HqHZR1\""

/* The members of Figure 3, which Figure 4 repeats. */
#define RFC7520_RSA_PUBLIC_MEMBERS \
  "\"kty\":\"RSA\"," \
  "\"kid\":\"bilbo.baggins@hobbiton.example\"," \
  "\"use\":\"sig\"," \
  "\"n\":\"" OA2_TEST_RFC7520_RSA_N "\"," \
  "\"e\":\"AQAB\""

/* RFC 7520 Figure 1 */
const char oa2_test_rfc7520_ec_public[] =
  "{"
  RFC7520_EC_PUBLIC_MEMBERS
  "}";

/* RFC 7520 Figure 2 */
const char oa2_test_rfc7520_ec_private[] =
  "{"
  RFC7520_EC_PUBLIC_MEMBERS ","
  "\"d\":\"AAhRON2r9cqXX1hg-RoI6R1tX5p2rUAYdmpHZoC1XNM56KtscrX6zb"
    "KipQrCW9CGZH3T4ubpnoTKLDYJ_fF3_rJt\""
  "}";

/* RFC 7520 Figure 3 */
const char oa2_test_rfc7520_rsa_public[] =
  "{"
  RFC7520_RSA_PUBLIC_MEMBERS
  "}";

/* RFC 7520 Figure 4 */
const char oa2_test_rfc7520_rsa_private[] =
  "{"
  RFC7520_RSA_PUBLIC_MEMBERS ","
  "\"d\":\"bWUC9B-EFRIo8kpGfh0ZuyGPvMNKvYWNtB_ikiH9k20eT-O1q_I78e"
    "iZkpXxXQ0UTEs2LsNRS-8uJbvQ-A1irkwMSMkK1J3XTGgdrhCku9gRld"
    "Y7sNA_AKZGh-Q661_42rINLRCe8W-nZ34ui_qOfkLnK9QWDDqpaIsA-b"
    "MwWWSDFu2MUBYwkHTMEzLYGqOe04noqeq1hExBTHBOBdkMXiuFhUq1BU"
    "6l-DqEiWxqg82sXt2h-LMnT3046AOYJoRioz75tSUQfGCshWTBnP5uDj"
    "d18kKhyv07lhfSJdrPdM5Plyl21hsFf4L_mHCuoFau7gdsPfHPxxjVOc"
    "OpBrQzwQ\","
  "\"p\":\"3Slxg_DwTXJcb6095RoXygQCAZ5RnAvZlno1yhHtnUex_fp7AZ_9nR"
    "aO7HX_-SFfGQeutao2TDjDAWU4Vupk8rw9JR0AzZ0N2fvuIAmr_WCsmG"
    "peNqQnev1T7IyEsnh8UMt-n5CafhkikzhEsrmndH6LxOrvRJlsPp6Zv8"
    "bUq0k\","
  "\"q\":\"uKE2dh-cTf6ERF4k4e_jy78GfPYUIaUyoSSJuBzp3Cubk3OCqs6grT"
    "8bR_cu0Dm1MZwWmtdqDyI95HrUeq3MP15vMMON8lHTeZu2lmKvwqW7an"
    "V5UzhM1iZ7z4yMkuUwFWoBvyY898EXvRD-hdqRxHlSqAZ192zB3pVFJ0"
    "s7pFc\","
  "\"dp\":\"B8PVvXkvJrj2L-GYQ7v3y9r6Kw5g9SahXBwsWUzp19TVlgI-YV85q"
    "1NIb1rxQtD-IsXXR3-TanevuRPRt5OBOdiMGQp8pbt26gljYfKU_E9xn"
    "-RULHz0-ed9E9gXLKD4VGngpz-PfQ_q29pk5xWHoJp009Qf1HvChixRX"
    "59ehik\","
  "\"dq\":\"CLDmDGduhylc9o7r84rEUVn7pzQ6PF83Y-iBZx5NT-TpnOZKF1pEr"
    "AMVeKzFEl41DlHHqqBLSM0W1sOFbwTxYWZDm6sI6og5iTbwQGIC3gnJK"
    "bi_7k_vJgGHwHxgPaX2PnvP-zyEkDERuf-ry4c_Z11Cq9AqC2yeL6kdK"
    "T1cYF8\","
  "\"qi\":\"3PiqvXQN0zwMeE-sBvZgi289XP9XCQF3VWqPzMKnIgQp7_Tugo6-N"
    "ZBKCQsMf3HaEGBjTVJs_jcK8-TRXvaKe-7ZMaQj8VfBdYkssbu0NKDDh"
    "jJ-GtiseaDVWt7dcH0cfwxgFUHpQh7FoCrjFJ6h6ZEpMF6xmujs4qMpP"
    "z8aaI4\""
  "}";

/* RFC 7520 Figure 5 */
const char oa2_test_rfc7520_hmac_key[] =
  "{"
  "\"kty\":\"oct\","
  "\"kid\":\"018c0ae5-4d9b-471b-bfd6-eef314bc7037\","
  "\"use\":\"sig\","
  "\"alg\":\"HS256\","
  "\"k\":\"hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg\""
  "}";

/* ---------------------------------------------------------------------- */
/* RFC 7520 §4.1–4.4 */

/* RFC 7520 Figure 7: the payload of §4, which Figure 8 encodes. */
const char oa2_test_rfc7520_payload[] =
  "It\xe2\x80\x99s a dangerous business, Frodo, going out your "
  "door. You step onto the road, and if you don't keep your feet, "
  "there\xe2\x80\x99s no knowing where you might be swept off "
  "to.";

/* RFC 7520 Figure 8: the payload of §4, base64url-encoded */
const char oa2_test_rfc7520_payload_b64[] =
  "SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IH"
  "lvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBk"
  "b24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcm"
  "UgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4";

/* RFC 7520 Figure 13 */
const char oa2_test_rfc7520_4_1[] =
  "eyJhbGciOiJSUzI1NiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZX"
  "hhbXBsZSJ9"
  "."
  "SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IH"
  "lvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBk"
  "b24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcm"
  "UgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4"
  "."
  "MRjdkly7_-oTPTS3AXP41iQIGKa80A0ZmTuV5MEaHoxnW2e5CZ5NlKtainoFmK"
  "ZopdHM1O2U4mwzJdQx996ivp83xuglII7PNDi84wnB-BDkoBwA78185hX-Es4J"
  "IwmDLJK3lfWRa-XtL0RnltuYv746iYTh_qHRD68BNt1uSNCrUCTJDt5aAE6x8w"
  "W1Kt9eRo4QPocSadnHXFxnt8Is9UzpERV0ePPQdLuW3IS_de3xyIrDaLGdjluP"
  "xUAhb6L2aXic1U12podGU0KLUQSE_oI-ZnmKJ3F4uOZDnd6QZWJushZ41Axf_f"
  "cIe8u9ipH84ogoree7vjbU5y18kDquDg";

/* RFC 7520 Figure 20 */
const char oa2_test_rfc7520_4_2[] =
  "eyJhbGciOiJQUzM4NCIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZX"
  "hhbXBsZSJ9"
  "."
  "SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IH"
  "lvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBk"
  "b24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcm"
  "UgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4"
  "."
  "cu22eBqkYDKgIlTpzDXGvaFfz6WGoz7fUDcfT0kkOy42miAh2qyBzk1xEsnk2I"
  "pN6-tPid6VrklHkqsGqDqHCdP6O8TTB5dDDItllVo6_1OLPpcbUrhiUSMxbbXU"
  "vdvWXzg-UD8biiReQFlfz28zGWVsdiNAUf8ZnyPEgVFn442ZdNqiVJRmBqrYRX"
  "e8P_ijQ7p8Vdz0TTrxUeT3lm8d9shnr2lfJT8ImUjvAA2Xez2Mlp8cBE5awDzT"
  "0qI0n6uiP1aCN_2_jLAeQTlqRHtfa64QQSUmFAAjVKPbByi7xho0uTOcbH510a"
  "6GYmJUAfmWjwZ6oD4ifKo8DYM-X72Eaw";

/* RFC 7520 Figure 27 */
const char oa2_test_rfc7520_4_3[] =
  "eyJhbGciOiJFUzUxMiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZX"
  "hhbXBsZSJ9"
  "."
  "SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IH"
  "lvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBk"
  "b24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcm"
  "UgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4"
  "."
  "AE_R_YZCChjn4791jSQCrdPZCNYqHXCTZH0-JZGYNlaAjP2kqaluUIIUnC9qvb"
  "u9Plon7KRTzoNEuT4Va2cmL1eJAQy3mtPBu_u_sDDyYjnAMDxXPn7XrT0lw-kv"
  "AD890jl8e2puQens_IEKBpHABlsbEPX6sFY8OcGDqoRuBomu9xQ2";

/* RFC 7520 Figure 34 */
const char oa2_test_rfc7520_4_4[] =
  "eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LW"
  "VlZjMxNGJjNzAzNyJ9"
  "."
  "SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IH"
  "lvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBk"
  "b24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcm"
  "UgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4"
  "."
  "s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0";


/* ---------------------------------------------------------------------- */
/* Other keys */

/* RFC 8037 A.1 */
const char oa2_test_rfc8037_a1[] =
  "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
  "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\","
  "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";

/* RFC 8037 A.2 */
const char oa2_test_rfc8037_a2[] =
  "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
  "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";

/* RFC 7748 §6.1: "x" must be the public key of "d". */
const char oa2_test_x25519_bob[] =
  "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"kid\":\"Bob\","
  "\"d\":\"XasIfmJKikt54X-Lg4AO5m87sSkmGLb9HC-LJ_-I4Os\","
  "\"x\":\"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08\"}";
const char oa2_test_x25519_alice[] =
  "{\"kty\":\"OKP\",\"crv\":\"X25519\","
  "\"d\":\"dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo\","
  "\"x\":\"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo\"}";

const char oa2_test_rsa_1024[] =
  "{\"kty\":\"RSA\",\"e\":\"AQAB\",\"n\":\"" OA2_TEST_RSA_1024_N "\"}";
