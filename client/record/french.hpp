// French register typography and wording, shared by the text, PDF and minutes
// renderers (scrutinctl uses normalise_time to check --time).
#pragma once

#include <cstdint>
#include <string>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/majority.hpp"
#include "scrutin.pb.h"

namespace scrutin::record::fr {

inline constexpr const char* kNbsp = "\u00A0";        // before ':' and inside « »
inline constexpr const char* kNarrowNbsp = "\u202F";  // before ; ! ?

std::string date_words(std::string_view iso);   // "2022-03-22" -> "22 mars 2022", "1er avril 2022"
std::string date_slashes(std::string_view iso); // "2022-04-04" -> "04/04/2022"
// The sitting's time as the register writes it: "18:30" -> "18h30", "9:05" ->
// "9h05", "18:00" -> "18h00" (also reads "18h30", "18h", "18:30:00").
// Anything else is returned as given.
std::string time_words(std::string_view hhmm);
// "18:30", "9:5", "18h30", "18h", "18H30", "18:30:00" -> "18:30" (HH:MM); nullopt
// when it is not a time of day.
std::optional<std::string> normalise_time(std::string_view text);
std::string upper(std::string_view utf8);       // accented capitals: "é" -> "É"
// Applies the non-breaking spaces of French typography to running text:
// "a : b" -> "a\u00A0: b", "x ;" -> "x\u202F;", "« y »" -> "«\u00A0y\u00A0»".
std::string typeset(std::string_view text);
// "Libellé :" with its non-breaking space, e.g. label("Pour") -> "Pour\u00A0: ".
std::string label(std::string_view name);
std::string join(const std::vector<std::string>& items, std::string_view sep);
std::vector<std::string> lines(std::string_view text);  // split on '\n', empty lines dropped

// ---- Articles, elision and agreement --------------------------------------
// A body ("Conseil municipal", "Commission permanente", "Assemblée générale")
// takes its article and its agreements from its grammatical gender and its
// first letter. One set of functions, used by every document of the record.

enum class Gender { Masculine, Feminine };

// From the first word: a small table of the usual bodies and collectivities
// (conseil, comité, bureau, syndicat ... masculine; commission, assemblée,
// communauté, commune ... feminine), then the ending (-ion, -ée, -té, -ure,
// -ence, -ance: feminine); masculine otherwise.
Gender infer_gender(std::string_view noun_phrase);
// The session's body gender: SessionInfo.body_gender "f" or "m" when given,
// else inferred from the body.
Gender body_gender(const pb::SessionInfo& s);
// True when the article elides before the word: a vowel (accented or not, any
// case), 'y', or a mute 'h' ("Hémicycle"; "haut", "haute", "hameau" are aspirated).
bool elides(std::string_view word);

std::string the(std::string_view noun_phrase, Gender g);     // "le Conseil", "la Commission", "l'Assemblée"
std::string capitalised(std::string s);                      // first letter (ASCII) upper: "le X" -> "Le X"
std::string of_the(std::string_view noun_phrase, Gender g);  // "du Conseil", "de la Commission", "de l'Assemblée"
std::string agreed(std::string_view participle, Gender g);   // "réuni" -> "réunie" when feminine

// The session's body with its article, at the start of a sentence and after "de".
std::string the_body(const pb::SessionInfo& s);     // "Le Conseil municipal", "L'Assemblée générale"
std::string of_the_body(const pb::SessionInfo& s);  // "du Conseil municipal", "de l'Assemblée générale"

// The collectivity's name after "de": "de la Communauté de communes ...",
// "du Syndicat ...", "de l'Agglomération ...", "de Paris Habitat" (a proper
// name whose first word the table does not know takes no article).
std::string of_body(std::string_view body_name);
// "Conseillers" for a council, "Membres" for any other assembly.
std::string members_word(const pb::DeliberationRecord& d);

// The words after "après en avoir délibéré, ": "à l'unanimité", "à la majorité", ...
std::string outcome_phrase(const pb::DeliberationRecord& d);
// "Délibération adoptée à l'unanimité." / "Délibération rejetée."
std::string outcome_sentence(const pb::DeliberationRecord& d);
std::string outcome_short(const pb::DeliberationRecord& d);  // "Adoptée à l'unanimité", "Rejetée"
std::string plural(std::int64_t n, std::string_view word);    // "1 présent", "8 présents"

// The majority rule in words: "majorité absolue des suffrages exprimés",
// "majorité des deux tiers", "majorité des trois cinquièmes", "majorité de 5/8".
std::string majority_words(const Fraction& majority, MajorityBase base);
// The result line every display of a result shows (scrutinctl, the projector,
// the record), with plain spaces (the record typesets it):
//   "40 pour sur 60 exprimés ; majorité des deux tiers requise : 40 — adoptée"
//   "500 voix pour sur 1000 voix exprimées (en nombre de membres : 1 pour sur 3 exprimés) ;
//    majorité absolue des suffrages exprimés requise : 501 voix — rejetée (partage égal des voix)"
std::string majority_line(const MajorityCheck& check, const Outcome& outcome);
// The same from a record, and the check it is built on.
MajorityCheck majority_check(const pb::DeliberationRecord& d);
std::string majority_line(const pb::DeliberationRecord& d);
std::string mode_words(pb::BallotMode mode);  // "scrutin public", ...

std::vector<std::string> names(const google::protobuf::RepeatedPtrField<std::string>& field);
std::string proxy_line(const pb::NamedProxy& p);  // "Maryse BARGE à Olivier CHAMBON"

}  // namespace scrutin::record::fr
