#include "client/record/record.hpp"
namespace scrutin::record {
std::expected<void, std::string> extract_pdf(const pb::SessionRecord&, const std::string& item_id, const std::string&) {
  return std::unexpected("not yet: " + item_id);
}
}  // namespace scrutin::record
