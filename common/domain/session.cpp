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

bool valid_fraction(const Fraction& f) {
  return f.den > 0 && f.num >= 0 && f.num <= f.den && f.den <= kMaxFractionTerm;
}

// Sums that grow with the roster (weighted tallies) stop at the int64 bound
// instead of wrapping: with the bounds at the door they never reach it.
std::int64_t add_checked(std::int64_t a, std::int64_t b) {
  std::int64_t out;
  if (__builtin_add_overflow(a, b, &out)) return b > 0 ? INT64_MAX : INT64_MIN;
  return out;
}

// A secret ballot's counts from its bulletins: a motion's by choice (heads and
// weight), an election round's by paper (votes by candidate, blank, spoilt).
void add_to_secret_counts(Ballot& b, const ev::SecretChoiceCast& e) {
  if (b.round > 0) {
    b.secret_blank = add_checked(b.secret_blank, e.paper.blank ? 1 : 0);
    b.secret_spoilt = add_checked(b.secret_spoilt, e.paper.spoilt ? 1 : 0);
    for (const std::string& name : e.paper.names) b.secret_votes[name] = add_checked(b.secret_votes[name], 1);
    return;
  }
  b.secret_heads[e.choice] = add_checked(b.secret_heads[e.choice], 1);
  b.secret_weight[e.choice] = add_checked(b.secret_weight[e.choice], e.weight);
}
void clear_secret_counts(Ballot& b) {
  b.secret_heads.clear();
  b.secret_weight.clear();
  b.secret_votes.clear();
  b.secret_blank = 0;
  b.secret_spoilt = 0;
}

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
  if (rules.quorum.num <= 0) return 0;
  // Rules are checked at the door (den in 1..kMaxFractionTerm); a rule that is
  // not a fraction asks for more than everyone rather than divide by zero.
  if (!valid_fraction(rules.quorum)) return in_office + 1;
  const std::int64_t n = std::int64_t{in_office} * rules.quorum.num;
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

const Ballot* Session::last_ballot() const { return last_ballot_.empty() ? nullptr : ballot(last_ballot_); }

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
  // Under weighted rules a bulletin carries its voice's weight into the box,
  // and a weight is often one member's alone (shares, thousandths): the box
  // would say who voted what. The secret ballot is refused for new ballots;
  // a journal recorded before this rule still replays (decide_checked).
  if (const auto* open = std::get_if<cmd::OpenBallot>(&command);
      open && open->mode == BallotMode::Secret && configured_ && rules_.weighted)
    return refuse(ErrorCode::InvalidArgument,
                  "Le scrutin secret n'est pas possible quand les voix sont pondérées : le poids d'un bulletin "
                  "désignerait son auteur. Ouvrez un scrutin public ou nominal.");
  return decide_checked(command, now);
}

Session::Result Session::decide_checked(const Command& command, Millis now) const {
  if (!configured_ && !std::holds_alternative<cmd::ConfigureSession>(command))
    return refuse(ErrorCode::NotConfigured, "The session is not configured yet: set the body, date and rules first.");
  return std::visit([&](const auto& c) { return decide_(c, now); }, command);
}

