/* jose-jws-json-test.c: the JWS JSON serializations through the public API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Known answers from RFC 7520: the general and flattened JSON
 * serializations of §4.1–4.4 parsed and, for the deterministic algorithms
 * (RS256, HS256), signed again byte for byte; the detached content of
 * §4.5, which is not supported; §4.6 (a protected "alg" and an unprotected
 * "kid"), §4.7 (no protected header) and §4.8 (three signatures) parsed,
 * verified and reproduced, the ES512 signature of §4.8 verified and a new
 * one made. Then every malformed document the parser must refuse, each
 * with its error code; the members that tampering can and cannot change;
 * the header rule of the signer and its refusals; and one document signed
 * with every JWS algorithm.
 *
 * The RFC 7520 figures keep the RFC's line breaks: each line of the RFC
 * text is one C string literal, without its indentation. The whitespace
 * the RFC adds between JSON tokens stays (the parser must take it); the
 * base64url strings that the RFC wraps are whole once the literals are
 * joined. The library writes JSON without whitespace, so what it signs is
 * compared with the figure without whitespace (no string of these figures
 * contains any).
 */

#include "oa2-test-utils.h"
#include "oa2-jose-test-utils.h"

#include <string.h>

/* ---------------------------------------------------------------------- */
/* Vectors */

/* RFC 7520 Figure 14: General JWS JSON Serialization */
static const char rfc7520_figure_14[] =
  "{"
  "\"payload\": \"SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywg"
  "Z29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9h"
  "ZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXi"
  "gJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9m"
  "ZiB0by4\","
  "\"signatures\": ["
  "{"
  "\"protected\": \"eyJhbGciOiJSUzI1NiIsImtpZCI6ImJpbGJvLmJhZ2"
  "dpbnNAaG9iYml0b24uZXhhbXBsZSJ9\","
  "\"signature\": \"MRjdkly7_-oTPTS3AXP41iQIGKa80A0ZmTuV5MEaHo"
  "xnW2e5CZ5NlKtainoFmKZopdHM1O2U4mwzJdQx996ivp83xuglII"
  "7PNDi84wnB-BDkoBwA78185hX-Es4JIwmDLJK3lfWRa-XtL0Rnlt"
  "uYv746iYTh_qHRD68BNt1uSNCrUCTJDt5aAE6x8wW1Kt9eRo4QPo"
  "cSadnHXFxnt8Is9UzpERV0ePPQdLuW3IS_de3xyIrDaLGdjluPxU"
  "Ahb6L2aXic1U12podGU0KLUQSE_oI-ZnmKJ3F4uOZDnd6QZWJush"
  "Z41Axf_fcIe8u9ipH84ogoree7vjbU5y18kDquDg\""
  "}"
  "]"
  "}";

/* RFC 7520 Figure 15: Flattened JWS JSON Serialization */
static const char rfc7520_figure_15[] =
  "{"
  "\"payload\": \"SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywg"
  "Z29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9h"
  "ZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXi"
  "gJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9m"
  "ZiB0by4\","
  "\"protected\": \"eyJhbGciOiJSUzI1NiIsImtpZCI6ImJpbGJvLmJhZ2dpbn"
  "NAaG9iYml0b24uZXhhbXBsZSJ9\","
  "\"signature\": \"MRjdkly7_-oTPTS3AXP41iQIGKa80A0ZmTuV5MEaHoxnW2"
  "e5CZ5NlKtainoFmKZopdHM1O2U4mwzJdQx996ivp83xuglII7PNDi84w"
  "nB-BDkoBwA78185hX-Es4JIwmDLJK3lfWRa-XtL0RnltuYv746iYTh_q"
  "HRD68BNt1uSNCrUCTJDt5aAE6x8wW1Kt9eRo4QPocSadnHXFxnt8Is9U"
  "zpERV0ePPQdLuW3IS_de3xyIrDaLGdjluPxUAhb6L2aXic1U12podGU0"
  "KLUQSE_oI-ZnmKJ3F4uOZDnd6QZWJushZ41Axf_fcIe8u9ipH84ogore"
  "e7vjbU5y18kDquDg\""
  "}";

/* RFC 7520 Figure 21: General JWS JSON Serialization */
static const char rfc7520_figure_21[] =
  "{"
  "\"payload\": \"SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywg"
  "Z29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9h"
  "ZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXi"
  "gJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9m"
  "ZiB0by4\","
  "\"signatures\": ["
  "{"
  "\"protected\": \"eyJhbGciOiJQUzM4NCIsImtpZCI6ImJpbGJvLmJhZ2"
  "dpbnNAaG9iYml0b24uZXhhbXBsZSJ9\","
  "\"signature\": \"cu22eBqkYDKgIlTpzDXGvaFfz6WGoz7fUDcfT0kkOy"
  "42miAh2qyBzk1xEsnk2IpN6-tPid6VrklHkqsGqDqHCdP6O8TTB5"
  "dDDItllVo6_1OLPpcbUrhiUSMxbbXUvdvWXzg-UD8biiReQFlfz2"
  "8zGWVsdiNAUf8ZnyPEgVFn442ZdNqiVJRmBqrYRXe8P_ijQ7p8Vd"
  "z0TTrxUeT3lm8d9shnr2lfJT8ImUjvAA2Xez2Mlp8cBE5awDzT0q"
  "I0n6uiP1aCN_2_jLAeQTlqRHtfa64QQSUmFAAjVKPbByi7xho0uT"
  "OcbH510a6GYmJUAfmWjwZ6oD4ifKo8DYM-X72Eaw\""
  "}"
  "]"
  "}";

/* RFC 7520 Figure 22: Flattened JWS JSON Serialization */
static const char rfc7520_figure_22[] =
  "{"
  "\"payload\": \"SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywg"
  "Z29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9h"
  "ZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXi"
  "gJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9m"
  "ZiB0by4\","
  "\"protected\": \"eyJhbGciOiJQUzM4NCIsImtpZCI6ImJpbGJvLmJhZ2dpbn"
  "NAaG9iYml0b24uZXhhbXBsZSJ9\","
  "\"signature\": \"cu22eBqkYDKgIlTpzDXGvaFfz6WGoz7fUDcfT0kkOy42mi"
  "Ah2qyBzk1xEsnk2IpN6-tPid6VrklHkqsGqDqHCdP6O8TTB5dDDItllV"
  "o6_1OLPpcbUrhiUSMxbbXUvdvWXzg-UD8biiReQFlfz28zGWVsdiNAUf"
  "8ZnyPEgVFn442ZdNqiVJRmBqrYRXe8P_ijQ7p8Vdz0TTrxUeT3lm8d9s"
  "hnr2lfJT8ImUjvAA2Xez2Mlp8cBE5awDzT0qI0n6uiP1aCN_2_jLAeQT"
  "lqRHtfa64QQSUmFAAjVKPbByi7xho0uTOcbH510a6GYmJUAfmWjwZ6oD"
  "4ifKo8DYM-X72Eaw\""
  "}";

/* RFC 7520 Figure 28: General JWS JSON Serialization */
static const char rfc7520_figure_28[] =
  "{"
  "\"payload\": \"SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywg"
  "Z29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9h"
  "ZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXi"
  "gJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9m"
  "ZiB0by4\","
  "\"signatures\": ["
  "{"
  "\"protected\": \"eyJhbGciOiJFUzUxMiIsImtpZCI6ImJpbGJvLmJhZ2"
  "dpbnNAaG9iYml0b24uZXhhbXBsZSJ9\","
  "\"signature\": \"AE_R_YZCChjn4791jSQCrdPZCNYqHXCTZH0-JZGYNl"
  "aAjP2kqaluUIIUnC9qvbu9Plon7KRTzoNEuT4Va2cmL1eJAQy3mt"
  "PBu_u_sDDyYjnAMDxXPn7XrT0lw-kvAD890jl8e2puQens_IEKBp"
  "HABlsbEPX6sFY8OcGDqoRuBomu9xQ2\""
  "}"
  "]"
  "}";

/* RFC 7520 Figure 29: Flattened JWS JSON Serialization */
static const char rfc7520_figure_29[] =
  "{"
  "\"payload\": \"SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywg"
  "Z29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9h"
  "ZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXi"
  "gJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9m"
  "ZiB0by4\","
  "\"protected\": \"eyJhbGciOiJFUzUxMiIsImtpZCI6ImJpbGJvLmJhZ2dpbn"
  "NAaG9iYml0b24uZXhhbXBsZSJ9\","
  "\"signature\": \"AE_R_YZCChjn4791jSQCrdPZCNYqHXCTZH0-JZGYNlaAjP"
  "2kqaluUIIUnC9qvbu9Plon7KRTzoNEuT4Va2cmL1eJAQy3mtPBu_u_sD"
  "DyYjnAMDxXPn7XrT0lw-kvAD890jl8e2puQens_IEKBpHABlsbEPX6sF"
  "Y8OcGDqoRuBomu9xQ2\""
  "}";

/* RFC 7520 Figure 35: General JWS JSON Serialization */
static const char rfc7520_figure_35[] =
  "{"
  "\"payload\": \"SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywg"
  "Z29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9h"
  "ZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXi"
  "gJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9m"
  "ZiB0by4\","
  "\"signatures\": ["
  "{"
  "\"protected\": \"eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LT"
  "RkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9\","
  "\"signature\": \"s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p"
  "0\""
  "}"
  "]"
  "}";

/* RFC 7520 Figure 36: Flattened JWS JSON Serialization */
static const char rfc7520_figure_36[] =
  "{"
  "\"payload\": \"SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywg"
  "Z29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9h"
  "ZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXi"
  "gJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9m"
  "ZiB0by4\","
  "\"protected\": \"eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOW"
  "ItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9\","
  "\"signature\": \"s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0\""
  "}";

/* RFC 7520 Figure 42: General JWS JSON Serialization */
static const char rfc7520_figure_42[] =
  "{"
  "\"signatures\": ["
  "{"
  "\"protected\": \"eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LT"
  "RkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9\","
  "\"signature\": \"s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p"
  "0\""
  "}"
  "]"
  "}";

