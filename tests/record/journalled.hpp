// Sessions driven through the domain with their journal built alongside, as
// the server would write it: one hash-chained entry per event.
#pragma once

#include <string>
#include <vector>

#include "domain/session.hpp"
#include "scrutin.pb.h"

namespace scrutin::testing {

struct Journalled {
  Session session;
  std::vector<pb::JournalEntry> journal;
  Millis now = 1647970200000;  // 2022-03-22 18:30 CET

  // Executes a command; returns the domain's refusal sentence, empty when done.
  std::string run(const Command& c);
  void run_all(const std::vector<Command>& cs);  // fails the test on a refusal
};

Journalled seed_session();  // tests/support/seed: the 22 March 2022 deliberation, closed
// Three items with different outcomes: a unanimous public vote, a public vote
// with contre, abstentions, a non-participation, an interested member and a
// clerk entry, and a secret ballot; a proxy and a sitting substitute.
Journalled three_item_session();

}  // namespace scrutin::testing
