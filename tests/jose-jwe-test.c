/* jose-jwe-test.c: JSON Web Encryption through the public API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Known answers from RFC 7516 appendix A and RFC 7520 §5, decrypted from
 * their compact serializations; round trips of every key management and
 * content encryption pair in scope with generated keys; and every
 * tampering and malformation the decrypter must refuse, each with its
 * error code.
 *
 * Not covered, because this library does not implement them: RFC 7520
 * §5.3 (PBES2-HS512+A256KW) and §5.7 (A256GCMKW), which are only checked
 * to be refused; §5.9 (compressed content, "zip"), also checked to be
 * refused; and §5.10–5.13, which exist only in the JWE JSON
 * serializations (additional authenticated data, unprotected headers,
 * several recipients).
 *
 * The RFC 7520 vectors keep the RFC's line breaks: each wrapped line of
 * the RFC text is one C string literal here. The others are split at a
 * fixed width. Every vector is checked by what it must do: a signature
 * verifies or is reproduced exactly, a token decrypts to the RFC's
 * plaintext, a private key matches its public key.
 */

#include "oa2-test-utils.h"
#include "oa2-jose-test-utils.h"

#include <string.h>

#include <nettle/gcm.h>

/* ---------------------------------------------------------------------- */
/* Helpers */

static char *
object_to_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

static void
assert_decrypts (const char         *compact,
                 OA2Jwk             *key,
                 const char * const *allowed_algs,
                 const char * const *allowed_encs,
                 const void         *plaintext,
                 gsize               plaintext_len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) header = NULL;
  g_autoptr(GBytes) result = oa2_jwe_decrypt (compact, key, allowed_algs, allowed_encs, &header, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpmem (g_bytes_get_data (result, NULL), g_bytes_get_size (result), plaintext, plaintext_len);
  g_assert_nonnull (header);
}

static void
assert_decrypt_fails (const char         *compact,
                      OA2Jwk             *key,
                      const char * const *allowed_algs,
                      const char * const *allowed_encs,
                      OA2Error            code)
{
  g_autoptr(GError) error = NULL;
  JsonObject *header = NULL;
  g_autoptr(GBytes) result = oa2_jwe_decrypt (compact, key, allowed_algs, allowed_encs, &header, &error);

  g_assert_error (error, OA2_ERROR, (gint) code);
  g_assert_null (result);
  /* No header for a token that did not decrypt. */
  g_assert_null (header);
}

static char *
encrypt (const void *plaintext,
         gsize       len,
         OA2Jwk     *key,
         const char *alg,
         const char *enc,
         JsonObject *header)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (plaintext, len);
  char *compact = oa2_jwe_encrypt (bytes, key, alg, enc, header, &error);

  g_assert_no_error (error);
  g_assert_nonnull (compact);
  return compact;
}

/* @compact with part @index cut to @len bytes (decoded). */
static char *
cut_part (const char *compact,
          guint       index,
          gsize       len)
{
  g_autoptr(GBytes) bytes = oa2_test_jwe_get_part (compact, index);
  g_autofree char *part = NULL;

  g_assert_cmpuint (len, <=, g_bytes_get_size (bytes));
  part = oa2_test_b64u_encode (g_bytes_get_data (bytes, NULL), len);
  return oa2_test_jwe_replace_part (compact, index, part);
}

/* The protected header of @compact as a JSON object. */
static JsonObject *
header_of (const char *compact)
{
  g_autoptr(GBytes) bytes = oa2_test_jwe_get_part (compact, 0);
  g_autofree char *json = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return oa2_test_json_object_parse (json);
}

/* @compact with @header as its protected header. */
static char *
with_header (const char *compact,
             JsonObject *header)
{
  g_autofree char *json = object_to_json (header);
  g_autofree char *part = oa2_test_b64u_encode_str (json);

  return oa2_test_jwe_replace_part (compact, 0, part);
}

static const char * const only_rsa1_5[] = { "RSA1_5", NULL };

/* ---------------------------------------------------------------------- */
/* Vectors */

/* RFC 7516 appendix A (keys, tokens and plaintexts) is in
 * oa2-jose-test-utils.c. */

/* RFC 7520 Figure 73 */
static const char rfc7520_rsa1_5_key[] =
  "{"
  "\"kty\":\"RSA\","
  "\"kid\":\"frodo.baggins@hobbiton.example\","
  "\"use\":\"enc\","
  "\"n\":\"maxhbsmBtdQ3CNrKvprUE6n9lYcregDMLYNeTAWcLj8NnPU9XIYegT"
    "HVHQjxKDSHP2l-F5jS7sppG1wgdAqZyhnWvXhYNvcM7RfgKxqNx_xAHx"
    "6f3yy7s-M9PSNCwPC2lh6UAkR4I00EhV9lrypM9Pi4lBUop9t5fS9W5U"
    "NwaAllhrd-osQGPjIeI1deHTwx-ZTHu3C60Pu_LJIl6hKn9wbwaUmA4c"
    "R5Bd2pgbaY7ASgsjCUbtYJaNIHSoHXprUdJZKUMAzV0WOKPfA6OPI4oy"
    "pBadjvMZ4ZAj3BnXaSYsEZhaueTXvZB4eZOAjIyh2e_VOIKVMsnDrJYA"
    "VotGlvMQ\","
  "\"e\":\"AQAB\","
  "\"d\":\"Kn9tgoHfiTVi8uPu5b9TnwyHwG5dK6RE0uFdlpCGnJN7ZEi963R7wy"
    "bQ1PLAHmpIbNTztfrheoAniRV1NCIqXaW_qS461xiDTp4ntEPnqcKsyO"
    "5jMAji7-CL8vhpYYowNFvIesgMoVaPRYMYT9TW63hNM0aWs7USZ_hLg6"
    "Oe1mY0vHTI3FucjSM86Nff4oIENt43r2fspgEPGRrdE6fpLc9Oaq-qeP"
    "1GFULimrRdndm-P8q8kvN3KHlNAtEgrQAgTTgz80S-3VD0FgWfgnb1PN"
    "miuPUxO8OpI9KDIfu_acc6fg14nsNaJqXe6RESvhGPH2afjHqSy_Fd2v"
    "pzj85bQQ\","
  "\"p\":\"2DwQmZ43FoTnQ8IkUj3BmKRf5Eh2mizZA5xEJ2MinUE3sdTYKSLtaE"
    "oekX9vbBZuWxHdVhM6UnKCJ_2iNk8Z0ayLYHL0_G21aXf9-unynEpUsH"
    "7HHTklLpYAzOOx1ZgVljoxAdWNn3hiEFrjZLZGS7lOH-a3QQlDDQoJOJ"
    "2VFmU\","
  "\"q\":\"te8LY4-W7IyaqH1ExujjMqkTAlTeRbv0VLQnfLY2xINnrWdwiQ93_V"
    "F099aP1ESeLja2nw-6iKIe-qT7mtCPozKfVtUYfz5HrJ_XY2kfexJINb"
    "9lhZHMv5p1skZpeIS-GPHCC6gRlKo1q-idn_qxyusfWv7WAxlSVfQfk8"
    "d6Et0\","
  "\"dp\":\"UfYKcL_or492vVc0PzwLSplbg4L3-Z5wL48mwiswbpzOyIgd2xHTH"
    "QmjJpFAIZ8q-zf9RmgJXkDrFs9rkdxPtAsL1WYdeCT5c125Fkdg317JV"
    "RDo1inX7x2Kdh8ERCreW8_4zXItuTl_KiXZNU5lvMQjWbIw2eTx1lpsf"
    "lo0rYU\","
  "\"dq\":\"iEgcO-QfpepdH8FWd7mUFyrXdnOkXJBCogChY6YKuIHGc_p8Le9Mb"
    "pFKESzEaLlN1Ehf3B6oGBl5Iz_ayUlZj2IoQZ82znoUrpa9fVYNot87A"
    "CfzIG7q9Mv7RiPAderZi03tkVXAdaBau_9vs5rS-7HMtxkVrxSUvJY14"
    "TkXlHE\","
  "\"qi\":\"kC-lzZOqoFaZCr5l0tOVtREKoVqaAYhQiqIRGL-MzS4sCmRkxm5vZ"
    "lXYx6RtE1n_AagjqajlkjieGlxTTThHD8Iga6foGBMaAr5uR1hGQpSc7"
    "Gl7CF1DZkBJMTQN6EshYzZfxW08mIO8M6Rzuh0beL6fG9mkDcIyPrBXx"
    "2bQ_mM\""
  "}";

/* RFC 7520 Figure 84 */
static const char rfc7520_rsa_oaep_key[] =
  "{"
  "\"kty\":\"RSA\","
  "\"kid\":\"samwise.gamgee@hobbiton.example\","
  "\"use\":\"enc\","
  "\"n\":\"wbdxI55VaanZXPY29Lg5hdmv2XhvqAhoxUkanfzf2-5zVUxa6prHRr"
    "I4pP1AhoqJRlZfYtWWd5mmHRG2pAHIlh0ySJ9wi0BioZBl1XP2e-C-Fy"
    "XJGcTy0HdKQWlrfhTm42EW7Vv04r4gfao6uxjLGwfpGrZLarohiWCPnk"
    "Nrg71S2CuNZSQBIPGjXfkmIy2tl_VWgGnL22GplyXj5YlBLdxXp3XeSt"
    "sqo571utNfoUTU8E4qdzJ3U1DItoVkPGsMwlmmnJiwA7sXRItBCivR4M"
    "5qnZtdw-7v4WuR4779ubDuJ5nalMv2S66-RPcnFAzWSKxtBDnFJJDGIU"
    "e7Tzizjg1nms0Xq_yPub_UOlWn0ec85FCft1hACpWG8schrOBeNqHBOD"
    "FskYpUc2LC5JA2TaPF2dA67dg1TTsC_FupfQ2kNGcE1LgprxKHcVWYQb"
    "86B-HozjHZcqtauBzFNV5tbTuB-TpkcvJfNcFLlH3b8mb-H_ox35FjqB"
    "SAjLKyoeqfKTpVjvXhd09knwgJf6VKq6UC418_TOljMVfFTWXUxlnfhO"
    "OnzW6HSSzD1c9WrCuVzsUMv54szidQ9wf1cYWf3g5qFDxDQKis99gcDa"
    "iCAwM3yEBIzuNeeCa5dartHDb1xEB_HcHSeYbghbMjGfasvKn0aZRsnT"
    "yC0xhWBlsolZE\","
  "\"e\":\"AQAB\","
  "\"alg\":\"RSA-OAEP\","
  "\"d\":\"n7fzJc3_WG59VEOBTkayzuSMM780OJQuZjN_KbH8lOZG25ZoA7T4Bx"
    "cc0xQn5oZE5uSCIwg91oCt0JvxPcpmqzaJZg1nirjcWZ-oBtVk7gCAWq"
    "-B3qhfF3izlbkosrzjHajIcY33HBhsy4_WerrXg4MDNE4HYojy68TcxT"
    "2LYQRxUOCf5TtJXvM8olexlSGtVnQnDRutxEUCwiewfmmrfveEogLx9E"
    "A-KMgAjTiISXxqIXQhWUQX1G7v_mV_Hr2YuImYcNcHkRvp9E7ook0876"
    "DhkO8v4UOZLwA1OlUX98mkoqwc58A_Y2lBYbVx1_s5lpPsEqbbH-nqIj"
    "h1fL0gdNfihLxnclWtW7pCztLnImZAyeCWAG7ZIfv-Rn9fLIv9jZ6r7r"
    "-MSH9sqbuziHN2grGjD_jfRluMHa0l84fFKl6bcqN1JWxPVhzNZo01yD"
    "F-1LiQnqUYSepPf6X3a2SOdkqBRiquE6EvLuSYIDpJq3jDIsgoL8Mo1L"
    "oomgiJxUwL_GWEOGu28gplyzm-9Q0U0nyhEf1uhSR8aJAQWAiFImWH5W"
    "_IQT9I7-yrindr_2fWQ_i1UgMsGzA7aOGzZfPljRy6z-tY_KuBG00-28"
    "S_aWvjyUc-Alp8AUyKjBZ-7CWH32fGWK48j1t-zomrwjL_mnhsPbGs0c"
    "9WsWgRzI-K8gE\","
  "\"p\":\"7_2v3OQZzlPFcHyYfLABQ3XP85Es4hCdwCkbDeltaUXgVy9l9etKgh"
    "vM4hRkOvbb01kYVuLFmxIkCDtpi-zLCYAdXKrAK3PtSbtzld_XZ9nlsY"
    "a_QZWpXB_IrtFjVfdKUdMz94pHUhFGFj7nr6NNxfpiHSHWFE1zD_AC3m"
    "Y46J961Y2LRnreVwAGNw53p07Db8yD_92pDa97vqcZOdgtybH9q6uma-"
    "RFNhO1AoiJhYZj69hjmMRXx-x56HO9cnXNbmzNSCFCKnQmn4GQLmRj9s"
    "fbZRqL94bbtE4_e0Zrpo8RNo8vxRLqQNwIy85fc6BRgBJomt8QdQvIgP"
    "gWCv5HoQ\","
  "\"q\":\"zqOHk1P6WN_rHuM7ZF1cXH0x6RuOHq67WuHiSknqQeefGBA9PWs6Zy"
    "KQCO-O6mKXtcgE8_Q_hA2kMRcKOcvHil1hqMCNSXlflM7WPRPZu2qCDc"
    "qssd_uMbP-DqYthH_EzwL9KnYoH7JQFxxmcv5An8oXUtTwk4knKjkIYG"
    "RuUwfQTus0w1NfjFAyxOOiAQ37ussIcE6C6ZSsM3n41UlbJ7TCqewzVJ"
    "aPJN5cxjySPZPD3Vp01a9YgAD6a3IIaKJdIxJS1ImnfPevSJQBE79-EX"
    "e2kSwVgOzvt-gsmM29QQ8veHy4uAqca5dZzMs7hkkHtw1z0jHV90epQJ"
    "JlXXnH8Q\","
  "\"dp\":\"19oDkBh1AXelMIxQFm2zZTqUhAzCIr4xNIGEPNoDt1jK83_FJA-xn"
    "x5kA7-1erdHdms_Ef67HsONNv5A60JaR7w8LHnDiBGnjdaUmmuO8XAxQ"
    "J_ia5mxjxNjS6E2yD44USo2JmHvzeeNczq25elqbTPLhUpGo1IZuG72F"
    "ZQ5gTjXoTXC2-xtCDEUZfaUNh4IeAipfLugbpe0JAFlFfrTDAMUFpC3i"
    "XjxqzbEanflwPvj6V9iDSgjj8SozSM0dLtxvu0LIeIQAeEgT_yXcrKGm"
    "pKdSO08kLBx8VUjkbv_3Pn20Gyu2YEuwpFlM_H1NikuxJNKFGmnAq9Lc"
    "nwwT0jvoQ\","
  "\"dq\":\"S6p59KrlmzGzaQYQM3o0XfHCGvfqHLYjCO557HYQf72O9kLMCfd_1"
    "VBEqeD-1jjwELKDjck8kOBl5UvohK1oDfSP1DleAy-cnmL29DqWmhgwM"
    "1ip0CCNmkmsmDSlqkUXDi6sAaZuntyukyflI-qSQ3C_BafPyFaKrt1fg"
    "dyEwYa08pESKwwWisy7KnmoUvaJ3SaHmohFS78TJ25cfc10wZ9hQNOrI"
    "ChZlkiOdFCtxDqdmCqNacnhgE3bZQjGp3n83ODSz9zwJcSUvODlXBPc2"
    "AycH6Ci5yjbxt4Ppox_5pjm6xnQkiPgj01GpsUssMmBN7iHVsrE7N2iz"
    "nBNCeOUIQ\","
  "\"qi\":\"FZhClBMywVVjnuUud-05qd5CYU0dK79akAgy9oX6RX6I3IIIPckCc"
    "iRrokxglZn-omAY5CnCe4KdrnjFOT5YUZE7G_Pg44XgCXaarLQf4hl80"
    "oPEf6-jJ5Iy6wPRx7G2e8qLxnh9cOdf-kRqgOS3F48Ucvw3ma5V6KGMw"
    "QqWFeV31XtZ8l5cVI-I3NzBS7qltpUVgz2Ju021eyc7IlqgzR98qKONl"
    "27DuEES0aK0WE97jnsyO27Yp88Wa2RiBrEocM89QZI1seJiGDizHRUP4"
    "UZxw9zsXww46wy0P6f9grnYp7t8LkyDDk8eoI4KX6SNMNVcyVS9IWjlq"
    "8EzqZEKIA\""
  "}";

