// The HTTP side of `kto serve`: cpp-httplib's server and thread pool, the
// middleware every request goes through (limits, 503 when overloaded or
// stopping, the log line, metrics, errors as JSON) and start-up.
#include "kto/server/server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <regex>
#include <thread>

#include "context.h"
#include "http.h"
#include "kto/pipeline/models.h"
#include "kto/pipeline/search_tokenizer.h"
#include "kto/text/utf8.h"

namespace kto::server {
namespace {

using Clock = std::chrono::steady_clock;

// What the middleware knows of the request a worker thread is serving: the
// route label its handler set and when it started. The logger runs on the
// same thread right after the handler.
struct RequestInfo {
  std::string route = "unmatched";
  Clock::time_point start;
  bool counted = false;  // in Context::in_flight
};
thread_local RequestInfo current_request;

std::string UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

// The request target as logged: at most 200 bytes, control bytes escaped so
// that a hostile path cannot forge log lines.
std::string LoggedTarget(const std::string& target) {
  if (target.size() <= 200) return text::EscapeControlBytes(target);
  return text::EscapeControlBytes(std::string_view(target).substr(0, 200)) + "…";
}

// cpp-httplib 0.11 listens with a backlog of 5: a burst of clients
// connecting at once overflows it, and the kernel drops what they send
// until it resets them. Listening again on the bound socket raises it.
void RaiseListenBacklog(int listen_fd) {
  int accepting = 0;
  socklen_t size = sizeof accepting;
  if (listen_fd >= 0 && getsockopt(listen_fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &size) == 0 &&
      accepting)
    ::listen(listen_fd, SOMAXCONN);
}

// cpp-httplib 0.11 (Debian 12's) checks the body limit against
// Content-Length only: a chunked body, or a compressed one (inflated as it
// is read), could grow past max_body_bytes. The pre-routing handler runs
// before the body is read, so such requests are answered here, and the
// connection closed (the unread body must not be read as the next request).
// It also builds a multi-range answer in memory, a copy for each range: kto
// serves no ranges, so they are dropped. Returns whether it answered.
bool RefuseUnboundedBody(const httplib::Request& req, httplib::Response& res) {
  const_cast<httplib::Request&>(req).ranges.clear();
  if (req.has_header("Transfer-Encoding")) {
    res.set_header("Connection", "close");
    SendError(res, 411, "length_required",
              "send the body with a Content-Length (no Transfer-Encoding)");
    return true;
  }
  const std::string encoding = req.get_header_value("Content-Encoding");
  if (!encoding.empty() && encoding != "identity") {
    res.set_header("Connection", "close");
    SendError(res, 415, "unsupported_encoding", "send the body without Content-Encoding");
    return true;
  }
  return false;
}

// A worker serves one connection at a time, kept alive between its
// requests: the default lets 64 clients keep connections open at once.
size_t WorkerCount(size_t asked) {
  return asked > 0 ? asked : 64;
}

// Requests computed at once: by default one a core and one more, so that a
// core has the next request ready while another hands over its place (on 2
// cores, panels at 32 connections: 2 places 4,350/s; 3 places 5,700–6,200/s,
// p99 8.9–9.9 ms; 4 places about as many a second, p99 9.7–10.9 ms).
size_t ActiveLimit(size_t asked) {
  return asked > 0 ? asked : std::max(1u, std::thread::hardware_concurrency()) + 1;
}

}  // namespace

class Server::Impl : public Routes {
 public:
  Context context;
  httplib::Server http;
  int port = 0;
  int listen_fd = -1;  // the socket cpp-httplib listens on

  // The methods of every route's pattern, for the Allow header of a 405.
  std::vector<std::pair<std::regex, std::string>> route_methods;

  void Get(const std::string& pattern, const std::string& route, Handler handler) override {
    http.Get(pattern, Wrap(route, std::move(handler)));
    route_methods.emplace_back(std::regex(pattern), "GET");
  }
  void Post(const std::string& pattern, const std::string& route, Handler handler) override {
    http.Post(pattern, Wrap(route, std::move(handler)));
    route_methods.emplace_back(std::regex(pattern), "POST");
  }

