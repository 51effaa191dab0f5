#include "domain/record.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "domain/majority.hpp"

namespace scrutin {

std::string acts_identifier(const SessionInfo& info, const Item& item) {
  // ACTES numbers allow only capitals, digits and '_'.
  std::string number;
  for (char ch : item.id) number += (ch == '-' || ch == '.' || ch == ' ') ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  std::string date;
  for (char ch : info.date)
    if (ch != '-') date += ch;
  return fmt::format("{}-{}-{}-{}-{}", info.department, info.siren, date, number, item.nature);
}

std::expected<DeliberationRecord, Error> make_record(const Session& session, const ItemId& item_id) {
  const Item* item = session.item(item_id);
  if (!item) return std::unexpected(Error{ErrorCode::UnknownItem, fmt::format("No item {} on the agenda.", item_id)});
  const Ballot* b = session.ballot(item_id);
  const Election* election = session.election(item_id);
  const bool designated = election && election->designated_without_ballot;
  if (election && b && !b->closed)
    return std::unexpected(Error{ErrorCode::BallotNotOpen,
                                 fmt::format("A round of item {} is open; close it before exporting its record.", item_id)});
  if (election && !designated && election->rounds.empty())
    return std::unexpected(Error{ErrorCode::BallotNotOpen,
                                 fmt::format("Item {} has no closed round yet; close one before exporting its record.", item_id)});
  if (election && !designated) b = &election->rounds.back();  // the last round held (a cancelled one is not)
  if (!designated && (!b || !b->closed))
    return std::unexpected(Error{ErrorCode::BallotNotOpen,
                                 fmt::format("Item {} has no closed ballot yet; close it before exporting its record.", item_id)});
  auto name = [&](const MemberId& id) {
    const Member* m = session.member(id);
    return m ? m->name : id;
  };
  auto names = [&](const std::vector<MemberId>& ids) {
    std::vector<std::string> out;
    for (const MemberId& id : ids) out.push_back(name(id));
    return out;
  };
  auto named = [&](const std::vector<Proxy>& ps) {
    std::vector<NamedProxy> out;
    for (const Proxy& p : ps) out.push_back({name(p.mandant), name(p.holder)});
    return out;
  };

  const AttendanceSnapshot& s = designated ? election->designation_snapshot : b->snapshot;
  DeliberationRecord r;
  r.session = session.info();
  r.rules_name = session.rules().name;
  r.president_name = name(r.session.president);
  r.secretary_name = name(r.session.secretary);
  r.acts_id = acts_identifier(r.session, *item);
  r.item = *item;
  r.rapporteur_name = item->rapporteur.empty() ? "" : name(item->rapporteur);
  r.mode = b ? b->mode : BallotMode::Public;
  r.in_office = s.in_office;
  r.present_titulars = static_cast<int>(s.present_titulars.size());
  r.substitutes = static_cast<int>(s.sitting_substitutes.size());
  r.represented = static_cast<int>(s.represented.size());
  r.present_names = names(s.present_titulars);
  r.proxies = named(s.represented);
  r.excused_names = names(s.excused_absent);
  r.absent_names = names(s.absent);
  r.substitute_names = names(s.sitting_substitutes);
  r.interested_names = names(s.interested);
  r.proxies_not_exercised = named(s.not_exercised);
  r.quorum_present = s.quorum_present;
  r.quorum_required = s.quorum_required;
  r.quorum_met = s.quorum_met;
  if (election) {
    auto candidate_name = [&](const std::string& id) {
      const Candidate* c = session.candidate(item_id, id);
      return c ? c->name : id;
    };
    auto candidate_names = [&](const std::vector<std::string>& ids) {
      std::vector<std::string> out;
      for (const std::string& id : ids) out.push_back(candidate_name(id));
      return out;
    };
    ElectionRecord e;
    e.seats = item->election_seats;
    e.rules_name = item->election_rules.name;
    for (const Candidate& c : election->candidates) e.candidate_names.push_back(c.name);
    for (const Candidate& c : election->candidates)
      if (election->withdrawn.contains(c.id)) e.withdrawn_names.push_back(c.name);
    for (const Ballot& round : election->rounds) {
      ElectionRoundRecord rr;
      rr.result = round.result;
      for (const CandidateVotes& v : round.result.votes) rr.candidate_names.push_back(candidate_name(v.candidate));
      rr.elected_names = candidate_names(round.result.elected);
      rr.elected_by_age_names = candidate_names(round.result.elected_by_age);
      // Who had the clerk enter a ballot, never what it said (secret or not, the
      // public names of a round are not listed by candidate in the extract).
      if (round.mode == BallotMode::Secret) {
        for (const MemberId& id : round.secret_by_clerk) rr.entered_by_clerk.push_back(name(id));
      } else {
        for (const auto& [voice, cast] : round.casts)
          if (cast.by_clerk) rr.entered_by_clerk.push_back(name(voice));
      }
      rr.snapshot = round.snapshot;
      e.rounds.push_back(std::move(rr));
    }
    e.elected_names = candidate_names(election->elected);
    e.designated_without_ballot = designated;
    e.over = session.election_over(item_id);
    r.election = std::move(e);
    if (designated) {
      r.mode = BallotMode::Public;
      return r;
    }
    r.counts = b->tally.heads;
    r.weighted_counts = b->tally.heads;
    r.outcome = b->outcome;
    return r;
  }
  r.counts = b->tally.heads;
  r.weighted_counts = b->tally.weighted;
  r.weighted = session.rules().weighted;
  r.outcome = b->outcome;
  r.majority = b->majority;
  r.majority_base = b->majority_base;
  r.majority_needed = check_majority(b->majority, b->majority_base, r.weighted, b->tally).needed;

  if (b->mode == BallotMode::Secret) {
    for (const MemberId& id : b->secret_by_clerk) r.entered_by_clerk.push_back(name(id));
    return r;
  }
  // Names by direction, in register order; a voice with no vote by the close
  // did not take part.
  auto list_for = [&](Choice c) -> std::vector<std::string>& {
    switch (c) {
      case Choice::Pour: return r.names_pour;
      case Choice::Contre: return r.names_contre;
      case Choice::Abstention: return r.names_abstention;
      case Choice::NotTakingPart: break;
    }
    return r.names_not_taking_part;
  };
  for (const Member& m : session.roster()) {
    auto v = b->voices.find(m.id);
    const bool in_room = v != b->voices.end();
    // No voice on this item: absent, or interested (listed as such, and not a
    // voter: neither among the votes nor among the non-participants).
    if (!in_room) continue;
    auto c = b->casts.find(m.id);
    const Choice choice = c == b->casts.end() ? Choice::NotTakingPart : c->second.choice;
    std::string label = m.name;
    if (v->second != m.id) label += fmt::format(" (pouvoir à {})", name(v->second));
    list_for(choice).push_back(label);
    if (c != b->casts.end() && c->second.by_clerk) r.entered_by_clerk.push_back(m.name);
  }
  return r;
}

}  // namespace scrutin
