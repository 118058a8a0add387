// kto/server/server.h — `kto serve`: the HTTP API (JSON under /api/v1), the
// web pages and the embeddable panel, over one store.
//
//   server::ServerOptions options;
//   options.store = "kto.db";
//   auto server = server::Server::Open(options);   // opens the store, loads models, binds
//   if (!server.ok()) ...;                          // port taken, store corrupt, model missing
//   std::thread stopper([&] { WaitForSignal(); (*server)->Stop(); });
//   (*server)->Run();                               // until Stop(); in-flight requests finish
//
// Routes, statuses and bodies are documented in docs/api.md and described by
// GET /api/v1/openapi.json. Every request is served by one of `threads`
// workers; readers read the store on their own connection, each request in
// one read transaction (a snapshot: never half an article); writes (POST
// /api/v1/articles) go through the one writer (pipeline::Ingestor), one
// transaction per request.
//
// Thread safety: Run() blocks its thread; Stop() may be called from any
// thread (a signal-waiting thread), once Run() has started or before.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "kto/pipeline/models.h"
#include "kto/status.h"

namespace kto::server {

struct ServerOptions {
  std::string store = "kto.db";  // store spec (store::Open); must exist unless create_store
  bool create_store = false;     // tests and demos: create an empty store
  std::string host = "127.0.0.1";
  int port = 8080;     // 0: any free port (see Server::port())
  size_t threads = 0;  // request workers (open connections served); 0: 64
  // Requests computed at once; the others wait their turn in arrival order
  // (a request waiting for the writer does not count). 0: the cores + 1.
  size_t max_active = 0;
  std::string api_key;  // non-empty: writes need «Authorization: Bearer KEY»
  size_t max_body_bytes = 8u << 20;
  // The largest article (title and text) posted or analyzed: 413 beyond.
  size_t max_article_bytes = size_t{4} << 20;
  size_t max_in_flight = 256;  // requests beyond it are answered 503
  int read_timeout_s = 10;     // slow clients are dropped after this
  int write_timeout_s = 10;
  // Origins allowed to frame /embed/... pages (Content-Security-Policy
  // frame-ancestors), e.g. "https://news.example"; empty: any origin.
  std::string frame_ancestors;
  pipeline::ModelPaths models;
  // Where the per-request log lines go (method, path, status, duration);
  // empty: standard error.
  std::function<void(const std::string&)> log;
};

class Server {
 public:
  // Opens the store (refusing a missing one unless create_store, a corrupt
  // one, or one newer than this program), loads the models and binds the
  // port. Errors: kNotFound (no store), kCorrupt, kModelMissing, kIoError
  // (the port cannot be bound: taken, or not allowed).
  static Result<std::unique_ptr<Server>> Open(const ServerOptions& options);
  ~Server();

  // Serves until Stop(). Returns OK after a graceful stop.
  Status Run();
  // Stops accepting connections, answers new requests on open connections
  // with 503, lets requests in flight finish (their writes committed) and
  // makes Run() return.
  void Stop();

  // The bound port (useful with ServerOptions::port 0).
  int port() const;

  class Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kto::server
