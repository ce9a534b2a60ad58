/* jose-bench.c: what the JOSE layer costs over the raw Nettle operations
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each JOSE figure is printed next to its floor, measured in the same run
 * on the same prepared key (reached through oa2-crypto-private.h): signing
 * a JWT beside Nettle's signature of a ready digest, verifying a parsed JWT
 * (then parsing and verifying it, then also checking its claims) beside
 * Nettle's verification of the same signature, and decrypting a
 * compact JWE beside the RSA root or ECDH product plus AES-GCM of the same
 * token, and making a DPoP proof beside Nettle's signature alone. Run with
 * `meson test -C <builddir> --benchmark --suite bench` or directly:
 * `jose-bench [SECONDS_PER_FIGURE [NAME_PART]]`, NAME_PART keeping only the figures whose name holds it (for a profiler:
 * `valgrind --tool=callgrind jose-bench 0.05 "HS256 verify"`).
 *
 * Each figure is the best of three rounds, its floor's rounds interleaved
 * with its own, so that a slower moment of the machine weighs on neither;
 * time is the thread's CPU time, so that other processes on a shared
 * machine do not count. An operation slower than a round is timed once.
 *
 * The last figures are hostile inputs of the outside review (issue 7),
 * each as the time one attempt costs beside the least that reading the
 * same input costs (its JSON, and for a JWE the key agreement and content
 * decryption too): a 1 MiB key set whose one key lists 120,000
 * "key_ops", a 64 KiB ECDH-ES JWE whose "epk" lists as many as fit, and an
 * RSA key of 16384 bits with a 16383-bit exponent (and, when a library
 * without the exponent cap takes it, one RS256 verification with it).
 *
 * For the asymmetric algorithms, a private_key_jwt client assertion (the
 * form parameters of one token request: a fresh jti from the CSPRNG, the
 * claims, the signature) is measured beside the same signing floor.
 */

#include <string.h>
#include <time.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <nettle/aes.h>
#include <nettle/bignum.h>
#include <nettle/ecc-curve.h>
#include <nettle/ecc.h>
#include <nettle/ecdsa.h>
#include <nettle/eddsa.h>
#include <nettle/gcm.h>
#include <nettle/hmac.h>
#include <nettle/memops.h>
#include <nettle/rsa.h>
#include <nettle/sha2.h>

#include "oa2-test-utils.h"
#include "oa2-jose-test-utils.h"

#include "oa2-base64url-private.h"
#include "oa2-crypto-jwe-private.h"
#include "oa2-crypto-private.h"
#include "oa2-json-private.h"
#include "oa2-jwk-private.h"

#define ROUNDS 3

static double seconds_per_figure = 0.6;
static const char *only;

typedef void (*BenchFunc) (gpointer data);

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Operations per CPU second: batches that double until the round has run
 * for its time. */
static double
rate_of (BenchFunc func,
         gpointer  data)
{
  guint64 done = 0;
  guint batch = 1;
  double start = cpu_seconds ();
  double budget = seconds_per_figure / ROUNDS;
  double elapsed;

  do
    {
      for (guint i = 0; i < batch; i++)
        func (data);
      done += batch;
      if (batch < (1u << 16))
        batch *= 2;
      elapsed = cpu_seconds () - start;
    }
  while (elapsed < budget);
  return done / elapsed;
}

/* The best rates of @ours and @floor, in operations per CPU second. */
static void
measure (BenchFunc  ours,
         BenchFunc  floor,
         gpointer   data,
         double    *best,
         double    *best_floor)
{
  double start, first;

  *best = *best_floor = 0;
  /* A first call of each outside the clock: lazy initialisations. That
   * call is the figure of an operation slower than a round, such as a
   * hostile input before its fix, which took tens of seconds. */
  start = cpu_seconds ();
  ours (data);
  first = cpu_seconds () - start;
  floor (data);
  if (first >= seconds_per_figure / ROUNDS)
    *best = 1 / first;
  for (guint round = 0; round < ROUNDS; round++)
    {
      *best_floor = MAX (*best_floor, rate_of (floor, data));
      if (first < seconds_per_figure / ROUNDS)
        *best = MAX (*best, rate_of (ours, data));
    }
}

static void
compare (const char *what,
         BenchFunc   ours,
         const char *floor_what,
         BenchFunc   floor,
         gpointer    data)
{
  double best, best_floor;

  if (only != NULL && strstr (what, only) == NULL)
    return;
  measure (ours, floor, data, &best, &best_floor);
  /* The ratio, and what the JOSE layer adds to each operation in
   * absolute terms: for HMAC the floor is a fraction of a microsecond, and
   * reading or writing the token's JSON and base64url alone costs more. */
  g_print ("%-34s %10.0f/s   %-32s %10.0f/s   ratio %.2f   %+7.2f us\n",
           what, best, floor_what, best_floor, best / best_floor, (1 / best - 1 / best_floor) * 1e6);
}

/* The same for a hostile input, as the time of one attempt: the figure
 * to read is the ratio, which stays small when a refusal costs no more
 * than reading the input. */
static void
compare_time (const char *what,
              BenchFunc   ours,
              const char *floor_what,
              BenchFunc   floor,
              gpointer    data)
{
  double best, best_floor;

  if (only != NULL && strstr (what, only) == NULL)
    return;
  measure (ours, floor, data, &best, &best_floor);
  g_print ("%-34s %10.3f ms   %-32s %10.3f ms   ratio %.2f\n",
           what, 1e3 / best, floor_what, 1e3 / best_floor, best_floor / best);
}

