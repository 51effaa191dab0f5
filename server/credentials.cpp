#include "server/credentials.hpp"

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

std::size_t Credentials::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace scrutin::server
