// What every request handler of the server shares: the options, the store
// connections of the readers, the analyzer, the one writer and the metrics.
#pragma once

#include <httplib.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "admission.h"
#include "kto/facts/article.h"
#include "kto/morph/analyzer.h"
#include "kto/server/server.h"
#include "kto/store/store.h"
#include "metrics.h"
#include "pool.h"
#include "writer.h"

namespace kto::server {

struct Context {
  ServerOptions options;
  std::shared_ptr<const morph::Analyzer> morph;
  std::shared_ptr<const facts::ArticleAnalyzer> analyzer;  // POST /api/v1/analyze, /analyze
  std::unique_ptr<Pool<store::Store>> readers;             // one connection per busy worker
  std::unique_ptr<Pool<facts::ArticleAnalyzer::State>> states;
  std::unique_ptr<Writer> writer;
  Metrics metrics;
  // Every route's handler runs inside it (server.cc); see admission.h.
  std::unique_ptr<AdmissionGate> admission;
  std::atomic<bool> stopping{false};
  std::atomic<int> in_flight{0};
};

// Opens what `context.options` names: the store (the writer's connection
// and the pool of readers, the first reader opened now), the models, the
// writer and the admission gate. Errors as Server::Open's.
Status OpenContext(Context& context);

// Route registration: api.cc and pages.cc add theirs to the server through
// this (server.cc wraps each handler with the route's metrics label).
class Routes {
 public:
  using Handler = std::function<void(Context&, const httplib::Request&, httplib::Response&)>;
  virtual ~Routes() = default;
  // `pattern` is a regular expression over the decoded path; `route` the
  // label of metrics and logs («/api/v1/persons/{kb_id}»).
  virtual void Get(const std::string& pattern, const std::string& route, Handler handler) = 0;
  virtual void Post(const std::string& pattern, const std::string& route, Handler handler) = 0;
};

void AddApiRoutes(Routes& routes);
void AddPageRoutes(Routes& routes);

// Whether `path` is a page's (errors are HTML pages there, JSON elsewhere).
bool IsPagePath(std::string_view path);
// An HTML error page with `status` (pages.cc).
void SendPageError(httplib::Response& res, int status, std::string_view message);

}  // namespace kto::server