/* Randomness as the library takes it: gnutls_rnd(), the level as ctx. */
static void
random_func (void    *ctx,
             size_t   length,
             uint8_t *dst)
{
  if (gnutls_rnd ((gnutls_rnd_level_t) GPOINTER_TO_INT (ctx), dst, length) < 0)
    g_error ("gnutls_rnd failed");
}

static OA2Jwk *
load_key (const char *alg)
{
  g_autoptr(GError) error = NULL;
  OA2Jwk *key = oa2_jwk_generate (alg, &error);

  g_assert_no_error (error);
  return key;
}

static JsonObject *
bench_claims (void)
{
  JsonObject *claims = json_object_new ();
  JsonArray *aud = json_array_new ();

  json_object_set_string_member (claims, "iss", "https://issuer.example.com");
  json_object_set_string_member (claims, "sub", "248289761001");
  json_array_add_string_element (aud, "s6BhdRkqt3");
  json_object_set_array_member (claims, "aud", aud);
  json_object_set_int_member (claims, "iat", 1700000000);
  json_object_set_int_member (claims, "exp", 4102444800);
  json_object_set_string_member (claims, "jti", "a1b2c3d4e5f6");
  json_object_set_string_member (claims, "scope", "openid profile email");
  return claims;
}

/* ---------------------------------------------------------------------- */
/* JWS */

typedef struct {
  const char   *alg;
  OA2Jwk       *key;            /* private (or symmetric) */
  OA2Jwk       *public_key;     /* what verifies; the key itself for HMAC */
  OA2CryptoKey *crypto;
  JsonObject   *claims;
  char         *token;          /* signed once, for the verify figures */
  OA2Jwt       *jwt;            /* @token, parsed */
  const char   *allowed[2];
  /* The same signature in the forms Nettle takes. */
  const guint8 *signing_input;
  gsize         signing_input_len;
  guint8        digest[SHA256_DIGEST_SIZE];
  GBytes       *signature;
  mpz_t         s;              /* RSA */
  struct dsa_signature ecdsa;   /* ECDSA */
  GBytes       *x, *d, *k;      /* EdDSA, HMAC */
  OA2ClientAuth      *assertion_auth; /* private_key_jwt with @key */
  SoupMessageHeaders *headers;
} JwsBench;

static void
jws_bench_init (JwsBench   *b,
                const char *alg,
                OA2Jwk     *key)
{
  g_autoptr(GError) error = NULL;
  const char *dot;

  memset (b, 0, sizeof *b);
  b->alg = alg;
  b->key = g_object_ref (key);
  b->public_key = strcmp (oa2_jwk_get_kty (key), "oct") == 0 ? g_object_ref (key) : oa2_jwk_dup_public (key);
  b->crypto = oa2_jwk_get_crypto_key (key);
  b->claims = bench_claims ();
  b->allowed[0] = alg;

  b->token = oa2_jwt_sign_claims (b->claims, key, alg, NULL, &error);
  g_assert_no_error (error);
  b->jwt = oa2_jwt_new_from_compact (b->token, &error);
  g_assert_no_error (error);
  g_assert_true (oa2_jwt_verify (b->jwt, b->public_key, b->allowed, &error));
  g_assert_no_error (error);

  dot = strrchr (b->token, '.');
  b->signing_input = (const guint8 *) b->token;
  b->signing_input_len = (gsize) (dot - b->token);
  b->signature = oa2_base64url_decode (dot + 1, -1);
  oa2_crypto_digest (OA2_DIGEST_SHA256, b->signing_input, b->signing_input_len, b->digest);

  mpz_init (b->s);
  dsa_signature_init (&b->ecdsa);
  switch (oa2_crypto_key_get_kty (b->crypto))
    {
    case OA2_KTY_RSA:
      nettle_mpz_set_str_256_u (b->s, g_bytes_get_size (b->signature), g_bytes_get_data (b->signature, NULL));
      break;
    case OA2_KTY_EC:
      nettle_mpz_set_str_256_u (b->ecdsa.r, 32, g_bytes_get_data (b->signature, NULL));
      nettle_mpz_set_str_256_u (b->ecdsa.s, 32, (const guint8 *) g_bytes_get_data (b->signature, NULL) + 32);
      break;
    case OA2_KTY_OKP:
      b->x = oa2_crypto_key_dup_param (b->crypto, "x");
      b->d = oa2_crypto_key_dup_param (b->crypto, "d");
      break;
    case OA2_KTY_OCT:
    default:
      b->k = oa2_crypto_key_dup_param (b->crypto, "k");
      break;
    }
}

static void
jws_bench_clear (JwsBench *b)
{
  g_object_unref (b->key);
  g_object_unref (b->public_key);
  json_object_unref (b->claims);
  g_free (b->token);
  g_object_unref (b->jwt);
  g_bytes_unref (b->signature);
  mpz_clear (b->s);
  dsa_signature_clear (&b->ecdsa);
  g_clear_pointer (&b->x, g_bytes_unref);
  g_clear_pointer (&b->d, g_bytes_unref);
  g_clear_pointer (&b->k, g_bytes_unref);
}

/* The JOSE side: the public API, as an application calls it. */

static void
jose_sign (gpointer data)
{
  JwsBench *b = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = oa2_jwt_sign_claims (b->claims, b->key, b->alg, NULL, &error);

  g_assert_nonnull (token);
}

static void
jose_verify (gpointer data)
{
  JwsBench *b = data;

  if (!oa2_jwt_verify (b->jwt, b->public_key, b->allowed, NULL))
    g_error ("%s: verification failed", b->alg);
}

