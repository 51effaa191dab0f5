// What one server connection costs in memory, part by part (cost.cpp).
#pragma once

#include <string>

namespace scrutin::loadgen {

struct ConnectionCosts {
  int connections = 0;
  double ssl_kib = 0;          // idle SSL object after a TLS 1.3 handshake, the server's settings
  double asio_stream_kib = 0;  // an asio::ssl::stream before its handshake (what the server had)
  double asio_side_kib = 0;    // socket + reactor registration + strand + timer
  std::string error;
};

ConnectionCosts measure_connection_costs(int n);

}  // namespace scrutin::loadgen