Session::Result Session::decide_(const cmd::ConfigureSession& c, Millis) const {
  if (!ballots_.empty() || !cancelled_.empty())
    return refuse(ErrorCode::AlreadyConfigured, "The session cannot be reconfigured once a ballot has been opened.");
  if (c.info.seats < 0)
    return refuse(ErrorCode::InvalidArgument, "The number of seats cannot be negative.");
  if (c.info.seats > kMaxSeats)
    return refuse(ErrorCode::InvalidArgument,
                  fmt::format("Le nombre de sièges ({}) dépasse le plafond de {} : vérifiez le chiffre saisi.",
                              c.info.seats, kMaxSeats));
  for (const auto& [what, f] : {std::pair{"Le quorum", &c.rules.quorum}, std::pair{"La majorité", &c.rules.majority}})
    if (f->num > kMaxFractionTerm || f->den > kMaxFractionTerm || f->num < -kMaxFractionTerm ||
        f->den < -kMaxFractionTerm)
      return refuse(ErrorCode::InvalidArgument,
                    fmt::format("{} {}/{} a des termes trop grands : numérateur et dénominateur vont de 1 à {} "
                                "(par exemple 1/2, 2/3, 501/1000).",
                                what, f->num, f->den, kMaxFractionTerm));
  if (c.info.seats > 0 && c.info.seats < members_in_office())
    return refuse(ErrorCode::InvalidArgument,
                  fmt::format("The roster already has {} titular members, more than {} seats.", members_in_office(), c.info.seats));
  if (c.info.date.empty()) return refuse(ErrorCode::InvalidArgument, "The session needs a date.");
  if (!valid_fraction(c.rules.quorum) || !valid_fraction(c.rules.majority) || c.rules.majority.num == 0)
    return refuse(ErrorCode::InvalidArgument, "Quorum and majority must be fractions between 0 and 1 (majority above 0).");
  if (c.rules.max_proxies_per_holder < 0 || c.rules.max_proxy_sessions < 1)
    return refuse(ErrorCode::InvalidArgument, "Proxy limits must be non-negative, validity at least one session.");
  if (c.rules.max_proxies_per_holder > kMaxProxiesPerHolder || c.rules.max_proxy_sessions > kMaxProxySessions)
    return refuse(ErrorCode::InvalidArgument,
                  fmt::format("Les règles des pouvoirs dépassent les plafonds : au plus {} pouvoirs par membre (ici {}) "
                              "et une validité d'au plus {} séances (ici {}).",
                              kMaxProxiesPerHolder, c.rules.max_proxies_per_holder, kMaxProxySessions,
                              c.rules.max_proxy_sessions));
  return std::vector<Event>{ev::SessionConfigured{c.info, c.rules}};
}

