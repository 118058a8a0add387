// A pool of per-thread objects that are expensive to make and not
// thread-safe (a store connection, an analyzer's scratch state): a request
// borrows one for its duration and gives it back, so N workers need at most
// N of them, made on first need.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "kto/status.h"

namespace kto::server {

template <typename T>
class Pool {
 public:
  using Factory = std::function<Result<std::unique_ptr<T>>()>;
  explicit Pool(Factory make) : make_(std::move(make)) {}

  // An object borrowed from the pool; returned to it on destruction.
  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<T> object) : pool_(pool), object_(std::move(object)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (object_) pool_->Return(std::move(object_));
    }
    T& operator*() const { return *object_; }
    T* operator->() const { return object_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<T> object_;
  };

  // An idle object, or a new one from the factory (whose error is returned).
  Result<Lease> Borrow() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!idle_.empty()) {
        std::unique_ptr<T> object = std::move(idle_.back());
        idle_.pop_back();
        return Lease(this, std::move(object));
      }
    }
    auto made = make_();
    if (!made.ok()) return made.status();
    return Lease(this, std::move(made).value());
  }

 private:
  void Return(std::unique_ptr<T> object) {
    std::lock_guard<std::mutex> lock(mutex_);
    idle_.push_back(std::move(object));
  }

  Factory make_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<T>> idle_;
};

}  // namespace kto::server
