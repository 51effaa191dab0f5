// Writes the seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/):
// well-formed inputs the fuzzer mutates from. Run once when the protocol
// changes: scrutin_fuzz_corpus tests/fuzz/corpus
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "common/frame.hpp"
#include "fuzz_session.hpp"
#include "proto/convert.hpp"
#include "proto/journal_chain.hpp"

namespace fs = std::filesystem;
using namespace scrutin;

namespace {

void write(const fs::path& dir, const std::string& name, const std::string& bytes) {
  fs::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << bytes;
}

std::string frames(const std::vector<pb::ClientMessage>& messages) {
  std::string out;
  for (const auto& m : messages) append_frame(out, m.SerializeAsString(), protocol::kMaxClientFrame);
  return out;
}

pb::ClientMessage vote(const std::string& voice, pb::Choice c, const std::string& item = "1") {
  pb::ClientMessage m;
  m.set_request_id(1);
  m.mutable_vote()->set_item(item);
  m.mutable_vote()->set_voice(voice);
  m.mutable_vote()->set_choice(c);
  return m;
}

pb::ClientMessage command(const Command& c) {
  pb::ClientMessage m;
  m.set_request_id(2);
  *m.mutable_command() = to_pb(c);
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 || std::string(argv[1]) == "--help") {
    std::printf("usage: %s OUT_DIR\nWrites the fuzz targets' seed corpora under OUT_DIR/<target>/.\n", argv[0]);
    return argc == 2 ? 0 : 2;
  }
  const fs::path out = argv[1];
  // Delegates: a vote, a proxy's vote, a change, a resend, one for a voice not theirs.
  const std::vector<std::vector<pb::ClientMessage>> delegate = {
      {vote("M2", pb::POUR)},
      {vote("M2", pb::POUR), vote("M10", pb::CONTRE), vote("M2", pb::ABSTENTION)},
      {vote("M3", pb::CONTRE), vote("M3", pb::CONTRE), vote("M4", pb::POUR)},
      {vote("S1", pb::NOT_TAKING_PART), vote("M11", pb::POUR, "2")},
  };
  for (std::size_t i = 0; i < delegate.size(); ++i)
    for (char mode : {'\0', '\2', '\6'}) write(out / "delegate", "seed" + std::to_string(i) + "-" + std::to_string(+mode), std::string(1, mode) + std::string(1, static_cast<char>(2 + i)) + frames(delegate[i]));
  // Clerk: a sitting's commands.
  SessionInfo info;
  info.body = "Conseil";
  info.date = "2026-01-15";
  info.seats = 20;
  RuleSet huge = french_council();
  huge.quorum = {(std::int64_t{1} << 62) + 1, (std::int64_t{1} << 62) + 2};
  const std::vector<std::vector<pb::ClientMessage>> clerk = {
      {command(cmd::CastVote{"1", "M5", "", Choice::Pour, true}), command(cmd::CloseBallot{"1"})},
      {command(cmd::CancelBallot{"1", "erreur"}), command(cmd::OpenBallot{"2", BallotMode::Secret, false, Fraction{2, 3}}),
       command(cmd::CastVote{"2", "M1", "", Choice::Contre, true}), command(cmd::CloseBallot{"2"})},
      {command(cmd::CheckOut{"M3"}), command(cmd::RegisterProxy{Proxy{"M3", "M4", 1}}), command(cmd::RevokeProxy{"M10"}),
       command(cmd::DeclareConflict{"2", "M1"}), command(cmd::ExcuseAbsence{"M11"})},
      {command(cmd::ConfigureSession{info, huge}), command(cmd::RecordPrefectureDates{"1", "2026-02-01", ""})},
      {command(cmd::AddItem{Item{"3", "Subvention"}}), command(cmd::ReconveneSession{"2026-02-02", "18:00"})},
  };
  for (std::size_t i = 0; i < clerk.size(); ++i)
    for (char mode : {'\0', '\2', '\6'}) write(out / "clerk", "seed" + std::to_string(i) + "-" + std::to_string(+mode), std::string(1, mode) + frames(clerk[i]));
  // Frames: the delegate and clerk seeds, a frame over the limit, an empty frame, a partial one.
  write(out / "frame", "votes", std::string(1, '\x07') + frames(delegate[1]));
  write(out / "frame", "commands", std::string(1, '\x01') + frames(clerk[1]));
  write(out / "frame", "too-large", std::string("\x03\x00\x01\x00\x01", 5) + "abc");
  write(out / "frame", "empty", std::string("\x05\x00\x00\x00\x00", 5));
  write(out / "frame", "partial", std::string("\x02\x00\x00\x00\x10", 5) + "abc");
  // Rosters.
  write(out / "roster", "plain", std::string("\x01") + "id,name,group,kind,substitute_of,weight\nA,Anne,Vic,titulaire,,3\nB,Bruno,Vic,,,1\nC,Chloé,Thiers,suppléant,A,1\n");
  write(out / "roster", "weights-high", std::string("\x03") + "id,name,weight\nA,Anne,1000000000\nB,Bruno,999999999\nC,Chloé,1\n");
  write(out / "roster", "weight-2-63", std::string("\x01") + "id,name,weight\nA,Anne,9223372036854775807\nB,Bruno,1\n");
  write(out / "roster", "quoted", std::string("\x02") + "\xEF\xBB\xBF\"id\",\"name\"\r\n\"X\",\"Dupont, \"\"Jean\"\"\"\r\n");
  // Journals: the assembly's own, secret and public, as JournalPages.
  for (BallotMode mode : {BallotMode::Public, BallotMode::Secret}) {
    fuzz::Assembly a(mode, mode == BallotMode::Secret);
    for (const char* v : {"M1", "M2", "M10", "S1"}) a.run(cmd::CastVote{"1", v, v == std::string("M10") ? "M2" : v, Choice::Contre, false});
    a.run(cmd::CloseBallot{"1"});
    pb::JournalPage page;
    std::string prev = genesis_hash();
    std::uint64_t seq = 0;
    for (const Event& e : a.journal) {
      if (goes_to_ballot_box(e)) continue;  // the chain only
      *page.add_entries() = make_entry(++seq, to_pb(e), prev);
      prev = page.entries(page.entries_size() - 1).hash();
    }
    write(out / "replay", mode == BallotMode::Secret ? "secret" : "public", page.SerializeAsString());
  }
  std::printf("corpora written under %s\n", out.c_str());
  return 0;
}
