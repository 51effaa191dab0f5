// PIN slips: an A4 PDF with one card per member — name, member id, PIN, the
// server's address and the short form of its fingerprint (the code the tablet
// shows, proto/fingerprint.hpp), and a QR code of the connection details made
// with libqrencode (the PIN is printed, never put in the QR code).
#pragma once

#include <expected>
#include <string>
#include <vector>

namespace scrutin::clerk {

struct Slip {
  std::string member_id;
  std::string name;
  std::string pin;
};

// "scrutin://HOST:PORT?fp=HEX&member=ID": what the QR code holds.
std::string connection_uri(const std::string& server, const std::string& fingerprint, const std::string& member_id);

std::expected<void, std::string> write_pin_slips(const std::string& pdf_path, const std::vector<Slip>& slips,
                                                 const std::string& server, const std::string& fingerprint,
                                                 const std::string& body);

}  // namespace scrutin::clerk
