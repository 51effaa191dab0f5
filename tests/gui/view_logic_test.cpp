// What the tablet and the projector say in every state, without a window: the
// view logic is a set of plain functions of the pushed view plus view-only
// state, so each sentence is checked here in French and in English.
#include <gtest/gtest.h>

#include <string>

#include "display/room_model.hpp"
#include "gui/text.hpp"
#include "tablet/tablet_model.hpp"

namespace scrutin {
namespace {

using gui::Lang;
using tablet::Situation;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

pb::DelegateView delegate(const std::string& id, const std::string& name, bool present) {
  pb::DelegateView v;
  v.set_member_id(id);
  v.set_name(name);
  v.set_present(present);
  return v;
}

pb::BallotView open_ballot(pb::BallotMode mode = pb::PUBLIC, bool allow_change = true) {
  pb::BallotView b;
  b.set_item("2026-41");
  b.set_title("Budget primitif");
  b.set_mode(mode);
  b.set_allow_change(allow_change);
  b.set_open(true);
  b.set_expected(29);
  b.set_cast(3);
  return b;
}

void add_voice(pb::DelegateView& v, const std::string& id, const std::string& name, bool voted = false,
               pb::Choice choice = pb::POUR) {
  auto* voice = v.add_voices();
  voice->set_voice(id);
  voice->set_name(name);
  voice->set_voted(voted);
  voice->set_choice(choice);
}

// ---- Tablet ----

TEST(TabletSentences, NotCheckedInSendsTheDelegateToTheClerk) {
  for (const auto& [id, name] : {std::pair{"M07", "Jeanne DUPONT"}, {"T02", "Olivier CHAMBON"}}) {
    const auto v = delegate(id, name, false);
    EXPECT_EQ(tablet::situation_of(v), Situation::NotCheckedIn);
    EXPECT_EQ(tablet::situation_sentence(v, Lang::Fr), "Vous n'êtes pas pointé présent : voyez le secrétariat.");
    EXPECT_EQ(tablet::situation_sentence(v, Lang::En), "You are not checked in: see the clerk.");
  }
  // Also while a ballot is open: still not a blank screen.
  auto v = delegate("M08", "Paul MARTIN", false);
  *v.mutable_ballot() = open_ballot();
  EXPECT_EQ(tablet::situation_of(v), Situation::NotCheckedIn);
}

TEST(TabletSentences, ProxiesHeldWhileAwayAreNotExercised) {
  auto v = delegate("T02", "Olivier CHAMBON", false);
  v.add_proxies_not_exercised("Maryse BARGE");
  v.add_proxies_not_exercised("Daniel BERTHUCAT");
  const auto fr = tablet::proxies_not_exercised_sentences(v, Lang::Fr);
  ASSERT_EQ(fr.size(), 2u);
  EXPECT_EQ(fr[0], "Pouvoir de Maryse BARGE : non exercé tant que vous êtes absent.");
  EXPECT_EQ(tablet::proxies_not_exercised_sentences(v, Lang::En)[1], "Proxy from Daniel BERTHUCAT: not exercised while you are away.");
}

TEST(TabletSentences, RepresentedNamesTheProxyHolder) {
  for (const std::string holder : {"Maryse BARGE", "Daniel BERTHUCAT"}) {
    auto v = delegate("T44", "Someone", false);
    v.set_proxy_holder_name(holder);
    *v.mutable_ballot() = open_ballot();
    EXPECT_EQ(tablet::situation_of(v), Situation::Represented);
    const std::string fr = tablet::situation_sentence(v, Lang::Fr);
    EXPECT_TRUE(has(fr, "Vous avez donné pouvoir à " + holder)) << fr;
    EXPECT_TRUE(has(tablet::situation_sentence(v, Lang::En), "You gave your proxy to " + holder));
  }
}

TEST(TabletSentences, InterestedTakesNoPart) {
  auto v = delegate("M07", "Jeanne DUPONT", true);
  v.set_interested(true);
  *v.mutable_ballot() = open_ballot();
  EXPECT_EQ(tablet::situation_of(v), Situation::Interested);
  EXPECT_TRUE(has(tablet::situation_sentence(v, Lang::Fr), "Vous ne prenez pas part à ce vote"));
  EXPECT_TRUE(has(tablet::situation_sentence(v, Lang::En), "You take no part in this vote"));
}

TEST(TabletSentences, ArrivedAfterTheOpeningVotesOnTheNextItem) {
  auto v = delegate("M09", "Luc PETIT", true);
  *v.mutable_ballot() = open_ballot();
  EXPECT_EQ(tablet::situation_of(v), Situation::ArrivedAfterOpening);
  EXPECT_TRUE(has(tablet::situation_sentence(v, Lang::Fr), "avant votre arrivée"));
}

TEST(TabletSentences, NoBallotShowsTheAgendaAndTheItemUnderDiscussion) {
  auto v = delegate("M01", "Anne ROUX", true);
  for (auto [id, state] : {std::pair{"2026-40", pb::AGENDA_ADOPTED}, {"2026-41", pb::AGENDA_PENDING}, {"2026-42", pb::AGENDA_PENDING}}) {
    auto* e = v.add_agenda();
    e->set_item(id);
    e->set_title("Point " + std::string(id));
    e->set_state(state);
  }
  EXPECT_EQ(tablet::situation_of(v), Situation::NoBallot);
  EXPECT_TRUE(has(tablet::situation_sentence(v, Lang::Fr), "Pas de vote en cours"));
  ASSERT_NE(tablet::item_under_discussion(v), nullptr);
  EXPECT_EQ(tablet::item_under_discussion(v)->item(), "2026-41");
  EXPECT_TRUE(has(tablet::agenda_line(v.agenda(0), Lang::Fr), "adopté"));
  EXPECT_TRUE(has(tablet::agenda_line(v.agenda(1), Lang::Fr), "à venir"));
  EXPECT_TRUE(has(tablet::agenda_line(v.agenda(1), Lang::En), "to come"));
  // An open item is the one under discussion, wherever it is.
  v.mutable_agenda(2)->set_state(pb::AGENDA_OPEN);
  EXPECT_EQ(tablet::item_under_discussion(v)->item(), "2026-42");
}

TEST(TabletSentences, ClosedShowsTheResultAndTheDelegatesOwnChoices) {
  auto v = delegate("T02", "Olivier CHAMBON", true);
  auto b = open_ballot();
  b.set_open(false);
  b.set_closed(true);
  b.mutable_counts()->set_pour(20);
  b.mutable_counts()->set_contre(30);
  b.mutable_counts()->set_abstentions(6);
  b.mutable_outcome()->set_adopted(false);
  *v.mutable_ballot() = b;
  add_voice(v, "T02", "Olivier CHAMBON", true, pb::CONTRE);
  add_voice(v, "T44", "Maryse BARGE", true, pb::ABSTENTION);
  add_voice(v, "T46", "Daniel BERTHUCAT", false);
  tablet::ViewState s;
  s.online = true;
  EXPECT_EQ(tablet::situation_of(v), Situation::Closed);
  const std::string fr = tablet::situation_sentence(v, Lang::Fr);
  EXPECT_TRUE(has(fr, "Vote clos 2026-41 : rejeté")) << fr;
  EXPECT_TRUE(has(fr, "Pour 20 · Contre 30 · Abstentions 6")) << fr;
  EXPECT_EQ(tablet::voice_status(v, v.voices(0), s, Lang::Fr), "✓ Vote enregistré : Contre");
  EXPECT_EQ(tablet::voice_status(v, v.voices(1), s, Lang::Fr), "✓ Vote enregistré : Abstention");
  EXPECT_EQ(tablet::voice_status(v, v.voices(2), s, Lang::Fr), "N'a pas voté");
  EXPECT_EQ(tablet::voice_title(v, v.voices(1), Lang::Fr), "Pouvoir de Maryse BARGE");
  EXPECT_EQ(tablet::voice_title(v, v.voices(0), Lang::En), "My vote");
  // Adopted unanimously, in English.
  v.mutable_ballot()->mutable_outcome()->set_adopted(true);
  v.mutable_ballot()->mutable_outcome()->set_unanimous(true);
  EXPECT_TRUE(has(tablet::situation_sentence(v, Lang::En), "adopted unanimously"));
}

TEST(TabletSentences, PendingChoicesAreNeverShownAsRecorded) {
  auto v = delegate("T02", "Olivier CHAMBON", true);
  *v.mutable_ballot() = open_ballot();
  add_voice(v, "T02", "Olivier CHAMBON", true, pb::POUR);
  add_voice(v, "T44", "Maryse BARGE");
  add_voice(v, "T46", "Daniel BERTHUCAT");
  tablet::ViewState s;
  s.online = false;
  s.last_update = "10:42:13";
  s.sending["T44"] = pb::CONTRE;
  const std::string pending = tablet::voice_status(v, v.voices(1), s, Lang::Fr);
  EXPECT_FALSE(has(pending, "enregistré")) << pending;
  EXPECT_TRUE(has(pending, "En attente : Contre")) << pending;
  EXPECT_TRUE(has(pending, "au retour de la connexion")) << pending;
  // A vote recorded before the cut says as of when.
  EXPECT_EQ(tablet::voice_status(v, v.voices(0), s, Lang::Fr), "✓ Vote enregistré : Pour (état de 10:42:13)");
  // Online again, the receipt not back yet: still pending, not recorded.
  s.online = true;
  EXPECT_TRUE(has(tablet::voice_status(v, v.voices(1), s, Lang::Fr), "pas encore enregistré"));
  EXPECT_FALSE(has(tablet::voice_status(v, v.voices(1), s, Lang::En), "recorded:"));
  // A pending choice is not counted as done either.
  EXPECT_EQ(tablet::voices_left(v, s), 1);
  EXPECT_EQ(tablet::voices_left_sentence(v, s, Lang::Fr), "Voix restant à voter : 1 sur 3");
}

TEST(TabletSentences, TheBannerSaysOfflineWithTheTimeOfTheLastUpdate) {
  tablet::ViewState s;
  EXPECT_EQ(tablet::banner_sentence(s, Lang::Fr), "Connexion au serveur…");
  s.reachable = true;  // before sign-in, the names came
  EXPECT_EQ(tablet::banner_sentence(s, Lang::Fr), "Serveur de la salle joignable");
  s.last_update = "10:42:13";
  const std::string fr = tablet::banner_sentence(s, Lang::Fr);
  EXPECT_TRUE(has(fr, "Connexion perdue") && has(fr, "10:42:13")) << fr;
  s.online = true;
  EXPECT_EQ(tablet::banner_sentence(s, Lang::Fr), "En ligne — mis à jour à 10:42:13");
  s.wrong_server = true;
  EXPECT_TRUE(has(tablet::banner_sentence(s, Lang::Fr), "Ce n'est pas le serveur de la salle"));
  EXPECT_TRUE(has(tablet::banner_sentence(s, Lang::Fr), "appelez le secrétariat"));
  EXPECT_TRUE(has(tablet::banner_sentence(s, Lang::En), "This is not the room's server"));
}

// Item 7 of issue 12: a receipt the server no longer knows (its journal lost
// the tail) is found from a view that can be trusted to include it, said
// loudly, and the vote resubmitted; an older view or the clerk's entry is not a loss.
TEST(TabletRollback, AReceiptTheServerNoLongerKnowsIsSaidAndResent) {
  for (pb::BallotMode mode : {pb::PUBLIC, pb::NOMINAL, pb::SECRET}) {
    auto v = delegate("T02", "Olivier CHAMBON", true);
    *v.mutable_ballot() = open_ballot(mode, mode != pb::SECRET);
    add_voice(v, "T02", "Olivier CHAMBON");
    add_voice(v, "T44", "Maryse BARGE");
    tablet::ViewState s;
    s.online = true;
    s.held["T02"] = {"2026-41", pb::CONTRE, 42, "ab12", 1, false};
    s.held["T44"] = {"2026-41", pb::POUR, 43, "cd34", 1, false};
    // A view older than the receipts (same sign-in, never seen recorded): no alarm.
    EXPECT_TRUE(tablet::lost_votes(v, s, 1).empty());
    // Seen recorded once, then a view without them (the server restarted on a shorter journal).
    auto recorded = v;
    recorded.mutable_voices(0)->set_voted(true);
    recorded.mutable_voices(1)->set_voted(true);
    tablet::note_recorded(recorded, s);
    EXPECT_TRUE(tablet::lost_votes(recorded, s, 1).empty());
    auto lost = tablet::lost_votes(v, s, 1);
    ASSERT_EQ(lost.size(), 2u);
    EXPECT_EQ(lost[0], (tablet::VoteAction{"2026-41", "T02", pb::CONTRE}));
    EXPECT_EQ(lost[1], (tablet::VoteAction{"2026-41", "T44", pb::POUR}));
    // Never seen, but the view comes after a new sign-in: trusted too.
    s.held["T44"].seen = false;
    EXPECT_EQ(tablet::lost_votes(v, s, 2).size(), 2u);
    // A voice being sent again, another item, a closed ballot: nothing to resend.
    s.sending["T02"] = pb::CONTRE;
    EXPECT_EQ(tablet::lost_votes(v, s, 2).size(), 1u);
    s.held["T44"].item = "2026-40";
    EXPECT_TRUE(tablet::lost_votes(v, s, 2).empty());
    v.mutable_ballot()->set_open(false);
    v.mutable_ballot()->set_closed(true);
    s.held["T44"].item = "2026-41";
    EXPECT_TRUE(tablet::lost_votes(v, s, 2).empty());
    // The banner says it loudly, with the receipt's number, in both languages.
    s.rollback_seq = 42;
    const std::string fr = tablet::banner_sentence(s, Lang::Fr);
    EXPECT_TRUE(has(fr, "perdu") && has(fr, "42") && has(fr, "renvoyé")) << fr;
    EXPECT_TRUE(has(tablet::banner_sentence(s, Lang::En), "lost a vote")) << tablet::banner_sentence(s, Lang::En);
  }
  // A different choice recorded (the clerk's entry) is not a loss.
  auto v = delegate("T02", "Olivier CHAMBON", true);
  *v.mutable_ballot() = open_ballot();
  add_voice(v, "T02", "Olivier CHAMBON", true, pb::ABSTENTION);
  tablet::ViewState s;
  s.held["T02"] = {"2026-41", pb::CONTRE, 42, "ab12", 1, true};
  EXPECT_TRUE(tablet::lost_votes(v, s, 3).empty());
}

// An election's ballot the server lost goes again with its paper (names or
// blank): a choice alone would be refused as no ballot at all.
TEST(TabletRollback, ALostElectionBallotIsResentWithItsPaper) {
  for (int seats : {1, 3}) {
    auto v = delegate("T02", "Olivier CHAMBON", true);
    *v.mutable_ballot() = open_ballot(pb::SECRET, false);
    v.mutable_ballot()->set_round(1);
    v.mutable_ballot()->set_seats(seats);
    add_voice(v, "T02", "Olivier CHAMBON");
    add_voice(v, "T44", "Maryse BARGE");
    tablet::ViewState s;
    pb::ElectionPaper names;
    for (int i = 0; i < seats; ++i) names.add_names("C" + std::to_string(i));
    pb::ElectionPaper blank;
    blank.set_blank(true);
    s.held["T02"] = {"2026-41", pb::POUR, 42, "ab12", 1, true, names};
    s.held["T44"] = {"2026-41", pb::POUR, 43, "cd34", 1, true, blank};
    const auto lost = tablet::lost_votes(v, s, 1);
    ASSERT_EQ(lost.size(), 2u);
    EXPECT_TRUE(lost[0].election);
    EXPECT_EQ(static_cast<int>(lost[0].names.size()), seats);
    EXPECT_EQ(lost[0].names.front(), "C0");
    EXPECT_FALSE(lost[0].blank);
    EXPECT_TRUE(lost[1].election);
    EXPECT_TRUE(lost[1].names.empty());
    EXPECT_TRUE(lost[1].blank);
  }
}

TEST(TabletVoting, CounterAndSameChoiceForEveryVoice) {
  for (int proxies : {0, 1, 3}) {
    auto v = delegate("T02", "Olivier CHAMBON", true);
    *v.mutable_ballot() = open_ballot();
    add_voice(v, "T02", "Olivier CHAMBON");
    for (int i = 0; i < proxies; ++i) add_voice(v, "P" + std::to_string(i), "Mandant " + std::to_string(i));
    tablet::ViewState s;
    s.online = true;
    EXPECT_EQ(tablet::voices_left(v, s), 1 + proxies);
    const auto all = tablet::same_choice_for_all(v, s, pb::ABSTENTION);
    ASSERT_EQ(static_cast<int>(all.size()), 1 + proxies);
    for (const auto& a : all) {
      EXPECT_EQ(a.item, "2026-41");
      EXPECT_EQ(a.choice, pb::ABSTENTION);
      s.sending[a.voice] = a.choice;
    }
    EXPECT_EQ(tablet::voices_left(v, s), 0);
    EXPECT_TRUE(has(tablet::voices_left_sentence(v, s, Lang::Fr), "en attente"));
    EXPECT_TRUE(tablet::same_choice_for_all(v, s, pb::POUR).empty()) << "nothing twice while a choice is on its way";
  }
}

TEST(TabletVoting, AVoteThatCannotChangeIsSkippedOnceCastAndAsksConfirmation) {
  for (auto [mode, allow] : {std::pair{pb::SECRET, true}, {pb::PUBLIC, false}, {pb::NOMINAL, false}}) {
    auto v = delegate("T02", "Olivier CHAMBON", true);
    *v.mutable_ballot() = open_ballot(mode, allow);
    add_voice(v, "T02", "Olivier CHAMBON", true, pb::POUR);
    add_voice(v, "T44", "Maryse BARGE");
    EXPECT_FALSE(tablet::vote_can_change(v.ballot()));
    tablet::ViewState s;
    const auto all = tablet::same_choice_for_all(v, s, pb::CONTRE);
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].voice, "T44");
    const std::string ask = tablet::confirm_sentence(v, all[0], Lang::Fr);
    EXPECT_TRUE(has(ask, "Pouvoir de Maryse BARGE") && has(ask, "Contre") && has(ask, "ne pourra plus être modifié")) << ask;
  }
  // A ballot that allows changes: a recorded voice is changed by "same choice for all".
  auto v = delegate("T02", "Olivier CHAMBON", true);
  *v.mutable_ballot() = open_ballot(pb::PUBLIC, true);
  add_voice(v, "T02", "Olivier CHAMBON", true, pb::POUR);
  EXPECT_EQ(tablet::same_choice_for_all(v, tablet::ViewState{}, pb::CONTRE).size(), 1u);
  EXPECT_TRUE(tablet::same_choice_for_all(v, tablet::ViewState{}, pb::POUR).empty());
}

