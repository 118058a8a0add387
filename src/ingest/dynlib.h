// Shared libraries loaded when first needed (dlopen) instead of at process
// start. libcurl and libxml2 bring some forty libraries with them (TLS,
// Kerberos, LDAP, ICU); loading and relocating those costs 6–7 ms of CPU at
// every start, more than `kto panel` needs for its whole answer. Commands
// that fetch or parse markup load them on first use; the others never do.
//
// Thread safety: DynamicLibrary::Load may run on several threads at once.
#pragma once

#include <initializer_list>
#include <string>

#include "kto/status.h"

namespace kto::ingest {

class DynamicLibrary {
 public:
  // Loads `soname` (the versioned file name, «libcurl.so.4»), once per
  // process; the library stays loaded until exit. `package` names the Debian
  // package that provides it, for the error message. Fails with kNotFound.
  static Result<DynamicLibrary> Load(const char* soname, const char* package);

  // Where one symbol's address goes: a function pointer or a pointer to a
  // variable of the library's type.
  struct Slot {
    template <typename T>
    Slot(const char* symbol, T* target) : name(symbol), address(reinterpret_cast<void**>(target)) {}
    const char* name;
    void** address;
  };

  // Sets every slot to the address of its symbol in the library; fails with
  // kNotFound when one is missing (too old a version).
  Status Resolve(std::initializer_list<Slot> slots) const;

 private:
  DynamicLibrary(void* handle, std::string soname) : handle_(handle), soname_(std::move(soname)) {}

  void* handle_;
  std::string soname_;
};

}  // namespace kto::ingest
