// scrutin-loadgen: simulated tablets for rehearsals, and the benchmark of issue 5.
// One process, one io_context on two threads, one Connection of the client
// library's transport (client/lib/connection.hpp) per simulated tablet.
// The main thread drives the phases (clerk commands, pacing, waiting) and
// never touches a connection's state except through its strand.
#include <fmt/format.h>
#include <malloc.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "client/lib/endpoint.hpp"
#include "client/loadgen/floor.hpp"
#include "client/loadgen/proc.hpp"
#include "client/loadgen/rpc.hpp"
#include "client/loadgen/schedule.hpp"
#include <CLI/CLI.hpp>

#include "client/loadgen/cost.hpp"
#include "common/csv.hpp"
#include "proto/convert.hpp"

namespace scrutin::loadgen {
namespace {

std::atomic<bool> g_interrupted{false};

struct Options {
  std::string mode = "bench";
  std::string data_dir, server, fingerprint, passphrase_file, display_token, spawn_server, pins_file, json;
  std::string rules = "assembly", pattern = "burst", floor_dir;
  int delegates = 1000, proxies = 0, connect_concurrency = 256, server_threads = 0, ballots = 1, echo_rounds = 3;
  int mix[3] = {70, 20, 10};
  double window_ms = 1000, rate = 0, timeout_s = 120;
  long server_pid = 0;
  bool no_floor = false, keep = false, quiet = false;
};

constexpr const char* kFooter = R"(
Modes:
  bench (default)   configure a fresh session, N delegates vote, report
  rehearsal         play the members of a session the clerk prepared (--pins FILE.csv)
  floor             the floor alone: TLS echo over N connections, SQLite commit
  cost              what one server connection costs in memory, part by part (N of each)

Where the server is: --data DIR, or --server HOST:PORT --fingerprint HEX, or (bench)
--spawn-server BINARY. The clerk passphrase: --passphrase-file FILE, else $SCRUTIN_PASSPHRASE.

Exit status: 0 all well; 1 an error (a refused or unacknowledged vote, a final tally that differs
from what was cast, a failed connection); 2 bad usage.)";

int usage(const std::string& why) {
  fmt::print(stderr, "scrutin-loadgen: {}\n(see scrutin-loadgen --help)\n", why);
  return 2;
}

std::optional<Options> parse(int argc, char** argv, int& status) {
  Options o;
  CLI::App app{"scrutin-loadgen: simulated tablets for rehearsals and the benchmark (issue 5)", "scrutin-loadgen"};
  app.footer(kFooter);
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);  // the last --x wins, as before
  app.add_option("mode", o.mode, "bench, rehearsal, floor or cost")->check(CLI::IsMember({"bench", "rehearsal", "floor", "cost"}));
  // Where the server is.
  app.add_option("--data", o.data_dir, "its data folder: DIR/endpoint, DIR/display.token")->envname("SCRUTIN_DATA");
  app.add_option("--server", o.server, "HOST:PORT, with --fingerprint")->envname("SCRUTIN_SERVER");
  app.add_option("--fingerprint", o.fingerprint, "the server certificate's SHA-256")->envname("SCRUTIN_FINGERPRINT");
  app.add_option("--spawn-server", o.spawn_server,
                 "bench: start BINARY on 127.0.0.1 with a fresh temporary data folder (and --server-threads N), "
                 "stop it at the end (--keep: keep the folder)");
  app.add_option("--server-threads", o.server_threads, "the spawned server's network threads");
  app.add_flag("--keep", o.keep, "keep the spawned server's data folder");
  app.add_option("--server-pid", o.server_pid, "for the memory/CPU figures (default: found through the port)");
  // Credentials.
  app.add_option("--passphrase-file", o.passphrase_file, "the clerk passphrase (else $SCRUTIN_PASSPHRASE)");
  app.add_option("--display-token", o.display_token, "(else DIR/display.token)");
  // Bench.
  app.add_option("-n,--delegates", o.delegates, "members on the generated roster (default 1000)")
      ->check(CLI::Range(1, 100000));
  app.add_option("--rules", o.rules, "assembly (default) or french")->check(CLI::IsMember({"assembly", "french"}));
  app.add_option("--proxies", o.proxies, "K members are absent and give a proxy to K others (holders vote twice)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--pattern", o.pattern, "burst: all votes at once (default), or spread evenly over --window-ms W")
      ->check(CLI::IsMember({"burst", "spread"}));
  app.add_option("--window-ms", o.window_ms, "(default 1000)");
  app.add_option("--rate", o.rate, "a steady R votes per second (overrides --pattern)");
  app.add_option_function<std::string>(
      "--mix",
      [&](const std::string& v) {
        if (std::sscanf(v.c_str(), "%d,%d,%d", &o.mix[0], &o.mix[1], &o.mix[2]) != 3 || o.mix[0] < 0 ||
            o.mix[1] < 0 || o.mix[2] < 0 || o.mix[0] + o.mix[1] + o.mix[2] == 0)
          throw CLI::ValidationError("--mix", "takes three non-negative numbers, e.g. 70,20,10");
      },
      "pour, contre, abstention percentages (default 70,20,10)");
  app.add_option("--connect-concurrency", o.connect_concurrency, "connection attempts in flight (default 256)")
      ->check(CLI::PositiveNumber);
  app.add_flag("--no-floor", o.no_floor, "skip the echo and SQLite floor measurements");
  app.add_option("--echo-rounds", o.echo_rounds, "round trips per echo connection (default 3)");
  app.add_option("--floor-dir", o.floor_dir, "where the SQLite commit floor writes (default: next to the data folder)");
  // Rehearsal.
  app.add_option("--pins", o.pins_file, "the PINs file from `scrutinctl roster import --pins-out` (id,name,pin)");
  app.add_option("--ballots", o.ballots, "rehearsal: stop after K ballots closed (default 1; Ctrl-C stops too)");
  // Common.
  app.add_option("--timeout-s", o.timeout_s, "bound on every wait (default 120)")->check(CLI::PositiveNumber);
  app.add_option("--json", o.json, "the report as JSON as well (FILE, or - for stdout)");
  app.add_flag("-q,--quiet", o.quiet, "no progress on stderr");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // --help: the help on stdout, 0; a mistake: the sentence on stderr
    status = code == 0 ? 0 : 2;
    return std::nullopt;
  }
  if (o.mode == "bench" && o.proxies * 2 >= o.delegates) {
    status = usage("--proxies must be under half the delegates (mandants are absent; the quorum needs the rest)");
    return std::nullopt;
  }
  if (o.mode == "rehearsal" && o.pins_file.empty()) {
    status = usage("rehearsal needs --pins FILE.csv");
    return std::nullopt;
  }
  return o;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

class Progress {
 public:
  explicit Progress(bool quiet) : quiet_(quiet), tty_(::isatty(2)) {}
  void line(const std::string& s) {
    if (quiet_) return;
    if (tty_) fmt::print(stderr, "\r\033[K{}", s);
    else fmt::print(stderr, "{}\n", s);
    dirty_ = tty_;
  }
  void done() {
    if (dirty_) fmt::print(stderr, "\n");
    dirty_ = false;
  }
  void note(const std::string& s) {
    done();
    if (!quiet_) fmt::print(stderr, "{}\n", s);
  }

 private:
  bool quiet_, tty_, dirty_ = false;
};

double pct_ms(std::vector<std::int64_t>& v, double p) {
  if (v.empty()) return 0;
  const auto k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return static_cast<double>(v[k]) / 1e6;
}

// Waits for pred() up to timeout_s, printing status() every second, pinging
// idle tablets. Sleeps on the fleet's waker between checks: whatever pred()
// reads must notify it. False on timeout or Ctrl-C.
template <class Pred, class Status>
bool wait_for(Waker& waker, Pred pred, Status status, double timeout_s, Progress& progress,
              const std::function<void()>& tick = {}) {
  const Clock::time_point deadline =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(timeout_s));
  while (!pred()) {
    if (Clock::now() >= deadline || g_interrupted.load()) {
      progress.line(status());
      progress.done();
      return false;
    }
    // At most a second asleep: the status line, the pings, and Ctrl-C.
    if (waker.wait_until(pred, std::min(deadline, Clock::now() + std::chrono::seconds(1)))) break;
    progress.line(status());
    if (tick) tick();
  }
  progress.done();
  return true;
}