/* RFC 7520 Figure 43: Flattened JWS JSON Serialization */
static const char rfc7520_figure_43[] =
  "{"
  "\"protected\": \"eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOW"
  "ItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9\","
  "\"signature\": \"s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0\""
  "}";

/* RFC 7520 Figure 49: General JWS JSON Serialization */
static const char rfc7520_figure_49[] =
  "{"
  "\"payload\": \"SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywg"
  "Z29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9h"
  "ZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXi"
  "gJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9m"
  "ZiB0by4\","
  "\"signatures\": ["
  "{"
  "\"protected\": \"eyJhbGciOiJIUzI1NiJ9\","
  "\"header\": {"
  "\"kid\": \"018c0ae5-4d9b-471b-bfd6-eef314bc7037\""
  "},"
  "\"signature\": \"bWUSVaxorn7bEF1djytBd0kHv70Ly5pvbomzMWSOr2"
  "0\""
  "}"
  "]"
  "}";

/* RFC 7520 Figure 50: Flattened JWS JSON Serialization */
static const char rfc7520_figure_50[] =
  "{"
  "\"payload\": \"SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywg"
  "Z29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9h"
  "ZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXi"
  "gJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9m"
  "ZiB0by4\","
  "\"protected\": \"eyJhbGciOiJIUzI1NiJ9\","
  "\"header\": {"
  "\"kid\": \"018c0ae5-4d9b-471b-bfd6-eef314bc7037\""
  "},"
  "\"signature\": \"bWUSVaxorn7bEF1djytBd0kHv70Ly5pvbomzMWSOr20\""
  "}";

/* RFC 7520 Figure 54: General JWS JSON Serialization */
static const char rfc7520_figure_54[] =
  "{"
  "\"payload\": \"SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywg"
  "Z29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9h"
  "ZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXi"
  "gJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9m"
  "ZiB0by4\","
  "\"signatures\": ["
  "{"
  "\"header\": {"
  "\"alg\": \"HS256\","
  "\"kid\": \"018c0ae5-4d9b-471b-bfd6-eef314bc7037\""
  "},"
  "\"signature\": \"xuLifqLGiblpv9zBpuZczWhNj1gARaLV3UxvxhJxZu"
  "k\""
  "}"
  "]"
  "}";

/* RFC 7520 Figure 55: Flattened JWS JSON Serialization */
static const char rfc7520_figure_55[] =
  "{"
  "\"payload\": \"SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywg"
  "Z29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9h"
  "ZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXi"
  "gJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9m"
  "ZiB0by4\","
  "\"header\": {"
  "\"alg\": \"HS256\","
  "\"kid\": \"018c0ae5-4d9b-471b-bfd6-eef314bc7037\""
  "},"
  "\"signature\": \"xuLifqLGiblpv9zBpuZczWhNj1gARaLV3UxvxhJxZuk\""
  "}";

/* RFC 7520 Figure 61: Signature #1 JSON */
static const char rfc7520_figure_61[] =
  "{"
  "\"protected\": \"eyJhbGciOiJSUzI1NiJ9\","
  "\"header\": {"
  "\"kid\": \"bilbo.baggins@hobbiton.example\""
  "},"
  "\"signature\": \"MIsjqtVlOpa71KE-Mss8_Nq2YH4FGhiocsqrgi5NvyG53u"
  "oimic1tcMdSg-qptrzZc7CG6Svw2Y13TDIqHzTUrL_lR2ZFcryNFiHkS"
  "w129EghGpwkpxaTn_THJTCglNbADko1MZBCdwzJxwqZc-1RlpO2HibUY"
  "yXSwO97BSe0_evZKdjvvKSgsIqjytKSeAMbhMBdMma622_BG5t4sdbuC"
  "HtFjp9iJmkio47AIwqkZV1aIZsv33uPUqBBCXbYoQJwt7mxPftHmNlGo"
  "OSMxR_3thmXTCm4US-xiNOyhbm8afKK64jU6_TPtQHiJeQJxz9G3Tx-0"
  "83B745_AfYOnlC9w\""
  "}";

/* RFC 7520 Figure 65: Signature #2 JSON */
static const char rfc7520_figure_65[] =
  "{"
  "\"header\": {"
  "\"alg\": \"ES512\","
  "\"kid\": \"bilbo.baggins@hobbiton.example\""
  "},"
  "\"signature\": \"ARcVLnaJJaUWG8fG-8t5BREVAuTY8n8YHjwDO1muhcdCoF"
  "ZFFjfISu0Cdkn9Ybdlmi54ho0x924DUz8sK7ZXkhc7AFM8ObLfTvNCrq"
  "cI3Jkl2U5IX3utNhODH6v7xgy1Qahsn0fyb4zSAkje8bAWz4vIfj5pCM"
  "Yxxm4fgV3q7ZYhm5eD\""
  "}";

/* RFC 7520 Figure 70: Signature #3 JSON */
static const char rfc7520_figure_70[] =
  "{"
  "\"protected\": \"eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOW"
  "ItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9\","
  "\"signature\": \"s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0\""
  "}";

/* RFC 7520 Figure 71: General JWS JSON Serialization */
static const char rfc7520_figure_71[] =
  "{"
  "\"payload\": \"SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywg"
  "Z29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9h"
  "ZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXi"
  "gJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9m"
  "ZiB0by4\","
  "\"signatures\": ["
  "{"
  "\"protected\": \"eyJhbGciOiJSUzI1NiJ9\","
  "\"header\": {"
  "\"kid\": \"bilbo.baggins@hobbiton.example\""
  "},"
  "\"signature\": \"MIsjqtVlOpa71KE-Mss8_Nq2YH4FGhiocsqrgi5Nvy"
  "G53uoimic1tcMdSg-qptrzZc7CG6Svw2Y13TDIqHzTUrL_lR2ZFc"
  "ryNFiHkSw129EghGpwkpxaTn_THJTCglNbADko1MZBCdwzJxwqZc"
  "-1RlpO2HibUYyXSwO97BSe0_evZKdjvvKSgsIqjytKSeAMbhMBdM"
  "ma622_BG5t4sdbuCHtFjp9iJmkio47AIwqkZV1aIZsv33uPUqBBC"
  "XbYoQJwt7mxPftHmNlGoOSMxR_3thmXTCm4US-xiNOyhbm8afKK6"
  "4jU6_TPtQHiJeQJxz9G3Tx-083B745_AfYOnlC9w\""
  "},"
  "{"
  "\"header\": {"
  "\"alg\": \"ES512\","
  "\"kid\": \"bilbo.baggins@hobbiton.example\""
  "},"
  "\"signature\": \"ARcVLnaJJaUWG8fG-8t5BREVAuTY8n8YHjwDO1muhc"
  "dCoFZFFjfISu0Cdkn9Ybdlmi54ho0x924DUz8sK7ZXkhc7AFM8Ob"
  "LfTvNCrqcI3Jkl2U5IX3utNhODH6v7xgy1Qahsn0fyb4zSAkje8b"
  "AWz4vIfj5pCMYxxm4fgV3q7ZYhm5eD\""
  "},"
  "{"
  "\"protected\": \"eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LT"
  "RkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9\","
  "\"signature\": \"s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p"
  "0\""
  "}"
  "]"
  "}";

/* The "kid" of the RFC 7520 keys: Figures 1 to 4 (EC and RSA) and 5 (HMAC). */
#define BILBO "bilbo.baggins@hobbiton.example"
#define HMAC_KID "018c0ae5-4d9b-471b-bfd6-eef314bc7037"

/* {"alg":"HS256"}, base64url: the protected header of §4.6 (Figure 45). */
#define HS256_PROTECTED "eyJhbGciOiJIUzI1NiJ9"
/* The signature of §4.6 (Figure 48). */
#define SIGNATURE_4_6 "bWUSVaxorn7bEF1djytBd0kHv70Ly5pvbomzMWSOr20"

static const char * const only_hs256[] = { "HS256", NULL };
static const char * const only_rs256[] = { "RS256", NULL };
static const char * const only_es512[] = { "ES512", NULL };
static const char * const only_none[] = { "none", NULL };

/* ---------------------------------------------------------------------- */
/* Helpers */

/* @json without any white space: what the library writes for the RFC's
 * figures, whose strings hold none. */
static char *
strip_whitespace (const char *json)
{
  GString *out = g_string_new (NULL);

  for (const char *p = json; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* A document built from a format, with "%s" for the payload of RFC 7520
 * §4 (Figure 8) wherever the format puts it. */
static char *
document (const char *format,
          ...) G_GNUC_PRINTF (1, 2);

static char *
document (const char *format,
          ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return text;
}

static GPtrArray *
parse_ok (const char *json,
          guint       n_signatures)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *jwts = oa2_jwt_parse_json_serialization (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (jwts);
  g_assert_cmpuint (jwts->len, ==, n_signatures);
  for (guint i = 0; i < jwts->len; i++)
    g_assert_true (OA2_IS_JWT (jwts->pdata[i]));
  return jwts;
}

#define assert_parse_fails(json, code) \
  G_STMT_START { \
    g_autoptr(GError) assert_error_ = NULL; \
    g_autoptr(GPtrArray) assert_jwts_ = oa2_jwt_parse_json_serialization ((json), &assert_error_); \
    g_assert_error (assert_error_, OA2_ERROR, (gint) (code)); \
    g_assert_null (assert_jwts_); \
  } G_STMT_END

#define assert_verifies(jwt, key, allowed_algs) \
  G_STMT_START { \
    g_autoptr(GError) assert_error_ = NULL; \
    g_assert_true (oa2_jwt_verify ((jwt), (key), (allowed_algs), &assert_error_)); \
    g_assert_no_error (assert_error_); \
  } G_STMT_END

#define assert_verify_fails(jwt, key, allowed_algs, code) \
  G_STMT_START { \
    g_autoptr(GError) assert_error_ = NULL; \
    g_assert_false (oa2_jwt_verify ((jwt), (key), (allowed_algs), &assert_error_)); \
    g_assert_error (assert_error_, OA2_ERROR, (gint) (code)); \
  } G_STMT_END

#define assert_jwks_verify_fails(jwt, jwks, allowed_algs, code) \
  G_STMT_START { \
    g_autoptr(GError) assert_error_ = NULL; \
    g_assert_false (oa2_jwt_verify_with_jwks ((jwt), (jwks), (allowed_algs), OA2_JWKS_KEY_POLICY_SINGLE, \
                                              &assert_error_)); \
    g_assert_error (assert_error_, OA2_ERROR, (gint) (code)); \
  } G_STMT_END

static void
assert_jwks_verifies (OA2Jwt             *jwt,
                      OA2Jwks            *jwks,
                      const char * const *allowed_algs)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (oa2_jwt_verify_with_jwks (jwt, jwks, allowed_algs, OA2_JWKS_KEY_POLICY_SINGLE, &error));
  g_assert_no_error (error);
}

/* @object holds exactly the members of the JSON text @json. */
static void
assert_object_equals (JsonObject *object,
                      const char *json)
{
  g_autoptr(JsonObject) expected = oa2_test_json_object_parse (json);
  g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (), object);
  g_autoptr(JsonNode) b = json_node_init_object (json_node_alloc (), expected);

  g_assert_nonnull (object);
  if (!json_node_equal (a, b))
    {
      g_autofree char *actual = json_to_string (a, FALSE);

      g_error ("%s is not %s", actual, json);
    }
}