static void
jose_parse_verify (gpointer data)
{
  JwsBench *b = data;
  g_autoptr(OA2Jwt) jwt = oa2_jwt_new_from_compact (b->token, NULL);

  if (jwt == NULL || !oa2_jwt_verify (jwt, b->public_key, b->allowed, NULL))
    g_error ("%s: verification failed", b->alg);
}

/* What a relying party does with each ID token: parse, verify, check the
 * registered claims. */
static void
jose_parse_verify_validate (gpointer data)
{
  JwsBench *b = data;
  g_autoptr(OA2Jwt) jwt = oa2_jwt_new_from_compact (b->token, NULL);

  if (jwt == NULL || !oa2_jwt_verify (jwt, b->public_key, b->allowed, NULL) ||
      !oa2_jwt_validate_claims (jwt, "https://issuer.example.com", "s6BhdRkqt3", 30, NULL))
    g_error ("%s: validation failed", b->alg);
}

/* The floors: Nettle on the key the JWK holds. */

static void
nettle_rs256_sign (gpointer data)
{
  JwsBench *b = data;
  mpz_t s;

  mpz_init (s);
  if (!rsa_sha256_sign_digest_tr (oa2_crypto_key_get_rsa_public (b->crypto), oa2_crypto_key_get_rsa_private (b->crypto),
                                  GINT_TO_POINTER (GNUTLS_RND_RANDOM), random_func, b->digest, s))
    g_error ("rsa_sha256_sign_digest_tr failed");
  mpz_clear (s);
}

static void
nettle_rs256_verify (gpointer data)
{
  JwsBench *b = data;

  if (!rsa_sha256_verify_digest (oa2_crypto_key_get_rsa_public (b->crypto), b->digest, b->s))
    g_error ("rsa_sha256_verify_digest failed");
}

static void
nettle_ps256_sign (gpointer data)
{
  JwsBench *b = data;
  guint8 salt[SHA256_DIGEST_SIZE];
  mpz_t s;

  random_func (GINT_TO_POINTER (GNUTLS_RND_RANDOM), sizeof salt, salt);
  mpz_init (s);
  if (!rsa_pss_sha256_sign_digest_tr (oa2_crypto_key_get_rsa_public (b->crypto),
                                      oa2_crypto_key_get_rsa_private (b->crypto),
                                      GINT_TO_POINTER (GNUTLS_RND_RANDOM), random_func,
                                      sizeof salt, salt, b->digest, s))
    g_error ("rsa_pss_sha256_sign_digest_tr failed");
  mpz_clear (s);
}

static void
nettle_ps256_verify (gpointer data)
{
  JwsBench *b = data;

  if (!rsa_pss_sha256_verify_digest (oa2_crypto_key_get_rsa_public (b->crypto), SHA256_DIGEST_SIZE, b->digest, b->s))
    g_error ("rsa_pss_sha256_verify_digest failed");
}

static void
nettle_es256_sign (gpointer data)
{
  JwsBench *b = data;
  struct dsa_signature sig;

  dsa_signature_init (&sig);
  ecdsa_sign (oa2_crypto_key_get_ec_private (b->crypto), GINT_TO_POINTER (GNUTLS_RND_KEY), random_func,
              SHA256_DIGEST_SIZE, b->digest, &sig);
  dsa_signature_clear (&sig);
}

static void
nettle_es256_verify (gpointer data)
{
  JwsBench *b = data;

  if (!ecdsa_verify (oa2_crypto_key_get_ec_public (b->crypto), SHA256_DIGEST_SIZE, b->digest, &b->ecdsa))
    g_error ("ecdsa_verify failed");
}

static void
nettle_eddsa_sign (gpointer data)
{
  JwsBench *b = data;
  guint8 signature[ED25519_SIGNATURE_SIZE];

  ed25519_sha512_sign (g_bytes_get_data (b->x, NULL), g_bytes_get_data (b->d, NULL),
                       b->signing_input_len, b->signing_input, signature);
}

static void
nettle_eddsa_verify (gpointer data)
{
  JwsBench *b = data;

  if (!ed25519_sha512_verify (g_bytes_get_data (b->x, NULL), b->signing_input_len, b->signing_input,
                              g_bytes_get_data (b->signature, NULL)))
    g_error ("ed25519_sha512_verify failed");
}

static void
nettle_hs256_mac (JwsBench *b,
                  guint8   *mac)
{
  struct hmac_sha256_ctx ctx;

  hmac_sha256_set_key (&ctx, g_bytes_get_size (b->k), g_bytes_get_data (b->k, NULL));
  hmac_sha256_update (&ctx, b->signing_input_len, b->signing_input);
  hmac_sha256_digest (&ctx, SHA256_DIGEST_SIZE, mac);
}

static void
nettle_hs256_sign (gpointer data)
{
  guint8 mac[SHA256_DIGEST_SIZE];

  nettle_hs256_mac (data, mac);
}

/* Checking a MAC includes comparing it, in constant time: Nettle's
 * memeql_sec(). */
static void
nettle_hs256_verify (gpointer data)
{
  JwsBench *b = data;
  guint8 mac[SHA256_DIGEST_SIZE];

  nettle_hs256_mac (b, mac);
  if (!memeql_sec (mac, g_bytes_get_data (b->signature, NULL), sizeof mac))
    g_error ("HMAC mismatch");
}