using client::Endpoint;

// Where the server is, read as every client reads it (client/lib/endpoint.hpp).
std::optional<Endpoint> resolve_endpoint(const Options& o, std::string& error) {
  Endpoint e;
  if (!o.server.empty()) {
    auto host_port = client::parse_host_port(o.server);
    if (!host_port) {
      error = "--server: " + host_port.error();
      return std::nullopt;
    }
    e.host = host_port->first;
    e.port = host_port->second;
    e.fingerprint = o.fingerprint;
  } else if (!o.data_dir.empty()) {
    auto file = client::read_endpoint_file(o.data_dir);
    if (!file) {
      error = file.error();
      return std::nullopt;
    }
    e = *file;
    if (!o.fingerprint.empty()) e.fingerprint = o.fingerprint;
  } else {
    error = "say where the server is: --data DIR, --server HOST:PORT --fingerprint HEX, or --spawn-server BINARY";
    return std::nullopt;
  }
  auto fingerprint = client::normalize_fingerprint(e.fingerprint);
  if (!fingerprint) {
    error = fingerprint.error() + " (give --fingerprint)";
    return std::nullopt;
  }
  e.fingerprint = *fingerprint;
  return e;
}

// The load generator connects to addresses, not names.
std::expected<tcp::endpoint, std::string> tcp_endpoint(const Endpoint& e) {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(e.host == "localhost" ? "127.0.0.1" : e.host, ec);
  if (ec) return std::unexpected(fmt::format("{} is not an IP address (the load generator takes addresses)", e.host));
  return tcp::endpoint(address, static_cast<unsigned short>(e.port));
}

// The server whose memory and CPU are reported: as given, else whoever listens on the port.
long target_pid(long given, int port) {
  if (given != 0) return given;
  auto pid = pid_listening_on(port);
  return pid ? static_cast<long>(*pid) : 0;
}

std::string iso_today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  ::localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// ---- The report -----------------------------------------------------------------------

struct Report {
  std::string mode, pattern, rules;
  int delegates = 0, connections = 0, proxies = 0;
  double window_ms = 0, rate = 0;
  int mix[3] = {0, 0, 0};
  // connect + login
  int logged_in = 0, failed = 0;
  double login_total_s = 0, login_p50_ms = 0, login_p99_ms = 0, login_max_ms = 0;
  double open_fanout_ms = 0;  // OpenBallot Done -> every tablet saw the ballot open
  // every tablet dropped and back at once (a Wi-Fi cut), logging in with its resume token
  int relogged_in = 0;
  double relogin_total_s = 0, relogin_p50_ms = 0, relogin_p99_ms = 0, server_cpu_relogin_s = -1;
  // votes
  long votes = 0, acks = 0, refused = 0, repeats = 0, late = 0;
  double vote_span_s = 0, votes_per_s = 0;
  double ack_p50_ms = 0, ack_p90_ms = 0, ack_p99_ms = 0, ack_max_ms = 0;
  double display_after_last_ack_ms = -1;
  bool display_checked = false;
  // tally
  std::array<long, 3> cast{0, 0, 0};
  std::array<long, 3> final_counts{0, 0, 0};
  long final_voters = 0, final_not_taking_part = 0;
  bool tally_checked = false, tally_ok = false;
  std::string tally_source;
  // server
  long server_pid = 0;
  ProcStats server_after_login, server_end;
  ProcStats self;  // the load generator itself
  double self_kib_per_connection = 0;  // its RSS growth while the tablets logged in, per tablet
  double server_cpu_login_s = -1, server_cpu_votes_s = -1, server_cpu_total_s = -1;
  double self_cpu_votes_s = -1;  // the load generator's own CPU in the vote phase
  // floor
  bool floor = false;
  EchoFloor echo;       // the session server's TLS layer: the floor of every ratio
  EchoFloor echo_asio;  // Boost.Asio's ssl::stream, for comparison
  CommitFloor commit;
  std::size_t vote_frame = 0, receipt_frame = 0;
  // setup timings
  double import_s = 0, checkin_s = 0;
  std::vector<std::string> errors;
  int ballots = 0;

  double ratio_votes_to_echo() const { return echo.round_trips_per_s > 0 ? votes_per_s / echo.round_trips_per_s : 0; }
  double ratio_ack_to_commit() const { return commit.median_ms > 0 ? ack_p50_ms / commit.median_ms : 0; }
  double ratio_relogin_to_echo() const { return echo.connect_s > 0 ? relogin_total_s / echo.connect_s : 0; }
  double ratio_login_to_echo() const { return echo.connect_s > 0 ? login_total_s / echo.connect_s : 0; }
};

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\', out += c;
    else if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<int>(c));
    else out += c;
  }
  return out + "\"";
}

