// Where a session server is, as a client is told: the endpoint file the server
// writes in its data folder, or HOST:PORT and a fingerprint typed by hand.
#pragma once

#include <expected>
#include <string>
#include <utility>

namespace scrutin::client {

// Where a server is: what the server writes to <data>/endpoint.
struct Endpoint {
  std::string host;
  int port = 0;
  std::string fingerprint;  // lowercase hex SHA-256 of the certificate's DER
};

// Reads "HOST PORT FINGERPRINT" from <data_dir>/endpoint.
std::expected<Endpoint, std::string> read_endpoint_file(const std::string& data_dir);
// "HOST:PORT" (IPv6 as "[::1]:PORT").
std::expected<std::pair<std::string, int>, std::string> parse_host_port(const std::string& text);
// Normalises a fingerprint as typed (upper case, colons) to lowercase hex;
// refuses anything that is not 64 hex digits.
std::expected<std::string, std::string> normalize_fingerprint(const std::string& text);

}  // namespace scrutin::client
