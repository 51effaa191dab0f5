// The record model of one deliberation: every count and name list that the
// extract of the register shows, derived from the session's state alone.
// Renderers (text, PDF, CSV, JSON) take this and nothing else.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "domain/session.hpp"

namespace scrutin {

struct NamedProxy {
  std::string mandant;
  std::string holder;
  bool operator==(const NamedProxy&) const = default;
};

// An election's rounds, with names resolved, as the minutes state them.
struct ElectionRoundRecord {
  RoundResult result;
  std::vector<std::string> candidate_names;        // parallel to result.votes
  std::vector<std::string> elected_names;
  std::vector<std::string> elected_by_age_names;
  std::vector<std::string> entered_by_clerk;       // voices whose ballot the clerk entered
  AttendanceSnapshot snapshot;                     // the round's own attendance
  bool operator==(const ElectionRoundRecord&) const = default;
};

struct ElectionRecord {
  int seats = 0;
  std::string rules_name;
  std::vector<std::string> candidate_names;  // everyone declared, in order
  std::vector<std::string> withdrawn_names;
  std::vector<ElectionRoundRecord> rounds;
  std::vector<std::string> elected_names;    // in order of election
  bool designated_without_ballot = false;    // L2121-21
  bool over = false;                         // every seat filled, or the last round held
  bool operator==(const ElectionRecord&) const = default;
};

struct DeliberationRecord {
  SessionInfo session;
  std::string rules_name;
  std::string president_name;
  std::string secretary_name;
  std::string acts_id;  // department-SIREN-date-number-nature
  Item item;
  std::string rapporteur_name;
  BallotMode mode = BallotMode::Public;

  // The box of the extract.
  int in_office = 0;
  int present_titulars = 0;
  int substitutes = 0;
  int represented = 0;
  int present_total() const { return present_titulars + substitutes; }

  std::vector<std::string> present_names;     // titulars, register order
  std::vector<NamedProxy> proxies;            // "X à Y"
  std::vector<std::string> excused_names;
  std::vector<std::string> absent_names;      // absent, not excused
  std::vector<std::string> substitute_names;  // with deliberative voice
  std::vector<std::string> interested_names;  // conflict of interest
  std::vector<NamedProxy> proxies_not_exercised;

  int quorum_present = 0;
  int quorum_required = 0;
  bool quorum_met = false;

  Counts counts;           // heads
  Counts weighted_counts;  // by weight
  bool weighted = false;   // the outcome was decided on weights
  Outcome outcome;
  // The majority rule the outcome was decided by (majority.hpp), and the
  // number of pour it needed on its base.
  Fraction majority{1, 2};
  MajorityBase majority_base = MajorityBase::Expressed;
  std::int64_t majority_needed = 0;

  // Names by direction of vote; empty for a secret ballot.
  std::vector<std::string> names_pour, names_contre, names_abstention, names_not_taking_part;
  std::vector<std::string> entered_by_clerk;  // votes the clerk entered for a member

  // An election of persons: its rounds (the counts above are then unused).
  std::optional<ElectionRecord> election;

  bool operator==(const DeliberationRecord&) const = default;
};

// The ACTES identifier of an item: "063-200070712-20220322-20220322_59-DE".
std::string acts_identifier(const SessionInfo& info, const Item& item);

// Builds the record of a closed ballot; refused while the ballot is open. For
// an election: once a round is closed (and none is open) or after a
// designation without ballot.
std::expected<DeliberationRecord, Error> make_record(const Session& session, const ItemId& item);

}  // namespace scrutin
