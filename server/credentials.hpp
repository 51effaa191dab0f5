// Delegates' PINs: made at roster import (6 digits from RAND_bytes), kept as
// salted PBKDF2 hashes (in memory here, on disk in the journal's credentials
// table), and checked with a lock-out: after 5 wrong PINs for one member, that
// member is refused for 60 s. Thread-safe: connections check PINs on their own
// threads so the hub's strand never spends time hashing.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "server/secrets.hpp"

namespace scrutin::server {

inline constexpr int kMaxWrongPins = 5;
inline constexpr std::chrono::seconds kLockout{60};
inline constexpr int kPinDigits = 6;

class Credentials {
 public:
  using Clock = std::chrono::steady_clock;

  enum class Verdict { Ok, Wrong, LockedOut };
  struct Check {
    Verdict verdict = Verdict::Wrong;
    std::chrono::seconds retry_after{0};  // LockedOut: how long until the next try
  };

  void set(const std::string& member, const std::string& hash_text);  // to_text(SecretHash)
  Check check(const std::string& member, std::string_view pin, Clock::time_point now = Clock::now());
  std::size_t size() const;

 private:
  struct Entry {
    SecretHash hash;
    int wrong = 0;
    Clock::time_point locked_until{};
  };
  mutable std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace scrutin::server
