// The communication log per customer (ISO 9001 8.2.1): every contact in
// either direction on any channel. Part of Store (store.h); the contracts
// there hold.
#pragma once

#include <optional>

#include "core/entities.h"
#include "core/result.h"
#include "store/store_types.h"

namespace hearken {

struct CommunicationFilter {
  std::optional<Id> customer_id;
  std::optional<Channel> channel;
  std::optional<Direction> direction;
};

class CommunicationStore {
 public:
  virtual ~CommunicationStore() = default;

  // Errors: InvalidArgument, NotFound (customer).
  virtual Result<Communication> CreateCommunication(const WriteContext& ctx, const Communication& communication) = 0;
  virtual Result<Communication> GetCommunication(Id id) = 0;
  // Sort fields: occurred_at, created_at, channel. Default: occurred_at descending
  // when `sort` is empty.
  virtual Result<Page<Communication>> ListCommunications(const CommunicationFilter& filter,
                                                         const ListOptions& options) = 0;
  virtual Result<Communication> UpdateCommunication(const WriteContext& ctx, const Communication& communication) = 0;
  virtual Status DeleteCommunication(const WriteContext& ctx, Id id) = 0;
};

}  // namespace hearken
