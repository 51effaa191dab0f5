#include "client/loadgen/rpc.hpp"

#include <fmt/format.h>

#include <deque>
#include <random>

#include "proto/convert.hpp"

namespace scrutin::loadgen {

void Fleet::error(std::string e) {
  std::lock_guard lock(mu);
  if (errors.size() < 20) errors.push_back(std::move(e));
}

std::string refusal_text(const pb::Refused& r) {
  std::string s = pb::ErrorKind_Name(r.kind());
  if (r.code() != pb::CODE_NONE) s += " " + pb::RefusalCode_Name(r.code());
  if (!r.message().empty()) s += ": " + r.message();
  return s;
}

pb::Choice choice_for(const std::string& voice, const int mix[3]) {
  // FNV-1a of the voice: the same member always votes the same way, and the
  // mix holds over any large enough roster.
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : voice) h = (h ^ c) * 1099511628211ull;
  const int total = std::max(1, mix[0] + mix[1] + mix[2]);
  const int r = static_cast<int>((h >> 17) % static_cast<std::uint64_t>(total));
  if (r < mix[0]) return pb::POUR;
  if (r < mix[0] + mix[1]) return pb::CONTRE;
  return pb::ABSTENTION;
}

// ---- Delegate ---------------------------------------------------------------------------

Delegate::Delegate(asio::io_context& io, ssl::context& ctx, Fleet& fleet, int rank, std::string member,
                   std::string pin)
    : fleet_(fleet), io_(io), tls_(ctx), rank_(rank), member_(std::move(member)), pin_(std::move(pin)) {
  conn_ = std::make_shared<Connection>(io, ctx, this);
}

Delegate::~Delegate() { conn_->detach(); }

void Delegate::start(const tcp::endpoint& ep, const std::string& fingerprint) {
  t_start = now_ns();
  conn_->start(ep, fingerprint);
}

void Delegate::close() { conn_->close(); }

void Delegate::drop(std::function<void()> done) {
  asio::post(conn_->strand(), [this, done = std::move(done)] {
    conn_->close_here();  // no callback after this
    done();
  });
}

void Delegate::renew() {
  logged_in_ = false;
  open_ = false;
  t_login = 0;
  pending_.clear();
  conn_ = std::make_shared<Connection>(io_, tls_, this);
}

void Delegate::send(pb::ClientMessage& m) {
  std::string frame;
  append_frame(frame, m.SerializeAsString(), protocol::kMaxClientFrame);
  last_send_ = now_ns();
  conn_->send_here(frame);
}

void Delegate::on_ready() {
  fleet_.ready.fetch_add(1);
  fleet_.waker.notify();
  pb::ClientMessage m = client::hello_message(1, "scrutin-loadgen");
  send(m);
}

void Delegate::on_end(ConnectionEnd, const std::string& what) {
  fleet_.failed.fetch_add(1);
  fleet_.waker.notify();
  fleet_.error(fmt::format("{}: {}", member_, what));
}

void Delegate::ping_if_idle(std::int64_t idle_ns) {
  asio::post(conn_->strand(), [this, idle_ns] {
    if (!logged_in_ || now_ns() - last_send_ < idle_ns) return;
    pb::ClientMessage m;
    m.set_request_id(next_request_++);
    m.mutable_ping();
    send(m);
  });
}

void Delegate::vote() {
  asio::post(conn_->strand(), [this] { vote_on_strand(); });
}

void Delegate::vote_on_strand() {
  if (!open_ || item_ != opened_item_) return;
  const std::int64_t t = now_ns();
  std::int64_t expected = 0;
  fleet_.first_send_ns.compare_exchange_strong(expected, t);
  for (const auto& voice : unvoted_) {
    bool already = false;
    for (const auto& p : pending_) already = already || p.voice == voice;
    if (already) continue;
    pb::ClientMessage m;
    m.set_request_id(next_request_++);
    auto* v = m.mutable_vote();
    v->set_item(item_);
    v->set_voice(voice);
    const pb::Choice c = choice_for(voice, fleet_.mix);
    v->set_choice(c);
    pending_.push_back({m.request_id(), voice, now_ns()});
    fleet_.cast[c].fetch_add(1);
    if (fleet_.self_paced) {
      std::lock_guard lock(fleet_.mu);
      fleet_.cast_by_item[item_][c] += 1;
    }
    fleet_.votes_sent.fetch_add(1);
    send(m);
  }
}

