// French register typography and wording, shared by the text, PDF and minutes
// renderers. Internal to scrutin_record.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scrutin.pb.h"

namespace scrutin::record::fr {

inline constexpr const char* kNbsp = "\u00A0";        // before ':' and inside « »
inline constexpr const char* kNarrowNbsp = "\u202F";  // before ; ! ?

std::string date_words(std::string_view iso);   // "2022-03-22" -> "22 mars 2022", "1er avril 2022"
std::string date_slashes(std::string_view iso); // "2022-04-04" -> "04/04/2022"
std::string time_words(std::string_view hhmm);  // "18:30" -> "18h30"
std::string upper(std::string_view utf8);       // accented capitals: "é" -> "É"
// Applies the non-breaking spaces of French typography to running text:
// "a : b" -> "a\u00A0: b", "x ;" -> "x\u202F;", "« y »" -> "«\u00A0y\u00A0»".
std::string typeset(std::string_view text);
// "Libellé :" with its non-breaking space, e.g. label("Pour") -> "Pour\u00A0: ".
std::string label(std::string_view name);
std::string join(const std::vector<std::string>& items, std::string_view sep);
std::vector<std::string> lines(std::string_view text);  // split on '\n', empty lines dropped

// "de la Communauté de communes ...", "du Syndicat ...", "de l'Agglomération ...".
std::string of_body(std::string_view body_name);
// "Conseillers" for a council, "Membres" for any other assembly.
std::string members_word(const pb::DeliberationRecord& d);

// The words after "après en avoir délibéré, ": "à l'unanimité", "à la majorité", ...
std::string outcome_phrase(const pb::DeliberationRecord& d);
// "Délibération adoptée à l'unanimité." / "Délibération rejetée."
std::string outcome_sentence(const pb::DeliberationRecord& d);
std::string outcome_short(const pb::DeliberationRecord& d);  // "Adoptée à l'unanimité", "Rejetée"
std::string plural(std::int64_t n, std::string_view word);    // "1 présent", "8 présents"
std::string mode_words(pb::BallotMode mode);  // "scrutin public", ...

std::vector<std::string> names(const google::protobuf::RepeatedPtrField<std::string>& field);
std::string proxy_line(const pb::NamedProxy& p);  // "Maryse BARGE à Olivier CHAMBON"

}  // namespace scrutin::record::fr
