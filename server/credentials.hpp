// Delegates' PINs: made at roster import (6 digits from RAND_bytes), kept as
// salted PBKDF2 hashes (in memory here, on disk in the journal's credentials
// table). Guessing is throttled before any check, by source and by member
// (server/login_guard.hpp), never by locking the member out for everyone.
// Thread-safe: PINs are checked on the hashing pool, never on the hub's strand.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "domain/events.hpp"
#include "domain/types.hpp"
#include "server/secrets.hpp"

namespace scrutin::server {

inline constexpr int kPinDigits = 6;

// A delegate's PIN as stored (journal's credentials table and Credentials).
struct Credential {
  std::string member_id;
  std::string hash;  // to_text(SecretHash)
};

// A PIN given out at roster import: shown to the clerk once, never stored.
struct IssuedPin {
  std::string member_id;
  std::string name;
  std::string pin;
};

// The PINs of an imported roster: what is stored (hashed) and what is shown once.
struct Enrolment {
  std::vector<Credential> stored;
  std::vector<IssuedPin> issued;
};

// One fresh PIN per member, hashed. PBKDF2 takes a while per member: call it
// off the hub's strand (the connection does, before handing the import over).
Enrolment enrol(const std::vector<Member>& members);

// The PINs a clerk's command gives out: every member of an imported roster, or
// the one member whose PIN is reset. A member removed gets a PIN nobody is
// told, so his slip stops working. Empty for every other command.
Enrolment enrolment_for(const Command& command);

class Credentials {
 public:
  Credentials();
  void set(const std::string& member, const std::string& hash_text);  // to_text(SecretHash)
  // True when `pin` is the member's PIN. An unknown member costs the same hash
  // as a known one, so the time of a refusal does not tell which ids exist.
  // `generation`, when given, receives the generation of the PIN checked.
  bool check(const std::string& member, std::string_view pin, std::uint64_t* generation = nullptr) const;
  bool known(const std::string& member) const;
  // Bumped by every set() of the member (a reset, a removal): a login checked
  // against a PIN that has been replaced since is refused at attach (Hub::attach),
  // since the check runs on the hashing pool while the reset may commit meanwhile.
  std::uint64_t generation(const std::string& member) const;
  std::size_t size() const;

  // Resuming a login without the slow hash: after a PIN checked, the delegate
  // gets a token, an HMAC under the data folder's key of the member and of its
  // PIN's salt; a reconnecting tablet shows it instead of paying PBKDF2 again.
  // A PIN reset gives a new salt, which ends every token given before it.
  void set_resume_key(std::string key);
  std::string resume_token(const std::string& member) const;  // empty for an unknown member
  bool check_resume(const std::string& member, std::string_view token, std::uint64_t* generation = nullptr) const;

 private:
  std::string token_for(const std::string& member, const SecretHash& pin) const;

  mutable std::mutex mutex_;
  std::string resume_key_;
  std::map<std::string, SecretHash, std::less<>> entries_;
  std::map<std::string, std::uint64_t, std::less<>> generations_;
  std::uint64_t last_generation_ = 0;
  SecretHash decoy_;  // hashed against for unknown members
};

}  // namespace scrutin::server
