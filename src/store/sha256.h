// SHA-256 (FIPS 180-4), for the content hash of article texts. A small
// self-contained implementation: the store must not pull a crypto library for
// one digest. Thread safety: pure function.
#pragma once

#include <string>
#include <string_view>

namespace kto::store {

// The digest of `bytes` as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view bytes);

}  // namespace kto::store
