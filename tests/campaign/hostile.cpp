// scrutin-hostile: the attacks of issue 12 as a hostile device on the room's
// network would run them, beside the load generator (deploy/campaign-hostile.sh).
//   scrutin-hostile MODE --data DIR [--seconds S] [--connections N]
// MODE: pins (wrong PINs for known and unknown members), passphrase (clerk
// guesses), token (display-token guesses), slow (connections that finish TLS
// then send one byte every 5 s), all (each of the above at once).
// Prints one line: what was sent and how the server answered.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "server/raw_client.hpp"

using namespace std::chrono_literals;
using scrutin::testing::RawClient;

namespace {

struct Counters {
  std::atomic<long> attempts{0}, refused{0}, throttled{0}, closed{0}, connect_failures{0}, open_slow{0};
};

struct Target {
  std::string host, fingerprint;
  int port = 0;
};

bool read_endpoint(const std::string& dir, Target& t) {
  std::ifstream in(dir + "/endpoint");
  return static_cast<bool>(in >> t.host >> t.port >> t.fingerprint);
}

// Guesses a secret for `role` in a loop on one connection, reconnecting when closed.
void guess(const Target& t, scrutin::pb::Role role, int worker, std::chrono::steady_clock::time_point until, Counters& c) {
  long n = 0;
  while (std::chrono::steady_clock::now() < until) {
    std::unique_ptr<RawClient> client;
    try {
      // Several loopback addresses stand for several devices of the room.
      client = std::make_unique<RawClient>(t.host, t.port, t.fingerprint, 3s, "127.0.0." + std::to_string(10 + worker % 8));
      if (!client->hello()) { ++c.closed; continue; }
    } catch (const std::exception&) {
      ++c.connect_failures;
      std::this_thread::sleep_for(50ms);  // pacing of the attacker, not a synchronisation
      continue;
    }
    while (std::chrono::steady_clock::now() < until) {
      const std::string member = role == scrutin::pb::DELEGATE ? (n % 2 ? "T" + std::to_string(1000 + n % 900) : "X" + std::to_string(n)) : "";
      auto a = client->login(role, member, std::to_string(100000 + (n * 7919) % 900000));
      ++n;
      ++c.attempts;
      if (!a) { ++c.closed; break; }
      if (a->has_refused()) {
        ++c.refused;
        if (a->refused().kind() == scrutin::pb::SERVER_BUSY) ++c.throttled;
      }
    }
  }
}

void slow(const Target& t, int worker, std::chrono::steady_clock::time_point until, Counters& c) {
  std::unique_ptr<RawClient> client;
  try {
    client = std::make_unique<RawClient>(t.host, t.port, t.fingerprint, 1s, "127.0.0." + std::to_string(20 + worker % 8));
  } catch (const std::exception&) {
    ++c.connect_failures;
    return;
  }
  ++c.open_slow;
  const std::string frame_start("\x00\x00\x01\x00", 4);  // a frame of 256 bytes, sent a byte at a time
  std::size_t sent = 0;
  while (std::chrono::steady_clock::now() < until) {
    if (!client->send_raw(std::string(1, sent < 4 ? frame_start[sent] : 'x'))) {
      ++c.closed;
      --c.open_slow;
      return;
    }
    ++sent;
    ++c.attempts;
    for (int i = 0; i < 50 && std::chrono::steady_clock::now() < until; ++i) std::this_thread::sleep_for(100ms);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode, data;
  int seconds = 30, connections = 8;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      std::printf(
          "usage: scrutin-hostile pins|passphrase|token|slow|all --data DIR [--seconds S] [--connections N]\n"
          "Runs one attack of issue 12 against the server whose endpoint is in DIR, for S seconds (30)\n"
          "with N connections (8; slow: N*60 connections), and prints what the server answered.\n");
      return 0;
    }
    if (a == "--data" && i + 1 < argc) data = argv[++i];
    else if (a == "--seconds" && i + 1 < argc) seconds = std::stoi(argv[++i]);
    else if (a == "--connections" && i + 1 < argc) connections = std::stoi(argv[++i]);
    else if (mode.empty() && a[0] != '-') mode = a;
    else {
      std::fprintf(stderr, "scrutin-hostile: unknown argument %s (see --help)\n", a.c_str());
      return 2;
    }
  }
  Target t;
  if (mode.empty() || data.empty() || !read_endpoint(data, t)) {
    std::fprintf(stderr, "scrutin-hostile: give a mode and --data DIR of a running server (see --help)\n");
    return 2;
  }
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  Counters c;
  std::vector<std::thread> threads;
  auto want = [&](const char* m) { return mode == m || mode == "all"; };
  for (int i = 0; i < connections; ++i) {
    if (want("pins")) threads.emplace_back(guess, std::cref(t), scrutin::pb::DELEGATE, i, until, std::ref(c));
    if (want("passphrase")) threads.emplace_back(guess, std::cref(t), scrutin::pb::CLERK, i, until, std::ref(c));
    if (want("token")) threads.emplace_back(guess, std::cref(t), scrutin::pb::DISPLAY, i, until, std::ref(c));
  }
  if (want("slow"))
    for (int i = 0; i < connections * 60; ++i) threads.emplace_back(slow, std::cref(t), i, until, std::ref(c));
  if (threads.empty()) {
    std::fprintf(stderr, "scrutin-hostile: unknown mode %s (see --help)\n", mode.c_str());
    return 2;
  }
  for (auto& th : threads) th.join();
  std::printf("hostile %s: %ld attempts in %d s, %ld refused (%ld throttled), %ld connections closed by the server, "
              "%ld connects failed, %ld slow connections still open at the end\n",
              mode.c_str(), c.attempts.load(), seconds, c.refused.load(), c.throttled.load(), c.closed.load(),
              c.connect_failures.load(), c.open_slow.load());
  return 0;
}
