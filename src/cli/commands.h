// The store-only commands behind `hearken migrate | user | token | audit |
// import | demo`. Each writes what a person needs to `out` / `err` and returns an exit
// code (see cli.h). Every change goes through the Store, so it is audited
// with the actor "cli".
#pragma once

#include <iosfwd>
#include <string>

#include "store/store.h"

namespace hearken {

struct UserAddArgs {
  std::string email;
  std::string role;
  std::string display_name;
};

// The actor of every change made from the command line.
WriteContext CliWriteContext(const std::string& reason = "");

int RunMigrate(Store& store, std::ostream& out, std::ostream& err);
// Reads the password from `in` (one line, trailing newline dropped; nothing is
// truncated), validates it, hashes it with argon2id and creates the user.
int RunUserAdd(Store& store, const UserAddArgs& args, std::istream& in, std::ostream& out, std::ostream& err);
// Prints the new bearer token (only its hash is stored).
int RunTokenCreate(Store& store, const std::string& email, const std::string& name, std::ostream& out,
                   std::ostream& err);
// (audit verify and checkpoint: cli/audit_checkpoints.h)

// Imports the complaints of `path` in `format` ("cfpb": the CFPB Consumer
// Complaint Database CSV) and prints "imported N complaints (M duplicates
// skipped, K categories created)". Errors: NotFound (no such file), those of
// the import (InvalidArgument naming the line).
int RunImportComplaints(Store& store, const std::string& format, const std::string& path, std::ostream& out,
                        std::ostream& err);

// Prints an error as "hearken: <message>" plus one line per field, and
// returns its exit code.
int ReportError(const Error& error, std::ostream& err);

}  // namespace hearken
