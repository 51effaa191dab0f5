#include "domain/session.hpp"

#include <algorithm>
#include <chrono>
#include <fmt/format.h>

#include "domain/election.hpp"
#include "domain/majority.hpp"

namespace scrutin {

namespace {

std::unexpected<Error> refuse(ErrorCode code, std::string message) {
  return std::unexpected(Error{code, std::move(message)});
}

bool valid_fraction(const Fraction& f) { return f.den > 0 && f.num >= 0 && f.num <= f.den; }

const std::set<MemberId> kNobody;
const PrefectureDates kNoDates;

// "2022-04-04": a real calendar date written YYYY-MM-DD.
bool iso_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  const std::chrono::year_month_day ymd{std::chrono::year{std::stoi(s.substr(0, 4))},
                                        std::chrono::month{static_cast<unsigned>(std::stoi(s.substr(5, 2)))},
                                        std::chrono::day{static_cast<unsigned>(std::stoi(s.substr(8, 2)))}};
  return ymd.ok();
}

}  // namespace

// ---- Presets ---------------------------------------------------------------

RuleSet french_council() {
  RuleSet r;
  r.name = "Conseil (CGCT)";
  r.quorum = {1, 2};
  r.quorum_strict = true;  // "plus de la moitié"
  r.max_proxies_per_holder = 1;
  return r;
}

RuleSet french_council_2020_2022() {
  RuleSet r = french_council();
  r.name = "Conseil (régime temporaire 2020-2022)";
  r.quorum = {1, 3};
  r.quorum_strict = false;  // "le tiers des membres en exercice est présent"
  r.max_proxies_per_holder = 2;
  return r;
}

RuleSet general_assembly(Fraction quorum, bool quorum_strict, Fraction majority) {
  RuleSet r;
  r.name = "Assemblée générale";
  r.quorum = quorum;
  r.quorum_strict = quorum_strict;
  r.max_proxies_per_holder = 1;
  r.majority_base = MajorityBase::Cast;
  r.majority = majority;
  r.casting_vote = false;
  return r;
}

RuleSet weighted_assembly(Fraction quorum, Fraction majority) {
  RuleSet r = general_assembly(quorum, false, majority);
  r.name = "Assemblée pondérée";
  r.majority_base = MajorityBase::Expressed;
  r.weighted = true;
  return r;
}

int quorum_required(const RuleSet& rules, int in_office) {
  const std::int64_t n = in_office * rules.quorum.num;
  if (rules.quorum.num == 0) return 0;
  // strict: present * den > n  ->  present >= n/den + 1 (integer division)
  // at least: present * den >= n -> present >= ceil(n/den)
  return static_cast<int>(rules.quorum_strict ? n / rules.quorum.den + 1
                                              : (n + rules.quorum.den - 1) / rules.quorum.den);
}

const char* to_string(Choice c) {
  switch (c) {
    case Choice::Pour: return "pour";
    case Choice::Contre: return "contre";
    case Choice::Abstention: return "abstention";
    case Choice::NotTakingPart: return "ne prend pas part au vote";
  }
  return "?";
}

const char* to_string(BallotMode m) {
  switch (m) {
    case BallotMode::Public: return "public";
    case BallotMode::Nominal: return "nominal";
    case BallotMode::Secret: return "secret";
  }
  return "?";
}

const char* to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::NotConfigured: return "not_configured";
    case ErrorCode::AlreadyConfigured: return "already_configured";
    case ErrorCode::InvalidArgument: return "invalid_argument";
    case ErrorCode::UnknownMember: return "unknown_member";
    case ErrorCode::UnknownItem: return "unknown_item";
    case ErrorCode::RosterLocked: return "roster_locked";
    case ErrorCode::AlreadyPresent: return "already_present";
    case ErrorCode::NotPresent: return "not_present";
    case ErrorCode::SubstituteNotAllowed: return "substitute_not_allowed";
    case ErrorCode::ProxyRefused: return "proxy_refused";
    case ErrorCode::ProxyLimit: return "proxy_limit";
    case ErrorCode::NoSuchProxy: return "no_such_proxy";
    case ErrorCode::QuorumNotMet: return "quorum_not_met";
    case ErrorCode::BallotAlreadyOpen: return "ballot_already_open";
    case ErrorCode::BallotNotOpen: return "ballot_not_open";
    case ErrorCode::BallotClosed: return "ballot_closed";
    case ErrorCode::NotEntitled: return "not_entitled";
    case ErrorCode::AlreadyVoted: return "already_voted";
    case ErrorCode::Interested: return "interested";
    case ErrorCode::NotAnElection: return "not_an_election";
    case ErrorCode::UnknownCandidate: return "unknown_candidate";
    case ErrorCode::BadPaper: return "bad_paper";
    case ErrorCode::ElectionOver: return "election_over";
    case ErrorCode::NoBirthDate: return "no_birth_date";
    case ErrorCode::MemberTookPart: return "member_took_part";
    case ErrorCode::ItemPutToVote: return "item_put_to_vote";
    case ErrorCode::MemberInUse: return "member_in_use";
  }
  return "?";
}

// ---- Queries ---------------------------------------------------------------

const Member* Session::member(const MemberId& id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &roster_[it->second];
}

int Session::members_in_office() const {
  return static_cast<int>(std::ranges::count_if(
      roster_, [](const Member& m) { return m.kind == MemberKind::Titular; }));
}

int Session::proxies_held(const MemberId& holder) const {
  return static_cast<int>(std::ranges::count_if(
      proxies_, [&](const auto& kv) { return kv.second.holder == holder; }));
}

const Item* Session::item(const ItemId& id) const {
  auto it = std::ranges::find(agenda_, id, &Item::id);
  return it == agenda_.end() ? nullptr : &*it;
}

const std::set<MemberId>& Session::interested(const ItemId& id) const {
  auto it = interested_.find(id);
  return it == interested_.end() ? kNobody : it->second;
}

const Ballot* Session::ballot(const ItemId& id) const {
  auto it = ballots_.find(id);
  return it == ballots_.end() ? nullptr : &it->second;
}

const PrefectureDates& Session::prefecture_dates(const ItemId& id) const {
  auto it = prefecture_dates_.find(id);
  return it == prefecture_dates_.end() ? kNoDates : it->second;
}

const Election* Session::election(const ItemId& id) const {
  auto it = elections_.find(id);
  return it == elections_.end() ? nullptr : &it->second;
}

const Candidate* Session::candidate(const ItemId& item, const std::string& id) const {
  const Election* e = election(item);
  if (!e) return nullptr;
  auto it = std::ranges::find(e->candidates, id, &Candidate::id);
  return it == e->candidates.end() ? nullptr : &*it;
}

std::vector<std::string> Session::standing(const ItemId& item) const {
  std::vector<std::string> out;
  if (const Election* e = election(item))
    for (const Candidate& c : e->candidates)
      if (!e->withdrawn.contains(c.id) && std::ranges::find(e->elected, c.id) == e->elected.end()) out.push_back(c.id);
  return out;
}