TEST(TabletVoting, SecretBallotNeverShowsAChoice) {
  auto v = delegate("T02", "Olivier CHAMBON", true);
  *v.mutable_ballot() = open_ballot(pb::SECRET);
  add_voice(v, "T02", "Olivier CHAMBON", true, pb::POUR);
  tablet::ViewState s;
  s.online = true;
  EXPECT_EQ(tablet::voice_status(v, v.voices(0), s, Lang::Fr), "✓ Vote enregistré (secret)");
  EXPECT_TRUE(has(tablet::situation_sentence(v, Lang::Fr), "Scrutin secret"));
}

// ---- Refusals: from their code, in the tablet's language ----

TEST(Refusals, EveryCodeTheTabletMeetsHasASentenceInBothLanguages) {
  for (const char* code : {"bad_credentials", "locked_out", "ballot_closed", "already_voted", "not_entitled",
                           "interested", "ballot_not_open", "not_present", "server_busy", "internal", "version_mismatch",
                           "journal_unavailable", "stopping"}) {
    const std::string fr = gui::refusal_sentence(code, Lang::Fr);
    const std::string en = gui::refusal_sentence(code, Lang::En);
    EXPECT_NE(fr, en) << code;
    EXPECT_FALSE(has(fr, "call the clerk") || has(fr, "Refused")) << code << ": " << fr;
    EXPECT_FALSE(has(fr, code)) << "a known code is not shown raw: " << fr;
  }
  EXPECT_EQ(gui::refusal_sentence("bad_credentials", Lang::Fr), "Nom ou code incorrect. Retapez votre code.");
  EXPECT_TRUE(has(gui::refusal_sentence("locked_out", Lang::Fr), "attendez"));
  // Unknown: a general French sentence naming the code for the clerk.
  const std::string unknown = gui::refusal_sentence("something_new", Lang::Fr);
  EXPECT_TRUE(has(unknown, "appelez le secrétariat") && has(unknown, "something_new")) << unknown;
}

