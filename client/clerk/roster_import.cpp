#include "clerk/roster_import.hpp"

#include <map>
#include <set>

#include <fmt/format.h>

#include "domain/roster_csv.hpp"

#if __has_include("csv.hpp")
#include "csv.hpp"
#define SCRUTIN_HAVE_CSV 1
#endif

namespace scrutin::clerk {

#ifndef SCRUTIN_HAVE_CSV
// Until common/csv.hpp (the one CSV reader, arch helper) is on main: the whole
// file through the roster reader, one sentence for the first problem.
RosterPreview preview_roster(std::string_view bytes, const Session&) {
  RosterPreview p;
  p.utf8 = std::string(bytes);
  auto members = parse_roster_csv(bytes);
  if (!members) p.errors.push_back(members.error().message);
  else p.members = static_cast<int>(members->size());
  return p;
}
#else

namespace {

// parse_roster_csv's sentence for a file of one member ("... ligne 2 : le poids ... ."): the part after "ligne 2 : ".
std::string reason_of(const std::string& sentence) {
  const auto at = sentence.find("ligne 2 : ");
  std::string out = at == std::string::npos ? sentence : sentence.substr(at + 10);
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

}  // namespace

RosterPreview preview_roster(std::string_view bytes, const Session& session) {
  RosterPreview p;
  auto table = csv::read(bytes);
  if (!table) {
    p.errors.push_back(table.error().sentence);
    return p;
  }
  p.utf8 = table->was_windows_1252 ? csv::windows_1252_to_utf8(bytes) : std::string(bytes);
  if (table->rows.size() < 2) {
    p.errors.push_back("Le fichier ne contient aucun membre sous la ligne d'en-tête.");
    return p;
  }
  // Each line on its own through the one roster reader (common/domain/roster_csv), so
  // every bad line is named, not only the first ones.
  const std::string header = csv::row(table->rows.front().fields);
  if (auto whole = parse_roster_csv(csv::row(table->rows.front().fields) + csv::row({"x", "x"})); !whole) {
    p.errors.push_back(whole.error().message);  // the header itself
    return p;
  }
  std::map<std::string, int> seen;  // id -> line
  std::set<std::string> titulars;
  for (const Member& m : session.roster())
    if (m.kind == MemberKind::Titular) titulars.insert(m.id);
  std::vector<std::pair<int, Member>> members;
  for (std::size_t r = 1; r < table->rows.size(); ++r) {
    const csv::Row& row = table->rows[r];
    auto one = parse_roster_csv(header + csv::row(row.fields));
    if (!one) {
      p.errors.push_back(fmt::format("Ligne {} : {}.", row.line, reason_of(one.error().message)));
      continue;
    }
    for (const Member& m : *one) {
      if (session.member(m.id))
        p.errors.push_back(fmt::format("Ligne {} : l'identifiant {} est déjà dans la liste ({}).", row.line, m.id,
                                       session.member(m.id)->name));
      else if (auto [it, fresh] = seen.emplace(m.id, row.line); !fresh)
        p.errors.push_back(fmt::format("Ligne {} : l'identifiant {} figure déjà ligne {}.", row.line, m.id, it->second));
      if (m.kind == MemberKind::Titular) titulars.insert(m.id);
      members.emplace_back(row.line, m);
    }
  }
  for (const auto& [line, m] : members)
    if (m.kind == MemberKind::Substitute && !titulars.contains(m.substitute_of))
      p.errors.push_back(fmt::format("Ligne {} : le suppléant {} doit nommer son titulaire (reçu « {} »).", line, m.name,
                                     m.substitute_of));
  p.members = static_cast<int>(members.size());
  return p;
}

#endif
}  // namespace scrutin::clerk
