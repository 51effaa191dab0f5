// Secrets at rest: PINs and the clerk passphrase are stored as salted
// PBKDF2-HMAC-SHA256 hashes, and random values come from OpenSSL's RAND_bytes.
#pragma once

#include <string>
#include <string_view>

namespace scrutin::server {

struct SecretHash {
  std::string salt;  // 16 random bytes
  std::string hash;  // 32 bytes
  int iterations = 0;
};

SecretHash hash_secret(std::string_view secret, int iterations);
bool check_secret(std::string_view secret, const SecretHash& stored);  // constant-time compare

std::string random_digits(int n);  // PINs
std::string random_passphrase();   // "xxxx-xxxx-xxxx-xxxx", lower-case letters and digits
std::string random_bytes(std::size_t n);

// Serialised as "iterations$salt-hex$hash-hex" in files and the database.
std::string to_text(const SecretHash& h);
bool from_text(std::string_view text, SecretHash& out);

// PINs have only 10^6 values: their hash guards a stolen laptop's disk a
// little; the lock-out guards the room. A light cost keeps 10,000 logins fast.
inline constexpr int kPinIterations = 2000;
inline constexpr int kPassphraseIterations = 200000;

}  // namespace scrutin::server
