// Messages and attachments of complaints in SqlStore. Attachment bytes cross
// the text-only adapters as hex: SQLite keeps the hex text itself (schema 3),
// PostgreSQL decodes it into BYTEA and encodes it back when read, so any
// byte, NUL included, round-trips.
#include "core/complaint_json.h"
#include "core/crypto.h"
#include "core/validation.h"
#include "media/file_check.h"
#include "store/sql/complaints/complaint_rows.h"
#include "store/sql/sql_store.h"
#include "store/sql/sql_store_internal.h"

namespace hearken {

using namespace sql;

namespace {

constexpr const char* kMessageColumns =
    "id, complaint_id, kind, subject, body, author_id, author, mail_message_id, created_at";

ComplaintMessage MessageFromRow(const SqlRow& r) {
  ComplaintMessage m;
  m.id = r.Int(0);
  m.complaint_id = r.Int(1);
  m.kind = ParseMessageKind(r.Text(2)).value_or(MessageKind::kInternalNote);
  m.subject = r.Text(3);
  m.body = r.Text(4);
  m.author_id = r.OptInt(5);
  m.author = r.Text(6);
  m.mail_message_id = r.Text(7);
  m.created_at = r.Time(8);
  return m;
}

constexpr const char* kAttachmentColumns =
    "id, complaint_id, message_id, filename, content_type, size, blake2b, uploaded_by, created_at";

Attachment AttachmentFromRow(const SqlRow& r) {
  Attachment a;
  a.id = r.Int(0);
  a.complaint_id = r.Int(1);
  a.message_id = r.OptInt(2);
  a.filename = r.Text(3);
  a.content_type = r.Text(4);
  a.size = r.Int(5);
  a.blake2b = r.Text(6);
  a.uploaded_by = r.Text(7);
  a.created_at = r.Time(8);
  return a;
}

std::string ToHex(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char ch : bytes) {
    out += kDigits[ch >> 4];
    out += kDigits[ch & 0xF];
  }
  return out;
}

int HexValue(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

Result<std::string> FromHex(std::string_view hex) {
  if (hex.size() >= 2 && hex[0] == '\\' && hex[1] == 'x') hex.remove_prefix(2);  // bytea hex output
  if (hex.size() % 2 != 0) return Error::Internal("stored attachment content is corrupt");
  std::string out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = HexValue(hex[i]), lo = HexValue(hex[i + 1]);
    if (hi < 0 || lo < 0) return Error::Internal("stored attachment content is corrupt");
    out += static_cast<char>(hi << 4 | lo);
  }
  return out;
}

// The complaint's state, or NotFound.
Result<ComplaintState> ComplaintStateOf(SqlConnection& db, Id id, std::optional<Id>* customer_id = nullptr) {
  auto rows = db.Execute("SELECT state, customer_id FROM complaints WHERE id = ?", {id});
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty()) return Error::NotFound("no such complaint: " + std::to_string(id));
  if (customer_id) *customer_id = rows->rows[0].OptInt(1);
  return ParseComplaintState(rows->rows[0].Text(0)).value_or(ComplaintState::kReceived);
}

}  // namespace

