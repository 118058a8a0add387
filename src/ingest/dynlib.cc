#include "dynlib.h"

#include <dlfcn.h>

namespace kto::ingest {

Result<DynamicLibrary> DynamicLibrary::Load(const char* soname, const char* package) {
  // dlopen is thread-safe and returns the same handle for a loaded library.
  void* handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* error = dlerror();
    return Status::NotFound(std::string("cannot load ") + soname + " (" +
                            (error != nullptr ? error : "unknown error") + "); install the " +
                            package + " package (scripts/install-deps.sh)");
  }
  return DynamicLibrary(handle, soname);
}

Status DynamicLibrary::Resolve(std::initializer_list<Slot> slots) const {
  for (const Slot& slot : slots) {
    *slot.address = dlsym(handle_, slot.name);
    if (*slot.address == nullptr) {
      return Status::NotFound(soname_ + " has no symbol " + slot.name +
                              " (too old a version; run scripts/install-deps.sh)");
    }
  }
  return Status();
}

}  // namespace kto::ingest
