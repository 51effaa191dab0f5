#include "server/credentials.hpp"

namespace scrutin::server {

void Credentials::set(const std::string& member, const std::string& hash_text) {
  SecretHash h;
  if (!from_text(hash_text, h)) return;
  std::lock_guard lock(mutex_);
  Entry& e = entries_[member];
  e.hash = std::move(h);
  e.wrong = 0;
}

Credentials::Check Credentials::check(const std::string& member, std::string_view pin, Clock::time_point now) {
  SecretHash stored;
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(member);
    if (it == entries_.end()) return {Verdict::Wrong, {}};  // unknown member: same answer as a wrong PIN
    if (it->second.locked_until > now)
      return {Verdict::LockedOut,
              std::chrono::ceil<std::chrono::seconds>(it->second.locked_until - now)};
    stored = it->second.hash;
  }
  // Hash outside the lock: PBKDF2 takes a while.
  const bool ok = pin.size() == kPinDigits && check_secret(pin, stored);
  std::lock_guard lock(mutex_);
  Entry& e = entries_[member];
  if (ok) {
    e.wrong = 0;
    return {Verdict::Ok, {}};
  }
  if (++e.wrong >= kMaxWrongPins) {
    e.wrong = 0;
    e.locked_until = now + kLockout;
    return {Verdict::LockedOut, kLockout};
  }
  return {Verdict::Wrong, {}};
}

std::size_t Credentials::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace scrutin::server