int Session::seats_remaining(const ItemId& id) const {
  const Item* it = item(id);
  const Election* e = election(id);
  if (!it || !e) return 0;
  return std::max(0, it->election_seats - static_cast<int>(e->elected.size()));
}

bool Session::election_over(const ItemId& id) const {
  const Item* it = item(id);
  const Election* e = election(id);
  if (!it || !e) return false;
  if (e->designated_without_ballot || seats_remaining(id) == 0) return true;
  return !e->rounds.empty() && e->rounds.back().result.relative;  // the last round was held
}

bool Session::took_part(const MemberId& id) const {
  auto in = [&](const std::vector<MemberId>& ids) { return std::ranges::find(ids, id) != ids.end(); };
  for (const auto& [item, b] : ballots_) {
    if (b.voices.contains(id)) return true;
    for (const auto& [voice, holder] : b.voices)
      if (holder == id) return true;
    const AttendanceSnapshot& s = b.snapshot;
    if (in(s.present_titulars) || in(s.sitting_substitutes) || in(s.interested)) return true;
  }
  return false;
}

bool Session::put_to_vote(const ItemId& id) const {
  return ballots_.contains(id) || std::ranges::find(cancelled_, id, &CancelledBallot::item) != cancelled_.end();
}

Millis Session::arrived_at(const MemberId& id) const {
  auto it = movements_.find(id);
  return it == movements_.end() ? 0 : it->second.first;
}

Millis Session::left_at(const MemberId& id) const {
  auto it = movements_.find(id);
  return it == movements_.end() ? 0 : it->second.second;
}

const Ballot* Session::open_ballot() const {
  for (const auto& [id, b] : ballots_)
    if (!b.closed) return &b;
  return nullptr;
}

std::int64_t Session::weight_of(const MemberId& id) const {
  const Member* m = member(id);
  return m ? m->weight : 1;
}

const Member* Session::sitting_substitute_for(const MemberId& titular) const {
  for (const Member& m : roster_)
    if (m.kind == MemberKind::Substitute && m.substitute_of == titular && present_.contains(m.id))
      return &m;
  return nullptr;
}

AttendanceSnapshot Session::attendance_for(const ItemId& item) const {
  const auto& interested_here = interested(item);
  AttendanceSnapshot s;
  for (const Member& m : roster_) {
    if (m.kind == MemberKind::Substitute) {
      if (present_.contains(m.id)) s.sitting_substitutes.push_back(m.id);
      continue;
    }
    ++s.in_office;
    if (present_.contains(m.id)) {
      s.present_titulars.push_back(m.id);
      continue;
    }
    if (auto p = proxies_.find(m.id); p != proxies_.end()) {
      const Proxy& proxy = p->second;
      // The holder must be present to use the proxy, and an interested
      // member takes no part, not even as holder or through a holder.
      const bool usable = present_.contains(proxy.holder) && !interested_here.contains(proxy.holder) &&
                          !interested_here.contains(m.id);
      if (usable) {
        s.represented.push_back(proxy);
        continue;
      }
      s.not_exercised.push_back(proxy);
    }
    (excused_.contains(m.id) ? s.excused_absent : s.absent).push_back(m.id);
  }
  for (const Member& m : roster_)
    if (interested_here.contains(m.id)) s.interested.push_back(m.id);

  auto sitting_and_free = [&](const MemberId& id) { return !interested_here.contains(id); };
  s.quorum_present = static_cast<int>(std::ranges::count_if(s.present_titulars, sitting_and_free) +
                                      std::ranges::count_if(s.sitting_substitutes, sitting_and_free));
  s.quorum_required = quorum_required(rules_, s.in_office);
  s.quorum_met = s.quorum_present >= s.quorum_required;
  return s;
}

// ---- decide ----------------------------------------------------------------

std::expected<std::vector<Event>, Error> Session::decide(const Command& command, Millis now) const {
  if (!configured_ && !std::holds_alternative<cmd::ConfigureSession>(command))
    return refuse(ErrorCode::NotConfigured, "The session is not configured yet: set the body, date and rules first.");
  return std::visit([&](const auto& c) { return decide_(c, now); }, command);
}

Session::Result Session::decide_(const cmd::ConfigureSession& c, Millis) const {
  if (!ballots_.empty() || !cancelled_.empty())
    return refuse(ErrorCode::AlreadyConfigured, "The session cannot be reconfigured once a ballot has been opened.");
  if (c.info.seats < 0)
    return refuse(ErrorCode::InvalidArgument, "The number of seats cannot be negative.");
  if (c.info.seats > 0 && c.info.seats < members_in_office())
    return refuse(ErrorCode::InvalidArgument,
                  fmt::format("The roster already has {} titular members, more than {} seats.", members_in_office(), c.info.seats));
  if (c.info.date.empty()) return refuse(ErrorCode::InvalidArgument, "The session needs a date.");
  if (!valid_fraction(c.rules.quorum) || !valid_fraction(c.rules.majority) || c.rules.majority.num == 0)
    return refuse(ErrorCode::InvalidArgument, "Quorum and majority must be fractions between 0 and 1 (majority above 0).");
  if (c.rules.max_proxies_per_holder < 0 || c.rules.max_proxy_sessions < 1)
    return refuse(ErrorCode::InvalidArgument, "Proxy limits must be non-negative, validity at least one session.");
  return std::vector<Event>{ev::SessionConfigured{c.info, c.rules}};
}

Session::Result Session::decide_(const cmd::ImportRoster& c, Millis) const {
  if (!ballots_.empty() || !cancelled_.empty())
    return refuse(ErrorCode::RosterLocked, "The roster cannot change once a ballot has been opened.");
  std::map<MemberId, const Member*> all;
  for (const Member& m : roster_) all[m.id] = &m;
  int titulars = members_in_office();
  for (const Member& m : c.members) {
    if (m.id.empty() || m.name.empty())
      return refuse(ErrorCode::InvalidArgument, "Every member needs an id and a name.");
    if (!all.emplace(m.id, &m).second)
      return refuse(ErrorCode::InvalidArgument, fmt::format("Member id {} appears twice.", m.id));
    if (m.weight <= 0)
      return refuse(ErrorCode::InvalidArgument, fmt::format("{} has a vote weight of {}; it must be positive.", m.name, m.weight));
    if (m.kind == MemberKind::Titular) ++titulars;
  }
  for (const Member& m : c.members) {
    if (m.kind != MemberKind::Substitute) continue;
    auto t = all.find(m.substitute_of);
    if (t == all.end() || t->second->kind != MemberKind::Titular)
      return refuse(ErrorCode::InvalidArgument,
                    fmt::format("Substitute {} must name the titular member it replaces (got '{}').", m.name, m.substitute_of));
  }
  if (info_.seats > 0 && titulars > info_.seats)
    return refuse(ErrorCode::InvalidArgument,
                  fmt::format("{} titular members for {} seats: check the roster or the number of seats.", titulars, info_.seats));
  std::vector<Event> out;
  for (const Member& m : c.members) out.push_back(ev::MemberAdded{m});
  return out;
}

