// scrutin-server: the session server of a Scrutin room.
//   scrutin-server [--data DIR] [--listen ADDR] [--port N] [--threads N] [--clerk-passphrase-file F] ...
//   scrutin-server verify JOURNAL.sqlite
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>

#include "proto/fingerprint.hpp"
#include "proto/journal_chain.hpp"
#include "server/journal.hpp"
#include "server/server.hpp"

namespace {

constexpr const char* kFooter = R"(
On first start the server makes its certificate and the clerk passphrase and
prints both; clients pin the fingerprint. Stop it with Ctrl-C (SIGINT) or SIGTERM:
everything acknowledged is on disk.)";

int verify(const std::string& path) {
  auto problem = scrutin::server::verify_journal_file(path);
  if (!problem) {
    std::fprintf(stderr, "scrutin-server verify: %s\n", problem.error().c_str());
    return 1;
  }
  if (*problem) {
    std::printf("BROKEN at seq %llu: %s\n", static_cast<unsigned long long>((*problem)->seq), (*problem)->reason.c_str());
    return 1;
  }
  std::printf("OK\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  scrutin::server::Options options;
  options.data_dir = scrutin::server::default_data_dir();
  CLI::App app{"scrutin-server: the session server of a Scrutin room.", "scrutin-server"};
  app.footer(kFooter);
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);  // the last --x wins, as before
  app.add_option("--data", options.data_dir, "data folder (default $XDG_DATA_HOME/scrutin, else ~/.local/share/scrutin)")
      ->envname("SCRUTIN_DATA");
  app.add_option("--listen", options.listen, "address to listen on (default 0.0.0.0: the room's network)");
  app.add_option("--port", options.port, "TCP port (default 7443; 0 picks a free port, see DIR/endpoint)")
      ->check(CLI::Range(0, 65535));
  // Counts and durations: whole numbers, 0 read as 1 where 0 makes no sense (below).
  const std::pair<const char*, std::pair<int*, const char*>> numbers[] = {
      {"--threads", {&options.threads, "network threads (default 2)"}},
      {"--idle-timeout", {&options.idle_timeout_s, "close a connection silent for S seconds (default 30; clients ping every 10)"}},
      {"--guesses-per-device",
       {&options.guesses_per_device, "wrong PINs or passphrases a minute from one address before that address waits "
                                     "a minute (default 10; the right PIN from another device always gets in)"}},
      {"--login-timeout",
       {&options.login_timeout_s, "close a connection that has not logged in within S seconds (default 20)"}},
      {"--frame-timeout",
       {&options.frame_timeout_s,
        "close a connection that starts a frame and does not finish it within S seconds (default 10)"}},
      {"--journal-busy-ms",
       {&options.journal_busy_ms, "a commit waits N ms for another program's lock on the journal before it counts "
                                  "as failed and is retried (default 5000)"}},
      {"--max-connections-per-address",
       {&options.max_connections_per_address, "connections at once from one address (default 64; a room behind one "
                                              "NAT'd router shows as one address: raise it there)"}},
  };
  for (const auto& [flag, target] : numbers)
    app.add_option(flag, *target.first, target.second)->check(CLI::NonNegativeNumber);
  app.add_option("--announce-name", options.announce_name,
                 "the name tablets see on the LAN (default: Scrutin and the hostname)");
  app.add_flag_callback("--no-announce", [&] { options.announce = false; },
                        "do not announce the server on the LAN (DNS-SD through Avahi; never announced when "
                        "listening on a loopback address)");
  app.add_option("--clerk-passphrase-file", options.passphrase_file,
                 "on first start, take the clerk passphrase from F instead of making one");
  std::string journal;
  auto* verify_command = app.add_subcommand("verify", "check a journal's hash chain end to end");
  verify_command->add_option("FILE", journal, "the journal (journal.sqlite in the data folder)")->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);  // --help: the help on stdout, 0; a mistake: the sentence on stderr
    return status == 0 ? 0 : 2;
  }
  if (verify_command->parsed()) return verify(journal);
  for (int* at_least_one : {&options.threads, &options.idle_timeout_s, &options.max_connections_per_address,
                            &options.guesses_per_device, &options.login_timeout_s, &options.frame_timeout_s})
    *at_least_one = std::max(1, *at_least_one);

  try {
    scrutin::server::Server server(options);
    const auto& data = server.data();
    std::printf("Scrutin server, data folder %s\n", data.dir.c_str());
    std::printf("Certificate fingerprint (SHA-256): %s\n", data.fingerprint.c_str());
    std::printf("Short code (tablets and projector): %s\n", scrutin::fingerprint_short_code(data.fingerprint).c_str());
    if (data.new_passphrase)
      std::printf("Clerk passphrase (shown once, write it down): %s\n", data.new_passphrase->c_str());
    std::fflush(stdout);
    return server.run();
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    std::fprintf(stderr, "scrutin-server: %s\n", e.what());
    return 1;
  }
}