/* The credentials of one token request with private_key_jwt. */
static void
client_assertion (gpointer data)
{
  JwsBench *b = data;
  g_autoptr(GError) error = NULL;
  GHashTable *params = oa2_client_auth_authenticate (b->assertion_auth, "POST", "https://as.example.com/token",
                                                     b->headers, &error);

  g_assert_no_error (error);
  g_hash_table_unref (params);
}

static void
bench_client_assertion (JwsBench   *b,
                        const char *sign_floor_name,
                        BenchFunc   sign_floor)
{
  g_autofree char *name = g_strdup_printf ("%s private_key_jwt assertion", b->alg);
  g_autoptr(GError) error = NULL;

  b->assertion_auth = OA2_CLIENT_AUTH (oa2_private_key_jwt_new ("s6BhdRkqt3", b->key, b->alg, &error));
  g_assert_no_error (error);
  b->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  compare (name, client_assertion, sign_floor_name, sign_floor, b);
  g_clear_object (&b->assertion_auth);
  g_clear_pointer (&b->headers, soup_message_headers_unref);
}

static void
bench_jws (const char *alg,
           OA2Jwk     *key,
           const char *sign_floor_name,
           BenchFunc   sign_floor,
           const char *verify_floor_name,
           BenchFunc   verify_floor)
{
  JwsBench b;
  g_autofree char *sign_name = g_strdup_printf ("%s sign", alg);
  g_autofree char *verify_name = g_strdup_printf ("%s verify", alg);
  g_autofree char *parse_verify_name = g_strdup_printf ("%s parse + verify", alg);
  g_autofree char *validate_name = g_strdup_printf ("%s parse + verify + claims", alg);

  jws_bench_init (&b, alg, key);
  compare (sign_name, jose_sign, sign_floor_name, sign_floor, &b);
  compare (verify_name, jose_verify, verify_floor_name, verify_floor, &b);
  compare (parse_verify_name, jose_parse_verify, verify_floor_name, verify_floor, &b);
  compare (validate_name, jose_parse_verify_validate, verify_floor_name, verify_floor, &b);
  if (strcmp (oa2_jwk_get_kty (key), "oct") != 0)
    bench_client_assertion (&b, sign_floor_name, sign_floor);
  jws_bench_clear (&b);
}

/* ---------------------------------------------------------------------- */
/* ID-token validation (OIDC Core §3.1.3.7) as OA2Client does it on every
 * token response: parse, the alg allow-list, the key of the server's set,
 * the signature, iss/sub/aud/azp/exp/iat; the floor is Nettle's verify. */

typedef struct {
  JwsBench   jws;   /* first: the floors take a JwsBench */
  OA2Client *client;
} IdTokenBench;

static void
client_validate_id_token (gpointer data)
{
  IdTokenBench *b = data;
  g_autoptr(OA2IdToken) id_token = oa2_client_validate_id_token (b->client, b->jws.token, NULL, -1, NULL, NULL);

  if (id_token == NULL)
    g_error ("%s: ID-token validation failed", b->jws.alg);
}

static void
bench_id_token (const char *alg,
                OA2Jwk     *key,
                const char *verify_floor_name,
                BenchFunc   verify_floor)
{
  IdTokenBench b;
  g_autofree char *name = g_strdup_printf ("%s ID token, OA2Client", alg);
  g_autoptr(OA2PublicApp) auth = oa2_public_app_new ("s6BhdRkqt3");
  g_autoptr(OA2Jwks) jwks = NULL;

  jws_bench_init (&b.jws, alg, key);
  jwks = oa2_jwks_new (&b.jws.public_key, 1);
  b.client = g_object_new (OA2_TYPE_CLIENT, "issuer", "https://issuer.example.com", "client-auth", auth,
                           "server-jwks", jwks, "id-token-signed-response-alg", alg, NULL);
  compare (name, client_validate_id_token, verify_floor_name, verify_floor, &b);
  g_object_unref (b.client);
  jws_bench_clear (&b.jws);
}

/* ---------------------------------------------------------------------- */
/* DPoP proofs (RFC 9449) */

/* A proof costs a jti from the CSPRNG, the normalized URL, the hash of the
 * access token, the header with the public JWK and the signature; the
 * floor is Nettle's signature alone, on the same key material. */
typedef struct {
  JwsBench jws;   /* first: the floors take a JwsBench */
  OA2DPoPKey *dpop;
} DPoPBench;

static void
dpop_proof (gpointer data)
{
  DPoPBench *b = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *proof = oa2_dpop_key_make_proof (b->dpop, "GET", "https://api.example.com/items?page=2",
                                                    "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU", NULL, &error);

  g_assert_nonnull (proof);
}

static void
bench_dpop (const char *alg,
            OA2Jwk     *key,
            const char *sign_floor_name,
            BenchFunc   sign_floor)
{
  DPoPBench b;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("DPoP proof %s", alg);

  jws_bench_init (&b.jws, alg, key);
  b.dpop = oa2_dpop_key_new (key, alg, &error);
  g_assert_no_error (error);
  compare (name, dpop_proof, sign_floor_name, sign_floor, &b);
  g_object_unref (b.dpop);
  jws_bench_clear (&b.jws);
}

/* ---------------------------------------------------------------------- */
/* JWE */

typedef struct {
  OA2Jwk       *key;
  OA2CryptoKey *crypto;
  char         *token;
  GBytes       *plaintext;
  /* The token's parts, decoded once for the floor. */
  GBytes       *aad, *iv, *ciphertext, *tag, *cek;
  mpz_t         c;                      /* RSA: the encrypted key */
  struct ecc_point epk;                 /* ECDH: the ephemeral key */
} JweBench;

