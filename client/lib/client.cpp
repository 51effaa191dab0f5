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

std::expected<std::string, std::string> normalize_fingerprint(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == ':' || c == ' ') continue;
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
      return std::unexpected(fmt::format("the fingerprint \"{}\" is not hexadecimal", text));
    out.push_back(c);
  }
  if (out.size() != 64)
    return std::unexpected(
        fmt::format("the fingerprint must be 64 hex digits (SHA-256), got {}: check what the server printed", out.size()));
  return out;
}

std::expected<std::pair<std::string, int>, std::string> parse_host_port(const std::string& text) {
  std::string host;
  std::string port;
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':')
      return std::unexpected(fmt::format("\"{}\" is not HOST:PORT", text));
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string::npos) return std::unexpected(fmt::format("\"{}\" is not HOST:PORT", text));
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  int p = 0;
  try {
    std::size_t used = 0;
    p = std::stoi(port, &used);
    if (used != port.size()) throw std::invalid_argument(port);
  } catch (...) {
    return std::unexpected(fmt::format("\"{}\" is not a port number", port));
  }
  if (host.empty() || p <= 0 || p > 65535) return std::unexpected(fmt::format("\"{}\" is not HOST:PORT", text));
  return std::pair{host, p};
}

std::expected<Endpoint, std::string> read_endpoint_file(const std::string& data_dir) {
  const std::string path = data_dir + "/endpoint";
  std::ifstream in(path);
  if (!in) return std::unexpected(fmt::format("cannot read {}: is the server running with --data {}?", path, data_dir));
  Endpoint e;
  std::string fp;
  if (!(in >> e.host >> e.port >> fp)) return std::unexpected(fmt::format("{} is not \"HOST PORT FINGERPRINT\"", path));
  auto n = normalize_fingerprint(fp);
  if (!n) return std::unexpected(fmt::format("{}: {}", path, n.error()));
  e.fingerprint = *n;
  return e;
}

namespace {

const char* kind_name(pb::ErrorKind k) { return pb::ErrorKind_Name(k).c_str(); }

bool resendable(const pb::ClientMessage& m) {
  // A vote is idempotent on the server (a resend answers repeat=true), and
  // reading the journal or pinging changes nothing: these survive a reconnect.
  // A Command does not: it may have been recorded, and only the clerk can tell.
  return m.has_vote() || m.has_fetch_journal() || m.has_ping();
}

}  // namespace

std::string refusal(const pb::Refused& r) {
  if (!r.message().empty()) return r.message();
  if (r.code() != pb::CODE_NONE) return fmt::format("refused: {} ({})", pb::RefusalCode_Name(r.code()), kind_name(r.kind()));
  return fmt::format("refused: {}", kind_name(r.kind()));
}

std::expected<pb::ServerMessage, std::string> accepted(const pb::ServerMessage& answer) {
  if (answer.has_refused()) return std::unexpected(refusal(answer.refused()));
  return answer;
}

// ---- The connection machinery ---------------------------------------------------------

namespace {

struct Pending {
  pb::ClientMessage message;
  std::shared_ptr<std::promise<pb::ServerMessage>> promise;
  bool on_wire = false;  // sent on the current connection
};

// One TCP + TLS connection. A new one is made for every attempt; handlers of
// an old one see `dead` (or that it is no longer the current one) and stop.
struct Conn {
  enum class Phase { Connecting, Hello, Login, Ready };
  Conn(asio::io_context& io, ssl::context& ctx) : resolver(io), stream(io, ctx), reader(protocol::kMaxServerFrame) {}
  tcp::resolver resolver;
  ssl::stream<tcp::socket> stream;
  FrameReader reader;
  std::array<char, 64 * 1024> buffer{};
  std::deque<std::string> out;  // frames waiting to be written
  bool writing = false;
  bool dead = false;
  Phase phase = Phase::Connecting;
  Clock::time_point last_received = Clock::now();
  Clock::time_point last_sent = Clock::now();
};

}  // namespace

