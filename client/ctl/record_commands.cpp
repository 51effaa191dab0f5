// The official record from the command line: export text|pdf|csv|list|minutes
// (from the server's journal, or --from an export JSON, without the server),
// export dates (prefecture receipt and publication, then re-export), and
// verify (a journal file, and an export against it). `export json` is in
// cmd_export.cpp. The documents themselves are client/record/.
#include <fmt/format.h>

#include <cstdio>

#include "client/ctl/ctl.hpp"
#include "client/record/record.hpp"

namespace scrutin::ctl {
namespace {

// The record: --from FILE.json, else the server's journal replayed here.
std::expected<pb::SessionRecord, std::string> load_record(Context& ctx) {
  pb::SessionRecord record;
  if (auto from = ctx.get("from")) {
    auto text = read_file(*from);
    if (!text) return std::unexpected(text.error());
    auto parsed = record::from_json(*text);
    if (!parsed) return std::unexpected(fmt::format("{}: {}", *from, parsed.error()));
    record = std::move(*parsed);
  } else {
    auto c = connect_reader(ctx);
    if (!c) return std::unexpected(c.error() + " (or give --from EXPORT.json to work without the server)");
    client::Mirror mirror;
    if (auto s = mirror.sync(**c, ctx.timeout()); !s) return std::unexpected(s.error());
    record = record::build(mirror.session(), mirror.journal());
  }
  // Dates only the clerk knows, printed once filled in.
  if (ctx.has("received") || ctx.has("published")) {
    auto item = ctx.get("item");
    if (!item) return std::unexpected("--received and --published need --item ID");
    if (auto r = record::set_prefecture_dates(record, *item, ctx.get_or("received", ""), ctx.get_or("published", "")); !r)
      return std::unexpected(r.error());
  }
  return record;
}

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
    auto t = record::extract_text(*r, *ctx.get("item"));
    if (!t) return fail(t.error());
    out = *t;
  } else {
    // Every extract of the session, one per page when printed.
    if (r->deliberations().empty()) return fail("this session has no closed ballot yet: nothing to export");
    for (const auto& id : item_ids(*r)) out += (out.empty() ? "" : "\f\n") + *record::extract_text(*r, id);
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
  if (auto w = record::extract_pdf(*r, *item, *out); !w) return fail(w.error());
  return ok(fmt::format("wrote the extract of deliberation {} to {}", *item, *out));
}

int run_csv(Context& ctx) {
  auto r = load_record(ctx);
  if (!r) return fail(r.error());
  return emit(ctx, record::scdl_csv(*r), "the SCDL deliberations CSV");
}

int run_list(Context& ctx) {
  auto r = load_record(ctx);
  if (!r) return fail(r.error());
  return emit(ctx, record::deliberation_list_text(*r), "the list of deliberations");
}

int run_minutes(Context& ctx) {
  auto r = load_record(ctx);
  if (!r) return fail(r.error());
  return emit(ctx, record::minutes_text(*r), "the minutes skeleton");
}

int run_dates(Context& ctx) {
  if (!ctx.has("from") || !ctx.has("out") || !ctx.has("item"))
    return usage("export dates needs --from EXPORT.json --item ID --out NEW.json and --received or --published");
  if (!ctx.has("received") && !ctx.has("published")) return usage("give --received DATE and/or --published DATE");
  for (const char* o : {"received", "published"})
    if (auto d = ctx.get(o); d && !(d->size() == 10 && (*d)[4] == '-' && (*d)[7] == '-'))
      return usage(fmt::format("--{} takes an ISO date, e.g. 2022-04-04", o));
  auto r = load_record(ctx);
  if (!r) return fail(r.error());
  return emit(ctx, record::to_json(*r), "the record with its prefecture dates");
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
    {"received", "DATE", "with --item: date of the prefecture's acknowledgement (ISO), printed on the extract"},
    {"published", "DATE", "with --item: publication date (ISO)"},
};

std::vector<Option> with_item(std::vector<Option> o) {
  o.insert(o.begin(), Option{"item", "ID", "the deliberation (item id, e.g. 20220322-59)"});
  return o;
}

const Register export_text{{
    .name = "export text",
    .summary = "the extract of the register as UTF-8 text (every deliberation, or --item ID)",
    .options = with_item(kSource),
    .run = run_text,
}};
const Register export_pdf{{
    .name = "export pdf",
    .summary = "the extract of the register of one deliberation as an A4 PDF",
    .options = with_item(kSource),
    .run = run_pdf,
}};
const Register export_csv{{
    .name = "export csv",
    .summary = "the SCDL \"Délibérations\" open-data CSV of the session",
    .options = with_item(kSource),
    .run = run_csv,
}};
const Register export_list{{
    .name = "export list",
    .summary = "the list of the session's deliberations (text)",
    .options = with_item(kSource),
    .run = run_list,
}};
const Register export_minutes{{
    .name = "export minutes",
    .summary = "the minutes (procès-verbal) skeleton: attendance, quorum, results per item",
    .options = with_item(kSource),
    .run = run_minutes,
}};
const Register export_dates{{
    .name = "export dates",
    .summary = "fill in the prefecture receipt / publication dates of an export, then re-render from it",
    .options = with_item(kSource),
    .needs_server = false,
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
