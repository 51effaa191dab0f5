#include "client/lib/client.hpp"

// Boost 1.74's Asio uses std::exchange without including <utility>.
#include <utility>

#include <array>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "client/lib/connection.hpp"
#include "frame.hpp"
#include "proto/convert.hpp"
#include "proto/journal_chain.hpp"

namespace scrutin::client {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = boost::asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// ---- Small helpers ------------------------------------------------------------------

const char* to_string(State s) {
  switch (s) {
    case State::Idle: return "idle";
    case State::Connecting: return "connecting";
    case State::Ready: return "ready";
    case State::Failed: return "failed";
    case State::Stopped: return "stopped";
  }
  return "?";
}

namespace {

bool resendable(const pb::ClientMessage& m) {
  // A vote is idempotent on the server (a resend answers repeat=true), and
  // reading the journal or pinging changes nothing: these survive a reconnect.
  // A Command does not: it may have been recorded, and only the clerk can tell.
  return m.has_vote() || m.has_fetch_journal() || m.has_ping();
}

}  // namespace

std::expected<pb::ServerMessage, Error> accepted(const pb::ServerMessage& answer) {
  if (answer.has_refused()) return std::unexpected(refused_error(answer.refused()));
  return answer;
}

// ---- The connection machinery ---------------------------------------------------------

namespace {

struct Pending {
  pb::ClientMessage message;
  std::shared_ptr<std::promise<pb::ServerMessage>> promise;
  bool on_wire = false;  // sent on the current connection
};

// One connection attempt: the shared transport (connection.hpp) and where this
// Client's conversation on it stands. A new one is made for every attempt; an
// old one is closed (its Connection calls nobody afterwards) and marked `dead`
// for the timers that still hold it.
struct Conn;
// What a Conn reports to: the Client's state machine.
struct ConnOwner {
  virtual ~ConnOwner() = default;
  virtual void connected(const std::shared_ptr<Conn>& c) = 0;
  virtual void received(const std::shared_ptr<Conn>& c, const std::string& payload) = 0;
  virtual void ended(const std::shared_ptr<Conn>& c, ConnectionEnd why, const std::string& what) = 0;
};

struct Conn : ConnectionHandler, std::enable_shared_from_this<Conn> {
  enum class Phase { Connecting, Hello, Login, Ready };
  explicit Conn(ConnOwner& o) : owner(o) {}
  ~Conn() override {
    if (link) link->detach();
  }
  void on_ready() override;
  void on_message(const std::string& payload) override;
  void on_end(ConnectionEnd why, const std::string& what) override;

  ConnOwner& owner;
  std::shared_ptr<Connection> link;
  bool dead = false;
  Phase phase = Phase::Connecting;
  Clock::time_point last_received = Clock::now();
  Clock::time_point last_sent = Clock::now();
};

}  // namespace

struct Client::Impl final : ConnOwner {
  explicit Impl(Config c) : config(std::move(c)), backoff(config.backoff_min) {}

  Config config;
  asio::io_context io;
  // TLS 1.3 only, the certificate pinned after the handshake (connection.hpp).
  std::unique_ptr<ssl::context> tls = make_client_context();
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::thread thread;
  asio::steady_timer retry_timer{io};
  asio::steady_timer attempt_timer{io};
  asio::steady_timer tick_timer{io};
  std::chrono::milliseconds backoff;

  // Network thread only.
  std::shared_ptr<Conn> conn;
  std::map<std::uint64_t, Pending> pending;  // by request_id: ids grow, so resends keep their order
  bool finished = false;                     // Failed or Stopped: nothing more is attempted

  std::atomic<std::uint64_t> next_id{1};
  std::function<void(const pb::ServerMessage&)> push_callback;
  std::function<void(State, const std::string&)> state_callback;

  // Shared with callers, under `mutex`.
  mutable std::mutex mutex;
  std::condition_variable changed;
  State state = State::Idle;
  std::string last_error;
  Failure failure;
  Error final_error{Code::Unreachable, "the client is closed"};  // why it stopped (Failed, Stopped)
  std::optional<pb::LoginOk> login;
  Endpoint endpoint;
  std::uint64_t logins = 0;
  std::size_t pending_count = 0;
  std::deque<pb::ServerMessage> pushes;
  bool started = false;

  // ---- state reporting ----
  void set_state(State s, const std::string& detail) {
    {
      std::lock_guard lock(mutex);
      state = s;
      if (!detail.empty() && s != State::Ready) last_error = detail;
    }
    changed.notify_all();
    if (state_callback) state_callback(s, detail);
  }
  void note_error(const std::string& detail) {
    std::lock_guard lock(mutex);
    last_error = detail;
  }
  void update_pending_count() {
    {
      std::lock_guard lock(mutex);
      pending_count = pending.size();
    }
    changed.notify_all();
  }

