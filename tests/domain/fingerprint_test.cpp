// The short code of a certificate fingerprint: what a delegate compares by eye
// between the projector, the PIN slip and the tablet.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "proto/fingerprint.hpp"

namespace scrutin {
namespace {

TEST(FingerprintShortCode, IsTheFirstFortyBitsInBase32InTwoGroups) {
  // Base32 of 01 23 45 67 89 is "AERUKZ4J" (RFC 4648 test by hand: 00000 00100 ...).
  EXPECT_EQ(fingerprint_short_code("0123456789" + std::string(54, '0')), "AERU-KZ4J");
  EXPECT_EQ(fingerprint_short_code(std::string(64, 'f')), "7777-7777");
  EXPECT_EQ(fingerprint_short_code(std::string(64, '0')), "AAAA-AAAA");
}

TEST(FingerprintShortCode, IgnoresCaseAndOnlyTheFirstTenDigitsCount) {
  const std::string lower = "abcdef0123" + std::string(54, '7');
  const std::string upper = "ABCDEF0123" + std::string(54, '1');
  EXPECT_EQ(fingerprint_short_code(lower), fingerprint_short_code(upper));
  EXPECT_EQ(fingerprint_short_code(lower).size(), 9u);
}

TEST(FingerprintShortCode, OfARealCertificateDerDiffersBetweenCertificates) {
  const std::string a = fingerprint_of_der("certificate one");
  const std::string b = fingerprint_of_der("certificate two");
  ASSERT_EQ(a.size(), 64u);
  EXPECT_NE(fingerprint_short_code(a), fingerprint_short_code(b));
  for (char c : fingerprint_short_code(a)) EXPECT_TRUE((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7') || c == '-') << c;
}

TEST(FingerprintShortCode, RefusesWhatIsNotAFingerprint) {
  EXPECT_EQ(fingerprint_short_code(""), "");
  EXPECT_EQ(fingerprint_short_code(std::string(63, 'a')), "");
  EXPECT_EQ(fingerprint_short_code(std::string(63, 'a') + "g"), "");
  EXPECT_EQ(fingerprint_short_code(std::string(65, 'a')), "");
}

}  // namespace
}  // namespace scrutin
