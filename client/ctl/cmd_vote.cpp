// Voting as a delegate: log in with member id + PIN and cast one voice.
#include <cstdlib>

#include <fmt/format.h>

#include "client/ctl/ctl.hpp"

namespace scrutin::ctl {
namespace {

int run_vote(Context& ctx) {
  auto choice = parse_choice(ctx.args[2]);
  if (!choice) return usage(choice.error());
  auto member = ctx.get("member");
  if (!member) return usage("vote needs --member ID (who logs in: the voice itself or its proxy holder)");
  std::optional<std::string> pin = ctx.get("pin");
  if (!pin) {
    if (const char* env = std::getenv("SCRUTIN_PIN"); env && *env) pin = env;
  }
  if (!pin) return usage("vote needs --pin PIN (or SCRUTIN_PIN)");
  auto c = connect_delegate(ctx, *member, *pin);
  if (!c) return fail(c.error());
  auto receipt = (*c)->vote(ctx.args[0], ctx.args[1], *choice, ctx.timeout());
  if (!receipt) return fail(receipt.error());
  return ok(fmt::format("vote {}: {}, voice {}: {} (journal seq {})", receipt->repeat() ? "already recorded" : "recorded",
                        receipt->item(), receipt->voice(), ctx.args[2], receipt->journal_seq()));
}

const Register vote{{
    .name = "vote",
    .args = "ITEM VOICE pour|contre|abstention|npp",
    .summary = "vote as a delegate (VOICE: yourself, or a mandant whose proxy you hold)",
    .help = "Logs in as --member with its PIN. The receipt comes once the vote is on the server's disk;\n"
            "sending the same vote again is answered \"already recorded\" and never counted twice. A different\n"
            "vote on a ballot that does not allow changes (every secret ballot) is refused: the first vote stands.",
    .options = {{"member", "ID", "who votes (logs in)"}, {"pin", "PIN", "its 6-digit PIN; or SCRUTIN_PIN"}},
    .min_args = 3,
    .max_args = 3,
    .run = run_vote,
}};

}  // namespace
}  // namespace scrutin::ctl
