// Child processes, in one place: the load generator's spawned server, the
// tests' server harness and their runs of scrutinctl. POSIX only (fork/exec,
// posix_spawn, waitpid); every wait is bounded or waits on the child itself.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace scrutin::process {

struct Output {
  int status = -1;  // exit status; 128 + signal when killed
  std::string out;
  std::string err;
};

// Runs `program args...` to completion and collects its exit status and
// output. Throws std::runtime_error when it cannot be started.
Output run(const std::string& program, const std::vector<std::string>& args);

// Starts argv[0] with `argv`, its stdout and stderr appended to `log`.
// Throws std::runtime_error when it cannot fork.
pid_t start(const std::vector<std::string>& argv, const std::string& log);

enum class Ready { Yes, Exited, TimedOut };
// Looks at `ready()` every 20 ms until it holds, the child exits (its status in
// `exit_status`, and it is reaped) or `timeout` passes.
Ready wait_ready(pid_t pid, const std::function<bool()>& ready, std::chrono::milliseconds timeout, int& exit_status);

// SIGTERM, at most `grace` for it to exit, then SIGKILL; reaps it. The exit status.
int stop(pid_t pid, std::chrono::milliseconds grace);
int kill9(pid_t pid);          // SIGKILL and reap; the exit status
bool exited(pid_t pid);        // true once it has exited (and it is reaped then)
int exit_status(int wait_status);  // waitpid's status as a shell would say it

}  // namespace scrutin::process
