// SCDL "Délibérations" (schema.data.gouv.fr/scdl/deliberations): one row per
// deliberation, columns in the schema's order, UTF-8, comma-separated, header
// row, ISO dates, RFC 4180 quoting and CRLF line ends.
#include <fmt/format.h>

#include <array>

#include "client/record/record.hpp"
#include "common/csv.hpp"

namespace scrutin::record {

namespace {

constexpr std::array<const char*, 17> kColumns = {
    "COLL_NOM",     "COLL_SIRET",     "DELIB_ID",    "DELIB_DATE",  "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM",
    "DELIB_OBJET",  "BUDGET_ANNEE",   "BUDGET_NOM",  "PREF_ID",     "PREF_DATE",          "VOTE_EFFECTIF",
    "VOTE_REEL",    "VOTE_POUR",      "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL"};

void row(std::string& out, const std::vector<std::string>& fields) { out += csv::row(fields, ',', "\r\n"); }

}  // namespace

std::string scdl_csv(const pb::SessionRecord& record) {
  std::string out;
  row(out, std::vector<std::string>(kColumns.begin(), kColumns.end()));
  for (const pb::DeliberationRecord& d : record.deliberations()) {
    const pb::Counts& c = d.counts();
    // The schema defines VOTE_REEL as the number of voters and also requires
    // VOTE_POUR + VOTE_CONTRE + VOTE_ABSTENTION = VOTE_REEL <= VOTE_EFFECTIF.
    // With a non-participation both cannot hold (56 voters, one "ne prend pas
    // part": 55 pour+contre+abstentions). The equation is what validators
    // check and what readers sum, so VOTE_REEL counts those who took part in
    // the vote: pour + contre + abstentions. Non-participation stays in the
    // extract and the JSON. Head counts, never weights: the columns count members.
    const std::int64_t took_part = c.pour() + c.contre() + c.abstentions();
    if (d.has_election()) {
      // An election has no pour, contre nor abstention: the vote columns stay
      // empty (optional in the schema); the object names who was elected.
      std::string object = d.item().title();
      if (d.election().elected_names_size() > 0) {
        object += " — élu(s) : ";
        for (int i = 0; i < d.election().elected_names_size(); ++i)
          object += (i ? ", " : "") + d.election().elected_names(i);
      }
      row(out, {d.session().body_name(), d.session().siret(), d.item().id(), d.session().date(), d.item().matter_code(),
                d.item().matter_name(), object, "", "", d.acts_id(), d.prefecture_received(),
                std::to_string(d.in_office()), "", "", "", "", ""});
      continue;
    }
    row(out, {d.session().body_name(), d.session().siret(), d.item().id(), d.session().date(), d.item().matter_code(),
              d.item().matter_name(), d.item().title(),
              "", "",  // BUDGET_ANNEE, BUDGET_NOM: budget deliberations are not told apart yet
              d.acts_id(), d.prefecture_received(), std::to_string(d.in_office()), std::to_string(took_part),
              std::to_string(c.pour()), std::to_string(c.contre()), std::to_string(c.abstentions()),
              ""});  // DELIB_URL: known once published on the body's site
  }
  return out;
}

}  // namespace scrutin::record
