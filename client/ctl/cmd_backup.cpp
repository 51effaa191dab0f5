// scrutinctl backup DIR: a verified copy of the server's data folder (journal,
// certificate and key, clerk passphrase hash, display token) made while the
// server runs, into a new folder under DIR (a USB stick, another disk).
// It reads the data folder directly (client/backup/backup.hpp says why).
#include <fmt/format.h>

#include "client/backup/backup.hpp"
#include "client/ctl/ctl.hpp"

namespace scrutin::ctl {
namespace {

// The data folder: --data, else the library's default (SCRUTIN_DATA, the packaged server's, ~/.local/share).
std::string data_folder(const Context& ctx) {
  return ctx.connection.data ? *ctx.connection.data : backup::default_data_folder();
}

int run_backup(Context& ctx) {
  if (ctx.has("check")) {
    auto report = backup::check_backup_folder(ctx.args[0]);
    if (!report) return fail(report.error());
    std::string out = fmt::format("{} is a whole backup\n", report->folder);
    for (const auto& line : report->lines())
      if (line.rfind("backup written", 0) != 0) out += line + "\n";
    out += fmt::format("restore it with: scrutin-server --data {}\n", report->folder);
    std::fputs(out.c_str(), stdout);
    return kOk;
  }
  auto report = backup::backup_data_folder(data_folder(ctx), ctx.args[0]);
  if (!report) return fail(report.error());
  std::string out;
  for (const auto& line : report->lines()) out += line + "\n";
  std::fputs(out.c_str(), stdout);
  return kOk;
}

const Register backup_command{{
    .name = "backup",
    .args = "DIR",
    .summary = "copy the journal, certificate and passphrase to a new folder under DIR (e.g. a USB stick) and verify it",
    .help = "Runs on the server's laptop while the server runs, reading its data folder (--data, SCRUTIN_DATA,\n"
            "/var/lib/scrutin when the package is installed, else ~/.local/share/scrutin); the account needs read\n"
            "access to it (group scrutin for the packaged server). The journal is copied with SQLite's online\n"
            "backup API, so votes keep being recorded meanwhile. Writes DIR/scrutin-backup-YYYYMMDD-HHMMSS and\n"
            "names it so only once the copy verifies: hash chain intact, last entry the same as the live journal's.\n"
            "Restore on another laptop: copy that folder to its disk, then `scrutin-server --data FOLDER`: same\n"
            "certificate (tablets trust it), same passphrase, and the session goes on from the copy.\n"
            "Votes recorded after the backup are only on the first laptop's disk.\n"
            "With --check, DIR is a backup folder to check (chain, replay), e.g. on the second laptop.",
    .options = {{"data", "DIR", "the server's data folder (default: see above)"},
                {"check", "", "check the backup folder DIR instead of writing one"}},
    .min_args = 1,
    .max_args = 1,
    .needs_server = false,
    .run = run_backup,
}};

}  // namespace
}  // namespace scrutin::ctl
