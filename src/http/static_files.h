// Serving the built web UI from a directory: files by path with their
// content type, a long cache for /assets/*, and index.html for any other
// path (the single-page app routes in the browser). Text files are sent
// precompressed (NAME.br or NAME.gz, written by the web build) to clients
// whose Accept-Encoding takes them, with Vary: Accept-Encoding. Never serves anything
// outside the directory: ".." segments, encoded slashes and NUL bytes are
// refused, and the resolved path must stay under the root.
#pragma once

#include <string>

#include "http/http_types.h"

namespace hearken::http {

// Answers a GET or HEAD for `request.path` from `root`. 404 problem when the
// path is refused or neither the file nor index.html exists.
HttpResponse ServeStatic(const std::string& root, const HttpRequest& request);

// The Content-Type for a file name by its extension.
std::string ContentTypeFor(const std::string& file_name);

}  // namespace hearken::http