TEST(Refusals, TheCodeComesFromRefusedCodeElseItsKind) {
  pb::Refused r;
  r.set_kind(pb::LOCKED_OUT);
  r.set_message("Too many wrong PINs for T02: try again in 60 s.");
  EXPECT_EQ(gui::refusal_code(r), "locked_out");
  r.set_kind(pb::DOMAIN_REFUSED);
  r.set_code(pb::CODE_BALLOT_CLOSED);
  EXPECT_EQ(gui::refusal_code(r), "ballot_closed");
  r.set_kind(pb::INTERNAL);
  r.set_code(pb::CODE_JOURNAL_UNAVAILABLE);
  r.set_message("journal unavailable: disk full; nothing was recorded");
  EXPECT_EQ(gui::refusal_code(r), "journal_unavailable");
  EXPECT_TRUE(has(gui::refusal_sentence(gui::refusal_code(r), Lang::Fr), "ne peut pas enregistrer"));
  EXPECT_FALSE(has(gui::refusal_sentence(gui::refusal_code(r), Lang::Fr), "Too many"));
}

// ---- Projector ----

pb::RoomView room_with(pb::BallotView b) {
  pb::RoomView r;
  r.set_body("Conseil municipal");
  r.set_in_office(29);
  r.set_present(20);
  r.set_represented(3);
  *r.mutable_ballot() = std::move(b);
  return r;
}