/* The payload of RFC 7520 §4 (Figure 7) as bytes. */
static GBytes *
rfc7520_payload (void)
{
  return oa2_test_bytes_new_str (oa2_test_rfc7520_payload);
}

static void
assert_rfc7520_payload (OA2Jwt *jwt)
{
  GBytes *payload = oa2_jwt_get_payload (jwt);

  g_assert_cmpmem (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload),
                   oa2_test_rfc7520_payload, strlen (oa2_test_rfc7520_payload));
  /* Not JSON: no claims. */
  g_assert_null (oa2_jwt_get_claims (jwt));
}

static char *
sign_json_ok (GBytes     *payload,
              OA2Jwk     *key,
              const char *alg,
              const char *protected_json,
              const char *unprotected_json)
{
  g_autoptr(JsonObject) protected_header = protected_json != NULL ? oa2_test_json_object_parse (protected_json) : NULL;
  g_autoptr(JsonObject) unprotected_header =
    unprotected_json != NULL ? oa2_test_json_object_parse (unprotected_json) : NULL;
  g_autoptr(GError) error = NULL;
  char *json = oa2_jwt_sign_json (payload, key, alg, protected_header, unprotected_header, &error);

  g_assert_no_error (error);
  g_assert_nonnull (json);
  return json;
}

static char *
add_signature_ok (const char *json,
                  OA2Jwk     *key,
                  const char *alg,
                  const char *protected_json,
                  const char *unprotected_json)
{
  g_autoptr(JsonObject) protected_header = protected_json != NULL ? oa2_test_json_object_parse (protected_json) : NULL;
  g_autoptr(JsonObject) unprotected_header =
    unprotected_json != NULL ? oa2_test_json_object_parse (unprotected_json) : NULL;
  g_autoptr(GError) error = NULL;
  char *general = oa2_jwt_add_json_signature (json, key, alg, protected_header, unprotected_header, &error);

  g_assert_no_error (error);
  g_assert_nonnull (general);
  return general;
}

static void
assert_sign_json_fails (OA2Jwk     *key,
                        const char *alg,
                        const char *protected_json,
                        const char *unprotected_json,
                        OA2Error    code)
{
  g_autoptr(GBytes) payload = rfc7520_payload ();
  g_autoptr(JsonObject) protected_header = protected_json != NULL ? oa2_test_json_object_parse (protected_json) : NULL;
  g_autoptr(JsonObject) unprotected_header =
    unprotected_json != NULL ? oa2_test_json_object_parse (unprotected_json) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = oa2_jwt_sign_json (payload, key, alg, protected_header, unprotected_header, &error);
  g_autofree char *general = NULL;

  g_assert_error (error, OA2_ERROR, (gint) code);
  g_assert_null (json);

  /* Adding a signature applies the same rules. */
  g_clear_error (&error);
  general = oa2_jwt_add_json_signature (rfc7520_figure_50, key, alg, protected_header, unprotected_header, &error);
  g_assert_error (error, OA2_ERROR, (gint) code);
  g_assert_null (general);
}

/* A string member of the JSON text @json, found by a path of member names
 * and array indexes ("signatures", "1", "signature"). */
static char *
json_get_string (const char *json,
                 ...) G_GNUC_NULL_TERMINATED;

static char *
json_get_string (const char *json,
                 ...)
{
  g_autoptr(JsonObject) root = oa2_test_json_object_parse (json);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), root);
  JsonNode *at = node;
  va_list args;

  va_start (args, json);
  for (const char *step = va_arg (args, const char *); step != NULL; step = va_arg (args, const char *))
    {
      if (JSON_NODE_HOLDS_ARRAY (at))
        at = json_array_get_element (json_node_get_array (at), (guint) g_ascii_strtoull (step, NULL, 10));
      else
        at = json_object_get_member (json_node_get_object (at), step);
      g_assert_nonnull (at);
    }
  va_end (args);
  return g_strdup (json_node_get_string (at));
}

/* @text with its first @from replaced by @to, which must be there. */
static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

/* ---------------------------------------------------------------------- */
/* RFC 7520 §4.1–4.4: the JSON forms of the compact tokens */

typedef struct {
  const char *general;
  const char *flattened;
  const char *compact;
  const char *alg;
  const char *kid;
  const char *private_jwk;
  const char *public_jwk;   /* NULL: the key verifies (HMAC) */
  gboolean deterministic;
} CompactCase;

static const CompactCase compact_cases[] = {
  { rfc7520_figure_14, rfc7520_figure_15, oa2_test_rfc7520_4_1, "RS256", BILBO,
    oa2_test_rfc7520_rsa_private, oa2_test_rfc7520_rsa_public, TRUE },
  { rfc7520_figure_21, rfc7520_figure_22, oa2_test_rfc7520_4_2, "PS384", BILBO,
    oa2_test_rfc7520_rsa_private, oa2_test_rfc7520_rsa_public, FALSE },
  { rfc7520_figure_28, rfc7520_figure_29, oa2_test_rfc7520_4_3, "ES512", BILBO,
    oa2_test_rfc7520_ec_private, oa2_test_rfc7520_ec_public, FALSE },
  { rfc7520_figure_35, rfc7520_figure_36, oa2_test_rfc7520_4_4, "HS256", HMAC_KID,
    oa2_test_rfc7520_hmac_key, NULL, TRUE },
};

static void
test_rfc7520_compact_forms (gconstpointer data)
{
  const CompactCase *c = data;
  const char * const allowed[] = { c->alg, NULL };
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (c->private_jwk);
  g_autoptr(OA2Jwk) verifier = c->public_jwk != NULL ? oa2_test_jwk_parse (c->public_jwk) : g_object_ref (key);
  g_autoptr(GBytes) payload = rfc7520_payload ();
  g_autofree char *rfc_protected = json_get_string (c->flattened, "protected", NULL);
  g_autofree char *flattened = NULL;
  g_autofree char *general = NULL;
  g_autoptr(GPtrArray) ours = NULL;
  const char *forms[] = { c->general, c->flattened };

  /* Both forms hold the compact token: the same header, payload and
   * signature, and nothing unprotected. */
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr(GPtrArray) jwts = parse_ok (forms[i], 1);
      OA2Jwt *jwt = jwts->pdata[0];
      g_autoptr(OA2Jwt) again = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (oa2_jwt_get_alg (jwt), ==, c->alg);
      g_assert_cmpstr (oa2_jwt_get_kid (jwt), ==, c->kid);
      assert_rfc7520_payload (jwt);
      g_assert_cmpstr (oa2_jwt_get_compact (jwt), ==, c->compact);
      g_assert_null (oa2_jwt_get_unprotected_header (jwt));
      g_assert_true (oa2_jwt_get_protected_header (jwt) == oa2_jwt_get_header (jwt));
      g_assert_cmpuint (json_object_get_size (oa2_jwt_get_header (jwt)), ==, 2);
      assert_verifies (jwt, verifier, allowed);
      assert_verifies (jwt, verifier, NULL);
      assert_verify_fails (jwt, verifier, only_none, OA2_ERROR_UNSUPPORTED_ALGORITHM);

      again = oa2_jwt_new_from_compact (oa2_jwt_get_compact (jwt), &error);
      g_assert_no_error (error);
      assert_verifies (again, verifier, allowed);
    }

  /* Signed again: the RFC's flattened form exactly when the algorithm is
   * deterministic, else the same protected header and a signature that
   * verifies. */
  flattened = sign_json_ok (payload, key, c->alg, NULL, NULL);
  if (c->deterministic)
    {
      g_autofree char *expected = strip_whitespace (c->flattened);

      g_assert_cmpstr (flattened, ==, expected);
    }
  else
    {
      g_autofree char *protected_b64 = json_get_string (flattened, "protected", NULL);
      g_autoptr(GPtrArray) jwts = parse_ok (flattened, 1);

      g_assert_cmpstr (protected_b64, ==, rfc_protected);
      assert_verifies (jwts->pdata[0], verifier, allowed);
    }

  /* A second signature on the RFC's flattened form gives the general
   * form with the RFC's signature, then ours: for a deterministic
   * algorithm, the RFC's signature twice. */
  general = add_signature_ok (c->flattened, key, c->alg, NULL, NULL);
  ours = parse_ok (general, 2);
  g_assert_cmpstr (oa2_jwt_get_compact (ours->pdata[0]), ==, c->compact);
  assert_verifies (ours->pdata[0], verifier, allowed);
  assert_verifies (ours->pdata[1], verifier, allowed);
  if (c->deterministic)
    {
      g_autofree char *stripped = strip_whitespace (c->general);
      const char *open = strstr (stripped, "\"signatures\":[") + strlen ("\"signatures\":[");
      const char *close = strrchr (stripped, ']');
      g_autofree char *entry = g_strndup (open, (gsize) (close - open));
      g_autofree char *expected = g_strdup_printf ("%.*s%s,%s]}", (int) (open - stripped), stripped, entry, entry);

      g_assert_cmpstr (general, ==, expected);
    }
  else
    {
      g_autofree char *protected_b64 = json_get_string (general, "signatures", "1", "protected", NULL);

      g_assert_cmpstr (protected_b64, ==, rfc_protected);
    }
}