  // The methods a route of `path` answers, as an Allow header value; empty
  // when no route has the path.
  std::string AllowedMethods(const std::string& path) const {
    std::string allowed;
    for (const auto& [pattern, method] : route_methods) {
      if (!std::regex_match(path, pattern) || allowed.find(method) != std::string::npos) continue;
      if (method == "GET")
        allowed += allowed.empty() ? "GET, HEAD" : ", GET, HEAD";
      else
        allowed += allowed.empty() ? method : ", " + method;
    }
    return allowed;
  }

  httplib::Server::Handler Wrap(std::string route, Handler handler) {
    return [this, route = std::move(route), handler = std::move(handler)](
               const httplib::Request& req, httplib::Response& res) {
      current_request.route = route;
      context.admission->Enter();
      try {
        handler(context, req, res);
      } catch (...) {
        context.admission->Leave();
        throw;
      }
      context.admission->Leave();
    };
  }

  void InstallMiddleware();
};

void Server::Impl::InstallMiddleware() {
  const ServerOptions& options = context.options;
  http.new_task_queue = [n = WorkerCount(options.threads)] { return new httplib::ThreadPool(n); };
  // Binds without SO_REUSEPORT (cpp-httplib's default sets it, which would
  // let a second server share a taken port instead of refusing to start).
  // The first socket given is the listening one.
  http.set_socket_options([this](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (listen_fd < 0) listen_fd = sock;
  });
  http.set_payload_max_length(options.max_body_bytes);
  http.set_read_timeout(options.read_timeout_s);
  http.set_write_timeout(options.write_timeout_s);
  // A kept-alive connection holds its worker thread until it closes: a
  // client gets the worker back to the pool after 100 requests or 5 s idle.
  http.set_keep_alive_timeout(5);
  http.set_keep_alive_max_count(100);
  http.set_tcp_nodelay(true);

  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    current_request = RequestInfo{"unmatched", Clock::now(), true};
    const int in_flight = ++context.in_flight;
    if (context.stopping) {
      res.set_header("Connection", "close");
      SendError(res, 503, "shutting_down", "the server is shutting down");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (static_cast<size_t>(in_flight) > context.options.max_in_flight) {
      res.set_header("Retry-After", "1");
      SendError(res, 503, "overloaded", "too many requests in flight; retry later");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.target.size() > 4096) {
      SendError(res, 414, "uri_too_long", "the request target is longer than 4096 bytes");
      return httplib::Server::HandlerResponse::Handled;
    }
    return RefuseUnboundedBody(req, res) ? httplib::Server::HandlerResponse::Handled
                                         : httplib::Server::HandlerResponse::Unhandled;
  });

  // Statuses cpp-httplib answers itself (404 without a route, 413, 400 of a
  // malformed request) get the JSON error body too.
  http.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 404) {  // a path of a route answered with another method
      const std::string allowed = AllowedMethods(req.path);
      if (!allowed.empty()) {
        res.status = 405;
        res.set_header("Allow", allowed);
      }
    }
    if (IsPagePath(req.path)) {
      return SendPageError(res, res.status,
                           res.status == 404 ? "Нет такой страницы"
                           : res.status == 405 ? "Эта страница так не открывается"
                                               : "Запрос не выполнен");
    }
    switch (res.status) {
      case 404:
        return SendError(res, 404, "not_found", "no such route");
      case 413:
        return SendError(res, 413, "too_large", "the request body is larger than allowed");
      case 405:
        return SendError(res, 405, "method_not_allowed", "method not allowed on this route");
      default:
        return SendError(
            res, res.status, "http_" + std::to_string(res.status),
            "the request could not be served (HTTP " + std::to_string(res.status) + ")");
    }
  });
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr e) {
        std::string what = "unknown exception";
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& ex) {
          what = ex.what();
        } catch (...) {
        }
        std::cerr << "kto serve: unhandled exception: " << what << "\n";
        SendError(res, 500, "internal", "internal error (logged by the server)");
      });

  http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    RequestInfo& info = current_request;
    const double seconds = std::chrono::duration<double>(Clock::now() - info.start).count();
    if (info.counted) {
      --context.in_flight;
      info.counted = false;
    }
    context.metrics.ObserveRequest(info.route, req.method, res.status, seconds);
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.2fms", seconds * 1000);
    std::string line = UtcNow() + " " + req.method + " " + LoggedTarget(req.target) + " " +
                       std::to_string(res.status) + " " + duration;
    if (context.options.log)
      context.options.log(line);
    else
      std::cerr << line + "\n" << std::flush;
    // A request cpp-httplib refuses before routing (400, 414) gets no
    // pre-routing call: it must not be counted under this one's route.
    info = RequestInfo{"unmatched", Clock::now(), false};
  });
}

