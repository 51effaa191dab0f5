#include "gui/text.hpp"

#include <cctype>
#include <ctime>

#include <fmt/format.h>

namespace scrutin::gui {

std::string refusal_code(const pb::Refused& refused) {
  // "CODE_BALLOT_CLOSED" -> "ballot_closed"; without a code, the kind: "LOCKED_OUT" -> "locked_out".
  std::string name = refused.code() != pb::CODE_NONE ? pb::RefusalCode_Name(refused.code()).substr(5)
                                                     : pb::ErrorKind_Name(refused.kind());
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

namespace {

struct Sentence {
  std::string_view code;
  const char* fr;
  const char* en;
};

// One line per code the server sends to a tablet or a display (proto/PROTOCOL.md).
constexpr Sentence kRefusals[] = {
    {"bad_credentials", "Nom ou code incorrect. Retapez votre code.", "Wrong name or PIN. Type your PIN again."},
    {"locked_out", "Trop de codes incorrects : attendez une minute, puis réessayez.",
     "Too many wrong PINs: wait a minute, then try again."},
    {"version_mismatch", "Cette tablette n'est pas à jour pour ce serveur : appelez le secrétariat.",
     "This tablet does not match the server's version: call the clerk."},
    {"server_busy", "Le serveur est occupé : réessayez dans un instant.", "The server is busy: try again in a moment."},
    {"internal", "Le serveur ne peut rien enregistrer pour l'instant : appelez le secrétariat.",
     "The server cannot record anything now: call the clerk."},
    {"forbidden", "Cette action n'est pas permise depuis une tablette.", "This action is not allowed from a tablet."},
    {"not_logged_in", "Identifiez-vous d'abord.", "Sign in first."},
    {"bad_frame", "Message illisible pour le serveur : appelez le secrétariat.",
     "The server could not read the message: call the clerk."},
    {"unknown_message", "Le serveur ne connaît pas cette demande : appelez le secrétariat.",
     "The server does not know this request: call the clerk."},
    {"ballot_not_open", "Ce vote n'est pas ouvert.", "This ballot is not open."},
    {"ballot_closed", "Ce vote est clos : votre choix n'a pas été pris en compte.",
     "This ballot is closed: your choice was not counted."},
    {"already_voted", "Vous avez déjà voté, et ce vote ne peut pas être modifié.",
     "You have already voted, and this vote cannot be changed."},
    {"not_entitled", "Vous ne pouvez pas voter pour cette voix.", "You cannot vote for this voice."},
    {"interested", "Vous avez déclaré un intérêt : vous ne prenez pas part à ce vote.",
     "You declared an interest: you take no part in this vote."},
    {"not_present", "Vous n'êtes pas pointé présent : voyez le secrétariat.",
     "You are not checked in: see the clerk."},
    {"unknown_member", "Ce membre n'est pas sur la liste : voyez le secrétariat.",
     "This member is not on the roster: see the clerk."},
    {"unknown_item", "Ce point n'est pas à l'ordre du jour.", "This item is not on the agenda."},
    {"invalid_argument", "Choix non valable : touchez Pour, Contre, Abstention ou Ne prend pas part.",
     "Not a valid choice: tap For, Against, Abstain or Not taking part."},
    {"quorum_not_met", "Le quorum n'est pas atteint.", "The quorum is not met."},
    {"journal_unavailable", "Le serveur ne peut pas enregistrer pour l'instant : votre vote n'est pas pris en compte. Réessayez, ou appelez le secrétariat.",
     "The server cannot record right now: your vote was not counted. Try again, or call the clerk."},
    {"stopping", "Le serveur s'arrête : réessayez dans un instant.", "The server is stopping: try again in a moment."},
    // Elections of persons.
    {"bad_paper", "Bulletin non valable : touchez un nom (ou autant de noms que de sièges), ou « Vote blanc ».",
     "Ballot not valid: tap a name (or as many names as seats), or \"Blank vote\"."},
    {"unknown_candidate", "Ce candidat ne se présente pas à ce tour.", "This candidate is not standing in this round."},
    {"not_an_election", "Ce point n'est pas une élection : votez Pour, Contre ou Abstention.",
     "This item is not an election: vote For, Against or Abstain."},
    {"election_over", "Cette élection est terminée.", "This election is over."},
    {"too_many_changes", "Vous avez changé ce vote trop souvent : attendez un peu avant de le changer encore.",
     "You changed this vote too often: wait a little before changing it again."},
    {"taken_over", "Vous vous êtes connecté sur une autre tablette : celle-ci est libérée.",
     "You signed in on another tablet: this one is released."},
};

}  // namespace

std::string refusal_sentence(std::string_view code, Lang lang) {
  for (const Sentence& s : kRefusals)
    if (s.code == code) return tr(lang, s.fr, s.en);
  return fmt::format("{} ({})", tr(lang, "Refusé par le serveur : appelez le secrétariat", "Refused by the server: call the clerk"),
                     code.empty() ? "?" : code);
}

std::string fingerprint_mismatch_sentence(Lang lang) {
  return tr(lang,
            "Ce n'est pas le serveur de la salle : le code affiché ne correspond pas. "
            "Ne votez pas ici, appelez le secrétariat.",
            "This is not the room's server: its code does not match. Do not vote here; call the clerk.");
}

std::string agenda_line(const pb::AgendaEntry& e, Lang lang) {
  const char* state = e.state() == pb::AGENDA_OPEN       ? tr(lang, "vote en cours", "vote open")
                      : e.state() == pb::AGENDA_ADOPTED  ? tr(lang, "✓ adopté", "✓ adopted")
                      : e.state() == pb::AGENDA_REJECTED ? tr(lang, "✗ rejeté", "✗ rejected")
                                                         : tr(lang, "à venir", "to come");
  return fmt::format("{}  {} — {}", e.item(), e.title(), state);
}

std::string clock_time(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm local{};
  localtime_r(&t, &local);
  char text[16];
  std::strftime(text, sizeof text, "%H:%M:%S", &local);
  return text;
}

}  // namespace scrutin::gui