struct Client::Impl {
  explicit Impl(Config c) : config(std::move(c)), backoff(config.backoff_min) {
    // TLS 1.3 only (PROTOCOL.md). The certificate is self-signed: it is not
    // checked against a CA but pinned, right after the handshake and before a
    // single byte of ours is sent (check_pin).
    SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_3_VERSION);
    tls.set_verify_mode(ssl::verify_none);
  }

  Config config;
  asio::io_context io;
  ssl::context tls{ssl::context::tls_client};
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
      std::string why;
      {
        std::lock_guard lock(mutex);
        why = state == State::Stopped ? std::string("the client is closed") : last_error;
      }
      promise->set_exception(std::make_exception_ptr(std::runtime_error(why)));
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
      it->second.promise->set_exception(std::make_exception_ptr(std::runtime_error(fmt::format(
          "request larger than the protocol's {} KiB frame: split it (a roster goes in chunks of {} members)",
          protocol::kMaxClientFrame / 1024, protocol::kRosterChunkMembers))));
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
    c->out.push_back(std::move(frame));
    c->last_sent = Clock::now();
    if (!c->writing) write_next(c);
  }

  void write_next(std::shared_ptr<Conn> c) {
    if (c->dead || c->out.empty()) {
      c->writing = false;
      return;
    }
    c->writing = true;
    asio::async_write(c->stream, asio::buffer(c->out.front()), [this, c](boost::system::error_code ec, std::size_t) {
      if (c->dead) return;
      if (ec) return lost(c, fmt::format("write failed: {}", ec.message()));
      c->out.pop_front();
      write_next(c);
    });
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
    auto c = std::make_shared<Conn>(io, tls);
    conn = c;
    attempt_timer.expires_after(config.attempt_timeout);
    attempt_timer.async_wait([this, c](boost::system::error_code ec) {
      if (ec || c->dead || c->phase == Conn::Phase::Ready) return;
      lost(c, fmt::format("no answer from {}:{} within {} ms", target_of(c).host, target_of(c).port,
                          config.attempt_timeout.count()));
    });
    c->resolver.async_resolve(
        target.host, std::to_string(target.port),
        [this, c, target](boost::system::error_code ec, tcp::resolver::results_type results) {
          if (c->dead) return;
          if (ec) return lost(c, fmt::format("cannot resolve {}: {}", target.host, ec.message()));
          asio::async_connect(
              c->stream.lowest_layer(), results, [this, c, target](boost::system::error_code ec2, const tcp::endpoint&) {
                if (c->dead) return;
                if (ec2) return lost(c, fmt::format("cannot connect to {}:{}: {}", target.host, target.port, ec2.message()));
                c->stream.async_handshake(ssl::stream_base::client, [this, c, target](boost::system::error_code ec3) {
                  if (c->dead) return;
                  if (ec3) return lost(c, fmt::format("TLS handshake with {}:{} failed: {}", target.host, target.port,
                                                      ec3.message()));
                  if (!check_pin(c, target)) return;
                  c->phase = Conn::Phase::Hello;
                  read(c);
                  pb::ClientMessage hello;
                  hello.set_request_id(next_id++);
                  hello.mutable_hello()->set_protocol_version(protocol::kVersion);
                  hello.mutable_hello()->set_client(config.client_name);
                  send_message(c, hello);
                });
              });
        });
  }

  Endpoint target_of(const std::shared_ptr<Conn>&) {
    std::lock_guard lock(mutex);
    return endpoint;
  }

  bool check_pin(const std::shared_ptr<Conn>& c, const Endpoint& target) {
    X509* cert = SSL_get1_peer_certificate(c->stream.native_handle());
    std::string actual;
    if (cert) {
      actual = fingerprint_of(cert);
      X509_free(cert);
    }
    auto expected = normalize_fingerprint(target.fingerprint);
    if (!expected) {
      fail(c, fmt::format("refusing to connect to {}:{}: {}", target.host, target.port, expected.error()));
      return false;
    }
    if (actual != *expected) {
      {
        std::lock_guard lock(mutex);
        failure.fingerprint_mismatch = true;
      }
      fail(c, fmt::format("refusing to connect to {}:{}: its certificate fingerprint is {} but the pinned one is {}; "
                          "check the fingerprint the server printed (or its endpoint file)",
                          target.host, target.port, actual.empty() ? "missing" : actual, *expected));
      return false;
    }
    return true;
  }

  void read(std::shared_ptr<Conn> c) {
    c->stream.async_read_some(asio::buffer(c->buffer), [this, c](boost::system::error_code ec, std::size_t n) {
      if (c->dead) return;
      if (ec) {
        return lost(c, ec == asio::error::eof || ec == ssl::error::stream_truncated
                           ? std::string("the server closed the connection")
                           : fmt::format("read failed: {}", ec.message()));
      }
      c->last_received = Clock::now();
      c->reader.feed(std::string_view(c->buffer.data(), n));
      std::string payload;
      while (!c->dead && c->reader.next(payload)) {
        pb::ServerMessage m;
        if (!m.ParseFromString(payload)) return lost(c, "the server sent a message that does not parse");
        handle(c, m);
      }
      if (c->dead) return;
      if (c->reader.error() != FrameError::None)
        return lost(c, fmt::format("bad frame from the server: {}", to_string(c->reader.error())));
      read(c);
    });
  }

  void handle(const std::shared_ptr<Conn>& c, const pb::ServerMessage& m) {
    switch (c->phase) {
      case Conn::Phase::Connecting: return;
      case Conn::Phase::Hello:
        if (m.has_hello_ok() && config.role == pb::ROLE_NONE) {
          return ready(c, pb::LoginOk());  // no login: only what the server answers before it (ListMembers)
        } else if (m.has_hello_ok()) {
          c->phase = Conn::Phase::Login;
          pb::ClientMessage hello_login;
          hello_login.set_request_id(next_id++);
          hello_login.mutable_login()->set_role(config.role);
          hello_login.mutable_login()->set_member_id(config.member_id);
          hello_login.mutable_login()->set_secret(config.secret);
          send_message(c, hello_login);
        } else if (m.has_refused() && m.refused().kind() == pb::VERSION_MISMATCH) {
          note_refused(m.refused());
          fail(c, refusal(m.refused()));
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
          fail(c, refusal(m.refused()));
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
        return fail(c, refusal(m.refused()));
      }
      if (m.has_refused()) note_error(refusal(m.refused()));
      deliver_push(m);
      return;
    }
    auto it = pending.find(m.request_id());
    if (it == pending.end()) return;  // a Pong, or an answer whose caller gave up
    it->second.promise->set_value(m);
    pending.erase(it);
    update_pending_count();
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
    boost::system::error_code ignored;
    c->resolver.cancel();
    c->stream.lowest_layer().close(ignored);
    c->out.clear();
  }

  // The connection is gone; try again later unless told not to.
  void lost(const std::shared_ptr<Conn>& c, const std::string& why) {
    if (c->dead) return;
    const bool was_ready = c->phase == Conn::Phase::Ready;
    close_conn(c);
    if (conn == c) conn.reset();
    for (auto it = pending.begin(); it != pending.end();) {
      if (it->second.on_wire && !resendable(it->second.message)) {
        it->second.promise->set_exception(std::make_exception_ptr(std::runtime_error(kConnectionLost)));
        it = pending.erase(it);
      } else {
        it->second.on_wire = false;
        ++it;
      }
    }
    update_pending_count();
    if (!config.reconnect) return finish(State::Failed, why);
    if (was_ready) set_state(State::Connecting, why);
    else note_error(why);
    retry_later();
  }

  // Refused for good: no point trying again with the same settings.
  void fail(const std::shared_ptr<Conn>& c, const std::string& why) {
    close_conn(c);
    if (conn == c) conn.reset();
    finish(State::Failed, why);
  }

  void finish(State s, const std::string& why) {
    finished = true;
    retry_timer.cancel();
    attempt_timer.cancel();
    tick_timer.cancel();
    if (conn) close_conn(conn), conn.reset();
    for (auto& [id, p] : pending) p.promise->set_exception(std::make_exception_ptr(std::runtime_error(why)));
    pending.clear();
    update_pending_count();
    set_state(s, why);
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

// ---- Client ------------------------------------------------------------------------------

Client::Client(Config config) : impl_(std::make_shared<Impl>(std::move(config))) {}

Client::~Client() { close(); }

void Client::on_push(std::function<void(const pb::ServerMessage&)> callback) { impl_->push_callback = std::move(callback); }
void Client::on_state(std::function<void(State, const std::string&)> callback) {
  impl_->state_callback = std::move(callback);
}

std::expected<pb::LoginOk, std::string> Client::start(std::chrono::milliseconds timeout) {
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
    return std::unexpected(fmt::format("cannot reach the server at {}:{} within {} s: {}", d.endpoint.host,
                                       d.endpoint.port, timeout.count() / 1000,
                                       d.last_error.empty() ? "no answer" : d.last_error));
  }
  return std::unexpected(d.last_error.empty() ? std::string("the client is closed") : d.last_error);
}

