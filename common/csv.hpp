// CSV as the clerk's spreadsheet writes it, read and written in one place.
// Reading takes what Excel and LibreOffice save: ';' (French Excel) or ','
// between fields, UTF-8 (with or without a byte-order mark) or Windows-1252
// ("CSV (séparateur : point-virgule)"), quoted fields holding separators,
// newlines and doubled quotes. Writing quotes a field only when it must.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace scrutin::csv {

struct Row {
  int line = 0;  // the line of the file where the row starts (1-based), for the clerk's sentences
  std::vector<std::string> fields;
};

struct Table {
  char separator = ',';
  bool was_windows_1252 = false;  // the text was converted to UTF-8
  std::vector<Row> rows;          // blank lines left out
};

// A sentence in French naming the line, e.g. "Ligne 4 : un guillemet ouvert n'est jamais refermé."
struct ReadError {
  int line = 0;
  std::string sentence;
};

std::expected<Table, ReadError> read(std::string_view bytes);

// Windows-1252 bytes as UTF-8 (the euro sign, curly quotes and œ included).
std::string windows_1252_to_utf8(std::string_view bytes);
bool valid_utf8(std::string_view bytes);

// One field, quoted (RFC 4180) only when it holds the separator, a quote, CR or LF.
std::string field(std::string_view value, char separator = ',');
// One row: fields joined by the separator, then `line_end`.
std::string row(const std::vector<std::string>& fields, char separator = ',', std::string_view line_end = "\n");

}  // namespace scrutin::csv