/* RFC 7520 Figure 108 */
static const char rfc7520_p384_key[] =
  "{"
  "\"kty\":\"EC\","
  "\"kid\":\"peregrin.took@tuckborough.example\","
  "\"use\":\"enc\","
  "\"crv\":\"P-384\","
  "\"x\":\"YU4rRUzdmVqmRtWOs2OpDE_T5fsNIodcG8G5FWPrTPMyxpzsSOGaQL"
    "pe2FpxBmu2\","
  "\"y\":\"A8-yxCHxkfBz3hKZfI1jUYMjUhsEveZ9THuwFjH2sCNdtksRJU7D5-"
    "SkgaFL1ETP\","
  "\"d\":\"iTx2pk7wW-GqJkHcEkFQb2EFyYcO7RugmaW3mRrQVAOUiPommT0Idn"
    "YK2xDlZh-j\""
  "}";

/* RFC 7520 Figure 120 */
static const char rfc7520_p256_key[] =
  "{"
  "\"kty\":\"EC\","
  "\"kid\":\"meriadoc.brandybuck@buckland.example\","
  "\"use\":\"enc\","
  "\"crv\":\"P-256\","
  "\"x\":\"Ze2loSV3wrroKUN_4zhwGhCqo3Xhu1td4QjeQ5wIVR0\","
  "\"y\":\"HlLtdXARY_f55A3fnzQbPcm6hgr34Mp8p-nuzQCE0Zw\","
  "\"d\":\"r_kHyZ-a06rmxM3yESK84r1otSg-aQcVStkRhA-iCM8\""
  "}";

/* RFC 7520 Figure 130 */
static const char rfc7520_dir_key[] =
  "{"
  "\"kty\":\"oct\","
  "\"kid\":\"77c7e2b8-6e13-45cf-8672-617b5b45243a\","
  "\"use\":\"enc\","
  "\"alg\":\"A128GCM\","
  "\"k\":\"XctOhJAkA-pD9Lh7ZgW_2A\""
  "}";

/* RFC 7520 Figure 151 */
static const char rfc7520_a128kw_key[] =
  "{"
  "\"kty\":\"oct\","
  "\"kid\":\"81b20965-8332-43d9-a468-82160ad91ac8\","
  "\"use\":\"enc\","
  "\"alg\":\"A128KW\","
  "\"k\":\"GZy6sIZ6wl9NJOKB-jnmVQ\""
  "}";

/* RFC 7520 Figure 81 */
static const char rfc7520_5_1[] =
  "eyJhbGciOiJSU0ExXzUiLCJraWQiOiJmcm9kby5iYWdnaW5zQGhvYmJpdG9uLm"
  "V4YW1wbGUiLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0"
  "."
  "laLxI0j-nLH-_BgLOXMozKxmy9gffy2gTdvqzfTihJBuuzxg0V7yk1WClnQePF"
  "vG2K-pvSlWc9BRIazDrn50RcRai__3TDON395H3c62tIouJJ4XaRvYHFjZTZ2G"
  "Xfz8YAImcc91Tfk0WXC2F5Xbb71ClQ1DDH151tlpH77f2ff7xiSxh9oSewYrcG"
  "TSLUeeCt36r1Kt3OSj7EyBQXoZlN7IxbyhMAfgIe7Mv1rOTOI5I8NQqeXXW8Vl"
  "zNmoxaGMny3YnGir5Wf6Qt2nBq4qDaPdnaAuuGUGEecelIO1wx1BpyIfgvfjOh"
  "MBs9M8XL223Fg47xlGsMXdfuY-4jaqVw"
  "."
  "bbd5sTkYwhAIqfHsx8DayA"
  "."
  "0fys_TY_na7f8dwSfXLiYdHaA2DxUjD67ieF7fcVbIR62JhJvGZ4_FNVSiGc_r"
  "aa0HnLQ6s1P2sv3Xzl1p1l_o5wR_RsSzrS8Z-wnI3Jvo0mkpEEnlDmZvDu_k8O"
  "WzJv7eZVEqiWKdyVzFhPpiyQU28GLOpRc2VbVbK4dQKPdNTjPPEmRqcaGeTWZV"
  "yeSUvf5k59yJZxRuSvWFf6KrNtmRdZ8R4mDOjHSrM_s8uwIFcqt4r5GX8TKaI0"
  "zT5CbL5Qlw3sRc7u_hg0yKVOiRytEAEs3vZkcfLkP6nbXdC_PkMdNS-ohP78T2"
  "O6_7uInMGhFeX4ctHG7VelHGiT93JfWDEQi5_V9UN1rhXNrYu-0fVMkZAKX3VW"
  "i7lzA6BP430m"
  "."
  "kvKuFBXHe5mQr4lqgobAUg";

/* RFC 7520 Figure 92 */
static const char rfc7520_5_2[] =
  "eyJhbGciOiJSU0EtT0FFUCIsImtpZCI6InNhbXdpc2UuZ2FtZ2VlQGhvYmJpdG"
  "9uLmV4YW1wbGUiLCJlbmMiOiJBMjU2R0NNIn0"
  "."
  "rT99rwrBTbTI7IJM8fU3Eli7226HEB7IchCxNuh7lCiud48LxeolRdtFF4nzQi"
  "beYOl5S_PJsAXZwSXtDePz9hk-BbtsTBqC2UsPOdwjC9NhNupNNu9uHIVftDyu"
  "cvI6hvALeZ6OGnhNV4v1zx2k7O1D89mAzfw-_kT3tkuorpDU-CpBENfIHX1Q58"
  "-Aad3FzMuo3Fn9buEP2yXakLXYa15BUXQsupM4A1GD4_H4Bd7V3u9h8Gkg8Bpx"
  "KdUV9ScfJQTcYm6eJEBz3aSwIaK4T3-dwWpuBOhROQXBosJzS1asnuHtVMt2pK"
  "IIfux5BC6huIvmY7kzV7W7aIUrpYm_3H4zYvyMeq5pGqFmW2k8zpO878TRlZx7"
  "pZfPYDSXZyS0CfKKkMozT_qiCwZTSz4duYnt8hS4Z9sGthXn9uDqd6wycMagnQ"
  "fOTs_lycTWmY-aqWVDKhjYNRf03NiwRtb5BE-tOdFwCASQj3uuAgPGrO2AWBe3"
  "8UjQb0lvXn1SpyvYZ3WFc7WOJYaTa7A8DRn6MC6T-xDmMuxC0G7S2rscw5lQQU"
  "06MvZTlFOt0UvfuKBa03cxA_nIBIhLMjY2kOTxQMmpDPTr6Cbo8aKaOnx6ASE5"
  "Jx9paBpnNmOOKH35j_QlrQhDWUN6A2Gg8iFayJ69xDEdHAVCGRzN3woEI2ozDR"
  "s"
  "."
  "-nBoKLH0YkLZPSI9"
  "."
  "o4k2cnGN8rSSw3IDo1YuySkqeS_t2m1GXklSgqBdpACm6UJuJowOHC5ytjqYgR"
  "L-I-soPlwqMUf4UgRWWeaOGNw6vGW-xyM01lTYxrXfVzIIaRdhYtEMRBvBWbEw"
  "P7ua1DRfvaOjgZv6Ifa3brcAM64d8p5lhhNcizPersuhw5f-pGYzseva-TUaL8"
  "iWnctc-sSwy7SQmRkfhDjwbz0fz6kFovEgj64X1I5s7E6GLp5fnbYGLa1QUiML"
  "7Cc2GxgvI7zqWo0YIEc7aCflLG1-8BboVWFdZKLK9vNoycrYHumwzKluLWEbSV"
  "maPpOslY2n525DxDfWaVFUfKQxMF56vn4B9QMpWAbnypNimbM8zVOw"
  "."
  "UCGiqJxhBI3IFVdPalHHvA";

