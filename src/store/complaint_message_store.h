// The correspondence of a complaint: messages to and from the complainant,
// internal notes, and attached files (content kept by the store). Part of
// Store (store.h); the contracts there hold.
#pragma once

#include <string>
#include <vector>

#include "core/complaint.h"
#include "core/result.h"
#include "store/store_types.h"

namespace hearken {

class ComplaintMessageStore {
 public:
  virtual ~ComplaintMessageStore() = default;

  // Errors: NotFound (complaint), InvalidArgument, AlreadyExists
  // (mail_message_id already recorded on this complaint), FailedPrecondition
  // (withdrawn complaint).
  virtual Result<ComplaintMessage> AddComplaintMessage(const WriteContext& ctx, const ComplaintMessage& message) = 0;
  // Oldest first. Without `include_internal` only the conversation with the
  // complainant (to_complainant, from_complainant): no internal notes and no
  // unverified mail.
  virtual Result<std::vector<ComplaintMessage>> ListComplaintMessages(Id complaint_id, bool include_internal) = 0;
  // Stores the content with its metadata (size and blake2b computed here).
  // Errors: NotFound, InvalidArgument (empty, over kMaxAttachmentBytes, bad
  // name), FailedPrecondition (kMaxAttachmentsPerComplaint reached).
  virtual Result<Attachment> AddAttachment(const WriteContext& ctx, const Attachment& meta,
                                           const std::string& content) = 0;
  virtual Result<std::vector<Attachment>> ListAttachments(Id complaint_id) = 0;
  virtual Result<Attachment> GetAttachment(Id id) = 0;
  virtual Result<std::string> GetAttachmentContent(Id id) = 0;
};

}  // namespace hearken
