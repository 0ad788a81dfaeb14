// Idempotency keys at the HTTP edge: a POST (outside /api/v1/auth/) that
// carries an Idempotency-Key header runs at most once per caller and key. A
// retry with the same key and the same request gets the first 2xx answer
// again (with "Idempotent-Replayed: true") and creates nothing; the same key
// with another request is refused (422); a retry while the first still runs
// gets 409 with Retry-After. Keys are kept, hashed, for 24 hours (the store's
// IdempotencyStore). Requests without the header run as before.
#pragma once

#include "http/router.h"
#include "store/store.h"

namespace hearken::http {

// Whether `key` is a valid Idempotency-Key value: 1 to 255 visible ASCII characters.
bool IsValidIdempotencyKey(const std::string& key);

// Runs `handler` for `ctx` under the request's Idempotency-Key, if any.
HttpResponse WithIdempotency(Store& store, RequestContext& ctx, const Handler& handler);

}  // namespace hearken::http
