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

template <class T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
using PKey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(n));
}

void make_certificate(const DataFolder& f) {
  PKey key(EVP_EC_gen("P-256"));
  if (!key) throw std::runtime_error("cannot generate the server's key");
  Cert cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), static_cast<long>(std::time(nullptr)));
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 10L * 365 * 24 * 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("scrutin-server"), -1, -1,
                             0);
  X509_set_issuer_name(cert.get(), name);
  if (!X509_sign(cert.get(), key.get(), EVP_sha256())) throw std::runtime_error("cannot sign the server's certificate");

  Bio kb(BIO_new(BIO_s_mem())), cb(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(kb.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  PEM_write_bio_X509(cb.get(), cert.get());
  write_text(f.key_path(), bio_text(kb.get()), kOwnerAndGroupRead);
  write_text(f.cert_path(), bio_text(cb.get()),
             fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
}

std::string certificate_fingerprint(const std::string& cert_path) {
  Bio bio(BIO_new_file(cert_path.c_str(), "r"));
  if (!bio) throw std::runtime_error("cannot read " + cert_path);
  Cert cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) throw std::runtime_error(cert_path + " is not a PEM certificate");
  std::string fp = fingerprint_of(cert.get());
  if (fp.empty()) throw std::runtime_error("cannot encode " + cert_path);
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
