// Exit codes of the kto program (documented in docs/cli.md and README.md),
// and the one mapping of the engine's status codes onto them: a command
// reports a failure with ExitCodeFor(status), never with a code of its own
// choosing, so the same failure exits the same way in every command.
#pragma once

#include "kto/status.h"

namespace kto::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;  // a bug, or an unexpected failure
inline constexpr int kExitUsage = 2;     // bad command line
inline constexpr int kExitBadInput = 3;  // some input was rejected; the rest was processed
inline constexpr int kExitIo = 4;        // a file could not be read or written
// A model, dictionary or database file is missing or corrupt.
inline constexpr int kExitBadData = 5;

inline int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return kExitOk;
    case StatusCode::kInvalidArgument:
      return kExitUsage;
    case StatusCode::kInvalidInput:
      return kExitBadInput;
    case StatusCode::kNotFound:  // an input file or a record
    case StatusCode::kIoError:
    case StatusCode::kConflict:  // a shared database's other writers, retried in vain
      return kExitIo;
    case StatusCode::kModelMissing:  // pipeline/models.h: missing is not the user's input
    case StatusCode::kCorrupt:
      return kExitBadData;
    case StatusCode::kInternal:
      return kExitInternal;
  }
  return kExitInternal;
}

}  // namespace kto::cli