Session::Result Session::decide_(const cmd::CheckIn& c, Millis now) const {
  const Member* m = member(c.member);
  if (!m) return refuse(ErrorCode::UnknownMember, fmt::format("No member with id {} on the roster.", c.member));
  if (present_.contains(m->id)) return refuse(ErrorCode::AlreadyPresent, fmt::format("{} is already checked in.", m->name));
  std::vector<Event> out;
  if (m->kind == MemberKind::Substitute) {
    const Member* t = member(m->substitute_of);
    if (present_.contains(t->id))
      return refuse(ErrorCode::SubstituteNotAllowed,
                    fmt::format("{} is present: the substitute {} sits only in the titular's absence.", t->name, m->name));
    if (proxies_.contains(t->id))
      return refuse(ErrorCode::SubstituteNotAllowed,
                    fmt::format("{} has given a proxy; revoke it before {} can sit in replacement.", t->name, m->name));
    if (const Member* other = sitting_substitute_for(t->id))
      return refuse(ErrorCode::SubstituteNotAllowed, fmt::format("{} already sits for {}.", other->name, t->name));
  } else if (const Member* s = sitting_substitute_for(m->id)) {
    // The titular takes the seat back: the substitute stands down.
    out.push_back(ev::MemberLeft{s->id, now});
  }
  out.push_back(ev::MemberArrived{m->id, now});
  return out;
}

Session::Result Session::decide_(const cmd::CheckOut& c, Millis now) const {
  const Member* m = member(c.member);
  if (!m) return refuse(ErrorCode::UnknownMember, fmt::format("No member with id {} on the roster.", c.member));
  if (!present_.contains(m->id)) return refuse(ErrorCode::NotPresent, fmt::format("{} is not checked in.", m->name));
  return std::vector<Event>{ev::MemberLeft{m->id, now}};
}

Session::Result Session::decide_(const cmd::ExcuseAbsence& c, Millis) const {
  const Member* m = member(c.member);
  if (!m) return refuse(ErrorCode::UnknownMember, fmt::format("No member with id {} on the roster.", c.member));
  if (present_.contains(m->id)) return refuse(ErrorCode::AlreadyPresent, fmt::format("{} is present, not absent.", m->name));
  if (excused_.contains(m->id)) return std::vector<Event>{};
  return std::vector<Event>{ev::AbsenceExcused{m->id}};
}

Session::Result Session::decide_(const cmd::RegisterProxy& c, Millis) const {
  const Proxy& p = c.proxy;
  const Member* mandant = member(p.mandant);
  const Member* holder = member(p.holder);
  if (!mandant) return refuse(ErrorCode::UnknownMember, fmt::format("No member with id {} on the roster.", p.mandant));
  if (!holder) return refuse(ErrorCode::UnknownMember, fmt::format("No member with id {} on the roster.", p.holder));
  if (mandant->id == holder->id) return refuse(ErrorCode::ProxyRefused, "A member cannot hold its own proxy.");
  if (mandant->kind != MemberKind::Titular || holder->kind != MemberKind::Titular)
    return refuse(ErrorCode::ProxyRefused, "Proxies are given and held by titular members only.");
  if (auto it = proxies_.find(mandant->id); it != proxies_.end()) {
    if (it->second == p) return std::vector<Event>{};
    return refuse(ErrorCode::ProxyRefused,
                  fmt::format("{} has already given a proxy to {}; revoke it first.", mandant->name, member(it->second.holder)->name));
  }
  if (proxies_.contains(holder->id))
    return refuse(ErrorCode::ProxyRefused,
                  fmt::format("{} has given a proxy and so cannot hold one (no chains of proxies).", holder->name));
  if (proxies_held(mandant->id) > 0)
    return refuse(ErrorCode::ProxyRefused,
                  fmt::format("{} holds a proxy and so cannot give one (no chains of proxies).", mandant->name));
  if (const Member* s = sitting_substitute_for(mandant->id))
    return refuse(ErrorCode::ProxyRefused, fmt::format("{} is replaced by the substitute {} already.", mandant->name, s->name));
  if (p.sessions < 1 || p.sessions > rules_.max_proxy_sessions)
    return refuse(ErrorCode::ProxyRefused,
                  fmt::format("A proxy is valid for 1 to {} sessions, not {}.", rules_.max_proxy_sessions, p.sessions));
  if (proxies_held(holder->id) >= rules_.max_proxies_per_holder)
    return refuse(ErrorCode::ProxyLimit,
                  fmt::format("{} already holds {} prox{}, the limit under the rules \"{}\".", holder->name,
                              proxies_held(holder->id), proxies_held(holder->id) > 1 ? "ies" : "y", rules_.name));
  return std::vector<Event>{ev::ProxyRegistered{p}};
}

Session::Result Session::decide_(const cmd::RevokeProxy& c, Millis) const {
  if (!proxies_.contains(c.mandant))
    return refuse(ErrorCode::NoSuchProxy, fmt::format("No proxy is registered from {}.", c.mandant));
  return std::vector<Event>{ev::ProxyRevoked{c.mandant}};
}

Session::Result Session::decide_(const cmd::AddItem& c, Millis) const {
  if (c.item.id.empty() || c.item.title.empty())
    return refuse(ErrorCode::InvalidArgument, "An agenda item needs a number and a title.");
  if (item(c.item.id)) return refuse(ErrorCode::InvalidArgument, fmt::format("Item {} is already on the agenda.", c.item.id));
  if (!c.item.rapporteur.empty() && !member(c.item.rapporteur))
    return refuse(ErrorCode::UnknownMember, fmt::format("Rapporteur {} is not on the roster.", c.item.rapporteur));
  if (c.item.election_seats < 0 || c.item.election_seats > 1000)
    return refuse(ErrorCode::InvalidArgument, fmt::format("An election fills 1 to 1000 seats, not {}.", c.item.election_seats));
  if (c.item.election_seats > 0 && (c.item.election_rules.absolute_rounds < 0 || c.item.election_rules.absolute_rounds > 10))
    return refuse(ErrorCode::InvalidArgument, "An election has 0 to 10 rounds at absolute majority before the last.");
  return std::vector<Event>{ev::ItemAdded{c.item}};
}

Session::Result Session::decide_(const cmd::DeclareConflict& c, Millis) const {
  if (!item(c.item)) return refuse(ErrorCode::UnknownItem, fmt::format("No item {} on the agenda.", c.item));
  const Member* m = member(c.member);
  if (!m) return refuse(ErrorCode::UnknownMember, fmt::format("No member with id {} on the roster.", c.member));
  if (ballots_.contains(c.item))
    return refuse(ErrorCode::BallotAlreadyOpen, fmt::format("Item {} has been put to the vote; declare interests before.", c.item));
  if (interested(c.item).contains(m->id)) return std::vector<Event>{};
  return std::vector<Event>{ev::ConflictDeclared{c.item, m->id}};
}

