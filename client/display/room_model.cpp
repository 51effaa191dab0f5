#include "display/room_model.hpp"

#include <fmt/format.h>

namespace scrutin::display {

using gui::tr;

Screen screen_of(const pb::RoomView& room, const ViewState& s) {
  const bool has_ballot = room.has_ballot();
  switch (room.projector().screen()) {
    case pb::PROJECTOR_WELCOME: return Screen::Agenda;
    case pb::PROJECTOR_ATTENDANCE: return Screen::Attendance;
    case pb::PROJECTOR_MESSAGE:
      if (!room.projector().message().empty()) return Screen::Message;
      break;
    case pb::PROJECTOR_BALLOT:
      if (has_ballot && room.ballot().open()) return Screen::Open;
      break;
    case pb::PROJECTOR_RESULT:
      if (has_ballot && room.ballot().closed()) return Screen::Result;
      break;
    case pb::PROJECTOR_NAMES:
      if (name_pages(room) > 0) return Screen::Names;
      break;
    default: break;  // AUTO, or a choice that cannot be shown now: the session decides
  }
  if (!has_ballot) return Screen::Agenda;
  const pb::BallotView& b = room.ballot();
  if (b.open()) return Screen::Open;
  if (s.page > 0 && s.page <= name_pages(room)) return Screen::Names;
  return Screen::Result;
}

int chosen_names_page(const pb::RoomView& room, const ViewState& s) {
  const int pages = name_pages(room);
  if (pages == 0) return 0;
  if (room.projector().screen() == pb::PROJECTOR_NAMES) return s.page >= 1 && s.page <= pages ? s.page : 1;
  return s.page;
}

std::string received_figure(const pb::BallotView& b) { return fmt::format("{} / {}", b.cast(), b.expected()); }

std::string received_words(Lang lang) { return tr(lang, "votes reçus", "votes received"); }

std::string mode_sentence(const pb::BallotView& b, Lang lang) {
  switch (b.mode()) {
    case pb::SECRET: return tr(lang, "Scrutin secret", "Secret ballot");
    case pb::NOMINAL: return tr(lang, "Scrutin public, avec les noms", "Public ballot, with names");
    default: return tr(lang, "Scrutin public", "Public ballot");
  }
}

std::string quorum_sentence(int present, int required, Lang lang) {
  const bool met = present >= required;
  return fmt::format(fmt::runtime(tr(lang, "Quorum : {} présents, {} requis — {}", "Quorum: {} present, {} required — {}")),
                     present, required,
                     met ? tr(lang, "✓ atteint", "✓ met") : tr(lang, "✗ non atteint", "✗ not met"));
}

std::string attendance_sentence(const pb::RoomView& r, Lang lang) {
  return fmt::format(fmt::runtime(tr(lang, "En exercice {} · Présents {} · Représentés {}",
                                     "In office {} · Present {} · Represented {}")),
                     r.in_office(), r.present(), r.represented());
}

std::string verdict(const pb::BallotView& b, Lang lang) {
  return b.outcome().adopted() ? tr(lang, "✓ ADOPTÉ", "✓ ADOPTED") : tr(lang, "✗ REJETÉ", "✗ REJECTED");
}

std::string result_details(const pb::BallotView& b, Lang lang) {
  const pb::Counts& c = b.counts();
  std::string out = fmt::format(
      fmt::runtime(tr(lang, "Votants {} · Exprimés {} · Ne prennent pas part {}", "Voters {} · Expressed {} · Not taking part {}")),
      c.voters(), c.pour() + c.contre(), c.not_taking_part());
  if (b.outcome().unanimous()) out += tr(lang, " · à l'unanimité", " · unanimously");
  if (b.outcome().casting_vote_decided())
    out += tr(lang, " · partage des voix : la voix du président l'emporte", " · tie: the president's casting vote decided");
  return out;
}

bool live_counts_shown(const pb::BallotView& b, const ViewState& s) {
  return b.round() == 0 && b.mode() != pb::SECRET && !s.hide_live_count && b.has_counts();
}

std::string live_note(const pb::BallotView& b, const ViewState& s, Lang lang) {
  if (b.round() > 0)
    return tr(lang, "Élection : seul le nombre de votes reçus est affiché jusqu'à la clôture du tour.",
              "Election: only how many have voted is shown until the round is closed.");
  if (b.mode() == pb::SECRET)
    return tr(lang, "Scrutin secret : seul le nombre de votes reçus est affiché jusqu'à la clôture.",
              "Secret ballot: only how many have voted is shown until the close.");
  if (s.hide_live_count) return tr(lang, "Le décompte sera affiché à la clôture.", "The count will be shown at the close.");
  return {};
}

std::string offline_sentence(const ViewState& s, Lang lang) {
  if (s.wrong_server) return gui::fingerprint_mismatch_sentence(lang);
  if (s.last_update.empty()) return tr(lang, "Connexion au serveur…", "Connecting to the server…");
  return fmt::format(fmt::runtime(tr(lang, "Connexion perdue : chiffres figés depuis {}", "Connection lost: figures frozen since {}")),
                     s.last_update);
}

std::string journal_sentence(const pb::RoomView& r, Lang lang) {
  if (r.journal_problem().empty()) return {};
  return tr(lang, "Le serveur ne peut plus écrire son journal : rien de nouveau n'est enregistré pour l'instant.",
            "The server cannot write its journal: nothing new is recorded for now.");
}

std::string enrolment_line(const ViewState& s, Lang lang) {
  if (s.server.empty()) return {};
  return fmt::format("{} {} · {} {}", tr(lang, "Serveur", "Server"), s.server, tr(lang, "code", "code"),
                     s.short_code.empty() ? "—" : s.short_code);
}

std::string round_sentence(const pb::BallotView& b, Lang lang) {
  const bool relative = b.round() > b.absolute_rounds();
  return fmt::format(fmt::runtime(tr(lang, "Élection — tour {} · {} siège{} · majorité {}", "Election — round {} · {} seat{} · {} majority")),
                     b.round(), b.seats(), b.seats() > 1 ? "s" : "",
                     relative ? tr(lang, "relative", "relative") : tr(lang, "absolue", "absolute"));
}

std::vector<CandidateLine> round_lines(const pb::BallotView& b) {
  std::vector<CandidateLine> out;
  auto name_of = [&](const std::string& id) {
    for (const auto& c : b.candidates())
      if (c.id() == id) return c.name().empty() ? id : c.name();
    return id;
  };
  auto among = [](const google::protobuf::RepeatedPtrField<std::string>& ids, const std::string& id) {
    for (const auto& x : ids)
      if (x == id) return true;
    return false;
  };
  for (const auto& v : b.result().votes())
    out.push_back({name_of(v.candidate()), v.votes(), among(b.result().elected(), v.candidate()),
                   among(b.result().elected_by_age(), v.candidate())});
  return out;
}

std::string round_figures(const pb::BallotView& b, Lang lang) {
  const auto& r = b.result();
  std::string out = fmt::format(fmt::runtime(tr(lang, "Votants {} · Blancs {} · Nuls {} · Exprimés {}",
                                                "Ballots cast {} · Blank {} · Spoilt {} · Expressed {}")),
                                r.papers(), r.blank(), r.spoilt(), r.papers() - r.blank() - r.spoilt());
  if (r.relative()) return out + tr(lang, " · Majorité relative", " · Relative majority");
  return out + fmt::format(fmt::runtime(tr(lang, " · Majorité absolue {}", " · Absolute majority {}")), r.majority_needed());
}

std::string round_verdict(const pb::BallotView& b, Lang lang) {
  std::vector<std::string> elected;
  for (const CandidateLine& l : round_lines(b))
    if (l.elected) elected.push_back(l.by_age ? l.name + tr(lang, " (au bénéfice de l'âge)", " (as the oldest)") : l.name);
  std::string out;
  if (!elected.empty())
    out = fmt::format("{} : {}", elected.size() > 1 ? tr(lang, "✓ Élus", "✓ Elected") : tr(lang, "✓ Élu(e)", "✓ Elected"),
                      fmt::join(elected, ", "));
  if (b.result().another_round()) {
    const bool next_relative = b.round() + 1 > b.absolute_rounds();
    const std::string next =
        b.round() + 1 == 2 ? tr(lang, "second tour", "second round")
                           : fmt::format(fmt::runtime(tr(lang, "tour {}", "round {}")), b.round() + 1);
    out += (out.empty() ? tr(lang, "Aucun élu — ", "Nobody elected — ") : std::string(" · ")) + next +
           (next_relative ? tr(lang, ", à la majorité relative", ", at relative majority") : "");
  } else if (elected.empty()) {
    out = tr(lang, "Aucun élu", "Nobody elected");
  }
  return out;
}

namespace {

struct Direction {
  pb::Choice choice;
  const google::protobuf::RepeatedPtrField<std::string>* names;
};

std::vector<Direction> directions(const pb::RoomView& r) {
  return {{pb::POUR, &r.names_pour()}, {pb::CONTRE, &r.names_contre()}, {pb::ABSTENTION, &r.names_abstention()}};
}

int pages_of(int n) { return (n + kNamesPerPage - 1) / kNamesPerPage; }

}  // namespace

int name_pages(const pb::RoomView& r) {
  if (!r.has_ballot() || !r.ballot().closed() || r.ballot().mode() != pb::NOMINAL) return 0;
  int pages = 0;
  for (const auto& d : directions(r)) pages += pages_of(d.names->size());
  return pages;
}

NamesPage names_page(const pb::RoomView& r, int page, Lang lang) {
  NamesPage out;
  int first = 1;
  for (const auto& d : directions(r)) {
    const int n = pages_of(d.names->size());
    if (page < first + n) {
      const int k = page - first;  // page within this direction
      const char* word = d.choice == pb::POUR ? tr(lang, "Pour", "For")
                         : d.choice == pb::CONTRE ? tr(lang, "Contre", "Against")
                                                  : tr(lang, "Abstention", "Abstain");
      out.direction = d.choice;
      out.heading = n > 1 ? fmt::format(fmt::runtime(tr(lang, "{} ({}) — page {} sur {}", "{} ({}) — page {} of {}")), word,
                                        d.names->size(), k + 1, n)
                          : fmt::format("{} ({})", word, d.names->size());
      for (int i = k * kNamesPerPage; i < std::min(d.names->size(), (k + 1) * kNamesPerPage); ++i)
        out.names.push_back(d.names->Get(i));
      return out;
    }
    first += n;
  }
  return out;
}

}  // namespace scrutin::display
