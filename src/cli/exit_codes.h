// Exit codes of the kto program (documented in docs/cli.md and README.md).
#pragma once

#include "kto/status.h"

namespace kto::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;  // a bug, or an unexpected failure
inline constexpr int kExitUsage = 2;     // bad command line
inline constexpr int kExitBadInput = 3;  // some input was rejected; the rest was processed
inline constexpr int kExitIo = 4;        // a file could not be read or written
inline constexpr int kExitBadData =
    5;  // a model, dictionary or database file is missing or corrupt

inline int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return kExitOk;
    case StatusCode::kInvalidArgument:
      return kExitUsage;
    case StatusCode::kInvalidInput:
      return kExitBadInput;
    case StatusCode::kNotFound:
    case StatusCode::kIoError:
      return kExitIo;
    case StatusCode::kCorrupt:
      return kExitBadData;
    case StatusCode::kInternal:
      return kExitInternal;
  }
  return kExitInternal;
}

}  // namespace kto::cli
