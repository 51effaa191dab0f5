#include "server/credentials.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace scrutin::server {

Enrolment enrol(const std::vector<Member>& members) {
  Enrolment e;
  e.stored.reserve(members.size());
  e.issued.reserve(members.size());
  for (const Member& m : members) {
    IssuedPin pin{m.id, m.name, random_digits(kPinDigits)};
    e.stored.push_back({m.id, to_text(hash_secret(pin.pin, kPinIterations))});
    e.issued.push_back(std::move(pin));
  }
  return e;
}

Enrolment enrolment_for(const Command& command) {
  if (const auto* import = std::get_if<cmd::ImportRoster>(&command)) return enrol(import->members);
  if (const auto* reset = std::get_if<cmd::ResetPin>(&command)) {
    Member member;
    member.id = reset->member;
    return enrol({member});
  }
  if (const auto* removed = std::get_if<cmd::RemoveMember>(&command))
    return {.stored = {{removed->member, to_text(hash_secret(random_digits(32), kPinIterations))}}, .issued = {}};
  return {};
}

Credentials::Credentials() : decoy_(hash_secret(random_digits(kPinDigits), kPinIterations)) {}

void Credentials::set(const std::string& member, const std::string& hash_text) {
  SecretHash h;
  if (!from_text(hash_text, h)) return;
  std::lock_guard lock(mutex_);
  entries_[member] = std::move(h);
  generations_[member] = ++last_generation_;
}

bool Credentials::check(const std::string& member, std::string_view pin, std::uint64_t* generation) const {
  SecretHash stored;
  bool known = false;
  {
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(member); it != entries_.end()) {
      stored = it->second;
      known = true;
      if (generation) *generation = generations_.at(member);
    } else {
      stored = decoy_;
    }
  }
  // Hash outside the lock (PBKDF2 takes a while), and always: same cost whatever the id or the PIN's length.
  const bool match = check_secret(pin, stored);
  return known && match && pin.size() == kPinDigits;
}

std::uint64_t Credentials::generation(const std::string& member) const {
  std::lock_guard lock(mutex_);
  auto it = generations_.find(member);
  return it == generations_.end() ? 0 : it->second;
}

bool Credentials::known(const std::string& member) const {
  std::lock_guard lock(mutex_);
  return entries_.contains(member);
}

void Credentials::set_resume_key(std::string key) {
  std::lock_guard lock(mutex_);
  resume_key_ = std::move(key);
}

std::string Credentials::token_for(const std::string& member, const SecretHash& pin) const {
  std::string message = member;
  message += '\0';
  message += pin.salt;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (resume_key_.size() < 16 ||
      !HMAC(EVP_sha256(), resume_key_.data(), static_cast<int>(resume_key_.size()),
            reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &length))
    return {};
  return std::string(reinterpret_cast<const char*>(mac), length);
}

std::string Credentials::resume_token(const std::string& member) const {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(member);
  return it == entries_.end() ? std::string() : token_for(member, it->second);
}

bool Credentials::check_resume(const std::string& member, std::string_view token, std::uint64_t* generation) const {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(member);
  if (it == entries_.end()) return false;
  const std::string expected = token_for(member, it->second);
  const bool ok = !expected.empty() && expected.size() == token.size() &&
                  CRYPTO_memcmp(expected.data(), token.data(), token.size()) == 0;
  if (ok && generation) *generation = generations_.at(member);
  return ok;
}

std::size_t Credentials::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace scrutin::server