static GBytes *
part (char **parts,
      guint  i)
{
  GBytes *bytes = oa2_base64url_decode (parts[i], -1);

  g_assert_nonnull (bytes);
  return bytes;
}

static const char jwe_message[] =
  "{\"sub\":\"248289761001\",\"email\":\"janedoe@example.com\",\"email_verified\":true}";

/* Takes @token, which must decrypt with @key to jwe_message. */
static void
jwe_bench_load (JweBench *b,
                OA2Jwk   *key,
                char     *token)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GBytes) encrypted_key = NULL;
  g_autoptr(GBytes) decrypted = NULL;

  memset (b, 0, sizeof *b);
  b->key = g_object_ref (key);
  b->crypto = oa2_jwk_get_crypto_key (key);
  b->plaintext = g_bytes_new_static (jwe_message, strlen (jwe_message));
  b->token = token;
  decrypted = oa2_jwe_decrypt (b->token, key, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (decrypted, b->plaintext));

  parts = g_strsplit (b->token, ".", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 5);
  b->aad = g_bytes_new (parts[0], strlen (parts[0]));
  encrypted_key = part (parts, 1);
  b->iv = part (parts, 2);
  b->ciphertext = part (parts, 3);
  b->tag = part (parts, 4);
  mpz_init (b->c);

  if (oa2_crypto_key_get_kty (b->crypto) == OA2_KTY_RSA)
    {
      nettle_mpz_set_str_256_u (b->c, g_bytes_get_size (encrypted_key), g_bytes_get_data (encrypted_key, NULL));
      b->cek = oa2_jwe_rsa_oaep_decrypt (oa2_crypto_key_get_rsa_public (b->crypto),
                                         oa2_crypto_key_get_rsa_private (b->crypto),
                                         OA2_DIGEST_SHA256, encrypted_key, &error);
      g_assert_no_error (error);
    }
  else
    {
      g_autoptr(GBytes) header_bytes = part (parts, 0);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *epk;
      g_autoptr(GBytes) x = NULL, y = NULL;
      mpz_t mx, my;

      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (header_bytes, NULL),
                                                 (gssize) g_bytes_get_size (header_bytes), NULL));
      epk = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "epk");
      x = oa2_base64url_decode (json_object_get_string_member (epk, "x"), -1);
      y = oa2_base64url_decode (json_object_get_string_member (epk, "y"), -1);
      ecc_point_init (&b->epk, nettle_get_secp_256r1 ());
      nettle_mpz_init_set_str_256_u (mx, g_bytes_get_size (x), g_bytes_get_data (x, NULL));
      nettle_mpz_init_set_str_256_u (my, g_bytes_get_size (y), g_bytes_get_data (y, NULL));
      g_assert_true (ecc_point_set (&b->epk, mx, my));
      mpz_clear (mx);
      mpz_clear (my);
    }
}

static void
jwe_bench_init (JweBench   *b,
                OA2Jwk     *key,
                const char *alg,
                const char *enc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plaintext = g_bytes_new_static (jwe_message, strlen (jwe_message));
  char *token = oa2_jwe_encrypt (plaintext, key, alg, enc, NULL, &error);

  g_assert_no_error (error);
  jwe_bench_load (b, key, token);
}

static void
jwe_bench_clear (JweBench *b)
{
  if (oa2_crypto_key_get_kty (b->crypto) == OA2_KTY_EC)
    ecc_point_clear (&b->epk);
  mpz_clear (b->c);
  g_object_unref (b->key);
  g_free (b->token);
  g_bytes_unref (b->plaintext);
  g_bytes_unref (b->aad);
  g_bytes_unref (b->iv);
  g_bytes_unref (b->ciphertext);
  g_bytes_unref (b->tag);
  g_clear_pointer (&b->cek, g_bytes_unref);
}

static void
jose_decrypt (gpointer data)
{
  JweBench *b = data;
  g_autoptr(GBytes) plaintext = oa2_jwe_decrypt (b->token, b->key, NULL, NULL, NULL, NULL);

  if (plaintext == NULL)
    g_error ("decryption failed");
}

/* AES-GCM decryption of the token's content and the tag check. */
static void
gcm_open (JweBench     *b,
          const guint8 *cek,
          gsize         cek_len)
{
  guint8 plaintext[256];
  guint8 tag[GCM_DIGEST_SIZE];
  gsize len = g_bytes_get_size (b->ciphertext);

  g_assert_cmpuint (len, <=, sizeof plaintext);
  if (cek_len == 32)
    {
      struct gcm_aes256_ctx ctx;

      gcm_aes256_set_key (&ctx, cek);
      gcm_aes256_set_iv (&ctx, g_bytes_get_size (b->iv), g_bytes_get_data (b->iv, NULL));
      gcm_aes256_update (&ctx, g_bytes_get_size (b->aad), g_bytes_get_data (b->aad, NULL));
      gcm_aes256_decrypt (&ctx, len, plaintext, g_bytes_get_data (b->ciphertext, NULL));
      gcm_aes256_digest (&ctx, sizeof tag, tag);
    }
  else
    {
      struct gcm_aes128_ctx ctx;

      gcm_aes128_set_key (&ctx, cek);
      gcm_aes128_set_iv (&ctx, g_bytes_get_size (b->iv), g_bytes_get_data (b->iv, NULL));
      gcm_aes128_update (&ctx, g_bytes_get_size (b->aad), g_bytes_get_data (b->aad, NULL));
      gcm_aes128_decrypt (&ctx, len, plaintext, g_bytes_get_data (b->ciphertext, NULL));
      gcm_aes128_digest (&ctx, sizeof tag, tag);
    }
  if (memcmp (tag, g_bytes_get_data (b->tag, NULL), sizeof tag) != 0)
    g_error ("GCM tag mismatch");
}

