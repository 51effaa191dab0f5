// scrutin-server: the session server of a Scrutin room.
//   scrutin-server [--data DIR] [--listen ADDR] [--port N] [--threads N] [--clerk-passphrase-file F]
//   scrutin-server verify JOURNAL.sqlite
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "proto/fingerprint.hpp"
#include "proto/journal_chain.hpp"
#include "server/journal.hpp"
#include "server/server.hpp"

namespace {

constexpr const char* kUsage = R"(Usage:
  scrutin-server [options]          run the session server
  scrutin-server verify FILE        check a journal's hash chain end to end

Options:
  --data DIR                  data folder (default $XDG_DATA_HOME/scrutin, else ~/.local/share/scrutin)
  --listen ADDR               address to listen on (default 0.0.0.0: the room's network)
  --port N                    TCP port (default 7443; 0 picks a free port, see DIR/endpoint)
  --threads N                 network threads (default 2)
  --idle-timeout S            close a connection silent for S seconds (default 30; clients ping every 10)
  --guesses-per-device N      wrong PINs or passphrases a minute from one address before that address
                              waits a minute (default 10; the right PIN from another device always gets in)
  --login-timeout S           close a connection that has not logged in within S seconds (default 20)
  --frame-timeout S           close a connection that starts a frame and does not finish it within S
                              seconds (default 10)
  --journal-busy-ms N         a commit waits N ms for another program's lock on the journal before it
                              counts as failed and is retried (default 5000)
  --max-connections-per-address N
                              connections at once from one address (default 64; a room behind one
                              NAT'd router shows as one address: raise it there)
  --announce-name NAME        the name tablets see on the LAN (default: Scrutin and the hostname)
  --no-announce               do not announce the server on the LAN (DNS-SD through Avahi; never
                              announced when listening on a loopback address)
  --clerk-passphrase-file F   on first start, take the clerk passphrase from F instead of making one
  --help                      this text

On first start the server makes its certificate and the clerk passphrase and
prints both; clients pin the fingerprint. Stop it with Ctrl-C (SIGINT) or SIGTERM:
everything acknowledged is on disk.
)";

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
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "scrutin-server: %s needs a value (see --help)\n", argv[i]);
        std::exit(2);
      }
      return argv[++i];
    };
    auto number = [&](const std::string& text) {
      try {
        std::size_t end = 0;
        const int n = std::stoi(text, &end);
        if (end == text.size() && n >= 0) return n;
      } catch (const std::exception&) {
      }
      std::fprintf(stderr, "scrutin-server: %s is not a number (see --help)\n", text.c_str());
      std::exit(2);
    };
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (a == "verify") {
      if (i + 2 != argc) {
        std::fprintf(stderr, "scrutin-server verify: give one journal file\n");
        return 2;
      }
      return verify(argv[i + 1]);
    } else if (a == "--data") {
      options.data_dir = value();
    } else if (a == "--listen") {
      options.listen = value();
    } else if (a == "--port") {
      options.port = number(value());
    } else if (a == "--threads") {
      options.threads = std::max(1, number(value()));
    } else if (a == "--idle-timeout") {
      options.idle_timeout_s = std::max(1, number(value()));
    } else if (a == "--max-connections-per-address") {
      options.max_connections_per_address = std::max(1, number(value()));
    } else if (a == "--guesses-per-device") {
      options.guesses_per_device = std::max(1, number(value()));
    } else if (a == "--login-timeout") {
      options.login_timeout_s = std::max(1, number(value()));
    } else if (a == "--frame-timeout") {
      options.frame_timeout_s = std::max(1, number(value()));
    } else if (a == "--journal-busy-ms") {
      options.journal_busy_ms = number(value());
    } else if (a == "--announce-name") {
      options.announce_name = value();
    } else if (a == "--no-announce") {
      options.announce = false;
    } else if (a == "--clerk-passphrase-file") {
      options.passphrase_file = value();
    } else {
      std::fprintf(stderr, "scrutin-server: unknown argument %s (see --help)\n", argv[i]);
      return 2;
    }
  }

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
