// The plain-text documents: the extract of the register, the list of
// deliberations and the minutes skeleton. UTF-8, French typography,
// paragraphs on one line each (the reader's viewer wraps them).
#include <fmt/format.h>

#include "client/record/french.hpp"
#include "client/record/record.hpp"
#include "client/record/render.hpp"

namespace scrutin::record {

using fr::join;
using fr::label;

namespace {

const pb::DeliberationRecord* find(const pb::SessionRecord& record, const std::string& item_id) {
  for (const auto& d : record.deliberations())
    if (d.item().id() == item_id) return &d;
  return nullptr;
}

std::string no_such_item(const pb::SessionRecord& record, const std::string& item_id) {
  std::vector<std::string> ids;
  for (const auto& d : record.deliberations()) ids.push_back(d.item().id());
  if (ids.empty()) return fmt::format("No deliberation {}: this record holds no closed ballot.", item_id);
  return fmt::format("No deliberation {} in this record; it holds {}.", item_id, join(ids, ", "));
}

}  // namespace

// ---- The extract's parts, shared with the PDF renderer -----------------------

std::string extract_heading(const pb::DeliberationRecord& d) {
  return "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS " + fr::upper(fr::of_the_body(d.session()));
}

std::string sitting_heading(const pb::DeliberationRecord& d) {
  return fr::upper(d.session().body()) + " " + sitting_date_heading(d.session());
}

std::string sitting_date_heading(const pb::SessionInfo& s) {
  // As the register prints it: "DU 22 MARS 2022 à 18H30" (the "à" stays small).
  std::string h = "DU " + fr::upper(fr::date_words(s.date()));
  if (!s.time().empty()) h += " à " + fr::upper(fr::time_words(s.time()));
  return h;
}

std::string convocation_line(const pb::SessionInfo& s) {
  // Empty only in a draft (an official document is refused without it).
  return label("Date de la convocation") + (s.convocation_date().empty() ? "à compléter" : fr::date_words(s.convocation_date()));
}

std::string presided_line(const pb::DeliberationRecord& d) {
  std::string who = d.president_name();
  if (!d.session().president_title().empty()) who += ", " + d.session().president_title();
  return label("Séance présidée par") + who;
}

std::string convened_sentence(const pb::DeliberationRecord& d) {
  const pb::SessionInfo& s = d.session();
  std::string out = fr::the_body(s);
  if (!s.body_name().empty()) out += " " + fr::of_body(s.body_name());
  out += fmt::format(" s'est {} le {}", fr::agreed("réuni", fr::body_gender(s)), fr::date_words(s.date()));
  if (!s.time().empty()) out += fmt::format(" à {}", fr::time_words(s.time()));
  if (!s.place().empty()) out += ", " + s.place();
  out += ".";
  if (s.reconvened()) out += " Séance tenue sur seconde convocation, sans condition de quorum.";
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> count_box(const pb::DeliberationRecord& d) {
  const std::string w = fr::members_word(d);
  return {{w + " en exercice", d.in_office()},
          {w + " présents", d.present_titulars()},
          {"Suppléants ayant voix délibérante", d.substitutes()},
          {w + " représentés", d.represented()},
          {"Total votants", d.counts().voters()}};
}

std::vector<AttendanceLine> attendance_lines(const pb::DeliberationRecord& d) {
  std::vector<AttendanceLine> out;
  auto list = [](const google::protobuf::RepeatedPtrField<std::string>& f) { return join(fr::names(f), ", ") + "."; };
  const std::string w = fr::members_word(d);
  const bool council = w == "Conseillers";
  out.push_back({council ? "Conseiller.e.s présent.e.s" : "Membres présents",
                 d.present_names().empty() ? "néant." : list(d.present_names()), false});
  if (!d.proxies().empty()) {
    std::vector<std::string> ps;
    for (const auto& p : d.proxies()) ps.push_back(fr::proxy_line(p));
    out.push_back({council ? "Conseiller.e.s ayant donné pouvoir" : "Membres ayant donné pouvoir", join(ps, "\n"), true});
  }
  if (!d.excused_names().empty()) out.push_back({w + " absents excusés", list(d.excused_names()), false});
  if (!d.absent_names().empty()) out.push_back({w + " absents", list(d.absent_names()), false});
  if (!d.substitute_names().empty())
    out.push_back({council ? "Conseiller.e.s suppléant.e.s ayant voix délibérante" : "Suppléants ayant voix délibérante",
                   list(d.substitute_names()), false});
  if (!d.proxies_not_exercised().empty()) {
    std::vector<std::string> ps;
    for (const auto& p : d.proxies_not_exercised()) ps.push_back(fr::proxy_line(p));
    out.push_back({"Pouvoirs non exercés sur ce point (mandataire absent ou intéressé)", join(ps, ", ") + ".", false});
  }
  if (!d.interested_names().empty())
    out.push_back({w + " intéressés, ne prenant pas part au vote", list(d.interested_names()), false});
  return out;
}

std::string quorum_line(const pb::DeliberationRecord& d) {
  if (d.session().reconvened())
    return label("Quorum") + fmt::format("seconde convocation, sans condition de quorum ({} présents).", d.quorum_present());
  return label("Quorum") + fmt::format("{} présents pour {} requis{}.", d.quorum_present(), d.quorum_required(),
                                       d.quorum_met() ? ", atteint" : ", NON ATTEINT");
}

std::string secretary_line(const pb::DeliberationRecord& d) { return label("Secrétaire de séance") + d.secretary_name(); }

std::string rapporteur_line(const pb::DeliberationRecord& d) {
  if (d.rapporteur_name().empty()) return {};
  std::string who = d.rapporteur_name();
  if (!d.item().rapporteur_title().empty()) who += ", " + d.item().rapporteur_title();
  return label("Rapporteur") + who;
}

std::string deliberated_sentence(const pb::DeliberationRecord& d) {
  if (d.outcome().adopted())
    return fmt::format("{}, après en avoir délibéré, {}{}:", fr::the_body(d.session()), fr::outcome_phrase(d), fr::kNbsp);
  return fmt::format("{}, après en avoir délibéré, n'adopte pas le projet de délibération suivant{}:",
                     fr::the_body(d.session()), fr::kNbsp);
}

std::vector<std::string> decision_lines(const pb::DeliberationRecord& d) {
  std::vector<std::string> out;
  for (const std::string& line : fr::lines(d.item().decision()))
    out.push_back(fr::typeset(line.starts_with("- ") ? line.substr(2) : line));
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> vote_counts(const pb::DeliberationRecord& d) {
  const pb::Counts& c = d.counts();
  // Voters present: the voters less the represented (an interested member is
  // in the room but not a voter).
  return {{"TOTAL VOTANTS", c.voters()},
          {fr::members_word(d) + " présents", c.voters() - d.represented()},
          {"Représentés", d.represented()},
          {"Non-participation", c.not_taking_part()},
          {"TOTAL DES VOIX EXPRIMÉES", c.pour() + c.contre()},
          {"Pour", c.pour()},
          {"Contre", c.contre()},
          {"Abstentions", c.abstentions()}};
}

std::string weighted_line(const pb::DeliberationRecord& d) {
  if (!d.weighted()) return {};
  const pb::Counts& w = d.weighted_counts();
  return label("Voix pondérées") + fmt::format("votants {}, non-participation {}, exprimées {}, pour {}, contre {}, abstentions {}.",
                                               w.voters(), w.not_taking_part(), w.pour() + w.contre(), w.pour(),
                                               w.contre(), w.abstentions());
}

std::vector<std::pair<std::string, std::string>> names_by_direction(const pb::DeliberationRecord& d) {
  std::vector<std::pair<std::string, std::string>> out;
  if (d.mode() == pb::SECRET) return out;
  auto add = [&](const char* what, const google::protobuf::RepeatedPtrField<std::string>& f) {
    if (!f.empty()) out.push_back({fmt::format("{} ({})", what, f.size()), join(fr::names(f), ", ") + "."});
  };
  add("Ont voté pour", d.names_pour());
  add("Ont voté contre", d.names_contre());
  add("Se sont abstenus", d.names_abstention());
  add("N'ont pas pris part au vote", d.names_not_taking_part());
  return out;
}

std::string secret_note(const pb::DeliberationRecord& d) {
  if (d.mode() != pb::SECRET) return {};
  return "Vote à bulletin secret : le journal enregistre qui a voté et le décompte, jamais le sens du vote de chacun.";
}

std::string clerk_note(const pb::DeliberationRecord& d) {
  if (d.entered_by_clerk().empty()) return {};
  const bool one = d.entered_by_clerk_size() == 1;
  return fmt::format("{} par le secrétariat de séance, à la demande de l'élu{} (tablette défaillante){}: {}.",
                     one ? "Vote saisi" : "Votes saisis", one ? "" : "s", fr::kNbsp, join(fr::names(d.entered_by_clerk()), ", "));
}

std::vector<std::string> signature_lines(const pb::DeliberationRecord& d) {
  const std::string& title = d.session().president_title();
  // "Le Président,", "La Présidente,", "L'Adjoint au maire,".
  const bool feminine = title.ends_with("ente") || title.ends_with("ointe") || title.ends_with("ère") || title.ends_with("rice");
  std::string who = title.empty() ? "Le Président,"
                                  : fr::capitalised(fr::the(title, feminine ? fr::Gender::Feminine : fr::Gender::Masculine)) + ",";
  return {"Pour ampliation certifiée conforme,", who, d.president_name()};
}

std::string digest_line(const pb::DeliberationRecord& d) {
  if (d.journal_digest().empty()) return label("Empreinte du journal") + "non disponible (record built without its journal)";
  return label("Empreinte du journal (SHA-256 de la clôture du scrutin)") + d.journal_digest();
}

std::vector<std::string> prefecture_lines(const pb::DeliberationRecord& d) {
  std::vector<std::string> out;
  if (!d.prefecture_received().empty()) out.push_back("Reçu en préfecture le " + fr::date_slashes(d.prefecture_received()));
  if (!d.published().empty()) out.push_back("Publié le " + fr::date_slashes(d.published()));
  return out;
}

// ---- Text extract -------------------------------------------------------------

std::string extract_text(const pb::DeliberationRecord& d, const std::string& banner) {
  std::string t;
  auto para = [&](const std::string& s) {
    if (!s.empty()) t += s + "\n\n";
  };
  para(banner);
  const pb::SessionInfo& s = d.session();
  std::string header = s.body_name();
  for (const std::string& line : fr::lines(s.body_address())) header += "\n" + line;
  para(header);
  para(extract_heading(d));
  std::string acts = label("Identifiant ACTES") + d.acts_id();
  for (const std::string& line : prefecture_lines(d)) acts += "\n" + line;
  para(acts);
  para("N° " + d.item().id());
  para(sitting_heading(d));
  para(presided_line(d) + "\n" + convocation_line(s));
  std::string box;
  for (const auto& [what, n] : count_box(d)) box += fmt::format("{}{}\n", label(what), n);
  box.pop_back();
  para(box);
  para(convened_sentence(d));
  for (const AttendanceLine& a : attendance_lines(d)) para(a.label + fr::kNbsp + ":" + (a.block ? "\n" : " ") + a.text);
  para(quorum_line(d));
  para(secretary_line(d));
  para(fr::typeset(d.item().title()));
  para(rapporteur_line(d));
  for (const std::string& p : fr::lines(d.item().text())) para(fr::typeset(p));
  if (d.has_election()) {
    // An election: the rounds in the usual form instead of a motion's vote.
    for (const std::string& p : election_paragraphs(d)) para(fr::typeset(p));
    para(join(signature_lines(d), "\n"));
    para(digest_line(d));
    t.pop_back();
    return t;
  }
  para("Ayant entendu l'exposé qui précède,");
  para(deliberated_sentence(d));
  std::string decision;
  for (const std::string& line : decision_lines(d)) decision += "- " + line + "\n";
  if (!decision.empty()) decision.pop_back();
  para(decision);
  para(label("Mode de scrutin") + fr::mode_words(d.mode()));
  std::string counts;
  for (const auto& [what, n] : vote_counts(d)) counts += fmt::format("{}{}\n", label(what), n);
  counts.pop_back();
  para(counts);
  para(weighted_line(d));
  para(fr::typeset(fr::majority_line(d) + "."));
  para(fr::outcome_sentence(d));
  for (const auto& [what, who] : names_by_direction(d)) para(label(what) + who);
  para(fr::typeset(secret_note(d)));
  para(clerk_note(d));
  para(join(signature_lines(d), "\n"));
  para(digest_line(d));
  t.pop_back();  // one newline at the end
  return t;
}

std::expected<std::string, std::string> extract_text(const pb::SessionRecord& record, const std::string& item_id,
                                                     const Options& options) {
  const pb::DeliberationRecord* d = find(record, item_id);
  if (!d) return std::unexpected(no_such_item(record, item_id));
  const auto missing = missing_fields(*d);
  if (!missing.empty() && !options.draft) return std::unexpected(missing_sentence(missing));
  return extract_text(*d, options.draft ? draft_banner(missing) : "");
}

const pb::DeliberationRecord* find_deliberation(const pb::SessionRecord& record, const std::string& item_id) {
  return find(record, item_id);
}
std::string missing_deliberation(const pb::SessionRecord& record, const std::string& item_id) {
  return no_such_item(record, item_id);
}

// ---- List of deliberations -------------------------------------------------------

namespace {
std::string counts_inline(const pb::DeliberationRecord& d) {
  const pb::Counts& c = d.counts();
  return fmt::format("votants {}, non-participation {}, exprimés {}, pour {}, contre {}, abstentions {}", c.voters(),
                     c.not_taking_part(), c.pour() + c.contre(), c.pour(), c.contre(), c.abstentions());
}
}  // namespace

std::string deliberation_list_text(const pb::SessionRecord& record, const Options& options) {
  if (record.deliberations().empty()) return "Aucune délibération : aucun scrutin clos dans cette séance.\n";
  const pb::DeliberationRecord& first = record.deliberations(0);
  const pb::SessionInfo& s = first.session();
  std::string t = options.draft ? draft_banner(missing_fields(record)) + "\n\n" : "";
  t += s.body_name() + "\n\n";
  t += fmt::format("LISTE DES DÉLIBÉRATIONS DE LA SÉANCE {} DU {}\n\n", fr::upper(fr::of_the_body(s)),
                   fr::upper(fr::date_words(s.date())));
  t += fmt::format("Séance du {}{}{}, présidée par {}.\n\n", fr::date_words(s.date()),
                   s.time().empty() ? "" : " à " + fr::time_words(s.time()), s.place().empty() ? "" : ", " + s.place(),
                   first.president_name());
  int n = 0;
  for (const auto& d : record.deliberations()) {
    t += fmt::format("{}. N° {} — {}\n", ++n, d.item().id(), fr::typeset(d.item().title()));
    if (d.has_election()) {
      t += fmt::format("   {}{}.\n", fr::typeset(election_short(d)), d.mode() == pb::SECRET ? ", scrutin secret" : "");
      t += fmt::format("   {}{}\n\n", label("Identifiant ACTES"), d.acts_id());
      continue;
    }
    t += fmt::format("   {} — {}{}.\n", fr::outcome_short(d), counts_inline(d),
                     d.mode() == pb::SECRET ? ", scrutin secret" : "");
    t += fmt::format("   {}.\n", fr::typeset(fr::majority_line(d)));
    t += fmt::format("   {}{}\n\n", label("Identifiant ACTES"), d.acts_id());
  }
  t += fmt::format("{} délibération{} au total.\n", n, n > 1 ? "s" : "");
  return t;
}

// ---- Minutes skeleton -------------------------------------------------------------

std::string minutes_text(const pb::SessionRecord& record, const Options& options) {
  if (record.deliberations().empty()) return "Procès-verbal : aucun scrutin clos dans cette séance.\n";
  const pb::DeliberationRecord& first = record.deliberations(0);
  const pb::SessionInfo& s = first.session();
  std::string t = options.draft ? draft_banner(missing_fields(record)) + "\n\n" : "";
  t += s.body_name() + "\n";
  for (const std::string& line : fr::lines(s.body_address())) t += line + "\n";
  t += fmt::format("\nPROCÈS-VERBAL DE LA SÉANCE {} {}\n\n", fr::upper(fr::of_the_body(s)), sitting_date_heading(s));
  t += convened_sentence(first) + "\n";
  t += presided_line(first) + "\n";
  t += convocation_line(s) + "\n";
  t += secretary_line(first) + "\n";
  t += label("Règles appliquées") + first.rules_name() + "\n";
  t += label(fr::members_word(first) + " en exercice") + std::to_string(first.in_office()) + "\n\n";
  t += "[Ouverture de la séance, approbation du procès-verbal précédent, communications : à compléter.]\n\n";
  int n = 0;
  for (const auto& d : record.deliberations()) {
    t += fmt::format("{}. N° {} — {}\n\n", ++n, d.item().id(), fr::typeset(d.item().title()));
    if (!d.rapporteur_name().empty()) t += rapporteur_line(d) + "\n";
    t += fmt::format("{}{} ({}, {}), {}, {}.\n", label("Présence"), fr::plural(d.present_titulars() + d.substitutes(), "présent"),
                     fr::plural(d.present_titulars(), "titulaire"), fr::plural(d.substitutes(), "suppléant"),
                     fr::plural(d.represented(), "représenté"), fr::plural(d.counts().voters(), "votant"));
    for (const AttendanceLine& a : attendance_lines(d)) {
      std::string text = a.text;
      if (a.block) {
        std::string joined;
        for (const std::string& l : fr::lines(text)) joined += (joined.empty() ? "" : ", ") + l;
        text = joined + ".";
      }
      t += label(a.label) + text + "\n";
    }
    t += quorum_line(d) + "\n";
    if (d.has_election()) {
      t += "[Appel des candidatures : à compléter.]\n";
      for (const std::string& p : election_paragraphs(d)) t += fr::typeset(p) + "\n";
      t += label("Identifiant ACTES") + d.acts_id() + "\n";
      if (!d.journal_digest().empty()) t += label("Empreinte du journal") + d.journal_digest() + "\n";
      t += "\n";
      continue;
    }
    t += label("Mode de scrutin") + fr::mode_words(d.mode()) + "\n";
    t += "[Exposé et débats : à compléter.]\n";
    t += label("Résultat") + counts_inline(d) + ".\n";
    if (d.weighted()) t += weighted_line(d) + "\n";
    t += fr::typeset(fr::majority_line(d)) + ".\n";
    t += fr::outcome_sentence(d) + "\n";
    for (const auto& [what, who] : names_by_direction(d)) t += label(what) + who + "\n";
    if (!secret_note(d).empty()) t += fr::typeset(secret_note(d)) + "\n";
    if (!clerk_note(d).empty()) t += clerk_note(d) + "\n";
    t += label("Identifiant ACTES") + d.acts_id() + "\n";
    if (!d.journal_digest().empty()) t += label("Empreinte du journal") + d.journal_digest() + "\n";
    t += "\n";
  }
  t += "[Questions diverses, levée de la séance à ...h... : à compléter.]\n\n";
  t += fmt::format("{}\t\tLe secrétaire de séance,\n", signature_lines(first)[1]);
  t += fmt::format("{}\t\t{}\n", first.president_name(), first.secretary_name());
  return t;
}

}  // namespace scrutin::record
