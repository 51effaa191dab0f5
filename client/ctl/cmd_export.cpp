// export json: the whole session as protobuf JSON of pb::SessionRecord (the
// record library builds it from the journal replayed here). Further formats
// (text, pdf, csv, list, minutes) and `verify` register in their own files.
#include <fmt/format.h>

#include "client/ctl/ctl.hpp"
#include "client/record/record.hpp"

namespace scrutin::ctl {
namespace {

int run_export_json(Context& ctx) {
  auto c = connect_reader(ctx);
  if (!c) return fail(c.error());
  client::Mirror mirror;
  if (auto s = mirror.sync(**c, ctx.timeout()); !s) return fail(s.error());
  const pb::SessionRecord record = record::build(mirror.session(), mirror.journal());
  const std::string json = record::to_json(record);
  if (auto out = ctx.get("out")) {
    if (auto w = write_file(*out, json); !w) return fail(w.error());
    // The JSON is the session's data, not a document: it is always written
    // (a backup, and the source of `--from`), and says what the documents
    // made from it will miss.
    const auto missing = record::missing_fields(record);
    return ok(fmt::format("exported {} deliberation{} to {} (journal seq {}){}", record.deliberations_size(),
                          record.deliberations_size() == 1 ? "" : "s", *out, mirror.head_seq(),
                          missing.empty() ? ""
                                          : fmt::format("; incomplete for an official document, {} missing: "
                                                        "documents from it need --draft",
                                                        missing.size())));
  }
  std::fputs(json.c_str(), stdout);
  if (!json.empty() && json.back() != '\n') std::fputc('\n', stdout);
  return kOk;
}

const Register export_json{{
    .name = "export json",
    .summary = "the whole session as JSON (the record of every closed ballot, and the journal)",
    .help = "Reads the journal from the server (clerk passphrase, or --data DIR for the display token).",
    .options = {{"out", "FILE", "write to FILE (default: standard output)"}},
    .run = run_export_json,
}};

}  // namespace
}  // namespace scrutin::ctl
