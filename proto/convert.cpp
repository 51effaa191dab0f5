#include "proto/convert.hpp"

#include <fmt/format.h>

#include "domain/majority.hpp"

namespace scrutin {

namespace {

// The public overloads (header) and these helpers share names; bring both in.
using scrutin::from_pb;
using scrutin::to_pb;

template <class R>
void put_ids(R* out, const std::vector<std::string>& ids) {
  for (const auto& id : ids) out->Add(std::string(id));
}
template <class R>
std::vector<std::string> get_ids(const R& in) {
  return {in.begin(), in.end()};
}


pb::Proxy to_pb(const Proxy& x) {
  pb::Proxy p;
  p.set_mandant(x.mandant);
  p.set_holder(x.holder);
  p.set_sessions(x.sessions);
  return p;
}
Proxy from_pb(const pb::Proxy& p) { return Proxy{p.mandant(), p.holder(), p.sessions() == 0 ? 1 : p.sessions()}; }

pb::BallotMode to_pb(BallotMode m) {
  switch (m) {
    case BallotMode::Public: return pb::PUBLIC;
    case BallotMode::Nominal: return pb::NOMINAL;
    case BallotMode::Secret: return pb::SECRET;
  }
  return pb::PUBLIC;
}
BallotMode from_pb(pb::BallotMode m) {
  switch (m) {
    case pb::NOMINAL: return BallotMode::Nominal;
    case pb::SECRET: return BallotMode::Secret;
    default: return BallotMode::Public;
  }
}

pb::AttendanceSnapshot to_pb(const AttendanceSnapshot& s) {
  pb::AttendanceSnapshot p;
  put_ids(p.mutable_present_titulars(), s.present_titulars);
  put_ids(p.mutable_sitting_substitutes(), s.sitting_substitutes);
  for (const auto& x : s.represented) *p.add_represented() = to_pb(x);
  for (const auto& x : s.not_exercised) *p.add_not_exercised() = to_pb(x);
  put_ids(p.mutable_excused_absent(), s.excused_absent);
  put_ids(p.mutable_absent(), s.absent);
  put_ids(p.mutable_interested(), s.interested);
  p.set_in_office(s.in_office);
  p.set_quorum_present(s.quorum_present);
  p.set_quorum_required(s.quorum_required);
  p.set_quorum_met(s.quorum_met);
  return p;
}
AttendanceSnapshot from_pb(const pb::AttendanceSnapshot& p) {
  AttendanceSnapshot s;
  s.present_titulars = get_ids(p.present_titulars());
  s.sitting_substitutes = get_ids(p.sitting_substitutes());
  for (const auto& x : p.represented()) s.represented.push_back(from_pb(x));
  for (const auto& x : p.not_exercised()) s.not_exercised.push_back(from_pb(x));
  s.excused_absent = get_ids(p.excused_absent());
  s.absent = get_ids(p.absent());
  s.interested = get_ids(p.interested());
  s.in_office = p.in_office();
  s.quorum_present = p.quorum_present();
  s.quorum_required = p.quorum_required();
  s.quorum_met = p.quorum_met();
  return s;
}

pb::Tally to_pb(const Tally& t) {
  pb::Tally p;
  *p.mutable_heads() = to_pb(t.heads);
  *p.mutable_weighted() = to_pb(t.weighted);
  return p;
}
Tally from_pb(const pb::Tally& p) { return Tally{from_pb(p.heads()), from_pb(p.weighted())}; }


pb::Cast to_pb(const Cast& c) {
  pb::Cast p;
  p.set_choice(to_pb(c.choice));
  p.set_by(c.by);
  p.set_by_clerk(c.by_clerk);
  if (c.paper != Paper{}) *p.mutable_paper() = to_pb(c.paper);
  return p;
}
Cast from_pb(const pb::Cast& p) { return Cast{from_pb(p.choice()), p.by(), p.by_clerk(), from_pb(p.paper())}; }

pb::ElectionRoundRecord to_pb(const ElectionRoundRecord& r) {
  pb::ElectionRoundRecord p;
  *p.mutable_result() = to_pb(r.result);
  put_ids(p.mutable_candidate_names(), r.candidate_names);
  put_ids(p.mutable_elected_names(), r.elected_names);
  put_ids(p.mutable_elected_by_age_names(), r.elected_by_age_names);
  put_ids(p.mutable_entered_by_clerk(), r.entered_by_clerk);
  *p.mutable_snapshot() = to_pb(r.snapshot);
  return p;
}
ElectionRoundRecord from_pb(const pb::ElectionRoundRecord& p) {
  return ElectionRoundRecord{from_pb(p.result()), get_ids(p.candidate_names()), get_ids(p.elected_names()),
                             get_ids(p.elected_by_age_names()), get_ids(p.entered_by_clerk()), from_pb(p.snapshot())};
}
pb::ElectionRecord to_pb(const ElectionRecord& e) {
  pb::ElectionRecord p;
  p.set_seats(e.seats);
  p.set_rules_name(e.rules_name);
  put_ids(p.mutable_candidate_names(), e.candidate_names);
  put_ids(p.mutable_withdrawn_names(), e.withdrawn_names);
  for (const auto& r : e.rounds) *p.add_rounds() = to_pb(r);
  put_ids(p.mutable_elected_names(), e.elected_names);
  p.set_designated_without_ballot(e.designated_without_ballot);
  p.set_over(e.over);
  return p;
}
ElectionRecord from_pb(const pb::ElectionRecord& p) {
  ElectionRecord e;
  e.seats = p.seats();
  e.rules_name = p.rules_name();
  e.candidate_names = get_ids(p.candidate_names());
  e.withdrawn_names = get_ids(p.withdrawn_names());
  for (const auto& r : p.rounds()) e.rounds.push_back(from_pb(r));
  e.elected_names = get_ids(p.elected_names());
  e.designated_without_ballot = p.designated_without_ballot();
  e.over = p.over();
  return e;
}

pb::NamedProxy to_pb(const NamedProxy& n) {
  pb::NamedProxy p;
  p.set_mandant(n.mandant);
  p.set_holder(n.holder);
  return p;
}

}  // namespace

pb::ElectionRules to_pb(const ElectionRules& r) {
  pb::ElectionRules p;
  p.set_name(r.name);
  p.set_absolute_rounds(r.absolute_rounds);
  p.set_secret_required(r.secret_required);
  p.set_designation_without_ballot(r.designation_without_ballot);
  return p;
}
ElectionRules from_pb(const pb::ElectionRules& p) {
  return ElectionRules{p.name(), p.absolute_rounds(), p.secret_required(), p.designation_without_ballot()};
}

pb::ElectionCandidate to_pb(const Candidate& c) {
  pb::ElectionCandidate p;
  p.set_id(c.id);
  p.set_name(c.name);
  p.set_member(c.member);
  p.set_birth_date(c.birth_date);
  return p;
}
Candidate from_pb(const pb::ElectionCandidate& p) { return Candidate{p.id(), p.name(), p.member(), p.birth_date()}; }

pb::ElectionPaper to_pb(const Paper& x) {
  pb::ElectionPaper p;
  put_ids(p.mutable_names(), x.names);
  p.set_blank(x.blank);
  p.set_spoilt(x.spoilt);
  return p;
}
Paper from_pb(const pb::ElectionPaper& p) { return Paper{get_ids(p.names()), p.blank(), p.spoilt()}; }

pb::ElectionRoundResult to_pb(const RoundResult& r) {
  pb::ElectionRoundResult p;
  p.set_round(r.round);
  p.set_seats(r.seats);
  p.set_relative(r.relative);
  p.set_voters(r.voters);
  p.set_papers(r.papers);
  p.set_blank(r.blank);
  p.set_spoilt(r.spoilt);
  p.set_majority_needed(r.majority_needed);
  for (const CandidateVotes& v : r.votes) {
    auto* x = p.add_votes();
    x->set_candidate(v.candidate);
    x->set_votes(v.votes);
  }
  put_ids(p.mutable_elected(), r.elected);
  put_ids(p.mutable_elected_by_age(), r.elected_by_age);
  p.set_another_round(r.another_round);
  return p;
}
RoundResult from_pb(const pb::ElectionRoundResult& p) {
  RoundResult r;
  r.round = p.round();
  r.seats = p.seats();
  r.relative = p.relative();
  r.voters = p.voters();
  r.papers = p.papers();
  r.blank = p.blank();
  r.spoilt = p.spoilt();
  r.majority_needed = p.majority_needed();
  for (const auto& v : p.votes()) r.votes.push_back({v.candidate(), v.votes()});
  r.elected = get_ids(p.elected());
  r.elected_by_age = get_ids(p.elected_by_age());
  r.another_round = p.another_round();
  return r;
}

pb::Member to_pb(const Member& m) {
  pb::Member p;
  p.set_id(m.id);
  p.set_name(m.name);
  p.set_group(m.group);
  p.set_kind(m.kind == MemberKind::Substitute ? pb::SUBSTITUTE : pb::TITULAR);
  p.set_substitute_of(m.substitute_of);
  p.set_weight(m.weight);
  p.set_birth_date(m.birth_date);
  return p;
}
Member from_pb(const pb::Member& p) {
  return Member{p.id(), p.name(), p.group(), p.kind() == pb::SUBSTITUTE ? MemberKind::Substitute : MemberKind::Titular,
                p.substitute_of(), p.weight() == 0 ? 1 : p.weight(), p.birth_date()};
}

pb::Fraction to_pb(const Fraction& f) {
  pb::Fraction p;
  p.set_num(f.num);
  p.set_den(f.den);
  return p;
}
Fraction from_pb(const pb::Fraction& p) { return Fraction{p.num(), p.den()}; }

pb::Outcome to_pb(const Outcome& o) {
  pb::Outcome p;
  p.set_adopted(o.adopted);
  p.set_casting_vote_decided(o.casting_vote_decided);
  p.set_unanimous(o.unanimous);
  p.set_tie(o.tie);
  return p;
}
Outcome from_pb(const pb::Outcome& p) { return Outcome{p.adopted(), p.casting_vote_decided(), p.unanimous(), p.tie()}; }

pb::MajorityBase to_pb(MajorityBase b) { return b == MajorityBase::Cast ? pb::CAST : pb::EXPRESSED; }
MajorityBase from_pb(pb::MajorityBase b) { return b == pb::CAST ? MajorityBase::Cast : MajorityBase::Expressed; }

pb::Choice to_pb(Choice c) {
  switch (c) {
    case Choice::Pour: return pb::POUR;
    case Choice::Contre: return pb::CONTRE;
    case Choice::Abstention: return pb::ABSTENTION;
    case Choice::NotTakingPart: return pb::NOT_TAKING_PART;
  }
  return pb::NOT_TAKING_PART;
}
Choice from_pb(pb::Choice c) {
  switch (c) {
    case pb::POUR: return Choice::Pour;
    case pb::CONTRE: return Choice::Contre;
    case pb::ABSTENTION: return Choice::Abstention;
    default: return Choice::NotTakingPart;
  }
}

pb::RefusalCode to_pb(ErrorCode code) {
  switch (code) {
    case ErrorCode::NotConfigured: return pb::CODE_NOT_CONFIGURED;
    case ErrorCode::AlreadyConfigured: return pb::CODE_ALREADY_CONFIGURED;
    case ErrorCode::InvalidArgument: return pb::CODE_INVALID_ARGUMENT;
    case ErrorCode::UnknownMember: return pb::CODE_UNKNOWN_MEMBER;
    case ErrorCode::UnknownItem: return pb::CODE_UNKNOWN_ITEM;
    case ErrorCode::RosterLocked: return pb::CODE_ROSTER_LOCKED;
    case ErrorCode::AlreadyPresent: return pb::CODE_ALREADY_PRESENT;
    case ErrorCode::NotPresent: return pb::CODE_NOT_PRESENT;
    case ErrorCode::SubstituteNotAllowed: return pb::CODE_SUBSTITUTE_NOT_ALLOWED;
    case ErrorCode::ProxyRefused: return pb::CODE_PROXY_REFUSED;
    case ErrorCode::ProxyLimit: return pb::CODE_PROXY_LIMIT;
    case ErrorCode::NoSuchProxy: return pb::CODE_NO_SUCH_PROXY;
    case ErrorCode::QuorumNotMet: return pb::CODE_QUORUM_NOT_MET;
    case ErrorCode::BallotAlreadyOpen: return pb::CODE_BALLOT_ALREADY_OPEN;
    case ErrorCode::BallotNotOpen: return pb::CODE_BALLOT_NOT_OPEN;
    case ErrorCode::BallotClosed: return pb::CODE_BALLOT_CLOSED;
    case ErrorCode::NotEntitled: return pb::CODE_NOT_ENTITLED;
    case ErrorCode::AlreadyVoted: return pb::CODE_ALREADY_VOTED;
    case ErrorCode::Interested: return pb::CODE_INTERESTED;
    case ErrorCode::NotAnElection: return pb::CODE_NOT_AN_ELECTION;
    case ErrorCode::UnknownCandidate: return pb::CODE_UNKNOWN_CANDIDATE;
    case ErrorCode::BadPaper: return pb::CODE_BAD_PAPER;
    case ErrorCode::ElectionOver: return pb::CODE_ELECTION_OVER;
    case ErrorCode::NoBirthDate: return pb::CODE_NO_BIRTH_DATE;
    case ErrorCode::MemberTookPart: return pb::CODE_MEMBER_TOOK_PART;
    case ErrorCode::ItemPutToVote: return pb::CODE_ITEM_PUT_TO_VOTE;
    case ErrorCode::MemberInUse: return pb::CODE_MEMBER_IN_USE;
  }
  return pb::CODE_INVALID_ARGUMENT;
}

pb::Counts to_pb(const Counts& c) {
  pb::Counts p;
  p.set_voters(c.voters);
  p.set_not_taking_part(c.not_taking_part);
  p.set_abstentions(c.abstentions);
  p.set_pour(c.pour);
  p.set_contre(c.contre);
  return p;
}
Counts from_pb(const pb::Counts& p) { return Counts{p.voters(), p.not_taking_part(), p.abstentions(), p.pour(), p.contre()}; }

pb::SessionInfo to_pb(const SessionInfo& i) {
  pb::SessionInfo p;
  p.set_body(i.body);
  p.set_body_name(i.body_name);
  p.set_body_address(i.body_address);
  p.set_siren(i.siren);
  p.set_siret(i.siret);
  p.set_department(i.department);
  p.set_date(i.date);
  p.set_time(i.time);
  p.set_place(i.place);
  p.set_convocation_date(i.convocation_date);
  p.set_president(i.president);
  p.set_president_title(i.president_title);
  p.set_secretary(i.secretary);
  p.set_reconvened(i.reconvened);
  p.set_seats(i.seats);
  p.set_body_gender(i.body_gender);
  return p;
}
SessionInfo from_pb(const pb::SessionInfo& p) {
  return SessionInfo{p.body(), p.body_name(), p.body_address(), p.siren(), p.siret(), p.department(), p.date(), p.time(),
                     p.place(), p.convocation_date(), p.president(), p.president_title(), p.secretary(), p.reconvened(),
                     p.seats(), p.body_gender()};
}

pb::RuleSet to_pb(const RuleSet& r) {
  pb::RuleSet p;
  p.set_name(r.name);
  *p.mutable_quorum() = to_pb(r.quorum);
  p.set_quorum_strict(r.quorum_strict);
  p.set_max_proxies_per_holder(r.max_proxies_per_holder);
  p.set_max_proxy_sessions(r.max_proxy_sessions);
  p.set_majority_base(to_pb(r.majority_base));
  *p.mutable_majority() = to_pb(r.majority);
  p.set_majority_strict(is_absolute_majority(r.majority));  // informative only: the fraction decides
  p.set_casting_vote(r.casting_vote);
  p.set_weighted(r.weighted);
  return p;
}
RuleSet from_pb(const pb::RuleSet& p) {
  RuleSet r;
  r.name = p.name();
  r.quorum = from_pb(p.quorum());
  r.quorum_strict = p.quorum_strict();
  r.max_proxies_per_holder = p.max_proxies_per_holder();
  r.max_proxy_sessions = p.max_proxy_sessions();
  r.majority_base = from_pb(p.majority_base());
  r.majority = from_pb(p.majority());
  r.casting_vote = p.casting_vote();
  r.weighted = p.weighted();
  return r;
}

pb::Item to_pb(const Item& i) {
  pb::Item p;
  p.set_id(i.id);
  p.set_title(i.title);
  p.set_rapporteur(i.rapporteur);
  p.set_rapporteur_title(i.rapporteur_title);
  p.set_text(i.text);
  p.set_decision(i.decision);
  p.set_nature(i.nature);
  p.set_matter_code(i.matter_code);
  p.set_matter_name(i.matter_name);
  if (i.election_seats > 0) {
    p.set_election_seats(i.election_seats);
    *p.mutable_election_rules() = to_pb(i.election_rules);
  }
  return p;
}
Item from_pb(const pb::Item& p) {
  return Item{p.id(), p.title(), p.rapporteur(), p.rapporteur_title(), p.text(), p.decision(),
              p.nature().empty() ? "DE" : p.nature(), p.matter_code(), p.matter_name(), p.election_seats(),
              p.election_seats() > 0 ? from_pb(p.election_rules()) : ElectionRules{}};
}

// ---- Events -------------------------------------------------------------------

pb::Event to_pb(const Event& event) {
  pb::Event p;
  std::visit(
      [&](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, ev::SessionConfigured>) {
          auto* x = p.mutable_session_configured();
          *x->mutable_info() = to_pb(e.info);
          *x->mutable_rules() = to_pb(e.rules);
        } else if constexpr (std::is_same_v<T, ev::MemberAdded>) {
          *p.mutable_member_added()->mutable_member() = to_pb(e.member);
        } else if constexpr (std::is_same_v<T, ev::MemberArrived>) {
          p.mutable_member_arrived()->set_member(e.member);
          p.mutable_member_arrived()->set_at(e.at);
        } else if constexpr (std::is_same_v<T, ev::MemberLeft>) {
          p.mutable_member_left()->set_member(e.member);
          p.mutable_member_left()->set_at(e.at);
        } else if constexpr (std::is_same_v<T, ev::AbsenceExcused>) {
          p.mutable_absence_excused()->set_member(e.member);
        } else if constexpr (std::is_same_v<T, ev::ProxyRegistered>) {
          *p.mutable_proxy_registered()->mutable_proxy() = to_pb(e.proxy);
        } else if constexpr (std::is_same_v<T, ev::ProxyRevoked>) {
          p.mutable_proxy_revoked()->set_mandant(e.mandant);
        } else if constexpr (std::is_same_v<T, ev::ItemAdded>) {
          *p.mutable_item_added()->mutable_item() = to_pb(e.item);
        } else if constexpr (std::is_same_v<T, ev::ConflictDeclared>) {
          p.mutable_conflict_declared()->set_item(e.item);
          p.mutable_conflict_declared()->set_member(e.member);
        } else if constexpr (std::is_same_v<T, ev::BallotOpened>) {
          auto* x = p.mutable_ballot_opened();
          x->set_item(e.item);
          x->set_mode(to_pb(e.mode));
          x->set_allow_change(e.allow_change);
          *x->mutable_majority() = to_pb(e.majority);
          x->set_majority_strict(is_absolute_majority(e.majority));  // informative only
          x->set_majority_base(to_pb(e.majority_base));
          *x->mutable_snapshot() = to_pb(e.snapshot);
          for (const auto& [voice, by] : e.voices) (*x->mutable_voices())[voice] = by;
          x->set_at(e.at);
          x->set_round(e.round);
          put_ids(x->mutable_candidates(), e.candidates);
          x->set_seats(e.seats);
        } else if constexpr (std::is_same_v<T, ev::VoteCast>) {
          auto* x = p.mutable_vote_cast();
          x->set_item(e.item);
          x->set_voice(e.voice);
          *x->mutable_cast() = to_pb(e.cast);
          x->set_at(e.at);
        } else if constexpr (std::is_same_v<T, ev::SecretVoteCast>) {
          auto* x = p.mutable_secret_vote_cast();
          x->set_item(e.item);
          x->set_voice(e.voice);
          x->set_by(e.by);
          x->set_by_clerk(e.by_clerk);
          x->set_at(e.at);
        } else if constexpr (std::is_same_v<T, ev::SecretChoiceCast>) {
          auto* x = p.mutable_secret_choice_cast();
          x->set_item(e.item);
          x->set_choice(to_pb(e.choice));
          x->set_weight(e.weight);
          if (e.paper != Paper{}) *x->mutable_paper() = to_pb(e.paper);
        } else if constexpr (std::is_same_v<T, ev::BallotClosed>) {
          auto* x = p.mutable_ballot_closed();
          x->set_item(e.item);
          *x->mutable_tally() = to_pb(e.tally);
          *x->mutable_outcome() = to_pb(e.outcome);
          x->set_at(e.at);
          if (e.result != RoundResult{}) *x->mutable_result() = to_pb(e.result);
        } else if constexpr (std::is_same_v<T, ev::PrefectureDatesRecorded>) {
          auto* x = p.mutable_prefecture_dates_recorded();
          x->set_item(e.item);
          x->set_received(e.received);
          x->set_published(e.published);
        } else if constexpr (std::is_same_v<T, ev::BallotCancelled>) {
          auto* x = p.mutable_ballot_cancelled();
          x->set_item(e.item);
          x->set_reason(e.reason);
          x->set_at(e.at);
        } else if constexpr (std::is_same_v<T, ev::SessionReconvened>) {
          p.mutable_session_reconvened()->set_date(e.date);
          p.mutable_session_reconvened()->set_time(e.time);
        } else if constexpr (std::is_same_v<T, ev::CandidateAdded>) {
          p.mutable_candidate_added()->set_item(e.item);
          *p.mutable_candidate_added()->mutable_candidate() = to_pb(e.candidate);
        } else if constexpr (std::is_same_v<T, ev::CandidateWithdrawn>) {
          p.mutable_candidate_withdrawn()->set_item(e.item);
          p.mutable_candidate_withdrawn()->set_candidate(e.candidate);
        } else if constexpr (std::is_same_v<T, ev::DesignatedWithoutBallot>) {
          auto* x = p.mutable_designated_without_ballot();
          x->set_item(e.item);
          put_ids(x->mutable_elected(), e.elected);
          *x->mutable_snapshot() = to_pb(e.snapshot);
          x->set_at(e.at);
        } else if constexpr (std::is_same_v<T, ev::MemberEdited>) {
          *p.mutable_member_edited()->mutable_member() = to_pb(e.member);
        } else if constexpr (std::is_same_v<T, ev::MemberRemoved>) {
          p.mutable_member_removed()->set_member(e.member);
        } else if constexpr (std::is_same_v<T, ev::ItemEdited>) {
          *p.mutable_item_edited()->mutable_item() = to_pb(e.item);
        } else if constexpr (std::is_same_v<T, ev::ItemRemoved>) {
          p.mutable_item_removed()->set_item(e.item);
        } else if constexpr (std::is_same_v<T, ev::PinReset>) {
          p.mutable_pin_reset()->set_member(e.member);
          p.mutable_pin_reset()->set_at(e.at);
        } else if constexpr (std::is_same_v<T, ev::SecretBoxSealed>) {
          auto* x = p.mutable_secret_box_sealed();
          x->set_item(e.item);
          for (const auto& c : e.contents) {
            auto* b = x->add_contents();
            b->set_item(c.item);
            b->set_choice(to_pb(c.choice));
            b->set_weight(c.weight);
            if (c.paper != Paper{}) *b->mutable_paper() = to_pb(c.paper);  // an election round's bulletin
          }
        }
      },
      event);
  return p;
}

