#include "server/views.hpp"

#include "proto/convert.hpp"

namespace scrutin::server {

namespace {

pb::AgendaState agenda_state(const Session& s, const ItemId& id) {
  const Ballot* b = s.ballot(id);
  if (const Election* election = s.election(id)) {
    // An election between rounds is pending; over, it is "adopted" when someone was elected.
    if (b && !b->closed) return pb::AGENDA_OPEN;
    if (!s.election_over(id)) return pb::AGENDA_PENDING;
    return election->elected.empty() ? pb::AGENDA_REJECTED : pb::AGENDA_ADOPTED;
  }
  if (!b) return pb::AGENDA_PENDING;
  if (!b->closed) return pb::AGENDA_OPEN;
  return b->outcome.adopted ? pb::AGENDA_ADOPTED : pb::AGENDA_REJECTED;
}

void add_agenda(const Session& s, google::protobuf::RepeatedPtrField<pb::AgendaEntry>& out) {
  for (const Item& item : s.agenda()) {
    auto* e = out.Add();
    e->set_item(item.id);
    e->set_title(item.title);
    e->set_state(agenda_state(s, item.id));
  }
}

}  // namespace

pb::BallotView ballot_view(const Session& s) {
  pb::BallotView v;
  const Ballot* b = s.last_ballot();
  if (!b) return v;
  v.set_item(b->item);
  if (const Item* item = s.item(b->item)) v.set_title(item->title);
  v.set_mode(static_cast<pb::BallotMode>(static_cast<int>(b->mode)));
  v.set_allow_change(b->allow_change);
  v.set_open(!b->closed);
  v.set_closed(b->closed);
  v.set_expected(static_cast<std::int64_t>(b->voices.size()));
  v.set_cast(static_cast<std::int64_t>(b->mode == BallotMode::Secret ? b->secret_voted.size() : b->casts.size()));
  *v.mutable_majority() = to_pb(b->majority);
  v.set_majority_base(to_pb(b->majority_base));
  v.set_weighted(s.rules().weighted);
  if (b->closed) {
    *v.mutable_counts() = to_pb(b->tally.heads);
    if (s.rules().weighted) *v.mutable_weighted_counts() = to_pb(b->tally.weighted);
    *v.mutable_outcome() = to_pb(b->outcome);
  } else if (b->mode != BallotMode::Secret) {
    *v.mutable_counts() = to_pb(b->live_heads);  // a secret ballot's counts stay hidden until the close
  }
  v.set_quorum_present(b->snapshot.quorum_present);
  v.set_quorum_required(b->snapshot.quorum_required);
  v.set_in_office(b->snapshot.in_office);
  if (b->round > 0) {
    // An election's round: only how many voted until the close, never a live
    // count (public or secret); then the round's result.
    v.clear_counts();
    v.clear_weighted_counts();
    v.set_round(b->round);
    v.set_seats(b->seats);
    if (const Item* item = s.item(b->item)) v.set_absolute_rounds(item->election_rules.absolute_rounds);
    for (const std::string& id : b->candidates) {
      auto* c = v.add_candidates();
      c->set_id(id);
      if (const Candidate* cand = s.candidate(b->item, id)) c->set_name(cand->name);
    }
    if (b->closed) *v.mutable_result() = to_pb(b->result);
  }
  return v;
}

pb::DelegateView delegate_view(const Session& s, const MemberId& member, const pb::BallotView& ballot) {
  pb::DelegateView v;
  v.set_member_id(member);
  if (const Member* m = s.member(member)) v.set_name(m->name);
  v.set_present(s.is_present(member));
  if (!v.present()) {
    for (const auto& [mandant, proxy] : s.proxies())  // a proxy is exercised only by a holder in the room
      if (proxy.holder == member)
        if (const Member* m = s.member(mandant)) v.add_proxies_not_exercised(m->name);
    if (auto p = s.proxies().find(member); p != s.proxies().end())
      if (const Member* holder = s.member(p->second.holder)) v.set_proxy_holder_name(holder->name);
  }
  const Ballot* b = s.last_ballot();
  if (!b || b->closed) add_agenda(s, *v.mutable_agenda());  // between ballots only: votes' views stay small
  if (!b) return v;
  v.set_interested(s.interested(b->item).contains(member));
  *v.mutable_ballot() = ballot;
  if (auto it = b->voices_of_holder.find(member); it != b->voices_of_holder.end())
    for (const MemberId& voice : it->second) {
      auto* dv = v.add_voices();
      dv->set_voice(voice);
      if (const Member* m = s.member(voice)) dv->set_name(m->name);
      if (b->mode == BallotMode::Secret) {
        dv->set_voted(b->secret_voted.contains(voice));
      } else if (auto c = b->casts.find(voice); c != b->casts.end()) {
        dv->set_voted(true);
        dv->set_choice(to_pb(c->second.choice));
        if (b->round > 0) *dv->mutable_paper() = to_pb(c->second.paper);  // an election's ballot
      }
    }
  return v;
}

pb::RoomView room_view(const Session& s) {
  pb::RoomView v;
  v.set_body(s.info().body);
  v.set_date(s.info().date);
  v.set_in_office(s.members_in_office());
  v.set_present(static_cast<std::int32_t>(s.present().size()));
  const Ballot* b = s.last_ballot();
  if (b && !b->closed) {
    v.set_represented(static_cast<std::int32_t>(b->snapshot.represented.size()));
  } else {
    int represented = 0;
    for (const auto& [mandant, proxy] : s.proxies())
      if (s.is_present(proxy.holder) && !s.is_present(mandant)) ++represented;
    v.set_represented(represented);
  }
  if (b) *v.mutable_ballot() = ballot_view(s);
  add_agenda(s, *v.mutable_agenda());
  if (!b || b->closed) {
    // Between ballots: the quorum as it would be for the next item on the agenda.
    ItemId next;
    for (const Item& item : s.agenda())
      if (!s.ballot(item.id)) {
        next = item.id;
        break;
      }
    const AttendanceSnapshot a = s.attendance_for(next);
    v.set_quorum_present(a.quorum_present);
    v.set_quorum_required(a.quorum_required);
  }
  // A nominal motion names who voted what; an election's papers are names, not
  // pour/contre (the round's result carries them), so a round lists nobody here.
  if (b && b->closed && b->mode == BallotMode::Nominal && b->round == 0)
    for (const auto& [voice, cast] : b->casts) {
      const Member* m = s.member(voice);
      const std::string name = m ? m->name : voice;
      if (cast.choice == Choice::Pour) v.add_names_pour(name);
      else if (cast.choice == Choice::Contre) v.add_names_contre(name);
      else if (cast.choice == Choice::Abstention) v.add_names_abstention(name);
    }
  return v;
}

}  // namespace scrutin::server