/* RFC 7520 Figure 105 */
static const char rfc7520_5_3[] =
  "eyJhbGciOiJQQkVTMi1IUzUxMitBMjU2S1ciLCJwMnMiOiI4UTFTemluYXNSM3"
  "hjaFl6NlpaY0hBIiwicDJjIjo4MTkyLCJjdHkiOiJqd2stc2V0K2pzb24iLCJl"
  "bmMiOiJBMTI4Q0JDLUhTMjU2In0"
  "."
  "d3qNhUWfqheyPp4H8sjOWsDYajoej4c5Je6rlUtFPWdgtURtmeDV1g"
  "."
  "VBiCzVHNoLiR3F4V82uoTQ"
  "."
  "23i-Tb1AV4n0WKVSSgcQrdg6GRqsUKxjruHXYsTHAJLZ2nsnGIX86vMXqIi6IR"
  "sfywCRFzLxEcZBRnTvG3nhzPk0GDD7FMyXhUHpDjEYCNA_XOmzg8yZR9oyjo6l"
  "TF6si4q9FZ2EhzgFQCLO_6h5EVg3vR75_hkBsnuoqoM3dwejXBtIodN84PeqMb"
  "6asmas_dpSsz7H10fC5ni9xIz424givB1YLldF6exVmL93R3fOoOJbmk2GBQZL"
  "_SEGllv2cQsBgeprARsaQ7Bq99tT80coH8ItBjgV08AtzXFFsx9qKvC982KLKd"
  "PQMTlVJKkqtV4Ru5LEVpBZXBnZrtViSOgyg6AiuwaS-rCrcD_ePOGSuxvgtrok"
  "AKYPqmXUeRdjFJwafkYEkiuDCV9vWGAi1DH2xTafhJwcmywIyzi4BqRpmdn_N-"
  "zl5tuJYyuvKhjKv6ihbsV_k1hJGPGAxJ6wUpmwC4PTQ2izEm0TuSE8oMKdTw8V"
  "3kobXZ77ulMwDs4p"
  "."
  "0HlwodAhOCILG5SQ2LQ9dg";

/* RFC 7520 Figure 117 */
static const char rfc7520_5_4[] =
  "eyJhbGciOiJFQ0RILUVTK0ExMjhLVyIsImtpZCI6InBlcmVncmluLnRvb2tAdH"
  "Vja2Jvcm91Z2guZXhhbXBsZSIsImVwayI6eyJrdHkiOiJFQyIsImNydiI6IlAt"
  "Mzg0IiwieCI6InVCbzRrSFB3Nmtiang1bDB4b3dyZF9vWXpCbWF6LUdLRlp1NH"
  "hBRkZrYllpV2d1dEVLNml1RURzUTZ3TmROZzMiLCJ5Ijoic3AzcDVTR2haVkMy"
  "ZmFYdW1JLWU5SlUyTW84S3BvWXJGRHI1eVBOVnRXNFBnRXdaT3lRVEEtSmRhWT"
  "h0YjdFMCJ9LCJlbmMiOiJBMTI4R0NNIn0"
  "."
  "0DJjBXri_kBcC46IkU5_Jk9BqaQeHdv2"
  "."
  "mH-G2zVqgztUtnW_"
  "."
  "tkZuOO9h95OgHJmkkrfLBisku8rGf6nzVxhRM3sVOhXgz5NJ76oID7lpnAi_cP"
  "WJRCjSpAaUZ5dOR3Spy7QuEkmKx8-3RCMhSYMzsXaEwDdXta9Mn5B7cCBoJKB0"
  "IgEnj_qfo1hIi-uEkUpOZ8aLTZGHfpl05jMwbKkTe2yK3mjF6SBAsgicQDVCkc"
  "Y9BLluzx1RmC3ORXaM0JaHPB93YcdSDGgpgBWMVrNU1ErkjcMqMoT_wtCex3w0"
  "3XdLkjXIuEr2hWgeP-nkUZTPU9EoGSPj6fAS-bSz87RCPrxZdj_iVyC6QWcqAu"
  "07WNhjzJEPc4jVntRJ6K53NgPQ5p99l3Z408OUqj4ioYezbS6vTPlQ"
  "."
  "WuGzxmcreYjpHGJoa17EBg";

/* RFC 7520 Figure 128 */
static const char rfc7520_5_5[] =
  "eyJhbGciOiJFQ0RILUVTIiwia2lkIjoibWVyaWFkb2MuYnJhbmR5YnVja0BidW"
  "NrbGFuZC5leGFtcGxlIiwiZXBrIjp7Imt0eSI6IkVDIiwiY3J2IjoiUC0yNTYi"
  "LCJ4IjoibVBVS1RfYkFXR0hJaGcwVHBqanFWc1AxclhXUXVfdndWT0hIdE5rZF"
  "lvQSIsInkiOiI4QlFBc0ltR2VBUzQ2ZnlXdzVNaFlmR1RUMElqQnBGdzJTUzM0"
  "RHY0SXJzIn0sImVuYyI6IkExMjhDQkMtSFMyNTYifQ"
  "."
  "."
  "yc9N8v5sYyv3iGQT926IUg"
  "."
  "BoDlwPnTypYq-ivjmQvAYJLb5Q6l-F3LIgQomlz87yW4OPKbWE1zSTEFjDfhU9"
  "IPIOSA9Bml4m7iDFwA-1ZXvHteLDtw4R1XRGMEsDIqAYtskTTmzmzNa-_q4F_e"
  "vAPUmwlO-ZG45Mnq4uhM1fm_D9rBtWolqZSF3xGNNkpOMQKF1Cl8i8wjzRli7-"
  "IXgyirlKQsbhhqRzkv8IcY6aHl24j03C-AR2le1r7URUhArM79BY8soZU0lzwI"
  "-sD5PZ3l4NDCCei9XkoIAfsXJWmySPoeRb2Ni5UZL4mYpvKDiwmyzGd65KqVw7"
  "MsFfI_K767G9C9Azp73gKZD0DyUn1mn0WW5LmyX_yJ-3AROq8p1WZBfG-ZyJ61"
  "95_JGG2m9Csg"
  "."
  "WCCkNa-x4BeB9hIDIfFuhg";

/* RFC 7520 Figure 136 */
static const char rfc7520_5_6[] =
  "eyJhbGciOiJkaXIiLCJraWQiOiI3N2M3ZTJiOC02ZTEzLTQ1Y2YtODY3Mi02MT"
  "diNWI0NTI0M2EiLCJlbmMiOiJBMTI4R0NNIn0"
  "."
  "."
  "refa467QzzKx6QAB"
  "."
  "JW_i_f52hww_ELQPGaYyeAB6HYGcR559l9TYnSovc23XJoBcW29rHP8yZOZG7Y"
  "hLpT1bjFuvZPjQS-m0IFtVcXkZXdH_lr_FrdYt9HRUYkshtrMmIUAyGmUnd9zM"
  "DB2n0cRDIHAzFVeJUDxkUwVAE7_YGRPdcqMyiBoCO-FBdE-Nceb4h3-FtBP-c_"
  "BIwCPTjb9o0SbdcdREEMJMyZBH8ySWMVi1gPD9yxi-aQpGbSv_F9N4IZAxscj5"
  "g-NJsUPbjk29-s7LJAGb15wEBtXphVCgyy53CoIKLHHeJHXex45Uz9aKZSRSIn"
  "ZI-wjsY0yu3cT4_aQ3i1o-tiE-F8Ios61EKgyIQ4CWao8PFMj8TTnp"
  "."
  "vbb32Xvllea2OtmHAdccRQ";

/* RFC 7520 Figure 148 */
static const char rfc7520_5_7[] =
  "eyJhbGciOiJBMjU2R0NNS1ciLCJraWQiOiIxOGVjMDhlMS1iZmE5LTRkOTUtYj"
  "IwNS0yYjRkZDFkNDMyMWQiLCJ0YWciOiJrZlBkdVZRM1QzSDZ2bmV3dC0ta3N3"
  "IiwiaXYiOiJLa1lUMEdYXzJqSGxmcU5fIiwiZW5jIjoiQTEyOENCQy1IUzI1Ni"
  "J9"
  "."
  "lJf3HbOApxMEBkCMOoTnnABxs_CvTWUmZQ2ElLvYNok"
  "."
  "gz6NjyEFNm_vm8Gj6FwoFQ"
  "."
  "Jf5p9-ZhJlJy_IQ_byKFmI0Ro7w7G1QiaZpI8OaiVgD8EqoDZHyFKFBupS8iaE"
  "eVIgMqWmsuJKuoVgzR3YfzoMd3GxEm3VxNhzWyWtZKX0gxKdy6HgLvqoGNbZCz"
  "LjqcpDiF8q2_62EVAbr2uSc2oaxFmFuIQHLcqAHxy51449xkjZ7ewzZaGV3eFq"
  "hpco8o4DijXaG5_7kp3h2cajRfDgymuxUbWgLqaeNQaJtvJmSMFuEOSAzw9Hde"
  "b6yhdTynCRmu-kqtO5Dec4lT2OMZKpnxc_F1_4yDJFcqb5CiDSmA-psB2k0Jtj"
  "xAj4UPI61oONK7zzFIu4gBfjJCndsZfdvG7h8wGjV98QhrKEnR7xKZ3KCr0_qR"
  "1B-gxpNk3xWU"
  "."
  "DKW7jrb4WaRSNfbXVPlT5g";

/* RFC 7520 Figure 159 */
static const char rfc7520_5_8[] =
  "eyJhbGciOiJBMTI4S1ciLCJraWQiOiI4MWIyMDk2NS04MzMyLTQzZDktYTQ2OC"
  "04MjE2MGFkOTFhYzgiLCJlbmMiOiJBMTI4R0NNIn0"
  "."
  "CBI6oDw8MydIx1IBntf_lQcw2MmJKIQx"
  "."
  "Qx0pmsDa8KnJc9Jo"
  "."
  "AwliP-KmWgsZ37BvzCefNen6VTbRK3QMA4TkvRkH0tP1bTdhtFJgJxeVmJkLD6"
  "1A1hnWGetdg11c9ADsnWgL56NyxwSYjU1ZEHcGkd3EkU0vjHi9gTlb90qSYFfe"
  "F0LwkcTtjbYKCsiNJQkcIp1yeM03OmuiYSoYJVSpf7ej6zaYcMv3WwdxDFl8RE"
  "wOhNImk2Xld2JXq6BR53TSFkyT7PwVLuq-1GwtGHlQeg7gDT6xW0JqHDPn_H-p"
  "uQsmthc9Zg0ojmJfqqFvETUxLAF-KjcBTS5dNy6egwkYtOt8EIHK-oEsKYtZRa"
  "a8Z7MOZ7UGxGIMvEmxrGCPeJa14slv2-gaqK0kEThkaSqdYw0FkQZF"
  "."
  "ER7MWJZ1FBI_NKvn7Zb1Lw";

/* RFC 7520 Figure 170 */
static const char rfc7520_5_9[] =
  "eyJhbGciOiJBMTI4S1ciLCJraWQiOiI4MWIyMDk2NS04MzMyLTQzZDktYTQ2OC"
  "04MjE2MGFkOTFhYzgiLCJlbmMiOiJBMTI4R0NNIiwiemlwIjoiREVGIn0"
  "."
  "5vUT2WOtQxKWcekM_IzVQwkGgzlFDwPi"
  "."
  "p9pUq6XHY0jfEZIl"
  "."
  "HbDtOsdai1oYziSx25KEeTxmwnh8L8jKMFNc1k3zmMI6VB8hry57tDZ61jXyez"
  "SPt0fdLVfe6Jf5y5-JaCap_JQBcb5opbmT60uWGml8blyiMQmOn9J--XhhlYg0"
  "m-BHaqfDO5iTOWxPxFMUedx7WCy8mxgDHj0aBMG6152PsM-w5E_o2B3jDbrYBK"
  "hpYA7qi3AyijnCJ7BP9rr3U8kxExCpG3mK420TjOw"
  "."
  "VILuUwuIxaLVmh5X-T7kmA";

/* RFC 7520 Figure 72: the plaintext of §5. */
static const char rfc7520_plaintext[] =
  "You can trust us to stick with you through thick and "
  "thin\xe2\x80\x93to the bitter end. And you can trust us to "
  "keep any secret of yours\xe2\x80\x93" "closer than you keep it "
  "yourself. But you cannot trust us to let you face trouble "
  "alone, and go off without a word. We are your friends, Frodo.";

/* ---------------------------------------------------------------------- */
/* RFC 7516 appendix A */

static void
test_rfc7516_a1 (void)
{
  static const char * const algs[] = { "RSA-OAEP", NULL };
  static const char * const encs[] = { "A256GCM", NULL };
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc7516_a1_key);
  g_autoptr(OA2Jwk) public_key = oa2_jwk_dup_public (key);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) header = NULL;
  g_autoptr(GBytes) plaintext = oa2_jwe_decrypt (oa2_test_rfc7516_a1, key, NULL, NULL, &header, &error);

  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (plaintext, NULL), g_bytes_get_size (plaintext),
                   oa2_test_rfc7516_a1_plaintext, strlen (oa2_test_rfc7516_a1_plaintext));
  g_assert_cmpstr (json_object_get_string_member (header, "alg"), ==, "RSA-OAEP");
  g_assert_cmpstr (json_object_get_string_member (header, "enc"), ==, "A256GCM");
  g_assert_cmpuint (json_object_get_size (header), ==, 2);
  assert_decrypts (oa2_test_rfc7516_a1, key, algs, encs,
                   oa2_test_rfc7516_a1_plaintext, strlen (oa2_test_rfc7516_a1_plaintext));
  /* Decrypting takes the private key. */
  assert_decrypt_fails (oa2_test_rfc7516_a1, public_key, NULL, NULL, OA2_ERROR_KEY_MISMATCH);
}