TEST(ProjectorSentences, OpenBallotCountsVotesReceivedNotExpressed) {
  auto b = open_ballot();
  b.set_cast(12);
  b.set_expected(56);
  const auto r = room_with(b);
  display::ViewState s;
  s.connected = true;
  EXPECT_EQ(display::screen_of(r, s), display::Screen::Open);
  EXPECT_EQ(display::received_figure(r.ballot()), "12 / 56");
  EXPECT_EQ(display::received_words(Lang::Fr), "votes reçus");
  EXPECT_FALSE(has(display::received_words(Lang::Fr), "exprimés"));
}

TEST(ProjectorSentences, SecretBallotShowsOnlyHowManyVoted) {
  auto b = open_ballot(pb::SECRET);
  b.mutable_counts()->set_pour(5);  // even if counts came, they are not shown
  display::ViewState s;
  EXPECT_FALSE(display::live_counts_shown(b, s));
  EXPECT_TRUE(has(display::live_note(b, s, Lang::Fr), "seul le nombre de votes reçus"));
  auto pub = open_ballot();
  pub.mutable_counts()->set_pour(5);
  EXPECT_TRUE(display::live_counts_shown(pub, s));
  s.hide_live_count = true;  // the president's choice
  EXPECT_FALSE(display::live_counts_shown(pub, s));
  EXPECT_TRUE(has(display::live_note(pub, s, Lang::Fr), "à la clôture"));
}

