// Contract tests of Store: customers and segments.
#include "store/contract/store_contract_test.h"

namespace hearken {
namespace {

using ::testing::ElementsAre;

// ---- Customers ----------------------------------------------------------------

TEST_P(StoreContractTest, CustomerRoundTripsEveryField) {
  Segment seg = AddSegment("Retail");
  Customer c = NewCustomer("Ada Lovelace", "Ada@Example.org");
  c.kind = CustomerKind::kOrganisation;
  c.phone = "+44 20 1234";
  c.segment_id = seg.id;
  c.site = "London";
  c.tags = {"vip", "ünïcode", "with \"quotes\""};
  c.consent_survey = true;
  c.consent_marketing = false;
  c.consent_marketing_at = clock_.Now() - std::chrono::hours(100);  // ignored: the store decides
  c.external_ref = "7590-VHVEG";
  auto created = store_->customers().CreateCustomer(ctx_, c);
  HEARKEN_ASSERT_OK(created);
  auto read = store_->customers().GetCustomer(created->id);
  HEARKEN_ASSERT_OK(read);
  EXPECT_EQ(read->kind, CustomerKind::kOrganisation);
  EXPECT_EQ(read->name, "Ada Lovelace");
  EXPECT_EQ(read->email, "Ada@Example.org");
  EXPECT_EQ(read->phone, "+44 20 1234");
  EXPECT_EQ(read->segment_id, seg.id);
  EXPECT_EQ(read->site, "London");
  EXPECT_EQ(read->tags, c.tags);
  EXPECT_TRUE(read->consent_survey);
  EXPECT_EQ(read->consent_survey_at, clock_.Now());
  EXPECT_FALSE(read->consent_marketing);
  EXPECT_FALSE(read->consent_marketing_at.has_value());
  EXPECT_EQ(read->external_ref, "7590-VHVEG");
  EXPECT_EQ(read->created_at, clock_.Now());
  EXPECT_EQ(read->updated_at, clock_.Now());
}

TEST_P(StoreContractTest, ConsentTimesFollowTheFlagsFromTheInjectedClock) {
  Customer c = NewCustomer("Bea");
  c.consent_survey = true;
  auto created = store_->customers().CreateCustomer(ctx_, c);
  HEARKEN_ASSERT_OK(created);
  const TimePoint given = clock_.Now();
  clock_.Advance(std::chrono::hours(2));
  Customer edit = *created;
  edit.phone = "123";
  edit.consent_marketing = true;
  auto kept = store_->customers().UpdateCustomer(ctx_, edit);
  HEARKEN_ASSERT_OK(kept);
  EXPECT_EQ(kept->consent_survey_at, given);
  EXPECT_EQ(kept->consent_marketing_at, clock_.Now());
  EXPECT_EQ(kept->updated_at, clock_.Now());
  EXPECT_EQ(kept->created_at, given);
  clock_.Advance(std::chrono::hours(1));
  edit = *kept;
  edit.consent_survey = false;
  auto withdrawn = store_->customers().UpdateCustomer(ctx_, edit);
  HEARKEN_ASSERT_OK(withdrawn);
  EXPECT_FALSE(withdrawn->consent_survey_at.has_value());
  EXPECT_FALSE(store_->customers().GetCustomer(c.id == 0 ? created->id : c.id)->consent_survey_at.has_value());
  clock_.Advance(std::chrono::hours(1));
  edit = *withdrawn;
  edit.consent_survey = true;
  auto regiven = store_->customers().UpdateCustomer(ctx_, edit);
  EXPECT_EQ(regiven->consent_survey_at, clock_.Now());
}

TEST_P(StoreContractTest, DuplicateCustomerEmailIsAlreadyExistsNamingEmail) {
  Customer first = AddCustomer("One", "same@example.org");
  auto dup = store_->customers().CreateCustomer(ctx_, NewCustomer("Two", "SAME@example.org"));
  HEARKEN_EXPECT_ERROR(dup, kAlreadyExists);
  EXPECT_TRUE(NamesField(dup, "email"));
  // Customers without e-mail never clash.
  AddCustomer("No mail 1");
  AddCustomer("No mail 2");
  Customer other = AddCustomer("Three", "three@example.org");
  other.email = "Same@Example.org";
  auto clash = store_->customers().UpdateCustomer(ctx_, other);
  HEARKEN_EXPECT_ERROR(clash, kAlreadyExists);
  EXPECT_TRUE(NamesField(clash, "email"));
  // Keeping one's own address is not a clash.
  first.phone = "1";
  HEARKEN_ASSERT_OK(store_->customers().UpdateCustomer(ctx_, first));
  auto found = store_->customers().FindCustomersByEmail("same@EXAMPLE.org");
  HEARKEN_ASSERT_OK(found);
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].id, first.id);
  EXPECT_TRUE(store_->customers().FindCustomersByEmail("")->empty());
}