Session::Result Session::decide_(const cmd::ImportRoster& c, Millis) const {
  if (!ballots_.empty() || !cancelled_.empty())
    return refuse(ErrorCode::RosterLocked, "The roster cannot change once a ballot has been opened.");
  std::map<MemberId, const Member*> all;
  for (const Member& m : roster_) all[m.id] = &m;
  int titulars = members_in_office();
  if (c.members.size() > kMaxMembers || roster_.size() + c.members.size() > kMaxMembers)
    return refuse(ErrorCode::InvalidArgument,
                  fmt::format("La liste compterait {} membres : le plafond est de {}.", roster_.size() + c.members.size(),
                              kMaxMembers));
  for (const Member& m : c.members) {
    if (m.id.empty() || m.name.empty())
      return refuse(ErrorCode::InvalidArgument, "Every member needs an id and a name.");
    if (!all.emplace(m.id, &m).second)
      return refuse(ErrorCode::InvalidArgument, fmt::format("Member id {} appears twice.", m.id));
    if (m.weight <= 0)
      return refuse(ErrorCode::InvalidArgument, fmt::format("{} has a vote weight of {}; it must be positive.", m.name, m.weight));
    if (m.weight > kMaxWeight)
      return refuse(ErrorCode::InvalidArgument,
                    fmt::format("{} a un poids de vote de {} : le plafond est de {} (des millièmes, des parts).", m.name,
                                m.weight, kMaxWeight));
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
    if (!t)
      return refuse(ErrorCode::SubstituteNotAllowed,
                    fmt::format("Le suppléant {} remplace {}, qui n'est pas sur la liste des membres.", m->name,
                                m->substitute_of));
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
    const Member* given_to = member(it->second.holder);
    return refuse(ErrorCode::ProxyRefused, fmt::format("{} has already given a proxy to {}; revoke it first.",
                                                       mandant->name, given_to ? given_to->name : it->second.holder));
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
  if (c.qualified_majority && (c.qualified_majority->den > kMaxFractionTerm || c.qualified_majority->num > kMaxFractionTerm))
    return refuse(ErrorCode::InvalidArgument,
                  fmt::format("La majorité qualifiée {}/{} a des termes trop grands : au plus {} (par exemple 2/3, 3/5).",
                              c.qualified_majority->num, c.qualified_majority->den, kMaxFractionTerm));
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
  // The holder, not who sends it: a vote the clerk enters for a voice is still
  // cast by its holder, and the journal's check at replay looks at the holder too.
  if (interested(c.item).contains(v->second))
    return refuse(ErrorCode::Interested, fmt::format("A member with an interest in item {} takes no part in its vote.", c.item));
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
                              ev::SecretChoiceCast{c.item, c.choice, rules_.weighted ? voice->weight : 1, {}}};
  }
  const Cast cast{c.choice, v->second, c.by_clerk, {}};
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
    // The names in one order (sorted): the order a voter chose could mark the paper in the sealed box.
    Paper paper = *c.paper;
    std::ranges::sort(paper.names);
    ev::SecretChoiceCast what{c.item, Choice::Pour, 1, std::move(paper)};
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
  // A secret ballot's box is sealed into the chain first; the tally (or the
  // round's papers) is counted from it.
  std::vector<Event> out = seal_if_secret(*b);
  Ballot sealed = *b;
  if (!out.empty()) {
    clear_secret_counts(sealed);
    for (const auto& e : std::get<ev::SecretBoxSealed>(out.front()).contents) add_to_secret_counts(sealed, e);
  }
  Tally t = count(*this, sealed);
  if (b->round == 0) {
    out.push_back(ev::BallotClosed{c.item, t, decide_outcome(rules_, sealed, t, info_.president), now, {}});
    return out;
  }

  RoundPapers papers;
  if (sealed.mode == BallotMode::Secret) {
    papers.votes = sealed.secret_votes;
    papers.papers = static_cast<std::int64_t>(sealed.secret_voted.size());
    papers.blank = sealed.secret_blank;
    papers.spoilt = sealed.secret_spoilt;
  } else {
    for (const auto& [voice, cast] : sealed.casts) {
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
  out.push_back(closed);
  return out;
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
  // The box of a secret ballot put aside is sealed too: nothing recorded is thrown away.
  std::vector<Event> out = seal_if_secret(*b);
  out.push_back(ev::BallotCancelled{c.item, c.reason, now});
  return out;
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
  if (m.weight <= 0 || m.weight > kMaxWeight)
    return refuse(ErrorCode::InvalidArgument,
                  fmt::format("Le poids de vote de {} doit aller de 1 à {} (et non {}).", m.name, kMaxWeight, m.weight));
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
  b.live_heads.voters = static_cast<std::int64_t>(e.voices.size());  // interested members are not voters
  b.live_heads.not_taking_part = b.live_heads.voters;                 // until they vote
  for (const auto& [voice, holder] : e.voices) b.voices_of_holder[holder].push_back(voice);
  b.round = e.round;
  b.candidates = e.candidates;
  b.seats = e.seats;
  last_ballot_ = e.item;
}
namespace {
std::int64_t* live_count(Counts& c, Choice choice) {
  switch (choice) {
    case Choice::Pour: return &c.pour;
    case Choice::Contre: return &c.contre;
    case Choice::Abstention: return &c.abstentions;
    case Choice::NotTakingPart: return &c.not_taking_part;
  }
  return &c.not_taking_part;
}
}  // namespace
void Session::apply_(const ev::VoteCast& e) {
  Ballot& b = ballots_[e.item];
  if (b.round > 0) {  // an election's paper: no pour/contre to count live
    b.casts[e.voice] = e.cast;
    return;
  }
  // A changed vote moves from its old choice; a first one from "not cast yet".
  if (auto prev = b.casts.find(e.voice); prev != b.casts.end()) --*live_count(b.live_heads, prev->second.choice);
  else --b.live_heads.not_taking_part;
  ++*live_count(b.live_heads, e.cast.choice);
  b.casts[e.voice] = e.cast;
}
void Session::apply_(const ev::SecretVoteCast& e) {
  Ballot& b = ballots_[e.item];
  b.secret_voted.insert(e.voice);
  if (e.by_clerk) b.secret_by_clerk.insert(e.voice);
}
void Session::apply_(const ev::SecretChoiceCast& e) {
  Ballot& b = ballots_[e.item];
  add_to_secret_counts(b, e);
  b.secret_box[SecretBulletin{e.choice, e.weight, e.paper}] += 1;
}
void Session::apply_(const ev::SecretBoxSealed& e) {
  Ballot& b = ballots_[e.item];
  clear_secret_counts(b);
  b.secret_box.clear();
  for (const ev::SecretChoiceCast& c : e.contents) {
    add_to_secret_counts(b, c);
    b.secret_box[SecretBulletin{c.choice, c.weight, c.paper}] += 1;
  }
  b.sealed = true;
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
  if (last_ballot_ == e.item) last_ballot_.clear();
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
      case Choice::Pour: c.pour = add_checked(c.pour, n); break;
      case Choice::Contre: c.contre = add_checked(c.contre, n); break;
      case Choice::Abstention: c.abstentions = add_checked(c.abstentions, n); break;
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
    t.weighted.voters = add_checked(t.weighted.voters, weight(voice));
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


// ---- The ballot box's seal --------------------------------------------------

std::vector<Event> Session::seal_if_secret(const Ballot& b) const {
  if (b.mode != BallotMode::Secret || b.sealed) return {};
  ev::SecretBoxSealed seal{b.item, {}};
  for (const auto& [entry, n] : b.secret_box)  // sorted by (choice, weight, paper): no order of arrival
    for (std::int64_t i = 0; i < n; ++i)
      seal.contents.push_back(ev::SecretChoiceCast{b.item, entry.choice, entry.weight, entry.paper});
  return {seal};
}

// ---- Checking a journal's events ------------------------------------------------

const char* event_name(const Event& e) {
  static constexpr const char* kNames[] = {
      "SessionConfigured", "MemberAdded",     "MemberArrived",   "MemberLeft",       "AbsenceExcused",
      "ProxyRegistered",   "ProxyRevoked",    "ItemAdded",       "ConflictDeclared", "BallotOpened",
      "VoteCast",          "SecretVoteCast",  "SecretChoiceCast", "BallotClosed",    "PrefectureDatesRecorded",
      "BallotCancelled",   "SessionReconvened", "CandidateAdded",   "CandidateWithdrawn", "DesignatedWithoutBallot",
      "MemberEdited",      "MemberRemoved",     "ItemEdited",       "ItemRemoved",     "PinReset",
      "SecretBoxSealed"};
  static_assert(std::size(kNames) == std::variant_size_v<Event>, "one name per event");
  return kNames[e.index()];
}

namespace {
std::optional<Error> invalid(std::string sentence) { return Error{ErrorCode::InvalidArgument, std::move(sentence)}; }
bool known_choice(Choice c) {
  return c == Choice::Pour || c == Choice::Contre || c == Choice::Abstention || c == Choice::NotTakingPart;
}
}  // namespace

std::optional<Error> Session::check(const Event& event) const {
  if (!configured_ && !std::holds_alternative<ev::SessionConfigured>(event))
    return Error{ErrorCode::NotConfigured, "la séance n'est pas encore configurée à cet endroit du journal."};
  return std::visit([&](const auto& e) { return check_(e); }, event);
}

std::optional<Error> Session::check_produces(const Command& command, Millis at, const Event& event) const {
  auto r = decide_checked(command, at);
  if (!r) return r.error();
  if (r->empty() || !(r->back() == event))
    return invalid("cet événement n'est pas celui que la commande aurait produit dans cet état "
                   "(répétition, ou contenu qui ne correspond pas à l'état).");
  return std::nullopt;
}

std::optional<Error> Session::check_(const ev::SessionConfigured& e) const {
  return check_produces(cmd::ConfigureSession{e.info, e.rules}, 0, e);
}

// A substitute may name a titular imported after it (one import is several
// events): the link is checked when the substitute sits (check-in).
std::optional<Error> Session::check_(const ev::MemberAdded& e) const {
  const Member& m = e.member;
  if (!ballots_.empty() || !cancelled_.empty())
    return Error{ErrorCode::RosterLocked, "un membre est ajouté après l'ouverture d'un scrutin."};
  if (m.id.empty() || m.name.empty()) return invalid("un membre sans identifiant ou sans nom.");
  if (member(m.id)) return invalid(fmt::format("le membre {} est ajouté deux fois.", m.id));
  if (m.weight <= 0 || m.weight > kMaxWeight)
    return invalid(fmt::format("{} a un poids de vote de {} : il doit aller de 1 à {}.", m.name, m.weight, kMaxWeight));
  if (roster_.size() >= kMaxMembers) return invalid(fmt::format("plus de {} membres.", kMaxMembers));
  if (m.kind == MemberKind::Titular && info_.seats > 0 && members_in_office() >= info_.seats)
    return invalid(fmt::format("plus de membres titulaires que les {} sièges.", info_.seats));
  return std::nullopt;
}

std::optional<Error> Session::check_(const ev::MemberArrived& e) const { return check_produces(cmd::CheckIn{e.member}, e.at, e); }
std::optional<Error> Session::check_(const ev::MemberLeft& e) const { return check_produces(cmd::CheckOut{e.member}, e.at, e); }
std::optional<Error> Session::check_(const ev::AbsenceExcused& e) const { return check_produces(cmd::ExcuseAbsence{e.member}, 0, e); }
std::optional<Error> Session::check_(const ev::ProxyRegistered& e) const { return check_produces(cmd::RegisterProxy{e.proxy}, 0, e); }
std::optional<Error> Session::check_(const ev::ProxyRevoked& e) const { return check_produces(cmd::RevokeProxy{e.mandant}, 0, e); }
std::optional<Error> Session::check_(const ev::ItemAdded& e) const { return check_produces(cmd::AddItem{e.item}, 0, e); }
std::optional<Error> Session::check_(const ev::ConflictDeclared& e) const {
  return check_produces(cmd::DeclareConflict{e.item, e.member}, 0, e);
}
std::optional<Error> Session::check_(const ev::BallotOpened& e) const {
  // The majority is the rules' or a qualified one: either way decide() gives it back when asked for it.
  // An election's round has no qualified majority: the rules' one.
  std::optional<Fraction> majority = e.majority;
  if (election(e.item)) majority.reset();
  return check_produces(cmd::OpenBallot{e.item, e.mode, e.allow_change, majority}, e.at, e);
}
std::optional<Error> Session::check_(const ev::VoteCast& e) const {
  if (!known_choice(e.cast.choice)) return invalid("un choix de vote inconnu.");
  const Ballot* b = ballot(e.item);
  if (b && b->mode == BallotMode::Secret) return invalid("un vote nominatif dans un scrutin secret.");
  cmd::CastVote vote{e.item, e.voice, e.cast.by, e.cast.choice, e.cast.by_clerk, std::nullopt};
  if (b && b->round > 0) vote.paper = e.cast.paper;  // an election's paper, checked as decide() checks it
  else if (e.cast.paper != Paper{}) return invalid("un bulletin d'élection dans le vote d'une délibération.");
  return check_produces(vote, e.at, e);
}
std::optional<Error> Session::check_(const ev::SecretVoteCast& e) const {
  const Ballot* b = ballot(e.item);
  if (!b || b->mode != BallotMode::Secret || b->closed) return invalid(fmt::format("aucun scrutin secret n'est ouvert sur le point {}.", e.item));
  cmd::CastVote vote{e.item, e.voice, e.by, Choice::Pour, e.by_clerk, std::nullopt};
  if (b->round > 0) vote.paper = Paper{{}, true, false};  // the paper is in the box: only the voter is checked here
  auto r = decide(vote, e.at);
  if (!r) return r.error();
  if (r->empty() || !(r->front() == Event{e})) return invalid("ce vote n'est pas celui que la commande aurait produit.");
  return std::nullopt;
}
std::optional<Error> Session::check_(const ev::SecretChoiceCast& e) const {
  const Ballot* b = ballot(e.item);
  if (!b || b->mode != BallotMode::Secret || b->closed || b->sealed)
    return invalid(fmt::format("un bulletin pour le point {}, sans scrutin secret ouvert.", e.item));
  if (!known_choice(e.choice)) return invalid("un bulletin au choix inconnu.");
  if (e.weight <= 0 || e.weight > kMaxWeight) return invalid(fmt::format("un bulletin de poids {}.", e.weight));
  if (auto problem = paper_problem_in(*b, e)) return invalid(fmt::format("un bulletin pour le point {} : {}", e.item, *problem));
  std::int64_t in_box = 0;
  for (const auto& [entry, n] : b->secret_box) in_box += n;
  if (in_box >= static_cast<std::int64_t>(b->secret_voted.size()))
    return invalid(fmt::format("plus de bulletins dans l'urne du point {} que de votants ({}).", e.item, b->secret_voted.size()));
  return std::nullopt;
}
// A bulletin's paper against its ballot: an election round's must name
// candidates standing, no more than the seats (spoilt ones are the clerk's, and
// who cast a bulletin is not known here); a motion's has none.
std::optional<std::string> Session::paper_problem_in(const Ballot& b, const ev::SecretChoiceCast& e) const {
  if (b.round == 0) {
    if (e.paper != Paper{}) return "un bulletin d'élection dans le scrutin d'une délibération.";
    return std::nullopt;
  }
  if (e.weight != 1) return fmt::format("un bulletin d'élection de poids {} (une élection compte des voix).", e.weight);
  const Paper& p = e.paper;
  const int kinds = (p.names.empty() ? 0 : 1) + (p.blank ? 1 : 0) + (p.spoilt ? 1 : 0);
  if (kinds != 1) return "un bulletin d'élection doit porter des noms, ou être blanc, ou nul (une seule de ces formes).";
  if (static_cast<int>(p.names.size()) > b.seats)
    return fmt::format("un bulletin porte {} noms pour {} siège(s) à pourvoir.", p.names.size(), b.seats);
  if (!std::ranges::is_sorted(p.names)) return "les noms d'un bulletin secret ne sont pas rangés dans l'ordre : il serait reconnaissable.";
  std::set<std::string> seen;
  for (const std::string& name : p.names) {
    if (std::ranges::find(b.candidates, name) == b.candidates.end())
      return fmt::format("{} n'est pas candidat à ce tour.", name);
    if (!seen.insert(name).second) return fmt::format("{} est nommé deux fois sur un bulletin.", name);
  }
  return std::nullopt;
}
std::optional<Error> Session::check_(const ev::SecretBoxSealed& e) const {
  const Ballot* b = ballot(e.item);
  if (!b || b->mode != BallotMode::Secret || b->closed || b->sealed)
    return invalid(fmt::format("une urne scellée pour le point {}, sans scrutin secret ouvert.", e.item));
  if (e.contents.size() != b->secret_voted.size())
    return invalid(fmt::format("l'urne scellée du point {} contient {} bulletins pour {} votants.", e.item,
                               e.contents.size(), b->secret_voted.size()));
  for (std::size_t i = 0; i < e.contents.size(); ++i) {
    const auto& c = e.contents[i];
    if (c.item != e.item || !known_choice(c.choice) || c.weight <= 0 || c.weight > kMaxWeight)
      return invalid(fmt::format("le bulletin n° {} de l'urne scellée n'est pas valable.", i + 1));
    if (auto problem = paper_problem_in(*b, c))
      return invalid(fmt::format("le bulletin n° {} de l'urne scellée n'est pas valable : {}", i + 1, *problem));
    const auto& p = e.contents[i - (i > 0 ? 1 : 0)];
    if (i > 0 && SecretBulletin{c.choice, c.weight, c.paper} < SecretBulletin{p.choice, p.weight, p.paper})
      return invalid("l'urne scellée n'est pas triée : l'ordre des bulletins pourrait dire qui a voté quoi.");
  }
  if (!b->secret_box.empty()) {  // the box as kept so far must be what is sealed
    auto seal = seal_if_secret(*b);
    if (!(std::get<ev::SecretBoxSealed>(seal.front()) == e))
      return invalid(fmt::format("l'urne scellée du point {} n'est pas le contenu de l'urne.", e.item));
  }
  return std::nullopt;
}
std::optional<Error> Session::check_(const ev::BallotClosed& e) const {
  // The tally and the outcome must be the count of the state: a recomputed hash chain cannot change a result.
  return check_produces(cmd::CloseBallot{e.item}, e.at, e);
}
std::optional<Error> Session::check_(const ev::PrefectureDatesRecorded& e) const {
  return check_produces(cmd::RecordPrefectureDates{e.item, e.received, e.published}, 0, e);
}
std::optional<Error> Session::check_(const ev::BallotCancelled& e) const {
  return check_produces(cmd::CancelBallot{e.item, e.reason}, e.at, e);
}
std::optional<Error> Session::check_(const ev::SessionReconvened& e) const {
  return check_produces(cmd::ReconveneSession{e.date, e.time}, 0, e);
}

std::optional<Error> Session::check_(const ev::CandidateAdded& e) const {
  return check_produces(cmd::AddCandidate{e.item, e.candidate}, 0, e);
}
std::optional<Error> Session::check_(const ev::CandidateWithdrawn& e) const {
  return check_produces(cmd::WithdrawCandidate{e.item, e.candidate}, 0, e);
}
std::optional<Error> Session::check_(const ev::DesignatedWithoutBallot& e) const {
  return check_produces(cmd::DesignateWithoutBallot{e.item}, e.at, e);
}

std::optional<Error> Session::check_(const ev::MemberEdited& e) const { return check_produces(cmd::EditMember{e.member}, 0, e); }
std::optional<Error> Session::check_(const ev::MemberRemoved& e) const { return check_produces(cmd::RemoveMember{e.member}, 0, e); }
std::optional<Error> Session::check_(const ev::ItemEdited& e) const { return check_produces(cmd::EditItem{e.item}, 0, e); }
std::optional<Error> Session::check_(const ev::ItemRemoved& e) const { return check_produces(cmd::RemoveItem{e.item}, 0, e); }
std::optional<Error> Session::check_(const ev::PinReset& e) const { return check_produces(cmd::ResetPin{e.member}, e.at, e); }

std::expected<void, Error> Session::apply_checked(const Event& event, std::uint64_t seq) {
  if (auto problem = check(event))
    return std::unexpected(Error{problem->code, fmt::format("Le journal est refusé à l'entrée n° {} ({}) : {}", seq,
                                                            event_name(event), problem->message)});
  apply(event);
  return {};
}

std::expected<Session, Error> Session::replay_checked(const std::vector<Event>& events, std::uint64_t first_seq) {
  Session s;
  for (std::size_t i = 0; i < events.size(); ++i)
    if (auto ok = s.apply_checked(events[i], first_seq + i); !ok) return std::unexpected(ok.error());
  return s;
}

}  // namespace scrutin
