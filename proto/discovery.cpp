#include "proto/discovery.hpp"

#include <algorithm>
#include <cctype>

#include "proto/protocol.hpp"

namespace scrutin::discovery {

namespace {

// DNS-SD limits each TXT string to 255 bytes.
std::string capped(std::string s) {
  if (s.size() > 255) s.resize(255);
  return s;
}

std::optional<std::string_view> value_of(const std::vector<std::string>& txt, std::string_view key) {
  for (const auto& entry : txt) {
    if (entry.size() > key.size() && entry.compare(0, key.size(), key) == 0 && entry[key.size()] == '=')
      return std::string_view(entry).substr(key.size() + 1);
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::string> txt_record(std::string_view fingerprint, std::string_view body) {
  std::vector<std::string> txt{capped("fp=" + std::string(fingerprint)), "v=" + std::to_string(protocol::kVersion)};
  if (!body.empty()) txt.push_back(capped("body=" + std::string(body)));
  return txt;
}

bool read_txt(const std::vector<std::string>& txt, Announcement& a) {
  const auto version = value_of(txt, "v");
  if (!version || *version != std::to_string(protocol::kVersion)) return false;
  const auto fp = value_of(txt, "fp");
  if (!fp || fp->size() != 64 ||
      !std::all_of(fp->begin(), fp->end(), [](unsigned char c) { return std::isxdigit(c) != 0; }))
    return false;
  a.fingerprint.assign(fp->begin(), fp->end());
  std::transform(a.fingerprint.begin(), a.fingerprint.end(), a.fingerprint.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  a.body = std::string(value_of(txt, "body").value_or(""));
  return true;
}

}  // namespace scrutin::discovery
