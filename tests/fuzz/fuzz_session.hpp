// A small assembly for the fuzz targets: twelve members (weights 1 to 3, one
// substitute), a proxy, two items, everyone checked in but two, a ballot open
// on item 1 (its mode from the caller). Built through decide(), as the server does.
#pragma once

#include <cstdlib>
#include <cstdio>
#include <string>
#include <vector>

#include "domain/session.hpp"

namespace scrutin::fuzz {

// A broken invariant is a crash for the fuzzer, with the reason on stderr.
inline void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  std::abort();
}

struct Assembly {
  Session session;
  std::vector<Event> journal;
  Millis now = 1'700'000'000'000;

  bool run(const Command& c) {
    auto r = session.execute(c, ++now);
    if (!r) return false;
    journal.insert(journal.end(), r->begin(), r->end());
    return true;
  }

  explicit Assembly(BallotMode mode, bool weighted = false) {
    SessionInfo info;
    info.body = "Conseil";
    info.date = "2026-01-15";
    info.seats = 12;
    info.president = "M1";
    run(cmd::ConfigureSession{info, weighted ? weighted_assembly({1, 3}, {1, 2}) : french_council_2020_2022()});
    std::vector<Member> roster;
    for (int i = 1; i <= 11; ++i)
      roster.push_back(Member{"M" + std::to_string(i), "Membre " + std::to_string(i), "", MemberKind::Titular, "", 1 + i % 3, ""});
    roster.push_back(Member{"S1", "Suppléant", "", MemberKind::Substitute, "M11", 1, ""});
    run(cmd::ImportRoster{roster});
    run(cmd::AddItem{Item{"1", "Budget"}});
    run(cmd::AddItem{Item{"2", "Voirie"}});
    for (int i = 1; i <= 9; ++i) run(cmd::CheckIn{"M" + std::to_string(i)});
    run(cmd::CheckIn{"S1"});
    run(cmd::RegisterProxy{Proxy{"M10", "M2", 1}});
    run(cmd::OpenBallot{"1", mode, true, std::nullopt});
  }

  // The fold of the journal, checked, is the live state: whatever was accepted.
  void check_replay() const {
    auto replayed = Session::replay_checked(journal);
    if (!replayed) std::fprintf(stderr, "%s\n", replayed.error().message.c_str());
    require(replayed.has_value(), "a journal written by decide() is refused by check()");
    require(*replayed == session, "the checked fold differs from the live state");
  }
};

}  // namespace scrutin::fuzz
