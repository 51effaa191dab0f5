// The load generator's network layer, written for many connections in one
// process: one small Conn per connection (no thread per connection), every
// handler of a connection on its own strand of a shared io_context, a two-buffer
// write queue, and a Handler interface instead of per-connection std::functions.
// TLS 1.3 only; the server's certificate is pinned by its SHA-256 fingerprint
// (proto/PROTOCOL.md "Transport").
#pragma once

#include <utility>  // Boost 1.74's Asio headers use std::exchange without it

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>

#include "frame.hpp"
#include "proto/fingerprint.hpp"
#include "proto/protocol.hpp"
#include "scrutin.pb.h"

namespace scrutin::loadgen {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

inline std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

// Lowercase hex SHA-256 of a certificate's DER encoding.

// Client context: TLS 1.3 only, no chain verification (the certificate is
// self-signed and pinned after the handshake), buffers released when idle so
// 10,000 idle connections stay small.
std::unique_ptr<ssl::context> make_client_context();

// Server context for the echo floor: the same TLS settings as the session
// server (TLS 1.3, EC P-256 self-signed certificate made in memory).
// `fingerprint` receives the certificate's pin.
std::unique_ptr<ssl::context> make_server_context(std::string& fingerprint);

// What a connection tells its owner. Called on the connection's strand.
class Handler {
 public:
  virtual ~Handler() = default;
  virtual void on_ready() = 0;                            // TCP + TLS + pin done
  virtual void on_message(const std::string& payload) = 0;  // one frame from the server
  virtual void on_error(const std::string& what) = 0;     // the connection is finished
};

// One client connection. Created with make_shared; start() connects.
class Conn : public std::enable_shared_from_this<Conn> {
 public:
  Conn(asio::io_context& io, ssl::context& ctx, Handler* handler, std::uint32_t max_frame = protocol::kMaxServerFrame);
  void start(const tcp::endpoint& ep, std::string fingerprint);
  // Thread-safe: posts to the strand.
  void send(std::string frame);
  // On the strand only.
  void send_on_strand(std::string_view frame);
  void close();  // thread-safe
  auto& strand() { return strand_; }
  void detach() { handler_ = nullptr; }  // the owner goes away; no more callbacks

 private:
  void read();
  void write();
  void fail(const std::string& what);

  asio::strand<asio::io_context::executor_type> strand_;
  ssl::stream<tcp::socket> stream_;
  Handler* handler_;
  FrameReader reader_;
  std::string writing_, pending_;
  bool write_in_progress_ = false;
  bool closed_ = false;
  std::string fingerprint_;
  std::array<char, 2048> buf_;
};

// A ClientMessage as a frame.
std::string frame_of(const pb::ClientMessage& m);

}  // namespace scrutin::loadgen
