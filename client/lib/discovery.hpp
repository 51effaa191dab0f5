// Finding the session server on the room's LAN (proto/discovery.hpp): a
// Browser lists the servers announced by DNS-SD, and a pinned server is looked
// up by its fingerprint on every connection attempt, so a server restarted on
// another port, or restored on a second laptop, is found again.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/lib/client.hpp"
#include "proto/discovery.hpp"

namespace scrutin::client {

using discovery::Announcement;

class Browser {
 public:
  virtual ~Browser() = default;
  // What is announced now, sorted by name. Thread-safe.
  virtual std::vector<Announcement> found() = 0;
  // Why nothing can be found ("" when browsing works), in English for logs;
  // front ends word it themselves from `available()`.
  virtual std::string problem() = 0;
  virtual bool available() = 0;
};

// Browses the LAN through the Avahi daemon. Never fails: without a daemon,
// available() is false until one appears.
std::shared_ptr<Browser> browse_lan();
// Tests and rehearsals without Avahi: the announcements are read from a file,
// one per line, "name<TAB>body<TAB>host<TAB>port<TAB>fingerprint", re-read at
// every call (so a test can "restart" its server on another port).
std::shared_ptr<Browser> browse_file(std::string path);

// The server to connect to, for Config::resolve: the announced address of the
// pinned fingerprint when it is on the LAN now, else the one saved.
std::function<std::optional<Endpoint>()> resolver_for(std::shared_ptr<Browser> browser, Endpoint saved);

}  // namespace scrutin::client
