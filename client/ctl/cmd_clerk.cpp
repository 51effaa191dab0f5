// The clerk's commands: session, roster, attendance, proxies, agenda, ballots,
// and a vote entered by the clerk. Each is a thin shell over one domain Command.
#include <algorithm>
#include <fmt/format.h>

#include "client/ctl/ctl.hpp"
#include "client/record/french.hpp"
#include "common/csv.hpp"
#include "domain/roster_csv.hpp"
#include "proto/convert.hpp"

namespace scrutin::ctl {
namespace {

std::string seq_note(const pb::Done& d) {
  return d.repeat() ? fmt::format("already recorded, journal seq {}", d.journal_seq())
                    : fmt::format("journal seq {}", d.journal_seq());
}

// Connects as clerk, sends one command, prints `line` + the journal seq.
int simple(Context& ctx, const pb::Command& command, const std::string& line) {
  auto c = connect_clerk(ctx);
  if (!c) return fail(c.error());
  auto done = run_command(ctx, **c, command);
  if (!done) return fail(done.error());
  return ok(fmt::format("{} ({})", line, seq_note(*done)));
}

// "\n" typed on a command line means a line break (addresses, decisions).
std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == 'n') {
      out.push_back('\n');
      ++i;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// ---- session configure --------------------------------------------------------------

struct InfoFlag {
  const char* name;
  void (pb::SessionInfo::*set)(const std::string&);
  const char* help;
};
const InfoFlag kInfoFlags[] = {
    {"body", &pb::SessionInfo::set_body, "the assembly: \"Conseil communautaire\""},
    {"body-name", &pb::SessionInfo::set_body_name, "the body's full name"},
    {"body-address", &pb::SessionInfo::set_body_address, "its address; \\n between lines"},
    {"siren", &pb::SessionInfo::set_siren, "9 digits (ACTES identifier)"},
    {"siret", &pb::SessionInfo::set_siret, "for open data"},
    {"department", &pb::SessionInfo::set_department, "3 digits, e.g. 063"},
    {"date", &pb::SessionInfo::set_date, "ISO date of the sitting"},
    {"time", &pb::SessionInfo::set_time, "\"18:30\""},
    {"place", &pb::SessionInfo::set_place, "where it sits"},
    {"convocation-date", &pb::SessionInfo::set_convocation_date, "ISO date"},
    {"president", &pb::SessionInfo::set_president, "member id of the president"},
    {"president-title", &pb::SessionInfo::set_president_title, "\"Président\""},
    {"secretary", &pb::SessionInfo::set_secretary, "member id of the secretary"},
    {"body-gender", &pb::SessionInfo::set_body_gender,
     "f or m: the body's grammatical gender (\"La commission ... s'est réunie\"); default: from its first word"},
};

std::vector<Option> configure_options() {
  std::vector<Option> o;
  for (const auto& f : kInfoFlags) o.push_back({f.name, "TEXT", f.help});
  o.push_back({"reconvened", "", "second convocation after a failed quorum: no quorum needed"});
  o.push_back({"seats", "N", "seats by law"});
  o.push_back({"rules", "PRESET", "french (default), french-2020, assembly or weighted"});
  o.push_back({"quorum", "FRACTION", "assembly/weighted: quorum (default 1/2)"});
  o.push_back({"quorum-at-least", "", "assembly: quorum reached at the fraction (default: more than)"});
  o.push_back({"majority", "FRACTION", "assembly/weighted: majority (default 1/2)"});
  o.push_back({"from", "FILE.json", "a ConfigureSession in protobuf JSON; flags given too override it"});
  return o;
}

int run_configure(Context& ctx) {
  // Only the fields given change: start from the session as the journal has
  // it (the event journalled is still the whole SessionInfo and RuleSet, so a
  // replay gives back exactly this).
  auto c = connect_clerk(ctx);
  if (!c) return fail(c.error());
  client::Mirror mirror;
  if (auto r = mirror.sync(**c, ctx.timeout()); !r) return fail(r.error());
  pb::ConfigureSession cs;
  std::vector<std::string> changed;
  if (mirror.session().configured()) {
    *cs.mutable_info() = to_pb(mirror.session().info());
    *cs.mutable_rules() = to_pb(mirror.session().rules());
  }
  if (auto from = ctx.get("from")) {
    pb::ConfigureSession file;
    if (auto r = read_json(*from, file); !r) return fail(r.error());
    cs.MergeFrom(file);
    changed.push_back(*from);
  }
  auto* info = cs.mutable_info();
  for (const auto& f : kInfoFlags)
    if (auto v = ctx.get(f.name)) {
      (info->*f.set)(unescape(*v));
      changed.push_back(f.name);
    }
  if (ctx.has("reconvened")) {
    info->set_reconvened(true);
    changed.push_back("reconvened");
  }
  // Checked here, whether given as a flag or in --from: the record is worded from them.
  if (!info->body_gender().empty()) {
    const std::string g = info->body_gender();
    if (g == "f" || g == "F" || g == "féminin") info->set_body_gender("f");
    else if (g == "m" || g == "M" || g == "masculin") info->set_body_gender("m");
    else return usage(fmt::format("--body-gender {}: f (la commission, l'assemblée) or m (le conseil, le comité)", g));
  }
  if (!info->time().empty()) {
    auto t = record::fr::normalise_time(info->time());
    if (!t) return usage(fmt::format("--time {}: a time of day, e.g. 18:30 or 9:05", info->time()));
    info->set_time(*t);
  }
  if (auto v = ctx.get("seats")) {
    try {
      info->set_seats(std::stoi(*v));
    } catch (...) {
      return usage("--seats takes a number");
    }
    changed.push_back("seats");
  }
  const bool fractions_given = ctx.has("quorum") || ctx.has("majority") || ctx.has("quorum-at-least");
  if (!ctx.has("rules") && cs.has_rules() && fractions_given) {
    // The current rules, with the fractions given.
    RuleSet rules = from_pb(cs.rules());
    for (auto [name, target] : {std::pair{"quorum", &rules.quorum}, std::pair{"majority", &rules.majority}}) {
      if (auto v = ctx.get(name)) {
        auto f = parse_fraction(*v);
        if (!f) return usage(f.error());
        *target = Fraction{f->num(), f->den()};
        changed.push_back(name);
      }
    }
    if (ctx.has("quorum-at-least")) {
      rules.quorum_strict = false;
      changed.push_back("quorum-at-least");
    }
    *cs.mutable_rules() = to_pb(rules);
  } else if (ctx.has("rules") || !cs.has_rules()) {
    if (ctx.has("rules")) changed.push_back("rules");
    const std::string preset = ctx.get_or("rules", "french");
    Fraction quorum{1, 2};
    Fraction majority{1, 2};
    for (auto [name, target] : {std::pair{"quorum", &quorum}, std::pair{"majority", &majority}}) {
      if (auto v = ctx.get(name)) {
        auto f = parse_fraction(*v);
        if (!f) return usage(f.error());
        *target = Fraction{f->num(), f->den()};
      }
    }
    RuleSet rules;
    if (preset == "french") rules = french_council();
    else if (preset == "french-2020") rules = french_council_2020_2022();
    else if (preset == "assembly") rules = general_assembly(quorum, !ctx.has("quorum-at-least"), majority);
    else if (preset == "weighted") rules = weighted_assembly(quorum, majority);
    else return usage(fmt::format("--rules {}: the presets are french, french-2020, assembly and weighted", preset));
    *cs.mutable_rules() = to_pb(rules);
  }
  pb::Command command;
  *command.mutable_configure_session() = cs;
  auto done = run_command(ctx, **c, command);
  if (!done) return fail(done.error());
  const std::string what = !mirror.session().configured() ? std::string()
                           : changed.empty()               ? "; nothing changed"
                                                           : fmt::format("; changed: {}, the rest kept", fmt::join(changed, ", "));
  return ok(fmt::format("session configured: {} {} ({}){} ({})", info->body(), info->date(), cs.rules().name(), what,
                        seq_note(*done)));
}

const Register configure{{
    .name = "session configure",
    .summary = "set the session: body, date, place, president, secretary, seats, rules",
    .help = "Every field of SessionInfo has a flag; --from FILE.json reads a ConfigureSession\n"
            "(protobuf JSON, e.g. {\"info\": {\"body\": \"Conseil\", \"seats\": 58}, \"rules\": {...}}).\n"
            "Only the fields given change; the others keep their current value. --quorum/--majority without\n"
            "--rules change the current rules' fractions. A sitting on a second convocation: session reconvene.",
    .options = configure_options(),
    .run = run_configure,
}};

// ---- session reconvene ----------------------------------------------------------------

int run_reconvene(Context& ctx) {
  auto date = ctx.get("date");
  if (!date || date->empty()) return usage("session reconvene needs --date (the new sitting's ISO date)");
  std::string time;
  if (auto t = ctx.get("time")) {
    auto normal = record::fr::normalise_time(*t);
    if (!normal) return usage(fmt::format("--time {}: a time of day, e.g. 18:30 or 9:05", *t));
    time = *normal;
  }
  pb::Command c;
  c.mutable_reconvene_session()->set_date(*date);
  c.mutable_reconvene_session()->set_time(time);
  return simple(ctx, c,
                fmt::format("session reconvened on {}{}: second convocation, no quorum required; body, president, "
                            "secretary, seats, roster and rules kept",
                            *date, time.empty() ? "" : " at " + time));
}

const Register reconvene{{
    .name = "session reconvene",
    .summary = "a sitting on a second convocation after a failed quorum: new date, no quorum required",
    .help = "Keeps everything else of the session (body, president, secretary, seats, roster, rules).\n"
            "Refused once a ballot has been opened.",
    .options = {{"date", "DATE", "ISO date of the new sitting (required)"}, {"time", "HH:MM", "its time"}},
    .run = run_reconvene,
}};

// ---- roster import --------------------------------------------------------------------

int run_roster_import(Context& ctx) {
  auto text = read_file(ctx.args[0]);
  if (!text) return fail(text.error());
  auto members = parse_roster_csv(*text);
  if (!members) return fail(fmt::format("{}: {}", ctx.args[0], members.error().message));
  if (members->empty()) return fail(fmt::format("{}: no member in the file", ctx.args[0]));
  const std::vector<pb::Command> chunks = import_roster_commands(*members);
  auto c = connect_clerk(ctx);
  if (!c) return fail(c.error());
  std::string pins = csv::row({"id", "name", "pin"});
  std::size_t pin_count = 0;
  std::size_t imported = 0;
  std::uint64_t seq = 0;
  for (const pb::Command& command : chunks) {
    auto done = run_command(ctx, **c, command);
    if (!done) {
      const std::string before = imported == 0 ? std::string() : fmt::format(" (members 1 to {} were imported)", imported);
      client::Error why = done.error();
      why.sentence += before;
      return fail(why);
    }
    imported += static_cast<std::size_t>(command.import_roster().members_size());
    seq = done->journal_seq();
    for (const auto& p : done->pins()) {
      pins += csv::row({p.member_id(), p.name(), p.pin()});
      ++pin_count;
    }
  }
  std::string where;
  if (auto out = ctx.get("pins-out")) {
    if (auto w = write_file(*out, pins, true); !w) return fail(w.error() + ": the PINs are lost, import a new roster");
    where = fmt::format("; PINs written to {}", *out);
  } else {
    std::fputs(pins.c_str(), stdout);
    where = "; PINs above (shown once)";
  }
  return ok(fmt::format("imported {} members in {} chunk{} (journal seq {}), {} PINs{}", members->size(),
                        chunks.size(), chunks.size() > 1 ? "s" : "", seq, pin_count, where));
}

const Register roster_import{{
    .name = "roster import",
    .args = "FILE.csv",
    .summary = "import the roster (CSV: id,name,group,kind,substitute_of,weight,birth_date) and get the PINs",
    .help = "The file as a spreadsheet saves it: ',' or ';' between fields, UTF-8 or Windows-1252, columns\n"
            "named in English or French (identifiant;nom;groupe;type;suppléant_de;poids;date_de_naissance).\n"
            "A bad line refuses the whole file, naming every bad line.\n"
            "Large rosters go in chunks of 1000 members. The server makes one PIN per member and returns it\n"
            "once: --pins-out writes them (id,name,pin; mode 0600), otherwise they are printed.",
    .options = {{"pins-out", "FILE.csv", "where to write the PINs"}},
    .min_args = 1,
    .max_args = 1,
    .run = run_roster_import,
}};

// ---- checkin / checkout / excuse ---------------------------------------------------------

// What an arrival or departure changes besides presence, from the session as
// it was before: proxies held or given, a substitute standing down.
std::vector<std::string> side_effects(const Session& s, const std::string& verb, const std::vector<std::string>& ids) {
  std::vector<std::string> notes;
  auto name = [&](const MemberId& id) {
    const Member* m = s.member(id);
    return m ? fmt::format("{} ({})", id, m->name) : id;
  };
  for (const std::string& id : ids) {
    const Member* m = s.member(id);
    if (!m) continue;
    if (verb == "checked out") {
      for (const auto& [mandant, proxy] : s.proxies())
        if (proxy.holder == id)
          notes.push_back(fmt::format("{} holds the proxy of {}: not exercised while he is away", name(id), name(mandant)));
    } else if (verb == "checked in") {
      if (auto p = s.proxies().find(id); p != s.proxies().end())
        notes.push_back(fmt::format("{} is present: the proxy he gave to {} is not used while he is here", name(id),
                                    name(p->second.holder)));
      if (m->kind == MemberKind::Titular)
        for (const MemberId& other : s.present())
          if (const Member* sub = s.member(other); sub && sub->kind == MemberKind::Substitute && sub->substitute_of == id)
            notes.push_back(fmt::format("the substitute {} stands down", name(other)));
    }
  }
  if (!notes.empty())
    if (const Ballot* open = s.open_ballot())
      notes.push_back(fmt::format("the ballot open on {} keeps the attendance it was opened with", open->item));
  return notes;
}

int run_members(Context& ctx, const char* verb, pb::Command (*make)(const std::string&)) {
  auto c = connect_clerk(ctx);
  if (!c) return fail(c.error());
  // The session before the change, to say what else the change does.
  client::Mirror before;
  const bool known = static_cast<bool>(before.sync(**c, ctx.timeout()));
  // Pipelined, answers in order; at most a window unanswered at once, under the server's limit.
  constexpr auto kWindow = static_cast<std::size_t>(protocol::kClientWindow);
  std::vector<std::future<pb::ServerMessage>> answers;
  auto send_next = [&] {
    pb::ClientMessage m;
    *m.mutable_command() = make(ctx.args[answers.size()]);
    answers.push_back((*c)->request(std::move(m)));
  };
  while (answers.size() < std::min(kWindow, ctx.args.size())) send_next();
  std::uint64_t seq = 0;
  std::vector<std::string> done_ids;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    if (answers[i].wait_for(ctx.timeout()) != std::future_status::ready)
      return fail(client::error(client::Code::Uncertain,
                                fmt::format("{}: no answer within {} s: the command may or may not have been recorded; "
                                            "check status",
                                            ctx.args[i], ctx.connection.timeout_s)));
    pb::ServerMessage a;
    try {
      a = answers[i].get();
    } catch (const client::Exception& e) {
      return fail(client::Error{e.error.code, fmt::format("{}: {}", ctx.args[i], e.what())});
    }
    if (a.has_refused()) {
      const std::string before = done_ids.empty() ? "" : fmt::format(" ({} {} before)", verb, fmt::join(done_ids, " "));
      client::Error refused = client::refused_error(a.refused());
      refused.sentence = fmt::format("{}: {}{}", ctx.args[i], refused.sentence, before);
      return fail(refused);
    }
    if (!a.has_done()) return fail(fmt::format("{}: unexpected answer from the server", ctx.args[i]));
    seq = std::max(seq, a.done().journal_seq());
    done_ids.push_back(ctx.args[i]);
    if (answers.size() < ctx.args.size()) send_next();
  }
  std::string line = fmt::format("{} {} (journal seq {})", verb, fmt::join(done_ids, " "), seq);
  if (known)
    for (const std::string& note : side_effects(before.session(), verb, done_ids)) line += "; " + note;
  return ok(line);
}

const Register checkin{{
    .name = "checkin",
    .args = "ID...",
    .summary = "record members' arrival (titulars and sitting substitutes)",
    .min_args = 1,
    .max_args = -1,
    .run = [](Context& ctx) {
      return run_members(ctx, "checked in", [](const std::string& id) {
        pb::Command c;
        c.mutable_check_in()->set_member(id);
        return c;
      });
    },
}};
const Register checkout{{
    .name = "checkout",
    .args = "ID...",
    .summary = "record members' departure",
    .min_args = 1,
    .max_args = -1,
    .run = [](Context& ctx) {
      return run_members(ctx, "checked out", [](const std::string& id) {
        pb::Command c;
        c.mutable_check_out()->set_member(id);
        return c;
      });
    },
}};
const Register excuse{{
    .name = "excuse",
    .args = "ID...",
    .summary = "record members as excused absent",
    .min_args = 1,
    .max_args = -1,
    .run = [](Context& ctx) {
      return run_members(ctx, "excused", [](const std::string& id) {
        pb::Command c;
        c.mutable_excuse_absence()->set_member(id);
        return c;
      });
    },
}};

// ---- proxies ------------------------------------------------------------------------------

const Register proxy_add{{
    .name = "proxy add",
    .args = "MANDANT HOLDER",
    .summary = "register a proxy: MANDANT gives power to HOLDER",
    .options = {{"sessions", "N", "sessions it is valid for (default 1)"}},
    .min_args = 2,
    .max_args = 2,
    .run = [](Context& ctx) {
      pb::Command c;
      auto* p = c.mutable_register_proxy()->mutable_proxy();
      p->set_mandant(ctx.args[0]);
      p->set_holder(ctx.args[1]);
      int sessions = 1;
      if (auto v = ctx.get("sessions")) {
        try {
          sessions = std::stoi(*v);
        } catch (...) {
          return usage("--sessions takes a number");
        }
      }
      p->set_sessions(sessions);
      return simple(ctx, c, fmt::format("proxy registered: {} to {}", ctx.args[0], ctx.args[1]));
    },
}};
const Register proxy_revoke{{
    .name = "proxy revoke",
    .args = "MANDANT",
    .summary = "revoke MANDANT's proxy",
    .min_args = 1,
    .max_args = 1,
    .run = [](Context& ctx) {
      pb::Command c;
      c.mutable_revoke_proxy()->set_mandant(ctx.args[0]);
      return simple(ctx, c, fmt::format("proxy of {} revoked", ctx.args[0]));
    },
}};

// ---- agenda ---------------------------------------------------------------------------------

struct ItemFlag {
  const char* name;
  void (pb::Item::*set)(const std::string&);
  const char* help;
};
const ItemFlag kItemFlags[] = {
    {"id", &pb::Item::set_id, "the deliberation number, e.g. 20220322-59"},
    {"title", &pb::Item::set_title, "its title"},
    {"rapporteur", &pb::Item::set_rapporteur, "member id of the rapporteur"},
    {"rapporteur-title", &pb::Item::set_rapporteur_title, "\"Vice-Président\""},
    {"text", &pb::Item::set_text, "the statement of reasons (\\n between paragraphs)"},
    {"decision", &pb::Item::set_decision, "the operative part"},
    {"nature", &pb::Item::set_nature, "ACTES nature code (default DE)"},
    {"matter-code", &pb::Item::set_matter_code, "SCDL matter code, e.g. 7.10"},
    {"matter-name", &pb::Item::set_matter_name, "SCDL matter name"},
};

int run_item_add(Context& ctx) {
  pb::Command c;
  pb::Item* item = c.mutable_add_item()->mutable_item();
  item->set_nature("DE");
  if (auto from = ctx.get("from")) {
    pb::AddItem add;
    if (auto r = read_json(*from, add); r && add.has_item()) {
      *item = add.item();
    } else if (auto r2 = read_json(*from, *item); !r2) {
      return fail(r2.error());
    }
  }
  for (const auto& f : kItemFlags)
    if (auto v = ctx.get(f.name)) (item->*f.set)(unescape(*v));
  if (item->id().empty()) return usage("item add needs --id (the deliberation number)");
  return simple(ctx, c, fmt::format("item added: {} {}", item->id(), item->title()));
}

std::vector<Option> item_options() {
  std::vector<Option> o;
  for (const auto& f : kItemFlags) o.push_back({f.name, "TEXT", f.help});
  o.push_back({"from", "FILE.json", "an Item (or AddItem) in protobuf JSON; flags given too override it"});
  return o;
}

const Register item_add{{
    .name = "item add",
    .summary = "add an item to the agenda",
    .options = item_options(),
    .run = run_item_add,
}};

const Register conflict{{
    .name = "conflict",
    .args = "ITEM MEMBER",
    .summary = "declare MEMBER interested in ITEM: takes no part in its vote",
    .min_args = 2,
    .max_args = 2,
    .run = [](Context& ctx) {
      pb::Command c;
      c.mutable_declare_conflict()->set_item(ctx.args[0]);
      c.mutable_declare_conflict()->set_member(ctx.args[1]);
      return simple(ctx, c, fmt::format("{} declared interested in {}", ctx.args[1], ctx.args[0]));
    },
}};

// ---- ballots --------------------------------------------------------------------------------

int run_ballot_open(Context& ctx) {
  pb::Command c;
  auto* o = c.mutable_open_ballot();
  o->set_item(ctx.args[0]);
  const std::string mode = ctx.get_or("mode", "public");
  if (mode == "public") o->set_mode(pb::PUBLIC);
  else if (mode == "nominal") o->set_mode(pb::NOMINAL);
  else if (mode == "secret") o->set_mode(pb::SECRET);
  else return usage(fmt::format("--mode {}: public, nominal or secret", mode));
  // A secret vote is not linked to its voter, so it can never be changed.
  const bool allow_change = !ctx.has("no-change") && mode != "secret";
  o->set_allow_change(allow_change);
  std::string majority;
  if (auto v = ctx.get("majority")) {
    auto f = parse_fraction(*v);
    if (!f) return usage(f.error());
    *o->mutable_qualified_majority() = *f;
    majority = fmt::format(", majority {}", *v);
  }
  auto client = connect_clerk(ctx);
  if (!client) return fail(client.error());
  auto done = run_command(ctx, **client, c);
  if (!done) return fail(done.error());
  std::string line = fmt::format("ballot open on {} ({}{}{}", ctx.args[0], mode,
                                 mode == "secret" ? ", no change: a secret vote cannot be changed"
                                 : allow_change   ? ", changes allowed"
                                                  : ", no change",
                                 majority);
  // The rule as the server applies it, from the journal.
  client::Mirror mirror;
  if (mirror.sync(**client, ctx.timeout()))
    if (const Ballot* b = mirror.session().ballot(ctx.args[0]))
      line += fmt::format("; {} required{}", record::fr::majority_words(b->majority, b->majority_base),
                          mirror.session().rules().weighted ? ", on weights" : "");
  return ok(fmt::format("{}) ({})", line, seq_note(*done)));
}

const Register ballot_open{{
    .name = "ballot open",
    .args = "ITEM",
    .summary = "put ITEM to the vote",
    .options = {{"mode", "MODE", "public (default), nominal or secret"},
                {"no-change", "", "a vote cannot be changed once cast (always so in a secret ballot)"},
                {"majority", "FRACTION", "a qualified majority, e.g. 2/3"}},
    .min_args = 1,
    .max_args = 1,
    .run = run_ballot_open,
}};

int run_ballot_close(Context& ctx) {
  auto c = connect_clerk(ctx);
  if (!c) return fail(c.error());
  pb::Command command;
  command.mutable_close_ballot()->set_item(ctx.args[0]);
  auto done = run_command(ctx, **c, command);
  if (!done) return fail(done.error());
  // The result, from the journal the server now holds.
  client::Mirror mirror;
  if (auto s = mirror.sync(**c, ctx.timeout()); !s)
    return ok(fmt::format("ballot closed on {} ({})", ctx.args[0], seq_note(*done)));
  const Ballot* b = mirror.session().ballot(ctx.args[0]);
  if (!b || !b->closed) return ok(fmt::format("ballot closed on {} ({})", ctx.args[0], seq_note(*done)));
  return ok(fmt::format("ballot closed on {}: {} ({})", ctx.args[0], result_summary(mirror.session(), *b),
                        seq_note(*done)));
}

int run_ballot_cancel(Context& ctx) {
  auto reason = ctx.get("reason");
  if (!reason || reason->find_first_not_of(" \t") == std::string::npos)
    return usage("ballot cancel needs --reason \"...\" (journalled)");
  pb::Command c;
  c.mutable_cancel_ballot()->set_item(ctx.args[0]);
  c.mutable_cancel_ballot()->set_reason(*reason);
  return simple(ctx, c,
                fmt::format("ballot on {} cancelled ({}): not a deliberation; votes cast on it are void; the item can be "
                            "put to the vote again",
                            ctx.args[0], *reason));
}

const Register ballot_cancel{{
    .name = "ballot cancel",
    .args = "ITEM",
    .summary = "cancel an open ballot opened by mistake (with a reason); the item can be put to the vote again",
    .help = "The cancellation and its reason are journalled. A cancelled ballot is no deliberation: it is in\n"
            "no record, list, SCDL or JSON export. A closed ballot cannot be cancelled.",
    .options = {{"reason", "TEXT", "why (required, journalled)"}},
    .min_args = 1,
    .max_args = 1,
    .run = run_ballot_cancel,
}};

const Register ballot_close{{
    .name = "ballot close",
    .args = "ITEM",
    .summary = "close the vote on ITEM and print its result",
    .min_args = 1,
    .max_args = 1,
    .run = run_ballot_close,
}};

int run_clerk_vote(Context& ctx) {
  auto choice = parse_choice(ctx.args[2]);
  if (!choice) return usage(choice.error());
  pb::Command c;
  auto* v = c.mutable_cast_vote();
  v->set_item(ctx.args[0]);
  v->set_voice(ctx.args[1]);
  v->set_by(ctx.get_or("for", ctx.args[1]));
  v->set_choice(*choice);
  v->set_by_clerk(true);
  return simple(ctx, c,
                fmt::format("vote entered by the clerk: {}, voice {}: {} (asked by {})", ctx.args[0], ctx.args[1],
                            ctx.args[2], v->by()));
}

const Register clerk_vote{{
    .name = "clerk-vote",
    .args = "ITEM VOICE pour|contre|abstention|npp",
    .summary = "enter a vote for a member whose tablet failed (marked in the record)",
    .help = "VOICE is whose vote it is (the member, or a mandant); --for names the member who asked the clerk\n"
            "(the voice itself by default, or the proxy holder).",
    .options = {{"for", "MEMBER", "the member who asked (default: VOICE)"}},
    .min_args = 3,
    .max_args = 3,
    .run = run_clerk_vote,
}};

}  // namespace
}  // namespace scrutin::ctl