Result<ComplaintMessage> SqlStore::AddComplaintMessage(const WriteContext& ctx, const ComplaintMessage& input) {
  if (Status s = ValidateComplaintMessage(input); !s.ok()) return s.error();
  return Write<ComplaintMessage>([&](SqlConnection& db, TimePoint now) -> Result<ComplaintMessage> {
    std::optional<Id> customer_id;
    auto state = ComplaintStateOf(db, input.complaint_id, &customer_id);
    if (!state.ok()) return state.error();
    if (*state == ComplaintState::kWithdrawn)
      return Error::FailedPrecondition("the complaint was withdrawn; no more messages can be added");
    if (!input.mail_message_id.empty()) {
      auto seen = QueryInt(db, "SELECT count(*) FROM complaint_messages WHERE complaint_id = ? AND mail_message_id = ?",
                           {input.complaint_id, input.mail_message_id});
      if (!seen.ok()) return seen.error();
      if (*seen > 0) return DuplicateField("this e-mail is already recorded on the complaint", "mail_message_id");
    }
    if (input.author_id) {
      auto found = Exists(db, "users", *input.author_id);
      if (!found.ok()) return found.error();
      if (!*found) return Error::NotFound("no such user: " + std::to_string(*input.author_id));
    }
    ComplaintMessage m = input;
    if (m.author.empty()) m.author = ctx.actor.label;
    m.created_at = now;
    auto added = db.Execute(
        "INSERT INTO complaint_messages (complaint_id, kind, subject, body, author_id, author, mail_message_id, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {m.complaint_id, std::string(ToString(m.kind)), m.subject, m.body, SqlOptional(m.author_id), m.author,
         m.mail_message_id.empty() ? SqlNull() : SqlValue(m.mail_message_id), now});
    if (!added.ok()) {
      if (added.error().code == ErrorCode::kAlreadyExists)
        return DuplicateField("this e-mail is already recorded on the complaint", "mail_message_id");
      return added.error();
    }
    m.id = added->rows.at(0).Int(0);
    auto touched = db.Execute("UPDATE complaints SET updated_at = ? WHERE id = ?", {now, m.complaint_id});
    if (!touched.ok()) return touched.error();
    if (Status s = RefreshComplaintSearch(db, m.complaint_id); !s.ok()) return s.error();
    AuditRecord record{"complaint_message", std::to_string(m.id), "create", "", JsonText(ToJson(m)), customer_id};
    record.complaint_id = m.complaint_id;
    if (Status s = AppendAudit(db, now, ctx, record); !s.ok()) return s.error();
    return m;
  });
}

Result<std::vector<ComplaintMessage>> SqlStore::ListComplaintMessages(Id complaint_id, bool include_internal) {
  return Read<std::vector<ComplaintMessage>>([&](SqlConnection& db) -> Result<std::vector<ComplaintMessage>> {
    std::string sql = std::string("SELECT ") + kMessageColumns + " FROM complaint_messages WHERE complaint_id = ?";
    // Only the conversation with the complainant: no internal notes, no
    // unverified mail. Built whole rather than grown: GCC 12 misreads a
    // growing vector of variants as -Wmaybe-uninitialized.
    if (!include_internal) sql += " AND kind IN (?, ?)";
    const SqlParams params = include_internal
                                 ? SqlParams{complaint_id}
                                 : SqlParams{complaint_id, std::string(ToString(MessageKind::kToComplainant)),
                                             std::string(ToString(MessageKind::kFromComplainant))};
    auto rows = db.Execute(sql + " ORDER BY created_at, id", params);
    if (!rows.ok()) return rows.error();
    std::vector<ComplaintMessage> out;
    for (const auto& r : rows->rows) out.push_back(MessageFromRow(r));
    return out;
  });
}

Result<std::string> sql::CheckAttachment(const std::string& filename, const std::string& content) {
  if (content.empty()) return Error::InvalidField("attachment", "the file is empty");
  if (content.size() > kMaxAttachmentBytes)
    return Error::InvalidField("attachment", "the file is larger than " + std::to_string(kMaxAttachmentBytes) +
                                                 " bytes");
  auto type = media::CheckFileContent(content);
  if (!type.ok()) return type.error();
  if (!IsCleanUtf8(filename)) return Error::InvalidField("filename", "must be valid UTF-8 text");
  return type;
}

