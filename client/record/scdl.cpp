#include "client/record/record.hpp"
namespace scrutin::record {
std::string scdl_csv(const pb::SessionRecord&) { return {}; }
}  // namespace scrutin::record
