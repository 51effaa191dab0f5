// A TLS 1.3 connection on a TCP socket, thin: OpenSSL reads and writes the
// socket's descriptor itself (non-blocking), and Asio only says when the socket
// is ready. It replaces asio::ssl::stream on the server, where 10,000 idle
// tablets must fit in little memory:
//  - asio::ssl::stream keeps two 17 KiB buffers per connection for its whole life
//    (its memory BIO pair); here the kernel's socket buffer is the only one, so
//    an idle connection holds its SSL object and nothing else;
//  - OpenSSL's record buffers are given back between records (release_buffers);
//  - what SSL_read decrypts lands in one buffer per network thread, handed to the
//    reader as a view for the length of the call.
// One read and one write may be pending at once; every call, and every handler,
// runs on the socket's executor (a strand): the SSL object is never shared.
#pragma once

#include <utility>  // before asio (Boost 1.74)

#include <boost/asio/ip/tcp.hpp>
#include <boost/system/error_code.hpp>
#include <functional>
#include <string_view>

#include <openssl/ssl.h>

namespace scrutin::tls {

namespace asio = boost::asio;

// The server's settings: TLS 1.3 only, no compression, released record buffers,
// read-ahead (one recv per record, not two), and neither session tickets nor a
// session cache (clients never resume a TLS session: a tablet that reconnects
// resumes its login instead, with the token the server gave it).
void configure_server(SSL_CTX* context);

class Socket {
 public:
  using ReadHandler = std::function<void(const boost::system::error_code&, std::string_view)>;
  using DoneHandler = std::function<void(const boost::system::error_code&)>;

  // `context` must outlive the socket. The socket's executor runs every handler.
  Socket(asio::ip::tcp::socket socket, SSL_CTX* context);
  ~Socket();
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;

  asio::ip::tcp::socket& lowest_layer() { return socket_; }
  asio::any_io_executor get_executor() { return socket_.get_executor(); }

  void async_handshake(DoneHandler done);
  // The view holds the decrypted bytes only while the handler runs.
  void async_read_some(ReadHandler read);
  // `data` must stay alive until `done` runs; all of it is written, or an error.
  void async_write(std::string_view data, DoneHandler done);
  // Closes the socket: pending operations end with operation_aborted.
  void close();

 private:
  enum class Op { Handshake, Read, Write };
  void step_handshake();
  void step_read();
  void step_write();
  // After SSL said it wants the socket readable or writable: wait, then retry `op`.
  void wait(int ssl_error, Op op);
  void retry(Op op);
  boost::system::error_code failure(int ssl_error, int ret) const;
  void finish_handshake(const boost::system::error_code& ec);
  void finish_read(const boost::system::error_code& ec, std::string_view data);
  void finish_write(const boost::system::error_code& ec);

  asio::ip::tcp::socket socket_;
  SSL* ssl_;
  DoneHandler handshake_done_;
  ReadHandler read_done_;
  DoneHandler write_done_;
  std::string_view write_left_;
};

}  // namespace scrutin::tls
