// The client side's one error: a code a caller branches on, and one sentence
// for a person. A refusal by the server keeps the server's RefusalCode and
// ErrorKind, so callers test `refusal == pb::CODE_QUORUM_NOT_MET`, never the
// wording (which is French or English, and may be reworded).
#pragma once

#include <ostream>
#include <stdexcept>
#include <string>
#include <utility>

#include "scrutin.pb.h"

namespace scrutin::client {

enum class Code {
  Refused,         // the server said no: `refusal` and `kind` say why
  Unreachable,     // no conversation with the server: address, network, no answer, the client closed
  WrongServer,     // the server's certificate is not the pinned one
  Uncertain,       // sent, but the answer never came: it may or may not have been recorded
  Protocol,        // the server answered something this client does not expect
  BadInput,        // what was given does not parse: an argument, a file's content
  Io,              // a file could not be read or written (missing, a full or protected device)
  Access,          // this account may not read the server's data folder
  NotDataFolder,   // the folder is not a Scrutin data folder (or backup)
  Destination,     // the folder given for a backup cannot take it
  Journal,         // the journal could not be read or copied
  JournalInvalid,  // a journal (or its copy) does not verify or replay
};

struct Error {
  Code code = Code::Io;
  std::string sentence;
  pb::RefusalCode refusal = pb::CODE_NONE;  // Code::Refused: the server's code
  pb::ErrorKind kind = pb::ERROR_NONE;      // Code::Refused: the server's kind

  bool refused(pb::RefusalCode c) const { return code == Code::Refused && refusal == c; }
};

// The sentence (for test messages and logs).
inline std::ostream& operator<<(std::ostream& out, const Error& e) { return out << e.sentence; }

inline Error error(Code code, std::string sentence) { return Error{code, std::move(sentence)}; }

// One line for a Refused: "<sentence>", or the kind/code when there is no sentence.
inline std::string refusal(const pb::Refused& r) {
  if (!r.message().empty()) return r.message();
  const std::string kind = pb::ErrorKind_Name(r.kind());
  if (r.code() != pb::CODE_NONE) return "refused: " + pb::RefusalCode_Name(r.code()) + " (" + kind + ")";
  return "refused: " + kind;
}
inline Error refused_error(const pb::Refused& r) { return Error{Code::Refused, refusal(r), r.code(), r.kind()}; }

// What a future from Client::request() throws when no answer comes (what() is the sentence).
struct Exception : std::runtime_error {
  explicit Exception(Error e) : std::runtime_error(e.sentence), error(std::move(e)) {}
  Error error;
};

}  // namespace scrutin::client
