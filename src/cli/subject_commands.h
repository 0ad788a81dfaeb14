// `hearken subject export --email E`: everything held about one person as
// one JSON document on standard output (GDPR Art. 15, 20;
// core/subject_json.h). `hearken subject erase --email E --reason R`: the
// person's personal data erased everywhere (Art. 17,
// SubjectStore::EraseSubject). And the server key of crypto-shredding,
// loaded (or created) from the key directory for every command.
#pragma once

#include <iosfwd>
#include <string>

#include "core/clock.h"
#include "store/store.h"

namespace hearken {

int RunSubjectExport(Store& store, const std::string& email, const Clock& clock, std::ostream& out,
                     std::ostream& err);
int RunSubjectErase(Store& store, const std::string& email, const std::string& reason, std::ostream& out,
                    std::ostream& err);

// KEY_DIR/data-wrapping.key: created (mode 0600) when missing.
std::string DataWrappingKeyPath(const std::string& key_dir);
// Loads or creates the key and hands it to the store. Errors: those of the
// key file.
Status UseDataWrappingKey(Store& store, const std::string& key_dir);

}  // namespace hearken