std::expected<Event, Error> from_pb(const pb::Event& p) {
  switch (p.kind_case()) {
    case pb::Event::kSessionConfigured:
      return ev::SessionConfigured{from_pb(p.session_configured().info()), from_pb(p.session_configured().rules())};
    case pb::Event::kMemberAdded: return ev::MemberAdded{from_pb(p.member_added().member())};
    case pb::Event::kMemberArrived: return ev::MemberArrived{p.member_arrived().member(), p.member_arrived().at()};
    case pb::Event::kMemberLeft: return ev::MemberLeft{p.member_left().member(), p.member_left().at()};
    case pb::Event::kAbsenceExcused: return ev::AbsenceExcused{p.absence_excused().member()};
    case pb::Event::kProxyRegistered: return ev::ProxyRegistered{from_pb(p.proxy_registered().proxy())};
    case pb::Event::kProxyRevoked: return ev::ProxyRevoked{p.proxy_revoked().mandant()};
    case pb::Event::kItemAdded: return ev::ItemAdded{from_pb(p.item_added().item())};
    case pb::Event::kConflictDeclared: return ev::ConflictDeclared{p.conflict_declared().item(), p.conflict_declared().member()};
    case pb::Event::kBallotOpened: {
      const auto& x = p.ballot_opened();
      ev::BallotOpened e{x.item(), from_pb(x.mode()), x.allow_change(), from_pb(x.majority()), from_pb(x.majority_base()),
                         from_pb(x.snapshot()), {}, x.at()};
      for (const auto& [voice, by] : x.voices()) e.voices[voice] = by;
      e.round = x.round();
      e.candidates = get_ids(x.candidates());
      e.seats = x.seats();
      return e;
    }
    case pb::Event::kVoteCast:
      return ev::VoteCast{p.vote_cast().item(), p.vote_cast().voice(), from_pb(p.vote_cast().cast()), p.vote_cast().at()};
    case pb::Event::kSecretVoteCast: {
      const auto& x = p.secret_vote_cast();
      return ev::SecretVoteCast{x.item(), x.voice(), x.by(), x.by_clerk(), x.at()};
    }
    case pb::Event::kSecretChoiceCast:
      return ev::SecretChoiceCast{p.secret_choice_cast().item(), from_pb(p.secret_choice_cast().choice()),
                                  p.secret_choice_cast().weight(), from_pb(p.secret_choice_cast().paper())};
    case pb::Event::kBallotClosed: {
      const auto& x = p.ballot_closed();
      return ev::BallotClosed{x.item(), from_pb(x.tally()), from_pb(x.outcome()), x.at(), from_pb(x.result())};
    }
    case pb::Event::kPrefectureDatesRecorded: {
      const auto& x = p.prefecture_dates_recorded();
      return ev::PrefectureDatesRecorded{x.item(), x.received(), x.published()};
    }
    case pb::Event::kBallotCancelled:
      return ev::BallotCancelled{p.ballot_cancelled().item(), p.ballot_cancelled().reason(), p.ballot_cancelled().at()};
    case pb::Event::kSessionReconvened:
      return ev::SessionReconvened{p.session_reconvened().date(), p.session_reconvened().time()};
    case pb::Event::kCandidateAdded:
      return ev::CandidateAdded{p.candidate_added().item(), from_pb(p.candidate_added().candidate())};
    case pb::Event::kCandidateWithdrawn:
      return ev::CandidateWithdrawn{p.candidate_withdrawn().item(), p.candidate_withdrawn().candidate()};
    case pb::Event::kDesignatedWithoutBallot: {
      const auto& x = p.designated_without_ballot();
      return ev::DesignatedWithoutBallot{x.item(), get_ids(x.elected()), from_pb(x.snapshot()), x.at()};
    }
    case pb::Event::kMemberEdited: return ev::MemberEdited{from_pb(p.member_edited().member())};
    case pb::Event::kMemberRemoved: return ev::MemberRemoved{p.member_removed().member()};
    case pb::Event::kItemEdited: return ev::ItemEdited{from_pb(p.item_edited().item())};
    case pb::Event::kItemRemoved: return ev::ItemRemoved{p.item_removed().item()};
    case pb::Event::kPinReset: return ev::PinReset{p.pin_reset().member(), p.pin_reset().at()};
    case pb::Event::kSecretBoxSealed: {
      ev::SecretBoxSealed e{p.secret_box_sealed().item(), {}};
      for (const auto& c : p.secret_box_sealed().contents())
        e.contents.push_back(ev::SecretChoiceCast{c.item(), from_pb(c.choice()), c.weight(), from_pb(c.paper())});
      return e;
    }
    case pb::Event::KIND_NOT_SET: break;
  }
  return std::unexpected(Error{ErrorCode::InvalidArgument, "A journal event has no known kind (written by a newer version?)."});
}

