// The seed deliberation of 22 March 2022 (tests/fixtures/seed-deliberation.txt)
// as a script of domain commands, shared by the domain, record and demo tests.
#pragma once

#include <string>
#include <vector>

#include "domain/events.hpp"

namespace scrutin::seed {

inline const std::string kItem = "20220322-59";
inline const std::string kPresident = "T05";   // Tony BERNARD
inline const std::string kSecretary = "T16";   // Caroline GUELON
inline const std::string kRapporteur = "T29";  // Stéphane RODIER

std::string fixture_path(const std::string& name);  // tests/fixtures/<name>
std::string read_fixture(const std::string& name);
std::vector<Member> roster();                        // from seed-roster.csv
SessionInfo session_info();
Item item();

// Everything up to and including opening the ballot.
std::vector<Command> setup_commands();
// The 56 votes (all pour), each cast by the member entitled to it, and the close.
std::vector<Command> vote_and_close_commands();

}  // namespace scrutin::seed