/* §4.5: the JSON forms without "payload" are refused (detached content is
 * not supported); with Figure 8 put back, they are §4.4. */
static void
test_rfc7520_4_5_detached (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc7520_hmac_key);
  const char *forms[] = { rfc7520_figure_42, rfc7520_figure_43 };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *payload_member = g_strdup_printf ("{\"payload\": \"%s\",", oa2_test_rfc7520_payload_b64);
      g_autofree char *attached = replace_once (forms[i], "{", payload_member);
      g_autoptr(GPtrArray) jwts = NULL;

      assert_parse_fails (forms[i], OA2_ERROR_MALFORMED_TOKEN);
      jwts = parse_ok (attached, 1);
      g_assert_cmpstr (oa2_jwt_get_compact (jwts->pdata[0]), ==, oa2_test_rfc7520_4_4);
      assert_verifies (jwts->pdata[0], key, only_hs256);
    }
}

/* ---------------------------------------------------------------------- */
/* RFC 7520 §4.6–4.8 */

/* §4.6: "alg" protected, "kid" not. */
static void
test_rfc7520_4_6 (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc7520_hmac_key);
  g_autoptr(OA2Jwks) jwks = oa2_jwks_new (&key, 1);
  g_autoptr(GBytes) payload = rfc7520_payload ();
  g_autofree char *expected = strip_whitespace (rfc7520_figure_50);
  g_autofree char *flattened = NULL;
  g_autofree char *with_key_alg = NULL;
  const char *forms[] = { rfc7520_figure_49, rfc7520_figure_50 };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr(GPtrArray) jwts = parse_ok (forms[i], 1);
      OA2Jwt *jwt = jwts->pdata[0];

      g_assert_cmpstr (oa2_jwt_get_alg (jwt), ==, "HS256");
      g_assert_cmpstr (oa2_jwt_get_kid (jwt), ==, HMAC_KID);
      g_assert_cmpstr (oa2_jwt_get_header_string (jwt, "kid"), ==, HMAC_KID);
      assert_rfc7520_payload (jwt);
      /* The header is the union; the signature covers "alg" only. */
      assert_object_equals (oa2_jwt_get_header (jwt), "{\"alg\":\"HS256\",\"kid\":\"" HMAC_KID "\"}");
      assert_object_equals (oa2_jwt_get_protected_header (jwt), "{\"alg\":\"HS256\"}");
      assert_object_equals (oa2_jwt_get_unprotected_header (jwt), "{\"kid\":\"" HMAC_KID "\"}");
      /* An unprotected header has no place in the compact form. */
      g_assert_null (oa2_jwt_get_compact (jwt));

      assert_verifies (jwt, key, only_hs256);
      assert_jwks_verifies (jwt, jwks, only_hs256);
    }

  /* The key's "kid" left unprotected: Figure 50, with the algorithm given
   * or taken from the key. */
  flattened = sign_json_ok (payload, key, "HS256", NULL, "{\"kid\":\"" HMAC_KID "\"}");
  g_assert_cmpstr (flattened, ==, expected);
  with_key_alg = sign_json_ok (payload, key, NULL, NULL, "{\"kid\":\"" HMAC_KID "\"}");
  g_assert_cmpstr (with_key_alg, ==, expected);
}

/* §4.7: nothing protected; the signing input starts with the '.'. */
static void
test_rfc7520_4_7 (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc7520_hmac_key);
  g_autoptr(OA2Jwks) jwks = oa2_jwks_new (&key, 1);
  g_autoptr(GBytes) payload = rfc7520_payload ();
  g_autofree char *expected = strip_whitespace (rfc7520_figure_55);
  g_autofree char *flattened = NULL;
  const char *forms[] = { rfc7520_figure_54, rfc7520_figure_55 };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr(GPtrArray) jwts = parse_ok (forms[i], 1);
      OA2Jwt *jwt = jwts->pdata[0];

      g_assert_cmpstr (oa2_jwt_get_alg (jwt), ==, "HS256");
      g_assert_cmpstr (oa2_jwt_get_kid (jwt), ==, HMAC_KID);
      assert_rfc7520_payload (jwt);
      g_assert_cmpuint (json_object_get_size (oa2_jwt_get_protected_header (jwt)), ==, 0);
      assert_object_equals (oa2_jwt_get_unprotected_header (jwt),
                            "{\"alg\":\"HS256\",\"kid\":\"" HMAC_KID "\"}");
      assert_object_equals (oa2_jwt_get_header (jwt), "{\"alg\":\"HS256\",\"kid\":\"" HMAC_KID "\"}");
      g_assert_null (oa2_jwt_get_compact (jwt));
      assert_verifies (jwt, key, only_hs256);
      assert_jwks_verifies (jwt, jwks, NULL);
    }

  /* "alg" and "kid" both unprotected: no "protected" member. */
  flattened = sign_json_ok (payload, key, "HS256", NULL, "{\"alg\":\"HS256\",\"kid\":\"" HMAC_KID "\"}");
  g_assert_cmpstr (flattened, ==, expected);
}

/* §4.8: three signatures, three keys, three ways to split the header. */
static void
test_rfc7520_4_8 (void)
{
  g_autoptr(OA2Jwk) rsa_private = oa2_test_jwk_parse (oa2_test_rfc7520_rsa_private);
  g_autoptr(OA2Jwk) rsa_public = oa2_test_jwk_parse (oa2_test_rfc7520_rsa_public);
  g_autoptr(OA2Jwk) ec_private = oa2_test_jwk_parse (oa2_test_rfc7520_ec_private);
  g_autoptr(OA2Jwk) ec_public = oa2_test_jwk_parse (oa2_test_rfc7520_ec_public);
  g_autoptr(OA2Jwk) hmac = oa2_test_jwk_parse (oa2_test_rfc7520_hmac_key);
  OA2Jwk *verifiers[] = { rsa_public, ec_public, hmac };
  g_autoptr(OA2Jwks) jwks = oa2_jwks_new (verifiers, G_N_ELEMENTS (verifiers));
  g_autoptr(GBytes) payload = rfc7520_payload ();
  g_autoptr(GPtrArray) jwts = parse_ok (rfc7520_figure_71, 3);
  g_autoptr(GPtrArray) ours = NULL;
  g_autofree char *first = NULL;
  g_autofree char *first_expected = NULL;
  g_autofree char *figure_61 = strip_whitespace (rfc7520_figure_61);
  g_autofree char *two = NULL;
  g_autofree char *three = NULL;
  g_autofree char *rfc_es512 = json_get_string (rfc7520_figure_65, "signature", NULL);
  g_autofree char *our_es512 = NULL;
  g_autofree char *figure_71 = strip_whitespace (rfc7520_figure_71);
  g_autofree char *figure_70 = strip_whitespace (rfc7520_figure_70);
  g_autofree char *third_entry = g_strdup_printf (",%s]}", figure_70);
  g_autofree char *expected = NULL;

  /* Signature #1: RS256, "alg" protected, "kid" not. */
  g_assert_cmpstr (oa2_jwt_get_alg (jwts->pdata[0]), ==, "RS256");
  g_assert_cmpstr (oa2_jwt_get_kid (jwts->pdata[0]), ==, BILBO);
  assert_object_equals (oa2_jwt_get_protected_header (jwts->pdata[0]), "{\"alg\":\"RS256\"}");
  assert_object_equals (oa2_jwt_get_unprotected_header (jwts->pdata[0]), "{\"kid\":\"" BILBO "\"}");
  g_assert_null (oa2_jwt_get_compact (jwts->pdata[0]));
  /* Signature #2: ES512, nothing protected. */
  g_assert_cmpstr (oa2_jwt_get_alg (jwts->pdata[1]), ==, "ES512");
  g_assert_cmpstr (oa2_jwt_get_kid (jwts->pdata[1]), ==, BILBO);
  g_assert_cmpuint (json_object_get_size (oa2_jwt_get_protected_header (jwts->pdata[1])), ==, 0);
  assert_object_equals (oa2_jwt_get_unprotected_header (jwts->pdata[1]),
                        "{\"alg\":\"ES512\",\"kid\":\"" BILBO "\"}");
  g_assert_null (oa2_jwt_get_compact (jwts->pdata[1]));
  /* Signature #3: HS256, everything protected: the token of §4.4. */
  g_assert_cmpstr (oa2_jwt_get_alg (jwts->pdata[2]), ==, "HS256");
  g_assert_null (oa2_jwt_get_unprotected_header (jwts->pdata[2]));
  g_assert_cmpstr (oa2_jwt_get_compact (jwts->pdata[2]), ==, oa2_test_rfc7520_4_4);

  for (guint i = 0; i < jwts->len; i++)
    {
      assert_rfc7520_payload (jwts->pdata[i]);
      assert_verifies (jwts->pdata[i], verifiers[i], NULL);
      /* The one key of the set that fits the algorithm, though the RSA and
       * the EC keys share their "kid". */
      assert_jwks_verifies (jwts->pdata[i], jwks, NULL);
      /* Each key fits its own signature only. */
      for (guint j = 0; j < G_N_ELEMENTS (verifiers); j++)
        if (j != i)
          assert_verify_fails (jwts->pdata[i], verifiers[j], NULL, OA2_ERROR_KEY_MISMATCH);
    }
  assert_verifies (jwts->pdata[0], rsa_public, only_rs256);
  assert_verifies (jwts->pdata[1], ec_public, only_es512);
  assert_verifies (jwts->pdata[2], hmac, only_hs256);

  /* Signed again, one signature after the other. Signature #1 alone is
   * Figure 61 with the payload. */
  first = sign_json_ok (payload, rsa_private, "RS256", NULL, "{\"kid\":\"" BILBO "\"}");
  first_expected = g_strdup_printf ("{\"payload\":\"%s\",%s", oa2_test_rfc7520_payload_b64, figure_61 + 1);
  g_assert_cmpstr (first, ==, first_expected);
  two = add_signature_ok (first, ec_private, "ES512", NULL, "{\"alg\":\"ES512\",\"kid\":\"" BILBO "\"}");
  g_assert_nonnull (strstr (two, figure_61));
  three = add_signature_ok (two, hmac, NULL, NULL, NULL);
  /* Signature #3 is deterministic: Figure 70. */
  g_assert_true (g_str_has_suffix (three, third_entry));

  /* ECDSA is randomized: Figure 71 with our signature #2, which
   * verifies, as the RFC's does. */
  our_es512 = json_get_string (three, "signatures", "1", "signature", NULL);
  g_assert_cmpstr (our_es512, !=, rfc_es512);
  expected = replace_once (figure_71, rfc_es512, our_es512);
  g_assert_cmpstr (three, ==, expected);
  ours = parse_ok (three, 3);
  for (guint i = 0; i < ours->len; i++)
    assert_verifies (ours->pdata[i], verifiers[i], NULL);
}

