#include "domain/roster_csv.hpp"

#include <charconv>
#include <fmt/format.h>
#include <map>

#include "csv.hpp"

namespace scrutin {

namespace {

// Column names as a clerk may write them, folded to the canonical one.
const std::map<std::string, std::string, std::less<>>& column_names() {
  static const std::map<std::string, std::string, std::less<>> names = {
      {"id", "id"},
      {"identifiant", "id"},
      {"name", "name"},
      {"nom", "name"},
      {"group", "group"},
      {"groupe", "group"},
      {"kind", "kind"},
      {"type", "kind"},
      {"substitute_of", "substitute_of"},
      {"suppléant_de", "substitute_of"},
      {"suppleant_de", "substitute_of"},
      {"weight", "weight"},
      {"poids", "weight"},
      {"birth_date", "birth_date"},
      {"date_de_naissance", "birth_date"},
  };
  return names;
}

std::string trimmed(std::string s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// Lower-case ASCII, spaces as '_': "Date de naissance" is date_de_naissance.
std::string header_key(std::string s) {
  s = trimmed(std::move(s));
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == ' ') c = '_';
  }
  return s;
}

constexpr std::size_t kMaxLinesNamed = 5;  // a refusal names this many bad lines, then counts the rest

}  // namespace

std::expected<std::vector<Member>, Error> parse_roster_csv(std::string_view text) {
  auto refuse = [](std::string sentence) { return std::unexpected(Error{ErrorCode::InvalidArgument, std::move(sentence)}); };
  auto table = csv::read(text);
  if (!table) return refuse(fmt::format("Liste des membres : {}", table.error().sentence));
  if (table->rows.empty()) return refuse("Liste des membres : le fichier est vide.");

  const csv::Row& header = table->rows.front();
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < header.fields.size(); ++i)
    if (auto it = column_names().find(header_key(header.fields[i])); it != column_names().end()) col[it->second] = i;
  if (!col.contains("id") || !col.contains("name"))
    return refuse(fmt::format("Liste des membres, ligne {} : la première ligne doit nommer au moins les colonnes id "
                              "(ou identifiant) et name (ou nom).",
                              header.line));

  std::vector<Member> members;
  std::vector<std::string> bad;  // one sentence per bad line
  for (std::size_t r = 1; r < table->rows.size(); ++r) {
    const csv::Row& row = table->rows[r];
    auto get = [&](const char* name) -> std::string {
      auto it = col.find(name);
      return it == col.end() || it->second >= row.fields.size() ? std::string{} : trimmed(row.fields[it->second]);
    };
    Member m;
    m.id = get("id");
    m.name = get("name");
    m.group = get("group");
    m.substitute_of = get("substitute_of");
    m.birth_date = get("birth_date");
    std::string kind = header_key(get("kind"));
    if (kind.empty() || kind == "titular" || kind == "titulaire") {
      m.kind = MemberKind::Titular;
    } else if (kind == "substitute" || kind == "suppleant" || kind == "suppléant") {
      m.kind = MemberKind::Substitute;
    } else {
      bad.push_back(fmt::format("ligne {} : le type « {} » n'est ni titulaire ni suppléant", row.line, get("kind")));
      continue;
    }
    if (const std::string w = get("weight"); !w.empty()) {
      auto [p, ec] = std::from_chars(w.data(), w.data() + w.size(), m.weight);
      if (ec != std::errc{} || p != w.data() + w.size() || m.weight <= 0) {
        bad.push_back(fmt::format("ligne {} : le poids « {} » n'est pas un nombre entier positif", row.line, w));
        continue;
      }
      if (m.weight > kMaxWeight) {
        bad.push_back(fmt::format("ligne {} : le poids « {} » dépasse le plafond de {}", row.line, w, kMaxWeight));
        continue;
      }
    }
    if (m.id.empty() || m.name.empty()) {
      bad.push_back(fmt::format("ligne {} : l'identifiant et le nom sont obligatoires", row.line));
      continue;
    }
    members.push_back(std::move(m));
    if (members.size() > kMaxMembers)
      return refuse(fmt::format("Liste des membres refusée à la ligne {} : plus de {} membres.", row.line, kMaxMembers));
  }
  if (!bad.empty()) {
    std::string sentence = "Liste des membres refusée, rien n'est importé : ";
    for (std::size_t i = 0; i < bad.size() && i < kMaxLinesNamed; ++i) sentence += (i ? " ; " : "") + bad[i];
    if (bad.size() > kMaxLinesNamed) sentence += fmt::format(" ; et {} autres lignes", bad.size() - kMaxLinesNamed);
    return refuse(sentence + ".");
  }
  if (members.empty()) return refuse("Liste des membres : aucun membre sous la ligne d'en-tête.");
  return members;
}

}  // namespace scrutin
