// The session as a deterministic state machine:
//   decide(state, command, now) -> events | Error   (never changes the state)
//   state.apply(event)                              (the fold; never fails)
// No sockets, clocks, files or UI: the server journals the events and the
// tests drive this directly.
#pragma once

#include <expected>
#include <optional>
#include <map>
#include <set>
#include <vector>

#include "domain/events.hpp"

namespace scrutin {

class Session {
 public:
  // Checks a command and returns the events it produces. An empty vector
  // means "nothing to do" (e.g. the same vote sent twice): not an error.
  std::expected<std::vector<Event>, Error> decide(const Command& command, Millis now) const;

  // Folds one event into the state. Events come from decide() or the journal.
  void apply(const Event& event);

  // decide() then apply() of every event; returns the events.
  std::expected<std::vector<Event>, Error> execute(const Command& command, Millis now);

  static Session replay(const std::vector<Event>& events);

  // Whether `event` could have come from decide() in this state: the same
  // checks, then the same event. A journal is folded only through this
  // (replay_checked, the server's start): an event that breaks an invariant
  // (a member not on the roster, a vote on no open ballot, a quorum of 1/0,
  // a weight beyond kMaxWeight, a tally that is not the count) is refused with
  // a sentence, never folded into a state that crashes later. nullopt: valid.
  std::optional<Error> check(const Event& event) const;
  // check() then apply() of every event; the error names the event (its
  // position from 1, or `first_seq` + index, and its kind).
  static std::expected<Session, Error> replay_checked(const std::vector<Event>& events, std::uint64_t first_seq = 1);
  // The same for one event folded into this state (the server's replay).
  std::expected<void, Error> apply_checked(const Event& event, std::uint64_t seq);

  // ---- Queries -------------------------------------------------------------
  bool configured() const { return configured_; }
  const SessionInfo& info() const { return info_; }
  const RuleSet& rules() const { return rules_; }
  const std::vector<Member>& roster() const { return roster_; }
  const Member* member(const MemberId& id) const;
  int members_in_office() const;
  bool is_present(const MemberId& id) const { return present_.contains(id); }
  const std::set<MemberId>& present() const { return present_; }
  const std::set<MemberId>& excused() const { return excused_; }
  const std::map<MemberId, Proxy>& proxies() const { return proxies_; }  // by mandant
  int proxies_held(const MemberId& holder) const;
  const std::vector<Item>& agenda() const { return agenda_; }
  const Item* item(const ItemId& id) const;
  const std::set<MemberId>& interested(const ItemId& id) const;
  const Ballot* ballot(const ItemId& id) const;
  const Ballot* open_ballot() const;  // at most one ballot is open at a time
  // The ballot last opened, open or closed (the rooms show its result until the
  // next one); none once it is cancelled.
  const Ballot* last_ballot() const;
  const std::vector<CancelledBallot>& cancelled() const { return cancelled_; }  // journal order
  // Who would be where if the item were put to the vote now.
  AttendanceSnapshot attendance_for(const ItemId& item) const;
  std::uint64_t events_applied() const { return events_applied_; }
  // The prefecture's acknowledgement and publication dates of a deliberation
  // (ISO; empty until recorded).
  const PrefectureDates& prefecture_dates(const ItemId& id) const;
  // Elections of persons: the course of an election item (null for a motion).
  const Election* election(const ItemId& id) const;
  const Candidate* candidate(const ItemId& item, const std::string& id) const;
  // Candidates who may be chosen in the next round: declared, not withdrawn, not elected.
  std::vector<std::string> standing(const ItemId& item) const;
  int seats_remaining(const ItemId& item) const;
  // No seat left, the last round held, or a designation without ballot.
  bool election_over(const ItemId& item) const;
  // True when the member was counted in a ballot (open or closed): sitting,
  // represented, holding a voice or interested. Such a member stays on the roster.
  bool took_part(const MemberId& id) const;
  // True when the item has been put to the vote (a ballot open, closed or cancelled).
  bool put_to_vote(const ItemId& id) const;
  // When the member last arrived and left (0: never), for the attendance list.
  Millis arrived_at(const MemberId& id) const;
  Millis left_at(const MemberId& id) const;

  bool operator==(const Session&) const = default;

 private:
  using Result = std::expected<std::vector<Event>, Error>;
  // decide() without the rules that apply only to new commands (a journal
  // recorded before them still replays): what check() compares against.
  Result decide_checked(const Command& command, Millis now) const;
  Result decide_(const cmd::ConfigureSession&, Millis) const;
  Result decide_(const cmd::ImportRoster&, Millis) const;
  Result decide_(const cmd::CheckIn&, Millis) const;
  Result decide_(const cmd::CheckOut&, Millis) const;
  Result decide_(const cmd::ExcuseAbsence&, Millis) const;
  Result decide_(const cmd::RegisterProxy&, Millis) const;
  Result decide_(const cmd::RevokeProxy&, Millis) const;
  Result decide_(const cmd::AddItem&, Millis) const;
  Result decide_(const cmd::DeclareConflict&, Millis) const;
  Result decide_(const cmd::OpenBallot&, Millis) const;
  Result decide_(const cmd::CastVote&, Millis) const;
  Result decide_(const cmd::CloseBallot&, Millis) const;
  Result decide_(const cmd::RecordPrefectureDates&, Millis) const;
  Result decide_(const cmd::CancelBallot&, Millis) const;
  Result decide_(const cmd::ReconveneSession&, Millis) const;
  Result decide_(const cmd::AddCandidate&, Millis) const;
  Result decide_(const cmd::WithdrawCandidate&, Millis) const;
  Result decide_(const cmd::DesignateWithoutBallot&, Millis) const;
  Result decide_election_vote(const cmd::CastVote&, const Ballot&, const MemberId& holder, Millis) const;
  Result decide_(const cmd::EditMember&, Millis) const;
  Result decide_(const cmd::RemoveMember&, Millis) const;
  Result decide_(const cmd::EditItem&, Millis) const;
  Result decide_(const cmd::RemoveItem&, Millis) const;
  Result decide_(const cmd::ResetPin&, Millis) const;

