// Staff accounts and how they sign in: users (argon2id hashes only),
// browser sessions and API tokens (stored as hashes of the secret). Part of
// Store (store.h); the contracts there hold.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/entities.h"
#include "core/result.h"
#include "store/store_types.h"

namespace hearken {

// A new password given with a user update (UserStore::UpdateUser).
struct PasswordChange {
  std::string password_hash;      // an argon2id hash
  std::string keep_session_hash;  // the session that survives (the caller's own), or empty: none
};

class UserStore {
 public:
  virtual ~UserStore() = default;

  // ---- Users ----
  // `user.password_hash` must already be an argon2id hash. Email is stored
  // lower-case. Errors: InvalidArgument, AlreadyExists (email).
  virtual Result<User> CreateUser(const WriteContext& ctx, const User& user) = 0;
  virtual Result<User> GetUser(Id id) = 0;
  // Case-insensitive. Errors: NotFound.
  virtual Result<User> GetUserByEmail(const std::string& email) = 0;
  // Sort fields: email, display_name, role, created_at.
  virtual Result<Page<User>> ListUsers(const ListOptions& options) = 0;
  virtual Result<std::int64_t> CountUsers() = 0;
  // Replaces email, display_name, role, enabled (never from
  // `user.password_hash`) and, when `password` is given, the password hash —
  // all in one transaction (audited as "update", then "password"), so either
  // everything changes or nothing does. Disabling a user ends all their
  // sessions; a new password ends every session of the user except
  // `password->keep_session_hash`. Errors: NotFound, InvalidArgument (also a
  // hash that is not argon2id, field "password_hash"), AlreadyExists,
  // FailedPrecondition (would leave no enabled admin).
  virtual Result<User> UpdateUser(const WriteContext& ctx, const User& user,
                                  const std::optional<PasswordChange>& password) = 0;
  Result<User> UpdateUser(const WriteContext& ctx, const User& user) { return UpdateUser(ctx, user, std::nullopt); }
  // Sets a new password hash and ends every session of the user (a reset).
  // Errors: NotFound, InvalidArgument. The audit entry never contains the hash.
  virtual Status SetPasswordHash(const WriteContext& ctx, Id user_id, const std::string& password_hash) = 0;

  // ---- Sessions (sign-in / sign-out are audited as "login" / "logout") ----
  virtual Status CreateSession(const WriteContext& ctx, const Session& session) = 0;
  // Errors: NotFound.
  virtual Result<Session> GetSession(const std::string& token_hash) = 0;
  // Records activity; not audited. Errors: NotFound.
  virtual Status TouchSession(const std::string& token_hash, TimePoint at) = 0;
  // Sign-out (audited as "logout"). Errors: NotFound.
  virtual Status DeleteSession(const WriteContext& ctx, const std::string& token_hash) = 0;
  // Removes expired sessions without auditing (housekeeping). Returns how many.
  virtual Result<std::int64_t> DeleteSessionsIdleSince(TimePoint idle_before, TimePoint created_before) = 0;

  // ---- API tokens ----
  // Errors: InvalidArgument (empty name), NotFound (user).
  virtual Result<ApiToken> CreateApiToken(const WriteContext& ctx, Id user_id, const std::string& name,
                                          const std::string& token_hash) = 0;
  // Only tokens not revoked. Errors: NotFound.
  virtual Result<ApiToken> FindActiveApiToken(const std::string& token_hash) = 0;
  // All tokens of a user, newest first (no hashes are exposed by the API).
  virtual Result<std::vector<ApiToken>> ListApiTokens(Id user_id) = 0;
  virtual Result<ApiToken> GetApiToken(Id id) = 0;
  // Errors: NotFound, FailedPrecondition (already revoked).
  virtual Status RevokeApiToken(const WriteContext& ctx, Id token_id) = 0;
};

}  // namespace hearken
