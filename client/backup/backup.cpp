#include "client/backup/backup.hpp"

#include <cstdlib>

#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "client/record/record.hpp"
#include "proto/fingerprint.hpp"
#include "proto/journal_file.hpp"
#include "proto/journal_chain.hpp"

namespace scrutin::backup {

namespace fs = std::filesystem;
using client::Code;
using client::Error;

namespace {

std::unexpected<Error> failed(Code code, std::string sentence) { return std::unexpected(client::error(code, std::move(sentence))); }

constexpr const char* kJournal = "journal.sqlite";

// Said whenever the data folder cannot be read: the usual cause is the account.
constexpr const char* kAccessHint =
    " (the backup reads the server's data folder: run it as a member of the group scrutin, "
    "e.g. after `sudo adduser $USER scrutin` and a new login, or as root)";

struct Db {
  sqlite3* p = nullptr;
  Db() = default;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db() {
    if (p) sqlite3_close(p);
  }
};

std::string errno_text(int e) { return std::strerror(e); }

std::expected<std::string, Error> read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int e = errno;
    if (e == EACCES) return failed(Code::Access, fmt::format("cannot read {}: {}{}", path.string(), errno_text(e), kAccessHint));
    return failed(Code::Io, fmt::format("cannot read {}: {}", path.string(), errno_text(e)));
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Flushes a file or a folder to the device (a USB stick may be pulled out
// right after the clerk reads "verified").
bool sync_path(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0 || errno == EINVAL;  // some file systems cannot sync a folder
  ::close(fd);
  return ok;
}

std::expected<void, Error> write_bytes(const fs::path& path, const std::string& bytes, bool secret) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, secret ? 0600 : 0644);
  if (fd < 0) return failed(Code::Io, fmt::format("cannot write {}: {}", path.string(), errno_text(errno)));
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int e = errno;
      ::close(fd);
      return failed(Code::Io, fmt::format("cannot write {}: {}", path.string(), errno_text(e)));
    }
    done += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  const int e = errno;
  ::close(fd);
  if (!synced) return failed(Code::Io, fmt::format("cannot write {} to the device: {}", path.string(), errno_text(e)));
  return {};
}

// Opens the live journal read-only. While the server runs, its -wal and -shm
// files exist and a reader that cannot write them is served read-only. With
// the server stopped (a clean stop removes them) a reader that may not create
// them in the folder (the clerk's account: group read only) is refused; then,
// and only when no -wal file exists (no writer, nothing pending), the file is
// read as immutable. The copy is verified afterwards either way.
std::expected<void, Error> open_live(const fs::path& journal, Db& db) {
  auto readable = [&](const std::string& name, int flags) {
    if (db.p) sqlite3_close(db.p);
    db.p = nullptr;
    if (sqlite3_open_v2(name.c_str(), &db.p, flags, nullptr) != SQLITE_OK) return false;
    sqlite3_busy_timeout(db.p, 5000);
    return sqlite3_exec(db.p, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) == SQLITE_OK;
  };
  if (readable(journal.string(), SQLITE_OPEN_READONLY)) return {};
  const std::string why = db.p ? sqlite3_errmsg(db.p) : "out of memory";
  const int rc = db.p ? sqlite3_errcode(db.p) : SQLITE_NOMEM;
  const int e = errno;
  std::error_code ec;
  fs::path wal = journal;
  wal += "-wal";
  if (!fs::exists(wal, ec) && !ec && readable("file:" + journal.string() + "?immutable=1", SQLITE_OPEN_READONLY | SQLITE_OPEN_URI))
    return {};
  if (e == EACCES || rc == SQLITE_READONLY || rc == SQLITE_PERM)
    return failed(Code::Access, fmt::format("cannot read the journal {}: {}{}", journal.string(), why, kAccessHint));
  return failed(Code::Journal, fmt::format("cannot read the journal {}: {}", journal.string(), why));
}

