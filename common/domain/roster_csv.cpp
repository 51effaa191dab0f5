#include "domain/roster_csv.hpp"

#include <charconv>
#include <fmt/format.h>
#include <map>

namespace scrutin {

std::vector<std::string> split_csv_line(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
}

std::expected<std::vector<Member>, Error> parse_roster_csv(std::string_view text) {
  auto fail = [](int line, std::string what) {
    return std::unexpected(Error{ErrorCode::InvalidArgument, fmt::format("Roster CSV, line {}: {}", line, what)});
  };
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // spreadsheet BOM
  std::vector<Member> members;
  std::map<std::string, std::size_t> col;
  int line_no = 0;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    auto f = split_csv_line(line);
    if (col.empty()) {
      for (std::size_t i = 0; i < f.size(); ++i) col[f[i]] = i;
      if (!col.contains("id") || !col.contains("name"))
        return fail(line_no, "the header row must name at least the columns id and name.");
      continue;
    }
    auto get = [&](const char* name) -> std::string {
      auto it = col.find(name);
      return it == col.end() || it->second >= f.size() ? std::string{} : f[it->second];
    };
    Member m;
    m.id = get("id");
    m.name = get("name");
    m.group = get("group");
    m.substitute_of = get("substitute_of");
    m.birth_date = get("birth_date");
    const std::string kind = get("kind");
    if (kind.empty() || kind == "titular" || kind == "titulaire") m.kind = MemberKind::Titular;
    else if (kind == "substitute" || kind == "suppleant" || kind == "suppléant") m.kind = MemberKind::Substitute;
    else return fail(line_no, fmt::format("kind '{}' is neither titular nor substitute.", kind));
    if (const std::string w = get("weight"); !w.empty()) {
      auto [p, ec] = std::from_chars(w.data(), w.data() + w.size(), m.weight);
      if (ec != std::errc{} || p != w.data() + w.size() || m.weight <= 0)
        return fail(line_no, fmt::format("weight '{}' is not a positive whole number.", w));
      if (m.weight > kMaxWeight)
        return fail(line_no, fmt::format("le poids '{}' dépasse le plafond de {}.", w, kMaxWeight));
    }
    if (m.id.empty() || m.name.empty()) return fail(line_no, "id and name are required.");
    members.push_back(std::move(m));
    if (members.size() > kMaxMembers) return fail(line_no, fmt::format("plus de {} membres.", kMaxMembers));
  }
  if (members.empty()) return fail(line_no, "no members found.");
  return members;
}

}  // namespace scrutin
