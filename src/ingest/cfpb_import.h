// The CFPB complaint import (issue 3): maps a CfpbComplaint (cfpb_csv.h) onto
// the store's ImportedComplaint and files a CFPB CSV through
// Store::ImportComplaints in batches. Importing the same file again adds
// nothing: each complaint carries external_ref "CFPB-<Complaint ID>", which
// the store files once.
#pragma once

#include <cstddef>
#include <istream>

#include "core/result.h"
#include "ingest/cfpb_csv.h"
#include "store/store.h"

namespace hearken::ingest {

// The import row of one CFPB complaint:
// - summary: issue, plus " – " and the sub-issue when there is one;
// - description: the consumer's narrative, or, when none was published, a
//   sentence naming product, sub-product, issue and sub-issue;
// - product: product; site: state; channel: ChannelForSubmittedVia; intake:
//   import; received_at: StartOfDayUtc(date received);
//   external_ref: "CFPB-<Complaint ID>";
// - category path: product → sub-product → issue → sub-issue, blanks dropped;
// - source outcome: company response; source timely: timely response;
//   sent_at: the date sent to the company (start of day, UTC); closed_at
//   (that date) and the closure kind when the company's response closed it,
//   with that response as the case's decision (remedy by the kind of relief:
//   explanation, refund for monetary relief, other for non-monetary).
// Texts longer than the store accepts are cut at a UTF-8 boundary with "…".
ImportedComplaint FromCfpb(const CfpbComplaint& complaint);

// Reads a CFPB CSV with CfpbReader and files it through store.ImportComplaints,
// `batch` rows per transaction (0 is taken as 1). Returns the summed report.
// Errors: those of CfpbReader (InvalidArgument naming the line) and of
// ImportComplaints, whose "rows/<i>/<field>" names are turned into
// "line/<line of the file>/<field>". Batches before the failing one stay
// committed; importing the file again after fixing it skips them.
Result<ImportReport> ImportCfpbCsv(Store& store, const WriteContext& ctx, std::istream& in, size_t batch = 500);

}  // namespace hearken::ingest
