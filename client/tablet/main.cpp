// scrutin-tablet: a delegate's voting tablet, touch first.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <future>
#include <map>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "gui/options.hpp"
#include <imgui.h>

#include "client/lib/discovery.hpp"
#include "gui/widgets.hpp"
#include "tablet/room_config.hpp"
#include "tablet/views.hpp"

namespace {


using scrutin::pb::ServerMessage;
namespace gui = scrutin::gui;
namespace tablet = scrutin::tablet;

using StateNews = std::pair<scrutin::client::State, std::string>;

// Before login: a connection without a role that asks for the list of names
// (and finds out early when the certificate is not the room's server's).
struct Lobby {
  std::unique_ptr<scrutin::client::Client> client;
  gui::Latest<StateNews> state;
  std::optional<std::future<ServerMessage>> list;
};

// After login: one Client for the signed-in delegate. Votes are sent
// asynchronously; their receipts are collected once per frame.
struct Link {
  std::unique_ptr<scrutin::client::Client> client;
  gui::Latest<scrutin::pb::DelegateView> view;
  gui::Latest<StateNews> state;
  std::map<std::string, std::future<ServerMessage>> receipts;  // by voice
};

scrutin::client::Config config_for(const std::function<std::optional<scrutin::client::Endpoint>()>& resolve,
                                   scrutin::pb::Role role) {
  scrutin::client::Config config;
  config.resolve = resolve;
  config.role = role;
  config.client_name = "scrutin-tablet";
  return config;
}

}  // namespace

