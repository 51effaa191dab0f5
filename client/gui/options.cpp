#include "gui/options.hpp"

#include <CLI/CLI.hpp>
#include <google/protobuf/util/json_util.h>

#include "gui/widgets.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace scrutin::gui {

int parse_options(int argc, char** argv, const char* name, const char* description, CommonOptions& o,
                  const OwnOptions& own) {
  CLI::App app{description, name};
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);  // the last --x wins, as before
  app.add_option("--data", o.server.data, "the server's data folder on this machine (reads DIR/endpoint)")
      ->envname("SCRUTIN_DATA");
  app.add_option("--server", o.server.server, "HOST:PORT of the server, with --fingerprint")->envname("SCRUTIN_SERVER");
  app.add_option("--fingerprint", o.server.fingerprint, "the server certificate's SHA-256, as the server printed it")
      ->envname("SCRUTIN_FINGERPRINT");
  app.add_option("--view-json", o.view_json, "show a view read from FILE (protobuf JSON), without a server");
  app.add_flag_callback("--windowed", [&] { o.app.fullscreen = false; }, "a window instead of full screen");
  app.add_flag_callback("--fullscreen", [&] { o.app.fullscreen = true; }, "full screen (kiosk)");
  app.add_option("--scale", o.app.scale, "interface scale (default: from the screen's size)");
  app.add_flag("--english", o.english, "English labels (a button switches at any time on the tablet)");
  app.add_option("--screenshot", o.app.screenshot, "write a screenshot (PNG) after --frames frames, then quit");
  app.add_option("--frames", o.app.frames, "quit after N frames");
  app.add_option_function<std::string>(
      "--size",
      [&](const std::string& v) {
        const auto x = v.find('x');
        std::size_t w_end = 0, h_end = 0;
        try {
          if (x == std::string::npos) throw std::invalid_argument(v);
          o.app.width = std::stoi(v.substr(0, x), &w_end);
          o.app.height = std::stoi(v.substr(x + 1), &h_end);
        } catch (const std::exception&) {
          throw CLI::ValidationError("--size", "needs WIDTHxHEIGHT, e.g. 1280x800");
        }
        if (w_end != x || h_end != v.size() - x - 1 || o.app.width <= 0 || o.app.height <= 0)
          throw CLI::ValidationError("--size", "needs WIDTHxHEIGHT, e.g. 1280x800");
        o.app.fullscreen = false;
      },
      "window size WIDTHxHEIGHT (a window, not full screen)");
  app.add_option_function<std::string>(
      "--test-taps",
      [](const std::string& v) {  // buttons pressed by id, comma-separated, through the same UI code
        for (std::size_t start = 0; start <= v.size();) {
          std::size_t end = v.find(',', start);
          if (end == std::string::npos) end = v.size();
          if (end > start) test_script().steps.push_back(v.substr(start, end - start));
          start = end + 1;
        }
      },
      "tests: press these buttons by id, in order (same code as a finger); also until:online|offline|settled (tablet: taken-over), "
      "drag:DY, shot:F.png, quit");
  app.add_flag("--check-layout", o.app.check_layout, "tests: exit 3 listing every text that did not fit");
  own(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);  // --help: the help on stdout, 0; a mistake: the sentence on stderr
    return status == 0 ? 0 : 2;
  }
  if (o.server_required && o.view_json.empty() && !o.server.given()) {
    std::fprintf(stderr, "error: which server? give --data DIR, or --server HOST:PORT --fingerprint HEX (see --help)\n");
    return 2;
  }
  return -1;
}

bool load_json(const std::string& path, google::protobuf::Message& message) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  if (!in || !google::protobuf::util::JsonStringToMessage(text.str(), &message).ok()) {
    std::fprintf(stderr, "error: %s is not a %s in protobuf JSON\n", path.c_str(), message.GetTypeName().c_str());
    return false;
  }
  return true;
}

}  // namespace scrutin::gui
