// The hub: owns the domain Session and drives it. Every change of domain state
// happens on its one strand; connections hand it requests and get frames back
// through the Peer interface. It journals events (group commit in Journal),
// answers only after the commit that holds the answer's events, and pushes
// views: DelegateView to the delegates concerned, RoomView to displays and the
// clerk, coalesced to at most one every 50 ms.
// Its interface takes domain commands and plain values, never wire messages:
// the Connection converts the wire. What it sends back is built by the pure
// view functions of server/views.hpp.
//
// Two copies of the domain state: `decided_` takes every event as soon as it is
// decided (so the next command is checked against it), `durable_` takes an event
// only once the journal's commit holding it returned. Views and answers come from
// `durable_` alone: nothing is shown or acknowledged before it is on disk.
#pragma once

#include <utility>  // before asio (Boost 1.74)

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <deque>
#include <expected>
#include <functional>
#include <map>
#include <optional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "domain/session.hpp"
#include "proto/protocol.hpp"
#include "server/credentials.hpp"
#include "server/journal.hpp"
#include "server/login_guard.hpp"
#include "server/peer.hpp"

namespace scrutin::server {

namespace asio = boost::asio;

inline constexpr int kMaxChangesPerBallot = 50;  // changes of one voice's vote on one ballot
inline constexpr int kMaxChangesPerSecond = 10;  // ... and within any second

class Hub {
 public:
  Hub(asio::io_context& io, Journal& journal, Credentials& credentials);

  // Start-up, before any connection: checks the chain, then checks and folds
  // each event (Session::check), then the open secret ballot's bulletins.
  std::expected<void, std::string> replay(const std::vector<StoredEntry>& entries,
                                          const std::vector<BoxEntry>& box = {});
  // The journal lost entries it had acknowledged (Journal::rollback): shown to the clerk.
  void set_rollback(std::string sentence) { rollback_ = std::move(sentence); }
  std::uint64_t head_seq() const { return last_seq_; }
  // The assembly's name as configured ("" before), for the LAN announcement; before the strand runs only.
  std::string body_name() const { return durable_.info().body_name; }
  // From the journal's writer thread: commits fail (why) or go through again (nullopt).
  void journal_health(std::optional<std::string> problem);

  using PeerPtr = std::shared_ptr<Peer>;
  // All thread-safe: they post to the strand.
  // A delegate comes with the generation of the PIN it was checked against
  // (Credentials::check): if the clerk reset that PIN since, it is refused.
  // `resume_token`: a delegate's, for its LoginOk (empty for the clerk and displays).
  void attach(PeerPtr peer, Role role, std::string member, std::uint64_t request_id, std::uint64_t pin_generation = 0,
              std::string resume_token = {});
  void detach(std::uint64_t peer_id);
  // The clerk's view lists failed logins by source (read from `guard`).
  void watch_logins(const LoginGuard* guard) { login_guard_ = guard; }
  void logins_failed();  // a login failed: the clerk's view is due
  // A clerk command, already parsed; a roster import comes with its PINs (credentials.hpp).
  void command(PeerPtr peer, std::uint64_t request_id, Command command, Enrolment enrolment = {});
  // A delegate's vote; `vote.by` is the logged-in member, never the wire's word.
  void vote(PeerPtr peer, std::uint64_t request_id, cmd::CastVote vote);
  // A JournalPage of entries from `from_seq` on (0: the protocol's page size).
  void fetch_journal(PeerPtr peer, std::uint64_t request_id, std::uint64_t from_seq, std::uint32_t max_entries);
  void list_members(PeerPtr peer, std::uint64_t request_id);  // MemberList: ids, names, groups (before login)
  // The president's choice of screen for the projector (answered with Done; not journalled).
  void projector(PeerPtr peer, std::uint64_t request_id, pb::ProjectorShow show);
  void stop();   // refuses what comes next; the journal commits what it has
  void drain();  // stop() itself, for the caller that owns the strand (no thread runs the io_context any more)

 private:
  struct Subscriber {
    std::weak_ptr<Peer> peer;
    Role role = Role::Display;
    std::string member;
  };

