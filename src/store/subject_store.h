// The personal data held about one person, found by e-mail address (GDPR
// Art. 15 access, Art. 20 portability): the customer records with that
// address, their communications, the complaints filed with that address or
// by those customers, the messages of those complaints as the complainant
// sees them (internal notes excluded), the attachments' descriptions and the
// ratings. Part of Store (store.h); the contracts there hold.
#pragma once

#include <string>

#include "core/result.h"
#include "core/subject_json.h"

namespace hearken {

class SubjectStore {
 public:
  virtual ~SubjectStore() = default;

  // Everything held about `email` (compared case-insensitively), each list
  // oldest first; empty lists when nothing is held.
  // Errors: InvalidArgument naming "email" when it is not an address.
  virtual Result<SubjectData> ExportSubject(const std::string& email) = 0;
};

}  // namespace hearken
