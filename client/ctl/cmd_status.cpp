// status: the session as the journal tells it (replayed into a domain
// Session): attendance, the current ballot and its counts; --json for scripts.
#include <fmt/format.h>

#include "client/ctl/ctl.hpp"
#include "client/record/french.hpp"
#include "domain/majority.hpp"

namespace scrutin::ctl {

std::string result_summary(const Session& s, const Ballot& b) {
  if (b.round > 0) return round_summary(s, b);
  const MajorityCheck m = check_majority(b.majority, b.majority_base, s.rules().weighted, b.tally);
  const Outcome& o = b.outcome;
  std::string outcome = o.adopted ? "adopted" : "rejected";
  if (o.casting_vote_decided) outcome += " on the president's casting vote (tie)";
  else if (o.adopted && o.unanimous) outcome += " unanimously";
  else if (!o.adopted && m.no_vote_expressed()) outcome += ": no vote expressed";
  else if (!o.adopted && m.tie()) outcome += " (tie)";
  auto counts = [](const Counts& n) {
    return fmt::format("voters {}, expressed {}, pour {}, contre {}, abstentions {}, not taking part {}", n.voters,
                       n.expressed(), n.pour, n.contre, n.abstentions, n.not_taking_part);
  };
  std::string line = outcome + " — ";
  if (m.weighted)
    line += fmt::format("weights: {}; heads: {}", counts(b.tally.weighted), counts(b.tally.heads));
  else
    line += counts(b.tally.heads);
  return line + " — " + record::fr::majority_line(m, o);
}

namespace {

struct BallotLine {
  const Ballot* ballot;
  Tally tally;         // live while open, final once closed
  std::int64_t cast;   // voices that voted so far
  MajorityCheck check; // on `tally`
};

BallotLine describe(const Session& s, const Ballot& b) {
  // A secret ballot's counts are shown only once it is closed (as on the displays).
  const bool hidden = b.mode == BallotMode::Secret && !b.closed;
  BallotLine l{&b, b.closed ? b.tally : (hidden ? Tally{} : count(s, b)), 0, {}};
  l.check = check_majority(b.majority, b.majority_base, s.rules().weighted, l.tally);
  l.cast = b.mode == BallotMode::Secret ? static_cast<std::int64_t>(b.secret_voted.size())
                                        : static_cast<std::int64_t>(b.casts.size());
  return l;
}

std::string attendance_json(const AttendanceSnapshot& a) {
  const auto titulars = a.present_titulars.size();
  std::string not_exercised;
  for (const Proxy& p : a.not_exercised)
    not_exercised += fmt::format("{}{{\"mandant\": {}, \"holder\": {}}}", not_exercised.empty() ? "" : ", ",
                                 json_string(p.mandant), json_string(p.holder));
  const auto substitutes = a.sitting_substitutes.size();
  return fmt::format(
      "{{\"in_office\": {}, \"present_titulars\": {}, \"substitutes\": {}, \"present\": {}, \"represented\": {}, "
      "\"excused\": {}, \"absent\": {}, \"interested\": {}, \"quorum_present\": {}, \"quorum_required\": {}, "
      "\"quorum_met\": {}, \"proxies_not_exercised\": [{}]}}",
      a.in_office, titulars, substitutes, titulars + substitutes, a.represented.size(), a.excused_absent.size(),
      a.absent.size(), a.interested.size(), a.quorum_present, a.quorum_required, a.quorum_met, not_exercised);
}

std::string ballot_json(const BallotLine& l) {
  const Ballot& b = *l.ballot;
  const Counts& n = l.tally.heads;
  const Counts& w = l.tally.weighted;
  return fmt::format(
      "{{\"item\": {}, \"mode\": {}, \"open\": {}, \"closed\": {}, \"expected\": {}, \"cast\": {}, "
      "\"voters\": {}, \"expressed\": {}, \"pour\": {}, \"contre\": {}, \"abstentions\": {}, \"not_taking_part\": {}, "
      "\"weighted\": {{\"voters\": {}, \"expressed\": {}, \"pour\": {}, \"contre\": {}, \"abstentions\": {}, "
      "\"not_taking_part\": {}}}, "
      "\"adopted\": {}, \"unanimous\": {}, \"casting_vote_decided\": {}, \"tie\": {}, \"majority\": {}, "
      "\"majority_base\": {}, \"majority_needed\": {}, \"result\": {}, \"attendance\": {}}}",
      json_string(b.item), json_string(to_string(b.mode)), !b.closed, b.closed, b.voices.size(), l.cast, n.voters,
      n.expressed(), n.pour, n.contre, n.abstentions, n.not_taking_part, w.voters, w.expressed(), w.pour, w.contre,
      w.abstentions, w.not_taking_part, b.closed && b.outcome.adopted, b.closed && b.outcome.unanimous,
      b.closed && b.outcome.casting_vote_decided, b.closed && b.outcome.tie,
      json_string(fmt::format("{}/{}", b.majority.num, b.majority.den)),
      json_string(b.majority_base == MajorityBase::Expressed ? "expressed" : "cast"), l.check.needed,
      b.closed ? json_string(record::fr::majority_line(l.check, b.outcome)) : std::string("null"),
      attendance_json(b.snapshot));
}

// The ballot to show: the open one, else the last one opened in agenda order.
const Ballot* current_ballot(const Session& s) {
  if (const Ballot* b = s.open_ballot()) return b;
  const Ballot* last = nullptr;
  for (const auto& item : s.agenda())
    if (const Ballot* b = s.ballot(item.id)) last = b;
  return last;
}

int run_status(Context& ctx) {
  auto c = connect_reader(ctx);
  if (!c) return fail(c.error());
  client::Mirror mirror;
  if (auto r = mirror.sync(**c, ctx.timeout()); !r) return fail(r.error());
  const Session& s = mirror.session();
  // The server pushes its room view on login: it says whether the journal can be written.
  std::string journal_problem, failed_logins, rollback;
  while (auto push = (*c)->take_push())
    if (push->has_room_view()) {
      journal_problem = push->room_view().journal_problem();
      rollback = push->room_view().journal_rollback();
      failed_logins.clear();
      for (const auto& f : push->room_view().failed_logins())
        failed_logins += fmt::format("{}{} ({})", failed_logins.empty() ? "" : ", ", f.source(), f.failures());
    }
  const ItemId next_item = s.open_ballot() ? s.open_ballot()->item : (s.agenda().empty() ? ItemId() : s.agenda().back().id);
  const AttendanceSnapshot now = s.attendance_for(next_item);
  const Ballot* current = current_ballot(s);

  if (ctx.has("json")) {
    std::string ballots;
    for (const auto& item : s.agenda())
      if (const Ballot* b = s.ballot(item.id)) ballots += (ballots.empty() ? "" : ", ") + ballot_json(describe(s, *b));
    std::string out = fmt::format(
        "{{\"configured\": {}, \"body\": {}, \"date\": {}, \"rules\": {}, \"journal_seq\": {}, \"members\": {}, "
        "\"items\": {}, \"attendance\": {}, \"ballot\": {}, \"ballots\": [{}], \"journal_problem\": {}, \"journal_rollback\": {}}}",
        s.configured(), json_string(s.info().body), json_string(s.info().date), json_string(s.rules().name),
        mirror.head_seq(), s.roster().size(), s.agenda().size(), attendance_json(now),
        current ? ballot_json(describe(s, *current)) : std::string("null"), ballots,
        journal_problem.empty() ? std::string("null") : json_string(journal_problem),
        rollback.empty() ? std::string("null") : json_string(rollback));
    return ok(out);
  }
  std::string alarm;
  // The journal lost entries the server had acknowledged before its last stop: said first, loudly.
  if (!rollback.empty())
    alarm += fmt::format("JOURNAL ROLLBACK: {}.\n", rollback);
  if (!journal_problem.empty())
    alarm += fmt::format(
        "JOURNAL UNAVAILABLE: {}. Nothing new is recorded; the server keeps retrying and refuses every change "
        "until the journal can be written (free space, permissions, another program holding the file).\n",
        journal_problem);

  if (!s.configured())
    return ok(alarm + fmt::format("session not configured yet (journal seq {})", mirror.head_seq()));
  std::string out = alarm + fmt::format("{}, {} — {} members, {} items, rules: {} (journal seq {})\n", s.info().body,
                                s.info().date, s.roster().size(), s.agenda().size(), s.rules().name, mirror.head_seq());
  out += fmt::format(
      "attendance: {} in office, {} present ({} titulars + {} substitutes), {} represented, {} excused, {} absent; "
      "quorum {} of {} required: {}\n",
      now.in_office, now.present_titulars.size() + now.sitting_substitutes.size(), now.present_titulars.size(),
      now.sitting_substitutes.size(), now.represented.size(), now.excused_absent.size(), now.absent.size(),
      now.quorum_present, now.quorum_required, now.quorum_met ? "met" : "not met");
  if (!current) {
    out += "ballot: none opened yet";
  } else {
    const auto l = describe(s, *current);
    const Counts& n = l.tally.heads;
    const bool hide = current->mode == BallotMode::Secret && !current->closed;
    out += fmt::format("ballot on {} ({}): {}, {} of {} voices cast", current->item, to_string(current->mode),
                       current->closed ? "closed" : "open", l.cast, current->voices.size());
    if (!hide)
      out += fmt::format(" — voters {}, expressed {}, pour {}, contre {}, abstentions {}, not taking part {}", n.voters,
                         n.expressed(), n.pour, n.contre, n.abstentions, n.not_taking_part);
    if (current->closed) out += "; " + result_summary(s, *current);
    else
      out += fmt::format("; {} required", record::fr::majority_words(current->majority, current->majority_base));
  }
  // Side effects of attendance on the next vote: proxies that will not be exercised.
  if (!now.not_exercised.empty()) {
    std::vector<std::string> ps;
    for (const Proxy& p : now.not_exercised) {
      const bool interested = s.interested(next_item).contains(p.holder) || s.interested(next_item).contains(p.mandant);
      ps.push_back(fmt::format("{} to {} ({})", p.mandant, p.holder,
                               interested ? "interested in the item" : "holder away"));
    }
    out += fmt::format("\nproxies not exercised{}: {}", next_item.empty() ? "" : " on " + next_item, fmt::join(ps, ", "));
  }
  for (const CancelledBallot& c : s.cancelled())
    out += fmt::format("\ncancelled ballot on {}: {}", c.item, c.reason);
  if (!failed_logins.empty()) out += "\nfailed logins in the last hour, by device: " + failed_logins;
  return ok(out);
}

const Register status{{
    .name = "status",
    .summary = "the session: attendance, the current ballot and its counts",
    .help = "Reads the whole journal from the server and replays it (clerk passphrase, or --data DIR for the\n"
            "display token). --json prints one JSON object: attendance now, the current ballot, every ballot.",
    .options = {{"json", "", "print JSON"}},
    .run = run_status,
}};

}  // namespace
}  // namespace scrutin::ctl
