#include "proto/fingerprint.hpp"

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <cstdint>

#include "proto/journal_chain.hpp"

namespace scrutin {

std::string fingerprint_of_der(std::string_view der) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(der.data(), der.size(), md, &len, EVP_sha256(), nullptr);
  return to_hex(std::string_view(reinterpret_cast<const char*>(md), len));
}

std::string fingerprint_of(X509* certificate) {
  unsigned char* der = nullptr;
  const int n = certificate ? i2d_X509(certificate, &der) : 0;
  if (n <= 0) return {};
  std::string fp = fingerprint_of_der(std::string_view(reinterpret_cast<const char*>(der), static_cast<std::size_t>(n)));
  OPENSSL_free(der);
  return fp;
}

std::string fingerprint_short_code(std::string_view hex) {
  if (hex.size() != 64) return {};
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (char c : hex)
    if (nibble(c) < 0) return {};
  // 40 bits = the first 10 hex digits = 8 base32 digits of 5 bits.
  std::uint64_t bits = 0;
  for (int i = 0; i < 10; ++i) bits = (bits << 4) | static_cast<std::uint64_t>(nibble(hex[static_cast<std::size_t>(i)]));
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string code;
  for (int i = 7; i >= 0; --i) {
    code += kAlphabet[(bits >> (5 * i)) & 31];
    if (i == 4) code += '-';
  }
  return code;
}

}  // namespace scrutin
