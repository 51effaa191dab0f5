// The one CSV reader and writer (common/csv.hpp) and the roster read through it
// (common/domain/roster_csv.hpp): files as Excel and LibreOffice save them.
#include <gtest/gtest.h>

#include "common/csv.hpp"
#include "domain/roster_csv.hpp"

namespace scrutin {
namespace {

std::vector<std::string> fields(const csv::Table& t, std::size_t row) { return t.rows.at(row).fields; }

TEST(CsvRead, CommaSeparated) {
  auto t = csv::read("id,name\nM01,Anne\n");
  ASSERT_TRUE(t) << t.error().sentence;
  EXPECT_EQ(t->separator, ',');
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(fields(*t, 1), (std::vector<std::string>{"M01", "Anne"}));
}

TEST(CsvRead, SemicolonSeparatedKeepsCommasInFields) {
  // French Excel: ';' between fields, ',' is the decimal mark and appears in names.
  auto t = csv::read("id;name;group\r\nM01;DUPONT, Anne;Liste A\r\nM02;Bernard;\r\n");
  ASSERT_TRUE(t) << t.error().sentence;
  EXPECT_EQ(t->separator, ';');
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(fields(*t, 1), (std::vector<std::string>{"M01", "DUPONT, Anne", "Liste A"}));
  EXPECT_EQ(fields(*t, 2), (std::vector<std::string>{"M02", "Bernard", ""}));
}

TEST(CsvRead, SeparatorIsTheHeadersNotALatersLines) {
  // One ';' in a quoted header and commas between fields: ','.
  auto t = csv::read("\"a;b\",c,d\n1;2,3,4\n");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->separator, ',');
  EXPECT_EQ(fields(*t, 0), (std::vector<std::string>{"a;b", "c", "d"}));
  EXPECT_EQ(fields(*t, 1), (std::vector<std::string>{"1;2", "3", "4"}));
}

TEST(CsvRead, Utf8ByteOrderMarkIsDropped) {
  auto t = csv::read("\xEF\xBB\xBFid;nom\nM01;Zoé\n");
  ASSERT_TRUE(t);
  EXPECT_FALSE(t->was_windows_1252);
  EXPECT_EQ(fields(*t, 0)[0], "id");
  EXPECT_EQ(fields(*t, 1)[1], "Zoé");
}

TEST(CsvRead, Windows1252BecomesUtf8) {
  // "Zoé Lefèvre;Œuvre 5 €" as Excel's "CSV (séparateur : point-virgule)" writes it.
  auto t = csv::read("id;nom\nM01;Zo\xE9 Lef\xE8vre;\x8Cuvre 5 \x80\n");
  ASSERT_TRUE(t) << t.error().sentence;
  EXPECT_TRUE(t->was_windows_1252);
  EXPECT_EQ(fields(*t, 1), (std::vector<std::string>{"M01", "Zoé Lefèvre", "Œuvre 5 €"}));
  EXPECT_TRUE(csv::valid_utf8(fields(*t, 1)[2]));
}

TEST(CsvRead, QuotedNewlinesAndDoubledQuotes) {
  auto t = csv::read("id,name,address\nM01,\"Anne \"\"la Grande\"\"\",\"1 rue Haute\r\n75001 Paris\"\nM02,Luc,x\n");
  ASSERT_TRUE(t) << t.error().sentence;
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(fields(*t, 1), (std::vector<std::string>{"M01", "Anne \"la Grande\"", "1 rue Haute\n75001 Paris"}));
  EXPECT_EQ(t->rows[1].line, 2);
  EXPECT_EQ(t->rows[2].line, 4) << "a row after a quoted newline starts on the file's next line";
}

TEST(CsvRead, BlankLinesAreSkippedButCounted) {
  auto t = csv::read("id,name\n\n  \nM01,Anne");
  ASSERT_TRUE(t);
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[1].line, 4);
  EXPECT_EQ(fields(*t, 1)[1], "Anne");
}

TEST(CsvRead, UnclosedQuoteNamesItsLineInFrench) {
  auto t = csv::read("id,name\nM01,Anne\nM02,\"Luc\nM03,Paul\n");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().line, 3);
  EXPECT_EQ(t.error().sentence, "Ligne 3 : un guillemet ouvert n'est jamais refermé.");
}

TEST(CsvRead, TextAfterAClosingQuoteIsRefused) {
  auto t = csv::read("id;name\nM01;\"Anne\"x;B\n");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().line, 2);
  EXPECT_TRUE(t.error().sentence.starts_with("Ligne 2 : ")) << t.error().sentence;
  EXPECT_NE(t.error().sentence.find("« ; »"), std::string::npos) << t.error().sentence;
}

TEST(CsvRead, BrokenUtf8AfterAByteOrderMarkIsRefused) {
  auto t = csv::read("\xEF\xBB\xBFid,name\nM01,Zo\xE9\n");
  ASSERT_FALSE(t);
  EXPECT_NE(t.error().sentence.find("UTF-8"), std::string::npos);
}

TEST(CsvWrite, QuotesOnlyWhatMustBe) {
  EXPECT_EQ(csv::field("Anne"), "Anne");
  EXPECT_EQ(csv::field("DUPONT, Anne"), "\"DUPONT, Anne\"");
  EXPECT_EQ(csv::field("DUPONT, Anne", ';'), "DUPONT, Anne");
  EXPECT_EQ(csv::field("a;b", ';'), "\"a;b\"");
  EXPECT_EQ(csv::field("dit \"le Grand\""), "\"dit \"\"le Grand\"\"\"");
  EXPECT_EQ(csv::field("ligne\nsuivante"), "\"ligne\nsuivante\"");
  EXPECT_EQ(csv::row({"a", "b,c", ""}, ',', "\r\n"), "a,\"b,c\",\r\n");
}