/* A.2 is RSA1_5: refused unless asked for. */
static void
test_rfc7516_a2 (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc7516_a2_key);

  assert_decrypt_fails (oa2_test_rfc7516_a2, key, NULL, NULL, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_decrypts (oa2_test_rfc7516_a2, key, only_rsa1_5, NULL,
                   oa2_test_rfc7516_a3_plaintext, strlen (oa2_test_rfc7516_a3_plaintext));
}

static void
test_rfc7516_a3 (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse ("{\"kty\":\"oct\",\"k\":\"GawgguFyGrWKav7AX4VKUg\"}");
  g_autoptr(OA2Jwk) other = oa2_test_jwk_parse ("{\"kty\":\"oct\",\"k\":\"GZy6sIZ6wl9NJOKB-jnmVQ\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) header = NULL;
  g_autoptr(GBytes) plaintext = oa2_jwe_decrypt (oa2_test_rfc7516_a3, key, NULL, NULL, &header, &error);

  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (plaintext, NULL), g_bytes_get_size (plaintext),
                   oa2_test_rfc7516_a3_plaintext, strlen (oa2_test_rfc7516_a3_plaintext));
  g_assert_cmpstr (json_object_get_string_member (header, "alg"), ==, "A128KW");
  g_assert_cmpstr (json_object_get_string_member (header, "enc"), ==, "A128CBC-HS256");
  /* Another 128-bit key fails the key unwrap's integrity check. */
  assert_decrypt_fails (oa2_test_rfc7516_a3, other, NULL, NULL, OA2_ERROR_DECRYPTION_FAILED);
}

/* ---------------------------------------------------------------------- */
/* RFC 7520 §5 */

/* @compact decrypts with @key, where @allowed_algs allow, to the
 * plaintext of RFC 7520 §5 (Figure 72), under a protected header with
 * @alg, @enc and @kid; that header goes to @out_header, if not NULL. */
static void
assert_rfc7520_decrypts (const char          *compact,
                         OA2Jwk              *key,
                         const char * const  *allowed_algs,
                         const char          *alg,
                         const char          *enc,
                         const char          *kid,
                         JsonObject         **out_header)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) header = NULL;
  g_autoptr(GBytes) plaintext = oa2_jwe_decrypt (compact, key, allowed_algs, NULL, &header, &error);

  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (plaintext, NULL), g_bytes_get_size (plaintext),
                   rfc7520_plaintext, strlen (rfc7520_plaintext));
  g_assert_cmpstr (json_object_get_string_member (header, "alg"), ==, alg);
  g_assert_cmpstr (json_object_get_string_member (header, "enc"), ==, enc);
  g_assert_cmpstr (json_object_get_string_member (header, "kid"), ==, kid);
  if (out_header != NULL)
    *out_header = g_steal_pointer (&header);
}

