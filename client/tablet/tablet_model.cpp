#include "tablet/tablet_model.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "proto/fingerprint.hpp"

namespace scrutin::tablet {

using gui::tr;

Situation situation_of(const pb::DelegateView& v) {
  const bool open = v.has_ballot() && v.ballot().open();
  if (open && v.voices_size() > 0) return Situation::Voting;
  if (open && v.interested()) return Situation::Interested;
  if (!v.present()) return v.proxy_holder_name().empty() ? Situation::NotCheckedIn : Situation::Represented;
  if (open) return Situation::ArrivedAfterOpening;
  if (v.has_ballot() && v.ballot().closed()) return Situation::Closed;
  return Situation::NoBallot;
}

std::string situation_sentence(const pb::DelegateView& v, Lang lang) {
  switch (situation_of(v)) {
    case Situation::NotCheckedIn:
      return tr(lang, "Vous n'êtes pas pointé présent : voyez le secrétariat.", "You are not checked in: see the clerk.");
    case Situation::Represented:
      return fmt::format(fmt::runtime(tr(lang, "Vous avez donné pouvoir à {} : c'est {} qui vote pour vous.",
                                         "You gave your proxy to {}: {} votes for you.")),
                         v.proxy_holder_name(), v.proxy_holder_name());
    case Situation::Interested:
      return tr(lang, "Vous ne prenez pas part à ce vote : vous avez déclaré un intérêt pour ce point.",
                "You take no part in this vote: you declared an interest in this item.");
    case Situation::ArrivedAfterOpening:
      return tr(lang, "Ce vote était ouvert avant votre arrivée : vous voterez au point suivant.",
                "This ballot opened before you arrived: you will vote on the next item.");
    case Situation::Voting:
      if (v.ballot().round() > 0)
        return fmt::format(fmt::runtime(tr(lang, "Élection, tour {} : choisissez, vérifiez, puis confirmez. {}",
                                           "Election, round {}: choose, check, then confirm. {}")),
                           v.ballot().round(),
                           v.ballot().mode() == pb::SECRET
                               ? tr(lang, "Scrutin secret : un bulletin ne peut pas être modifié.",
                                    "Secret ballot: a ballot cannot be changed.")
                               : tr(lang, "Scrutin public.", "Public ballot."));
      return v.ballot().mode() == pb::SECRET
                 ? tr(lang, "Scrutin secret en cours : touchez votre choix. Un vote ne peut pas être modifié.",
                      "Secret ballot open: tap your choice. A vote cannot be changed.")
             : vote_can_change(v.ballot())
                 ? tr(lang, "Vote en cours : touchez votre choix pour chaque voix. Vous pouvez le changer jusqu'à la clôture.",
                      "Ballot open: tap your choice for each voice. You may change it until the close.")
                 : tr(lang, "Vote en cours : touchez votre choix pour chaque voix. Un vote ne peut pas être modifié.",
                      "Ballot open: tap your choice for each voice. A vote cannot be changed.");
    case Situation::Closed: return result_sentence(v.ballot(), lang);
    case Situation::NoBallot:
      return tr(lang, "Pas de vote en cours : attendez l'ouverture du scrutin.",
                "No ballot open: wait for the next vote.");
  }
  return {};
}

std::vector<std::string> proxies_not_exercised_sentences(const pb::DelegateView& v, Lang lang) {
  std::vector<std::string> out;
  for (const std::string& mandant : v.proxies_not_exercised())
    out.push_back(fmt::format(fmt::runtime(tr(lang, "Pouvoir de {} : non exercé tant que vous êtes absent.",
                                              "Proxy from {}: not exercised while you are away.")),
                              mandant));
  return out;
}

bool vote_can_change(const pb::BallotView& b) { return b.allow_change() && b.mode() != pb::SECRET; }

std::string choice_word(pb::Choice c, Lang lang) {
  switch (c) {
    case pb::POUR: return tr(lang, "Pour", "For");
    case pb::CONTRE: return tr(lang, "Contre", "Against");
    case pb::ABSTENTION: return tr(lang, "Abstention", "Abstain");
    default: return tr(lang, "Ne prend pas part", "Not taking part");
  }
}

std::string voice_title(const pb::DelegateView& v, const pb::DelegateVoice& voice, Lang lang) {
  if (voice.voice() == v.member_id()) return tr(lang, "Mon vote", "My vote");
  return fmt::format("{} {}", tr(lang, "Pouvoir de", "Proxy for"), voice.name().empty() ? voice.voice() : voice.name());
}

std::string voice_status(const pb::DelegateView& v, const pb::DelegateVoice& voice, const ViewState& s, Lang lang) {
  const bool secret = v.has_ballot() && v.ballot().mode() == pb::SECRET;
  const bool election = v.has_ballot() && v.ballot().round() > 0;
  if (auto p = s.sending.find(voice.voice()); p != s.sending.end())
    return fmt::format("{} {} — {}", tr(lang, "En attente :", "Pending:"),
                       election ? tr(lang, "bulletin", "ballot") : choice_word(p->second, lang),
                       s.online ? tr(lang, "pas encore enregistré", "not recorded yet")
                                : tr(lang, "sera envoyé au retour de la connexion", "will be sent when the connection is back"));
  if (!voice.voted())
    return v.ballot().closed() ? tr(lang, "N'a pas voté", "Did not vote") : tr(lang, "Pas encore voté", "Not voted yet");
  std::string line = secret     ? tr(lang, "✓ Vote enregistré (secret)", "✓ Vote recorded (secret)")
                     : election ? tr(lang, "✓ Bulletin enregistré", "✓ Ballot recorded")
                            : fmt::format("{} {}", tr(lang, "✓ Vote enregistré :", "✓ Vote recorded:"),
                                          choice_word(voice.choice(), lang));
  if (!s.online && !s.last_update.empty())
    line += fmt::format(fmt::runtime(tr(lang, " (état de {})", " (as of {})")), s.last_update);
  return line;
}

int voices_left(const pb::DelegateView& v, const ViewState& s) {
  int left = 0;
  for (const auto& voice : v.voices())
    if (!voice.voted() && !s.sending.contains(voice.voice())) ++left;
  return left;
}

std::string voices_left_sentence(const pb::DelegateView& v, const ViewState& s, Lang lang) {
  const int left = voices_left(v, s);
  const int total = v.voices_size();
  if (left > 0)
    return fmt::format(fmt::runtime(tr(lang, "Voix restant à voter : {} sur {}", "Voices still to cast: {} of {}")), left,
                       total);
  if (!s.sending.empty())
    return tr(lang, "Toutes vos voix sont choisies : en attente de l'enregistrement.",
              "All your voices are chosen: waiting for them to be recorded.");
  return total > 1 ? tr(lang, "✓ Toutes vos voix sont enregistrées.", "✓ All your voices are recorded.")
                   : tr(lang, "✓ Votre vote est enregistré.", "✓ Your vote is recorded.");
}

std::string result_sentence(const pb::BallotView& b, Lang lang) {
  if (b.round() > 0) return round_result_sentence(b, lang);
  std::string verdict = fmt::format("{} {} : {}", tr(lang, "Vote clos", "Ballot closed"), b.item(),
                                    b.outcome().adopted() ? tr(lang, "adopté", "adopted") : tr(lang, "rejeté", "rejected"));
  if (b.outcome().unanimous()) verdict += tr(lang, " à l'unanimité", " unanimously");
  const pb::Counts& c = b.counts();
  return fmt::format("{}. {} {} · {} {} · {} {}", verdict, tr(lang, "Pour", "For"), c.pour(),
                     tr(lang, "Contre", "Against"), c.contre(), tr(lang, "Abstentions", "Abstentions"), c.abstentions());
}

void toggle_candidate(PaperDraft& d, const std::string& candidate, int seats) {
  d.blank = false;
  if (auto it = std::find(d.names.begin(), d.names.end(), candidate); it != d.names.end()) {
    d.names.erase(it);
    return;
  }
  if (seats <= 1) d.names.clear();
  if (static_cast<int>(d.names.size()) < std::max(1, seats)) d.names.push_back(candidate);
}

void toggle_blank(PaperDraft& d) {
  d.blank = !d.blank;
  if (d.blank) d.names.clear();
}

bool ready_to_review(const PaperDraft& d) { return d.blank || !d.names.empty(); }

std::string candidate_name(const pb::BallotView& b, const std::string& id) {
  for (const auto& c : b.candidates())
    if (c.id() == id) return c.name().empty() ? id : c.name();
  return id;
}

std::string election_instruction(const pb::BallotView& b, const PaperDraft& d, Lang lang) {
  if (b.seats() <= 1)
    return tr(lang, "Touchez le nom de votre candidat, ou « Vote blanc ».", "Tap your candidate's name, or \"Blank vote\".");
  return fmt::format(fmt::runtime(tr(lang, "Touchez jusqu'à {} noms ({} choisi(s)), ou « Vote blanc ».",
                                     "Tap up to {} names ({} chosen), or \"Blank vote\".")),
                     b.seats(), d.names.size());
}

std::string review_sentence(const pb::DelegateView& v, const std::string& voice, const PaperDraft& d, Lang lang) {
  std::string whose;
  for (const auto& x : v.voices())
    if (x.voice() == voice) whose = voice_title(v, x, lang);
  std::string what;
  if (d.blank) {
    what = tr(lang, "vote blanc", "blank vote");
  } else {
    for (const std::string& id : d.names) what += (what.empty() ? "" : ", ") + candidate_name(v.ballot(), id);
  }
  const bool secret = v.ballot().mode() == pb::SECRET;
  return fmt::format(fmt::runtime(tr(lang, "Vérifiez votre bulletin — {} : {}. {}", "Check your ballot — {}: {}. {}")), whose,
                     what,
                     secret ? tr(lang, "Une fois confirmé, il ne pourra plus être modifié.", "Once confirmed it cannot be changed.")
                            : tr(lang, "Vous pourrez le changer jusqu'à la clôture du tour.",
                                 "You may change it until the round is closed."));
}

std::string round_result_sentence(const pb::BallotView& b, Lang lang) {
  const auto& r = b.result();
  std::string elected;
  for (const std::string& id : r.elected()) {
    bool by_age = false;
    for (const std::string& a : r.elected_by_age()) by_age = by_age || a == id;
    elected += (elected.empty() ? "" : ", ") + candidate_name(b, id) +
               (by_age ? tr(lang, " (au bénéfice de l'âge)", " (as the oldest)") : "");
  }
  std::string out = fmt::format(fmt::runtime(tr(lang, "Tour {} clos", "Round {} closed")), b.round());
  if (!elected.empty()) out += fmt::format(" : {} {}", tr(lang, "élu(e) :", "elected:"), elected);
  if (r.another_round())
    out += fmt::format(" — {}", b.round() == 1 ? tr(lang, "second tour", "second round")
                                               : fmt::format(fmt::runtime(tr(lang, "tour {}", "round {}")), b.round() + 1));
  else if (elected.empty())
    out += tr(lang, " : aucun élu", ": nobody elected");
  return out + fmt::format(fmt::runtime(tr(lang, ". Votants {} · Blancs {} · Nuls {} · Exprimés {}",
                                           ". Ballots {} · Blank {} · Spoilt {} · Expressed {}")),
                           r.papers(), r.blank(), r.spoilt(), r.papers() - r.blank() - r.spoilt());
}

std::string confirm_sentence(const pb::DelegateView& v, const VoteAction& a, Lang lang) {
  std::string whose;
  for (const auto& voice : v.voices())
    if (voice.voice() == a.voice) whose = voice_title(v, voice, lang);
  return fmt::format(fmt::runtime(tr(lang, "{} : « {} ». Ce vote ne pourra plus être modifié. Confirmer ?",
                                     "{}: \"{}\". This vote cannot be changed. Confirm?")),
                     whose, choice_word(a.choice, lang));
}

std::vector<VoteAction> lost_votes(const pb::DelegateView& v, const ViewState& s, unsigned login) {
  std::vector<VoteAction> out;
  if (!v.has_ballot() || !v.ballot().open()) return out;
  for (const auto& voice : v.voices()) {
    auto h = s.held.find(voice.voice());
    if (h == s.held.end() || h->second.item != v.ballot().item() || s.sending.contains(voice.voice())) continue;
    const bool trusted = h->second.seen || login > h->second.login;  // not a view older than the receipt
    if (!trusted || voice.voted()) continue;
    VoteAction again{v.ballot().item(), voice.voice(), h->second.choice};
    if (const auto& paper = h->second.paper) {  // an election's ballot goes again with its names, or blank
      again.election = true;
      again.names.assign(paper->names().begin(), paper->names().end());
      again.blank = paper->blank();
    }
    out.push_back(std::move(again));
  }
  return out;
}

void note_recorded(const pb::DelegateView& v, ViewState& s) {
  if (!v.has_ballot()) return;
  for (const auto& voice : v.voices())
    if (auto h = s.held.find(voice.voice()); h != s.held.end() && h->second.item == v.ballot().item() && voice.voted())
      h->second.seen = true;
}

std::string banner_sentence(const ViewState& s, Lang lang) {
  if (s.wrong_server) return gui::fingerprint_mismatch_sentence(lang);
  if (s.taken_over)
    return tr(lang, "Vous vous êtes connecté sur une autre tablette : celle-ci est libérée. Touchez votre nom pour revenir ici.",
              "You signed in on another tablet: this one is released. Tap your name to come back here.");
  if (s.rollback_seq > 0)
    return fmt::format(fmt::runtime(tr(lang,
                                       "ATTENTION : le serveur a perdu un vote qu'il avait enregistré (reçu n° {}). "
                                       "Il est renvoyé ; prévenez le secrétariat.",
                                       "WARNING: the server lost a vote it had recorded (receipt no. {}). "
                                       "It is being sent again; tell the clerk.")),
                       s.rollback_seq);
  if (s.online)
    return s.last_update.empty() ? std::string(tr(lang, "En ligne", "Online"))
                                 : fmt::format("{} {}", tr(lang, "En ligne — mis à jour à", "Online — updated at"),
                                               s.last_update);
  if (s.last_update.empty())
    return s.reachable ? tr(lang, "Serveur de la salle joignable", "The room's server is reachable")
                       : tr(lang, "Connexion au serveur…", "Connecting to the server…");
  return fmt::format(fmt::runtime(tr(lang,
                                     "Connexion perdue : écran figé depuis {}. Reconnexion en cours ; "
                                     "vos choix en attente seront envoyés au retour.",
                                     "Connection lost: screen frozen since {}. Reconnecting; "
                                     "your pending choices will be sent when it is back.")),
                     s.last_update);
}

std::string enrolment_sentence(const EnrolmentSnapshot& e, Lang lang) {
  if (!e.found.empty())
    return tr(lang, "Touchez le serveur de votre salle : son code doit être celui affiché à l'écran de la salle.",
              "Tap your room's server: its code must be the one on the room's screen.");
  if (!e.browsing)
    return tr(lang, "Cette tablette ne peut pas chercher le serveur sur le réseau : appelez le secrétariat.",
              "This tablet cannot look for the server on the network: call the clerk.");
  if (e.searched_long)
    return tr(lang, "Aucun serveur trouvé. Vérifiez que la tablette est sur le Wi-Fi de la salle, "
                    "sinon appelez le secrétariat. La recherche continue…",
              "No server found. Check that the tablet is on the room's Wi-Fi, otherwise call the clerk. "
              "Still looking…");
  return tr(lang, "Recherche du serveur de la salle sur le réseau…", "Looking for the room's server on the network…");
}

std::string code_question(const discovery::Announcement& a, Lang lang) {
  return fmt::format(fmt::runtime(tr(lang, "L'écran de la salle affiche-t-il le code {} ?",
                                     "Does the room's screen show the code {}?")),
                     fingerprint_short_code(a.fingerprint));
}

std::string code_mismatch_sentence(Lang lang) {
  return tr(lang, "Ce serveur n'est pas celui de la salle : ne l'utilisez pas et appelez le secrétariat.",
            "This server is not the room's: do not use it, and call the clerk.");
}

std::string server_line(const discovery::Announcement& a, Lang lang) {
  return fmt::format("{}\n{} {}:{} · {} {}", a.body.empty() ? a.name : a.body, tr(lang, "Serveur", "Server"), a.host,
                     a.port, tr(lang, "code", "code"), fingerprint_short_code(a.fingerprint));
}

const pb::AgendaEntry* item_under_discussion(const pb::DelegateView& v) {
  for (const auto& e : v.agenda())
    if (e.state() == pb::AGENDA_OPEN) return &e;
  for (const auto& e : v.agenda())
    if (e.state() == pb::AGENDA_PENDING) return &e;
  return nullptr;
}

std::vector<VoteAction> same_choice_for_all(const pb::DelegateView& v, const ViewState& s, pb::Choice choice) {
  std::vector<VoteAction> out;
  if (!v.has_ballot() || !v.ballot().open()) return out;
  for (const auto& voice : v.voices()) {
    if (s.sending.contains(voice.voice())) continue;
    if (voice.voted() && (!vote_can_change(v.ballot()) || voice.choice() == choice)) continue;
    out.push_back({v.ballot().item(), voice.voice(), choice});
  }
  return out;
}

}  // namespace scrutin::tablet
