// The customer register (ISO 9001 8.2): customers and the segments they
// belong to, with each segment's needs and expectations. Part of Store
// (store.h); the contracts there hold.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/entities.h"
#include "core/result.h"
#include "store/store_types.h"

namespace hearken {

struct CustomerFilter {
  std::string search;  // case-insensitive substring of name, email, external_ref or a tag
  std::optional<Id> segment_id;
  std::optional<CustomerKind> kind;
  std::string tag;   // exact tag
  std::string site;  // exact site
};

class CustomerStore {
 public:
  virtual ~CustomerStore() = default;

  // ---- Customers ----
  // created_at/updated_at and consent times are set by the store from the
  // clock (a consent time is set when its flag turns true, cleared when it
  // turns false). Errors: InvalidArgument, AlreadyExists (email, names the
  // field "email"), NotFound (segment_id).
  virtual Result<Customer> CreateCustomer(const WriteContext& ctx, const Customer& customer) = 0;
  virtual Result<Customer> GetCustomer(Id id) = 0;
  // Sort fields: name, email, created_at, updated_at, site. Default: name.
  virtual Result<Page<Customer>> ListCustomers(const CustomerFilter& filter, const ListOptions& options) = 0;
  // Replaces every editable field of customer `customer.id`.
  virtual Result<Customer> UpdateCustomer(const WriteContext& ctx, const Customer& customer) = 0;
  // Errors: NotFound, FailedPrecondition (requirements or communications refer to it).
  virtual Status DeleteCustomer(const WriteContext& ctx, Id id) = 0;
  // Customers whose email equals `email` case-insensitively (duplicate check).
  virtual Result<std::vector<Customer>> FindCustomersByEmail(const std::string& email) = 0;

  // ---- Segments ----
  // Errors: InvalidArgument, AlreadyExists (name).
  virtual Result<Segment> CreateSegment(const WriteContext& ctx, const Segment& segment) = 0;
  virtual Result<Segment> GetSegment(Id id) = 0;
  // Sort fields: name, created_at. Default: name. `search` matches the name.
  virtual Result<Page<Segment>> ListSegments(const std::string& search, const ListOptions& options) = 0;
  // Replaces name, description and the whole list of needs.
  virtual Result<Segment> UpdateSegment(const WriteContext& ctx, const Segment& segment) = 0;
  // Errors: NotFound, FailedPrecondition (customers or requirements refer to it).
  virtual Status DeleteSegment(const WriteContext& ctx, Id id) = 0;
};

}  // namespace hearken
