#include "client/record/french.hpp"

#include <fmt/format.h>

#include <array>

#include "proto/convert.hpp"

namespace scrutin::record::fr {

namespace {
constexpr std::array<const char*, 12> kMonths = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                                 "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};

int number(std::string_view s) {
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return s.empty() ? -1 : n;
}
}  // namespace

std::string date_words(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::string(iso);
  const int y = number(iso.substr(0, 4)), m = number(iso.substr(5, 2)), d = number(iso.substr(8, 2));
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31) return std::string(iso);
  return fmt::format("{}{} {} {}", d, d == 1 ? "er" : "", kMonths[static_cast<std::size_t>(m - 1)], y);
}

std::string date_slashes(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::string(iso);
  return fmt::format("{}/{}/{}", iso.substr(8, 2), iso.substr(5, 2), iso.substr(0, 4));
}

std::optional<std::string> normalise_time(std::string_view t) {
  // Hours, then ':' 'h' or 'H', then minutes (optional after 'h'), then ":SS" ignored.
  std::size_t i = 0;
  while (i < t.size() && i < 2 && t[i] >= '0' && t[i] <= '9') ++i;
  if (i == 0) return std::nullopt;
  const int h = number(t.substr(0, i));
  if (h < 0 || h > 23) return std::nullopt;
  if (i == t.size()) return std::nullopt;  // "18" alone: not a time
  const char sep = t[i];
  if (sep != ':' && sep != 'h' && sep != 'H') return std::nullopt;
  std::string_view rest = t.substr(i + 1);
  int m = 0;
  if (rest.empty()) {
    if (sep == ':') return std::nullopt;  // "18:" is unfinished; "18h" is a full hour
  } else {
    std::size_t j = 0;
    while (j < rest.size() && j < 2 && rest[j] >= '0' && rest[j] <= '9') ++j;
    m = number(rest.substr(0, j));
    if (m < 0 || m > 59) return std::nullopt;
    rest = rest.substr(j);
    // Seconds are allowed after "HH:MM" and dropped: the register counts minutes.
    if (!rest.empty()) {
      if (rest.size() != 3 || rest[0] != ':' || number(rest.substr(1)) < 0 || number(rest.substr(1)) > 59)
        return std::nullopt;
    }
  }
  return fmt::format("{:02}:{:02}", h, m);
}

std::string time_words(std::string_view hhmm) {
  const auto t = normalise_time(hhmm);
  if (!t) return std::string(hhmm);
  return fmt::format("{}h{}", number(std::string_view(*t).substr(0, 2)), std::string_view(*t).substr(3, 2));
}

std::string upper(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 'a' && c <= 'z') {
      out += static_cast<char>(c - 32);
    } else if (c == 0xC3 && i + 1 < s.size()) {
      // Latin-1 supplement: U+00E0..U+00FE map to U+00C0..U+00DE, except ÷ (U+00F7).
      const auto n = static_cast<unsigned char>(s[i + 1]);
      out += s[i];
      out += (n >= 0xA0 && n <= 0xBE && n != 0xB7) ? static_cast<char>(n - 0x20) : s[i + 1];
      ++i;
    } else if (c == 0xC5 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x93) {
      out += "\xC5\x92";  // œ -> Œ
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

namespace {
// Straight double quotes, when they pair up, become French guillemets.
std::string guillemets(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += c == '"';
  if (n == 0 || n % 2) return std::string(text);
  std::string out;
  bool open = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '"') {
      out += text[i];
      continue;
    }
    if (open) {
      out += "«";
      if (i + 1 < text.size() && text[i + 1] != ' ') out += ' ';
    } else {
      if (!out.empty() && out.back() != ' ') out += ' ';
      out += "»";
    }
    open = !open;
  }
  return out;
}
}  // namespace

