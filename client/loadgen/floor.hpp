// The floor: what the machine does with no Scrutin in the way, measured in the
// same run as the benchmark so the ratios compare like with like.
//  - a plain TLS echo server in a child process (the session server's TLS layer
//    and settings, or Asio's ssl::stream for comparison), the same number of loopback connections, frames of a Vote's size
//    out and a VoteReceipt's size back: round trips per second;
//  - one SQLite commit with synchronous=FULL in WAL mode on the same disk.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace scrutin::loadgen {

struct EchoFloor {
  int connections = 0;
  int connected = 0;
  double connect_s = 0;        // all connections: TCP + TLS 1.3 handshake
  long round_trips = 0;
  double burst_s = 0;          // from the first send to the last reply
  double round_trips_per_s = 0;
  double rtt_p50_ms = 0, rtt_p99_ms = 0;
  // The echo server process: the memory floor of one TLS connection with its stack.
  double server_rss_mib = 0, server_hwm_mib = 0, server_cpu_s = 0;
  std::string error;
};

struct EchoOptions {
  // The echo server's TLS: the session server's own thin layer (proto/tls_socket.hpp,
  // the floor the ratios use), or Boost.Asio's ssl::stream (reported beside it).
  bool lean = true;
  int connections = 1000;
  int rounds = 3;               // each connection: send, wait for the reply, again
  std::size_t request_bytes = 32;
  std::size_t reply_bytes = 40;
  int connect_concurrency = 256;
  double timeout_s = 60;
  std::function<void(const std::string&)> progress;  // a line for stderr
};

EchoFloor measure_echo_floor(const EchoOptions& options);

struct CommitFloor {
  int commits = 0;
  double median_ms = 0, p90_ms = 0;  // warm: the WAL rewritten in place after a checkpoint
  double cold_median_ms = 0;         // a fresh file: each commit grows the WAL
  double batch_rows = 0;       // one commit of that many vote-sized rows...
  double batch_ms = 0;         // ...took this long
  std::string path;
  std::string error;
};

// Commits in a temporary SQLite file in `dir` (removed afterwards).
CommitFloor measure_commit_floor(const std::string& dir, int commits, int batch_rows, std::size_t row_bytes);

}  // namespace scrutin::loadgen
