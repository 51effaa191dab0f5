// Who may try a secret (PIN, passphrase, display token) now.
//
// Guessing is throttled by source (the address a guess comes from) and bounded
// by member, so that a flood of wrong PINs from one device never locks out the
// real delegate typing the right PIN on hers:
//  - a source with `source_failures` wrong secrets within `source_window` is
//    refused for `source_block`, whoever it names, before any hashing (and
//    attempts still being checked count: parallel connections do not multiply
//    its guesses);
//  - once a member's PIN has been got wrong `member_failures_per_hour` times
//    (all sources together), only sources that have not failed within the hour
//    may try it: the real delegate still gets in at once, a guesser does not.
//    So a PIN of 6 digits sees at most that many guesses an hour, plus one per
//    fresh address;
//  - the clerk's passphrase costs about 100 ms of hashing on one thread, so
//    sources that got the passphrase wrong more than `passphrase_mistakes`
//    times within the hour (guessers; a PIN mistyped behind the room's one NAT
//    address does not count, nor a clerk's typo or two) may have only
//    one passphrase check in the queue among them all, and none within a
//    second of the last wrong passphrase:
//    guessing never fills that thread, and the clerk on a device that has not
//    failed waits behind one guess at most (a fresh device, at most
//    `passphrase_pending_per_source` checks at once).
// Nothing here hashes or sleeps; the clock is passed in. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace scrutin::server {

class LoginGuard {
 public:
  using Clock = std::chrono::steady_clock;
  struct Limits {
    int source_failures = 10;
    std::chrono::seconds source_window{60};
    std::chrono::seconds source_block{60};
    int member_failures_per_hour = 60;
    int passphrase_pending_per_source = 2;               // checks at once from a device that is not guessing
    int passphrase_mistakes = 2;                         // wrong passphrases within the hour before guessing
    std::chrono::milliseconds guess_hash_interval{1000};  // passphrase checks of guessers: one at a time, this apart
  };
  // Which secret a login gives: the passphrase is the costly one to check.
  enum class Secret { Pin, Passphrase, DisplayToken };
  enum class Verdict { Try, SourceBlocked, MemberGuarded };
  struct Admission {
    Verdict verdict = Verdict::Try;
    std::chrono::seconds retry_after{0};
  };
  struct SourceReport {
    std::string source;
    std::int64_t failures = 0;  // within the last hour
  };

  LoginGuard() = default;
  explicit LoginGuard(Limits limits) : limits_(limits) {}

  // Before checking a secret. `member` is empty for the clerk and displays.
  Admission admit(const std::string& source, const std::string& member, Clock::time_point now = Clock::now(),
                  Secret secret = Secret::Pin);
  // After a wrong secret. Returns how many failures this source had since its
  // last log line when one is due (one line per source per minute), else nullopt.
  std::optional<std::int64_t> failed(const std::string& source, const std::string& member,
                                     Clock::time_point now = Clock::now(), Secret secret = Secret::Pin);

  // After a right secret: the attempt admitted is over.
  void succeeded(const std::string& source, Secret secret = Secret::Pin);

  // Sources that failed within the last hour, most failures first (for the clerk), at most `max`.
  std::vector<SourceReport> report(Clock::time_point now = Clock::now(), std::size_t max = 20) const;
  std::size_t tracked() const;  // sources and members remembered (tests: nothing grows without bound)

 private:
  struct Source {
    int pending = 0;  // admitted, secret being checked: counted against the limit too
    int passphrase_pending = 0;  // of which passphrase checks
    bool guess_in_queue = false;  // one of them is the guessers' one (guess_in_queue_)
    int passphrase_failures = 0;  // wrong passphrases, the last at:
    Clock::time_point last_passphrase_failure{};
    std::vector<Clock::time_point> recent;  // failures within source_window
    Clock::time_point blocked_until{};
    Clock::time_point last_failure{};
    std::int64_t hour_failures = 0;  // since hour_start
    Clock::time_point hour_start{};
    std::int64_t unlogged = 0;
    Clock::time_point last_log{};
    bool logged_once = false;
  };
  struct Member {
    std::int64_t failures = 0;  // since hour_start
    Clock::time_point hour_start{};
  };
  void forget_old(Clock::time_point now);
  void passphrase_done(Source& s);

  Limits limits_;
  mutable std::mutex mutex_;
  std::map<std::string, Source> sources_;
  std::map<std::string, Member> members_;
  Clock::time_point last_sweep_{};
  bool guess_in_queue_ = false;        // a guesser's passphrase check is queued or running
  Clock::time_point next_guess_hash_{};  // no guesser's passphrase check before (a second after a wrong one)
};

}  // namespace scrutin::server
