// The record model of one deliberation: every count and name list that the
// extract of the register shows, derived from the session's state alone.
// Renderers (text, PDF, CSV, JSON) take this and nothing else.
#pragma once

#include <expected>
#include <string>
#include <vector>

#include "domain/session.hpp"

namespace scrutin {

struct NamedProxy {
  std::string mandant;
  std::string holder;
  bool operator==(const NamedProxy&) const = default;
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

  bool operator==(const DeliberationRecord&) const = default;
};

// The ACTES identifier of an item: "063-200070712-20220322-20220322_59-DE".
std::string acts_identifier(const SessionInfo& info, const Item& item);

// Builds the record of a closed ballot; refused while the ballot is open.
std::expected<DeliberationRecord, Error> make_record(const Session& session, const ItemId& item);

}  // namespace scrutin
