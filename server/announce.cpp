#include "server/announce.hpp"

#include <avahi-client/client.h>
#include <avahi-client/publish.h>
#include <avahi-common/alternative.h>
#include <avahi-common/error.h>
#include <avahi-common/malloc.h>
#include <avahi-common/strlst.h>
#include <avahi-common/thread-watch.h>
#include <unistd.h>

#include <climits>

#include "proto/discovery.hpp"

namespace scrutin::server {

// Every callback runs on Avahi's own poll thread; the constructor and the
// destructor take its lock around what they touch.
struct Announcer::Impl {
  std::string name;
  int port = 0;
  std::vector<std::string> txt;
  Log log;
  AvahiThreadedPoll* poll = nullptr;
  AvahiClient* client = nullptr;
  AvahiEntryGroup* group = nullptr;
  bool said_no_daemon = false;

  void say(const std::string& sentence) {
    if (log) log(sentence);
  }

  void publish(AvahiClient* c) {
    if (!group) group = avahi_entry_group_new(c, &Impl::on_group, this);
    if (!group) {
      say(std::string("announcement failed: ") + avahi_strerror(avahi_client_errno(c)));
      return;
    }
    if (!avahi_entry_group_is_empty(group)) return;
    AvahiStringList* list = nullptr;
    for (auto it = txt.rbegin(); it != txt.rend(); ++it) list = avahi_string_list_add(list, it->c_str());
    const int r = avahi_entry_group_add_service_strlst(group, AVAHI_IF_UNSPEC, AVAHI_PROTO_UNSPEC, AvahiPublishFlags(0),
                                                       name.c_str(), discovery::kServiceType, nullptr, nullptr,
                                                       static_cast<uint16_t>(port), list);
    avahi_string_list_free(list);
    if (r == AVAHI_ERR_COLLISION) return rename(c);
    if (r < 0 || avahi_entry_group_commit(group) < 0) {
      say(std::string("announcement failed: ") + avahi_strerror(avahi_client_errno(c)));
      return;
    }
  }

  // Another machine on the LAN uses the name: take "Scrutin (x) #2" and so on.
  void rename(AvahiClient* c) {
    char* next = avahi_alternative_service_name(name.c_str());
    name = next;
    avahi_free(next);
    if (group) avahi_entry_group_reset(group);
    publish(c);
  }

  static void on_group(AvahiEntryGroup* g, AvahiEntryGroupState state, void* self) {
    auto* impl = static_cast<Impl*>(self);
    if (state == AVAHI_ENTRY_GROUP_ESTABLISHED) {
      impl->say("announced on the LAN as \"" + impl->name + "\" (" + discovery::kServiceType + ")");
    } else if (state == AVAHI_ENTRY_GROUP_COLLISION) {
      impl->rename(avahi_entry_group_get_client(g));
    } else if (state == AVAHI_ENTRY_GROUP_FAILURE) {
      impl->say(std::string("announcement failed: ") +
                avahi_strerror(avahi_client_errno(avahi_entry_group_get_client(g))));
    }
  }

  static void on_client(AvahiClient* c, AvahiClientState state, void* self) {
    auto* impl = static_cast<Impl*>(self);
    switch (state) {
      case AVAHI_CLIENT_S_RUNNING:
        impl->publish(c);
        break;
      case AVAHI_CLIENT_S_COLLISION:
      case AVAHI_CLIENT_S_REGISTERING:
        if (impl->group) avahi_entry_group_reset(impl->group);  // published again once running
        break;
      case AVAHI_CLIENT_CONNECTING:
        if (!impl->said_no_daemon) {
          impl->said_no_daemon = true;
          impl->say("no Avahi daemon: not announced on the LAN (tablets need --server and --fingerprint); "
                    "announced as soon as the daemon starts");
        }
        break;
      case AVAHI_CLIENT_FAILURE:
        impl->group = nullptr;  // freed with the client
        impl->say(std::string("announcement stopped: ") + avahi_strerror(avahi_client_errno(c)));
        break;
    }
  }
};

Announcer::Announcer(std::string name, int port, std::string fingerprint, std::string body, Log log)
    : impl_(std::make_unique<Impl>()) {
  impl_->name = std::move(name);
  impl_->port = port;
  impl_->txt = discovery::txt_record(fingerprint, body);
  impl_->log = std::move(log);
  impl_->poll = avahi_threaded_poll_new();
  if (!impl_->poll) {
    impl_->say("not announced on the LAN: cannot start Avahi's poll thread");
    return;
  }
  int error = 0;
  // NO_FAIL: without a daemon (or a system bus) the client waits for one
  // instead of failing, and publishes once it appears.
  impl_->client = avahi_client_new(avahi_threaded_poll_get(impl_->poll), AVAHI_CLIENT_NO_FAIL, &Impl::on_client,
                                   impl_.get(), &error);
  if (!impl_->client) {
    impl_->say(std::string("not announced on the LAN: ") + avahi_strerror(error));
    avahi_threaded_poll_free(impl_->poll);
    impl_->poll = nullptr;
    return;
  }
  avahi_threaded_poll_start(impl_->poll);
}

Announcer::~Announcer() {
  if (!impl_->poll) return;
  avahi_threaded_poll_stop(impl_->poll);
  avahi_client_free(impl_->client);  // frees the entry group: the announcement is withdrawn
  avahi_threaded_poll_free(impl_->poll);
}

std::string default_announce_name() {
  char host[HOST_NAME_MAX + 1] = {};
  if (gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') return "Scrutin";
  return std::string("Scrutin (") + host + ")";
}

}  // namespace scrutin::server
