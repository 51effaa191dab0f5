// Simulated tablets (Delegate) and the two request/answer connections the
// benchmark drives from its main thread (clerk and display: RpcConn).
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "client/loadgen/net.hpp"

namespace scrutin::loadgen {

// What the main thread waits on: tablets (on the network threads) call
// notify() when something it may wait for happened; wait_until() wakes on
// that or at the deadline, never spinning.
class Waker {
 public:
  void notify() {
    { std::lock_guard lock(mu_); }  // a waiter between its check and its sleep does not miss this
    changed_.notify_all();
  }
  template <class Pred>
  bool wait_until(Pred pred, Clock::time_point deadline) {
    std::unique_lock lock(mu_);
    return changed_.wait_until(lock, deadline, pred);
  }

 private:
  std::mutex mu_;
  std::condition_variable changed_;
};

// Counters shared by every simulated tablet; read by the main thread.
struct Fleet {
  Waker waker;                      // notified when a counter the main thread waits on moves
  std::atomic<int> ready{0};        // TLS done
  std::atomic<int> logged_in{0};
  std::atomic<int> failed{0};       // connection or login failed
  std::atomic<int> saw_open{0};     // saw the ballot it waits for open
  std::atomic<long> votes_sent{0};
  std::atomic<long> acks{0};        // VoteReceipt
  std::atomic<long> repeats{0};     // VoteReceipt{repeat=true}: never expected here
  std::atomic<long> refused{0};     // Refused to a vote
  std::atomic<long> late{0};        // ...because the ballot was already closed
  std::atomic<long> cast[3] = {0, 0, 0};  // sent: pour, contre, abstention
  std::atomic<std::int64_t> first_send_ns{0}, last_ack_ns{0};
  int mix[3] = {70, 20, 10};
  bool self_paced = false;          // rehearsal: each tablet votes on its own when a ballot opens
  int pattern = 0;                  // self-paced: 0 burst, 1 spread over window_ms, 2 rank / rate
  double window_ms = 0, rate = 0;

  std::mutex mu;                    // guards what follows
  std::vector<std::string> errors;  // the first few, for the report
  std::map<std::string, std::array<long, 3>> cast_by_item;  // rehearsal: what we cast per item
  struct Closed { std::string item; pb::BallotView view; };
  std::vector<Closed> closed;       // rehearsal: ballots seen closed, in order
  void error(std::string e);
};

pb::Choice choice_for(const std::string& voice, const int mix[3]);

class Delegate : public ConnectionHandler {
 public:
  Delegate(asio::io_context& io, ssl::context& ctx, Fleet& fleet, int rank, std::string member, std::string pin);
  ~Delegate() override;
  void start(const tcp::endpoint& ep, const std::string& fingerprint);
  void vote();                 // thread-safe: cast every voice not yet voted on the open ballot
  void ping_if_idle(std::int64_t idle_ns);  // thread-safe
  void close();
  // A Wi-Fi cut: the connection is dropped (no callback, not counted as failed);
  // `done` runs on its strand once it is. Then renew() makes a fresh connection,
  // which start() opens and logs in with the resume token of the last login.
  void drop(std::function<void()> done);
  void renew();

  void on_ready() override;
  void on_message(const std::string& payload) override;
  void on_end(ConnectionEnd why, const std::string& what) override;

  // Read by the main thread once the phase is over.
  std::int64_t t_start = 0, t_login = 0;
  std::vector<std::int64_t> latencies_ns;  // one per acknowledged vote

 private:
  void vote_on_strand();
  void send(pb::ClientMessage& m);
  Fleet& fleet_;
  asio::io_context& io_;
  ssl::context& tls_;
  std::shared_ptr<Connection> conn_;
  int rank_;
  std::string member_, pin_;
  std::string resume_token_;  // from the last LoginOk
  std::uint64_t next_request_ = 3;
  std::int64_t last_send_ = 0;
  bool logged_in_ = false;
  // The ballot as the last DelegateView showed it.
  std::string item_, opened_item_;
  bool open_ = false;
  std::vector<std::string> unvoted_;
  struct Pending { std::uint64_t request; std::string voice; std::int64_t sent; };
  std::vector<Pending> pending_;
  std::unique_ptr<asio::steady_timer> timer_;
};

// A clerk or display connection used from the main thread: Hello + Login, then
// request() returns a future answer. Pushes (RoomView) go to on_push.
class RpcConn : public ConnectionHandler {
 public:
  RpcConn(asio::io_context& io, ssl::context& ctx);
  ~RpcConn() override;
  // Connects and logs in; blocks up to timeout. Returns an error sentence or "".
  std::string open(const tcp::endpoint& ep, const std::string& fingerprint, pb::Role role, const std::string& secret,
                   double timeout_s);
  std::future<pb::ServerMessage> request(pb::ClientMessage m);
  // Waits; a lost connection or timeout comes back as Refused{INTERNAL}.
  pb::ServerMessage call(pb::ClientMessage m, double timeout_s);
  std::function<void(const pb::ServerMessage&, std::int64_t at_ns)> on_push;
  void ping_if_idle(std::int64_t idle_ns);  // the server closes a connection silent for 30 s
  void close();
  // A Wi-Fi cut: the connection is dropped (no callback, not counted as failed);
  // `done` runs on its strand once it is. Then renew() makes a fresh connection,
  // which start() opens and logs in with the resume token of the last login.
  void drop(std::function<void()> done);
  void renew();

  void on_ready() override;
  void on_message(const std::string& payload) override;
  void on_end(ConnectionEnd why, const std::string& what) override;

 private:
  std::shared_ptr<Connection> conn_;
  std::mutex mu_;
  std::uint64_t next_ = 10;
  std::map<std::uint64_t, std::promise<pb::ServerMessage>> pending_;
  std::promise<std::string> login_;
  bool login_done_ = false;
  pb::Role role_ = pb::ROLE_NONE;
  std::string secret_;
  std::string lost_;
  std::atomic<std::int64_t> last_send_{0};
};

// Sends commands with at most `window` unanswered (the server closes a
// connection with more than 256 frames queued for it). Returns the answers in
// order; stops at the first refusal, which is the last element.
std::vector<pb::ServerMessage> run_commands(RpcConn& clerk, const std::vector<pb::Command>& commands, int window,
                                            double timeout_s, const std::function<void(std::size_t)>& progress);

std::string refusal_text(const pb::Refused& r);

}  // namespace scrutin::loadgen
