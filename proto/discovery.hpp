// How a session server makes itself known on the room's LAN (PROTOCOL.md,
// "Discovery"): a DNS-SD service `_scrutin._tcp` whose TXT record carries the
// certificate fingerprint. The TXT is not trusted: a tablet pins the
// fingerprint only after a person has compared its short code with the one the
// projector shows. One definition for the server that announces and the
// tablets that browse.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scrutin::discovery {

inline constexpr const char* kServiceType = "_scrutin._tcp";

// The TXT strings announced: "fp=<64 hex>", "v=<protocol version>", and
// "body=<the assembly>" when the session is configured.
std::vector<std::string> txt_record(std::string_view fingerprint, std::string_view body);

// A server as a browser found it.
struct Announcement {
  std::string name;         // the DNS-SD instance name, e.g. "Scrutin (salle-conseil)"
  std::string body;         // "Conseil municipal de Saint-Sauveur", when announced
  std::string host;         // an address to connect to
  int port = 0;
  std::string fingerprint;  // lowercase hex, as announced (to be confirmed by a person)
  bool operator==(const Announcement&) const = default;
};

// Reads a resolved service's TXT strings into `a` (fingerprint, body); false
// when there is no valid fingerprint or another protocol version: not ours.
bool read_txt(const std::vector<std::string>& txt, Announcement& a);

}  // namespace scrutin::discovery
