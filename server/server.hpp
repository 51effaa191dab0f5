// The session server: data folder, journal, hub, TLS listener and the
// io_context's thread pool. Start-up errors are exceptions (a sentence each).
#pragma once

#include <utility>  // before asio (Boost 1.74)

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <atomic>
#include <map>
#include <set>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/connection.hpp"
#include "server/credentials.hpp"
#include "server/data_folder.hpp"
#include "server/hub.hpp"
#include "server/login_guard.hpp"
#include "server/announce.hpp"
#include "server/journal.hpp"

namespace scrutin::server {

struct Options {
  std::string data_dir;
  std::string listen = "0.0.0.0";
  int port = 7443;
  int threads = 2;
  std::string passphrase_file;
  int idle_timeout_s = 30;
  int journal_busy_ms = 5000;
  int max_connections_per_address = 64;
  int guesses_per_device = 10;  // wrong secrets a minute from one address before it waits a minute
  int login_timeout_s = 20;  // a connection must have logged in by then
  // DNS-SD announcement (server/announce.hpp): on unless turned off or the
  // server listens on loopback only (no tablet could reach it).
  bool announce = true;
  std::string announce_name;  // default "Scrutin (hostname)"
  int frame_timeout_s = 10;  // a frame begun must be whole by then  // generous: a room behind one NAT'd router shows as one address  // how long a commit waits for another process's lock before it fails (and is retried)
};

class Server {
 public:
  explicit Server(Options options);  // opens the data folder and the journal, replays it
  ~Server();
  const DataFolder& data() const { return data_; }
  // Listens, writes the endpoint file, runs until SIGINT/SIGTERM (or stop()),
  // then stops cleanly: the journal commits everything queued. Returns the exit status.
  int run();
  void stop();  // thread-safe

 private:
  void accept();
  void shutdown();

  Options options_;
  DataFolder data_;
  std::unique_ptr<Journal> journal_;
  Credentials credentials_;
  Secrets secrets_;
  asio::io_context io_;
  // PBKDF2 of delegates' PINs, one thread per core: a room's first logins are
  // bounded by the hashing (about 1 ms a PIN), not by one thread of it.
  asio::thread_pool hashing_{std::max(1u, std::thread::hardware_concurrency())};
  asio::thread_pool clerk_hashing_{1};  // PBKDF2 of the clerk's passphrase: guesses queue here, not before PINs
  LoginGuard login_guard_{LoginGuard::Limits{.source_failures = options_.guesses_per_device}};
  asio::ssl::context tls_;
  std::unique_ptr<Hub> hub_;
  std::unique_ptr<Announcer> announcer_;
  asio::ip::tcp::acceptor acceptor_;
  asio::signal_set signals_;
  std::mutex connections_mutex_;
  std::vector<std::weak_ptr<Connection>> connections_;
  std::size_t sweep_at_ = 256;  // connections_ is swept of closed ones when it reaches this size
  // Live connections by source address. Shared with each connection's on_gone,
  // which may run after the Server is gone (handlers destroyed with io_).
  struct AddressCounts {
    std::mutex mutex;
    std::map<std::string, int> live;
    std::set<std::string> capped;  // refused at the cap, logged once until under it again
    bool closed_since_trim = false;
  };
  std::shared_ptr<AddressCounts> addresses_ = std::make_shared<AddressCounts>();
  asio::steady_timer trim_timer_{io_};
  void trim_memory();
  std::uint64_t next_id_ = 1;
  std::atomic<bool> stopping_{false};
};

}  // namespace scrutin::server
