// The room of the scrutinctl tests: a running server (real binary, TLS,
// SQLite), a work folder with the clerk passphrase, and scrutinctl pointed at
// both. Shared by the tests of tests/client.
#pragma once

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "run_process.hpp"
#include "support/server_process.hpp"

namespace scrutin::testing {

struct Ctl {
  std::vector<std::string> connection;  // --data DIR --passphrase-file F

  ProcessResult run(std::vector<std::string> args) const {
    args.insert(args.end(), connection.begin(), connection.end());
    return run_process(SCRUTINCTL_PATH, args);
  }
  // Runs a command that must succeed and print one line.
  std::string ok(const std::vector<std::string>& args) const {
    auto r = run(args);
    EXPECT_EQ(r.status, 0) << fmt::format("scrutinctl {}: {}{}", fmt::join(args, " "), r.out, r.err);
    return r.out;
  }
};

// A running server, a work folder with the clerk passphrase, and scrutinctl pointed at both.
struct Room {
  ServerProcess server;
  std::string work;
  std::string pass;
  Ctl ctl;
  Room() : work(make_temp_dir()), pass(work + "/passphrase") {
    server.start();
    std::ofstream(pass) << server.passphrase << "\n";
    ctl.connection = {"--data", server.data_dir, "--passphrase-file", pass};
  }
};

// The PINs file `roster import --pins-out` writes (id,name,pin): member id -> PIN.
inline std::map<std::string, std::string> read_pins(const std::string& path) {
  std::map<std::string, std::string> pins;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream row(line);
    std::string id, name, pin;
    std::getline(row, id, ',');
    std::getline(row, name, ',');
    std::getline(row, pin, ',');
    pins[id] = pin;
  }
  return pins;
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string escaped(const std::string& s) {  // scrutinctl reads "\n" as a line break
  std::string out;
  for (char c : s) out += c == '\n' ? std::string("\\n") : std::string(1, c);
  return out;
}

}  // namespace scrutin::testing
