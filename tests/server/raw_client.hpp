// A small blocking TLS client speaking the wire protocol by hand, for the
// server's integration tests: it can send well-formed messages, raw bytes and
// lies. Reads time out (SO_RCVTIMEO) so no test can hang on a silent server.
#pragma once

#include <utility>  // before asio (Boost 1.74)

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "proto/protocol.hpp"
#include "scrutin.pb.h"

namespace scrutin::testing {

class RawClient {
 public:
  // Connects and completes the TLS 1.3 handshake, pinning `fingerprint`.
  // `source`: the local address to connect from (127.0.0.2 ... stand for other
  // devices of the room on loopback); empty: the system's choice.
  RawClient(const std::string& host, int port, const std::string& fingerprint,
            std::chrono::milliseconds read_timeout = std::chrono::seconds(10), const std::string& source = {});
  ~RawClient();

  void send(const pb::ClientMessage& message);
  bool send_raw(const std::string& bytes);  // false once the server closed
  // The next message; nullopt on close, error or timeout.
  std::optional<pb::ServerMessage> read();
  // The answer to `request_id`, skipping pushed views; nullopt on close.
  std::optional<pb::ServerMessage> answer(std::uint64_t request_id);
  // Sends and waits for the answer (request ids are assigned here when 0).
  std::optional<pb::ServerMessage> request(pb::ClientMessage message);
  // True when the server closed the connection (reads until EOF, bounded).
  bool closed_by_server();

  std::optional<pb::ServerMessage> hello(std::uint32_t version = protocol::kVersion);
  std::optional<pb::ServerMessage> login(pb::Role role, const std::string& member, const std::string& secret);

  std::uint64_t next_id() { return ++last_id_; }

  // Pushed messages (request_id 0) skipped while waiting for an answer.
  std::vector<pb::ServerMessage> pushes;

 private:
  boost::asio::io_context io_;
  boost::asio::ssl::context tls_;
  boost::asio::ssl::stream<boost::asio::ip::tcp::socket> stream_;
  std::string buffer_;
  std::uint64_t last_id_ = 0;
};

// A ClientMessage holding a command, vote, ...
pb::ClientMessage vote_message(const std::string& item, const std::string& voice, pb::Choice choice);
pb::ClientMessage command_message(const pb::Command& command);
pb::ClientMessage ping_message();

}  // namespace scrutin::testing