void Client::close() {
  Impl& d = *impl_;
  if (d.thread.joinable()) {
    asio::post(d.io, [&d] {
      if (!d.finished) d.finish(State::Stopped, "the client is closed");
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
      promise->set_exception(std::make_exception_ptr(std::runtime_error("the client is closed")));
      return future;
    }
  }
  asio::post(impl_->io, [d = impl_.get(), id, m = std::move(message), promise]() mutable {
    d->add(id, std::move(m), std::move(promise));
  });
  return future;
}

std::expected<pb::ServerMessage, std::string> Client::call(pb::ClientMessage message, std::chrono::milliseconds timeout) {
  const bool is_command = message.has_command();
  // Take the id here so that a timeout can withdraw exactly this request.
  const std::uint64_t my_id = impl_->next_id++;
  message.set_request_id(my_id);
  auto promise = std::make_shared<std::promise<pb::ServerMessage>>();
  auto future = promise->get_future();
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->state == State::Stopped) return std::unexpected(std::string("the client is closed"));
  }
  asio::post(impl_->io, [d = impl_.get(), my_id, m = std::move(message), promise]() mutable {
    d->add(my_id, std::move(m), std::move(promise));
  });
  if (future.wait_for(timeout) != std::future_status::ready) {
    asio::post(impl_->io, [d = impl_.get(), my_id] { d->cancel(my_id); });
    return std::unexpected(is_command ? fmt::format("no answer within {} s: the command may or may not have been "
                                                    "recorded; check status",
                                                    timeout.count() / 1000)
                                      : fmt::format("no answer from the server within {} s ({})",
                                                    timeout.count() / 1000, last_error()));
  }
  try {
    return future.get();
  } catch (const std::exception& e) {
    return std::unexpected(std::string(e.what()));
  }
}

