#include "core/audit_chain.h"

#include <gtest/gtest.h>

#include "core/time_format.h"

namespace hearken {
namespace {

std::vector<AuditEntry> MakeChain(int n) {
  std::vector<AuditEntry> chain;
  std::string prev = kAuditGenesisHash;
  for (int i = 1; i <= n; ++i) {
    AuditEntry e;
    e.seq = i;
    e.at = *ParseTimestamp("2026-01-02T03:04:05.123456Z") + std::chrono::seconds(i);
    e.actor = "user:1 alice@example.org";
    e.entity_type = "customer";
    e.entity_id = std::to_string(i);
    e.action = "create";
    e.new_value = R"({"name":"Customer )" + std::to_string(i) + R"("})";
    e.reason = i % 2 ? "import" : "";
    e.prev_hash = prev;
    e.hash = ChainHash(e);
    prev = e.hash;
    chain.push_back(e);
  }
  return chain;
}

TEST(AuditChainTest, CanonicalFormCoversEveryFieldButTheHash) {
  AuditEntry e = MakeChain(1)[0];
  const std::string form = CanonicalAuditForm(e);
  e.hash = "something else";
  EXPECT_EQ(CanonicalAuditForm(e), form);
  for (auto mutate : std::vector<void (*)(AuditEntry&)>{
           [](AuditEntry& x) { x.seq = 2; }, [](AuditEntry& x) { x.at += std::chrono::microseconds(1); },
           [](AuditEntry& x) { x.actor += "x"; }, [](AuditEntry& x) { x.entity_type += "x"; },
           [](AuditEntry& x) { x.entity_id += "x"; }, [](AuditEntry& x) { x.action += "x"; },
           [](AuditEntry& x) { x.old_value += "x"; }, [](AuditEntry& x) { x.new_value += "x"; },
           [](AuditEntry& x) { x.reason += "x"; }, [](AuditEntry& x) { x.prev_hash[0] = '1'; },
           [](AuditEntry& x) { x.customer_id = 12; }, [](AuditEntry& x) { x.complaint_id = 34; },
           [](AuditEntry& x) { x.form = kAuditFormLegacy; }}) {
    AuditEntry changed = e;
    mutate(changed);
    EXPECT_NE(CanonicalAuditForm(changed), form);
  }
}

TEST(AuditChainTest, FieldBoundariesCannotBeShifted) {
  AuditEntry a = MakeChain(1)[0], b = a;
  a.actor = "ab";
  a.entity_type = "c";
  b.actor = "a";
  b.entity_type = "bc";
  EXPECT_NE(ChainHash(a), ChainHash(b));
}

TEST(AuditChainTest, HashIsHexBlake2b256AndDeterministic) {
  AuditEntry e = MakeChain(1)[0];
  EXPECT_EQ(e.hash.size(), 64u);
  EXPECT_EQ(ChainHash(e), ChainHash(e));
}

TEST(AuditChainTest, IntactChainVerifies) {
  auto chain = MakeChain(5);
  auto v = VerifyAuditChain(chain, 5, chain.back().hash);
  EXPECT_TRUE(v.intact);
  EXPECT_EQ(v.entries_checked, 5);
  EXPECT_TRUE(v.problems.empty());
}

TEST(AuditChainTest, EmptyChainWithEmptyHeadIsIntact) {
  EXPECT_TRUE(VerifyAuditChain({}, 0, "").intact);
}

TEST(AuditChainTest, AlteredEntryIsNamed) {
  auto chain = MakeChain(5);
  chain[2].new_value[3] ^= 1;
  auto v = VerifyAuditChain(chain, 5, chain.back().hash);
  EXPECT_FALSE(v.intact);
  ASSERT_EQ(v.problems.size(), 1u);
  EXPECT_EQ(v.problems[0].kind, "altered");
  EXPECT_EQ(v.problems[0].seq, 3);
}

TEST(AuditChainTest, MissingEntryIsNamed) {
  auto chain = MakeChain(5);
  chain.erase(chain.begin() + 1);
  auto v = VerifyAuditChain(chain, 5, chain.back().hash);
  ASSERT_EQ(v.problems.size(), 1u);
  EXPECT_EQ(v.problems[0].kind, "missing");
  EXPECT_EQ(v.problems[0].seq, 2);
}

TEST(AuditChainTest, MissingFirstEntryIsNamed) {
  auto chain = MakeChain(3);
  chain.erase(chain.begin());
  auto v = VerifyAuditChain(chain, 3, chain.back().hash);
  ASSERT_EQ(v.problems.size(), 1u);
  EXPECT_EQ(v.problems[0].kind, "missing");
  EXPECT_EQ(v.problems[0].seq, 1);
}

TEST(AuditChainTest, SwappedEntriesAreNamedReordered) {
  auto chain = MakeChain(6);
  // Storage positions 3 and 4 exchange their contents.
  std::swap(chain[2], chain[3]);
  std::swap(chain[2].seq, chain[3].seq);
  auto v = VerifyAuditChain(chain, 6, chain.back().hash);
  ASSERT_EQ(v.problems.size(), 2u);
  EXPECT_EQ(v.problems[0].kind, "reordered");
  EXPECT_EQ(v.problems[0].seq, 3);
  EXPECT_EQ(v.problems[1].kind, "reordered");
  EXPECT_EQ(v.problems[1].seq, 4);
}

TEST(AuditChainTest, RehashedEntryThatNoLongerLinksIsNamedReordered) {
  auto chain = MakeChain(4);
  // An attacker replaces entry 3 by a forged one with a correct hash of its own.
  chain[2].prev_hash = chain[0].hash;
  chain[2].hash = ChainHash(chain[2]);
  auto v = VerifyAuditChain(chain, 4, chain.back().hash);
  ASSERT_FALSE(v.problems.empty());
  EXPECT_EQ(v.problems[0].kind, "reordered");
  EXPECT_EQ(v.problems[0].seq, 3);
}

TEST(AuditChainTest, EntryMovedFarIsNamedReordered) {
  auto chain = MakeChain(40);
  // Entry 5 moved to the end, the others shifted down by one.
  AuditEntry moved = chain[4];
  chain.erase(chain.begin() + 4);
  chain.push_back(moved);
  for (size_t i = 0; i < chain.size(); ++i) chain[i].seq = static_cast<std::int64_t>(i) + 1;
  auto v = VerifyAuditChain(chain, 40, chain.back().hash);
  ASSERT_FALSE(v.problems.empty());
  for (const auto& p : v.problems) EXPECT_EQ(p.kind, "reordered") << p.seq << " " << p.message;
  EXPECT_EQ(v.problems.back().seq, 40);
  EXPECT_NE(v.problems.back().message.find("written as seq 5"), std::string::npos);
}

TEST(AuditChainTest, StreamingVerifierAgreesWithTheVectorForm) {
  auto chain = MakeChain(10);
  chain[6].reason = "changed";
  AuditChainVerifier verifier;
  for (const auto& e : chain) verifier.Add(e);
  auto streamed = verifier.Finish(10, chain.back().hash);
  auto whole = VerifyAuditChain(chain, 10, chain.back().hash);
  ASSERT_EQ(streamed.problems.size(), whole.problems.size());
  EXPECT_EQ(streamed.problems[0].seq, 7);
  EXPECT_EQ(streamed.entries_checked, 10);
}

TEST(AuditChainTest, TruncatedTailIsNamed) {
  auto chain = MakeChain(5);
  const std::string head = chain.back().hash;
  chain.resize(3);
  auto v = VerifyAuditChain(chain, 5, head);
  ASSERT_EQ(v.problems.size(), 1u);
  EXPECT_EQ(v.problems[0].kind, "truncated");
  EXPECT_EQ(v.problems[0].seq, 4);
}

TEST(AuditChainTest, EverythingRemovedIsTruncated) {
  auto v = VerifyAuditChain({}, 2, "abc");
  ASSERT_EQ(v.problems.size(), 1u);
  EXPECT_EQ(v.problems[0].kind, "truncated");
  EXPECT_EQ(v.problems[0].seq, 1);
}

TEST(AuditChainTest, ReplacedLastEntryDoesNotMatchTheHead) {
  auto chain = MakeChain(3);
  const std::string head = chain.back().hash;
  chain[2].reason = "forged";
  chain[2].hash = ChainHash(chain[2]);
  auto v = VerifyAuditChain(chain, 3, head);
  ASSERT_EQ(v.problems.size(), 1u);
  EXPECT_EQ(v.problems[0].kind, "altered");
  EXPECT_EQ(v.problems[0].seq, 3);
}

// Rewrites the hashes of `chain` from `from` (an index) on, as an attacker
// with database access would.
void Rehash(std::vector<AuditEntry>& chain, size_t from) {
  for (size_t i = from; i < chain.size(); ++i) {
    chain[i].prev_hash = i == 0 ? std::string(kAuditGenesisHash) : chain[i - 1].hash;
    chain[i].hash = ChainHash(chain[i]);
  }
}

TEST(AuditChainTest, TheCurrentFormCoversTheHistoriesAnEntryBelongsTo) {
  auto chain = MakeChain(3);
  chain[1].customer_id = 5;
  chain[1].complaint_id = 9;
  Rehash(chain, 1);
  ASSERT_TRUE(VerifyAuditChain(chain, 3, chain.back().hash).intact);
  for (auto move : std::vector<void (*)(AuditEntry&)>{[](AuditEntry& x) { x.customer_id = 6; },
                                                        [](AuditEntry& x) { x.customer_id.reset(); },
                                                        [](AuditEntry& x) { x.complaint_id = 10; }}) {
    auto moved = chain;
    move(moved[1]);
    auto v = VerifyAuditChain(moved, 3, moved.back().hash);
    ASSERT_EQ(v.problems.size(), 1u);
    EXPECT_EQ(v.problems[0].kind, "altered");
    EXPECT_EQ(v.problems[0].seq, 2);
  }
}

TEST(AuditChainTest, LegacyEntriesVerifyInTheirOwnFormFollowedByCurrentOnes) {
  auto chain = MakeChain(4);
  chain[0].form = chain[1].form = kAuditFormLegacy;
  chain[1].customer_id = 5;  // outside form 1: an old entry keeps that weakness
  Rehash(chain, 0);
  auto v = VerifyAuditChain(chain, 4, chain.back().hash);
  EXPECT_TRUE(v.intact) << (v.problems.empty() ? "" : v.problems[0].message);
  chain[1].customer_id = 6;
  EXPECT_TRUE(VerifyAuditChain(chain, 4, chain.back().hash).intact);
}

TEST(AuditChainTest, AnEntryRewrittenInTheLegacyFormAfterCurrentOnesIsAltered) {
  auto chain = MakeChain(4);
  chain[2].form = kAuditFormLegacy;
  Rehash(chain, 2);
  auto v = VerifyAuditChain(chain, 4, chain.back().hash);
  ASSERT_EQ(v.problems.size(), 1u);
  EXPECT_EQ(v.problems[0].kind, "altered");
  EXPECT_EQ(v.problems[0].seq, 3);
}

TEST(AuditChainTest, AnUnknownFormNeverVerifies) {
  auto chain = MakeChain(2);
  chain[1].form = 99;
  EXPECT_EQ(CanonicalAuditForm(chain[1]), "");
  chain[1].hash = ChainHash(chain[1]);  // "" — still no match
  auto v = VerifyAuditChain(chain, 2, chain[1].hash);
  ASSERT_EQ(v.problems.size(), 1u);
  EXPECT_EQ(v.problems[0].kind, "altered");
}

TEST(AuditChainTest, ARewriteWithEveryHashRecomputedIsFoundAtTheAnchor) {
  auto chain = MakeChain(6);
  const std::vector<AuditAnchor> anchors{{2, chain[1].hash, "checkpoint A"}, {4, chain[3].hash, "checkpoint B"}};
  EXPECT_TRUE(VerifyAuditChain(chain, 6, chain.back().hash, anchors).intact);
  chain[2].new_value = R"({"name":"Forged"})";
  Rehash(chain, 2);
  EXPECT_TRUE(VerifyAuditChain(chain, 6, chain.back().hash).intact);  // without anchors: unseen
  auto v = VerifyAuditChain(chain, 6, chain.back().hash, anchors);
  ASSERT_EQ(v.problems.size(), 1u);
  EXPECT_EQ(v.problems[0].kind, "rewritten");
  EXPECT_EQ(v.problems[0].seq, 4);
  EXPECT_NE(v.problems[0].message.find("checkpoint B"), std::string::npos);
}

TEST(AuditChainTest, ATruncationBelowAnAnchorIsFound) {
  auto chain = MakeChain(6);
  const std::vector<AuditAnchor> anchors{{5, chain[4].hash, "checkpoint C"}};
  chain.resize(3);
  EXPECT_TRUE(VerifyAuditChain(chain, 3, chain.back().hash).intact);
  auto v = VerifyAuditChain(chain, 3, chain.back().hash, anchors);
  ASSERT_EQ(v.problems.size(), 1u);
  EXPECT_EQ(v.problems[0].kind, "truncated");
  EXPECT_EQ(v.problems[0].seq, 4);
  EXPECT_EQ(v.last_seq, 3);
  EXPECT_EQ(v.last_hash, chain.back().hash);
}

}  // namespace
}  // namespace hearken
