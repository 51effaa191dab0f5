// The one client transport: a single TCP + TLS connection to the session
// server (or to the load generator's echo floor), carrying length-prefixed
// frames (common/frame.hpp). Used by the Client (one per process, with its
// reconnects and resends on top) and by the load generator (10,000 of them on
// one io_context with two threads), so it holds no thread of its own:
//   - every handler of a connection runs on its own strand of a shared
//     io_context, and what it has to say goes to a Handler (no per-connection
//     std::function: one object per connection is all the load generator pays);
//   - TLS 1.3 only; the server's certificate is not checked against a CA but
//     pinned by its fingerprint (lowercase hex SHA-256 of the DER) right after
//     the handshake, before a single byte of ours is sent (PROTOCOL.md "Transport");
//   - a two-buffer write queue: frames sent while a write is on the wire go out
//     together in the next one.
// What the frames mean (Hello, Login, request ids, pushes) is the owner's: see
// hello_message() and login_message() for the two every owner sends first.
#pragma once

#include <utility>  // Boost 1.74's Asio headers use std::exchange without it

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>

#include "frame.hpp"
#include "proto/protocol.hpp"
#include "scrutin.pb.h"

namespace scrutin::client {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;

// The client side's TLS settings: TLS 1.3 only, no chain verification (the
// certificate is self-signed and pinned after the handshake), no session cache
// (every tablet does the full handshake), buffers given back when idle (10,000
// idle connections stay small).
std::unique_ptr<ssl::context> make_client_context();

// Why a connection ended.
enum class ConnectionEnd {
  Network,      // resolve, connect, handshake, read or write failed, or closed by the peer
  BadFrame,     // the peer sent a frame over the limit or malformed
  PinMismatch,  // the certificate is not the pinned one (see Connection::peer_fingerprint)
};

// What a connection tells its owner, on the connection's strand.
class ConnectionHandler {
 public:
  virtual ~ConnectionHandler() = default;
  virtual void on_ready() = 0;                                           // TCP + TLS + pin done
  virtual void on_message(const std::string& payload) = 0;               // one frame from the peer
  virtual void on_end(ConnectionEnd why, const std::string& what) = 0;   // the connection is finished
};

struct ConnectionOptions {
  std::uint32_t max_frame = protocol::kMaxServerFrame;  // what the peer may send us
  std::size_t read_buffer = 2048;                       // bytes per read (a Client reading journal pages wants more)
};

// One connection. Created with make_shared; start() connects once (a new
// attempt is a new Connection).
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(asio::io_context& io, ssl::context& tls, ConnectionHandler* handler, ConnectionOptions options = {});

  // An address, as the load generator has (no resolver per connection).
  void start(const tcp::endpoint& endpoint, std::string fingerprint);
  // A host name or address (resolved first), as a Client has.
  void start(const std::string& host, int port, std::string fingerprint);

  // Thread-safe: posts to the strand.
  void send(std::string frame);
  // From the strand (or from the only thread running the io_context) only.
  void send_here(std::string_view frame);
  // Closes; no handler is called afterwards. close() is thread-safe (posts to
  // the strand); close_here() is for the strand (or the io_context's only thread).
  void close();
  void close_here();
  // The owner goes away: no more callbacks (thread-safe; what is queued still runs, silently).
  void detach() { handler_ = nullptr; }

  auto& strand() { return strand_; }
  // The fingerprint the peer's certificate had (after the handshake).
  const std::string& peer_fingerprint() const { return peer_fingerprint_; }
  // "HOST:PORT" of the target, for messages.
  const std::string& target() const { return target_; }

 private:
  void connected();
  void read();
  void write();
  void end(ConnectionEnd why, const std::string& what);

  asio::strand<asio::io_context::executor_type> strand_;
  ssl::stream<tcp::socket> stream_;
  std::unique_ptr<tcp::resolver> resolver_;  // only when started with a host name
  ConnectionHandler* handler_;
  FrameReader reader_;
  std::vector<char> buffer_;
  std::string writing_, pending_;
  bool write_in_progress_ = false;
  bool closed_ = false;
  std::string fingerprint_, peer_fingerprint_, target_;
};

// A message as one frame (client messages: the server's limit for them).
std::string frame_of(const pb::ClientMessage& message);

// The first two messages of every conversation (PROTOCOL.md "Hello", "Login").
pb::ClientMessage hello_message(std::uint64_t request_id, const std::string& client_name);
// `resume_token`: a delegate's last LoginOk.resume_token, when it reconnects.
pb::ClientMessage login_message(std::uint64_t request_id, pb::Role role, const std::string& member_id,
                                const std::string& secret, const std::string& resume_token = {});

}  // namespace scrutin::client
