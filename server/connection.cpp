#include "server/connection.hpp"

#include <openssl/crypto.h>

#include <algorithm>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "proto/convert.hpp"
#include "scrutin/version.hpp"

namespace scrutin::server {

namespace {

Role hub_role(pb::Role role) {
  switch (role) {
    case pb::DELEGATE: return Role::Delegate;
    case pb::CLERK: return Role::Clerk;
    default: return Role::Display;  // on_login admits only these three
  }
}

// The secret a login gives, for the guard (the passphrase is the costly one to check).
LoginGuard::Secret guarded(const pb::Login& login) {
  switch (login.role()) {
    case pb::CLERK: return LoginGuard::Secret::Passphrase;
    case pb::DISPLAY: return LoginGuard::Secret::DisplayToken;
    default: return LoginGuard::Secret::Pin;
  }
}

bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

Connection::Connection(asio::ip::tcp::socket socket, asio::ssl::context& tls, Hub& hub, const Secrets& secrets,
                       std::uint64_t id)
    : stream_(std::move(socket), tls.native_handle()),
      strand_(stream_.get_executor()),
      hub_(hub),
      secrets_(secrets),
      id_(id),
      idle_timer_(strand_),
      throttle_timer_(strand_) {
  boost::system::error_code ec;
  auto ep = stream_.lowest_layer().remote_endpoint(ec);
  address_ = ec ? "?" : ep.address().to_string();
  peer_ = ec ? "?" : fmt::format("{}:{}", address_, ep.port());
}

Connection::~Connection() {
  if (on_gone) on_gone();  // a connection destroyed without do_close()
}

void Connection::start() {
  asio::post(strand_, [self = shared_from_this()] {
    spdlog::info("conn {} {}: connected", self->id_, self->peer_);
    self->last_read_ = self->connected_at_ = std::chrono::steady_clock::now();
    self->arm_idle_timer();
    self->stream_.async_handshake([self](const boost::system::error_code& ec) {
      if (ec) {
        spdlog::info("conn {} {}: TLS handshake failed: {}", self->id_, self->peer_, ec.message());
        return self->do_close("handshake failed");
      }
      if (self->state_ != State::Handshake) return;
      self->state_ = State::AwaitHello;
      self->read();
    });
  });
}

void Connection::close(const char* reason) {
  asio::post(strand_, [self = shared_from_this(), reason] { self->do_close(reason); });
}

void Connection::do_close(const char* reason) {
  if (state_ == State::Closing) return;
  state_ = State::Closing;
  spdlog::info("conn {} {}: closed ({})", id_, peer_, reason);
  // Counted out of its address now, not when the last answer waiting for the
  // journal lets the object go: reconnecting tablets must not fill the cap.
  if (auto gone = std::exchange(on_gone, nullptr)) gone();
  if (attached_) hub_.detach(id_);
  idle_timer_.cancel();
  throttle_timer_.cancel();
  stream_.close();
  queue_.clear();
}

// One timer for three deadlines: silence, logging in, finishing a started frame.
void Connection::arm_idle_timer() {
  auto due = last_read_ + secrets_.idle_timeout;
  if (state_ != State::LoggedIn) due = std::min(due, connected_at_ + secrets_.login_deadline);
  if (frame_started_) due = std::min(due, *frame_started_ + secrets_.frame_deadline);
  idle_timer_.expires_at(due);
  idle_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (ec || self->state_ == State::Closing) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - self->last_read_ >= self->secrets_.idle_timeout) return self->do_close("silent for too long");
    if (self->state_ != State::LoggedIn && now - self->connected_at_ >= self->secrets_.login_deadline)
      return self->do_close("did not log in in time");
    if (self->frame_started_ && now - *self->frame_started_ >= self->secrets_.frame_deadline)
      return self->do_close("a frame was not finished in time");
    self->arm_idle_timer();
  });
}

void Connection::read() {
  stream_.async_read_some([self = shared_from_this()](const boost::system::error_code& ec, std::string_view bytes) {
    if (self->state_ == State::Closing) return;
    if (ec) return self->do_close(ec == asio::error::eof ? "peer closed" : "read error");
    self->last_read_ = std::chrono::steady_clock::now();
    self->reader_.feed(bytes);
    self->process();
  });
}