Session::Result Session::decide_(const cmd::OpenBallot& c, Millis now) const {
  const Item* it = item(c.item);
  if (!it) return refuse(ErrorCode::UnknownItem, fmt::format("No item {} on the agenda.", c.item));
  const Election* election_here = election(c.item);
  if (const Ballot* b = ballot(c.item); b && (!election_here || !b->closed))
    return refuse(b->closed ? ErrorCode::BallotClosed : ErrorCode::BallotAlreadyOpen,
                  b->closed ? fmt::format("Item {} has already been put to the vote.", c.item)
                            : fmt::format("The round on item {} is still open; close it first.", c.item));
  std::vector<std::string> standing_here;
  if (election_here) {
    if (election_over(c.item))
      return refuse(ErrorCode::ElectionOver,
                    election_here->designated_without_ballot
                        ? fmt::format("Item {} was designated without a ballot; there is no round to open.", c.item)
                        : fmt::format("The election on item {} is over: {}.", c.item,
                                      seats_remaining(c.item) == 0 ? "every seat is filled" : "the last round was held"));
    if (c.qualified_majority)
      return refuse(ErrorCode::InvalidArgument,
                    "An election has no qualified majority: the absolute majority, then the relative one.");
    if (it->election_rules.secret_required && c.mode != BallotMode::Secret)
      return refuse(ErrorCode::InvalidArgument,
                    fmt::format("Under \"{}\" the election is by secret ballot: open the round with the secret mode.",
                                it->election_rules.name));
    standing_here = standing(c.item);
    if (standing_here.empty())
      return refuse(ErrorCode::UnknownCandidate, fmt::format("Item {} has no candidate standing: add one first.", c.item));
  }
  if (const Ballot* b = open_ballot())
    return refuse(ErrorCode::BallotAlreadyOpen, fmt::format("The ballot on item {} is still open; close it first.", b->item));
  if (c.qualified_majority && (!valid_fraction(*c.qualified_majority) || c.qualified_majority->num == 0))
    return refuse(ErrorCode::InvalidArgument, "A qualified majority is a fraction between 0 and 1.");

  ev::BallotOpened e;
  e.item = c.item;
  e.mode = c.mode;
  e.allow_change = c.allow_change && c.mode != BallotMode::Secret;  // a secret vote is not linked to its voter
  e.majority = c.qualified_majority.value_or(rules_.majority);  // one rule for both (majority.hpp)
  e.majority_base = rules_.majority_base;
  e.snapshot = attendance_for(c.item);
  e.at = now;
  if (!e.snapshot.quorum_met && !info_.reconvened)
    return refuse(ErrorCode::QuorumNotMet,
                  fmt::format("Quorum not met for item {}: {} members present of {} in office, {} required. "
                              "The item can be taken in a reconvened session.",
                              c.item, e.snapshot.quorum_present, e.snapshot.in_office, e.snapshot.quorum_required));
  const auto& interested_here = interested(c.item);
  for (const auto* list : {&e.snapshot.present_titulars, &e.snapshot.sitting_substitutes})
    for (const MemberId& id : *list)
      if (!interested_here.contains(id)) e.voices[id] = id;
  for (const Proxy& p : e.snapshot.represented) e.voices[p.mandant] = p.holder;
  if (election_here) {
    e.round = static_cast<int>(election_here->rounds.size()) + 1;
    e.candidates = standing_here;
    e.seats = seats_remaining(c.item);
  }
  return std::vector<Event>{e};
}

Session::Result Session::decide_(const cmd::CastVote& c, Millis now) const {
  if (!item(c.item)) return refuse(ErrorCode::UnknownItem, fmt::format("No item {} on the agenda.", c.item));
  const Ballot* b = ballot(c.item);
  if (!b) return refuse(ErrorCode::BallotNotOpen, fmt::format("Item {} has not been put to the vote yet.", c.item));
  if (b->closed)
    return refuse(ErrorCode::BallotClosed, fmt::format("The ballot on item {} is closed; the vote was not recorded.", c.item));
  const Member* voice = member(c.voice);
  if (!voice) return refuse(ErrorCode::UnknownMember, fmt::format("No member with id {} on the roster.", c.voice));
  if (interested(c.item).contains(voice->id) || interested(c.item).contains(c.by))
    return refuse(ErrorCode::Interested, fmt::format("A member with an interest in item {} takes no part in its vote.", c.item));
  auto v = b->voices.find(voice->id);
  if (v == b->voices.end())
    return refuse(ErrorCode::NotEntitled,
                  fmt::format("{} has no vote on item {}: not present nor represented when it was put to the vote.", voice->name, c.item));
  if (!c.by_clerk && v->second != c.by)
    return refuse(ErrorCode::NotEntitled, fmt::format("{} may not vote for {} on item {}.", c.by, voice->name, c.item));
  if (b->round > 0) return decide_election_vote(c, *b, v->second, now);
  if (c.paper)
    return refuse(ErrorCode::NotAnElection, fmt::format("Item {} is a motion: vote pour, contre or abstention.", c.item));

  if (b->mode == BallotMode::Secret) {
    // Who voted what is never kept, so a second vote cannot be told from a
    // resend or a change: either way, the first one counts.
    if (b->secret_voted.contains(voice->id))
      return refuse(ErrorCode::AlreadyVoted,
                    fmt::format("{} has already voted on item {}; a secret ballot does not allow changes: your first vote stands.",
                                voice->name, c.item));
    return std::vector<Event>{ev::SecretVoteCast{c.item, voice->id, v->second, c.by_clerk, now},
                              ev::SecretChoiceCast{c.item, c.choice, voice->weight}};
  }
  const Cast cast{c.choice, v->second, c.by_clerk};
  if (auto prev = b->casts.find(voice->id); prev != b->casts.end()) {
    if (prev->second.choice == c.choice) return std::vector<Event>{};  // a resend
    if (!b->allow_change)
      return refuse(ErrorCode::AlreadyVoted,
                    fmt::format("{} has already voted {} on item {}; this ballot does not allow changes: your first vote stands.",
                                voice->name, to_string(prev->second.choice), c.item));
  }
  return std::vector<Event>{ev::VoteCast{c.item, voice->id, cast, now}};
}

