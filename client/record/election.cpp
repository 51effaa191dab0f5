// The record of an election of persons, in the usual French form: for each
// round the number of voters, blank and spoilt ballots, expressed ballots, the
// absolute majority, the votes of each candidate, then who "a été proclamé
// élu(e)" or that another round follows (CGCT L2122-7, L2121-21).
#include <fmt/format.h>

#include "client/record/french.hpp"
#include "client/record/render.hpp"

namespace scrutin::record {

namespace {

std::string round_name(int round) {
  switch (round) {
    case 1: return "Premier tour de scrutin";
    case 2: return "Deuxième tour de scrutin";
    case 3: return "Troisième tour de scrutin";
    default: return fmt::format("{}e tour de scrutin", round);
  }
}

std::string ordinal_round(int round) {
  switch (round) {
    case 1: return "premier tour";
    case 2: return "deuxième tour";
    case 3: return "troisième tour";
    default: return fmt::format("{}e tour", round);
  }
}

std::string voix(std::int64_t n) { return fmt::format("{} voix", n); }

bool contains(const google::protobuf::RepeatedPtrField<std::string>& names, const std::string& name) {
  for (const std::string& n : names)
    if (n == name) return true;
  return false;
}

}  // namespace

std::vector<std::pair<std::string, std::int64_t>> election_round_counts(const pb::ElectionRoundRecord& r) {
  const pb::ElectionRoundResult& x = r.result();
  std::vector<std::pair<std::string, std::int64_t>> out{
      {"Nombre de conseillers présents ou représentés", x.voters()},
      {"Nombre de conseillers n'ayant pas pris part au vote", x.voters() - x.papers()},
      {"Nombre de votants (bulletins déposés)", x.papers()},
      {"Bulletins blancs", x.blank()},
      {"Bulletins nuls", x.spoilt()},
      {"Suffrages exprimés", x.papers() - x.blank() - x.spoilt()},
  };
  if (!x.relative()) out.push_back({"Majorité absolue", x.majority_needed()});
  return out;
}

std::vector<std::string> election_round_paragraphs(const pb::DeliberationRecord& d, const pb::ElectionRoundRecord& r,
                                                   int max_rounds) {
  const pb::ElectionRoundResult& x = r.result();
  std::vector<std::string> out;
  out.push_back(fmt::format("{}{}", fr::upper(round_name(x.round())),
                            x.relative() ? " (à la majorité relative)" : " (à la majorité absolue)"));
  std::string box;
  for (const auto& [what, n] : election_round_counts(r)) box += fmt::format("{}{}\n", fr::label(what), n);
  box.pop_back();
  out.push_back(box);
  std::string votes = "Ont obtenu" + std::string(fr::kNbsp) + ":";
  for (int i = 0; i < x.votes_size() && i < r.candidate_names_size(); ++i)
    votes += fmt::format("\n  {}{}", fr::label(r.candidate_names(i)), voix(x.votes(i).votes()));
  out.push_back(votes);
  const bool designation = d.item().election_rules().designation_without_ballot();
  const char* elected_words = designation ? "a été proclamé élu(e) et désigné(e)" : "a été proclamé élu(e)";
  for (const std::string& name : r.elected_names()) {
    if (contains(r.elected_by_age_names(), name))
      out.push_back(fmt::format("{}, plus âgé(e) des candidats ayant obtenu le même nombre de voix ({}), {} au bénéfice "
                                "de l'âge au {}.",
                                name, x.relative() ? "majorité relative" : "majorité absolue", elected_words,
                                ordinal_round(x.round())));
    else
      out.push_back(fmt::format("{}, ayant obtenu la majorité {} des suffrages exprimés, {} au {}.", name,
                                x.relative() ? "relative" : "absolue", elected_words, ordinal_round(x.round())));
  }
  const int left = x.seats() - r.elected_names_size();
  if (x.another_round()) {
    const bool next_relative = x.round() + 1 > max_rounds - 1;
    const std::string why = r.elected_names_size() == 0
                                ? "Aucun candidat n'ayant obtenu la majorité absolue des suffrages exprimés"
                                : fmt::format("{} siège{} restant à pourvoir", left, left > 1 ? "s" : "");
    out.push_back(fmt::format("{}, il est procédé à un {} de scrutin{}.", why, ordinal_round(x.round() + 1),
                              next_relative ? ", à la majorité relative" : ""));
  } else if (left > 0) {
    out.push_back(fmt::format("{} siège{} n'{} pu être pourvu{} : aucun autre candidat n'a obtenu de voix.", left,
                              left > 1 ? "s" : "", left > 1 ? "ont" : "a", left > 1 ? "s" : ""));
  }
  if (!r.entered_by_clerk().empty())
    out.push_back(fmt::format("Bulletin{} saisi{} par le secrétariat de séance pour{}: {}.", r.entered_by_clerk_size() > 1 ? "s" : "",
                              r.entered_by_clerk_size() > 1 ? "s" : "", fr::kNbsp,
                              fr::join(fr::names(r.entered_by_clerk()), ", ")));
  return out;
}

std::vector<std::string> election_paragraphs(const pb::DeliberationRecord& d) {
  const pb::ElectionRecord& e = d.election();
  std::vector<std::string> out;
  out.push_back(fmt::format("{}{} ({} siège{} à pourvoir).", fr::label("Règles appliquées"), e.rules_name(), e.seats(),
                            e.seats() > 1 ? "s" : ""));
  out.push_back(fr::label("Candidats") + fr::join(fr::names(e.candidate_names()), ", ") + ".");
  if (!e.withdrawn_names().empty())
    out.push_back(fr::label(e.withdrawn_names_size() > 1 ? "Candidatures retirées" : "Candidature retirée") +
                  fr::join(fr::names(e.withdrawn_names()), ", ") + ".");
  if (e.designated_without_ballot()) {
    out.push_back(fmt::format("{}, ayant décidé à l'unanimité de ne pas procéder au scrutin secret (article L2121-21 du "
                              "CGCT), et une seule candidature ayant été déposée pour chaque siège à pourvoir, les "
                              "nominations prennent effet immédiatement.",
                              fr::the_body(d.session())));
    for (const std::string& name : e.elected_names()) out.push_back(name + " a été désigné(e), sans scrutin.");
    return out;
  }
  out.push_back(fr::label("Mode de scrutin") + fr::mode_words(d.mode()));
  // The rounds the rules allow: the absolute ones, then the relative one.
  const int max_rounds = d.item().election_rules().absolute_rounds() + 1;
  for (const auto& r : e.rounds())
    for (std::string& p : election_round_paragraphs(d, r, max_rounds)) out.push_back(std::move(p));
  if (e.elected_names_size() > 0)
    out.push_back(fmt::format("{}{}.", fr::label(e.elected_names_size() > 1 ? "Sont élus" : "Est élu(e)"),
                              fr::join(fr::names(e.elected_names()), ", ")));
  return out;
}

std::string election_short(const pb::DeliberationRecord& d) {
  const pb::ElectionRecord& e = d.election();
  if (e.designated_without_ballot())
    return fmt::format("Désignation sans scrutin (L2121-21) : {}", fr::join(fr::names(e.elected_names()), ", "));
  std::string t = fmt::format("Élection en {} tour{}", e.rounds_size(), e.rounds_size() > 1 ? "s" : "");
  if (e.elected_names_size() > 0) t += fmt::format(" — élu{} : {}", e.elected_names_size() > 1 ? "s" : "(e)", fr::join(fr::names(e.elected_names()), ", "));
  else t += " — aucun élu";
  if (!e.rounds().empty()) {
    const auto& x = e.rounds(e.rounds_size() - 1).result();
    t += fmt::format(" (dernier tour : votants {}, blancs {}, nuls {}, exprimés {})", x.papers(), x.blank(), x.spoilt(),
                     x.papers() - x.blank() - x.spoilt());
  }
  return t;
}

}  // namespace scrutin::record
