// kto/status.h — error values shared by every kto module.
//
// A Status is either OK or carries a code and a message meant for a person
// ("what went wrong and what to do"). Result<T> holds a value or a non-OK
// Status. Factories return these instead of throwing, so a half-built object
// never escapes. The CLI maps Status codes to exit codes (see docs/cli.md).
//
// Thread safety: plain values; safe to copy between threads.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace kto {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the caller passed something unusable (bad option, bad value)
  kInvalidInput,     // the data is malformed (invalid UTF-8, broken JSON line, ...)
  kNotFound,         // a file or record does not exist
  kIoError,          // reading or writing failed
  kCorrupt,          // a binary file is truncated, has a bad checksum or wrong version
  kInternal,         // a bug in kto
  kModelMissing,     // a model or dictionary file the engine needs does not exist
  // Another writer of a shared database got in the way (a deadlock, a
  // serialization failure, a lock not granted in time); nothing of the
  // failed transaction was written and running it again may succeed.
  kConflict,
};

class Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return {StatusCode::kInvalidArgument, std::move(m)};
  }
  static Status InvalidInput(std::string m) { return {StatusCode::kInvalidInput, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status Corrupt(std::string m) { return {StatusCode::kCorrupt, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
  static Status ModelMissing(std::string m) { return {StatusCode::kModelMissing, std::move(m)}; }
  static Status Conflict(std::string m) { return {StatusCode::kConflict, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value or an error. REQUIRES: value() only when ok(), status() any time.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) { assert(!std::get<Status>(v_).ok()); }  // NOLINT

  bool ok() const { return std::holds_alternative<T>(v_); }
  Status status() const { return ok() ? Status() : std::get<Status>(v_); }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace kto
