// The majority rule, in one place: whether a ballot's "pour" reaches the
// majority its rule requires, and how many votes that takes. Used by the
// domain's outcome, scrutinctl, the displays and the record alike.
//
// - The simple (absolute) majority, 1/2, is "strictly more than half" of the base.
// - Any other fraction (2/3, 3/5, ...) is a qualified majority: "at least" that
//   fraction of the base.
// - The base is named by the rule: the expressed votes (pour + contre), or the
//   votes cast (pour + contre + abstentions).
// - Weighted rules count weights; heads are shown beside them.
#pragma once

#include <cstdint>

#include "domain/types.hpp"

namespace scrutin {

// True for 1/2 (and 2/4, 3/6...): the absolute majority.
bool is_absolute_majority(const Fraction& f);

// The size of the base under the rule: expressed or cast (with abstentions).
std::int64_t majority_base_count(MajorityBase base, const Counts& deciding);

// The smallest number of "pour" that carries the vote on `base` votes:
// base/2 + 1 for the absolute majority, ceil(base * num / den) otherwise.
// Exact for any int64 base (the product is taken on 128 bits). With no vote
// in the base, nothing can carry: 1.
std::int64_t votes_needed(const Fraction& majority, std::int64_t base);

// Everything a reader needs to check a result: the rule, the figures it was
// decided on, and the number needed.
struct MajorityCheck {
  Fraction majority{1, 2};
  MajorityBase base = MajorityBase::Expressed;
  bool weighted = false;   // the figures below are weights
  Counts deciding;         // the counts the outcome is decided on (weights when weighted)
  Counts heads;            // head counts, shown beside weights
  std::int64_t base_count = 0;
  std::int64_t needed = 0;
  bool reached() const { return base_count > 0 && deciding.pour >= needed; }
  bool no_vote_expressed() const { return deciding.expressed() == 0; }
  bool tie() const { return !no_vote_expressed() && deciding.pour == deciding.contre; }
  bool operator==(const MajorityCheck&) const = default;
};

MajorityCheck check_majority(const Fraction& majority, MajorityBase base, bool weighted, const Tally& tally);

}  // namespace scrutin