/* ---------------------------------------------------------------------- */
/* What the parser refuses */

/* A document with one signature of §4.6, its parts given. */
static char *
flattened_4_6 (const char *protected_member,
               const char *header_member,
               const char *signature_member)
{
  GString *json = g_string_new (NULL);

  g_string_append_printf (json, "{\"payload\":\"%s\"", oa2_test_rfc7520_payload_b64);
  if (protected_member != NULL)
    g_string_append_printf (json, ",\"protected\":%s", protected_member);
  if (header_member != NULL)
    g_string_append_printf (json, ",\"header\":%s", header_member);
  if (signature_member != NULL)
    g_string_append_printf (json, ",\"signature\":%s", signature_member);
  g_string_append_c (json, '}');
  return g_string_free (json, FALSE);
}

/* The same in the general syntax, the signature object given. */
static char *
general_of (const char *entries)
{
  return document ("{\"payload\":\"%s\",\"signatures\":[%s]}", oa2_test_rfc7520_payload_b64, entries);
}

static void
test_parse_not_a_document (void)
{
  g_autofree char *trailing = g_strconcat (rfc7520_figure_50, " {}", NULL);
  g_autofree char *cut = g_strndup (rfc7520_figure_50, strlen (rfc7520_figure_50) - 1);
  const char *not_json[] = {
    "", "   ", "payload", oa2_test_rfc7520_4_4, "{", "{\"payload\":}", "{'payload':'SXTi'}",
    "{\"payload\":\"SXTi\",}", trailing, cut,
  };
  const char *not_object[] = { "[]", "[{}]", "\"payload\"", "42", "null", "true" };

  for (guint i = 0; i < G_N_ELEMENTS (not_json); i++)
    assert_parse_fails (not_json[i], OA2_ERROR_MALFORMED_TOKEN);
  for (guint i = 0; i < G_N_ELEMENTS (not_object); i++)
    assert_parse_fails (not_object[i], OA2_ERROR_MALFORMED_TOKEN);
}

static void
test_parse_payload (void)
{
  g_autofree char *figure_8 = g_strdup (oa2_test_rfc7520_payload_b64);
  g_autofree char *non_canonical = NULL;
  g_autofree char *padded = NULL;
  g_autofree char *json_prefix = oa2_test_b64u_encode_str ("{\"sub\":");
  g_autofree char *empty_payload = NULL;
  g_autoptr(GPtrArray) jwts = NULL;
  const char *bad_payloads[] = { "null", "42", "[\"SXTi\"]", "{}", "\"SXT!\"", "\"SXTi=\"", "\"S\"", "\"a+b/\"" };

  /* No payload at all: Figure 50 without it. */
  {
    g_autofree char *missing = flattened_4_6 ("\"" HS256_PROTECTED "\"", "{\"kid\":\"" HMAC_KID "\"}",
                                              "\"" SIGNATURE_4_6 "\"");
    g_autofree char *without = replace_once (missing, "\"payload\":", "\"unused\":");

    assert_parse_fails (without, OA2_ERROR_MALFORMED_TOKEN);
  }
  for (guint i = 0; i < G_N_ELEMENTS (bad_payloads); i++)
    {
      g_autofree char *json = document ("{\"payload\":%s,\"protected\":\"" HS256_PROTECTED "\","
                                        "\"signature\":\"" SIGNATURE_4_6 "\"}", bad_payloads[i]);

      assert_parse_fails (json, OA2_ERROR_MALFORMED_TOKEN);
    }

  /* Figure 8 ends in "by4": "4" has its two unused bits clear, "5" does
   * not, and is refused. */
  g_assert_true (g_str_has_suffix (figure_8, "by4"));
  figure_8[strlen (figure_8) - 1] = '5';
  non_canonical = document ("{\"payload\":\"%s\",\"protected\":\"" HS256_PROTECTED "\","
                            "\"header\":{\"kid\":\"" HMAC_KID "\"},\"signature\":\"" SIGNATURE_4_6 "\"}", figure_8);
  assert_parse_fails (non_canonical, OA2_ERROR_MALFORMED_TOKEN);
  padded = document ("{\"payload\":\"%s=\",\"protected\":\"" HS256_PROTECTED "\","
                     "\"signature\":\"" SIGNATURE_4_6 "\"}", oa2_test_rfc7520_payload_b64);
  assert_parse_fails (padded, OA2_ERROR_MALFORMED_TOKEN);

  /* A payload that starts like JSON must be a JSON object. */
  {
    g_autofree char *json = document ("{\"payload\":\"%s\",\"protected\":\"" HS256_PROTECTED "\","
                                      "\"signature\":\"" SIGNATURE_4_6 "\"}", json_prefix);

    assert_parse_fails (json, OA2_ERROR_MALFORMED_TOKEN);
  }

  /* An empty payload is a payload. */
  empty_payload = document ("{\"payload\":\"\",\"protected\":\"" HS256_PROTECTED "\","
                            "\"signature\":\"" SIGNATURE_4_6 "\"}");
  jwts = parse_ok (empty_payload, 1);
  g_assert_cmpuint (g_bytes_get_size (oa2_jwt_get_payload (jwts->pdata[0])), ==, 0);
  g_assert_null (oa2_jwt_get_claims (jwts->pdata[0]));
}

static void
test_parse_signatures (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc7520_hmac_key);
  const char *entry = "{\"protected\":\"" HS256_PROTECTED "\",\"header\":{\"kid\":\"" HMAC_KID "\"},"
                      "\"signature\":\"" SIGNATURE_4_6 "\"}";
  g_autoptr(GString) sixteen = g_string_new (entry);
  g_autofree char *general_16 = NULL;
  g_autofree char *general_17 = NULL;
  g_autoptr(GPtrArray) jwts = NULL;
  const char *bad_arrays[] = { "\"signatures\":[]", "\"signatures\":{}", "\"signatures\":null",
                               "\"signatures\":\"x\"", "\"signatures\":[1]", "\"signatures\":[[]]",
                               "\"signatures\":[null]" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_arrays); i++)
    {
      g_autofree char *json = document ("{\"payload\":\"%s\",%s}", oa2_test_rfc7520_payload_b64, bad_arrays[i]);

      assert_parse_fails (json, OA2_ERROR_MALFORMED_TOKEN);
    }

  /* Up to 16 signatures; one more is refused. */
  for (guint i = 1; i < 16; i++)
    g_string_append_printf (sixteen, ",%s", entry);
  general_16 = general_of (sixteen->str);
  jwts = parse_ok (general_16, 16);
  for (guint i = 0; i < jwts->len; i++)
    assert_verifies (jwts->pdata[i], key, only_hs256);
  g_string_append_printf (sixteen, ",%s", entry);
  general_17 = general_of (sixteen->str);
  assert_parse_fails (general_17, OA2_ERROR_MALFORMED_TOKEN);

  /* One bad signature fails the document, wherever it is. */
  {
    g_autofree char *entries = g_strdup_printf ("%s,{\"protected\":\"" HS256_PROTECTED "\"}", entry);
    g_autofree char *json = general_of (entries);

    assert_parse_fails (json, OA2_ERROR_MALFORMED_TOKEN);
  }
}

/* The members of one signature, in both syntaxes. */
static void
assert_signature_fails (const char *protected_member,
                        const char *header_member,
                        const char *signature_member,
                        OA2Error    code)
{
  g_autofree char *flattened = flattened_4_6 (protected_member, header_member, signature_member);
  g_autofree char *entry = NULL;
  g_autofree char *general = NULL;

  assert_parse_fails (flattened, code);
  /* The flattened document less its payload is the signature object. */
  entry = replace_once (flattened, "\"payload\":", "\"ignored\":");
  general = general_of (entry);
  assert_parse_fails (general, code);
}

