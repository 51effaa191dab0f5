#include "csv.hpp"

#include <array>
#include <fmt/format.h>

namespace scrutin::csv {

namespace {

// The 0x80-0x9F block of Windows-1252 (Latin-1 has control characters there);
// 0 where the code page leaves the byte undefined.
constexpr std::array<char32_t, 32> kHighBlock = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// The separator is the one of ';' and ',' found more often outside quotes on
// the first non-blank line (the header); ',' when neither or as many.
char detect_separator(std::string_view text) {
  int semicolons = 0, commas = 0;
  bool quoted = false;
  bool seen_text = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') {
      if (seen_text) break;
      continue;
    }
    if (c != ' ' && c != '\t' && c != '\r') seen_text = true;
    if (c == ';') ++semicolons;
    if (c == ',') ++commas;
  }
  return semicolons > commas ? ';' : ',';
}

}  // namespace

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : 99;
    if (n == 99 || (n == 1 && c < 0xC2) || (n > 0 && i + n >= s.size())) return false;
    for (std::size_t k = 1; k <= n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n + 1;
  }
  return true;
}

std::string windows_1252_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char ch : bytes) {
    const auto b = static_cast<unsigned char>(ch);
    char32_t c = b;
    if (b >= 0x80 && b < 0xA0) c = kHighBlock[b - 0x80] ? kHighBlock[b - 0x80] : U'\uFFFD';
    append_utf8(out, c);
  }
  return out;
}

std::expected<Table, ReadError> read(std::string_view bytes) {
  Table table;
  std::string converted;
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);  // the byte-order mark Excel puts before "CSV UTF-8"
  } else if (!valid_utf8(bytes)) {
    converted = windows_1252_to_utf8(bytes);
    bytes = converted;
    table.was_windows_1252 = true;
  }
  if (!table.was_windows_1252 && !valid_utf8(bytes))
    return std::unexpected(ReadError{0, "Le fichier commence comme de l'UTF-8 mais contient des octets invalides : "
                                        "enregistrez-le de nouveau en « CSV UTF-8 »."});
  const char sep = table.separator = detect_separator(bytes);

  int line = 1;
  std::size_t i = 0;
  while (i < bytes.size()) {
    Row row{line, {std::string{}}};
    bool quoted = false;
    bool was_quoted = false;  // the current field began with a quote
    int quote_line = line;
    for (; i < bytes.size(); ++i) {
      const char c = bytes[i];
      std::string& f = row.fields.back();
      if (quoted) {
        if (c == '"' && i + 1 < bytes.size() && bytes[i + 1] == '"') {
          f += '"';
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          if (c == '\n') ++line;
          if (c != '\r' || i + 1 >= bytes.size() || bytes[i + 1] != '\n') f += c;  // CRLF inside: one newline
        }
        continue;
      }
      if (c == '\n') break;
      if (c == '\r') continue;
      if (c == sep) {
        row.fields.emplace_back();
        was_quoted = false;
      } else if (c == '"' && f.find_first_not_of(" \t") == std::string::npos && !was_quoted) {
        f.clear();  // spaces before an opening quote are the spreadsheet's, not the value's
        quoted = was_quoted = true;
        quote_line = line;
      } else if (was_quoted && c != ' ' && c != '\t') {
        return std::unexpected(ReadError{
            line, fmt::format("Ligne {} : du texte suit le guillemet qui ferme un champ ; séparez les champs par "
                              "« {} ».",
                              line, sep)});
      } else if (!was_quoted) {
        f += c;
      }
    }
    if (quoted)
      return std::unexpected(ReadError{
          quote_line, fmt::format("Ligne {} : un guillemet ouvert n'est jamais refermé.", quote_line)});
    if (i < bytes.size()) ++i;  // the newline
    const bool blank = row.fields.size() == 1 && row.fields[0].find_first_not_of(" \t") == std::string::npos;
    if (!blank) table.rows.push_back(std::move(row));
    ++line;
  }
  return table;
}

std::string field(std::string_view value, char separator) {
  if (value.find_first_of(std::string{separator, '"', '\r', '\n'}) == std::string_view::npos)
    return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string row(const std::vector<std::string>& fields, char separator, std::string_view line_end) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += separator;
    out += field(fields[i], separator);
  }
  out += line_end;
  return out;
}

}  // namespace scrutin::csv
