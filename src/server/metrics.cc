#include "metrics.h"

#include <array>
#include <cstdio>

namespace kto::server {
namespace {

// Latency bucket bounds in seconds: the panel's target is a p99 of 10 ms.
constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                             0.05,   0.1,   0.25,   0.5,   1,    5};

// A label value escaped as the text format wants (\, " and newline).
std::string Label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.9g", value);
  return buffer;
}

}  // namespace

void Metrics::ObserveRequest(const std::string& route, const std::string& method, int status,
                             double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{route, method, status}];
  Series& series = latency_[route];
  if (series.buckets.empty()) series.buckets.resize(kBuckets.size());
  ++series.count;
  series.sum += seconds;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++series.buckets[i];
      break;
    }
  }
}

void Metrics::CountIngested(const std::string& outcome, int64_t n) {
  std::lock_guard<std::mutex> lock(mutex_);
  ingested_[outcome] += n;
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard<std::mutex> lock(mutex_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::Render() const {
  std::vector<Gauge> gauges;
  std::string out;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    gauges = gauges_;
    out += "# HELP kto_http_requests_total HTTP requests by route, method and status.\n";
    out += "# TYPE kto_http_requests_total counter\n";
    for (const auto& [key, n] : requests_) {
      const auto& [route, method, status] = key;
      out += "kto_http_requests_total{route=\"" + Label(route) + "\",method=\"" + Label(method) +
             "\",status=\"" + std::to_string(status) + "\"} " + std::to_string(n) + "\n";
    }
    out += "# HELP kto_http_request_duration_seconds Time to answer a request, by route.\n";
    out += "# TYPE kto_http_request_duration_seconds histogram\n";
    for (const auto& [route, series] : latency_) {
      const std::string labels = "route=\"" + Label(route) + "\"";
      int64_t cumulative = 0;
      for (size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative += series.buckets[i];
        out += "kto_http_request_duration_seconds_bucket{" + labels + ",le=\"" +
               Number(kBuckets[i]) + "\"} " + std::to_string(cumulative) + "\n";
      }
      out += "kto_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " +
             std::to_string(series.count) + "\n";
      out += "kto_http_request_duration_seconds_sum{" + labels + "} " + Number(series.sum) + "\n";
      out += "kto_http_request_duration_seconds_count{" + labels + "} " +
             std::to_string(series.count) + "\n";
    }
    out += "# HELP kto_articles_ingested_total Articles posted, by outcome.\n";
    out += "# TYPE kto_articles_ingested_total counter\n";
    for (const auto& [outcome, n] : ingested_)
      out += "kto_articles_ingested_total{outcome=\"" + Label(outcome) + "\"} " +
             std::to_string(n) + "\n";
  }
  // Gauges are read without the lock: they may query the store.
  for (const Gauge& gauge : gauges) {
    const double value = gauge.read();
    if (value < 0) continue;
    out += "# HELP " + gauge.name + " " + gauge.help + "\n# TYPE " + gauge.name + " gauge\n";
    out += gauge.name + " " + Number(value) + "\n";
  }
  return out;
}

}  // namespace kto::server
