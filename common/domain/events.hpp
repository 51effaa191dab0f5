// Commands ask; events tell. A command is checked against the state and either
// refused with an Error (nothing changes) or turned into events. The journal
// stores events only, and the state is the fold of the events.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "domain/types.hpp"

namespace scrutin {

// ---- Commands (what the clerk, a tablet or the server asks for) ----------

namespace cmd {
struct ConfigureSession { SessionInfo info; RuleSet rules; };
struct ImportRoster { std::vector<Member> members; };
struct CheckIn { MemberId member; };
struct CheckOut { MemberId member; };
struct ExcuseAbsence { MemberId member; };
struct RegisterProxy { Proxy proxy; };
struct RevokeProxy { MemberId mandant; };
struct AddItem { Item item; };
struct DeclareConflict { ItemId item; MemberId member; };
struct OpenBallot {
  ItemId item;
  BallotMode mode = BallotMode::Public;
  bool allow_change = true;
  std::optional<Fraction> qualified_majority;  // e.g. {2,3}: "at least two thirds"
};
struct CastVote {
  ItemId item;
  MemberId voice;  // whose vote this is (self, or the mandant of a proxy)
  MemberId by;     // who casts it (for a clerk entry: the member who asked the clerk)
  Choice choice = Choice::Pour;
  bool by_clerk = false;
  std::optional<Paper> paper;  // an election's ballot paper (required there, refused on a motion)
};
struct CloseBallot { ItemId item; };
// After the sitting: the prefecture's acknowledgement and the publication of a
// deliberation (ISO dates; an empty one keeps what is recorded).
struct RecordPrefectureDates { ItemId item; std::string received; std::string published; };
// Puts aside a ballot opened by mistake (open, with or without votes).
struct CancelBallot { ItemId item; std::string reason; };
// A sitting on a second convocation after a failed quorum: new date (and
// time), no quorum required; everything else of the session is kept.
struct ReconveneSession { std::string date; std::string time; };
// Elections: candidates come and go between rounds. For a member, only the id
// is needed (name and birth date come from the roster; a birth date given here
// fills a roster that lacks it); a person from outside needs all three.
struct AddCandidate { ItemId item; Candidate candidate; };
struct WithdrawCandidate { ItemId item; std::string candidate; };
// L2121-21: one candidature per seat (or a single list) and the council decides
// unanimously not to vote: the designation takes effect at once.
struct DesignateWithoutBallot { ItemId item; };
// The clerk's corrections. An edit carries every field as it should stand; the
// id names the member or item and does not change.
struct EditMember { Member member; };
struct RemoveMember { MemberId member; };  // never one who took part in a ballot
struct EditItem { Item item; };            // until the item is put to the vote
struct RemoveItem { ItemId item; };        // same
// A new PIN for a member (lost slip, PIN seen by someone else). The server makes
// the PIN; the domain only checks the member and journals that it happened.
struct ResetPin { MemberId member; };
}  // namespace cmd

using Command = std::variant<cmd::ConfigureSession, cmd::ImportRoster, cmd::CheckIn, cmd::CheckOut,
                             cmd::ExcuseAbsence, cmd::RegisterProxy, cmd::RevokeProxy, cmd::AddItem,
                             cmd::DeclareConflict, cmd::OpenBallot, cmd::CastVote, cmd::CloseBallot,
                             cmd::RecordPrefectureDates, cmd::CancelBallot, cmd::ReconveneSession,
                             cmd::AddCandidate, cmd::WithdrawCandidate, cmd::DesignateWithoutBallot,
                             cmd::EditMember, cmd::RemoveMember, cmd::EditItem, cmd::RemoveItem, cmd::ResetPin>;

// ---- Events (what happened; journalled, replayed) -------------------------

namespace ev {
struct SessionConfigured { SessionInfo info; RuleSet rules; bool operator==(const SessionConfigured&) const = default; };
struct MemberAdded { Member member; bool operator==(const MemberAdded&) const = default; };
struct MemberArrived { MemberId member; Millis at = 0; bool operator==(const MemberArrived&) const = default; };
struct MemberLeft { MemberId member; Millis at = 0; bool operator==(const MemberLeft&) const = default; };
struct AbsenceExcused { MemberId member; bool operator==(const AbsenceExcused&) const = default; };
struct ProxyRegistered { Proxy proxy; bool operator==(const ProxyRegistered&) const = default; };
struct ProxyRevoked { MemberId mandant; bool operator==(const ProxyRevoked&) const = default; };
struct ItemAdded { Item item; bool operator==(const ItemAdded&) const = default; };
struct ConflictDeclared { ItemId item; MemberId member; bool operator==(const ConflictDeclared&) const = default; };
struct BallotOpened {
  ItemId item;
  BallotMode mode = BallotMode::Public;
  bool allow_change = true;
  Fraction majority;
  MajorityBase majority_base = MajorityBase::Expressed;
  AttendanceSnapshot snapshot;
  std::map<MemberId, MemberId> voices;  // voice -> who may cast it
  Millis at = 0;
  int round = 0;                        // an election's round (0: a motion)
  std::vector<std::string> candidates;  // ... the candidates standing in it
  int seats = 0;                        // ... and the seats it fills
  bool operator==(const BallotOpened&) const = default;
};
// Public and nominal ballots.
struct VoteCast {
  ItemId item;
  MemberId voice;
  Cast cast;
  Millis at = 0;
  bool operator==(const VoteCast&) const = default;
};
// Secret ballots: a vote is two events, one names the voter and not the
// choice (chained journal), the other the choice and not the voter (the ballot
// box: unordered, no time, no sequence; goes_to_ballot_box). At close or
// cancellation the box's contents, sorted, are sealed into the chained journal.
struct SecretVoteCast { ItemId item; MemberId voice; MemberId by; bool by_clerk = false; Millis at = 0; bool operator==(const SecretVoteCast&) const = default; };
// weight: the voice's weight where the rules weigh, 1 otherwise (a weight
// unique to one member would name the voter). In an election's round the
// "what" is the paper (names, blank or spoilt).
struct SecretChoiceCast { ItemId item; Choice choice = Choice::Pour; std::int64_t weight = 1; Paper paper; bool operator==(const SecretChoiceCast&) const = default; };
// The box's contents, sorted by (choice, weight, paper): what the tally is counted from.
struct SecretBoxSealed { ItemId item; std::vector<SecretChoiceCast> contents; bool operator==(const SecretBoxSealed&) const = default; };
struct BallotClosed { ItemId item; Tally tally; Outcome outcome; Millis at = 0; RoundResult result; bool operator==(const BallotClosed&) const = default; };
// The dates as they now stand (both, after the change).
struct PrefectureDatesRecorded {
  ItemId item;
  std::string received;
  std::string published;
  bool operator==(const PrefectureDatesRecorded&) const = default;
};
struct BallotCancelled { ItemId item; std::string reason; Millis at = 0; bool operator==(const BallotCancelled&) const = default; };
struct SessionReconvened { std::string date; std::string time; bool operator==(const SessionReconvened&) const = default; };
struct CandidateAdded { ItemId item; Candidate candidate; bool operator==(const CandidateAdded&) const = default; };
struct CandidateWithdrawn { ItemId item; std::string candidate; bool operator==(const CandidateWithdrawn&) const = default; };
struct DesignatedWithoutBallot {
  ItemId item;
  std::vector<std::string> elected;
  AttendanceSnapshot snapshot;
  Millis at = 0;
  bool operator==(const DesignatedWithoutBallot&) const = default;
};
struct MemberEdited { Member member; bool operator==(const MemberEdited&) const = default; };
struct MemberRemoved { MemberId member; bool operator==(const MemberRemoved&) const = default; };
struct ItemEdited { Item item; bool operator==(const ItemEdited&) const = default; };
struct ItemRemoved { ItemId item; bool operator==(const ItemRemoved&) const = default; };
struct PinReset { MemberId member; Millis at = 0; bool operator==(const PinReset&) const = default; };
}  // namespace ev

using Event = std::variant<ev::SessionConfigured, ev::MemberAdded, ev::MemberArrived, ev::MemberLeft,
                           ev::AbsenceExcused, ev::ProxyRegistered, ev::ProxyRevoked, ev::ItemAdded,
                           ev::ConflictDeclared, ev::BallotOpened, ev::VoteCast, ev::SecretVoteCast,
                           ev::SecretChoiceCast, ev::BallotClosed, ev::PrefectureDatesRecorded,
                           ev::BallotCancelled, ev::SessionReconvened, ev::CandidateAdded,
                           ev::CandidateWithdrawn, ev::DesignatedWithoutBallot,
                           ev::MemberEdited, ev::MemberRemoved,
                           ev::ItemEdited, ev::ItemRemoved, ev::PinReset, ev::SecretBoxSealed>;

// The ballot box's events: never in the chained journal while the ballot is
// open (the server keeps them apart, see server/journal.hpp).
inline bool goes_to_ballot_box(const Event& e) { return std::holds_alternative<ev::SecretChoiceCast>(e); }
// The event's name, for sentences about a journal ("entrée 42 (MemberArrived)").
const char* event_name(const Event& e);

// ---- Refusals --------------------------------------------------------------

enum class ErrorCode {
  NotConfigured,
  AlreadyConfigured,
  InvalidArgument,
  UnknownMember,
  UnknownItem,
  RosterLocked,
  AlreadyPresent,
  NotPresent,
  SubstituteNotAllowed,
  ProxyRefused,
  ProxyLimit,
  NoSuchProxy,
  QuorumNotMet,
  BallotAlreadyOpen,
  BallotNotOpen,
  BallotClosed,
  NotEntitled,
  AlreadyVoted,
  Interested,
  // Elections of persons.
  NotAnElection,
  UnknownCandidate,
  BadPaper,
  ElectionOver,
  NoBirthDate,
  MemberTookPart,  // a member who took part in a ballot is kept (edit, never remove)
  ItemPutToVote,   // an item put to the vote is kept as it was voted
  MemberInUse,     // present, proxy, substitute, rapporteur, president or secretary: undo that first
};

const char* to_string(ErrorCode code);

struct Error {
  ErrorCode code;
  std::string message;  // a sentence a clerk can read
  bool operator==(const Error&) const = default;
};

}  // namespace scrutin
