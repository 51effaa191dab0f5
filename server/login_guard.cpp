#include "server/login_guard.hpp"

#include <algorithm>
#include <utility>

namespace scrutin::server {

namespace {
constexpr std::chrono::hours kHour{1};
constexpr std::chrono::minutes kLogEvery{1};
}  // namespace

LoginGuard::Admission LoginGuard::admit(const std::string& source, const std::string& member, Clock::time_point now,
                                       Secret secret) {
  std::lock_guard lock(mutex_);
  forget_old(now);
  auto s = sources_.find(source);
  if (s != sources_.end()) {
    Source& src = s->second;
    if (src.blocked_until > now)
      return {Verdict::SourceBlocked, std::chrono::ceil<std::chrono::seconds>(src.blocked_until - now)};
    std::erase_if(src.recent, [&](Clock::time_point t) { return now - t >= limits_.source_window; });
    // A source that has been failing may not widen its guesses with parallel
    // connections: attempts in flight count. (A room's burst of logins from one
    // NAT'd address, with no failure, is never held back by this.)
    if (!src.recent.empty() && static_cast<int>(src.recent.size()) + src.pending >= limits_.source_failures)
      return {Verdict::SourceBlocked, std::chrono::seconds(1)};
  }
  if (!member.empty()) {
    auto m = members_.find(member);
    const bool under_attack = m != members_.end() && now - m->second.hour_start < kHour &&
                              m->second.failures >= limits_.member_failures_per_hour;
    // The member's PIN is under attack: only a source that has not been guessing may try.
    const bool guessing = s != sources_.end() && s->second.hour_failures > 0 && now - s->second.last_failure < kHour;
    if (under_attack && guessing)
      return {Verdict::MemberGuarded, std::chrono::ceil<std::chrono::seconds>(m->second.hour_start + kHour - now)};
  }
  bool guess = false;
  if (secret == Secret::Passphrase) {
    // Bounded before queueing a hash: the passphrase thread never holds a
    // backlog of guesses that the real clerk, or the room, would wait behind.
    const bool guessing = s != sources_.end() && s->second.passphrase_failures > limits_.passphrase_mistakes &&
                          now - s->second.last_passphrase_failure < kHour;
    const int in_flight = s == sources_.end() ? 0 : s->second.passphrase_pending;
    if (in_flight >= (guessing ? 1 : limits_.passphrase_pending_per_source))
      return {Verdict::SourceBlocked, std::chrono::seconds(1)};
    if (guessing) {
      if (guess_in_queue_ || now < next_guess_hash_) return {Verdict::SourceBlocked, std::chrono::seconds(1)};
      guess = true;
    }
  }
  if (s == sources_.end()) s = sources_.try_emplace(source, Source{.last_failure = now, .hour_start = now}).first;
  ++s->second.pending;
  if (secret == Secret::Passphrase) {
    ++s->second.passphrase_pending;
    if (guess) s->second.guess_in_queue = guess_in_queue_ = true;
  }
  return {};
}

void LoginGuard::passphrase_done(Source& s) {
  if (s.passphrase_pending > 0) --s.passphrase_pending;
  if (std::exchange(s.guess_in_queue, false)) guess_in_queue_ = false;
}

void LoginGuard::succeeded(const std::string& source, Secret secret) {
  std::lock_guard lock(mutex_);
  auto s = sources_.find(source);
  if (s == sources_.end()) return;
  if (s->second.pending > 0) --s->second.pending;
  if (secret == Secret::Passphrase) passphrase_done(s->second);
}

std::optional<std::int64_t> LoginGuard::failed(const std::string& source, const std::string& member,
                                               Clock::time_point now, Secret secret) {
  std::lock_guard lock(mutex_);
  Source& s = sources_.try_emplace(source, Source{.last_failure = now, .hour_start = now}).first->second;
  if (s.pending > 0) --s.pending;
  if (secret == Secret::Passphrase) {
    passphrase_done(s);
    if (now - s.last_passphrase_failure >= kHour) s.passphrase_failures = 0;
    ++s.passphrase_failures;
    s.last_passphrase_failure = now;
    next_guess_hash_ = now + limits_.guess_hash_interval;
  }
  std::erase_if(s.recent, [&](Clock::time_point t) { return now - t >= limits_.source_window; });
  s.recent.push_back(now);
  if (static_cast<int>(s.recent.size()) >= limits_.source_failures) {
    s.blocked_until = now + limits_.source_block;
    s.recent.clear();
  }
  if (now - s.hour_start >= kHour) s.hour_start = now, s.hour_failures = 0;
  ++s.hour_failures;
  s.last_failure = now;
  ++s.unlogged;
  if (!member.empty()) {
    Member& m = members_.try_emplace(member, Member{.failures = 0, .hour_start = now}).first->second;
    if (now - m.hour_start >= kHour) m.hour_start = now, m.failures = 0;
    ++m.failures;
  }
  if (s.logged_once && now - s.last_log < kLogEvery) return std::nullopt;
  s.logged_once = true;
  s.last_log = now;
  return std::exchange(s.unlogged, 0);
}

std::vector<LoginGuard::SourceReport> LoginGuard::report(Clock::time_point now, std::size_t max) const {
  std::lock_guard lock(mutex_);
  std::vector<SourceReport> out;
  for (const auto& [address, s] : sources_)
    if (s.hour_failures > 0 && now - s.last_failure < kHour) out.push_back({address, s.hour_failures});
  std::sort(out.begin(), out.end(), [](const SourceReport& a, const SourceReport& b) {
    return a.failures != b.failures ? a.failures > b.failures : a.source < b.source;
  });
  if (out.size() > max) out.resize(max);
  return out;
}

std::size_t LoginGuard::tracked() const {
  std::lock_guard lock(mutex_);
  return sources_.size() + members_.size();
}

// Nothing grows without bound: sources and members quiet for an hour are forgotten
// (swept at most once a minute).
void LoginGuard::forget_old(Clock::time_point now) {
  if (now - last_sweep_ < kLogEvery) return;
  last_sweep_ = now;
  std::erase_if(sources_, [&](const auto& kv) {
    return kv.second.pending == 0 && now - kv.second.last_failure >= kHour && kv.second.blocked_until <= now;
  });
  std::erase_if(members_, [&](const auto& kv) { return now - kv.second.hour_start >= kHour; });
}

}  // namespace scrutin::server