Status OpenContext(Context& context) {
  const ServerOptions& options = context.options;
  context.admission = std::make_unique<AdmissionGate>(ActiveLimit(options.max_active));
  const std::string& spec = options.store;
  if (!options.create_store && spec.find("://") == std::string::npos) {
    std::string path = spec.rfind("sqlite:", 0) == 0 ? spec.substr(7) : spec;
    if (!std::filesystem::exists(path))
      return Status::NotFound("no database " + path + " (create it with kto ingest --db " + spec +
                              ")");
  }
  auto morph = pipeline::OpenDictionary(options.models);
  if (!morph.ok()) return morph.status();
  context.morph = *morph;
  auto analyzer = pipeline::OpenArticleAnalyzer(options.models);
  if (!analyzer.ok()) return analyzer.status();
  context.analyzer = std::move(analyzer).value();

  // Every connection keeps and reads the full-text index with the same
  // morphology (pipeline/search_tokenizer.h).
  auto writer_store = pipeline::OpenStore(spec, context.morph);
  if (!writer_store.ok()) return writer_store.status();
  auto writer_analyzer = pipeline::ParallelAnalyzer::Open(options.models, 0);
  if (!writer_analyzer.ok()) return writer_analyzer.status();
  auto writer = Writer::Create(std::move(writer_store).value(), std::move(writer_analyzer).value(),
                               store::IsServerSpec(spec));
  if (!writer.ok()) return writer.status();
  context.writer = std::move(writer).value();

  context.readers = std::make_unique<Pool<store::Store>>(
      [spec, morph = context.morph]() { return pipeline::OpenStore(spec, morph); });
  auto first_reader = context.readers->Borrow();  // fail now, not at the first request
  if (!first_reader.ok()) return first_reader.status();
  context.metrics.AddGauge("kto_store_size_bytes", "Size of the store's files.", [&context]() {
    auto store = context.readers->Borrow();
    if (!store.ok()) return -1.0;
    auto size = (*store)->SizeBytes();
    return size.ok() ? static_cast<double>(*size) : -1.0;
  });
  context.states = std::make_unique<Pool<facts::ArticleAnalyzer::State>>(
      [analyzer = context.analyzer]() -> Result<std::unique_ptr<facts::ArticleAnalyzer::State>> {
        return std::make_unique<facts::ArticleAnalyzer::State>(*analyzer);
      });
  return Status();
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::Open(const ServerOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->context.options = options;
  if (Status s = OpenContext(impl->context); !s.ok()) return s;
  impl->InstallMiddleware();
  AddApiRoutes(*impl);
  AddPageRoutes(*impl);
  if (options.port == 0) {
    impl->port = impl->http.bind_to_any_port(options.host);
  } else if (impl->http.bind_to_port(options.host, options.port)) {
    impl->port = options.port;
  } else {
    impl->port = -1;
  }
  RaiseListenBacklog(impl->listen_fd);
  if (impl->port <= 0) {
    return Status::IoError("cannot listen on " + options.host + ":" + std::to_string(options.port) +
                           " (the port is taken, or the address is not this machine's)");
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Status Server::Run() {
  if (impl_->context.stopping) return Status();
  if (!impl_->http.listen_after_bind() && !impl_->context.stopping)
    return Status::IoError("the server stopped listening unexpectedly");
  return Status();
}

void Server::Stop() {
  impl_->context.stopping = true;
  impl_->http.stop();
}

int Server::port() const {
  return impl_->port;
}

}  // namespace kto::server
