#include "server/hub.hpp"

#include <algorithm>
#include <tuple>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "common/frame.hpp"
#include "proto/convert.hpp"
#include "proto/journal_chain.hpp"
#include "proto/journal_replay.hpp"
#include "server/views.hpp"

namespace scrutin::server {

Frame make_frame(const pb::ServerMessage& message) {
  auto out = std::make_shared<std::string>();
  const std::string payload = message.SerializeAsString();
  append_frame(*out, payload, protocol::kMaxServerFrame);
  return out;
}

namespace {

Millis now_millis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Hub::Hub(asio::io_context& io, Journal& journal, Credentials& credentials)
    : strand_(asio::make_strand(io)),  // the one strand that owns all domain state (see hub.hpp)
      journal_(journal),
      credentials_(credentials),
      last_hash_(genesis_hash()),
      committed_hash_(genesis_hash()),
      room_timer_(strand_) {
  // A commit's answers are run together on the strand: the views of the new
  // durable state are built once, and each tablet gets its receipt and its
  // view in one write.
  journal_.on_commits([this](std::vector<Journal::Done> dones) {
    asio::post(strand_, [this, dones = std::move(dones)]() mutable { answer_commits(dones); });
  });
}

std::expected<void, std::string> Hub::replay(const std::vector<StoredEntry>& stored,
                                             const std::vector<BoxEntry>& box) {
  std::vector<std::string> raw;
  const std::vector<pb::JournalEntry> entries = journal_entries(stored, raw);
  if (auto problem = verify_chain(entries, &raw))
    return std::unexpected(fmt::format("the journal is broken at seq {}: {}", problem->seq, problem->reason));
  // The one replay (proto/journal_replay): each event checked against the state
  // as decide() would, so a journal re-chained after an edit is refused with a
  // sentence, never folded in. Nobody is attached yet: no view to mark dirty.
  auto replayed = replay_journal(entries);
  if (!replayed) return std::unexpected(replayed.error());
  decided_ = *replayed;
  durable_ = std::move(*replayed);
  // The open secret ballot's bulletins, from the ballot box.
  for (const BoxEntry& b : box) {
    pb::Event p;
    std::expected<Event, Error> event = std::unexpected(Error{ErrorCode::InvalidArgument, "illisible"});
    if (p.ParseFromString(b.content)) event = from_pb(p);
    if (!event || !goes_to_ballot_box(*event) || !p.has_secret_choice_cast() || p.secret_choice_cast().item() != b.item)
      return std::unexpected(fmt::format("L'urne du scrutin secret sur le point {} contient un bulletin illisible.", b.item));
    if (auto problem = decided_.check(*event))
      return std::unexpected(fmt::format("L'urne du scrutin secret sur le point {} est refusée : {}", b.item, problem->message));
    decided_.apply(*event);
    durable_.apply(*event);
  }
  if (const Ballot* open = decided_.open_ballot(); open && open->mode == BallotMode::Secret) {
    std::int64_t bulletins = 0;
    for (const auto& [entry, n] : open->secret_box) bulletins += n;
    if (bulletins != static_cast<std::int64_t>(open->secret_voted.size()))
      return std::unexpected(fmt::format(
          "L'urne du scrutin secret sur le point {} contient {} bulletins pour {} votants inscrits au journal.",
          open->item, bulletins, open->secret_voted.size()));
  }
  mirror_ = stored;
  if (!stored.empty()) {
    last_seq_ = committed_seq_ = stored.back().seq;
    last_hash_ = committed_hash_ = stored.back().hash;
  }
  dirty_delegates_.clear();
  all_delegates_dirty_ = false;
  return {};
}

void Hub::journal_health(std::optional<std::string> problem) {
  asio::post(strand_, [this, problem = std::move(problem)] {
    journal_problem_ = problem;
    room_dirty_ = true;  // the clerk's status shows the cause
    schedule_room_view();
  });
}

// A refusal decided against state not yet on disk ("your first vote stands"
// while that first vote waits for its commit) waits like an answer: it must
// never promise what the journal might still lose.
void Hub::refuse_once_durable(const PeerPtr& peer, std::uint64_t request_id, const Error& error) {
  if (undurable_.empty())
    return refuse(peer, request_id, pb::DOMAIN_REFUSED, to_pb(error.code), error.message);
  record({}, {}, [this, peer, request_id, error](std::uint64_t, const std::string&) {
    refuse(peer, request_id, pb::DOMAIN_REFUSED, to_pb(error.code), error.message);
  });
}

bool Hub::refuse_if_unwritable(const PeerPtr& peer, std::uint64_t request_id, const std::vector<Event>& events) {
  // A repeat (no events) is not refused: it waits, like any answer, for what is
  // already queued, which the journal keeps retrying.
  if (!journal_problem_ || events.empty()) return false;
  refuse(peer, request_id, pb::JOURNAL_UNAVAILABLE, pb::CODE_JOURNAL_UNAVAILABLE,
         fmt::format("journal unavailable: {}; nothing was recorded. Try again in a moment; the clerk sees the "
                     "cause in the status.",
                     *journal_problem_));
  return true;
}

// ---- Requests ---------------------------------------------------------------

void Hub::answer(const PeerPtr& peer, pb::ServerMessage& message, std::uint64_t request_id) {
  message.set_request_id(request_id);
  send(peer, make_frame(message), FrameKind::Answer);
}

void Hub::send(const PeerPtr& peer, Frame frame, FrameKind kind) {
  if (!collecting_) return peer->deliver(std::move(frame), kind);
  auto [at, fresh] = outbox_index_.try_emplace(peer->id(), outbox_.size());
  if (fresh) outbox_.emplace_back(peer, std::vector<Outgoing>{});
  outbox_[at->second].second.push_back({std::move(frame), kind});
}

void Hub::flush_outbox() {
  collecting_ = false;
  for (auto& [peer, frames] : outbox_) {
    if (frames.size() == 1) peer->deliver(std::move(frames.front().frame), frames.front().kind);
    else peer->deliver_together(std::move(frames));
  }
  outbox_.clear();
  outbox_index_.clear();
}

void Hub::refuse(const PeerPtr& peer, std::uint64_t request_id, pb::ErrorKind kind, pb::RefusalCode code,
                 std::string message) {
  pb::ServerMessage m;
  auto* r = m.mutable_refused();
  r->set_kind(kind);
  r->set_code(code);
  r->set_message(std::move(message));
  answer(peer, m, request_id);
}

namespace {
pb::Role wire_role(Role role) {
  switch (role) {
    case Role::Delegate: return pb::DELEGATE;
    case Role::Clerk: return pb::CLERK;
    case Role::Display: return pb::DISPLAY;
  }
  return pb::ROLE_NONE;
}
}  // namespace

void Hub::attach(PeerPtr peer, Role role, std::string member, std::uint64_t request_id, std::uint64_t pin_generation,
                 std::string resume_token) {
  asio::post(strand_, [this, peer = std::move(peer), role, member = std::move(member), request_id, pin_generation,
                       resume_token = std::move(resume_token)] {
    if (stopping_)
      return refuse(peer, request_id, pb::SERVER_BUSY, pb::CODE_STOPPING, "The server is stopping; try again shortly.");
    // The PIN was checked on the hashing pool; a reset may have been committed
    // meanwhile (its close_sessions_of already ran, finding no session): the
    // old PIN no longer opens anything. A reset committed after this point
    // closes the session as usual (the new PIN is set before that runs here).
    if (role == Role::Delegate && credentials_.generation(member) != pin_generation) {
      pb::ServerMessage bye;
      auto* r = bye.mutable_refused();
      r->set_kind(pb::BAD_CREDENTIALS);
      r->set_message("Le greffier vient de changer votre code : connectez-vous avec le nouveau code.");
      bye.set_request_id(request_id);
      return peer->deliver(make_frame(bye), FrameKind::Goodbye);
    }
    collecting_ = true;  // LoginOk and the first view leave together
    pb::ServerMessage ok;
    auto* l = ok.mutable_login_ok();
    l->set_role(wire_role(role));
    l->set_member_id(member);
    if (const Member* m = durable_.member(member)) l->set_name(m->name);
    l->set_resume_token(resume_token);
    answer(peer, ok, request_id);

    subscribers_[peer->id()] = Subscriber{peer, role, member};
    pb::ServerMessage first;
    if (role == Role::Delegate) {
      // One device per delegate: signing in on another tablet takes over, and
      // the first one is told why before it is closed.
      auto [first_peer, end] = delegates_.equal_range(member);
      for (auto it = first_peer; it != end;) {
        if (auto sub = subscribers_.find(it->second); sub != subscribers_.end()) {
          if (auto old = sub->second.peer.lock()) {
            pb::ServerMessage bye;
            auto* r = bye.mutable_refused();
            r->set_kind(pb::FORBIDDEN);
            r->set_code(pb::CODE_TAKEN_OVER);
            r->set_message("signed in on another device: this session is closed");
            send(old, make_frame(bye), FrameKind::Goodbye);
          }
          subscribers_.erase(sub);
        }
        it = delegates_.erase(it);
      }
      delegates_.emplace(member, peer->id());
      online_dirty_ = true;
      room_dirty_ = true;  // the clerk sees which tablets are online
      schedule_room_view();
      *first.mutable_delegate_view() = delegate_view(member);
      send(peer, make_frame(first), FrameKind::DelegateView);
    } else {
      watchers_.insert(peer->id());
      *first.mutable_room_view() = room_view();
      send(peer, role == Role::Clerk ? clerk_room_frame(first) : make_frame(first), FrameKind::RoomView);
    }
    flush_outbox();
  });
}

void Hub::logins_failed() {
  asio::post(strand_, [this] {
    room_dirty_ = true;  // coalesced like every room view: a flood of guesses costs one view per 50 ms
    schedule_room_view();
  });
}

void Hub::list_members(PeerPtr peer, std::uint64_t request_id) {
  asio::post(strand_, [this, peer = std::move(peer), request_id] {
    pb::ServerMessage m;
    auto* list = m.mutable_member_list();
    for (const Member& member : durable_.roster()) {
      auto* e = list->add_members();
      e->set_id(member.id);
      e->set_name(member.name);
      e->set_group(member.group);
    }
    answer(peer, m, request_id);
  });
}

void Hub::projector(PeerPtr peer, std::uint64_t request_id, pb::ProjectorShow show) {
  asio::post(strand_, [this, peer = std::move(peer), request_id, show = std::move(show)] {
    projector_ = show;
    room_dirty_ = true;
    schedule_room_view();  // at most 50 ms: the projector follows within 100 ms
    pb::ServerMessage m;
    m.mutable_done()->set_journal_seq(committed_seq_);
    m.mutable_done()->set_journal_head(to_hex(committed_hash_));
    answer(peer, m, request_id);
  });
}

void Hub::close_sessions_of(const std::string& member, const char* reason) {
  auto [b, e] = delegates_.equal_range(member);
  for (auto d = b; d != e; ++d)
    if (auto it = subscribers_.find(d->second); it != subscribers_.end())
      if (auto peer = it->second.peer.lock()) peer->close(reason);
}

void Hub::detach(std::uint64_t peer_id) {
  asio::post(strand_, [this, peer_id] {
    auto it = subscribers_.find(peer_id);
    if (it == subscribers_.end()) return;
    if (it->second.role == Role::Delegate) {
      auto [b, e] = delegates_.equal_range(it->second.member);
      for (auto d = b; d != e; ++d)
        if (d->second == peer_id) {
          delegates_.erase(d);
          break;
        }
      online_dirty_ = true;
      room_dirty_ = true;
      schedule_room_view();
    }
    watchers_.erase(peer_id);
    subscribers_.erase(it);
  });
}

void Hub::command(PeerPtr peer, std::uint64_t request_id, Command cmd, Enrolment enrolment) {
  asio::post(strand_, [this, peer = std::move(peer), request_id, cmd = std::move(cmd),
                       enrolment = std::move(enrolment)]() mutable {
    if (stopping_)
      return refuse(peer, request_id, pb::SERVER_BUSY, pb::CODE_STOPPING, "The server is stopping; try again shortly.");
    auto events = decided_.decide(cmd, now_millis());
    if (!events) return refuse_once_durable(peer, request_id, events.error());
    if (refuse_if_unwritable(peer, request_id, *events)) return;
    const bool repeat = events->empty();
    if (repeat) enrolment = {};
    After done = [this, peer, request_id, repeat, pins = std::move(enrolment.issued)](std::uint64_t seq,
                                                                                const std::string& head) {
      pb::ServerMessage m;
      auto* d = m.mutable_done();
      d->set_repeat(repeat);
      d->set_journal_seq(seq);
      d->set_journal_head(to_hex(head));
      for (const IssuedPin& p : pins) {
        auto* out = d->add_pins();
        out->set_member_id(p.member_id);
        out->set_name(p.name);
        out->set_pin(p.pin);
      }
      answer(peer, m, request_id);
    };
    // A vote the clerk enters in a secret ballot goes to the ballot box like a tablet's (record()).
    record(*events, std::move(enrolment.stored), std::move(done));
  });
}

void Hub::vote(PeerPtr peer, std::uint64_t request_id, cmd::CastVote vote) {
  asio::post(strand_, [this, peer = std::move(peer), request_id, vote = std::move(vote)] {
    if (stopping_)
      return refuse(peer, request_id, pb::SERVER_BUSY, pb::CODE_STOPPING, "The server is stopping; try again shortly.");
    auto events = decided_.decide(Command{vote}, now_millis());
    if (!events) return refuse_once_durable(peer, request_id, events.error());
    if (refuse_if_unwritable(peer, request_id, *events)) return;
    if (refuse_if_changing_too_often(peer, request_id, *events)) return;
    const bool repeat = events->empty();
    After receipt = [this, peer, request_id, repeat, vote](std::uint64_t seq, const std::string& head) {
      pb::ServerMessage m;
      auto* r = m.mutable_receipt();
      r->set_item(vote.item);
      r->set_voice(vote.voice);
      r->set_choice(to_pb(vote.choice));
      if (vote.paper) *r->mutable_paper() = to_pb(*vote.paper);  // an election's ballot, as recorded
      r->set_repeat(repeat);
      r->set_journal_seq(seq);
      r->set_journal_head(to_hex(head));
      answer(peer, m, request_id);
    };
    record(*events, {}, std::move(receipt));
  });
}

// A voice may change its vote (where the ballot allows it), but not without
// bound: each change is a journal event and a receipt, and a tablet looping on
// changes would fill the journal and slow every other voice.
bool Hub::refuse_if_changing_too_often(const PeerPtr& peer, std::uint64_t request_id,
                                       const std::vector<Event>& events) {
  if (events.size() != 1) return false;
  const auto* cast = std::get_if<ev::VoteCast>(&events.front());
  if (!cast) return false;
  const Ballot* b = decided_.ballot(cast->item);
  if (!b || !b->casts.contains(cast->voice)) return false;  // a first vote is never limited
  const auto now = std::chrono::steady_clock::now();
  ChangeBudget& budget = changes_[cast->voice];
  if (budget.item != cast->item) budget = ChangeBudget{cast->item};
  std::erase_if(budget.recent, [&](auto t) { return now - t >= std::chrono::seconds(1); });
  const bool too_many = budget.count >= kMaxChangesPerBallot;
  if (too_many || static_cast<int>(budget.recent.size()) >= kMaxChangesPerSecond) {
    refuse(peer, request_id, pb::DOMAIN_REFUSED, pb::CODE_TOO_MANY_CHANGES,
           too_many ? fmt::format("{} has changed this vote {} times on item {}: the vote stands as it is.",
                                  cast->voice, budget.count, cast->item)
                    : fmt::format("Too many changes of {}'s vote at once; wait a second and try again.", cast->voice));
    return true;
  }
  ++budget.count;
  budget.recent.push_back(now);
  return false;
}

void Hub::fetch_journal(PeerPtr peer, std::uint64_t request_id, std::uint64_t from_seq, std::uint32_t max_entries) {
  asio::post(strand_, [this, peer = std::move(peer), request_id, from_seq, max_entries] {
    pb::ServerMessage m;
    auto* page = m.mutable_journal_page();
    page->set_head_seq(committed_seq_);
    const std::uint32_t max = max_entries ? max_entries : protocol::kJournalPageEntries;
    std::uint64_t seq = std::max<std::uint64_t>(from_seq, 1);
    std::size_t bytes = 0;
    for (; seq <= committed_seq_ && static_cast<std::uint32_t>(page->entries_size()) < max; ++seq) {
      const StoredEntry& s = mirror_[seq - 1];
      if (page->entries_size() > 0 && bytes + s.event.size() + 128 > protocol::kJournalPageBytes) break;
      bytes += s.event.size() + 128;
      auto* e = page->add_entries();
      e->set_seq(s.seq);
      e->mutable_event()->ParseFromString(s.event);
      e->set_prev_hash(s.prev_hash);
      e->set_hash(s.hash);
    }
    page->set_done(seq > committed_seq_);
    answer(peer, m, request_id);
  });
}

void Hub::stop() {
  asio::post(strand_, [this] { drain(); });
}

void Hub::drain() {
  stopping_ = true;
  room_timer_.cancel();
}

// ---- Journalling ---------------------------------------------------------------

void Hub::record(const std::vector<Event>& events, std::vector<Credential> creds, After after) {
  for (const Event& e : events) {
    decided_.apply(e);
    // A new ballot on an item (or its cancellation) starts every voice's change budget afresh.
    if (std::holds_alternative<ev::BallotOpened>(e) || std::holds_alternative<ev::BallotCancelled>(e)) changes_.clear();
  }
  journal_applied(events, std::move(creds), std::move(after));
}

void Hub::journal_applied(const std::vector<Event>& events, std::vector<Credential> creds, After after) {
  std::vector<StoredEntry> batch;
  BallotBoxChange box;
  batch.reserve(events.size());
  for (const Event& e : events) {
    // A secret ballot's bulletin goes to the ballot box, not the chain: no
    // sequence, no time, written in the same commit as its "who voted" entry
    // (decided just before it), whose sequence it waits on.
    if (goes_to_ballot_box(e)) {
      box.put.push_back(BoxEntry{{}, std::get<ev::SecretChoiceCast>(e).item, event_bytes(to_pb(e))});
      undurable_.emplace_back(last_seq_, e);
      continue;
    }
    if (const auto* seal = std::get_if<ev::SecretBoxSealed>(&e)) box.empty_items.push_back(seal->item);
    StoredEntry s;
    s.seq = ++last_seq_;
    s.event = event_bytes(to_pb(e));
    s.prev_hash = last_hash_;
    s.hash = chain_hash(s.prev_hash, s.seq, s.event);
    last_hash_ = s.hash;
    mirror_.push_back(s);
    undurable_.emplace_back(s.seq, e);
    batch.push_back(std::move(s));
  }
  // An empty batch (a repeat) still waits for the commits before it, so its
  // answer is never ahead of the disk.
  const std::uint64_t seq = last_seq_;
  std::string head = last_hash_;
  journal_.append(std::move(batch), creds, std::move(box),
                  [this, seq, head = std::move(head), creds, after = std::move(after)]() mutable {
                    // On the strand (answer_commits): the batch and all before it are durable.
                    for (const Credential& c : creds) credentials_.set(c.member_id, c.hash);
                    durable_answers_.push_back({seq, std::move(head), std::move(after)});
                  });
}

// One commit's answers, in one turn of the strand. The durable state catches
// up to the last of them first, and the views it changed go out before the
// answers: a tablet's receipt never arrives ahead of the view showing its vote.
void Hub::answer_commits(std::vector<Journal::Done>& dones) {
  collecting_ = true;
  for (Journal::Done& done : dones) done();  // appends in strand order: the last holds the highest seq
  if (!durable_answers_.empty()) {
    committed(durable_answers_.back().seq, durable_answers_.back().head);
    for (DurableAnswer& d : durable_answers_) d.after(d.seq, d.head);
    durable_answers_.clear();
  }
  flush_outbox();
}

void Hub::committed(std::uint64_t seq, std::string head) {
  if (seq <= committed_seq_) return;  // a repeat's answer: nothing new on disk
  committed_seq_ = seq;
  committed_hash_ = std::move(head);
  while (!undurable_.empty() && undurable_.front().first <= seq) {
    track(undurable_.front().second);
    durable_.apply(undurable_.front().second);
    undurable_.pop_front();
  }
  room_dirty_ = true;
  notify_delegates();
  schedule_room_view();
}

// Which views an event changes; called before the event is applied to durable_.
void Hub::track(const Event& event) {
  std::visit(
      [this](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, ev::BallotOpened> || std::is_same_v<T, ev::BallotClosed> ||
                      std::is_same_v<T, ev::BallotCancelled>) {
          projector_ = pb::ProjectorShow{};  // unattended default: the room sees the vote and its result
          all_delegates_dirty_ = true;
        } else if constexpr (std::is_same_v<T, ev::VoteCast>) {
          dirty_delegates_.insert(e.cast.by);
          if (const Ballot* b = durable_.ballot(e.item))
            if (auto it = b->voices.find(e.voice); it != b->voices.end()) dirty_delegates_.insert(it->second);
        } else if constexpr (std::is_same_v<T, ev::SecretVoteCast>) {
          dirty_delegates_.insert(e.by);
          if (const Ballot* b = durable_.ballot(e.item))
            if (auto it = b->voices.find(e.voice); it != b->voices.end()) dirty_delegates_.insert(it->second);
        } else if constexpr (std::is_same_v<T, ev::MemberArrived> || std::is_same_v<T, ev::MemberLeft>) {
          dirty_delegates_.insert(e.member);
        } else if constexpr (std::is_same_v<T, ev::MemberAdded>) {
          dirty_delegates_.insert(e.member.id);
        } else if constexpr (std::is_same_v<T, ev::ProxyRegistered>) {  // "vous avez donné pouvoir à …"
          dirty_delegates_.insert(e.proxy.mandant);
        } else if constexpr (std::is_same_v<T, ev::ProxyRevoked>) {
          dirty_delegates_.insert(e.mandant);
        } else if constexpr (std::is_same_v<T, ev::ConflictDeclared>) {  // "vous ne prenez pas part à ce vote"
          dirty_delegates_.insert(e.member);
        } else if constexpr (std::is_same_v<T, ev::ItemAdded> || std::is_same_v<T, ev::ItemEdited> ||
                             std::is_same_v<T, ev::ItemRemoved> || std::is_same_v<T, ev::DesignatedWithoutBallot>) {  // the agenda every tablet shows between ballots
          all_delegates_dirty_ = true;
        } else if constexpr (std::is_same_v<T, ev::MemberEdited>) {
          dirty_delegates_.insert(e.member.id);
        } else if constexpr (std::is_same_v<T, ev::PinReset>) {
          close_sessions_of(e.member, "PIN reset by the clerk");
        } else if constexpr (std::is_same_v<T, ev::MemberRemoved>) {
          close_sessions_of(e.member, "member removed from the roster");
        }
      },
      event);
  room_dirty_ = true;
}

// ---- Views -------------------------------------------------------------------------

void Hub::notify_delegates() {
  auto push = [this](const std::string& member, std::uint64_t peer_id) {
    auto it = subscribers_.find(peer_id);
    if (it == subscribers_.end()) return;
    auto peer = it->second.peer.lock();
    if (!peer) return;
    pb::ServerMessage m;
    *m.mutable_delegate_view() = delegate_view(member);
    send(peer, make_frame(m), FrameKind::DelegateView);
  };
  if (std::exchange(all_delegates_dirty_, false)) {
    for (const auto& [member, peer_id] : delegates_) push(member, peer_id);
  } else {
    for (const std::string& member : dirty_delegates_) {
      auto [b, e] = delegates_.equal_range(member);
      for (auto d = b; d != e; ++d) push(d->first, d->second);
    }
  }
  dirty_delegates_.clear();
}

void Hub::schedule_room_view() {
  if (!room_dirty_ || room_timer_pending_ || stopping_) return;
  const auto due = last_room_view_ + protocol::kRoomViewInterval;
  room_timer_pending_ = true;
  room_timer_.expires_at(std::max(due, std::chrono::steady_clock::now()));
  room_timer_.async_wait([this](const boost::system::error_code& ec) {
    room_timer_pending_ = false;
    if (ec || stopping_) return;
    send_room_view();
  });
}

void Hub::send_room_view() {
  room_dirty_ = false;
  pb::ServerMessage m;
  *m.mutable_room_view() = room_view();
  const Frame for_displays = make_frame(m);  // serialized once for every display
  Frame for_clerks;  // the clerk also sees who is guessing and who is online; the projector does not
  for (std::uint64_t id : watchers_)
    if (auto it = subscribers_.find(id); it != subscribers_.end())
      if (auto peer = it->second.peer.lock()) {
        if (it->second.role == Role::Clerk && !for_clerks) for_clerks = clerk_room_frame(m);
        send(peer, it->second.role == Role::Clerk ? for_clerks : for_displays, FrameKind::RoomView);
      }
  // The interval counts from the last delivery, not from the start of this one:
  // a view slow to build under load never lets the next follow it closely.
  last_room_view_ = std::chrono::steady_clock::now();
}

void Hub::add_failed_logins(pb::RoomView& view) const {
  if (!login_guard_) return;
  for (const auto& r : login_guard_->report()) {
    auto* f = view.add_failed_logins();
    f->set_source(r.source);
    f->set_failures(r.failures);
  }
}

// The display's view with the clerk's parts appended as bytes: a protobuf
// parser merges a message field that comes twice, so the repeated fields of
// the later parts join the view's. The online list is serialized only when a
// tablet came or went.
Frame Hub::clerk_room_frame(const pb::ServerMessage& for_displays) {
  if (online_dirty_) {
    pb::ServerMessage online;
    auto* view = online.mutable_room_view();
    const std::string* last = nullptr;
    for (const auto& [member, peer_id] : delegates_)  // sorted by member: one entry per member
      if (!last || *last != member) {
        view->add_online_members(member);
        last = &member;
      }
    online_bytes_ = online.SerializeAsString();
    online_dirty_ = false;
  }
  pb::ServerMessage failed;
  add_failed_logins(*failed.mutable_room_view());
  std::string payload = for_displays.SerializeAsString();
  payload += failed.SerializeAsString();
  payload += online_bytes_;
  auto out = std::make_shared<std::string>();
  append_frame(*out, payload, protocol::kMaxServerFrame);
  return out;
}

const pb::BallotView& Hub::shared_ballot_view() const {
  if (ballot_cache_seq_ != durable_.events_applied() || !ballot_cache_) {
    ballot_cache_ = ballot_view(durable_);
    ballot_cache_seq_ = durable_.events_applied();
  }
  return *ballot_cache_;
}

pb::DelegateView Hub::delegate_view(const std::string& member) const {
  return server::delegate_view(durable_, member, shared_ballot_view());
}

pb::RoomView Hub::room_view() const {
  pb::RoomView v = server::room_view(durable_);
  *v.mutable_projector() = projector_;
  v.set_journal_seq(committed_seq_);
  v.set_journal_head(to_hex(committed_hash_));
  if (journal_problem_) v.set_journal_problem(*journal_problem_);
  if (rollback_) v.set_journal_rollback(*rollback_);
  return v;
}

}  // namespace scrutin::server