  // ---- requests ----
  void add(std::uint64_t id, pb::ClientMessage message, std::shared_ptr<std::promise<pb::ServerMessage>> promise) {
    if (finished) {
      Error why;
      {
        std::lock_guard lock(mutex);
        why = final_error;
      }
      promise->set_exception(std::make_exception_ptr(Exception(why)));
      return;
    }
    pending[id] = Pending{std::move(message), std::move(promise), false};
    update_pending_count();
    if (conn && conn->phase == Conn::Phase::Ready) send_pending(id);
  }

  void cancel(std::uint64_t id) {
    pending.erase(id);
    update_pending_count();
  }

  void send_pending(std::uint64_t id) {
    auto it = pending.find(id);
    if (it == pending.end()) return;
    std::string frame;
    if (append_frame(frame, it->second.message.SerializeAsString(), protocol::kMaxClientFrame) != FrameError::None) {
      it->second.promise->set_exception(std::make_exception_ptr(Exception(error(Code::BadInput, fmt::format(
          "request larger than the protocol's {} KiB frame: split it (a roster goes in chunks of {} members)",
          protocol::kMaxClientFrame / 1024, protocol::kRosterChunkMembers)))));
      pending.erase(it);
      update_pending_count();
      return;
    }
    it->second.on_wire = true;
    write(conn, std::move(frame));
  }

  void send_message(const std::shared_ptr<Conn>& c, const pb::ClientMessage& m) {
    std::string frame;
    append_frame(frame, m.SerializeAsString(), protocol::kMaxClientFrame);
    write(c, std::move(frame));
  }

  void write(const std::shared_ptr<Conn>& c, std::string frame) {
    c->last_sent = Clock::now();
    c->link->send_here(frame);
  }

  // ---- connection attempts ----
  void attempt() {
    if (finished) return;
    Endpoint target = config.endpoint;
    if (config.resolve) {
      auto r = config.resolve();
      if (!r) {
        note_error("the server's endpoint is not known yet");
        return retry_later();
      }
      target = *r;
    }
    {
      std::lock_guard lock(mutex);
      endpoint = target;
    }
    auto expected = normalize_fingerprint(target.fingerprint);
    if (!expected) {
      return finish(State::Failed, error(Code::BadInput, fmt::format("refusing to connect to {}:{}: {}", target.host,
                                                                     target.port, expected.error())));
    }
    auto c = std::make_shared<Conn>(*this);
    // The Client reads whole journal pages: larger reads than a tablet's.
    c->link = std::make_shared<Connection>(io, *tls, c.get(), ConnectionOptions{protocol::kMaxServerFrame, 64 * 1024});
    conn = c;
    attempt_timer.expires_after(config.attempt_timeout);
    attempt_timer.async_wait([this, c](boost::system::error_code ec) {
      if (ec || c->dead || c->phase == Conn::Phase::Ready) return;
      lost(c, fmt::format("no answer from {}:{} within {} ms", target_of(c).host, target_of(c).port,
                          config.attempt_timeout.count()));
    });
    c->link->start(target.host, target.port, *expected);
  }

  // TCP + TLS done, the certificate is the pinned one: Hello.
  void connected(const std::shared_ptr<Conn>& c) override {
    c->phase = Conn::Phase::Hello;
    send_message(c, hello_message(next_id++, config.client_name));
  }

  void received(const std::shared_ptr<Conn>& c, const std::string& payload) override {
    c->last_received = Clock::now();
    pb::ServerMessage m;
    if (!m.ParseFromString(payload)) return lost(c, "the server sent a message that does not parse");
    handle(c, m);
  }

  void ended(const std::shared_ptr<Conn>& c, ConnectionEnd why, const std::string& what) override {
    if (why != ConnectionEnd::PinMismatch) return lost(c, what);
    {
      std::lock_guard lock(mutex);
      failure.fingerprint_mismatch = true;
    }
    const Endpoint target = target_of(c);
    const std::string actual = c->link->peer_fingerprint();
    fail(c, error(Code::WrongServer,
                  fmt::format("refusing to connect to {}:{}: its certificate fingerprint is {} but the pinned one is {}; "
                              "check the fingerprint the server printed (or its endpoint file)",
                              target.host, target.port, actual.empty() ? "missing" : actual,
                              normalize_fingerprint(target.fingerprint).value_or(target.fingerprint))));
  }

