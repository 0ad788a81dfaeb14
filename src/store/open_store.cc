#include "store/open_store.h"

#include <filesystem>
#include <system_error>

#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace hearken {

Result<std::unique_ptr<Store>> OpenStore(const std::string& url, const Clock& clock) {
  if (url.rfind("sqlite:", 0) == 0) {
    std::string path = url.substr(7);
    if (path.empty()) return Error::InvalidField("db", "sqlite: needs a file path, e.g. sqlite:./data/hearken.db");
    if (path != ":memory:") {
      std::filesystem::path parent = std::filesystem::path(path).parent_path();
      if (!parent.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(parent, ec);
        if (ec) return Error::Unavailable("cannot create directory " + parent.string() + ": " + ec.message());
      }
    }
    auto store = SqliteStore::Open(path, clock);
    if (!store.ok()) return store.error();
    return std::unique_ptr<Store>(std::move(*store));
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    auto store = PostgresStore::Open(url, clock);
    if (!store.ok()) return store.error();
    return std::unique_ptr<Store>(std::move(*store));
  }
  return Error::InvalidField("db", "must start with sqlite: or postgresql://");
}

}  // namespace hearken
