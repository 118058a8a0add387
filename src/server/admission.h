// A limit on the requests computed at once, admitted in arrival order.
//
// The server keeps one worker thread per open connection (64 by default), so
// under load many more threads are runnable than there are cores. The
// kernel then shares the cores among them in no particular order: the mean
// latency is what the load makes it, but some requests wait many times
// longer than the rest. Past the gate only `limit` requests run; the others
// sleep in a first-in, first-out queue, so every request waits about as
// long as the ones before it.
//
// Thread safety: Enter() and Leave() may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace kto::server {

class AdmissionGate {
 public:
  explicit AdmissionGate(size_t limit) : limit_(limit > 0 ? limit : 1) {}
  AdmissionGate(const AdmissionGate&) = delete;
  AdmissionGate& operator=(const AdmissionGate&) = delete;

  // Returns once fewer than `limit` callers are between Enter() and Leave()
  // and every caller that came before has been admitted.
  void Enter() {
    std::unique_lock<std::mutex> lock(mutex_);
    if (active_ < limit_ && waiting_.empty()) {
      ++active_;
      return;
    }
    Waiter self;
    waiting_.push_back(&self);
    self.woken.wait(lock, [&self] { return self.admitted; });
  }

  // Hands the place of a caller that entered to the first one waiting.
  void Leave() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (waiting_.empty()) {
      --active_;
      return;
    }
    Waiter* next = waiting_.front();
    waiting_.pop_front();
    next->admitted = true;
    next->woken.notify_one();  // under the lock: `next` lives until it relocks
  }

  size_t waiting() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return waiting_.size();
  }

 private:
  struct Waiter {
    std::condition_variable woken;
    bool admitted = false;
  };

  const size_t limit_;
  mutable std::mutex mutex_;
  size_t active_ = 0;
  std::deque<Waiter*> waiting_;  // in arrival order
};

// Leaves the gate for its lifetime and enters it again at the end: a request
// that waits for something other than a core (the writer's transaction)
// steps out so that others compute meanwhile.
class OutsideGate {
 public:
  explicit OutsideGate(AdmissionGate& gate) : gate_(gate) { gate_.Leave(); }
  ~OutsideGate() { gate_.Enter(); }
  OutsideGate(const OutsideGate&) = delete;
  OutsideGate& operator=(const OutsideGate&) = delete;

 private:
  AdmissionGate& gate_;
};

}  // namespace kto::server