// ---- Commands -------------------------------------------------------------------

std::expected<Command, Error> from_pb(const pb::Command& p) {
  switch (p.kind_case()) {
    case pb::Command::kConfigureSession:
      return cmd::ConfigureSession{from_pb(p.configure_session().info()), from_pb(p.configure_session().rules())};
    case pb::Command::kImportRoster: {
      cmd::ImportRoster c;
      c.members.reserve(static_cast<std::size_t>(p.import_roster().members_size()));
      for (const pb::Member& m : p.import_roster().members()) c.members.push_back(from_pb(m));
      return c;
    }
    case pb::Command::kCheckIn: return cmd::CheckIn{p.check_in().member()};
    case pb::Command::kCheckOut: return cmd::CheckOut{p.check_out().member()};
    case pb::Command::kExcuseAbsence: return cmd::ExcuseAbsence{p.excuse_absence().member()};
    case pb::Command::kRegisterProxy: return cmd::RegisterProxy{from_pb(p.register_proxy().proxy())};
    case pb::Command::kRevokeProxy: return cmd::RevokeProxy{p.revoke_proxy().mandant()};
    case pb::Command::kAddItem: return cmd::AddItem{from_pb(p.add_item().item())};
    case pb::Command::kDeclareConflict: return cmd::DeclareConflict{p.declare_conflict().item(), p.declare_conflict().member()};
    case pb::Command::kOpenBallot: {
      const auto& x = p.open_ballot();
      cmd::OpenBallot c{x.item(), from_pb(x.mode()), x.allow_change(), std::nullopt};
      if (x.has_qualified_majority()) c.qualified_majority = from_pb(x.qualified_majority());
      return c;
    }
    case pb::Command::kCastVote: {
      const auto& x = p.cast_vote();
      cmd::CastVote c{x.item(), x.voice(), x.by(), from_pb(x.choice()), x.by_clerk(), std::nullopt};
      if (x.has_paper()) c.paper = from_pb(x.paper());
      return c;
    }
    case pb::Command::kCloseBallot: return cmd::CloseBallot{p.close_ballot().item()};
    case pb::Command::kRecordPrefectureDates: {
      const auto& x = p.record_prefecture_dates();
      return cmd::RecordPrefectureDates{x.item(), x.received(), x.published()};
    }
    case pb::Command::kCancelBallot: return cmd::CancelBallot{p.cancel_ballot().item(), p.cancel_ballot().reason()};
    case pb::Command::kReconveneSession:
      return cmd::ReconveneSession{p.reconvene_session().date(), p.reconvene_session().time()};
    case pb::Command::kAddCandidate:
      return cmd::AddCandidate{p.add_candidate().item(), from_pb(p.add_candidate().candidate())};
    case pb::Command::kWithdrawCandidate:
      return cmd::WithdrawCandidate{p.withdraw_candidate().item(), p.withdraw_candidate().candidate()};
    case pb::Command::kDesignateWithoutBallot: return cmd::DesignateWithoutBallot{p.designate_without_ballot().item()};
    case pb::Command::kEditMember: return cmd::EditMember{from_pb(p.edit_member().member())};
    case pb::Command::kRemoveMember: return cmd::RemoveMember{p.remove_member().member()};
    case pb::Command::kEditItem: return cmd::EditItem{from_pb(p.edit_item().item())};
    case pb::Command::kRemoveItem: return cmd::RemoveItem{p.remove_item().item()};
    case pb::Command::kResetPin: return cmd::ResetPin{p.reset_pin().member()};
    case pb::Command::KIND_NOT_SET: break;
  }
  return std::unexpected(Error{ErrorCode::InvalidArgument, "The command has no known kind."});
}