std::string typeset(std::string_view raw) {
  const std::string quoted = guillemets(raw);
  const std::string_view text = quoted;
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' && i + 1 < text.size()) {
      const char next = text[i + 1];
      // A colon, semicolon, '!' or '?' followed by a space or the end: a
      // punctuation mark, not a time ("18:30") or a URL ("https://").
      const bool mark_ends = i + 2 >= text.size() || text[i + 2] == ' ' || text[i + 2] == '\n';
      if (next == ':' && mark_ends) { out += kNbsp; continue; }
      if ((next == ';' || next == '!' || next == '?') && mark_ends) { out += kNarrowNbsp; continue; }
      if (text.substr(i + 1).starts_with("»")) { out += kNbsp; continue; }
    }
    out += c;
    if (text.substr(i).starts_with("«") && i + 2 < text.size() && text[i + 2] == ' ') {
      out += text[i + 1];
      out += kNbsp;
      i += 2;
    }
  }
  return out;
}

std::string label(std::string_view name) { return fmt::format("{}{}: ", name, kNbsp); }

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

std::vector<std::string> lines(std::string_view text) {
  std::vector<std::string> out;
  std::size_t a = 0;
  while (a <= text.size()) {
    auto b = text.find('\n', a);
    if (b == std::string_view::npos) b = text.size();
    std::string_view line = text.substr(a, b - a);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (!line.empty()) out.emplace_back(line);
    a = b + 1;
  }
  return out;
}

namespace {

// Lower case for the letters French names use (ASCII and Latin-1 capitals).
std::string lower(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < s.size()) {
      const auto n = static_cast<unsigned char>(s[i + 1]);
      out += s[i];
      out += (n >= 0x80 && n <= 0x9E && n != 0x97) ? static_cast<char>(n + 0x20) : s[i + 1];
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The first word, lower case: "Assemblée générale" -> "assemblée".
std::string first_word(std::string_view phrase) {
  const auto end = phrase.find_first_of(" -'");
  return lower(phrase.substr(0, end));
}

struct KnownNoun {
  const char* word;
  Gender gender;
};
// The bodies and collectivities a register names, by their first word.
constexpr KnownNoun kNouns[] = {
    {"conseil", Gender::Masculine},       {"comité", Gender::Masculine},        {"bureau", Gender::Masculine},
    {"syndicat", Gender::Masculine},      {"collège", Gender::Masculine},       {"département", Gender::Masculine},
    {"établissement", Gender::Masculine}, {"centre", Gender::Masculine},        {"pôle", Gender::Masculine},
    {"office", Gender::Masculine},        {"groupement", Gender::Masculine},    {"directoire", Gender::Masculine},
    {"parlement", Gender::Masculine},     {"congrès", Gender::Masculine},       {"sénat", Gender::Masculine},
    {"conservatoire", Gender::Masculine}, {"hémicycle", Gender::Masculine},     {"club", Gender::Masculine},
    {"commission", Gender::Feminine},     {"assemblée", Gender::Feminine},      {"communauté", Gender::Feminine},
    {"commune", Gender::Feminine},        {"métropole", Gender::Feminine},      {"ville", Gender::Feminine},
    {"région", Gender::Feminine},         {"collectivité", Gender::Feminine},   {"association", Gender::Feminine},
    {"chambre", Gender::Feminine},        {"conférence", Gender::Feminine},     {"délégation", Gender::Feminine},
    {"agglomération", Gender::Feminine},  {"fédération", Gender::Feminine},     {"union", Gender::Feminine},
    {"société", Gender::Feminine},        {"fondation", Gender::Feminine},      {"section", Gender::Feminine},
    {"municipalité", Gender::Feminine},   {"entente", Gender::Feminine},        {"caisse", Gender::Feminine},
    {"agence", Gender::Feminine},         {"régie", Gender::Feminine},          {"mutuelle", Gender::Feminine},
    {"coopérative", Gender::Feminine},    {"intercommunalité", Gender::Feminine},
};

const KnownNoun* known(std::string_view phrase) {
  const std::string w = first_word(phrase);
  for (const KnownNoun& n : kNouns)
    if (w == n.word) return &n;
  return nullptr;
}

}  // namespace

Gender infer_gender(std::string_view phrase) {
  if (const KnownNoun* n = known(phrase)) return n->gender;
  const std::string w = first_word(phrase);
  for (const char* ending : {"ion", "ée", "té", "ure", "ence", "ance"})
    if (w.ends_with(ending)) return Gender::Feminine;
  return Gender::Masculine;
}

Gender body_gender(const pb::SessionInfo& s) {
  const std::string g = lower(s.body_gender());
  if (g == "f") return Gender::Feminine;
  if (g == "m") return Gender::Masculine;
  return infer_gender(s.body());
}

bool elides(std::string_view word) {
  if (word.empty()) return false;
  const char c = word.front();
  if (std::string_view("aeiouyAEIOUY").find(c) != std::string_view::npos) return true;
  if (c == 'h' || c == 'H') {
    // Aspirated h: "la Haute Autorité", "le hameau".
    const std::string w = first_word(word);
    for (const char* aspirated : {"haut", "haute", "hauts", "hautes", "hameau", "hall", "halle", "hangar"})
      if (w == aspirated) return false;
    return true;
  }
  // Accented vowels and ligatures, small or capital.
  for (std::string_view vowel : {"à", "â", "ä", "é", "è", "ê", "ë", "î", "ï", "ô", "ö", "ù", "û", "ü", "œ", "æ", "À", "Â", "Ä",
                                 "É", "È", "Ê", "Ë", "Î", "Ï", "Ô", "Ö", "Ù", "Û", "Ü", "Œ", "Æ"})
    if (word.starts_with(vowel)) return true;
  return false;
}

std::string the(std::string_view np, Gender g) {
  if (np.empty()) return {};
  if (elides(np)) return fmt::format("l'{}", np);
  return fmt::format("{} {}", g == Gender::Feminine ? "la" : "le", np);
}

std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 32);
  return s;
}

