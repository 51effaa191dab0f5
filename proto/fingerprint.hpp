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

// The short code people compare by eye (tablet enrolment, projector, PIN
// slips): the first 40 bits of the fingerprint in base32 (RFC 4648: A-Z, 2-7,
// no 0/1 to mistake for O/I), as two groups of four, e.g. "K3QF-7ZDA".
// Takes the 64-hex fingerprint (any case); empty when it is not one.
std::string fingerprint_short_code(std::string_view hex_fingerprint);

}  // namespace scrutin
