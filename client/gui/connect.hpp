// What the display and the tablet share about the network: where the server
// is (--data DIR or --server HOST:PORT --fingerprint HEX), and a slot that
// hands the newest pushed view from the network thread to the frame loop.
#pragma once

#include <mutex>
#include <optional>
#include <string>

#include "client/lib/client.hpp"

namespace scrutin::gui {

struct ServerOptions {
  std::string data;         // the server's data folder on this machine
  std::string server;       // HOST:PORT
  std::string fingerprint;  // pinned certificate
  bool given() const { return !data.empty() || !server.empty(); }
};

// A resolver for client::Config::resolve: re-reads DIR/endpoint on every
// attempt (a restarted server listens on a new port), or the fixed address.
std::expected<std::function<std::optional<client::Endpoint>()>, std::string> make_resolver(const ServerOptions& o);

// The newest value wins: written on the network thread, read once per frame.
template <class T>
class Latest {
 public:
  void put(T value) {
    std::lock_guard lock(mutex_);
    value_ = std::move(value);
  }
  std::optional<T> take() {
    std::lock_guard lock(mutex_);
    std::optional<T> out = std::move(value_);
    value_.reset();
    return out;
  }

 private:
  std::mutex mutex_;
  std::optional<T> value_;
};

}  // namespace scrutin::gui
