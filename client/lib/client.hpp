// scrutin_client: the shared client library. One Client is one logged-in
// conversation with the session server (proto/PROTOCOL.md):
//   - TLS 1.3 only, the server's certificate pinned by its fingerprint
//     (lowercase hex SHA-256 of the DER); anything else is refused;
//   - Hello + Login, then requests answered by request_id;
//   - pushed views (DelegateView, RoomView) handed to a callback or a queue;
//   - after a lost connection: reconnect with back-off (100 ms doubling to 3 s),
//     Hello + Login again, resync from the view the server pushes, and resend
//     every vote not yet acknowledged (the server answers a resend with
//     VoteReceipt{repeat=true}; it is never counted twice). A clerk command that
//     was on the wire when the connection dropped fails with Code::Uncertain:
//     it may or may not have been recorded.
// Failures are an Error (error.hpp): a code to branch on and a sentence.
// The network runs on the Client's own thread; every public member is
// thread-safe and may be called from any thread, except from inside the
// on_push/on_state callbacks (they run on the network thread: a blocking call
// there would wait for itself). Post the work elsewhere, or use take_push().
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/lib/endpoint.hpp"
#include "client/lib/error.hpp"
#include "proto/fingerprint.hpp"  // fingerprint_of_der, as pinned
#include "scrutin.pb.h"

namespace scrutin::client {

using namespace std::chrono_literals;

inline const std::string kConnectionLost =
    "connection lost: the command may or may not have been recorded; check status";

struct Config {
  Endpoint endpoint;
  // Called before every connection attempt, the first one included. When set
  // and it returns an Endpoint, that one is used (a restarted server listens on
  // a new port: a resolver that re-reads <data>/endpoint follows it). nullopt:
  // "not known right now", the attempt counts as failed and is retried.
  std::function<std::optional<Endpoint>()> resolve;

  pb::Role role = pb::ROLE_NONE;  // ROLE_NONE: Hello only, no login (e.g. to ask for ListMembers)
  std::string member_id;  // delegate
  std::string secret;     // PIN, clerk passphrase or display token
  std::string client_name = "scrutin-client";

  bool reconnect = true;  // false: a lost connection is final (pending requests fail)
  std::chrono::milliseconds backoff_min = 100ms;
  std::chrono::milliseconds backoff_max = 3000ms;
  std::chrono::milliseconds ping_interval = 10s;    // a Ping when nothing was sent for this long
  std::chrono::milliseconds attempt_timeout = 10s;  // connect + TLS + Hello + Login
  std::chrono::milliseconds silence_timeout = 35s;  // nothing received for this long: reconnect
};

enum class State {
  Idle,         // not started
  Connecting,   // between attempts or in one
  Ready,        // logged in
  Failed,       // refused for good (fingerprint, credentials, version); see last_error()
  Stopped,      // close() called
};
const char* to_string(State s);

// Why a Client stopped trying (State::Failed), for a front end that words it
// in its own language instead of showing last_error()'s English sentence.
struct Failure {
  bool fingerprint_mismatch = false;   // the server's certificate is not the pinned one
  std::optional<pb::Refused> refused;  // Hello or Login refused (version, credentials, lock-out)
};

class Client {
 public:
  explicit Client(Config config);
  ~Client();  // close()
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Pushed messages (request_id 0: DelegateView, RoomView), on the network
  // thread. Set before start(); when no callback is set they go to a queue
  // (the newest 1024) drained with take_push().
  void on_push(std::function<void(const pb::ServerMessage&)> callback);
  // Connection state changes, on the network thread (e.g. for a status line).
  void on_state(std::function<void(State, const std::string& detail)> callback);

  // Starts the network thread (once) and waits until logged in, refused for
  // good, or the timeout. Afterwards the Client keeps itself connected.
  std::expected<pb::LoginOk, Error> start(std::chrono::milliseconds timeout = 15s);
  // Closes the connection and stops the thread; pending requests fail.
  void close();

  // Sends a request (request_id is set here) and returns its answer. Sent at
  // once when connected, otherwise at the next login. A vote or a journal
  // fetch survives reconnections (resent); a Command on the wire when the
  // connection drops fails with Code::Uncertain (an Exception in the future).
  std::future<pb::ServerMessage> request(pb::ClientMessage message);
  // request() and wait; a Refused answer is returned as is (see refusal()).
  std::expected<pb::ServerMessage, Error> call(pb::ClientMessage message,
                                                     std::chrono::milliseconds timeout = 30s);

  // Helpers over call(): a Refused answer becomes a Code::Refused Error.
  std::expected<pb::Done, Error> command(const pb::Command& command, std::chrono::milliseconds timeout = 30s);
  std::expected<pb::VoteReceipt, Error> vote(const std::string& item, const std::string& voice, pb::Choice choice,
                                                   std::chrono::milliseconds timeout = 30s);
  std::future<pb::ServerMessage> vote_async(const std::string& item, const std::string& voice, pb::Choice choice);
  // An election's ballot paper (names, or blank) for one voice.
  std::expected<pb::VoteReceipt, Error> vote(const std::string& item, const std::string& voice,
                                                   const pb::ElectionPaper& paper,
                                                   std::chrono::milliseconds timeout = 30s);
  std::future<pb::ServerMessage> vote_async(const std::string& item, const std::string& voice,
                                            const pb::ElectionPaper& paper);

  std::optional<pb::ServerMessage> take_push(std::chrono::milliseconds timeout = 0ms);

  State state() const;
  std::string last_error() const;
  Failure failure() const;
  std::optional<pb::LoginOk> login() const;  // of the current or last connection
  Endpoint endpoint() const;                 // of the current or last attempt
  std::uint64_t logins() const;              // successful logins so far (1 + reconnections)
  std::size_t pending() const;               // requests not answered yet

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// The answer as expected: Refused becomes a Code::Refused Error.
std::expected<pb::ServerMessage, Error> accepted(const pb::ServerMessage& answer);

}  // namespace scrutin::client
