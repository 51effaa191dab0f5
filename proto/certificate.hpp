// The one maker of self-signed certificates: the server's own (made on first
// start, pinned by every client), the load generator's TLS echo floor, and the
// tests' fake servers. EC P-256, SHA-256, as PEM text with its fingerprint.
#pragma once

#include <chrono>
#include <string>

namespace scrutin {

struct SelfSigned {
  std::string key_pem;      // the private key (PKCS#8): keep it 0600
  std::string cert_pem;
  std::string fingerprint;  // what clients pin (proto/fingerprint.hpp)
};

// Valid from an hour ago (a clock slightly behind still accepts it) for `valid`.
SelfSigned make_self_signed(const std::string& common_name, std::chrono::hours valid);

// The fingerprint of a PEM certificate (cert.pem); empty when it is not one.
std::string fingerprint_of_pem(const std::string& cert_pem);

}  // namespace scrutin
