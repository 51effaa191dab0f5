#include "proto/journal_chain.hpp"

#include <fmt/format.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <openssl/evp.h>

namespace scrutin {

std::string genesis_hash() { return std::string(kHashSize, '\0'); }

std::string chain_hash(std::string_view prev_hash, std::uint64_t seq, std::string_view event_bytes) {
  unsigned char seq_be[8];
  for (int i = 0; i < 8; ++i) seq_be[i] = static_cast<unsigned char>(seq >> (56 - 8 * i));
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  EVP_DigestUpdate(ctx, prev_hash.data(), prev_hash.size());
  EVP_DigestUpdate(ctx, seq_be, sizeof seq_be);
  EVP_DigestUpdate(ctx, event_bytes.data(), event_bytes.size());
  EVP_DigestFinal_ex(ctx, out, &len);
  EVP_MD_CTX_free(ctx);
  return std::string(reinterpret_cast<const char*>(out), len);
}

std::string to_hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  s.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    s += digits[c >> 4];
    s += digits[c & 15];
  }
  return s;
}

std::string event_bytes(const pb::Event& event) {
  std::string out;
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    event.SerializeToCodedStream(&coded);
  }
  return out;
}

pb::JournalEntry make_entry(std::uint64_t seq, const pb::Event& event, const std::string& prev_hash) {
  pb::JournalEntry e;
  e.set_seq(seq);
  *e.mutable_event() = event;
  e.set_prev_hash(prev_hash);
  e.set_hash(chain_hash(prev_hash, seq, event_bytes(event)));
  return e;
}

std::optional<ChainProblem> verify_chain(const std::vector<pb::JournalEntry>& entries,
                                         const std::vector<std::string>* raw_events) {
  std::string prev = genesis_hash();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const pb::JournalEntry& e = entries[i];
    const std::uint64_t expected = i + 1;
    if (e.seq() != expected)
      return ChainProblem{e.seq(), i, fmt::format("sequence number {} where {} was expected", e.seq(), expected)};
    if (e.prev_hash() != prev)
      return ChainProblem{e.seq(), i, "its link to the previous event is broken (prev_hash differs)"};
    const std::string bytes = raw_events ? (*raw_events)[i] : event_bytes(e.event());
    if (chain_hash(prev, e.seq(), bytes) != e.hash())
      return ChainProblem{e.seq(), i, "its hash does not match its content (the event was altered)"};
    prev = e.hash();
  }
  return std::nullopt;
}

}  // namespace scrutin