std::string to_json(const Report& r) {
  std::string errors;
  for (const auto& e : r.errors) errors += (errors.empty() ? "" : ", ") + json_string(e);
  auto stats = [](const ProcStats& s) {
    return fmt::format(R"({{"ok": {}, "rss_mib": {:.1f}, "hwm_mib": {:.1f}, "cpu_s": {:.2f}, "threads": {}}})",
                       s.ok, s.rss_mib, s.hwm_mib, s.cpu_s, s.threads);
  };
  std::string out = "{\n";
  out += fmt::format(
      R"(  "mode": {}, "pattern": {}, "rules": {}, "delegates": {}, "connections": {}, "proxies": {},)"
      "\n  \"window_ms\": {}, \"rate\": {}, \"mix\": [{}, {}, {}], \"ballots\": {},\n",
      json_string(r.mode), json_string(r.pattern), json_string(r.rules), r.delegates, r.connections, r.proxies,
      r.window_ms, r.rate, r.mix[0], r.mix[1], r.mix[2], r.ballots);
  out += fmt::format(
      R"(  "setup": {{"import_s": {:.3f}, "checkin_s": {:.3f}}},)"
      "\n"
      R"(  "login": {{"logged_in": {}, "failed": {}, "total_s": {:.3f}, "p50_ms": {:.3f}, "p99_ms": {:.3f}, "max_ms": {:.3f}}},)"
      "\n"
      R"(  "relogin": {{"logged_in": {}, "total_s": {:.3f}, "p50_ms": {:.3f}, "p99_ms": {:.3f}, "server_cpu_s": {:.2f}}},)"
      "\n  \"open_fanout_ms\": {:.3f},\n",
      r.import_s, r.checkin_s, r.logged_in, r.failed, r.login_total_s, r.login_p50_ms, r.login_p99_ms, r.login_max_ms,
      r.relogged_in, r.relogin_total_s, r.relogin_p50_ms, r.relogin_p99_ms, r.server_cpu_relogin_s, r.open_fanout_ms);
  out += fmt::format(
      R"(  "votes": {{"sent": {}, "acknowledged": {}, "refused": {}, "repeats": {}, "late": {}, "span_s": {:.4f}, "per_s": {:.1f}}},)"
      "\n"
      R"(  "ack_ms": {{"p50": {:.3f}, "p90": {:.3f}, "p99": {:.3f}, "max": {:.3f}}},)"
      "\n"
      R"(  "display": {{"checked": {}, "after_last_ack_ms": {:.3f}}},)"
      "\n",
      r.votes, r.acks, r.refused, r.repeats, r.late, r.vote_span_s, r.votes_per_s, r.ack_p50_ms, r.ack_p90_ms,
      r.ack_p99_ms, r.ack_max_ms, r.display_checked, r.display_after_last_ack_ms);
  out += fmt::format(
      R"(  "tally": {{"checked": {}, "ok": {}, "source": {}, "cast": {{"pour": {}, "contre": {}, "abstention": {}}}, )"
      R"("final": {{"pour": {}, "contre": {}, "abstention": {}, "voters": {}, "not_taking_part": {}}}}},)"
      "\n",
      r.tally_checked, r.tally_ok, json_string(r.tally_source), r.cast[0], r.cast[1], r.cast[2], r.final_counts[0],
      r.final_counts[1], r.final_counts[2], r.final_voters, r.final_not_taking_part);
  out += fmt::format(
      R"(  "server": {{"pid": {}, "after_login": {}, "end": {}, "cpu_login_s": {:.2f}, "cpu_votes_s": {:.2f}, "cpu_total_s": {:.2f}}},)"
      "\n",
      r.server_pid, stats(r.server_after_login), stats(r.server_end), r.server_cpu_login_s, r.server_cpu_votes_s,
      r.server_cpu_total_s);
  out += fmt::format("  \"loadgen\": {},\n  \"loadgen_cpu_votes_s\": {:.2f}, \"loadgen_kib_per_connection\": {:.1f},\n",
                     stats(r.self), r.self_cpu_votes_s, r.self_kib_per_connection);
  out += fmt::format(
      R"(  "floor": {{"measured": {}, "vote_frame_bytes": {}, "receipt_frame_bytes": {},)"
      "\n"
      R"(    "echo": {{"connections": {}, "connected": {}, "connect_s": {:.3f}, "round_trips": {}, "burst_s": {:.4f}, "round_trips_per_s": {:.1f}, "rtt_p50_ms": {:.3f}, "rtt_p99_ms": {:.3f}, "server_rss_mib": {:.1f}, "server_hwm_mib": {:.1f}, "server_cpu_s": {:.2f}, "error": {}}},)"
      "\n"
      R"(    "echo_asio": {{"connected": {}, "connect_s": {:.3f}, "round_trips_per_s": {:.1f}, "server_rss_mib": {:.1f}, "server_cpu_s": {:.2f}}},)"
      "\n"
      R"(    "sqlite_commit": {{"commits": {}, "median_ms": {:.3f}, "p90_ms": {:.3f}, "cold_median_ms": {:.3f}, "batch_rows": {}, "batch_ms": {:.3f}, "error": {}}},)"
      "\n"
      R"(    "ratios": {{"votes_per_s_to_echo_round_trips_per_s": {:.3f}, "ack_p50_to_commit": {:.3f}}}}},)"
      "\n",
      r.floor, r.vote_frame, r.receipt_frame, r.echo.connections, r.echo.connected, r.echo.connect_s,
      r.echo.round_trips, r.echo.burst_s, r.echo.round_trips_per_s, r.echo.rtt_p50_ms, r.echo.rtt_p99_ms,
      r.echo.server_rss_mib, r.echo.server_hwm_mib, r.echo.server_cpu_s, json_string(r.echo.error),
      r.echo_asio.connected, r.echo_asio.connect_s, r.echo_asio.round_trips_per_s, r.echo_asio.server_rss_mib,
      r.echo_asio.server_cpu_s, r.commit.commits, r.commit.median_ms, r.commit.p90_ms, r.commit.cold_median_ms, r.commit.batch_rows,
      r.commit.batch_ms, json_string(r.commit.error), r.ratio_votes_to_echo(), r.ratio_ack_to_commit());
  out += fmt::format("  \"errors\": [{}]\n}}\n", errors);
  return out;
}

void print_table(const Report& r) {
  auto row = [](const std::string& k, const std::string& v) { fmt::print("  {:<44} {}\n", k, v); };
  fmt::print("\nscrutin-loadgen {}: {} delegates ({} connections, {} proxies), rules {}, pattern {}\n", r.mode,
             r.delegates, r.connections, r.proxies, r.rules,
             r.rate > 0 ? fmt::format("rate {} votes/s", r.rate)
                        : r.pattern == "spread" ? fmt::format("spread over {} ms", r.window_ms) : r.pattern);
  if (r.import_s > 0) row("roster import + PINs", fmt::format("{:.2f} s", r.import_s));
  if (r.checkin_s > 0) row("check-in (pipelined)", fmt::format("{:.2f} s", r.checkin_s));
  if (r.mode != "floor") {
  row("connected + logged in", fmt::format("{} of {} ({} failed)", r.logged_in, r.connections, r.failed));
  row("connect+login, all", fmt::format("{:.2f} s", r.login_total_s));
  row("connect+login per connection p50 / p99 / max",
      fmt::format("{:.1f} / {:.1f} / {:.1f} ms", r.login_p50_ms, r.login_p99_ms, r.login_max_ms));
  if (r.open_fanout_ms > 0) row("ballot open -> all tablets see it", fmt::format("{:.1f} ms", r.open_fanout_ms));
  row("votes sent / acknowledged", fmt::format("{} / {} (refused {}, repeats {}, late {})", r.votes, r.acks, r.refused,
                                               r.repeats, r.late));
  row("first vote sent -> last ack", fmt::format("{:.3f} s", r.vote_span_s));
  row("votes per second", fmt::format("{:.0f}", r.votes_per_s));
  row("ack latency p50 / p90 / p99 / max",
      fmt::format("{:.2f} / {:.2f} / {:.2f} / {:.2f} ms", r.ack_p50_ms, r.ack_p90_ms, r.ack_p99_ms, r.ack_max_ms));
  if (r.display_checked)
    row("last ack -> display shows final count",
        r.display_after_last_ack_ms >= -1e8 ? fmt::format("{:.1f} ms", r.display_after_last_ack_ms) : "never");
  if (r.tally_checked)
    row("final tally (" + r.tally_source + ")",
        fmt::format("pour {} contre {} abst {} (cast {} / {} / {}): {}", r.final_counts[0], r.final_counts[1],
                    r.final_counts[2], r.cast[0], r.cast[1], r.cast[2], r.tally_ok ? "matches" : "DIFFERS"));
  if (r.relogin_total_s > 0) {
    row("all dropped, back with the resume token", fmt::format("{} of {} in {:.2f} s (p50 {:.1f}, p99 {:.1f} ms)",
                                                               r.relogged_in, r.connections, r.relogin_total_s,
                                                               r.relogin_p50_ms, r.relogin_p99_ms));
    if (r.server_cpu_relogin_s >= 0) row("server CPU for those logins", fmt::format("{:.2f} s", r.server_cpu_relogin_s));
  }
  }
  if (r.mode == "floor") {
  } else if (r.server_end.ok) {
    row("server pid", std::to_string(r.server_pid));
    row("server RSS after login / peak (VmHWM)",
        fmt::format("{:.1f} / {:.1f} MiB", r.server_after_login.rss_mib, r.server_end.hwm_mib));
    row("server CPU: login phase / vote phase / run",
        fmt::format("{:.2f} / {:.2f} / {:.2f} s", r.server_cpu_login_s, r.server_cpu_votes_s, r.server_cpu_total_s));
  } else {
    row("server memory / CPU", "not seen (give --server-pid)");
  }
  if (r.self.ok && r.mode != "floor")
    row("load generator peak RSS (VmHWM)",
        r.self_kib_per_connection > 0
            ? fmt::format("{:.1f} MiB (+{:.1f} KiB per tablet logged in)", r.self.hwm_mib, r.self_kib_per_connection)
            : fmt::format("{:.1f} MiB", r.self.hwm_mib));
  if (r.self_cpu_votes_s >= 0) row("load generator CPU in the vote phase", fmt::format("{:.2f} s", r.self_cpu_votes_s));
  if (r.floor) {
    fmt::print("floor (same run, same machine):\n");
    row("TLS echo (the server's TLS layer): connected in", fmt::format("{} in {:.2f} s", r.echo.connected, r.echo.connect_s));
    row(fmt::format("TLS echo round trips/s ({} B out, {} B back)", r.vote_frame, r.receipt_frame),
        fmt::format("{:.0f} (rtt p50 {:.2f} ms, p99 {:.2f} ms)", r.echo.round_trips_per_s, r.echo.rtt_p50_ms,
                    r.echo.rtt_p99_ms));
    row("TLS echo server process: RSS / peak",
        fmt::format("{:.1f} / {:.1f} MiB ({:.1f} KiB per connection), CPU {:.2f} s", r.echo.server_rss_mib,
                    r.echo.server_hwm_mib, r.echo.connected ? r.echo.server_rss_mib * 1024 / r.echo.connected : 0.0,
                    r.echo.server_cpu_s));
    if (r.echo_asio.connected > 0)
      row("the same echo on Asio's ssl::stream",
          fmt::format("connects {:.2f} s, {:.0f} round trips/s, RSS {:.1f} MiB ({:.1f} KiB per connection)",
                      r.echo_asio.connect_s, r.echo_asio.round_trips_per_s, r.echo_asio.server_rss_mib,
                      r.echo_asio.server_rss_mib * 1024 / r.echo_asio.connected));
    row("SQLite commit, WAL, synchronous=FULL, median",
        fmt::format("{:.3f} ms (p90 {:.3f}; fresh file {:.3f}; {} rows in one commit: {:.1f} ms)", r.commit.median_ms,
                    r.commit.p90_ms, r.commit.cold_median_ms, r.commit.batch_rows, r.commit.batch_ms));
    row("votes/s / echo round trips/s", r.rate > 0 || r.pattern == "spread"
                                            ? fmt::format("{:.3f} (paced run: not a throughput; see a burst)",
                                                          r.ratio_votes_to_echo())
                                            : fmt::format("{:.3f}", r.ratio_votes_to_echo()));
    row("ack p50 / one commit", fmt::format("{:.2f}", r.ratio_ack_to_commit()));
    if (r.mode != "floor") {
      row("connect+login (PIN) / echo connects", fmt::format("{:.2f}", r.ratio_login_to_echo()));
      if (r.relogin_total_s > 0)
        row("connect+login (token) / echo connects", fmt::format("{:.2f}", r.ratio_relogin_to_echo()));
    }
  }
  for (const auto& e : r.errors) fmt::print("error: {}\n", e);
}