namespace {

std::vector<pb::Command> roster_chunks(const std::vector<Member>& members) {
  std::vector<pb::Command> chunks;
  for (const Member& m : members) {
    if (chunks.empty() || chunks.back().import_roster().members_size() >= protocol::kRosterChunkMembers) chunks.emplace_back();
    auto* roster = chunks.back().mutable_import_roster();
    *roster->add_members() = to_pb(m);
    if (roster->members_size() > 1 && roster->ByteSizeLong() > protocol::kRosterChunkBytes) {
      roster->mutable_members()->RemoveLast();
      *chunks.emplace_back().mutable_import_roster()->add_members() = to_pb(m);
    }
  }
  return chunks;
}

}  // namespace

std::vector<pb::Command> import_roster_commands(const std::vector<Member>& members) {
  std::vector<pb::Command> chunks = roster_chunks(members);
  if (chunks.size() <= 1) return chunks;  // one command keeps the file's order (the register's)
  // Each chunk is decided on its own and may name only titulars already there:
  // across several, every titular goes before the substitutes.
  std::vector<Member> ordered = members;
  std::ranges::stable_partition(ordered, [](const Member& m) { return m.kind == MemberKind::Titular; });
  return roster_chunks(ordered);
}

pb::Command to_pb(const Command& command) {
  pb::Command p;
  std::visit(
      [&](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, cmd::ConfigureSession>) {
          *p.mutable_configure_session()->mutable_info() = to_pb(c.info);
          *p.mutable_configure_session()->mutable_rules() = to_pb(c.rules);
        } else if constexpr (std::is_same_v<T, cmd::ImportRoster>) {
          for (const Member& m : c.members) *p.mutable_import_roster()->add_members() = to_pb(m);
        } else if constexpr (std::is_same_v<T, cmd::CheckIn>) {
          p.mutable_check_in()->set_member(c.member);
        } else if constexpr (std::is_same_v<T, cmd::CheckOut>) {
          p.mutable_check_out()->set_member(c.member);
        } else if constexpr (std::is_same_v<T, cmd::ExcuseAbsence>) {
          p.mutable_excuse_absence()->set_member(c.member);
        } else if constexpr (std::is_same_v<T, cmd::RegisterProxy>) {
          *p.mutable_register_proxy()->mutable_proxy() = to_pb(c.proxy);
        } else if constexpr (std::is_same_v<T, cmd::RevokeProxy>) {
          p.mutable_revoke_proxy()->set_mandant(c.mandant);
        } else if constexpr (std::is_same_v<T, cmd::AddItem>) {
          *p.mutable_add_item()->mutable_item() = to_pb(c.item);
        } else if constexpr (std::is_same_v<T, cmd::DeclareConflict>) {
          p.mutable_declare_conflict()->set_item(c.item);
          p.mutable_declare_conflict()->set_member(c.member);
        } else if constexpr (std::is_same_v<T, cmd::OpenBallot>) {
          auto* x = p.mutable_open_ballot();
          x->set_item(c.item);
          x->set_mode(to_pb(c.mode));
          x->set_allow_change(c.allow_change);
          if (c.qualified_majority) *x->mutable_qualified_majority() = to_pb(*c.qualified_majority);
        } else if constexpr (std::is_same_v<T, cmd::CastVote>) {
          auto* x = p.mutable_cast_vote();
          x->set_item(c.item);
          x->set_voice(c.voice);
          x->set_by(c.by);
          x->set_choice(to_pb(c.choice));
          x->set_by_clerk(c.by_clerk);
          if (c.paper) *x->mutable_paper() = to_pb(*c.paper);
        } else if constexpr (std::is_same_v<T, cmd::CloseBallot>) {
          p.mutable_close_ballot()->set_item(c.item);
        } else if constexpr (std::is_same_v<T, cmd::RecordPrefectureDates>) {
          auto* x = p.mutable_record_prefecture_dates();
          x->set_item(c.item);
          x->set_received(c.received);
          x->set_published(c.published);
        } else if constexpr (std::is_same_v<T, cmd::CancelBallot>) {
          p.mutable_cancel_ballot()->set_item(c.item);
          p.mutable_cancel_ballot()->set_reason(c.reason);
        } else if constexpr (std::is_same_v<T, cmd::ReconveneSession>) {
          p.mutable_reconvene_session()->set_date(c.date);
          p.mutable_reconvene_session()->set_time(c.time);
        } else if constexpr (std::is_same_v<T, cmd::AddCandidate>) {
          p.mutable_add_candidate()->set_item(c.item);
          *p.mutable_add_candidate()->mutable_candidate() = to_pb(c.candidate);
        } else if constexpr (std::is_same_v<T, cmd::WithdrawCandidate>) {
          p.mutable_withdraw_candidate()->set_item(c.item);
          p.mutable_withdraw_candidate()->set_candidate(c.candidate);
        } else if constexpr (std::is_same_v<T, cmd::DesignateWithoutBallot>) {
          p.mutable_designate_without_ballot()->set_item(c.item);
        } else if constexpr (std::is_same_v<T, cmd::EditMember>) {
          *p.mutable_edit_member()->mutable_member() = to_pb(c.member);
        } else if constexpr (std::is_same_v<T, cmd::RemoveMember>) {
          p.mutable_remove_member()->set_member(c.member);
        } else if constexpr (std::is_same_v<T, cmd::EditItem>) {
          *p.mutable_edit_item()->mutable_item() = to_pb(c.item);
        } else if constexpr (std::is_same_v<T, cmd::RemoveItem>) {
          p.mutable_remove_item()->set_item(c.item);
        } else if constexpr (std::is_same_v<T, cmd::ResetPin>) {
          p.mutable_reset_pin()->set_member(c.member);
        }
      },
      command);
  return p;
}

