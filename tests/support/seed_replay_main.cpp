// scrutin-seed-replay: replays the seed session through the domain library and
// prints its record. The demo until the real room (server, display, tablets).
#include <cstdio>
#include <cstring>

#include "domain/record.hpp"
#include "support/seed.hpp"

int main(int argc, char** argv) {
  if (argc > 1 && (!std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h"))) {
    std::puts("usage: scrutin-seed-replay\nReplays the seed deliberation of 22 March 2022 and prints its counts.");
    return 0;
  }
  using namespace scrutin;
  Session s;
  for (const auto& script : {seed::setup_commands(), seed::vote_and_close_commands()})
    for (const Command& c : script)
      if (auto r = s.execute(c, 0); !r) {
        std::fprintf(stderr, "refused: %s\n", r.error().message.c_str());
        return 1;
      }
  auto r = make_record(s, seed::kItem);
  if (!r) return 1;
  std::printf("%s\n%s — %s\n", r->acts_id.c_str(), r->session.body.c_str(), r->item.title.c_str());
  std::printf("en exercice %d, présents %d, suppléants %d, représentés %d, votants %lld\n", r->in_office,
              r->present_titulars, r->substitutes, r->represented, static_cast<long long>(r->counts.voters));
  std::printf("exprimés %lld, pour %lld, contre %lld, abstentions %lld: %s%s\n",
              static_cast<long long>(r->counts.expressed()), static_cast<long long>(r->counts.pour),
              static_cast<long long>(r->counts.contre), static_cast<long long>(r->counts.abstentions),
              r->outcome.adopted ? "adopté" : "rejeté", r->outcome.unanimous ? " à l'unanimité" : "");
  return 0;
}