Session::Result Session::decide_election_vote(const cmd::CastVote& c, const Ballot& b, const MemberId& holder,
                                              Millis now) const {
  const Member* voice = member(c.voice);
  if (!c.paper)
    return refuse(ErrorCode::BadPaper,
                  fmt::format("Item {} is an election: choose a candidate (up to {}), or vote blank.", c.item, b.seats));
  if (c.paper->spoilt && !c.by_clerk)
    return refuse(ErrorCode::BadPaper, "Only the clerk enters a spoilt ballot (a paper ballot the bureau judged void).");
  if (auto problem = paper_problem(*c.paper, b.candidates, b.seats)) return refuse(ErrorCode::BadPaper, *problem);
  if (b.mode == BallotMode::Secret) {
    if (b.secret_voted.contains(voice->id))
      return refuse(ErrorCode::AlreadyVoted,
                    fmt::format("{} has already voted in this round of item {}; a secret ballot does not allow changes: "
                                "your first ballot stands.",
                                voice->name, c.item));
    ev::SecretChoiceCast what{c.item, Choice::Pour, 1, *c.paper};
    return std::vector<Event>{ev::SecretVoteCast{c.item, voice->id, holder, c.by_clerk, now}, what};
  }
  Cast cast{Choice::Pour, holder, c.by_clerk, *c.paper};
  if (auto prev = b.casts.find(voice->id); prev != b.casts.end()) {
    if (prev->second.paper == cast.paper) return std::vector<Event>{};  // a resend
    if (!b.allow_change)
      return refuse(ErrorCode::AlreadyVoted,
                    fmt::format("{} has already voted in this round of item {}; this ballot does not allow changes.",
                                voice->name, c.item));
  }
  return std::vector<Event>{ev::VoteCast{c.item, voice->id, cast, now}};
}

Session::Result Session::decide_(const cmd::CloseBallot& c, Millis now) const {
  const Item* it = item(c.item);
  if (!it) return refuse(ErrorCode::UnknownItem, fmt::format("No item {} on the agenda.", c.item));
  const Ballot* b = ballot(c.item);
  if (!b) return refuse(ErrorCode::BallotNotOpen, fmt::format("Item {} has not been put to the vote yet.", c.item));
  if (b->closed) return refuse(ErrorCode::BallotClosed, fmt::format("The ballot on item {} is already closed.", c.item));
  Tally t = count(*this, *b);
  if (b->round == 0) return std::vector<Event>{ev::BallotClosed{c.item, t, decide_outcome(rules_, *b, t, info_.president), now}};

  RoundPapers papers;
  if (b->mode == BallotMode::Secret) {
    papers.votes = b->secret_votes;
    papers.papers = static_cast<std::int64_t>(b->secret_voted.size());
    papers.blank = b->secret_blank;
    papers.spoilt = b->secret_spoilt;
  } else {
    for (const auto& [voice, cast] : b->casts) {
      ++papers.papers;
      papers.blank += cast.paper.blank ? 1 : 0;
      papers.spoilt += cast.paper.spoilt ? 1 : 0;
      for (const std::string& name : cast.paper.names) ++papers.votes[name];
    }
  }
  std::vector<Candidate> standing_here;
  for (const std::string& id : b->candidates) standing_here.push_back(*candidate(c.item, id));
  ev::BallotClosed closed{c.item, t, Outcome{}, now, {}};
  closed.result = count_round(it->election_rules, b->round, b->seats, standing_here, papers,
                              static_cast<std::int64_t>(b->voices.size()));
  closed.outcome.adopted = !closed.result.elected.empty();
  return std::vector<Event>{closed};
}

Session::Result Session::decide_(const cmd::AddCandidate& c, Millis) const {
  const Item* it = item(c.item);
  if (!it) return refuse(ErrorCode::UnknownItem, fmt::format("No item {} on the agenda.", c.item));
  if (it->election_seats == 0)
    return refuse(ErrorCode::NotAnElection, fmt::format("Item {} is a motion, not an election: it has no candidates.", c.item));
  if (election_over(c.item)) return refuse(ErrorCode::ElectionOver, fmt::format("The election on item {} is over.", c.item));
  if (const Ballot* b = ballot(c.item); b && !b->closed)
    return refuse(ErrorCode::BallotAlreadyOpen,
                  fmt::format("A round of item {} is open: candidates are added between rounds.", c.item));
  Candidate cand = c.candidate;
  if (cand.id.empty()) return refuse(ErrorCode::InvalidArgument, "A candidate needs an id (the member's, or one you choose).");
  if (const Member* m = member(cand.id)) {
    cand.member = m->id;
    if (cand.name.empty()) cand.name = m->name;
    if (cand.birth_date.empty()) cand.birth_date = m->birth_date;
  } else {
    cand.member.clear();
    if (cand.name.empty())
      return refuse(ErrorCode::UnknownMember,
                    fmt::format("{} is not on the roster: for a person from outside the council give a name and a birth date.", cand.id));
  }
  if (cand.birth_date.empty())
    return refuse(ErrorCode::NoBirthDate,
                  fmt::format("{} has no birth date: at equal votes the oldest is elected, so give it (YYYY-MM-DD).", cand.name));
  if (!iso_date(cand.birth_date))
    return refuse(ErrorCode::InvalidArgument,
                  fmt::format("The birth date {} of {} is not a date (YYYY-MM-DD).", cand.birth_date, cand.name));
  if (const Candidate* known = candidate(c.item, cand.id)) {
    if (!election(c.item)->withdrawn.contains(cand.id) && *known == cand) return std::vector<Event>{};  // a resend
    if (!election(c.item)->withdrawn.contains(cand.id))
      return refuse(ErrorCode::InvalidArgument, fmt::format("{} is already a candidate on item {}.", known->name, c.item));
    if (known->name != cand.name || known->birth_date != cand.birth_date)
      return refuse(ErrorCode::InvalidArgument,
                    fmt::format("The id {} was used for {}; give another id to this candidate.", cand.id, known->name));
  }
  return std::vector<Event>{ev::CandidateAdded{c.item, cand}};
}

Session::Result Session::decide_(const cmd::WithdrawCandidate& c, Millis) const {
  const Item* it = item(c.item);
  if (!it) return refuse(ErrorCode::UnknownItem, fmt::format("No item {} on the agenda.", c.item));
  if (it->election_seats == 0)
    return refuse(ErrorCode::NotAnElection, fmt::format("Item {} is a motion, not an election: it has no candidates.", c.item));
  const Candidate* cand = candidate(c.item, c.candidate);
  if (!cand) return refuse(ErrorCode::UnknownCandidate, fmt::format("{} is not a candidate on item {}.", c.candidate, c.item));
  if (election_over(c.item)) return refuse(ErrorCode::ElectionOver, fmt::format("The election on item {} is over.", c.item));
  if (const Ballot* b = ballot(c.item); b && !b->closed)
    return refuse(ErrorCode::BallotAlreadyOpen,
                  fmt::format("A round of item {} is open: a candidate withdraws between rounds.", c.item));
  const Election* e = election(c.item);
  if (std::ranges::find(e->elected, cand->id) != e->elected.end())
    return refuse(ErrorCode::InvalidArgument, fmt::format("{} is already elected.", cand->name));
  if (e->withdrawn.contains(cand->id)) return std::vector<Event>{};
  return std::vector<Event>{ev::CandidateWithdrawn{c.item, cand->id}};
}

