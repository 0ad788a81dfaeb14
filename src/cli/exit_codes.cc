#include "cli/cli.h"

namespace hearken {

int ExitCodeFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 2;
    case ErrorCode::kNotFound: return 3;
    case ErrorCode::kAlreadyExists: return 4;
    case ErrorCode::kFailedPrecondition: return 5;
    case ErrorCode::kPermissionDenied: return 6;
    case ErrorCode::kUnavailable: return 7;
    case ErrorCode::kInternal: return 70;
  }
  return 70;
}

}  // namespace hearken
