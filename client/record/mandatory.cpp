// What an official document of the record cannot go without, and the marks of
// a draft. The list is the prefecture's: the ACTES identifier needs the
// department and the SIREN; the extract states the convocation date, who
// presided and who was secretary; a deliberation without its operative part
// decides nothing.
#include <fmt/format.h>

#include <algorithm>

#include "client/record/french.hpp"
#include "client/record/record.hpp"

namespace scrutin::record {

namespace {

bool digits(const std::string& s, std::size_t n) {
  return s.size() == n && std::ranges::all_of(s, [](char c) { return c >= '0' && c <= '9'; });
}

// "063", "974", "02A": the department part of an ACTES identifier.
bool department_code(const std::string& s) {
  return s.size() == 3 && std::ranges::all_of(s, [](char c) { return (c >= '0' && c <= '9') || c == 'A' || c == 'B'; });
}

void add_once(std::vector<std::string>& out, std::string what) {
  if (std::ranges::find(out, what) == out.end()) out.push_back(std::move(what));
}

// "a", "a et b", "a, b et c".
std::string enumeration(const std::vector<std::string>& items) {
  if (items.size() <= 1) return items.empty() ? "" : items[0];
  std::vector<std::string> head(items.begin(), items.end() - 1);
  return fr::join(head, ", ") + " et " + items.back();
}

}  // namespace

std::vector<std::string> missing_fields(const pb::DeliberationRecord& d) {
  std::vector<std::string> out;
  const pb::SessionInfo& s = d.session();
  if (s.body().empty()) out.push_back("l'assemblée qui délibère (--body)");
  if (s.body_name().empty()) out.push_back("le nom de la collectivité (--body-name)");
  if (!digits(s.siren(), 9))
    out.push_back(s.siren().empty() ? "le SIREN de la collectivité (9 chiffres, --siren)"
                                    : fmt::format("un SIREN de 9 chiffres (« {} » n'en est pas un, --siren)", s.siren()));
  if (!department_code(s.department()))
    out.push_back(s.department().empty()
                      ? "le département, sur 3 caractères comme 063 (--department)"
                      : fmt::format("un département sur 3 caractères comme 063 (« {} » ne convient pas, --department)",
                                    s.department()));
  if (s.date().empty()) out.push_back("la date de la séance (--date)");
  if (s.convocation_date().empty()) out.push_back("la date de la convocation (--convocation-date)");
  if (s.president().empty()) out.push_back("le président de séance (--president)");
  if (s.secretary().empty()) out.push_back("le secrétaire de séance (--secretary)");
  if (d.item().title().empty()) out.push_back(fmt::format("l'objet du point {} (item add --title)", d.item().id()));
  if (!d.has_election() && fr::lines(d.item().decision()).empty())  // an election's decision is its proclamation
    out.push_back(fmt::format("le texte de la décision du point {} (item add --decision)", d.item().id()));
  return out;
}

std::vector<std::string> missing_fields(const pb::SessionRecord& record) {
  std::vector<std::string> out;
  for (const auto& d : record.deliberations())
    for (std::string& what : missing_fields(d)) add_once(out, std::move(what));
  return out;
}

std::vector<std::string> missing_for_open_data(const pb::SessionRecord& record) {
  std::vector<std::string> out = missing_fields(record);
  for (const auto& d : record.deliberations())
    if (!digits(d.session().siret(), 14)) add_once(out, "le SIRET de la collectivité (14 chiffres, --siret), colonne COLL_SIRET");
  return out;
}

std::string missing_sentence(const std::vector<std::string>& missing, bool draft_possible) {
  return fmt::format(
      "Document refusé : il manque {}. Complétez la séance (scrutinctl session configure) ou le point "
      "(scrutinctl item add){}.",
      enumeration(missing), draft_possible ? ", ou demandez un projet avec --draft" : "");
}

std::string draft_banner(const std::vector<std::string>& missing) {
  std::string out = "PROJET — document de travail, sans valeur d'extrait du registre";
  if (!missing.empty()) out += fmt::format(" ; il manque {}", enumeration(missing));
  return out + ".";
}

}  // namespace scrutin::record