TEST_P(StoreContractTest, InvalidCustomerAndUnknownReferencesAreRejected) {
  auto nameless = store_->customers().CreateCustomer(ctx_, NewCustomer(""));
  HEARKEN_EXPECT_ERROR(nameless, kInvalidArgument);
  EXPECT_TRUE(NamesField(nameless, "name"));
  Customer c = NewCustomer("Orphan");
  c.segment_id = 777;
  HEARKEN_EXPECT_ERROR(store_->customers().CreateCustomer(ctx_, c), kNotFound);
  HEARKEN_EXPECT_ERROR(store_->customers().GetCustomer(777), kNotFound);
  Customer ghost = NewCustomer("Ghost");
  ghost.id = 777;
  HEARKEN_EXPECT_ERROR(store_->customers().UpdateCustomer(ctx_, ghost), kNotFound);
  HEARKEN_EXPECT_ERROR(store_->customers().DeleteCustomer(ctx_, 777), kNotFound);
}

TEST_P(StoreContractTest, ListCustomersFiltersBySearchKindTagSiteAndSegment) {
  Segment seg = AddSegment("Enterprise");
  Customer a = NewCustomer("Alpha GmbH", "info@alpha.example");
  a.kind = CustomerKind::kOrganisation;
  a.segment_id = seg.id;
  a.tags = {"vip", "de"};
  a.site = "Berlin";
  ASSERT_TRUE(store_->customers().CreateCustomer(ctx_, a).ok());
  Customer b = NewCustomer("beta_person 100%", "b@example.org");
  b.tags = {"vipx"};
  b.external_ref = "EXT-42";
  b.site = "Paris";
  ASSERT_TRUE(store_->customers().CreateCustomer(ctx_, b).ok());
  AddCustomer("Gamma", "gamma@example.org");

  auto by_search = store_->customers().ListCustomers({.search = "ALPHA"}, {});
  EXPECT_THAT(Names(*by_search), ElementsAre("Alpha GmbH"));
  EXPECT_EQ(by_search->total, 1);
  EXPECT_THAT(Names(*store_->customers().ListCustomers({.search = "ext-4"}, {})), ElementsAre("beta_person 100%"));
  // The search also matches tags (a part of one, any case).
  EXPECT_THAT(Names(*store_->customers().ListCustomers({.search = "VIP"}, {})),
              ElementsAre("Alpha GmbH", "beta_person 100%"));
  EXPECT_THAT(Names(*store_->customers().ListCustomers({.search = "ipx"}, {})), ElementsAre("beta_person 100%"));
  EXPECT_THAT(Names(*store_->customers().ListCustomers({.search = "@example.org"}, {})),
              ElementsAre("beta_person 100%", "Gamma"));
  // LIKE wildcards in the search are taken literally.
  EXPECT_THAT(Names(*store_->customers().ListCustomers({.search = "100%"}, {})), ElementsAre("beta_person 100%"));
  EXPECT_TRUE(store_->customers().ListCustomers({.search = "Alph_"}, {})->items.empty());
  EXPECT_TRUE(store_->customers().ListCustomers({.search = "%"}, {})->items.size() == 1);
  EXPECT_THAT(Names(*store_->customers().ListCustomers({.segment_id = seg.id}, {})), ElementsAre("Alpha GmbH"));
  EXPECT_THAT(Names(*store_->customers().ListCustomers({.kind = CustomerKind::kPerson}, {})),
              ElementsAre("beta_person 100%", "Gamma"));
  EXPECT_THAT(Names(*store_->customers().ListCustomers({.tag = "vip"}, {})), ElementsAre("Alpha GmbH"));
  EXPECT_THAT(Names(*store_->customers().ListCustomers({.site = "Paris"}, {})), ElementsAre("beta_person 100%"));
  EXPECT_TRUE(store_->customers().ListCustomers({.site = "paris"}, {})->items.empty());
  auto garbage = store_->customers().ListCustomers({.search = "\xff\xfe"}, {});
  HEARKEN_EXPECT_ERROR(garbage, kInvalidArgument);
  EXPECT_TRUE(NamesField(garbage, "search"));
  auto combined = store_->customers().ListCustomers({.search = "a", .kind = CustomerKind::kOrganisation, .tag = "de"}, {});
  EXPECT_THAT(Names(*combined), ElementsAre("Alpha GmbH"));
}

