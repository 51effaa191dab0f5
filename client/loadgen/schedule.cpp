#include "client/loadgen/schedule.hpp"

namespace scrutin::loadgen {

std::vector<std::int64_t> vote_schedule(std::size_t tablets, std::size_t holders, Pace pace, double window_ms,
                                        double votes_per_s) {
  std::vector<std::int64_t> offsets(tablets, 0);
  if (pace == Pace::Rate && votes_per_s > 0) {
    long votes_before = 0;
    for (std::size_t k = 0; k < tablets; ++k) {
      offsets[k] = static_cast<std::int64_t>(1e9 * static_cast<double>(votes_before) / votes_per_s);
      votes_before += k < holders ? 2 : 1;
    }
  } else if (pace == Pace::Spread && tablets > 0) {
    for (std::size_t k = 0; k < tablets; ++k)
      offsets[k] = static_cast<std::int64_t>(window_ms * 1e6 * static_cast<double>(k) / static_cast<double>(tablets));
  }
  return offsets;
}

}  // namespace scrutin::loadgen
