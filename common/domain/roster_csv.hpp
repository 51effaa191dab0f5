// The roster from the clerk's spreadsheet (common/csv.hpp reads the file:
// ';' or ',', UTF-8 or Windows-1252). A header row names the columns, in any
// order, in English or French:
//   id,name,group,kind,substitute_of,weight,birth_date
//   identifiant;nom;groupe;type;suppléant_de;poids;date_de_naissance
// kind is "titular"/"titulaire" (default) or "substitute"/"suppléant"; weight defaults to 1.
// Every bad line is named in the refusal, with its number, in French.
#pragma once

#include <expected>
#include <string_view>
#include <vector>

#include "domain/events.hpp"

namespace scrutin {

std::expected<std::vector<Member>, Error> parse_roster_csv(std::string_view text);

}  // namespace scrutin