static void
test_parse_signature_members (void)
{
  g_autofree char *protected_typ = NULL;
  g_autofree char *protected_array = NULL;
  g_autofree char *protected_crit = NULL;
  g_autofree char *protected_unknown_alg = NULL;
  g_autofree char *protected_deep = NULL;
  GString *deep = g_string_new ("{\"alg\":\"HS256\",\"x\":");

  /* No signature, or not a base64url string. */
  assert_signature_fails ("\"" HS256_PROTECTED "\"", "{\"kid\":\"" HMAC_KID "\"}", NULL, OA2_ERROR_MALFORMED_TOKEN);
  assert_signature_fails ("\"" HS256_PROTECTED "\"", NULL, "null", OA2_ERROR_MALFORMED_TOKEN);
  assert_signature_fails ("\"" HS256_PROTECTED "\"", NULL, "123", OA2_ERROR_MALFORMED_TOKEN);
  assert_signature_fails ("\"" HS256_PROTECTED "\"", NULL, "[\"" SIGNATURE_4_6 "\"]", OA2_ERROR_MALFORMED_TOKEN);
  assert_signature_fails ("\"" HS256_PROTECTED "\"", NULL, "\"" SIGNATURE_4_6 "=\"", OA2_ERROR_MALFORMED_TOKEN);
  assert_signature_fails ("\"" HS256_PROTECTED "\"", NULL, "\"bWUS!\"", OA2_ERROR_MALFORMED_TOKEN);

  /* Neither header. */
  assert_signature_fails (NULL, NULL, "\"" SIGNATURE_4_6 "\"", OA2_ERROR_MALFORMED_TOKEN);

  /* A protected header that is not base64url of a JSON object: a common
   * mistake is the object itself. */
  protected_typ = oa2_test_b64u_encode_str ("{\"typ\":\"JWT\"}");
  protected_array = oa2_test_b64u_encode_str ("[\"alg\",\"HS256\"]");
  assert_signature_fails ("{\"alg\":\"HS256\"}", NULL, "\"" SIGNATURE_4_6 "\"", OA2_ERROR_MALFORMED_TOKEN);
  assert_signature_fails ("null", "{\"alg\":\"HS256\"}", "\"" SIGNATURE_4_6 "\"", OA2_ERROR_MALFORMED_TOKEN);
  assert_signature_fails ("\"\"", "{\"alg\":\"HS256\"}", "\"" SIGNATURE_4_6 "\"", OA2_ERROR_MALFORMED_TOKEN);
  assert_signature_fails ("\"" HS256_PROTECTED "=\"", NULL, "\"" SIGNATURE_4_6 "\"", OA2_ERROR_MALFORMED_TOKEN);
  {
    g_autofree char *quoted = g_strdup_printf ("\"%s\"", protected_array);

    assert_signature_fails (quoted, "{\"alg\":\"HS256\"}", "\"" SIGNATURE_4_6 "\"", OA2_ERROR_MALFORMED_TOKEN);
  }
  /* An unprotected header that is not an object. */
  assert_signature_fails ("\"" HS256_PROTECTED "\"", "\"" HMAC_KID "\"", "\"" SIGNATURE_4_6 "\"",
                          OA2_ERROR_MALFORMED_TOKEN);
  assert_signature_fails ("\"" HS256_PROTECTED "\"", "[]", "\"" SIGNATURE_4_6 "\"", OA2_ERROR_MALFORMED_TOKEN);
  assert_signature_fails ("\"" HS256_PROTECTED "\"", "null", "\"" SIGNATURE_4_6 "\"", OA2_ERROR_MALFORMED_TOKEN);

  /* RFC 7515 §7.2.1: no member in both headers. */
  assert_signature_fails ("\"" HS256_PROTECTED "\"", "{\"alg\":\"HS256\"}", "\"" SIGNATURE_4_6 "\"",
                          OA2_ERROR_MALFORMED_TOKEN);
  assert_signature_fails ("\"" HS256_PROTECTED "\"", "{\"kid\":\"" HMAC_KID "\",\"alg\":\"none\"}",
                          "\"" SIGNATURE_4_6 "\"", OA2_ERROR_MALFORMED_TOKEN);

  /* No "alg" in either, or not a string. */
  {
    g_autofree char *quoted = g_strdup_printf ("\"%s\"", protected_typ);

    assert_signature_fails (quoted, "{\"kid\":\"" HMAC_KID "\"}", "\"" SIGNATURE_4_6 "\"",
                            OA2_ERROR_MALFORMED_TOKEN);
  }
  assert_signature_fails (NULL, "{\"kid\":\"" HMAC_KID "\"}", "\"" SIGNATURE_4_6 "\"", OA2_ERROR_MALFORMED_TOKEN);
  assert_signature_fails (NULL, "{}", "\"" SIGNATURE_4_6 "\"", OA2_ERROR_MALFORMED_TOKEN);
  assert_signature_fails (NULL, "{\"alg\":256}", "\"" SIGNATURE_4_6 "\"", OA2_ERROR_MALFORMED_TOKEN);
  assert_signature_fails (NULL, "{\"alg\":\"\"}", "\"" SIGNATURE_4_6 "\"", OA2_ERROR_MALFORMED_TOKEN);

  /* An algorithm the library does not implement, protected or not. */
  assert_signature_fails (NULL, "{\"alg\":\"HS1024\"}", "\"" SIGNATURE_4_6 "\"", OA2_ERROR_UNSUPPORTED_ALGORITHM);
  {
    g_autofree char *b64 = oa2_test_b64u_encode_str ("{\"alg\":\"XS256\"}");

    protected_unknown_alg = g_strdup_printf ("\"%s\"", b64);
  }
  assert_signature_fails (protected_unknown_alg, NULL, "\"" SIGNATURE_4_6 "\"", OA2_ERROR_UNSUPPORTED_ALGORITHM);

  /* "crit": refused anywhere, and never taken unprotected. */
  assert_signature_fails ("\"" HS256_PROTECTED "\"", "{\"crit\":[\"exp\"],\"exp\":1363284000}",
                          "\"" SIGNATURE_4_6 "\"", OA2_ERROR_MALFORMED_TOKEN);
  assert_signature_fails (NULL, "{\"alg\":\"HS256\",\"crit\":[]}", "\"" SIGNATURE_4_6 "\"",
                          OA2_ERROR_MALFORMED_TOKEN);
  {
    g_autofree char *b64 = oa2_test_b64u_encode_str ("{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1363284000}");

    protected_crit = g_strdup_printf ("\"%s\"", b64);
  }
  assert_signature_fails (protected_crit, NULL, "\"" SIGNATURE_4_6 "\"", OA2_ERROR_MALFORMED_TOKEN);

  /* Nesting beyond the parser's limit, protected or not. */
  for (guint i = 0; i < 64; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 64; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  {
    g_autofree char *deep_b64 = oa2_test_b64u_encode_str (deep->str);

    protected_deep = g_strdup_printf ("\"%s\"", deep_b64);
  }
  assert_signature_fails (protected_deep, NULL, "\"" SIGNATURE_4_6 "\"", OA2_ERROR_MALFORMED_TOKEN);
  assert_signature_fails (NULL, deep->str, "\"" SIGNATURE_4_6 "\"", OA2_ERROR_MALFORMED_TOKEN);
  g_string_free (deep, TRUE);
}

/* A document is either general or flattened. */
static void
test_parse_mixed_syntax (void)
{
  const char *flattened_members[] = {
    "\"protected\":\"" HS256_PROTECTED "\"", "\"header\":{\"kid\":\"" HMAC_KID "\"}",
    "\"signature\":\"" SIGNATURE_4_6 "\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (flattened_members); i++)
    {
      g_autofree char *member = g_strdup_printf ("%s,\"signatures\":", flattened_members[i]);
      g_autofree char *mixed = replace_once (rfc7520_figure_49, "\"signatures\":", member);

      assert_parse_fails (mixed, OA2_ERROR_MALFORMED_TOKEN);
    }
}

/* Members the syntax does not define are ignored, at the top and in a
 * signature; an empty unprotected header is no unprotected header. */
static void
test_parse_unknown_and_empty_members (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc7520_hmac_key);
  g_autofree char *figure_36 = strip_whitespace (rfc7520_figure_36);
  g_autofree char *unknown_top = replace_once (rfc7520_figure_49, "{", "{\"x-top\": [1, {\"a\": null}],");
  g_autofree char *unknown_entry = replace_once (unknown_top, "\"header\":", "\"x-entry\": 2.5e3, \"header\":");
  g_autofree char *empty_header = replace_once (figure_36, "\"signature\":", "\"header\":{},\"signature\":");
  g_autoptr(GPtrArray) jwts = parse_ok (unknown_entry, 1);
  g_autoptr(GPtrArray) compact = parse_ok (empty_header, 1);

  assert_verifies (jwts->pdata[0], key, only_hs256);
  g_assert_cmpstr (oa2_jwt_get_kid (jwts->pdata[0]), ==, HMAC_KID);

  g_assert_null (oa2_jwt_get_unprotected_header (compact->pdata[0]));
  g_assert_cmpstr (oa2_jwt_get_compact (compact->pdata[0]), ==, oa2_test_rfc7520_4_4);
  assert_verifies (compact->pdata[0], key, only_hs256);
}

/* The size limit: a document of exactly OA2_JWT_MAX_SIZE bytes is read,
 * one byte more is refused before anything else. */
static void
test_parse_oversized (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc7520_hmac_key);
  g_autofree char *figure_50 = strip_whitespace (rfc7520_figure_50);
  g_autofree char *padding = g_strnfill (OA2_JWT_MAX_SIZE - strlen (figure_50) - strlen ("\"x\":\"\","), 'a');
  g_autofree char *member = g_strdup_printf ("{\"x\":\"%s\",", padding);
  g_autofree char *largest = replace_once (figure_50, "{", member);
  g_autofree char *too_large = replace_once (largest, "\"x\":\"", "\"x\":\"a");
  g_autofree char *huge = g_strnfill (4 * OA2_JWT_MAX_SIZE, ' ');
  g_autoptr(GPtrArray) jwts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) refused = NULL;

  g_assert_cmpuint (strlen (largest), ==, OA2_JWT_MAX_SIZE);
  jwts = parse_ok (largest, 1);
  assert_verifies (jwts->pdata[0], key, only_hs256);

  g_assert_cmpuint (strlen (too_large), ==, OA2_JWT_MAX_SIZE + 1);
  refused = oa2_jwt_parse_json_serialization (too_large, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);
  oa2_test_assert_message_contains (error, "64 KiB");
  g_assert_null (refused);

  huge[0] = '{';
  assert_parse_fails (huge, OA2_ERROR_MALFORMED_TOKEN);
}

/* "none": parsed like a compact unsigned token, and refused by
 * verification unless asked for; never with a signature. */
static void
test_parse_unsecured (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc7520_hmac_key);
  g_autoptr(OA2Jwks) jwks = oa2_jwks_new (&key, 1);
  g_autofree char *unsigned_json = flattened_4_6 (NULL, "{\"alg\":\"none\"}", "\"\"");
  g_autofree char *signed_none = flattened_4_6 (NULL, "{\"alg\":\"none\"}", "\"" SIGNATURE_4_6 "\"");
  g_autoptr(GPtrArray) jwts = parse_ok (unsigned_json, 1);
  OA2Jwt *jwt = jwts->pdata[0];

  g_assert_cmpstr (oa2_jwt_get_alg (jwt), ==, "none");
  assert_verify_fails (jwt, key, NULL, OA2_ERROR_UNSECURED_TOKEN);
  assert_verify_fails (jwt, NULL, NULL, OA2_ERROR_UNSECURED_TOKEN);
  assert_verify_fails (jwt, key, only_hs256, OA2_ERROR_UNSECURED_TOKEN);
  assert_jwks_verify_fails (jwt, jwks, NULL, OA2_ERROR_UNSECURED_TOKEN);
  assert_verifies (jwt, NULL, only_none);

  assert_parse_fails (signed_none, OA2_ERROR_MALFORMED_TOKEN);
}

