// Roster import from CSV: the clerk's spreadsheet, exported as UTF-8 CSV.
// Header row required; columns by name, in any order:
//   id,name,group,kind,substitute_of,weight,birth_date
// kind is "titular" (default) or "substitute"; weight defaults to 1.
#pragma once

#include <expected>
#include <string_view>
#include <vector>

#include "domain/events.hpp"

namespace scrutin {

std::expected<std::vector<Member>, Error> parse_roster_csv(std::string_view text);

// One CSV line split into fields (RFC 4180 quotes); shared by the record renderers' tests.
std::vector<std::string> split_csv_line(std::string_view line);

}  // namespace scrutin
