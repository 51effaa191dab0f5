// The SCDL "Délibérations" CSV of a session with several items, checked against
// every constraint of the schema by a strict RFC 4180 reader written here.
#include <gtest/gtest.h>

#include <regex>

#include "client/record/record.hpp"
#include "record/journalled.hpp"

namespace scrutin {
namespace {

const std::vector<std::string> kSchema = {
    "COLL_NOM",    "COLL_SIRET", "DELIB_ID",  "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM",
    "DELIB_OBJET", "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE", "VOTE_EFFECTIF",
    "VOTE_REEL",   "VOTE_POUR",  "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL"};

// RFC 4180, strictly: CRLF records, quoted fields with doubled quotes, no
// quote inside an unquoted field. Fails the test on any violation.
std::vector<std::vector<std::string>> parse_rfc4180(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string f;
  std::size_t i = 0;
  bool at_field_start = true;
  while (i < csv.size()) {
    if (at_field_start && csv[i] == '"') {
      ++i;
      while (true) {
        if (i >= csv.size()) {
          ADD_FAILURE() << "unterminated quoted field";
          return rows;
        }
        if (csv[i] == '"') {
          if (i + 1 < csv.size() && csv[i + 1] == '"') {
            f += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        f += csv[i++];
      }
      at_field_start = false;
      if (i < csv.size() && csv[i] != ',' && csv[i] != '\r') ADD_FAILURE() << "text after a closing quote at " << i;
      continue;
    }
    const char c = csv[i];
    if (c == ',') {
      row.push_back(f);
      f.clear();
      at_field_start = true;
      ++i;
    } else if (c == '\r') {
      EXPECT_TRUE(i + 1 < csv.size() && csv[i + 1] == '\n') << "CR without LF at " << i;
      row.push_back(f);
      f.clear();
      rows.push_back(row);
      row.clear();
      at_field_start = true;
      i += 2;
    } else {
      EXPECT_NE(c, '"') << "quote inside an unquoted field at " << i;
      EXPECT_NE(c, '\n') << "bare LF at " << i;
      f += c;
      at_field_start = false;
      ++i;
    }
  }
  EXPECT_TRUE(row.empty() && f.empty()) << "the last record must end with CRLF";
  return rows;
}

bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

bool iso_date(const std::string& s) {
  static const std::regex re(R"((\d{4})-(\d{2})-(\d{2}))");
  std::smatch m;
  if (!std::regex_match(s, m, re)) return false;
  const int mo = std::stoi(m[2]), d = std::stoi(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
}

bool integer(const std::string& s) { return std::regex_match(s, std::regex(R"(0|[1-9]\d*)")); }

void check_schema(const std::string& csv, std::size_t expected_rows) {
  ASSERT_TRUE(valid_utf8(csv));
  ASSERT_FALSE(csv.starts_with("\xEF\xBB\xBF")) << "no byte-order mark";
  auto rows = parse_rfc4180(csv);
  ASSERT_EQ(rows.size(), expected_rows + 1);
  EXPECT_EQ(rows[0], kSchema) << "columns and their order";
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    ASSERT_EQ(row.size(), kSchema.size()) << "row " << r;
    auto col = [&](const std::string& name) {
      return row[static_cast<std::size_t>(std::find(kSchema.begin(), kSchema.end(), name) - kSchema.begin())];
    };
    EXPECT_FALSE(col("COLL_NOM").empty());
    EXPECT_TRUE(std::regex_match(col("COLL_SIRET"), std::regex(R"(\d{14})"))) << col("COLL_SIRET");
    EXPECT_FALSE(col("DELIB_ID").empty());
    EXPECT_TRUE(iso_date(col("DELIB_DATE"))) << col("DELIB_DATE");
    EXPECT_TRUE(std::regex_match(col("DELIB_MATIERE_CODE"), std::regex(R"(\d+(\.\d+)*)"))) << col("DELIB_MATIERE_CODE");
    EXPECT_FALSE(col("DELIB_MATIERE_NOM").empty());
    EXPECT_FALSE(col("DELIB_OBJET").empty());
    EXPECT_TRUE(col("BUDGET_ANNEE").empty() || std::regex_match(col("BUDGET_ANNEE"), std::regex(R"(\d{4})")));
    EXPECT_TRUE(std::regex_match(col("PREF_ID"), std::regex(R"(\d{3}-\d{9}-\d{8}-[A-Z0-9_]+-(DE|AR|AI|CC|BF|AU))")))
        << col("PREF_ID");
    EXPECT_TRUE(col("PREF_DATE").empty() || iso_date(col("PREF_DATE"))) << col("PREF_DATE");
    for (const char* n : {"VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION"})
      ASSERT_TRUE(integer(col(n))) << n << "=" << col(n);
    const long effectif = std::stol(col("VOTE_EFFECTIF")), reel = std::stol(col("VOTE_REEL"));
    const long sum = std::stol(col("VOTE_POUR")) + std::stol(col("VOTE_CONTRE")) + std::stol(col("VOTE_ABSTENTION"));
    EXPECT_EQ(sum, reel) << "VOTE_POUR + VOTE_CONTRE + VOTE_ABSTENTION = VOTE_REEL, row " << r;
    EXPECT_LE(reel, effectif) << "VOTE_REEL <= VOTE_EFFECTIF, row " << r;
    EXPECT_TRUE(col("DELIB_URL").empty() || col("DELIB_URL").starts_with("http"));
  }
}

TEST(Scdl, ThreeItemSessionPassesEveryConstraintOfTheSchema) {
  auto j = testing::three_item_session();
  auto rec = record::build(j.session, j.journal);
  const std::string csv = record::scdl_csv(rec);
  check_schema(csv, 3);
  auto rows = parse_rfc4180(csv);
  // Unanimous; with contre, abstention, non-participation; secret.
  EXPECT_EQ(std::vector<std::string>(rows[1].begin() + 11, rows[1].end() - 1),
            (std::vector<std::string>{"11", "9", "9", "0", "0"}));
  EXPECT_EQ(std::vector<std::string>(rows[2].begin() + 11, rows[2].end() - 1),
            (std::vector<std::string>{"11", "7", "4", "2", "1"}));
  EXPECT_EQ(std::vector<std::string>(rows[3].begin() + 11, rows[3].end() - 1),
            (std::vector<std::string>{"11", "9", "5", "3", "1"}));
  // Quoting: a title with a comma and double quotes comes back as it was.
  EXPECT_EQ(rows[2][6], "Tarifs de la cantine scolaire, \"repas bio\" ; année 2026");
  EXPECT_NE(csv.find(",\"Tarifs de la cantine scolaire, \"\"repas bio\"\" ; année 2026\","), std::string::npos);
  EXPECT_EQ(rows[1][0], "Commune de Saint-Rémy-sur-Durolle");
  EXPECT_EQ(rows[1][3], "2026-02-03");
  EXPECT_EQ(rows[2][9], "063-216303580-20260203-2026_02-DE");
}

TEST(Scdl, SeedRowWithItsPrefectureDate) {
  auto j = testing::seed_session();
  auto rec = record::build(j.session, j.journal);
  ASSERT_TRUE(record::set_prefecture_dates(rec, "20220322-59", "2022-04-04", "2022-04-04"));
  const std::string csv = record::scdl_csv(rec);
  check_schema(csv, 1);
  auto rows = parse_rfc4180(csv);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"Communauté de communes Thiers Dore et Montagne", "20007071200014",
                                                "20220322-59", "2022-03-22", "7.10", "Finances locales - Divers",
                                                "CONVENTION DE PARTENARIAT TERRITOIRE D'INDUSTRIE LEZOUX THIERS AMBERT MONTBRISON",
                                                "", "", "063-200070712-20220322-20220322_59-DE", "2022-04-04", "58", "56",
                                                "56", "0", "0", ""}));
}

TEST(Scdl, EmptySessionIsTheHeaderAlone) {
  check_schema(record::scdl_csv(pb::SessionRecord{}), 0);
}

}  // namespace
}  // namespace scrutin