void Connection::process() {
  // Frames in order; a login being checked holds the ones after it.
  bool took_frame = false;
  while (state_ != State::Closing && !close_after_write_ && !login_pending_ && reader_.next(payload_)) {
    on_frame(payload_);
    took_frame = true;
  }
  if (took_frame || login_pending_) frame_started_.reset();  // what is left starts a new frame now
  if (state_ == State::Closing || close_after_write_ || login_pending_) return;
  if (reader_.error() != FrameError::None) {
    spdlog::warn("conn {} {}: bad frame ({})", id_, peer_, to_string(reader_.error()));
    return refuse(0, pb::BAD_FRAME, fmt::format("Bad frame: {}. Closing the connection.", to_string(reader_.error())),
                  true);
  }
  // A frame begun and not finished has frame_deadline to arrive whole.
  if (reader_.buffered() == 0) {
    frame_started_.reset();
  } else if (!frame_started_) {
    frame_started_ = std::chrono::steady_clock::now();
    arm_idle_timer();  // the frame's deadline may be the nearest (expires_at cancels the pending wait)
  }
  read();
}

void Connection::on_frame(const std::string& payload) {
  pb::ClientMessage m;
  if (!m.ParseFromString(payload)) {
    spdlog::warn("conn {} {}: a frame that is not a ClientMessage", id_, peer_);
    return refuse(0, pb::BAD_FRAME, "The frame is not a ClientMessage. Closing the connection.", true);
  }
  const std::uint64_t rid = m.request_id();

  if (state_ == State::AwaitHello) {
    if (m.body_case() != pb::ClientMessage::kHello)
      return refuse(rid, pb::NOT_LOGGED_IN, "Say Hello first. Closing the connection.", true);
    if (m.hello().protocol_version() != protocol::kVersion)
      return refuse(rid, pb::VERSION_MISMATCH,
                    fmt::format("This server speaks protocol version {}; the client speaks version {}. "
                                "Update the client or the server.",
                                protocol::kVersion, m.hello().protocol_version()),
                    true);
    std::string client = m.hello().client().substr(0, 64);  // into the log: short, one line
    std::ranges::replace_if(client, [](char c) { return static_cast<unsigned char>(c) < 0x20; }, '?');
    spdlog::info("conn {} {}: hello from '{}'", id_, peer_, client);
    state_ = State::AwaitLogin;
    pb::ServerMessage ok;
    ok.mutable_hello_ok()->set_protocol_version(protocol::kVersion);
    ok.mutable_hello_ok()->set_server_version(kVersion);
    return send(ok, rid);
  }

  switch (m.body_case()) {
    case pb::ClientMessage::kPing: {
      pb::ServerMessage pong;
      pong.mutable_pong();
      return send(pong, rid);
    }
    case pb::ClientMessage::kHello:
      return refuse(rid, pb::UNKNOWN_MESSAGE, "Hello was already said on this connection.");
    case pb::ClientMessage::kLogin:
      if (state_ == State::LoggedIn) return refuse(rid, pb::FORBIDDEN, "Already logged in on this connection.");
      return on_login(rid, m.login());
    case pb::ClientMessage::kListMembers:  // before login too: a tablet's list of names to sign in with
      if (in_flight_ >= protocol::kMaxInFlight)
        return refuse(rid, pb::SERVER_BUSY, "Too many requests at once; wait for the answers.");
      ++in_flight_;
      return hub_.list_members(shared_from_this(), rid);
    case pb::ClientMessage::BODY_NOT_SET:
      return refuse(rid, pb::UNKNOWN_MESSAGE, "Unknown message: this server does not know it.");
    default:
      break;
  }
  if (state_ != State::LoggedIn) return refuse(rid, pb::NOT_LOGGED_IN, "Log in first.");
  if (in_flight_ >= protocol::kMaxInFlight)
    return refuse(rid, pb::SERVER_BUSY, "Too many requests at once; wait for the answers.");

  auto self = shared_from_this();
  switch (m.body_case()) {
    case pb::ClientMessage::kCommand: {
      if (role_ != pb::CLERK) return refuse(rid, pb::FORBIDDEN, "Only the clerk may send commands.");
      auto command = from_pb(m.command());
      if (!command)
        return refuse(rid, pb::DOMAIN_REFUSED, command.error().message, false, to_pb(command.error().code));
      // Who acts comes from the session's role, never from the wire: a vote the
      // clerk sends is the clerk's entry for a member, marked so in the record.
      if (auto* vote = std::get_if<cmd::CastVote>(&*command)) {
        vote->by_clerk = true;
        vote->by.clear();
      }
      // A roster's PINs are made and hashed here, on the connection's thread,
      // so that the hub's strand never spends time on PBKDF2.
      Enrolment enrolment = enrolment_for(*command);
      ++in_flight_;
      if (const auto* field = pb::Command::descriptor()->FindFieldByNumber(static_cast<int>(m.command().kind_case())))
        spdlog::info("conn {} {}: command {}", id_, peer_, field->name());
      return hub_.command(self, rid, std::move(*command), std::move(enrolment));
    }
    case pb::ClientMessage::kVote:
      if (role_ != pb::DELEGATE) return refuse(rid, pb::FORBIDDEN, "Only a delegate may vote.");
      if (!pb::Choice_IsValid(m.vote().choice()))
        return refuse(rid, pb::DOMAIN_REFUSED,
                      fmt::format("Unknown choice {}: vote pour, contre, abstention or not taking part.",
                                  static_cast<int>(m.vote().choice())),
                      false, pb::CODE_INVALID_ARGUMENT);
      {
        cmd::CastVote cast{m.vote().item(), m.vote().voice(), member_, from_pb(m.vote().choice()), false, std::nullopt};
        if (m.vote().has_paper()) cast.paper = from_pb(m.vote().paper());  // an election's ballot
        ++in_flight_;
        return hub_.vote(self, rid, std::move(cast));
      }
    case pb::ClientMessage::kProjectorShow: {
      if (role_ != pb::CLERK) return refuse(rid, pb::FORBIDDEN, "Only the clerk chooses what the projector shows.");
      const auto& show = m.projector_show();
      if (!pb::ProjectorScreen_IsValid(show.screen()))
        return refuse(rid, pb::DOMAIN_REFUSED, "Unknown projector screen.", false, pb::CODE_INVALID_ARGUMENT);
      if (show.message().size() > protocol::kMaxProjectorMessageBytes)
        return refuse(rid, pb::DOMAIN_REFUSED,
                      fmt::format("Le message du projecteur est trop long : {} caractères au plus.",
                                  protocol::kMaxProjectorMessageBytes),
                      false, pb::CODE_INVALID_ARGUMENT);
      ++in_flight_;
      return hub_.projector(self, rid, show);
    }
    case pb::ClientMessage::kFetchJournal:
      if (role_ != pb::CLERK && role_ != pb::DISPLAY)
        return refuse(rid, pb::FORBIDDEN, "Only the clerk and displays may read the journal.");
      ++in_flight_;
      return hub_.fetch_journal(self, rid, m.fetch_journal().from_seq(), m.fetch_journal().max_entries());
    default:
      return refuse(rid, pb::UNKNOWN_MESSAGE, "Unknown message: this server does not know it.");
  }
}

