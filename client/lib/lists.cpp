#include "client/lib/lists.hpp"

#include <algorithm>

namespace scrutin::client {

const char* to_string(Presence p) {
  switch (p) {
    case Presence::Present: return "present";
    case Presence::Represented: return "represented";
    case Presence::Excused: return "excused";
    case Presence::Absent: return "absent";
  }
  return "?";
}

ItemId next_item(const Session& s) {
  if (const Ballot* b = s.open_ballot()) return b->item;
  for (const Item& i : s.agenda())
    if (!s.ballot(i.id)) return i.id;
  return {};
}

std::vector<RosterLine> roster_lines(const Session& s) {
  const AttendanceSnapshot a = s.attendance_for(next_item(s));
  std::vector<RosterLine> out;
  out.reserve(s.roster().size());
  for (const Member& m : s.roster()) {
    RosterLine l;
    l.member = &m;
    l.arrived = s.arrived_at(m.id);
    l.left = s.left_at(m.id);
    l.took_part = s.took_part(m.id);
    if (s.is_present(m.id)) {
      l.presence = Presence::Present;
      if (m.kind == MemberKind::Substitute) l.sits_for = m.substitute_of;
    } else if (auto p = std::ranges::find(a.represented, m.id, &Proxy::mandant); p != a.represented.end()) {
      l.presence = Presence::Represented;
      l.holder = p->holder;
    } else {
      l.presence = s.excused().contains(m.id) ? Presence::Excused : Presence::Absent;
    }
    out.push_back(std::move(l));
  }
  return out;
}

std::vector<ProxyLine> proxy_lines(const Session& s) {
  const ItemId item = next_item(s);
  const auto& interested = s.interested(item);
  std::vector<ProxyLine> out;
  for (const Member& m : s.roster()) {  // roster order
    auto it = s.proxies().find(m.id);
    if (it == s.proxies().end()) continue;
    const Proxy& p = it->second;
    ProxyLine l{p, ProxyState::Exercised};
    if (s.is_present(p.mandant)) l.state = ProxyState::MandantPresent;
    else if (interested.contains(p.holder) || interested.contains(p.mandant)) l.state = ProxyState::Interested;
    else if (!s.is_present(p.holder)) l.state = ProxyState::HolderAway;
    out.push_back(l);
  }
  return out;
}

std::optional<VoiceBoard> voice_board(const Session& s, const ItemId& item) {
  const Ballot* b = s.ballot(item);
  if (!b) return std::nullopt;
  VoiceBoard board;
  board.item = item;
  board.secret = b->mode == BallotMode::Secret;
  board.closed = b->closed;
  // Roster order, so the clerk finds a name where the attendance list has it.
  for (const Member& m : s.roster()) {
    auto v = b->voices.find(m.id);
    if (v == b->voices.end()) continue;
    VoiceLine l{m.id, v->second};
    if (board.secret) {
      l.voted = b->secret_voted.contains(m.id);
      l.by_clerk = b->secret_by_clerk.contains(m.id);
    } else if (auto c = b->casts.find(m.id); c != b->casts.end()) {
      l.voted = true;
      l.by_clerk = c->second.by_clerk;
      l.choice = c->second.choice;
    }
    (l.voted ? board.voted : board.not_yet).push_back(std::move(l));
  }
  for (const MemberId& id : b->snapshot.interested) board.not_taking_part.push_back(id);
  return board;
}

}  // namespace scrutin::client