// ---- The run ----------------------------------------------------------------------------

struct Net {
  asio::io_context io;
  std::unique_ptr<ssl::context> tls = make_client_context();
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
  std::vector<std::thread> threads;
  void start() {
    guard.emplace(io.get_executor());
    for (int i = 0; i < 2; ++i) threads.emplace_back([this] { io.run(); });
  }
  void stop() {
    guard.reset();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    io.stop();
    for (auto& t : threads) t.join();
    threads.clear();
  }
};

struct Member {
  std::string id, pin;
};

// Connects and logs in every tablet with at most `concurrency` attempts in flight.
void connect_all(std::vector<std::unique_ptr<Delegate>>& tablets, Fleet& fleet, const tcp::endpoint& ep,
                 const std::string& fp, const Options& o, Progress& progress, Report& r,
                 const std::function<void()>& tick = {}) {
  const int n = static_cast<int>(tablets.size());
  const std::int64_t t0 = now_ns();
  int started = 0;
  const Clock::time_point deadline =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.timeout_s));
  auto last = Clock::now();
  auto settled = [&] { return fleet.logged_in.load() + fleet.failed.load(); };
  while (Clock::now() < deadline && !g_interrupted.load()) {
    const int now_settled = settled();
    while (started < n && started - now_settled < o.connect_concurrency)
      tablets[static_cast<std::size_t>(started++)]->start(ep, fp);
    if (now_settled >= n) break;
    if (Clock::now() - last > std::chrono::seconds(1)) {
      last = Clock::now();
      progress.line(fmt::format("connected {}/{}, logged in {}/{}, failed {}", fleet.ready.load(), n,
                                fleet.logged_in.load(), n, fleet.failed.load()));
      // The server closes a connection silent for 30 s; the first tablets may
      // wait that long for the last ones. Like a real tablet: a Ping after 10 s idle.
      for (int k = 0; k < started; ++k) tablets[static_cast<std::size_t>(k)]->ping_if_idle(10'000'000'000);
      if (tick) tick();
    }
    // Until a tablet settles (its slot goes to the next one), or the next status line.
    fleet.waker.wait_until([&] { return settled() != now_settled || g_interrupted.load(); },
                           std::min(deadline, last + std::chrono::seconds(1)));
  }
  progress.line(fmt::format("connected {}/{}, logged in {}/{}, failed {}", fleet.ready.load(), n,
                            fleet.logged_in.load(), n, fleet.failed.load()));
  progress.done();
  r.login_total_s = static_cast<double>(now_ns() - t0) / 1e9;
  r.logged_in = fleet.logged_in.load();
  r.failed = fleet.failed.load();
  std::vector<std::int64_t> times;
  for (auto& t : tablets)
    if (t->t_login > 0) times.push_back(t->t_login - t->t_start);
  r.login_p50_ms = pct_ms(times, 0.5);
  r.login_p99_ms = pct_ms(times, 0.99);
  r.login_max_ms = pct_ms(times, 1.0);
}

void collect_votes(std::vector<std::unique_ptr<Delegate>>& tablets, Fleet& fleet, Report& r) {
  std::vector<std::int64_t> lat;
  for (auto& t : tablets) lat.insert(lat.end(), t->latencies_ns.begin(), t->latencies_ns.end());
  r.votes = fleet.votes_sent.load();
  r.acks = fleet.acks.load();
  r.refused = fleet.refused.load();
  r.repeats = fleet.repeats.load();
  r.late = fleet.late.load();
  for (int c = 0; c < 3; ++c) r.cast[static_cast<std::size_t>(c)] = fleet.cast[c].load();
  const auto first = fleet.first_send_ns.load(), last = fleet.last_ack_ns.load();
  r.vote_span_s = last > first ? static_cast<double>(last - first) / 1e9 : 0;
  r.votes_per_s = r.vote_span_s > 0 ? static_cast<double>(r.acks) / r.vote_span_s : 0;
  r.ack_p50_ms = pct_ms(lat, 0.5);
  r.ack_p90_ms = pct_ms(lat, 0.9);
  r.ack_p99_ms = pct_ms(lat, 0.99);
  r.ack_max_ms = pct_ms(lat, 1.0);
}

void measure_floor(const Options& o, Report& r, int connections, const std::string& data_dir, Progress& progress) {
  // Frames of the sizes the benchmark sends and receives.
  pb::ClientMessage vote;
  vote.set_request_id(12345);
  vote.mutable_vote()->set_item("LG-001");
  vote.mutable_vote()->set_voice("D00001");
  vote.mutable_vote()->set_choice(pb::CONTRE);
  pb::ServerMessage receipt;
  receipt.set_request_id(12345);
  receipt.mutable_receipt()->set_item("LG-001");
  receipt.mutable_receipt()->set_voice("D00001");
  receipt.mutable_receipt()->set_choice(pb::CONTRE);
  receipt.mutable_receipt()->set_journal_seq(123456);
  r.vote_frame = vote.ByteSizeLong() + 4;
  r.receipt_frame = receipt.ByteSizeLong() + 4;
  EchoOptions eo;
  eo.connections = connections;
  eo.rounds = o.echo_rounds;
  eo.request_bytes = vote.ByteSizeLong();
  eo.reply_bytes = receipt.ByteSizeLong();
  eo.connect_concurrency = o.connect_concurrency;
  eo.timeout_s = o.timeout_s;
  eo.progress = [&](const std::string& s) { progress.line(s); };
  std::string dir = o.floor_dir;
  if (dir.empty()) {
    const auto parent = std::filesystem::path(data_dir.empty() ? std::string(".") : data_dir).parent_path();
    dir = parent.empty() ? std::string(".") : parent.string();
  }
  progress.note(fmt::format("floor: SQLite commits (WAL, synchronous=FULL) in {}...", dir));
  // Before the echo: measured right after the echo's 10,000 sockets closed, a
  // commit took 4.0 ms (p90 4.0) where it takes 0.1-0.3 ms otherwise.
  r.commit = measure_commit_floor(dir, 50, 10000, 60);
  progress.note(fmt::format("floor: TLS echo over {} loopback connections...", connections));
  r.echo = measure_echo_floor(eo);
  progress.note(fmt::format("floor: the same echo on Asio's ssl::stream..."));
  eo.lean = false;
  r.echo_asio = measure_echo_floor(eo);
  progress.done();
  r.floor = true;
}

