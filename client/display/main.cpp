// scrutin-display: the president's projector, full screen, read-only.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include <google/protobuf/util/json_util.h>

#include "display/room_view.hpp"

namespace {

void usage() {
  std::puts(
      "usage: scrutin-display [options]\n"
      "The projector: item under vote, quorum, live count and result.\n"
      "  --view-json FILE    show a RoomView read from FILE (protobuf JSON), without a server\n"
      "  --windowed          a 1280x800 window instead of full screen\n"
      "  --scale S           interface scale (default: the monitor's)\n"
      "  --english           English labels\n"
      "  --screenshot F.png  write a screenshot after --frames frames, then quit\n"
      "  --frames N          quit after N frames\n"
      "  --help");
}

}  // namespace

int main(int argc, char** argv) {
  scrutin::gui::AppOptions app;
  app.title = "Scrutin — écran";
  app.fullscreen = true;
  app.scale = 0;
  std::string view_json;
  scrutin::display::ViewState state;
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
    else if (a == "--windowed") app.fullscreen = false;
    else if (a == "--scale") app.scale = std::stof(value());
    else if (a == "--english") state.english = true;
    else if (a == "--screenshot") app.screenshot = value();
    else if (a == "--frames") app.frames = std::stoi(value());
    else {
      std::fprintf(stderr, "error: unknown option %s (see --help)\n", a.c_str());
      return 2;
    }
  }
  scrutin::pb::RoomView room;
  if (!view_json.empty()) {
    std::ifstream in(view_json);
    std::stringstream text;
    text << in.rdbuf();
    if (!in || !google::protobuf::util::JsonStringToMessage(text.str(), &room).ok()) {
      std::fprintf(stderr, "error: %s is not a RoomView in protobuf JSON\n", view_json.c_str());
      return 2;
    }
    state.connected = true;
  }
  return scrutin::gui::run(app, [&](const scrutin::gui::Fonts& fonts, float scale) {
    scrutin::display::draw_room(room, state, fonts, scale);
  });
}