// ---- Record ---------------------------------------------------------------------

pb::DeliberationRecord to_pb(const DeliberationRecord& r) {
  pb::DeliberationRecord p;
  *p.mutable_session() = to_pb(r.session);
  p.set_rules_name(r.rules_name);
  p.set_president_name(r.president_name);
  p.set_secretary_name(r.secretary_name);
  p.set_acts_id(r.acts_id);
  *p.mutable_item() = to_pb(r.item);
  p.set_rapporteur_name(r.rapporteur_name);
  p.set_mode(to_pb(r.mode));
  p.set_in_office(r.in_office);
  p.set_present_titulars(r.present_titulars);
  p.set_substitutes(r.substitutes);
  p.set_represented(r.represented);
  put_ids(p.mutable_present_names(), r.present_names);
  for (const auto& x : r.proxies) *p.add_proxies() = to_pb(x);
  put_ids(p.mutable_excused_names(), r.excused_names);
  put_ids(p.mutable_absent_names(), r.absent_names);
  put_ids(p.mutable_substitute_names(), r.substitute_names);
  put_ids(p.mutable_interested_names(), r.interested_names);
  for (const auto& x : r.proxies_not_exercised) *p.add_proxies_not_exercised() = to_pb(x);
  p.set_quorum_present(r.quorum_present);
  p.set_quorum_required(r.quorum_required);
  p.set_quorum_met(r.quorum_met);
  *p.mutable_counts() = to_pb(r.counts);
  *p.mutable_weighted_counts() = to_pb(r.weighted_counts);
  p.set_weighted(r.weighted);
  *p.mutable_outcome() = to_pb(r.outcome);
  put_ids(p.mutable_names_pour(), r.names_pour);
  put_ids(p.mutable_names_contre(), r.names_contre);
  put_ids(p.mutable_names_abstention(), r.names_abstention);
  put_ids(p.mutable_names_not_taking_part(), r.names_not_taking_part);
  put_ids(p.mutable_entered_by_clerk(), r.entered_by_clerk);
  *p.mutable_majority() = to_pb(r.majority);
  p.set_majority_base(to_pb(r.majority_base));
  p.set_majority_needed(r.majority_needed);
  if (r.election) *p.mutable_election() = to_pb(*r.election);
  return p;
}

