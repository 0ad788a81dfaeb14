// Users, sessions and API tokens of SqlStore.
#include "core/json_codec.h"
#include "core/time_format.h"
#include "core/validation.h"
#include "store/sql/sql_store.h"
#include "store/sql/sql_store_internal.h"

namespace hearken {

using namespace sql;

namespace {

constexpr const char* kUserColumns =
    "id, email, display_name, role, enabled, password_hash, created_at, updated_at";
constexpr const char* kTokenColumns = "id, user_id, name, token_hash, created_at, revoked_at";
constexpr const char* kSessionColumns = "token_hash, user_id, csrf_token, created_at, last_seen_at";

User UserFromRow(const SqlRow& r) {
  User u;
  u.id = r.Int(0);
  u.email = r.Text(1);
  u.display_name = r.Text(2);
  u.role = ParseRole(r.Text(3)).value_or(Role::kViewer);
  u.enabled = r.Bool(4);
  u.password_hash = r.Text(5);
  u.created_at = r.Time(6);
  u.updated_at = r.Time(7);
  return u;
}

ApiToken TokenFromRow(const SqlRow& r) {
  ApiToken t;
  t.id = r.Int(0);
  t.user_id = r.Int(1);
  t.name = r.Text(2);
  t.token_hash = r.Text(3);
  t.created_at = r.Time(4);
  t.revoked_at = r.OptTime(5);
  return t;
}

Session SessionFromRow(const SqlRow& r) {
  return {r.Text(0), r.Int(1), r.Text(2), r.Time(3), r.Time(4)};
}

Result<User> LoadUser(SqlConnection& db, std::string_view where, const SqlParams& params) {
  auto rows = db.Execute(std::string("SELECT ") + kUserColumns + " FROM users WHERE " + std::string(where), params);
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty()) return Error::NotFound("no such user");
  return UserFromRow(rows->rows[0]);
}

Result<ApiToken> LoadToken(SqlConnection& db, std::string_view where, const SqlParams& params) {
  auto rows =
      db.Execute(std::string("SELECT ") + kTokenColumns + " FROM api_tokens WHERE " + std::string(where), params);
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty()) return Error::NotFound("no such API token");
  return TokenFromRow(rows->rows[0]);
}

Result<Session> LoadSession(SqlConnection& db, const std::string& token_hash) {
  auto rows = db.Execute(std::string("SELECT ") + kSessionColumns + " FROM sessions WHERE token_hash = ?",
                         {token_hash});
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty()) return Error::NotFound("no such session");
  return SessionFromRow(rows->rows[0]);
}

// The audit form of a session: who and when, never the token or CSRF secret.
std::string SessionJson(const Session& s) {
  return JsonText({{"user_id", s.user_id}, {"created_at", FormatTimestamp(s.created_at)}});
}

Status CheckEmailFree(SqlConnection& db, const std::string& email_lower, Id except_id) {
  auto taken = QueryInt(db, "SELECT count(*) FROM users WHERE email = ? AND id <> ?", {email_lower, except_id});
  if (!taken.ok()) return taken.error();
  if (*taken > 0) return DuplicateField("a user with this e-mail already exists", "email");
  return Status::Ok();
}

// A password hash the store accepts: argon2id only.
Status CheckPasswordHash(const std::string& password_hash) {
  if (password_hash.rfind("$argon2id$", 0) != 0)
    return Error::InvalidField("password_hash", "must be an argon2id hash");
  return Status::Ok();
}

// Ends the sessions of `user_id` except the one with `keep_hash` (none when empty).
Status EndSessions(SqlConnection& db, Id user_id, const std::string& keep_hash) {
  auto ended = keep_hash.empty()
                   ? db.Execute("DELETE FROM sessions WHERE user_id = ?", {user_id})
                   : db.Execute("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", {user_id, keep_hash});
  if (!ended.ok()) return ended.error();
  return Status::Ok();
}

}  // namespace