Result<Attachment> sql::InsertAttachment(SqlConnection& db, TimePoint now, const WriteContext& ctx,
                                         const Attachment& meta, const std::string& content,
                                         const std::string& content_type, const std::optional<Id>& customer_id) {
  auto count = QueryInt(db, "SELECT count(*) FROM complaint_attachments WHERE complaint_id = ?", {meta.complaint_id});
  if (!count.ok()) return count.error();
  if (*count >= static_cast<std::int64_t>(kMaxAttachmentsPerComplaint))
    return Error::FailedPrecondition("a complaint holds at most " + std::to_string(kMaxAttachmentsPerComplaint) +
                                     " attachments");
  Attachment a;
  a.complaint_id = meta.complaint_id;
  a.message_id = meta.message_id;
  a.filename = SanitiseFilename(meta.filename);
  a.content_type = content_type;
  a.size = static_cast<std::int64_t>(content.size());
  a.blake2b = Blake2bHex(content);
  a.uploaded_by = meta.uploaded_by.empty() ? ctx.actor.label : meta.uploaded_by;
  a.created_at = now;
  const char* content_param = db.dialect() == SqlDialect::kSqlite ? "?" : "decode(?, 'hex')";
  auto added = db.Execute(std::string("INSERT INTO complaint_attachments (complaint_id, message_id, filename, "
                                      "content_type, size, blake2b, uploaded_by, content, created_at) VALUES "
                                      "(?, ?, ?, ?, ?, ?, ?, ") +
                              content_param + ", ?) RETURNING id",
                          {a.complaint_id, SqlOptional(a.message_id), a.filename, a.content_type, a.size, a.blake2b,
                           a.uploaded_by, ToHex(content), now});
  if (!added.ok()) return added.error();
  a.id = added->rows.at(0).Int(0);
  auto touched = db.Execute("UPDATE complaints SET updated_at = ? WHERE id = ?", {now, a.complaint_id});
  if (!touched.ok()) return touched.error();
  AuditRecord record{"complaint_attachment", std::to_string(a.id), "create", "", JsonText(ToJson(a)), customer_id};
  record.complaint_id = a.complaint_id;
  if (Status s = AppendAudit(db, now, ctx, record); !s.ok()) return s.error();
  return a;
}

Result<Attachment> SqlStore::AddAttachment(const WriteContext& ctx, const Attachment& meta,
                                           const std::string& content) {
  auto type = CheckAttachment(meta.filename, content);
  if (!type.ok()) return type.error();
  return Write<Attachment>([&](SqlConnection& db, TimePoint now) -> Result<Attachment> {
    std::optional<Id> customer_id;
    auto state = ComplaintStateOf(db, meta.complaint_id, &customer_id);
    if (!state.ok()) return state.error();
    if (meta.message_id) {
      auto mine = QueryInt(db, "SELECT count(*) FROM complaint_messages WHERE id = ? AND complaint_id = ?",
                           {*meta.message_id, meta.complaint_id});
      if (!mine.ok()) return mine.error();
      if (*mine == 0) return Error::NotFound("no such message on this complaint: " + std::to_string(*meta.message_id));
    }
    return InsertAttachment(db, now, ctx, meta, content, *type, customer_id);
  });
}

Result<std::vector<Attachment>> SqlStore::ListAttachments(Id complaint_id) {
  return Read<std::vector<Attachment>>([&](SqlConnection& db) -> Result<std::vector<Attachment>> {
    auto rows = db.Execute(
        std::string("SELECT ") + kAttachmentColumns + " FROM complaint_attachments WHERE complaint_id = ? ORDER BY id",
        {complaint_id});
    if (!rows.ok()) return rows.error();
    std::vector<Attachment> out;
    for (const auto& r : rows->rows) out.push_back(AttachmentFromRow(r));
    return out;
  });
}

Result<Attachment> SqlStore::GetAttachment(Id id) {
  return Read<Attachment>([&](SqlConnection& db) -> Result<Attachment> {
    auto rows =
        db.Execute(std::string("SELECT ") + kAttachmentColumns + " FROM complaint_attachments WHERE id = ?", {id});
    if (!rows.ok()) return rows.error();
    if (rows->rows.empty()) return Error::NotFound("no such attachment: " + std::to_string(id));
    return AttachmentFromRow(rows->rows[0]);
  });
}

Result<std::string> SqlStore::GetAttachmentContent(Id id) {
  return Read<std::string>([&](SqlConnection& db) -> Result<std::string> {
    auto rows = db.Execute(db.dialect() == SqlDialect::kSqlite
                               ? "SELECT content FROM complaint_attachments WHERE id = ?"
                               : "SELECT encode(content, 'hex') FROM complaint_attachments WHERE id = ?",
                           {id});
    if (!rows.ok()) return rows.error();
    if (rows->rows.empty()) return Error::NotFound("no such attachment: " + std::to_string(id));
    return FromHex(rows->rows[0].Text(0));
  });
}

}  // namespace hearken
