// The official record from the command line: export text|pdf|csv|list|minutes
// (from the server's journal, or --from an export JSON, without the server),
// export dates (prefecture receipt and publication: journalled by the server,
// or written into an export JSON with --from), and verify (a journal file, and
// an export against it). `export json` is in cmd_export.cpp. The documents
// themselves are client/record/.
//
// A document whose mandatory fields are missing (record::missing_fields) is
// refused with the list of what is missing, unless --draft: then every page
// says "PROJET". The SCDL CSV is open data: never a draft, and it needs the
// SIRET too.
#include <fmt/format.h>

#include <cstdio>

#include "client/ctl/ctl.hpp"
#include "client/record/record.hpp"

namespace scrutin::ctl {
namespace {

// The record: --from FILE.json, else the server's journal replayed here.
std::expected<pb::SessionRecord, client::Error> load_record(Context& ctx) {
  pb::SessionRecord record;
  if (auto from = ctx.get("from")) {
    auto text = read_file(*from);
    if (!text) return std::unexpected(client::error(client::Code::Io, text.error()));
    auto parsed = record::from_json(*text);
    if (!parsed) return std::unexpected(client::error(client::Code::BadInput, fmt::format("{}: {}", *from, parsed.error())));
    record = std::move(*parsed);
  } else {
    auto c = connect_reader(ctx);
    if (!c) {
      client::Error why = c.error();
      why.sentence += " (or give --from EXPORT.json to work without the server)";
      return std::unexpected(why);
    }
    client::Mirror mirror;
    if (auto s = mirror.sync(**c, ctx.timeout()); !s) return std::unexpected(s.error());
    record = record::build(mirror.session(), mirror.journal());
  }
  return record;
}

// The documents' common rule: complete, or asked for as a draft.
std::optional<int> refuse_incomplete(Context& ctx, const std::vector<std::string>& missing) {
  if (missing.empty() || ctx.has("draft")) return std::nullopt;
  return fail(record::missing_sentence(missing));
}

record::Options options(Context& ctx) { return record::Options{.draft = ctx.has("draft")}; }

std::vector<std::string> item_ids(const pb::SessionRecord& r) {
  std::vector<std::string> ids;
  for (const auto& d : r.deliberations()) ids.push_back(d.item().id());
  return ids;
}

// --item, or the only deliberation of the record.
std::expected<std::string, std::string> one_item(Context& ctx, const pb::SessionRecord& r) {
  if (auto item = ctx.get("item")) return *item;
  const auto ids = item_ids(r);
  if (ids.size() == 1) return ids[0];
  if (ids.empty()) return std::unexpected("this session has no closed ballot yet: nothing to export");
  std::string list;
  for (const auto& id : ids) list += (list.empty() ? "" : ", ") + id;
  return std::unexpected(fmt::format("say which deliberation with --item ID ({})", list));
}

int emit(Context& ctx, const std::string& content, const std::string& what) {
  if (auto out = ctx.get("out")) {
    if (auto w = write_file(*out, content); !w) return fail(w.error());
    return ok(fmt::format("wrote {} to {}", what, *out));
  }
  std::fputs(content.c_str(), stdout);
  if (!content.empty() && content.back() != '\n') std::fputc('\n', stdout);
  return kOk;
}

int run_text(Context& ctx) {
  auto r = load_record(ctx);
  if (!r) return fail(r.error());
  std::string out;
  if (ctx.has("item")) {
    auto t = record::extract_text(*r, *ctx.get("item"), options(ctx));
    if (!t) return fail(t.error());
    out = *t;
  } else {
    // Every extract of the session, one per page when printed.
    if (r->deliberations().empty()) return fail("this session has no closed ballot yet: nothing to export");
    if (auto refused = refuse_incomplete(ctx, record::missing_fields(*r))) return *refused;
    for (const auto& id : item_ids(*r)) {
      auto t = record::extract_text(*r, id, options(ctx));
      if (!t) return fail(t.error());
      out += (out.empty() ? "" : "\f\n") + *t;
    }
  }
  return emit(ctx, out, "the extract of the register");
}

int run_pdf(Context& ctx) {
  auto out = ctx.get("out");
  if (!out) return usage("export pdf needs --out FILE.pdf");
  auto r = load_record(ctx);
  if (!r) return fail(r.error());
  auto item = one_item(ctx, *r);
  if (!item) return usage(item.error());
  if (auto w = record::extract_pdf(*r, *item, *out, options(ctx)); !w) return fail(w.error());
  return ok(fmt::format("wrote the {}extract of deliberation {} to {}", ctx.has("draft") ? "draft (PROJET) " : "", *item, *out));
}

int run_csv(Context& ctx) {
  if (ctx.has("draft"))
    return usage("export csv publishes open data: a draft is not published (--draft is for text, pdf, list and minutes)");
  auto r = load_record(ctx);
  if (!r) return fail(r.error());
  if (auto missing = record::missing_for_open_data(*r); !missing.empty()) {
    return fail(record::missing_sentence(missing, /*draft_possible=*/false));  // no draft of open data
  }
  return emit(ctx, record::scdl_csv(*r), "the SCDL deliberations CSV");
}

int run_list(Context& ctx) {
  auto r = load_record(ctx);
  if (!r) return fail(r.error());
  if (auto refused = refuse_incomplete(ctx, record::missing_fields(*r))) return *refused;
  return emit(ctx, record::deliberation_list_text(*r, options(ctx)), "the list of deliberations");
}

int run_minutes(Context& ctx) {
  auto r = load_record(ctx);
  if (!r) return fail(r.error());
  if (auto refused = refuse_incomplete(ctx, record::missing_fields(*r))) return *refused;
  return emit(ctx, record::minutes_text(*r, options(ctx)), "the minutes skeleton");
}

// The dates have one home: the server's journal (a RecordPrefectureDates
// command), so that every document made from the server prints them. --from
// works on an export JSON without the server (written to --out).
int run_dates(Context& ctx) {
  auto item = ctx.get("item");
  if (!item) return usage("export dates needs --item ID and --received DATE and/or --published DATE");
  if (!ctx.has("received") && !ctx.has("published")) return usage("give --received DATE and/or --published DATE");
  for (const char* o : {"received", "published"})
    if (auto d = ctx.get(o); d && !(d->size() == 10 && (*d)[4] == '-' && (*d)[7] == '-'))
      return usage(fmt::format("--{} takes an ISO date, e.g. 2022-04-04", o));
  const std::string received = ctx.get_or("received", ""), published = ctx.get_or("published", "");
  if (!ctx.has("from")) {
    if (ctx.has("out"))
      return usage("without --from the dates go to the server's journal; `export json --out FILE` then exports them");
    auto c = connect_clerk(ctx);
    if (!c) {
      client::Error why = c.error();
      why.sentence += " (or give --from EXPORT.json --out NEW.json to date an export without the server)";
      return fail(why);
    }
    pb::Command command;
    auto* x = command.mutable_record_prefecture_dates();
    x->set_item(*item);
    x->set_received(received);
    x->set_published(published);
    auto done = run_command(ctx, **c, command);
    if (!done) return fail(done.error());
    std::string what;
    if (!received.empty()) what += "received " + received;
    if (!published.empty()) what += std::string(what.empty() ? "" : ", ") + "published " + published;
    return ok(fmt::format("prefecture dates of {} recorded: {} ({}journal seq {})", *item, what,
                          done->repeat() ? "already recorded, " : "", done->journal_seq()));
  }
  if (!ctx.has("out")) return usage("export dates --from EXPORT.json needs --out NEW.json");
  auto r = load_record(ctx);
  if (!r) return fail(r.error());
  if (auto set = record::set_prefecture_dates(*r, *item, received, published); !set) return fail(set.error());
  return emit(ctx, record::to_json(*r), "the record with its prefecture dates (this file only; the server's journal does not have them)");
}

int run_verify(Context& ctx) {
  std::optional<pb::SessionRecord> exported;
  if (auto against = ctx.get("against")) {
    auto text = read_file(*against);
    if (!text) return fail(text.error());
    auto parsed = record::from_json(*text);
    if (!parsed) return fail(fmt::format("{}: {}", *against, parsed.error()));
    exported = std::move(*parsed);
  }
  std::vector<pb::JournalEntry> journal;
  std::vector<std::string> raw;
  const std::vector<std::string>* raw_events = nullptr;
  if (auto path = ctx.get("journal")) {
    auto read = record::read_journal_sqlite(*path, &raw);
    if (!read) return fail(read.error());
    journal = std::move(*read);
    raw_events = &raw;
  } else if (exported) {
    // The journal the export carries.
    journal.assign(exported->journal().begin(), exported->journal().end());
  } else {
    return usage("verify needs --journal FILE.sqlite (the server's data folder holds journal.sqlite), --against EXPORT.json, or both");
  }
  const record::Verdict v = record::verify(journal, raw_events, exported ? &*exported : nullptr);
  return v.ok ? ok(v.line) : fail(v.line);
}

const std::vector<Option> kSource = {
    {"from", "FILE.json", "render from an export (scrutinctl export json) instead of the server"},
    {"out", "FILE", "write to FILE (default: standard output)"},
};

std::vector<Option> with_item(std::vector<Option> o) {
  o.insert(o.begin(), Option{"item", "ID", "the deliberation (item id, e.g. 20220322-59)"});
  return o;
}

// A document: refused when a mandatory field is missing, unless --draft.
std::vector<Option> document(std::vector<Option> o) {
  o.push_back({"draft", "", "make it even if mandatory fields are missing: every page says \"PROJET\""});
  return o;
}

const std::string kDocumentHelp =
    "Refused (exit 1, the list of what is missing) when the session lacks a mandatory field: body, body name,\n"
    "SIREN, department, date, convocation date, president, secretary, or an item its title or decision.\n"
    "--draft makes it anyway, every page marked \"PROJET\".";

std::vector<Option> dates_options() {
  return {{"item", "ID", "the deliberation (item id, e.g. 20220322-59)"},
          {"received", "DATE", "date of the prefecture's acknowledgement (ISO, e.g. 2022-04-04)"},
          {"published", "DATE", "publication date (ISO)"},
          {"from", "FILE.json", "date an export JSON instead of the server's journal (needs --out)"},
          {"out", "NEW.json", "with --from: where to write the dated export"}};
}

const Register export_text{{
    .name = "export text",
    .summary = "the extract of the register as UTF-8 text (every deliberation, or --item ID)",
    .help = kDocumentHelp,
    .options = document(with_item(kSource)),
    .run = run_text,
}};
const Register export_pdf{{
    .name = "export pdf",
    .summary = "the extract of the register of one deliberation as an A4 PDF",
    .help = kDocumentHelp,
    .options = document(with_item(kSource)),
    .run = run_pdf,
}};
const Register export_csv{{
    .name = "export csv",
    .summary = "the SCDL \"Délibérations\" open-data CSV of the session",
    .help = "Refused (exit 1, the list of what is missing) without the fields of an extract and the SIRET;\n"
            "open data is never a draft.",
    .options = document(with_item(kSource)),
    .run = run_csv,
}};
const Register export_list{{
    .name = "export list",
    .summary = "the list of the session's deliberations (text)",
    .help = kDocumentHelp,
    .options = document(with_item(kSource)),
    .run = run_list,
}};
const Register export_minutes{{
    .name = "export minutes",
    .summary = "the minutes (procès-verbal) skeleton: attendance, quorum, results per item",
    .help = kDocumentHelp,
    .options = document(with_item(kSource)),
    .run = run_minutes,
}};
const Register export_dates{{
    .name = "export dates",
    .summary = "record the prefecture receipt / publication dates of a deliberation (journalled; every export prints them)",
    .help = "Sent to the server, the dates are journalled: export text, pdf, csv and json print them.\n"
            "With --from EXPORT.json --out NEW.json, dates that export file only, without the server.",
    .options = dates_options(),
    .run = run_dates,
}};
const Register verify{{
    .name = "verify",
    .summary = "check a journal file (hash chain, sequence) and that an export matches it; one-line verdict",
    .help = "Exit status 0 when intact, 1 naming the first bad seq or the first differing field.",
    .options = {{"journal", "FILE.sqlite", "the server's journal (DATA/journal.sqlite)"},
                {"against", "EXPORT.json", "an export (scrutinctl export json) to compare with the journal"}},
    .needs_server = false,
    .run = run_verify,
}};

}  // namespace
}  // namespace scrutin::ctl