  // Runs once durable, with the last entry on disk then (seq and chain hash): receipts carry both.
  using After = std::function<void(std::uint64_t seq, const std::string& head)>;
  // Applies and journals events; `after` runs on the strand once they are durable.
  void record(const std::vector<Event>& events, std::vector<Credential> credentials, After after);
  // Journals events already applied (seq, hash chain, group commit).
  void journal_applied(const std::vector<Event>& events, std::vector<Credential> credentials, After after);
  // A domain refusal, sent once everything decided before it is durable.
  void refuse_once_durable(const PeerPtr& peer, std::uint64_t request_id, const Error& error);
  // Refuses a change while the journal cannot write; true when it did.
  bool refuse_if_unwritable(const PeerPtr& peer, std::uint64_t request_id, const std::vector<Event>& events);
  bool refuse_if_changing_too_often(const PeerPtr& peer, std::uint64_t request_id, const std::vector<Event>& events);
  void track(const Event& event);  // what the views need beyond Session's queries; before durable_.apply
  void committed(std::uint64_t seq, std::string head);  // applies to durable_ what is now on disk
  void answer_commits(std::vector<Journal::Done>& dones);  // one commit's answers (Journal::on_commits)
  void notify_delegates();
  void schedule_room_view();
  void send_room_view();

  // The views (server/views.hpp) of the durable state, with what only the hub knows.
  const pb::BallotView& shared_ballot_view() const;  // one per state, shared by every delegate's view
  pb::DelegateView delegate_view(const std::string& member) const;
  pb::RoomView room_view() const;                    // with the journal's head and health
  void add_failed_logins(pb::RoomView& view) const;  // clerks only
  Frame clerk_room_frame(const pb::ServerMessage& for_displays);  // + failed logins and who is online
  void close_sessions_of(const std::string& member, const char* reason);  // a PIN reset, a member removed
  void answer(const PeerPtr& peer, pb::ServerMessage& message, std::uint64_t request_id);
  void refuse(const PeerPtr& peer, std::uint64_t request_id, pb::ErrorKind kind, pb::RefusalCode code,
              std::string message);
  // Every frame the hub sends goes through here. While `collecting_`, frames
  // wait in the outbox and leave per peer in one delivery (flush_outbox): a
  // vote's receipt and the tablet's new view go out in one TLS write.
  void send(const PeerPtr& peer, Frame frame, FrameKind kind);
  void flush_outbox();

  // All domain state changes on this one strand: the Session, the chain head,
  // the journal mirror and the subscriber lists are touched only from here.
  asio::strand<asio::io_context::executor_type> strand_;
  Journal& journal_;
  Credentials& credentials_;
  Session decided_;  // every decided event: commands are checked against this
  Session durable_;  // only what is on disk: every view and answer reads this
  std::deque<std::pair<std::uint64_t, Event>> undurable_;  // decided, not yet on disk (seq, event)
  std::optional<std::string> journal_problem_;  // why commits fail, while they do
  const LoginGuard* login_guard_ = nullptr;
  struct ChangeBudget {
    std::string item;
    int count = 0;
    std::vector<std::chrono::steady_clock::time_point> recent;  // changes within the last second
  };
  std::map<std::string, ChangeBudget> changes_;  // by voice, for the ballot it last changed on

  std::uint64_t last_seq_ = 0;  // assigned (may not be durable yet)
  std::string last_hash_;
  std::uint64_t committed_seq_ = 0;  // durable
  std::string committed_hash_;
  std::vector<StoredEntry> mirror_;  // the journal in memory, for FetchJournal
  bool stopping_ = false;

  pb::ProjectorShow projector_;  // AUTO until the president chooses; back to AUTO when a ballot opens or closes
  std::set<std::string> dirty_delegates_;  // their view changed since last pushed
  mutable std::optional<pb::BallotView> ballot_cache_;
  mutable std::uint64_t ballot_cache_seq_ = 0;
  bool all_delegates_dirty_ = false;

  std::map<std::uint64_t, Subscriber> subscribers_;  // by peer id
  std::multimap<std::string, std::uint64_t> delegates_;  // member -> peer ids
  std::set<std::uint64_t> watchers_;  // displays and clerks: the RoomView goes to these only, not a walk of every tablet

  std::optional<std::string> rollback_;  // set at start when the journal lost its acknowledged tail

  bool collecting_ = false;
  std::vector<std::pair<PeerPtr, std::vector<Outgoing>>> outbox_;
  std::map<std::uint64_t, std::size_t> outbox_index_;  // peer id -> its place in outbox_
  struct DurableAnswer {  // an After whose events one commit made durable
    std::uint64_t seq;
    std::string head;
    After after;
  };
  std::vector<DurableAnswer> durable_answers_;
  // The clerk's list of online tablets, serialized as a ServerMessage holding
  // only RoomView.online_members; rebuilt when a tablet comes or goes, not for
  // each of the twenty views a second (10,000 names each).
  std::string online_bytes_;
  bool online_dirty_ = true;

  asio::steady_timer room_timer_;
  bool room_timer_pending_ = false;
  bool room_dirty_ = false;
  std::chrono::steady_clock::time_point last_room_view_{};
};

}  // namespace scrutin::server
