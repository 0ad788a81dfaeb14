// `hearken subject export --email E`: everything held about one person as
// one JSON document on standard output (GDPR Art. 15, 20;
// core/subject_json.h).
#pragma once

#include <iosfwd>
#include <string>

#include "core/clock.h"
#include "store/store.h"

namespace hearken {

int RunSubjectExport(Store& store, const std::string& email, const Clock& clock, std::ostream& out,
                     std::ostream& err);

}  // namespace hearken
