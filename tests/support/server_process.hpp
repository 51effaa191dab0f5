// Test harness: runs the real scrutin-server binary on 127.0.0.1 with a fresh
// (or given) data folder, waits for it to listen, and stops or kills it.
// Shared by the server's and the client's integration tests.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace scrutin::testing {

// A fresh, empty directory under /tmp (never reused).
std::string make_temp_dir();

struct ServerProcess {
  explicit ServerProcess(std::string data_dir = make_temp_dir());
  ~ServerProcess();  // SIGKILL if still running
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Starts scrutin-server --data <data_dir> --listen 127.0.0.1 --port 0
  // --clerk-passphrase-file <file next to data_dir>; waits (at most 20 s) for
  // <data_dir>/endpoint and fills host, port and fingerprint. Throws
  // std::runtime_error with the tail of the server's output on failure.
  void start();
  void kill9();  // SIGKILL and reap
  int stop();    // SIGTERM, reap; the exit status (128 + signal if killed by one)
  bool running() const;
  std::string display_token() const;  // <data_dir>/display.token
  std::string log_path() const;       // the server's stdout and stderr

  std::string data_dir, host, fingerprint, passphrase;
  int port = 0;
  std::vector<std::string> extra_args;  // more scrutin-server flags for start(), e.g. {"--idle-timeout", "1"}

 private:
  mutable pid_t pid_ = -1;  // -1 once reaped
};

}  // namespace scrutin::testing
