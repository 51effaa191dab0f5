#include "proto/fingerprint.hpp"

#include <openssl/evp.h>
#include <openssl/x509.h>

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

}  // namespace scrutin