void Delegate::on_message(const std::string& payload) {
  thread_local pb::ServerMessage m;
  if (!m.ParseFromString(payload)) {
    fleet_.error(fmt::format("{}: a frame that is not a ServerMessage", member_));
    return;
  }
  const std::int64_t t = now_ns();
  switch (m.body_case()) {
    case pb::ServerMessage::kHelloOk: {
      pb::ClientMessage login = client::login_message(2, pb::DELEGATE, member_, pin_, resume_token_);
      send(login);
      break;
    }
    case pb::ServerMessage::kLoginOk:
      logged_in_ = true;
      resume_token_ = m.login_ok().resume_token();
      t_login = t;
      fleet_.logged_in.fetch_add(1);
      fleet_.waker.notify();
      break;
    case pb::ServerMessage::kRefused: {
      if (m.request_id() <= 2) {
        fleet_.failed.fetch_add(1);
        fleet_.waker.notify();
        fleet_.error(fmt::format("{}: login refused: {}", member_, refusal_text(m.refused())));
        conn_->close();
        break;
      }
      for (auto it = pending_.begin(); it != pending_.end(); ++it) {
        if (it->request != m.request_id()) continue;
        if (m.refused().code() == pb::CODE_BALLOT_CLOSED) {
          fleet_.late.fetch_add(1);
          fleet_.waker.notify();
        } else {
          fleet_.refused.fetch_add(1);
          fleet_.waker.notify();
          fleet_.error(fmt::format("{}: vote for {} refused: {}", member_, it->voice, refusal_text(m.refused())));
        }
        pending_.erase(it);
        break;
      }
      break;
    }
    case pb::ServerMessage::kReceipt: {
      for (auto it = pending_.begin(); it != pending_.end(); ++it) {
        if (it->request != m.request_id()) continue;
        latencies_ns.push_back(t - it->sent);
        std::erase(unvoted_, it->voice);
        pending_.erase(it);
        if (m.receipt().repeat()) fleet_.repeats.fetch_add(1);
        fleet_.acks.fetch_add(1);
        fleet_.waker.notify();
        // Monotonic max of the last acknowledgement.
        std::int64_t prev = fleet_.last_ack_ns.load();
        while (prev < t && !fleet_.last_ack_ns.compare_exchange_weak(prev, t)) {
        }
        break;
      }
      break;
    }
    case pb::ServerMessage::kDelegateView: {
      const auto& view = m.delegate_view();
      const auto& b = view.ballot();
      item_ = view.has_ballot() ? b.item() : std::string();
      open_ = view.has_ballot() && b.open() && !b.closed();
      unvoted_.clear();
      for (const auto& v : view.voices())
        if (!v.voted()) unvoted_.push_back(v.voice());
      // A ballot counts as played once a tablet saw it open, then closed (one
      // already closed at login is the previous item's).
      if (view.has_ballot() && b.closed() && fleet_.self_paced && b.item() == opened_item_) {
        {
          std::lock_guard lock(fleet_.mu);
          bool known = false;
          for (const auto& c : fleet_.closed) known = known || c.item == b.item();
          if (!known) fleet_.closed.push_back({b.item(), b});
        }
        fleet_.waker.notify();  // outside fleet_.mu: a waiter's predicate takes it under the waker's lock
      }
      if (open_ && item_ != opened_item_) {
        opened_item_ = item_;
        fleet_.saw_open.fetch_add(1);
        fleet_.waker.notify();
        if (fleet_.self_paced) {
          double delay_ms = 0;
          if (fleet_.pattern == 1) {
            thread_local std::mt19937 rng(std::random_device{}());
            delay_ms = std::uniform_real_distribution<double>(0, fleet_.window_ms)(rng);
          } else if (fleet_.pattern == 2 && fleet_.rate > 0) {
            delay_ms = 1000.0 * rank_ / fleet_.rate;
          }
          if (delay_ms <= 0) {
            vote_on_strand();
          } else {
            if (!timer_) timer_ = std::make_unique<asio::steady_timer>(conn_->strand());
            timer_->expires_after(std::chrono::microseconds(static_cast<long>(delay_ms * 1000)));
            timer_->async_wait([this](boost::system::error_code ec) {
              if (!ec) vote_on_strand();
            });
          }
        }
      }
      break;
    }
    default:
      break;  // Pong, and anything a later server adds
  }
}

// ---- RpcConn ----------------------------------------------------------------------------

RpcConn::RpcConn(asio::io_context& io, ssl::context& ctx) { conn_ = std::make_shared<Connection>(io, ctx, this); }
RpcConn::~RpcConn() { conn_->detach(); }
void RpcConn::close() { conn_->close(); }

std::string RpcConn::open(const tcp::endpoint& ep, const std::string& fingerprint, pb::Role role,
                          const std::string& secret, double timeout_s) {
  role_ = role;
  secret_ = secret;
  last_send_.store(now_ns());
  auto f = login_.get_future();
  conn_->start(ep, fingerprint);
  if (f.wait_for(std::chrono::duration<double>(timeout_s)) != std::future_status::ready)
    return fmt::format("no login answer within {} s", timeout_s);
  return f.get();
}

