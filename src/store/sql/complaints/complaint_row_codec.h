// How a complaint is kept in its table row: the column list, reading a row
// (with its resolve-clock pauses) and writing back every column a complaint's
// life changes. Shared by the complaint parts of SqlStore; internal to
// store_sql.
#pragma once

#include <string>
#include <vector>

#include "store/sql/sql_connection.h"
#include "store/store.h"

namespace hearken::sql {

// Every column of complaints, prefixed "c.", in the order ComplaintFromRow reads.
extern const char* const kComplaintColumns;

// The complaint of one row selected with kComplaintColumns (pauses not loaded).
Complaint ComplaintFromRow(const SqlRow& row);

// Reads the complaints `select` returns (a query selecting kComplaintColumns
// from "complaints c"), each with the pauses of its current resolve clock.
Result<std::vector<Complaint>> QueryComplaints(SqlConnection& db, std::string_view select, const SqlParams& params);

// Writes every column that changes after intake (state, milestones, clocks,
// due times, notices, assessment, investigation, response, assignee,
// updated_at) from `c`. Pauses are not written here.
Status SaveComplaint(SqlConnection& db, const Complaint& c);

// Text of a list of strings / remedies as stored (JSON arrays).
std::string WhysText(const std::vector<std::string>& whys);
std::string RemediesText(const std::vector<Remedy>& remedies);

}  // namespace hearken::sql