TEST(ProjectorSentences, BetweenBallotsAttendanceAndQuorum) {
  pb::RoomView r;
  r.set_in_office(58);
  r.set_present(46);
  r.set_represented(10);
  display::ViewState s;
  EXPECT_EQ(display::screen_of(r, s), display::Screen::Agenda);
  EXPECT_EQ(display::attendance_sentence(r, Lang::Fr), "En exercice 58 · Présents 46 · Représentés 10");
  EXPECT_EQ(display::quorum_sentence(46, 20, Lang::Fr), "Quorum : 46 présents, 20 requis — ✓ atteint");
  EXPECT_EQ(display::quorum_sentence(12, 15, Lang::Fr), "Quorum : 12 présents, 15 requis — ✗ non atteint");
  EXPECT_EQ(display::quorum_sentence(15, 15, Lang::En), "Quorum: 15 present, 15 required — ✓ met");
}

TEST(ProjectorSentences, AJournalProblemIsSaidOnTheScreen) {
  pb::RoomView r;
  EXPECT_EQ(display::journal_sentence(r, Lang::Fr), "");
  r.set_journal_problem("disk full");
  EXPECT_TRUE(has(display::journal_sentence(r, Lang::Fr), "rien de nouveau n'est enregistré"));
  EXPECT_TRUE(has(display::journal_sentence(r, Lang::En), "nothing new is recorded"));
}

