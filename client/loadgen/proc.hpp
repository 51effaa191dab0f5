// The server process seen from outside: its pid (given, or found through the
// port it listens on), peak memory and CPU time from /proc, and, for a
// self-contained benchmark, starting a fresh server in a temporary data folder.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

namespace scrutin::loadgen {

struct ProcStats {
  bool ok = false;
  double rss_mib = 0;       // VmRSS
  double hwm_mib = 0;       // VmHWM: peak resident set
  double cpu_s = 0;         // utime + stime
  int threads = 0;
};

ProcStats read_proc_stats(pid_t pid);

// The pid of the process holding a listening TCP socket on `port` (from
// /proc/net/tcp{,6} and /proc/*/fd); nullopt when it cannot be seen.
std::optional<pid_t> pid_listening_on(int port);

// Raises the soft RLIMIT_NOFILE to the hard limit; returns the new soft limit.
long raise_fd_limit();

struct SpawnedServer {
  pid_t pid = -1;
  std::string data_dir;
  std::string passphrase;
  std::string log;
};

// Starts `binary --data <tmp> --listen 127.0.0.1 --port 0 --clerk-passphrase-file F
// [--threads N]` and waits (up to timeout_s) for <tmp>/endpoint.
std::optional<SpawnedServer> spawn_server(const std::string& binary, int threads, double timeout_s,
                                          std::string& error);
// SIGTERM, wait up to 10 s, then SIGKILL. Removes the data folder unless keep.
void stop_server(SpawnedServer& s, bool keep);

}  // namespace scrutin::loadgen