/* RSA: the blinded, checked root of the encrypted key (what
 * RSA-OAEP decryption costs before its unpadding), then AES-256-GCM. */
static void
nettle_rsa_oaep_open (gpointer data)
{
  JweBench *b = data;
  mpz_t m;

  mpz_init (m);
  if (!rsa_compute_root_tr (oa2_crypto_key_get_rsa_public (b->crypto), oa2_crypto_key_get_rsa_private (b->crypto),
                            GINT_TO_POINTER (GNUTLS_RND_RANDOM), random_func, m, b->c))
    g_error ("rsa_compute_root_tr failed");
  mpz_clear (m);
  gcm_open (b, g_bytes_get_data (b->cek, NULL), g_bytes_get_size (b->cek));
}

/* ECDH-ES: the shared point, the Concat KDF for "A128GCM" (one SHA-256
 * block), then AES-128-GCM. */
static void
nettle_ecdh_open (gpointer data)
{
  static const guint8 other_info[] = {
    0, 0, 0, 7, 'A', '1', '2', '8', 'G', 'C', 'M',   /* AlgorithmID */
    0, 0, 0, 0,                                      /* PartyUInfo */
    0, 0, 0, 0,                                      /* PartyVInfo */
    0, 0, 0, 128,                                    /* keydatalen */
  };
  static const guint8 counter[4] = { 0, 0, 0, 1 };
  JweBench *b = data;
  struct ecc_point r;
  struct sha256_ctx sha;
  guint8 z[32], key[SHA256_DIGEST_SIZE];
  mpz_t x, y;

  ecc_point_init (&r, nettle_get_secp_256r1 ());
  ecc_point_mul (&r, oa2_crypto_key_get_ec_private (b->crypto), &b->epk);
  mpz_init (x);
  mpz_init (y);
  ecc_point_get (&r, x, y);
  nettle_mpz_get_str_256 (sizeof z, z, x);
  mpz_clear (x);
  mpz_clear (y);
  ecc_point_clear (&r);

  sha256_init (&sha);
  sha256_update (&sha, sizeof counter, counter);
  sha256_update (&sha, sizeof z, z);
  sha256_update (&sha, sizeof other_info, other_info);
  sha256_digest (&sha, sizeof key, key);
  gcm_open (b, key, 16);
}

static void
bench_jwe (const char *what,
           OA2Jwk     *key,
           const char *alg,
           const char *enc,
           const char *floor_name,
           BenchFunc   floor)
{
  JweBench b;

  jwe_bench_init (&b, key, alg, enc);
  compare (what, jose_decrypt, floor_name, floor, &b);
  jwe_bench_clear (&b);
}

/* ---------------------------------------------------------------------- */
/* Hostile inputs */

static void
jose_load_jwks (gpointer data)
{
  g_autoptr(OA2Jwks) jwks = oa2_jwks_new_from_json (data, NULL);

  if (jwks == NULL)
    g_error ("the key set does not load");
}

static void
jose_load_jwk (gpointer data)
{
  g_autoptr(OA2Jwk) key = oa2_jwk_new_from_json (data, NULL);
}

/* Reading the JSON text, which any use of it must do. */
static void
json_parse (gpointer data)
{
  g_autoptr(JsonObject) object = oa2_json_parse_object (data, strlen (data), NULL);

  if (object == NULL)
    g_error ("not a JSON object");
}

/* The ECDH-ES floor, after decoding and reading the protected header,
 * which any decrypter does first: for a header of 64 KiB, that is most of
 * the time. */
static void
header_ecdh_open (gpointer data)
{
  JweBench *b = data;
  g_autoptr(GBytes) header = oa2_base64url_decode (g_bytes_get_data (b->aad, NULL), (gssize) g_bytes_get_size (b->aad));
  g_autoptr(JsonObject) object = oa2_json_parse_object (g_bytes_get_data (header, NULL), g_bytes_get_size (header), NULL);

  if (object == NULL)
    g_error ("the header is not a JSON object");
  nettle_ecdh_open (b);
}

/* An ECDH-ES + A128GCM token for @key whose "epk" lists as many "key_ops"
 * beside its point as fit in the largest token the library takes; made
 * from the JWE primitives, as oa2_jwe_encrypt() writes no such "epk". */