// The benchmark, step by step: the main thread runs the steps in order; each
// says what it measured in the report, and false when the run cannot go on.
class Bench {
 public:
  explicit Bench(const Options& o) : o_(o), progress_(o.quiet) {
    r_.mode = "bench";
    r_.pattern = o.rate > 0 ? "rate" : o.pattern;
    r_.rules = o.rules;
    r_.delegates = o.delegates;
    r_.proxies = o.proxies;
    r_.window_ms = o.window_ms;
    r_.rate = o.rate;
    std::copy(o.mix, o.mix + 3, r_.mix);
    r_.connections = o.delegates - o.proxies;
    std::copy(o.mix, o.mix + 3, fleet_.mix);
  }
  ~Bench() {
    if (spawned_) stop_server(*spawned_, o_.keep);
  }

  int run() {
    if (int status = find_server(); status != 0) return status;
    measure_floor_first();
    s0_ = read_server_stats();
    net_.start();
    const bool ok = clerk_logs_in() && configure_session() && import_roster() && check_in_and_agenda() &&
                    tablets_connect() && display_logs_in() && open_ballot() && cast_votes();
    if (ok) {
      check_display_while_open();
      close_and_check_tally();
      r_.ballots = 1;
      tablets_reconnect();
    }
    return shutdown(ok && r_.errors.empty() && r_.refused == 0 && r_.repeats == 0 && fleet_.errors.empty() ? 0 : 1);
  }

 private:
  static constexpr const char* kItem = "LG-001";
  static constexpr std::int64_t kIdlePingNs = 10'000'000'000;  // the server closes a connection silent for 30 s

  // Where the server is (spawned here or given), the clerk passphrase and the display token.
  int find_server() {
    std::string error;
    if (!o_.spawn_server.empty()) {
      spawned_ = spawn_server(o_.spawn_server, o_.server_threads, o_.timeout_s, error);
      if (!spawned_) return fmt::print(stderr, "scrutin-loadgen: {}\n", error), 1;
      o_.data_dir = spawned_->data_dir;
      r_.server_pid = spawned_->pid;
      progress_.note(fmt::format("server started: pid {}, data {}", spawned_->pid, spawned_->data_dir));
    }
    auto endpoint = resolve_endpoint(o_, error);
    if (!endpoint) return fmt::print(stderr, "scrutin-loadgen: {}\n", error), 2;
    endpoint_ = *endpoint;
    if (spawned_) passphrase_ = spawned_->passphrase;
    else if (!o_.passphrase_file.empty()) passphrase_ = trim(read_text(o_.passphrase_file));
    else if (const char* p = std::getenv("SCRUTIN_PASSPHRASE")) passphrase_ = p;
    if (passphrase_.empty())
      return usage("bench needs the clerk passphrase: --passphrase-file FILE or SCRUTIN_PASSPHRASE");
    token_ = o_.display_token;
    if (token_.empty() && !o_.data_dir.empty()) token_ = trim(read_text(o_.data_dir + "/display.token"));
    if (r_.server_pid == 0) r_.server_pid = target_pid(o_.server_pid, endpoint_.port);
    const auto target = tcp_endpoint(endpoint_);
    if (!target) return usage(target.error());
    ep_ = *target;
    return 0;
  }

  // The floor first: its connections are closed before the tablets open theirs
  // (the hard limit on file descriptors is 20,000 here).
  void measure_floor_first() {
    if (o_.no_floor) return;
    measure_floor(o_, r_, r_.connections, o_.data_dir, progress_);
    if (!r_.echo.error.empty()) r_.errors.push_back("floor: " + r_.echo.error);
    if (!r_.commit.error.empty()) r_.errors.push_back("floor: " + r_.commit.error);
  }

  ProcStats read_server_stats() const {
    return r_.server_pid ? read_proc_stats(static_cast<pid_t>(r_.server_pid)) : ProcStats{};
  }

  bool command_ok(const pb::ServerMessage& a, const std::string& what) {
    if (a.has_done()) return true;
    r_.errors.push_back(fmt::format("{}: {}", what, a.has_refused() ? refusal_text(a.refused()) : "unexpected answer"));
    return false;
  }

  bool clerk_logs_in() {
    if (auto e = clerk_.open(ep_, endpoint_.fingerprint, pb::CLERK, passphrase_, o_.timeout_s); !e.empty()) {
      r_.errors.push_back("clerk login: " + e);
      return false;
    }
    rpcs_.push_back(&clerk_);
    return true;
  }

  bool configure_session() {
    members_.resize(static_cast<std::size_t>(o_.delegates));
    for (int i = 0; i < o_.delegates; ++i) members_[static_cast<std::size_t>(i)].id = fmt::format("D{:05d}", i + 1);
    pb::ClientMessage m;
    auto* cs = m.mutable_command()->mutable_configure_session();
    auto* info = cs->mutable_info();
    info->set_body("Assemblée de charge");
    info->set_body_name("scrutin-loadgen");
    info->set_date(iso_today());
    info->set_time("09:00");
    info->set_place("127.0.0.1");
    info->set_president(members_[0].id);
    info->set_president_title("Président");
    info->set_secretary(members_[std::min<std::size_t>(1, members_.size() - 1)].id);
    info->set_seats(o_.delegates);
    *cs->mutable_rules() = to_pb(o_.rules == "french" ? french_council() : general_assembly({1, 2}, true, {1, 2}));
    return command_ok(clerk_.call(m, o_.timeout_s), "configure the session");
  }

  // The roster in chunks; the PINs the server made come back in the answers.
  bool import_roster() {
    progress_.note(fmt::format("importing {} members in chunks of 1000...", o_.delegates));
    const std::int64_t t0 = now_ns();
    std::vector<scrutin::Member> roster;
    roster.reserve(members_.size());
    for (std::size_t i = 0; i < members_.size(); ++i) {
      scrutin::Member m;
      m.id = members_[i].id;
      m.name = fmt::format("Délégué {:05d}", i + 1);
      m.group = fmt::format("Groupe {}", i % 20 + 1);
      roster.push_back(std::move(m));
    }
    const std::vector<pb::Command> chunks = import_roster_commands(roster);
    const auto answers = run_commands(clerk_, chunks, 1, o_.timeout_s, [&](std::size_t k) {
      progress_.line(fmt::format("roster: {}/{} chunks imported", k, chunks.size()));
    });
    progress_.done();
    std::map<std::string, std::string> pins;
    for (const auto& a : answers) {
      if (!command_ok(a, "import the roster")) return false;
      for (const auto& p : a.done().pins()) pins[p.member_id()] = p.pin();
    }
    for (auto& m : members_) {
      auto it = pins.find(m.id);
      if (it == pins.end()) {
        r_.errors.push_back(fmt::format("the roster import returned no PIN for {} (PROTOCOL.md: Done.pins)", m.id));
        return false;
      }
      m.pin = it->second;
    }
    r_.import_s = static_cast<double>(now_ns() - t0) / 1e9;
    return true;
  }

