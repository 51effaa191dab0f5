#include "client/record/french.hpp"
#include "client/record/record.hpp"

namespace scrutin::record {
std::expected<std::string, std::string> extract_text(const pb::SessionRecord&, const std::string& item_id) {
  return std::unexpected("not yet: " + item_id);
}
std::string deliberation_list_text(const pb::SessionRecord&) { return {}; }
std::string minutes_text(const pb::SessionRecord&) { return {}; }
}  // namespace scrutin::record