void Connection::on_login(std::uint64_t rid, const pb::Login& login) {
  if (login.role() != pb::CLERK && login.role() != pb::DELEGATE && login.role() != pb::DISPLAY)
    return refuse(rid, pb::BAD_CREDENTIALS, "Say who you are: delegate, clerk or display.");
  if (login.member_id().size() > protocol::kMaxMemberIdBytes)
    return refuse(rid, pb::BAD_CREDENTIALS, "Unknown member or wrong PIN.");
  // Throttled before any hashing: a guessing source costs no CPU once blocked.
  const auto admission = secrets_.guard->admit(
      address_, login.role() == pb::DELEGATE ? login.member_id() : std::string(), LoginGuard::Clock::now(), guarded(login));
  if (admission.verdict != LoginGuard::Verdict::Try) {
    std::string sentence =
        admission.verdict == LoginGuard::Verdict::SourceBlocked
            ? fmt::format("Too many wrong attempts from this device: try again in {} s.", admission.retry_after.count())
            : fmt::format("Too many wrong PINs for {} from this device: try again in {} s, or ask the clerk.",
                          login.member_id(), admission.retry_after.count());
    // Answered after a second: a guessing loop on one connection costs the
    // server one refusal a second, not thousands (later frames wait meanwhile).
    login_pending_ = true;
    throttle_timer_.expires_after(std::chrono::seconds(1));
    return throttle_timer_.async_wait([self = shared_from_this(), rid, sentence = std::move(sentence)](
                                          const boost::system::error_code&) {
      self->login_pending_ = false;
      if (self->state_ == State::Closing) return;
      self->refuse(rid, pb::LOCKED_OUT, sentence);
      self->process();
    });
  }
  if (login.role() == pb::DISPLAY)
    return on_login_checked(rid, login, same_secret(login.secret(), secrets_.display_token));
  // A tablet coming back shows the token of its last login: one HMAC here,
  // instead of the PIN's slow hash, so that a whole room reconnecting after a
  // Wi-Fi cut logs in at the speed of the TLS handshakes.
  if (login.role() == pb::DELEGATE && !login.resume_token().empty()) {
    if (secrets_.delegates->check_resume(login.member_id(), login.resume_token(), &pin_generation_))
      return on_login_checked(rid, login, true, login.resume_token());
    if (login.secret().empty()) return on_login_checked(rid, login, false);
    // A token that no longer holds (the PIN was reset): the PIN decides.
  }
  // PBKDF2 takes from 1 ms (a PIN) to 100 ms (the passphrase): done on the
  // hashing pools so the network threads keep serving votes meanwhile, and on
  // separate ones so that guessing the passphrase never delays a delegate.
  login_pending_ = true;
  const auto& pool = login.role() == pb::CLERK ? secrets_.clerk_hashing : secrets_.hashing;
  asio::post(pool, [self = shared_from_this(), rid, login] {
    std::uint64_t generation = 0;  // of the PIN checked: Hub::attach refuses it if reset since
    const bool clerk = login.role() == pb::CLERK;
    const bool ok = clerk ? check_secret(login.secret(), self->secrets_.clerk)
                          : self->secrets_.delegates->check(login.member_id(), login.secret(), &generation);
    std::string token = ok && !clerk ? self->secrets_.delegates->resume_token(login.member_id()) : std::string();
    asio::post(self->strand_, [self, rid, login, ok, generation, token = std::move(token)]() mutable {
      self->login_pending_ = false;
      self->pin_generation_ = generation;
      if (self->state_ == State::Closing) {  // the guard still hears how the check ended (nothing stays pending)
        if (ok) return self->secrets_.guard->succeeded(self->address_, guarded(login));
        return self->note_failed_login(login);
      }
      self->on_login_checked(rid, login, ok, std::move(token));
      self->process();
    });
  });
}