  // Mandants (the first K) stay absent and give their proxy to the next K; the item.
  bool check_in_and_agenda() {
    const std::int64_t t0 = now_ns();
    std::vector<pb::Command> commands;
    for (int i = o_.proxies; i < o_.delegates; ++i) {
      pb::Command c;
      c.mutable_check_in()->set_member(members_[static_cast<std::size_t>(i)].id);
      commands.push_back(std::move(c));
    }
    for (int i = 0; i < o_.proxies; ++i) {
      pb::Command c;
      auto* p = c.mutable_register_proxy()->mutable_proxy();
      p->set_mandant(members_[static_cast<std::size_t>(i)].id);
      p->set_holder(members_[static_cast<std::size_t>(o_.proxies + i)].id);
      p->set_sessions(1);
      commands.push_back(std::move(c));
    }
    pb::Command item;
    item.mutable_add_item()->mutable_item()->set_id(kItem);
    item.mutable_add_item()->mutable_item()->set_title("Motion de charge");
    commands.push_back(item);
    const auto answers = run_commands(clerk_, commands, protocol::kClientWindow, o_.timeout_s, [&](std::size_t k) {
      progress_.line(fmt::format("check-in, proxies, agenda: {}/{}", k, commands.size()));
    });
    progress_.done();
    for (const auto& a : answers)
      if (!command_ok(a, "check in / proxies / agenda")) return false;
    r_.checkin_s = static_cast<double>(now_ns() - t0) / 1e9;
    return true;
  }

  // Every present member's tablet connects and logs in; memory and CPU around it.
  bool tablets_connect() {
    // Before the tablets exist: an ssl::stream allocates its buffers and its SSL when constructed.
    ::malloc_trim(0);  // what the echo floor's connections freed goes back, so the delta is the tablets'
    const ProcStats self_before = read_proc_stats(::getpid());
    for (int i = o_.proxies; i < o_.delegates; ++i) {
      const auto& m = members_[static_cast<std::size_t>(i)];
      tablets_.push_back(std::make_unique<Delegate>(net_.io, *net_.tls, fleet_, i - o_.proxies, m.id, m.pin));
    }
    const ProcStats server_before = read_server_stats();
    connect_all(tablets_, fleet_, ep_, endpoint_.fingerprint, o_, progress_, r_,
                [&] { clerk_.ping_if_idle(kIdlePingNs); });
    if (const auto me = read_proc_stats(::getpid()); me.ok && self_before.ok && r_.logged_in > 0)
      r_.self_kib_per_connection = (me.rss_mib - self_before.rss_mib) * 1024 / r_.logged_in;
    if (r_.server_pid) {
      r_.server_after_login = read_server_stats();
      if (server_before.ok && r_.server_after_login.ok)
        r_.server_cpu_login_s = r_.server_after_login.cpu_s - server_before.cpu_s;
    }
    if (r_.logged_in < r_.connections) {
      r_.errors.push_back(fmt::format("{} of {} tablets could not connect and log in", r_.connections - r_.logged_in,
                                      r_.connections));
      return false;
    }
    return true;
  }

  // A Wi-Fi cut: every tablet dropped at once, then all back together, each
  // logging in with the token of its first login (one HMAC, not a PBKDF2).
  void tablets_reconnect() {
    std::atomic<int> dropped{0};
    for (auto& t : tablets_) t->drop([&] {
      dropped.fetch_add(1);
      fleet_.waker.notify();
    });
    const auto n = static_cast<int>(tablets_.size());
    fleet_.waker.wait_until([&] { return dropped.load() == n; }, Clock::now() + std::chrono::seconds(30));
    if (dropped.load() != n) return r_.errors.push_back("the tablets could not be dropped for the reconnection");
    fleet_.ready = 0;
    fleet_.logged_in = 0;
    fleet_.failed = 0;
    for (auto& t : tablets_) t->renew();
    Report again;
    const ProcStats server_before = read_server_stats();
    connect_all(tablets_, fleet_, ep_, endpoint_.fingerprint, o_, progress_, again,
                [&] { clerk_.ping_if_idle(kIdlePingNs); });
    if (const auto after = read_server_stats(); server_before.ok && after.ok)
      r_.server_cpu_relogin_s = after.cpu_s - server_before.cpu_s;
    r_.relogged_in = again.logged_in;
    r_.relogin_total_s = again.login_total_s;
    r_.relogin_p50_ms = again.login_p50_ms;
    r_.relogin_p99_ms = again.login_p99_ms;
    if (again.logged_in < r_.connections)
      r_.errors.push_back(fmt::format("{} of {} tablets could not log in again with their token",
                                      r_.connections - again.logged_in, r_.connections));
  }

  // The display records every RoomView of the ballot (a missing token skips it).
  bool display_logs_in() {
    if (token_.empty()) {
      progress_.note("no display token (--display-token or DIR/display.token): the display figure is skipped");
      return true;
    }
    display_.on_push = [&](const pb::ServerMessage& m, std::int64_t at) {
      if (!m.has_room_view() || !m.room_view().has_ballot()) return;
      const auto& b = m.room_view().ballot();
      {
        std::lock_guard lock(seen_mu_);
        seen_.push_back({at, b.item(), static_cast<long>(b.counts().pour()), static_cast<long>(b.counts().contre()),
                         static_cast<long>(b.counts().abstentions()), static_cast<long>(b.cast()), b.closed()});
      }
      fleet_.waker.notify();  // outside seen_mu_: a waiter's predicate takes it under the waker's lock
    };
    if (auto e = display_.open(ep_, endpoint_.fingerprint, pb::DISPLAY, token_, o_.timeout_s); !e.empty()) {
      r_.errors.push_back("display login: " + e);
    } else {
      have_display_ = true;
      rpcs_.push_back(&display_);
    }
    return true;
  }

  void ping_idle() {
    for (auto& t : tablets_) t->ping_if_idle(kIdlePingNs);
    for (auto* c : rpcs_) c->ping_if_idle(kIdlePingNs);
  }

  // The clerk opens the ballot; timed until every tablet saw it open.
  bool open_ballot() {
    pb::ClientMessage m;
    m.mutable_command()->mutable_open_ballot()->set_item(kItem);
    m.mutable_command()->mutable_open_ballot()->set_mode(pb::PUBLIC);
    m.mutable_command()->mutable_open_ballot()->set_allow_change(true);
    // From the command's send: tablets may see the open ballot before the clerk's Done.
    const std::int64_t t_open = now_ns();
    if (!command_ok(clerk_.call(m, o_.timeout_s), "open the ballot")) return false;
    const int n = r_.connections;
    if (!wait_for(
            fleet_.waker, [&] { return fleet_.saw_open.load() >= n; },
            [&] { return fmt::format("tablets that see the ballot open: {}/{}", fleet_.saw_open.load(), n); },
            o_.timeout_s, progress_, [&] { ping_idle(); })) {
      r_.errors.push_back(fmt::format("only {} of {} tablets saw the ballot open", fleet_.saw_open.load(), n));
      return false;
    }
    r_.open_fanout_ms = static_cast<double>(now_ns() - t_open) / 1e6;
    return true;
  }

  std::string votes_status() const {
    return fmt::format("votes sent {}/{}, acknowledged {}", fleet_.votes_sent.load(), expected_votes(),
                       fleet_.acks.load());
  }
  // Every voice: the tablets' own, and the mandants' through their holders.
  long expected_votes() const { return o_.delegates; }

  // Each tablet votes at its turn in the schedule (fixed before the first
  // vote: the main thread sleeps until each turn), then every answer is waited for.
  bool cast_votes() {
    const ProcStats server_before = read_server_stats();
    const ProcStats self_before = read_proc_stats(::getpid());
    const Pace pace = o_.rate > 0 ? Pace::Rate : o_.pattern == "spread" ? Pace::Spread : Pace::Burst;
    // The holders are the first K tablets.
    const auto schedule =
        vote_schedule(tablets_.size(), static_cast<std::size_t>(o_.proxies), pace, o_.window_ms, o_.rate);
    progress_.note(fmt::format("voting: {} votes, {}...", expected_votes(),
                               o_.rate > 0 ? fmt::format("{} per second", o_.rate)
                               : o_.pattern == "spread" ? fmt::format("spread over {} ms", o_.window_ms)
                                                        : std::string("all at once")));
    const auto t0 = Clock::now();
    auto last = t0;
    for (std::size_t k = 0; k < tablets_.size() && !g_interrupted.load(); ++k) {
      std::this_thread::sleep_until(t0 + std::chrono::nanoseconds(schedule[k]));
      tablets_[k]->vote();
      if (Clock::now() - last > std::chrono::seconds(1)) {
        last = Clock::now();
        ping_idle();  // a slow --rate takes longer than the server's 30 s idle limit
        progress_.line(votes_status());
      }
    }
    wait_for(
        fleet_.waker,
        [&] { return fleet_.acks.load() + fleet_.refused.load() + fleet_.late.load() >= expected_votes(); },
        [&] { return votes_status(); }, o_.timeout_s, progress_, [&] { ping_idle(); });
    collect_votes(tablets_, fleet_, r_);
    if (const auto me = read_proc_stats(::getpid()); me.ok && self_before.ok)
      r_.self_cpu_votes_s = me.cpu_s - self_before.cpu_s;
    if (r_.server_pid && server_before.ok) {
      const auto s = read_server_stats();
      if (s.ok) r_.server_cpu_votes_s = s.cpu_s - server_before.cpu_s;
    }
    if (r_.acks != expected_votes())
      r_.errors.push_back(
          fmt::format("{} votes expected, {} sent, {} acknowledged", expected_votes(), r_.votes, r_.acks));
    return true;
  }

