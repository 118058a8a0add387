// SHA-256 (FIPS 180-4), for the content hash of article texts, computed by
// nettle (Debian's libnettle8: small, no dependencies of its own, so linking
// it adds nothing noticeable to the start of every command). Thread safety:
// pure function.
#pragma once

#include <string>
#include <string_view>

namespace kto::store {

// The digest of `bytes` as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view bytes);

}  // namespace kto::store