Session::Result Session::decide_(const cmd::DesignateWithoutBallot& c, Millis now) const {
  const Item* it = item(c.item);
  if (!it) return refuse(ErrorCode::UnknownItem, fmt::format("No item {} on the agenda.", c.item));
  if (it->election_seats == 0)
    return refuse(ErrorCode::NotAnElection, fmt::format("Item {} is a motion, not an election.", c.item));
  if (!it->election_rules.designation_without_ballot)
    return refuse(ErrorCode::InvalidArgument,
                  fmt::format("Under \"{}\" there is no designation without a ballot: open a round.", it->election_rules.name));
  if (ballot(c.item))
    return refuse(ErrorCode::BallotAlreadyOpen,
                  fmt::format("Item {} has been put to the vote: the designation goes on by ballot.", c.item));
  if (election_over(c.item)) return refuse(ErrorCode::ElectionOver, fmt::format("The election on item {} is over.", c.item));
  const auto standing_now = standing(c.item);
  if (static_cast<int>(standing_now.size()) != seats_remaining(c.item))
    return refuse(ErrorCode::InvalidArgument,
                  fmt::format("A designation without ballot needs one candidature per seat: {} candidate{} for {} seat{}.",
                              standing_now.size(), standing_now.size() > 1 ? "s" : "", seats_remaining(c.item),
                              seats_remaining(c.item) > 1 ? "s" : ""));
  ev::DesignatedWithoutBallot e{c.item, standing_now, attendance_for(c.item), now};
  if (!e.snapshot.quorum_met && !info_.reconvened)
    return refuse(ErrorCode::QuorumNotMet,
                  fmt::format("Quorum not met for item {}: {} members present of {} in office, {} required.", c.item,
                              e.snapshot.quorum_present, e.snapshot.in_office, e.snapshot.quorum_required));
  return std::vector<Event>{e};
}

Session::Result Session::decide_(const cmd::RecordPrefectureDates& c, Millis) const {
  if (!item(c.item)) return refuse(ErrorCode::UnknownItem, fmt::format("No item {} on the agenda.", c.item));
  const Ballot* b = ballot(c.item);
  const bool decided = election(c.item) ? election_over(c.item) : (b && b->closed);
  if (!decided)
    return refuse(ErrorCode::BallotNotOpen,
                  fmt::format("Item {} has no closed ballot: there is no deliberation to date yet.", c.item));
  if (c.received.empty() && c.published.empty())
    return refuse(ErrorCode::InvalidArgument, "Give the prefecture's receipt date, the publication date, or both.");
  for (const auto& [what, date] : {std::pair{"receipt", &c.received}, std::pair{"publication", &c.published}}) {
    if (date->empty()) continue;
    if (!iso_date(*date))
      return refuse(ErrorCode::InvalidArgument, fmt::format("The {} date {} is not a date (YYYY-MM-DD, e.g. 2022-04-04).", what, *date));
    if (*date < info_.date)
      return refuse(ErrorCode::InvalidArgument,
                    fmt::format("The {} date {} is before the sitting of {}.", what, *date, info_.date));
  }
  PrefectureDates now = prefecture_dates(c.item);
  if (!c.received.empty()) now.received = c.received;
  if (!c.published.empty()) now.published = c.published;
  if (now == prefecture_dates(c.item)) return std::vector<Event>{};  // already recorded
  return std::vector<Event>{ev::PrefectureDatesRecorded{c.item, now.received, now.published}};
}

Session::Result Session::decide_(const cmd::CancelBallot& c, Millis now) const {
  if (!item(c.item)) return refuse(ErrorCode::UnknownItem, fmt::format("No item {} on the agenda.", c.item));
  const Ballot* b = ballot(c.item);
  if (!b) return refuse(ErrorCode::BallotNotOpen, fmt::format("Item {} has not been put to the vote; there is nothing to cancel.", c.item));
  if (b->closed)
    return refuse(ErrorCode::BallotClosed,
                  fmt::format("The ballot on item {} is closed and its result proclaimed; a closed ballot cannot be cancelled.", c.item));
  if (c.reason.find_first_not_of(" \t\n") == std::string::npos)
    return refuse(ErrorCode::InvalidArgument, fmt::format("Say why the ballot on item {} is cancelled: the reason is journalled.", c.item));
  return std::vector<Event>{ev::BallotCancelled{c.item, c.reason, now}};
}

Session::Result Session::decide_(const cmd::ReconveneSession& c, Millis) const {
  if (!ballots_.empty() || !cancelled_.empty())
    return refuse(ErrorCode::AlreadyConfigured,
                  "A ballot has been opened in this sitting; a reconvened sitting starts before any vote.");
  if (!iso_date(c.date))
    return refuse(ErrorCode::InvalidArgument,
                  fmt::format("A reconvened sitting needs its new date (YYYY-MM-DD, e.g. 2026-12-07), not '{}'.", c.date));
  return std::vector<Event>{ev::SessionReconvened{c.date, c.time}};
}

// ---- The clerk's corrections ----------------------------------------------------
// Sentences in French: the clerk reads them as they are (scrutinctl, the console).

Session::Result Session::decide_(const cmd::EditMember& c, Millis) const {
  const Member* old = member(c.member.id);
  if (!old)
    return refuse(ErrorCode::UnknownMember, fmt::format("Aucun membre n'a l'identifiant {} dans la liste.", c.member.id));
  const Member& m = c.member;
  if (m.name.find_first_not_of(" \t") == std::string::npos)
    return refuse(ErrorCode::InvalidArgument, fmt::format("Le membre {} doit garder un nom.", m.id));
  if (m.weight <= 0)
    return refuse(ErrorCode::InvalidArgument,
                  fmt::format("Le poids de vote de {} doit être positif (et non {}).", m.name, m.weight));
  if (m == *old) return std::vector<Event>{};  // nothing to change: a resend
  const bool status_changes = m.kind != old->kind || m.substitute_of != old->substitute_of;
  if (status_changes) {
    // Titular or substitute decides who is in office: fixed once a vote counted them.
    if (!ballots_.empty() || !cancelled_.empty())
      return refuse(ErrorCode::RosterLocked,
                    fmt::format("Un scrutin a déjà été ouvert : {} ne peut plus passer de titulaire à suppléant "
                                "ni changer de titulaire remplacé. Le nom, le groupe et la date de naissance "
                                "restent modifiables.",
                                old->name));
    if (present_.contains(m.id) || proxies_.contains(m.id) || proxies_held(m.id) > 0)
      return refuse(ErrorCode::MemberInUse,
                    fmt::format("{} est présent ou a une procuration : pointez son départ ou révoquez la "
                                "procuration avant de changer sa qualité.",
                                old->name));
    if (m.kind == MemberKind::Substitute) {
      const Member* t = member(m.substitute_of);
      if (!t || t->kind != MemberKind::Titular || t->id == m.id)
        return refuse(ErrorCode::InvalidArgument,
                      fmt::format("Le suppléant {} doit nommer le titulaire qu'il remplace (reçu « {} »).", m.name,
                                  m.substitute_of));
      for (const Member& other : roster_)
        if (other.kind == MemberKind::Substitute && other.substitute_of == m.id)
          return refuse(ErrorCode::MemberInUse,
                        fmt::format("{} a un suppléant, {} : il ne peut pas devenir suppléant lui-même.", old->name,
                                    other.name));
    } else if (!m.substitute_of.empty()) {
      return refuse(ErrorCode::InvalidArgument,
                    fmt::format("{} est titulaire : il ne remplace personne.", m.name));
    } else if (info_.seats > 0 && members_in_office() + 1 > info_.seats) {
      return refuse(ErrorCode::InvalidArgument,
                    fmt::format("{} titulaires pour {} sièges : {} ne peut pas devenir titulaire.",
                                members_in_office() + 1, info_.seats, m.name));
    }
  }
  if (m.weight != old->weight) {
    if (const Ballot* b = open_ballot())
      return refuse(ErrorCode::BallotAlreadyOpen,
                    fmt::format("Le scrutin sur le point {} est ouvert : le poids de vote de {} changera après "
                                "sa clôture.",
                                b->item, old->name));
  }
  return std::vector<Event>{ev::MemberEdited{m}};
}

