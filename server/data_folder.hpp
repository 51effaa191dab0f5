// The server's data folder: made on first start, reused after.
//   key.pem, cert.pem   self-signed EC P-256 certificate (the key is 0640: the
//                       folder's group reads it for backups; the folder is never
//                       open to others)
//   clerk.hash          the clerk passphrase, hashed
//   display.token       read-only token for the projector
//   resume.key          the key of the delegates' login tokens (credentials.hpp)
//   journal.sqlite      the journal (see journal.hpp)
//   endpoint            "HOST PORT FINGERPRINT", while the server listens
#pragma once

#include <optional>
#include <string>

#include "server/secrets.hpp"

namespace scrutin::server {

struct DataFolder {
  std::string dir;
  std::string fingerprint;  // lowercase hex SHA-256 of the certificate's DER
  SecretHash clerk;         // the passphrase's hash
  std::string display_token;
  std::string resume_key;  // hex; the key of the delegates' login tokens
  std::optional<std::string> new_passphrase;  // set on first start when generated: print it once

  std::string path(const std::string& name) const { return dir + "/" + name; }
  std::string journal_path() const { return path("journal.sqlite"); }
  std::string key_path() const { return path("key.pem"); }
  std::string cert_path() const { return path("cert.pem"); }

  // Creates what is missing. `passphrase_file`: on first start, the clerk
  // passphrase is read from it instead of being generated. Throws
  // std::runtime_error with a sentence on failure (start-up only).
  static DataFolder open(const std::string& dir, const std::string& passphrase_file);

  // Written atomically once listening; removed on a clean stop.
  void write_endpoint(const std::string& host, int port) const;
  void remove_endpoint() const;
};

std::string default_data_dir();

}  // namespace scrutin::server
