// scrutin-clerk: the clerk's console. Runs a whole sitting from the laptop:
// attendance, proxies, agenda, ballots, the projector, the roster, the record.
// The network, the journal mirror and the files live here; the views
// (client/clerk/*_view.cpp) only draw what the server pushed and return Intents.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <sstream>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include "client/record/record.hpp"
#include "clerk/pin_slips.hpp"
#include "clerk/roster_import.hpp"
#include "clerk/views.hpp"
#include "gui/options.hpp"
#include "gui/theme.hpp"
#include "gui/widgets.hpp"
#include "proto/convert.hpp"
#include "proto/journal_replay.hpp"

namespace {

namespace gui = scrutin::gui;
namespace clerk = scrutin::clerk;
namespace pb = scrutin::pb;
using scrutin::client::State;
using StateNews = std::pair<State, std::string>;

std::string read_text(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = fmt::format("Impossible de lire {}.", path);
    return {};
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

// A request on the wire and what to do with its answer.
struct Pending {
  std::future<pb::ServerMessage> answer;
  clerk::Intent intent;
};

}  // namespace

int main(int argc, char** argv) {
  gui::CommonOptions o;
  o.app.title = "Scrutin — secrétariat";
  o.app.width = 1366;
  o.app.height = 768;
  o.app.scale = 0;
  std::string passphrase_file, start_tab;
  const int parsed = gui::parse_options(
      argc, argv, "scrutin-clerk",
      "scrutin-clerk: the clerk's console: attendance, proxies, agenda, ballots, projector, roster and record, in "
      "French (English at a click), with a mouse or a finger, on a 1366x768 laptop screen.",
      o, [&](CLI::App& app) {
        app.add_option("--passphrase-file", passphrase_file,
                       "the clerk passphrase (else SCRUTIN_PASSPHRASE; else the console asks for it)");
        app.add_option("--tab", start_tab,
                       "start on a view: attendance, ballot, session, agenda, proxies, roster, projector, export");
      });
  if (parsed >= 0) return parsed;
  std::string passphrase;
  if (!passphrase_file.empty()) {
    std::string error;
    passphrase = read_text(passphrase_file, error);
    if (!error.empty()) return std::fprintf(stderr, "error: %s\n", error.c_str()), 2;
    while (!passphrase.empty() && (passphrase.back() == '\n' || passphrase.back() == '\r')) passphrase.pop_back();
  } else if (const char* env = std::getenv("SCRUTIN_PASSPHRASE")) {
    passphrase = env;
  }
  const float forced_scale = o.app.scale;
  o.app.plan = [forced_scale](int, int h, float) {
    const float s = forced_scale > 0 ? forced_scale : std::clamp(static_cast<float>(h) / 768.0f, 0.9f, 2.2f);
    return gui::FontPlan{s, 17 * s, 22 * s, 40 * s};
  };

  clerk::ViewState state;
  state.lang = o.english ? gui::Lang::En : gui::Lang::Fr;
  for (clerk::Tab t : clerk::kTabs)
    if (start_tab == std::string(clerk::tab_id(t)).substr(4)) state.tab = t;
  clerk::Feed feed;

  auto resolve = gui::make_resolver(o.server);
  if (!resolve) return std::fprintf(stderr, "error: %s\n", resolve.error().c_str()), 2;
  if (auto e = (*resolve)()) {
    feed.server = e->host + ":" + std::to_string(e->port);
    feed.fingerprint = e->fingerprint;
  }
  gui::Latest<pb::RoomView> latest_room;
  gui::Latest<StateNews> latest_state;
  // Signs in as the clerk; without --passphrase-file the console asks for the passphrase first.
  std::unique_ptr<scrutin::client::Client> link;
  auto sign_in = [&](const std::string& secret) {
    scrutin::client::Config config;
    config.resolve = *resolve;
    config.role = pb::CLERK;
    config.secret = secret;
    config.client_name = "scrutin-clerk";
    link = std::make_unique<scrutin::client::Client>(config);
    link->on_push([&](const pb::ServerMessage& m) {
      if (m.has_room_view()) latest_room.put(m.room_view());
    });
    link->on_state([&](State s, const std::string& d) { latest_state.put({s, d}); });
    (void)link->start(std::chrono::milliseconds(0));
  };
  if (!passphrase.empty()) sign_in(passphrase);
  std::string typed_passphrase, sign_in_error;

  std::optional<std::future<pb::ServerMessage>> fetch;  // the journal page on its way
  scrutin::JournalReplay replay;                          // the journal fetched so far, replayed
  std::string journal_refused;                            // set when an entry fails its check: fetching stops
  std::deque<Pending> pending;
  // PIN slips: the members whose new PIN is awaited, then the PDF.
  std::vector<clerk::Slip> slips;
  std::size_t slips_expected = 0;
  std::string slips_path, previewed;
  // A backup runs beside the window (a large journal takes a while to copy and verify).
  std::optional<std::future<std::expected<scrutin::backup::Report, scrutin::client::Error>>> backup_job;
  const std::string data_folder = o.server.data.empty() ? scrutin::backup::default_data_folder() : o.server.data;

  auto notice = [&](const std::string& text, bool error) {
    state.notice = text;
    state.notice_error = error;
  };
  auto send = [&](clerk::Intent intent) {
    pb::ClientMessage m;
    if (intent.kind == clerk::Intent::Kind::Projector) *m.mutable_projector_show() = intent.show;
    else *m.mutable_command() = intent.command;
    pending.push_back({link->request(std::move(m)), std::move(intent)});
  };
  auto synced = [&] { return feed.connected && (feed.journal.empty() ? 0 : feed.journal.back().seq()) >= feed.room.journal_seq(); };

  // What the views asked for: sent to the server, or done here with files.
  auto carry_out = [&](clerk::Intent intent) {
    using Kind = clerk::Intent::Kind;
    const gui::Lang lang = state.lang;
    switch (intent.kind) {
      case Kind::Command:
      case Kind::Projector: send(std::move(intent)); break;
      case Kind::LoadText: {
        std::string error;
        const std::string text = read_text(intent.path, error);
        if (!error.empty()) return notice(error, true);
        (intent.field == "decision" ? *state.item_form.mutable_decision() : *state.item_form.mutable_text()) = text;
        notice(fmt::format(fmt::runtime(gui::tr(lang, "Texte chargé depuis {}.", "Text loaded from {}.")), intent.path), false);
        break;
      }
      case Kind::PreviewCsv: {
        std::string error;
        const std::string bytes = read_text(intent.path, error);
        if (!error.empty()) return notice(error, true);
        const clerk::RosterPreview p = clerk::preview_roster(bytes, feed.session);
        state.csv_members = p.members;
        state.csv_errors = p.errors;
        notice(p.errors.empty() ? fmt::format(fmt::runtime(gui::tr(lang, "{} membres lus, sans erreur.", "{} members read, no error.")), p.members.size())
                                : fmt::format(fmt::runtime(gui::tr(lang, "{} ligne(s) à corriger avant l'import.", "{} line(s) to correct before the import.")),
                                              p.errors.size()),
               !p.errors.empty());
        break;
      }
      case Kind::ImportCsv: {
        // In chunks that each fit a frame (proto/protocol.hpp); each chunk's PINs come back with its answer.
        const std::size_t total = state.csv_members.size();
        for (pb::Command& chunk : scrutin::import_roster_commands(state.csv_members)) {
          clerk::Intent i;
          i.what = fmt::format(fmt::runtime(gui::tr(lang, "{} membres importés sur {}.", "{} members imported of {}.")),
                               chunk.import_roster().members_size(), total);
          *i.command.mutable_import_roster() = std::move(*chunk.mutable_import_roster());
          send(std::move(i));
        }
        state.csv_members.clear();
        break;
      }
      case Kind::PinSlips: {
        slips.clear();
        slips_expected = feed.session.roster().size();
        slips_path = intent.path;
        for (const scrutin::Member& m : feed.session.roster()) {
          clerk::Intent i;
          i.command.mutable_reset_pin()->set_member(m.id);
          i.field = "slip";
          send(std::move(i));
        }
        break;
      }
      case Kind::Export: {
        namespace fs = std::filesystem;
        std::error_code ec;
        fs::create_directories(intent.path, ec);
        if (ec) return notice(fmt::format(fmt::runtime(gui::tr(lang, "Impossible de créer le dossier {} : {}.", "Cannot create the folder {}: {}.")),
                                          intent.path, ec.message()),
                              true);
        const pb::SessionRecord rec = scrutin::record::build(feed.session, feed.journal);
        const auto missing = scrutin::record::missing_fields(rec);
        scrutin::record::Options options;
        options.draft = !missing.empty();
        state.export_lines.clear();
        auto wrote = [&](const std::string& name, bool ok) {
          state.export_lines.push_back((ok ? "✓ " : "✗ ") + name);
        };
        for (const auto& d : rec.deliberations()) {
          const std::string id = d.item().id();
          auto text = scrutin::record::extract_text(rec, id, options);
          wrote("extrait-" + id + ".txt", text && write_text(intent.path + "/extrait-" + id + ".txt", *text));
          wrote("extrait-" + id + ".pdf", static_cast<bool>(scrutin::record::extract_pdf(rec, id, intent.path + "/extrait-" + id + ".pdf", options)));
        }
        wrote("liste-des-deliberations.txt", write_text(intent.path + "/liste-des-deliberations.txt", scrutin::record::deliberation_list_text(rec, options)));
        wrote("proces-verbal.txt", write_text(intent.path + "/proces-verbal.txt", scrutin::record::minutes_text(rec, options)));
        if (missing.empty() && scrutin::record::missing_for_open_data(rec).empty())
          wrote("deliberations-scdl.csv", write_text(intent.path + "/deliberations-scdl.csv", scrutin::record::scdl_csv(rec)));
        else
          state.export_lines.push_back(gui::tr(lang, "CSV SCDL non écrit : il lui faut tous les champs, SIRET compris.",
                                               "SCDL CSV not written: it needs every field, the SIRET included."));
        wrote("seance.json", write_text(intent.path + "/seance.json", scrutin::record::to_json(rec)));
        notice(options.draft ? gui::tr(lang, "Documents écrits comme PROJET : des champs manquent (onglet Séance).",
                                       "Documents written as drafts: fields are missing (Session tab).")
                             : fmt::format(fmt::runtime(gui::tr(lang, "Documents écrits dans {}.", "Documents written to {}.")), intent.path),
               options.draft);
        break;
      }
      case Kind::Backup: {
        if (backup_job) break;
        backup_job = std::async(std::launch::async, [data_folder, to = intent.path] {
          return scrutin::backup::backup_data_folder(data_folder, to);
        });
        state.backup_running = true;
        state.backup_failed = false;
        state.backup_lines = {fmt::format(fmt::runtime(gui::tr(lang, "Copie de {} en cours…", "Copying {}…")), data_folder)};
        break;
      }
      case Kind::Verify: {
        std::string error;
        const std::string json = read_text(intent.path, error);
        if (!error.empty()) {
          state.verify_line = error;
          break;
        }
        auto exported = scrutin::record::from_json(json);
        if (!exported) {
          state.verify_line = exported.error();
          break;
        }
        const auto verdict = scrutin::record::verify(feed.journal, &*exported);
        // Said in the console's language; a failure keeps the verifier's technical line for whoever investigates.
        state.verify_line =
            verdict.ok ? fmt::format(fmt::runtime(gui::tr(lang, "OK — journal intact ({} entrées, chaîne vérifiée) ; délibérations du JSON conformes : {}.",
                                                          "OK — journal intact ({} entries, chain verified); deliberations in the JSON that match it: {}.")),
                                     feed.journal.size(), exported->deliberations_size())
                       : gui::tr(lang, "ÉCHEC — ", "FAILED — ") + verdict.line;
        break;
      }
    }
  };

  o.app.busy = [&] { return !gui::test_script().done() || !pending.empty() || backup_job.has_value(); };
  const int status = gui::run(o.app, [&](const gui::Fonts& fonts, float scale) {
    // What the network thread brought, once per frame.
    if (auto news = latest_state.take()) {
      feed.connected = news->first == State::Ready;
      if (news->first == State::Failed && link) {
        const auto failure = link->failure();
        feed.wrong_server = failure.fingerprint_mismatch;
        if (failure.refused) {  // a wrong passphrase: asked again
          sign_in_error = gui::tr(state.lang, "Phrase secrète refusée : vérifiez-la et réessayez.",
                                  "Passphrase refused: check it and try again.");
          link->close();
          link.reset();
        }
      }
    }
    if (!link) {  // the sign-in screen: the only thing drawn until the server accepts the passphrase
      const ImGuiViewport* vp = ImGui::GetMainViewport();
      ImGui::SetNextWindowPos(vp->WorkPos);
      ImGui::SetNextWindowSize(vp->WorkSize);
      ImGui::Begin("sign-in", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
      const clerk::Ui ui{fonts, scale};
      clerk::heading(gui::tr(state.lang, "Scrutin — console du secrétariat", "Scrutin — clerk's console"), ui);
      clerk::note(fmt::format(fmt::runtime(gui::tr(state.lang, "Serveur {} · code {}", "Server {} · code {}")), feed.server,
                              scrutin::fingerprint_short_code(feed.fingerprint)));
      ImGui::PushID("pass");
      ImGui::TextUnformatted(gui::tr(state.lang, "Phrase secrète du secrétariat", "The clerk's passphrase"));
      ImGui::SetNextItemWidth(480 * scale);
      std::string typed;
      if (gui::script_step("type:passphrase=", &typed)) typed_passphrase = typed, gui::script_advance();
      const bool entered = ImGui::InputText("##p", &typed_passphrase, ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
      ImGui::PopID();
      if ((clerk::button("sign-in", gui::tr(state.lang, "Se connecter", "Sign in"), ui, !typed_passphrase.empty()) || entered) &&
          !typed_passphrase.empty()) {
        sign_in_error.clear();
        sign_in(typed_passphrase);
        typed_passphrase.clear();
      }
      if (!sign_in_error.empty()) clerk::note(sign_in_error, gui::theme::kContre);
      ImGui::End();
      return;
    }
    if (auto room = latest_room.take()) feed.room = std::move(*room);
    // The journal: fetch what is new since the last page (never in draw code).
    const std::uint64_t head = feed.journal.empty() ? 0 : feed.journal.back().seq();
    if (!fetch && feed.connected && feed.room.journal_seq() > head && journal_refused.empty()) {
      pb::ClientMessage m;
      m.mutable_fetch_journal()->set_from_seq(head + 1);
      m.mutable_fetch_journal()->set_max_entries(5000);
      fetch = link->request(std::move(m));
    }
    if (fetch && fetch->wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
      try {
        const pb::ServerMessage page = fetch->get();
        // The one replay (proto/journal_replay): in order, each entry checked as the server checks it.
        for (const auto& e : page.journal_page().entries()) {
          if (e.seq() != replay.last_seq() + 1) break;  // a page already seen: in order only
          if (auto ok = replay.add(e); !ok) {
            journal_refused = ok.error();
            notice(journal_refused, true);
            break;
          }
          feed.journal.push_back(e);
        }
        feed.session = replay.session();
      } catch (const std::exception&) {  // connection lost: asked again once back
      }
      fetch.reset();
    }
    // Answers to what was sent.
    while (!pending.empty() && pending.front().answer.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
      Pending p = std::move(pending.front());
      pending.pop_front();
      pb::ServerMessage a;
      try {
        a = p.answer.get();
      } catch (const std::exception&) {
        notice(gui::tr(state.lang, "Connexion perdue : la demande a peut-être été enregistrée ; vérifiez la liste.",
                       "Connection lost: the request may have been recorded; check the list."),
               true);
        continue;
      }
      if (a.has_refused()) {
        notice(clerk::refusal_sentence(a.refused(), state.lang), true);
        if (p.intent.field == "slip") --slips_expected;
        continue;
      }
      if (p.intent.field == "slip") {
        for (const auto& pin : a.done().pins())
          slips.push_back({pin.member_id(), clerk::member_name(feed.session, pin.member_id()), pin.pin()});
        if (slips.size() == slips_expected) {
          auto r = clerk::write_pin_slips(slips_path, slips, feed.server, feed.fingerprint, feed.session.info().body_name);
          notice(r ? fmt::format(fmt::runtime(gui::tr(state.lang, "{} fiches écrites dans {} : les anciens codes ne fonctionnent plus.",
                                                      "{} slips written to {}: the old PINs no longer work.")),
                                 slips.size(), slips_path)
                   : r.error(),
                 !r);
          slips.clear();
        }
        continue;
      }
      if (a.done().pins_size() == 1) {  // a PIN reset, or one member added: shown once
        state.shown_pin_member = a.done().pins(0).member_id();
        state.shown_pin = a.done().pins(0).pin();
      }
      notice(p.intent.what, false);
    }
    if (backup_job && backup_job->wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
      const auto report = backup_job->get();
      backup_job.reset();
      state.backup_running = false;
      state.backup_failed = !report;
      state.backup_lines = report ? clerk::backup_lines(*report, state.lang)
                                  : std::vector<std::string>{clerk::backup_failure(report.error(), data_folder,
                                                                                   state.export_folder, state.lang)};
      // The bar holds one short line; the folder and the details, wrapped, are in the Documents tab.
      notice(state.backup_failed ? gui::tr(state.lang, "Sauvegarde non faite : voyez l'onglet Documents.",
                                           "Backup not made: see the Documents tab.")
                                 : gui::tr(state.lang, "Sauvegarde faite et vérifiée : voyez l'onglet Documents.",
                                           "Backup made and verified: see the Documents tab."),
             state.backup_failed);
    }
    // The extract's first page, when the deliberation chosen changes.
    if (state.tab == clerk::Tab::Export && previewed != state.export_item + std::to_string(feed.journal.size())) {
      previewed = state.export_item + std::to_string(feed.journal.size());
      state.preview.clear();
      if (!state.export_item.empty()) {
        scrutin::record::Options draft;
        draft.draft = true;
        if (auto text = scrutin::record::extract_text(scrutin::record::build(feed.session, feed.journal), state.export_item, draft)) {
          std::istringstream lines(*text);
          std::string line;
          for (int n = 0; n < 60 && std::getline(lines, line); ++n) state.preview += line + "\n";
        }
      }
    }

    // Test steps that wait for the server or act on the window (see --test-taps).
    std::string arg;
    if (gui::script_step("until:", &arg)) {
      bool reached = true;
      if (arg == "online") reached = synced() && feed.session.configured();
      else if (arg == "settled") reached = pending.empty() && !backup_job && synced();
      else if (arg.starts_with("voted-")) {  // voted-ITEM-N: at least N voices on the board have voted
        const auto dash = arg.rfind('-');
        const auto board = scrutin::client::voice_board(feed.session, arg.substr(6, dash - 6));
        reached = synced() && board && static_cast<int>(board->voted.size()) >= std::stoi(arg.substr(dash + 1));
      } else if (arg.starts_with("closed-")) {
        const scrutin::Ballot* b = feed.session.ballot(arg.substr(7));
        reached = synced() && b && b->closed;
      }
      if (reached) gui::script_advance();
    } else if (gui::script_step("shot:", &arg)) {
      gui::screenshot_after_this_frame(arg);
      gui::script_advance();
    } else if (gui::script_step("quit")) {
      gui::quit_after_this_frame();
      gui::script_advance();
    }

    std::vector<clerk::Intent> intents;
    clerk::draw_frame(feed, state, intents, clerk::Ui{fonts, scale});
    for (auto& i : intents) carry_out(std::move(i));
  });
  if (link) link->close();
  return status;
}