Session::Result Session::decide_(const cmd::RemoveMember& c, Millis) const {
  const Member* m = member(c.member);
  if (!m) return refuse(ErrorCode::UnknownMember, fmt::format("Aucun membre n'a l'identifiant {} dans la liste.", c.member));
  if (took_part(m->id))
    return refuse(ErrorCode::MemberTookPart,
                  fmt::format("{} a pris part à un scrutin : il reste dans la liste, où il peut être corrigé, "
                              "mais ne peut pas en être retiré.",
                              m->name));
  if (present_.contains(m->id))
    return refuse(ErrorCode::MemberInUse, fmt::format("{} est pointé présent : pointez son départ avant de le retirer.", m->name));
  if (proxies_.contains(m->id) || proxies_held(m->id) > 0)
    return refuse(ErrorCode::MemberInUse,
                  fmt::format("{} a donné ou détient une procuration : révoquez-la avant de le retirer.", m->name));
  for (const Member& other : roster_)
    if (other.kind == MemberKind::Substitute && other.substitute_of == m->id)
      return refuse(ErrorCode::MemberInUse,
                    fmt::format("{} est le suppléant de {} : retirez d'abord le suppléant.", other.name, m->name));
  if (info_.president == m->id || info_.secretary == m->id)
    return refuse(ErrorCode::MemberInUse,
                  fmt::format("{} est {} de séance : désignez-en un autre avant de le retirer.", m->name,
                              info_.president == m->id ? "président" : "secrétaire"));
  for (const Item& i : agenda_)
    if (i.rapporteur == m->id)
      return refuse(ErrorCode::MemberInUse,
                    fmt::format("{} est rapporteur du point {} : changez le rapporteur avant de le retirer.", m->name, i.id));
  return std::vector<Event>{ev::MemberRemoved{m->id}};
}

Session::Result Session::decide_(const cmd::EditItem& c, Millis) const {
  const Item* old = item(c.item.id);
  if (!old) return refuse(ErrorCode::UnknownItem, fmt::format("Aucun point {} à l'ordre du jour.", c.item.id));
  // A cancelled ballot was no deliberation: the item can be corrected before its new vote.
  if (ballots_.contains(old->id))
    return refuse(ErrorCode::ItemPutToVote,
                  fmt::format("Le point {} a été mis aux voix : il ne peut plus être modifié.", old->id));
  if (c.item.title.find_first_not_of(" \t\n") == std::string::npos)
    return refuse(ErrorCode::InvalidArgument, fmt::format("Le point {} doit garder un titre.", old->id));
  if (!c.item.rapporteur.empty() && !member(c.item.rapporteur))
    return refuse(ErrorCode::UnknownMember,
                  fmt::format("Le rapporteur {} n'est pas dans la liste des membres.", c.item.rapporteur));
  if (c.item == *old) return std::vector<Event>{};
  return std::vector<Event>{ev::ItemEdited{c.item}};
}

Session::Result Session::decide_(const cmd::RemoveItem& c, Millis) const {
  if (!item(c.item)) return refuse(ErrorCode::UnknownItem, fmt::format("Aucun point {} à l'ordre du jour.", c.item));
  if (put_to_vote(c.item))
    return refuse(ErrorCode::ItemPutToVote,
                  fmt::format("Le point {} a été mis aux voix : il reste à l'ordre du jour.", c.item));
  return std::vector<Event>{ev::ItemRemoved{c.item}};
}

Session::Result Session::decide_(const cmd::ResetPin& c, Millis now) const {
  if (!member(c.member))
    return refuse(ErrorCode::UnknownMember, fmt::format("Aucun membre n'a l'identifiant {} dans la liste.", c.member));
  return std::vector<Event>{ev::PinReset{c.member, now}};
}

// ---- apply (the fold) --------------------------------------------------------

void Session::apply(const Event& event) {
  std::visit([&](const auto& e) { apply_(e); }, event);
  ++events_applied_;
}