std::expected<pb::Done, std::string> Client::command(const pb::Command& command, std::chrono::milliseconds timeout) {
  pb::ClientMessage m;
  *m.mutable_command() = command;
  auto answer = call(std::move(m), timeout);
  if (!answer) return std::unexpected(answer.error());
  if (answer->has_refused()) return std::unexpected(refusal(answer->refused()));
  if (!answer->has_done()) return std::unexpected(std::string("unexpected answer from the server to a command"));
  return answer->done();
}

std::future<pb::ServerMessage> Client::vote_async(const std::string& item, const std::string& voice, pb::Choice choice) {
  pb::ClientMessage m;
  m.mutable_vote()->set_item(item);
  m.mutable_vote()->set_voice(voice);
  m.mutable_vote()->set_choice(choice);
  return request(std::move(m));
}

std::expected<pb::VoteReceipt, std::string> Client::vote(const std::string& item, const std::string& voice,
                                                         pb::Choice choice, std::chrono::milliseconds timeout) {
  pb::ClientMessage m;
  m.mutable_vote()->set_item(item);
  m.mutable_vote()->set_voice(voice);
  m.mutable_vote()->set_choice(choice);
  auto answer = call(std::move(m), timeout);
  if (!answer) return std::unexpected(answer.error());
  if (answer->has_refused()) return std::unexpected(refusal(answer->refused()));
  if (!answer->has_receipt()) return std::unexpected(std::string("unexpected answer from the server to a vote"));
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

std::expected<pb::VoteReceipt, std::string> Client::vote(const std::string& item, const std::string& voice,
                                                         const pb::ElectionPaper& paper,
                                                         std::chrono::milliseconds timeout) {
  pb::ClientMessage m;
  m.mutable_vote()->set_item(item);
  m.mutable_vote()->set_voice(voice);
  *m.mutable_vote()->mutable_paper() = paper;
  auto answer = call(std::move(m), timeout);
  if (!answer) return std::unexpected(answer.error());
  if (answer->has_refused()) return std::unexpected(refusal(answer->refused()));
  if (!answer->has_receipt()) return std::unexpected(std::string("unexpected answer from the server to a vote"));
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

// ---- Journal and mirror -------------------------------------------------------------------------

std::expected<std::vector<pb::JournalEntry>, std::string> fetch_journal(Client& client, std::uint64_t from_seq,
                                                                        std::chrono::milliseconds timeout) {
  std::vector<pb::JournalEntry> entries;
  for (;;) {
    pb::ClientMessage m;
    m.mutable_fetch_journal()->set_from_seq(from_seq);
    m.mutable_fetch_journal()->set_max_entries(protocol::kJournalPageEntries);
    auto answer = client.call(std::move(m), timeout);
    if (!answer) return std::unexpected(answer.error());
    if (answer->has_refused()) return std::unexpected(refusal(answer->refused()));
    if (!answer->has_journal_page()) return std::unexpected(std::string("unexpected answer to FetchJournal"));
    const auto& page = answer->journal_page();
    for (const auto& e : page.entries()) entries.push_back(e);
    if (page.done() || page.entries_size() == 0) break;
    from_seq = page.entries(page.entries_size() - 1).seq() + 1;
  }
  return entries;
}

std::expected<void, std::string> Mirror::sync(Client& client, std::chrono::milliseconds timeout) {
  auto entries = fetch_journal(client, head_seq() + 1, timeout);
  if (!entries) return std::unexpected(entries.error());
  for (auto& e : *entries) {
    if (e.seq() != head_seq() + 1)
      return std::unexpected(fmt::format("journal gap: expected seq {}, got {}", head_seq() + 1, e.seq()));
    auto event = from_pb(e.event());
    if (!event) return std::unexpected(fmt::format("journal entry {}: {}", e.seq(), event.error().message));
    session_.apply(*event);
    journal_.push_back(std::move(e));
  }
  return {};
}

}  // namespace scrutin::client