TEST(CsvWrite, WhatIsWrittenReadsBackTheSame) {
  const std::vector<std::vector<std::string>> rows = {
      {"id", "name", "note"}, {"M01", "Anne \"la Grande\"", "a,b;c"}, {"M02", "", "deux\nlignes\r\net CRLF"}};
  for (char sep : {',', ';'}) {
    std::string text;
    for (const auto& r : rows) text += csv::row(r, sep);
    auto t = csv::read(text);
    ASSERT_TRUE(t) << t.error().sentence;
    EXPECT_EQ(t->separator, sep);
    ASSERT_EQ(t->rows.size(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      auto expected = rows[i];
      for (auto& f : expected)  // CRLF inside a field reads back as one newline
        if (auto at = f.find("\r\n"); at != std::string::npos) f.erase(at, 1);
      EXPECT_EQ(t->rows[i].fields, expected) << "separator " << sep << " row " << i;
    }
  }
}

// ---- The roster through the reader ---------------------------------------------

TEST(RosterCsv, FrenchExcelFile) {
  const std::string file =
      "Identifiant;Nom;Groupe;Type;Suppléant de;Poids;Date de naissance\r\n"
      "T01;\"DUPONT, Anne\";Majorité;titulaire;;;1970-02-01\r\n"
      "S01;Luc Bernard;Majorité;Suppléant;T01;2;\r\n";
  auto m = parse_roster_csv(file);
  ASSERT_TRUE(m) << m.error().message;
  ASSERT_EQ(m->size(), 2u);
  EXPECT_EQ((*m)[0].name, "DUPONT, Anne");
  EXPECT_EQ((*m)[0].birth_date, "1970-02-01");
  EXPECT_EQ((*m)[0].weight, 1);
  EXPECT_EQ((*m)[1].kind, MemberKind::Substitute);
  EXPECT_EQ((*m)[1].substitute_of, "T01");
  EXPECT_EQ((*m)[1].weight, 2);
}

TEST(RosterCsv, SameRosterWhateverTheEncodingAndSeparator) {
  const std::vector<std::string> files = {
      "id,name,group\nM01,Zoé Lefèvre,Élus\nM02,\"Noël, Jean\",Élus\n",
      "\xEF\xBB\xBFid;name;group\r\nM01;Zoé Lefèvre;Élus\r\nM02;Noël, Jean;Élus\r\n",
      "id;name;group\r\nM01;Zo\xE9 Lef\xE8vre;\xC9lus\r\nM02;No\xEBl, Jean;\xC9lus\r\n",
  };
  std::vector<std::vector<Member>> read;
  for (const auto& f : files) {
    auto m = parse_roster_csv(f);
    ASSERT_TRUE(m) << m.error().message;
    read.push_back(*m);
  }
  EXPECT_EQ(read[0][0].name, "Zoé Lefèvre");
  EXPECT_EQ(read[0][1].name, "Noël, Jean");
  EXPECT_EQ(read[1], read[0]);
  EXPECT_EQ(read[2], read[0]);
}

TEST(RosterCsv, EveryBadLineIsNamedAndNothingIsImported) {
  auto m = parse_roster_csv("id,name,kind,weight\nM01,Anne,titular,1\nM02,,titular,1\nM03,Luc,maire,1\nM04,Paul,,-3\n");
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::InvalidArgument);
  const std::string& s = m.error().message;
  EXPECT_NE(s.find("rien n'est importé"), std::string::npos) << s;
  EXPECT_NE(s.find("ligne 3 : l'identifiant et le nom sont obligatoires"), std::string::npos) << s;
  EXPECT_NE(s.find("ligne 4 : le type « maire » n'est ni titulaire ni suppléant"), std::string::npos) << s;
  EXPECT_NE(s.find("ligne 5 : le poids « -3 » n'est pas un nombre entier positif"), std::string::npos) << s;
  EXPECT_EQ(s.find("ligne 2"), std::string::npos) << s;
}

TEST(RosterCsv, LineNumbersCountQuotedNewlines) {
  auto m = parse_roster_csv("id,name,group\nM01,Anne,\"Liste\nA\"\nM02,,x\n");
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().message.find("ligne 4 :"), std::string::npos) << m.error().message;
}

TEST(RosterCsv, ManyBadLinesAreCounted) {
  std::string file = "id,name\n";
  for (int i = 0; i < 12; ++i) file += "X,\n";
  auto m = parse_roster_csv(file);
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().message.find("et 7 autres lignes"), std::string::npos) << m.error().message;
}

TEST(RosterCsv, HeaderMustNameIdAndName) {
  auto m = parse_roster_csv("code;libellé\nM01;Anne\n");
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().message.find("ligne 1 :"), std::string::npos) << m.error().message;
  EXPECT_FALSE(parse_roster_csv(""));
  EXPECT_FALSE(parse_roster_csv("id,name\n\n"));
}

TEST(RosterCsv, WrittenRosterReadsBack) {
  std::vector<Member> roster = {
      {"T01", "DUPONT, Anne \"la Grande\"", "Liste\nA", MemberKind::Titular, "", 3, "1970-02-01"},
      {"S01", "Luc; Bernard", "", MemberKind::Substitute, "T01", 1, ""},
  };
  std::string file = csv::row({"id", "name", "group", "kind", "substitute_of", "weight", "birth_date"}, ';');
  for (const Member& m : roster)
    file += csv::row({m.id, m.name, m.group, m.kind == MemberKind::Substitute ? "substitute" : "titular",
                      m.substitute_of, std::to_string(m.weight), m.birth_date},
                     ';');
  auto back = parse_roster_csv(file);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, roster);
}

}  // namespace
}  // namespace scrutin
