// The vocabulary of a deliberative assembly: members, the session, its rules,
// agenda items, proxies, ballots and votes. Plain values, comparable, no I/O.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace scrutin {

using MemberId = std::string;
using ItemId = std::string;   // the deliberation number, e.g. "20220322-59"
using Millis = std::int64_t;  // wall-clock time supplied by the caller, ms since epoch

// ---- Bounds at the door ----------------------------------------------------
// Every number that comes from outside (a roster file, the clerk, the wire, a
// journal) is checked against these before it enters the state, so no sum or
// product the domain takes can overflow: 100,000 members of weight 10^9 sum to
// 10^14, and 100,000 members times a fraction term of 10^6 make 10^11.
inline constexpr std::int64_t kMaxWeight = 1'000'000'000;   // a vote weight (shares, thousandths)
inline constexpr std::int64_t kMaxFractionTerm = 1'000'000; // numerator and denominator of quorum and majorities
inline constexpr int kMaxSeats = 100'000;
inline constexpr std::size_t kMaxMembers = 100'000;         // roster size, titulars and substitutes
inline constexpr int kMaxProxiesPerHolder = 100;
inline constexpr int kMaxProxySessions = 1'000;

// ---- Roster ---------------------------------------------------------------

enum class MemberKind { Titular, Substitute };

struct Member {
  MemberId id;
  std::string name;        // as printed in the register: "Olivier CHAMBON"
  std::string group;       // commune or political group
  MemberKind kind = MemberKind::Titular;
  MemberId substitute_of;  // for a substitute: the titular it replaces
  std::int64_t weight = 1; // vote weight (shares, thousandths) where the rules weigh
  std::string birth_date;  // ISO date or empty; used by age-based tie rules elsewhere
  bool operator==(const Member&) const = default;
};

// ---- Rules ----------------------------------------------------------------

struct Fraction {
  std::int64_t num = 1;
  std::int64_t den = 2;
  bool operator==(const Fraction&) const = default;
};

enum class MajorityBase {
  Expressed,  // pour + contre (French councils: abstentions are not expressed)
  Cast,       // pour + contre + abstentions (general assemblies)
};

// A rule preset. Everything the tally needs is in here, so a journal that
// stores the RuleSet replays to the same result whatever the code's defaults.
struct RuleSet {
  std::string name;
  Fraction quorum{1, 2};
  bool quorum_strict = true;         // "more than" (strict) or "at least"
  int max_proxies_per_holder = 1;
  int max_proxy_sessions = 3;        // a proxy is valid at most this many sessions
  MajorityBase majority_base = MajorityBase::Expressed;
  Fraction majority{1, 2};           // 1/2: strictly more than half; any other: at least (majority.hpp)
  bool casting_vote = true;          // president decides a tie (never in a secret ballot)
  bool weighted = false;             // counts use Member::weight
  bool operator==(const RuleSet&) const = default;
};

// Presets. See DESIGN.md "Domain rules" for the legal references.
RuleSet french_council();              // CGCT L2121-17/20/21: quorum > 1/2, 1 proxy
RuleSet french_council_2020_2022();    // loi 2020-290 regime: quorum 1/3, 2 proxies
RuleSet general_assembly(Fraction quorum, bool quorum_strict, Fraction majority);
RuleSet weighted_assembly(Fraction quorum, Fraction majority);

// ---- Session and agenda ---------------------------------------------------

struct SessionInfo {
  std::string body;              // "Conseil communautaire"
  std::string body_name;         // "Communauté de communes Thiers Dore et Montagne"
  std::string body_address;      // lines separated by '\n'
  std::string siren;             // 9 digits, part of the ACTES identifier
  std::string siret;             // for open data
  std::string department;        // 3 digits, e.g. "063"
  std::string date;              // ISO date of the sitting
  std::string time;              // "18:30"
  std::string place;
  std::string convocation_date;  // ISO date
  MemberId president;
  std::string president_title;   // "Président"
  MemberId secretary;
  bool reconvened = false;       // second convocation after a failed quorum: no quorum needed
  int seats = 0;                 // seats by law (0: as many as titulars); members in office = titulars on the roster
  std::string body_gender;       // "f" or "m": the body's grammatical gender ("" : inferred from its name)
  bool operator==(const SessionInfo&) const = default;
};

// ---- Elections of persons -----------------------------------------------------

