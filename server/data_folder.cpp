#include "server/data_folder.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "proto/certificate.hpp"
#include "proto/fingerprint.hpp"
#include "proto/journal_chain.hpp"

namespace scrutin::server {

namespace fs = std::filesystem;

namespace {

// The secrets (key, passphrase hash, display token): the owner writes, the
// data folder's group reads (for backups and the projector), others nothing.
constexpr fs::perms kOwnerAndGroupRead = fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read;

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Writes via a temporary file and rename, so a crash never leaves half a file.
void write_text(const std::string& path, const std::string& text, fs::perms perms) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + tmp);
  }
  fs::permissions(tmp, perms);
  fs::rename(tmp, path);
}

std::string first_line(std::string s) {
  if (auto nl = s.find_first_of("\r\n"); nl != std::string::npos) s.resize(nl);
  return s;
}

void make_certificate(const DataFolder& f) {
  const SelfSigned made = make_self_signed("scrutin-server", std::chrono::hours(10L * 365 * 24));
  write_text(f.key_path(), made.key_pem, kOwnerAndGroupRead);
  write_text(f.cert_path(), made.cert_pem,
             fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
}

std::string certificate_fingerprint(const std::string& cert_path) {
  std::string fp = fingerprint_of_pem(read_text(cert_path));
  if (fp.empty()) throw std::runtime_error(cert_path + " is not a PEM certificate");
  return fp;
}

}  // namespace

std::string default_data_dir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::string(xdg) + "/scrutin";
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.local/share/scrutin";
  return "./scrutin-data";
}

DataFolder DataFolder::open(const std::string& dir, const std::string& passphrase_file) {
  DataFolder f;
  f.dir = dir;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (!fs::is_directory(dir))
    throw std::runtime_error(fmt::format("cannot create the data folder {}: {}", dir, ec.message()));
  // Others never get in. The group keeps read access when the folder's owner
  // gave it (the package's /var/lib/scrutin is 0750, group scrutin: the clerk's
  // account reads it for `scrutinctl backup` and the projector's token).
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::add, ec);
  fs::permissions(dir, fs::perms::others_all | fs::perms::group_write, fs::perm_options::remove, ec);

  if (!fs::exists(f.key_path()) || !fs::exists(f.cert_path())) make_certificate(f);
  f.fingerprint = certificate_fingerprint(f.cert_path());

  if (!fs::exists(f.path("clerk.hash"))) {
    std::string passphrase;
    if (!passphrase_file.empty()) {
      passphrase = first_line(read_text(passphrase_file));
      if (passphrase.size() < 8)
        throw std::runtime_error(
            fmt::format("the passphrase in {} is too short (8 characters at least)", passphrase_file));
    } else {
      passphrase = random_passphrase();
      f.new_passphrase = passphrase;
    }
    write_text(f.path("clerk.hash"), to_text(hash_secret(passphrase, kPassphraseIterations)) + "\n",
               kOwnerAndGroupRead);
  }
  if (!from_text(read_text(f.path("clerk.hash")), f.clerk))
    throw std::runtime_error(f.path("clerk.hash") + " is damaged; delete it to set a new clerk passphrase");

  if (!fs::exists(f.path("display.token")))
    write_text(f.path("display.token"), to_hex(random_bytes(12)) + "\n", kOwnerAndGroupRead);
  f.display_token = first_line(read_text(f.path("display.token")));

  // The key of the delegates' login tokens (server/credentials.hpp): kept with
  // the data, so a restarted server still knows the tablets that come back.
  if (!fs::exists(f.path("resume.key")))
    write_text(f.path("resume.key"), to_hex(random_bytes(32)) + "\n", kOwnerAndGroupRead);
  f.resume_key = first_line(read_text(f.path("resume.key")));
  if (f.resume_key.size() < 32)
    throw std::runtime_error(f.path("resume.key") + " is damaged; delete it (tablets then sign in with their PIN once)");
  return f;
}

void DataFolder::write_endpoint(const std::string& host, int port) const {
  write_text(path("endpoint"), fmt::format("{} {} {}\n", host, port, fingerprint),
             fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
}

void DataFolder::remove_endpoint() const {
  std::error_code ec;
  fs::remove(path("endpoint"), ec);
}

}  // namespace scrutin::server