void Session::apply_(const ev::SessionConfigured& e) {
  configured_ = true;
  info_ = e.info;
  rules_ = e.rules;
}
void Session::apply_(const ev::MemberAdded& e) {
  index_[e.member.id] = roster_.size();
  roster_.push_back(e.member);
}
void Session::apply_(const ev::MemberArrived& e) {
  movements_[e.member].first = e.at;
  present_.insert(e.member);
  excused_.erase(e.member);
}
void Session::apply_(const ev::MemberLeft& e) {
  movements_[e.member].second = e.at;
  present_.erase(e.member);
}
void Session::apply_(const ev::MemberEdited& e) {
  if (auto it = index_.find(e.member.id); it != index_.end()) roster_[it->second] = e.member;
}
void Session::apply_(const ev::MemberRemoved& e) {
  std::erase_if(roster_, [&](const Member& m) { return m.id == e.member; });
  index_.clear();
  for (std::size_t i = 0; i < roster_.size(); ++i) index_[roster_[i].id] = i;
  present_.erase(e.member);
  excused_.erase(e.member);
  movements_.erase(e.member);
  for (auto& [item, members] : interested_) members.erase(e.member);
}
void Session::apply_(const ev::ItemEdited& e) {
  for (Item& i : agenda_)
    if (i.id == e.item.id) i = e.item;
  // Made an election (or a motion) before any vote: its course follows.
  if (e.item.election_seats > 0) elections_[e.item.id];
  else elections_.erase(e.item.id);
}
void Session::apply_(const ev::ItemRemoved& e) {
  std::erase_if(agenda_, [&](const Item& i) { return i.id == e.item; });
  interested_.erase(e.item);
  elections_.erase(e.item);
}
void Session::apply_(const ev::PinReset&) {}  // the credentials live in the server
void Session::apply_(const ev::AbsenceExcused& e) { excused_.insert(e.member); }
void Session::apply_(const ev::ProxyRegistered& e) { proxies_[e.proxy.mandant] = e.proxy; }
void Session::apply_(const ev::ProxyRevoked& e) { proxies_.erase(e.mandant); }
void Session::apply_(const ev::ItemAdded& e) {
  agenda_.push_back(e.item);
  if (e.item.election_seats > 0) elections_[e.item.id];
}
void Session::apply_(const ev::CandidateAdded& e) {
  Election& el = elections_[e.item];
  el.withdrawn.erase(e.candidate.id);
  if (std::ranges::find(el.candidates, e.candidate.id, &Candidate::id) == el.candidates.end())
    el.candidates.push_back(e.candidate);
}
void Session::apply_(const ev::CandidateWithdrawn& e) { elections_[e.item].withdrawn.insert(e.candidate); }
void Session::apply_(const ev::DesignatedWithoutBallot& e) {
  Election& el = elections_[e.item];
  el.designated_without_ballot = true;
  el.designation_snapshot = e.snapshot;
  el.designated_at = e.at;
  el.elected.insert(el.elected.end(), e.elected.begin(), e.elected.end());
}
void Session::apply_(const ev::ConflictDeclared& e) { interested_[e.item].insert(e.member); }
void Session::apply_(const ev::BallotOpened& e) {
  Ballot& b = ballots_[e.item];
  b = Ballot{};  // a fresh ballot, also after a cancelled one
  b.item = e.item;
  b.mode = e.mode;
  b.allow_change = e.allow_change;
  b.majority = e.majority;
  b.majority_base = e.majority_base;
  b.snapshot = e.snapshot;
  b.voices = e.voices;
  b.round = e.round;
  b.candidates = e.candidates;
  b.seats = e.seats;
}
void Session::apply_(const ev::VoteCast& e) { ballots_[e.item].casts[e.voice] = e.cast; }
void Session::apply_(const ev::SecretVoteCast& e) {
  Ballot& b = ballots_[e.item];
  b.secret_voted.insert(e.voice);
  if (e.by_clerk) b.secret_by_clerk.insert(e.voice);
}
void Session::apply_(const ev::SecretChoiceCast& e) {
  Ballot& b = ballots_[e.item];
  if (b.round > 0) {  // an election's paper
    b.secret_blank += e.paper.blank ? 1 : 0;
    b.secret_spoilt += e.paper.spoilt ? 1 : 0;
    for (const std::string& name : e.paper.names) b.secret_votes[name] += 1;
    return;
  }
  b.secret_heads[e.choice] += 1;
  b.secret_weight[e.choice] += e.weight;
}
void Session::apply_(const ev::BallotClosed& e) {
  Ballot& b = ballots_[e.item];
  b.closed = true;
  b.tally = e.tally;
  b.outcome = e.outcome;
  b.result = e.result;
  if (b.round > 0) {
    Election& el = elections_[e.item];
    el.rounds.push_back(b);
    el.elected.insert(el.elected.end(), e.result.elected.begin(), e.result.elected.end());
  }
}
void Session::apply_(const ev::BallotCancelled& e) {
  ballots_.erase(e.item);
  cancelled_.push_back(CancelledBallot{e.item, e.reason, e.at});
}
void Session::apply_(const ev::SessionReconvened& e) {
  info_.reconvened = true;
  info_.date = e.date;
  info_.time = e.time;
}

void Session::apply_(const ev::PrefectureDatesRecorded& e) {
  prefecture_dates_[e.item] = PrefectureDates{e.received, e.published};
}

std::expected<std::vector<Event>, Error> Session::execute(const Command& command, Millis now) {
  auto events = decide(command, now);
  if (events)
    for (const Event& e : *events) apply(e);
  return events;
}

Session Session::replay(const std::vector<Event>& events) {
  Session s;
  for (const Event& e : events) s.apply(e);
  return s;
}

// ---- Tally and outcome ---------------------------------------------------------

Tally count(const Session& session, const Ballot& b) {
  Tally t;
  auto add = [&](Counts& c, Choice choice, std::int64_t n) {
    switch (choice) {
      case Choice::Pour: c.pour += n; break;
      case Choice::Contre: c.contre += n; break;
      case Choice::Abstention: c.abstentions += n; break;
      case Choice::NotTakingPart: break;  // counted below as the remainder
    }
  };
  auto weight = [&](const MemberId& id) {
    const Member* m = session.member(id);
    return m ? m->weight : 1;
  };
  // The voters are the voices: members sitting and free of interest, and the
  // mandants whose proxy is exercised. An interested member is not a voter.
  for (const auto& [voice, holder] : b.voices) {
    t.heads.voters += 1;
    t.weighted.voters += weight(voice);
  }
  if (b.round > 0) {
    // An election's round: its papers are counted by count_round (RoundResult);
    // here only the voters and those who cast no paper.
    const auto papers = static_cast<std::int64_t>(b.mode == BallotMode::Secret ? b.secret_voted.size() : b.casts.size());
    t.heads.not_taking_part = t.heads.voters - papers;
    t.weighted.not_taking_part = t.heads.not_taking_part;
    t.weighted.voters = t.heads.voters;  // elections count heads
    return t;
  }
  if (b.mode == BallotMode::Secret) {
    for (const auto& [choice, n] : b.secret_heads) add(t.heads, choice, n);
    for (const auto& [choice, n] : b.secret_weight) add(t.weighted, choice, n);
  } else {
    for (const auto& [voice, cast] : b.casts) {
      add(t.heads, cast.choice, 1);
      add(t.weighted, cast.choice, weight(voice));
    }
  }
  for (Counts* c : {&t.heads, &t.weighted})
    c->not_taking_part = c->voters - c->pour - c->contre - c->abstentions;
  return t;
}

Outcome decide_outcome(const RuleSet& rules, const Ballot& b, const Tally& tally, const MemberId& president) {
  const MajorityCheck m = check_majority(b.majority, b.majority_base, rules.weighted, tally);
  const Counts& c = m.deciding;
  Outcome o;
  o.adopted = m.reached();
  o.tie = m.tie();  // on weights where the rules weigh
  if (o.tie) {
    // A tie under the absolute majority: the president's own vote decides,
    // except in a secret ballot where a tie rejects (CGCT L2121-20).
    if (rules.casting_vote && b.mode != BallotMode::Secret && is_absolute_majority(b.majority)) {
      if (auto it = b.casts.find(president); it != b.casts.end() &&
                                             (it->second.choice == Choice::Pour || it->second.choice == Choice::Contre)) {
        o.adopted = it->second.choice == Choice::Pour;
        o.casting_vote_decided = true;
      }
    }
  }
  // Unanimity: every expressed vote is pour. The record says "des suffrages
  // exprimés" when some voters abstained or took no part.
  o.unanimous = o.adopted && c.contre == 0 && c.pour > 0;
  return o;
}

}  // namespace scrutin
