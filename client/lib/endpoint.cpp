#include "client/lib/endpoint.hpp"

#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

namespace scrutin::client {

std::expected<std::string, std::string> normalize_fingerprint(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == ':' || c == ' ') continue;
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
      return std::unexpected(fmt::format("the fingerprint \"{}\" is not hexadecimal", text));
    out.push_back(c);
  }
  if (out.size() != 64)
    return std::unexpected(
        fmt::format("the fingerprint must be 64 hex digits (SHA-256), got {}: check what the server printed", out.size()));
  return out;
}

std::expected<std::pair<std::string, int>, std::string> parse_host_port(const std::string& text) {
  std::string host;
  std::string port;
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':')
      return std::unexpected(fmt::format("\"{}\" is not HOST:PORT", text));
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string::npos) return std::unexpected(fmt::format("\"{}\" is not HOST:PORT", text));
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  int p = 0;
  try {
    std::size_t used = 0;
    p = std::stoi(port, &used);
    if (used != port.size()) throw std::invalid_argument(port);
  } catch (...) {
    return std::unexpected(fmt::format("\"{}\" is not a port number", port));
  }
  if (host.empty() || p <= 0 || p > 65535) return std::unexpected(fmt::format("\"{}\" is not HOST:PORT", text));
  return std::pair{host, p};
}

std::expected<Endpoint, std::string> read_endpoint_file(const std::string& data_dir) {
  const std::string path = data_dir + "/endpoint";
  std::ifstream in(path);
  if (!in) return std::unexpected(fmt::format("cannot read {}: is the server running with --data {}?", path, data_dir));
  Endpoint e;
  std::string fp;
  if (!(in >> e.host >> e.port >> fp)) return std::unexpected(fmt::format("{} is not \"HOST PORT FINGERPRINT\"", path));
  auto n = normalize_fingerprint(fp);
  if (!n) return std::unexpected(fmt::format("{}: {}", path, n.error()));
  e.fingerprint = *n;
  return e;
}

}  // namespace scrutin::client
