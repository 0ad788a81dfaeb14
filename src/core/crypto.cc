#include "core/crypto.h"

#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <semaphore>
#include <thread>

namespace hearken {
namespace {

constexpr unsigned long long kOpsLimit = 3;
constexpr size_t kMemLimit = 64u * 1024u * 1024u;

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // no CSPRNG: nothing secure can run
  });
}

// At most one argon2id computation per core at a time: each takes 64 MiB and
// saturates memory bandwidth, so more at once only slows every one of them
// (and everything else on the machine) and multiplies the memory held.
std::counting_semaphore<1024>& HashingSlots() {
  static std::counting_semaphore<1024> slots(
      static_cast<std::ptrdiff_t>(std::max(1u, std::thread::hardware_concurrency())));
  return slots;
}

std::atomic<int> hashing_in_flight{0};
std::atomic<int> hashing_peak{0};

struct HashingSlot {
  HashingSlot() {
    HashingSlots().acquire();
    const int now = hashing_in_flight.fetch_add(1) + 1;
    int peak = hashing_peak.load();
    while (now > peak && !hashing_peak.compare_exchange_weak(peak, now)) {
    }
  }
  ~HashingSlot() {
    hashing_in_flight.fetch_sub(1);
    HashingSlots().release();
  }
  HashingSlot(const HashingSlot&) = delete;
  HashingSlot& operator=(const HashingSlot&) = delete;
};

std::string ToHex(const unsigned char* data, size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), data, size);
  hex.pop_back();
  return hex;
}

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  HashingSlot slot;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Error::Internal("out of memory while hashing a password");
  return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  EnsureSodium();
  std::string terminated(hash);
  if (terminated.size() >= crypto_pwhash_STRBYTES) return false;
  HashingSlot slot;
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

int PasswordHashingPeak() { return hashing_peak.load(); }

const std::string& DummyPasswordHash() {
  static const std::string hash = [] {
    auto h = HashPassword(RandomToken(24));
    return h.ok() ? *h : std::string();
  }();
  return hash;
}

std::string RandomToken(size_t bytes) {
  EnsureSodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0') == std::string::npos ? out.size() : out.find('\0'));
  sodium_memzero(raw.data(), raw.size());
  return out;
}

std::string Blake2bHex(std::string_view data) {
  EnsureSodium();
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                     nullptr, 0);
  return ToHex(digest, sizeof digest);
}

std::string HashToken(std::string_view token) { return Blake2bHex(token); }

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace hearken
