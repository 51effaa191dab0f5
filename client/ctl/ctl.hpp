// scrutinctl: the scriptable command-line client. Every subcommand is one
// entry of a table (registry()); each file of client/ctl/ registers its own
// group with static `Register` objects, and CMakeLists globs the folder, so a
// new group of subcommands (export text|pdf|csv, verify...) is one new file:
//
//   namespace scrutin::ctl { namespace {
//   int run_verify(Context& ctx) { ...; return kOk; }
//   const Register verify{{.name = "verify", .args = "JOURNAL [EXPORT.json]",
//                          .summary = "check a journal", .min_args = 1, .max_args = 2,
//                          .run = run_verify}};
//   } }
//
// Conventions: success prints one line on stdout and returns kOk; a refusal
// or failure prints one line on stderr ("scrutinctl: <reason>", the server's
// sentence when the server refused) and returns the exit status of its code
// (exit_status()): kFailed for a refusal, kUsage for bad usage, kUnreachable
// when the server could not be reached, kUncertain when a command's answer
// never came.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/lib/client.hpp"
#include "client/lib/mirror.hpp"
#include "scrutin.pb.h"

namespace scrutin::ctl {

inline constexpr int kOk = 0;
inline constexpr int kFailed = 1;
inline constexpr int kUsage = 2;
inline constexpr int kUnreachable = 3;  // no server, or not the pinned one: nothing was sent
inline constexpr int kUncertain = 4;    // sent, no answer: it may or may not have been recorded

// The exit status of a client error's code.
int exit_status(client::Code code);

struct Option {
  std::string name;   // without the dashes: "mode"
  std::string value;  // name of its value ("MODE"); empty for a flag
  std::string help;
};

struct Context;

struct Subcommand {
  std::string name;     // words, space separated: "ballot open"
  std::string args;     // synopsis of positional arguments: "ITEM"
  std::string summary;  // one line for the list
  std::string help;     // more, for `--help` (optional)
  std::vector<Option> options;
  int min_args = 0;
  int max_args = 0;     // -1: any number
  bool needs_server = true;  // false: connection options are not required (e.g. verify of a file)
  std::function<int(Context&)> run;
};

std::vector<Subcommand>& registry();
struct Register {
  explicit Register(Subcommand s) { registry().push_back(std::move(s)); }
};

// The connection options, common to every subcommand.
struct Connection {
  std::optional<std::string> server;       // --server HOST:PORT
  std::optional<std::string> fingerprint;  // --fingerprint HEX
  std::optional<std::string> data;         // --data DIR (reads DIR/endpoint, DIR/display.token)
  std::optional<std::string> passphrase_file;
  int timeout_s = 30;
};
std::vector<Option> connection_options();

struct Context {
  const Subcommand* command = nullptr;
  std::vector<std::string> args;               // positional
  std::map<std::string, std::string> options;  // --name value (flags map to "")
  Connection connection;

  bool has(const std::string& name) const { return options.contains(name); }
  std::optional<std::string> get(const std::string& name) const;
  std::string get_or(const std::string& name, const std::string& fallback) const;
  std::chrono::milliseconds timeout() const { return std::chrono::seconds(connection.timeout_s); }
};

// Output helpers: print one line and return the exit status.
int fail(const std::string& reason);   // stderr, kFailed
int fail(const client::Error& error);  // stderr, exit_status(error.code)
int usage(const std::string& reason);  // stderr, kUsage
int ok(const std::string& line);       // stdout, kOk

// Connects and logs in as clerk (passphrase from --passphrase-file or
// SCRUTIN_PASSPHRASE), as a delegate, or for reading (clerk when a passphrase
// is given, otherwise the display token of --data DIR). On failure the reason
// is in the unexpected value, ready for fail().
std::expected<std::unique_ptr<client::Client>, client::Error> connect_clerk(Context& ctx);
std::expected<std::unique_ptr<client::Client>, client::Error> connect_delegate(Context& ctx, const std::string& member,
                                                                                const std::string& pin);
std::expected<std::unique_ptr<client::Client>, client::Error> connect_reader(Context& ctx);

// Sends one clerk command; the Done or the Error (the server's code and sentence).
std::expected<pb::Done, client::Error> run_command(Context& ctx, client::Client& c, const pb::Command& command);

// Parsing shared by several groups.
std::expected<pb::Choice, std::string> parse_choice(const std::string& text);
std::expected<pb::Fraction, std::string> parse_fraction(const std::string& text);  // "2/3"
std::expected<std::string, std::string> read_file(const std::string& path);
std::expected<void, std::string> write_file(const std::string& path, const std::string& content, bool private_file = false);
// Reads protobuf JSON into `message`.
std::expected<void, std::string> read_json(const std::string& path, google::protobuf::Message& message);

// The result of a closed ballot in one line: outcome, head counts, weighted
// counts where the rules weigh, and the majority line of the record
// ("40 pour sur 60 exprimés ; majorité des deux tiers requise : 40 — adoptée").
std::string result_summary(const Session& session, const Ballot& ballot);
// An election's closed round in one line: figures, votes by candidate, who is
// elected or that another round is needed (cmd_election.cpp).
std::string round_summary(const Session& session, const Ballot& ballot);

// A minimal JSON writer for --json outputs.
std::string json_string(const std::string& s);

}  // namespace scrutin::ctl
