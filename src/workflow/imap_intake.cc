#include "workflow/imap_intake.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <utility>

#include "core/complaint.h"
#include "core/crypto.h"
#include "core/validation.h"
#include "media/file_check.h"
#include "workflow/staff_notices.h"

namespace hearken {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Cuts `text` to at most `max` bytes at a UTF-8 character boundary, saying so
// when anything was cut (and the note fits).
std::string Fit(std::string text, size_t max, std::string_view note = "") {
  if (text.size() <= max) return text;
  size_t end = max > note.size() ? max - note.size() : max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  if (text.size() + note.size() <= max) text += note;
  return text;
}

std::string SenderLabel(const MailAddress& from) {
  if (from.display_name.empty()) return from.address;
  return from.display_name + " <" + from.address + ">";
}

// The attachments intake keeps (type allowed, not too large) and a note
// naming the ones left out.
struct SortedAttachments {
  std::vector<std::pair<const InboundAttachment*, std::string>> kept;  // with the sniffed content type
  std::string note;
};

SortedAttachments SortAttachments(const InboundMessage& message) {
  SortedAttachments out;
  for (const InboundAttachment& a : message.attachments) {
    std::string name = SanitiseFilename(a.file_name);
    if (a.bytes.empty()) continue;
    if (a.bytes.size() > kMaxAttachmentBytes) {
      out.note += "\n[attachment \"" + name + "\" left out: larger than 10 MiB]";
      continue;
    }
    Result<std::string> type = media::CheckFileContent(a.bytes);
    if (!type.ok()) {
      out.note += "\n[attachment \"" + name + "\" left out: this file type is not accepted]";
      continue;
    }
    if (out.kept.size() >= kMaxAttachmentsPerComplaint) {
      out.note += "\n[attachment \"" + name + "\" left out: too many attachments]";
      continue;
    }
    out.kept.emplace_back(&a, *type);
  }
  if (out.note.size() > 4000) out.note = Fit(std::move(out.note), 4000, "\n[…]");
  return out;
}

void StoreAttachments(Store& store, const WriteContext& ctx, Id complaint_id, std::optional<Id> message_id,
                      const SortedAttachments& attachments, const std::string& uploaded_by,
                      const std::string& reference) {
  for (const auto& [attachment, type] : attachments.kept) {
    Attachment meta;
    meta.complaint_id = complaint_id;
    meta.message_id = message_id;
    meta.filename = SanitiseFilename(attachment->file_name);
    meta.content_type = type;
    meta.uploaded_by = uploaded_by;
    if (auto added = store.complaint_messages().AddAttachment(ctx, meta, attachment->bytes); !added.ok())
      spdlog::warn("e-mail intake: attachment \"{}\" of {} not stored: {}", meta.filename, reference,
                   added.error().message);
  }
}

const char* kNoText = "(The e-mail had no plain-text part.)";

std::string TrimEnd(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.pop_back();
  return text;
}

// A reply without the quoted history at its end: trailing lines that start
// with ">" and the attribution line before them ("On … wrote:").
std::string WithoutQuotedTail(const std::string& body) {
  std::vector<std::string_view> lines;
  std::string_view rest(body);
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    lines.push_back(rest.substr(0, nl));
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  }
  auto blank = [](std::string_view l) { return l.find_first_not_of(" \t\r") == std::string_view::npos; };
  size_t end = lines.size();
  bool quoted = false;
  while (end > 0 && (blank(lines[end - 1]) || lines[end - 1].starts_with(">"))) {
    quoted = quoted || lines[end - 1].starts_with(">");
    --end;
  }
  if (!quoted) return body;
  if (end > 0 && TrimEnd(std::string(lines[end - 1])).ends_with("wrote:")) --end;
  std::string out;
  for (size_t i = 0; i < end; ++i) out.append(lines[i]).push_back('\n');
  out = TrimEnd(std::move(out));
  return out.empty() ? body : out;  // a reply that is all quote keeps it
}

}  // namespace

std::string NormaliseMailAddress(std::string_view address) {
  const size_t begin = address.find_first_not_of(" \t\r\n<");
  if (begin == std::string_view::npos) return "";
  const size_t end = address.find_last_not_of(" \t\r\n>");
  return Lower(address.substr(begin, end - begin + 1));
}

bool IsComplainantAddress(std::string_view sender, const Complaint& complaint) {
  const std::string contact = NormaliseMailAddress(complaint.intake.contact_email);
  return !contact.empty() && NormaliseMailAddress(sender) == contact;
}