void Connection::on_login_checked(std::uint64_t rid, const pb::Login& login, bool ok, std::string resume_token) {
  if (ok) {
    secrets_.guard->succeeded(address_, guarded(login));
    return logged_in(rid, login.role(), login.role() == pb::DELEGATE ? login.member_id() : std::string(),
                     std::move(resume_token));
  }
  note_failed_login(login);
  switch (login.role()) {
    case pb::CLERK: return refuse(rid, pb::BAD_CREDENTIALS, "Wrong passphrase.");
    case pb::DISPLAY: return refuse(rid, pb::BAD_CREDENTIALS, "Wrong display token.");
    default: return refuse(rid, pb::BAD_CREDENTIALS, "Unknown member or wrong PIN.");
  }
}

// One log line per source per minute, not per attempt: a flood of guesses
// cannot fill the disk. The clerk's view lists failures by source.
void Connection::note_failed_login(const pb::Login& login) {
  // A member is counted only when it exists: ids from the wire never grow the guard's memory.
  const bool member = login.role() == pb::DELEGATE && secrets_.delegates->known(login.member_id());
  if (auto n = secrets_.guard->failed(address_, member ? login.member_id() : std::string(), LoginGuard::Clock::now(),
                                     guarded(login)))
    spdlog::warn("login: {} failed attempt(s) from {} since the last line about it (last: {} {})", *n, address_,
                 pb::Role_Name(login.role()), login.member_id());
  hub_.logins_failed();
}

