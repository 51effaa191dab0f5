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
  if (!b || !b->closed)
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

  const AttendanceSnapshot& s = b->snapshot;
  DeliberationRecord r;
  r.session = session.info();
  r.rules_name = session.rules().name;
  r.president_name = name(r.session.president);
  r.secretary_name = name(r.session.secretary);
  r.acts_id = acts_identifier(r.session, *item);
  r.item = *item;
  r.rapporteur_name = item->rapporteur.empty() ? "" : name(item->rapporteur);
  r.mode = b->mode;
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