namespace {

// Adds `message` to the existing case `complaint`: as the complainant's
// reply when its sender is the complaint's contact address (then a case
// waiting on the complainant resumes), otherwise as unverified mail that
// only staff see and that changes nothing else.
Status AddReply(const InboundMessage& message, const Complaint& complaint, Store& store, IntakeReport& report) {
  const bool verified = IsComplainantAddress(message.from.address, complaint);
  const WriteContext ctx{Actor{std::nullopt, "email:" + message.from.address},
                         verified ? "reply by e-mail" : "e-mail naming the case from another sender"};
  SortedAttachments attachments = SortAttachments(message);
  ComplaintMessage reply;
  reply.complaint_id = complaint.id;
  reply.kind = verified ? MessageKind::kFromComplainant : MessageKind::kUnverifiedMail;
  reply.subject = Fit(message.subject, kMaxShortTextLength);
  std::string text = TrimEnd(WithoutQuotedTail(message.body));
  if (text.empty()) text = kNoText;
  reply.body = Fit(text, kMaxLongTextLength - attachments.note.size(), "\n[… cut]") + attachments.note;
  reply.author = Fit(SenderLabel(message.from), kMaxNameLength);
  reply.mail_message_id = message.message_id;
  auto added = store.complaint_messages().AddComplaintMessage(ctx, reply);
  if (added.ok()) {
    ++(verified ? report.replies_added : report.unverified_kept);
    if (!verified)
      spdlog::warn("e-mail intake: mail naming {} from {}, not the complaint's contact address: kept as unverified",
                   complaint.reference, message.from.address);
    StoreAttachments(store, ctx, complaint.id, added->id, attachments, reply.author, complaint.reference);
  } else if (added.error().code == ErrorCode::kAlreadyExists) {
    ++report.already_done;
  } else {
    return added.error();
  }
  if (!verified) return Status::Ok();
  // Followed also on a second reading, so that a failure here is retried;
  // the case's people are told once, when the reply is new.
  auto current = store.complaints().GetComplaint(complaint.id);
  if (!current.ok()) return current.error();
  ReplyAfterClosure closure = ReplyAfterClosure::kNotClosed;
  const WriteContext system{Actor{std::nullopt, "system"}, "complainant replied by e-mail"};
  Status followed = FollowComplainantReply(store, *current, system, &closure);
  if (added.ok()) (void)NotifyComplainantReplied(store, *current, closure);
  return followed;
}

// Files `message` as a new complaint and acknowledges it.
Status FileNew(const InboundMessage& message, Store& store, ComplaintNotifier& notifier, const Clock& clock,
               IntakeReport& report) {
  const WriteContext ctx{Actor{std::nullopt, "email:" + message.from.address}, "complaint by e-mail"};
  SortedAttachments attachments = SortAttachments(message);
  ComplaintIntakeFields fields;
  fields.intake = ComplaintIntake::kEmail;
  fields.channel = Channel::kEmail;
  fields.summary = Fit(message.subject.empty() ? std::string("(no subject)") : message.subject, kMaxShortTextLength);
  std::string text = TrimEnd(message.body);
  if (text.empty()) text = kNoText;
  fields.description = Fit(text, kMaxLongTextLength - attachments.note.size(), "\n[… cut]") + attachments.note;
  fields.contact_email = message.from.address;
  fields.contact_name = Fit(message.from.display_name, kMaxNameLength);
  fields.consent_contact = true;
  fields.source_message_id = message.message_id;
  fields.received_at = clock.Now();
  // A sender address the validation refuses cannot be answered anyway: the
  // complaint is still filed, without a contact address.
  if (Status valid = ValidateComplaintIntake(fields); !valid.ok()) {
    for (const FieldError& f : valid.error().fields)
      if (f.field == "contact_email") {
        fields.contact_email.clear();
        fields.consent_contact = false;
      }
  }
  // Status links are derived from the id (keys/link_signer.h); the stored
  // hash is of a random token nobody holds.
  ComplaintFiling filing{fields, HashToken(RandomToken()), {}, IntakeAcknowledgement::kLater, SenderLabel(message.from)};
  for (const auto& kept : attachments.kept)
    filing.attachments.push_back({SanitiseFilename(kept.first->file_name), kept.first->bytes});
  // The complaint and its files are one write: a failure leaves the mail
  // unread, to be filed whole on the next run.
  auto filed = store.complaints().FileComplaint(ctx, filing);
  if (!filed.ok()) {
    if (filed.error().code == ErrorCode::kAlreadyExists) {
      ++report.already_done;
      return Status::Ok();
    }
    return filed.error();
  }
  ++report.complaints_filed;
  spdlog::info("e-mail intake: {} filed from {}", filed->reference, message.from.address);
  auto ack = notifier.AcknowledgeNew(*filed, NoticeOrigin::kPublic);
  if (!ack.ok())
    spdlog::error("e-mail intake: {} filed but not acknowledged: {}", filed->reference, ack.error().message);
  return Status::Ok();
}

}  // namespace

bool IsAutomaticMail(const InboundMessage& message) {
  std::string auto_submitted = Lower(message.auto_submitted);
  if (!auto_submitted.empty() && auto_submitted != "no") return true;
  std::string precedence = Lower(message.precedence);
  return precedence == "bulk" || precedence == "list" || precedence == "junk" || precedence == "auto_reply";
}

Status FileInboundMessage(const InboundMessage& message, Store& store, ComplaintNotifier& notifier,
                          const Clock& clock, IntakeReport& report) {
  if (IsAutomaticMail(message)) {
    ++report.auto_replies_ignored;
    spdlog::info("e-mail intake: automatic mail from {} ignored (\"{}\")", message.from.address, message.subject);
    return Status::Ok();
  }
  std::string reference = FindComplaintReference(message.subject);
  if (!reference.empty()) {
    auto complaint = store.complaints().GetComplaintByReference(reference);
    if (complaint.ok() && complaint->state != ComplaintState::kWithdrawn)
      return AddReply(message, *complaint, store, report);
    if (!complaint.ok() && complaint.error().code != ErrorCode::kNotFound) return complaint.error();
    // Unknown or withdrawn case: the mail is filed as a new complaint.
  }
  return FileNew(message, store, notifier, clock, report);
}

Result<IntakeReport> PollIntakeOnce(ImapMailbox& mailbox, Store& store, ComplaintNotifier& notifier,
                                    const Clock& clock) {
  IntakeReport report;
  Status polled = PollOnce(
      mailbox, [&](const InboundMessage& m) { return FileInboundMessage(m, store, notifier, clock, report); },
      &report.poll);
  // Without any message handled, a failure is the listing's.
  if (!polled.ok() && report.poll.committed.empty() && report.poll.failed.empty()) return polled.error();
  for (const auto& [uid, error] : report.poll.failed)
    spdlog::warn("e-mail intake: message UID {} left unread: {}", uid, error.message);
  return report;
}

}  // namespace hearken