void Connection::logged_in(std::uint64_t rid, pb::Role role, std::string member, std::string resume_token) {
  role_ = role;
  member_ = std::move(member);
  state_ = State::LoggedIn;
  attached_ = true;
  ++in_flight_;  // LoginOk comes from the hub
  spdlog::info("conn {} {}: logged in as {}{}", id_, peer_, pb::Role_Name(role_), member_.empty() ? "" : " " + member_);
  hub_.attach(shared_from_this(), hub_role(role_), member_, rid, pin_generation_, std::move(resume_token));
}

void Connection::refuse(std::uint64_t rid, pb::ErrorKind kind, std::string message, bool then_close,
                        pb::RefusalCode code) {
  pb::ServerMessage m;
  auto* r = m.mutable_refused();
  r->set_kind(kind);
  r->set_code(code);
  r->set_message(std::move(message));
  send(m, rid);
  if (then_close) {
    close_after_write_ = true;
    if (!writing_ && queue_.empty()) do_close("refused");
  }
}

void Connection::send(pb::ServerMessage& message, std::uint64_t rid) {
  message.set_request_id(rid);
  enqueue(make_frame(message), FrameKind::Push);
}

void Connection::deliver(Frame frame, FrameKind kind) {
  asio::post(strand_, [self = shared_from_this(), frame = std::move(frame), kind]() mutable {
    self->take(std::move(frame), kind);
  });
}

void Connection::deliver_together(std::vector<Outgoing> frames) {
  // One turn of the strand enqueues them all, before the write it schedules.
  asio::post(strand_, [self = shared_from_this(), frames = std::move(frames)]() mutable {
    for (Outgoing& f : frames) self->take(std::move(f.frame), f.kind);
  });
}

void Connection::take(Frame frame, FrameKind kind) {
  if (kind == FrameKind::Answer && in_flight_ > 0) --in_flight_;
  if (kind == FrameKind::Goodbye) {
    enqueue(std::move(frame), FrameKind::Push);
    close_after_write_ = true;  // the write scheduled by enqueue closes it
    return;
  }
  enqueue(std::move(frame), kind);
}

void Connection::enqueue(Frame frame, FrameKind kind) {
  if (state_ == State::Closing || state_ == State::Handshake) return;
  if (kind == FrameKind::RoomView || kind == FrameKind::DelegateView) {
    // A newer view replaces a stale one still queued (not yet being written).
    for (auto& q : queue_)
      if (q.kind == kind) {
        q.frame = std::move(frame);
        return;
      }
  }
  if (queue_.size() >= protocol::kMaxQueuedFrames) {
    spdlog::warn("conn {} {}: write queue full ({} frames): closing, the client resyncs on reconnect", id_, peer_,
                 queue_.size());
    return do_close("write queue full");
  }
  queue_.push_back({std::move(frame), kind});
  if (writing_ || write_scheduled_) return;
  // Start the write on the next turn, not now: frames delivered back to back
  // (deliver_together, or a view pushed meanwhile) leave in one TLS write.
  write_scheduled_ = true;
  asio::post(stream_.get_executor(), [self = shared_from_this()] {
    self->write_scheduled_ = false;
    if (!self->writing_ && !self->queue_.empty() && self->state_ != State::Closing) self->write();
  });
}

void Connection::write() {
  // Everything queued goes out in one write: one TLS record and one syscall
  // for a burst of small frames instead of one each.
  write_buffer_.clear();
  while (!queue_.empty()) {
    write_buffer_.append(*queue_.front().frame);
    queue_.pop_front();
  }
  writing_ = true;
  stream_.async_write(write_buffer_, [self = shared_from_this()](const boost::system::error_code& ec) {
    self->writing_ = false;
    if (self->state_ == State::Closing) return;
    if (ec) return self->do_close("write error");
    if (!self->queue_.empty()) return self->write();
    // Idle connections are the norm: they keep no write buffer.
    std::string().swap(self->write_buffer_);
    if (self->close_after_write_) self->do_close("refused");
  });
}

}  // namespace scrutin::server