Result<User> SqlStore::CreateUser(const WriteContext& ctx, const User& input) {
  if (Status s = ValidateUser(input); !s.ok()) return s.error();
  if (input.password_hash.rfind("$argon2id$", 0) != 0)
    return Error::InvalidField("password_hash", "must be an argon2id hash");
  return Write<User>([&](SqlConnection& db, TimePoint now) -> Result<User> {
    User u = input;
    u.email = AsciiLower(input.email);
    u.created_at = u.updated_at = now;
    if (Status s = CheckEmailFree(db, u.email, 0); !s.ok()) return s.error();
    auto rows = db.Execute(
        "INSERT INTO users (email, display_name, role, enabled, password_hash, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {u.email, u.display_name, std::string(ToString(u.role)), u.enabled, u.password_hash, now, now});
    if (!rows.ok()) {
      if (rows.error().code == ErrorCode::kAlreadyExists)
        return DuplicateField("a user with this e-mail already exists", "email");
      return rows.error();
    }
    u.id = rows->rows.at(0).Int(0);
    Status audited = AppendAudit(db, now, ctx, {"user", std::to_string(u.id), "create", "", JsonText(ToJson(u)), {}});
    if (!audited.ok()) return audited.error();
    return u;
  });
}

Result<User> SqlStore::GetUser(Id id) {
  return Read<User>([&](SqlConnection& db) { return LoadUser(db, "id = ?", {id}); });
}

Result<User> SqlStore::GetUserByEmail(const std::string& email) {
  return Read<User>([&](SqlConnection& db) { return LoadUser(db, "email = ?", {AsciiLower(email)}); });
}

Result<Page<User>> SqlStore::ListUsers(const ListOptions& options) {
  if (Status s = ValidateListOptions(options); !s.ok()) return s.error();
  auto order = OrderBy(options,
                       {{"email", "email"},
                        {"display_name", "lower(display_name)"},
                        {"role", "role"},
                        {"created_at", "created_at"}},
                       "email", SortDirection::kAscending, "id");
  if (!order.ok()) return order.error();
  return ReadSnapshot<Page<User>>([&](SqlConnection& db) -> Result<Page<User>> {
    Page<User> page;
    auto total = QueryInt(db, "SELECT count(*) FROM users");
    if (!total.ok()) return total.error();
    page.total = *total;
    auto rows = db.Execute(std::string("SELECT ") + kUserColumns + " FROM users" + *order + " LIMIT ? OFFSET ?",
                           WithPaging({}, options));
    if (!rows.ok()) return rows.error();
    for (const auto& r : rows->rows) page.items.push_back(UserFromRow(r));
    return page;
  });
}

Result<std::int64_t> SqlStore::CountUsers() {
  return Read<std::int64_t>([](SqlConnection& db) { return QueryInt(db, "SELECT count(*) FROM users"); });
}

Result<User> SqlStore::UpdateUser(const WriteContext& ctx, const User& input,
                                  const std::optional<PasswordChange>& password) {
  if (Status s = ValidateUser(input); !s.ok()) return s.error();
  if (password)
    if (Status s = CheckPasswordHash(password->password_hash); !s.ok()) return s.error();
  return Write<User>([&](SqlConnection& db, TimePoint now) -> Result<User> {
    auto old = LoadUser(db, "id = ?", {input.id});
    if (!old.ok()) return old.error();
    User u = *old;
    u.email = AsciiLower(input.email);
    u.display_name = input.display_name;
    u.role = input.role;
    u.enabled = input.enabled;
    u.updated_at = now;
    if (Status s = CheckEmailFree(db, u.email, u.id); !s.ok()) return s.error();
    const bool was_admin = old->enabled && old->role == Role::kAdmin;
    const bool is_admin = u.enabled && u.role == Role::kAdmin;
    if (was_admin && !is_admin) {
      auto others = QueryInt(db, "SELECT count(*) FROM users WHERE role = 'admin' AND enabled = ? AND id <> ?",
                             {true, u.id});
      if (!others.ok()) return others.error();
      if (*others == 0)
        return Error::FailedPrecondition("this change would leave no enabled administrator");
    }
    auto changed = db.Execute(
        "UPDATE users SET email = ?, display_name = ?, role = ?, enabled = ?, updated_at = ? WHERE id = ?",
        {u.email, u.display_name, std::string(ToString(u.role)), u.enabled, now, u.id});
    if (!changed.ok()) {
      if (changed.error().code == ErrorCode::kAlreadyExists)
        return DuplicateField("a user with this e-mail already exists", "email");
      return changed.error();
    }
    if (!u.enabled) {
      if (Status ended = EndSessions(db, u.id, ""); !ended.ok()) return ended.error();
    }
    Status audited = AppendAudit(db, now, ctx,
                                 {"user", std::to_string(u.id), "update", JsonText(ToJson(*old)),
                                  JsonText(ToJson(u)), {}});
    if (!audited.ok()) return audited.error();
    if (password) {
      auto set = db.Execute("UPDATE users SET password_hash = ? WHERE id = ?", {password->password_hash, u.id});
      if (!set.ok()) return set.error();
      if (Status ended = EndSessions(db, u.id, u.enabled ? password->keep_session_hash : ""); !ended.ok())
        return ended.error();
      // The user's public form on both sides: the hash never enters the trail.
      Status logged = AppendAudit(db, now, ctx,
                                  {"user", std::to_string(u.id), "password", JsonText(ToJson(u)),
                                   JsonText(ToJson(u)), {}});
      if (!logged.ok()) return logged.error();
    }
    u.password_hash = password ? password->password_hash : old->password_hash;
    return u;
  });
}

Status SqlStore::SetPasswordHash(const WriteContext& ctx, Id user_id, const std::string& password_hash) {
  if (Status s = CheckPasswordHash(password_hash); !s.ok()) return s;
  return ToStatus(Write<Unit>([&](SqlConnection& db, TimePoint now) -> Result<Unit> {
    auto old = LoadUser(db, "id = ?", {user_id});
    if (!old.ok()) return old.error();
    auto changed =
        db.Execute("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", {password_hash, now, user_id});
    if (!changed.ok()) return changed.error();
    if (Status ended = EndSessions(db, user_id, ""); !ended.ok()) return ended.error();
    User updated = *old;
    updated.updated_at = now;
    // Old and new values are the user's public form: the hash never enters the trail.
    Status audited = AppendAudit(db, now, ctx,
                                 {"user", std::to_string(user_id), "password", JsonText(ToJson(*old)),
                                  JsonText(ToJson(updated)), {}});
    if (!audited.ok()) return audited.error();
    return Unit{};
  }));
}

Status SqlStore::CreateSession(const WriteContext& ctx, const Session& session) {
  if (session.token_hash.empty()) return Error::InvalidField("token_hash", "is required");
  return ToStatus(Write<Unit>([&](SqlConnection& db, TimePoint now) -> Result<Unit> {
    auto user = Exists(db, "users", session.user_id);
    if (!user.ok()) return user.error();
    if (!*user) return Error::NotFound("no such user");
    Session s = session;
    if (s.created_at == TimePoint{}) s.created_at = now;
    if (s.last_seen_at == TimePoint{}) s.last_seen_at = s.created_at;
    auto inserted = db.Execute(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
        {s.token_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen_at});
    if (!inserted.ok()) return inserted.error();
    Status audited =
        AppendAudit(db, now, ctx, {"session", std::to_string(s.user_id), "login", "", SessionJson(s), {}});
    if (!audited.ok()) return audited.error();
    return Unit{};
  }));
}

Result<Session> SqlStore::GetSession(const std::string& token_hash) {
  return Read<Session>([&](SqlConnection& db) { return LoadSession(db, token_hash); });
}

Status SqlStore::TouchSession(const std::string& token_hash, TimePoint at) {
  return ToStatus(Read<Unit>([&](SqlConnection& db) -> Result<Unit> {
    auto changed = db.Execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", {at, token_hash});
    if (!changed.ok()) return changed.error();
    if (changed->affected == 0) return Error::NotFound("no such session");
    return Unit{};
  }, SqlAccess::kWrite));
}

Status SqlStore::DeleteSession(const WriteContext& ctx, const std::string& token_hash) {
  return ToStatus(Write<Unit>([&](SqlConnection& db, TimePoint now) -> Result<Unit> {
    auto old = LoadSession(db, token_hash);
    if (!old.ok()) return old.error();
    auto deleted = db.Execute("DELETE FROM sessions WHERE token_hash = ?", {token_hash});
    if (!deleted.ok()) return deleted.error();
    Status audited =
        AppendAudit(db, now, ctx, {"session", std::to_string(old->user_id), "logout", SessionJson(*old), "", {}});
    if (!audited.ok()) return audited.error();
    return Unit{};
  }));
}

Result<std::int64_t> SqlStore::DeleteSessionsIdleSince(TimePoint idle_before, TimePoint created_before) {
  return Read<std::int64_t>([&](SqlConnection& db) -> Result<std::int64_t> {
    auto deleted = db.Execute("DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?",
                              {idle_before, created_before});
    if (!deleted.ok()) return deleted.error();
    return deleted->affected;
  }, SqlAccess::kWrite);
}

Result<ApiToken> SqlStore::CreateApiToken(const WriteContext& ctx, Id user_id, const std::string& name,
                                          const std::string& token_hash) {
  if (name.find_first_not_of(" \t\r\n") == std::string::npos) return Error::InvalidField("name", "is required");
  if (!IsCleanUtf8(name) || name.size() > kMaxNameLength)
    return Error::InvalidField("name", "must be valid text of at most " + std::to_string(kMaxNameLength) + " bytes");
  if (token_hash.empty()) return Error::InvalidField("token_hash", "is required");
  return Write<ApiToken>([&](SqlConnection& db, TimePoint now) -> Result<ApiToken> {
    auto user = Exists(db, "users", user_id);
    if (!user.ok()) return user.error();
    if (!*user) return Error::NotFound("no such user");
    ApiToken t{0, user_id, name, token_hash, now, std::nullopt};
    auto rows = db.Execute(
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id",
        {user_id, name, token_hash, now});
    if (!rows.ok()) return rows.error();
    t.id = rows->rows.at(0).Int(0);
    Status audited =
        AppendAudit(db, now, ctx, {"api_token", std::to_string(t.id), "create", "", JsonText(ToJson(t)), {}});
    if (!audited.ok()) return audited.error();
    return t;
  });
}

Result<ApiToken> SqlStore::FindActiveApiToken(const std::string& token_hash) {
  return Read<ApiToken>(
      [&](SqlConnection& db) { return LoadToken(db, "token_hash = ? AND revoked_at IS NULL", {token_hash}); });
}

Result<std::vector<ApiToken>> SqlStore::ListApiTokens(Id user_id) {
  return Read<std::vector<ApiToken>>([&](SqlConnection& db) -> Result<std::vector<ApiToken>> {
    auto rows = db.Execute(std::string("SELECT ") + kTokenColumns +
                               " FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, id DESC",
                           {user_id});
    if (!rows.ok()) return rows.error();
    std::vector<ApiToken> out;
    for (const auto& r : rows->rows) out.push_back(TokenFromRow(r));
    return out;
  });
}

Result<ApiToken> SqlStore::GetApiToken(Id id) {
  return Read<ApiToken>([&](SqlConnection& db) { return LoadToken(db, "id = ?", {id}); });
}

Status SqlStore::RevokeApiToken(const WriteContext& ctx, Id token_id) {
  return ToStatus(Write<Unit>([&](SqlConnection& db, TimePoint now) -> Result<Unit> {
    auto old = LoadToken(db, "id = ?", {token_id});
    if (!old.ok()) return old.error();
    if (old->revoked_at) return Error::FailedPrecondition("the API token is already revoked");
    auto changed = db.Execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ?", {now, token_id});
    if (!changed.ok()) return changed.error();
    ApiToken revoked = *old;
    revoked.revoked_at = now;
    Status audited = AppendAudit(db, now, ctx,
                                 {"api_token", std::to_string(token_id), "revoke", JsonText(ToJson(*old)),
                                  JsonText(ToJson(revoked)), {}});
    if (!audited.ok()) return audited.error();
    return Unit{};
  }));
}

}  // namespace hearken
