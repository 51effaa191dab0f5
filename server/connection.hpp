// One client connection: TLS 1.3 (proto/tls_socket.hpp: about 4 KiB when idle), frames in (at most protocol::kMaxClientFrame each), the
// Hello/Login conversation, requests handed to the Hub, and a bounded write
// queue out. Runs on its own strand; the hub reaches it through Peer::deliver.
#pragma once

#include <utility>  // before asio (Boost 1.74)

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <array>
#include <chrono>
#include <deque>
#include <memory>
#include <functional>
#include <optional>
#include <string>

#include "common/frame.hpp"
#include "proto/tls_socket.hpp"
#include "server/hub.hpp"
#include "server/login_guard.hpp"
#include "server/peer.hpp"

namespace scrutin::server {


inline constexpr std::chrono::seconds kIdleTimeout{30};  // default; --idle-timeout

// What a connection needs to check logins.
struct Secrets {
  SecretHash clerk;
  std::string display_token;
  Credentials* delegates = nullptr;
  LoginGuard* guard = nullptr;           // throttles guessing by source and by member
  asio::any_io_executor hashing;         // where PINs are hashed (off the network threads)
  asio::any_io_executor clerk_hashing;   // the passphrase's slow hash: a clerk guess never delays a delegate
  std::chrono::milliseconds idle_timeout = kIdleTimeout;  // a silent connection is closed
  // A connection that has not logged in within this time is closed, and so is one
  // that started a frame and has not finished it within frame_deadline: a byte
  // every few seconds no longer holds a connection open for ever.
  std::chrono::milliseconds login_deadline{20000};
  std::chrono::milliseconds frame_deadline{10000};
};

class Connection : public Peer, public std::enable_shared_from_this<Connection> {
 public:
  Connection(asio::ip::tcp::socket socket, asio::ssl::context& tls, Hub& hub, const Secrets& secrets,
             std::uint64_t id);
  ~Connection() override;
  void start();
  void close(const char* reason) override;  // thread-safe
  const std::string& address() const { return address_; }
  std::function<void()> on_gone;  // runs when the connection is destroyed (the server's per-address count)

  void deliver(Frame frame, FrameKind kind) override;
  void deliver_together(std::vector<Outgoing> frames) override;
  std::uint64_t id() const override { return id_; }

 private:
  enum class State { Handshake, AwaitHello, AwaitLogin, LoggedIn, Closing };
  struct Queued {
    Frame frame;
    FrameKind kind;
  };

  void read();
  void on_frame(const std::string& payload);
  void process();
  void on_login(std::uint64_t request_id, const pb::Login& login);
  // `resume_token`: what the delegate's LoginOk carries when `ok`.
  void on_login_checked(std::uint64_t request_id, const pb::Login& login, bool ok, std::string resume_token = {});
  void note_failed_login(const pb::Login& login);
  void logged_in(std::uint64_t request_id, pb::Role role, std::string member, std::string resume_token);
  void refuse(std::uint64_t request_id, pb::ErrorKind kind, std::string message, bool then_close = false,
              pb::RefusalCode code = pb::CODE_NONE);
  void send(pb::ServerMessage& message, std::uint64_t request_id);
  void take(Frame frame, FrameKind kind);  // on the strand: a delivered frame
  void enqueue(Frame frame, FrameKind kind);
  void write();
  void arm_idle_timer();
  void do_close(const char* reason);

  tls::Socket stream_;
  asio::any_io_executor strand_;  // the socket's own strand (see Server::accept)
  Hub& hub_;
  const Secrets& secrets_;
  const std::uint64_t id_;
  std::string peer_;     // "address:port" for the log
  std::string address_;  // the source of guesses, for LoginGuard

  State state_ = State::Handshake;
  pb::Role role_ = pb::ROLE_NONE;
  std::string member_;
  bool attached_ = false;
  bool login_pending_ = false;  // its secret is being hashed (or its refusal waits): later frames wait
  std::uint64_t pin_generation_ = 0;  // of the PIN this login was checked against (Hub::attach)

  FrameReader reader_{protocol::kMaxClientFrame};
  std::string payload_;
  int in_flight_ = 0;

  std::deque<Queued> queue_;
  bool writing_ = false;
  bool write_scheduled_ = false;  // a write() is posted and will pick up the queue
  std::string write_buffer_;  // the frames being written, back to back; freed when the write ends
  bool close_after_write_ = false;

  asio::steady_timer idle_timer_;
  asio::steady_timer throttle_timer_;  // a throttled login's answer waits on it
  std::chrono::steady_clock::time_point connected_at_{};
  std::optional<std::chrono::steady_clock::time_point> frame_started_;  // a frame is partly read since
  std::chrono::steady_clock::time_point last_read_;
};

}  // namespace scrutin::server
