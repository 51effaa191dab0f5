#include "client/loadgen/floor.hpp"

#include <fmt/format.h>
#include <openssl/ssl.h>
#include <sqlite3.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "client/loadgen/net.hpp"
#include "client/loadgen/proc.hpp"
#include "proto/certificate.hpp"
#include "proto/tls_socket.hpp"

namespace scrutin::loadgen {

namespace {
// The echo server's TLS: the session server's settings (TLS 1.3, an EC P-256
// self-signed certificate made in memory). `fingerprint` receives its pin.
std::unique_ptr<ssl::context> make_server_context(std::string& fingerprint, bool lean) {
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
  if (lean) {
    tls::configure_server(ctx->native_handle());
  } else {
    SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_3_VERSION);
    SSL_CTX_set_mode(ctx->native_handle(), SSL_MODE_RELEASE_BUFFERS);
  }
  const SelfSigned made = make_self_signed("scrutin-loadgen-echo", std::chrono::hours(24));
  ctx->use_certificate(asio::buffer(made.cert_pem), ssl::context::pem);
  ctx->use_private_key(asio::buffer(made.key_pem), ssl::context::pem);
  fingerprint = made.fingerprint;
  return ctx;
}
}  // namespace
namespace {

// ---- The echo server: one session per accepted socket, on its own strand --------------

// With Boost.Asio's ssl::stream.
class AsioEchoSession : public std::enable_shared_from_this<AsioEchoSession> {
 public:
  AsioEchoSession(tcp::socket socket, ssl::context& ctx, const std::string& reply)
      : stream_(std::move(socket), ctx), reply_(reply) {}
  void start() {
    auto self = shared_from_this();
    stream_.async_handshake(ssl::stream_base::server, [this, self](boost::system::error_code ec) {
      if (!ec) read();
    });
  }

 private:
  void read() {
    auto self = shared_from_this();
    stream_.async_read_some(asio::buffer(buf_), [this, self](boost::system::error_code ec, std::size_t n) {
      if (ec) return;
      reader_.feed(std::string_view(buf_.data(), n));
      std::string payload;
      // Like the server: a frame in, a frame of a receipt's size out.
      while (reader_.next(payload)) append_frame(pending_, reply_, protocol::kMaxServerFrame);
      if (reader_.error() != FrameError::None) return;
      if (!writing_now_) write();
      read();
    });
  }
  void write() {
    if (pending_.empty()) return;
    writing_.clear();
    std::swap(writing_, pending_);
    writing_now_ = true;
    auto self = shared_from_this();
    asio::async_write(stream_, asio::buffer(writing_), [this, self](boost::system::error_code ec, std::size_t) {
      writing_now_ = false;
      if (!ec) write();
    });
  }
  ssl::stream<tcp::socket> stream_;
  FrameReader reader_{protocol::kMaxClientFrame};
  const std::string& reply_;
  std::string writing_, pending_;
  bool writing_now_ = false;
  std::array<char, 2048> buf_;
};

// With the session server's thin TLS layer: what the server itself could do at best.
class LeanEchoSession : public std::enable_shared_from_this<LeanEchoSession> {
 public:
  LeanEchoSession(tcp::socket socket, ssl::context& ctx, const std::string& reply)
      : tls_(std::move(socket), ctx.native_handle()), reply_(reply) {}
  void start() {
    tls_.async_handshake([self = shared_from_this()](const boost::system::error_code& ec) {
      if (!ec) self->read();
    });
  }

 private:
  void read() {
    tls_.async_read_some([self = shared_from_this()](const boost::system::error_code& ec, std::string_view bytes) {
      if (ec) return;
      self->reader_.feed(bytes);
      std::string payload;
      while (self->reader_.next(payload)) append_frame(self->pending_, self->reply_, protocol::kMaxServerFrame);
      if (self->reader_.error() != FrameError::None) return;
      if (!self->writing_now_) self->write();
      self->read();
    });
  }
  void write() {
    if (pending_.empty()) return std::string().swap(writing_);  // idle: no buffer kept
    writing_.clear();
    std::swap(writing_, pending_);
    writing_now_ = true;
    tls_.async_write(writing_, [self = shared_from_this()](const boost::system::error_code& ec) {
      self->writing_now_ = false;
      if (!ec) self->write();
    });
  }
  tls::Socket tls_;
  FrameReader reader_{protocol::kMaxClientFrame};
  const std::string& reply_;
  std::string writing_, pending_;
  bool writing_now_ = false;
};

class EchoServer {
 public:
  EchoServer(asio::io_context& io, ssl::context& ctx, std::size_t reply_bytes, bool lean)
      : io_(io), ctx_(ctx), acceptor_(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)),
        reply_(reply_bytes, 'r'), lean_(lean) {
    acceptor_.listen(asio::socket_base::max_listen_connections);
    accept();
  }
  tcp::endpoint endpoint() const { return acceptor_.local_endpoint(); }
  void stop() {
    asio::post(acceptor_.get_executor(), [this] {
      boost::system::error_code ignored;
      acceptor_.close(ignored);
    });
  }