  Endpoint target_of(const std::shared_ptr<Conn>&) {
    std::lock_guard lock(mutex);
    return endpoint;
  }

  void handle(const std::shared_ptr<Conn>& c, const pb::ServerMessage& m) {
    switch (c->phase) {
      case Conn::Phase::Connecting: return;
      case Conn::Phase::Hello:
        if (m.has_hello_ok() && config.role == pb::ROLE_NONE) {
          return ready(c, pb::LoginOk());  // no login: only what the server answers before it (ListMembers)
        } else if (m.has_hello_ok()) {
          c->phase = Conn::Phase::Login;
          send_message(c, login_message(next_id++, config.role, config.member_id, config.secret));
        } else if (m.has_refused() && m.refused().kind() == pb::VERSION_MISMATCH) {
          note_refused(m.refused());
          fail(c, refused_error(m.refused()));
        } else {
          lost(c, m.has_refused() ? refusal(m.refused()) : "the server did not answer Hello");
        }
        return;
      case Conn::Phase::Login:
        if (m.has_login_ok()) {
          ready(c, m.login_ok());
        } else if (m.has_refused() &&
                   (m.refused().kind() == pb::BAD_CREDENTIALS || m.refused().kind() == pb::LOCKED_OUT)) {
          note_refused(m.refused());
          fail(c, refused_error(m.refused()));
        } else if (m.request_id() != 0) {
          lost(c, m.has_refused() ? refusal(m.refused()) : "the server did not answer Login");
        }
        return;
      case Conn::Phase::Ready: break;
    }
    if (m.request_id() == 0) {
      if (m.has_pong()) return;
      if (m.has_refused() && m.refused().code() == pb::CODE_TAKEN_OVER) {
        // Signed in elsewhere: coming back would take the other device's place in turn.
        note_refused(m.refused());
        return fail(c, refused_error(m.refused()));
      }
      if (m.has_refused()) note_error(refusal(m.refused()));
      deliver_push(m);
      return;
    }
    auto it = pending.find(m.request_id());
    if (it == pending.end()) return;  // a Pong, or an answer whose caller gave up
    // Off the pending list before the caller wakes: pending() right after an answer is 0.
    auto promise = std::move(it->second.promise);
    pending.erase(it);
    update_pending_count();
    promise->set_value(m);
  }

  void ready(const std::shared_ptr<Conn>& c, const pb::LoginOk& ok) {
    c->phase = Conn::Phase::Ready;
    attempt_timer.cancel();
    backoff = config.backoff_min;
    {
      std::lock_guard lock(mutex);
      login = ok;
      ++logins;
    }
    set_state(State::Ready, "");
    // Resend, in their original order, every request without an answer.
    std::vector<std::uint64_t> ids;
    for (auto& [id, p] : pending)
      if (!p.on_wire) ids.push_back(id);
    for (auto id : ids) send_pending(id);
  }

  void note_refused(const pb::Refused& refused) {
    std::lock_guard lock(mutex);
    failure.refused = refused;
  }

  void deliver_push(const pb::ServerMessage& m) {
    if (push_callback) return push_callback(m);
    {
      std::lock_guard lock(mutex);
      pushes.push_back(m);
      while (pushes.size() > 1024) pushes.pop_front();
    }
    changed.notify_all();
  }

  void close_conn(const std::shared_ptr<Conn>& c) {
    c->dead = true;
    c->link->close_here();
  }

  // The connection is gone; try again later unless told not to.
  void lost(const std::shared_ptr<Conn>& c, const std::string& why) {
    if (c->dead) return;
    const bool was_ready = c->phase == Conn::Phase::Ready;
    close_conn(c);
    if (conn == c) conn.reset();
    for (auto it = pending.begin(); it != pending.end();) {
      // On the wire and not to be resent (a command; anything, when this client does not reconnect).
      if (it->second.on_wire && (!resendable(it->second.message) || !config.reconnect)) {
        it->second.promise->set_exception(std::make_exception_ptr(Exception(error(Code::Uncertain, kConnectionLost))));
        it = pending.erase(it);
      } else {
        it->second.on_wire = false;
        ++it;
      }
    }
    update_pending_count();
    if (!config.reconnect) return finish(State::Failed, error(Code::Unreachable, why));
    if (was_ready) set_state(State::Connecting, why);
    else note_error(why);
    retry_later();
  }

  // Refused for good: no point trying again with the same settings.
  void fail(const std::shared_ptr<Conn>& c, const Error& why) {
    close_conn(c);
    if (conn == c) conn.reset();
    finish(State::Failed, why);
  }