void RpcConn::on_ready() {
  conn_->send_here(frame_of(client::hello_message(1, "scrutin-loadgen")));
}

void RpcConn::on_end(ConnectionEnd, const std::string& what) {
  std::lock_guard lock(mu_);
  lost_ = what;
  if (!login_done_) {
    login_done_ = true;
    login_.set_value(what);
  }
  for (auto& [id, p] : pending_) {
    pb::ServerMessage m;
    m.set_request_id(id);
    m.mutable_refused()->set_kind(pb::INTERNAL);
    m.mutable_refused()->set_message("connection lost: " + what);
    p.set_value(m);
  }
  pending_.clear();
}

void RpcConn::on_message(const std::string& payload) {
  pb::ServerMessage m;
  if (!m.ParseFromString(payload)) return;
  const std::int64_t t = now_ns();
  if (m.request_id() == 0) {
    if (on_push) on_push(m, t);
    return;
  }
  if (m.request_id() == 1) {
    if (m.has_hello_ok()) {
      conn_->send_here(frame_of(client::login_message(2, role_, "", secret_)));
      return;
    }
  }
  if (m.request_id() <= 2) {
    std::lock_guard lock(mu_);
    if (login_done_) return;
    login_done_ = true;
    login_.set_value(m.has_login_ok() ? std::string()
                     : m.has_refused() ? refusal_text(m.refused())
                                       : std::string("unexpected answer to Hello/Login"));
    return;
  }
  std::lock_guard lock(mu_);
  auto it = pending_.find(m.request_id());
  if (it == pending_.end()) return;
  it->second.set_value(std::move(m));
  pending_.erase(it);
}

std::future<pb::ServerMessage> RpcConn::request(pb::ClientMessage m) {
  std::promise<pb::ServerMessage> p;
  auto f = p.get_future();
  {
    std::lock_guard lock(mu_);
    m.set_request_id(next_++);
    if (!lost_.empty()) {
      pb::ServerMessage a;
      a.mutable_refused()->set_kind(pb::INTERNAL);
      a.mutable_refused()->set_message("connection lost: " + lost_);
      p.set_value(a);
      return f;
    }
    pending_.emplace(m.request_id(), std::move(p));
  }
  last_send_.store(now_ns());
  conn_->send(frame_of(m));
  return f;
}

void RpcConn::ping_if_idle(std::int64_t idle_ns) {
  if (now_ns() - last_send_.load() < idle_ns) return;
  {
    std::lock_guard lock(mu_);
    if (!login_done_ || !lost_.empty()) return;
  }
  pb::ClientMessage m;
  m.mutable_ping();
  request(std::move(m));  // the Pong is not waited for
}

pb::ServerMessage RpcConn::call(pb::ClientMessage m, double timeout_s) {
  auto f = request(std::move(m));
  if (f.wait_for(std::chrono::duration<double>(timeout_s)) != std::future_status::ready) {
    pb::ServerMessage a;
    a.mutable_refused()->set_kind(pb::INTERNAL);
    a.mutable_refused()->set_message(fmt::format("no answer within {} s", timeout_s));
    return a;
  }
  return f.get();
}

std::vector<pb::ServerMessage> run_commands(RpcConn& clerk, const std::vector<pb::Command>& commands, int window,
                                            double timeout_s, const std::function<void(std::size_t)>& progress) {
  std::vector<pb::ServerMessage> out;
  std::deque<std::future<pb::ServerMessage>> inflight;
  std::size_t next = 0;
  const auto deadline = Clock::now() + std::chrono::duration<double>(timeout_s);
  auto last_progress = Clock::now();
  while (out.size() < commands.size()) {
    while (next < commands.size() && static_cast<int>(inflight.size()) < window) {
      pb::ClientMessage m;
      *m.mutable_command() = commands[next++];
      inflight.push_back(clerk.request(std::move(m)));
    }
    if (inflight.front().wait_until(deadline) != std::future_status::ready) {
      pb::ServerMessage a;
      a.mutable_refused()->set_kind(pb::INTERNAL);
      a.mutable_refused()->set_message(fmt::format("no answer within {} s", timeout_s));
      out.push_back(a);
      return out;
    }
    out.push_back(inflight.front().get());
    inflight.pop_front();
    if (out.back().has_refused()) return out;
    if (progress && Clock::now() - last_progress > std::chrono::seconds(1)) {
      last_progress = Clock::now();
      progress(out.size());
    }
  }
  return out;
}

}  // namespace scrutin::loadgen