  // The display: the first RoomView whose counts are the final ones, while the ballot is open.
  void check_display_while_open() {
    if (!have_display_) return;
    r_.display_checked = true;
    auto match = [&]() -> std::optional<std::int64_t> {
      std::lock_guard lock(seen_mu_);
      for (const auto& s : seen_)
        if (s.item == kItem && s.pour == r_.cast[0] && s.contre == r_.cast[1] && s.abst == r_.cast[2] &&
            s.cast == r_.acks && !s.closed)
          return s.at;
      return std::nullopt;
    };
    wait_for(
        fleet_.waker, [&] { return match().has_value(); }, [] { return std::string("waiting for the display"); },
        std::min(o_.timeout_s, 5.0), progress_);
    if (auto at = match()) {
      r_.display_after_last_ack_ms = static_cast<double>(*at - fleet_.last_ack_ns.load()) / 1e6;
    } else {
      r_.display_after_last_ack_ms = -1e9;
      r_.errors.push_back("the display never showed the final count while the ballot was open (within 5 s)");
    }
  }

  // The clerk closes; the journal's BallotClosed tally must be what was cast,
  // and so must the display's closed view.
  void close_and_check_tally() {
    pb::ClientMessage m;
    m.mutable_command()->mutable_close_ballot()->set_item(kItem);
    const auto a = clerk_.call(m, o_.timeout_s);
    if (!command_ok(a, "close the ballot")) return;
    pb::ClientMessage f;
    f.mutable_fetch_journal()->set_from_seq(a.done().journal_seq());
    f.mutable_fetch_journal()->set_max_entries(1);
    const auto page = clerk_.call(f, o_.timeout_s);
    r_.tally_checked = true;
    if (page.has_journal_page() && page.journal_page().entries_size() > 0 &&
        page.journal_page().entries(0).event().has_ballot_closed()) {
      const auto& heads = page.journal_page().entries(0).event().ballot_closed().tally().heads();
      r_.tally_source = "journal BallotClosed";
      r_.final_counts = {static_cast<long>(heads.pour()), static_cast<long>(heads.contre()),
                         static_cast<long>(heads.abstentions())};
      r_.final_voters = static_cast<long>(heads.voters());
      r_.final_not_taking_part = static_cast<long>(heads.not_taking_part());
      r_.tally_ok = r_.final_counts == r_.cast && r_.final_voters == expected_votes() && r_.final_not_taking_part == 0;
      if (!r_.tally_ok)
        r_.errors.push_back(fmt::format(
            "the final tally differs from what was cast: pour {} contre {} abst {} voters {} not taking part {}; "
            "cast pour {} contre {} abst {} of {} voices",
            r_.final_counts[0], r_.final_counts[1], r_.final_counts[2], r_.final_voters, r_.final_not_taking_part,
            r_.cast[0], r_.cast[1], r_.cast[2], expected_votes()));
    } else {
      r_.errors.push_back(page.has_refused() ? "fetch the closing entry: " + refusal_text(page.refused())
                                             : "the journal entry of the close is not a BallotClosed");
    }
    if (!have_display_) return;
    auto closed_seen = [&] {
      std::lock_guard lock(seen_mu_);
      return std::any_of(seen_.begin(), seen_.end(), [](const Seen& s) { return s.closed; });
    };
    wait_for(
        fleet_.waker, closed_seen, [] { return std::string("waiting for the display's closed view"); },
        std::min(o_.timeout_s, 5.0), progress_);
    std::lock_guard lock(seen_mu_);
    auto it = std::find_if(seen_.begin(), seen_.end(), [](const Seen& s) { return s.closed; });
    if (it == seen_.end())
      r_.errors.push_back("the display never showed the ballot closed");
    else if (it->pour != r_.cast[0] || it->contre != r_.cast[1] || it->abst != r_.cast[2])
      r_.errors.push_back(fmt::format("the display's closed tally pour {} contre {} abst {} differs from the cast",
                                      it->pour, it->contre, it->abst));
  }

  // Closes every connection, then the report (table, and JSON when asked).
  int shutdown(int status) {
    for (auto& t : tablets_) t->close();
    display_.close();
    clerk_.close();
    net_.stop();
    for (const auto& e : fleet_.errors)
      if (std::find(r_.errors.begin(), r_.errors.end(), e) == r_.errors.end()) r_.errors.push_back(e);
    r_.self = read_proc_stats(::getpid());
    if (r_.server_pid) r_.server_end = read_server_stats();
    if (r_.server_end.ok && s0_.ok) r_.server_cpu_total_s = r_.server_end.cpu_s - s0_.cpu_s;
    print_table(r_);
    if (!o_.json.empty()) {
      const std::string j = to_json(r_);
      if (o_.json == "-") std::fputs(j.c_str(), stdout);
      else std::ofstream(o_.json) << j;
    }
    return status;
  }

  Options o_;
  Progress progress_;
  Report r_;
  std::optional<SpawnedServer> spawned_;
  Endpoint endpoint_;
  tcp::endpoint ep_;
  std::string passphrase_, token_;
  ProcStats s0_;
  // Declared before the connections: they are closed (shutdown) before net_ stops, and destroyed first.
  Net net_;
  RpcConn clerk_{net_.io, *net_.tls};
  RpcConn display_{net_.io, *net_.tls};
  std::vector<RpcConn*> rpcs_;
  bool have_display_ = false;
  std::vector<Member> members_;
  Fleet fleet_;
  std::vector<std::unique_ptr<Delegate>> tablets_;
  struct Seen { std::int64_t at; std::string item; long pour, contre, abst, cast; bool closed; };
  std::mutex seen_mu_;
  std::vector<Seen> seen_;
};

int run_bench(const Options& o) { return Bench(o).run(); }

std::expected<std::vector<Member>, std::string> read_pins(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::unexpected(fmt::format("cannot read {}", path));
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto table = csv::read(text);
  if (!table) return std::unexpected(fmt::format("{}: {}", path, table.error().sentence));
  if (table->rows.empty()) return std::unexpected(fmt::format("{} is empty", path));
  const auto& header = table->rows.front().fields;
  int id_col = -1, pin_col = -1;
  for (std::size_t k = 0; k < header.size(); ++k) {
    if (header[k] == "id" || header[k] == "member_id") id_col = static_cast<int>(k);
    if (header[k] == "pin") pin_col = static_cast<int>(k);
  }
  if (id_col < 0 || pin_col < 0) return std::unexpected(fmt::format("{}: the header needs id (or member_id) and pin", path));
  std::vector<Member> out;
  for (std::size_t r = 1; r < table->rows.size() && out.size() < 100000; ++r) {
    const auto& f = table->rows[r].fields;
    if (static_cast<int>(f.size()) <= std::max(id_col, pin_col)) continue;
    out.push_back({f[static_cast<std::size_t>(id_col)], f[static_cast<std::size_t>(pin_col)]});
  }
  if (out.empty()) return std::unexpected(fmt::format("{}: no member", path));
  return out;
}