// The journal through the online backup API: one step copies every page
// inside one read transaction of the live file, i.e. one consistent state.
std::expected<void, Error> copy_journal(const fs::path& from, const fs::path& to) {
  Db src;
  if (auto opened = open_live(from, src); !opened) return std::unexpected(opened.error());
  Db dst;
  if (sqlite3_open_v2(to.c_str(), &dst.p, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
    return failed(Code::Io, fmt::format("cannot create {}: {}", to.string(), dst.p ? sqlite3_errmsg(dst.p) : "out of memory"));
  sqlite3_backup* b = sqlite3_backup_init(dst.p, "main", src.p, "main");
  if (!b) return failed(Code::Journal, fmt::format("cannot start the copy of the journal: {}", sqlite3_errmsg(dst.p)));
  int rc = SQLITE_OK;
  // BUSY only while the server checkpoints or recovers; bounded (about 10 s).
  for (int attempt = 0; attempt < 100; ++attempt) {
    rc = sqlite3_backup_step(b, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) {
    const std::string why = sqlite3_errstr(rc);
    if (rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN || rc == SQLITE_PERM)
      return failed(Code::Access, fmt::format("cannot copy the journal {}: {}{}", from.string(), why, kAccessHint));
    return failed(Code::Journal, fmt::format("cannot copy the journal {}: {}", from.string(), why));
  }
  // One self-contained file on the stick (the server turns WAL back on when it opens it).
  char* err = nullptr;
  if (sqlite3_exec(dst.p, "PRAGMA journal_mode=DELETE", nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string why = err ? err : "unknown error";
    sqlite3_free(err);
    return failed(Code::Io, fmt::format("cannot finish {}: {}", to.string(), why));
  }
  return {};
}

// The live journal's entry `seq` (its hash) and its last seq, read-only.
struct LiveHead {
  std::string hash_at_seq;  // empty if the live journal has no such entry
  std::uint64_t last_seq = 0;
};
std::expected<LiveHead, Error> live_head(const fs::path& journal, std::uint64_t seq) {
  Db db;
  if (auto opened = open_live(journal, db); !opened) return std::unexpected(opened.error());
  auto rows = read_journal_rows(db.p);  // the one reader of a journal (proto/journal_file)
  if (!rows) return failed(Code::Journal, fmt::format("cannot read the journal {}: {}", journal.string(), rows.error()));
  LiveHead out;
  if (!rows->empty()) out.last_seq = rows->back().seq;
  for (auto it = rows->rbegin(); it != rows->rend(); ++it)
    if (it->seq == seq) {
      out.hash_at_seq = it->hash;
      break;
    }
  return out;
}

std::string certificate_fingerprint(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  if (!bio) return {};
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (!cert) return {};
  std::string fp = fingerprint_of(cert);
  X509_free(cert);
  return fp;
}

// The journal copy: chain and replay, and what it holds.
std::expected<void, Error> check_journal(const fs::path& journal, Report& report, std::string& head_bytes) {
  std::vector<std::string> raw;
  auto entries = record::read_journal_sqlite(journal.string(), &raw);
  if (!entries) return failed(Code::JournalInvalid, entries.error());
  report.entries = entries->size();
  if (entries->empty()) {
    report.verdict = "OK: the journal holds no entry yet (no session configured)";
    return {};
  }
  const record::Verdict v = record::verify(*entries, &raw, nullptr);
  if (!v.ok) return failed(Code::JournalInvalid, fmt::format("the copy does not verify: {}", v.line));
  report.verdict = v.line;
  report.head_seq = entries->back().seq();
  head_bytes = entries->back().hash();
  report.head_hash = to_hex(head_bytes);
  return {};
}

std::string folder_name(int attempt) {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
  return attempt == 0 ? fmt::format("scrutin-backup-{}", stamp) : fmt::format("scrutin-backup-{}-{}", stamp, attempt + 1);
}

std::string describe(const std::string& name) {
  if (name == kJournal) return "the journal";
  if (name == "cert.pem") return "the server's certificate";
  if (name == "key.pem") return "the certificate's private key (keep the stick safe)";
  if (name == "clerk.hash") return "the clerk passphrase, hashed";
  if (name == "display.token") return "the projector's token";
  if (name == "resume.key") return "the key of the tablets' login tokens";
  return "";
}

}  // namespace

std::string default_data_folder() {
  if (const char* env = std::getenv("SCRUTIN_DATA"); env && *env) return env;
  std::error_code ec;
  if (fs::exists("/var/lib/scrutin/journal.sqlite", ec) || ec.value() == EACCES) return "/var/lib/scrutin";
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::string(xdg) + "/scrutin";
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.local/share/scrutin";
  return "./scrutin-data";
}

const std::vector<std::string>& backed_up_files() {
  static const std::vector<std::string> files = {kJournal,        "cert.pem",  "key.pem", "clerk.hash",
                                                 "display.token", "resume.key"};
  return files;
}

std::vector<std::string> Report::lines() const {
  std::vector<std::string> out;
  out.push_back(fmt::format("backup written to {}", folder));
  for (const auto& f : files) {
    std::string what = describe(f.name);
    if (f.name == kJournal)
      what += entries ? fmt::format(": {} {}, last seq {}", entries, entries == 1 ? "entry" : "entries", head_seq) : ": no entry yet";
    if (f.name == "cert.pem" && !fingerprint.empty())
      what += fmt::format(", short code {}", fingerprint_short_code(fingerprint));
    out.push_back(fmt::format("  {:<15} {:>9} bytes  {}", f.name, f.bytes, what));
  }
  out.push_back(fmt::format("verified: {}", verdict));
  if (entries && live_seq > head_seq)
    out.push_back(fmt::format("the server went on after the copy (now at seq {}): make another backup later", live_seq));
  return out;
}

std::expected<Report, Error> backup_data_folder(const std::string& data_dir, const std::string& destination) {
  const fs::path data = data_dir;
  std::error_code ec;
  if (!fs::exists(data / kJournal, ec)) {
    if (ec.value() == EACCES || errno == EACCES)
      return failed(Code::Access, fmt::format("cannot read the data folder {}{}", data_dir, kAccessHint));
    return failed(Code::NotDataFolder, fmt::format("{} is not a Scrutin data folder: it has no {}", data_dir, kJournal));
  }
  for (const char* needed : {"cert.pem", "key.pem", "clerk.hash"})
    if (!fs::exists(data / needed))
      return failed(Code::NotDataFolder, fmt::format("{} is not a whole Scrutin data folder: {} is missing", data_dir, needed));

  fs::create_directories(destination, ec);
  if (!fs::is_directory(destination))
    return failed(Code::Destination,
                  fmt::format("cannot use {} for the backup: {}", destination, ec ? ec.message() : "not a folder"));
  const fs::path dest = fs::absolute(destination);
  fs::path final_dir, partial;
  for (int attempt = 0; attempt < 100; ++attempt) {
    final_dir = dest / folder_name(attempt);
    partial = final_dir;
    partial += ".partial";
    if (!fs::exists(final_dir) && fs::create_directory(partial, ec)) break;
    if (ec) return failed(Code::Io, fmt::format("cannot create a folder in {}: {}", dest.string(), ec.message()));
    partial.clear();
  }
  if (partial.empty()) return failed(Code::Destination, fmt::format("cannot find a free folder name in {}", dest.string()));

  // From here a failure removes the partial folder.
  auto fail = [&](Error why) -> std::expected<Report, Error> {
    std::error_code ignored;
    fs::remove_all(partial, ignored);
    return std::unexpected(std::move(why));
  };

  Report report;
  report.folder = final_dir.string();
  if (auto copied = copy_journal(data / kJournal, partial / kJournal); !copied) return fail(copied.error());
  if (!sync_path(partial / kJournal))
    return fail(client::error(Code::Io, fmt::format("cannot write {} to the device", (partial / kJournal).string())));
  report.files.push_back({kJournal, fs::file_size(partial / kJournal, ec)});

  for (const auto& name : backed_up_files()) {
    if (name == kJournal) continue;
    // The server makes new ones (tablets then sign in with their PIN once).
    if ((name == "display.token" || name == "resume.key") && !fs::exists(data / name)) continue;
    auto bytes = read_bytes(data / name);
    if (!bytes) return fail(bytes.error());
    if (auto w = write_bytes(partial / name, *bytes, name != "cert.pem"); !w) return fail(w.error());
    auto back = read_bytes(partial / name);
    if (!back || *back != *bytes)
      return fail(client::error(Code::Io, fmt::format("the copy of {} differs from the original", name)));
    if (name == "cert.pem") {
      report.fingerprint = certificate_fingerprint(*bytes);
      if (report.fingerprint.empty())
        return fail(client::error(Code::NotDataFolder, fmt::format("{} is not a PEM certificate", (data / name).string())));
    }
    report.files.push_back({name, bytes->size()});
  }

  std::string head_bytes;
  if (auto checked = check_journal(partial / kJournal, report, head_bytes); !checked) return fail(checked.error());
  if (report.entries) {
    auto live = live_head(data / kJournal, report.head_seq);
    if (!live) return fail(live.error());
    if (live->hash_at_seq != head_bytes)
      return fail(client::error(Code::JournalInvalid,
                                fmt::format("the copy's last entry (seq {}) is not the live journal's entry {}",
                                            report.head_seq, report.head_seq)));
    report.live_seq = live->last_seq;
    report.verdict += fmt::format("; entry {} is the live journal's", report.head_seq);
  }

  if (!sync_path(partial)) return fail(client::error(Code::Io, fmt::format("cannot write {} to the device", partial.string())));
  fs::rename(partial, final_dir, ec);
  if (ec) return fail(client::error(Code::Io, fmt::format("cannot name the backup {}: {}", final_dir.string(), ec.message())));
  sync_path(dest);
  return report;
}

std::expected<Report, Error> check_backup_folder(const std::string& folder) {
  const fs::path dir = folder;
  Report report;
  report.folder = fs::absolute(dir).string();
  std::error_code ec;
  for (const auto& name : backed_up_files()) {
    if (!fs::exists(dir / name, ec)) {
      if (name == "display.token" || name == "resume.key") continue;
      return failed(Code::NotDataFolder, fmt::format("{} is not a Scrutin backup: {} is missing", folder, name));
    }
    report.files.push_back({name, fs::file_size(dir / name, ec)});
  }
  auto cert = read_bytes(dir / "cert.pem");
  if (!cert) return std::unexpected(cert.error());
  report.fingerprint = certificate_fingerprint(*cert);
  if (report.fingerprint.empty()) return failed(Code::NotDataFolder, fmt::format("{}/cert.pem is not a PEM certificate", folder));
  std::string head_bytes;
  if (auto checked = check_journal(dir / kJournal, report, head_bytes); !checked) return std::unexpected(checked.error());
  report.live_seq = report.head_seq;
  return report;
}

}  // namespace scrutin::backup
