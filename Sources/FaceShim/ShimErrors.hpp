// Error reporting shared by the shim's source files: a per-thread message and a guard that
// turns C++ exceptions into fs_status codes so none crosses the C boundary.
#pragma once
#include <exception>
#include <string>

#include "FaceShim.h"

namespace faceshim {

/// Records `message` as this thread's last error and returns `status`.
fs_status fail(fs_status status, const std::string &message);

/// Runs `body`, converting any exception into FS_ERROR_INTERNAL with `what` as context.
template <typename Body>
fs_status guarded(const char *what, Body body) {
    try {
        return body();
    } catch (const std::exception &error) {
        return fail(FS_ERROR_INTERNAL, std::string(what) + ": " + error.what());
    } catch (...) {
        return fail(FS_ERROR_INTERNAL, std::string(what) + ": unknown C++ exception");
    }
}

}  // namespace faceshim
