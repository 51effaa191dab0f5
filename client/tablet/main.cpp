// scrutin-tablet: a delegate's voting tablet, touch first.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include <google/protobuf/util/json_util.h>

#include "tablet/ballot_view.hpp"

namespace {

void usage() {
  std::puts(
      "usage: scrutin-tablet [options]\n"
      "A delegate's tablet: sign in with member id and PIN, vote for yourself and each proxy held.\n"
      "  --view-json FILE    show a DelegateView read from FILE (protobuf JSON), without a server\n"
      "  --fullscreen        full screen (kiosk)\n"
      "  --scale S           interface scale (default 1.5)\n"
      "  --english           English labels\n"
      "  --screenshot F.png  write a screenshot after --frames frames, then quit\n"
      "  --frames N          quit after N frames\n"
      "  --help");
}

}  // namespace

int main(int argc, char** argv) {
  scrutin::gui::AppOptions app;
  app.title = "Scrutin — tablette";
  app.width = 1024;
  app.height = 768;
  app.scale = 1.5f;
  std::string view_json;
  scrutin::tablet::ViewState state;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "error: %s needs a value (see --help)\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--help" || a == "-h") return usage(), 0;
    else if (a == "--view-json") view_json = value();
    else if (a == "--fullscreen") app.fullscreen = true;
    else if (a == "--scale") app.scale = std::stof(value());
    else if (a == "--english") state.english = true;
    else if (a == "--screenshot") app.screenshot = value();
    else if (a == "--frames") app.frames = std::stoi(value());
    else {
      std::fprintf(stderr, "error: unknown option %s (see --help)\n", a.c_str());
      return 2;
    }
  }
  scrutin::pb::DelegateView view;
  if (!view_json.empty()) {
    std::ifstream in(view_json);
    std::stringstream text;
    text << in.rdbuf();
    if (!in || !google::protobuf::util::JsonStringToMessage(text.str(), &view).ok()) {
      std::fprintf(stderr, "error: %s is not a DelegateView in protobuf JSON\n", view_json.c_str());
      return 2;
    }
    state.connected = state.logged_in = true;
  }
  return scrutin::gui::run(app, [&](const scrutin::gui::Fonts& fonts, float scale) {
    auto actions = scrutin::tablet::draw_tablet(view, state, fonts, scale);
    for (const auto& v : actions.votes) state.sending[v.voice] = v.choice;  // offline: shown as sending
  });
}