  void finish(State s, const Error& why) {
    finished = true;
    {
      std::lock_guard lock(mutex);
      final_error = why;
    }
    retry_timer.cancel();
    attempt_timer.cancel();
    tick_timer.cancel();
    if (conn) close_conn(conn), conn.reset();
    for (auto& [id, p] : pending) p.promise->set_exception(std::make_exception_ptr(Exception(why)));
    pending.clear();
    update_pending_count();
    set_state(s, why.sentence);
  }

  void retry_later() {
    if (finished) return;
    retry_timer.expires_after(backoff);
    backoff = std::min(backoff * 2, config.backoff_max);
    retry_timer.async_wait([this](boost::system::error_code ec) {
      if (!ec) attempt();
    });
  }

  // Once a second: a Ping when idle, and a reconnect when the server is silent.
  void tick() {
    tick_timer.expires_after(1s);
    tick_timer.async_wait([this](boost::system::error_code ec) {
      if (ec || finished) return;
      if (auto c = conn; c && c->phase == Conn::Phase::Ready) {
        const auto now = Clock::now();
        if (now - c->last_received > config.silence_timeout) {
          lost(c, "the server has been silent too long");
        } else if (now - c->last_sent >= config.ping_interval) {
          pb::ClientMessage ping;
          ping.set_request_id(next_id++);
          ping.mutable_ping();
          send_message(c, ping);
        }
      }
      tick();
    });
  }
};

void Conn::on_ready() { owner.connected(shared_from_this()); }
void Conn::on_message(const std::string& payload) { owner.received(shared_from_this(), payload); }
void Conn::on_end(ConnectionEnd why, const std::string& what) { owner.ended(shared_from_this(), why, what); }

// ---- Client ------------------------------------------------------------------------------

Client::Client(Config config) : impl_(std::make_shared<Impl>(std::move(config))) {}

Client::~Client() { close(); }

void Client::on_push(std::function<void(const pb::ServerMessage&)> callback) { impl_->push_callback = std::move(callback); }
void Client::on_state(std::function<void(State, const std::string&)> callback) {
  impl_->state_callback = std::move(callback);
}

std::expected<pb::LoginOk, Error> Client::start(std::chrono::milliseconds timeout) {
  Impl& d = *impl_;
  {
    std::lock_guard lock(d.mutex);
    if (!d.started) {
      d.started = true;
      d.state = State::Connecting;
      d.work.emplace(d.io.get_executor());
      asio::post(d.io, [&d] {
        d.tick();
        d.attempt();
      });
      d.thread = std::thread([&d] { d.io.run(); });
    }
  }
  std::unique_lock lock(d.mutex);
  d.changed.wait_for(lock, timeout, [&] { return d.state != State::Connecting && d.state != State::Idle; });
  if (d.state == State::Ready && d.login) return *d.login;
  if (d.state == State::Connecting) {
    return std::unexpected(error(Code::Unreachable,
                                 fmt::format("cannot reach the server at {}:{} within {} s: {}", d.endpoint.host,
                                             d.endpoint.port, timeout.count() / 1000,
                                             d.last_error.empty() ? "no answer" : d.last_error)));
  }
  return std::unexpected(d.final_error);
}

void Client::close() {
  Impl& d = *impl_;
  if (d.thread.joinable()) {
    asio::post(d.io, [&d] {
      if (!d.finished) d.finish(State::Stopped, error(Code::Unreachable, "the client is closed"));
      d.work.reset();
      d.io.stop();
    });
    d.thread.join();
  }
  std::lock_guard lock(d.mutex);
  d.state = State::Stopped;
}

std::future<pb::ServerMessage> Client::request(pb::ClientMessage message) {
  const std::uint64_t id = impl_->next_id++;
  message.set_request_id(id);
  auto promise = std::make_shared<std::promise<pb::ServerMessage>>();
  auto future = promise->get_future();
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->state == State::Stopped) {
      promise->set_exception(std::make_exception_ptr(Exception(error(Code::Unreachable, "the client is closed"))));
      return future;
    }
  }
  asio::post(impl_->io, [d = impl_.get(), id, m = std::move(message), promise]() mutable {
    d->add(id, std::move(m), std::move(promise));
  });
  return future;
}

