// When the benchmark's tablets vote: fixed before the first vote, so pacing
// is a plan the main thread waits on, not a loop that decides as it goes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace scrutin::loadgen {

enum class Pace {
  Burst,   // every tablet at once
  Spread,  // tablets evenly over a window
  Rate,    // a steady number of votes (not tablets) per second
};

// The offset from the start of the vote phase, in nanoseconds, at which each
// of `tablets` tablets casts its votes, in tablet order (non-decreasing). The
// first `holders` tablets hold a proxy and cast two votes at their turn, which
// counts twice against a Rate. Spread uses window_ms, Rate uses votes_per_s
// (a Rate of 0 or less is a Burst).
std::vector<std::int64_t> vote_schedule(std::size_t tablets, std::size_t holders, Pace pace, double window_ms,
                                        double votes_per_s);

}  // namespace scrutin::loadgen
