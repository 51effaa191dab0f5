#include "domain/election.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

#include "domain/majority.hpp"

namespace scrutin {

ElectionRules election_executive() {
  ElectionRules r;
  r.name = "Élection du maire, du président ou des adjoints (CGCT L2122-7, L5211-2)";
  r.absolute_rounds = 2;
  r.secret_required = true;
  r.designation_without_ballot = false;
  return r;
}

ElectionRules election_designation() {
  ElectionRules r;
  r.name = "Désignation au scrutin secret (CGCT L2121-21)";
  r.absolute_rounds = 2;
  r.secret_required = false;  // the council may decide unanimously not to vote in secret
  r.designation_without_ballot = true;
  return r;
}

RoundResult count_round(const ElectionRules& rules, int round, int seats, const std::vector<Candidate>& standing,
                        const RoundPapers& papers, std::int64_t voters) {
  RoundResult r;
  r.round = round;
  r.seats = seats;
  r.relative = round > rules.absolute_rounds;
  r.voters = voters;
  r.papers = papers.papers;
  r.blank = papers.blank;
  r.spoilt = papers.spoilt;
  r.majority_needed = r.relative ? 0 : votes_needed(Fraction{1, 2}, r.expressed());

  // Most votes first; at equal votes the oldest (earliest ISO birth date), then
  // the one declared first: the order in which seats are given.
  struct Ranked {
    const Candidate* c;
    std::int64_t votes;
    std::size_t declared;
  };
  std::vector<Ranked> ranked;
  for (std::size_t i = 0; i < standing.size(); ++i) {
    auto v = papers.votes.find(standing[i].id);
    ranked.push_back({&standing[i], v == papers.votes.end() ? 0 : v->second, i});
  }
  std::ranges::stable_sort(ranked, [](const Ranked& a, const Ranked& b) {
    if (a.votes != b.votes) return a.votes > b.votes;
    if (a.c->birth_date != b.c->birth_date) return a.c->birth_date < b.c->birth_date;
    return a.declared < b.declared;
  });
  for (const Ranked& x : ranked) r.votes.push_back({x.c->id, x.votes});

  auto qualifies = [&](const Ranked& x) {
    return r.relative ? x.votes > 0 : (r.expressed() > 0 && x.votes >= r.majority_needed);
  };
  std::size_t taken = 0;
  while (taken < ranked.size() && static_cast<int>(taken) < seats && qualifies(ranked[taken])) {
    r.elected.push_back(ranked[taken].c->id);
    ++taken;
  }
  // Preferred by age: an elected candidate whose score a qualifying candidate
  // left out also had (the last seat went to the oldest).
  if (taken > 0 && taken < ranked.size() && qualifies(ranked[taken]) && ranked[taken].votes == ranked[taken - 1].votes)
    for (std::size_t i = 0; i < taken; ++i)
      if (ranked[i].votes == ranked[taken].votes) r.elected_by_age.push_back(ranked[i].c->id);
  r.another_round = static_cast<int>(r.elected.size()) < seats && !r.relative;
  return r;
}

std::optional<std::string> paper_problem(const Paper& paper, const std::vector<std::string>& candidates, int seats) {
  const int kinds = (paper.names.empty() ? 0 : 1) + (paper.blank ? 1 : 0) + (paper.spoilt ? 1 : 0);
  if (kinds == 0) return "An election ballot needs a candidate's name, or a blank vote.";
  if (kinds > 1) return "A ballot is either names, blank or spoilt, not two of these.";
  if (static_cast<int>(paper.names.size()) > seats)
    return fmt::format("This round fills {} seat{}: a ballot names at most {} candidate{}, not {}.", seats,
                       seats > 1 ? "s" : "", seats, seats > 1 ? "s" : "", paper.names.size());
  std::set<std::string> seen;
  for (const std::string& name : paper.names) {
    if (std::ranges::find(candidates, name) == candidates.end())
      return fmt::format("{} is not a candidate in this round.", name);
    if (!seen.insert(name).second) return fmt::format("{} is named twice on the ballot.", name);
  }
  return std::nullopt;
}

}  // namespace scrutin