static char *
hostile_epk_token (OA2Jwk *key)
{
  g_autoptr(OA2Jwk) ephemeral = load_key ("ECDH-ES");
  OA2CryptoKey *crypto = oa2_jwk_get_crypto_key (ephemeral);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) z = oa2_jwe_ecdh_nist (oa2_crypto_key_get_ec_private (crypto),
                                           oa2_crypto_key_get_ec_public (oa2_jwk_get_crypto_key (key)), &error);
  g_autoptr(GBytes) cek = oa2_jwe_concat_kdf (z, "A128GCM", 16, NULL, NULL);
  g_autoptr(GBytes) x = oa2_crypto_key_dup_param (crypto, "x");
  g_autoptr(GBytes) y = oa2_crypto_key_dup_param (crypto, "y");
  g_autofree char *x_b64 = oa2_base64url_encode_bytes (x);
  g_autofree char *y_b64 = oa2_base64url_encode_bytes (y);
  g_autoptr(GBytes) plaintext = g_bytes_new_static (jwe_message, strlen (jwe_message));
  guint8 iv_data[12] = { 0 };
  g_autoptr(GBytes) iv = g_bytes_new (iv_data, sizeof iv_data);
  char *token = NULL;

  g_assert_no_error (error);
  for (guint n_ops = 5600; token == NULL; n_ops -= 20)
    {
      g_autofree char *ops = oa2_test_key_ops_json (n_ops);
      g_autofree char *header_json = g_strdup_printf ("{\"alg\":\"ECDH-ES\",\"enc\":\"A128GCM\",\"epk\":"
                                                      "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"%s\","
                                                      "\"y\":\"%s\",\"key_ops\":%s}}", x_b64, y_b64, ops);
      g_autofree char *header = oa2_base64url_encode ((const guint8 *) header_json, strlen (header_json));
      g_autoptr(GBytes) aad = g_bytes_new (header, strlen (header));
      g_autoptr(GBytes) ciphertext = NULL, tag = NULL;
      g_autofree char *iv_b64 = oa2_base64url_encode_bytes (iv);
      g_autofree char *ciphertext_b64 = NULL, *tag_b64 = NULL;
      g_autofree char *candidate = NULL;

      g_assert_true (oa2_jwe_encrypt_content (OA2_ENC_A128GCM, cek, iv, aad, plaintext, &ciphertext, &tag, &error));
      ciphertext_b64 = oa2_base64url_encode_bytes (ciphertext);
      tag_b64 = oa2_base64url_encode_bytes (tag);
      candidate = g_strjoin (".", header, "", iv_b64, ciphertext_b64, tag_b64, NULL);
      if (strlen (candidate) <= OA2_JWT_MAX_SIZE)
        token = g_steal_pointer (&candidate);
    }
  return token;
}

/* An RSA JWK of 16384 bits with a 16383-bit exponent, both odd and e < n:
 * all such a key had to be before the exponent cap. A public modulus need
 * not be a product of primes to be read. */
static char *
huge_exponent_jwk (void)
{
  guint8 n[OA2_RSA_MAX_BITS / 8], e[OA2_RSA_MAX_BITS / 8];
  g_autofree char *n_b64 = NULL, *e_b64 = NULL;

  memset (n, 0xc3, sizeof n);
  memset (e, 0xc3, sizeof e);
  e[0] = 0x43;
  n_b64 = oa2_base64url_encode (n, sizeof n);
  e_b64 = oa2_base64url_encode (e, sizeof e);
  return g_strdup_printf ("{\"kty\":\"RSA\",\"n\":\"%s\",\"e\":\"%s\"}", n_b64, e_b64);
}

typedef struct {
  OA2Jwk               *key;
  OA2Jwt               *jwt;
  const char           *allowed[2];
  struct rsa_public_key pub;   /* the same modulus, e = 65537 */
  guint8                digest[SHA256_DIGEST_SIZE];
  mpz_t                 s;
} HugeExponentBench;

/* What one RS256 verification costs with the huge exponent: the
 * signature is wrong, which costs as much as a right one. */
static void
jose_verify_huge_exponent (gpointer data)
{
  HugeExponentBench *b = data;

  (void) oa2_jwt_verify (b->jwt, b->key, b->allowed, NULL);
}

static void
nettle_rs256_verify_f4 (gpointer data)
{
  HugeExponentBench *b = data;

  (void) rsa_sha256_verify_digest (&b->pub, b->digest, b->s);
}

static void
bench_huge_exponent_verify (OA2Jwk *key)
{
  HugeExponentBench b = { .key = key, .allowed = { "RS256", NULL } };
  g_autoptr(GBytes) n = oa2_crypto_key_dup_param (oa2_jwk_get_crypto_key (key), "n");
  g_autofree guint8 *signature = g_malloc (g_bytes_get_size (n));
  g_autofree char *signature_b64 = NULL, *token = NULL;
  static const char signing_input[] = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIyNDgyODk3NjEwMDEifQ";

  memset (signature, 0x11, g_bytes_get_size (n));
  signature_b64 = oa2_base64url_encode (signature, g_bytes_get_size (n));
  token = g_strconcat (signing_input, ".", signature_b64, NULL);
  b.jwt = oa2_jwt_new_from_compact (token, NULL);
  g_assert_nonnull (b.jwt);
  rsa_public_key_init (&b.pub);
  nettle_mpz_set_str_256_u (b.pub.n, g_bytes_get_size (n), g_bytes_get_data (n, NULL));
  mpz_set_ui (b.pub.e, 65537);
  g_assert_true (rsa_public_key_prepare (&b.pub));
  oa2_crypto_digest (OA2_DIGEST_SHA256, (const guint8 *) signing_input, strlen (signing_input), b.digest);
  nettle_mpz_init_set_str_256_u (b.s, g_bytes_get_size (n), signature);

  compare_time ("RS256 verify, e of 16383 bits", jose_verify_huge_exponent,
                "rsa_sha256_verify_digest, e 65537", nettle_rs256_verify_f4, &b);

  mpz_clear (b.s);
  rsa_public_key_clear (&b.pub);
  g_object_unref (b.jwt);
}

