#include "core/entities.h"

#include "core/enum_names.h"

#include <array>
#include <utility>

namespace hearken {
namespace {

constexpr NameTable<Role, 4> kRoleNames{{{Role::kAdmin, "admin"},
                                          {Role::kQualityManager, "quality_manager"},
                                          {Role::kHandler, "handler"},
                                          {Role::kViewer, "viewer"}}};
constexpr NameTable<CustomerKind, 2> kCustomerKindNames{
    {{CustomerKind::kPerson, "person"}, {CustomerKind::kOrganisation, "organisation"}}};
constexpr NameTable<NeedClass, 3> kNeedClassNames{
    {{NeedClass::kBasic, "basic"}, {NeedClass::kPerformance, "performance"}, {NeedClass::kDelighter, "delighter"}}};
constexpr NameTable<RequirementScope, 3> kScopeNames{{{RequirementScope::kCustomer, "customer"},
                                                      {RequirementScope::kSegment, "segment"},
                                                      {RequirementScope::kAll, "all"}}};
constexpr NameTable<RequirementKind, 5> kRequirementKindNames{{{RequirementKind::kCustomerStated, "customer_stated"},
                                                               {RequirementKind::kImplied, "implied"},
                                                               {RequirementKind::kStatutory, "statutory"},
                                                               {RequirementKind::kRegulatory, "regulatory"},
                                                               {RequirementKind::kOrganisation, "organisation"}}};
constexpr NameTable<RequirementStatus, 4> kRequirementStatusNames{{{RequirementStatus::kOpen, "open"},
                                                                   {RequirementStatus::kAccepted, "accepted"},
                                                                   {RequirementStatus::kRejected, "rejected"},
                                                                   {RequirementStatus::kWithdrawn, "withdrawn"}}};
constexpr NameTable<ReviewOutcome, 3> kReviewOutcomeNames{{{ReviewOutcome::kAccepted, "accepted"},
                                                           {ReviewOutcome::kAmended, "amended"},
                                                           {ReviewOutcome::kRejected, "rejected"}}};
constexpr NameTable<Channel, 6> kChannelNames{{{Channel::kEmail, "email"},
                                               {Channel::kPhone, "phone"},
                                               {Channel::kMeeting, "meeting"},
                                               {Channel::kLetter, "letter"},
                                               {Channel::kPortal, "portal"},
                                               {Channel::kOther, "other"}}};
constexpr NameTable<Direction, 2> kDirectionNames{{{Direction::kInbound, "inbound"}, {Direction::kOutbound, "outbound"}}};

}  // namespace

#define HEARKEN_ENUM_NAMES(Type, table, Parse)                                        \
  std::string_view ToString(Type v) { return NameOf(table, v); }                      \
  std::optional<Type> Parse(std::string_view s) { return ValueOf(table, s); }         \
  template <> std::vector<std::string_view> EnumNames<Type>() { return NamesOf(table); }

HEARKEN_ENUM_NAMES(Role, kRoleNames, ParseRole)
HEARKEN_ENUM_NAMES(CustomerKind, kCustomerKindNames, ParseCustomerKind)
HEARKEN_ENUM_NAMES(NeedClass, kNeedClassNames, ParseNeedClass)
HEARKEN_ENUM_NAMES(RequirementScope, kScopeNames, ParseRequirementScope)
HEARKEN_ENUM_NAMES(RequirementKind, kRequirementKindNames, ParseRequirementKind)
HEARKEN_ENUM_NAMES(RequirementStatus, kRequirementStatusNames, ParseRequirementStatus)
HEARKEN_ENUM_NAMES(ReviewOutcome, kReviewOutcomeNames, ParseReviewOutcome)
HEARKEN_ENUM_NAMES(Channel, kChannelNames, ParseChannel)
HEARKEN_ENUM_NAMES(Direction, kDirectionNames, ParseDirection)

#undef HEARKEN_ENUM_NAMES

}  // namespace hearken
