// What follows a committed move of a complaint, shared by the single and the
// bulk transition routes: the mail the complainant gets (the
// acknowledgement; the closure with its rating link — but not for a
// duplicate closed by a merge). A mail failure never undoes the move.
#pragma once

#include "core/complaint.h"
#include "core/json_codec.h"
#include "http/handler_util.h"

namespace hearken::http {

// Sends the mail `moved` (as it is after the move) calls for; the "notice"
// JSON of the Complaint answer ({outcome, detail}), or null when no mail
// belongs to the new state. Implemented in complaint_routes.cc.
Json SendMoveNotice(Services& s, const Complaint& moved);

}  // namespace hearken::http
