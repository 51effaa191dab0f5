// Item 5 of the hardening issue: every number from outside is bounded at the
// door (weights, fractions, seats, proxy limits, roster size), sums that grow
// are checked, and a journal is folded only through Session::check, which
// refuses an event that breaks an invariant with a sentence naming it (its
// position and kind) instead of folding it into a state that crashes later.
#include <gtest/gtest.h>

#include <climits>
#include <random>

#include "domain/roster_csv.hpp"
#include "domain/session.hpp"

namespace scrutin {
namespace {

constexpr std::int64_t kNear63 = (std::int64_t{1} << 62) + 1;

SessionInfo info(int seats) {
  SessionInfo i;
  i.body = "Assemblée";
  i.date = "2026-05-04";
  i.seats = seats;
  i.president = "M1";
  return i;
}

std::vector<Member> roster(int n, std::int64_t weight) {
  std::vector<Member> out;
  for (int i = 1; i <= n; ++i)
    out.push_back(Member{"M" + std::to_string(i), "Membre " + std::to_string(i), "", MemberKind::Titular, "", weight, ""});
  return out;
}

const RuleSet kPresets[] = {french_council(), french_council_2020_2022(),
                            general_assembly({1, 3}, false, {2, 3}), weighted_assembly({1, 2}, {1, 2})};

bool mentions(const Error& e, const std::string& word) { return e.message.find(word) != std::string::npos; }

TEST(Bounds, FractionsWithHugeTermsAreRefusedInEveryPreset) {
  const Fraction huge[] = {{1, kNear63}, {kNear63 - 1, kNear63}, {INT64_MAX, INT64_MAX}, {1, 1'000'001}, {INT64_MIN, 2}};
  for (const RuleSet& preset : kPresets)
    for (const Fraction& f : huge)
      for (bool quorum : {true, false}) {
        RuleSet r = preset;
        (quorum ? r.quorum : r.majority) = f;
        Session s;
        auto out = s.decide(cmd::ConfigureSession{info(10), r}, 0);
        ASSERT_FALSE(out) << preset.name << " " << f.num << "/" << f.den;
        EXPECT_EQ(out.error().code, ErrorCode::InvalidArgument);
        EXPECT_FALSE(out.error().message.empty());
      }
  // The largest terms accepted still count right: 999999/1000000 of 7 members.
  RuleSet r = french_council();
  r.quorum = {999'999, 1'000'000};
  r.quorum_strict = false;
  EXPECT_EQ(quorum_required(r, 7), 7);
  r.quorum = {1, 1'000'000};
  EXPECT_EQ(quorum_required(r, 100'000), 1);
}

TEST(Bounds, AQuorumNearTwoToThe63DoesNotLetABallotOpen) {
  // The attack of the issue: a quorum fraction near 2^63 overflowed in_office * num.
  for (const RuleSet& preset : kPresets) {
    RuleSet r = preset;
    r.quorum = {kNear63, kNear63 + 1};
    Session s;
    EXPECT_FALSE(s.execute(cmd::ConfigureSession{info(10), r}, 0));
    EXPECT_FALSE(s.configured());
    // Even a state that holds one (folded without checks) asks for more than everyone, never less.
    EXPECT_GT(quorum_required(r, 10), 0);
    r.quorum = {1, 0};
    EXPECT_EQ(quorum_required(r, 10), 11) << "a quorum of 1/0 cannot be met, and does not divide by zero";
  }
}

TEST(Bounds, SeatsProxyLimitsAndQualifiedMajorities) {
  for (const RuleSet& preset : kPresets) {
    Session s;
    auto seats = s.decide(cmd::ConfigureSession{info(INT_MAX), preset}, 0);
    ASSERT_FALSE(seats);
    EXPECT_TRUE(mentions(seats.error(), "sièges")) << seats.error().message;
    for (auto [holder, sessions] : {std::pair{INT_MAX, 3}, std::pair{1, INT_MAX}, std::pair{101, 3}}) {
      RuleSet r = preset;
      r.max_proxies_per_holder = holder;
      r.max_proxy_sessions = sessions;
      auto out = s.decide(cmd::ConfigureSession{info(10), r}, 0);
      ASSERT_FALSE(out) << holder << " " << sessions;
      EXPECT_TRUE(mentions(out.error(), "pouvoirs")) << out.error().message;
    }
    ASSERT_TRUE(s.execute(cmd::ConfigureSession{info(5), preset}, 0));
    ASSERT_TRUE(s.execute(cmd::ImportRoster{roster(5, 1)}, 0));
    ASSERT_TRUE(s.execute(cmd::AddItem{Item{"1", "Budget"}}, 0));
    for (int i = 1; i <= 5; ++i) ASSERT_TRUE(s.execute(cmd::CheckIn{"M" + std::to_string(i)}, 0));
    auto q = s.decide(cmd::OpenBallot{"1", BallotMode::Public, true, Fraction{kNear63 - 5, kNear63}}, 0);
    ASSERT_FALSE(q);
    EXPECT_TRUE(mentions(q.error(), "majorité qualifiée")) << q.error().message;
  }
}

TEST(Bounds, WeightsAreBoundedAndTheirSumsNeverWrap) {
  for (std::int64_t w : {kMaxWeight + 1, kNear63, INT64_MAX}) {
    Session s;
    ASSERT_TRUE(s.execute(cmd::ConfigureSession{info(3), weighted_assembly({1, 2}, {1, 2})}, 0));
    auto out = s.decide(cmd::ImportRoster{roster(3, w)}, 0);
    ASSERT_FALSE(out) << w;
    EXPECT_TRUE(mentions(out.error(), "plafond")) << out.error().message;
    // The CSV says it with its line.
    auto csv = parse_roster_csv("id,name,weight\nA,Alice,3\nB,Bob," + std::to_string(w) + "\n");
    ASSERT_FALSE(csv);
    EXPECT_TRUE(mentions(csv.error(), "ligne 3")) << csv.error().message;
  }
  // The largest weights, all pour, in every mode open to weighted rules (no secret
  // ballot where voices weigh): a weighted "pour" never wraps to negative.
  for (BallotMode mode : {BallotMode::Public, BallotMode::Nominal})
    for (int n : {3, 40}) {
      Session s;
      ASSERT_TRUE(s.execute(cmd::ConfigureSession{info(n), weighted_assembly({1, 2}, {1, 2})}, 0));
      ASSERT_TRUE(s.execute(cmd::ImportRoster{roster(n, kMaxWeight)}, 0));
      ASSERT_TRUE(s.execute(cmd::AddItem{Item{"1", "Budget"}}, 0));
      for (int i = 1; i <= n; ++i) ASSERT_TRUE(s.execute(cmd::CheckIn{"M" + std::to_string(i)}, 0));
      ASSERT_TRUE(s.execute(cmd::OpenBallot{"1", mode, true, std::nullopt}, 0));
      for (int i = 1; i <= n; ++i) {
        const std::string m = "M" + std::to_string(i);
        ASSERT_TRUE(s.execute(cmd::CastVote{"1", m, m, Choice::Pour, false}, 0));
      }
      ASSERT_TRUE(s.execute(cmd::CloseBallot{"1"}, 0));
      const Ballot* b = s.ballot("1");
      EXPECT_EQ(b->tally.weighted.pour, n * kMaxWeight);
      EXPECT_EQ(b->tally.heads.pour, n);
      EXPECT_TRUE(b->outcome.adopted);
    }
}

// ---- Replay checks ------------------------------------------------------------

// A valid journal: configure, roster with a substitute, proxy, items, a public
// and a secret ballot, closes.
std::vector<Event> valid_journal(const RuleSet& rules, int n, std::int64_t weight) {
  Session s;
  std::vector<Event> out;
  Millis now = 1000;
  auto ok = [&](const Command& c) {
    auto r = s.execute(c, now += 10);
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    if (r) out.insert(out.end(), r->begin(), r->end());
  };
  ok(cmd::ConfigureSession{info(n), rules});
  auto members = roster(n, weight);
  members.push_back(Member{"S1", "Suppléant", "", MemberKind::Substitute, "M" + std::to_string(n), 1, ""});
  ok(cmd::ImportRoster{members});
  ok(cmd::AddItem{Item{"1", "Budget"}});
  ok(cmd::AddItem{Item{"2", "Désignation"}});
  for (int i = 1; i < n - 1; ++i) ok(cmd::CheckIn{"M" + std::to_string(i)});
  ok(cmd::CheckIn{"S1"});
  ok(cmd::RegisterProxy{Proxy{"M" + std::to_string(n - 1), "M1", 1}});
  ok(cmd::OpenBallot{"1", BallotMode::Public, true, std::nullopt});
  for (int i = 1; i < n - 1; ++i) ok(cmd::CastVote{"1", "M" + std::to_string(i), "M" + std::to_string(i), i % 3 ? Choice::Pour : Choice::Contre, false});
  ok(cmd::CloseBallot{"1"});
  // No secret ballot where voices weigh: a nominal one there.
  ok(cmd::OpenBallot{"2", rules.weighted ? BallotMode::Nominal : BallotMode::Secret, false, std::nullopt});
  for (int i = 1; i < n - 1; ++i) ok(cmd::CastVote{"2", "M" + std::to_string(i), "M" + std::to_string(i), i % 2 ? Choice::Pour : Choice::Abstention, false});
  ok(cmd::CastVote{"2", "S1", "S1", Choice::Contre, false});
  ok(cmd::CloseBallot{"2"});
  return out;
}

TEST(ReplayCheck, EveryJournalTheDomainWritesPassesForEveryPreset) {
  for (const RuleSet& rules : kPresets)
    for (auto [n, w] : {std::pair{5, std::int64_t{1}}, std::pair{12, std::int64_t{250}}, std::pair{30, kMaxWeight}}) {
      const auto journal = valid_journal(rules, n, w);
      auto replayed = Session::replay_checked(journal);
      ASSERT_TRUE(replayed) << rules.name << ": " << replayed.error().message;
      EXPECT_EQ(*replayed, Session::replay(journal));
    }
}

// Each tampered journal is refused at the tampered event, named by position and kind.
struct Tamper {
  const char* what;
  const char* kind;
  std::function<void(std::vector<Event>&, std::size_t& at)> apply;  // edits the journal; sets the index expected
};

template <class E>
std::size_t find_nth(const std::vector<Event>& j, int nth = 0) {
  for (std::size_t i = 0; i < j.size(); ++i)
    if (std::holds_alternative<E>(j[i]) && nth-- == 0) return i;
  return j.size();
}

TEST(ReplayCheck, ATamperedJournalIsRefusedNamingTheEventNeverACrash) {
  const std::vector<Tamper> tampers = {
      {"check-in of a member not on the roster", "MemberArrived",
       [](auto& j, auto& at) { at = find_nth<ev::MemberArrived>(j); std::get<ev::MemberArrived>(j[at]).member = "X99"; }},
      {"proxy to a holder not on the roster", "ProxyRegistered",
       [](auto& j, auto& at) { at = find_nth<ev::ProxyRegistered>(j); std::get<ev::ProxyRegistered>(j[at]).proxy.holder = "X99"; }},
      {"quorum of 1/0", "SessionConfigured",
       [](auto& j, auto& at) { at = 0; std::get<ev::SessionConfigured>(j[0]).rules.quorum = {1, 0}; }},
      {"quorum near 2^63", "SessionConfigured",
       [](auto& j, auto& at) { at = 0; std::get<ev::SessionConfigured>(j[0]).rules.quorum = {kNear63, kNear63 + 1}; }},
      {"a weight near 2^63", "MemberAdded",
       [](auto& j, auto& at) { at = find_nth<ev::MemberAdded>(j, 1); std::get<ev::MemberAdded>(j[at]).member.weight = kNear63; }},
      {"a substitute of nobody, then its check-in", "MemberArrived",
       [](auto& j, auto& at) {
         for (auto& e : j)
           if (auto* added = std::get_if<ev::MemberAdded>(&e); added && added->member.id == "S1") added->member.substitute_of = "X99";
         for (at = 0; at < j.size(); ++at)
           if (auto* a = std::get_if<ev::MemberArrived>(&j[at]); a && a->member == "S1") break;
       }},
      {"a public vote by a voice with no vote", "VoteCast",
       [](auto& j, auto& at) { at = find_nth<ev::VoteCast>(j, 1); std::get<ev::VoteCast>(j[at]).voice = "M" + std::to_string(999); }},
      {"one more pour in a closed tally", "BallotClosed",
       [](auto& j, auto& at) { at = find_nth<ev::BallotClosed>(j); std::get<ev::BallotClosed>(j[at]).tally.heads.pour += 1; }},
      {"the outcome turned over", "BallotClosed",
       [](auto& j, auto& at) { at = find_nth<ev::BallotClosed>(j, 1); auto& o = std::get<ev::BallotClosed>(j[at]).outcome; o.adopted = !o.adopted; }},
      {"a sealed box with one bulletin more", "SecretBoxSealed",
       [](auto& j, auto& at) { at = find_nth<ev::SecretBoxSealed>(j); auto& c = std::get<ev::SecretBoxSealed>(j[at]).contents; c.push_back(c.back()); }},
      {"a sealed box in the order of arrival", "SecretBoxSealed",
       [](auto& j, auto& at) { at = find_nth<ev::SecretBoxSealed>(j); auto& c = std::get<ev::SecretBoxSealed>(j[at]).contents; std::swap(c.front(), c.back()); }},
      {"a second vote of the same voice in a secret ballot", "SecretVoteCast",
       [](auto& j, auto& at) { at = find_nth<ev::SecretVoteCast>(j, 1); j.insert(j.begin() + static_cast<long>(at), j[at]); ++at; }},
      {"a vote before any ballot", "VoteCast",
       [](auto& j, auto& at) { at = find_nth<ev::BallotOpened>(j); j.insert(j.begin() + static_cast<long>(at), j[at + 1]); }},
  };
  for (const RuleSet& rules : kPresets)
    for (int n : {5, 9}) {
      for (const Tamper& t : tampers) {
        // No secret ballot where voices weigh: nothing secret to tamper with there.
        if (rules.weighted && std::string(t.kind).starts_with("Secret")) continue;
        auto journal = valid_journal(rules, n, 2);
        std::size_t at = 0;
        t.apply(journal, at);
        ASSERT_LT(at, journal.size()) << t.what;
        auto replayed = Session::replay_checked(journal, 1);
        ASSERT_FALSE(replayed) << rules.name << ": " << t.what << " was folded";
        const std::string& m = replayed.error().message;
        EXPECT_NE(m.find("entrée n° " + std::to_string(at + 1) + " (" + t.kind + ")"), std::string::npos)
            << t.what << ": " << m;
      }
    }
}

TEST(ReplayCheck, DecideNeverDereferencesAMemberTheRosterLacks) {
  // A state folded without checks (an old journal): a substitute of nobody, a
  // proxy to nobody. Commands are refused with sentences, not crashes.
  Session s;
  s.apply(ev::SessionConfigured{info(3), french_council()});
  for (const Member& m : roster(3, 1)) s.apply(ev::MemberAdded{m});
  s.apply(ev::MemberAdded{Member{"S1", "Suppléant", "", MemberKind::Substitute, "X99", 1, ""}});
  s.apply(ev::ProxyRegistered{Proxy{"M1", "X99", 1}});
  auto in = s.decide(cmd::CheckIn{"S1"}, 0);
  ASSERT_FALSE(in);
  EXPECT_TRUE(mentions(in.error(), "X99")) << in.error().message;
  auto again = s.decide(cmd::RegisterProxy{Proxy{"M1", "M2", 1}}, 0);
  ASSERT_FALSE(again);
  EXPECT_TRUE(mentions(again.error(), "X99")) << again.error().message;
}

TEST(ReplayCheck, RandomSessionsReplayCheckedToTheSameState) {
  // Random commands on random rosters: whatever decide() writes, check() accepts.
  for (unsigned seed = 1; seed <= 60; ++seed) {
    std::mt19937 rng(seed);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    const int n = 4 + pick(10);
    const RuleSet& rules = kPresets[seed % std::size(kPresets)];
    Session s;
    std::vector<Event> journal;
    auto run = [&](const Command& c) {
      if (auto r = s.execute(c, 100 + static_cast<Millis>(journal.size()))) journal.insert(journal.end(), r->begin(), r->end());
    };
    run(cmd::ConfigureSession{info(n), rules});
    auto members = roster(n, 1 + pick(5));
    members.push_back(Member{"S1", "Suppléant", "", MemberKind::Substitute, "M1", 1, ""});
    run(cmd::ImportRoster{members});
    for (int i = 1; i <= 3; ++i) run(cmd::AddItem{Item{std::to_string(i), "Point"}});
    const Choice choices[] = {Choice::Pour, Choice::Contre, Choice::Abstention, Choice::NotTakingPart};
    const BallotMode modes[] = {BallotMode::Public, BallotMode::Nominal, BallotMode::Secret};
    for (int k = 0; k < 250; ++k) {
      auto m = [&] { return pick(6) == 0 ? std::string("S1") : "M" + std::to_string(1 + pick(n)); };
      auto item = std::to_string(1 + pick(3));
      switch (pick(9)) {
        case 0: run(cmd::CheckIn{m()}); break;
        case 1: run(cmd::CheckOut{m()}); break;
        case 2: run(cmd::RegisterProxy{Proxy{m(), m(), 1}}); break;
        case 3: run(cmd::OpenBallot{item, modes[pick(3)], pick(2) == 0, std::nullopt}); break;
        case 4: run(cmd::CloseBallot{item}); break;
        case 5: run(cmd::CancelBallot{item, "erreur"}); break;
        case 6: run(cmd::DeclareConflict{item, m()}); break;
        default: {
          auto v = m();
          run(cmd::CastVote{item, v, v, choices[pick(4)], pick(8) == 0});
        }
      }
    }
    auto replayed = Session::replay_checked(journal);
    ASSERT_TRUE(replayed) << "seed " << seed << ": " << replayed.error().message;
    EXPECT_EQ(*replayed, s) << "seed " << seed;
  }
}

}  // namespace
}  // namespace scrutin