/* ---------------------------------------------------------------------- */
/* Tampering */

static void
test_tampering (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc7520_hmac_key);
  g_autoptr(OA2Jwks) jwks = oa2_jwks_new (&key, 1);
  g_autofree char *other_payload = oa2_test_b64u_encode_str ("It's a safe business, Frodo.");
  g_autofree char *protected_x = oa2_test_b64u_encode_str ("{\"alg\":\"HS256\",\"x\":1}");
  g_autofree char *payload_changed = replace_once (rfc7520_figure_50, oa2_test_rfc7520_payload_b64, other_payload);
  g_autofree char *protected_changed = replace_once (rfc7520_figure_50, HS256_PROTECTED, protected_x);
  g_autofree char *signature_changed = replace_once (rfc7520_figure_50, SIGNATURE_4_6,
                                                     "bWUSVaxorn7bEF1djytBd0kHv70Ly5pvbomzMWSOr2A");
  g_autofree char *kid_changed = replace_once (rfc7520_figure_50, HMAC_KID, "someone-else");
  g_autofree char *alg_changed = replace_once (rfc7520_figure_55, "\"HS256\"", "\"HS384\"");
  g_autoptr(GPtrArray) jwts = NULL;
  OA2Jwt *jwt;
  const char *forged[] = { payload_changed, protected_changed, signature_changed };

  /* Whatever the signature covers. */
  for (guint i = 0; i < G_N_ELEMENTS (forged); i++)
    {
      g_autoptr(GPtrArray) forged_jwts = parse_ok (forged[i], 1);

      assert_verify_fails (forged_jwts->pdata[0], key, only_hs256, OA2_ERROR_INVALID_SIGNATURE);
    }

  /* The unprotected "kid" is not covered: the signature still verifies
   * with the right key, but the key set has no key of that name, and the
   * library does not fall back to another. */
  jwts = parse_ok (kid_changed, 1);
  jwt = jwts->pdata[0];
  g_assert_cmpstr (oa2_jwt_get_kid (jwt), ==, "someone-else");
  assert_verifies (jwt, key, only_hs256);
  assert_jwks_verify_fails (jwt, jwks, only_hs256, OA2_ERROR_NO_MATCHING_KEY);

  /* Nor is an unprotected "alg": the allow-list and the key decide. */
  g_clear_pointer (&jwts, g_ptr_array_unref);
  jwts = parse_ok (alg_changed, 1);
  jwt = jwts->pdata[0];
  g_assert_cmpstr (oa2_jwt_get_alg (jwt), ==, "HS384");
  assert_verify_fails (jwt, key, only_hs256, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_verify_fails (jwt, key, NULL, OA2_ERROR_KEY_MISMATCH);

  /* In a document of several signatures, each fails alone. */
  {
    g_autofree char *figure_71 = strip_whitespace (rfc7520_figure_71);
    g_autofree char *kid_71 = replace_once (figure_71, "\"header\":{\"kid\":\"" BILBO "\"}",
                                            "\"header\":{\"kid\":\"" HMAC_KID "\"}");
    g_autofree char *payload_71 = replace_once (figure_71, "ZiB0by4", "ZiB0bz4");
    g_autoptr(OA2Jwk) rsa_public = oa2_test_jwk_parse (oa2_test_rfc7520_rsa_public);
    g_autoptr(OA2Jwks) rsa_set = oa2_jwks_new (&rsa_public, 1);
    g_autoptr(GPtrArray) renamed = parse_ok (kid_71, 3);
    g_autoptr(GPtrArray) changed = parse_ok (payload_71, 3);

    assert_verifies (renamed->pdata[0], rsa_public, only_rs256);
    assert_jwks_verify_fails (renamed->pdata[0], rsa_set, only_rs256, OA2_ERROR_NO_MATCHING_KEY);
    assert_verifies (renamed->pdata[2], key, only_hs256);
    assert_verify_fails (changed->pdata[0], rsa_public, NULL, OA2_ERROR_INVALID_SIGNATURE);
    assert_verify_fails (changed->pdata[2], key, NULL, OA2_ERROR_INVALID_SIGNATURE);
  }
}