// How an election is counted and what it allows, journalled with its item.
// Both presets count alike (CGCT L2122-7, L2121-21): absolute majority of the
// expressed ballots in the first two rounds, relative majority in the third,
// and at equal votes the oldest is elected. Blank and spoilt ballots are
// counted and reported, never expressed.
struct ElectionRules {
  std::string name;
  int absolute_rounds = 2;                  // rounds needing the absolute majority; the next one is the last
  bool secret_required = true;              // the mayor, president, deputies: always by secret ballot
  bool designation_without_ballot = false;  // L2121-21: one candidature per seat, by the council's decision
  bool operator==(const ElectionRules&) const = default;
};

ElectionRules election_executive();    // mayor or president and deputies (L2122-7, L5211-2)
ElectionRules election_designation();  // delegates to outside bodies (L2121-21)

struct Candidate {
  std::string id;          // the member's id, or the clerk's id for a person from outside the council
  std::string name;
  MemberId member;         // empty for a person from outside
  std::string birth_date;  // ISO date: the oldest wins a tie
  bool operator==(const Candidate&) const = default;
};

// One ballot paper of an election: up to N names, or blank ("blanc"), or
// spoilt ("nul", a paper ballot judged so by the bureau: entered by the clerk).
struct Paper {
  std::vector<std::string> names;  // candidate ids
  bool blank = false;
  bool spoilt = false;
  bool operator==(const Paper&) const = default;
  auto operator<=>(const Paper&) const = default;  // the sealed box's order
};

struct CandidateVotes {
  std::string candidate;
  std::int64_t votes = 0;
  bool operator==(const CandidateVotes&) const = default;
};

// The count of one round, as the minutes state it.
struct RoundResult {
  int round = 0;                 // 1, 2, 3
  int seats = 0;                 // seats to fill in this round
  bool relative = false;         // the last round: relative majority
  std::int64_t voters = 0;       // voices entitled: present and represented
  std::int64_t papers = 0;       // "nombre de votants": ballots cast, blank and spoilt included
  std::int64_t blank = 0;
  std::int64_t spoilt = 0;
  std::int64_t majority_needed = 0;      // absolute majority of the expressed; 0 in the relative round
  std::vector<CandidateVotes> votes;     // the candidates standing, most votes first, then the oldest
  std::vector<std::string> elected;      // in this round
  std::vector<std::string> elected_by_age;  // among them: preferred at equal votes as the oldest
  bool another_round = false;            // seats remain to fill
  std::int64_t expressed() const { return papers - blank - spoilt; }
  bool operator==(const RoundResult&) const = default;
};

struct Item {
  ItemId id;                     // deliberation number
  std::string title;
  MemberId rapporteur;
  std::string rapporteur_title;  // "Vice-Président"
  std::string text;              // the statement of reasons
  std::string decision;          // the operative part
  std::string nature = "DE";     // ACTES nature code (DE = délibération)
  std::string matter_code;       // SCDL DELIB_MATIERE_CODE, e.g. "7.5"
  std::string matter_name;
  int election_seats = 0;        // > 0: an election of persons to that many seats, not a motion
  ElectionRules election_rules;  // when election_seats > 0
  bool operator==(const Item&) const = default;
};

// Filled in after the sitting, from the prefecture's acknowledgement (ACTES)
// and the publication; ISO dates.
struct PrefectureDates {
  std::string received;
  std::string published;
  bool operator==(const PrefectureDates&) const = default;
};

struct Proxy {
  MemberId mandant;
  MemberId holder;
  int sessions = 1;
  bool operator==(const Proxy&) const = default;
};

// ---- Ballots --------------------------------------------------------------

enum class Choice { Pour, Contre, Abstention, NotTakingPart };
enum class BallotMode { Public, Nominal, Secret };

// Who was where when the item was put to the vote. Taken once, at opening:
// later arrivals and departures count from the next item on.
struct AttendanceSnapshot {
  std::vector<MemberId> present_titulars;     // roster order
  std::vector<MemberId> sitting_substitutes;  // roster order
  std::vector<Proxy> represented;             // proxies exercised on this item
  std::vector<Proxy> not_exercised;           // holder absent or interested
  std::vector<MemberId> excused_absent;       // titulars neither present nor represented
  std::vector<MemberId> absent;               // same, not excused
  std::vector<MemberId> interested;           // conflict of interest: take no part
  int in_office = 0;
  int quorum_present = 0;   // sitting members, interested ones left out
  int quorum_required = 0;
  bool quorum_met = false;
  bool operator==(const AttendanceSnapshot&) const = default;
};