std::string of_the(std::string_view np, Gender g) {
  if (np.empty()) return {};
  if (elides(np)) return fmt::format("de l'{}", np);
  return fmt::format("{} {}", g == Gender::Feminine ? "de la" : "du", np);
}

std::string agreed(std::string_view participle, Gender g) {
  std::string out(participle);
  if (g == Gender::Feminine && !out.ends_with('e')) out += 'e';
  return out;
}

std::string the_body(const pb::SessionInfo& s) { return capitalised(the(s.body(), body_gender(s))); }
std::string of_the_body(const pb::SessionInfo& s) { return of_the(s.body(), body_gender(s)); }

std::string of_body(std::string_view name) {
  if (name.empty()) return {};
  if (const KnownNoun* n = known(name)) return of_the(name, n->gender);
  if (elides(name)) return fmt::format("de l'{}", name);
  return fmt::format("de {}", name);
}

std::string members_word(const pb::DeliberationRecord& d) {
  return d.rules_name().starts_with("Conseil") ? "Conseillers" : "Membres";
}

std::string outcome_phrase(const pb::DeliberationRecord& d) {
  const pb::Outcome& o = d.outcome();
  const pb::Counts& c = d.counts();
  // Unanimity is every expressed vote pour; "des suffrages exprimés" when some
  // voters (interested members are not voters) abstained or took no part.
  if (o.adopted() && c.contre() == 0 && c.pour() > 0)
    return c.abstentions() == 0 && c.not_taking_part() == 0 ? "à l'unanimité" : "à l'unanimité des suffrages exprimés";
  if (o.casting_vote_decided()) return "à la majorité, la voix du président étant prépondérante";
  return "à la majorité";
}

std::string outcome_short(const pb::DeliberationRecord& d) {
  std::string s = outcome_sentence(d);
  s = s.substr(std::string_view("Délibération a").size() - 1);  // "adoptée ..." / "rejetée ..."
  s[0] = static_cast<char>(s[0] - 32);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string plural(std::int64_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n > 1 ? "s" : "");
}

std::string outcome_sentence(const pb::DeliberationRecord& d) {
  const pb::Outcome& o = d.outcome();
  if (o.adopted()) return fmt::format("Délibération adoptée {}.", outcome_phrase(d));
  // Ties and empty ballots are judged on the counts that decided (weights
  // where the rules weigh); no expressed vote is not a tie.
  const MajorityCheck m = majority_check(d);
  if (m.no_vote_expressed()) return "Délibération rejetée : aucun suffrage exprimé.";
  if (m.tie() && !o.casting_vote_decided()) return "Délibération rejetée (partage égal des voix).";
  if (o.casting_vote_decided()) return "Délibération rejetée, la voix du président étant prépondérante.";
  return "Délibération rejetée.";
}

