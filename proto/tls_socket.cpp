#include "proto/tls_socket.hpp"

#include <openssl/err.h>

#include <array>
#include <cerrno>
#include <stdexcept>

#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>

namespace scrutin::tls {

void configure_server(SSL_CTX* context) {
  SSL_CTX_set_min_proto_version(context, TLS1_3_VERSION);
  SSL_CTX_set_max_proto_version(context, TLS1_3_VERSION);
  SSL_CTX_set_options(context, SSL_OP_NO_COMPRESSION | SSL_OP_IGNORE_UNEXPECTED_EOF);
  SSL_CTX_set_mode(context, SSL_MODE_RELEASE_BUFFERS | SSL_MODE_ENABLE_PARTIAL_WRITE |
                                SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  SSL_CTX_set_read_ahead(context, 1);
  SSL_CTX_set_num_tickets(context, 0);
  SSL_CTX_set_session_cache_mode(context, SSL_SESS_CACHE_OFF);
}

Socket::Socket(asio::ip::tcp::socket socket, SSL_CTX* context) : socket_(std::move(socket)), ssl_(SSL_new(context)) {
  if (!ssl_) throw std::runtime_error("OpenSSL could not make a TLS connection object (out of memory?)");
  boost::system::error_code ec;
  socket_.non_blocking(true, ec);
  if (ec || SSL_set_fd(ssl_, socket_.native_handle()) != 1) {
    SSL_free(ssl_);
    throw std::runtime_error("could not put TLS on the socket");
  }
  SSL_set_accept_state(ssl_);
}

Socket::~Socket() { SSL_free(ssl_); }

void Socket::close() {
  boost::system::error_code ec;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  socket_.close(ec);
}

// ---- The three operations: try now, wait for the socket only when SSL asks --------

void Socket::async_handshake(DoneHandler done) {
  handshake_done_ = std::move(done);
  step_handshake();
}

void Socket::step_handshake() {
  if (!socket_.is_open()) return finish_handshake(asio::error::operation_aborted);
  ERR_clear_error();
  const int r = SSL_do_handshake(ssl_);
  if (r == 1) return finish_handshake({});
  const int e = SSL_get_error(ssl_, r);
  if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) return wait(e, Op::Handshake);
  finish_handshake(failure(e, r));
}

void Socket::async_read_some(ReadHandler read) {
  read_done_ = std::move(read);
  // Always from a fresh turn of the loop: a peer that keeps sending must not
  // turn read -> handler -> read into an ever deeper recursion.
  asio::post(socket_.get_executor(), [this] { step_read(); });
}

void Socket::step_read() {
  // Closed meanwhile: SSL still holds the descriptor's number, which a new
  // connection may already have been given. Never read through it.
  if (!socket_.is_open()) return finish_read(asio::error::operation_aborted, {});
  // One buffer per network thread: the handler consumes the bytes before this
  // thread reads for any other connection.
  thread_local std::array<char, 16 * 1024> plain;
  ERR_clear_error();
  std::size_t n = 0;
  const int r = SSL_read_ex(ssl_, plain.data(), plain.size(), &n);
  if (r == 1) return finish_read({}, std::string_view(plain.data(), n));
  const int e = SSL_get_error(ssl_, r);
  if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) return wait(e, Op::Read);
  finish_read(failure(e, r), {});
}

void Socket::async_write(std::string_view data, DoneHandler done) {
  write_left_ = data;
  write_done_ = std::move(done);
  step_write();
}

void Socket::step_write() {
  if (!socket_.is_open()) return finish_write(asio::error::operation_aborted);
  while (!write_left_.empty()) {
    ERR_clear_error();
    std::size_t n = 0;
    const int r = SSL_write_ex(ssl_, write_left_.data(), write_left_.size(), &n);
    if (r == 1) {
      write_left_.remove_prefix(n);
      continue;
    }
    const int e = SSL_get_error(ssl_, r);
    if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) return wait(e, Op::Write);
    write_left_ = {};
    // Posted: the caller's handler may start the next write.
    return asio::post(socket_.get_executor(), [this, ec = failure(e, r)] { finish_write(ec); });
  }
  asio::post(socket_.get_executor(), [this] { finish_write({}); });
}

void Socket::wait(int ssl_error, Op op) {
  const auto what = ssl_error == SSL_ERROR_WANT_READ ? asio::socket_base::wait_read : asio::socket_base::wait_write;
  socket_.async_wait(what, [this, op](const boost::system::error_code& ec) {
    if (!ec) return retry(op);
    switch (op) {
      case Op::Handshake: return finish_handshake(ec);
      case Op::Read: return finish_read(ec, {});
      case Op::Write: return finish_write(ec);
    }
  });
}

void Socket::retry(Op op) {
  switch (op) {
    case Op::Handshake: return step_handshake();
    case Op::Read: return step_read();
    case Op::Write: return step_write();
  }
}

boost::system::error_code Socket::failure(int ssl_error, int ret) const {
  boost::system::error_code ec;
  if (ssl_error == SSL_ERROR_ZERO_RETURN) {
    ec = asio::error::eof;
  } else if (ssl_error == SSL_ERROR_SYSCALL) {
    const int err = errno;
    ec = (ret == 0 || err == 0) ? boost::system::error_code(asio::error::eof)
                                : boost::system::error_code(err, boost::system::system_category());
  } else {
    const unsigned long err = ERR_peek_last_error();
    ec = boost::system::error_code(err ? static_cast<int>(err) : ssl_error, asio::error::get_ssl_category());
  }
  ERR_clear_error();  // this thread's queue serves every connection on it
  return ec;
}

// Each finish hands its handler over and runs it last: the handler may destroy
// the object that owns this socket.
void Socket::finish_handshake(const boost::system::error_code& ec) {
  if (auto done = std::exchange(handshake_done_, nullptr)) done(ec);
}

void Socket::finish_read(const boost::system::error_code& ec, std::string_view data) {
  if (auto done = std::exchange(read_done_, nullptr)) done(ec, data);
}

void Socket::finish_write(const boost::system::error_code& ec) {
  write_left_ = {};
  if (auto done = std::exchange(write_done_, nullptr)) done(ec);
}

}  // namespace scrutin::tls
