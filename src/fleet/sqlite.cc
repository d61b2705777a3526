// Loading libsqlite3 at run time (see sqlite.h).
#include "fleet/sqlite.h"

#include <dlfcn.h>

namespace trustready::fleet {

const SqliteApi& Sqlite() {
  static const SqliteApi api = [] {
    SqliteApi a;
    void* h = ::dlopen(TR_SQLITE_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (h == nullptr) {
      const char* e = ::dlerror();
      a.error = std::string("fleet result databases need SQLite (" TR_SQLITE_SONAME ", Debian package libsqlite3-0): ") +
                (e ? e : "not found");
      return a;
    }
#define TR_SQLITE_RESOLVE(f)                                              \
  a.f = reinterpret_cast<decltype(a.f)>(::dlsym(h, "sqlite3_" #f));      \
  if (a.f == nullptr && a.error.empty()) a.error = TR_SQLITE_SONAME ": no sqlite3_" #f;
    TR_SQLITE_FUNCTIONS(TR_SQLITE_RESOLVE)
#undef TR_SQLITE_RESOLVE
    return a;
  }();
  return api;
}

}  // namespace trustready::fleet