static void
bench_hostile (OA2Jwk *ecdh)
{
  g_autofree char *ops = oa2_test_key_ops_json (120000);
  g_autofree char *jwks = g_strdup_printf ("{\"keys\":[{\"kty\":\"oct\",\"k\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8\","
                                           "\"key_ops\":%s}]}", ops);
  g_autofree char *rsa_json = huge_exponent_jwk ();
  g_autoptr(OA2Jwk) rsa = NULL;
  JweBench b;

  g_print ("Hostile inputs (issue 7): one attempt, beside what reading the same input costs at least\n");
  compare_time ("JWKS 1 MiB, 120000 key_ops: load", jose_load_jwks,
                "oa2_json_parse_object", json_parse, jwks);
  jwe_bench_load (&b, ecdh, hostile_epk_token (ecdh));
  compare_time ("JWE 64 KiB, epk key_ops: decrypt", jose_decrypt,
                "header JSON + ECDH + KDF + GCM", header_ecdh_open, &b);
  jwe_bench_clear (&b);
  compare_time ("RSA e of 16383 bits: load", jose_load_jwk,
                "oa2_json_parse_object", json_parse, rsa_json);
  rsa = oa2_jwk_new_from_json (rsa_json, NULL);
  if (rsa != NULL)
    bench_huge_exponent_verify (rsa);
  else if (only == NULL || strstr ("RS256 verify, e of 16383 bits", only) != NULL)
    g_print ("%-34s (the key is refused: nothing to verify)\n", "RS256 verify, e of 16383 bits");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(OA2Jwk) rsa = NULL, ec = NULL, ed = NULL, hmac = NULL, rsa_enc = NULL, ecdh = NULL;

  if (argc > 1)
    seconds_per_figure = g_ascii_strtod (argv[1], NULL);
  if (seconds_per_figure <= 0)
    seconds_per_figure = 0.6;
  if (argc > 2)
    only = argv[2];

  g_print ("oauth2client-glib %u.%u.%u JOSE benchmarks (figure, then the raw Nettle floor on the same key "
           "in the same run, their ratio and the time the JOSE layer adds to each operation)\n",
           oa2_get_major_version (), oa2_get_minor_version (), oa2_get_micro_version ());

  /* One RSA key for RS256 and PS256: a key without "alg" fits both. */
  {
    g_autoptr(OA2Jwk) generated = load_key ("RS256");
    g_autoptr(JsonObject) object = oa2_jwk_to_json_object (generated, TRUE);
    g_autoptr(GError) error = NULL;

    json_object_remove_member (object, "alg");
    rsa = oa2_jwk_new_from_json_object (object, &error);
    g_assert_no_error (error);
  }
  ec = load_key ("ES256");
  ed = load_key ("EdDSA");
  hmac = load_key ("HS256");
  rsa_enc = load_key ("RSA-OAEP-256");
  ecdh = load_key ("ECDH-ES");

  bench_jws ("RS256", rsa, "rsa_sha256_sign_digest_tr", nettle_rs256_sign,
             "rsa_sha256_verify_digest", nettle_rs256_verify);
  /* The peer figure that the JOSE issue quotes (oauth4webapi on node): not
   * measured in this run, so printed only to compare by eye. */
  if (only == NULL || strstr ("RS256 parse + verify + claims", only) != NULL)
    g_print ("%-34s %10s     %-32s %10d/s   (peer)\n", "", "", "oauth4webapi, RS256 ID tokens", 4600);
  bench_id_token ("RS256", rsa, "rsa_sha256_verify_digest", nettle_rs256_verify);
  bench_jws ("PS256", rsa, "rsa_pss_sha256_sign_digest_tr", nettle_ps256_sign,
             "rsa_pss_sha256_verify_digest", nettle_ps256_verify);
  bench_jws ("ES256", ec, "ecdsa_sign", nettle_es256_sign, "ecdsa_verify", nettle_es256_verify);
  /* The peer figure that the client authentication issue quotes (jose on
   * node): not measured in this run, so printed only to compare by eye. */
  if (only == NULL || strstr ("ES256 private_key_jwt assertion", only) != NULL)
    g_print ("%-34s %10s     %-32s %10s/s   (peer)\n", "", "", "jose, ES256 client assertions", "5000-6500");
  bench_id_token ("ES256", ec, "ecdsa_verify", nettle_es256_verify);
  bench_jws ("EdDSA", ed, "ed25519_sha512_sign", nettle_eddsa_sign, "ed25519_sha512_verify", nettle_eddsa_verify);
  bench_jws ("HS256", hmac, "hmac_sha256", nettle_hs256_sign, "hmac_sha256 + memeql_sec", nettle_hs256_verify);
  bench_dpop ("ES256", ec, "ecdsa_sign", nettle_es256_sign);
  /* Not measured in this run: the figure the DPoP issue quotes for
   * oauth4webapi on node, to compare by eye. */
  if (only == NULL || strstr ("DPoP proof ES256", only) != NULL)
    g_print ("%-34s %10s     %-32s %10s/s   (peer)\n", "", "", "oauth4webapi, ES256 DPoP proofs", "5000-7000");
  bench_dpop ("RS256", rsa, "rsa_sha256_sign_digest_tr", nettle_rs256_sign);
  bench_dpop ("EdDSA", ed, "ed25519_sha512_sign", nettle_eddsa_sign);
  bench_jwe ("JWE RSA-OAEP-256 + A256GCM decrypt", rsa_enc, "RSA-OAEP-256", "A256GCM",
             "rsa_compute_root_tr + gcm_aes256", nettle_rsa_oaep_open);
  bench_jwe ("JWE ECDH-ES + A128GCM decrypt", ecdh, "ECDH-ES", "A128GCM",
             "ecc_point_mul + KDF + gcm_aes128", nettle_ecdh_open);
  bench_hostile (ecdh);
  return 0;
}