TEST_P(StoreContractTest, ListCustomersSortsPagesAndRejectsUnknownSort) {
  AddCustomer("charlie", "c@example.org");
  clock_.Advance(std::chrono::seconds(1));
  AddCustomer("Alice", "z@example.org");
  clock_.Advance(std::chrono::seconds(1));
  AddCustomer("bob", "a@example.org");
  EXPECT_THAT(Names(*store_->customers().ListCustomers({}, {})), ElementsAre("Alice", "bob", "charlie"));
  EXPECT_THAT(Names(*store_->customers().ListCustomers({}, Sorted("name", SortDirection::kDescending))),
              ElementsAre("charlie", "bob", "Alice"));
  EXPECT_THAT(Names(*store_->customers().ListCustomers({}, Sorted("email"))), ElementsAre("bob", "charlie", "Alice"));
  EXPECT_THAT(Names(*store_->customers().ListCustomers({}, Sorted("created_at", SortDirection::kDescending))),
              ElementsAre("bob", "Alice", "charlie"));
  auto page = store_->customers().ListCustomers({}, Sorted("name", SortDirection::kAscending, 1, 1));
  HEARKEN_ASSERT_OK(page);
  EXPECT_THAT(Names(*page), ElementsAre("bob"));
  EXPECT_EQ(page->total, 3);
  EXPECT_TRUE(store_->customers().ListCustomers({}, Sorted("name", SortDirection::kAscending, 10, 10))->items.empty());
  auto unknown = store_->customers().ListCustomers({}, Sorted("name; DROP TABLE customers"));
  HEARKEN_EXPECT_ERROR(unknown, kInvalidArgument);
  EXPECT_TRUE(NamesField(unknown, "sort"));
  ListOptions negative;
  negative.offset = -1;
  HEARKEN_EXPECT_ERROR(store_->customers().ListCustomers({}, negative), kInvalidArgument);
}

TEST_P(StoreContractTest, DeletingACustomerThatIsReferencedFails) {
  Customer with_comm = AddCustomer("Has communication");
  ASSERT_TRUE(store_->communications().CreateCommunication(ctx_, NewCommunication(with_comm.id, "Hello")).ok());
  HEARKEN_EXPECT_ERROR(store_->customers().DeleteCustomer(ctx_, with_comm.id), kFailedPrecondition);
  Customer with_req = AddCustomer("Has requirement");
  Requirement r = NewRequirement("Deliver on Mondays");
  r.scope = RequirementScope::kCustomer;
  r.customer_id = with_req.id;
  ASSERT_TRUE(store_->requirements().CreateRequirement(ctx_, r).ok());
  HEARKEN_EXPECT_ERROR(store_->customers().DeleteCustomer(ctx_, with_req.id), kFailedPrecondition);
  Customer free = AddCustomer("Free");
  HEARKEN_ASSERT_OK(store_->customers().DeleteCustomer(ctx_, free.id));
  HEARKEN_EXPECT_ERROR(store_->customers().GetCustomer(free.id), kNotFound);
  EXPECT_EQ(AllAudit().back().action, "delete");
  EXPECT_NE(AllAudit().back().old_value.find("Free"), std::string::npos);
  EXPECT_EQ(AllAudit().back().new_value, "");
}

// ---- Segments -----------------------------------------------------------------

