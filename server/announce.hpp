// The server's DNS-SD announcement on the room's LAN (`_scrutin._tcp`, see
// proto/discovery.hpp), through the Avahi daemon. Best effort: without a daemon
// the server runs as before and says once that tablets need its address typed;
// if the daemon starts later, the announcement follows (Avahi reconnects).
#pragma once

#include <functional>
#include <memory>
#include <string>

namespace scrutin::server {

class Announcer {
 public:
  using Log = std::function<void(const std::string& sentence)>;
  // Announces `name` on `port` with the fingerprint (and the body, when known)
  // in its TXT record. Never fails: problems go to `log`.
  Announcer(std::string name, int port, std::string fingerprint, std::string body, Log log);
  ~Announcer();  // withdraws the announcement
  Announcer(const Announcer&) = delete;
  Announcer& operator=(const Announcer&) = delete;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// "Scrutin (hostname)": the default instance name.
std::string default_announce_name();

}  // namespace scrutin::server