static void
test_rfc7520_5_1 (void)
{
  static const char * const oaep_only[] = { "RSA-OAEP", "RSA-OAEP-256", NULL };
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (rfc7520_rsa1_5_key);

  /* RSA1_5 invites padding-oracle attacks: refused by default and when
   * the caller lists other algorithms. */
  assert_decrypt_fails (rfc7520_5_1, key, NULL, NULL, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_decrypt_fails (rfc7520_5_1, key, oaep_only, NULL, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_rfc7520_decrypts (rfc7520_5_1, key, only_rsa1_5, "RSA1_5", "A128CBC-HS256",
                           "frodo.baggins@hobbiton.example", NULL);
}

static void
test_rfc7520_5_2 (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (rfc7520_rsa_oaep_key);

  g_assert_cmpuint (oa2_jwk_get_bits (key), ==, 4096);
  g_assert_cmpstr (oa2_jwk_get_alg (key), ==, "RSA-OAEP");
  assert_rfc7520_decrypts (rfc7520_5_2, key, NULL, "RSA-OAEP", "A256GCM", "samwise.gamgee@hobbiton.example", NULL);
}

static void
test_rfc7520_5_4 (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (rfc7520_p384_key);
  g_autoptr(JsonObject) header = NULL;
  JsonObject *epk;

  g_assert_cmpstr (oa2_jwk_get_crv (key), ==, "P-384");
  assert_rfc7520_decrypts (rfc7520_5_4, key, NULL, "ECDH-ES+A128KW", "A128GCM", "peregrin.took@tuckborough.example",
                           &header);
  epk = json_object_get_object_member (header, "epk");
  g_assert_cmpstr (json_object_get_string_member (epk, "crv"), ==, "P-384");
  g_assert_cmpstr (json_object_get_string_member (epk, "x"), ==,
                   "uBo4kHPw6kbjx5l0xowrd_oYzBmaz-GKFZu4xAFFkbYiWgutEK6i"
                   "uEDsQ6wNdNg3");
}

static void
test_rfc7520_5_5 (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (rfc7520_p256_key);
  g_autoptr(OA2Jwk) public_key = oa2_jwk_dup_public (key);

  assert_rfc7520_decrypts (rfc7520_5_5, key, NULL, "ECDH-ES", "A128CBC-HS256", "meriadoc.brandybuck@buckland.example",
                           NULL);
  /* Key agreement takes the private key. */
  assert_decrypt_fails (rfc7520_5_5, public_key, NULL, NULL, OA2_ERROR_KEY_MISMATCH);
}

/* §5.6: the key of Figure 130 names "A128GCM", the content encryption
 * algorithm, as its "alg"; see /oa2/jose/jwk/rfc7520/3.6-enc-alg. */
static void
test_rfc7520_5_6 (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (rfc7520_dir_key);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) message = g_bytes_new_static ("x", 1);
  g_autofree char *token = NULL;
  g_autofree char *refused = NULL;

  g_assert_cmpstr (oa2_jwk_get_alg (key), ==, "A128GCM");
  assert_rfc7520_decrypts (rfc7520_5_6, key, NULL, "dir", "A128GCM", "77c7e2b8-6e13-45cf-8672-617b5b45243a", NULL);

  /* The key serves "dir" with A128GCM, and nothing else. */
  token = oa2_jwe_encrypt (message, key, "dir", "A128GCM", NULL, &error);
  g_assert_no_error (error);
  assert_decrypts (token, key, NULL, NULL, "x", 1);
  refused = oa2_jwe_encrypt (message, key, "A128KW", "A128GCM", NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  g_assert_null (refused);
}

static void
test_rfc7520_5_8 (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (rfc7520_a128kw_key);

  g_assert_cmpstr (oa2_jwk_get_alg (key), ==, "A128KW");
  assert_rfc7520_decrypts (rfc7520_5_8, key, NULL, "A128KW", "A128GCM", "81b20965-8332-43d9-a468-82160ad91ac8", NULL);
}

/* Out of scope, and refused as such: PBES2 (§5.3), AES-GCM key wrap
 * (§5.7), compressed content (§5.9). */
static void
test_rfc7520_refused (void)
{
  static const char * const pbes2[] = { "PBES2-HS512+A256KW", NULL };
  static const char * const gcmkw[] = { "A256GCMKW", NULL };
  static const char * const kw[] = { "A128KW", NULL };
  g_autoptr(OA2Jwk) a128kw = oa2_test_jwk_parse (rfc7520_a128kw_key);
  /* §5.7's key is Figure 138, a 256-bit AES key. */
  g_autoptr(OA2Jwk) aes256 = oa2_test_jwk_parse ("{\"kty\":\"oct\","
                                                 "\"k\":\"UBqG_ZyAhovE8T1D-8LXaSbgcy-mdsGr0TIK2bfC5Fw\"}");
  g_autoptr(JsonObject) zip_header = header_of (rfc7520_5_9);

  g_assert_cmpstr (json_object_get_string_member (zip_header, "zip"), ==, "DEF");

  assert_decrypt_fails (rfc7520_5_3, aes256, NULL, NULL, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_decrypt_fails (rfc7520_5_3, aes256, pbes2, NULL, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_decrypt_fails (rfc7520_5_7, aes256, NULL, NULL, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_decrypt_fails (rfc7520_5_7, aes256, gcmkw, NULL, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  /* §5.9 is §5.8 compressed: the right key, the algorithms allowed, and
   * still refused. */
  assert_decrypt_fails (rfc7520_5_9, a128kw, NULL, NULL, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_decrypt_fails (rfc7520_5_9, a128kw, kw, NULL, OA2_ERROR_UNSUPPORTED_ALGORITHM);
}

/* ---------------------------------------------------------------------- */
/* Round trips of every pair in scope */

typedef enum {
  RECIPIENT_OCT_DIR,
  RECIPIENT_OCT_KW,
  RECIPIENT_RSA,
  RECIPIENT_P256,
  RECIPIENT_P384,
  RECIPIENT_P521,
  RECIPIENT_X25519,
} Recipient;

typedef struct {
  char *path;
  const char *alg;
  const char *enc;
  Recipient recipient;
} JweCase;

static const char * const encs[] = {
  "A128GCM", "A192GCM", "A256GCM", "A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512",
};

/* The size of an "enc" key, in bytes (RFC 7518 §5.2, §5.3). */
static gsize
enc_key_size (const char *enc)
{
  if (strcmp (enc, "A128GCM") == 0)
    return 16;
  if (strcmp (enc, "A192GCM") == 0)
    return 24;
  if (strcmp (enc, "A256GCM") == 0 || strcmp (enc, "A128CBC-HS256") == 0)
    return 32;
  if (strcmp (enc, "A192CBC-HS384") == 0)
    return 48;
  g_assert_cmpstr (enc, ==, "A256CBC-HS512");
  return 64;
}

/* A random symmetric key of @len bytes, with no "alg". */
static OA2Jwk *
oct_key (gsize len)
{
  g_autofree guint8 *k = g_malloc (len);
  g_autofree char *k_b64 = NULL;
  g_autofree char *json = NULL;

  for (gsize i = 0; i < len; i++)
    k[i] = (guint8) g_random_int_range (0, 256);
  k_b64 = oa2_test_b64u_encode (k, len);
  json = g_strdup_printf ("{\"kty\":\"oct\",\"kid\":\"oct-%u\",\"k\":\"%s\"}", (guint) len, k_b64);
  return oa2_test_jwk_parse (json);
}

/* The recipient's private key, and another of the same kind. */
static void
recipient_keys (const JweCase  *c,
                OA2Jwk        **out_key,
                OA2Jwk        **out_other)
{
  g_autoptr(OA2Jwk) a = NULL;
  g_autoptr(OA2Jwk) b = NULL;

  switch (c->recipient)
    {
    case RECIPIENT_OCT_DIR:
      *out_key = oct_key (enc_key_size (c->enc));
      *out_other = oct_key (enc_key_size (c->enc));
      return;
    case RECIPIENT_OCT_KW:
      *out_key = oa2_test_jwk_generate (c->alg);
      *out_other = oa2_test_jwk_generate (c->alg);
      return;
    case RECIPIENT_RSA:
      *out_key = g_object_ref (oa2_test_rsa_jwk ());
      *out_other = oa2_test_jwk_parse (rfc7520_rsa1_5_key);
      return;
    case RECIPIENT_P256:
      a = oa2_test_jwk_generate ("ECDH-ES");
      b = oa2_test_jwk_generate ("ECDH-ES");
      break;
    case RECIPIENT_P384:
      a = oa2_test_jwk_generate ("ES384");
      b = oa2_test_jwk_generate ("ES384");
      break;
    case RECIPIENT_P521:
      a = oa2_test_jwk_generate ("ES512");
      b = oa2_test_jwk_generate ("ES512");
      break;
    case RECIPIENT_X25519:
    default:
      *out_key = oa2_test_jwk_parse (oa2_test_x25519_bob);
      *out_other = oa2_test_jwk_parse (oa2_test_x25519_alice);
      return;
    }
  *out_key = oa2_test_jwk_without (a, TRUE, "alg", "use", NULL);
  *out_other = oa2_test_jwk_without (b, TRUE, "alg", "use", NULL);
}

static void
test_round_trip (gconstpointer data)
{
  const JweCase *c = data;
  const char * const allowed_algs[] = { c->alg, NULL };
  const char * const allowed_encs[] = { c->enc, NULL };
  gboolean symmetric = c->recipient == RECIPIENT_OCT_DIR || c->recipient == RECIPIENT_OCT_KW;
  gboolean ecdh = g_str_has_prefix (c->alg, "ECDH-ES");
  g_autoptr(OA2Jwk) key = NULL;
  g_autoptr(OA2Jwk) other = NULL;
  g_autoptr(OA2Jwk) encryption_key = NULL;
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(JsonObject) header = NULL;
  g_autoptr(GBytes) plaintext = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *apu = oa2_test_b64u_encode_str ("Alice");
  g_autofree char *apv = oa2_test_b64u_encode_str ("Bob");
  g_autofree char *token = NULL;
  g_autofree char *token_again = NULL;
  g_autofree char *empty_token = NULL;
  g_autofree char *bad_tag = NULL;
  g_autoptr(GBytes) encrypted_key = NULL;
  static const char message[] = "Speak, friend, and enter.";

  recipient_keys (c, &key, &other);
  /* Encrypt to the public half, as a sender would. */
  encryption_key = symmetric ? g_object_ref (key) : oa2_jwk_dup_public (key);

  json_object_set_string_member (extra, "cty", "text/plain");
  /* "alg", "enc" and "epk" cannot be replaced through the extra members. */
  json_object_set_string_member (extra, "alg", "none");
  json_object_set_string_member (extra, "enc", "none");
  json_object_set_string_member (extra, "epk", "none");
  if (ecdh)
    {
      json_object_set_string_member (extra, "apu", apu);
      json_object_set_string_member (extra, "apv", apv);
    }

  token = encrypt (message, strlen (message), encryption_key, c->alg, c->enc, extra);
  plaintext = oa2_jwe_decrypt (token, key, allowed_algs, allowed_encs, &header, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (plaintext, NULL), g_bytes_get_size (plaintext), message, strlen (message));
  g_assert_cmpstr (json_object_get_string_member (header, "alg"), ==, c->alg);
  g_assert_cmpstr (json_object_get_string_member (header, "enc"), ==, c->enc);
  g_assert_cmpstr (json_object_get_string_member (header, "cty"), ==, "text/plain");
  g_assert_cmpstr (json_object_get_string_member (header, "kid"), ==, oa2_jwk_get_kid (key));
  if (ecdh)
    {
      JsonObject *epk = json_object_get_object_member (header, "epk");

      g_assert_nonnull (epk);
      g_assert_cmpstr (json_object_get_string_member (epk, "kty"), ==, oa2_jwk_get_kty (key));
      g_assert_cmpstr (json_object_get_string_member (epk, "crv"), ==, oa2_jwk_get_crv (key));
      g_assert_false (json_object_has_member (epk, "d"));
      g_assert_cmpstr (json_object_get_string_member (header, "apu"), ==, apu);
    }
  else
    g_assert_false (json_object_has_member (header, "epk"));

  /* Direct modes carry no encrypted key (RFC 7516 §5.1 step 5). */
  encrypted_key = oa2_test_jwe_get_part (token, 1);
  if (strcmp (c->alg, "dir") == 0 || strcmp (c->alg, "ECDH-ES") == 0)
    g_assert_cmpuint (g_bytes_get_size (encrypted_key), ==, 0);
  else
    g_assert_cmpuint (g_bytes_get_size (encrypted_key), >, 0);

  /* A fresh IV (and content key) every time. */
  token_again = encrypt (message, strlen (message), encryption_key, c->alg, c->enc, NULL);
  g_assert_cmpstr (token_again, !=, token);
  assert_decrypts (token_again, key, NULL, NULL, message, strlen (message));

  /* An empty plaintext. */
  empty_token = encrypt ("", 0, encryption_key, c->alg, c->enc, NULL);
  assert_decrypts (empty_token, key, allowed_algs, allowed_encs, "", 0);

  /* Another key of the same kind, a flipped tag. */
  assert_decrypt_fails (token, other, NULL, NULL, OA2_ERROR_DECRYPTION_FAILED);
  bad_tag = oa2_test_jwe_flip_bit (token, 4, 0, 0);
  assert_decrypt_fails (bad_tag, key, NULL, NULL, OA2_ERROR_DECRYPTION_FAILED);
}

static GPtrArray *
jwe_cases (void)
{
  static const struct { const char *alg; Recipient recipient; } algs[] = {
    { "dir", RECIPIENT_OCT_DIR },
    { "A128KW", RECIPIENT_OCT_KW }, { "A192KW", RECIPIENT_OCT_KW }, { "A256KW", RECIPIENT_OCT_KW },
    { "RSA-OAEP", RECIPIENT_RSA }, { "RSA-OAEP-256", RECIPIENT_RSA },
  };
  static const char * const ecdh_algs[] = { "ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW" };
  static const struct { const char *name; Recipient recipient; } curves[] = {
    { "P-256", RECIPIENT_P256 }, { "P-384", RECIPIENT_P384 }, { "P-521", RECIPIENT_P521 },
    { "X25519", RECIPIENT_X25519 },
  };
  GPtrArray *cases = g_ptr_array_new ();

  for (guint e = 0; e < G_N_ELEMENTS (encs); e++)
    {
      for (guint a = 0; a < G_N_ELEMENTS (algs); a++)
        {
          JweCase *c = g_new0 (JweCase, 1);

          c->alg = algs[a].alg;
          c->enc = encs[e];
          c->recipient = algs[a].recipient;
          c->path = g_strdup_printf ("/oa2/jose/jwe/round-trip/%s/%s", c->alg, c->enc);
          g_ptr_array_add (cases, c);
        }
      for (guint a = 0; a < G_N_ELEMENTS (ecdh_algs); a++)
        for (guint k = 0; k < G_N_ELEMENTS (curves); k++)
          {
            JweCase *c = g_new0 (JweCase, 1);

            c->alg = ecdh_algs[a];
            c->enc = encs[e];
            c->recipient = curves[k].recipient;
            c->path = g_strdup_printf ("/oa2/jose/jwe/round-trip/%s/%s/%s", c->alg, curves[k].name, c->enc);
            g_ptr_array_add (cases, c);
          }
    }
  return cases;
}

static void
jwe_case_free (gpointer data)
{
  JweCase *c = data;

  g_free (c->path);
  g_free (c);
}

/* ---------------------------------------------------------------------- */
/* Tampering */

typedef struct {
  const char *alg;
  const char *enc;
} Pair;

static const Pair tamper_pairs[] = {
  { "dir", "A128GCM" }, { "dir", "A128CBC-HS256" },
  { "A128KW", "A128GCM" }, { "A256KW", "A256CBC-HS512" },
  { "RSA-OAEP", "A256GCM" }, { "RSA-OAEP-256", "A128CBC-HS256" },
  { "ECDH-ES", "A128GCM" }, { "ECDH-ES+A128KW", "A192CBC-HS384" },
};

static void
tamper_keys (const Pair  *pair,
             OA2Jwk     **out_key)
{
  if (strcmp (pair->alg, "dir") == 0)
    *out_key = oct_key (enc_key_size (pair->enc));
  else if (g_str_has_suffix (pair->alg, "KW") && !g_str_has_prefix (pair->alg, "ECDH"))
    *out_key = oa2_test_jwk_generate (pair->alg);
  else if (g_str_has_prefix (pair->alg, "RSA"))
    *out_key = g_object_ref (oa2_test_rsa_jwk ());
  else
    *out_key = oa2_test_jwk_parse (rfc7520_p256_key);
}

static void
test_tampering (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (tamper_pairs); i++)
    {
      const Pair *pair = &tamper_pairs[i];
      gboolean direct = strcmp (pair->alg, "dir") == 0 || strcmp (pair->alg, "ECDH-ES") == 0;
      gboolean gcm = g_str_has_suffix (pair->enc, "GCM");
      g_autoptr(OA2Jwk) key = NULL;
      g_autofree char *token = NULL;
      g_autoptr(JsonObject) header = NULL;
      g_autofree char *new_header = NULL;
      g_autofree char *flipped_header = NULL;
      g_autofree char *iv_flipped = NULL;
      g_autofree char *iv_short = NULL;
      g_autofree char *iv_empty = NULL;
      g_autofree char *ct_first = NULL;
      g_autofree char *ct_last = NULL;
      g_autofree char *ct_short = NULL;
      g_autofree char *ct_empty = NULL;
      g_autofree char *tag_first = NULL;
      g_autofree char *tag_last = NULL;
      g_autofree char *tag_short = NULL;
      g_autofree char *tag_long = NULL;
      g_autoptr(GBytes) ciphertext = NULL;
      g_autoptr(GBytes) tag = NULL;
      static const char message[] = "Not all those who wander are lost; the old that is strong does not wither.";

      tamper_keys (pair, &key);
      token = encrypt (message, strlen (message), key, pair->alg, pair->enc, NULL);
      g_test_message ("%s with %s", pair->alg, pair->enc);
      assert_decrypts (token, key, NULL, NULL, message, strlen (message));

      /* The protected header is the AAD (RFC 7516 §5.1 step 14). */
      header = header_of (token);
      json_object_set_string_member (header, "cty", "text/plain");
      new_header = with_header (token, header);
      assert_decrypt_fails (new_header, key, NULL, NULL, OA2_ERROR_DECRYPTION_FAILED);
      /* A bit of the last byte of the header's JSON: "}" becomes "|",
       * which is no longer JSON. */
      flipped_header = oa2_test_jwe_flip_bit (token, 0, -1, 0);
      assert_decrypt_fails (flipped_header, key, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);

      /* The encrypted key. */
      if (!direct)
        {
          g_autoptr(GBytes) encrypted_key = oa2_test_jwe_get_part (token, 1);
          g_autofree char *ek_first = oa2_test_jwe_flip_bit (token, 1, 0, 0);
          g_autofree char *ek_last = oa2_test_jwe_flip_bit (token, 1, -1, 7);
          g_autofree char *ek_short = cut_part (token, 1, g_bytes_get_size (encrypted_key) - 8);
          g_autofree char *ek_empty = oa2_test_jwe_replace_part (token, 1, "");

          assert_decrypt_fails (ek_first, key, NULL, NULL, OA2_ERROR_DECRYPTION_FAILED);
          assert_decrypt_fails (ek_last, key, NULL, NULL, OA2_ERROR_DECRYPTION_FAILED);
          assert_decrypt_fails (ek_short, key, NULL, NULL, OA2_ERROR_DECRYPTION_FAILED);
          /* No encrypted key at all is a structural error. */
          assert_decrypt_fails (ek_empty, key, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
        }
      else
        {
          /* …and one where none belongs. */
          g_autofree char *ek_added = oa2_test_jwe_replace_part (token, 1, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

          assert_decrypt_fails (ek_added, key, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
        }

      /* The IV: a flipped bit fails authentication; a wrong size is
       * malformed (96 bits for GCM, 128 for CBC). */
      iv_flipped = oa2_test_jwe_flip_bit (token, 2, 0, 0);
      assert_decrypt_fails (iv_flipped, key, NULL, NULL, OA2_ERROR_DECRYPTION_FAILED);
      iv_short = cut_part (token, 2, gcm ? 11 : 15);
      assert_decrypt_fails (iv_short, key, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
      iv_empty = oa2_test_jwe_replace_part (token, 2, "");
      assert_decrypt_fails (iv_empty, key, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);

      /* The ciphertext: any change fails authentication. */
      ciphertext = oa2_test_jwe_get_part (token, 3);
      ct_first = oa2_test_jwe_flip_bit (token, 3, 0, 0);
      assert_decrypt_fails (ct_first, key, NULL, NULL, OA2_ERROR_DECRYPTION_FAILED);
      ct_last = oa2_test_jwe_flip_bit (token, 3, -1, 7);
      assert_decrypt_fails (ct_last, key, NULL, NULL, OA2_ERROR_DECRYPTION_FAILED);
      ct_short = cut_part (token, 3, g_bytes_get_size (ciphertext) - 1);
      assert_decrypt_fails (ct_short, key, NULL, NULL, OA2_ERROR_DECRYPTION_FAILED);
      ct_empty = oa2_test_jwe_replace_part (token, 3, "");
      assert_decrypt_fails (ct_empty, key, NULL, NULL, OA2_ERROR_DECRYPTION_FAILED);

      /* The tag: a flipped bit fails; a wrong size is malformed. */
      tag = oa2_test_jwe_get_part (token, 4);
      tag_first = oa2_test_jwe_flip_bit (token, 4, 0, 0);
      assert_decrypt_fails (tag_first, key, NULL, NULL, OA2_ERROR_DECRYPTION_FAILED);
      tag_last = oa2_test_jwe_flip_bit (token, 4, -1, 7);
      assert_decrypt_fails (tag_last, key, NULL, NULL, OA2_ERROR_DECRYPTION_FAILED);
      tag_short = cut_part (token, 4, g_bytes_get_size (tag) - 1);
      assert_decrypt_fails (tag_short, key, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
      {
        g_autofree guint8 *longer = g_malloc0 (g_bytes_get_size (tag) + 1);
        g_autofree char *part = NULL;

        memcpy (longer, g_bytes_get_data (tag, NULL), g_bytes_get_size (tag));
        part = oa2_test_b64u_encode (longer, g_bytes_get_size (tag) + 1);
        tag_long = oa2_test_jwe_replace_part (token, 4, part);
        assert_decrypt_fails (tag_long, key, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
      }
    }
}

/* The header's "enc" swapped for another with the same IV and tag sizes:
 * the content key that the encrypted key gives no longer fits "enc".
 * RFC 7516 §11.5: the recipient "MUST NOT distinguish between format,
 * padding, and length errors of encrypted keys"; such a token fails like
 * any other tampered one. */
static void
test_tampering_enc_swap (void)
{
  g_autoptr(OA2Jwk) kw = oa2_test_jwk_generate ("A128KW");
  g_autoptr(OA2Jwk) dir = oct_key (16);
  g_autoptr(OA2Jwk) rsa_public = oa2_jwk_dup_public (oa2_test_rsa_jwk ());
  g_autoptr(OA2Jwk) p256 = oa2_test_jwk_parse (rfc7520_p256_key);
  g_autofree char *kw_token = encrypt ("x", 1, kw, "A128KW", "A128GCM", NULL);
  g_autofree char *dir_token = encrypt ("x", 1, dir, "dir", "A128GCM", NULL);
  g_autofree char *rsa_token = encrypt ("x", 1, rsa_public, "RSA-OAEP", "A128GCM", NULL);
  g_autofree char *ecdh_token = encrypt ("x", 1, p256, "ECDH-ES+A128KW", "A128GCM", NULL);
  g_autoptr(JsonObject) kw_header = header_of (kw_token);
  g_autoptr(JsonObject) dir_header = header_of (dir_token);
  g_autoptr(JsonObject) rsa_header = header_of (rsa_token);
  g_autoptr(JsonObject) ecdh_header = header_of (ecdh_token);
  g_autofree char *kw_swapped = NULL;
  g_autofree char *dir_swapped = NULL;
  g_autofree char *rsa_swapped = NULL;
  g_autofree char *ecdh_swapped = NULL;

  /* A direct key is the caller's, checked against "enc" first. */
  json_object_set_string_member (dir_header, "enc", "A256GCM");
  dir_swapped = with_header (dir_token, dir_header);
  assert_decrypt_fails (dir_swapped, dir, NULL, NULL, OA2_ERROR_KEY_MISMATCH);

  /* The unwrapped or decrypted key has 16 bytes where A256GCM wants 32. */
  json_object_set_string_member (kw_header, "enc", "A256GCM");
  kw_swapped = with_header (kw_token, kw_header);
  assert_decrypt_fails (kw_swapped, kw, NULL, NULL, OA2_ERROR_DECRYPTION_FAILED);
  json_object_set_string_member (rsa_header, "enc", "A256GCM");
  rsa_swapped = with_header (rsa_token, rsa_header);
  assert_decrypt_fails (rsa_swapped, oa2_test_rsa_jwk (), NULL, NULL, OA2_ERROR_DECRYPTION_FAILED);
  json_object_set_string_member (ecdh_header, "enc", "A256GCM");
  ecdh_swapped = with_header (ecdh_token, ecdh_header);
  assert_decrypt_fails (ecdh_swapped, p256, NULL, NULL, OA2_ERROR_DECRYPTION_FAILED);
}

/* ---------------------------------------------------------------------- */
/* Invalid ephemeral keys (RFC 7518 §4.6; "invalid curve" attacks) */

static char *
with_epk (const char *token,
          const char *epk_json)
{
  g_autoptr(JsonObject) header = header_of (token);

  if (epk_json == NULL)
    json_object_remove_member (header, "epk");
  else
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      json_parser_load_from_data (parser, epk_json, -1, &error);
      g_assert_no_error (error);
      json_object_set_member (header, "epk", json_node_copy (json_parser_get_root (parser)));
    }
  return with_header (token, header);
}

static void
test_invalid_epk (void)
{
  g_autoptr(OA2Jwk) p384 = oa2_test_jwk_parse (rfc7520_p384_key);
  g_autoptr(OA2Jwk) p384_public = oa2_jwk_dup_public (p384);
  g_autoptr(OA2Jwk) bob = oa2_test_jwk_parse (oa2_test_x25519_bob);
  g_autoptr(OA2Jwk) bob_public = oa2_jwk_dup_public (bob);
  g_autofree char *token = encrypt ("x", 1, p384_public, "ECDH-ES+A128KW", "A128GCM", NULL);
  g_autofree char *x_token = encrypt ("x", 1, bob_public, "ECDH-ES", "A128GCM", NULL);
  g_autoptr(JsonObject) header = header_of (token);
  JsonObject *epk = json_object_get_object_member (header, "epk");
  g_autofree char *off_curve_epk = NULL;
  g_autofree char *off_curve = NULL;
  g_autofree char *p256_epk = NULL;
  g_autofree char *x25519_epk = NULL;
  g_autofree char *low_order = NULL;
  g_autofree char *wrong_size = NULL;
  g_autofree char *private_epk = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *not_object = NULL;
  g_autofree char *ec_for_x25519 = NULL;
  g_autofree char *rfc_5_4_tampered = NULL;
  g_autoptr(GBytes) y = oa2_test_b64u_decode (json_object_get_string_member (epk, "y"));
  g_autofree guint8 *y_data = NULL;
  g_autofree char *y_b64 = NULL;
  gsize y_len;

  assert_decrypts (token, p384, NULL, NULL, "x", 1);

  /* The ephemeral point with y changed: off the curve. */
  y_data = g_bytes_unref_to_data (g_bytes_ref (y), &y_len);
  y_data[y_len - 1] ^= 1;
  y_b64 = oa2_test_b64u_encode (y_data, y_len);
  off_curve_epk = g_strdup_printf ("{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"%s\",\"y\":\"%s\"}",
                                   json_object_get_string_member (epk, "x"), y_b64);
  off_curve = with_epk (token, off_curve_epk);
  assert_decrypt_fails (off_curve, p384, NULL, NULL, OA2_ERROR_INVALID_KEY);

  /* RFC 7520 §5.4's token with its epk's y changed. */
  {
    g_autoptr(JsonObject) rfc_header = header_of (rfc7520_5_4);
    JsonObject *rfc_epk = json_object_get_object_member (rfc_header, "epk");

    json_object_set_string_member (rfc_epk, "y", "sp3p5SGhZVC2faXumI-e9JU2Mo8KpoYrFDr5yPNVtW4PgEwZOyQT"
                                                 "A-JdaY8tb7E1");
    rfc_5_4_tampered = with_header (rfc7520_5_4, rfc_header);
    assert_decrypt_fails (rfc_5_4_tampered, p384, NULL, NULL, OA2_ERROR_INVALID_KEY);
  }

  /* A valid point of another curve: P-256 (RFC 7515 A.3's), and X25519. */
  p256_epk = with_epk (token, "{\"kty\":\"EC\",\"crv\":\"P-256\","
                              OA2_TEST_RFC7515_A3_XY "}");
  assert_decrypt_fails (p256_epk, p384, NULL, NULL, OA2_ERROR_KEY_MISMATCH);
  x25519_epk = with_epk (token, "{\"kty\":\"OKP\",\"crv\":\"X25519\","
                                "\"x\":\"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo\"}");
  assert_decrypt_fails (x25519_epk, p384, NULL, NULL, OA2_ERROR_KEY_MISMATCH);
  ec_for_x25519 = with_epk (x_token, "{\"kty\":\"EC\",\"crv\":\"P-256\","
                                     OA2_TEST_RFC7515_A3_XY "}");
  assert_decrypt_fails (ec_for_x25519, bob, NULL, NULL, OA2_ERROR_KEY_MISMATCH);

  /* X25519: a low-order point (here 0) gives an all-zero secret
   * (RFC 7748 §6.1); and a key of the wrong size. */
  assert_decrypts (x_token, bob, NULL, NULL, "x", 1);
  low_order = with_epk (x_token, "{\"kty\":\"OKP\",\"crv\":\"X25519\","
                                 "\"x\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}");
  assert_decrypt_fails (low_order, bob, NULL, NULL, OA2_ERROR_INVALID_KEY);
  wrong_size = with_epk (x_token, "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"AAAA\"}");
  assert_decrypt_fails (wrong_size, bob, NULL, NULL, OA2_ERROR_INVALID_KEY);

  /* An ephemeral key must be public; it must be there, as an object. */
  private_epk = with_epk (x_token, oa2_test_x25519_alice);
  assert_decrypt_fails (private_epk, bob, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
  missing = with_epk (token, NULL);
  assert_decrypt_fails (missing, p384, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
  not_object = with_epk (token, "\"epk\"");
  assert_decrypt_fails (not_object, p384, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
}

/* RFC 7518 Appendix C: Bob's key, and the content key that Alice's
 * ephemeral key agrees with it for "A128GCM", with apu "Alice" and apv
 * "Bob". */
static const char rfc7518_c_bob[] =
  "{\"kty\":\"EC\",\"crv\":\"P-256\","
  "\"x\":\"weNJy2HscCSM6AEDTDg04biOvhFhyyWvOHQfeF_PxMQ\","
  "\"y\":\"e8lnCO-AlStT-NJVX-crhB7QRYhiix03illJOVAOyck\","
  "\"d\":\"VEmDZpDXXK8p8N0Cndsxs924q6nS1RXFASRl6BfUqdw\"}";
#define RFC7518_C_ALICE_XY \
  "\"x\":\"gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0\"," \
  "\"y\":\"SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps\""
#define RFC7518_C_ALICE_D "0_NxaRPUMQoAJt50Gz8YiTr8gRTwyEaCumd-MToTmIo"
#define RFC7518_C_CEK "VqqN6vgjbSBcIijNcacQGg"

/* Alice's ECDH-ES + A128GCM token for Bob, with @epk_extra (JSON members,
 * each after a comma) in its "epk" after her public point: encrypted here
 * with Nettle, because oa2_jwe_encrypt() writes no such "epk". */
static char *
rfc7518_c_token (const char *epk_extra)
{
  static const guint8 iv[12] = { 0xe3, 0x1f, 0x5a, 0x02, 0x9c, 0x44, 0x71, 0x0b, 0x8d, 0x26, 0xb5, 0x60 };
  static const char plaintext[] = "Live long and prosper.";
  g_autofree char *header_json = g_strdup_printf ("{\"alg\":\"ECDH-ES\",\"enc\":\"A128GCM\","
                                                  "\"apu\":\"QWxpY2U\",\"apv\":\"Qm9i\","
                                                  "\"epk\":{\"kty\":\"EC\",\"crv\":\"P-256\","
                                                  RFC7518_C_ALICE_XY "%s}}", epk_extra);
  g_autofree char *header = oa2_test_b64u_encode_str (header_json);
  g_autoptr(GBytes) cek = oa2_test_b64u_decode (RFC7518_C_CEK);
  guint8 ciphertext[sizeof plaintext - 1];
  guint8 tag[GCM_DIGEST_SIZE];
  struct gcm_aes128_ctx ctx;
  g_autofree char *iv_b64 = oa2_test_b64u_encode (iv, sizeof iv);
  g_autofree char *ciphertext_b64 = NULL, *tag_b64 = NULL;

  g_assert_cmpuint (g_bytes_get_size (cek), ==, AES128_KEY_SIZE);
  gcm_aes128_set_key (&ctx, g_bytes_get_data (cek, NULL));
  gcm_aes128_set_iv (&ctx, sizeof iv, iv);
  gcm_aes128_update (&ctx, strlen (header), (const guint8 *) header);
  gcm_aes128_encrypt (&ctx, sizeof ciphertext, ciphertext, (const guint8 *) plaintext);
  gcm_aes128_digest (&ctx, sizeof tag, tag);
  ciphertext_b64 = oa2_test_b64u_encode (ciphertext, sizeof ciphertext);
  tag_b64 = oa2_test_b64u_encode (tag, sizeof tag);
  return g_strjoin (".", header, "", iv_b64, ciphertext_b64, tag_b64, NULL);
}

/* RFC 7518 §4.6.1.1: the "epk" is read as its "kty", "crv", "x" and "y"
 * alone. Other members are not read as a JWK's: "kid", "use", "alg",
 * "key_ops" (a hostile list of any length, which cost 0.1 s per attempt
 * when it was), "x5c" are ignored; a private "d" makes the token
 * malformed, whether it fits the point or not, and is never read. */
static void
test_epk_members (void)
{
  static const char plaintext[] = "Live long and prosper.";
  g_autoptr(OA2Jwk) bob = oa2_test_jwk_parse (rfc7518_c_bob);
  g_autofree char *ops = oa2_test_key_ops_json (5500);
  g_autofree char *long_ops_member = g_strdup_printf (",\"key_ops\":%s", ops);
  g_autofree char *plain = rfc7518_c_token ("");
  g_autofree char *extras = rfc7518_c_token (",\"kid\":\"e1\",\"use\":\"sig\",\"alg\":\"RS256\","
                                             "\"key_ops\":[\"sign\",\"sign\"],\"x5c\":7,\"n\":\"!\"");
  g_autofree char *long_ops = rfc7518_c_token (long_ops_member);
  g_autofree char *bad_d = rfc7518_c_token (",\"d\":\"!\"");
  g_autofree char *alice_d = rfc7518_c_token (",\"d\":\"" RFC7518_C_ALICE_D "\"");

  /* Close to the largest token the library takes. */
  g_assert_cmpuint (strlen (long_ops), >, 56 * 1024);
  g_assert_cmpuint (strlen (long_ops), <=, OA2_JWT_MAX_SIZE);
  assert_decrypts (plain, bob, NULL, NULL, plaintext, strlen (plaintext));
  assert_decrypts (extras, bob, NULL, NULL, plaintext, strlen (plaintext));
  assert_decrypts (long_ops, bob, NULL, NULL, plaintext, strlen (plaintext));
  assert_decrypt_fails (bad_d, bob, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
  assert_decrypt_fails (alice_d, bob, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
}

/* ---------------------------------------------------------------------- */
/* Keys that do not fit, algorithms not allowed */

static void
test_key_mismatch (void)
{
  g_autoptr(OA2Jwk) rsa_public = oa2_jwk_dup_public (oa2_test_rsa_jwk ());
  g_autoptr(OA2Jwk) p256 = oa2_test_jwk_parse (rfc7520_p256_key);
  g_autoptr(OA2Jwk) oct_32 = oct_key (32);
  g_autoptr(OA2Jwk) ed25519 = oa2_test_jwk_parse (oa2_test_rfc8037_a2);
  g_autofree char *oaep = encrypt ("x", 1, rsa_public, "RSA-OAEP", "A128GCM", NULL);

  /* Decrypting with the public half, or with a key of another type. */
  assert_decrypt_fails (oaep, rsa_public, NULL, NULL, OA2_ERROR_KEY_MISMATCH);
  assert_decrypt_fails (oaep, p256, NULL, NULL, OA2_ERROR_KEY_MISMATCH);
  assert_decrypt_fails (oaep, oct_32, NULL, NULL, OA2_ERROR_KEY_MISMATCH);
  assert_decrypt_fails (rfc7520_5_5, oct_32, NULL, NULL, OA2_ERROR_KEY_MISMATCH);
  assert_decrypt_fails (rfc7520_5_5, ed25519, NULL, NULL, OA2_ERROR_KEY_MISMATCH);
  /* An AES key of the wrong size for the key wrap or the direct key. */
  assert_decrypt_fails (rfc7520_5_8, oct_32, NULL, NULL, OA2_ERROR_KEY_MISMATCH);
  assert_decrypt_fails (rfc7520_5_6, oct_32, NULL, NULL, OA2_ERROR_KEY_MISMATCH);
}

/* A key whose own "alg" is not the token's (RFC 8725 §3.1: a key is for
 * one algorithm), as on the JWS side. */
static void
test_key_alg_differs (void)
{
  g_autoptr(JsonObject) object = oa2_jwk_to_json_object (oa2_test_rsa_jwk (), TRUE);
  g_autoptr(OA2Jwk) oaep_256 = NULL;
  g_autoptr(OA2Jwk) oaep_256_public = NULL;
  g_autoptr(OA2Jwk) a128 = oa2_test_jwk_parse (rfc7520_a128kw_key);   /* "alg": "A128KW" */
  g_autoptr(OA2Jwk) public_key = oa2_jwk_dup_public (oa2_test_rsa_jwk ());
  g_autofree char *oaep = encrypt ("x", 1, public_key, "RSA-OAEP", "A128GCM", NULL);
  g_autofree char *oaep_256_token = NULL;
  g_autoptr(GBytes) plaintext = g_bytes_new_static ("x", 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *refused = NULL;

  json_object_set_string_member (object, "alg", "RSA-OAEP-256");
  oaep_256 = oa2_jwk_new_from_json_object (object, &error);
  g_assert_no_error (error);
  oaep_256_public = oa2_jwk_dup_public (oaep_256);

  /* Decrypting an RSA-OAEP token with an RSA-OAEP-256 key. */
  assert_decrypt_fails (oaep, oaep_256, NULL, NULL, OA2_ERROR_KEY_MISMATCH);
  /* The 16-byte A128KW key of §5.8 as the "dir" key of §5.6's A128GCM. */
  assert_decrypt_fails (rfc7520_5_6, a128, NULL, NULL, OA2_ERROR_KEY_MISMATCH);
  /* Encrypting likewise. */
  refused = oa2_jwe_encrypt (plaintext, oaep_256_public, "RSA-OAEP", "A128GCM", NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  g_assert_null (refused);
  g_clear_error (&error);
  refused = oa2_jwe_encrypt (plaintext, a128, "dir", "A128GCM", NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  g_assert_null (refused);

  /* With its own algorithm, the key works. */
  oaep_256_token = encrypt ("x", 1, oaep_256_public, NULL, "A128GCM", NULL);
  assert_decrypts (oaep_256_token, oaep_256, NULL, NULL, "x", 1);
}

/* RFC 7517 §4.2 and §4.3: a key's "use" and "key_ops" are honoured. */
static void
test_key_use_and_ops (void)
{
  g_autoptr(OA2Jwk) for_signing = oa2_test_jwk_parse ("{\"kty\":\"oct\",\"use\":\"sig\","
                                                      "\"k\":\"GZy6sIZ6wl9NJOKB-jnmVQ\"}");
  g_autoptr(OA2Jwk) wrap_only = oa2_test_jwk_parse ("{\"kty\":\"oct\",\"key_ops\":[\"wrapKey\"],"
                                                    "\"k\":\"GZy6sIZ6wl9NJOKB-jnmVQ\"}");
  g_autoptr(OA2Jwk) unwrap = oa2_test_jwk_parse ("{\"kty\":\"oct\",\"key_ops\":[\"wrapKey\",\"unwrapKey\"],"
                                                 "\"k\":\"GZy6sIZ6wl9NJOKB-jnmVQ\"}");
  g_autoptr(OA2Jwk) decrypt_only = oa2_test_jwk_parse ("{\"kty\":\"oct\",\"key_ops\":[\"decrypt\"],"
                                                       "\"k\":\"XctOhJAkA-pD9Lh7ZgW_2A\"}");
  g_autoptr(GBytes) plaintext = g_bytes_new_static ("x", 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *token = NULL;

  /* §5.8's token: the same AES key, marked for signatures, or for
   * wrapping only, cannot unwrap. */
  assert_decrypt_fails (rfc7520_5_8, for_signing, NULL, NULL, OA2_ERROR_KEY_MISMATCH);
  assert_decrypt_fails (rfc7520_5_8, wrap_only, NULL, NULL, OA2_ERROR_KEY_MISMATCH);
  assert_decrypts (rfc7520_5_8, unwrap, NULL, NULL, rfc7520_plaintext, strlen (rfc7520_plaintext));
  /* §5.6's key, allowed to decrypt only. */
  assert_decrypts (rfc7520_5_6, decrypt_only, NULL, NULL, rfc7520_plaintext, strlen (rfc7520_plaintext));
  refused = oa2_jwe_encrypt (plaintext, decrypt_only, "dir", "A128GCM", NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  g_assert_null (refused);
  g_clear_error (&error);
  refused = oa2_jwe_encrypt (plaintext, for_signing, "A128KW", "A128GCM", NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  g_assert_null (refused);
  token = encrypt ("x", 1, wrap_only, "A128KW", "A128GCM", NULL);
  assert_decrypts (token, unwrap, NULL, NULL, "x", 1);
}

static void
test_allowed_algs (void)
{
  static const char * const kw_only[] = { "A128KW", "A256KW", NULL };
  static const char * const gcm_only[] = { "A128GCM", "A256GCM", NULL };
  static const char * const cbc_only[] = { "A128CBC-HS256", NULL };
  static const char * const ecdh_only[] = { "ECDH-ES", NULL };
  static const char * const none[] = { NULL };
  g_autoptr(OA2Jwk) a128 = oa2_test_jwk_parse (rfc7520_a128kw_key);
  g_autoptr(OA2Jwk) p256 = oa2_test_jwk_parse (rfc7520_p256_key);

  /* §5.8 is A128KW with A128GCM. */
  assert_decrypts (rfc7520_5_8, a128, kw_only, gcm_only, rfc7520_plaintext, strlen (rfc7520_plaintext));
  assert_decrypt_fails (rfc7520_5_8, a128, ecdh_only, NULL, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_decrypt_fails (rfc7520_5_8, a128, none, NULL, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_decrypt_fails (rfc7520_5_8, a128, NULL, cbc_only, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_decrypt_fails (rfc7520_5_8, a128, NULL, none, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  /* §5.5 is ECDH-ES with A128CBC-HS256. */
  assert_decrypts (rfc7520_5_5, p256, ecdh_only, cbc_only, rfc7520_plaintext, strlen (rfc7520_plaintext));
  assert_decrypt_fails (rfc7520_5_5, p256, kw_only, cbc_only, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_decrypt_fails (rfc7520_5_5, p256, ecdh_only, gcm_only, OA2_ERROR_UNSUPPORTED_ALGORITHM);
}

/* ---------------------------------------------------------------------- */
/* Malformed tokens */

static char *
make_token (const char *header_json,
            const char *rest)
{
  g_autofree char *header_b64 = oa2_test_b64u_encode_str (header_json);

  return g_strconcat (header_b64, rest, NULL);
}

static void
test_malformed (void)
{
  g_autoptr(OA2Jwk) a128 = oa2_test_jwk_parse (rfc7520_a128kw_key);
  g_auto(GStrv) parts = g_strsplit (rfc7520_5_8, ".", -1);
  g_autofree char *four = g_strjoin (".", parts[0], parts[1], parts[2], parts[3], NULL);
  g_autofree char *six = g_strjoin (".", parts[0], parts[1], parts[2], parts[3], parts[4], parts[4], NULL);
  g_autofree char *trailing_dot = g_strconcat (rfc7520_5_8, ".", NULL);
  g_autofree char *trailing_space = g_strconcat (rfc7520_5_8, " ", NULL);
  g_autofree char *trailing_newline = g_strconcat (rfc7520_5_8, "\n", NULL);
  g_autofree char *truncated = g_strndup (rfc7520_5_8, strlen (rfc7520_5_8) - 1);
  g_autofree char *truncated_more = g_strndup (rfc7520_5_8, strlen (rfc7520_5_8) - 5);
  g_autofree char *cut_before_tag = g_strndup (rfc7520_5_8, strrchr (rfc7520_5_8, '.') - rfc7520_5_8);
  g_autofree char *padded = NULL;
  g_autofree char *non_canonical = NULL;
  g_autofree char *std_alphabet = NULL;
  const char *rest = strchr (rfc7520_5_8, '.');
  g_autofree char *not_object = make_token ("[\"A128KW\"]", rest);
  g_autofree char *no_enc = make_token ("{\"alg\":\"A128KW\"}", rest);
  g_autofree char *no_alg = make_token ("{\"enc\":\"A128GCM\"}", rest);
  g_autofree char *enc_number = make_token ("{\"alg\":\"A128KW\",\"enc\":128}", rest);
  g_autofree char *unknown_enc = make_token ("{\"alg\":\"A128KW\",\"enc\":\"A512GCM\"}", rest);
  g_autofree char *unknown_alg = make_token ("{\"alg\":\"A512KW\",\"enc\":\"A128GCM\"}", rest);
  g_autofree char *bad_apu = NULL;
  g_autofree char *tag_part = NULL;

  assert_decrypts (rfc7520_5_8, a128, NULL, NULL, rfc7520_plaintext, strlen (rfc7520_plaintext));

  /* Five parts, always; a JWS is not a JWE. */
  assert_decrypt_fails ("", a128, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
  assert_decrypt_fails ("....", a128, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
  assert_decrypt_fails (four, a128, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
  assert_decrypt_fails (six, a128, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
  assert_decrypt_fails (trailing_dot, a128, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
  assert_decrypt_fails (cut_before_tag, a128, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
  assert_decrypt_fails ("eyJhbGciOiJIUzI1NiJ9.e30.c2ln", a128, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);

  /* Trailing garbage and truncation. */
  assert_decrypt_fails (trailing_space, a128, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
  assert_decrypt_fails (trailing_newline, a128, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
  /* The tag less one character (21 characters: non-zero unused bits),
   * less five (a 12-byte tag). */
  assert_decrypt_fails (truncated, a128, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
  assert_decrypt_fails (truncated_more, a128, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);

  /* Non-canonical base64url, in each part. */
  padded = g_strconcat (rfc7520_5_8, "==", NULL);
  assert_decrypt_fails (padded, a128, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
  /* The tag is 16 bytes in 22 characters: the last one carries 4
   * unused bits, zero in "…Lw" ('w' is 110000) and not in "…Lx". */
  tag_part = g_strdup (parts[4]);
  g_assert_cmpint (tag_part[strlen (tag_part) - 1], ==, 'w');
  tag_part[strlen (tag_part) - 1] = 'x';
  non_canonical = oa2_test_jwe_replace_part (rfc7520_5_8, 4, tag_part);
  assert_decrypt_fails (non_canonical, a128, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *part = g_strconcat (parts[i], "=", NULL);
      g_autofree char *bad = oa2_test_jwe_replace_part (rfc7520_5_8, i, part);
      g_autofree char *part2 = g_strconcat ("+", parts[i], NULL);
      g_autofree char *bad2 = oa2_test_jwe_replace_part (rfc7520_5_8, i, part2);

      assert_decrypt_fails (bad, a128, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
      assert_decrypt_fails (bad2, a128, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
    }
  std_alphabet = g_strdup (rfc7520_5_8);
  g_strdelimit (std_alphabet, "-", '+');
  g_strdelimit (std_alphabet, "_", '/');
  g_assert_cmpstr (std_alphabet, !=, rfc7520_5_8);
  assert_decrypt_fails (std_alphabet, a128, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);

  /* Headers. */
  assert_decrypt_fails (not_object, a128, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
  assert_decrypt_fails (no_enc, a128, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
  assert_decrypt_fails (no_alg, a128, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
  assert_decrypt_fails (enc_number, a128, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
  assert_decrypt_fails (unknown_enc, a128, NULL, NULL, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_decrypt_fails (unknown_alg, a128, NULL, NULL, OA2_ERROR_UNSUPPORTED_ALGORITHM);

  /* ECDH-ES party information that is not base64url. */
  {
    g_autoptr(OA2Jwk) p256 = oa2_test_jwk_parse (rfc7520_p256_key);
    g_autoptr(JsonObject) header = header_of (rfc7520_5_5);

    json_object_set_string_member (header, "apu", "not base64url!");
    bad_apu = with_header (rfc7520_5_5, header);
    assert_decrypt_fails (bad_apu, p256, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
  }
}

static void
test_oversized (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_generate ("A128KW");
  g_autofree char *token = NULL;
  g_autofree char *too_long = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) result = NULL;
  gsize n;

  /* The largest token that the library takes decrypts… */
  for (n = OA2_JWT_MAX_SIZE * 3 / 4 - 200; token == NULL; n++)
    {
      g_autofree char *plaintext = g_strnfill (n, 'a');
      g_autofree char *candidate = encrypt (plaintext, n, key, NULL, "A128GCM", NULL);

      g_assert_cmpuint (strlen (candidate), <=, OA2_JWT_MAX_SIZE);
      if (strlen (candidate) == OA2_JWT_MAX_SIZE)
        token = g_steal_pointer (&candidate);
    }
  result = oa2_jwe_decrypt (token, key, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  /* …one byte more is refused before anything else. */
  too_long = g_strconcat (token, "A", NULL);
  assert_decrypt_fails (too_long, key, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
}

static void
test_deep_nesting (void)
{
  g_autoptr(OA2Jwk) a128 = oa2_test_jwk_parse (rfc7520_a128kw_key);
  GString *header = g_string_new ("{\"alg\":\"A128KW\",\"enc\":\"A128GCM\",\"x\":");
  g_autofree char *header_json = NULL;
  g_autofree char *token = NULL;
  g_autoptr(JsonObject) nested = json_object_new ();
  g_autoptr(JsonObject) inner = NULL;
  g_autofree char *signed_nested = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (header, '[');
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (header, ']');
  g_string_append_c (header, '}');
  header_json = g_string_free (header, FALSE);
  token = make_token (header_json, strchr (rfc7520_5_8, '.'));
  assert_decrypt_fails (token, a128, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);

  /* A deep extra header member given to the encrypter: the result is
   * refused too. */
  inner = json_object_new ();
  for (guint i = 0; i < 40; i++)
    {
      JsonObject *outer = json_object_new ();

      json_object_set_object_member (outer, "x", g_steal_pointer (&inner));
      inner = outer;
    }
  json_object_set_object_member (nested, "deep", g_steal_pointer (&inner));
  signed_nested = encrypt ("x", 1, a128, NULL, "A128GCM", nested);
  assert_decrypt_fails (signed_nested, a128, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
}

/* RFC 7516 §4.1.13 ("crit") and §4.1.3 ("zip"): added to the header
 * of a good token. Both are refused before any decryption, so the tag
 * that no longer matches does not matter. */
static void
test_crit_and_zip (void)
{
  g_autoptr(OA2Jwk) a128 = oa2_test_jwk_generate ("A128KW");
  g_autoptr(JsonObject) crit_extra = json_object_new ();
  g_autoptr(JsonObject) zip_extra = json_object_new ();
  g_autofree char *token = encrypt ("x", 1, a128, NULL, "A128GCM", NULL);
  g_autoptr(JsonObject) crit_header = header_of (token);
  g_autoptr(JsonObject) empty_crit_header = header_of (token);
  g_autoptr(JsonObject) zip_header = header_of (token);
  g_autoptr(JsonArray) crit = json_array_new ();
  g_autofree char *crit_token = NULL;
  g_autofree char *empty_crit_token = NULL;
  g_autofree char *zip_token = NULL;
  g_autoptr(GBytes) plaintext = g_bytes_new_static ("x", 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *refused = NULL;

  json_array_add_string_element (crit, "exp");
  json_object_set_array_member (crit_header, "crit", g_steal_pointer (&crit));
  json_object_set_int_member (crit_header, "exp", 1363284000);
  crit_token = with_header (token, crit_header);
  assert_decrypt_fails (crit_token, a128, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);
  json_object_set_array_member (empty_crit_header, "crit", json_array_new ());
  empty_crit_token = with_header (token, empty_crit_header);
  assert_decrypt_fails (empty_crit_token, a128, NULL, NULL, OA2_ERROR_MALFORMED_TOKEN);

  json_object_set_string_member (zip_header, "zip", "DEF");
  zip_token = with_header (token, zip_header);
  assert_decrypt_fails (zip_token, a128, NULL, NULL, OA2_ERROR_UNSUPPORTED_ALGORITHM);

  /* The encrypter will not write either. */
  json_object_set_array_member (crit_extra, "crit", json_array_new ());
  refused = oa2_jwe_encrypt (plaintext, a128, NULL, "A128GCM", crit_extra, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_assert_null (refused);
  g_clear_error (&error);
  json_object_set_string_member (zip_extra, "zip", "DEF");
  refused = oa2_jwe_encrypt (plaintext, a128, NULL, "A128GCM", zip_extra, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_assert_null (refused);
}

/* What the encrypter refuses. */
static void
test_encrypt_refusals (void)
{
  g_autoptr(OA2Jwk) rsa_public = oa2_jwk_dup_public (oa2_test_rsa_jwk ());
  g_autoptr(OA2Jwk) oct_16 = oct_key (16);
  g_autoptr(OA2Jwk) oct_32 = oct_key (32);
  g_autoptr(OA2Jwk) ed25519 = oa2_test_jwk_parse (oa2_test_rfc8037_a2);
  g_autoptr(GBytes) plaintext = g_bytes_new_static ("x", 1);
  struct {
    OA2Jwk *key;
    const char *alg;
    const char *enc;
    OA2Error code;
  } cases[] = {
    /* RSA1_5 is offered for decryption only. */
    { rsa_public, "RSA1_5", "A128CBC-HS256", OA2_ERROR_UNSUPPORTED_ALGORITHM },
    { rsa_public, "RSA-OAEP", "A512GCM", OA2_ERROR_UNSUPPORTED_ALGORITHM },
    { rsa_public, "PBES2-HS256+A128KW", "A128GCM", OA2_ERROR_UNSUPPORTED_ALGORITHM },
    { rsa_public, "A128GCMKW", "A128GCM", OA2_ERROR_UNSUPPORTED_ALGORITHM },
    { rsa_public, NULL, "A128GCM", OA2_ERROR_INVALID_ARGUMENT },   /* no "alg" anywhere */
    { rsa_public, "A128KW", "A128GCM", OA2_ERROR_KEY_MISMATCH },
    { oct_32, "RSA-OAEP", "A128GCM", OA2_ERROR_KEY_MISMATCH },
    { oct_32, "A128KW", "A128GCM", OA2_ERROR_KEY_MISMATCH },
    { oct_16, "A256KW", "A128GCM", OA2_ERROR_KEY_MISMATCH },
    { oct_16, "dir", "A256GCM", OA2_ERROR_KEY_MISMATCH },
    { oct_32, "dir", "A128GCM", OA2_ERROR_KEY_MISMATCH },
    { oct_32, "ECDH-ES", "A128GCM", OA2_ERROR_KEY_MISMATCH },
    { ed25519, "ECDH-ES", "A128GCM", OA2_ERROR_KEY_MISMATCH },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *token = oa2_jwe_encrypt (plaintext, cases[i].key, cases[i].alg, cases[i].enc, NULL, &error);

      g_test_message ("%s with %s", cases[i].alg != NULL ? cases[i].alg : "(the key's alg)", cases[i].enc);
      g_assert_error (error, OA2_ERROR, (gint) cases[i].code);
      g_assert_null (token);
    }
}

/* ---------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) cases = NULL;
  int status;

  oa2_test_init (&argc, &argv);

  g_test_add_func ("/oa2/jose/jwe/rfc7516/a1-rsa-oaep-a256gcm", test_rfc7516_a1);
  g_test_add_func ("/oa2/jose/jwe/rfc7516/a2-rsa1_5-a128cbc-hs256", test_rfc7516_a2);
  g_test_add_func ("/oa2/jose/jwe/rfc7516/a3-a128kw-a128cbc-hs256", test_rfc7516_a3);
  g_test_add_func ("/oa2/jose/jwe/rfc7520/5.1-rsa1_5-a128cbc-hs256", test_rfc7520_5_1);
  g_test_add_func ("/oa2/jose/jwe/rfc7520/5.2-rsa-oaep-a256gcm", test_rfc7520_5_2);
  g_test_add_func ("/oa2/jose/jwe/rfc7520/5.4-ecdh-es-a128kw-a128gcm", test_rfc7520_5_4);
  g_test_add_func ("/oa2/jose/jwe/rfc7520/5.5-ecdh-es-a128cbc-hs256", test_rfc7520_5_5);
  g_test_add_func ("/oa2/jose/jwe/rfc7520/5.6-dir-a128gcm", test_rfc7520_5_6);
  g_test_add_func ("/oa2/jose/jwe/rfc7520/5.8-a128kw-a128gcm", test_rfc7520_5_8);
  g_test_add_func ("/oa2/jose/jwe/rfc7520/out-of-scope-refused", test_rfc7520_refused);

  cases = jwe_cases ();
  g_ptr_array_set_free_func (cases, jwe_case_free);
  for (guint i = 0; i < cases->len; i++)
    {
      JweCase *c = cases->pdata[i];

      g_test_add_data_func (c->path, c, test_round_trip);
    }

  g_test_add_func ("/oa2/jose/jwe/attack/tampering", test_tampering);
  g_test_add_func ("/oa2/jose/jwe/attack/enc-swap", test_tampering_enc_swap);
  g_test_add_func ("/oa2/jose/jwe/attack/invalid-epk", test_invalid_epk);
  g_test_add_func ("/oa2/jose/jwe/attack/epk-members", test_epk_members);
  g_test_add_func ("/oa2/jose/jwe/attack/key-mismatch", test_key_mismatch);
  g_test_add_func ("/oa2/jose/jwe/attack/key-alg-differs", test_key_alg_differs);
  g_test_add_func ("/oa2/jose/jwe/attack/key-use-and-ops", test_key_use_and_ops);
  g_test_add_func ("/oa2/jose/jwe/attack/allowed-algs", test_allowed_algs);
  g_test_add_func ("/oa2/jose/jwe/attack/malformed", test_malformed);
  g_test_add_func ("/oa2/jose/jwe/attack/oversized", test_oversized);
  g_test_add_func ("/oa2/jose/jwe/attack/deep-nesting", test_deep_nesting);
  g_test_add_func ("/oa2/jose/jwe/attack/crit-and-zip", test_crit_and_zip);
  g_test_add_func ("/oa2/jose/jwe/encrypt-refusals", test_encrypt_refusals);

  status = g_test_run ();
  oa2_test_rsa_jwk_clear ();
  return status;
}