int main(int argc, char** argv) {
  gui::CommonOptions o;
  o.app.title = "Scrutin — tablette";
  o.app.fullscreen = false;
  o.app.width = 1024;
  o.app.height = 768;
  o.app.scale = 0;
  o.server_required = false;  // found on the LAN (enrolment) when not given
  std::string member, pin;
  std::string room_file = tablet::default_room_file(), discovery_file;
  const int parsed = gui::parse_options(
      argc, argv, "scrutin-tablet",
      "scrutin-tablet: a delegate's tablet: choose your name, type your PIN, vote for yourself and each proxy "
      "held. A 1024x768 window (--fullscreen for a kiosk). With no --server and no --data, the tablet finds the "
      "room's server on the LAN (DNS-SD), asks the delegate to confirm its short code and remembers it; a long "
      "press on the title opens the settings, where it can be forgotten.",
      o, [&](CLI::App& app) {
        app.add_option("--member", member, "sign in at once as this member (kiosk set-up), with --pin");
        app.add_option("--pin", pin, "the member's PIN");
        app.add_option("--room-file", room_file, "where the room joined is saved")->capture_default_str();
        app.add_option("--discovery-file", discovery_file, "tests: read the announced servers from this file");
      });
  if (parsed >= 0) return parsed;
  const float forced_scale = o.app.scale;
  // Fingers at arm's length: everything sized from the screen's shorter side.
  o.app.plan = [forced_scale](int w, int h, float) {
    const float s = forced_scale > 0 ? forced_scale : std::clamp(static_cast<float>(std::min(w, h)) / 620.0f, 1.0f, 2.6f);
    return gui::FontPlan{s, 21 * s, 28 * s, 44 * s};
  };

  tablet::ViewState state;
  state.lang = o.english ? gui::Lang::En : gui::Lang::Fr;
  tablet::SignInSnapshot sign_in;
  tablet::SignInState sign_in_state;
  scrutin::pb::DelegateView view;
  bool signed_in = false, have_view = false;
  const bool offline = !o.view_json.empty();
  if (offline) {
    if (!gui::load_json(o.view_json, view)) return 2;
    state.online = signed_in = have_view = true;
  }

  // Where the server is: fixed on the command line, or found on the LAN and
  // confirmed once by the delegate (then saved), or not known yet (enrolment).
  std::function<std::optional<scrutin::client::Endpoint>()> resolve;
  std::shared_ptr<scrutin::client::Browser> browser;
  std::optional<tablet::SavedRoom> room;
  const bool fixed = o.server.given();
  bool enrolling = false, settings_open = false;
  tablet::EnrolmentState enrolment;
  tablet::EnrolmentSnapshot lan;
  const auto enrolment_began = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_read{};  // of the browser's list
  auto show_server = [&] {
    if (!resolve) return;
    if (auto e = resolve()) {
      sign_in.server = e->host + ":" + std::to_string(e->port);
      sign_in.short_code = scrutin::fingerprint_short_code(e->fingerprint);
    }
  };
  if (!offline && fixed) {
    auto r = gui::make_resolver(o.server);
    if (!r) {
      std::fprintf(stderr, "error: %s\n", r.error().c_str());
      return 2;
    }
    resolve = *r;
  } else if (!offline) {
    browser = discovery_file.empty() ? scrutin::client::browse_lan() : scrutin::client::browse_file(discovery_file);
    auto loaded = tablet::load_room(room_file);
    if (!loaded) std::fprintf(stderr, "scrutin-tablet: %s; choose the room again\n", loaded.error().c_str());
    else room = *loaded;
    if (room) resolve = scrutin::client::resolver_for(browser, {room->host, room->port, room->fingerprint});
    else enrolling = true;
  }
  show_server();

  Lobby lobby;
  Link link;
  auto start_lobby = [&] {
    lobby.client = std::make_unique<scrutin::client::Client>(config_for(resolve, scrutin::pb::ROLE_NONE));
    lobby.client->on_state([&lobby](scrutin::client::State s, const std::string& d) { lobby.state.put({s, d}); });
    (void)lobby.client->start(std::chrono::milliseconds(0));  // starts the network thread; does not wait
  };
  auto sign_in_as = [&](const std::string& id, const std::string& secret) {
    if (link.client) link.client->close();
    auto config = config_for(resolve, scrutin::pb::DELEGATE);
    config.member_id = id;
    config.secret = secret;
    link.client = std::make_unique<scrutin::client::Client>(config);
    link.client->on_push([&link](const ServerMessage& m) {
      if (m.has_delegate_view()) link.view.put(m.delegate_view());
    });
    link.client->on_state([&link](scrutin::client::State s, const std::string& d) { link.state.put({s, d}); });
    sign_in.signing_in = true;
    state.refusal.clear();
    state.taken_over = false;
    (void)link.client->start(std::chrono::milliseconds(0));
  };
  auto sign_out = [&] {
    if (link.client) link.client->close();
    link.client.reset();
    link.receipts.clear();
    state.sending.clear();
    state.held.clear();
    state.rollback_seq = 0;
    state.to_confirm.clear();
    state.online = signed_in = have_view = false;
    state.last_update.clear();
    sign_in.signing_in = false;
    sign_in_state.pin.clear();
    view.Clear();
  };
  // Sends a vote: an election's ballot with its names (or blank), a motion's choice.
  auto send_vote = [&](const tablet::VoteAction& v) {
    if (v.election) {
      scrutin::pb::ElectionPaper paper;
      for (const auto& name : v.names) paper.add_names(name);
      paper.set_blank(v.blank);
      link.receipts[v.voice] = link.client->vote_async(v.item, v.voice, paper);
    } else {
      link.receipts[v.voice] = link.client->vote_async(v.item, v.voice, v.choice);
    }
  };
  if (resolve) {
    start_lobby();
    if (!member.empty() && !pin.empty()) sign_in_as(member, pin);
  }
  // The delegate confirmed the code of a server found on the LAN: pin it, save it, go on to the sign-in.
  auto join = [&](const scrutin::discovery::Announcement& a) {
    room = tablet::SavedRoom{a.name, a.body, a.host, a.port, a.fingerprint};
    if (auto saved = tablet::save_room(room_file, *room); !saved)
      std::fprintf(stderr, "scrutin-tablet: %s (the room is joined for this run only)\n", saved.error().c_str());
    resolve = scrutin::client::resolver_for(browser, {a.host, a.port, a.fingerprint});
    enrolling = false;
    enrolment = {};
    state.wrong_server = false;
    sign_in = {};
    show_server();
    start_lobby();
  };
  auto forget = [&] {
    sign_out();
    if (lobby.client) lobby.client->close();
    lobby.client.reset();
    lobby.list.reset();
    tablet::forget_room(room_file);
    room.reset();
    resolve = nullptr;
    sign_in = {};
    state.wrong_server = state.reachable = false;
    enrolling = true;
  };

  o.app.busy = [&] {
    return !gui::test_script().done() || !state.sending.empty() || !state.to_confirm.empty() ||
           (!offline && !enrolling && !state.wrong_server && (!sign_in.list_loaded || (signed_in && !have_view)));
  };
  const int status = gui::run(o.app, [&](const gui::Fonts& fonts, float scale) {
    // Drain what the network threads produced, once per frame.
    if (auto news = lobby.state.take()) {
      if (news->first == scrutin::client::State::Failed && lobby.client->failure().fingerprint_mismatch)
        state.wrong_server = true;
    }
    // Ask for the names once the lobby is connected, and again if an answer was lost.
    if (lobby.client && !sign_in.list_loaded && !lobby.list && lobby.client->state() == scrutin::client::State::Ready) {
      scrutin::pb::ClientMessage ask;
      ask.mutable_list_members();
      lobby.list = lobby.client->request(ask);
    }
    if (lobby.list && lobby.list->wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
      try {
        const ServerMessage answer = lobby.list->get();
        if (answer.has_member_list()) {
          sign_in.members.assign(answer.member_list().members().begin(), answer.member_list().members().end());
          sign_in.list_loaded = state.reachable = true;
        }
      } catch (const std::exception&) {  // the connection dropped: asked again when it is back
      }
      lobby.list.reset();
      if (sign_in.list_loaded) lobby.client->close();
    }
    if (auto v = link.view.take()) {
      view = std::move(*v);
      have_view = true;
      state.last_update = gui::clock_time(std::chrono::system_clock::now());
      // A receipt the server no longer knows (its journal lost the tail): said loudly, and sent again.
      const unsigned login = link.client ? static_cast<unsigned>(link.client->logins()) : 0;
      for (const auto& lost : tablet::lost_votes(view, state, login)) {
        state.rollback_seq = state.held[lost.voice].journal_seq;
        state.held.erase(lost.voice);
        state.sending[lost.voice] = lost.choice;
        if (!offline && link.client) send_vote(lost);
      }
      tablet::note_recorded(view, state);
    }
    if (auto news = link.state.take()) {
      using scrutin::client::State;
      state.online = news->first == State::Ready;
      if (state.online) {
        signed_in = true;
        sign_in.signing_in = false;
      } else if (news->first == State::Failed && link.client) {
        const auto failure = link.client->failure();
        state.wrong_server = failure.fingerprint_mismatch;
        state.taken_over = failure.refused && failure.refused->code() == scrutin::pb::CODE_TAKEN_OVER;
        state.refusal = failure.refused && !state.taken_over ? gui::refusal_code(*failure.refused) : "";
        sign_out();
        sign_in_state.pin.clear();  // a refused PIN clears the field; the keypad stays where it is
      }
    }
    for (auto it = link.receipts.begin(); it != link.receipts.end();) {
      if (it->second.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
        ++it;
        continue;
      }
      try {
        const ServerMessage answer = it->second.get();
        if (answer.has_refused()) state.refusal = gui::refusal_code(answer.refused());
        if (answer.has_receipt())
          state.held[it->first] = {answer.receipt().item(), answer.receipt().choice(), answer.receipt().journal_seq(),
                                   answer.receipt().journal_head(),
                                   link.client ? static_cast<unsigned>(link.client->logins()) : 0u, false,
                                   answer.receipt().has_paper() ? std::optional(answer.receipt().paper()) : std::nullopt};
      } catch (const std::exception&) {  // signed out or closed: nothing was confirmed
      }
      state.sending.erase(it->first);
      it = link.receipts.erase(it);
    }

    // Test steps that wait for the network or act on the window (see --test-taps).
    std::string arg;
    if (gui::script_step("until:", &arg)) {
      const bool reached = arg == "online" ? state.online && have_view
                           : arg == "offline" ? !state.online
                           : arg == "settled" ? state.sending.empty() && state.online
                           : arg == "taken-over" ? state.taken_over  // released by a sign-in elsewhere
                                              : true;
      if (reached) gui::script_advance();
    } else if (gui::script_step("shot:", &arg)) {
      gui::screenshot_after_this_frame(arg);
      gui::script_advance();
    } else if (gui::script_step("quit")) {
      gui::quit_after_this_frame();
      gui::script_advance();
    }

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("tablet", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollWithMouse);
    const std::string title = signed_in && !view.name().empty() ? view.name() : std::string("Scrutin");
    const auto band = tablet::draw_top_band(title, signed_in && !offline, !enrolling, state, fonts, scale);
    if (band.sign_out) sign_out();
    if (band.settings) settings_open = true;
    if (settings_open) {
      tablet::SettingsSnapshot snap;
      snap.from_command_line = fixed || offline;
      if (room) snap.room_name = room->body.empty() ? room->name : room->body;
      else if (fixed) snap.room_name = sign_in.server;
      snap.address = sign_in.server;
      snap.short_code = sign_in.short_code;
      const auto act = tablet::draw_settings(snap, state, fonts, scale);
      if (act.forget) forget();
      if (act.forget || act.back) settings_open = false;
    } else if (enrolling) {
      // The list is read twice a second: Avahi's answers come in on their own thread.
      if (const auto now = std::chrono::steady_clock::now(); now - last_read > std::chrono::milliseconds(500)) {
        last_read = now;
        lan.found = browser->found();
        lan.browsing = browser->available();
        lan.searched_long = now - enrolment_began > std::chrono::seconds(20);
      }
      if (auto chosen = tablet::draw_enrolment(lan, enrolment, state, fonts, scale)) join(*chosen);
    } else if (!signed_in) {
      if (auto login = tablet::draw_sign_in(sign_in, sign_in_state, state, fonts, scale); login && !offline)
        sign_in_as(login->member_id, login->pin);
    } else {
      for (const auto& v : tablet::draw_delegate(view, state, fonts, scale)) {
        state.sending[v.voice] = v.choice;
        if (offline) continue;
        send_vote(v);
      }
    }
    ImGui::End();
  });
  if (link.client) link.client->close();
  if (lobby.client) lobby.client->close();
  return status;
}