std::expected<pb::ServerMessage, Error> Client::call(pb::ClientMessage message, std::chrono::milliseconds timeout) {
  const bool is_command = message.has_command();
  const bool is_vote = message.has_vote();
  // Take the id here so that a timeout can withdraw exactly this request.
  const std::uint64_t my_id = impl_->next_id++;
  message.set_request_id(my_id);
  auto promise = std::make_shared<std::promise<pb::ServerMessage>>();
  auto future = promise->get_future();
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->state == State::Stopped) return std::unexpected(error(Code::Unreachable, "the client is closed"));
  }
  asio::post(impl_->io, [d = impl_.get(), my_id, m = std::move(message), promise]() mutable {
    d->add(my_id, std::move(m), std::move(promise));
  });
  if (future.wait_for(timeout) != std::future_status::ready) {
    asio::post(impl_->io, [d = impl_.get(), my_id] { d->cancel(my_id); });
    if (is_command)
      return std::unexpected(error(Code::Uncertain, fmt::format("no answer within {} s: the command may or may not "
                                                                "have been recorded; check status",
                                                                timeout.count() / 1000)));
    // A vote left unanswered may have been counted (sending it again is safe: it is never counted twice).
    return std::unexpected(error(is_vote ? Code::Uncertain : Code::Unreachable,
                                 fmt::format("no answer from the server within {} s ({})", timeout.count() / 1000,
                                             last_error())));
  }
  try {
    return future.get();
  } catch (const Exception& e) {
    return std::unexpected(e.error);
  } catch (const std::exception& e) {
    return std::unexpected(error(Code::Unreachable, e.what()));
  }
}

std::expected<pb::Done, Error> Client::command(const pb::Command& command, std::chrono::milliseconds timeout) {
  pb::ClientMessage m;
  *m.mutable_command() = command;
  auto answer = call(std::move(m), timeout);
  if (!answer) return std::unexpected(answer.error());
  if (answer->has_refused()) return std::unexpected(refused_error(answer->refused()));
  if (!answer->has_done()) return std::unexpected(error(Code::Protocol, "unexpected answer from the server to a command"));
  return answer->done();
}

std::future<pb::ServerMessage> Client::vote_async(const std::string& item, const std::string& voice, pb::Choice choice) {
  pb::ClientMessage m;
  m.mutable_vote()->set_item(item);
  m.mutable_vote()->set_voice(voice);
  m.mutable_vote()->set_choice(choice);
  return request(std::move(m));
}

std::expected<pb::VoteReceipt, Error> Client::vote(const std::string& item, const std::string& voice,
                                                         pb::Choice choice, std::chrono::milliseconds timeout) {
  pb::ClientMessage m;
  m.mutable_vote()->set_item(item);
  m.mutable_vote()->set_voice(voice);
  m.mutable_vote()->set_choice(choice);
  auto answer = call(std::move(m), timeout);
  if (!answer) return std::unexpected(answer.error());
  if (answer->has_refused()) return std::unexpected(refused_error(answer->refused()));
  if (!answer->has_receipt()) return std::unexpected(error(Code::Protocol, "unexpected answer from the server to a vote"));
  return answer->receipt();
}

std::future<pb::ServerMessage> Client::vote_async(const std::string& item, const std::string& voice,
                                                  const pb::ElectionPaper& paper) {
  pb::ClientMessage m;
  m.mutable_vote()->set_item(item);
  m.mutable_vote()->set_voice(voice);
  *m.mutable_vote()->mutable_paper() = paper;
  return request(std::move(m));
}

std::expected<pb::VoteReceipt, Error> Client::vote(const std::string& item, const std::string& voice,
                                                         const pb::ElectionPaper& paper,
                                                         std::chrono::milliseconds timeout) {
  pb::ClientMessage m;
  m.mutable_vote()->set_item(item);
  m.mutable_vote()->set_voice(voice);
  *m.mutable_vote()->mutable_paper() = paper;
  auto answer = call(std::move(m), timeout);
  if (!answer) return std::unexpected(answer.error());
  if (answer->has_refused()) return std::unexpected(refused_error(answer->refused()));
  if (!answer->has_receipt()) return std::unexpected(error(Code::Protocol, "unexpected answer from the server to a vote"));
  return answer->receipt();
}

std::optional<pb::ServerMessage> Client::take_push(std::chrono::milliseconds timeout) {
  std::unique_lock lock(impl_->mutex);
  impl_->changed.wait_for(lock, timeout, [&] { return !impl_->pushes.empty(); });
  if (impl_->pushes.empty()) return std::nullopt;
  auto m = std::move(impl_->pushes.front());
  impl_->pushes.pop_front();
  return m;
}

State Client::state() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->state;
}
std::string Client::last_error() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->last_error;
}
Failure Client::failure() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->failure;
}
std::optional<pb::LoginOk> Client::login() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->login;
}
Endpoint Client::endpoint() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->endpoint;
}
std::uint64_t Client::logins() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->logins;
}
std::size_t Client::pending() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->pending_count;
}

}  // namespace scrutin::client