TEST(ProjectorSentences, OfflineSaysTheFiguresAreFrozenSince) {
  display::ViewState s;
  s.last_update = "14:05:09";
  EXPECT_EQ(display::offline_sentence(s, Lang::Fr), "Connexion perdue : chiffres figés depuis 14:05:09");
  s.wrong_server = true;
  EXPECT_TRUE(has(display::offline_sentence(s, Lang::Fr), "Ce n'est pas le serveur de la salle"));
  s.server = "192.168.1.10:7443";
  s.short_code = "K3QF-7ZDA";
  EXPECT_EQ(display::enrolment_line(s, Lang::Fr), "Serveur 192.168.1.10:7443 · code K3QF-7ZDA");
}

TEST(ProjectorNames, ClosedNominalBallotPagesNamesByDirection) {
  for (int pour : {3, 24, 30, 50}) {
    auto b = open_ballot(pb::NOMINAL);
    b.set_open(false);
    b.set_closed(true);
    auto r = room_with(b);
    for (int i = 0; i < pour; ++i) r.add_names_pour("Pour " + std::to_string(i));
    r.add_names_contre("Contre 0");
    const int pour_pages = (pour + display::kNamesPerPage - 1) / display::kNamesPerPage;
    EXPECT_EQ(display::name_pages(r), pour_pages + 1);
    int seen = 0;
    for (int p = 1; p <= pour_pages; ++p) {
      const auto page = display::names_page(r, p, Lang::Fr);
      EXPECT_EQ(page.direction, pb::POUR);
      EXPECT_LE(static_cast<int>(page.names.size()), display::kNamesPerPage);
      seen += static_cast<int>(page.names.size());
    }
    EXPECT_EQ(seen, pour);
    const auto last = display::names_page(r, pour_pages + 1, Lang::Fr);
    EXPECT_EQ(last.direction, pb::CONTRE);
    EXPECT_EQ(last.heading, "Contre (1)");
    display::ViewState s;
    s.page = 1;
    EXPECT_EQ(display::screen_of(r, s), display::Screen::Names);
    s.page = 0;
    EXPECT_EQ(display::screen_of(r, s), display::Screen::Result);
  }
  // A public ballot without names has no pages.
  auto b = open_ballot(pb::PUBLIC);
  b.set_open(false);
  b.set_closed(true);
  EXPECT_EQ(display::name_pages(room_with(b)), 0);
}

