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

Status DynamicLibrary::Find(const char* name, void** address) const {
  dlerror();
  *address = dlsym(handle_, name);
  if (*address == nullptr) {
    return Status::NotFound(soname_ + " has no symbol " + name +
                            " (too old a version; run scripts/install-deps.sh)");
  }
  return Status();
}

}  // namespace kto::ingest
