#include "tablet/room_config.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "client/lib/client.hpp"  // normalize_fingerprint

namespace scrutin::tablet {

namespace fs = std::filesystem;

std::string default_room_file() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) return std::string(xdg) + "/scrutin/tablet.conf";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.config/scrutin/tablet.conf";
}

std::expected<std::optional<SavedRoom>, std::string> load_room(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    if (errno == ENOENT) return std::optional<SavedRoom>{};
    return std::unexpected(path + ": " + std::strerror(errno));
  }
  SavedRoom room;
  std::string line;
  while (std::getline(in, line)) {
    const auto eq = line.find('=');
    if (eq == std::string::npos || line.starts_with('#')) continue;
    const std::string key = line.substr(0, eq), value = line.substr(eq + 1);
    if (key == "name") room.name = value;
    else if (key == "body") room.body = value;
    else if (key == "host") room.host = value;
    else if (key == "port") room.port = std::atoi(value.c_str());
    else if (key == "fingerprint") room.fingerprint = value;
  }
  auto fp = client::normalize_fingerprint(room.fingerprint);
  if (!fp) return std::unexpected(path + ": no valid fingerprint (" + fp.error() + ")");
  room.fingerprint = *fp;
  return room;
}

std::expected<void, std::string> save_room(const std::string& path, const SavedRoom& room) {
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  const std::string temporary = path + ".new";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << "# The room this tablet joined (scrutin-tablet). Delete it to choose again.\n"
        << "name=" << room.name << "\nbody=" << room.body << "\nhost=" << room.host << "\nport=" << room.port
        << "\nfingerprint=" << room.fingerprint << "\n";
    out.flush();
    if (!out) return std::unexpected("cannot write " + temporary);
  }
  fs::rename(temporary, path, ec);
  if (ec) return std::unexpected("cannot write " + path + ": " + ec.message());
  return {};
}

void forget_room(const std::string& path) {
  std::error_code ec;
  fs::remove(path, ec);
}

}  // namespace scrutin::tablet
