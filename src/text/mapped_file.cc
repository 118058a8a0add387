#include "kto/text/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kto::text {

Result<std::unique_ptr<MappedFile>> MappedFile::Open(const std::string& path, std::string_view what,
                                                     std::string_view missing_hint) {
  const std::string name(what);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT)
      return Status::NotFound(name + " does not exist" + std::string(missing_hint));
    return Status::IoError("cannot open " + name + ": " + std::strerror(err));
  }
  struct stat st {};
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::IoError(name + " is not a regular file");
  }
  std::unique_ptr<MappedFile> file(new MappedFile());
  file->size_ = static_cast<size_t>(st.st_size);
  if (file->size_ > 0) {
    void* map = mmap(nullptr, file->size_, PROT_READ, MAP_SHARED, fd, 0);
    const int err = errno;
    ::close(fd);
    if (map == MAP_FAILED) return Status::IoError("cannot map " + name + ": " + std::strerror(err));
    file->map_ = map;
  } else {
    ::close(fd);
  }
  return file;
}

MappedFile::~MappedFile() {
  if (map_ != nullptr) munmap(map_, size_);
}

}  // namespace kto::text
