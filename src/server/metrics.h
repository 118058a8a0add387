// The server's Prometheus metrics (GET /metrics, text format 0.0.4):
// requests by route, method and status, their latency histograms, requests
// in flight, articles ingested by outcome, and gauges read at scrape time.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace kto::server {

class Metrics {
 public:
  // `route` is the route's pattern («/api/v1/articles/{id}/panel»), not the
  // path, so that the number of series stays bounded.
  void ObserveRequest(const std::string& route, const std::string& method, int status,
                      double seconds);
  void CountIngested(const std::string& outcome, int64_t n);
  // A gauge computed when scraped (store size); `read` returns a value or
  // a negative number to leave the gauge out of the scrape.
  void AddGauge(std::string name, std::string help, std::function<double()> read);

  // The exposition text.
  std::string Render() const;

 private:
  struct Series {
    int64_t count = 0;
    double sum = 0;
    std::vector<int64_t> buckets;  // cumulative at render; per bucket here
  };
  struct Gauge {
    std::string name, help;
    std::function<double()> read;
  };

  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, int64_t> requests_;
  std::map<std::string, Series> latency_;  // by route
  // Every outcome from the start, at zero until counted (a counter that
  // appears only later breaks rate() over the scrape before it).
  std::map<std::string, int64_t> ingested_ = {
      {"new", 0}, {"unchanged", 0}, {"updated", 0}, {"rejected", 0}};
  std::vector<Gauge> gauges_;
};

}  // namespace kto::server
