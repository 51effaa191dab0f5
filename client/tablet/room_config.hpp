// The room a tablet has joined, saved once the delegate confirmed the server's
// short code: a small "key=value" file, so the next start goes straight to the
// sign-in. The settings screen (a long press on the title) forgets it.
#pragma once

#include <expected>
#include <optional>
#include <string>

namespace scrutin::tablet {

struct SavedRoom {
  std::string name;         // as announced, e.g. "Scrutin (salle-conseil)"
  std::string body;         // "Conseil municipal de Saint-Sauveur" ("" if not announced)
  std::string host;         // last known address
  int port = 0;
  std::string fingerprint;  // pinned: lowercase hex SHA-256
  bool operator==(const SavedRoom&) const = default;
};

// $XDG_CONFIG_HOME/scrutin/tablet.conf, else ~/.config/scrutin/tablet.conf.
std::string default_room_file();
// nullopt when there is no file; an error sentence when it is unreadable or
// its fingerprint is not one (the tablet then asks again).
std::expected<std::optional<SavedRoom>, std::string> load_room(const std::string& path);
// Written whole or not at all (a temporary file renamed over the old one).
std::expected<void, std::string> save_room(const std::string& path, const SavedRoom& room);
void forget_room(const std::string& path);

}  // namespace scrutin::tablet
