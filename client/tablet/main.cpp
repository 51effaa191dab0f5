// scrutin-tablet: a delegate's voting tablet, touch first.
#include <cstdio>
#include <future>
#include <map>
#include <memory>
#include <string>

#include "gui/options.hpp"
#include "tablet/ballot_view.hpp"

namespace {

const char* const kUsage =
    "usage: scrutin-tablet [options]\n"
    "A delegate's tablet: sign in with member id and PIN, vote for yourself and each proxy held.\n"
    "  --data DIR          the server's data folder on this machine (reads DIR/endpoint)\n"
    "  --server HOST:PORT  the server, with --fingerprint HEX (its certificate's SHA-256)\n"
    "  --member ID --pin PIN   sign in at once (kiosk set-up); otherwise the sign-in screen\n"
    "  --view-json FILE    show a DelegateView read from FILE (protobuf JSON), without a server\n"
    "  --fullscreen        full screen (kiosk)\n"
    "  --scale S           interface scale (default 1.5)\n"
    "  --english           English labels\n"
    "  --screenshot F.png  write a screenshot after --frames frames, then quit\n"
    "  --frames N          quit after N frames\n"
    "  --help";

using scrutin::pb::ServerMessage;

// The network side of the tablet: one Client per signed-in delegate. Votes are
// sent asynchronously; their receipts are collected once per frame.
struct Link {
  std::unique_ptr<scrutin::client::Client> client;
  scrutin::gui::Latest<scrutin::pb::DelegateView> view;
  scrutin::gui::Latest<std::pair<bool, std::string>> state;
  std::map<std::string, std::future<ServerMessage>> receipts;  // by voice
};

void sign_in(Link& link, const scrutin::gui::ServerOptions& server, const std::string& member, const std::string& pin,
             scrutin::tablet::ViewState& ui) {
  auto resolve = scrutin::gui::make_resolver(server);
  if (!resolve) {
    ui.status_line = resolve.error();
    return;
  }
  if (link.client) link.client->close();
  scrutin::client::Config config;
  config.resolve = *resolve;
  config.role = scrutin::pb::DELEGATE;
  config.member_id = member;
  config.secret = pin;
  config.client_name = "scrutin-tablet";
  link.client = std::make_unique<scrutin::client::Client>(config);
  link.client->on_push([&link](const ServerMessage& m) {
    if (m.has_delegate_view()) link.view.put(m.delegate_view());
  });
  link.client->on_state([&link, en = ui.english](scrutin::client::State s, const std::string& detail) {
    const bool up = s == scrutin::client::State::Ready;
    std::string line;
    if (s == scrutin::client::State::Failed) line = detail;  // e.g. wrong PIN: the server's sentence
    else if (!up) line = (en ? "Connecting to the server… " : "Connexion au serveur… ") + detail;
    link.state.put({up, line});
  });
  (void)link.client->start(std::chrono::milliseconds(0));  // starts the network thread; does not wait
  ui.status_line = ui.english ? "Signing in…" : "Connexion…";
}

}  // namespace

int main(int argc, char** argv) {
  scrutin::gui::CommonOptions o;
  o.app.title = "Scrutin — tablette";
  o.app.fullscreen = false;
  o.app.width = 1024;
  o.app.height = 768;
  o.app.scale = 1.5f;  // fingers, at arm's length
  std::string member, pin;
  const int parsed = scrutin::gui::parse_options(argc, argv, kUsage, o, [&](const std::string& a, const auto& value) {
    if (a == "--member") member = value();
    else if (a == "--pin") pin = value();
    else return false;
    return true;
  });
  if (parsed >= 0) return parsed;
  const auto& server = o.server;
  auto& app = o.app;
  scrutin::tablet::ViewState state;
  state.english = o.english;
  scrutin::pb::DelegateView view;
  const bool offline = !o.view_json.empty();
  if (offline) {
    if (!scrutin::gui::load_json(o.view_json, view)) return 2;
    state.connected = state.logged_in = true;
  }
  Link link;
  if (!offline && !member.empty() && !pin.empty()) sign_in(link, server, member, pin, state);

  const int status = scrutin::gui::run(app, [&](const scrutin::gui::Fonts& fonts, float scale) {
    // Drain what the network thread produced, once per frame.
    if (auto v = link.view.take()) view = std::move(*v);
    if (auto s = link.state.take()) {
      std::tie(state.connected, state.status_line) = *s;
      if (state.connected) state.logged_in = true;
    }
    for (auto it = link.receipts.begin(); it != link.receipts.end();) {
      if (it->second.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
        ++it;
        continue;
      }
      try {
        const ServerMessage answer = it->second.get();
        if (answer.has_refused()) state.status_line = scrutin::client::refusal(answer.refused());
      } catch (const std::exception& e) {
        state.status_line = e.what();
      }
      state.sending.erase(it->first);
      it = link.receipts.erase(it);
    }

    auto actions = scrutin::tablet::draw_tablet(view, state, fonts, scale);
    if (actions.login && !offline) sign_in(link, server, actions.login->member_id, actions.login->pin, state);
    for (const auto& v : actions.votes) {
      state.sending[v.voice] = v.choice;
      if (!offline) link.receipts[v.voice] = link.client->vote_async(v.item, v.voice, v.choice);
    }
  });
  if (link.client) link.client->close();
  return status;
}
