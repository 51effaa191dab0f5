#include <gtest/gtest.h>

#include <iostream>

#include "client/record/record.hpp"
#include "record/journalled.hpp"
#include "support/seed.hpp"

namespace scrutin {
namespace {
TEST(Extract, Print) {
  auto j = testing::seed_session();
  auto rec = record::build(j.session, j.journal);
  auto t = record::extract_text(rec, seed::kItem);
  ASSERT_TRUE(t) << t.error();
  std::cout << *t << "\n=====\n";
  auto j3 = testing::three_item_session();
  auto r3 = record::build(j3.session, j3.journal);
  for (auto id : {"2026-02", "2026-03"}) std::cout << *record::extract_text(r3, id) << "\n=====\n";
  std::cout << record::deliberation_list_text(r3) << "\n=====\n" << record::minutes_text(r3);
}
}  // namespace
}  // namespace scrutin
namespace scrutin {
TEST(Extract, Pdf) {
  auto j = testing::seed_session();
  auto rec = record::build(j.session, j.journal);
  ASSERT_TRUE(record::extract_pdf(rec, seed::kItem, "/tmp/seed.pdf"));
  auto j3 = testing::three_item_session();
  auto r3 = record::build(j3.session, j3.journal);
  ASSERT_TRUE(record::extract_pdf(r3, "2026-02", "/tmp/i2.pdf"));
}
}