DeliberationRecord from_pb(const pb::DeliberationRecord& p) {
  DeliberationRecord r;
  r.session = from_pb(p.session());
  r.rules_name = p.rules_name();
  r.president_name = p.president_name();
  r.secretary_name = p.secretary_name();
  r.acts_id = p.acts_id();
  r.item = from_pb(p.item());
  r.rapporteur_name = p.rapporteur_name();
  r.mode = from_pb(p.mode());
  r.in_office = p.in_office();
  r.present_titulars = p.present_titulars();
  r.substitutes = p.substitutes();
  r.represented = p.represented();
  r.present_names = get_ids(p.present_names());
  for (const auto& x : p.proxies()) r.proxies.push_back({x.mandant(), x.holder()});
  r.excused_names = get_ids(p.excused_names());
  r.absent_names = get_ids(p.absent_names());
  r.substitute_names = get_ids(p.substitute_names());
  r.interested_names = get_ids(p.interested_names());
  for (const auto& x : p.proxies_not_exercised()) r.proxies_not_exercised.push_back({x.mandant(), x.holder()});
  r.quorum_present = p.quorum_present();
  r.quorum_required = p.quorum_required();
  r.quorum_met = p.quorum_met();
  r.counts = from_pb(p.counts());
  r.weighted_counts = from_pb(p.weighted_counts());
  r.weighted = p.weighted();
  r.outcome = from_pb(p.outcome());
  r.names_pour = get_ids(p.names_pour());
  r.names_contre = get_ids(p.names_contre());
  r.names_abstention = get_ids(p.names_abstention());
  r.names_not_taking_part = get_ids(p.names_not_taking_part());
  r.entered_by_clerk = get_ids(p.entered_by_clerk());
  r.majority = p.has_majority() ? from_pb(p.majority()) : Fraction{1, 2};  // exports before the field: 1/2
  r.majority_base = from_pb(p.majority_base());
  r.majority_needed = p.majority_needed();
  if (p.has_election()) r.election = from_pb(p.election());
  return r;
}

}  // namespace scrutin
