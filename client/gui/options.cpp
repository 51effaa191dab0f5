#include "gui/options.hpp"

#include <google/protobuf/util/json_util.h>

#include "gui/widgets.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>

namespace scrutin::gui {

int parse_options(int argc, char** argv, const char* usage, CommonOptions& o, const ExtraOption& extra) {
  std::string a;
  try {
    for (int i = 1; i < argc; ++i) {
      a = argv[i];
      auto value = [&]() -> std::string {
        if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
        return argv[++i];
      };
      if (a == "--help" || a == "-h") return std::puts(usage), 0;
      else if (a == "--view-json") o.view_json = value();
      else if (a == "--data") o.server.data = value();
      else if (a == "--server") o.server.server = value();
      else if (a == "--fingerprint") o.server.fingerprint = value();
      else if (a == "--windowed") o.app.fullscreen = false;
      else if (a == "--fullscreen") o.app.fullscreen = true;
      else if (a == "--scale") o.app.scale = std::stof(value());
      else if (a == "--english") o.english = true;
      else if (a == "--screenshot") o.app.screenshot = value();
      else if (a == "--frames") o.app.frames = std::stoi(value());
      else if (a == "--size") {
        const std::string v = value();
        const auto x = v.find('x');
        if (x == std::string::npos) throw std::invalid_argument("--size needs WIDTHxHEIGHT, e.g. 1280x800");
        o.app.width = std::stoi(v.substr(0, x));
        o.app.height = std::stoi(v.substr(x + 1));
        o.app.fullscreen = false;
      } else if (a == "--test-taps") {  // tests: buttons pressed by id, comma-separated, through the same UI code
        const std::string v = value();
        for (std::size_t start = 0; start <= v.size();) {
          std::size_t end = v.find(',', start);
          if (end == std::string::npos) end = v.size();
          if (end > start) test_script().steps.push_back(v.substr(start, end - start));
          start = end + 1;
        }
      } else if (a == "--check-layout") o.app.check_layout = true;
      else if (!extra(a, value)) throw std::invalid_argument("unknown option " + a);
    }
  } catch (const std::invalid_argument& e) {
    // std::stoi/stof say only "stoi": name the option instead.
    const bool number = std::string_view(e.what()).starts_with("sto");
    std::fprintf(stderr, "error: %s (see --help)\n", number ? (a + " needs a number").c_str() : e.what());
    return 2;
  } catch (const std::out_of_range&) {
    std::fprintf(stderr, "error: %s: number out of range (see --help)\n", a.c_str());
    return 2;
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
