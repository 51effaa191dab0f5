#include "domain/majority.hpp"

namespace scrutin {

namespace {
// 128-bit products (a GCC and Clang extension): an int64 times an int64 never overflows.
__extension__ typedef __int128 Wide;
}  // namespace

bool is_absolute_majority(const Fraction& f) {
  return f.den > 0 && static_cast<Wide>(f.num) * 2 == static_cast<Wide>(f.den);
}

std::int64_t majority_base_count(MajorityBase base, const Counts& c) {
  return base == MajorityBase::Expressed ? c.expressed() : c.expressed() + c.abstentions;
}

std::int64_t votes_needed(const Fraction& majority, std::int64_t base) {
  if (base <= 0) return 1;
  if (majority.den <= 0 || majority.num <= 0) return 1;  // not a valid rule (refused when set); nothing lower
  if (is_absolute_majority(majority)) return base / 2 + 1;
  // ceil(base * num / den); num <= den, so the result fits in int64.
  const Wide product = static_cast<Wide>(base) * majority.num;
  const Wide needed = (product + majority.den - 1) / majority.den;
  return needed < 1 ? 1 : static_cast<std::int64_t>(needed);
}

MajorityCheck check_majority(const Fraction& majority, MajorityBase base, bool weighted, const Tally& tally) {
  MajorityCheck m;
  m.majority = majority;
  m.base = base;
  m.weighted = weighted;
  m.deciding = weighted ? tally.weighted : tally.heads;
  m.heads = tally.heads;
  m.base_count = majority_base_count(base, m.deciding);
  m.needed = votes_needed(majority, m.base_count);
  return m;
}

}  // namespace scrutin
