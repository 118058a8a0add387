// The HTTP server of the tests that fetch: cpp-httplib (the library the HTTP
// service will use) listening on 127.0.0.1 (loopback only) at a free port,
// in a thread of its own, until destroyed. Real HTTP on a real socket: what
// libcurl reads is what a web server sends.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <utility>

namespace kto::ingest::testing {

class TestHttpServer {
 public:
  // Answers every GET with `handler`.
  explicit TestHttpServer(httplib::Server::Handler handler) {
    server_.set_keep_alive_max_count(1);  // one request per connection
    server_.Get(".*", [this, handler = std::move(handler)](const httplib::Request& request,
                                                           httplib::Response& response) {
      ++requests_;
      handler(request, response);
    });
    const int port = server_.bind_to_any_port("127.0.0.1");
    if (port <= 0) return;
    thread_ = std::thread([this] {
      server_.listen_after_bind();
      done_ = true;
    });
    WaitUntilRunningOrDone();
    if (server_.is_running()) port_ = port;
  }

  // Answers every GET with one fixed response.
  TestHttpServer(int status, std::string content_type, std::string body)
      : TestHttpServer([status, content_type = std::move(content_type), body = std::move(body)](
                           const httplib::Request&, httplib::Response& response) {
          response.status = status;
          response.set_content(body, content_type);
        }) {}

  ~TestHttpServer() {
    if (!thread_.joinable()) return;
    WaitUntilRunningOrDone();
    server_.stop();
    thread_.join();
  }

  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  bool ok() const { return port_ != 0; }
  int port() const { return port_; }
  int requests() const { return requests_; }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  // A loopback port nothing listens on (a server's, once it has stopped).
  static int UnusedPort() { return TestHttpServer(200, "text/plain", "").port(); }

 private:
  // stop() is lost on a server not yet running.
  void WaitUntilRunningOrDone() const {
    while (!server_.is_running() && !done_)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<int> requests_{0};
  std::atomic<bool> done_{false};  // listen_after_bind returned
};

}  // namespace kto::ingest::testing