TEST_P(StoreContractTest, SegmentNeedsKeepTheirOrderAndAreReplacedWhole) {
  Segment s = NewSegment("SMB");
  s.needs = {{"Fast delivery", NeedClass::kBasic, 5},
             {"Good price", NeedClass::kPerformance, 4},
             {"Surprise gift", NeedClass::kDelighter, 1}};
  auto created = store_->customers().CreateSegment(ctx_, s);
  HEARKEN_ASSERT_OK(created);
  auto read = store_->customers().GetSegment(created->id);
  HEARKEN_ASSERT_OK(read);
  EXPECT_EQ(read->needs, s.needs);
  EXPECT_EQ(read->description, "about SMB");
  Segment edit = *read;
  edit.needs = {{"Good price", NeedClass::kPerformance, 3}};
  edit.name = "Small business";
  HEARKEN_ASSERT_OK(store_->customers().UpdateSegment(ctx_, edit));
  read = store_->customers().GetSegment(created->id);
  EXPECT_EQ(read->needs, edit.needs);
  EXPECT_EQ(read->name, "Small business");
  auto bad = NewSegment("Bad");
  bad.needs = {{"x", NeedClass::kBasic, 9}};
  auto invalid = store_->customers().CreateSegment(ctx_, bad);
  HEARKEN_EXPECT_ERROR(invalid, kInvalidArgument);
  EXPECT_TRUE(NamesField(invalid, "needs/0/importance"));
}

TEST_P(StoreContractTest, DuplicateSegmentNameIsAlreadyExistsNamingName) {
  AddSegment("Retail");
  auto dup = store_->customers().CreateSegment(ctx_, NewSegment("retail"));
  HEARKEN_EXPECT_ERROR(dup, kAlreadyExists);
  EXPECT_TRUE(NamesField(dup, "name"));
  Segment other = AddSegment("Wholesale");
  other.name = "RETAIL";
  HEARKEN_EXPECT_ERROR(store_->customers().UpdateSegment(ctx_, other), kAlreadyExists);
}

TEST_P(StoreContractTest, ListSegmentsSearchesSortsAndPages) {
  AddSegment("Retail");
  clock_.Advance(std::chrono::seconds(1));
  AddSegment("enterprise");
  clock_.Advance(std::chrono::seconds(1));
  Segment s = NewSegment("Public sector");
  s.needs = {{"Compliance", NeedClass::kBasic, 5}};
  ASSERT_TRUE(store_->customers().CreateSegment(ctx_, s).ok());
  auto all = store_->customers().ListSegments("", {});
  HEARKEN_ASSERT_OK(all);
  EXPECT_THAT(Names(*all), ElementsAre("enterprise", "Public sector", "Retail"));
  EXPECT_EQ(all->items[1].needs.size(), 1u);
  EXPECT_THAT(Names(*store_->customers().ListSegments("R", Sorted("created_at", SortDirection::kDescending))),
              ElementsAre("Public sector", "enterprise", "Retail"));
  EXPECT_THAT(Names(*store_->customers().ListSegments("TAIL", {})), ElementsAre("Retail"));
  auto paged = store_->customers().ListSegments("", Sorted("name", SortDirection::kAscending, 2, 2));
  EXPECT_THAT(Names(*paged), ElementsAre("Retail"));
  EXPECT_EQ(paged->total, 3);
  HEARKEN_EXPECT_ERROR(store_->customers().ListSegments("", Sorted("description")), kInvalidArgument);
}

TEST_P(StoreContractTest, DeletingASegmentThatIsReferencedFails) {
  Segment used_by_customer = AddSegment("Used by customer");
  Customer c = NewCustomer("Member");
  c.segment_id = used_by_customer.id;
  ASSERT_TRUE(store_->customers().CreateCustomer(ctx_, c).ok());
  HEARKEN_EXPECT_ERROR(store_->customers().DeleteSegment(ctx_, used_by_customer.id), kFailedPrecondition);
  Segment used_by_requirement = AddSegment("Used by requirement");
  Requirement r = NewRequirement("Segment rule");
  r.scope = RequirementScope::kSegment;
  r.segment_id = used_by_requirement.id;
  ASSERT_TRUE(store_->requirements().CreateRequirement(ctx_, r).ok());
  HEARKEN_EXPECT_ERROR(store_->customers().DeleteSegment(ctx_, used_by_requirement.id), kFailedPrecondition);
  Segment free = NewSegment("Free");
  free.needs = {{"n", NeedClass::kBasic, 2}};
  auto created = store_->customers().CreateSegment(ctx_, free);
  HEARKEN_ASSERT_OK(created);
  HEARKEN_ASSERT_OK(store_->customers().DeleteSegment(ctx_, created->id));
  HEARKEN_EXPECT_ERROR(store_->customers().GetSegment(created->id), kNotFound);
  HEARKEN_EXPECT_ERROR(store_->customers().DeleteSegment(ctx_, created->id), kNotFound);
}

}  // namespace
}  // namespace hearken