 private:
  void accept() {
    acceptor_.async_accept(asio::make_strand(io_), [this](boost::system::error_code ec, tcp::socket s) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) {
        boost::system::error_code ignored;
        s.set_option(tcp::no_delay(true), ignored);
        if (lean_)
          std::make_shared<LeanEchoSession>(std::move(s), ctx_, reply_)->start();
        else
          std::make_shared<AsioEchoSession>(std::move(s), ctx_, reply_)->start();
      }
      accept();
    });
  }
  asio::io_context& io_;
  ssl::context& ctx_;
  tcp::acceptor acceptor_;
  const std::string reply_;  // every connection answers the same bytes
  bool lean_;
};

// ---- The echo client side ---------------------------------------------------------------

struct EchoShared {
  std::atomic<int> ready{0}, failed{0}, finished{0};
  std::atomic<long> replies{0};
  std::string request_frame;
  int rounds = 1;
};

class EchoClient : public ConnectionHandler {
 public:
  EchoClient(asio::io_context& io, ssl::context& ctx, EchoShared& shared) : shared_(shared) {
    conn_ = std::make_shared<Connection>(io, ctx, this);
  }
  ~EchoClient() override { conn_->detach(); }
  void on_ready() override { shared_.ready.fetch_add(1); }
  void on_end(ConnectionEnd, const std::string&) override { shared_.failed.fetch_add(1); }
  void on_message(const std::string&) override {
    const std::int64_t t = now_ns();
    rtts_.push_back(t - sent_);
    shared_.replies.fetch_add(1);
    if (static_cast<int>(rtts_.size()) < shared_.rounds) {
      sent_ = now_ns();
      conn_->send_here(shared_.request_frame);
    } else {
      shared_.finished.fetch_add(1);
    }
  }
  void go() {
    asio::post(conn_->strand(), [this] {
      sent_ = now_ns();
      conn_->send_here(shared_.request_frame);
    });
  }
  std::shared_ptr<Connection> conn_;
  std::vector<std::int64_t> rtts_;

 private:
  EchoShared& shared_;
  std::int64_t sent_ = 0;
};

double pct(std::vector<std::int64_t>& v, double p) {
  if (v.empty()) return 0;
  const auto k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return static_cast<double>(v[k]) / 1e6;
}


// The echo server runs in a child process, as the session server does: the
// file-descriptor limit (20,000 here) is per process, and 10,000 connections
// need 10,000 descriptors on each side. Forked before this process starts any
// thread. Returns the child's pid; port and pin come back through a pipe.
pid_t fork_echo_server(std::size_t reply_bytes, bool lean, int& port, std::string& fingerprint) {
  int fds[2];
  if (::pipe(fds) != 0) return -1;
  const pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    ::close(fds[0]);
    std::string fp;
    auto ctx = make_server_context(fp, lean);
    asio::io_context io;
    EchoServer server(io, *ctx, reply_bytes, lean);
    const std::string hello = fmt::format("{} {}\n", server.endpoint().port(), fp);
    if (::write(fds[1], hello.data(), hello.size()) < 0) ::_exit(1);
    ::close(fds[1]);
    std::thread second([&] { io.run(); });
    io.run();  // until the parent's SIGKILL
    second.join();
    ::_exit(0);
  }
  ::close(fds[1]);
  char buf[256] = {};
  std::size_t got = 0;
  while (got < sizeof buf - 1) {
    const auto n = ::read(fds[0], buf + got, sizeof buf - 1 - got);
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fds[0]);
  char fpbuf[128] = {};
  if (std::sscanf(buf, "%d %127s", &port, fpbuf) != 2) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    return -1;
  }
  fingerprint = fpbuf;
  return pid;
}

}  // namespace