namespace {
const char* number_word(std::int64_t n) {
  static constexpr std::array<const char*, 11> kWords = {"zéro", "un",  "deux", "trois", "quatre", "cinq",
                                                         "six",  "sept", "huit", "neuf",  "dix"};
  return n >= 0 && n <= 10 ? kWords[static_cast<std::size_t>(n)] : nullptr;
}
// "tiers", "quart", "cinquième" ... "dixième"; empty past ten.
std::string part_word(std::int64_t den, bool many) {
  switch (den) {
    case 3: return "tiers";
    case 4: return many ? "quarts" : "quart";
    case 5: return many ? "cinquièmes" : "cinquième";
    case 6: return many ? "sixièmes" : "sixième";
    case 7: return many ? "septièmes" : "septième";
    case 8: return many ? "huitièmes" : "huitième";
    case 9: return many ? "neuvièmes" : "neuvième";
    case 10: return many ? "dixièmes" : "dixième";
    default: return {};
  }
}
}  // namespace

std::string majority_words(const Fraction& f, MajorityBase base) {
  if (is_absolute_majority(f))
    return base == MajorityBase::Expressed ? "majorité absolue des suffrages exprimés"
                                           : "majorité absolue des votes (abstentions comprises)";
  const std::string part = part_word(f.den, f.num > 1);
  if (part.empty() || f.num < 1 || f.num >= f.den) return fmt::format("majorité de {}/{}", f.num, f.den);
  if (f.num == 1) return fmt::format("majorité du {}", part);
  return fmt::format("majorité des {} {}", number_word(f.num), part);
}

std::string majority_line(const MajorityCheck& m, const Outcome& o) {
  const bool expressed = m.base == MajorityBase::Expressed;
  std::string figures;
  if (m.no_vote_expressed() && m.base_count == 0) {
    figures = "aucun suffrage exprimé";
  } else if (m.weighted) {
    figures = fmt::format("{} voix pour sur {} voix {} (en nombre de membres : {} pour sur {} {})", m.deciding.pour,
                          m.base_count, expressed ? "exprimées" : "(abstentions comprises)", m.heads.pour,
                          majority_base_count(m.base, m.heads), expressed ? "exprimés" : "votes");
  } else {
    figures = fmt::format("{} pour sur {} {}", m.deciding.pour, m.base_count,
                          expressed ? "exprimés" : "votes (abstentions comprises)");
  }
  std::string verdict;
  if (o.adopted) {
    verdict = o.casting_vote_decided ? "adoptée, la voix du président étant prépondérante" : "adoptée";
  } else if (m.no_vote_expressed()) {
    verdict = m.base_count == 0 ? "rejetée" : "rejetée, aucun suffrage exprimé";
  } else if (o.casting_vote_decided) {
    verdict = "rejetée, la voix du président étant prépondérante";
  } else if (m.tie()) {
    verdict = "rejetée (partage égal des voix)";
  } else {
    verdict = "rejetée";
  }
  return fmt::format("{} ; {} requise : {}{} — {}", figures, majority_words(m.majority, m.base), m.needed,
                     m.weighted ? " voix" : "", verdict);
}

MajorityCheck majority_check(const pb::DeliberationRecord& d) {
  const Fraction majority = d.has_majority() ? from_pb(d.majority()) : Fraction{1, 2};  // exports before the field
  return check_majority(majority, from_pb(d.majority_base()), d.weighted(),
                        Tally{from_pb(d.counts()), from_pb(d.weighted_counts())});
}

std::string majority_line(const pb::DeliberationRecord& d) { return majority_line(majority_check(d), from_pb(d.outcome())); }

std::string mode_words(pb::BallotMode mode) {
  switch (mode) {
    case pb::PUBLIC: return "scrutin public";
    case pb::NOMINAL: return "scrutin public avec inscription des votes nominatifs au procès-verbal";
    case pb::SECRET: return "scrutin secret";
    default: break;
  }
  return "scrutin public";
}

std::vector<std::string> names(const google::protobuf::RepeatedPtrField<std::string>& field) {
  return std::vector<std::string>(field.begin(), field.end());
}

std::string proxy_line(const pb::NamedProxy& p) { return fmt::format("{} à {}", p.mandant(), p.holder()); }

}  // namespace scrutin::record::fr
