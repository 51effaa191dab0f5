// The clerk's lists and corrections: roster list|edit|remove, pin reset,
// item list|edit|remove, proxy list, who-voted, and the projector's screen.
// Lists read the journal's mirror (client/lib/lists.hpp, as the console does);
// corrections are domain commands journalled like any other.
#include <ctime>
#include <fmt/format.h>

#include "client/ctl/ctl.hpp"
#include "client/lib/lists.hpp"
#include "proto/convert.hpp"

namespace scrutin::ctl {
namespace {

std::expected<client::Mirror, client::Error> mirror_of(Context& ctx, client::Client& c) {
  client::Mirror m;
  if (auto r = m.sync(c, ctx.timeout()); !r) return std::unexpected(r.error());
  return m;
}

std::string name_of(const Session& s, const MemberId& id) {
  const Member* m = s.member(id);
  return m ? m->name : id;
}

std::string clock(Millis at) {
  if (at == 0) return "";
  const std::time_t t = static_cast<std::time_t>(at / 1000);
  std::tm local{};
  localtime_r(&t, &local);
  return fmt::format("{:02}:{:02}", local.tm_hour, local.tm_min);
}

// Reads a text from FILE (statement of reasons, decision): .txt or .md as written.
std::expected<std::string, std::string> text_from(Context& ctx, const std::string& option) {
  if (auto f = ctx.get(option)) return read_file(*f);
  return std::string();
}

// ---- roster -----------------------------------------------------------------------------

int run_roster_list(Context& ctx) {
  auto c = connect_reader(ctx);
  if (!c) return fail(c.error());
  auto m = mirror_of(ctx, **c);
  if (!m) return fail(m.error());
  const Session& s = m->session();
  const bool json = ctx.has("json");
  std::string out = json ? "[" : "";
  bool first = true;
  for (const client::RosterLine& l : client::roster_lines(s)) {
    const Member& mb = *l.member;
    const std::string kind = mb.kind == MemberKind::Substitute ? "substitute" : "titular";
    if (json) {
      out += fmt::format(
          "{}{{\"id\": {}, \"name\": {}, \"group\": {}, \"kind\": {}, \"substitute_of\": {}, \"weight\": {}, "
          "\"presence\": {}, \"holder\": {}, \"arrived\": {}, \"left\": {}, \"took_part\": {}}}",
          first ? "" : ", ", json_string(mb.id), json_string(mb.name), json_string(mb.group), json_string(kind),
          json_string(mb.substitute_of), mb.weight, json_string(to_string(l.presence)), json_string(l.holder), l.arrived,
          l.left, l.took_part);
    } else {
      out += fmt::format("{}{}\t{}\t{}\t{}{}\t{}", first ? "" : "\n", mb.id, mb.name, mb.group, kind,
                         mb.substitute_of.empty() ? "" : " of " + mb.substitute_of, to_string(l.presence));
      if (!l.holder.empty()) out += " by " + l.holder;
      if (l.arrived) out += " arrived " + clock(l.arrived);
      if (l.left) out += " left " + clock(l.left);
      if (s.rules().weighted) out += fmt::format(" weight {}", mb.weight);
    }
    first = false;
  }
  if (json) return ok(out + "]");
  if (first) return ok("the roster is empty");
  return ok(out);
}

const Register roster_list{{
    .name = "roster list",
    .summary = "the members: id, name, group, titular/substitute, present/represented/excused/absent, times",
    .options = {{"json", "", "print JSON"}},
    .run = run_roster_list,
}};

int run_roster_edit(Context& ctx) {
  auto c = connect_clerk(ctx);
  if (!c) return fail(c.error());
  auto m = mirror_of(ctx, **c);
  if (!m) return fail(m.error());
  const Member* current = m->session().member(ctx.args[0]);
  if (!current) return fail(fmt::format("Aucun membre n'a l'identifiant {} dans la liste.", ctx.args[0]));
  Member edited = *current;
  if (auto v = ctx.get("name")) edited.name = *v;
  if (auto v = ctx.get("group")) edited.group = *v;
  if (auto v = ctx.get("birth-date")) edited.birth_date = *v;
  if (auto v = ctx.get("kind")) {
    if (*v == "titular" || *v == "titulaire") edited.kind = MemberKind::Titular, edited.substitute_of.clear();
    else if (*v == "substitute" || *v == "suppleant" || *v == "suppléant") edited.kind = MemberKind::Substitute;
    else return usage(fmt::format("--kind {}: titular or substitute", *v));
  }
  if (auto v = ctx.get("substitute-of")) edited.substitute_of = *v;
  if (auto v = ctx.get("weight")) {
    try {
      edited.weight = std::stoll(*v);
    } catch (...) {
      return usage("--weight takes a number");
    }
  }
  pb::Command cmd;
  *cmd.mutable_edit_member()->mutable_member() = to_pb(edited);
  auto done = run_command(ctx, **c, cmd);
  if (!done) return fail(done.error());
  return ok(fmt::format("member {} {} ({}journal seq {})", edited.id, done->repeat() ? "unchanged" : "edited",
                        done->repeat() ? "nothing to change, " : "", done->journal_seq()));
}

const Register roster_edit{{
    .name = "roster edit",
    .args = "ID",
    .summary = "correct a member (journalled); only the fields given change",
    .help = "A member who took part in a ballot can be edited, never removed. Titular/substitute cannot\n"
            "change once a ballot was opened; a weight not while a ballot is open.",
    .options = {{"name", "TEXT", "name as printed in the register"},
                {"group", "TEXT", "commune or group"},
                {"kind", "KIND", "titular or substitute"},
                {"substitute-of", "ID", "the titular a substitute replaces"},
                {"weight", "N", "vote weight"},
                {"birth-date", "DATE", "ISO date"}},
    .min_args = 1,
    .max_args = 1,
    .run = run_roster_edit,
}};

int simple_command(Context& ctx, const pb::Command& cmd, const std::string& line) {
  auto c = connect_clerk(ctx);
  if (!c) return fail(c.error());
  auto done = run_command(ctx, **c, cmd);
  if (!done) return fail(done.error());
  return ok(fmt::format("{} (journal seq {})", line, done->journal_seq()));
}

const Register roster_remove{{
    .name = "roster remove",
    .args = "ID",
    .summary = "remove a member who never took part in a ballot (journalled); his PIN stops working",
    .min_args = 1,
    .max_args = 1,
    .run = [](Context& ctx) {
      pb::Command cmd;
      cmd.mutable_remove_member()->set_member(ctx.args[0]);
      return simple_command(ctx, cmd, fmt::format("member {} removed", ctx.args[0]));
    },
}};

int run_pin_reset(Context& ctx) {
  auto c = connect_clerk(ctx);
  if (!c) return fail(c.error());
  pb::Command cmd;
  cmd.mutable_reset_pin()->set_member(ctx.args[0]);
  auto done = run_command(ctx, **c, cmd);
  if (!done) return fail(done.error());
  if (done->pins_size() != 1) return fail("the server did not return the new PIN");
  const std::string& pin = done->pins(0).pin();
  if (auto out = ctx.get("out")) {
    if (auto r = write_file(*out, fmt::format("id,pin\n{},{}\n", ctx.args[0], pin), true); !r) return fail(r.error());
    return ok(fmt::format("new PIN of {} written to {} (shown once; the member's tablets were signed out; journal seq {})",
                          ctx.args[0], *out, done->journal_seq()));
  }
  return ok(fmt::format("new PIN of {}: {} (shown once; the member's tablets were signed out; journal seq {})",
                        ctx.args[0], pin, done->journal_seq()));
}

const Register pin_reset{{
    .name = "pin reset",
    .args = "ID",
    .summary = "give a member a new PIN (shown once); his open tablet sessions are closed",
    .options = {{"out", "FILE.csv", "write the PIN there (mode 0600) instead of printing it"}},
    .min_args = 1,
    .max_args = 1,
    .run = run_pin_reset,
}};

// ---- agenda -----------------------------------------------------------------------------

int run_item_list(Context& ctx) {
  auto c = connect_reader(ctx);
  if (!c) return fail(c.error());
  auto m = mirror_of(ctx, **c);
  if (!m) return fail(m.error());
  const Session& s = m->session();
  const bool json = ctx.has("json");
  std::string out = json ? "[" : "";
  bool first = true;
  for (const Item& i : s.agenda()) {
    const Ballot* b = s.ballot(i.id);
    const std::string state = !b ? (s.put_to_vote(i.id) ? "cancelled" : "pending")
                              : !b->closed ? "open"
                              : b->outcome.adopted ? "adopted" : "rejected";
    if (json)
      out += fmt::format("{}{{\"id\": {}, \"title\": {}, \"rapporteur\": {}, \"matter_code\": {}, \"state\": {}, "
                         "\"interested\": {}, \"editable\": {}}}",
                         first ? "" : ", ", json_string(i.id), json_string(i.title), json_string(i.rapporteur),
                         json_string(i.matter_code), json_string(state), s.interested(i.id).size(),
                         s.ballot(i.id) == nullptr);
    else
      out += fmt::format("{}{}\t{}\t{}\t{}", first ? "" : "\n", i.id, i.title,
                         i.rapporteur.empty() ? "-" : name_of(s, i.rapporteur), state);
    first = false;
  }
  if (json) return ok(out + "]");
  if (first) return ok("the agenda is empty");
  return ok(out);
}

const Register item_list{{
    .name = "item list",
    .summary = "the agenda: number, title, rapporteur, pending/open/adopted/rejected",
    .options = {{"json", "", "print JSON"}},
    .run = run_item_list,
}};

int run_item_edit(Context& ctx) {
  auto c = connect_clerk(ctx);
  if (!c) return fail(c.error());
  auto m = mirror_of(ctx, **c);
  if (!m) return fail(m.error());
  const Item* current = m->session().item(ctx.args[0]);
  if (!current) return fail(fmt::format("Aucun point {} à l'ordre du jour.", ctx.args[0]));
  Item edited = *current;
  struct Field { const char* name; std::string Item::*field; };
  for (const Field& f : {Field{"title", &Item::title}, Field{"rapporteur", &Item::rapporteur},
                         Field{"rapporteur-title", &Item::rapporteur_title}, Field{"text", &Item::text},
                         Field{"decision", &Item::decision}, Field{"nature", &Item::nature},
                         Field{"matter-code", &Item::matter_code}, Field{"matter-name", &Item::matter_name}})
    if (auto v = ctx.get(f.name)) edited.*f.field = *v;
  for (auto [option, field] : {std::pair{"text-file", &Item::text}, std::pair{"decision-file", &Item::decision}}) {
    auto t = text_from(ctx, option);
    if (!t) return fail(t.error());
    if (ctx.has(option)) edited.*field = *t;
  }
  pb::Command cmd;
  *cmd.mutable_edit_item()->mutable_item() = to_pb(edited);
  auto done = run_command(ctx, **c, cmd);
  if (!done) return fail(done.error());
  return ok(fmt::format("item {} {} (journal seq {})", edited.id, done->repeat() ? "unchanged" : "edited",
                        done->journal_seq()));
}

const Register item_edit{{
    .name = "item edit",
    .args = "ID",
    .summary = "correct an item until it is put to the vote (journalled); only the fields given change",
    .options = {{"title", "TEXT", "its title"},
                {"rapporteur", "ID", "member id of the rapporteur"},
                {"rapporteur-title", "TEXT", "\"Vice-Président\""},
                {"text", "TEXT", "the statement of reasons"},
                {"text-file", "FILE", "the statement of reasons from a .txt or .md file"},
                {"decision", "TEXT", "the operative part"},
                {"decision-file", "FILE", "the operative part from a .txt or .md file"},
                {"nature", "CODE", "ACTES nature code"},
                {"matter-code", "CODE", "SCDL matter code"},
                {"matter-name", "TEXT", "SCDL matter name"}},
    .min_args = 1,
    .max_args = 1,
    .run = run_item_edit,
}};

const Register item_remove{{
    .name = "item remove",
    .args = "ID",
    .summary = "remove an item not yet put to the vote (journalled)",
    .min_args = 1,
    .max_args = 1,
    .run = [](Context& ctx) {
      pb::Command cmd;
      cmd.mutable_remove_item()->set_item(ctx.args[0]);
      return simple_command(ctx, cmd, fmt::format("item {} removed", ctx.args[0]));
    },
}};

// ---- proxies and votes -------------------------------------------------------------------

const char* why(client::ProxyState state) {
  switch (state) {
    case client::ProxyState::Exercised: return "exercised";
    case client::ProxyState::HolderAway: return "not exercised: holder away";
    case client::ProxyState::Interested: return "not exercised: interest declared in the item";
    case client::ProxyState::MandantPresent: return "not used: the mandant is present";
  }
  return "?";
}

int run_proxy_list(Context& ctx) {
  auto c = connect_reader(ctx);
  if (!c) return fail(c.error());
  auto m = mirror_of(ctx, **c);
  if (!m) return fail(m.error());
  const Session& s = m->session();
  const auto lines = client::proxy_lines(s);
  const ItemId item = client::next_item(s);
  if (ctx.has("json")) {
    std::string out = "[";
    for (const auto& l : lines)
      out += fmt::format("{}{{\"mandant\": {}, \"holder\": {}, \"sessions\": {}, \"state\": {}, \"item\": {}}}",
                         out.size() > 1 ? ", " : "", json_string(l.proxy.mandant), json_string(l.proxy.holder),
                         l.proxy.sessions, json_string(why(l.state)), json_string(item));
    return ok(out + "]");
  }
  if (lines.empty()) return ok("no proxy registered");
  std::string out;
  for (const auto& l : lines)
    out += fmt::format("{}{} ({}) to {} ({}): {}{}", out.empty() ? "" : "\n", l.proxy.mandant,
                       name_of(s, l.proxy.mandant), l.proxy.holder, name_of(s, l.proxy.holder), why(l.state),
                       item.empty() ? "" : " on item " + item);
  return ok(out);
}

const Register proxy_list{{
    .name = "proxy list",
    .summary = "the proxies, and which are not exercised on the next vote and why",
    .options = {{"json", "", "print JSON"}},
    .run = run_proxy_list,
}};

int run_who_voted(Context& ctx) {
  auto c = connect_reader(ctx);
  if (!c) return fail(c.error());
  auto m = mirror_of(ctx, **c);
  if (!m) return fail(m.error());
  const Session& s = m->session();
  if (!s.item(ctx.args[0])) return fail(fmt::format("No item {} on the agenda.", ctx.args[0]));
  auto board = client::voice_board(s, ctx.args[0]);
  if (!board) return fail(fmt::format("Item {} has not been put to the vote.", ctx.args[0]));
  auto line = [&](const client::VoiceLine& l) {
    std::string t = fmt::format("{} ({})", l.voice, name_of(s, l.voice));
    if (l.holder != l.voice) t += fmt::format(" through {}", l.holder);
    if (l.choice) t += std::string(": ") + to_string(*l.choice);
    if (l.by_clerk) t += " [entered by the clerk]";
    return t;
  };
  if (ctx.has("json")) {
    auto list = [&](const std::vector<client::VoiceLine>& ls) {
      std::string o;
      for (const auto& l : ls)
        o += fmt::format("{}{{\"voice\": {}, \"holder\": {}, \"by_clerk\": {}{}}}", o.empty() ? "" : ", ",
                         json_string(l.voice), json_string(l.holder), l.by_clerk,
                         l.choice ? ", \"choice\": " + json_string(to_string(*l.choice)) : std::string());
      return "[" + o + "]";
    };
    std::string npp;
    for (const auto& id : board->not_taking_part) npp += (npp.empty() ? "" : ", ") + json_string(id);
    return ok(fmt::format("{{\"item\": {}, \"secret\": {}, \"closed\": {}, \"voted\": {}, \"not_yet\": {}, "
                          "\"not_taking_part\": [{}]}}",
                          json_string(board->item), board->secret, board->closed, list(board->voted),
                          list(board->not_yet), npp));
  }
  std::string out = fmt::format("item {} ({}{}): {} voted, {} not yet, {} not taking part", board->item,
                                board->secret ? "secret: who voted, never what" : "public",
                                board->closed ? ", closed" : "", board->voted.size(), board->not_yet.size(),
                                board->not_taking_part.size());
  for (const auto& l : board->voted) out += "\nvoted: " + line(l);
  for (const auto& l : board->not_yet) out += "\nnot yet: " + line(l);
  for (const auto& id : board->not_taking_part) out += fmt::format("\nnot taking part: {} ({})", id, name_of(s, id));
  return ok(out);
}

const Register who_voted{{
    .name = "who-voted",
    .args = "ITEM",
    .summary = "the voices of a ballot: voted (with the choice when public), not yet, not taking part",
    .options = {{"json", "", "print JSON"}},
    .min_args = 1,
    .max_args = 1,
    .run = run_who_voted,
}};

// ---- projector -----------------------------------------------------------------------------

int run_projector(Context& ctx) {
  static const std::pair<const char*, pb::ProjectorScreen> kScreens[] = {
      {"auto", pb::PROJECTOR_AUTO},         {"welcome", pb::PROJECTOR_WELCOME}, {"attendance", pb::PROJECTOR_ATTENDANCE},
      {"ballot", pb::PROJECTOR_BALLOT},     {"result", pb::PROJECTOR_RESULT},   {"names", pb::PROJECTOR_NAMES},
      {"message", pb::PROJECTOR_MESSAGE}};
  pb::ClientMessage m;
  auto* show = m.mutable_projector_show();
  bool known = false;
  for (const auto& [name, screen] : kScreens)
    if (ctx.args[0] == name) show->set_screen(screen), known = true;
  if (!known) return usage(fmt::format("projector {}: auto, welcome, attendance, ballot, result, names or message", ctx.args[0]));
  if (show->screen() == pb::PROJECTOR_MESSAGE) {
    auto text = ctx.get("text");
    if (!text || text->empty()) return usage("projector message needs --text \"the message\"");
    show->set_message(*text);
  }
  auto c = connect_clerk(ctx);
  if (!c) return fail(c.error());
  auto answer = (*c)->call(std::move(m), ctx.timeout());
  if (!answer) return fail(answer.error());
  if (answer->has_refused()) return fail(client::refusal(answer->refused()));
  return ok(fmt::format("the projector shows: {}", ctx.args[0]));
}

const Register projector{{
    .name = "projector",
    .args = "SCREEN",
    .summary = "what scrutin-display shows: auto, welcome, attendance, ballot, result, names, message --text T",
    .help = "auto (the default) follows the session: agenda between ballots, the ballot while open, then its\n"
            "result. Opening or closing a ballot puts the projector back on auto.",
    .options = {{"text", "TEXT", "the short message (280 bytes at most)"}},
    .min_args = 1,
    .max_args = 1,
    .run = run_projector,
}};

}  // namespace
}  // namespace scrutin::ctl
