// Elections of persons: counting one round under the French rules (CGCT
// L2122-7, L2121-21). Pure: the round's papers and the candidates in, the
// result out. Used by the domain at close; the record and displays read the
// RoundResult it produced.
#pragma once

#include <vector>

#include "domain/types.hpp"

namespace scrutin {

// The papers of a round, however they were cast: by candidate, blank, spoilt.
struct RoundPapers {
  std::map<std::string, std::int64_t> votes;  // candidate id -> papers naming it
  std::int64_t papers = 0;
  std::int64_t blank = 0;
  std::int64_t spoilt = 0;
};

// Counts a round and says who is elected:
// - rounds 1..absolute_rounds: a candidate needs the absolute majority of the
//   expressed ballots (blank and spoilt are not expressed);
// - the next round is the last: the relative majority (at least one vote);
// - at equal votes for the last seat the oldest is elected (earliest birth date;
//   same date: the one declared first);
// - at most `seats` are elected; the others stand again if seats remain.
// `standing` are the candidates of the round (declaration order); `voters` the
// voices entitled.
RoundResult count_round(const ElectionRules& rules, int round, int seats, const std::vector<Candidate>& standing,
                        const RoundPapers& papers, std::int64_t voters);

// Checks a paper against a round: names among the candidates standing, no name
// twice, at most `seats` names, exactly one of names / blank / spoilt. Returns
// a sentence when it is not valid.
std::optional<std::string> paper_problem(const Paper& paper, const std::vector<std::string>& candidates, int seats);

}  // namespace scrutin
