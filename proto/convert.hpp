// Conversion between the domain's C++ types and the protobuf messages.
// The only place that knows both; the domain never sees protobuf.
#pragma once

#include <expected>

#include "domain/record.hpp"
#include "proto/protocol.hpp"
#include "scrutin.pb.h"

namespace scrutin {

pb::Event to_pb(const Event& e);
std::expected<Event, Error> from_pb(const pb::Event& e);  // refuses an empty oneof

// Clerk commands.
std::expected<Command, Error> from_pb(const pb::Command& c);
pb::Command to_pb(const Command& c);
// A roster as ImportRoster commands of at most 1,000 members each, each well
// under the 64 KiB frame; the domain appends chunk after chunk.
std::vector<pb::Command> import_roster_commands(const std::vector<Member>& members);

pb::DeliberationRecord to_pb(const DeliberationRecord& r);
DeliberationRecord from_pb(const pb::DeliberationRecord& r);

pb::Member to_pb(const Member& m);
Member from_pb(const pb::Member& m);  // weight 0 (not set) is 1
pb::SessionInfo to_pb(const SessionInfo& i);
SessionInfo from_pb(const pb::SessionInfo& i);
pb::RuleSet to_pb(const RuleSet& r);
RuleSet from_pb(const pb::RuleSet& r);
pb::Member to_pb(const Member& m);
Member from_pb(const pb::Member& p);
pb::Item to_pb(const Item& i);
Item from_pb(const pb::Item& i);
pb::Counts to_pb(const Counts& c);
Counts from_pb(const pb::Counts& c);
pb::Choice to_pb(Choice c);
Choice from_pb(pb::Choice c);
// The domain's refusal as its wire code (one for one; the switch is exhaustive).
pb::RefusalCode to_pb(ErrorCode code);
pb::MajorityBase to_pb(MajorityBase b);
MajorityBase from_pb(pb::MajorityBase b);
pb::Outcome to_pb(const Outcome& o);
Outcome from_pb(const pb::Outcome& o);
pb::Fraction to_pb(const Fraction& f);
// Elections of persons.
pb::ElectionRules to_pb(const ElectionRules& r);
ElectionRules from_pb(const pb::ElectionRules& p);
pb::ElectionCandidate to_pb(const Candidate& c);
Candidate from_pb(const pb::ElectionCandidate& p);
pb::ElectionPaper to_pb(const Paper& p);
Paper from_pb(const pb::ElectionPaper& p);
pb::ElectionRoundResult to_pb(const RoundResult& r);
RoundResult from_pb(const pb::ElectionRoundResult& p);
Fraction from_pb(const pb::Fraction& f);

}  // namespace scrutin
