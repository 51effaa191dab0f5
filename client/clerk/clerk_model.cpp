#include "clerk/clerk_model.hpp"

#include <algorithm>
#include <ctime>

#include <filesystem>

#include <fmt/format.h>

#include "client/record/record.hpp"
#include "proto/fingerprint.hpp"

namespace scrutin::clerk {

const char* tab_name(Tab tab, Lang lang) {
  switch (tab) {
    case Tab::Attendance: return tr(lang, "Présences", "Attendance");
    case Tab::Ballot: return tr(lang, "Vote", "Ballot");
    case Tab::Session: return tr(lang, "Séance", "Session");
    case Tab::Agenda: return tr(lang, "Ordre du jour", "Agenda");
    case Tab::Proxies: return tr(lang, "Pouvoirs", "Proxies");
    case Tab::Roster: return tr(lang, "Membres", "Roster");
    case Tab::Projector: return tr(lang, "Projecteur", "Projector");
    case Tab::Export: return tr(lang, "Documents", "Export");
  }
  return "?";
}

const char* tab_id(Tab tab) {
  switch (tab) {
    case Tab::Attendance: return "tab-attendance";
    case Tab::Ballot: return "tab-ballot";
    case Tab::Session: return "tab-session";
    case Tab::Agenda: return "tab-agenda";
    case Tab::Proxies: return "tab-proxies";
    case Tab::Roster: return "tab-roster";
    case Tab::Projector: return "tab-projector";
    case Tab::Export: return "tab-export";
  }
  return "tab";
}

bool Feed::online(const MemberId& id) const {
  return std::find(room.online_members().begin(), room.online_members().end(), id) != room.online_members().end();
}

// ---- Attendance -------------------------------------------------------------

std::string folded(std::string_view text) {
  // Lower case, and the accented letters of French (UTF-8, two bytes) to their base letter.
  static const std::pair<std::string_view, char> kAccents[] = {
      {"à", 'a'}, {"â", 'a'}, {"ä", 'a'}, {"À", 'a'}, {"Â", 'a'}, {"Ä", 'a'}, {"ç", 'c'}, {"Ç", 'c'},
      {"é", 'e'}, {"è", 'e'}, {"ê", 'e'}, {"ë", 'e'}, {"É", 'e'}, {"È", 'e'}, {"Ê", 'e'}, {"Ë", 'e'},
      {"î", 'i'}, {"ï", 'i'}, {"Î", 'i'}, {"Ï", 'i'}, {"ô", 'o'}, {"ö", 'o'}, {"Ô", 'o'}, {"Ö", 'o'},
      {"ù", 'u'}, {"û", 'u'}, {"ü", 'u'}, {"Ù", 'u'}, {"Û", 'u'}, {"Ü", 'u'}, {"ÿ", 'y'}, {"Ÿ", 'y'}};
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto& [accent, base] : kAccents)
      if (text.substr(i).starts_with(accent)) {
        out.push_back(base);
        i += accent.size();
        replaced = true;
        break;
      }
    if (replaced) continue;
    const char c = text[i++];
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

bool matches(std::string_view text, std::string_view search) {
  if (search.empty()) return true;
  return folded(text).find(folded(search)) != std::string::npos;
}

namespace {

std::string clock(Millis at) {
  const std::time_t t = static_cast<std::time_t>(at / 1000);
  std::tm local{};
  localtime_r(&t, &local);
  return fmt::format("{:02}:{:02}", local.tm_hour, local.tm_min);
}

}  // namespace

std::string member_name(const Session& s, const MemberId& id) {
  const Member* m = s.member(id);
  return m ? m->name : id;
}

std::string presence_word(client::Presence p, Lang lang) {
  switch (p) {
    case client::Presence::Present: return tr(lang, "présent", "present");
    case client::Presence::Represented: return tr(lang, "représenté", "represented");
    case client::Presence::Excused: return tr(lang, "excusé", "excused");
    case client::Presence::Absent: return tr(lang, "absent", "absent");
  }
  return "?";
}

std::vector<AttendanceRow> attendance_rows(const Feed& feed, std::string_view search, Lang lang) {
  const Session& s = feed.session;
  std::vector<AttendanceRow> rows;
  for (const client::RosterLine& l : client::roster_lines(s)) {
    const Member& m = *l.member;
    if (!matches(m.name, search) && !matches(m.id, search) && !matches(m.group, search)) continue;
    AttendanceRow r;
    r.id = m.id;
    r.name = m.name;
    r.group = m.group;
    r.presence = l.presence;
    r.substitute = m.kind == MemberKind::Substitute;
    r.status = presence_word(l.presence, lang);
    if (l.presence == client::Presence::Represented)
      r.status = fmt::format("{} {}", tr(lang, "représenté par", "represented by"), member_name(s, l.holder));
    if (r.substitute) r.titular = fmt::format("{} {}", tr(lang, "suppléant de", "substitute for"), member_name(s, m.substitute_of));
    if (l.arrived) r.times = fmt::format("{} {}", tr(lang, "arrivé", "arrived"), clock(l.arrived));
    if (l.left && l.presence != client::Presence::Present)
      r.times += fmt::format("{}{} {}", r.times.empty() ? "" : " · ", tr(lang, "parti", "left"), clock(l.left));
    r.tablet_online = feed.online(m.id);
    rows.push_back(std::move(r));
  }
  return rows;
}

bool quorum_met(const Session& s) {
  return s.attendance_for(client::next_item(s)).quorum_met || s.info().reconvened;
}

std::string quorum_line(const Session& s, Lang lang) {
  const AttendanceSnapshot a = s.attendance_for(client::next_item(s));
  if (s.info().reconvened)
    return fmt::format(fmt::runtime(tr(lang, "Séance sur seconde convocation : pas de quorum requis ({} présents sur {} en exercice)",
                                       "Second convocation: no quorum required ({} present of {} in office)")),
                       a.quorum_present, a.in_office);
  return fmt::format(fmt::runtime(tr(lang, "Quorum : {} présents sur {} en exercice, {} requis — {}",
                                     "Quorum: {} present of {} in office, {} required — {}")),
                     a.quorum_present, a.in_office, a.quorum_required,
                     a.quorum_met ? tr(lang, "atteint", "met") : tr(lang, "NON ATTEINT", "NOT MET"));
}

// ---- Ballot -----------------------------------------------------------------

std::string mode_word(BallotMode mode, Lang lang) {
  switch (mode) {
    case BallotMode::Public: return tr(lang, "à main levée", "show of hands");
    case BallotMode::Nominal: return tr(lang, "public, avec les noms", "public, with names");
    case BallotMode::Secret: return tr(lang, "secret", "secret");
  }
  return "?";
}

std::string choice_word(Choice c, Lang lang) {
  switch (c) {
    case Choice::Pour: return tr(lang, "pour", "for");
    case Choice::Contre: return tr(lang, "contre", "against");
    case Choice::Abstention: return tr(lang, "abstention", "abstain");
    case Choice::NotTakingPart: return tr(lang, "ne prend pas part", "not taking part");
  }
  return "?";
}

std::string voice_line(const Session& s, const client::VoiceLine& l, bool secret, Lang lang) {
  std::string out = member_name(s, l.voice);
  if (l.holder != l.voice) out += fmt::format(" ({} {})", tr(lang, "pouvoir à", "proxy to"), member_name(s, l.holder));
  if (!secret && l.choice) out += " — " + choice_word(*l.choice, lang);
  if (l.by_clerk) out += tr(lang, " — saisi par le secrétariat", " — entered by the clerk");
  return out;
}

std::vector<std::string> close_confirmation(const Session& s, const ItemId& item, Lang lang) {
  std::vector<std::string> out;
  auto board = client::voice_board(s, item);
  if (!board) return out;
  if (board->not_yet.empty()) {
    out.push_back(tr(lang, "Toutes les voix ont voté.", "Every voice has voted."));
    return out;
  }
  out.push_back(fmt::format(fmt::runtime(tr(lang, "{} voix n'ont pas voté : elles compteront comme ne prenant pas part au vote.",
                                            "{} voices have not voted: they will count as not taking part.")),
                            board->not_yet.size()));
  for (const auto& l : board->not_yet) out.push_back("• " + voice_line(s, l, true, lang));
  return out;
}

ItemId ballot_item(const Session& s) {
  if (const Ballot* b = s.open_ballot()) return b->item;
  ItemId last;
  for (const Item& i : s.agenda())
    if (const Ballot* b = s.ballot(i.id); b && b->closed) last = i.id;
  return last;
}

std::string result_as_recorded(const Session& s, const std::vector<pb::JournalEntry>& journal, const ItemId& item) {
  const Ballot* b = s.ballot(item);
  if (!b || !b->closed) return {};
  const pb::SessionRecord rec = record::build(s, journal);
  record::Options draft;
  draft.draft = true;  // the result is shown even while the session lacks a field of the record
  auto text = record::extract_text(rec, item, draft);
  if (!text) return {};
  // The vote paragraph: from "Mode de scrutin" to the list of names or the signature.
  const auto from = text->find("Mode de scrutin");
  if (from == std::string::npos) return {};
  std::size_t to = text->size();
  for (const char* end : {"Ont voté", "Pour ampliation", "Pour extrait"})
    if (auto at = text->find(end, from); at != std::string::npos) to = std::min(to, at);
  std::string out = text->substr(from, to - from);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

// ---- Session ----------------------------------------------------------------

std::set<std::string> missing_session_fields(const SessionInfo& i) {
  std::set<std::string> out;
  auto need = [&](const char* name, const std::string& value) {
    if (value.find_first_not_of(" \t") == std::string::npos) out.insert(name);
  };
  need("body", i.body);
  need("body_name", i.body_name);
  need("date", i.date);
  need("convocation_date", i.convocation_date);
  need("president", i.president);
  need("secretary", i.secretary);
  need("department", i.department);
  need("siret", i.siret);
  if (i.siren.size() != 9 || !std::ranges::all_of(i.siren, [](char c) { return c >= '0' && c <= '9'; }))
    out.insert("siren");
  return out;
}

std::string missing_summary(const SessionInfo& info, Lang lang) {
  const auto missing = missing_session_fields(info);
  if (missing.empty()) return {};
  return fmt::format(fmt::runtime(tr(lang, "{} champ(s) requis par le registre manquent (signalés en rouge) : le registre ne sera qu'un projet.",
                                     "{} field(s) the record needs are missing (flagged in red): the record can only be a draft.")),
                     missing.size());
}

// ---- Proxies, agenda ------------------------------------------------------------

std::string proxy_state_sentence(client::ProxyState state, Lang lang) {
  switch (state) {
    case client::ProxyState::Exercised: return tr(lang, "exercé", "exercised");
    case client::ProxyState::HolderAway: return tr(lang, "non exercé : le mandataire est absent", "not exercised: the holder is away");
    case client::ProxyState::Interested:
      return tr(lang, "non exercé : intérêt déclaré sur le point", "not exercised: interest declared in the item");
    case client::ProxyState::MandantPresent: return tr(lang, "inutile : le mandant est présent", "not used: the mandant is present");
  }
  return "?";
}

bool item_editable(const Session& s, const ItemId& item) { return s.item(item) && !s.ballot(item); }
bool item_removable(const Session& s, const ItemId& item) { return s.item(item) && !s.put_to_vote(item); }

std::string item_state_word(const Session& s, const ItemId& item, Lang lang) {
  const Ballot* b = s.ballot(item);
  if (!b) return s.put_to_vote(item) ? tr(lang, "vote annulé", "ballot cancelled") : tr(lang, "à venir", "to come");
  if (!b->closed) return tr(lang, "vote en cours", "vote open");
  return b->outcome.adopted ? tr(lang, "adopté", "adopted") : tr(lang, "rejeté", "rejected");
}

// ---- Refusals ----------------------------------------------------------------------

namespace {

struct Sentence {
  pb::RefusalCode code;
  const char* fr;
  const char* en;
};

constexpr Sentence kSentences[] = {
    {pb::CODE_NOT_CONFIGURED, "La séance n'est pas encore configurée : remplissez l'onglet Séance d'abord.",
     "The session is not configured yet: fill in the Session tab first."},
    {pb::CODE_ALREADY_CONFIGURED, "Un vote a déjà eu lieu : ce réglage de la séance ne peut plus changer.",
     "A ballot has been held: this setting of the session can no longer change."},
    {pb::CODE_INVALID_ARGUMENT, "Valeur non valable : vérifiez les champs saisis.", "Invalid value: check the fields."},
    {pb::CODE_UNKNOWN_MEMBER, "Ce membre n'est pas dans la liste.", "This member is not on the roster."},
    {pb::CODE_UNKNOWN_ITEM, "Ce point n'est pas à l'ordre du jour.", "This item is not on the agenda."},
    {pb::CODE_ROSTER_LOCKED, "Un vote a déjà eu lieu : la liste ne peut plus recevoir de membres.",
     "A ballot has been held: no member can be added any more."},
    {pb::CODE_ALREADY_PRESENT, "Ce membre est déjà pointé présent.", "This member is already checked in."},
    {pb::CODE_NOT_PRESENT, "Ce membre n'est pas pointé présent.", "This member is not checked in."},
    {pb::CODE_SUBSTITUTE_NOT_ALLOWED,
     "Le suppléant ne siège qu'en l'absence de son titulaire, sans pouvoir donné, et un seul à la fois.",
     "A substitute sits only when the titular is away, has given no proxy, and one at a time."},
    {pb::CODE_PROXY_REFUSED,
     "Pouvoir refusé : entre titulaires seulement, pas à soi-même, pas de chaîne de pouvoirs, un seul pouvoir donné par membre.",
     "Proxy refused: between titulars only, not to oneself, no chains, one proxy given per member."},
    {pb::CODE_PROXY_LIMIT, "Ce mandataire détient déjà le nombre maximal de pouvoirs permis par les règles.",
     "This holder already holds as many proxies as the rules allow."},
    {pb::CODE_NO_SUCH_PROXY, "Aucun pouvoir n'est enregistré pour ce membre.", "No proxy is registered for this member."},
    {pb::CODE_QUORUM_NOT_MET, "Le quorum n'est pas atteint : le vote ne peut pas s'ouvrir.",
     "The quorum is not met: the ballot cannot open."},
    {pb::CODE_BALLOT_ALREADY_OPEN, "Un vote est déjà ouvert : clôturez-le d'abord.", "A ballot is already open: close it first."},
    {pb::CODE_BALLOT_NOT_OPEN, "Ce point n'a pas de vote ouvert.", "This item has no open ballot."},
    {pb::CODE_BALLOT_CLOSED, "Ce vote est clos.", "This ballot is closed."},
    {pb::CODE_NOT_ENTITLED, "Cette voix ne vote pas sur ce point (absente ou non représentée à l'ouverture).",
     "This voice has no vote on this item (away or not represented at the opening)."},
    {pb::CODE_ALREADY_VOTED, "Cette voix a déjà voté et ce vote ne se modifie pas.",
     "This voice has already voted and the vote cannot change."},
    {pb::CODE_INTERESTED, "Ce membre a déclaré un intérêt : il ne prend pas part à ce vote.",
     "This member declared an interest: he takes no part in this vote."},
    {pb::CODE_MEMBER_TOOK_PART, "Ce membre a pris part à un scrutin : il peut être corrigé, pas retiré.",
     "This member took part in a ballot: he can be corrected, not removed."},
    {pb::CODE_ITEM_PUT_TO_VOTE, "Ce point a été mis aux voix : il ne peut plus être modifié ni retiré.",
     "This item was put to the vote: it can no longer be edited or removed."},
    {pb::CODE_MEMBER_IN_USE,
     "Ce membre est présent, a une procuration, un suppléant, ou est président, secrétaire ou rapporteur : réglez cela d'abord.",
     "This member is present, has a proxy or a substitute, or is president, secretary or rapporteur: change that first."},
    {pb::CODE_JOURNAL_UNAVAILABLE, "Le serveur ne peut pas écrire son journal : rien n'a été enregistré. Réessayez dans un instant.",
     "The server cannot write its journal: nothing was recorded. Try again in a moment."},
    {pb::CODE_STOPPING, "Le serveur s'arrête : réessayez dans un instant.", "The server is stopping: try again in a moment."},
};

}  // namespace

std::string refusal_sentence(const pb::Refused& r, Lang lang) {
  // The corrections' domain sentences are French and name the member or item.
  if (lang == Lang::Fr && r.code() >= 150 && r.code() <= 159 && !r.message().empty()) return r.message();
  for (const Sentence& s : kSentences)
    if (s.code == r.code()) return tr(lang, s.fr, s.en);
  if (r.kind() == pb::FORBIDDEN) return tr(lang, "Action réservée au secrétariat.", "Only the clerk may do this.");
  if (r.kind() == pb::SERVER_BUSY) return tr(lang, "Le serveur est occupé : réessayez.", "The server is busy: try again.");
  return gui::refusal_sentence(gui::refusal_code(r), lang);
}

const char* projector_word(pb::ProjectorScreen screen, Lang lang) {
  switch (screen) {
    case pb::PROJECTOR_AUTO: return tr(lang, "Automatique (suit la séance)", "Automatic (follows the session)");
    case pb::PROJECTOR_WELCOME: return tr(lang, "Accueil et ordre du jour", "Welcome and agenda");
    case pb::PROJECTOR_ATTENDANCE: return tr(lang, "Présences et quorum", "Attendance and quorum");
    case pb::PROJECTOR_BALLOT: return tr(lang, "Vote en cours", "Ballot in progress");
    case pb::PROJECTOR_RESULT: return tr(lang, "Résultat", "Result");
    case pb::PROJECTOR_NAMES: return tr(lang, "Noms par sens du vote", "Names by direction of vote");
    case pb::PROJECTOR_MESSAGE: return tr(lang, "Message court", "Short message");
    default: return "?";
  }
}

// ---- Backup -----------------------------------------------------------------

std::vector<std::string> backup_lines(const backup::Report& r, Lang lang) {
  std::vector<std::string> out;
  // The new folder's own name: it is in the folder chosen above, and a whole
  // path is one long word that no line of the tab can hold.
  out.push_back(fmt::format(fmt::runtime(tr(lang, "Sauvegarde écrite dans ce dossier, sous le nom {}",
                                            "Backup written to this folder, as {}")),
                            std::filesystem::path(r.folder).filename().string()));
  out.push_back(r.entries == 0
                    ? std::string(tr(lang, "Journal : aucune entrée encore (séance non configurée).",
                                     "Journal: no entry yet (session not configured)."))
                    : fmt::format(fmt::runtime(tr(lang, "Journal : {} entrées, jusqu'à la n° {}.",
                                                  "Journal: {} entries, up to no. {}.")),
                                  r.entries, r.head_seq));
  if (!r.fingerprint.empty())
    out.push_back(fmt::format(fmt::runtime(tr(lang,
                                               "Certificat et clé copiés : le serveur restauré garde le code {}.",
                                               "Certificate and key copied: the restored server keeps the code {}.")),
                              fingerprint_short_code(r.fingerprint)));
  out.push_back(fmt::format(fmt::runtime(tr(lang, "{} fichiers copiés et vérifiés (chaîne intacte, même dernière entrée que le journal en service).",
                                             "{} files copied and verified (chain intact, same last entry as the live journal).")),
                            r.files.size()));
  if (r.entries && r.live_seq > r.head_seq)
    out.push_back(fmt::format(fmt::runtime(tr(lang,
                                               "Le serveur a continué depuis (n° {}) : refaites une sauvegarde plus tard.",
                                               "The server went on since (no. {}): make another backup later.")),
                              r.live_seq));
  return out;
}

std::string backup_failure(const client::Error& error, const std::string& data_folder, const std::string& destination,
                           Lang lang) {
  using client::Code;
  std::string why;
  if (error.code == Code::Access)
    why = fmt::format(fmt::runtime(tr(lang, "ce compte ne peut pas lire le dossier des données {} (il doit être membre du groupe scrutin)",
                                      "this account cannot read the data folder {} (it must be in the group scrutin)")),
                      data_folder);
  else if (error.code == Code::NotDataFolder)
    why = fmt::format(fmt::runtime(tr(lang, "{} n'est pas le dossier des données du serveur (lancez la console avec --data)",
                                      "{} is not the server's data folder (start the console with --data)")),
                      data_folder);
  else if (error.code == Code::Destination)
    why = fmt::format(fmt::runtime(tr(lang, "le dossier {} ne peut pas recevoir la sauvegarde", "the folder {} cannot take the backup")),
                      destination);
  else if (error.code == Code::Io)
    why = fmt::format(fmt::runtime(tr(lang, "l'écriture dans {} a échoué (clé pleine, protégée ou retirée ?)",
                                      "writing to {} failed (stick full, protected or removed?)")),
                      destination);
  else if (error.code == Code::JournalInvalid)
    why = tr(lang, "la copie ne se vérifie pas : recommencez sur un autre support", "the copy does not verify: try again on another device");
  else
    why = tr(lang, "le journal n'a pas pu être copié", "the journal could not be copied");
  return fmt::format(fmt::runtime(tr(lang, "Sauvegarde non faite : {}. Rien n'est perdu : le serveur continue.",
                                     "Backup not made: {}. Nothing is lost: the server goes on.")),
                     why);
}

}  // namespace scrutin::clerk

