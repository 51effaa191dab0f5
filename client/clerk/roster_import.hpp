// The roster import's preview: the file as the clerk's spreadsheet wrote it
// (";" or ",", UTF-8 or Latin-1), read by the one CSV reader of common/, and
// checked line by line against the roster already there, with an error
// sentence in French for each line that would be refused.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/session.hpp"

namespace scrutin::clerk {

struct RosterPreview {
  std::string utf8;                 // the file in UTF-8, as ImportRoster sends it
  std::vector<std::string> errors;  // "Ligne 4 : ..." — empty when every line can be imported
  int members = 0;                  // lines that are members
};

RosterPreview preview_roster(std::string_view bytes, const Session& session);

}  // namespace scrutin::clerk
