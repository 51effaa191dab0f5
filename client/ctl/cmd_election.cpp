// Elections of persons (CGCT L2122-7, L2121-21): the election item, its
// candidates, its rounds, a ballot cast by a delegate or entered by the clerk
// (paper ballots, spoilt ones included), and a designation without ballot.
// Each subcommand is one domain Command; `election close` prints the round.
#include <cstdlib>
#include <fmt/format.h>

#include "client/ctl/ctl.hpp"
#include "domain/session.hpp"
#include "proto/convert.hpp"

namespace scrutin::ctl {

std::string round_summary(const Session& s, const Ballot& b) {
  const RoundResult& r = b.result;
  auto name = [&](const std::string& id) {
    const Candidate* c = s.candidate(b.item, id);
    return c ? c->name : id;
  };
  std::vector<std::string> votes;
  for (const CandidateVotes& v : r.votes) votes.push_back(fmt::format("{} {}", name(v.candidate), v.votes));
  std::string line = fmt::format("round {}: voters {}, ballots cast {}, blank {}, spoilt {}, expressed {}, ", r.round,
                                 r.voters, r.papers, r.blank, r.spoilt, r.expressed());
  line += r.relative ? std::string("relative majority") : fmt::format("absolute majority {}", r.majority_needed);
  line += fmt::format(" — {}", fmt::join(votes, ", "));
  std::vector<std::string> elected;
  for (const std::string& id : r.elected)
    elected.push_back(name(id) + (std::ranges::find(r.elected_by_age, id) != r.elected_by_age.end() ? " (the oldest)" : ""));
  if (!elected.empty()) line += fmt::format(" — elected: {}", fmt::join(elected, ", "));
  if (r.another_round) {
    const Item* item = s.item(b.item);
    const bool next_relative = item && r.round + 1 > item->election_rules.absolute_rounds;
    line += fmt::format(" — {} seat{} left: round {} needed, at {} majority", r.seats - static_cast<int>(r.elected.size()),
                        r.seats - static_cast<int>(r.elected.size()) > 1 ? "s" : "", r.round + 1,
                        next_relative ? "relative" : "absolute");
  } else if (static_cast<int>(r.elected.size()) < r.seats) {
    line += " — the last round is held: seats left unfilled";
  }
  return line;
}

namespace {

std::string seq_note(const pb::Done& d) {
  return d.repeat() ? fmt::format("already recorded, journal seq {}", d.journal_seq())
                    : fmt::format("journal seq {}", d.journal_seq());
}

int simple(Context& ctx, const pb::Command& command, const std::string& line) {
  auto c = connect_clerk(ctx);
  if (!c) return fail(c.error());
  auto done = run_command(ctx, **c, command);
  if (!done) return fail(done.error());
  return ok(fmt::format("{} ({})", line, seq_note(*done)));
}

// "M03 M07", "blanc" / "blank", or (clerk only) "nul" / "spoilt".
std::expected<pb::ElectionPaper, std::string> parse_paper(const std::vector<std::string>& words, bool clerk) {
  pb::ElectionPaper p;
  if (words.size() == 1 && (words[0] == "blanc" || words[0] == "blank")) {
    p.set_blank(true);
  } else if (words.size() == 1 && (words[0] == "nul" || words[0] == "spoilt")) {
    if (!clerk) return std::unexpected(std::string("only the clerk enters a spoilt ballot (clerk-vote ... nul)"));
    p.set_spoilt(true);
  } else {
    for (const std::string& w : words) p.add_names(w);
  }
  return p;
}

std::string paper_words(const pb::ElectionPaper& p) {
  if (p.blank()) return "blank";
  if (p.spoilt()) return "spoilt";
  return fmt::format("{}", fmt::join(p.names(), " "));
}

int run_add(Context& ctx) {
  auto id = ctx.get("id");
  auto title = ctx.get("title");
  if (!id || !title) return usage("election add needs --id ITEM and --title TEXT");
  pb::Command c;
  auto* item = c.mutable_add_item()->mutable_item();
  item->set_id(*id);
  item->set_title(*title);
  item->set_nature("DE");
  if (auto r = ctx.get("rapporteur")) item->set_rapporteur(*r);
  if (auto d = ctx.get("decision")) item->set_decision(*d);
  if (auto t = ctx.get("text")) item->set_text(*t);
  int seats = 1;
  try {
    seats = std::stoi(ctx.get_or("seats", "1"));
  } catch (...) {
    return usage("--seats N: a number of seats, e.g. 1 or 4");
  }
  if (seats < 1) return usage("--seats N: at least one seat");
  item->set_election_seats(seats);
  const std::string rules = ctx.get_or("rules", "executive");
  if (rules == "executive") *item->mutable_election_rules() = to_pb(election_executive());
  else if (rules == "designation") *item->mutable_election_rules() = to_pb(election_designation());
  else return usage(fmt::format("--rules {}: executive (mayor, president, deputies) or designation", rules));
  return simple(ctx, c,
                fmt::format("election added: {} {} ({} seat{}, {})", *id, *title, seats, seats > 1 ? "s" : "",
                            item->election_rules().name()));
}

const Register add{{
    .name = "election add",
    .summary = "add an election of persons to the agenda",
    .help = "--rules executive: the mayor or president and deputies (L2122-7, L5211-2), always by secret ballot.\n"
            "--rules designation: delegates to outside bodies (L2121-21): may be public when the council so\n"
            "decides unanimously, and designated without ballot with one candidature per seat.\n"
            "Both: absolute majority of the expressed ballots in rounds 1 and 2, relative in round 3, and at\n"
            "equal votes the oldest is elected. Blank and spoilt ballots are counted, not expressed.",
    .options = {{"id", "ITEM", "the deliberation number"},
                {"title", "TEXT", "\"Élection du maire\""},
                {"seats", "N", "seats to fill (default 1); a ballot names up to N candidates"},
                {"rules", "RULES", "executive (default) or designation"},
                {"rapporteur", "MEMBER", "optional"},
                {"text", "TEXT", "optional"},
                {"decision", "TEXT", "optional"}},
    .run = run_add,
}};

int run_candidate(Context& ctx) {
  pb::Command c;
  auto* a = c.mutable_add_candidate();
  a->set_item(ctx.args[0]);
  a->mutable_candidate()->set_id(ctx.args[1]);
  if (auto n = ctx.get("name")) a->mutable_candidate()->set_name(*n);
  if (auto b = ctx.get("born")) a->mutable_candidate()->set_birth_date(*b);
  return simple(ctx, c, fmt::format("candidate {} added to {}", ctx.args[1], ctx.args[0]));
}

const Register candidate{{
    .name = "election candidate",
    .args = "ITEM CANDIDATE",
    .summary = "add a candidate (a member id, or an id of your choice for a person from outside), between rounds",
    .help = "A member's name and birth date come from the roster (--born fills a missing one). A person from\n"
            "outside the council needs --name and --born: at equal votes the oldest is elected.",
    .options = {{"name", "TEXT", "the candidate's name (outside persons)"}, {"born", "YYYY-MM-DD", "birth date"}},
    .min_args = 2,
    .max_args = 2,
    .run = run_candidate,
}};

const Register withdraw{{
    .name = "election withdraw",
    .args = "ITEM CANDIDATE",
    .summary = "withdraw a candidate between rounds",
    .min_args = 2,
    .max_args = 2,
    .run = [](Context& ctx) {
      pb::Command c;
      c.mutable_withdraw_candidate()->set_item(ctx.args[0]);
      c.mutable_withdraw_candidate()->set_candidate(ctx.args[1]);
      return simple(ctx, c, fmt::format("candidate {} withdrawn from {}", ctx.args[1], ctx.args[0]));
    },
}};

int run_open(Context& ctx) {
  pb::Command c;
  auto* o = c.mutable_open_ballot();
  o->set_item(ctx.args[0]);
  const std::string mode = ctx.get_or("mode", "secret");
  if (mode == "secret") o->set_mode(pb::SECRET);
  else if (mode == "public") o->set_mode(pb::PUBLIC), o->set_allow_change(true);
  else return usage(fmt::format("--mode {}: secret (default) or public", mode));
  auto client = connect_clerk(ctx);
  if (!client) return fail(client.error());
  auto done = run_command(ctx, **client, c);
  if (!done) return fail(done.error());
  client::Mirror mirror;
  if (mirror.sync(**client, ctx.timeout()))
    if (const Ballot* b = mirror.session().ballot(ctx.args[0]); b && b->round > 0) {
      std::vector<std::string> names;
      for (const std::string& id : b->candidates)
        if (const Candidate* cand = mirror.session().candidate(b->item, id)) names.push_back(fmt::format("{} ({})", cand->name, id));
      const Item* item = mirror.session().item(b->item);
      const bool relative = item && b->round > item->election_rules.absolute_rounds;
      return ok(fmt::format("round {} open on {} ({}, {} seat{}, {} majority; {} voters): {} ({})", b->round, b->item, mode,
                            b->seats, b->seats > 1 ? "s" : "", relative ? "relative" : "absolute", b->voices.size(),
                            fmt::join(names, ", "), seq_note(*done)));
    }
  return ok(fmt::format("round open on {} ({})", ctx.args[0], seq_note(*done)));
}

const Register open{{
    .name = "election open",
    .args = "ITEM",
    .summary = "open the next round of an election (a fresh attendance snapshot)",
    .options = {{"mode", "MODE", "secret (default) or public (designations, by the council's unanimous decision)"}},
    .min_args = 1,
    .max_args = 1,
    .run = run_open,
}};

int run_close(Context& ctx) {
  auto c = connect_clerk(ctx);
  if (!c) return fail(c.error());
  pb::Command command;
  command.mutable_close_ballot()->set_item(ctx.args[0]);
  auto done = run_command(ctx, **c, command);
  if (!done) return fail(done.error());
  client::Mirror mirror;
  if (auto s = mirror.sync(**c, ctx.timeout()); !s) return ok(fmt::format("round closed on {} ({})", ctx.args[0], seq_note(*done)));
  const Ballot* b = mirror.session().ballot(ctx.args[0]);
  if (!b || !b->closed || b->round == 0) return ok(fmt::format("round closed on {} ({})", ctx.args[0], seq_note(*done)));
  return ok(fmt::format("round closed on {}: {} ({})", ctx.args[0], round_summary(mirror.session(), *b), seq_note(*done)));
}

const Register close{{
    .name = "election close",
    .args = "ITEM",
    .summary = "close the round and print it: who is elected, or that another round is needed",
    .min_args = 1,
    .max_args = 1,
    .run = run_close,
}};

int run_vote(Context& ctx) {
  auto member = ctx.get("member");
  if (!member) return usage("election vote needs --member ID (who logs in: the voice itself or its proxy holder)");
  std::optional<std::string> pin = ctx.get("pin");
  if (!pin)
    if (const char* env = std::getenv("SCRUTIN_PIN"); env && *env) pin = env;
  if (!pin) return usage("election vote needs --pin PIN (or SCRUTIN_PIN)");
  auto paper = parse_paper({ctx.args.begin() + 2, ctx.args.end()}, false);
  if (!paper) return usage(paper.error());
  auto c = connect_delegate(ctx, *member, *pin);
  if (!c) return fail(c.error());
  auto receipt = (*c)->vote(ctx.args[0], ctx.args[1], *paper, ctx.timeout());
  if (!receipt) return fail(receipt.error());
  return ok(fmt::format("ballot {}: {}, voice {}: {} (journal seq {})", receipt->repeat() ? "already recorded" : "recorded",
                        receipt->item(), receipt->voice(), paper_words(*paper), receipt->journal_seq()));
}

const Register vote{{
    .name = "election vote",
    .args = "ITEM VOICE CANDIDATE...|blanc",
    .summary = "cast a ballot as a delegate: up to N candidates, or blanc",
    .options = {{"member", "ID", "who votes (logs in)"}, {"pin", "PIN", "its 6-digit PIN; or SCRUTIN_PIN"}},
    .min_args = 3,
    .max_args = -1,
    .run = run_vote,
}};

int run_clerk_vote(Context& ctx) {
  auto paper = parse_paper({ctx.args.begin() + 2, ctx.args.end()}, true);
  if (!paper) return usage(paper.error());
  pb::Command c;
  auto* v = c.mutable_cast_vote();
  v->set_item(ctx.args[0]);
  v->set_voice(ctx.args[1]);
  v->set_by(ctx.get_or("for", ctx.args[1]));
  v->set_by_clerk(true);
  *v->mutable_paper() = *paper;
  return simple(ctx, c, fmt::format("ballot entered by the clerk: {}, voice {}", ctx.args[0], ctx.args[1]));
}

const Register clerk_vote{{
    .name = "election clerk-vote",
    .args = "ITEM VOICE CANDIDATE...|blanc|nul",
    .summary = "enter a paper ballot for a voice (a failed tablet, or paper ballots mixed in); nul: spoilt",
    .help = "The record says that the clerk entered a ballot for VOICE, never what it held. \"nul\" is a ballot the\n"
            "bureau judged spoilt: counted among the ballots cast, not expressed.",
    .options = {{"for", "MEMBER", "the member who handed it in (default: VOICE)"}},
    .min_args = 3,
    .max_args = -1,
    .run = run_clerk_vote,
}};

const Register designate{{
    .name = "election designate",
    .args = "ITEM",
    .summary = "designate without ballot (L2121-21): one candidature per seat, by the council's unanimous decision",
    .min_args = 1,
    .max_args = 1,
    .run = [](Context& ctx) {
      pb::Command c;
      c.mutable_designate_without_ballot()->set_item(ctx.args[0]);
      return simple(ctx, c, fmt::format("designated without ballot on {}", ctx.args[0]));
    },
}};

}  // namespace
}  // namespace scrutin::ctl
