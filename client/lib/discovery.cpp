#include "client/lib/discovery.hpp"

#include <avahi-client/client.h>
#include <avahi-client/lookup.h>
#include <avahi-common/error.h>
#include <avahi-common/strlst.h>
#include <avahi-common/thread-watch.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

namespace scrutin::client {

namespace {

// ---- Avahi ----
// Callbacks run on Avahi's poll thread; `mutex` guards what found() reads.
class AvahiBrowser final : public Browser {
 public:
  AvahiBrowser() {
    poll_ = avahi_threaded_poll_new();
    if (!poll_) {
      problem_ = "cannot start Avahi's poll thread";
      return;
    }
    int error = 0;
    client_ = avahi_client_new(avahi_threaded_poll_get(poll_), AVAHI_CLIENT_NO_FAIL, &AvahiBrowser::on_client, this,
                               &error);
    if (!client_) {
      problem_ = std::string("Avahi: ") + avahi_strerror(error);
      avahi_threaded_poll_free(poll_);
      poll_ = nullptr;
      return;
    }
    avahi_threaded_poll_start(poll_);
  }
  ~AvahiBrowser() override {
    if (!poll_) return;
    avahi_threaded_poll_stop(poll_);
    avahi_client_free(client_);  // frees the browser and the resolvers
    avahi_threaded_poll_free(poll_);
  }

  std::vector<Announcement> found() override {
    std::lock_guard lock(mutex_);
    std::vector<Announcement> out;
    for (const auto& [name, a] : found_) out.push_back(a);
    return out;
  }
  std::string problem() override {
    std::lock_guard lock(mutex_);
    return problem_;
  }
  bool available() override {
    std::lock_guard lock(mutex_);
    return problem_.empty();
  }

 private:
  void set_problem(std::string p) {
    std::lock_guard lock(mutex_);
    problem_ = std::move(p);
  }

  static void on_client(AvahiClient* c, AvahiClientState state, void* self) {
    auto* b = static_cast<AvahiBrowser*>(self);
    if (state == AVAHI_CLIENT_S_RUNNING) {
      b->set_problem("");
      if (!b->browser_)
        b->browser_ = avahi_service_browser_new(c, AVAHI_IF_UNSPEC, AVAHI_PROTO_UNSPEC, discovery::kServiceType,
                                                nullptr, AvahiLookupFlags(0), &AvahiBrowser::on_browse, b);
      if (!b->browser_) b->set_problem(std::string("Avahi: ") + avahi_strerror(avahi_client_errno(c)));
    } else if (state == AVAHI_CLIENT_CONNECTING) {
      b->set_problem("no Avahi daemon on this device");
    } else if (state == AVAHI_CLIENT_FAILURE) {
      b->browser_ = nullptr;  // freed with the client
      b->set_problem(std::string("Avahi: ") + avahi_strerror(avahi_client_errno(c)));
      std::lock_guard lock(b->mutex_);
      b->found_.clear();
    }
  }

  static void on_browse(AvahiServiceBrowser*, AvahiIfIndex interface, AvahiProtocol protocol, AvahiBrowserEvent event,
                        const char* name, const char* type, const char* domain, AvahiLookupResultFlags, void* self) {
    auto* b = static_cast<AvahiBrowser*>(self);
    if (event == AVAHI_BROWSER_NEW) {
      // IPv4 addresses: a consumer router's LAN always has them, and they need no interface scope.
      avahi_service_resolver_new(b->client_, interface, protocol, name, type, domain, AVAHI_PROTO_INET,
                                 AvahiLookupFlags(0), &AvahiBrowser::on_resolve, b);
    } else if (event == AVAHI_BROWSER_REMOVE) {
      std::lock_guard lock(b->mutex_);
      b->found_.erase(name);
    }
  }

  static void on_resolve(AvahiServiceResolver* r, AvahiIfIndex, AvahiProtocol, AvahiResolverEvent event,
                         const char* name, const char*, const char*, const char*, const AvahiAddress* address,
                         uint16_t port, AvahiStringList* txt, AvahiLookupResultFlags, void* self) {
    auto* b = static_cast<AvahiBrowser*>(self);
    if (event == AVAHI_RESOLVER_FOUND && address) {
      std::vector<std::string> strings;
      for (AvahiStringList* s = txt; s; s = avahi_string_list_get_next(s))
        strings.emplace_back(reinterpret_cast<const char*>(avahi_string_list_get_text(s)),
                             avahi_string_list_get_size(s));
      Announcement a;
      a.name = name;
      char text[AVAHI_ADDRESS_STR_MAX] = {};
      avahi_address_snprint(text, sizeof text, address);
      a.host = text;
      a.port = port;
      if (discovery::read_txt(strings, a)) {
        std::lock_guard lock(b->mutex_);
        b->found_[a.name] = a;
      }
    }
    avahi_service_resolver_free(r);
  }

  AvahiThreadedPoll* poll_ = nullptr;
  AvahiClient* client_ = nullptr;
  AvahiServiceBrowser* browser_ = nullptr;
  std::mutex mutex_;
  std::map<std::string, Announcement> found_;  // by instance name
  std::string problem_ = "looking for the Avahi daemon";
};

// ---- A file of announcements (tests) ----
class FileBrowser final : public Browser {
 public:
  explicit FileBrowser(std::string path) : path_(std::move(path)) {}
  std::vector<Announcement> found() override {
    std::vector<Announcement> out;
    std::ifstream in(path_);
    std::string line;
    while (std::getline(in, line)) {
      std::vector<std::string> f;
      std::stringstream fields(line);
      for (std::string part; std::getline(fields, part, '\t');) f.push_back(part);
      if (f.size() != 5) continue;
      Announcement a{.name = f[0], .body = f[1], .host = f[2], .port = std::atoi(f[3].c_str()), .fingerprint = ""};
      auto fp = normalize_fingerprint(f[4]);
      if (!fp || a.port <= 0) continue;
      a.fingerprint = *fp;
      out.push_back(a);
    }
    std::ranges::sort(out, {}, &Announcement::name);
    return out;
  }
  std::string problem() override { return ""; }
  bool available() override { return true; }

 private:
  std::string path_;
};

}  // namespace

std::shared_ptr<Browser> browse_lan() { return std::make_shared<AvahiBrowser>(); }
std::shared_ptr<Browser> browse_file(std::string path) { return std::make_shared<FileBrowser>(std::move(path)); }

std::function<std::optional<Endpoint>()> resolver_for(std::shared_ptr<Browser> browser, Endpoint saved) {
  return [browser = std::move(browser), saved]() -> std::optional<Endpoint> {
    if (browser) {
      for (const auto& a : browser->found())
        if (a.fingerprint == saved.fingerprint) return Endpoint{a.host, a.port, a.fingerprint};
    }
    if (saved.port > 0 && !saved.host.empty()) return saved;
    return std::nullopt;
  };
}

}  // namespace scrutin::client
