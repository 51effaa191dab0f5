// Small text helpers for tests that read the seed extract.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace scrutin::text {

// What a shell command prints on its standard output (pdftotext and the like).
inline std::string shell_output(const std::string& command) {
  std::unique_ptr<FILE, decltype(&pclose)> p(popen(command.c_str(), "r"), &pclose);
  if (!p) return {};
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p.get())) > 0;) out.append(buf, n);
  return out;
}

// The text between `from` and the next `to`; empty when `from` is absent.
inline std::string between(const std::string& text, const std::string& from, const std::string& to) {
  auto a = text.find(from);
  if (a == std::string::npos) return {};
  a += from.size();
  auto b = text.find(to, a);
  return text.substr(a, b == std::string::npos ? std::string::npos : b - a);
}

// Text (pdftotext's, say) as one line of words: line and page ends and
// no-break spaces become single spaces (a paragraph wraps anywhere between words).
inline std::string one_line_of_words(std::string s) {
  for (const std::string nb : {"\u00A0", "\u202F"})
    for (auto p = s.find(nb); p != std::string::npos; p = s.find(nb, p)) s.replace(p, nb.size(), " ");
  std::string out;
  for (char c : s) {
    if (c == '\n' || c == '\f') c = ' ';
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out += c;
  }
  return out;
}

// Without surrounding blanks, newlines and a final full stop.
inline std::string trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '.' || s.back() == '\r')) s.pop_back();
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n')) s.erase(0, 1);
  return s;
}

// Split on `sep`, each part trimmed, empty parts dropped.
inline std::vector<std::string> split(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  std::size_t a = 0;
  while (true) {
    auto b = s.find(sep, a);
    std::string part = trim(s.substr(a, b == std::string::npos ? std::string::npos : b - a));
    if (!part.empty()) out.push_back(part);
    if (b == std::string::npos) break;
    a = b + sep.size();
  }
  return out;
}

}  // namespace scrutin::text
