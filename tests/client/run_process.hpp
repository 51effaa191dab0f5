// Runs a program (scrutinctl) to completion and collects its exit status and
// output. Waits on the process, never on a clock.
#pragma once

#include <string>
#include <vector>

namespace scrutin::testing {

struct ProcessResult {
  int status = -1;  // exit status; 128 + signal when killed
  std::string out;
  std::string err;
};

ProcessResult run_process(const std::string& program, const std::vector<std::string>& args);

}  // namespace scrutin::testing
