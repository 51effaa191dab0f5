#include "gui/connect.hpp"

namespace scrutin::gui {

std::expected<std::function<std::optional<client::Endpoint>()>, std::string> make_resolver(const ServerOptions& o) {
  if (!o.data.empty()) {
    const std::string dir = o.data;
    return [dir]() -> std::optional<client::Endpoint> {
      auto e = client::read_endpoint_file(dir);
      return e ? std::optional(*e) : std::nullopt;
    };
  }
  auto hp = client::parse_host_port(o.server);
  if (!hp) return std::unexpected(hp.error());
  auto fp = client::normalize_fingerprint(o.fingerprint);
  if (!fp) return std::unexpected("--fingerprint: " + fp.error());
  client::Endpoint e{hp->first, hp->second, *fp};
  return [e]() -> std::optional<client::Endpoint> { return e; };
}

}  // namespace scrutin::gui
