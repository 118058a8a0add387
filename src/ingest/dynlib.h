// Shared libraries loaded when first needed (dlopen) instead of at process
// start. libcurl and libxml2 bring some forty libraries with them (TLS,
// Kerberos, LDAP, ICU); loading and relocating those costs 6–7 ms of CPU at
// every start, more than `kto panel` needs for its whole answer. Commands
// that fetch or parse markup load them on first use; the others never do.
//
// Thread safety: DynamicLibrary::Load may run on several threads at once.
#pragma once

#include <string>

#include "kto/status.h"

namespace kto::ingest {

class DynamicLibrary {
 public:
  // Loads `soname` (the versioned file name, «libcurl.so.4»), once per
  // process; the library stays loaded until exit. `package` names the Debian
  // package that provides it, for the error message. Fails with kNotFound.
  static Result<DynamicLibrary> Load(const char* soname, const char* package);

  // Sets *out to the address of `name` in the library; fails with kNotFound
  // when it has no such symbol (too old a version).
  template <typename T>
  Status Symbol(const char* name, T* out) const {
    void* address = nullptr;
    if (Status s = Find(name, &address); !s.ok()) return s;
    *out = reinterpret_cast<T>(address);
    return Status();
  }

 private:
  DynamicLibrary(void* handle, std::string soname)
      : handle_(handle), soname_(std::move(soname)) {}
  Status Find(const char* name, void** address) const;

  void* handle_;
  std::string soname_;
};

}  // namespace kto::ingest
