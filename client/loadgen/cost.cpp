// `scrutin-loadgen cost`: what one server connection costs, part by part,
// measured as heap in use (mallinfo2) before and after making N of each part in
// this process. The parts the session server holds per tablet:
//  - the TLS connection after a TLS 1.3 handshake, with the session server's
//    own settings (proto/tls_socket.hpp), idle: its SSL object and socket BIO;
//  - the same SSL object inside Boost.Asio's ssl::stream (what the server had);
//  - the socket's Asio side: the socket, its reactor registration, a strand and
//    a timer, as server/connection.hpp holds them.
// No protobuf message is kept per idle connection (views are built, framed,
// written and freed; the write queue is empty). The rest (our Connection
// object, the hub's subscriber entry, malloc's overhead) is the server's RSS per
// tablet minus these parts; BENCHMARK.md puts the figures side by side.
#include "client/loadgen/cost.hpp"

#include <fmt/format.h>
#include <malloc.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <memory>
#include <vector>

#include "proto/certificate.hpp"
#include "proto/tls_socket.hpp"

namespace scrutin::loadgen {

namespace {

namespace asio = boost::asio;

double heap_kib() { return static_cast<double>(mallinfo2().uordblks + mallinfo2().hblkhd) / 1024.0; }

struct Contexts {
  SSL_CTX* server = SSL_CTX_new(TLS_server_method());
  SSL_CTX* client = SSL_CTX_new(TLS_client_method());
  Contexts() {
    tls::configure_server(server);
    const SelfSigned made = make_self_signed("scrutin-loadgen-cost", std::chrono::hours(1));
    BIO* cert = BIO_new_mem_buf(made.cert_pem.data(), static_cast<int>(made.cert_pem.size()));
    BIO* key = BIO_new_mem_buf(made.key_pem.data(), static_cast<int>(made.key_pem.size()));
    X509* x = PEM_read_bio_X509(cert, nullptr, nullptr, nullptr);
    EVP_PKEY* k = PEM_read_bio_PrivateKey(key, nullptr, nullptr, nullptr);
    SSL_CTX_use_certificate(server, x);
    SSL_CTX_use_PrivateKey(server, k);
    X509_free(x);
    EVP_PKEY_free(k);
    BIO_free(cert);
    BIO_free(key);
    SSL_CTX_set_min_proto_version(client, TLS1_3_VERSION);
    SSL_CTX_set_verify(client, SSL_VERIFY_NONE, nullptr);  // a measurement, not a conversation
  }
  ~Contexts() {
    SSL_CTX_free(server);
    SSL_CTX_free(client);
  }
};

// Handshakes `server` with a throwaway client over a socket pair; the client
// side is freed. Returns false when the handshake did not finish.
bool handshake(SSL* server, SSL_CTX* client_ctx, int server_fd, int client_fd) {
  SSL* client = SSL_new(client_ctx);
  SSL_set_fd(client, client_fd);
  SSL_set_connect_state(client);
  bool server_done = false, client_done = false;
  for (int round = 0; round < 100 && !(server_done && client_done); ++round) {
    if (!client_done) client_done = SSL_do_handshake(client) == 1;
    if (!server_done) server_done = SSL_do_handshake(server) == 1;
  }
  // TLS 1.3 finishes on the client's side with its Finished read by the server.
  char byte;
  SSL_read(server, &byte, 1);
  SSL_free(client);
  ERR_clear_error();
  return server_done && client_done;
}

}  // namespace

ConnectionCosts measure_connection_costs(int n) {
  ConnectionCosts c;
  c.connections = n;
  Contexts contexts;
  asio::io_context io;

  // The SSL objects, on the session server's settings, idle after the handshake.
  {
    std::vector<int> fds;
    std::vector<SSL*> ssls;
    ::malloc_trim(0);
    const double before = heap_kib();
    for (int i = 0; i < n; ++i) {
      int pair[2];
      if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, pair) != 0) {
        c.error = "socketpair failed (file descriptors?)";
        break;
      }
      SSL* s = SSL_new(contexts.server);
      SSL_set_fd(s, pair[0]);
      SSL_set_accept_state(s);
      if (!handshake(s, contexts.client, pair[0], pair[1])) c.error = "a TLS handshake did not finish";
      ::close(pair[1]);
      fds.push_back(pair[0]);
      ssls.push_back(s);
    }
    c.ssl_kib = (heap_kib() - before) / n;
    for (SSL* s : ssls) SSL_free(s);
    for (int fd : fds) ::close(fd);
  }

  // asio::ssl::stream, before its handshake: its SSL object and its two
  // 17 KiB buffers, which it keeps for its whole life.
  {
    asio::ssl::context context(asio::ssl::context::tls_server);
    std::vector<std::unique_ptr<asio::ssl::stream<asio::ip::tcp::socket>>> streams;
    ::malloc_trim(0);
    const double before = heap_kib();
    for (int i = 0; i < n; ++i)
      streams.push_back(std::make_unique<asio::ssl::stream<asio::ip::tcp::socket>>(io, context));
    c.asio_stream_kib = (heap_kib() - before) / n;
  }

  // The Asio side of a connection: socket (opened, so registered with the
  // reactor), its strand and its timer.
  {
    struct Side {
      asio::ip::tcp::socket socket;
      asio::any_io_executor strand;
      asio::steady_timer timer;
      explicit Side(asio::io_context& io)
          : socket(asio::make_strand(io)), strand(socket.get_executor()), timer(strand) {}
    };
    std::vector<std::unique_ptr<Side>> sides;
    ::malloc_trim(0);
    const double before = heap_kib();
    for (int i = 0; i < n; ++i) {
      sides.push_back(std::make_unique<Side>(io));
      boost::system::error_code ec;
      sides.back()->socket.open(asio::ip::tcp::v4(), ec);
      if (ec) {
        c.error = "cannot open a socket: " + ec.message();
        break;
      }
    }
    c.asio_side_kib = (heap_kib() - before) / static_cast<double>(std::max<std::size_t>(1, sides.size()));
  }

  return c;
}

}  // namespace scrutin::loadgen
