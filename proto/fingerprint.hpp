// The certificate fingerprint that clients pin (PROTOCOL.md, "Transport"):
// lowercase hex SHA-256 of the certificate's DER encoding, 64 characters.
// One definition for the server that prints it and every client that checks it.
#pragma once

#include <string>
#include <string_view>

typedef struct x509_st X509;

namespace scrutin {

std::string fingerprint_of_der(std::string_view der);
std::string fingerprint_of(X509* certificate);  // empty when it cannot be encoded

}  // namespace scrutin