  void apply_(const ev::SessionConfigured&);
  void apply_(const ev::MemberAdded&);
  void apply_(const ev::MemberArrived&);
  void apply_(const ev::MemberLeft&);
  void apply_(const ev::AbsenceExcused&);
  void apply_(const ev::ProxyRegistered&);
  void apply_(const ev::ProxyRevoked&);
  void apply_(const ev::ItemAdded&);
  void apply_(const ev::ConflictDeclared&);
  void apply_(const ev::BallotOpened&);
  void apply_(const ev::VoteCast&);
  void apply_(const ev::SecretVoteCast&);
  void apply_(const ev::SecretChoiceCast&);
  void apply_(const ev::BallotClosed&);
  void apply_(const ev::PrefectureDatesRecorded&);
  void apply_(const ev::BallotCancelled&);
  void apply_(const ev::SessionReconvened&);
  void apply_(const ev::CandidateAdded&);
  void apply_(const ev::CandidateWithdrawn&);
  void apply_(const ev::DesignatedWithoutBallot&);
  void apply_(const ev::MemberEdited&);
  void apply_(const ev::MemberRemoved&);
  void apply_(const ev::ItemEdited&);
  void apply_(const ev::ItemRemoved&);
  void apply_(const ev::PinReset&);
  void apply_(const ev::SecretBoxSealed&);

  // One event against the command that would have produced it.
  std::optional<Error> check_(const ev::SessionConfigured&) const;
  std::optional<Error> check_(const ev::MemberAdded&) const;
  std::optional<Error> check_(const ev::MemberArrived&) const;
  std::optional<Error> check_(const ev::MemberLeft&) const;
  std::optional<Error> check_(const ev::AbsenceExcused&) const;
  std::optional<Error> check_(const ev::ProxyRegistered&) const;
  std::optional<Error> check_(const ev::ProxyRevoked&) const;
  std::optional<Error> check_(const ev::ItemAdded&) const;
  std::optional<Error> check_(const ev::ConflictDeclared&) const;
  std::optional<Error> check_(const ev::BallotOpened&) const;
  std::optional<Error> check_(const ev::VoteCast&) const;
  std::optional<Error> check_(const ev::SecretVoteCast&) const;
  std::optional<Error> check_(const ev::SecretChoiceCast&) const;
  std::optional<Error> check_(const ev::SecretBoxSealed&) const;
  std::optional<Error> check_(const ev::BallotClosed&) const;
  std::optional<Error> check_(const ev::PrefectureDatesRecorded&) const;
  std::optional<Error> check_(const ev::BallotCancelled&) const;
  std::optional<Error> check_(const ev::SessionReconvened&) const;
  std::optional<Error> check_(const ev::CandidateAdded&) const;
  std::optional<Error> check_(const ev::CandidateWithdrawn&) const;
  std::optional<Error> check_(const ev::DesignatedWithoutBallot&) const;
  std::optional<Error> check_(const ev::MemberEdited&) const;
  std::optional<Error> check_(const ev::MemberRemoved&) const;
  std::optional<Error> check_(const ev::ItemEdited&) const;
  std::optional<Error> check_(const ev::ItemRemoved&) const;
  std::optional<Error> check_(const ev::PinReset&) const;
  // decide(command) must end with exactly `event`.
  std::optional<Error> check_produces(const Command& command, Millis at, const Event& event) const;
  // The sealed contents of a secret ballot (sorted), when the box is to be sealed.
  std::vector<Event> seal_if_secret(const Ballot& ballot) const;
  // What is wrong with a bulletin's paper for its ballot (replay), if anything.
  std::optional<std::string> paper_problem_in(const Ballot& ballot, const ev::SecretChoiceCast& bulletin) const;

  std::int64_t weight_of(const MemberId& id) const;
  const Member* sitting_substitute_for(const MemberId& titular) const;

  bool configured_ = false;
  SessionInfo info_;
  RuleSet rules_;
  std::vector<Member> roster_;                // import order = register order
  std::map<MemberId, std::size_t> index_;     // id -> position in roster_
  std::set<MemberId> present_;
  std::set<MemberId> excused_;
  std::map<MemberId, Proxy> proxies_;         // by mandant
  std::vector<Item> agenda_;
  std::map<ItemId, std::set<MemberId>> interested_;
  std::map<ItemId, Ballot> ballots_;
  std::map<ItemId, PrefectureDates> prefecture_dates_;
  std::vector<CancelledBallot> cancelled_;     // a cancelled ballot is erased from ballots_
  ItemId last_ballot_;                         // the item of the ballot last opened; empty once cancelled
  std::map<ItemId, Election> elections_;       // ballots_ holds an election's latest round
  std::map<MemberId, std::pair<Millis, Millis>> movements_;  // last arrival, last departure
  std::uint64_t events_applied_ = 0;
};

// Quorum and majority arithmetic, exposed for the tests and the displays.
int quorum_required(const RuleSet& rules, int in_office);
Tally count(const Session& session, const Ballot& ballot);
Outcome decide_outcome(const RuleSet& rules, const Ballot& ballot, const Tally& tally,
                       const MemberId& president);

const char* to_string(Choice choice);
const char* to_string(BallotMode mode);

}  // namespace scrutin