EchoFloor measure_echo_floor(const EchoOptions& o) {
  EchoFloor r;
  r.connections = o.connections;
  int port = 0;
  std::string fp;
  const pid_t child = fork_echo_server(o.reply_bytes, o.lean, port, fp);
  if (child < 0) {
    r.error = "cannot start the echo server process";
    return r;
  }
  auto client_ctx = make_client_context();

  // The echo server has two threads (like the session server's pool), and the
  // clients two (like the load generator's).
  asio::io_context client_io;
  auto client_guard = asio::make_work_guard(client_io);
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) threads.emplace_back([&] { client_io.run(); });

  EchoShared shared;
  shared.rounds = o.rounds;
  append_frame(shared.request_frame, std::string(o.request_bytes, 'q'), protocol::kMaxClientFrame);
  std::vector<std::unique_ptr<EchoClient>> clients;
  clients.reserve(static_cast<std::size_t>(o.connections));
  const tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port));
  const auto deadline = Clock::now() + std::chrono::duration<double>(o.timeout_s);

  const std::int64_t t0 = now_ns();
  auto last_progress = Clock::now();
  while (Clock::now() < deadline) {
    const int done = shared.ready.load() + shared.failed.load();
    while (static_cast<int>(clients.size()) < o.connections &&
           static_cast<int>(clients.size()) - done < o.connect_concurrency) {
      clients.push_back(std::make_unique<EchoClient>(client_io, *client_ctx, shared));
      clients.back()->conn_->start(ep, fp);
    }
    if (done >= o.connections) break;
    if (o.progress && Clock::now() - last_progress > std::chrono::seconds(1)) {
      last_progress = Clock::now();
      o.progress(fmt::format("echo floor: connected {}/{}", shared.ready.load(), o.connections));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  r.connect_s = static_cast<double>(now_ns() - t0) / 1e9;
  r.connected = shared.ready.load();
  if (shared.failed.load() > 0) r.error = fmt::format("{} echo connections failed", shared.failed.load());

  if (r.connected > 0) {
    const std::int64_t b0 = now_ns();
    for (auto& c : clients) c->go();
    const long expected = static_cast<long>(r.connected) * o.rounds;
    while (Clock::now() < deadline && shared.replies.load() < expected && shared.failed.load() == 0)
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    const std::int64_t b1 = now_ns();
    r.round_trips = shared.replies.load();
    r.burst_s = static_cast<double>(b1 - b0) / 1e9;
    r.round_trips_per_s = r.burst_s > 0 ? static_cast<double>(r.round_trips) / r.burst_s : 0;
    if (r.round_trips < expected && r.error.empty())
      r.error = fmt::format("echo floor: {} of {} round trips within the time limit", r.round_trips, expected);
  }
  {
    const ProcStats ps = read_proc_stats(child);
    r.server_rss_mib = ps.rss_mib;
    r.server_hwm_mib = ps.hwm_mib;
    r.server_cpu_s = ps.cpu_s;
  }
  for (auto& c : clients) c->conn_->close();
  client_guard.reset();
  // Let the closes run, then stop.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  client_io.stop();
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  for (auto& t : threads) t.join();
  std::vector<std::int64_t> all;
  for (auto& c : clients) all.insert(all.end(), c->rtts_.begin(), c->rtts_.end());
  r.rtt_p50_ms = pct(all, 0.5);
  r.rtt_p99_ms = pct(all, 0.99);
  clients.clear();
  return r;
}

CommitFloor measure_commit_floor(const std::string& dir, int commits, int batch_rows, std::size_t row_bytes) {
  CommitFloor r;
  r.path = fmt::format("{}/loadgen-floor-{}.sqlite", dir, ::getpid());
  sqlite3* db = nullptr;
  auto cleanup = [&] {
    if (db) sqlite3_close(db);
    for (const char* suffix : {"", "-wal", "-shm"}) ::unlink((r.path + suffix).c_str());
  };
  if (sqlite3_open(r.path.c_str(), &db) != SQLITE_OK) {
    r.error = fmt::format("cannot open {}: {}", r.path, db ? sqlite3_errmsg(db) : "out of memory");
    cleanup();
    return r;
  }
  auto exec = [&](const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; };
  // The journal's own settings and table (PROTOCOL.md "Journal").
  if (!exec("PRAGMA journal_mode=WAL") || !exec("PRAGMA synchronous=FULL") ||
      !exec("CREATE TABLE events(seq INTEGER PRIMARY KEY, event BLOB NOT NULL, prev_hash BLOB NOT NULL, "
            "hash BLOB NOT NULL)")) {
    r.error = fmt::format("{}: {}", r.path, sqlite3_errmsg(db));
    cleanup();
    return r;
  }
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO events(event, prev_hash, hash) VALUES(?, ?, ?)", -1, &insert, nullptr);
  const std::string event(row_bytes, 'e'), hash(32, 'h');
  auto add_row = [&] {
    sqlite3_bind_blob(insert, 1, event.data(), static_cast<int>(event.size()), SQLITE_STATIC);
    sqlite3_bind_blob(insert, 2, hash.data(), 32, SQLITE_STATIC);
    sqlite3_bind_blob(insert, 3, hash.data(), 32, SQLITE_STATIC);
    sqlite3_step(insert);
    sqlite3_reset(insert);
  };
  auto one_commit = [&] {
    const std::int64_t t0 = now_ns();
    exec("BEGIN");
    add_row();
    exec("COMMIT");
    return now_ns() - t0;
  };
  // Cold: every commit grows the WAL file, so its fsync also writes metadata.
  std::vector<std::int64_t> cold;
  for (int i = 0; i < 20; ++i) cold.push_back(one_commit());
  const std::int64_t b0 = now_ns();
  exec("BEGIN");
  for (int i = 0; i < batch_rows; ++i) add_row();
  exec("COMMIT");
  r.batch_ms = static_cast<double>(now_ns() - b0) / 1e6;
  r.batch_rows = batch_rows;
  // Warm, as in a server that has run a while: after a checkpoint the WAL is
  // rewritten in place, so a commit is the fsync of the pages it wrote.
  exec("PRAGMA wal_checkpoint(PASSIVE)");
  std::vector<std::int64_t> times;
  for (int i = 0; i < commits; ++i) times.push_back(one_commit());
  r.cold_median_ms = pct(cold, 0.5);
  sqlite3_finalize(insert);
  r.commits = commits;
  r.median_ms = pct(times, 0.5);
  r.p90_ms = pct(times, 0.9);
  cleanup();
  return r;
}

}  // namespace scrutin::loadgen
