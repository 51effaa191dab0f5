// Runs a program (scrutinctl) to completion and collects its exit status and
// output (client/lib/process.hpp). Waits on the process, never on a clock.
#pragma once

#include <string>
#include <vector>

#include "client/lib/process.hpp"

namespace scrutin::testing {

using ProcessResult = process::Output;

inline ProcessResult run_process(const std::string& program, const std::vector<std::string>& args) {
  return process::run(program, args);
}

}  // namespace scrutin::testing
