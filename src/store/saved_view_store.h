// Saved views (issue 7, "Daily-work essentials"): a named set of list
// filters — the list page's query string, e.g. "queue=mine&severity=4" —
// that a member of staff keeps for themselves or shares with everyone.
// Part of Store (store.h); the contracts there hold. Audited like every
// change of the quality system's records.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/validation.h"
#include "store/store_types.h"

namespace hearken {

// The lists a view can be saved for.
inline constexpr const char* kSavedViewLists[] = {"complaints"};

inline constexpr size_t kMaxSavedViewNameLength = 80;
inline constexpr size_t kMaxSavedViewQueryLength = 2000;

struct SavedView {
  Id id = 0;
  std::string list;   // "complaints"
  std::string name;   // unique per owner and list
  std::string query;  // the list's query string, without "?"; the caller checks it parses
  Id owner_id = 0;
  std::string owner_name;  // filled on reads
  bool shared = false;     // visible to all staff; only the owner (or an admin) changes it
  TimePoint created_at{};
  TimePoint updated_at{};
};

// Errors: InvalidArgument naming "list", "name" (blank, too long, not clean
// text) or "query" (too long, not clean text).
inline Status ValidateSavedView(const SavedView& view) {
  bool known = false;
  for (const char* list : kSavedViewLists) known = known || view.list == list;
  if (!known) return Error::InvalidField("list", "must be complaints");
  if (view.name.find_first_not_of(" \t") == std::string::npos)
    return Error::InvalidField("name", "is required");
  if (view.name.size() > kMaxSavedViewNameLength || !IsCleanUtf8(view.name) ||
      view.name.find_first_of("\r\n") != std::string::npos)
    return Error::InvalidField("name", "must be one line of at most 80 bytes");
  if (view.query.size() > kMaxSavedViewQueryLength || !IsCleanUtf8(view.query))
    return Error::InvalidField("query", "must be clean text of at most 2000 bytes");
  return Status::Ok();
}

class SavedViewStore {
 public:
  virtual ~SavedViewStore() = default;

  // The views of `list` that `user_id` may use: their own and the shared
  // ones, by name. Errors: InvalidArgument "list".
  virtual Result<std::vector<SavedView>> ListSavedViews(const std::string& list, Id user_id) = 0;
  // Errors: NotFound.
  virtual Result<SavedView> GetSavedView(Id id) = 0;
  // Saves a new view owned by view.owner_id. Errors: ValidateSavedView's;
  // AlreadyExists naming "name" (the owner has a view of that name).
  virtual Result<SavedView> CreateSavedView(const WriteContext& ctx, const SavedView& view) = 0;
  // Replaces name, query and shared of view.id. Errors: as CreateSavedView,
  // NotFound.
  virtual Result<SavedView> UpdateSavedView(const WriteContext& ctx, const SavedView& view) = 0;
  // Errors: NotFound.
  virtual Status DeleteSavedView(const WriteContext& ctx, Id id) = 0;
};

}  // namespace hearken
