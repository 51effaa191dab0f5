// A backup of the server's data folder, made while the server runs.
//
// It runs where the data folder is (the room's laptop), reading it only: the
// journal is copied with SQLite's online backup API from a read-only
// connection, in one step, so the copy is one consistent state of the journal
// even while the server commits votes (WAL mode: readers never block the
// writer). The certificate and its key (same fingerprint after a restore), the
// clerk passphrase's hash and the display token are copied beside it.
//
// The copy goes to a new folder DEST/scrutin-backup-YYYYMMDD-HHMMSS, written as
// "<name>.partial" and renamed only once verified, so a folder with the final
// name is always a complete, checked backup. Verified means: the copy's hash
// chain is intact and replays, its last entry is the same entry (seq and hash)
// in the live journal, and every other file is byte for byte the original.
//
// Restore: `scrutin-server --data COPY` (a copy on the laptop's disk).
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <vector>

#include "client/lib/error.hpp"

namespace scrutin::backup {

struct WrittenFile {
  std::string name;  // "journal.sqlite", "cert.pem", ...
  std::uintmax_t bytes = 0;
};

struct Report {
  std::string folder;       // the backup folder written (absolute)
  std::vector<WrittenFile> files;
  std::uint64_t entries = 0;   // journal entries in the copy
  std::uint64_t head_seq = 0;  // the copy's last entry
  std::string head_hash;       // its hash, hex
  std::uint64_t live_seq = 0;  // the live journal's last entry once the copy was checked
  std::string fingerprint;     // the certificate's (the restored server keeps it)
  std::string verdict;         // the verification's one line

  // What was written, for a person: one line per file, then the verdict.
  std::vector<std::string> lines() const;
};

// The server's data folder when none is given: SCRUTIN_DATA, the packaged
// server's /var/lib/scrutin, then the one a server started by hand uses.
std::string default_data_folder();

// The files of a data folder that a backup copies (journal.sqlite first).
const std::vector<std::string>& backed_up_files();

// Copies `data_dir` (the server's data folder) into a new folder under
// `destination` (created if missing; a USB stick's mount point is fine).
// Reads the data folder only. On failure nothing is left but a
// "*.partial" folder that is removed when possible; the error's code says
// whose fault (Access, NotDataFolder, Destination, Io on the destination,
// Journal, JournalInvalid) and its sentence, in English, what happened.
std::expected<Report, client::Error> backup_data_folder(const std::string& data_dir, const std::string& destination);

// Checks an existing backup folder against itself (chain, replay) and says
// what it holds; for a stick brought to a second laptop.
std::expected<Report, client::Error> check_backup_folder(const std::string& folder);

}  // namespace scrutin::backup