struct Counts {
  std::int64_t voters = 0;           // present + represented: every voice in the room
  std::int64_t not_taking_part = 0;  // interested, "ne prend pas part", or no vote by close
  std::int64_t abstentions = 0;
  std::int64_t pour = 0;
  std::int64_t contre = 0;
  std::int64_t expressed() const { return pour + contre; }
  bool operator==(const Counts&) const = default;
};

struct Tally {
  Counts heads;     // one per voice
  Counts weighted;  // by Member::weight (equals heads when nobody weighs more than 1)
  bool operator==(const Tally&) const = default;
};

struct Outcome {
  bool adopted = false;
  bool casting_vote_decided = false;  // a tie broken by the president's vote
  bool unanimous = false;             // every expressed vote pour (at least one)
  bool tie = false;                   // as many pour as contre (weights where the rules weigh), some expressed
  bool operator==(const Outcome&) const = default;
};

// A ballot put aside by the clerk (opened by mistake): not a deliberation; the
// item can be put to the vote again.
struct CancelledBallot {
  ItemId item;
  std::string reason;
  Millis at = 0;
  bool operator==(const CancelledBallot&) const = default;
};

struct Cast {
  Choice choice = Choice::NotTakingPart;
  MemberId by;           // who pressed the button: the voice itself or its proxy holder
  bool by_clerk = false; // entered by the clerk (tablet failure); shown in the record
  Paper paper;           // an election's ballot (choice is then unused)
  bool operator==(const Cast&) const = default;
};

// One kind of bulletin in a secret ballot's box: what it says and its weight,
// never who cast it. A motion's bulletin leaves the paper empty; an election
// round's carries the paper (its choice is then unused).
struct SecretBulletin {
  Choice choice = Choice::Pour;
  std::int64_t weight = 1;
  Paper paper;
  auto operator<=>(const SecretBulletin&) const = default;
  bool operator==(const SecretBulletin&) const = default;
};

struct Ballot {
  ItemId item;
  BallotMode mode = BallotMode::Public;
  bool allow_change = true;
  Fraction majority;            // from the rules, or a qualified majority (2/3, 3/5)
  MajorityBase majority_base = MajorityBase::Expressed;  // from the rules
  AttendanceSnapshot snapshot;
  std::map<MemberId, MemberId> voices;  // voice -> member who may cast it
  // Public and nominal ballots: who voted what.
  std::map<MemberId, Cast> casts;
  // Secret ballots: who voted, and the counts; never who voted what.
  std::set<MemberId> secret_voted;
  std::set<MemberId> secret_by_clerk;
  std::map<Choice, std::int64_t> secret_heads;
  std::map<Choice, std::int64_t> secret_weight;
  // The ballot box: how many bulletins of each (choice, weight, paper), never whose.
  std::map<SecretBulletin, std::int64_t> secret_box;
  bool sealed = false;  // the box's contents are in the chained journal (SecretBoxSealed)
  // An election's round: its number, the candidates standing and the seats to fill.
  int round = 0;  // 0: a motion
  std::vector<std::string> candidates;
  int seats = 0;
  // Secret rounds: counts only (votes by candidate, blank, spoilt papers).
  std::map<std::string, std::int64_t> secret_votes;
  std::int64_t secret_blank = 0;
  std::int64_t secret_spoilt = 0;
  bool closed = false;
  Tally tally;      // set at close
  Outcome outcome;  // set at close
  RoundResult result;  // an election's round, set at close
  // Kept as votes are applied, for the live views (walking every voter at each
  // vote is too slow for a 10,000-member ballot). Public and nominal ballots:
  // the head counts so far (voters = voices; not_taking_part = voices not cast
  // yet or cast so). Secret ballots keep only who voted until the close; an
  // election's round (round > 0) counts no pour/contre.
  Counts live_heads;
  std::map<MemberId, std::vector<MemberId>> voices_of_holder;  // member -> the voices he casts
  bool operator==(const Ballot&) const = default;
};

// An election item's course: candidates declared, rounds held, who is elected.
struct Election {
  std::vector<Candidate> candidates;   // declaration order
  std::set<std::string> withdrawn;
  std::vector<Ballot> rounds;          // closed rounds, in order
  std::vector<std::string> elected;    // in order of election
  bool designated_without_ballot = false;  // L2121-21
  AttendanceSnapshot designation_snapshot;
  Millis designated_at = 0;
  bool operator==(const Election&) const = default;
};

}  // namespace scrutin
