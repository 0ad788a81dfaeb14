// ComplaintScanRange: every complaint matching a filter, read lazily in
// keyset pages (ComplaintStore::ScanComplaints, id ascending), for jobs and
// exports that visit many complaints in constant memory:
//
//   ComplaintScanRange scan(store.complaints(), filter);
//   for (const Complaint& c : scan) ...;
//   if (!scan.status().ok()) ...;  // a page failed: the loop ended early
//
// Continuing after the last id seen, a scan neither skips nor repeats rows
// while complaints arrive or change (a complaint filed during the scan is
// visited when it matches; one that stops matching before its page is not).
#pragma once

#include <cstddef>
#include <iterator>
#include <vector>

#include "store/complaint_store.h"

namespace hearken {

class ComplaintScanRange {
 public:
  ComplaintScanRange(ComplaintStore& store, ComplaintFilter filter, int page_size = 500,
                     ComplaintDetail detail = ComplaintDetail::kFull)
      : store_(store), filter_(std::move(filter)), page_size_(page_size), detail_(detail) {}

  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = Complaint;
    using difference_type = std::ptrdiff_t;
    using pointer = const Complaint*;
    using reference = const Complaint&;

    iterator() = default;
    explicit iterator(ComplaintScanRange* range) : range_(range) {
      if (!range_->Fetch()) range_ = nullptr;
    }
    reference operator*() const { return range_->page_[index_]; }
    pointer operator->() const { return &range_->page_[index_]; }
    iterator& operator++() {
      if (++index_ >= range_->page_.size()) {
        index_ = 0;
        if (!range_->Fetch()) range_ = nullptr;
      }
      return *this;
    }
    void operator++(int) { ++*this; }
    bool operator==(const iterator& other) const { return range_ == other.range_ && index_ == other.index_; }

   private:
    ComplaintScanRange* range_ = nullptr;
    size_t index_ = 0;
  };

  // One pass only: begin() starts reading from the first complaint.
  iterator begin() {
    after_id_ = 0;
    done_ = false;
    status_ = Status::Ok();
    return iterator(this);
  }
  iterator end() { return iterator(); }

  // Ok, or the error of the page that ended the loop early.
  const Status& status() const { return status_; }

 private:
  // Reads the next page; false at the end or on an error.
  bool Fetch() {
    page_.clear();
    if (done_) return false;
    auto page = store_.ScanComplaints(filter_, {after_id_, page_size_, detail_});
    if (!page.ok()) {
      status_ = page.error();
      done_ = true;
      return false;
    }
    page_ = std::move(*page);
    if (page_.size() < static_cast<size_t>(page_size_)) done_ = true;
    if (page_.empty()) return false;
    after_id_ = page_.back().id;
    return true;
  }

  ComplaintStore& store_;
  ComplaintFilter filter_;
  int page_size_;
  ComplaintDetail detail_;
  std::vector<Complaint> page_;
  Id after_id_ = 0;
  bool done_ = false;
  Status status_;
};

}  // namespace hearken