TEST(ProjectorSentences, ResultDetails) {
  auto b = open_ballot();
  b.set_open(false);
  b.set_closed(true);
  b.mutable_counts()->set_voters(56);
  b.mutable_counts()->set_pour(20);
  b.mutable_counts()->set_contre(30);
  b.mutable_counts()->set_abstentions(6);
  EXPECT_EQ(display::verdict(b, Lang::Fr), "✗ REJETÉ");
  EXPECT_EQ(display::result_details(b, Lang::Fr), "Votants 56 · Exprimés 50 · Ne prennent pas part 0");
  b.mutable_outcome()->set_adopted(true);
  b.mutable_outcome()->set_casting_vote_decided(true);
  EXPECT_EQ(display::verdict(b, Lang::En), "✓ ADOPTED");
  EXPECT_TRUE(has(display::result_details(b, Lang::Fr), "voix du président"));
}

// ---- The projector follows the president's choice (RoomView.projector) ----

TEST(ProjectorChoice, EachChoiceIsShownWhenItCanBeAndAutoOtherwise) {
  using display::Screen;
  display::ViewState state;
  pb::RoomView room;  // no ballot yet
  EXPECT_EQ(display::screen_of(room, state), Screen::Agenda) << "unattended: the agenda";
  room.mutable_projector()->set_screen(pb::PROJECTOR_ATTENDANCE);
  EXPECT_EQ(display::screen_of(room, state), Screen::Attendance);
  room.mutable_projector()->set_screen(pb::PROJECTOR_BALLOT);  // no ballot open: the session decides
  EXPECT_EQ(display::screen_of(room, state), Screen::Agenda);
  room.mutable_projector()->set_screen(pb::PROJECTOR_MESSAGE);  // a message with no text: the session decides
  EXPECT_EQ(display::screen_of(room, state), Screen::Agenda);
  room.mutable_projector()->set_message("Suspension de séance");
  EXPECT_EQ(display::screen_of(room, state), Screen::Message);
  // An open ballot: AUTO shows it; "welcome" shows the agenda over it.
  room.mutable_ballot()->set_open(true);
  room.mutable_projector()->set_screen(pb::PROJECTOR_AUTO);
  EXPECT_EQ(display::screen_of(room, state), Screen::Open);
  room.mutable_projector()->set_screen(pb::PROJECTOR_WELCOME);
  EXPECT_EQ(display::screen_of(room, state), Screen::Agenda);
  room.mutable_projector()->set_screen(pb::PROJECTOR_RESULT);  // not closed yet
  EXPECT_EQ(display::screen_of(room, state), Screen::Open);
  // A closed nominal ballot: the names page 1 at once when chosen.
  room.mutable_ballot()->set_open(false);
  room.mutable_ballot()->set_closed(true);
  room.mutable_ballot()->set_mode(pb::NOMINAL);
  room.add_names_pour("Anne ROUX");
  room.mutable_projector()->set_screen(pb::PROJECTOR_NAMES);
  EXPECT_EQ(display::screen_of(room, state), Screen::Names);
  EXPECT_EQ(display::chosen_names_page(room, state), 1);
  room.mutable_projector()->set_screen(pb::PROJECTOR_RESULT);
  EXPECT_EQ(display::screen_of(room, state), Screen::Result);
  // A public ballot without names: "names" cannot be shown, the result stays.
  room.mutable_ballot()->set_mode(pb::PUBLIC);
  room.mutable_projector()->set_screen(pb::PROJECTOR_NAMES);
  EXPECT_EQ(display::screen_of(room, state), Screen::Result);
}

}  // namespace
}  // namespace scrutin
