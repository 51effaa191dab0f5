#include "server/secrets.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <charconv>
#include <stdexcept>

#include "proto/journal_chain.hpp"

namespace scrutin::server {

std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1)
    throw std::runtime_error("the system's random generator failed");
  return out;
}

std::string random_digits(int n) {
  std::string out;
  while (static_cast<int>(out.size()) < n) {
    // Rejection sampling: bytes >= 250 would bias the digits.
    for (unsigned char c : random_bytes(static_cast<std::size_t>(n)))
      if (c < 250 && static_cast<int>(out.size()) < n) out += static_cast<char>('0' + c % 10);
  }
  return out;
}

std::string random_passphrase() {
  static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";  // no l, o, 0, 1
  std::string out;
  for (unsigned char c : random_bytes(16)) {
    if (!out.empty() && out.size() % 5 == 4) out += '-';
    out += alphabet[c % 32];
  }
  return out;
}

SecretHash hash_secret(std::string_view secret, int iterations) {
  SecretHash h;
  h.salt = random_bytes(16);
  h.iterations = iterations;
  h.hash.resize(32);
  PKCS5_PBKDF2_HMAC(secret.data(), static_cast<int>(secret.size()), reinterpret_cast<const unsigned char*>(h.salt.data()),
                    static_cast<int>(h.salt.size()), iterations, EVP_sha256(), 32,
                    reinterpret_cast<unsigned char*>(h.hash.data()));
  return h;
}

bool check_secret(std::string_view secret, const SecretHash& stored) {
  if (stored.hash.size() != 32 || stored.iterations <= 0) return false;
  unsigned char out[32];
  PKCS5_PBKDF2_HMAC(secret.data(), static_cast<int>(secret.size()),
                    reinterpret_cast<const unsigned char*>(stored.salt.data()), static_cast<int>(stored.salt.size()),
                    stored.iterations, EVP_sha256(), 32, out);
  return CRYPTO_memcmp(out, stored.hash.data(), 32) == 0;
}

namespace {
bool from_hex(std::string_view hex, std::string& out) {
  if (hex.size() % 2) return false;
  out.clear();
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    unsigned v = 0;
    auto [p, ec] = std::from_chars(hex.data() + i, hex.data() + i + 2, v, 16);
    if (ec != std::errc{} || p != hex.data() + i + 2) return false;
    out += static_cast<char>(v);
  }
  return true;
}
}  // namespace

std::string to_text(const SecretHash& h) {
  return std::to_string(h.iterations) + "$" + to_hex(h.salt) + "$" + to_hex(h.hash);
}

bool from_text(std::string_view text, SecretHash& out) {
  const auto a = text.find('$');
  if (a == std::string_view::npos) return false;
  const auto b = text.find('$', a + 1);
  if (b == std::string_view::npos) return false;
  auto [p, ec] = std::from_chars(text.data(), text.data() + a, out.iterations);
  if (ec != std::errc{} || p != text.data() + a) return false;
  std::string_view hash = text.substr(b + 1);
  while (!hash.empty() && (hash.back() == '\n' || hash.back() == '\r')) hash.remove_suffix(1);
  return from_hex(text.substr(a + 1, b - a - 1), out.salt) && from_hex(hash, out.hash);
}

}  // namespace scrutin::server