/* A "typ" counts only where the signature covers it. */
static void
test_typ (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc7520_hmac_key);
  g_autoptr(GBytes) claims = oa2_test_bytes_new_str ("{\"sub\":\"alice\"}");
  g_autofree char *protected_typ = sign_json_ok (claims, key, NULL, "{\"typ\":\"dpop+jwt\"}", NULL);
  g_autofree char *unprotected_typ = sign_json_ok (claims, key, NULL, NULL, "{\"typ\":\"dpop+jwt\"}");
  g_autoptr(GPtrArray) covered = parse_ok (protected_typ, 1);
  g_autoptr(GPtrArray) uncovered = parse_ok (unprotected_typ, 1);
  g_autoptr(GError) error = NULL;

  assert_verifies (covered->pdata[0], key, only_hs256);
  g_assert_true (oa2_jwt_check_typ (covered->pdata[0], "application/dpop+jwt", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_jwt_get_string_claim (covered->pdata[0], "sub"), ==, "alice");

  /* The getter shows it; the check refuses it. */
  assert_verifies (uncovered->pdata[0], key, only_hs256);
  g_assert_cmpstr (oa2_jwt_get_typ (uncovered->pdata[0]), ==, "dpop+jwt");
  g_assert_false (oa2_jwt_check_typ (uncovered->pdata[0], "dpop+jwt", &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM);
  oa2_test_assert_message_contains (error, "dpop+jwt");
}

/* ---------------------------------------------------------------------- */
/* Signing */

/* Where each member goes, and in which order the members are written. */
static void
test_sign_header_rule (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc7520_hmac_key);
  g_autoptr(GBytes) payload = rfc7520_payload ();
  g_autofree char *split = sign_json_ok (payload, key, "HS256", "{\"typ\":\"JOSE\",\"cty\":\"text/plain\"}",
                                         "{\"x-note\":\"hello\"}");
  g_autofree char *split_protected = json_get_string (split, "protected", NULL);
  g_autoptr(GBytes) split_header = oa2_test_b64u_decode (split_protected);
  g_autofree char *other_kid = sign_json_ok (payload, key, NULL, "{\"kid\":\"other\",\"alg\":\"none\"}", NULL);
  g_autofree char *other_kid_protected = json_get_string (other_kid, "protected", NULL);
  g_autoptr(GBytes) other_kid_header = oa2_test_b64u_decode (other_kid_protected);
  g_autofree char *unprotected_kid = sign_json_ok (payload, key, NULL, NULL, "{\"kid\":\"other\"}");
  g_autofree char *empty = sign_json_ok (payload, key, NULL, "{}", "{}");
  g_autofree char *empty_expected = strip_whitespace (rfc7520_figure_36);
  g_autoptr(GPtrArray) jwts = parse_ok (split, 1);
  g_autoptr(GPtrArray) renamed = parse_ok (unprotected_kid, 1);
  g_autoptr(GError) error = NULL;
  static const char header_json[] = "{\"alg\":\"HS256\",\"kid\":\"" HMAC_KID "\",\"typ\":\"JOSE\",\"cty\":\"text/plain\"}";
  static const char other_kid_json[] = "{\"alg\":\"HS256\",\"kid\":\"other\"}";

  /* "alg" and "kid" first, then the caller's members in their order;
   * members in the order payload, protected, header, signature. */
  g_assert_cmpmem (g_bytes_get_data (split_header, NULL), g_bytes_get_size (split_header),
                   header_json, strlen (header_json));
  g_assert_true (g_str_has_prefix (split, "{\"payload\":\""));
  g_assert_nonnull (strstr (split, "\",\"protected\":\""));
  g_assert_nonnull (strstr (split, "\",\"header\":{\"x-note\":\"hello\"},\"signature\":\""));
  assert_verifies (jwts->pdata[0], key, only_hs256);
  g_assert_true (oa2_jwt_check_typ (jwts->pdata[0], "jose", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_jwt_get_header_string (jwts->pdata[0], "x-note"), ==, "hello");
  g_assert_null (json_object_get_member (oa2_jwt_get_protected_header (jwts->pdata[0]), "x-note"));

  /* A protected "kid" replaces the key's; "alg" is the library's. */
  g_assert_cmpmem (g_bytes_get_data (other_kid_header, NULL), g_bytes_get_size (other_kid_header),
                   other_kid_json, strlen (other_kid_json));
  /* An unprotected one leaves "alg" alone protected. */
  assert_object_equals (oa2_jwt_get_protected_header (renamed->pdata[0]), "{\"alg\":\"HS256\"}");
  g_assert_cmpstr (oa2_jwt_get_kid (renamed->pdata[0]), ==, "other");

  /* Empty objects add nothing: the flattened form of §4.4. */
  g_assert_cmpstr (empty, ==, empty_expected);
}

static void
test_sign_errors (void)
{
  g_autoptr(OA2Jwk) hmac = oa2_test_jwk_parse (oa2_test_rfc7520_hmac_key);
  g_autoptr(OA2Jwk) ec_public = oa2_test_jwk_parse (oa2_test_rfc7520_ec_public);
  g_autoptr(OA2Jwk) bare = oa2_test_jwk_without (hmac, TRUE, "alg", NULL);

  /* The same member on both sides. */
  assert_sign_json_fails (hmac, NULL, "{\"typ\":\"JWT\"}", "{\"typ\":\"JWT\"}", OA2_ERROR_INVALID_ARGUMENT);
  assert_sign_json_fails (hmac, NULL, "{\"kid\":\"a\"}", "{\"kid\":\"b\"}", OA2_ERROR_INVALID_ARGUMENT);
  assert_sign_json_fails (hmac, NULL, "{\"alg\":\"HS256\"}", "{\"alg\":\"HS256\"}", OA2_ERROR_INVALID_ARGUMENT);
  /* "crit", protected or not. */
  assert_sign_json_fails (hmac, NULL, "{\"crit\":[\"exp\"],\"exp\":1}", NULL, OA2_ERROR_INVALID_ARGUMENT);
  assert_sign_json_fails (hmac, NULL, NULL, "{\"crit\":[\"exp\"]}", OA2_ERROR_INVALID_ARGUMENT);
  /* An unprotected "alg" that is not the algorithm. */
  assert_sign_json_fails (hmac, NULL, NULL, "{\"alg\":\"HS384\"}", OA2_ERROR_INVALID_ARGUMENT);
  assert_sign_json_fails (hmac, "HS256", NULL, "{\"alg\":\"none\"}", OA2_ERROR_INVALID_ARGUMENT);
  assert_sign_json_fails (hmac, NULL, NULL, "{\"alg\":256}", OA2_ERROR_INVALID_ARGUMENT);
  assert_sign_json_fails (hmac, NULL, NULL, "{\"alg\":null}", OA2_ERROR_INVALID_ARGUMENT);
  /* The algorithm and the key, as for the compact form. */
  assert_sign_json_fails (bare, NULL, NULL, NULL, OA2_ERROR_INVALID_ARGUMENT);
  assert_sign_json_fails (bare, "HS1024", NULL, NULL, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_sign_json_fails (bare, "none", NULL, "{\"alg\":\"none\"}", OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_sign_json_fails (hmac, "HS512", NULL, NULL, OA2_ERROR_KEY_MISMATCH);
  assert_sign_json_fails (ec_public, "ES512", NULL, NULL, OA2_ERROR_KEY_MISMATCH);
  assert_sign_json_fails (bare, "RS256", NULL, NULL, OA2_ERROR_KEY_MISMATCH);
}

/* What oa2_jwt_add_json_signature() keeps, and what it refuses. */
static void
test_add_signature (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc7520_hmac_key);
  g_autofree char *escaped = NULL;
  g_autofree char *general = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GString) fifteen = g_string_new (NULL);
  const char *entry = "{\"protected\":\"" HS256_PROTECTED "\",\"header\":{\"kid\":\"" HMAC_KID "\"},"
                      "\"signature\":\"" SIGNATURE_4_6 "\"}";
  g_autoptr(GError) error = NULL;

  /* Extra members go; the strings stay; a JSON escape in a string is read,
   * and the string written as it reads. */
  escaped = document ("{\"x\":1,\"payload\":\"%s\",\"signatures\":[{\"signature\":\"\\u0062WUSVaxorn7bEF1djytBd0kHv70Ly5pvbomzMWSOr20\","
                      "\"y\":[],\"header\":{\"kid\":\"" HMAC_KID "\"},\"protected\":\"" HS256_PROTECTED "\"}]}",
                      oa2_test_rfc7520_payload_b64);
  general = add_signature_ok (escaped, key, NULL, NULL, NULL);
  expected = document ("{\"payload\":\"%s\",\"signatures\":[%s,{\"protected\":\"%s\",\"signature\":\"%s\"}]}",
                       oa2_test_rfc7520_payload_b64, entry,
                       "eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9",
                       "s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0");
  g_assert_cmpstr (general, ==, expected);

  /* A malformed document gets no signature. */
  {
    g_autofree char *refused = oa2_jwt_add_json_signature (rfc7520_figure_42, key, NULL, NULL, NULL, &error);

    g_assert_error (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);
    g_assert_null (refused);
    g_clear_error (&error);
    refused = oa2_jwt_add_json_signature (oa2_test_rfc7520_4_4, key, NULL, NULL, NULL, &error);
    g_assert_error (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);
    g_assert_null (refused);
    g_clear_error (&error);
  }

  /* Up to 16 signatures. */
  g_string_append (fifteen, entry);
  for (guint i = 1; i < 15; i++)
    g_string_append_printf (fifteen, ",%s", entry);
  {
    g_autofree char *json_15 = general_of (fifteen->str);
    g_autofree char *json_16 = add_signature_ok (json_15, key, NULL, NULL, NULL);
    g_autofree char *json_17 = oa2_jwt_add_json_signature (json_16, key, NULL, NULL, NULL, &error);
    g_autoptr(GPtrArray) jwts = parse_ok (json_16, 16);

    g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
    g_assert_null (json_17);
    assert_verifies (jwts->pdata[15], key, only_hs256);
  }
}

/* One document signed with every JWS algorithm; each key verifies its
 * own signature only. */
static void
test_every_algorithm (void)
{
  static const char * const algs[] = {
    "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
    "ES256", "ES384", "ES512", "EdDSA",
  };
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) verifiers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) claims = oa2_test_bytes_new_str ("{\"iss\":\"https://issuer.example\",\"sub\":\"alice\"}");
  g_autofree char *json = NULL;
  g_autoptr(GPtrArray) jwts = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (algs); i++)
    {
      OA2Jwk *key = algs[i][0] == 'R' || algs[i][0] == 'P'
                    ? g_object_ref (oa2_test_rsa_jwk ()) : oa2_test_jwk_generate (algs[i]);

      g_ptr_array_add (keys, key);
      g_ptr_array_add (verifiers, algs[i][0] == 'H' ? g_object_ref (key) : oa2_jwk_dup_public (key));
      if (i == 0)
        json = sign_json_ok (claims, key, algs[i], "{\"typ\":\"JWT\"}", NULL);
      else
        {
          /* Every other one with its "kid" unprotected, when it has one. */
          g_autofree char *kid = oa2_jwk_get_kid (key) != NULL && i % 2 == 0
                                 ? g_strdup_printf ("{\"kid\":\"%s\"}", oa2_jwk_get_kid (key)) : NULL;
          g_autofree char *more = add_signature_ok (json, key, algs[i], "{\"typ\":\"JWT\"}", kid);

          g_free (json);
          json = g_steal_pointer (&more);
        }
    }

  jwts = parse_ok (json, G_N_ELEMENTS (algs));
  for (guint i = 0; i < jwts->len; i++)
    {
      const char * const allowed[] = { algs[i], NULL };
      OA2Jwt *jwt = jwts->pdata[i];
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (oa2_jwt_get_alg (jwt), ==, algs[i]);
      assert_verifies (jwt, verifiers->pdata[i], allowed);
      g_assert_true (oa2_jwt_check_typ (jwt, "JWT", &error));
      g_assert_true (oa2_jwt_validate_claims (jwt, "https://issuer.example", NULL, 0, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (oa2_jwt_get_string_claim (jwt, "sub"), ==, "alice");
      /* The claims and the payload are read once, for every signature. */
      g_assert_true (oa2_jwt_get_claims (jwt) == oa2_jwt_get_claims (jwts->pdata[0]));
      g_assert_true (oa2_jwt_get_payload (jwt) == oa2_jwt_get_payload (jwts->pdata[0]));
      for (guint j = 0; j < verifiers->len; j++)
        /* The RSA algorithms share one key without "alg". */
        if (j != i && !(strchr ("RP", algs[i][0]) != NULL && strchr ("RP", algs[j][0]) != NULL))
          {
            g_autoptr(GError) other_error = NULL;

            g_assert_false (oa2_jwt_verify (jwt, verifiers->pdata[j], NULL, &other_error));
            g_assert_nonnull (other_error);
            g_assert_true (other_error->code == OA2_ERROR_KEY_MISMATCH ||
                           other_error->code == OA2_ERROR_INVALID_SIGNATURE);
          }
    }
}

/* The compact form has no unprotected header. */
static void
test_compact_getters (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwt) jwt = oa2_jwt_new_from_compact (oa2_test_rfc7520_4_4, &error);

  g_assert_no_error (error);
  g_assert_null (oa2_jwt_get_unprotected_header (jwt));
  g_assert_true (oa2_jwt_get_protected_header (jwt) == oa2_jwt_get_header (jwt));
  g_assert_cmpstr (oa2_jwt_get_compact (jwt), ==, oa2_test_rfc7520_4_4);
}

/* ---------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  static const char * const sections[] = { "4.1-rs256", "4.2-ps384", "4.3-es512", "4.4-hs256" };
  int status;

  oa2_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (compact_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/oa2/jose/jws-json/rfc7520/%s", sections[i]);

      g_test_add_data_func (path, &compact_cases[i], test_rfc7520_compact_forms);
    }
  g_test_add_func ("/oa2/jose/jws-json/rfc7520/4.5-detached", test_rfc7520_4_5_detached);
  g_test_add_func ("/oa2/jose/jws-json/rfc7520/4.6-protecting-specific-header-fields", test_rfc7520_4_6);
  g_test_add_func ("/oa2/jose/jws-json/rfc7520/4.7-protecting-content-only", test_rfc7520_4_7);
  g_test_add_func ("/oa2/jose/jws-json/rfc7520/4.8-multiple-signatures", test_rfc7520_4_8);
  g_test_add_func ("/oa2/jose/jws-json/parse/not-a-document", test_parse_not_a_document);
  g_test_add_func ("/oa2/jose/jws-json/parse/payload", test_parse_payload);
  g_test_add_func ("/oa2/jose/jws-json/parse/signatures", test_parse_signatures);
  g_test_add_func ("/oa2/jose/jws-json/parse/signature-members", test_parse_signature_members);
  g_test_add_func ("/oa2/jose/jws-json/parse/mixed-syntax", test_parse_mixed_syntax);
  g_test_add_func ("/oa2/jose/jws-json/parse/unknown-and-empty-members", test_parse_unknown_and_empty_members);
  g_test_add_func ("/oa2/jose/jws-json/parse/oversized", test_parse_oversized);
  g_test_add_func ("/oa2/jose/jws-json/parse/unsecured", test_parse_unsecured);
  g_test_add_func ("/oa2/jose/jws-json/tampering", test_tampering);
  g_test_add_func ("/oa2/jose/jws-json/typ", test_typ);
  g_test_add_func ("/oa2/jose/jws-json/sign/header-rule", test_sign_header_rule);
  g_test_add_func ("/oa2/jose/jws-json/sign/errors", test_sign_errors);
  g_test_add_func ("/oa2/jose/jws-json/sign/add-signature", test_add_signature);
  g_test_add_func ("/oa2/jose/jws-json/sign/every-algorithm", test_every_algorithm);
  g_test_add_func ("/oa2/jose/jwt/compact-getters", test_compact_getters);

  status = g_test_run ();
  oa2_test_rsa_jwk_clear ();
  return status;
}
