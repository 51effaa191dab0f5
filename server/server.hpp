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
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "server/connection.hpp"
#include "server/credentials.hpp"
#include "server/data_folder.hpp"
#include "server/hub.hpp"
#include "server/journal.hpp"

namespace scrutin::server {

struct Options {
  std::string data_dir;
  std::string listen = "0.0.0.0";
  int port = 7443;
  int threads = 2;
  std::string passphrase_file;
  int idle_timeout_s = 30;
  int journal_busy_ms = 5000;  // how long a commit waits for another process's lock before it fails (and is retried)
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
  asio::thread_pool hashing_{1};  // PBKDF2 of logins
  asio::ssl::context tls_;
  std::unique_ptr<Hub> hub_;
  asio::ip::tcp::acceptor acceptor_;
  asio::signal_set signals_;
  std::mutex connections_mutex_;
  std::vector<std::weak_ptr<Connection>> connections_;
  std::uint64_t next_id_ = 1;
  std::atomic<bool> stopping_{false};
};

}  // namespace scrutin::server