int run_floor(const Options& o) {
  Progress progress(o.quiet);
  Report r;
  r.mode = "floor";
  r.delegates = r.connections = o.delegates;
  measure_floor(o, r, o.delegates, o.floor_dir.empty() ? std::string("./x") : o.floor_dir + "/x", progress);
  if (!r.echo.error.empty()) r.errors.push_back(r.echo.error);
  if (!r.commit.error.empty()) r.errors.push_back(r.commit.error);
  print_table(r);
  if (!o.json.empty()) {
    const std::string j = to_json(r);
    if (o.json == "-") std::fputs(j.c_str(), stdout);
    else std::ofstream(o.json) << j;
  }
  return r.errors.empty() ? 0 : 1;
}

int run_rehearsal(const Options& o) {
  Progress progress(o.quiet);
  Report r;
  r.mode = "rehearsal";
  r.rules = "the session's";
  r.pattern = o.rate > 0 ? "rate" : o.pattern;
  r.window_ms = o.window_ms;
  r.rate = o.rate;
  std::copy(o.mix, o.mix + 3, r.mix);
  std::string error;
  auto endpoint = resolve_endpoint(o, error);
  if (!endpoint) return fmt::print(stderr, "scrutin-loadgen: {}\n", error), 2;
  auto members = read_pins(o.pins_file);
  if (!members) return fmt::print(stderr, "scrutin-loadgen: {}\n", members.error()), 2;
  r.delegates = r.connections = static_cast<int>(members->size());
  r.server_pid = target_pid(o.server_pid, endpoint->port);
  const auto target = tcp_endpoint(*endpoint);
  if (!target) return usage(target.error());
  const tcp::endpoint ep = *target;
  const ProcStats s0 = r.server_pid ? read_proc_stats(static_cast<pid_t>(r.server_pid)) : ProcStats{};

  Net net;
  net.start();
  Fleet fleet;
  fleet.self_paced = true;
  fleet.pattern = o.rate > 0 ? 2 : o.pattern == "spread" ? 1 : 0;
  fleet.window_ms = o.window_ms;
  fleet.rate = o.rate;
  std::copy(o.mix, o.mix + 3, fleet.mix);
  std::vector<std::unique_ptr<Delegate>> tablets;
  int rank = 0;
  for (const auto& m : *members)
    tablets.push_back(std::make_unique<Delegate>(net.io, *net.tls, fleet, rank++, m.id, m.pin));
  connect_all(tablets, fleet, ep, endpoint->fingerprint, o, progress, r);
  if (r.server_pid) r.server_after_login = read_proc_stats(static_cast<pid_t>(r.server_pid));
  auto ping_idle = [&] {
    for (auto& t : tablets) t->ping_if_idle(10'000'000'000);
  };
  bool ok = r.logged_in > 0;
  if (r.logged_in < r.connections)
    r.errors.push_back(fmt::format("{} of {} tablets could not log in", r.connections - r.logged_in, r.connections));
  std::size_t closed_seen = 0;
  while (ok && static_cast<int>(closed_seen) < o.ballots && !g_interrupted.load()) {
    progress.note(fmt::format("waiting for ballot {} of {} (Ctrl-C stops)...", closed_seen + 1, o.ballots));
    ok = wait_for(
        fleet.waker,
        [&] {
          std::lock_guard lock(fleet.mu);
          return fleet.closed.size() > closed_seen;
        },
        [&] {
          return fmt::format("ballots closed {}/{}; votes sent {}, acknowledged {}", closed_seen, o.ballots,
                             fleet.votes_sent.load(), fleet.acks.load());
        },
        o.timeout_s, progress, ping_idle);
    std::lock_guard lock(fleet.mu);
    closed_seen = fleet.closed.size();
  }
  // Let receipts still in flight arrive, then check each closed ballot.
  wait_for(fleet.waker,
           [&] { return fleet.acks.load() + fleet.refused.load() + fleet.late.load() >= fleet.votes_sent.load(); },
           [] { return std::string("waiting for the last receipts"); }, std::min(o.timeout_s, 5.0), progress);
  collect_votes(tablets, fleet, r);
  {
    std::lock_guard lock(fleet.mu);
    r.ballots = static_cast<int>(fleet.closed.size());
    for (const auto& c : fleet.closed) {
      const auto cast = fleet.cast_by_item[c.item];
      const auto& k = c.view.counts();
      const std::array<long, 3> got{static_cast<long>(k.pour()), static_cast<long>(k.contre()),
                                    static_cast<long>(k.abstentions())};
      r.tally_checked = true;
      r.tally_source = "tablets' closed view";
      r.final_counts = got;
      r.cast = cast;
      const long ours = cast[0] + cast[1] + cast[2];
      if (ours == c.view.cast()) {
        if (got != cast)
          r.errors.push_back(fmt::format("item {}: closed with pour {} contre {} abst {}, we cast {} / {} / {}", c.item,
                                         got[0], got[1], got[2], cast[0], cast[1], cast[2]));
      } else {
        progress.note(fmt::format("item {}: {} voices cast in all, {} by this rehearsal: the tally is not ours alone",
                                  c.item, c.view.cast(), ours));
      }
    }
    r.tally_ok = r.tally_checked && r.errors.empty();
  }
  for (auto& t : tablets) t->close();
  net.stop();
  for (const auto& e : fleet.errors) r.errors.push_back(e);
  r.self = read_proc_stats(::getpid());
  if (r.server_pid) {
    r.server_end = read_proc_stats(static_cast<pid_t>(r.server_pid));
    if (r.server_end.ok && s0.ok) r.server_cpu_total_s = r.server_end.cpu_s - s0.cpu_s;
  }
  print_table(r);
  if (!o.json.empty()) {
    const std::string j = to_json(r);
    if (o.json == "-") std::fputs(j.c_str(), stdout);
    else std::ofstream(o.json) << j;
  }
  return (!r.errors.empty() || r.refused > 0 || static_cast<int>(closed_seen) < o.ballots) ? 1 : 0;
}

int run_cost(const Options& o) {
  const int n = std::min(o.delegates, 5000);  // two descriptors per TLS measurement
  const ConnectionCosts c = measure_connection_costs(n);
  auto row = [](const std::string& k, const std::string& v) { fmt::print("  {:<62} {}\n", k, v); };
  fmt::print("\nscrutin-loadgen cost: memory per server connection, heap in use over {} of each part\n", n);
  row("TLS (proto/tls_socket): SSL after a TLS 1.3 handshake, idle", fmt::format("{:.2f} KiB", c.ssl_kib));
  row("asio::ssl::stream before its handshake (the former layer)", fmt::format("{:.2f} KiB", c.asio_stream_kib));
  row("Asio socket + reactor registration + strand + timer", fmt::format("{:.2f} KiB", c.asio_side_kib));
  if (!c.error.empty()) fmt::print("error: {}\n", c.error);
  return c.error.empty() ? 0 : 1;
}

}  // namespace
}  // namespace scrutin::loadgen

int main(int argc, char** argv) {
  using namespace scrutin::loadgen;
  int status = 0;
  auto options = parse(argc, argv, status);
  if (!options) return status;
  ::signal(SIGPIPE, SIG_IGN);
  struct sigaction sa {};
  sa.sa_handler = [](int) { g_interrupted.store(true); };
  ::sigaction(SIGINT, &sa, nullptr);
  ::sigaction(SIGTERM, &sa, nullptr);
  const long fds = raise_fd_limit();
  const long needed = 2L * (options->delegates + 16);
  if (fds > 0 && fds < needed)
    fmt::print(stderr, "scrutin-loadgen: warning: {} file descriptors allowed, about {} needed\n", fds, needed);
  try {
    if (options->mode == "floor") return run_floor(*options);
    if (options->mode == "cost") return run_cost(*options);
    return options->mode == "rehearsal" ? run_rehearsal(*options) : run_bench(*options);
  } catch (const std::exception& e) {
    fmt::print(stderr, "scrutin-loadgen: {}\n", e.what());
    return 1;
  }
}
